/* eval_clean: how much real prose the boilerplate cleaner would skip.
 *
 * usage: eval_clean [-q] [--docs PREFIX] FILE.conllu...
 *   Every document (# newdoc) is rebuilt from its "# text =" lines in two
 *   layouts and run through text_clean:
 *     paragraphs: sentences joined by one space, a newline at "# newpar"
 *                 (as tools/eval_text does);
 *     lines:      one sentence per line (short sentences such as headings
 *                 and sign-offs stand alone, the harder case for a
 *                 line-based cleaner).
 *   A sentence counts as skipped when any of its bytes falls in a skipped
 *   range. UD text is edited prose, so every skip is a false positive
 *   unless the sentence is itself boilerplate (an e-mail signature, a
 *   dateline); each is printed ("SKIP doc layout: sentence") so it can be
 *   judged. -q prints the counts only. --docs PREFIX keeps only
 *   documents whose id starts with PREFIX (GUM_news_). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/doc.h"
#include "text/text.h"

typedef struct { size_t start, end; } sp_t;

typedef struct {
    char id[256];
    char *text;
    size_t len, cap;
    sp_t *sent;             /* sentence byte spans in the paragraph layout */
    size_t nsent, scap;
    int newpar;
} gdoc_t;

typedef struct { size_t docs, sents, skipped_par, skipped_line; } count_t;

static int quiet;
static const char *prefix;

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return p;
    size_t c = *cap ? *cap : 256;
    while (c < need) c *= 2;
    p = realloc(p, c * elem);
    if (!p) { fprintf(stderr, "eval_clean: out of memory\n"); exit(1); }
    *cap = c;
    return p;
}

/* Clean text[0..len) and mark in hit[] each sentence that overlaps a skip. */
static void clean_hits(char *text, size_t len, const sp_t *sent, size_t nsent, unsigned char *hit)
{
    struct coref_doc d;
    memset(&d, 0, sizeof d);
    d.text = text;
    d.len = len;
    if (text_clean(&d) != 0) { fprintf(stderr, "eval_clean: cleaner failed\n"); exit(1); }
    /* both lists are sorted by start: one merge pass */
    size_t k = 0;
    for (size_t i = 0; i < nsent; i++) {
        hit[i] = 0;
        while (k < d.nskip && d.skip[k].end <= sent[i].start) k++;
        if (k < d.nskip && d.skip[k].start < sent[i].end) hit[i] = 1;
    }
    free(d.skip);
}

/* One sentence that the cleaner touched (same bytes in both layouts). */
static void print_skip(const gdoc_t *g, size_t i, const char *layout)
{
    printf("SKIP %s %s: %.*s\n", g->id, layout, (int)(g->sent[i].end - g->sent[i].start),
           g->text + g->sent[i].start);
}

static void score_doc(gdoc_t *g, count_t *c)
{
    if (!g->nsent || (prefix && strncmp(g->id, prefix, strlen(prefix)) != 0)) return;
    c->docs++;
    c->sents += g->nsent;
    unsigned char *hit = malloc(g->nsent);
    char *lines = malloc(g->len + 1);
    sp_t *lsent = malloc(g->nsent * sizeof *lsent);
    if (!hit || !lines || !lsent) { fprintf(stderr, "eval_clean: out of memory\n"); exit(1); }
    clean_hits(g->text, g->len, g->sent, g->nsent, hit);
    for (size_t i = 0; i < g->nsent; i++)
        if (hit[i]) { c->skipped_par++; if (!quiet) print_skip(g, i, "paragraphs"); }
    /* the same sentences one per line: the separators become newlines */
    memcpy(lines, g->text, g->len);
    lines[g->len] = 0;
    for (size_t i = 0; i < g->nsent; i++) {
        lsent[i] = g->sent[i];
        if (i) lines[g->sent[i].start - 1] = '\n';
    }
    clean_hits(lines, g->len, lsent, g->nsent, hit);
    for (size_t i = 0; i < g->nsent; i++)
        if (hit[i]) { c->skipped_line++; if (!quiet) print_skip(g, i, "lines"); }
    free(hit);
    free(lines);
    free(lsent);
}

static int eval_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "eval_clean: cannot open %s\n", path); return -1; }
    gdoc_t g;
    memset(&g, 0, sizeof g);
    count_t c = {0};
    char *line = NULL;
    size_t lcap = 0;
    ssize_t ll;
    while ((ll = getline(&line, &lcap, f)) >= 0) {
        while (ll > 0 && (line[ll - 1] == '\n' || line[ll - 1] == '\r')) line[--ll] = 0;
        if (strncmp(line, "# newdoc", 8) == 0) {
            score_doc(&g, &c);
            g.len = g.nsent = 0;
            g.newpar = 0;
            const char *eq = strstr(line, "id = ");
            snprintf(g.id, sizeof g.id, "%s", eq ? eq + 5 : "?");
        } else if (strncmp(line, "# newpar", 8) == 0) {
            g.newpar = 1;
        } else if (strncmp(line, "# text = ", 9) == 0) {
            size_t n = (size_t)ll - 9;
            g.text = grow(g.text, &g.cap, g.len + n + 2, 1);
            /* a sentence never contains the separator, so both layouts
             * differ only in the byte before each sentence */
            if (g.len) g.text[g.len++] = g.newpar ? '\n' : ' ';
            g.newpar = 0;
            g.sent = grow(g.sent, &g.scap, g.nsent + 1, sizeof *g.sent);
            g.sent[g.nsent].start = g.len;
            memcpy(g.text + g.len, line + 9, n);
            g.len += n;
            g.text[g.len] = 0;
            g.sent[g.nsent++].end = g.len;
        }
    }
    score_doc(&g, &c);
    free(line);
    fclose(f);
    free(g.text);
    free(g.sent);
    const char *base = strrchr(path, '/');
    printf("%s%s%s: %zu documents, %zu sentences; skipped: %zu as paragraphs, %zu one per line\n",
           base ? base + 1 : path, prefix ? " " : "", prefix ? prefix : "", c.docs, c.sents, c.skipped_par,
           c.skipped_line);
    return 0;
}

int main(int argc, char **argv)
{
    int rc = 0, nfiles = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-q") == 0) { quiet = 1; continue; }
        if (strcmp(argv[i], "--docs") == 0 && i + 1 < argc) { prefix = argv[++i]; continue; }
        nfiles++;
        if (eval_file(argv[i]) != 0) rc = 1;
    }
    if (!nfiles) {
        fprintf(stderr, "usage: eval_clean [-q] [--docs PREFIX] FILE.conllu...\n");
        return 2;
    }
    return rc;
}
