/* Word clusters learned from unlabeled text (tools/train_clusters): each
 * word of a fixed vocabulary has a path in a binary tree of clusters, a bit
 * string of at most WCLUS_MAX_DEPTH bits; its prefixes are clusters at
 * coarser levels (the first bits split the vocabulary into the broadest
 * groups). Stages use the prefixes as features, so a rare word behaves like
 * the frequent words that share its cluster.
 *
 * CLUS section payload (little-endian):
 *   u32 WCLUS_FORMAT_VERSION
 *   u32 n, then n * { u8 length, length bytes (the word as tokenized),
 *                     u16 path (the first bit is the highest of depth bits),
 *                     u8 depth (1..WCLUS_MAX_DEPTH) }
 * Immutable after load; safe to share between threads. */
#ifndef COREF_WCLUSTERS_H
#define COREF_WCLUSTERS_H
#include <stddef.h>
#include <stdint.h>
#include "ml/modelfile.h"

#define WCLUS_SECTION "CLUS"
#define WCLUS_FORMAT_VERSION 1u
/* The image form: the lookup table itself, used in place (wclusters.c). */
#define WCLUS_IMAGE_VERSION 2u
#define WCLUS_MAX_DEPTH 16

typedef struct word_clusters word_clusters;

/* Parse a CLUS payload. 0, or -1 with a message in errbuf. */
int wclus_load(const uint8_t *data, size_t size, word_clusters **out, char *errbuf, size_t errlen);
void wclus_free(word_clusters *c);
size_t wclus_size(const word_clusters *c);   /* number of words */

/* The path of a word (exact bytes): 1 with *path and *depth set, 0 when the
 * word is not in the vocabulary. */
int wclus_lookup(const word_clusters *c, const char *s, size_t n, uint32_t *path, unsigned *depth);

/* The same, falling back to the form's ASCII lowercase when the exact form
 * is unknown ("Cornice" at a sentence start; forms of at most 64 bytes). */
int wclus_lookup_word(const word_clusters *c, const char *s, size_t n, uint32_t *path, unsigned *depth);

/* The cluster of the word at depth d: the first min(d, depth) bits of its
 * path, with the length, as one number (distinct for distinct prefixes). */
static inline uint32_t wclus_prefix(uint32_t path, unsigned depth, unsigned d)
{
    if (d > depth) d = depth;
    return ((path >> (depth - d)) & ((1u << d) - 1u)) | (d << 16);
}

/* The CLUS payload of loaded clusters in the image form wclus_load reads
 * in place (the model image, tools/model_image). */
void wclus_write_image(const word_clusters *c, mf_writer *w);

/* Write a CLUS payload for n words (the trainer's side of wclus_load). */
void wclus_write(mf_writer *w, const char *const *word, const uint8_t *len, const uint16_t *path,
                 const uint8_t *depth, size_t n);
#endif
