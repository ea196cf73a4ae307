/* Averaged-perceptron tagger: greedy left-to-right XPOS, then UPOS and the
 * whole FEATS string per word, each conditioned on the predicted XPOS.
 *
 * TAGR payload (little-endian, read with mf_reader):
 *   u32 TAGGER_FORMAT_VERSION
 *   u32 nfeats, then nfeats strings (u32 length + bytes); index 0 is "_"
 *   u32 ndict, then ndict * { u64 form hash, u8 xpos }   (unambiguous words)
 *   X_COUNT * { u32 upos bitmask, u16 n, n * u16 feats index } (allowed
 *                                                     classes per XPOS)
 *   pc model XPOS (X_COUNT classes), UPOS (UPOS_COUNT), FEATS (nfeats) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/doc.h"
#include "core/tagset.h"
#include "io/conllu.h"
#include "ml/modelfile.h"
#include "ml/perceptron.h"
#include "tag/tagger.h"

typedef struct feats_allow {
    uint32_t upos_mask;
    uint16_t n;
    uint16_t *idx;
} feats_allow;

typedef struct dict_slot { uint64_t key; uint8_t xpos; } dict_slot;

struct tagger {
    char **fnames;         /* FEATS strings, NUL terminated */
    uint32_t *flens;
    uint32_t nfeats;
    dict_slot *dict;       /* open addressing on form hash, key 0 = empty */
    size_t dictcap;
    feats_allow allow[X_COUNT];
    pc_model *mx, *mu, *mf;
    /* attributes of the padding words before and after a sentence, computed
     * once when the tagger is built (not lazily on first use: a model is
     * shared by threads, and a lazy static would be a data race) */
    struct wfeat {
        uint64_t form, lower, shape;
        uint64_t suf[4], pre[3];
    } pad[2];
};

/* ------------------------------------------------------------ features */

/* Per-word hashed attributes, computed once per sentence. */
typedef struct wfeat wfeat;

#define SEED 0x7461676765723031ULL

/* Hash a word's attributes. Lowercasing is ASCII only; other bytes are kept,
 * which is consistent between training and tagging. */
static void word_feats(const char *s, uint32_t n, wfeat *w)
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
}

/* Fill the tagger's padding words "<s>" (before) and "</s>" (after). */
static void init_pad_words(struct tagger *t)
{
    for (int j = 0; j < 2; j++) {
        uint64_t h = pc_hash(j ? "</s>" : "<s>", j ? 4 : 3, SEED + 99);
        wfeat *p = &t->pad[j];
        p->form = p->lower = p->shape = h;
        for (int q = 0; q < 4; q++) p->suf[q] = h + (uint64_t)q;
        for (int q = 0; q < 3; q++) p->pre[q] = h + 7 + (uint64_t)q;
    }
}

static inline uint64_t F1(uint64_t tmpl, uint64_t a) { return pc_hash_mix(tmpl + 0x51ed270b27ULL, a); }
static inline uint64_t F2(uint64_t tmpl, uint64_t a, uint64_t b) { return pc_hash_mix(F1(tmpl, a), b); }
static inline uint64_t F3(uint64_t tmpl, uint64_t a, uint64_t b, uint64_t c) { return pc_hash_mix(F2(tmpl, a, b), c); }

#define W(i) ((i) < 0 ? &pad[0] : (size_t)(i) >= n ? &pad[1] : &w[(i)])
#define TAG(i) ((i) < 0 ? 0xFEu : (size_t)(i) >= n ? 0xFFu : (uint64_t)tags[(i)])

/* XPOS features of word i given the previous predicted tags p1, p2. */
static size_t xpos_feats(const wfeat *w, const wfeat *pad, size_t n, size_t i, uint64_t p1, uint64_t p2, uint64_t *f)
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
    return k;
}

/* UPOS features of word i given all predicted XPOS tags. */
static size_t upos_feats(const wfeat *w, const wfeat *pad, const uint8_t *tags, size_t n, size_t i, uint64_t *f)
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
    return k;
}

/* FEATS features of word i given XPOS tags and its predicted UPOS u. */
static size_t feats_feats(const wfeat *w, const wfeat *pad, const uint8_t *tags, size_t n, size_t i, uint64_t u, uint64_t *f)
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

#define MAXF 32

