/* The public accessors: tokens, sentences, mentions and clusters of an
 * analysed document, as the names the API promises (include/coref.h). */
#include <stddef.h>
#include "coref.h"
#include "core/doc.h"
#include "core/model.h"
#include "core/tagset.h"
#include "tag/tagger.h"

const char *coref_doc_text(const coref_doc *d, size_t *len)
{
    if (!d) { if (len) *len = 0; return NULL; }
    if (len) *len = d->len;
    return d->text;
}

size_t coref_doc_sentence_count(const coref_doc *d) { return d ? d->nsent : 0; }

coref_status coref_doc_sentence(const coref_doc *d, size_t i, size_t *start, size_t *end)
{
    if (!d || i >= d->nsent || !start || !end) return COREF_ERR_ARG;
    const sent_t *s = &d->sents[i];
    if (s->tok_end <= s->tok_begin) { *start = *end = 0; return COREF_OK; }
    *start = d->toks[s->tok_begin].start;
    *end = d->toks[s->tok_end - 1].end;
    return COREF_OK;
}

size_t coref_doc_token_count(const coref_doc *d) { return d ? d->ntok : 0; }

coref_status coref_doc_token(const coref_doc *d, size_t i, coref_token *out)
{
    if (!d || i >= d->ntok || !out) return COREF_ERR_ARG;
    const tok_t *t = &d->toks[i];
    out->start = t->start;
    out->end = t->end;
    out->sentence = t->sent;
    out->upos = upos_names[t->upos < UPOS_COUNT ? t->upos : 0];
    out->xpos = xpos_names[t->xpos < X_COUNT ? t->xpos : 0];
    out->feats = d->model && d->model->tagger ? tagger_feats_name(d->model->tagger, t->feats) : "_";
    out->head = t->head;
    out->deprel = deprel_names[t->deprel < DEP_COUNT ? t->deprel : 0];
    return COREF_OK;
}

size_t coref_doc_mention_count(const coref_doc *d) { return d ? d->nment : 0; }

coref_status coref_doc_mention(const coref_doc *d, size_t i, coref_mention *out)
{
    if (!d || i >= d->nment || !out) return COREF_ERR_ARG;
    const mention_t *m = &d->ments[i];
    out->tok_start = m->tb;
    out->tok_end = m->te;
    out->start = d->toks[m->tb].start;
    out->end = d->toks[m->te - 1].end;
    out->head = m->head;
    out->kind = mkind_name(m->kind);
    out->entity = etype_name(m->etype);
    out->number = number_name(m->number);
    out->gender = gender_name(m->gender);
    out->person = m->person;
    out->cluster = m->cluster;
    return COREF_OK;
}

size_t coref_doc_cluster_count(const coref_doc *d) { return d ? d->ncluster : 0; }

const size_t *coref_doc_cluster(const coref_doc *d, size_t c, size_t *n)
{
    if (!d || c >= d->ncluster) { if (n) *n = 0; return NULL; }
    if (n) *n = d->cl_off[c + 1] - d->cl_off[c];
    return d->cl_members + d->cl_off[c];
}

const char *coref_doc_cluster_name(const coref_doc *d, size_t c)
{
    if (!d || c >= d->ncluster || !d->cl_names) return NULL;
    return d->cl_names[c];
}
