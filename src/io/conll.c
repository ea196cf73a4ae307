/* CoNLL coreference reader and writer (see conll.h for the variants). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/conll.h"

/* ------------------------------------------------------------ helpers */

/* Grow *p (element size `sz`) so it holds at least `need` elements. 0 / -1. */
static int grow(void *pp, size_t *cap, size_t need, size_t sz)
{
    void **p = (void **)pp;
    if (need <= *cap) return 0;
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > ((size_t)-1) / 2 / sz) return -1;
        c *= 2;
    }
    void *q = realloc(*p, c * sz);
    if (!q) return -1;
    *p = q;
    *cap = c;
    return 0;
}

/* Fill `err` with an input error on 1-based line `line` at byte `off`. */
static int fail(coref_error *err, coref_status code, long line, size_t off, const char *fmt, ...)
{
    if (!err) return code;
    err->code = code;
    err->line = line;
    err->offset = (int64_t)off;
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        snprintf(err->message, sizeof err->message, "line %ld: %s", line, msg);
    else
        snprintf(err->message, sizeof err->message, "%s", msg);
    return code;
}

/* Entity id of a bracket label: "12" -> 12, "person-12" -> 12,
 * "place-3-Some%2DTitle" -> 3. 0 on success, -1 when not a label. */
static int parse_label(const char *s, size_t n, int64_t *id)
{
    size_t i = 0;
    int all_digits = n > 0;
    for (size_t k = 0; k < n; k++)
        if (s[k] < '0' || s[k] > '9') { all_digits = 0; break; }
    if (!all_digits) {
        /* GUM scheme: TYPE-ID[-Title]; the ID follows the first '-'. */
        while (i < n && s[i] != '-') i++;
        if (i == 0 || i >= n) return -1;
        i++;
    }
    size_t b = i;
    int64_t v = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        if (i - b >= 18) return -1;
        v = v * 10 + (s[i] - '0');
        i++;
    }
    if (i == b || (i < n && s[i] != '-')) return -1;
    *id = v;
    return 0;
}

/* One bracket of a coreference cell. */
enum { BR_OPEN = 0, BR_SINGLE = 1, BR_CLOSE = 2 };
typedef struct bracket { int kind; int64_t id; } bracket;

/* 1 when the cell means "no mention". */
static int cell_is_none(const char *s, size_t n)
{
    return n == 0 || (n == 1 && (s[0] == '_' || s[0] == '-'));
}

/* Parse cell s[0..n) into brackets; calls back `cb` per bracket. Returns 0,
 * or -1 with *why set on a malformed cell. */
typedef int (*bracket_cb)(void *ctx, int kind, int64_t id);
static int parse_cell(const char *s, size_t n, bracket_cb cb, void *ctx, const char **why)
{
    size_t i = 0;
    if (cell_is_none(s, n)) return 0;
    while (i < n) {
        if (s[i] == '|') { i++; continue; }
        int open = s[i] == '(';
        if (open) i++;
        size_t b = i;
        while (i < n && s[i] != '(' && s[i] != ')' && s[i] != '|') i++;
        int64_t id;
        if (i == b || parse_label(s + b, i - b, &id) != 0) {
            *why = "bad coreference label";
            return -1;
        }
        int kind;
        if (open) {
            if (i < n && s[i] == ')') { kind = BR_SINGLE; i++; }
            else kind = BR_OPEN;
        } else {
            if (i >= n || s[i] != ')') { *why = "coreference label without a bracket"; return -1; }
            kind = BR_CLOSE;
            i++;
        }
        int r = cb(ctx, kind, id);
        if (r) { *why = r == -2 ? "out of memory" : "close bracket without an open one"; return r; }
    }
    return 0;
}

/* ------------------------------------------------------------ reader */

typedef struct open_br { int64_t id; size_t tok; long line; } open_br;

typedef struct builder {
    conll_doc d;
    size_t raw_start, raw_end;  /* absolute byte range in the input */
    size_t cap_line, cap_tok, cap_ment;
    size_t *tok_off;            /* absolute offset of each token's text */
    int ncol;                   /* columns of the first token row */
    int saw_none;
    open_br *open;
    size_t nopen, cap_open;
    size_t cur_tok;
    long cur_line;
    int at_sent_start;
} builder;

