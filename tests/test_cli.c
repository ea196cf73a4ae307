/* The coref command: exit codes, error messages and batch behaviour. */
#include <sys/wait.h>
#include <unistd.h>
#include <jansson.h>
#include "check.h"

static char bin[512];
static char tmpdir[] = "/tmp/coref-cli-XXXXXX";

/* Run a shell command; capture stdout (and stderr when err != NULL). Returns the exit status. */
static int run(const char *cmd, char **out, char **err)
{
    char full[4096], opath[600], epath[600];
    snprintf(opath, sizeof opath, "%s/out", tmpdir);
    snprintf(epath, sizeof epath, "%s/err", tmpdir);
    snprintf(full, sizeof full, "%s >%s 2>%s", cmd, opath, epath);
    int st = system(full);
    if (out) *out = test_read_file(opath, NULL);
    if (err) *err = test_read_file(epath, NULL);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void write_file(const char *name, const char *data, size_t n)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(data, 1, n, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    const char *b = getenv("BUILD");
    snprintf(bin, sizeof bin, "%s/coref", b && *b ? b : "build");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_version_and_usage(void **state)
{
    (void)state;
    char cmd[1024], *out = NULL, *err = NULL;
    snprintf(cmd, sizeof cmd, "%s --version", bin);
    assert_int_equal(run(cmd, &out, NULL), 0);
    assert_non_null(strstr(out, "coref "));
    assert_non_null(strstr(out, "model"));
    free(out);
    snprintf(cmd, sizeof cmd, "%s frobnicate", bin);
    assert_int_equal(run(cmd, NULL, &err), 2);
    assert_non_null(strstr(err, "unknown command"));
    free(err);
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 --format nope x", bin);
    assert_int_equal(run(cmd, NULL, NULL), 2);
    snprintf(cmd, sizeof cmd, "%s", bin);
    assert_int_equal(run(cmd, NULL, NULL), 2);
}

static void test_invalid_utf8_exit_1_with_offset(void **state)
{
    (void)state;
    write_file("bad.txt", "Hello \xff world", 13);
    write_file("trunc.txt", "Caf\xc3", 4);
    char cmd[1024], *err = NULL;
    snprintf(cmd, sizeof cmd, "%s resolve --min-confidence 0 %s/bad.txt", bin, tmpdir);
    assert_int_equal(run(cmd, NULL, &err), 1);
    assert_non_null(strstr(err, "bad.txt"));
    assert_non_null(strstr(err, "offset 6"));
    free(err);
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 %s/trunc.txt", bin, tmpdir);
    assert_int_equal(run(cmd, NULL, &err), 1);
    assert_non_null(strstr(err, "offset 3"));
    free(err);
    snprintf(cmd, sizeof cmd, "%s resolve --min-confidence 0 %s/missing.txt", bin, tmpdir);
    assert_int_equal(run(cmd, NULL, NULL), 1);
}

static void test_empty_input_is_not_an_error(void **state)
{
    (void)state;
    write_file("empty.txt", "", 0);
    write_file("blank.txt", "  \n\n\t ", 6);
    char cmd[1024], *out = NULL;
    snprintf(cmd, sizeof cmd, "%s resolve --min-confidence 0 %s/empty.txt", bin, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 0);
    assert_string_equal(out, "");
    free(out);
    snprintf(cmd, sizeof cmd, "%s resolve --min-confidence 0 < %s/blank.txt", bin, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 0);
    assert_string_equal(out, "  \n\n\t ");
    free(out);
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 --format json %s/blank.txt", bin, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 0);
    assert_non_null(strstr(out, "\"tokens\""));
    free(out);
}

/* Resolve one text with the embedded model, every replacement whatever its
 * confidence (these cases test the sieve and the names; the threshold has
 * test_min_confidence); compare with the expected output. */
static void resolve_case(const char *text, const char *want)
{
    write_file("case.txt", text, strlen(text));
    char cmd[1024], *out = NULL;
    snprintf(cmd, sizeof cmd, "%s resolve --min-confidence 0 %s/case.txt", bin, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 0);
    CHECK_STR(out, want, text);
    free(out);
}

static void test_resolve_keeps_other_bytes(void **state)
{
    (void)state;
    const char *text = "Putin added that Russia is ready to work with the next US president.\n";
    resolve_case(text, text);
}

/* Datelines, bylines and timestamps are skipped: no "LONDON was ready",
 * no "Merkel said ET was wrong"; their bytes stay in the output. */
static void test_resolve_skips_news_boilerplate(void **state)
{
    (void)state;
    const char *text =
        "LONDON \xE2\x80\x94 The prime minister said on Monday she was ready.\n\n"
        "By John Smith, CNN\nUpdated 10:32 AM ET, Mon November 23, 2026\nAngela Merkel said he was wrong.\n";
    resolve_case(text, text);
}

/* he/she do not take places or companies; same-surname people stay apart;
 * conjuncts are antecedents and "they" takes the coordination. */
static void test_resolve_names_places_coordinations(void **state)
{
    (void)state;
    /* negative: nothing to replace */
    const char *same[] = {"Officials met in Paris on Friday. He said she was tired.\n",
                          "Microsoft reported earnings. He was pleased.\n",
                          "Talks in Geneva ended. She left early.\n",
                          "Officials from NATO met in Moscow and Tokyo. He said she was tired.\n"};
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) resolve_case(same[i], same[i]);
    resolve_case("John Smith spoke. Jane Smith listened. She said he was tired.\n",
                 "John Smith spoke. Jane Smith listened. Jane Smith said John Smith was tired.\n");
    /* "his" stays: its name stands earlier in the sentence (--all replaces it) */
    resolve_case("Angela Merkel and Emmanuel Macron met in Berlin on Friday. She praised him for his courage.\n",
                 "Angela Merkel and Emmanuel Macron met in Berlin on Friday. Merkel praised Macron for his courage.\n");
    /* a coordination names no cluster: "They" stays (never "Merkel") */
    resolve_case("Angela Merkel and Emmanuel Macron met in Berlin on Friday. They agreed on a plan.\n",
                 "Angela Merkel and Emmanuel Macron met in Berlin on Friday. They agreed on a plan.\n");
    resolve_case("Michael Jordan won again. He said he was happy.\n",
                 "Michael Jordan won again. Jordan said he was happy.\n");
    /* "the next US president" is not President Putin */
    {
        const char *pt = "President Vladimir Putin spoke. Putin added that Russia is ready to work with the next US president.\n";
        write_file("case.txt", pt, strlen(pt));
        char pc[1024], *po = NULL;
        snprintf(pc, sizeof pc, "%s annotate --min-confidence 0 --format jsonl %s/case.txt", bin, tmpdir);
        assert_int_equal(run(pc, &po, NULL), 0);
        assert_non_null(strstr(po, "\"text\":\"the next US president\""));
        assert_non_null(strstr(po, "\"text\":\"the next US president\",\"head\""));
        char *nx = strstr(po, "\"text\":\"the next US president\"");
        char *cl = strstr(nx, "\"cluster\":");
        assert_non_null(cl);
        assert_int_equal(strncmp(cl, "\"cluster\":-1", 12), 0);
        free(po);
    }
    /* a name with an apposition is still the same person */
    resolve_case("Senator Elizabeth Warren spoke.\n\nWarren, a Democrat from Massachusetts, is running. Her campaign said she raised money.\n",
                 "Senator Elizabeth Warren spoke.\n\nWarren, a Democrat from Massachusetts, is running. Warren's campaign said she raised money.\n");
    /* a whole wire story: dateline skipped, a surname the lexicon calls a
     * place ("Warren") still the senator after her apposition */
    resolve_case("WASHINGTON (Reuters) \u2014 Senator Elizabeth Warren said on Tuesday that she would introduce a bill to break up large technology companies. Her proposal targets Amazon, Google and Facebook.\n\n\"These companies have too much power,\" Warren told reporters. She added that the bill would be ready next month.\n\nAmazon declined to comment. A Google spokesman said the company was reviewing the proposal. Its shares fell 2 percent.\n\nWarren, a Democrat from Massachusetts, is running for president. Her campaign said she raised $6 million in the first quarter.\n",
                 "WASHINGTON (Reuters) \u2014 Senator Elizabeth Warren said on Tuesday that she would introduce a bill to break up large technology companies. Warren's proposal targets Amazon, Google and Facebook.\n\n\"These companies have too much power,\" Warren told reporters. Warren added that the bill would be ready next month.\n\nAmazon declined to comment. A Google spokesman said the company was reviewing the proposal. Its shares fell 2 percent.\n\nWarren, a Democrat from Massachusetts, is running for president. Warren's campaign said she raised $6 million in the first quarter.\n");
    /* a company without its legal form; a name repeated at a sentence start */
    resolve_case("Tesla Inc. reported a profit. Elon Musk spoke.\nHe was happy. Tesla grew. It would hire.\n",
                 "Tesla Inc. reported a profit. Elon Musk spoke.\nMusk was happy. Tesla grew. Tesla Inc. would hire.\n");
    /* a plural-looking name of one organisation takes "it" */
    resolve_case("Olaf Scholz spoke in Berlin. The United Nations met. It was monitoring the situation.\n",
                 "Olaf Scholz spoke in Berlin. The United Nations met. The United Nations was monitoring the situation.\n");
    /* a hyphenated title inside the name */
    resolve_case("Secretary-General Antonio Guterres urged restraint. He did not name Iran.\n",
                 "Secretary-General Antonio Guterres urged restraint. Guterres did not name Iran.\n");
    /* the short form "Obama" would be ambiguous next to "Michelle Obama" */
    resolve_case("Michelle Obama spoke. Barack Obama listened. He was tired.\n",
                 "Michelle Obama spoke. Barack Obama listened. Barack Obama was tired.\n");
    /* "Obama" and "he" go to the most recent Obama, not Michelle */
    const char *text = "Michelle Obama spoke. Barack Obama listened. Obama said he was tired.\n";
    write_file("case.txt", text, strlen(text));
    char cmd[1024], *out = NULL;
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 --format json %s/case.txt", bin, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 0);
    assert_non_null(strstr(out, "\"clusters\": [\n    [[22,34],[45,50],[56,58]]\n  ]"));
    assert_non_null(strstr(out, "\"cluster_names\": [\"Barack Obama\"]"));
    free(out);
}

static void test_jsonl_bad_line_keeps_going(void **state)
{
    (void)state;
    const char *in =
        "{\"id\": \"a1\", \"text\": \"Sergei Lavrov arrived. He was ready.\"}\n"
        "{\"id\": \"a2\", \"text\": \"unterminated\n"
        "{\"id\": 7, \"txt\": \"no text field\"}\n"
        "{\"id\": \"a4\", \"text\": \"Bad \\u0000 nul.\"}\n"
        "{\"id\": \"a5\", \"text\": \"The end.\"}\n"
        "[1, 2\n"
        "\n";
    write_file("in.jsonl", in, strlen(in));
    char cmd[1024], *out = NULL;
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 --input jsonl --format jsonl %s/in.jsonl", bin, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 1);
    assert_non_null(out);
    /* One output line per input line, same order, ids kept. */
    char *lines[8] = {0};
    size_t n = 0;
    for (char *s = strtok(out, "\n"); s && n < 8; s = strtok(NULL, "\n")) lines[n++] = s;
    assert_int_equal(n, 7);
    assert_non_null(strstr(lines[0], "\"id\":\"a1\""));
    assert_non_null(strstr(lines[0], "\"tokens\""));
    assert_non_null(strstr(lines[1], "\"error\""));
    assert_non_null(strstr(lines[1], "\"id\":\"a2\""));
    assert_non_null(strstr(lines[2], "\"id\":7"));
    assert_non_null(strstr(lines[2], "\"error\""));
    assert_non_null(strstr(lines[3], "\"id\":\"a4\""));
    assert_non_null(strstr(lines[3], "\"error\""));
    assert_non_null(strstr(lines[4], "\"id\":\"a5\""));
    assert_null(strstr(lines[4], "\"error\""));
    assert_non_null(strstr(lines[5], "\"id\":null"));
    assert_non_null(strstr(lines[6], "\"error\":\"line 7: empty line\""));
    /* the resolved text travels with each record */
    assert_non_null(strstr(lines[0], "\"resolved\": \"Sergei Lavrov arrived. Lavrov was ready.\""));
    free(out);
}

static void test_huge_single_line(void **state)
{
    (void)state;
    size_t n = 3u << 20;
    char *big = malloc(n);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++) big[i] = (i % 7 == 6) ? ' ' : "abcdefg"[i % 7];
    memcpy(big + n - 2, ".\n", 2);
    write_file("big.txt", big, n);
    free(big);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s resolve --min-confidence 0 %s/big.txt | wc -c | grep -qx %zu", bin, tmpdir, n);
    assert_int_equal(run(cmd, NULL, NULL), 0);
}

