/* eval_gap: the GAP pronoun-name task (Webster et al. 2018) scored as the
 * GAP paper scores it.
 *
 *   eval_gap [--model FILE] [--verbose] [--label NAME] [--sieve-alone] GAP.tsv
 *
 * GAP.tsv: the dataset's TSV (header row; ID, Text, Pronoun,
 * Pronoun-offset, A, A-offset, A-coref, B, B-offset, B-coref, URL; offsets
 * in code points). Each Text is analysed as raw text by the whole pipeline
 * (coref_doc_analyze, default options: the snippet-context setting, the URL
 * is not used). The pronoun's mention is the mention that begins at the
 * pronoun's token (else the smallest one containing it); a name's mention is
 * the smallest mention containing every token the name overlaps (else the
 * smallest whose head lies in the name), an apposition's host noun phrase
 * rather than the apposition. The system says the pronoun
 * corefers with the name when both mentions are in one cluster; no mention,
 * no link.
 * Scores (the official gap_scorer.py): each example gives two labelled
 * pairs (A and B); true/false positives and negatives are counted over the
 * pairs, P = tp/(tp+fp), R = tp/(tp+fn), F1; overall, for masculine (he,
 * him, his, himself) and feminine (she, her, hers, herself) pronouns, and
 * the bias: feminine F1 / masculine F1.
 * --sieve-alone leaves out the model's learned nominal linker and pronoun
 * scorer (the hand-written sieve, for comparison in the same run).
 * --verbose lists every wrong pair with a cause and the mentions' attributes
 * (error analysis), then counts of the causes. */
#include "common/gap.h"
#include "common/tool_model.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coref.h"
#include "core/doc.h"
#include "core/model.h"

typedef struct counts { double tp, fp, fn, tn; } counts;

static void cnt_add(counts *c, int gold, int sys)
{
    if (gold && sys) c->tp++;
    else if (gold) c->fn++;
    else if (sys) c->fp++;
    else c->tn++;
}

