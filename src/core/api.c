/* The public API: model loading, the analysis pipeline, accessors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coref.h"
#include "core/doc.h"
#include "core/fileio.h"
#include "core/model.h"
#include "core/tagset.h"
#include "coref/resolve.h"
#include "io/writers.h"
#include "mention/mention.h"
#include "ml/modelfile.h"
#include "parse/parser.h"
#include "rewrite/rewrite.h"
#include "tag/tagger.h"
#include "text/text.h"

extern const unsigned char coref_embedded_model[];
extern const unsigned char coref_embedded_model_end[];

/* Largest input accepted: offsets are 32-bit. */
#define COREF_MAX_INPUT ((size_t)0x7fffffff)

static coref_status set_err(coref_error *err, coref_status code, int64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#include <stdarg.h>
static coref_status set_err(coref_error *err, coref_status code, int64_t offset, const char *fmt, ...)
{
    if (err) {
        err->code = code;
        err->offset = offset;
        err->line = -1;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

const char *coref_strerror(coref_status code)
{
    switch (code) {
    case COREF_OK: return "success";
    case COREF_ERR_NOMEM: return "out of memory";
    case COREF_ERR_ARG: return "invalid argument";
    case COREF_ERR_UTF8: return "invalid UTF-8 input";
    case COREF_ERR_INPUT: return "malformed input";
    case COREF_ERR_MODEL: return "bad or missing model";
    case COREF_ERR_IO: return "input/output error";
    case COREF_ERR_LIMIT: return "input too large";
    }
    return "unknown error";
}

const char *coref_version(void) { return COREF_VERSION; }

void coref_free(void *p) { free(p); }

coref_options coref_default_options(void)
{
    coref_options o;
    memset(&o, 0, sizeof o);
    o.clean = 1;
    return o;
}

/* ------------------------------------------------------------------ model */

void coref_model_free(coref_model *m)
{
    if (!m) return;
    tagger_free(m->tagger);
    parser_free(m->parser);
    lexicon_free(m->lex);
    for (size_t i = 0; i < m->nmeta; i++) {
        free(m->meta_keys[i]);
        free(m->meta_vals[i]);
    }
    free(m->meta_keys);
    free(m->meta_vals);
    free(m->blob);
    free(m);
}

/* META is "key=value\n" lines. */
static int parse_meta(coref_model *m, const uint8_t *p, size_t n)
{
    size_t lines = 0;
    for (size_t i = 0; i < n; i++) lines += p[i] == '\n';
    m->meta_keys = calloc(lines + 1, sizeof(char *));
    m->meta_vals = calloc(lines + 1, sizeof(char *));
    if (!m->meta_keys || !m->meta_vals) return -1;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && p[j] != '\n') j++;
        const uint8_t *eq = memchr(p + i, '=', j - i);
        if (eq && m->nmeta < lines + 1) {
            size_t kl = (size_t)(eq - (p + i)), vl = j - i - kl - 1;
            char *k = malloc(kl + 1), *v = malloc(vl + 1);
            if (!k || !v) { free(k); free(v); return -1; }
            memcpy(k, p + i, kl); k[kl] = 0;
            memcpy(v, eq + 1, vl); v[vl] = 0;
            m->meta_keys[m->nmeta] = k;
            m->meta_vals[m->nmeta++] = v;
        }
        i = j + 1;
    }
    return 0;
}

coref_status coref_model_load_memory(const void *data, size_t size, coref_model **out, coref_error *err)
{
    if (!out) return set_err(err, COREF_ERR_ARG, -1, "coref_model_load_memory: out is NULL");
    *out = NULL;
    if (!data) return set_err(err, COREF_ERR_ARG, -1, "coref_model_load_memory: data is NULL");
    coref_model *m = calloc(1, sizeof *m);
    if (!m) return set_err(err, COREF_ERR_NOMEM, -1, "out of memory loading the model");
    m->blob = malloc(size ? size : 1);
    if (!m->blob) { free(m); return set_err(err, COREF_ERR_NOMEM, -1, "out of memory loading the model"); }
    memcpy(m->blob, data, size);
    m->size = size;
    mf_section secs[MF_MAX_SECTIONS];
    size_t nsec = 0;
    char msg[200];
    if (mf_open(m->blob, size, secs, &nsec, msg, sizeof msg) != 0) {
        coref_model_free(m);
        return set_err(err, COREF_ERR_MODEL, -1, "%s", msg);
    }
    const mf_section *s;
    if ((s = mf_find(secs, nsec, "META")) && parse_meta(m, s->data, s->size) != 0) {
        coref_model_free(m);
        return set_err(err, COREF_ERR_NOMEM, -1, "out of memory loading the model");
    }
    msg[0] = 0;
    int bad = 0;
    if (!bad && (s = mf_find(secs, nsec, TAGGER_SECTION)))
        bad = tagger_load(s->data, s->size, &m->tagger, msg, sizeof msg) != 0;
    if (!bad && (s = mf_find(secs, nsec, PARSER_SECTION)))
        bad = parser_load(s->data, s->size, &m->parser, msg, sizeof msg) != 0;
    if (!bad && (s = mf_find(secs, nsec, LEXICON_SECTION)))
        bad = lexicon_load(s->data, s->size, &m->lex, msg, sizeof msg) != 0;
    if (bad) {
        coref_model_free(m);
        return set_err(err, COREF_ERR_MODEL, -1, "model: %s", msg);
    }
    *out = m;
    return COREF_OK;
}

coref_status coref_model_load_embedded(coref_model **out, coref_error *err)
{
    if (!out) return set_err(err, COREF_ERR_ARG, -1, "coref_model_load_embedded: out is NULL");
    size_t n = (size_t)(coref_embedded_model_end - coref_embedded_model);
    return coref_model_load_memory(coref_embedded_model, n, out, err);
}

coref_status coref_model_load_file(const char *path, coref_model **out, coref_error *err)
{
    if (!path || !out) return set_err(err, COREF_ERR_ARG, -1, "coref_model_load_file: NULL argument");
    *out = NULL;
    char *p = NULL;
    size_t n = 0;
    int rc = read_file(path, &p, &n);
    if (rc == -2) return set_err(err, COREF_ERR_NOMEM, -1, "out of memory reading model %s", path);
    if (rc != 0) return set_err(err, COREF_ERR_IO, -1, "cannot read model %s", path);
    coref_status st = coref_model_load_memory(p, n, out, err);
    free(p);
    return st;
}

const char *coref_model_info(const coref_model *m, const char *key)
{
    if (!m || !key) return NULL;
    for (size_t i = 0; i < m->nmeta; i++)
        if (strcmp(m->meta_keys[i], key) == 0) return m->meta_vals[i];
    return NULL;
}

/* --------------------------------------------------------------- pipeline */

coref_status coref_utf8_check(const char *text, size_t len, coref_error *err)
{
    size_t bad = 0;
    const char *why = "";
    if (!text && len) return set_err(err, COREF_ERR_ARG, -1, "text is NULL");
    if (len && utf8_validate(text, len, &bad, &why) != 0)
        return set_err(err, COREF_ERR_UTF8, (int64_t)bad, "%s at byte offset %zu", why, bad);
    return COREF_OK;
}

/* Everything after tokenization. */
static coref_status run_after_tokens(struct coref_doc *d, coref_error *err)
{
    const coref_model *m = d->model;
    if (m->tagger) tagger_tag(m->tagger, d);
    if (m->parser) parser_parse(m->parser, d);
    if (mention_detect(m, d) != 0 || coref_resolve(m, d) != 0 || rewrite_name_clusters(d) != 0)
        return set_err(err, COREF_ERR_NOMEM, -1, "out of memory during analysis");
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
    if (!out) return set_err(err, COREF_ERR_ARG, -1, "coref_doc_analyze: out is NULL");
    *out = NULL;
    if (!model) return set_err(err, COREF_ERR_ARG, -1, "coref_doc_analyze: model is NULL");
    if (!text && len) return set_err(err, COREF_ERR_ARG, -1, "coref_doc_analyze: text is NULL");
    if (len > COREF_MAX_INPUT)
        return set_err(err, COREF_ERR_LIMIT, -1, "input of %zu bytes exceeds the 2 GiB limit", len);
    coref_status st = coref_utf8_check(text, len, err);
    if (st != COREF_OK) return st;
    coref_options o = opts ? *opts : coref_default_options();
    struct coref_doc *d = doc_new(model);
    if (!d) return set_err(err, COREF_ERR_NOMEM, -1, "out of memory");
    d->text = malloc(len + 1);
    if (!d->text) { free(d); return set_err(err, COREF_ERR_NOMEM, -1, "out of memory"); }
    if (len) memcpy(d->text, text, len);
    d->text[len] = 0;
    d->len = len;
    if ((o.clean && text_clean(d) != 0) || text_tokenize(d) != 0) {
        coref_doc_free(d);
        return set_err(err, COREF_ERR_NOMEM, -1, "out of memory during tokenization");
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
    if (!out) return set_err(err, COREF_ERR_ARG, -1, "coref_doc_analyze_tokens: out is NULL");
    *out = NULL;
    if (!model || (ntok && (!tokens || !lens)))
        return set_err(err, COREF_ERR_ARG, -1, "coref_doc_analyze_tokens: NULL argument");
    size_t total = 0;
    for (size_t i = 0; i < ntok; i++) {
        /* a token is a non-empty word: empty ones and line breaks inside one
         * would change what the document text says */
        if (!tokens[i] || lens[i] == 0) return set_err(err, COREF_ERR_INPUT, -1, "token %zu is empty", i);
        if (memchr(tokens[i], '\n', lens[i]) || memchr(tokens[i], '\r', lens[i]))
            return set_err(err, COREF_ERR_INPUT, -1, "token %zu contains a line break", i);
        if (memchr(tokens[i], 0, lens[i])) return set_err(err, COREF_ERR_INPUT, -1, "token %zu contains a NUL byte", i);
        coref_status st = coref_utf8_check(tokens[i], lens[i], err);
        if (st != COREF_OK) {
            if (err) snprintf(err->message, sizeof err->message, "token %zu is not valid UTF-8", i);
            return st;
        }
        total += lens[i] + 1;
        if (total > COREF_MAX_INPUT) return set_err(err, COREF_ERR_LIMIT, -1, "input too large");
    }
    struct coref_doc *d = doc_new(model);
    if (!d || !(d->text = malloc(total + 1))) {
        free(d);
        return set_err(err, COREF_ERR_NOMEM, -1, "out of memory");
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
    return set_err(err, COREF_ERR_NOMEM, -1, "out of memory");
}

void coref_doc_free(coref_doc *d)
{
    if (!d) return;
    doc_free_layers(d);
    free(d);
}

/* -------------------------------------------------------------- accessors */

const char *coref_doc_text(const coref_doc *d, size_t *len)
{
    if (!d) { if (len) *len = 0; return NULL; }
    if (len) *len = d->len;
    return d->text;
}

size_t coref_doc_sentence_count(const coref_doc *d) { return d ? d->nsent : 0; }

coref_status coref_doc_sentence(const coref_doc *d, size_t i, size_t *start, size_t *end)
{
    if (!d || i >= d->nsent || !start || !end) return COREF_ERR_ARG;
    const sent_t *s = &d->sents[i];
    if (s->tok_end <= s->tok_begin) { *start = *end = 0; return COREF_OK; }
    *start = d->toks[s->tok_begin].start;
    *end = d->toks[s->tok_end - 1].end;
    return COREF_OK;
}

size_t coref_doc_token_count(const coref_doc *d) { return d ? d->ntok : 0; }

coref_status coref_doc_token(const coref_doc *d, size_t i, coref_token *out)
{
    if (!d || i >= d->ntok || !out) return COREF_ERR_ARG;
    const tok_t *t = &d->toks[i];
    out->start = t->start;
    out->end = t->end;
    out->sentence = t->sent;
    out->upos = upos_names[t->upos < UPOS_COUNT ? t->upos : 0];
    out->xpos = xpos_names[t->xpos < X_COUNT ? t->xpos : 0];
    out->feats = d->model && d->model->tagger ? tagger_feats_name(d->model->tagger, t->feats) : "_";
    out->head = t->head;
    out->deprel = deprel_names[t->deprel < DEP_COUNT ? t->deprel : 0];
    return COREF_OK;
}

size_t coref_doc_mention_count(const coref_doc *d) { return d ? d->nment : 0; }

coref_status coref_doc_mention(const coref_doc *d, size_t i, coref_mention *out)
{
    static const char *const kinds[] = {"proper", "nominal", "pronoun"};
    static const char *const numbers[] = {"unknown", "sg", "pl"};
    static const char *const genders[] = {"unknown", "masc", "fem", "neut"};
    if (!d || i >= d->nment || !out) return COREF_ERR_ARG;
    const mention_t *m = &d->ments[i];
    out->tok_start = m->tb;
    out->tok_end = m->te;
    out->start = d->toks[m->tb].start;
    out->end = d->toks[m->te - 1].end;
    out->head = m->head;
    out->kind = kinds[m->kind <= MK_PRONOUN ? m->kind : 1];
    out->entity = etype_names[m->etype < ET_COUNT ? m->etype : 0];
    out->number = numbers[m->number <= NUM_PL ? m->number : 0];
    out->gender = genders[m->gender <= GEN_NEUT ? m->gender : 0];
    out->person = m->person;
    out->cluster = m->cluster;
    return COREF_OK;
}

size_t coref_doc_cluster_count(const coref_doc *d) { return d ? d->ncluster : 0; }

const size_t *coref_doc_cluster(const coref_doc *d, size_t c, size_t *n)
{
    if (!d || c >= d->ncluster) { if (n) *n = 0; return NULL; }
    if (n) *n = d->cl_off[c + 1] - d->cl_off[c];
    return d->cl_members + d->cl_off[c];
}

const char *coref_doc_cluster_name(const coref_doc *d, size_t c)
{
    if (!d || c >= d->ncluster || !d->cl_names) return NULL;
    return d->cl_names[c];
}

/* ----------------------------------------------------------------- output */

coref_status coref_doc_render(const coref_doc *d, coref_format fmt, const coref_options *opts,
                              char **out, size_t *len)
{
    if (!d || !out) return COREF_ERR_ARG;
    *out = NULL;
    coref_options o = opts ? *opts : coref_default_options();
    buf_t b;
    buf_init(&b);
    int rc = 0;
    switch (fmt) {
    case COREF_FORMAT_TEXT: rc = rewrite_text(d, o.nominals, &b); break;
    case COREF_FORMAT_JSON: rc = write_json(d, 0, o.nominals, &b); break;
    case COREF_FORMAT_JSONL: rc = write_json(d, 1, o.nominals, &b); break;
    case COREF_FORMAT_CONLL: rc = write_conll(d, "doc", &b); break;
    case COREF_FORMAT_CONLLU: rc = write_conllu(d, &b); break;
    case COREF_FORMAT_HTML: rc = write_html(d, &b); break;
    default: return COREF_ERR_ARG;
    }
    if (rc != 0 || b.err) { buf_free(&b); return COREF_ERR_NOMEM; }
    *out = buf_take(&b, len);
    return *out ? COREF_OK : COREF_ERR_NOMEM;
}

coref_status coref_doc_resolve(const coref_doc *d, const coref_options *opts, char **out, size_t *len)
{
    return coref_doc_render(d, COREF_FORMAT_TEXT, opts, out, len);
}
