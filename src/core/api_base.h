/* The ground floor of the public API: errors, and the calls that need no
 * pipeline stage (status strings, version, default options, coref_free).
 * The calls that run or read the stages are in src/pipeline/. */
#ifndef COREF_API_BASE_H
#define COREF_API_BASE_H
#include <stdint.h>
#include "coref.h"

/* Fill *err (when not NULL) with code, offset and a printf-style message,
 * line -1; returns code, so a failing call can `return api_error(...)`. */
coref_status api_error(coref_error *err, coref_status code, int64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#endif
