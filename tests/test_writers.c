/* Tests for the document writers: JSON (code-point offsets, escaping),
 * CoNLL-U, CoNLL-2012 and HTML, on documents built by hand. */
#include <jansson.h>
#include "check.h"
#include "core/doc.h"
#include "core/tagset.h"
#include "io/writers.h"
#include "rewrite/rewrite.h"

#include "handdoc.h"

/* Render with the public API (caller frees). */
static char *render(struct coref_doc *d, coref_format fmt)
{
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(coref_doc_render(d, fmt, NULL, &out, &len), COREF_OK);
    assert_non_null(out);
    assert_int_equal(strlen(out), len);
    return out;
}

/* Code points [s, e) of UTF-8 text as a new string. */
static char *cp_slice(const char *t, size_t s, size_t e)
{
    size_t cp = 0, i = 0, a = (size_t)-1, n = strlen(t);
    for (; i <= n; i++) {
        if (i < n && ((unsigned char)t[i] & 0xC0) == 0x80) continue;
        if (cp == s && a == (size_t)-1) a = i;
        if (cp == e) break;
        cp++;
    }
    assert_true(a != (size_t)-1 && i <= n && a <= i);
    char *r = malloc(i - a + 1);
    memcpy(r, t + a, i - a);
    r[i - a] = 0;
    return r;
}

static void check_span(json_t *text, json_t *obj)
{
    json_t *s = json_object_get(obj, "start"), *e = json_object_get(obj, "end");
    assert_true(json_is_integer(s) && json_is_integer(e));
    char *sl = cp_slice(json_string_value(text), (size_t)json_integer_value(s), (size_t)json_integer_value(e));
    CHECK_STR(sl, json_string_value(json_object_get(obj, "text")), json_string_value(text));
    free(sl);
}

static const char *sample = "Café “Zoë” said José is ill. He rested,\nand “she” smiled.";

static struct coref_doc *sample_doc(void)
{
    struct coref_doc *d = mkdoc(sample);
    ment(d, "Zoë", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "José", 0, MK_PROPER, 1, ET_PERSON);
    ment(d, "He", 0, MK_PRONOUN, 1, ET_PERSON);
    ment(d, "she", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "Café", 0, MK_PROPER, 2, ET_PLACE);   /* singleton */
    /* A tree for sentence 2: "rested" is the root, the rest hang on it. */
    uint32_t tb, te, root;
    find_span(d, "rested", 0, &root, &te);
    for (uint32_t i = d->sents[1].tok_begin; i < d->sents[1].tok_end; i++) {
        if (i == root) { d->toks[i].deprel = DEP_ROOT; continue; }
        d->toks[i].head = (int32_t)root;
        d->toks[i].deprel = d->toks[i].upos == UPOS_PUNCT ? DEP_PUNCT : DEP_DEP;
    }
    find_span(d, "He", 0, &tb, &te);
    d->toks[tb].deprel = DEP_NSUBJ;
    finish(d);
    return d;
}

