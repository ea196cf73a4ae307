/* CoNLL coreference files: reader and writer for every variant in
 * ../shared/data (DESIGN.md "CoNLL"):
 *  - GUM 3 columns (index, token, coref), `_` = none, brackets back to back,
 *    labels numeric or GUM-scheme (`person-12`, `place-3-Title`);
 *  - CoNLL-2012 / LitBank 13 columns (token in column 4), `|`-joined
 *    brackets, empty last column = none;
 *  - the scorer suite's 5 tab columns with `-`, or 2 space-separated columns.
 * `#begin document` and `# begin document`; several documents per file.
 * A close bracket matches the latest open bracket WITH THE SAME ID, so spans
 * of different entities may cross. */
#ifndef COREF_CONLL_H
#define COREF_CONLL_H
#include <stddef.h>
#include <stdint.h>
#include "coref.h"
#include "core/buf.h"

/* One mention: token range [tb, te) within its document, entity id. */
typedef struct conll_mention {
    uint32_t tb, te;
    int64_t entity;
} conll_mention;

/* One input line of a document, kept so the writer can reproduce it. */
typedef struct conll_line {
    size_t off, len;       /* bytes in doc->raw, line terminator included */
    int64_t tok;           /* token index, or -1 for non-token lines */
    size_t cs, ce;         /* coref field [cs, ce) in doc->raw (token lines) */
} conll_line;

typedef struct conll_doc {
    char *name;            /* document name ("(x); part 0" -> "x"; part != 0 -> "x:N") */
    size_t ntok;
    char **tok;            /* NUL-terminated token strings */
    size_t *toklen;
    unsigned char *sent_start; /* 1 when token i begins a sentence */
    conll_mention *ments;  /* sorted by (tb, -te, entity) */
    size_t nment;
    size_t first_line;     /* 1-based input line of `#begin document` */
    /* --- writer state (private) --- */
    char *raw;             /* the document's input bytes (plus lines before it) */
    size_t rawlen;
    conll_line *lines;
    size_t nline;
    char none[4];          /* what a token without mentions has: "_", "-" or "" */
    int pipe;              /* 1: brackets joined with '|' (CoNLL-2012 style) */
    int64_t *tok_line;     /* token -> index into lines */
} conll_doc;

/* Parse a whole CoNLL file. On success *docs (caller frees with
 * conll_docs_free) holds *ndocs documents in file order. On malformed input
 * returns COREF_ERR_INPUT with err->line / err->message set (err may be
 * NULL); COREF_ERR_NOMEM when out of memory. Never prints. */
int conll_parse(const char *data, size_t n, conll_doc **docs, size_t *ndocs, coref_error *err);

/* Free the documents returned by conll_parse. NULL is a no-op. */
void conll_docs_free(conll_doc *docs, size_t ndocs);

/* Write doc's lines exactly as read, with each token's coreference column
 * replaced by `ments` (token ranges of this document). A token whose brackets
 * are unchanged keeps its input text byte for byte (order, labels); others get
 * brackets in the variant's style (opens outer first, one-token mentions,
 * closes inner first; `|`-joined for CoNLL-2012), or doc->none when it has
 * none. Returns 0, -1 on bad arguments (mention outside the document) or
 * when out of memory. */
int conll_write(const conll_doc *doc, const conll_mention *ments, size_t nment, buf_t *out);

#endif
