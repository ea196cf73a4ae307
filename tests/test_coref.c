/* Coreference on hand-built documents (names, pronouns, quotes, things that
 * must stay apart) and on one GUM dev document with gold tags. */
#include "check.h"
#include "coref.h"
#include "core/doc.h"
#include "core/model.h"
#include "core/tagset.h"
#include "coref/nominal.h"
#include "coref/rank.h"
#include "coref/resolve.h"
#include "eval/eval.h"
#include "io/conll.h"
#include "io/conllu.h"
#include "mention/lexicon.h"
#include "mention/mention.h"
#include "ml/modelfile.h"
#include "ml/perceptron.h"

#include "treedoc.h"

#define FLOOR 0.578  /* measured 0.5877 with gold tags (2026-11-26) */
#define END {NULL, NULL, NULL, 0, NULL, NULL}
#define PUNCT(h) {".", "PUNCT", ".", h, "punct", "_"}

static struct coref_doc *analyse(const row *const *s, size_t n)
{
    struct coref_doc *d = build(s, n, 1);
    assert_int_equal(mention_detect(NULL, d), 0);
    assert_int_equal(coref_resolve(NULL, d), 0);
    return d;
}

static int32_t cluster_of(const struct coref_doc *d, uint32_t tb, uint32_t te)
{
    long i = find_span(d, tb, te);
    assert_true(i >= 0);
    return d->ments[i].cluster;
}

/* "Sergey Lavrov met reporters. Lavrov said he was ready. His aides agreed." */
static void test_name_and_pronouns(void **state)
{
    (void)state;
    static const row s1[] = {
        {"Sergey", "PROPN", "NNP", 3, "nsubj", "Number=Sing"}, {"Lavrov", "PROPN", "NNP", 1, "flat", "Number=Sing"},
        {"met", "VERB", "VBD", 0, "root", "_"}, {"reporters", "NOUN", "NNS", 3, "obj", "Number=Plur"},
        PUNCT(3), END};
    static const row s2[] = {
        {"Lavrov", "PROPN", "NNP", 2, "nsubj", "Number=Sing"}, {"said", "VERB", "VBD", 0, "root", "_"},
        {"he", "PRON", "PRP", 5, "nsubj", "Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs"},
        {"was", "AUX", "VBD", 5, "cop", "_"}, {"ready", "ADJ", "JJ", 2, "ccomp", "_"}, PUNCT(2), END};
    static const row s3[] = {
        {"His", "PRON", "PRP$", 2, "nmod:poss", "Gender=Masc|Number=Sing|Person=3|Poss=Yes|PronType=Prs"},
        {"aides", "NOUN", "NNS", 3, "nsubj", "Number=Plur"}, {"agreed", "VERB", "VBD", 0, "root", "_"},
        PUNCT(3), END};
    const row *s[] = {s1, s2, s3};
    struct coref_doc *d = analyse(s, 3);
    int32_t c = cluster_of(d, 0, 2);
    assert_true(c >= 0);
    assert_int_equal(cluster_of(d, 5, 6), c);    /* Lavrov */
    assert_int_equal(cluster_of(d, 7, 8), c);    /* he */
    assert_int_equal(cluster_of(d, 11, 12), c);  /* His */
    assert_true(cluster_of(d, 3, 4) != c);       /* reporters */
    assert_true(cluster_of(d, 11, 13) != c);     /* his aides */
    assert_int_equal(d->ncluster, 1);
    coref_doc_free(d);
}

/* "John Smith spoke. Jane Smith listened. Smith left.": two people; the bare
 * surname goes to the most recent one. */
