/* STUB: replaced by the io stage (json.c, conllu_write.c, html.c, conll_write.c). */
#include "core/doc.h"
#include "io/writers.h"
int write_json(const struct coref_doc *d, int oneline, buf_t *out) { (void)d; (void)oneline; buf_puts(out, "{}\n"); return 0; }
int write_conllu(const struct coref_doc *d, buf_t *out) { (void)d; (void)out; return 0; }
int write_html(const struct coref_doc *d, buf_t *out) { (void)d; (void)out; return 0; }
int write_conll(const struct coref_doc *d, const char *docname, buf_t *out) { (void)d; (void)docname; (void)out; return 0; }
