/* The word-class table (words.def) and its lookup: a const array sorted by
 * word, searched by bisection, so the library keeps no writable state. */
#include <string.h>
#include "lang/lang.h"

const lang_word lang_words[] = {
#define W(word, classes, split) {word, classes, split},
#include "lang/words.def"
#undef W
};
const size_t lang_nwords = sizeof lang_words / sizeof *lang_words;

/* tok_t.word holds an entry index + 1 in 16 bits. */
_Static_assert(sizeof lang_words / sizeof *lang_words < UINT16_MAX, "words.def too large for tok_t.word");

/* Order of s[0..n) (ASCII lower-cased) against the word w, like strcmp. */
static int cmp_folded(const char *s, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i], x = (unsigned char)w[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if (!x) return 1;   /* w is a prefix of s */
        if (c != x) return c < x ? -1 : 1;
    }
    return w[n] ? -1 : 0;
}

const lang_word *lang_find(const char *s, size_t n)
{
    size_t lo = 0, hi = lang_nwords;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_folded(s, n, lang_words[mid].word);
        if (c == 0) return &lang_words[mid];
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

uint64_t lang_classes(const char *s, size_t n)
{
    const lang_word *w = lang_find(s, n);
    return w ? w->classes : 0;
}

int lang_case_is(const char *s, size_t n, int want_cap)
{
    int letters = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z';
        if (up && !(want_cap && i == 0)) return 0;
        if (want_cap && i == 0 && !up) return 0;
        letters += up || low;
    }
    return letters > 0;
}

int lang_surname_gender(const char *s, size_t n)
{
    static const char *const fem[] = {"ova", "eva", "ina", "skaya", NULL};
    static const char *const masc[] = {"ov", "ev", "sky", "ski", NULL};
    if (n < 5) return GEN_UNK;
    for (int k = 0; fem[k]; k++)
        if (n > strlen(fem[k]) && memcmp(s + n - strlen(fem[k]), fem[k], strlen(fem[k])) == 0) return GEN_FEM;
    for (int k = 0; masc[k]; k++)
        if (n > strlen(masc[k]) && memcmp(s + n - strlen(masc[k]), masc[k], strlen(masc[k])) == 0) return GEN_MASC;
    return GEN_UNK;
}

void lang_mark_tokens(struct coref_doc *d)
{
    for (size_t i = 0; i < d->ntok; i++) {
        const lang_word *w = lang_find(tok_s(d, i), tok_n(d, i));
        d->toks[i].word = w ? (uint16_t)(w - lang_words + 1) : 0;
    }
    d->words_marked = 1;
}

/* The phrase classes: one const array per class, then the class table. */
#define PHRASES(cls, case_) static const lang_phrase ph_##cls[] = {
#define P(phrase) {phrase, sizeof phrase - 1},
#define END_PHRASES };
#include "lang/phrases.def"
#undef PHRASES
#undef P
#undef END_PHRASES

const lang_phrase_set lang_phrase_sets[LP_NCLASS] = {
#define PHRASES(cls, case_) [cls] = {ph_##cls, sizeof ph_##cls / sizeof *ph_##cls, case_},
#define P(phrase)
#define END_PHRASES
#include "lang/phrases.def"
#undef PHRASES
#undef P
#undef END_PHRASES
};

/* s[0..n) equals the phrase p[0..n) (folding ASCII case unless exact). */
static int same(const char *s, const char *p, size_t n, enum lang_phrase_case how)
{
    if (how == LP_EXACT) return memcmp(s, p, n) == 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if (c != (unsigned char)p[i]) return 0;
    }
    return 1;
}

int lang_phrase_is(const char *s, size_t n, enum lang_phrase_class cls)
{
    const lang_phrase_set *set = &lang_phrase_sets[cls];
    for (size_t k = 0; k < set->n; k++)
        if (set->v[k].n == n && same(s, set->v[k].s, n, set->case_)) return 1;
    return 0;
}

size_t lang_phrase_prefix(const char *s, size_t n, enum lang_phrase_class cls)
{
    const lang_phrase_set *set = &lang_phrase_sets[cls];
    if (!n) return 0;
    /* the first byte rules out most phrases without a call: the cleaner
     * asks at every position of a line (lang_phrase_in, picture agencies) */
    unsigned char c0 = (unsigned char)s[0];
    if (set->case_ == LP_FOLD && c0 >= 'A' && c0 <= 'Z') c0 = (unsigned char)(c0 + 32);
    size_t best = 0;
    for (size_t k = 0; k < set->n; k++) {
        size_t l = set->v[k].n;
        if ((unsigned char)set->v[k].s[0] == c0 && l <= n && l > best && same(s, set->v[k].s, l, set->case_))
            best = l;
    }
    return best;
}

size_t lang_phrase_suffix(const char *s, size_t n, enum lang_phrase_class cls)
{
    const lang_phrase_set *set = &lang_phrase_sets[cls];
    size_t best = 0;
    for (size_t k = 0; k < set->n; k++) {
        size_t l = set->v[k].n;
        if (l <= n && l > best && same(s + n - l, set->v[k].s, l, set->case_)) best = l;
    }
    return best;
}

int lang_phrase_in(const char *s, size_t n, enum lang_phrase_class cls)
{
    for (size_t i = 0; i < n; i++)
        if (lang_phrase_prefix(s + i, n - i, cls)) return 1;
    return 0;
}
