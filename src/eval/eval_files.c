/* coref_eval: score whole key and response files (CoNLL or our JSON/JSONL).
 * Documents are matched by name; a key document without a response is
 * scored against an empty response (with a warning). */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coref.h"
#include "core/buf.h"
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

static coref_status fail(coref_error *err, coref_status code, int64_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static coref_status fail(coref_error *err, coref_status code, int64_t line, const char *fmt, ...)
{
    if (err) {
        err->code = code;
        err->offset = -1;
        err->line = line;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

/* Warnings are built in a buf so long names are not cut. */
static void warn_printf(coref_report_fn warn, void *ctx, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void warn_printf(coref_report_fn warn, void *ctx, const char *fmt, ...)
{
    if (!warn) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!s) return;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    warn(ctx, s);
    free(s);
}

/* Parse a CoNLL file into documents. */
static coref_status load_conll(const char *data, size_t len, const char *name, edoc **out, size_t *nout,
                               coref_error *err)
{
    conll_doc *docs = NULL;
    size_t nd = 0;
    coref_error e;
    memset(&e, 0, sizeof e);
    coref_status st = conll_parse(data, len, &docs, &nd, &e);
    if (st != COREF_OK) return fail(err, st, e.line, "%s: %s", name, e.message);
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
        edocs_free(d, nd);
        return fail(err, COREF_ERR_NOMEM, -1, "%s: out of memory", name);
    }
    *out = d;
    *nout = nd;
    return COREF_OK;
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

static coref_status why_code(const char *why)
{
    return strcmp(why, "out of memory") == 0 ? COREF_ERR_NOMEM : COREF_ERR_INPUT;
}

/* Parse our JSON (one document) or JSONL (one per line). */
static coref_status load_json(const char *data, size_t len, const char *fname, edoc **out, size_t *nout,
                              coref_report_fn warn, void *ctx, coref_error *err)
{
    json_error_t jerr;
    edoc *d = NULL;
    size_t nd = 0, cap = 0;
    const char *why = NULL;
    long line = 0;
    int rc = 0, had_error = 0;
    coref_status st = COREF_OK;
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
                if (why) {
                    /* jerr.text may be why: format before anything else */
                    st = fail(err, why_code(why), line, "%s: line %ld: %s", fname, line, why);
                    json_decref(obj);
                    rc = 1;
                    why = NULL;
                    break;
                }
                json_decref(obj);
            }
            pos = e < len ? e + 1 : len;
        }
        if (!rc && nd == 0) { why = "no JSON document"; line = 1; }
    }
    if (why) st = fail(err, why_code(why), line, "%s: line %ld: %s", fname, line, why);
    if (st == COREF_OK && had_error) warn_printf(warn, ctx, "%s: documents with \"error\" are scored as empty", fname);
    if (st != COREF_OK) {
        edocs_free(d, nd);
        return st;
    }
    *out = d;
    *nout = nd;
    return COREF_OK;
}

const char *coref_eval_metric_name(int i)
{
    return i >= 0 && i < EVAL_NMETRIC ? eval_metric_names[i] : NULL;
}

coref_status coref_eval(const char *key, size_t keylen, const char *resp, size_t resplen, coref_eval_format fmt,
                        const char *key_name, const char *resp_name, coref_report_fn warn, void *ctx,
                        coref_eval_result *res, coref_error *err)
{
    if (err) {
        memset(err, 0, sizeof *err);
        err->offset = err->line = -1;
    }
    if (!res || (!key && keylen) || (!resp && resplen))
        return fail(err, COREF_ERR_ARG, -1, "coref_eval: NULL argument");
    if (fmt != COREF_EVAL_CONLL && fmt != COREF_EVAL_JSON)
        return fail(err, COREF_ERR_ARG, -1, "coref_eval: unknown format");
    memset(res, 0, sizeof *res);
    const char *kn = key_name ? key_name : "key", *rn = resp_name ? resp_name : "response";
    int json = fmt == COREF_EVAL_JSON;
    edoc *kd = NULL, *rd = NULL;
    size_t nkey = 0, nresp = 0;
    coref_status st;
    /* both parsers want NUL-free text they can read up to len */
    st = json ? load_json(key ? key : "", keylen, kn, &kd, &nkey, warn, ctx, err)
              : load_conll(key ? key : "", keylen, kn, &kd, &nkey, err);
    if (st != COREF_OK) return st;
    st = json ? load_json(resp ? resp : "", resplen, rn, &rd, &nresp, warn, ctx, err)
              : load_conll(resp ? resp : "", resplen, rn, &rd, &nresp, err);
    if (st != COREF_OK) {
        edocs_free(kd, nkey);
        return st;
    }
    unsigned char *used = calloc(nresp ? nresp : 1, 1);
    eval_totals t;
    eval_totals_init(&t);
    int rc = used ? 0 : 1;
    /* A single unnamed JSON document on each side: match them. */
    int single = json && nkey == 1 && nresp == 1;
    for (size_t i = 0; i < nkey && rc == 0; i++) {
        const edoc *r = NULL;
        if (i < nresp && !used[i] && (single || strcmp(rd[i].name, kd[i].name) == 0)) {
            r = &rd[i];
            used[i] = 1;
        }
        for (size_t j = 0; !r && j < nresp; j++)
            if (!used[j] && strcmp(rd[j].name, kd[i].name) == 0) { r = &rd[j]; used[j] = 1; }
        if (!r) warn_printf(warn, ctx, "document '%s' of %s is missing from %s; scored as empty", kd[i].name, kn, rn);
        /* mentions are token spans: other tokens would score nonsense */
        if (r && kd[i].ntok && r->ntok && kd[i].ntok != r->ntok) {
            st = fail(err, COREF_ERR_INPUT, -1,
                      "document '%s' has %zu tokens in %s but %zu in %s: the files are not aligned", kd[i].name,
                      kd[i].ntok, kn, r->ntok, rn);
            break;
        }
        if (eval_add_document(&t, kd[i].m, kd[i].n, r ? r->m : NULL, r ? r->n : 0) != 0) rc = 1;
    }
    /* after a misaligned document the rest is unmatched: no warnings then */
    for (size_t j = 0; j < nresp && rc == 0 && st == COREF_OK; j++)
        if (!used[j]) warn_printf(warn, ctx, "document '%s' of %s is not in %s; ignored", rd[j].name, rn, kn);
    free(used);
    edocs_free(kd, nkey);
    edocs_free(rd, nresp);
    if (st != COREF_OK) return st;
    if (rc) return fail(err, COREF_ERR_NOMEM, -1, "out of memory");
    res->documents = t.ndoc;
    for (int m = 0; m < EVAL_NMETRIC; m++) eval_prf(&t.m[m], &res->recall[m], &res->precision[m], &res->f1[m]);
    res->conll_f1 = eval_conll_f1(&t);
    return COREF_OK;
}
