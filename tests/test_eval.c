/* Scorer tests: a hand-computed example, Kuhn-Munkres, and conformance with
 * the official scorer v8.01 on every case of ../shared/data/scorer-tests. */
#include "check.h"
#include <math.h>
#include "eval/eval.h"
#include "eval/eval_conll.h"
#include "io/conll.h"

static int metric_index(const char *name)
{
    for (int m = 0; m < EVAL_NMETRIC; m++)
        if (strcmp(name, eval_metric_names[m]) == 0) return m;
    return -1;
}

/* Key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i} (Pradhan et al. 2014). */
static void test_hand_example(void **state)
{
    (void)state;
    const eval_mention key[] = {{0, 1, 1}, {1, 2, 1}, {2, 3, 1}, {3, 4, 2}, {4, 5, 2}, {5, 6, 2}, {6, 7, 2}};
    const eval_mention resp[] = {{0, 1, 7}, {1, 2, 7}, {2, 3, 8}, {3, 4, 8},
                                 {5, 6, 9}, {6, 7, 9}, {7, 8, 9}, {8, 9, 9}};
    eval_totals t;
    eval_totals_init(&t);
    assert_int_equal(eval_add_document(&t, key, 7, resp, 8), 0);
    static const double want[EVAL_NMETRIC][2] = {
        {2.0 / 5, 2.0 / 5},          /* muc */
        {5.0 / 12, 0.5},             /* bcub */
        {4.0 / 7, 4.0 / 8},          /* ceafm */
        {1.3 / 2, 1.3 / 3},          /* ceafe */
        {5.0 / 21, 1.0 / 3},         /* lea */
    };
    for (int m = 0; m < EVAL_NMETRIC; m++) {
        double r, p, f;
        eval_prf(&t.m[m], &r, &p, &f);
        if (fabs(r - want[m][0]) > 1e-9 || fabs(p - want[m][1]) > 1e-9)
            print_error("%s: got R %f P %f, want R %f P %f\n", eval_metric_names[m], r, p, want[m][0], want[m][1]);
        assert_true(fabs(r - want[m][0]) < 1e-9);
        assert_true(fabs(p - want[m][1]) < 1e-9);
    }
    /* identical key and response: 100 everywhere */
    eval_totals_init(&t);
    assert_int_equal(eval_add_document(&t, key, 7, key, 7), 0);
    for (int m = 0; m < EVAL_NMETRIC; m++) {
        double f;
        eval_prf(&t.m[m], NULL, NULL, &f);
        assert_true(fabs(f - 1.0) < 1e-12);
    }
    assert_true(fabs(eval_conll_f1(&t) - 1.0) < 1e-12);
    /* empty response: all zero, no crash */
    eval_totals_init(&t);
    assert_int_equal(eval_add_document(&t, key, 7, NULL, 0), 0);
    assert_true(eval_conll_f1(&t) == 0.0);
    assert_int_equal(eval_add_document(&t, NULL, 0, NULL, 0), 0);
}

static void test_assignment(void **state)
{
    (void)state;
    /* 3 x 4: best is 0->1 (5), 1->0 (4), 2->3 (6) = 15 */
    const double w[] = {1, 5, 0, 2, 4, 3, 1, 0, 0, 2, 2, 6};
    long a[3];
    assert_true(fabs(eval_assign_max(w, 3, 4, a) - 15) < 1e-12);
    assert_int_equal(a[0], 1);
    assert_int_equal(a[1], 0);
    assert_int_equal(a[2], 3);
    /* 4 x 2 (more rows than columns) */
    const double w2[] = {1, 0, 0, 1, 3, 0, 0, 2};
    long b[4];
    assert_true(fabs(eval_assign_max(w2, 4, 2, b) - 5) < 1e-12);
    assert_int_equal(b[2], 0);
    assert_int_equal(b[3], 1);
    assert_int_equal(b[0], -1);
    /* 400 x 400 random: finishes fast and beats the identity assignment */
    size_t n = 400;
    double *big = malloc(n * n * sizeof *big);
    long *asg = malloc(n * sizeof *asg);
    assert_non_null(big);
    assert_non_null(asg);
    uint32_t s = 12345;
    double diag = 0;
    for (size_t i = 0; i < n * n; i++) {
        s = s * 1664525u + 1013904223u;
        big[i] = (double)(s >> 8) / (double)(1u << 24);
    }
    for (size_t i = 0; i < n; i++) diag += big[i * n + i];
    double best = eval_assign_max(big, n, n, asg);
    assert_true(best >= diag);
    unsigned char *seen = calloc(n, 1);
    for (size_t i = 0; i < n; i++) {
        assert_true(asg[i] >= 0 && (size_t)asg[i] < n);
        assert_false(seen[asg[i]]);
        seen[asg[i]] = 1;
    }
    free(seen);
    free(big);
    free(asg);
}

