/* Public API: model loading, error codes, bad input, empty input. */
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "coref.h"

EMBEDDED_MODEL_FIXTURE

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

/* ------------------------------------------------ emoji and symbols */

/* The emoji and symbols the tests insert, longest first (a ZWJ sequence
 * before its parts). */
static const char *const test_symbols[] = {
    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb",  /* woman technologist (ZWJ) */
    "\xf0\x9f\x87\xba\xf0\x9f\x87\xb8",              /* flag US */
    "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",              /* thumbs up, medium skin */
    "1\xef\xb8\x8f\xe2\x83\xa3",                     /* keycap 1 */
    "\xe2\x9d\xa4\xef\xb8\x8f",                      /* red heart + VS16 */
    "\xf0\x9f\x8e\xa4", "\xf0\x9f\x98\x80", "\xf0\x9f\x8e\x89",  /* microphone, grin, party */
    "\xe2\x84\xa2", "\xe2\x98\x85", "\xe2\x86\x92", "\xc2\xa9",  /* TM star arrow (c) */
    NULL};

/* Copy of s without the test symbols, each with one space before it. */
static void strip_symbols(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    while (*s && n + 1 < cap) {
        size_t skip = 0;
        for (int k = 0; test_symbols[k] && !skip; k++) {
            size_t l = strlen(test_symbols[k]);
            if (strncmp(s, test_symbols[k], l) == 0) skip = l;
            else if (s[0] == ' ' && strncmp(s + 1, test_symbols[k], l) == 0) skip = l + 1;
        }
        if (skip) { s += skip; continue; }
        out[n++] = *s++;
    }
    out[n] = 0;
}

static int is_test_symbol(const char *s, size_t n)
{
    for (int k = 0; test_symbols[k]; k++)
        if (strlen(test_symbols[k]) == n && memcmp(test_symbols[k], s, n) == 0) return 1;
    return 0;
}

/* Emoji between or glued to words change nothing else: the other tokens
 * keep their tags and tree, the mentions and clusters correspond, and the
 * resolved text is the plain one with the emoji in place. Each plain text
 * gets a replacement, so equal outputs cannot come from none. */
static void test_emoji_do_not_disturb_analysis(void **state)
{
    (void)state;
    static const struct { const char *plain, *emoji; } cases[] = {
        /* (not "Taylor Swift": the NLTK name lists have Taylor as a man's
         * name only, so once the tagger reads "Taylor" as a name, "She"
         * cannot take it up) */
        {"Serena Williams arrived. She was ready.", "Serena Williams \xf0\x9f\x8e\xa4 arrived. She was ready."},
        {"Sergei Lavrov arrived. He said he was ready.", "Sergei Lavrov arrived. He\xf0\x9f\x98\x80 said he was ready."},
        {"Barack Obama spoke. He left.", "Barack Obama\xe2\x84\xa2 spoke. He\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd left."},
        {"Angela Merkel won! She thanked her voters.",
         "Angela Merkel won! \xf0\x9f\x8e\x89 She thanked \xe2\x9d\xa4\xef\xb8\x8f her voters."},
        {"Angela Merkel met officials. She said one thing.",
         "Angela \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb Merkel met \xf0\x9f\x87\xba\xf0\x9f\x87\xb8 officials. "
         "She said 1\xef\xb8\x8f\xe2\x83\xa3 one thing."},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        coref_doc *dp = NULL, *de = NULL;
        coref_error err;
        assert_int_equal(coref_doc_analyze(model, cases[c].plain, strlen(cases[c].plain), NULL, &dp, &err), COREF_OK);
        assert_int_equal(coref_doc_analyze(model, cases[c].emoji, strlen(cases[c].emoji), NULL, &de, &err), COREF_OK);
        char *rp = NULL, *re = NULL, stripped[512], plain_m[128], emoji_m[128];
        coref_options every = coref_default_options();
        every.min_confidence = 0;   /* the replacements themselves, whatever their confidence */
        assert_int_equal(coref_doc_resolve(dp, &every, &rp, NULL), COREF_OK);
        assert_int_equal(coref_doc_resolve(de, &every, &re, NULL), COREF_OK);
        strip_symbols(re, stripped, sizeof stripped);
        if (strcmp(rp, cases[c].plain) == 0 || strcmp(stripped, rp) != 0) {
            print_error("case %zu: plain resolves to '%s', with emoji to '%s'\n", c, rp, re);
            fail();
        }
        /* tokens: the emoji text's tokens minus its symbols are the plain
         * text's tokens, with the same tags and (mapped) heads */
        size_t np = coref_doc_token_count(dp), ne = coref_doc_token_count(de), map[64], k = 0;
        assert_true(ne < 64 && np <= ne);
        for (size_t i = 0; i < ne; i++) {
            coref_token t;
            coref_doc_token(de, i, &t);
            if (is_test_symbol(cases[c].emoji + t.start, t.end - t.start)) {
                assert_string_equal(t.upos, "SYM");
                map[i] = (size_t)-1;
            } else {
                map[i] = k++;
            }
        }
        assert_int_equal(k, np);
        for (size_t i = 0; i < ne; i++) {
            if (map[i] == (size_t)-1) continue;
            coref_token a, b;
            coref_doc_token(de, i, &a);
            coref_doc_token(dp, map[i], &b);
            assert_int_equal(a.end - a.start, b.end - b.start);
            assert_memory_equal(cases[c].emoji + a.start, cases[c].plain + b.start, a.end - a.start);
            assert_string_equal(a.upos, b.upos);
            assert_string_equal(a.xpos, b.xpos);
            assert_string_equal(a.deprel, b.deprel);
            assert_int_equal(a.head < 0 ? -1 : (long)map[a.head], b.head);
        }
        /* mentions: same spans (symbols left out) and clusters */
        assert_int_equal(coref_doc_mention_count(de), coref_doc_mention_count(dp));
        assert_true(coref_doc_cluster_count(dp) > 0);
        assert_int_equal(coref_doc_cluster_count(de), coref_doc_cluster_count(dp));
        for (size_t m = 0; m < coref_doc_mention_count(dp); m++) {
            coref_mention a, b;
            coref_doc_mention(de, m, &a);
            coref_doc_mention(dp, m, &b);
            snprintf(emoji_m, sizeof emoji_m, "%.*s", (int)(a.end - a.start), cases[c].emoji + a.start);
            snprintf(plain_m, sizeof plain_m, "%.*s", (int)(b.end - b.start), cases[c].plain + b.start);
            strip_symbols(emoji_m, stripped, sizeof stripped);
            assert_string_equal(stripped, plain_m);
            assert_false(is_test_symbol(cases[c].emoji + a.start, 4) || is_test_symbol(cases[c].emoji + a.end - 4, 4));
            assert_int_equal(a.cluster, b.cluster);
            assert_string_equal(a.kind, b.kind);
            assert_string_equal(a.entity, b.entity);
        }
        coref_free(rp);
        coref_free(re);
        coref_doc_free(dp);
        coref_doc_free(de);
    }
}

