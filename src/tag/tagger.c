/* Averaged-perceptron tagger: greedy left-to-right XPOS, then UPOS and the
 * whole FEATS string per word, each conditioned on the predicted XPOS.
 *
 * TAGR payload (little-endian, read with mf_reader):
 *   u32 TAGGER_FORMAT_VERSION (1, or 2 when the tagger has feature flags)
 *   format 2: u32 flags (TAGGER_F_*)
 *   u32 nfeats, then nfeats strings (u32 length + bytes); index 0 is "_"
 *   u32 ndict, then ndict * { u64 form hash, u8 xpos }   (unambiguous words)
 *   TAGGER_F_AMB: u32 namb, then namb * { u64 lowercase hash, u64 class }
 *   X_COUNT * { u32 upos bitmask, u16 n, n * u16 feats index } (allowed
 *                                                     classes per XPOS)
 *   pc model XPOS (X_COUNT classes), UPOS (UPOS_COUNT), FEATS (nfeats)
 *   TAGGER_F_PASS2: pc model of the second XPOS pass (X_COUNT) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/doc.h"
#include "core/tagset.h"
#include "ml/modelfile.h"
#include "ml/perceptron.h"
#include "tag/tagger.h"
#include "tag/tagger_impl.h"
#include "text/text.h"

/* Emoji and pictographic symbols (text_symbol_token) are tagged by rule, as
 * UD English EWT tags emoticons: SYM NFP (math symbols SYM SYM), no
 * features. The model never saw them in training, and tagging the other
 * words as if the symbols were absent keeps their tags exactly those of
 * the text without them. Returns 1 when word i is such a symbol. */
static int tag_symbol_by_rule(const char *form, uint32_t len, uint8_t *upos, uint8_t *xpos,
                              uint16_t *feats)
{
    int k = text_symbol_token(form, len);
    if (k == TEXT_NOT_SYMBOL) return 0;
    *upos = UPOS_SYM;
    *xpos = k == TEXT_SYMBOL_MATH ? X_SYM : X_NFP;
    *feats = 0;
    return 1;
}

/* tagger_tag_words for a sentence with symbols: the model tags the other
 * words as one sentence, the results are scattered back. */
static int tag_words_around_symbols(const struct tagger *t, const char *const *form,
                                    const uint32_t *len, size_t n, uint8_t *upos,
                                    uint8_t *xpos, uint16_t *feats)
{
    const char **wf = malloc(n * sizeof *wf);
    uint32_t *wl = malloc(n * sizeof *wl);
    size_t *at = malloc(n * sizeof *at);
    uint8_t *wu = malloc(n), *wx = malloc(n);
    uint16_t *wfe = malloc(n * sizeof *wfe);
    int rc = -1;
    if (wf && wl && at && wu && wx && wfe) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (!tag_symbol_by_rule(form[i], len[i], &upos[i], &xpos[i], &feats[i])) {
                wf[m] = form[i];
                wl[m] = len[i];
                at[m++] = i;
            }
        rc = tagger_tag_words_model(t, wf, wl, m, wu, wx, wfe);
        for (size_t j = 0; rc == 0 && j < m; j++) {
            upos[at[j]] = wu[j];
            xpos[at[j]] = wx[j];
            feats[at[j]] = wfe[j];
        }
    }
    free(wf);
    free(wl);
    free(at);
    free(wu);
    free(wx);
    free(wfe);
    return rc;
}

int tagger_tag_words(const struct tagger *t, const char *const *form, const uint32_t *len,
                     size_t n, uint8_t *upos, uint8_t *xpos, uint16_t *feats)
{
    for (size_t i = 0; i < n; i++)
        if (text_symbol_token(form[i], len[i]) != TEXT_NOT_SYMBOL)
            return tag_words_around_symbols(t, form, len, n, upos, xpos, feats);
    return tagger_tag_words_model(t, form, len, n, upos, xpos, feats);
}

