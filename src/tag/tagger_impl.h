/* The tagger's inside, shared by tagger.c and its trainer
 * (tools/common/tagger_train.c) and by nothing else: the tables a tagger is
 * made of and the features it computes, so that training and tagging see
 * exactly the same features. The runtime API is tag/tagger.h. */
#ifndef COREF_TAGGER_IMPL_H
#define COREF_TAGGER_IMPL_H
#include <stddef.h>
#include <stdint.h>
#include "core/tagset.h"
#include "ml/perceptron.h"
#include "ml/wclusters.h"

typedef struct feats_allow {
    uint32_t upos_mask;
    uint16_t n;
    uint16_t *idx;
} feats_allow;

typedef struct dict_slot { uint64_t key; uint8_t xpos; } dict_slot;

/* A word's ambiguity class: the XPOS tags it had in training (each at
 * least AMB_SHARE of its occurrences) as a bit mask, keyed by the hash of
 * its ASCII lowercase form; key 0 = empty. */
typedef struct amb_slot { uint64_t key, mask; } amb_slot;

/* Feature groups of a tagger (TAGR format 2's flags word). */
#define TAGGER_F_AMB 1u     /* ambiguity classes of the word and the next two */
#define TAGGER_F_PASS2 2u   /* a second XPOS pass that sees the first's tags of the next words */
#define TAGGER_F_UNK 4u     /* longer affixes, hyphenated words' last part */
#define TAGGER_F_UPOSX 8u   /* UPOS features: clusters, next word's class, wider context */
#define TAGGER_F_CAMB 16u   /* with AMB: a word unseen in training gets its cluster's class */
#define TAGGER_F_ALL 31u
/* In the flags word of a model image only: the ambiguity table follows as
 * the hash table itself, used in place (tagger_write_image). */
#define TAGGER_F_AMB_IMAGE 0x80000000u
#define TAGGER_AMB_MARK 0x31424d41u   /* "AMB1" little-endian: the image's byte order */

struct tagger {
    char **fnames;         /* FEATS strings, NUL terminated */
    uint32_t *flens;
    uint32_t nfeats;
    dict_slot *dict;       /* open addressing on form hash, key 0 = empty */
    size_t dictcap;
    feats_allow allow[X_COUNT];
    pc_model *mx, *mu, *mf;
    pc_model *mx2;         /* TAGGER_F_PASS2: the second XPOS pass */
    uint32_t flags;        /* TAGGER_F_* */
    const amb_slot *amb;   /* TAGGER_F_AMB: open addressing on lowercase hash */
    amb_slot *amb_own;     /* the same table when decoded or trained (freed), NULL in place */
    size_t ambcap;
    /* word clusters from unlabeled text (the model's CLUS section, not
     * owned), NULL without one: then the cluster features are absent and
     * the tagger computes exactly the features of a tagger without them */
    const word_clusters *clus;
    /* attributes of the padding words before and after a sentence, computed
     * once when the tagger is built (not lazily on first use: a model is
     * shared by threads, and a lazy static would be a data race) */
    struct wfeat {
        uint64_t form, lower, shape;
        uint64_t suf[4], pre[3];
        uint64_t clus[4];   /* cluster prefixes at CLUS_DEPTHS (only with clusters) */
        uint64_t amb;       /* ambiguity class (only with TAGGER_F_AMB) */
        uint64_t suf5, pre4, hyph;  /* TAGGER_F_UNK: 5-suffix, 4-prefix, last hyphen part */
    } pad[2];
};

/* ------------------------------------------------------------ features */

/* Per-word hashed attributes, computed once per sentence. */
typedef struct wfeat wfeat;

#define SEED 0x7461676765723031ULL

/* Hash a word's attributes. Lowercasing is ASCII only; other bytes are kept,
 * which is consistent between training and tagging. */
