/* A corpus folder analysed on its given tokens (corpus.h). */
#include "corpus.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "conll_dir.h"
#include "core/doc.h"
#include "core/fileio.h"

int corpus_load(const coref_model *model, const char *dir, corpus *c)
{
    memset(c, 0, sizeof *c);
    size_t nf = 0;
    char **files = conll_dir_list(dir, &nf);
    if (!files || !nf) {
        fprintf(stderr, "no .conll files in %s\n", dir);
        free(files);
        return -1;
    }
    c->files = calloc(nf, sizeof *c->files);
    c->nfiledocs = calloc(nf, sizeof *c->nfiledocs);
    if (!c->files || !c->nfiledocs) return -1;
    int rc = 0;
    for (size_t fi = 0; fi < nf; fi++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[fi]);
        free(files[fi]);
        if (rc) continue;
        size_t n;
        char *data = NULL;
        coref_error err;
        read_file(path, &data, &n);
        if (!data || conll_parse(data, n, &c->files[fi], &c->nfiledocs[fi], &err) != COREF_OK) {
            fprintf(stderr, "cannot read %s\n", path);
            free(data);
            rc = -1;
            continue;
        }
        free(data);
        c->nfiles = fi + 1;
        corpus_doc *nd = realloc(c->docs, (c->n + c->nfiledocs[fi]) * sizeof *nd);
        if (!nd) { rc = -1; continue; }
        c->docs = nd;
        for (size_t di = 0; di < c->nfiledocs[fi] && !rc; di++) {
            conll_doc *g = &c->files[fi][di];
            const coref_options opts = coref_default_options();
            struct coref_doc *d = NULL;
            if (coref_doc_analyze_tokens(model, (const char *const *)g->tok, g->toklen, g->sent_start, g->ntok, &opts,
                                         &d, &err) != COREF_OK) {
                fprintf(stderr, "%s: %s\n", g->name, err.message);
                rc = -1;
                break;
            }
            c->docs[c->n++] = (corpus_doc){d, g};
        }
    }
    free(files);
    return rc;
}

void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->n; i++) coref_doc_free(c->docs[i].d);
    for (size_t f = 0; f < c->nfiles; f++) conll_docs_free(c->files[f], c->nfiledocs[f]);
    free(c->docs);
    free(c->files);
    free(c->nfiledocs);
    memset(c, 0, sizeof *c);
}

int64_t *corpus_gold_entities(const struct coref_doc *d, const conll_doc *g)
{
    int64_t *gent = malloc((d->nment + 1) * sizeof *gent);
    if (!gent) return NULL;
    for (size_t i = 0; i < d->nment; i++) {
        gent[i] = -1;
        for (size_t q = 0; q < g->nment; q++)
            if (g->ments[q].tb == d->ments[i].tb && g->ments[q].te == d->ments[i].te) {
                gent[i] = g->ments[q].entity;
                break;
            }
    }
    return gent;
}
