/* The learned nominal linker: model section, features, probability
 * (nominal.h; the pass itself is in resolve.c, the trainer
 * tools/train_nominal.c). */
#include "coref/nominal.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/doc.h"
#include "core/tagset.h"
#include "ml/modelfile.h"
#include "mention/mention.h"
#include "ml/wclusters.h"

int noml_load(const uint8_t *data, size_t size, noml_model **out, char *errbuf, size_t errlen)
{
    *out = NULL;
    mf_reader r;
    mf_reader_init(&r, data, size);
    uint32_t ver = mf_u32(&r), bits = mf_u32(&r);
    float thr = mf_f32(&r), veto = mf_f32(&r), veto_name = mf_f32(&r);
    uint32_t groups = mf_u32(&r);
    if (r.err || ver != NOML_VERSION || bits < 8 || bits > 24 || !(thr >= 0 && thr <= 1) || !(veto >= 0 && veto <= 1) || !(veto_name >= 0 && veto_name <= 1) ||
        size - r.pos != (size_t)4 << bits) {
        if (errbuf && errlen) snprintf(errbuf, errlen, "NOML: bad header or size (version %u, %u bits)", ver, bits);
        return -1;
    }
    noml_model *nm = calloc(1, sizeof *nm);
    if (!nm) {
        if (errbuf && errlen) snprintf(errbuf, errlen, "NOML: out of memory");
        return -1;
    }
    nm->bits = bits;
    nm->threshold = thr;
    nm->veto = veto;
    nm->veto_name = veto_name;
    nm->groups = groups;
    nm->w = data + r.pos;
    *out = nm;
    return 0;
}

void noml_free(noml_model *nm) { free(nm); }

static float weight(const noml_model *nm, uint32_t k)
{
    uint32_t u;
    memcpy(&u, nm->w + (size_t)4 * k, 4);   /* little-endian hosts (as the model file) */
    float f;
    memcpy(&f, &u, 4);
    return f;
}

double noml_score(const noml_model *nm, const uint64_t *f, size_t n)
{
    double z = 0;
    for (size_t k = 0; k < n; k++) z += weight(nm, noml_index(f[k], nm->bits));
    return z;
}

double noml_prob(const noml_model *nm, const uint64_t *f, size_t n) { return 1 / (1 + exp(-noml_score(nm, f, n))); }

/* ------------------------------------------------------------ features */

typedef struct fb {
    uint64_t *f;
    size_t n;
} fb;

/* One multiply-xorshift mix, inline (a feature costs a few instructions:
 * the linker scores about two pairs per token). */
static inline uint64_t mix(uint64_t x)
{
    x ^= x >> 31;
    x *= 0x7fb5d329728ea185ULL;
    x ^= x >> 27;
    x *= 0x81dadef4bc2dd44dULL;
    x ^= x >> 33;
    return x;
}

static inline uint64_t mix2(uint64_t h, uint64_t v) { return mix(h * 0x9e3779b97f4a7c15ULL + v); }

static void add(fb *b, uint32_t id, uint64_t v)
{
    if (b->n >= NOML_MAX_FEATS) return;
    b->f[b->n++] = mix2((uint64_t)id << 40 ^ 0x6e6f6d6cu, v);
}

static uint64_t word_hash(const struct coref_doc *d, size_t t)
{
    return text_hash_lower(DOC_HASH_SEED, tok_s(d, t), tok_n(d, t));
}

/* Determiner class of a mention: 1 the, 2 demonstrative, 3 possessive
 * pronoun, 4 possessor noun phrase, 5 indefinite, 6 other determiner, 7
 * bare; names 8. */
static uint32_t det_class(const struct coref_doc *d, const mention_t *m)
{
    if (m->kind == MK_PROPER) return 8;
    if (tok_is(d, m->tb, "the")) return 1;
    if (m->flags & MF_DEMONSTRATIVE) return 2;
    if (m->flags & MF_INDEFINITE) return 5;
    int u = d->toks[m->tb].upos;
    if (u == UPOS_PRON) return 3;
    if (m->tb < m->head && (u == UPOS_PROPN || u == UPOS_NOUN)) {
        for (uint32_t t = m->tb; t < m->head; t++)
            if (d->toks[t].xpos == X_POS) return 4;
    }
    if (u == UPOS_DET) return 6;
    return 7;
}

static uint32_t bucket(uint32_t v) { return v < 4 ? v : v < 6 ? 4 : v < 11 ? 5 : v < 21 ? 6 : 7; }
static uint32_t agree3(uint8_t a, uint8_t b) { return !a || !b ? 0 : a == b ? 1 : 2; }

static int is_subj(int role) { return role == DEP_NSUBJ || role == DEP_NSUBJ_PASS || role == DEP_NSUBJ_OUTER; }

void noml_ment_info(const struct coref_doc *d, const struct word_clusters *wc, size_t i, noml_ment *out)
{
    const mention_t *m = &d->ments[i];
    uint32_t h = m->kind == MK_PROPER ? mention_name_end(d, m) : m->head;
    out->head = word_hash(d, h);
    out->det = (uint8_t)det_class(d, m);
    uint32_t path = 0;
    unsigned depth = 0;
    if (!wc || !wclus_lookup_word(wc, tok_s(d, h), tok_n(d, h), &path, &depth)) depth = 0;
    out->path = path;
    out->depth = (uint8_t)depth;
}

