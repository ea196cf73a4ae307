/* The pipeline above its stages: coref_doc_analyze and
 * coref_doc_analyze_tokens run text -> tokens -> tags -> tree -> mentions ->
 * clusters -> cluster names, and coref_doc_render hands the document to a
 * writer. Every stage sits below this file; none calls back up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coref.h"
#include "core/api_base.h"
#include "core/buf.h"
#include "core/doc.h"
#include "core/model.h"
#include "coref/resolve.h"
#include "io/writers.h"
#include "lang/lang.h"
#include "mention/mention.h"
#include "parse/parser.h"
#include "rewrite/rewrite.h"
#include "tag/tagger.h"
#include "text/text.h"

/* Largest input accepted: offsets are 32-bit. */
#define COREF_MAX_INPUT ((size_t)0x7fffffff)

coref_status coref_utf8_check(const char *text, size_t len, coref_error *err)
{
    size_t bad = 0;
    const char *why = "";
    if (!text && len) return api_error(err, COREF_ERR_ARG, -1, "text is NULL");
    if (len && utf8_validate(text, len, &bad, &why) != 0)
        return api_error(err, COREF_ERR_UTF8, (int64_t)bad, "%s at byte offset %zu", why, bad);
    return COREF_OK;
}

/* Everything after tokenization. */
static coref_status run_after_tokens(struct coref_doc *d, coref_error *err)
{
    const coref_model *m = d->model;
    lang_mark_tokens(d);   /* word classes, once, for every way tokens arrive */
    if (m->tagger) tagger_tag(m->tagger, d);
    if (m->parser) parser_parse(m->parser, d);
    if (mention_detect(m, d) != 0 || coref_resolve(m, d) != 0 || rewrite_name_clusters(d) != 0)
        return api_error(err, COREF_ERR_NOMEM, -1, "out of memory during analysis");
    return COREF_OK;
}

static struct coref_doc *doc_new(const coref_model *m)
{
    struct coref_doc *d = calloc(1, sizeof *d);
    if (d) d->model = m;
    return d;
}

coref_status coref_doc_analyze(const coref_model *model, const char *text, size_t len,
                               const coref_options *opts, coref_doc **out, coref_error *err)
{
    if (!out) return api_error(err, COREF_ERR_ARG, -1, "coref_doc_analyze: out is NULL");
    *out = NULL;
    if (!model) return api_error(err, COREF_ERR_ARG, -1, "coref_doc_analyze: model is NULL");
    if (!text && len) return api_error(err, COREF_ERR_ARG, -1, "coref_doc_analyze: text is NULL");
    if (len > COREF_MAX_INPUT)
        return api_error(err, COREF_ERR_LIMIT, -1, "input of %zu bytes exceeds the 2 GiB limit", len);
    coref_status st = coref_utf8_check(text, len, err);
    if (st != COREF_OK) return st;
    coref_options o = opts ? *opts : coref_default_options();
    struct coref_doc *d = doc_new(model);
    if (!d) return api_error(err, COREF_ERR_NOMEM, -1, "out of memory");
    d->text = malloc(len + 1);
    if (!d->text) { free(d); return api_error(err, COREF_ERR_NOMEM, -1, "out of memory"); }
    if (len) memcpy(d->text, text, len);
    d->text[len] = 0;
    d->len = len;
    if ((o.clean && text_clean(d) != 0) || text_tokenize(d) != 0) {
        coref_doc_free(d);
        return api_error(err, COREF_ERR_NOMEM, -1, "out of memory during tokenization");
    }
    if ((st = run_after_tokens(d, err)) != COREF_OK) { coref_doc_free(d); return st; }
    *out = d;
    return COREF_OK;
}

