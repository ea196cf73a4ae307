/* The model a tool runs on (tool_model.h). */
#include "tool_model.h"
#include <stdio.h>

coref_model *tool_load_model(const char *tool, const char *path)
{
    coref_error err;
    coref_model *model = NULL;
    if ((path ? coref_model_load_file(path, &model, &err) : coref_model_load_embedded(&model, &err)) != COREF_OK) {
        fprintf(stderr, "%s: model: %s\n", tool, err.message);
        return NULL;
    }
    return model;
}
