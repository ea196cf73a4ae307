/* coref_annotate_tabular: analyse the given tokens of CoNLL / CoNLL-U input
 * and write them back (or in any other format). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coref.h"
#include "core/buf.h"
#include "core/doc.h"
#include "core/model.h"
#include "core/tagset.h"
#include "io/conll.h"
#include "io/conllu.h"
#include "io/writers.h"
#include "tag/tagger.h"

/* A document that failed: reported, left out, the rest goes on. The first
 * failure is what the call returns. */
typedef struct {
    coref_report_fn report;
    void *ctx;
    coref_error *err;
    coref_status first;
} fails_t;

static void doc_fail(fails_t *f, coref_status code, int64_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void doc_fail(fails_t *f, coref_status code, int64_t line, const char *fmt, ...)
{
    coref_error e;
    e.code = code;
    e.offset = -1;
    e.line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    va_end(ap);
    if (f->report) f->report(f->ctx, e.message);
    if (f->first == COREF_OK) {
        f->first = code;
        if (f->err) *f->err = e;
    }
}

/* Append the document rendered in `fmt` (any format but the tabular
 * write-backs) to b; sets b->err on failure. */
static void render_into(const coref_doc *d, coref_format fmt, const coref_options *o, buf_t *b)
{
    char *s = NULL;
    size_t n = 0;
    if (coref_doc_render(d, fmt, o, &s, &n) == COREF_OK) buf_add(b, s, n);
    else b->err = 1;
    coref_free(s);
}

/* Analyse a run of words [wb, we) of a corpus as one document. */
static coref_status analyze_words(const coref_model *m, const coref_options *o, const conllu_corpus *c,
                                  size_t sb, size_t se, coref_doc **out, coref_error *err)
{
    size_t wb = c->sents[sb].word_begin, we = c->sents[se - 1].word_end, n = we - wb;
    const char **toks = malloc((n + 1) * sizeof *toks);
    size_t *lens = malloc((n + 1) * sizeof *lens);
    unsigned char *starts = calloc(n + 1, 1);
    coref_status st = COREF_ERR_NOMEM;
    if (toks && lens && starts) {
        for (size_t i = 0; i < n; i++) {
            toks[i] = c->words[wb + i].form;
            lens[i] = c->words[wb + i].form_len;
        }
        for (size_t s = sb; s < se; s++) starts[c->sents[s].word_begin - wb] = 1;
        st = coref_doc_analyze_tokens(m, toks, lens, starts, n, o, out, err);
    }
    free(toks);
    free(lens);
    free(starts);
    return st;
}

/* Write one analysed document in the input's CoNLL-U layout: comments and
 * multiword-token lines as read, system LEMMA(_)/UPOS/XPOS/FEATS/HEAD/DEPREL. */
typedef struct { size_t line, off; } cursor_t;  /* a line number and its byte offset */

static void write_filled(const conllu_corpus *c, size_t sb, size_t se, const struct coref_doc *d,
                         const coref_model *m, int singletons, cursor_t *cur, buf_t *b)
{
    size_t wb = c->sents[sb].word_begin, bi = 0, nbr = 0;
    coref_bracket *br = NULL;
    if (coref_brackets(d, singletons, &br, &nbr) != 0) { b->err = 1; return; }
    for (size_t s = sb; s < se; s++) {
        const conllu_sent *cs = &c->sents[s];
        /* Comments: the lines before the first word line of this sentence.
         * The cursor only moves forward, so the whole file is scanned once. */
        const char *p = c->data;
        size_t line = cur->line, off = cur->off;
        while (line < cs->line && off < c->len) {
            const char *nl = memchr(p + off, '\n', c->len - off);
            if (!nl) break;
            off = (size_t)(nl - p) + 1;
            line++;
        }
        while (off < c->len && p[off] == '#') {
            const char *nl = memchr(p + off, '\n', c->len - off);
            size_t e = nl ? (size_t)(nl - p) : c->len;
            /* our Entity values are bare ids: the header must say so */
            if (e - off >= 15 && memcmp(p + off, "# global.Entity", 15) == 0) buf_puts(b, "# global.Entity = eid");
            else buf_add(b, p + off, e - off);
            buf_putc(b, '\n');
            off = nl ? e + 1 : c->len;
            line++;
        }
        cur->line = line;
        cur->off = off;
        size_t mw = cs->mwt_begin;
        for (size_t w = cs->word_begin; w < cs->word_end; w++) {
            while (mw < cs->mwt_end && c->mwts[mw].word_begin == w) {
                const conllu_mwt *t = &c->mwts[mw];
                buf_printf(b, "%u-%u\t", c->words[t->word_begin].id, c->words[t->word_end - 1].id);
                buf_add(b, t->form, t->form_len);
                buf_puts(b, "\t_\t_\t_\t_\t_\t_\t_\t");
                buf_add(b, t->misc_len ? t->misc : "_", t->misc_len ? t->misc_len : 1);
                buf_putc(b, '\n');
                mw++;
            }
            const conllu_word *cw = &c->words[w];
            size_t ti = w - wb;
            const tok_t *t = &d->toks[ti];
            const char *feats = m->tagger ? tagger_feats_name(m->tagger, t->feats) : "_";
            long head = t->head < 0 ? 0 : (long)(t->head - (int32_t)(cs->word_begin - wb)) + 1;
            buf_printf(b, "%u\t", cw->id);
            buf_add(b, cw->form, cw->form_len);
            buf_printf(b, "\t_\t%s\t%s\t%s\t%ld\t%s\t_\t", upos_names[t->upos], xpos_names[t->xpos], feats,
                       m->parser ? head : 0L, m->parser ? deprel_names[t->deprel] : "_");
            size_t before = b->len;
            if (!cw->space_after && cw->mwt < 0) buf_puts(b, "SpaceAfter=No");
            write_entity_misc(b, br, nbr, &bi, (uint32_t)ti, b->len > before);
            if (b->len == before) buf_putc(b, '_');
            buf_putc(b, '\n');
        }
        buf_putc(b, '\n');
    }
    free(br);
}

/* CoNLL-U: a document is a run of sentences up to the next "# newdoc". */
static coref_status annotate_conllu(const coref_model *m, const coref_options *o, const char *data, size_t len,
                                    coref_format fmt, fails_t *f, buf_t *out, coref_error *err)
{
    conllu_corpus *c = NULL;
    coref_status st = conllu_parse(data, len, &c, err);
    if (st != COREF_OK) return st;
    size_t sb = 0;
    cursor_t cur = {1, 0};
    while (sb < c->nsent) {
        size_t se = sb + 1;
        while (se < c->nsent && !c->sents[se].newdoc) se++;
        coref_doc *d = NULL;
        coref_error e;
        memset(&e, 0, sizeof e);
        if ((st = analyze_words(m, o, c, sb, se, &d, &e)) != COREF_OK) {
            doc_fail(f, st, (int64_t)c->sents[sb].line, "line %zu: %s", c->sents[sb].line, e.message);
        } else {
            buf_t b;
            buf_init(&b);
            if (fmt == COREF_FORMAT_CONLLU) write_filled(c, sb, se, d, m, o->singletons, &cur, &b);
            else render_into(d, fmt, o, &b);
            if (b.err) doc_fail(f, COREF_ERR_NOMEM, (int64_t)c->sents[sb].line, "out of memory");
            else buf_add(out, b.p, b.len);
            buf_free(&b);
            coref_doc_free(d);
        }
        sb = se;
    }
    conllu_free(c);
    return COREF_OK;
}

/* CoNLL: given tokens and sentences; CONLL output writes the same rows with
 * the last column replaced by the system's clusters. */
static coref_status annotate_conll(const coref_model *m, const coref_options *o, const char *data, size_t len,
                                   coref_format fmt, fails_t *f, buf_t *out, coref_error *err)
{
    conll_doc *docs = NULL;
    size_t nd = 0;
    coref_status st = conll_parse(data, len, &docs, &nd, err);
    if (st != COREF_OK) return st;
    for (size_t k = 0; k < nd; k++) {
        const conll_doc *cd = &docs[k];
        coref_doc *d = NULL;
        coref_error e;
        memset(&e, 0, sizeof e);
        if ((st = coref_doc_analyze_tokens(m, (const char *const *)cd->tok, cd->toklen, cd->sent_start, cd->ntok,
                                           o, &d, &e)) != COREF_OK) {
            doc_fail(f, st, (int64_t)cd->first_line, "document %s (line %zu): %s", cd->name, cd->first_line,
                     e.message);
            continue;
        }
        buf_t b;
        buf_init(&b);
        if (fmt == COREF_FORMAT_CONLL) {
            conll_mention *ms = malloc((d->nment + 1) * sizeof *ms);
            size_t nm = 0;
            int32_t next = (int32_t)d->ncluster;
            for (size_t i = 0; ms && i < d->nment; i++) {
                int32_t ent = doc_entity_id(d, i, o->singletons, &next);
                if (ent < 0) continue;
                ms[nm].tb = d->ments[i].tb;
                ms[nm].te = d->ments[i].te;
                ms[nm].entity = ent;
                nm++;
            }
            if (!ms || conll_write(cd, ms, nm, &b) != 0) b.err = 1;
            free(ms);
        } else {
            render_into(d, fmt, o, &b);
        }
        if (b.err) doc_fail(f, COREF_ERR_NOMEM, (int64_t)cd->first_line, "document %s: cannot write output", cd->name);
        else buf_add(out, b.p, b.len);
        buf_free(&b);
        coref_doc_free(d);
    }
    conll_docs_free(docs, nd);
    return COREF_OK;
}

coref_status coref_annotate_tabular(const coref_model *model, const char *data, size_t len, coref_input in,
                                    coref_format fmt, const coref_options *opts, coref_report_fn report,
                                    void *ctx, char **out, size_t *outlen, coref_error *err)
{
    if (err) {
        memset(err, 0, sizeof *err);
        err->offset = err->line = -1;
    }
    if (outlen) *outlen = 0;
    if (!out || !model || (!data && len) || (in != COREF_INPUT_CONLL && in != COREF_INPUT_CONLLU) ||
        (unsigned)fmt > COREF_FORMAT_HTML) {
        if (out) *out = NULL;
        if (err) {
            err->code = COREF_ERR_ARG;
            snprintf(err->message, sizeof err->message, "coref_annotate_tabular: %s",
                     !out || !model || (!data && len) ? "NULL argument" : "bad input or output format");
        }
        return COREF_ERR_ARG;
    }
    *out = NULL;
    coref_status st = coref_utf8_check(data, len, err);
    if (st != COREF_OK) return st;
    coref_options o = opts ? *opts : coref_default_options();
    fails_t f = {report, ctx, err, COREF_OK};
    buf_t b;
    buf_init(&b);
    st = in == COREF_INPUT_CONLLU ? annotate_conllu(model, &o, data, len, fmt, &f, &b, err)
                                  : annotate_conll(model, &o, data, len, fmt, &f, &b, err);
    if (st != COREF_OK) { buf_free(&b); return st; }
    if (b.err || !(*out = buf_take(&b, outlen))) {
        buf_free(&b);
        if (err) {
            err->code = COREF_ERR_NOMEM;
            snprintf(err->message, sizeof err->message, "out of memory");
        }
        return COREF_ERR_NOMEM;
    }
    return f.first;
}
