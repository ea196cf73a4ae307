/* Lexicon loading and lookup: an open-addressing hash table over keys that
 * stay in the model blob (zero copy; the model outlives the lexicon). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mention/lexicon.h"
#include "mention/mention.h"
#include "ml/modelfile.h"

/* A key is the string at str[off .. off + len) (str: the section's bytes
 * in the list form, the image's string pool in the image form). */
typedef struct lx_slot {
    uint32_t off, len, val;
} lx_slot;
_Static_assert(sizeof(lx_slot) == 12, "lx_slot is the image layout");

struct lexicon {
    const lx_slot *slots;
    lx_slot *own;          /* built from the list form (freed), NULL for an image */
    size_t cap;
    uint32_t maxprobe;     /* longest probe sequence: bounds every lookup */
    const char *str;
    size_t strn;
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

static inline size_t lx_slot_of(uint32_t h, size_t cap) { return (size_t)(((uint64_t)h * cap) >> 32); }

/* The image form (LEX_IMAGE_VERSION): u32 count, u32 cap, u32 maxprobe,
 * u32 string bytes, cap slots, the strings. Used in place; only the header
 * is checked at load, lookups check every slot they read. */
static int load_image(mf_reader *r, struct lexicon *lx)
{
    uint32_t count = mf_u32(r), cap = mf_u32(r), maxprobe = mf_u32(r), strn = mf_u32(r);
    if (r->err || cap == 0 || cap < count || maxprobe >= cap) return -1;
    const uint8_t *slots = mf_bytes(r, (size_t)cap * sizeof(lx_slot));
    const char *str = mf_bytes(r, strn);
    if (r->err || r->pos != r->n || ((uintptr_t)slots % _Alignof(lx_slot)) != 0) return -1;
    lx->slots = (const lx_slot *)(const void *)slots;
    lx->cap = cap;
    lx->maxprobe = maxprobe;
    lx->str = str;
    lx->strn = strn;
    return 0;
}

/* The list form (LEX_FORMAT_VERSION, tools/build_lexicon): a table built
 * over keys that stay in the section (the model outlives the lexicon). */
static int load_list(mf_reader *r, struct lexicon *lx, uint32_t count)
{
    lx->cap = (size_t)count * 2 + 16;
    lx_slot *slots = lx->own = calloc(lx->cap, sizeof *slots);
    if (!slots) return -1;
    lx->slots = slots;
    lx->str = (const char *)r->p;
    lx->strn = r->n;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t len;
        const char *k = mf_str(r, &len);
        uint32_t v = mf_u32(r);
        if (r->err) return -1;
        uint32_t off = (uint32_t)(k - lx->str), probe = 0;
        size_t h = lx_slot_of(lx_hash(k, len), lx->cap);
        while (slots[h].len && !(slots[h].len == len && lx_eq(lx->str + slots[h].off, k, len))) {
            h = h + 1 == lx->cap ? 0 : h + 1;
            probe++;
        }
        if (probe > lx->maxprobe) lx->maxprobe = probe;
        slots[h].off = off;
        slots[h].len = len;
        slots[h].val |= v;
    }
    return 0;
}

int lexicon_load(const uint8_t *data, size_t size, struct lexicon **out, char *errbuf, size_t errlen)
{
    *out = NULL;
    mf_reader r;
    mf_reader_init(&r, data, size);
    const void *magic = mf_bytes(&r, 4);
    uint32_t ver = mf_u32(&r);
    if (r.err || memcmp(magic, LEX_MAGIC, 4) != 0) {
        snprintf(errbuf, errlen, "lexicon: bad section header");
        return -1;
    }
    if (ver != LEX_FORMAT_VERSION && ver != LEX_IMAGE_VERSION) {
        snprintf(errbuf, errlen, "lexicon: format version %u, expected %u or %u", ver, LEX_FORMAT_VERSION,
                 LEX_IMAGE_VERSION);
        return -1;
    }
    struct lexicon *lx = calloc(1, sizeof *lx);
    if (!lx) {
        snprintf(errbuf, errlen, "lexicon: out of memory");
        return -1;
    }
    int rc;
    if (ver == LEX_IMAGE_VERSION) {
        rc = load_image(&r, lx);
    } else {
        uint32_t count = mf_u32(&r);
        if (r.err || count > size / 8) {
            lexicon_free(lx);
            snprintf(errbuf, errlen, "lexicon: entry count %u exceeds section size", count);
            return -1;
        }
        rc = load_list(&r, lx, count);
    }
    if (rc != 0) {
        lexicon_free(lx);
        snprintf(errbuf, errlen, "lexicon: truncated or corrupt section");
        return -1;
    }
    *out = lx;
    return 0;
}

void lexicon_write_image(const struct lexicon *lx, mf_writer *w)
{
    size_t count = 0, strn = 0;
    for (size_t i = 0; i < lx->cap; i++)
        if (lx->slots[i].len) count++, strn += lx->slots[i].len;
    mfw_bytes(w, LEX_MAGIC, 4);
    mfw_u32(w, LEX_IMAGE_VERSION);
    mfw_u32(w, (uint32_t)count);
    mfw_u32(w, (uint32_t)lx->cap);
    mfw_u32(w, lx->maxprobe);
    mfw_u32(w, (uint32_t)strn);
    /* the same table, its keys moved into a pool in slot order */
    uint32_t off = 0;
    for (size_t i = 0; i < lx->cap; i++) {
        const lx_slot *s = &lx->slots[i];
        mfw_u32(w, s->len ? off : 0);
        mfw_u32(w, s->len);
        mfw_u32(w, s->val);
        off += s->len;
    }
    for (size_t i = 0; i < lx->cap; i++)
        if (lx->slots[i].len) mfw_bytes(w, lx->str + lx->slots[i].off, lx->slots[i].len);
}

void lexicon_free(struct lexicon *lx)
{
    if (!lx) return;
    free(lx->own);
    free(lx);
}

uint32_t lexicon_get(const struct lexicon *lx, const char *s, size_t n)
{
    if (!lx || !s || n == 0) return 0;
    size_t h = lx_slot_of(lx_hash(s, n), lx->cap);
    for (uint32_t probe = 0;; probe++) {
        const lx_slot *e = &lx->slots[h];
        if (!e->len) return 0;
        if (e->len == n && e->off <= lx->strn && n <= lx->strn - e->off && lx_eq(lx->str + e->off, s, n))
            return e->val;
        if (probe == lx->maxprobe) return 0;
        h = h + 1 == lx->cap ? 0 : h + 1;
    }
}
