#!/usr/bin/env bash
# Build the five fuzzers against build-fuzz/libcoref-internal.a (the stages' readers are internal) and run each for
# $FUZZ_SECONDS seconds. Seeds: the example article and small data files.
set -euo pipefail
DATA=${DATA:-../shared/data}
B=build-fuzz
for t in 1:text 2:conll 3:conllu 4:model 5:image; do
  n=${t%%:*}; name=${t#*:}
  clang -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -std=c11 $FUZZ_FLAGS -DFUZZ_TARGET=$n \
    fuzz/fuzz_readers.c $B/libcoref-internal.a -lutf8proc -ljansson -lm -o $B/fuzz_$name
  seeds=$B/seeds_$name; mkdir -p "$seeds"
  case $name in
    text) cp examples/*.txt "$seeds"/ ;;
    conll) [ -d "$DATA" ] && head -c 4000 "$DATA/gum/dev/GUM_news_iodine.conll" > "$seeds/gum" && head -c 4000 "$DATA/litbank/dev/41_the_legend_of_sleepy_hollow_brat.conll" > "$seeds/lit" || true ;;
    conllu) [ -d "$DATA" ] && head -c 6000 "$DATA/ud/en_ewt-ud-dev.conllu" > "$seeds/ewt" || true ;;
    model) head -c 20000 models/coref.model > "$seeds/head" ;;
    image) head -c 16000 "$B/coref.img" | tail -c 4000 > "$seeds/table" ;;
  esac
  echo "== fuzz_$name ($FUZZ_SECONDS s) =="
  "$B/fuzz_$name" -max_total_time="$FUZZ_SECONDS" -max_len=20000 -rss_limit_mb=4096 ${FUZZ_ARGS:-} "$seeds" 2>&1 | tail -3
done
