/* STUB: replaced by the parser stage. */
#include <stdio.h>
#include "core/doc.h"
#include "parse/parser.h"
int parser_load(const uint8_t *data, size_t size, struct parser **out, char *errbuf, size_t errlen)
{ (void)data; (void)size; *out = NULL; snprintf(errbuf, errlen, "parser not implemented"); return -1; }
void parser_free(struct parser *p) { (void)p; }
void parser_parse(const struct parser *p, struct coref_doc *d) { (void)p; (void)d; }
