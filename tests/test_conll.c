/* CoNLL reader/writer tests: every variant, crossing spans, round trips of
 * the shared data byte for byte, malformed input with line numbers. */
#include "check.h"
#include <dirent.h>
#include <math.h>
#include "eval/eval.h"
#include "eval/eval_conll.h"
#include "io/conll.h"

static conll_doc *parse_ok(const char *s, size_t *nd)
{
    conll_doc *d = NULL;
    coref_error e;
    int rc = conll_parse(s, strlen(s), &d, nd, &e);
    if (rc != COREF_OK) print_error("parse failed: %s\n", e.message);
    assert_int_equal(rc, COREF_OK);
    return d;
}

/* 1 when doc has mention [tb, te) of entity id. */
static int has(const conll_doc *d, uint32_t tb, uint32_t te, int64_t id)
{
    for (size_t i = 0; i < d->nment; i++)
        if (d->ments[i].tb == tb && d->ments[i].te == te && d->ments[i].entity == id) return 1;
    return 0;
}

/* Write doc with its own mentions; must equal `want`. */
static void check_roundtrip(const conll_doc *d, size_t nd, const char *want, size_t wlen, const char *what)
{
    buf_t b;
    buf_init(&b);
    for (size_t i = 0; i < nd; i++) assert_int_equal(conll_write(&d[i], d[i].ments, d[i].nment, &b), 0);
    if (b.len != wlen || memcmp(b.p, want, wlen) != 0) {
        size_t k = 0;
        while (k < b.len && k < wlen && b.p[k] == want[k]) k++;
        print_error("%s: round trip differs at byte %zu (len %zu vs %zu)\n", what, k, b.len, wlen);
        fail();
    }
    buf_free(&b);
}

static const char gum[] =
    "# begin document GUM_test\n"
    "0\tthe\t(1\n"
    "1\tHajj\t_\n"
    "2\t,\t_\n"
    "3\tMecca\t(2(3)1)\n"
    "4\t,\t_\n"
    "5\tsite\t2)\n"
    "\n"
    "6\tit\t(5(6)\n"
    "7\tx\t5)(4)\n"
    "# end document\n";

static void test_gum(void **state)
{
    (void)state;
    size_t nd;
    conll_doc *d = parse_ok(gum, &nd);
    assert_int_equal(nd, 1);
    assert_string_equal(d[0].name, "GUM_test");
    assert_int_equal(d[0].ntok, 8);
    assert_string_equal(d[0].tok[3], "Mecca");
    assert_int_equal(d[0].sent_start[0], 1);
    assert_int_equal(d[0].sent_start[1], 0);
    assert_int_equal(d[0].sent_start[6], 1);
    assert_int_equal(d[0].nment, 6);
    assert_true(has(&d[0], 0, 4, 1));   /* crossing: [0,4) and [3,6) share "Mecca" */
    assert_true(has(&d[0], 3, 6, 2));
    assert_true(has(&d[0], 3, 4, 3));
    assert_true(has(&d[0], 6, 7, 6));
    assert_true(has(&d[0], 6, 8, 5));
    assert_true(has(&d[0], 7, 8, 4));
    check_roundtrip(d, nd, gum, strlen(gum), "gum");
    /* changed mentions: canonical brackets, `_` for none, re-read equal */
    conll_mention m[] = {{0, 2, 7}, {1, 2, 8}, {5, 8, 9}};
    buf_t b;
    buf_init(&b);
    assert_int_equal(conll_write(&d[0], m, 3, &b), 0);
    assert_non_null(strstr(b.p, "0\tthe\t(7\n1\tHajj\t(8)7)\n2\t,\t_\n3\tMecca\t_\n"));
    size_t nd2;
    conll_doc *d2 = parse_ok(b.p, &nd2);
    assert_int_equal(d2[0].nment, 3);
    assert_true(has(&d2[0], 5, 8, 9));
    conll_docs_free(d2, nd2);
    /* out-of-range mention is refused */
    conll_mention badm = {7, 9, 1};
    assert_int_equal(conll_write(&d[0], &badm, 1, &b), -1);
    buf_free(&b);
    conll_docs_free(d, nd);
}

static void test_gum_labels(void **state)
{
    (void)state;
    const char *s = "# begin document GUM_news_iodine\n"
                    "0\tAustralian\t(person-1\n"
                    "1\tchildren\tperson-1)\n"
                    "2\tiodine\t(abstract-2(substance-3-Iodine)\n"
                    "3\tAthens\t(place-12-Some%2DTitle)abstract-2)\n"
                    "# end document\n";
    size_t nd;
    conll_doc *d = parse_ok(s, &nd);
    assert_int_equal(d[0].nment, 4);
    assert_true(has(&d[0], 0, 2, 1));
    assert_true(has(&d[0], 2, 4, 2));
    assert_true(has(&d[0], 2, 3, 3));
    assert_true(has(&d[0], 3, 4, 12));
    check_roundtrip(d, nd, s, strlen(s), "gum labels");   /* labels kept when unchanged */
    conll_docs_free(d, nd);
}

