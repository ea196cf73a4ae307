"""coref: English coreference resolution (coref.c) from Python.

    import coref
    model = coref.Model()                       # the model embedded in libcoref
    print(model.resolve("Lavrov said his country is ready."))
    doc = model.analyze(text)                   # doc.tokens, doc.mentions, doc.clusters, ...
    for doc in model.pipe(texts, threads=4):    # a batch on every core, in input order
        ...

A thin ctypes binding of include/coref.h: nothing is compiled at install.
The shared library is found, in this order, at $COREF_LIB, next to this
package (libcoref.so.0 copied into it), in the build/ directory of the
repository this package lies in (after `make`), then wherever the system
linker finds libcoref.so.0.

A document's fields are those of the library's JSON output (README, "JSON"):
offsets are code points into `doc.text`, so `doc.text[m["start"]:m["end"]]`
is a mention's text.
"""

import ctypes
import ctypes.util
import enum
import json
import os
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor

__all__ = ["Model", "Document", "CorefError", "Status", "version", "library_path"]
__version__ = "0.1.0"


class Status(enum.IntEnum):
    """coref_status of include/coref.h."""
    OK = 0
    NOMEM = 1
    ARG = 2
    UTF8 = 3
    INPUT = 4
    MODEL = 5
    IO = 6
    LIMIT = 7


class CorefError(Exception):
    """A failure reported by the library.

    message: the library's message; code: a Status; offset: byte offset of
    the problem in the input (in its UTF-8 encoding for a str), or None;
    line: 1-based line of the problem, or None.
    """

    def __init__(self, message, code, offset=None, line=None):
        super().__init__(message)
        self.message = message
        try:
            self.code = Status(code)
        except ValueError:  # a code newer than this binding
            self.code = code
        self.offset = offset
        self.line = line


# ------------------------------------------------------------ the C types

class _Error(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int),
                ("offset", ctypes.c_int64),
                ("line", ctypes.c_int64),
                ("message", ctypes.c_char * 256)]


class _Options(ctypes.Structure):
    _fields_ = [("clean", ctypes.c_int),
                ("nominals", ctypes.c_int),
                ("singletons", ctypes.c_int),
                ("all", ctypes.c_int),
                ("min_confidence", ctypes.c_double)]


_FORMAT_JSON = 1  # coref_format: COREF_FORMAT_TEXT = 0, COREF_FORMAT_JSON
# coref_format of include/coref.h, by the names of `coref annotate --format`
_FORMATS = {"text": 0, "json": 1, "jsonl": 2, "conll": 3, "conllu": 4, "html": 5}
_LIB_NAME = "libcoref.so.0"


def _candidates():
    """Where the library may lie, in the order the module docstring gives."""
    env = os.environ.get("COREF_LIB")
    if env:
        # An explicit choice is the only one: a wrong path must not fall
        # back silently to another build.
        return [env]
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    found = [os.path.join(here, _LIB_NAME), os.path.join(repo, "build", _LIB_NAME)]
    system = ctypes.util.find_library("coref")
    return found + [system or _LIB_NAME]


_lib = None
_lib_path = None
_lib_lock = threading.Lock()


def _load():
    global _lib, _lib_path
    with _lib_lock:
        if _lib is not None:
            return _lib
        tried = []
        for path in _candidates():
            if os.sep in path and not os.path.exists(path):
                tried.append(path + " (missing)")
                continue
            try:
                lib = ctypes.CDLL(path)  # CDLL: the GIL is released during each call
            except OSError as e:
                tried.append("%s (%s)" % (path, e))
                continue
            _declare(lib)
            _lib, _lib_path = lib, path
            return lib
        raise OSError("libcoref.so.0 not found; run `make` in the repository or set "
                      "COREF_LIB to the library's path. Tried: " + "; ".join(tried))


