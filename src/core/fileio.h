/* Reading whole files and streams into memory (the library's one reader). */
#ifndef COREF_FILEIO_H
#define COREF_FILEIO_H
#include <stddef.h>
#include <stdio.h>
/* Read all of f into a NUL-terminated malloc'd buffer. 0 on success; -1 on a
 * read error; -2 when out of memory. *data is NULL on failure. */
int read_stream(FILE *f, char **data, size_t *len);
/* Same for a file path; -1 also when it cannot be opened. */
int read_file(const char *path, char **data, size_t *len);
#endif
