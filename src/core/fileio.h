/* Reading whole files and streams into memory, and writing them back (the
 * one reader and writer of the library, the CLI and the tools). */
#ifndef COREF_FILEIO_H
#define COREF_FILEIO_H
#include <stddef.h>
#include <stdio.h>
/* Read all of f into a NUL-terminated malloc'd buffer. 0 on success; -1 on a
 * read error; -2 when out of memory. *data is NULL on failure. */
int read_stream(FILE *f, char **data, size_t *len);
/* Same for a file path; -1 also when it cannot be opened. */
int read_file(const char *path, char **data, size_t *len);
/* Write n bytes to path (created or truncated). 0, or -1 on any failure. */
int write_file(const char *path, const void *data, size_t n);
#endif
