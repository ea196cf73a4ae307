/* The HTML writer: a standalone page (inline CSS, no scripts, no external
 * resources) with cluster mentions highlighted and a legend. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/doc.h"
#include "io/writers.h"

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>coref.c</title>\n<style>\n"
    "body{font-family:Georgia,serif;max-width:52em;margin:2em auto;padding:0 1em;"
    "line-height:1.8;color:#222;background:#fff}\n"
    "h1,h2{font-family:sans-serif;font-weight:600}\n"
    ".text{white-space:pre-wrap}\n"
    ".m{border-radius:3px;padding:1px 2px}\n"
    ".m sup{font:bold .6em sans-serif;color:#333;margin-left:1px}\n"
    ".skip{color:#aaa}\n"
    "table{border-collapse:collapse;font-size:.9em}\n"
    "td,th{border-top:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}\n"
    ".none{color:#999}\n"
    "</style>\n</head>\n<body>\n";

/* A distinct background colour per cluster (golden-angle hues). */
static void put_colour(buf_t *o, size_t c)
{
    buf_printf(o, "background:hsl(%u,75%%,%u%%)", (unsigned)((c * 137) % 360), c % 2 ? 80u : 87u);
}

/* Escape text[a..b), greying the parts inside cleaned (skip) ranges. */
static void put_text(const struct coref_doc *d, size_t a, size_t b, size_t *si, buf_t *o)
{
    while (a < b) {
        while (*si < d->nskip && d->skip[*si].end <= a) (*si)++;
        if (*si < d->nskip && d->skip[*si].start <= a) {
            size_t e = d->skip[*si].end < b ? d->skip[*si].end : b;
            buf_puts(o, "<span class=\"skip\">");
            buf_html_escape(o, d->text + a, e - a);
            buf_puts(o, "</span>");
            a = e;
        } else {
            size_t e = *si < d->nskip && d->skip[*si].start < b ? d->skip[*si].start : b;
            buf_html_escape(o, d->text + a, e - a);
            a = e;
        }
    }
}

static void open_span(const struct coref_doc *d, size_t mi, buf_t *o)
{
    size_t c = (size_t)d->ments[mi].cluster;
    buf_puts(o, "<span class=\"m\" style=\"");
    put_colour(o, c);
    buf_printf(o, "\" title=\"%zu", c + 1);
    const char *name = d->cl_names ? d->cl_names[c] : NULL;
    if (name) {
        buf_puts(o, ": ");
        buf_html_escape(o, name, strlen(name));
    }
    buf_puts(o, "\">");
}

static int usable(const struct coref_doc *d, const mention_t *m)
{
    return m->cluster >= 0 && (size_t)m->cluster < d->ncluster && m->tb < m->te &&
           m->te <= d->ntok && d->toks[m->tb].start < d->toks[m->te - 1].end;
}

/* A mention span with its byte offsets, for sorting without global state. */
typedef struct span_ev { uint32_t s, e; size_t mi; } span_ev;

static int cmp_close(const void *pa, const void *pb)
{
    const span_ev *a = pa, *b = pb;
    if (a->e != b->e) return a->e < b->e ? -1 : 1;
    if (a->s != b->s) return a->s > b->s ? -1 : 1;
    return a->mi > b->mi ? -1 : a->mi < b->mi;
}

static int cmp_open(const void *pa, const void *pb)
{
    const span_ev *a = pa, *b = pb;
    if (a->s != b->s) return a->s < b->s ? -1 : 1;
    if (a->e != b->e) return a->e > b->e ? -1 : 1;
    return a->mi < b->mi ? -1 : a->mi > b->mi;
}

/* The text with mention spans; crossing spans are closed and reopened so the
 * markup stays well nested. */
