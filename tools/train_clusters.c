/* train_clusters FILE... -o OUT.bin [options]
 * Learn word clusters from unlabeled text and write a CLUS section payload
 * (ml/wclusters.h): skip-gram embeddings with negative sampling (Mikolov et
 * al. 2013), then a binary tree of clusters over the vocabulary by recursive
 * bisection (principal direction, refined by spherical 2-means); a word's
 * cluster is its path in the tree.
 *
 * Inputs: *.xz (raw text, read through `xz -dc`; tokenized and split into
 * sentences by the library's own tokenizer, so the words are cut as the
 * tagger will see them), *.conllu (the FORM of each syntactic word), other
 * files as raw text. Windows never cross a sentence.
 *
 * Deterministic: one thread, the tool's own seeded generator, fixed orders
 * everywhere (vocabulary by count then bytes); the same inputs and options
 * give the same bytes.
 *
 * Options: --words V (vocabulary kept, default 100000), --min-count C (5),
 * --dim D (64), --window W (5), --neg K (5), --epochs E (1), --sample T (1e-4),
 * --depth B (16, at most WCLUS_MAX_DEPTH), --max-tokens N (stop reading after
 * N tokens, 0 = all), --seed S, --dump FILE (path, count, word per line). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/doc.h"
#include "core/fileio.h"
#include "io/conllu.h"
#include "ml/modelfile.h"
#include "ml/perceptron.h"
#include "ml/wclusters.h"
#include "text/text.h"
#include "common/rng.h"

#define SENT_BREAK UINT32_MAX

typedef struct opts {
    size_t words, min_count, max_tokens;
    int dim, window, neg, epochs, depth;
    double sample;
    uint64_t seed;
} opts;


static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "train_clusters: out of memory\n");
        exit(1);
    }
    return q;
}

/* ------------------------------------------------------------ vocabulary */

typedef struct vocab {
    char *arena;              /* word bytes, back to back */
    size_t narena, caparena;
    size_t *off;              /* per word id: offset into arena */
    uint8_t *len;
    uint64_t *count;
    size_t n, cap;
    uint32_t *tab;            /* open addressing: word id + 1, 0 = empty */
    size_t tabcap;
} vocab;

static uint64_t word_hash(const char *s, size_t n) { return pc_hash(s, n, 0x766f636162ULL); }

static void vocab_grow_table(vocab *v)
{
    size_t nc = v->tabcap ? v->tabcap * 2 : 1u << 20;
    uint32_t *t = calloc(nc, sizeof *t);
    if (!t) xrealloc(NULL, (size_t)-1 / 2);
    for (size_t i = 0; i < v->n; i++) {
        size_t h = word_hash(v->arena + v->off[i], v->len[i]) & (nc - 1);
        while (t[h]) h = (h + 1) & (nc - 1);
        t[h] = (uint32_t)i + 1;
    }
    free(v->tab);
    v->tab = t;
    v->tabcap = nc;
}

/* Id of a word, added with count 0 when new. */
static uint32_t vocab_id(vocab *v, const char *s, size_t n)
{
    if ((v->n + 1) * 2 >= v->tabcap) vocab_grow_table(v);
    size_t h = word_hash(s, n) & (v->tabcap - 1);
    while (v->tab[h]) {
        uint32_t id = v->tab[h] - 1;
        if (v->len[id] == n && memcmp(v->arena + v->off[id], s, n) == 0) return id;
        h = (h + 1) & (v->tabcap - 1);
    }
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 1u << 16;
        v->off = xrealloc(v->off, v->cap * sizeof *v->off);
        v->len = xrealloc(v->len, v->cap);
        v->count = xrealloc(v->count, v->cap * sizeof *v->count);
    }
    if (v->narena + n > v->caparena) {
        v->caparena = (v->caparena + n) * 2;
        v->arena = xrealloc(v->arena, v->caparena);
    }
    memcpy(v->arena + v->narena, s, n);
    v->off[v->n] = v->narena;
    v->len[v->n] = (uint8_t)n;
    v->count[v->n] = 0;
    v->narena += n;
    v->tab[h] = (uint32_t)v->n + 1;
    return (uint32_t)v->n++;
}

