/* The trainers' own random numbers (xorshift64*), so shuffles and samples
 * depend on the seed alone, never on libc: training is reproducible bit for
 * bit. The state must not be 0. */
#ifndef COREF_TOOLS_RNG_H
#define COREF_TOOLS_RNG_H
#include <stdint.h>

static inline uint64_t rng_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545f4914f6cdd1dULL;
}

/* Uniform in [0, 1) with 53 random bits. */
static inline double rng_unit(uint64_t *s) { return (double)(rng_next(s) >> 11) * (1.0 / 9007199254740992.0); }
#endif
