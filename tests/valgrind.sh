#!/usr/bin/env bash
# The CLI under valgrind: no leaks, no invalid reads, on every command path.
set -u
BUILD=${BUILD:-build}
bin=$BUILD/coref
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
vg="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=99"
pass=0 fail=0
check() {  # check NAME CMD...: fails only on a valgrind error (exit 99)
  local name=$1; shift
  "$@" > "$tmp/out" 2> "$tmp/err"
  if [ $? -eq 99 ]; then echo "not ok - valgrind $name"; cat "$tmp/err"; fail=$((fail+1)); else echo "ok - valgrind $name"; pass=$((pass+1)); fi
}
printf 'bad \xff byte\n' > "$tmp/bad.txt"
printf '{"id":1,"text":"Lavrov said he was ready."}\n{"id":2,"text":\n' > "$tmp/in.jsonl"
check resolve $vg "$bin" resolve examples/lavrov_scraped.txt
check annotate-json $vg "$bin" annotate --format json examples/lavrov_scraped.txt
check annotate-html $vg "$bin" annotate --format html examples/lavrov_scraped.txt
check annotate-conllu $vg "$bin" annotate --format conllu examples/lavrov_scraped.txt
check jsonl $vg "$bin" annotate --input jsonl "$tmp/in.jsonl"
check bad-utf8 $vg "$bin" resolve "$tmp/bad.txt"
# the library's given-token and scoring paths, with a failing document / warnings
printf '#begin document (a); part 000\na 0 0 Lavrov - - - - - - - (0)\na 0 1 said - - - - - - - -\na 0 2 he - - - - - - - (0)\n\n#end document\n#begin document (b); part 000\nb 0 0 x\ry - - - - - - - -\n\n#end document\n' > "$tmp/k.conll"
printf '1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n\n' > "$tmp/u.conllu"
printf '{"id":"a","clusters":[[[0,6],[12,14]]]}\n{"id":"b","error":"x"}\n' > "$tmp/k.jsonl"
check annotate-conll $vg "$bin" annotate --input conll --format conll "$tmp/k.conll"
check annotate-conllu-in $vg "$bin" annotate --input conllu --format conllu "$tmp/u.conllu"
check eval-conll $vg "$bin" eval "$tmp/k.conll" "$tmp/k.conll"
check eval-json $vg "$bin" eval --format json "$tmp/k.jsonl" "$tmp/in.jsonl"
echo "$pass $fail 0" > "$BUILD/valgrind-results.txt"
echo "valgrind: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
