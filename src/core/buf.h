/* A growable byte buffer for writers. On allocation failure `err` is set and
 * further appends are ignored, so callers check once at the end. */
#ifndef COREF_BUF_H
#define COREF_BUF_H
#include <stddef.h>
#include <stdint.h>

typedef struct buf {
    char *p;       /* NUL terminated when len > 0 or after buf_cstr */
    size_t len, cap;
    int err;       /* nonzero after an allocation failure or a failed sink */
    /* Optional sink: writers call buf_flush_point between records (a token
     * row, an array element), where the bytes so far may be handed to the
     * sink and dropped, so rendering a large document takes bounded memory.
     * A nonzero return of the sink sets err. */
    int (*sink)(const char *s, size_t n, void *user);
    void *sink_user;
} buf_t;

void buf_init(buf_t *b);
void buf_free(buf_t *b);
void buf_add(buf_t *b, const char *s, size_t n);
void buf_puts(buf_t *b, const char *s);
void buf_putc(buf_t *b, char c);
void buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append v in decimal (without printf: the writers' hot loops). */
void buf_uint(buf_t *b, uint64_t v);
/* Append s[0..n) as a JSON string body (no quotes), escaping as needed. */
void buf_json_escape(buf_t *b, const char *s, size_t n);
/* Append s[0..n) HTML-escaped. */
void buf_html_escape(buf_t *b, const char *s, size_t n);
/* Between records: hand what is buffered to the sink once it is large. */
void buf_flush_point(buf_t *b);
/* Hand everything buffered to the sink (the end of a document). */
void buf_flush(buf_t *b);
/* Hand the storage to the caller (NUL terminated); the buffer is reset. */
char *buf_take(buf_t *b, size_t *len);
#endif
