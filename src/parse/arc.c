/* Arc-hybrid transitions, dynamic oracle and feature templates. */
#include <stdlib.h>
#include <string.h>
#include "core/tagset.h"
#include "ml/perceptron.h"
#include "ml/wclusters.h"
#include "parse/arc.h"

#define WORD_SEED 0x70617273e5a1b3c7ull   /* "pars" + noise: word-hash namespace */
#define W_NONE 0x1111111111111111ull      /* word of an empty position */
#define W_ROOT 0x2222222222222222ull      /* word of ROOT */
#define P_NONE (X_COUNT + 1)
#define P_ROOT (X_COUNT + 2)
#define L_NONE 0xffu

uint64_t ps_word_hash(const char *s, size_t n)
{
    char buf[64] = {0};
    size_t k = n < sizeof buf ? n : sizeof buf;
    for (size_t i = 0; i < k; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        else if (c >= '1' && c <= '9') c = '0';
        buf[i] = c;
    }
    uint64_t h = pc_hash(buf, k, WORD_SEED);
    /* Long words: the tail still counts, unnormalised. */
    if (n > k) h = pc_hash_mix(h, pc_hash(s + k, n - k, WORD_SEED));
    return h;
}

/* ------------------------------------------------------------- state */

void ps_state_free(ps_state *st)
{
    free(st->stack);
    free(st->head);
    free(st->label);
    free(st->lc1);
    free(st->lc2);
    free(st->rc1);
    free(st->rc2);
    free(st->nl);
    free(st->nr);
    free(st->lset);
    free(st->rset);
    free(st->racc);
    free(st->rok);
    memset(st, 0, sizeof *st);
}

int ps_state_reserve(ps_state *st, uint32_t n)
{
    if (st->stack && n <= st->cap) return 0;
    ps_state_free(st);
    size_t m = (size_t)n + 1;
    st->stack = malloc(m * sizeof *st->stack);
    st->head = malloc(m * sizeof *st->head);
    st->label = malloc(m);
    st->lc1 = malloc(m * sizeof *st->lc1);
    st->lc2 = malloc(m * sizeof *st->lc2);
    st->rc1 = malloc(m * sizeof *st->rc1);
    st->rc2 = malloc(m * sizeof *st->rc2);
    st->nl = malloc(m);
    st->nr = malloc(m);
    st->lset = malloc(m * sizeof *st->lset);
    st->rset = malloc(m * sizeof *st->rset);
    st->racc = malloc((m + 1) * PS_NROLES * PS_NTRANS * sizeof *st->racc);
    st->rok = malloc((m + 1) * PS_NROLES);
    if (!st->stack || !st->head || !st->label || !st->lc1 || !st->lc2 || !st->rc1 || !st->rc2 ||
        !st->nl || !st->nr || !st->lset || !st->rset || !st->racc || !st->rok) {
        ps_state_free(st);
        return -1;
    }
    st->cap = n;
    return 0;
}

void ps_state_init(ps_state *st, uint32_t n)
{
    size_t m = (size_t)n + 1;
    st->n = n;
    st->sp = 0;
    st->b = 0;
    memset(st->head, 0xff, m * sizeof *st->head);
    memset(st->label, 0, m);
    memset(st->lc1, 0xff, m * sizeof *st->lc1);
    memset(st->lc2, 0xff, m * sizeof *st->lc2);
    memset(st->rc1, 0xff, m * sizeof *st->rc1);
    memset(st->rc2, 0xff, m * sizeof *st->rc2);
    memset(st->nl, 0, m);
    memset(st->nr, 0, m);
    memset(st->lset, 0, m * sizeof *st->lset);
    memset(st->rset, 0, m * sizeof *st->rset);
    memset(st->rok, 0, (m + 1) * PS_NROLES);
}

int ps_terminal(const ps_state *st) { return st->sp == 0 && st->b >= st->n; }

unsigned ps_legal(const ps_state *st)
{
    unsigned m = 0;
    if (st->b < st->n) m |= 1u << PS_SHIFT;
    if (st->sp >= 1 && (st->b < st->n || st->sp == 1)) m |= 1u << PS_LEFT;
    if (st->sp >= 2) m |= 1u << PS_RIGHT;
    return m;
}

