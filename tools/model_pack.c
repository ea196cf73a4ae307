/* model_pack OUT [--base MODEL] TAG=FILE [TAG=FILE...]: write a model
 * container with one section per file (TAG is 4 characters: META, TAGR,
 * PARS, LEXI, ...). With --base, the sections of MODEL come first, in its
 * order, each replaced by a TAG=FILE of the same tag; other TAG=FILEs are
 * added after them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/fileio.h"
#include "ml/modelfile.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: model_pack OUT [--base MODEL] TAG=FILE...\n");
        return 2;
    }
    mf_section secs[MF_MAX_SECTIONS];
    int owned[MF_MAX_SECTIONS] = {0};
    size_t n = 0;
    char *base = NULL;
    int first = 2;
    if (argc > 3 && strcmp(argv[2], "--base") == 0) {
        size_t bn = 0;
        char msg[200];
        if (read_file(argv[3], &base, &bn) != 0 || mf_open((const uint8_t *)base, bn, secs, &n, msg, sizeof msg) != 0) {
            fprintf(stderr, "model_pack: cannot read the model %s\n", argv[3]);
            return 1;
        }
        first = 4;
    }
    for (int i = first; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        if (!eq || eq - argv[i] != 4) {
            fprintf(stderr, "model_pack: bad argument %s (want TAG=FILE)\n", argv[i]);
            return 2;
        }
        size_t k = 0;
        while (k < n && memcmp(secs[k].tag, argv[i], 4) != 0) k++;
        if (k == n && n == MF_MAX_SECTIONS) {
            fprintf(stderr, "model_pack: more than %d sections\n", MF_MAX_SECTIONS);
            return 2;
        }
        if (k == n) n++;
        memcpy(secs[k].tag, argv[i], 4);
        secs[k].tag[4] = 0;
        secs[k].version = 1;
        char *data = NULL;
        int rc = read_file(eq + 1, &data, &secs[k].size);
        secs[k].data = (const uint8_t *)data;
        owned[k] = 1;
        if (rc != 0) {
            fprintf(stderr, "model_pack: cannot read %s\n", eq + 1);
            return 1;
        }
    }
    FILE *f = fopen(argv[1], "wb");
    if (!f || mf_write(f, secs, n) != 0 || fclose(f) != 0) {
        fprintf(stderr, "model_pack: cannot write %s\n", argv[1]);
        return 1;
    }
    for (size_t i = 0; i < n; i++)
        if (owned[i]) free((void *)secs[i].data);
    free(base);
    return 0;
}
