/* STUB: being replaced by the real averaged perceptron. */
#include <stdlib.h>
#include <string.h>
#include "ml/perceptron.h"
struct pc_train { uint32_t nclass; };
struct pc_model { uint32_t nclass; };
uint64_t pc_hash(const void *s, size_t n, uint64_t seed) { (void)s; (void)n; return seed; }
uint64_t pc_hash_mix(uint64_t h, uint64_t v) { return h ^ v; }
pc_train *pc_train_new(uint32_t nclass) { pc_train *t = calloc(1, sizeof *t); if (t) t->nclass = nclass; return t; }
void pc_train_free(pc_train *t) { free(t); }
uint32_t pc_train_nclass(const pc_train *t) { return t->nclass; }
void pc_train_scores(const pc_train *t, const uint64_t *f, size_t nf, float *scores) { (void)f; (void)nf; memset(scores, 0, t->nclass * sizeof *scores); }
void pc_train_update(pc_train *t, const uint64_t *f, size_t nf, uint32_t truth, uint32_t guess) { (void)t; (void)f; (void)nf; (void)truth; (void)guess; }
void pc_train_tick(pc_train *t) { (void)t; }
void pc_train_save(pc_train *t, mf_writer *w, float min_abs) { (void)min_abs; mfw_u32(w, t->nclass); }
int pc_model_load(mf_reader *r, pc_model **out) { (void)r; *out = NULL; return -1; }
void pc_model_free(pc_model *m) { free(m); }
uint32_t pc_model_nclass(const pc_model *m) { return m->nclass; }
size_t pc_model_nfeat(const pc_model *m) { (void)m; return 0; }
void pc_model_scores(const pc_model *m, const uint64_t *f, size_t nf, float *scores) { (void)f; (void)nf; memset(scores, 0, m->nclass * sizeof *scores); }
