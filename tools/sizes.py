#!/usr/bin/env python3
"""Lists every function over 80 lines and every file over 400 lines in src/.

ARCHITECTURE.md ("Size") keeps src/ to about 400 lines a file and 80 a
function, tables and match arms aside. This is the check: it reads the Rust
files as tokens (strings, characters, lifetimes and comments, nested block
comments too, are skipped, so a brace in text never counts), finds each
`fn NAME` with a body and counts its lines from the `fn` line to the closing
brace, the way the table in ARCHITECTURE.md counts them. Files are counted
like `wc -l`.

What may stay long is listed in tools/sizes.allow, one `path` (a file) or
`path::fn` (a function; `Type::fn` for a method is not needed, the name is
enough) a line, with why after a `#`. Exit 0 when everything over is
allowed, 1 when something new is over (listed), 2 on a usage error.

    tools/sizes.py            # what is over and not allowed
    tools/sizes.py --all      # everything over, allowed or not, longest first
"""

import os
import re
import sys

FN_LIMIT = 80
FILE_LIMIT = 400
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ALLOW = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sizes.allow")


def tokens(text):
    """(kind, value, line) for identifiers and punctuation; text, numbers,
    characters, lifetimes and comments are skipped."""
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    line += text[i] == "\n"
                    i += 1
        elif (m := re.compile(r'b?r(#*)"').match(text, i)) and (i == 0 or not is_ident(text[i - 1])):
            close = '"' + m.group(1)
            j = text.find(close, m.end())
            j = n if j < 0 else j + len(close)
            line += text.count("\n", i, j)
            i = j
        elif c == '"' or (c == "b" and text.startswith('b"', i) and (i == 0 or not is_ident(text[i - 1]))):
            i += 1 if c == '"' else 2
            while i < n and text[i] != '"':
                if text[i] == "\\":
                    i += 1
                line += i < n and text[i] == "\n"
                i += 1
            i += 1
        elif c == "'":
            # A character ('x', '\n', '\u{..}') or a lifetime ('a).
            m = re.compile(r"'(\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'").match(text, i)
            i = m.end() if m else i + 1
        elif is_ident(c):
            j = i
            while j < n and is_ident(text[j]):
                j += 1
            yield ("ident", text[i:j], line)
            i = j
        else:
            yield ("punct", c, line)
            i += 1


def is_ident(c):
    return c.isalnum() or c == "_"


def functions(text):
    """(name, first line, last line) of every function with a body."""
    toks = list(tokens(text))
    out = []
    for k, (kind, value, line) in enumerate(toks):
        if kind != "ident" or value != "fn" or k + 1 >= len(toks) or toks[k + 1][0] != "ident":
            continue
        name = toks[k + 1][1]
        # The body: the first `{` outside parentheses and brackets; a `;`
        # there first means a declaration without one.
        depth, j = 0, k + 2
        while j < len(toks):
            v = toks[j][1]
            if v in "([":
                depth += 1
            elif v in ")]":
                depth -= 1
            elif depth == 0 and v in "{;":
                break
            j += 1
        if j >= len(toks) or toks[j][1] == ";":
            continue
        braces = 0
        for t in toks[j:]:
            if t[1] == "{":
                braces += 1
            elif t[1] == "}":
                braces -= 1
                if braces == 0:
                    out.append((name, line, t[2]))
                    break
    return out


def allowed():
    try:
        with open(ALLOW, encoding="utf-8") as f:
            return {l.split("#", 1)[0].strip() for l in f if l.split("#", 1)[0].strip()}
    except FileNotFoundError:
        return set()


def over():
    """(lines, what, kind) for everything over its limit."""
    found = []
    src = os.path.join(ROOT, "src")
    for dirpath, _, files in os.walk(src):
        for f in sorted(files):
            if not f.endswith(".rs"):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, ROOT)
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            lines = text.count("\n")
            if lines > FILE_LIMIT:
                found.append((lines, rel, "file"))
            for name, first, last in functions(text):
                if last - first + 1 > FN_LIMIT:
                    found.append((last - first + 1, f"{rel}::{name}", "fn"))
    return sorted(found, reverse=True)


def main(args):
    if args not in ([], ["--all"]):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    allow = allowed()
    found = over()
    new = [x for x in found if x[1] not in allow]
    for lines, what, kind in found if args else new:
        note = "  (allowed: tools/sizes.allow)" if what in allow else ""
        print(f"{lines:5} {kind:4} {what}{note}")
    stale = allow - {w for _, w, _ in found}
    for what in sorted(stale):
        print(f"note: `{what}` in tools/sizes.allow is no longer over; take it out", file=sys.stderr)
    if new:
        print(
            f"{len(new)} over (functions over {FN_LIMIT} lines, files over {FILE_LIMIT}): split them, "
            "or list them in tools/sizes.allow with why",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
