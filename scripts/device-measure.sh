#!/usr/bin/env bash
# One run on a lent many-core machine: what the machine is, batch scaling with 1-16
# threads (plain and with --second-reading), and the per-stage benchmark. The binary and
# the shared folder travel beside the checkout (they are not in git).
# Usage: scripts/device-measure.sh BINARY SHARED OUTDIR
set -uo pipefail
bin=$1
shared=$2
out=$3
mkdir -p "$out"
{
  nproc
  lscpu | grep -E 'Model name|^CPU\(s\)|Thread|Socket|MHz' || true
  free -g | head -2
} 2>&1 | tee "$out/machine.txt"
scripts/scaling-bench.sh "$bin" 60 "$out/plain"
EXTRA_FLAGS=--second-reading scripts/scaling-bench.sh "$bin" 60 "$out/second"
"$bin" bench --stages --repeat 5 --shared "$shared" 2>&1 | tee "$out/stages.txt"
