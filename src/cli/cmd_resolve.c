/* coref resolve: plain text in, resolved text out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

static const char resolve_usage[] =
    "usage: coref resolve [--nominals] [--all] [--min-confidence P] [--no-clean] [--max-bytes N] [--threads N]\n"
    "                     [FILE...]\n"
    "  the resolved text of each FILE (stdin when none or \"-\")\n"
    "  --nominals   also replace definite nominal mentions (\"the Russian diplomat\")\n"
    "  --all        also replace a pronoun whose name already stands earlier in its\n"
    "               sentence (\"Lavrov said Lavrov's country\"; left alone by default)\n"
    "  --min-confidence P  replace a mention only when the replacement's confidence is at\n"
    "               least P (0 to 1; default: the model's threshold, chosen on dev; 0: all)\n"
    "  --no-clean   analyse news boilerplate too (kept byte for byte either way)\n";

typedef struct {
    const coref_model *m;
    const coref_options *o;
} resolve_ctx;

/* One document (a cli_batch job): its resolved text. */
static int resolve_job(void *ctx, const cli_job *job, FILE *out, FILE *err)
{
    const resolve_ctx *c = ctx;
    return cli_render_text(c->m, c->o, job->name, job->text, job->len, COREF_FORMAT_TEXT, out, err);
}

static void usage_tail(FILE *f)
{
    cli_usage_max_bytes(f);
    cli_usage_threads(f);
}

int cmd_resolve(int argc, char **argv)
{
    coref_options o = coref_default_options();
    size_t max_bytes = CLI_MAX_BYTES_DEFAULT;
    int threads = cli_default_threads();
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) return 1;
    int nfiles = 0;
    cli_args a;
    cli_args_init(&a, argc, argv);
    const char *arg, *v;
    for (int k; (k = cli_next(&a, &arg)) != CLI_END;) {
        if (k == CLI_FILE) files[nfiles++] = (char *)arg;
        else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(resolve_usage, stdout);
            usage_tail(stdout);
            free(files);
            return 0;
        } else if (strcmp(arg, "--nominals") == 0) o.nominals = 1;
        else if (strcmp(arg, "--all") == 0) o.all = 1;
        else if (strcmp(arg, "--min-confidence") == 0) {
            if (!(v = cli_value(&a, "resolve", arg)) || cli_parse_confidence("resolve", v, &o.min_confidence) != 0) {
                fputs(resolve_usage, stderr);
                usage_tail(stderr);
                free(files);
                return 2;
            }
        }
        else if (strcmp(arg, "--no-clean") == 0) o.clean = 0;
        else if (strcmp(arg, "--max-bytes") == 0) {
            if (!(v = cli_value(&a, "resolve", arg)) || cli_parse_max_bytes("resolve", v, &max_bytes) != 0) {
                fputs(resolve_usage, stderr);
                usage_tail(stderr);
                free(files);
                return 2;
            }
        } else if (strcmp(arg, "--threads") == 0) {
            if (!(v = cli_value(&a, "resolve", arg)) || cli_parse_threads("resolve", v, &threads) != 0) {
                fputs(resolve_usage, stderr);
                usage_tail(stderr);
                free(files);
                return 2;
            }
        } else {
            fprintf(stderr, "coref resolve: unknown option %s\n%s", arg, resolve_usage);
            usage_tail(stderr);
            free(files);
            return 2;
        }
    }
    coref_model *m = cli_load_model(cli_model_path());
    if (!m) { free(files); return 1; }
    /* Files are read one after another here and analysed by the batch: in
     * parallel when there are several, each written when it and those
     * before it are done; a closed output ends the run. */
    resolve_ctx ctx = {m, &o};
    cli_batch *b = cli_batch_start(nfiles > 1 ? threads : 1, resolve_job, &ctx, NULL);
    for (int i = 0; b && i < (nfiles ? nfiles : 1); i++) {
        const char *path = nfiles ? files[i] : "-";
        char *text = NULL;
        size_t len = 0;
        FILE *msg = cli_batch_msg_begin(b);
        int r = cli_read_file(path, max_bytes, &text, &len, msg);
        if (cli_batch_msg_end(b, msg) != 0) { free(text); break; }
        if (r == 0 && cli_batch_add(b, 0, text, len, cli_input_name(path), 0) != 0) break;
    }
    int rc = cli_batch_finish(b) != 0;
    coref_model_free(m);
    free(files);
    return rc;
}
