#!/usr/bin/env bash
# bench/corpus.sh DATA OUT: the benchmarks' text, the raw text of the UD dev
# files (EWT + GUM, a paragraph per document), or the example article when
# DATA is absent. Shared by make bench and make bench-scale.
set -euo pipefail
DATA=$1 OUT=$2
if [ -f "$DATA/ud/en_gum-ud-dev.conllu" ]; then
  for f in "$DATA/ud/en_ewt-ud-dev.conllu" "$DATA/ud/en_gum-ud-dev.conllu"; do
    awk '/^# newdoc/ { if (n) print "\n"; n=0 } /^# text = / { sub(/^# text = /, ""); printf "%s ", $0; n++ } END { print "" }' "$f"
  done > "$OUT"
else
  for i in $(seq 200); do cat examples/*.txt; echo; done > "$OUT"
fi
