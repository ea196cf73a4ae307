/* Averaged-perceptron POS + morphology tagger (UPOS, XPOS, FEATS). */
#ifndef COREF_TAGGER_H
#define COREF_TAGGER_H
#include <stddef.h>
#include <stdint.h>
struct coref_doc;
struct tagger;
struct mf_writer;
struct word_clusters;

#define TAGGER_SECTION "TAGR"
/* Version of the TAGR payload layout; tagger_load rejects others. */
#define TAGGER_FORMAT_VERSION 2u

/* Parse a TAGR section. 0, or -1 with a message in errbuf. */
int tagger_load(const uint8_t *data, size_t size, struct tagger **out, char *errbuf, size_t errlen);
void tagger_free(struct tagger *t);
/* Give a loaded tagger the model's word clusters (CLUS section; not owned,
 * must outlive the tagger; NULL: none). Only while the model is being
 * loaded: a tagger is immutable once shared. A tagger trained with clusters
 * (train_tagger --clusters) must get the same ones: without them it tags
 * much worse (EWT dev UPOS 93.1 instead of 95.1). */
void tagger_use_clusters(struct tagger *t, const struct word_clusters *c);
/* Fill upos, xpos, feats, morph of every token of d (sentences whose tokens
 * all carry TF_GOLD_TAGS are left alone). */
void tagger_tag(const struct tagger *t, struct coref_doc *d);
/* The FEATS string for a feats index ("_" for 0 or out of range). */
const char *tagger_feats_name(const struct tagger *t, uint16_t idx);
/* Intern a FEATS string read from input (CoNLL-U with gold tags): returns its
 * index or 0 when the tagger does not know it. */
uint16_t tagger_feats_index(const struct tagger *t, const char *s, size_t n);

/* Tag one sentence of n words given as (form[i], len[i]); writes upos[n],
 * xpos[n], feats[n]. Emoji and symbols are tagged by rule and the model
 * tags the other words as if they were absent. Returns 0, or -1 on
 * allocation failure. */
int tagger_tag_words(const struct tagger *t, const char *const *form, const uint32_t *len,
                     size_t n, uint8_t *upos, uint8_t *xpos, uint16_t *feats);
/* The same with the model alone on every word, symbols included: the
 * parser's jackknifed training tags (train_parser), as the shipped parser
 * was trained; the runtime parser never sees symbols (parse_span). */
int tagger_tag_words_model(const struct tagger *t, const char *const *form, const uint32_t *len,
                           size_t n, uint8_t *upos, uint8_t *xpos, uint16_t *feats);

/* Append the TAGR payload's tables (version, FEATS strings, dictionary,
 * allowed classes: the layout in tagger.c) for tagger t, whose three
 * perceptron models the caller appends after them (the trainer,
 * tools/common/tagger_train.c). Errors are left in w->err. */
void tagger_write_tables(const struct tagger *t, struct mf_writer *w);
/* The TAGR payload of a loaded tagger with its perceptrons as images (the
 * model image, tools/model_image): tagger_load reads it in place. */
void tagger_write_image(const struct tagger *t, struct mf_writer *w);
/* 1 when the tagger's models are images used in place (nothing decoded). */
int tagger_in_place(const struct tagger *t);
#endif