static void test_same_surname(void **state)
{
    (void)state;
    static const row s1[] = {
        {"John", "PROPN", "NNP", 3, "nsubj", "Number=Sing"}, {"Smith", "PROPN", "NNP", 1, "flat", "Number=Sing"},
        {"spoke", "VERB", "VBD", 0, "root", "_"}, PUNCT(3), END};
    static const row s2[] = {
        {"Jane", "PROPN", "NNP", 3, "nsubj", "Number=Sing"}, {"Smith", "PROPN", "NNP", 1, "flat", "Number=Sing"},
        {"listened", "VERB", "VBD", 0, "root", "_"}, PUNCT(3), END};
    static const row s3[] = {
        {"Smith", "PROPN", "NNP", 2, "nsubj", "Number=Sing"}, {"left", "VERB", "VBD", 0, "root", "_"}, PUNCT(2), END};
    const row *s[] = {s1, s2, s3};
    struct coref_doc *d = analyse(s, 3);
    int32_t jane = cluster_of(d, 4, 6);
    assert_true(jane >= 0);
    assert_int_equal(cluster_of(d, 8, 9), jane);   /* Smith */
    assert_true(cluster_of(d, 0, 2) != jane);      /* John Smith */
    assert_int_equal(d->ncluster, 1);
    coref_doc_free(d);
}

/* "Russia praised Putin. The next US president is unknown.": no two of its
 * mentions corefer (test_apart, test_ranker). */
static const row apart_s1[] = {
    {"Russia", "PROPN", "NNP", 2, "nsubj", "Number=Sing"}, {"praised", "VERB", "VBD", 0, "root", "_"},
    {"Putin", "PROPN", "NNP", 2, "obj", "Number=Sing"}, PUNCT(2), END};
static const row apart_s2[] = {
    {"The", "DET", "DT", 4, "det", "Definite=Def|PronType=Art"}, {"next", "ADJ", "JJ", 4, "amod", "_"},
    {"US", "PROPN", "NNP", 4, "compound", "Number=Sing"}, {"president", "NOUN", "NN", 6, "nsubj", "Number=Sing"},
    {"is", "AUX", "VBZ", 6, "cop", "_"}, {"unknown", "ADJ", "JJ", 0, "root", "_"}, PUNCT(6), END};

/* "Russia praised Putin. The next US president is unknown." stay apart. */
static void test_apart(void **state)
{
    (void)state;
    const row *s[] = {apart_s1, apart_s2};
    struct coref_doc *d = analyse(s, 2);
    assert_int_equal(cluster_of(d, 0, 1), -1);
    assert_int_equal(cluster_of(d, 2, 3), -1);
    assert_int_equal(cluster_of(d, 4, 8), -1);
    assert_int_equal(d->ncluster, 0);
    coref_doc_free(d);
}

/* A NOML section of 2^10 equal weights w with the given thresholds. */
static uint8_t *toy_noml(float w, float thr, float veto, uint32_t groups, size_t *size)
{
    mf_writer wr;
    mf_writer_init(&wr);
    mfw_u32(&wr, NOML_VERSION);
    mfw_u32(&wr, 10);
    mfw_f32(&wr, thr);
    mfw_f32(&wr, veto);
    mfw_f32(&wr, 0.0f);
    mfw_u32(&wr, groups);
    for (int k = 0; k < 1 << 10; k++) mfw_f32(&wr, w);
    assert_false(wr.err);
    *size = wr.n;
    return wr.p;
}

/* "The company grew. The company hired staff.": the sieve's exact link of
 * the second "The company" stands without a NOML section and with one
 * whose probabilities pass its veto, and is vetoed by one whose do not; a
 * linker that likes every pair links "staff" to an earlier nominal; a
 * malformed section is refused. */
