/* Word classes: what the program knows about English words, in one table
 * (words.def). Every token gets its table entry once, right after its words
 * are known (lang_mark_tokens, called by the pipeline driver), and the
 * stages test class bits (lang_tok) instead of keeping word lists of their
 * own. The table is const and sorted: lookup is a bisection, no state. */
#ifndef COREF_LANG_H
#define COREF_LANG_H

#include <stddef.h>
#include <stdint.h>
#include "core/doc.h"

/* Word classes (bits of a word's class set). */
#define WC_BIT(n) (UINT64_C(1) << (n))
/* names and roles */
#define WC_TITLE WC_BIT(0)          /* a person's title or role before a name: "Mr.", "President", "spokesman" */
#define WC_NAME_SUFFIX WC_BIT(1)    /* after a person's name: "Jr.", "III" */
#define WC_OTHER_HOLDER WC_BIT(2)   /* "the next / former president" is someone else */
#define WC_ORG_WORD WC_BIT(3)       /* a name ending (or headed) so is an organisation: "University", "Inc." */
#define WC_LEGAL_FORM WC_BIT(4)     /* a company's legal form, dropped in a short name: "Tesla Inc." */
#define WC_PLACE_NOUN WC_BIT(5)     /* a name headed so is a place: "Street", "River" */
#define WC_CITY_NOUN WC_BIT(6)      /* "the city" refers to a city named before */
#define WC_COUNTRY_NOUN WC_BIT(7)
#define WC_STATE_NOUN WC_BIT(8)
/* verbs */
#define WC_SPEECH_VERB WC_BIT(9)    /* speech and attribution: "said", "according" */
#define WC_PLEO_VERB WC_BIT(10)     /* takes a pleonastic "it": "rains", "seems" */
#define WC_MAKE_VERB WC_BIT(11)     /* "make/find/consider/keep it ADJ to ..." */
#define WC_TAKE_VERB WC_BIT(12)     /* "it takes ... to" */
#define WC_COME_VERB WC_BIT(13)     /* "when it comes to", "as it turned out" */
/* time */
#define WC_MONTH WC_BIT(14)         /* full names */
#define WC_MONTH_ABBR WC_BIT(15)    /* "Jan", "Sept" (also ordinary words: "mar") */
#define WC_WEEKDAY WC_BIT(16)
#define WC_WEEKDAY_ABBR WC_BIT(17)  /* "Mon", "Thurs" (also ordinary words: "sun") */
#define WC_DAY_DEIXIS WC_BIT(18)    /* "today", "yesterday", "tomorrow" */
/* function words */
#define WC_PRONOUN WC_BIT(19)       /* personal, possessive, reflexive, demonstrative */
#define WC_PERSON1 WC_BIT(20)
#define WC_PERSON2 WC_BIT(21)
#define WC_PERSON3 WC_BIT(22)
#define WC_SG WC_BIT(23)            /* number, where the pronoun has one ("you": none) */
#define WC_PL WC_BIT(24)
#define WC_MASC WC_BIT(25)          /* gender of pronouns and titles ("he", "Mrs.") */
#define WC_FEM WC_BIT(26)
#define WC_NEUT WC_BIT(27)
#define WC_ANIMATE WC_BIT(28)       /* animacy of pronouns ("they": neither) */
#define WC_INANIMATE WC_BIT(29)
#define WC_POSS WC_BIT(30)          /* possessive pronoun: "his", "ours" ("her": by its tag) */
#define WC_POSS_INDEP WC_BIT(31)    /* a possessive that is no determiner: "mine", "theirs" */
#define WC_REFL WC_BIT(32)          /* "herself" */
#define WC_DEM WC_BIT(33)           /* "this", "that", "these", "those" */
#define WC_WH_WORD WC_BIT(34)       /* "who", "which", "whatever" */
#define WC_INDEF_PRON WC_BIT(35)    /* "someone", "each", "others" */
#define WC_INDEF_DET WC_BIT(36)     /* "a", "some", "every" */
/* punctuation and the tokenizer */
#define WC_QUOTE WC_BIT(37)         /* a quotation mark token: '"', '“', '``' */
#define WC_QUOTE_OPEN WC_BIT(38)    /* one that only opens: '“', '``' */
#define WC_QUOTE_CLOSE WC_BIT(39)   /* one that only closes: '”', "''" */
#define WC_CLITIC WC_BIT(40)        /* split off its host: "n't", "'s", "na" (gon-na) */
#define WC_FUSED WC_BIT(41)         /* split in two by the tokenizer: "cannot", "gonna" (words.def: split) */
#define WC_HYPH_PREFIX WC_BIT(42)   /* kept attached before a hyphen: "non-profit" */
#define WC_ABBREV_CAP WC_BIT(43)    /* keeps its period when capitalised: "Calif.", "Mr." */
#define WC_ABBREV_LOWER WC_BIT(44)  /* keeps its period in lower case: "etc.", "vol." */
#define WC_NAME_ABBREV_CAP WC_BIT(45)   /* with its period, capitalised: no sentence ends after it ("Dr.") */
#define WC_NAME_ABBREV_LOWER WC_BIT(46) /* the same in lower case ("vs.", "pp.") */
#define WC_SENT_STARTER WC_BIT(47)  /* often starts a sentence: "The", "However" */
#define WC_TITLE_PART WC_BIT(48)    /* part of a title, no title alone: "Prime (Minister)", "Defense (Secretary)" */
#define WC_ROLE WC_BIT(49)          /* a role noun that is no title of the mention stage, yet never a
                                       name nor part of one in the resolved text: "golfer", "tsar" */