/* Score key file vs response file of the suite. */
static int score_files(const char *kf, const char *rf, eval_totals *t)
{
    char path[1024];
    size_t kn = 0, rn = 0, nk = 0, nr = 0;
    snprintf(path, sizeof path, "%s/scorer-tests/%s", test_data_dir(), kf);
    char *kd = test_read_file(path, &kn);
    snprintf(path, sizeof path, "%s/scorer-tests/%s", test_data_dir(), rf);
    char *rd = test_read_file(path, &rn);
    if (!kd || !rd) { free(kd); free(rd); return -1; }
    conll_doc *k = NULL, *r = NULL;
    coref_error e;
    int rc = -1;
    if (conll_parse(kd, kn, &k, &nk, &e) != COREF_OK) {
        print_error("%s: %s\n", kf, e.message);
    } else if (conll_parse(rd, rn, &r, &nr, &e) != COREF_OK) {
        print_error("%s: %s\n", rf, e.message);
    } else {
        eval_totals_init(t);
        rc = eval_conll_docs(k, nk, r, nr, t, NULL, NULL);
    }
    conll_docs_free(k, nk);
    conll_docs_free(r, nr);
    free(kd);
    free(rd);
    return rc;
}

/* Check every row of a TSV table (case, key, response, metric, R, P, F1);
 * returns the number of rows compared. */
static int check_table(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/scorer-tests/%s", test_data_dir(), name);
    size_t n;
    char *data = test_read_file(path, &n);
    assert_non_null(data);
    int rows = 0, bad = 0;
    char *save = NULL;
    for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#' || strncmp(line, "case\t", 5) == 0) continue;
        char cs[32], kf[64], rf[64], met[16], rs[32], ps[32], fs[32];
        if (sscanf(line, "%31[^\t]\t%63[^\t]\t%63[^\t]\t%15[^\t]\t%31[^\t]\t%31[^\t]\t%31[^\t]", cs, kf, rf, met, rs, ps,
                   fs) != 7)
            continue;
        int m = metric_index(met);
        if (m < 0 || strcmp(rs, "NA") == 0) continue;   /* blanc, or not asserted */
        eval_totals t;
        assert_int_equal(score_files(kf, rf, &t), 0);
        double r, p, f;
        eval_prf(&t.m[m], &r, &p, &f);
        double wr = atof(rs), wp = atof(ps), wf = atof(fs);
        if (fabs(r - wr) > 1e-4 || fabs(p - wp) > 1e-4 || fabs(f - wf) > 1e-4) {
            print_error("%s %s %s: got R %.6f P %.6f F %.6f, want %.6f %.6f %.6f\n", name, cs, met, r, p, f, wr,
                        wp, wf);
            bad++;
        }
        rows++;
    }
    free(data);
    assert_int_equal(bad, 0);
    return rows;
}

static void test_expected(void **state)
{
    (void)state;
    REQUIRE_DATA("scorer-tests/expected.tsv");
    /* 91 asserted triples, less blanc */
    assert_true(check_table("expected.tsv") >= 64);
}

static void test_scorer_outputs(void **state)
{
    (void)state;
    REQUIRE_DATA("scorer-tests/scorer-v8.01-outputs.tsv");
    assert_int_equal(check_table("scorer-v8.01-outputs.tsv"), 36 * 4);
}

static void test_lea(void **state)
{
    (void)state;
    REQUIRE_DATA("scorer-tests/lea-computed.tsv");
    assert_int_equal(check_table("lea-computed.tsv"), 36);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_example),
        cmocka_unit_test(test_assignment),
        cmocka_unit_test(test_expected),
        cmocka_unit_test(test_scorer_outputs),
        cmocka_unit_test(test_lea),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
