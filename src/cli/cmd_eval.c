/* `coref eval [--format conll|json] [--json] KEY RESPONSE`: score a response
 * against a key with MUC, B3, CEAF-m, CEAF-e, LEA and the CoNLL F1. Documents
 * are matched by name; a key document without a response is scored against
 * an empty response (with a warning). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "eval/eval.h"
#include "io/conll.h"

/* One document to score: a name and its mentions. */
typedef struct edoc {
    char *name;
    eval_mention *m;
    size_t n;
    size_t ntok;   /* CoNLL: token count, to catch misaligned files; 0 unknown */
} edoc;

static void edocs_free(edoc *d, size_t n)
{
    for (size_t i = 0; i < n && d; i++) {
        free(d[i].name);
        free(d[i].m);
    }
    free(d);
}

static void eval_usage(FILE *f)
{
    fprintf(f, "usage: coref eval [--format conll|json] [--json] KEY RESPONSE\n"
               "  --format conll   CoNLL files (default): GUM 3-column, CoNLL-2012/LitBank, scorer suite\n"
               "  --format json    our JSON output (one document) or JSONL (one per line, with \"id\");\n"
               "                   mentions are matched by their character offsets\n"
               "  --json           print the scores as JSON instead of a table\n");
}

/* Read a CoNLL file into documents. 0, or 1 with a message printed. */
static int load_conll(const char *path, edoc **out, size_t *nout)
{
    char *data;
    size_t len;
    if (cli_read_file(path, &data, &len) != 0) return 1;
    conll_doc *docs = NULL;
    size_t nd = 0;
    coref_error err;
    if (conll_parse(data, len, &docs, &nd, &err) != COREF_OK) {
        fprintf(stderr, "coref eval: %s: %s\n", path, err.message);
        free(data);
        return 1;
    }
    free(data);
    edoc *d = calloc(nd ? nd : 1, sizeof *d);
    int rc = d ? 0 : 1;
    for (size_t i = 0; i < nd && rc == 0; i++) {
        d[i].name = strdup(docs[i].name);
        d[i].m = malloc((docs[i].nment ? docs[i].nment : 1) * sizeof *d[i].m);
        if (!d[i].name || !d[i].m) { rc = 1; break; }
        d[i].n = docs[i].nment;
        d[i].ntok = docs[i].ntok;
        for (size_t k = 0; k < docs[i].nment; k++) {
            d[i].m[k].start = docs[i].ments[k].tb;
            d[i].m[k].end = docs[i].ments[k].te;
            d[i].m[k].entity = docs[i].ments[k].entity;
        }
    }
    conll_docs_free(docs, nd);
    if (rc) {
        fprintf(stderr, "coref eval: %s: out of memory\n", path);
        edocs_free(d, nd);
        return 1;
    }
    *out = d;
    *nout = nd;
    return 0;
}

/* Fill doc from one JSON document object. 0, or -1 with *why set. */
static int json_doc(json_t *obj, const char *defname, edoc *d, const char **why, int *had_error)
{
    if (!json_is_object(obj)) { *why = "not a JSON object"; return -1; }
    json_t *id = json_object_get(obj, "id");
    char nb[64];
    const char *name = defname;
    if (json_is_string(id)) name = json_string_value(id);
    else if (json_is_integer(id)) { snprintf(nb, sizeof nb, "%lld", (long long)json_integer_value(id)); name = nb; }
    d->name = strdup(name);
    if (!d->name) { *why = "out of memory"; return -1; }
    json_t *cl = json_object_get(obj, "clusters");
    if (!cl && json_object_get(obj, "error")) { *had_error = 1; return 0; }   /* a failed annotate line */
    if (!json_is_array(cl)) { *why = "no \"clusters\" array"; return -1; }
    size_t total = 0, ci, mi;
    json_t *c, *m;
    json_array_foreach(cl, ci, c) {
        if (!json_is_array(c)) { *why = "a cluster is not an array"; return -1; }
        total += json_array_size(c);
    }
    d->m = malloc((total ? total : 1) * sizeof *d->m);
    if (!d->m) { *why = "out of memory"; return -1; }
    json_array_foreach(cl, ci, c) {
        json_array_foreach(c, mi, m) {
            json_t *s = json_array_get(m, 0), *e = json_array_get(m, 1);
            if (!json_is_array(m) || json_array_size(m) < 2 || !json_is_integer(s) || !json_is_integer(e) ||
                json_integer_value(s) < 0 || json_integer_value(e) < json_integer_value(s)) {
                *why = "a mention is not [start, end] with 0 <= start <= end";
                return -1;
            }
            d->m[d->n].start = json_integer_value(s);
            d->m[d->n].end = json_integer_value(e);
            d->m[d->n].entity = (int64_t)ci;
            d->n++;
        }
    }
    return 0;
}

