/* News boilerplate cleaner: marks whole lines (or a dateline prefix) of
 * scraped articles as skipped byte ranges. Conservative: a line is dropped
 * only when it matches a narrow pattern, so normal sentences always stay. */
#include <stdlib.h>
#include <string.h>
#include "core/doc.h"
#include "lang/lang.h"
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
static int lower(int c) { return (unsigned)(c - 'a') < 26; }

/* Case-insensitive prefix test of s[0..n) against w. */
static int starts_ci(const char *s, size_t n, const char *w)
{
    size_t i = 0;
    for (; w[i]; i++) {
        if (i >= n) return 0;
        int c = (unsigned char)s[i];
        if (up(c)) c |= 32;
        if (c != (unsigned char)w[i]) return 0;   /* w may hold UTF-8 bytes */
    }
    return 1;
}

/* Contains w (lowercase ASCII) case-insensitively. */
static int has_ci(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if (starts_ci(s + i, n - i, w)) return 1;
    return 0;
}

/* An image file name alone on a line: "DSC_0123.JPG", "photo-1234.jpg", or
 * a CMS slug with spaces as CNN pages carry it ("pro-trump twitter accounts
 * ... griffin _00020630.jpg"). With spaces the line must look like a slug:
 * lowercase letters, digits, '-', '_' and '.', and a last word that is a
 * generated name (an '_' or four digits), so a sentence naming a file ("we
 * attached scan 2.jpg") stays. A URL ("http://example.com/a.png") is a link
 * a writer typed, not page chrome. */
static int is_image_name(const char *s, size_t n)
{
    if (n < 5 || n > 200 || memchr(s, '/', n)) return 0;
    int spaces = 0, slug = 1;
    size_t digits = 0, under = 0;   /* in the last word */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) return 0;
        if (c == ' ' || c == '\t') {
            spaces = 1;
            digits = under = 0;
        }
        digits += dig(c) != 0;
        under += c == '_';
        slug &= lower(c) || dig(c) || c == ' ' || c == '-' || c == '_' || c == '.';
    }
    if (spaces && !(slug && (under || digits >= 4))) return 0;
    size_t x = lang_phrase_suffix(s, n, LP_IMAGE_EXT);
    return x && n > x && s[n - x - 1] != ' ';
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

/* A video caption: "JUST WATCHED", "Video: ...", "MUST WATCH", or a short line
 * whose last word is a duration after a caption ("Obama on Syria 2:15"). */
static int is_video_line(const char *s, size_t n)
{
    if (has_ci(s, n, "just watched") || starts_ci(s, n, "must watch")) return 1;
    /* a caption is a title, not a sentence ("Video: Connections will be
     * established upon request." is an e-mail's prose) */
    if (lang_phrase_prefix(s, n, LP_VIDEO_LABEL) && s[n - 1] != '.') return 1;
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
    /* the word before the duration is a word, not a date or a clock time
     * ("Paul Goddard 08/03/2000 11:35", "Time: 8:00 - 5:00") */
    int letter = 0;
    for (size_t i = ps; i < pe; i++) letter |= alpha(s[i]) || (unsigned char)s[i] >= 0x80;
    /* not a clock time: "The vote is at 10:30" */
    return words >= 3 && letter && !lang_phrase_is(s + ps, pe - ps, LP_BEFORE_CLOCK);
}

/* A photo or video credit or caption line, maybe in parentheses: "Source:
 * CNN", "(Photo: Getty Images)", "Photo by Jane Doe/Reuters", "Image
 * copyright AFP", "Image caption Crowds gathered ...", "AFP/Getty Images",
 * "AP Photo/Evan Vucci". A label and a short rest without a full stop, or
 * only capitalised words naming a picture agency. */
