/* Averaged perceptron: learning, save/load round trip, corrupt input.
 * Word clusters (the other learned table of src/ml): round trip, prefixes,
 * corrupt input. */
#include <math.h>
#include "check.h"
#include "ml/perceptron.h"
#include "ml/wclusters.h"

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

/* The toy problem with nc classes (class = cue mod nc): 5 keeps weight
 * rows apart from the table, 2 keeps them inside the slots (PC_INLINE). */
static pc_model *train_toy_n(mf_writer *w, uint32_t nc)
{
    pc_train *t = pc_train_new(nc);
    assert_non_null(t);
    assert_int_equal(pc_train_nclass(t), nc);
    float s[5];
    uint64_t f[3];
    uint32_t cls;
    for (int ep = 0; ep < 5; ep++)
        for (uint32_t i = 0; i < 200; i++) {
            make_instance(i, f, &cls);
            pc_train_scores(t, f, 3, s);
            pc_train_update(t, f, 3, cls % nc, argmax(s, nc));
            pc_train_tick(t);
        }
    /* the training form classifies every instance */
    for (uint32_t i = 0; i < 200; i++) {
        make_instance(i, f, &cls);
        pc_train_scores(t, f, 3, s);
        assert_int_equal(argmax(s, nc), cls % nc);
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

static pc_model *train_toy(mf_writer *w) { return train_toy_n(w, 5); }

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

/* The image form: the loaded table written as it is and used in place
 * gives the same scores; only the header is checked at load, and a table
 * of garbage gives wrong scores but no access outside the image. */
static void test_image(void **state)
{
    (void)state;
    for (uint32_t nc = 2; nc <= 5; nc += 3) {
        mf_writer w, img;
        pc_model *m = train_toy_n(&w, nc);
        mf_writer_init(&img);
        pc_model_write_image(m, &img);
        assert_false(img.err);
        mf_reader r;
        mf_reader_init(&r, img.p, img.n);
        pc_model *m2 = NULL;
        assert_int_equal(pc_model_load(&r, &m2), 0);
        assert_int_equal(r.pos, img.n);
        assert_int_equal(pc_model_nfeat(m2), pc_model_nfeat(m));
        assert_int_equal(pc_model_nclass(m2), nc);
        float s[5], s2[5];
        uint64_t f[3];
        uint32_t cls;
        for (uint32_t i = 0; i < 200; i++) {
            make_instance(i, f, &cls);
            pc_model_scores(m, f, 3, s);
            pc_model_scores(m2, f, 3, s2);
            assert_memory_equal(s, s2, nc * sizeof *s);
        }
        pc_model_free(m2);
        /* the image of an image is the same bytes */
        mf_writer again;
        mf_writer_init(&again);
        mf_reader_init(&r, img.p, img.n);
        assert_int_equal(pc_model_load(&r, &m2), 0);
        pc_model_write_image(m2, &again);
        assert_int_equal(again.n, img.n);
        assert_memory_equal(again.p, img.p, img.n);
        pc_model_free(m2);
        mf_writer_free(&again);
        /* every truncation is rejected */
        uint8_t *buf = malloc(img.n + 8);
        for (size_t n = 0; n < img.n; n++) {
            memcpy(buf, img.p, n);
            mf_reader_init(&r, buf, n);
            m2 = NULL;
            assert_int_equal(pc_model_load(&r, &m2), -1);
            assert_null(m2);
        }
        /* header: no overflow slot after the home slots; other byte order;
         * the last slot taken (a probe run could go past the table) */
        uint32_t cap, nslot, pad;
        memcpy(&cap, img.p + 12, 4);
        memcpy(&nslot, img.p + 24, 4);
        memcpy(&pad, img.p + 32, 4);
        size_t last = 36 + pad + (size_t)(nslot - 1) * 12;
        for (int k = 0; k < 3; k++) {
            memcpy(buf, img.p, img.n);
            if (k == 0) memcpy(buf + 24, &cap, 4);   /* nslot = cap */
            if (k == 1) buf[28] ^= 0xff;             /* the byte-order mark */
            if (k == 2) buf[last] = 1;               /* the last slot's key */
            mf_reader_init(&r, buf, img.n);
            assert_int_equal(pc_model_load(&r, &m2), -1);
        }
        /* a misaligned table is refused (it would be read in place) */
        memcpy(buf + 1, img.p, img.n);
        mf_reader_init(&r, buf + 1, img.n);
        assert_int_equal(pc_model_load(&r, &m2), -1);
        /* garbage table: every slot but the last taken, rows pointing anywhere */
        memcpy(buf, img.p, img.n);
        assert_true(img.n > 36 + pad);
        memset(buf + 36 + pad, 0xa5, img.n > 36 + pad ? img.n - 36 - pad : 0);
        memset(buf + last, 0, 4);
        mf_reader_init(&r, buf, img.n);
        assert_int_equal(pc_model_load(&r, &m2), 0);
        for (uint32_t i = 0; i < 50; i++) {
            make_instance(i, f, &cls);
            pc_model_scores(m2, f, 3, s2);
            for (uint32_t c = 0; c < nc; c++) assert_true(isfinite(s2[c]));
        }
        pc_model_free(m2);
        free(buf);
        pc_model_free(m);
        mf_writer_free(&w);
        mf_writer_free(&img);
    }
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

/* Three words: "cat" 0101 (depth 4), "dog" 0100, "ran" 1 (depth 1). */
static void write_clusters(mf_writer *w)
{
    const char *word[] = {"cat", "dog", "ran"};
    const uint8_t len[] = {3, 3, 3}, depth[] = {4, 4, 1};
    const uint16_t path[] = {5, 4, 1};
    mf_writer_init(w);
    wclus_write(w, word, len, path, depth, 3);
    assert_int_equal(w->err, 0);
}

static void test_clusters(void **state)
{
    (void)state;
    mf_writer w;
    write_clusters(&w);
    word_clusters *c = NULL;
    char msg[200];
    assert_int_equal(wclus_load(w.p, w.n, &c, msg, sizeof msg), 0);
    assert_int_equal(wclus_size(c), 3);
    uint32_t pc = 0, pd = 0, pr = 0;
    unsigned dc = 0, dd = 0, dr = 0;
    assert_int_equal(wclus_lookup(c, "cat", 3, &pc, &dc), 1);
    assert_int_equal(wclus_lookup(c, "dog", 3, &pd, &dd), 1);
    assert_int_equal(wclus_lookup(c, "ran", 3, &pr, &dr), 1);
    assert_int_equal(pc, 5);
    assert_int_equal(dc, 4);
    assert_int_equal(dr, 1);
    assert_int_equal(wclus_lookup(c, "Cat", 3, &pc, &dc), 0);   /* exact bytes */
    assert_int_equal(wclus_lookup(c, "ca", 2, &pc, &dc), 0);
    assert_int_equal(wclus_lookup(c, "", 0, &pc, &dc), 0);
    assert_int_equal(wclus_lookup(NULL, "cat", 3, &pc, &dc), 0);
    /* cat and dog share every prefix but the full path; ran shares none */
    assert_int_equal(wclus_prefix(5, 4, 3), wclus_prefix(4, 4, 3));
    assert_int_not_equal(wclus_prefix(5, 4, 4), wclus_prefix(4, 4, 4));
    assert_int_not_equal(wclus_prefix(5, 4, 1), wclus_prefix(1, 1, 1));
    /* a prefix deeper than the path is the whole path */
    assert_int_equal(wclus_prefix(1, 1, 8), wclus_prefix(1, 1, 1));
    /* the same bits at different depths are different clusters */
    assert_int_not_equal(wclus_prefix(1, 2, 2), wclus_prefix(1, 1, 1));
    wclus_free(c);
    /* every truncation and a trailing byte are rejected */
    uint8_t *buf = malloc(w.n + 1);
    for (size_t n = 0; n <= w.n + 1; n++) {
        if (n == w.n) continue;
        memcpy(buf, w.p, n <= w.n ? n : w.n);
        if (n > w.n) buf[w.n] = 0;
        c = NULL;
        assert_int_equal(wclus_load(buf, n, &c, msg, sizeof msg), -1);
        assert_null(c);
    }
    /* wrong version; depth 0 and a path wider than its depth; a duplicate word */
    size_t first = 8 + 1 + 3;   /* version, count, then "cat": length, bytes */
    for (int k = 0; k < 4; k++) {
        memcpy(buf, w.p, w.n);
        if (k == 0) buf[0] ^= 0x40;
        if (k == 1) buf[first + 2] = 0;
        if (k == 2) buf[first] = 0x15;               /* path 10101 at depth 4 */
        if (k == 3) memcpy(buf + first + 3 + 1, "cat", 3);   /* "dog" -> "cat" */
        c = NULL;
        assert_int_equal(wclus_load(buf, w.n, &c, msg, sizeof msg), -1);
        assert_null(c);
    }
    free(buf);
    mf_writer_free(&w);
}

/* Clusters as an image: the same lookups in place; garbage slots are
 * refused one by one at lookup. */
static void test_clusters_image(void **state)
{
    (void)state;
    mf_writer w, img;
    write_clusters(&w);
    word_clusters *c = NULL, *c2 = NULL;
    char msg[200];
    assert_int_equal(wclus_load(w.p, w.n, &c, msg, sizeof msg), 0);
    mf_writer_init(&img);
    wclus_write_image(c, &img);
    assert_false(img.err);
    assert_int_equal(wclus_load(img.p, img.n, &c2, msg, sizeof msg), 0);
    assert_int_equal(wclus_size(c2), 3);
    const char *words[] = {"cat", "dog", "ran", "cow"};
    for (int i = 0; i < 4; i++) {
        uint32_t p1 = 0, p2 = 0;
        unsigned d1 = 0, d2 = 0;
        assert_int_equal(wclus_lookup(c, words[i], 3, &p1, &d1), wclus_lookup(c2, words[i], 3, &p2, &d2));
        assert_int_equal(p1, p2);
        assert_int_equal(d1, d2);
    }
    wclus_free(c2);
    uint8_t *buf = malloc(img.n + 1);
    for (size_t n = 0; n < img.n; n++) {
        memcpy(buf, img.p, n);
        c2 = NULL;
        assert_int_equal(wclus_load(buf, n, &c2, msg, sizeof msg), -1);
        assert_null(c2);
    }
    /* every slot full of one depth-0 entry: loads, finds nothing, stops */
    memcpy(buf, img.p, img.n);
    size_t body = img.n > 24 ? img.n - 24 : 0;   /* after the 24-byte header */
    assert_true(body >= 16);
    memset(buf + 24, 0x7f, body);
    for (size_t at = 24; at + 16 <= img.n; at += 16) buf[at + 10] = 0;
    assert_int_equal(wclus_load(buf, img.n, &c2, msg, sizeof msg), 0);
    uint32_t p = 0;
    unsigned d = 0;
    assert_int_equal(wclus_lookup(c2, "cat", 3, &p, &d), 0);
    wclus_free(c2);
    free(buf);
    wclus_free(c);
    mf_writer_free(&w);
    mf_writer_free(&img);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_learn_and_roundtrip),
        cmocka_unit_test(test_corrupt),
        cmocka_unit_test(test_hash),
        cmocka_unit_test(test_clusters),
        cmocka_unit_test(test_image),
        cmocka_unit_test(test_clusters_image),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
