/* The internal document: every pipeline stage reads the layers built before
 * it and adds its own (text -> tokens -> tags -> tree -> mentions -> clusters).
 * All offsets here are BYTE offsets into doc->text, end exclusive. */
#ifndef COREF_DOC_H
#define COREF_DOC_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "coref.h"

/* Token flags */
enum {
    TF_SPACE_AFTER = 1u << 0,  /* whitespace follows in the text */
    TF_IN_QUOTE = 1u << 1,     /* inside a quotation (set by the mention stage) */
    TF_GOLD_TAGS = 1u << 2     /* tags came from the input (CoNLL-U), not the tagger */
};

typedef struct tok {
    uint32_t start, end;   /* byte span in doc->text */
    uint32_t sent;         /* sentence index */
    uint8_t upos;          /* enum upos */
    uint8_t xpos;          /* enum xpos */
    uint16_t feats;        /* index into the tagger's FEATS string table; 0 = "_" */
    uint32_t morph;        /* enum morph_bits, derived from FEATS */
    int32_t head;          /* doc-level token index of the head; -1 = root */
    uint8_t deprel;        /* enum deprel */
    uint8_t flags;         /* TF_* */
    uint16_t word;         /* entry of src/lang's word table + 1, 0 = none (lang_mark_tokens) */
} tok_t;

/* Sentence-length policy: every stage after the splitter works within a
 * sentence, so a sentence's length bounds the cost per token. Raw text is
 * split into sentences of at most DOC_MAX_SENT_TOKENS tokens (a longer run
 * without a sentence end is cut after its last comma, semicolon, colon or
 * dash in the second half of the window, else at the limit). Given
 * sentences (CoNLL, CoNLL-U, coref_doc_analyze_tokens) stay as they are and
 * the parser parses a longer one in chunks of this size. No gold sentence
 * in the treebanks or coreference sets comes near it (the longest: 171). */
#define DOC_MAX_SENT_TOKENS 256u

typedef struct sent {
    uint32_t tok_begin, tok_end;   /* token range, end exclusive */
} sent_t;

typedef struct span { uint32_t start, end; } span_t;

/* Mention kinds */
enum { MK_PROPER = 0, MK_NOMINAL = 1, MK_PRONOUN = 2, MK_COUNT };
/* Number / gender / animacy values (0 = unknown) */
enum { NUM_UNK = 0, NUM_SG, NUM_PL, NUM_COUNT };
enum { GEN_UNK = 0, GEN_MASC, GEN_FEM, GEN_NEUT, GEN_COUNT };
enum { ANIM_UNK = 0, ANIM_ANIMATE, ANIM_INANIMATE };
/* Entity types, GUM's inventory */
enum {
    ET_UNK = 0, ET_PERSON, ET_ORGANIZATION, ET_PLACE, ET_ABSTRACT, ET_EVENT, ET_OBJECT,
    ET_TIME, ET_SUBSTANCE, ET_ANIMAL, ET_PLANT, ET_COUNT
};
/* The names of these values as the API (coref_mention) and the writers give
 * them: "proper", "sg", "masc", "person", ... (doc.c). */
extern const char *const mkind_names[MK_COUNT];
extern const char *const number_names[NUM_COUNT];
extern const char *const gender_names[GEN_COUNT];
extern const char *const etype_names[ET_COUNT];
/* A mention's field as its name; a value out of range (no stage makes one)
 * reads as "nominal" for the kind, "unknown" for the others. */
static inline const char *mkind_name(unsigned v) { return mkind_names[v < MK_COUNT ? v : MK_NOMINAL]; }
static inline const char *number_name(unsigned v) { return number_names[v < NUM_COUNT ? v : NUM_UNK]; }
static inline const char *gender_name(unsigned v) { return gender_names[v < GEN_COUNT ? v : GEN_UNK]; }
static inline const char *etype_name(unsigned v) { return etype_names[v < ET_COUNT ? v : ET_UNK]; }

typedef struct mention {
    uint32_t tb, te;       /* token range, te exclusive */
    uint32_t head;         /* head token index */
    uint8_t kind;          /* MK_* */
    uint8_t number, gender, animacy, person, etype;
    uint8_t role;          /* syntactic role: enum deprel of the head (nsubj, obj, ...) */
    uint8_t flags;         /* MF_* */
    int32_t gov;           /* governing verb token, -1 when none */
    int32_t cluster;       /* cluster id, -1 = in no cluster (a singleton) */
    int32_t speaker;       /* mention index of the quote's speaker, -1 */
    /* How the sieve linked it (coref stage; the resolved text's confidence
     * reads them): its first link to an earlier mention. */
    int32_t link;          /* that earlier mention's index + 1; 0: none */
    uint8_t link_pass;     /* the pass that made it (coref/resolve.h RP_*); 0: none */
    uint8_t link_cands;    /* pronoun pass: candidates that passed its filters (at most 255) */
    int16_t link_margin;   /* pronoun pass: best score minus the runner-up's (at most 1000) */
} mention_t;

