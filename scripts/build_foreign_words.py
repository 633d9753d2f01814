#!/usr/bin/env python3
"""Builds data/lm/foreign_words.txt: words of other languages that Vietnamese documents
write in Latin letters ("Internet", "Website", "Singapore", "Photocopy"), with their counts,
for the lost-glyph restorer (src/repair/restore/lost/foreign.rs), which spells such a word
back where a font lost some of its letters and no Vietnamese syllable fits.

Source: the syllable counts of PyPI g2p-hamster 0.2.8 (Apache-2.0; see data/lm/SOURCE.md),
the forms of five or more plain Latin letters counted at least MIN_COUNT times that are no
Vietnamese syllable written without its marks (soe-vinorm's inventory, MIT). Both wheels are
fetched and checked by scripts/build_lm.py's `fetch`.

Also the words of the names of countries and territories in npm i18n-iso-countries 7.14.0
(MIT, © 2016 widdix GmbH; its English and Vietnamese names: "Cayman Islands", "Saint Kitts
và Nevis", "Campuchia"), four letters or more and no Vietnamese syllable, each counted at
least COUNTRY_COUNT: statistical tables list investors, importers and exporters by country,
and a font's lost letters cut those names. Fetched with `npm pack` and checked by sha256.
Run from the repository root:
    python3 scripts/build_foreign_words.py
"""

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_lm import fetch  # noqa: E402

MIN_COUNT = 20
MIN_LENGTH = 5
OUT = "data/lm/foreign_words.txt"
COUNTRIES = ("i18n-iso-countries", "7.14.0", "bb418ebfb965789fcfbcce7dee59888d901ef64b03601da78b2e224cd6f5825c")
COUNTRY_LANGS = ("en", "vi")
COUNTRY_MIN_LENGTH = 4
# A country word's least count: commoner than most words of the general list, so that it
# stands out among the words a cut pattern fits (the reader's DOMINANCE).
COUNTRY_COUNT = 500


def fetch_npm(dl, name, version, sha):
    """The files of an npm package's tarball (fetched with `npm pack`, checked by sha256)."""
    os.makedirs(dl, exist_ok=True)
    path = os.path.join(dl, f"{name}-{version}.tgz")
    if not os.path.exists(path):
        subprocess.check_call(["npm", "pack", f"{name}@{version}", "--pack-destination", dl])
    data = open(path, "rb").read()
    got = hashlib.sha256(data).hexdigest()
    if got != sha:
        sys.exit(f"sha256 mismatch for {path}: {got}")
    return tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")


def country_words(dl, syllables):
    """Lower-case words of plain Latin letters in the package's country names."""
    tgz = fetch_npm(dl, *COUNTRIES)
    words = set()
    for lang in COUNTRY_LANGS:
        names = json.load(tgz.extractfile(f"package/langs/{lang}.json"))["countries"]
        for value in names.values():
            for name in value if isinstance(value, list) else [value]:
                for word in re.findall(r"[A-Za-z]+", name):
                    low = word.lower()
                    if len(low) >= COUNTRY_MIN_LENGTH and low not in syllables:
                        words.add(low)
    return words


def unmarked(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.replace("đ", "d").replace("Đ", "D")


def main():
    dl = os.environ.get("VANBAN_LM_DOWNLOADS", "/tmp/vanban-lm-download")
    wheels = fetch(dl)
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
    counts = dict(words)
    countries = country_words(dl, syllables)
    for word in countries:
        counts[word] = max(counts.get(word, 0), COUNTRY_COUNT)
    words = list(counts.items())
    words.sort(key=lambda wc: (-wc[1], wc[0]))
    with open(OUT, "w") as f:
        f.write(
            "# Words of other languages in Latin letters, with their counts: g2p-hamster 0.2.8\n"
            "# (Apache-2.0), and the words of npm i18n-iso-countries 7.14.0's country names (MIT),\n"
            "# filtered by scripts/build_foreign_words.py; see data/lm/SOURCE.md.\n"
        )
        for form, count in words:
            f.write(f"{form}\t{count}\n")
    print(f"{OUT}: {len(words)} words, {len(countries)} from country names")


if __name__ == "__main__":
    main()
