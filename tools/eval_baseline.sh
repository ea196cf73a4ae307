#!/usr/bin/env bash
# make eval-baseline: the "before" of issue 3, measured, not remembered.
# Builds the first pipeline exactly as committed before the parser existed
# (commit 27868eb: POS-pattern mentions, sieve, no tree) in a scratch git
# worktree, trains its tagger with its own code, and scores it on the same
# dev sets as `make eval`. Needs the git history and ../shared/data; ~2 min.
set -euo pipefail
DATA=$(cd "${DATA:-../shared/data}" && pwd)
REV=${BASELINE_REV:-27868eb}
W=$(mktemp -d)
trap 'git worktree remove --force "$W/src" >/dev/null 2>&1 || true; rm -rf "$W"' EXIT
git worktree add --detach "$W/src" "$REV" >/dev/null
cd "$W/src"
make -j2 >/dev/null && make tools -j2 >/dev/null
T=build/tools
$T/train_tagger "$DATA/ud/en_ewt-ud-train.conllu" "$DATA/ud/en_gum-ud-train.conllu" -o "$W/tagger.bin" 2>/dev/null
$T/build_lexicon "$DATA/lexicons" /usr/share/wordnet -o "$W/lexicon.bin" >/dev/null 2>&1
echo "name=first-pipeline-$REV" > "$W/meta.txt"
$T/model_pack "$W/first.model" "META=$W/meta.txt" "TAGR=$W/tagger.bin" "LEXI=$W/lexicon.bin" >/dev/null
for split in dev train; do
  printf '\n== first pipeline (%s), GUM %s ==\n' "$REV" "$split"
  $T/dev_coref --model "$W/first.model" "$DATA/ud/en_gum-ud-$split.conllu" "$DATA/gum/$split" | tail -9
done
printf '\n== first pipeline (%s), LitBank dev ==\n' "$REV"
$T/dev_coref --model "$W/first.model" "$DATA/litbank/dev" | tail -9