void ps_arc(const ps_state *st, int t, uint32_t *h, uint32_t *d)
{
    *d = (uint32_t)st->stack[st->sp - 1];
    *h = t == PS_LEFT ? st->b : (uint32_t)st->stack[st->sp - 2];
}

void ps_apply(ps_state *st, int t, uint8_t label)
{
    if (t == PS_SHIFT) {
        st->stack[st->sp++] = (int32_t)st->b++;
        return;
    }
    uint32_t h, d;
    ps_arc(st, t, &h, &d);
    st->sp--;
    st->head[d] = (int32_t)h;
    st->label[d] = label;
    int32_t di = (int32_t)d;
    uint64_t bit = 1ull << (label & 63);
    if (d < h) {
        if (st->lc1[h] < 0 || di < st->lc1[h]) { st->lc2[h] = st->lc1[h]; st->lc1[h] = di; }
        else if (st->lc2[h] < 0 || di < st->lc2[h]) st->lc2[h] = di;
        if (st->nl[h] < 255) st->nl[h]++;
        st->lset[h] |= bit;
    } else {
        if (di > st->rc1[h]) { st->rc2[h] = st->rc1[h]; st->rc1[h] = di; }
        else if (di > st->rc2[h]) st->rc2[h] = di;
        if (st->nr[h] < 255) st->nr[h]++;
        st->rset[h] |= bit;
    }
}

/* Gold dependents of x still in the buffer (ROOT has none to lose). */
static int deps_in_buffer(const ps_state *st, const int32_t *gold, int32_t x)
{
    int c = 0;
    for (uint32_t k = st->b; k < st->n; k++) c += gold[k] == x;
    return c;
}

void ps_costs(const ps_state *st, const int32_t *gold, int cost[PS_NTRANS])
{
    unsigned legal = ps_legal(st);
    for (int t = 0; t < PS_NTRANS; t++) cost[t] = PS_COST_ILLEGAL;
    int32_t b = (int32_t)st->b;
    if (legal & (1u << PS_SHIFT)) {
        /* b0 can no longer take a head below s0 nor any stack dependent. */
        int c = 0;
        int32_t gb = gold[b];
        for (uint32_t i = 0; i < st->sp; i++) {
            int32_t k = st->stack[i];
            if (gold[k] == b) c++;
            if (gb == k && i + 1 < st->sp) c++;
        }
        cost[PS_SHIFT] = c;
    }
    if (st->sp >= 1) {
        int32_t s0 = st->stack[st->sp - 1];
        int32_t s1 = st->sp >= 2 ? st->stack[st->sp - 2] : -1;
        int32_t g = gold[s0];
        int lost_deps = deps_in_buffer(st, gold, s0);
        if (legal & (1u << PS_LEFT))
            cost[PS_LEFT] = lost_deps + (g != b && (g == s1 || g > b));
        if (legal & (1u << PS_RIGHT))
            cost[PS_RIGHT] = lost_deps + (g != s1 && g >= b);
    }
}

/* ---------------------------------------------------------- features */

static inline uint64_t W(const ps_state *st, const ps_sent *s, int32_t x)
{
    return x < 0 ? W_NONE : (uint32_t)x >= st->n ? W_ROOT : s->word[x];
}
static inline uint64_t P(const ps_state *st, const ps_sent *s, int32_t x)
{
    return x < 0 ? P_NONE : (uint32_t)x >= st->n ? P_ROOT : s->xpos[x];
}
static inline uint64_t U(const ps_state *st, const ps_sent *s, int32_t x)
{
    return x < 0 ? UPOS_COUNT + 1 : (uint32_t)x >= st->n ? UPOS_COUNT + 2 : s->upos[x];
}
static inline uint64_t L(const ps_state *st, int32_t x)
{
    return x < 0 ? L_NONE : st->label[x];
}

/* Cluster of x at depth d bits (0: its whole path), or one value for an
 * empty position, ROOT, a word without a cluster. */