size_t noml_features(const struct coref_doc *d, size_t i, size_t j, const noml_ment *mi, const noml_ment *mj,
                     const noml_pair *p, uint32_t groups, uint64_t *f)
{
    const mention_t *m = &d->ments[i], *a = &d->ments[j];
    fb b = {f, 0};
    uint32_t dc = mi->det, da = mj->det;
    uint32_t sd = d->toks[m->head].sent - d->toks[a->head].sent;
    uint32_t md = (uint32_t)(i - j);
    uint64_t ctx = (uint64_t)dc << 8 | da;   /* the pair's determiner classes */
    uint32_t s = p->sieve;
    add(&b, 1, ctx);
    add(&b, 2, dc);
    if (groups & NG_SIEVE) {
        uint64_t sv = s & (NS_EXACT | NS_HEAD | NS_ROLE | NS_PLACE | NS_PROPER);
        add(&b, 10, sv << 16 | ctx);
        add(&b, 11, sv << 8 | bucket(sd));
        add(&b, 12, sv << 16 | (uint64_t)m->role << 8 | a->role);
    }
    if (groups & NG_MATCH) {
        uint32_t mk = s & (NS_HEAD_EQ | NS_TEXT_EQ | NS_INCL | NS_INCL_REV | NS_NAMES_OK);
        add(&b, 20, (uint64_t)mk << 16 | ctx);
        add(&b, 21, (uint64_t)mk << 8 | bucket(sd));
        add(&b, 22, (uint64_t)mk << 8 | (m->te - m->tb < 4 ? m->te - m->tb : 4) << 4 |
                        (a->te - a->tb < 4 ? a->te - a->tb : 4));
    }
    uint64_t wi = mi->head, wj = mj->head;
    if (groups & NG_LEX) {
        add(&b, 30, mix2(wi, (uint64_t)a->kind << 8 | !!(s & NS_HEAD_EQ)));
        add(&b, 31, mix2(wi, (uint64_t)p->ent_type << 8 | a->kind));
        add(&b, 32, mix2(mix2(wi, wj), 7));
        add(&b, 33, mix2(wi, dc));
        add(&b, 34, mix2(wj, (uint64_t)a->kind << 8 | dc));
    }
    if (groups & NG_CLUS) {
        uint32_t pi = mi->path, pj = mj->path;
        unsigned di = mi->depth, dj = mj->depth;
        int ki = di > 0, kj = dj > 0;
        static const unsigned depth[3] = {4, 8, 12};
        for (int k = 0; k < 3; k++) {
            uint64_t ci = ki ? wclus_prefix(pi, di, depth[k]) : 0xffffffu, cj = kj ? wclus_prefix(pj, dj, depth[k]) : 0xffffffu;
            add(&b, 40 + (uint32_t)k, ci << 32 | cj);
            add(&b, 43 + (uint32_t)k, ci << 8 | (uint64_t)a->kind << 4 | p->ent_type);
        }
        if (!ki) add(&b, 46, (uint64_t)kj);
    }
    if (groups & NG_ATTR) {
        add(&b, 50, agree3(m->number, a->number) | agree3(m->gender, a->gender) << 2 |
                        agree3(m->animacy, a->animacy) << 4 | (uint64_t)a->kind << 6);
        add(&b, 51, (uint64_t)m->etype << 8 | p->ent_type);
        add(&b, 52, (uint64_t)m->etype << 8 | a->etype << 4 | !!(s & NS_HEAD_EQ));
        add(&b, 53, (uint64_t)m->number << 8 | a->number << 4 | a->kind);
    }
    if (groups & NG_DIST) {
        add(&b, 60, bucket(sd) << 8 | (uint64_t)a->kind << 4 | !!(s & NS_HEAD_EQ));
        add(&b, 61, (uint64_t)(md < 4 ? md : md < 8 ? 4 : md < 16 ? 5 : md < 32 ? 6 : md < 64 ? 7 : 8) << 4 | a->kind);
        add(&b, 62, (uint64_t)a->role << 8 | m->role);
        add(&b, 63, (uint64_t)is_subj(a->role) | (uint64_t)is_subj(m->role) << 1 | (uint64_t)(sd == 0) << 2 |
                        (uint64_t)(m->flags & MF_IN_QUOTE ? 8 : 0) | (uint64_t)(a->flags & MF_IN_QUOTE ? 16 : 0));
        add(&b, 64, (uint64_t)p->ent_size << 8 | p->ent_name << 4 | a->kind);
        add(&b, 65, (uint64_t)p->ent_size << 8 | p->ent_name << 4 | !!(s & NS_HEAD_EQ) | (uint64_t)dc << 12);
    }
    /* the sieve's proposals and the other candidates are two different
     * questions (keep this link? add this one?): separate weights */
    if (groups & NG_SPLIT && (s & (NS_EXACT | NS_HEAD | NS_ROLE | NS_PLACE | NS_PROPER)))
        for (size_t k = 0; k < b.n; k++) b.f[k] = mix2(b.f[k], 0x70726f70u);
    return b.n;
}