static inline void word_feats(const char *s, uint32_t n, wfeat *w)
{
    char low[64], shp[16];
    uint32_t m = n < sizeof low ? n : (uint32_t)sizeof low;
    size_t ns = 0;
    char last = 0;
    for (uint32_t i = 0; i < m; i++) {
        char c = s[i];
        low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        char k = (c >= 'A' && c <= 'Z') ? 'X' : (c >= 'a' && c <= 'z') ? 'x'
               : (c >= '0' && c <= '9') ? 'd' : ((unsigned char)c >= 0x80) ? 'u' : c;
        /* collapse runs beyond two so "Xxxxx" and "Xxx" share a shape */
        if (ns < sizeof shp && !(ns >= 2 && k == last && shp[ns - 2] == k)) shp[ns++] = k;
        last = k;
    }
    w->form = pc_hash(s, n, SEED + 1);
    w->lower = n <= sizeof low ? pc_hash(low, m, SEED + 2) : pc_hash(s, n, SEED + 2);
    w->shape = pc_hash(shp, ns, SEED + 3);
    for (uint32_t k = 0; k < 4; k++) {
        uint32_t l = k + 1 < m ? k + 1 : m;
        w->suf[k] = pc_hash(low + m - l, l, SEED + 10 + k);
    }
    for (uint32_t k = 0; k < 3; k++) {
        uint32_t l = k + 1 < m ? k + 1 : m;
        w->pre[k] = pc_hash(low, l, SEED + 20 + k);
    }
    w->suf5 = pc_hash(low + m - (m < 5 ? m : 5), m < 5 ? m : 5, SEED + 25);
    w->pre4 = pc_hash(low, m < 4 ? m : 4, SEED + 26);
    uint32_t hy = m;
    while (hy > 0 && low[hy - 1] != '-') hy--;
    w->hyph = hy > 1 && hy < m ? pc_hash(low + hy, m - hy, SEED + 27) : SEED + 28;
}

/* The depths of the cluster prefixes used as features: coarse groups
 * (nouns, verbs, numbers...) down to near-synonyms. */
static const unsigned CLUS_DEPTHS[4] = {4, 8, 12, 16};

/* A word's cluster prefixes, from the exact form, or its ASCII lowercase
 * when the form is unknown ("Cornice" at a sentence start); words in
 * neither get one "no cluster" value per depth. */
static inline void word_clus(const word_clusters *c, const char *s, uint32_t n, wfeat *w)
{
    uint32_t path = 0;
    unsigned depth = 0;
    int found = wclus_lookup_word(c, s, n, &path, &depth);
    for (int q = 0; q < 4; q++)
        w->clus[q] = found ? pc_hash_mix(SEED + 30 + (uint64_t)q, wclus_prefix(path, depth, CLUS_DEPTHS[q]))
                           : SEED + 40 + (uint64_t)q;
}

/* Fill the tagger's padding words "<s>" (before) and "</s>" (after). */
static inline void init_pad_words(struct tagger *t)
{
    for (int j = 0; j < 2; j++) {
        uint64_t h = pc_hash(j ? "</s>" : "<s>", j ? 4 : 3, SEED + 99);
        wfeat *p = &t->pad[j];
        p->form = p->lower = p->shape = h;
        for (int q = 0; q < 4; q++) p->suf[q] = h + (uint64_t)q;
        for (int q = 0; q < 3; q++) p->pre[q] = h + 7 + (uint64_t)q;
        for (int q = 0; q < 4; q++) p->clus[q] = h + 11 + (uint64_t)q;
        p->amb = h + 20;
        p->suf5 = h + 21;
        p->pre4 = h + 22;
        p->hyph = h + 23;
    }
}

/* The ambiguity class value of a word never seen in training. */
#define AMB_UNKNOWN 0xFFFFFFFFFFFFFFFFULL
/* A tag joins a word's class when it is at least 1/AMB_SHARE of the word's
 * occurrences; words seen fewer than AMB_RARE times get a "rare" bit. */
#define AMB_SHARE 20u
#define AMB_RARE 5u

