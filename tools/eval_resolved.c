/* eval_resolved: the product measured (issue 9 item 5): the resolved text's
 * replacements against gold coreference.
 *
 *   eval_resolved [--model FILE] CONLL_DIR...
 *
 * Each CONLL_DIR (GUM 3-column or LitBank) runs through the pipeline on its
 * given tokens (predicted tags and tree, system mentions, coreference, as
 * tools/dev_coref does), and the resolved text's edits (rewrite_text_edits,
 * the edits `coref resolve` makes) are judged: a replacement is right when
 * the mention whose name was written (its antecedent) is in the replaced
 * mention's gold entity (same span, or same head inside a gold mention of
 * the entity). Precision is over all replacements; recall is against the
 * pronouns a perfect system would replace (tools/common/resolved_gold.h:
 * third person, with a proper name of their gold entity earlier in the
 * text). Both are broken down by pronoun. */
#include "common/corpus.h"
#include "common/resolved_gold.h"
#include "common/tool_model.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coref.h"
#include "core/buf.h"
#include "core/doc.h"
#include "core/model.h"
#include "io/conll.h"
#include "rewrite/confidence.h"
#include "rewrite/rewrite.h"

typedef struct counts {
    double sys[RG_NGROUP], right[RG_NGROUP], nogold[RG_NGROUP];
    double want[RG_NGROUP], hit[RG_NGROUP];
    double bin_n[10], bin_conf[10], bin_right[10];   /* reliability by confidence */
} counts;

/* Reliability of the confidences: per bin of 0.1, count, mean confidence,
 * share right. */
static void print_reliability(const counts *c)
{
    double n = 0;
    for (int b = 0; b < 10; b++) n += c->bin_n[b];
    if (!n) return;
    printf("  reliability (confidence bin: replacements, mean confidence, share right):");
    for (int b = 0; b < 10; b++)
        if (c->bin_n[b])
            printf("  [%.1f,%.1f) %.0f %.2f %.2f", b / 10.0, (b + 1) / 10.0, c->bin_n[b], c->bin_conf[b] / c->bin_n[b],
                   c->bin_right[b] / c->bin_n[b]);
    printf("\n");
}

static double pct(double a, double b) { return b > 0 ? 100 * a / b : 0; }

static void print_counts(const char *title, const counts *c)
{
    printf(" %s\n", title);
    printf("  %-16s %8s %7s %7s %8s %8s %7s\n", "pronoun", "replaced", "right", "P", "wanted", "found", "R");
    counts t;
    memset(&t, 0, sizeof t);
    for (int k = 0; k < RG_NGROUP; k++) {
        if (k == RG_OTHER && !c->sys[k] && !c->want[k]) continue;
        printf("  %-16s %8.0f %7.0f %7.2f %8.0f %8.0f %7.2f\n", rg_group_names[k], c->sys[k], c->right[k],
               pct(c->right[k], c->sys[k]), c->want[k], c->hit[k], pct(c->hit[k], c->want[k]));
        t.sys[0] += c->sys[k];
        t.right[0] += c->right[k];
        t.nogold[0] += c->nogold[k];
        t.want[0] += c->want[k];
        t.hit[0] += c->hit[k];
    }
    printf("  %-16s %8.0f %7.0f %7.2f %8.0f %8.0f %7.2f   (%.0f replaced mentions are no gold mention)\n", "all",
           t.sys[0], t.right[0], pct(t.right[0], t.sys[0]), t.want[0], t.hit[0], pct(t.hit[0], t.want[0]),
           t.nogold[0]);
}

/* Judge the edits of d against g into c; `rule`: the wanted set follows the
 * default same-sentence rule. */
