/*
 * coref.h - the public API of coref.c: English coreference resolution in C.
 *
 * Conventions (see README "API"):
 *  - Opaque handles: coref_model (immutable after load, may be shared by
 *    threads) and coref_doc (one analysed document, owned by the caller).
 *  - Every function that can fail returns a coref_status (0 = COREF_OK) and
 *    optionally fills a caller-provided coref_error with a message and the
 *    byte offset of bad input.
 *  - Text is passed as (pointer, length) UTF-8 and need not be NUL terminated.
 *    Offsets returned by accessors are BYTE offsets into the caller's text,
 *    end exclusive. (Writers such as JSON convert to code points.)
 *  - Destructors accept NULL. Strings returned by accessors live as long as
 *    the object they came from.
 */
#ifndef COREF_H
#define COREF_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define COREF_API __attribute__((visibility("default")))
#else
#define COREF_API
#endif

#define COREF_VERSION "0.1.0"

typedef enum coref_status {
    COREF_OK = 0,
    COREF_ERR_NOMEM = 1,   /* allocation failed */
    COREF_ERR_ARG = 2,     /* invalid argument (NULL where not allowed, ...) */
    COREF_ERR_UTF8 = 3,    /* input text is not valid UTF-8 */
    COREF_ERR_INPUT = 4,   /* malformed input document (CoNLL, JSON, ...) */
    COREF_ERR_MODEL = 5,   /* model file missing, corrupt or of another version */
    COREF_ERR_IO = 6,      /* file could not be read or written */
    COREF_ERR_LIMIT = 7    /* input exceeds a hard limit (a document over 2 GiB - 1 byte:
                              offsets are 32-bit) */
} coref_status;

/* Details of a failure. `offset` is the byte offset of the problem in the
 * input when known, else -1. `message` is always NUL terminated. */
typedef struct coref_error {
    coref_status code;
    int64_t offset;
    int64_t line;          /* 1-based line of the problem when known, else -1 */
    char message[256];
} coref_error;

/* Static English description of a status code. Never NULL. */
COREF_API const char *coref_strerror(coref_status code);
/* Library version string, e.g. "0.1.0". */
COREF_API const char *coref_version(void);

/* ------------------------------------------------------------------ model */
typedef struct coref_model coref_model;

/* Load the model embedded in the library at build time. */
COREF_API coref_status coref_model_load_embedded(coref_model **out, coref_error *err);
/* Load a model file from disk. */
COREF_API coref_status coref_model_load_file(const char *path, coref_model **out, coref_error *err);
/* Load a model from memory. The bytes are copied; the caller keeps `data`. */
COREF_API coref_status coref_model_load_memory(const void *data, size_t size,
                                               coref_model **out, coref_error *err);
COREF_API void coref_model_free(coref_model *model);
/* Metadata recorded in the model file ("name", "date", "data", scores...).
 * Returns NULL when the key is absent. */
COREF_API const char *coref_model_info(const coref_model *model, const char *key);

/* --------------------------------------------------------------- options */
typedef struct coref_options {
    int clean;            /* 1: detect and skip news boilerplate lines (default 1) */
    int nominals;         /* 1: rewrite also replaces nominal mentions (default 0) */
    int singletons;       /* 1: CoNLL and CoNLL-U output also write each mention of no
                             cluster as an entity of its own (default 0: clusters only;
                             JSON lists every mention either way, cluster -1) */
    int all;              /* 1: rewrite also replaces a pronoun whose name already stands
                             earlier in its sentence ("Lavrov said Lavrov's country");
                             default 0 leaves it alone */
    double min_confidence; /* rewrite replaces a mention only when its confidence (JSON
                             "confidence") is at least this; < 0 (default -1): the model's
                             default threshold, chosen on dev; 0: every replacement */
} coref_options;

COREF_API coref_options coref_default_options(void);

/* ------------------------------------------------------------- documents */
typedef struct coref_doc coref_doc;

/* Analyse raw text: clean, tokenize, split, tag, parse, find mentions,
 * resolve coreference. The text is copied into the document. At most
 * 2 GiB - 1 byte (COREF_ERR_LIMIT). */
COREF_API coref_status coref_doc_analyze(const coref_model *model, const char *text, size_t len,
                                         const coref_options *opts, coref_doc **out,
                                         coref_error *err);