/* The class mask from a word's tag counts (total occurrences tot). */
static inline uint64_t amb_from_counts(const uint32_t *cnt, uint32_t tot)
{
    if (!tot) return AMB_UNKNOWN;
    uint64_t m = 0;
    for (int x = 1; x < X_COUNT; x++)
        if (cnt[x] && cnt[x] * AMB_SHARE >= tot) m |= 1ULL << x;
    if (tot < AMB_RARE) m |= 1ULL << 62;
    return m;
}

/* TAGGER_F_CAMB: a cluster's class (the tags of the training words in the
 * cluster at depth 12, each at least 1/CAMB_SHARE of them; bit 61 set),
 * kept in the same table under the key camb_key. */
#define CAMB_SHARE 5u
static inline uint64_t camb_from_counts(const uint32_t *cnt, uint32_t tot)
{
    uint64_t m = 1ULL << 61;
    for (int x = 1; x < X_COUNT; x++)
        if (cnt[x] && cnt[x] * CAMB_SHARE >= tot) m |= 1ULL << x;
    return m;
}
static inline uint64_t camb_key(const struct wfeat *w) { return pc_hash_mix(SEED + 50, w->clus[2]); }
/* 1 when the word has a cluster (word_clus found it). */
static inline int has_cluster(const struct wfeat *w) { return w->clus[2] != SEED + 42; }

static inline uint64_t amb_lookup(const struct tagger *t, uint64_t key)
{
    if (!t->ambcap) return AMB_UNKNOWN;
    if (!key) key = 1;
    /* at most ambcap probes: a damaged image without an empty slot still ends */
    size_t mask = t->ambcap - 1, i = (size_t)(key ^ (key >> 29)) & mask;
    for (size_t q = 0; q < t->ambcap && t->amb[i].key; q++) {
        if (t->amb[i].key == key) return t->amb[i].mask;
        i = (i + 1) & mask;
    }
    return AMB_UNKNOWN;
}

/* A word's class: its own, or with TAGGER_F_CAMB its cluster's when the word
 * was not seen in training; prev: the word's own class (AMB_UNKNOWN when
 * unseen). */
static inline uint64_t amb_or_cluster(const struct tagger *t, const struct wfeat *w, uint64_t prev)
{
    if (prev != AMB_UNKNOWN || !(t->flags & TAGGER_F_CAMB) || !t->clus || !has_cluster(w)) return prev;
    return amb_lookup(t, camb_key(w));
}

static inline uint64_t F1(uint64_t tmpl, uint64_t a) { return pc_hash_mix(tmpl + 0x51ed270b27ULL, a); }
static inline uint64_t F2(uint64_t tmpl, uint64_t a, uint64_t b) { return pc_hash_mix(F1(tmpl, a), b); }
static inline uint64_t F3(uint64_t tmpl, uint64_t a, uint64_t b, uint64_t c) { return pc_hash_mix(F2(tmpl, a, b), c); }

#define W(i) ((i) < 0 ? &pad[0] : (size_t)(i) >= n ? &pad[1] : &w[(i)])
#define TAG(i) ((i) < 0 ? 0xFEu : (size_t)(i) >= n ? 0xFFu : (uint64_t)tags[(i)])

/* XPOS features of word i given the previous predicted tags p1, p2;
 * clus: the words' cluster prefixes are set (the tagger has clusters). */