static void test_json(void **state)
{
    (void)state;
    struct coref_doc *d = sample_doc();
    char *out = render(d, COREF_FORMAT_JSON);
    json_error_t jerr;
    json_t *root = json_loads(out, 0, &jerr);
    if (!root) fail_msg("JSON does not parse: %s (line %d)\n%s", jerr.text, jerr.line, out);
    assert_int_equal(out[strlen(out) - 1], '\n');
    json_t *text = json_object_get(root, "text");
    CHECK_STR(json_string_value(text), sample, out);
    json_t *sents = json_object_get(root, "sentences");
    assert_int_equal(json_array_size(sents), 2);
    assert_int_equal(json_integer_value(json_array_get(json_array_get(sents, 0), 0)), 0);
    /* "Café “Zoë” said José is ill." is 28 code points (32 bytes). */
    assert_int_equal(json_integer_value(json_array_get(json_array_get(sents, 0), 1)), 28);
    json_t *toks = json_object_get(root, "tokens");
    assert_int_equal(json_array_size(toks), d->ntok);
    static const char *const tok_keys[] = {"start", "end", "text", "pos", "upos", "head", "deprel", "feats"};
    for (size_t i = 0; i < json_array_size(toks); i++) {
        json_t *t = json_array_get(toks, i);
        for (size_t k = 0; k < sizeof tok_keys / sizeof *tok_keys; k++)
            if (!json_object_get(t, tok_keys[k])) fail_msg("token %zu lacks %s", i, tok_keys[k]);
        check_span(text, t);
        assert_int_equal(json_integer_value(json_object_get(t, "head")), d->toks[i].head);
    }
    CHECK_STR(json_string_value(json_object_get(json_array_get(toks, 0), "upos")), "PROPN", out);
    json_t *ments = json_object_get(root, "mentions");
    assert_int_equal(json_array_size(ments), 5);
    static const char *const m_keys[] = {"start", "end", "text", "head", "kind", "entity", "number", "gender", "person", "cluster"};
    for (size_t i = 0; i < json_array_size(ments); i++) {
        json_t *m = json_array_get(ments, i);
        for (size_t k = 0; k < sizeof m_keys / sizeof *m_keys; k++)
            if (!json_object_get(m, m_keys[k])) fail_msg("mention %zu lacks %s", i, m_keys[k]);
        check_span(text, m);
    }
    CHECK_STR(json_string_value(json_object_get(json_array_get(ments, 1), "text")), "Zoë", out);
    CHECK_STR(json_string_value(json_object_get(json_array_get(ments, 1), "kind")), "proper", out);
    CHECK_STR(json_string_value(json_object_get(json_array_get(ments, 1), "entity")), "person", out);
    /* Clusters: ordered by first mention, spans equal to their mentions'. */
    json_t *cls = json_object_get(root, "clusters"), *names = json_object_get(root, "cluster_names");
    assert_int_equal(json_array_size(cls), 2);
    assert_int_equal(json_array_size(names), 2);
    CHECK_STR(json_string_value(json_array_get(names, 0)), "Zoë", out);
    CHECK_STR(json_string_value(json_array_get(names, 1)), "José", out);
    json_t *c0 = json_array_get(cls, 0);
    assert_int_equal(json_array_size(c0), 2);
    char *sl = cp_slice(sample, (size_t)json_integer_value(json_array_get(json_array_get(c0, 1), 0)),
                        (size_t)json_integer_value(json_array_get(json_array_get(c0, 1), 1)));
    CHECK_STR(sl, "she", out);
    free(sl);
    /* the resolved text is part of the document */
    json_t *res = json_object_get(root, "resolved");
    assert_true(json_is_string(res));
    CHECK_STR(json_string_value(res), "Caf\xc3\xa9 \xe2\x80\x9cZo\xc3\xab\xe2\x80\x9d said Jos\xc3\xa9 is ill. Jos\xc3\xa9 rested,\nand \xe2\x80\x9cZo\xc3\xab\xe2\x80\x9d smiled.", out);

    /* JSONL: the same document on one line. */
    char *line = render(d, COREF_FORMAT_JSONL);
    char *nl = strchr(line, '\n');
    assert_non_null(nl);
    assert_int_equal(nl[1], 0);
    json_t *root2 = json_loads(line, 0, &jerr);
    assert_non_null(root2);
    assert_true(json_equal(root, root2));
    json_decref(root2);
    json_decref(root);
    free(line);
    free(out);
    coref_doc_free(d);
}

static void test_json_escaping(void **state)
{
    (void)state;
    const char *in = "He said \"hi\\\" \t\x01 there.\r\nIt\x7f ends \xe2\x80\xa8 here.";
    struct coref_doc *d = mkdoc(in);
    finish(d);
    char *out = render(d, COREF_FORMAT_JSONL);
    json_error_t jerr;
    json_t *root = json_loads(out, 0, &jerr);
    if (!root) fail_msg("JSON does not parse: %s\n%s", jerr.text, out);
    CHECK_STR(json_string_value(json_object_get(root, "text")), in, out);
    json_t *toks = json_object_get(root, "tokens");
    for (size_t i = 0; i < json_array_size(toks); i++) check_span(json_object_get(root, "text"), json_array_get(toks, i));
    assert_int_equal(json_array_size(json_object_get(root, "clusters")), 0);
    json_decref(root);
    free(out);
    coref_doc_free(d);
}

