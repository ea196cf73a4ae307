/* The learned mention ranker: features, candidates, greedy clustering and
 * the model section. See rank.h; trained by tools/train_ranker.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/doc.h"
#include "core/tagset.h"
#include "coref/rank.h"
#include "mention/mention.h"
#include "ml/modelfile.h"
#include "ml/perceptron.h"

struct ranker {
    pc_model *pc;
    float temperature;   /* softmax scale of the scores (confidence only) */
};

int ranker_load(const uint8_t *data, size_t size, ranker **out, char *errbuf, size_t errlen)
{
    *out = NULL;
    mf_reader r;
    mf_reader_init(&r, data, size);
    uint32_t ver = mf_u32(&r);
    float temp = mf_f32(&r);
    if (r.err || ver != RANK_FORMAT_VERSION || !(temp > 0)) {
        if (errbuf && errlen) snprintf(errbuf, errlen, "RANK: bad header (version %u)", ver);
        return -1;
    }
    ranker *rk = calloc(1, sizeof *rk);
    if (!rk) {
        if (errbuf && errlen) snprintf(errbuf, errlen, "RANK: out of memory");
        return -1;
    }
    rk->temperature = temp;
    if (pc_model_load(&r, &rk->pc) != 0 || pc_model_nclass(rk->pc) != 1) {
        if (errbuf && errlen) snprintf(errbuf, errlen, "RANK: malformed weights");
        ranker_free(rk);
        return -1;
    }
    *out = rk;
    return 0;
}

void ranker_write_image(const ranker *rk, mf_writer *w)
{
    mfw_u32(w, RANK_FORMAT_VERSION);
    mfw_f32(w, rk->temperature);
    pc_model_write_image(rk->pc, w);
}

void ranker_free(ranker *rk)
{
    if (!rk) return;
    pc_model_free(rk->pc);
    free(rk);
}

/* ------------------------------------------------------------- context */

typedef struct rank_ment {
    uint64_t head;      /* lowercase head word (a name's last word) */
    uint64_t text;      /* lowercase span, a final possessive 's aside */
    uint64_t first;     /* lowercase first word */
    uint64_t type;      /* anaphor type: kind, definiteness, pronoun form */
    uint64_t coarse;    /* kind only (backoff for the fine type) */
    uint32_t sent;
    int32_t sieve;      /* the sieve's cluster, -1 */
    int32_t sieve_prev; /* nearest earlier mention of the same sieve cluster, -1 */
} rank_ment;

struct rank_ctx {
    const struct coref_doc *d;
    rank_ment *m;
};


static uint64_t word_hash(const struct coref_doc *d, size_t t)
{
    return pc_hash_mix(text_hash_lower(DOC_HASH_SEED, tok_s(d, t), tok_n(d, t)), 1);
}

static int usable_m(const mention_t *m) { return !(m->flags & MF_NONREF); }

rank_ctx *rank_ctx_new(const struct coref_doc *d)
{
    rank_ctx *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->d = d;
    c->m = calloc(d->nment + 1, sizeof *c->m);
    int32_t *last = malloc((d->nment + 1) * sizeof *last);   /* last mention of each sieve cluster */
    if (!c->m || !last) {
        free(last);
        rank_ctx_free(c);
        return NULL;
    }
    for (size_t k = 0; k <= d->nment; k++) last[k] = -1;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        rank_ment *r = &c->m[i];
        uint32_t hw = m->kind == MK_PROPER ? mention_name_end(d, m) : m->head;
        r->head = word_hash(d, hw);
        r->first = word_hash(d, m->tb);
        uint32_t te = m->te > m->tb + 1 && d->toks[m->te - 1].xpos == X_POS ? m->te - 1 : m->te;
        uint64_t h = DOC_HASH_SEED;
        for (uint32_t t = m->tb; t < te; t++) h = text_hash_lower(h, tok_s(d, t), tok_n(d, t)) * 31u;
        r->text = pc_hash_mix(h, 2);
        r->sent = d->toks[m->head].sent;
        r->coarse = pc_hash_mix(0x6b696e64u, m->kind);
        if (m->kind == MK_PRONOUN)
            r->type = pc_hash_mix(r->head, 0x70726f6eu);   /* the pronoun's own form */
        else if (m->kind == MK_NOMINAL)
            r->type = pc_hash_mix(0x6e6f6d69u, (m->flags & MF_INDEFINITE) ? 1u : tok_is(d, m->tb, "the") ? 2u : 3u);
        else
            r->type = pc_hash_mix(0x70726f70u, m->te - m->tb > 1);
        r->sieve = m->cluster;
        r->sieve_prev = -1;
        if (m->cluster >= 0 && (size_t)m->cluster < d->nment) {
            r->sieve_prev = last[m->cluster];
            last[m->cluster] = (int32_t)i;
        }
    }
    free(last);
    return c;
}

