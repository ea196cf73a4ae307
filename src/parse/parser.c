/* Greedy arc-hybrid dependency parser: a transition perceptron picks
 * SHIFT/LEFT/RIGHT, a label perceptron names each arc as it is made. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/doc.h"
#include "core/tagset.h"
#include "ml/modelfile.h"
#include "ml/perceptron.h"
#include "ml/wclusters.h"
#include "parse/arc.h"
#include "parse/parser.h"
#include "text/text.h"

struct parser {
    pc_model *trans;   /* PS_NTRANS classes */
    pc_model *label;   /* DEP_COUNT classes (enum deprel) */
    unsigned groups;   /* PS_F_* */
    const word_clusters *clus;   /* with PS_F_CLUS: the model's, not owned */
};

size_t parser_write_section(mf_writer *w, unsigned groups, pc_train *tr, pc_train *lab, float prune_t,
                            float prune_l)
{
    mfw_u32(w, PARSER_MAGIC);
    mfw_u32(w, PARSER_FORMAT_VERSION);
    mfw_u32(w, PARSER_FEATURE_SET | groups << 8);
    mfw_u32(w, DEP_COUNT);
    pc_train_save(tr, w, prune_t);
    size_t tsize = w->n;
    pc_train_save(lab, w, prune_l);
    return tsize;
}

void parser_write_image(const struct parser *p, mf_writer *w)
{
    mfw_u32(w, PARSER_MAGIC);
    mfw_u32(w, PARSER_FORMAT_VERSION);
    mfw_u32(w, PARSER_FEATURE_SET | p->groups << 8);
    mfw_u32(w, DEP_COUNT);
    pc_model_write_image(p->trans, w);
    pc_model_write_image(p->label, w);
}

int parser_load(const uint8_t *data, size_t size, struct parser **out, char *errbuf, size_t errlen)
{
    *out = NULL;
    mf_reader r;
    mf_reader_init(&r, data, size);
    uint32_t magic = mf_u32(&r), ver = mf_u32(&r), feat = mf_u32(&r), nlab = mf_u32(&r);
    if (r.err || magic != PARSER_MAGIC) {
        snprintf(errbuf, errlen, "parser section is truncated or not a parser model");
        return -1;
    }
    if (ver != PARSER_FORMAT_VERSION) {
        snprintf(errbuf, errlen, "parser model format version %u is not supported (this build reads %u)",
                 ver, PARSER_FORMAT_VERSION);
        return -1;
    }
    if ((feat & 0xffu) != PARSER_FEATURE_SET || (feat >> 8 & ~(uint32_t)PS_F_ALL) || nlab != DEP_COUNT) {
        snprintf(errbuf, errlen, "parser model feature set %u / %u labels does not match this build (%u / %u)",
                 feat, nlab, PARSER_FEATURE_SET, (unsigned)DEP_COUNT);
        return -1;
    }
    struct parser *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(errbuf, errlen, "out of memory loading the parser");
        return -1;
    }
    if (pc_model_load(&r, &p->trans) != 0 || pc_model_load(&r, &p->label) != 0 || r.err ||
        r.pos != r.n || pc_model_nclass(p->trans) != PS_NTRANS || pc_model_nclass(p->label) != DEP_COUNT) {
        parser_free(p);
        snprintf(errbuf, errlen, "parser section is corrupt or truncated");
        return -1;
    }
    p->groups = feat >> 8;
    *out = p;
    return 0;
}

unsigned parser_groups(const struct parser *p) { return p ? p->groups : 0; }

int parser_needs_clusters(const struct parser *p) { return p && (p->groups & PS_F_CLUS); }

void parser_use_clusters(struct parser *p, const word_clusters *c)
{
    if (p) p->clus = c;
}

void parser_free(struct parser *p)
{
    if (!p) return;
    pc_model_free(p->trans);
    pc_model_free(p->label);
    free(p);
}

/* Best label for h -> d other than NONE and root. */
static uint8_t best_label(const float *sc)
{
    int best = DEP_DEP;
    for (int l = 1; l < DEP_COUNT; l++)
        if (l != DEP_ROOT && sc[l] > sc[best]) best = l;
    return (uint8_t)best;
}

