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

/* Add d1 to class c1 and d2 to class c2 (d2 may be 0) of every feature's
 * row, creating rows as needed; with the averaging sums. */
static void tr_add(pc_train *t, const uint64_t *f, size_t nf, uint32_t c1, int32_t d1, uint32_t c2, int32_t d2)
{
    int64_t now = (int64_t)t->clock;
    for (size_t j = 0; j < nf; j++) {
        long r = tr_get(t, fix_key(f[j]));
        if (r < 0) {
            t->oom = 1;
            return;
        }
        size_t base = (size_t)r * t->nclass;
        t->w[base + c1] += d1;
        t->u[base + c1] += now * d1;
        t->w[base + c2] += d2;
        t->u[base + c2] += now * d2;
    }
}

void pc_train_update(pc_train *t, const uint64_t *f, size_t nf, uint32_t truth, uint32_t guess)
{
    if (truth == guess || truth >= t->nclass || guess >= t->nclass) return;
    tr_add(t, f, nf, truth, 1, guess, -1);
}

void pc_train_add(pc_train *t, const uint64_t *f, size_t nf, uint32_t cls, int32_t delta)
{
    if (cls >= t->nclass || delta == 0) return;
    tr_add(t, f, nf, cls, delta, cls, 0);
}

void pc_train_tick(pc_train *t) { t->clock++; }

/* The compact model keys rows by a 32-bit fingerprint of the 64-bit
 * feature hash; the few features that share one are merged (summed). */
static inline uint32_t key32(uint64_t k)
{
    uint32_t h = (uint32_t)(k ^ (k >> 32));
    return h ? h : 1;
}

static void put_varint(mf_writer *w, uint32_t v)
{
    while (v >= 0x80) {
        mfw_u8(w, (uint8_t)(v | 0x80));
        v >>= 7;
    }
    mfw_u8(w, (uint8_t)v);
}

/* At most 5 bytes; sets r->err on overlong or truncated input. */
static uint32_t get_varint(mf_reader *r)
{
    uint32_t v = 0;
    for (int sh = 0; sh < 35; sh += 7) {
        uint8_t b = mf_u8(r);
        if (r->err) return 0;
        if (sh == 28 && b > 0x0f) break;
        v |= (uint32_t)(b & 0x7f) << sh;
        if (!(b & 0x80)) return v;
    }
    r->err = 1;
    return 0;
}

typedef struct keyrow { uint32_t k32; uint32_t row; uint64_t key; } keyrow;

static int keyrow_cmp(const void *a, const void *b)
{
    const keyrow *x = a, *y = b;
    if (x->k32 != y->k32) return x->k32 < y->k32 ? -1 : 1;
    return x->key < y->key ? -1 : x->key > y->key;
}

void pc_train_save(pc_train *t, mf_writer *w, float min_abs)
{
    uint32_t nc = t->nclass;
    double T = (double)t->clock;
    /* Pass 1: the largest kept magnitude fixes the int16 scale. */
    double maxabs = 0;
    for (size_t i = 0; i < t->nrow * nc; i++) {
        double a = fabs(t->w[i] - (double)t->u[i] / T);
        if (a >= min_abs && a > maxabs) maxabs = a;
    }
    float scale = maxabs > 0 ? (float)(maxabs / 32767.0) : 1.0f;
    int32_t *acc = malloc((size_t)nc * sizeof *acc);
    keyrow *kr = malloc((t->nrow ? t->nrow : 1) * sizeof *kr);
    if (!acc || !kr) {
        free(acc);
        free(kr);
        w->err = 1;
        return;
    }
    size_t nkr = 0;
    for (size_t s = 0; s < t->cap; s++)
        if (t->keys[s]) kr[nkr++] = (keyrow){key32(t->keys[s]), t->slot_row[s], t->keys[s]};
    qsort(kr, nkr, sizeof *kr, keyrow_cmp);
    /* Pass 2: rows in fingerprint order, delta-coded, into a scratch
     * buffer, since the row count is known only afterwards. */
    mf_writer rows;
    mf_writer_init(&rows);
    uint32_t nkeep = 0, prev = 0;
    for (size_t g = 0; g < nkr;) {
        size_t e = g;
        memset(acc, 0, nc * sizeof *acc);
        for (; e < nkr && kr[e].k32 == kr[g].k32; e++)
            for (uint32_t c = 0; c < nc; c++) {
                size_t i = (size_t)kr[e].row * nc + c;
                double a = t->w[i] - (double)t->u[i] / T;
                if (fabs(a) >= min_abs) acc[c] += (int32_t)lround(a / scale);
            }
        uint32_t np = 0;
        for (uint32_t c = 0; c < nc; c++) {
            if (acc[c] > 32767) acc[c] = 32767;
            if (acc[c] < -32767) acc[c] = -32767;
            np += acc[c] != 0;
        }
        if (np) {
            nkeep++;
            put_varint(&rows, kr[g].k32 - prev);
            prev = kr[g].k32;
            put_varint(&rows, np);
            uint32_t pc = 0;
            for (uint32_t c = 0; c < nc; c++) {
                if (!acc[c]) continue;
                put_varint(&rows, c - pc);
                pc = c;
                put_varint(&rows, acc[c] < 0 ? ((uint32_t)-acc[c] << 1) - 1 : (uint32_t)acc[c] << 1);
            }
        }
        g = e;
    }
    mfw_u32(w, PC_FORMAT_VERSION);
    mfw_u32(w, nc);
    mfw_u32(w, nkeep);
    mfw_f32(w, scale);
    if (rows.n) mfw_bytes(w, rows.p, rows.n);
    if (rows.err || t->oom) w->err = 1;
    mf_writer_free(&rows);
    free(acc);
    free(kr);
}

