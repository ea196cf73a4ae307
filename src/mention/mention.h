/* Mention detection and attributes (number, gender, animacy, person,
 * entity type), and the lexicons behind them. */
#ifndef COREF_MENTION_H
#define COREF_MENTION_H
#include <stddef.h>
#include <stdint.h>
struct coref_doc;
struct coref_model;
struct lexicon;

#define LEXICON_SECTION "LEXI"
int lexicon_load(const uint8_t *data, size_t size, struct lexicon **out, char *errbuf, size_t errlen);
void lexicon_free(struct lexicon *lx);
/* The LEXI payload of a loaded lexicon in the image form lexicon_load reads
 * in place (the model image, tools/model_image). */
struct mf_writer;
void lexicon_write_image(const struct lexicon *lx, struct mf_writer *w);
/* Find mentions in d (uses tags and, when present, the tree). */
int mention_detect(const struct coref_model *m, struct coref_doc *d);

/* Mention-detection paths for mention_detect_path(). */
enum { MD_AUTO = 0, MD_TREE = 1, MD_PATTERNS = 2 };
/* Like mention_detect with a chosen path: MD_AUTO uses the tree for each
 * sentence that has one, MD_PATTERNS always the POS-pattern chunker.
 * `lex` overrides the model's lexicon when not NULL. 0 or -1 (no memory). */
int mention_detect_path(const struct coref_model *m, const struct lexicon *lex, struct coref_doc *d,
                        int path);

/* Sort d->ments (spans and heads already set), drop duplicate spans, and
 * fill every attribute, quotation flags and speakers. 0 or -1 (no memory). */
int mention_finish(const struct coref_model *m, const struct lexicon *lex, struct coref_doc *d);

/* Last word of a proper name headed by its first word in UD style
 * ("Sergey <-flat- Lavrov" -> Lavrov); m->head when there is none. */
struct mention;
uint32_t mention_name_end(const struct coref_doc *d, const struct mention *m);
/* A coordination ("Merkel and Macron"): a conjunct hangs off its head, which
 * is the first conjunct's, so name and head matching must not take the
 * group for that member. */
int mention_is_coordination(const struct coref_doc *d, const struct mention *m);

#endif
