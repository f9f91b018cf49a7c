#!/usr/bin/env python3
"""Readability of the default flows: Flesch-Kincaid grade level of the English
patron text in flows/*.ron, per flow.

    python3 tools/readability.py            # table per flow
    python3 tools/readability.py --worst 10 # also the 10 hardest texts
    python3 tools/readability.py --branch riverside
    python3 tools/readability.py --lint     # Spanish "a el" / "de el" check

What is measured
----------------
Every "en" string of a flow file: titles, subtitles, questions, steps, choice
labels, solved texts and handoff reasons. Staff notes and policies are plain
strings (not {"en": ...} maps), so they are not counted. `{placeholders}` are
filled with the branch's English values (default: central), as the patron
reads them.

Two figures per flow:
  screens  the texts that fill a screen (text, reason): what the patron reads;
  all      the same plus labels, titles and subtitles (short fragments, which
           lower the grade).

Formula (Kincaid et al. 1975):
    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
computed over all the strings of a flow together (not averaged per string).

Sentences: a string is split after ".", "!" or "?" followed by a space or the
end; a string with no end mark (a label) counts as one sentence.
Words: whitespace-separated tokens with at least one letter or digit.
Syllables, per word (a heuristic, about 90% right on plain English):
  - lower-case, keep letters only; a token with no letters (a number, a price)
    counts as 1;
  - web addresses, email addresses and ALL-CAPS device names (a "." or "@"
    between letters, or no lower-case letters and at least 3 letters) count
    as 1: they are names to copy, not words to read;
  - count groups of vowels (a e i o u y);
  - a final silent "e" is dropped (not after "l": "table" keeps it);
  - a final "ed" is dropped unless after "t" or "d" ("printed" keeps it);
  - a final "es" is dropped after a consonant other than s, x, z, c, g, h
    ("files" 1, "pages" 2, "boxes" 2);
  - at least 1.

The script uses only the Python standard library.
"""

import argparse
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLOWS = os.path.join(ROOT, "flows")

SCREEN_FIELDS = {"text", "reason"}


def ron_strings(text):
    """Yields (field, key, value, line) for every string literal that is the
    value of a map entry: `field` is the nearest enclosing `name:` (or, for a
    map that is itself the value of a string key, that key), `key` the map
    key ("en", "es", or a variable name)."""
    i, n, line = 0, len(text), 1
    field = None
    stack = []
    pending_key = None
    last_string = None
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif c == '"':
            j, buf = i + 1, []
            while j < n and text[j] != '"':
                if text[j] == "\\" and j + 1 < n:
                    buf.append({"n": "\n", "t": "\t"}.get(text[j + 1], text[j + 1]))
                    j += 2
                else:
                    buf.append(text[j])
                    j += 1
            value = "".join(buf)
            start_line = line
            line += text.count("\n", i, j)
            i = j + 1
            if pending_key is not None:
                yield field, pending_key, value, start_line
                pending_key = None
                last_string = None
            else:
                last_string = value
        elif c == ":" and last_string is not None:
            pending_key = last_string
            last_string = None
            i += 1
        elif c.isalpha() or c == "_":
            m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", text[i:])
            word = m.group(0)
            i += len(word)
            if text[i:].lstrip(" \t").startswith(":"):
                field = word
                pending_key = None
                last_string = None
        else:
            if c in "{([":
                stack.append(field)
                if c == "{" and pending_key is not None:
                    # A map as the value of a string key: a per-language value.
                    field = pending_key
                pending_key = None
            elif c in "})]":
                field = stack.pop() if stack else None
                last_string = None
            elif c == ",":
                last_string = None
            i += 1


def branch_vars(branch, lang="en"):
    path = os.path.join(FLOWS, "branches", branch + ".ron")
    values = {}
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for field, key, value, _ in ron_strings(text):
        if field == "vars":
            # A plain value: the key is the variable.
            values[key] = value
        elif key == lang and field not in ("text", "vars"):
            # A per-language value: the map's key is the variable.
            values[field] = value
    return values


def fill(text, values):
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(1)), text)


def syllables(word):
    raw = word.strip("\"'()[],;:!?")
    if re.search(r"[A-Za-z][.@][A-Za-z]", raw):
        return 1
    letters = re.sub(r"[^A-Za-z]", "", raw)
    if not letters:
        return 1
    if len(letters) >= 3 and letters.upper() == letters and not re.search(r"[a-z]", raw):
        return 1
    w = letters.lower()
    count = len(re.findall(r"[aeiouy]+", w))
    if w.endswith("e") and not w.endswith("le") and count > 1:
        count -= 1
    elif w.endswith("ed") and len(w) > 3 and w[-3] not in "td" and count > 1:
        count -= 1
    elif w.endswith("es") and len(w) > 3 and w[-3] not in "aeiouysxzcgh" and count > 1:
        count -= 1
    return max(count, 1)


