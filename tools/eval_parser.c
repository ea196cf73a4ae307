/* eval_parser: score the parser on CoNLL-U with gold words.
 *
 *   eval_parser PARSER.bin DEV.conllu... [--tagger TAGGER.bin] [--repeat N]
 *
 * PARSER.bin / TAGGER.bin are either a bare section payload (as written by
 * train_parser / train_tagger) or a whole model file holding PARS / TAGR.
 * Prints UAS, LAS (full relation incl. subtype) and LAS on the universal
 * part before ':', punctuation included, with gold tags and, given a
 * tagger, with predicted tags; plus parser-only words per second. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/doc.h"
#include "core/tagset.h"
#include "io/conllu.h"
#include "ml/modelfile.h"
#include "core/fileio.h"
#include "parse/parser.h"
#include "ml/wclusters.h"
#include "tag/tagger.h"

/* The section `tag` of a model file, or the whole file when it is a bare payload. */
static const uint8_t *find_section(const uint8_t *blob, size_t n, const char *tag, size_t *sz)
{
    if (n >= 8 && memcmp(blob, MF_MAGIC, 8) == 0) {
        mf_section secs[MF_MAX_SECTIONS];
        size_t nsec = 0;
        char msg[200];
        if (mf_open(blob, n, secs, &nsec, msg, sizeof msg) != 0) {
            fprintf(stderr, "eval_parser: %s\n", msg);
            return NULL;
        }
        const mf_section *s = mf_find(secs, nsec, tag);
        if (!s) { fprintf(stderr, "eval_parser: model has no %s section\n", tag); return NULL; }
        *sz = s->size;
        return s->data;
    }
    *sz = n;
    return blob;
}

/* The CLUS section of a model file into *out (NULL when it has none or is a
 * bare section). 0, or -1 (message printed). */
static int load_clusters(const char *path, const char *blob, size_t len, word_clusters **out)
{
    mf_section secs[MF_MAX_SECTIONS];
    size_t nsec = 0;
    const mf_section *cs;
    char msg[256];
    *out = NULL;
    if (len >= 8 && memcmp(blob, MF_MAGIC, 8) == 0 &&
        mf_open((const uint8_t *)blob, len, secs, &nsec, msg, sizeof msg) == 0 &&
        (cs = mf_find(secs, nsec, WCLUS_SECTION)) &&
        wclus_load(cs->data, cs->size, out, msg, sizeof msg) != 0) {
        fprintf(stderr, "eval_parser: %s: %s\n", path, msg);
        return -1;
    }
    return 0;
}

/* A document of the corpus' sentences with gold words and tags. */
static struct coref_doc *doc_from_corpus(const conllu_corpus *c)
{
    struct coref_doc *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    size_t len = 0;
    for (size_t i = 0; i < c->nword; i++) len += c->words[i].form_len + 1;
    d->text = malloc(len + 1);
    if (!d->text) { free(d); return NULL; }
    size_t pos = 0;
    for (size_t k = 0; k < c->nsent; k++) {
        const conllu_sent *s = &c->sents[k];
        uint32_t tb = (uint32_t)d->ntok;
        for (size_t i = s->word_begin; i < s->word_end; i++) {
            const conllu_word *w = &c->words[i];
            memcpy(d->text + pos, w->form, w->form_len);
            if (doc_add_token(d, (uint32_t)pos, (uint32_t)(pos + w->form_len)) != 0) return NULL;
            tok_t *t = &d->toks[d->ntok - 1];
            t->upos = w->upos;
            t->xpos = w->xpos;
            t->flags = TF_SPACE_AFTER | TF_GOLD_TAGS;
            pos += w->form_len;
            d->text[pos++] = i + 1 < s->word_end ? ' ' : '\n';
        }
        if (doc_add_sentence(d, tb, (uint32_t)d->ntok) != 0) return NULL;
    }
    d->text[pos] = 0;
    d->len = pos;
    return d;
}

/* Length of the universal part of a relation name (before ':'). */
static size_t univ_len(const char *s, size_t n)
{
    const char *c = memchr(s, ':', n);
    return c ? (size_t)(c - s) : n;
}

typedef struct score { size_t n, ua, la, lu, upos, xpos; } score;

static void score_doc(const conllu_corpus *c, const struct coref_doc *d, score *sc)
{
    size_t ti = 0;
    for (size_t k = 0; k < c->nsent; k++) {
        const conllu_sent *s = &c->sents[k];
        size_t base = ti;
        for (size_t i = s->word_begin; i < s->word_end; i++, ti++) {
            const conllu_word *w = &c->words[i];
            const tok_t *t = &d->toks[ti];
            long ph = t->head < 0 ? -1 : (long)t->head - (long)base;
            sc->n++;
            sc->upos += t->upos == w->upos;
            sc->xpos += t->xpos == w->xpos;
            if (ph != w->head) continue;
            sc->ua++;
            const char *pn = deprel_names[t->deprel < DEP_COUNT ? t->deprel : 0];
            size_t pl = strlen(pn);
            sc->la += pl == w->deprel_len && memcmp(pn, w->deprel_str, pl) == 0;
            size_t pu = univ_len(pn, pl), gu = univ_len(w->deprel_str, w->deprel_len);
            sc->lu += pu == gu && memcmp(pn, w->deprel_str, pu) == 0;
        }
    }
}

