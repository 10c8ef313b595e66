#!/usr/bin/env bash
# Screenshot of the factmark app on the sample document with a demonstration annotation set.
#
#   scripts/screenshot.sh [OUT.png]        (default assets/screenshot.png)
#
# Needs: xvfb imagemagick xdotool libgl1-mesa-dri mesa-vulkan-drivers (Debian names).
# PROFILE=dev uses the dev build instead of release (quicker to build); CARGO_ARGS are
# passed to cargo build.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$root/assets/screenshot.png}")
profile=${PROFILE:-release}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
cd "$root"
if [ "$profile" = release ]; then
    cargo build ${CARGO_ARGS:-} --release --example app --example demo_set
    bin=$CARGO_TARGET_DIR/release/examples
else
    cargo build ${CARGO_ARGS:-} --example app --example demo_set
    bin=$CARGO_TARGET_DIR/debug/examples
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp sample_docs/harbor-bridge.txt "$work/"
"$bin/demo_set" "$work/harbor-bridge.txt"
# Keep the app's settings, recent files and recovery copies out of the real home.
export HOME=$work/home XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config
mkdir -p "$HOME"

xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
    set -euo pipefail
    "$1" "$2" &
    app=$!
    window=$(xdotool search --sync --onlyvisible --name factmark | head -n1)
    xdotool windowsize "$window" 1400 900 windowmove "$window" 0 0
    sleep "${SCREENSHOT_WAIT:-4}"
    # Select the first annotation (n) so the detail editor shows something.
    xdotool windowfocus --sync "$window" mousemove 300 400 key n
    sleep 1
    import -window root "$3"
    kill "$app"
' _ "$bin/app" "$work/harbor-bridge.txt" "$out"

# Smaller PNG: strip metadata, 8-bit palette if it keeps under ~400 KB.
convert "$out" -strip "$out"
if [ "$(stat -c %s "$out")" -gt 400000 ]; then
    convert "$out" -strip -colors 255 "$out"
fi
echo "wrote $out ($(stat -c %s "$out") bytes)"