/* The corpus as word ids with SENT_BREAK between sentences. */
typedef struct corpus { uint32_t *id; size_t n, cap, ntok; } corpus;

static void corpus_push(corpus *c, uint32_t id)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 1u << 20;
        c->id = xrealloc(c->id, c->cap * sizeof *c->id);
    }
    c->id[c->n++] = id;
    if (id != SENT_BREAK) c->ntok++;
}

static void add_word(vocab *v, corpus *c, const char *s, size_t n)
{
    if (n == 0 || n > 255) return;   /* the CLUS format keeps words of 1..255 bytes */
    uint32_t id = vocab_id(v, s, n);
    v->count[id]++;
    corpus_push(c, id);
}

static void sent_break(corpus *c)
{
    if (c->n && c->id[c->n - 1] != SENT_BREAK) corpus_push(c, SENT_BREAK);
}

/* Tokenize raw text (one chunk, cut at a paragraph break) with the library's tokenizer. */
static void add_text(vocab *v, corpus *c, const char *s, size_t n)
{
    struct coref_doc d;
    memset(&d, 0, sizeof d);
    d.text = xrealloc(NULL, n + 1);
    memcpy(d.text, s, n);
    d.text[n] = 0;
    d.len = n;
    if (text_tokenize(&d) != 0) {
        fprintf(stderr, "train_clusters: tokenizer failed\n");
        exit(1);
    }
    for (size_t q = 0; q < d.nsent; q++) {
        for (size_t i = d.sents[q].tok_begin; i < d.sents[q].tok_end && i < d.ntok; i++)
            add_word(v, c, tok_s(&d, i), tok_n(&d, i));
        sent_break(c);
    }
    doc_free_layers(&d);
}

/* Raw text in chunks of about 1 MB, each ending at a blank line. */
static void add_raw(vocab *v, corpus *c, const char *s, size_t n, size_t max_tokens)
{
    size_t i = 0;
    while (i < n && (!max_tokens || c->ntok < max_tokens)) {
        size_t e = i + (1u << 20);
        if (e >= n) e = n;
        else {
            const char *p = NULL;
            for (size_t j = e; j + 1 < n; j++)
                if (s[j] == '\n' && s[j + 1] == '\n') { p = s + j + 1; break; }
            e = p ? (size_t)(p - s) : n;
        }
        add_text(v, c, s + i, e - i);
        i = e;
    }
}

static int read_xz(const char *path, char **out, size_t *outn)
{
    if (strchr(path, '\'')) return -1;
    size_t cl = strlen(path) + 32;
    char *cmd = xrealloc(NULL, cl);
    snprintf(cmd, cl, "xz -dc '%s'", path);
    FILE *f = popen(cmd, "r");
    free(cmd);
    if (!f) return -1;
    size_t n = 0, cap = 1u << 24;
    char *b = xrealloc(NULL, cap);
    size_t got;
    while ((got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) b = xrealloc(b, cap *= 2);
    }
    if (pclose(f) != 0) {
        free(b);
        return -1;
    }
    *out = b;
    *outn = n;
    return 0;
}

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

static void read_input(const char *path, vocab *v, corpus *c, size_t max_tokens)
{
    if (ends_with(path, ".conllu")) {
        conllu_corpus *cc;
        coref_error err;
        if (conllu_read_file(path, &cc, &err) != COREF_OK) {
            fprintf(stderr, "train_clusters: %s: %s\n", path, err.message);
            exit(1);
        }
        for (size_t s = 0; s < cc->nsent && (!max_tokens || c->ntok < max_tokens); s++) {
            for (size_t i = cc->sents[s].word_begin; i < cc->sents[s].word_end; i++)
                add_word(v, c, cc->words[i].form, cc->words[i].form_len);
            sent_break(c);
        }
        conllu_free(cc);
        return;
    }
    char *b = NULL;
    size_t n = 0;
    int rc = ends_with(path, ".xz") ? read_xz(path, &b, &n) : read_file(path, &b, &n);
    if (rc != 0) {
        fprintf(stderr, "train_clusters: cannot read %s\n", path);
        exit(1);
    }
    add_raw(v, c, b, n, max_tokens);
    free(b);
}

/* Vocabulary order: count descending, then bytes. */
typedef struct ventry { uint64_t count; const char *s; uint32_t len, id; } ventry;

