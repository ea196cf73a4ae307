/* Tests for the rewrite stage: canonical names and the resolved text, on
 * documents built by hand (tokens, sentences, mentions, clusters). */
#include <math.h>
#include "check.h"
#include "core/doc.h"
#include "core/tagset.h"
#include "ml/modelfile.h"
#include "rewrite/confidence.h"
#include "rewrite/rewrite.h"

#include "handdoc.h"

/* The resolved text (caller frees) with options nominals and all. */
static char *resolve(struct coref_doc *d, int nominals, int all)
{
    buf_t b;
    buf_init(&b);
    const rw_opts o = {nominals, all, -1};
    assert_int_equal(rewrite_text(d, &o, &b), 0);
    char *s = buf_take(&b, NULL);
    assert_non_null(s);
    return s;
}

/* With --all: the naming tests below see every replacement the rule would
 * make, the same-sentence rule aside (test_same_sentence tests it). */
#define EXPECT_RESOLVED(d, nominals, want) EXPECT_RESOLVED_OPTS(d, nominals, 1, want)
#define EXPECT_RESOLVED_OPTS(d, nominals, all, want)      \
    do {                                                  \
        char *got_ = resolve((d), (nominals), (all));     \
        CHECK_STR(got_, (want), (d)->text);               \
        free(got_);                                       \
    } while (0)

/* ------------------------------------------------------------------ tests */

/* The failure this project exists to end: nothing but mention spans change. */
static void test_putin_unchanged(void **state)
{
    (void)state;
    const char *in = "Putin added that Russia is ready to work with the next US president.";
    struct coref_doc *d = mkdoc(in);
    ment(d, "Putin", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "Russia", 0, MK_PROPER, 1, ET_PLACE);
    ment(d, "the next US president", 0, MK_NOMINAL, 2, ET_PERSON);
    ment(d, "US", 0, MK_PROPER, 3, ET_PLACE);
    finish(d);
    EXPECT_RESOLVED(d, 0, in);
    EXPECT_RESOLVED(d, 1, in);
    coref_doc_free(d);

    /* Clusters without pronouns leave the text as it is too. */
    const char *in2 = "Putin added that Russia is ready to work with the next US president. Putin said Russia would wait.";
    d = mkdoc(in2);
    ment(d, "Putin", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "Russia", 0, MK_PROPER, 1, ET_PLACE);
    ment(d, "the next US president", 0, MK_NOMINAL, 2, ET_PERSON);
    ment(d, "Putin", 1, MK_PROPER, 0, ET_PERSON);
    ment(d, "Russia", 1, MK_PROPER, 1, ET_PLACE);
    finish(d);
    assert_int_equal(d->ncluster, 2);
    CHECK_STR(d->cl_names[0], "Putin", in2);
    CHECK_STR(d->cl_names[1], "Russia", in2);
    EXPECT_RESOLVED(d, 0, in2);
    EXPECT_RESOLVED(d, 1, in2);
    coref_doc_free(d);

    /* A pronoun changes only its own span: "its" -> "Russia's". */
    d = mkdoc("Putin added that Russia is ready to work with the next US president. It wants its share.");
    ment(d, "Putin", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "Russia", 0, MK_PROPER, 1, ET_PLACE);
    ment(d, "the next US president", 0, MK_NOMINAL, 2, ET_PERSON);
    ment(d, "It", 0, MK_PRONOUN, 1, ET_PLACE);
    ment(d, "its", 0, MK_PRONOUN, 1, ET_PLACE);
    finish(d);
    EXPECT_RESOLVED(d, 1, "Putin added that Russia is ready to work with the next US president. Russia wants Russia's share.");
    coref_doc_free(d);
}

