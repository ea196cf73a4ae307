/* One model shared by threads (coref.h: "immutable after load, may be shared
 * by threads"). Four threads analyse, resolve and render different documents
 * 50 times each on ONE model, and every output must equal the single-threaded
 * output of the same document. Built with -fsanitize=thread by `make tsan`,
 * where any data race inside the library fails the run.
 *
 * The threads run BEFORE anything else has used the model: state that the
 * library set up lazily on first use would otherwise be written by the main
 * thread before the threads start, which orders it and hides the race. So the
 * threads keep, per document, their first output and compare every later one
 * with it; after they have joined, those first outputs are compared with the
 * single-threaded reference. */
#include <pthread.h>
#include "check.h"
#include "coref.h"

#define NTHREADS 4
#define ROUNDS 50

/* Documents that exercise the whole pipeline: cleaning, quotes and speakers,
 * pronouns, names with titles, possessives, plurals, nominal rewriting. */
static const char *const inline_docs[] = {
    "Maria Lopez met her brother in Madrid. She told him that the company "
    "had hired her. \"I start on Monday,\" Maria said. He was proud of his sister.",
    "The United Nations said it would send observers. Secretary-General Antonio "
    "Guterres said he hoped both sides would respect the ceasefire, and they "
    "agreed to meet again.",
    "Dr. John Smith and his wife Anna arrived late. They had missed the train. "
    "\"We are sorry,\" she said, while he looked for their tickets. Smith later "
    "apologised to the hosts, who thanked him.",
    "Apple released a new phone on Tuesday. The company said its sales had grown. "
    "Tim Cook, the chief executive, told investors that he expected the device "
    "to sell well in China, where it will cost less.",
};
#define NINLINE (sizeof inline_docs / sizeof inline_docs[0])
#define NDOCS (NINLINE + 1)

typedef struct test_doc {
    const char *text;
    size_t len;
    coref_options opts;
} test_doc;

static coref_model *model;
static char *lavrov;
static test_doc docs[NDOCS];

/* The outputs compared between runs: the resolved text and the JSON
 * rendering (tokens, tags, tree, mentions, clusters, names, resolved). */
typedef struct doc_output {
    char *resolved;
    char *json;
    size_t nclusters;
} doc_output;

static void output_free(doc_output *o)
{
    coref_free(o->resolved);
    coref_free(o->json);
    o->resolved = o->json = NULL;
}

/* Analyse, resolve and render one document. 0, or -1 on any failure. */
static int run_doc(const test_doc *td, doc_output *out)
{
    coref_doc *d = NULL;
    coref_error err;
    memset(out, 0, sizeof *out);
    if (coref_doc_analyze(model, td->text, td->len, &td->opts, &d, &err) != COREF_OK) return -1;
    out->nclusters = coref_doc_cluster_count(d);
    int rc = coref_doc_resolve(d, &td->opts, &out->resolved, NULL) == COREF_OK &&
                     coref_doc_render(d, COREF_FORMAT_JSON, &td->opts, &out->json, NULL) == COREF_OK
                 ? 0
                 : -1;
    coref_doc_free(d);
    if (rc) output_free(out);
    return rc;
}

static int same_output(const doc_output *a, const doc_output *b)
{
    return a->nclusters == b->nclusters && strcmp(a->resolved, b->resolved) == 0 &&
           strcmp(a->json, b->json) == 0;
}

/* Print where two renderings of one output first differ, with some context. */
static void print_difference(const char *what, const char *got, const char *want)
{
    size_t i = 0;
    while (got[i] && got[i] == want[i]) i++;
    if (!got[i] && !want[i]) return;
    size_t from = i > 40 ? i - 40 : 0;
    print_error("  %s differs at byte %zu:\n    threaded: ...%.80s\n    single:   ...%.80s\n", what, i, got + from,
                want + from);
}

typedef struct worker {
    int id;
    pthread_barrier_t *start;
    size_t runs;               /* documents analysed, resolved and rendered */
    size_t failures;           /* runs where a library call failed */
    size_t mismatches;         /* runs whose output differed from this thread's first */
    doc_output first[NDOCS];   /* this thread's first output per document */
} worker;

