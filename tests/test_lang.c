/* The word-class table (src/lang): its order (lookup bisects it), every
 * class in use, the classes of sample words, case folding, and the marking
 * of a document's tokens, and the phrase classes (phrases.def) with their
 * lookups. Needs no data files. */
#include "check.h"
#include "core/doc.h"
#include "lang/lang.h"

static uint64_t cls(const char *w) { return lang_classes(w, strlen(w)); }

/* Bisection needs the lines of words.def sorted by bytes, each word once. */
static void test_sorted_unique(void **state)
{
    (void)state;
    assert_true(lang_nwords > 500);
    for (size_t i = 1; i < lang_nwords; i++) {
        if (strcmp(lang_words[i - 1].word, lang_words[i].word) >= 0)
            fail_msg("words.def out of order or repeated at \"%s\", \"%s\"", lang_words[i - 1].word,
                     lang_words[i].word);
    }
    for (size_t i = 0; i < lang_nwords; i++) {
        const char *w = lang_words[i].word;
        for (const char *p = w; *p; p++)
            if (*p >= 'A' && *p <= 'Z') fail_msg("\"%s\": words.def holds lower case", w);
        if (!lang_words[i].classes) fail_msg("\"%s\" has no class", w);
        if (!!lang_words[i].split != !!(lang_words[i].classes & WC_FUSED))
            fail_msg("\"%s\": a split point exactly for WC_FUSED words", w);
        /* every entry is found (the bisection reaches each one) */
        assert_ptr_equal(lang_find(w, strlen(w)), &lang_words[i]);
    }
}

/* Every class has words, and no bit above the last class is used. */
static void test_classes_nonempty(void **state)
{
    (void)state;
    for (int c = 0; c < WC_NCLASS; c++) {
        size_t n = 0;
        for (size_t i = 0; i < lang_nwords; i++) n += (lang_words[i].classes & WC_BIT(c)) != 0;
        if (!n) fail_msg("class bit %d has no word", c);
    }
    for (size_t i = 0; i < lang_nwords; i++)
        assert_int_equal(lang_words[i].classes >> WC_NCLASS, 0);
}

static void test_sample_words(void **state)
{
    (void)state;
    /* one list of titles: the sieve, the mention stage and the rewrite agree */
    assert_true(cls("spokesman") & WC_TITLE);
    assert_true(cls("president") & WC_TITLE);
    assert_int_equal(cls("mrs.") & (WC_TITLE | WC_FEM | WC_MASC), WC_TITLE | WC_FEM);
    assert_int_equal(cls("sir") & (WC_TITLE | WC_FEM | WC_MASC), WC_TITLE | WC_MASC);
    assert_int_equal(cls("president") & (WC_FEM | WC_MASC), 0);
    assert_true(cls("denied") & WC_SPEECH_VERB);
    assert_true(cls("according") & WC_SPEECH_VERB);
    assert_true(cls("born") & WC_PERSON_VERB);
    assert_int_equal(cls("reported") & WC_PERSON_VERB, 0);
    assert_true(cls("inc.") & WC_LEGAL_FORM);
    assert_true(cls("university") & WC_ORG_WORD);
    assert_int_equal(cls("university") & WC_LEGAL_FORM, 0);
    assert_true(cls("march") & WC_MONTH);
    assert_true(cls("sept") & WC_MONTH_ABBR);
    assert_int_equal(cls("sun") & (WC_WEEKDAY | WC_MONTH), 0);
    assert_true(cls("state") & WC_STATE_NOUN);
    assert_true(cls("state") & WC_PLACE_NOUN);
    /* the rewrite's name checks */
    assert_true(cls("golfer") & WC_ROLE);
    assert_int_equal(cls("golfer") & WC_TITLE, 0);   /* no title for the mention stage */
    assert_true(cls("de") & WC_NAME_PARTICLE);
    assert_true(cls("of") & WC_NAME_JOINER);
    assert_int_equal(cls("of") & WC_NAME_PARTICLE, 0);
    /* the pronoun table */
    uint64_t her = cls("her"), themselves = cls("themselves"), you = cls("you");
    assert_true((her & (WC_PRONOUN | WC_PERSON3 | WC_SG | WC_FEM | WC_ANIMATE)) ==
                (WC_PRONOUN | WC_PERSON3 | WC_SG | WC_FEM | WC_ANIMATE));
    assert_int_equal(her & WC_POSS, 0);   /* "her": possessive by its tag, not its form */
    assert_true(cls("hers") & WC_POSS_INDEP);
    assert_true((themselves & (WC_PL | WC_REFL)) == (WC_PL | WC_REFL));
    assert_int_equal(themselves & (WC_ANIMATE | WC_INANIMATE), 0);
    assert_int_equal(you & (WC_SG | WC_PL), 0);
    assert_true(cls("its") & WC_INANIMATE);
    /* punctuation and UTF-8 entries */
    assert_true(cls("\xe2\x80\x9c") & WC_QUOTE_OPEN);
    assert_true(cls("''") & WC_QUOTE_CLOSE);
    assert_true(cls("n\xe2\x80\x99t") & WC_CLITIC);
    const lang_word *w = lang_find("cannot", 6);
    assert_non_null(w);
    assert_int_equal(w->split, 3);
    /* unknown words and prefixes of known ones */
    assert_int_equal(cls("zebra"), 0);
    assert_int_equal(cls("presiden"), 0);
    assert_int_equal(cls("presidents"), 0);
    assert_int_equal(lang_classes("", 0), 0);
    assert_int_equal(lang_classes("said", 3), 0);
}

