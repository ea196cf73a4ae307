/* Averaged multiclass perceptron: training table and compact model. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ml/perceptron.h"

/* ------------------------------------------------------------- hashing */

/* Strong 64-bit finalizer (splitmix64 style): every input bit affects every
 * output bit, so features that differ in one byte land far apart. */
static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* Bytes are assembled little-endian explicitly so hashes (and therefore
 * saved models) are the same on every host. */
uint64_t pc_hash(const void *s, size_t n, uint64_t seed)
{
    const uint8_t *p = s;
    uint64_t h = mix64(seed ^ (0x9e3779b97f4a7c15ULL * (n + 1)));
    while (n >= 8) {
        uint64_t v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
        h = mix64(h ^ v) + 0x632be59bd9b4e019ULL;
        p += 8;
        n -= 8;
    }
    if (n) {
        uint64_t v = 0;
        for (size_t i = n; i-- > 0;) v = (v << 8) | p[i];
        h = mix64(h ^ v ^ ((uint64_t)n << 59));
    }
    return mix64(h);
}

/* One multiply-add makes (h, v) -> h*K + v injective in v for a fixed h;
 * the bijective finalizer then spreads it. */
uint64_t pc_hash_mix(uint64_t h, uint64_t v)
{
    return mix64(h * 0x9e3779b97f4a7c15ULL + v + 0x632be59bd9b4e019ULL);
}

/* Keys are stored as-is; 0 marks an empty slot, so key 0 is remapped. */
static inline uint64_t fix_key(uint64_t k) { return k ? k : 0x5bd1e9955bd1e995ULL; }

/* ------------------------------------------------------------ training */

/* Averaging without timestamps per class: alongside each weight w we keep
 * u = sum over updates of (clock * delta). After T instances the averaged
 * weight is w - u / T, exactly the mean of w over all instances (the same
 * result as the lazy-timestamp formulation, with no catch-up work). */
struct pc_train {
    uint32_t nclass;
    uint64_t clock;        /* instances seen, starts at 1 */
    uint64_t *keys;        /* open addressing, 0 = empty */
    uint32_t *slot_row;    /* row index per slot */
    size_t cap, nrow;      /* cap is a power of two */
    int32_t *w;            /* nrow * nclass */
    int64_t *u;            /* nrow * nclass */
    size_t rowcap;
    int oom;
};

pc_train *pc_train_new(uint32_t nclass)
{
    if (nclass == 0 || nclass > 65535) return NULL;
    pc_train *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->nclass = nclass;
    t->clock = 1;
    t->cap = 1 << 16;
    t->keys = calloc(t->cap, sizeof *t->keys);
    t->slot_row = calloc(t->cap, sizeof *t->slot_row);
    if (!t->keys || !t->slot_row) {
        pc_train_free(t);
        return NULL;
    }
    return t;
}

void pc_train_free(pc_train *t)
{
    if (!t) return;
    free(t->keys);
    free(t->slot_row);
    free(t->w);
    free(t->u);
    free(t);
}

uint32_t pc_train_nclass(const pc_train *t) { return t->nclass; }

/* Row of key k, or -1 when absent. */
static long tr_find(const pc_train *t, uint64_t k)
{
    size_t mask = t->cap - 1, i = (size_t)(k ^ (k >> 32)) & mask;
    while (t->keys[i]) {
        if (t->keys[i] == k) return (long)t->slot_row[i];
        i = (i + 1) & mask;
    }
    return -1;
}

static int tr_grow(pc_train *t)
{
    size_t ncap = t->cap * 2, mask = ncap - 1;
    uint64_t *nk = calloc(ncap, sizeof *nk);
    uint32_t *nr = calloc(ncap, sizeof *nr);
    if (!nk || !nr) {
        free(nk);
        free(nr);
        return -1;
    }
    for (size_t s = 0; s < t->cap; s++) {
        if (!t->keys[s]) continue;
        size_t i = (size_t)(t->keys[s] ^ (t->keys[s] >> 32)) & mask;
        while (nk[i]) i = (i + 1) & mask;
        nk[i] = t->keys[s];
        nr[i] = t->slot_row[s];
    }
    free(t->keys);
    free(t->slot_row);
    t->keys = nk;
    t->slot_row = nr;
    t->cap = ncap;
    return 0;
}