/* Analyse pre-tokenized input: `ntok` tokens, `tokens[i]` of length
 * `lens[i]` (UTF-8, non-empty, no line breaks or NUL bytes: COREF_ERR_INPUT
 * otherwise); `sent_start[i]` is nonzero when token i begins a sentence
 * (sent_start NULL: one sentence). The document text is the tokens joined by
 * single spaces, with a newline between sentences; offsets refer to that
 * text. */
COREF_API coref_status coref_doc_analyze_tokens(const coref_model *model, const char *const *tokens,
                                                const size_t *lens, const unsigned char *sent_start,
                                                size_t ntok, const coref_options *opts,
                                                coref_doc **out, coref_error *err);
COREF_API void coref_doc_free(coref_doc *doc);

/* The document's text (NUL terminated copy) and its length in bytes. */
COREF_API const char *coref_doc_text(const coref_doc *doc, size_t *len);

typedef struct coref_token {
    size_t start, end;     /* byte offsets into the document text */
    size_t sentence;       /* sentence index */
    const char *upos;      /* "NOUN", ... */
    const char *xpos;      /* "NN", ... */
    const char *feats;     /* "Number=Sing|Person=3" or "_" */
    long head;             /* token index of the syntactic head, -1 for root */
    const char *deprel;    /* "nsubj", ... */
} coref_token;

typedef struct coref_mention {
    size_t start, end;     /* byte offsets */
    size_t tok_start, tok_end; /* token range, end exclusive */
    size_t head;           /* head token index */
    const char *kind;      /* "proper", "nominal", "pronoun" */
    const char *entity;    /* "person", "organization", "place", ... */
    const char *number;    /* "sg", "pl", "unknown" */
    const char *gender;    /* "masc", "fem", "neut", "unknown" */
    int person;            /* 1, 2, 3 or 0 */
    long cluster;          /* cluster index, -1 when singleton */
} coref_mention;

COREF_API size_t coref_doc_sentence_count(const coref_doc *doc);
/* Byte span of sentence i. */
COREF_API coref_status coref_doc_sentence(const coref_doc *doc, size_t i, size_t *start, size_t *end);
COREF_API size_t coref_doc_token_count(const coref_doc *doc);
COREF_API coref_status coref_doc_token(const coref_doc *doc, size_t i, coref_token *out);
COREF_API size_t coref_doc_mention_count(const coref_doc *doc);
COREF_API coref_status coref_doc_mention(const coref_doc *doc, size_t i, coref_mention *out);
/* Clusters: two or more mentions, ordered by their first mention. */
COREF_API size_t coref_doc_cluster_count(const coref_doc *doc);
/* Mention indices of cluster c in text order; `*n` receives the count.
 * The array lives as long as the document. */
COREF_API const size_t *coref_doc_cluster(const coref_doc *doc, size_t c, size_t *n);
/* Canonical name of cluster c (most informative proper-name mention), or
 * NULL when the cluster has no name. */
COREF_API const char *coref_doc_cluster_name(const coref_doc *doc, size_t c);

/* ---------------------------------------------------------------- output */
typedef enum coref_format {
    COREF_FORMAT_TEXT = 0,     /* resolved text */
    COREF_FORMAT_JSON,         /* one JSON document, ending with "resolved" (README) */
    COREF_FORMAT_JSONL,        /* the JSON on one line */
    COREF_FORMAT_CONLL,        /* CoNLL rows, coreference in the last column */
    COREF_FORMAT_CONLLU,       /* CoNLL-U with tags, tree and CorefUD Entity= */
    COREF_FORMAT_HTML          /* a standalone HTML view */
} coref_format;

/* Render the document. On success *out is a NUL-terminated buffer the
 * caller frees with coref_free(); *len its length (may be NULL). */
COREF_API coref_status coref_doc_render(const coref_doc *doc, coref_format fmt,
                                        const coref_options *opts, char **out, size_t *len);
/* Render the document piece by piece into write(data, len, user), which
 * returns 0, or nonzero to stop (then COREF_ERR_IO). Memory stays bounded
 * whatever the output's size (a 1 MB text's JSON is about 40 MB): the
 * pieces are at most about 64 KB plus one record; concatenated they are
 * the bytes coref_doc_render gives. */
