/* train_pron: train the learned pronoun-antecedent scorer (src/coref/pron.h)
 * and write its PRON section.
 *
 *   train_pron [--model FILE] [--epochs N] [--seed S] [--runs R] [--log-rate L]
 *              [--gap-weight W] [--groups G] [--min-weight X] [--use-pron]
 *              [--eval-gap GAP.tsv] -o OUT
 *              [--gap GAP.tsv]... [CONLL_DIR]...
 *
 * Every text runs through our pipeline (GAP snippets as raw text, CoNLL
 * documents on their given tokens: predicted tags and tree, system mentions,
 * the sieve as the model runs it), and each decision of the sieve's pronoun
 * pass is recorded with its candidates and their features
 * (coref_resolve_hook). Labels:
 *  - a CoNLL document: a candidate is right when its gold entity (of the
 *    gold mention with exactly its span) is the pronoun's; a pronoun that
 *    matches no gold mention, or whose candidates are all wrong, teaches
 *    nothing. The rule needs no special case for a partly annotated folder
 *    (LitBank: only some kinds of entity): a pronoun of an unannotated
 *    entity matches no gold mention.
 *  - a GAP example: when name A (B) is the pronoun's, the candidates in the
 *    entity of A's (B's) mention at that moment are right and every other
 *    is wrong (any other link misses the name); when neither is, the
 *    candidates in neither name's entity are right.
 * Objective: a ranking perceptron (the best-scoring right candidate is the
 * target; an update when a wrong one scores at least as high, plus a margin
 * of 1), averaged; with --log-rate L, softmax ranking instead (stochastic
 * gradient steps of L on log P(a right candidate)), averaged the same way.
 * --runs R trains R times on further shuffles and averages the weights
 * (less variance). GAP decisions count W times (--gap-weight, default 1).
 * --use-pron collects the decisions the model's own scorer makes (default:
 * the hand-set score's).
 * Decisions are visited in a seeded shuffle: same data and options, same
 * bytes. --groups: which pronouns the model decides (PG_* mask: 1 he/she,
 * 2 it, 4 they; default 1). --eval-gap GAP.tsv collects that file's
 * decisions too, never trains on them, and prints how many the averaged
 * model and the hand-set score get wrong (for tuning on GAP validation). */
#include "common/corpus.h"
#include "common/gap.h"
#include "common/rng.h"
#include "common/tool_model.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coref.h"
#include "core/doc.h"
#include "core/model.h"
#include "coref/pron.h"
#include "coref/resolve.h"
#include "io/conll.h"
#include "mention/mention.h"
#include "ml/modelfile.h"

typedef struct decision {
    size_t c0, nc;        /* candidates [c0, c0 + nc) */
    uint32_t weight;
    uint32_t group;
    uint8_t hand_right, gap, heldout;
} decision;

typedef struct cands {
    size_t *f0;           /* features of candidate k: feats[f0[k] .. f0[k + 1]) */
    uint8_t *right;
    size_t n, cap, capr;
    uint32_t *feats;
    size_t nf, capf;
    decision *dec;
    size_t nd, capd;
} cands;

static cands C;

typedef struct ctx {
    const int64_t *gold;  /* CoNLL: gold entity of each system mention, -1 */
    const gap_example *ex;/* GAP: the example, with its mentions */
    long pm, nm[2];
    uint32_t weight;
    int heldout;
    size_t collected, nopos, allpos, seen;
} ctx;

static void grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return;
    size_t nc = *cap ? *cap : 1024;
    while (nc < need) nc *= 2;
    void *np = realloc(*p, nc * elem);
    if (!np) {
        fprintf(stderr, "train_pron: out of memory\n");
        exit(1);
    }
    *p = np;
    *cap = nc;
}

