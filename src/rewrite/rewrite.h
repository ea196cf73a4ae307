/* The resolved text: span edits on the original text (DESIGN.md). */
#ifndef COREF_REWRITE_H
#define COREF_REWRITE_H
#include "core/buf.h"
struct coref_doc;
/* Append the resolved text of d to out. 0 or -1 (no memory). */
int rewrite_text(const struct coref_doc *d, int nominals, buf_t *out);
#endif
