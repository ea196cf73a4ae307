/* bench_pipeline FILE [REPEAT]: time the pipeline on FILE (split into
 * documents at blank-line-separated blocks of ~2,000 words), stage by stage
 * and end to end, on one thread. Prints tokens/s per stage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "coref.h"
#include "core/doc.h"
#include "core/fileio.h"
#include "core/model.h"
#include "coref/resolve.h"
#include "io/writers.h"
#include "mention/mention.h"
#include "parse/parser.h"
#include "rewrite/rewrite.h"
#include "tag/tagger.h"
#include "text/text.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_pipeline FILE [REPEAT]\n");
        return 2;
    }
    int repeat = argc > 2 ? atoi(argv[2]) : 1;
    char *text = NULL;
    size_t n = 0;
    if (read_file(argv[1], &text, &n) != 0) { fprintf(stderr, "bench_pipeline: cannot read %s\n", argv[1]); return 1; }
    coref_model *m = NULL;
    coref_error err;
    if (coref_model_load_embedded(&m, &err) != COREF_OK) { fprintf(stderr, "%s\n", err.message); return 1; }
    /* Documents: cut at paragraph breaks after ~12,000 bytes. */
    double t_tok = 0, t_tag = 0, t_parse = 0, t_coref = 0, t_out = 0, t_all = 0;
    size_t ntok = 0, ndoc = 0, nment = 0, nclus = 0;
    for (int r = 0; r < repeat; r++) {
        size_t pos = 0;
        while (pos < n) {
            size_t end = pos + 12000 < n ? pos + 12000 : n;
            char *brk = end < n ? strstr(text + end, "\n\n") : NULL;
            end = brk ? (size_t)(brk - text) + 2 : n;
            double t0 = now();
            struct coref_doc *d = calloc(1, sizeof *d);
            d->model = m;
            d->len = end - pos;
            d->text = malloc(d->len + 1);
            memcpy(d->text, text + pos, d->len);
            d->text[d->len] = 0;
            size_t bad;
            const char *why;
            if (utf8_validate(d->text, d->len, &bad, &why) != 0) { fprintf(stderr, "bad utf8\n"); return 1; }
            text_clean(d);
            text_tokenize(d);
            double t1 = now();
            if (m->tagger) tagger_tag(m->tagger, d);
            double t2 = now();
            if (m->parser) parser_parse(m->parser, d);
            double t3 = now();
            mention_detect(m, d);
            coref_resolve(m, d);
            rewrite_name_clusters(d);
            double t4 = now();
            buf_t b;
            buf_init(&b);
            write_json(d, 1, 0, &b);   /* includes the resolved text */
            buf_free(&b);
            double t5 = now();
            t_tok += t1 - t0; t_tag += t2 - t1; t_parse += t3 - t2; t_coref += t4 - t3; t_out += t5 - t4;
            t_all += t5 - t0;
            ntok += d->ntok;
            nment += d->nment;
            nclus += d->ncluster;
            ndoc++;
            coref_doc_free(d);
            pos = end;
        }
    }
    printf("documents %zu, tokens %zu, mentions %zu, clusters %zu (repeat %d)\n", ndoc, ntok, nment, nclus, repeat);
    printf("%-28s %12s %10s\n", "stage", "tokens/s", "seconds");
    printf("%-28s %12.0f %10.3f\n", "clean+tokenize+split", ntok / t_tok, t_tok);
    printf("%-28s %12.0f %10.3f\n", "tagger", m->tagger ? ntok / t_tag : 0.0, t_tag);
    printf("%-28s %12.0f %10.3f\n", "parser", m->parser ? ntok / t_parse : 0.0, t_parse);
    printf("%-28s %12.0f %10.3f\n", "mentions+coref", ntok / t_coref, t_coref);
    printf("%-28s %12.0f %10.3f\n", "output (json+resolved)", ntok / t_out, t_out);
    printf("%-28s %12.0f %10.3f\n", "end to end", ntok / t_all, t_all);
    coref_model_free(m);
    free(text);
    return 0;
}
