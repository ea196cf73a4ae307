#!/usr/bin/env bash
# make eval: every dev-set score of the pipeline, from $DATA (../shared/data).
# Held-out test sets are not here and are scored separately.
set -uo pipefail
DATA=${DATA:-../shared/data}
BUILD=${BUILD:-build}
T=$BUILD/tools
W=$BUILD/eval
mkdir -p "$W"
[ -d "$DATA/ud" ] || { echo "make eval: $DATA not found (needs ../shared/data)" >&2; exit 1; }
UD=$DATA/ud
section() { printf '\n== %s ==\n' "$1"; }

section "Tokenizer and sentence splitter (raw # text of UD dev)"
"$T/eval_text" "$UD/en_ewt-ud-dev.conllu" "$UD/en_gum-ud-dev.conllu"

section "Boilerplate cleaner on edited prose: sentences it would skip (GUM news must be 0; the rest are listed by eval_clean without -q)"
"$T/eval_clean" -q --docs GUM_news_ "$UD/en_gum-ud-train.conllu" "$UD/en_gum-ud-dev.conllu"
"$T/eval_clean" -q "$UD/en_gum-ud-dev.conllu" "$UD/en_ewt-ud-dev.conllu"

section "Tagger (gold tokens)"
MODEL=${MODEL:-models/coref.model}
"$T/eval_tagger" "$MODEL" "$UD/en_ewt-ud-dev.conllu" "$UD/en_gum-ud-dev.conllu"

section "Parser (gold tokens, predicted tags)"
"$T/eval_parser" "$MODEL" "$UD/en_ewt-ud-dev.conllu" "$UD/en_gum-ud-dev.conllu" --tagger "$MODEL"

section "Mentions and coreference, GUM dev (OntoGUM scheme, given tokens, predicted tags and tree)"
"$T/dev_coref" "$UD/en_gum-ud-dev.conllu" "$DATA/gum/dev" --singletons-dir "$DATA/gum-singletons/dev"

section "The hand-written sieve alone (no learned nominal linker, no pronoun scorer), same model and run: GUM dev, then LitBank dev"
"$T/dev_coref" --sieve-alone "$UD/en_gum-ud-dev.conllu" "$DATA/gum/dev" | grep 'CoNLL F1'
"$T/dev_coref" --sieve-alone "$DATA/litbank/dev" | grep 'CoNLL F1'

section "Same, without the tree (POS-pattern mentions with the current sieve; the first pipeline itself: make eval-baseline)"
"$T/dev_coref" --no-tree "$UD/en_gum-ud-dev.conllu" "$DATA/gum/dev" --singletons-dir "$DATA/gum-singletons/dev"

section "LitBank dev (its own mention scheme, predicted tags and tree): with the tree, then without (first pipeline)"
"$T/dev_coref" "$DATA/litbank/dev"
"$T/dev_coref" --no-tree "$DATA/litbank/dev"

section "End to end through the CLI: coref annotate --input conll | coref eval (GUM dev)"
cat "$DATA"/gum/dev/*.conll > "$W/gum-dev.key"
./coref annotate --input conll --format conll "$W/gum-dev.key" > "$W/gum-dev.response"
./coref eval "$W/gum-dev.key" "$W/gum-dev.response"

section "End to end through the CLI: LitBank dev"
cat "$DATA"/litbank/dev/*.conll > "$W/litbank-dev.key"
./coref annotate --input conll --format conll "$W/litbank-dev.key" > "$W/litbank-dev.response"
./coref eval "$W/litbank-dev.key" "$W/litbank-dev.response"

section "Resolved text (the product): replacements judged against gold, GUM dev and LitBank dev (given tokens, predicted tags and tree)"
"$T/eval_resolved" "$DATA/gum/dev" "$DATA/litbank/dev"
section "GAP (Webster et al. 2018): pronoun-name pairs, raw snippet text, scored as gap_scorer.py; validation (for tuning), then development (the training part, for reference)"
"$T/eval_gap" --label validation "$DATA/gap/gap-validation.tsv"
"$T/eval_gap" --sieve-alone --label "validation, the hand-written sieve alone" "$DATA/gap/gap-validation.tsv"
"$T/eval_gap" --label development "$DATA/gap/gap-development.tsv"