static int is_credit_line(const char *s, size_t n)
{
    if (n >= 2 && s[0] == '(' && s[n - 1] == ')') {
        s++;
        n -= 2;
    }
    if (n == 0) return 0;
    /* a caption: the label makes it one whatever follows */
    if (lang_phrase_prefix(s, n, LP_CAPTION_LABEL)) return n <= 400;
    if (n > 100 || s[n - 1] == '.') return 0;
    size_t l = lang_phrase_prefix(s, n, LP_CREDIT_LABEL);
    if (l && n > l) return 1;
    int named = 0;
    for (size_t i = 0; i < n && !named; i++) {
        /* "/ap" only at the end or before a space ("Jane Doe/AP") */
        l = lang_phrase_prefix(s + i, n - i, LP_CREDIT_AGENCY);
        named = l && (s[i + l - 1] == '/' || i + l == n || !alpha(s[i + l]));
    }
    if (!named) return 0;
    /* every word capitalised: a name list, not a sentence about Getty Images */
    for (size_t i = 0; i < n;) {
        while (i < n && (s[i] == ' ' || s[i] == '/' || s[i] == ',' || s[i] == '|')) i++;
        size_t e = i;
        while (e < n && s[e] != ' ' && s[e] != '/' && s[e] != ',' && s[e] != '|') e++;
        if (e > i && !up(s[i]) && !dig(s[i]) && (unsigned char)s[i] < 0x80 && !lang_phrase_is(s + i, e - i, LP_CREDIT_GLUE))
            return 0;
        i = e;
    }
    return 1;
}

/* A duration and source line under a video: "03:21 - Source: CNN". */
static int is_duration_source(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (dig(s[i]) || s[i] == ':')) i++;
    if (i == 0 || i >= n || s[i] != ' ' || !duration_at(s, 0, i)) return 0;
    while (i < n && s[i] == ' ') i++;
    if (i < n && s[i] == '-') i++;
    else if (i + 3 <= n && memcmp(s + i, "\xE2\x80\x93", 3) == 0) i += 3;
    while (i < n && s[i] == ' ') i++;
    return starts_ci(s + i, n - i, "source:") && is_credit_line(s + i, n - i);
}

/* End of a capitalised word at s[i] ("London", "LONDON", "D.C.", "O'Hare",
 * "ÉVORA"), i when none; *caps: no lowercase ASCII letter in it. UTF-8
 * letters pass, E2 lead bytes (dashes, quotes) end the word. */
static size_t cap_word(const char *s, size_t n, size_t i, int *caps)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i >= n || !(up(u[i]) || (u[i] == 0xC3 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0x9E)))
        return i;
    int lo = 0;
    size_t j = i;
    while (j < n) {
        if (alpha(u[j])) lo |= lower(u[j]);
        else if (u[j] == '.') {}
        else if ((u[j] == '\'' || u[j] == '-') && j + 1 < n && alpha(u[j + 1])) {}
        else if (u[j] < 0x80 || u[j] == 0xE2) break;
        j++;
    }
    *caps = !lo;
    return j;
}

/* End of an ASCII letter run at s[i]. */
static size_t word_end(const char *s, size_t n, size_t i)
{
    while (i < n && alpha(s[i])) i++;
    return i;
}

/* End of 1-4 digits at s[i], i when none or more. */
static size_t num_end(const char *s, size_t n, size_t i, size_t lo, size_t hi)
{
    size_t j = i;
    while (j < n && dig(s[j])) j++;
    return j - i >= lo && j - i <= hi ? j : i;
}

/* A month ("November", "Nov") or weekday ("Monday", "Thurs") name, any case. */
static int is_month(const char *s, size_t n) { return (lang_classes(s, n) & (WC_MONTH | WC_MONTH_ABBR)) != 0; }
static int is_weekday(const char *s, size_t n)
{
    return (lang_classes(s, n) & (WC_WEEKDAY | WC_WEEKDAY_ABBR)) != 0;
}

