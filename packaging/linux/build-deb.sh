#!/usr/bin/env bash
# Builds the Debian package with dpkg-deb, from the release binary:
#   cargo build --release
#   packaging/linux/build-deb.sh          # -> target/deb/kiosk-triage_<version>_amd64.deb
# For the package libraries install, the smaller `dist` build (docs/performance.md):
#   cargo build --profile dist && BIN=target/dist/kiosk-triage packaging/linux/build-deb.sh
# Plain dpkg-deb rather than cargo-deb: it is on every Debian machine, so CI
# installs nothing (cargo-deb is a few minutes of compiling on 2 cores), and
# the layout below is all there is to it (see docs/install-linux.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
bin=${BIN:-target/release/kiosk-triage}
[ -x "$bin" ] || { echo "error: $bin is missing; run cargo build --release first" >&2; exit 2; }
out=target/deb
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/kiosk-triage_${version}_amd64

install -D -m 755 "$bin" "$root/usr/bin/kiosk-triage"
install -D -m 644 packaging/kiosk.ron "$root/etc/kiosk-triage/kiosk.ron"
cp -r flows "$root/etc/kiosk-triage/flows"
mkdir -p "$root/etc/kiosk-triage/assets"
cp -r assets/icons assets/pictures "$root/etc/kiosk-triage/assets/"
install -D -m 644 packaging/linux/kiosk-triage.service "$root/lib/systemd/system/kiosk-triage.service"
doc=$root/usr/share/doc/kiosk-triage
install -D -m 644 docs/install-linux.md "$doc/install-linux.md"
{ cat LICENSE; echo; cat THIRD_PARTY_NOTICES.md; } >"$doc/copyright"
find "$root" -type d -exec chmod 755 {} + && find "$root/etc" -type f -exec chmod 644 {} +

mkdir -p "$root/DEBIAN"
# The library's edits to anything under /etc survive upgrades (dpkg asks,
# or keeps them with --force-confold).
(cd "$root" && find etc -type f | LC_ALL=C sort | sed 's|^|/|') >"$root/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<CONTROL
Package: kiosk-triage
Version: $version
Architecture: amd64
Maintainer: kiosk-triage maintainers <kiosk-triage@localhost>
Installed-Size: $size
Depends: libc6 (>= 2.34), libgcc-s1, cage, xwayland, libegl1, libegl-mesa0, libgl1-mesa-dri, libwayland-client0, libwayland-egl1, libwayland-cursor0, libxkbcommon0, adduser
Section: misc
Priority: optional
Homepage: https://example.invalid/kiosk-triage
Description: help kiosk for public library computers
 A fullscreen kiosk that guides library patrons step by step through
 flowcharts written by the library's IT staff in RON files, and hands off to
 desk staff with a short code. Runs in cage under systemd (kiosk-triage.service,
 not enabled on install). Files: /etc/kiosk-triage, /var/lib/kiosk-triage.
CONTROL
install -m 755 packaging/linux/postinst packaging/linux/prerm packaging/linux/postrm "$root/DEBIAN/"
deb=$out/kiosk-triage_${version}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
