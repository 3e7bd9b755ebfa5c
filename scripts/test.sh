#!/usr/bin/env bash
# Install lexmap with its test dependencies and run the whole test suite.
# The site tests drive Debian's Chromium (headless): installed here when missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
    apt-get update -qq && apt-get install -y -qq chromium
fi
python -m pip install -q -e '.[test]'
python -m pytest "$@"
