/* The resolved text judged against gold coreference (issue 9 item 5), for
 * the tools that measure it (eval_resolved) and learn its confidence
 * (train_confidence). A replacement is right when the mention whose name was
 * written (its antecedent) is in the replaced mention's gold entity, or that
 * entity is named by the same name before it (a proper-name gold mention of
 * the entity, earlier, with the antecedent's head word: OntoGUM splits one
 * person's entity at a predicate or an apposition). */
#ifndef COREF_TOOLS_RESOLVED_GOLD_H
#define COREF_TOOLS_RESOLVED_GOLD_H
#include <stddef.h>
#include <stdint.h>
#include "io/conll.h"
#include "rewrite/rewrite.h"
struct coref_doc;

/* Pronoun groups of the breakdown: he/his/him, she/her/hers, it/its,
 * they/them/their/theirs, and everything else (nominals with --nominals). */
enum { RG_HE, RG_SHE, RG_IT, RG_THEY, RG_OTHER, RG_NGROUP };
extern const char *const rg_group_names[RG_NGROUP];

/* Group of the mention covering tokens [tb, te) (src/lang's pronoun classes). */
int rg_group(const struct coref_doc *d, uint32_t tb, uint32_t te);
/* Head of token span [tb, te) by the doc's tree: the token whose head lies
 * outside (no tree: the last noun or pronoun). */
uint32_t rg_span_head(const struct coref_doc *d, uint32_t tb, uint32_t te);
/* 1 when edit e is right, 0 when its antecedent is in another gold entity
 * (or in none), -1 when the replaced mention is no gold mention at all. */
int rg_edit_right(const struct coref_doc *d, const conll_doc *g, const rw_edit *e);

/* The pronouns a perfect system would replace: gold mentions of one token,
 * a third-person pronoun as the rewrite replaces them, whose gold entity has
 * a proper-name mention (head tagged PROPN) earlier in the text. want[k] = 1
 * for those; with `rule`, also 0 when the sentence already names the entity
 * before it (a proper mention, or a pronoun of the entity wanted before it
 * in the sentence): DESIGN's default rule. want has g->nment entries. */
void rg_wanted(const struct coref_doc *d, const conll_doc *g, int rule, unsigned char *want);
/* Index of the gold mention with exactly the span [tb, te) whose entity is
 * the antecedent's when e is right, else any with that span; -1 when none. */
long rg_gold_of(const struct coref_doc *d, const conll_doc *g, uint32_t tb, uint32_t te);
#endif
