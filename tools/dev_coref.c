/* dev_coref: development and evaluation harness for mentions + coreference.
 *
 *   dev_coref [--gold-tags] [--no-tree] [--gold-mentions] [--model FILE]
 *             [--lexicon FILE] [--singletons-dir DIR] [--verbose]
 *             [--sieve | --ranker | --side-by-side] [--rank FILE]
 *             [UD.conllu] CONLL_DIR
 *
 * One document per CoNLL file in CONLL_DIR (GUM 3-column or LitBank). Tags
 * and tree are predicted with the model (coref_doc_analyze_tokens), or with
 * --gold-tags taken from UD.conllu (documents matched by name, words by
 * position). --no-tree drops the tree and uses the POS-pattern chunker.
 * Prints mention P/R/F1 (exact span and head) and MUC/B3/CEAF-e/LEA/CoNLL F1.
 * With --singletons-dir, all detected mentions are also scored against the
 * GUM scheme (with singletons) of the same documents.
 * --sieve-alone leaves out the learned nominal linker (as --no-noml) and
 * the learned pronoun scorer: the hand-written sieve, for comparison.
 * Resolution: --sieve (the default) the multi-pass sieve alone; --ranker the
 * learned mention ranker after it (src/coref/rank.h; the model's RANK
 * section, or a bare section file given by --rank); --side-by-side scores
 * both on the same mentions in one run (the tables are the ranker's, the
 * sieve's metrics follow).
 * Error analysis: with --verbose, DEV_COREF_BADLINKS=K (0 proper, 1 nominal,
 * 2 third-person pronoun, 3 first/second) lists wrong links of that kind;
 * --dump-spans lists span errors and missed gold mentions, DEV_COREF_PAIRS=1
 * adds consecutive gold mention pairs (both detected) and whether they were
 * linked; DEV_COREF_CTX=1 adds the sentence context to both listings. */
#include "common/conll_dir.h"
#include "common/resolved_gold.h"
#include "common/tool_model.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "coref.h"
#include "core/doc.h"
#include "core/fileio.h"
#include "core/model.h"
#include "core/tagset.h"
#include "coref/nominal.h"
#include "coref/rank.h"
#include "coref/resolve.h"
#include "eval/eval.h"
#include "io/conll.h"
#include "io/conllu.h"
#include "mention/lexicon.h"
#include "mention/mention.h"

typedef struct prf { double tp, np, ng; } prf;

static void prf_print(const char *what, const prf *c)
{
    double p = c->np ? c->tp / c->np : 0, r = c->ng ? c->tp / c->ng : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("%-34s P %6.2f  R %6.2f  F1 %6.2f  (%.0f sys, %.0f gold)\n", what, 100 * p, 100 * r, 100 * f, c->np, c->ng);
}

/* The clustered mentions of d as scorer mentions, into resp; their number. */
static size_t response_mentions(const struct coref_doc *d, eval_mention *resp)
{
    size_t nr = 0;
    for (size_t k = 0; k < d->nment; k++)
        if (d->ments[k].cluster >= 0) resp[nr++] = (eval_mention){d->ments[k].tb, d->ments[k].te, d->ments[k].cluster};
    return nr;
}

/* Every metric's recall, precision and F1, each line led by `prefix`. */
static void print_metrics(const char *prefix, const eval_totals *t)
{
    for (int k = 0; k < EVAL_NMETRIC; k++) {
        double r, p, f;
        eval_prf(&t->m[k], &r, &p, &f);
        printf("%s%-6s R %6.2f  P %6.2f  F1 %6.2f\n", prefix, eval_metric_names[k], 100 * r, 100 * p, 100 * f);
    }
}

