/* Reader for Universal Dependencies CoNLL-U: words, multiword tokens,
 * sentence comments. Every field points into the corpus' own copy. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/tagset.h"
#include "core/fileio.h"
#include "io/conllu.h"

static int fail(coref_error *err, int code, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(coref_error *err, int code, size_t line, const char *fmt, ...)
{
    if (err) {
        err->code = (coref_status)code;
        err->offset = -1;
        err->line = line ? (int64_t)line : -1;
        int k = line ? snprintf(err->message, sizeof err->message, "line %zu: ", line) : 0;
        if (k < 0) k = 0;
        if ((size_t)k >= sizeof err->message) k = (int)sizeof err->message - 1;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message + k, sizeof err->message - (size_t)k, fmt, ap);
        va_end(ap);
    }
    return code;
}

/* Grow *p (element size sz) to hold at least need elements. 0 or -1. */
static int grow(void **p, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap) return 0;
    size_t nc = *cap ? *cap : 256;
    while (nc < need) nc *= 2;
    void *q = realloc(*p, nc * sz);
    if (!q) return -1;
    *p = q;
    *cap = nc;
    return 0;
}

/* Parse a decimal unsigned number filling [s, s+n) exactly; -1 if not. */
static long parse_uint(const char *s, size_t n)
{
    if (n == 0 || n > 9) return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* 1 when comment text c (after "#") starts with key and "=" follows;
 * *val receives the trimmed value. Also matches a bare key ("# newdoc"). */
static int comment_key(const char *c, size_t n, const char *key, const char **val, size_t *vlen)
{
    size_t i = 0, kl = strlen(key);
    while (i < n && c[i] == ' ') i++;
    if (n - i < kl || memcmp(c + i, key, kl) != 0) return 0;
    i += kl;
    size_t j = i;
    while (j < n && c[j] == ' ') j++;
    if (j == n) {
        *val = NULL;
        *vlen = 0;
        return 1;
    }
    if (c[j] != '=') return 0;
    j++;
    if (j < n && c[j] == ' ') j++;
    *val = c + j;
    *vlen = n - j;
    return 1;
}

typedef struct pstate {
    conllu_corpus *c;
    size_t capw, caps, capm;
    conllu_sent cur;       /* sentence being read */
    int open;              /* a sentence has started (comment or word) */
    long mwt_last_id;      /* last ID covered by the open multiword token, 0 = none */
    long mwt_first_id;
} pstate;

/* Close the current sentence: resolve heads, check ranges. */
static int end_sentence(pstate *st, coref_error *err)
{
    conllu_corpus *c = st->c;
    if (!st->open) return COREF_OK;
    st->open = 0;
    conllu_sent *s = &st->cur;
    size_t nw = c->nword - s->word_begin;
    if (nw == 0) {
        /* comments without words: keep newdoc/newpar for the next sentence */
        if (s->newdoc || s->newpar) {
            st->open = 1;
            return COREF_OK;
        }
        return COREF_OK;   /* a comment-only block (e.g. global.columns) */
    }
    if (st->mwt_last_id)
        return fail(err, COREF_ERR_INPUT, s->line, "multiword token range runs past the sentence end");
    s->word_end = c->nword;
    s->mwt_end = c->nmwt;
    for (size_t i = s->word_begin; i < s->word_end; i++) {
        int32_t h = c->words[i].head;
        /* head holds the raw 1-based value here (or -1 for "_") */
        if (h > (int32_t)nw)
            return fail(err, COREF_ERR_INPUT, s->line,
                        "word %u has head %d beyond the sentence's %zu words", c->words[i].id,
                        (int)h, nw);
        c->words[i].head = h > 0 ? h - 1 : -1;
    }
    if (grow((void **)&c->sents, &st->caps, c->nsent + 1, sizeof *c->sents))
        return fail(err, COREF_ERR_NOMEM, 0, "out of memory");
    c->sents[c->nsent++] = *s;
    return COREF_OK;
}

static void begin_sentence(pstate *st, size_t line)
{
    if (st->open) return;
    memset(&st->cur, 0, sizeof st->cur);
    st->cur.word_begin = st->c->nword;
    st->cur.mwt_begin = st->c->nmwt;
    st->cur.line = line;
    st->open = 1;
    st->mwt_last_id = 0;
}

int conllu_parse(const char *data, size_t n, conllu_corpus **out, coref_error *err)
{
    *out = NULL;
    if (!data && n) return fail(err, COREF_ERR_ARG, 0, "NULL data");
    conllu_corpus *c = calloc(1, sizeof *c);
    if (!c) return fail(err, COREF_ERR_NOMEM, 0, "out of memory");
    c->data = malloc(n + 1);
    if (!c->data) {
        free(c);
        return fail(err, COREF_ERR_NOMEM, 0, "out of memory");
    }
    if (n) memcpy(c->data, data, n);
    c->data[n] = 0;
    c->len = n;
    pstate st;
    memset(&st, 0, sizeof st);
    st.c = c;
    int rc = COREF_OK;
    size_t line = 0, pos = 0;
    const char *d = c->data;
    while (pos < n && rc == COREF_OK) {
        line++;
        size_t e = pos;
        while (e < n && d[e] != '\n') e++;
        size_t next = e < n ? e + 1 : e;
        size_t le = e;
        if (le > pos && d[le - 1] == '\r') le--;
        const char *L = d + pos;
        size_t ln = le - pos;
        pos = next;
        if (ln == 0) {
            rc = end_sentence(&st, err);
            continue;
        }
        if (memchr(L, 0, ln)) {
            rc = fail(err, COREF_ERR_INPUT, line, "NUL byte in line");
            break;
        }
        if (L[0] == '#') {
            if (st.open && c->nword > st.cur.word_begin) {
                /* comment after words without a blank line: a new sentence */
                rc = end_sentence(&st, err);
                if (rc) break;
            }
            begin_sentence(&st, line);
            const char *v;
            size_t vl;
            if (comment_key(L + 1, ln - 1, "newdoc id", &v, &vl) ||
                comment_key(L + 1, ln - 1, "newdoc", &v, &vl)) {
                st.cur.newdoc = 1;
                st.cur.newpar = 1;
                if (v) {
                    st.cur.doc_id = v;
                    st.cur.doc_id_len = (uint32_t)vl;
                }
            } else if (comment_key(L + 1, ln - 1, "newpar id", &v, &vl) ||
                       comment_key(L + 1, ln - 1, "newpar", &v, &vl)) {
                st.cur.newpar = 1;
            } else if (comment_key(L + 1, ln - 1, "text", &v, &vl) && v) {
                st.cur.text = v;
                st.cur.text_len = (uint32_t)vl;
            } else if (comment_key(L + 1, ln - 1, "sent_id", &v, &vl) && v) {
                st.cur.sent_id = v;
                st.cur.sent_id_len = (uint32_t)vl;
            }
            continue;
        }
        /* a word line: exactly 10 tab-separated columns */
        const char *col[10];
        size_t clen[10];
        size_t ncol = 0, a = 0;
        for (size_t i = 0; i <= ln; i++) {
            if (i == ln || L[i] == '\t') {
                if (ncol < 10) {
                    col[ncol] = L + a;
                    clen[ncol] = i - a;
                }
                ncol++;
                a = i + 1;
            }
        }
        if (ncol != 10) {
            rc = fail(err, COREF_ERR_INPUT, line, "expected 10 tab-separated columns, found %zu", ncol);
            break;
        }
        for (int k = 0; k < 10; k++)
            if (clen[k] == 0) {
                rc = fail(err, COREF_ERR_INPUT, line, "column %d is empty", k + 1);
                break;
            }
        if (rc) break;
        begin_sentence(&st, line);
        long expect = (long)(c->nword - st.cur.word_begin) + 1;
        const char *dash = memchr(col[0], '-', clen[0]);
        const char *dot = memchr(col[0], '.', clen[0]);
        if (dot) {
            /* empty node (enhanced graphs only): skipped */
            if (parse_uint(col[0], (size_t)(dot - col[0])) < 0 ||
                parse_uint(dot + 1, clen[0] - (size_t)(dot + 1 - col[0])) < 1) {
                rc = fail(err, COREF_ERR_INPUT, line, "bad empty-node ID '%.*s'", (int)clen[0], col[0]);
            }
            continue;
        }
        if (dash) {
            long lo = parse_uint(col[0], (size_t)(dash - col[0]));
            long hi = parse_uint(dash + 1, clen[0] - (size_t)(dash + 1 - col[0]));
            if (lo < 1 || hi < lo || lo != expect || st.mwt_last_id) {
                rc = fail(err, COREF_ERR_INPUT, line, "bad multiword token range '%.*s'",
                          (int)clen[0], col[0]);
                break;
            }
            if (grow((void **)&c->mwts, &st.capm, c->nmwt + 1, sizeof *c->mwts)) {
                rc = fail(err, COREF_ERR_NOMEM, 0, "out of memory");
                break;
            }
            conllu_mwt *m = &c->mwts[c->nmwt++];
            m->form = col[1];
            m->form_len = (uint32_t)clen[1];
            m->misc = col[9];
            m->misc_len = (uint32_t)clen[9];
            m->word_begin = c->nword;
            m->word_end = c->nword + (size_t)(hi - lo + 1);
            st.mwt_first_id = lo;
            st.mwt_last_id = hi;
            continue;
        }
        long id = parse_uint(col[0], clen[0]);
        if (id < 1) {
            rc = fail(err, COREF_ERR_INPUT, line, "bad word ID '%.*s'", (int)clen[0], col[0]);
            break;
        }
        if (id != expect) {
            rc = fail(err, COREF_ERR_INPUT, line, "word ID %ld out of sequence (expected %ld)", id, expect);
            break;
        }
        long head = -1;
        if (!(clen[6] == 1 && col[6][0] == '_')) {
            head = parse_uint(col[6], clen[6]);
            if (head < 0) {
                rc = fail(err, COREF_ERR_INPUT, line, "bad HEAD '%.*s'", (int)clen[6], col[6]);
                break;
            }
            if (head == id) {
                rc = fail(err, COREF_ERR_INPUT, line, "word %ld is its own head", id);
                break;
            }
        }
        if (grow((void **)&c->words, &st.capw, c->nword + 1, sizeof *c->words)) {
            rc = fail(err, COREF_ERR_NOMEM, 0, "out of memory");
            break;
        }
        conllu_word *w = &c->words[c->nword++];
        memset(w, 0, sizeof *w);
        w->form = col[1];
        w->form_len = (uint32_t)clen[1];
        w->lemma = col[2];
        w->lemma_len = (uint32_t)clen[2];
        w->upos_str = col[3];
        w->upos_len = (uint32_t)clen[3];
        w->xpos_str = col[4];
        w->xpos_len = (uint32_t)clen[4];
        w->feats = col[5];
        w->feats_len = (uint32_t)clen[5];
        w->deprel_str = col[7];
        w->deprel_len = (uint32_t)clen[7];
        w->misc = col[9];
        w->misc_len = (uint32_t)clen[9];
        w->upos = (uint8_t)upos_from_name(col[3], clen[3]);
        w->xpos = (uint8_t)xpos_from_name(col[4], clen[4]);
        w->deprel = (uint8_t)deprel_from_name(col[7], clen[7]);
        w->head = (int32_t)head;   /* 1-based for now; resolved at sentence end */
        w->id = (uint32_t)id;
        w->mwt = -1;
        const char *misc = col[9];
        size_t ml = clen[9];
        if (st.mwt_last_id) {
            w->mwt = (int32_t)(c->nmwt - 1);
            if (id == st.mwt_last_id) {
                /* SpaceAfter of the whole token lives on the range line */
                misc = c->mwts[c->nmwt - 1].misc;
                ml = c->mwts[c->nmwt - 1].misc_len;
                st.mwt_last_id = 0;
            } else {
                misc = "SpaceAfter=No";
                ml = 13;
            }
        }
        w->space_after = 1;
        for (size_t i = 0; i + 13 <= ml; i++)
            if (memcmp(misc + i, "SpaceAfter=No", 13) == 0 && (i == 0 || misc[i - 1] == '|')) {
                w->space_after = 0;
                break;
            }
    }
    if (rc == COREF_OK) rc = end_sentence(&st, err);
    if (rc == COREF_OK && st.open) {
        /* trailing comments only */
        st.open = 0;
    }
    if (rc != COREF_OK) {
        conllu_free(c);
        return rc;
    }
    *out = c;
    return COREF_OK;
}

int conllu_read_file(const char *path, conllu_corpus **out, coref_error *err)
{
    *out = NULL;
    char *p = NULL;
    size_t n = 0;
    int rd = read_file(path, &p, &n);
    if (rd == -2) return fail(err, COREF_ERR_NOMEM, 0, "out of memory reading %s", path);
    if (rd != 0) return fail(err, COREF_ERR_IO, 0, "cannot read %s", path);
    int rc = conllu_parse(p, n, out, err);
    free(p);
    return rc;
}

void conllu_free(conllu_corpus *c)
{
    if (!c) return;
    free(c->data);
    free(c->words);
    free(c->sents);
    free(c->mwts);
    free(c);
}
