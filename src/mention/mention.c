/* Mention detection: noun phrases from the dependency tree (OntoGUM
 * boundaries) or, without a tree, from POS patterns; then attributes
 * (kind, number, gender, animacy, person, entity type, role, flags) and
 * quotation speakers. */
#include <stdlib.h>
#include <string.h>
#include "core/doc.h"
#include "core/model.h"
#include "core/tagset.h"
#include "lang/lang.h"
#include "mention/lexicon.h"
#include "mention/mention.h"
#include "text/text.h"

/* ------------------------------------------------------------ helpers */



static int is_upper(const struct coref_doc *d, size_t i)
{
    char c = tok_n(d, i) ? tok_s(d, i)[0] : 0;
    return c >= 'A' && c <= 'Z';
}

/* ----------------------------------------------------------- pronouns */

typedef struct pron {
    uint8_t person, number, gender, animacy, flags;
} pron;

/* Token i's attributes as a pronoun, from its word classes (the pronoun
 * table is in src/lang/words.def). 0 when it is no pronoun there. */
static int pron_find(const struct coref_doc *d, size_t i, pron *p)
{
    uint64_t c = lang_tok(d, i);
    if (!(c & WC_PRONOUN)) return 0;
    p->person = c & WC_PERSON1 ? 1 : c & WC_PERSON2 ? 2 : 3;
    p->number = c & WC_SG ? NUM_SG : c & WC_PL ? NUM_PL : NUM_UNK;
    p->gender = c & WC_MASC ? GEN_MASC : c & WC_FEM ? GEN_FEM : c & WC_NEUT ? GEN_NEUT : GEN_UNK;
    p->animacy = c & WC_ANIMATE ? ANIM_ANIMATE : c & WC_INANIMATE ? ANIM_INANIMATE : ANIM_UNK;
    p->flags = (c & WC_POSS ? MF_POSSESSIVE : 0) | (c & WC_REFL ? MF_REFLEXIVE : 0) |
               (c & WC_DEM ? MF_DEMONSTRATIVE : 0);
    return 1;
}

/* ------------------------------------------------------------ lexicon */

/* Lexicon bits of token i, trying simple de-pluralised forms for plurals. */
static uint32_t lex_tok(const struct lexicon *lx, const struct coref_doc *d, size_t i)
{
    if (!lx) return 0;
    const char *s = tok_s(d, i);
    size_t n = tok_n(d, i);
    uint32_t v = lexicon_get(lx, s, n);
    if (v & LX_NOUN) return v;
    char buf[64];
    if (n < 4 || n >= sizeof buf) return v;
    memcpy(buf, s, n);
    if (n > 3 && memcmp(s + n - 3, "ies", 3) == 0) {
        buf[n - 3] = 'y';
        uint32_t w = lexicon_get(lx, buf, n - 2);
        if (w) return w;
    }
    if (n > 3 && memcmp(s + n - 3, "men", 3) == 0) {
        buf[n - 2] = 'a';
        uint32_t w = lexicon_get(lx, buf, n);
        if (w) return w;
        buf[n - 2] = 'e';
    }
    if (s[n - 1] == 's') {
        uint32_t w = lexicon_get(lx, s, n - 1);
        if (w & LX_NOUN) return w;
        if (n > 2 && s[n - 2] == 'e' && (w = lexicon_get(lx, s, n - 2))) return w;
    }
    return v;
}

/* -------------------------------------------------------------- tree */

typedef struct tree {
    int32_t *first, *next;   /* first child / next sibling, -1 terminated, in text order */
    uint32_t *stamp;         /* visit marks for cycle-safe traversal */
    uint32_t cur;
    int32_t *stack;
} tree;

static int is_nominal_upos(int u) { return u == UPOS_NOUN || u == UPOS_PROPN || u == UPOS_PRON; }

/* Children dropped from a nominal's span when it heads a clause (predicate
 * nominal) or that never belong to a noun phrase. */
static int clause_dep(int r)
{
    switch (r) {
    case DEP_NSUBJ: case DEP_NSUBJ_PASS: case DEP_NSUBJ_OUTER: case DEP_CSUBJ: case DEP_CSUBJ_PASS:
    case DEP_CSUBJ_OUTER: case DEP_COP: case DEP_AUX: case DEP_AUX_PASS: case DEP_MARK: case DEP_ADVCL:
    case DEP_PARATAXIS: case DEP_CCOMP: case DEP_EXPL: case DEP_DISCOURSE: case DEP_VOCATIVE:
    case DEP_XCOMP: case DEP_OBL: case DEP_OBL_TMOD: case DEP_OBL_NPMOD: case DEP_OBL_UNMARKED:
    case DEP_OBL_AGENT: case DEP_ADVCL_RELCL: case DEP_DISLOCATED: case DEP_LIST: case DEP_REPARANDUM:
    case DEP_ORPHAN:
        return 1;
    }
    return 0;
}

/* 1 when token c (a conj child) is a clause rather than a nominal conjunct. */
static int clausal_conj(const struct coref_doc *d, const tree *t, int32_t c)
{
    int u = d->toks[c].upos;
    if (u == UPOS_VERB || u == UPOS_AUX || u == UPOS_ADJ || u == UPOS_ADV) return 1;
    for (int32_t k = t->first[c]; k >= 0; k = t->next[k]) {
        int r = d->toks[k].deprel;
        if (r == DEP_NSUBJ || r == DEP_COP || r == DEP_NSUBJ_PASS || r == DEP_AUX) return 1;
    }
    return 0;
}

/* Token hi is a closing bracket or quote whose opener lies in [lo, hi). */
static int closes_inside(const struct coref_doc *d, int32_t lo, int32_t hi)
{
    static const char *const pairs[][2] = {{"(", ")"}, {"[", "]"}, {"\"", "\""}, {"\xe2\x80\x9c", "\xe2\x80\x9d"},
                                           {"``", "''"}, {"'", "'"}};
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
        if (!tok_is(d, (size_t)hi, pairs[k][1])) continue;
        int depth = 0;
        for (int32_t i = lo; i < hi; i++) depth += tok_is(d, (size_t)i, pairs[k][0]) ? 1 : 0;
        if (strcmp(pairs[k][0], pairs[k][1]) == 0) return depth % 2 == 1;
        return depth > 0;
    }
    return 0;
}

