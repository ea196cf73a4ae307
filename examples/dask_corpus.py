#!/usr/bin/env python3
"""Annotate a directory of JSONL shards on a Dask cluster.

    python3 examples/dask_corpus.py IN_DIR OUT_DIR [--scheduler ADDRESS] [--workers N]

Each IN_DIR/*.jsonl shard ({"id": ..., "text": ...} per line) becomes
OUT_DIR/<same name>: byte for byte what

    coref annotate --input jsonl --format jsonl SHARD

writes, one record per input line in input order, an error record for a bad
line. A shard is one task; each worker process loads one coref.Model() and
keeps it for all its tasks. Without --scheduler the script starts a
LocalCluster of N worker processes (default: every core) on this machine.

Needs Dask's distributed scheduler (Debian: python3-distributed, for
/usr/bin/python3) and the coref package (PYTHONPATH=python after `make`)
on every worker.
"""

import argparse
import ctypes
import ctypes.util
import os
import sys
import threading

# What `coref annotate` takes as the longest JSONL line (CLI_MAX_BYTES_DEFAULT
# of src/cli/cli.h); a longer line gets an error record.
MAX_BYTES = 64 << 20

# The error records and the id of a record are those of the CLI
# (src/cli/cmd_annotate.c), which reads lines with jansson: the same jansson,
# loaded here beside libcoref (which links it), makes the same messages
# ("invalid JSON: ...") and writes the id the same way.
_JSON_REJECT_DUPLICATES, _JSON_DECODE_ANY, _JSON_ALLOW_NUL = 0x1, 0x4, 0x10
_JSON_COMPACT, _JSON_ENCODE_ANY = 0x20, 0x200
_JSON_OBJECT, _JSON_STRING, _JSON_INTEGER, _JSON_REAL = 0, 2, 3, 4


class _JsonError(ctypes.Structure):  # json_error_t of jansson.h
    _fields_ = [("line", ctypes.c_int), ("column", ctypes.c_int), ("position", ctypes.c_int),
                ("source", ctypes.c_char * 80), ("text", ctypes.c_char * 160)]


class _JsonHead(ctypes.Structure):  # json_t: json_is_*() read its type
    _fields_ = [("type", ctypes.c_int), ("refcount", ctypes.c_size_t)]


class _Jansson:
    def __init__(self):
        self.lib = lib = ctypes.CDLL(ctypes.util.find_library("jansson") or "libjansson.so.4")
        self.libc = ctypes.CDLL(None)
        vp, sz, cp = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p
        for name, restype, argtypes in [
                ("json_loadb", vp, [cp, sz, sz, ctypes.POINTER(_JsonError)]),
                ("json_object_get", vp, [vp, cp]),
                ("json_string_value", vp, [vp]),
                ("json_string_length", sz, [vp]),
                ("json_stringn", vp, [cp, sz]),
                ("json_dumps", vp, [vp, sz]),
                ("json_delete", None, [vp])]:
            f = getattr(lib, name)
            f.restype, f.argtypes = restype, argtypes
        self.libc.free.argtypes = [vp]

    def type(self, j):
        return ctypes.cast(j, ctypes.POINTER(_JsonHead)).contents.type if j else None

    def dumps(self, j, flags):
        """json_dumps as bytes, or None when jansson cannot."""
        s = self.lib.json_dumps(j, flags) if j else None
        if not s:
            return None
        try:
            return ctypes.string_at(s)
        finally:
            self.libc.free(s)

    def error_record(self, id_json, message):
        """{"id":...,"error":"..."}: the CLI's jsonl_error()."""
        msg = message.encode("utf-8", "surrogateescape")
        j = self.lib.json_stringn(msg, len(msg))  # NULL for bad UTF-8: no "error" then
        error = self.dumps(j, _JSON_ENCODE_ANY)
        if j:
            self.lib.json_delete(j)
        return (b'{"id":' + (id_json or b"null")
                + (b',"error":' + error if error is not None else b"") + b"}\n")

    def salvage_id(self, line):
        """The id of a line that is not valid JSON, as JSON text, or None
        (the CLI's salvage_id: `"id": <string or number>` decoded alone)."""
        p = line.find(b'"id"')
        while p >= 0:
            q = p + 4
            while q < len(line) and line[q:q + 1] in (b" ", b"\t"):
                q += 1
            if q >= len(line) or line[q:q + 1] != b":":
                p = line.find(b'"id"', p + 1)
                continue
            q += 1
            while q < len(line) and line[q:q + 1] in (b" ", b"\t"):
                q += 1
            v = q
            if q < len(line) and line[q:q + 1] == b'"':
                q += 1
                while q < len(line) and line[q:q + 1] != b'"':
                    q += 2 if line[q:q + 1] == b"\\" else 1
                if q >= len(line):
                    return None
                q += 1
            else:
                while q < len(line) and line[q:q + 1] in b"-.+0123456789eE":
                    q += 1
            if q == v:
                return None
            j = self.lib.json_loadb(line[v:q], q - v, _JSON_DECODE_ANY, None)
            if not j:
                return None
            try:
                ok = self.type(j) in (_JSON_STRING, _JSON_INTEGER, _JSON_REAL)
                return self.dumps(j, _JSON_COMPACT | _JSON_ENCODE_ANY) if ok else None
            finally:
                self.lib.json_delete(j)
        return None


