/* train_parser: train the arc-hybrid parser (PARS section) on CoNLL-U.
 *
 *   train_parser TRAIN.conllu... -o OUT.bin [--epochs N] [--dev DEV.conllu] [--tag-cache FILE] [--sweep T/L,...]
 *                [--explore P] [--seed S] [--prune-trans X] [--prune-label X]
 *                [--max-sents N] [--clusters CLUS.bin] [--features G] [--jackknife-features F]
 *
 * Greedy training with the arc-hybrid dynamic oracle (Goldberg & Nivre
 * 2013): the first epoch follows the best-scoring optimal transition, later
 * epochs follow the model's own prediction with probability --explore.
 * Non-projective gold trees are kept: the oracle picks the legal transitions
 * of minimum cost, which are optimal for the best reachable tree. Training
 * tags are jackknifed (--jackknife K: K taggers, each trained without one
 * block of every corpus, tag that block) so the parser learns to live with
 * tagger errors; --jackknife 0 uses gold tags. --clusters: the jackknife
 * taggers use these word clusters, as the model's tagger does when it was
 * trained with them (train_tagger --clusters), and the parser's own
 * cluster templates (PS_F_CLUS) read them. --features G: the PS_F_* template
 * groups (arc.h) beyond the original templates (default 0: none, the shipped
 * parser). Deterministic for a seed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/fileio.h"
#include "core/tagset.h"
#include "io/conllu.h"
#include "ml/modelfile.h"
#include "ml/perceptron.h"
#include "ml/wclusters.h"
#include "parse/arc.h"
#include "parse/parser.h"
#include "tag/tagger.h"
#include "common/rng.h"
#include "common/tagger_train.h"

/* Hyper-parameters: one table drives defaults, parsing and --help. */
static struct hparam {
    const char *name;
    double value;
    const char *help;
} hp[] = {
    {"epochs", 12, "training passes over the data"},
    {"explore", 0.9, "probability of following the model's own transition after epoch 1"},
    {"seed", 1, "random seed (shuffling, exploration)"},
    {"prune-trans", 2.0, "drop transition weights whose averaged magnitude is below this"},
    {"prune-label", 2.0, "drop label weights whose averaged magnitude is below this"},
    {"max-sents", 0, "use only the first N training sentences (0 = all)"},
    {"jackknife", 4, "train on tags predicted by K taggers each trained without one fold (0/1 = gold tags)"},
    {"features", 0,
     "template groups beyond the original ones (PS_F_*: 1 clusters, needs --clusters; 2 non-local; 4/8 more)"},
    {"jackknife-features", 0,
     "feature groups of the jackknife taggers (train_tagger --features; 0: the original tagger's)"},
};
enum { H_EPOCHS, H_EXPLORE, H_SEED, H_PRUNE_T, H_PRUNE_L, H_MAXS, H_JACK, H_FEATS, H_JFEATS, H_COUNT };

/* A flat bank of sentences: word i of sentence k is at off[k] + i. */
typedef struct bank {
    size_t nsent, nword;
    size_t *off;            /* nsent + 1 */
    uint64_t *word;
    uint8_t *upos, *xpos, *rel;
    int32_t *head;          /* in-sentence index, n = ROOT */
    uint32_t *clus;         /* cluster paths (ps_sent.clus), NULL without clusters */
} bank;

static uint64_t rng_state;   /* tools/common/rng.h, seeded from --seed */

/* Relation of a word, falling back to the universal part, then "dep". */
static uint8_t word_rel(const conllu_word *w)
{
    if (w->deprel) return w->deprel;
    const char *c = w->deprel_str ? memchr(w->deprel_str, ':', w->deprel_len) : NULL;
    int r = c ? deprel_from_name(w->deprel_str, (size_t)(c - w->deprel_str)) : 0;
    return (uint8_t)(r ? r : DEP_DEP);
}

static int jackknife(conllu_corpus **cs, size_t **soff, int nfile, int k, bank *b);

/* Load every sentence of the files into b; with jackknife > 1 replace the
 * gold tags by jackknifed predicted ones. 0 or -1 (message printed). */
static const char *tag_cache;   /* --tag-cache: jackknifed tags saved/reused (experiments) */
static const word_clusters *tag_clusters;   /* --clusters: the jackknife taggers' word clusters */
static unsigned groups;                     /* --features: PS_F_* */