static inline size_t xpos_feats(const wfeat *w, const wfeat *pad, size_t n, size_t i, uint64_t p1, uint64_t p2,
                                int clus, uint32_t flags, uint64_t *f)
{
    long ii = (long)i;
    const wfeat *c = &w[i], *l1 = W(ii - 1), *l2 = W(ii - 2), *r1 = W(ii + 1), *r2 = W(ii + 2);
    size_t k = 0;
    f[k++] = F1(0, 0);
    f[k++] = F1(1, c->lower);
    f[k++] = F1(2, c->form);
    for (int q = 0; q < 4; q++) f[k++] = F1(3 + (uint64_t)q, c->suf[q]);
    for (int q = 0; q < 3; q++) f[k++] = F1(7 + (uint64_t)q, c->pre[q]);
    f[k++] = F1(10, c->shape);
    f[k++] = F1(11, p1);
    f[k++] = F1(12, p2);
    f[k++] = F2(13, p1, p2);
    f[k++] = F2(14, p1, c->lower);
    f[k++] = F1(15, l1->lower);
    f[k++] = F1(16, l1->suf[2]);
    f[k++] = F1(17, l2->lower);
    f[k++] = F1(18, r1->lower);
    f[k++] = F1(19, r1->suf[2]);
    f[k++] = F1(20, r2->lower);
    f[k++] = F1(21, r1->shape);
    f[k++] = F2(22, l1->lower, c->lower);
    f[k++] = F2(23, c->lower, r1->lower);
    f[k++] = F2(24, p1, r1->lower);
    f[k++] = F2(25, i == 0, c->shape);
    f[k++] = F2(26, p1, c->suf[2]);
    f[k++] = F1(27, r1->suf[1]);
    /* clusters: the word's at four depths and its neighbours' at depth 8.
     * More (next word at 4 and 12, the word after, tag and word pairs,
     * UPOS x cluster) scored lower on EWT dev: 95.10 vs 95.22 UPOS. */
    if (clus) {
        for (int q = 0; q < 4; q++) f[k++] = F1(80 + (uint64_t)q, c->clus[q]);
        f[k++] = F1(84, l1->clus[1]);
        f[k++] = F1(86, r1->clus[1]);
    }
    if (flags & TAGGER_F_AMB) {
        f[k++] = F1(90, r1->amb);
        f[k++] = F1(91, r2->amb);
        f[k++] = F2(92, r1->amb, r2->amb);
        f[k++] = F2(93, c->lower, r1->amb);
        f[k++] = F2(94, p1, r1->amb);
        f[k++] = F1(95, c->amb);
        f[k++] = F2(96, c->amb, r1->amb);
    }
    if (flags & TAGGER_F_UNK) {
        f[k++] = F1(110, c->suf5);
        f[k++] = F1(112, c->hyph);
    }
    return k;
}

/* The second XPOS pass's features beyond xpos_feats': the first pass's
 * tags t1 of the word and the next two. */
static inline size_t xpos2_feats(const wfeat *w, const wfeat *pad, const uint8_t *t1, size_t n, size_t i,
                                 uint64_t p1, uint64_t *f)
{
    long ii = (long)i;
    const uint8_t *tags = t1;
    uint64_t r1 = TAG(ii + 1), r2 = TAG(ii + 2), c = tags[i];
    size_t k = 0;
    f[k++] = F1(100, r1);
    f[k++] = F1(101, r2);
    f[k++] = F2(102, r1, r2);
    f[k++] = F2(103, w[i].lower, r1);
    f[k++] = F2(104, p1, r1);
    f[k++] = F1(105, c);
    f[k++] = F2(106, c, w[i].lower);
    f[k++] = F3(107, p1, c, r1);
    f[k++] = F2(108, w[i].suf[2], r1);
    return k;
}

/* UPOS features of word i given all predicted XPOS tags. */
static inline size_t upos_feats(const wfeat *w, const wfeat *pad, const uint8_t *tags, size_t n, size_t i,
                                uint32_t flags, int clus, uint64_t *f)
{
    long ii = (long)i;
    uint64_t x = tags[i];
    size_t k = 0;
    f[k++] = F1(40, x);
    f[k++] = F2(41, x, w[i].lower);
    f[k++] = F2(42, x, w[i].suf[2]);
    f[k++] = F2(43, x, TAG(ii + 1));
    f[k++] = F2(44, x, TAG(ii - 1));
    f[k++] = F2(45, x, W(ii + 1)->lower);
    f[k++] = F2(46, x, W(ii - 1)->lower);
    f[k++] = F3(47, x, TAG(ii + 1), TAG(ii + 2));
    f[k++] = F2(48, x, w[i].shape);
    f[k++] = F3(49, x, w[i].lower, TAG(ii + 1));
    if (flags & TAGGER_F_UPOSX) {
        if (flags & TAGGER_F_AMB) {
            f[k++] = F2(121, x, W(ii + 1)->amb);
            f[k++] = F2(122, x, w[i].amb);
        }
        f[k++] = F3(123, x, TAG(ii - 1), TAG(ii + 1));
    }
    return k;
}

