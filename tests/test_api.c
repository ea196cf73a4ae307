/* Public API: model loading, error codes, bad input, empty input. */
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "coref.h"

static coref_model *model;

static int setup(void **state)
{
    (void)state;
    coref_error err;
    return coref_model_load_embedded(&model, &err) == COREF_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    coref_model_free(model);
    return 0;
}

static void test_embedded_model_has_metadata(void **state)
{
    (void)state;
    assert_non_null(coref_model_info(model, "name"));
    assert_non_null(coref_model_info(model, "date"));
    assert_null(coref_model_info(model, "no-such-key"));
}

static void test_corrupt_model_rejected(void **state)
{
    (void)state;
    coref_model *m = (coref_model *)0x1;
    coref_error err;
    assert_int_equal(coref_model_load_memory("NOTAMODEL", 9, &m, &err), COREF_ERR_MODEL);
    assert_null(m);
    assert_true(strlen(err.message) > 0);
    /* A valid header whose section table points past the end. */
    unsigned char bad[40] = "COREFMDL";
    bad[8] = 1;       /* version 1 */
    bad[12] = 1;      /* one section */
    memcpy(bad + 16, "TAGR", 4);
    bad[24] = 0xff;   /* offset far past the end */
    assert_int_equal(coref_model_load_memory(bad, sizeof bad, &m, &err), COREF_ERR_MODEL);
    /* A newer format version is refused with a clear message. */
    unsigned char newer[16] = "COREFMDL";
    newer[8] = 99;
    assert_int_equal(coref_model_load_memory(newer, sizeof newer, &m, &err), COREF_ERR_MODEL);
    assert_non_null(strstr(err.message, "version"));
    assert_int_equal(coref_model_load_file("/nonexistent/model", &m, &err), COREF_ERR_IO);
    coref_model_free(NULL);
}

static void test_invalid_utf8_names_offset(void **state)
{
    (void)state;
    static const struct { const char *s; size_t n; long off; } cases[] = {
        {"abc\xff" "def", 7, 3},          /* invalid lead byte */
        {"ab\xc3", 3, 2},                  /* truncated sequence */
        {"x\xe2\x80", 3, 1},               /* truncated 3-byte */
        {"\xc0\xaf", 2, 0},                /* overlong */
        {"ok\xed\xa0\x80", 5, 2},          /* surrogate */
        {"a\0b", 3, 1},                    /* NUL byte */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        coref_doc *d = (coref_doc *)0x1;
        coref_error err;
        coref_status st = coref_doc_analyze(model, cases[i].s, cases[i].n, NULL, &d, &err);
        if (st != COREF_ERR_UTF8 || err.offset != cases[i].off) {
            print_error("case %zu: status %d offset %lld (%s)\n", i, st, (long long)err.offset, err.message);
            fail();
        }
        assert_null(d);
        assert_non_null(strstr(err.message, "offset"));
    }
}

static void test_empty_and_blank_input(void **state)
{
    (void)state;
    const char *inputs[] = {"", "   \n\t\n  ", "\n"};
    for (size_t i = 0; i < 3; i++) {
        coref_doc *d = NULL;
        coref_error err;
        assert_int_equal(coref_doc_analyze(model, inputs[i], strlen(inputs[i]), NULL, &d, &err), COREF_OK);
        assert_int_equal(coref_doc_token_count(d), 0);
        assert_int_equal(coref_doc_cluster_count(d), 0);
        char *out = NULL;
        size_t n = 0;
        assert_int_equal(coref_doc_resolve(d, NULL, &out, &n), COREF_OK);
        assert_int_equal(n, strlen(inputs[i]));
        assert_memory_equal(out, inputs[i], n);
        coref_free(out);
        coref_doc_free(d);
    }
}

