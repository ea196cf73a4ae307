/* Averaged-perceptron POS + morphology tagger (UPOS, XPOS, FEATS). */
#ifndef COREF_TAGGER_H
#define COREF_TAGGER_H
#include <stddef.h>
#include <stdint.h>
struct coref_doc;
struct tagger;

#define TAGGER_SECTION "TAGR"
/* Parse a TAGR section. 0, or -1 with a message in errbuf. */
int tagger_load(const uint8_t *data, size_t size, struct tagger **out, char *errbuf, size_t errlen);
void tagger_free(struct tagger *t);
/* Fill upos, xpos, feats, morph of every token of d. */
void tagger_tag(const struct tagger *t, struct coref_doc *d);
/* The FEATS string for a feats index ("_" for 0 or out of range). */
const char *tagger_feats_name(const struct tagger *t, uint16_t idx);
/* Intern a FEATS string read from input (CoNLL-U with gold tags): returns its
 * index or 0 when the tagger does not know it. */
uint16_t tagger_feats_index(const struct tagger *t, const char *s, size_t n);
#endif
