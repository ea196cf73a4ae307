/* Loading the model: the file's sections parsed by the stages that own them
 * (tagger, parser, lexicon) into one immutable coref_model. A model image
 * (sections in their image form: coref_model_write_image) is used where it
 * lies: the embedded copy in the binary, a file mapped with mmap. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "coref.h"
#include "core/api_base.h"
#include "core/fileio.h"
#include "core/model.h"
#include "coref/nominal.h"
#include "coref/rank.h"
#include "mention/mention.h"
#include "ml/modelfile.h"
#include "ml/wclusters.h"
#include "parse/parser.h"
#include "rewrite/confidence.h"
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
    conf_free(m->conf);
    wclus_free(m->clusters);
    noml_free(m->nominal);
    for (size_t i = 0; i < m->nmeta; i++) {
        free(m->meta_keys[i]);
        free(m->meta_vals[i]);
    }
    free(m->meta_keys);
    free(m->meta_vals);
    free(m->own_blob);
    if (m->map) munmap(m->map, m->map_size);
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

/* Parse the sections of m->blob (m->size bytes, which outlive m). */
static coref_status load_sections(coref_model *m, coref_error *err)
{
    mf_section secs[MF_MAX_SECTIONS];
    size_t nsec = 0;
    char msg[200];
    if (mf_open(m->blob, m->size, secs, &nsec, msg, sizeof msg) != 0) return api_error(err, COREF_ERR_MODEL, -1, "%s", msg);
    const mf_section *s;
    if ((s = mf_find(secs, nsec, "META")) && parse_meta(m, s->data, s->size) != 0)
        return api_error(err, COREF_ERR_NOMEM, -1, "out of memory loading the model");
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
    if (!bad && (s = mf_find(secs, nsec, NOML_SECTION)))
        bad = noml_load(s->data, s->size, &m->nominal, msg, sizeof msg) != 0;
    if (!bad && (s = mf_find(secs, nsec, CONF_SECTION)))
        bad = conf_load(s->data, s->size, &m->conf, msg, sizeof msg) != 0;
    if (bad) return api_error(err, COREF_ERR_MODEL, -1, "model: %s", msg);
    return COREF_OK;
}

/* A model over `size` bytes at `blob`, which stay where they are: the
 * binary's embedded copy, or (owned by the model from here on, released
 * on any failure) a malloc'd copy `own` or a mapping `map`. */
static coref_status load_over(const uint8_t *blob, size_t size, uint8_t *own, void *map, coref_model **out,
                              coref_error *err)
{
    coref_model *m = calloc(1, sizeof *m);
    if (!m) {
        free(own);
        if (map) munmap(map, size);
        return api_error(err, COREF_ERR_NOMEM, -1, "out of memory loading the model");
    }
    m->blob = blob;
    m->size = size;
    m->own_blob = own;
    m->map = map;
    m->map_size = map ? size : 0;
    coref_status st = load_sections(m, err);
    if (st != COREF_OK) {
        coref_model_free(m);
        return st;
    }
    *out = m;
    return COREF_OK;
}

coref_status coref_model_load_memory(const void *data, size_t size, coref_model **out, coref_error *err)
{
    if (!out) return api_error(err, COREF_ERR_ARG, -1, "coref_model_load_memory: out is NULL");
    *out = NULL;
    if (!data) return api_error(err, COREF_ERR_ARG, -1, "coref_model_load_memory: data is NULL");
    /* The caller keeps its bytes: the model works on its own (aligned) copy. */
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy) return api_error(err, COREF_ERR_NOMEM, -1, "out of memory loading the model");
    memcpy(copy, data, size);
    return load_over(copy, size, copy, NULL, out, err);
}

coref_status coref_model_load_embedded(coref_model **out, coref_error *err)
{
    if (!out) return api_error(err, COREF_ERR_ARG, -1, "coref_model_load_embedded: out is NULL");
    *out = NULL;
    /* in place: the binary's read-only copy is the model */
    return load_over(coref_embedded_model, (size_t)(coref_embedded_model_end - coref_embedded_model), NULL, NULL,
                     out, err);
}

coref_status coref_model_load_file(const char *path, coref_model **out, coref_error *err)
{
    if (!path || !out) return api_error(err, COREF_ERR_ARG, -1, "coref_model_load_file: NULL argument");
    *out = NULL;
    /* A regular file is mapped (read-only, private) and used in place;
     * anything else (a pipe, a device) is read into memory. */
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        close(fd);
        if (p != MAP_FAILED) return load_over(p, (size_t)st.st_size, NULL, p, out, err);
    } else if (fd >= 0) {
        close(fd);
    }
    char *p = NULL;
    size_t n = 0;
    int rc = read_file(path, &p, &n);
    if (rc == -2) return api_error(err, COREF_ERR_NOMEM, -1, "out of memory reading model %s", path);
    if (rc != 0) return api_error(err, COREF_ERR_IO, -1, "cannot read model %s", path);
    return load_over((const uint8_t *)p, n, (uint8_t *)p, NULL, out, err);
}

int coref_model_write_image(const coref_model *m, FILE *f, char *errbuf, size_t errlen)
{
    mf_section secs[MF_MAX_SECTIONS], out[MF_MAX_SECTIONS];
    mf_writer w[MF_MAX_SECTIONS];
    size_t nsec = 0;
    if (mf_open(m->blob, m->size, secs, &nsec, errbuf, errlen) != 0) return -1;
    int bad = 0;
    for (size_t i = 0; i < nsec; i++) {
        const mf_section *s = &secs[i];
        mf_writer_init(&w[i]);
        out[i] = *s;
        if (!strcmp(s->tag, TAGGER_SECTION) && m->tagger) tagger_write_image(m->tagger, &w[i]);
        else if (!strcmp(s->tag, PARSER_SECTION) && m->parser) parser_write_image(m->parser, &w[i]);
        else if (!strcmp(s->tag, LEXICON_SECTION) && m->lex) lexicon_write_image(m->lex, &w[i]);
        else if (!strcmp(s->tag, WCLUS_SECTION) && m->clusters) wclus_write_image(m->clusters, &w[i]);
        else if (!strcmp(s->tag, RANK_SECTION) && m->ranker) ranker_write_image(m->ranker, &w[i]);
        else continue;   /* META and sections this build does not read: as they are */
        bad |= w[i].err;
        out[i].data = w[i].p;
        out[i].size = w[i].n;
    }
    if (bad) snprintf(errbuf, errlen, "out of memory writing the model image");
    else if (mf_write(f, out, nsec) != 0) {
        snprintf(errbuf, errlen, "cannot write the model image");
        bad = 1;
    }
    for (size_t i = 0; i < nsec; i++) mf_writer_free(&w[i]);
    return bad ? -1 : 0;
}

const char *coref_model_info(const coref_model *m, const char *key)
{
    if (!m || !key) return NULL;
    for (size_t i = 0; i < m->nmeta; i++)
        if (strcmp(m->meta_keys[i], key) == 0) return m->meta_vals[i];
    return NULL;
}
