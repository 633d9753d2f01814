#!/usr/bin/env python3
"""Measures the layout pass's line joining on real documents with a known layout.

The hand-read Unicode transcripts of the .doc and .rtf files in
../shared/corpus/legacy/ground-truth/ hold one paragraph (or header line, list item, table
cell) per line. Each is hard-wrapped here the
way PDF text comes out (lines of at most WIDTH characters, each ending with a space;
optionally double-spaced, with a blank line after every line), run through
`vanban repair --no-restore --tone-style keep`, and the line breaks of the result are
compared with the transcript's:

- precision: share of the output's line breaks that the transcript has too;
- recall: share of the transcript's line breaks kept (not glued) in the output;
- joined: share of the wrapping breaks the pass removed.

Usage (from the repository root, after `cargo build`):
    python3 scripts/eval_layout.py [--bin target/debug/vanban] [--width 80] [--double]
The transcripts are read from ../shared at run time and never copied into the repository.
"""

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
import textwrap


def wrap(text, width, double):
    out = []
    for line in text.split("\n"):
        # Column layouts (runs of spaces, tabs) are left as they are.
        if len(line) <= width or "   " in line.strip() or "\t" in line.strip():
            out.append(line)
            continue
        pieces = textwrap.wrap(line, width=width, break_long_words=False, break_on_hyphens=False)
        out.extend(p + " " for p in pieces)
    sep = "\n\n" if double else "\n"
    if double:
        out = [l for l in out if l.strip()]
    return sep.join(out) + "\n"


def breaks(text):
    """(string without whitespace, set of offsets in it where a line ends)."""
    chars, cuts = [], set()
    for line in text.split("\n"):
        squeezed = "".join(line.split())
        if not squeezed:
            continue
        chars.append(squeezed)
        cuts.add(sum(len(c) for c in chars))
    return "".join(chars), cuts


def map_offsets(a, b):
    """Maps offsets in `a` to offsets in `b` through their common blocks (the same
    string when the pass only joined lines; otherwise aligned in 64-char chunks)."""
    if a == b:
        return {k: k for k in range(len(a) + 1)}
    size = 64
    ca = [a[i:i + size] for i in range(0, len(a), size)]
    table = {}
    sm = difflib.SequenceMatcher(None, ca, [b[i:i + size] for i in range(0, len(b), size)],
                                 autojunk=False)
    for i, j, n in sm.get_matching_blocks():
        for k in range(n * size + 1):
            if i * size + k <= len(a):
                table[i * size + k] = j * size + k
    # Chunks shift after a dropped line: align the rest character by character, locally.
    sm = difflib.SequenceMatcher(None, a, b, autojunk=True)
    for i, j, n in sm.get_matching_blocks():
        for k in range(n + 1):
            table.setdefault(i + k, j + k)
    return table


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(
        os.environ.get("CARGO_TARGET_DIR", "target"), "debug", "vanban"))
    ap.add_argument("--width", type=int, default=80)
    ap.add_argument("--double", action="store_true", help="blank line after every line")
    ap.add_argument("--truth", default="../shared/corpus/legacy/ground-truth")
    ap.add_argument("--show", type=int, default=0, help="print N glued and N extra breaks")
    args = ap.parse_args()
    if not os.path.isdir(args.truth):
        print(f"note: {args.truth} missing, nothing to measure")
        return 0
    tp = fp = fn = 0
    wrap_breaks = wrap_joined = 0
    # Transcripts of .doc and .rtf files hold a paragraph per line; those of PDFs keep the
    # PDF's own line wrapping and those of spreadsheets a cell per line, so they are left out.
    manifest = os.path.join(os.path.dirname(args.truth.rstrip("/")), "MANIFEST.tsv")
    files = []
    for row in open(manifest, encoding="utf-8").read().splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) > 3 and cols[2] in ("doc", "rtf"):
            files.append(os.path.basename(cols[3]))
    files = sorted(set(files))
    for name in files:
        truth = open(os.path.join(args.truth, name), encoding="utf-8").read()
        wrapped = wrap(truth, args.width, args.double)
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
            f.write(wrapped)
            path = f.name
        try:
            out = subprocess.run(
                [args.bin, "repair", path, "--no-restore", "--tone-style", "keep"],
                capture_output=True, text=True, check=True).stdout
        finally:
            os.unlink(path)
        t_str, t_cuts = breaks(truth)
        w_str, w_cuts = breaks(wrapped)
        o_str, o_cuts = breaks(out)
        to_out = map_offsets(t_str, o_str)
        kept = {to_out[c] for c in t_cuts if c in to_out}
        tp_f = len(kept & o_cuts)
        if args.show:
            print(f"{name}: {len(t_cuts) - tp_f} glued of {len(t_cuts)}, {len(o_cuts - kept)} extra")
        tp += tp_f
        fn += len(t_cuts) - tp_f
        fp += len(o_cuts - kept)
        if args.show:
            inv = {v: k for k, v in to_out.items()}
            glued = sorted(to_out[c] for c in t_cuts if c in to_out and to_out[c] not in o_cuts)
            for c in glued[:args.show]:
                print(f"{name}: glued  …{o_str[max(c - 30, 0):c]}|{o_str[c:c + 30]}…")
            for c in sorted(o_cuts - kept)[:args.show]:
                print(f"{name}: extra  …{o_str[max(c - 30, 0):c]}|{o_str[c:c + 30]}…")
        # Breaks the wrapping added (same text, so offsets agree), and how many are gone.
        added = {to_out[c] for c in (w_cuts - t_cuts) if c in to_out}
        wrap_breaks += len(added)
        wrap_joined += len(added - o_cuts)
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    j = wrap_joined / max(wrap_breaks, 1)
    mode = "double-spaced" if args.double else "single-spaced"
    print(f"{len(files)} transcripts, wrapped at {args.width}, {mode}")
    print(f"line-break precision {p:.3f}  recall {r:.3f}  wrap breaks joined {j:.3f} "
          f"({wrap_joined}/{wrap_breaks})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
