#!/usr/bin/env bash
# The code checks beside the tests (CI runs them with scripts/test.sh): ruff's linter, ruff's
# formatter over the whole tree, mypy over lexmap/, and the import contract of the
# layers (lint-imports, configured in pyproject.toml). Every check runs; the script exits non-zero
# when any fails. The tools come from lexmap's `dev` extra, installed here first.
set -uo pipefail
cd "$(dirname "$0")/.."


# Always installed (a no-op when the environment already has it): a machine that has ruff, mypy
# and lint-imports from some earlier install may still lack a library lexmap imports, and mypy
# then fails on a missing module that a user's install has (CI stop 32: pypdf).
log="$(mktemp -t lexmap-check.XXXXXX.log)"
echo "installing lexmap[dev] with constraints/test.txt (log: $log)"
if ! python -m pip install -q -c constraints/test.txt -e '.[dev]' >"$log" 2>&1; then
    echo "scripts/check.sh: installing lexmap[dev] failed; its output:" >&2
    cat "$log" >&2
    exit 1
fi
rm -f "$log"

failed=()
run() {  # run "$@" under its name; remember it when it fails
    local name="$1"
    shift
    echo "== $name: $*"
    "$@" || failed+=("$name")
}

run lint python -m ruff check lexmap tests benchmarks
run format python -m ruff format --check lexmap tests benchmarks
run types python -m mypy lexmap
run imports lint-imports

if [ "${#failed[@]}" -gt 0 ]; then
    echo "scripts/check.sh: failed: ${failed[*]}" >&2
    [[ " ${failed[*]} " == *" format "* ]] && echo "hint: python -m ruff format lexmap tests benchmarks" >&2
    exit 1
fi
echo "scripts/check.sh: all checks passed"
