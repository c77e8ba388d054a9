/* Branch and bound for budgeted concept coverage.
 *
 * Items are taken in a fixed order; each node decides one item in or out.
 * The bound at a node is the value so far plus a fractional knapsack over
 * the remaining items' marginal gains given what is already covered. Gains
 * only shrink as coverage grows (coverage is submodular), so the sum of
 * individual gains over any set bounds that set's joint gain, and the
 * fractional knapsack bounds the best such sum: the bound never cuts off the
 * optimum, so the search is exact. Dropping the byte budget in the bound only
 * loosens it. An item that requires another brings its whole chain.
 *
 * Own values are gains that never shrink; the bound counts them with the
 * rest. Where some chosen item repeats the others (every concept it holds is
 * held by another chosen item, and no chosen item requires it), such items
 * are dropped before the set is recorded: what is left keeps the coverage
 * and is a solution. An item whose concepts are all covered already would
 * repeat the others in every completion, so that branch is not explored: the
 * search stays exact under this rule. */
#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "coverage_solver.h"

typedef struct {
    const cx_cover_item *items;
    size_t n;
    const double *w;
    size_t max_words, max_bytes;
    size_t node_limit, nodes;
    int *order;       /* items by decreasing initial ratio */
    int *cover;       /* per concept: how many chosen items cover it */
    int *in;          /* per item: chosen */
    int *best;
    double best_value;
    size_t n_concepts;
    int *kept;        /* scratch: the current set less the items that repeat the others */
    int *kept_cover;  /* scratch: coverage counts of that set */
    /* scratch for the bound */
    double *gain;
    double *ratio;
    size_t *cost;
    int *idx;
    /* Kept up to date as concepts get covered, so a node's bound does not
     * rescan every item's concepts: per item, the weight of its concepts
     * not yet covered and how many of those weigh something (0: its gain is
     * exactly 0, whatever rounding the running sum carries). */
    double *open_weight;
    int *open_count;
    size_t *holders_at; /* per concept: where its items start in holders */
    int *holders;       /* items holding each concept */
} search;

/* The chain of item i: i and every item it requires, transitively, not yet in. */
static void chain_cost(const search *s, int i, size_t *words, size_t *bytes)
{
    *words = *bytes = 0;
    for (int k = 0; i >= 0 && k < (int)s->n; k++) {
        if (s->in[i]) break;
        *words += s->items[i].words;
        *bytes += s->items[i].bytes;
        i = s->items[i].requires;
    }
}

/* What choosing item i (with its chain) would add: the weight of the concepts
 * it newly covers, and (own) the own values it brings. */
static double chain_gain(search *s, int i, double *own)
{
    if (s->items[i].requires < 0 || s->in[s->items[i].requires]) { /* the common case: one item */
        *own = s->items[i].own;
        return s->open_count[i] ? s->open_weight[i] : 0;
    }
    /* a chain: count concepts shared by two of its items once */
    double g = 0;
    int chain[64], nc = 0;
    *own = 0;
    for (int k = i; k >= 0 && nc < 64 && !s->in[k]; k = s->items[k].requires) chain[nc++] = k;
    for (int c = 0; c < nc; c++) {
        const cx_cover_item *it = &s->items[chain[c]];
        *own += it->own;
        for (size_t j = 0; j < it->n_concepts; j++) {
            int cp = it->concepts[j];
            if (s->cover[cp] == 0) g += s->w[cp];
            s->cover[cp]++;
        }
    }
    for (int c = 0; c < nc; c++) {
        const cx_cover_item *it = &s->items[chain[c]];
        for (size_t j = 0; j < it->n_concepts; j++) s->cover[it->concepts[j]]--;
    }
    return g;
}

/* Concept c became covered (sign -1) or uncovered again (+1). */
static void concept_turns(search *s, int c, int sign)
{
    if (s->w[c] == 0) return;
    for (size_t h = s->holders_at[c]; h < s->holders_at[c + 1]; h++) {
        int i = s->holders[h];
        s->open_weight[i] += sign * s->w[c];
        s->open_count[i] += sign;
    }
}

