/* The JSON writer (DESIGN.md "JSON"). Offsets are Unicode code points into
 * "text"; they are counted once per token in a single forward pass. */
#include <stdint.h>
#include <stdlib.h>
#include "core/doc.h"
#include "core/model.h"
#include "core/tagset.h"
#include "io/writers.h"
#include "rewrite/rewrite.h"
#include "tag/tagger.h"

/* Incremental byte -> code point counter over the document text. */
typedef struct cp_counter {
    const unsigned char *t;
    size_t len, byte, cp;
} cp_counter;

/* Code point offset of byte offset `off`; cheap when offsets increase. */
static size_t cp_at(cp_counter *c, size_t off)
{
    if (off > c->len) off = c->len;
    if (off < c->byte) { c->byte = 0; c->cp = 0; }
    for (size_t i = c->byte; i < off; i++) c->cp += (c->t[i] & 0xC0) != 0x80;
    c->byte = off;
    return c->cp;
}

static void put_str(buf_t *o, const char *s, size_t n)
{
    buf_putc(o, '"');
    buf_json_escape(o, s, n);
    buf_putc(o, '"');
}

static void put_cstr(buf_t *o, const char *s)
{
    size_t n = 0;
    while (s[n]) n++;
    put_str(o, s, n);
}

/* Separator before element i of an array: one element a line unless
 * oneline. Between elements the output may go to the buffer's sink. */
static void sep(buf_t *o, size_t i, int oneline)
{
    buf_flush_point(o);
    if (i) buf_putc(o, ',');
    if (!oneline) buf_puts(o, "\n    ");
}

static void close_array(buf_t *o, size_t n, int oneline)
{
    if (n && !oneline) buf_puts(o, "\n  ");
    buf_putc(o, ']');
}