static void test_lavrov(void **state)
{
    (void)state;
    const char *in = "Russian Foreign Minister Sergey Lavrov said his country is ready. He added that Moscow would wait for him.";
    const char *want = "Russian Foreign Minister Sergey Lavrov said Lavrov's country is ready. Lavrov added that Moscow would wait for Lavrov.";
    for (int variant = 0; variant < 3; variant++) {
        struct coref_doc *d = mkdoc(in);
        if (variant == 1) {
            /* A parse: "Lavrov" is flat under "Sergey", "Russian" an adjective. */
            uint32_t tb, te;
            find_span(d, "Sergey Lavrov", 0, &tb, &te);
            d->toks[tb + 1].deprel = DEP_FLAT;
            d->toks[tb + 1].head = (int32_t)tb;
            d->toks[0].upos = UPOS_ADJ;
        }
        if (variant == 2)
            for (size_t i = 0; i < d->ntok; i++) d->toks[i].upos = UPOS_NONE;  /* untagged */
        ment(d, "Russian Foreign Minister Sergey Lavrov", 0, MK_PROPER, 0, ET_PERSON)->head = 4;
        ment(d, "his", 0, MK_PRONOUN, 0, ET_PERSON);
        ment(d, "his country", 0, MK_NOMINAL, 1, ET_PLACE);
        ment(d, "He", 0, MK_PRONOUN, 0, ET_PERSON);
        ment(d, "Moscow", 0, MK_PROPER, 1, ET_PLACE);
        ment(d, "him", 0, MK_PRONOUN, 0, ET_PERSON);
        finish(d);
        assert_int_equal(d->ncluster, 2);
        CHECK_STR(d->cl_names[0], "Sergey Lavrov", in);
        CHECK_STR(d->cl_names[1], "Moscow", in);
        EXPECT_RESOLVED(d, 0, want);
        coref_doc_free(d);
    }
}

/* By default a pronoun stays when its name already stands earlier in the
 * same sentence, as a mention or as a replacement; --all replaces it. */
static void test_same_sentence(void **state)
{
    (void)state;
    const char *in = "Russian Foreign Minister Sergey Lavrov said his country is ready. He added that Moscow would wait for him. "
                     "Moscow said its door is open.";
    struct coref_doc *d = mkdoc(in);
    ment(d, "Russian Foreign Minister Sergey Lavrov", 0, MK_PROPER, 0, ET_PERSON)->head = 4;
    ment(d, "his", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "He", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "Moscow", 0, MK_PROPER, 1, ET_PLACE);
    ment(d, "him", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "Moscow", 1, MK_PROPER, 1, ET_PLACE);
    ment(d, "its", 0, MK_PRONOUN, 1, ET_PLACE);
    finish(d);
    EXPECT_RESOLVED_OPTS(d, 0, 0, "Russian Foreign Minister Sergey Lavrov said his country is ready. Lavrov added that Moscow "
                                  "would wait for him. Moscow said its door is open.");
    EXPECT_RESOLVED_OPTS(d, 0, 1, "Russian Foreign Minister Sergey Lavrov said Lavrov's country is ready. Lavrov added that "
                                  "Moscow would wait for Lavrov. Moscow said Moscow's door is open.");
    /* the edits are exactly those of the text */
    buf_t b;
    buf_init(&b);
    rw_edit *ed = NULL;
    size_t ne = 0;
    const rw_opts o = {0, 0, -1};
    assert_int_equal(rewrite_text_edits(d, &o, &b, &ed, &ne), 0);
    assert_int_equal(ne, 1);
    assert_int_equal(ed[0].tb, 11);   /* "He" */
    free(ed);
    buf_free(&b);
    coref_doc_free(d);
}

/* Names a reader accepts: no title or role word alone or in front, no
 * fragment of a longer name, a possessive name stays as it is. */
