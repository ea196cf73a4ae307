/* The resolved text judged against gold coreference (resolved_gold.h). */
#include "resolved_gold.h"
#include <stdlib.h>
#include "core/doc.h"
#include "core/tagset.h"
#include "lang/lang.h"

const char *const rg_group_names[RG_NGROUP] = {"he/his/him", "she/her/hers", "it/its", "they/them/their", "other"};

/* A third-person pronoun of the kind the rewrite replaces. */
static int third_pronoun(const struct coref_doc *d, uint32_t i)
{
    uint64_t c = lang_tok(d, i);
    return (c & WC_PRONOUN) && (c & WC_PERSON3) && !(c & (WC_REFL | WC_DEM));
}

int rg_group(const struct coref_doc *d, uint32_t tb, uint32_t te)
{
    if (te != tb + 1 || !third_pronoun(d, tb)) return RG_OTHER;
    uint64_t c = lang_tok(d, tb);
    if (c & WC_MASC) return RG_HE;
    if (c & WC_FEM) return RG_SHE;
    if (c & WC_NEUT) return RG_IT;
    if (c & WC_PL) return RG_THEY;
    return RG_OTHER;
}

uint32_t rg_span_head(const struct coref_doc *d, uint32_t tb, uint32_t te)
{
    int tree = 0;
    for (uint32_t i = tb; i < te; i++) tree |= d->toks[i].head >= 0;
    if (!tree) {
        for (uint32_t i = te; i-- > tb;) {
            int u = d->toks[i].upos;
            if (u == UPOS_NOUN || u == UPOS_PROPN || u == UPOS_PRON) return i;
        }
        return te - 1;
    }
    for (uint32_t i = tb; i < te; i++) {
        int32_t h = d->toks[i].head;
        if ((h < (int32_t)tb || h >= (int32_t)te) && d->toks[i].upos != UPOS_PUNCT) return i;
    }
    return te - 1;
}

/* Mention a (system) is gold mention k: the same span, or the same head
 * with the head inside both spans ("Foreign Minister Sergey Lavrov" against
 * a gold "Sergey Lavrov"). */
static int same_mention(const struct coref_doc *d, const mention_t *a, const conll_mention *k)
{
    if (a->tb == k->tb && a->te == k->te) return 1;
    if (a->head < k->tb || a->head >= k->te) return 0;
    return rg_span_head(d, k->tb, k->te) == a->head;
}

/* Tokens a and b have the same text (ASCII case folded). */
static int same_word(const struct coref_doc *d, uint32_t a, uint32_t b)
{
    return text_hash_lower(DOC_HASH_SEED, tok_s(d, a), tok_n(d, a)) ==
               text_hash_lower(DOC_HASH_SEED, tok_s(d, b), tok_n(d, b)) &&
           tok_n(d, a) == tok_n(d, b);
}

/* Gold mention l names its entity by the antecedent's name: a proper-name
 * mention before the replaced one whose head is the antecedent's head word
 * (OntoGUM splits an entity at a predicate or apposition, so "Byron" early
 * in a text and "Byron ... he" later may be two gold entities of one man). */
static int names_alike(const struct coref_doc *d, const mention_t *a, const conll_mention *l, uint32_t before)
{
    if (l->tb >= before || a->kind != MK_PROPER) return 0;
    uint32_t h = rg_span_head(d, l->tb, l->te);
    return d->toks[h].upos == UPOS_PROPN && same_word(d, h, a->head);
}

int rg_edit_right(const struct coref_doc *d, const conll_doc *g, const rw_edit *e)
{
    int gold = 0;
    const mention_t *a = e->antecedent >= 0 && (size_t)e->antecedent < d->nment ? &d->ments[e->antecedent] : NULL;
    for (size_t k = 0; k < g->nment; k++) {
        if (g->ments[k].tb != e->tb || g->ments[k].te != e->te) continue;
        gold = 1;
        if (!a) continue;
        for (size_t l = 0; l < g->nment; l++)
            if (g->ments[l].entity == g->ments[k].entity &&
                (same_mention(d, a, &g->ments[l]) || names_alike(d, a, &g->ments[l], e->tb)))
                return 1;
    }
    return gold ? 0 : -1;
}

long rg_gold_of(const struct coref_doc *d, const conll_doc *g, uint32_t tb, uint32_t te)
{
    (void)d;
    for (size_t k = 0; k < g->nment; k++)
        if (g->ments[k].tb == tb && g->ments[k].te == te) return (long)k;
    return -1;
}

void rg_wanted(const struct coref_doc *d, const conll_doc *g, int rule, unsigned char *want)
{
    for (size_t k = 0; k < g->nment; k++) {
        const conll_mention *p = &g->ments[k];
        want[k] = 0;
        if (p->te != p->tb + 1 || !third_pronoun(d, p->tb)) continue;
        uint32_t sent = d->toks[p->tb].sent;
        int named = 0, in_sent = 0;
        for (size_t l = 0; l < g->nment; l++) {
            const conll_mention *q = &g->ments[l];
            if (q->entity != p->entity || q->tb >= p->tb) continue;   /* earlier, not containing it */
            if (d->toks[rg_span_head(d, q->tb, q->te)].upos == UPOS_PROPN) {
                named = 1;
                if (d->toks[q->tb].sent == sent) in_sent = 1;
            } else if (l < k && want[l] && d->toks[q->tb].sent == sent) {
                in_sent = 1;
            }
        }
        want[k] = named && !(rule && in_sent);
    }
}
