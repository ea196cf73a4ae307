/* Document writers. Each appends to `out` and returns 0, or -1 when out of
 * memory. Offsets in JSON/HTML are code points (DESIGN.md). */
#ifndef COREF_WRITERS_H
#define COREF_WRITERS_H
#include "core/buf.h"
struct coref_doc;
/* DESIGN.md JSON; `oneline` = 1 for JSONL (no newlines inside). */
int write_json(const struct coref_doc *d, int oneline, buf_t *out);
/* CoNLL-U with the system's tags and tree, CorefUD Entity= in MISC. */
int write_conllu(const struct coref_doc *d, buf_t *out);
/* A standalone HTML page showing mentions and clusters. */
int write_html(const struct coref_doc *d, buf_t *out);
/* CoNLL-2012 rows (doc, part, index, token, ..., coref) for a document that
 * did not come from CoNLL input. */
int write_conll(const struct coref_doc *d, const char *docname, buf_t *out);
#endif
