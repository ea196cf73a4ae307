/* Coreference resolution: a multi-pass sieve in the style of Lee et al.
 * (2013), most precise passes first. Each pass links a mention to one
 * earlier mention; links merge clusters (union-find) whose attributes are
 * pooled, so later passes check agreement against the whole entity.
 * Candidate antecedents are limited to a window, so the cost is linear in
 * the document length. */
#include <stdlib.h>
#include <string.h>
#include "core/doc.h"
#include "core/tagset.h"
#include "core/model.h"
#include "lang/lang.h"
#include "coref/nominal.h"
#include "coref/rank.h"
#include "coref/resolve.h"
#include "mention/lexicon.h"
#include "mention/mention.h"
#include "ml/wclusters.h"

/* Tunables (chosen on GUM train/dev). */
#define MAX_BACK 400        /* earlier mentions any pass examines (with the sentence
                               windows below: a bounded cost per mention) */
#define PRON_SENTS 4        /* sentence window for third-person pronouns */
#define IT_SENTS 1           /* ... and for "it" (events and clauses are not mentions) */
#define WE_SENTS 1000       /* "we"/"you" continue the previous one (document-wide was best) */
#define IT_MIN (-10)        /* "it" stays unlinked when its best candidate scores lower */
/* Pronoun antecedent score: bonuses and per-distance penalties (tuned on GUM
 * train + dev with gold tags, see tools/dev_coref). */
#define W_SENT 25           /* per sentence back */
#define W_DIST 1            /* per mention back */
#define W_SUBJ 12           /* antecedent is a subject */
#define W_OBJ 6             /* ... an object */
#define W_EMBED 12          /* penalty: embedded (nmod, compound, conjunct) */
#define W_PROPER 4
#define W_PRON 6            /* antecedent is itself a pronoun (chains) */
#define W_CLUSTER 4         /* antecedent already has an entity */
#define W_QUOTE 8           /* both inside or both outside a quotation */
#define W_PARALLEL 10       /* same syntactic role as the pronoun (parallelism) */
#define W_OBL 10            /* penalty: antecedent is an oblique (prepositional) dependent */
#define W_OTHER_CLAUSE 5    /* same sentence, but governed by another predicate */

typedef struct rs {
    struct coref_doc *d;
    int32_t *parent;
    uint8_t *num, *gen, *anim, *et;   /* pooled attributes at each root */
    uint32_t *size;
    uint32_t *shash;                  /* hash of the lowercase span (a final 's aside) */
    uint32_t *hhash;                  /* hash of the head word */
    int32_t *host;                    /* appositive -> the mention it belongs to, else -1 */
    uint8_t pass;                     /* the pass running (RP_*), for mention_t.link_pass */
    uint8_t *cata;                    /* pronoun already resolved forward (pass_cataphora) */
    /* the learned nominal linker (nominal.h): with a model (or a trainer's
     * sink) the sieve leaves nominal anaphors to it */
    const noml_model *noml;
    coref_pair_sink sink;
    void *sink_user;
    uint32_t sink_groups;
    int learned;                      /* noml or sink: nominal anaphors are the linker's */
    const struct word_clusters *wc;   /* the model's word clusters (features), or NULL */
} rs;