def annotate_line(model, js, line, lineno, max_bytes=MAX_BYTES):
    """One JSONL line (bytes, without its newline) to its output record
    (bytes, with a newline), and the message for stderr or None."""
    if len(line) > max_bytes:
        msg = "line %d: longer than the limit of %d bytes (--max-bytes)" % (lineno, max_bytes)
        return js.error_record(js.salvage_id(line[:max_bytes]), msg), msg
    if line.endswith(b"\r"):
        line = line[:-1]
    if not line.strip(b" \t"):
        msg = "line %d: empty line" % lineno
        return js.error_record(None, msg), msg
    err = _JsonError()
    root = js.lib.json_loadb(line, len(line), _JSON_REJECT_DUPLICATES | _JSON_ALLOW_NUL,
                             ctypes.byref(err))
    if not root:
        msg = "line %d: invalid JSON: %s" % (
            lineno, err.text.decode("utf-8", "surrogateescape"))
        return js.error_record(js.salvage_id(line), msg), msg
    try:
        obj = js.type(root) == _JSON_OBJECT
        id_ = js.lib.json_object_get(root, b"id") if obj else None
        text = js.lib.json_object_get(root, b"text") if obj else None
        id_json = js.dumps(id_, _JSON_COMPACT | _JSON_ENCODE_ANY)
        if js.type(text) != _JSON_STRING:
            msg = 'line %d: no "text" string' % lineno
            return js.error_record(id_json, msg), msg
        data = ctypes.string_at(js.lib.json_string_value(text), js.lib.json_string_length(text))
    finally:
        js.lib.json_delete(root)
    import coref
    try:
        rendered = model.render(data, "jsonl").encode("utf-8").rstrip(b"\n")
    except coref.CorefError as e:
        msg = "line %d: %s" % (lineno, e.message)
        return js.error_record(id_json, msg), msg
    # the CLI's print_with_field: the id first, then the document's fields
    rest = b"," + rendered[1:] if len(rendered) > 2 else b"}"
    return b'{"id":' + (id_json or b"null") + rest + b"\n", None


def annotate_shard(src, dst, max_bytes=MAX_BYTES, model=None):
    """Annotate the JSONL file src into dst (written whole, then renamed,
    so a retried or failed task never leaves half a shard). Returns
    (dst, records, error records, messages)."""
    model = model or _worker_model()
    js = _worker_jansson()
    records = errors = 0
    messages = []
    tmp = "%s.part-%d" % (dst, os.getpid())
    with open(src, "rb") as f, open(tmp, "wb") as out:
        lineno = 0
        while True:
            # at most max_bytes + 1 bytes of a line: a longer one is cut
            # there and the rest of it skipped, as the CLI does
            line = f.readline(max_bytes + 1)
            if not line:
                break
            lineno += 1
            if line.endswith(b"\n"):
                line = line[:-1]
            elif len(line) > max_bytes:
                while True:
                    rest = f.readline(1 << 20)
                    if not rest or rest.endswith(b"\n"):
                        break
            record, msg = annotate_line(model, js, line, lineno, max_bytes)
            out.write(record)
            records += 1
            if msg:
                errors += 1
                messages.append("coref: %s: %s" % (src, msg))
    os.replace(tmp, dst)
    return dst, records, errors, messages


# One model (and one jansson binding) per worker process, made by its first
# task and kept by the process for the next ones: loading per task would
# repeat the start-up cost, and the model is thread-safe, so a worker with
# several threads shares it.
_worker_lock = threading.Lock()


def _worker_state():
    try:
        from distributed import get_worker
        return get_worker()
    except (ImportError, ValueError):  # not in a Dask worker: this process
        return sys.modules[__name__]


def _worker_model():
    state = _worker_state()
    with _worker_lock:
        if getattr(state, "coref_model", None) is None:
            import coref
            state.coref_model = coref.Model()
        return state.coref_model


def _worker_jansson():
    state = _worker_state()
    with _worker_lock:
        if getattr(state, "coref_jansson", None) is None:
            state.coref_jansson = _Jansson()
        return state.coref_jansson


def run(client, in_dir, out_dir, max_bytes=MAX_BYTES):
    """Annotate every *.jsonl shard of in_dir into out_dir on the client's
    cluster, one task per shard. Returns the tasks' results in name order."""
    names = sorted(n for n in os.listdir(in_dir) if n.endswith(".jsonl"))
    os.makedirs(out_dir, exist_ok=True)
    # The workers import this file as the module dask_corpus, so a task
    # names annotate_shard rather than carrying it (and the module's lock
    # and ctypes state) pickled by value, as a function of __main__ would.
    client.upload_file(os.path.abspath(__file__))
    import dask_corpus
    futures = client.map(dask_corpus.annotate_shard,
                         [os.path.abspath(os.path.join(in_dir, n)) for n in names],
                         [os.path.abspath(os.path.join(out_dir, n)) for n in names],
                         max_bytes=max_bytes, pure=False)
    return client.gather(futures)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("in_dir", help="directory of *.jsonl shards")
    ap.add_argument("out_dir", help="directory for the output shards (same names)")
    ap.add_argument("--scheduler", metavar="ADDRESS",
                    help="a running Dask scheduler (tcp://host:8786); default: a LocalCluster")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="worker processes of the LocalCluster (default: every core)")
    ap.add_argument("--max-bytes", type=int, default=MAX_BYTES,
                    help="longest line annotated, as coref annotate --max-bytes")
    args = ap.parse_args(argv)
    from distributed import Client, LocalCluster
    if args.scheduler:
        cluster, client = None, Client(args.scheduler)
    else:
        # this machine only: everything on loopback, the dashboard on a free port
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address="127.0.0.1:0",
                               worker_dashboard_address="127.0.0.1:0")
        client = Client(cluster)
    try:
        results = run(client, args.in_dir, args.out_dir, args.max_bytes)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    errors = 0
    for dst, records, bad, messages in results:
        for m in messages:
            print(m, file=sys.stderr)
        print("%s: %d records, %d errors" % (dst, records, bad))
        errors += bad
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