/* Row of key k, created (zeroed) when absent; -1 on allocation failure. */
static long tr_get(pc_train *t, uint64_t k)
{
    long r = tr_find(t, k);
    if (r >= 0) return r;
    if ((t->nrow + 1) * 2 > t->cap && tr_grow(t) != 0) return -1;
    if (t->nrow == t->rowcap) {
        size_t nc = t->rowcap ? t->rowcap * 2 : 4096;
        int32_t *nw = realloc(t->w, nc * t->nclass * sizeof *nw);
        if (!nw) return -1;
        t->w = nw;
        int64_t *nu = realloc(t->u, nc * t->nclass * sizeof *nu);
        if (!nu) return -1;
        t->u = nu;
        t->rowcap = nc;
    }
    size_t row = t->nrow++;
    memset(t->w + row * t->nclass, 0, t->nclass * sizeof *t->w);
    memset(t->u + row * t->nclass, 0, t->nclass * sizeof *t->u);
    size_t mask = t->cap - 1, i = (size_t)(k ^ (k >> 32)) & mask;
    while (t->keys[i]) i = (i + 1) & mask;
    t->keys[i] = k;
    t->slot_row[i] = (uint32_t)row;
    return (long)row;
}

void pc_train_scores(const pc_train *t, const uint64_t *f, size_t nf, float *scores)
{
    uint32_t nc = t->nclass;
    for (uint32_t c = 0; c < nc; c++) scores[c] = 0;
    for (size_t j = 0; j < nf; j++) {
        long r = tr_find(t, fix_key(f[j]));
        if (r < 0) continue;
        const int32_t *w = t->w + (size_t)r * nc;
        for (uint32_t c = 0; c < nc; c++) scores[c] += (float)w[c];
    }
}

void pc_train_update(pc_train *t, const uint64_t *f, size_t nf, uint32_t truth, uint32_t guess)
{
    if (truth == guess || truth >= t->nclass || guess >= t->nclass) return;
    int64_t now = (int64_t)t->clock;
    for (size_t j = 0; j < nf; j++) {
        long r = tr_get(t, fix_key(f[j]));
        if (r < 0) {
            t->oom = 1;
            return;
        }
        size_t base = (size_t)r * t->nclass;
        t->w[base + truth] += 1;
        t->u[base + truth] += now;
        t->w[base + guess] -= 1;
        t->u[base + guess] -= now;
    }
}

void pc_train_tick(pc_train *t) { t->clock++; }

void pc_train_save(pc_train *t, mf_writer *w, float min_abs)
{
    uint32_t nc = t->nclass;
    double T = (double)t->clock;
    /* Averaged weights, overwritten into a float copy row by row. */
    float *avg = malloc((size_t)nc * sizeof *avg);
    if (!avg) {
        w->err = 1;
        return;
    }
    /* Pass 1: the largest kept magnitude fixes the int16 scale. */
    double maxabs = 0;
    for (size_t i = 0; i < t->nrow * nc; i++) {
        double a = fabs(t->w[i] - (double)t->u[i] / T);
        if (a >= min_abs && a > maxabs) maxabs = a;
    }
    float scale = maxabs > 0 ? (float)(maxabs / 32767.0) : 1.0f;
    /* Pass 2: rows in slot order (deterministic for a given training run)
     * into a scratch buffer, since the row count is known only afterwards. */
    mf_writer rows;
    mf_writer_init(&rows);
    uint32_t nkeep = 0;
    for (size_t s = 0; s < t->cap; s++) {
        if (!t->keys[s]) continue;
        size_t r = t->slot_row[s];
        uint32_t np = 0;
        for (uint32_t c = 0; c < nc; c++) {
            size_t i = r * nc + c;
            double a = t->w[i] - (double)t->u[i] / T;
            long q = fabs(a) >= min_abs ? lround(a / scale) : 0;
            if (q > 32767) q = 32767;
            if (q < -32767) q = -32767;
            avg[c] = (float)q;
            np += q != 0;
        }
        if (!np) continue;
        nkeep++;
        mfw_u64(&rows, t->keys[s]);
        mfw_u16(&rows, (uint16_t)np);
        for (uint32_t c = 0; c < nc; c++) {
            if (avg[c] == 0) continue;
            mfw_u16(&rows, (uint16_t)c);
            mfw_u16(&rows, (uint16_t)(int16_t)avg[c]);
        }
    }
    mfw_u32(w, PC_FORMAT_VERSION);
    mfw_u32(w, nc);
    mfw_u32(w, nkeep);
    mfw_f32(w, scale);
    if (rows.n) mfw_bytes(w, rows.p, rows.n);
    if (rows.err || t->oom) w->err = 1;
    mf_writer_free(&rows);
    free(avg);
}

/* ------------------------------------------------------------- compact */

typedef struct pc_slot {
    uint64_t key;          /* 0 = empty */
    uint32_t off;          /* first pair in m->pairs */
    uint32_t n;            /* pair count */
} pc_slot;

typedef struct pc_pair { uint16_t cls; int16_t w; } pc_pair;