static void doc_free_fields(conll_doc *d);

static void builder_free(builder *b)
{
    doc_free_fields(&b->d);
    free(b->tok_off);
    free(b->open);
    memset(b, 0, sizeof *b);
}

static int add_line(builder *b, size_t off, size_t len, int64_t tok, size_t cs, size_t ce)
{
    if (grow(&b->d.lines, &b->cap_line, b->d.nline + 1, sizeof *b->d.lines)) return -1;
    conll_line *l = &b->d.lines[b->d.nline++];
    l->off = off;
    l->len = len;
    l->tok = tok;
    l->cs = cs;
    l->ce = ce;
    return 0;
}

static int add_mention(builder *b, size_t tb, size_t te, int64_t id)
{
    if (grow(&b->d.ments, &b->cap_ment, b->d.nment + 1, sizeof *b->d.ments)) return -2;
    conll_mention *m = &b->d.ments[b->d.nment++];
    m->tb = (uint32_t)tb;
    m->te = (uint32_t)te;
    m->entity = id;
    return 0;
}

/* Bracket callback of the reader: maintain one stack per id (a single array
 * searched from the top for the same id). */
static int reader_bracket(void *ctx, int kind, int64_t id)
{
    builder *b = ctx;
    size_t t = b->cur_tok;
    if (kind == BR_SINGLE) return add_mention(b, t, t + 1, id);
    if (kind == BR_OPEN) {
        if (grow(&b->open, &b->cap_open, b->nopen + 1, sizeof *b->open)) return -2;
        b->open[b->nopen].id = id;
        b->open[b->nopen].tok = t;
        b->open[b->nopen].line = b->cur_line;
        b->nopen++;
        return 0;
    }
    for (size_t k = b->nopen; k-- > 0;) {
        if (b->open[k].id != id) continue;
        size_t tb = b->open[k].tok;
        memmove(b->open + k, b->open + k + 1, (b->nopen - k - 1) * sizeof *b->open);
        b->nopen--;
        return add_mention(b, tb, t + 1, id);
    }
    return -1;
}

static int cmp_mention(const void *a, const void *b)
{
    const conll_mention *x = a, *y = b;
    if (x->tb != y->tb) return x->tb < y->tb ? -1 : 1;
    if (x->te != y->te) return x->te > y->te ? -1 : 1;
    return (x->entity > y->entity) - (x->entity < y->entity);
}

/* Turn the builder into a self-contained document (copies raw bytes and
 * token strings). 0 or -1 (out of memory). */
static int builder_finish(builder *b, const char *data)
{
    conll_doc *d = &b->d;
    d->rawlen = b->raw_end - b->raw_start;
    d->raw = malloc(d->rawlen + 1);
    if (!d->raw) return -1;
    memcpy(d->raw, data + b->raw_start, d->rawlen);
    d->raw[d->rawlen] = 0;
    for (size_t i = 0; i < d->nline; i++) {
        d->lines[i].off -= b->raw_start;
        if (d->lines[i].tok >= 0) {
            d->lines[i].cs -= b->raw_start;
            d->lines[i].ce -= b->raw_start;
        }
    }
    size_t total = 0;
    for (size_t i = 0; i < d->ntok; i++) total += d->toklen[i] + 1;
    char **tok = malloc((d->ntok ? d->ntok : 1) * sizeof *tok);
    char *block = malloc(total ? total : 1);
    int64_t *tl = malloc((d->ntok ? d->ntok : 1) * sizeof *tl);
    if (!tok || !block || !tl) { free(tok); free(block); free(tl); return -1; }
    d->tok = tok;
    d->tok_line = tl;
    char *p = block;
    for (size_t i = 0; i < d->ntok; i++) {
        memcpy(p, data + b->tok_off[i], d->toklen[i]);
        p[d->toklen[i]] = 0;
        d->tok[i] = p;
        p += d->toklen[i] + 1;
    }
    if (d->ntok == 0) free(block);
    for (size_t i = 0; i < d->nline; i++)
        if (d->lines[i].tok >= 0) d->tok_line[d->lines[i].tok] = (int64_t)i;
    if (!b->saw_none) strcpy(d->none, b->ncol >= 12 ? "" : b->ncol == 3 ? "_" : "-");
    if (b->ncol >= 12) d->pipe = 1;
    if (d->nment) qsort(d->ments, d->nment, sizeof *d->ments, cmp_mention);
    return 0;
}