/* Number of lines of s (a last line without '\n' counts). */
static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p; p++)
        if (*p == '\n' || !p[1]) n++;
    return n;
}

/* JSONL from a producer that never stops is a stream: `| head -3` gets three
 * records and everything ends at once, quietly. Reading the input whole first
 * would never print a record: the timeout (status 124) fails the test then. */
static void endless_input_streams(const char *threads)
{
    const char *script = "yes '{\"id\":1,\"text\":\"He said it again.\"}' | \"$1\" annotate --input jsonl --format jsonl "
                         "$3 2>\"$2\" | head -3\n";
    write_file("yes_head.sh", script, strlen(script));
    char cmd[2048], *out = NULL, errpath[600];
    snprintf(errpath, sizeof errpath, "%s/yes_head.err", tmpdir);
    snprintf(cmd, sizeof cmd, "timeout 30 sh %s/yes_head.sh %s %s '%s'", tmpdir, bin, errpath, threads);
    assert_int_equal(run(cmd, &out, NULL), 0);
    assert_non_null(out);
    assert_int_equal(count_lines(out), 3);
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        json_error_t jerr;
        json_t *rec = json_loads(line, 0, &jerr);
        if (!rec) fail_msg("not a JSON record: %s: %.200s", jerr.text, line);
        assert_int_equal(json_integer_value(json_object_get(rec, "id")), 1);
        assert_non_null(json_object_get(rec, "tokens"));
        json_decref(rec);
    }
    free(out);
    /* the closed pipe is not an error to report */
    char *err = test_read_file(errpath, NULL);
    assert_non_null(err);
    assert_string_equal(err, "");
    free(err);
}