def _declare(lib):
    P = ctypes.POINTER
    vp, sz, err = ctypes.c_void_p, ctypes.c_size_t, P(_Error)
    sig = {
        "coref_strerror": (ctypes.c_char_p, [ctypes.c_int]),
        "coref_version": (ctypes.c_char_p, []),
        "coref_model_load_embedded": (ctypes.c_int, [P(vp), err]),
        "coref_model_load_file": (ctypes.c_int, [ctypes.c_char_p, P(vp), err]),
        "coref_model_free": (None, [vp]),
        "coref_model_info": (ctypes.c_char_p, [vp, ctypes.c_char_p]),
        "coref_default_options": (_Options, []),
        # bytes as c_char_p pass their buffer, not copied; the length goes
        # beside it, so a NUL byte does not end the text early
        "coref_doc_analyze": (ctypes.c_int, [vp, ctypes.c_char_p, sz, P(_Options), P(vp), err]),
        "coref_doc_free": (None, [vp]),
        "coref_doc_render": (ctypes.c_int, [vp, ctypes.c_int, P(_Options), P(vp), P(sz)]),
        "coref_doc_resolve": (ctypes.c_int, [vp, P(_Options), P(vp), P(sz)]),
        "coref_free": (None, [vp]),
    }
    for name, (restype, argtypes) in sig.items():
        f = getattr(lib, name)
        f.restype, f.argtypes = restype, argtypes


def library_path():
    """The path of the shared library in use (loading it if needed)."""
    _load()
    return _lib_path


def version():
    """The library's version string."""
    return _load().coref_version().decode()


def _raise(lib, status, error=None):
    if error is not None and error.message:
        message = error.message.decode("utf-8", "replace")
        offset = error.offset if error.offset >= 0 else None
        line = error.line if error.line >= 0 else None
    else:
        message, offset, line = lib.coref_strerror(status).decode(), None, None
    raise CorefError(message, status, offset, line)


