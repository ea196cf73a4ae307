/* train_nominal: train the learned nominal linker (src/coref/nominal.h) and
 * write its NOML section.
 *
 *   train_nominal [--model FILE] [--groups G] [--bits B] [--epochs N]
 *                 [--lr X] [--l2 X] [--threshold P] [--veto P] [--veto-name P] [--seed S]
 *                 -o OUT CONLL_DIR...
 *
 * Each CONLL_DIR holds one document per .conll file (GUM 3-column,
 * LitBank). The documents run through our own pipeline on their given
 * tokens (predicted tags and tree, system mentions, the sieve up to the
 * linker, as coref_resolve runs it), and every candidate pair the linker
 * would score (a nominal mention, an earlier name or nominal) is an example:
 * positive when both spans are gold mentions of one entity, else negative
 * (a nominal that is no gold mention, or a singleton, should stay alone).
 *
 * A logistic regression over the hashed features (1 << B weights), trained
 * by stochastic gradient descent with L2 regularisation, the examples in a
 * seeded shuffle each epoch (tools/common/rng.h): the same data and options
 * give the same bytes. --groups picks the feature groups (NG_* of
 * nominal.h, for ablations; default all); --threshold and --veto are
 * written as the section's thresholds (chosen on dev). */
#include "common/corpus.h"
#include "common/rng.h"
#include "common/tool_model.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coref.h"
#include "core/doc.h"
#include "core/model.h"
#include "coref/nominal.h"
#include "coref/resolve.h"
#include "io/conll.h"
#include "mention/mention.h"
#include "ml/modelfile.h"

typedef struct ex {
    size_t off;      /* first feature index in feats */
    uint8_t n;
    uint8_t y;
} ex;

typedef struct col {
    ex *ex;
    size_t nex, capex;
    uint32_t *feats;
    size_t nf, capf;
    uint32_t bits;
    const int64_t *gent;   /* gold entity of each system mention, -1 (current document) */
    int oom;
} col;

static void sink(void *user, size_t i, size_t j, const uint64_t *f, size_t nf)
{
    col *c = user;
    if (c->oom) return;
    if (c->nex == c->capex) {
        size_t cap = c->capex ? 2 * c->capex : 65536;
        ex *e = realloc(c->ex, cap * sizeof *e);
        if (!e) { c->oom = 1; return; }
        c->ex = e;
        c->capex = cap;
    }
    if (c->nf + nf > c->capf) {
        size_t cap = c->capf ? 2 * c->capf : 1 << 20;
        while (cap < c->nf + nf) cap *= 2;
        uint32_t *p = realloc(c->feats, cap * sizeof *p);
        if (!p) { c->oom = 1; return; }
        c->feats = p;
        c->capf = cap;
    }
    ex *e = &c->ex[c->nex++];
    e->off = c->nf;
    e->n = (uint8_t)nf;
    e->y = c->gent[i] >= 0 && c->gent[i] == c->gent[j];
    for (size_t k = 0; k < nf; k++) c->feats[c->nf++] = noml_index(f[k], c->bits);
}

