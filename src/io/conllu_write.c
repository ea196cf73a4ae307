/* The CoNLL-U writer: the system's tags and tree, CorefUD Entity= in MISC.
 * Also coref_brackets(), shared with the CoNLL-2012 writer. */
#include <stdint.h>
#include <stdlib.h>
#include "core/doc.h"
#include "core/model.h"
#include "core/tagset.h"
#include "lang/lang.h"
#include "io/writers.h"
#include "rewrite/rewrite.h"
#include "tag/tagger.h"

/* Order within a token: by rank, then longer opens first, shorter closes
 * first (well nested when possible). */
static int cmp_bracket(const void *pa, const void *pb)
{
    const coref_bracket *a = pa, *b = pb;
    if (a->tok != b->tok) return a->tok < b->tok ? -1 : 1;
    if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
    if (a->len != b->len) return a->kind == CB_OPEN ? (a->len > b->len ? -1 : 1) : (a->len < b->len ? -1 : 1);
    return a->cluster < b->cluster ? -1 : a->cluster > b->cluster;
}

int coref_brackets(const struct coref_doc *d, int singletons, coref_bracket **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cnt = 0, ntok = d->toks ? d->ntok : 0;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if ((singletons || m->cluster >= 0) && m->tb < m->te && m->te <= ntok) cnt += m->te - m->tb == 1 ? 1 : 2;
    }
    coref_bracket *b = malloc((cnt + 1) * sizeof *b);
    unsigned char *has_open = calloc(ntok + 1, 1);
    if (!b || !has_open) { free(b); free(has_open); return -1; }
    size_t k = 0;
    int32_t next = (int32_t)d->ncluster;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        int32_t e = doc_entity_id(d, i, singletons, &next);
        if (!(e >= 0 && m->tb < m->te && m->te <= ntok)) continue;
        uint32_t len = m->te - m->tb;
        if (len == 1) {
            b[k++] = (coref_bracket){m->tb, e, len, CB_SINGLE, 0};
        } else {
            b[k++] = (coref_bracket){m->tb, e, len, CB_OPEN, 0};
            b[k++] = (coref_bracket){m->te - 1, e, len, CB_CLOSE, 0};
            has_open[m->tb] = 1;
        }
    }
    /* With opens on the token, closes must come first ("e1)(e3(e2)");
     * without, single-token mentions go inside the closes ("(e3)e1)"). */
    for (size_t i = 0; i < k; i++) {
        int o = has_open[b[i].tok];
        switch (b[i].kind) {
        case CB_CLOSE: b[i].rank = o ? 0 : 1; break;
        case CB_OPEN: b[i].rank = 1; break;
        default: b[i].rank = o ? 2 : 0; break;
        }
    }
    free(has_open);
    qsort(b, k, sizeof *b, cmp_bracket);
    *out = b;
    *n = k;
    return 0;
}

void write_entity_misc(buf_t *out, const coref_bracket *br, size_t nbr, size_t *bi, uint32_t tok, int sep)
{
    while (*bi < nbr && br[*bi].tok < tok) (*bi)++;
    if (*bi >= nbr || br[*bi].tok != tok) return;
    buf_puts(out, sep ? "|Entity=" : "Entity=");
    for (; *bi < nbr && br[*bi].tok == tok; (*bi)++) {
        long e = (long)br[*bi].cluster + 1;
        if (br[*bi].kind == CB_CLOSE) buf_printf(out, "e%ld)", e);
        else if (br[*bi].kind == CB_SINGLE) buf_printf(out, "(e%ld)", e);
        else buf_printf(out, "(e%ld", e);
    }
}

/* Append s[0..n) with tabs and line breaks turned into `rep`. */
static void add_field(buf_t *o, const char *s, size_t n, char rep)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r') continue;
        buf_add(o, s + run, i - run);
        buf_putc(o, rep);
        run = i + 1;
    }
    buf_add(o, s + run, n - run);
    if (!n) buf_putc(o, '_');
}

/* Token i+1 is a clitic split off token i with no space between: UD writes
 * the surface form ("didn't", "cannot", "gonna") as a multiword token. */
