/* The model a tool runs on: the embedded one, or --model FILE. */
#ifndef COREF_TOOLS_TOOL_MODEL_H
#define COREF_TOOLS_TOOL_MODEL_H
#include "coref.h"
/* The model at `path` (an image is mapped, a compact file decoded), or the
 * embedded one when path is NULL; NULL with "TOOL: model: why" on stderr. */
coref_model *tool_load_model(const char *tool, const char *path);
#endif
