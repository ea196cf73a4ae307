/* Tokenizer and sentence splitter following UD English (EWT/GUM): tokens are
 * syntactic words (clitics split off: "don't" -> "do" "n't"), punctuation is
 * split, abbreviations, numbers, URLs, e-mails, handles and emoticons stay
 * whole. Every token is an exact byte span of d->text; skipped ranges
 * (d->skip) never yield tokens and always end a sentence.
 *
 * One left-to-right byte scan per whitespace-delimited chunk, no allocation
 * besides the document's token and sentence arrays. */
#include <string.h>
#include <utf8proc.h>
#include "core/doc.h"
#include "lang/lang.h"
#include "text/text.h"

/* ------------------------------------------------------------ characters */

/* Decode one code point at s[i] with bounds and validity checks; *len gets
 * its byte length (1 for an invalid byte, decoded as U+FFFD). */
static int32_t dec(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    unsigned char c = s[i];
    if (c < 0x80) { *len = 1; return c; }
    size_t l = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (l == 0 || i + l > n) { *len = 1; return 0xFFFD; }
    int32_t cp = c & (0x7F >> l);
    for (size_t k = 1; k < l; k++) {
        if ((s[i + k] & 0xC0) != 0x80) { *len = 1; return 0xFFFD; }
        cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    *len = l;
    return cp;
}

static int is_space_cp(int32_t c)
{
    if (c < 0x80) return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    return c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

static int is_alpha_a(int c) { return (unsigned)((c | 32) - 'a') < 26; }
static int is_digit_a(int c) { return (unsigned)(c - '0') < 10; }
static int is_upper_a(int c) { return (unsigned)(c - 'A') < 26; }
static int is_lower_a(int c) { return (unsigned)(c - 'a') < 26; }

/* Letters, marks and digits of any script, and '_', form words. */
static int is_word_cp(int32_t c)
{
    if (c < 0x80) return is_alpha_a(c) || is_digit_a(c) || c == '_';
    if (c == 0xFFFD) return 0;
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_NO);
}

static int is_letter_cp(int32_t c)
{
    if (c < 0x80) return is_alpha_a(c);
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static int is_upper_cp(int32_t c)
{
    if (c < 0x80) return is_upper_a(c);
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static int is_lower_cp(int32_t c)
{
    if (c < 0x80) return is_lower_a(c);
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

static int is_apos(int32_t c) { return c == '\'' || c == 0x2019; }

/* ------------------------------------------------------- emoji, symbols */

/* Code points of the emoji blocks (Unicode's Extended_Pictographic ranges
 * U+1F000..1FAFF and U+1FC00..1FFFD, which also hold the skin-tone
 * modifiers U+1F3FB..1F3FF and the regional indicators U+1F1E6..1F1FF).
 * The blocks are reserved for emoji: code points still unassigned in
 * utf8proc's Unicode version (category Cn) are the emoji of later
 * versions. This table is the only place that names emoji code points;
 * everything else comes from utf8proc's categories. */
static int in_emoji_blocks(int32_t c)
{
    return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x1FC00 && c <= 0x1FFFD);
}

/* A code point that stands alone as a pictograph: the emoji blocks, and
 * non-ASCII symbols of category So (dingbats, ★ ♥ ™ © ®) or Sm from
 * U+2000 on (arrows, math operators). Left out: ASCII symbols, currency
 * (Sc), modifier letters (Sk, e.g. the acute accent used as an apostrophe)
 * and the Latin-1 signs ° ± × ¬ ÷ § that the treebanks tag as words. */
static int is_pictograph_cp(int32_t c)
{
    if (c < 0xA9) return 0;
    if (c < 0x2000) return c == 0xA9 || c == 0xAE;   /* (c) (R) */
    if (in_emoji_blocks(c)) return 1;
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_SO || k == UTF8PROC_CATEGORY_SM;
}

/* Code points that modify the pictograph before them: variation selectors
 * (text/emoji style), skin tones, the combining keycap, tag characters
 * (subdivision flags such as England's). */
static int is_emoji_modifier(int32_t c)
{
    return c == 0xFE0E || c == 0xFE0F || (c >= 0x1F3FB && c <= 0x1F3FF) || c == 0x20E3 ||
           (c >= 0xE0020 && c <= 0xE007F);
}

static int is_regional_indicator(int32_t c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }

/* Byte length of the emoji or symbol sequence at s[p] within [p,b), 0 when
 * none starts there. One sequence is one token: a pictograph with its
 * modifiers, pictographs joined by ZERO WIDTH JOINER (U+200D), a pair of
 * regional indicators (a flag), a keycap ([0-9#*], optional U+FE0F,
 * U+20E3). A joiner with no pictograph after it stays in the sequence
 * rather than becoming an invisible token of its own. */
static size_t symbol_seq_len(const unsigned char *s, size_t p, size_t b)
{
    size_t l, l2;
    int32_t c = dec(s, b, p, &l);
    if (c == '#' || c == '*' || is_digit_a(c)) {
        size_t r = p + 1;
        if (r < b && dec(s, b, r, &l2) == 0xFE0F) r += l2;
        if (r < b && dec(s, b, r, &l2) == 0x20E3) return r + l2 - p;
        return 0;
    }
    if (!is_pictograph_cp(c)) return 0;
    size_t q = p + l;
    for (;;) {
        if (is_regional_indicator(c)) {
            if (q < b && is_regional_indicator(dec(s, b, q, &l2))) q += l2;
        } else {
            while (q < b && is_emoji_modifier(dec(s, b, q, &l2))) q += l2;
        }
        if (q >= b || dec(s, b, q, &l2) != 0x200D) break;
        q += l2;
        if (q >= b || !is_pictograph_cp(c = dec(s, b, q, &l))) break;
        q += l;
    }
    return q - p;
}

int text_symbol_token(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    if (!s || n == 0 || symbol_seq_len(s, 0, n) != n) return TEXT_NOT_SYMBOL;
    size_t l;
    int32_t c = dec(s, n, 0, &l);
    return c >= 0x2000 && !in_emoji_blocks(c) && utf8proc_category(c) == UTF8PROC_CATEGORY_SM
               ? TEXT_SYMBOL_MATH : TEXT_SYMBOL_PICTOGRAPH;
}

int text_token_is_symbol(const struct coref_doc *d, size_t i)
{
    if (!d || i >= d->ntok) return 0;
    const tok_t *t = &d->toks[i];
    if (t->start >= t->end || t->end > d->len) return 0;
    return text_symbol_token(d->text + t->start, t->end - t->start) != TEXT_NOT_SYMBOL;
}

/* ------------------------------------------------------------ word lists */

/* Case-insensitive ASCII comparison of s[0..n) with the NUL-terminated w. */
static int eq_ci(const unsigned char *s, size_t n, const char *w)
{
    size_t i = 0;
    for (; i < n; i++) {
        int c = s[i];
        if (!w[i]) return 0;
        if (is_upper_a(c)) c |= 32;
        if (c != w[i]) return 0;
    }
    return w[i] == 0;
}

/* Case-sensitive comparison of s[0..n) with w. */
static int eq_cs(const unsigned char *s, size_t n, const char *w)
{
    return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* The word lists the tokenizer consults are word classes of src/lang:
 * hyphen prefixes, abbreviations that keep their period (in the case
 * words.def gives them), those before a name, sentence starters and fused
 * forms. Class test of the word s[0..n), case-insensitive. */
static int word_has(const unsigned char *s, size_t n, uint64_t any)
{
    return (lang_classes((const char *)s, n) & any) != 0;
}

/* s[0..n) is an abbreviation of class `cap` written capitalised or of
 * class `lower` written in lower case ("Calif", "etc"; not "CALIF"). */
static int abbrev_as_written(const unsigned char *s, size_t n, uint64_t cap, uint64_t lower)
{
    uint64_t c = lang_classes((const char *)s, n);
    return ((c & cap) && lang_case_is((const char *)s, n, 1)) || ((c & lower) && lang_case_is((const char *)s, n, 0));
}

/* --------------------------------------------------------------- emitting */

typedef struct scan {
    struct coref_doc *d;
    const unsigned char *s;
    size_t n;
    size_t nourl;      /* no URL/e-mail starts before this offset (unless a scheme) */
    int err;
} scan_t;

/* Add token [a,b); TF_SPACE_AFTER when whitespace follows in the text. */
static void emit(scan_t *sc, size_t a, size_t b)
{
    if (sc->err || b <= a) return;
    if (doc_add_token(sc->d, (uint32_t)a, (uint32_t)b)) { sc->err = 1; return; }
    if (b < sc->n) {
        size_t l;
        if (is_space_cp(dec(sc->s, sc->n, b, &l))) sc->d->toks[sc->d->ntok - 1].flags |= TF_SPACE_AFTER;
    }
}

/* ------------------------------------------------------------------ words */

/* Length of a URL / e-mail / domain starting at p (0 if none), trailing
 * punctuation trimmed. Looks at most 2048 bytes ahead. */
static size_t url_len(const unsigned char *s, size_t p, size_t b, size_t *memo)
{
    size_t lim = b - p > 2048 ? p + 2048 : b;
    size_t rem = lim - p;
    int scheme = (rem > 7 && eq_ci(s + p, 7, "http://")) || (rem > 8 && eq_ci(s + p, 8, "https://")) ||
                 (rem > 6 && eq_ci(s + p, 6, "ftp://")) || (rem > 4 && eq_ci(s + p, 4, "www.")) ||
                 (rem > 7 && eq_ci(s + p, 7, "mailto:"));
    /* a position inside a run already found URL-free cannot start one */
    if (!scheme && p < *memo) return 0;
    size_t q = p;
    int at = 0, dot_after_at = 0, tld = 0, parens = 0;
    while (q < lim) {
        unsigned char c = s[q];
        if (c <= ' ' || c == '"' || c == '<' || c == '>' || c >= 0x80) break;
        if (is_digit_a(c) && symbol_seq_len(s, q, lim)) break;   /* a keycap after it */
        if (!scheme && (c == ',' || c == '(' || c == ')' || c == '[' || c == ']' || c == ';' || c == '\'')) break;
        if (c == '@') { if (at) break; at = 1; }
        else if (c == '.' && at && q + 1 < lim && is_alpha_a(s[q + 1])) dot_after_at = 1;
        if (c == '.' && q + 3 < lim + 1) {
            size_t r = q + 1, k = 0;
            while (r < lim && is_alpha_a(s[r]) && k < 5) { r++; k++; }
            if (r >= lim || !is_alpha_a(s[r])) {
                const unsigned char *t = s + q + 1;
                if (eq_ci(t, k, "com") || eq_ci(t, k, "org") || eq_ci(t, k, "net") || eq_ci(t, k, "edu") ||
                    eq_ci(t, k, "gov") || eq_ci(t, k, "html") || eq_ci(t, k, "htm") || eq_ci(t, k, "php"))
                    tld = 1;
            }
        }
        if (c == '(') parens++;
        if (c == ')') { if (parens == 0) break; parens--; }
        q++;
    }
    if (!scheme && !tld && !(at && dot_after_at)) { *memo = q; return 0; }
    /* Trim trailing punctuation that belongs to the sentence. */
    while (q > p && (s[q - 1] == '.' || s[q - 1] == ',' || s[q - 1] == ';' || s[q - 1] == ':' ||
                     s[q - 1] == '!' || s[q - 1] == '?' || s[q - 1] == '\'' || s[q - 1] == '-'))
        q--;
    if (scheme) return q - p > 8 ? q - p : 0;
    if (at && dot_after_at) {
        /* e-mail: local part must be word-ish and non-empty */
        if (s[p] == '@') return 0;
        return q - p;
    }
    if (at) return 0;
    if (tld) {
        /* a bare domain needs a dot and no sentence-like capitalised second part */
        return q - p;
    }
    return 0;
}

/* Emit a word [p,q) splitting clitics and fused forms the treebanks split. */
static void emit_word(scan_t *sc, size_t p, size_t q)
{
    const unsigned char *s = sc->s;
    size_t n = q - p;
    if (n >= 4 && n <= 7) {
        /* fused forms: cannot, gonna, wanna, gotta, dont, ... */
        const lang_word *fw = lang_find((const char *)s + p, n);
        if (fw && (fw->classes & WC_FUSED)) {
            emit(sc, p, p + fw->split);
            emit(sc, p + fw->split, q);
            return;
        }
    }
    /* n't with ' or ’ (’ is 3 bytes) */
    if (n >= 4) {
        size_t e = q;
        if ((s[e - 1] | 32) == 't') {
            size_t a = 0;
            if (s[e - 2] == '\'') a = e - 2;
            else if (e - p >= 6 && s[e - 2] == 0x99 && s[e - 3] == 0x80 && s[e - 4] == 0xE2) a = e - 4;
            if (a > p + 1 && (s[a - 1] | 32) == 'n') {
                emit(sc, p, a - 1);
                emit(sc, a - 1, q);
                return;
            }
        }
    }
    /* 's 're 've 'll 'd 'm */
    for (size_t k = 1; k <= 2 && k + 1 < n; k++) {
        size_t a = q - k; /* start of the suffix letters */
        const unsigned char *t = s + a;
        int ok = k == 1 ? ((t[0] | 32) == 's' || (t[0] | 32) == 'd' || (t[0] | 32) == 'm')
                        : (eq_ci(t, 2, "re") || eq_ci(t, 2, "ve") || eq_ci(t, 2, "ll"));
        if (!ok) continue;
        size_t ap = 0;
        if (a >= p + 2 && s[a - 1] == '\'') ap = a - 1;
        else if (a >= p + 4 && s[a - 1] == 0x99 && s[a - 2] == 0x80 && s[a - 3] == 0xE2) ap = a - 3;
        if (ap > p && !(k == 1 && (t[0] | 32) == 's' && is_digit_a(s[ap - 1]))) {
            emit(sc, p, ap);
            emit(sc, ap, q);
            return;
        }
    }
    /* 7:30PM -> 7:30 PM ; 5pm -> 5 pm */
    if (n >= 3 && is_digit_a(s[p]) && eq_ci(s + q - 2, 2, "pm") + eq_ci(s + q - 2, 2, "am")) {
        size_t i = p;
        while (i < q - 2 && (is_digit_a(s[i]) || s[i] == ':' || s[i] == '.')) i++;
        if (i == q - 2) {
            emit(sc, p, q - 2);
            emit(sc, q - 2, q);
            return;
        }
    }
    emit(sc, p, q);
}

/* End of the word starting at p (a word character) within [p,b). Sets
 * *dotted when it has internal periods. */
static size_t scan_word(const unsigned char *s, size_t p, size_t b, int *dotted)
{
    size_t q = p, seg = p;
    *dotted = 0;
    for (;;) {
        while (q < b) {
            size_t l;
            int32_t c = s[q] < 0x80 ? s[q] : dec(s, b, q, &l);
            if (c < 0x80) {
                if (!(is_alpha_a(c) || is_digit_a(c) || c == '_')) break;
                if (q > p && is_digit_a(c) && symbol_seq_len(s, q, b)) break;   /* "cells1️⃣" */
                q++;
            } else {
                if (!is_word_cp(c)) break;
                q += l;
            }
        }
        if (q >= b) break;
        size_t l;
        int32_t c = dec(s, b, q, &l);
        size_t r = q + l;
        if (r >= b) break;
        size_t l2;
        int32_t nx = dec(s, b, r, &l2);
        if (!is_word_cp(nx)) break;
        int prev_digit = is_digit_a(s[q - 1]);
        if (c == '.') { *dotted = 1; q = r; seg = r; continue; }
        if ((c == ':' || c == '/') && prev_digit && is_digit_a(nx)) { q = r; continue; }
        if (c == ',' && prev_digit && is_digit_a(nx) && r + 3 <= b && is_digit_a(s[r + 1]) &&
            is_digit_a(s[r + 2]) && (r + 3 == b || !is_digit_a(s[r + 3]))) {
            q = r;
            continue;
        }
        if (c == '&' && is_upper_a(s[q - 1]) && is_upper_a(nx)) { q = r; continue; }
        if (is_apos(c) && is_letter_cp(nx)) { q = r; continue; }
        if (c == '-') {
            if (q - seg <= 8 && word_has(s + seg, q - seg, WC_HYPH_PREFIX)) {
                q = r;
                seg = r;
                continue;
            }
            /* phone numbers and codes: 713-853-3989 */
            if (prev_digit && is_digit_a(nx)) {
                size_t i = r, k = 0;
                while (i < b && is_digit_a(s[i])) { i++; k++; }
                if (q - seg >= 3 && k >= 3 && (i < b && s[i] == '-' ? 1 : k == 4)) { q = r; seg = r; continue; }
            }
        }
        break;
    }
    /* "flavor(s)" stays one word */
    if (q + 3 <= b && s[q] == '(' && s[q + 1] == 's' && s[q + 2] == ')' && is_alpha_a(s[q - 1]) &&
        (q + 3 == b || !is_word_cp(s[q + 3])))
        q += 3;
    return q;
}

/* 1 when the word [p,q) (with internal periods) looks like "U.S" / "e.g" /
 * "Ph.D": every period-separated part is 1-3 letters. */
static int dotted_abbrev(const unsigned char *s, size_t p, size_t q)
{
    size_t k = 0;
    for (size_t i = p; i < q; i++) {
        if (s[i] == '.') { if (k == 0 || k > 3) return 0; k = 0; }
        else if (is_alpha_a(s[i])) k++;
        else return 0;
    }
    return k >= 1 && k <= 3;
}

/* 1 when only spaces/tabs separate p from the previous newline or the text start. */
static int line_start(const unsigned char *s, size_t p)
{
    while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '\t')) p--;
    return p == 0 || s[p - 1] == '\n';
}

/* 1 when [p,q) is digits and periods only. */
static int all_num(const unsigned char *s, size_t p, size_t q)
{
    for (size_t i = p; i < q; i++)
        if (!is_digit_a(s[i]) && s[i] != '.') return 0;
    return 1;
}

/* Tokenize one whitespace-free chunk [a,b). */
static void do_chunk(scan_t *sc, size_t a, size_t b)
{
    const unsigned char *s = sc->s;
    size_t p = a;
    while (p < b && !sc->err) {
        size_t l;
        int32_t c = dec(s, b, p, &l);
        size_t sym = symbol_seq_len(s, p, b);
        if (sym) {
            emit(sc, p, p + sym);
            p += sym;
            continue;
        }
        if (is_word_cp(c)) {
            size_t u = url_len(s, p, b, &sc->nourl);
            if (u) { emit(sc, p, p + u); p += u; continue; }
            int dotted;
            size_t q = scan_word(s, p, b, &dotted);
            if (q < b && s[q] == '.') {
                size_t w = q - p;
                int keep = 0;
                if (dotted && !is_digit_a(s[p])) keep = dotted_abbrev(s, p, q);
                else if (w == 1 && is_upper_a(s[p])) keep = 1;           /* initial J. */
                else if (abbrev_as_written(s + p, w, WC_ABBREV_CAP, WC_ABBREV_LOWER)) keep = 1;
                else if (is_digit_a(s[p]) && w <= 6 && q + 1 == b && all_num(s, p, q) &&
                         (line_start(s, p) || (dotted && q + 2 < sc->n && s[q + 1] == ' ' && is_upper_a(s[q + 2]))))
                    keep = 1;                                         /* list item "2.1." */
                else if (eq_cs(s + p, w, "No") || eq_cs(s + p, w, "no"))  /* No. 5 */
                    keep = q + 1 < sc->n && (is_digit_a(s[q + 1]) || (s[q + 1] == ' ' && q + 2 < sc->n && is_digit_a(s[q + 2])));
                if (keep) {
                    emit(sc, p, q + 1);
                    p = q + 1;
                    continue;
                }
            }
            /* a cut-off word "th-" keeps its hyphen (GUM) */
            if (q + 1 <= b && s[q] == '-' && (q + 1 == b || s[q + 1] == ',') && !dotted) {
                emit(sc, p, q + 1);
                p = q + 1;
                continue;
            }
            emit_word(sc, p, q);
            p = q;
            continue;
        }
        /* punctuation and symbols */
        size_t q = p + l;
        if (c == '.' || c == '!' || c == '?') {
            while (q < b && (s[q] == '.' || s[q] == '!' || s[q] == '?')) q++;
        } else if (c == '-' || c == '`' || c == '=' || c == '*' || c == '_' || c == '~' ||
                   ((c == '<' || c == '>') && q < b && s[q] == (unsigned char)c)) {
            while (q < b && s[q] == (unsigned char)c) q++;
        } else if (c == 0x2026 || c == 0x2014 || c == 0x2013) {
            size_t l2;
            while (q < b && dec(s, b, q, &l2) == c) q += l2;
        } else if (c == '\'' || c == 0x2019) {
            if (c == '\'' && q < b && s[q] == '\'') {
                q++;                                  /* '' closing quote */
            } else if (q < b) {
                /* 's 'll ... as a separate word, or 'em '90s 'cause */
                size_t r = q;
                while (r < b && r - q < 8 && is_alpha_a(s[r])) r++;
                int endw = r >= b || !is_word_cp(dec(s, b, r, &l));
                size_t k = r - q;
                if (k && endw && (eq_ci(s + q, k, "s") || eq_ci(s + q, k, "re") || eq_ci(s + q, k, "ve") ||
                                  eq_ci(s + q, k, "ll") || eq_ci(s + q, k, "d") || eq_ci(s + q, k, "m") ||
                                  eq_ci(s + q, k, "em") || eq_ci(s + q, k, "cause") || eq_ci(s + q, k, "til") ||
                                  eq_ci(s + q, k, "n")) && (p == a || !is_word_cp(s[p - 1]) || k <= 2)) {
                    if (!(eq_ci(s + q, k, "em") || eq_ci(s + q, k, "cause") || eq_ci(s + q, k, "til") ||
                          eq_ci(s + q, k, "n")) || p == a)
                        q = r;
                } else if (k == 0 && q + 1 < b && is_digit_a(s[q]) && is_digit_a(s[q + 1])) {
                    size_t r2 = q;
                    while (r2 < b && is_digit_a(s[r2])) r2++;
                    if (r2 < b && s[r2] == 's') r2++;
                    if (r2 - q <= 3) q = r2;          /* '90s */
                }
            }
        } else if ((c == '@' || c == '#') && q < b && (is_alpha_a(s[q]) || (c == '@' && is_digit_a(s[q])))) {
            while (q < b && (is_alpha_a(s[q]) || is_digit_a(s[q]) || s[q] == '_')) q++;
        } else if ((c == ':' || c == ';' || c == '=') && (p == a || s[p - 1] == '(' ) && q < b) {
            /* emoticons at a chunk start: :) :-) ;) :( :D :P */
            size_t r = q;
            if (r < b && (s[r] == '-' || s[r] == '\'')) r++;
            if (r < b && (s[r] == ')' || s[r] == '(' || s[r] == 'D' || s[r] == 'P' || s[r] == 'p' ||
                          s[r] == '/' || s[r] == '|')) {
                r++;
                if (r >= b || !is_word_cp(s[r])) q = r;
            }
        } else if (c == '<' && q < b && s[q] == '3' && (q + 1 >= b || !is_digit_a(s[q + 1]))) {
            q++;
        }
        emit(sc, p, q);
        p = q;
    }
}

/* Tokenize [a,b) (no skipped bytes inside): split on whitespace. */
static void do_segment(scan_t *sc, size_t a, size_t b)
{
    const unsigned char *s = sc->s;
    size_t p = a;
    while (p < b && !sc->err) {
        /* skip whitespace */
        while (p < b) {
            if (s[p] < 0x80) {
                if (s[p] > ' ') break;
                p++;
            } else {
                size_t l;
                if (!is_space_cp(dec(s, b, p, &l))) break;
                p += l;
            }
        }
        size_t q = p;
        while (q < b) {
            if (s[q] < 0x80) {
                if (s[q] <= ' ') break;
                q++;
            } else {
                size_t l;
                if (is_space_cp(dec(s, b, q, &l))) break;
                q += l;
            }
        }
        if (q > p) do_chunk(sc, p, q);
        p = q;
    }
}

/* --------------------------------------------------------------- sentences */

/* Category of a token for sentence splitting. */
enum { K_WORD, K_FINAL, K_CLOSE, K_OPEN, K_QUOTE, K_OTHER, K_ABBR };

static int tok_kind(const unsigned char *s, size_t a, size_t b)
{
    size_t l;
    int32_t c = dec(s, b, a, &l);
    if (c == '.' || c == '!' || c == '?' || c == 0x2026) return K_FINAL;
    if (c == ')' || c == ']' || c == '}' || c == 0x201D || c == 0x2019 || c == 0xBB) return K_CLOSE;
    if (c == '\'' && b - a == 2 && s[a + 1] == '\'') return K_CLOSE;
    if (c == '(' || c == '[' || c == '{' || c == 0x201C || c == 0x2018 || c == 0xAB || c == '`') return K_OPEN;
    if (c == '"' || c == '\'') return K_QUOTE;
    if (is_word_cp(c)) return b - a > 1 && s[b - 1] == '.' ? K_ABBR : K_WORD;
    return K_OTHER;
}

/* 1 if token t may begin a sentence after a final punctuation mark. */
static int can_start(const unsigned char *s, const tok_t *t)
{
    size_t l;
    int32_t c = dec(s, t->end, t->start, &l);
    if (is_lower_cp(c)) return 0;
    if (c == ',' || c == ';' || c == ':' || c == ')' || c == ']' || c == '%' || c == '.' ||
        c == '!' || c == '?' || c == 0x201D || c == 0x2019) return 0;
    return 1;
}

/* Sentence break rules between token i and the next token nx (i+1, or the
 * first token after emoji that follow i), given the text between them.
 * Returns 1 to break. */
static int soft_break_before(const struct coref_doc *d, size_t i, size_t nx)
{
    const unsigned char *s = (const unsigned char *)d->text;
    const tok_t *t = &d->toks[i], *u = &d->toks[nx];
    int k = tok_kind(s, t->start, t->end);
    /* a reference "[2]" after a final mark stays with its sentence */
    if (nx + 2 < d->ntok && s[u->start] == '[' && u->end - u->start == 1 && k == K_FINAL &&
        s[d->toks[nx + 2].start] == ']' && is_digit_a(s[d->toks[nx + 1].start]))
        return 0;
    if (s[t->start] == ']' && i >= 3 && s[d->toks[i - 2].start] == '[' &&
        tok_kind(s, d->toks[i - 3].start, d->toks[i - 3].end) == K_FINAL) {
        k = K_FINAL;
        if (is_digit_a(s[u->start])) return 0;
    }
    if (k == K_FINAL || k == K_CLOSE || k == K_QUOTE) {
        /* closing quotes/brackets right after a final mark belong to its sentence */
        if (k != K_FINAL) {
            size_t j = i;
            while (j > 0 && i - j < 4 && d->toks[j - 1].end == d->toks[j].start) {
                int kj = tok_kind(s, d->toks[j].start, d->toks[j].end);
                if (kj != K_CLOSE && kj != K_QUOTE) break;
                j--;
            }
            if (tok_kind(s, d->toks[j].start, d->toks[j].end) != K_FINAL) return 0;
        }
        int ku = tok_kind(s, u->start, u->end);
        if ((ku == K_CLOSE) && t->end == u->start) return 0;
        if (ku == K_QUOTE && t->end == u->start) return 0;
        if (ku == K_FINAL) return 0;
        /* "..." mid-sentence is common: needs a capital after it */
        if (k == K_FINAL && t->end - t->start >= 2 && s[t->start] == '.') {
            size_t l;
            int32_t c = dec(s, u->end, u->start, &l);
            return is_upper_cp(c);
        }
        /* web text: "any ideas? thanks", "if anyone is interested. jill allen ..." */
        if (k == K_FINAL && (s[t->end - 1] == '?' || s[t->end - 1] == '!' || (t->end - t->start == 1 && s[t->start] == '.')) &&
            t->end < u->start) {
            size_t l;
            int32_t c = dec(s, u->end, u->start, &l);
            if (is_lower_cp(c) && u->end - u->start > 1 && !(u->end - u->start == 2 && s[u->start] == 'i')) return 1;
        }
        return can_start(s, u);
    }
    /* an emoticon ends a sentence when a capital follows */
    if ((s[t->start] == ':' || s[t->start] == ';') && t->end - t->start >= 2 && t->end < u->start &&
        is_upper_a(s[u->start]) && u->end - u->start > 1)
        return 1;
    if (k == K_ABBR) {
        size_t n = t->end - t->start;
        if (n == 2) return 0;  /* initial */
        if (abbrev_as_written(s + t->start, n, WC_NAME_ABBREV_CAP, WC_NAME_ABBREV_LOWER)) return 0;
        size_t l;
        int32_t c = dec(s, u->end, u->start, &l);
        if (!is_upper_cp(c)) return 0;
        return word_has(s + u->start, u->end - u->start, WC_SENT_STARTER);
    }
    return 0;
}

/* Longest run of emoji looked through when deciding a sentence break (the
 * look-back stays constant per token; a longer run ends no sentence). */
#define MAX_SYMBOL_RUN 16

/* Sentence break between tokens i and i+1. Emoji never start a sentence:
 * a run of them after a sentence's last word or mark ("Great show! 👍")
 * stays with that sentence, and whether a sentence ends after the run is
 * decided as if the run were absent. */
static int soft_break(const struct coref_doc *d, size_t i)
{
    if (text_token_is_symbol(d, i + 1)) return 0;
    size_t j = i;
    while (j > 0 && i - j < MAX_SYMBOL_RUN && text_token_is_symbol(d, j)) j--;
    if (text_token_is_symbol(d, j)) return 0;
    return soft_break_before(d, j, i + 1);
}

/* 1 when a newline between tokens i and i+1 ends a sentence: the line is
 * complete unless the next line plainly continues it. */
static int newline_break(const struct coref_doc *d, size_t i)
{
    const unsigned char *s = (const unsigned char *)d->text;
    const tok_t *t = &d->toks[i], *u = &d->toks[i + 1];
    unsigned char last = s[t->end - 1];
    if (last == ',' || last == ';' || last == '&' || (last == '-' && t->end - t->start == 1)) return 0;
    size_t l;
    int32_t c = dec(s, u->end, u->start, &l);
    /* an e-mail address or URL on its own line */
    if (memchr(s + u->start, '@', u->end - u->start) || (u->end - u->start > 7 && memchr(s + u->start, '/', u->end - u->start)))
        return 1;
    if (is_lower_cp(c)) {
        /* a lowercase line start continues the sentence unless the line
         * before ended it */
        int k = tok_kind(s, t->start, t->end);
        return k == K_FINAL || k == K_CLOSE;
    }
    return 1;
}

/* Token i is a comma, semicolon, colon or dash: a clause boundary where an
 * over-long sentence can be cut. */
static int clause_punct(const struct coref_doc *d, size_t i)
{
    const unsigned char *s = (const unsigned char *)d->text + d->toks[i].start;
    size_t n = d->toks[i].end - d->toks[i].start;
    if (n == 1) return *s == ',' || *s == ';' || *s == ':' || *s == '-';
    /* en and em dash */
    return n == 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x93 || s[2] == 0x94);
}

/* Split d->toks into sentences. */
static int split_sentences(struct coref_doc *d)
{
    const unsigned char *s = (const unsigned char *)d->text;
    size_t sb = 0, k = 0;
    for (size_t i = 0; i + 1 <= d->ntok; i++) {
        int brk = 0;
        if (i + 1 == d->ntok) brk = 1;
        else {
            size_t e = d->toks[i].end, st = d->toks[i + 1].start;
            while (k < d->nskip && d->skip[k].end <= e) k++;
            if (k < d->nskip && d->skip[k].start < st) brk = 1;   /* skipped range between */
            if (!brk && st > e) {
                size_t nl = 0;
                for (size_t j = e; j < st; j++) nl += s[j] == '\n';
                if (nl >= 2) brk = 1;
                else if (nl == 1) brk = newline_break(d, i) || soft_break(d, i);
                else brk = soft_break(d, i);
            } else if (!brk) {
                brk = soft_break(d, i);
            }
        }
        if (!brk && i + 1 - sb >= DOC_MAX_SENT_TOKENS) {
            /* too long without an end: close a sentence at the window's
             * last clause punctuation, else here (see doc.h) */
            size_t cut = i;
            for (size_t j = i; j >= sb + DOC_MAX_SENT_TOKENS / 2; j--)
                if (clause_punct(d, j)) { cut = j; break; }
            if (doc_add_sentence(d, (uint32_t)sb, (uint32_t)(cut + 1))) return -1;
            sb = cut + 1;
            continue;
        }
        if (brk) {
            if (doc_add_sentence(d, (uint32_t)sb, (uint32_t)(i + 1))) return -1;
            sb = i + 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ entry */

int text_tokenize(struct coref_doc *d)
{
    if (!d) return -1;
    d->ntok = 0;
    d->nsent = 0;
    if (!d->text || d->len == 0) return 0;
    if (d->len > 0xFFFFFFFFu) return -1;
    scan_t sc = {d, (const unsigned char *)d->text, d->len, 0, 0};
    size_t pos = 0;
    for (size_t k = 0; k < d->nskip && !sc.err; k++) {
        size_t a = d->skip[k].start, b = d->skip[k].end;
        if (a > d->len) a = d->len;
        if (b > d->len) b = d->len;
        if (a > pos) do_segment(&sc, pos, a);
        if (b > pos) pos = b;
    }
    if (!sc.err && pos < d->len) do_segment(&sc, pos, d->len);
    if (sc.err) return -1;
    return split_sentences(d);
}