static int clitic_split(const struct coref_doc *d, uint32_t i)
{
    const tok_t *t = &d->toks[i], *u = &d->toks[i + 1];
    if (t->end != u->start || (t->flags & TF_SPACE_AFTER) || t->end <= t->start) return 0;
    unsigned char c0 = (unsigned char)d->text[t->start];
    if (!((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z')) return 0;
    /* the possessive 's is a word of its own in UD English, not a clitic */
    if (u->upos == UPOS_PART && (tok_is(d, i + 1, "'s") || tok_is(d, i + 1, "\xe2\x80\x99" "s"))) return 0;
    return lang_tok_has(d, i + 1, WC_CLITIC);
}

int write_conllu(const struct coref_doc *d, int singletons, buf_t *out)
{
    coref_bracket *br;
    size_t nbr, bi = 0;
    if (coref_brackets(d, singletons, &br, &nbr) != 0) return -1;
    const struct tagger *tg = d->model ? d->model->tagger : NULL;
    buf_puts(out, "# global.Entity = eid\n");
    /* Tokens without sentence layer are written as one sentence. */
    sent_t whole = {0, (uint32_t)d->ntok};
    size_t nsent = d->nsent ? d->nsent : d->ntok ? 1 : 0;
    uint32_t mwt_end = UINT32_MAX;   /* last word of the current multiword token */
    for (size_t s = 0; s < nsent; s++) {
        const sent_t *st = d->nsent ? &d->sents[s] : &whole;
        uint32_t tb = st->tok_begin, te = st->tok_end < d->ntok ? st->tok_end : (uint32_t)d->ntok;
        buf_printf(out, "# sent_id = %zu\n# text = ", s + 1);
        if (tb < te) {
            /* Sentence text: line breaks (runs of them) as one space. */
            const char *p = d->text;
            size_t a = d->toks[tb].start, e = d->toks[te - 1].end, run = a;
            for (size_t i = a; i < e; i++) {
                if (p[i] != '\n' && p[i] != '\r') continue;
                buf_add(out, p + run, i - run);
                while (i + 1 < e && (p[i + 1] == '\n' || p[i + 1] == '\r')) i++;
                buf_putc(out, ' ');
                run = i + 1;
            }
            buf_add(out, p + run, e - run);
        }
        buf_putc(out, '\n');
        for (uint32_t i = tb; i < te; i++) {
            const tok_t *t = &d->toks[i];
            buf_flush_point(out);   /* between rows: the output may go to the sink */
            /* "didn't" -> did + n't: the surface token as a multiword line */
            if (i + 1 < te && clitic_split(d, i)) {
                const tok_t *u = &d->toks[i + 1];
                buf_printf(out, "%u-%u\t", i - tb + 1, i - tb + 2);
                add_field(out, d->text + t->start, u->end - t->start, ' ');
                buf_puts(out, "\t_\t_\t_\t_\t_\t_\t_\t");
                buf_puts(out, !(u->flags & TF_SPACE_AFTER) && i + 2 < te ? "SpaceAfter=No\n" : "_\n");
                mwt_end = i + 1;
            }
            long head = 0;
            if (t->head >= (int32_t)tb && t->head < (int32_t)te && (uint32_t)t->head != i)
                head = (long)(t->head - (int32_t)tb) + 1;
            buf_printf(out, "%u\t", i - tb + 1);
            add_field(out, d->text + t->start, t->end - t->start, ' ');
            buf_printf(out, "\t_\t%s\t%s\t%s\t%ld\t%s\t_\t", upos_names[t->upos < UPOS_COUNT ? t->upos : 0],
                       xpos_names[t->xpos < X_COUNT ? t->xpos : 0],
                       tg ? tagger_feats_name(tg, t->feats) : "_", head,
                       deprel_names[t->deprel < DEP_COUNT ? t->deprel : 0]);
            size_t misc0 = out->len;
            if (!(t->flags & TF_SPACE_AFTER) && i + 1 < te && !(i + 1 == mwt_end || i == mwt_end))
                buf_puts(out, "SpaceAfter=No");
            write_entity_misc(out, br, nbr, &bi, i, out->len > misc0);
            if (out->len == misc0) buf_putc(out, '_');
            buf_putc(out, '\n');
        }
        buf_putc(out, '\n');
    }
    free(br);
    return out->err ? -1 : 0;
}
