/* Coreference metrics (see eval.h for the conventions followed). */
#include <float.h>
#include <stdlib.h>
#include <string.h>
#include "eval/eval.h"

const char *const eval_metric_names[EVAL_NMETRIC] = {"muc", "bcub", "ceafm", "ceafe", "lea"};

void eval_totals_init(eval_totals *t) { memset(t, 0, sizeof *t); }

void eval_prf(const eval_counts *c, double *r, double *p, double *f)
{
    double rr = c->rden > 0 ? c->rnum / c->rden : 0.0;
    double pp = c->pden > 0 ? c->pnum / c->pden : 0.0;
    double ff = rr + pp > 0 ? 2 * rr * pp / (rr + pp) : 0.0;
    if (r) *r = rr;
    if (p) *p = pp;
    if (f) *f = ff;
}

double eval_conll_f1(const eval_totals *t)
{
    double f1, f2, f3;
    eval_prf(&t->m[EVAL_MUC], NULL, NULL, &f1);
    eval_prf(&t->m[EVAL_BCUB], NULL, NULL, &f2);
    eval_prf(&t->m[EVAL_CEAFE], NULL, NULL, &f3);
    return (f1 + f2 + f3) / 3.0;
}

/* ------------------------------------------------ Kuhn-Munkres */

/* Maximum-weight assignment: min-cost Hungarian with potentials on the
 * square k x k matrix cost = -w (padding 0), 1-based as in the textbook
 * shortest-augmenting-path formulation. */
double eval_assign_max(const double *w, size_t n, size_t m, long *row_to_col)
{
    size_t k = n > m ? n : m;
    for (size_t i = 0; i < n; i++) row_to_col[i] = -1;
    if (k == 0) return 0.0;
    double *u = calloc(k + 1, sizeof *u), *v = calloc(k + 1, sizeof *v), *minv = malloc((k + 1) * sizeof *minv);
    size_t *p = calloc(k + 1, sizeof *p), *way = calloc(k + 1, sizeof *way);
    unsigned char *used = malloc(k + 1);
    double total = -1.0;
    if (!u || !v || !minv || !p || !way || !used) goto done;
    for (size_t i = 1; i <= k; i++) {
        p[0] = i;
        size_t j0 = 0;
        for (size_t j = 0; j <= k; j++) { minv[j] = DBL_MAX; used[j] = 0; }
        do {
            used[j0] = 1;
            size_t i0 = p[j0], j1 = 0;
            double delta = DBL_MAX;
            for (size_t j = 1; j <= k; j++) {
                if (used[j]) continue;
                double c = (i0 <= n && j <= m) ? -w[(i0 - 1) * m + (j - 1)] : 0.0;
                double cur = c - u[i0] - v[j];
                if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
                if (minv[j] < delta) { delta = minv[j]; j1 = j; }
            }
            for (size_t j = 0; j <= k; j++) {
                if (used[j]) { u[p[j]] += delta; v[j] -= delta; }
                else minv[j] -= delta;
            }
            j0 = j1;
        } while (p[j0] != 0);
        do {
            size_t j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        } while (j0);
    }
    total = 0.0;
    for (size_t j = 1; j <= k; j++) {
        size_t i = p[j];
        if (i >= 1 && i <= n && j <= m) {
            row_to_col[i - 1] = (long)(j - 1);
            total += w[(i - 1) * m + (j - 1)];
        }
    }
done:
    free(u); free(v); free(minv); free(p); free(way); free(used);
    return total;
}

/* ------------------------------------------------ chains */

typedef struct span_key { int64_t s, e; } span_key;

static int cmp_span(const void *a, const void *b)
{
    const span_key *x = a, *y = b;
    if (x->s != y->s) return x->s < y->s ? -1 : 1;
    return (x->e > y->e) - (x->e < y->e);
}

