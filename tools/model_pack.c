/* model_pack OUT TAG=FILE [TAG=FILE...]: write a model container with one
 * section per file (TAG is 4 characters: META, TAGR, PARS, LEXI, ...). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/fileio.h"
#include "ml/modelfile.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: model_pack OUT TAG=FILE...\n");
        return 2;
    }
    mf_section secs[MF_MAX_SECTIONS];
    size_t n = 0;
    for (int i = 2; i < argc && n < MF_MAX_SECTIONS; i++) {
        const char *eq = strchr(argv[i], '=');
        if (!eq || eq - argv[i] != 4) {
            fprintf(stderr, "model_pack: bad argument %s (want TAG=FILE)\n", argv[i]);
            return 2;
        }
        memcpy(secs[n].tag, argv[i], 4);
        secs[n].tag[4] = 0;
        secs[n].version = 1;
        char *data = NULL;
        int rc = read_file(eq + 1, &data, &secs[n].size);
        secs[n].data = (const uint8_t *)data;
        if (rc != 0) {
            fprintf(stderr, "model_pack: cannot read %s\n", eq + 1);
            return 1;
        }
        n++;
    }
    FILE *f = fopen(argv[1], "wb");
    if (!f || mf_write(f, secs, n) != 0 || fclose(f) != 0) {
        fprintf(stderr, "model_pack: cannot write %s\n", argv[1]);
        return 1;
    }
    for (size_t i = 0; i < n; i++) free((void *)secs[i].data);
    return 0;
}
