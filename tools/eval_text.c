/* eval_text: score the tokenizer and sentence splitter against CoNLL-U.
 *
 * usage: eval_text [-v] [-s] FILE.conllu...
 *   For each document (# newdoc) the raw text is rebuilt from the "# text ="
 *   lines (sentences joined by one space, a newline at "# newpar"), run
 *   through text_tokenize, and compared with the gold syntactic words and
 *   sentences as exact byte spans. -v prints token errors, -s sentence errors.
 *   Multiword tokens whose parts are not substrings of the surface form are
 *   scored as one gold unit (none in EWT/GUM train+dev). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/doc.h"
#include "text/text.h"

typedef struct { size_t start, end; } sp_t;

typedef struct {
    sp_t *v;
    size_t n, cap;
} spv_t;

static void spv_push(spv_t *a, size_t s, size_t e)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 256;
        a->v = realloc(a->v, a->cap * sizeof *a->v);
        if (!a->v) { fprintf(stderr, "eval_text: out of memory\n"); exit(1); }
    }
    a->v[a->n].start = s;
    a->v[a->n++].end = e;
}

typedef struct {
    char *text;
    size_t len, cap;
    spv_t gtok, gsent;
} gdoc_t;

static void text_append(gdoc_t *g, const char *s, size_t n)
{
    if (g->len + n + 1 > g->cap) {
        while (g->len + n + 1 > g->cap) g->cap = g->cap ? g->cap * 2 : 4096;
        g->text = realloc(g->text, g->cap);
        if (!g->text) { fprintf(stderr, "eval_text: out of memory\n"); exit(1); }
    }
    memcpy(g->text + g->len, s, n);
    g->len += n;
    g->text[g->len] = 0;
}

typedef struct {
    size_t tp, ng, ns;      /* tokens: matched, gold, system */
    size_t stp, sng, sns;   /* sentences */
    size_t mwt_fallback, unaligned;
    double secs;
    size_t timed_toks;
} score_t;

static int verbose_tok, verbose_sent;

/* Count exact span matches between two span lists sorted by start. */
static size_t match(const sp_t *a, size_t na, const sp_t *b, size_t nb, const char *text, const char *what,
                    int verbose)
{
    size_t i = 0, j = 0, m = 0;
    while (i < na && j < nb) {
        if (a[i].start == b[j].start && a[i].end == b[j].end) { m++; i++; j++; continue; }
        int adv_a = a[i].start < b[j].start || (a[i].start == b[j].start && a[i].end < b[j].end);
        if (verbose) {
            const sp_t *x = adv_a ? &a[i] : &b[j];
            size_t cs = x->start > 30 ? x->start - 30 : 0;
            size_t ce = x->end + 30;
            size_t tl = strlen(text);
            if (ce > tl) ce = tl;
            printf("%s %s [%.*s]   ...%.*s...\n", what, adv_a ? "MISS" : "EXTRA", (int)(x->end - x->start),
                   text + x->start, (int)(ce - cs), text + cs);
        }
        if (adv_a) i++;
        else j++;
    }
    return m;
}

/* Tokenize and score one rebuilt document. */
static void score_doc(gdoc_t *g, score_t *sc)
{
    if (g->len == 0 && g->gtok.n == 0) return;
    struct coref_doc d;
    memset(&d, 0, sizeof d);
    d.text = g->text ? g->text : (char *)"";
    d.len = g->len;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int reps = 3;
    for (int r = 0; r < reps; r++)
        if (text_tokenize(&d) != 0) { fprintf(stderr, "eval_text: tokenizer failed\n"); exit(1); }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    sc->secs += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    sc->timed_toks += d.ntok * (size_t)reps;
    spv_t st = {0}, ss = {0};
    for (size_t i = 0; i < d.ntok; i++) spv_push(&st, d.toks[i].start, d.toks[i].end);
    for (size_t i = 0; i < d.nsent; i++)
        if (d.sents[i].tok_end > d.sents[i].tok_begin)
            spv_push(&ss, d.toks[d.sents[i].tok_begin].start, d.toks[d.sents[i].tok_end - 1].end);
    sc->tp += match(g->gtok.v, g->gtok.n, st.v, st.n, g->text, "TOK", verbose_tok);
    sc->ng += g->gtok.n;
    sc->ns += st.n;
    sc->stp += match(g->gsent.v, g->gsent.n, ss.v, ss.n, g->text, "SENT", verbose_sent);
    sc->sng += g->gsent.n;
    sc->sns += ss.n;
    free(st.v);
    free(ss.v);
    free(d.toks);
    free(d.sents);
}

static void reset_doc(gdoc_t *g)
{
    g->len = 0;
    if (g->text) g->text[0] = 0;
    g->gtok.n = 0;
    g->gsent.n = 0;
}

/* Find form f (length n) in the text at or after *pos within limit; the
 * expected case is right after optional spaces. Returns 0 when found. */
static int locate(const gdoc_t *g, size_t *pos, size_t limit, const char *f, size_t n, size_t *s)
{
    size_t p = *pos;
    while (p < limit && (g->text[p] == ' ' || g->text[p] == '\n')) p++;
    if (p + n <= limit && memcmp(g->text + p, f, n) == 0) { *s = p; *pos = p + n; return 0; }
    for (size_t q = *pos; q + n <= limit; q++)
        if (memcmp(g->text + q, f, n) == 0) { *s = q; *pos = q + n; return 0; }
    return -1;
}

