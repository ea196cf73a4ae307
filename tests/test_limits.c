/* Input-shape limits (README "Limits"): a sentence of raw text has at most
 * 256 tokens, a longer given sentence is parsed in chunks that keep one
 * root, mentions nest at most 12 deep; text inside the limits is untouched.
 * These are the rules that keep every stage linear in the input. */
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "coref.h"

#define MAX_SENT 256   /* DOC_MAX_SENT_TOKENS in src/core/doc.h */
#define MAX_DEPTH 12   /* MAX_MENTION_DEPTH in src/mention/mention.c */

EMBEDDED_MODEL_FIXTURE

/* `n` copies of `word` joined by spaces (caller frees). */
static char *repeat(const char *word, size_t n, size_t *len)
{
    size_t w = strlen(word);
    char *s = malloc(n * (w + 1) + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++) {
        memcpy(s + i * (w + 1), word, w);
        s[i * (w + 1) + w] = ' ';
    }
    *len = n * (w + 1);
    s[*len] = 0;
    return s;
}

static coref_doc *analyze(const char *text, size_t len)
{
    coref_doc *d = NULL;
    coref_error err;
    if (coref_doc_analyze(model, text, len, NULL, &d, &err) != COREF_OK) {
        print_error("analyze failed: %s\n", err.message);
        fail();
    }
    return d;
}

/* Sentence i's token range [*b, *e). */
static void sent_tokens(const coref_doc *d, size_t i, size_t *b, size_t *e)
{
    size_t n = coref_doc_token_count(d);
    *b = *e = 0;
    size_t k = 0;
    while (k < n) {
        coref_token t;
        assert_int_equal(coref_doc_token(d, k, &t), COREF_OK);
        if (t.sentence == i) break;
        k++;
    }
    *b = k;
    while (k < n) {
        coref_token t;
        assert_int_equal(coref_doc_token(d, k, &t), COREF_OK);
        if (t.sentence != i) break;
        k++;
    }
    *e = k;
}

/* Deepest nesting of the document's mentions (mentions covering one token). */
static size_t max_nesting(const coref_doc *d)
{
    size_t ntok = coref_doc_token_count(d), best = 0;
    size_t *cover = calloc(ntok + 1, sizeof *cover);
    assert_non_null(cover);
    for (size_t i = 0; i < coref_doc_mention_count(d); i++) {
        coref_mention m;
        assert_int_equal(coref_doc_mention(d, i, &m), COREF_OK);
        for (size_t t = m.tok_start; t < m.tok_end; t++)
            if (++cover[t] > best) best = cover[t];
    }
    free(cover);
    return best;
}

static void test_long_line_split_into_bounded_sentences(void **state)
{
    (void)state;
    size_t len;
    char *text = repeat("word", 3000, &len);
    coref_doc *d = analyze(text, len);
    size_t ns = coref_doc_sentence_count(d), covered = 0;
    assert_true(ns >= 3000 / MAX_SENT);
    for (size_t i = 0; i < ns; i++) {
        size_t b, e;
        sent_tokens(d, i, &b, &e);
        assert_int_equal(b, covered);      /* sentences tile the tokens, in order */
        assert_true(e - b >= 1 && e - b <= MAX_SENT);
        covered = e;
    }
    assert_int_equal(covered, coref_doc_token_count(d));
    assert_true(max_nesting(d) <= MAX_DEPTH);
    /* nothing is lost: the resolved text is the input */
    char *out = NULL;
    size_t n = 0;
    assert_int_equal(coref_doc_resolve(d, NULL, &out, &n), COREF_OK);
    assert_int_equal(n, len);
    assert_memory_equal(out, text, len);
    coref_free(out);
    coref_doc_free(d);
    free(text);
}

static void test_cut_after_clause_punctuation(void **state)
{
    (void)state;
    /* 200 words, a comma, 200 words: the cut falls right after the comma */
    char text[4096];
    size_t n = 0;
    for (int i = 0; i < 200; i++) n += (size_t)snprintf(text + n, sizeof text - n, "word ");
    n += (size_t)snprintf(text + n, sizeof text - n, "then, ");
    for (int i = 0; i < 200; i++) n += (size_t)snprintf(text + n, sizeof text - n, "word ");
    coref_doc *d = analyze(text, n);
    assert_int_equal(coref_doc_sentence_count(d), 2);
    size_t b, e;
    sent_tokens(d, 0, &b, &e);
    assert_int_equal(e, 202);               /* 200 words, "then", "," */
    coref_token t;
    assert_int_equal(coref_doc_token(d, e - 1, &t), COREF_OK);
    assert_memory_equal(text + t.start, ",", 1);
    coref_doc_free(d);
}

static void test_sentence_within_limit_untouched(void **state)
{
    (void)state;
    size_t len;
    char *text = repeat("word", MAX_SENT, &len);
    coref_doc *d = analyze(text, len);
    assert_int_equal(coref_doc_sentence_count(d), 1);
    coref_doc_free(d);
    free(text);
}

static void test_given_long_sentence_parsed_in_chunks(void **state)
{
    (void)state;
    enum { N = 1000 };
    static const char *const words[] = {"the", "man", "said", "he", "saw", "it", "and", "word"};
    const char *toks[N];
    size_t lens[N];
    for (size_t i = 0; i < N; i++) {
        toks[i] = words[(i * 7 + i / 3) % 8];
        lens[i] = strlen(toks[i]);
    }
    coref_doc *d = NULL;
    coref_error err;
    assert_int_equal(coref_doc_analyze_tokens(model, toks, lens, NULL, N, NULL, &d, &err), COREF_OK);
    assert_int_equal(coref_doc_sentence_count(d), 1);   /* the given sentence stays one */
    size_t roots = 0;
    for (size_t i = 0; i < N; i++) {
        coref_token t;
        assert_int_equal(coref_doc_token(d, i, &t), COREF_OK);
        if (t.head < 0) { roots++; continue; }
        /* a dependent is in its head's chunk, or is a chunk root tied by parataxis */
        if ((size_t)t.head / MAX_SENT != i / MAX_SENT) assert_string_equal(t.deprel, "parataxis");
    }
    assert_int_equal(roots, 1);
    assert_true(max_nesting(d) <= MAX_DEPTH);
    coref_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_line_split_into_bounded_sentences),
        cmocka_unit_test(test_cut_after_clause_punctuation),
        cmocka_unit_test(test_sentence_within_limit_untouched),
        cmocka_unit_test(test_given_long_sentence_parsed_in_chunks),
    };
    return cmocka_run_group_tests(tests, model_setup, model_teardown);
}
