#!/usr/bin/env bash
# One run on a lent many-core machine: what the machine is, batch scaling with 1-16
# threads (plain and with --second-reading), and the per-stage benchmark. The binaries and
# the shared folder travel beside the checkout (they are not in git).
# With a BASELINE binary, plain scaling and the per-stage benchmark alternate the two
# binaries (two rounds each), since lent machines differ from one lease to the next and
# only figures from one lease compare.
# Usage: scripts/device-measure.sh BINARY SHARED OUTDIR [BASELINE] [REPEAT]
set -uo pipefail
bin=$1
shared=$2
out=$3
baseline=${4:-}
repeat=${5:-5}
mkdir -p "$out"
work=$(mktemp -d)
{
  nproc
  lscpu | grep -E 'Model name|^CPU\(s\)|Thread|Socket|MHz' || true
  free -g | head -2
} 2>&1 | tee "$out/machine.txt"
# Scaling runs write 420-document outputs per thread count; only the summaries come back.
scaling() { # NAME BINARY
  scripts/scaling-bench.sh "$2" "${COPIES:-60}" "$work/$1" >/dev/null 2>&1
  cp "$work/$1/scaling.txt" "$out/scaling-$1.txt"
  rm -rf "${work:?}/$1"
}
if [ -n "$baseline" ]; then
  for round in 1 2; do
    scaling "baseline-$round" "$baseline"
    scaling "plain-$round" "$bin"
  done
else
  scaling plain "$bin"
fi
EXTRA_FLAGS=--second-reading scaling second "$bin"
if [ -n "$baseline" ]; then
  for round in 1 2; do
    "$baseline" bench --stages --repeat "$repeat" --shared "$shared" >"$out/stages-baseline-$round.txt" 2>&1
    "$bin" bench --stages --repeat "$repeat" --shared "$shared" >"$out/stages-$round.txt" 2>&1
  done
else
  "$bin" bench --stages --repeat "$repeat" --shared "$shared" >"$out/stages.txt" 2>&1
fi
tail -n +1 "$out"/*.txt
