/* build_lexicon LEXDIR WORDNETDIR -o OUT.bin: the LEXI model section.
 *
 * Sources: LEXDIR/names/{male,female}.txt (first-name gender),
 * LEXDIR/gazetteers/NAME.txt (countries, demonyms, states, cities) and the
 * WordNet 3.0 noun database (entity type of each lemma's most frequent
 * sense and of its most frequent capitalised sense, gender of person
 * nouns). Output is sorted by key: deterministic. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/doc.h"
#include "core/fileio.h"
#include "mention/lexicon.h"
#include "ml/modelfile.h"

typedef struct ent { char *key; uint32_t val; } ent;
static ent *ents;
static size_t nent, capent;

/* Append (lowercased key, bits); duplicates are merged after sorting. */
static void add(const char *k, size_t n, uint32_t v)
{
    while (n && isspace((unsigned char)k[n - 1])) n--;
    while (n && isspace((unsigned char)*k)) { k++; n--; }
    if (!n || n > 64) return;
    if (nent == capent) {
        capent = capent ? capent * 2 : 4096;
        ents = realloc(ents, capent * sizeof *ents);
        if (!ents) { fprintf(stderr, "build_lexicon: out of memory\n"); exit(1); }
    }
    char *s = malloc(n + 1);
    if (!s) { fprintf(stderr, "build_lexicon: out of memory\n"); exit(1); }
    for (size_t i = 0; i < n; i++) {
        char c = k[i];
        if (c == '_') c = ' ';
        s[i] = (char)tolower((unsigned char)c);
    }
    s[n] = 0;
    ents[nent].key = s;
    ents[nent++].val = v;
}

/* Add every line of a file with the given bits; returns lines read or -1. */
static long add_file(const char *dir, const char *name, uint32_t v)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char line[512];
    long n = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        add(line, strcspn(line, "\r\n"), v);
        n++;
    }
    fclose(f);
    return n;
}

/* ------------------------------------------------------------- WordNet */
typedef struct syn {
    uint32_t off;
    uint8_t lexfile;
    uint8_t gender;     /* LX_MASC/LX_FEM from the gloss or hypernyms */
    uint32_t hyper;     /* first hypernym offset, 0 = none */
    uint8_t proper;     /* a capitalised synonym: an instance or a named group */
} syn;
static syn *syns;
static size_t nsyn;

static int syn_cmp(const void *a, const void *b)
{
    uint32_t x = ((const syn *)a)->off, y = ((const syn *)b)->off;
    return x < y ? -1 : x > y;
}

static syn *syn_find(uint32_t off)
{
    syn key = {.off = off};
    return bsearch(&key, syns, nsyn, sizeof *syns, syn_cmp);
}

/* Gender from the start of a gloss: "a male sovereign", "a woman who ...". */
static uint8_t gloss_gender(const char *g)
{
    static const char *const masc[] = {"a male ", "male ", "a man ", "a boy ", "an adult male",
                                       "a man who", "a son ", "a brother "};
    static const char *const fem[] = {"a female ", "female ", "a woman ", "a girl ", "an adult female",
                                      "a woman who", "a daughter ", "a sister ", "a wife"};
    while (*g == ' ') g++;
    for (size_t i = 0; i < sizeof masc / sizeof *masc; i++)
        if (strncmp(g, masc[i], strlen(masc[i])) == 0) return LX_MASC;
    for (size_t i = 0; i < sizeof fem / sizeof *fem; i++)
        if (strncmp(g, fem[i], strlen(fem[i])) == 0) return LX_FEM;
    return 0;
}