/* Document name from the text after "begin document". Returns malloc'd. */
static char *doc_name(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    const char *close = n && s[0] == '(' ? memchr(s, ')', n) : NULL;
    char part[32] = "";
    if (n && close) {
        /* "(name); part 000": keep the name, and the part when it is not 0 */
        const char *q = close + 1, *e = s + n;
        while (q < e && (*q == ';' || *q == ' ' || *q == '\t')) q++;
        if (e - q > 4 && strncmp(q, "part", 4) == 0) {
            q += 4;
            while (q < e && *q == ' ') q++;
            long v = 0;
            while (q < e && *q >= '0' && *q <= '9' && v < 100000000) v = v * 10 + (*q++ - '0');
            if (v) snprintf(part, sizeof part, ":%ld", v);
        }
        s++;
        n = (size_t)(close - s);
    }
    char *r = malloc(n + strlen(part) + 1);
    if (!r) return NULL;
    memcpy(r, s, n);
    strcpy(r + n, part);
    return r;
}

#define MAX_COLS 64

/* Parse a CoNLL file: see conll.h. */
int conll_parse(const char *data, size_t n, conll_doc **docs_out, size_t *ndocs_out, coref_error *err)
{
    if (err) { err->code = COREF_OK; err->line = -1; err->offset = -1; err->message[0] = 0; }
    if (!docs_out || !ndocs_out || (!data && n)) return fail(err, COREF_ERR_ARG, -1, 0, "bad arguments");
    *docs_out = NULL;
    *ndocs_out = 0;
    conll_doc *docs = NULL;
    size_t ndocs = 0, capdocs = 0;
    builder b;
    memset(&b, 0, sizeof b);
    int in_doc = 0;
    /* Lines outside documents join the next document (or the last one). */
    conll_line *pend = NULL;
    size_t npend = 0, cappend = 0, pend_start = 0;
    int rc = COREF_OK;
    long lineno = 0;
    size_t pos = 0;
    size_t fs[MAX_COLS], fe[MAX_COLS];

    while (pos < n) {
        size_t ls = pos, le = pos;
        while (le < n && data[le] != '\n') le++;
        size_t next = le < n ? le + 1 : n;
        size_t ce = le;
        if (ce > ls && data[ce - 1] == '\r') ce--;
        lineno++;
        pos = next;
        const char *L = data + ls;
        size_t len = ce - ls;

        size_t k = 0;
        while (k < len && (L[k] == ' ' || L[k] == '\t')) k++;
        int blank = k == len;
        if (!blank && L[0] == '#') {
            size_t j = 1;
            while (j < len && (L[j] == ' ' || L[j] == '\t')) j++;
            int is_begin = len - j >= 14 && strncmp(L + j, "begin document", 14) == 0;
            int is_end = len - j >= 12 && strncmp(L + j, "end document", 12) == 0;
            if (is_begin) {
                if (in_doc) {
                    rc = fail(err, COREF_ERR_INPUT, lineno, ls,
                              "'begin document' inside document '%s' (missing '#end document')", b.d.name);
                    goto out;
                }
                memset(&b, 0, sizeof b);
                in_doc = 1;
                b.at_sent_start = 1;
                b.raw_start = npend ? pend_start : ls;
                j += 14;
                while (j < len && (L[j] == ' ' || L[j] == '\t')) j++;
                b.d.name = doc_name(L + j, len - j);
                b.d.first_line = (size_t)lineno;
                if (!b.d.name) goto nomem;
                for (size_t q = 0; q < npend; q++)
                    if (add_line(&b, pend[q].off, pend[q].len, -1, 0, 0)) goto nomem;
                npend = 0;
                if (add_line(&b, ls, next - ls, -1, 0, 0)) goto nomem;
                continue;
            }
            if (is_end) {
                if (!in_doc) {
                    rc = fail(err, COREF_ERR_INPUT, lineno, ls, "'end document' without 'begin document'");
                    goto out;
                }
                if (b.nopen) {
                    open_br *o = &b.open[b.nopen - 1];
                    rc = fail(err, COREF_ERR_INPUT, o->line, ls,
                              "mention of entity %lld is not closed before the end of document '%s' (line %ld)",
                              (long long)o->id, b.d.name, lineno);
                    goto out;
                }
                if (add_line(&b, ls, next - ls, -1, 0, 0)) goto nomem;
                b.raw_end = next;
                if (grow(&docs, &capdocs, ndocs + 1, sizeof *docs)) goto nomem;
                if (builder_finish(&b, data)) goto nomem;
                docs[ndocs++] = b.d;
                memset(&b.d, 0, sizeof b.d);
                builder_free(&b);
                in_doc = 0;
                pend_start = next;
                continue;
            }
        }
        if (blank || L[0] == '#') {
            if (in_doc) {
                if (blank) b.at_sent_start = 1;
                if (add_line(&b, ls, next - ls, -1, 0, 0)) goto nomem;
            } else {
                if (!npend) pend_start = ls;
                if (grow(&pend, &cappend, npend + 1, sizeof *pend)) goto nomem;
                pend[npend].off = ls;
                pend[npend].len = next - ls;
                pend[npend].tok = -1;
                npend++;
            }
            continue;
        }
        if (!in_doc) {
            rc = fail(err, COREF_ERR_INPUT, lineno, ls, "token row outside a document (missing '#begin document')");
            goto out;
        }
        /* Split the row: on tabs when it has any, else on runs of spaces. */
        int nf = 0;
        if (memchr(L, '\t', len)) {
            size_t s = 0;
            for (size_t q = 0; q <= len; q++) {
                if (q == len || L[q] == '\t') {
                    if (nf == MAX_COLS) { nf++; break; }
                    fs[nf] = s; fe[nf] = q; nf++;
                    s = q + 1;
                }
            }
        } else {
            size_t q = 0;
            while (q < len) {
                while (q < len && L[q] == ' ') q++;
                if (q == len) break;
                size_t s = q;
                while (q < len && L[q] != ' ') q++;
                if (nf == MAX_COLS) { nf++; break; }
                fs[nf] = s; fe[nf] = q; nf++;
            }
        }
        if (nf > MAX_COLS) {
            rc = fail(err, COREF_ERR_INPUT, lineno, ls, "bad row: more than %d columns", MAX_COLS);
            goto out;
        }
        if (nf < 2) {
            rc = fail(err, COREF_ERR_INPUT, lineno, ls, "bad row: expected at least 2 columns, found %d", nf);
            goto out;
        }
        int tokcol;
        if (nf >= 12) {
            tokcol = 3;   /* CoNLL-2012: the last column may be empty */
        } else {
            while (nf > 2 && fs[nf - 1] == fe[nf - 1]) nf--;   /* stray trailing tabs */
            tokcol = nf >= 4 ? 3 : nf == 3 ? 1 : 0;
        }
        if (!b.ncol) b.ncol = nf;
        size_t cs = fs[nf - 1], cend = fe[nf - 1];
        if (!b.saw_none && cell_is_none(L + cs, cend - cs)) {
            memcpy(b.d.none, L + cs, cend - cs);
            b.d.none[cend - cs] = 0;
            b.saw_none = 1;
        }
        if (memchr(L + cs, '|', cend - cs)) b.d.pipe = 1;
        if (b.d.ntok >= UINT32_MAX - 1) {
            rc = fail(err, COREF_ERR_LIMIT, lineno, ls, "too many tokens in one document");
            goto out;
        }
        size_t oldcap = b.cap_tok;
        if (grow(&b.d.toklen, &b.cap_tok, b.d.ntok + 1, sizeof *b.d.toklen)) goto nomem;
        if (b.cap_tok != oldcap) {
            /* parallel arrays share the capacity of toklen */
            void *p1 = realloc(b.tok_off, b.cap_tok * sizeof *b.tok_off);
            if (!p1) goto nomem;
            b.tok_off = p1;
            void *p2 = realloc(b.d.sent_start, b.cap_tok);
            if (!p2) goto nomem;
            b.d.sent_start = p2;
        }
        size_t t = b.d.ntok++;
        b.tok_off[t] = ls + fs[tokcol];
        b.d.toklen[t] = fe[tokcol] - fs[tokcol];
        b.d.sent_start[t] = (unsigned char)b.at_sent_start;
        b.at_sent_start = 0;
        if (add_line(&b, ls, next - ls, (int64_t)t, ls + cs, ls + cend)) goto nomem;
        b.cur_tok = t;
        b.cur_line = lineno;
        const char *why = "";
        int r = parse_cell(L + cs, cend - cs, reader_bracket, &b, &why);
        if (r == -2) goto nomem;
        if (r) {
            rc = fail(err, COREF_ERR_INPUT, lineno, ls, "%s in '%.*s'", why, (int)(cend - cs > 60 ? 60 : cend - cs),
                      L + cs);
            goto out;
        }
    }
    if (in_doc) {
        rc = fail(err, COREF_ERR_INPUT, lineno, n, "document '%s' has no '#end document'", b.d.name);
        goto out;
    }
    if (!ndocs) {
        rc = fail(err, COREF_ERR_INPUT, lineno > 0 ? lineno : 1, 0, "no '#begin document' found");
        goto out;
    }
    if (npend) {
        /* trailing lines after the last document belong to it */
        conll_doc *d = &docs[ndocs - 1];
        char *raw = realloc(d->raw, d->rawlen + (n - pend_start) + 1);
        if (!raw) goto nomem;
        d->raw = raw;
        conll_line *lines = realloc(d->lines, (d->nline + npend) * sizeof *lines);
        if (!lines) goto nomem;
        d->lines = lines;
        for (size_t q = 0; q < npend; q++) {
            conll_line *l = &d->lines[d->nline++];
            *l = pend[q];
            l->off = pend[q].off - pend_start + d->rawlen;
        }
        memcpy(d->raw + d->rawlen, data + pend_start, n - pend_start);
        d->rawlen += n - pend_start;
        d->raw[d->rawlen] = 0;
    }
    free(pend);
    *docs_out = docs;
    *ndocs_out = ndocs;
    return COREF_OK;
nomem:
    rc = fail(err, COREF_ERR_NOMEM, lineno, pos, "out of memory");
out:
    builder_free(&b);
    free(pend);
    conll_docs_free(docs, ndocs);
    return rc;
}

