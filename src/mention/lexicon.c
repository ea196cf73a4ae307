/* Lexicon loading and lookup: an open-addressing hash table over keys that
 * stay in the model blob (zero copy; the model outlives the lexicon). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mention/lexicon.h"
#include "mention/mention.h"
#include "ml/modelfile.h"

typedef struct lx_slot {
    const char *key;
    uint32_t len, val;
} lx_slot;

struct lexicon {
    lx_slot *slots;
    size_t mask;   /* table size - 1 (a power of two) */
};

/* FNV-1a over the ASCII-lowercased bytes. */
static uint32_t lx_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        h = (h ^ c) * 16777619u;
    }
    return h;
}

/* Case-insensitive (ASCII) comparison of a query with a stored lowercase key. */
static int lx_eq(const char *key, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if ((unsigned char)key[i] != c) return 0;
    }
    return 1;
}

int lexicon_load(const uint8_t *data, size_t size, struct lexicon **out, char *errbuf, size_t errlen)
{
    *out = NULL;
    mf_reader r;
    mf_reader_init(&r, data, size);
    const void *magic = mf_bytes(&r, 4);
    uint32_t ver = mf_u32(&r), count = mf_u32(&r);
    if (r.err || memcmp(magic, LEX_MAGIC, 4) != 0) {
        snprintf(errbuf, errlen, "lexicon: bad section header");
        return -1;
    }
    if (ver != LEX_FORMAT_VERSION) {
        snprintf(errbuf, errlen, "lexicon: format version %u, expected %u", ver, LEX_FORMAT_VERSION);
        return -1;
    }
    if (count > size / 8) {
        snprintf(errbuf, errlen, "lexicon: entry count %u exceeds section size", count);
        return -1;
    }
    struct lexicon *lx = calloc(1, sizeof *lx);
    size_t cap = 16;
    while (cap < (size_t)count * 2) cap *= 2;
    if (!lx || !(lx->slots = calloc(cap, sizeof *lx->slots))) {
        free(lx);
        snprintf(errbuf, errlen, "lexicon: out of memory");
        return -1;
    }
    lx->mask = cap - 1;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t len;
        const char *k = mf_str(&r, &len);
        uint32_t v = mf_u32(&r);
        if (r.err) break;
        size_t h = lx_hash(k, len) & lx->mask;
        while (lx->slots[h].key && !(lx->slots[h].len == len && lx_eq(lx->slots[h].key, k, len)))
            h = (h + 1) & lx->mask;
        lx->slots[h].key = k;
        lx->slots[h].len = len;
        lx->slots[h].val |= v;
    }
    if (r.err) {
        lexicon_free(lx);
        snprintf(errbuf, errlen, "lexicon: truncated section");
        return -1;
    }
    *out = lx;
    return 0;
}

void lexicon_free(struct lexicon *lx)
{
    if (!lx) return;
    free(lx->slots);
    free(lx);
}

uint32_t lexicon_get(const struct lexicon *lx, const char *s, size_t n)
{
    if (!lx || !s || n == 0) return 0;
    size_t h = lx_hash(s, n) & lx->mask;
    while (lx->slots[h].key) {
        if (lx->slots[h].len == n && lx_eq(lx->slots[h].key, s, n)) return lx->slots[h].val;
        h = (h + 1) & lx->mask;
    }
    return 0;
}
