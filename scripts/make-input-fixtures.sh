#!/usr/bin/env bash
# Rebuilds fixtures/inputs/ encodings from source-header.txt with GNU iconv.
set -euo pipefail
cd "$(dirname "$0")/../fixtures/inputs"
src=source-header.txt
iconv -f UTF-8 -t UTF-16 "$src" > header-utf16.txt
{ printf '\xEF\xBB\xBF'; cat "$src"; } > header-utf8bom.md
# CP1258 stores the five tone marks as combining characters after a base letter that keeps
# its other marks precomposed (Â, Ă, Ơ, Ư): split only the tone marks off, then encode.
python3 ../../scripts/split_tone_marks.py "$src" \
  | iconv -f UTF-8 -t CP1258 > header-cp1258.txt
