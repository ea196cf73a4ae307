/* model_image IN OUT: write the image of model file IN (compact or image)
 * to OUT: the same sections with their tables stored ready to use, the
 * form the binary embeds and `--model` maps in place without decoding.
 * Deterministic. Linked without an embedded model (Makefile). */
#include <stdio.h>
#include "coref.h"
#include "core/model.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: model_image IN OUT\n");
        return 2;
    }
    coref_model *m = NULL;
    coref_error err;
    if (coref_model_load_file(argv[1], &m, &err) != COREF_OK) {
        fprintf(stderr, "model_image: %s: %s\n", argv[1], err.message);
        return 1;
    }
    char msg[200];
    FILE *f = fopen(argv[2], "wb");
    int rc = f ? coref_model_write_image(m, f, msg, sizeof msg) : -1;
    if (!f) snprintf(msg, sizeof msg, "cannot open for writing");
    if (f && fclose(f) != 0 && rc == 0) {
        snprintf(msg, sizeof msg, "cannot write");
        rc = -1;
    }
    coref_model_free(m);
    if (rc != 0) {
        fprintf(stderr, "model_image: %s: %s\n", argv[2], msg);
        remove(argv[2]);
        return 1;
    }
    return 0;
}
