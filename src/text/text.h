/* Text layer: UTF-8 checks, news boilerplate cleaning, tokenizer, sentence
 * splitter. */
#ifndef COREF_TEXT_H
#define COREF_TEXT_H
#include <stddef.h>
#include <stdint.h>
struct coref_doc;

/* 0 when s[0..n) is valid UTF-8 with no NUL byte; else -1 and *bad = offset
 * of the first offending byte, *why a static description. */
int utf8_validate(const char *s, size_t n, size_t *bad, const char **why);
/* Number of code points in s[0..n) (valid UTF-8 assumed). */
size_t utf8_count(const char *s, size_t n);
/* Decode one code point at s[*i] (valid UTF-8 assumed), advancing *i. */
int32_t utf8_next(const char *s, size_t n, size_t *i);

/* Mark boilerplate lines of scraped news as skipped ranges in d->skip:
 * image file names and slugs, video captions, durations with their source
 * and the title above them, "Story highlights" blocks, bylines, photo
 * credits and captions, "Related:" / "READ MORE" links, share and follow
 * prompts, timestamps, a dateline alone on its line or as the prefix of a
 * paragraph. Skipped bytes stay in the text but are never tokenized.
 * Conservative: tools/eval_clean counts what it would skip of UD prose. */
int text_clean(struct coref_doc *d);
/* Tokenize d->text (outside d->skip) into d->toks and split sentences into
 * d->sents, following UD English (EWT/GUM) conventions. 0 or -1 (no memory). */
int text_tokenize(struct coref_doc *d);

/* What the token s[0..n) is when it is exactly one emoji or symbol
 * sequence, as the tokenizer cuts them (an emoji with its skin tone,
 * variation selector or keycap, a ZWJ sequence, a flag; a non-ASCII
 * pictographic or math symbol such as ★ ♥ ™ © → ≠): the tagger tags these
 * by rule and mentions never contain them. ASCII symbols, currency signs,
 * punctuation and words are TEXT_NOT_SYMBOL. */
enum { TEXT_NOT_SYMBOL = 0, TEXT_SYMBOL_PICTOGRAPH, TEXT_SYMBOL_MATH };
int text_symbol_token(const char *s, size_t n);
/* 1 when token i of d is such a symbol (its bytes, whatever its tags). */
int text_token_is_symbol(const struct coref_doc *d, size_t i);
#endif