static int tok_eq(const struct coref_doc *d, size_t a, size_t b)
{
    size_t n = tok_n(d, a);
    if (n != tok_n(d, b)) return 0;
    const char *x = tok_s(d, a), *y = tok_s(d, b);
    for (size_t i = 0; i < n; i++) {
        char c = x[i], e = y[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (e >= 'A' && e <= 'Z') e = (char)(e + 32);
        if (c != e) return 0;
    }
    return 1;
}


static int32_t find(rs *r, int32_t i)
{
    while (r->parent[i] != i) {
        r->parent[i] = r->parent[r->parent[i]];
        i = r->parent[i];
    }
    return i;
}

static uint8_t pool(uint8_t a, uint8_t b) { return a ? a : b; }

/* Merge the clusters of mentions a and b. */
static void merge(rs *r, int32_t a, int32_t b)
{
    /* the later mention's first link, and the pass that made it */
    mention_t *late = &r->d->ments[a > b ? a : b];
    if (!late->link && a != b) {
        late->link = (a > b ? b : a) + 1;
        late->link_pass = r->pass;
    }
    a = find(r, a);
    b = find(r, b);
    if (a == b) return;
    if (b < a) { int32_t t = a; a = b; b = t; }   /* the earliest mention stays root */
    r->parent[b] = a;
    r->num[a] = pool(r->num[a], r->num[b]);
    r->gen[a] = pool(r->gen[a], r->gen[b]);
    r->anim[a] = pool(r->anim[a], r->anim[b]);
    r->et[a] = pool(r->et[a], r->et[b]);
    r->size[a] += r->size[b];
}

/* Mention a contains mention b (or the reverse): i-within-i. */
static int nested(const mention_t *a, const mention_t *b)
{
    return (a->tb <= b->tb && b->te <= a->te) || (b->tb <= a->tb && a->te <= b->te);
}

static int usable(const mention_t *m) { return !(m->flags & MF_NONREF); }

/* End of a mention's text without a final possessive 's ("the city 's"). */
static uint32_t text_end(const struct coref_doc *d, const mention_t *m)
{
    return m->te > m->tb + 1 && d->toks[m->te - 1].xpos == X_POS ? m->te - 1 : m->te;
}

/* Same token sequence, case-insensitive, a possessive 's aside. */
static int same_text(const struct coref_doc *d, const mention_t *a, const mention_t *b)
{
    uint32_t ae = text_end(d, a), be = text_end(d, b);
    if (ae - a->tb != be - b->tb) return 0;
    for (uint32_t k = 0; k < ae - a->tb; k++)
        if (!tok_eq(d, a->tb + k, b->tb + k)) return 0;
    return 1;
}

/* Every content word of a (besides its head, before the head) occurs in b. */
static int words_included(const struct coref_doc *d, const mention_t *a, const mention_t *b, int proper_only)
{
    /* names: only the name itself, not an apposition or modifier after it
     * ("Warren, a Democrat from Massachusetts") */
    uint32_t end = a->te, ne = a->kind == MK_PROPER ? mention_name_end(d, a) + 1 : a->te;
    if (proper_only && ne < a->te && tok_is(d, ne, ",")) end = ne;
    for (uint32_t i = a->tb; i < end; i++) {
        if (i == a->head) continue;
        int u = d->toks[i].upos;
        if (proper_only ? (u != UPOS_PROPN && u != UPOS_NUM) : !(u == UPOS_ADJ || u == UPOS_NOUN || u == UPOS_PROPN || u == UPOS_NUM))
            continue;
        int found = 0;
        for (uint32_t j = b->tb; j < b->te && !found; j++) found = tok_eq(d, i, j);
        if (!found) return 0;
    }
    return 1;
}

/* The words of a missing from b are all titles ("Mr.", "Professor"). */
static int titled_only(const struct coref_doc *d, const mention_t *a, const mention_t *b)
{
    for (uint32_t i = a->tb; i < a->te; i++) {
        if (d->toks[i].upos != UPOS_PROPN || i == a->head) continue;
        int found = 0;
        for (uint32_t j = b->tb; j < b->te && !found; j++) found = tok_eq(d, i, j);
        if (found) continue;
        size_t n = tok_n(d, i);
        if (d->toks[i].deprel != DEP_NMOD_DESC && !(n > 1 && tok_s(d, i)[n - 1] == '.') && !lang_tok_has(d, i, WC_TITLE | WC_TITLE_PART)) return 0;
    }
    return 1;
}

static int attr_ok(uint8_t a, uint8_t b) { return !a || !b || a == b; }

/* Agreement of mention i with the entity of mention j. */
static int agree(rs *r, const mention_t *mi, int32_t j)
{
    int32_t c = find(r, j);
    if (!attr_ok(mi->number, r->num[c])) {
        /* "they" may refer to a group noun ("the company ... they") */
        /* ... but not to a name ("the House ... their"): "they" are its members */
        if (!(mi->kind == MK_PRONOUN && mi->number == NUM_PL && r->et[c] == ET_ORGANIZATION &&
              r->d->ments[j].kind != MK_PROPER))
            return 0;
    }
    if (!attr_ok(mi->gender, r->gen[c])) return 0;
    if (!attr_ok(mi->animacy, r->anim[c])) return 0;
    if (mi->etype && r->et[c] && mi->etype != r->et[c]) return 0;
    return 1;
}

/* ---------------------------------------------------------------- passes */

/* First person inside a quote belongs to the speaker; "I" outside quotes is
 * the narrator; "we" and "you" continue the previous same form nearby. */
static void pass_speaker(rs *r)
{
    struct coref_doc *d = r->d;
    int32_t last_i = -1, last_qi = -1;
    int32_t last_we = -1, last_you = -1;
    for (size_t i = 0; i < d->nment; i++) {
        mention_t *m = &d->ments[i];
        /* "you guys", "you all", "you two" continue the "you" chain too */
        int you_np = m->kind != MK_PRONOUN && m->head > m->tb && tok_is(d, m->tb, "you") && usable(m);
        if (!you_np && (m->kind != MK_PRONOUN || !m->person || m->person == 3)) continue;
        if (you_np) {
            if (last_you >= 0 && (m->flags & MF_IN_QUOTE) == (d->ments[last_you].flags & MF_IN_QUOTE))
                merge(r, (int32_t)i, last_you);
            last_you = (int32_t)i;
        } else if (m->person == 1 && m->number == NUM_SG) {
            if ((m->flags & MF_IN_QUOTE) && m->speaker >= 0) {
                merge(r, (int32_t)i, m->speaker);
            } else if (m->flags & MF_IN_QUOTE) {
                /* no speaker found: continue the previous "I" of a nearby quote */
                if (last_qi >= 0 && d->toks[m->head].sent - d->toks[d->ments[last_qi].head].sent <= 2)
                    merge(r, (int32_t)i, last_qi);
                last_qi = (int32_t)i;
            } else if (!(m->flags & MF_IN_QUOTE)) {
                if (last_i >= 0) merge(r, (int32_t)i, last_i);
                last_i = (int32_t)i;
            }
        } else if (m->person == 1) {
            if (last_we >= 0 && d->toks[m->head].sent - d->toks[d->ments[last_we].head].sent <= WE_SENTS &&
                (m->flags & MF_IN_QUOTE) == (d->ments[last_we].flags & MF_IN_QUOTE))
                merge(r, (int32_t)i, last_we);
            last_we = (int32_t)i;
        } else if (m->person == 2) {
            if (last_you >= 0 && d->toks[m->head].sent - d->toks[d->ments[last_you].head].sent <= WE_SENTS &&
                (m->flags & MF_IN_QUOTE) == (d->ments[last_you].flags & MF_IN_QUOTE))
                merge(r, (int32_t)i, last_you);
            last_you = (int32_t)i;
        }
    }
}

/* Starts with a definite determiner, a demonstrative or a possessor. */
static int definite(const struct coref_doc *d, const mention_t *m)
{
    int u = d->toks[m->tb].upos;
    return tok_is(d, m->tb, "the") || (m->flags & MF_DEMONSTRATIVE) || u == UPOS_PRON || u == UPOS_PROPN ||
           (u == UPOS_DET && !(m->flags & MF_INDEFINITE));
}

/* With the learned linker (nominal.h), a link of name or nominal i to
 * earlier mention j that a sieve pass proposes stands when its probability
 * reaches the model's veto (veto_name for a name); a trainer's sink sees
 * its features and it stands. Without the linker every link stands. */
static int link_ok(rs *r, size_t i, size_t j)
{
    const struct coref_doc *d = r->d;
    const mention_t *m = &d->ments[i], *a = &d->ments[j];
    if (!r->learned || m->kind == MK_PRONOUN) return 1;
    if (r->noml && (m->kind == MK_PROPER ? r->noml->veto_name : r->noml->veto) <= 0) return 1;
    noml_ment mi, mj;
    noml_ment_info(d, r->wc, i, &mi);
    noml_ment_info(d, r->wc, j, &mj);
    int32_t c = find(r, (int32_t)j);
    uint32_t pass = r->pass == RP_EXACT ? NS_EXACT : r->pass == RP_HEAD ? NS_HEAD : r->pass == RP_ROLE ? NS_ROLE :
                    r->pass == RP_PLACE ? NS_PLACE : NS_PROPER;
    noml_pair p = {pass, r->et[c], (uint8_t)(r->size[c] > 3 ? 3 : r->size[c]), a->kind == MK_PROPER};
    if (r->shash[j] == r->shash[i] && same_text(d, a, m)) p.sieve |= NS_TEXT_EQ;
    if (r->hhash[j] == r->hhash[i]) p.sieve |= NS_HEAD_EQ;
    if (words_included(d, m, a, 0)) p.sieve |= NS_INCL;
    if (words_included(d, a, m, 0)) p.sieve |= NS_INCL_REV;
    uint64_t f[NOML_MAX_FEATS];
    size_t nf = noml_features(d, i, j, &mi, &mj, &p, r->noml ? r->noml->groups : r->sink_groups, f);
    if (r->sink) {
        r->sink(r->sink_user, i, j, f, nf);
        return 1;
    }
    return noml_prob(r->noml, f, nf) >= (m->kind == MK_PROPER ? r->noml->veto_name : r->noml->veto);
}

/* Exact string match of non-pronominal mentions. */
static void pass_exact(rs *r)
{
    struct coref_doc *d = r->d;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if (m->kind == MK_PRONOUN || !usable(m) || (m->flags & MF_INDEFINITE)) continue;
        /* a bare common noun ("people", "time") is too vague alone */
        if (m->kind == MK_NOMINAL && m->te - m->tb < 2) continue;
        /* bare plurals and mass nouns are mostly generic ("iodine deficiency") */
        if (m->kind == MK_NOMINAL && !definite(d, m)) continue;
        size_t lo = i > MAX_BACK ? i - MAX_BACK : 0;
        for (size_t j = i; j-- > lo;) {
            const mention_t *a = &d->ments[j];
            if (a->kind == MK_PRONOUN || !usable(a) || r->shash[j] != r->shash[i]) continue;
            if (nested(a, m) || !same_text(d, a, m)) continue;
            if (link_ok(r, i, j)) merge(r, (int32_t)i, (int32_t)j);
            break;
        }
    }
}