static int cmp_ventry(const void *a, const void *b)
{
    const ventry *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    size_t l = x->len < y->len ? x->len : y->len;
    int r = memcmp(x->s, y->s, l);
    if (r) return r;
    return x->len < y->len ? -1 : x->len > y->len;
}

/* ------------------------------------------------------------ skip-gram */

#define SIG_TABLE 1024
#define SIG_MAX 6.0f

static float *train_sgns(const uint32_t *ids, size_t n, const uint64_t *count, size_t V, const opts *o)
{
    int D = o->dim;
    float *in = xrealloc(NULL, V * (size_t)D * sizeof *in);
    float *outv = calloc(V * (size_t)D, sizeof *outv);
    float *grad = xrealloc(NULL, (size_t)D * sizeof *grad);
    if (!outv) xrealloc(NULL, (size_t)-1 / 2);
    uint64_t rs = o->seed ? o->seed : 1;
    for (size_t i = 0; i < V * (size_t)D; i++) in[i] = (float)((rng_unit(&rs) - 0.5) / D);
    float sig[SIG_TABLE];
    for (int i = 0; i < SIG_TABLE; i++) {
        double x = ((double)i / SIG_TABLE * 2 - 1) * SIG_MAX;
        sig[i] = (float)(1.0 / (1.0 + exp(-x)));
    }
    /* negatives drawn from counts^0.75 by a table of 10^7 entries */
    size_t T = 10000000;
    uint32_t *table = xrealloc(NULL, T * sizeof *table);
    double tot = 0, acc = 0;
    for (size_t w = 0; w < V; w++) tot += pow((double)count[w], 0.75);
    size_t w = 0;
    acc = pow((double)count[0], 0.75) / tot;
    for (size_t i = 0; i < T; i++) {
        table[i] = (uint32_t)w;
        if ((double)i / (double)T > acc && w + 1 < V) acc += pow((double)count[++w], 0.75) / tot;
    }
    /* keep probability of each word under frequent-word subsampling */
    double ntot = 0;
    for (size_t q = 0; q < V; q++) ntot += (double)count[q];
    float *keep = xrealloc(NULL, V * sizeof *keep);
    for (size_t q = 0; q < V; q++) {
        double f = (double)count[q] / ntot, t = o->sample;
        double p = t > 0 ? (sqrt(f / t) + 1) * t / f : 1;
        keep[q] = (float)(p > 1 ? 1 : p);
    }
    const float alpha0 = 0.025f;
    size_t total = n * (size_t)o->epochs, done = 0;
    uint32_t *sent = xrealloc(NULL, 4096 * sizeof *sent);
    double t0 = now();
    for (int ep = 0; ep < o->epochs; ep++) {
        size_t i = 0;
        while (i < n) {
            /* one sentence, subsampled (at most 4096 words) */
            size_t m = 0;
            while (i < n && ids[i] != SENT_BREAK) {
                uint32_t id = ids[i++];
                if (id >= V) continue;
                if (keep[id] < 1 && (float)rng_unit(&rs) > keep[id]) continue;
                if (m < 4096) sent[m++] = id;
            }
            i++;
            done = (size_t)ep * n + i;
            float alpha = alpha0 * (1 - (float)done / (float)(total + 1));
            if (alpha < alpha0 * 1e-4f) alpha = alpha0 * 1e-4f;
            for (size_t p = 0; p < m; p++) {
                int b = (int)(rng_next(&rs) % (uint64_t)o->window);   /* dynamic window */
                size_t lo = p >= (size_t)(o->window - b) ? p - (size_t)(o->window - b) : 0;
                size_t hi = p + (size_t)(o->window - b);
                if (hi >= m) hi = m - 1;
                for (size_t q = lo; q <= hi; q++) {
                    if (q == p) continue;
                    float *x = in + (size_t)sent[q] * (size_t)D;
                    memset(grad, 0, (size_t)D * sizeof *grad);
                    for (int k = 0; k <= o->neg; k++) {
                        uint32_t target;
                        float label;
                        if (k == 0) target = sent[p], label = 1;
                        else {
                            target = table[rng_next(&rs) % T];
                            if (target == sent[p]) continue;
                            label = 0;
                        }
                        float *y = outv + (size_t)target * (size_t)D;
                        float dot = 0;
                        for (int d = 0; d < D; d++) dot += x[d] * y[d];
                        float s = dot > SIG_MAX ? 1 : dot < -SIG_MAX ? 0
                                : sig[(int)((dot + SIG_MAX) * (SIG_TABLE / SIG_MAX / 2))];
                        float g = (label - s) * alpha;
                        for (int d = 0; d < D; d++) grad[d] += g * y[d];
                        for (int d = 0; d < D; d++) y[d] += g * x[d];
                    }
                    for (int d = 0; d < D; d++) x[d] += grad[d];
                }
            }
        }
        fprintf(stderr, "train_clusters: skip-gram epoch %d done (%.1fs)\n", ep + 1, now() - t0);
    }
    (void)done;
    free(sent);
    free(keep);
    free(table);
    free(outv);
    free(grad);
    return in;
}

