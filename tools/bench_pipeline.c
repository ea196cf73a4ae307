/* bench_pipeline FILE [RUNS]: time the pipeline on FILE (split into
 * documents at blank-line-separated blocks of ~2,000 words), stage by stage
 * and end to end, on one thread. One untimed warm-up pass (caches, page
 * faults of the model), then RUNS timed passes (default 5); the stages of the
 * fastest pass are printed, the way bench/yardsticks.mjs measures the
 * yardsticks, so the ratios in make bench compare like with like. */
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

struct pass_times {
    double tok, tag, parse, coref, out, all;
    size_t ntok, ndoc, nment, nclus;
};

/* One pass over the whole text. Returns 0, or 1 on invalid UTF-8. */
static int run_pass(coref_model *m, const char *text, size_t n, struct pass_times *t)
{
    memset(t, 0, sizeof *t);
    /* Documents: cut at paragraph breaks after ~12,000 bytes. */
    size_t pos = 0;
    while (pos < n) {
        size_t end = pos + 12000 < n ? pos + 12000 : n;
        const char *brk = end < n ? strstr(text + end, "\n\n") : NULL;
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
        if (utf8_validate(d->text, d->len, &bad, &why) != 0) { coref_doc_free(d); return 1; }
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
        write_json(d, 1, NULL, &b);   /* includes the resolved text */
        buf_free(&b);
        double t5 = now();
        t->tok += t1 - t0; t->tag += t2 - t1; t->parse += t3 - t2; t->coref += t4 - t3; t->out += t5 - t4;
        t->all += t5 - t0;
        t->ntok += d->ntok;
        t->nment += d->nment;
        t->nclus += d->ncluster;
        t->ndoc++;
        coref_doc_free(d);
        pos = end;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_pipeline FILE [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (runs < 1) runs = 1;
    char *text = NULL;
    size_t n = 0;
    if (read_file(argv[1], &text, &n) != 0) { fprintf(stderr, "bench_pipeline: cannot read %s\n", argv[1]); return 1; }
    coref_model *m = NULL;
    coref_error err;
    if (coref_model_load_embedded(&m, &err) != COREF_OK) { fprintf(stderr, "%s\n", err.message); return 1; }
    struct pass_times best = {0}, t;
    for (int r = 0; r <= runs; r++) {   /* pass 0 is the untimed warm-up */
        if (run_pass(m, text, n, &t) != 0) { fprintf(stderr, "bench_pipeline: bad UTF-8 in %s\n", argv[1]); return 1; }
        if (r == 1 || (r > 1 && t.all < best.all)) best = t;
    }
    printf("documents %zu, tokens %zu, mentions %zu, clusters %zu (best of %d passes after a warm-up pass)\n",
           best.ndoc, best.ntok, best.nment, best.nclus, runs);
    printf("%-28s %12s %10s\n", "stage", "tokens/s", "seconds");
    printf("%-28s %12.0f %10.3f\n", "clean+tokenize+split", best.ntok / best.tok, best.tok);
    printf("%-28s %12.0f %10.3f\n", "tagger", m->tagger ? best.ntok / best.tag : 0.0, best.tag);
    printf("%-28s %12.0f %10.3f\n", "parser", m->parser ? best.ntok / best.parse : 0.0, best.parse);
    printf("%-28s %12.0f %10.3f\n", "mentions+coref", best.ntok / best.coref, best.coref);
    printf("%-28s %12.0f %10.3f\n", "output (json+resolved)", best.ntok / best.out, best.out);
    printf("%-28s %12.0f %10.3f\n", "end to end", best.ntok / best.all, best.all);
    /* One line for bench/run.sh's yardstick table (our token count is the
     * common denominator). */
    printf("coref-best tokens %zu seconds %.6f\n", best.ntok, best.all);
    coref_model_free(m);
    free(text);
    return 0;
}
