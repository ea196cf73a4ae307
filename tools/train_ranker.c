/* train_ranker: train the mention ranker (src/coref/rank.h) and write its
 * RANK section.
 *
 *   train_ranker [--model FILE] [--epochs N] [--seed S] [--prune X]
 *                [--cost-fa A] [--cost-fn B] [--cost-wl C] [--save-each]
 *                -o OUT [CONLL_DIR | --partial CONLL_DIR]...
 *
 * Each CONLL_DIR holds one document per .conll file (GUM 3-column,
 * LitBank). The documents run through our own pipeline on their given
 * tokens (predicted tags and tree, system mentions, the sieve, as
 * tools/dev_coref does), and each system mention takes the gold entity of
 * the gold mention with exactly its span. A --partial directory's scheme
 * annotates only some kinds of entity (LitBank: people, places,
 * organisations, facilities, vehicles), so its system mentions that match
 * no gold mention are left out as anaphors (nothing says they start a new
 * entity); in a full scheme (OntoGUM) they are taught to stay alone.
 *
 * Objective: a latent-antecedent structured perceptron (Durrett & Klein
 * 2013): the right decision for a mention is any earlier candidate of its
 * gold entity (the best-scoring one is the latent target), or "new" when it
 * has none (first mentions, and system mentions that match no gold one).
 * The prediction is cost-augmented: false anaphor (linked, gold new), false
 * new (new, gold linked) and wrong link each add their cost to a wrong
 * candidate's score. Documents are visited in a seeded shuffle; weights are
 * averaged; same data and options give the same bytes. */
#include "common/conll_dir.h"
#include "common/tool_model.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coref.h"
#include "core/doc.h"
#include "core/fileio.h"
#include "core/model.h"
#include "coref/rank.h"
#include "coref/resolve.h"
#include "io/conll.h"
#include "mention/mention.h"
#include "ml/modelfile.h"
#include "ml/perceptron.h"

typedef struct tdoc {
    struct coref_doc *d;
    rank_ctx *ctx;
    int32_t *gold;   /* gold entity of each system mention, -1 */
    int partial;     /* the scheme leaves some entities out: skip unmatched anaphors */
} tdoc;


/* Run the pipeline on one CoNLL document and match its gold mentions. */
static int load_doc(const coref_model *model, const conll_doc *g, tdoc *out)
{
    coref_error err;
    const coref_options opts = coref_default_options();
    struct coref_doc *d = NULL;
    if (coref_doc_analyze_tokens(model, (const char *const *)g->tok, g->toklen, g->sent_start, g->ntok, &opts, &d,
                                 &err) != COREF_OK)
        return -1;
    if (mention_detect_path(model, NULL, d, MD_AUTO) != 0 || coref_resolve(model, d) != 0) {
        coref_doc_free(d);
        return -1;
    }
    out->d = d;
    out->ctx = rank_ctx_new(d);
    out->gold = malloc((d->nment + 1) * sizeof *out->gold);
    if (!out->ctx || !out->gold) return -1;
    for (size_t i = 0; i < d->nment; i++) {
        out->gold[i] = -1;
        for (size_t k = 0; k < g->nment; k++)
            if (g->ments[k].tb == d->ments[i].tb && g->ments[k].te == d->ments[i].te) {
                out->gold[i] = (int32_t)g->ments[k].entity;
                break;
            }
    }
    return 0;
}

