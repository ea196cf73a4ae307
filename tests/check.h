/* Shared test helpers on top of cmocka. Each tests/test_<area>.c is one
 * program: a list of cmocka unit tests run by cmocka_run_group_tests. */
#ifndef COREF_TEST_CHECK_H
#define COREF_TEST_CHECK_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

/* Path of the shared data folder (../shared/data unless COREF_DATA is set). */
static inline const char *test_data_dir(void)
{
    const char *d = getenv("COREF_DATA");
    return d && *d ? d : "../shared/data";
}

/* Skip the current test when the shared data (or a file in it) is missing. */
#define REQUIRE_DATA(relpath)                                                   \
    do {                                                                        \
        char path_[1024];                                                       \
        struct stat st_;                                                        \
        snprintf(path_, sizeof path_, "%s/%s", test_data_dir(), (relpath));     \
        if (stat(path_, &st_) != 0) {                                           \
            print_message("skip: %s not found (needs ../shared/data)\n", path_); \
            skip();                                                             \
        }                                                                       \
    } while (0)

/* Read a whole file; NULL when it cannot be read. Caller frees. */
static inline char *test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *p = malloc(cap + 1);
    size_t r;
    while (p && (r = fread(p + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *q = realloc(p, cap * 2 + 1);
            if (!q) { free(p); p = NULL; break; }
            p = q;
            cap *= 2;
        }
    }
    fclose(f);
    if (!p) return NULL;
    p[n] = 0;
    if (len) *len = n;
    return p;
}

/* The embedded model shared by a program's tests: `model`, loaded by
 * model_setup and freed by model_teardown (cmocka group fixtures). For
 * programs that include coref.h. */
#define EMBEDDED_MODEL_FIXTURE                                                   \
    static coref_model *model;                                                   \
    static int model_setup(void **state)                                         \
    {                                                                            \
        (void)state;                                                             \
        coref_error err;                                                         \
        return coref_model_load_embedded(&model, &err) == COREF_OK ? 0 : -1;     \
    }                                                                            \
    static int model_teardown(void **state)                                      \
    {                                                                            \
        (void)state;                                                             \
        coref_model_free(model);                                                 \
        return 0;                                                                \
    }

/* Compare two strings and print both (with the test input) on mismatch. */
#define CHECK_STR(got, want, input)                                              \
    do {                                                                         \
        const char *g_ = (got), *w_ = (want);                                    \
        if (!g_ || strcmp(g_, w_) != 0) {                                        \
            print_error("input: %s\n  got: %s\n want: %s\n", (input), g_ ? g_ : "(null)", w_); \
            fail();                                                              \
        }                                                                        \
    } while (0)
#endif
