/* err_coref: error analysis of the coreference links on a training folder.
 *
 *   err_coref [--model FILE] [--list KIND] CONLL_DIR...
 *
 * Runs the pipeline on each folder's given tokens (predicted tags and tree,
 * system mentions, the sieve, as dev_coref) and counts, by mention kind pair:
 *
 * missed gold links: each gold mention with an earlier gold mention of its
 * entity, not in one system cluster with any of them. Its pair is (the
 * anaphor's kind, the strongest kind among the entity's earlier mentions:
 * name > nominal > pronoun); its cause: the anaphor not detected (no system
 * mention with its span), no earlier mention of the entity detected, linked
 * instead to a mention of another entity (or of none), or no link at all.
 *
 * wrong links: each system mention's first link (mention_t.link) to a
 * mention not in its gold entity; its pair is (anaphor kind, antecedent
 * kind), its cause the pass that made it and whether the anaphor (or the
 * antecedent) is a gold mention at all.
 *
 * Kinds: the system mention's; for an undetected gold mention its head's
 * tag (PROPN name, PRON pronoun, else nominal). --list K prints every missed
 * (and wrong) link whose anaphor has kind K (0 name, 1 nominal, 2 pronoun). */
#include "common/corpus.h"
#include "common/resolved_gold.h"
#include "common/tool_model.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/doc.h"
#include "core/tagset.h"
#include "coref/resolve.h"

static const char *const kname[3] = {"name", "nominal", "pronoun"};
static const char *const pname[RP_COUNT] = {"none", "speaker", "exact", "proper", "first_name", "company", "acronym",
                                            "head", "role", "place", "demonstr", "pronoun", "it_chain"};

enum { MC_ANA_UNDET, MC_ANT_UNDET, MC_WRONG, MC_NONE, MC_N };
static const char *const mcname[MC_N] = {"anaphor not detected", "antecedent not detected", "linked elsewhere",
                                         "no link"};

static void put_span(const struct coref_doc *d, uint32_t tb, uint32_t te)
{
    for (uint32_t i = tb; i < te; i++) printf("%s%.*s", i > tb ? " " : "", (int)tok_n(d, i), tok_s(d, i));
}

static int gold_kind(const struct coref_doc *d, const long *sys, const conll_doc *g, size_t k)
{
    if (sys[k] >= 0) return d->ments[sys[k]].kind;
    uint32_t h = rg_span_head(d, g->ments[k].tb, g->ments[k].te);
    int u = d->toks[h].upos;
    return u == UPOS_PROPN ? MK_PROPER : u == UPOS_PRON ? MK_PRONOUN : MK_NOMINAL;
}