/* End of "Nov. 23", "November 23, 2026" or "23 November 2026" at s[i], i when none. */
static size_t day_month_end(const char *s, size_t n, size_t i)
{
    size_t e = word_end(s, n, i), j;
    if (e > i && is_month(s + i, e - i)) {
        if (e < n && s[e] == '.') e++;
        if (e >= n || s[e] != ' ' || (j = num_end(s, n, e + 1, 1, 2)) == e + 1) return i;
    } else {
        j = num_end(s, n, i, 1, 2);
        if (j == i || j + 1 >= n || s[j] != ' ') return i;
        e = word_end(s, n, j + 1);
        if (e == j + 1 || !is_month(s + j + 1, e - j - 1)) return i;
        j = e;
    }
    /* optional year */
    size_t y = j + (j < n && s[j] == ',');
    if (y < n && s[y] == ' ' && (e = num_end(s, n, y + 1, 4, 4)) > y + 1) j = e;
    return j;
}

/* End of a dateline date at s[i]: a day and month, a weekday, or both
 * ("Monday, Nov 23"); i when none. */
static size_t date_end(const char *s, size_t n, size_t i)
{
    size_t e = word_end(s, n, i), j;
    if (e > i && is_weekday(s + i, e - i)) {
        if (e < n && s[e] == '.') e++;
        if (e + 1 < n && s[e] == ',' && s[e + 1] == ' ' && (j = day_month_end(s, n, e + 2)) > e + 2) return j;
        return e;
    }
    return day_month_end(s, n, i);
}

/* End of "(Agency)" at s[i] ("(CNN)", "(Reuters)", "(CNN Business)"), i when none. */
static size_t agency_end(const char *s, size_t n, size_t i)
{
    if (i + 2 >= n || s[i] != '(' || !up(s[i + 1])) return i;
    for (size_t j = i + 2; j < n && j - i <= 30; j++) {
        if (s[j] == ')') return j + 1;
        if (!(alpha(s[j]) || dig(s[j]) || s[j] == ' ' || s[j] == '.' || s[j] == '&' || s[j] == '-')) break;
    }
    return i;
}

/* End of a dash (-, --, – or —) at s[i], i when none. */
static size_t dash_end(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i < n && s[i] == '-') return i + 1 + (i + 1 < n && s[i + 1] == '-');
    if (i + 3 <= n && u[i] == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0x93 || u[i + 2] == 0x94)) return i + 3;
    return i;
}

/* Length of a dateline prefix at s[0..n), dash and following spaces
 * included, 0 when none: place (1-4 capitalised words, commas and periods
 * allowed: "ST. LOUIS", "Washington, D.C."), optional ", date", optional
 * "(Agency)", then a dash: "Moscow (CNN) —", "NEW YORK, Nov 23 (Reuters) -",
 * "LONDON —", "(CNN) —", "CNN —". A capitalised word must follow. */
