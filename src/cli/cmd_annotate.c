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
static void jsonl_error(json_t *id, const char *msg)
{
    json_t *o = json_object();
    json_object_set(o, "id", id ? id : json_null());
    json_object_set_new(o, "error", json_string(msg));
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (s) puts(s);
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
static void print_with_field(const char *lead, const char *key, const char *value_json, const char *s, size_t n)
{
    while (n && s[n - 1] == '\n') n--;
    printf("{%s\"%s\":%s%s", lead, key, *lead ? " " : "", value_json ? value_json : "null");
    if (n > 2) {
        putchar(',');
        fwrite(s + 1, 1, n - 1, stdout);
    } else {
        putchar('}');
    }
    putchar('\n');
}

/* One JSONL line (neither blank nor over the limit): its record, or an
 * error record. 0, or 1 for an error record. */
static int jsonl_record(const coref_model *m, const coref_options *o, const char *name, size_t lineno,
                        const char *line, size_t ll)
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
        jsonl_error(sid, msg);
        json_decref(sid);
        fprintf(stderr, "coref: %s: %s\n", name, msg);
        rc = 1;
    } else if (!text || !json_is_string(text)) {
        snprintf(msg, sizeof msg, "line %zu: no \"text\" string", lineno);
        jsonl_error(id, msg);
        fprintf(stderr, "coref: %s: %s\n", name, msg);
        rc = 1;
    } else {
        char *s, emsg[300];
        size_t n;
        if (cli_analyze_render(m, o, json_string_value(text), json_string_length(text), COREF_FORMAT_JSONL, &s, &n,
                               emsg, sizeof emsg) != COREF_OK) {
            snprintf(msg, sizeof msg, "line %zu: %s", lineno, emsg);
            jsonl_error(id, msg);
            fprintf(stderr, "coref: %s: %s\n", name, msg);
            rc = 1;
        } else {
            char *ids = id ? json_dumps(id, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
            print_with_field("", "id", ids, s, n);
            free(ids);
            coref_free(s);
        }
    }
    json_decref(root);
    return rc;
}

/* --input jsonl: one {"id":..,"text":..} per line; one output line per input
 * line, same order; a bad line yields an error record and processing goes on.
 * A stream: one line in memory at a time (at most max bytes), each record
 * flushed when done. Returns 0, 1 (some line failed), or -1 when the output
 * is gone and the run must stop. */
static int annotate_jsonl(const coref_model *m, const coref_options *o, const char *path, size_t max)
{
    FILE *f = cli_open_input(path);
    if (!f) return 1;
    const char *name = cli_input_name(path);
    char *line = NULL, msg[400];
    size_t cap = 0, ll, lineno = 0;
    int rc = 0, r;
    while ((r = read_line(f, max, &line, &cap, &ll)) != 0) {
        lineno++;
        if (r == FILEIO_ERR_READ || r == FILEIO_ERR_NOMEM) {
            fprintf(stderr, "coref: %s: line %zu: %s\n", name, lineno, r == FILEIO_ERR_NOMEM ? "out of memory" : "read error");
            rc = 1;
            break;
        }
        if (r == FILEIO_ERR_LIMIT) {
            /* The record goes out now, before the rest of the line is
             * dropped: a line that never ends still gets its answer. */
            snprintf(msg, sizeof msg, "line %zu: longer than the limit of %zu bytes (--max-bytes)", lineno, max);
            json_t *sid = salvage_id(line, ll);
            jsonl_error(sid, msg);
            json_decref(sid);
            fprintf(stderr, "coref: %s: %s\n", name, msg);
            rc = 1;
            if (cli_flush_output() != 0) { rc = -1; break; }
            if (skip_line(f) != 0) {
                fprintf(stderr, "coref: %s: line %zu: read error\n", name, lineno);
                break;
            }
            continue;
        }
        if (ll && line[ll - 1] == '\r') ll--;
        int blank = 1;
        for (size_t k = 0; k < ll; k++)
            if (line[k] != ' ' && line[k] != '\t') { blank = 0; break; }
        if (blank) {
            snprintf(msg, sizeof msg, "line %zu: empty line", lineno);
            jsonl_error(NULL, msg);
            fprintf(stderr, "coref: %s: %s\n", name, msg);
            rc = 1;
        } else if (jsonl_record(m, o, name, lineno, line, ll) != 0) {
            rc = 1;
        }
        if (cli_flush_output() != 0) { rc = -1; break; }
    }
    free(line);
    cli_close_input(f);
    return rc;
}

