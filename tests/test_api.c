/* Public API: model loading, error codes, bad input, empty input. */
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
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
