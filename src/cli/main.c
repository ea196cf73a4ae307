/* coref: the command-line client of libcoref. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "core/fileio.h"   /* libc-only file reading, shared with the library */

static void usage(FILE *f)
{
    fprintf(f,
            "usage: coref [--model PATH] COMMAND [OPTIONS] [FILE...]\n"
            "\n"
            "commands:\n"
            "  resolve [--nominals] [--no-clean] [--max-bytes N] [FILE...]\n"
            "                                                resolved text (stdin when no FILE)\n"
            "  annotate [--format json|jsonl|conll|conllu|html|text]\n"
            "           [--input text|jsonl|conll|conllu] [--max-bytes N] [FILE...]   full analysis\n"
            "  eval [--format conll|json] [--json] KEY RESPONSE   MUC, B3, CEAF-e, LEA, CoNLL F1\n"
            "  dump                                          model metadata\n"
            "\n"
            "options:\n"
            "  --model PATH   use this model file instead of the embedded one\n"
            "  --version      print version and model name\n"
            "  -h, --help     this help\n"
            "\n"
            "resolve and annotate:\n");
    cli_usage_max_bytes(f);
    fprintf(f,
            "\n"
            "exit status: 0 success, 1 bad input, 2 usage error\n");
}

static const char *model_path = NULL;

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

FILE *cli_open_input(const char *path)
{
    if (!path || strcmp(path, "-") == 0) return stdin;
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "coref: %s: cannot open file: %s\n", path, strerror(errno));
        return NULL;
    }
    struct stat stt;
    if (fstat(fileno(f), &stt) == 0 && S_ISDIR(stt.st_mode)) {
        fprintf(stderr, "coref: %s: is a directory\n", path);
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

int cli_read_file(const char *path, size_t max, char **data, size_t *len)
{
    FILE *f = cli_open_input(path);
    if (!f) return -1;
    char *p = NULL;
    size_t n = 0;
    int rc = read_stream(f, max, &p, &n);
    cli_close_input(f);
    if (rc == FILEIO_ERR_LIMIT) {
        char sz[32];
        format_size(max, sz, sizeof sz);
        fprintf(stderr, "coref: %s: input is larger than the limit of %zu bytes (%s); stopped reading (see --max-bytes)\n",
                cli_input_name(path), max, sz);
        return -1;
    }
    if (rc != 0) {
        fprintf(stderr, "coref: %s: %s\n", cli_input_name(path), rc == FILEIO_ERR_NOMEM ? "out of memory" : "read error");
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

static int cmd_dump(void)
{
    coref_model *m = cli_load_model(model_path);
    if (!m) return 1;
    static const char *keys[] = {"name", "date", "version", "data", "tagger", "parser", "lexicon", "scores"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *v = coref_model_info(m, keys[i]);
        if (v) printf("%s: %s\n", keys[i], v);
    }
    coref_model_free(m);
    return 0;
}

int main(int argc, char **argv)
{
    /* A closed output pipe is an EPIPE that the commands see and stop on,
     * quietly and after freeing, rather than a kill in mid-write. */
    signal(SIGPIPE, SIG_IGN);
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "--model") == 0 && i + 1 < argc) {
            model_path = argv[i + 1];
            i += 2;
        } else if (strncmp(argv[i], "--model=", 8) == 0) {
            model_path = argv[i] + 8;
            i++;
        } else if (strcmp(argv[i], "--version") == 0) {
            coref_model *m = cli_load_model(model_path);
            const char *name = m ? coref_model_info(m, "name") : NULL;
            const char *date = m ? coref_model_info(m, "date") : NULL;
            printf("coref %s (model %s, trained %s)\n", coref_version(), name ? name : "unknown",
                   date ? date : "unknown");
            coref_model_free(m);
            return m ? 0 : 1;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "coref: unknown option %s\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[i];
    /* Subcommands see argv starting at their own name; --model may also
     * follow the command name. */
    int sargc = argc - i;
    char **sargv = argv + i;
    for (int k = 1; k < sargc; k++) {
        if (strcmp(sargv[k], "--model") == 0 && k + 1 < sargc) {
            model_path = sargv[k + 1];
            memmove(sargv + k, sargv + k + 2, (size_t)(sargc - k - 2) * sizeof *sargv);
            sargc -= 2;
            k--;
        }
    }
    int rc;
    if (strcmp(cmd, "resolve") == 0) rc = cmd_resolve(sargc, sargv);
    else if (strcmp(cmd, "annotate") == 0) rc = cmd_annotate(sargc, sargv);
    else if (strcmp(cmd, "eval") == 0) rc = cmd_eval(sargc, sargv);
    else if (strcmp(cmd, "dump") == 0) rc = cmd_dump();
    else if (strcmp(cmd, "help") == 0) { usage(stdout); rc = 0; }
    else {
        fprintf(stderr, "coref: unknown command '%s'\n", cmd);
        usage(stderr);
        return 2;
    }
    /* output that could not be written is not a success */
    if (cli_flush_output() != 0 && rc == 0) rc = 1;
    return rc;
}