static void test_jsonl_endless_input_streams(void **state)
{
    (void)state;
    endless_input_streams("");  /* the default: as many threads as cores */
    endless_input_streams("--threads 1");
    endless_input_streams("--threads 4");
}

/* A document over --max-bytes: exit 1 and a message naming the input and the
 * limit, for text, CoNLL and CoNLL-U input, also when the input never ends. */
static void test_size_limit(void **state)
{
    (void)state;
    static const char *const cmds[] = {"resolve", "annotate", "annotate --input conll --format conll",
                                       "annotate --input conllu --format conllu"};
    char cmd[2048], *out = NULL, *err = NULL;
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        snprintf(cmd, sizeof cmd, "timeout 30 sh -c \"yes 'He said it again.' | %s %s --max-bytes 64K\"", bin, cmds[i]);
        assert_int_equal(run(cmd, &out, &err), 1);
        if (!strstr(err, "<stdin>") || !strstr(err, "65536 bytes") || !strstr(err, "--max-bytes"))
            fail_msg("%s: message without the input or the limit: %s", cmds[i], err);
        assert_string_equal(out, "");
        free(out);
        free(err);
    }
    /* the limit is exact: 1024 bytes pass with 1K (also as --max-bytes=1K), not with 1023 */
    char doc[1024];
    for (size_t i = 0; i < sizeof doc; i++) doc[i] = i % 2 ? ' ' : 'a';
    doc[sizeof doc - 1] = '\n';
    write_file("1k.txt", doc, sizeof doc);
    snprintf(cmd, sizeof cmd, "%s resolve --min-confidence 0 --max-bytes 1K %s/1k.txt", bin, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 0);
    assert_int_equal(strlen(out), sizeof doc);
    free(out);
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 --format conll --max-bytes=1024 %s/1k.txt", bin, tmpdir);
    assert_int_equal(run(cmd, NULL, NULL), 0);
    snprintf(cmd, sizeof cmd, "%s resolve --min-confidence 0 --max-bytes 1023 %s/1k.txt", bin, tmpdir);
    assert_int_equal(run(cmd, &out, &err), 1);
    assert_non_null(strstr(err, "1k.txt"));
    assert_non_null(strstr(err, "1023 bytes"));
    assert_string_equal(out, "");
    free(out);
    free(err);
    /* a file over the limit does not stop the next one */
    write_file("small.txt", "Sergei Lavrov arrived. He was ready.", 36);
    snprintf(cmd, sizeof cmd, "%s resolve --min-confidence 0 --max-bytes 100 %s/1k.txt %s/small.txt", bin, tmpdir, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 1);
    assert_string_equal(out, "Sergei Lavrov arrived. Lavrov was ready.");
    free(out);
    /* bad values are usage errors */
    static const char *const bad[] = {"0", "12X", "K", "1KB", "-5", "99999999999999999999G", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(cmd, sizeof cmd, "%s %s --max-bytes '%s' %s/small.txt", bin, i % 2 ? "annotate" : "resolve", bad[i],
                 tmpdir);
        assert_int_equal(run(cmd, NULL, &err), 2);
        if (!strstr(err, "--max-bytes")) fail_msg("--max-bytes '%s': %s", bad[i], err);
        free(err);
    }
    /* the usage text documents the option and its default */
    for (int k = 0; k < 2; k++) {
        snprintf(cmd, sizeof cmd, "%s %s --help", bin, k ? "annotate" : "resolve");
        assert_int_equal(run(cmd, &out, NULL), 0);
        assert_non_null(strstr(out, "--max-bytes N"));
        assert_non_null(strstr(out, "default "));
        free(out);
    }
}

