#include <stdint.h>
#include <stdlib.h>
#include "core/fileio.h"

int read_stream(FILE *f, size_t max, char **data, size_t *len)
{
    /* Read at most max + 1 bytes: one more than allowed tells "too long"
     * from "exactly max" without reading further. */
    size_t want = max < SIZE_MAX - 1 ? max + 1 : SIZE_MAX - 1;
    size_t cap = want < (1u << 16) ? want : 1u << 16, n = 0, r;
    char *p = malloc(cap + 1);
    *data = NULL;
    *len = 0;
    while (p && (r = fread(p + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n > max) { free(p); return FILEIO_ERR_LIMIT; }
        if (n == cap) {
            /* double, but never beyond what the limit can need */
            size_t ncap = cap < want / 2 ? cap * 2 : want;
            char *q = ncap > cap ? realloc(p, ncap + 1) : NULL;
            if (!q) { free(p); p = NULL; break; }
            p = q;
            cap = ncap;
        }
    }
    if (!p) return FILEIO_ERR_NOMEM;
    if (ferror(f)) { free(p); return FILEIO_ERR_READ; }
    p[n] = 0;
    *data = p;
    *len = n;
    return 0;
}

/* Make room for need bytes in *buf: doubling, but not beyond limit_cap
 * when that is enough (a line at the limit needs no more). */
static int grow(char **buf, size_t *cap, size_t need, size_t limit_cap)
{
    if (need <= *cap) return 0;
    size_t ncap = *cap > 128 ? *cap : 128;
    while (ncap < need) ncap = ncap < SIZE_MAX / 2 ? ncap * 2 : SIZE_MAX;
    if (limit_cap >= need && ncap > limit_cap) ncap = limit_cap;
    char *q = realloc(*buf, ncap);
    if (!q) return FILEIO_ERR_NOMEM;
    *buf = q;
    *cap = ncap;
    return 0;
}

int read_line(FILE *f, size_t max, char **buf, size_t *cap, size_t *len)
{
    size_t n = 0, limit_cap = max < SIZE_MAX ? max + 1 : SIZE_MAX;
    int c;
    *len = 0;
    /* getc, not fread: stdio hands over what one read() returned, so a line
     * is processed as soon as it arrives, not when a block is full. */
    while ((c = getc_unlocked(f)) != EOF && c != '\n') {
        if (n == max) {
            /* the line goes on past the limit: keep its first max bytes and
             * put this one back, so skip_line sees the line unfinished */
            ungetc(c, f);
            if (grow(buf, cap, n + 1, limit_cap)) return FILEIO_ERR_NOMEM;
            (*buf)[n] = 0;
            *len = n;
            return FILEIO_ERR_LIMIT;
        }
        if (grow(buf, cap, n + 2, limit_cap)) return FILEIO_ERR_NOMEM;
        (*buf)[n++] = (char)c;
    }
    if (c == EOF && ferror(f)) return FILEIO_ERR_READ;
    if (c == EOF && n == 0) return 0;
    if (grow(buf, cap, n + 1, limit_cap)) return FILEIO_ERR_NOMEM;
    (*buf)[n] = 0;
    *len = n;
    return 1;
}

int skip_line(FILE *f)
{
    int c;
    while ((c = getc_unlocked(f)) != EOF && c != '\n') {}
    return ferror(f) ? FILEIO_ERR_READ : 0;
}

int read_file(const char *path, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return FILEIO_ERR_READ;
    int rc = read_stream(f, SIZE_MAX, data, len);
    fclose(f);
    return rc;
}

int write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    int ok = fwrite(data, 1, n, f) == n;
    return fclose(f) == 0 && ok ? 0 : -1;
}