static void fscore(const char *name, const score_t *s)
{
    double p = s->ns ? (double)s->tp / (double)s->ns : 0, r = s->ng ? (double)s->tp / (double)s->ng : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    double sp = s->sns ? (double)s->stp / (double)s->sns : 0, sr = s->sng ? (double)s->stp / (double)s->sng : 0;
    double sf = sp + sr > 0 ? 2 * sp * sr / (sp + sr) : 0;
    printf("%s: tokens P=%.2f R=%.2f F1=%.2f  sentences P=%.2f R=%.2f F1=%.2f  (%zu gold words, %.2fM tokens/s",
           name, 100 * p, 100 * r, 100 * f, 100 * sp, 100 * sr, 100 * sf, s->ng,
           s->secs > 0 ? (double)s->timed_toks / s->secs / 1e6 : 0.0);
    if (s->mwt_fallback) printf(", %zu multiword tokens scored whole", s->mwt_fallback);
    if (s->unaligned) printf(", %zu gold words not found in text", s->unaligned);
    printf(")\n");
}

/* Score one CoNLL-U file; returns 0 on success. */
static int eval_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "eval_text: cannot open %s\n", path); return -1; }
    gdoc_t g;
    memset(&g, 0, sizeof g);
    score_t sc;
    memset(&sc, 0, sizeof sc);
    char *line = NULL;
    size_t lcap = 0;
    ssize_t ll;
    int newpar = 0;
    size_t pos = 0, sent_lim = 0, sent_first = (size_t)-1, sent_last = 0;
    size_t mwt_end_id = 0, mwt_s = 0, mwt_e = 0, mwt_pos = 0;
    int mwt_bad = 0;
    while ((ll = getline(&line, &lcap, f)) >= 0) {
        while (ll > 0 && (line[ll - 1] == '\n' || line[ll - 1] == '\r')) line[--ll] = 0;
        if (strncmp(line, "# newdoc", 8) == 0) {
            score_doc(&g, &sc);
            reset_doc(&g);
            newpar = 0;
            continue;
        }
        if (strncmp(line, "# newpar", 8) == 0) { newpar = 1; continue; }
        if (strncmp(line, "# text = ", 9) == 0) {
            if (g.len) text_append(&g, newpar ? "\n" : " ", 1);
            newpar = 0;
            pos = g.len;
            text_append(&g, line + 9, (size_t)ll - 9);
            sent_lim = g.len;
            sent_first = (size_t)-1;
            continue;
        }
        if (ll == 0) {
            if (sent_first != (size_t)-1) spv_push(&g.gsent, sent_first, sent_last);
            sent_first = (size_t)-1;
            mwt_end_id = 0;
            continue;
        }
        if (line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        char *form = tab + 1, *tab2 = strchr(form, '\t');
        if (!tab2) continue;
        size_t fl = (size_t)(tab2 - form);
        if (memchr(line, '.', (size_t)(tab - line))) continue;   /* empty node */
        char *dash = memchr(line, '-', (size_t)(tab - line));
        size_t s0;
        if (dash) {
            mwt_end_id = strtoul(dash + 1, NULL, 10);
            if (locate(&g, &pos, sent_lim, form, fl, &s0) != 0) { sc.unaligned++; mwt_end_id = 0; continue; }
            mwt_s = s0;
            mwt_e = pos;
            mwt_pos = s0;
            mwt_bad = 0;
            continue;
        }
        size_t id = strtoul(line, NULL, 10);
        if (mwt_end_id && id <= mwt_end_id) {
            /* part of a multiword token: must be a substring in order */
            if (!mwt_bad) {
                if (mwt_pos + fl <= mwt_e && memcmp(g.text + mwt_pos, form, fl) == 0) {
                    spv_push(&g.gtok, mwt_pos, mwt_pos + fl);
                    if (sent_first == (size_t)-1) sent_first = mwt_pos;
                    mwt_pos += fl;
                    sent_last = mwt_pos;
                } else {
                    /* drop the parts pushed so far and score the surface whole */
                    while (g.gtok.n && g.gtok.v[g.gtok.n - 1].start >= mwt_s) g.gtok.n--;
                    spv_push(&g.gtok, mwt_s, mwt_e);
                    if (sent_first == (size_t)-1) sent_first = mwt_s;
                    sent_last = mwt_e;
                    sc.mwt_fallback++;
                    mwt_bad = 1;
                }
            }
            if (id == mwt_end_id) mwt_end_id = 0;
            continue;
        }
        if (locate(&g, &pos, sent_lim, form, fl, &s0) != 0) { sc.unaligned++; continue; }
        spv_push(&g.gtok, s0, pos);
        if (sent_first == (size_t)-1) sent_first = s0;
        sent_last = pos;
    }
    if (sent_first != (size_t)-1) spv_push(&g.gsent, sent_first, sent_last);
    score_doc(&g, &sc);
    free(line);
    fclose(f);
    free(g.text);
    free(g.gtok.v);
    free(g.gsent.v);
    const char *base = strrchr(path, '/');
    fscore(base ? base + 1 : path, &sc);
    return 0;
}

int main(int argc, char **argv)
{
    int rc = 0, nfiles = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) { verbose_tok = 1; continue; }
        if (strcmp(argv[i], "-s") == 0) { verbose_sent = 1; continue; }
        nfiles++;
        if (eval_file(argv[i]) != 0) rc = 1;
    }
    if (!nfiles) {
        fprintf(stderr, "usage: eval_text [-v] [-s] FILE.conllu...\n");
        return 2;
    }
    return rc;
}