static void test_nominal_linker(void **state)
{
    (void)state;
    static const row s1[] = {
        {"The", "DET", "DT", 2, "det", "Definite=Def|PronType=Art"}, {"company", "NOUN", "NN", 3, "nsubj", "Number=Sing"},
        {"grew", "VERB", "VBD", 0, "root", "_"}, PUNCT(3), END};
    static const row s2[] = {
        {"The", "DET", "DT", 2, "det", "Definite=Def|PronType=Art"}, {"company", "NOUN", "NN", 3, "nsubj", "Number=Sing"},
        {"hired", "VERB", "VBD", 0, "root", "_"}, {"staff", "NOUN", "NN", 3, "obj", "Number=Sing"}, PUNCT(3), END};
    const row *s[] = {s1, s2};
    struct coref_doc *d = analyse(s, 2);
    assert_true(cluster_of(d, 0, 2) >= 0);
    assert_int_equal(cluster_of(d, 4, 6), cluster_of(d, 0, 2));
    assert_int_equal(cluster_of(d, 7, 8), -1);
    size_t n_yes, n_no;
    uint8_t *yes = toy_noml(1.0f, 0.5f, 0.5f, NG_ALL, &n_yes), *no = toy_noml(-1.0f, 0.5f, 0.5f, NG_ALL, &n_no);
    noml_model *ny = NULL, *nn = NULL, *bad = NULL;
    char msg[200];
    assert_int_equal(noml_load(yes, n_yes, &ny, msg, sizeof msg), 0);
    assert_int_equal(noml_load(no, n_no, &nn, msg, sizeof msg), 0);
    assert_int_equal(noml_load(yes, n_yes - 4, &bad, msg, sizeof msg), -1);   /* cut short */
    assert_null(bad);
    struct coref_model m;
    memset(&m, 0, sizeof m);
    m.nominal = nn;   /* every probability under 0.5: the sieve's link is vetoed, nothing added */
    assert_int_equal(coref_resolve(&m, d), 0);
    assert_int_equal(cluster_of(d, 4, 6), -1);
    assert_int_equal(d->ncluster, 0);
    m.nominal = ny;   /* every probability over 0.5: the link stands, "staff" is linked too */
    assert_int_equal(coref_resolve(&m, d), 0);
    assert_true(cluster_of(d, 0, 2) >= 0);
    assert_int_equal(cluster_of(d, 4, 6), cluster_of(d, 0, 2));
    assert_true(cluster_of(d, 7, 8) >= 0);
    noml_free(ny);
    noml_free(nn);
    free(yes);
    free(no);
    coref_doc_free(d);
}

/* A RANK section whose weights favour linking (or "new") on every pair of
 * d, trained through the trainer's own calls (tools/train_ranker.c). */
static uint8_t *toy_ranker(const struct coref_doc *d, int link, size_t *size)
{
    pc_train *t = pc_train_new(1);
    rank_ctx *c = rank_ctx_new(d);
    assert_non_null(t);
    assert_non_null(c);
    int32_t cand[RANK_WINDOW];
    uint64_t f[RANK_MAX_FEATS];
    for (int round = 0; round < 3; round++)
        for (size_t i = 0; i < d->nment; i++) {
            size_t nc = rank_candidates(c, i, cand);
            for (size_t k = 0; k < nc; k++) {
                size_t nf = rank_features(c, i, cand[k], f);
                pc_train_add(t, f, nf, 0, link ? 1 : -1);
            }
            size_t nf = rank_features(c, i, -1, f);
            pc_train_add(t, f, nf, 0, link ? -1 : 1);
            pc_train_tick(t);
        }
    mf_writer w;
    mf_writer_init(&w);
    mfw_u32(&w, RANK_FORMAT_VERSION);
    mfw_f32(&w, 1.0f);
    pc_train_save(t, &w, 0.0f);
    assert_false(w.err);
    rank_ctx_free(c);
    pc_train_free(t);
    *size = w.n;
    return w.p;
}

/* The ranker re-links what the sieve left apart when its weights say so,
 * only when switched on, with a confidence per decision; a malformed section
 * is refused. */
