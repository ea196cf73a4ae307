/* libFuzzer targets for every reader, selected at compile time with
 * -DFUZZ_TARGET=n: 1 raw text through the whole pipeline, 2 CoNLL,
 * 3 CoNLL-U, 4 model file, 5 a perceptron image's table (used in place,
 * checked only as it is read). Build and run: `make fuzz` (clang). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "coref.h"
#include "io/conll.h"
#include "io/conllu.h"
#include "ml/perceptron.h"

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
#elif FUZZ_TARGET == 5
    /* A valid header (classes, the number of home slots from the first
     * bytes) over slots and pairs that are the rest of the input, the last
     * slot emptied (load_image requires it: it ends every probe run). */
    if (size < 4) return 0;
    uint32_t nc = 1u + data[0] % 8u, npair = nc > 4 ? data[1] % 64u : 0, body = (uint32_t)(size - 4);
    if (body < npair * 4u + 24u) return 0;
    uint32_t nslot = (body - npair * 4u) / 12u;
    uint32_t cap = 1u + (data[2] | (uint32_t)data[3] << 8) % (nslot - 1u);
    mf_writer w;
    mf_writer_init(&w);
    uint32_t head[] = {PC_IMAGE_VERSION, nc, cap / 2, cap, 0x3f800000u /* 1.0f */, npair, nslot,
                       0x31494350u /* "PCI1" */, 0};
    for (size_t i = 0; i < sizeof head / sizeof *head; i++) mfw_u32(&w, head[i]);
    size_t at = w.n;
    mfw_bytes(&w, data + 4, (size_t)nslot * 12u + npair * 4u);
    if (!w.err) memset(w.p + at + (size_t)(nslot - 1u) * 12u, 0, 4);
    mf_reader r;
    mf_reader_init(&r, w.p, w.n);
    pc_model *pm = NULL;
    if (w.err || pc_model_load(&r, &pm) != 0) abort();   /* the header is valid */
    uint64_t f[16];
    float sc[8];
    for (int i = 0; i < 16; i++) f[i] = pc_hash_mix(0x9e3779b9u, (uint64_t)i * 7919u + data[i % size]);
    pc_model_scores(pm, f, 16, sc);
    pc_model_free(pm);
    mf_writer_free(&w);
#else
#error "define FUZZ_TARGET"
#endif
    return 0;
}