static inline uint64_t CL(const ps_state *st, const ps_sent *s, int32_t x, unsigned d)
{
    if (x < 0) return 0x200001;
    if ((uint32_t)x >= st->n) return 0x200002;
    uint32_t c = s->clus[x];
    if (c == PS_CLUS_NONE) return 0x200003;
    unsigned depth = c >> 16;
    return wclus_prefix(c & 0xffffu, depth, d ? d : depth);
}

/* Template id -> hash seed; features of different templates never share.
 * Combining is one multiply and fold per value (pc_hash_mix would cost
 * several times more, and feature hashing dominates parse time); inputs
 * are either small integers or already well-mixed word hashes. */
static inline uint64_t T(uint32_t id) { return ((uint64_t)id + 1) * 0x9e3779b97f4a7c15ull; }
static inline uint64_t C(uint64_t h, uint64_t v)
{
    /* The rotation brings the well-mixed high product bits down: the
     * perceptron's table index takes the low bits. */
    h = (h ^ v) * 0xff51afd7ed558ccdull;
    return h >> 29 | h << 35;
}
static inline uint64_t F1(uint32_t id, uint64_t a) { return C(T(id), a); }
static inline uint64_t F2(uint32_t id, uint64_t a, uint64_t b) { return C(C(T(id), a), b); }
static inline uint64_t F3(uint32_t id, uint64_t a, uint64_t b, uint64_t c)
{
    return C(C(C(T(id), a), b), c);
}
/* Pack up to four small values (tags, labels, counts) into one integer. */
static inline uint64_t K(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    return a | b << 16 | c << 32 | d << 48;
}

/* Distance bucket between positions a < b. */
static inline uint64_t dist(int32_t a, int32_t b)
{
    if (a < 0 || b < 0) return 15;
    int32_t d = b > a ? b - a : a - b;
    return d <= 4 ? (uint64_t)d : d <= 6 ? 5 : d <= 10 ? 6 : d <= 20 ? 7 : 8;
}

/* Cluster templates (PS_F_CLUS, more with PS_F_CLUS_X): Koo et al. 2008's hybrid features on
 * the transition system's pairs: prefixes at 4 and 6 bits stand in for
 * tags, 10 bits and the whole path for words. */
static size_t clus_features(const ps_state *st, const ps_sent *s, unsigned groups, int32_t s0, int32_t s1,
                            int32_t b0, int32_t b1, uint64_t d, uint64_t *f)
{
    size_t k = 0;
    uint64_t s0p = P(st, s, s0), s1p = P(st, s, s1), b0p = P(st, s, b0), b1p = P(st, s, b1);
    uint64_t s04 = CL(st, s, s0, 4), s06 = CL(st, s, s0, 6), s0a = CL(st, s, s0, 10), s0f = CL(st, s, s0, 0);
    uint64_t b04 = CL(st, s, b0, 4), b06 = CL(st, s, b0, 6), b0a = CL(st, s, b0, 10), b0f = CL(st, s, b0, 0);
    uint64_t s14 = CL(st, s, s1, 4), s16 = CL(st, s, s1, 6), s1a = CL(st, s, s1, 10);
    uint64_t b14 = CL(st, s, b1, 4);
    int32_t s0l = s0 >= 0 ? st->lc1[s0] : -1, s0r = s0 >= 0 ? st->rc1[s0] : -1;
    int32_t b0l = b0 >= 0 ? st->lc1[b0] : -1;

    f[k++] = F2(152, s04, b04);
    f[k++] = F2(153, s06, b06);
    f[k++] = F3(155, s04, b04, K(s0p, b0p, 0, 0));
    f[k++] = F2(156, s0f, b0p);
    f[k++] = F2(157, b0f, s0p);
    f[k++] = F2(161, s14, s04);
    f[k++] = F3(163, s14, s04, K(s1p, s0p, 0, 0));
    if (groups & PS_F_CLUS_X) {
        f[k++] = F1(140, s04);
        f[k++] = F1(142, s0f);
        f[k++] = F1(144, b04);
        f[k++] = F1(146, b0f);
        f[k++] = F2(149, CL(st, s, b1, 10), b1p);
        f[k++] = F1(150, s16);
        f[k++] = F2(151, s1a, s1p);
        f[k++] = F2(154, s0f, b0f);
        f[k++] = F3(158, s0a, b06, b0p);
        f[k++] = F3(159, b0a, s06, s0p);
        f[k++] = F3(160, s04, b04, d);
        f[k++] = F2(162, s16, s06);
        f[k++] = F2(164, s1a, s0p);
        f[k++] = F2(165, s0a, s1p);
        f[k++] = F2(166, s16, b06);
        f[k++] = F3(167, s04, b04, b14);
        f[k++] = F3(168, s14, s04, b04);
        f[k++] = F2(169, CL(st, s, s0l, 6), s0p);
        f[k++] = F2(170, CL(st, s, s0r, 6), s0p);
        f[k++] = F2(171, CL(st, s, b0l, 6), b0p);
    }
    return k;
}

