#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ml/modelfile.h"

void mf_reader_init(mf_reader *r, const void *p, size_t n)
{
    r->p = p;
    r->n = n;
    r->pos = 0;
    r->err = 0;
}

const void *mf_bytes(mf_reader *r, size_t n)
{
    if (r->err || n > r->n - r->pos) { r->err = 1; return NULL; }
    const void *q = r->p + r->pos;
    r->pos += n;
    return q;
}

static uint64_t rd_le(mf_reader *r, size_t n)
{
    const uint8_t *b = mf_bytes(r, n);
    uint64_t v = 0;
    if (!b) return 0;
    for (size_t i = 0; i < n; i++) v |= (uint64_t)b[i] << (8 * i);
    return v;
}

uint8_t mf_u8(mf_reader *r) { return (uint8_t)rd_le(r, 1); }
uint16_t mf_u16(mf_reader *r) { return (uint16_t)rd_le(r, 2); }
uint32_t mf_u32(mf_reader *r) { return (uint32_t)rd_le(r, 4); }
uint64_t mf_u64(mf_reader *r) { return rd_le(r, 8); }

float mf_f32(mf_reader *r)
{
    uint32_t u = mf_u32(r);
    float f;
    memcpy(&f, &u, 4);
    return f;
}

const char *mf_str(mf_reader *r, uint32_t *len)
{
    uint32_t n = mf_u32(r);
    const char *s = mf_bytes(r, n);
    *len = s ? n : 0;
    return s ? s : "";
}

void mf_writer_init(mf_writer *w) { memset(w, 0, sizeof *w); }
void mf_writer_free(mf_writer *w) { free(w->p); memset(w, 0, sizeof *w); }

void mfw_bytes(mf_writer *w, const void *p, size_t n)
{
    if (w->err) return;
    if (w->n + n > w->cap) {
        size_t cap = w->cap ? w->cap : 4096;
        while (cap < w->n + n) cap *= 2;
        uint8_t *q = realloc(w->p, cap);
        if (!q) { w->err = 1; return; }
        w->p = q;
        w->cap = cap;
    }
    if (n) memcpy(w->p + w->n, p, n);
    w->n += n;
}

static void wr_le(mf_writer *w, uint64_t v, size_t n)
{
    uint8_t b[8];
    for (size_t i = 0; i < n; i++) b[i] = (uint8_t)(v >> (8 * i));
    mfw_bytes(w, b, n);
}

void mfw_u8(mf_writer *w, uint8_t v) { wr_le(w, v, 1); }
void mfw_u16(mf_writer *w, uint16_t v) { wr_le(w, v, 2); }
void mfw_u32(mf_writer *w, uint32_t v) { wr_le(w, v, 4); }
void mfw_u64(mf_writer *w, uint64_t v) { wr_le(w, v, 8); }

void mfw_f32(mf_writer *w, float v)
{
    uint32_t u;
    memcpy(&u, &v, 4);
    mfw_u32(w, u);
}

void mfw_str(mf_writer *w, const char *s, size_t n)
{
    mfw_u32(w, (uint32_t)n);
    mfw_bytes(w, s, n);
}

int mf_open(const uint8_t *blob, size_t size, mf_section *secs, size_t *nsec,
            char *errbuf, size_t errlen)
{
    mf_reader r;
    mf_reader_init(&r, blob, size);
    const void *magic = mf_bytes(&r, 8);
    if (!magic || memcmp(magic, MF_MAGIC, 8) != 0) {
        snprintf(errbuf, errlen, "not a coref model file (bad magic)");
        return -1;
    }
    uint32_t ver = mf_u32(&r);
    if (ver != MF_FORMAT_VERSION) {
        snprintf(errbuf, errlen, "model format version %u is not supported (this build reads %u)",
                 ver, MF_FORMAT_VERSION);
        return -1;
    }
    uint32_t n = mf_u32(&r);
    if (r.err || n > MF_MAX_SECTIONS) {
        snprintf(errbuf, errlen, "model file is truncated or has too many sections");
        return -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        const char *tag = mf_bytes(&r, 4);
        uint32_t sv = mf_u32(&r);
        uint64_t off = mf_u64(&r), sz = mf_u64(&r);
        if (r.err || off > size || sz > size - off) {
            snprintf(errbuf, errlen, "model file section %u is out of bounds (truncated file?)", i);
            return -1;
        }
        memcpy(secs[i].tag, tag, 4);
        secs[i].tag[4] = 0;
        secs[i].version = sv;
        secs[i].data = blob + off;
        secs[i].size = (size_t)sz;
    }
    *nsec = n;
    return 0;
}

const mf_section *mf_find(const mf_section *secs, size_t nsec, const char *tag)
{
    for (size_t i = 0; i < nsec; i++)
        if (memcmp(secs[i].tag, tag, 4) == 0) return &secs[i];
    return NULL;
}

int mf_write(FILE *f, const mf_section *secs, size_t nsec)
{
    mf_writer w;
    mf_writer_init(&w);
    mfw_bytes(&w, MF_MAGIC, 8);
    mfw_u32(&w, MF_FORMAT_VERSION);
    mfw_u32(&w, (uint32_t)nsec);
    uint64_t off = 16 + (uint64_t)nsec * 24;
    for (size_t i = 0; i < nsec; i++) {
        off = (off + 7) & ~(uint64_t)7;  /* 8-byte aligned payloads */
        mfw_bytes(&w, secs[i].tag, 4);
        mfw_u32(&w, secs[i].version);
        mfw_u64(&w, off);
        mfw_u64(&w, secs[i].size);
        off += secs[i].size;
    }
    for (size_t i = 0; i < nsec; i++) {
        static const uint8_t zeros[8] = {0};
        mfw_bytes(&w, zeros, (8 - (w.n & 7)) & 7);
        mfw_bytes(&w, secs[i].data, secs[i].size);
    }
    int rc = w.err || fwrite(w.p, 1, w.n, f) != w.n ? -1 : 0;
    mf_writer_free(&w);
    return rc;
}
