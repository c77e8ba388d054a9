/* Concept-coverage summarization, solved exactly as an integer program.
 *
 * Concepts are stemmed word bigrams (not both stopwords) and, at a quarter of
 * the weight, content words. A concept's weight is the number of distinct
 * articles that contain it (Gillick and Favre 2009), each article's vote
 * counting more when the concept is in its opening sentences: information
 * many outlets report, and report first, is what the story is about. The
 * program picks sentences s_j and concepts c_i to maximize sum(w_i c_i) under
 * the length budget, where a concept counts once however many chosen
 * sentences hold it (redundancy is paid for, never rewarded) and only if a
 * chosen sentence holds it. Sentences enter it trimmed (compress.h): the words
 * a trimmed sentence loses neither cost budget nor bring concepts, and a
 * chosen sentence is printed trimmed. A sentence that leans on its
 * predecessor ("He said...") may be chosen only with it. Every printed word
 * also earns a little on its own, the more the more articles use it (below:
 * word value), so that of two summaries covering about as much, the one that
 * fills the budget with the story's common vocabulary wins. coverage_solver.c
 * solves it exactly by branch and bound (a test checks it against GLPK on
 * random instances). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compress.h"
#include "clean.h"
#include "coverage_solver.h"
#include "focus.h"
#include "summarize.h"
#include "u64map.h"
#include "util.h"

#define MIN_WORDS 8
#define MAX_WORDS 60
#define LEAD_BONUS 1.0f
#define PARAPHRASE_CONTAINMENT 0.7
#define MAX_ILP_CANDIDATES 40
#define SOLVER_NODE_LIMIT 200000
#define LEAD_SCALE 3.0f
/* A shared content word is evidence too, but weaker than a shared phrase: a
 * bigram match also matches its words, so a word alone counts a quarter. */
#define UNIGRAM_WEIGHT 0.25

int cx_summary_candidate(const cx_sent *st)
{
    if (st->n_words < MIN_WORDS || st->n_words > MAX_WORDS) return 0;
    const char *t = st->text;
    size_t n = st->len;
    if (!n) return 0;
    /* a question, or a sentence cut off mid-way, reads badly out of context */
    if (!cx_sentence_is_statement(t, n)) return 0;
    if (t[0] >= 'a' && t[0] <= 'z') return 0;
    /* "see our site at ..." tells the reader where to go, not what happened */
    if (cx_web_address(t, n)) return 0;
    /* balanced quotation marks */
    int straight = 0, open = 0, close = 0, ticks = 0, apos2 = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == '"') straight++;
        else if (c == '`' && i + 1 < n && t[i + 1] == '`') ticks++, i++;
        else if (c == '\'' && i + 1 < n && t[i + 1] == '\'') apos2++, i++;
        else if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80) {
            if ((unsigned char)t[i + 2] == 0x9C) open++;
            else if ((unsigned char)t[i + 2] == 0x9D) close++;
        }
    }
    if (straight % 2 || open != close || ticks != apos2) return 0;
    /* A bare quotation does not say who is speaking: it needs its neighbours. */
    if (t[0] == '"' || (n >= 3 && (unsigned char)t[0] == 0xE2 && (unsigned char)t[1] == 0x80 &&
                        (unsigned char)t[2] == 0x9C) || (t[0] == '`' && n > 1 && t[1] == '`')) {
        size_t last_close = 0;
        for (size_t i = 1; i < n; i++) {
            unsigned char c = (unsigned char)t[i];
            if (c == '"' || (c == '\'' && i + 1 < n && t[i + 1] == '\'')) last_close = i + 1;
            else if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 && (unsigned char)t[i + 2] == 0x9D)
                last_close = i + 3;
        }
        if (cx_word_count(t + last_close, n - last_close) < 2) return 0;
    }
    return 1;
}

int cx_depends_on_previous(const cx_sent *st)
{
    static const char *const leaners[] = {"he", "she", "it", "they", "this", "that", "these", "those",
                                          "but", "and", "however", "also", "still", "yet", "so", "then",
                                          "his", "her", "their", "its", "there", "instead", "meanwhile",
                                          "such", "thus", "therefore", "moreover", "furthermore", "besides",
                                          "otherwise", "nevertheless", "nonetheless", "hence", "both", "another",
                                          "earlier", "later", "later,", "the two", "him", "them"};
    /* a connective set off by commas early in the sentence ("The party, however,
     * withheld...") answers the sentence before just as a leading one does */
    static const char *const inner[] = {", however,", ", though,", ", meanwhile,", ", instead,",
                                        ", too,", ", in turn,", ", nevertheless,", ", therefore,"};
    const char *t = st->text;
    size_t head = 0;
    for (size_t words = 0; head < st->len && words < 8; head++) words += t[head] == ' ';
    for (size_t j = 0; j <= head && j < st->len; j++) {
        if (t[j] != ',') continue; /* where each of them starts */
        for (size_t i = 0; i < sizeof inner / sizeof *inner; i++) {
            size_t m = strlen(inner[i]);
            if (j + m <= st->len && !strncmp(t + j, inner[i], m)) return 1;
        }
    }
    size_t n = 0;
    while (t[n] && ((t[n] >= 'A' && t[n] <= 'Z') || (t[n] >= 'a' && t[n] <= 'z'))) n++;
    if (!n || n > 12) return 0;
    char w[16];
    for (size_t i = 0; i < n; i++) w[i] = (char)cx_ascii_lower((unsigned char)t[i]);
    w[n] = '\0';
    for (size_t i = 0; i < sizeof leaners / sizeof *leaners; i++)
        if (!strcmp(w, leaners[i])) return 1;
    return 0;
}

