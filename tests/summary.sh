#!/usr/bin/env bash
# Sum the counts each stage wrote ("passed failed skipped", by tests/run.sh or
# tests/valgrind.sh) into one closing line. Fails when a stage failed, left no
# counts (it did not run), or counted nothing at all.
p=0 f=0 s=0
for r in "$@"; do
  if [ ! -f "$r" ]; then
    echo "not ok - $r missing: that stage did not run to the end"; f=$((f + 1)); continue
  fi
  read -r a b c < "$r"
  if [ -z "${a:-}" ] || [ -z "${b:-}" ] || [ -z "${c:-}" ]; then
    echo "not ok - $r unreadable"; f=$((f + 1)); continue
  fi
  if [ $((a + b + c)) -eq 0 ]; then echo "not ok - $r: the stage ran nothing"; f=$((f + 1)); fi
  p=$((p + a)); f=$((f + b)); s=$((s + c))
done
echo "check: $p passed, $f failed, $s skipped"
[ "$f" -eq 0 ]