def _encode(text):
    """The UTF-8 bytes the library gets. bytes go as they are (the library
    checks them); a str with lone surrogates is passed through so that the
    library reports the bad byte's offset like any invalid UTF-8."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    if isinstance(text, str):
        return text.encode("utf-8", "surrogatepass")
    raise TypeError("text must be str or bytes, not %s" % type(text).__name__)


class Document:
    """One analysed text: the fields of the library's JSON as attributes.

    text, sentences ([start, end] pairs), tokens, mentions (dicts with start,
    end, text, head, kind, entity, number, gender, person, cluster), clusters
    (lists of [start, end]), cluster_names, resolved, and replacements (None
    when the library's JSON does not list them). Offsets are code points
    into `text`. to_dict() gives the whole JSON object.
    """

    _FIELDS = ("text", "sentences", "tokens", "mentions", "clusters",
               "cluster_names", "resolved", "replacements")

    def __init__(self, data):
        self._data = data
        for name in self._FIELDS:
            setattr(self, name, data.get(name))
        for name, value in data.items():  # fields added to the JSON later
            if not hasattr(self, name):
                setattr(self, name, value)

    def to_dict(self):
        return self._data

    def __repr__(self):
        return "<coref.Document: %d tokens, %d mentions, %d clusters>" % (
            len(self.tokens or ()), len(self.mentions or ()), len(self.clusters or ()))


class Model:
    """A loaded model: Model() for the embedded one, Model(path) for a file.

    Thread-safe: one model may serve any number of threads. Free it with
    close() or a `with` block (else when it is garbage collected); do not
    close it while another thread is still using it.
    Keyword options of analyze/resolve/pipe (library defaults when omitted):
    clean (skip news boilerplate lines, default True), nominals (resolve
    also replaces nominal mentions, default False), all (resolve also
    replaces a pronoun whose name already stands earlier in its sentence,
    as `coref resolve --all`; default False), min_confidence (a replacement
    is made only when its confidence is at least this, 0 to 1, as
    `--min-confidence`; default: the model's threshold), singletons (default False;
    changes only CoNLL output, so it is accepted for completeness).
    """

    def __init__(self, path=None):
        self._lib = lib = _load()
        self._handle = None
        handle, error = ctypes.c_void_p(), _Error()
        if path is None:
            status = lib.coref_model_load_embedded(ctypes.byref(handle), ctypes.byref(error))
        else:
            status = lib.coref_model_load_file(os.fsencode(path), ctypes.byref(handle),
                                               ctypes.byref(error))
        if status != Status.OK:
            _raise(lib, status, error)
        self._handle = handle
        self.path = path

    # -- lifetime
    def close(self):
        handle, self._handle = self._handle, None
        if handle is not None:
            self._lib.coref_model_free(handle)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: nothing left to free with
            pass

    def info(self, key):
        """Model metadata ("name", "date", "data", ...), or None."""
        value = self._lib.coref_model_info(self._live(), key.encode())
        return None if value is None else value.decode("utf-8", "replace")

    # -- analysis
    def analyze(self, text, *, clean=None, nominals=None, singletons=None, all=None, min_confidence=None):
        """Analyse text (str, or UTF-8 bytes) into a Document."""
        opts = self._options(clean, nominals, singletons, all, min_confidence)
        doc = self._analyze(text, opts)
        try:
            rendered = self._render(lambda out, n: self._lib.coref_doc_render(
                doc, _FORMAT_JSON, ctypes.byref(opts), out, n))
        finally:
            self._lib.coref_doc_free(doc)
        return Document(json.loads(rendered))

    def resolve(self, text, *, clean=None, nominals=None, all=None, min_confidence=None):
        """The resolved text (README, "The resolved-text rule"), as `coref resolve` writes it."""
        opts = self._options(clean, nominals, None, all, min_confidence)
        doc = self._analyze(text, opts)
        try:
            return self._render(lambda out, n: self._lib.coref_doc_resolve(
                doc, ctypes.byref(opts), out, n))
        finally:
            self._lib.coref_doc_free(doc)

    def render(self, text, format="json", *, clean=None, nominals=None, singletons=None, all=None, min_confidence=None):
        """The library's rendering of text in a format of `coref annotate
        --format` ("json", "jsonl", "conll", "conllu", "html", "text"), as
        str: byte for byte what the library writes, for output that must
        equal the CLI's."""
        if format not in _FORMATS:
            raise ValueError("format must be one of " + ", ".join(_FORMATS))
        opts = self._options(clean, nominals, singletons, all, min_confidence)
        doc = self._analyze(text, opts)
        try:
            return self._render(lambda out, n: self._lib.coref_doc_render(
                doc, _FORMATS[format], ctypes.byref(opts), out, n))
        finally:
            self._lib.coref_doc_free(doc)

    def pipe(self, texts, *, threads=None, resolve=False, errors="raise", **options):
        """Analyse many texts on `threads` threads (default: every core) and
        yield their Documents (with resolve=True, their resolved texts) in
        input order. At most a few texts per thread are in flight, so any
        iterable of any length streams. errors="raise" raises the first
        CorefError where its text stands; errors="return" yields the
        CorefError in that place and goes on."""
        if errors not in ("raise", "return"):
            raise ValueError('errors must be "raise" or "return"')
        work = self.resolve if resolve else self.analyze
        self._live()

        def one(text):
            try:
                return work(text, **options)
            except CorefError as e:
                if errors == "raise":
                    raise
                return e

        threads = threads or os.cpu_count() or 1
        if threads <= 1:
            for text in texts:
                yield one(text)
            return
        window = deque()
        pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="coref")
        try:
            for text in texts:
                window.append(pool.submit(one, text))
                if len(window) >= 2 * threads:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        finally:
            # the consumer stopped early or a text failed: drop the queued work
            pool.shutdown(wait=True, cancel_futures=True)

    # -- helpers
    def _live(self):
        if self._handle is None:
            raise ValueError("the model is closed")
        return self._handle

    def _options(self, clean, nominals, singletons, replace_all=None, min_confidence=None):
        opts = self._lib.coref_default_options()
        if min_confidence is not None:
            if not 0 <= min_confidence <= 1:
                raise ValueError("min_confidence must be from 0 to 1")
            opts.min_confidence = float(min_confidence)
        if replace_all is not None:
            opts.all = int(bool(replace_all))
        if clean is not None:
            opts.clean = int(bool(clean))
        if nominals is not None:
            opts.nominals = int(bool(nominals))
        if singletons is not None:
            opts.singletons = int(bool(singletons))
        return opts

    def _analyze(self, text, opts):
        data = _encode(text)
        doc, error = ctypes.c_void_p(), _Error()
        status = self._lib.coref_doc_analyze(self._live(), data, len(data), ctypes.byref(opts),
                                             ctypes.byref(doc), ctypes.byref(error))
        if status != Status.OK:
            _raise(self._lib, status, error)
        return doc

    def _render(self, call):
        """Run a function that fills a library-owned buffer; return it as str
        and free it (coref_free) whatever happens."""
        out, n = ctypes.c_void_p(), ctypes.c_size_t()
        status = call(ctypes.byref(out), ctypes.byref(n))
        try:
            if status != Status.OK:
                _raise(self._lib, status)
            return ctypes.string_at(out, n.value).decode("utf-8")
        finally:
            self._lib.coref_free(out)
