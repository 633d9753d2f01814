#!/usr/bin/env bash
# Measures how batch throughput scales with threads: builds a corpus of N copies of the
# bundled fixtures, runs `vanban extract` with 1, 2, 4, … threads, and reports wall time,
# documents/s, MB/s and peak memory; checks the output bytes are the same for every
# thread count. Usage: scripts/scaling-bench.sh [BINARY] [COPIES] [OUTDIR]
# Extra `vanban extract` flags (e.g. --second-reading) come from $EXTRA_FLAGS.
set -euo pipefail
bin=${1:-target/release/vanban}
copies=${2:-200}
out=${3:-/tmp/vanban-scaling}
read -r -a extra <<<"${EXTRA_FLAGS:-}"
mkdir -p "$out"
corpus=$(mktemp -d)
for i in $(seq 1 "$copies"); do
  d="$corpus/$(printf '%05d' "$i")"
  mkdir -p "$d"
  cp fixtures/docs/* "$d/"
  cp fixtures/inputs/header-*.txt "$d/" 2>/dev/null || true
done
files=$(find "$corpus" -type f | wc -l)
bytes=$(du -sb "$corpus" | cut -f1)
cores=$(nproc)
echo "corpus: $files files, $bytes bytes; machine: $cores cores; flags: ${EXTRA_FLAGS:-none}" | tee "$out/scaling.txt"
printf '%-7s %9s %10s %8s %10s %s\n' threads seconds docs/s MB/s maxRSS_MB sha256 | tee -a "$out/scaling.txt"
jobs_list="1 2 4 8 16"
first=""
for j in $jobs_list; do
  [ "$j" -le "$cores" ] || continue
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$out/rss-$j" "$bin" extract "$corpus" --jobs "$j" --no-text "${extra[@]}" -o "$out/out-$j.jsonl" 2>>"$out/stderr-$j" || true
  end=$(date +%s.%N)
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN{print b-a}')
  rss=$(tail -1 "$out/rss-$j")
  sum=$(sha256sum "$out/out-$j.jsonl" | cut -c1-16)
  [ -n "$first" ] || first=$sum
  awk -v j="$j" -v s="$secs" -v f="$files" -v b="$bytes" -v r="$rss" -v h="$sum" \
    'BEGIN{printf "%-7s %9.2f %10.0f %8.2f %10.1f %s\n", j, s, f/s, b/1e6/s, r/1024, h}' | tee -a "$out/scaling.txt"
done
same=yes
for f in "$out"/out-*.jsonl; do
  [ "$(sha256sum "$f" | cut -c1-16)" = "$first" ] || same=no
done
echo "identical output across thread counts: $same" | tee -a "$out/scaling.txt"
rm -f "$out"/out-*.jsonl
rm -rf "$corpus"