static int cmp_ment(const void *a, const void *b)
{
    const eval_mention *x = a, *y = b;
    if (x->entity != y->entity) return x->entity < y->entity ? -1 : 1;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

/* Index of span (s, e) in the sorted unique array, or -1. */
static long find_span(const span_key *v, size_t n, int64_t s, int64_t e)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].s < s || (v[mid].s == s && v[mid].e < e)) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && v[lo].s == s && v[lo].e == e ? (long)lo : -1;
}

/* Sort and deduplicate spans; returns the new count. */
static size_t uniq_spans(span_key *v, size_t n)
{
    if (!n) return 0;
    qsort(v, n, sizeof *v, cmp_span);
    size_t w = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i].s != v[w - 1].s || v[i].e != v[w - 1].e) v[w++] = v[i];
    return w;
}

/* Chains as CSR: chain c holds ids[off[c] .. off[c+1]). */
typedef struct chains { size_t n; size_t *off; size_t *ids; } chains;

/* Membership CSR: id -> distinct chains containing it. */
typedef struct member { size_t *off; size_t *ch; } member;

static int build_member(const chains *c, size_t nid, member *mb)
{
    mb->off = calloc(nid + 2, sizeof *mb->off);
    mb->ch = malloc((c->off[c->n] ? c->off[c->n] : 1) * sizeof *mb->ch);
    if (!mb->off || !mb->ch) return -1;
    /* ids within a chain are sorted by span, so repeats are adjacent */
    for (size_t k = 0; k < c->n; k++)
        for (size_t q = c->off[k]; q < c->off[k + 1]; q++)
            if (q == c->off[k] || c->ids[q] != c->ids[q - 1]) mb->off[c->ids[q] + 2]++;
    for (size_t i = 0; i < nid; i++) mb->off[i + 2] += mb->off[i + 1];
    for (size_t k = 0; k < c->n; k++)
        for (size_t q = c->off[k]; q < c->off[k + 1]; q++)
            if (q == c->off[k] || c->ids[q] != c->ids[q - 1]) mb->ch[mb->off[c->ids[q] + 1]++] = k;
    return 0;
}

typedef struct triple { size_t k, r; double c; } triple;

static size_t uf_find(size_t *par, size_t x)
{
    while (par[x] != x) { par[x] = par[par[x]]; x = par[x]; }
    return x;
}

/* CEAF numerator: optimal assignment per connected component of the
 * key/response overlap graph (entities that share no mention add 0).
 * `entity_sim` selects phi4 (CEAF-e) over phi3 (CEAF-m). -1 on no memory. */
