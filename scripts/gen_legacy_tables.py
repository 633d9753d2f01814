#!/usr/bin/env python3
"""Rebuilds data/legacy/*.tsv and src/repair/legacy/tables.rs (the byte tables of the
legacy Vietnamese encodings). Sources are named in data/legacy/SOURCE.md:

- TCVN 5712:1993 (VN1, a superset of the TCVN3/ABC font layout), VISCII and CP1258:
  the glibc localedata charmaps in /usr/share/i18n/charmaps (package `locales`).
- VPS: the byte table of PyPI `viparse` 0.1.31 (MIT), which lists it cross-checked
  against four independent charts; this script checks it against GNU recode's VPS.
- VNI-Windows: a composite encoding (base letter + mark byte); its chart is the rule
  written out below (the VNI code chart: marks ù ø û õ ï for the five tones, â/ê for
  circumflex/breve, á à å ã ä and é è ú ü ë for hat + tone, single bytes for đ ơ ư
  and the i-letters), written by hand and checked against GNU recode's VNI.

Usage: python3 scripts/gen_legacy_tables.py   (run from the repository root)
"""
import gzip, os, re, subprocess, sys, tempfile, unicodedata, zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data", "legacy")
OUT = os.path.join(ROOT, "src", "repair", "legacy", "tables.rs")
CHARMAPS = "/usr/share/i18n/charmaps"

BASES = "aăâeêioôơuưy"
TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
LETTERS = sorted(
    ({unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES if b + t != ""}
    | {unicodedata.normalize("NFC", b + t).upper() for b in BASES for t in TONES}
    | {"đ", "Đ"})
    - set("aeiouyAEIOUY")
)


def charmap(name):
    table = {}
    with gzip.open(os.path.join(CHARMAPS, name + ".gz"), "rt", encoding="ascii", errors="replace") as f:
        for line in f:
            m = re.match(r"<U([0-9A-F]{4,6})>\s+/x([0-9a-f]{2})\s", line)
            if m:
                table[int(m.group(2), 16)] = int(m.group(1), 16)
    return table


def viparse_vps():
    tmp = tempfile.mkdtemp()
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp,
                    "viparse==0.1.31"], check=True)
    wheel = [f for f in os.listdir(tmp) if f.endswith(".whl")][0]
    src = zipfile.ZipFile(os.path.join(tmp, wheel)).read("viparse/normalize/vps.py").decode()
    table = {b: b for b in range(256)}  # VPS keeps Latin-1 where it does not differ
    for b, cp in re.findall(r"\(0x([0-9A-F]{2}), 0x([0-9A-F]{4})\)", src):
        table[int(b, 16)] = int(cp, 16)
    return table