/* ------------------------------------------------------------ clustering */

/* Split words idx[0..n) (rows of unit vectors x) into two groups, in place
 * (stable: each side keeps its order); returns the size of the first side. */
static size_t bisect(const float *x, int D, uint32_t *idx, size_t n, uint32_t *tmp, float *cen)
{
    float *mean = cen, *dir = cen + D, *c0 = cen + 2 * D, *c1 = cen + 3 * D, *nd = cen + 4 * D;
    memset(mean, 0, (size_t)D * sizeof *mean);
    for (size_t i = 0; i < n; i++)
        for (int d = 0; d < D; d++) mean[d] += x[(size_t)idx[i] * (size_t)D + d];
    for (int d = 0; d < D; d++) mean[d] /= (float)n;
    /* principal direction by power iteration, from the first (most
     * frequent) word's offset from the mean */
    for (int d = 0; d < D; d++) dir[d] = x[(size_t)idx[0] * (size_t)D + d] - mean[d] + 1e-3f * (float)(d + 1);
    for (int it = 0; it < 12; it++) {
        memset(nd, 0, (size_t)D * sizeof *nd);
        for (size_t i = 0; i < n; i++) {
            const float *v = x + (size_t)idx[i] * (size_t)D;
            float p = 0;
            for (int d = 0; d < D; d++) p += (v[d] - mean[d]) * dir[d];
            for (int d = 0; d < D; d++) nd[d] += p * (v[d] - mean[d]);
        }
        float nn = 0;
        for (int d = 0; d < D; d++) nn += nd[d] * nd[d];
        nn = sqrtf(nn);
        if (nn <= 0) break;
        for (int d = 0; d < D; d++) dir[d] = nd[d] / nn;
    }
    /* first assignment by the side of the mean, then 2-means refinement */
    uint8_t *side = xrealloc(NULL, n);
    for (size_t i = 0; i < n; i++) {
        const float *v = x + (size_t)idx[i] * (size_t)D;
        float p = 0;
        for (int d = 0; d < D; d++) p += (v[d] - mean[d]) * dir[d];
        side[i] = p < 0;
    }
    for (int it = 0; it < 8; it++) {
        size_t n0 = 0, n1 = 0;
        memset(c0, 0, (size_t)D * sizeof *c0);
        memset(c1, 0, (size_t)D * sizeof *c1);
        for (size_t i = 0; i < n; i++) {
            const float *v = x + (size_t)idx[i] * (size_t)D;
            float *c = side[i] ? c1 : c0;
            for (int d = 0; d < D; d++) c[d] += v[d];
            if (side[i]) n1++;
            else n0++;
        }
        if (!n0 || !n1) break;
        /* nearest centroid (Euclidean): |v - m|^2 = |v|^2 - 2 v.m + |m|^2 */
        float m0 = 0, m1 = 0;
        for (int d = 0; d < D; d++) {
            c0[d] /= (float)n0;
            c1[d] /= (float)n1;
            m0 += c0[d] * c0[d];
            m1 += c1[d] * c1[d];
        }
        size_t changed = 0;
        for (size_t i = 0; i < n; i++) {
            const float *v = x + (size_t)idx[i] * (size_t)D;
            float a = 0, b = 0;
            for (int d = 0; d < D; d++) a += v[d] * c0[d], b += v[d] * c1[d];
            uint8_t s = m1 - 2 * b < m0 - 2 * a;
            changed += s != side[i];
            side[i] = s;
        }
        if (!changed) break;
    }
    size_t k = 0, j = 0;
    for (size_t i = 0; i < n; i++)
        if (!side[i]) idx[k++] = idx[i];
        else tmp[j++] = idx[i];
    memcpy(idx + k, tmp, j * sizeof *idx);
    free(side);
    if (k == 0 || k == n) k = n / 2;   /* identical vectors: split by frequency */
    return k;
}