/* ------------------------------------------------------------- compact */

/* Models with at most PC_INLINE classes (the parser's transitions, the
 * most frequent lookups) keep their weights inside the slot: one cache
 * miss per feature instead of two. The slot and pair layouts are also the
 * model image's (pc_model_write_image): no padding, little-endian. */
#define PC_INLINE 4
typedef struct pc_slot {
    uint32_t key;          /* fingerprint, 0 = empty */
    union {
        struct { uint32_t off, n; } row;   /* first pair in m->pairs, count */
        int16_t w[PC_INLINE];              /* dense weights (nclass <= PC_INLINE) */
    } u;
} pc_slot;

typedef struct pc_pair { uint16_t cls; int16_t w; } pc_pair;

_Static_assert(sizeof(pc_slot) == 12, "pc_slot is the image layout");
_Static_assert(sizeof(pc_pair) == 4, "pc_pair is the image layout");

#define PC_MAX_BATCH 128   /* features probed before their rows are read */

/* The image header's native-order mark: read back as another number on a
 * host of the other byte order, which then refuses the image. */
#define PC_IMAGE_MARK 0x31494350u   /* "PCI1" little-endian */

struct pc_model {
    uint32_t nclass;
    float scale;
    size_t nfeat, cap, npair;
    size_t nslot;          /* cap home slots and the overflow after them; the last
                              slot is empty, so every probe run ends inside */
    const pc_slot *slots;  /* nslot slots */
    const pc_pair *pairs;  /* npair pairs */
    pc_slot *own_slots;    /* decoded from the compact form (freed), NULL when in place */
    pc_pair *own_pairs;
};

/* Home slots for nf features: 40% full (fuller tables probe longer: at 50%
 * the parser ran 10% slower), any size (fastrange maps a fingerprint to
 * its home slot without a power of two). Probing runs forward without
 * wrapping, into an overflow area after the home slots that ends with an
 * empty slot: the lookup loop needs no bound or wrap test. */
static size_t pc_cap(size_t nf) { return nf * 5 / 2 + 16; }
#define PC_OVERFLOW 64
static inline size_t slot_of(uint32_t k, size_t cap) { return (size_t)(((uint64_t)k * cap) >> 32); }

/* The compact form (format 2, pc_train_save): rows decoded into a table
 * the model owns. */
