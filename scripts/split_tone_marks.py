"""Print a UTF-8 file with Vietnamese tone marks split off as combining characters
(the form Windows-1258 stores), other marks left precomposed."""
import sys
import unicodedata

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def split(ch: str) -> str:
    parts = unicodedata.normalize("NFD", ch)
    tones = "".join(c for c in parts if c in TONES)
    rest = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
    return rest + tones


with open(sys.argv[1], encoding="utf-8") as f:
    sys.stdout.write("".join(split(c) for c in f.read()))
