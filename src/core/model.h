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

struct coref_model {
    uint8_t *blob;             /* owned copy of the model file */
    size_t size;
    struct tagger *tagger;     /* NULL when the file has no TAGR section */
    struct parser *parser;     /* NULL when the file has no PARS section */
    struct lexicon *lex;       /* NULL when the file has no LEXI section */
    struct ranker *ranker;     /* NULL when the file has no RANK section */
    struct word_clusters *clusters;  /* NULL when the file has no CLUS section */
    struct rw_conf *conf;      /* the resolved text's confidence; NULL when no CONF section */
    int use_ranker;            /* 1: coref_resolve re-links with the ranker after the
                                  sieve; 0 (the default): the sieve alone */
    char **meta_keys, **meta_vals;  /* META section: key=value lines */
    size_t nmeta;
};
#endif