static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static int save(pc_train *t, const char *path, float prune)
{
    mf_writer w;
    mf_writer_init(&w);
    mfw_u32(&w, RANK_FORMAT_VERSION);
    mfw_f32(&w, 1.0f);
    pc_train_save(t, &w, prune);
    FILE *f = fopen(path, "wb");
    int ok = !w.err && f && fwrite(w.p, 1, w.n, f) == w.n;
    if (f && fclose(f) != 0) ok = 0;
    mf_writer_free(&w);
    return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
    const char *model_path = NULL, *out = NULL;
    const char *dirs[16];
    int partial[16];
    int ndir = 0, epochs = 8, save_each = 0;
    uint64_t seed = 9;
    float prune = 0.5f, cost_fa = 1.0f, cost_fn = 1.0f, cost_wl = 1.0f;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--model") && i + 1 < argc) model_path = argv[++i];
        else if (!strcmp(argv[i], "-o") && i + 1 < argc) out = argv[++i];
        else if (!strcmp(argv[i], "--epochs") && i + 1 < argc) epochs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc) seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--prune") && i + 1 < argc) prune = strtof(argv[++i], NULL);
        else if (!strcmp(argv[i], "--cost-fa") && i + 1 < argc) cost_fa = strtof(argv[++i], NULL);
        else if (!strcmp(argv[i], "--cost-fn") && i + 1 < argc) cost_fn = strtof(argv[++i], NULL);
        else if (!strcmp(argv[i], "--cost-wl") && i + 1 < argc) cost_wl = strtof(argv[++i], NULL);
        else if (!strcmp(argv[i], "--save-each")) save_each = 1;
        else if (!strcmp(argv[i], "--partial") && i + 1 < argc && ndir < 16) {
            partial[ndir] = 1;
            dirs[ndir++] = argv[++i];
        } else if (argv[i][0] != '-' && ndir < 16) {
            partial[ndir] = 0;
            dirs[ndir++] = argv[i];
        }
        else {
            fprintf(stderr, "train_ranker: unknown or extra argument %s\n", argv[i]);
            return 2;
        }
    }
    if (!out || !ndir || epochs < 1) {
        fprintf(stderr, "usage: train_ranker [--model FILE] [--epochs N] [--seed S] [--prune X] [--cost-fa A] "
                        "[--cost-fn B] [--cost-wl C] [--save-each] -o OUT [CONLL_DIR | --partial CONLL_DIR]...\n");
        return 2;
    }
    if (!seed) seed = 9;
    coref_error err;
    coref_model *model = tool_load_model("train_ranker", model_path);
    if (!model) return 1;
    tdoc *docs = NULL;
    size_t ndocs = 0, cap = 0, nment = 0;
    for (int di = 0; di < ndir; di++) {
        size_t nf = 0;
        char **files = conll_dir_list(dirs[di], &nf);
        if (!files || !nf) {
            fprintf(stderr, "train_ranker: no .conll files in %s\n", dirs[di]);
            return 1;
        }
        for (size_t fi = 0; fi < nf; fi++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dirs[di], files[fi]);
            char *data = NULL;
            size_t n = 0;
            conll_doc *cd = NULL;
            size_t ncd = 0;
            if (read_file(path, &data, &n) != 0 || conll_parse(data, n, &cd, &ncd, &err) != COREF_OK) {
                fprintf(stderr, "train_ranker: cannot read %s\n", path);
                return 1;
            }
            free(data);
            for (size_t k = 0; k < ncd; k++) {
                if (ndocs == cap) {
                    cap = cap ? 2 * cap : 256;
                    tdoc *nd = realloc(docs, cap * sizeof *docs);
                    if (!nd) return 1;
                    docs = nd;
                }
                memset(&docs[ndocs], 0, sizeof *docs);
                if (load_doc(model, &cd[k], &docs[ndocs]) != 0) {
                    fprintf(stderr, "train_ranker: %s: pipeline failed\n", path);
                    return 1;
                }
                docs[ndocs].partial = partial[di];
                nment += docs[ndocs].d->nment;
                ndocs++;
            }
            conll_docs_free(cd, ncd);
            free(files[fi]);
        }
        free(files);
    }
    fprintf(stderr, "train_ranker: %zu documents, %zu system mentions\n", ndocs, nment);
    pc_train *t = pc_train_new(1);
    size_t *order = malloc(ndocs * sizeof *order);
    int32_t cand[RANK_WINDOW + 1];
    float score[RANK_WINDOW + 1];
    uint64_t f[RANK_MAX_FEATS], g[RANK_MAX_FEATS];
    if (!t || !order) return 1;
    for (size_t k = 0; k < ndocs; k++) order[k] = k;
    for (int ep = 1; ep <= epochs; ep++) {
        /* Fisher-Yates with the seeded generator: the same order every run */
        for (size_t k = ndocs; k > 1; k--) {
            size_t r = (size_t)(rng_next(&seed) % k);
            size_t tmp = order[k - 1];
            order[k - 1] = order[r];
            order[r] = tmp;
        }
        size_t mistakes = 0, seen = 0;
        for (size_t o = 0; o < ndocs; o++) {
            const tdoc *td = &docs[order[o]];
            for (size_t i = 0; i < td->d->nment; i++) {
                if (!rank_usable(td->ctx, i) || (td->partial && td->gold[i] < 0)) continue;
                size_t nc = rank_candidates(td->ctx, i, cand);
                int32_t gi = td->gold[i];
                int has_gold = 0;
                for (size_t k = 0; k < nc; k++) {
                    size_t nf = rank_features(td->ctx, i, cand[k], f);
                    pc_train_scores(t, f, nf, &score[k]);
                    has_gold |= gi >= 0 && td->gold[cand[k]] == gi;
                }
                size_t nf = rank_features(td->ctx, i, -1, f);
                pc_train_scores(t, f, nf, &score[nc]);
                /* latent target: the best-scoring right decision */
                size_t tgt = nc;
                if (has_gold) {
                    tgt = SIZE_MAX;
                    for (size_t k = 0; k < nc; k++)
                        if (td->gold[cand[k]] == gi && (tgt == SIZE_MAX || score[k] > score[tgt])) tgt = k;
                }
                /* cost-augmented prediction */
                size_t pred = nc;
                float best = score[nc] + (has_gold ? cost_fn : 0.0f);
                for (size_t k = 0; k < nc; k++) {
                    int right = has_gold && td->gold[cand[k]] == gi;
                    float s = score[k] + (right ? 0.0f : has_gold ? cost_wl : cost_fa);
                    if (s > best) {
                        best = s;
                        pred = k;
                    }
                }
                int pred_right = pred == nc ? !has_gold : (has_gold && td->gold[cand[pred]] == gi);
                seen++;
                if (!pred_right) {
                    mistakes++;
                    size_t ng = rank_features(td->ctx, i, tgt == nc ? -1 : cand[tgt], g);
                    size_t np = rank_features(td->ctx, i, pred == nc ? -1 : cand[pred], f);
                    pc_train_add(t, g, ng, 0, 1);
                    pc_train_add(t, f, np, 0, -1);
                }
                pc_train_tick(t);
            }
        }
        fprintf(stderr, "epoch %d: %zu mistakes of %zu decisions (%.2f%%)\n", ep, mistakes, seen,
                seen ? 100.0 * (double)mistakes / (double)seen : 0.0);
        if (save_each && ep < epochs) {
            char p[4096];
            snprintf(p, sizeof p, "%s.e%d", out, ep);
            if (save(t, p, prune) != 0) {
                fprintf(stderr, "train_ranker: cannot write %s\n", p);
                return 1;
            }
        }
    }
    if (save(t, out, prune) != 0) {
        fprintf(stderr, "train_ranker: cannot write %s\n", out);
        return 1;
    }
    for (size_t k = 0; k < ndocs; k++) {
        rank_ctx_free(docs[k].ctx);
        free(docs[k].gold);
        coref_doc_free(docs[k].d);
    }
    free(docs);
    free(order);
    pc_train_free(t);
    coref_model_free(model);
    return 0;
}