/* Leftmost token of c's subtree within its sentence (cycle-safe). */
static int32_t leftmost(const struct coref_doc *d, tree *t, int32_t c)
{
    const sent_t *s = &d->sents[d->toks[c].sent];
    int32_t lo = c;
    int sp = 0;
    t->cur++;
    t->stamp[c] = t->cur;
    t->stack[sp++] = c;
    while (sp > 0) {
        int32_t x = t->stack[--sp];
        if (x < lo) lo = x;
        for (int32_t k = t->first[x]; k >= 0; k = t->next[k]) {
            if (t->stamp[k] == t->cur || k < (int32_t)s->tok_begin || k >= (int32_t)s->tok_end) continue;
            t->stamp[k] = t->cur;
            t->stack[sp++] = k;
        }
    }
    return lo;
}

/* A bracketed or comma-separated number after a name: a citation or a year
 * ("Porte , 2012", "Coase [ 13 ]", "the Pirates ( 2012 )", "Operator ( Listing 1 )"),
 * which OntoGUM leaves out of the name's span. */
static int citation_child(const struct coref_doc *d, const tree *t, int32_t h, int32_t c)
{
    if (c <= h + 1 || d->toks[h].upos != UPOS_PROPN) return 0;
    int num = d->toks[c].upos == UPOS_NUM;
    for (int32_t k = t->first[c]; k >= 0 && !num; k = t->next[k])
        num = d->toks[k].upos == UPOS_NUM && d->toks[k].deprel == DEP_NUMMOD;
    if (!num) return 0;
    int32_t p = c - 1;
    while (p > h && ((d->toks[p].head == c && d->toks[p].upos != UPOS_PUNCT) || text_token_is_symbol(d, (size_t)p)))
        p--;
    return p > h && (tok_is(d, (size_t)p, "(") || tok_is(d, (size_t)p, "[") || tok_is(d, (size_t)p, ","));
}

/* Span [*lo, *hi] of h's subtree without the children `skip` rejects.
 * mode bits: 1 = drop clause-level children, 2 = drop conj/cc (conjunct
 * alone), 4 = drop appos. Cycle-safe; stays inside h's sentence. */
static void subtree_span(const struct coref_doc *d, tree *t, int32_t h, int mode, int32_t *lo, int32_t *hi)
{
    const sent_t *s = &d->sents[d->toks[h].sent];
    *lo = *hi = h;
    t->cur++;
    int sp = 0;
    t->stamp[h] = t->cur;
    for (int32_t c = t->first[h]; c >= 0; c = t->next[c]) {
        int r = d->toks[c].deprel;
        if ((mode & 1) && clause_dep(r)) continue;
        if ((mode & 1) && r == DEP_CONJ && clausal_conj(d, t, c)) continue;
        if ((mode & 1) && r == DEP_CC) continue;
        if ((mode & 2) && (r == DEP_CONJ || r == DEP_CC)) continue;
        if ((mode & 4) && r == DEP_APPOS) continue;
        if (r == DEP_CASE && c < h) continue;      /* the preposition of a PP */
        /* focus adverbs and hedges in front: "only its ruins", "then Mallorca" */
        if (r == DEP_ADVMOD && c < h && (d->toks[c].upos == UPOS_ADV || d->toks[c].upos == UPOS_PART)) continue;
        /* a resumptive pronoun: "Josh Kindig , he ..." */
        if ((r == DEP_APPOS || r == DEP_DISLOCATED) && d->toks[c].upos == UPOS_PRON) continue;
        if (r == DEP_PUNCT || text_token_is_symbol(d, (size_t)c)) continue;
        if (c < (int32_t)s->tok_begin || c >= (int32_t)s->tok_end) continue;
        if (citation_child(d, t, h, c)) continue;
        t->stamp[c] = t->cur;
        t->stack[sp++] = c;
    }
    while (sp > 0) {
        int32_t x = t->stack[--sp];
        if (x < *lo) *lo = x;
        if (x > *hi) *hi = x;
        for (int32_t c = t->first[x]; c >= 0; c = t->next[c]) {
            if (t->stamp[c] == t->cur || c < (int32_t)s->tok_begin || c >= (int32_t)s->tok_end) continue;
            t->stamp[c] = t->cur;
            t->stack[sp++] = c;
        }
    }
    /* Trim punctuation and emoji at the edges ("-", quotes, commas, "👍"). */
    while (*lo < h && (d->toks[*lo].upos == UPOS_PUNCT || text_token_is_symbol(d, (size_t)*lo))) (*lo)++;
    while (*hi > h && ((d->toks[*hi].upos == UPOS_PUNCT && !closes_inside(d, *lo, *hi)) ||
                       text_token_is_symbol(d, (size_t)*hi)))
        (*hi)--;
    /* When dropping conjuncts, cut before the first conjunct's leftmost word
     * (UD attaches "and" and "his" of "and his wife" below the conjunct). */
    if (mode & 2) {
        int32_t cut = *hi + 1;
        for (int32_t c = t->first[h]; c >= 0; c = t->next[c]) {
            int r = d->toks[c].deprel;
            if ((r == DEP_CONJ || r == DEP_CC) && c > h) {
                int32_t l = leftmost(d, t, c);
                if (l > h && l < cut) cut = l;
            }
        }
        if (cut <= *hi) {
            *hi = cut - 1;
            while (*hi > h && (d->toks[*hi].upos == UPOS_PUNCT || d->toks[*hi].upos == UPOS_CCONJ ||
                               text_token_is_symbol(d, (size_t)*hi)))
                (*hi)--;
        }
    }
}