static void test_ranker(void **state)
{
    (void)state;
    const row *s[] = {apart_s1, apart_s2};
    struct coref_doc *d = analyse(s, 2);
    assert_int_equal(d->ncluster, 0);   /* the sieve keeps them apart (test_apart) */
    size_t n_link, n_new;
    uint8_t *link = toy_ranker(d, 1, &n_link), *alone = toy_ranker(d, 0, &n_new);
    ranker *rl = NULL, *rn = NULL, *bad = NULL;
    char msg[200];
    assert_int_equal(ranker_load(link, n_link, &rl, msg, sizeof msg), 0);
    assert_int_equal(ranker_load(alone, n_new, &rn, msg, sizeof msg), 0);
    assert_int_equal(ranker_load(link, 6, &bad, msg, sizeof msg), -1);   /* cut short */
    assert_null(bad);
    link[0] ^= 0xff;   /* another format version */
    assert_int_equal(ranker_load(link, n_link, &bad, msg, sizeof msg), -1);
    assert_null(bad);

    /* through coref_resolve: the model's switch decides */
    struct coref_model m;
    memset(&m, 0, sizeof m);
    m.ranker = rl;
    assert_int_equal(coref_resolve(&m, d), 0);
    assert_int_equal(d->ncluster, 0);   /* switched off: the sieve alone */
    m.use_ranker = 1;
    assert_int_equal(coref_resolve(&m, d), 0);
    assert_int_equal(d->ncluster, 1);
    assert_true(cluster_of(d, 0, 1) >= 0);
    assert_int_equal(cluster_of(d, 2, 3), cluster_of(d, 0, 1));   /* Putin -> Russia */

    float conf[64];
    assert_true(d->nment <= 64);
    assert_int_equal(rank_resolve(rl, d, conf), 0);
    assert_int_equal(d->ncluster, 1);
    for (size_t i = 0; i < d->nment; i++) assert_true(conf[i] > 0.0f && conf[i] <= 1.0f);
    assert_true(conf[find_span(d, 2, 3)] > 0.5f);   /* two choices, the link well ahead */
    assert_true(conf[0] == 1.0f);                   /* the first mention has no choice */
    assert_int_equal(rank_resolve(rn, d, NULL), 0);
    assert_int_equal(d->ncluster, 0);
    ranker_free(rl);
    ranker_free(rn);
    free(link);
    free(alone);
    coref_doc_free(d);
}

/* '" We are ready , " Lavrov said . " I agree , " he added .' OntoGUM links
 * "I" in a quote to its speaker but not "we" (the speaker's group). */
static void test_quote_speaker(void **state)
{
    (void)state;
    static const row s1[] = {
        {"\"", "PUNCT", "``", 4, "punct", "_"},
        {"We", "PRON", "PRP", 4, "nsubj", "Case=Nom|Number=Plur|Person=1|PronType=Prs"},
        {"are", "AUX", "VBP", 4, "cop", "_"}, {"ready", "ADJ", "JJ", 8, "ccomp", "_"},
        {",", "PUNCT", ",", 4, "punct", "_"}, {"\"", "PUNCT", "''", 4, "punct", "_"},
        {"Lavrov", "PROPN", "NNP", 8, "nsubj", "Number=Sing"}, {"said", "VERB", "VBD", 0, "root", "_"},
        PUNCT(8), END};
    static const row s2[] = {
        {"\"", "PUNCT", "``", 3, "punct", "_"},
        {"I", "PRON", "PRP", 3, "nsubj", "Case=Nom|Number=Sing|Person=1|PronType=Prs"},
        {"agree", "VERB", "VBP", 8, "ccomp", "_"}, {",", "PUNCT", ",", 3, "punct", "_"},
        {"\"", "PUNCT", "''", 3, "punct", "_"},
        {"Mr.", "PROPN", "NNP", 7, "nmod:desc", "Number=Sing"},
        {"Lavrov", "PROPN", "NNP", 8, "nsubj", "Number=Sing"}, {"added", "VERB", "VBD", 0, "root", "_"},
        PUNCT(8), END};
    const row *s[] = {s1, s2};
    struct coref_doc *d = analyse(s, 2);
    int32_t c = cluster_of(d, 6, 7);
    assert_true(c >= 0);
    assert_int_equal(cluster_of(d, 10, 11), c);   /* I -> Lavrov */
    assert_int_equal(cluster_of(d, 14, 16), c);   /* Mr. Lavrov */
    assert_true(cluster_of(d, 1, 2) != c);        /* We */
    long i = find_span(d, 10, 11);
    assert_true(d->ments[i].flags & MF_IN_QUOTE);
    assert_int_equal(d->ments[i].speaker, find_span(d, 14, 16));
    coref_doc_free(d);
}