/* More non-local templates (PS_F_RICH, PS_F_RICH_X), after Zhang & Nivre 2011: the
 * words of second children, s1's valency, words with their children's
 * labels, and the attachment triples of a word with its case marker. */
static size_t rich_features(const ps_state *st, const ps_sent *s, unsigned groups, int32_t s0, int32_t s1,
                            int32_t b0, int32_t b1, uint64_t d, uint64_t *f)
{
    size_t k = 0;
    uint64_t s0w = W(st, s, s0), s1w = W(st, s, s1), b0w = W(st, s, b0), b1w = W(st, s, b1);
    uint64_t s0p = P(st, s, s0), s1p = P(st, s, s1), b0p = P(st, s, b0), b1p = P(st, s, b1);
    int32_t s0l = s0 >= 0 ? st->lc1[s0] : -1, s0r = s0 >= 0 ? st->rc1[s0] : -1;
    int32_t s0l2 = s0 >= 0 ? st->lc2[s0] : -1, s0r2 = s0 >= 0 ? st->rc2[s0] : -1;
    int32_t s1r = s1 >= 0 ? st->rc1[s1] : -1;
    int32_t b0l = b0 >= 0 ? st->lc1[b0] : -1, b0l2 = b0 >= 0 ? st->lc2[b0] : -1;
    uint64_t b0lw = W(st, s, b0l);
    uint64_t s1vl = s1 >= 0 ? (st->nl[s1] > 3 ? 3 : st->nl[s1]) : 7;
    uint64_t s1vr = s1 >= 0 ? (st->nr[s1] > 3 ? 3 : st->nr[s1]) : 7;
    uint64_t s0vr = s0 >= 0 ? (st->nr[s0] > 3 ? 3 : st->nr[s0]) : 7;
    uint64_t s0vl = s0 >= 0 ? (st->nl[s0] > 3 ? 3 : st->nl[s0]) : 7;

    if (groups & PS_F_RICH) {
        f[k++] = F3(200, s1w, b0w, b0lw);
        f[k++] = F3(201, s0w, b0w, b0lw);
        f[k++] = F2(202, b0lw, K(s0p, b0p, s1p, 0));
        f[k++] = F1(205, K(s1p, s1vl, s1vr, s0p));
        f[k++] = F1(212, K(s0p, s0vl, s0vr, b0p));
        f[k++] = F1(213, K(s0p, L(st, s0r), b0p, L(st, b0l)));
    }
    if (groups & PS_F_RICH_X) {
        f[k++] = F2(203, s0w, K(L(st, s0l), L(st, s0r), 0, 0));
        f[k++] = F2(204, b0w, K(L(st, b0l), L(st, b0l2), 0, 0));
        f[k++] = F2(206, s1w, K(L(st, s1r), s0p, 0, 0));
        f[k++] = F2(207, W(st, s, s0l2), s0p);
        f[k++] = F2(208, W(st, s, s0r2), s0p);
        f[k++] = F2(209, W(st, s, b0l2), b0p);
        f[k++] = F2(210, b0w, b1w);
        f[k++] = F2(211, s0w, K(b0p, b1p, 0, 0));
        f[k++] = F2(214, s1w, K(s0p, b0p, 0, 0));
        f[k++] = F1(215, K(s1p, s0p, b0p, L(st, s1r)));
        f[k++] = F1(216, K(s0p, b0p, d, s0vr));
    }
    return k;
}

