/* The rewrite stage: canonical cluster names and the resolved text.
 *
 * Naming rule (README "Resolved text"):
 *  - A mention's name core is the run of name tokens (UPOS PROPN; capitalised
 *    tokens when the document is untagged) around its head. With a parse the
 *    run is narrowed to the head's `flat` chain ("Sergey Lavrov" out of
 *    "Foreign Minister Sergey Lavrov"); for persons everything up to the last
 *    title/role word is dropped as well ("Minister"); for non-persons a "the"
 *    right before the core is kept ("the United States").
 *  - The canonical mention of a cluster is its proper mention with the longest
 *    core (earliest on ties); cl_names[c] is that core's text with whitespace
 *    collapsed, or NULL when the cluster has no proper mention.
 *  - A replacement uses the full name until the full name has appeared in the
 *    text (as a mention or an earlier replacement); after that persons get
 *    their last name ("Lavrov"), unless another cluster or a person's
 *    name outside any cluster shares it.
 *  - A name a reader accepts: no title or role word alone or in front
 *    ("President", "Golfer Langer"), no fragment of a longer name ("Motors
 *    Corporation", "Rio de"): such a mention names nothing (name_core).
 *  - Only third-person pronouns (he him his she her hers it its they them
 *    their theirs) are replaced, and only when a proper mention of the
 *    cluster precedes them; with `nominals` definite nominal mentions too.
 *    By default not a pronoun whose name already stands earlier in its
 *    sentence (a proper mention or a replacement; rw_opts.all replaces it),
 *    and with a CONF section in the model only replacements whose
 *    confidence (rewrite/confidence.h) reaches the threshold.
 *    Every byte outside a replaced span is copied unchanged. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "core/doc.h"
#include "core/model.h"
#include "core/tagset.h"
#include "lang/lang.h"
#include "mention/mention.h"
#include "rewrite/confidence.h"
#include "rewrite/rewrite.h"
#include "text/text.h"

/* ------------------------------------------------------------ token tests */

static int valid_mention(const struct coref_doc *d, const mention_t *m)
{
    return m->tb < m->te && m->te <= d->ntok;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* First code point of token i is an upper-case letter. */
static int tok_upper_initial(const struct coref_doc *d, size_t i)
{
    const tok_t *t = &d->toks[i];
    if (t->end <= t->start) return 0;
    utf8proc_int32_t cp = -1;
    utf8proc_iterate((const utf8proc_uint8_t *)d->text + t->start, t->end - t->start, &cp);
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* 1 when a code point of token i has a Unicode category in [lo, hi], 0 when
 * none has, -1 on invalid UTF-8. */
static int tok_has_category(const struct coref_doc *d, size_t i, utf8proc_category_t lo, utf8proc_category_t hi)
{
    const tok_t *t = &d->toks[i];
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)d->text + t->start;
    utf8proc_ssize_t n = (utf8proc_ssize_t)(t->end - t->start);
    while (n > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, n, &cp);
        if (k <= 0) return -1;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat >= lo && cat <= hi) return 1;
        p += k;
        n -= k;
    }
    return 0;
}

/* Token i has no letter or digit (punctuation, quotes, dashes). */
static int tok_is_punct(const struct coref_doc *d, size_t i)
{
    const tok_t *t = &d->toks[i];
    if (t->upos == UPOS_PUNCT) return 1;
    if (t->upos != UPOS_NONE) return 0;
    return tok_has_category(d, i, UTF8PROC_CATEGORY_LU, UTF8PROC_CATEGORY_NO) == 0;
}

/* A name token: PROPN, or a capitalised word when the document is untagged. */
static int tok_namey(const struct coref_doc *d, size_t i)
{
    const tok_t *t = &d->toks[i];
    return t->upos == UPOS_PROPN || (t->upos == UPOS_NONE && tok_upper_initial(d, i));
}

/* Token i contains a letter (emoji, markup and punctuation never name). */
static int tok_has_letter(const struct coref_doc *d, size_t i)
{
    return tok_has_category(d, i, UTF8PROC_CATEGORY_LU, UTF8PROC_CATEGORY_LO) == 1;
}

/* Tokens i-1 and i are written together ("Jean-Claude", "She'd"). */
static int glued(const struct coref_doc *d, size_t i)
{
    return i > 0 && d->toks[i - 1].end == d->toks[i].start;
}

/* Token i is a hyphen joining two name tokens ("Jean-Claude"), in [b,e). */
static int name_hyphen(const struct coref_doc *d, size_t i, uint32_t b, uint32_t e)
{
    return i > b && i + 1 < e && tok_is(d, i, "-") && glued(d, i) && glued(d, i + 1) && tok_namey(d, i - 1) &&
           tok_namey(d, i + 1);
}