/* Read (if the file exists) or write the bank's tags; 1 when read. */
static int tags_cached(bank *b, int write)
{
    FILE *f = fopen(tag_cache, write ? "wb" : "rb");
    if (!f) return 0;
    size_t n = b->off[b->nsent], got;
    if (write) got = fwrite(b->upos, 1, n, f) + fwrite(b->xpos, 1, n, f);
    else got = fread(b->upos, 1, n, f) + fread(b->xpos, 1, n, f);
    int ok = fclose(f) == 0 && got == 2 * n;
    if (!ok) fprintf(stderr, "train_parser: tag cache %s unusable\n", tag_cache);
    return ok && !write;
}

static int bank_load(bank *b, char **files, int nfile, size_t max_sents, int jack)
{
    memset(b, 0, sizeof *b);
    conllu_corpus **cs = calloc((size_t)nfile, sizeof *cs);
    if (!cs) return -1;
    size_t ns = 0, nw = 0;
    for (int i = 0; i < nfile; i++) {
        coref_error err;
        memset(&err, 0, sizeof err);
        if (conllu_read_file(files[i], &cs[i], &err) != 0) {
            fprintf(stderr, "train_parser: %s: %s\n", files[i], err.message);
            return -1;
        }
        ns += cs[i]->nsent;
        nw += cs[i]->nword;
    }
    b->off = malloc((ns + 1) * sizeof *b->off);
    size_t cap = nw + ns;
    b->word = malloc(cap * sizeof *b->word);
    b->upos = malloc(cap);
    b->xpos = malloc(cap);
    b->rel = malloc(cap);
    b->head = malloc(cap * sizeof *b->head);
    if (tag_clusters && (groups & PS_F_CLUS) && !(b->clus = malloc(cap * sizeof *b->clus))) return -1;
    size_t **soff = calloc((size_t)nfile, sizeof *soff);
    if (!b->off || !b->word || !b->upos || !b->xpos || !b->rel || !b->head || !soff) return -1;
    size_t pos = 0;
    for (int i = 0; i < nfile; i++) {
        const conllu_corpus *c = cs[i];
        if (!(soff[i] = malloc((c->nsent + 1) * sizeof **soff))) return -1;
        for (size_t k = 0; k < c->nsent; k++) {
            const conllu_sent *s = &c->sents[k];
            size_t n = s->word_end - s->word_begin;
            soff[i][k] = SIZE_MAX;
            if (n == 0 || (max_sents && b->nsent >= max_sents)) continue;
            soff[i][k] = pos;
            b->off[b->nsent++] = pos;
            for (size_t j = 0; j < n; j++) {
                const conllu_word *w = &c->words[s->word_begin + j];
                b->word[pos + j] = ps_word_hash(w->form, w->form_len);
                b->upos[pos + j] = w->upos;
                b->xpos[pos + j] = w->xpos;
                b->rel[pos + j] = word_rel(w);
                b->head[pos + j] = w->head < 0 || (size_t)w->head >= n ? (int32_t)n : w->head;
                uint32_t path = 0;
                unsigned depth = 0;
                if (b->clus)
                    b->clus[pos + j] = wclus_lookup_word(tag_clusters, w->form, w->form_len, &path, &depth)
                                           ? path | depth << 16 : PS_CLUS_NONE;
            }
            pos += n + 1;   /* one spare slot for ROOT */
        }
    }
    b->off[b->nsent] = pos;
    b->nword = pos - b->nsent;
    int rc = 0;
    if (jack > 1 && !(tag_cache && tags_cached(b, 0))) {
        rc = jackknife(cs, soff, nfile, jack, b);
        if (rc == 0 && tag_cache) tags_cached(b, 1);
    }
    for (int i = 0; i < nfile; i++) {
        conllu_free(cs[i]);
        free(soff[i]);
    }
    free(soff);
    free(cs);
    return rc;
}

/* Sentences [lo, hi) of c as a corpus sharing c's words (sents copied and
 * rebased so the tagger trainer sees only those sentences' words). */
static int sub_corpus(const conllu_corpus *c, size_t lo, size_t hi, conllu_corpus *out)
{
    memset(out, 0, sizeof *out);
    if (lo >= hi) return 0;
    size_t wb = c->sents[lo].word_begin, we = c->sents[hi - 1].word_end;
    out->words = c->words + wb;
    out->nword = we - wb;
    out->sents = malloc((hi - lo) * sizeof *out->sents);
    if (!out->sents) return -1;
    for (size_t k = lo; k < hi; k++) {
        out->sents[k - lo] = c->sents[k];
        out->sents[k - lo].word_begin -= wb;
        out->sents[k - lo].word_end -= wb;
    }
    out->nsent = hi - lo;
    return 0;
}