static const char litbank[] =
    "#begin document (1023_bleak_house_brat); part 0\n"
    "1023_bleak_house_brat\t0\t0\tCHAPTER\t_\t_\t_\t_\t_\t_\t_\t_\t\n"
    "1023_bleak_house_brat\t0\t1\tMr\t_\t_\t_\t_\t_\t_\t_\t_\t(25|(24)\n"
    "1023_bleak_house_brat\t0\t2\tTulk\t_\t_\t_\t_\t_\t_\t_\t_\t25)\n"
    "\n"
    "1023_bleak_house_brat\t0\t0\tLondon\t_\t_\t_\t_\t_\t_\t_\t_\t(1)\n"
    "#end document\n";

static void test_litbank(void **state)
{
    (void)state;
    size_t nd;
    conll_doc *d = parse_ok(litbank, &nd);
    assert_string_equal(d[0].name, "1023_bleak_house_brat");
    assert_int_equal(d[0].ntok, 4);
    assert_string_equal(d[0].tok[1], "Mr");
    assert_int_equal(d[0].sent_start[3], 1);
    assert_int_equal(d[0].nment, 3);
    assert_true(has(&d[0], 1, 3, 25));
    assert_true(has(&d[0], 1, 2, 24));
    assert_true(has(&d[0], 3, 4, 1));
    check_roundtrip(d, nd, litbank, strlen(litbank), "litbank");
    /* new brackets are |-joined, none is an empty column */
    conll_mention m[] = {{0, 2, 3}, {1, 2, 4}};
    buf_t b;
    buf_init(&b);
    assert_int_equal(conll_write(&d[0], m, 2, &b), 0);
    assert_non_null(strstr(b.p, "\tMr\t_\t_\t_\t_\t_\t_\t_\t_\t(4)|3)\n"));
    assert_non_null(strstr(b.p, "\tLondon\t_\t_\t_\t_\t_\t_\t_\t_\t\n"));
    buf_free(&b);
    conll_docs_free(d, nd);
}

static void test_scorer_variants(void **state)
{
    (void)state;
    /* 5 tab columns, `-`, trailing tab, two blocks in one document, two documents */
    const char *s = "#begin document (LuoTestCase); \n"
                    "test1\t0\t0\ta1\t(0\n"
                    "test1\t0\t1\ta2\t0)\n"
                    "\n"
                    "test2\t0\t0\tc\t(1)\n"
                    "test2\t0\t1\t.\t-\t\n"
                    "#end document\n"
                    "#begin document (nw/x); part 001\n"
                    "nw/x (10043\n"
                    "nw/x -\n"
                    "nw/x 10043)|(7)\n"
                    "#end document\n";
    size_t nd;
    conll_doc *d = parse_ok(s, &nd);
    assert_int_equal(nd, 2);
    assert_string_equal(d[0].name, "LuoTestCase");
    assert_string_equal(d[1].name, "nw/x:1");
    assert_int_equal(d[0].ntok, 4);
    assert_string_equal(d[0].tok[2], "c");
    assert_true(has(&d[0], 0, 2, 0));
    assert_true(has(&d[0], 2, 3, 1));
    assert_int_equal(d[1].ntok, 3);
    assert_true(has(&d[1], 0, 3, 10043));
    assert_true(has(&d[1], 2, 3, 7));
    check_roundtrip(d, nd, s, strlen(s), "scorer");
    buf_t b;
    buf_init(&b);
    assert_int_equal(conll_write(&d[0], NULL, 0, &b), 0);
    assert_non_null(strstr(b.p, "test1\t0\t0\ta1\t-\n"));
    assert_non_null(strstr(b.p, "test2\t0\t1\t.\t-\t\n"));
    buf_free(&b);
    conll_docs_free(d, nd);
}

/* Parse must fail with COREF_ERR_INPUT on `line`. */
static void expect_error(const char *s, long line, const char *needle)
{
    conll_doc *d = (conll_doc *)1;
    size_t nd = 99;
    coref_error e;
    int rc = conll_parse(s, strlen(s), &d, &nd, &e);
    if (rc != COREF_ERR_INPUT || e.line != line || !strstr(e.message, needle))
        print_error("input:\n%s\nrc %d line %ld message '%s' (want line %ld, '%s')\n", s, rc, (long)e.line,
                    e.message, line, needle);
    assert_int_equal(rc, COREF_ERR_INPUT);
    assert_int_equal(e.line, line);
    assert_null(d);
    assert_int_equal(nd, 0);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("# begin document x\n0\ta\t(1\n1\tb\t2)\n# end document\n", 3, "without an open");
    expect_error("# begin document x\n0\ta\t_\n1\tb\t(4\n2\tc\t_\n# end document\n", 3, "not closed");
    expect_error("# begin document x\n0\ta\t(1\n1\tb\t(2)\n", 3, "no '#end document'");
    expect_error("0\ta\t(1)\n# end document\n", 1, "outside a document");
    expect_error("# begin document x\n# end document\n# end document\n", 3, "without 'begin document'");
    expect_error("# begin document x\n0\ta\t(1)\n# begin document y\n", 3, "inside document");
    expect_error("# begin document x\n0\ta\t(x)\n# end document\n", 2, "bad coreference label");
    expect_error("# begin document x\n0\ta\t(1)2\n# end document\n", 2, "without a bracket");
    expect_error("# begin document x\nlonely\n# end document\n", 2, "bad row");
    expect_error("", 1, "no '#begin document'");
    /* robustness: arbitrary bytes never crash */
    const char *junk[] = {"#", "# begin document", "# begin document (\n0 ((((\n", "\n\n\n", "# begin document x\n0\t\t\n",
                          "# begin document x\n0 a |||\n# end document\n", "# begin document x\n0 a (-1)\n"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        conll_doc *d = NULL;
        size_t nd = 0;
        coref_error e;
        if (conll_parse(junk[i], strlen(junk[i]), &d, &nd, &e) == COREF_OK) conll_docs_free(d, nd);
    }
}

