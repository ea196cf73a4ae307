/* Parser tests: transition system and oracle (no model needed), the parser
 * of the model that ships (models/coref.model, never a freshly trained
 * build/model/parser.bin), and rejection of corrupt PARS sections. */
#include "check.h"
#include "coref.h"
#include "core/doc.h"
#include "core/tagset.h"
#include "io/conllu.h"
#include "ml/modelfile.h"
#include "ml/perceptron.h"
#include "parse/arc.h"
#include "parse/parser.h"

/* 1 when head[0..n) (-1 root, else 0..n-1) is a tree: one root, no cycles. */
static int is_tree(const int32_t *head, uint32_t n)
{
    uint32_t roots = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (head[i] == -1) { roots++; continue; }
        if (head[i] < 0 || (uint32_t)head[i] >= n || (uint32_t)head[i] == i) return 0;
    }
    if (roots != 1) return 0;
    for (uint32_t i = 0; i < n; i++) {   /* walk up: must reach the root within n steps */
        int32_t x = (int32_t)i;
        uint32_t steps = 0;
        while (x != -1 && steps <= n) { x = head[x]; steps++; }
        if (x != -1) return 0;
    }
    return 1;
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Random legal transition sequences always end in a well-formed tree. */
static void test_random_transitions_make_trees(void **state)
{
    (void)state;
    static const uint32_t lens[] = {1, 2, 3, 7, 40, 500};
    ps_state st;
    memset(&st, 0, sizeof st);
    int32_t head[500];
    for (size_t li = 0; li < sizeof lens / sizeof *lens; li++) {
        uint32_t n = lens[li];
        assert_int_equal(ps_state_reserve(&st, n), 0);
        for (int rep = 0; rep < 20; rep++) {
            ps_state_init(&st, n);
            size_t steps = 0;
            while (!ps_terminal(&st)) {
                unsigned legal = ps_legal(&st);
                assert_true(legal != 0);
                int t;
                do t = (int)(next_rand() % PS_NTRANS); while (!(legal >> t & 1));
                ps_apply(&st, t, DEP_DEP);
                assert_true(++steps <= 2 * (size_t)n);
            }
            assert_int_equal(steps, 2 * (size_t)n);
            for (uint32_t i = 0; i < n; i++) head[i] = st.head[i] == (int32_t)n ? -1 : st.head[i];
            assert_true(is_tree(head, n));
        }
    }
    ps_state_free(&st);
}

/* Following zero-cost transitions rebuilds a projective gold tree exactly,
 * and the optimal transition always has cost 0. */
static void test_oracle_projective(void **state)
{
    (void)state;
    /* "The president said he would visit Moscow ." (ROOT = 8) */
    const int32_t gold[] = {1, 2, 8, 5, 5, 2, 5, 2};
    const uint32_t n = 8;
    ps_state st;
    memset(&st, 0, sizeof st);
    assert_int_equal(ps_state_reserve(&st, n), 0);
    for (int rep = 0; rep < 30; rep++) {
        ps_state_init(&st, n);
        while (!ps_terminal(&st)) {
            int cost[PS_NTRANS], zero[PS_NTRANS], nz = 0;
            ps_costs(&st, gold, cost);
            for (int t = 0; t < PS_NTRANS; t++)
                if (cost[t] == 0) zero[nz++] = t;
            assert_true(nz > 0);
            ps_apply(&st, zero[next_rand() % (uint64_t)nz], DEP_DEP);
        }
        for (uint32_t i = 0; i < n; i++) assert_int_equal(st.head[i], gold[i]);
    }
    /* A wrong move costs exactly the gold arcs it loses: shifting past
     * "The" when it should attach to "president" costs 1. */
    ps_state_init(&st, n);
    ps_apply(&st, PS_SHIFT, 0);  /* The */
    ps_apply(&st, PS_SHIFT, 0);  /* president; "The" now lost its head */
    int cost[PS_NTRANS];
    ps_costs(&st, gold, cost);
    assert_int_equal(cost[PS_RIGHT], 1);   /* president under The: loses president->said */
    ps_state_free(&st);
}

