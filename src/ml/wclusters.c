/* Word clusters: a word -> tree path table (see wclusters.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ml/perceptron.h"
#include "ml/wclusters.h"

#define WCLUS_HASH_SEED 0x636c757374657273ULL

/* Open addressing on the word's 64-bit hash: the table keeps no strings
 * (a 64-bit collision among 10^5 words is negligible), key 0 = empty. The
 * slot is also the image layout (explicit padding, written as zeros). */
typedef struct wclus_slot { uint64_t key; uint16_t path; uint8_t depth; uint8_t pad[5]; } wclus_slot;
_Static_assert(sizeof(wclus_slot) == 16, "wclus_slot is the image layout");

struct word_clusters {
    const wclus_slot *slot;
    wclus_slot *own;       /* decoded from the word list (freed), NULL for an image */
    size_t cap, n;
    uint32_t maxprobe;     /* longest probe sequence: bounds every lookup */
};

static inline size_t slot_of(uint64_t key, size_t cap) { return (size_t)(((key >> 32) * cap) >> 32); }

static uint64_t word_key(const char *s, size_t n)
{
    uint64_t k = pc_hash(s, n, WCLUS_HASH_SEED);
    return k ? k : 1;
}

void wclus_free(word_clusters *c)
{
    if (!c) return;
    free(c->own);
    free(c);
}

size_t wclus_size(const word_clusters *c) { return c ? c->n : 0; }

/* The image form (WCLUS_IMAGE_VERSION): u32 n, u32 cap, u32 maxprobe,
 * u64 0, cap slots; used in place, each slot checked when read. */
static int load_image(mf_reader *r, word_clusters *c)
{
    uint32_t n = mf_u32(r), cap = mf_u32(r), maxprobe = mf_u32(r);
    mf_u64(r);   /* reserved */
    if (r->err || cap == 0 || cap < n || maxprobe >= cap) return -1;
    const uint8_t *slots = mf_bytes(r, (size_t)cap * sizeof(wclus_slot));
    if (r->err || r->pos != r->n || ((uintptr_t)slots % _Alignof(wclus_slot)) != 0) return -1;
    c->slot = (const wclus_slot *)(const void *)slots;
    c->cap = cap;
    c->n = n;
    c->maxprobe = maxprobe;
    return 0;
}

/* The word list (WCLUS_FORMAT_VERSION, the trainer's): a table built at load. */
static int load_list(mf_reader *r, word_clusters *c, char *errbuf, size_t errlen)
{
    uint32_t n = mf_u32(r);
    if (r->err || n > (r->n - r->pos) / 4) { snprintf(errbuf, errlen, "clusters: bad word count"); return -1; }
    c->cap = (size_t)n * 2 + 16;
    wclus_slot *slot = c->own = calloc(c->cap, sizeof *slot);
    if (!slot) { snprintf(errbuf, errlen, "out of memory"); return -1; }
    c->slot = slot;
    for (uint32_t j = 0; j < n; j++) {
        uint8_t l = mf_u8(r);
        const char *s = mf_bytes(r, l);
        uint16_t path = mf_u16(r);
        uint8_t depth = mf_u8(r);
        if (r->err || !s || l == 0 || depth == 0 || depth > WCLUS_MAX_DEPTH || (depth < 16 && (path >> depth))) {
            snprintf(errbuf, errlen, "clusters: bad entry %u", j);
            return -1;
        }
        uint64_t key = word_key(s, l);
        size_t i = slot_of(key, c->cap);
        uint32_t probe = 0;
        while (slot[i].key && slot[i].key != key) {
            i = i + 1 == c->cap ? 0 : i + 1;
            probe++;
        }
        if (slot[i].key) {
            snprintf(errbuf, errlen, "clusters: duplicate word %u", j);
            return -1;
        }
        if (probe > c->maxprobe) c->maxprobe = probe;
        slot[i].key = key;
        slot[i].path = path;
        slot[i].depth = depth;
        c->n++;
    }
    if (r->pos != r->n) {
        snprintf(errbuf, errlen, "clusters: %zu trailing bytes", r->n - r->pos);
        return -1;
    }
    return 0;
}