static void test_reader_names(void **state)
{
    (void)state;
    /* a role word in front is dropped ("Golfer Langer" never) */
    struct coref_doc *d = mkdoc("Golfer Bernhard Langer kept his distance. He won.");
    ment(d, "Golfer Bernhard Langer", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "his", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "He", 0, MK_PRONOUN, 0, ET_PERSON);
    finish(d);
    CHECK_STR(d->cl_names[0], "Bernhard Langer", d->text);
    EXPECT_RESOLVED(d, 0, "Golfer Bernhard Langer kept Langer's distance. Langer won.");
    coref_doc_free(d);
    /* a title alone is no name, for a person or an entity of unknown type */
    for (int et = 0; et < 2; et++) {
        d = mkdoc("The President spoke. He left.");
        ment(d, "President", 0, MK_PROPER, 0, et ? ET_PERSON : ET_UNK);
        ment(d, "He", 0, MK_PRONOUN, 0, et ? ET_PERSON : ET_UNK);
        finish(d);
        assert_null(d->cl_names[0]);
        EXPECT_RESOLVED(d, 0, "The President spoke. He left.");
        coref_doc_free(d);
    }
    /* an organisation's title word is part of its name; of a thing of unknown
     * type it leaves no name ("General Motors" or "General Smith") */
    for (int et = 0; et < 2; et++) {
        d = mkdoc("General Motors Corporation filed for bankruptcy. It said so.");
        ment(d, "General Motors Corporation", 0, MK_PROPER, 0, et ? ET_ORGANIZATION : ET_UNK);
        ment(d, "It", 0, MK_PRONOUN, 0, et ? ET_ORGANIZATION : ET_UNK);
        finish(d);
        EXPECT_RESOLVED(d, 0, et ? "General Motors Corporation filed for bankruptcy. General Motors Corporation said so."
                                 : "General Motors Corporation filed for bankruptcy. It said so.");
        coref_doc_free(d);
    }
    /* a mention cut out of a longer name names nothing: "Motors Corporation",
     * "Plan" of "the Marshall Plan", "Rio de" of "Rio de Janeiro" */
    static const char *const frag[][3] = {
        {"General Motors Corporation filed for bankruptcy. It said so.", "Motors Corporation", "It"},
        {"The Marshall Plan helped Europe. It worked.", "Plan", "It"},
        {"Maria met Rio de Janeiro. Her smile was wide.", "Rio de", "Her"},
        {"The Faculty of Fine Arts opened. It is new.", "Fine Arts", "It"},
    };
    for (size_t k = 0; k < sizeof frag / sizeof frag[0]; k++) {
        d = mkdoc(frag[k][0]);
        ment(d, frag[k][1], 0, MK_PROPER, 0, k == 2 ? ET_PERSON : ET_ORGANIZATION);
        ment(d, frag[k][2], 0, MK_PRONOUN, 0, k == 2 ? ET_PERSON : ET_ORGANIZATION);
        finish(d);
        assert_null(d->cl_names[0]);
        EXPECT_RESOLVED(d, 0, frag[k][0]);
        coref_doc_free(d);
    }
    /* the whole name is fine, and so is a person's "X of Y" */
    d = mkdoc("Patrick Gordon of Auchleuchries arrived. He smiled.");
    ment(d, "Patrick Gordon", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "He", 0, MK_PRONOUN, 0, ET_PERSON);
    finish(d);
    CHECK_STR(d->cl_names[0], "Patrick Gordon", d->text);
    EXPECT_RESOLVED(d, 0, "Patrick Gordon of Auchleuchries arrived. Gordon smiled.");
    coref_doc_free(d);
    /* no short form a reader would stumble on: an initial, a particle */
    d = mkdoc("Maria de Souza arrived. She smiled. Then she left.");
    ment(d, "Maria de Souza", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "She", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "she", 0, MK_PRONOUN, 0, ET_PERSON);
    finish(d);
    EXPECT_RESOLVED(d, 0, "Maria de Souza arrived. Souza smiled. Then Souza left.");
    coref_doc_free(d);
    d = mkdoc("Kim J arrived. She smiled.");
    ment(d, "Kim J", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "She", 0, MK_PRONOUN, 0, ET_PERSON);
    finish(d);
    EXPECT_RESOLVED(d, 0, "Kim J arrived. Kim J smiled.");
    coref_doc_free(d);
    /* a name that is a possessive itself takes no second marker */
    d = mkdoc("McDonald\xe2\x80\x99s opened. Its fries sold.");
    ment(d, "McDonald\xe2\x80\x99s", 0, MK_PROPER, 0, ET_ORGANIZATION);
    ment(d, "Its", 0, MK_PRONOUN, 0, ET_ORGANIZATION);
    finish(d);
    EXPECT_RESOLVED(d, 0, "McDonald\xe2\x80\x99s opened. McDonald\xe2\x80\x99s fries sold.");
    coref_doc_free(d);
}

