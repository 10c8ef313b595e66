#!/bin/sh
# Render an HTML file to a PNG with headless Chromium (no network, throwaway profile).
# Usage: scripts/render_html.sh IN.html OUT.png [WIDTHxHEIGHT]
# Needs chromium: apt-get install -y chromium
set -eu
if [ "$#" -lt 2 ]; then
    echo "usage: $0 IN.html OUT.png [WIDTH,HEIGHT]" >&2
    exit 2
fi
in=$1
out=$2
size=${3:-1200,1600}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "chromium not found: apt-get install -y chromium" >&2
    exit 1
fi
case $in in
    /*) path=$in ;;
    *) path=$(pwd)/$in ;;
esac
case $out in
    /*) ;;
    *) out=$(pwd)/$out ;;
esac
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --screenshot="$out" --window-size="$size" \
    "file://$path" >/dev/null 2>&1
test -s "$out" || { echo "no screenshot written to $out" >&2; exit 1; }
echo "$out"