/* Split s into lines (modifies s); returns the count. */
static size_t split_lines(char *s, char **lines, size_t max)
{
    size_t n = 0;
    for (char *p = s; *p && n < max;) {
        char *e = strchr(p, '\n');
        if (!e) { lines[n++] = p; break; }
        *e = 0;
        lines[n++] = p;
        p = e + 1;
    }
    return n;
}

static size_t count_char(const char *s, char c)
{
    size_t n = 0;
    for (; *s; s++) n += *s == c;
    return n;
}

/* The 1-based column `col` of a tab-separated row (static copy). */
static const char *column(const char *row, int col)
{
    static char buf[256];
    for (int k = 1; k < col; k++) {
        row = strchr(row, '\t');
        assert_non_null(row);
        row++;
    }
    size_t n = strcspn(row, "\t");
    assert_true(n < sizeof buf);
    memcpy(buf, row, n);
    buf[n] = 0;
    return buf;
}

/* The token rows of a CoNLL or CoNLL-U rendering (comments and blank lines
 * skipped) are exactly n, and column `col` of row k is want[k]; col 0 is
 * the last column. Takes and frees out. */
static void check_rows(char *out, int col, const char *const *want, size_t n)
{
    char *lines[100];
    size_t nl = split_lines(out, lines, 100), k = 0;
    for (size_t i = 0; i < nl; i++) {
        if (lines[i][0] == '#' || !lines[i][0]) continue;
        assert_true(k < n);
        const char *last = strrchr(lines[i], '\t');
        CHECK_STR(col ? column(lines[i], col) : last ? last + 1 : "", want[k], lines[i]);
        k++;
    }
    assert_int_equal(k, n);
    free(out);
}

static void test_conllu(void **state)
{
    (void)state;
    struct coref_doc *d = sample_doc();
    char *out = render(d, COREF_FORMAT_CONLLU);
    char *lines[200];
    size_t n = split_lines(out, lines, 200), rows = 0, sents = 0;
    int saw_text2 = 0;
    for (size_t i = 0; i < n; i++) {
        if (lines[i][0] == '#') {
            if (!strncmp(lines[i], "# sent_id = ", 12)) sents++;
            if (!strcmp(lines[i], "# text = He rested, and “she” smiled.")) saw_text2 = 1;
            continue;
        }
        if (!lines[i][0]) continue;
        assert_int_equal(count_char(lines[i], '\t'), 9);
        rows++;
    }
    assert_int_equal(rows, d->ntok);
    assert_int_equal(sents, 2);
    assert_true(saw_text2);
    /* Sentence 2: "He" (ID 1) hangs on "rested" (ID 2), the root has HEAD 0. */
    for (size_t i = 0; i < n; i++) {
        if (lines[i][0] == '#' || !lines[i][0]) continue;
        const char *form = column(lines[i], 2);
        if (!strcmp(form, "He")) {
            CHECK_STR(column(lines[i], 1), "1", lines[i]);
            CHECK_STR(column(lines[i], 7), "2", lines[i]);
            CHECK_STR(column(lines[i], 8), "nsubj", lines[i]);
            CHECK_STR(column(lines[i], 10), "Entity=(e2)", lines[i]);
        }
        if (!strcmp(form, "rested")) {
            CHECK_STR(column(lines[i], 7), "0", lines[i]);
            CHECK_STR(column(lines[i], 8), "root", lines[i]);
            CHECK_STR(column(lines[i], 10), "SpaceAfter=No", lines[i]);
        }
        if (!strcmp(form, "Zoë")) CHECK_STR(column(lines[i], 10), "SpaceAfter=No|Entity=(e1)", lines[i]);
        if (!strcmp(form, "Café")) CHECK_STR(column(lines[i], 10), "_", lines[i]);
        if (!strcmp(form, "smiled")) CHECK_STR(column(lines[i], 10), "SpaceAfter=No", lines[i]);
        if (!strcmp(form, ".")) CHECK_STR(column(lines[i], 10), "_", lines[i]);  /* sentence-final */
    }
    free(out);
    coref_doc_free(d);
}

