/* News boilerplate cleaner: marks whole lines (or a dateline prefix) of
 * scraped articles as skipped byte ranges. Conservative: a line is dropped
 * only when it matches a narrow pattern, so normal sentences always stay. */
#include <stdlib.h>
#include <string.h>
#include "core/doc.h"
#include "text/text.h"

typedef struct {
    span_t *v;
    size_t n, cap;
    int err;
} spans_t;

/* Append [a,b), merging with the previous range when they touch. */
static void add_span(spans_t *sp, size_t a, size_t b)
{
    if (sp->err || b <= a) return;
    if (sp->n && sp->v[sp->n - 1].end >= a) {
        if (b > sp->v[sp->n - 1].end) sp->v[sp->n - 1].end = (uint32_t)b;
        return;
    }
    if (sp->n == sp->cap) {
        size_t c = sp->cap ? sp->cap * 2 : 16;
        span_t *q = realloc(sp->v, c * sizeof *q);
        if (!q) { sp->err = 1; return; }
        sp->v = q;
        sp->cap = c;
    }
    sp->v[sp->n].start = (uint32_t)a;
    sp->v[sp->n++].end = (uint32_t)b;
}

static int up(int c) { return (unsigned)(c - 'A') < 26; }
static int dig(int c) { return (unsigned)(c - '0') < 10; }
static int alpha(int c) { return (unsigned)((c | 32) - 'a') < 26; }

/* Case-insensitive prefix test of s[0..n) against w. */
static int starts_ci(const char *s, size_t n, const char *w)
{
    size_t i = 0;
    for (; w[i]; i++) {
        if (i >= n) return 0;
        int c = (unsigned char)s[i];
        if (up(c)) c |= 32;
        if (c != w[i]) return 0;
    }
    return 1;
}

static int ends_ci(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && starts_ci(s + n - k, k, w);
}

/* Contains w (lowercase ASCII) case-insensitively. */
static int has_ci(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if (starts_ci(s + i, n - i, w)) return 1;
    return 0;
}

/* An image file name alone on a line: "DSC_0123.JPG", "photo-1234.jpg". */
static int is_image_name(const char *s, size_t n)
{
    static const char *const ext[] = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff", NULL};
    if (n < 5 || n > 200) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c >= 0x80) return 0;
    }
    for (size_t i = 0; ext[i]; i++)
        if (ends_ci(s, n, ext[i]) && n > strlen(ext[i])) return 1;
    return 0;
}

/* A duration "1:23", "01:23" or "1:02:03" of [p, ...) ending exactly at e. */
static int duration_at(const char *s, size_t p, size_t e)
{
    size_t i = p, groups = 0;
    for (;;) {
        size_t k = 0;
        while (i < e && dig(s[i]) && k < 3) { i++; k++; }
        if (k == 0 || k > 2 || (groups > 0 && k != 2)) return 0;
        groups++;
        if (i == e) return groups >= 2;
        if (s[i] != ':') return 0;
        i++;
    }
}

/* s[0..n) equals one of the lowercase words in list, ignoring case. */
static int in_list(const char *s, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && starts_ci(s, n, list[i])) return 1;
    return 0;
}

/* A video caption: "JUST WATCHED", "Video: ...", "MUST WATCH", or a short line
 * whose last word is a duration after a caption ("Obama on Syria 2:15"). */
static int is_video_line(const char *s, size_t n)
{
    /* words before a clock time, not a duration: "The vote is at 10:30" */
    static const char *const timeword[] = {
        "at", "by", "until", "till", "from", "to", "before", "after", "since", "around", "about",
        "past", "between", "and", "or", "is", "was", "are", "were", "be", "@", "opens", "closes",
        "starts", "begins", "ends", "open", "close", "start", "begin", "end", "noon", NULL};
    if (has_ci(s, n, "just watched") || starts_ci(s, n, "must watch")) return 1;
    if (starts_ci(s, n, "video:") || starts_ci(s, n, "video -")) return 1;
    if (n > 160) return 0;
    size_t w = n;
    while (w > 0 && s[w - 1] != ' ' && s[w - 1] != '\t') w--;
    if (!duration_at(s, w, n)) return 0;
    /* a caption has at least three words before the duration */
    size_t words = 0, e = w, pe = 0, ps = 0;
    while (e > 0) {
        while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
        if (e == 0) break;
        size_t b = e;
        while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\t') b--;
        if (words++ == 0) { ps = b; pe = e; }
        e = b;
    }
    return words >= 3 && !in_list(s + ps, pe - ps, timeword);
}

