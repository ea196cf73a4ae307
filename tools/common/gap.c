/* The GAP dataset (gap.h). */
#include "gap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/doc.h"
#include "core/fileio.h"

/* Byte offset of code point `cp` in s[0..n) (n when beyond the end). */
static size_t cp_to_byte(const char *s, size_t n, size_t cp)
{
    size_t b = 0;
    for (size_t k = 0; b < n && k < cp; k++) {
        b++;
        while (b < n && ((unsigned char)s[b] & 0xC0) == 0x80) b++;
    }
    return b;
}

/* Tokens overlapping bytes [b, e): [*t0, *t1); 0 when none. */
static int tok_range(const struct coref_doc *d, size_t b, size_t e, size_t *t0, size_t *t1)
{
    size_t i = 0;
    while (i < d->ntok && d->toks[i].end <= b) i++;
    if (i == d->ntok || d->toks[i].start >= e) return 0;
    *t0 = i;
    while (i < d->ntok && d->toks[i].start < e) i++;
    *t1 = i;
    return 1;
}

/* The mention of the tokens [t0, t1): the smallest containing them all,
 * else the smallest whose head lies among them; -1 when none. Appositions
 * and predicate nominals (MF_NONREF: never clustered, by the OntoGUM
 * scheme) only when no other mention qualifies: "the leader of the tribe,
 * Bawa Ardalan" is the whole noun phrase. */
static long find_mention(const struct coref_doc *d, size_t t0, size_t t1, int pronoun)
{
    long best = -1;
    for (int pass = 0; pass < 4 && best < 0; pass++)
        for (size_t k = 0; k < d->nment; k++) {
            const mention_t *m = &d->ments[k];
            if (pass < 2 && (m->flags & MF_NONREF)) continue;
            int ok = pass % 2 == 0 ? m->tb <= t0 && m->te >= t1 : m->head >= t0 && m->head < t1;
            if (pronoun && pass == 0 && m->tb == t0 && m->kind == MK_PRONOUN) return (long)k;
            if (ok && (best < 0 || m->te - m->tb < d->ments[best].te - d->ments[best].tb)) best = (long)k;
        }
    return best;
}

void gap_locate(const struct coref_doc *d, const gap_example *ex, long *pm, long nm[2])
{
    size_t t0, t1, pb = cp_to_byte(ex->text, ex->len, ex->pron_cp);
    *pm = tok_range(d, pb, pb + strlen(ex->pronoun), &t0, &t1) ? find_mention(d, t0, t1, 1) : -1;
    for (int k = 0; k < 2; k++) {
        size_t nb = cp_to_byte(ex->text, ex->len, ex->name_cp[k]);
        nm[k] = tok_range(d, nb, nb + strlen(ex->name[k]), &t0, &t1) ? find_mention(d, t0, t1, 0) : -1;
    }
}

static int feminine(const char *p)
{
    return !strcasecmp(p, "she") || !strcasecmp(p, "her") || !strcasecmp(p, "hers") || !strcasecmp(p, "herself");
}

int gap_read(const char *path, gap_set *s)
{
    memset(s, 0, sizeof *s);
    size_t n = 0, cap = 0;
    read_file(path, &s->data, &n);
    if (!s->data) {
        fprintf(stderr, "cannot read %s\n", path);
        return -1;
    }
    char *line = s->data, *end = s->data + n;
    int header = 1;
    while (line < end) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl) nl = end;
        *nl = 0;
        if (nl > line && nl[-1] == '\r') nl[-1] = 0;
        char *f[12];
        size_t nf = 0;
        f[nf++] = line;
        for (char *p = line; *p && nf < 12; p++)
            if (*p == '\t') {
                *p = 0;
                f[nf++] = p + 1;
            }
        line = nl + 1;
        if (header) {
            header = 0;
            continue;
        }
        if (nf < 10) continue;
        if (s->n == cap) {
            cap = cap ? 2 * cap : 512;
            gap_example *ne = realloc(s->ex, cap * sizeof *ne);
            if (!ne) return -1;
            s->ex = ne;
        }
        gap_example *e = &s->ex[s->n++];
        e->id = f[0];
        e->text = f[1];
        e->len = strlen(f[1]);
        e->pronoun = f[2];
        e->pron_cp = strtoul(f[3], NULL, 10);
        for (int k = 0; k < 2; k++) {
            e->name[k] = f[4 + 3 * k];
            e->name_cp[k] = strtoul(f[5 + 3 * k], NULL, 10);
            e->gold[k] = !strcasecmp(f[6 + 3 * k], "TRUE");
        }
        e->feminine = feminine(f[2]);
    }
    return 0;
}

void gap_free(gap_set *s)
{
    free(s->data);
    free(s->ex);
    memset(s, 0, sizeof *s);
}