/* ---- concepts ------------------------------------------------------------ */

typedef struct {
    uint64_t key;  /* (stem a << 32) | stem b */
    int32_t df;     /* articles holding it */
    float weight;   /* df, with a bonus for articles that hold it early */
    int32_t last_doc;
} concept;

/* Concepts by key, in the order first met (u64map.h). */
typedef struct {
    cx_u64map map;
    concept *v; /* by the map's index */
    size_t cap;
} concept_table;

static concept *concept_get(concept_table *t, uint64_t key, int create)
{
    if (!create) {
        int64_t i = cx_u64map_find(&t->map, key);
        return i < 0 ? NULL : &t->v[i];
    }
    int added;
    int64_t i = cx_u64map_add(&t->map, key, &added);
    if (i < 0 || cx_grow((void **)&t->v, &t->cap, (size_t)i + 1, sizeof *t->v)) return NULL;
    if (added) t->v[i] = (concept){key, 0, 0, -1};
    return &t->v[i];
}

static void concept_table_free(concept_table *t)
{
    cx_u64map_free(&t->map);
    free(t->v);
}

/* Concept keys of a sentence: consecutive stem pairs, not both stopwords.
 * Stem ids are shifted by one so that no key is 0 (the empty slot). */
static size_t sentence_concepts(const cx_sent *st, uint64_t *keys)
{
    size_t n = 0;
    for (size_t i = 0; i + 1 < st->n_tok; i++) {
        if (st->stop[i] && st->stop[i + 1]) continue;
        keys[n++] = ((uint64_t)(uint32_t)(st->stems[i] + 1) << 32) | (uint32_t)(st->stems[i + 1] + 1);
    }
    for (size_t i = 0; i < st->n_tok; i++)
            if (!st->stop[i]) keys[n++] = ((uint64_t)(uint32_t)(st->stems[i] + 1) << 32);
    return n;
}

typedef struct {
    cx_sent_ref ref;
    const cx_sent *st;
    size_t words, bytes;
    int *concepts; /* indices into the kept concept list, unique */
    size_t n_concepts;
    int depends_on; /* candidate index of the required predecessor, or -1 */
    double order;   /* relative position in its article, for reading order */
    double common;  /* its tokens, each counted as the share of articles using it */
    double place;   /* its report's place in the new reports' dates, 0 oldest .. 1 newest (update; else 1/2) */
    cx_sent trimmed; /* the sentence with its deletable words gone (compress.h); text NULL if none */
} candidate;

static void free_candidate(candidate *cd)
{
    free(cd->concepts);
    free(cd->trimmed.text), free(cd->trimmed.stems), free(cd->trimmed.stop);
    memset(cd, 0, sizeof *cd);
}

/* ---- a trimmed sentence's tokens ------------------------------------------ */

/* A byte that may be part of a word token: an ASCII letter or digit, or
 * any byte past ASCII (it may be a letter). */