/* A reflexive takes its clause's subject; a plain object pronoun does not. */
static void test_binding(void **state)
{
    (void)state;
    static const row s1[] = {
        {"John", "PROPN", "NNP", 2, "nsubj", "Number=Sing"}, {"saw", "VERB", "VBD", 0, "root", "_"},
        {"him", "PRON", "PRP", 2, "obj", "Case=Acc|Gender=Masc|Number=Sing|Person=3|PronType=Prs"},
        {"and", "CCONJ", "CC", 5, "cc", "_"}, {"praised", "VERB", "VBD", 2, "conj", "_"},
        {"himself", "PRON", "PRP", 5, "obj", "Case=Acc|Gender=Masc|Number=Sing|Person=3|PronType=Prs|Reflex=Yes"},
        PUNCT(2), END};
    const row *s[] = {s1};
    struct coref_doc *d = analyse(s, 1);
    int32_t c = cluster_of(d, 0, 1);
    assert_true(c < 0 || cluster_of(d, 2, 3) != c);
    coref_doc_free(d);
}

/* "Russia sent Lavrov to Geneva. The city was quiet. The country waited.":
 * with the shipped lexicon, "the city" is the last city named (Geneva) and
 * "the country" the last country (Russia), never the other way round. */
static void test_place_nouns(void **state)
{
    (void)state;
    assert_non_null(lex);   /* the embedded model always has one */
    static const row s1[] = {
        {"Russia", "PROPN", "NNP", 2, "nsubj", "Number=Sing"}, {"sent", "VERB", "VBD", 0, "root", "_"},
        {"Lavrov", "PROPN", "NNP", 2, "obj", "Number=Sing"}, {"to", "ADP", "IN", 5, "case", "_"},
        {"Geneva", "PROPN", "NNP", 2, "obl", "Number=Sing"}, PUNCT(2), END};
    static const row s2[] = {
        {"The", "DET", "DT", 2, "det", "Definite=Def|PronType=Art"}, {"city", "NOUN", "NN", 4, "nsubj", "Number=Sing"},
        {"was", "AUX", "VBD", 4, "cop", "_"}, {"quiet", "ADJ", "JJ", 0, "root", "_"}, PUNCT(4), END};
    static const row s3[] = {
        {"The", "DET", "DT", 2, "det", "Definite=Def|PronType=Art"},
        {"country", "NOUN", "NN", 3, "nsubj", "Number=Sing"}, {"waited", "VERB", "VBD", 0, "root", "_"},
        PUNCT(3), END};
    const row *s[] = {s1, s2, s3};
    struct coref_doc *d = build(s, 3, 1);
    assert_int_equal(mention_detect_path(model, lex, d, MD_AUTO), 0);
    assert_int_equal(coref_resolve(model, d), 0);
    int32_t geneva = cluster_of(d, 4, 5), russia = cluster_of(d, 0, 1);
    assert_true(geneva >= 0 && russia >= 0 && geneva != russia);
    assert_int_equal(cluster_of(d, 6, 8), geneva);     /* the city */
    assert_int_equal(cluster_of(d, 11, 13), russia);   /* the country */
    assert_int_equal(d->ncluster, 2);
    coref_doc_free(d);
}

/* Empty and untagged documents. */
static void test_odd_documents(void **state)
{
    (void)state;
    struct coref_doc *d = calloc(1, sizeof *d);
    assert_int_equal(mention_detect(NULL, d), 0);
    assert_int_equal(coref_resolve(NULL, d), 0);
    assert_int_equal(d->ncluster, 0);
    coref_doc_free(d);
    static const row r[] = {{"he", "_", "_", 0, "_", "_"}, {"he", "_", "_", 0, "_", "_"},
                            {"it", "_", "_", 0, "_", "_"}, END};
    const row *s[] = {r};
    d = build(s, 1, 0);
    assert_int_equal(mention_detect(NULL, d), 0);
    assert_int_equal(coref_resolve(NULL, d), 0);
    assert_int_equal(d->nment, 3);
    coref_doc_free(d);
}

