/* Transition-based dependency parser (UD heads and relations). */
#ifndef COREF_PARSER_H
#define COREF_PARSER_H
#include <stddef.h>
#include <stdint.h>
struct coref_doc;
struct parser;
struct ps_sent;
struct ps_state;
struct word_clusters;

#define PARSER_SECTION "PARS"
/* PARS payload: u32 magic, u32 format version, u32 feature-set id,
 * u32 label count (DEP_COUNT), then two perceptron models (transitions,
 * labels). Unknown versions and feature sets are rejected on load. The
 * feature-set id is PARSER_FEATURE_SET | groups << 8, groups the PS_F_*
 * template groups beyond the original ones (arc.h); 0 for older models. */
#define PARSER_MAGIC 0x53524150u        /* "PARS" little-endian */
#define PARSER_FORMAT_VERSION 1u
#define PARSER_FEATURE_SET 2u           /* bump when arc.c's templates change */

/* Parse a PARS section. 0, or -1 with a message in errbuf. */
int parser_load(const uint8_t *data, size_t size, struct parser **out, char *errbuf, size_t errlen);
/* Write a PARS section (the layout parser_load reads): header, then the
 * transition and label perceptrons pruned at prune_t / prune_l. Returns the
 * bytes taken by header + transition model (for size reports). */
struct pc_train;
struct mf_writer;
size_t parser_write_section(struct mf_writer *w, unsigned groups, struct pc_train *tr, struct pc_train *lab,
                            float prune_t, float prune_l);
/* The PS_F_* feature groups the parser was trained with. */
unsigned parser_groups(const struct parser *p);
/* 1 when the parser was trained with cluster features (PS_F_CLUS). */
int parser_needs_clusters(const struct parser *p);
/* A parser trained with cluster features (PS_F_CLUS) needs the model's
 * word clusters (CLUS section; not owned), given once while the model is
 * loaded: without them it parses as if every word had no cluster. */
void parser_use_clusters(struct parser *p, const struct word_clusters *c);
/* The PARS payload of a loaded parser with its perceptrons as images (the
 * model image, tools/model_image): parser_load reads it in place. */
void parser_write_image(const struct parser *p, struct mf_writer *w);
void parser_free(struct parser *p);
/* Fill head and deprel of every token of d, sentence by sentence. */
void parser_parse(const struct parser *p, struct coref_doc *d);
/* Parse one sentence: head[i] (-1 = root, else 0-based in sentence) and
 * rel[i] (enum deprel) for its n words; st is reusable scratch.
 * 0, or -1 on allocation failure. */
int parser_parse_sent(const struct parser *p, const struct ps_sent *s, struct ps_state *st,
                      int32_t *head, uint8_t *rel);
#endif