static int wordish(int c) { return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

/* Whether x and y side by side (w before x, z after y; -1: none) may fall
 * in one token: two word bytes, or a connector (',' '.' between digits, an
 * apostrophe between letters) between word bytes. Errs towards yes. */
static int may_join(int w, int x, int y, int z)
{
    if (x < 0 || y < 0) return 0;
    if (wordish(x) && wordish(y)) return 1;
    int jx = x == ',' || x == '.' || x == '\'', jy = y == ',' || y == '.' || y == '\'';
    return (jy && wordish(x) && wordish(z)) || (jx && wordish(y) && wordish(w));
}

static int byte_at(const char *t, size_t n, size_t i) { return i < n ? (unsigned char)t[i] : -1; }

static int count_tokens(const char *t, size_t n)
{
    cx_token *tok;
    int k = cx_tokenize(t, n, &tok);
    if (k >= 0) free(tok);
    return k;
}

#define MAX_TRIM_RUNS 8

/* The trimmed sentence's tokens taken from the sentence's own (st's stems
 * and stop flags without those of the deleted words), instead of
 * tokenizing and stemming its text again: a deleted run of bytes holds
 * whole tokens and the bytes that meet across it make none, when no token
 * crosses a run's ends and the bytes brought together cannot join (checked
 * here, erring towards "unsure"). Then the kept stretches' tokens are those
 * of the sentence in order: counting the tokens of the runs and of all
 * stretches but the longest places them. Returns 1 with out's stems, stop
 * and counts set, 0 when unsure (the caller tokenizes the text), or
 * CHORUS_ENOMEM. */
static int trimmed_tokens(const cx_sent *st, const unsigned char *del, cx_sent *out)
{
    const char *t = st->text;
    size_t n = st->len, ks[MAX_TRIM_RUNS + 1], ke[MAX_TRIM_RUNS + 1], ra[MAX_TRIM_RUNS], rb[MAX_TRIM_RUNS];
    size_t nk = 0, nr = 0, i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && del[j] == del[i]) j++;
        if (del[i]) {
            if (nr == MAX_TRIM_RUNS) return 0;
            ra[nr] = i, rb[nr++] = j;
        } else {
            if (nk == MAX_TRIM_RUNS + 1) return 0;
            ks[nk] = i, ke[nk++] = j;
        }
        i = j;
    }
    for (size_t r = 0; r < nr; r++) {
        size_t a = ra[r], b = rb[r];
        /* no token across either end, none made where the ends meet */
        if ((a && may_join(byte_at(t, n, a - 2), byte_at(t, n, a - 1), byte_at(t, n, a), byte_at(t, n, a + 1))) ||
            (b < n && may_join(byte_at(t, n, b - 2), byte_at(t, n, b - 1), byte_at(t, n, b), byte_at(t, n, b + 1))))
            return 0;
        if (a && b < n) {
            /* what meets: the kept bytes on either side, two deep */
            if ((a >= 2 && del[a - 2]) || (b + 1 < n && del[b + 1])) return 0;
            if (may_join(a >= 2 ? (unsigned char)t[a - 2] : -1, (unsigned char)t[a - 1], (unsigned char)t[b],
                         byte_at(t, n, b + 1)))
                return 0;
        }
    }
    int cs[MAX_TRIM_RUNS + 1], cr[MAX_TRIM_RUNS];
    size_t longest = 0, known = 0;
    for (size_t k = 1; k < nk; k++)
        if (ke[k] - ks[k] > ke[longest] - ks[longest]) longest = k;
    for (size_t r = 0; r < nr; r++) {
        if ((cr[r] = count_tokens(t + ra[r], rb[r] - ra[r])) < 0) return cr[r];
        known += (size_t)cr[r];
    }
    for (size_t k = 0; k < nk; k++) {
        if (k == longest) continue;
        if ((cs[k] = count_tokens(t + ks[k], ke[k] - ks[k])) < 0) return cs[k];
        known += (size_t)cs[k];
    }
    if (!nk || known > st->n_tok) return 0;
    cs[longest] = (int)(st->n_tok - known);
    size_t kept = 0;
    for (size_t k = 0; k < nk; k++) kept += (size_t)cs[k];
    out->stems = malloc(sizeof *out->stems * (kept ? kept : 1));
    out->stop = malloc(kept ? kept : 1);
    if (!out->stems || !out->stop) return CHORUS_ENOMEM;
    /* the sentence's tokens: stretch 0, run 0, stretch 1, ... in byte order */
    size_t at = 0, o = 0, r = 0;
    for (size_t k = 0; k < nk; k++) {
        while (r < nr && ra[r] < ks[k]) at += (size_t)cr[r++];
        memcpy(out->stems + o, st->stems + at, sizeof *out->stems * (size_t)cs[k]);
        memcpy(out->stop + o, st->stop + at, (size_t)cs[k]);
        o += (size_t)cs[k], at += (size_t)cs[k];
    }
    out->n_tok = out->n_words = kept;
    return 1;
}

/* Words as a reader (and wc, and ROUGE's length cut) counts them: runs of
 * non-space. The tokenizer splits "three-month" and "Sen's" in two, which
 * would make a budget of N words print fewer than N. */
static size_t words_of(const char *t, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (t[i] != ' ' && t[i] != '\t' && t[i] != '\n' && (i == 0 || t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == '\n'))
            w++;
    return w;
}

static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

static int cmp_order(const void *a, const void *b)
{
    const candidate *x = *(candidate *const *)a, *y = *(candidate *const *)b;
    if (x->order != y->order) return x->order < y->order ? -1 : 1;
    if (x->ref.doc != y->ref.doc) return x->ref.doc - y->ref.doc;
    return x->ref.sent - y->ref.sent;
}

/* Two sentences say the same thing when most content words of the shorter
 * are in the longer (sorted content sets, story.h). */
static int paraphrase(const cx_sent *a, const cx_sent *b)
{
    size_t na = a->n_content, nb = b->n_content, i = 0, j = 0, k = 0;
    if (!na || !nb) return 0;
    while (i < na && j < nb) {
        if (a->content[i] < b->content[j]) i++;
        else if (a->content[i] > b->content[j]) j++;
        else k++, i++, j++;
    }
    return (double)k >= PARAPHRASE_CONTAINMENT * (double)(na < nb ? na : nb);
}

/* Only the best-scoring candidates enter the integer program: a sentence
 * whose concepts are worth little per word is never in an optimal summary
 * of a few sentences, and branch and bound grows fast with size. The program
 * stays exact over the candidates it keeps. */
typedef struct {
    double score;
    int index;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return x->index - y->index;
}

/* Update digests: of two reports that say much the same, the later one
 * holds the story's latest state, and a reader catching up wants that one.
 * A candidate's word value (its worth beyond coverage) is scaled by
 * 1 + LATER_REPORT x (its report's place among the new reports' publication
 * dates - 1/2): a nudge that decides between near-paraphrases, not one that
 * outweighs a concept. Larger nudges (0.2 and up) and weighting concepts by
 * when they are first stated did worse on the DUC 2007 update sets
 * (bench/RESULTS.md). Without dates every place is 1/2: no effect. */
