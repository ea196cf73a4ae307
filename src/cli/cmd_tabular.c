/* STUB: --input conll|conllu, replaced once the CoNLL readers exist. */
#include "cli/cli.h"
int cli_annotate_tabular(const coref_model *m, const coref_options *o, const char *name, const char *data,
                         size_t len, const char *input, coref_format fmt, FILE *out)
{ (void)m; (void)o; (void)data; (void)len; (void)fmt; (void)out; fprintf(stderr, "coref: %s: --input %s not implemented yet\n", name, input); return 1; }
