"""examples/dask_corpus.py on a local Dask cluster of two worker processes:
every input line gets exactly one record, and each output shard is byte for
byte what the single-process CLI writes for that shard."""
import json
import os
import subprocess
import sys

import pytest

from conftest import EXAMPLE, REPO

SCRIPT = os.path.join(REPO, "examples", "dask_corpus.py")

try:
    from distributed import LocalCluster
except ImportError as e:  # a failure below, not a skip: CI installs it (.ci/run)
    LocalCluster, MISSING = None, e


def make_corpus(directory):
    """3 shards of the example's paragraphs, with bad lines among them.
    Returns {shard name: [ids of its lines]}."""
    with open(EXAMPLE, encoding="utf-8") as f:
        paragraphs = [p.strip() for p in f.read().split("\n\n") if p.strip()]
    assert len(paragraphs) >= 6, "the example no longer has paragraphs enough for 3 shards"
    shards = {"a.jsonl": [], "b.jsonl": [], "c.jsonl": []}
    names = sorted(shards)
    for i, p in enumerate(paragraphs):
        shards[names[i % 3]].append(json.dumps({"id": "p%d" % i, "text": p}))
    shards["b.jsonl"].insert(1, '{"id": "bad-json", "text": oops')  # invalid JSON
    shards["c.jsonl"].append('{"id": "no-text"}')
    ids = {}
    for name, lines in shards.items():
        with open(os.path.join(directory, name), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        ids[name] = [json.loads(line)["id"] if "oops" not in line else "bad-json"
                     for line in lines]
    return ids


def test_dask_corpus_equals_cli_on_two_workers(tmp_path, monkeypatch):
    if LocalCluster is None:
        pytest.fail("Dask's distributed scheduler is missing (Debian: apt-get install "
                    "python3-distributed, for /usr/bin/python3): %s" % MISSING)
    cli = os.environ.get("COREF_CLI") or os.path.join(REPO, "build", "coref")
    assert os.access(cli, os.X_OK), "no coref binary at %s (run make)" % cli
    src, dst = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    ids = make_corpus(src)
    # the worker processes import the coref package of this checkout
    here = os.path.join(REPO, "python")
    monkeypatch.setenv("PYTHONPATH", here + os.pathsep + os.environ.get("PYTHONPATH", ""))
    # loopback only, on free ports: dashboard_address=None would still
    # serve HTTP on 0.0.0.0:8787 (and the workers on 0.0.0.0)
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0",
                      worker_dashboard_address="127.0.0.1:0") as cluster:
        done = subprocess.run([sys.executable, SCRIPT, str(src), str(dst),
                               "--scheduler", cluster.scheduler_address],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    assert done.returncode == 1, done.stderr.decode()  # 1: there were error records
    assert b"line 2: invalid JSON" in done.stderr and b'line 3: no "text" string' in done.stderr
    assert sorted(os.listdir(dst)) == sorted(ids)  # no partial files left
    for name, want in ids.items():
        out = (dst / name).read_bytes()
        got = [json.loads(line)["id"] for line in out.decode("utf-8").splitlines()]
        assert got == want, name  # none lost, none twice, in input order
        single = subprocess.run([cli, "annotate", "--input", "jsonl", "--format", "jsonl",
                                 str(src / name)], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, timeout=120)
        assert single.stdout == out, name
    errors = [json.loads(line) for name in ids for line in (dst / name).read_text().splitlines()
              if '"error"' in line[:200]]
    assert [e["id"] for e in errors] == ["bad-json", "no-text"]
