#!/usr/bin/env bash
# tests/layers.sh [BUILD]: the library's directories are layers, and every
# dependency points down. LAYERS below is the one place the order is written;
# a directory may use its own layer and those before it, never one after.
# Checked on the sources: every `#include "DIR/..."` of src/*/ (and every
# src/ directory must be a layer). Checked on the objects of BUILD when they
# exist: every symbol an object needs from another object of src/ (calls
# through include/coref.h as well, which no include shows) comes from the
# same or a lower layer, and the objects' needs form no cycle (tsort), inside
# a layer too (as the CLI's commands calling back into main.c did).
# Prints TAP-like lines "ok - [layers] ..." / "not ok - [layers] ..." and a
# last line "layers: P passed, F failed"; exit 1 when anything failed.
set -u
LAYERS="core ml lang text tag parse mention coref rewrite io eval pipeline cli"
dir=${1:-}
pass=0 fail=0
ok() { echo "ok - [layers] $*"; pass=$((pass + 1)); }
notok() { echo "not ok - [layers] $*"; fail=$((fail + 1)); }
rank() {   # rank of layer $1, empty when it is none
  local i=0 l
  for l in $LAYERS; do
    [ "$l" = "$1" ] && { echo $i; return; }
    i=$((i + 1))
  done
}

# every directory of src/ is a layer
bad=""
for d in src/*/; do
  d=$(basename "$d")
  [ -n "$(rank "$d")" ] || bad="$bad $d"
done
if [ -z "$bad" ]; then ok "every src/ directory is a layer ($LAYERS)"
else notok "directories of src/ missing from LAYERS in tests/layers.sh:$bad"; fi

# includes point down
bad="" n=0
while IFS=: read -r file line inc; do
  from=$(echo "$file" | cut -d/ -f2)
  to=${inc%%/*}
  n=$((n + 1))
  rf=$(rank "$from") rt=$(rank "$to")
  if [ -z "$rf" ] || [ -z "$rt" ] || [ "$rt" -gt "$rf" ]; then
    bad="$bad
#   $file:$line includes \"$inc\" ($from -> $to)"
  fi
done < <(grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"]*/' src/*/*.c src/*/*.h |
         sed -E 's/^([^:]*):([0-9]*):.*"([^"]*)".*/\1:\2:\3/')
if [ -z "$bad" ]; then ok "all $n includes between src/ directories point down"
else notok "includes that point up:$bad"; fi

# the objects: needs point down and form no cycle
if [ -n "$dir" ] && ls "$dir"/src/*/*.o > /dev/null 2>&1; then
  # the objects of today's sources only: a stale object whose source was
  # moved or deleted is no part of the library
  objs=$(for c in src/*/*.c; do o=$dir/${c%.c}.o; [ -f "$o" ] && echo "$o"; done)
  # symbol -> object that defines it
  defs=$(for o in $objs; do nm --defined-only -g "$o" 2>/dev/null | awk -v o="$o" 'NF == 3 { print $3, o }'; done | sort -k1,1)
  # object -> object edges from each undefined symbol
  edges=$(for o in $objs; do nm -u "$o" 2>/dev/null | awk -v o="$o" '{ print $NF, o }'; done | sort -k1,1 |
          join - <(printf '%s\n' "$defs") | awk '$2 != $3 { print $2, $3, $1 }' | sort -u)
  bad=""
  while read -r from to sym; do
    [ -n "$from" ] || continue
    lf=$(echo "${from#"$dir"/}" | cut -d/ -f2) lt=$(echo "${to#"$dir"/}" | cut -d/ -f2)
    rf=$(rank "$lf") rt=$(rank "$lt")
    if [ -z "$rf" ] || [ -z "$rt" ] || [ "$rt" -gt "$rf" ]; then
      bad="$bad
#   ${from#"$dir"/} uses $sym of ${to#"$dir"/} ($lf -> $lt)"
    fi
  done <<< "$edges"
  nedge=$(printf '%s\n' "$edges" | awk 'NF { print $1, $2 }' | sort -u | grep -c . || true)
  if [ -z "$bad" ]; then ok "all $nedge uses between the objects of $dir/src point down"
  else notok "objects that use a layer above their own:$bad"; fi
  loop=$(printf '%s\n' "$edges" | awk 'NF { print $1, $2 }' | sort -u | tsort 2>&1 > /dev/null)
  if [ -z "$loop" ]; then ok "the objects of $dir/src form no cycle"
  else notok "a cycle among the objects of $dir/src:
$(printf '%s\n' "$loop" | sed 's/^tsort: /#   /')"; fi
else
  echo "ok - [layers] objects not checked # SKIP no objects in '${dir:-(no BUILD given)}'/src"
fi
echo "layers: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