int parser_parse_sent(const struct parser *p, const ps_sent *s, ps_state *st, int32_t *head, uint8_t *rel)
{
    if (s->n == 0) return 0;
    if (ps_state_reserve(st, s->n) != 0) return -1;
    ps_state_init(st, s->n);
    uint64_t f[PS_MAX_FEATS > PS_MAX_LFEATS ? PS_MAX_FEATS : PS_MAX_LFEATS];
    float sc[PS_NTRANS], lsc[DEP_COUNT], scale = pc_model_scale(p->trans);
    while (!ps_terminal(st)) {
        unsigned legal = ps_legal(st);
        int best = -1;
        if (legal & (legal - 1)) {
            /* the role words' sums, cached per word and role, plus the rest:
             * the same integers as scoring ps_features() in one call */
            int32_t acc[PS_NTRANS] = {0};
            for (int r = 0; r < PS_NROLES; r++) {
                int32_t x = ps_role_pos(st, r);
                size_t at = ((size_t)(x + 1) * PS_NROLES + (size_t)r);
                int32_t *ra = st->racc + at * PS_NTRANS;
                if (!st->rok[at]) {
                    memset(ra, 0, PS_NTRANS * sizeof *ra);
                    pc_model_add(p->trans, f, ps_role_features(st, s, p->groups, r, x, f), ra);
                    st->rok[at] = 1;
                }
                for (int t = 0; t < PS_NTRANS; t++) acc[t] += ra[t];
            }
            pc_model_add(p->trans, f, ps_context_features(st, s, p->groups, f), acc);
            for (int t = 0; t < PS_NTRANS; t++) sc[t] = (float)acc[t] * scale;
            for (int t = 0; t < PS_NTRANS; t++)
                if ((legal >> t & 1) && (best < 0 || sc[t] > sc[best])) best = t;
        } else {   /* one legal transition (empty stack, or only ROOT left in the buffer): no scoring */
            best = legal == 1u << PS_SHIFT ? PS_SHIFT : legal == 1u << PS_LEFT ? PS_LEFT : PS_RIGHT;
        }
        uint8_t lab = 0;
        if (best != PS_SHIFT) {
            uint32_t h, d;
            ps_arc(st, best, &h, &d);
            if (h == s->n) {
                lab = DEP_ROOT;
            } else {
                size_t nf = ps_label_features(st, s, p->groups, h, d, f);
                pc_model_scores(p->label, f, nf, lsc);
                lab = best_label(lsc);
            }
        }
        ps_apply(st, best, lab);
    }
    for (uint32_t i = 0; i < s->n; i++) {
        head[i] = st->head[i] >= (int32_t)s->n ? -1 : st->head[i];
        rel[i] = st->label[i];
    }
    return 0;
}

/* Fallback when memory runs out: a flat but well-formed tree. */
static void flat_tree(struct coref_doc *d, const sent_t *se)
{
    for (uint32_t i = se->tok_begin; i < se->tok_end; i++) {
        d->toks[i].head = i == se->tok_begin ? -1 : (int32_t)se->tok_begin;
        d->toks[i].deprel = i == se->tok_begin ? DEP_ROOT : DEP_DEP;
    }
}

/* Parse tokens [b, e) of the document as one tree; its root gets head -1.
 * Emoji and pictographic symbols are left out, as the tagger leaves them
 * out: the other words get the tree of the text without them, and each
 * symbol attaches to the root as discourse (how UD English EWT attaches
 * emoticons), so no symbol lies inside a subtree that it could join.
 * 0, or -1 when out of memory. */
