#!/usr/bin/env bash
# The Python package (python/) under pytest, against the shared library and
# CLI of build dir $1: records "passed failed skipped" in $1/python-results.txt
# (as tests/run.sh does, for tests/summary.sh). A missing pytest FAILS the
# stage rather than skipping it: CI installs python3-pytest (.ci/run), so its
# absence means a broken set-up, and a skipped stage would let the Python
# package break unnoticed. So do a pytest error (usage, collection, exit 2-5),
# no test run, no test passed, or a hang (TEST_TIMEOUT, default 600 s).
# The interpreter is $PYTHON (default python3) if it has pytest, else Debian's
# /usr/bin/python3 (python3-pytest installs there; a python3 of pyenv or a
# venv first in PATH would not see it).
set -u
dir=${1:-build}
results=$dir/python-results.txt
mkdir -p "$dir"
rm -f "$results"
finish() {  # finish PASSED FAILED SKIPPED
  echo "$1 $2 $3" > "$results"
  echo "$dir python: $1 passed, $2 failed, $3 skipped"
  [ "$2" -eq 0 ]
  exit
}
if [ "${BUILD_STATUS:-0}" -ne 0 ]; then
  echo "not ok - python: not run: building $dir failed (make exited $BUILD_STATUS)"
  finish 0 1 0
fi
# One that also has Dask's distributed (python3-distributed) comes first: the
# Dask test needs it, and fails, not skips, without it.
py=""
for probe in 'import pytest, distributed' 'import pytest'; do
  for cand in "${PYTHON:-python3}" /usr/bin/python3; do
    if "$cand" -c "$probe" > /dev/null 2>&1; then py=$cand; break 2; fi
  done
done
if [ -z "$py" ]; then
  echo "not ok - python: no python3 with pytest (${PYTHON:-python3}, /usr/bin/python3): apt-get install python3-pytest"
  finish 0 1 0
fi
abs=$(cd "$dir" && pwd)
for f in "$abs/libcoref.so.0" "$abs/coref"; do
  [ -e "$f" ] || { echo "not ok - python: $f was not built"; finish 0 1 0; }
done
xml=$abs/python-junit.xml
rm -f "$xml"
# No bytecode or cache files in the source tree; the library and CLI under
# test are named, so the package cannot fall back to another build.
PYTHONDONTWRITEBYTECODE=1 PYTHONPATH=python${PYTHONPATH:+:$PYTHONPATH} \
  COREF_LIB=$abs/libcoref.so.0 COREF_CLI=$abs/coref \
  timeout "${TEST_TIMEOUT:-600}" "$py" -m pytest -q -rs -p no:cacheprovider \
  --junitxml="$xml" python/tests
rc=$?
# pytest's closing line is for people; the counts come from its JUnit XML.
counts=$("$py" - "$xml" <<'EOF' 2>/dev/null
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
n = lambda k: sum(int(s.get(k, 0)) for s in suites)
failed, skipped = n("failures") + n("errors"), n("skipped")
print(n("tests") - failed - skipped, failed, skipped)
EOF
)
read -r p f s <<< "${counts:-0 0 0}"
why=""
if [ -z "$counts" ]; then why="pytest wrote no results (exit status $rc)"
elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then why="pytest exited with status $rc"
elif [ "$p" -eq 0 ]; then why="no test passed"
fi
if [ -n "$why" ]; then
  echo "not ok - python: $why"
  [ "$f" -eq 0 ] && f=1
fi
finish "$p" "$f" "$s"