/* K-fold jackknifing: for each fold (a contiguous block of each corpus),
 * train a tagger on the rest and write its tags for the fold into b. */
static int jackknife(conllu_corpus **cs, size_t **soff, int nfile, int k, bank *b)
{
    conllu_corpus *parts = calloc((size_t)nfile * 2, sizeof *parts);
    conllu_corpus **list = calloc((size_t)nfile * 2, sizeof *list);
    const char **form = NULL;
    uint32_t *len = NULL;
    uint16_t *feats = NULL;
    size_t maxn = 0;
    for (int i = 0; i < nfile; i++)
        for (size_t s = 0; s < cs[i]->nsent; s++)
            if (cs[i]->sents[s].word_end - cs[i]->sents[s].word_begin > maxn)
                maxn = cs[i]->sents[s].word_end - cs[i]->sents[s].word_begin;
    form = malloc((maxn + 1) * sizeof *form);
    len = malloc((maxn + 1) * sizeof *len);
    feats = malloc((maxn + 1) * sizeof *feats);
    int rc = parts && list && form && len && feats ? 0 : -1;
    size_t agree = 0, total = 0;
    for (int f = 0; f < k && rc == 0; f++) {
        size_t nl = 0;
        for (int i = 0; i < nfile && rc == 0; i++) {
            size_t ns = cs[i]->nsent, lo = ns * (size_t)f / (size_t)k, hi = ns * (size_t)(f + 1) / (size_t)k;
            if (sub_corpus(cs[i], 0, lo, &parts[2 * i]) != 0 || sub_corpus(cs[i], hi, ns, &parts[2 * i + 1]) != 0)
                rc = -1;
            if (parts[2 * i].nsent) list[nl++] = &parts[2 * i];
            if (parts[2 * i + 1].nsent) list[nl++] = &parts[2 * i + 1];
        }
        tagger_train_opts o = tagger_default_train_opts();
        o.clusters = tag_clusters;
        /* The jackknife taggers keep the original features (flags 0), not
         * the shipped tagger's ambiguity classes (issue 10): the parser
         * trained on their noisier tags parses the shipped tagger's tags
         * better (EWT/GUM dev LAS 81.64/81.04 against 81.35/80.97 when
         * trained on the new tagger's jackknifed tags) and the coreference
         * scores do not drop (GUM dev CoNLL F1 59.05 vs 58.67, GAP 64.27 vs
         * 62.83, LitBank 45.79 vs 45.13). */
        o.flags = (uint32_t)hp[H_JFEATS].value;
        mf_writer w;
        mf_writer_init(&w);
        struct tagger *t = NULL;
        char msg[256];
        clock_t t0 = clock();
        if (rc == 0 && (tagger_train(list, nl, &o, &w) != 0 || w.err ||
                        tagger_load(w.p, w.n, &t, msg, sizeof msg) != 0))
            rc = -1;
        tagger_use_clusters(t, tag_clusters);
        for (int i = 0; i < nfile && rc == 0; i++) {
            const conllu_corpus *c = cs[i];
            size_t ns = c->nsent, lo = ns * (size_t)f / (size_t)k, hi = ns * (size_t)(f + 1) / (size_t)k;
            for (size_t s = lo; s < hi && rc == 0; s++) {
                if (soff[i][s] == SIZE_MAX) continue;
                const conllu_sent *se = &c->sents[s];
                size_t n = se->word_end - se->word_begin;
                for (size_t j = 0; j < n; j++) {
                    form[j] = c->words[se->word_begin + j].form;
                    len[j] = c->words[se->word_begin + j].form_len;
                }
                size_t o2 = soff[i][s];
                /* the model alone, symbols included: the parser trains on the
                 * tags it was trained with before symbols got their rule (the
                 * shipped PARS section; make model reproduces it) */
                if (tagger_tag_words_model(t, form, len, n, b->upos + o2, b->xpos + o2, feats) != 0) rc = -1;
                for (size_t j = 0; j < n; j++) {
                    agree += b->upos[o2 + j] == c->words[se->word_begin + j].upos;
                    total++;
                }
            }
        }
        fprintf(stderr, "jackknife fold %d/%d: tagger trained (%.1fs)\n", f + 1, k,
                (double)(clock() - t0) / CLOCKS_PER_SEC);
        tagger_free(t);
        mf_writer_free(&w);
        for (int i = 0; i < 2 * nfile; i++) free(parts[i].sents);
        memset(parts, 0, (size_t)nfile * 2 * sizeof *parts);
    }
    if (rc == 0) fprintf(stderr, "jackknife: UPOS of training tags %.2f%%\n", 100.0 * agree / (total ? total : 1));
    else fprintf(stderr, "train_parser: jackknifing failed (out of memory)\n");
    free(parts);
    free(list);
    free(form);
    free(len);
    free(feats);
    return rc;
}

