/* The learned nominal linker (issue 9 item 1, issue 10 item 4): a logistic
 * regression over hashed features of a pair (a nominal anaphor, an earlier
 * name or nominal), trained by tools/train_nominal on OntoGUM and LitBank
 * train. With a model's NOML section, a link a sieve pass proposes for a
 * nominal (exact, head, role, place) stands when its probability reaches
 * the section's `veto` (for a name, exact or proper pass: `veto_name`; 0
 * keeps every such link), and after the sieve's name and nominal passes
 * each nominal (with NG_NAMES each name too) still without an antecedent
 * takes its best-scoring candidate when that reaches `threshold`. The
 * sieve's own tests are among the features (what the sieve would do is
 * evidence). make model ships it (bits 16, groups 0x1bb, veto 0.1,
 * threshold 0.4; NOMINAL=0 leaves it out).
 *
 * Section payload (little-endian):
 *   u32 NOML_VERSION | u32 bits | f32 threshold | f32 veto | f32 veto_name | u32 groups | f32 w[1 << bits]
 * `groups` is the mask of feature groups the weights were trained with
 * (NG_*: for ablations); the weights are read in place. */
#ifndef COREF_NOMINAL_H
#define COREF_NOMINAL_H
#include <stddef.h>
#include <stdint.h>
struct coref_doc;
struct word_clusters;

#define NOML_SECTION "NOML"
#define NOML_VERSION 3u
#define NOML_MAX_FEATS 48
/* Candidates of the linker: a mention with the same text or head word up
 * to NOML_MATCH_SENTS back; with another head, a name NOML_NEAR_SENTS back
 * (and with NG_NEAR_NOMINALS a nominal NOML_NEAR_NOM_SENTS back), if number
 * and entity type do not clash; a name anaphor (NG_NAMES) takes only the
 * same text or last word. A pair a sieve pass proposes is the veto's
 * question, never the linker's. */
#define NOML_NEAR_SENTS 3
#define NOML_MATCH_SENTS 30
#define NOML_NEAR_NOM_SENTS 3   /* NG_NEAR_NOMINALS: a nominal of another head this many back */

/* Feature groups (bits of `groups`). */
enum {
    NG_SIEVE = 1u << 0,   /* the sieve's tests: exact, head+modifiers, role, place */
    NG_MATCH = 1u << 1,   /* string and head match kinds, modifier inclusion */
    NG_LEX = 1u << 2,     /* head words: anaphor head x antecedent kind / type / head */
    NG_CLUS = 1u << 3,    /* word-cluster prefixes of the two heads */
    NG_ATTR = 1u << 4,    /* number, gender, animacy, entity type agreement */
    NG_DIST = 1u << 5,    /* distance, syntactic roles, the antecedent's entity so far */
    NG_SPLIT = 1u << 6,   /* the sieve's proposals get weights of their own */
    NG_NAMES = 1u << 7,   /* the linker also adds links for names left alone (same text or last word) */
    NG_NEAR_NOMINALS = 1u << 8,   /* nominal candidates of another head NOML_NEAR_SENTS back (else names only) */
    NG_ALL = 0x1ff
};

typedef struct noml_model {
    uint32_t bits;
    float threshold;    /* a link the sieve would not make needs this probability */
    float veto;         /* the sieve's own link is kept when its probability is at least this */
    float veto_name;    /* the same for a name's link by the exact or proper pass (0: always kept) */
    uint32_t groups;
    const uint8_t *w;   /* 4 << bits bytes of little-endian f32, in place */
} noml_model;

int noml_load(const uint8_t *data, size_t size, noml_model **out, char *errbuf, size_t errlen);
void noml_free(noml_model *nm);

/* What the sieve knows of a pair (resolve.c computes it). */
typedef struct noml_pair {
    uint32_t sieve;        /* NS_* bits */
    uint8_t ent_type;      /* the antecedent's entity type so far (pooled) */
    uint8_t ent_size;      /* its entity's size so far, capped at 3 */
    uint8_t ent_name;      /* its entity has a proper mention */
} noml_pair;
enum { NS_EXACT = 1, NS_HEAD = 2, NS_ROLE = 4, NS_PLACE = 8, NS_HEAD_EQ = 16, NS_TEXT_EQ = 32, NS_INCL = 64,
       NS_INCL_REV = 128, NS_NAMES_OK = 256, NS_PROPER = 512 };

/* What the features read of one mention, computed once per mention. */
typedef struct noml_ment {
    uint64_t head;       /* lowercase head word (a name's last word) */
    uint32_t path;       /* its word cluster (path, depth; depth 0: unknown) */
    uint8_t depth;
    uint8_t det;         /* determiner class */
} noml_ment;
void noml_ment_info(const struct coref_doc *d, const struct word_clusters *wc, size_t i, noml_ment *out);

/* Features of linking nominal mention i to earlier mention j, into f (room
 * for NOML_MAX_FEATS): hashed, of the groups in `groups`. */
size_t noml_features(const struct coref_doc *d, size_t i, size_t j, const noml_ment *mi, const noml_ment *mj,
                     const noml_pair *p, uint32_t groups, uint64_t *f);
/* The weight index of a feature hash under `bits`. */
static inline uint32_t noml_index(uint64_t h, uint32_t bits) { return (uint32_t)(h >> (64 - bits)); }
/* Probability of the link under the model, and its log-odds (the sum of
 * the weights: compared with noml_logit(threshold), no exp per pair). */
double noml_prob(const noml_model *nm, const uint64_t *f, size_t n);
double noml_score(const noml_model *nm, const uint64_t *f, size_t n);
static inline double noml_logit(double p) { return p <= 0 ? -1e300 : p >= 1 ? 1e300 : __builtin_log(p / (1 - p)); }

#endif
