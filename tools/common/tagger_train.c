/* The tagger's trainer (tools/train_tagger, and tools/train_parser's
 * jackknifed tags): builds a tagger's tables from CoNLL-U corpora and trains
 * its three averaged perceptrons with the features the tagger computes
 * (tag/tagger_impl.h). Training code is no part of the runtime library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/tagset.h"
#include "io/conllu.h"
#include "ml/modelfile.h"
#include "ml/perceptron.h"
#include "tag/tagger.h"
#include "tag/tagger_impl.h"
#include "rng.h"
#include "tagger_train.h"

tagger_train_opts tagger_default_train_opts(void)
{
    tagger_train_opts o;
    memset(&o, 0, sizeof o);
    o.epochs = 8;
    o.seed = 20261122;
    o.min_abs = 1.0f;   /* 8 epochs: ~2.3 MB section (format 2); 1.5 loses 0.2 UPOS on EWT dev */
    /* ambiguity classes of the word and the next two (unseen words: their
     * cluster's): EWT/GUM dev UPOS 95.57/96.77 against 95.22/96.73 without
     * (flags 0). The longer affixes and UPOS features (TAGGER_F_UNK |
     * TAGGER_F_UPOSX, flags 29) reach 95.66/96.79 but cost 7% more tagging
     * time and lose LitBank dev's resolved text 20 right replacements of
     * 333; the second pass (TAGGER_F_PASS2) adds about 0.05-0.1 UPOS for
     * twice the tagging time. Both stay off. */
    o.flags = TAGGER_F_AMB | TAGGER_F_CAMB;
    return o;
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

/* The entry of key in an open-addressing count table (cap a power of two),
 * added when absent. */
static dcount *dcount_at(dcount *tab, size_t cap, uint64_t key)
{
    if (!key) key = 1;
    size_t h = (size_t)(key ^ (key >> 29)) & (cap - 1);
    while (tab[h].key && tab[h].key != key) h = (h + 1) & (cap - 1);
    tab[h].key = key;
    return &tab[h];
}

/* A training word's ambiguity class, leaving its own occurrence out (so a
 * word seen once is as unknown as a new word at run time). */