int main(int argc, char **argv)
{
    const char *model_path = NULL, *out = NULL;
    const char *dirs[16];
    int ndir = 0, epochs = 6;
    uint32_t groups = NG_ALL, bits = 18;
    double lr0 = 0.2, l2 = 1e-6;
    float thr = 0.5f, veto = 0.0f, veto_name = 0.0f;
    uint64_t seed = 11;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--model") && i + 1 < argc) model_path = argv[++i];
        else if (!strcmp(argv[i], "-o") && i + 1 < argc) out = argv[++i];
        else if (!strcmp(argv[i], "--groups") && i + 1 < argc) groups = (uint32_t)strtoul(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--bits") && i + 1 < argc) bits = (uint32_t)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--epochs") && i + 1 < argc) epochs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--lr") && i + 1 < argc) lr0 = strtod(argv[++i], NULL);
        else if (!strcmp(argv[i], "--l2") && i + 1 < argc) l2 = strtod(argv[++i], NULL);
        else if (!strcmp(argv[i], "--threshold") && i + 1 < argc) thr = strtof(argv[++i], NULL);
        else if (!strcmp(argv[i], "--veto") && i + 1 < argc) veto = strtof(argv[++i], NULL);
        else if (!strcmp(argv[i], "--veto-name") && i + 1 < argc) veto_name = strtof(argv[++i], NULL);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc) seed = strtoull(argv[++i], NULL, 10);
        else if (argv[i][0] != '-' && ndir < 16) dirs[ndir++] = argv[i];
        else {
            fprintf(stderr, "train_nominal: unknown or extra argument %s\n", argv[i]);
            return 2;
        }
    }
    if (!out || !ndir || epochs < 1 || bits < 8 || bits > 24 || !(thr >= 0 && thr <= 1) ||
        !(veto >= 0 && veto <= 1) || !(veto_name >= 0 && veto_name <= 1)) {
        fprintf(stderr, "usage: train_nominal [--model FILE] [--groups G] [--bits B] [--epochs N] [--lr X] [--l2 X] "
                        "[--threshold P] [--veto P] [--veto-name P] [--seed S] -o OUT CONLL_DIR...\n");
        return 2;
    }
    if (!seed) seed = 11;
    coref_model *model = tool_load_model("train_nominal", model_path);
    if (!model) return 1;
    col c;
    memset(&c, 0, sizeof c);
    c.bits = bits;
    size_t ndocs = 0;
    for (int di = 0; di < ndir; di++) {
        corpus cp;
        if (corpus_load(model, dirs[di], &cp) != 0) {
            fprintf(stderr, "train_nominal: cannot analyse %s\n", dirs[di]);
            return 1;
        }
        for (size_t k = 0; k < cp.n; k++) {
            struct coref_doc *d = cp.docs[k].d;
            /* the mentions afresh: the pipeline's resolution set their links */
            if (mention_detect_path(model, NULL, d, MD_AUTO) != 0) {
                fprintf(stderr, "train_nominal: %s: pipeline failed\n", cp.docs[k].gold->name);
                return 1;
            }
            int64_t *gent = corpus_gold_entities(d, cp.docs[k].gold);
            if (!gent) return 1;
            c.gent = gent;
            if (coref_resolve_collect(model, d, groups, sink, &c) != 0 || c.oom) {
                fprintf(stderr, "train_nominal: out of memory\n");
                return 1;
            }
            free(gent);
            ndocs++;
        }
        corpus_free(&cp);
    }
    size_t npos = 0;
    for (size_t k = 0; k < c.nex; k++) npos += c.ex[k].y;
    fprintf(stderr, "train_nominal: %zu documents, %zu pairs (%zu positive), %zu feature slots\n", ndocs, c.nex, npos,
            c.nf);
    size_t nw = (size_t)1 << bits;
    double *w = calloc(nw, sizeof *w);
    size_t *order = malloc((c.nex + 1) * sizeof *order);
    if (!w || !order) return 1;
    for (size_t k = 0; k < c.nex; k++) order[k] = k;
    size_t t = 0;
    for (int ep = 1; ep <= epochs; ep++) {
        for (size_t k = c.nex; k > 1; k--) {
            size_t r = (size_t)(rng_next(&seed) % k);
            size_t tmp = order[k - 1];
            order[k - 1] = order[r];
            order[r] = tmp;
        }
        double loss = 0;
        for (size_t o = 0; o < c.nex; o++, t++) {
            const ex *e = &c.ex[order[o]];
            const uint32_t *f = c.feats + e->off;
            double z = 0;
            for (size_t q = 0; q < e->n; q++) z += w[f[q]];
            double p = 1 / (1 + exp(-z));
            loss -= e->y ? log(p + 1e-12) : log(1 - p + 1e-12);
            double lr = lr0 / (1 + (double)t / (double)c.nex);
            double g = p - e->y;
            for (size_t q = 0; q < e->n; q++) w[f[q]] -= lr * (g + l2 * w[f[q]]);
        }
        fprintf(stderr, "epoch %d: mean log loss %.4f\n", ep, c.nex ? loss / (double)c.nex : 0.0);
    }
    mf_writer wr;
    mf_writer_init(&wr);
    mfw_u32(&wr, NOML_VERSION);
    mfw_u32(&wr, bits);
    mfw_f32(&wr, thr);
    mfw_f32(&wr, veto);
    mfw_f32(&wr, veto_name);
    mfw_u32(&wr, groups);
    for (size_t k = 0; k < nw; k++) mfw_f32(&wr, (float)w[k]);
    FILE *fo = fopen(out, "wb");
    int ok = !wr.err && fo && fwrite(wr.p, 1, wr.n, fo) == wr.n;
    if (fo && fclose(fo) != 0) ok = 0;
    mf_writer_free(&wr);
    if (!ok) {
        fprintf(stderr, "train_nominal: cannot write %s\n", out);
        return 1;
    }
    free(w);
    free(order);
    free(c.ex);
    free(c.feats);
    coref_model_free(model);
    return 0;
}
