#!/usr/bin/env bash
# The Windows package, proved on Linux: cross-builds the release exes for
# x86_64-pc-windows-gnu (mingw), builds the MSI with wixl, installs it
# silently with `wine msiexec /i ... /qn` into a fresh Wine prefix, checks
# what it installed (program, %ProgramData%\KioskTriage with kiosk.ron and
# the flows), runs the installed `paths`, `check` and `test --walk`, starts
# the installed GUI kiosk under Xvfb and checks a non-blank screenshot and
# its log file, then installs a newer version over it and checks that the
# library's kiosk.ron survived the upgrade.
#
# Wine 8 lacks bcryptprimitives.dll (where Rust's standard library takes
# random bytes); a test-only stand-in built here from
# packaging/windows/processprng.c goes into the throw-away prefix only. It is
# never in the MSI. Screenshots and logs land in target/windows/.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
say() { echo "windows: $* ($(($(date +%s) - started)) s)"; }

packages=(gcc-mingw-w64-x86-64-win32 wixl wine wine64 xvfb xdotool imagemagick x11-utils)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
rustup target list --installed | grep -qx x86_64-pc-windows-gnu || rustup target add x86_64-pc-windows-gnu >/dev/null

out=target/windows
rm -rf "$out" && mkdir -p "$out"

say "cross-building the release exes"
cargo build --release --quiet --target x86_64-pc-windows-gnu
bin=target/x86_64-pc-windows-gnu/release
ls -l "$bin/kiosk-triage.exe" "$bin/kiosk-triage-gui.exe" | awk '{print "windows:", $5, "bytes", $9}'
# Only system DLLs: no mingw runtime DLL to ship beside the exe (the Wine
# run below proves the rest load).
x86_64-w64-mingw32-objdump -p "$bin/kiosk-triage-gui.exe" | awk '/DLL Name/ {print $3}' | sort -u >"$out/dlls.txt"
if grep -iE '^(libgcc|libstdc|libwinpthread|libssp|zlib|libz)' "$out/dlls.txt"; then
    echo "windows: the exe needs a mingw runtime DLL (above); it must link it statically" >&2
    exit 1
fi
echo "windows: imports $(tr '\n' ' ' <"$out/dlls.txt")"
# The GUI exe is a GUI program (no console window), the CLI a console one.
subsystem() { x86_64-w64-mingw32-objdump -p "$1" | awk '/^Subsystem/ {print $2}'; }
[ "$(subsystem "$bin/kiosk-triage-gui.exe")" = 00000002 ] || { echo "windows: kiosk-triage-gui.exe is not a GUI program" >&2; exit 1; }
[ "$(subsystem "$bin/kiosk-triage.exe")" = 00000003 ] || { echo "windows: kiosk-triage.exe is not a console program" >&2; exit 1; }

say "building the MSI"
msi=$(packaging/windows/build-msi.sh 2>"$out/wixl.log" | tail -1)
ls -l "$msi" | awk '{print "windows:", $5, "bytes", $9}'