/* Token i is an emoji between two name tokens in [b,e) ("Georgia 🫠 Tech"):
 * it does not end the name (and core_text leaves it out). */
static int name_symbol(const struct coref_doc *d, size_t i, uint32_t b, uint32_t e)
{
    if (i <= b || i + 1 >= e || !text_token_is_symbol(d, i)) return 0;
    size_t l = i, r = i;
    while (l > b && text_token_is_symbol(d, l)) l--;
    while (r + 1 < e && text_token_is_symbol(d, r)) r++;
    return tok_namey(d, l) && tok_namey(d, r) && !text_token_is_symbol(d, l) && !text_token_is_symbol(d, r);
}

/* A coordination ("Merkel and Macron"), or, untagged, an "and"/"or" inside:
 * never a name for the group. */
static int coordination(const struct coref_doc *d, const mention_t *m)
{
    if (mention_is_coordination(d, m)) return 1;
    for (uint32_t t = m->tb + 1; t < m->te && t < d->ntok; t++)
        if (d->toks[t].upos == UPOS_NONE && (tok_is(d, t, "and") || tok_is(d, t, "or"))) return 1;
    return 0;
}

/* A title or role word ("President", "Golfer"): never a name alone, nor
 * in front of one. */
static int role_word(const struct coref_doc *d, size_t i)
{
    return lang_tok_has(d, i, WC_TITLE | WC_TITLE_PART | WC_ROLE);
}

/* A lower-case particle inside a longer name ("Rio de Janeiro"; with
 * `joiners` also "Bank of England"). */
static int name_particle(const struct coref_doc *d, size_t i, int joiners)
{
    return lang_tok_has(d, i, WC_NAME_PARTICLE | (joiners ? WC_NAME_JOINER : 0)) && !tok_upper_initial(d, i);
}

/* Token j (next to a name core, same sentence as token k) continues the
 * name: a name token written next to it, or a particle followed (dir = 1)
 * or preceded (dir = -1) by one ("Marshall Plan", "Rio de Janeiro"; "of"
 * unless a person's: "Dose of Colors"). A person's title or a name suffix
 * ("Jr.") is no continuation. */
static int continues_name(const struct coref_doc *d, int64_t j, size_t k, int dir, int person)
{
    if (j < 0 || (size_t)j >= d->ntok || d->toks[j].sent != d->toks[k].sent) return 0;
    if (name_particle(d, (size_t)j, !person)) {
        int64_t n = j + dir;
        return n >= 0 && (size_t)n < d->ntok && d->toks[n].sent == d->toks[k].sent && tok_namey(d, (size_t)n) &&
               !role_word(d, (size_t)n) && !tok_is_punct(d, (size_t)n);
    }
    return tok_namey(d, (size_t)j) && !tok_is_punct(d, (size_t)j) && !text_token_is_symbol(d, (size_t)j) &&
           !lang_tok_has(d, (size_t)j, WC_NAME_SUFFIX) && !(dir < 0 && d->toks[j].xpos == X_POS);
}

/* ------------------------------------------------------------- name cores */

typedef struct core {
    uint32_t b, e;   /* token range of the name */
    int the;         /* prefix "the " */
} core_t;

/* The name core of proper mention m (see the rule above). 0 when it has
 * none a reader accepts: empty, only title or role words ("President"), or
 * a fragment of a longer name ("Motors Corporation" of "General Motors
 * Corporation", "Plan" of "the Marshall Plan"). `person`: 1 a person, -1 an
 * entity of a known other type (its title words belong to its name:
 * "General Motors"), 0 unknown (a title in front of it leaves no name). */