/* Free what one document owns (not the struct). */
static void doc_free_fields(conll_doc *d)
{
        free(d->name);
        if (d->tok && d->ntok) free(d->tok[0]);
        free(d->tok);
        free(d->toklen);
        free(d->sent_start);
        free(d->ments);
        free(d->raw);
        free(d->lines);
        free(d->tok_line);
        memset(d, 0, sizeof *d);
}

void conll_docs_free(conll_doc *docs, size_t ndocs)
{
    if (!docs) return;
    for (size_t i = 0; i < ndocs; i++) doc_free_fields(&docs[i]);
    free(docs);
}

/* ------------------------------------------------------------ writer */

typedef struct cell_items { bracket *v; size_t n, cap; } cell_items;

static int collect_bracket(void *ctx, int kind, int64_t id)
{
    cell_items *c = ctx;
    if (grow(&c->v, &c->cap, c->n + 1, sizeof *c->v)) return -2;
    c->v[c->n].kind = kind;
    c->v[c->n].id = id;
    c->n++;
    return 0;
}

static int cmp_bracket(const void *a, const void *b)
{
    const bracket *x = a, *y = b;
    if (x->kind != y->kind) return x->kind - y->kind;
    return (x->id > y->id) - (x->id < y->id);
}

/* Order for opens: by start, outer (longer) first. */
static int cmp_open(const void *a, const void *b)
{
    const conll_mention *x = a, *y = b;
    if (x->tb != y->tb) return x->tb < y->tb ? -1 : 1;
    if (x->te != y->te) return x->te > y->te ? -1 : 1;
    return (x->entity > y->entity) - (x->entity < y->entity);
}

