#include <stddef.h>
#include <string.h>
#include "core/tagset.h"

const char *const upos_names[UPOS_COUNT] = {
    "_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART",
    "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

const char *const xpos_names[X_COUNT] = {
    "_", "NN", "IN", "DT", "NNP", "JJ", "PRP", ".", "RB", ",", "NNS", "VB", "CC", "VBD",
    "VBP", "VBZ", "CD", "VBN", "VBG", "TO", "PRP$", "MD", "UH", ":", "WDT", "-RRB-",
    "-LRB-", "WRB", "``", "''", "RP", "HYPH", "WP", "POS", "NNPS", "JJR", "JJS", "EX",
    "RBR", "SYM", "FW", "NFP", "$", "PDT", "GW", "ADD", "RBS", "LS", "AFX", "WP$", "XX"};

const char *const deprel_names[DEP_COUNT] = {
    "_", "punct", "case", "det", "nsubj", "root", "advmod", "amod", "obj", "obl",
    "conj", "nmod", "cc", "compound", "mark", "aux", "cop", "advcl", "nmod:poss",
    "xcomp", "acl:relcl", "flat", "ccomp", "acl", "parataxis", "nummod", "aux:pass",
    "appos", "nsubj:pass", "discourse", "obl:unmarked", "nmod:unmarked",
    "compound:prt", "expl", "fixed", "iobj", "list", "reparandum", "obl:agent", "dep",
    "csubj", "nmod:desc", "nsubj:outer", "advcl:relcl", "det:predet", "vocative",
    "goeswith", "cc:preconj", "orphan", "dislocated", "csubj:pass", "csubj:outer",
    "obl:tmod", "obl:npmod", "nmod:tmod", "nmod:npmod", "flat:foreign", "det:poss"};

static int lookup(const char *const *tab, int count, const char *s, size_t n)
{
    for (int i = 1; i < count; i++)
        if (strlen(tab[i]) == n && memcmp(tab[i], s, n) == 0) return i;
    return 0;
}

int upos_from_name(const char *s, size_t n) { return lookup(upos_names, UPOS_COUNT, s, n); }
int xpos_from_name(const char *s, size_t n) { return lookup(xpos_names, X_COUNT, s, n); }
int deprel_from_name(const char *s, size_t n) { return lookup(deprel_names, DEP_COUNT, s, n); }

static const struct { const char *feat; uint32_t bit; } feat_bits[] = {
    {"Number=Sing", M_SING}, {"Number=Plur", M_PLUR}, {"Person=1", M_P1},
    {"Person=2", M_P2}, {"Person=3", M_P3}, {"Gender=Masc", M_MASC},
    {"Gender=Fem", M_FEM}, {"Gender=Neut", M_NEUT}, {"PronType=Prs", M_PRS},
    {"PronType=Dem", M_DEM}, {"PronType=Rel", M_REL}, {"PronType=Int", M_INT},
    {"PronType=Ind", M_IND}, {"PronType=Tot", M_TOT}, {"PronType=Neg", M_NEG},
    {"PronType=Art", M_ART}, {"PronType=Emp", M_EMP}, {"Poss=Yes", M_POSS},
    {"Reflex=Yes", M_REFLEX}, {"Case=Nom", M_NOM}, {"Case=Acc", M_ACC},
    {"Case=Gen", M_GEN}, {"Definite=Def", M_DEF}, {"Definite=Ind", M_INDEF}};

uint32_t morph_from_feats(const char *s, size_t n)
{
    uint32_t bits = 0;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != '|') j++;
        for (size_t k = 0; k < sizeof feat_bits / sizeof feat_bits[0]; k++) {
            size_t fl = strlen(feat_bits[k].feat);
            if (fl == j - i && memcmp(s + i, feat_bits[k].feat, fl) == 0) bits |= feat_bits[k].bit;
        }
        i = j + 1;
    }
    return bits;
}
