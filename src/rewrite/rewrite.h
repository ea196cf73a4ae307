/* The resolved text: span edits on the original text (DESIGN.md). */
#ifndef COREF_REWRITE_H
#define COREF_REWRITE_H
#include <stddef.h>
#include <stdint.h>
#include "core/buf.h"
struct coref_doc;
/* One edit of the resolved text: tokens [tb, te) of the document were
 * replaced by out[out_off .. out_off + out_len) of the resolved text; the
 * name written comes from mention `antecedent` (the cluster's canonical
 * mention). */
typedef struct rw_edit {
    uint32_t tb, te;
    size_t out_off, out_len;
    int32_t antecedent;
    int32_t mention;   /* the replaced mention */
    float conf;        /* its confidence (rewrite/confidence.h), -1 when the model has none */
} rw_edit;
/* What the resolved text replaces (coref_options' fields of the same names). */
typedef struct rw_opts {
    int nominals;      /* also definite nominal mentions */
    int all;           /* also a pronoun whose name already stands earlier in its sentence */
    double min_conf;   /* only replacements of at least this confidence; < 0: the model's
                          default threshold (none when the model has no CONF section) */
} rw_opts;
/* The options of coref_options o. */
#define RW_OPTS(o) ((rw_opts){(o).nominals, (o).all, (o).min_confidence})
/* Append the resolved text of d to out (opts NULL: the defaults). 0 or -1
 * (no memory). */
int rewrite_text(const struct coref_doc *d, const rw_opts *opts, buf_t *out);
/* The same, also listing its edits in text order (*edits malloc'd, caller
 * frees; NULL when there are none). 0 or -1 (no memory). */
int rewrite_text_edits(const struct coref_doc *d, const rw_opts *opts, buf_t *out, rw_edit **edits, size_t *nedits);
/* The confidence features (rewrite/confidence.h, x[CF_N]) of edit e of d,
 * as rewrite_text_edits scored it (for the trainer). */
void rewrite_edit_features(const struct coref_doc *d, const rw_edit *e, float *x);
/* Fill d->cl_names[c] with each cluster's canonical proper-name mention text
 * (NULL when the cluster has no proper name). Called after clustering. */
int rewrite_name_clusters(struct coref_doc *d);

#endif
