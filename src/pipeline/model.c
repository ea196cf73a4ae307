/* Loading the model: the file's sections parsed by the stages that own them
 * (tagger, parser, lexicon) into one immutable coref_model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coref.h"
#include "core/api_base.h"
#include "core/fileio.h"
#include "core/model.h"
#include "coref/rank.h"
#include "mention/mention.h"
#include "ml/modelfile.h"
#include "ml/wclusters.h"
#include "parse/parser.h"
#include "tag/tagger.h"

extern const unsigned char coref_embedded_model[];
extern const unsigned char coref_embedded_model_end[];

void coref_model_free(coref_model *m)
{
    if (!m) return;
    tagger_free(m->tagger);
    parser_free(m->parser);
    lexicon_free(m->lex);
    ranker_free(m->ranker);
    wclus_free(m->clusters);
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
    if (!out) return api_error(err, COREF_ERR_ARG, -1, "coref_model_load_memory: out is NULL");
    *out = NULL;
    if (!data) return api_error(err, COREF_ERR_ARG, -1, "coref_model_load_memory: data is NULL");
    coref_model *m = calloc(1, sizeof *m);
    if (!m) return api_error(err, COREF_ERR_NOMEM, -1, "out of memory loading the model");
    m->blob = malloc(size ? size : 1);
    if (!m->blob) { free(m); return api_error(err, COREF_ERR_NOMEM, -1, "out of memory loading the model"); }
    memcpy(m->blob, data, size);
    m->size = size;
    mf_section secs[MF_MAX_SECTIONS];
    size_t nsec = 0;
    char msg[200];
    if (mf_open(m->blob, size, secs, &nsec, msg, sizeof msg) != 0) {
        coref_model_free(m);
        return api_error(err, COREF_ERR_MODEL, -1, "%s", msg);
    }
    const mf_section *s;
    if ((s = mf_find(secs, nsec, "META")) && parse_meta(m, s->data, s->size) != 0) {
        coref_model_free(m);
        return api_error(err, COREF_ERR_NOMEM, -1, "out of memory loading the model");
    }
    msg[0] = 0;
    int bad = 0;
    if (!bad && (s = mf_find(secs, nsec, WCLUS_SECTION)))
        bad = wclus_load(s->data, s->size, &m->clusters, msg, sizeof msg) != 0;
    if (!bad && (s = mf_find(secs, nsec, TAGGER_SECTION)))
        bad = tagger_load(s->data, s->size, &m->tagger, msg, sizeof msg) != 0;
    if (!bad && m->clusters) tagger_use_clusters(m->tagger, m->clusters);
    if (!bad && (s = mf_find(secs, nsec, PARSER_SECTION)))
        bad = parser_load(s->data, s->size, &m->parser, msg, sizeof msg) != 0;
    if (!bad && m->parser && parser_needs_clusters(m->parser)) {
        if (m->clusters) {
            parser_use_clusters(m->parser, m->clusters);
        } else {
            snprintf(msg, sizeof msg, "the parser needs word clusters and the model has no %s section",
                     WCLUS_SECTION);
            bad = 1;
        }
    }
    if (!bad && (s = mf_find(secs, nsec, LEXICON_SECTION)))
        bad = lexicon_load(s->data, s->size, &m->lex, msg, sizeof msg) != 0;
    if (!bad && (s = mf_find(secs, nsec, RANK_SECTION)))
        bad = ranker_load(s->data, s->size, &m->ranker, msg, sizeof msg) != 0;
    if (bad) {
        coref_model_free(m);
        return api_error(err, COREF_ERR_MODEL, -1, "model: %s", msg);
    }
    *out = m;
    return COREF_OK;
}

coref_status coref_model_load_embedded(coref_model **out, coref_error *err)
{
    if (!out) return api_error(err, COREF_ERR_ARG, -1, "coref_model_load_embedded: out is NULL");
    size_t n = (size_t)(coref_embedded_model_end - coref_embedded_model);
    return coref_model_load_memory(coref_embedded_model, n, out, err);
}

coref_status coref_model_load_file(const char *path, coref_model **out, coref_error *err)
{
    if (!path || !out) return api_error(err, COREF_ERR_ARG, -1, "coref_model_load_file: NULL argument");
    *out = NULL;
    char *p = NULL;
    size_t n = 0;
    int rc = read_file(path, &p, &n);
    if (rc == -2) return api_error(err, COREF_ERR_NOMEM, -1, "out of memory reading model %s", path);
    if (rc != 0) return api_error(err, COREF_ERR_IO, -1, "cannot read model %s", path);
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