static int has_child(const struct coref_doc *d, const tree *t, int32_t h, int rel)
{
    for (int32_t c = t->first[h]; c >= 0; c = t->next[c])
        if (d->toks[c].deprel == rel) return 1;
    return 0;
}

static int add_ment(struct coref_doc *d, uint32_t tb, uint32_t te, uint32_t head, uint8_t flags)
{
    mention_t m;
    memset(&m, 0, sizeof m);
    m.tb = tb;
    m.te = te;
    m.head = head;
    m.flags = flags;
    m.gov = -1;
    m.cluster = -1;
    m.speaker = -1;
    return doc_add_mention(d, &m);
}

/* Is token h a pronoun that should not be a mention (relative, expletive, ...)? */
static int skip_pronoun(const struct coref_doc *d, size_t h)
{
    const tok_t *t = &d->toks[h];
    if (t->deprel == DEP_EXPL) return 1;
    if (lang_tok_has(d, h, WC_WH_WORD)) return 1;
    if (t->morph & (M_REL | M_INT)) return 1;
    if (tok_is(d, h, "there") || tok_is(d, h, "'s")) return 1;
    /* "that" as a relative pronoun ("the study that ...") */
    if (tok_is(d, h, "that") && t->head >= 0 && d->toks[t->head].deprel == DEP_ACL_RELCL) return 1;
    return 0;
}

/* Mentions of one sentence from the tree. */
static int tree_sentence(struct coref_doc *d, tree *t, const sent_t *s)
{
    for (uint32_t h = s->tok_begin; h < s->tok_end; h++) {
        const tok_t *k = &d->toks[h];
        int u = k->upos, r = k->deprel;
        int par = k->head >= 0 && (size_t)k->head < d->ntok ? d->toks[k->head].upos : UPOS_NONE;
        if (!is_nominal_upos(u) && u != UPOS_NUM) continue;
        if (u == UPOS_NUM && !(r == DEP_NSUBJ || r == DEP_OBJ || r == DEP_OBL || r == DEP_NSUBJ_PASS ||
                               r == DEP_ROOT || r == DEP_CONJ || r == DEP_NMOD || r == DEP_APPOS))
            continue;
        if (r == DEP_FIXED || r == DEP_GOESWITH || r == DEP_REPARANDUM) continue;
        if ((r == DEP_FLAT || r == DEP_FLAT_FOREIGN) && par != UPOS_NONE) continue;
        if (r == DEP_NMOD_DESC && u == UPOS_PROPN && par == UPOS_PROPN && k->head > (int32_t)h) continue;
        if (r == DEP_COMPOUND) {
            /* Named compound modifiers are mentions ("the WHO recommendation");
             * common-noun modifiers and parts of a longer name are not, unless
             * the part is a full name itself ("the [Andy Warhol] Foundation"). */
            if (u != UPOS_PROPN || (par == UPOS_PROPN && !has_child(d, t, (int32_t)h, DEP_FLAT))) continue;
        }
        if (u == UPOS_PRON && skip_pronoun(d, h)) continue;
        if (u == UPOS_PRON && (r == DEP_DET || r == DEP_DET_PREDET)) continue;
        uint8_t fl = 0;
        int pred = has_child(d, t, (int32_t)h, DEP_COP) && u != UPOS_PRON;
        if (pred || r == DEP_APPOS) fl |= MF_NONREF;
        /* xcomp nominals ("they elected him president") are predicative too */
        if (r == DEP_XCOMP) fl |= MF_NONREF;
        int32_t lo, hi;
        subtree_span(d, t, (int32_t)h, 1, &lo, &hi);
        if (add_ment(d, (uint32_t)lo, (uint32_t)hi + 1, h, fl)) return -1;
        /* A coordination is one mention and so is each conjunct. */
        int nconj = 0;
        for (int32_t c = t->first[h]; c >= 0; c = t->next[c])
            if (d->toks[c].deprel == DEP_CONJ && c > (int32_t)h && !clausal_conj(d, t, c)) nconj++;
        if (nconj) {
            int32_t lo2, hi2;
            subtree_span(d, t, (int32_t)h, 3, &lo2, &hi2);
            if ((lo2 != lo || hi2 != hi) && add_ment(d, (uint32_t)lo2, (uint32_t)hi2 + 1, h, fl)) return -1;
            d->ments[d->nment - (lo2 != lo || hi2 != hi ? 2 : 1)].number = NUM_PL;
        }
    }
    return 0;
}

/* ---------------------------------------------------------- patterns */

static int is_noun_tok(const struct coref_doc *d, size_t i)
{
    int u = d->toks[i].upos;
    return u == UPOS_NOUN || u == UPOS_PROPN;
}

/* Base-NP chunks of one sentence from POS tags: (DET|PRP$|X 's)? (ADJ|NUM|NOUN|PROPN)* NOUN|PROPN,
 * plus personal pronouns; "Russia 's foreign minister" gives two mentions. */