static void print_score(const char *name, const char *tags, const score *s)
{
    double n = s->n ? (double)s->n : 1;
    printf("%-28s %-9s words %6zu  UAS %.2f  LAS %.2f  LAS(univ) %.2f", name, tags, s->n, 100 * s->ua / n,
           100 * s->la / n, 100 * s->lu / n);
    if (strcmp(tags, "predicted") == 0) printf("  UPOS %.2f XPOS %.2f", 100 * s->upos / n, 100 * s->xpos / n);
    printf("\n");
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);   /* CPU time: the machine is shared */
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    const char *ppath = NULL, *tpath = NULL;
    const char **files = calloc((size_t)argc, sizeof *files);
    int nfile = 0, repeat = 3;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--tagger") == 0 && i + 1 < argc) tpath = argv[++i];
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) repeat = atoi(argv[++i]);
        else if (!ppath) ppath = argv[i];
        else files[nfile++] = argv[i];
    }
    if (!ppath || nfile == 0) {
        fprintf(stderr, "usage: eval_parser PARSER.bin DEV.conllu... [--tagger TAGGER.bin] [--repeat N]\n");
        return 2;
    }
    if (repeat < 1) repeat = 1;
    size_t plen = 0, tlen = 0, sz = 0;
    char *pblob = NULL, *tblob = NULL;
    read_file(ppath, &pblob, &plen);
    if (!pblob) { fprintf(stderr, "eval_parser: cannot read %s\n", ppath); return 1; }
    const uint8_t *sec = find_section((const uint8_t *)pblob, plen, PARSER_SECTION, &sz);
    struct parser *p = NULL;
    struct tagger *tg = NULL;
    word_clusters *clus = NULL;
    char msg[256];
    if (!sec || parser_load(sec, sz, &p, msg, sizeof msg) != 0) {
        fprintf(stderr, "eval_parser: %s: %s\n", ppath, sec ? msg : "no parser");
        return 1;
    }
    if (tpath) {
        if (read_file(tpath, &tblob, &tlen) != 0) { fprintf(stderr, "eval_parser: cannot read %s\n", tpath); return 1; }
        sec = find_section((const uint8_t *)tblob, tlen, TAGGER_SECTION, &sz);
        if (!sec || tagger_load(sec, sz, &tg, msg, sizeof msg) != 0) {
            fprintf(stderr, "eval_parser: %s: %s\n", tpath, sec ? msg : "no tagger");
            return 1;
        }
        /* the tagger's word clusters, as at run time, when a model file has them */
        if (load_clusters(tpath, tblob, tlen, &clus) != 0) return 1;
        if (clus) tagger_use_clusters(tg, clus);
    }
    /* the parser's: its own model file's, else the tagger's */
    word_clusters *pclus = NULL;
    if (parser_needs_clusters(p)) {
        if (load_clusters(ppath, pblob, plen, &pclus) != 0) return 1;
        if (!pclus && !clus) {
            fprintf(stderr, "eval_parser: %s: the parser needs word clusters (a model file with %s)\n", ppath,
                    WCLUS_SECTION);
            return 1;
        }
        parser_use_clusters(p, pclus ? pclus : clus);
    }
    score all_g, all_p;
    memset(&all_g, 0, sizeof all_g);
    memset(&all_p, 0, sizeof all_p);
    double best_rate = 0;
    for (int fi = 0; fi < nfile; fi++) {
        conllu_corpus *c = NULL;
        coref_error err;
        memset(&err, 0, sizeof err);
        if (conllu_read_file(files[fi], &c, &err) != 0) {
            fprintf(stderr, "eval_parser: %s: %s\n", files[fi], err.message);
            return 1;
        }
        struct coref_doc *d = doc_from_corpus(c);
        if (!d) { fprintf(stderr, "eval_parser: out of memory\n"); return 1; }
        const char *base = strrchr(files[fi], '/') ? strrchr(files[fi], '/') + 1 : files[fi];
        double best = 1e30;
        for (int r = 0; r < repeat; r++) {
            double t0 = now();
            parser_parse(p, d);
            double t = now() - t0;
            if (t < best) best = t;
        }
        double rate = d->ntok / (best > 0 ? best : 1e-9);
        if (rate > best_rate) best_rate = rate;
        score sg;
        memset(&sg, 0, sizeof sg);
        score_doc(c, d, &sg);
        print_score(base, "gold", &sg);
        printf("%-28s parser speed %.0f words/s (CPU time, best of %d, %zu words)\n", base, rate, repeat, d->ntok);
        all_g.n += sg.n; all_g.ua += sg.ua; all_g.la += sg.la; all_g.lu += sg.lu;
        if (tg) {
            for (size_t i = 0; i < d->ntok; i++) {   /* let the tagger overwrite the gold tags */
                d->toks[i].flags &= (uint8_t)~TF_GOLD_TAGS;
                d->toks[i].upos = 0;
                d->toks[i].xpos = 0;
            }
            tagger_tag(tg, d);
            parser_parse(p, d);
            score sp;
            memset(&sp, 0, sizeof sp);
            score_doc(c, d, &sp);
            print_score(base, "predicted", &sp);
            all_p.n += sp.n; all_p.ua += sp.ua; all_p.la += sp.la; all_p.lu += sp.lu;
            all_p.upos += sp.upos; all_p.xpos += sp.xpos;
        }
        doc_free_layers(d);
        free(d);
        conllu_free(c);
    }
    if (nfile > 1) {
        print_score("all", "gold", &all_g);
        if (tg) print_score("all", "predicted", &all_p);
    }
    parser_free(p);
    tagger_free(tg);
    wclus_free(clus);
    wclus_free(pclus);
    free(pblob);
    free(tblob);
    free(files);
    return 0;
}
