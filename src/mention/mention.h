/* Mention detection and attributes (number, gender, animacy, person,
 * entity type), and the lexicons behind them. */
#ifndef COREF_MENTION_H
#define COREF_MENTION_H
#include <stddef.h>
#include <stdint.h>
struct coref_doc;
struct coref_model;
struct lexicon;

#define LEXICON_SECTION "LEXI"
int lexicon_load(const uint8_t *data, size_t size, struct lexicon **out, char *errbuf, size_t errlen);
void lexicon_free(struct lexicon *lx);
/* Find mentions in d (uses tags and, when present, the tree). */
int mention_detect(const struct coref_model *m, struct coref_doc *d);
#endif