/* Map a WordNet lexicographer file to a GUM entity type. */
static uint32_t lexfile_etype(int lf)
{
    switch (lf) {
    case 18: return ET_PERSON;
    case 14: return ET_ORGANIZATION;   /* noun.group */
    case 15: return ET_PLACE;
    case 28: return ET_TIME;
    case 11: case 4: case 22: case 19: return ET_EVENT;   /* event, act, process, phenomenon */
    case 6: case 17: case 8: return ET_OBJECT;             /* artifact, object, body */
    case 27: case 13: return ET_SUBSTANCE;                 /* substance, food */
    case 5: return ET_ANIMAL;
    case 20: return ET_PLANT;
    default: return ET_ABSTRACT;
    }
}

static int read_wordnet(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/data.noun", dir);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    while (getline(&line, &lcap, f) > 0) {
        if (line[0] == ' ') continue;   /* licence header */
        if (nsyn == cap) {
            cap = cap ? cap * 2 : 65536;
            syns = realloc(syns, cap * sizeof *syns);
            if (!syns) { fprintf(stderr, "build_lexicon: out of memory\n"); exit(1); }
        }
        syn *s = &syns[nsyn++];
        memset(s, 0, sizeof *s);
        char *p = line, *e;
        s->off = (uint32_t)strtoul(p, &e, 10);
        s->lexfile = (uint8_t)strtoul(e, &e, 10);
        char *at = strstr(e, " @ ");
        if (at) s->hyper = (uint32_t)strtoul(at + 3, NULL, 10);
        /* "08932568 15 n 04 Paris 0 ...": is the first word capitalised? */
        char *w = e;
        while (*w == ' ') w++;
        while (*w && *w != ' ') w++;   /* ss_type */
        strtoul(w, &w, 16);            /* w_cnt */
        while (*w == ' ') w++;
        s->proper = isupper((unsigned char)*w) != 0;
        char *bar = strchr(e, '|');
        if (bar) s->gender = gloss_gender(bar + 1);
        /* "male_monarch", "female_aristocrat" among the synonyms. */
        if (!s->gender && (strstr(e, " male_") || strstr(e, " man ")))
            s->gender = strstr(e, " female_") ? LX_FEM : LX_MASC;
    }
    free(line);
    fclose(f);
    qsort(syns, nsyn, sizeof *syns, syn_cmp);
    /* Inherit gender along hypernyms (a few levels: "queen" -> female aristocrat). */
    for (size_t i = 0; i < nsyn; i++) {
        if (syns[i].gender || syns[i].lexfile != 18) continue;
        syn *h = syn_find(syns[i].hyper);
        for (int d = 0; h && d < 6 && !syns[i].gender; d++) {
            syns[i].gender = h->gender;
            h = syn_find(h->hyper);
        }
    }
    snprintf(path, sizeof path, "%s/index.noun", dir);
    f = fopen(path, "r");
    if (!f) return -1;
    line = NULL;
    lcap = 0;
    while (getline(&line, &lcap, f) > 0) {
        if (line[0] == ' ') continue;
        /* lemma pos synset_cnt p_cnt [ptr]* sense_cnt tagsense_cnt offsets... */
        char *tok[64];
        int nt = 0;
        for (char *t = strtok(line, " \n"); t && nt < 64; t = strtok(NULL, " \n")) tok[nt++] = t;
        if (nt < 6) continue;
        int pcnt = atoi(tok[3]);
        int first = 4 + pcnt + 2;
        if (first >= nt) continue;
        syn *s = syn_find((uint32_t)strtoul(tok[first], NULL, 10));
        if (!s) continue;
        uint32_t et = lexfile_etype(s->lexfile);
        uint32_t v = LX_NOUN | et;
        if (s->lexfile == 14) v |= LX_GROUP;
        if (s->lexfile == 18) v |= s->gender;
        /* The most frequent capitalised sense types the proper name. */
        uint32_t pt = 0;
        int nsense = atoi(tok[2]);
        for (int k = 0; k < nsense && first + k < nt && !pt; k++) {
            syn *p = syn_find((uint32_t)strtoul(tok[first + k], NULL, 10));
            if (!p || !p->proper) continue;
            uint32_t e = lexfile_etype(p->lexfile);
            pt = e == ET_PERSON || e == ET_PLACE || e == ET_ORGANIZATION ? e : ET_ABSTRACT;
        }
        if (pt != ET_ABSTRACT) v |= pt << LX_PTYPE_SHIFT;
        /* Keep the table small: skip rare multiword lemmas and plain abstracts. */
        if (strchr(tok[0], '_') && et != ET_PERSON && et != ET_ORGANIZATION) continue;
        if (isdigit((unsigned char)tok[0][0])) continue;
        add(tok[0], strlen(tok[0]), v);
    }
    free(line);
    fclose(f);
    return 0;
}