int tagger_tag_words_model(const struct tagger *t, const char *const *form, const uint32_t *len,
                           size_t n, uint8_t *upos, uint8_t *xpos, uint16_t *feats)
{
    if (!n) return 0;
    wfeat wbuf[128];
    wfeat *w = n <= 128 ? wbuf : malloc(n * sizeof *w);
    if (!w) return -1;
    float sc[(int)X_COUNT > (int)UPOS_COUNT ? (int)X_COUNT : (int)UPOS_COUNT];
    /* FEATS: integer sums of the weights, compared only among the tag's
     * allowed values (the scale is positive: the same argmax as the float
     * scores, without converting all 224 classes per word) */
    int32_t *fs = NULL, fsbuf[512];
    fs = t->nfeats <= 512 ? fsbuf : malloc(t->nfeats * sizeof *fs);
    if (!fs) {
        if (w != wbuf) free(w);
        return -1;
    }
    uint64_t f[MAXF];
    int clus = t->clus != NULL;
    for (size_t i = 0; i < n; i++) {
        word_feats(form[i], len[i], &w[i]);
        if (clus) word_clus(t->clus, form[i], len[i], &w[i]);
        if (t->flags & TAGGER_F_AMB) w[i].amb = amb_or_cluster(t, &w[i], amb_lookup(t, w[i].lower));
    }
    uint64_t p1 = 0xFE, p2 = 0xFE;
    for (size_t i = 0; i < n; i++) {
        int x = dict_lookup(t, w[i].form);
        if (!x) {
            size_t nf = xpos_feats(w, t->pad, n, i, p1, p2, clus, t->flags, f);
            pc_model_scores(t->mx, f, nf, sc);
            x = (int)argmax_range(sc, 1, X_COUNT);
        }
        xpos[i] = (uint8_t)x;
        p2 = p1;
        p1 = (uint64_t)x;
    }
    if (t->mx2) {
        /* second pass: left tags its own, right tags the first pass's */
        uint8_t t1buf[128], *t1 = n <= 128 ? t1buf : malloc(n);
        if (!t1) {
            if (w != wbuf) free(w);
            if (fs != fsbuf) free(fs);
            return -1;
        }
        memcpy(t1, xpos, n);
        p1 = p2 = 0xFE;
        for (size_t i = 0; i < n; i++) {
            int x = dict_lookup(t, w[i].form);
            if (!x) {
                size_t nf = xpos_feats(w, t->pad, n, i, p1, p2, clus, t->flags, f);
                nf += xpos2_feats(w, t->pad, t1, n, i, p1, f + nf);
                pc_model_scores(t->mx2, f, nf, sc);
                x = (int)argmax_range(sc, 1, X_COUNT);
            }
            xpos[i] = (uint8_t)x;
            p2 = p1;
            p1 = (uint64_t)x;
        }
        if (t1 != t1buf) free(t1);
    }
    for (size_t i = 0; i < n; i++) {
        const feats_allow *a = &t->allow[xpos[i]];
        size_t nf;
        if (a->upos_mask && !(a->upos_mask & (a->upos_mask - 1))) {
            upos[i] = (uint8_t)lowbit(a->upos_mask);   /* only one choice */
        } else {
            nf = upos_feats(w, t->pad, xpos, n, i, t->flags, clus, f);
            pc_model_scores(t->mu, f, nf, sc);
            upos[i] = (uint8_t)argmax_mask(sc, UPOS_COUNT, a->upos_mask);
        }
        if (a->n == 1) {
            feats[i] = a->idx[0];   /* nothing to decide */
            continue;
        }
        nf = feats_feats(w, t->pad, xpos, n, i, upos[i], f);
        memset(fs, 0, t->nfeats * sizeof *fs);
        pc_model_add(t->mf, f, nf, fs);
        feats[i] = (uint16_t)argmax_list_int(fs, a->idx, a->n, t->nfeats);
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

void tagger_use_clusters(struct tagger *t, const struct word_clusters *c)
{
    if (t) t->clus = c;
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
    free(t->amb_own);
    for (int x = 0; x < X_COUNT; x++) free(t->allow[x].idx);
    pc_model_free(t->mx);
    pc_model_free(t->mu);
    pc_model_free(t->mf);
    pc_model_free(t->mx2);
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
    if (ver != 1 && ver != TAGGER_FORMAT_VERSION) LOAD_FAIL("tagger format version %u, expected 1 or %u", ver, TAGGER_FORMAT_VERSION);
    int amb_image = 0;
    if (ver >= 2) {
        t->flags = mf_u32(&r);
        amb_image = (t->flags & TAGGER_F_AMB_IMAGE) != 0;
        t->flags &= ~TAGGER_F_AMB_IMAGE;
        if (r.err || (t->flags & ~TAGGER_F_ALL)) LOAD_FAIL("tagger: unknown feature flags %#x", t->flags);
        if (amb_image && !(t->flags & TAGGER_F_AMB)) LOAD_FAIL("tagger: bad feature flags");
    }
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
    if (amb_image) {
        /* the image's table, used where it lies (8-byte aligned, a power
         * of two of slots; lookups probe at most that many) */
        uint32_t cap = mf_u32(&r), mark = mf_u32(&r), pad = mf_u32(&r);
        if (r.err || mark != TAGGER_AMB_MARK || pad > 7 || cap < 16 || (cap & (cap - 1)) ||
            cap > (r.n - r.pos) / sizeof(amb_slot))
            LOAD_FAIL("tagger: bad ambiguity table");
        mf_bytes(&r, pad);
        const void *p = mf_bytes(&r, (size_t)cap * sizeof(amb_slot));
        if (r.err || ((uintptr_t)p % _Alignof(amb_slot)) != 0) LOAD_FAIL("tagger: bad ambiguity table");
        t->amb = p;
        t->ambcap = cap;
    } else if (t->flags & TAGGER_F_AMB) {
        uint32_t na = mf_u32(&r);
        if (r.err || na > (r.n - r.pos) / 16) LOAD_FAIL("tagger: bad ambiguity table size");
        t->ambcap = 16;
        while (t->ambcap < (size_t)na * 2) t->ambcap *= 2;
        t->amb = t->amb_own = calloc(t->ambcap, sizeof *t->amb_own);
        if (!t->amb_own) LOAD_FAIL("out of memory");
        for (uint32_t j = 0; j < na; j++) {
            uint64_t key = mf_u64(&r), m = mf_u64(&r);
            if (r.err || key == 0) LOAD_FAIL("tagger: bad ambiguity entry %u", j);
            size_t mask = t->ambcap - 1, i = (size_t)(key ^ (key >> 29)) & mask;
            while (t->amb_own[i].key) {
                if (t->amb_own[i].key == key) LOAD_FAIL("tagger: duplicate ambiguity entry");
                i = (i + 1) & mask;
            }
            t->amb_own[i].key = key;
            t->amb_own[i].mask = m;
        }
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
    if ((t->flags & TAGGER_F_PASS2) && (pc_model_load(&r, &t->mx2) || pc_model_nclass(t->mx2) != X_COUNT))
        LOAD_FAIL("tagger: bad second XPOS model");
    if (r.err || r.pos != r.n) LOAD_FAIL("tagger: %zu trailing bytes", r.n - r.pos);
    *out = t;
    return 0;
}

int tagger_in_place(const struct tagger *t)
{
    return pc_model_in_place(t->mx) && pc_model_in_place(t->mu) && pc_model_in_place(t->mf) &&
           (!t->mx2 || pc_model_in_place(t->mx2)) && !t->amb_own;
}

static void write_tables(const struct tagger *t, struct mf_writer *w, int image);

void tagger_write_image(const struct tagger *t, struct mf_writer *w)
{
    write_tables(t, w, 1);
    pc_model_write_image(t->mx, w);
    pc_model_write_image(t->mu, w);
    pc_model_write_image(t->mf, w);
    if (t->mx2) pc_model_write_image(t->mx2, w);
}

void tagger_write_tables(const struct tagger *t, struct mf_writer *w)
{
    write_tables(t, w, 0);
}

/* The tables; image: the ambiguity table as the hash table itself (the
 * model image's form, used in place), else as its entries. */
static void write_tables(const struct tagger *t, struct mf_writer *w, int image)
{
    uint32_t nd = 0;
    for (size_t h = 0; h < t->dictcap; h++) nd += t->dict[h].key != 0;
    image = image && (t->flags & TAGGER_F_AMB);
    /* a tagger without feature flags keeps format 1, byte for byte */
    mfw_u32(w, t->flags ? TAGGER_FORMAT_VERSION : 1u);
    if (t->flags) mfw_u32(w, t->flags | (image ? TAGGER_F_AMB_IMAGE : 0u));
    mfw_u32(w, t->nfeats);
    for (uint32_t i = 0; i < t->nfeats; i++) mfw_str(w, t->fnames[i], t->flens[i]);
    mfw_u32(w, nd);
    for (size_t h = 0; h < t->dictcap; h++)
        if (t->dict[h].key) {
            mfw_u64(w, t->dict[h].key);
            mfw_u8(w, t->dict[h].xpos);
        }
    if (image) {
        static const uint8_t zeros[8] = {0};
        uint32_t mark = TAGGER_AMB_MARK;
        mfw_u32(w, (uint32_t)t->ambcap);
        mfw_bytes(w, &mark, 4);   /* host order: checked against the reader's */
        uint32_t pad = (uint32_t)((8 - ((w->n + 4) & 7)) & 7);
        mfw_u32(w, pad);
        mfw_bytes(w, zeros, pad);
        mfw_bytes(w, t->amb, t->ambcap * sizeof *t->amb);
    } else if (t->flags & TAGGER_F_AMB) {
        uint32_t na = 0;
        for (size_t h = 0; h < t->ambcap; h++) na += t->amb[h].key != 0;
        mfw_u32(w, na);
        for (size_t h = 0; h < t->ambcap; h++)
            if (t->amb[h].key) {
                mfw_u64(w, t->amb[h].key);
                mfw_u64(w, t->amb[h].mask);
            }
    }
    for (int x = 0; x < X_COUNT; x++) {
        mfw_u32(w, t->allow[x].upos_mask);
        mfw_u16(w, t->allow[x].n);
        for (uint16_t k = 0; k < t->allow[x].n; k++) mfw_u16(w, t->allow[x].idx[k]);
    }
}
