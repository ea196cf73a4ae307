/* `coref eval [--format conll|json] [--json] KEY RESPONSE`: score a response
 * against a key with MUC, B3, CEAF-m, CEAF-e, LEA and the CoNLL F1. Documents
 * are matched by name; a key document without a response is scored against
 * an empty response (with a warning). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

static void eval_usage(FILE *f)
{
    fprintf(f, "usage: coref eval [--format conll|json] [--json] KEY RESPONSE\n"
               "  --format conll   CoNLL files (default): GUM 3-column, CoNLL-2012/LitBank, scorer suite\n"
               "  --format json    our JSON output (one document) or JSONL (one per line, with \"id\");\n"
               "                   mentions are matched by their character offsets\n"
               "  --json           print the scores as JSON instead of a table\n");
}

static const char *const metric_label[COREF_EVAL_NMETRIC] = {"MUC", "B3", "CEAF-m", "CEAF-e", "LEA"};

static void print_warning(void *ctx, const char *message)
{
    (void)ctx;
    fprintf(stderr, "coref eval: warning: %s\n", message);
}

int cmd_eval(int argc, char **argv)
{
    const char *format = "conll";
    int as_json = 0;
    const char *files[2];
    int nfile = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--format") == 0 && i + 1 < argc) format = argv[++i];
        else if (strncmp(a, "--format=", 9) == 0) format = a + 9;
        else if (strcmp(a, "--json") == 0) as_json = 1;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { eval_usage(stdout); return 0; }
        else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "coref eval: unknown option %s\n", a);
            eval_usage(stderr);
            return 2;
        } else if (nfile < 2) files[nfile++] = a;
        else { nfile = 3; break; }
    }
    if (nfile != 2 || (strcmp(format, "conll") != 0 && strcmp(format, "json") != 0)) {
        if (nfile == 2) fprintf(stderr, "coref eval: unknown format '%s'\n", format);
        eval_usage(stderr);
        return 2;
    }
    char *key, *resp;
    size_t keylen, resplen;
    if (cli_read_file(files[0], SIZE_MAX, &key, &keylen, stderr) != 0) return 1;
    if (cli_read_file(files[1], SIZE_MAX, &resp, &resplen, stderr) != 0) {
        free(key);
        return 1;
    }
    coref_eval_result res;
    coref_error err;
    coref_status st = coref_eval(key, keylen, resp, resplen, strcmp(format, "json") == 0 ? COREF_EVAL_JSON : COREF_EVAL_CONLL,
                                 files[0], files[1], print_warning, NULL, &res, &err);
    free(key);
    free(resp);
    if (st != COREF_OK) {
        fprintf(stderr, "coref eval: %s\n", err.message);
        return 1;
    }
    double conll = 100 * res.conll_f1;
    if (as_json) {
        printf("{\"documents\": %zu", res.documents);
        for (int m = 0; m < COREF_EVAL_NMETRIC; m++) {
            double r = res.recall[m], p = res.precision[m], f = res.f1[m];
            printf(", \"%s\": {\"recall\": %.4f, \"precision\": %.4f, \"f1\": %.4f}", coref_eval_metric_name(m), 100 * r,
                   100 * p, 100 * f);
        }
        printf(", \"conll_f1\": %.4f}\n", conll);
    } else {
        printf("%-10s %8s %10s %8s\n", "metric", "recall", "precision", "F1");
        for (int m = 0; m < COREF_EVAL_NMETRIC; m++) {
            double r = res.recall[m], p = res.precision[m], f = res.f1[m];
            printf("%-10s %8.2f %10.2f %8.2f\n", metric_label[m], 100 * r, 100 * p, 100 * f);
        }
        printf("%-10s %8s %10s %8.2f\n", "CoNLL F1", "", "", conll);
        printf("(%zu document%s)\n", res.documents, res.documents == 1 ? "" : "s");
    }
    return 0;
}
