/* The learned pronoun-antecedent scorer (issue 9 item 3): the pronoun pass
 * of the sieve (resolve.c) scores each candidate antecedent of a
 * third-person pronoun that passed its hard filters (agreement, binding,
 * window) with a linear model over hashed indicator features of the pair
 * (syntactic roles and their parallelism, clause relation, distances, the
 * candidates between them, the entity's gender evidence and salience, the
 * hand-set score's own ranking, ...), and links the pronoun to the best.
 * Trained by tools/train_pron on GAP development and the pronouns of
 * OntoGUM and LitBank train (a ranking objective); without a PRON section
 * the hand-set score decides, as before.
 *
 * Section layout (compact, models/coref.model): u32 PRON_VERSION | u32
 * groups (PG_* the model decides) | f32 margin scale | u32 nnz | nnz x (u32
 * index < PRON_NW, f32 weight), indexes increasing; decoded at load into a
 * dense table. The image form (PRON_IMAGE_VERSION, tools/model_image) is
 * that table itself: u32 version | u32 groups | f32 scale | u32 PRON_NW |
 * PRON_NW x f32, used where it lies (nothing decoded at start). */
#ifndef COREF_PRON_H
#define COREF_PRON_H
#include <stddef.h>
#include <stdint.h>

#define PRON_SECTION "PRON"
#define PRON_VERSION 1u
#define PRON_IMAGE_VERSION 2u
#define PRON_BITS 15
#define PRON_NW (1u << PRON_BITS)
#define PRON_MAX_FEATS 64   /* features of one (pronoun, candidate) pair */

/* Pronoun groups a model may decide (the section's `groups`). */
enum { PG_HESHE = 1, PG_IT = 2, PG_THEY = 4 };

typedef struct pron_model {
    uint32_t groups;
    float margin_scale;   /* link_margin = score difference x this (the hand score's units) */
    const float *w;       /* PRON_NW weights: in the image, or own */
    float *own;           /* the decoded table of a compact section, else NULL */
} pron_model;

/* Decode a PRON section. 0, or -1 with a message in msg. */
int pron_load(const uint8_t *data, size_t n, pron_model **out, char *msg, size_t msgn);
void pron_free(pron_model *p);
/* The PRON payload of a loaded model in the image form pron_load uses in place. */
struct mf_writer;
void pron_write_image(const pron_model *p, struct mf_writer *w);

/* Feature index of template t with value v, conjoined with c. */
static inline uint32_t pron_feat(uint32_t t, uint64_t v, uint32_t c)
{
    uint64_t h = (uint64_t)t * 0x9E3779B97F4A7C15ull ^ (v + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full ^
                 (uint64_t)(c + 1) * 0x165667B19E3779F9ull;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return (uint32_t)(h & (PRON_NW - 1));
}

static inline float pron_score(const pron_model *p, const uint32_t *f, size_t n)
{
    float s = 0;
    for (size_t k = 0; k < n; k++) s += p->w[f[k]];
    return s;
}
#endif
