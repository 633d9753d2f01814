#!/usr/bin/env bash
# Counts what one pass of a restorer benchmark costs, under valgrind's cachegrind: the
# instructions run and the data reads that miss a 32 KB first-level cache and a 1 MB
# second-level one (this project's hosts have 1 MB of L2 per core). Unlike timings on a
# shared host (±10–15% from run to run), the counts repeat exactly, so two builds can be
# compared by them. The estimate weighs a first-level miss at 10 instructions and a
# second-level one at 60, about what they cost on the hosts measured; it includes the model's
# load, once per process. Cachegrind counts a prefetch as an instruction but does not model
# what it saves (a line's load overlapping other work), so for changes that add or move
# prefetches only timed runs tell.
# Usage: scripts/restore_cost.sh [BINARY] [lost-glyphs|diacritics|read-twice] [SHARED]
set -euo pipefail
bin=${1:-target/release/vanban}
restorer=${2:-lost-glyphs}
shared=${3:-../shared}
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
valgrind --tool=cachegrind --cache-sim=yes --D1=32768,8,64 --LL=1048576,16,64 \
  --cachegrind-out-file="$out" \
  "$bin" bench --restorer "$restorer" --seconds 0 --shared "$shared" 2>/dev/null
# The totals line: instructions, then first-level and last-level data read misses.
cg_annotate --show=Ir,D1mr,DLmr "$out" 2>/dev/null | grep "PROGRAM TOTALS" | tr -d ',' |
  awk '{ printf "instructions %.3fG, L1 read misses %.2fM, L2 read misses %.2fM, estimate %.3fG\n",
         $1 / 1e9, $3 / 1e6, $5 / 1e6, ($1 + 10 * $3 + 60 * $5) / 1e9 }'