/* Mention detection counts: exact span and head-token match against gold spans. */
static void score_mentions(const struct coref_doc *d, const conll_mention *g, size_t ng, int clustered_only,
                           prf *exact, prf *head)
{
    char *gs = calloc(ng + 1, 1), *gh = calloc(ng + 1, 1);
    size_t ns = 0;
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if (clustered_only && m->cluster < 0) continue;
        ns++;
        int fe = 0, fh = 0;
        for (size_t k = 0; k < ng; k++) {
            if (!fe && !gs[k] && g[k].tb == m->tb && g[k].te == m->te) { gs[k] = 1; fe = 1; }
            if (!fh && !gh[k] && m->head >= g[k].tb && m->head < g[k].te && rg_span_head(d, g[k].tb, g[k].te) == m->head) {
                gh[k] = 1;
                fh = 1;
            }
        }
        exact->tp += fe;
        head->tp += fh;
    }
    exact->np += (double)ns;
    head->np += (double)ns;
    exact->ng += (double)ng;
    head->ng += (double)ng;
    free(gs);
    free(gh);
}

static void put_span(const struct coref_doc *d, uint32_t tb, uint32_t te)
{
    for (uint32_t i = tb; i < te; i++)
        printf("%s%.*s", i > tb ? " " : "", (int)(d->toks[i].end - d->toks[i].start), d->text + d->toks[i].start);
}

/* Link precision by anaphor kind: is each clustered mention's previous
 * cluster member in the same gold entity? lstat[kind][0] correct, [1] all. */
static void link_stats(const struct coref_doc *d, const conll_doc *g, double lstat[4][2])
{
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if (m->cluster < 0) continue;
        long prev = -1;
        for (size_t j = i; j-- > 0;)
            if (d->ments[j].cluster == m->cluster) { prev = (long)j; break; }
        if (prev < 0) continue;
        const mention_t *a = &d->ments[prev];
        int ok = 0;
        for (size_t k = 0; k < g->nment && !ok; k++) {
            if (g->ments[k].tb != m->tb || g->ments[k].te != m->te) continue;
            for (size_t l = 0; l < g->nment && !ok; l++)
                ok = g->ments[l].tb == a->tb && g->ments[l].te == a->te && g->ments[l].entity == g->ments[k].entity;
        }
        int kind = m->kind == MK_PRONOUN && m->person != 3 ? 3 : m->kind;
        if (getenv("DEV_COREF_BADLINKS") && !ok && kind == atoi(getenv("DEV_COREF_BADLINKS"))) {
            printf("BAD [");
            put_span(d, m->tb, m->te);
            printf("] -> [");
            put_span(d, a->tb, a->te);
            printf("]");
            if (getenv("DEV_COREF_CTX")) {
                /* from the antecedent's sentence to the anaphor's */
                const sent_t *s0 = &d->sents[d->toks[a->head].sent], *s1 = &d->sents[d->toks[m->head].sent];
                printf("  ::  ");
                put_span(d, s0->tok_begin, a->tb);
                printf(" {{");
                put_span(d, a->tb, a->te);
                printf("}} ");
                if (a->te < m->tb) put_span(d, a->te, m->tb);
                printf(" <<");
                put_span(d, m->tb, m->te);
                printf(">> ");
                put_span(d, m->te, s1->tok_end);
            }
            printf("\n");
        }
        lstat[kind][0] += ok;
        lstat[kind][1] += 1;
    }
}

/* Clustered system mentions whose head is in a gold mention of another span. */
static void dump_spans(const struct coref_doc *d, const conll_doc *g)
{
    for (size_t i = 0; i < d->nment; i++) {
        const mention_t *m = &d->ments[i];
        if (m->cluster < 0) continue;
        int exact = 0;
        long hk = -1;
        for (size_t k = 0; k < g->nment; k++) {
            if (g->ments[k].tb == m->tb && g->ments[k].te == m->te) exact = 1;
            else if (rg_span_head(d, g->ments[k].tb, g->ments[k].te) == m->head) hk = (long)k;
        }
        if (exact) continue;
        printf("SPAN sys [");
        put_span(d, m->tb, m->te);
        printf("] gold [");
        if (hk >= 0) put_span(d, g->ments[hk].tb, g->ments[hk].te);
        printf("]");
        if (getenv("DEV_COREF_CTX")) {
            const sent_t *s = &d->sents[d->toks[m->head].sent];
            printf("  ::  ");
            put_span(d, s->tok_begin, m->tb);
            printf(" <<");
            put_span(d, m->tb, m->te);
            printf(">> ");
            put_span(d, m->te, s->tok_end);
        }
        printf("\n");
    }
}