/* A JSONL line over --max-bytes gets an error record with its id, and the
 * lines after it are still analysed, in order. */
static void test_jsonl_line_over_limit(void **state)
{
    (void)state;
    size_t big = 5000;
    char *in = malloc(big + 200);
    assert_non_null(in);
    int k = sprintf(in, "{\"id\":\"a\",\"text\":\"Sergei Lavrov arrived. He was ready.\"}\n{\"id\":\"long\",\"text\":\"");
    memset(in + k, 'x', big);
    k += (int)big;
    k += sprintf(in + k, "\"}\n{\"id\":3,\"text\":\"She left.\"}\n");
    write_file("long.jsonl", in, (size_t)k);
    free(in);
    char cmd[4096], *out = NULL, *err = NULL;
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 --input jsonl --max-bytes 1K %s/long.jsonl", bin, tmpdir);
    assert_int_equal(run(cmd, &out, &err), 1);
    assert_int_equal(count_lines(out), 3);
    char *l2 = strchr(out, '\n') + 1, *l3 = strchr(l2, '\n') + 1;
    assert_int_equal(strncmp(out, "{\"id\":\"a\",", 10), 0);
    assert_non_null(strstr(out, "\"resolved\": \"Sergei Lavrov arrived. Lavrov was ready.\""));
    const char *want2 = "{\"id\":\"long\",\"error\":\"line 2: longer than the limit of 1024 bytes";
    assert_int_equal(strncmp(l2, want2, strlen(want2)), 0);
    assert_int_equal(strncmp(l3, "{\"id\":3,", 8), 0);
    assert_null(strstr(l3, "\"error\""));
    assert_non_null(strstr(err, "line 2"));
    free(out);
    free(err);
    /* A line that does not end (yet): its error record goes out before the
     * line is over. The producer holds the rest of the line back until the
     * record is in the output file, so a reader that waits for the end of
     * the line never gets it (the producer gives up after 10 s). */
    char outpath[600];
    snprintf(outpath, sizeof outpath, "%s/held.out", tmpdir);
    const char *producer = "printf '{\"id\":\"held\",\"text\":\"'; head -c 5000 /dev/zero | tr '\\0' a\n"
                           "i=0; until grep -q '\"error\"' \"$1\" 2>/dev/null; do\n"
                           "  sleep 0.05; i=$((i+1)); [ $i -gt 200 ] && exit 1\ndone\n"
                           "printf '\"}\\n{\"id\":2,\"text\":\"She left.\"}\\n'\n";
    write_file("producer.sh", producer, strlen(producer));
    for (int threads = 1; threads <= 4; threads += 3) {
        snprintf(cmd, sizeof cmd,
                 "rm -f %s; timeout 30 sh -c 'sh %s/producer.sh %s | %s annotate --input jsonl --max-bytes 1K --threads %d "
                 "2>/dev/null > %s'; cat %s",
                 outpath, tmpdir, outpath, bin, threads, outpath, outpath);
        assert_int_equal(run(cmd, &out, NULL), 0);
        assert_int_equal(count_lines(out), 2);
        assert_int_equal(strncmp(out, "{\"id\":\"held\",\"error\":", 21), 0);
        l2 = strchr(out, '\n') + 1;
        assert_int_equal(strncmp(l2, "{\"id\":2,", 8), 0);
        assert_null(strstr(l2, "\"error\""));
        free(out);
    }
}