typedef int (*coref_write_fn)(const char *data, size_t len, void *user);
COREF_API coref_status coref_doc_write(const coref_doc *doc, coref_format fmt, const coref_options *opts,
                                       coref_write_fn write, void *user);
/* The resolved text (README "The resolved-text rule"); same as rendering TEXT. */
COREF_API coref_status coref_doc_resolve(const coref_doc *doc, const coref_options *opts,
                                         char **out, size_t *len);
/* Free a buffer returned by this library. NULL is a no-op. */
COREF_API void coref_free(void *p);

/* ------------------------------------------------------- given tokens */
typedef enum coref_input {
    COREF_INPUT_CONLL = 0,     /* CoNLL coreference files (GUM, CoNLL-2012, LitBank) */
    COREF_INPUT_CONLLU         /* CoNLL-U; "# newdoc" starts a document */
} coref_input;

/* Receives one message per problem that does not stop the call. */
typedef void (*coref_report_fn)(void *ctx, const char *message);

/* Analyse every document of CoNLL or CoNLL-U text on its given tokens and
 * sentences, and render it in `fmt`. CONLL input with CONLL output, and
 * CONLLU with CONLLU, write the input back with system columns (CoNLL: the
 * coreference column; CoNLL-U: tags, tree, Entity=). *out (caller frees with
 * coref_free) receives the documents one after another, *outlen its length
 * (may be NULL). Bad input as a whole (UTF-8, syntax) returns COREF_ERR_UTF8
 * or COREF_ERR_INPUT with err->line / err->offset, and *out NULL. A document
 * that cannot be analysed is left out: its message ("document D (line N):
 * ..." or "line N: ...") goes to `report` (may be NULL), the others are
 * still written to *out, and the call returns the first such failure in
 * status and err. */
COREF_API coref_status coref_annotate_tabular(const coref_model *model, const char *data, size_t len,
                                              coref_input in, coref_format fmt, const coref_options *opts,
                                              coref_report_fn report, void *ctx, char **out, size_t *outlen,
                                              coref_error *err);

/* --------------------------------------------------------------- scoring */
typedef enum coref_eval_format {
    COREF_EVAL_CONLL = 0,      /* CoNLL files; mentions are token spans */
    COREF_EVAL_JSON            /* our JSON (one document) or JSONL (one per line, named by "id") */
} coref_eval_format;

#define COREF_EVAL_NMETRIC 5   /* MUC, B3, CEAF-m, CEAF-e, LEA */

/* Scores as fractions 0..1, micro-averaged over the documents. */
typedef struct coref_eval_result {
    size_t documents;          /* key documents scored */
    double recall[COREF_EVAL_NMETRIC], precision[COREF_EVAL_NMETRIC], f1[COREF_EVAL_NMETRIC];
    double conll_f1;           /* mean F1 of MUC, B3 and CEAF-e */
} coref_eval_result;

/* Short name of metric i: "muc", "bcub", "ceafm", "ceafe", "lea"; NULL when
 * i is out of range. */
COREF_API const char *coref_eval_metric_name(int i);

/* Score a response against a key (each a whole file's bytes). Documents are
 * matched by name; a key document without a response is scored as empty,
 * a response document without a key is ignored: each such case, and JSON
 * documents with "error" (scored as empty), is reported to `warn` (may be
 * NULL). `key_name` / `resp_name` name the inputs in messages (NULL: "key",
 * "response"). COREF_ERR_INPUT for malformed input (err->line set) or CoNLL
 * documents whose token counts differ between the files. */
COREF_API coref_status coref_eval(const char *key, size_t keylen, const char *resp, size_t resplen,
                                  coref_eval_format fmt, const char *key_name, const char *resp_name,
                                  coref_report_fn warn, void *ctx, coref_eval_result *res, coref_error *err);

/* Check that `text` is valid UTF-8 without NUL bytes. Returns COREF_OK or
 * COREF_ERR_UTF8 with err->offset the first bad byte. */
COREF_API coref_status coref_utf8_check(const char *text, size_t len, coref_error *err);

#ifdef __cplusplus
}
#endif
#endif /* COREF_H */
