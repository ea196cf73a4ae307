/* eval_gap: the GAP pronoun-name task (Webster et al. 2018) scored as the
 * GAP paper scores it.
 *
 *   eval_gap [--model FILE] [--verbose] [--label NAME] GAP.tsv
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
 * --verbose lists every wrong pair with a cause and the mentions' attributes
 * (error analysis), then counts of the causes. */
#include "common/tool_model.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "coref.h"
#include "core/doc.h"
#include "core/fileio.h"

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

/* Byte offset of code point `cp` in s[0..n) (n when beyond the end). */
static size_t cp_to_byte(const char *s, size_t n, size_t cp)
{
    size_t b = 0;
    for (size_t k = 0; b < n && k < cp; k++) {
        b++;
        while (b < n && ((unsigned char)s[b] & 0xC0) == 0x80) b++;
    }
    return b;
}

/* Tokens overlapping bytes [b, e): [*t0, *t1); 0 when none. */
static int tok_range(const struct coref_doc *d, size_t b, size_t e, size_t *t0, size_t *t1)
{
    size_t i = 0;
    while (i < d->ntok && d->toks[i].end <= b) i++;
    if (i == d->ntok || d->toks[i].start >= e) return 0;
    *t0 = i;
    while (i < d->ntok && d->toks[i].start < e) i++;
    *t1 = i;
    return 1;
}

/* The mention of the tokens [t0, t1): the smallest containing them all,
 * else the smallest whose head lies among them; -1 when none. Appositions
 * and predicate nominals (MF_NONREF: never clustered, by the OntoGUM
 * scheme) only when no other mention qualifies: "the leader of the tribe,
 * Bawa Ardalan" is the whole noun phrase. */
static long find_mention(const struct coref_doc *d, size_t t0, size_t t1, int pronoun)
{
    long best = -1;
    for (int pass = 0; pass < 4 && best < 0; pass++)
        for (size_t k = 0; k < d->nment; k++) {
            const mention_t *m = &d->ments[k];
            if (pass < 2 && (m->flags & MF_NONREF)) continue;
            int ok = pass % 2 == 0 ? m->tb <= t0 && m->te >= t1 : m->head >= t0 && m->head < t1;
            if (pronoun && pass == 0 && m->tb == t0 && m->kind == MK_PRONOUN) return (long)k;
            if (ok && (best < 0 || m->te - m->tb < d->ments[best].te - d->ments[best].tb)) best = (long)k;
        }
    return best;
}

/* The TSV's fields of one line, in place (tabs become NULs). */
static size_t split_tabs(char *line, char **f, size_t maxf)
{
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < maxf; p++)
        if (*p == '\t') {
            *p = 0;
            f[n++] = p + 1;
        }
    return n;
}

static int feminine(const char *p)
{
    return !strcasecmp(p, "she") || !strcasecmp(p, "her") || !strcasecmp(p, "hers") || !strcasecmp(p, "herself");
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
    int verbose = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--model") && i + 1 < argc) model_path = argv[++i];
        else if (!strcmp(argv[i], "--label") && i + 1 < argc) label = argv[++i];
        else if (!strcmp(argv[i], "--verbose")) verbose = 1;
        else if (!path) path = argv[i];
        else path = NULL, i = argc;
    }
    if (!path) {
        fprintf(stderr, "usage: eval_gap [--model FILE] [--verbose] [--label NAME] GAP.tsv\n");
        return 2;
    }
    coref_error err;
    coref_model *model = tool_load_model("eval_gap", model_path);
    if (!model) return 1;
    char *data = NULL;
    size_t n = 0;
    read_file(path, &data, &n);
    if (!data) {
        fprintf(stderr, "eval_gap: cannot read %s\n", path);
        return 1;
    }
    counts all = {0, 0, 0, 0}, masc = {0, 0, 0, 0}, fem = {0, 0, 0, 0};
    size_t nex = 0, nopron = 0, noname = 0, cause[C_NCAUSE] = {0};
    const coref_options opts = coref_default_options();
    char *line = data, *end = data + n;
    int header = 1;
    while (line < end) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl) nl = end;
        *nl = 0;
        if (nl > line && nl[-1] == '\r') nl[-1] = 0;
        char *f[12];
        size_t nf = split_tabs(line, f, 12);
        line = nl + 1;
        if (header) {
            header = 0;
            continue;
        }
        if (nf < 10) continue;
        const char *text = f[1];
        size_t len = strlen(text);
        struct coref_doc *d = NULL;
        if (coref_doc_analyze(model, text, len, &opts, &d, &err) != COREF_OK) {
            fprintf(stderr, "eval_gap: %s: %s\n", f[0], err.message);
            return 1;
        }
        nex++;
        size_t pb = cp_to_byte(text, len, strtoul(f[3], NULL, 10)), t0, t1;
        long pm = tok_range(d, pb, pb + strlen(f[2]), &t0, &t1) ? find_mention(d, t0, t1, 1) : -1;
        nopron += pm < 0;
        long nm[2];
        for (int k = 0; k < 2; k++) {
            size_t nb = cp_to_byte(text, len, strtoul(f[5 + 3 * k], NULL, 10));
            nm[k] = tok_range(d, nb, nb + strlen(f[4 + 3 * k]), &t0, &t1) ? find_mention(d, t0, t1, 0) : -1;
            noname += nm[k] < 0;
        }
        int sys[2], gold[2];
        for (int k = 0; k < 2; k++) {
            gold[k] = !strcasecmp(f[6 + 3 * k], "TRUE");
            sys[k] = pm >= 0 && nm[k] >= 0 && d->ments[pm].cluster >= 0 && d->ments[pm].cluster == d->ments[nm[k]].cluster;
        }
        counts *g = feminine(f[2]) ? &fem : &masc;
        for (int k = 0; k < 2; k++) {
            cnt_add(&all, gold[k], sys[k]);
            cnt_add(g, gold[k], sys[k]);
            if (gold[k] == sys[k]) continue;
            int c = gold[k] ? (pm < 0 ? C_NOPRON : nm[k] < 0 ? C_NONAME : d->ments[pm].cluster < 0 ? C_PRONFREE
                               : sys[!k] ? C_OTHER_NAME : C_ELSEWHERE)
                            : (sys[!k] ? C_FP_BOTH : C_FP);
            cause[c]++;
            if (!verbose) continue;
            printf("%s %c %s: %s | pron ", f[0], 'A' + k, cause_names[c], f[4 + 3 * k]);
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
    free(data);
    coref_model_free(model);
    return 0;
}