/* The CONF section: exactly version, feature count, a threshold in [0, 1]
 * and one weight per feature; the probability is the logistic of the sum. */
static void test_confidence_section(void **state)
{
    (void)state;
    for (int variant = 0; variant < 5; variant++) {
        mf_writer w;
        mf_writer_init(&w);
        mfw_u32(&w, variant == 1 ? 2 : CONF_VERSION);
        mfw_u32(&w, variant == 2 ? CF_N - 1 : CF_N);
        mfw_f32(&w, variant == 3 ? 1.5f : 0.25f);
        for (int f = 0; f < CF_N - (variant == 4); f++) mfw_f32(&w, f == CF_BIAS ? 1.0f : f == CF_HE ? 2.0f : 0.0f);
        rw_conf *c = NULL;
        char msg[200] = "";
        int rc = conf_load(w.p, w.n, &c, msg, sizeof msg);
        if (variant == 0) {
            assert_int_equal(rc, 0);
            assert_true(c->threshold == 0.25f);
            float x[CF_N] = {0};
            x[CF_BIAS] = 1;
            assert_true(fabs(conf_prob(c, x) - 1 / (1 + exp(-1.0))) < 1e-9);
            x[CF_HE] = 1;
            assert_true(fabs(conf_prob(c, x) - 1 / (1 + exp(-3.0))) < 1e-9);
        } else {
            assert_int_equal(rc, -1);
            assert_null(c);
            assert_true(strstr(msg, "CONF") != NULL);
        }
        conf_free(c);
        mf_writer_free(&w);
    }
}

/* Until the full name has appeared, the first replacement carries it. */
static void test_full_name_first(void **state)
{
    (void)state;
    struct coref_doc *d = mkdoc("Lavrov arrived. He spoke. Then he left. Sergey Lavrov smiled; he waved.");
    ment(d, "Lavrov", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "He", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "he", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "Sergey Lavrov", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "he", 1, MK_PRONOUN, 0, ET_PERSON);
    finish(d);
    CHECK_STR(d->cl_names[0], "Sergey Lavrov", d->text);
    EXPECT_RESOLVED(d, 0, "Lavrov arrived. Sergey Lavrov spoke. Then Lavrov left. Sergey Lavrov smiled; Lavrov waved.");
    coref_doc_free(d);

    /* Two people named Lavrov: the last name alone would be ambiguous. */
    d = mkdoc("Sergey Lavrov met Anna Lavrov. He smiled.");
    ment(d, "Sergey Lavrov", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "Anna Lavrov", 0, MK_PROPER, 1, ET_PERSON);
    ment(d, "He", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "Lavrov", 1, MK_PROPER, 1, ET_PERSON);  /* inside "Anna Lavrov": a second member */
    finish(d);
    EXPECT_RESOLVED(d, 0, "Sergey Lavrov met Anna Lavrov. Sergey Lavrov smiled.");
    coref_doc_free(d);
}

