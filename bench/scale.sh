#!/usr/bin/env bash
# make bench-scale: time and peak RSS of `coref annotate --format json` (one
# process, one core) on single documents of 10 k, 100 k, 1 M and 10 M
# tokens, in three shapes: news text (paragraphs, punctuation), the same
# words as one unpunctuated line, and one word repeated on one line (the
# parser's worst case: one long chain). The growth factor is the ratio to
# the next smaller size; linear cost gives about 10.
set -euo pipefail
DATA=${DATA:-../shared/data}
BUILD=${BUILD:-build}
SIZES=${SIZES:-"10000 100000 1000000 10000000"}
W=$BUILD/bench
mkdir -p "$W"
corpus=$W/corpus.txt
bash bench/corpus.sh "$DATA" "$corpus"
one_core="taskset -c 0"
command -v taskset >/dev/null || one_core=""
printf '%-6s %10s %10s %9s %12s %8s %8s\n' shape tokens bytes "wall s" "peak MiB" "time x" "RSS x"
for shape in news line word; do
  prev_t="" prev_m=""
  for n in $SIZES; do
    doc=$W/scale-$shape-$n.txt
    ntok=$("$BUILD/tools/bench_scale_gen" "$shape" "$n" "$corpus" "$doc")
    bytes=$(wc -c < "$doc")
    # --max-bytes: the CLI's per-document limit is lifted for the largest size
    res=$( { /usr/bin/time -f "%e %M" $one_core "$BUILD/coref" annotate --max-bytes 1G --format json "$doc" > /dev/null; } 2>&1 | tail -1)
    t=${res% *} kib=${res#* }
    mib=$(awk -v k="$kib" 'BEGIN { printf "%.0f", k / 1024 }')
    gt="" gm=""
    if [ -n "$prev_t" ]; then
      gt=$(awk -v a="$t" -v b="$prev_t" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
      gm=$(awk -v a="$kib" -v b="$prev_m" 'BEGIN { printf "%.1f", a / b }')
    fi
    printf '%-6s %10s %10s %9s %12s %8s %8s\n' "$shape" "$ntok" "$bytes" "$t" "$mib" "$gt" "$gm"
    prev_t=$t prev_m=$kib
    rm -f "$doc"
  done
done