static void bank_free(bank *b)
{
    free(b->off);
    free(b->word);
    free(b->upos);
    free(b->xpos);
    free(b->rel);
    free(b->head);
    free(b->clus);
}

/* View sentence k of b as a ps_sent. */
static void bank_sent(const bank *b, size_t k, ps_sent *s)
{
    size_t o = b->off[k];
    s->n = (uint32_t)(b->off[k + 1] - o - 1);
    s->word = b->word + o;
    s->upos = b->upos + o;
    s->xpos = b->xpos + o;
    s->clus = b->clus ? b->clus + o : NULL;
}

static int argmax_legal(const float *sc, unsigned legal, const int *cost, int want_cost)
{
    int best = -1;
    for (int t = 0; t < PS_NTRANS; t++) {
        if (!(legal >> t & 1) || (want_cost >= 0 && cost[t] != want_cost)) continue;
        if (best < 0 || sc[t] > sc[best]) best = t;
    }
    return best;
}

static int argmax_label(const float *sc)
{
    int best = DEP_DEP;
    for (int l = 1; l < DEP_COUNT; l++)
        if (l != DEP_ROOT && sc[l] > sc[best]) best = l;
    return best;
}

/* One training pass over b in the given order. Returns transition errors. */
static size_t train_epoch(const bank *b, const size_t *order, pc_train *tr, pc_train *lab,
                          ps_state *st, int explore, double p_explore, size_t *lab_err, size_t *steps)
{
    uint64_t f[PS_MAX_FEATS];
    float sc[PS_NTRANS], lsc[DEP_COUNT];
    size_t errs = 0;
    for (size_t oi = 0; oi < b->nsent; oi++) {
        size_t k = order[oi];
        ps_sent s;
        bank_sent(b, k, &s);
        const int32_t *gold = b->head + b->off[k];
        const uint8_t *grel = b->rel + b->off[k];
        ps_state_init(st, s.n);
        while (!ps_terminal(st)) {
            unsigned legal = ps_legal(st);
            int cost[PS_NTRANS];
            ps_costs(st, gold, cost);
            int minc = PS_COST_ILLEGAL;
            for (int t = 0; t < PS_NTRANS; t++)
                if (cost[t] < minc) minc = cost[t];
            size_t nf = ps_features(st, &s, groups, f);
            pc_train_scores(tr, f, nf, sc);
            int pred = argmax_legal(sc, legal, cost, -1);
            int good = argmax_legal(sc, legal, cost, minc);
            if (cost[pred] > minc) {
                pc_train_update(tr, f, nf, (uint32_t)good, (uint32_t)pred);
                errs++;
            }
            pc_train_tick(tr);
            (*steps)++;
            int next = explore && rng_unit(&rng_state) < p_explore ? pred : good;
            uint8_t rel = 0;
            if (next != PS_SHIFT) {
                uint32_t h, d;
                ps_arc(st, next, &h, &d);
                if (h == s.n) {
                    rel = DEP_ROOT;
                } else {
                    nf = ps_label_features(st, &s, groups, h, d, f);
                    pc_train_scores(lab, f, nf, lsc);
                    int g = argmax_label(lsc);
                    if (gold[d] == (int32_t)h) {
                        int want = grel[d] == DEP_ROOT ? DEP_DEP : grel[d];
                        if (g != want) {
                            pc_train_update(lab, f, nf, (uint32_t)want, (uint32_t)g);
                            (*lab_err)++;
                        }
                        pc_train_tick(lab);
                        g = want;
                    }
                    rel = (uint8_t)g;
                }
            }
            ps_apply(st, next, rel);
        }
    }
    return errs;
}

