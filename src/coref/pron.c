/* The learned pronoun-antecedent scorer's section (pron.h). */
#include "coref/pron.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "ml/modelfile.h"

int pron_load(const uint8_t *data, size_t n, pron_model **out, char *msg, size_t msgn)
{
    *out = NULL;
    mf_reader r;
    mf_reader_init(&r, data, n);
    uint32_t version = mf_u32(&r), groups = mf_u32(&r);
    float scale = mf_f32(&r);
    uint32_t nnz = mf_u32(&r);
    if (!r.err && version == PRON_IMAGE_VERSION && nnz == PRON_NW && scale > 0 && scale < 1e6f &&
        n == 16 + (size_t)PRON_NW * sizeof(float) && ((uintptr_t)(data + 16) & 3) == 0) {
        /* the image: the table where it lies */
        pron_model *p = calloc(1, sizeof *p);
        if (!p) {
            snprintf(msg, msgn, "out of memory");
            return -1;
        }
        p->groups = groups;
        p->margin_scale = scale;
        p->w = (const float *)(const void *)(data + 16);
        *out = p;
        return 0;
    }
    if (r.err || version != PRON_VERSION || nnz > PRON_NW || !(scale > 0 && scale < 1e6f)) {
        snprintf(msg, msgn, "PRON section: bad header (version %u, %u weights)", version, nnz);
        return -1;
    }
    pron_model *p = calloc(1, sizeof *p);
    float *w = calloc(PRON_NW, sizeof *w);
    if (!p || !w) {
        free(p);
        free(w);
        snprintf(msg, msgn, "out of memory");
        return -1;
    }
    int64_t prev = -1;
    for (uint32_t k = 0; k < nnz && !r.err; k++) {
        uint32_t i = mf_u32(&r);
        float v = mf_f32(&r);
        if (i >= PRON_NW || (int64_t)i <= prev || !(v > -1e6f && v < 1e6f)) {
            r.err = 1;
            break;
        }
        w[i] = v;
        prev = i;
    }
    if (r.err || r.pos != n) {
        free(p);
        free(w);
        snprintf(msg, msgn, "PRON section: malformed, truncated or too long");
        return -1;
    }
    p->groups = groups;
    p->margin_scale = scale;
    p->w = p->own = w;
    *out = p;
    return 0;
}

void pron_write_image(const pron_model *p, mf_writer *w)
{
    mfw_u32(w, PRON_IMAGE_VERSION);
    mfw_u32(w, p->groups);
    mfw_f32(w, p->margin_scale);
    mfw_u32(w, PRON_NW);
    for (uint32_t i = 0; i < PRON_NW; i++) mfw_f32(w, p->w[i]);
}

void pron_free(pron_model *p)
{
    if (!p) return;
    free(p->own);
    free(p);
}