/* ASCII letters fold; the tokenizer's abbreviation classes say which case. */
static void test_case(void **state)
{
    (void)state;
    assert_true(cls("PRESIDENT") & WC_TITLE);
    assert_true(cls("Said") & WC_SPEECH_VERB);
    assert_int_equal(cls("Said"), cls("said"));
    assert_true(cls("Calif") & WC_ABBREV_CAP);
    assert_int_equal(cls("etc") & WC_ABBREV_CAP, 0);
    assert_true(cls("etc") & WC_ABBREV_LOWER);
    assert_true(lang_case_is("Calif", 5, 1));
    assert_false(lang_case_is("calif", 5, 1));
    assert_false(lang_case_is("CALIF", 5, 1));
    assert_true(lang_case_is("vs.", 3, 0));
    assert_false(lang_case_is("Vs.", 3, 0));
    assert_false(lang_case_is("..", 2, 0));
    assert_true(lang_case_is("Mr.", 3, 1));
}

/* phrases.def: every class has phrases, each once; a LP_FOLD class is
 * written in lower case (its lookups fold the line, not the phrase). */
static void test_phrase_classes(void **state)
{
    (void)state;
    for (int c = 0; c < LP_NCLASS; c++) {
        const lang_phrase_set *set = &lang_phrase_sets[c];
        if (!set->n) fail_msg("phrase class %d has no phrase", c);
        for (size_t k = 0; k < set->n; k++) {
            const lang_phrase *p = &set->v[k];
            assert_int_equal(strlen(p->s), p->n);
            if (!p->n) fail_msg("class %d: an empty phrase", c);
            for (size_t i = 0; set->case_ == LP_FOLD && i < p->n; i++)
                if (p->s[i] >= 'A' && p->s[i] <= 'Z') fail_msg("\"%s\": a LP_FOLD phrase in capitals", p->s);
            for (size_t j = 0; j < k; j++)
                if (strcmp(set->v[j].s, p->s) == 0) fail_msg("\"%s\" twice in class %d", p->s, c);
            /* each phrase is found as itself */
            assert_true(lang_phrase_is(p->s, p->n, (enum lang_phrase_class)c));
        }
    }
}

static int ph_is(const char *s, enum lang_phrase_class c) { return lang_phrase_is(s, strlen(s), c); }
static size_t ph_prefix(const char *s, enum lang_phrase_class c) { return lang_phrase_prefix(s, strlen(s), c); }
static size_t ph_suffix(const char *s, enum lang_phrase_class c) { return lang_phrase_suffix(s, strlen(s), c); }
static int ph_in(const char *s, enum lang_phrase_class c) { return lang_phrase_in(s, strlen(s), c); }

