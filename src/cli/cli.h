/* The coref command: the helpers its subcommands share (common.c) and the
 * subcommands main.c dispatches to (cmd_*.c). */
#ifndef COREF_CLI_H
#define COREF_CLI_H
#include <stdio.h>
#include "coref.h"

/* The most bytes one document may have (a text or CoNLL input, one JSONL
 * line) unless --max-bytes says otherwise. Reading stops as soon as an
 * input goes past it, so a producer that never stops costs bounded memory.
 * Analysis needs a multiple of the input's size (about 15 bytes a byte for
 * resolve, 55 for annotate --format json: README "Limits"), so 64 MiB, some
 * 12 M tokens, stays within 4 GB. */
#define CLI_MAX_BYTES_DEFAULT ((size_t)64 << 20)

/* Open an input ("-" or NULL = stdin). NULL with a message when it cannot
 * be opened or is a directory. cli_close_input leaves stdin open. */
FILE *cli_open_input(const char *path);
void cli_close_input(FILE *f);
/* The name of an input in messages: "<stdin>" for "-" or NULL. */
const char *cli_input_name(const char *path);
/* Read a whole file ("-" or NULL = stdin) of at most `max` bytes (SIZE_MAX:
 * no limit). Returns 0, or -1 with a message printed to stderr (naming the
 * limit when the input is larger). *data is NUL terminated; caller frees. */
int cli_read_file(const char *path, size_t max, char **data, size_t *len);
/* "--max-bytes N": N with an optional K, M or G (powers of 1024); at least 1.
 * 0, or -1 with a message naming the command. */
int cli_parse_max_bytes(const char *cmd, const char *value, size_t *max);
/* The --max-bytes line of a command's usage text (shows the default). */
void cli_usage_max_bytes(FILE *f);
/* Flush stdout after a finished piece of output. 0, or -1 when the output
 * is gone: silently when its reader has closed it (EPIPE, as with
 * `| head`), else with a message. The caller then stops. */
int cli_flush_output(void);
/* Load the model given by --model, or the embedded one. NULL on failure
 * (message printed). */
coref_model *cli_load_model(const char *path);
/* The --model path given on the command line, or NULL; main sets it. */
const char *cli_model_path(void);
void cli_set_model_path(const char *path);

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
int cmd_dump(int argc, char **argv);
#endif