/* Index of the lowest set bit of a nonzero mask. */
static inline unsigned lowbit(uint32_t m)
{
    unsigned i = 0;
    while (!(m & 1u)) m >>= 1, i++;
    return i;
}

static int dict_lookup(const struct tagger *t, uint64_t key)
{
    if (!t->dictcap) return 0;
    size_t mask = t->dictcap - 1, i = (size_t)(key ^ (key >> 29)) & mask;
    while (t->dict[i].key) {
        if (t->dict[i].key == key) return t->dict[i].xpos;
        i = (i + 1) & mask;
    }
    return 0;
}

/* Best class among those with allowed(c) true; scores[nc]. */
static uint32_t argmax_range(const float *s, uint32_t lo, uint32_t hi)
{
    uint32_t best = lo;
    for (uint32_t c = lo + 1; c < hi; c++)
        if (s[c] > s[best]) best = c;
    return best;
}

static uint32_t argmax_mask(const float *s, uint32_t nc, uint32_t mask)
{
    uint32_t best = 0;
    int have = 0;
    for (uint32_t c = 1; c < nc; c++) {
        if (mask && !(mask & (1u << c))) continue;
        if (!have || s[c] > s[best]) best = c, have = 1;
    }
    return have ? best : 0;
}

static uint32_t argmax_list(const float *s, const uint16_t *idx, uint16_t n, uint32_t nc)
{
    if (!n) return argmax_range(s, 0, nc);
    uint32_t best = idx[0];
    for (uint16_t q = 1; q < n; q++)
        if (s[idx[q]] > s[best]) best = idx[q];
    return best;
}

int tagger_tag_words(const struct tagger *t, const char *const *form, const uint32_t *len,
                     size_t n, uint8_t *upos, uint8_t *xpos, uint16_t *feats)
{
    if (!n) return 0;
    wfeat wbuf[128];
    wfeat *w = n <= 128 ? wbuf : malloc(n * sizeof *w);
    if (!w) return -1;
    float sc[(int)X_COUNT > (int)UPOS_COUNT ? (int)X_COUNT : (int)UPOS_COUNT];
    float *fs = NULL, fsbuf[512];
    fs = t->nfeats <= 512 ? fsbuf : malloc(t->nfeats * sizeof *fs);
    if (!fs) {
        if (w != wbuf) free(w);
        return -1;
    }
    uint64_t f[MAXF];
    for (size_t i = 0; i < n; i++) word_feats(form[i], len[i], &w[i]);
    uint64_t p1 = 0xFE, p2 = 0xFE;
    for (size_t i = 0; i < n; i++) {
        int x = dict_lookup(t, w[i].form);
        if (!x) {
            size_t nf = xpos_feats(w, t->pad, n, i, p1, p2, f);
            pc_model_scores(t->mx, f, nf, sc);
            x = (int)argmax_range(sc, 1, X_COUNT);
        }
        xpos[i] = (uint8_t)x;
        p2 = p1;
        p1 = (uint64_t)x;
    }
    for (size_t i = 0; i < n; i++) {
        const feats_allow *a = &t->allow[xpos[i]];
        size_t nf;
        if (a->upos_mask && !(a->upos_mask & (a->upos_mask - 1))) {
            upos[i] = (uint8_t)lowbit(a->upos_mask);   /* only one choice */
        } else {
            nf = upos_feats(w, t->pad, xpos, n, i, f);
            pc_model_scores(t->mu, f, nf, sc);
            upos[i] = (uint8_t)argmax_mask(sc, UPOS_COUNT, a->upos_mask);
        }
        if (a->n == 1) {
            feats[i] = a->idx[0];   /* nothing to decide */
            continue;
        }
        nf = feats_feats(w, t->pad, xpos, n, i, upos[i], f);
        pc_model_scores(t->mf, f, nf, fs);
        feats[i] = (uint16_t)argmax_list(fs, a->idx, a->n, t->nfeats);
    }
    if (w != wbuf) free(w);
    if (fs != fsbuf) free(fs);
    return 0;
}