/* Build a PARS section from a tiny trained model (no data needed), trained
 * with the given PS_F_* template groups. */
static uint8_t *tiny_section_groups(size_t *len, unsigned groups)
{
    pc_train *tr = pc_train_new(PS_NTRANS), *lab = pc_train_new(DEP_COUNT);
    assert_non_null(tr);
    assert_non_null(lab);
    uint64_t f[3] = {11, 22, 33};
    pc_train_update(tr, f, 3, PS_SHIFT, PS_LEFT);
    pc_train_tick(tr);
    pc_train_update(lab, f, 3, DEP_NSUBJ, DEP_OBJ);
    pc_train_tick(lab);
    mf_writer w;
    mf_writer_init(&w);
    parser_write_section(&w, groups, tr, lab, 0, 0);
    assert_false(w.err);
    pc_train_free(tr);
    pc_train_free(lab);
    uint8_t *p = malloc(w.n);
    assert_non_null(p);
    memcpy(p, w.p, w.n);
    *len = w.n;
    mf_writer_free(&w);
    return p;
}

static uint8_t *tiny_section(size_t *len) { return tiny_section_groups(len, 0); }

/* A doc of space-separated tokens with given XPOS/UPOS names, one sentence. */
static struct coref_doc *make_doc(const char *const *words, const char *const *xpos,
                                  const char *const *upos, size_t n)
{
    struct coref_doc *d = calloc(1, sizeof *d);
    assert_non_null(d);
    size_t len = 0;
    for (size_t i = 0; i < n; i++) len += strlen(words[i]) + 1;
    d->text = malloc(len + 1);
    assert_non_null(d->text);
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(words[i]);
        memcpy(d->text + pos, words[i], l);
        assert_int_equal(doc_add_token(d, (uint32_t)pos, (uint32_t)(pos + l)), 0);
        d->toks[i].xpos = (uint8_t)xpos_from_name(xpos[i], strlen(xpos[i]));
        d->toks[i].upos = (uint8_t)upos_from_name(upos[i], strlen(upos[i]));
        pos += l;
        d->text[pos++] = ' ';
    }
    d->text[pos] = 0;
    d->len = pos;
    assert_int_equal(doc_add_sentence(d, 0, (uint32_t)n), 0);
    return d;
}

static void free_doc(struct coref_doc *d)
{
    doc_free_layers(d);
    free(d);
}

static void test_corrupt_rejected(void **state)
{
    (void)state;
    size_t len;
    uint8_t *sec = tiny_section(&len);
    struct parser *p = NULL;
    char msg[256];
    assert_int_equal(parser_load(sec, len, &p, msg, sizeof msg), 0);
    assert_non_null(p);
    /* Even a nearly empty model yields trees. */
    const char *w[] = {"a", "b", "c"}, *x[] = {"DT", "NN", "VBZ"}, *u[] = {"DET", "NOUN", "VERB"};
    struct coref_doc *d = make_doc(w, x, u, 3);
    parser_parse(p, d);
    int32_t h[3];
    for (int i = 0; i < 3; i++) h[i] = d->toks[i].head;
    assert_true(is_tree(h, 3));
    free_doc(d);
    parser_free(p);
    /* Every truncation fails cleanly. */
    for (size_t k = 0; k < len; k++) {
        p = (struct parser *)1;
        msg[0] = 0;
        assert_int_equal(parser_load(sec, k, &p, msg, sizeof msg), -1);
        assert_null(p);
        assert_true(msg[0] != 0);
    }
    /* Unknown format version: a clear message. */
    assert_true(len > 16);
    uint8_t *bad = malloc(len + 16);
    assert_non_null(bad);
    memcpy(bad, sec, len);
    const uint32_t v99 = 99;
    memcpy(bad + 4, &v99, sizeof v99);   /* little-endian hosts; enough for a test */
    assert_int_equal(parser_load(bad, len, &p, msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "version"));
    /* Flipped bytes anywhere: no crash (accept or reject). */
    for (size_t k = 0; k < len; k++) {
        memcpy(bad, sec, len);
        bad[k] ^= 0xA5;
        p = NULL;
        if (parser_load(bad, len, &p, msg, sizeof msg) == 0) parser_free(p);
    }
    /* Trailing garbage is rejected too. */
    uint8_t *longer = malloc(len + 4);
    assert_non_null(longer);
    memcpy(longer, sec, len);
    memset(longer + len, 0, 4);
    assert_int_equal(parser_load(longer, len + 4, &p, msg, sizeof msg), -1);
    free(longer);
    free(bad);
    free(sec);
}


