/* Arc-hybrid transition system (Kuhlmann et al. 2011) with the root token
 * at the END of the buffer (Ballesteros & Nivre 2013), its dynamic oracle
 * (Goldberg & Nivre 2013) and the feature extraction shared by the parser
 * (parser.c) and its trainer (tools/train_parser.c).
 *
 * Positions 0..n-1 are the words of one sentence, position n is ROOT.
 * SHIFT pushes b0; LEFT adds b0 -> s0 and pops s0; RIGHT adds s1 -> s0 and
 * pops s0. LEFT onto ROOT is only legal with one word on the stack, so every
 * terminal configuration is a tree with exactly one root. */
#ifndef COREF_PARSE_ARC_H
#define COREF_PARSE_ARC_H
#include <stddef.h>
#include <stdint.h>

enum { PS_SHIFT = 0, PS_LEFT = 1, PS_RIGHT = 2, PS_NTRANS = 3 };

#define PS_MAX_FEATS 160   /* upper bound of ps_features() */
#define PS_MAX_LFEATS 64   /* upper bound of ps_label_features() */

/* Feature groups beyond the original templates (a parser model records
 * which ones it was trained with; 0 = the original set exactly). */
enum {
    PS_F_CLUS = 1,     /* word-cluster prefixes of stack/buffer words (Koo et al. 2008); needs ps_sent.clus */
    PS_F_RICH = 2,     /* more non-local templates (Zhang & Nivre 2011) */
    PS_F_CLUS_X = 4,   /* more cluster templates (only with PS_F_CLUS) */
    PS_F_RICH_X = 8,   /* more non-local templates */
    PS_F_ALL = 15
};
#define PS_CLUS_NONE 0xffffffffu   /* ps_sent.clus of a word without a cluster */
#define PS_COST_ILLEGAL 1000000

/* One sentence as the parser sees it; arrays have n+1 entries (ROOT at n). */
typedef struct ps_sent {
    uint32_t n;
    uint64_t *word;        /* ps_word_hash of each form */
    uint8_t *upos, *xpos;
    /* cluster path of each word, path | depth << 16 (PS_CLUS_NONE when the
     * word has none); NULL when the parser has no clusters */
    uint32_t *clus;
} ps_sent;

/* A parser configuration plus the partial tree built so far. */
typedef struct ps_state {
    uint32_t n, cap;
    uint32_t sp, b;        /* stack depth; front of the buffer */
    int32_t *stack;
    int32_t *head;         /* -1 while unattached; n for ROOT */
    uint8_t *label;
    int32_t *lc1, *lc2, *rc1, *rc2;   /* left/rightmost and second children, -1 */
    uint8_t *nl, *nr;      /* number of left/right children (saturating) */
    uint64_t *lset, *rset; /* bitmask of left/right children's labels */
    /* the parser's cache of role scores: word x (-1..n) in role r at
     * [(x + 1) * PS_NROLES + r], PS_NTRANS sums each; rok marks the filled */
    int32_t *racc;
    uint8_t *rok;
} ps_state;

/* Hash of a word form, lowercased (ASCII) with digits mapped to '0'. */
uint64_t ps_word_hash(const char *s, size_t n);

/* Make room for sentences of n words. 0, or -1 on allocation failure. */
int ps_state_reserve(ps_state *st, uint32_t n);
void ps_state_free(ps_state *st);
/* Initial configuration for n words (requires a prior reserve of >= n). */
void ps_state_init(ps_state *st, uint32_t n);
int ps_terminal(const ps_state *st);
/* Bitmask (1 << PS_*) of the transitions legal in st; 0 only when terminal. */
unsigned ps_legal(const ps_state *st);
/* The arc a LEFT/RIGHT would add: *h head, *d dependent. */
void ps_arc(const ps_state *st, int t, uint32_t *h, uint32_t *d);
/* Apply a legal transition; `label` is the arc's relation (ignored for SHIFT). */
void ps_apply(ps_state *st, int t, uint8_t label);
/* Dynamic-oracle cost of each transition: gold arcs no longer reachable
 * after it (arc-hybrid, Goldberg & Nivre 2013); illegal ones get
 * PS_COST_ILLEGAL. gold[i] is i's head with ROOT = n. */
void ps_costs(const ps_state *st, const int32_t *gold, int cost[PS_NTRANS]);
/* Hashed transition features of st into f; returns their number. groups:
 * PS_F_* bits (PS_F_CLUS only takes effect when s->clus is set). They are
 * the templates of each role's word (ps_role_features, in role order) then
 * the rest (ps_context_features). */
size_t ps_features(const ps_state *st, const ps_sent *s, unsigned groups, uint64_t *f);
/* Roles whose templates read one word only (its form, tags and cluster), so
 * their scores can be kept per word and role while a sentence is parsed. */
enum { PS_R_S0, PS_R_B0, PS_R_B1, PS_R_B2, PS_R_S1, PS_R_S2, PS_NROLES };
#define PS_MAX_RFEATS 8   /* upper bound of ps_role_features() */
/* The position in role r: -1 when empty, n for ROOT. */
int32_t ps_role_pos(const ps_state *st, int r);
/* The templates of word x (= ps_role_pos(st, r)) in role r. */
size_t ps_role_features(const ps_state *st, const ps_sent *s, unsigned groups, int r, int32_t x, uint64_t *f);
/* The other transition templates. */
size_t ps_context_features(const ps_state *st, const ps_sent *s, unsigned groups, uint64_t *f);
/* Hashed features for labelling the arc h -> d (h < n) into f. */
size_t ps_label_features(const ps_state *st, const ps_sent *s, unsigned groups, uint32_t h, uint32_t d,
                         uint64_t *f);

#endif
