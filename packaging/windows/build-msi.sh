#!/usr/bin/env bash
# Builds the Windows installer (MSI) on Linux with Debian's wixl, from the
# release exes of a cross-build:
#   cargo build --release --target x86_64-pc-windows-gnu
# (for the MSI libraries install, `--profile dist` and
#  BIN=target/x86_64-pc-windows-gnu/dist: smaller, see docs/performance.md)
#   packaging/windows/build-msi.sh            # -> target/msi/kiosk-triage-<version>-x64.msi
# Needs: wixl (apt-get install wixl). The flows and pictures are harvested
# with wixl-heat; every installed data file is Permanent and NeverOverwrite,
# so upgrades keep what the library changed (see kiosk-triage.wxs).
set -euo pipefail
cd "$(dirname "$0")/../.."
src=$PWD
bin=${BIN:-$src/target/x86_64-pc-windows-gnu/release}
# VERSION_OVERRIDE: a test of upgrades builds a "newer" package.
version=${VERSION_OVERRIDE:-$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)}
out=$src/target/msi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
for exe in kiosk-triage.exe kiosk-triage-gui.exe; do
    [ -f "$bin/$exe" ] || { echo "error: $bin/$exe is missing; cross-build first" >&2; exit 2; }
done

# wixl wants relative sources: everything the MSI holds is staged in one
# folder first (the pictures without their SVG sources and the fonts, which
# are compiled into the program).
stage=$work/stage
mkdir -p "$stage/bin" "$stage/packaging"
cp "$bin/kiosk-triage.exe" "$bin/kiosk-triage-gui.exe" "$stage/bin/"
cp LICENSE THIRD_PARTY_NOTICES.md "$stage/"
cp packaging/kiosk.ron "$stage/packaging/"
cp -r flows "$stage/flows"
mkdir -p "$stage/assets" && cp -r assets/icons assets/pictures "$stage/assets/"

# One component per file, as wixl-heat writes them (stable GUIDs from the
# install path, so upgrades and repairs keep matching).
harvest() { # folder, directory id, group id, var name
    (cd "$stage" && find "$1" -type f | LC_ALL=C sort) |
        wixl-heat -p "$1/" --directory-ref "$2" --component-group "$3" --var "var.$4" --win64
}
harvest flows FLOWSDIR Flows FlowsDir >"$stage/flows.wxs"
harvest assets ASSETSDIR Assets AssetsDir >"$stage/assets.wxs"
cp packaging/windows/kiosk-triage.wxs "$stage/"

msi=$out/kiosk-triage-$version-x64.msi
(cd "$stage" && wixl -a x64 -D Win64=yes -D Version="$version" -D Bin=bin -D Src=. -D FlowsDir=flows \
    -D AssetsDir=assets -o "$msi" kiosk-triage.wxs flows.wxs assets.wxs)
echo "$msi"