static int load_compact(mf_reader *r, pc_model *m)
{
    uint32_t nc = mf_u32(r), nf = mf_u32(r);
    float scale = mf_f32(r);
    if (r->err || nc == 0 || nc > 65535 || !(scale > 0) || !isfinite(scale)) return -1;
    /* Each row takes at least 4 bytes: reject counts the data cannot hold
     * before allocating for them. */
    if ((uint64_t)nf * 4 > (uint64_t)(r->n - r->pos)) return -1;
    m->nclass = nc;
    m->scale = scale;
    m->cap = pc_cap(nf);
    m->nslot = m->cap + PC_OVERFLOW;
    pc_slot *slots = m->own_slots = calloc(m->nslot, sizeof *slots);
    /* Pairs take at least 2 bytes each. */
    size_t maxpairs = (r->n - r->pos) / 2 + 1;
    pc_pair *pairs = m->own_pairs = malloc(maxpairs * sizeof *pairs);
    if (!slots || !pairs) return -1;
    m->slots = slots;
    m->pairs = pairs;
    size_t npair = 0;
    uint32_t key = 0;
    for (uint32_t j = 0; j < nf; j++) {
        uint32_t delta = get_varint(r), np = get_varint(r);
        /* strictly increasing fingerprints: no duplicates, no empty key */
        if (r->err || delta == 0 || key + delta < key || np == 0 || np > nc || npair + np > maxpairs) return -1;
        key += delta;
        uint32_t cls = 0;
        for (uint32_t k = 0; k < np; k++) {
            uint32_t dc = get_varint(r), z = get_varint(r);
            if (r->err || (k > 0 && dc == 0) || dc >= nc - cls || z == 0 || z > 65534) return -1;
            cls += dc;
            pairs[npair + k].cls = (uint16_t)cls;
            pairs[npair + k].w = (int16_t)(z & 1 ? -(int32_t)((z + 1) >> 1) : (int32_t)(z >> 1));
        }
        size_t i = slot_of(key, m->cap);
        while (slots[i].key) i++;
        if (i + 1 == m->nslot) {
            /* the run reached the final slot, which must stay empty: a
             * longer overflow (rare; deterministic for a given model) */
            pc_slot *more = realloc(slots, (m->nslot + PC_OVERFLOW) * sizeof *slots);
            if (!more) return -1;
            memset(more + m->nslot, 0, PC_OVERFLOW * sizeof *more);
            slots = m->own_slots = more;
            m->slots = slots;
            m->nslot += PC_OVERFLOW;
        }
        pc_slot *sl = &slots[i];
        sl->key = key;
        if (nc <= PC_INLINE) {
            for (uint32_t k = 0; k < np; k++) sl->u.w[pairs[npair + k].cls] = pairs[npair + k].w;
            continue;   /* the pairs were scratch */
        }
        sl->u.row.off = (uint32_t)npair;
        sl->u.row.n = np;
        npair += np;
    }
    m->nfeat = nf;
    m->npair = npair;
    return 0;
}

/* The image form: header, then the table and the pairs used where they
 * lie. Only the header is checked here (constant time: a mapped model is
 * not read through at load) and the one slot that ends every probe run;
 * lookups check every row they read against the pairs and classes, so a
 * corrupted table gives wrong scores, never an access outside the image. */
static int load_image(mf_reader *r, pc_model *m)
{
    uint32_t nc = mf_u32(r), nf = mf_u32(r), cap = mf_u32(r);
    float scale = mf_f32(r);
    uint32_t npair = mf_u32(r), nslot = mf_u32(r);
    const void *markp = mf_bytes(r, 4);
    uint32_t pad = mf_u32(r);
    if (r->err || nc == 0 || nc > 65535 || !(scale > 0) || !isfinite(scale) || cap == 0 || cap < nf ||
        nslot <= cap || pad > 7 || (nc <= PC_INLINE && npair != 0))
        return -1;
    uint32_t mark;
    memcpy(&mark, markp, 4);
    if (mark != PC_IMAGE_MARK) return -1;   /* written on a host of the other byte order */
    mf_bytes(r, pad);
    const uint8_t *slots = mf_bytes(r, (size_t)nslot * sizeof(pc_slot));
    const uint8_t *pairs = mf_bytes(r, (size_t)npair * sizeof(pc_pair));
    if (r->err || ((uintptr_t)slots % _Alignof(pc_slot)) != 0) return -1;
    m->slots = (const pc_slot *)(const void *)slots;
    /* the one slot read at load: the empty last slot ends every probe run */
    if (m->slots[nslot - 1].key != 0) return -1;
    m->nclass = nc;
    m->scale = scale;
    m->nfeat = nf;
    m->cap = cap;
    m->npair = npair;
    m->nslot = nslot;
    m->pairs = (const pc_pair *)(const void *)pairs;
    return 0;
}

int pc_model_load(mf_reader *r, pc_model **out)
{
    *out = NULL;
    uint32_t ver = mf_u32(r);
    if (r->err || (ver != PC_FORMAT_VERSION && ver != PC_IMAGE_VERSION)) return -1;
    pc_model *m = calloc(1, sizeof *m);
    if (!m) return -1;
    if ((ver == PC_FORMAT_VERSION ? load_compact(r, m) : load_image(r, m)) != 0) {
        pc_model_free(m);
        return -1;
    }
    *out = m;
    return 0;
}