/* Feature groups: recorded in the section, read back, unknown bits
 * rejected; each group adds templates (clusters only with cluster paths),
 * the original ones come first and unchanged, and a cluster-trained parser
 * in a model without a CLUS section is refused at load. */
static void test_feature_groups(void **state)
{
    (void)state;
    size_t len;
    char msg[256];
    struct parser *p = NULL;
    uint8_t *sec = tiny_section_groups(&len, PS_F_CLUS | PS_F_RICH);
    assert_int_equal(parser_load(sec, len, &p, msg, sizeof msg), 0);
    assert_int_equal(parser_groups(p), PS_F_CLUS | PS_F_RICH);
    assert_true(parser_needs_clusters(p));
    /* without clusters given it still parses (every word "no cluster") */
    const char *w[] = {"a", "b", "c"}, *x[] = {"DT", "NN", "VBZ"}, *u[] = {"DET", "NOUN", "VERB"};
    struct coref_doc *d = make_doc(w, x, u, 3);
    parser_parse(p, d);
    int32_t h[3];
    for (int i = 0; i < 3; i++) h[i] = d->toks[i].head;
    assert_true(is_tree(h, 3));
    free_doc(d);
    parser_free(p);
    /* a model file with this parser and no CLUS section does not load */
    {
        mf_section ms[1];
        memcpy(ms[0].tag, PARSER_SECTION, 5);
        ms[0].version = 1;
        ms[0].data = sec;
        ms[0].size = len;
        char *buf = NULL;
        size_t blen = 0;
        FILE *f = open_memstream(&buf, &blen);
        assert_non_null(f);
        assert_int_equal(mf_write(f, ms, 1), 0);
        assert_int_equal(fclose(f), 0);
        coref_model *m = NULL;
        coref_error err;
        memset(&err, 0, sizeof err);
        assert_int_equal(coref_model_load_memory(buf, blen, &m, &err), COREF_ERR_MODEL);
        assert_null(m);
        assert_non_null(strstr(err.message, "clusters"));
        free(buf);
    }
    /* group bits this build does not know are rejected */
    const uint32_t unknown = PARSER_FEATURE_SET | (uint32_t)(PS_F_ALL + 1) << 8;
    memcpy(sec + 8, &unknown, sizeof unknown);   /* little-endian hosts; enough for a test */
    p = (struct parser *)1;
    assert_int_equal(parser_load(sec, len, &p, msg, sizeof msg), -1);
    assert_null(p);
    assert_non_null(strstr(msg, "feature set"));
    free(sec);
    sec = tiny_section_groups(&len, 0);
    assert_int_equal(parser_load(sec, len, &p, msg, sizeof msg), 0);
    assert_int_equal(parser_groups(p), 0);
    assert_false(parser_needs_clusters(p));
    parser_free(p);
    free(sec);

    /* the templates of a mid-parse configuration, group by group */
    enum { N = 6 };
    uint64_t word[N + 1] = {11, 22, 33, 44, 55, 66, 0};
    uint8_t up[N + 1] = {1, 2, 3, 4, 5, 6, 0}, xp[N + 1] = {1, 2, 3, 4, 5, 6, 0};
    uint32_t cl[N + 1] = {0x5u | 4u << 16, 0x1234u | 16u << 16, PS_CLUS_NONE, 0x3ffu | 10u << 16, 0x1u | 1u << 16,
                          0xbeefu | 16u << 16, 0};
    ps_sent s = {N, word, up, xp, NULL};
    ps_state st;
    memset(&st, 0, sizeof st);
    assert_int_equal(ps_state_reserve(&st, N), 0);
    ps_state_init(&st, N);
    ps_apply(&st, PS_SHIFT, 0);
    ps_apply(&st, PS_SHIFT, 0);
    ps_apply(&st, PS_LEFT, DEP_DET);   /* 2 -> 1 */
    ps_apply(&st, PS_SHIFT, 0);
    ps_apply(&st, PS_SHIFT, 0);
    uint64_t f0[PS_MAX_FEATS], f1[PS_MAX_FEATS];
    size_t n0 = ps_features(&st, &s, 0, f0);
    assert_true(n0 > 0 && n0 <= PS_MAX_FEATS);
    /* no cluster paths: no cluster templates */
    assert_int_equal(ps_features(&st, &s, PS_F_CLUS | PS_F_CLUS_X, f1), n0);
    size_t nr = ps_features(&st, &s, PS_F_RICH, f1);
    assert_true(nr > n0);
    assert_memory_equal(f0, f1, (n0 - 1) * sizeof *f0);   /* the original templates first, then the bias */
    assert_true(f1[nr - 1] == f0[n0 - 1]);
    s.clus = cl;
    size_t nc = ps_features(&st, &s, PS_F_CLUS, f1), nx = ps_features(&st, &s, PS_F_CLUS | PS_F_CLUS_X, f1);
    assert_true(nc > n0 && nx > nc);
    size_t na = ps_features(&st, &s, PS_F_ALL, f1);
    assert_true(na <= PS_MAX_FEATS);
    assert_int_equal(na, nx + (nr - n0) + (ps_features(&st, &s, PS_F_RICH | PS_F_RICH_X, f1) - nr));
    /* another cluster for s0 (word 3) changes the cluster templates only */
    uint64_t g0[PS_MAX_FEATS], g1[PS_MAX_FEATS];
    ps_features(&st, &s, 0, g0);
    ps_features(&st, &s, PS_F_CLUS, f0);
    cl[3] = 0x3feu | 10u << 16;
    ps_features(&st, &s, 0, g1);
    assert_memory_equal(g0, g1, n0 * sizeof *g0);
    ps_features(&st, &s, PS_F_CLUS, f1);
    assert_memory_not_equal(f0, f1, nc * sizeof *f0);
    /* ps_features = each role's templates, then the context ones (the
     * parser caches the role parts per word) */
    for (unsigned g = 0; g <= PS_F_ALL; g++) {
        size_t n = ps_features(&st, &s, g, f0), k = 0;
        for (int r = 0; r < PS_NROLES; r++) {
            size_t nrf = ps_role_features(&st, &s, g, r, ps_role_pos(&st, r), f1 + k);
            assert_true(nrf <= PS_MAX_RFEATS);
            k += nrf;
        }
        k += ps_context_features(&st, &s, g, f1 + k);
        assert_int_equal(k, n);
        assert_memory_equal(f0, f1, n * sizeof *f0);
    }
    assert_int_equal(ps_role_pos(&st, PS_R_S0), 3);
    assert_int_equal(ps_role_pos(&st, PS_R_S2), 0);
    assert_int_equal(ps_role_pos(&st, PS_R_B0), 4);
    assert_int_equal(ps_role_pos(&st, PS_R_B2), N);   /* ROOT */
    uint64_t lf[PS_MAX_LFEATS];
    size_t l0 = ps_label_features(&st, &s, 0, 1, 0, lf), la = ps_label_features(&st, &s, PS_F_ALL, 1, 0, lf);
    assert_true(l0 > 0 && la > l0 && la <= PS_MAX_LFEATS);
    ps_state_free(&st);
}