/* First token of a two-or-more-word name ("Daniel" of "Daniel Bernoulli"),
 * or -1. */
static int64_t first_name(const struct coref_doc *d, const mention_t *a)
{
    if (mention_name_end(d, a) > a->head) return a->head;
    if (a->head > a->tb && d->toks[a->head - 1].upos == UPOS_PROPN && d->toks[a->head - 1].deprel == DEP_COMPOUND &&
        d->toks[a->head].upos == UPOS_PROPN)
        return (int64_t)a->head - 1;
    return -1;
}

/* Proper names: same head word, the later name's words inside the earlier
 * one ("Lavrov" -> "Sergey Lavrov", "Professor Eastman"). */
static void pass_proper(rs *r)
{
    struct coref_doc *d = r->d;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if (m->kind != MK_PROPER || !usable(m) || mention_is_coordination(d, m)) continue;
        if (m->etype == ET_TIME && m->te - m->tb == 1) continue;   /* "September" ... "September" */
        size_t lo = i > MAX_BACK ? i - MAX_BACK : 0;
        for (size_t j = i; j-- > lo;) {
            const mention_t *a = &d->ments[j];
            if (a->kind != MK_PROPER || r->hhash[j] != r->hhash[i] || mention_is_coordination(d, a)) continue;
            if (!usable(a) && r->host[j] < 0) continue;
            if (nested(a, m) || !tok_eq(d, mention_name_end(d, a), mention_name_end(d, m))) continue;
            /* either name may carry the title ("Mr. Lavrov" / "Sergey Lavrov") */
            if (!words_included(d, m, a, 1) && !(titled_only(d, m, a) && words_included(d, a, m, 1))) continue;
            /* "Michael Jordan ... Jordan": the person, not the country (the
             * lone word's attributes came from the lexicon's other sense) */
            int surname = mention_name_end(d, m) == m->head && (m->head == m->tb || d->toks[m->head - 1].upos != UPOS_PROPN) &&
                          m->etype && m->etype != ET_PERSON && a->etype == ET_PERSON && mention_name_end(d, a) > a->head;
            if (m->etype && a->etype && m->etype != a->etype && !surname) continue;
            /* "John Smith" / "Jane Smith": different first names, different people */
            int64_t fm = first_name(d, m), fa = first_name(d, a);
            if (fm >= 0 && fa >= 0 && !tok_eq(d, (size_t)fm, (size_t)fa)) continue;
            if (!surname && !agree(r, m, (int32_t)j)) continue;
            /* "the prosecutor, Mark Tedeschi, ... Mr. Tedeschi": link to the host NP */
            if (!usable(a) && (r->host[j] < 0 || nested(&d->ments[r->host[j]], m))) continue;
            if (link_ok(r, i, usable(a) ? (size_t)j : (size_t)r->host[j]))
                merge(r, (int32_t)i, usable(a) ? (int32_t)j : r->host[j]);
            break;
        }
    }
}

/* A person's first name alone takes up the full name ("Daniel Bernoulli ...
 * Daniel"); the nearest full name with that first name wins. */
static void pass_first_name(rs *r)
{
    struct coref_doc *d = r->d;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if (m->kind != MK_PROPER || !usable(m) || mention_is_coordination(d, m)) continue;
        if (mention_name_end(d, m) != m->head || d->toks[m->head].upos != UPOS_PROPN) continue;
        if (m->head > m->tb && d->toks[m->head - 1].upos == UPOS_PROPN) continue;   /* not a one-word name */
        if (m->etype && m->etype != ET_PERSON) continue;
        size_t lo = i > MAX_BACK ? i - MAX_BACK : 0;
        for (size_t j = i; j-- > lo;) {
            const mention_t *a = &d->ments[j];
            if (a->kind != MK_PROPER || !usable(a) || nested(a, m) || mention_is_coordination(d, a)) continue;
            int64_t f = first_name(d, a);
            if (f < 0 || !tok_eq(d, (size_t)f, m->head)) continue;
            int32_t c = find(r, (int32_t)j);
            if (r->et[c] != ET_PERSON && m->etype != ET_PERSON) continue;
            if (r->et[c] && r->et[c] != ET_PERSON) continue;
            if (agree(r, m, (int32_t)j)) merge(r, (int32_t)i, (int32_t)j);
            break;
        }
    }
}

/* A company named without its legal form: "Tesla Inc." ... "Tesla". */
static int corp_suffix(const struct coref_doc *d, size_t i) { return lang_tok_has(d, i, WC_LEGAL_FORM); }

static void pass_company(rs *r)
{
    struct coref_doc *d = r->d;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if (m->kind != MK_PROPER || !usable(m) || find(r, (int32_t)i) != (int32_t)i || r->size[i] > 1) continue;
        uint32_t n = text_end(d, m) - m->tb;
        size_t lo = i > MAX_BACK ? i - MAX_BACK : 0;
        for (size_t j = i; j-- > lo;) {
            const mention_t *a = &d->ments[j];
            if (a->kind != MK_PROPER || !usable(a) || nested(a, m)) continue;
            uint32_t ae = text_end(d, a);
            if (ae - a->tb != n + 1 || !corp_suffix(d, ae - 1)) continue;
            uint32_t k = 0;
            while (k < n && tok_eq(d, a->tb + k, m->tb + k)) k++;
            if (k < n) continue;
            merge(r, (int32_t)i, (int32_t)j);
            r->et[find(r, (int32_t)i)] = ET_ORGANIZATION;
            break;
        }
    }
}

/* Acronyms: "NATO" -> "North Atlantic Treaty Organization". */
static void pass_acronym(rs *r)
{
    struct coref_doc *d = r->d;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if (m->kind != MK_PROPER || !usable(m)) continue;
        /* the acronym: one all-capital token of 2..6 letters (dots allowed) */
        const char *s = tok_s(d, m->head);
        size_t n = tok_n(d, m->head);
        char acr[8];
        size_t na = 0;
        int ok = n >= 2 && n <= 10;
        for (size_t k = 0; k < n && ok; k++) {
            if (s[k] == '.') continue;
            if (s[k] < 'A' || s[k] > 'Z' || na >= 6) ok = 0;
            else acr[na++] = s[k];
        }
        if (!ok || na < 2) continue;
        size_t lo = i > MAX_BACK ? i - MAX_BACK : 0;
        for (size_t j = i; j-- > lo;) {
            const mention_t *a = &d->ments[j];
            if (a->kind != MK_PROPER || !usable(a) || nested(a, m)) continue;
            size_t k = 0;
            int good = 1;
            for (uint32_t t = a->tb; t < a->te && good; t++) {
                const char *w = tok_s(d, t);
                if (tok_n(d, t) == 0 || w[0] < 'A' || w[0] > 'Z') continue;
                if (k < na && w[0] == acr[k]) k++;
                else good = 0;
            }
            if (good && k == na && a->te - a->tb >= na) {
                merge(r, (int32_t)i, (int32_t)j);
                break;
            }
        }
    }
}

