/* Document writers. Each appends to `out` and returns 0, or -1 when out of
 * memory. Offsets in JSON/HTML are code points (DESIGN.md). */
#ifndef COREF_WRITERS_H
#define COREF_WRITERS_H
#include <stddef.h>
#include <stdint.h>
#include "core/buf.h"
#include "rewrite/rewrite.h"
struct coref_doc;
/* DESIGN.md JSON; `oneline` = 1 for JSONL (no newlines inside). */
/* "replacements" and "resolved" follow `ro` (NULL: the defaults). */
int write_json(const struct coref_doc *d, int oneline, const rw_opts *ro, buf_t *out);   /* ends with "resolved" */
/* CoNLL-U with the system's tags and tree, CorefUD Entity= in MISC.
 * `singletons` = 1 (coref_options.singletons) also writes each mention of no
 * cluster as an entity of its own; so does write_conll. */
int write_conllu(const struct coref_doc *d, int singletons, buf_t *out);
/* A standalone HTML page showing mentions and clusters. */
int write_html(const struct coref_doc *d, buf_t *out);
/* CoNLL-2012 rows (doc, part, index, token, ..., coref) for a document that
 * did not come from CoNLL input. */
int write_conll(const struct coref_doc *d, const char *docname, int singletons, buf_t *out);
/* Coreference brackets of clustered mentions, one per open/close/single-token
 * mention, in the order the CoNLL and CorefUD writers print them (CorefUD
 * canonical order: per token closes before opens, longer opens first, shorter
 * closes first, single-token mentions innermost). Shared by the CoNLL and CoNLL-U writers. */
enum { CB_OPEN = 0, CB_CLOSE = 1, CB_SINGLE = 2 };
typedef struct coref_bracket {
    uint32_t tok;      /* token index */
    int32_t cluster;   /* cluster index */
    uint32_t len;      /* mention length in tokens */
    uint8_t kind;      /* CB_* */
    uint8_t rank;      /* sort key within the token */
} coref_bracket;
/* *out (caller frees) receives *n brackets sorted by token. 0, or -1 (no memory).
 * With `singletons`, a mention of no cluster is an entity of its own, numbered
 * after the clusters in mention order (doc_entity_id). */
int coref_brackets(const struct coref_doc *d, int singletons, coref_bracket **out, size_t *n);
/* Append token `tok`'s CorefUD brackets ("Entity=(e1", "e1)", ...) to out,
 * advancing *bi through br[] (sorted by token). `sep` = 1 puts a '|' before
 * "Entity=" (MISC already has a field). Appends nothing when none. */
void write_entity_misc(buf_t *out, const coref_bracket *br, size_t nbr, size_t *bi, uint32_t tok, int sep);
#endif
