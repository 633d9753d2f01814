#!/bin/sh
# Seeds the fuzz target `pipeline` (fuzz/README.md) with the bundled fixtures: each text,
# Markdown, HTML or RTF file, its first byte choosing its reader as the target reads it
# (0 text, 1 Markdown, 2 HTML, 3 RTF). Files over 64 KiB are left out (libFuzzer's
# -max_len). Run from the repository root.
set -eu
out=fuzz/corpus/pipeline
mkdir -p "$out"
n=0
find fixtures -type f \( -name '*.txt' -o -name '*.md' -o -name '*.html' -o -name '*.htm' -o -name '*.rtf' \) -size -64k | sort |
while read -r f; do
    case "$f" in
        *.md) pick='\001' ;;
        *.html | *.htm) pick='\002' ;;
        *.rtf) pick='\003' ;;
        *) pick='\000' ;;
    esac
    n=$((n + 1))
    { printf "$pick"; cat "$f"; } > "$out/seed-$n"
done
ls "$out" | wc -l
