/* The helpers every subcommand shares: argument scanning, bounded input
 * reading, output flushing, model loading, analyse-and-render. main.c (the
 * dispatcher) and the cmd_*.c commands call these; these call neither. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/fileio.h"   /* libc-only file reading, shared with the library */

/* --model PATH from the command line (main sets it), NULL: the embedded model */
static const char *model_path = NULL;

void cli_set_model_path(const char *path) { model_path = path; }

coref_model *cli_load_model(const char *path)
{
    coref_model *m = NULL;
    coref_error err;
    memset(&err, 0, sizeof err);
    coref_status st = path ? coref_model_load_file(path, &m, &err) : coref_model_load_embedded(&m, &err);
    if (st != COREF_OK) {
        fprintf(stderr, "coref: %s: %s\n", path ? path : "embedded model", err.message);
        return NULL;
    }
    return m;
}

const char *cli_model_path(void) { return model_path; }

void cli_args_init(cli_args *a, int argc, char **argv)
{
    memset(a, 0, sizeof *a);
    a->argc = argc;
    a->argv = argv;
    a->i = 1;
}

int cli_next(cli_args *a, const char **arg)
{
    a->eq = NULL;
    while (a->i < a->argc) {
        char *s = a->argv[a->i++];
        if (!a->dashdash && strcmp(s, "--") == 0) { a->dashdash = 1; continue; }
        if (a->dashdash || s[0] != '-' || s[1] == 0) { *arg = s; return CLI_FILE; }
        char *eq = s[1] == '-' ? strchr(s, '=') : NULL;
        if (eq) {
            size_t n = (size_t)(eq - s) < sizeof a->buf - 1 ? (size_t)(eq - s) : sizeof a->buf - 1;
            memcpy(a->buf, s, n);
            a->buf[n] = 0;
            a->eq = eq + 1;
            *arg = a->buf;
        } else {
            *arg = s;
        }
        return CLI_OPT;
    }
    return CLI_END;
}

const char *cli_value(cli_args *a, const char *cmd, const char *opt)
{
    if (a->eq) return a->eq;
    if (a->i < a->argc) return a->argv[a->i++];
    fprintf(stderr, "coref %s: option %s needs a value\n", cmd, opt);
    return NULL;
}

const char *cli_input_name(const char *path)
{
    return !path || strcmp(path, "-") == 0 ? "<stdin>" : path;
}

FILE *cli_open_input(const char *path, FILE *err)
{
    if (!path || strcmp(path, "-") == 0) return stdin;
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(err, "coref: %s: cannot open file: %s\n", path, strerror(errno));
        return NULL;
    }
    struct stat stt;
    if (fstat(fileno(f), &stt) == 0 && S_ISDIR(stt.st_mode)) {
        fprintf(err, "coref: %s: is a directory\n", path);
        fclose(f);
        return NULL;
    }
    return f;
}

void cli_close_input(FILE *f)
{
    if (f && f != stdin) fclose(f);
}

/* A byte count as written with --max-bytes: "128M", "64K", "1000". */
static void format_size(size_t n, char *buf, size_t len)
{
    static const char unit[] = "GMK";
    for (int i = 0; i < 3; i++) {
        size_t u = (size_t)1 << (10 * (3 - i));
        if (n >= u && n % u == 0) {
            snprintf(buf, len, "%zu%c", n / u, unit[i]);
            return;
        }
    }
    snprintf(buf, len, "%zu", n);
}

int cli_read_file(const char *path, size_t max, char **data, size_t *len, FILE *err)
{
    FILE *f = cli_open_input(path, err);
    if (!f) return -1;
    char *p = NULL;
    size_t n = 0;
    int rc = read_stream(f, max, &p, &n);
    cli_close_input(f);
    if (rc == FILEIO_ERR_LIMIT) {
        char sz[32];
        format_size(max, sz, sizeof sz);
        fprintf(err, "coref: %s: input is larger than the limit of %zu bytes (%s); stopped reading (see --max-bytes)\n",
                cli_input_name(path), max, sz);
        return -1;
    }
    if (rc != 0) {
        fprintf(err, "coref: %s: %s\n", cli_input_name(path), rc == FILEIO_ERR_NOMEM ? "out of memory" : "read error");
        return -1;
    }
    *data = p;
    *len = n;
    return 0;
}

