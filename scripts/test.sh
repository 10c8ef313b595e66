#!/usr/bin/env bash
# Runs factmark's whole test suite: `cargo test --locked`.
# The HTML report's browser test needs Chromium; as root on Debian/Ubuntu this script
# installs it first, elsewhere it says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

browser=""
for candidate in "${CHROMIUM:-}" chromium chromium-browser google-chrome; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1; then
    browser="$candidate"
    break
  fi
done
if [ -z "$browser" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing chromium for the HTML report's browser test" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "test.sh: the tests need Chromium (Debian/Ubuntu: sudo apt-get install chromium; or set CHROMIUM=/path/to/chrome)" >&2
    exit 1
  fi
fi

cargo test --locked "$@"