static double ceaf_sim(const triple *t, size_t nt, const chains *kc, const chains *rc, int entity_sim)
{
    size_t K = kc->n, R = rc->n, N = K + R;
    size_t *par = malloc((N ? N : 1) * sizeof *par);
    size_t *order = malloc((nt ? nt : 1) * sizeof *order);
    size_t *cnt = calloc(N + 1, sizeof *cnt);
    long *rowidx = malloc((N ? N : 1) * sizeof *rowidx);
    double total = -1;
    double *w = NULL;
    long *asg = NULL;
    if (!par || !order || !cnt || !rowidx) goto done;
    for (size_t i = 0; i < N; i++) par[i] = i;
    for (size_t i = 0; i < nt; i++) {
        size_t a = uf_find(par, t[i].k), b = uf_find(par, K + t[i].r);
        if (a != b) par[a] = b;
    }
    /* bucket the triples by component root */
    for (size_t i = 0; i < nt; i++) cnt[uf_find(par, t[i].k) + 1]++;
    for (size_t i = 0; i < N; i++) cnt[i + 1] += cnt[i];
    {
        size_t *pos = malloc((N + 1) * sizeof *pos);
        if (!pos) goto done;
        memcpy(pos, cnt, (N + 1) * sizeof *pos);
        for (size_t i = 0; i < nt; i++) order[pos[uf_find(par, t[i].k)]++] = i;
        free(pos);
    }
    for (size_t i = 0; i < N; i++) rowidx[i] = -1;
    total = 0;
    for (size_t root = 0; root < N; root++) {
        size_t b = cnt[root], e = cnt[root + 1];
        if (b == e) continue;
        /* local row/column numbers */
        size_t nr = 0, ncol = 0;
        for (size_t q = b; q < e; q++) {
            const triple *x = &t[order[q]];
            if (rowidx[x->k] < 0) rowidx[x->k] = (long)nr++;
            if (rowidx[K + x->r] < 0) rowidx[K + x->r] = (long)ncol++;
        }
        free(w);
        free(asg);
        w = calloc(nr * ncol, sizeof *w);
        asg = malloc(nr * sizeof *asg);
        if (!w || !asg) { total = -1; goto done; }
        for (size_t q = b; q < e; q++) {
            const triple *x = &t[order[q]];
            double ks = (double)(kc->off[x->k + 1] - kc->off[x->k]);
            double rs = (double)(rc->off[x->r + 1] - rc->off[x->r]);
            double s = entity_sim ? 2.0 * x->c / (ks + rs) : x->c;
            w[(size_t)rowidx[x->k] * ncol + (size_t)rowidx[K + x->r]] = s;
        }
        double got = eval_assign_max(w, nr, ncol, asg);
        if (got < 0) { total = -1; goto done; }
        total += got;
        for (size_t q = b; q < e; q++) {
            rowidx[t[order[q]].k] = -1;
            rowidx[K + t[order[q]].r] = -1;
        }
    }
done:
    free(par); free(order); free(cnt); free(rowidx); free(w); free(asg);
    return total;
}