/* Run cmd with --threads 1 and with --threads 4 appended: the same exit
 * status, stdout and stderr, byte for byte. With `merged` stderr goes into
 * stdout (each message in its place). Returns the threaded stdout (caller
 * frees), its status in *rc and its stderr in *err (if not NULL). */
static char *same_with_threads(const char *cmd, int merged, int *rc, char **err)
{
    char full[4096], *out1 = NULL, *err1 = NULL, *out4 = NULL, *err4 = NULL;
    const char *fmt = merged ? "{ %s --threads%s 2>&1; }" : "%s --threads%s";
    snprintf(full, sizeof full, fmt, cmd, " 1");
    int rc1 = run(full, &out1, &err1);
    snprintf(full, sizeof full, fmt, cmd, "=4");
    int rc4 = run(full, &out4, &err4);
    assert_non_null(out1);
    assert_non_null(out4);
    if (rc1 != rc4) fail_msg("%s: exit %d with 1 thread, %d with 4", cmd, rc1, rc4);
    if (strcmp(out1, out4) != 0) {
        size_t k = 0;
        while (out1[k] == out4[k]) k++;
        fail_msg("%s: stdout differs at byte %zu: 1 thread '%.80s', 4 threads '%.80s'", cmd, k, out1 + k, out4 + k);
    }
    if (strcmp(err1, err4) != 0) fail_msg("%s: stderr differs:\n1 thread:\n%s\n4 threads:\n%s", cmd, err1, err4);
    free(out1);
    free(err1);
    if (err) *err = err4;
    else free(err4);
    *rc = rc4;
    return out4;
}

/* --threads N: the output (and every message) is the same bytes in the same
 * order as with one thread: a JSONL stream of good, bad, blank and too long
 * lines, documents of very different sizes (so that they finish out of
 * order), and several files among which some cannot be read. */
