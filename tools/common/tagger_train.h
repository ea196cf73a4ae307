/* Training the tagger (tools/common/tagger_train.c), for the trainer tools. */
#ifndef COREF_TAGGER_TRAIN_H
#define COREF_TAGGER_TRAIN_H
#include <stddef.h>
#include <stdint.h>
struct conllu_corpus;
struct mf_writer;
struct word_clusters;

/* Training parameters. */
typedef struct tagger_train_opts {
    int epochs;            /* passes over the data (default 8) */
    uint64_t seed;         /* shuffle seed */
    float min_abs;         /* prune averaged weights below this magnitude */
    const struct word_clusters *clusters;  /* cluster features from these (the model's
                                              CLUS section); NULL: none, as before */
    uint32_t flags;        /* feature groups (TAGGER_F_* of tag/tagger_impl.h); 0: the original */
    int verbose;           /* progress on stderr from the trainer tool's callback */
    void (*progress)(void *ctx, int epoch, double xpos_acc, double upos_acc, double feats_acc);
    void *ctx;
} tagger_train_opts;

tagger_train_opts tagger_default_train_opts(void);
/* Train on the given corpora and append the TAGR payload to w.
 * Returns 0, or -1 on allocation failure. Deterministic for fixed input. */
int tagger_train(struct conllu_corpus *const *corpora, size_t ncorpus,
                 const tagger_train_opts *o, struct mf_writer *w);
#endif
