/* coref resolve: plain text in, resolved text out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

static const char resolve_usage[] =
    "usage: coref resolve [--nominals] [--no-clean] [--max-bytes N] [FILE...]\n"
    "  the resolved text of each FILE (stdin when none or \"-\")\n"
    "  --nominals   also replace definite nominal mentions (\"the Russian diplomat\")\n"
    "  --no-clean   analyse news boilerplate too (kept byte for byte either way)\n";

int cmd_resolve(int argc, char **argv)
{
    coref_options o = coref_default_options();
    size_t max_bytes = CLI_MAX_BYTES_DEFAULT;
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
            cli_usage_max_bytes(stdout);
            free(files);
            return 0;
        } else if (strcmp(arg, "--nominals") == 0) o.nominals = 1;
        else if (strcmp(arg, "--no-clean") == 0) o.clean = 0;
        else if (strcmp(arg, "--max-bytes") == 0) {
            if (!(v = cli_value(&a, "resolve", arg)) || cli_parse_max_bytes("resolve", v, &max_bytes) != 0) {
                fputs(resolve_usage, stderr);
                cli_usage_max_bytes(stderr);
                free(files);
                return 2;
            }
        } else {
            fprintf(stderr, "coref resolve: unknown option %s\n%s", arg, resolve_usage);
            cli_usage_max_bytes(stderr);
            free(files);
            return 2;
        }
    }
    coref_model *m = cli_load_model(cli_model_path());
    if (!m) { free(files); return 1; }
    int rc = 0;
    for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
        const char *path = nfiles ? files[i] : "-";
        char *text = NULL;
        size_t len = 0;
        if (cli_read_file(path, max_bytes, &text, &len) != 0) { rc = 1; continue; }
        if (cli_render_text(m, &o, cli_input_name(path), text, len, COREF_FORMAT_TEXT, stdout) != 0) rc = 1;
        free(text);
        /* each document goes out when done; a closed output ends the run */
        if (cli_flush_output() != 0) { rc = 1; break; }
    }
    coref_model_free(m);
    free(files);
    return rc;
}
