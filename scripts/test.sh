#!/usr/bin/env bash
# Install lexmap with its test dependencies and run the whole test suite (arguments go to pytest).
#
#   bash scripts/test.sh             the pinned test environment (constraints/test.txt), every test
#   bash scripts/test.sh --latest    the newest release of every dependency instead of the pins
#   bash scripts/test.sh -m "not slow"   the fast subset for daily work (pytest arguments pass on)
#
# System tools the tests drive are installed when missing (needs root and apt-get; apt's output
# goes to a log shown only on failure): Chromium (the site in a browser), LibreOffice (opening the
# spreadsheet and the chart) and poppler-utils (reading the PDFs LibreOffice makes). Outside CI a
# test whose tool is missing skips with the install line; in CI (CI set) it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp -t lexmap-setup.XXXXXX.log)"

latest=no
if [ "${1:-}" = "--latest" ]; then latest=yes; shift; fi

quietly() {  # run "$@" with its output in the log; on failure show the log and stop
    if ! "$@" >>"$log" 2>&1; then
        echo "scripts/test.sh: '$*' failed; its output:" >&2
        cat "$log" >&2
        exit 1
    fi
}

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v soffice >/dev/null 2>&1 || packages+=(libreoffice-calc-nogui libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)
if [ "${#packages[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing ${packages[*]} (log: $log)"
        quietly apt-get update -qq
        quietly env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
    else
        echo "not installed (needs root and apt-get): ${packages[*]}; the tests that need them say so" >&2
    fi
fi
if [ "$latest" = yes ]; then
    echo "installing lexmap[test] with the newest release of every dependency (log: $log)"
    quietly python -m pip install -q --upgrade --upgrade-strategy eager -e '.[test]'
else
    echo "installing lexmap[test] with constraints/test.txt (log: $log)"
    quietly python -m pip install -q -c constraints/test.txt -e '.[test]'
fi
rm -f "$log"
python -m pytest "$@"
