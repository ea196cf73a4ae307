#!/usr/bin/env bash
# make bench: end-to-end and per-stage throughput on one core, peak memory,
# and the yardsticks (wink-nlp, compromise) on the same text when npm works.
set -euo pipefail
DATA=${DATA:-../shared/data}
BUILD=${BUILD:-build}
W=$BUILD/bench
mkdir -p "$W"
corpus=$W/corpus.txt
bash bench/corpus.sh "$DATA" "$corpus"
echo "corpus: $corpus ($(wc -c < "$corpus") bytes)"
one_core="taskset -c 0"
command -v taskset >/dev/null || one_core=""
echo
echo "== coref pipeline, one thread (tools/bench_pipeline, corpus x4) =="
$one_core "$BUILD/tools/bench_pipeline" "$corpus" 4
echo
echo "== coref annotate --format json, whole process (one core) =="
for i in 1 2 3 4; do cat "$corpus"; done > "$W/corpus4.txt"
/usr/bin/time -f "wall %e s, peak RSS %M KiB" $one_core ./coref annotate --format json "$W/corpus4.txt" > "$W/out.json"
echo
echo "== yardsticks on the same corpus (node $(node --version 2>/dev/null || echo missing)) =="
if [ -d bench/node_modules/wink-nlp ] || (cd bench && npm install --no-audit --no-fund --silent >/dev/null 2>&1); then
  $one_core node bench/yardsticks.mjs "$corpus"
else
  echo "npm packages unavailable: yardsticks skipped"
fi