static int name_core(const struct coref_doc *d, const mention_t *m, int person, core_t *out)
{
    const int thing = person < 0;
    if (thing) person = 0;
    uint32_t b = m->tb, e = m->te, s, t;
    uint32_t h = m->head >= b && m->head < e ? m->head : e - 1;
    out->the = 0;
    if (!tok_namey(d, h)) {
        uint32_t j = e;
        while (j > b && !tok_namey(d, j - 1)) j--;
        h = j > b ? j - 1 : e;
    }
    if (h < e) {
        s = h;
        while (s > b && (tok_namey(d, s - 1) || name_hyphen(d, s - 1, b, e) || name_symbol(d, s - 1, b, e))) s--;
        t = h + 1;
        while (t < e && (tok_namey(d, t) || name_hyphen(d, t, b, e) || name_symbol(d, t, b, e))) t++;
        /* A parsed name: keep the head's flat chain only. */
        uint32_t lo = UINT32_MAX, hi = 0;
        for (uint32_t i = s; i < t; i++) {
            const tok_t *k = &d->toks[i];
            if (k->deprel == DEP_FLAT && k->head >= (int32_t)s && k->head < (int32_t)t) {
                uint32_t hh = (uint32_t)k->head;
                if (hh < lo) lo = hh;
                if (i < lo) lo = i;
                if (i > hi) hi = i;
            }
        }
        if (lo != UINT32_MAX && lo <= hi) { s = lo; t = hi + 1; }
    } else {
        /* No name token at all: the mention minus articles and trailing 's. */
        s = b;
        t = e;
        while (s < t && (tok_is(d, s, "the") || tok_is(d, s, "a") || tok_is(d, s, "an"))) s++;
        while (t > s && (tok_is_punct(d, t - 1) || d->toks[t - 1].xpos == X_POS ||
                         tok_is(d, t - 1, "'s") || tok_is(d, t - 1, "\xe2\x80\x99s")))
            t--;
    }
    if (s >= t) return 0;
    /* hyphenated parts belong to the name ("Jean-Claude", "Ocasio-Cortez") */
    if (!person) {
        /* capitalised modifiers and "of X" are part of an organisation's or a
         * place's name ("the European Union", "the Bank of England") */
        for (;;) {
            while (s > b && tok_upper_initial(d, s - 1) && (thing || !role_word(d, s - 1)) &&
                   d->toks[s - 1].upos != UPOS_DET && d->toks[s - 1].upos != UPOS_PRON && !tok_is(d, s - 1, "the"))
                s--;
            if (!(s >= b + 2 && tok_is(d, s - 1, "of") && tok_upper_initial(d, s - 2) && !tok_is(d, s - 2, "the")))
                break;
            s -= 2;
        }
        while (t + 1 < e && tok_is(d, t, "of") && tok_upper_initial(d, t + 1)) {
            t += 2;
            while (t < e && tok_upper_initial(d, t)) t++;
        }
    }
    /* no emoji or markup at either end */
    while (s < t && !tok_has_letter(d, s)) s++;
    while (t > s && !tok_has_letter(d, t - 1)) t--;
    if (s >= t) return 0;
    if (person || !thing) {
        for (uint32_t i = t - 1; i > s; i--)
            if (role_word(d, i - 1)) {
                if (!person) return 0;   /* "General Motors" or "General Smith"? neither */
                s = i;
                break;
            }
    }
    /* a lower-case particle does not end a name ("Rio de") */
    while (t > s + 1 && name_particle(d, t - 1, 1)) t--;
    /* title and role words alone are no name ("President", "Golfer") */
    int all_roles = 1;
    for (uint32_t i = s; i < t && all_roles; i++) all_roles = role_word(d, i) || name_particle(d, i, 1);
    if (all_roles && !thing) return 0;
    /* a fragment of a longer name is none ("Motors Corporation", "Plan") */
    if (continues_name(d, (int64_t)s - 1, s, -1, person) && !(person && (role_word(d, s - 1) || s > m->tb))) return 0;
    if (continues_name(d, (int64_t)t, t - 1, 1, person)) return 0;
    if (!person) {
        uint32_t k = s;   /* "the ★ CPA" */
        while (k > m->tb && text_token_is_symbol(d, k - 1)) k--;
        if (k > m->tb && tok_is(d, k - 1, "the")) out->the = 1;
    }
    out->b = s;
    out->e = t;
    return 1;
}

/* Append text[a..b) with each whitespace run collapsed to one space. */
static void add_collapsed(buf_t *o, const char *text, size_t a, size_t b)
{
    size_t run = a;
    for (size_t i = a; i < b; i++) {
        if (!is_space((unsigned char)text[i])) continue;
        buf_add(o, text + run, i - run);
        size_t j = i;
        while (j < b && is_space((unsigned char)text[j])) j++;
        if (i > a && j < b) buf_putc(o, ' ');
        i = j - 1;
        run = j;
    }
    buf_add(o, text + run, b - run);
}

/* Append the text of tokens [b, e) as add_collapsed does, leaving out emoji
 * and pictographic symbols (text_token_is_symbol): a name or a nominal
 * never carries them ("Taylor 🎤 Swift" is named "Taylor Swift"). */
static void add_tokens_text(buf_t *o, const struct coref_doc *d, uint32_t b, uint32_t e)
{
    uint32_t run = b;   /* first token of the current run without symbols */
    int wrote = 0;
    for (uint32_t i = b; i <= e; i++) {
        if (i < e && !text_token_is_symbol(d, i)) continue;
        if (run < i) {
            if (wrote) buf_putc(o, ' ');
            add_collapsed(o, d->text, d->toks[run].start, d->toks[i - 1].end);
            wrote = 1;
        }
        run = i + 1;
    }
}