void rank_ctx_free(rank_ctx *c)
{
    if (!c) return;
    free(c->m);
    free(c);
}

int rank_usable(const rank_ctx *c, size_t i) { return usable_m(&c->d->ments[i]); }

static int nested(const mention_t *a, const mention_t *b)
{
    return (a->tb <= b->tb && b->te <= a->te) || (b->tb <= a->tb && a->te <= b->te);
}

size_t rank_candidates(const rank_ctx *c, size_t i, int32_t *out)
{
    const struct coref_doc *d = c->d;
    const mention_t *m = &d->ments[i];
    const rank_ment *rm = &c->m[i];
    size_t n = 0;
    uint32_t near = m->kind == MK_PRONOUN ? RANK_PRON_SENTS : RANK_NEAR_SENTS;
    for (size_t j = i, lo = i > RANK_WINDOW ? i - RANK_WINDOW : 0; j-- > lo;) {
        const mention_t *a = &d->ments[j];
        const rank_ment *ra = &c->m[j];
        if (!usable_m(a) || nested(a, m)) continue;
        int matched = ra->head == rm->head || ra->text == rm->text || (rm->sieve >= 0 && ra->sieve == rm->sieve);
        if (rm->sent - ra->sent > near && !matched) continue;
        out[n++] = (int32_t)j;
    }
    return n;
}

/* ------------------------------------------------------------ features */

static uint32_t bucket_sent(uint32_t s) { return s < 4 ? s : s < 6 ? 4 : s < 11 ? 5 : 6; }
static uint32_t bucket_ment(size_t k)
{
    return k < 4 ? (uint32_t)k : k < 8 ? 4 : k < 16 ? 5 : k < 32 ? 6 : k < 64 ? 7 : 8;
}
static uint32_t agree3(uint8_t a, uint8_t b) { return !a || !b ? 0 : a == b ? 1 : 2; }
static int is_subj(int role) { return role == DEP_NSUBJ || role == DEP_NSUBJ_PASS || role == DEP_NSUBJ_OUTER; }

/* A template id and its value, conjoined with the fine anaphor type and,
 * separately, with the coarse kind (a backoff for rare pronoun forms). */
typedef struct fb {
    uint64_t *f;
    size_t n;
    uint64_t fine, coarse;
} fb;

static void add2(fb *b, uint32_t id, uint64_t v)
{
    if (b->n + 2 > RANK_MAX_FEATS) return;
    uint64_t h = pc_hash_mix(pc_hash_mix(0x72616e6bu, id), v);
    b->f[b->n++] = pc_hash_mix(h, b->fine);
    b->f[b->n++] = pc_hash_mix(h, b->coarse);
}

static void add1(fb *b, uint32_t id, uint64_t v)
{
    if (b->n + 1 > RANK_MAX_FEATS) return;
    b->f[b->n++] = pc_hash_mix(pc_hash_mix(pc_hash_mix(0x72616e6bu, id), v), b->fine);
}