/* Common nouns: same head word, compatible modifiers, definite anaphor. */
static void pass_head(rs *r, int strict)
{
    struct coref_doc *d = r->d;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if (m->kind != MK_NOMINAL || !usable(m) || (m->flags & MF_INDEFINITE) || mention_is_coordination(d, m)) continue;
        int def = tok_is(d, m->tb, "the") || (m->flags & MF_DEMONSTRATIVE) || d->toks[m->tb].upos == UPOS_PRON ||
                  d->toks[m->tb].upos == UPOS_PROPN;
        if (!def) continue;
        if (find(r, (int32_t)i) != (int32_t)i) continue;   /* already resolved */
        size_t lo = i > MAX_BACK ? i - MAX_BACK : 0;
        for (size_t j = i; j-- > lo;) {
            const mention_t *a = &d->ments[j];
            if (a->kind == MK_PRONOUN || !usable(a) || r->hhash[j] != r->hhash[i] || mention_is_coordination(d, a)) continue;
            if (nested(a, m) || !tok_eq(d, a->head, m->head) || a->number != m->number) continue;
            if (strict && !words_included(d, m, a, 0)) continue;
            /* different possessors: "your hair" / "my hair" */
            if (d->toks[m->tb].upos == UPOS_PRON && d->toks[a->tb].upos == UPOS_PRON && !tok_eq(d, m->tb, a->tb)) continue;
            if (d->toks[m->head].sent - d->toks[a->head].sent > (strict ? 30u : 3u)) continue;
            if (link_ok(r, i, j)) merge(r, (int32_t)i, (int32_t)j);
            break;
        }
    }
}

/* Role nominals: "the minister", "the company" take up the most recent
 * name of the same type ("Sergey Lavrov ... the Russian diplomat"). */
#define ROLE_SENTS 1        /* sentences back for "the minister" -> a person's name */
static void pass_role(rs *r)
{
    struct coref_doc *d = r->d;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if (m->kind != MK_NOMINAL || !usable(m) || (m->flags & MF_INDEFINITE)) continue;
        if (m->etype != ET_PERSON) continue;
        if (m->number != NUM_SG || !tok_is(d, m->tb, "the")) continue;
        if (find(r, (int32_t)i) != (int32_t)i || r->size[i] > 1) continue;
        /* only determiner and adjectives before the head, nothing after;
         * "the next / former / new president" is someone else */
        int plain = m->te == m->head + 1;
        for (uint32_t t = m->tb + 1; t < m->head && plain; t++) {
            plain = (d->toks[t].upos == UPOS_ADJ || d->toks[t].upos == UPOS_PROPN) &&
                    !lang_tok_has(d, t, WC_OTHER_HOLDER);
        }
        if (!plain) continue;
        uint32_t si = d->toks[m->head].sent;
        for (size_t j = i, lo = i > MAX_BACK ? i - MAX_BACK : 0; j-- > lo;) {
            const mention_t *a = &d->ments[j];
            if (si - d->toks[a->head].sent > ROLE_SENTS) break;
            if (a->kind != MK_PROPER || !usable(a) || nested(a, m)) continue;
            if (r->et[find(r, (int32_t)j)] != m->etype) continue;
            if (a->number == NUM_PL) continue;
            /* a name inside the nominal ("the US president") must be in the antecedent */
            int names_ok = 1;
            for (uint32_t t = m->tb + 1; t < m->head && names_ok; t++) {
                if (d->toks[t].upos != UPOS_PROPN) continue;
                names_ok = 0;
                for (uint32_t u = a->tb; u < a->te && !names_ok; u++) names_ok = tok_eq(d, t, u);
            }
            if (!names_ok) break;
            if (agree(r, m, (int32_t)j) && link_ok(r, i, j)) merge(r, (int32_t)i, (int32_t)j);
            break;
        }
    }
}

/* "this" or "that" standing alone as a pronoun. */
static int dem_pronoun(const struct coref_doc *d, const mention_t *m)
{
    return m->kind == MK_PRONOUN && (m->flags & MF_DEMONSTRATIVE) && m->te - m->tb == 1 &&
           (tok_is(d, m->head, "this") || tok_is(d, m->head, "that"));
}

/* "the city", "the country": the most recent name of that kind of place
 * (by the lexicon) a few sentences back; travel guides and news refer to
 * their place this way. */
#define PLACE_SENTS 4
/* The kind of place nominal m names (LX_STATE, LX_COUNTRY, LX_CITY), 0 none. */
static uint32_t place_want(const struct coref_doc *d, const mention_t *m)
{
    if (m->kind != MK_NOMINAL || !usable(m) || m->number == NUM_PL || !tok_is(d, m->tb, "the")) return 0;
    uint64_t c = lang_tok(d, m->head);
    uint32_t want = c & WC_STATE_NOUN ? LX_STATE : c & WC_COUNTRY_NOUN ? LX_COUNTRY : c & WC_CITY_NOUN ? LX_CITY : 0;
    if (!want || m->head != m->tb + 1) return 0;
    /* nothing after the head but a possessive 's */
    if (m->te > m->head + 1 && !(m->te == m->head + 2 && d->toks[m->head + 1].xpos == X_POS)) return 0;
    return want;
}

/* Name a is a place of that kind by the lexicon. */
static int place_name_ok(const struct coref_doc *d, const struct lexicon *lx, const mention_t *a, uint32_t want)
{
    /* the name's words without "the" */
    uint32_t tb = tok_is(d, a->tb, "the") ? a->tb + 1 : a->tb, te = a->te;
    if (te > tb + 1 && d->toks[te - 1].xpos == X_POS) te--;
    char buf[128];
    size_t n = 0;
    for (uint32_t t = tb; t < te && n + tok_n(d, t) + 2 < sizeof buf; t++) {
        if (n) buf[n++] = ' ';
        memcpy(buf + n, tok_s(d, t), tok_n(d, t));
        n += tok_n(d, t);
    }
    uint32_t v = lexicon_get(lx, buf, n);
    /* the city list is short: any place name that is no country or state will do */
    return (v & want) || (want == LX_CITY && (v & LX_ETYPE_MASK) == ET_PLACE && !(v & (LX_COUNTRY | LX_STATE)));
}

