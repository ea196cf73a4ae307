#include <stdlib.h>
#include "core/fileio.h"

int read_stream(FILE *f, char **data, size_t *len)
{
    size_t cap = 1 << 16, n = 0, r;
    char *p = malloc(cap + 1);
    *data = NULL;
    *len = 0;
    while (p && (r = fread(p + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *q = cap < ((size_t)-1) / 4 ? realloc(p, cap * 2 + 1) : NULL;
            if (!q) { free(p); p = NULL; break; }
            p = q;
            cap *= 2;
        }
    }
    if (!p) return -2;
    if (ferror(f)) { free(p); return -1; }
    p[n] = 0;
    *data = p;
    *len = n;
    return 0;
}

int read_file(const char *path, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    int rc = read_stream(f, data, len);
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