#define LATER_REPORT 0.1

/* Each article's place among the story's dated articles (0 the oldest, 1 the
 * newest; 1/2 when undated or all share one day), into place[n_docs]. */
static void report_places(const cx_story *s, double *place)
{
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (size_t d = 0; d < s->n_docs; d++) {
        int64_t t = s->docs[d].art ? s->docs[d].art->published_unix : INT64_MIN;
        if (s->docs[d].duplicate_of >= 0 || t == INT64_MIN) continue;
        if (t < lo) lo = t;
        if (t > hi) hi = t;
    }
    for (size_t d = 0; d < s->n_docs; d++) {
        int64_t t = s->docs[d].art ? s->docs[d].art->published_unix : INT64_MIN;
        place[d] = t == INT64_MIN || hi <= lo ? 0.5 : (double)(t - lo) / (double)(hi - lo);
    }
}

/* Word value: a printed word carries information of its own, beyond the
 * shared concepts it covers (a reader, and ROUGE, read every word, repeated
 * names included), and a budget left partly unused wastes that. A word is
 * worth the share of articles that use it (Nenkova and Vanderwende's
 * frequency evidence, by document): the story's common vocabulary counts
 * fully, a word only one outlet uses (a rare name, a figure, one reporter's
 * detail) little. Each kept candidate is worth, beyond its concepts, its
 * common-word count times the candidates' mean concept value per such word,
 * so no free parameter: an unused word costs what an average candidate word
 * brings, and a summary gives up coverage for a fuller budget only when the
 * words it gains are worth more. The solver never lets this value buy a
 * sentence that repeats the others. Returns that value per common word. */
static double word_value(const candidate *sub, size_t ns, const double *sw)
{
    double value = 0, common = 0;
    for (size_t j = 0; j < ns; j++) {
        for (size_t k = 0; k < sub[j].n_concepts; k++) value += sw[sub[j].concepts[k]];
        common += sub[j].common;
    }
    return common > 0 ? value / common : 0;
}

static int solve_pruned(candidate *c, size_t nc, const double *w, size_t n_concepts, size_t max_words,
                        size_t max_bytes, int *chosen, chorus_search_stats *stats)
{
    ranked *r = malloc(sizeof *r * nc);
    int *keep = calloc(nc, sizeof *keep), *new_index = malloc(sizeof *new_index * nc);
    int *concept_map = malloc(sizeof *concept_map * (n_concepts ? n_concepts : 1));
    candidate *sub = calloc(nc, sizeof *sub);
    double *sw = malloc(sizeof *sw * (n_concepts ? n_concepts : 1));
    int *sub_chosen = calloc(nc, sizeof *sub_chosen);
    int rc = CHORUS_ENOMEM;
    if (!r || !keep || !new_index || !concept_map || !sub || !sw || !sub_chosen) goto out;
    for (size_t j = 0; j < nc; j++) {
        double v = 0;
        for (size_t k = 0; k < c[j].n_concepts; k++) v += w[c[j].concepts[k]];
        r[j].score = v / (double)(c[j].words ? c[j].words : 1);
        r[j].index = (int)j;
    }
    qsort(r, nc, sizeof *r, cmp_ranked);
    size_t kept = 0;
    for (size_t i = 0; i < nc && kept < MAX_ILP_CANDIDATES; i++) {
        int j = r[i].index;
        if (keep[j]) continue;
        /* a dependent sentence comes with its antecedent chain */
        int a = j, chain = 0;
        while (a >= 0 && !keep[a]) chain++, a = c[a].depends_on;
        if (kept + (size_t)chain > MAX_ILP_CANDIDATES) continue;
        for (a = j; a >= 0 && !keep[a]; a = c[a].depends_on) keep[a] = 1, kept++;
    }
    size_t ns = 0, nsc = 0;
    for (size_t i = 0; i < n_concepts; i++) concept_map[i] = -1;
    for (size_t j = 0; j < nc; j++) {
        new_index[j] = -1;
        if (!keep[j]) continue;
        new_index[j] = (int)ns;
        sub[ns] = c[j];
        sub[ns].concepts = malloc(sizeof(int) * (c[j].n_concepts + 1));
        if (!sub[ns].concepts) goto out_sub;
        for (size_t k = 0; k < c[j].n_concepts; k++) {
            int ci = c[j].concepts[k];
            if (concept_map[ci] < 0) concept_map[ci] = (int)nsc, sw[nsc++] = w[ci];
            sub[ns].concepts[k] = concept_map[ci];
        }
        ns++;
    }
    for (size_t j = 0; j < ns; j++) /* antecedents precede dependents, so they are mapped */
        if (sub[j].depends_on >= 0) sub[j].depends_on = new_index[sub[j].depends_on];
    cx_cover_item *items = malloc(sizeof *items * (ns ? ns : 1));
    if (!items) goto out_sub;
    for (size_t j = 0; j < ns; j++) {
        items[j].words = sub[j].words;
        items[j].bytes = sub[j].bytes + 1; /* the separator */
        items[j].concepts = sub[j].concepts;
        items[j].n_concepts = sub[j].n_concepts;
        items[j].requires = sub[j].depends_on;
    }
    double per_word = word_value(sub, ns, sw);
    for (size_t j = 0; j < ns; j++) items[j].own = per_word * sub[j].common * (1 + LATER_REPORT * (sub[j].place - 0.5));
    /* Paraphrases: most content words of the shorter sentence in the longer
     * one. Their bigrams differ, so coverage alone would print both. */
    int *conflict_store = malloc(sizeof(int) * (ns * ns + 1));
    if (!conflict_store) {
        free(items);
        goto out_sub;
    }
    for (size_t j = 0; j < ns; j++) {
        items[j].conflicts = conflict_store + j * ns;
        items[j].n_conflicts = 0;
        for (size_t q = 0; q < ns; q++)
            if (q != j && sub[q].depends_on != (int)j && sub[j].depends_on != (int)q &&
                paraphrase(sub[j].st, sub[q].st))
                conflict_store[j * ns + items[j].n_conflicts++] = (int)q;
    }
    cx_cover_result res;
    rc = cx_cover_solve(items, ns, sw, nsc, max_words, max_bytes, SOLVER_NODE_LIMIT, sub_chosen, &res);
    free(conflict_store);
    if (stats) {
        stats->items += ns;
        stats->nodes += res.nodes;
        stats->value += res.value;
        if (!res.optimal) stats->node_limit_hit = 1;
    }
    free(items);
    if (rc == 0)
        for (size_t j = 0; j < nc; j++) chosen[j] = keep[j] && sub_chosen[new_index[j]];
out_sub:
    for (size_t j = 0; j < ns; j++) free(sub[j].concepts);
out:
    free(r), free(keep), free(new_index), free(concept_map), free(sub), free(sw), free(sub_chosen);
    return rc;
}

