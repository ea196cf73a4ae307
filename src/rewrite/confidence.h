/* The confidence of a replacement of the resolved text (issue 9 item 4): a
 * logistic regression over dense features of the replaced mention and the
 * links that put it in its cluster, trained by tools/train_confidence on
 * OntoGUM and LitBank train to predict that the name written is right. Its
 * weights are the model's CONF section, a small array of floats decoded at
 * load:
 *
 *   u32 version (1) | u32 nfeat | f32 threshold | f32 weight[nfeat]
 *
 * `threshold` is the default --min-confidence, chosen on GUM dev. */
#ifndef COREF_CONFIDENCE_H
#define COREF_CONFIDENCE_H
#include <stddef.h>
#include <stdint.h>
struct coref_doc;

#define CONF_SECTION "CONF"
#define CONF_VERSION 1u

/* The features (x[0] is the bias, always 1). */
enum {
    CF_BIAS,
    CF_HE, CF_SHE, CF_IT, CF_THEY, CF_NOMINAL, CF_POSS,
    CF_PASS,                                /* + RP_* of the mention's first link (13) */
    CF_ANTE_PROPER = CF_PASS + 13, CF_ANTE_NOMINAL, CF_ANTE_PRONOUN,
    CF_ANTE_SENTS, CF_ANTE_MENTS,           /* log(1 + distance) to the linked mention */
    CF_NAME_SENTS, CF_NAME_SAME_SENT,       /* to the nearest earlier proper mention of the cluster */
    CF_CL_SIZE, CF_CL_PROPER, CF_CL_PRON_SHARE,
    CF_PERSON, CF_THING, CF_KIND_UNKNOWN,   /* the cluster's kind (rewrite's cluster_kind) */
    CF_HESHE_PERSON, CF_HESHE_THING, CF_IT_PERSON, CF_IT_THING, CF_THEY_PERSON,
    CF_CANDS, CF_ONE_CAND, CF_MARGIN,       /* the pronoun pass's competition */
    CF_IN_QUOTE, CF_SUBJECT, CF_NAME_ONE_WORD, CF_RIVALS, CF_CL_GENDER_CLASH,
    CF_N
};

typedef struct rw_conf {
    uint32_t nfeat;
    float threshold;
    float *w;            /* nfeat weights */
} rw_conf;

/* Decode a CONF section. 0, or -1 with a message in msg. */
int conf_load(const uint8_t *data, size_t n, rw_conf **out, char *msg, size_t msgn);
void conf_free(rw_conf *c);
/* What the features need to know of a cluster (conf_cluster_stats, once per
 * cluster: the features cost O(1) per replacement). */
typedef struct conf_cluster {
    uint32_t size, nprop, npron;
    int gender_clash;    /* both he and she among its pronouns */
    int kind;            /* 1 person, -1 another known type, 0 unknown (rewrite's cluster_kind) */
} conf_cluster;
void conf_cluster_stats(const struct coref_doc *d, size_t c, int kind, conf_cluster *out);
/* The features of replacing mention mi of a cluster described by cs, whose
 * nearest earlier proper mention is `near` (-1 none), its name written from
 * mention `canon`, into x[CF_N]. */
void conf_features(const struct coref_doc *d, size_t mi, int32_t canon, const conf_cluster *cs, long near,
                   float *x);
/* The probability that a replacement with features x is right. */
double conf_prob(const rw_conf *c, const float *x);
#endif
