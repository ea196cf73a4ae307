/* Fixed tag inventories shared by every stage: UPOS, PTB XPOS (as used by
 * UD English EWT/GUM), UD English dependency relations and the morphology
 * bits the mention layer needs. Index 0 of each table means "unknown/none". */
#ifndef COREF_TAGSET_H
#define COREF_TAGSET_H
#include <stdint.h>

enum upos {
    UPOS_NONE = 0, UPOS_ADJ, UPOS_ADP, UPOS_ADV, UPOS_AUX, UPOS_CCONJ, UPOS_DET,
    UPOS_INTJ, UPOS_NOUN, UPOS_NUM, UPOS_PART, UPOS_PRON, UPOS_PROPN, UPOS_PUNCT,
    UPOS_SCONJ, UPOS_SYM, UPOS_VERB, UPOS_X, UPOS_COUNT
};

/* PTB tags; X_ prefix keeps the C names legal. */
enum xpos {
    X_NONE = 0, X_NN, X_IN, X_DT, X_NNP, X_JJ, X_PRP, X_PERIOD, X_RB, X_COMMA, X_NNS,
    X_VB, X_CC, X_VBD, X_VBP, X_VBZ, X_CD, X_VBN, X_VBG, X_TO, X_PRPS, X_MD, X_UH,
    X_COLON, X_WDT, X_RRB, X_LRB, X_WRB, X_LQUOTE, X_RQUOTE, X_RP, X_HYPH, X_WP,
    X_POS, X_NNPS, X_JJR, X_JJS, X_EX, X_RBR, X_SYM, X_FW, X_NFP, X_DOLLAR, X_PDT,
    X_GW, X_ADD, X_RBS, X_LS, X_AFX, X_WPS, X_XX, X_COUNT
};

enum deprel {
    DEP_NONE = 0, DEP_PUNCT, DEP_CASE, DEP_DET, DEP_NSUBJ, DEP_ROOT, DEP_ADVMOD,
    DEP_AMOD, DEP_OBJ, DEP_OBL, DEP_CONJ, DEP_NMOD, DEP_CC, DEP_COMPOUND, DEP_MARK,
    DEP_AUX, DEP_COP, DEP_ADVCL, DEP_NMOD_POSS, DEP_XCOMP, DEP_ACL_RELCL, DEP_FLAT,
    DEP_CCOMP, DEP_ACL, DEP_PARATAXIS, DEP_NUMMOD, DEP_AUX_PASS, DEP_APPOS,
    DEP_NSUBJ_PASS, DEP_DISCOURSE, DEP_OBL_UNMARKED, DEP_NMOD_UNMARKED,
    DEP_COMPOUND_PRT, DEP_EXPL, DEP_FIXED, DEP_IOBJ, DEP_LIST, DEP_REPARANDUM,
    DEP_OBL_AGENT, DEP_DEP, DEP_CSUBJ, DEP_NMOD_DESC, DEP_NSUBJ_OUTER,
    DEP_ADVCL_RELCL, DEP_DET_PREDET, DEP_VOCATIVE, DEP_GOESWITH, DEP_CC_PRECONJ,
    DEP_ORPHAN, DEP_DISLOCATED, DEP_CSUBJ_PASS, DEP_CSUBJ_OUTER, DEP_OBL_TMOD,
    DEP_OBL_NPMOD, DEP_NMOD_TMOD, DEP_NMOD_NPMOD, DEP_FLAT_FOREIGN, DEP_DET_POSS,
    DEP_COUNT
};

/* Morphology bits (from UD FEATS) used by mention detection. */
enum morph_bits {
    M_SING = 1u << 0, M_PLUR = 1u << 1,
    M_P1 = 1u << 2, M_P2 = 1u << 3, M_P3 = 1u << 4,
    M_MASC = 1u << 5, M_FEM = 1u << 6, M_NEUT = 1u << 7,
    M_PRS = 1u << 8, M_DEM = 1u << 9, M_REL = 1u << 10, M_INT = 1u << 11,
    M_IND = 1u << 12, M_TOT = 1u << 13, M_NEG = 1u << 14, M_ART = 1u << 15,
    M_POSS = 1u << 16, M_REFLEX = 1u << 17, M_NOM = 1u << 18, M_ACC = 1u << 19,
    M_GEN = 1u << 20, M_EMP = 1u << 21, M_DEF = 1u << 22, M_INDEF = 1u << 23
};

extern const char *const upos_names[UPOS_COUNT];
extern const char *const xpos_names[X_COUNT];
extern const char *const deprel_names[DEP_COUNT];

/* Look a tag name up; returns 0 (NONE) when unknown. `n` is its length. */
int upos_from_name(const char *s, size_t n);
int xpos_from_name(const char *s, size_t n);
int deprel_from_name(const char *s, size_t n);
/* Parse a UD FEATS string ("Case=Nom|Number=Sing") into morph bits. */
uint32_t morph_from_feats(const char *s, size_t n);

#endif
