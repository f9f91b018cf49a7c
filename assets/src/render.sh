#!/bin/sh
# Re-render every PNG in assets/ from the SVG sources in assets/src/.
# Needs rsvg-convert (librsvg2-bin); ImageMagick `convert` is optional (strips metadata).
set -eu
cd "$(dirname "$0")"
render() { # svg png width height
  rsvg-convert -w "$3" -h "$4" -o "$2" "$1"
  if command -v convert >/dev/null 2>&1; then convert "$2" -strip "$2"; fi
}
mkdir -p ../icons ../pictures
for f in icons/*.svg; do [ -e "$f" ] || continue; n=$(basename "$f" .svg); render "$f" "../icons/$n.png" 128 128; done
for f in pictures/*.svg; do [ -e "$f" ] || continue; n=$(basename "$f" .svg); render "$f" "../pictures/$n.png" 480 360; done
