/* The model file: one little-endian binary with a section per component.
 *
 *   "COREFMDL" (8 bytes) | u32 format version | u32 section count
 *   section table: { char tag[4]; u32 version; u64 offset; u64 size } * count
 *   section payloads
 *
 * Every read is bounds-checked: a reader that runs past its end sets `err`
 * and returns zeros, so a loader checks `err` once at the end. */
#ifndef COREF_MODELFILE_H
#define COREF_MODELFILE_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define MF_MAGIC "COREFMDL"
#define MF_FORMAT_VERSION 1u
#define MF_MAX_SECTIONS 32

typedef struct mf_reader {
    const uint8_t *p;
    size_t n, pos;
    int err;
} mf_reader;

void mf_reader_init(mf_reader *r, const void *p, size_t n);
uint8_t mf_u8(mf_reader *r);
uint16_t mf_u16(mf_reader *r);
uint32_t mf_u32(mf_reader *r);
uint64_t mf_u64(mf_reader *r);
float mf_f32(mf_reader *r);
/* A pointer to the next n bytes (not copied), or NULL and err set. */
const void *mf_bytes(mf_reader *r, size_t n);
/* A u32-length-prefixed string; *len receives its length. Not NUL terminated. */
const char *mf_str(mf_reader *r, uint32_t *len);

typedef struct mf_writer {
    uint8_t *p;
    size_t n, cap;
    int err;
} mf_writer;

void mf_writer_init(mf_writer *w);
void mf_writer_free(mf_writer *w);
void mfw_u8(mf_writer *w, uint8_t v);
void mfw_u16(mf_writer *w, uint16_t v);
void mfw_u32(mf_writer *w, uint32_t v);
void mfw_u64(mf_writer *w, uint64_t v);
void mfw_f32(mf_writer *w, float v);
void mfw_bytes(mf_writer *w, const void *p, size_t n);
void mfw_str(mf_writer *w, const char *s, size_t n);

typedef struct mf_section {
    char tag[5];           /* 4 chars + NUL: "META", "TAGR", "PARS", "LEXI", ... */
    uint32_t version;
    const uint8_t *data;
    size_t size;
} mf_section;

/* Parse the container. Returns 0 or -1 with a message in errbuf. */
int mf_open(const uint8_t *blob, size_t size, mf_section *secs, size_t *nsec,
            char *errbuf, size_t errlen);
/* Find a section by tag; NULL when absent. */
const mf_section *mf_find(const mf_section *secs, size_t nsec, const char *tag);
/* Write a container with the given sections to f. Returns 0 or -1. */
int mf_write(FILE *f, const mf_section *secs, size_t nsec);

#endif
