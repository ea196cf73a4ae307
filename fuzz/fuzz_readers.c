/* libFuzzer targets for every reader, selected at compile time with
 * -DFUZZ_TARGET=n: 1 raw text through the whole pipeline, 2 CoNLL,
 * 3 CoNLL-U, 4 model file. Build and run: `make fuzz` (clang). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "coref.h"
#include "io/conll.h"
#include "io/conllu.h"

static coref_model *model;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    coref_error err;
    if (!model && coref_model_load_embedded(&model, &err) != COREF_OK) abort();
#if FUZZ_TARGET == 1
    coref_doc *d = NULL;
    if (coref_doc_analyze(model, (const char *)data, size, NULL, &d, &err) == COREF_OK) {
        char *out = NULL;
        size_t n = 0;
        for (int f = COREF_FORMAT_TEXT; f <= COREF_FORMAT_HTML; f++) {
            if (coref_doc_render(d, (coref_format)f, NULL, &out, &n) != COREF_OK) abort();
            if (f == COREF_FORMAT_TEXT && n != size && coref_doc_cluster_count(d) == 0) abort();
            coref_free(out);
        }
        coref_doc_free(d);
    }
#elif FUZZ_TARGET == 2
    conll_doc *docs = NULL;
    size_t nd = 0;
    if (conll_parse((const char *)data, size, &docs, &nd, &err) == COREF_OK) {
        for (size_t i = 0; i < nd; i++) {
            buf_t b;
            buf_init(&b);
            conll_write(&docs[i], docs[i].ments, docs[i].nment, &b);
            buf_free(&b);
        }
        conll_docs_free(docs, nd);
    }
#elif FUZZ_TARGET == 3
    conllu_corpus *c = NULL;
    if (conllu_parse((const char *)data, size, &c, &err) == COREF_OK) conllu_free(c);
#elif FUZZ_TARGET == 4
    coref_model *m = NULL;
    if (coref_model_load_memory(data, size, &m, &err) == COREF_OK) {
        coref_doc *d = NULL;
        const char *t = "Lavrov said he was ready. His country agreed.";
        if (coref_doc_analyze(m, t, strlen(t), NULL, &d, &err) == COREF_OK) coref_doc_free(d);
        coref_model_free(m);
    }
#else
#error "define FUZZ_TARGET"
#endif
    return 0;
}
