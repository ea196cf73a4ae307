/* STUB: whitespace tokenizer, one sentence per line; replaced by the text stage. */
#include "core/doc.h"
#include "text/text.h"
int text_tokenize(struct coref_doc *d)
{
    size_t i = 0, sb = 0;
    while (i < d->len) {
        char c = d->text[i];
        if (c == '\n' && d->ntok > sb) { if (doc_add_sentence(d, (uint32_t)sb, (uint32_t)d->ntok)) return -1; sb = d->ntok; }
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') { i++; continue; }
        size_t j = i;
        while (j < d->len && d->text[j] != ' ' && d->text[j] != '\n' && d->text[j] != '\t' && d->text[j] != '\r') j++;
        if (doc_add_token(d, (uint32_t)i, (uint32_t)j)) return -1;
        i = j;
    }
    if (d->ntok > sb && doc_add_sentence(d, (uint32_t)sb, (uint32_t)d->ntok)) return -1;
    return 0;
}