void tagger_tag(const struct tagger *t, struct coref_doc *d)
{
    if (!t || !d) return;
    size_t cap = 0;
    const char **form = NULL;
    uint32_t *len = NULL;
    uint8_t *up = NULL, *xp = NULL;
    uint16_t *fe = NULL;
    for (size_t s = 0; s < d->nsent; s++) {
        size_t b = d->sents[s].tok_begin, e = d->sents[s].tok_end;
        if (e > d->ntok || b >= e) continue;
        size_t n = e - b, gold = 0;
        for (size_t i = b; i < e; i++) gold += (d->toks[i].flags & TF_GOLD_TAGS) != 0;
        if (gold == n) continue;
        if (n > cap) {
            size_t nc = n < 256 ? 256 : n;
            void *p1 = realloc(form, nc * sizeof *form), *p2, *p3, *p4, *p5;
            if (!p1) break;
            form = p1;
            if (!(p2 = realloc(len, nc * sizeof *len))) break;
            len = p2;
            if (!(p3 = realloc(up, nc))) break;
            up = p3;
            if (!(p4 = realloc(xp, nc))) break;
            xp = p4;
            if (!(p5 = realloc(fe, nc * sizeof *fe))) break;
            fe = p5;
            cap = nc;
        }
        for (size_t i = 0; i < n; i++) {
            const tok_t *k = &d->toks[b + i];
            uint32_t st = k->start <= d->len ? k->start : (uint32_t)d->len;
            uint32_t en = k->end <= d->len && k->end >= st ? k->end : st;
            form[i] = d->text + st;
            len[i] = en - st;
        }
        if (tagger_tag_words(t, form, len, n, up, xp, fe) != 0) break;
        for (size_t i = 0; i < n; i++) {
            tok_t *k = &d->toks[b + i];
            if (k->flags & TF_GOLD_TAGS) continue;
            k->upos = up[i];
            k->xpos = xp[i];
            k->feats = fe[i];
            k->morph = morph_from_feats(t->fnames[fe[i]], t->flens[fe[i]]);
        }
    }
    free(form);
    free(len);
    free(up);
    free(xp);
    free(fe);
}

const char *tagger_feats_name(const struct tagger *t, uint16_t idx)
{
    if (!t || idx == 0 || idx >= t->nfeats) return "_";
    return t->fnames[idx];
}

uint16_t tagger_feats_index(const struct tagger *t, const char *s, size_t n)
{
    if (!t || !s) return 0;
    for (uint32_t i = 1; i < t->nfeats; i++)
        if (t->flens[i] == n && memcmp(t->fnames[i], s, n) == 0) return (uint16_t)i;
    return 0;
}

/* ---------------------------------------------------------------- load */

void tagger_free(struct tagger *t)
{
    if (!t) return;
    if (t->fnames)
        for (uint32_t i = 0; i < t->nfeats; i++) free(t->fnames[i]);
    free(t->fnames);
    free(t->flens);
    free(t->dict);
    for (int x = 0; x < X_COUNT; x++) free(t->allow[x].idx);
    pc_model_free(t->mx);
    pc_model_free(t->mu);
    pc_model_free(t->mf);
    free(t);
}

#define LOAD_FAIL(...) do { snprintf(errbuf, errlen, __VA_ARGS__); tagger_free(t); return -1; } while (0)