static int put_body(const struct coref_doc *d, buf_t *o)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nment; i++) n += usable(d, &d->ments[i]);
    span_ev *opens = malloc((2 * n + 1) * sizeof *opens);
    size_t *stack = malloc((n + 1) * sizeof *stack), depth = 0;
    if (!opens || !stack) { free(opens); free(stack); return -1; }
    span_ev *closes = opens + n;
    for (size_t i = 0, k = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if (!usable(d, m)) continue;
        opens[k] = (span_ev){d->toks[m->tb].start, d->toks[m->te - 1].end, i};
        closes[k] = opens[k];
        k++;
    }
    qsort(opens, n, sizeof *opens, cmp_open);
    qsort(closes, n, sizeof *closes, cmp_close);
    size_t pos = 0, io = 0, ic = 0, si = 0;
    for (;;) {
        size_t next = d->len;
        if (io < n && opens[io].s < next) next = opens[io].s;
        if (ic < n && closes[ic].e < next) next = closes[ic].e;
        if (next < pos) next = pos;
        buf_flush_point(o);   /* between spans: the output may go to the sink */
        put_text(d, pos, next, &si, o);
        pos = next;
        if (io >= n && ic >= n) break;
        while (ic < n && closes[ic].e <= pos) {
            size_t mi = closes[ic++].mi, at = depth;
            while (at > 0 && stack[at - 1] != mi) at--;
            if (at == 0) continue;
            for (size_t k = depth; k > at; k--) buf_puts(o, "</span>");
            buf_printf(o, "<sup>%ld</sup></span>", (long)d->ments[mi].cluster + 1);
            for (size_t k = at; k < depth; k++) {
                stack[k - 1] = stack[k];
                open_span(d, stack[k - 1], o);
            }
            depth--;
        }
        while (io < n && opens[io].s <= pos) {
            stack[depth++] = opens[io].mi;
            open_span(d, opens[io++].mi, o);
        }
    }
    free(opens);
    free(stack);
    return 0;
}

int write_html(const struct coref_doc *d, buf_t *out)
{
    size_t nc = d->cl_off && d->cl_members ? d->ncluster : 0;
    buf_puts(out, html_head);
    buf_printf(out, "<h1>coref.c</h1>\n<p>%zu token%s, %zu sentence%s, %zu mention%s, %zu cluster%s.</p>\n", d->ntok,
               d->ntok == 1 ? "" : "s", d->nsent, d->nsent == 1 ? "" : "s", d->nment, d->nment == 1 ? "" : "s", nc,
               nc == 1 ? "" : "s");
    buf_puts(out, "<div class=\"text\">");
    if (d->text && nc && put_body(d, out) != 0) return -1;
    if (d->text && !nc) {
        size_t si = 0;
        put_text(d, 0, d->len, &si, out);
    }
    buf_puts(out, "</div>\n<h2>Clusters</h2>\n");
    if (!nc) buf_puts(out, "<p class=\"none\">No clusters.</p>\n");
    else buf_puts(out, "<table>\n<tr><th>#</th><th>Name</th><th>Mentions</th></tr>\n");
    for (size_t c = 0; c < nc; c++) {
        buf_puts(out, "<tr><td><span class=\"m\" style=\"");
        put_colour(out, c);
        buf_printf(out, "\">%zu</span></td><td>", c + 1);
        const char *name = d->cl_names ? d->cl_names[c] : NULL;
        if (name) buf_html_escape(out, name, strlen(name));
        else buf_puts(out, "<span class=\"none\">&mdash;</span>");
        buf_puts(out, "</td><td>");
        int first = 1;
        for (size_t j = d->cl_off[c]; j < d->cl_off[c + 1]; j++) {
            size_t mi = d->cl_members[j];
            if (mi >= d->nment) continue;
            const mention_t *m = &d->ments[mi];
            if (m->tb >= m->te || m->te > d->ntok) continue;
            if (!first) buf_puts(out, " &middot; ");
            first = 0;
            size_t a = d->toks[m->tb].start, b = d->toks[m->te - 1].end;
            buf_html_escape(out, d->text + a, b - a);
        }
        buf_puts(out, "</td></tr>\n");
    }
    if (nc) buf_puts(out, "</table>\n");
    buf_puts(out, "</body>\n</html>\n");
    return out->err ? -1 : 0;
}