static size_t dateline_len(const char *s, size_t n)
{
    size_t i = 0, end = 0, words = 0, w1 = 0;
    int allcaps = 1, c;
    while (words <= 4) {
        size_t j = cap_word(s, n, i, &c);
        if (j == i) {
            /* "Rio de Janeiro", "Port of Spain" */
            size_t p = word_end(s, n, i);
            if (words && p > i && p + 1 < n && s[p] == ' ' && lang_phrase_is(s + i, p - i, LP_PLACE_PARTICLE) &&
                cap_word(s, n, p + 1, &c) > p + 1) {
                i = p + 1;
                continue;
            }
            break;
        }
        if (words++ == 0) w1 = j;
        allcaps &= c;
        i = end = j;
        if (i + 1 < n && s[i] == ' ') i++;
        else if (i + 2 < n && s[i] == ',' && s[i + 1] == ' ' && date_end(s, n, i + 2) == i + 2) i += 2;
        else break;
    }
    if (words > 4) return 0;
    i = end;
    int date = 0, agency = 0;
    size_t k;
    if (words && i + 2 < n && s[i] == ',' && s[i + 1] == ' ' && (k = date_end(s, n, i + 2)) > i + 2) {
        i = k;
        date = 1;
    }
    for (k = i; k < n && s[k] == ' '; k++) {}
    if ((k > i || !words) && agency_end(s, n, k) > k) {
        i = agency_end(s, n, k);
        agency = 1;
    } else if (words == 1) {
        /* "CNN —" */
        agency = lang_phrase_is(s, end, LP_DATELINE_AGENCY);
    }
    if (!words && !agency) return 0;
    /* the dash; a hyphen needs spaces around it */
    size_t sp = i;
    while (i < n && s[i] == ' ') i++;
    size_t d = dash_end(s, n, i);
    if (d == i || (s[i] == '-' && (sp == i || d >= n || s[d] != ' '))) return 0;
    i = d;
    while (i < n && s[i] == ' ') i++;
    /* an agency's dateline may stand alone on its line ("CNN  \xE2\x80\x94"),
     * the paragraph below it */
    if (i == n && agency) return i;
    /* then a capitalised word, maybe quoted */
    k = i;
    if (k < n && (s[k] == '"' || s[k] == '\'')) k++;
    else if (k + 3 <= n && (unsigned char)s[k] == 0xE2 && (unsigned char)s[k + 1] == 0x80 &&
             ((unsigned char)s[k + 2] == 0x98 || (unsigned char)s[k + 2] == 0x9C)) k += 3;
    if (cap_word(s, n, k, &c) == k) return 0;
    if (!date && !agency) {
        /* a bare place must be ALL CAPS ("LONDON —", not "Paris - The..."),
         * not a short acronym ("US - China talks") or a sentence word, and
         * a sentence must follow, not an all-caps headline */
        if (!allcaps || lang_phrase_is(s, w1, LP_NOT_PLACE)) return 0;
        if (words == 1) {
            size_t letters = 0;
            for (size_t j = 0; j < w1; j++) letters += alpha(s[j]) != 0;
            if (letters < 4) return 0;
        }
        size_t low = 0;
        for (size_t j = i; j < n && !low; j++) low = lower(s[j]);
        if (!low) return 0;
    }
    return i;
}

/* End of the word at s[i]: up to a space, comma, pipe or semicolon. */
static size_t tok_end(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != ',' && s[i] != '|' && s[i] != ';') i++;
    return i;
}

static int is_sep(int c) { return c == ' ' || c == '\t' || c == ',' || c == '|' || c == ';'; }

/* A byline alone on a line: "By John Smith, CNN", "By Jane Doe and Max Roe,
 * Reuters", "By JOHN SMITH | AP". Two or more name words, then only
 * capitalised words, numbers and a few title words ("special to CNN"). */
static int is_byline(const char *s, size_t n)
{
    if (n > 160 || n < 6) return 0;
    size_t i = lang_phrase_prefix(s, n, LP_BYLINE_OPEN), names = 0;
    if (!i) return 0;
    int c;
    /* the names, up to a comma or pipe */
    while (i < n && s[i] != ',' && s[i] != '|') {
        if (s[i] == ' ') { i++; continue; }
        size_t e = tok_end(s, n, i);
        if (lang_phrase_is(s + i, e - i, LP_BYLINE_JOIN)) {}
        else if (cap_word(s, e, i, &c) == e && !lang_phrase_is(s + i, e - i, LP_BYLINE_NOT_NAME) &&
                 !is_weekday(s + i, e - i) && !is_month(s + i, e - i) &&
                 !(e - i > 2 && s[e - 2] == '\'' && (s[e - 1] | 32) == 's'))
            names++;
        else return 0;
        i = e;
    }
    if (names < 2) return 0;
    /* the rest: organisation, title, maybe a timestamp */
    while (i < n) {
        if (is_sep(s[i])) { i++; continue; }
        size_t e = tok_end(s, n, i);
        if (!(up(s[i]) || dig(s[i]) || lang_phrase_is(s + i, e - i, LP_BYLINE_TAIL))) return 0;
        i = e;
    }
    return s[n - 1] != '.' || (n > 4 && s[n - 3] == '.');   /* "a.m." but not a sentence */
}