enum {
    MF_POSSESSIVE = 1u << 0,  /* "his", "Russia's" */
    MF_REFLEXIVE = 1u << 1,
    MF_RELATIVE = 1u << 2,    /* "who", "which", "that" as relative pronoun */
    MF_IN_QUOTE = 1u << 3,    /* inside a quotation (mention stage) */
    MF_INDEFINITE = 1u << 4,
    MF_PLEONASTIC = 1u << 5,  /* "it" in "it is raining" */
    MF_DEMONSTRATIVE = 1u << 6,
    MF_NONREF = 1u << 7       /* predicate nominal or apposition: never clustered */
};

struct coref_model;

struct coref_doc {
    const struct coref_model *model;
    char *text;            /* owned, NUL terminated */
    size_t len;
    span_t *skip;          /* cleaned (boilerplate) byte ranges, sorted */
    size_t nskip;
    tok_t *toks;
    size_t ntok, captok;
    sent_t *sents;
    size_t nsent, capsent;
    mention_t *ments;      /* sorted by (start, -end) */
    size_t nment, capment;
    /* Clusters, built by doc_finish_clusters(): cl_members[] holds mention
     * indices grouped by cluster, cl_off[c]..cl_off[c+1] the range of c. */
    size_t ncluster;
    size_t *cl_members;
    size_t *cl_off;
    char **cl_names;       /* canonical proper name per cluster or NULL */
    int pretokenized;      /* text was built from given tokens */
    int words_marked;      /* tok_t.word is set (lang_mark_tokens) */
};

/* Growable arrays. Return 0 on success, -1 on allocation failure. */
int doc_add_token(struct coref_doc *d, uint32_t start, uint32_t end);
int doc_add_sentence(struct coref_doc *d, uint32_t tok_begin, uint32_t tok_end);
int doc_add_mention(struct coref_doc *d, const mention_t *m);
/* Group mentions by their `cluster` field into the cluster arrays (clusters
 * of two or more, ordered by first mention; others get cluster = -1). */
int doc_finish_clusters(struct coref_doc *d);
/* The entity mention i belongs to in output: its cluster; else, when
 * `singletons` (coref_options.singletons) is set, an entity of its own
 * numbered from *next (start it at d->ncluster and walk the mentions in
 * order), else -1. */
static inline int32_t doc_entity_id(const struct coref_doc *d, size_t i, int singletons, int32_t *next)
{
    if (d->ments[i].cluster >= 0) return d->ments[i].cluster;
    return singletons ? (*next)++ : -1;
}
/* 1 when byte offset `off` lies inside a cleaned (skipped) range. */
int doc_is_skipped(const struct coref_doc *d, size_t off);
/* Token i's bytes in d->text and their length. */
static inline const char *tok_s(const struct coref_doc *d, size_t i) { return d->text + d->toks[i].start; }
static inline size_t tok_n(const struct coref_doc *d, size_t i) { return d->toks[i].end - d->toks[i].start; }
/* The parse unit of token i: its sentence, or for a given sentence longer
 * than DOC_MAX_SENT_TOKENS the parser's chunk of it. Every dependent of a
 * token lies in the token's unit (but the chunk roots tied by parataxis), so
 * scans for a head's dependents stay inside it. [*b, *e), end exclusive. */
static inline void doc_parse_unit(const struct coref_doc *d, size_t i, size_t *b, size_t *e)
{
    const sent_t *s = &d->sents[d->toks[i].sent];
    size_t k = (i - s->tok_begin) / DOC_MAX_SENT_TOKENS;
    *b = s->tok_begin + k * DOC_MAX_SENT_TOKENS;
    *e = s->tok_end - *b > DOC_MAX_SENT_TOKENS ? *b + DOC_MAX_SENT_TOKENS : s->tok_end;
}
/* FNV-1a (64-bit) of s[0..n) with ASCII letters lower-cased, continuing
 * from h (start with DOC_HASH_SEED): equal under ASCII case folding, equal
 * hash. */
#define DOC_HASH_SEED 14695981039346656037ull
static inline uint64_t text_hash_lower(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        h = (h ^ c) * 1099511628211ull;
    }
    return h;
}
/* Case-insensitive (ASCII) equality of token i with a NUL-terminated
 * lower-case word. Inline: the callers pass literals, whose strlen the
 * compiler folds (out of line, strlen took 1.5% of the pipeline). */
static inline int tok_is(const struct coref_doc *d, size_t i, const char *w)
{
    size_t n = tok_n(d, i);
    if (n != strlen(w)) return 0;
    const char *s = tok_s(d, i);
    for (size_t j = 0; j < n; j++) {
        char c = s[j];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c != w[j]) return 0;
    }
    return 1;
}
/* Free everything the document owns (not the struct itself). */
void doc_free_layers(struct coref_doc *d);

#endif