int wclus_load(const uint8_t *data, size_t size, word_clusters **out, char *errbuf, size_t errlen)
{
    *out = NULL;
    mf_reader r;
    mf_reader_init(&r, data, size);
    uint32_t ver = mf_u32(&r);
    if (r.err) { snprintf(errbuf, errlen, "clusters section truncated"); return -1; }
    if (ver != WCLUS_FORMAT_VERSION && ver != WCLUS_IMAGE_VERSION) {
        snprintf(errbuf, errlen, "clusters format version %u, expected %u or %u", ver, WCLUS_FORMAT_VERSION,
                 WCLUS_IMAGE_VERSION);
        return -1;
    }
    word_clusters *c = calloc(1, sizeof *c);
    if (!c) { snprintf(errbuf, errlen, "out of memory"); return -1; }
    int rc;
    if (ver == WCLUS_IMAGE_VERSION) {
        rc = load_image(&r, c);
        if (rc) snprintf(errbuf, errlen, "clusters: corrupt image section");
    } else {
        rc = load_list(&r, c, errbuf, errlen);
    }
    if (rc) {
        wclus_free(c);
        return -1;
    }
    *out = c;
    return 0;
}

void wclus_write_image(const word_clusters *c, mf_writer *w)
{
    mfw_u32(w, WCLUS_IMAGE_VERSION);
    mfw_u32(w, (uint32_t)c->n);
    mfw_u32(w, (uint32_t)c->cap);
    mfw_u32(w, c->maxprobe);
    mfw_u64(w, 0);   /* reserved: the slots start 8-byte aligned in the section */
    static const uint8_t zeros[5] = {0};
    for (size_t i = 0; i < c->cap; i++) {
        mfw_u64(w, c->slot[i].key);
        mfw_u16(w, c->slot[i].path);
        mfw_u8(w, c->slot[i].depth);
        mfw_bytes(w, zeros, 5);
    }
}

int wclus_lookup(const word_clusters *c, const char *s, size_t n, uint32_t *path, unsigned *depth)
{
    if (!c || !n || n > 255) return 0;
    uint64_t key = word_key(s, n);
    size_t i = slot_of(key, c->cap);
    for (uint32_t probe = 0;; probe++) {
        const wclus_slot *e = &c->slot[i];
        if (!e->key) return 0;
        if (e->key == key) {
            /* an image's slots are checked here, not at load */
            if (e->depth == 0 || e->depth > WCLUS_MAX_DEPTH) return 0;
            *path = e->depth < 16 ? e->path & ((1u << e->depth) - 1u) : e->path;
            *depth = e->depth;
            return 1;
        }
        if (probe == c->maxprobe) return 0;
        i = i + 1 == c->cap ? 0 : i + 1;
    }
}

int wclus_lookup_word(const word_clusters *c, const char *s, size_t n, uint32_t *path, unsigned *depth)
{
    if (wclus_lookup(c, s, n, path, depth)) return 1;
    if (n > 64) return 0;
    char low[64];
    int changed = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        changed |= ch >= 'A' && ch <= 'Z';
        low[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
    }
    return changed && wclus_lookup(c, low, n, path, depth);
}

void wclus_write(mf_writer *w, const char *const *word, const uint8_t *len, const uint16_t *path,
                 const uint8_t *depth, size_t n)
{
    mfw_u32(w, WCLUS_FORMAT_VERSION);
    mfw_u32(w, (uint32_t)n);
    for (size_t i = 0; i < n; i++) {
        mfw_u8(w, len[i]);
        mfw_bytes(w, word[i], len[i]);
        mfw_u16(w, path[i]);
        mfw_u8(w, depth[i]);
    }
}