/* Parse every sentence of b with p; print UAS/LAS. */
static void evaluate(const struct parser *p, const bank *b, const char *name)
{
    ps_state st;
    memset(&st, 0, sizeof st);
    size_t maxn = 0;
    for (size_t k = 0; k < b->nsent; k++)
        if (b->off[k + 1] - b->off[k] > maxn) maxn = b->off[k + 1] - b->off[k];
    int32_t *head = malloc(maxn * sizeof *head);
    uint8_t *rel = malloc(maxn);
    if (!head || !rel) { free(head); free(rel); return; }
    size_t tot = 0, ua = 0, la = 0;
    clock_t t0 = clock();
    for (size_t k = 0; k < b->nsent; k++) {
        ps_sent s;
        bank_sent(b, k, &s);
        if (parser_parse_sent(p, &s, &st, head, rel) != 0) break;
        const int32_t *gold = b->head + b->off[k];
        const uint8_t *grel = b->rel + b->off[k];
        for (uint32_t i = 0; i < s.n; i++) {
            int32_t g = gold[i] == (int32_t)s.n ? -1 : gold[i];
            tot++;
            if (head[i] == g) {
                ua++;
                la += rel[i] == grel[i];
            }
        }
    }
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    printf("%s: %zu words UAS %.2f LAS %.2f (gold tags) %.0f words/s\n", name, tot,
           100.0 * ua / (tot ? tot : 1), 100.0 * la / (tot ? tot : 1), secs > 0 ? tot / secs : 0);
    ps_state_free(&st);
    free(head);
    free(rel);
}

static void usage(void)
{
    fprintf(stderr, "usage: train_parser TRAIN.conllu... -o OUT.bin [--dev DEV.conllu] [--tag-cache FILE] [--sweep T/L,...] [--clusters CLUS.bin]");
    for (int i = 0; i < H_COUNT; i++) fprintf(stderr, " [--%s X]", hp[i].name);
    fprintf(stderr, "\n");
    for (int i = 0; i < H_COUNT; i++) fprintf(stderr, "  --%-12s %s (default %g)\n", hp[i].name, hp[i].help, hp[i].value);
}

