/* Tagger: the tagger of the embedded model (the one that ships, never a
 * freshly trained build/model/tagger.bin) on a known sentence and its
 * accuracy on GUM dev. */
#include "check.h"
#include "core/model.h"
#include "core/tagset.h"
#include "io/conllu.h"
#include "ml/modelfile.h"
#include "tag/tagger.h"

static struct tagger *tg;
static coref_model *model;

static int setup(void **state)
{
    (void)state;
    if (coref_model_load_embedded(&model, NULL) == COREF_OK) tg = model->tagger;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    coref_model_free(model);
    return 0;
}

/* The embedded model always has a tagger: its absence is a failure. */
#define REQUIRE_TAGGER() assert_non_null(tg)

static void test_sentence(void **state)
{
    (void)state;
    REQUIRE_DATA("ud/en_gum-ud-dev.conllu");
    REQUIRE_TAGGER();
    const char *w[] = {"He", "said", "his", "country", "is", "ready", "."};
    uint32_t len[7];
    for (int i = 0; i < 7; i++) len[i] = (uint32_t)strlen(w[i]);
    uint8_t up[7], xp[7];
    uint16_t fe[7];
    assert_int_equal(tagger_tag_words(tg, w, len, 7, up, xp, fe), 0);
    assert_int_equal(xp[0], X_PRP);
    assert_int_equal(xp[1], X_VBD);
    assert_int_equal(xp[2], X_PRPS);
    assert_int_equal(xp[3], X_NN);
    assert_int_equal(up[0], UPOS_PRON);
    assert_int_equal(up[4], UPOS_AUX);
    assert_int_equal(up[6], UPOS_PUNCT);
    const char *f0 = tagger_feats_name(tg, fe[0]), *f2 = tagger_feats_name(tg, fe[2]);
    uint32_t m0 = morph_from_feats(f0, strlen(f0)), m2 = morph_from_feats(f2, strlen(f2));
    assert_true(m0 & M_MASC);
    assert_true(m0 & M_SING);
    assert_true(m0 & M_NOM);
    assert_true(m2 & M_POSS);
    assert_true(m2 & M_MASC);
    assert_true(m2 & M_P3);
    assert_non_null(strstr(f2, "Poss=Yes"));
    /* FEATS table round trip */
    assert_int_equal(tagger_feats_index(tg, f2, strlen(f2)), fe[2]);
    assert_string_equal(tagger_feats_name(tg, 0), "_");
    assert_string_equal(tagger_feats_name(tg, 65535), "_");
    assert_int_equal(tagger_feats_index(tg, "Bogus=Yes", 9), 0);
    /* empty and odd input never crash */
    assert_int_equal(tagger_tag_words(tg, w, len, 0, up, xp, fe), 0);
    const char *odd[] = {"", "\xff\xfe", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
    uint32_t olen[] = {0, 2, (uint32_t)strlen(odd[2])};
    assert_int_equal(tagger_tag_words(tg, odd, olen, 3, up, xp, fe), 0);
    for (int i = 0; i < 3; i++) assert_true(xp[i] > 0 && xp[i] < X_COUNT && up[i] < UPOS_COUNT);
}

/* Accuracy floors on the first 400 sentences of GUM dev, about half a point
 * under the shipped model's scores (measured 2026-11-26 with the word
 * clusters: UPOS 0.9713, XPOS 0.9674, FEATS 0.9424; without them 0.9669,
 * 0.9634, 0.9411; with issue 10's ambiguity-class tagger 0.9700, 0.9669,
 * 0.9426, whole GUM dev 96.77 UPOS against 96.73); retraining that loses
 * more must fail here. */
static void test_gum_dev_accuracy(void **state)
{
    (void)state;
    REQUIRE_DATA("ud/en_gum-ud-dev.conllu");
    REQUIRE_TAGGER();
    char path[1024];
    snprintf(path, sizeof path, "%s/ud/en_gum-ud-dev.conllu", test_data_dir());
    conllu_corpus *c;
    assert_int_equal(conllu_read_file(path, &c, NULL), COREF_OK);
    size_t ns = c->nsent < 400 ? c->nsent : 400, tot = 0, cu = 0, cx = 0, cf = 0;
    for (size_t s = 0; s < ns; s++) {
        size_t b = c->sents[s].word_begin, n = c->sents[s].word_end - b;
        const char *form[512];
        uint32_t len[512];
        uint8_t up[512], xp[512];
        uint16_t fe[512];
        if (n > 512) continue;
        for (size_t i = 0; i < n; i++) {
            form[i] = c->words[b + i].form;
            len[i] = c->words[b + i].form_len;
        }
        assert_int_equal(tagger_tag_words(tg, form, len, n, up, xp, fe), 0);
        for (size_t i = 0; i < n; i++) {
            const conllu_word *w = &c->words[b + i];
            const char *fn = tagger_feats_name(tg, fe[i]);
            cu += up[i] == w->upos;
            cx += xp[i] == w->xpos;
            cf += strlen(fn) == w->feats_len && !memcmp(fn, w->feats, w->feats_len);
            tot++;
        }
    }
    double au = (double)cu / (double)tot, ax = (double)cx / (double)tot, af = (double)cf / (double)tot;
    print_message("GUM dev first %zu sentences: UPOS %.4f XPOS %.4f FEATS %.4f\n", ns, au, ax, af);
    assert_true(au >= 0.966);
    assert_true(ax >= 0.962);
    assert_true(af >= 0.937);
    conllu_free(c);
}

/* Corrupt sections are rejected with a message, never crash. */
static void test_load_corrupt(void **state)
{
    (void)state;
    char msg[128];
    struct tagger *t = NULL;
    uint8_t junk[64];
    memset(junk, 0, sizeof junk);
    assert_int_equal(tagger_load(junk, 0, &t, msg, sizeof msg), -1);
    assert_int_equal(tagger_load(junk, sizeof junk, &t, msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "version"));
    /* The TAGR section of the committed model file. */
    size_t fn = 0, n = 0;
    char *file = test_read_file("models/coref.model", &fn);
    assert_non_null(file);
    mf_section secs[MF_MAX_SECTIONS];
    size_t nsec = 0;
    assert_int_equal(mf_open((const uint8_t *)file, fn, secs, &nsec, msg, sizeof msg), 0);
    const mf_section *sec = mf_find(secs, nsec, TAGGER_SECTION);
    assert_non_null(sec);
    n = sec->size;
    char *blob = malloc(n);
    assert_non_null(blob);
    memcpy(blob, sec->data, n);
    free(file);
    /* the committed (compact) section is decoded; the embedded model is the
     * image, used in place: nothing is decoded at start */
    assert_int_equal(tagger_load((const uint8_t *)blob, n, &t, msg, sizeof msg), 0);
    assert_false(tagger_in_place(t));
    tagger_free(t);
    t = NULL;
    assert_non_null(tg);
    assert_true(tagger_in_place(tg));
    /* truncations at a spread of points */
    for (size_t k = 1; k < 40; k++) {
        size_t cut = n * k / 40;
        assert_int_equal(tagger_load((const uint8_t *)blob, cut, &t, msg, sizeof msg), -1);
        assert_null(t);
    }
    /* format 2 (a tagger with feature groups): unknown flags are refused */
    if (blob[0] == 2) {
        blob[4] ^= (char)0x80;
        assert_int_equal(tagger_load((const uint8_t *)blob, n, &t, msg, sizeof msg), -1);
        assert_non_null(strstr(msg, "flags"));
        assert_null(t);
        blob[4] ^= (char)0x80;
    }
    blob[0] ^= 1;   /* version */
    assert_int_equal(tagger_load((const uint8_t *)blob, n, &t, msg, sizeof msg), -1);
    free(blob);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentence),
        cmocka_unit_test(test_gum_dev_accuracy),
        cmocka_unit_test(test_load_corrupt),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
