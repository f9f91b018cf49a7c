#!/usr/bin/env bash
# Measures what the release kiosk costs in CPU under Xvfb with Mesa's software
# renderer (llvmpipe), as on a library PC without a GPU:
#   - per screen change: CPU ticks of the kiosk process over CHANGES choices
#     of a home tile (number key 1; with TAP=1 a mouse click on the first
#     tile; with TAP=finger a press held a tenth of a second, as a finger
#     taps) and back home (Home key), divided per change;
#   - per text-size change by keyboard (Ctrl+Plus, Ctrl+Minus) on home;
#   - per second of the idle countdown: CPU while "Are you still there?"
#     counts down, as a share of one core;
#   - the frames drawn for each, counted from the kiosk's trace log (one
#     "frame:" line a frame with RUST_LOG=kiosk_triage::kiosk=trace).
# Figures go in docs/performance.md. Needs Xvfb, xdotool, xdpyinfo.
# Usage: tools/measure-screens.sh [WIDTHxHEIGHT] [changes]
#   BIN=path/to/kiosk-triage to measure another build (for before/after).
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1920x1080}
changes=${2:-20}
bin=${BIN:-target/release/kiosk-triage}
[ -x "$bin" ] || cargo build --release --quiet
bin=$(realpath "$bin")

display=${MEASURE_DISPLAY:-:94}
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$display
work=$(mktemp -d)
pid=""
trap 'kill $pid 2>/dev/null || true; kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# Short idle times so the countdown comes soon; the built-in flows.
cat >"$work/kiosk.ron" <<'RON'
(idle_warning_seconds: 10, idle_reset_seconds: 60)
RON
(cd "$work" && RUST_LOG=kiosk_triage::kiosk=trace exec "$bin" --config "$work/kiosk.ron") >/dev/null 2>"$work/log" &
pid=$!
until win=$(xdotool search --onlyvisible --name "Library help kiosk" 2>/dev/null | head -1) && [ -n "$win" ]; do
    sleep 0.05
done
sleep 3

ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
frames() { grep -c "frame:" "$work/log" || true; }
hz=$(getconf CLK_TCK)
key() { xdotool key --window "$win" "$1"; }
# The first tile's middle, at every size the kiosk's layout is measured at.
w=${size%x*}
h=${size#*x}
# TAP=1: a click, press and release at once; TAP=finger: a tap as a finger
# makes it, press, a tenth of a second, release.
tile1() {
    xdotool mousemove "$((w * 13 / 100))" "$((h * 34 / 100))"
    if [ "$TAP" = finger ]; then xdotool mousedown 1 sleep 0.1 mouseup 1; else xdotool click 1; fi
}
choose() { if [ -n "${TAP:-}" ]; then tile1; else key 1; fi; }
how=$(case "${TAP:-}" in "") echo "key 1" ;; finger) echo "finger tap on the first tile" ;; *) echo "click on the first tile" ;; esac)

# CPU and frames per change over CHANGES rounds of two changes: `there`,
# then `back` (commands), each followed by 0.4 s.
pairs() { # what there back
    local before f0 used drawn n=$((2 * changes))
    before=$(ticks)
    f0=$(frames)
    for _ in $(seq "$changes"); do
        $2
        sleep 0.4
        $3
        sleep 0.4
    done
    used=$(($(ticks) - before))
    drawn=$(($(frames) - f0))
    echo "$size: $n $1: ${used} ticks (1/${hz} s) = $(awk -v u="$used" -v h="$hz" -v n="$n" 'BEGIN {printf "%.1f ms", 1000 * u / h / n}') of CPU per change (idle time between them included), $(awk -v d="$drawn" -v n="$n" 'BEGIN {printf "%.1f", d / n}') frames per change"
}

key Home
sleep 1
pairs "screen changes ($how, then Home)" choose "key Home"

# Text size by keyboard on home: Ctrl+Plus, then Ctrl+Minus (each size drawn
# once before, so its glyphs are not new).
key ctrl+plus
sleep 0.5
key ctrl+minus
sleep 0.5
pairs "text-size changes (Ctrl+Plus, then Ctrl+Minus)" "key ctrl+plus" "key ctrl+minus"

key 1
sleep 12
before=$(ticks)
f0=$(frames)
sleep 20
after=$(ticks)
used=$((after - before))
echo "$size: 20 s of the idle countdown: ${used} ticks = $(awk -v u="$used" -v h="$hz" 'BEGIN {printf "%.2f%%", 100 * u / h / 20}') of one core, $(($(frames) - f0)) frames"
