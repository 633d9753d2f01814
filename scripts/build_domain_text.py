#!/usr/bin/env python3
"""Builds data/lm/domain.txt: in-domain running text (official documents of the 2000s) whose
word-pair counts the restore pass mixes into the language model, which is trained on law codes.

Source: the archive transcripts of the shared corpus (`corpus/legacy/ground-truth/*.txt`,
MIT, © 2026 Đinh Minh Trí; the documents themselves are administrative documents, free of
copyright under the Law on Intellectual Property, Art. 15). Only every third transcript in
name order is taken (the 1st, 4th, 7th, ...): the same ones `vanban eval restore` uses as
its dev set, where each is restored with its own counts taken back out. The other
transcripts are the evaluation's test set and must never be read here.

Changes made: NFC; trailing whitespace removed; empty lines dropped. Each line is kept
otherwise as it is, so the evaluation can take a document's counts back out exactly.

Usage: python3 scripts/build_domain_text.py [SHARED_DIR]   (default ../shared; run from the
repository root)
"""
import os
import sys
import unicodedata

DEV_EVERY = 3  # must match ARCHIVE_DEV_EVERY in src/eval/restore.rs


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared")
    folder = os.path.join(shared, "corpus", "legacy", "ground-truth")
    names = sorted(n for n in os.listdir(folder) if n.endswith(".txt"))
    picked = names[::DEV_EVERY]
    out = []
    for name in picked:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = unicodedata.normalize("NFC", f.read())
        out.extend(line.rstrip() for line in text.split("\n") if line.strip())
    target = os.path.join("data", "lm", "domain.txt")
    tmp = target + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    os.replace(tmp, target)
    print(f"{target}: {len(picked)} of {len(names)} transcripts, {len(out)} lines")
    for name in picked:
        print(f"  {name}")


if __name__ == "__main__":
    main()