static void test_possessive_s(void **state)
{
    (void)state;
    struct coref_doc *d = mkdoc("Actor Chris Evans said his film won. Paris is old. Its streets are narrow.");
    d->toks[0].upos = UPOS_NOUN;
    ment(d, "Actor Chris Evans", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "his", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "Paris", 0, MK_PROPER, 1, ET_PLACE);
    ment(d, "Its", 0, MK_PRONOUN, 1, ET_PLACE);
    finish(d);
    CHECK_STR(d->cl_names[0], "Chris Evans", d->text);
    EXPECT_RESOLVED(d, 0, "Actor Chris Evans said Evans' film won. Paris is old. Paris' streets are narrow.");
    coref_doc_free(d);

    /* A proper name with its article: "the United States" and "their". */
    d = mkdoc("Officials in the United States said their plan works. It will last.");
    ment(d, "the United States", 0, MK_PROPER, 0, ET_PLACE);
    ment(d, "their", 0, MK_PRONOUN, 0, ET_PLACE);
    ment(d, "It", 0, MK_PRONOUN, 0, ET_PLACE);
    finish(d);
    CHECK_STR(d->cl_names[0], "the United States", d->text);
    EXPECT_RESOLVED(d, 0, "Officials in the United States said the United States' plan works. The United States will last.");
    coref_doc_free(d);
}

static void test_untouched_pronouns(void **state)
{
    (void)state;
    const char *in = "Obama said he blamed himself. I think Obama, who left, knows it. Before she spoke, Merkel smiled.";
    struct coref_doc *d = mkdoc(in);
    ment(d, "Obama", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "he", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "himself", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "I", 0, MK_PRONOUN, 0, ET_PERSON);       /* wrongly clustered: still left */
    ment(d, "Obama", 1, MK_PROPER, 0, ET_PERSON);
    ment(d, "who", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "she", 0, MK_PRONOUN, 1, ET_PERSON);     /* cataphora: no name before it */
    ment(d, "Merkel", 0, MK_PROPER, 1, ET_PERSON);
    finish(d);
    EXPECT_RESOLVED(d, 0, "Obama said Obama blamed himself. I think Obama, who left, knows it. Before she spoke, Merkel smiled.");
    coref_doc_free(d);

    /* A pronoun inside a mention of its own cluster stays. */
    d = mkdoc("Sergey Lavrov of his ministry spoke. Lavrov left.");
    ment(d, "Sergey Lavrov of his ministry", 0, MK_PROPER, 0, ET_PERSON)->head = 1;
    ment(d, "his", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "Lavrov", 1, MK_PROPER, 0, ET_PERSON);
    finish(d);
    EXPECT_RESOLVED(d, 0, "Sergey Lavrov of his ministry spoke. Lavrov left.");
    coref_doc_free(d);
}

static void test_nominals(void **state)
{
    (void)state;
    const char *in = "The Democrats met. They said their plan works, and the party will vote for it.";
    struct coref_doc *d = mkdoc(in);
    ment(d, "The Democrats", 0, MK_NOMINAL, 0, ET_ORGANIZATION);
    ment(d, "They", 0, MK_PRONOUN, 0, ET_ORGANIZATION);
    ment(d, "their", 0, MK_PRONOUN, 0, ET_ORGANIZATION);
    ment(d, "their plan", 0, MK_NOMINAL, 1, ET_ABSTRACT);
    ment(d, "the party", 0, MK_NOMINAL, 0, ET_ORGANIZATION);
    ment(d, "it", 0, MK_PRONOUN, 1, ET_ABSTRACT);
    finish(d);
    assert_null(d->cl_names[0]);
    EXPECT_RESOLVED(d, 0, in);
    EXPECT_RESOLVED(d, 1, "The Democrats met. The Democrats said the Democrats' plan works, and the party will vote for it.");
    coref_doc_free(d);

    /* With a name, --nominals replaces definite nominals, not appositions. */
    in = "Sergey Lavrov, the Russian diplomat, arrived. The Russian diplomat's car was late; a diplomat waited.";
    d = mkdoc(in);
    ment(d, "Sergey Lavrov", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "the Russian diplomat", 0, MK_NOMINAL, 0, ET_PERSON);
    ment(d, "The Russian diplomat's", 0, MK_NOMINAL, 0, ET_PERSON);
    ment(d, "a diplomat", 0, MK_NOMINAL, 0, ET_PERSON);
    finish(d);
    EXPECT_RESOLVED(d, 0, in);
    EXPECT_RESOLVED(d, 1, "Sergey Lavrov, the Russian diplomat, arrived. Lavrov's car was late; a diplomat waited.");
    coref_doc_free(d);
}

