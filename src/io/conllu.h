/* Reader for Universal Dependencies CoNLL-U files. */
#ifndef COREF_CONLLU_H
#define COREF_CONLLU_H
#include <stddef.h>
#include <stdint.h>
#include "coref.h"

typedef struct conllu_word {
    const char *form; uint32_t form_len;      /* pointers into the corpus' own copy of the data */
    const char *lemma; uint32_t lemma_len;
    const char *feats; uint32_t feats_len;    /* "_" when empty */
    const char *misc; uint32_t misc_len;
    const char *upos_str; uint32_t upos_len;  /* raw column text */
    const char *xpos_str; uint32_t xpos_len;
    const char *deprel_str; uint32_t deprel_len;
    uint8_t upos, xpos, deprel;                /* enums of core/tagset.h (0 when unknown) */
    uint8_t space_after;                       /* 0 when MISC has SpaceAfter=No, else 1 */
    int32_t head;                              /* 0-based index within the sentence, -1 = root */
    uint32_t id;                               /* the CoNLL-U ID (1-based) */
    int32_t mwt;                               /* index into corpus->mwts of the multiword token
                                                  this word belongs to, or -1 */
} conllu_word;

/* A multiword token line ("3-4 don't ..."): its surface form and the
 * corpus-level word range it covers. */
typedef struct conllu_mwt {
    const char *form; uint32_t form_len;
    const char *misc; uint32_t misc_len;
    size_t word_begin, word_end;              /* corpus-level word indices, end exclusive */
} conllu_mwt;

typedef struct conllu_sent {
    size_t word_begin, word_end;               /* syntactic words (multiword-token ranges resolved to their parts; empty nodes like 8.1 skipped) */
    int newdoc, newpar;                        /* sentence starts a document / paragraph */
    const char *text; uint32_t text_len;       /* the "# text = " comment or NULL */
    const char *doc_id; uint32_t doc_id_len;   /* "# newdoc id = " or NULL */
    const char *sent_id; uint32_t sent_id_len; /* "# sent_id = " or NULL */
    size_t mwt_begin, mwt_end;                 /* this sentence's multiword tokens in corpus->mwts */
    size_t line;                               /* 1-based line of the sentence's first line */
} conllu_sent;

typedef struct conllu_corpus {
    char *data; size_t len;
    conllu_word *words; size_t nword;
    conllu_sent *sents; size_t nsent;
    conllu_mwt *mwts; size_t nmwt;
} conllu_corpus;

/* Parse CoNLL-U text (copies data). COREF_OK, COREF_ERR_NOMEM, or
 * COREF_ERR_INPUT with err->line set and a message naming the line and problem. */
int conllu_parse(const char *data, size_t n, conllu_corpus **out, coref_error *err);
/* Read and parse a file; COREF_ERR_IO when it cannot be read. */
int conllu_read_file(const char *path, conllu_corpus **out, coref_error *err);
void conllu_free(conllu_corpus *c);

#endif