int32_t ps_role_pos(const ps_state *st, int r)
{
    int32_t n = (int32_t)st->n, b0 = (int32_t)st->b <= n ? (int32_t)st->b : -1;
    switch (r) {
    case PS_R_S0: return st->sp >= 1 ? st->stack[st->sp - 1] : -1;
    case PS_R_S1: return st->sp >= 2 ? st->stack[st->sp - 2] : -1;
    case PS_R_S2: return st->sp >= 3 ? st->stack[st->sp - 3] : -1;
    case PS_R_B0: return b0;
    case PS_R_B1: return b0 >= 0 && b0 + 1 <= n ? b0 + 1 : -1;
    default: return b0 >= 0 && b0 + 2 <= n ? b0 + 2 : -1;   /* PS_R_B2 */
    }
}

size_t ps_role_features(const ps_state *st, const ps_sent *s, unsigned groups, int r, int32_t x, uint64_t *f)
{
    size_t k = 0;
    uint64_t w = W(st, s, x), p = P(st, s, x);
    int clus = (groups & PS_F_CLUS) && s->clus;
    switch (r) {
    case PS_R_S0:
        f[k++] = F2(0, w, p);
        f[k++] = F1(1, w);
        f[k++] = F1(2, p);
        if (clus) {
            f[k++] = F1(141, CL(st, s, x, 6));
            f[k++] = F2(143, CL(st, s, x, 10), p);
        }
        break;
    case PS_R_B0:
        f[k++] = F2(3, w, p);
        f[k++] = F1(4, w);
        f[k++] = F1(5, p);
        if (clus) {
            f[k++] = F1(145, CL(st, s, x, 6));
            f[k++] = F2(147, CL(st, s, x, 10), p);
        }
        break;
    case PS_R_B1:
        f[k++] = F2(6, w, p);
        f[k++] = F1(7, w);
        f[k++] = F1(8, p);
        if (clus) f[k++] = F1(148, CL(st, s, x, 6));
        break;
    case PS_R_B2:
        f[k++] = F2(9, w, p);
        f[k++] = F1(10, p);
        break;
    case PS_R_S1:
        f[k++] = F2(11, w, p);
        f[k++] = F1(12, w);
        f[k++] = F1(13, p);
        break;
    default:   /* PS_R_S2 */
        f[k++] = F1(14, p);
        break;
    }
    return k;
}

size_t ps_features(const ps_state *st, const ps_sent *s, unsigned groups, uint64_t *f)
{
    size_t k = 0;
    for (int r = 0; r < PS_NROLES; r++) k += ps_role_features(st, s, groups, r, ps_role_pos(st, r), f + k);
    return k + ps_context_features(st, s, groups, f + k);
}