/* Score one document and add to t: see eval.h. */
int eval_add_document(eval_totals *t, const eval_mention *key, size_t nkey, const eval_mention *resp,
                      size_t nresp)
{
    int rc = -1;
    eval_mention *ks = malloc((nkey ? nkey : 1) * sizeof *ks);
    eval_mention *rs = malloc((nresp ? nresp : 1) * sizeof *rs);
    span_key *kspan = malloc((nkey ? nkey : 1) * sizeof *kspan);
    span_key *xspan = malloc((nresp ? nresp : 1) * sizeof *xspan);
    long *rid = malloc((nresp ? nresp : 1) * sizeof *rid);
    chains kc = {0, NULL, NULL}, rcs = {0, NULL, NULL};
    member km = {NULL, NULL}, rm = {NULL, NULL};
    unsigned char *assigned = NULL;
    triple *tri = NULL;
    size_t *acc = NULL, *touched = NULL;
    if (!ks || !rs || !kspan || !xspan || !rid) goto done;
    if (nkey) memcpy(ks, key, nkey * sizeof *ks);
    if (nresp) memcpy(rs, resp, nresp * sizeof *rs);
    qsort(ks, nkey, sizeof *ks, cmp_ment);
    qsort(rs, nresp, sizeof *rs, cmp_ment);

    /* mention ids: key spans first (a repeated key span keeps one id) */
    for (size_t i = 0; i < nkey; i++) { kspan[i].s = ks[i].start; kspan[i].e = ks[i].end; }
    size_t nks = uniq_spans(kspan, nkey);
    assigned = calloc(nks ? nks : 1, 1);
    if (!assigned) goto done;
    size_t nx = 0;
    for (size_t i = 0; i < nresp; i++) {
        long id = find_span(kspan, nks, rs[i].start, rs[i].end);
        if (id >= 0) {
            /* a key mention matched earlier in the response: drop the repeat */
            if (assigned[id]) rid[i] = -1;
            else { assigned[id] = 1; rid[i] = id; }
        } else {
            rid[i] = -2;
            xspan[nx].s = rs[i].start;
            xspan[nx].e = rs[i].end;
            nx++;
        }
    }
    nx = uniq_spans(xspan, nx);
    for (size_t i = 0; i < nresp; i++)
        if (rid[i] == -2) rid[i] = (long)nks + find_span(xspan, nx, rs[i].start, rs[i].end);
    size_t nid = nks + nx;

    /* chains */
    kc.off = malloc((nkey + 1) * sizeof *kc.off);
    kc.ids = malloc((nkey ? nkey : 1) * sizeof *kc.ids);
    rcs.off = malloc((nresp + 1) * sizeof *rcs.off);
    rcs.ids = malloc((nresp ? nresp : 1) * sizeof *rcs.ids);
    if (!kc.off || !kc.ids || !rcs.off || !rcs.ids) goto done;
    kc.off[0] = 0;
    for (size_t i = 0; i < nkey; i++) {
        if (i && ks[i].entity != ks[i - 1].entity) kc.off[++kc.n] = i;
        kc.ids[i] = (size_t)find_span(kspan, nks, ks[i].start, ks[i].end);
    }
    if (nkey) kc.off[++kc.n] = nkey;
    size_t nri = 0;
    rcs.off[0] = 0;
    for (size_t i = 0; i < nresp; i++) {
        if (i && rs[i].entity != rs[i - 1].entity && nri > rcs.off[rcs.n]) rcs.off[++rcs.n] = nri;
        if (rid[i] >= 0) rcs.ids[nri++] = (size_t)rid[i];
    }
    if (nri > rcs.off[rcs.n]) rcs.off[++rcs.n] = nri;   /* empty chains are dropped */
    /* response ids within a chain sorted by span order: ids of key spans and
     * of other spans interleave, so sort each chain for adjacency of repeats */
    for (size_t c = 0; c < rcs.n; c++) {
        size_t b = rcs.off[c], e = rcs.off[c + 1];
        for (size_t a = b + 1; a < e; a++) {   /* insertion sort: chains are short */
            size_t v = rcs.ids[a], q = a;
            while (q > b && rcs.ids[q - 1] > v) { rcs.ids[q] = rcs.ids[q - 1]; q--; }
            rcs.ids[q] = v;
        }
    }
    if (build_member(&kc, nid, &km) || build_member(&rcs, nid, &rm)) goto done;

    /* overlap triples: card(k, r) = elements of r whose id is in k */
    acc = calloc(kc.n ? kc.n : 1, sizeof *acc);
    touched = malloc((kc.n ? kc.n : 1) * sizeof *touched);
    size_t ntri = 0, captri = 0;
    if (!acc || !touched) goto done;
    for (size_t r = 0; r < rcs.n; r++) {
        size_t nt = 0;
        for (size_t q = rcs.off[r]; q < rcs.off[r + 1]; q++) {
            size_t id = rcs.ids[q];
            for (size_t z = km.off[id]; z < km.off[id + 1]; z++) {
                size_t k = km.ch[z];
                if (!acc[k]++) touched[nt++] = k;
            }
        }
        for (size_t z = 0; z < nt; z++) {
            if (ntri == captri) {
                size_t nc = captri ? captri * 2 : 64;
                triple *p = realloc(tri, nc * sizeof *p);
                if (!p) goto done;
                tri = p;
                captri = nc;
            }
            tri[ntri].k = touched[z];
            tri[ntri].r = r;
            tri[ntri].c = (double)acc[touched[z]];
            ntri++;
            acc[touched[z]] = 0;
        }
    }

    eval_counts c[EVAL_NMETRIC];
    memset(c, 0, sizeof c);
#define KSIZE(k) ((double)(kc.off[(k) + 1] - kc.off[(k)]))
#define RSIZE(r) ((double)(rcs.off[(r) + 1] - rcs.off[(r)]))
    /* MUC: partitions of each chain by the other side's chains */
    double *kparts = calloc(kc.n + 1, sizeof *kparts), *rparts = calloc(rcs.n + 1, sizeof *rparts);
    double *klea = calloc(kc.n + 1, sizeof *klea), *rlea = calloc(rcs.n + 1, sizeof *rlea);
    if (!kparts || !rparts || !klea || !rlea) { free(kparts); free(rparts); free(klea); free(rlea); goto done; }
    for (size_t i = 0; i < ntri; i++) {
        kparts[tri[i].k] += 1;
        rparts[tri[i].r] += 1;
    }
    for (size_t k = 0; k < kc.n; k++)
        for (size_t q = kc.off[k]; q < kc.off[k + 1]; q++)
            if (rm.off[kc.ids[q]] == rm.off[kc.ids[q] + 1]) kparts[k] += 1;
    for (size_t r = 0; r < rcs.n; r++)
        for (size_t q = rcs.off[r]; q < rcs.off[r + 1]; q++)
            if (km.off[rcs.ids[q]] == km.off[rcs.ids[q] + 1]) rparts[r] += 1;
    for (size_t k = 0; k < kc.n; k++) {
        c[EVAL_MUC].rnum += KSIZE(k) - kparts[k];
        c[EVAL_MUC].rden += KSIZE(k) - 1;
        c[EVAL_BCUB].rden += KSIZE(k);
        c[EVAL_CEAFM].rden += KSIZE(k);
        c[EVAL_CEAFE].rden += 1;
        c[EVAL_LEA].rden += KSIZE(k);
    }
    for (size_t r = 0; r < rcs.n; r++) {
        c[EVAL_MUC].pnum += RSIZE(r) - rparts[r];
        c[EVAL_MUC].pden += RSIZE(r) - 1;
        c[EVAL_BCUB].pden += RSIZE(r);
        c[EVAL_CEAFM].pden += RSIZE(r);
        c[EVAL_CEAFE].pden += 1;
        c[EVAL_LEA].pden += RSIZE(r);
    }
    /* B3 and LEA from the overlaps */
    for (size_t i = 0; i < ntri; i++) {
        double n = tri[i].c, kz = KSIZE(tri[i].k), rz = RSIZE(tri[i].r);
        c[EVAL_BCUB].rnum += n * n / kz;
        c[EVAL_BCUB].pnum += n * n / rz;
        /* a singleton's self-link is resolved only by the same singleton */
        klea[tri[i].k] += kz == 1 ? (rz == 1 && n == 1) : n * (n - 1) / 2;
        rlea[tri[i].r] += rz == 1 ? (kz == 1 && n == 1) : n * (n - 1) / 2;
    }
    for (size_t k = 0; k < kc.n; k++) {
        double z = KSIZE(k), links = z == 1 ? 1 : z * (z - 1) / 2;
        c[EVAL_LEA].rnum += z * klea[k] / links;
    }
    for (size_t r = 0; r < rcs.n; r++) {
        double z = RSIZE(r), links = z == 1 ? 1 : z * (z - 1) / 2;
        c[EVAL_LEA].pnum += z * rlea[r] / links;
    }
    free(kparts); free(rparts); free(klea); free(rlea);
#undef KSIZE
#undef RSIZE
    double sm = ceaf_sim(tri, ntri, &kc, &rcs, 0);
    double se = ceaf_sim(tri, ntri, &kc, &rcs, 1);
    if (sm < 0 || se < 0) goto done;
    c[EVAL_CEAFM].rnum = c[EVAL_CEAFM].pnum = sm;
    c[EVAL_CEAFE].rnum = c[EVAL_CEAFE].pnum = se;
    for (int m = 0; m < EVAL_NMETRIC; m++) {
        t->m[m].rnum += c[m].rnum;
        t->m[m].rden += c[m].rden;
        t->m[m].pnum += c[m].pnum;
        t->m[m].pden += c[m].pden;
    }
    t->ndoc++;
    rc = 0;
done:
    free(ks); free(rs); free(kspan); free(xspan); free(rid); free(assigned);
    free(kc.off); free(kc.ids); free(rcs.off); free(rcs.ids);
    free(km.off); free(km.ch); free(rm.off); free(rm.ch);
    free(tri); free(acc); free(touched);
    return rc;
}