static int pattern_sentence(struct coref_doc *d, const sent_t *s)
{
    uint32_t i = s->tok_begin;
    while (i < s->tok_end) {
        int u = d->toks[i].upos;
        if (u == UPOS_NONE && lang_tok_has(d, i, WC_PRONOUN)) u = UPOS_PRON;   /* untagged text: pronouns still count */
        if (u == UPOS_PRON) {
            if (!skip_pronoun(d, i)) {
                /* a possessive pronoun opens an NP: "his country" */
                if (add_ment(d, i, i + 1, i, 0)) return -1;
                uint64_t c = lang_tok(d, i);
                if ((c & WC_PRONOUN) && (c & WC_POSS) && !(c & WC_POSS_INDEP)) {
                    /* fall through into an NP that starts here */
                } else {
                    i++;
                    continue;
                }
            } else {
                i++;
                continue;
            }
        }
        uint32_t b = i, j = i;
        if (u == UPOS_DET || u == UPOS_PRON) j++;
        uint32_t np_start = b;
        for (;;) {
            uint32_t k = j;
            while (k < s->tok_end && (d->toks[k].upos == UPOS_ADJ || d->toks[k].upos == UPOS_NUM ||
                                      is_noun_tok(d, k) || d->toks[k].xpos == X_HYPH ||
                                      (d->toks[k].upos == UPOS_ADV && k + 1 < s->tok_end &&
                                       d->toks[k + 1].upos == UPOS_ADJ) ||
                                      /* "United States": a capitalised word inside a name */
                                      (is_upper(d, k) && k > s->tok_begin && k + 1 < s->tok_end &&
                                       d->toks[k + 1].upos == UPOS_PROPN))) {
                /* a common noun followed by a name starts a new NP ("his memory Byron") */
                if (k > j && d->toks[k].upos == UPOS_PROPN && d->toks[k - 1].upos == UPOS_NOUN) break;
                k++;
            }
            /* the NP ends at its last noun */
            uint32_t last = k;
            while (last > j && !is_noun_tok(d, last - 1)) last--;
            if (last == j) {
                /* a bare NUM as a noun phrase ("two of them") is skipped */
                break;
            }
            if (last < s->tok_end && d->toks[last].xpos == X_POS) {
                /* possessor: a mention of its own, then the NP continues */
                if (add_ment(d, np_start, last + 1, last - 1, MF_POSSESSIVE)) return -1;
                j = last + 1;
                continue;
            }
            if (add_ment(d, np_start, last, last - 1, 0)) return -1;
            j = last;
            /* "the results of the study": an of-PP extends the NP (OntoGUM
             * keeps modifiers); the inner NP is found on the next round. */
            if (last + 1 < s->tok_end && tok_is(d, last, "of")) {
                uint32_t k2 = last + 1;
                if (d->toks[k2].upos == UPOS_DET || d->toks[k2].xpos == X_PRPS) k2++;
                while (k2 < s->tok_end && (d->toks[k2].upos == UPOS_ADJ || d->toks[k2].upos == UPOS_NUM ||
                                           is_noun_tok(d, k2)))
                    k2++;
                uint32_t l2 = k2;
                while (l2 > last + 1 && !is_noun_tok(d, l2 - 1)) l2--;
                if (l2 > last + 1 && is_noun_tok(d, l2 - 1) && (l2 >= s->tok_end || d->toks[l2].xpos != X_POS))
                    if (add_ment(d, np_start, l2, last - 1, 0)) return -1;
            }
            break;
        }
        i = j > i ? j : i + 1;
    }
    return 0;
}

/* --------------------------------------------------------- attributes */

int mention_is_coordination(const struct coref_doc *d, const mention_t *m)
{
    for (uint32_t t = m->head + 1; t < m->te && t < d->ntok; t++)
        if (d->toks[t].deprel == DEP_CONJ && d->toks[t].head == (int32_t)m->head) return 1;
    return 0;
}

uint32_t mention_name_end(const struct coref_doc *d, const mention_t *m)
{
    uint32_t e = m->head;
    for (;;) {
        uint32_t n = e + 1;   /* the next token, past emoji ("Taylor 🎤 Swift") */
        while (n + 1 < m->te && text_token_is_symbol(d, n)) n++;
        if (n < m->te && d->toks[n].upos == UPOS_PROPN &&
            (d->toks[n].deprel == DEP_FLAT || d->toks[n].head < 0))
            e = n;
        /* a hyphen inside the name: "Secretary-General Antonio Guterres" */
        else if (e + 2 < m->te && tok_is(d, e + 1, "-") && d->toks[e + 1].start == d->toks[e].end &&
                 d->toks[e + 2].start == d->toks[e + 1].end && d->toks[e + 2].upos == UPOS_PROPN)
            e += 2;
        else
            break;
    }
    return e;
}

/* More extraposition and idiom patterns of "it" the parser leaves as
 * nsubj/obj: "making it difficult to ...", "it was found that ...",
 * "it takes ... to", "when it comes to", "it 's time to". */
static int pleonastic_more(const struct coref_doc *d, const mention_t *m)
{
    const tok_t *h = &d->toks[m->head];
    size_t i = m->head, sb, se;
    doc_parse_unit(d, i, &sb, &se);   /* i and its head's dependents lie here */
    int32_t ph = h->head;
    /* [make|find] it ADJ to/that/for */
    if (i > sb && i + 2 < se && lang_tok_has(d, i - 1, WC_MAKE_VERB) && d->toks[i + 1].upos == UPOS_ADJ &&
        (tok_is(d, i + 2, "to") || tok_is(d, i + 2, "that") || tok_is(d, i + 2, "for")))
        return 1;
    if (ph < 0 || (size_t)ph >= d->ntok) return 0;
    int subj = h->deprel == DEP_NSUBJ || h->deprel == DEP_NSUBJ_PASS;
    if (!subj) return 0;
    /* a clausal subject besides "it": extraposition */
    for (size_t c = i + 1; c < se; c++) {
        if (d->toks[c].head != ph) continue;
        int cr = d->toks[c].deprel;
        if (cr == DEP_CSUBJ || cr == DEP_CSUBJ_PASS) return 1;
        /* "it was found/shown/said that ..." */
        if (h->deprel == DEP_NSUBJ_PASS && cr == DEP_CCOMP) return 1;
    }
    /* "it takes (years) to ...", "when it comes to", "as it turned out" */
    if (lang_tok_has(d, (size_t)ph, WC_TAKE_VERB)) {
        for (size_t c = (size_t)ph + 1; c < se; c++)
            if (d->toks[c].head == ph && (d->toks[c].deprel == DEP_XCOMP || d->toks[c].deprel == DEP_ADVCL) &&
                c > 0 && c - 1 > (size_t)ph)
                for (size_t t = (size_t)ph + 1; t < c; t++)
                    if (tok_is(d, t, "to") && d->toks[t].head == (int32_t)c) return 1;
    }
    if (lang_tok_has(d, (size_t)ph, WC_COME_VERB) && i > sb && (tok_is(d, i - 1, "when") || tok_is(d, i - 1, "as")))
        return 1;
    /* "it 's time to" */
    if (tok_is(d, (size_t)ph, "time") && (size_t)ph + 1 < se && tok_is(d, (size_t)ph + 1, "to")) return 1;
    return 0;
}