static char *core_text(const struct coref_doc *d, const core_t *c)
{
    buf_t o;
    buf_init(&o);
    if (c->the) buf_puts(&o, "the ");
    add_tokens_text(&o, d, c->b, c->e);
    return buf_take(&o, NULL);
}

/* ------------------------------------------------------ per-cluster forms */

typedef struct rw_cluster {
    char *full;       /* owned: the name, or the nominal canonical */
    char *shortf;     /* owned last name, or NULL to always use `full` */
    int32_t canon;    /* mention index of the canonical mention, -1 */
    int is_name;      /* 1 proper name, 0 nominal canonical */
    int person;       /* the cluster refers to a person */
    int kind;         /* cluster_kind: 1 person, -1 another known type, 0 unknown */
} rw_cluster;

static void free_clusters_ctx(rw_cluster *cl, size_t n)
{
    if (!cl) return;
    for (size_t c = 0; c < n; c++) {
        free(cl[c].full);
        free(cl[c].shortf);
    }
    free(cl);
}

/* A cluster refers to a person (1): the proper mentions' entity type when
 * known (-1 another type), else a gendered member (he/she); 0 unknown. */
static int cluster_kind(const struct coref_doc *d, size_t c)
{
    int gendered = 0;
    for (size_t k = d->cl_off[c]; k < d->cl_off[c + 1]; k++) {
        const mention_t *m = &d->ments[d->cl_members[k]];
        if (m->kind == MK_PROPER && m->etype != ET_UNK) return m->etype == ET_PERSON ? 1 : -1;
        if (m->gender == GEN_MASC || m->gender == GEN_FEM) gendered = 1;
    }
    return gendered;
}

/* The nominal canonical of cluster c: its first short definite nominal with
 * no pronoun or verb inside ("the Democrats"). -1 when none. */
static int32_t nominal_canon(const struct coref_doc *d, size_t c)
{
    for (size_t k = d->cl_off[c]; k < d->cl_off[c + 1]; k++) {
        size_t mi = d->cl_members[k];
        if (mi >= d->nment) continue;
        const mention_t *m = &d->ments[mi];
        if (m->kind != MK_NOMINAL || !valid_mention(d, m) || m->te - m->tb > 8) continue;
        if (m->flags & (MF_INDEFINITE | MF_DEMONSTRATIVE)) continue;
        if (tok_is(d, m->tb, "a") || tok_is(d, m->tb, "an")) continue;
        int ok = 1;
        for (uint32_t i = m->tb; i < m->te && ok; i++) {
            uint8_t u = d->toks[i].upos;
            if (u == UPOS_PRON || u == UPOS_VERB || u == UPOS_AUX || u == UPOS_SCONJ) ok = 0;
        }
        if (ok) return (int32_t)mi;
    }
    return -1;
}

/* Text of a nominal canonical: the span without a trailing 's, "The" -> "the". */
static char *nominal_text(const struct coref_doc *d, const mention_t *m)
{
    uint32_t e = m->te;
    while (e > m->tb + 1 && (d->toks[e - 1].xpos == X_POS || tok_is(d, e - 1, "'s") ||
                             tok_is(d, e - 1, "'") || tok_is(d, e - 1, "\xe2\x80\x99s")))
        e--;
    buf_t o;
    buf_init(&o);
    uint32_t a = m->tb;
    if (tok_is(d, m->tb, "the") && e > m->tb + 1) {
        buf_puts(&o, "the ");  /* lower-case even when sentence-initial */
        a = m->tb + 1;
    }
    add_tokens_text(&o, d, a, e);
    return buf_take(&o, NULL);
}

typedef struct name_ref { const char *s; size_t c; int is_short; } name_ref;

static int cmp_name_ref(const void *a, const void *b)
{
    return strcmp(((const name_ref *)a)->s, ((const name_ref *)b)->s);
}

/* Drop short forms that equal another cluster's short form or name, or the
 * last name of a person outside any cluster ("Michelle Obama" alone makes
 * "Obama" ambiguous for Barack's cluster). */