/* Consecutive gold pairs both detected but not in one system cluster:
 * kinds and whether their heads match. */
static void dump_pairs(const struct coref_doc *d, const conll_doc *g)
{
    for (size_t k = 0; k < g->nment; k++) {
        long prev = -1;
        for (size_t l = 0; l < g->nment; l++)
            if (g->ments[l].entity == g->ments[k].entity && (g->ments[l].tb < g->ments[k].tb ||
                (g->ments[l].tb == g->ments[k].tb && g->ments[l].te > g->ments[k].te)) &&
                (prev < 0 || g->ments[l].tb > g->ments[prev].tb))
                prev = (long)l;
        if (prev < 0) continue;
        long si = -1, sj = -1;
        for (size_t i = 0; i < d->nment; i++) {
            if (d->ments[i].tb == g->ments[k].tb && d->ments[i].te == g->ments[k].te) si = (long)i;
            if (d->ments[i].tb == g->ments[prev].tb && d->ments[i].te == g->ments[prev].te) sj = (long)i;
        }
        if (si < 0 || sj < 0) continue;
        const mention_t *m = &d->ments[si], *a = &d->ments[sj];
        int same = m->cluster >= 0 && m->cluster == a->cluster;
        int hm = tok_n(d, m->head) == tok_n(d, a->head) && !strncasecmp(tok_s(d, m->head), tok_s(d, a->head), tok_n(d, m->head));
        printf("PAIR %s %d%d hm=%d sd=%u [", same ? "ok" : "no", m->kind, a->kind, hm,
               d->toks[m->head].sent - d->toks[a->head].sent);
        put_span(d, m->tb, m->te);
        printf("] -> [");
        put_span(d, a->tb, a->te);
        printf("]\n");
    }
}

/* Gold mentions no system mention matches exactly (detected at all, or clustered). */
static void dump_missed(const struct coref_doc *d, const conll_doc *g)
{
    for (size_t k = 0; k < g->nment; k++) {
        int found = 0, clustered = 0;
        for (size_t i = 0; i < d->nment; i++)
            if (d->ments[i].tb == g->ments[k].tb && d->ments[i].te == g->ments[k].te) {
                found = 1;
                clustered |= d->ments[i].cluster >= 0;
            }
        if (clustered) continue;
        printf("%s [", found ? "UNCLUSTERED" : "MISS");
        put_span(d, g->ments[k].tb, g->ments[k].te);
        printf("]\n");
    }
}

