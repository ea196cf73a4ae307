/* STUB: replaced by the tagger stage. */
#include <stdio.h>
#include "core/doc.h"
#include "tag/tagger.h"
int tagger_load(const uint8_t *data, size_t size, struct tagger **out, char *errbuf, size_t errlen)
{ (void)data; (void)size; *out = NULL; snprintf(errbuf, errlen, "tagger not implemented"); return -1; }
void tagger_free(struct tagger *t) { (void)t; }
void tagger_tag(const struct tagger *t, struct coref_doc *d) { (void)t; (void)d; }
const char *tagger_feats_name(const struct tagger *t, uint16_t idx) { (void)t; (void)idx; return "_"; }
uint16_t tagger_feats_index(const struct tagger *t, const char *s, size_t n) { (void)t; (void)s; (void)n; return 0; }
