/* Scoring CoNLL documents matched by name. */
#include <stdlib.h>
#include <string.h>
#include "eval/eval_conll.h"

/* Mentions of a CoNLL document as token spans. NULL when out of memory. */
static eval_mention *to_eval(const conll_doc *d)
{
    eval_mention *m = malloc((d->nment ? d->nment : 1) * sizeof *m);
    if (!m) return NULL;
    for (size_t i = 0; i < d->nment; i++) {
        m[i].start = d->ments[i].tb;
        m[i].end = d->ments[i].te;
        m[i].entity = d->ments[i].entity;
    }
    return m;
}

/* Score key documents against same-named response documents: see header. */
int eval_conll_docs(const conll_doc *key, size_t nkey, const conll_doc *resp, size_t nresp, eval_totals *t,
                    eval_unmatched_fn cb, void *ctx)
{
    unsigned char *used = calloc(nresp ? nresp : 1, 1);
    if (!used) return -1;
    int rc = 0;
    for (size_t i = 0; i < nkey && rc == 0; i++) {
        const conll_doc *r = NULL;
        /* same position first: the common case of files in the same order */
        if (i < nresp && !used[i] && strcmp(resp[i].name, key[i].name) == 0) {
            r = &resp[i];
            used[i] = 1;
        }
        for (size_t j = 0; !r && j < nresp; j++)
            if (!used[j] && strcmp(resp[j].name, key[i].name) == 0) { r = &resp[j]; used[j] = 1; }
        if (!r && cb) cb(ctx, key[i].name, 1);
        eval_mention *km = to_eval(&key[i]);
        eval_mention *rm = r ? to_eval(r) : malloc(1);
        if (!km || !rm || eval_add_document(t, km, key[i].nment, rm, r ? r->nment : 0) != 0) rc = -1;
        free(km);
        free(rm);
    }
    for (size_t j = 0; j < nresp && rc == 0; j++)
        if (!used[j] && cb) cb(ctx, resp[j].name, 0);
    free(used);
    return rc;
}
