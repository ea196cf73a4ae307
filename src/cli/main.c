/* coref: the command-line client of libcoref. main only reads the global
 * options and dispatches to a subcommand (cmd_*.c); the helpers they share
 * are in common.c. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: coref [--model PATH] COMMAND [OPTIONS] [FILE...]\n"
            "\n"
            "commands:\n"
            "  resolve [--nominals] [--all] [--min-confidence P] [--no-clean] [--max-bytes N]\n"
            "          [--threads N] [FILE...]\n"
            "                                                resolved text (stdin when no FILE)\n"
            "  annotate [--format json|jsonl|conll|conllu|html|text]\n"
            "           [--input text|jsonl|conll|conllu] [--max-bytes N] [--threads N]\n"
            "           [FILE...]                             full analysis\n"
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
    cli_usage_threads(f);
    fprintf(f,
            "\n"
            "exit status: 0 success, 1 bad input, 2 usage error\n");
}

int main(int argc, char **argv)
{
    /* A closed output pipe is an EPIPE that the commands see and stop on,
     * quietly and after freeing, rather than a kill in mid-write. */
    signal(SIGPIPE, SIG_IGN);
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "--model") == 0 && i + 1 < argc) {
            cli_set_model_path(argv[i + 1]);
            i += 2;
        } else if (strncmp(argv[i], "--model=", 8) == 0) {
            cli_set_model_path(argv[i] + 8);
            i++;
        } else if (strcmp(argv[i], "--version") == 0) {
            coref_model *m = cli_load_model(cli_model_path());
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
            cli_set_model_path(sargv[k + 1]);
            memmove(sargv + k, sargv + k + 2, (size_t)(sargc - k - 2) * sizeof *sargv);
            sargc -= 2;
            k--;
        }
    }
    int rc;
    if (strcmp(cmd, "resolve") == 0) rc = cmd_resolve(sargc, sargv);
    else if (strcmp(cmd, "annotate") == 0) rc = cmd_annotate(sargc, sargv);
    else if (strcmp(cmd, "eval") == 0) rc = cmd_eval(sargc, sargv);
    else if (strcmp(cmd, "dump") == 0) rc = cmd_dump(sargc, sargv);
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