static void set_attributes(const struct coref_doc *d, const struct lexicon *lx, mention_t *m)
{
    const tok_t *h = &d->toks[m->head];
    int u = h->upos;
    m->role = h->deprel;
    /* Governing verb: climb to the nearest VERB/AUX/ADJ predicate. */
    int32_t g = h->head;
    for (int steps = 0; g >= 0 && (size_t)g < d->ntok && steps < 8; steps++) {
        int gu = d->toks[g].upos;
        if (gu == UPOS_VERB || gu == UPOS_AUX || gu == UPOS_ADJ) break;
        g = d->toks[g].head;
    }
    m->gov = g >= 0 && (size_t)g < d->ntok ? g : -1;
    pron pr;
    int known = pron_find(d, m->head, &pr);
    if (u == UPOS_PRON || (m->te - m->tb == 1 && known)) {
        const pron *p = known ? &pr : NULL;
        m->kind = MK_PRONOUN;
        if (p) {
            m->person = p->person;
            m->number = p->number;
            m->gender = p->gender;
            m->animacy = p->animacy;
            m->flags |= p->flags;
            if (p->person < 3 || p->gender == GEN_MASC || p->gender == GEN_FEM) m->etype = ET_PERSON;
        } else {
            if (lang_tok_has(d, m->head, WC_INDEF_PRON) || (h->morph & (M_IND | M_NEG | M_TOT))) m->flags |= MF_INDEFINITE;
            m->person = 3;
            m->number = h->morph & M_PLUR ? NUM_PL : h->morph & M_SING ? NUM_SG : NUM_UNK;
        }
        if (h->morph & M_REFLEX) m->flags |= MF_REFLEXIVE;
        if (h->morph & M_DEM) m->flags |= MF_DEMONSTRATIVE;
        /* "her": possessive when tagged PRP$ or attached as a possessor */
        if (tok_is(d, m->head, "her") && (h->xpos == X_PRPS || h->deprel == DEP_NMOD_POSS)) m->flags |= MF_POSSESSIVE;
        /* Pleonastic "it": expletive, weather verbs, "it seems/is ADJ that/to". */
        if (tok_is(d, m->head, "it") && !(m->flags & MF_POSSESSIVE)) {
            if (h->deprel == DEP_EXPL) m->flags |= MF_PLEONASTIC;
            else if (pleonastic_more(d, m)) m->flags |= MF_PLEONASTIC;
            else if (m->gov >= 0) {
                if (lang_tok_has(d, (size_t)m->gov, WC_PLEO_VERB)) m->flags |= MF_PLEONASTIC;
                else if (h->deprel == DEP_NSUBJ) {
                    size_t ub, ue;
                    doc_parse_unit(d, (size_t)m->gov, &ub, &ue);
                    for (size_t c = ub; c < ue; c++)
                        if (d->toks[c].head == m->gov &&
                            (d->toks[c].deprel == DEP_CSUBJ || d->toks[c].deprel == DEP_CCOMP) && c > m->head &&
                            d->toks[m->gov].upos == UPOS_ADJ)
                            m->flags |= MF_PLEONASTIC;
                }
                /* extraposition with an adjectival predicate the parser did not
                 * mark as expl: "it is hard to ...", "it was clear that ..." */
                int32_t ph = h->head;
                if (h->deprel == DEP_NSUBJ && ph >= 0 && (size_t)ph < d->ntok) {
                    int pu = d->toks[ph].upos;
                    size_t ub, ue;
                    doc_parse_unit(d, (size_t)ph, &ub, &ue);
                    for (size_t c = (size_t)ph + 1; c < ue; c++) {
                        if (d->toks[c].head != ph) continue;
                        int cr = d->toks[c].deprel;
                        if ((cr == DEP_CSUBJ || cr == DEP_CCOMP || cr == DEP_XCOMP) && pu == UPOS_ADJ)
                            m->flags |= MF_PLEONASTIC;
                    }
                }
            }
        }
        return;
    }
    m->person = 3;
    m->kind = u == UPOS_PROPN ? MK_PROPER : MK_NOMINAL;
    if (m->kind == MK_NOMINAL && is_upper(d, m->head) && m->head > m->tb) {
        /* "the World Health Organisation": capitalised name headed by a NOUN tag */
        int allcap = 1;
        for (uint32_t i = m->tb; i <= m->head; i++)
            if (d->toks[i].upos != UPOS_DET && !is_upper(d, i) && !text_token_is_symbol(d, i)) allcap = 0;
        if (allcap && d->toks[m->tb].upos != UPOS_DET) m->kind = MK_PROPER;
    }
    if (!m->number)
        m->number = (h->morph & M_PLUR) || h->xpos == X_NNS || h->xpos == X_NNPS ? NUM_PL : NUM_SG;
    /* Flags from the first token and the end. */
    int first = m->tb;
    if (lang_tok_has(d, first, WC_INDEF_DET)) m->flags |= MF_INDEFINITE;
    if (d->toks[first].upos == UPOS_DET && lang_tok_has(d, first, WC_DEM))
        m->flags |= MF_DEMONSTRATIVE;
    if (h->deprel == DEP_NMOD_POSS || h->deprel == DEP_DET_POSS || d->toks[m->te - 1].xpos == X_POS)
        m->flags |= MF_POSSESSIVE;
    /* Entity type, gender, animacy. */
    uint32_t hv = lex_tok(lx, d, m->head);
    if (m->kind == MK_PROPER) {
        /* the proper-name tokens: the PROPN run ending at the head (an
         * emoji inside does not end it: "San 🌉 Jose") */
        uint32_t nb = m->head;
        while (nb > m->tb && (d->toks[nb - 1].upos == UPOS_PROPN || is_upper(d, nb - 1) ||
                              text_token_is_symbol(d, nb - 1)) &&
               d->toks[nb - 1].upos != UPOS_DET && d->toks[nb - 1].upos != UPOS_PUNCT)
            nb--;
        while (nb < m->head && text_token_is_symbol(d, nb)) nb++;
        /* UD names: the first word heads, the rest attach as flat ("Cres <- Eastman") */
        uint32_t ne = mention_name_end(d, m);
        int et = ET_UNK, gen = GEN_UNK;
        uint32_t fv = 0;
        for (uint32_t i = nb; i <= ne; i++) {
            uint64_t c = lang_tok(d, i);
            /* a gendered title anywhere ("Mrs. Smith", "the Queen"); another before the
             * name's last word, a title part only in a title ("Vice President", not
             * "Defense Forces") */
            int title = (c & WC_TITLE) || ((c & WC_TITLE_PART) && lang_tok_has(d, i + 1, WC_TITLE | WC_TITLE_PART));
            if ((c & WC_TITLE) && (c & WC_MASC)) { et = ET_PERSON; gen = GEN_MASC; }
            else if ((c & WC_TITLE) && (c & WC_FEM)) { et = ET_PERSON; gen = GEN_FEM; }
            else if (title && i < ne) et = ET_PERSON;
            else if (!fv && i < ne) fv = lex_tok(lx, d, i);
        }
        /* A whole-name gazetteer hit ("New Zealand", "Russia"). */
        uint32_t gv = 0;
        if (lx) {
            char buf[128];
            size_t n = 0;
            for (uint32_t i = nb; i <= ne && n + tok_n(d, i) + 1 < sizeof buf; i++) {
                if (text_token_is_symbol(d, i)) continue;
                if (n) buf[n++] = ' ';
                memcpy(buf + n, tok_s(d, i), tok_n(d, i));
                n += tok_n(d, i);
            }
            gv = lexicon_get(lx, buf, n);
        }
        if (lang_tok_has(d, m->head, WC_ORG_WORD | WC_LEGAL_FORM) || lang_tok_has(d, ne, WC_ORG_WORD | WC_LEGAL_FORM))
            et = ET_ORGANIZATION;
        else if (gv & (LX_COUNTRY | LX_STATE | LX_CITY)) et = ET_PLACE;
        else if (lang_tok_has(d, m->head, WC_PLACE_NOUN)) et = ET_PLACE;
        else if (lang_tok_has(d, m->head, WC_TIME_NOUN) || h->upos == UPOS_NUM) et = ET_TIME;
        /* WordNet's proper sense: "Paris" the city, "NATO", "Lincoln" */
        else if (et == ET_UNK && (gv & LX_PTYPE_MASK)) et = (int)((gv & LX_PTYPE_MASK) >> LX_PTYPE_SHIFT);
        else if (et == ET_UNK && (fv & (LX_NAME_MALE | LX_NAME_FEMALE)) && ne > nb) et = ET_PERSON;
        else if (et == ET_UNK && (gv & LX_NATIONALITY)) et = ET_PERSON;
        if (et == ET_PERSON && gen == GEN_UNK) {
            uint32_t names = fv & (LX_NAME_MALE | LX_NAME_FEMALE);
            if (names == LX_NAME_MALE) gen = GEN_MASC;
            else if (names == LX_NAME_FEMALE) gen = GEN_FEM;
        }
        if (et == ET_PERSON && gen == GEN_UNK) gen = lang_surname_gender(tok_s(d, ne), tok_n(d, ne));
        if (et == ET_UNK && ne == nb) {
            uint32_t names = hv & (LX_NAME_MALE | LX_NAME_FEMALE);
            if (names && !(hv & (LX_COUNTRY | LX_STATE | LX_CITY))) {
                et = ET_PERSON;
                gen = names == LX_NAME_MALE ? GEN_MASC : names == LX_NAME_FEMALE ? GEN_FEM : GEN_UNK;
            }
        }
        m->etype = (uint8_t)et;
        m->gender = (uint8_t)(et == ET_PERSON ? gen : et == ET_UNK ? GEN_UNK : GEN_NEUT);
        m->animacy = et == ET_PERSON ? ANIM_ANIMATE : et == ET_UNK ? ANIM_UNK : ANIM_INANIMATE;
        /* a known place or organisation is one thing however its name ends:
         * "the United Nations said it", "the Netherlands ... it" */
        uint32_t gt = (gv & LX_PTYPE_MASK) >> LX_PTYPE_SHIFT;
        if ((gv & (LX_COUNTRY | LX_STATE | LX_CITY)) || gt == ET_PLACE || gt == ET_ORGANIZATION) m->number = NUM_SG;
        /* a person's name ending in -s is one person ("Gladys", "Charlie Feathers");
         * a lone word of unknown type tagged plural may be a surname ("Hicks
         * then sent ... she", "Simmons") */
        if (m->number == NUM_PL && !mention_is_coordination(d, m) && !(gv & LX_NATIONALITY)) {
            if (et == ET_PERSON && !lang_tok_has(d, ne, WC_TITLE)) m->number = NUM_SG;
            else if (et == ET_UNK && nb == ne && d->toks[m->tb].upos != UPOS_DET) m->number = NUM_UNK;
        }
        return;
    }
    int et = (int)(hv & LX_ETYPE_MASK);
    if (!(hv & LX_NOUN)) et = h->upos == UPOS_NUM ? ET_UNK : ET_UNK;
    if (lang_tok_has(d, m->head, WC_TIME_NOUN)) et = ET_TIME;
    m->etype = (uint8_t)et;
    if (et == ET_PERSON) {
        m->animacy = ANIM_ANIMATE;
        m->gender = hv & LX_MASC ? GEN_MASC : hv & LX_FEM ? GEN_FEM : GEN_UNK;
    } else if (et == ET_ANIMAL) {
        m->animacy = ANIM_ANIMATE;
    } else if (et != ET_UNK) {
        m->animacy = ANIM_INANIMATE;
        m->gender = GEN_NEUT;
    }
}