static void test_threads_same_output(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Sergei Lavrov arrived. He was ready.",
        "Angela Merkel met Emmanuel Macron in Berlin. She praised him for his courage.",
        "It rained.",
        "Michelle Obama spoke. Barack Obama listened. Obama said he was tired.",
        "Tesla Inc. reported a profit. Elon Musk spoke. Musk said he was happy. Tesla said it would hire.",
    };
    size_t cap = 1 << 20, n = 0, nlines = 300, ngood = 0;
    char *in = malloc(cap);
    assert_non_null(in);
    for (size_t i = 0; i < nlines; i++) {
        const char *t = texts[(i * 7) % 5];
        switch (i % 10) {
        case 3: n += (size_t)snprintf(in + n, cap - n, "{\"id\": %zu, \"text\": \"unterminated\n", i); break;
        case 5: n += (size_t)snprintf(in + n, cap - n, "\n"); break;
        case 7: n += (size_t)snprintf(in + n, cap - n, "{\"id\": \"x%zu\", \"txt\": \"no text\"}\r\n", i); break;
        case 8: /* a long document, over --max-bytes every third time */
            n += (size_t)snprintf(in + n, cap - n, "{\"id\": %zu, \"text\": \"", i);
            for (int k = 0; k < (i % 3 ? 20 : 80); k++) n += (size_t)snprintf(in + n, cap - n, "%s ", t);
            n += (size_t)snprintf(in + n, cap - n, "\"}\n");
            if (i % 3) ngood++;
            break;
        case 9: n += (size_t)snprintf(in + n, cap - n, "{\"id\": %zu, \"text\": \"Bad \\u0000 nul.\"}\n", i); break;
        default: n += (size_t)snprintf(in + n, cap - n, "{\"id\": %zu, \"text\": \"%s\"}\n", i, t); ngood++;
        }
    }
    assert_true(n < cap);
    write_file("mixed.jsonl", in, n);
    free(in);
    char cmd[2048];
    int rc;
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 --input jsonl --max-bytes 4K %s/mixed.jsonl", bin, tmpdir);
    char *out = same_with_threads(cmd, 0, &rc, NULL);
    assert_int_equal(rc, 1);
    /* one record per line in input order: not two empty outputs agreeing */
    assert_int_equal(count_lines(out), nlines);
    size_t k = 0, good = 0;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"), k++) {
        if (strstr(line, "\"tokens\"")) good++;
        if (k % 10 != 5) {
            char want[32];
            snprintf(want, sizeof want, k % 10 == 7 ? "{\"id\":\"x%zu\"," : "{\"id\":%zu,", k);
            if (strncmp(line, want, strlen(want)) != 0) fail_msg("line %zu: not its record: %.60s", k + 1, line);
        }
    }
    assert_int_equal(good, ngood);
    free(out);
    /* the same stream from stdin, then from the file, messages in the output */
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 --input jsonl --max-bytes 4K - %s/mixed.jsonl < %s/mixed.jsonl", bin, tmpdir,
             tmpdir);
    out = same_with_threads(cmd, 1, &rc, NULL);
    assert_int_equal(count_lines(out), 2 * (nlines + nlines - ngood));
    free(out);
    /* several files, some missing or a directory, and one bad document */
    write_file("t1.txt", "Sergei Lavrov arrived. He was ready.\n", 37);
    write_file("t2.txt", "Angela Merkel arrived. She agreed. Her party agreed too.\n", 57);
    write_file("t3.txt", "Bad \xff byte.\n", 12);
    write_file("t4.txt", "", 0);
    char files[1024];
    snprintf(files, sizeof files,
             "%s/t1.txt %s/nope.txt %s/t2.txt %s %s/t3.txt examples/lavrov_scraped.txt %s/t4.txt %s/t1.txt", tmpdir,
             tmpdir, tmpdir, tmpdir, tmpdir, tmpdir, tmpdir);
    static const char *const cmds[] = {"resolve --min-confidence 0", "annotate --min-confidence 0",
                                       "annotate --min-confidence 0 --format jsonl", "annotate --format conll",
                                       "annotate --format html"};
    for (size_t i = 0; i < 2 * sizeof cmds / sizeof *cmds; i++) {
        /* also with the messages in the output stream: each in its place */
        snprintf(cmd, sizeof cmd, "%s %s %s", bin, cmds[i / 2], files);
        out = same_with_threads(cmd, (int)(i % 2), &rc, NULL);
        assert_int_equal(rc, 1);
        if (!strstr(out, "Lavrov")) fail_msg("%s: no document in the output", cmd);
        free(out);
    }
    /* each document and each message in its file's place */
    char *err = NULL;
    snprintf(cmd, sizeof cmd, "%s resolve --min-confidence 0 %s", bin, files);
    out = same_with_threads(cmd, 0, &rc, &err);
    const char *first = "Sergei Lavrov arrived. Lavrov was ready.\nAngela Merkel arrived. Merkel agreed.";
    const char *last = "Sergei Lavrov arrived. Lavrov was ready.\n";
    if (strncmp(out, first, strlen(first)) != 0 || strlen(out) < 200 ||
        strcmp(out + strlen(out) - strlen(last), last) != 0)
        fail_msg("resolve of several files: %s", out);
    char *e1 = strstr(err, "nope.txt"), *e2 = strstr(err, "is a directory"), *e3 = strstr(err, "t3.txt");
    if (!e1 || !e2 || !e3 || !(e1 < e2 && e2 < e3)) fail_msg("messages not in the files' order: %s", err);
    free(out);
    free(err);
    /* bad values of --threads are usage errors */
    static const char *const bad[] = {"0", "-1", "x", "", "1025", "99999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(cmd, sizeof cmd, "%s %s --threads '%s' %s/t1.txt", bin, i % 2 ? "annotate" : "resolve", bad[i], tmpdir);
        assert_int_equal(run(cmd, NULL, &err), 2);
        if (!strstr(err, "--threads")) fail_msg("--threads '%s': %s", bad[i], err);
        free(err);
    }
}

/* DESIGN's default rule: a pronoun whose name already stands earlier in its
 * sentence stays; --all replaces it, in resolve and in annotate's
 * "resolved" and "replacements" alike. */