static void test_null_arguments(void **state)
{
    (void)state;
    coref_doc *d = NULL;
    coref_error err;
    assert_int_equal(coref_doc_analyze(NULL, "x", 1, NULL, &d, &err), COREF_ERR_ARG);
    assert_int_equal(coref_doc_analyze(model, NULL, 5, NULL, &d, &err), COREF_ERR_ARG);
    assert_int_equal(coref_doc_analyze(model, "x", 1, NULL, NULL, &err), COREF_ERR_ARG);
    assert_int_equal(coref_doc_token_count(NULL), 0);
    coref_doc_free(NULL);
    assert_string_equal(coref_strerror(COREF_ERR_UTF8), "invalid UTF-8 input");
    assert_int_equal(coref_model_load_embedded(NULL, &err), COREF_ERR_ARG);
    assert_non_null(strstr(err.message, "coref_model_load_embedded"));
}

/* Pre-tokenized input: bad tokens are refused by number, good ones analysed. */
static void test_analyze_tokens_input(void **state)
{
    (void)state;
    coref_doc *d = NULL;
    coref_error err;
    const char *ok[] = {"Lavrov", "said", "he", "left", "."};
    size_t okl[] = {6, 4, 2, 4, 1};
    assert_int_equal(coref_doc_analyze_tokens(model, ok, okl, NULL, 5, NULL, &d, &err), COREF_OK);
    assert_int_equal(coref_doc_token_count(d), 5);
    coref_doc_free(d);
    const char *bad[][2] = {{"said", ""}, {"said", "a\nb"}, {"said", "a\0b"}, {"said", "\xff"}};
    size_t badl[][2] = {{4, 0}, {4, 3}, {4, 3}, {4, 1}};
    coref_status want[] = {COREF_ERR_INPUT, COREF_ERR_INPUT, COREF_ERR_INPUT, COREF_ERR_UTF8};
    const char *msg[] = {"token 1 is empty", "token 1 contains a line break", "token 1 contains a NUL byte",
                         "token 1 is not valid UTF-8"};
    for (int k = 0; k < 4; k++) {
        d = NULL;
        assert_int_equal(coref_doc_analyze_tokens(model, bad[k], badl[k], NULL, 2, NULL, &d, &err), want[k]);
        assert_null(d);
        assert_string_equal(err.message, msg[k]);
    }
}

static void test_tokens_have_exact_offsets(void **state)
{
    (void)state;
    const char *text = "Putin added that Russia is ready to work with the next US president.";
    coref_doc *d = NULL;
    coref_error err;
    assert_int_equal(coref_doc_analyze(model, text, strlen(text), NULL, &d, &err), COREF_OK);
    assert_true(coref_doc_token_count(d) >= 13);
    for (size_t i = 0; i < coref_doc_token_count(d); i++) {
        coref_token t;
        assert_int_equal(coref_doc_token(d, i, &t), COREF_OK);
        assert_true(t.start < t.end && t.end <= strlen(text));
        assert_true(text[t.start] != ' ');
    }
    coref_token first;
    coref_doc_token(d, 0, &first);
    assert_int_equal(first.start, 0);
    assert_int_equal(first.end, 5);
    coref_doc_free(d);
}

static const char conll_two_docs[] =
    "#begin document (a); part 000\n"
    "a 0 0 Alice - - - - - - - (0)\na 0 1 said - - - - - - - -\na 0 2 she - - - - - - - (0)\n"
    "a 0 3 left - - - - - - - -\na 0 4 . - - - - - - - -\n\n#end document\n"
    "#begin document (b); part 000\nb 0 0 Bob - - - - - - - (1)\nb 0 1 slept - - - - - - - -\n\n#end document\n";

typedef struct { int n; char last[256]; } reports;

static void collect(void *ctx, const char *message)
{
    reports *r = ctx;
    r->n++;
    snprintf(r->last, sizeof r->last, "%s", message);
}