/* Fill: the words the budget leaves over go to one more sentence, printed
 * last, that may run past the budget; it is chosen for what its words up to
 * the budget add. Only for scorers that cut summaries at the budget. Marks it
 * chosen with order 2 (after everything). Returns 0 or CHORUS_ENOMEM. */
static int fill_slack(candidate *c, size_t nc, int *chosen, concept_table *table, const int *index_of_slot,
                      const double *w, size_t n_concepts, size_t max_words, uint64_t *keys)
{
    size_t used = 0;
    for (size_t j = 0; j < nc; j++)
        if (chosen[j]) used += c[j].words;
    if (used >= max_words) return 0;
    size_t room = max_words - used;
    char *covered = calloc(n_concepts ? n_concepts : 1, 1);
    if (!covered) return CHORUS_ENOMEM;
    for (size_t j = 0; j < nc; j++)
        if (chosen[j])
            for (size_t k = 0; k < c[j].n_concepts; k++) covered[c[j].concepts[k]] = 1;
    int best = -1;
    double best_gain = 0;
    for (size_t j = 0; j < nc; j++) {
        /* printed last, a sentence leaning on another would be cut off from it */
        if (chosen[j] || c[j].depends_on >= 0) continue;
        cx_sent prefix = c[j].trimmed.text ? c[j].trimmed : *c[j].st;
        if (prefix.n_tok > room) prefix.n_tok = room; /* a word holds one token or more: within room */
        size_t nk = sentence_concepts(&prefix, keys);
        double g = 0;
        for (size_t i = 0; i < nk; i++) {
            concept *cp = concept_get(table, keys[i], 0);
            if (!cp) continue;
            int idx = index_of_slot[cp - table->v];
            if (idx >= 0 && !covered[idx]) g += w[idx], covered[idx] = 2;
        }
        for (size_t i = 0; i < nk; i++) { /* undo the marks of this prefix */
            concept *cp = concept_get(table, keys[i], 0);
            if (cp && index_of_slot[cp - table->v] >= 0 && covered[index_of_slot[cp - table->v]] == 2)
                covered[index_of_slot[cp - table->v]] = 0;
        }
        if (g > best_gain) best_gain = g, best = (int)j;
    }
    free(covered);
    if (best >= 0) {
        chosen[best] = 1;
        c[best].order = 2;
    }
    return 0;
}

/* Focus by pseudo-relevance feedback: the sentences that hold most of the
 * question's words (focus.h weighs each word by the share of articles using
 * it) are taken as relevant, and every concept they hold counts
 * (1 + FOCUS_BOOST) times: the answers' own words, which the question does
 * not use ("ban", "tested positive" for a question on "steroid use"), count
 * with the question's. Concepts outside them keep the weight the story gives
 * them, so coverage of what the articles agree on stays in the objective.
 * The relevant set is the FOCUS_FEEDBACK best sentences (ties included),
 * the usual size of a feedback set. Scaling each concept by the mean
 * relevance of the sentences holding it instead (a continuous lift) and
 * boosting only the concepts made of the question's words both did worse on
 * the DUC 2006 and 2007 dev topics (bench/RESULTS.md). */
#define FOCUS_FEEDBACK 20
#define FOCUS_BOOST 1.0

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

