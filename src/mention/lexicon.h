/* The LEXI model section: a word/phrase -> class-bits table built by
 * tools/build_lexicon from first-name lists, gazetteers and WordNet nouns.
 *
 * Payload: "LXCN" | u32 LEX_FORMAT_VERSION | u32 count |
 *          count * { u32-length-prefixed lowercase key, u32 value }
 * Keys are lowercase ASCII/UTF-8, words of a phrase joined by one space. */
#ifndef COREF_LEXICON_H
#define COREF_LEXICON_H
#include <stddef.h>
#include <stdint.h>

#define LEX_MAGIC "LXCN"
#define LEX_FORMAT_VERSION 1u
/* The image form: the lookup table itself, used in place (lexicon.c). */
#define LEX_IMAGE_VERSION 2u

/* Value bits. The low 4 bits hold the WordNet entity type (ET_* of doc.h)
 * of the word's most frequent noun sense. */
enum {
    LX_ETYPE_MASK = 0xfu,
    LX_MASC = 1u << 4,        /* common noun denoting a male ("king", "actor"?) */
    LX_FEM = 1u << 5,         /* common noun denoting a female ("actress") */
    LX_NAME_MALE = 1u << 6,   /* male first name */
    LX_NAME_FEMALE = 1u << 7, /* female first name */
    LX_COUNTRY = 1u << 8,
    LX_NATIONALITY = 1u << 9, /* demonym: "Russian" */
    LX_STATE = 1u << 10,      /* US state, Canadian province, Mexican state */
    LX_CITY = 1u << 11,
    LX_NOUN = 1u << 12,       /* a WordNet noun lemma */
    LX_GROUP = 1u << 13,      /* collective noun (WordNet noun.group) */
    /* Bits 16..19: entity type (ET_PERSON, ET_PLACE or ET_ORGANIZATION) of
     * the most frequent capitalised WordNet sense ("Paris" the city,
     * "NATO"), 0 when none: proper names must not take a common noun's
     * type ("bush", "rice"). */
    LX_PTYPE_SHIFT = 16,
    LX_PTYPE_MASK = 0xfu << 16
};

struct lexicon;

/* Value bits of a lowercase-folded key (ASCII folding), 0 when absent. */
uint32_t lexicon_get(const struct lexicon *lx, const char *s, size_t n);

#endif