# VNI mark bytes: (hat, tone) with hat in {"", "^", "("} and tone index into TONES.
VNI_MARKS = {
    "ù": ("", 1), "ø": ("", 2), "û": ("", 3), "õ": ("", 4), "ï": ("", 5),
    "â": ("^", 0), "á": ("^", 1), "à": ("^", 2), "å": ("^", 3), "ã": ("^", 4), "ä": ("^", 5),
    "ê": ("(", 0), "é": ("(", 1), "è": ("(", 2), "ú": ("(", 3), "ü": ("(", 4), "ë": ("(", 5),
}
# VNI bytes that are a whole letter on their own.
VNI_SINGLE = {"ñ": "đ", "ô": "ơ", "ö": "ư", "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}


def vni_table():
    """(byte, kind, value) rows: kind 'letter' (byte alone is that letter) or 'mark'."""
    rows = []
    for ch, letter in VNI_SINGLE.items():
        rows.append((ord(ch), "letter", letter))
        rows.append((ord(ch.upper()), "letter", letter.upper()))
    for ch, (hat, tone) in VNI_MARKS.items():
        for c in (ch, ch.upper()):
            rows.append((ord(c.encode("latin-1").decode("cp1252")), "mark", hat + str(tone)))
    return sorted(set(rows))


def vni_encode(text):
    """VNI encoding by the chart above, used only to check the chart's coverage."""
    hat_of = {"\u0302": "^", "\u0306": "(", "\u031b": "+"}
    out = []
    for ch in text:
        for k, v in VNI_SINGLE.items():
            if v == ch:
                out.append(k); break
            if v.upper() == ch:
                out.append(k.upper()); break
        else:
            d = unicodedata.normalize("NFD", ch)
            base, marks = d[0], d[1:]
            hat = "".join(hat_of.get(m, "") for m in marks)
            tone = next((TONES.index(m) for m in marks if m in TONES[1:]), 0)
            upper = base.isupper()
            if hat == "+":
                base = {"o": "ô", "u": "ö", "O": "Ô", "U": "Ö"}[base]
                hat = ""
            if base.lower() == "i" and tone:
                out.append(VNI_SINGLE_INV[(tone, upper)]); continue
            if base.lower() == "y" and tone == 5:
                out.append("Î" if upper else "î"); continue
            out.append(base)
            if hat or tone:
                mark = [k for k, v in VNI_MARKS.items() if v == (hat, tone)][0]
                out.append(mark.upper() if upper else mark)
    return "".join(out)


VNI_SINGLE_INV = {(1, False): "í", (2, False): "ì", (3, False): "æ", (4, False): "ó", (5, False): "ò",
                  (1, True): "Í", (2, True): "Ì", (3, True): "Æ", (4, True): "Ó", (5, True): "Ò"}


# GNU recode 3.7 writes Ắ as AÈ and Ằ as AÉ, the reverse of its own lowercase ắ = aé,
# ằ = aè and of the VNI chart; these two are not checked against it.
RECODE_VNI_SWAPPED = {"Ắ", "Ằ"}


def recode(text, enc):
    r = subprocess.run(["recode", "-f", "utf8.." + enc], input=text.encode(), capture_output=True)
    return r.stdout if r.returncode == 0 else None


def write_tsv(name, table, header):
    with open(os.path.join(DATA, name), "w", encoding="utf-8") as f:
        f.write(f"# {header}\n# byte\tunicode\tchar\n")
        for b in sorted(table):
            cp = table[b]
            f.write(f"{b:02X}\t{cp:04X}\t{chr(cp) if cp >= 0x20 and not 0x7f <= cp < 0xa0 and unicodedata.category(chr(cp)) != 'Mn' else ''}\n")


def rust_char_table(name, table, doc, letters_only):
    """A [char; 256]: the letter each byte stands for, or '\\0' where the byte keeps the
    meaning it has as Windows-1252 (digits, punctuation, bytes the encoding leaves alone)."""
    cells = []
    for b in range(256):
        cp = table.get(b)
        if cp is None or (letters_only and not is_viet_or_mark(cp)):
            cells.append("'\\0'")
        else:
            cells.append(f"'\\u{{{cp:04X}}}'")
    rows = ",\n    ".join(", ".join(cells[i:i + 8]) for i in range(0, 256, 8))
    return f"/// {doc}\npub static {name}: [char; 256] = [\n    {rows},\n];\n"


def is_viet_or_mark(cp):
    ch = chr(cp)
    return ch in LETTERS or 0x300 <= cp <= 0x323 or ch in "₫"


def main():
    os.makedirs(DATA, exist_ok=True)
    assert len(LETTERS) == 134, len(LETTERS)
    tcvn = charmap("TCVN5712-1")
    viscii = charmap("VISCII")
    cp1258 = charmap("CP1258")
    vps = viparse_vps()
    # Every encoding covers all 134 letters (TCVN3/VN1, VISCII, VPS one byte each; CP1258
    # as base + combining tone).
    for name, t in (("TCVN5712-1", tcvn), ("VISCII", viscii), ("VPS", vps)):
        have = {chr(cp) for cp in t.values()}
        missing = [c for c in LETTERS if c not in have]
        assert not missing, (name, missing)
    have = {unicodedata.normalize("NFC", chr(a) + chr(m)) for a in cp1258.values()
            for m in (0x300, 0x301, 0x303, 0x309, 0x323)} | {chr(a) for a in cp1258.values()}
    assert all(c in have for c in LETTERS), "CP1258"
    # Cross-checks against GNU recode, an independent implementation, where installed.
    if subprocess.run(["which", "recode"], capture_output=True).returncode == 0:
        inv_vps = {chr(cp): b for b, cp in vps.items()}
        for c in LETTERS:
            want = recode(c, "VPS")
            if not want:  # recode's VPS lacks a few capitals (Ỗ); nothing to compare
                continue
            assert want == bytes([inv_vps[c]]), ("VPS", c, want, inv_vps[c])
            vni = recode(c, "VNI")
            if c in RECODE_VNI_SWAPPED:
                continue
            assert vni == vni_encode(c).encode("latin-1"), ("VNI", c, vni, vni_encode(c))
    write_tsv("tcvn5712-1.tsv", tcvn, "TCVN 5712:1993 VN1 (TCVN3/ABC is its 0xA0-0xFF half); from glibc charmap TCVN5712-1")
    write_tsv("viscii.tsv", viscii, "VISCII 1.1 (RFC 1456); from glibc charmap VISCII")
    write_tsv("cp1258.tsv", cp1258, "Windows-1258; from glibc charmap CP1258")
    write_tsv("vps.tsv", vps, "VPS; from PyPI viparse 0.1.31 (MIT), checked against GNU recode")
    with open(os.path.join(DATA, "vni.tsv"), "w", encoding="utf-8") as f:
        f.write("# VNI-Windows bytes (as Windows-1252 characters): letter = the byte alone is that letter;\n")
        f.write("# mark = the byte modifies the preceding base letter: hat (^ circumflex, ( breve) + tone\n")
        f.write("# (0 none, 1 acute, 2 grave, 3 hook, 4 tilde, 5 dot below)\n# byte\tkind\tvalue\n")
        for b, kind, value in vni_table():
            f.write(f"{b:02X}\t{kind}\t{value}\n")

    out = ["// @generated by scripts/gen_legacy_tables.py (which also writes data/legacy/*.tsv) — do not edit.",
           "//! Byte tables of the legacy Vietnamese encodings (see data/legacy/SOURCE.md).",
           "#![allow(clippy::all)]", ""]
    out.append(rust_char_table("TCVN3", tcvn, "TCVN 5712:1993 VN1 (TCVN3/ABC fonts use its 0xA0–0xFF half); Vietnamese letters and combining marks only.", True))
    out.append(rust_char_table("VISCII", viscii, "VISCII 1.1; Vietnamese letters only.", True))
    out.append(rust_char_table("VPS", vps, "VPS; Vietnamese letters only.", True))
    out.append(rust_char_table("CP1258", cp1258, "Windows-1258; Vietnamese letters, ₫ and the five combining tone marks only.", True))
    letter = {b: ord(v) for b, k, v in vni_table() if k == "letter"}
    out.append(rust_char_table("VNI_LETTER", letter, "VNI bytes that are a whole letter on their own.", False))
    marks = ["0"] * 256
    hat_code = {"": 0, "^": 1, "(": 2}
    for b, k, v in vni_table():
        if k == "mark":
            marks[b] = str(hat_code[v[:-1]] * 8 + int(v[-1]) + 1)
    rows = ",\n    ".join(", ".join(marks[i:i + 16]) for i in range(0, 256, 16))
    out.append("/// VNI mark bytes: 0 = not a mark, else 1 + tone (0 none, 1 acute, 2 grave, 3 hook,\n"
               "/// 4 tilde, 5 dot) + 8 × hat (0 none, 1 circumflex, 2 breve).\n"
               f"pub static VNI_MARK: [u8; 256] = [\n    {rows},\n];\n")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
