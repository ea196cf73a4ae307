/* A learned mention ranker (issue 9, first step): for each mention, every
 * candidate antecedent in a bounded window and "new entity" are scored by an
 * averaged perceptron over hashed pair features; mentions are clustered
 * greedily left to right, each linked to its best-scoring candidate.
 *
 * It runs after the sieve and reads the sieve's clusters as one of its
 * features, so the sieve's passes ("what the sieve would say") are evidence,
 * not the answer. The model section (RANK_SECTION) is optional: a model
 * without it runs the sieve alone. */
#ifndef COREF_RANK_H
#define COREF_RANK_H
#include <stddef.h>
#include <stdint.h>
struct coref_doc;
struct pc_model;
struct mf_writer;

#define RANK_SECTION "RANK"
#define RANK_FORMAT_VERSION 1u

/* Bounds that keep the cost per mention constant. */
#define RANK_WINDOW 150     /* earlier mentions examined */
#define RANK_NEAR_SENTS 3   /* any candidate this near (in sentences); farther
                               ones need a head/string match or the sieve's link */
#define RANK_PRON_SENTS 6   /* pronouns: the same, for unmatched candidates */
#define RANK_MAX_FEATS 96   /* features of one (mention, candidate) pair */

typedef struct ranker ranker;

/* Parse a RANK section (the bytes stay owned by the caller and must outlive
 * the ranker). 0, or -1 with a message in errbuf. */
int ranker_load(const uint8_t *data, size_t size, ranker **out, char *errbuf, size_t errlen);
void ranker_free(ranker *rk);
/* The RANK payload of a loaded ranker with its weights as an image (the
 * model image, tools/model_image): ranker_load reads it in place. */
void ranker_write_image(const ranker *rk, struct mf_writer *w);

/* Re-cluster d's mentions with the ranker. Reads the clusters the sieve set
 * (d->ments[].cluster after coref_resolve) as features, then replaces them
 * and rebuilds the cluster arrays. confidence, when not NULL, receives per
 * mention the softmax probability of the chosen decision (link or new).
 * 0 or -1 (no memory). */
int rank_resolve(const ranker *rk, struct coref_doc *d, float *confidence);

/* ---- shared with the trainer (tools/train_ranker.c) ---- */

/* Per-document state: word hashes, sentence numbers and the sieve's clusters
 * of every mention, taken when the context is made. */
typedef struct rank_ctx rank_ctx;
rank_ctx *rank_ctx_new(const struct coref_doc *d);   /* NULL when out of memory */
void rank_ctx_free(rank_ctx *c);
/* Mention i takes part (is not a predicate nominal or apposition). */
int rank_usable(const rank_ctx *c, size_t i);
/* Candidate antecedents of mention i, nearest first, into out (room for
 * RANK_WINDOW); returns how many. */
size_t rank_candidates(const rank_ctx *c, size_t i, int32_t *out);
/* Features of linking mention i to candidate j, or of "new entity" when
 * j < 0, into f (room for RANK_MAX_FEATS); returns how many. */
size_t rank_features(const rank_ctx *c, size_t i, int32_t j, uint64_t *f);

/* Section layout: u32 RANK_FORMAT_VERSION, f32 softmax temperature, then a
 * one-class pc_model (ml/perceptron.h). */

#endif