say "a fresh Wine prefix"
export WINEPREFIX=$PWD/$out/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
display=${WINDOWS_DISPLAY:-:95}
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$display
cleanup() {
    wineserver -k 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
wineboot --init >"$out/wineboot.log" 2>&1
wineserver -w
# The test-only stand-in (see the top of this file).
x86_64-w64-mingw32-gcc -O2 -shared -o "$out/bcryptprimitives.dll" packaging/windows/processprng.c
cp "$out/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"

say "installing silently: msiexec /i /qn"
wine msiexec /i "$(winepath -w "$msi")" /qn /l*v "$(winepath -w "$out/install.log")" || {
    echo "windows: msiexec failed" >&2
    tail -40 "$out/install.log" >&2 || true
    exit 1
}
wineserver -w
prog="$WINEPREFIX/drive_c/Program Files/KioskTriage"
data="$WINEPREFIX/drive_c/ProgramData/KioskTriage"
for f in "$prog/kiosk-triage.exe" "$prog/kiosk-triage-gui.exe" "$prog/LICENSE.txt" "$prog/defaults/kiosk.ron" "$data/kiosk.ron" \
    "$data/flows/flowset.ron" "$data/flows/printing.ron" "$data/assets/icons/staff.png"; do
    [ -f "$f" ] || { echo "windows: the MSI did not install ${f#"$WINEPREFIX"/}" >&2; exit 1; }
done
for d in "$data/data" "$data/logs"; do
    [ -d "$d" ] || { echo "windows: the MSI did not create ${d#"$WINEPREFIX"/}" >&2; exit 1; }
done
if [ -e "$prog/bcryptprimitives.dll" ]; then
    echo "windows: the test-only DLL was installed" >&2
    exit 1
fi

# The installed program, started from a folder with no flows in it, must use
# the installed files (%ProgramData%\KioskTriage).
cli='C:\Program Files\KioskTriage\kiosk-triage.exe'
gui='C:\Program Files\KioskTriage\kiosk-triage-gui.exe'
cd "$WINEPREFIX/drive_c"
say "installed: paths"
wine "$cli" paths | tr -d '\r' | tee "$OLDPWD/$out/paths.txt"
grep -q "installed on Windows" "$OLDPWD/$out/paths.txt" || { echo "windows: not the installed layout" >&2; exit 1; }
say "installed: check"
wine "$cli" check | tr -d '\r' >"$OLDPWD/$out/check.txt" || { cat "$OLDPWD/$out/check.txt" >&2; exit 1; }
grep -q "ProgramData" "$OLDPWD/$out/paths.txt"
tail -1 "$OLDPWD/$out/check.txt"
say "installed: test --walk"
wine "$cli" test --walk | tr -d '\r' >"$OLDPWD/$out/test-walk.txt" || { tail -20 "$OLDPWD/$out/test-walk.txt" >&2; exit 1; }
tail -2 "$OLDPWD/$out/test-walk.txt"
cd "$OLDPWD"

say "installed: the GUI kiosk under Xvfb"
# From a folder with no flows, as Shell Launcher starts it.
(cd "$WINEPREFIX/drive_c" && exec wine "$gui") >"$out/kiosk.stdout" 2>&1 &
window=""
for _ in $(seq 240); do
    window=$(xdotool search --name "Library help kiosk" 2>/dev/null | head -1 || true)
    [ -n "$window" ] && break
    sleep 0.25
done
[ -n "$window" ] || { echo "windows: the kiosk window never appeared" >&2; exit 1; }
sleep 6
import -window root "$out/kiosk.png"
colours=$(convert "$out/kiosk.png" -format '%k' info:)
spread=$(convert "$out/kiosk.png" -format '%[fx:standard_deviation]' info:)
echo "windows: screenshot $out/kiosk.png: $colours colours, spread $spread"
if [ "$colours" -lt 50 ]; then
    echo "windows: the kiosk screen looks blank" >&2
    exit 1
fi
log="$data/logs/kiosk-triage_rCURRENT.log"
[ -f "$log" ] || { echo "windows: no log file at ProgramData\\KioskTriage\\logs" >&2; exit 1; }
cp "$log" "$out/kiosk-triage.log"
grep -q "kiosk starting" "$log" && grep -q "flows: .*ProgramData" "$log" ||
    { echo "windows: the log does not say which files the kiosk uses" >&2; cat "$log" >&2; exit 1; }
wineserver -k
wineserver -w

say "upgrading in place: a newer MSI over the installed one"
echo "// changed by the library" >>"$data/kiosk.ron"
echo "// changed by the library" >>"$data/flows/wifi.ron"
msi2=$(VERSION_OVERRIDE=99.0.0 packaging/windows/build-msi.sh 2>>"$out/wixl.log" | tail -1)
wine msiexec /i "$(winepath -w "$msi2")" /qn /l*v "$(winepath -w "$out/upgrade.log")" || {
    echo "windows: the upgrade failed" >&2
    tail -40 "$out/upgrade.log" >&2 || true
    exit 1
}
wineserver -w
grep -q "changed by the library" "$data/kiosk.ron" || { echo "windows: the upgrade replaced kiosk.ron" >&2; exit 1; }
grep -q "changed by the library" "$data/flows/wifi.ron" || { echo "windows: the upgrade replaced a flow" >&2; exit 1; }
[ -f "$prog/kiosk-triage-gui.exe" ] && [ -f "$data/flows/flowset.ron" ] ||
    { echo "windows: files went missing in the upgrade" >&2; exit 1; }
products=$(wine reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | tr -d '\r' |
    grep -c "Library help kiosk" || true)
[ "$products" = 1 ] || { echo "windows: $products installed versions after the upgrade, not 1" >&2; exit 1; }
rm -f "$msi2"
say "passed"