int main(int argc, char **argv)
{
    char **files = calloc((size_t)argc, sizeof *files);
    int nfile = 0;
    const char *out = NULL, *dev = NULL, *sweep = NULL, *clus_path = NULL;
    if (!files) return 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) { out = argv[++i]; continue; }
        if (strcmp(argv[i], "--dev") == 0 && i + 1 < argc) { dev = argv[++i]; continue; }
        if (strcmp(argv[i], "--tag-cache") == 0 && i + 1 < argc) { tag_cache = argv[++i]; continue; }
        if (strcmp(argv[i], "--sweep") == 0 && i + 1 < argc) { sweep = argv[++i]; continue; }
        if (strcmp(argv[i], "--clusters") == 0 && i + 1 < argc) { clus_path = argv[++i]; continue; }
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) { usage(); return 0; }
        if (strncmp(argv[i], "--", 2) == 0) {
            int found = 0;
            for (int h = 0; h < H_COUNT; h++)
                if (strcmp(argv[i] + 2, hp[h].name) == 0 && i + 1 < argc) {
                    char *end;
                    hp[h].value = strtod(argv[++i], &end);
                    if (*end) { fprintf(stderr, "train_parser: bad value for --%s\n", hp[h].name); return 2; }
                    found = 1;
                }
            if (!found) { usage(); return 2; }
            continue;
        }
        files[nfile++] = argv[i];
    }
    if (!out || nfile == 0) { usage(); return 2; }
    char *clus_bytes = NULL;
    size_t clus_len = 0;
    word_clusters *clus = NULL;
    if (clus_path) {
        char msg[200];
        if (read_file(clus_path, &clus_bytes, &clus_len) != 0 ||
            wclus_load((const uint8_t *)clus_bytes, clus_len, &clus, msg, sizeof msg) != 0) {
            fprintf(stderr, "train_parser: %s: %s\n", clus_path, clus_bytes ? msg : "cannot read");
            return 1;
        }
        tag_clusters = clus;
    }
    double fg = hp[H_FEATS].value;
    /* Default 0, the original templates. Measured with the cluster tagger
     * (EWT/GUM dev LAS, mean of 3 seeds): 81.30/80.73; PS_F_RICH (2 seeds)
     * 81.31/80.88 for 9% of parser time; PS_F_CLUS | PS_F_RICH 81.38/81.07 for
     * 23%, over the end-to-end budget; the X groups add nothing. */
    groups = fg > 0 && fg <= PS_F_ALL ? (unsigned)fg : 0;
    if ((groups & PS_F_CLUS) && !clus) {
        fprintf(stderr, "train_parser: --features %u needs --clusters\n", groups);
        return 2;
    }

    bank tb;
    if (bank_load(&tb, files, nfile, (size_t)hp[H_MAXS].value, (int)hp[H_JACK].value) != 0) return 1;
    fprintf(stderr, "train_parser: %zu sentences, %zu words\n", tb.nsent, tb.nword);
    size_t maxn = 0;
    for (size_t k = 0; k < tb.nsent; k++)
        if (tb.off[k + 1] - tb.off[k] > maxn) maxn = tb.off[k + 1] - tb.off[k];
    ps_state st;
    memset(&st, 0, sizeof st);
    size_t *order = malloc(tb.nsent * sizeof *order);
    pc_train *tr = pc_train_new(PS_NTRANS), *lab = pc_train_new(DEP_COUNT);
    if (!order || !tr || !lab || ps_state_reserve(&st, (uint32_t)maxn) != 0) {
        fprintf(stderr, "train_parser: out of memory\n");
        return 1;
    }
    rng_state = 0x9e3779b97f4a7c15ull ^ ((uint64_t)hp[H_SEED].value * 0xd1342543de82ef95ull);
    if (!rng_state) rng_state = 1;
    for (size_t k = 0; k < tb.nsent; k++) order[k] = k;
    int epochs = (int)hp[H_EPOCHS].value;
    for (int e = 0; e < epochs; e++) {
        for (size_t k = tb.nsent; k > 1; k--) {   /* Fisher-Yates */
            size_t j = (size_t)(rng_next(&rng_state) % k), t = order[k - 1];
            order[k - 1] = order[j];
            order[j] = t;
        }
        size_t lerr = 0, steps = 0;
        clock_t t0 = clock();
        size_t errs = train_epoch(&tb, order, tr, lab, &st, e > 0, hp[H_EXPLORE].value, &lerr, &steps);
        fprintf(stderr, "epoch %d: transition errors %.2f%% label errors %zu (%.1fs)\n", e + 1,
                100.0 * errs / (steps ? steps : 1), lerr, (double)(clock() - t0) / CLOCKS_PER_SEC);
    }

    mf_writer w;
    mf_writer_init(&w);
    size_t tsize =
        parser_write_section(&w, groups, tr, lab, (float)hp[H_PRUNE_T].value, (float)hp[H_PRUNE_L].value);
    if (w.err) { fprintf(stderr, "train_parser: out of memory saving\n"); return 1; }
    if (write_file(out, w.p, w.n) != 0) {
        fprintf(stderr, "train_parser: cannot write %s\n", out);
        return 1;
    }
    fprintf(stderr, "train_parser: wrote %s (%zu bytes: transitions %zu, labels %zu)\n", out, w.n, tsize,
            w.n - tsize);

    /* --sweep T/L,T/L...: extra copies at other pruning levels, written to
     * OUT.T-L (one training run, several size/accuracy points). */
    for (const char *q = sweep; q && *q;) {
        char *end;
        double pt = strtod(q, &end), pl = *end == '/' ? strtod(end + 1, &end) : pt;
        mf_writer sw;
        mf_writer_init(&sw);
        parser_write_section(&sw, groups, tr, lab, (float)pt, (float)pl);
        char name[1024];
        snprintf(name, sizeof name, "%s.%g-%g", out, pt, pl);
        if (sw.err || write_file(name, sw.p, sw.n) != 0) fprintf(stderr, "train_parser: cannot write %s\n", name);
        else fprintf(stderr, "train_parser: wrote %s (%zu bytes)\n", name, sw.n);
        mf_writer_free(&sw);
        q = *end == ',' ? end + 1 : "";
    }

    struct parser *p = NULL;
    char msg[256];
    if (parser_load(w.p, w.n, &p, msg, sizeof msg) != 0) {
        fprintf(stderr, "train_parser: saved model does not load: %s\n", msg);
        return 1;
    }
    parser_use_clusters(p, clus);
    if (dev) {
        bank db;
        char *dv[1] = {(char *)dev};
        if (bank_load(&db, dv, 1, 0, 0) == 0) evaluate(p, &db, dev);
        bank_free(&db);
    }
    parser_free(p);
    mf_writer_free(&w);
    pc_train_free(tr);
    pc_train_free(lab);
    ps_state_free(&st);
    bank_free(&tb);
    free(order);
    free(files);
    wclus_free(clus);
    free(clus_bytes);
    return 0;
}
