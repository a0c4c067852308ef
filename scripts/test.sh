#!/usr/bin/env bash
# Install what the tests need and run the whole suite (the README's second Quickstart command).
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -e '.[test]'
# The browser tests drive Debian's chromium (Playwright uses it; no browser is downloaded).
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
        --no-install-recommends chromium >/dev/null; } \
        || echo "warning: could not install chromium; the browser tests will be skipped" >&2
fi
python -m pytest -q "$@"
