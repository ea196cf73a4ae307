#include <stdlib.h>
#include <string.h>
#include "core/doc.h"

const char *const mkind_names[MK_COUNT] = {"proper", "nominal", "pronoun"};
const char *const number_names[NUM_COUNT] = {"unknown", "sg", "pl"};
const char *const gender_names[GEN_COUNT] = {"unknown", "masc", "fem", "neut"};
const char *const etype_names[ET_COUNT] = {
    "unknown", "person", "organization", "place", "abstract", "event", "object",
    "time", "substance", "animal", "plant"};

/* Grow *p (element size sz) so that index n fits. */
static int grow(void **p, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap) return 0;
    size_t c = *cap ? *cap * 2 : 64;
    while (c <= n) c *= 2;
    void *q = realloc(*p, c * sz);
    if (!q) return -1;
    *p = q;
    *cap = c;
    return 0;
}

int doc_add_token(struct coref_doc *d, uint32_t start, uint32_t end)
{
    if (grow((void **)&d->toks, &d->captok, d->ntok, sizeof *d->toks)) return -1;
    tok_t *t = &d->toks[d->ntok++];
    memset(t, 0, sizeof *t);
    t->start = start;
    t->end = end;
    t->head = -1;
    t->sent = d->nsent;
    return 0;
}

int doc_add_sentence(struct coref_doc *d, uint32_t tok_begin, uint32_t tok_end)
{
    if (grow((void **)&d->sents, &d->capsent, d->nsent, sizeof *d->sents)) return -1;
    d->sents[d->nsent].tok_begin = tok_begin;
    d->sents[d->nsent].tok_end = tok_end;
    for (uint32_t i = tok_begin; i < tok_end && i < d->ntok; i++) d->toks[i].sent = (uint32_t)d->nsent;
    d->nsent++;
    return 0;
}

int doc_add_mention(struct coref_doc *d, const mention_t *m)
{
    if (grow((void **)&d->ments, &d->capment, d->nment, sizeof *d->ments)) return -1;
    d->ments[d->nment++] = *m;
    return 0;
}

int doc_is_skipped(const struct coref_doc *d, size_t off)
{
    size_t lo = 0, hi = d->nskip;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->skip[mid].end <= off) lo = mid + 1;
        else if (d->skip[mid].start > off) hi = mid;
        else return 1;
    }
    return 0;
}

static void free_clusters(struct coref_doc *d)
{
    if (d->cl_names)
        for (size_t c = 0; c < d->ncluster; c++) free(d->cl_names[c]);
    free(d->cl_names);
    free(d->cl_members);
    free(d->cl_off);
    d->cl_names = NULL;
    d->cl_members = NULL;
    d->cl_off = NULL;
    d->ncluster = 0;
}

int doc_finish_clusters(struct coref_doc *d)
{
    free_clusters(d);
    size_t n = d->nment;
    /* Count members per raw cluster id; ids are arbitrary ints >= 0. */
    int32_t maxid = -1;
    for (size_t i = 0; i < n; i++)
        if (d->ments[i].cluster > maxid) maxid = d->ments[i].cluster;
    size_t nid = (size_t)(maxid + 1);
    size_t *count = calloc(nid + 1, sizeof *count);
    int32_t *newid = malloc((nid + 1) * sizeof *newid);
    d->cl_members = malloc((n + 1) * sizeof *d->cl_members);
    d->cl_off = malloc((n + 2) * sizeof *d->cl_off);
    if (!count || !newid || !d->cl_members || !d->cl_off) {
        free(count);
        free(newid);
        free_clusters(d);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        if (d->ments[i].cluster >= 0) count[d->ments[i].cluster]++;
    /* Number clusters by first mention (mentions are in text order). */
    for (size_t k = 0; k < nid; k++) newid[k] = -1;
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t c = d->ments[i].cluster;
        if (c < 0 || count[c] < 2) { d->ments[i].cluster = -1; continue; }
        if (newid[c] < 0) newid[c] = (int32_t)nc++;
        d->ments[i].cluster = newid[c];
    }
    size_t *fill = calloc(nc + 1, sizeof *fill);
    if (!fill) { free(count); free(newid); free_clusters(d); return -1; }
    for (size_t i = 0; i < n; i++)
        if (d->ments[i].cluster >= 0) fill[d->ments[i].cluster]++;
    d->cl_off[0] = 0;
    for (size_t c = 0; c < nc; c++) d->cl_off[c + 1] = d->cl_off[c] + fill[c];
    memset(fill, 0, (nc + 1) * sizeof *fill);
    for (size_t i = 0; i < n; i++) {
        int32_t c = d->ments[i].cluster;
        if (c >= 0) d->cl_members[d->cl_off[c] + fill[c]++] = i;
    }
    d->ncluster = nc;
    d->cl_names = calloc(nc + 1, sizeof *d->cl_names);
    free(count);
    free(newid);
    free(fill);
    return d->cl_names ? 0 : -1;
}

void doc_free_layers(struct coref_doc *d)
{
    free_clusters(d);
    free(d->toks);
    free(d->sents);
    free(d->ments);
    free(d->skip);
    free(d->text);
}

