/* The GAP dataset (Webster et al. 2018): its TSV and the mentions of an
 * example's pronoun and names in our analysis of its text (eval_gap,
 * train_pron). */
#ifndef COREF_TOOLS_GAP_H
#define COREF_TOOLS_GAP_H
#include <stddef.h>
struct coref_doc;

typedef struct gap_example {
    const char *id, *text, *pronoun, *name[2];   /* into the file's bytes */
    size_t len;                                  /* of text */
    size_t pron_cp, name_cp[2];                  /* offsets in code points */
    int gold[2];                                 /* A-coref, B-coref */
    int feminine;                                /* she, her, hers, herself */
} gap_example;

typedef struct gap_set {
    char *data;          /* the file's bytes, split in place */
    gap_example *ex;
    size_t n;
} gap_set;

/* Read a GAP TSV (header row; ID, Text, Pronoun, Pronoun-offset, A,
 * A-offset, A-coref, B, B-offset, B-coref, URL). 0, or -1 with a message on
 * stderr. */
int gap_read(const char *path, gap_set *s);
void gap_free(gap_set *s);

/* The mentions of d (an analysis of ex->text) for the pronoun (*pm) and the
 * names (nm[0], nm[1]), -1 when none. The pronoun's mention is the mention
 * that begins at the pronoun's token (else the smallest one containing it);
 * a name's mention is the smallest mention containing every token the name
 * overlaps (else the smallest whose head lies in the name), an
 * apposition's host noun phrase rather than the apposition. */
void gap_locate(const struct coref_doc *d, const gap_example *ex, long *pm, long nm[2]);
#endif
