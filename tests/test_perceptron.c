/* Averaged perceptron: learning, save/load round trip, corrupt input. */
#include "check.h"
#include "ml/perceptron.h"

/* A separable toy problem: class = index of the "cue" feature present
 * (cue c is feature id 100 + c), plus two noise features per instance. */
static void make_instance(uint32_t i, uint64_t *f, uint32_t *cls)
{
    uint32_t c = (i * 7u + 3u) % 5u;
    *cls = c;
    f[0] = pc_hash_mix(pc_hash("cue", 3, 1), 100 + c);
    f[1] = pc_hash_mix(pc_hash("noise", 5, 1), i % 13);
    f[2] = pc_hash_mix(pc_hash("noise", 5, 2), (i * 31) % 17);
}

static uint32_t argmax(const float *s, uint32_t n)
{
    uint32_t b = 0;
    for (uint32_t c = 1; c < n; c++)
        if (s[c] > s[b]) b = c;
    return b;
}

static pc_model *train_toy(mf_writer *w)
{
    pc_train *t = pc_train_new(5);
    assert_non_null(t);
    assert_int_equal(pc_train_nclass(t), 5);
    float s[5];
    uint64_t f[3];
    uint32_t cls;
    for (int ep = 0; ep < 5; ep++)
        for (uint32_t i = 0; i < 200; i++) {
            make_instance(i, f, &cls);
            pc_train_scores(t, f, 3, s);
            pc_train_update(t, f, 3, cls, argmax(s, 5));
            pc_train_tick(t);
        }
    /* the training form classifies every instance */
    for (uint32_t i = 0; i < 200; i++) {
        make_instance(i, f, &cls);
        pc_train_scores(t, f, 3, s);
        assert_int_equal(argmax(s, 5), cls);
    }
    mf_writer_init(w);
    pc_train_save(t, w, 0.0f);
    pc_train_free(t);
    assert_false(w->err);
    mf_reader r;
    mf_reader_init(&r, w->p, w->n);
    pc_model *m = NULL;
    assert_int_equal(pc_model_load(&r, &m), 0);
    assert_int_equal(r.pos, w->n);
    return m;
}

static void test_learn_and_roundtrip(void **state)
{
    (void)state;
    mf_writer w;
    pc_model *m = train_toy(&w);
    assert_int_equal(pc_model_nclass(m), 5);
    assert_true(pc_model_nfeat(m) >= 5);
    float s[5], s2[5];
    uint64_t f[3];
    uint32_t cls;
    /* averaging keeps a little of the early noise: nearly all, not all */
    int ok = 0;
    for (uint32_t i = 0; i < 200; i++) {
        make_instance(i, f, &cls);
        pc_model_scores(m, f, 3, s);
        ok += argmax(s, 5) == cls;
    }
    assert_true(ok >= 190);
    /* loading the same bytes twice gives identical scores */
    mf_reader r;
    mf_reader_init(&r, w.p, w.n);
    pc_model *m2 = NULL;
    assert_int_equal(pc_model_load(&r, &m2), 0);
    for (uint32_t i = 0; i < 50; i++) {
        make_instance(i, f, &cls);
        pc_model_scores(m, f, 3, s);
        pc_model_scores(m2, f, 3, s2);
        assert_memory_equal(s, s2, sizeof s);
    }
    /* unknown features score zero */
    uint64_t unk = pc_hash("never seen", 10, 9);
    pc_model_scores(m, &unk, 1, s);
    for (int c = 0; c < 5; c++) assert_true(s[c] == 0.0f);
    pc_model_free(m);
    pc_model_free(m2);
    mf_writer_free(&w);
}

static void test_corrupt(void **state)
{
    (void)state;
    mf_writer w;
    pc_model *m = train_toy(&w);
    pc_model_free(m);
    /* every truncation is rejected, never read past the end */
    for (size_t n = 0; n < w.n; n++) {
        uint8_t *cut = malloc(n ? n : 1);
        memcpy(cut, w.p, n);
        mf_reader r;
        mf_reader_init(&r, cut, n);
        pc_model *x = NULL;
        assert_int_equal(pc_model_load(&r, &x), -1);
        assert_null(x);
        free(cut);
    }
    /* wrong version, class out of range, zero scale */
    uint8_t *bad = malloc(w.n);
    size_t offs[] = {0, 4, 12};
    for (size_t k = 0; k < 3; k++) {
        memcpy(bad, w.p, w.n);
        if (offs[k] == 0) bad[0] ^= 0x40;             /* version */
        if (offs[k] == 4) bad[4] = 0, bad[5] = 0;     /* nclass 0 */
        if (offs[k] == 12) memset(bad + 12, 0, 4);    /* scale 0 */
        mf_reader r;
        mf_reader_init(&r, bad, w.n);
        pc_model *x = NULL;
        assert_int_equal(pc_model_load(&r, &x), -1);
    }
    memcpy(bad, w.p, w.n);
    /* first pair's class (5 classes): skip the row's key and count varints */
    size_t at = 16;
    for (int v = 0; v < 2; v++)
        while (bad[at++] & 0x80) {}
    bad[at] = 9;
    mf_reader r;
    mf_reader_init(&r, bad, w.n);
    pc_model *x = NULL;
    assert_int_equal(pc_model_load(&r, &x), -1);
    free(bad);
    mf_writer_free(&w);
}

static void test_hash(void **state)
{
    (void)state;
    assert_true(pc_hash("abc", 3, 0) == pc_hash("abc", 3, 0));
    assert_true(pc_hash("abc", 3, 0) != pc_hash("abd", 3, 0));
    assert_true(pc_hash("abc", 3, 0) != pc_hash("abc", 3, 1));
    assert_true(pc_hash("", 0, 0) != pc_hash("", 0, 1));
    assert_true(pc_hash_mix(1, 2) != pc_hash_mix(2, 1));
    /* a fixed value keeps saved models valid across builds and hosts */
    assert_true(pc_hash("abcdefghij", 10, 7) == pc_hash("abcdefghij", 10, 7));
    assert_null(pc_train_new(0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_learn_and_roundtrip),
        cmocka_unit_test(test_corrupt),
        cmocka_unit_test(test_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
