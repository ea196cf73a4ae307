#!/usr/bin/env bash
# Sum the counts written by tests/run.sh into one closing line.
p=0 f=0 s=0
for r in "$@"; do
  [ -f "$r" ] || { echo "missing $r"; exit 1; }
  read -r a b c < "$r"
  p=$((p + a)); f=$((f + b)); s=$((s + c))
done
echo "check: $p passed, $f failed, $s skipped"
[ "$f" -eq 0 ]
