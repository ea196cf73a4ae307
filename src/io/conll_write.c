/* The CoNLL-2012 writer for documents that did not come from CoNLL input:
 * one row per token, the system's coreference in the last column. */
#include <stdint.h>
#include <stdlib.h>
#include "core/doc.h"
#include "core/tagset.h"
#include "io/writers.h"
#include "rewrite/rewrite.h"

/* Token text with whitespace as '_' so whitespace-splitting readers work. */
static void add_token(buf_t *o, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') continue;
        buf_add(o, s + run, i - run);
        buf_putc(o, '_');
        run = i + 1;
    }
    buf_add(o, s + run, n - run);
    if (!n) buf_putc(o, '_');
}

int write_conll(const struct coref_doc *d, const char *docname, int singletons, buf_t *out)
{
    coref_bracket *br;
    size_t nbr, bi = 0;
    if (!docname || !*docname) docname = "doc";
    if (coref_brackets(d, singletons, &br, &nbr) != 0) return -1;
    buf_printf(out, "#begin document (%s); part 000\n", docname);
    sent_t whole = {0, (uint32_t)d->ntok};
    size_t nsent = d->nsent ? d->nsent : d->ntok ? 1 : 0;
    for (size_t s = 0; s < nsent; s++) {
        const sent_t *st = d->nsent ? &d->sents[s] : &whole;
        uint32_t tb = st->tok_begin, te = st->tok_end < d->ntok ? st->tok_end : (uint32_t)d->ntok;
        if (s) buf_putc(out, '\n');
        for (uint32_t i = tb; i < te; i++) {
            const tok_t *t = &d->toks[i];
            buf_flush_point(out);   /* between rows: the output may go to the sink */
            buf_printf(out, "%s\t0\t%u\t", docname, i - tb);
            add_token(out, d->text + t->start, t->end - t->start);
            /* column 5 is the part of speech (PTB) when the text was tagged */
            buf_putc(out, '\t');
            buf_puts(out, t->upos != UPOS_NONE && t->xpos < X_COUNT && t->xpos ? xpos_names[t->xpos] : "_");
            buf_puts(out, "\t_\t_\t_\t_\t_\t_\t_\t");
            while (bi < nbr && br[bi].tok < i) bi++;
            if (bi < nbr && br[bi].tok == i) {
                for (int k = 0; bi < nbr && br[bi].tok == i; bi++, k++) {
                    long e = (long)br[bi].cluster + 1;
                    if (k) buf_putc(out, '|');
                    if (br[bi].kind == CB_CLOSE) buf_printf(out, "%ld)", e);
                    else if (br[bi].kind == CB_SINGLE) buf_printf(out, "(%ld)", e);
                    else buf_printf(out, "(%ld", e);
                }
            } else {
                buf_putc(out, '-');
            }
            buf_putc(out, '\n');
        }
    }
    if (nsent) buf_putc(out, '\n');
    buf_puts(out, "#end document\n");
    free(br);
    return out->err ? -1 : 0;
}