static void set_chain(search *s, int i, int on, double *value, size_t *words, size_t *bytes)
{
    int chain[64], nc = 0;
    if (on) {
        for (int k = i; k >= 0 && nc < 64 && !s->in[k]; k = s->items[k].requires) chain[nc++] = k;
        for (int c = 0; c < nc; c++) {
            const cx_cover_item *it = &s->items[chain[c]];
            s->in[chain[c]] = 1 + i; /* remember which decision brought it in */
            *words += it->words;
            *bytes += it->bytes;
            *value += it->own;
            for (size_t j = 0; j < it->n_concepts; j++)
                if (s->cover[it->concepts[j]]++ == 0) {
                    *value += s->w[it->concepts[j]];
                    concept_turns(s, it->concepts[j], -1);
                }
        }
    } else {
        for (size_t k = 0; k < s->n; k++)
            if (s->in[k] == 1 + i) {
                const cx_cover_item *it = &s->items[k];
                s->in[k] = 0;
                *words -= it->words;
                *bytes -= it->bytes;
                *value -= it->own;
                for (size_t j = 0; j < it->n_concepts; j++)
                    if (--s->cover[it->concepts[j]] == 0) {
                        *value -= s->w[it->concepts[j]];
                        concept_turns(s, it->concepts[j], 1);
                    }
            }
    }
}

static int cmp_ratio_desc(const void *a, const void *b, void *ctx)
{
    const search *s = ctx;
    double x = s->ratio[*(const int *)a], y = s->ratio[*(const int *)b];
    if (x != y) return x > y ? -1 : 1;
    return *(const int *)a - *(const int *)b;
}

static double bound(search *s, size_t depth, double value, size_t words)
{
    size_t m = 0;
    for (size_t d = depth; d < s->n; d++) {
        int i = s->order[d];
        if (s->in[i]) continue;
        size_t cw, cb;
        chain_cost(s, i, &cw, &cb);
        if (s->max_words && words + cw > s->max_words) continue;
        double own, g = chain_gain(s, i, &own);
        if (g <= 0) continue; /* it would repeat the others */
        g += own;
        s->gain[i] = g;
        s->ratio[i] = g / (double)(cw ? cw : 1);
        s->cost[i] = cw;
        s->idx[m++] = i;
    }
    /* Fractional knapsack: take the best ratio left until the budget is full.
     * A budget holds a handful of items, so selection beats sorting. */
    double ub = value;
    size_t room = s->max_words ? s->max_words - words : (size_t)-1;
    while (m) {
        size_t b = 0;
        for (size_t k = 1; k < m; k++)
            if (s->ratio[s->idx[k]] > s->ratio[s->idx[b]]) b = k;
        int i = s->idx[b];
        if (s->cost[i] <= room) {
            ub += s->gain[i];
            room -= s->cost[i];
        } else {
            ub += s->gain[i] * (double)room / (double)s->cost[i];
            break;
        }
        s->idx[b] = s->idx[--m];
    }
    return ub;
}

/* The chosen set less the items that repeat the others, into s->kept; returns
 * its value. An item is needed when it alone covers some concept or a kept
 * item requires it; the others are dropped one at a time (dropping one can
 * make another needed, never the reverse for the concepts). */
static double drop_repeats(search *s, double value)
{
    memcpy(s->kept_cover, s->cover, sizeof *s->cover * s->n_concepts);
    for (size_t k = 0; k < s->n; k++) s->kept[k] = s->in[k] != 0;
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t k = 0; k < s->n; k++) {
            if (!s->kept[k]) continue;
            const cx_cover_item *it = &s->items[k];
            int needed = 0;
            for (size_t j = 0; j < it->n_concepts && !needed; j++) needed = s->kept_cover[it->concepts[j]] == 1;
            for (size_t q = 0; q < s->n && !needed; q++) needed = s->kept[q] && s->items[q].requires == (int)k;
            if (needed) continue;
            s->kept[k] = 0;
            value -= it->own;
            for (size_t j = 0; j < it->n_concepts; j++) s->kept_cover[it->concepts[j]]--; /* still >= 1 */
            changed = 1;
        }
    }
    return value;
}

/* Does item i, or an item of its chain not yet chosen, conflict with a chosen item? */
static int conflicts_with_chosen(const search *s, int i)
{
    for (int k = i, hops = 0; k >= 0 && !s->in[k] && hops < 64; k = s->items[k].requires, hops++) {
        const cx_cover_item *it = &s->items[k];
        for (size_t j = 0; j < it->n_conflicts; j++)
            if (s->in[it->conflicts[j]]) return 1;
    }
    return 0;
}