int tagger_load(const uint8_t *data, size_t size, struct tagger **out, char *errbuf, size_t errlen)
{
    *out = NULL;
    mf_reader r;
    mf_reader_init(&r, data, size);
    struct tagger *t = calloc(1, sizeof *t);
    if (!t) { snprintf(errbuf, errlen, "out of memory"); return -1; }
    init_pad_words(t);
    uint32_t ver = mf_u32(&r);
    if (r.err) LOAD_FAIL("tagger section truncated");
    if (ver != TAGGER_FORMAT_VERSION) LOAD_FAIL("tagger format version %u, expected %u", ver, TAGGER_FORMAT_VERSION);
    uint32_t nf = mf_u32(&r);
    if (r.err || nf == 0 || nf > 65535 || nf > (r.n - r.pos) / 4) LOAD_FAIL("tagger: bad FEATS table size");
    t->fnames = calloc(nf, sizeof *t->fnames);
    t->flens = calloc(nf, sizeof *t->flens);
    if (!t->fnames || !t->flens) LOAD_FAIL("out of memory");
    t->nfeats = nf;
    for (uint32_t i = 0; i < nf; i++) {
        uint32_t l;
        const char *s = mf_str(&r, &l);
        if (!s || r.err) LOAD_FAIL("tagger: truncated FEATS table");
        t->fnames[i] = malloc((size_t)l + 1);
        if (!t->fnames[i]) LOAD_FAIL("out of memory");
        memcpy(t->fnames[i], s, l);
        t->fnames[i][l] = 0;
        t->flens[i] = l;
    }
    uint32_t nd = mf_u32(&r);
    if (r.err || nd > (r.n - r.pos) / 9) LOAD_FAIL("tagger: bad dictionary size");
    t->dictcap = 16;
    while (t->dictcap < (size_t)nd * 2) t->dictcap *= 2;
    t->dict = calloc(t->dictcap, sizeof *t->dict);
    if (!t->dict) LOAD_FAIL("out of memory");
    for (uint32_t j = 0; j < nd; j++) {
        uint64_t key = mf_u64(&r);
        uint8_t x = mf_u8(&r);
        if (r.err || key == 0 || x == 0 || x >= X_COUNT) LOAD_FAIL("tagger: bad dictionary entry %u", j);
        size_t mask = t->dictcap - 1, i = (size_t)(key ^ (key >> 29)) & mask;
        while (t->dict[i].key) {
            if (t->dict[i].key == key) LOAD_FAIL("tagger: duplicate dictionary entry");
            i = (i + 1) & mask;
        }
        t->dict[i].key = key;
        t->dict[i].xpos = x;
    }
    for (int x = 0; x < X_COUNT; x++) {
        feats_allow *a = &t->allow[x];
        a->upos_mask = mf_u32(&r);
        a->n = mf_u16(&r);
        if (r.err || a->n > nf || (a->upos_mask & ~((1u << UPOS_COUNT) - 2u)))
            LOAD_FAIL("tagger: bad class table for tag %d", x);
        if (a->n) {
            a->idx = malloc(a->n * sizeof *a->idx);
            if (!a->idx) LOAD_FAIL("out of memory");
        }
        for (uint16_t q = 0; q < a->n; q++) {
            a->idx[q] = mf_u16(&r);
            if (r.err || a->idx[q] >= nf) LOAD_FAIL("tagger: bad class table for tag %d", x);
        }
    }
    if (pc_model_load(&r, &t->mx) || pc_model_nclass(t->mx) != X_COUNT) LOAD_FAIL("tagger: bad XPOS model");
    if (pc_model_load(&r, &t->mu) || pc_model_nclass(t->mu) != UPOS_COUNT) LOAD_FAIL("tagger: bad UPOS model");
    if (pc_model_load(&r, &t->mf) || pc_model_nclass(t->mf) != nf) LOAD_FAIL("tagger: bad FEATS model");
    if (r.err || r.pos != r.n) LOAD_FAIL("tagger: %zu trailing bytes", r.n - r.pos);
    *out = t;
    return 0;
}

/* ------------------------------------------------------------ training */

tagger_train_opts tagger_default_train_opts(void)
{
    tagger_train_opts o;
    memset(&o, 0, sizeof o);
    o.epochs = 8;
    o.seed = 20261122;
    o.min_abs = 1.0f;   /* 8 epochs: ~2.3 MB section (format 2); 1.5 loses 0.2 UPOS on EWT dev */
    return o;
}

/* xorshift64*: the trainer's own RNG, so shuffles never depend on libc. */
static uint64_t rng_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545f4914f6cdd1dULL;
}

typedef struct sref { const conllu_corpus *c; size_t s; } sref;

typedef struct fentry { const char *s; uint32_t len; uint32_t count; } fentry;

static int cmp_fentry(const void *a, const void *b)
{
    const fentry *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    if (x->len != y->len) return x->len < y->len ? -1 : 1;
    return memcmp(x->s, y->s, x->len);
}

typedef struct dcount { uint64_t key; uint32_t n[X_COUNT]; } dcount;