/* FEATS features of word i given XPOS tags and its predicted UPOS u. */
static inline size_t feats_feats(const wfeat *w, const wfeat *pad, const uint8_t *tags, size_t n, size_t i, uint64_t u, uint64_t *f)
{
    long ii = (long)i;
    uint64_t x = tags[i];
    size_t k = 0;
    f[k++] = F2(60, x, u);
    f[k++] = F2(61, x, w[i].lower);
    f[k++] = F2(62, x, w[i].suf[2]);
    f[k++] = F2(63, x, w[i].suf[1]);
    f[k++] = F2(64, x, TAG(ii - 1));
    f[k++] = F2(65, x, TAG(ii + 1));
    f[k++] = F2(66, x, W(ii - 1)->lower);
    f[k++] = F2(67, x, W(ii + 1)->lower);
    f[k++] = F3(68, u, w[i].lower, TAG(ii + 1));
    f[k++] = F3(69, x, TAG(ii - 1), TAG(ii + 1));
    f[k++] = F2(70, x, TAG(ii - 2));
    f[k++] = F3(71, x, w[i].lower, TAG(ii - 1));
    f[k++] = F2(72, x, w[i].shape);
    return k;
}

/* Most features any template set above makes for one word. */
#define MAXF 64

/* Index of the lowest set bit of a nonzero mask. */
static inline unsigned lowbit(uint32_t m)
{
    unsigned i = 0;
    while (!(m & 1u)) m >>= 1, i++;
    return i;
}

/* The XPOS of an unambiguous word (by form hash), 0 when not in the dictionary. */
static inline int dict_lookup(const struct tagger *t, uint64_t key)
{
    if (!t->dictcap) return 0;
    size_t mask = t->dictcap - 1, i = (size_t)(key ^ (key >> 29)) & mask;
    while (t->dict[i].key) {
        if (t->dict[i].key == key) return t->dict[i].xpos;
        i = (i + 1) & mask;
    }
    return 0;
}

/* Best class in [lo, hi) by score (the first on ties). */
static inline uint32_t argmax_range(const float *s, uint32_t lo, uint32_t hi)
{
    uint32_t best = lo;
    for (uint32_t c = lo + 1; c < hi; c++)
        if (s[c] > s[best]) best = c;
    return best;
}

/* Best class of 1..nc-1 allowed by mask (every class when mask is 0); 0 when none. */
static inline uint32_t argmax_mask(const float *s, uint32_t nc, uint32_t mask)
{
    uint32_t best = 0;
    int have = 0;
    for (uint32_t c = 1; c < nc; c++) {
        if (mask && !(mask & (1u << c))) continue;
        if (!have || s[c] > s[best]) best = c, have = 1;
    }
    return have ? best : 0;
}

/* Best class among idx[0..n) (all nc classes when n is 0). */
static inline uint32_t argmax_list_int(const int32_t *s, const uint16_t *idx, uint16_t n, uint32_t nc)
{
    uint32_t best = n ? idx[0] : 0;
    if (!n)
        for (uint32_t c = 1; c < nc; c++) {
            if (s[c] > s[best]) best = c;
        }
    for (uint16_t q = 1; q < n; q++)
        if (s[idx[q]] > s[best]) best = idx[q];
    return best;
}

static inline uint32_t argmax_list(const float *s, const uint16_t *idx, uint16_t n, uint32_t nc)
{
    if (!n) return argmax_range(s, 0, nc);
    uint32_t best = idx[0];
    for (uint16_t q = 1; q < n; q++)
        if (s[idx[q]] > s[best]) best = idx[q];
    return best;
}

#endif
