/* Transition-based dependency parser (UD heads and relations). */
#ifndef COREF_PARSER_H
#define COREF_PARSER_H
#include <stddef.h>
#include <stdint.h>
struct coref_doc;
struct parser;

#define PARSER_SECTION "PARS"
int parser_load(const uint8_t *data, size_t size, struct parser **out, char *errbuf, size_t errlen);
void parser_free(struct parser *p);
/* Fill head and deprel of every token of d, sentence by sentence. */
void parser_parse(const struct parser *p, struct coref_doc *d);
#endif