int main(int argc, char **argv)
{
    double lstat[4][2] = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};
    int gold_tags = 0, no_tree = 0, gold_ments = 0, verbose = 0, dump = 0, use_rank = 0, side = 0;
    const char *model_path = NULL, *lex_path = NULL, *single_dir = NULL, *rank_path = NULL, *noml_path = NULL;
    double noml_thr = -1, noml_veto = -1, noml_veto_name = -1;
    int no_noml = 0, no_pron = 0;
    const char *pos[2] = {NULL, NULL};
    int np = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--gold-tags")) gold_tags = 1;
        else if (!strcmp(argv[i], "--no-tree")) no_tree = 1;
        else if (!strcmp(argv[i], "--gold-mentions")) gold_ments = 1;
        else if (!strcmp(argv[i], "--verbose")) verbose = 1;
        else if (!strcmp(argv[i], "--dump-spans")) dump = 1;
        else if (!strcmp(argv[i], "--model") && i + 1 < argc) model_path = argv[++i];
        else if (!strcmp(argv[i], "--lexicon") && i + 1 < argc) lex_path = argv[++i];
        else if (!strcmp(argv[i], "--singletons-dir") && i + 1 < argc) single_dir = argv[++i];
        else if (!strcmp(argv[i], "--sieve")) use_rank = side = 0;
        else if (!strcmp(argv[i], "--ranker")) use_rank = 1;
        else if (!strcmp(argv[i], "--side-by-side")) use_rank = side = 1;
        else if (!strcmp(argv[i], "--rank") && i + 1 < argc) rank_path = argv[++i];
        else if (!strcmp(argv[i], "--noml") && i + 1 < argc) noml_path = argv[++i];
        else if (!strcmp(argv[i], "--noml-threshold") && i + 1 < argc) noml_thr = atof(argv[++i]);
        else if (!strcmp(argv[i], "--noml-veto") && i + 1 < argc) noml_veto = atof(argv[++i]);
        else if (!strcmp(argv[i], "--noml-veto-name") && i + 1 < argc) noml_veto_name = atof(argv[++i]);
        else if (!strcmp(argv[i], "--no-noml")) no_noml = 1;
        else if (!strcmp(argv[i], "--sieve-alone")) no_noml = no_pron = 1;
        else if (np < 2) pos[np++] = argv[i];
        else np = 3;
    }
    if (np < 1 || np > 2) {
        fprintf(stderr, "usage: dev_coref [--gold-tags] [--no-tree] [--gold-mentions] [--model FILE] "
                        "[--lexicon FILE] [--singletons-dir DIR] [--verbose] [--sieve | --ranker | --side-by-side] "
                        "[--rank FILE] [--no-noml] [--sieve-alone] [UD.conllu] CONLL_DIR\n");
        return 2;
    }
    const char *ud_path = np == 2 ? pos[0] : NULL, *dir = pos[np - 1];
    if (gold_tags && !ud_path) {
        fprintf(stderr, "dev_coref: --gold-tags needs UD.conllu\n");
        return 2;
    }
    coref_error err;
    coref_model *model = tool_load_model("dev_coref", model_path);
    if (!model) return 1;
    /* the ranker runs here explicitly after the sieve, never inside coref_resolve */
    model->use_ranker = 0;
    struct ranker *rank_own = NULL;
    char *rankbytes = NULL;
    if (rank_path) {
        size_t n;
        char msg[200];
        read_file(rank_path, &rankbytes, &n);
        if (!rankbytes || ranker_load((const uint8_t *)rankbytes, n, &rank_own, msg, sizeof msg) != 0) {
            fprintf(stderr, "dev_coref: ranker %s: %s\n", rank_path, rankbytes ? msg : "cannot read");
            return 1;
        }
    }
    /* the learned nominal linker: the model's NOML section, another (--noml
     * FILE), none (--no-noml), with another threshold (--noml-threshold P) */
    char *nomlbytes = NULL;
    noml_model *noml_own = NULL;
    if (noml_path) {
        size_t n;
        char msg[200];
        read_file(noml_path, &nomlbytes, &n);
        if (!nomlbytes || noml_load((const uint8_t *)nomlbytes, n, &noml_own, msg, sizeof msg) != 0) {
            fprintf(stderr, "dev_coref: %s: %s\n", noml_path, nomlbytes ? msg : "cannot read");
            return 1;
        }
    }
    noml_model *noml_model_had = model->nominal;
    if (noml_own) model->nominal = noml_own;
    if (no_noml) model->nominal = NULL;
    if (no_pron) model->no_pron = 1;
    if (noml_thr >= 0 && model->nominal) model->nominal->threshold = (float)noml_thr;
    if (noml_veto >= 0 && model->nominal) model->nominal->veto = (float)noml_veto;
    if (noml_veto_name >= 0 && model->nominal) model->nominal->veto_name = (float)noml_veto_name;
    const struct ranker *rk = rank_own ? rank_own : model->ranker;
    if (use_rank && !rk) {
        fprintf(stderr, "dev_coref: the model has no %s section (give one with --rank FILE)\n", RANK_SECTION);
        return 1;
    }
    eval_totals tot_sieve;
    eval_totals_init(&tot_sieve);
    struct lexicon *lex = NULL;
    char *lexbytes = NULL;
    if (lex_path) {
        size_t n;
        char msg[200];
        read_file(lex_path, &lexbytes, &n);
        if (!lexbytes || lexicon_load((const uint8_t *)lexbytes, n, &lex, msg, sizeof msg) != 0) {
            fprintf(stderr, "dev_coref: lexicon %s: %s\n", lex_path, lexbytes ? msg : "cannot read");
            return 1;
        }
    }
    conllu_corpus *ud = NULL;
    if (ud_path && conllu_read_file(ud_path, &ud, &err) != COREF_OK) {
        fprintf(stderr, "dev_coref: %s: %s\n", ud_path, err.message);
        return 1;
    }
    size_t nfiles = 0;
    char **files = conll_dir_list(dir, &nfiles);
    if (!files || !nfiles) {
        fprintf(stderr, "dev_coref: no .conll files in %s\n", dir);
        return 1;
    }
    eval_totals tot;
    eval_totals_init(&tot);
    prf m_ex = {0, 0, 0}, m_hd = {0, 0, 0}, s_ex = {0, 0, 0}, s_hd = {0, 0, 0};
    double secs = 0;
    int any_tree = 0;
    size_t ntok_all = 0;
    for (size_t fi = 0; fi < nfiles; fi++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[fi]);
        size_t n;
        char *data = NULL;
        read_file(path, &data, &n);
        conll_doc *docs = NULL;
        size_t ndocs = 0;
        if (!data || conll_parse(data, n, &docs, &ndocs, &err) != COREF_OK || ndocs < 1) {
            fprintf(stderr, "dev_coref: cannot read %s\n", path);
            return 1;
        }
        free(data);
        conll_doc *g = &docs[0];
        /* the same document in the GUM scheme */
        conll_doc *sdocs = NULL;
        size_t nsdocs = 0;
        if (single_dir) {
            snprintf(path, sizeof path, "%s/%s", single_dir, files[fi]);
            char *sd = NULL;
            read_file(path, &sd, &n);
            if (sd && conll_parse(sd, n, &sdocs, &nsdocs, &err) != COREF_OK) nsdocs = 0;
            free(sd);
        }
        /* Find the UD document by name. */
        size_t ws = 0;
        int found = 0;
        if (ud) {
            for (size_t s = 0; s < ud->nsent; s++)
                if (ud->sents[s].newdoc && ud->sents[s].doc_id && strlen(g->name) == ud->sents[s].doc_id_len &&
                    !memcmp(g->name, ud->sents[s].doc_id, ud->sents[s].doc_id_len)) {
                    ws = ud->sents[s].word_begin;
                    found = 1;
                    break;
                }
        }
        struct coref_doc *d = NULL;
        const coref_options opts = coref_default_options();
        if (coref_doc_analyze_tokens(model, (const char *const *)g->tok, g->toklen, g->sent_start, g->ntok, &opts, &d,
                                     &err) != COREF_OK) {
            fprintf(stderr, "dev_coref: %s: %s\n", g->name, err.message);
            return 1;
        }
        if (gold_tags) {
            if (!found || ws + d->ntok > ud->nword) {
                fprintf(stderr, "dev_coref: %s not in %s\n", g->name, ud_path);
                return 1;
            }
            /* Tags and tree from the treebank; heads are sentence-relative there. */
            size_t si = 0;
            for (size_t i = 0; i < d->ntok; i++) {
                const conllu_word *w = &ud->words[ws + i];
                tok_t *t = &d->toks[i];
                while (si + 1 < d->nsent && d->sents[si].tok_end <= i) si++;
                t->upos = w->upos;
                t->xpos = w->xpos;
                t->deprel = w->deprel;
                t->morph = morph_from_feats(w->feats, w->feats_len);
                t->head = w->head < 0 ? -1 : (int32_t)(d->sents[si].tok_begin + (uint32_t)w->head);
                if (t->head >= (int32_t)d->ntok) t->head = -1;
                t->flags |= TF_GOLD_TAGS;
            }
        }
        if (no_tree)
            for (size_t i = 0; i < d->ntok; i++) d->toks[i].head = -1;
        for (size_t i = 0; i < d->ntok; i++) any_tree |= d->toks[i].head >= 0;
        clock_t c0 = clock();
        if (gold_ments) {
            d->nment = 0;
            for (size_t k = 0; k < g->nment; k++) {
                mention_t m;
                memset(&m, 0, sizeof m);
                m.tb = g->ments[k].tb;
                m.te = g->ments[k].te;
                m.head = rg_span_head(d, m.tb, m.te);
                m.gov = m.cluster = m.speaker = -1;
                doc_add_mention(d, &m);
            }
            mention_finish(model, lex, d);
        } else {
            mention_detect_path(model, lex, d, no_tree ? MD_PATTERNS : MD_AUTO);
        }
        coref_resolve(model, d);
        eval_mention *key = malloc((g->nment + 1) * sizeof *key), *resp = malloc((d->nment + 1) * sizeof *resp);
        size_t nk = 0, nr;
        for (size_t k = 0; k < g->nment; k++)
            key[nk++] = (eval_mention){g->ments[k].tb, g->ments[k].te, g->ments[k].entity};
        if (side) eval_add_document(&tot_sieve, key, nk, resp, response_mentions(d, resp));
        if (use_rank) rank_resolve(rk, d, NULL);
        secs += (double)(clock() - c0) / CLOCKS_PER_SEC;
        ntok_all += d->ntok;
        /* Score. */
        nr = response_mentions(d, resp);
        eval_totals one;
        eval_totals_init(&one);
        eval_add_document(&one, key, nk, resp, nr);
        eval_add_document(&tot, key, nk, resp, nr);
        if (verbose) printf("%-40s CoNLL F1 %6.2f\n", g->name, 100 * eval_conll_f1(&one));
        if (verbose) link_stats(d, g, lstat);
        if (dump) {
            dump_spans(d, g);
            dump_missed(d, g);
            if (getenv("DEV_COREF_PAIRS")) dump_pairs(d, g);
        }
        score_mentions(d, g->ments, g->nment, 1, &m_ex, &m_hd);
        if (nsdocs) score_mentions(d, sdocs[0].ments, sdocs[0].nment, 0, &s_ex, &s_hd);
        free(key);
        free(resp);
        coref_doc_free(d);
        conll_docs_free(docs, ndocs);
        conll_docs_free(sdocs, nsdocs);
        free(files[fi]);
    }
    free(files);
    printf("documents %zu, tokens %zu, tags: %s, mentions: %s\n", tot.ndoc, ntok_all,
           gold_tags ? "gold (UD)" : "predicted", gold_ments ? "gold" : any_tree ? "tree" : "POS patterns (no tree)");
    prf_print("mentions in clusters, exact span", &m_ex);
    prf_print("mentions in clusters, head", &m_hd);
    if (single_dir) {
        prf_print("all mentions vs GUM scheme, exact", &s_ex);
        prf_print("all mentions vs GUM scheme, head", &s_hd);
    }
    print_metrics("", &tot);
    printf("CoNLL F1 %.2f%s\n", 100 * eval_conll_f1(&tot), side ? " (ranker)" : "");
    if (side) {
        print_metrics("sieve ", &tot_sieve);
        printf("CoNLL F1 %.2f (sieve)\n", 100 * eval_conll_f1(&tot_sieve));
    }
    if (verbose) {
        static const char *const kn[] = {"proper", "nominal", "pronoun 3rd", "pronoun 1st/2nd"};
        for (int k = 0; k < 4; k++)
            printf("links from %-16s %5.0f, %5.1f%% to the right entity\n", kn[k], lstat[k][1],
                   lstat[k][1] ? 100 * lstat[k][0] / lstat[k][1] : 0.0);
    }
    printf("mention+coref speed: %.0f tokens/s\n", secs > 0 ? (double)ntok_all / secs : 0.0);
    conllu_free(ud);
    model->nominal = noml_model_had;
    coref_model_free(model);
    noml_free(noml_own);
    free(nomlbytes);
    lexicon_free(lex);
    free(lexbytes);
    ranker_free(rank_own);
    free(rankbytes);
    return 0;
}
