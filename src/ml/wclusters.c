/* Word clusters: a word -> tree path table (see wclusters.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ml/perceptron.h"
#include "ml/wclusters.h"

#define WCLUS_HASH_SEED 0x636c757374657273ULL

/* Open addressing on the word's 64-bit hash: the table keeps no strings
 * (a 64-bit collision among 10^5 words is negligible), key 0 = empty. */
typedef struct wclus_slot { uint64_t key; uint16_t path; uint8_t depth; } wclus_slot;

struct word_clusters {
    wclus_slot *slot;
    size_t cap, n;
};

static uint64_t word_key(const char *s, size_t n)
{
    uint64_t k = pc_hash(s, n, WCLUS_HASH_SEED);
    return k ? k : 1;
}

void wclus_free(word_clusters *c)
{
    if (!c) return;
    free(c->slot);
    free(c);
}

size_t wclus_size(const word_clusters *c) { return c ? c->n : 0; }

int wclus_load(const uint8_t *data, size_t size, word_clusters **out, char *errbuf, size_t errlen)
{
    *out = NULL;
    mf_reader r;
    mf_reader_init(&r, data, size);
    uint32_t ver = mf_u32(&r), n = mf_u32(&r);
    if (r.err) { snprintf(errbuf, errlen, "clusters section truncated"); return -1; }
    if (ver != WCLUS_FORMAT_VERSION) {
        snprintf(errbuf, errlen, "clusters format version %u, expected %u", ver, WCLUS_FORMAT_VERSION);
        return -1;
    }
    if (n > (r.n - r.pos) / 4) { snprintf(errbuf, errlen, "clusters: bad word count"); return -1; }
    word_clusters *c = calloc(1, sizeof *c);
    size_t cap = 16;
    while (cap < (size_t)n * 2) cap *= 2;
    if (c) c->slot = calloc(cap, sizeof *c->slot);
    if (!c || !c->slot) { wclus_free(c); snprintf(errbuf, errlen, "out of memory"); return -1; }
    c->cap = cap;
    for (uint32_t j = 0; j < n; j++) {
        uint8_t l = mf_u8(&r);
        const char *s = mf_bytes(&r, l);
        uint16_t path = mf_u16(&r);
        uint8_t depth = mf_u8(&r);
        if (r.err || !s || l == 0 || depth == 0 || depth > WCLUS_MAX_DEPTH || (depth < 16 && (path >> depth))) {
            wclus_free(c);
            snprintf(errbuf, errlen, "clusters: bad entry %u", j);
            return -1;
        }
        uint64_t key = word_key(s, l);
        size_t i = (size_t)(key ^ (key >> 31)) & (cap - 1);
        while (c->slot[i].key && c->slot[i].key != key) i = (i + 1) & (cap - 1);
        if (c->slot[i].key) {
            wclus_free(c);
            snprintf(errbuf, errlen, "clusters: duplicate word %u", j);
            return -1;
        }
        c->slot[i] = (wclus_slot){key, path, depth};
        c->n++;
    }
    if (r.pos != r.n) {
        wclus_free(c);
        snprintf(errbuf, errlen, "clusters: %zu trailing bytes", r.n - r.pos);
        return -1;
    }
    *out = c;
    return 0;
}

int wclus_lookup(const word_clusters *c, const char *s, size_t n, uint32_t *path, unsigned *depth)
{
    if (!c || !n || n > 255) return 0;
    uint64_t key = word_key(s, n);
    size_t i = (size_t)(key ^ (key >> 31)) & (c->cap - 1);
    while (c->slot[i].key) {
        if (c->slot[i].key == key) {
            *path = c->slot[i].path;
            *depth = c->slot[i].depth;
            return 1;
        }
        i = (i + 1) & (c->cap - 1);
    }
    return 0;
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