def counts(text):
    sentences = [s for s in re.split(r"[.!?]+(?:\s+|$)", text.strip()) if re.search(r"\w", s)]
    words = [w for w in text.split() if re.search(r"[A-Za-z0-9]", w)]
    return max(len(sentences), 1), len(words), sum(syllables(w) for w in words)


def grade(sentences, words, syl):
    if words == 0:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syl / words - 15.59


NODE = re.compile(r"^\s{8}(Step|Question|Solved|Handoff|Goto)\(", re.M)


def lint_spanish():
    """Spanish text must not put "a" or "de" right before a placeholder whose
    Spanish value starts with "el" in some branch ("a el" must read "al")."""
    problems = 0
    el_vars = set()
    for path in glob.glob(os.path.join(FLOWS, "branches", "*.ron")):
        branch = os.path.splitext(os.path.basename(path))[0]
        for name, value in branch_vars(branch, "es").items():
            if re.match(r"el\s", value, re.I):
                el_vars.add(name)
    files = glob.glob(os.path.join(FLOWS, "*.ron")) + glob.glob(os.path.join(FLOWS, "words", "es.ron"))
    for path in sorted(files):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for field, key, value, line in ron_strings(text):
            if key != "es" and not path.endswith("es.ron"):
                continue
            for m in re.finditer(r"\b(a|de)\s+\{(\w+)\}", value, re.I):
                if m.group(2) in el_vars:
                    problems += 1
                    print(f"{os.path.relpath(path, ROOT)}:{line}: \"{m.group(0)}\" gives \"{m.group(1)} el ...\"")
    print(f"Spanish article check: {problems} problem(s); placeholders with \"el\" values: {', '.join(sorted(el_vars))}")
    return 1 if problems else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--branch", default="central", help="branch whose values fill placeholders")
    ap.add_argument("--worst", type=int, default=0, help="also list the N hardest screen texts")
    ap.add_argument("--lint", action="store_true", help="check Spanish for \"a el\" / \"de el\" and stop")
    args = ap.parse_args()
    if args.lint:
        return lint_spanish()
    values = branch_vars(args.branch)

    rows, worst = [], []
    total = {"screens": [0, 0, 0], "all": [0, 0, 0]}
    for path in sorted(glob.glob(os.path.join(FLOWS, "*.ron"))):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if not re.search(r"^Flow\(", text, re.M):
            continue
        kinds = NODE.findall(text)
        per = {"screens": [0, 0, 0], "all": [0, 0, 0]}
        strings = 0
        for field, key, value, line in ron_strings(text):
            if key != "en":
                continue
            strings += 1
            s, w, y = counts(fill(value, values))
            for part in ("all",) + (("screens",) if field in SCREEN_FIELDS else ()):
                for k, v in enumerate((s, w, y)):
                    per[part][k] += v
                    total[part][k] += v
            if field in SCREEN_FIELDS:
                worst.append((grade(s, w, y), os.path.basename(path), line, fill(value, values)))
        rows.append(
            (
                os.path.basename(path),
                len(kinds),
                kinds.count("Solved"),
                kinds.count("Handoff"),
                strings,
                per["screens"],
                grade(*per["screens"]),
                grade(*per["all"]),
            )
        )

    print(f"Flesch-Kincaid grade of the English patron text (placeholders: {args.branch})")
    print(f"{'flow':<14}{'nodes':>6}{'solved':>7}{'handoff':>8}{'texts':>6}{'sent.':>6}{'words':>6}{'w/sent':>7}{'syl/w':>6}{'screens':>8}{'all':>6}")
    for name, nodes, solved, handoff, strings, (s, w, y), g_screen, g_all in rows:
        print(
            f"{name:<14}{nodes:>6}{solved:>7}{handoff:>8}{strings:>6}{s:>6}{w:>6}"
            f"{w / s:>7.1f}{y / w:>6.2f}{g_screen:>8.1f}{g_all:>6.1f}"
        )
    s, w, y = total["screens"]
    print(f"{'all flows':<14}{'':>6}{'':>7}{'':>8}{'':>6}{s:>6}{w:>6}{w / s:>7.1f}{y / w:>6.2f}"
          f"{grade(*total['screens']):>8.1f}{grade(*total['all']):>6.1f}")
    if args.worst:
        print(f"\nThe {args.worst} hardest screen texts:")
        for g, name, line, value in sorted(worst, reverse=True)[: args.worst]:
            print(f"  {g:5.1f}  {name}:{line}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
