/* Building documents by hand for the rewrite and writer tests: tokens,
 * rough tags, sentences, mentions and clusters from a plain sentence. */
#ifndef COREF_TEST_HANDDOC_H
#define COREF_TEST_HANDDOC_H
#include "check.h"
#include "core/doc.h"
#include "core/tagset.h"
#include "lang/lang.h"
#include "rewrite/rewrite.h"

static inline int is_ws(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

static inline int word_in(const char *s, size_t n, const char *const *list)
{
    for (; *list; list++) {
        size_t k = strlen(*list);
        if (k != n) continue;
        size_t i = 0;
        while (i < n && (s[i] | 0x20) == (*list)[i]) i++;
        if (i == n) return 1;
    }
    return 0;
}

static const char *const pron[] = {"he", "him", "his", "she", "her", "hers", "it", "its", "they", "them",
                                   "their", "theirs", "i", "me", "my", "we", "us", "our", "you", "your",
                                   "himself", "herself", "itself", "themselves", "who", "whom", "which",
                                   NULL};
static const char *const poss[] = {"his", "its", "their", "my", "our", "your", NULL};
static const char *const dets[] = {"the", "a", "an", NULL};

/* Length of a clitic at text[i] ('s 'd 'll 're 've 'm, not followed by a
 * letter), else 0. */
static inline size_t clitic_len(const char *text, size_t i, size_t len)
{
    static const char *const cl[] = {"'s", "'d", "'ll", "'re", "'ve", "'m", NULL};
    for (int k = 0; cl[k]; k++) {
        size_t n = strlen(cl[k]);
        if (i + n <= len && !strncmp(text + i, cl[k], n) &&
            (i + n >= len || !((text[i + n] | 0x20) >= 'a' && (text[i + n] | 0x20) <= 'z')))
            return n;
    }
    return 0;
}

/* Tokenize `text` on spaces, splitting off . , ; : ! ? ( ) " - 's 'd 'll 're
 * 've 'm and curly quotes; sentences end after . ! ?. Tags: PUNCT, PRON, DET,
 * capitalised -> PROPN, else NOUN. */
static inline struct coref_doc *mkdoc(const char *text)
{
    struct coref_doc *d = calloc(1, sizeof *d);
    assert_non_null(d);
    d->len = strlen(text);
    d->text = malloc(d->len + 1);
    memcpy(d->text, text, d->len + 1);
    size_t i = 0, sbeg = 0;
    while (i < d->len) {
        if (is_ws(text[i])) { i++; continue; }
        size_t j = i;
        if (strchr(".,;:!?()\"", text[i])) j = i + 1;
        else if (!strncmp(text + i, "\xe2\x80\x9c", 3) || !strncmp(text + i, "\xe2\x80\x9d", 3)) j = i + 3;
        else if (clitic_len(text, i, d->len)) j = i + clitic_len(text, i, d->len);
        else if (text[i] == '-') j = i + 1;
        else {
            while (j < d->len && !is_ws(text[j]) && !strchr(".,;:!?()\"-", text[j]) &&
                   strncmp(text + j, "\xe2\x80\x9c", 3) && strncmp(text + j, "\xe2\x80\x9d", 3) &&
                   !clitic_len(text, j, d->len))
                j++;
        }
        assert_int_equal(doc_add_token(d, (uint32_t)i, (uint32_t)j), 0);
        tok_t *t = &d->toks[d->ntok - 1];
        if (j < d->len && is_ws(text[j])) t->flags |= TF_SPACE_AFTER;
        const char *w = text + i;
        size_t n = j - i;
        if (n == 1 && strchr(".,;:!?()\"-", w[0])) t->upos = UPOS_PUNCT;
        else if (n == 3 && (unsigned char)w[0] == 0xe2 && (unsigned char)w[1] == 0x80) t->upos = UPOS_PUNCT;
        else if (n == 2 && !strncmp(w, "'s", 2)) { t->upos = UPOS_PART; t->xpos = X_POS; }
        else if (w[0] == '\'') t->upos = UPOS_AUX;
        else if (word_in(w, n, pron)) { t->upos = UPOS_PRON; t->xpos = word_in(w, n, poss) ? X_PRPS : X_PRP; }
        else if (word_in(w, n, dets)) t->upos = UPOS_DET;
        else if (w[0] >= 'A' && w[0] <= 'Z') t->upos = UPOS_PROPN;
        else t->upos = UPOS_NOUN;
        if (n == 1 && strchr(".!?", w[0])) {
            assert_int_equal(doc_add_sentence(d, (uint32_t)sbeg, (uint32_t)d->ntok), 0);
            sbeg = d->ntok;
        }
        i = j;
    }
    if (sbeg < d->ntok) assert_int_equal(doc_add_sentence(d, (uint32_t)sbeg, (uint32_t)d->ntok), 0);
    lang_mark_tokens(d);   /* word classes, as the pipeline driver gives them */
    return d;
}

/* Token range of the nth occurrence of `phrase` (aligned to tokens). */
static inline void find_span(struct coref_doc *d, const char *phrase, int nth, uint32_t *tb, uint32_t *te)
{
    *tb = *te = 0;
    size_t n = strlen(phrase);
    const char *p = d->text;
    while ((p = strstr(p, phrase))) {
        size_t a = (size_t)(p - d->text), b = a + n;
        long s = -1, e = -1;
        for (size_t k = 0; k < d->ntok; k++) {
            if (d->toks[k].start == a) s = (long)k;
            if (d->toks[k].end == b) e = (long)k;
        }
        if (s >= 0 && e >= s && nth-- == 0) {
            *tb = (uint32_t)s;
            *te = (uint32_t)e + 1;
            return;
        }
        p++;
    }
    fail_msg("phrase '%s' not found", phrase);
}

/* Add a mention over the nth occurrence of `phrase`; pronoun attributes
 * (person, gender, reflexive, relative, possessive) follow its text. */
static inline mention_t *ment(struct coref_doc *d, const char *phrase, int nth, int kind, int cluster, int etype)
{
    mention_t m;
    memset(&m, 0, sizeof m);
    find_span(d, phrase, nth, &m.tb, &m.te);
    m.head = m.te - 1;
    m.kind = (uint8_t)kind;
    m.cluster = cluster;
    m.etype = (uint8_t)etype;
    m.gov = m.speaker = -1;
    m.person = 3;
    if (kind == MK_PRONOUN) {
        static const char *const first[] = {"i", "me", "my", "we", "us", "our", NULL};
        static const char *const second[] = {"you", "your", NULL};
        static const char *const rel[] = {"who", "whom", "which", NULL};
        size_t n = strlen(phrase);
        if (word_in(phrase, n, first)) m.person = 1;
        if (word_in(phrase, n, second)) m.person = 2;
        if (word_in(phrase, n, rel)) m.flags |= MF_RELATIVE;
        if ((n > 4 && !strcmp(phrase + n - 4, "self")) || (n > 6 && !strcmp(phrase + n - 6, "selves")))
            m.flags |= MF_REFLEXIVE;
        if (word_in(phrase, n, poss)) m.flags |= MF_POSSESSIVE;
        if (phrase[0] == 'h' || phrase[0] == 'H') m.gender = phrase[1] == 'e' && phrase[2] == 'r' ? GEN_FEM : GEN_MASC;
        static const char *const she[] = {"she", NULL};
        if (word_in(phrase, n, she)) m.gender = GEN_FEM;
    }
    assert_int_equal(doc_add_mention(d, &m), 0);
    return &d->ments[d->nment - 1];
}

static inline int cmp_ment(const void *pa, const void *pb)
{
    const mention_t *a = pa, *b = pb;
    if (a->tb != b->tb) return a->tb < b->tb ? -1 : 1;
    if (a->te != b->te) return a->te > b->te ? -1 : 1;
    return 0;
}

/* Sort mentions, build clusters and names, as the pipeline does. */
static inline void finish(struct coref_doc *d)
{
    if (d->nment) qsort(d->ments, d->nment, sizeof *d->ments, cmp_ment);
    assert_int_equal(doc_finish_clusters(d), 0);
    assert_int_equal(rewrite_name_clusters(d), 0);
}

#endif