/* coref_options.singletons: each mention of no cluster is written as an
 * entity of its own (numbered after the clusters) in CoNLL and CoNLL-U;
 * without it (the default) such mentions are not written. */
static void test_singletons(void **state)
{
    (void)state;
    struct coref_doc *d = mkdoc("Sergey Lavrov met his wife. She smiled at him.");
    ment(d, "Sergey Lavrov", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "his wife", 0, MK_NOMINAL, 7, ET_PERSON);   /* alone in 7: a singleton */
    ment(d, "his", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "She", 0, MK_PRONOUN, 9, ET_PERSON);        /* a singleton */
    ment(d, "him", 0, MK_PRONOUN, 0, ET_PERSON);
    finish(d);
    static const char *const want[2][11] = {
        {"(1", "1)", "-", "(1)", "-", "-", "-", "-", "-", "(1)", "-"},
        {"(1", "1)", "-", "(2|(1)", "2)", "-", "(3)", "-", "-", "(1)", "-"}};
    static const char *const want_misc[11] = {"Entity=(e1", "Entity=e1)", "_", "Entity=(e2(e1)", "SpaceAfter=No|Entity=e2)",
                                              "_", "Entity=(e3)", "_", "_", "SpaceAfter=No|Entity=(e1)", "_"};
    for (int single = 0; single < 2; single++) {
        coref_options o = coref_default_options();
        o.singletons = single;
        char *out = NULL;
        assert_int_equal(coref_doc_render(d, COREF_FORMAT_CONLL, &o, &out, NULL), COREF_OK);
        check_rows(out, 0, want[single], 11);
        if (!single) continue;
        assert_int_equal(coref_doc_render(d, COREF_FORMAT_CONLLU, &o, &out, NULL), COREF_OK);
        check_rows(out, 10, want_misc, 11);
    }
    coref_doc_free(d);
}

/* Nested, multi-token mentions in CorefUD and CoNLL-2012 brackets. */
static void test_brackets(void **state)
{
    (void)state;
    struct coref_doc *d = mkdoc("Sergey Lavrov met his wife. She smiled at him.");
    ment(d, "Sergey Lavrov", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "his wife", 0, MK_NOMINAL, 1, ET_PERSON);
    ment(d, "his", 0, MK_PRONOUN, 0, ET_PERSON);
    ment(d, "She", 0, MK_PRONOUN, 1, ET_PERSON);
    ment(d, "him", 0, MK_PRONOUN, 0, ET_PERSON);
    finish(d);
    static const char *const want_misc[] = {"Entity=(e1", "Entity=e1)", "_", "Entity=(e2(e1)", "SpaceAfter=No|Entity=e2)", "_",
                                            "Entity=(e2)", "_", "_", "SpaceAfter=No|Entity=(e1)", "_"};
    static const char *const want_coref[] = {"(1", "1)", "-", "(2|(1)", "2)", "-", "(2)", "-", "-", "(1)", "-"};
    check_rows(render(d, COREF_FORMAT_CONLLU), 10, want_misc, 11);

    char *out = render(d, COREF_FORMAT_CONLL), *lines[100];
    size_t n = split_lines(out, lines, 100), k = 0;
    CHECK_STR(lines[0], "#begin document (doc); part 000", out);
    CHECK_STR(lines[n - 1], "#end document", out);
    size_t blanks = 0;
    for (size_t i = 1; i + 1 < n; i++) {
        if (!lines[i][0]) { blanks++; continue; }
        assert_int_equal(count_char(lines[i], '\t'), 12);
        CHECK_STR(column(lines[i], 1), "doc", lines[i]);
        CHECK_STR(column(lines[i], 13), want_coref[k], lines[i]);
        k++;
    }
    assert_int_equal(k, 11);
    assert_int_equal(blanks, 2);  /* between the sentences and before #end */
    free(out);
    coref_doc_free(d);
}

