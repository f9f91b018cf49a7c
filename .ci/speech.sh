#!/usr/bin/env bash
# Read aloud in CI: builds the `speech` cargo feature (which needs
# libspeechd-dev and clang), then speaks the screens of one flow through a
# private, headless speech-dispatcher with espeak-ng, whose sound goes to a
# file through ALSA's `file` plugin (no sound card, no PulseAudio), and
# checks that the file holds real sound in English and in Spanish.
# The default build and `cargo test` need none of this.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libspeechd-dev libclang-dev clang speech-dispatcher speech-dispatcher-espeak-ng espeak-ng python3)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "== installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "== cargo build --features speech"
cargo build --features speech --quiet
bin=target/debug/kiosk-triage

echo "== clippy on the speech code (only built with the feature)"
cargo clippy --all-targets --features speech --quiet -- -D warnings

# A speech-dispatcher of our own: its own home, config, socket and logs.
work=$(mktemp -d)
mkdir -p "$work/conf/modules" "$work/run" "$work/logs"
cp /etc/speech-dispatcher/modules/espeak-ng.conf "$work/conf/modules/"
cat >"$work/conf/speechd.conf" <<'EOF'
CommunicationMethod "unix_socket"
SocketPath "default"
AudioOutputMethod "alsa"
AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"
DefaultModule espeak-ng
DefaultLanguage "en"
EOF
cat >"$work/.asoundrc" <<EOF
pcm.!default {
    type file
    slave.pcm "null"
    file "$work/sound.raw"
    format "raw"
}
EOF
export HOME=$work XDG_RUNTIME_DIR=$work/run
spd=
cleanup() {
    [ -n "$spd" ] && kill "$spd" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Speaks one flow in one language with a fresh speech-dispatcher, and says
# how much sound came out. (A running one keeps the old file open.)
speak() {
    local lang=$1 answers=$2
    rm -rf "$work/sound.raw" "$work/run/speech-dispatcher"
    speech-dispatcher -s -C "$work/conf" -t 30 -L "$work/logs" >"$work/logs/spd-$lang.out" 2>&1 &
    spd=$!
    for _ in $(seq 50); do [ -S "$work/run/speech-dispatcher/speechd.sock" ] && break; sleep 0.1; done
    local start end
    start=$(date +%s%N)
    if ! timeout 300 "$bin" walk printing --answers "$answers" --lang "$lang" --speak >"$work/walk-$lang.txt" 2>&1; then
        echo "error: walk --speak failed in $lang:" >&2
        cat "$work/walk-$lang.txt" >&2
        tail -n 30 "$work/logs/"*.log >&2 || true
        exit 1
    fi
    end=$(date +%s%N)
    kill "$spd" 2>/dev/null || true
    wait "$spd" 2>/dev/null || true
    spd=
    local lines
    lines=$(grep -c '^say:' "$work/walk-$lang.txt")
    # Signed 16-bit samples: how many, and the loudest.
    python3 - "$work/sound.raw" "$lang" "$lines" "$(((end - start) / 1000000))" <<'PY'
import struct, sys
path, lang, lines, ms = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
try:
    data = open(path, "rb").read()
except OSError as e:
    sys.exit(f"error: no sound file from speech-dispatcher ({e})")
n = len(data) // 2
peak = max((abs(s) for s in struct.unpack(f"<{n}h", data[: n * 2])), default=0)
print(f"{lang}: {lines} utterances spoken in {ms} ms, {len(data)} bytes of sound, peak {peak} of 32767")
if n < 22050 or peak < 1000:
    sys.exit(f"error: {lang}: speech-dispatcher produced no real sound")
PY
}

echo "== Read aloud speaks a flow through speech-dispatcher and espeak-ng"
speak en 5
speak es 5
echo "== speech passed"