static void test_multibyte(void **state)
{
    (void)state;
    struct coref_doc *d = mkdoc("Café owner José Müller said “he is tired” — his café closed.\n\n“He left,” Zoë said.");
    ment(d, "José Müller", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "he", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "his", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "He", 0, MK_PRONOUN, 0, ET_PERSON);
    finish(d);
    CHECK_STR(d->cl_names[0], "José Müller", d->text);
    EXPECT_RESOLVED(d, 0, "Café owner José Müller said “Müller is tired” — Müller's café closed.\n\n“Müller left,” Zoë said.");
    coref_doc_free(d);

    /* A name broken over lines is collapsed; a name starting with a
     * non-ASCII letter is upper-cased at sentence start. */
    d = mkdoc("The firm élan\nCorp grew. it hired.");
    d->toks[2].upos = UPOS_PROPN;
    ment(d, "élan\nCorp", 0, MK_PROPER, 0, ET_ORGANIZATION);
    ment(d, "it", 0, MK_PRONOUN, 0, ET_ORGANIZATION);
    finish(d);
    CHECK_STR(d->cl_names[0], "élan Corp", d->text);
    EXPECT_RESOLVED(d, 0, "The firm élan\nCorp grew. Élan Corp hired.");
    coref_doc_free(d);
}

/* Odd documents: no tokens, no mentions, mentions without clusters, bad spans. */
static void test_odd_documents(void **state)
{
    (void)state;
    struct coref_doc *d = mkdoc("");
    finish(d);
    EXPECT_RESOLVED(d, 1, "");
    coref_doc_free(d);

    d = mkdoc("He said it. They left.");
    ment(d, "He", 0, MK_PRONOUN, -1, ET_PERSON);
    ment(d, "it", 0, MK_PRONOUN, 4, ET_UNK);
    finish(d);
    assert_int_equal(d->ncluster, 0);
    EXPECT_RESOLVED(d, 1, "He said it. They left.");
    coref_doc_free(d);

    /* Clusters never finished (no cluster arrays) and an out-of-range span. */
    d = mkdoc("Merkel said she left.");
    ment(d, "Merkel", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "she", 0, MK_PRONOUN, 0, ET_PERSON);
    EXPECT_RESOLVED(d, 1, "Merkel said she left.");
    assert_int_equal(rewrite_name_clusters(d), 0);
    mention_t bad = d->ments[1];
    bad.te = 99;
    assert_int_equal(doc_add_mention(d, &bad), 0);
    assert_int_equal(doc_finish_clusters(d), 0);
    assert_int_equal(rewrite_name_clusters(d), 0);
    EXPECT_RESOLVED(d, 1, "Merkel said Merkel left.");
    coref_doc_free(d);
}

/* Forms a user reads: no group named by one member, contractions kept,
 * the text's own short name, hyphenated and multi-word names whole. */