static void dfs(search *s, size_t depth, double value, size_t words, size_t bytes)
{
    if (s->nodes++ >= s->node_limit) return;
    if (value > s->best_value + 1e-9) {
        double kept_value = drop_repeats(s, value);
        if (kept_value > s->best_value + 1e-9) {
            s->best_value = kept_value;
            memcpy(s->best, s->kept, sizeof *s->best * s->n);
        }
    }
    if (depth >= s->n) return;
    if (bound(s, depth, value, words) <= s->best_value + 1e-9) return;
    int i = s->order[depth];
    if (!s->in[i]) {
        size_t cw, cb;
        chain_cost(s, i, &cw, &cb);
        int fits = (!s->max_words || words + cw <= s->max_words) && (!s->max_bytes || bytes + cb <= s->max_bytes);
        double own;
        if (fits && !conflicts_with_chosen(s, i) && chain_gain(s, i, &own) > 0) {
            double v = value;
            size_t w = words, b = bytes;
            set_chain(s, i, 1, &v, &w, &b);
            dfs(s, depth + 1, v, w, b);
            set_chain(s, i, 0, &v, &w, &b);
        }
    }
    dfs(s, depth + 1, value, words, bytes);
}

int cx_cover_solve(const cx_cover_item *items, size_t n, const double *weights, size_t n_concepts,
                   size_t max_words, size_t max_bytes, size_t node_limit, int *chosen,
                   cx_cover_result *result)
{
    search s = {.items = items, .n = n, .w = weights, .max_words = max_words, .max_bytes = max_bytes,
                .node_limit = node_limit ? node_limit : 1000000};
    size_t nn = n ? n : 1;
    s.order = malloc(sizeof *s.order * nn);
    s.cover = calloc(n_concepts ? n_concepts : 1, sizeof *s.cover);
    s.in = calloc(nn, sizeof *s.in);
    s.best = calloc(nn, sizeof *s.best);
    s.n_concepts = n_concepts;
    s.kept = calloc(nn, sizeof *s.kept);
    s.kept_cover = calloc(n_concepts ? n_concepts : 1, sizeof *s.kept_cover);
    s.gain = malloc(sizeof *s.gain * nn);
    s.ratio = malloc(sizeof *s.ratio * nn);
    s.idx = malloc(sizeof *s.idx * nn);
    s.cost = malloc(sizeof *s.cost * nn);
    s.open_weight = calloc(nn, sizeof *s.open_weight);
    s.open_count = calloc(nn, sizeof *s.open_count);
    s.holders_at = calloc(n_concepts + 1, sizeof *s.holders_at);
    size_t n_holds = 0;
    for (size_t i = 0; i < n; i++) n_holds += items[i].n_concepts;
    s.holders = malloc(sizeof *s.holders * (n_holds ? n_holds : 1));
    int rc = 0;
    if (!s.order || !s.cover || !s.in || !s.best || !s.gain || !s.ratio || !s.idx || !s.cost || !s.kept ||
        !s.kept_cover || !s.open_weight || !s.open_count || !s.holders_at || !s.holders) {
        rc = CHORUS_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < items[i].n_concepts; j++) {
            int c = items[i].concepts[j];
            s.holders_at[c + 1]++;
            s.open_weight[i] += weights[c];
            s.open_count[i] += weights[c] != 0;
        }
    for (size_t c = 0; c < n_concepts; c++) s.holders_at[c + 1] += s.holders_at[c];
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < items[i].n_concepts; j++) {
            int c = items[i].concepts[j];
            s.holders[s.holders_at[c]++] = (int)i; /* fill cursor: ends at the next start */
        }
    for (size_t c = n_concepts; c > 0; c--) s.holders_at[c] = s.holders_at[c - 1];
    s.holders_at[0] = 0;
    for (size_t i = 0; i < n; i++) {
        double g = items[i].own;
        for (size_t j = 0; j < items[i].n_concepts; j++) g += weights[items[i].concepts[j]];
        s.ratio[i] = g / (double)(items[i].words ? items[i].words : 1);
        s.order[i] = (int)i;
    }
    qsort_r(s.order, n, sizeof *s.order, cmp_ratio_desc, &s);
    dfs(&s, 0, 0, 0, 0);
    for (size_t i = 0; i < n; i++) chosen[i] = s.best[i];
    if (result) {
        result->value = s.best_value;
        result->nodes = s.nodes;
        result->optimal = s.nodes < s.node_limit;
    }
out:
    free(s.order), free(s.cover), free(s.in), free(s.best), free(s.gain), free(s.ratio), free(s.idx), free(s.cost);
    free(s.kept), free(s.kept_cover);
    free(s.open_weight), free(s.open_count), free(s.holders_at), free(s.holders);
    return rc;
}