/* Every noun, name, adjective or number of x occurs in y (case aside). */
static int all_words_in(const struct coref_doc *d, const mention_t *x, const mention_t *y)
{
    for (uint32_t t = x->tb; t < x->te; t++) {
        int u = d->toks[t].upos;
        if (!(u == UPOS_NOUN || u == UPOS_PROPN || u == UPOS_ADJ || u == UPOS_NUM)) continue;
        int found = 0;
        for (uint32_t s = y->tb; s < y->te && !found; s++) {
            size_t n = tok_n(d, t);
            if (n != tok_n(d, s)) continue;
            const char *p = tok_s(d, t), *q = tok_s(d, s);
            found = 1;
            for (size_t k = 0; k < n && found; k++) {
                char a = p[k], e = q[k];
                if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
                if (e >= 'A' && e <= 'Z') e = (char)(e + 32);
                found = a == e;
            }
        }
        if (!found) return 0;
    }
    return 1;
}

size_t rank_features(const rank_ctx *c, size_t i, int32_t j, uint64_t *f)
{
    const struct coref_doc *d = c->d;
    const mention_t *m = &d->ments[i];
    const rank_ment *rm = &c->m[i];
    fb b = {f, 0, rm->type, rm->coarse};
    if (j < 0) {
        /* anaphoricity: is this mention the start of an entity? */
        add2(&b, 1, 0);
        add2(&b, 2, m->flags);
        add2(&b, 3, rm->head);
        add2(&b, 4, rm->first);
        add2(&b, 5, m->te - m->tb < 5 ? m->te - m->tb : 5);
        add2(&b, 6, m->etype);
        add2(&b, 7, m->role);
        add2(&b, 8, (uint64_t)(rm->sieve_prev >= 0) | (uint64_t)(rm->sieve >= 0) << 1);
        add2(&b, 9, rm->sent < 3 ? rm->sent : 3);
        add2(&b, 10, m->number | (uint64_t)m->person << 4);
        /* an earlier mention with the same head or text in the window */
        int head_seen = 0, text_seen = 0;
        for (size_t k = i, lo = i > RANK_WINDOW ? i - RANK_WINDOW : 0; k-- > lo;) {
            head_seen |= c->m[k].head == rm->head;
            text_seen |= c->m[k].text == rm->text;
        }
        add2(&b, 11, (uint64_t)head_seen | (uint64_t)text_seen << 1);
        return b.n;
    }
    const mention_t *a = &d->ments[j];
    const rank_ment *ra = &c->m[j];
    uint32_t sd = rm->sent - ra->sent;
    size_t md = i - (size_t)j;
    uint64_t kinds = (uint64_t)a->kind * 3 + m->kind;
    int same_sieve = rm->sieve >= 0 && ra->sieve == rm->sieve;
    int head_eq = ra->head == rm->head, text_eq = ra->text == rm->text;
    add2(&b, 20, 0);   /* bias of linking at all */
    add2(&b, 21, ra->type);
    add2(&b, 22, bucket_sent(sd));
    add2(&b, 23, bucket_ment(md));
    add2(&b, 24, (uint64_t)same_sieve | (uint64_t)(rm->sieve_prev == j) << 1);
    add2(&b, 25, (uint64_t)head_eq | (uint64_t)text_eq << 1);
    add2(&b, 26, agree3(m->number, a->number) | agree3(m->gender, a->gender) << 2);
    add2(&b, 27, agree3(m->animacy, a->animacy) | agree3(m->etype, a->etype) << 2);
    add2(&b, 28, (uint64_t)a->etype << 8 | m->etype);
    add2(&b, 29, a->role);
    add2(&b, 30, (uint64_t)(a->role == m->role) | (uint64_t)is_subj(a->role) << 1 | (uint64_t)is_subj(m->role) << 2);
    int same_clause = sd == 0 && a->gov >= 0 && a->gov == m->gov;
    add2(&b, 31, (uint64_t)same_clause | (uint64_t)(sd == 0) << 1 | (uint64_t)(m->flags & (MF_REFLEXIVE | MF_POSSESSIVE)) << 2);
    add2(&b, 32, (uint64_t)(m->flags & MF_IN_QUOTE ? 1 : 0) | (uint64_t)(a->flags & MF_IN_QUOTE ? 2 : 0) |
                     (uint64_t)(m->speaker >= 0 && m->speaker == j) << 2 |
                     (uint64_t)(m->speaker >= 0 && a->speaker == m->speaker) << 3);
    add2(&b, 33, a->flags);
    add2(&b, 34, (uint64_t)a->person << 4 | m->person);
    add2(&b, 35, (uint64_t)same_sieve << 4 | bucket_sent(sd));
    add1(&b, 36, (uint64_t)same_sieve << 8 | kinds);
    add1(&b, 37, (uint64_t)head_eq << 8 | (uint64_t)text_eq << 9 | kinds);
    if (m->kind != MK_PRONOUN && a->kind != MK_PRONOUN) {
        add2(&b, 40, (uint64_t)all_words_in(d, m, a) | (uint64_t)all_words_in(d, a, m) << 1 | (uint64_t)head_eq << 2);
        add1(&b, 41, ra->head);   /* the antecedent's head (lexical) */
    } else if (m->kind == MK_PRONOUN) {
        add1(&b, 42, ra->type);   /* the pronoun's form x the antecedent's type */
        add2(&b, 43, (uint64_t)agree3(m->number, a->number) << 8 | (uint64_t)agree3(m->gender, a->gender) << 4 |
                         bucket_sent(sd));
        add2(&b, 44, (uint64_t)a->kind << 8 | (uint64_t)is_subj(a->role) << 4 | bucket_sent(sd));
    }
    return b.n;
}