static void pass_place(rs *r, const struct lexicon *lx)
{
    struct coref_doc *d = r->d;
    if (!lx) return;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        uint32_t want = place_want(d, m);
        if (!want) continue;
        uint32_t si = d->toks[m->head].sent;
        for (size_t j = i, lo = i > MAX_BACK ? i - MAX_BACK : 0; j-- > lo;) {
            const mention_t *a = &d->ments[j];
            if (si - d->toks[a->head].sent > PLACE_SENTS) break;
            if (a->kind != MK_PROPER || !usable(a) || nested(a, m)) continue;
            if (!place_name_ok(d, lx, a, want)) continue;
            if (link_ok(r, i, j)) merge(r, (int32_t)i, (int32_t)j);
            break;
        }
    }
}

/* Role nominal m ("the Russian diplomat") may take up name a: pass_role's
 * tests of the pair (but not that a is the nearest such name). */
static int role_ok(rs *r, const mention_t *m, size_t j)
{
    const struct coref_doc *d = r->d;
    const mention_t *a = &d->ments[j];
    if (m->etype != ET_PERSON || m->number != NUM_SG || !tok_is(d, m->tb, "the") || (m->flags & MF_INDEFINITE)) return 0;
    int plain = m->te == m->head + 1;
    for (uint32_t t = m->tb + 1; t < m->head && plain; t++)
        plain = (d->toks[t].upos == UPOS_ADJ || d->toks[t].upos == UPOS_PROPN) && !lang_tok_has(d, t, WC_OTHER_HOLDER);
    if (!plain || a->kind != MK_PROPER || a->number == NUM_PL) return 0;
    if (d->toks[m->head].sent - d->toks[a->head].sent > ROLE_SENTS) return 0;
    return r->et[find(r, (int32_t)j)] == m->etype && agree(r, m, (int32_t)j);
}

/* Every proper-noun modifier of m before its head occurs in a ("the US
 * president" needs "US"). */
static int names_in(const struct coref_doc *d, const mention_t *m, const mention_t *a)
{
    for (uint32_t t = m->tb; t < m->head; t++) {
        if (d->toks[t].upos != UPOS_PROPN) continue;
        int ok = 0;
        for (uint32_t u = a->tb; u < a->te && !ok; u++) ok = tok_eq(d, t, u);
        if (!ok) return 0;
    }
    return 1;
}

/* The learned nominal linker (nominal.h), after the sieve's passes for
 * names and nominals (whose links link_ok may have vetoed): each nominal
 * mention without an antecedent yet takes its best-scoring earlier name or
 * nominal when the model's probability reaches its threshold (a pair a
 * sieve pass would propose is left out: the veto decided it). With a
 * trainer's sink it links nothing and hands the sink every candidate's
 * features. The antecedent's
 * entity is read as the passes before left it (a snapshot), so training and
 * use see the same features. */
static int pass_learned(rs *r, const struct lexicon *lx, const struct word_clusters *wc)
{
    struct coref_doc *d = r->d;
    size_t n = d->nment;
    uint32_t groups = r->noml ? r->noml->groups : r->sink_groups;
    noml_ment *info = malloc(n * sizeof *info);
    uint8_t *et = malloc(n), *size = malloc(n), *named = calloc(n, 1);
    uint32_t *msent = malloc(n * sizeof *msent);   /* each mention's sentence, for the scans */
    int rc = -1;
    if (!info || !et || !size || !named || !msent) goto out;
    for (size_t i = 0; i < n; i++) msent[i] = d->toks[d->ments[i].head].sent;
    for (size_t i = 0; i < n; i++) {
        if (d->ments[i].kind != MK_PRONOUN) noml_ment_info(d, wc, i, &info[i]);   /* pronouns take no part */
        if (d->ments[i].kind == MK_PROPER) named[find(r, (int32_t)i)] = 1;
    }
    for (size_t i = 0; i < n; i++) {
        int32_t c = find(r, (int32_t)i);
        et[i] = r->et[c];
        size[i] = (uint8_t)(r->size[c] > 3 ? 3 : r->size[c]);
    }
    for (size_t i = 0; i < n; i++) named[i] = named[find(r, (int32_t)i)];
    uint64_t f[NOML_MAX_FEATS];
    for (size_t i = 0; i < n; i++) {
        const mention_t *m = &d->ments[i];
        if (m->kind == MK_PRONOUN || !usable(m) || m->link || mention_is_coordination(d, m)) continue;
        /* names: only when the model was trained for them (NG_NAMES) */
        if (m->kind == MK_PROPER && !(groups & NG_NAMES)) continue;
        uint32_t mh = m->kind == MK_PROPER ? mention_name_end(d, m) : m->head;
        uint32_t si = d->toks[m->head].sent;
        int def = definite(d, m) && !(m->flags & MF_INDEFINITE);
        int hdef = tok_is(d, m->tb, "the") || (m->flags & MF_DEMONSTRATIVE) || d->toks[m->tb].upos == UPOS_PRON ||
                   d->toks[m->tb].upos == UPOS_PROPN;
        uint32_t want = lx ? place_want(d, m) : 0;
        double best = -1e300;
        int32_t bj = -1;
        for (size_t j = i, lo = i > MAX_BACK ? i - MAX_BACK : 0; j-- > lo;) {
            const mention_t *a = &d->ments[j];
            uint32_t sd = si - msent[j];
            if (sd > NOML_MATCH_SENTS) break;
            if (sd > NOML_NEAR_SENTS && r->hhash[j] != r->hhash[i] && r->shash[j] != r->shash[i]) continue;
            if (a->kind == MK_PRONOUN || !usable(a) || nested(a, m)) continue;
            int text_eq = r->shash[j] == r->shash[i] && same_text(d, a, m);
            /* the same text or head up to NOML_MATCH_SENTS back, a name
             * NOML_NEAR_SENTS back */
            int head_eq = r->hhash[j] == r->hhash[i] &&
                          tok_eq(d, m->kind == MK_PROPER && a->kind == MK_PROPER ? mention_name_end(d, a) : a->head, mh);
            if (sd > NOML_NEAR_SENTS && !text_eq && !head_eq) continue;
            /* a name takes up only a mention with its text or its last word */
            if (m->kind == MK_PROPER && !text_eq && !head_eq) continue;
            /* with another head, only a name unless the model takes
             * nominals too (NG_NEAR_NOMINALS: most of the pairs, most of the cost) */
            if (!text_eq && !head_eq && a->kind != MK_PROPER && (!(groups & NG_NEAR_NOMINALS) || sd > NOML_NEAR_NOM_SENTS))
                continue;
            /* another head: number and entity type must not clash */
            if (!text_eq && !head_eq && (!attr_ok(m->number, a->number) || !attr_ok(m->etype, a->etype))) continue;
            noml_pair p = {0, et[j], size[j], named[j]};
            /* modifier tests only for a pair with the same head (their cost
             * grows with both lengths) */
            int incl = (text_eq || head_eq) && words_included(d, m, a, 0);
            if (text_eq) p.sieve |= NS_TEXT_EQ;
            if (head_eq) p.sieve |= NS_HEAD_EQ;
            if (incl) p.sieve |= NS_INCL;
            if ((text_eq || head_eq) && words_included(d, a, m, 0)) p.sieve |= NS_INCL_REV;
            if ((text_eq || head_eq || a->kind == MK_PROPER) && names_in(d, m, a)) p.sieve |= NS_NAMES_OK;
            if (text_eq && def && m->te - m->tb >= 2) p.sieve |= NS_EXACT;
            if (hdef && head_eq && a->kind != MK_PRONOUN && !mention_is_coordination(d, a) && a->number == m->number &&
                incl && sd <= 30 &&
                !(d->toks[m->tb].upos == UPOS_PRON && d->toks[a->tb].upos == UPOS_PRON && !tok_eq(d, m->tb, a->tb)))
                p.sieve |= NS_HEAD;
            if (role_ok(r, m, j)) p.sieve |= NS_ROLE;
            if (want && a->kind == MK_PROPER && sd <= PLACE_SENTS && place_name_ok(d, lx, a, want)) p.sieve |= NS_PLACE;
            /* a link a sieve pass would propose was the veto's question */
            if (p.sieve & (NS_EXACT | NS_HEAD | NS_ROLE | NS_PLACE)) continue;
            size_t nf = noml_features(d, i, j, &info[i], &info[j], &p, groups, f);
            if (r->sink) {
                r->sink(r->sink_user, i, j, f, nf);
                continue;
            }
            double pr = noml_score(r->noml, f, nf);
            if (pr > best) {
                best = pr;
                bj = (int32_t)j;
            }
        }
        if (bj >= 0 && !r->sink && best >= noml_logit(r->noml->threshold)) {
            r->pass = d->ments[bj].kind == MK_PROPER ? RP_ROLE : RP_HEAD;
            merge(r, (int32_t)i, bj);
        }
    }
    rc = 0;
out:
    free(info);
    free(et);
    free(size);
    free(named);
    free(msent);
    return rc;
}

