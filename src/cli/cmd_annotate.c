/* coref annotate: full analysis in one of several formats. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli/cli.h"
#include "core/fileio.h"   /* read_line, skip_line: JSONL as a stream */

static int parse_format(const char *s, coref_format *f)
{
    static const struct { const char *name; coref_format fmt; } tab[] = {
        {"json", COREF_FORMAT_JSON}, {"jsonl", COREF_FORMAT_JSONL}, {"conll", COREF_FORMAT_CONLL},
        {"conllu", COREF_FORMAT_CONLLU}, {"html", COREF_FORMAT_HTML}, {"text", COREF_FORMAT_TEXT}};
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (strcmp(s, tab[i].name) == 0) { *f = tab[i].fmt; return 0; }
    return -1;
}

/* Print one JSONL error record {"id": ..., "error": "..."}. */
static void jsonl_error(FILE *out, json_t *id, const char *msg)
{
    json_t *o = json_object();
    json_object_set(o, "id", id ? id : json_null());
    json_object_set_new(o, "error", json_string(msg));
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (s) {
        fputs(s, out);
        putc('\n', out);
    }
    free(s);
    json_decref(o);
}

/* Best effort for a line that is not valid JSON: find `"id": <scalar>` and
 * decode just that value, so the error record can still carry the id. */
static json_t *salvage_id(const char *line, size_t n)
{
    const char *end = line + n;
    for (const char *p = line; p + 4 <= end; p++) {
        if (memcmp(p, "\"id\"", 4) != 0) continue;
        const char *q = p + 4;
        while (q < end && (*q == ' ' || *q == '\t')) q++;
        if (q >= end || *q != ':') continue;
        q++;
        while (q < end && (*q == ' ' || *q == '\t')) q++;
        const char *v = q;
        if (q < end && *q == '"') {
            for (q++; q < end && *q != '"'; q++)
                if (*q == '\\') q++;
            if (q >= end) return NULL;
            q++;
        } else {
            while (q < end && (*q == '-' || *q == '.' || *q == '+' || (*q >= '0' && *q <= '9') || *q == 'e' || *q == 'E')) q++;
        }
        if (q == v) return NULL;
        json_t *id = json_loadb(v, (size_t)(q - v), JSON_DECODE_ANY, NULL);
        if (id && (json_is_string(id) || json_is_number(id))) return id;
        json_decref(id);
        return NULL;
    }
    return NULL;
}

/* Print the rendered JSON object s ("{...}", n bytes) with one field put
 * first: {"id":..., <fields>}. `lead` follows the brace: "" on one line,
 * "\n  " in the indented form. value_json NULL prints null. */
static void print_with_field(FILE *out, const char *lead, const char *key, const char *value_json, const char *s,
                             size_t n)
{
    while (n && s[n - 1] == '\n') n--;
    fprintf(out, "{%s\"%s\":%s%s", lead, key, *lead ? " " : "", value_json ? value_json : "null");
    if (n > 2) {
        putc(',', out);
        fwrite(s + 1, 1, n - 1, out);
    } else {
        putc('}', out);
    }
    putc('\n', out);
}

/* One JSONL line (neither blank nor over the limit): its record, or an
 * error record. 0, or 1 for an error record. */