static int score_doc(const struct coref_doc *d, const conll_doc *g, const rw_opts *ro, counts *c)
{
    const int rule = !ro->all;
    buf_t out;
    buf_init(&out);
    rw_edit *ed = NULL;
    size_t ne = 0;
    if (rewrite_text_edits(d, ro, &out, &ed, &ne) != 0) return -1;
    unsigned char *want = calloc(g->nment + 1, 1);
    if (!want) return -1;
    rg_wanted(d, g, rule, want);
    for (size_t k = 0; k < g->nment; k++)
        if (want[k]) c->want[rg_group(d, g->ments[k].tb, g->ments[k].te)]++;
    for (size_t i = 0; i < ne; i++) {
        int grp = rg_group(d, ed[i].tb, ed[i].te);
        int r = rg_edit_right(d, g, &ed[i]);
        c->sys[grp]++;
        if (ed[i].conf >= 0) {
            int b = (int)(ed[i].conf * 10);
            b = b > 9 ? 9 : b < 0 ? 0 : b;
            c->bin_n[b]++;
            c->bin_conf[b] += ed[i].conf;
            c->bin_right[b] += r == 1;
        }
        if (r < 0) c->nogold[grp]++;
        if (r != 1 && getenv("EVAL_RESOLVED_WRONG")) {
            /* the replacement in its sentence, for error analysis */
            const sent_t *s = &d->sents[d->toks[ed[i].tb].sent];
            printf("WRONG%s %.*s [[%.*s -> %.*s]] %.*s\n", r < 0 ? " (no gold)" : "",
                   (int)(d->toks[ed[i].tb].start - d->toks[s->tok_begin].start), d->text + d->toks[s->tok_begin].start,
                   (int)(d->toks[ed[i].te - 1].end - d->toks[ed[i].tb].start), d->text + d->toks[ed[i].tb].start,
                   (int)ed[i].out_len, out.p + ed[i].out_off,
                   (int)(d->toks[s->tok_end - 1].end - d->toks[ed[i].te - 1].end), d->text + d->toks[ed[i].te - 1].end);
        }
        if (r != 1) continue;
        c->right[grp]++;
        for (size_t k = 0; k < g->nment; k++)
            if (want[k] && g->ments[k].tb == ed[i].tb && g->ments[k].te == ed[i].te) {
                c->hit[grp]++;
                break;
            }
    }
    free(want);
    free(ed);
    buf_free(&out);
    return 0;
}

/* The resolved texts measured, each with its own wanted set. */
static const struct config {
    const char *name;
    rw_opts ro;
} configs[] = {
    {"the sieve's replacements, no threshold (coref resolve --min-confidence 0)", {0, 0, 0}},
    {"at the model's default threshold (coref resolve)", {0, 0, -1}},
    {"--all, no threshold (coref resolve --all --min-confidence 0)", {0, 1, 0}},
};
#define NCONFIG ((int)(sizeof configs / sizeof configs[0]))

int main(int argc, char **argv)
{
    const char *model_path = NULL;
    int first = 1;
    while (first < argc && argv[first][0] == '-') {
        if (!strcmp(argv[first], "--model") && first + 1 < argc) {
            model_path = argv[first + 1];
            first += 2;
        } else {
            fprintf(stderr, "usage: eval_resolved [--model FILE] CONLL_DIR...\n");
            return 2;
        }
    }
    if (first >= argc) {
        fprintf(stderr, "usage: eval_resolved [--model FILE] CONLL_DIR...\n");
        return 2;
    }
    coref_model *model = tool_load_model("eval_resolved", model_path);
    if (!model) return 1;
    for (int a = first; a < argc; a++) {
        const char *dir = argv[a];
        corpus c;
        if (corpus_load(model, dir, &c) != 0) {
            fprintf(stderr, "eval_resolved: cannot read %s\n", dir);
            return 1;
        }
        counts cnt[NCONFIG];
        memset(cnt, 0, sizeof cnt);
        for (size_t i = 0; i < c.n; i++)
            for (int k = 0; k < NCONFIG; k++)
                if (score_doc(c.docs[i].d, c.docs[i].gold, &configs[k].ro, &cnt[k]) != 0) {
                    fprintf(stderr, "eval_resolved: out of memory\n");
                    return 1;
                }
        corpus_free(&c);
        printf("%s (wanted: third-person pronouns with a proper name of their gold entity earlier in the "
               "text; by default not when the sentence names the entity before them); default threshold %.2f%s\n",
               dir, model->conf ? (double)model->conf->threshold : 0.0, model->conf ? "" : " (no CONF section)");
        for (int k = 0; k < NCONFIG; k++) {
            print_counts(configs[k].name, &cnt[k]);
            if (k == 0) print_reliability(&cnt[k]);
        }
    }
    coref_model_free(model);
    return 0;
}