typedef struct node { size_t b, e; uint32_t path; int depth; } node;

static void cluster(const float *x, int D, size_t V, int maxdepth, uint16_t *path, uint8_t *depth)
{
    uint32_t *idx = xrealloc(NULL, V * sizeof *idx), *tmp = xrealloc(NULL, V * sizeof *tmp);
    float *cen = xrealloc(NULL, 5 * (size_t)D * sizeof *cen);
    for (size_t i = 0; i < V; i++) idx[i] = (uint32_t)i;
    node *st = xrealloc(NULL, ((size_t)maxdepth + 2) * 2 * sizeof *st);
    size_t ns = 0;
    /* the root's two halves are the first split: every word gets depth >= 1 */
    st[ns++] = (node){0, V, 0, 0};
    while (ns) {
        node nd = st[--ns];
        size_t n = nd.e - nd.b;
        if (nd.depth > 0 && (n < 2 || nd.depth >= maxdepth)) {
            for (size_t i = nd.b; i < nd.e; i++) {
                path[idx[i]] = (uint16_t)nd.path;
                depth[idx[i]] = (uint8_t)nd.depth;
            }
            continue;
        }
        size_t k = n < 2 ? n : bisect(x, D, idx + nd.b, n, tmp, cen);
        st[ns++] = (node){nd.b + k, nd.e, (nd.path << 1) | 1u, nd.depth + 1};
        st[ns++] = (node){nd.b, nd.b + k, nd.path << 1, nd.depth + 1};
    }
    free(st);
    free(cen);
    free(idx);
    free(tmp);
}

/* ------------------------------------------------------------ main */