static int jsonl_record(const coref_model *m, const coref_options *o, const char *name, size_t lineno,
                        const char *line, size_t ll, FILE *out, FILE *err)
{
    int rc = 0;
    json_error_t jerr;
    json_t *root = json_loadb(line, ll, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &jerr);
    json_t *id = root && json_is_object(root) ? json_object_get(root, "id") : NULL;
    json_t *text = root && json_is_object(root) ? json_object_get(root, "text") : NULL;
    char msg[400];
    if (!root) {
        snprintf(msg, sizeof msg, "line %zu: invalid JSON: %s", lineno, jerr.text);
        json_t *sid = salvage_id(line, ll);
        jsonl_error(out, sid, msg);
        json_decref(sid);
        fprintf(err, "coref: %s: %s\n", name, msg);
        rc = 1;
    } else if (!text || !json_is_string(text)) {
        snprintf(msg, sizeof msg, "line %zu: no \"text\" string", lineno);
        jsonl_error(out, id, msg);
        fprintf(err, "coref: %s: %s\n", name, msg);
        rc = 1;
    } else {
        char *s, emsg[300];
        size_t n;
        if (cli_analyze_render(m, o, json_string_value(text), json_string_length(text), COREF_FORMAT_JSONL, &s, &n,
                               emsg, sizeof emsg) != COREF_OK) {
            snprintf(msg, sizeof msg, "line %zu: %s", lineno, emsg);
            jsonl_error(out, id, msg);
            fprintf(err, "coref: %s: %s\n", name, msg);
            rc = 1;
        } else {
            char *ids = id ? json_dumps(id, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
            print_with_field(out, "", "id", ids, s, n);
            free(ids);
            coref_free(s);
        }
    }
    json_decref(root);
    return rc;
}

/* One document of a JSON array: {"file": name, <document fields>}. */
static int render_named(const coref_model *m, const coref_options *o, const char *name, const char *text,
                        size_t len, FILE *out, FILE *err)
{
    char *s, msg[300];
    size_t n;
    if (cli_analyze_render(m, o, text, len, COREF_FORMAT_JSON, &s, &n, msg, sizeof msg) != COREF_OK) {
        fprintf(err, "coref: %s: %s\n", name, msg);
        return 1;
    }
    json_t *js = json_string(name);
    char *fs = js ? json_dumps(js, JSON_ENCODE_ANY) : NULL;
    json_decref(js);
    print_with_field(out, "\n  ", "file", fs, s, n);
    free(fs);
    coref_free(s);
    return 0;
}

/* What a job of the batch is (cli_job.kind). */
enum {
    JOB_LINE,       /* a JSONL line */
    JOB_LONG_LINE,  /* the first max bytes of a JSONL line over the limit */
    JOB_DOC         /* a whole input (text, CoNLL, CoNLL-U) */
};

typedef struct {
    const coref_model *m;
    const coref_options *o;
    coref_format fmt;
    const char *input;  /* --input */
    int array;          /* several texts as one JSON array */
    size_t max;         /* --max-bytes */
} annotate_ctx;

/* One job of the batch (run by several threads at once: it only reads ctx). */
static int annotate_job(void *ctx, const cli_job *job, FILE *out, FILE *err)
{
    const annotate_ctx *c = ctx;
    char msg[400];
    if (job->kind == JOB_LONG_LINE) {
        snprintf(msg, sizeof msg, "line %zu: longer than the limit of %zu bytes (--max-bytes)", job->lineno, c->max);
        json_t *sid = salvage_id(job->text, job->len);
        jsonl_error(out, sid, msg);
        json_decref(sid);
        fprintf(err, "coref: %s: %s\n", job->name, msg);
        return 1;
    }
    if (job->kind == JOB_LINE) {
        size_t ll = job->len;
        if (ll && job->text[ll - 1] == '\r') ll--;
        int blank = 1;
        for (size_t k = 0; k < ll; k++)
            if (job->text[k] != ' ' && job->text[k] != '\t') { blank = 0; break; }
        if (!blank) return jsonl_record(c->m, c->o, job->name, job->lineno, job->text, ll, out, err);
        snprintf(msg, sizeof msg, "line %zu: empty line", job->lineno);
        jsonl_error(out, NULL, msg);
        fprintf(err, "coref: %s: %s\n", job->name, msg);
        return 1;
    }
    if (strcmp(c->input, "conll") == 0 || strcmp(c->input, "conllu") == 0)
        return cli_annotate_tabular(c->m, c->o, job->name, job->text, job->len, c->input, c->fmt, out, err);
    if (c->array) return render_named(c->m, c->o, job->name, job->text, job->len, out, err);
    return cli_render_text(c->m, c->o, job->name, job->text, job->len, c->fmt, out, err);
}

/* A message of the reader about its input, in its place among the records. */
static int reader_message(cli_batch *b, const char *name, size_t lineno, const char *problem)
{
    FILE *msg = cli_batch_msg_begin(b);
    fprintf(msg, "coref: %s: line %zu: %s\n", name, lineno, problem);
    return cli_batch_msg_end(b, msg);
}

/* --input jsonl: one {"id":..,"text":..} per line; one output line per input
 * line, same order; a bad line yields an error record and processing goes on.
 * A stream: each line (at most max bytes) is queued as soon as it is read,
 * and the batch writes each record when done. A line over the limit is
 * queued before the rest of it is dropped, so a line that never ends still
 * gets its answer. 0, or -1 when the output is gone and the run must stop. */
static int read_jsonl(cli_batch *b, const char *path, size_t max)
{
    FILE *msg = cli_batch_msg_begin(b);
    FILE *f = cli_open_input(path, msg);
    int gone = cli_batch_msg_end(b, msg) != 0;
    if (!f || gone) {
        cli_close_input(f);
        return gone ? -1 : 0;
    }
    const char *name = cli_input_name(path);
    char *line = NULL;
    size_t cap = 0, ll, lineno = 0;
    int r;
    while (!gone && (r = read_line(f, max, &line, &cap, &ll)) != 0) {
        lineno++;
        char *copy = r == 1 || r == FILEIO_ERR_LIMIT ? malloc(ll + 1) : NULL;
        if (!copy) {
            gone = reader_message(b, name, lineno, r == FILEIO_ERR_READ ? "read error" : "out of memory") != 0;
            break;
        }
        memcpy(copy, line, ll);
        copy[ll] = 0;
        gone = cli_batch_add(b, r == FILEIO_ERR_LIMIT ? JOB_LONG_LINE : JOB_LINE, copy, ll, name, lineno) != 0;
        if (!gone && r == FILEIO_ERR_LIMIT && skip_line(f) != 0) {
            gone = reader_message(b, name, lineno, "read error") != 0;
            break;
        }
    }
    free(line);
    cli_close_input(f);
    return gone ? -1 : 0;
}

static const char annotate_usage[] =
    "usage: coref annotate [--format json|jsonl|conll|conllu|html|text]\n"
    "                      [--input text|jsonl|conll|conllu] [--nominals] [--all] [--min-confidence P]\n"
    "                      [--no-clean] [--singletons]\n"
    "                      [--max-bytes N] [--threads N] [FILE...]\n"
    "  the full analysis of each FILE (stdin when none or \"-\"); several FILEs with\n"
    "  --format json give one JSON array of documents, each with its \"file\"\n"
    "  --input jsonl   one {\"id\":..,\"text\":..} per line in, one JSONL record per line out,\n"
    "                  each written as soon as it is done (the input is read as a stream)\n"
    "  --nominals, --all, --min-confidence P  the \"resolved\" text and its \"replacements\"\n"
    "                  as coref resolve with the same options writes them\n"
    "  --singletons    conll, conllu: also write each mention of no cluster as an entity\n"
    "                  of its own (json always lists every mention)\n";

int cmd_annotate(int argc, char **argv)
{
    coref_options o = coref_default_options();
    coref_format fmt = COREF_FORMAT_JSON;
    int fmt_given = 0;
    const char *input = "text";
    size_t max_bytes = CLI_MAX_BYTES_DEFAULT;
    int threads = cli_default_threads();
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) return 1;
    int nfiles = 0, bad = 0;
    cli_args a;
    cli_args_init(&a, argc, argv);
    const char *arg, *v;
    for (int k; !bad && (k = cli_next(&a, &arg)) != CLI_END;) {
        if (k == CLI_FILE) files[nfiles++] = (char *)arg;
        else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(annotate_usage, stdout);
            cli_usage_max_bytes(stdout);
            cli_usage_threads(stdout);
            free(files);
            return 0;
        } else if (strcmp(arg, "--format") == 0 || strcmp(arg, "-f") == 0) {
            if (!(v = cli_value(&a, "annotate", arg))) bad = 1;
            else if (parse_format(v, &fmt) != 0) {
                fprintf(stderr, "coref annotate: unknown format '%s'\n", v);
                bad = 1;
            }
            fmt_given = 1;
        } else if (strcmp(arg, "--input") == 0) {
            if (!(v = cli_value(&a, "annotate", arg))) bad = 1;
            else if (strcmp(v, "text") && strcmp(v, "jsonl") && strcmp(v, "conll") && strcmp(v, "conllu")) {
                fprintf(stderr, "coref annotate: unknown input '%s'\n", v);
                bad = 1;
            } else {
                input = v;
            }
        } else if (strcmp(arg, "--max-bytes") == 0) {
            if (!(v = cli_value(&a, "annotate", arg)) || cli_parse_max_bytes("annotate", v, &max_bytes) != 0) bad = 1;
        } else if (strcmp(arg, "--threads") == 0) {
            if (!(v = cli_value(&a, "annotate", arg)) || cli_parse_threads("annotate", v, &threads) != 0) bad = 1;
        } else if (strcmp(arg, "--nominals") == 0) o.nominals = 1;
        else if (strcmp(arg, "--all") == 0) o.all = 1;
        else if (strcmp(arg, "--min-confidence") == 0) {
            if (!(v = cli_value(&a, "annotate", arg)) || cli_parse_confidence("annotate", v, &o.min_confidence) != 0)
                bad = 1;
        }
        else if (strcmp(arg, "--no-clean") == 0) o.clean = 0;
        else if (strcmp(arg, "--singletons") == 0) o.singletons = 1;
        else {
            fprintf(stderr, "coref annotate: unknown option %s\n", arg);
            bad = 1;
        }
    }
    /* JSONL batches answer in JSONL: one record per input line */
    if (!bad && strcmp(input, "jsonl") == 0 && fmt_given && fmt != COREF_FORMAT_JSON && fmt != COREF_FORMAT_JSONL) {
        fprintf(stderr, "coref annotate: --input jsonl writes JSONL records (each with \"resolved\"); --format must be jsonl\n");
        bad = 1;
    }
    if (bad) {
        fputs(annotate_usage, stderr);
        cli_usage_max_bytes(stderr);
        cli_usage_threads(stderr);
        free(files);
        return 2;
    }
    coref_model *m = cli_load_model(cli_model_path());
    if (!m) { free(files); return 1; }
    /* several text files as JSON: one array, each document naming its file */
    int jsonl = strcmp(input, "jsonl") == 0;
    annotate_ctx ctx = {m, &o, fmt, input, fmt == COREF_FORMAT_JSON && nfiles > 1 && strcmp(input, "text") == 0,
                        max_bytes};
    if (ctx.array) fputs("[\n", stdout);
    /* Inputs are read here, one after another, and analysed by the batch:
     * JSONL lines and several files in parallel, each written when it and
     * those before it are done; a closed output ends the run. */
    if (threads > 1 && (jsonl || nfiles > 1)) json_object_seed(0); /* before any thread makes an object */
    cli_batch *b = cli_batch_start(jsonl || nfiles > 1 ? threads : 1, annotate_job, &ctx, ctx.array ? ",\n" : NULL);
    for (int i = 0; b && i < (nfiles ? nfiles : 1); i++) {
        const char *path = nfiles ? files[i] : "-";
        if (jsonl) {
            if (read_jsonl(b, path, max_bytes) != 0) break;
            continue;
        }
        char *data = NULL;
        size_t len = 0;
        FILE *msg = cli_batch_msg_begin(b);
        int r = cli_read_file(path, max_bytes, &data, &len, msg);
        if (cli_batch_msg_end(b, msg) != 0) { free(data); break; }
        if (r == 0 && cli_batch_add(b, JOB_DOC, data, len, cli_input_name(path), 0) != 0) break;
    }
    int rc = cli_batch_finish(b) != 0;
    if (ctx.array) fputs("]\n", stdout);
    coref_model_free(m);
    free(files);
    return rc;
}