/* Mark quotations (TF_IN_QUOTE, MF_IN_QUOTE) and find each quote's speaker. */
static void mark_quotes(struct coref_doc *d)
{
    size_t n = d->ntok;
    size_t open = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        int q = d->toks[i].xpos == X_LQUOTE || d->toks[i].xpos == X_RQUOTE || lang_tok_has(d, i, WC_QUOTE);
        if (!q) continue;
        int opening = lang_tok_has(d, i, WC_QUOTE_OPEN);
        int closing = lang_tok_has(d, i, WC_QUOTE_CLOSE);
        if (open == (size_t)-1 && !closing) {
            open = i;
            continue;
        }
        if (open != (size_t)-1 && !opening) {
            /* a quote longer than 6 sentences is probably a stray mark */
            if (d->toks[i].sent - d->toks[open].sent <= 6)
                for (size_t k = open + 1; k < i; k++) d->toks[k].flags |= TF_IN_QUOTE;
            open = (size_t)-1;
        } else {
            open = i;
        }
    }
}

/* Speaker of the quote containing token i: the subject of a speech verb
 * outside the quote in the same or the neighbouring sentences. Mention index or -1. */
static int32_t find_speaker(const struct coref_doc *d, const int32_t *head_ment, size_t qb, size_t qe)
{
    size_t lim = d->ntok;
    /* Tree: the subject of the verb that governs the quote ("X exclaimed :
     * " ... "") or that the quote governs ("" ... , X said"). */
    for (size_t k = qb; k < qe && k < lim; k++) {
        int32_t h = d->toks[k].head;
        int32_t v = -1;
        if (h >= 0 && (size_t)h < lim && ((size_t)h < qb || (size_t)h >= qe) && !(d->toks[h].flags & TF_IN_QUOTE))
            v = h;
        if (v < 0 || (d->toks[v].upos != UPOS_VERB && !lang_tok_has(d, (size_t)v, WC_SPEECH_VERB))) continue;
        size_t ub, ue;
        doc_parse_unit(d, (size_t)v, &ub, &ue);
        for (size_t c = ub; c < ue; c++)
            if (d->toks[c].head == v && d->toks[c].deprel == DEP_NSUBJ && head_ment[c] >= 0 &&
                !(d->toks[c].flags & TF_IN_QUOTE))
                return head_ment[c];
    }
    for (size_t v = qe; v < qe + 8 && v < lim; v++) {
        int32_t h = d->toks[v].head;
        if (d->toks[v].flags & TF_IN_QUOTE) break;
        if (h < (int32_t)qb || (size_t)h >= qe || d->toks[v].upos != UPOS_VERB) continue;
        if (d->toks[v].deprel != DEP_PARATAXIS && !lang_tok_has(d, v, WC_SPEECH_VERB)) continue;
        size_t ub, ue;
        doc_parse_unit(d, v, &ub, &ue);
        for (size_t c = ub; c < ue; c++)
            if (d->toks[c].head == (int32_t)v && d->toks[c].deprel == DEP_NSUBJ && head_ment[c] >= 0 &&
                !(d->toks[c].flags & TF_IN_QUOTE))
                return head_ment[c];
    }
    /* Search the tokens just after the quote, then just before it. */
    for (int pass = 0; pass < 2; pass++) {
        size_t from = pass == 0 ? qe : (qb > 12 ? qb - 12 : 0);
        size_t to = pass == 0 ? (qe + 12 < lim ? qe + 12 : lim) : qb;
        for (size_t v = from; v < to; v++) {
            if (d->toks[v].flags & TF_IN_QUOTE) {
                if (pass == 0 && v > qe + 1) break;
                continue;
            }
            if (!lang_tok_has(d, v, WC_SPEECH_VERB)) continue;
            /* tree: the nsubj of the verb */
            for (size_t c = v > 12 ? v - 12 : 0; c < v + 12 && c < lim; c++)
                if (d->toks[c].head == (int32_t)v &&
                    (d->toks[c].deprel == DEP_NSUBJ || (tok_is(d, v, "according") && d->toks[c].deprel == DEP_OBL)) &&
                    head_ment[c] >= 0 && !(d->toks[c].flags & TF_IN_QUOTE))
                    return head_ment[c];
            /* no tree: the mention right before or after the verb */
            if (v > 0 && head_ment[v - 1] >= 0 && !(d->toks[v - 1].flags & TF_IN_QUOTE)) return head_ment[v - 1];
            for (size_t c = v + 1; c < v + 5 && c < lim; c++)
                if (head_ment[c] >= 0) {
                    int32_t mi = head_ment[c];
                    if (d->ments[mi].kind != MK_NOMINAL || d->toks[c].upos == UPOS_PROPN) return mi;
                }
        }
    }
    return -1;
}

