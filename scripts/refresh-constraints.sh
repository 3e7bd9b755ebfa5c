#!/usr/bin/env bash
# Refresh constraints/test.txt: install lexmap[test,dev] with the newest release of every dependency
# in a fresh virtual environment, and pin what was installed. Run the tests after (bash scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$(mktemp -d -t lexmap-constraints.XXXXXX)"
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
extras=test
grep -q '^dev = ' pyproject.toml && extras=test,dev
"$venv/bin/python" -m pip install -q ".[$extras]"
{
    echo "# Pinned versions of the test environment (scripts/test.sh installs with -c constraints/test.txt)."
    echo "# Refresh: bash scripts/refresh-constraints.sh (a fresh venv, the newest releases, then pip freeze)."
    "$venv/bin/python" -m pip freeze --exclude-editable | grep -v '^lexmap'
} > constraints/test.txt.new
mv constraints/test.txt.new constraints/test.txt
echo "constraints/test.txt: $(grep -vc '^#' constraints/test.txt) pins"