static void test_all_option(void **state)
{
    (void)state;
    const char *text = "Sergei Lavrov said he was ready. He said that his country would wait.";
    write_file("all.txt", text, strlen(text));
    char cmd[1024], *out = NULL;
    snprintf(cmd, sizeof cmd, "%s resolve --min-confidence 0 %s/all.txt", bin, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 0);
    CHECK_STR(out, "Sergei Lavrov said he was ready. Lavrov said that his country would wait.", cmd);
    free(out);
    snprintf(cmd, sizeof cmd, "%s resolve --min-confidence 0 --all %s/all.txt", bin, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 0);
    const char *all = "Sergei Lavrov said Lavrov was ready. Lavrov said that Lavrov's country would wait.";
    CHECK_STR(out, all, cmd);
    free(out);
    for (int k = 0; k < 2; k++) {
        snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 %s %s/all.txt", bin, k ? "--all" : "", tmpdir);
        assert_int_equal(run(cmd, &out, NULL), 0);
        json_error_t jerr;
        json_t *root = json_loads(out, 0, &jerr);
        if (!root) fail_msg("not JSON: %s", jerr.text);
        json_t *reps = json_object_get(root, "replacements");
        assert_int_equal(json_array_size(reps), k ? 3 : 1);
        CHECK_STR(json_string_value(json_object_get(root, "resolved")),
                  k ? all : "Sergei Lavrov said he was ready. Lavrov said that his country would wait.", cmd);
        CHECK_STR(json_string_value(json_object_get(json_array_get(reps, k ? 1 : 0), "text")), "He", out);
        json_decref(root);
        free(out);
    }
}

/* --min-confidence P: each replacement's "confidence" is a probability; a
 * replacement is made when it is at least P, by resolve and annotate alike;
 * a value outside [0, 1] is a usage error. */
static void test_min_confidence(void **state)
{
    (void)state;
    const char *text = "Sergei Lavrov arrived. He was ready.";
    write_file("conf.txt", text, strlen(text));
    char cmd[1024], *out = NULL, *err = NULL;
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 %s/conf.txt", bin, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 0);
    json_error_t jerr;
    json_t *root = json_loads(out, 0, &jerr);
    if (!root) fail_msg("not JSON: %s", jerr.text);
    json_t *reps = json_object_get(root, "replacements");
    assert_int_equal(json_array_size(reps), 1);
    double conf = json_real_value(json_object_get(json_array_get(reps, 0), "confidence"));
    if (!(conf > 0 && conf < 1)) fail_msg("confidence %g: %s", conf, out);
    json_decref(root);
    free(out);
    /* at the confidence it is replaced, just above it not (JSON rounds it to 0.001) */
    for (int k = 0; k < 2; k++) {
        snprintf(cmd, sizeof cmd, "%s resolve --min-confidence %.4f %s/conf.txt", bin, conf - 0.001 + 0.002 * k,
                 tmpdir);
        assert_int_equal(run(cmd, &out, NULL), 0);
        CHECK_STR(out, k ? text : "Sergei Lavrov arrived. Lavrov was ready.", cmd);
        free(out);
        snprintf(cmd, sizeof cmd, "%s annotate --min-confidence=%.4f %s/conf.txt", bin, conf - 0.001 + 0.002 * k,
                 tmpdir);
        assert_int_equal(run(cmd, &out, NULL), 0);
        assert_true((strstr(out, "\"replacements\": []") != NULL) == k);
        free(out);
    }
    static const char *const bad[] = {"-0.1", "1.5", "x", "", "0.5x"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(cmd, sizeof cmd, "%s %s --min-confidence '%s' %s/conf.txt", bin, i % 2 ? "annotate" : "resolve", bad[i],
                 tmpdir);
        assert_int_equal(run(cmd, NULL, &err), 2);
        if (!strstr(err, "--min-confidence")) fail_msg("--min-confidence '%s': %s", bad[i], err);
        free(err);
    }
}

/* Options anywhere, --opt=value, per-command help, files as a JSON array,
 * and clear messages for a directory or a missing file. */
static void test_options_and_files(void **state)
{
    (void)state;
    write_file("f1.txt", "Sergei Lavrov arrived. He was ready.", 36);
    write_file("f2.txt", "Angela Merkel arrived. She agreed.", 34);
    char cmd[2048], *out = NULL, *err = NULL;
    snprintf(cmd, sizeof cmd, "%s resolve --min-confidence 0 %s/f1.txt --nominals", bin, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 0);
    CHECK_STR(out, "Sergei Lavrov arrived. Lavrov was ready.", cmd);
    free(out);
    for (int k = 0; k < 2; k++) {
        snprintf(cmd, sizeof cmd, "%s %s --help", bin, k ? "annotate" : "resolve");
        assert_int_equal(run(cmd, &out, NULL), 0);
        assert_non_null(strstr(out, "usage: coref"));
        free(out);
    }
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 --format=jsonl %s/f1.txt %s/f2.txt", bin, tmpdir, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 0);
    char *nl = strchr(out, '\n');
    assert_non_null(nl);
    assert_non_null(strstr(nl + 1, "\"resolved\": \"Angela Merkel arrived. Merkel agreed.\""));
    free(out);
    /* two files as JSON: one array, each document with its file */
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 %s/f1.txt %s/f2.txt", bin, tmpdir, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 0);
    json_error_t jerr;
    json_t *root = json_loads(out, 0, &jerr);
    if (!root) fail_msg("not JSON: %s", jerr.text);
    assert_true(json_is_array(root));
    assert_int_equal(json_array_size(root), 2);
    assert_non_null(strstr(json_string_value(json_object_get(json_array_get(root, 1), "file")), "f2.txt"));
    CHECK_STR(json_string_value(json_object_get(json_array_get(root, 0), "resolved")), "Sergei Lavrov arrived. Lavrov was ready.", out);
    json_decref(root);
    free(out);
    /* usage errors: a missing value, a format JSONL batches cannot write */
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 %s/f1.txt --format", bin, tmpdir);
    assert_int_equal(run(cmd, NULL, &err), 2);
    assert_non_null(strstr(err, "needs a value"));
    free(err);
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 --input jsonl --format html %s/f1.txt", bin, tmpdir);
    assert_int_equal(run(cmd, NULL, &err), 2);
    assert_non_null(strstr(err, "--format must be jsonl"));
    free(err);
    snprintf(cmd, sizeof cmd, "%s resolve --min-confidence 0 %s", bin, tmpdir);
    assert_int_equal(run(cmd, NULL, &err), 1);
    assert_non_null(strstr(err, "is a directory"));
    free(err);
    snprintf(cmd, sizeof cmd, "%s resolve --min-confidence 0 %s/nope.txt", bin, tmpdir);
    assert_int_equal(run(cmd, NULL, &err), 1);
    assert_non_null(strstr(err, "No such file"));
    free(err);
}