static int ment_cmp(const void *a, const void *b)
{
    const mention_t *x = a, *y = b;
    if (x->tb != y->tb) return x->tb < y->tb ? -1 : 1;
    if (x->te != y->te) return x->te > y->te ? -1 : 1;
    return x->head < y->head ? -1 : x->head > y->head;
}

/* ----------------------------------------------------------- driver */

/* Mentions nested inside more than MAX_MENTION_DEPTH others are dropped
 * (inner ones, in sorted order), so the mentions covering one token, and
 * with them the mention text in any output, stay bounded. Gold data nests at
 * most 8 deep (GUM with singletons); deeper nesting comes from degenerate
 * input such as thousands of words without punctuation parsed as a chain of
 * appositions. */
#define MAX_MENTION_DEPTH 12
static void drop_deep_mentions(struct coref_doc *d)
{
    uint32_t open[MAX_MENTION_DEPTH];   /* ends of the enclosing mentions */
    size_t depth = 0, k = 0;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        /* sorted by (start, -end): close the open mentions that do not
         * contain this one (ended before it, or crossed by it) */
        while (depth > 0 && open[depth - 1] < m->te) depth--;
        if (depth == MAX_MENTION_DEPTH) continue;
        open[depth++] = m->te;
        d->ments[k++] = *m;
    }
    d->nment = k;
}