size_t ps_context_features(const ps_state *st, const ps_sent *s, unsigned groups, uint64_t *f)
{
    size_t k = 0;
    int32_t n = (int32_t)st->n;
    int32_t s0 = st->sp >= 1 ? st->stack[st->sp - 1] : -1;
    int32_t s1 = st->sp >= 2 ? st->stack[st->sp - 2] : -1;
    int32_t s2 = st->sp >= 3 ? st->stack[st->sp - 3] : -1;
    int32_t b0 = (int32_t)st->b <= n ? (int32_t)st->b : -1;
    int32_t b1 = b0 >= 0 && b0 + 1 <= n ? b0 + 1 : -1;
    int32_t b2 = b1 >= 0 && b1 + 1 <= n ? b1 + 1 : -1;
    if (b0 == n) b1 = b2 = -1;
    if (b1 == n) b2 = -1;

    uint64_t s0w = W(st, s, s0), s0p = P(st, s, s0);
    uint64_t s1w = W(st, s, s1), s1p = P(st, s, s1);
    uint64_t s2p = P(st, s, s2);
    uint64_t b0w = W(st, s, b0), b0p = P(st, s, b0);
    uint64_t b1p = P(st, s, b1);
    uint64_t b2p = P(st, s, b2);
    int32_t s0l = s0 >= 0 ? st->lc1[s0] : -1, s0l2 = s0 >= 0 ? st->lc2[s0] : -1;
    int32_t s0r = s0 >= 0 ? st->rc1[s0] : -1, s0r2 = s0 >= 0 ? st->rc2[s0] : -1;
    int32_t s1l = s1 >= 0 ? st->lc1[s1] : -1, s1r = s1 >= 0 ? st->rc1[s1] : -1;
    int32_t b0l = b0 >= 0 ? st->lc1[b0] : -1, b0l2 = b0 >= 0 ? st->lc2[b0] : -1;
    uint64_t s0lp = P(st, s, s0l), s0rp = P(st, s, s0r), b0lp = P(st, s, b0l);
    uint64_t s0l2p = P(st, s, s0l2), s0r2p = P(st, s, s0r2), b0l2p = P(st, s, b0l2);
    uint64_t d = dist(s0, b0), d1 = dist(s1, s0);
    uint64_t s0vl = s0 >= 0 ? st->nl[s0] : 255, s0vr = s0 >= 0 ? st->nr[s0] : 255;
    uint64_t b0vl = b0 >= 0 ? st->nl[b0] : 255;
    uint64_t s0sl = s0 >= 0 ? st->lset[s0] : 1, s0sr = s0 >= 0 ? st->rset[s0] : 1;
    uint64_t b0sl = b0 >= 0 ? st->lset[b0] : 1;

    /* pairs */
    f[k++] = F3(15, s0w, b0w, K(s0p, b0p, 0, 0));
    f[k++] = F3(16, s0w, b0w, s0p);
    f[k++] = F3(17, s0w, b0w, b0p);
    f[k++] = F2(18, s0w, K(s0p, b0p, 0, 0));
    f[k++] = F2(19, b0w, K(s0p, b0p, 0, 0));
    f[k++] = F2(20, s0w, b0w);
    f[k++] = F1(21, K(s0p, b0p, 0, 0));
    f[k++] = F1(22, K(b0p, b1p, 0, 0));
    f[k++] = F1(23, K(s1p, s0p, 0, 0));
    f[k++] = F2(24, s1w, s0w);
    f[k++] = F2(25, s1w, K(s0p, s1p, 0, 0));
    f[k++] = F2(26, s0w, K(s0p, s1p, 0, 0));
    f[k++] = F2(27, s1w, b0w);
    f[k++] = F1(28, K(s1p, b0p, 0, 0));
    /* triples */
    f[k++] = F1(29, K(b0p, b1p, b2p, 0));
    f[k++] = F1(30, K(s0p, b0p, b1p, 0));
    f[k++] = F1(31, K(s1p, s0p, b0p, 0));
    f[k++] = F1(32, K(s0p, s0lp, b0p, 0));
    f[k++] = F1(33, K(s0p, s0rp, b0p, 0));
    f[k++] = F1(34, K(s0p, b0p, b0lp, 0));
    f[k++] = F1(35, K(s2p, s1p, s0p, 0));
    f[k++] = F1(36, K(s1p, P(st, s, s1r), s0p, 0));
    f[k++] = F1(37, K(s1p, P(st, s, s1l), s0p, 0));
    f[k++] = F2(38, s0w, K(s1p, b0p, 0, 0));
    f[k++] = F2(39, b0w, K(s1p, s0p, 0, 0));
    f[k++] = F2(40, s0w, d);
    /* distance */
    f[k++] = F1(41, K(s0p, d, 0, 0));
    f[k++] = F2(42, b0w, d);
    f[k++] = F1(43, K(b0p, d, 0, 0));
    f[k++] = F3(44, s0w, b0w, d);
    f[k++] = F1(45, K(s0p, b0p, d, 0));
    f[k++] = F1(46, K(s1p, s0p, d1, 0));
    f[k++] = F2(47, s1w, K(s0p, d1, 0, 0));
    f[k++] = F2(48, s0w, s0vr);
    /* valency */
    f[k++] = F1(49, K(s0p, s0vr, 0, 0));
    f[k++] = F2(50, s0w, s0vl);
    f[k++] = F1(51, K(s0p, s0vl, 0, 0));
    f[k++] = F2(52, b0w, b0vl);
    f[k++] = F1(53, K(b0p, b0vl, 0, 0));
    /* children */
    f[k++] = F1(54, W(st, s, s0l));
    f[k++] = F1(55, K(s0lp, L(st, s0l), 0, 0));
    f[k++] = F1(56, W(st, s, s0r));
    f[k++] = F1(57, K(s0rp, L(st, s0r), 0, 0));
    f[k++] = F1(58, W(st, s, b0l));
    f[k++] = F1(59, K(b0lp, L(st, b0l), 0, 0));
    f[k++] = F1(60, K(s0p, L(st, s0l), L(st, s0r), 0));
    f[k++] = F1(61, K(b0p, L(st, b0l), 0, 0));
    f[k++] = F1(62, K(s1p, L(st, s1r), L(st, s1l), 0));
    f[k++] = F1(63, K(s0l2p, L(st, s0l2), 0, 0));
    f[k++] = F1(64, K(s0r2p, L(st, s0r2), 0, 0));
    f[k++] = F1(65, K(b0l2p, L(st, b0l2), 0, 0));
    f[k++] = F1(66, K(s0p, s0lp, s0l2p, 0));
    f[k++] = F1(67, K(s0p, s0rp, s0r2p, 0));
    f[k++] = F1(68, K(b0p, b0lp, b0l2p, 0));
    f[k++] = F2(69, s0w, s0sr);
    /* label sets */
    f[k++] = F2(70, s0p, s0sr);
    f[k++] = F2(71, s0w, s0sl);
    f[k++] = F2(72, s0p, s0sl);
    f[k++] = F2(73, b0w, b0sl);
    f[k++] = F2(74, b0p, b0sl);
    /* coarse tags */
    f[k++] = F1(75, K(U(st, s, s0), U(st, s, b0), U(st, s, s1), U(st, s, b1)));
    f[k++] = F1(76, K(st->b >= st->n, st->sp > 3 ? 3 : st->sp, 0, 0));
    /* linear context of the stack words (Huang & Sagae style) */
    int32_t s0m = s0 > 0 && s0 < n ? s0 - 1 : -1, s0n = s0 >= 0 && s0 + 1 < n ? s0 + 1 : -1;
    int32_t b0m = b0 > 0 && b0 < n ? b0 - 1 : -1, s1n = s1 >= 0 && s1 + 1 < n ? s1 + 1 : -1;
    f[k++] = F1(77, K(P(st, s, s0m), s0p, P(st, s, s0n), 0));
    f[k++] = F1(78, K(P(st, s, b0m), b0p, s0p, 0));
    f[k++] = F1(79, K(s1p, P(st, s, s1n), s0p, 0));
    f[k++] = F1(80, K(b0p, b1p, s0p, s1p));
    f[k++] = F2(81, b0w, K(b1p, s0p, 0, 0));
    if ((groups & PS_F_CLUS) && s->clus) k += clus_features(st, s, groups, s0, s1, b0, b1, d, f + k);
    if (groups & (PS_F_RICH | PS_F_RICH_X)) k += rich_features(st, s, groups, s0, s1, b0, b1, d, f + k);
    f[k++] = 0x5eed5eed5eed5eedull;   /* bias */
    return k;
}

