#!/usr/bin/env bash
# Install lexmap with its test dependencies and run the whole test suite (arguments go to pytest).
# System packages the tests drive are installed when missing (needs root; apt's output goes to a
# log shown only on failure): Debian's Chromium (headless, for the site tests) and LibreOffice
# (headless, to open the exported spreadsheets).
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp -t lexmap-setup.XXXXXX.log)"

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
if [ "${#packages[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing ${packages[*]} (log: $log)"
        quietly apt-get update -qq
        quietly env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
    else
        echo "not installed (needs root and apt-get): ${packages[*]}; the tests that need them say so" >&2
    fi
fi
echo "installing lexmap[test] (log: $log)"
quietly python -m pip install -q -e '.[test]'
rm -f "$log"
python -m pytest "$@"
