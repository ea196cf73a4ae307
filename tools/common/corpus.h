/* A coreference corpus folder analysed by our pipeline on its given tokens
 * (predicted tags and tree, system mentions, the sieve), with its gold
 * mentions: for the tools that judge the resolved text (eval_resolved,
 * train_confidence). */
#ifndef COREF_TOOLS_CORPUS_H
#define COREF_TOOLS_CORPUS_H
#include <stddef.h>
#include <stdint.h>
#include "coref.h"
#include "io/conll.h"

typedef struct corpus_doc {
    struct coref_doc *d;   /* the system's analysis */
    conll_doc *gold;       /* its gold document (owned through `files`) */
} corpus_doc;

typedef struct corpus {
    corpus_doc *docs;
    size_t n;
    conll_doc **files;     /* parsed files (conll_docs_free) */
    size_t *nfiledocs, nfiles;
} corpus;

/* Every document of every .conll file of dir (sorted by name). 0, or -1
 * with a message on stderr. */
int corpus_load(const coref_model *model, const char *dir, corpus *c);
void corpus_free(corpus *c);

/* The gold entity of each of d's mentions (that of the gold mention with
 * exactly its span), -1 for none: a malloc'd array of d->nment, or NULL
 * when out of memory. For the trainers that learn from gold links. */
int64_t *corpus_gold_entities(const struct coref_doc *d, const conll_doc *g);
#endif