int main(int argc, char **argv)
{
    opts o = {100000, 5, 0, 64, 5, 5, 1, WCLUS_MAX_DEPTH, 1e-4, 20261126};
    const char *outp = NULL, *dump = NULL;
    const char **in = xrealloc(NULL, (size_t)argc * sizeof *in);
    size_t nin = 0;
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int more = i + 1 < argc;
        if (!strcmp(a, "-o") && more) outp = argv[++i];
        else if (!strcmp(a, "--dump") && more) dump = argv[++i];
        else if (!strcmp(a, "--words") && more) o.words = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(a, "--min-count") && more) o.min_count = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(a, "--max-tokens") && more) o.max_tokens = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(a, "--dim") && more) o.dim = atoi(argv[++i]);
        else if (!strcmp(a, "--window") && more) o.window = atoi(argv[++i]);
        else if (!strcmp(a, "--neg") && more) o.neg = atoi(argv[++i]);
        else if (!strcmp(a, "--epochs") && more) o.epochs = atoi(argv[++i]);
        else if (!strcmp(a, "--depth") && more) o.depth = atoi(argv[++i]);
        else if (!strcmp(a, "--sample") && more) o.sample = atof(argv[++i]);
        else if (!strcmp(a, "--seed") && more) o.seed = strtoull(argv[++i], NULL, 10);
        else if (a[0] == '-') bad = 1;
        else in[nin++] = a;
    }
    if (bad || !outp || !nin || o.dim < 1 || o.dim > 1024 || o.window < 1 || o.neg < 0 || o.epochs < 1 ||
        o.depth < 1 || o.depth > WCLUS_MAX_DEPTH || o.words < 2) {
        fprintf(stderr, "usage: train_clusters FILE... -o OUT.bin [--words V] [--min-count C] [--dim D] [--window W]\n"
                        "       [--neg K] [--epochs E] [--sample T] [--depth B] [--max-tokens N] [--seed S] [--dump FILE]\n");
        return 2;
    }
    double t0 = now();
    vocab v;
    corpus c;
    memset(&v, 0, sizeof v);
    memset(&c, 0, sizeof c);
    for (size_t i = 0; i < nin && (!o.max_tokens || c.ntok < o.max_tokens); i++) {
        read_input(in[i], &v, &c, o.max_tokens);
        sent_break(&c);
    }
    fprintf(stderr, "train_clusters: %zu tokens, %zu word types read (%.1fs)\n", c.ntok, v.n, now() - t0);
    /* keep the V most frequent words seen min_count times; renumber by rank */
    ventry *ve = xrealloc(NULL, v.n * sizeof *ve);
    for (size_t i = 0; i < v.n; i++) ve[i] = (ventry){v.count[i], v.arena + v.off[i], v.len[i], (uint32_t)i};
    qsort(ve, v.n, sizeof *ve, cmp_ventry);
    uint32_t *order = xrealloc(NULL, v.n * sizeof *order);
    for (size_t i = 0; i < v.n; i++) order[i] = ve[i].id;
    free(ve);
    size_t V = 0;
    while (V < v.n && V < o.words && v.count[order[V]] >= o.min_count) V++;
    if (V < 2) {
        fprintf(stderr, "train_clusters: too little text (%zu words kept)\n", V);
        return 1;
    }
    uint32_t *rank = xrealloc(NULL, v.n * sizeof *rank);
    for (size_t i = 0; i < v.n; i++) rank[order[i]] = (uint32_t)i;
    uint64_t *count = xrealloc(NULL, V * sizeof *count);
    for (size_t i = 0; i < V; i++) count[i] = v.count[order[i]];
    for (size_t i = 0; i < c.n; i++)
        if (c.id[i] != SENT_BREAK) c.id[i] = rank[c.id[i]];   /* >= V: not kept */
    free(rank);
    fprintf(stderr, "train_clusters: vocabulary %zu words (least frequent seen %llu times)\n", V,
            (unsigned long long)count[V - 1]);
    float *x = train_sgns(c.id, c.n, count, V, &o);
    free(c.id);
    /* unit vectors: clusters by direction (cosine), as similarity is measured */
    for (size_t i = 0; i < V; i++) {
        float *r = x + i * (size_t)o.dim, nn = 0;
        for (int d = 0; d < o.dim; d++) nn += r[d] * r[d];
        nn = sqrtf(nn);
        if (nn > 0)
            for (int d = 0; d < o.dim; d++) r[d] /= nn;
    }
    uint16_t *path = xrealloc(NULL, V * sizeof *path);
    uint8_t *depth = xrealloc(NULL, V);
    cluster(x, o.dim, V, o.depth, path, depth);
    fprintf(stderr, "train_clusters: clusters done (%.1fs)\n", now() - t0);
    const char **word = xrealloc(NULL, V * sizeof *word);
    uint8_t *len = xrealloc(NULL, V);
    for (size_t i = 0; i < V; i++) {
        word[i] = v.arena + v.off[order[i]];
        len[i] = v.len[order[i]];
    }
    mf_writer w;
    mf_writer_init(&w);
    wclus_write(&w, word, len, path, depth, V);
    if (w.err || write_file(outp, w.p, w.n) != 0) {
        fprintf(stderr, "train_clusters: cannot write %s\n", outp);
        return 1;
    }
    fprintf(stderr, "train_clusters: wrote %s (%zu bytes, %zu words, %.1fs)\n", outp, w.n, V, now() - t0);
    mf_writer_free(&w);
    if (dump) {
        FILE *f = fopen(dump, "w");
        if (!f) {
            fprintf(stderr, "train_clusters: cannot write %s\n", dump);
            return 1;
        }
        for (size_t i = 0; i < V; i++) {
            for (int b = depth[i] - 1; b >= 0; b--) fputc('0' + ((path[i] >> b) & 1), f);
            fprintf(f, "\t%llu\t%.*s\n", (unsigned long long)count[i], (int)len[i], word[i]);
        }
        fclose(f);
    }
    free(word);
    free(len);
    free(path);
    free(depth);
    free(x);
    free(count);
    free(order);
    free(in);
    free(v.arena);
    free(v.off);
    free(v.len);
    free(v.count);
    free(v.tab);
    return 0;
}
