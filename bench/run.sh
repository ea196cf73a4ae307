#!/usr/bin/env bash
# make bench: end-to-end and per-stage throughput on one core, peak memory,
# the yardsticks (wink-nlp, compromise) on the same text when npm works, and
# annotate --input jsonl with --threads 1 and 2. Every side is measured the
# same way: the whole corpus, one untimed warm-up pass, the best of RUNS
# passes (default 5; 3 for compromise and for whole processes).
set -euo pipefail
DATA=${DATA:-../shared/data}
BUILD=${BUILD:-build}
W=$BUILD/bench
RUNS=${RUNS:-5}
COREF=$BUILD/coref
mkdir -p "$W"
corpus=$W/corpus.txt
bash bench/corpus.sh "$DATA" "$corpus"
echo "corpus: $corpus ($(wc -c < "$corpus") bytes)"
one_core="taskset -c 0"
command -v taskset >/dev/null || one_core=""
echo
echo "== coref pipeline, one thread (tools/bench_pipeline, best of $RUNS passes after a warm-up) =="
$one_core "$BUILD/tools/bench_pipeline" "$corpus" "$RUNS" | tee "$W/pipeline.txt"
# "coref-best tokens N seconds S": the yardstick table's coref row.
read -r coref_tokens coref_seconds < <(awk '/^coref-best/ { print $3, $5 }' "$W/pipeline.txt")
echo
echo "== start: whole process, median of 20 runs (target: at most 20 ms) =="
# The model is embedded as an image used in place: nothing is decoded at
# start. Empty input, and one sentence (start to its resolved text).
python3 - "$COREF" <<'PY'
import statistics, subprocess, sys, time
coref = sys.argv[1]
for label, data in (("empty input", b""), ("one sentence", b"Lavrov said his country is ready.\n")):
    times = []
    for _ in range(21):
        t0 = time.perf_counter()
        subprocess.run([coref, "resolve"], input=data, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    med = statistics.median(times[1:]) * 1000
    print("%-13s median %6.1f ms  (min %.1f, max %.1f)%s" % (label, med, min(times[1:]) * 1000,
          max(times[1:]) * 1000, "" if med <= 20 else "  OVER 20 ms"))
PY
/usr/bin/time -f "empty input peak RSS %M KiB" "$COREF" resolve < /dev/null
echo
echo "== coref annotate --format json, whole process (one core; peak RSS target: at most 64 MB for 1 MB) =="
for i in 1 2 3 4; do cat "$corpus"; done > "$W/corpus4.txt"
echo "input: $(wc -c < "$W/corpus4.txt") bytes"
/usr/bin/time -f "wall %e s, peak RSS %M KiB" $one_core "$COREF" annotate --format json "$W/corpus4.txt" > "$W/out.json"
echo "output: $(wc -c < "$W/out.json") bytes, written as rendered (coref_doc_write)"
echo
echo "== coref annotate --input jsonl --format jsonl, --threads 1 vs 2 (corpus x4, a record per document, best of 3) =="
# One JSONL record per blank-line separated document of the corpus, four
# times over so that the process start is a small part of the wall time.
python3 -c '
import json, sys
docs = [d for d in open(sys.argv[1], encoding="utf-8").read().split("\n\n") if d.strip()]
for r in range(4):
    for i, d in enumerate(docs):
        print(json.dumps({"id": "%d-%d" % (r, i), "text": d}))
' "$corpus" > "$W/corpus4.jsonl"
# best_wall CMD...: the least wall time of 3 runs after an untimed one.
best_wall() {
  "$@" > /dev/null
  local best="" t0 t1
  for _ in 1 2 3; do
    t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N)
    best=$(awk -v a="$t0" -v b="$t1" -v m="$best" 'BEGIN { t = b - a; print (m == "" || t < m) ? t : m }')
  done
  echo "$best"
}
t1=$(best_wall "$COREF" annotate --input jsonl --format jsonl --threads 1 "$W/corpus4.jsonl")
t2=$(best_wall "$COREF" annotate --input jsonl --format jsonl --threads 2 "$W/corpus4.jsonl")
printf '%s records, %s cores online\n' "$(wc -l < "$W/corpus4.jsonl")" "$(nproc)"
awk -v t1="$t1" -v t2="$t2" -v n="$((4 * ${coref_tokens:-0}))" 'BEGIN {
  printf "%-12s %8.3f s  %10.0f tokens/s (coref tokens, process start included)\n", "--threads 1", t1, n / t1
  printf "%-12s %8.3f s  %10.0f tokens/s\n", "--threads 2", t2, n / t2
  printf "threads 2 over threads 1: %.2fx\n", t1 / t2 }'
echo
echo "== yardsticks on the same corpus, warm, best of $RUNS (node $(node --version 2>/dev/null || echo missing)) =="
if [ -d bench/node_modules/wink-nlp ] || (cd bench && npm install --no-audit --no-fund --silent >/dev/null 2>&1); then
  RUNS=$RUNS COREF_RUNS=$RUNS $one_core node bench/yardsticks.mjs "$corpus" "$coref_tokens" "$coref_seconds"
else
  echo "npm packages unavailable: yardsticks skipped"
fi