int tagger_train(struct conllu_corpus *const *corpora, size_t ncorpus,
                 const tagger_train_opts *o, struct mf_writer *out)
{
    int rc = -1;
    size_t nsent = 0, nword = 0;
    for (size_t k = 0; k < ncorpus; k++) {
        nsent += corpora[k]->nsent;
        nword += corpora[k]->nword;
    }
    sref *order = malloc((nsent ? nsent : 1) * sizeof *order);
    uint16_t *gfeat = malloc((nword ? nword : 1) * sizeof *gfeat);
    fentry *fe = NULL;
    dcount *dc = NULL;
    size_t nfe = 0, capfe = 0, dccap = 1;
    pc_train *tx = NULL, *tu = NULL, *tf = NULL;
    struct tagger *t = calloc(1, sizeof *t);
    wfeat *w = NULL;
    uint8_t (*seen)[65536 / 8] = NULL;   /* per XPOS: FEATS indices seen with it */
    uint8_t *xs = NULL;
    float *fs = NULL;
    if (!order || !gfeat || !t) goto done;
    init_pad_words(t);
    /* FEATS inventory: strings seen at least twice, by frequency. A simple
     * linear-probing table over string hashes gives the counts. */
    size_t hcap = 1024;
    uint32_t *htab = calloc(hcap, sizeof *htab);   /* 1-based index into fe */
    if (!htab) goto done;
    for (size_t k = 0; k < ncorpus; k++)
        for (size_t i = 0; i < corpora[k]->nword; i++) {
            const conllu_word *cw = &corpora[k]->words[i];
            if (nfe * 2 >= hcap) {
                size_t nc = hcap * 2;
                uint32_t *nh = calloc(nc, sizeof *nh);
                if (!nh) { free(htab); goto done; }
                for (size_t q = 0; q < nfe; q++) {
                    size_t h = pc_hash(fe[q].s, fe[q].len, 5) & (nc - 1);
                    while (nh[h]) h = (h + 1) & (nc - 1);
                    nh[h] = (uint32_t)q + 1;
                }
                free(htab);
                htab = nh;
                hcap = nc;
            }
            size_t h = pc_hash(cw->feats, cw->feats_len, 5) & (hcap - 1);
            while (htab[h] && !(fe[htab[h] - 1].len == cw->feats_len &&
                                memcmp(fe[htab[h] - 1].s, cw->feats, cw->feats_len) == 0))
                h = (h + 1) & (hcap - 1);
            if (!htab[h]) {
                if (nfe == capfe) {
                    size_t nc = capfe ? capfe * 2 : 256;
                    fentry *p = realloc(fe, nc * sizeof *fe);
                    if (!p) { free(htab); goto done; }
                    fe = p;
                    capfe = nc;
                }
                fe[nfe].s = cw->feats;
                fe[nfe].len = cw->feats_len;
                fe[nfe].count = 0;
                htab[h] = (uint32_t)++nfe;
            }
            fe[htab[h] - 1].count++;
        }
    free(htab);
    if (nfe) qsort(fe, nfe, sizeof *fe, cmp_fentry);
    /* table: "_" first, then every string seen twice or more */
    t->fnames = calloc(nfe + 1, sizeof *t->fnames);
    t->flens = calloc(nfe + 1, sizeof *t->flens);
    if (!t->fnames || !t->flens) goto done;
    t->fnames[0] = malloc(2);
    if (!t->fnames[0]) goto done;
    memcpy(t->fnames[0], "_", 2);
    t->flens[0] = 1;
    t->nfeats = 1;
    for (size_t q = 0; q < nfe && t->nfeats < 65535; q++) {
        if (fe[q].count < 2 || (fe[q].len == 1 && fe[q].s[0] == '_')) continue;
        char *s = malloc(fe[q].len + 1);
        if (!s) goto done;
        memcpy(s, fe[q].s, fe[q].len);
        s[fe[q].len] = 0;
        t->fnames[t->nfeats] = s;
        t->flens[t->nfeats++] = fe[q].len;
    }
    /* gold FEATS index per word (0xFFFF: rare string, not learnable) and the
     * allowed UPOS / FEATS per XPOS. The bit set is on the heap, not a static:
     * the library keeps no mutable global state, even in training. */
    seen = calloc(X_COUNT, sizeof *seen);
    if (!seen) goto done;
    size_t wi = 0;
    for (size_t k = 0; k < ncorpus; k++)
        for (size_t i = 0; i < corpora[k]->nword; i++, wi++) {
            const conllu_word *cw = &corpora[k]->words[i];
            uint16_t g = (cw->feats_len == 1 && cw->feats[0] == '_') ? 0 : tagger_feats_index(t, cw->feats, cw->feats_len);
            if (g == 0 && !(cw->feats_len == 1 && cw->feats[0] == '_')) g = 0xFFFF;
            gfeat[wi] = g;
            if (cw->xpos && cw->upos) t->allow[cw->xpos].upos_mask |= 1u << cw->upos;
            if (cw->xpos && g != 0xFFFF) seen[cw->xpos][g >> 3] |= (uint8_t)(1u << (g & 7));
        }
    for (int x = 0; x < X_COUNT; x++) {
        feats_allow *a = &t->allow[x];
        for (uint32_t g = 0; g < t->nfeats; g++)
            if (seen[x][g >> 3] & (1u << (g & 7))) a->n++;
        if (a->n) {
            a->idx = malloc(a->n * sizeof *a->idx);
            if (!a->idx) goto done;
            a->n = 0;
            for (uint32_t g = 0; g < t->nfeats; g++)
                if (seen[x][g >> 3] & (1u << (g & 7))) a->idx[a->n++] = (uint16_t)g;
        }
    }
    /* tag dictionary: forms seen >= 20 times with one XPOS >= 99% of the time */
    while (dccap < nword * 2) dccap *= 2;
    dc = calloc(dccap, sizeof *dc);
    if (!dc) goto done;
    for (size_t k = 0; k < ncorpus; k++)
        for (size_t i = 0; i < corpora[k]->nword; i++) {
            const conllu_word *cw = &corpora[k]->words[i];
            uint64_t key = pc_hash(cw->form, cw->form_len, SEED + 1);
            if (!key) key = 1;
            size_t h = (size_t)key & (dccap - 1);
            while (dc[h].key && dc[h].key != key) h = (h + 1) & (dccap - 1);
            dc[h].key = key;
            dc[h].n[cw->xpos]++;
        }
    size_t nd = 0;
    for (size_t h = 0; h < dccap; h++) {
        if (!dc[h].key) continue;
        uint32_t tot = 0, best = 0;
        for (int x = 0; x < X_COUNT; x++) {
            tot += dc[h].n[x];
            if (dc[h].n[x] > dc[h].n[best]) best = (uint32_t)x;
        }
        if (tot >= 20 && best && dc[h].n[best] * 100 >= tot * 99) {
            dc[nd].key = dc[h].key;
            dc[nd].n[0] = best;
            nd++;
        } 
    }
    t->dictcap = 16;
    while (t->dictcap < nd * 2) t->dictcap *= 2;
    t->dict = calloc(t->dictcap, sizeof *t->dict);
    if (!t->dict) goto done;
    for (size_t j = 0; j < nd; j++) {
        size_t mask = t->dictcap - 1, i = (size_t)(dc[j].key ^ (dc[j].key >> 29)) & mask;
        while (t->dict[i].key) i = (i + 1) & mask;
        t->dict[i].key = dc[j].key;
        t->dict[i].xpos = (uint8_t)dc[j].n[0];
    }
    /* training */
    tx = pc_train_new(X_COUNT);
    tu = pc_train_new(UPOS_COUNT);
    tf = pc_train_new(t->nfeats);
    fs = malloc(t->nfeats * sizeof *fs);
    size_t maxn = 1;
    for (size_t k = 0; k < ncorpus; k++)
        for (size_t s = 0; s < corpora[k]->nsent; s++) {
            size_t n = corpora[k]->sents[s].word_end - corpora[k]->sents[s].word_begin;
            if (n > maxn) maxn = n;
        }
    w = malloc(maxn * sizeof *w);
    xs = malloc(maxn);
    if (!tx || !tu || !tf || !fs || !w || !xs) goto done;
    size_t q = 0;
    size_t *wbase = calloc(ncorpus + 1, sizeof *wbase);
    if (!wbase) goto done;
    for (size_t k = 0; k < ncorpus; k++) {
        wbase[k + 1] = wbase[k] + corpora[k]->nword;
        for (size_t s = 0; s < corpora[k]->nsent; s++) order[q++] = (sref){corpora[k], s};
    }
    uint64_t rs = o->seed ? o->seed : 1;
    uint64_t f[MAXF];
    float sc[X_COUNT];
    for (int ep = 0; ep < o->epochs; ep++) {
        for (size_t i = nsent; i > 1; i--) {
            size_t j = (size_t)(rng_next(&rs) % i);
            sref tmp = order[i - 1];
            order[i - 1] = order[j];
            order[j] = tmp;
        }
        size_t cx = 0, cu = 0, cf = 0, tot = 0;
        for (size_t si = 0; si < nsent; si++) {
            const conllu_corpus *c = order[si].c;
            const conllu_sent *st = &c->sents[order[si].s];
            size_t n = st->word_end - st->word_begin;
            const conllu_word *cw = c->words + st->word_begin;
            size_t kc = 0;
            while (corpora[kc] != c) kc++;
            const uint16_t *gf = gfeat + wbase[kc] + st->word_begin;
            for (size_t i = 0; i < n; i++) word_feats(cw[i].form, cw[i].form_len, &w[i]);
            uint64_t p1 = 0xFE, p2 = 0xFE;
            for (size_t i = 0; i < n; i++) {
                int x = dict_lookup(t, w[i].form);
                if (!x) {
                    size_t nf = xpos_feats(w, t->pad, n, i, p1, p2, f);
                    pc_train_scores(tx, f, nf, sc);
                    x = (int)argmax_range(sc, 1, X_COUNT);
                    if (cw[i].xpos) pc_train_update(tx, f, nf, cw[i].xpos, (uint32_t)x);
                    pc_train_tick(tx);
                }
                xs[i] = (uint8_t)x;
                cx += x == cw[i].xpos;
                p2 = p1;
                p1 = (uint64_t)x;
            }
            for (size_t i = 0; i < n; i++) {
                const feats_allow *a = &t->allow[xs[i]];
                uint32_t u, msk = a->upos_mask;
                size_t nf;
                if (msk && !(msk & (msk - 1))) {
                    u = (uint32_t)lowbit(msk);
                } else {
                    nf = upos_feats(w, t->pad, xs, n, i, f);
                    pc_train_scores(tu, f, nf, sc);
                    u = argmax_mask(sc, UPOS_COUNT, msk);
                    /* learn against the unrestricted best so weights stay sharp */
                    uint32_t ufree = argmax_mask(sc, UPOS_COUNT, 0);
                    if (cw[i].upos) pc_train_update(tu, f, nf, cw[i].upos, ufree);
                    pc_train_tick(tu);
                }
                cu += u == cw[i].upos;
                uint32_t g;
                if (a->n == 1) {
                    g = a->idx[0];
                } else {
                    nf = feats_feats(w, t->pad, xs, n, i, u, f);
                    pc_train_scores(tf, f, nf, fs);
                    g = argmax_list(fs, a->idx, a->n, t->nfeats);
                    if (gf[i] != 0xFFFF) {
                        uint32_t gfree = argmax_range(fs, 0, t->nfeats);
                        pc_train_update(tf, f, nf, gf[i], gfree != gf[i] ? gfree : g);
                    }
                    pc_train_tick(tf);
                }
                cf += g == gf[i];
            }
            tot += n;
        }
        if (o->progress)
            o->progress(o->ctx, ep + 1, tot ? (double)cx / (double)tot : 0, tot ? (double)cu / (double)tot : 0,
                        tot ? (double)cf / (double)tot : 0);
    }
    free(wbase);
    /* serialize */
    mfw_u32(out, TAGGER_FORMAT_VERSION);
    mfw_u32(out, t->nfeats);
    for (uint32_t i = 0; i < t->nfeats; i++) mfw_str(out, t->fnames[i], t->flens[i]);
    mfw_u32(out, (uint32_t)nd);
    for (size_t h = 0; h < t->dictcap; h++)
        if (t->dict[h].key) {
            mfw_u64(out, t->dict[h].key);
            mfw_u8(out, t->dict[h].xpos);
        }
    for (int x = 0; x < X_COUNT; x++) {
        mfw_u32(out, t->allow[x].upos_mask);
        mfw_u16(out, t->allow[x].n);
        for (uint16_t k = 0; k < t->allow[x].n; k++) mfw_u16(out, t->allow[x].idx[k]);
    }
    pc_train_save(tx, out, o->min_abs);
    pc_train_save(tu, out, o->min_abs);
    pc_train_save(tf, out, o->min_abs);
    rc = out->err ? -1 : 0;
done:
    free(order);
    free(gfeat);
    free(fe);
    free(dc);
    free(w);
    free(seen);
    free(xs);
    free(fs);
    pc_train_free(tx);
    pc_train_free(tu);
    pc_train_free(tf);
    tagger_free(t);
    return rc;
}
