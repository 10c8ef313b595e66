#!/usr/bin/env bash
# Screenshot of the factmark app (release build) on a sample document with its example set.
#
#   scripts/screenshot.sh [OUT.png] [DOC]   (defaults: assets/screenshot.png, harbor-bridge.txt)
#
# Needs (Debian): xvfb imagemagick xdotool libgl1-mesa-dri mesa-vulkan-drivers.
# CARGO_ARGS are passed to cargo build.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$root/assets/screenshot.png}")
doc=${2:-harbor-bridge.txt}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
cd "$root"
cargo build ${CARGO_ARGS:-} --release --bin factmark
bin=$CARGO_TARGET_DIR/release/factmark

# Work on copies, and keep the app's settings, recent files and recovery copies out of the
# real home.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp sample_docs/* "$work/"
export HOME=$work/home XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config
export XDG_RUNTIME_DIR=$work/run
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
    set -euo pipefail
    "$1" "$2" &
    app=$!
    window=$(xdotool search --sync --onlyvisible --name factmark | head -n1)
    xdotool windowsize "$window" 1400 900 windowmove "$window" 0 0
    sleep "${SCREENSHOT_WAIT:-4}"
    # Select the second annotation (n n) so the detail editor shows something.
    xdotool windowfocus --sync "$window" mousemove 700 450 key n
    sleep 0.5
    xdotool key n
    sleep 1
    import -window root "$3"
    kill "$app"
' _ "$bin" "$work/$doc" "$out"

# Smaller PNG: strip metadata, 8-bit palette if it keeps under ~400 KB.
convert "$out" -strip "$out"
if [ "$(stat -c %s "$out")" -gt 400000 ]; then
    convert "$out" -strip -colors 255 "$out"
fi
echo "wrote $out ($(stat -c %s "$out") bytes)"
