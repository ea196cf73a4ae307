/* coref dump: the model's metadata. */
#include <stdio.h>
#include "cli/cli.h"

int cmd_dump(int argc, char **argv)
{
    coref_model *m = cli_load_model(cli_model_path());
    if (!m) return 1;
    static const char *keys[] = {"name", "date", "version", "data", "tagger", "parser", "lexicon", "scores"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *v = coref_model_info(m, keys[i]);
        if (v) printf("%s: %s\n", keys[i], v);
    }
    coref_model_free(m);
    return 0;
}