static int apply_focus(const cx_story *s, const cx_focus *f, concept_table *table, const int *index_of_slot,
                       double *weights, size_t n_concepts, uint64_t *keys)
{
    size_t n = 0;
    for (size_t d = 0; d < s->n_docs; d++)
        if (s->docs[d].duplicate_of < 0) n += s->docs[d].n_sents;
    double *rel = malloc(sizeof *rel * (n ? n : 1)), *sorted = malloc(sizeof *sorted * (n ? n : 1));
    char *relevant = calloc(n_concepts ? n_concepts : 1, 1);
    if (!rel || !sorted || !relevant) {
        free(rel), free(sorted), free(relevant);
        return CHORUS_ENOMEM;
    }
    size_t m = 0;
    for (size_t d = 0; d < s->n_docs; d++) {
        if (s->docs[d].duplicate_of >= 0) continue;
        for (size_t k = 0; k < s->docs[d].n_sents; k++) rel[m++] = cx_focus_relevance(f, &s->docs[d].sents[k]);
    }
    memcpy(sorted, rel, sizeof *rel * m);
    if (m) qsort(sorted, m, sizeof *sorted, cmp_desc);
    double threshold = m ? sorted[(m < FOCUS_FEEDBACK ? m : FOCUS_FEEDBACK) - 1] : 0;
    m = 0;
    for (size_t d = 0; d < s->n_docs; d++) {
        if (s->docs[d].duplicate_of >= 0) continue;
        for (size_t k = 0; k < s->docs[d].n_sents; k++) {
            double r = rel[m++];
            if (r <= 0 || r < threshold) continue;
            size_t nk = sentence_concepts(&s->docs[d].sents[k], keys);
            for (size_t i = 0; i < nk; i++) {
                concept *cp = concept_get(table, keys[i], 0);
                int idx = cp ? index_of_slot[cp - table->v] : -1;
                if (idx >= 0) relevant[idx] = 1;
            }
        }
    }
    for (size_t i = 0; i < n_concepts; i++)
        if (relevant[i]) weights[i] *= 1 + FOCUS_BOOST;
    free(rel), free(sorted), free(relevant);
    return 0;
}

/* Novelty: a concept the reader has met is worth the share of its reports
 * that are new, each set's document frequency taken relative to its size: a
 * concept in every seen and every new report keeps half its weight, one only
 * the new reports hold all of it. Not less: what the new reports still
 * repeat is what the story is about, and an update that avoids it reads as
 * a list of side details (sentences are already dropped when a seen one
 * says them, focus.h). Dropping concepts the reader has met outright, or
 * sentences made mostly of them, and the square of the share all did worse
 * on the DUC 2007 update sets (bench/RESULTS.md). */
static int apply_novelty(const cx_story *s, const cx_seen_set *k, size_t n_sources, const concept_table *table,
                         const int *index_of_slot, double *weights, size_t max_tok)
{
    for (size_t t = 0; t < table->map.n; t++) {
        int idx = index_of_slot[t];
        if (idx < 0) continue;
        /* a seen sentence counts with its first max_tok tokens, as a sentence of the story can */
        uint64_t key = table->v[t].key;
        size_t seen_df = cx_seen_concept_df(k, s, (int32_t)(key >> 32) - 1, (int32_t)(key & 0xffffffffu) - 1, max_tok);
        if (!seen_df) continue;
        double fresh = (double)table->v[t].df / (double)(n_sources ? n_sources : 1);
        double old = (double)seen_df / (double)(k->n_docs ? k->n_docs : 1);
        double share = fresh / (fresh + old);
        weights[idx] *= share;
    }
    return 0;
}