void pc_model_write_image(const pc_model *m, mf_writer *w)
{
    mfw_u32(w, PC_IMAGE_VERSION);
    mfw_u32(w, m->nclass);
    mfw_u32(w, (uint32_t)m->nfeat);
    mfw_u32(w, (uint32_t)m->cap);
    mfw_f32(w, m->scale);
    mfw_u32(w, (uint32_t)m->npair);
    mfw_u32(w, (uint32_t)m->nslot);
    mfw_u32(w, PC_IMAGE_MARK);
    /* the table starts 8-byte aligned in its section (sections are) */
    static const uint8_t zeros[8] = {0};
    uint32_t pad = (uint32_t)((8 - ((w->n + 4) & 7)) & 7);
    mfw_u32(w, pad);
    mfw_bytes(w, zeros, pad);
    mfw_bytes(w, m->slots, m->nslot * sizeof *m->slots);
    mfw_bytes(w, m->pairs, m->npair * sizeof *m->pairs);
}

int pc_model_in_place(const pc_model *m) { return m && !m->own_slots; }

void pc_model_free(pc_model *m)
{
    if (!m) return;
    free(m->own_slots);
    free(m->own_pairs);
    free(m);
}

uint32_t pc_model_nclass(const pc_model *m) { return m->nclass; }
size_t pc_model_nfeat(const pc_model *m) { return m->nfeat; }

/* The slot of fingerprint k, NULL when absent. The run ends at the empty
 * last slot at the latest (load_image checks it). */
static inline const pc_slot *find_slot(const pc_model *m, uint32_t k)
{
    const pc_slot *s = &m->slots[slot_of(k, m->cap)];
    while (s->key != k && s->key) s++;
    return s->key ? s : NULL;
}

/* A row inside the pairs: an image's rows are checked as they are read,
 * not at load. */
static inline int row_ok(const pc_model *m, const pc_slot *s)
{
    return s->u.row.off <= m->npair && s->u.row.n <= m->npair - s->u.row.off;
}

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
    size_t cap = m->cap;
#if defined(__GNUC__)
    /* The table is far larger than cache: issue every slot load up front so
     * the misses overlap instead of queueing one by one. */
    for (size_t j = 0; j < nf; j++) __builtin_prefetch(&m->slots[slot_of(key32(fix_key(f[j])), cap)]);
#endif
    /* Probe all slots first and prefetch their weight rows, then add: the
     * second round of misses overlaps too. */
    const pc_slot *hit[PC_MAX_BATCH];
    for (size_t j0 = 0; j0 < nf; j0 += PC_MAX_BATCH) {
        size_t nb = nf - j0 < PC_MAX_BATCH ? nf - j0 : PC_MAX_BATCH, nh = 0;
        for (size_t j = j0; j < j0 + nb; j++) {
            uint32_t k = key32(fix_key(f[j]));
            const pc_slot *s = find_slot(m, k);
            if (!s) continue;
            if (nc <= PC_INLINE) {   /* a is set: nc <= 256 */
                for (uint32_t c = 0; c < nc; c++) a[c] += s->u.w[c];
                continue;
            }
            if (!row_ok(m, s)) continue;
#if defined(__GNUC__)
            __builtin_prefetch(m->pairs + s->u.row.off);
#endif
            hit[nh++] = s;
        }
        for (size_t h = 0; h < nh; h++) {
            const pc_slot *s = hit[h];
            const pc_pair *p = m->pairs + s->u.row.off;
            if (a) {
                for (uint32_t q = 0; q < s->u.row.n; q++)
                    if (p[q].cls < nc) a[p[q].cls] += p[q].w;
            } else {
                for (uint32_t q = 0; q < s->u.row.n; q++)
                    if (p[q].cls < nc) scores[p[q].cls] += (float)p[q].w;
            }
        }
    }
    if (a)
        for (uint32_t c = 0; c < nc; c++) scores[c] = (float)a[c] * m->scale;
    else
        for (uint32_t c = 0; c < nc; c++) scores[c] *= m->scale;
}

void pc_model_add(const pc_model *m, const uint64_t *f, size_t nf, int32_t *acc)
{
    uint32_t nc = m->nclass;
#if defined(__GNUC__)
    for (size_t j = 0; j < nf; j++) __builtin_prefetch(&m->slots[slot_of(key32(fix_key(f[j])), m->cap)]);
#endif
    for (size_t j = 0; j < nf; j++) {
        const pc_slot *s = find_slot(m, key32(fix_key(f[j])));
        if (!s) continue;
        if (nc <= PC_INLINE) {
            for (uint32_t c = 0; c < nc; c++) acc[c] += s->u.w[c];
            continue;
        }
        if (!row_ok(m, s)) continue;
        const pc_pair *p = m->pairs + s->u.row.off;
        for (uint32_t q = 0; q < s->u.row.n; q++)
            if (p[q].cls < nc) acc[p[q].cls] += p[q].w;
    }
}

float pc_model_scale(const pc_model *m) { return m->scale; }