/* One GUM dev document with gold tags and tree: CoNLL F1 above a floor
 * (FLOOR: the measured score minus about one point). */
static void test_gum_document(void **state)
{
    (void)state;
    REQUIRE_DATA("gum/dev/GUM_news_iodine.conll");
    REQUIRE_DATA("ud/en_gum-ud-dev.conllu");
    char path[1024];
    snprintf(path, sizeof path, "%s/gum/dev/GUM_news_iodine.conll", test_data_dir());
    size_t n = 0;
    char *data = test_read_file(path, &n);
    assert_non_null(data);
    conll_doc *docs = NULL;
    size_t ndocs = 0;
    coref_error err;
    assert_int_equal(conll_parse(data, n, &docs, &ndocs, &err), COREF_OK);
    free(data);
    conllu_corpus *ud = NULL;
    snprintf(path, sizeof path, "%s/ud/en_gum-ud-dev.conllu", test_data_dir());
    assert_int_equal(conllu_read_file(path, &ud, &err), COREF_OK);
    size_t ws = (size_t)-1;
    for (size_t s = 0; s < ud->nsent; s++)
        if (ud->sents[s].doc_id && ud->sents[s].doc_id_len == strlen("GUM_news_iodine") &&
            !memcmp(ud->sents[s].doc_id, "GUM_news_iodine", ud->sents[s].doc_id_len)) {
            ws = ud->sents[s].word_begin;
            break;
        }
    assert_true(ws != (size_t)-1);
    const conll_doc *g = &docs[0];
    struct coref_doc *d = calloc(1, sizeof *d);
    size_t total = 1;
    for (size_t i = 0; i < g->ntok; i++) total += g->toklen[i] + 1;
    d->text = calloc(total, 1);
    size_t pos = 0, sb = 0;
    for (size_t i = 0; i < g->ntok; i++) {
        if (i && g->sent_start[i]) {
            assert_int_equal(doc_add_sentence(d, (uint32_t)sb, (uint32_t)i), 0);
            sb = i;
        }
        if (i) d->text[pos++] = ' ';
        memcpy(d->text + pos, g->tok[i], g->toklen[i]);
        assert_int_equal(doc_add_token(d, (uint32_t)pos, (uint32_t)(pos + g->toklen[i])), 0);
        pos += g->toklen[i];
    }
    assert_int_equal(doc_add_sentence(d, (uint32_t)sb, (uint32_t)g->ntok), 0);
    d->len = pos;
    for (size_t i = 0; i < d->ntok; i++) {
        const conllu_word *w = &ud->words[ws + i];
        tok_t *t = &d->toks[i];
        t->upos = w->upos;
        t->xpos = w->xpos;
        t->deprel = w->deprel;
        t->morph = morph_from_feats(w->feats, w->feats_len);
        t->head = w->head < 0 ? -1 : (int32_t)(d->sents[t->sent].tok_begin + (uint32_t)w->head);
    }
    assert_int_equal(mention_detect_path(NULL, lex, d, MD_AUTO), 0);
    assert_int_equal(coref_resolve(NULL, d), 0);
    eval_mention *key = calloc(g->nment + 1, sizeof *key), *resp = calloc(d->nment + 1, sizeof *resp);
    size_t nk = 0, nr = 0;
    for (size_t k = 0; k < g->nment; k++) key[nk++] = (eval_mention){g->ments[k].tb, g->ments[k].te, g->ments[k].entity};
    for (size_t k = 0; k < d->nment; k++)
        if (d->ments[k].cluster >= 0) resp[nr++] = (eval_mention){d->ments[k].tb, d->ments[k].te, d->ments[k].cluster};
    eval_totals t;
    eval_totals_init(&t);
    assert_int_equal(eval_add_document(&t, key, nk, resp, nr), 0);
    double f = eval_conll_f1(&t);
    print_message("GUM_news_iodine gold tags: CoNLL F1 %.2f\n", 100 * f);
    assert_true(f > FLOOR);
    free(key);
    free(resp);
    coref_doc_free(d);
    conll_docs_free(docs, ndocs);
    conllu_free(ud);
}