static int drop_ambiguous_shorts(const struct coref_doc *d, rw_cluster *cl, size_t nc)
{
    size_t nsolo = 0;
    for (size_t i = 0; i < d->nment; i++)
        if (d->ments[i].cluster < 0 && d->ments[i].kind == MK_PROPER && d->ments[i].etype == ET_PERSON) nsolo++;
    name_ref *r = malloc((2 * nc + nsolo + 1) * sizeof *r);
    char **solo = calloc(nsolo + 1, sizeof *solo);
    if (!r || !solo) {
        free(r);
        free(solo);
        return -1;
    }
    size_t n = 0, ns = 0;
    for (size_t c = 0; c < nc; c++) {
        if (cl[c].full && cl[c].is_name) r[n++] = (name_ref){cl[c].full, c, 0};
        if (cl[c].shortf) r[n++] = (name_ref){cl[c].shortf, c, 1};
    }
    for (size_t i = 0; i < d->nment && ns < nsolo; i++) {
        const mention_t *m = &d->ments[i];
        core_t co;
        if (m->cluster >= 0 || m->kind != MK_PROPER || m->etype != ET_PERSON) continue;
        if (!valid_mention(d, m) || coordination(d, m) || !name_core(d, m, 1, &co) || co.e - co.b < 2) continue;
        core_t sc = {co.e - 1, co.e, 0};
        if (!(solo[ns] = core_text(d, &sc))) {
            for (size_t k = 0; k < ns; k++) free(solo[k]);
            free(solo);
            free(r);
            return -1;
        }
        r[n++] = (name_ref){solo[ns], nc + ns, 0};
        ns++;
    }
    qsort(r, n, sizeof *r, cmp_name_ref);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        int multi = 0;
        while (j < n && strcmp(r[j].s, r[i].s) == 0) {
            if (r[j].c != r[i].c) multi = 1;
            j++;
        }
        if (multi)
            for (size_t k = i; k < j; k++)
                if (r[k].is_short && r[k].c < nc && cl[r[k].c].shortf) {
                    free(cl[r[k].c].shortf);
                    cl[r[k].c].shortf = NULL;
                }
        i = j;
    }
    for (size_t k = 0; k < ns; k++) free(solo[k]);
    free(solo);
    free(r);
    return 0;
}

/* Build the name/short form (and with `nominals` the nominal canonical) of
 * every cluster. NULL when out of memory; *ok = 0 then. */
static rw_cluster *build_forms(const struct coref_doc *d, int nominals, int *ok)
{
    *ok = 1;
    size_t nc = d->cl_off && d->cl_members ? d->ncluster : 0;
    rw_cluster *cl = calloc(nc + 1, sizeof *cl);
    if (!cl) { *ok = 0; return NULL; }
    for (size_t c = 0; c < nc; c++) {
        cl[c].canon = -1;
        const int kind = cl[c].kind = cluster_kind(d, c), person = cl[c].person = kind == 1;
        core_t best = {0, 0, 0};
        for (size_t k = d->cl_off[c]; k < d->cl_off[c + 1]; k++) {
            size_t mi = d->cl_members[k];
            if (mi >= d->nment) continue;
            const mention_t *m = &d->ments[mi];
            core_t co;
            if (m->kind != MK_PROPER || !valid_mention(d, m) || coordination(d, m)) continue;
            if (!name_core(d, m, kind, &co)) continue;
            if (cl[c].canon < 0 || co.e - co.b + (uint32_t)co.the > best.e - best.b + (uint32_t)best.the) {
                best = co;
                cl[c].canon = (int32_t)mi;
            }
        }
        if (cl[c].canon >= 0) {
            cl[c].is_name = 1;
            if (!(cl[c].full = core_text(d, &best))) goto nomem;
            if (person && best.e - best.b >= 2) {
                /* The short form: the one-word name the text itself uses for
                 * the person ("Wang" for "Wang Yi"), else the last name. */
                uint32_t last = best.e - 1;
                while (last > best.b && (lang_tok_has(d, last, WC_NAME_SUFFIX) || !tok_has_letter(d, last))) last--;
                int used = 0;
                for (size_t k = d->cl_off[c]; k < d->cl_off[c + 1] && !used; k++) {
                    size_t mi = d->cl_members[k];
                    if (mi >= d->nment) continue;
                    const mention_t *m = &d->ments[mi];
                    core_t co;
                    if (m->kind != MK_PROPER || !valid_mention(d, m) || !name_core(d, m, kind, &co)) continue;
                    if (co.e - co.b != 1) continue;
                    for (uint32_t w = best.b; w < best.e; w++)
                        if (tok_n(d, w) == tok_n(d, co.b) && memcmp(tok_s(d, w), tok_s(d, co.b), tok_n(d, w)) == 0 &&
                            tok_has_letter(d, w)) {
                            last = w;
                            used = 1;
                            break;
                        }
                }
                uint32_t first = last;   /* a hyphenated last name stays whole */
                while (first >= best.b + 2 && name_hyphen(d, first - 1, best.b, best.e)) first -= 2;
                /* a last name a reader accepts: capitalised, more than an initial
                 * ("J"), no particle ("de") */
                int short_ok = tok_upper_initial(d, first) && tok_n(d, last) >= 2 && !name_particle(d, last, 1) &&
                               tok_has_letter(d, last);
                if ((first > best.b || used) && short_ok) {
                    core_t sc = {first, last + 1, 0};
                    if (!(cl[c].shortf = core_text(d, &sc))) goto nomem;
                }
            }
        } else if (nominals) {
            int32_t mi = nominal_canon(d, c);
            if (mi >= 0) {
                cl[c].canon = mi;
                if (!(cl[c].full = nominal_text(d, &d->ments[mi]))) goto nomem;
            }
        }
    }
    if (drop_ambiguous_shorts(d, cl, nc) != 0) goto nomem;
    return cl;
nomem:
    free_clusters_ctx(cl, nc);
    *ok = 0;
    return NULL;
}

