/* Shared helpers of the coref command's subcommands. */
#ifndef COREF_CLI_H
#define COREF_CLI_H
#include <stdio.h>
#include "coref.h"

/* Read a whole file ("-" or NULL = stdin). Returns 0, or -1 with a message
 * printed to stderr. *data is NUL terminated; caller frees. */
int cli_read_file(const char *path, char **data, size_t *len);
/* Load the model given by --model, or the embedded one. NULL on failure
 * (message printed). */
coref_model *cli_load_model(const char *path);
/* The --model path given on the command line, or NULL. */
const char *cli_model_path(void);

/* Analyse a text and render it in `fmt`: *s (caller coref_free), or the
 * status with the problem in msg. */
coref_status cli_analyze_render(const coref_model *m, const coref_options *o, const char *text, size_t len,
                                coref_format fmt, char **s, size_t *n, char *msg, size_t msglen);
/* Analyse a text and write it in `fmt`; errors name `name`. 0 or 1. */
int cli_render_text(const coref_model *m, const coref_options *o, const char *name, const char *text,
                    size_t len, coref_format fmt, FILE *out);

/* --input conll / conllu: read given tokens (and gold tags for conllu), run
 * the pipeline, write `fmt`. Returns 0 or 1 (bad input, message printed). */
int cli_annotate_tabular(const coref_model *m, const coref_options *o, const char *name, const char *data,
                         size_t len, const char *input, coref_format fmt, FILE *out);

/* Command-line scanning shared by the subcommands: options may come before
 * or after the files, as "--opt value" or "--opt=value"; "--" ends options.
 * cli_next returns the next argument's kind and fills *name / *value. */
typedef struct cli_args {
    int argc, i, dashdash;
    char **argv;
    char *eq;          /* "--opt=value": the value part */
    char buf[64];      /* the option name without "=value" */
} cli_args;
enum { CLI_END, CLI_FILE, CLI_OPT };
void cli_args_init(cli_args *a, int argc, char **argv);
int cli_next(cli_args *a, const char **arg);
/* The value of the option just returned; NULL (message printed) if missing. */
const char *cli_value(cli_args *a, const char *cmd, const char *opt);

int cmd_resolve(int argc, char **argv);
int cmd_annotate(int argc, char **argv);
int cmd_eval(int argc, char **argv);
#endif