/* One token per emoji sequence (ZWJ sequence, flag, skin tone, keycap,
 * variation selector), also glued to a word; exact byte offsets; tagged
 * SYM by rule (NFP, SYM for a math symbol) and attached to the root. */
static void test_emoji_sequences_are_single_tokens(void **state)
{
    (void)state;
    const char *text = "She\xf0\x9f\x98\x80 said \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb "
                       "\xf0\x9f\x87\xba\xf0\x9f\x87\xb8\xf0\x9f\x87\xac\xf0\x9f\x87\xa7 "
                       "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd #\xef\xb8\x8f\xe2\x83\xa3 \xe2\x9d\xa4\xef\xb8\x8f "
                       "\xe2\x98\x85\xe2\x86\x92 it.";
    static const char *const want[] = {
        "She", "\xf0\x9f\x98\x80", "said", "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb",
        "\xf0\x9f\x87\xba\xf0\x9f\x87\xb8", "\xf0\x9f\x87\xac\xf0\x9f\x87\xa7", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
        "#\xef\xb8\x8f\xe2\x83\xa3", "\xe2\x9d\xa4\xef\xb8\x8f", "\xe2\x98\x85", "\xe2\x86\x92", "it", "."};
    size_t nwant = sizeof want / sizeof want[0];
    coref_doc *d = NULL;
    coref_error err;
    assert_int_equal(coref_doc_analyze(model, text, strlen(text), NULL, &d, &err), COREF_OK);
    assert_int_equal(coref_doc_token_count(d), nwant);
    assert_int_equal(coref_doc_sentence_count(d), 1);
    size_t pos = 0;
    long root = -1;
    for (size_t i = 0; i < nwant; i++) {
        coref_token t;
        assert_int_equal(coref_doc_token(d, i, &t), COREF_OK);
        const char *at = strstr(text + pos, want[i]);
        assert_non_null(at);
        assert_int_equal(t.start, (size_t)(at - text));
        assert_int_equal(t.end, t.start + strlen(want[i]));
        pos = t.end;
        if (t.head < 0) root = (long)i;
    }
    assert_int_equal(root, 2);   /* "said" */
    for (size_t i = 0; i < nwant; i++) {
        coref_token t;
        coref_doc_token(d, i, &t);
        int sym = i == 1 || (i >= 3 && i <= 10);
        if (!sym) {
            assert_string_not_equal(t.upos, "SYM");
            continue;
        }
        assert_string_equal(t.upos, "SYM");
        assert_string_equal(t.xpos, i == 10 ? "SYM" : "NFP");   /* the arrow is a math symbol */
        assert_string_equal(t.feats, "_");
        assert_int_equal(t.head, root);
        assert_string_equal(t.deprel, "discourse");
    }
    /* "She" and "it" are mentions of their own, without the emoji */
    coref_mention m;
    assert_int_equal(coref_doc_mention(d, 0, &m), COREF_OK);
    assert_int_equal(m.start, 0);
    assert_int_equal(m.end, 3);
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

/* JSON lists every edit of "resolved" (DESIGN.md): span, text, the name
 * written and the mention it came from, in code points. */
static void test_json_replacements(void **state)
{
    (void)state;
    const char *text = "Sergey Lavrov said his country is ready.";
    coref_doc *d = NULL;
    coref_error err;
    assert_int_equal(coref_doc_analyze(model, text, strlen(text), NULL, &d, &err), COREF_OK);
    char *json = NULL;
    size_t n = 0;
    /* "his" is replaced with --all only: its name stands earlier in the sentence */
    coref_options all = coref_default_options();
    all.all = 1;
    all.min_confidence = 0;
    assert_int_equal(coref_doc_render(d, COREF_FORMAT_JSON, &all, &json, &n), COREF_OK);
    const char *want = "{\"start\":19,\"end\":22,\"text\":\"his\",\"replacement\":\"Lavrov's\","
                       "\"antecedent\":[0,13],\"confidence\":";
    const char *at = strstr(json, want);
    if (!at) {
        print_error("want %s in\n%s\n", want, json);
        fail();
    }
    /* the shipped model scores every replacement: a probability */
    double conf = strtod(at + strlen(want), NULL);
    assert_true(conf > 0 && conf < 1);
    coref_free(json);
    /* a threshold above it leaves the mention as it is */
    all.min_confidence = conf + 0.001 > 1 ? 1 : conf + 0.001;
    assert_int_equal(coref_doc_render(d, COREF_FORMAT_JSON, &all, &json, &n), COREF_OK);
    assert_non_null(strstr(json, "\"replacements\": [],"));
    coref_free(json);
    assert_int_equal(coref_doc_render(d, COREF_FORMAT_JSON, NULL, &json, &n), COREF_OK);
    assert_non_null(strstr(json, "\"replacements\": [],"));
    coref_free(json);
    /* no edit, an empty list */
    coref_doc_free(d);
    text = "Nobody said anything.";
    assert_int_equal(coref_doc_analyze(model, text, strlen(text), NULL, &d, &err), COREF_OK);
    assert_int_equal(coref_doc_render(d, COREF_FORMAT_JSONL, NULL, &json, &n), COREF_OK);
    assert_non_null(strstr(json, "\"replacements\": []"));
    coref_free(json);
    coref_doc_free(d);
}

/* coref_doc_write: the pieces a sink receives are coref_doc_render's bytes,
 * in pieces of bounded size; a sink that fails stops the writing. */
typedef struct { char *p; size_t n, pieces, largest; int fail_after; } sink_buf;

static int collect_piece(const char *s, size_t n, void *user)
{
    sink_buf *b = user;
    if (b->fail_after >= 0 && b->pieces == (size_t)b->fail_after) return -1;
    char *q = realloc(b->p, b->n + n + 1);
    if (!q) return -1;
    memcpy(q + b->n, s, n);
    b->p = q;
    b->n += n;
    b->pieces++;
    if (n > b->largest) b->largest = n;
    return 0;
}

static void test_doc_write(void **state)
{
    (void)state;
    const char *para = "Sergey Lavrov met Rex Tillerson in Moscow. He said his country was ready. ";
    size_t pl = strlen(para), reps = 400;
    char *text = malloc(pl * reps + 1);
    for (size_t i = 0; i < reps; i++) memcpy(text + i * pl, para, pl);
    text[pl * reps] = 0;
    coref_doc *d = NULL;
    coref_error err;
    assert_int_equal(coref_doc_analyze(model, text, pl * reps, NULL, &d, &err), COREF_OK);
    coref_format fmts[] = {COREF_FORMAT_JSON, COREF_FORMAT_JSONL, COREF_FORMAT_CONLL, COREF_FORMAT_CONLLU,
                           COREF_FORMAT_HTML, COREF_FORMAT_TEXT};
    for (size_t k = 0; k < sizeof fmts / sizeof *fmts; k++) {
        char *whole = NULL;
        size_t n = 0;
        assert_int_equal(coref_doc_render(d, fmts[k], NULL, &whole, &n), COREF_OK);
        sink_buf b = {NULL, 0, 0, 0, -1};
        assert_int_equal(coref_doc_write(d, fmts[k], NULL, collect_piece, &b), COREF_OK);
        assert_int_equal(b.n, n);
        assert_memory_equal(b.p, whole, n);
        /* the large renderings (all but the resolved text) come in pieces
         * of about 64 KB, plus at most one field of the size of the text
         * (JSON's "text" and "resolved"): never whole in memory */
        if (fmts[k] != COREF_FORMAT_TEXT) {
            assert_true(n > 3 * 65536);
            assert_true(b.pieces > 2);
            assert_true(b.largest < 65536 + 2 * pl * reps);
        }
        free(b.p);
        coref_free(whole);
        sink_buf f = {NULL, 0, 0, 0, 1};   /* fails on its second piece */
        assert_int_equal(coref_doc_write(d, fmts[k], NULL, collect_piece, &f), fmts[k] == COREF_FORMAT_TEXT ? COREF_OK : COREF_ERR_IO);
        free(f.p);
    }
    assert_int_equal(coref_doc_write(d, COREF_FORMAT_JSON, NULL, NULL, NULL), COREF_ERR_ARG);
    assert_int_equal(coref_doc_write(NULL, COREF_FORMAT_JSON, NULL, collect_piece, NULL), COREF_ERR_ARG);
    coref_doc_free(d);
    free(text);
}

/* The model as a file: the committed (compact) model, decoded, and the
 * build's image, mapped and used in place, give the embedded model's output. */
static char *json_of(const coref_model *m, const char *text)
{
    coref_doc *d = NULL;
    coref_error err;
    char *s = NULL;
    if (coref_doc_analyze(m, text, strlen(text), NULL, &d, &err) != COREF_OK) return NULL;
    coref_doc_render(d, COREF_FORMAT_JSON, NULL, &s, NULL);
    coref_doc_free(d);
    return s;
}

static const char *image_path(void)
{
    static char path[512];
    const char *b = getenv("BUILD");
    snprintf(path, sizeof path, "%s/coref.img", b && *b ? b : "build");
    return path;
}

static void test_model_files(void **state)
{
    (void)state;
    const char *text = "Russian Foreign Minister Sergey Lavrov said his country is ready to work with the US.";
    char *want = json_of(model, text);
    assert_non_null(want);
    const char *paths[] = {"models/coref.model", image_path()};
    for (int i = 0; i < 2; i++) {
        coref_model *m = NULL;
        coref_error err;
        assert_int_equal(coref_model_load_file(paths[i], &m, &err), COREF_OK);
        char *got = json_of(m, text);
        assert_non_null(got);
        assert_string_equal(got, want);
        coref_free(got);
        coref_model_free(m);
    }
    coref_free(want);
}

/* A truncated or corrupted image: an error, or a model that gives some
 * output; never a crash or a read outside it (ASan, valgrind). */
static void test_model_image_damaged(void **state)
{
    (void)state;
    size_t n = 0;
    char *img = test_read_file(image_path(), &n);
    assert_non_null(img);
    assert_true(n > 1000000);
    char *copy = malloc(n);
    coref_model *m = NULL;
    coref_error err;
    size_t cuts[] = {0, 7, 15, 16, 100, n / 3, n / 2, n - 1};
    for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
        assert_int_equal(coref_model_load_memory(img, cuts[k], &m, &err), COREF_ERR_MODEL);
        assert_null(m);
    }
    const char *text = "Lavrov said he was ready. His country agreed with Tillerson and her team.";
    uint64_t x = 88172645463325252ULL;
    for (int round = 0; round < 12; round++) {
        memcpy(copy, img, n);
        /* past the section table, 64 random bytes set to random values */
        for (int j = 0; j < 64; j++) {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            copy[1024 + x % (n - 1024)] = (char)(x >> 56);
        }
        if (coref_model_load_memory(copy, n, &m, &err) == COREF_OK) {
            char *s = json_of(m, text);
            coref_free(s);
            coref_model_free(m);
        }
        m = NULL;
    }
    free(copy);
    free(img);
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
        cmocka_unit_test(test_emoji_do_not_disturb_analysis),
        cmocka_unit_test(test_emoji_sequences_are_single_tokens),
        cmocka_unit_test(test_analyze_tokens_input),
        cmocka_unit_test(test_annotate_tabular),
        cmocka_unit_test(test_annotate_tabular_errors),
        cmocka_unit_test(test_eval_api),
        cmocka_unit_test(test_eval_api_errors),
        cmocka_unit_test(test_json_replacements),
        cmocka_unit_test(test_doc_write),
        cmocka_unit_test(test_model_files),
        cmocka_unit_test(test_model_image_damaged),
    };
    return cmocka_run_group_tests(tests, model_setup, model_teardown);
}