static int parse_span(const struct parser *p, struct coref_doc *d, uint32_t b, uint32_t e, ps_sent *s,
                      ps_state *st, int32_t *head, uint8_t *rel)
{
    uint32_t nsym = 0, *at = NULL;   /* at[j]: token of the j-th parsed word */
    for (uint32_t i = b; i < e; i++) nsym += text_token_is_symbol(d, i);
    if (nsym && !(at = malloc((e - b) * sizeof *at))) return -1;
    s->n = 0;
    for (uint32_t i = b; i < e; i++) {
        if (nsym && text_token_is_symbol(d, i)) continue;
        const tok_t *t = &d->toks[i];
        uint32_t x = t->start <= d->len ? t->start : (uint32_t)d->len;
        uint32_t y = t->end <= d->len && t->end >= x ? t->end : x;
        if (at) at[s->n] = i;
        s->word[s->n] = ps_word_hash(d->text + x, y - x);
        s->upos[s->n] = t->upos < UPOS_COUNT ? t->upos : 0;
        s->xpos[s->n] = t->xpos < X_COUNT ? t->xpos : 0;
        if (s->clus) {
            uint32_t path = 0;
            unsigned depth = 0;
            s->clus[s->n] = wclus_lookup_word(p->clus, d->text + x, y - x, &path, &depth)
                                ? path | depth << 16 : PS_CLUS_NONE;
        }
        s->n++;
    }
    if (parser_parse_sent(p, s, st, head, rel) != 0) { free(at); return -1; }
    int32_t root = -1;
    for (uint32_t j = 0; j < s->n; j++) {
        uint32_t i = at ? at[j] : b + j;
        tok_t *t = &d->toks[i];
        t->head = head[j] < 0 ? -1 : at ? (int32_t)at[head[j]] : (int32_t)b + head[j];
        t->deprel = rel[j];
        if (head[j] < 0 && root < 0) root = (int32_t)i;
    }
    for (uint32_t i = b; nsym && i < e; i++) {
        if (!text_token_is_symbol(d, i)) continue;
        tok_t *t = &d->toks[i];
        if (root < 0) {               /* nothing but symbols: the first is the root */
            root = (int32_t)i;
            t->head = -1;
            t->deprel = DEP_ROOT;
        } else {
            t->head = root;
            t->deprel = DEP_DISCOURSE;
        }
    }
    free(at);
    return 0;
}

/* A given sentence longer than DOC_MAX_SENT_TOKENS is parsed in chunks of
 * that size (the parser's cost and the tree's depth stay bounded); each
 * later chunk's root attaches to the first chunk's root as parataxis, so the
 * sentence keeps one root. */
void parser_parse(const struct parser *p, struct coref_doc *d)
{
    if (!p || !d) return;
    uint32_t maxn = 0;
    for (size_t k = 0; k < d->nsent; k++) {
        const sent_t *se = &d->sents[k];
        if (se->tok_end > se->tok_begin && se->tok_end <= d->ntok && se->tok_end - se->tok_begin > maxn)
            maxn = se->tok_end - se->tok_begin;
    }
    if (maxn == 0) return;
    if (maxn > DOC_MAX_SENT_TOKENS) maxn = DOC_MAX_SENT_TOKENS;
    size_t m = (size_t)maxn + 1;
    ps_state st;
    memset(&st, 0, sizeof st);
    ps_sent s;
    s.word = malloc(m * sizeof *s.word);
    s.upos = malloc(m);
    s.xpos = malloc(m);
    s.clus = (p->groups & PS_F_CLUS) && p->clus ? malloc(m * sizeof *s.clus) : NULL;
    int32_t *head = malloc(m * sizeof *head);
    uint8_t *rel = malloc(m);
    int ok = s.word && s.upos && s.xpos && head && rel && (s.clus || !((p->groups & PS_F_CLUS) && p->clus)) &&
             ps_state_reserve(&st, maxn) == 0;
    for (size_t k = 0; k < d->nsent; k++) {
        const sent_t *se = &d->sents[k];
        if (se->tok_end <= se->tok_begin || se->tok_end > d->ntok) continue;
        if (!ok) { flat_tree(d, se); continue; }
        int32_t root = -1;
        for (uint32_t b = se->tok_begin; b < se->tok_end; b += DOC_MAX_SENT_TOKENS) {
            uint32_t e = se->tok_end - b > DOC_MAX_SENT_TOKENS ? b + DOC_MAX_SENT_TOKENS : se->tok_end;
            if (parse_span(p, d, b, e, &s, &st, head, rel) != 0) { flat_tree(d, se); break; }
            for (uint32_t i = b; i < e; i++) {
                if (d->toks[i].head >= 0) continue;
                if (root < 0) {
                    root = (int32_t)i;
                } else {
                    d->toks[i].head = root;
                    d->toks[i].deprel = DEP_PARATAXIS;
                }
            }
        }
    }
    ps_state_free(&st);
    free(s.word);
    free(s.upos);
    free(s.xpos);
    free(s.clus);
    free(head);
    free(rel);
}