static double f1_of(const counts *c)
{
    double p = c->tp + c->fp > 0 ? c->tp / (c->tp + c->fp) : 0, r = c->tp + c->fn > 0 ? c->tp / (c->tp + c->fn) : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void cnt_print(const char *what, const counts *c)
{
    double p = c->tp + c->fp > 0 ? c->tp / (c->tp + c->fp) : 0, r = c->tp + c->fn > 0 ? c->tp / (c->tp + c->fn) : 0;
    printf("  %-10s P %6.2f  R %6.2f  F1 %6.2f   (tp %.0f fp %.0f fn %.0f tn %.0f)\n", what, 100 * p, 100 * r,
           100 * f1_of(c), c->tp, c->fp, c->fn, c->tn);
}

static void put_ment(const struct coref_doc *d, long k)
{
    if (k < 0) {
        printf("-");
        return;
    }
    const mention_t *m = &d->ments[k];
    printf("[%.*s]{%s,%s,%s,%s,c%d%s}", (int)(d->toks[m->te - 1].end - d->toks[m->tb].start),
           d->text + d->toks[m->tb].start, mkind_name(m->kind), etype_name(m->etype), gender_name(m->gender),
           number_name(m->number), m->cluster, m->flags & MF_NONREF ? ",nonref" : "");
}

enum { C_NOPRON, C_PRONFREE, C_NONAME, C_OTHER_NAME, C_ELSEWHERE, C_FP, C_FP_BOTH, C_NCAUSE };
static const char *const cause_names[C_NCAUSE] = {
    "FN pronoun not a mention", "FN pronoun in no cluster", "FN name not a mention",
    "FN pronoun linked to the other name", "FN pronoun linked elsewhere", "FP linked to a wrong name",
    "FP linked to both names"};

int main(int argc, char **argv)
{
    const char *model_path = NULL, *path = NULL, *label = NULL;
    int verbose = 0, sieve_alone = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--model") && i + 1 < argc) model_path = argv[++i];
        else if (!strcmp(argv[i], "--label") && i + 1 < argc) label = argv[++i];
        else if (!strcmp(argv[i], "--verbose")) verbose = 1;
        else if (!strcmp(argv[i], "--sieve-alone")) sieve_alone = 1;
        else if (!path) path = argv[i];
        else path = NULL, i = argc;
    }
    if (!path) {
        fprintf(stderr, "usage: eval_gap [--model FILE] [--verbose] [--label NAME] [--sieve-alone] GAP.tsv\n");
        return 2;
    }
    coref_error err;
    coref_model *model = tool_load_model("eval_gap", model_path);
    if (!model) return 1;
    struct noml_model *noml_had = model->nominal;
    if (sieve_alone) {
        model->nominal = NULL;
        model->no_pron = 1;
    }
    gap_set set;
    if (gap_read(path, &set) != 0) {
        fprintf(stderr, "eval_gap: cannot read %s\n", path);
        return 1;
    }
    counts all = {0, 0, 0, 0}, masc = {0, 0, 0, 0}, fem = {0, 0, 0, 0};
    size_t nex = 0, nopron = 0, noname = 0, cause[C_NCAUSE] = {0};
    const coref_options opts = coref_default_options();
    for (size_t e = 0; e < set.n; e++) {
        const gap_example *ex = &set.ex[e];
        struct coref_doc *d = NULL;
        if (coref_doc_analyze(model, ex->text, ex->len, &opts, &d, &err) != COREF_OK) {
            fprintf(stderr, "eval_gap: %s: %s\n", ex->id, err.message);
            return 1;
        }
        nex++;
        long pm, nm[2];
        gap_locate(d, ex, &pm, nm);
        nopron += pm < 0;
        noname += (nm[0] < 0) + (nm[1] < 0);
        int sys[2], gold[2];
        for (int k = 0; k < 2; k++) {
            gold[k] = ex->gold[k];
            sys[k] = pm >= 0 && nm[k] >= 0 && d->ments[pm].cluster >= 0 && d->ments[pm].cluster == d->ments[nm[k]].cluster;
        }
        counts *g = ex->feminine ? &fem : &masc;
        for (int k = 0; k < 2; k++) {
            cnt_add(&all, gold[k], sys[k]);
            cnt_add(g, gold[k], sys[k]);
            if (gold[k] == sys[k]) continue;
            int c = gold[k] ? (pm < 0 ? C_NOPRON : nm[k] < 0 ? C_NONAME : d->ments[pm].cluster < 0 ? C_PRONFREE
                               : sys[!k] ? C_OTHER_NAME : C_ELSEWHERE)
                            : (sys[!k] ? C_FP_BOTH : C_FP);
            cause[c]++;
            if (!verbose) continue;
            printf("%s %c %s: %s | pron ", ex->id, 'A' + k, cause_names[c], ex->name[k]);
            put_ment(d, pm);
            printf(" | A ");
            put_ment(d, nm[0]);
            printf(" | B ");
            put_ment(d, nm[1]);
            if (pm >= 0 && d->ments[pm].cluster >= 0) {
                /* the pronoun's nearest earlier cluster-mate */
                long prev = -1;
                for (long j = 0; j < (long)d->nment; j++)
                    if (j != pm && d->ments[j].cluster == d->ments[pm].cluster && (prev < 0 || j < pm)) prev = j;
                printf(" | linked ");
                put_ment(d, prev);
            }
            printf("\n");
        }
        coref_doc_free(d);
    }
    printf("GAP %s: %zu examples, %zu pairs (pronoun not found as a mention: %zu, names not found: %zu)\n",
           label ? label : path, nex, 2 * nex, nopron, noname);
    cnt_print("overall", &all);
    cnt_print("masculine", &masc);
    cnt_print("feminine", &fem);
    double fm = f1_of(&masc), ff = f1_of(&fem);
    printf("  bias (F/M F1) %.3f\n", fm > 0 ? ff / fm : 0.0);
    if (verbose)
        for (int c = 0; c < C_NCAUSE; c++) printf("  %-40s %zu\n", cause_names[c], cause[c]);
    gap_free(&set);
    model->nominal = noml_had;
    coref_model_free(model);
    return 0;
}
