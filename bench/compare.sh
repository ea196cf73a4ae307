#!/usr/bin/env bash
# bench/compare.sh COMMIT [RUNS]: end-to-end tokens/s of an older commit
# built beside this tree, on the same corpus and core, passes alternating
# (old, new, old, new, ...) so that the machine's state weighs on both
# alike; prints each side's best pass and the ratio. `make bench-compare
# BASE=COMMIT`. The old commit is built in a temporary git worktree.
set -euo pipefail
BASE=${1:?usage: bench/compare.sh COMMIT [RUNS]}
RUNS=${2:-5}
DATA=${DATA:-../shared/data}
BUILD=${BUILD:-build}
W=$BUILD/bench
mkdir -p "$W"
corpus=$W/corpus.txt
bash bench/corpus.sh "$DATA" "$corpus"
old=$(mktemp -d "${TMPDIR:-/tmp}/coref-base.XXXXXX")
trap 'git worktree remove --force "$old" >/dev/null 2>&1 || rm -rf "$old"' EXIT
git worktree add --detach "$old" "$BASE" >/dev/null
echo "building $BASE ($(git -C "$old" log -1 --format='%h %s' | cut -c1-70)) in $old"
BUILD=build make -C "$old" -j2 BUILD=build all >/dev/null
one_core="taskset -c 0"
command -v taskset >/dev/null || one_core=""
best() { sort -n | head -n 1; }
: > "$W/compare-old.txt"
: > "$W/compare-new.txt"
for _ in $(seq "$RUNS"); do
  # "end to end RATE SECONDS": printed by every version of bench_pipeline
  $one_core "$old/build/tools/bench_pipeline" "$corpus" 1 | awk '/^end to end/ { print $5, $4 * $5 }' >> "$W/compare-old.txt"
  $one_core "$BUILD/tools/bench_pipeline" "$corpus" 1 | awk '/^end to end/ { print $5, $4 * $5 }' >> "$W/compare-new.txt"
done
read -r so to < <(best < "$W/compare-old.txt")
read -r sn tn < <(best < "$W/compare-new.txt")
awk -v so="$so" -v to="$to" -v sn="$sn" -v tn="$tn" -v base="$BASE" -v runs="$RUNS" 'BEGIN {
  printf "%-24s %8.0f tokens %8.3f s %10.0f tokens/s\n", base, to, so, to / so
  printf "%-24s %8.0f tokens %8.3f s %10.0f tokens/s\n", "this tree", tn, sn, tn / sn
  printf "this tree over %s: %.3fx the tokens/s (best of %d alternating passes each)\n", base, (tn / sn) / (to / so), runs }'
