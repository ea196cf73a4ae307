/* bench_scale_gen SHAPE TOKENS CORPUS OUT: write a document of about TOKENS
 * tokens to OUT for `make bench-scale`, and print its exact token count (by
 * the library's own tokenizer). SHAPE is
 *   news   CORPUS repeated as it is (paragraphs, punctuation),
 *   line   CORPUS's words without punctuation, all on one line,
 *   word   the word "word" repeated on one line (parsed as one long chain:
 *          the worst case for nesting).
 * The document is cut at a space, so TOKENS is approached from above. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/doc.h"
#include "core/fileio.h"
#include "text/text.h"

/* Tokens of text[0..n) (no cleaning: the benchmark text has no boilerplate). */
static size_t count_tokens(const char *text, size_t n)
{
    struct coref_doc d;
    memset(&d, 0, sizeof d);
    d.text = malloc(n + 1);
    if (!d.text) return 0;
    memcpy(d.text, text, n);
    d.text[n] = 0;
    d.len = n;
    size_t k = text_tokenize(&d) == 0 ? d.ntok : 0;
    doc_free_layers(&d);
    return k;
}

/* The corpus as the shape's repeating unit. */
static int unit_of(const char *shape, const char *corpus, size_t n, buf_t *u)
{
    if (strcmp(shape, "news") == 0) {
        buf_add(u, corpus, n);
        if (n && corpus[n - 1] != '\n') buf_putc(u, '\n');
        buf_putc(u, '\n');
    } else if (strcmp(shape, "line") == 0) {
        /* letters, digits and the bytes of non-ASCII letters; all else is a space */
        int space = 1;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)corpus[i];
            if (isalnum(c) || c >= 0x80) {
                buf_putc(u, (char)c);
                space = 0;
            } else if (!space) {
                buf_putc(u, ' ');
                space = 1;
            }
        }
        if (!space) buf_putc(u, ' ');
    } else if (strcmp(shape, "word") == 0) {
        for (int i = 0; i < 1000; i++) buf_add(u, "word ", 5);
    } else {
        return -1;
    }
    return u->err ? -1 : 0;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: bench_scale_gen news|line|word TOKENS CORPUS OUT\n");
        return 2;
    }
    size_t want = strtoull(argv[2], NULL, 10);
    char *corpus = NULL;
    size_t n = 0;
    if (read_file(argv[3], &corpus, &n) != 0) {
        fprintf(stderr, "bench_scale_gen: cannot read %s\n", argv[3]);
        return 1;
    }
    buf_t u, doc;
    buf_init(&u);
    buf_init(&doc);
    if (unit_of(argv[1], corpus, n, &u) != 0 || u.len == 0) {
        fprintf(stderr, "bench_scale_gen: bad shape %s or empty corpus\n", argv[1]);
        return 2;
    }
    size_t per_unit = count_tokens(u.p, u.len);
    if (per_unit == 0) return 1;
    /* whole units, then a prefix of one cut at a space */
    size_t whole = want / per_unit;
    for (size_t i = 0; i < whole; i++) buf_add(&doc, u.p, u.len);
    size_t rest = want - whole * per_unit;
    if (rest) {
        size_t cut = (size_t)((double)u.len * (double)rest / (double)per_unit);
        while (cut < u.len && u.p[cut] != ' ') cut++;
        buf_add(&doc, u.p, cut);
    }
    if (doc.err) return 1;
    if (write_file(argv[4], doc.p, doc.len) != 0) {
        fprintf(stderr, "bench_scale_gen: cannot write %s\n", argv[4]);
        return 1;
    }
    printf("%zu\n", count_tokens(doc.p, doc.len));
    buf_free(&u);
    buf_free(&doc);
    free(corpus);
    return 0;
}
