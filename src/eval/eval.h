/* Coreference scorer: MUC, B-cubed, CEAF-m, CEAF-e, LEA and the CoNLL F1,
 * following the conventions of the official reference scorer v8.01:
 *  - mentions are matched by exact span;
 *  - a span repeated in the key keeps one id (shared by its entities);
 *  - a response mention whose span is already matched to the key earlier in
 *    the response is dropped; repeated response spans not in the key stay;
 *  - singleton entities count for B3, CEAF and LEA (MUC ignores them);
 *  - response mentions not in the key count in precision denominators only;
 *  - several documents: numerators and denominators are summed (micro).
 * LEA follows Moosavi & Strube (2016): link(e) = |e|(|e|-1)/2, a singleton
 * has one self-link, resolved when the other side has it as a singleton. */
#ifndef COREF_EVAL_H
#define COREF_EVAL_H
#include <stddef.h>
#include <stdint.h>

/* A mention: any span [start, end) (token or character offsets) and entity. */
typedef struct eval_mention {
    int64_t start, end;
    int64_t entity;
} eval_mention;

enum { EVAL_MUC = 0, EVAL_BCUB, EVAL_CEAFM, EVAL_CEAFE, EVAL_LEA, EVAL_NMETRIC };
/* "muc", "bcub", "ceafm", "ceafe", "lea" */
extern const char *const eval_metric_names[EVAL_NMETRIC];

typedef struct eval_counts {
    double rnum, rden;     /* recall = rnum / rden */
    double pnum, pden;     /* precision = pnum / pden */
} eval_counts;

typedef struct eval_totals {
    eval_counts m[EVAL_NMETRIC];
    size_t ndoc;
} eval_totals;

/* Zero all counts. */
void eval_totals_init(eval_totals *t);
/* Score one document (key vs response mention lists, any order) and add its
 * counts to `t`. Returns 0, or -1 when out of memory (t unchanged). */
int eval_add_document(eval_totals *t, const eval_mention *key, size_t nkey, const eval_mention *resp,
                      size_t nresp);
/* Recall, precision and F1 (0..1) of counts; 0 where a denominator is 0.
 * Any output pointer may be NULL. */
void eval_prf(const eval_counts *c, double *r, double *p, double *f);
/* CoNLL F1: mean of the MUC, B3 and CEAF-e F1 (0..1). */
double eval_conll_f1(const eval_totals *t);

/* Maximum-weight assignment on an n x m matrix w (row major, n, m >= 0):
 * row_to_col[i] receives the column of row i or -1. Kuhn-Munkres, O(k^3)
 * with k = max(n, m). Returns the total weight, or -1 when out of memory. */
double eval_assign_max(const double *w, size_t n, size_t m, long *row_to_col);

#endif