void rewrite_edit_features(const struct coref_doc *d, const rw_edit *e, float *x)
{
    const mention_t *m = &d->ments[e->mention];
    conf_cluster cs = {0, 0, 0, 0, 0};
    long near = -1;
    if (m->cluster >= 0 && (size_t)m->cluster < d->ncluster) {
        size_t c = (size_t)m->cluster;
        conf_cluster_stats(d, c, cluster_kind(d, c), &cs);
        for (size_t k = d->cl_off[c]; k < d->cl_off[c + 1]; k++)
            if (d->cl_members[k] < (size_t)e->mention && d->ments[d->cl_members[k]].kind == MK_PROPER)
                near = (long)d->cl_members[k];
    }
    conf_features(d, (size_t)e->mention, e->antecedent, &cs, near, x);
}

int rewrite_name_clusters(struct coref_doc *d)
{
    if (!d || !d->cl_names || !d->ncluster) return 0;
    int ok;
    rw_cluster *cl = build_forms(d, 0, &ok);
    if (!ok) return -1;
    for (size_t c = 0; c < d->ncluster; c++) {
        free(d->cl_names[c]);
        d->cl_names[c] = cl[c].is_name ? cl[c].full : NULL;
        if (cl[c].is_name) cl[c].full = NULL;
    }
    free_clusters_ctx(cl, d->ncluster);
    return 0;
}

/* ---------------------------------------------------------- the rewriting */

/* The third-person pronouns the rewrite replaces ("he", "its"; not
 * "himself", "this"): src/lang's pronoun classes. */
static int third_pronoun(const struct coref_doc *d, size_t i)
{
    uint64_t c = lang_tok(d, i);
    return (c & WC_PRONOUN) && (c & WC_PERSON3) && !(c & (WC_REFL | WC_DEM));
}

/* Mention starts its sentence (only opening quotes or brackets before it;
 * a list dash "- it denied" is no sentence start). */
static int sentence_initial(const struct coref_doc *d, uint32_t tb)
{
    uint32_t s = d->toks[tb].sent;
    uint32_t first = s < d->nsent ? d->sents[s].tok_begin : 0;
    for (uint32_t i = tb; i > first; i--) {
        const tok_t *t = &d->toks[i - 1];
        if (text_token_is_symbol(d, i - 1)) continue;   /* "😀 she said" */
        if (!tok_is_punct(d, i - 1)) return 0;
        unsigned char c = (unsigned char)d->text[t->start];
        /* ASCII quotes/brackets, or any multi-byte punctuation (curly quotes, guillemets) but dashes */
        if (c == '-' || (t->end - t->start == 3 && c == 0xe2 && (unsigned char)d->text[t->start + 1] == 0x80 &&
                         (unsigned char)d->text[t->start + 2] >= 0x90 && (unsigned char)d->text[t->start + 2] <= 0x95))
            return 0;
        if (c < 0x80 && c != '"' && c != '\'' && c != '(' && c != '[' && c != '`') return 0;
    }
    return 1;
}

/* Ends in a possessive marker token ("the diplomat 's"). */
static int ends_possessive(const struct coref_doc *d, const mention_t *m)
{
    uint32_t l = m->te - 1;
    return m->te - m->tb >= 2 && (d->toks[l].xpos == X_POS || tok_is(d, l, "'s") ||
                                   tok_is(d, l, "'") || tok_is(d, l, "\xe2\x80\x99s") ||
                                   tok_is(d, l, "\xe2\x80\x99"));
}

/* A nominal that restates an adjacent mention of its cluster (apposition,
 * "Lavrov, the diplomat,"), or a predicate ("Lavrov is the diplomat"). */