coref_status coref_doc_analyze_tokens(const coref_model *model, const char *const *tokens,
                                      const size_t *lens, const unsigned char *sent_start,
                                      size_t ntok, const coref_options *opts, coref_doc **out,
                                      coref_error *err)
{
    (void)opts;
    if (!out) return api_error(err, COREF_ERR_ARG, -1, "coref_doc_analyze_tokens: out is NULL");
    *out = NULL;
    if (!model || (ntok && (!tokens || !lens)))
        return api_error(err, COREF_ERR_ARG, -1, "coref_doc_analyze_tokens: NULL argument");
    size_t total = 0;
    for (size_t i = 0; i < ntok; i++) {
        /* a token is a non-empty word: empty ones and line breaks inside one
         * would change what the document text says */
        if (!tokens[i] || lens[i] == 0) return api_error(err, COREF_ERR_INPUT, -1, "token %zu is empty", i);
        if (memchr(tokens[i], '\n', lens[i]) || memchr(tokens[i], '\r', lens[i]))
            return api_error(err, COREF_ERR_INPUT, -1, "token %zu contains a line break", i);
        if (memchr(tokens[i], 0, lens[i])) return api_error(err, COREF_ERR_INPUT, -1, "token %zu contains a NUL byte", i);
        coref_status st = coref_utf8_check(tokens[i], lens[i], err);
        if (st != COREF_OK) {
            if (err) snprintf(err->message, sizeof err->message, "token %zu is not valid UTF-8", i);
            return st;
        }
        total += lens[i] + 1;
        if (total > COREF_MAX_INPUT) return api_error(err, COREF_ERR_LIMIT, -1, "input too large");
    }
    struct coref_doc *d = doc_new(model);
    if (!d || !(d->text = malloc(total + 1))) {
        free(d);
        return api_error(err, COREF_ERR_NOMEM, -1, "out of memory");
    }
    d->pretokenized = 1;
    size_t pos = 0, sbeg = 0;
    for (size_t i = 0; i < ntok; i++) {
        if (i > 0) {
            int brk = sent_start && sent_start[i];
            if (brk) {
                if (doc_add_sentence(d, (uint32_t)sbeg, (uint32_t)i)) goto nomem;
                sbeg = i;
            }
            d->text[pos++] = brk ? '\n' : ' ';
        }
        memcpy(d->text + pos, tokens[i], lens[i]);
        if (doc_add_token(d, (uint32_t)pos, (uint32_t)(pos + lens[i]))) goto nomem;
        pos += lens[i];
    }
    if (ntok && doc_add_sentence(d, (uint32_t)sbeg, (uint32_t)ntok)) goto nomem;
    for (size_t i = 0; i + 1 < ntok; i++) d->toks[i].flags |= TF_SPACE_AFTER;
    d->text[pos] = 0;
    d->len = pos;
    coref_status st = run_after_tokens(d, err);
    if (st != COREF_OK) { coref_doc_free(d); return st; }
    *out = d;
    return COREF_OK;
nomem:
    coref_doc_free(d);
    return api_error(err, COREF_ERR_NOMEM, -1, "out of memory");
}

void coref_doc_free(coref_doc *d)
{
    if (!d) return;
    doc_free_layers(d);
    free(d);
}

/* ----------------------------------------------------------------- output */

/* Render d into b (whose sink, if any, takes the output as it grows). */
static coref_status render_into(const coref_doc *d, coref_format fmt, const coref_options *opts, buf_t *b)
{
    coref_options o = opts ? *opts : coref_default_options();
    int rc = 0;
    const rw_opts ro = RW_OPTS(o);
    switch (fmt) {
    case COREF_FORMAT_TEXT: rc = rewrite_text(d, &ro, b); break;
    case COREF_FORMAT_JSON: rc = write_json(d, 0, &ro, b); break;
    case COREF_FORMAT_JSONL: rc = write_json(d, 1, &ro, b); break;
    case COREF_FORMAT_CONLL: rc = write_conll(d, "doc", o.singletons, b); break;
    case COREF_FORMAT_CONLLU: rc = write_conllu(d, o.singletons, b); break;
    case COREF_FORMAT_HTML: rc = write_html(d, b); break;
    default: return COREF_ERR_ARG;
    }
    return rc != 0 || b->err ? COREF_ERR_NOMEM : COREF_OK;
}

coref_status coref_doc_render(const coref_doc *d, coref_format fmt, const coref_options *opts,
                              char **out, size_t *len)
{
    if (!d || !out) return COREF_ERR_ARG;
    *out = NULL;
    buf_t b;
    buf_init(&b);
    coref_status st = render_into(d, fmt, opts, &b);
    if (st != COREF_OK) {
        buf_free(&b);
        return st;
    }
    *out = buf_take(&b, len);
    return *out ? COREF_OK : COREF_ERR_NOMEM;
}

typedef struct { coref_write_fn fn; void *user; int failed; } sink_ctx;

static int to_sink(const char *s, size_t n, void *user)
{
    sink_ctx *c = user;
    if (c->fn(s, n, c->user) != 0) c->failed = 1;
    return c->failed;
}

coref_status coref_doc_write(const coref_doc *d, coref_format fmt, const coref_options *opts, coref_write_fn write,
                             void *user)
{
    if (!d || !write) return COREF_ERR_ARG;
    sink_ctx c = {write, user, 0};
    buf_t b;
    buf_init(&b);
    b.sink = to_sink;
    b.sink_user = &c;
    coref_status st = render_into(d, fmt, opts, &b);
    if (!c.failed) buf_flush(&b);
    buf_free(&b);
    if (c.failed) return COREF_ERR_IO;
    return st;
}

coref_status coref_doc_resolve(const coref_doc *d, const coref_options *opts, char **out, size_t *len)
{
    return coref_doc_render(d, COREF_FORMAT_TEXT, opts, out, len);
}
