/* train_confidence: learn the confidence of the resolved text's
 * replacements (src/rewrite/confidence.h) and write the model's CONF
 * section.
 *
 *   train_confidence [--model FILE] [--dev DIR] [--precision P] [--l2 L]
 *                    [--iters N] -o OUT [TRAIN_DIR | --partial TRAIN_DIR]...
 *
 * Each TRAIN_DIR (OntoGUM, LitBank train) runs through our pipeline on its
 * given tokens (as tools/dev_coref does). Every replacement the resolved
 * text would make with --all --nominals and no threshold is an example,
 * right when the name written is in the replaced mention's gold entity
 * (tools/common/resolved_gold.h). A --partial folder's scheme annotates
 * only some kinds of entity (LitBank), so a replaced mention that is no gold
 * mention there says nothing and is left out. A logistic regression over the dense
 * features of confidence.h is fitted by full-batch gradient descent with an
 * L2 penalty (default 1e-4, 10000 steps of 0.5; no randomness: same data,
 * same bytes). With
 * --dev (GUM dev), the default threshold is the lowest one (in steps of
 * 0.01) at which the default resolved text's replacements on DIR reach
 * precision P (default 0.90); without it, 0.5. Reliability by confidence
 * bins is printed for the training set and for DIR. */
#include "common/corpus.h"
#include "common/resolved_gold.h"
#include "common/tool_model.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coref.h"
#include "core/buf.h"
#include "core/doc.h"
#include "core/model.h"
#include "ml/modelfile.h"
#include "rewrite/confidence.h"
#include "rewrite/rewrite.h"

typedef struct examples {
    float *x;       /* n * CF_N */
    unsigned char *y;
    size_t n, cap;
} examples;

/* The replacements of every document of c under opts as examples (x may be
 * NULL: labels and confidences only, into ex->y and conf). */
static int collect(const corpus *c, const rw_opts *opts, examples *ex, float **conf, size_t *nconf, int partial)
{
    for (size_t i = 0; i < c->n; i++) {
        const struct coref_doc *d = c->docs[i].d;
        buf_t out;
        buf_init(&out);
        rw_edit *ed = NULL;
        size_t ne = 0;
        if (rewrite_text_edits(d, opts, &out, &ed, &ne) != 0) return -1;
        for (size_t k = 0; k < ne; k++) {
            int right = rg_edit_right(d, c->docs[i].gold, &ed[k]);
            if (partial && right < 0) continue;   /* a scheme that annotates some entities only */
            if (ex->n == ex->cap) {
                ex->cap = ex->cap ? 2 * ex->cap : 1024;
                ex->x = realloc(ex->x, ex->cap * CF_N * sizeof *ex->x);
                ex->y = realloc(ex->y, ex->cap);
                if (conf) *conf = realloc(*conf, ex->cap * sizeof **conf);
                if (!ex->x || !ex->y || (conf && !*conf)) return -1;
            }
            rewrite_edit_features(d, &ed[k], ex->x + ex->n * CF_N);
            /* the trainer's features are the ones the rewrite scored */
            if (ed[k].conf >= 0 && d->model->conf &&
                fabs(conf_prob(d->model->conf, ex->x + ex->n * CF_N) - ed[k].conf) > 1e-5) {
                fprintf(stderr, "train_confidence: features differ from the rewrite's (mention %d)\n", ed[k].mention);
                return -1;
            }
            ex->y[ex->n] = right == 1;
            if (conf) (*conf)[ex->n] = ed[k].conf;
            ex->n++;
        }
        if (nconf) *nconf = ex->n;
        free(ed);
        buf_free(&out);
    }
    return 0;
}

static double sigm(double z) { return 1 / (1 + exp(-z)); }

/* Full-batch gradient descent on the mean log loss + l2/2 |w|^2 (bias free). */
static void fit(const examples *ex, double l2, int iters, double *w)
{
    double g[CF_N];
    memset(w, 0, CF_N * sizeof *w);
    double rate = 0.5;
    for (int it = 0; it < iters; it++) {
        memset(g, 0, sizeof g);
        for (size_t i = 0; i < ex->n; i++) {
            const float *x = ex->x + i * CF_N;
            double z = 0;
            for (int f = 0; f < CF_N; f++) z += w[f] * x[f];
            double e = sigm(z) - ex->y[i];
            for (int f = 0; f < CF_N; f++) g[f] += e * x[f];
        }
        for (int f = 0; f < CF_N; f++) {
            double gr = g[f] / (double)ex->n + (f ? l2 * w[f] : 0);
            w[f] -= rate * gr;
        }
    }
}

static void reliability(const char *what, const float *p, const unsigned char *y, size_t n)
{
    double cnt[10] = {0}, sp[10] = {0}, sy[10] = {0}, ll = 0, brier = 0;
    for (size_t i = 0; i < n; i++) {
        int b = (int)(p[i] * 10);
        if (b > 9) b = 9;
        if (b < 0) b = 0;
        cnt[b]++;
        sp[b] += p[i];
        sy[b] += y[i];
        double q = p[i] < 1e-6 ? 1e-6 : p[i] > 1 - 1e-6 ? 1 - 1e-6 : p[i];
        ll -= y[i] ? log(q) : log(1 - q);
        brier += (p[i] - y[i]) * (p[i] - y[i]);
    }
    printf("%s: %zu replacements, log loss %.4f, Brier %.4f; reliability (confidence bin: count, mean "
           "confidence, share right)\n", what, n, n ? ll / (double)n : 0, n ? brier / (double)n : 0);
    for (int b = 0; b < 10; b++)
        if (cnt[b])
            printf("  [%.1f, %.1f)  %5.0f  %.3f  %.3f\n", b / 10.0, (b + 1) / 10.0, cnt[b], sp[b] / cnt[b],
                   sy[b] / cnt[b]);
}