static int is_subject(int role)
{
    return role == DEP_NSUBJ || role == DEP_NSUBJ_PASS || role == DEP_NSUBJ_OUTER;
}

/* Subject of a speech verb ("Lavrov said", "Smith told reporters"). */
static int speaker(const struct coref_doc *d, const mention_t *a)
{
    if (!is_subject(a->role) || a->gov < 0 || (size_t)a->gov >= d->ntok) return 0;
    return lang_tok_has(d, (size_t)a->gov, WC_SPEECH_VERB);
}

/* "he"/"she" need some sign of a person in candidate j; other pronouns
 * need none. */
static int person_sign(rs *r, const mention_t *m, size_t j)
{
    const struct coref_doc *d = r->d;
    const mention_t *a = &d->ments[j];
    if ((m->gender != GEN_MASC && m->gender != GEN_FEM) || a->kind == MK_PRONOUN) return 1;
    int32_t c = find(r, (int32_t)j);
    if (r->et[c] == ET_PERSON || r->anim[c] == ANIM_ANIMATE || r->gen[c]) return 1;
    if (a->kind != MK_PROPER || r->et[c]) return 0;
    /* A name of unknown type: not one of two or more words after "the"
     * ("the American Civil War"; "the Undertaker" may be one, "the
     * Secretary" is a title), but one named before, one that speaks
     * ("Lavrov said he"), a first name and a surname, or the subject of a
     * verb only people do ("Hansen was born in Orbost"; a lone "Microsoft"
     * is as often no person). */
    uint32_t ne = mention_name_end(d, a);
    if (tok_is(d, a->tb, "the") && ne > a->tb + 1 && !lang_tok_has(d, ne, WC_TITLE | WC_TITLE_PART)) return 0;
    return r->size[c] > 1 || first_name(d, a) >= 0 || speaker(d, a) ||
           (is_subject(a->role) && a->gov >= 0 && lang_tok_has(d, (size_t)a->gov, WC_PERSON_VERB));
}

/* "he"/"she" inside a name's span but not its possessor: a phrase or clause
 * the parser hung on the name ("Peter King in several of his weekly
 * articles", "Sarah Goodman, a student trying to find her place"); in a
 * noun phrase only "his"/"her" in its relative clause ("a singer called Jake
 * Burns, who was trying to promote his band"). Otherwise i-within-i ("the
 * idea that it shows", "the man who rode beside him"). */
static int pron_inside_ok(const struct coref_doc *d, const mention_t *a, const mention_t *m)
{
    if (a->kind == MK_PRONOUN || (m->gender != GEN_MASC && m->gender != GEN_FEM) || mention_is_coordination(d, a))
        return 0;
    if (!(a->tb <= m->tb && m->te <= a->te) || m->head == a->head) return 0;
    int32_t t = (int32_t)m->head;
    int relcl = 0;
    for (int steps = 0; t >= 0 && t != (int32_t)a->head && steps < 32; steps++) {
        int dr = d->toks[t].deprel;
        if (d->toks[t].head == (int32_t)a->head && (dr == DEP_NMOD_POSS || dr == DEP_DET_POSS || dr == DEP_DET)) return 0;
        relcl |= dr == DEP_ACL_RELCL;
        t = d->toks[t].head;
    }
    return t == (int32_t)a->head && (a->kind == MK_PROPER || (relcl && (m->flags & MF_POSSESSIVE)));
}

/* Hard filters of a pronoun antecedent. */
static int pron_cand_ok(rs *r, const mention_t *m, size_t j)
{
    struct coref_doc *d = r->d;
    const mention_t *a = &d->ments[j];
    if (!usable(a) || (nested(a, m) && !pron_inside_ok(d, a, m)) || a->head > m->head) return 0;
    if (a->kind == MK_PRONOUN && (a->flags & (MF_PLEONASTIC | MF_INDEFINITE))) return 0;
    /* "it" may take up "this"/"that" (an event: "That was a mistake. It ...") */
    if (a->kind == MK_PRONOUN && (a->flags & MF_DEMONSTRATIVE) &&
        !(m->gender == GEN_NEUT && m->number != NUM_PL && dem_pronoun(d, a)))
        return 0;
    if (a->kind == MK_PRONOUN && a->person != 3) return 0;
    /* "it", "he", "she" do not take up times, amounts or adverbial noun phrases */
    if (((m->gender == GEN_NEUT && m->number != NUM_PL) || m->gender == GEN_MASC || m->gender == GEN_FEM) &&
        a->kind != MK_PRONOUN &&
        (a->etype == ET_TIME || d->toks[a->head].upos == UPOS_NUM || a->role == DEP_OBL_TMOD ||
         a->role == DEP_OBL_NPMOD || a->role == DEP_OBL_UNMARKED || a->role == DEP_ADVMOD))
        return 0;
    if (!agree(r, m, (int32_t)j) || !person_sign(r, m, j)) return 0;
    uint32_t si = d->toks[m->head].sent, sj = d->toks[a->head].sent;
    int same_clause = a->gov >= 0 && a->gov == m->gov && sj == si;
    if (m->flags & MF_REFLEXIVE) {
        if (!same_clause && sj != si) return 0;
    } else if (same_clause && is_subject(a->role) && !(m->flags & MF_POSSESSIVE)) {
        return 0;
    }
    return 1;
}

