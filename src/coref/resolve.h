/* Coreference resolution: links mentions into clusters (mention.cluster). */
#ifndef COREF_RESOLVE_H
#define COREF_RESOLVE_H
struct coref_doc;
struct coref_model;
/* Set d->ments[i].cluster for every mention and build the cluster arrays
 * (doc_finish_clusters); canonical names are left to rewrite_name_clusters.
 * Members inherit unknown entity type/gender/animacy from their entity.
 * Thread-safe (no global state). 0 or -1 (no memory). */
int coref_resolve(const struct coref_model *m, struct coref_doc *d);
/* The trainer's view of the learned nominal linker (coref/nominal.h): the
 * features of every pair it would score (mention i, earlier mention j): the
 * links the sieve's passes propose for names and nominals, and the
 * candidates of the mentions they leave alone. */
#include <stddef.h>
#include <stdint.h>
typedef void (*coref_pair_sink)(void *user, size_t i, size_t j, const uint64_t *f, size_t nf);
/* coref_resolve as with a NOML section, but every proposed link stands, the
 * linker adds none, and `sink` receives the features (of the groups in
 * `groups`, NG_*) of each of those pairs. */
int coref_resolve_collect(const struct coref_model *m, struct coref_doc *d, uint32_t groups, coref_pair_sink sink,
                          void *user);
/* The sieve's passes, in order (mention_t.link_pass). */
enum {
    RP_NONE, RP_SPEAKER, RP_EXACT, RP_PROPER, RP_FIRST_NAME, RP_COMPANY, RP_ACRONYM, RP_HEAD, RP_ROLE, RP_PLACE,
    RP_DEMONSTRATIVE, RP_PRONOUN, RP_IT_CHAIN, RP_COUNT
};
#endif
