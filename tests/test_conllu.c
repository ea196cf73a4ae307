/* CoNLL-U reader: words, multiword tokens, empty nodes, errors, real files. */
#include "check.h"
#include "core/tagset.h"
#include "io/conllu.h"

static const char SAMPLE[] =
    "# newdoc id = doc1\n"
    "# sent_id = s1\n"
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\tCase=Nom|Number=Sing|Person=1|PronType=Prs\t4\tnsubj\t4:nsubj\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\tMood=Ind\t4\taux\t4:aux\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n"
    "4\tknow\tknow\tVERB\tVB\tVerbForm=Inf\t0\troot\t0:root\tSpaceAfter=No\n"
    "4.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t4:conj\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n"
    "\n"
    "# sent_id = s2\n"
    "# newpar id = p2\n"
    "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t0:root\t_\n"
    "\n";

static void test_sample(void **state)
{
    (void)state;
    conllu_corpus *c = NULL;
    coref_error err;
    assert_int_equal(conllu_parse(SAMPLE, sizeof SAMPLE - 1, &c, &err), COREF_OK);
    assert_int_equal(c->nsent, 2);
    assert_int_equal(c->nword, 6);
    assert_int_equal(c->nmwt, 1);
    const conllu_sent *s = &c->sents[0];
    assert_int_equal(s->word_begin, 0);
    assert_int_equal(s->word_end, 5);
    assert_true(s->newdoc);
    assert_int_equal(s->doc_id_len, 4);
    assert_memory_equal(s->doc_id, "doc1", 4);
    assert_int_equal(s->text_len, 13);
    assert_memory_equal(s->text, "I don't know.", 13);
    assert_int_equal(c->mwts[0].word_begin, 1);
    assert_int_equal(c->mwts[0].word_end, 3);
    assert_memory_equal(c->mwts[0].form, "don't", 5);
    const conllu_word *w = c->words;
    assert_memory_equal(w[1].form, "do", 2);
    assert_int_equal(w[1].mwt, 0);
    assert_int_equal(w[1].space_after, 0);
    assert_int_equal(w[2].space_after, 1);
    assert_int_equal(w[3].space_after, 0);   /* SpaceAfter=No */
    assert_int_equal(w[0].head, 3);
    assert_int_equal(w[3].head, -1);
    assert_int_equal(w[4].head, 3);
    assert_int_equal(w[4].id, 5);   /* the empty node 4.1 was skipped */
    assert_int_equal(w[0].upos, UPOS_PRON);
    assert_int_equal(w[0].xpos, X_PRP);
    assert_int_equal(w[0].deprel, DEP_NSUBJ);
    assert_int_equal(w[3].deprel, DEP_ROOT);
    assert_memory_equal(w[0].feats, "Case=Nom", 8);
    assert_false(c->sents[1].newdoc);
    assert_true(c->sents[1].newpar);
    assert_null(c->sents[1].text);
    conllu_free(c);
}

/* Each malformed input must fail with COREF_ERR_INPUT naming its line. */
static void test_malformed(void **state)
{
    (void)state;
    static const struct { const char *in; int line; const char *what; } cases[] = {
        {"1\tA\ta\tX\tFW\t_\t0\troot\t_\t_\n2\tB\tb\tX\tFW\t_\t1\n", 2, "columns"},
        {"# text = x\n1\tA\ta\tX\tFW\t_\t0\troot\t_\t_\n3\tB\tb\tX\tFW\t_\t1\tdep\t_\t_\n", 3, "sequence"},
        {"1\tA\ta\tX\tFW\t_\t7\troot\t_\t_\n\n", 1, "head"},
        {"1\tA\ta\tX\tFW\t_\tx\troot\t_\t_\n", 1, "HEAD"},
        {"1-3\tAB\t_\t_\t_\t_\t_\t_\t_\t_\n1\tA\ta\tX\tFW\t_\t0\troot\t_\t_\n\n", 1, "past"},
        {"1\tA\ta\tX\tFW\t_\t1\troot\t_\t_\n", 1, "own head"},
        {"x\tA\ta\tX\tFW\t_\t0\troot\t_\t_\n", 1, "ID"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        conllu_corpus *c = NULL;
        coref_error err;
        memset(&err, 0, sizeof err);
        int rc = conllu_parse(cases[i].in, strlen(cases[i].in), &c, &err);
        if (rc != COREF_ERR_INPUT || err.line != cases[i].line || !strstr(err.message, cases[i].what)) {
            print_error("case %zu: rc %d line %lld msg '%s'\n", i, rc, (long long)err.line, err.message);
            fail();
        }
        char want[32];
        snprintf(want, sizeof want, "line %d", cases[i].line);
        assert_non_null(strstr(err.message, want));
        assert_null(c);
    }
}

static void test_edge(void **state)
{
    (void)state;
    conllu_corpus *c = NULL;
    coref_error err;
    /* empty input, CRLF, no final blank line */
    assert_int_equal(conllu_parse("", 0, &c, &err), COREF_OK);
    assert_int_equal(c->nsent, 0);
    conllu_free(c);
    const char *crlf = "1\tA\ta\tX\tFW\t_\t0\troot\t_\t_\r\n2\tB\tb\tX\tFW\t_\t1\tdep\t_\tSpaceAfter=No\r\n";
    assert_int_equal(conllu_parse(crlf, strlen(crlf), &c, &err), COREF_OK);
    assert_int_equal(c->nsent, 1);
    assert_int_equal(c->nword, 2);
    assert_int_equal(c->words[1].space_after, 0);
    assert_int_equal(c->words[1].misc_len, 13);
    conllu_free(c);
    assert_int_equal(conllu_read_file("/nonexistent/x.conllu", &c, &err), COREF_ERR_IO);
}

static void test_gum_dev(void **state)
{
    (void)state;
    REQUIRE_DATA("ud/en_gum-ud-dev.conllu");
    char path[1024];
    snprintf(path, sizeof path, "%s/ud/en_gum-ud-dev.conllu", test_data_dir());
    conllu_corpus *c = NULL;
    coref_error err;
    assert_int_equal(conllu_read_file(path, &c, &err), COREF_OK);
    assert_int_equal(c->nsent, 1575);
    assert_int_equal(c->nword, 28119);
    assert_int_equal(c->nmwt, 517);
    size_t ndoc = 0, unknown = 0;
    for (size_t i = 0; i < c->nsent; i++) ndoc += c->sents[i].newdoc;
    for (size_t i = 0; i < c->nword; i++) unknown += c->words[i].upos == 0 || c->words[i].xpos == 0;
    assert_int_equal(ndoc, 30);
    assert_int_equal(unknown, 0);
    conllu_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_edge),
        cmocka_unit_test(test_gum_dev),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
