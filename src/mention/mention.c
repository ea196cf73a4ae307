/* STUB: replaced by the mention stage. */
#include <stdio.h>
#include "core/doc.h"
#include "mention/mention.h"
int lexicon_load(const uint8_t *data, size_t size, struct lexicon **out, char *errbuf, size_t errlen)
{ (void)data; (void)size; *out = NULL; snprintf(errbuf, errlen, "lexicon not implemented"); return -1; }
void lexicon_free(struct lexicon *lx) { (void)lx; }
int mention_detect(const struct coref_model *m, struct coref_doc *d) { (void)m; (void)d; return 0; }