static int nominal_is_appositive(const struct coref_doc *d, const mention_t *m, int32_t prev_te,
                                 int32_t next_tb)
{
    if (m->head < d->ntok && d->toks[m->head].deprel == DEP_APPOS) return 1;
    if (m->head < d->ntok) {
        size_t ub, ue;
        doc_parse_unit(d, m->head, &ub, &ue);
        for (size_t i = ub; i < ue && i < d->ntok; i++)
            if (d->toks[i].head == (int32_t)m->head && d->toks[i].deprel == DEP_COP) return 1;
    }
    if (prev_te >= 0 && (uint32_t)prev_te <= m->tb) {
        uint32_t i = (uint32_t)prev_te;
        while (i < m->tb && tok_is_punct(d, i)) i++;
        if (i == m->tb) return 1;
    }
    if (next_tb >= 0 && (uint32_t)next_tb >= m->te) {
        uint32_t i = m->te;
        while (i < (uint32_t)next_tb && tok_is_punct(d, i)) i++;
        if (i == (uint32_t)next_tb) return 1;
    }
    return 0;
}

/* Append form s (possessive when asked; first letter upper-cased when cap). */
static void emit_form(buf_t *out, const char *s, int poss, int cap)
{
    size_t n = strlen(s);
    if (cap && n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
        if (k > 0) {
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), enc);
            buf_add(out, (const char *)enc, (size_t)m);
            s += k;
            n -= (size_t)k;
        }
    }
    buf_add(out, s, n);
    /* a name that is itself a possessive stays as it is ("McDonald's") */
    if (poss && !(n >= 2 && s[n - 2] == '\'' && (s[n - 1] == 's' || s[n - 1] == 'S')) &&
        !(n >= 4 && memcmp(s + n - 4, "\xe2\x80\x99s", 4) == 0)) {
        char last = n ? s[n - 1] : 0;
        buf_puts(out, last == 's' || last == 'S' ? "'" : "'s");
    }
}

int rewrite_text(const struct coref_doc *d, const rw_opts *opts, buf_t *out)
{
    return rewrite_text_edits(d, opts, out, NULL, NULL);
}

