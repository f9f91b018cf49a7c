#!/usr/bin/env bash
# Measures the release kiosk under Xvfb: time until its window is mapped,
# resident and proportional memory after 3 s, and CPU used while nobody
# touches it for 60 s (IDLE_SECONDS to change). Needs Xvfb, xdotool, xdpyinfo.
# Usage: tools/measure-kiosk.sh [runs-for-startup]
#   BIN=path/to/kiosk-triage to measure another build (a release profile, say).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
idle=${IDLE_SECONDS:-60}
bin=${BIN:-target/release/kiosk-triage}
[ -x "$bin" ] || cargo build --release --quiet
bin=$(realpath "$bin")

display=:95
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$display
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
work=$(mktemp -d)

echo "startup (no window manager, built-in flows), ${runs} runs:"
for r in $(seq "$runs"); do
    start=$(date +%s%N)
    (cd "$work" && exec "$bin") >/dev/null 2>&1 &
    pid=$!
    until xdotool search --onlyvisible --name "Library help kiosk" >/dev/null 2>&1; do sleep 0.005; done
    echo "  run $r: window visible after $(( ($(date +%s%N) - start) / 1000000 )) ms"
    if [ "$r" -lt "$runs" ]; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
done

sleep 3
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
pss=$(awk '/^Pss:/ {s += $2} END {print s}' "/proc/$pid/smaps_rollup")
echo "memory 3 s after start: RSS $((rss / 1024)) MB, PSS $((pss / 1024)) MB"

ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks)
sleep "$idle"
after=$(ticks)
used=$(( after - before ))
echo "idle for ${idle} s on the home screen: ${used} CPU ticks (1/${hz} s) = $(awk -v u="$used" -v h="$hz" -v s="$idle" 'BEGIN {printf "%.2f%%", 100 * u / h / s}') CPU"
kill "$pid" 2>/dev/null || true