int mention_detect_path(const struct coref_model *mdl, const struct lexicon *lex, struct coref_doc *d,
                        int path)
{
    d->nment = 0;
    if (!d->ntok) return 0;
    if (!d->words_marked) lang_mark_tokens(d);   /* a document built by hand (tools, tests) */
    tree t;
    memset(&t, 0, sizeof t);
    t.first = malloc(d->ntok * sizeof *t.first);
    t.next = malloc(d->ntok * sizeof *t.next);
    t.stamp = calloc(d->ntok, sizeof *t.stamp);
    t.stack = malloc(d->ntok * sizeof *t.stack);
    int32_t *last = malloc(d->ntok * sizeof *last);
    int rc = -1;
    if (!t.first || !t.next || !t.stamp || !t.stack || !last) goto out;
    for (size_t i = 0; i < d->ntok; i++) t.first[i] = t.next[i] = last[i] = -1;
    for (size_t i = 0; i < d->ntok; i++) {
        int32_t h = d->toks[i].head;
        if (h < 0 || (size_t)h >= d->ntok || (size_t)h == i) continue;
        if (last[h] < 0) t.first[h] = (int32_t)i;
        else t.next[last[h]] = (int32_t)i;
        last[h] = (int32_t)i;
    }
    for (size_t si = 0; si < d->nsent; si++) {
        const sent_t *s = &d->sents[si];
        if (s->tok_end > d->ntok || s->tok_begin >= s->tok_end) continue;
        int has_tree = 0;
        for (uint32_t i = s->tok_begin; i < s->tok_end; i++) has_tree |= d->toks[i].head >= 0;
        if (path != MD_PATTERNS && has_tree) {
            if (tree_sentence(d, &t, s)) goto out;
        } else if (pattern_sentence(d, s)) {
            goto out;
        }
    }
    rc = mention_finish(mdl, lex, d);
out:
    free(t.first);
    free(t.next);
    free(t.stamp);
    free(t.stack);
    free(last);
    return rc;
}

int mention_finish(const struct coref_model *mdl, const struct lexicon *lex, struct coref_doc *d)
{
    const struct lexicon *lx = lex ? lex : (mdl ? mdl->lex : NULL);
    if (!d->nment) return 0;
    if (!d->words_marked) lang_mark_tokens(d);   /* a document built by hand (tools, tests) */
    int32_t *last = malloc(d->ntok * sizeof *last);
    if (!last) return -1;
    qsort(d->ments, d->nment, sizeof *d->ments, ment_cmp);
    /* Drop exact duplicates (same span and head). */
    size_t k = 0;
    for (size_t i = 0; i < d->nment; i++) {
        if (k && d->ments[k - 1].tb == d->ments[i].tb && d->ments[k - 1].te == d->ments[i].te) continue;
        d->ments[k++] = d->ments[i];
    }
    d->nment = k;
    drop_deep_mentions(d);
    /* "Elon Musk ... Musk told analysts": a capitalised sentence-initial noun
     * the text has already used as a name is that name again */
    for (size_t i = 0; i < d->nment; i++) {
        tok_t *h = &d->toks[d->ments[i].head];
        if (h->upos != UPOS_NOUN || d->ments[i].te - d->ments[i].tb != 1 || !is_upper(d, d->ments[i].head)) continue;
        uint32_t si = h->sent, hi = d->ments[i].head;
        if (si >= d->nsent || d->sents[si].tok_begin != hi) continue;
        for (uint32_t j = hi, lo = hi > 2000 ? hi - 2000 : 0; j-- > lo;)
            if (d->toks[j].upos == UPOS_PROPN && tok_n(d, j) == tok_n(d, hi) &&
                memcmp(tok_s(d, j), tok_s(d, hi), tok_n(d, hi)) == 0) {
                h->upos = UPOS_PROPN;
                h->xpos = X_NNP;
                break;
            }
    }
    for (size_t i = 0; i < d->nment; i++) {
        mention_t *m = &d->ments[i];
        set_attributes(d, lx, m);
        /* "Angela Merkel and Emmanuel Macron": the first conjunct's gender is not the group's */
        if (m->kind != MK_PRONOUN && mention_is_coordination(d, m)) m->gender = GEN_UNK;
    }
    /* Quotes and speakers. head_ment: the outermost mention headed by each token. */
    mark_quotes(d);
    int32_t *hm = last;
    for (size_t i = 0; i < d->ntok; i++) hm[i] = -1;
    for (size_t i = 0; i < d->nment; i++)
        if (hm[d->ments[i].head] < 0) hm[d->ments[i].head] = (int32_t)i;
    size_t i = 0;
    while (i < d->ntok) {
        if (!(d->toks[i].flags & TF_IN_QUOTE)) { i++; continue; }
        size_t j = i;
        while (j < d->ntok && (d->toks[j].flags & TF_IN_QUOTE)) j++;
        int32_t sp = find_speaker(d, hm, i, j + 1 < d->ntok ? j + 1 : d->ntok);
        /* mentions are sorted by start: skip those starting before the quote */
        size_t lo = 0, hi2 = d->nment;
        while (lo < hi2) {
            size_t mid = (lo + hi2) / 2;
            if (d->ments[mid].tb < i) lo = mid + 1;
            else hi2 = mid;
        }
        for (size_t mi = lo; mi < d->nment && d->ments[mi].tb < j; mi++) {
            mention_t *m = &d->ments[mi];
            if (m->head >= i && m->head < j) {
                m->flags |= MF_IN_QUOTE;
                m->speaker = sp;
            }
        }
        i = j;
    }
    free(last);
    return 0;
}

int mention_detect(const struct coref_model *m, struct coref_doc *d)
{
    return mention_detect_path(m, NULL, d, MD_AUTO);
}
