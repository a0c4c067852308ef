#!/usr/bin/env bash
# Install what the tests need and run the whole suite (the README's second Quickstart command).
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -e '.[test]'
python -m pytest -q "$@"
