/* The loaded model: the file's bytes plus each component's parsed form.
 * Immutable after load; safe to share between threads. */
#ifndef COREF_MODEL_H
#define COREF_MODEL_H
#include <stddef.h>
#include <stdint.h>

struct tagger;
struct parser;
struct lexicon;
struct ranker;
struct word_clusters;
struct rw_conf;
struct noml_model;

struct coref_model {
    const uint8_t *blob;       /* the model file's bytes: own_blob, map, or the
                                  binary's embedded copy; sections point into it */
    size_t size;
    uint8_t *own_blob;         /* malloc'd copy (freed with the model), or NULL */
    void *map;                 /* mmap'd file (unmapped with the model), or NULL */
    size_t map_size;
    struct tagger *tagger;     /* NULL when the file has no TAGR section */
    struct parser *parser;     /* NULL when the file has no PARS section */
    struct lexicon *lex;       /* NULL when the file has no LEXI section */
    struct ranker *ranker;     /* NULL when the file has no RANK section */
    struct word_clusters *clusters;  /* NULL when the file has no CLUS section */
    struct noml_model *nominal;  /* the learned nominal linker; NULL when no NOML section */
    struct rw_conf *conf;      /* the resolved text's confidence; NULL when no CONF section */
    int use_ranker;            /* 1: coref_resolve re-links with the ranker after the
                                  sieve; 0 (the default): the sieve alone */
    char **meta_keys, **meta_vals;  /* META section: key=value lines */
    size_t nmeta;
};

#include <stdio.h>
/* Write model m as an image: the same sections, each in the form its stage
 * uses in place (tagger, parser, lexicon, clusters and ranker tables stored
 * ready to use; META and unknown sections as they are). Deterministic: the
 * same model gives the same bytes. Defined in pipeline/model.c (its home:
 * it needs every stage); 0, or -1 with a message in errbuf. */
int coref_model_write_image(const struct coref_model *m, FILE *f, char *errbuf, size_t errlen);
#endif
