#!/usr/bin/env bash
# Soak: drive the release kiosk under Xvfb with random taps and keys for a
# while, as a day of patrons would (idle waits, language and text-size
# changes, the staff chord with wrong PINs), and check that it never crashes
# and that its memory stays flat after warm-up.
#
#   tools/soak.sh [SECONDS]        (default 3600; CI runs a few minutes)
#
# Needs Xvfb, openbox, xdotool (the end-to-end script installs them) and a
# release build. Prints one line per sample and a summary; exit 1 on a crash
# or on memory growth: RSS never over 300 MB, and in runs of 10 minutes or
# more, after warm-up (the first fifth), the median of the second half of
# the samples may exceed the median of the first half by at most 15% (and at
# least 8 MB). RSS swings with the text size and contrast a
# patron picks (glyph atlas, textures), so single samples are not compared.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-3600}
bin=${KIOSK_BIN:-target/release/kiosk-triage}
[ -x "$bin" ] || cargo build --release --quiet
bin=$(realpath "$bin")

display=:96
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$display
work=$(mktemp -d)
cleanup() { kill "${kiosk:-}" "${wm:-}" "$xvfb" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
openbox >/dev/null 2>&1 &
wm=$!
sleep 1

# A kiosk with a PIN (wrong PINs only are typed) and short idle times, so
# idle warnings and wipes happen often.
hash=$(echo 97531 | "$bin" hash-pin)
cat >"$work/kiosk.ron" <<EOF
(
    idle_warning_seconds: 10,
    idle_reset_seconds: 5,
    $hash
)
EOF
(cd "$work" && exec "$bin") >"$work/kiosk.log" 2>&1 &
kiosk=$!
for _ in $(seq 100); do
    xdotool search --name "Library help kiosk" >/dev/null 2>&1 && break
    sleep 0.1
done

rss() { awk '/VmRSS/ {print $2}' "/proc/$kiosk/status"; }
alive() {
    if ! kill -0 "$kiosk" 2>/dev/null; then
        echo "soak: the kiosk died after $(( $(date +%s) - start )) s" >&2
        tail -20 "$work/kiosk.log" >&2
        exit 1
    fi
}

keys=(1 2 3 4 5 6 BackSpace Home F1 Tab Return space ctrl+plus ctrl+minus Escape)
act() {
    case $((RANDOM % 12)) in
        0|1|2|3|4) xdotool mousemove $((RANDOM % 1280)) $((RANDOM % 800)) click 1 ;;
        5|6|7) xdotool key --clearmodifiers "${keys[RANDOM % ${#keys[@]}]}" ;;
        8) # the top bar: languages, contrast, text size
           xdotool mousemove $((700 + RANDOM % 580)) 36 click 1 ;;
        9) # the staff chord, a wrong PIN, then away
           xdotool key --clearmodifiers ctrl+alt+s; sleep 0.3
           xdotool type --delay 80 "$((RANDOM % 9000 + 1000))"; xdotool key Return; sleep 0.5
           xdotool key Escape ;;
        10) sleep 17 ;;  # walk away: the idle warning, then the wipe
        11) sleep 2 ;;
    esac
}

start=$(date +%s)
warm=$((start + seconds / 5))
samples=()
max_rss=0
next_sample=$start
while (( $(date +%s) < start + seconds )); do
    act
    sleep 0.$((RANDOM % 4 + 1))
    alive
    now=$(date +%s)
    if (( now >= next_sample )); then
        r=$(rss)
        (( r > max_rss )) && max_rss=$r
        (( now >= warm )) && samples+=("$r")
        echo "soak: t=$((now - start))s rss=${r}kB"
        next_sample=$((now + ${SOAK_SAMPLE_EVERY:-30}))
    fi
done
alive
samples+=("$(rss)")
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
n=${#samples[@]}
half=$((n / 2))
(( half < 1 )) && half=1
first=$(median "${samples[@]:0:half}")
second=$(median "${samples[@]:half}")
echo "soak: ${seconds}s, ${n} samples after warm-up: median rss ${first} kB then ${second} kB, max ${max_rss} kB"
# A short run is still warming up (each text size, contrast and screen first
# seen grows the glyph atlas and textures), so it only holds a ceiling; the
# trend is judged on runs of ten minutes or more.
ceiling=${SOAK_MAX_RSS_KB:-307200}
if (( max_rss > ceiling )); then
    echo "soak: RSS reached ${max_rss} kB, over the ${ceiling} kB ceiling" >&2
    exit 1
fi
if (( seconds >= 600 )); then
    limit=$(( first * 115 / 100 ))
    (( limit < first + 8192 )) && limit=$((first + 8192))
    if (( second > limit )); then
        echo "soak: memory grew from ${first} kB to ${second} kB" >&2
        exit 1
    fi
else
    echo "soak: (a run under 600 s checks the ${ceiling} kB ceiling only, not the trend)"
fi
echo "soak: passed"