/* Names of unknown type and "he"/"she" (GAP, issue 9): "Hicks sent the art.
 * Hicks left. She smiled." -- a lone surname tagged plural is no group
 * ("Hicks" is not "they"); "The Marshall Plan helped Europe. The Marshall
 * Plan ended. He smiled." -- a name with "the" is no person. */
static void test_unknown_names(void **state)
{
    (void)state;
    static const row s1[] = {
        {"Hicks", "PROPN", "NNPS", 2, "nsubj", "Number=Plur"}, {"sent", "VERB", "VBD", 0, "root", "_"},
        {"the", "DET", "DT", 4, "det", "_"}, {"art", "NOUN", "NN", 2, "obj", "Number=Sing"}, PUNCT(2), END};
    static const row s2[] = {
        {"Hicks", "PROPN", "NNPS", 2, "nsubj", "Number=Plur"}, {"left", "VERB", "VBD", 0, "root", "_"}, PUNCT(2), END};
    static const row s3[] = {
        {"She", "PRON", "PRP", 2, "nsubj", "Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs"},
        {"smiled", "VERB", "VBD", 0, "root", "_"}, PUNCT(2), END};
    static const row s4[] = {
        {"The", "DET", "DT", 3, "det", "_"}, {"Marshall", "PROPN", "NNP", 3, "compound", "Number=Sing"},
        {"Plan", "PROPN", "NNP", 4, "nsubj", "Number=Sing"}, {"helped", "VERB", "VBD", 0, "root", "_"},
        {"Europe", "PROPN", "NNP", 4, "obj", "Number=Sing"}, PUNCT(4), END};
    static const row s5[] = {
        {"The", "DET", "DT", 3, "det", "_"}, {"Marshall", "PROPN", "NNP", 3, "compound", "Number=Sing"},
        {"Plan", "PROPN", "NNP", 4, "nsubj", "Number=Sing"}, {"ended", "VERB", "VBD", 0, "root", "_"},
        PUNCT(4), END};
    static const row s6[] = {
        {"He", "PRON", "PRP", 2, "nsubj", "Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs"},
        {"smiled", "VERB", "VBD", 0, "root", "_"}, PUNCT(2), END};
    const row *s[] = {s1, s2, s3, s4, s5, s6};
    struct coref_doc *d = analyse(s, 6);
    int32_t c = cluster_of(d, 0, 1);
    assert_true(c >= 0);
    assert_int_equal(cluster_of(d, 5, 6), c);     /* Hicks */
    assert_int_equal(cluster_of(d, 8, 9), c);     /* She -> Hicks */
    int32_t p = cluster_of(d, 11, 14);            /* The Marshall Plan ... The Marshall Plan */
    assert_true(p >= 0 && p != c);
    assert_int_equal(cluster_of(d, 17, 20), p);
    assert_true(cluster_of(d, 22, 23) < 0);       /* He: no antecedent */
    coref_doc_free(d);
}

/* "They starred Michael Kidd in his role.": the parser hung the phrase on the
 * name; "his" inside the name's span still takes it up (not i-within-i). */
static void test_pronoun_inside_name(void **state)
{
    (void)state;
    static const row s1[] = {
        {"They", "PRON", "PRP", 2, "nsubj", "Case=Nom|Number=Plur|Person=3|PronType=Prs"},
        {"starred", "VERB", "VBD", 0, "root", "_"}, {"Michael", "PROPN", "NNP", 2, "obj", "Number=Sing"},
        {"Kidd", "PROPN", "NNP", 3, "flat", "Number=Sing"}, {"in", "ADP", "IN", 7, "case", "_"},
        {"his", "PRON", "PRP$", 7, "nmod:poss", "Gender=Masc|Number=Sing|Person=3|Poss=Yes|PronType=Prs"},
        {"role", "NOUN", "NN", 3, "nmod", "Number=Sing"}, PUNCT(2), END};
    const row *s[] = {s1};
    struct coref_doc *d = analyse(s, 1);
    long k = find_span(d, 5, 6), h = -1;
    assert_true(k >= 0);
    for (size_t i = 0; i < d->nment; i++)
        if (d->ments[i].head == 2 && d->ments[i].tb == 2) h = (long)i;
    assert_true(h >= 0);
    assert_true(d->ments[k].cluster >= 0);
    assert_int_equal(d->ments[k].cluster, d->ments[h].cluster);
    coref_doc_free(d);
}

