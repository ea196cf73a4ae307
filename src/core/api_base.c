/* The public API's calls that need no pipeline stage, and api_error. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/api_base.h"

coref_status api_error(coref_error *err, coref_status code, int64_t offset, const char *fmt, ...)
{
    if (err) {
        err->code = code;
        err->offset = offset;
        err->line = -1;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

const char *coref_strerror(coref_status code)
{
    switch (code) {
    case COREF_OK: return "success";
    case COREF_ERR_NOMEM: return "out of memory";
    case COREF_ERR_ARG: return "invalid argument";
    case COREF_ERR_UTF8: return "invalid UTF-8 input";
    case COREF_ERR_INPUT: return "malformed input";
    case COREF_ERR_MODEL: return "bad or missing model";
    case COREF_ERR_IO: return "input/output error";
    case COREF_ERR_LIMIT: return "input too large";
    }
    return "unknown error";
}

const char *coref_version(void) { return COREF_VERSION; }

void coref_free(void *p) { free(p); }

coref_options coref_default_options(void)
{
    coref_options o;
    memset(&o, 0, sizeof o);
    o.clean = 1;
    o.min_confidence = -1;
    return o;
}
