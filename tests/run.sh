#!/usr/bin/env bash
# Run the program of every tests/test_*.c (built in $1/tests) with TAP output;
# record the counts in $1/test-results.txt ("passed failed skipped").
# The list comes from the sources, not from the binaries present, so a program
# that was not built (or a build that failed, BUILD_STATUS non-zero: its
# binaries may be stale) counts as failed rather than silently missing. A
# program also fails when it exits non-zero, prints no TAP plan, reports fewer
# results than its plan (it stopped part way), or passes no test at all (only
# skips: every program has tests that need no ../shared/data). A stage in
# which no test passed fails too. Exit 1 when anything failed.
set -u
dir=${1:-build}
build_status=${BUILD_STATUS:-0}
export CMOCKA_MESSAGE_OUTPUT=TAP
pass=0 fail=0 skip=0 ran=0 expected=0
for src in tests/test_*.c; do
  [ -f "$src" ] || continue
  name=$(basename "$src" .c)
  t=$dir/tests/$name
  expected=$((expected + 1))
  if [ "$build_status" -ne 0 ]; then
    echo "not ok - [$name] not run: building $dir failed (make exited $build_status)"
    fail=$((fail + 1)); continue
  fi
  if [ ! -x "$t" ]; then
    echo "not ok - [$name] not run: $t was not built"
    fail=$((fail + 1)); continue
  fi
  # a program that hangs fails (status 124) instead of holding CI to its limit
  out=$(timeout "${TEST_TIMEOUT:-600}" "$t" 2>&1); rc=$?
  ran=$((ran + 1))
  printf '%s\n' "$out" | sed "s/^/[$name] /"
  # cmocka's TAP marks a skipped test "not ok N # SKIP".
  s=$(printf '%s\n' "$out" | grep -cE '^(not )?ok .*# (SKIP|skip)' || true)
  p=$(printf '%s\n' "$out" | grep -E '^ok ' | grep -cvE '# (SKIP|skip)' || true)
  f=$(printf '%s\n' "$out" | grep -E '^not ok ' | grep -cvE '# (SKIP|skip)' || true)
  plan=$(printf '%s\n' "$out" | sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' | head -n 1)
  results=$((p + f + s))
  why=""
  if [ "$rc" -ne 0 ]; then why="exited with status $rc"
  elif [ -z "$plan" ]; then why="printed no TAP plan"
  elif [ "$results" -ne "$plan" ]; then why="reported $results results of a plan of $plan"
  elif [ "$p" -eq 0 ]; then why="passed no test"
  fi
  if [ -n "$why" ]; then
    echo "[$name] failed: $why"
    [ "$f" -eq 0 ] && f=1
  fi
  pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
done
# The libraries users link define only the API's coref_* symbols (the
# internal ones are hidden: Makefile, LIBFLAGS and libcoref.a's rule).
if [ "$build_status" -eq 0 ]; then
  for lib in "$dir/libcoref.a" "$dir/libcoref.so"; do
    case $lib in *.so) syms=$(nm -D --defined-only "$lib" 2>/dev/null) ;; *) syms=$(nm -g --defined-only "$lib" 2>/dev/null) ;; esac
    bad=$(printf '%s\n' "$syms" | awk 'NF == 3 && $3 !~ /^coref_/ { print $3 }' | head -n 5 | tr '\n' ' ')
    if [ -z "$syms" ] || [ -n "$bad" ]; then
      echo "not ok - [exports] $lib: missing, or defines symbols outside coref_: $bad"
      fail=$((fail + 1))
    else
      echo "ok - [exports] $lib defines only coref_ symbols"
      pass=$((pass + 1))
    fi
  done
fi
# Dependencies point down the layers (tests/layers.sh: the sources' includes,
# and the symbols the objects of this build use from one another).
if [ "$build_status" -eq 0 ]; then lobjs=$dir; else lobjs=""; fi
lout=$(bash tests/layers.sh $lobjs)
printf '%s\n' "$lout" | grep -E '^(not )?ok |^#'
lp=$(printf '%s\n' "$lout" | grep -E '^ok ' | grep -cvE '# SKIP' || true)
lf=$(printf '%s\n' "$lout" | grep -cE '^not ok ' || true)
lskip=$(printf '%s\n' "$lout" | grep -cE '^ok .*# SKIP' || true)
pass=$((pass + lp)); fail=$((fail + lf)); skip=$((skip + lskip))
if [ "$pass" -eq 0 ]; then
  echo "not ok - $dir: no test passed ($ran of $expected programs ran)"
  fail=$((fail + 1))
fi
mkdir -p "$dir"
echo "$pass $fail $skip" > "$dir/test-results.txt"
echo "$dir: $pass passed, $fail failed, $skip skipped ($ran of $expected programs ran)"
[ "$fail" -eq 0 ]