/* pc_model_add over parts of a feature list, times pc_model_scale, gives
 * pc_model_scores of the whole list exactly (dense and sparse rows). */
static void test_split_scores(void **state)
{
    (void)state;
    for (int dense = 0; dense < 2; dense++) {
        uint32_t nc = dense ? PS_NTRANS : DEP_COUNT;
        pc_train *tr = pc_train_new(nc);
        assert_non_null(tr);
        uint64_t f[12];
        for (int i = 0; i < 12; i++) f[i] = 0x9e3779b97f4a7c15ull * (uint64_t)(i + 1);
        for (int i = 0; i < 200; i++) {
            pc_train_update(tr, f + i % 7, 5, (uint32_t)(i * 7 % nc), (uint32_t)(i * 3 % nc));
            pc_train_tick(tr);
        }
        mf_writer w;
        mf_writer_init(&w);
        pc_train_save(tr, &w, 0);
        assert_false(w.err);
        mf_reader r;
        mf_reader_init(&r, w.p, w.n);
        pc_model *m = NULL;
        assert_int_equal(pc_model_load(&r, &m), 0);
        float whole[DEP_COUNT], split[DEP_COUNT];
        int32_t acc[DEP_COUNT] = {0}, part[DEP_COUNT] = {0};
        pc_model_scores(m, f, 12, whole);
        pc_model_add(m, f, 4, part);
        pc_model_add(m, f + 4, 8, acc);
        int nonzero = 0;
        for (uint32_t c = 0; c < nc; c++) {
            split[c] = (float)(acc[c] + part[c]) * pc_model_scale(m);
            nonzero |= whole[c] != 0;
        }
        assert_true(nonzero);
        assert_memory_equal(whole, split, nc * sizeof *whole);
        pc_model_free(m);
        mf_writer_free(&w);
        pc_train_free(tr);
    }
}