/* A line that points elsewhere or is page furniture: "Related: ...",
 * "READ MORE: ...", "Read more", "SEE ALSO ...", "Advertisement". Mixed
 * case only with the colon or alone on the line ("Read more about it in
 * the report." is a sentence); in capitals the label is enough. */
static int is_link_line(const char *s, size_t n)
{
    size_t m = n;
    while (m > 0 && (s[m - 1] == ':' || s[m - 1] == ' ')) m--;
    if (lang_phrase_is(s, m, LP_LINK_ALONE)) return 1;
    if (n > 300) return 0;
    if (lang_phrase_prefix(s, n, LP_LINK_LABEL)) return 1;
    /* "More from the report follows" is prose: after "more from" a
     * capitalised name, and no sentence end */
    size_t l = lang_phrase_prefix(s, n, LP_LINK_NAME_LABEL);
    if (l) return n > l && n <= 60 && up(s[l]) && s[n - 1] != '.';
    l = lang_phrase_prefix(s, n, LP_LINK_CAPS);
    return l && (n == l || !alpha(s[l]));
}

/* A share, follow or sign-up prompt: "Share this article", "Follow us on
 * Twitter", "Follow Jane Doe on Twitter", "Click here to subscribe", "Sign
 * up for our newsletter", "Chat with us in Facebook Messenger. ...".
 * Short lines only; the prompt words open the line. */
static int is_prompt_line(const char *s, size_t n)
{
    if (n > 200) return 0;
    if (lang_phrase_prefix(s, n, LP_PROMPT_OPEN)) return 1;
    /* "Sign up for the race opened" is a sentence: the thing signed up
     * for must be a newsletter or an alert */
    if (lang_phrase_prefix(s, n, LP_PROMPT_SIGNUP_OPEN)) return lang_phrase_in(s, n, LP_SIGNUP_WORD);
    /* "Follow Jane Doe on Twitter", "Follow @janedoe" */
    if (starts_ci(s, n, "follow ") && n > 7) {
        if (s[7] == '@') return 1;
        size_t m = n - (s[n - 1] == '.');
        size_t l = lang_phrase_suffix(s, m, LP_FOLLOW_SITE);
        if (l && n <= 100) {
            /* between: a name ("Follow the recipe on YouTube" is advice) */
            size_t e = m - l, words = 0;
            for (size_t i = 7; i < e; i++) {
                if (s[i] == ' ') continue;
                if (!up(s[i]) && s[i] != '@') return 0;
                words++;
                while (i < e && s[i] != ' ') i++;
            }
            return words > 0;
        }
    }
    return 0;
}

/* A timestamp line: "Updated 10:32 AM ET, Mon November 23, 2026",
 * "Posted: 11:02 AM", "Published 10:05 GMT", "2 hours ago", "Fri May 12,
 * 2006 at 08:27:46 PM PDT". Every word is a date or time word after an
 * optional Updated/Published/Posted; a number is needed, and without the
 * leading word a date with a clock time, or "ago". A date alone ("Friday,
 * May 8, 2009" under a Wikinews headline, "August 19, 1975" atop a letter)
 * is part of the text as written, and GUM annotates it: kept. */