/* "Hansen was born in Orbost. She left.": a name of unknown type is a person
 * when it is the subject of a verb only people do (words.def WC_PERSON_VERB);
 * "Hansen reported earnings. She left." stays apart (a lone name may be a
 * company). */
static void test_person_verb(void **state)
{
    (void)state;
    static const row s1[] = {
        {"Hansen", "PROPN", "NNP", 3, "nsubj:pass", "Number=Sing"}, {"was", "AUX", "VBD", 3, "aux:pass", "_"},
        {"born", "VERB", "VBN", 0, "root", "_"}, {"in", "ADP", "IN", 5, "case", "_"},
        {"Orbost", "PROPN", "NNP", 3, "obl", "Number=Sing"}, PUNCT(3), END};
    static const row s2[] = {
        {"She", "PRON", "PRP", 2, "nsubj", "Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs"},
        {"left", "VERB", "VBD", 0, "root", "_"}, PUNCT(2), END};
    static const row s3[] = {
        {"Hansen", "PROPN", "NNP", 2, "nsubj", "Number=Sing"}, {"reported", "VERB", "VBD", 0, "root", "_"},
        {"earnings", "NOUN", "NNS", 2, "obj", "Number=Plur"}, PUNCT(2), END};
    const row *born[] = {s1, s2}, *rep[] = {s3, s2};
    struct coref_doc *d = analyse(born, 2);
    int32_t c = cluster_of(d, 0, 1);
    assert_true(c >= 0);
    assert_int_equal(cluster_of(d, 6, 7), c);
    coref_doc_free(d);
    d = analyse(rep, 2);
    assert_true(cluster_of(d, 4, 5) < 0);
    coref_doc_free(d);
}

/* Cataphora: "In his review, William Ruhlmann wrote." -- "his" in a phrase
 * fronted before the main subject takes up that subject. */
static void test_cataphora(void **state)
{
    (void)state;
    static const row s1[] = {
        {"In", "ADP", "IN", 3, "case", "_"},
        {"his", "PRON", "PRP$", 3, "nmod:poss", "Gender=Masc|Number=Sing|Person=3|Poss=Yes|PronType=Prs"},
        {"review", "NOUN", "NN", 7, "obl", "Number=Sing"}, {",", "PUNCT", ",", 3, "punct", "_"},
        {"William", "PROPN", "NNP", 7, "nsubj", "Number=Sing"}, {"Ruhlmann", "PROPN", "NNP", 5, "flat", "Number=Sing"},
        {"wrote", "VERB", "VBD", 0, "root", "_"}, PUNCT(7), END};
    const row *s[] = {s1};
    struct coref_doc *d = analyse(s, 1);
    int32_t c = cluster_of(d, 4, 6);
    assert_true(c >= 0);
    assert_int_equal(cluster_of(d, 1, 2), c);
    coref_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_and_pronouns),
        cmocka_unit_test(test_apart),
        cmocka_unit_test(test_ranker),
        cmocka_unit_test(test_same_surname),
        cmocka_unit_test(test_quote_speaker),
        cmocka_unit_test(test_binding),
        cmocka_unit_test(test_place_nouns),
        cmocka_unit_test(test_odd_documents),
        cmocka_unit_test(test_gum_document),
        cmocka_unit_test(test_unknown_names),
        cmocka_unit_test(test_pronoun_inside_name),
        cmocka_unit_test(test_person_verb),
        cmocka_unit_test(test_cataphora),
        cmocka_unit_test(test_nominal_linker),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