static void *worker_main(void *arg)
{
    worker *w = arg;
    pthread_barrier_wait(w->start);   /* all threads start analysing together */
    for (int r = 0; r < ROUNDS; r++) {
        /* thread k starts at document k: at any time the threads work on
         * different documents */
        size_t di = ((size_t)w->id + (size_t)r) % NDOCS;
        doc_output o;
        if (run_doc(&docs[di], &o)) {
            w->failures++;
            continue;
        }
        w->runs++;
        if (!w->first[di].json) {
            w->first[di] = o;
            continue;
        }
        if (!same_output(&o, &w->first[di])) w->mismatches++;
        output_free(&o);
    }
    return NULL;
}

static int setup(void **state)
{
    (void)state;
    coref_error err;
    if (coref_model_load_embedded(&model, &err) != COREF_OK) return -1;
    size_t n;
    lavrov = test_read_file("examples/lavrov_scraped.txt", &n);
    if (!lavrov) return -1;
    for (size_t i = 0; i < NDOCS; i++) {
        docs[i].text = i < NINLINE ? inline_docs[i] : lavrov;
        docs[i].len = i < NINLINE ? strlen(inline_docs[i]) : n;
        docs[i].opts = coref_default_options();
        docs[i].opts.min_confidence = i % 2 ? 0 : 0.3;   /* thresholds, low enough to replace something */
    }
    /* the nominal rewrite and singleton output are paths of their own */
    docs[1].opts.nominals = 1;
    docs[3].opts.singletons = 1;
    docs[3].opts.all = 1;   /* and so is --all (its pronouns follow their names in the sentence) */
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    coref_model_free(model);
    free(lavrov);
    return 0;
}

static void test_threads_share_one_model(void **state)
{
    (void)state;
    pthread_barrier_t start;
    assert_int_equal(pthread_barrier_init(&start, NULL, NTHREADS), 0);
    worker workers[NTHREADS];
    pthread_t tid[NTHREADS];
    for (int k = 0; k < NTHREADS; k++) {
        workers[k] = (worker){.id = k, .start = &start};
        assert_int_equal(pthread_create(&tid[k], NULL, worker_main, &workers[k]), 0);
    }
    for (int k = 0; k < NTHREADS; k++) assert_int_equal(pthread_join(tid[k], NULL), 0);
    pthread_barrier_destroy(&start);

    /* the single-threaded reference, after the threads are done */
    doc_output ref[NDOCS];
    for (size_t i = 0; i < NDOCS; i++) assert_int_equal(run_doc(&docs[i], &ref[i]), 0);
    /* the documents must give the pipeline something to do, or equal outputs
     * would prove nothing: every document has a cluster and a pronoun that
     * the resolved text replaces */
    for (size_t i = 0; i < NDOCS; i++) {
        if (ref[i].nclusters == 0 || strcmp(ref[i].resolved, docs[i].text) == 0) {
            print_error("document %zu: %zu clusters, resolved text %s the input\n", i, ref[i].nclusters,
                        strcmp(ref[i].resolved, docs[i].text) ? "differs from" : "equals");
            fail();
        }
    }

    size_t runs = 0, bad = 0;
    for (int k = 0; k < NTHREADS; k++) {
        worker *w = &workers[k];
        runs += w->runs;
        bad += w->failures + w->mismatches;
        if (w->failures || w->mismatches)
            print_error("thread %d: %zu failed runs, %zu outputs differ from its first\n", k, w->failures,
                        w->mismatches);
        for (size_t i = 0; i < NDOCS; i++) {
            if (!w->first[i].json) continue;
            if (!same_output(&w->first[i], &ref[i])) {
                print_error("thread %d, document %zu: output differs from the single-threaded one\n", k, i);
                print_difference("resolved text", w->first[i].resolved, ref[i].resolved);
                print_difference("JSON", w->first[i].json, ref[i].json);
                bad++;
            }
            output_free(&w->first[i]);
        }
    }
    for (size_t i = 0; i < NDOCS; i++) output_free(&ref[i]);
    assert_int_equal(bad, 0);
    assert_int_equal(runs, (size_t)NTHREADS * ROUNDS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_share_one_model),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
