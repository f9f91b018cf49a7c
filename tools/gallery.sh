#!/usr/bin/env bash
# Draws the screenshot gallery in docs/screens/ with `kiosk-triage preview`
# under Xvfb: every screen at 1280x800 in English and Spanish, in high
# contrast and at the largest text size, home and step at the other screen
# sizes and in Chinese, Vietnamese and Russian, and the language screen. Needs Xvfb; optipng, if installed, halves the files
# (lossless). Usage: tools/gallery.sh [path/to/kiosk-triage]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/kiosk-triage}
[ -x "$bin" ] || cargo build --release --quiet
out=docs/screens
mkdir -p "$out"
rm -f "$out"/*.png
display=${GALLERY_DISPLAY:-:92}
Xvfb "$display" -screen 0 1920x1920x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
status=0
preview() { "$bin" preview --flows flows --out "$out" "$@" || status=1; }
preview --size 1280x800 --lang en,es
preview --size 1280x800 --lang en --theme contrast
preview --size 1280x800 --lang en,es --text-size 5
preview --size 1024x768,1920x1080,1080x1920 --lang en --screen home,step
preview --size 1024x768 --lang es --text-size 5 --screen home,step,handoff
# Every other language: home and a step, and the language screen.
preview --size 1280x800 --lang zh,vi,ru --screen home,step
preview --size 1280x800 --lang en,zh --screen languages
if command -v optipng >/dev/null; then
    optipng -quiet -o2 -strip all "$out"/*.png || status=1
fi
{
    echo "# What patrons see"
    echo
    echo "Drawn by \`tools/gallery.sh\` with \`kiosk-triage preview\` (the real kiosk, the default flows, branch"
    echo "\`central\`). File names: screen, language, screen size, text size (1 smallest, 2 the default, 5"
    echo "largest), theme. Point \`kiosk-triage preview\` at your own flows to see yours."
    echo
    for f in "$out"/*.png; do
        name=$(basename "$f")
        echo "### ${name%.png}"
        echo
        echo "![${name%.png}]($name)"
        echo
    done
} >"$out/README.md"
exit $status
