/* train_tagger TRAIN.conllu... -o OUT.bin [--epochs N] [--seed S] [--min-abs F] [--clusters CLUS.bin]
 *              [--features MASK]
 * Train the POS/morphology tagger and write its TAGR section payload.
 * --features: the tagger's feature groups, TAGGER_F_* of tag/tagger_impl.h
 * (1 ambiguity classes, 2 second XPOS pass, 4 longer affixes, 8 richer UPOS
 * features, 16 unseen words' classes from their clusters; default 17; 0 is
 * the tagger before issue 10's item 2, format 1).
 * --clusters: a CLUS payload (tools/train_clusters) whose cluster prefixes
 * become features; the model must then ship the same CLUS section. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/fileio.h"
#include "io/conllu.h"
#include "ml/modelfile.h"
#include "ml/wclusters.h"
#include "tag/tagger.h"
#include "common/tagger_train.h"

static void progress(void *ctx, int epoch, double xa, double ua, double fa)
{
    double t0 = *(double *)ctx;
    fprintf(stderr, "epoch %d: train XPOS %.4f UPOS %.4f FEATS %.4f (%.1fs)\n", epoch, xa, ua, fa,
            (double)clock() / CLOCKS_PER_SEC - t0);
}

int main(int argc, char **argv)
{
    tagger_train_opts o = tagger_default_train_opts();
    const char *outp = NULL, *clusp = NULL;
    const char *in[64];
    size_t nin = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc) outp = argv[++i];
        else if (!strcmp(argv[i], "--epochs") && i + 1 < argc) o.epochs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc) o.seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--min-abs") && i + 1 < argc) o.min_abs = (float)atof(argv[++i]);
        else if (!strcmp(argv[i], "--clusters") && i + 1 < argc) clusp = argv[++i];
        else if (!strcmp(argv[i], "--features") && i + 1 < argc) o.flags = (uint32_t)strtoul(argv[++i], NULL, 0);
        else if (argv[i][0] == '-') { nin = 0; break; }
        else if (nin < 64) in[nin++] = argv[i];
    }
    if (!outp || nin == 0 || o.epochs < 1) {
        fprintf(stderr, "usage: train_tagger TRAIN.conllu... -o OUT.bin [--epochs N] [--seed S] [--min-abs F] [--clusters CLUS.bin] [--features MASK]\n");
        return 2;
    }
    char *clusbuf = NULL;
    size_t cluslen = 0;
    word_clusters *clus = NULL;
    if (clusp) {
        char msg[200];
        if (read_file(clusp, &clusbuf, &cluslen) != 0 ||
            wclus_load((const uint8_t *)clusbuf, cluslen, &clus, msg, sizeof msg) != 0) {
            fprintf(stderr, "train_tagger: %s: %s\n", clusp, clusbuf ? msg : "cannot read");
            return 1;
        }
        o.clusters = clus;
    }
    conllu_corpus *c[64];
    for (size_t i = 0; i < nin; i++) {
        coref_error err;
        if (conllu_read_file(in[i], &c[i], &err) != COREF_OK) {
            fprintf(stderr, "train_tagger: %s: %s\n", in[i], err.message);
            return 1;
        }
    }
    double t0 = (double)clock() / CLOCKS_PER_SEC;
    o.progress = progress;
    o.ctx = &t0;
    mf_writer w;
    mf_writer_init(&w);
    int rc = tagger_train(c, nin, &o, &w);
    for (size_t i = 0; i < nin; i++) conllu_free(c[i]);
    wclus_free(clus);
    free(clusbuf);
    if (rc != 0) {
        fprintf(stderr, "train_tagger: training failed (out of memory)\n");
        mf_writer_free(&w);
        return 1;
    }
    if (write_file(outp, w.p, w.n) != 0) {
        fprintf(stderr, "train_tagger: cannot write %s\n", outp);
        mf_writer_free(&w);
        return 1;
    }
    fprintf(stderr, "train_tagger: wrote %s (%zu bytes)\n", outp, w.n);
    mf_writer_free(&w);
    return 0;
}
