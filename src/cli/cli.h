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

/* Open an input ("-" or NULL = stdin). NULL with a message on `err` when
 * it cannot be opened or is a directory. cli_close_input leaves stdin open. */
FILE *cli_open_input(const char *path, FILE *err);
void cli_close_input(FILE *f);
/* The name of an input in messages: "<stdin>" for "-" or NULL. */
const char *cli_input_name(const char *path);
/* Read a whole file ("-" or NULL = stdin) of at most `max` bytes (SIZE_MAX:
 * no limit). Returns 0, or -1 with a message printed to `err` (naming the
 * limit when the input is larger). *data is NUL terminated; caller frees. */
int cli_read_file(const char *path, size_t max, char **data, size_t *len, FILE *err);
/* "--max-bytes N": N with an optional K, M or G (powers of 1024); at least 1.
 * 0, or -1 with a message naming the command. */
int cli_parse_max_bytes(const char *cmd, const char *value, size_t *max);
/* The --max-bytes line of a command's usage text (shows the default). */
void cli_usage_max_bytes(FILE *f);
/* "--threads N": 1 <= N <= CLI_MAX_THREADS. 0, or -1 with a message. */
#define CLI_MAX_THREADS 1024
int cli_parse_threads(const char *cmd, const char *value, int *threads);
/* "--min-confidence P": a number from 0 to 1. 0, or -1 with a message. */
int cli_parse_confidence(const char *cmd, const char *value, double *p);
/* The default of --threads: the number of online cores. */
int cli_default_threads(void);
/* The --threads line of a command's usage text. */
void cli_usage_threads(FILE *f);
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
/* Analyse a text and write it in `fmt` to `out`; the message of a failure,
 * naming `name`, goes to `err`. 0 or 1. */
int cli_render_text(const coref_model *m, const coref_options *o, const char *name, const char *text,
                    size_t len, coref_format fmt, FILE *out, FILE *err);

/* --input conll / conllu: read given tokens (and gold tags for conllu), run
 * the pipeline, write `fmt` to `out`. Returns 0 or 1 (bad input, messages
 * on `err`). */
int cli_annotate_tabular(const coref_model *m, const coref_options *o, const char *name, const char *data,
                         size_t len, const char *input, coref_format fmt, FILE *out, FILE *err);

/* A batch of documents (batch.c): done by `threads` threads on one shared
 * model and written to stdout in input order, each output flushed as soon
 * as it and all before it are done; at most 2 * threads jobs in flight (the
 * reader waits), so memory is bounded by them, not by the input. threads 1:
 * each job is done and written by cli_batch_add itself, no thread. */
typedef struct cli_job {
    int kind;           /* the command's own (>= 0) */
    char *text;         /* the document or line (malloc'd; the batch frees it) */
    size_t len;
    const char *name;   /* the input's name in messages */
    size_t lineno;      /* the line of a JSONL input, else 0 */
} cli_job;
/* Do one job: its output to `out`, messages to `err` (memory streams when
 * threaded). Must be safe to run in several threads at once. 0, or 1 for a
 * failed document (exit status 1). */
typedef int (*cli_job_fn)(void *ctx, const cli_job *job, FILE *out, FILE *err);
typedef struct cli_batch cli_batch;
/* `sep` (or NULL) is written between two non-empty outputs (the ",\n" of
 * a JSON array). NULL when out of memory. */
cli_batch *cli_batch_start(int threads, cli_job_fn fn, void *ctx, const char *sep);
/* Queue a job (takes `text`). 0, or -1 once the output is gone: the caller
 * stops reading and calls cli_batch_finish. */
int cli_batch_add(cli_batch *b, int kind, char *text, size_t len, const char *name, size_t lineno);
/* The reader's own messages (an input that cannot be opened or read) keep
 * their place among the jobs' messages: write them to the stream that
 * cli_batch_msg_begin gives; cli_batch_msg_end queues them (if any) as a job
 * that fails the run. msg_end returns as cli_batch_add. */
FILE *cli_batch_msg_begin(cli_batch *b);
int cli_batch_msg_end(cli_batch *b, FILE *f);
/* Wait until every job is written; free the batch. 0, 1 when a job or a
 * message failed, -1 when the output went away (the run stopped). */
int cli_batch_finish(cli_batch *b);

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