/* Hand-set antecedent score of candidate j for pronoun i. */
static int hand_score(rs *r, size_t i, size_t j)
{
    const struct coref_doc *d = r->d;
    const mention_t *m = &d->ments[i], *a = &d->ments[j];
    uint32_t si = d->toks[m->head].sent, sj = d->toks[a->head].sent;
    int same_clause = a->gov >= 0 && a->gov == m->gov && sj == si;
    int score = -W_SENT * (int)(si - sj) - W_DIST * (int)(i - j);
    if (is_subject(a->role)) score += W_SUBJ;
    if (a->role == DEP_OBJ) score += W_OBJ;
    if (a->role == DEP_NMOD || a->role == DEP_COMPOUND || a->role == DEP_CONJ) score -= W_EMBED;
    if (a->kind == MK_PROPER) score += W_PROPER;
    if (a->kind == MK_PRONOUN) score += W_PRON;
    if (r->size[find(r, (int32_t)j)] > 1) score += W_CLUSTER;
    if ((a->flags & MF_IN_QUOTE) == (m->flags & MF_IN_QUOTE)) score += W_QUOTE;
    if ((m->flags & MF_REFLEXIVE) && same_clause) score += 1000;
    if (a->role == m->role) score += W_PARALLEL;
    if (a->role == DEP_OBL) score -= W_OBL;
    /* same sentence, another clause: the usual place of an antecedent
     * (coarguments of the pronoun's own verb are disfavoured) */
    if (sj == si && a->gov >= 0 && m->gov >= 0 && a->gov != m->gov) score += W_OTHER_CLAUSE;
    return score;
}

/* Cataphora: "he"/"she" inside a phrase or clause fronted before its
 * sentence's main subject takes up that subject when it is a name ("In his
 * review, William Ruhlmann wrote ...", "When he was minister, Kallergis
 * formed ..."). Such a pronoun is not resolved backwards again. */
static void pass_cataphora(rs *r)
{
    struct coref_doc *d = r->d;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if (m->kind != MK_PRONOUN || m->person != 3 || (m->gender != GEN_MASC && m->gender != GEN_FEM)) continue;
        if (m->flags & (MF_REFLEXIVE | MF_IN_QUOTE | MF_NONREF)) continue;
        /* climb to the child c of the sentence's root */
        int32_t c = (int32_t)m->head, root = d->toks[c].head;
        for (int steps = 0; root >= 0 && d->toks[root].head >= 0 && steps < 32; steps++) {
            c = root;
            root = d->toks[c].head;
        }
        if (root < 0 || d->toks[root].head >= 0) continue;
        int dr = d->toks[c].deprel;
        if (dr != DEP_OBL && dr != DEP_ADVCL && dr != DEP_OBL_TMOD) continue;
        /* "'... on his legs,' Slim stated": the quotation's speaker is no antecedent */
        int quoted = 0;
        for (int32_t k = (int32_t)m->te; k < root && !quoted; k++)
            quoted = d->toks[k].xpos == X_LQUOTE || d->toks[k].xpos == X_RQUOTE || lang_tok_has(d, (size_t)k, WC_QUOTE);
        if (quoted) continue;
        /* "Smith said that in his view, Jones ...": an antecedent before it in its own sentence */
        int back = 0;
        uint32_t si = d->toks[m->head].sent;
        for (size_t j = i; j-- > 0 && !back && d->toks[d->ments[j].head].sent == si;) back = pron_cand_ok(r, m, j);
        if (back) continue;
        for (size_t j = i + 1; j < d->nment && d->toks[d->ments[j].head].sent == d->toks[m->head].sent; j++) {
            const mention_t *s = &d->ments[j];
            if (d->toks[s->head].head != root || !is_subject(s->role)) continue;
            if (s->kind == MK_PROPER && (int32_t)s->tb > c && usable(s) && !(s->flags & MF_IN_QUOTE) &&
                !mention_is_coordination(d, s) && agree(r, m, (int32_t)j) && person_sign(r, m, j)) {
                merge(r, (int32_t)i, (int32_t)j);
                r->cata[i] = 1;
            }
            break;
        }
    }
}

/* Third-person pronouns: the best agreeing candidate in a short window,
 * preferring recent mentions, subjects and entities mentioned before. */
static void pass_pronoun(rs *r)
{
    struct coref_doc *d = r->d;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if (m->kind != MK_PRONOUN || m->person != 3) continue;
        if (m->flags & (MF_PLEONASTIC | MF_DEMONSTRATIVE | MF_INDEFINITE | MF_NONREF)) continue;
        if (!m->number && !m->gender) continue;   /* not a personal pronoun */
        if (r->cata[i]) continue;
        uint32_t si = d->toks[m->head].sent;
        int best_score = -1000000, second = -1000000, ncand = 0;
        int32_t best = -1;
        for (size_t j = i, lo = i > MAX_BACK ? i - MAX_BACK : 0; j-- > lo;) {
            if (si - d->toks[d->ments[j].head].sent > (m->gender == GEN_NEUT ? IT_SENTS : PRON_SENTS)) break;
            if (!pron_cand_ok(r, m, j)) continue;
            int score = hand_score(r, i, j);
            ncand++;
            if (score > best_score) {
                second = best_score;
                best_score = score;
                best = (int32_t)j;
            } else if (score > second) {
                second = score;
            }
        }
        if (best >= 0 && m->gender == GEN_NEUT && m->number != NUM_PL && best_score < IT_MIN) best = -1;
        if (best >= 0) {
            mention_t *mm = &d->ments[i];
            if (!mm->link) {
                mm->link_cands = (uint8_t)(ncand > 255 ? 255 : ncand);
                int margin = ncand > 1 ? best_score - second : 1000;
                mm->link_margin = (int16_t)(margin > 1000 ? 1000 : margin);
            }
            merge(r, (int32_t)i, best);
        }
    }
}

/* A demonstrative pronoun ("this", "that") continues one in the same or the
 * previous sentence: both usually name the same event or situation, which
 * is not itself a mention. */
#define DEM_SENTS 1
static void pass_demonstrative(rs *r)
{
    struct coref_doc *d = r->d;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if (!dem_pronoun(d, m)) continue;
        uint32_t si = d->toks[m->head].sent;
        for (size_t j = i, lo = i > MAX_BACK ? i - MAX_BACK : 0; j-- > lo;) {
            const mention_t *a = &d->ments[j];
            if (si - d->toks[a->head].sent > DEM_SENTS) break;
            if (!dem_pronoun(d, a)) continue;
            merge(r, (int32_t)i, (int32_t)j);
            break;
        }
    }
}