int write_json(const struct coref_doc *d, int oneline, const rw_opts *ro, buf_t *out)
{
    const char *nl = oneline ? "" : "\n  ";
    size_t ntok = d->toks ? d->ntok : 0;
    size_t *cps = malloc((2 * ntok + 1) * sizeof *cps);
    if (!cps) return -1;
    cp_counter cc = {(const unsigned char *)(d->text ? d->text : ""), d->text ? d->len : 0, 0, 0};
    for (size_t i = 0; i < ntok; i++) {
        cps[2 * i] = cp_at(&cc, d->toks[i].start);
        cps[2 * i + 1] = cp_at(&cc, d->toks[i].end);
    }
    const struct tagger *tg = d->model ? d->model->tagger : NULL;

    buf_printf(out, "{%s\"text\": ", nl);
    put_str(out, d->text ? d->text : "", d->text ? d->len : 0);

    buf_printf(out, ",%s\"sentences\": [", nl);
    size_t prev_end = 0;
    for (size_t s = 0; s < d->nsent; s++) {
        const sent_t *st = &d->sents[s];
        size_t a = prev_end, b = prev_end;
        if (st->tok_begin < st->tok_end && st->tok_end <= ntok) {
            a = cps[2 * st->tok_begin];
            b = cps[2 * (st->tok_end - 1) + 1];
        }
        if (s) buf_putc(out, ',');
        buf_printf(out, "[%zu,%zu]", a, b);
        prev_end = b;
    }
    buf_putc(out, ']');

    buf_printf(out, ",%s\"tokens\": [", nl);
    for (size_t i = 0; i < ntok; i++) {
        const tok_t *t = &d->toks[i];
        long head = t->head >= 0 && (size_t)t->head < ntok ? (long)t->head : -1;
        sep(out, i, oneline);
        buf_puts(out, "{\"start\":");
        buf_uint(out, cps[2 * i]);
        buf_puts(out, ",\"end\":");
        buf_uint(out, cps[2 * i + 1]);
        buf_puts(out, ",\"text\":");
        put_str(out, d->text + t->start, t->end - t->start);
        buf_puts(out, ",\"pos\":");
        put_cstr(out, xpos_names[t->xpos < X_COUNT ? t->xpos : 0]);
        buf_puts(out, ",\"upos\":");
        put_cstr(out, upos_names[t->upos < UPOS_COUNT ? t->upos : 0]);
        buf_puts(out, ",\"head\":");
        if (head < 0) buf_puts(out, "-1");
        else buf_uint(out, (uint64_t)head);
        buf_puts(out, ",\"deprel\":");
        put_cstr(out, deprel_names[t->deprel < DEP_COUNT ? t->deprel : 0]);
        buf_puts(out, ",\"feats\":");
        put_cstr(out, tg ? tagger_feats_name(tg, t->feats) : "_");
        buf_putc(out, '}');
    }
    close_array(out, ntok, oneline);

    buf_printf(out, ",%s\"mentions\": [", nl);
    size_t nm = 0;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if (m->tb >= m->te || m->te > ntok) continue;
        size_t bs = d->toks[m->tb].start, be = d->toks[m->te - 1].end;
        sep(out, nm++, oneline);
        buf_puts(out, "{\"start\":");
        buf_uint(out, cps[2 * m->tb]);
        buf_puts(out, ",\"end\":");
        buf_uint(out, cps[2 * (m->te - 1) + 1]);
        buf_puts(out, ",\"text\":");
        put_str(out, d->text + bs, be - bs);
        buf_puts(out, ",\"head\":");
        if (m->head < ntok) buf_uint(out, m->head);
        else buf_puts(out, "-1");
        buf_puts(out, ",\"kind\":");
        put_cstr(out, mkind_name(m->kind));
        buf_puts(out, ",\"entity\":");
        put_cstr(out, etype_name(m->etype));
        buf_puts(out, ",\"number\":");
        put_cstr(out, number_name(m->number));
        buf_puts(out, ",\"gender\":");
        put_cstr(out, gender_name(m->gender));
        buf_puts(out, ",\"person\":");
        buf_uint(out, m->person);
        buf_puts(out, ",\"cluster\":");
        if (m->cluster < 0) buf_puts(out, "-1");
        else buf_uint(out, (uint64_t)m->cluster);
        buf_putc(out, '}');
    }
    close_array(out, nm, oneline);

    size_t nc = d->cl_off && d->cl_members ? d->ncluster : 0;
    buf_printf(out, ",%s\"clusters\": [", nl);
    for (size_t c = 0; c < nc; c++) {
        sep(out, c, oneline);
        buf_putc(out, '[');
        size_t k = 0;
        for (size_t j = d->cl_off[c]; j < d->cl_off[c + 1]; j++) {
            size_t mi = d->cl_members[j];
            if (mi >= d->nment) continue;
            const mention_t *m = &d->ments[mi];
            if (m->tb >= m->te || m->te > ntok) continue;
            buf_printf(out, "%s[%zu,%zu]", k++ ? "," : "", cps[2 * m->tb], cps[2 * (m->te - 1) + 1]);
        }
        buf_putc(out, ']');
    }
    close_array(out, nc, oneline);

    buf_printf(out, ",%s\"cluster_names\": [", nl);
    for (size_t c = 0; c < nc; c++) {
        if (c) buf_putc(out, ',');
        const char *name = d->cl_names ? d->cl_names[c] : NULL;
        if (name) put_cstr(out, name);
        else buf_puts(out, "null");
    }
    buf_putc(out, ']');
    /* the product itself, so batch users get it without a second call */
    buf_t rs;
    buf_init(&rs);
    rw_edit *ed = NULL;
    size_t ned = 0;
    int rrc = rewrite_text_edits(d, ro, &rs, &ed, &ned);
    /* every edit of "resolved", to audit each change (DESIGN.md), with
     * its confidence (null when the model has no CONF section) */
    buf_printf(out, ",%s\"replacements\": [", nl);
    size_t nw = 0;
    for (size_t k = 0; k < ned && rrc == 0; k++) {
        const rw_edit *e = &ed[k];
        if (e->tb >= e->te || e->te > ntok) continue;
        size_t bs = d->toks[e->tb].start, be = d->toks[e->te - 1].end;
        sep(out, nw++, oneline);
        buf_printf(out, "{\"start\":%zu,\"end\":%zu,\"text\":", cps[2 * e->tb], cps[2 * (e->te - 1) + 1]);
        put_str(out, d->text + bs, be - bs);
        buf_puts(out, ",\"replacement\":");
        put_str(out, rs.p + e->out_off, e->out_len);
        buf_puts(out, ",\"antecedent\":");
        const mention_t *a = e->antecedent >= 0 && (size_t)e->antecedent < d->nment ? &d->ments[e->antecedent] : NULL;
        if (a && a->tb < a->te && a->te <= ntok)
            buf_printf(out, "[%zu,%zu]", cps[2 * a->tb], cps[2 * (a->te - 1) + 1]);
        else
            buf_puts(out, "null");
        if (e->conf >= 0) buf_printf(out, ",\"confidence\":%.3f}", (double)e->conf);
        else buf_puts(out, ",\"confidence\":null}");
    }
    close_array(out, nw, oneline);
    free(ed);
    buf_printf(out, ",%s\"resolved\": ", nl);
    if (rrc == 0) put_str(out, rs.p ? rs.p : "", rs.len);
    else buf_puts(out, "null");
    buf_free(&rs);
    buf_puts(out, oneline ? "}\n" : "\n}\n");
    free(cps);
    return out->err || rrc ? -1 : 0;
}