int rewrite_text_edits(const struct coref_doc *d, const rw_opts *opts, buf_t *out, rw_edit **edits, size_t *nedits)
{
    const rw_opts o = opts ? *opts : (rw_opts){0, 0, -1};
    const int nominals = o.nominals;
    const rw_conf *cm = d && d->model ? d->model->conf : NULL;
    const double min_conf = o.min_conf >= 0 ? o.min_conf : cm ? cm->threshold : 0;
    size_t ne = 0, cape = 0;
    rw_edit *ed = NULL;
    if (edits) *edits = NULL;
    if (nedits) *nedits = 0;
    if (!d || !d->text) return out->err ? -1 : 0;
    int ok;
    rw_cluster *cl = build_forms(d, nominals, &ok);
    if (!ok) return -1;
    size_t nc = d->cl_off && d->cl_members ? d->ncluster : 0;
    /* Per cluster: full name seen, proper mention seen, canonical seen,
     * furthest token end covered by a member, last member end, member cursor,
     * sentence + 1 where the name last stood (a proper mention or a
     * replacement). */
    size_t *state = calloc(7 * (nc + 1), sizeof *state);
    if (!state) { free_clusters_ctx(cl, nc); return -1; }
    size_t *shown = state, *seen_proper = state + (nc + 1), *seen_canon = state + 2 * (nc + 1);
    size_t *covered = state + 3 * (nc + 1), *last_te = state + 4 * (nc + 1);
    size_t *cursor = state + 5 * (nc + 1), *named_sent = state + 6 * (nc + 1);
    /* the confidence's view of each cluster, and its latest proper mention + 1 */
    conf_cluster *cstats = cm ? calloc(nc + 1, sizeof *cstats) : NULL;
    size_t *last_prop = cm ? calloc(nc + 1, sizeof *last_prop) : NULL;
    if (cm && (!cstats || !last_prop)) {
        free(cstats);
        free(last_prop);
        free(state);
        free_clusters_ctx(cl, nc);
        return -1;
    }
    for (size_t c = 0; cm && c < nc; c++) conf_cluster_stats(d, c, cl[c].kind, &cstats[c]);
    buf_t tmp;
    buf_init(&tmp);
    size_t pos = 0;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        int32_t c = m->cluster;
        if (c < 0 || (size_t)c >= nc) continue;
        size_t k = d->cl_off[c] + cursor[c]++;
        if (!valid_mention(d, m)) continue;
        int inside = covered[c] >= m->te;
        if (m->te > covered[c]) covered[c] = m->te;
        int32_t prev_te = last_te[c] ? (int32_t)last_te[c] - 1 : -1;
        last_te[c] = (size_t)m->te + 1;
        int32_t next_tb = -1;
        if (k + 1 < d->cl_off[c + 1] && d->cl_members[k + 1] < d->nment)
            next_tb = (int32_t)d->ments[d->cl_members[k + 1]].tb;
        size_t S = d->toks[m->tb].start, E = d->toks[m->te - 1].end;
        const rw_cluster *f = &cl[c];
        if ((int32_t)i == f->canon) seen_canon[c] = 1;
        size_t sent1 = (size_t)d->toks[m->tb].sent + 1;
        if (m->kind == MK_PROPER) {
            seen_proper[c] = 1;
            named_sent[c] = sent1;
            if (last_prop) last_prop[c] = i + 1;
            if (f->is_name && !shown[c]) {
                tmp.len = 0;
                add_tokens_text(&tmp, d, m->tb, m->te);
                if (tmp.err) break;
                if (tmp.len && strstr(tmp.p, f->full)) shown[c] = 1;
            }
            continue;
        }
        if (inside || !f->full || S < pos) continue;
        int poss = 0;
        if (m->kind == MK_PRONOUN) {
            if (m->te - m->tb != 1 || !third_pronoun(d, m->tb)) continue;
            if (m->person == 1 || m->person == 2) continue;
            if (m->flags & (MF_REFLEXIVE | MF_RELATIVE | MF_PLEONASTIC | MF_DEMONSTRATIVE | MF_INDEFINITE))
                continue;
            if (f->is_name ? !seen_proper[c] : !seen_canon[c]) continue;
            /* "Lavrov said his country": the sentence names him already */
            if (!o.all && f->is_name && named_sent[c] == sent1) continue;
            /* "she'd", "they're": the contraction would stay on the name
             * (punctuation or an emoji may follow: "She😀 said") */
            if (m->te < d->ntok && glued(d, m->te) && !tok_is_punct(d, m->te) &&
                !text_token_is_symbol(d, m->te))
                continue;
            /* a person's name cannot stand for "they" */
            if (f->is_name && f->person &&
                lang_tok_has(d, m->tb, WC_PL))
                continue;
            const tok_t *t = &d->toks[m->tb];
            poss = lang_tok_has(d, m->tb, WC_POSS) ||
                   (tok_is(d, m->tb, "her") && ((m->flags & MF_POSSESSIVE) || t->xpos == X_PRPS ||
                                                 t->deprel == DEP_NMOD_POSS || t->deprel == DEP_DET_POSS));
        } else if (m->kind == MK_NOMINAL) {
            if (!nominals || !f->is_name || !seen_proper[c]) continue;
            if (m->flags & (MF_INDEFINITE | MF_DEMONSTRATIVE)) continue;
            if (tok_is(d, m->tb, "a") || tok_is(d, m->tb, "an")) continue;
            if (next_tb >= 0 && (uint32_t)next_tb < m->te) continue;  /* contains a member */
            if (nominal_is_appositive(d, m, prev_te, next_tb)) continue;
            poss = ends_possessive(d, m);
        } else {
            continue;
        }
        /* how sure: below the threshold the mention stays as written */
        float conf = -1;
        if (cm) {
            float x[CF_N];
            conf_features(d, i, f->canon, &cstats[c], (long)last_prop[c] - 1, x);
            conf = (float)conf_prob(cm, x);
            if (conf < min_conf) continue;
        }
        const char *form = f->full;
        if (f->is_name && shown[c] && f->shortf) form = f->shortf;
        int cap = sentence_initial(d, m->tb) || tok_upper_initial(d, m->tb);
        buf_add(out, d->text + pos, S - pos);
        size_t at = out->len;
        emit_form(out, form, poss, cap);
        if (edits) {
            if (ne == cape) {
                size_t nc2 = cape ? 2 * cape : 16;
                rw_edit *q = realloc(ed, nc2 * sizeof *ed);
                if (!q) { out->err = 1; break; }
                ed = q;
                cape = nc2;
            }
            ed[ne++] = (rw_edit){m->tb, m->te, at, out->len - at, f->canon, (int32_t)i, conf};
        }
        pos = E;
        if (f->is_name) {
            shown[c] = 1;
            named_sent[c] = sent1;
        }
    }
    buf_add(out, d->text + pos, d->len - pos);
    int bad = tmp.err;
    buf_free(&tmp);
    free(state);
    free(cstats);
    free(last_prop);
    free_clusters_ctx(cl, nc);
    if (out->err || bad) {
        free(ed);
        return -1;
    }
    if (edits) {
        *edits = ed;
        *nedits = ne;
    }
    return 0;
}