/* The PARS section of the committed models/coref.model; a model without
 * one fails. Caller frees both. */
static struct parser *load_model(uint8_t **blob)
{
    size_t n = 0, fn = 0, nsec = 0;
    char *file = test_read_file("models/coref.model", &fn);
    assert_non_null(file);
    mf_section secs[MF_MAX_SECTIONS];
    char msg[256];
    const mf_section *sec = NULL;
    if (mf_open((const uint8_t *)file, fn, secs, &nsec, msg, sizeof msg) == 0) sec = mf_find(secs, nsec, PARSER_SECTION);
    if (sec && (*blob = malloc(sec->size ? sec->size : 1)) != NULL) {
        memcpy(*blob, sec->data, sec->size);
        n = sec->size;
    }
    free(file);
    assert_non_null(sec);
    assert_non_null(*blob);
    struct parser *p = NULL;
    if (parser_load(*blob, n, &p, msg, sizeof msg) != 0) {
        print_error("models/coref.model: %s\n", msg);
        free(*blob);
        fail();
    }
    return p;
}

static void test_model_example(void **state)
{
    (void)state;
    REQUIRE_DATA("ud/en_ewt-ud-dev.conllu");
    uint8_t *blob;
    struct parser *p = load_model(&blob);
    const char *w[] = {"The", "president", "said", "he", "would", "visit", "Moscow", "."};
    const char *x[] = {"DT", "NN", "VBD", "PRP", "MD", "VB", "NNP", "."};
    const char *u[] = {"DET", "NOUN", "VERB", "PRON", "AUX", "VERB", "PROPN", "PUNCT"};
    struct coref_doc *d = make_doc(w, x, u, 8);
    parser_parse(p, d);
    assert_int_equal(d->toks[1].head, 2);
    assert_int_equal(d->toks[1].deprel, DEP_NSUBJ);
    assert_int_equal(d->toks[2].head, -1);
    assert_int_equal(d->toks[2].deprel, DEP_ROOT);
    assert_int_equal(d->toks[3].head, 5);
    assert_int_equal(d->toks[3].deprel, DEP_NSUBJ);
    assert_int_equal(d->toks[5].deprel, DEP_CCOMP);
    free_doc(d);

    /* 1-token and 500-token sentences in one document. */
    const char *ww[] = {"word", "the", "and", "saw", ",", "."};
    const char *xx[] = {"NN", "DT", "CC", "VBD", ",", "."};
    const char *uu[] = {"NOUN", "DET", "CCONJ", "VERB", "PUNCT", "PUNCT"};
    const char *W[501], *X[501], *U[501];
    for (int i = 0; i < 501; i++) {
        int k = (int)(next_rand() % 6);
        W[i] = ww[k];
        X[i] = xx[k];
        U[i] = uu[k];
    }
    d = make_doc(W, X, U, 501);
    d->sents[0].tok_end = 1;
    assert_int_equal(doc_add_sentence(d, 1, 501), 0);
    parser_parse(p, d);
    assert_int_equal(d->toks[0].head, -1);
    assert_int_equal(d->toks[0].deprel, DEP_ROOT);
    int32_t h[500];
    for (int i = 0; i < 500; i++) {
        h[i] = d->toks[1 + i].head < 0 ? -1 : d->toks[1 + i].head - 1;
        assert_true(d->toks[1 + i].deprel > 0 && d->toks[1 + i].deprel < DEP_COUNT);
    }
    assert_true(is_tree(h, 500));
    free_doc(d);
    parser_free(p);
    free(blob);
}