static void test_name_forms(void **state)
{
    (void)state;
    const char *in = "Angela Merkel and Emmanuel Macron met. They said their talks went well.";
    struct coref_doc *d = mkdoc(in);
    for (size_t i = 0; i < d->ntok; i++) d->toks[i].upos = UPOS_NONE;   /* untagged: "and" marks it */
    ment(d, "Angela Merkel and Emmanuel Macron", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "Angela Merkel", 0, MK_PROPER, 1, ET_PERSON);
    ment(d, "Emmanuel Macron", 0, MK_PROPER, 2, ET_PERSON);
    ment(d, "They", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "their", 0, MK_PRONOUN, 0, ET_PERSON);
    finish(d);
    EXPECT_RESOLVED(d, 0, in);
    coref_doc_free(d);

    /* "She'd" would become "Merkel'd"; "they" never becomes one person */
    in = "Angela Merkel spoke. She'd said she'll go, and they listened.";
    d = mkdoc(in);
    ment(d, "Angela Merkel", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "She", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "she", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "they", 0, MK_PRONOUN, 0, ET_PERSON);
    finish(d);
    EXPECT_RESOLVED(d, 0, in);
    coref_doc_free(d);

    d = mkdoc("Chinese Foreign Minister Wang Yi arrived. Wang praised what he called a partnership.");
    ment(d, "Chinese Foreign Minister Wang Yi", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "Wang", 1, MK_PROPER, 0, ET_PERSON);
    ment(d, "he", 0, MK_PRONOUN, 0, ET_PERSON);
    finish(d);
    CHECK_STR(d->cl_names[0], "Wang Yi", d->text);
    EXPECT_RESOLVED(d, 0, "Chinese Foreign Minister Wang Yi arrived. Wang praised what Wang called a partnership.");
    coref_doc_free(d);

    d = mkdoc("Alexandria Ocasio-Cortez spoke. She said she was ready.");
    ment(d, "Alexandria Ocasio-Cortez", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "She", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "she", 0, MK_PRONOUN, 0, ET_PERSON);
    finish(d);
    EXPECT_RESOLVED(d, 0, "Alexandria Ocasio-Cortez spoke. Ocasio-Cortez said Ocasio-Cortez was ready.");
    coref_doc_free(d);

    d = mkdoc("The European Union said it would act. The Bank of England said its rates would rise.");
    ment(d, "The European Union", 0, MK_PROPER, 0, ET_ORGANIZATION);
    ment(d, "it", 0, MK_PRONOUN, 0, ET_ORGANIZATION);
    ment(d, "The Bank of England", 0, MK_PROPER, 1, ET_ORGANIZATION);
    ment(d, "its", 0, MK_PRONOUN, 1, ET_ORGANIZATION);
    finish(d);
    EXPECT_RESOLVED(d, 0,
                    "The European Union said the European Union would act. The Bank of England said the Bank of "
                    "England's rates would rise.");
    coref_doc_free(d);

    /* a list dash is no sentence start: the lowercase stays */
    d = mkdoc("The Kremlin spoke. - it denied the report.");
    ment(d, "The Kremlin", 0, MK_PROPER, 0, ET_ORGANIZATION);
    ment(d, "it", 0, MK_PRONOUN, 0, ET_ORGANIZATION);
    finish(d);
    EXPECT_RESOLVED(d, 0, "The Kremlin spoke. - the Kremlin denied the report.");
    coref_doc_free(d);

    /* an emoji after the name is not the name */
    d = mkdoc("Tim Cook \xf0\x9f\x98\x80 said he was happy.");
    d->toks[2].upos = UPOS_PROPN;   /* as the tagger may have it */
    ment(d, "Tim Cook \xf0\x9f\x98\x80", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "he", 0, MK_PRONOUN, 0, ET_PERSON);
    finish(d);
    CHECK_STR(d->cl_names[0], "Tim Cook", d->text);
    EXPECT_RESOLVED(d, 0, "Tim Cook \xf0\x9f\x98\x80 said Cook was happy.");
    coref_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_putin_unchanged),
        cmocka_unit_test(test_lavrov),
        cmocka_unit_test(test_full_name_first),
        cmocka_unit_test(test_possessive_s),
        cmocka_unit_test(test_untouched_pronouns),
        cmocka_unit_test(test_nominals),
        cmocka_unit_test(test_same_sentence),
        cmocka_unit_test(test_reader_names),
        cmocka_unit_test(test_confidence_section),
        cmocka_unit_test(test_multibyte),
        cmocka_unit_test(test_odd_documents),
        cmocka_unit_test(test_name_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
