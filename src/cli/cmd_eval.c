/* STUB: `coref eval`, replaced by the eval stage. */
#include "cli/cli.h"
int cmd_eval(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "coref eval: not implemented yet\n"); return 2; }
