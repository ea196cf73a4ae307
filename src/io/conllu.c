/* STUB: being replaced by the real CoNLL-U reader. */
#include <stdlib.h>
#include "io/conllu.h"
int conllu_parse(const char *data, size_t n, conllu_corpus **out, coref_error *err) { (void)data; (void)n; (void)err; *out = NULL; return COREF_ERR_INPUT; }
int conllu_read_file(const char *path, conllu_corpus **out, coref_error *err) { (void)path; (void)err; *out = NULL; return COREF_ERR_IO; }
void conllu_free(conllu_corpus *c) { free(c); }