/* "Source: CNN" and similar credit lines: short, no sentence end. */
static int is_source_line(const char *s, size_t n)
{
    if (!(starts_ci(s, n, "source:") || starts_ci(s, n, "photo:") || starts_ci(s, n, "image:") ||
          starts_ci(s, n, "photos:") || starts_ci(s, n, "credit:")))
        return 0;
    return n <= 80 && s[n - 1] != '.';
}

/* Length of a dateline prefix ("(CNN) —", "WASHINGTON (Reuters) -",
 * "LONDON, England (CNN) --", "CNN —") at s[0..n), dash and following
 * spaces included; 0 when none. Text must follow on the line. */
static size_t dateline_len(const char *s, size_t n)
{
    static const char *const agencies[] = {"CNN", "Reuters", "AP", "AFP", "UPI", "Bloomberg", NULL};
    size_t i = 0;
    /* optional place: capitals, spaces, commas, periods, then optional ", Country" */
    size_t caps = 0;
    while (i < n && (up(s[i]) || s[i] == ' ' || s[i] == '.' || s[i] == '\'' || s[i] == '-')) {
        if (s[i] == '-' && (i + 1 >= n || !up(s[i + 1]))) break;
        if (up(s[i])) caps++;
        i++;
    }
    int place = caps >= 2;
    if (!place) i = 0;
    if (place && i < n && s[i] == ',') {
        i++;
        while (i < n && s[i] == ' ') i++;
        size_t w = 0;
        while (i < n && (alpha(s[i]) || s[i] == ' ' || s[i] == '.') && w < 40 && s[i] != '(') { i++; w++; }
    }
    while (i < n && s[i] == ' ') i++;
    int agency = 0;
    if (i < n && s[i] == '(') {
        size_t j = i + 1;
        while (j < n && j - i < 30 && s[j] != ')') j++;
        if (j < n && s[j] == ')' && j > i + 1 && up(s[i + 1])) { agency = 1; i = j + 1; }
    } else if (!place) {
        for (size_t k = 0; agencies[k]; k++) {
            size_t l = strlen(agencies[k]);
            if (n >= l && memcmp(s, agencies[k], l) == 0) { agency = 1; i = l; break; }
        }
    }
    if (!agency) return 0;
    while (i < n && s[i] == ' ') i++;
    /* the dash: -, --, – (E2 80 93), — (E2 80 94) */
    size_t d = i;
    if (i < n && s[i] == '-') { while (i < n && s[i] == '-') i++; }
    else if (i + 3 <= n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
             ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94)) i += 3;
    if (i == d) return 0;
    while (i < n && s[i] == ' ') i++;
    return i;
}

int text_clean(struct coref_doc *d)
{
    if (!d) return -1;
    free(d->skip);
    d->skip = NULL;
    d->nskip = 0;
    if (!d->text || d->len == 0 || d->len > 0xFFFFFFFFu) return 0;
    spans_t sp = {0};
    const char *t = d->text;
    size_t n = d->len, ls = 0;
    int highlights = 0;    /* inside a "Story highlights" block */
    size_t hl_lines = 0;
    while (ls < n) {
        const char *nl = memchr(t + ls, '\n', n - ls);
        size_t le = nl ? (size_t)(nl - t) : n;
        /* trimmed content [a,b) */
        size_t a = ls, b = le;
        while (a < b && (t[a] == ' ' || t[a] == '\t')) a++;
        while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t' || t[b - 1] == '\r')) b--;
        const char *s = t + a;
        size_t m = b - a;
        if (m == 0) {
            highlights = 0;
        } else if (highlights) {
            /* bullets of the highlights block: short lines until a blank line */
            if (m <= 200 && hl_lines < 8) { add_span(&sp, a, b); hl_lines++; }
            else highlights = 0;
        } else if (starts_ci(s, m, "story highlights") && m <= 20) {
            add_span(&sp, a, b);
            highlights = 1;
            hl_lines = 0;
        } else if (starts_ci(s, m, "read more:") || starts_ci(s, m, "read more :") ||
                   is_image_name(s, m) || is_video_line(s, m) || is_source_line(s, m)) {
            add_span(&sp, a, b);
        } else {
            size_t k = dateline_len(s, m);
            if (k > 0 && k < m) add_span(&sp, a, a + k);
        }
        ls = le + 1;
    }
    if (sp.err) { free(sp.v); return -1; }
    d->skip = sp.v;
    d->nskip = sp.n;
    return 0;
}
