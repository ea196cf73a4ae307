/* Scoring parsed CoNLL documents: key and response documents matched by name. */
#ifndef COREF_EVAL_CONLL_H
#define COREF_EVAL_CONLL_H
#include "eval/eval.h"
#include "io/conll.h"

/* Called for a key document without a response (`in_key` = 1; it is scored
 * against an empty response) and for a response document without a key
 * (`in_key` = 0; ignored). */
typedef void (*eval_unmatched_fn)(void *ctx, const char *name, int in_key);

/* Score every key document against the response document of the same name
 * (the first unused one), adding to `t`. `cb` may be NULL. 0, or -1 when out
 * of memory. */
int eval_conll_docs(const conll_doc *key, size_t nkey, const conll_doc *resp, size_t nresp, eval_totals *t,
                    eval_unmatched_fn cb, void *ctx);

#endif