int cli_parse_max_bytes(const char *cmd, const char *value, size_t *max)
{
    const char *p = value;
    size_t n = 0;
    int ok = *p >= '0' && *p <= '9';
    for (; ok && *p >= '0' && *p <= '9'; p++) {
        if (n > (SIZE_MAX - 9) / 10) ok = 0;
        n = n * 10 + (size_t)(*p - '0');
    }
    int shift = 0;
    if (ok && *p) {
        const char *u = strchr("KkMmGg", *p);
        if (u && p[1] == 0) shift = 10 * (1 + (int)(u - "KkMmGg") / 2);
        else ok = 0;
    }
    if (ok && shift && n > SIZE_MAX >> shift) ok = 0;
    n <<= ok ? shift : 0;
    if (!ok || n == 0) {
        fprintf(stderr, "coref %s: --max-bytes wants a positive byte count such as 1000, 64K, 128M or 2G, not '%s'\n", cmd,
                value);
        return -1;
    }
    *max = n;
    return 0;
}

void cli_usage_max_bytes(FILE *f)
{
    char sz[32];
    format_size(CLI_MAX_BYTES_DEFAULT, sz, sizeof sz);
    fprintf(f,
            "  --max-bytes N  refuse (exit 1) a document of more than N bytes: a text or\n"
            "                 CoNLL input, or one JSONL line (an error record, then the next\n"
            "                 line); suffixes K, M, G; default %s. Input is read only up to\n"
            "                 the limit, so a stream that never ends costs bounded memory\n",
            sz);
}

int cli_parse_threads(const char *cmd, const char *value, int *threads)
{
    int n = 0, ok = *value >= '0' && *value <= '9';
    for (const char *p = value; ok && *p; p++) {
        if (*p < '0' || *p > '9') ok = 0;
        else if ((n = n * 10 + (*p - '0')) > CLI_MAX_THREADS) ok = 0;
    }
    if (!ok || n < 1) {
        fprintf(stderr, "coref %s: --threads wants a number of threads from 1 to %d, not '%s'\n", cmd,
                CLI_MAX_THREADS, value);
        return -1;
    }
    *threads = n;
    return 0;
}

int cli_parse_confidence(const char *cmd, const char *value, double *p)
{
    char *end = NULL;
    double v = *value ? strtod(value, &end) : -1;
    if (!end || *end || !(v >= 0 && v <= 1)) {
        fprintf(stderr, "coref %s: --min-confidence wants a number from 0 to 1, not '%s'\n", cmd, value);
        return -1;
    }
    *p = v;
    return 0;
}

int cli_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > CLI_MAX_THREADS ? CLI_MAX_THREADS : (int)n;
}

void cli_usage_threads(FILE *f)
{
    fprintf(f,
            "  --threads N    analyse N documents at once (JSONL lines, or several FILEs) on\n"
            "                 one model; output in input order; default: the cores (%d here)\n",
            cli_default_threads());
}

int cli_flush_output(void)
{
    static int failed;
    if (failed) return -1;
    if (fflush(stdout) == 0 && !ferror(stdout)) return 0;
    failed = 1;
    /* the reader went away (`| head`): nothing to tell it, stop quietly */
    if (errno != EPIPE) fprintf(stderr, "coref: <stdout>: write error: %s\n", strerror(errno));
    return -1;
}

coref_status cli_analyze_render(const coref_model *m, const coref_options *o, const char *text, size_t len,
                                coref_format fmt, char **s, size_t *n, char *msg, size_t msglen)
{
    *s = NULL;
    *n = 0;
    coref_doc *d = NULL;
    coref_error err;
    memset(&err, 0, sizeof err);
    coref_status st = coref_doc_analyze(m, text, len, o, &d, &err);
    if (st != COREF_OK) {
        snprintf(msg, msglen, "%s", err.message);
        return st;
    }
    st = coref_doc_render(d, fmt, o, s, n);
    coref_doc_free(d);
    if (st != COREF_OK) snprintf(msg, msglen, "%s", coref_strerror(st));
    return st;
}

static int write_to_file(const char *s, size_t n, void *f) { return fwrite(s, 1, n, f) == n ? 0 : -1; }

int cli_render_text(const coref_model *m, const coref_options *o, const char *name, const char *text,
                    size_t len, coref_format fmt, FILE *out, FILE *err)
{
    coref_doc *d = NULL;
    coref_error e;
    memset(&e, 0, sizeof e);
    if (coref_doc_analyze(m, text, len, o, &d, &e) != COREF_OK) {
        fprintf(err, "coref: %s: %s\n", name, e.message);
        return 1;
    }
    /* written as it is rendered: a large document's output is never whole
     * in memory (a write error is the caller's to see on `out`) */
    coref_status st = coref_doc_write(d, fmt, o, write_to_file, out);
    coref_doc_free(d);
    if (st != COREF_OK && st != COREF_ERR_IO) {
        fprintf(err, "coref: %s: %s\n", name, coref_strerror(st));
        return 1;
    }
    return 0;
}
