/* Reading whole files and streams into memory, and writing them back (the
 * one reader and writer of the library, the CLI and the tools). */
#ifndef COREF_FILEIO_H
#define COREF_FILEIO_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
/* Results of the readers below besides 0 / 1. */
enum { FILEIO_ERR_READ = -1, FILEIO_ERR_NOMEM = -2, FILEIO_ERR_LIMIT = -3 };
/* Read all of f, at most `max` bytes (SIZE_MAX: no limit), into a
 * NUL-terminated malloc'd buffer. 0 on success; FILEIO_ERR_READ on a read
 * error; FILEIO_ERR_NOMEM when out of memory; FILEIO_ERR_LIMIT as soon as
 * the input has more than `max` bytes (reading stops there: a stream that
 * never ends is not read whole). *data is NULL on failure. */
int read_stream(FILE *f, size_t max, char **data, size_t *len);
/* Read one line of f without its '\n' into *buf (capacity *cap, grown as
 * needed, NUL terminated; the caller frees *buf), *len its length. Returns
 * 1 for a line (the last line may lack its '\n'), 0 at the end of the
 * input, FILEIO_ERR_READ / FILEIO_ERR_NOMEM, or FILEIO_ERR_LIMIT when the
 * line is longer than `max` bytes: then *buf holds its first `max` bytes
 * and the rest of the line is still unread (skip_line drops it). Returns as
 * soon as a line is complete, so a slow producer's lines are not held back. */
int read_line(FILE *f, size_t max, char **buf, size_t *cap, size_t *len);
/* Drop the rest of the current line (up to and including its '\n').
 * 0, or FILEIO_ERR_READ. */
int skip_line(FILE *f);
/* read_stream for a file path (no limit); FILEIO_ERR_READ also when it
 * cannot be opened. */
int read_file(const char *path, char **data, size_t *len);
/* Write n bytes to path (created or truncated). 0, or -1 on any failure. */
int write_file(const char *path, const void *data, size_t n);
#endif