/* ------------------------------------------------------------ clustering */

static int32_t uf_find(int32_t *p, int32_t i)
{
    while (p[i] != i) {
        p[i] = p[p[i]];
        i = p[i];
    }
    return i;
}

int rank_resolve(const ranker *rk, struct coref_doc *d, float *confidence)
{
    size_t n = d->nment;
    if (!rk || n == 0) return 0;
    rank_ctx *c = rank_ctx_new(d);
    int32_t *parent = malloc(n * sizeof *parent), *cand = malloc((RANK_WINDOW + 1) * sizeof *cand);
    float *score = malloc((RANK_WINDOW + 1) * sizeof *score);
    uint64_t f[RANK_MAX_FEATS];
    int rc = -1;
    if (!c || !parent || !cand || !score) goto out;
    for (size_t i = 0; i < n; i++) parent[i] = (int32_t)i;
    for (size_t i = 0; i < n; i++) {
        if (confidence) confidence[i] = 1.0f;
        if (!rank_usable(c, i)) continue;
        size_t nc = rank_candidates(c, i, cand);
        size_t nf = rank_features(c, i, -1, f);
        pc_model_scores(rk->pc, f, nf, &score[nc]);   /* "new" last */
        size_t best = nc;
        for (size_t k = 0; k < nc; k++) {
            nf = rank_features(c, i, cand[k], f);
            pc_model_scores(rk->pc, f, nf, &score[k]);
            if (score[k] > score[best]) best = k;
        }
        if (confidence) {
            double z = 0;
            for (size_t k = 0; k <= nc; k++) z += exp((double)((score[k] - score[best]) / rk->temperature));
            confidence[i] = (float)(1.0 / z);
        }
        if (best < nc) {
            int32_t x = uf_find(parent, (int32_t)i), y = uf_find(parent, cand[best]);
            if (x != y) parent[x > y ? x : y] = x < y ? x : y;   /* the earliest mention stays root */
        }
    }
    for (size_t i = 0; i < n; i++) d->ments[i].cluster = rank_usable(c, i) ? uf_find(parent, (int32_t)i) : -1;
    rc = doc_finish_clusters(d);
out:
    rank_ctx_free(c);
    free(parent);
    free(cand);
    free(score);
    return rc;
}