static uint64_t amb_leave_one_out(const dcount *e, int gold)
{
    uint32_t cnt[X_COUNT], tot = 0;
    for (int x = 0; x < X_COUNT; x++) {
        cnt[x] = e->n[x] - (x == gold && e->n[x] > 0);
        tot += x ? cnt[x] : 0;
    }
    return amb_from_counts(cnt, tot);
}

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
    dcount *ac = NULL;   /* TAGGER_F_AMB: XPOS counts per lowercase form */
    size_t accap = 1;
    size_t nfe = 0, capfe = 0, dccap = 1;
    pc_train *tx = NULL, *tu = NULL, *tf = NULL, *tx2 = NULL;
    uint8_t *xs1 = NULL;
    struct tagger *t = calloc(1, sizeof *t);
    wfeat *w = NULL;
    uint8_t (*seen)[65536 / 8] = NULL;   /* per XPOS: FEATS indices seen with it */
    uint8_t *xs = NULL;
    float *fs = NULL;
    if (!order || !gfeat || !t) goto done;
    init_pad_words(t);
    t->clus = o->clusters;
    t->flags = o->flags;
    int clus = t->clus != NULL;
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
    /* ambiguity classes: XPOS counts per lowercase form; the tagger's table
     * holds every form's class, training uses leave-one-out classes */
    if (t->flags & TAGGER_F_AMB) {
        while (accap < nword * 2) accap *= 2;
        ac = calloc(accap, sizeof *ac);
        if (!ac) goto done;
        size_t na = 0;
        for (size_t k = 0; k < ncorpus; k++)
            for (size_t i = 0; i < corpora[k]->nword; i++) {
                const conllu_word *cw = &corpora[k]->words[i];
                wfeat wf;
                word_feats(cw->form, cw->form_len, &wf);
                dcount *e = dcount_at(ac, accap, wf.lower);
                uint32_t tot = 0;
                for (int x = 1; x < X_COUNT; x++) tot += e->n[x];
                na += tot == 0 && cw->xpos;
                if (cw->xpos) e->n[cw->xpos]++;
                if ((t->flags & TAGGER_F_CAMB) && clus && cw->xpos) {
                    word_clus(t->clus, cw->form, cw->form_len, &wf);
                    if (has_cluster(&wf)) {
                        e = dcount_at(ac, accap, camb_key(&wf));
                        tot = 0;
                        for (int x = 1; x < X_COUNT; x++) tot += e->n[x];
                        na += tot == 0;
                        e->n[cw->xpos]++;
                        e->n[0] = 1;   /* marks a cluster entry */
                    }
                }
            }
        t->ambcap = 16;
        while (t->ambcap < na * 2) t->ambcap *= 2;
        t->amb = t->amb_own = calloc(t->ambcap, sizeof *t->amb_own);
        if (!t->amb_own) goto done;
        for (size_t h = 0; h < accap; h++) {
            if (!ac[h].key) continue;
            uint32_t tot = 0;
            for (int x = 1; x < X_COUNT; x++) tot += ac[h].n[x];
            if (!tot) continue;
            uint64_t key = ac[h].key;
            size_t mask = t->ambcap - 1, i = (size_t)(key ^ (key >> 29)) & mask;
            while (t->amb_own[i].key) i = (i + 1) & mask;
            t->amb_own[i].key = key;
            t->amb_own[i].mask = ac[h].n[0] ? camb_from_counts(ac[h].n, tot) : amb_from_counts(ac[h].n, tot);
        }
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
    xs1 = malloc(maxn);
    if (!tx || !tu || !tf || !fs || !w || !xs || !xs1) goto done;
    if ((t->flags & TAGGER_F_PASS2) && !(tx2 = pc_train_new(X_COUNT))) goto done;
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
            for (size_t i = 0; i < n; i++) {
                word_feats(cw[i].form, cw[i].form_len, &w[i]);
                if (clus) word_clus(t->clus, cw[i].form, cw[i].form_len, &w[i]);
                if (ac) w[i].amb = amb_or_cluster(t, &w[i], amb_leave_one_out(dcount_at(ac, accap, w[i].lower), cw[i].xpos));
            }
            uint64_t p1 = 0xFE, p2 = 0xFE;
            for (size_t i = 0; i < n; i++) {
                int x = dict_lookup(t, w[i].form);
                if (!x) {
                    size_t nf = xpos_feats(w, t->pad, n, i, p1, p2, clus, t->flags, f);
                    pc_train_scores(tx, f, nf, sc);
                    x = (int)argmax_range(sc, 1, X_COUNT);
                    if (cw[i].xpos) pc_train_update(tx, f, nf, cw[i].xpos, (uint32_t)x);
                    pc_train_tick(tx);
                }
                xs[i] = (uint8_t)x;
                p2 = p1;
                p1 = (uint64_t)x;
            }
            if (tx2) {
                memcpy(xs1, xs, n);
                p1 = p2 = 0xFE;
                for (size_t i = 0; i < n; i++) {
                    int x = dict_lookup(t, w[i].form);
                    if (!x) {
                        size_t nf = xpos_feats(w, t->pad, n, i, p1, p2, clus, t->flags, f);
                        nf += xpos2_feats(w, t->pad, xs1, n, i, p1, f + nf);
                        pc_train_scores(tx2, f, nf, sc);
                        x = (int)argmax_range(sc, 1, X_COUNT);
                        if (cw[i].xpos) pc_train_update(tx2, f, nf, cw[i].xpos, (uint32_t)x);
                        pc_train_tick(tx2);
                    }
                    xs[i] = (uint8_t)x;
                    p2 = p1;
                    p1 = (uint64_t)x;
                }
            }
            for (size_t i = 0; i < n; i++) cx += xs[i] == cw[i].xpos;
            for (size_t i = 0; i < n; i++) {
                const feats_allow *a = &t->allow[xs[i]];
                uint32_t u, msk = a->upos_mask;
                size_t nf;
                if (msk && !(msk & (msk - 1))) {
                    u = (uint32_t)lowbit(msk);
                } else {
                    nf = upos_feats(w, t->pad, xs, n, i, t->flags, clus, f);
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
    /* serialize: the tables, then the three models in tagger_load's order */
    tagger_write_tables(t, out);
    pc_train_save(tx, out, o->min_abs);
    pc_train_save(tu, out, o->min_abs);
    pc_train_save(tf, out, o->min_abs);
    if (tx2) pc_train_save(tx2, out, o->min_abs);
    rc = out->err ? -1 : 0;
done:
    free(order);
    free(gfeat);
    free(fe);
    free(dc);
    free(ac);
    free(w);
    free(seen);
    free(xs);
    free(fs);
    pc_train_free(tx);
    pc_train_free(tu);
    pc_train_free(tf);
    pc_train_free(tx2);
    free(xs1);
    tagger_free(t);
    return rc;
}
