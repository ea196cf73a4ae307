#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"

void buf_init(buf_t *b) { memset(b, 0, sizeof *b); }

void buf_free(buf_t *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

static int buf_reserve(buf_t *b, size_t extra)
{
    if (b->err) return -1;
    if (b->len + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) { b->err = 1; return -1; }
        cap *= 2;
    }
    char *p = realloc(b->p, cap);
    if (!p) { b->err = 1; return -1; }
    b->p = p;
    b->cap = cap;
    return 0;
}

void buf_add(buf_t *b, const char *s, size_t n)
{
    if (buf_reserve(b, n)) return;
    if (n) memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

void buf_puts(buf_t *b, const char *s) { buf_add(b, s, strlen(s)); }

void buf_uint(buf_t *b, uint64_t v)
{
    char d[20];
    size_t n = 0;
    do {
        d[sizeof d - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    buf_add(b, d + sizeof d - n, n);
}
void buf_putc(buf_t *b, char c) { buf_add(b, &c, 1); }

void buf_printf(buf_t *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) { b->err = 1; return; }
    if ((size_t)n < sizeof small) { buf_add(b, small, (size_t)n); return; }
    if (buf_reserve(b, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void buf_json_escape(buf_t *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        buf_add(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': buf_add(b, "\\\"", 2); break;
        case '\\': buf_add(b, "\\\\", 2); break;
        case '\n': buf_add(b, "\\n", 2); break;
        case '\r': buf_add(b, "\\r", 2); break;
        case '\t': buf_add(b, "\\t", 2); break;
        default: buf_printf(b, "\\u%04x", c); break;
        }
    }
    buf_add(b, s + run, n - run);
}

void buf_html_escape(buf_t *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        default: continue;
        }
        buf_add(b, s + run, i - run);
        buf_puts(b, rep);
        run = i + 1;
    }
    buf_add(b, s + run, n - run);
}

#define BUF_FLUSH_AT (64 * 1024)

void buf_flush(buf_t *b)
{
    if (!b->sink || b->err || !b->len) return;
    if (b->sink(b->p, b->len, b->sink_user) != 0) b->err = 1;
    b->len = 0;
    b->p[0] = 0;
}

void buf_flush_point(buf_t *b)
{
    if (b->sink && b->len >= BUF_FLUSH_AT) buf_flush(b);
}

char *buf_take(buf_t *b, size_t *len)
{
    if (buf_reserve(b, 0)) return NULL;
    b->p[b->len] = 0;
    char *p = b->p;
    if (len) *len = b->len;
    memset(b, 0, sizeof *b);
    return p;
}
