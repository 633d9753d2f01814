#!/usr/bin/env python3
"""Builds data/lm/foreign_words.txt: words of other languages that Vietnamese documents
write in Latin letters ("Internet", "Website", "Singapore", "Photocopy"), with their counts,
for the lost-glyph restorer (src/repair/restore/lost/foreign.rs), which spells such a word
back where a font lost some of its letters and no Vietnamese syllable fits.

Source: the syllable counts of PyPI g2p-hamster 0.2.8 (Apache-2.0; see data/lm/SOURCE.md),
the forms of five or more plain Latin letters counted at least MIN_COUNT times that are no
Vietnamese syllable written without its marks (soe-vinorm's inventory, MIT). Both wheels are
fetched and checked by scripts/build_lm.py's `fetch`. Run from the repository root:
    python3 scripts/build_foreign_words.py
"""

import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_lm import fetch  # noqa: E402

MIN_COUNT = 20
MIN_LENGTH = 5
OUT = "data/lm/foreign_words.txt"


def unmarked(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.replace("đ", "d").replace("Đ", "D")


def main():
    wheels = fetch(os.environ.get("VANBAN_LM_DOWNLOADS", "/tmp/vanban-lm-download"))
    soe = wheels["soe_vinorm-0.3.2-py3-none-any.whl"]
    ham = wheels["g2p_hamster-0.2.8-py3-none-any.whl"]
    syllables = {
        unmarked(line.strip().lower())
        for line in soe.read("soe_vinorm/data/dictionaries/vietnamese-syllables.txt").decode().splitlines()
        if line.strip()
    }
    words = []
    vocab = ham.read("g2p_hamster/02_data/core_domain/vi_syllable_vocab.tsv").decode()
    for line in vocab.splitlines():
        if line.startswith("#"):
            continue
        form, count = line.split("\t")[:2]
        count = int(count)
        if (
            count >= MIN_COUNT
            and re.fullmatch(r"[a-z]+", form)
            and len(form) >= MIN_LENGTH
            and form not in syllables
        ):
            words.append((form, count))
    words.sort(key=lambda wc: (-wc[1], wc[0]))
    with open(OUT, "w") as f:
        f.write(
            "# Words of other languages in Latin letters, with their counts: g2p-hamster 0.2.8\n"
            "# (Apache-2.0), filtered by scripts/build_foreign_words.py; see data/lm/SOURCE.md.\n"
        )
        for form, count in words:
            f.write(f"{form}\t{count}\n")
    print(f"{OUT}: {len(words)} words")


if __name__ == "__main__":
    main()