static void hook(void *user, const struct coref_doc *d, const pron_decision *pd)
{
    ctx *c = user;
    const mention_t *m = &d->ments[pd->pronoun];
    uint32_t group = m->number == NUM_PL ? PG_THEY : (m->gender == GEN_MASC || m->gender == GEN_FEM) ? PG_HESHE : PG_IT;
    uint8_t lab[512];
    size_t nc = pd->ncand < 512 ? pd->ncand : 512;
    int npos = 0;
    if (c->gold) {
        int64_t g = c->gold[pd->pronoun];
        if (g < 0) return;
        for (size_t k = 0; k < nc; k++) npos += lab[k] = c->gold[pd->cand[k]] == g;
    } else {
        if ((long)pd->pronoun != c->pm) return;
        int32_t ra = c->nm[0] >= 0 ? pron_decision_root(pd, (int32_t)c->nm[0]) : -2;
        int32_t rb = c->nm[1] >= 0 ? pron_decision_root(pd, (int32_t)c->nm[1]) : -2;
        const int *gold = c->ex->gold;
        if ((gold[0] && ra == -2) || (gold[1] && rb == -2)) return;
        for (size_t k = 0; k < nc; k++) {
            int32_t r = pd->root[k];
            lab[k] = gold[0] ? r == ra : gold[1] ? r == rb : (r != ra && r != rb);
            npos += lab[k];
        }
    }
    int nwrong = 0;
    for (size_t k = 0; k < nc; k++) nwrong += lab[k] == 0;
    c->seen++;
    c->nopos += !npos;
    c->allpos += npos && !nwrong;
    if (!npos || !nwrong) return;   /* nothing to learn */
    grow((void **)&C.dec, &C.capd, C.nd + 1, sizeof *C.dec);
    grow((void **)&C.f0, &C.cap, C.n + nc + 1, sizeof *C.f0);
    grow((void **)&C.right, &C.capr, C.n + nc + 1, 1);
    C.dec[C.nd++] = (decision){C.n, nc, c->weight, group, pd->hand_best >= 0 && lab[pd->hand_best], c->ex != NULL, (uint8_t)c->heldout};
    for (size_t k = 0; k < nc; k++) {
        size_t nf = pd->nfeat[k];
        grow((void **)&C.feats, &C.capf, C.nf + nf, sizeof *C.feats);
        C.f0[C.n] = C.nf;
        C.right[C.n] = lab[k];
        memcpy(C.feats + C.nf, pd->feats + k * PRON_MAX_FEATS, nf * sizeof *C.feats);
        C.nf += nf;
        C.n++;
    }
    C.f0[C.n] = C.nf;
    c->collected++;
}