static void test_html(void **state)
{
    (void)state;
    const char *in = "Tom said <script>alert(1)</script> & left. He \"smiled\".";
    struct coref_doc *d = mkdoc(in);
    ment(d, "Tom", 0, MK_PROPER, 0, ET_PERSON);
    ment(d, "He", 0, MK_PRONOUN, 0, ET_PERSON);
    finish(d);
    d->skip = malloc(sizeof *d->skip);
    d->skip[0] = (span_t){9, 34};
    d->nskip = 1;
    char *out = render(d, COREF_FORMAT_HTML);
    assert_int_equal(strncmp(out, "<!DOCTYPE html>", 15), 0);
    assert_null(strstr(out, "<script"));
    assert_non_null(strstr(out, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(out, "class=\"skip\""));
    assert_non_null(strstr(out, "&quot;smiled&quot;"));
    assert_non_null(strstr(out, "<sup>1</sup></span>"));
    assert_non_null(strstr(out, "Tom &middot; He"));
    assert_int_equal(strcmp(out + strlen(out) - 8, "</html>\n"), 0);
    free(out);
    coref_doc_free(d);
}

/* Empty and odd documents in every format: no crash, well-formed output. */
static void test_odd_documents(void **state)
{
    (void)state;
    static const coref_format fmts[] = {COREF_FORMAT_TEXT, COREF_FORMAT_JSON, COREF_FORMAT_JSONL,
                                        COREF_FORMAT_CONLL, COREF_FORMAT_CONLLU, COREF_FORMAT_HTML};
    for (int variant = 0; variant < 4; variant++) {
        struct coref_doc *d = mkdoc(variant == 0 ? "" : "Merkel said she left. Then she smiled.");
        if (variant >= 2) {
            ment(d, "Merkel", 0, MK_PROPER, 0, ET_PERSON);
            ment(d, "she", 0, MK_PRONOUN, 0, ET_PERSON);
            ment(d, "she", 1, MK_PRONOUN, variant == 3 ? 0 : -1, ET_PERSON);
        }
        if (variant == 1) d->nsent = 0;          /* tokens without sentences */
        if (variant != 2) finish(d);             /* variant 2: clusters never built */
        if (variant == 3) d->ments[2].te = 999;  /* a bad span */
        for (size_t f = 0; f < sizeof fmts / sizeof *fmts; f++) {
            char *out = render(d, fmts[f]);
            if (fmts[f] == COREF_FORMAT_JSON || fmts[f] == COREF_FORMAT_JSONL) {
                json_error_t jerr;
                json_t *root = json_loads(out, 0, &jerr);
                if (!root) fail_msg("variant %d: JSON does not parse: %s\n%s", variant, jerr.text, out);
                if (variant == 0) {
                    static const char *const arrays[] = {"sentences", "tokens", "mentions", "clusters", "cluster_names"};
                    for (size_t k = 0; k < 5; k++) {
                        json_t *a = json_object_get(root, arrays[k]);
                        assert_true(json_is_array(a));
                        assert_int_equal(json_array_size(a), 0);
                    }
                    CHECK_STR(json_string_value(json_object_get(root, "text")), "", out);
                }
                json_decref(root);
            }
            if (variant == 0 && fmts[f] == COREF_FORMAT_TEXT) CHECK_STR(out, "", "empty");
            free(out);
        }
        coref_doc_free(d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_json_escaping),
        cmocka_unit_test(test_conllu),
        cmocka_unit_test(test_brackets),
        cmocka_unit_test(test_singletons),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_odd_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