size_t ps_label_features(const ps_state *st, const ps_sent *s, unsigned groups, uint32_t h, uint32_t d,
                         uint64_t *f)
{
    size_t k = 0;
    int32_t hi = (int32_t)h, di = (int32_t)d;
    uint64_t dir = d < h ? 1 : 2;
    uint64_t hw = W(st, s, hi), hp = P(st, s, hi), dw = W(st, s, di), dp = P(st, s, di);
    uint64_t hu = U(st, s, hi), du = U(st, s, di);
    uint64_t dd = K(dir, dist(hi, di), 0, 0);
    int32_t dl = st->lc1[d], dr = st->rc1[d], hl = st->lc1[h], hr = st->rc1[h];
    uint64_t dlw = W(st, s, dl), dlp = P(st, s, dl), drw = W(st, s, dr);
    uint64_t dpm = P(st, s, di - 1), dpp = P(st, s, (uint32_t)di + 1 < st->n ? di + 1 : -1);
    uint64_t hpm = P(st, s, hi - 1), hpp = P(st, s, (uint32_t)hi + 1 < st->n ? hi + 1 : -1);

    f[k++] = F2(100, hw, dir);
    f[k++] = F1(101, K(hp, dir, 0, 0));
    f[k++] = F2(102, dw, dir);
    f[k++] = F1(103, K(dp, dir, 0, 0));
    f[k++] = F2(104, hw, K(hp, dir, 0, 0));
    f[k++] = F2(105, dw, K(dp, dir, 0, 0));
    f[k++] = F1(106, K(hp, dp, dir, 0));
    f[k++] = F2(107, hw, K(dp, dir, 0, 0));
    f[k++] = F2(108, dw, K(hp, dir, 0, 0));
    f[k++] = F3(109, hw, dw, dir);
    f[k++] = F1(110, K(hp, dp, dd, 0));
    f[k++] = F1(111, K(hu, du, dir, 0));
    f[k++] = F1(112, K(dp, L(st, dl), L(st, dr), dir));
    f[k++] = F2(113, dlw, K(dp, dir, 0, 0));
    f[k++] = F2(114, dlw, K(hp, dp, dir, 0));
    f[k++] = F2(115, dlw, K(hu, dir, 0, 0));
    f[k++] = F1(116, K(dlp, dp, hp, dir));
    f[k++] = F2(117, drw, K(dp, dir, 0, 0));
    f[k++] = F2(118, st->lset[d], K(dp, dir, 0, 0));
    f[k++] = F2(119, st->rset[d], K(dp, dir, 0, 0));
    f[k++] = F2(120, st->lset[h], K(hp, dir, 0, 0));
    f[k++] = F2(121, st->rset[h], K(hp, dir, 0, 0));
    f[k++] = F1(122, K(dpm, dp, dpp, dir));
    f[k++] = F1(123, K(hpm, hp, hpp, dir));
    f[k++] = F1(124, K(hp, dp, dpp, dir));
    f[k++] = F1(125, K(hp, dpm, dp, dir));
    f[k++] = F2(126, W(st, s, hl), K(hp, dp, dir, 0));
    f[k++] = F2(127, W(st, s, hr), K(hp, dp, dir, 0));
    f[k++] = F1(128, K(dp, st->nl[d] > 3 ? 3 : st->nl[d], st->nr[d] > 3 ? 3 : st->nr[d], dir));
    f[k++] = F2(129, dw, K(hu, dir, 0, 0));
    f[k++] = F1(130, K(hp, dp, L(st, hl), dir));
    f[k++] = F1(131, K(d == 0, h == 0, dir, 0));
    if ((groups & PS_F_CLUS) && s->clus) {
        uint64_t h6 = CL(st, s, hi, 6), d6 = CL(st, s, di, 6), h4 = CL(st, s, hi, 4), d4 = CL(st, s, di, 4);
        f[k++] = F2(181, d6, dir);
        f[k++] = F2(184, CL(st, s, hi, 10), K(dp, dir, 0, 0));
        f[k++] = F2(185, CL(st, s, di, 10), K(hp, dir, 0, 0));
        f[k++] = F3(186, h4, d4, dir);
        if (groups & PS_F_CLUS_X) {
            f[k++] = F2(180, h6, dir);
            f[k++] = F2(182, CL(st, s, hi, 0), dir);
            f[k++] = F2(183, CL(st, s, di, 0), dir);
            f[k++] = F3(187, h6, d6, dir);
            f[k++] = F2(188, CL(st, s, dl, 6), K(dp, dir, 0, 0));
        }
    }
    if (groups & PS_F_RICH) {
        f[k++] = F3(220, hw, dlw, K(dp, dir, 0, 0));
        f[k++] = F2(222, dw, K(hp, dir, st->nl[d] > 2 ? 2 : st->nl[d], st->nr[d] > 2 ? 2 : st->nr[d]));
    }
    if (groups & PS_F_RICH_X) {
        f[k++] = F3(221, dw, drw, dir);
        f[k++] = F2(223, hw, K(dp, dir, dist(hi, di), 0));
        f[k++] = F1(224, K(hp, dp, L(st, hr), dir));
    }
    f[k++] = 0x1abe11abe11abe1ull;   /* bias */
    return k;
}