int main(int argc, char **argv)
{
    const char *model_path = NULL, *out = NULL;
    const char *dirs[16], *gaps[8];
    const char *eval_gap = NULL;
    int ndir = 0, ngap = 0, epochs = 10;
    uint64_t seed = 17;
    uint32_t gap_weight = 1, groups = PG_HESHE;
    float min_w = 0;
    double lr = 0;
    int use_pron = 0, runs = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--model") && i + 1 < argc) model_path = argv[++i];
        else if (!strcmp(argv[i], "-o") && i + 1 < argc) out = argv[++i];
        else if (!strcmp(argv[i], "--epochs") && i + 1 < argc) epochs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc) seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--gap-weight") && i + 1 < argc) gap_weight = (uint32_t)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--groups") && i + 1 < argc) groups = (uint32_t)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--min-weight") && i + 1 < argc) min_w = strtof(argv[++i], NULL);
        else if (!strcmp(argv[i], "--log-rate") && i + 1 < argc) lr = atof(argv[++i]);
        else if (!strcmp(argv[i], "--use-pron")) use_pron = 1;
        else if (!strcmp(argv[i], "--runs") && i + 1 < argc) runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--gap") && i + 1 < argc && ngap < 8) gaps[ngap++] = argv[++i];
        else if (!strcmp(argv[i], "--eval-gap") && i + 1 < argc) eval_gap = argv[++i];
        else if (argv[i][0] != '-' && ndir < 16) {
            dirs[ndir++] = argv[i];
        } else {
            fprintf(stderr, "train_pron: unknown or extra argument %s\n", argv[i]);
            return 2;
        }
    }
    if (!out || (!ndir && !ngap) || epochs < 1 || !groups || runs < 1) {
        fprintf(stderr, "usage: train_pron [--model FILE] [--epochs N] [--seed S] [--runs R] [--log-rate L] "
                        "[--gap-weight W] [--groups G] [--min-weight X] [--use-pron] [--eval-gap GAP.tsv] -o OUT "
                        "[--gap GAP.tsv]... [CONLL_DIR]...\n");
        return 2;
    }
    coref_model *model = tool_load_model("train_pron", model_path);
    if (!model) return 1;
    model->no_pron = !use_pron;   /* collect the hand-set pass's decisions (--use-pron: the model's scorer's) */
    coref_error err;
    const coref_options opts = coref_default_options();
    int ngap_train = ngap;
    if (eval_gap) gaps[ngap++] = eval_gap;
    for (int gi = 0; gi < ngap; gi++) {
        gap_set set;
        if (gap_read(gaps[gi], &set) != 0) return 1;
        size_t got = 0, nopos = 0, allpos = 0, seen = 0;
        for (size_t e = 0; e < set.n; e++) {
            struct coref_doc *d = NULL;
            if (coref_doc_analyze(model, set.ex[e].text, set.ex[e].len, &opts, &d, &err) != COREF_OK ||
                mention_detect_path(model, NULL, d, MD_AUTO) != 0) {
                fprintf(stderr, "train_pron: %s: pipeline failed\n", set.ex[e].id);
                return 1;
            }
            ctx c = {NULL, &set.ex[e], -1, {-1, -1}, gap_weight, gi >= ngap_train, 0, 0, 0, 0};
            gap_locate(d, &set.ex[e], &c.pm, c.nm);
            if (coref_resolve_hook(model, d, hook, &c) != 0) return 1;
            got += c.collected;
            nopos += c.nopos;
            allpos += c.allpos;
            seen += c.seen;
            coref_doc_free(d);
        }
        fprintf(stderr, "train_pron: %s: %zu examples, %zu pronoun decisions, %zu used (%zu no right candidate, %zu all right)\n",
                gaps[gi], set.n, seen, got, nopos, allpos);
        gap_free(&set);
    }
    for (int di = 0; di < ndir; di++) {
        size_t got = 0, ndocs = 0;
        corpus cp;
        if (corpus_load(model, dirs[di], &cp) != 0) {
            fprintf(stderr, "train_pron: cannot analyse %s\n", dirs[di]);
            return 1;
        }
        for (size_t k = 0; k < cp.n; k++) {
            struct coref_doc *d = cp.docs[k].d;
            /* the mentions afresh: the pipeline's resolution set their links */
            if (mention_detect_path(model, NULL, d, MD_AUTO) != 0) {
                fprintf(stderr, "train_pron: %s: pipeline failed\n", cp.docs[k].gold->name);
                return 1;
            }
            int64_t *gold = corpus_gold_entities(d, cp.docs[k].gold);
            if (!gold) return 1;
            ctx c = {gold, NULL, -1, {-1, -1}, 1, 0, 0, 0, 0, 0};
            if (coref_resolve_hook(model, d, hook, &c) != 0) return 1;
            got += c.collected;
            ndocs++;
            free(gold);
        }
        corpus_free(&cp);
        fprintf(stderr, "train_pron: %s: %zu documents, %zu decisions\n", dirs[di], ndocs, got);
    }
    /* the ranking perceptron, averaged (w - u / c) */
    double *w = calloc(PRON_NW, sizeof *w), *u = calloc(PRON_NW, sizeof *u);
    size_t *order = NULL, norder = 0, cap = 0;
    if (!w || !u) return 1;
    for (size_t q = 0; q < C.nd; q++) {
        if (!(C.dec[q].group & groups) || C.dec[q].heldout) continue;
        for (uint32_t r = 0; r < C.dec[q].weight; r++) {
            grow((void **)&order, &cap, norder + 1, sizeof *order);
            order[norder++] = q;
        }
    }
    if (!seed) seed = 17;
    double *sum = calloc(PRON_NW, sizeof *sum);
    if (!sum) return 1;
    for (int run = 0; run < runs; run++) {
    memset(w, 0, PRON_NW * sizeof *w);
    memset(u, 0, PRON_NW * sizeof *u);
    double cnt = 1;
    for (int ep = 1; ep <= epochs; ep++) {
        for (size_t k = norder; k > 1; k--) {
            size_t r = (size_t)(rng_next(&seed) % k);
            size_t t = order[k - 1];
            order[k - 1] = order[r];
            order[r] = t;
        }
        size_t mistakes = 0, wrong_top = 0, hand_wrong = 0, gap_wrong = 0, gap_hand_wrong = 0, ngapd = 0;
        for (size_t o = 0; o < norder; o++) {
            const decision *dc = &C.dec[order[o]];
            size_t tgt = SIZE_MAX, pred = SIZE_MAX, top = SIZE_MAX;
            float ts = 0, ps = 0, bs = 0;
            for (size_t k = dc->c0; k < dc->c0 + dc->nc; k++) {
                float s = 0;
                for (size_t f = C.f0[k]; f < C.f0[k + 1]; f++) s += (float)w[C.feats[f]];
                if (top == SIZE_MAX || s > bs) top = k, bs = s;
                if (C.right[k]) {
                    if (tgt == SIZE_MAX || s > ts) tgt = k, ts = s;
                } else if (pred == SIZE_MAX || s + 1 > ps) {
                    pred = k, ps = s + 1;   /* margin */
                }
            }
            wrong_top += !C.right[top];
            hand_wrong += !dc->hand_right;
            ngapd += dc->gap;
            gap_wrong += dc->gap && !C.right[top];
            gap_hand_wrong += dc->gap && !dc->hand_right;
            if (lr > 0) {
                /* softmax ranking: maximize log P(right) = log sum of the right candidates' probabilities */
                double z = 0, zr = 0, p[512];
                size_t nc = dc->nc < 512 ? dc->nc : 512;
                for (size_t k = 0; k < nc; k++) {
                    float s = 0;
                    for (size_t f = C.f0[dc->c0 + k]; f < C.f0[dc->c0 + k + 1]; f++) s += (float)w[C.feats[f]];
                    p[k] = exp((double)(s - bs));
                    z += p[k];
                    if (C.right[dc->c0 + k]) zr += p[k];
                }
                for (size_t k = 0; k < nc; k++) {
                    double g = (C.right[dc->c0 + k] ? p[k] / zr : 0) - p[k] / z;
                    if (g > -1e-9 && g < 1e-9) continue;
                    g *= lr;
                    for (size_t f = C.f0[dc->c0 + k]; f < C.f0[dc->c0 + k + 1]; f++)
                        w[C.feats[f]] += g, u[C.feats[f]] += g * cnt;
                }
                mistakes += ps >= ts;
            } else if (ps >= ts) {
                mistakes++;
                for (size_t f = C.f0[tgt]; f < C.f0[tgt + 1]; f++) w[C.feats[f]] += 1, u[C.feats[f]] += cnt;
                for (size_t f = C.f0[pred]; f < C.f0[pred + 1]; f++) w[C.feats[f]] -= 1, u[C.feats[f]] -= cnt;
            }
            cnt++;
        }
        fprintf(stderr, "epoch %d: %zu decisions, %zu margin violations, %zu wrong (hand-set %zu); GAP %zu, wrong %zu (hand-set %zu)\n",
                ep, norder, mistakes, wrong_top, hand_wrong, ngapd, gap_wrong, gap_hand_wrong);
    }
    for (uint32_t i = 0; i < PRON_NW; i++) sum[i] += (w[i] - u[i] / cnt) / runs;
    }
    /* averaged weights (over epochs and runs), the scale of the margin */
    mf_writer wr;
    mf_writer_init(&wr);
    uint32_t nnz = 0;
    float *avg = calloc(PRON_NW, sizeof *avg);
    if (!avg) return 1;
    for (uint32_t i = 0; i < PRON_NW; i++) {
        avg[i] = (float)sum[i];
        if (fabsf(avg[i]) > min_w && avg[i] != 0) nnz++;
    }
    size_t aw = 0, agw = 0, ag = 0, hw = 0, hn = 0, hh = 0;
    for (size_t q = 0; q < C.nd; q++) {
        const decision *dc = &C.dec[q];
        if (!(dc->group & groups)) continue;
        size_t top = SIZE_MAX;
        float bs = 0;
        for (size_t k = dc->c0; k < dc->c0 + dc->nc; k++) {
            float s = 0;
            for (size_t f = C.f0[k]; f < C.f0[k + 1]; f++) s += avg[C.feats[f]];
            if (top == SIZE_MAX || s > bs) top = k, bs = s;
        }
        if (dc->heldout) {
            hn++;
            hw += !C.right[top];
            hh += !dc->hand_right;
            continue;
        }
        aw += !C.right[top];
        ag += dc->gap;
        agw += dc->gap && !C.right[top];
    }
    if (hn) fprintf(stderr, "held out (%s): %zu decisions, %zu wrong (hand-set %zu)\n", eval_gap, hn, hw, hh);
    fprintf(stderr, "averaged weights: %zu wrong of the training decisions; GAP %zu of %zu\n", aw, agw, ag);
    mfw_u32(&wr, PRON_VERSION);
    mfw_u32(&wr, groups);
    mfw_f32(&wr, 10.0f);
    mfw_u32(&wr, nnz);
    for (uint32_t i = 0; i < PRON_NW; i++)
        if (fabsf(avg[i]) > min_w && avg[i] != 0) {
            mfw_u32(&wr, i);
            mfw_f32(&wr, avg[i]);
        }
    FILE *fo = fopen(out, "wb");
    if (wr.err || !fo || fwrite(wr.p, 1, wr.n, fo) != wr.n || fclose(fo) != 0) {
        fprintf(stderr, "train_pron: cannot write %s\n", out);
        return 1;
    }
    fprintf(stderr, "train_pron: wrote %s (%u weights, %zu bytes)\n", out, nnz, wr.n);
    mf_writer_free(&wr);
    free(w);
    free(u);
    free(avg);
    free(sum);
    free(order);
    coref_model_free(model);
    return 0;
}