int main(int argc, char **argv)
{
    const char *model_path = NULL, *out_path = NULL, *dev_dir = NULL;
    double target = 0.90, l2 = 1e-4;
    int iters = 10000;
    const char *dirs[16];
    int partial[16] = {0};
    int ndirs = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--model") && i + 1 < argc) model_path = argv[++i];
        else if (!strcmp(argv[i], "-o") && i + 1 < argc) out_path = argv[++i];
        else if (!strcmp(argv[i], "--dev") && i + 1 < argc) dev_dir = argv[++i];
        else if (!strcmp(argv[i], "--precision") && i + 1 < argc) target = atof(argv[++i]);
        else if (!strcmp(argv[i], "--l2") && i + 1 < argc) l2 = atof(argv[++i]);
        else if (!strcmp(argv[i], "--iters") && i + 1 < argc) iters = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--partial") && i + 1 < argc && ndirs < 16) {
            partial[ndirs] = 1;
            dirs[ndirs++] = argv[++i];
        } else if (argv[i][0] != '-' && ndirs < 16) dirs[ndirs++] = argv[i];
        else {
            ndirs = 0;
            break;
        }
    }
    if (!out_path || !ndirs) {
        fprintf(stderr, "usage: train_confidence [--model FILE] [--dev DIR] [--precision P] [--l2 L] [--iters N] "
                        "-o OUT [TRAIN_DIR | --partial TRAIN_DIR]...\n");
        return 2;
    }
    coref_model *model = tool_load_model("train_confidence", model_path);
    if (!model) return 1;
    /* the examples: every replacement, no threshold (a CONF section in the
     * model is not used while collecting) */
    struct rw_conf *shipped = model->conf;
    model->conf = NULL;
    examples ex = {0};
    const rw_opts every = {1, 1, 0};
    for (int k = 0; k < ndirs; k++) {
        corpus c;
        if (corpus_load(model, dirs[k], &c) != 0 || collect(&c, &every, &ex, NULL, NULL, partial[k]) != 0) {
            fprintf(stderr, "train_confidence: %s failed\n", dirs[k]);
            return 1;
        }
        printf("%s: %zu documents, %zu replacements so far\n", dirs[k], c.n, ex.n);
        corpus_free(&c);
    }
    double w[CF_N];
    fit(&ex, l2, iters, w);
    float wf[CF_N];
    for (int f = 0; f < CF_N; f++) wf[f] = (float)w[f];
    rw_conf trained = {CF_N, 0, wf};
    float *p = malloc((ex.n + 1) * sizeof *p);
    size_t right = 0;
    for (size_t i = 0; i < ex.n; i++) {
        p[i] = (float)conf_prob(&trained, ex.x + i * CF_N);
        right += ex.y[i];
    }
    printf("train: %zu replacements (--all --nominals), %.2f%% right\n", ex.n, ex.n ? 100.0 * right / ex.n : 0);
    reliability("train", p, ex.y, ex.n);
    free(p);
    float thr = 0.5f;
    if (dev_dir) {
        corpus dev;
        if (corpus_load(model, dev_dir, &dev) != 0) return 1;
        model->conf = &trained;
        /* reliability of the sieve's replacements (default rule, no threshold) */
        examples dx = {0};
        float *dconf = NULL;
        const rw_opts nothr = {0, 0, 0};
        if (collect(&dev, &nothr, &dx, &dconf, NULL, 0) != 0) return 1;
        reliability(dev_dir, dconf, dx.y, dx.n);
        /* the threshold: the lowest reaching the precision asked for */
        int chosen = -1;
        for (int t = 0; t <= 99; t++) {
            examples tx = {0};
            const rw_opts o = {0, 0, t / 100.0};
            if (collect(&dev, &o, &tx, NULL, NULL, 0) != 0) return 1;
            size_t r = 0;
            for (size_t i = 0; i < tx.n; i++) r += tx.y[i];
            double prec = tx.n ? (double)r / (double)tx.n : 0;
            if (t % 5 == 0 || (chosen < 0 && prec >= target && tx.n >= 10))
                printf("  threshold %.2f: %zu replacements, %zu right, precision %.2f%%\n", t / 100.0, tx.n, r,
                       100 * prec);
            if (chosen < 0 && prec >= target && tx.n >= 10) chosen = t;
            free(tx.x);
            free(tx.y);
        }
        thr = chosen >= 0 ? (float)chosen / 100 : 0.99f;
        printf("default threshold %.2f (precision at least %.0f%% on %s)\n", thr, 100 * target, dev_dir);
        free(dx.x);
        free(dx.y);
        free(dconf);
        model->conf = NULL;
        corpus_free(&dev);
    }
    mf_writer wr;
    mf_writer_init(&wr);
    mfw_u32(&wr, CONF_VERSION);
    mfw_u32(&wr, CF_N);
    mfw_f32(&wr, thr);
    for (int f = 0; f < CF_N; f++) mfw_f32(&wr, wf[f]);
    FILE *fo = fopen(out_path, "wb");
    if (wr.err || !fo || fwrite(wr.p, 1, wr.n, fo) != wr.n || fclose(fo) != 0) {
        fprintf(stderr, "train_confidence: cannot write %s\n", out_path);
        return 1;
    }
    printf("wrote %s: %zu bytes (%d weights)\n", out_path, wr.n, CF_N);
    printf("weights:");
    for (int f = 0; f < CF_N; f++) printf(" %d:%.3f", f, w[f]);
    printf("\n");
    mf_writer_free(&wr);
    model->conf = shipped;
    free(ex.x);
    free(ex.y);
    coref_model_free(model);
    return 0;
}
