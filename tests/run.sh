#!/usr/bin/env bash
# Run every test program in $1/tests with TAP output; record counts in
# $1/test-results.txt ("passed failed skipped"). Exit 1 when a test failed.
set -u
dir=${1:-build}
export CMOCKA_MESSAGE_OUTPUT=TAP
pass=0 fail=0 skip=0
for t in "$dir"/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  out=$("$t" 2>&1); rc=$?
  printf '%s\n' "$out" | sed "s/^/[$name] /"
  # cmocka's TAP marks a skipped test "not ok N # SKIP".
  s=$(printf '%s\n' "$out" | grep -cE '^(not )?ok .*# (SKIP|skip)' || true)
  p=$(printf '%s\n' "$out" | grep -E '^ok ' | grep -cvE '# (SKIP|skip)' || true)
  f=$(printf '%s\n' "$out" | grep -E '^not ok ' | grep -cvE '# (SKIP|skip)' || true)
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "[$name] exited with status $rc"; fi
  pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
done
echo "$pass $fail $skip" > "$dir/test-results.txt"
echo "$dir: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
