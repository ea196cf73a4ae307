/* The confidence of a replacement (confidence.h). */
#include "rewrite/confidence.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/doc.h"
#include "core/tagset.h"
#include "coref/resolve.h"
#include "lang/lang.h"
#include "ml/modelfile.h"

int conf_load(const uint8_t *data, size_t n, rw_conf **out, char *msg, size_t msgn)
{
    *out = NULL;
    mf_reader r;
    mf_reader_init(&r, data, n);
    uint32_t version = mf_u32(&r), nfeat = mf_u32(&r);
    float thr = mf_f32(&r);
    if (r.err || version != CONF_VERSION || nfeat != CF_N) {
        snprintf(msg, msgn, "CONF section: version %u with %u features, want %u with %d", version, nfeat,
                 CONF_VERSION, CF_N);
        return -1;
    }
    rw_conf *c = calloc(1, sizeof *c);
    float *w = calloc(nfeat, sizeof *w);
    if (!c || !w) {
        free(c);
        free(w);
        snprintf(msg, msgn, "out of memory");
        return -1;
    }
    for (uint32_t i = 0; i < nfeat; i++) w[i] = mf_f32(&r);
    if (r.err || r.pos != n || !(thr >= 0 && thr <= 1)) {
        free(c);
        free(w);
        snprintf(msg, msgn, "CONF section: truncated, too long or a threshold outside [0, 1]");
        return -1;
    }
    c->nfeat = nfeat;
    c->threshold = thr;
    c->w = w;
    *out = c;
    return 0;
}

void conf_free(rw_conf *c)
{
    if (!c) return;
    free(c->w);
    free(c);
}

double conf_prob(const rw_conf *c, const float *x)
{
    double z = 0;
    for (uint32_t i = 0; i < c->nfeat && i < CF_N; i++) z += (double)c->w[i] * x[i];
    return 1 / (1 + exp(-z));
}

static float lg(double v) { return (float)log1p(v > 0 ? v : 0); }

void conf_cluster_stats(const struct coref_doc *d, size_t c, int kind, conf_cluster *out)
{
    memset(out, 0, sizeof *out);
    out->kind = kind;
    if (!d->cl_off || c >= d->ncluster) return;
    int gmasc = 0, gfem = 0;
    for (size_t k = d->cl_off[c]; k < d->cl_off[c + 1]; k++) {
        size_t j = d->cl_members[k];
        if (j >= d->nment) continue;
        const mention_t *o = &d->ments[j];
        out->size++;
        out->nprop += o->kind == MK_PROPER;
        out->npron += o->kind == MK_PRONOUN;
        if (o->kind == MK_PRONOUN && o->te == o->tb + 1) {
            uint64_t oc = lang_tok(d, o->tb);
            gmasc |= (oc & WC_MASC) != 0;
            gfem |= (oc & WC_FEM) != 0;
        }
    }
    out->gender_clash = gmasc && gfem;
}

/* Rival names are counted this far back at most (a bounded cost). */
#define CONF_RIVAL_SCAN 64

void conf_features(const struct coref_doc *d, size_t mi, int32_t canon, const conf_cluster *cs, long near,
                   float *x)
{
    memset(x, 0, CF_N * sizeof *x);
    x[CF_BIAS] = 1;
    const mention_t *m = &d->ments[mi];
    uint64_t wc = m->te == m->tb + 1 ? lang_tok(d, m->tb) : 0;
    int pron = m->kind == MK_PRONOUN, kind = cs->kind;
    int he = pron && (wc & (WC_MASC | WC_FEM)), it = pron && (wc & WC_NEUT), they = pron && (wc & WC_PL);
    if (!pron) x[CF_NOMINAL] = 1;
    else if (wc & WC_MASC) x[CF_HE] = 1;
    else if (wc & WC_FEM) x[CF_SHE] = 1;
    else if (it) x[CF_IT] = 1;
    else if (they) x[CF_THEY] = 1;
    x[CF_POSS] = (wc & WC_POSS) || (m->flags & MF_POSSESSIVE);
    x[CF_PASS + (m->link_pass < 13 ? m->link_pass : 0)] = 1;
    uint32_t sent = d->toks[m->tb].sent;
    if (m->link > 0 && (size_t)m->link <= d->nment) {
        const mention_t *a = &d->ments[m->link - 1];
        x[a->kind == MK_PROPER ? CF_ANTE_PROPER : a->kind == MK_NOMINAL ? CF_ANTE_NOMINAL : CF_ANTE_PRONOUN] = 1;
        x[CF_ANTE_SENTS] = lg(sent >= d->toks[a->tb].sent ? sent - d->toks[a->tb].sent : 0);
        x[CF_ANTE_MENTS] = lg(mi >= (size_t)(m->link - 1) ? (double)(mi - (size_t)(m->link - 1)) : 0) / 2;
    }
    x[CF_CL_SIZE] = lg((double)cs->size) / 2;
    x[CF_CL_PROPER] = lg((double)cs->nprop);
    x[CF_CL_PRON_SHARE] = cs->size ? (float)cs->npron / (float)cs->size : 0;
    x[CF_CL_GENDER_CLASH] = (float)cs->gender_clash;
    if (near >= 0 && (size_t)near < mi) {
        uint32_t ns = d->toks[d->ments[near].tb].sent;
        x[CF_NAME_SENTS] = lg(sent >= ns ? sent - ns : 0);
        x[CF_NAME_SAME_SENT] = ns == sent;
        /* other clusters' proper mentions between that name and the pronoun */
        size_t rivals = 0, from = mi - (size_t)near > CONF_RIVAL_SCAN ? mi - CONF_RIVAL_SCAN : (size_t)near + 1;
        for (size_t j = from; j < mi; j++)
            if (d->ments[j].kind == MK_PROPER && d->ments[j].cluster != m->cluster) rivals++;
        x[CF_RIVALS] = lg((double)rivals);
    } else {
        x[CF_NAME_SENTS] = lg(20);
    }
    x[kind > 0 ? CF_PERSON : kind < 0 ? CF_THING : CF_KIND_UNKNOWN] = 1;
    x[CF_HESHE_PERSON] = he && kind > 0;
    x[CF_HESHE_THING] = he && kind < 0;
    x[CF_IT_PERSON] = it && kind > 0;
    x[CF_IT_THING] = it && kind < 0;
    x[CF_THEY_PERSON] = they && kind > 0;
    if (m->link_pass == RP_PRONOUN) {
        x[CF_CANDS] = lg(m->link_cands);
        x[CF_ONE_CAND] = m->link_cands == 1;
        double mg = m->link_margin / 50.0;
        x[CF_MARGIN] = (float)(mg > 2 ? 2 : mg < 0 ? 0 : mg);
    }
    x[CF_IN_QUOTE] = (m->flags & MF_IN_QUOTE) != 0;
    x[CF_SUBJECT] = m->role == DEP_NSUBJ || m->role == DEP_NSUBJ_PASS;
    if (canon >= 0 && (size_t)canon < d->nment) {
        const mention_t *a = &d->ments[canon];
        x[CF_NAME_ONE_WORD] = a->te - a->tb == 1;
    }
}
