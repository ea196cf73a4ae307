/* Tagged documents built by hand (forms, tags, heads, relations) and the
 * lexicon fixture, shared by the mention and coreference tests. */
#ifndef COREF_TEST_TREEDOC_H
#define COREF_TEST_TREEDOC_H
#include "check.h"
#include "coref.h"
#include "core/doc.h"
#include "core/model.h"
#include "core/tagset.h"
#include "lang/lang.h"
#include "mention/lexicon.h"

typedef struct row { const char *form, *upos, *xpos; int head; const char *deprel, *feats; } row;

/* Build a document of sentences (rows terminated by a NULL form; sentences by an
 * empty row list). Caller frees with coref_doc_free. */
static inline struct coref_doc *build(const row *const *sents, size_t nsent, int with_tree)
{
    struct coref_doc *d = calloc(1, sizeof *d);
    assert_non_null(d);
    size_t cap = 1;
    for (size_t s = 0; s < nsent; s++)
        for (const row *r = sents[s]; r->form; r++) cap += strlen(r->form) + 1;
    d->text = calloc(cap, 1);
    assert_non_null(d->text);
    size_t pos = 0;
    for (size_t s = 0; s < nsent; s++) {
        uint32_t b = (uint32_t)d->ntok;
        for (const row *r = sents[s]; r->form; r++) {
            size_t n = strlen(r->form);
            if (pos) d->text[pos++] = ' ';
            memcpy(d->text + pos, r->form, n);
            assert_int_equal(doc_add_token(d, (uint32_t)pos, (uint32_t)(pos + n)), 0);
            pos += n;
            tok_t *t = &d->toks[d->ntok - 1];
            t->upos = (uint8_t)upos_from_name(r->upos, strlen(r->upos));
            t->xpos = (uint8_t)xpos_from_name(r->xpos, strlen(r->xpos));
            t->deprel = (uint8_t)deprel_from_name(r->deprel, strlen(r->deprel));
            t->morph = morph_from_feats(r->feats, strlen(r->feats));
            t->head = with_tree && r->head ? (int32_t)(b + (uint32_t)r->head - 1) : -1;
        }
        assert_int_equal(doc_add_sentence(d, b, (uint32_t)d->ntok), 0);
    }
    d->len = pos;
    lang_mark_tokens(d);   /* word classes, as the pipeline driver gives them */
    return d;
}

/* Index of the mention with token span [tb, te), or -1. */
static inline long find_span(const struct coref_doc *d, uint32_t tb, uint32_t te)
{
    for (size_t i = 0; i < d->nment; i++)
        if (d->ments[i].tb == tb && d->ments[i].te == te) return (long)i;
    return -1;
}

static const struct lexicon *lex;
static coref_model *model;

/* The lexicon of the embedded model, the one that ships (never a freshly
 * trained build/model/lexicon.bin: the tests check what users get). */
static inline int setup(void **state)
{
    (void)state;
    coref_error err;
    if (coref_model_load_embedded(&model, &err) == COREF_OK) lex = model->lex;
    return 0;
}

static inline int teardown(void **state)
{
    (void)state;
    coref_model_free(model);
    return 0;
}

#endif