/* One document of a JSON array: {"file": name, <document fields>}. */
static int render_named(const coref_model *m, const coref_options *o, const char *name, const char *text,
                        size_t len, int comma)
{
    char *s, msg[300];
    size_t n;
    if (cli_analyze_render(m, o, text, len, COREF_FORMAT_JSON, &s, &n, msg, sizeof msg) != COREF_OK) {
        fprintf(stderr, "coref: %s: %s\n", name, msg);
        return 1;
    }
    json_t *js = json_string(name);
    char *fs = js ? json_dumps(js, JSON_ENCODE_ANY) : NULL;
    json_decref(js);
    if (comma) fputs(",\n", stdout);
    print_with_field("\n  ", "file", fs, s, n);
    free(fs);
    coref_free(s);
    return 0;
}

static const char annotate_usage[] =
    "usage: coref annotate [--format json|jsonl|conll|conllu|html|text]\n"
    "                      [--input text|jsonl|conll|conllu] [--nominals] [--no-clean] [--singletons]\n"
    "                      [--max-bytes N] [FILE...]\n"
    "  the full analysis of each FILE (stdin when none or \"-\"); several FILEs with\n"
    "  --format json give one JSON array of documents, each with its \"file\"\n"
    "  --input jsonl   one {\"id\":..,\"text\":..} per line in, one JSONL record per line out,\n"
    "                  each written as soon as it is done (the input is read as a stream)\n"
    "  --singletons    conll, conllu: also write each mention of no cluster as an entity\n"
    "                  of its own (json always lists every mention)\n";

int cmd_annotate(int argc, char **argv)
{
    coref_options o = coref_default_options();
    coref_format fmt = COREF_FORMAT_JSON;
    int fmt_given = 0;
    const char *input = "text";
    size_t max_bytes = CLI_MAX_BYTES_DEFAULT;
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
        } else if (strcmp(arg, "--nominals") == 0) o.nominals = 1;
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
        free(files);
        return 2;
    }
    coref_model *m = cli_load_model(cli_model_path());
    if (!m) { free(files); return 1; }
    /* several text files as JSON: one array, each document naming its file */
    int array = fmt == COREF_FORMAT_JSON && nfiles > 1 && strcmp(input, "text") == 0;
    if (array) fputs("[\n", stdout);
    int rc = 0, nout = 0;
    for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
        const char *path = nfiles ? files[i] : "-";
        const char *name = cli_input_name(path);
        if (strcmp(input, "jsonl") == 0) {
            int jr = annotate_jsonl(m, &o, path, max_bytes);
            if (jr) rc = 1;
            if (jr < 0) break;
            continue;
        }
        char *data = NULL;
        size_t len = 0;
        if (cli_read_file(path, max_bytes, &data, &len) != 0) { rc = 1; continue; }
        if (strcmp(input, "conll") == 0 || strcmp(input, "conllu") == 0) {
            if (cli_annotate_tabular(m, &o, name, data, len, input, fmt, stdout)) rc = 1;
        } else if (array) {
            if (render_named(m, &o, name, data, len, nout > 0)) rc = 1;
            else nout++;
        } else if (cli_render_text(m, &o, name, data, len, fmt, stdout) != 0) {
            rc = 1;
        }
        free(data);
        /* each document goes out when done; a closed output ends the run */
        if (cli_flush_output() != 0) { rc = 1; break; }
    }
    if (array) fputs("]\n", stdout);
    coref_model_free(m);
    free(files);
    return rc;
}