static void test_annotate_tabular(void **state)
{
    (void)state;
    coref_error err;
    char *out = NULL;
    size_t n = 0;
    reports r = {0, ""};
    /* CoNLL back to CoNLL: same rows, the system's coreference column */
    assert_int_equal(coref_annotate_tabular(model, conll_two_docs, strlen(conll_two_docs), COREF_INPUT_CONLL,
                                            COREF_FORMAT_CONLL, NULL, collect, &r, &out, &n, &err),
                     COREF_OK);
    assert_int_equal(r.n, 0);
    assert_non_null(out);
    assert_int_equal(strlen(out), n);
    assert_true(strncmp(out, "#begin document (a); part 000\na 0 0 Alice ", 42) == 0);
    assert_non_null(strstr(out, "#begin document (b); part 000\nb 0 0 Bob "));
    coref_free(out);
    /* any other format: one rendering per document */
    assert_int_equal(coref_annotate_tabular(model, conll_two_docs, strlen(conll_two_docs), COREF_INPUT_CONLL,
                                            COREF_FORMAT_JSONL, NULL, NULL, NULL, &out, NULL, &err),
                     COREF_OK);
    size_t lines = 0;
    for (const char *p = out; *p; p++) lines += *p == '\n';
    assert_int_equal(lines, 2);
    coref_free(out);
    /* CoNLL-U keeps comments and multiword tokens, fills the columns */
    const char *u = "# global.Entity = GRP-etype-infstat\n# text = He didn't go.\n"
                    "1\tHe\the\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
                    "2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
                    "4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";
    assert_int_equal(coref_annotate_tabular(model, u, strlen(u), COREF_INPUT_CONLLU, COREF_FORMAT_CONLLU, NULL,
                                            NULL, NULL, &out, &n, &err),
                     COREF_OK);
    assert_true(strncmp(out, "# global.Entity = eid\n# text = He didn't go.\n1\tHe\t_\tPRON\t", 55) == 0);
    assert_non_null(strstr(out, "\n2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdid\t"));
    coref_free(out);
    /* empty input: no documents, an empty buffer */
    assert_int_equal(coref_annotate_tabular(model, NULL, 0, COREF_INPUT_CONLLU, COREF_FORMAT_JSON, NULL, NULL, NULL,
                                            &out, &n, &err),
                     COREF_OK);
    assert_non_null(out);
    assert_int_equal(n, 0);
    coref_free(out);
}

