#!/bin/sh
# Rebuilds data/lm/domain_pairs.tsv: the word-pair counts of the dev third of the shared
# corpus's archive transcripts (every 3rd in name order) and of the project's made-up probe
# documents (fixtures/probe*/), which the restore pass mixes into its language model.
# Only counts are written; the transcripts stay in ../shared and the
# test two thirds are never read. Run from the repository root after the model
# (scripts/build_lm.py), since the counts are in the model's spelling.
#
# Usage: scripts/build_domain_counts.sh [SHARED_DIR]   (default ../shared)
set -eu
shared="${1:-../shared}"
cargo run --release --quiet -- data domain-counts --shared "$shared" --repo . --out data/lm/domain_pairs.tsv