/* Whole, prefix, suffix and anywhere lookups; folding and exact case. */
static void test_phrase_lookup(void **state)
{
    (void)state;
    /* whole: the length must match, ASCII case folds */
    assert_true(ph_is("Advertisement", LP_LINK_ALONE));
    assert_true(ph_is("RELATED STORIES", LP_LINK_ALONE));
    assert_false(ph_is("Advertisements", LP_LINK_ALONE));
    assert_false(ph_is("Advertisemen", LP_LINK_ALONE));
    assert_false(lang_phrase_is("", 0, LP_LINK_ALONE));
    assert_true(lang_phrase_is("a.m. is", 4, LP_AMPM));
    /* exact case: "AP" is a dateline agency, "Ap" is not */
    assert_true(ph_is("AP", LP_DATELINE_AGENCY));
    assert_false(ph_is("Ap", LP_DATELINE_AGENCY));
    assert_false(ph_is("cnn", LP_DATELINE_AGENCY));
    /* prefix: the phrase's length; none, or a line shorter than the phrase: 0 */
    assert_int_equal(ph_prefix("Photo credit: AFP", LP_CREDIT_LABEL), 13);
    assert_int_equal(ph_prefix("PHOTO: Getty", LP_CREDIT_LABEL), 6);
    assert_int_equal(ph_prefix("Photograph", LP_CREDIT_LABEL), 0);
    assert_int_equal(ph_prefix("By John Smith", LP_BYLINE_OPEN), 3);
    assert_int_equal(ph_prefix("by John Smith", LP_BYLINE_OPEN), 0);
    assert_int_equal(ph_prefix("READ MORE: x", LP_LINK_CAPS), 9);
    assert_int_equal(ph_prefix("Read More x", LP_LINK_CAPS), 0);
    assert_int_equal(ph_prefix("last updated 10:32", LP_TIMESTAMP_LEAD), 12);
    /* the longest phrase that matches wins */
    assert_int_equal(ph_prefix("related stories", LP_LINK_ALONE), 15);
    assert_int_equal(ph_suffix("scan.TIFF", LP_IMAGE_EXT), 5);
    assert_int_equal(ph_suffix("scan.tif", LP_IMAGE_EXT), 4);
    assert_int_equal(ph_suffix("Follow Jane Doe on Twitter", LP_FOLLOW_SITE), 10);
    assert_int_equal(ph_suffix("scan.jpgx", LP_IMAGE_EXT), 0);
    assert_int_equal(ph_suffix("jpg", LP_IMAGE_EXT), 0);
    /* anywhere in the line, at its start and end too */
    assert_true(ph_in("Sign up for the Morning Briefing", LP_SIGNUP_WORD));
    assert_true(ph_in("newsletter", LP_SIGNUP_WORD));
    assert_true(ph_in("our E-MAIL", LP_SIGNUP_WORD));
    assert_false(ph_in("Sign up for the race", LP_SIGNUP_WORD));
    assert_false(lang_phrase_in("", 0, LP_SIGNUP_WORD));
    /* UTF-8 bytes compare as bytes */
    assert_int_equal(ph_prefix("\xC2\xA9 AFP", LP_CREDIT_LABEL), 3);
    assert_true(ph_is("\xE2\x80\x93", LP_BEFORE_CLOCK));
    assert_false(ph_is("\xE2\x80\x94", LP_BEFORE_CLOCK));
}

/* lang_mark_tokens gives each token its entry; lang_tok reads its classes. */
static void test_mark_tokens(void **state)
{
    (void)state;
    struct coref_doc d;
    memset(&d, 0, sizeof d);
    static char text[] = "Mrs. Smith said it";
    d.text = text;
    d.len = strlen(text);
    uint32_t b[] = {0, 5, 11, 16}, e[] = {4, 10, 15, 18};
    for (int i = 0; i < 4; i++) assert_int_equal(doc_add_token(&d, b[i], e[i]), 0);
    lang_mark_tokens(&d);
    assert_true(lang_tok(&d, 0) & WC_FEM);
    assert_int_equal(lang_tok(&d, 1), 0);
    assert_true(lang_tok_has(&d, 2, WC_SPEECH_VERB));
    assert_true(lang_tok_has(&d, 3, WC_PRONOUN));
    assert_false(lang_tok_has(&d, 3, WC_SPEECH_VERB));
    free(d.toks);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sorted_unique),
        cmocka_unit_test(test_classes_nonempty),
        cmocka_unit_test(test_sample_words),
        cmocka_unit_test(test_case),
        cmocka_unit_test(test_mark_tokens),
        cmocka_unit_test(test_phrase_classes),
        cmocka_unit_test(test_phrase_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