struct pc_model {
    uint32_t nclass;
    float scale;
    size_t nfeat, cap;     /* cap: power of two */
    pc_slot *slots;
    pc_pair *pairs;
};

int pc_model_load(mf_reader *r, pc_model **out)
{
    *out = NULL;
    uint32_t ver = mf_u32(r), nc = mf_u32(r), nf = mf_u32(r);
    float scale = mf_f32(r);
    if (r->err || ver != PC_FORMAT_VERSION || nc == 0 || nc > 65535 || !(scale > 0) ||
        !isfinite(scale))
        return -1;
    /* Each row takes at least 14 bytes: reject counts the data cannot hold
     * before allocating for them. */
    if ((uint64_t)nf * 14 > (uint64_t)(r->n - r->pos)) return -1;
    pc_model *m = calloc(1, sizeof *m);
    if (!m) return -1;
    m->nclass = nc;
    m->scale = scale;
    m->cap = 16;
    while (m->cap < (size_t)nf * 2) m->cap *= 2;
    m->slots = calloc(m->cap, sizeof *m->slots);
    /* Pairs: bounded by the bytes left / 4. */
    size_t maxpairs = (r->n - r->pos) / 4 + 1;
    m->pairs = malloc(maxpairs * sizeof *m->pairs);
    if (!m->slots || !m->pairs) goto bad;
    size_t npair = 0, mask = m->cap - 1;
    for (uint32_t j = 0; j < nf; j++) {
        uint64_t key = mf_u64(r);
        uint32_t np = mf_u16(r);
        if (r->err || key == 0 || np == 0 || np > nc) goto bad;
        const uint8_t *p = mf_bytes(r, (size_t)np * 4);
        if (!p || npair + np > maxpairs) goto bad;
        for (uint32_t k = 0; k < np; k++) {
            uint16_t cls = (uint16_t)(p[4 * k] | p[4 * k + 1] << 8);
            uint16_t wv = (uint16_t)(p[4 * k + 2] | p[4 * k + 3] << 8);
            if (cls >= nc) goto bad;
            m->pairs[npair + k].cls = cls;
            m->pairs[npair + k].w = (int16_t)wv;
        }
        size_t i = (size_t)(key ^ (key >> 32)) & mask;
        while (m->slots[i].key) {
            if (m->slots[i].key == key) goto bad;   /* duplicate feature */
            i = (i + 1) & mask;
        }
        m->slots[i].key = key;
        m->slots[i].off = (uint32_t)npair;
        m->slots[i].n = np;
        npair += np;
    }
    m->nfeat = nf;
    *out = m;
    return 0;
bad:
    pc_model_free(m);
    return -1;
}

void pc_model_free(pc_model *m)
{
    if (!m) return;
    free(m->slots);
    free(m->pairs);
    free(m);
}

uint32_t pc_model_nclass(const pc_model *m) { return m->nclass; }
size_t pc_model_nfeat(const pc_model *m) { return m->nfeat; }

void pc_model_scores(const pc_model *m, const uint64_t *f, size_t nf, float *scores)
{
    uint32_t nc = m->nclass;
    int32_t acc[256];
    int32_t *a = nc <= 256 ? acc : NULL;
    if (!a) {
        /* Large class sets: accumulate in floats directly. */
        for (uint32_t c = 0; c < nc; c++) scores[c] = 0;
    } else {
        memset(a, 0, nc * sizeof *a);
    }
    size_t mask = m->cap - 1;
#if defined(__GNUC__)
    /* The table is far larger than cache: issue every slot load up front so
     * the misses overlap instead of queueing one by one. */
    for (size_t j = 0; j < nf; j++) {
        uint64_t k = fix_key(f[j]);
        __builtin_prefetch(&m->slots[(size_t)(k ^ (k >> 32)) & mask]);
    }
#endif
    for (size_t j = 0; j < nf; j++) {
        uint64_t k = fix_key(f[j]);
        size_t i = (size_t)(k ^ (k >> 32)) & mask;
        const pc_slot *s;
        while ((s = &m->slots[i])->key && s->key != k) i = (i + 1) & mask;
        if (!s->key) continue;
        const pc_pair *p = m->pairs + s->off;
        if (a)
            for (uint32_t q = 0; q < s->n; q++) a[p[q].cls] += p[q].w;
        else
            for (uint32_t q = 0; q < s->n; q++) scores[p[q].cls] += (float)p[q].w;
    }
    if (a)
        for (uint32_t c = 0; c < nc; c++) scores[c] = (float)a[c] * m->scale;
    else
        for (uint32_t c = 0; c < nc; c++) scores[c] *= m->scale;
}