/* Order for closes: by last token, inner (later start) first. */
static int cmp_close(const void *a, const void *b)
{
    const conll_mention *x = a, *y = b;
    if (x->te != y->te) return x->te < y->te ? -1 : 1;
    if (x->tb != y->tb) return x->tb > y->tb ? -1 : 1;
    return (x->entity < y->entity) - (x->entity > y->entity);
}

/* Write one document: see conll.h. */
int conll_write(const conll_doc *doc, const conll_mention *ments, size_t nment, buf_t *out)
{
    if (!doc || !out || (!ments && nment)) return -1;
    for (size_t i = 0; i < nment; i++)
        if (ments[i].tb >= ments[i].te || ments[i].te > doc->ntok) return -1;
    int rc = -1;
    conll_mention *op = malloc((nment ? nment : 1) * sizeof *op);
    conll_mention *cl = malloc((nment ? nment : 1) * sizeof *cl);
    cell_items want = {0}, have = {0};
    if (!op || !cl) goto done;
    size_t nop = 0, ncl = 0;
    for (size_t i = 0; i < nment; i++) {
        op[nop++] = ments[i];
        if (ments[i].te - ments[i].tb > 1) cl[ncl++] = ments[i];
    }
    qsort(op, nop, sizeof *op, cmp_open);
    qsort(cl, ncl, sizeof *cl, cmp_close);
    size_t io = 0, ic = 0;
    for (size_t li = 0; li < doc->nline; li++) {
        const conll_line *l = &doc->lines[li];
        const char *raw = doc->raw + l->off;
        buf_flush_point(out);   /* between lines: the output may go to the sink */
        if (l->tok < 0) { buf_add(out, raw, l->len); continue; }
        size_t t = (size_t)l->tok;
        want.n = 0;
        /* opens (outer first), then one-token mentions, then closes (inner first) */
        size_t s = io;
        for (; io < nop && op[io].tb == t; io++)
            if (op[io].te - op[io].tb > 1 && collect_bracket(&want, BR_OPEN, op[io].entity)) goto done;
        for (size_t q = s; q < io; q++)
            if (op[q].te - op[q].tb == 1 && collect_bracket(&want, BR_SINGLE, op[q].entity)) goto done;
        for (; ic < ncl && cl[ic].te - 1 == t; ic++)
            if (collect_bracket(&want, BR_CLOSE, cl[ic].entity)) goto done;
        /* Keep the input cell when it holds the same brackets. */
        have.n = 0;
        const char *why = "";
        const char *cell = doc->raw + l->cs;
        size_t celln = l->ce - l->cs;
        int same = 0;
        if (parse_cell(cell, celln, collect_bracket, &have, &why) == 0 && have.n == want.n && want.n == 0) {
            same = 1;
        } else if (have.n == want.n) {
            bracket *a = malloc((want.n ? want.n : 1) * sizeof *a * 2);
            if (!a) goto done;
            memcpy(a, want.v, want.n * sizeof *a);
            memcpy(a + want.n, have.v, have.n * sizeof *a);
            qsort(a, want.n, sizeof *a, cmp_bracket);
            qsort(a + want.n, have.n, sizeof *a, cmp_bracket);
            same = 1;
            for (size_t q = 0; q < want.n; q++)
                if (a[q].kind != a[want.n + q].kind || a[q].id != a[want.n + q].id) same = 0;
            free(a);
        }
        buf_add(out, raw, (size_t)(l->cs - l->off));
        if (same) {
            buf_add(out, cell, celln);
        } else if (!want.n) {
            buf_puts(out, doc->none);
        } else {
            for (size_t q = 0; q < want.n; q++) {
                if (q && doc->pipe) buf_putc(out, '|');
                long long id = (long long)want.v[q].id;
                if (want.v[q].kind == BR_OPEN) buf_printf(out, "(%lld", id);
                else if (want.v[q].kind == BR_SINGLE) buf_printf(out, "(%lld)", id);
                else buf_printf(out, "%lld)", id);
            }
        }
        buf_add(out, doc->raw + l->ce, l->off + l->len - l->ce);
    }
    rc = out->err ? -1 : 0;
done:
    free(op);
    free(cl);
    free(want.v);
    free(have.v);
    return rc;
}