static int ent_cmp(const void *a, const void *b)
{
    return strcmp(((const ent *)a)->key, ((const ent *)b)->key);
}

int main(int argc, char **argv)
{
    const char *out = NULL, *pos[2] = {NULL, NULL};
    int np = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) out = argv[++i];
        else if (np < 2) pos[np++] = argv[i];
        else np = 3;
    }
    if (np != 2 || !out) {
        fprintf(stderr, "usage: build_lexicon LEXDIR WORDNETDIR -o OUT.bin\n");
        return 2;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/names", pos[0]);
    if (add_file(dir, "male.txt", LX_NAME_MALE) < 0 || add_file(dir, "female.txt", LX_NAME_FEMALE) < 0) {
        fprintf(stderr, "build_lexicon: cannot read names in %s\n", dir);
        return 1;
    }
    snprintf(dir, sizeof dir, "%s/gazetteers", pos[0]);
    static const struct { const char *f; uint32_t v; } gaz[] = {
        {"countries.txt", LX_COUNTRY}, {"isocountries.txt", LX_COUNTRY},
        {"nationalities.txt", LX_NATIONALITY}, {"usstates.txt", LX_STATE},
        {"caprovinces.txt", LX_STATE}, {"mexstates.txt", LX_STATE}, {"uscities.txt", LX_CITY}};
    for (size_t i = 0; i < sizeof gaz / sizeof *gaz; i++)
        if (add_file(dir, gaz[i].f, gaz[i].v) < 0) {
            fprintf(stderr, "build_lexicon: cannot read %s/%s\n", dir, gaz[i].f);
            return 1;
        }
    if (read_wordnet(pos[1]) != 0) {
        fprintf(stderr, "build_lexicon: cannot read WordNet in %s\n", pos[1]);
        return 1;
    }
    qsort(ents, nent, sizeof *ents, ent_cmp);
    size_t nu = 0;
    for (size_t i = 0; i < nent; i++) {
        if (nu && strcmp(ents[nu - 1].key, ents[i].key) == 0) {
            uint32_t a = ents[nu - 1].val, b = ents[i].val;
            /* Keep the first-seen entity type; merge the flag bits. */
            ents[nu - 1].val = (a & LX_ETYPE_MASK ? a : (a | (b & LX_ETYPE_MASK))) | (b & ~LX_ETYPE_MASK);
            free(ents[i].key);
        } else {
            ents[nu++] = ents[i];
        }
    }
    mf_writer w;
    mf_writer_init(&w);
    mfw_bytes(&w, LEX_MAGIC, 4);
    mfw_u32(&w, LEX_FORMAT_VERSION);
    mfw_u32(&w, (uint32_t)nu);
    for (size_t i = 0; i < nu; i++) {
        mfw_str(&w, ents[i].key, strlen(ents[i].key));
        mfw_u32(&w, ents[i].val);
        free(ents[i].key);
    }
    free(ents);
    free(syns);
    if (w.err || write_file(out, w.p, w.n) != 0) {
        fprintf(stderr, "build_lexicon: cannot write %s\n", out);
        mf_writer_free(&w);
        return 1;
    }
    fprintf(stderr, "build_lexicon: %zu entries, %zu bytes -> %s\n", nu, w.n, out);
    mf_writer_free(&w);
    return 0;
}
