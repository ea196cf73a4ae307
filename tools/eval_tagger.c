/* eval_tagger MODEL.bin DEV.conllu... [--dump FILE]: tagging accuracy on
 * gold tokens (UPOS, XPOS, FEATS, FEATS of pronouns) and speed in tokens/s.
 * --dump: every word as "form gold-UPOS gold-XPOS UPOS XPOS" (tab
 * separated, a blank line after each sentence), for error analysis.
 * MODEL.bin is a bare TAGR payload or a whole model file (whose CLUS
 * section, when it has one, the tagger gets as at run time). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/tagset.h"
#include "io/conllu.h"
#include "core/fileio.h"
#include "ml/modelfile.h"
#include "ml/wclusters.h"
#include "tag/tagger.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    FILE *dump = NULL;
    for (int a = 1; a + 1 < argc; a++)
        if (!strcmp(argv[a], "--dump")) {
            if (!(dump = fopen(argv[a + 1], "w"))) { fprintf(stderr, "eval_tagger: cannot write %s\n", argv[a + 1]); return 1; }
            for (int b = a; b + 2 < argc; b++) argv[b] = argv[b + 2];
            argc -= 2;
            break;
        }
    if (argc < 3) {
        fprintf(stderr, "usage: eval_tagger MODEL.bin DEV.conllu... [--dump FILE]\n");
        return 2;
    }
    size_t n;
    char *blob = NULL;
    if (read_file(argv[1], &blob, &n) != 0) { fprintf(stderr, "eval_tagger: cannot read %s\n", argv[1]); return 1; }
    const uint8_t *sec = (const uint8_t *)blob;
    size_t secn = n;
    mf_section secs[MF_MAX_SECTIONS];
    size_t nsec;
    char msg[256];
    word_clusters *clus = NULL;
    if (n >= 8 && !memcmp(blob, MF_MAGIC, 8)) {
        if (mf_open((const uint8_t *)blob, n, secs, &nsec, msg, sizeof msg)) { fprintf(stderr, "eval_tagger: %s\n", msg); return 1; }
        const mf_section *s = mf_find(secs, nsec, TAGGER_SECTION);
        if (!s) { fprintf(stderr, "eval_tagger: no TAGR section\n"); return 1; }
        sec = s->data;
        secn = s->size;
        if ((s = mf_find(secs, nsec, WCLUS_SECTION)) && wclus_load(s->data, s->size, &clus, msg, sizeof msg)) {
            fprintf(stderr, "eval_tagger: %s\n", msg);
            return 1;
        }
    }
    struct tagger *t;
    if (tagger_load(sec, secn, &t, msg, sizeof msg)) { fprintf(stderr, "eval_tagger: %s\n", msg); return 1; }
    tagger_use_clusters(t, clus);
    printf("%-28s %8s %7s %7s %7s %7s %9s\n", "file", "words", "UPOS", "XPOS", "FEATS", "PronF", "tok/s");
    for (int a = 2; a < argc; a++) {
        conllu_corpus *c;
        coref_error err;
        if (conllu_read_file(argv[a], &c, &err)) { fprintf(stderr, "eval_tagger: %s: %s\n", argv[a], err.message); return 1; }
        const char **form = malloc((c->nword + 1) * sizeof *form);
        uint32_t *len = malloc((c->nword + 1) * sizeof *len);
        uint8_t *up = malloc(c->nword + 1), *xp = malloc(c->nword + 1);
        uint16_t *fe = malloc((c->nword + 1) * sizeof *fe);
        if (!form || !len || !up || !xp || !fe) return 1;
        for (size_t i = 0; i < c->nword; i++) {
            form[i] = c->words[i].form;
            len[i] = c->words[i].form_len;
        }
        /* timing: best of 3 runs over the whole file */
        double best = 1e9;
        for (int rep = 0; rep < 3; rep++) {
            double t0 = now();
            for (size_t s = 0; s < c->nsent; s++) {
                size_t b = c->sents[s].word_begin;
                tagger_tag_words(t, form + b, len + b, c->sents[s].word_end - b, up + b, xp + b, fe + b);
            }
            double dt = now() - t0;
            if (dt < best) best = dt;
        }
        size_t cu = 0, cx = 0, cf = 0, np = 0, cpf = 0;
        for (size_t i = 0; i < c->nword; i++) {
            const conllu_word *w = &c->words[i];
            cu += up[i] == w->upos;
            cx += xp[i] == w->xpos;
            const char *fn = tagger_feats_name(t, fe[i]);
            int ok = strlen(fn) == w->feats_len && !memcmp(fn, w->feats, w->feats_len);
            cf += ok;
            if (w->upos == UPOS_PRON) { np++; cpf += ok; }
        }
        for (size_t k = 0; dump && k < c->nsent; k++) {
            for (size_t i = c->sents[k].word_begin; i < c->sents[k].word_end; i++) {
                const conllu_word *w = &c->words[i];
                fprintf(dump, "%.*s\t%s\t%s\t%s\t%s\n", (int)w->form_len, w->form, upos_names[w->upos],
                        xpos_names[w->xpos], upos_names[up[i]], xpos_names[xp[i]]);
            }
            fputc('\n', dump);
        }
        const char *base = strrchr(argv[a], '/');
        base = base ? base + 1 : argv[a];
        double d = c->nword ? (double)c->nword : 1;
        printf("%-28s %8zu %7.2f %7.2f %7.2f %7.2f %9.0f\n", base, c->nword, 100 * cu / d, 100 * cx / d,
               100 * cf / d, np ? 100.0 * cpf / (double)np : 0, c->nword / (best > 0 ? best : 1e-9));
        free(form); free(len); free(up); free(xp); free(fe);
        conllu_free(c);
    }
    if (dump) fclose(dump);
    tagger_free(t);
    wclus_free(clus);
    free(blob);
    return 0;
}
