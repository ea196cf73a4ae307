/* Coreference resolution: links mentions into clusters (mention.cluster). */
#ifndef COREF_RESOLVE_H
#define COREF_RESOLVE_H
struct coref_doc;
struct coref_model;
/* Set d->ments[i].cluster for every mention and build the cluster arrays
 * (doc_finish_clusters) including canonical names. 0 or -1 (no memory). */
int coref_resolve(const struct coref_model *m, struct coref_doc *d);
#endif