static int is_timestamp(const char *s, size_t n)
{
    if (n > 100) return 0;
    size_t i = 0;
    int kw = 0, digit = 0, date = 0, clock = 0, ago = 0;
    size_t lead = lang_phrase_prefix(s, n, LP_TIMESTAMP_LEAD);
    if (lead && n > lead && (s[lead] == ' ' || s[lead] == ':')) {
        i = lead + (s[lead] == ':');
        kw = 1;
    }
    while (i < n) {
        if (is_sep(s[i])) { i++; continue; }
        size_t e = tok_end(s, n, i), j = i, l = e - i;
        while (j < e && (dig(s[j]) || s[j] == ':' || s[j] == '/' || s[j] == '.' || s[j] == '-')) j++;
        if (j > i && dig(s[i])) {
            /* 10:32, 23/11/2026, 2026-11-23, 10:32am, 23rd */
            if (j < e && !lang_phrase_is(s + j, e - j, LP_TIMESTAMP_WORD) && !lang_phrase_is(s + j, e - j, LP_ORDINAL_SUFFIX))
                return 0;
            digit = 1;
            size_t colons = 0, seps = 0;
            for (size_t k = i; k < j; k++) {
                colons += s[k] == ':';
                seps += s[k] == '/' || s[k] == '-';
            }
            clock |= colons > 0 || lang_phrase_is(s + j, e - j, LP_AMPM);   /* 10:32, 10am */
            date |= seps >= 2;                                     /* 08/03/2000 */
        } else if (l && s[e - 1] == '.' && (is_month(s + i, l - 1) || is_weekday(s + i, l - 1))) {
            date = 1;
        } else if (is_month(s + i, l) || is_weekday(s + i, l)) {
            date = 1;
        } else if (!lang_phrase_is(s + i, l, LP_TIMESTAMP_WORD)) {
            /* a time zone: ET, EST, GMT, UTC, AEDT */
            if (l > 4) return 0;
            for (size_t k = i; k < e; k++)
                if (!up(s[k])) return 0;
        } else {
            clock |= lang_phrase_is(s + i, l, LP_AMPM);
            ago |= l == 3 && starts_ci(s + i, l, "ago");
        }
        i = e;
    }
    return digit && (kw || (clock && date) || ago);
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
    int cont = 0;          /* the line before ends mid-sentence (",", "-") */
    /* the line just before, when nothing of it was skipped and no blank line
     * follows it: a video's title, if a duration and source line comes next */
    size_t title_a = 0, title_b = 0;
    while (ls < n) {
        const char *nl = memchr(t + ls, '\n', n - ls);
        size_t le = nl ? (size_t)(nl - t) : n;
        /* trimmed content [a,b) */
        size_t a = ls, b = le;
        while (a < b && (t[a] == ' ' || t[a] == '\t')) a++;
        while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t' || t[b - 1] == '\r')) b--;
        const char *s = t + a;
        size_t m = b - a;
        ls = le + 1;
        if (m == 0) {
            highlights = 0;
            cont = 0;
            title_b = 0;
            continue;
        }
        /* a dateline starts a paragraph: it also ends a highlights block */
        size_t k = cont ? 0 : dateline_len(s, m);
        int whole = 0;
        if (highlights) {
            /* bullets of the highlights block: short lines until a blank line */
            if (m <= 200 && hl_lines < 8 && !k) { whole = 1; hl_lines++; }
            else highlights = 0;
        }
        if (whole) {
        } else if (starts_ci(s, m, "story highlights") && m <= 20) {
            whole = 1;
            highlights = 1;
            hl_lines = 0;
        } else if (is_duration_source(s, m)) {
            /* "Russia weaponized Twitter to sway election" over "03:21 -
             * Source: CNN" is the video's title: a heading without a full
             * stop, known only by the line under it */
            if (title_b > title_a && title_b - title_a <= 200 && t[title_b - 1] != '.') add_span(&sp, title_a, title_b);
            whole = 1;
        } else if (is_image_name(s, m) || is_video_line(s, m) || is_credit_line(s, m) || is_link_line(s, m) ||
                   is_prompt_line(s, m) || is_byline(s, m) || is_timestamp(s, m) || k == m) {
            /* k == m: a dateline alone on its line ("CNN  \xE2\x80\x94") */
            whole = 1;
        } else if (k > 0) {
            add_span(&sp, a, a + k);
        }
        if (whole) add_span(&sp, a, b);
        title_a = a;
        title_b = whole || k ? 0 : b;
        /* skipped lines do not continue into the next */
        cont = !whole && (s[m - 1] == ',' || s[m - 1] == ';' || s[m - 1] == '&' || dash_end(s, m, m - 1) == m ||
                          (m >= 3 && dash_end(s, m, m - 3) == m));
    }
    if (sp.err) { free(sp.v); return -1; }
    d->skip = sp.v;
    d->nskip = sp.n;
    return 0;
}
