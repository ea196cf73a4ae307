/* The resolved text: span edits on the original text (DESIGN.md). */
#ifndef COREF_REWRITE_H
#define COREF_REWRITE_H
#include <stdint.h>
#include "core/buf.h"
struct coref_doc;
/* Append the resolved text of d to out. 0 or -1 (no memory). */
int rewrite_text(const struct coref_doc *d, int nominals, buf_t *out);
/* Fill d->cl_names[c] with each cluster's canonical proper-name mention text
 * (NULL when the cluster has no proper name). Called after clustering. */
int rewrite_name_clusters(struct coref_doc *d);

/* Coreference brackets of clustered mentions, one per open/close/single-token
 * mention, in the order the CoNLL and CorefUD writers print them (CorefUD
 * canonical order: per token closes before opens, longer opens first, shorter
 * closes first, single-token mentions innermost). Shared by src/io writers. */
enum { CB_OPEN = 0, CB_CLOSE = 1, CB_SINGLE = 2 };
typedef struct coref_bracket {
    uint32_t tok;      /* token index */
    int32_t cluster;   /* cluster index */
    uint32_t len;      /* mention length in tokens */
    uint8_t kind;      /* CB_* */
    uint8_t rank;      /* sort key within the token */
} coref_bracket;
/* *out (caller frees) receives *n brackets sorted by token. 0, or -1 (no memory). */
int coref_brackets(const struct coref_doc *d, coref_bracket **out, size_t *n);
#endif