static void test_annotate_tabular_errors(void **state)
{
    (void)state;
    coref_error err;
    char *out = (char *)0x1;
    reports r = {0, ""};
    /* NULL and out-of-range arguments */
    assert_int_equal(coref_annotate_tabular(model, "x", 1, COREF_INPUT_CONLL, COREF_FORMAT_CONLL, NULL, NULL, NULL,
                                            NULL, NULL, &err),
                     COREF_ERR_ARG);
    assert_non_null(strstr(err.message, "coref_annotate_tabular"));
    assert_int_equal(coref_annotate_tabular(NULL, "x", 1, COREF_INPUT_CONLL, COREF_FORMAT_CONLL, NULL, NULL, NULL,
                                            &out, NULL, &err),
                     COREF_ERR_ARG);
    assert_null(out);
    assert_int_equal(coref_annotate_tabular(model, NULL, 3, COREF_INPUT_CONLL, COREF_FORMAT_CONLL, NULL, NULL, NULL,
                                            &out, NULL, NULL),
                     COREF_ERR_ARG);
    assert_int_equal(coref_annotate_tabular(model, "x", 1, (coref_input)7, COREF_FORMAT_CONLL, NULL, NULL, NULL,
                                            &out, NULL, &err),
                     COREF_ERR_ARG);
    assert_int_equal(coref_annotate_tabular(model, "x", 1, COREF_INPUT_CONLL, (coref_format)99, NULL, NULL, NULL,
                                            &out, NULL, &err),
                     COREF_ERR_ARG);
    /* malformed input: the line is in err, nothing is written */
    const char *bad = "#begin document (a); part 000\na 0 0 x - - - - - - - (0\n\n#end document\n";
    assert_int_equal(coref_annotate_tabular(model, bad, strlen(bad), COREF_INPUT_CONLL, COREF_FORMAT_CONLL, NULL,
                                            collect, &r, &out, NULL, &err),
                     COREF_ERR_INPUT);
    assert_null(out);
    assert_int_equal(err.line, 2);
    assert_int_equal(r.n, 0);
    const char *badu = "# sent_id = 1\n1\tHe\the\tPRON\tPRP\t_\t0\troot\t_\t_\n2\tleft\n\n";
    assert_int_equal(coref_annotate_tabular(model, badu, strlen(badu), COREF_INPUT_CONLLU, COREF_FORMAT_CONLLU, NULL,
                                            NULL, NULL, &out, NULL, &err),
                     COREF_ERR_INPUT);
    assert_null(out);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.message, "line 3"));
    assert_int_equal(coref_annotate_tabular(model, "Caf\xc3", 4, COREF_INPUT_CONLLU, COREF_FORMAT_CONLLU, NULL, NULL,
                                            NULL, &out, NULL, &err),
                     COREF_ERR_UTF8);
    assert_int_equal(err.offset, 3);
    assert_null(out);
    /* one bad document: reported with its line, the other one still written */
    const char *cr = "#begin document (a); part 000\na 0 0 fo\ro - - - - - - - -\n\n#end document\n"
                     "#begin document (b); part 000\nb 0 0 ok - - - - - - - -\n\n#end document\n";
    size_t n = 0;
    assert_int_equal(coref_annotate_tabular(model, cr, strlen(cr), COREF_INPUT_CONLL, COREF_FORMAT_CONLL, NULL,
                                            collect, &r, &out, &n, &err),
                     COREF_ERR_INPUT);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.last, "document a (line 1): token 0 contains a line break");
    assert_string_equal(err.message, r.last);
    assert_int_equal(err.line, 1);
    assert_non_null(out);
    assert_true(strncmp(out, "#begin document (b)", 19) == 0);
    coref_free(out);
}

static void test_eval_api(void **state)
{
    (void)state;
    coref_error err;
    coref_eval_result res;
    reports r = {0, ""};
    size_t n = strlen(conll_two_docs);
    assert_int_equal(coref_eval(conll_two_docs, n, conll_two_docs, n, COREF_EVAL_CONLL, NULL, NULL, collect, &r,
                                &res, &err),
                     COREF_OK);
    assert_int_equal(res.documents, 2);
    assert_int_equal(r.n, 0);
    for (int m = 0; m < COREF_EVAL_NMETRIC; m++) {
        assert_true(res.recall[m] == 1.0 && res.precision[m] == 1.0 && res.f1[m] == 1.0);
        assert_non_null(coref_eval_metric_name(m));
    }
    assert_true(res.conll_f1 == 1.0);
    assert_string_equal(coref_eval_metric_name(0), "muc");
    assert_string_equal(coref_eval_metric_name(4), "lea");
    assert_null(coref_eval_metric_name(COREF_EVAL_NMETRIC));
    assert_null(coref_eval_metric_name(-1));
    /* a key document missing from the response: scored as empty, warned */
    const char *one = strstr(conll_two_docs, "#begin document (b)");
    assert_int_equal(coref_eval(conll_two_docs, n, one, strlen(one), COREF_EVAL_CONLL, "k", "r", collect, &r, &res,
                                &err),
                     COREF_OK);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.last, "document 'a' of k is missing from r; scored as empty");
    assert_int_equal(res.documents, 2);
    assert_true(res.recall[1] < 1.0 && res.precision[1] == 1.0);   /* B3 */
    /* the other way round: ignored, warned */
    r.n = 0;
    assert_int_equal(coref_eval(one, strlen(one), conll_two_docs, n, COREF_EVAL_CONLL, "k", "r", collect, &r, &res,
                                &err),
                     COREF_OK);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.last, "document 'a' of r is not in k; ignored");
    assert_int_equal(res.documents, 1);
    /* JSON: one document per side is matched whatever its name */
    const char *jk = "{\"clusters\": [[[0, 5], [11, 14]]]}", *jr = "{\"id\": \"x\", \"clusters\": [[[0, 5]]]}";
    assert_int_equal(coref_eval(jk, strlen(jk), jr, strlen(jr), COREF_EVAL_JSON, NULL, NULL, NULL, NULL, &res, &err),
                     COREF_OK);
    assert_int_equal(res.documents, 1);
    assert_true(res.precision[1] == 1.0 && res.recall[1] == 0.25);
}