#define WC_NAME_PARTICLE WC_BIT(50) /* lower-case inside a longer name: "de" (Rio de Janeiro), "van" */
#define WC_NAME_JOINER WC_BIT(51)   /* joins the parts of a place's or an organisation's name:
                                       "of" ("Bank of England"; a person's "Gordon of X" is a title) */
#define WC_PERSON_VERB WC_BIT(52)   /* its subject is a person: "born", "married", "graduated", "starred" */
#define WC_NCLASS 53
/* A head noun that names a time: "March", "Friday", "yesterday". */
#define WC_TIME_NOUN (WC_MONTH | WC_WEEKDAY | WC_DAY_DEIXIS)

typedef struct lang_word {
    const char *word;   /* lower case */
    uint64_t classes;   /* WC_* */
    uint8_t split;      /* WC_FUSED: where the tokenizer splits it */
} lang_word;

/* The table, sorted by word; lang_nwords entries. */
extern const lang_word lang_words[];
extern const size_t lang_nwords;

/* Entry of the word s[0..n) (ASCII case-insensitive; other bytes as they
 * are), or NULL when the table does not know it. */
const lang_word *lang_find(const char *s, size_t n);
/* Classes of s[0..n): 0 when unknown. */
uint64_t lang_classes(const char *s, size_t n);
/* 1 when s[0..n) has a letter and all its ASCII letters are lower case
 * (want_cap = 0), or the first byte is an upper-case letter and the other
 * letters are lower case (want_cap = 1): the case the tokenizer's _CAP and
 * _LOWER abbreviation classes ask for. */
int lang_case_is(const char *s, size_t n, int want_cap);

/* Gender a surname's ending gives (Slavic: "Lavrov", "Petrova"): GEN_MASC,
 * GEN_FEM, else GEN_UNK. */
int lang_surname_gender(const char *s, size_t n);

/* Phrase classes (phrases.def): the page furniture of scraped articles the
 * boilerplate cleaner recognises, "READ MORE", picture credits, share
 * prompts, timestamp words. Each class is a short const list scanned in
 * order; LP_EXACT classes compare bytes as written, LP_FOLD classes fold
 * ASCII case (their phrases are lower case). */
enum lang_phrase_case { LP_FOLD, LP_EXACT };
enum lang_phrase_class {
#define PHRASES(cls, case_) cls,
#define P(phrase)
#define END_PHRASES
#include "lang/phrases.def"
#undef PHRASES
#undef P
#undef END_PHRASES
    LP_NCLASS
};

typedef struct lang_phrase {
    const char *s;
    size_t n;           /* bytes of s */
} lang_phrase;

typedef struct lang_phrase_set {
    const lang_phrase *v;
    size_t n;
    enum lang_phrase_case case_;
} lang_phrase_set;

/* The phrases of each class, in the order phrases.def lists them. */
extern const lang_phrase_set lang_phrase_sets[LP_NCLASS];

/* 1 when s[0..n) is a phrase of class cls. */
int lang_phrase_is(const char *s, size_t n, enum lang_phrase_class cls);
/* Length of the longest phrase of cls that s[0..n) starts with, 0 when none. */
size_t lang_phrase_prefix(const char *s, size_t n, enum lang_phrase_class cls);
/* Length of the longest phrase of cls that s[0..n) ends with, 0 when none. */
size_t lang_phrase_suffix(const char *s, size_t n, enum lang_phrase_class cls);
/* 1 when a phrase of cls occurs anywhere in s[0..n): O(n) times the class. */
int lang_phrase_in(const char *s, size_t n, enum lang_phrase_class cls);

/* Set every token's table entry (tok_t.word) and d->words_marked. Call once
 * the tokens exist: the pipeline driver does; the mention stage does it for
 * a document built by hand that is not marked yet (tools, tests). */
void lang_mark_tokens(struct coref_doc *d);

/* Classes of token i (marked by lang_mark_tokens). */
static inline uint64_t lang_tok(const struct coref_doc *d, size_t i)
{
    uint16_t w = d->toks[i].word;
    return w ? lang_words[w - 1].classes : 0;
}
/* Token i has any of the classes in `any`. */
static inline int lang_tok_has(const struct coref_doc *d, size_t i, uint64_t any)
{
    return (lang_tok(d, i) & any) != 0;
}

#endif