/* Read our JSON (one document) or JSONL (one per line). 0, or 1 with a
 * message printed. */
static int load_json(const char *path, edoc **out, size_t *nout)
{
    char *data;
    size_t len;
    if (cli_read_file(path, &data, &len) != 0) return 1;
    json_error_t jerr;
    edoc *d = NULL;
    size_t nd = 0, cap = 0;
    const char *why = NULL;
    long line = 0;
    int rc = 0, had_error = 0;
    json_t *whole = json_loadb(data, len, 0, &jerr);
    if (whole) {
        d = calloc(1, sizeof *d);
        nd = 1;
        line = 1;
        if (!d) why = "out of memory";
        else if (json_doc(whole, "document", d, &why, &had_error) != 0) rc = 1;
        json_decref(whole);
    } else {
        /* JSONL: one object per non-empty line */
        size_t pos = 0;
        while (pos < len && !why) {
            size_t e = pos;
            while (e < len && data[e] != '\n') e++;
            line++;
            size_t k = pos;
            while (k < e && (data[k] == ' ' || data[k] == '\t' || data[k] == '\r')) k++;
            if (k < e) {
                if (nd == cap) {
                    size_t nc = cap ? cap * 2 : 16;
                    edoc *p = realloc(d, nc * sizeof *p);
                    if (!p) { why = "out of memory"; break; }
                    memset(p + cap, 0, (nc - cap) * sizeof *p);
                    d = p;
                    cap = nc;
                }
                json_t *obj = json_loadb(data + pos, e - pos, 0, &jerr);
                char defname[32];
                snprintf(defname, sizeof defname, "line %ld", line);
                if (!obj) why = jerr.text;
                else if (json_doc(obj, defname, &d[nd], &why, &had_error) != 0) rc = 1;
                nd++;
                json_decref(obj);
                if (why) {
                    fprintf(stderr, "coref eval: %s: line %ld: %s\n", path, line, why);
                    rc = 1;
                    why = NULL;
                    break;
                }
            }
            pos = e < len ? e + 1 : len;
        }
        if (!rc && nd == 0) { why = "no JSON document"; line = 1; }
    }
    if (why) {
        fprintf(stderr, "coref eval: %s: line %ld: %s\n", path, line, why);
        rc = 1;
    }
    if (!rc && had_error)
        fprintf(stderr, "coref eval: warning: %s: documents with \"error\" are scored as empty\n", path);
    free(data);
    if (rc) {
        edocs_free(d, nd);
        return 1;
    }
    *out = d;
    *nout = nd;
    return 0;
}

static const char *const metric_label[EVAL_NMETRIC] = {"MUC", "B3", "CEAF-m", "CEAF-e", "LEA"};

