/* --input conll|conllu: analyse given tokens and write them back. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"

typedef struct { const char *name; FILE *err; int n; } report_ctx;

/* A document that failed: the library goes on with the others. */
static void report_doc(void *ctx, const char *message)
{
    report_ctx *r = ctx;
    fprintf(r->err, "coref: %s: %s\n", r->name, message);
    r->n++;
}

int cli_annotate_tabular(const coref_model *m, const coref_options *o, const char *name, const char *data,
                         size_t len, const char *input, coref_format fmt, FILE *out, FILE *err)
{
    coref_error e;
    report_ctx r = {name, err, 0};
    char *s = NULL;
    size_t n = 0;
    coref_status st = coref_annotate_tabular(m, data, len, strcmp(input, "conllu") == 0 ? COREF_INPUT_CONLLU : COREF_INPUT_CONLL,
                                             fmt, o, report_doc, &r, &s, &n, &e);
    if (s) fwrite(s, 1, n, out);
    coref_free(s);
    if (st != COREF_OK && r.n == 0) fprintf(err, "coref: %s: %s\n", name, e.message);
    return st != COREF_OK;
}