/* An "it" left alone continues a nearby "it"/"this"/"that": mostly the same
 * event or situation, which has no mention of its own. */
#define IT_CHAIN_SENTS 2
static void pass_it_chain(rs *r)
{
    struct coref_doc *d = r->d;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if (m->kind != MK_PRONOUN || !tok_is(d, m->head, "it") || (m->flags & (MF_PLEONASTIC | MF_NONREF))) continue;
        if (r->size[find(r, (int32_t)i)] > 1) continue;
        uint32_t si = d->toks[m->head].sent;
        for (size_t j = i, lo = i > MAX_BACK ? i - MAX_BACK : 0; j-- > lo;) {
            const mention_t *a = &d->ments[j];
            if (si - d->toks[a->head].sent > IT_CHAIN_SENTS) break;
            if (a->kind != MK_PRONOUN || (a->flags & (MF_PLEONASTIC | MF_NONREF))) continue;
            if (!(tok_is(d, a->head, "it") || dem_pronoun(d, a))) continue;
            merge(r, (int32_t)i, (int32_t)j);
            break;
        }
    }
}

/* ----------------------------------------------------------------- driver */

static int resolve(const struct coref_model *mdl, struct coref_doc *d, coref_pair_sink sink, void *user,
                   uint32_t groups)
{
    size_t n = d->nment;
    if (n == 0) return doc_finish_clusters(d);
    rs r;
    memset(&r, 0, sizeof r);
    r.d = d;
    r.noml = mdl && !sink ? mdl->nominal : NULL;
    r.sink = sink;
    r.sink_user = user;
    r.sink_groups = groups;
    r.learned = r.noml || sink;
    r.wc = mdl ? mdl->clusters : NULL;
    r.parent = malloc(n * sizeof *r.parent);
    r.num = malloc(n);
    r.gen = malloc(n);
    r.anim = malloc(n);
    r.et = malloc(n);
    r.size = malloc(n * sizeof *r.size);
    r.shash = malloc(n * sizeof *r.shash);
    r.hhash = malloc(n * sizeof *r.hhash);
    r.host = malloc(n * sizeof *r.host);
    r.cata = calloc(n, 1);
    int rc = -1;
    if (!r.parent || !r.num || !r.gen || !r.anim || !r.et || !r.size || !r.shash || !r.hhash || !r.host || !r.cata)
        goto out;
    for (size_t i = 0; i < n; i++) {
        const mention_t *m = &d->ments[i];
        r.parent[i] = (int32_t)i;
        r.num[i] = m->number;
        r.gen[i] = m->gender;
        r.anim[i] = m->animacy;
        r.et[i] = m->etype;
        r.size[i] = 1;
        /* hashes only pre-filter candidates: every match is checked on the text */
        uint64_t h = DOC_HASH_SEED;
        for (uint32_t t = m->tb; t < text_end(d, m) && t < d->ntok; t++) h = text_hash_lower(h, tok_s(d, t), tok_n(d, t)) * 31u;
        r.shash[i] = (uint32_t)(h ^ h >> 32);
        uint32_t hw = m->kind == MK_PROPER ? mention_name_end(d, m) : m->head;
        uint64_t hh = text_hash_lower(DOC_HASH_SEED, tok_s(d, hw), tok_n(d, hw));
        r.hhash[i] = (uint32_t)(hh ^ hh >> 32);
    }
    for (size_t i = 0; i < n; i++) {
        const mention_t *m = &d->ments[i];
        r.host[i] = -1;
        if (m->role != DEP_APPOS || !(m->flags & MF_NONREF)) continue;
        int32_t ph = d->toks[m->head].head;
        for (size_t k = i; k-- > 0 && ph >= 0;) {
            const mention_t *h = &d->ments[k];
            if (h->te <= m->tb && h->tb < m->tb && d->toks[h->tb].sent != d->toks[m->tb].sent) break;
            if ((int32_t)h->head == ph && h->tb <= m->tb && m->te <= h->te && usable(h)) {
                r.host[i] = (int32_t)k;
                break;
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        d->ments[i].link = 0;
        d->ments[i].link_pass = RP_NONE;
        d->ments[i].link_cands = 0;
        d->ments[i].link_margin = 0;
    }
    r.pass = RP_SPEAKER;
    pass_speaker(&r);
    r.pass = RP_EXACT;
    pass_exact(&r);
    r.pass = RP_PROPER;
    pass_proper(&r);
    r.pass = RP_FIRST_NAME;
    pass_first_name(&r);
    r.pass = RP_COMPANY;
    pass_company(&r);
    r.pass = RP_ACRONYM;
    pass_acronym(&r);
    r.pass = RP_HEAD;
    pass_head(&r, 1);
    r.pass = RP_ROLE;
    pass_role(&r);
    r.pass = RP_PLACE;
    pass_place(&r, mdl ? mdl->lex : NULL);
    if (r.learned && pass_learned(&r, mdl ? mdl->lex : NULL, mdl ? mdl->clusters : NULL) != 0) goto out;
    r.pass = RP_DEMONSTRATIVE;
    pass_demonstrative(&r);
    r.pass = RP_PRONOUN;   /* cataphora links are pronoun links too */
    pass_cataphora(&r);
    pass_pronoun(&r);
    r.pass = RP_IT_CHAIN;
    pass_it_chain(&r);
    for (size_t i = 0; i < n; i++) {
        mention_t *m = &d->ments[i];
        m->cluster = usable(m) ? find(&r, (int32_t)i) : -1;
        /* members inherit what the entity knows ("Lavrov" is a man) */
        if (m->cluster >= 0 && m->kind != MK_PRONOUN) {
            if (!m->etype) m->etype = r.et[m->cluster];
            if (!m->gender) m->gender = r.gen[m->cluster];
            if (!m->animacy) m->animacy = r.anim[m->cluster];
        }
    }
    rc = 0;
out:
    free(r.parent);
    free(r.num);
    free(r.gen);
    free(r.anim);
    free(r.et);
    free(r.size);
    free(r.shash);
    free(r.hhash);
    free(r.host);
    free(r.cata);
    if (rc || (rc = doc_finish_clusters(d)) != 0) return rc;
    /* the learned ranker (switched off by default) re-links, the sieve's clusters among its evidence */
    return mdl && mdl->ranker && mdl->use_ranker ? rank_resolve(mdl->ranker, d, NULL) : 0;
}

int coref_resolve(const struct coref_model *mdl, struct coref_doc *d) { return resolve(mdl, d, NULL, NULL, 0); }

int coref_resolve_collect(const struct coref_model *mdl, struct coref_doc *d, uint32_t groups, coref_pair_sink sink,
                          void *user)
{
    return resolve(mdl, d, sink, user, groups);
}
