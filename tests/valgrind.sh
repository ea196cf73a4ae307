#!/usr/bin/env bash
# The CLI under valgrind: no leaks, no invalid reads, on every command path.
# Each check names the exit status the CLI must give (0, or 1 for bad input);
# any other status fails it: valgrind's own error code 99, a crash (134, 139),
# a missing binary (127), a hang (124). Without valgrind (VALGRIND names the
# program; absent from PATH or not executable) every check is reported and
# counted as skipped, not passed. Counts go to $BUILD/valgrind-results.txt
# ("passed failed skipped").
set -u
BUILD=${BUILD:-build}
VALGRIND=${VALGRIND:-valgrind}
bin=$BUILD/coref
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
have_vg=1
command -v "$VALGRIND" > /dev/null 2>&1 || have_vg=0
vg=("$VALGRIND" -q --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --error-exitcode=99)
pass=0 fail=0 skip=0
check() {  # check NAME EXPECTED-STATUS CLI-ARGS...: the CLI under valgrind
  local name=$1 want=$2 rc; shift 2
  if [ "$have_vg" -eq 0 ]; then
    echo "ok - valgrind $name # SKIP $VALGRIND not found"; skip=$((skip+1)); return
  fi
  timeout "${TEST_TIMEOUT:-600}" "${vg[@]}" "$bin" "$@" > "$tmp/out" 2> "$tmp/err"; rc=$?
  if [ "$rc" -eq "$want" ]; then
    echo "ok - valgrind $name"; pass=$((pass+1))
  else
    local why="exit status $rc, expected $want"
    [ "$rc" -eq 99 ] && why="$why (valgrind found errors)"
    [ "$rc" -gt 128 ] && [ "$rc" -ne 255 ] && why="$why (killed by signal $((rc-128)))"
    echo "not ok - valgrind $name: $why"; tail -n 30 "$tmp/err"; fail=$((fail+1))
  fi
}
[ "$have_vg" -eq 1 ] || echo "valgrind: $VALGRIND not found, every check skipped"
printf 'bad \xff byte\n' > "$tmp/bad.txt"
printf '{"id":1,"text":"Lavrov said he was ready."}\n{"id":2,"text":\n' > "$tmp/in.jsonl"
check resolve 0 resolve examples/lavrov_scraped.txt
check resolve-all 0 resolve --all --nominals examples/lavrov_scraped.txt
check annotate-json 0 annotate --format json examples/lavrov_scraped.txt
check annotate-html 0 annotate --format html examples/lavrov_scraped.txt
check annotate-conllu 0 annotate --format conllu examples/lavrov_scraped.txt
check jsonl 1 annotate --input jsonl "$tmp/in.jsonl"
# --threads: the reader, two workers and the writer; a bad line among good ones
cat "$tmp/in.jsonl" "$tmp/in.jsonl" "$tmp/in.jsonl" > "$tmp/in3.jsonl"
check jsonl-threads 1 annotate --input jsonl --threads 2 "$tmp/in3.jsonl"
check resolve-threads 1 resolve --threads 2 examples/lavrov_scraped.txt "$tmp/bad.txt" examples/lavrov_scraped.txt
check bad-utf8 1 resolve "$tmp/bad.txt"
# the library's given-token and scoring paths, with a failing document / warnings
printf '#begin document (a); part 000\na 0 0 Lavrov - - - - - - - (0)\na 0 1 said - - - - - - - -\na 0 2 he - - - - - - - (0)\n\n#end document\n#begin document (b); part 000\nb 0 0 x\ry - - - - - - - -\n\n#end document\n' > "$tmp/k.conll"
printf '1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n\n' > "$tmp/u.conllu"
printf '{"id":"a","clusters":[[[0,6],[12,14]]]}\n{"id":"b","error":"x"}\n' > "$tmp/k.jsonl"
check annotate-conll 1 annotate --input conll --format conll "$tmp/k.conll"
check annotate-conllu-in 0 annotate --input conllu --format conllu "$tmp/u.conllu"
check eval-conll 0 eval "$tmp/k.conll" "$tmp/k.conll"
check eval-json 1 eval --format json "$tmp/k.jsonl" "$tmp/in.jsonl"
echo "$pass $fail $skip" > "$BUILD/valgrind-results.txt"
echo "valgrind: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