/* UAS and LAS on the first 400 sentences of EWT dev with gold tags stay
 * above floors about half a point under the shipped model's scores. */
static void test_model_las_floor(void **state)
{
    (void)state;
    REQUIRE_DATA("ud/en_ewt-ud-dev.conllu");
    uint8_t *blob;
    struct parser *p = load_model(&blob);
    char path[1024];
    snprintf(path, sizeof path, "%s/ud/en_ewt-ud-dev.conllu", test_data_dir());
    conllu_corpus *c = NULL;
    coref_error err;
    assert_int_equal(conllu_read_file(path, &c, &err), 0);
    size_t nsent = c->nsent < 400 ? c->nsent : 400;
    ps_state st;
    memset(&st, 0, sizeof st);
    uint64_t word[512];
    uint8_t up[512], xp[512], rel[512];
    int32_t head[512];
    size_t tot = 0, ua = 0, la = 0;
    for (size_t k = 0; k < nsent; k++) {
        const conllu_sent *s = &c->sents[k];
        size_t n = s->word_end - s->word_begin;
        if (n == 0 || n >= 512) continue;
        for (size_t i = 0; i < n; i++) {
            const conllu_word *w = &c->words[s->word_begin + i];
            word[i] = ps_word_hash(w->form, w->form_len);
            up[i] = w->upos;
            xp[i] = w->xpos;
        }
        ps_sent ps = {(uint32_t)n, word, up, xp, NULL};
        assert_int_equal(parser_parse_sent(p, &ps, &st, head, rel), 0);
        assert_true(is_tree(head, (uint32_t)n));
        for (size_t i = 0; i < n; i++) {
            const conllu_word *w = &c->words[s->word_begin + i];
            tot++;
            if (head[i] == w->head) {
                ua++;
                la += rel[i] == w->deprel;
            }
        }
    }
    double uas = 100.0 * ua / tot, las = 100.0 * la / tot;
    print_message("EWT dev first %zu sentences: UAS %.2f LAS %.2f\n", nsent, uas, las);
    assert_true(uas > 84.3);   /* measured 84.80 (models/coref.model with clusters, 2026-11-26; 85.27 before) */
    assert_true(las > 81.9);   /* measured 82.43 (82.81 before) */
    ps_state_free(&st);
    conllu_free(c);
    parser_free(p);
    free(blob);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_transitions_make_trees),
        cmocka_unit_test(test_oracle_projective),
        cmocka_unit_test(test_corrupt_rejected),
        cmocka_unit_test(test_feature_groups),
        cmocka_unit_test(test_split_scores),
        cmocka_unit_test(test_model_example),
        cmocka_unit_test(test_model_las_floor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
