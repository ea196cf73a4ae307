/* The resolved text: span edits on the original text (DESIGN.md). */
#ifndef COREF_REWRITE_H
#define COREF_REWRITE_H
#include "core/buf.h"
struct coref_doc;
/* Append the resolved text of d to out. 0 or -1 (no memory). */
int rewrite_text(const struct coref_doc *d, int nominals, buf_t *out);
/* Fill d->cl_names[c] with each cluster's canonical proper-name mention text
 * (NULL when the cluster has no proper name). Called after clustering. */
int rewrite_name_clusters(struct coref_doc *d);

#endif