int cmd_eval(int argc, char **argv)
{
    const char *format = "conll";
    int as_json = 0;
    const char *files[2];
    int nfile = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--format") == 0 && i + 1 < argc) format = argv[++i];
        else if (strncmp(a, "--format=", 9) == 0) format = a + 9;
        else if (strcmp(a, "--json") == 0) as_json = 1;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { eval_usage(stdout); return 0; }
        else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "coref eval: unknown option %s\n", a);
            eval_usage(stderr);
            return 2;
        } else if (nfile < 2) files[nfile++] = a;
        else { nfile = 3; break; }
    }
    if (nfile != 2 || (strcmp(format, "conll") != 0 && strcmp(format, "json") != 0)) {
        if (nfile == 2) fprintf(stderr, "coref eval: unknown format '%s'\n", format);
        eval_usage(stderr);
        return 2;
    }
    int json = strcmp(format, "json") == 0;
    edoc *key = NULL, *resp = NULL;
    size_t nkey = 0, nresp = 0;
    if ((json ? load_json : load_conll)(files[0], &key, &nkey) != 0) return 1;
    if ((json ? load_json : load_conll)(files[1], &resp, &nresp) != 0) {
        edocs_free(key, nkey);
        return 1;
    }
    unsigned char *used = calloc(nresp ? nresp : 1, 1);
    eval_totals t;
    eval_totals_init(&t);
    int rc = used ? 0 : 1, misaligned = 0;
    /* A single unnamed JSON document on each side: match them. */
    int single = json && nkey == 1 && nresp == 1;
    for (size_t i = 0; i < nkey && rc == 0; i++) {
        const edoc *r = NULL;
        if (i < nresp && !used[i] && (single || strcmp(resp[i].name, key[i].name) == 0)) {
            r = &resp[i];
            used[i] = 1;
        }
        for (size_t j = 0; !r && j < nresp; j++)
            if (!used[j] && strcmp(resp[j].name, key[i].name) == 0) { r = &resp[j]; used[j] = 1; }
        if (!r)
            fprintf(stderr, "coref eval: warning: document '%s' of %s is missing from %s; scored as empty\n",
                    key[i].name, files[0], files[1]);
        /* mentions are token spans: other tokens would score nonsense */
        if (r && key[i].ntok && r->ntok && key[i].ntok != r->ntok) {
            fprintf(stderr, "coref eval: document '%s' has %zu tokens in %s but %zu in %s: the files are not aligned\n",
                    key[i].name, key[i].ntok, files[0], r->ntok, files[1]);
            misaligned = 1;
            break;
        }
        if (eval_add_document(&t, key[i].m, key[i].n, r ? r->m : NULL, r ? r->n : 0) != 0) rc = 1;
    }
    for (size_t j = 0; j < nresp && rc == 0; j++)
        if (!used[j])
            fprintf(stderr, "coref eval: warning: document '%s' of %s is not in %s; ignored\n", resp[j].name,
                    files[1], files[0]);
    free(used);
    edocs_free(key, nkey);
    edocs_free(resp, nresp);
    if (misaligned) return 1;
    if (rc) {
        fprintf(stderr, "coref eval: out of memory\n");
        return 1;
    }
    double conll = 100 * eval_conll_f1(&t);
    if (as_json) {
        printf("{\"documents\": %zu", t.ndoc);
        for (int m = 0; m < EVAL_NMETRIC; m++) {
            double r, p, f;
            eval_prf(&t.m[m], &r, &p, &f);
            printf(", \"%s\": {\"recall\": %.4f, \"precision\": %.4f, \"f1\": %.4f}", eval_metric_names[m], 100 * r,
                   100 * p, 100 * f);
        }
        printf(", \"conll_f1\": %.4f}\n", conll);
    } else {
        printf("%-10s %8s %10s %8s\n", "metric", "recall", "precision", "F1");
        for (int m = 0; m < EVAL_NMETRIC; m++) {
            double r, p, f;
            eval_prf(&t.m[m], &r, &p, &f);
            printf("%-10s %8.2f %10.2f %8.2f\n", metric_label[m], 100 * r, 100 * p, 100 * f);
        }
        printf("%-10s %8s %10s %8.2f\n", "CoNLL F1", "", "", conll);
        printf("(%zu document%s)\n", t.ndoc, t.ndoc == 1 ? "" : "s");
    }
    return 0;
}
