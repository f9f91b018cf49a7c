#!/usr/bin/env python3
"""Makes the compact fonts the kiosk bundles for scripts DejaVu Sans lacks.

Run from the repository root after changing what they must cover:

    apt-get install fonts-noto-cjk fonts-noto-core fonttools   # Debian 12
    python3 tools/fonts/subset.py
    BLESS=1 cargo test --test it kiosk_fonts::     # rewrites assets/fonts/coverage.txt

It writes, into assets/fonts/:

- NotoSansSC-Subset.otf: Noto Sans CJK SC Regular cut down to the 3,755
  characters of GB 2312 level 1 (the common Simplified Chinese characters),
  CJK and full-width punctuation, every CJK character the default flows in
  flows/ use, and the characters listed in tools/fonts/extra-hanzi.txt.
  No layout tables (horizontal Chinese needs none) and no vertical metrics.
- NotoSansDevanagari-Subset.ttf, NotoSansGurmukhi-Subset.ttf: the
  Devanagari (Hindi, Marathi, Nepali) and Gurmukhi (Punjabi) blocks with
  every layout feature kept (conjuncts and vowel signs need them), without
  the Latin letters DejaVu already has, unhinted (egui does not hint).

The output is the same for the same input fonts and fontTools version
(recorded in docs/fonts.md). Every font is under the SIL Open Font Licence
1.1; a subset is a modified version under the same licence
(THIRD_PARTY_NOTICES.md).
"""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "assets" / "fonts"
CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
CJK_SC_INDEX = 2  # JP, KR, SC, TC, HK in the Debian collection
NOTO = "/usr/share/fonts/truetype/noto/NotoSans{}-Regular.ttf"

# CJK punctuation, full-width forms, and the few general punctuation marks
# Chinese text uses (DejaVu has them too; it comes first).
CJK_PUNCTUATION = "U+3000-303F,U+FF01-FF5E,U+FFE0-FFE6,U+2018-201D,U+2026,U+2014,U+00B7"
# Where a character counts as CJK when it is found in the flows.
CJK_RANGES = [(0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF)]
INDIC = {
    # Script, its blocks, and what its text also uses: ZWNJ/ZWJ, the dotted
    # circle a lone vowel sign is drawn on, the dandas, the rupee sign.
    "Devanagari": "U+0900-097F,U+A8E0-A8FF,U+1CD0-1CFF,U+200C-200D,U+25CC,U+0964-0965,U+20B9",
    "Gurmukhi": "U+0A00-0A7F,U+200C-200D,U+25CC,U+0964-0965,U+20B9",
}


def gb2312_level1() -> str:
    """The 3,755 characters of GB 2312 level 1 (rows 16-55), from Python's codec."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # the last row is short
    return "".join(chars)


def cjk_in_flows() -> str:
    """Every CJK character in any file under flows/."""
    found = set()
    for path in sorted((ROOT / "flows").rglob("*.ron")):
        for ch in path.read_text(encoding="utf-8"):
            if any(lo <= ord(ch) <= hi for lo, hi in CJK_RANGES):
                found.add(ch)
    return "".join(sorted(found))


def extra() -> str:
    """Characters listed in extra-hanzi.txt (lines starting with # are notes)."""
    path = ROOT / "tools" / "fonts" / "extra-hanzi.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return "".join(ch for line in lines if not line.startswith("#") for ch in line if not ch.isspace())


def subset(source: str, out: pathlib.Path, args: list[str]) -> None:
    cmd = ["pyftsubset", source, f"--output-file={out}", "--no-hinting", "--name-IDs=*", *args]
    subprocess.run(cmd, check=True)
    print(f"{out.relative_to(ROOT)}: {out.stat().st_size:,} bytes")


def main() -> int:
    text = "".join(sorted(set(gb2312_level1() + cjk_in_flows() + extra())))
    work = ROOT / "target" / "fonts"
    work.mkdir(parents=True, exist_ok=True)
    (work / "hanzi.txt").write_text(text, encoding="utf-8")
    subset(
        CJK,
        OUT / "NotoSansSC-Subset.otf",
        [
            f"--font-number={CJK_SC_INDEX}",
            f"--text-file={work / 'hanzi.txt'}",
            f"--unicodes={CJK_PUNCTUATION}",
            "--layout-features=",
            "--drop-tables+=vhea,vmtx,VORG,GSUB,GPOS",
        ],
    )
    for script, unicodes in INDIC.items():
        out = OUT / f"NotoSans{script}-Subset.ttf"
        subset(NOTO.format(script), out, [f"--unicodes={unicodes}", "--layout-features=*"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