/* Scoring files whose tokens differ is refused, not silently wrong. */
static void test_eval_misaligned(void **state)
{
    (void)state;
    const char *key = "#begin document (d); part 000\nd 0 0 Lavrov - - - - - - - (0)\nd 0 1 said - - - - - - - -\n"
                      "d 0 2 he - - - - - - - (0)\nd 0 3 left - - - - - - - -\n\n#end document\n";
    const char *resp = "#begin document (d); part 000\nd 0 0 Lavrov - - - - - - - (0)\nd 0 1 said - - - - - - - -\n"
                       "d 0 2 he - - - - - - - (0)\n\n#end document\n";
    write_file("key.conll", key, strlen(key));
    write_file("resp.conll", resp, strlen(resp));
    char cmd[2048], *out = NULL, *err = NULL;
    snprintf(cmd, sizeof cmd, "%s eval %s/key.conll %s/resp.conll", bin, tmpdir, tmpdir);
    assert_int_equal(run(cmd, NULL, &err), 1);
    assert_non_null(strstr(err, "not aligned"));
    free(err);
    snprintf(cmd, sizeof cmd, "%s eval --json %s/key.conll %s/key.conll", bin, tmpdir, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 0);
    assert_non_null(strstr(out, "\"conll_f1\": 100.0"));
    free(out);
}

/* CoNLL-U from raw text: split contractions get their multiword line, the
 * possessive 's does not (as in UD English). */
static void test_conllu_multiword(void **state)
{
    (void)state;
    write_file("mwt.txt", "He didn't go. Russia's plan is ready.", 37);
    char cmd[2048], *out = NULL;
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 --format conllu %s/mwt.txt", bin, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 0);
    assert_non_null(strstr(out, "\n2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdid\t"));
    assert_null(strstr(out, "Russia's\t"));
    assert_non_null(strstr(out, "\n1\tRussia\t"));
    free(out);
    /* CoNLL-2012 from raw text: the tagger's part of speech in column 5 */
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 --format conll %s/mwt.txt", bin, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 0);
    assert_non_null(strstr(out, "\tHe\tPRP\t"));
    free(out);
    /* CoNLL-U in and out: the Entity header matches the bare ids written */
    const char *u = "# global.Entity = GRP-etype-infstat\n# sent_id = 1\n# text = He left.\n"
                    "1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\tEntity=(1-person-giv)\n"
                    "2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
    write_file("u.conllu", u, strlen(u));
    snprintf(cmd, sizeof cmd, "%s annotate --min-confidence 0 --input conllu --format conllu %s/u.conllu", bin, tmpdir);
    assert_int_equal(run(cmd, &out, NULL), 0);
    assert_non_null(strstr(out, "# global.Entity = eid\n"));
    assert_null(strstr(out, "GRP-etype"));
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_and_usage),
        cmocka_unit_test(test_invalid_utf8_exit_1_with_offset),
        cmocka_unit_test(test_empty_input_is_not_an_error),
        cmocka_unit_test(test_resolve_keeps_other_bytes),
        cmocka_unit_test(test_resolve_skips_news_boilerplate),
        cmocka_unit_test(test_resolve_names_places_coordinations),
        cmocka_unit_test(test_jsonl_bad_line_keeps_going),
        cmocka_unit_test(test_huge_single_line),
        cmocka_unit_test(test_jsonl_endless_input_streams),
        cmocka_unit_test(test_size_limit),
        cmocka_unit_test(test_jsonl_line_over_limit),
        cmocka_unit_test(test_options_and_files),
        cmocka_unit_test(test_all_option),
        cmocka_unit_test(test_min_confidence),
        cmocka_unit_test(test_threads_same_output),
        cmocka_unit_test(test_eval_misaligned),
        cmocka_unit_test(test_conllu_multiword),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