int main(int argc, char **argv)
{
    const char *model_path = NULL;
    int list = -1;
    const char *dirs[8];
    int ndir = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--model") && i + 1 < argc) model_path = argv[++i];
        else if (!strcmp(argv[i], "--list") && i + 1 < argc) list = atoi(argv[++i]);
        else if (argv[i][0] != '-' && ndir < 8) dirs[ndir++] = argv[i];
        else {
            fprintf(stderr, "usage: err_coref [--model FILE] [--list KIND] CONLL_DIR...\n");
            return 2;
        }
    }
    if (!ndir) {
        fprintf(stderr, "usage: err_coref [--model FILE] [--list KIND] CONLL_DIR...\n");
        return 2;
    }
    coref_model *model = tool_load_model("err_coref", model_path);
    if (!model) return 1;
    for (int di = 0; di < ndir; di++) {
        corpus c;
        if (corpus_load(model, dirs[di], &c) != 0) return 1;
        double miss[3][3][MC_N], gold_links[3][3], wrong[3][3][RP_COUNT], wrong_spur[3][3], links[3][3];
        memset(miss, 0, sizeof miss);
        memset(gold_links, 0, sizeof gold_links);
        memset(wrong, 0, sizeof wrong);
        memset(wrong_spur, 0, sizeof wrong_spur);
        memset(links, 0, sizeof links);
        double gold_ments = 0, undet = 0, wrong_span[3][3];
        memset(wrong_span, 0, sizeof wrong_span);
        for (size_t dk = 0; dk < c.n; dk++) {
            const struct coref_doc *d = c.docs[dk].d;
            const conll_doc *g = c.docs[dk].gold;
            long *sys = malloc((g->nment + 1) * sizeof *sys);
            long *gof = malloc((d->nment + 1) * sizeof *gof);   /* gold mention of each system mention */
            for (size_t i = 0; i < d->nment; i++) gof[i] = -1;
            for (size_t k = 0; k < g->nment; k++) {
                sys[k] = -1;
                for (size_t i = 0; i < d->nment; i++)
                    if (d->ments[i].tb == g->ments[k].tb && d->ments[i].te == g->ments[k].te) {
                        sys[k] = (long)i;
                        if (gof[i] < 0) gof[i] = (long)k;
                        break;
                    }
                gold_ments++;
                undet += sys[k] < 0;
            }
            /* span errors: system mentions whose head is a gold mention's head, with another span */
            if (getenv("ERR_SPANS")) {
                for (size_t i = 0; i < d->nment; i++) {
                    if (gof[i] >= 0) continue;
                    const mention_t *m = &d->ments[i];
                    for (size_t k = 0; k < g->nment; k++) {
                        if (rg_span_head(d, g->ments[k].tb, g->ments[k].te) != m->head) continue;
                        int l = m->tb < g->ments[k].tb ? 1 : m->tb > g->ments[k].tb ? 2 : 0;
                        int rr = m->te > g->ments[k].te ? 1 : m->te < g->ments[k].te ? 2 : 0;
                        printf("SPAN %s L%d R%d sys [", kname[m->kind], l, rr);
                        put_span(d, m->tb, m->te);
                        printf("] gold [");
                        put_span(d, g->ments[k].tb, g->ments[k].te);
                        printf("]");
                        if (rr == 1) printf(" cut=%s/%.*s", deprel_names[d->toks[g->ments[k].te].deprel],
                                            (int)tok_n(d, g->ments[k].te), tok_s(d, g->ments[k].te));
                        printf("\n");
                        break;
                    }
                }
            }
            /* missed gold links */
            for (size_t k = 0; k < g->nment; k++) {
                int best = -1, any_det = 0, ok = 0;
                for (size_t l = 0; l < g->nment; l++) {
                    if (l == k || g->ments[l].entity != g->ments[k].entity) continue;
                    int before = g->ments[l].tb < g->ments[k].tb ||
                                 (g->ments[l].tb == g->ments[k].tb && g->ments[l].te > g->ments[k].te);
                    if (!before) continue;
                    int kl = gold_kind(d, sys, g, l);
                    if (best < 0 || kl < best) best = kl;
                    if (sys[l] >= 0) {
                        any_det = 1;
                        if (sys[k] >= 0 && d->ments[sys[k]].cluster >= 0 &&
                            d->ments[sys[k]].cluster == d->ments[sys[l]].cluster)
                            ok = 1;
                    }
                }
                if (best < 0) continue;
                int ka = gold_kind(d, sys, g, k);
                gold_links[ka][best]++;
                if (ok) continue;
                int cause = sys[k] < 0 ? MC_ANA_UNDET : !any_det ? MC_ANT_UNDET : d->ments[sys[k]].link ? MC_WRONG : MC_NONE;
                /* linked forward only (a later mention took it): count as no link */
                miss[ka][best][cause]++;
                if (list == ka && cause == MC_ANA_UNDET && getenv("ERR_UNDET")) {
                    uint32_t h = rg_span_head(d, g->ments[k].tb, g->ments[k].te);
                    printf("UNDET %s gold [", kname[ka]);
                    put_span(d, g->ments[k].tb, g->ments[k].te);
                    printf("] sys [");
                    for (size_t i = 0; i < d->nment; i++)
                        if (d->ments[i].head == h) {
                            put_span(d, d->ments[i].tb, d->ments[i].te);
                            break;
                        }
                    printf("] %s :: ", deprel_names[d->toks[h].deprel]);
                    const sent_t *st = &d->sents[d->toks[h].sent];
                    put_span(d, st->tok_begin, g->ments[k].tb);
                    printf(" <<");
                    put_span(d, g->ments[k].tb, g->ments[k].te);
                    printf(">> ");
                    put_span(d, g->ments[k].te, st->tok_end);
                    printf("\n");
                }
                if (list == ka && cause >= MC_WRONG) {
                    printf("MISS %s->%s %s [", kname[ka], kname[best], mcname[cause]);
                    put_span(d, g->ments[k].tb, g->ments[k].te);
                    printf("] prev [");
                    /* nearest earlier detected mention of the entity */
                    for (size_t l = k; l-- > 0;)
                        if (g->ments[l].entity == g->ments[k].entity && sys[l] >= 0) {
                            put_span(d, g->ments[l].tb, g->ments[l].te);
                            printf("] sd=%u", d->toks[d->ments[sys[k]].head].sent - d->toks[d->ments[sys[l]].head].sent);
                            break;
                        }
                    printf("\n");
                }
            }
            /* wrong links */
            for (size_t i = 0; i < d->nment; i++) {
                const mention_t *m = &d->ments[i];
                if (!m->link) continue;
                size_t j = (size_t)m->link - 1;
                int ka = m->kind, kb = d->ments[j].kind;
                links[ka][kb]++;
                int right = gof[i] >= 0 && gof[j] >= 0 && g->ments[gof[i]].entity == g->ments[gof[j]].entity;
                if (right) continue;
                /* any gold mention with span i in the entity of j's span (a span may have two) */
                wrong[ka][kb][m->link_pass < RP_COUNT ? m->link_pass : 0]++;
                if (gof[i] < 0 || gof[j] < 0) wrong_spur[ka][kb]++;
                /* a gold mention with the same head (a span error) for the undetected side(s) */
                if (gof[i] < 0 || gof[j] < 0) {
                    int span_err = 1;
                    size_t side[2] = {i, j};
                    for (int q = 0; q < 2; q++) {
                        if (gof[side[q]] >= 0) continue;
                        int found = 0;
                        for (size_t k = 0; k < g->nment && !found; k++)
                            found = rg_span_head(d, g->ments[k].tb, g->ments[k].te) == d->ments[side[q]].head;
                        span_err &= found;
                    }
                    wrong_span[ka][kb] += span_err;
                }
                if (list == ka) {
                    printf("WRONG %s->%s %s%s [", kname[ka], kname[kb], pname[m->link_pass],
                           gof[i] < 0 ? " (anaphor no gold)" : gof[j] < 0 ? " (antecedent no gold)" : "");
                    put_span(d, m->tb, m->te);
                    printf("] -> [");
                    put_span(d, d->ments[j].tb, d->ments[j].te);
                    printf("] sd=%u role=%s/%s :: ", d->toks[m->head].sent - d->toks[d->ments[j].head].sent,
                           deprel_names[m->role], deprel_names[d->ments[j].role]);
                    const sent_t *st = &d->sents[d->toks[m->head].sent];
                    put_span(d, st->tok_begin, m->tb);
                    printf(" <<");
                    put_span(d, m->tb, m->te);
                    printf(">> ");
                    put_span(d, m->te, st->tok_end);
                    printf("\n");
                }
            }
            free(sys);
            free(gof);
        }
        printf("== %s: %zu documents, %.0f gold mentions (%.0f not detected exactly)\n", dirs[di], c.n, gold_ments,
               undet);
        printf("missed gold links (anaphor -> strongest earlier kind of its entity)\n");
        printf("%-20s %7s %7s", "pair", "gold", "missed");
        for (int k = 0; k < MC_N; k++) printf(" %24s", mcname[k]);
        printf("\n");
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++) {
                double t = 0;
                char pr[32];
                for (int k = 0; k < MC_N; k++) t += miss[a][b][k];
                snprintf(pr, sizeof pr, "%s->%s", kname[a], kname[b]);
                printf("%-20s %7.0f %7.0f", pr, gold_links[a][b], t);
                for (int k = 0; k < MC_N; k++) printf(" %24.0f", miss[a][b][k]);
                printf("\n");
            }
        printf("wrong links (a system mention's first link to a mention of another gold entity), by pass\n");
        printf("%-20s %7s %7s %7s %7s", "pair", "links", "wrong", "nogold", "spanerr");
        for (int p = 1; p < RP_COUNT; p++) printf(" %9s", pname[p]);
        printf("\n");
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++) {
                double t = 0;
                char pr[32];
                for (int p = 0; p < RP_COUNT; p++) t += wrong[a][b][p];
                snprintf(pr, sizeof pr, "%s->%s", kname[a], kname[b]);
                printf("%-20s %7.0f %7.0f %7.0f %7.0f", pr, links[a][b], t, wrong_spur[a][b], wrong_span[a][b]);
                for (int p = 1; p < RP_COUNT; p++) printf(" %9.0f", wrong[a][b][p]);
                printf("\n");
            }
        corpus_free(&c);
    }
    coref_model_free(model);
    return 0;
}