static void test_eval_api_errors(void **state)
{
    (void)state;
    coref_error err;
    coref_eval_result res;
    size_t n = strlen(conll_two_docs);
    assert_int_equal(coref_eval("", 0, "", 0, COREF_EVAL_CONLL, NULL, NULL, NULL, NULL, NULL, &err), COREF_ERR_ARG);
    assert_int_equal(coref_eval(NULL, 4, "", 0, COREF_EVAL_CONLL, NULL, NULL, NULL, NULL, &res, &err), COREF_ERR_ARG);
    assert_int_equal(coref_eval("", 0, NULL, 4, COREF_EVAL_CONLL, NULL, NULL, NULL, NULL, &res, NULL), COREF_ERR_ARG);
    assert_int_equal(coref_eval("", 0, "", 0, (coref_eval_format)5, NULL, NULL, NULL, NULL, &res, &err),
                     COREF_ERR_ARG);
    /* malformed input names the side and the line */
    const char *bad = "#begin document (a); part 000\na 0 0 x - - - - - - - (0\n\n#end document\n";
    assert_int_equal(coref_eval(conll_two_docs, n, bad, strlen(bad), COREF_EVAL_CONLL, NULL, NULL, NULL, NULL, &res,
                                &err),
                     COREF_ERR_INPUT);
    assert_int_equal(err.line, 2);
    assert_true(strncmp(err.message, "response: line 2: ", 18) == 0);
    const char *jl = "{\"id\": \"a\", \"clusters\": []}\n\nnot json\n";
    assert_int_equal(coref_eval(jl, strlen(jl), jl, strlen(jl), COREF_EVAL_JSON, "gold.jsonl", NULL, NULL, NULL,
                                &res, &err),
                     COREF_ERR_INPUT);
    assert_int_equal(err.line, 3);
    assert_true(strncmp(err.message, "gold.jsonl: line 3: ", 20) == 0);
    const char *nocl = "{\"id\": \"a\"}";
    assert_int_equal(coref_eval(nocl, strlen(nocl), nocl, strlen(nocl), COREF_EVAL_JSON, NULL, NULL, NULL, NULL, &res,
                                &err),
                     COREF_ERR_INPUT);
    assert_string_equal(err.message, "key: line 1: no \"clusters\" array");
    /* documents of different lengths cannot be scored by token spans */
    const char *shortdoc = "#begin document (a); part 000\na 0 0 Alice - - - - - - - (0)\n\n#end document\n";
    assert_int_equal(coref_eval(conll_two_docs, n, shortdoc, strlen(shortdoc), COREF_EVAL_CONLL, "k", "r", NULL, NULL,
                                &res, &err),
                     COREF_ERR_INPUT);
    assert_string_equal(err.message, "document 'a' has 5 tokens in k but 1 in r: the files are not aligned");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_embedded_model_has_metadata),
        cmocka_unit_test(test_corrupt_model_rejected),
        cmocka_unit_test(test_invalid_utf8_names_offset),
        cmocka_unit_test(test_empty_and_blank_input),
        cmocka_unit_test(test_null_arguments),
        cmocka_unit_test(test_tokens_have_exact_offsets),
        cmocka_unit_test(test_analyze_tokens_input),
        cmocka_unit_test(test_annotate_tabular),
        cmocka_unit_test(test_annotate_tabular_errors),
        cmocka_unit_test(test_eval_api),
        cmocka_unit_test(test_eval_api_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
