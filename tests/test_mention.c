/* Mention detection and attributes on hand-built documents, the lexicon
 * loader, and robustness on documents without tags or tree. */
#include "check.h"
#include "coref.h"
#include "core/doc.h"
#include "core/model.h"
#include "core/tagset.h"
#include "mention/lexicon.h"
#include "mention/mention.h"
#include "ml/modelfile.h"

#include "treedoc.h"

static const row lavrov[] = {
    {"Russian", "ADJ", "JJ", 5, "amod", "Degree=Pos"},
    {"Foreign", "PROPN", "NNP", 3, "compound", "Number=Sing"},
    {"Minister", "PROPN", "NNP", 5, "compound", "Number=Sing"},
    {"Sergey", "PROPN", "NNP", 5, "compound", "Number=Sing"},
    {"Lavrov", "PROPN", "NNP", 6, "nsubj", "Number=Sing"},
    {"said", "VERB", "VBD", 0, "root", "Mood=Ind|Tense=Past|VerbForm=Fin"},
    {"his", "PRON", "PRP$", 8, "nmod:poss", "Case=Gen|Gender=Masc|Number=Sing|Person=3|Poss=Yes|PronType=Prs"},
    {"country", "NOUN", "NN", 10, "nsubj", "Number=Sing"},
    {"is", "AUX", "VBZ", 10, "cop", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"},
    {"ready", "ADJ", "JJ", 6, "ccomp", "Degree=Pos"},
    {".", "PUNCT", ".", 6, "punct", "_"},
    {NULL, NULL, NULL, 0, NULL, NULL}};

static void check_lavrov(struct coref_doc *d)
{
    long a = find_span(d, 0, 5), b = find_span(d, 6, 7), c = find_span(d, 6, 8);
    assert_true(a >= 0 && b >= 0 && c >= 0);
    const mention_t *m = &d->ments[a];
    assert_int_equal(m->head, 4);
    assert_int_equal(m->kind, MK_PROPER);
    assert_int_equal(m->etype, ET_PERSON);
    assert_int_equal(m->gender, GEN_MASC);
    assert_int_equal(m->number, NUM_SG);
    assert_int_equal(m->animacy, ANIM_ANIMATE);
    m = &d->ments[b];
    assert_int_equal(m->kind, MK_PRONOUN);
    assert_true(m->flags & MF_POSSESSIVE);
    assert_int_equal(m->gender, GEN_MASC);
    assert_int_equal(m->number, NUM_SG);
    assert_int_equal(m->person, 3);
    m = &d->ments[c];
    assert_int_equal(m->kind, MK_NOMINAL);
    assert_int_equal(m->head, 7);
    /* "ready" is not a noun phrase; "Foreign Minister" is part of the name */
    assert_int_equal(find_span(d, 9, 10), -1);
    assert_int_equal(find_span(d, 1, 3), -1);
    /* sorted by start, longer first */
    for (size_t i = 1; i < d->nment; i++)
        assert_true(d->ments[i - 1].tb < d->ments[i].tb ||
                    (d->ments[i - 1].tb == d->ments[i].tb && d->ments[i - 1].te >= d->ments[i].te));
}

static void test_tree_mentions(void **state)
{
    (void)state;
    const row *s[] = {lavrov};
    struct coref_doc *d = build(s, 1, 1);
    assert_int_equal(mention_detect_path(NULL, lex, d, MD_AUTO), 0);
    check_lavrov(d);
    assert_int_equal(d->ments[find_span(d, 0, 5)].role, DEP_NSUBJ);
    assert_int_equal(d->ments[find_span(d, 0, 5)].gov, 5);
    coref_doc_free(d);
}

static void test_pattern_mentions(void **state)
{
    (void)state;
    const row *s[] = {lavrov};
    struct coref_doc *d = build(s, 1, 0);
    assert_int_equal(mention_detect_path(NULL, lex, d, MD_AUTO), 0);
    check_lavrov(d);
    coref_doc_free(d);
}

/* "Russia 's foreign minister and the president": possessor, coordination, conjuncts. */
static void test_possessive_and_coordination(void **state)
{
    (void)state;
    static const row r[] = {
        {"Russia", "PROPN", "NNP", 4, "nmod:poss", "Number=Sing"},
        {"'s", "PART", "POS", 1, "case", "_"},
        {"foreign", "ADJ", "JJ", 4, "amod", "Degree=Pos"},
        {"minister", "NOUN", "NN", 8, "nsubj", "Number=Sing"},
        {"and", "CCONJ", "CC", 7, "cc", "_"},
        {"the", "DET", "DT", 7, "det", "Definite=Def|PronType=Art"},
        {"president", "NOUN", "NN", 4, "conj", "Number=Sing"},
        {"met", "VERB", "VBD", 0, "root", "Tense=Past"},
        {"it", "PRON", "PRP", 8, "obj", "Case=Acc|Gender=Neut|Number=Sing|Person=3|PronType=Prs"},
        {".", "PUNCT", ".", 8, "punct", "_"},
        {NULL, NULL, NULL, 0, NULL, NULL}};
    const row *s[] = {r};
    struct coref_doc *d = build(s, 1, 1);
    assert_int_equal(mention_detect_path(NULL, lex, d, MD_TREE), 0);
    long poss = find_span(d, 0, 2), all = find_span(d, 0, 7), first = find_span(d, 0, 4), second = find_span(d, 5, 7);
    assert_true(poss >= 0 && all >= 0 && first >= 0 && second >= 0);
    assert_true(d->ments[poss].flags & MF_POSSESSIVE);
    assert_int_equal(d->ments[all].number, NUM_PL);
    assert_int_equal(d->ments[first].number, NUM_SG);
    assert_true(find_span(d, 8, 9) >= 0);
    coref_doc_free(d);
}

/* Pleonastic "it" and relative pronouns. */
static void test_pleonastic_and_relative(void **state)
{
    (void)state;
    static const row r[] = {
        {"It", "PRON", "PRP", 3, "expl", "Case=Nom|Gender=Neut|Number=Sing|Person=3|PronType=Prs"},
        {"is", "AUX", "VBZ", 3, "cop", "_"},
        {"crucial", "ADJ", "JJ", 0, "root", "Degree=Pos"},
        {"that", "SCONJ", "IN", 6, "mark", "_"},
        {"children", "NOUN", "NNS", 6, "nsubj", "Number=Plur"},
        {"eat", "VERB", "VBP", 3, "csubj", "_"},
        {"food", "NOUN", "NN", 6, "obj", "Number=Sing"},
        {"which", "PRON", "WDT", 9, "nsubj", "PronType=Rel"},
        {"helps", "VERB", "VBZ", 7, "acl:relcl", "_"},
        {".", "PUNCT", ".", 3, "punct", "_"},
        {NULL, NULL, NULL, 0, NULL, NULL}};
    const row *s[] = {r};
    struct coref_doc *d = build(s, 1, 1);
    assert_int_equal(mention_detect(NULL, d), 0);
    assert_int_equal(find_span(d, 0, 1), -1);      /* expletive: no mention */
    assert_int_equal(find_span(d, 7, 8), -1);      /* relative pronoun */
    assert_true(find_span(d, 6, 9) >= 0);          /* "food which helps" */
    assert_true(find_span(d, 4, 5) >= 0);
    coref_doc_free(d);
}

/* Documents with nothing in them, no tags, or broken trees never crash. */
static void test_odd_documents(void **state)
{
    (void)state;
    struct coref_doc *d = calloc(1, sizeof *d);
    assert_int_equal(mention_detect(NULL, d), 0);
    assert_int_equal(d->nment, 0);
    coref_doc_free(d);
    static const row r[] = {{"x", "_", "_", 2, "_", "_"}, {"y", "_", "_", 1, "_", "_"},
                            {"he", "_", "_", 3, "_", "_"}, {NULL, NULL, NULL, 0, NULL, NULL}};
    const row *s[] = {r};
    d = build(s, 1, 1);   /* a cycle and a self-loop */
    assert_int_equal(mention_detect(NULL, d), 0);
    coref_doc_free(d);
    d = build(s, 1, 0);
    assert_int_equal(mention_detect(NULL, d), 0);
    assert_true(d->nment == 1 && d->ments[0].kind == MK_PRONOUN);
    coref_doc_free(d);
}

/* The lexicon as an image: the same lookups in place; a damaged table
 * gives misses, never a read outside it. */
static void test_lexicon_image(void **state)
{
    (void)state;
    const char *keys[] = {"paris", "new york", "anna", "paris"};
    const uint32_t vals[] = {LX_CITY, LX_CITY | LX_STATE, LX_NAME_FEMALE, LX_NOUN};
    mf_writer w, img;
    mf_writer_init(&w);
    mfw_bytes(&w, LEX_MAGIC, 4);
    mfw_u32(&w, LEX_FORMAT_VERSION);
    mfw_u32(&w, 4);
    for (int i = 0; i < 4; i++) {
        mfw_str(&w, keys[i], strlen(keys[i]));
        mfw_u32(&w, vals[i]);
    }
    struct lexicon *l = NULL, *li = NULL;
    char msg[100];
    assert_int_equal(lexicon_load(w.p, w.n, &l, msg, sizeof msg), 0);
    mf_writer_init(&img);
    lexicon_write_image(l, &img);
    assert_false(img.err);
    assert_int_equal(lexicon_load(img.p, img.n, &li, msg, sizeof msg), 0);
    const char *q[] = {"Paris", "NEW YORK", "anna", "ann", "york", "zz"};
    for (int i = 0; i < 6; i++) assert_int_equal(lexicon_get(l, q[i], strlen(q[i])), lexicon_get(li, q[i], strlen(q[i])));
    assert_int_equal(lexicon_get(li, "paris", 5), LX_CITY | LX_NOUN);   /* duplicates merged */
    lexicon_free(li);
    uint8_t *buf = malloc(img.n);
    for (size_t n = 0; n < img.n; n++) {
        memcpy(buf, img.p, n);
        li = NULL;
        assert_int_equal(lexicon_load(buf, n, &li, msg, sizeof msg), -1);
        assert_null(li);
    }
    /* slots (after the 24-byte header) pointing past the strings */
    memcpy(buf, img.p, img.n);
    memset(buf + 24, 0x7f, img.n > 24 + 20 ? img.n - 24 - 20 : 0);
    assert_int_equal(lexicon_load(buf, img.n, &li, msg, sizeof msg), 0);
    for (int i = 0; i < 6; i++) assert_int_equal(lexicon_get(li, q[i], strlen(q[i])), 0);
    lexicon_free(li);
    free(buf);
    lexicon_free(l);
    mf_writer_free(&w);
    mf_writer_free(&img);
}

static void test_lexicon(void **state)
{
    (void)state;
    struct lexicon *l = NULL;
    char msg[100];
    assert_int_equal(lexicon_load((const uint8_t *)"LXCN\x09\0\0\0\0\0\0\0", 12, &l, msg, sizeof msg), -1);
    assert_null(l);
    assert_int_equal(lexicon_load((const uint8_t *)"LXCN\x01\0\0\0\x05\0\0\0", 12, &l, msg, sizeof msg), -1);
    assert_non_null(lex);   /* the embedded model always has one */
    assert_true(lexicon_get(lex, "Russia", 6) & LX_COUNTRY);
    assert_true(lexicon_get(lex, "russian", 7) & LX_NATIONALITY);
    assert_true(lexicon_get(lex, "Vladimir", 8) & LX_NAME_MALE);
    assert_true(lexicon_get(lex, "actress", 7) & LX_FEM);
    assert_true(lexicon_get(lex, "king", 4) & LX_MASC);
    assert_int_equal(lexicon_get(lex, "mother", 6) & LX_ETYPE_MASK, ET_PERSON);
    assert_int_equal(lexicon_get(lex, "zzzqqq", 6), 0);
    /* proper names: the most frequent capitalised WordNet sense */
#define PTYPE(s) ((lexicon_get(lex, s, strlen(s)) & LX_PTYPE_MASK) >> LX_PTYPE_SHIFT)
    assert_int_equal(PTYPE("Paris"), ET_PLACE);
    assert_int_equal(PTYPE("Berlin"), ET_PLACE);
    assert_int_equal(PTYPE("Geneva"), ET_PLACE);
    assert_int_equal(PTYPE("Washington"), ET_PLACE);   /* the capital before the president */
    assert_int_equal(PTYPE("Georgia"), ET_PLACE);
    assert_int_equal(PTYPE("NATO"), ET_ORGANIZATION);
    assert_int_equal(PTYPE("Lincoln"), ET_PERSON);
    assert_int_equal(PTYPE("Bush"), ET_PERSON);
    assert_int_equal(lexicon_get(lex, "bush", 4) & LX_ETYPE_MASK, ET_PLANT);   /* the common noun keeps its own */
    assert_int_equal(PTYPE("actress"), 0);
    assert_int_equal(PTYPE("table"), 0);
#undef PTYPE
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tree_mentions),
        cmocka_unit_test(test_pattern_mentions),
        cmocka_unit_test(test_possessive_and_coordination),
        cmocka_unit_test(test_pleonastic_and_relative),
        cmocka_unit_test(test_odd_documents),
        cmocka_unit_test(test_lexicon),
        cmocka_unit_test(test_lexicon_image),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