/* Round-trip every .conll file of a data folder; returns files checked. */
static int roundtrip_dir(const char *rel)
{
    char dir[1024], path[2048];
    snprintf(dir, sizeof dir, "%s/%s", test_data_dir(), rel);
    DIR *dh = opendir(dir);
    assert_non_null(dh);
    struct dirent *de;
    int files = 0;
    while ((de = readdir(dh))) {
        size_t l = strlen(de->d_name);
        if (l < 6 || strcmp(de->d_name + l - 6, ".conll") != 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        size_t n = 0;
        char *data = test_read_file(path, &n);
        assert_non_null(data);
        conll_doc *d = NULL;
        size_t nd = 0;
        coref_error e;
        if (conll_parse(data, n, &d, &nd, &e) != COREF_OK) {
            print_error("%s: %s\n", path, e.message);
            fail();
        }
        assert_true(nd >= 1 && d[0].ntok > 0 && d[0].nment > 0);
        check_roundtrip(d, nd, data, n, path);
        conll_docs_free(d, nd);
        free(data);
        files++;
    }
    closedir(dh);
    return files;
}

/* Inputs found by fuzz/ (tests/fuzz-regressions) and their neighbours:
 * never a crash, a clear error or a valid parse. */
static void test_fuzz_regressions(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "#begin document", "#begin document ", "#begin document (", "#begin document ()",
        "#begin document (x); part", "# begin document\n0\tA\t(1)\n#end document", "(", "#end document\n"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        conll_doc *docs = NULL;
        size_t nd = 0;
        coref_error err;
        int st = conll_parse(inputs[i], strlen(inputs[i]), &docs, &nd, &err);
        if (st == COREF_OK) conll_docs_free(docs, nd);
        else assert_true(strlen(err.message) > 0);
    }
    size_t n = 0;
    char *crash = test_read_file("tests/fuzz-regressions/conll-begin-document-no-name", &n);
    assert_non_null(crash);
    conll_doc *docs = NULL;
    size_t nd = 0;
    coref_error err;
    assert_int_equal(conll_parse(crash, n, &docs, &nd, &err), COREF_ERR_INPUT);
    free(crash);
}

static void test_roundtrip_data(void **state)
{
    (void)state;
    REQUIRE_DATA("gum/dev");
    assert_int_equal(roundtrip_dir("gum/dev"), 30);
    REQUIRE_DATA("litbank/dev");
    assert_int_equal(roundtrip_dir("litbank/dev"), 10);
    REQUIRE_DATA("gum-singletons/dev");
    assert_int_equal(roundtrip_dir("gum-singletons/dev"), 30);
}

static void test_gold_vs_itself(void **state)
{
    (void)state;
    REQUIRE_DATA("gum/dev/GUM_news_iodine.conll");
    char path[1024];
    snprintf(path, sizeof path, "%s/gum/dev/GUM_news_iodine.conll", test_data_dir());
    size_t n = 0, nd = 0;
    char *data = test_read_file(path, &n);
    assert_non_null(data);
    conll_doc *d = NULL;
    coref_error e;
    assert_int_equal(conll_parse(data, n, &d, &nd, &e), COREF_OK);
    eval_totals t;
    eval_totals_init(&t);
    assert_int_equal(eval_conll_docs(d, nd, d, nd, &t, NULL, NULL), 0);
    for (int m = 0; m < EVAL_NMETRIC; m++) {
        double r, p, f;
        eval_prf(&t.m[m], &r, &p, &f);
        assert_true(fabs(r - 1) < 1e-12 && fabs(p - 1) < 1e-12);
    }
    /* and against an empty response: recall 0 */
    eval_totals_init(&t);
    assert_int_equal(eval_conll_docs(d, nd, NULL, 0, &t, NULL, NULL), 0);
    assert_true(eval_conll_f1(&t) == 0.0);
    conll_docs_free(d, nd);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gum),
        cmocka_unit_test(test_gum_labels),
        cmocka_unit_test(test_litbank),
        cmocka_unit_test(test_scorer_variants),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_fuzz_regressions),
        cmocka_unit_test(test_roundtrip_data),
        cmocka_unit_test(test_gold_vs_itself),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