int cx_summarize(cx_story *s, const cx_summary_options *o, cx_sent_ref **out, chorus_error *err)
{
    *out = NULL;
    concept_table table = {0};
    cx_focus focus = {0};
    cx_seen_set seen = {0};
    double *place = NULL; /* each article's place in time (update digests) */
    size_t n_sources = 0;
    for (size_t d = 0; d < s->n_docs; d++) n_sources += s->docs[d].duplicate_of < 0 && s->docs[d].n_sents;
    size_t max_tok = 0;
    for (size_t d = 0; d < s->n_docs; d++)
        for (size_t k = 0; k < s->docs[d].n_sents; k++)
            if (s->docs[d].sents[k].n_tok > max_tok) max_tok = s->docs[d].sents[k].n_tok;
    uint64_t *keys = malloc(sizeof *keys * (2 * max_tok + 1));
    if (!keys) return cx_fail(err, CHORUS_ENOMEM, "out of memory");
    /* Document frequency of each concept (each article counts once), and of
     * each word, stopwords included (for the word value). */
    concept_table word_df = {0};
    for (size_t d = 0; d < s->n_docs; d++) {
        if (s->docs[d].duplicate_of >= 0) continue;
        for (size_t k = 0; k < s->docs[d].n_sents; k++) {
            const cx_sent *st = &s->docs[d].sents[k];
            for (size_t t = 0; t < st->n_tok; t++) {
                concept *wp = concept_get(&word_df, (uint64_t)(uint32_t)(st->stems[t] + 1), 1);
                if (!wp) {
                    free(keys), concept_table_free(&table), concept_table_free(&word_df);
                    return cx_fail(err, CHORUS_ENOMEM, "out of memory");
                }
                if (wp->last_doc != (int32_t)d) wp->df++, wp->last_doc = (int32_t)d;
            }
            size_t nk = sentence_concepts(st, keys);
            for (size_t i = 0; i < nk; i++) {
                concept *cp = concept_get(&table, keys[i], 1);
                if (!cp) {
                    free(keys), concept_table_free(&table), concept_table_free(&word_df);
                    return cx_fail(err, CHORUS_ENOMEM, "out of memory");
                }
                if (cp->last_doc != (int32_t)d) {
                    /* news puts what matters first: an article's vote counts more when
                     * the concept is in its opening sentences */
                    cp->df++;
                    cp->weight += 1.0f + LEAD_BONUS / (1.0f + (float)k / LEAD_SCALE);
                    cp->last_doc = (int32_t)d;
                }
            }
        }
    }
    /* Keep concepts several articles share; a lone article keeps them all. */
    int min_df = n_sources <= 1 ? 1 : n_sources <= 6 ? 2 : 3;
    int *index_of_slot = malloc(sizeof *index_of_slot * (table.map.n ? table.map.n : 1));
    double *weights = malloc(sizeof *weights * (table.map.n ? table.map.n : 1));
    size_t n_concepts = 0;
    if (!index_of_slot || !weights) goto oom;
    for (size_t i = 0; i < table.map.n; i++) {
        index_of_slot[i] = -1;
        if (table.v[i].key && table.v[i].df >= min_df) {
            index_of_slot[i] = (int)n_concepts;
            int unigram = (table.v[i].key & 0xffffffffu) == 0;
            weights[n_concepts++] = table.v[i].weight * (unigram ? UNIGRAM_WEIGHT : 1.0);
        }
    }
    /* What the summary is for: a question, and what its reader has read. */
    if (cx_focus_init(&focus, s, o->focus)) goto oom;
    int seen_rc = cx_seen_init(&seen, s, o->seen, o->seen_files, err);
    if (seen_rc) {
        cx_focus_free(&focus);
        free(keys), concept_table_free(&table), concept_table_free(&word_df), free(index_of_slot), free(weights);
        return seen_rc;
    }
    if (focus.n_found && apply_focus(s, &focus, &table, index_of_slot, weights, n_concepts, keys)) goto oom;
    if (seen.n) apply_novelty(s, &seen, n_sources, &table, index_of_slot, weights, max_tok);
    if (o->info) {
        memset(o->info, 0, sizeof *o->info);
        o->info->focus_terms = focus.n_terms;
        o->info->focus_terms_found = focus.n_found;
        o->info->seen_sentences = seen.n;
        o->info->seen_reports = seen.n_docs;
    }
    place = malloc(sizeof *place * (s->n_docs ? s->n_docs : 1));
    if (!place) goto oom;
    if (seen.n) report_places(s, place);
    else
        for (size_t d = 0; d < s->n_docs; d++) place[d] = 0.5;
    /* Candidates. */
    size_t total = 0;
    for (size_t d = 0; d < s->n_docs; d++) total += s->docs[d].n_sents;
    candidate *c = calloc(total ? total : 1, sizeof *c);
    int *cand_of = malloc(sizeof *cand_of * (total ? total : 1)); /* flat sentence -> candidate */
    if (!c || !cand_of) {
        free(c), free(cand_of);
        goto oom;
    }
    size_t nc = 0, flat = 0;
    for (size_t d = 0; d < s->n_docs; d++) {
        const cx_doc *doc = &s->docs[d];
        for (size_t k = 0; k < doc->n_sents; k++, flat++) {
            cand_of[flat] = -1;
            const cx_sent *st = &doc->sents[k];
            if (doc->duplicate_of >= 0 || !cx_summary_candidate(st)) continue;
            if (seen.n && cx_seen_says(&seen, s, st)) { /* the reader has read it */
                if (o->info) o->info->known_candidates++;
                continue;
            }
            int dep = -1;
            if (cx_depends_on_previous(st)) {
                if (k == 0 || cand_of[flat - 1] < 0) continue; /* its antecedent is unusable */
                dep = cand_of[flat - 1];
            }
            candidate *cd = &c[nc];
            cd->ref.doc = (int)d;
            cd->ref.sent = (int)k;
            cd->st = st;
            cd->words = words_of(st->text, st->len);
            cd->bytes = st->len;
            cd->depends_on = dep;
            cd->order = doc->n_sents > 1 ? (double)k / (double)doc->n_sents : 0;
            cd->place = place[d];
            cd->concepts = malloc(sizeof *cd->concepts * (2 * st->n_tok + 1));
            /* most sentences hold nothing to trim: told in one pass, no copy */
            int may_trim = o->compress && cx_compress_may_trim(st->text, st->len);
            char *trim = may_trim ? malloc(2 * st->len + 1) : NULL; /* the trimmed text, then what went */
            if (!cd->concepts || (may_trim && !trim)) {
                free(trim);
                goto oom_c;
            }
            /* The program sees the sentence as it would be printed: trimmed words
             * neither cost budget nor bring concepts. */
            const cx_sent *form = st;
            unsigned char *deleted = trim ? (unsigned char *)trim + st->len + 1 : NULL;
            size_t tl = may_trim ? cx_compress_sentence_del(st->text, st->len, trim, deleted) : st->len;
            if (tl < st->len) {
                cd->trimmed = *st;
                cd->trimmed.content = NULL; /* the original's; not needed for the trimmed form */
                cd->trimmed.n_content = 0;
                cd->trimmed.stems = NULL, cd->trimmed.stop = NULL;
                cd->trimmed.text = trim;
                cd->trimmed.len = tl;
                /* the sentence's own tokens less the deleted ones where that is sure
                 * (tokens of the story's main language, as tokenizing again gives) */
                int got = cx_story_lang(s, (int)d) == cx_story_lang(s, -1) ? trimmed_tokens(st, deleted, &cd->trimmed) : 0;
                if (!got) {
                    free(cd->trimmed.stems), free(cd->trimmed.stop);
                    cd->trimmed.stems = NULL, cd->trimmed.stop = NULL;
                    got = cx_story_tokenize(s, &cd->trimmed, trim, tl) ? CHORUS_ENOMEM : 1;
                }
                if (got < 0) {
                    free(trim), free(cd->trimmed.stems), free(cd->trimmed.stop);
                    memset(&cd->trimmed, 0, sizeof cd->trimmed);
                    goto oom_c;
                }
                form = &cd->trimmed;
                cd->words = words_of(form->text, form->len);
                cd->bytes = form->len;
            } else
                free(trim);
            for (size_t t = 0; t < form->n_tok; t++) {
                const concept *wp = concept_get(&word_df, (uint64_t)(uint32_t)(form->stems[t] + 1), 0);
                if (wp) cd->common += (double)wp->df / (double)(n_sources ? n_sources : 1);
            }
            size_t nk = sentence_concepts(form, keys);
            for (size_t i = 0; i < nk; i++) {
                concept *cp = concept_get(&table, keys[i], 0);
                if (!cp) continue;
                int idx = index_of_slot[cp - table.v];
                if (idx >= 0) cd->concepts[cd->n_concepts++] = idx;
            }
            qsort(cd->concepts, cd->n_concepts, sizeof(int), cmp_int);
            size_t u = 0;
            for (size_t i = 0; i < cd->n_concepts; i++)
                if (!u || cd->concepts[u - 1] != cd->concepts[i]) cd->concepts[u++] = cd->concepts[i];
            cd->n_concepts = u;
            if (!u && dep < 0) {
                free_candidate(cd);
                continue;
            }
            cand_of[flat] = (int)nc++;
        }
    }
    free(place), place = NULL;
    int *chosen = calloc(nc ? nc : 1, sizeof *chosen);
    if (!chosen) goto oom_c;
    size_t max_words = o->max_words, max_bytes = o->max_bytes;
    if (!max_words && !max_bytes) max_words = CHORUS_DEFAULT_SUMMARY_WORDS;
    if (nc && solve_pruned(c, nc, weights, n_concepts, max_words, max_bytes, chosen, o->stats) != 0) {
        free(chosen);
        goto oom_c;
    }
    if (o->fill && max_words && nc) {
        int f = fill_slack(c, nc, chosen, &table, index_of_slot, weights, n_concepts, max_words, keys);
        if (f) {
            free(chosen);
            goto oom_c;
        }
    }
    /* Reading order: relative position in the source article; a dependent
     * sentence directly after its antecedent. */
    candidate **sel = malloc(sizeof *sel * (nc ? nc : 1));
    size_t ns = 0;
    if (!sel) {
        free(chosen);
        goto oom_c;
    }
    for (size_t j = 0; j < nc; j++)
        if (chosen[j] && c[j].trimmed.text) {
            /* the summary prints the trimmed form; the article's sentence stays as
             * it was for the stages that read the story after this one */
            c[j].ref.text = c[j].trimmed.text;
            c[j].ref.len = c[j].trimmed.len;
            c[j].trimmed.text = NULL;
        }
    for (size_t j = 0; j < nc; j++)
        if (chosen[j]) {
            if (c[j].depends_on >= 0) c[j].order = c[c[j].depends_on].order + 1e-6 * (c[j].ref.sent - c[c[j].depends_on].ref.sent);
            sel[ns++] = &c[j];
        }
    qsort(sel, ns, sizeof *sel, cmp_order);
    cx_sent_ref *refs = malloc(sizeof *refs * (ns ? ns : 1));
    if (refs)
        for (size_t i = 0; i < ns; i++) refs[i] = sel[i]->ref;
    free(sel);
    free(chosen);
    for (size_t j = 0; j < nc; j++) free_candidate(&c[j]);
    free(c), free(cand_of), free(keys), concept_table_free(&table), concept_table_free(&word_df), free(index_of_slot), free(weights);
    if (o->info) o->info->new_candidates = nc;
    cx_focus_free(&focus), cx_seen_free(&seen);
    if (!refs) return cx_fail(err, CHORUS_ENOMEM, "out of memory");
    *out = refs;
    return (int)ns;
oom_c:
    for (size_t j = 0; j < nc + 1 && j < total; j++) free_candidate(&c[j]);
    free(c), free(cand_of);
oom:
    free(place);
    cx_focus_free(&focus), cx_seen_free(&seen);
    free(keys), concept_table_free(&table), concept_table_free(&word_df), free(index_of_slot), free(weights);
    return cx_fail(err, CHORUS_ENOMEM, "out of memory");
}
