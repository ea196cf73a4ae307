/* Averaged multiclass perceptron over hashed sparse binary features.
 *
 * Training form (pc_train): open-addressing table from 64-bit feature hash
 * to a dense row of nclass weights plus averaging accumulators (lazy
 * timestamps, as in the classic averaged perceptron).
 * Compact form (pc_model): read-only, loaded from a model section; each
 * feature row stores only its non-zero (class, int16 weight) pairs, with
 * one float scale for the whole model. On disk (format 2) rows are sorted
 * by a 32-bit fingerprint of the feature hash and delta/varint coded
 * (about half the bytes of fixed-width 64-bit keys); features sharing a
 * fingerprint are merged, a negligible collision at our model sizes.
 * The image form (format 3) stores the lookup table itself, for models used
 * in place (see pc_model_load). */
#ifndef COREF_PERCEPTRON_H
#define COREF_PERCEPTRON_H
#include <stddef.h>
#include <stdint.h>
#include "ml/modelfile.h"

typedef struct pc_train pc_train;   /* trainable averaged perceptron, dense rows per seen feature */
typedef struct pc_model pc_model;   /* compact read-only form loaded from a model section */

/* Format versions of a serialized pc_model (checked on load): the compact
 * form pc_train_save writes (decoded into tables at load), and the image
 * form pc_model_write_image writes (the tables themselves, used in place:
 * a model file mapped into memory is not decoded or copied). */
#define PC_FORMAT_VERSION 2u
#define PC_IMAGE_VERSION 3u

uint64_t pc_hash(const void *s, size_t n, uint64_t seed);   /* 64-bit hash for feature strings */
uint64_t pc_hash_mix(uint64_t h, uint64_t v);               /* combine a hash with an integer */

pc_train *pc_train_new(uint32_t nclass);   /* NULL on allocation failure or nclass 0 */
void pc_train_free(pc_train *t);
uint32_t pc_train_nclass(const pc_train *t);
void pc_train_scores(const pc_train *t, const uint64_t *f, size_t nf, float *scores); /* current weights, scores[nclass] overwritten */
void pc_train_update(pc_train *t, const uint64_t *f, size_t nf, uint32_t truth, uint32_t guess); /* +1 truth, -1 guess; no-op if equal */
/* Add delta to class cls of every feature (ranking models: +1 to the right
 * candidate's features, -1 to the predicted one's). */
void pc_train_add(pc_train *t, const uint64_t *f, size_t nf, uint32_t cls, int32_t delta);
void pc_train_tick(pc_train *t);   /* one training instance seen (averaging clock) */
/* Average, drop features whose averaged weights are all below min_abs in
 * magnitude, serialize (int16 weights with one global scale). The training
 * weights themselves are left as they are: saving again (another pruning
 * level) gives the same averages. */
void pc_train_save(pc_train *t, mf_writer *w, float min_abs);

/* Either form; 0, or -1 on malformed data. An image is used where it lies:
 * its bytes must outlive the model and be 4-byte aligned. */
int pc_model_load(mf_reader *r, pc_model **out);
/* The loaded model's tables as an image (the form pc_model_load maps);
 * the writer's position must be 8-byte aligned relative to an aligned base. */
void pc_model_write_image(const pc_model *m, mf_writer *w);
/* 1 when the model's table is an image used in place, 0 when decoded. */
int pc_model_in_place(const pc_model *m);
void pc_model_free(pc_model *m);
uint32_t pc_model_nclass(const pc_model *m);
size_t pc_model_nfeat(const pc_model *m);
void pc_model_scores(const pc_model *m, const uint64_t *f, size_t nf, float *scores);
/* The integer sums behind pc_model_scores, added into acc[nclass]: scores
 * of a feature list split in parts are (float)(sum of the parts' acc) *
 * pc_model_scale(m), the same floats as pc_model_scores of the whole list
 * (the parser keeps the parts that stay the same from step to step). */
void pc_model_add(const pc_model *m, const uint64_t *f, size_t nf, int32_t *acc);
float pc_model_scale(const pc_model *m);

#endif
