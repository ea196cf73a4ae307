/* The CoNLL files of a corpus folder, for the tools that read GUM and
 * LitBank folders (dev_coref, train_ranker). */
#ifndef COREF_TOOLS_CONLL_DIR_H
#define COREF_TOOLS_CONLL_DIR_H
#include <stddef.h>
/* The *.conll file names of `dir` (names only), sorted bytewise so runs are
 * deterministic; *n their number. NULL when the folder cannot be read.
 * The caller frees each name and the array. */
char **conll_dir_list(const char *dir, size_t *n);
#endif
