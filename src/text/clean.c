/* STUB: replaced by the text stage. */
#include "core/doc.h"
#include "text/text.h"
int text_clean(struct coref_doc *d) { (void)d; return 0; }
