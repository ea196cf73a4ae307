/* The CoNLL files of a corpus folder (conll_dir.h). */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "conll_dir.h"

static int name_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

char **conll_dir_list(const char *dir, size_t *n)
{
    *n = 0;
    DIR *dp = opendir(dir);
    if (!dp) return NULL;
    char **v = NULL;
    size_t k = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dp))) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 6, ".conll") != 0) continue;
        if (k == cap) {
            size_t nc = cap ? 2 * cap : 64;
            char **nv = realloc(v, nc * sizeof *v);
            if (!nv) break;
            v = nv;
            cap = nc;
        }
        if (!(v[k] = strdup(e->d_name))) break;
        k++;
    }
    closedir(dp);
    if (!v) v = calloc(1, sizeof *v);   /* an empty folder: an empty list, not an error */
    if (v) qsort(v, k, sizeof *v, name_cmp);
    *n = v ? k : 0;
    return v;
}
