#include <stddef.h>
#include <stdint.h>
#include "text/text.h"

/* Strict UTF-8 (RFC 3629): no overlongs, no surrogates, <= U+10FFFF, no NUL. */
int utf8_validate(const char *str, size_t n, size_t *bad, const char **why)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == 0) { *bad = i; *why = "NUL byte"; return -1; }
            i++;
            continue;
        }
        size_t len;
        uint32_t min, cp;
        if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; cp = c & 0x07; }
        else { *bad = i; *why = "invalid UTF-8 lead byte"; return -1; }
        if (n - i < len) { *bad = i; *why = "truncated UTF-8 sequence"; return -1; }
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) { *bad = i; *why = "invalid UTF-8 continuation byte"; return -1; }
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            *bad = i;
            *why = "invalid UTF-8 sequence (overlong, surrogate or out of range)";
            return -1;
        }
        i += len;
    }
    return 0;
}

size_t utf8_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

int32_t utf8_next(const char *str, size_t n, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[*i];
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (*i + len > n) { (*i)++; return 0xFFFD; }
    int32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < len; k++) cp = (cp << 6) | (s[*i + k] & 0x3F);
    *i += len;
    return cp;
}
