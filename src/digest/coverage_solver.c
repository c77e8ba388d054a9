/* Branch and bound for budgeted concept coverage.
 *
 * Items are taken in a fixed order; each node decides one item in or out.
 * The search returns the first set, in this order, whose value beats every
 * set met before it by more than 1e-9; the bounds and the floor below only
 * skip subtrees that hold no such set, so they change how fast the answer is
 * found, never which set it is (ties between equal sets go as before).
 *
 * Knapsack bound: the value so far plus a fractional knapsack over the
 * remaining items' marginal gains given what is already covered. Gains only
 * shrink as coverage grows (coverage is submodular), so the sum of
 * individual gains over any set bounds that set's joint gain, and the
 * fractional knapsack bounds the best such sum: the bound never cuts off the
 * optimum. Dropping the byte budget in the bound only loosens it. An item
 * that requires another brings its whole chain. A set that a completion adds
 * splits into the chains of its items that no item of it requires; these
 * are disjoint when chains are paths (no item required by two others, as a
 * sentence leans only on its predecessor), so their costs add up. When they
 * are not paths, this bound is not used and the Lagrangian one takes every
 * item as a unit by itself.
 *
 * Lagrangian bound: news sentences repeat each other, so individual gains
 * overlap and the knapsack bound counts a shared concept once per holder
 * (on a 10-article cluster it is half again the optimum). Split each
 * uncovered concept's weight w_c into mu_c, 0 <= mu_c <= w_c, paid to every
 * chosen holder, and w_c - mu_c, paid once whether covered or not. For a set
 * S that a completion of the node adds,
 *   gain(S) = sum over concepts S newly covers of w_c, plus own values
 *          <= sum over uncovered concepts held by an item that may enter S
 *             of (w_c - mu_c)  +  sum over k in S of (own_k + sum of mu_c
 *             over k's uncovered concepts),
 * since a concept S covers has at least one holder in S. The second sum
 * splits over S's chains as above, so a fractional knapsack over the chains
 * of the items that may be added bounds it: value plus both sums bounds every
 * completion, whatever mu is. mu only decides how tight the bound is: mu = w
 * gives back the knapsack bound, the best mu the LP relaxation (about 1%
 * above the optimum where the knapsack bound is 50% above). The items that
 * may enter S are the remaining items that fit the budgets and still gain
 * something (the search adds no other) and the items of their chains, even
 * those already decided out. Conflicts are ignored (a relaxation). mu is set
 * by projected subgradient steps (Polyak's step towards the value to beat),
 * at the root and one at each node, carried from node to node. Its sums are
 * compared with a slack of 1e-6, far above their rounding.
 *
 * Floor: before the search, greedy and a local search (drop a pick, or swap
 * another item in, then refill greedily) find a solution of value F (mu is
 * set first, towards greedy's value; the items its knapsack takes are the
 * ones tried as swaps). The
 * search's answer has value at least F, and a subtree whose bound is below F
 * (less the slack) holds nothing as good, so it is skipped even before the
 * search has recorded anything that good. Sets recorded in skipped subtrees
 * would all have been beaten later, by more than 1e-9, by the answer, which
 * the search still meets in the same order: the answer is the same set.
 *
 * Items that cannot be added at a node (too long, conflicting, gaining
 * nothing) are stepped over: their only branch holds the same set.
 *
 * First search: most instances are settled in a few hundred nodes by the
 * knapsack bound alone, sooner than the floor and mu are set up. So the
 * search first runs that way with a small node limit; only when it stops at
 * the limit does it start again with everything above (the value it reached
 * joins the floor). Either way it meets sets in the same order.
 *
 * Own values are gains that never shrink; the bounds count them with the
 * rest. Where some chosen item repeats the others (every concept it holds is
 * held by another chosen item, and no chosen item requires it), such items
 * are dropped before the set is recorded: what is left keeps the coverage
 * and is a solution. An item whose concepts are all covered already would
 * repeat the others in every completion, so that branch is not explored: the
 * search stays exact under this rule. All comparisons with the floor keep a
 * margin of 1e-6, far above the rounding of these sums. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "coverage_solver.h"

/* Subgradient steps on mu at the root (one more at each node the bounds do
 * not prune: more per node gain little, the bound moves with mu from node
 * to node). */
#define ROOT_STEPS 50
/* Moves of the local search for the floor, at most, and the items it tries
 * to swap in: those the root's knapsack takes (they make up the LP's
 * summary) and the first SWAP_IN by initial ratio. Each try is a greedy run,
 * and items further down rarely make a better summary. */
#define MAX_TRIES 2000
#define SWAP_IN 10
/* Slack for rounding in the sums of the Lagrangian bound and the floor. */
#define SLACK 1e-6

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
    /* Lagrangian bound */
    double *mu;         /* per concept: the share of its weight paid to each holder, in [0, w] */
    double *grad;       /* per concept: scratch for the subgradient */
    int *mark;          /* per concept: stamp of the last bound that counted it */
    double *x;          /* per item: its fraction in the last bound's knapsack */
    int *elig;          /* per item: stamp of the last bound that found it may enter */
    int *elig_list;     /* those items */
    size_t n_elig;
    int *counted;       /* the concepts the last bound counted */
    size_t n_counted;
    int *units;         /* the knapsack's units: items, each standing for its chain */
    double *unit_x;     /* per unit: its fraction in the knapsack */
    double *h;          /* per item: own value plus mu of its uncovered concepts */
    int paths;          /* no item is required by two others */
    int quick;          /* the first, short search: knapsack bound only */
    int stamp;
    double floor;       /* value of a known solution, less SLACK */
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

/* Fractional knapsack over the m candidates in s->idx (consumed): take the
 * best ratio left until room is full, the last one in part; the share taken
 * of each goes to taken[] when given. A budget holds a handful of items, so
 * selection beats sorting. */
static double fractional_knapsack(search *s, size_t m, size_t room, double ub, double *taken)
{
    while (m) {
        size_t b = 0;
        for (size_t k = 1; k < m; k++)
            if (s->ratio[s->idx[k]] > s->ratio[s->idx[b]]) b = k;
        int i = s->idx[b];
        double share = s->cost[i] <= room ? 1.0 : (double)room / (double)s->cost[i];
        ub += s->gain[i] * share;
        if (taken) taken[i] = share;
        if (share < 1.0) break;
        room -= s->cost[i];
        s->idx[b] = s->idx[--m];
    }
    return ub;
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
    return fractional_knapsack(s, m, s->max_words ? s->max_words - words : (size_t)-1, value, NULL);
}

/* The Lagrangian bound at a node (header). Knapsack units are the chains
 * of the items that may still be added: a set a completion adds splits into
 * the chains of its items that no item of it requires, disjoint when chains
 * are paths (else each item is a unit by itself). Leaves in s->x, per item,
 * the knapsack's fraction of the units holding it. */
static double lagr_bound(search *s, size_t depth, double value, size_t words, size_t bytes)
{
    int now = ++s->stamp;
    size_t ne = 0, nu = 0, nc = 0;
    for (size_t d = depth; d < s->n; d++) {
        int i = s->order[d];
        if (s->in[i]) continue;
        size_t cw, cb;
        chain_cost(s, i, &cw, &cb);
        if (s->max_words && words + cw > s->max_words) continue;
        if (s->max_bytes && bytes + cb > s->max_bytes) continue;
        double own;
        if (chain_gain(s, i, &own) <= 0) continue;
        for (int k = i, hops = 0; k >= 0 && !s->in[k] && hops < 64; k = s->items[k].requires, hops++)
            if (s->elig[k] != now) s->elig[k] = now, s->elig_list[ne++] = k;
        if (s->paths) s->units[nu++] = i, s->cost[i] = cw;
    }
    double ub = value;
    for (size_t e = 0; e < ne; e++) {
        int k = s->elig_list[e];
        const cx_cover_item *it = &s->items[k];
        double h = it->own;
        for (size_t j = 0; j < it->n_concepts; j++) {
            int c = it->concepts[j];
            if (s->cover[c] || s->w[c] == 0) continue;
            h += s->mu[c];
            if (s->mark[c] != now) {
                s->mark[c] = now;
                ub += s->w[c] - s->mu[c];
                s->grad[c] = -1;
                s->counted[nc++] = c;
            }
        }
        s->h[k] = h;
        s->x[k] = 0;
        if (!s->paths) s->units[nu++] = k, s->cost[k] = it->words;
    }
    size_t m = 0;
    for (size_t u = 0; u < nu; u++) {
        int i = s->units[u];
        double g = 0;
        for (int k = i, hops = 0; k >= 0 && !s->in[k] && hops < 64; k = s->items[k].requires, hops++) {
            g += s->h[k];
            if (!s->paths) break;
        }
        s->unit_x[i] = 0;
        if (g <= 0) continue;
        s->gain[i] = g;
        s->ratio[i] = s->cost[i] ? g / (double)s->cost[i] : HUGE_VAL;
        s->idx[m++] = i;
    }
    ub = fractional_knapsack(s, m, s->max_words ? s->max_words - words : (size_t)-1, ub, s->unit_x);
    for (size_t u = 0; u < nu; u++) {
        int i = s->units[u];
        if (s->unit_x[i] == 0) continue;
        for (int k = i, hops = 0; k >= 0 && !s->in[k] && hops < 64; k = s->items[k].requires, hops++) {
            s->x[k] += s->unit_x[i];
            if (!s->paths) break;
        }
    }
    s->n_elig = ne;
    s->n_counted = nc;
    return ub;
}

/* One subgradient step on mu towards a bound of target: the gradient for
 * a counted concept is -1 plus the knapsack's fractions of its holders;
 * components that would push mu out of [0, w] are left out. */
static void lagr_step(search *s, double ub, double target, double theta)
{
    int now = s->stamp;
    for (size_t e = 0; e < s->n_elig; e++) {
        int k = s->elig_list[e];
        if (s->x[k] == 0) continue;
        const cx_cover_item *it = &s->items[k];
        for (size_t j = 0; j < it->n_concepts; j++) {
            int c = it->concepts[j];
            if (s->mark[c] == now) s->grad[c] += s->x[k];
        }
    }
    double norm = 0;
    for (size_t q = 0; q < s->n_counted; q++) {
        int c = s->counted[q];
        double g = s->grad[c];
        if ((g < 0 && s->mu[c] >= s->w[c]) || (g > 0 && s->mu[c] <= 0)) s->grad[c] = g = 0;
        norm += g * g;
    }
    if (norm <= 0) return;
    double t = theta * (ub - target) / norm;
    for (size_t q = 0; q < s->n_counted; q++) {
        int c = s->counted[q];
        double v = s->mu[c] - t * s->grad[c];
        s->mu[c] = v < 0 ? 0 : v > s->w[c] ? s->w[c] : v;
    }
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

/* Can item i, with its chain, be added to the chosen set? */
static int addable(search *s, int i, size_t words, size_t bytes)
{
    size_t cw, cb;
    chain_cost(s, i, &cw, &cb);
    if ((s->max_words && words + cw > s->max_words) || (s->max_bytes && bytes + cb > s->max_bytes)) return 0;
    double own;
    return !conflicts_with_chosen(s, i) && chain_gain(s, i, &own) > 0;
}

/* Greedy: from the picks base (items, each with its chain), add the best
 * ratio of gain to words among the items that may be added, never item
 * banned, until none fits. Returns the value of the set found (less the
 * items that repeat the others), its picks in picks (up to 64), and leaves
 * the state as it found it. */
static double greedy(search *s, const int *base, size_t n_base, int banned, int *picks, size_t *n_picks)
{
    double value = 0;
    size_t words = 0, bytes = 0, np = 0;
    for (size_t t = 0; t < n_base && np < 64; t++)
        if (base[t] != banned && !s->in[base[t]] && addable(s, base[t], words, bytes)) {
            set_chain(s, base[t], 1, &value, &words, &bytes);
            picks[np++] = base[t];
        }
    while (np < 64) {
        int best = -1;
        double best_ratio = 0;
        for (size_t i = 0; i < s->n; i++) {
            if (s->in[i] || (int)i == banned) continue;
            size_t cw, cb;
            chain_cost(s, (int)i, &cw, &cb);
            if ((s->max_words && words + cw > s->max_words) || (s->max_bytes && bytes + cb > s->max_bytes)) continue;
            double own, g = chain_gain(s, (int)i, &own);
            if (g <= 0) continue;
            double r = (g + own) / (double)(cw ? cw : 1);
            if (best >= 0 && r <= best_ratio) continue;
            /* the checks that walk lists, only for a new best */
            int chain_banned = 0;
            for (int k = (int)i, hops = 0; k >= 0 && !s->in[k] && hops < 64; k = s->items[k].requires, hops++)
                chain_banned |= k == banned;
            if (chain_banned || conflicts_with_chosen(s, (int)i)) continue;
            best = (int)i, best_ratio = r;
        }
        if (best < 0) break;
        set_chain(s, best, 1, &value, &words, &bytes);
        picks[np++] = best;
    }
    double kept = drop_repeats(s, value);
    for (size_t t = np; t-- > 0;) set_chain(s, picks[t], 0, &value, &words, &bytes);
    *n_picks = np;
    return kept;
}

/* A value some solution reaches: greedy, then local search: drop a pick
 * and refill greedily without it, from the other picks or from nothing, or
 * put one of swap_ins in its place first. Moves are tried in turn, going on
 * from an improvement, until a whole turn improves nothing. */
static double local_search(search *s, const int *swap_ins, int swaps)
{
    int cur[64], next[64], base[65];
    size_t n_cur = 0, n_next = 0;
    double v = greedy(s, NULL, 0, -1, cur, &n_cur);
    size_t t = 0, failed = 0, tries = 0;
    int a = -2; /* -2: refill from the other picks, -1: from nothing, else swap in swap_ins[a] */
    while (n_cur && failed < n_cur * (size_t)(swaps + 2) && tries < MAX_TRIES) {
        double u = -1;
        if (a == -2) u = greedy(s, cur, n_cur, cur[t], next, &n_next);
        else if (a == -1) u = greedy(s, NULL, 0, cur[t], next, &n_next);
        else {
            int swap_in = swap_ins[a], is_pick = 0;
            for (size_t q = 0; q < n_cur; q++) is_pick |= cur[q] == swap_in;
            if (!is_pick) {
                base[0] = swap_in;
                memcpy(base + 1, cur, sizeof *cur * n_cur);
                u = greedy(s, base, n_cur + 1, cur[t], next, &n_next);
            }
        }
        tries++;
        if (u > v + 1e-9) {
            v = u;
            memcpy(cur, next, sizeof *next * n_next);
            n_cur = n_next;
            failed = 0;
        } else
            failed++;
        if (++a == swaps) a = -2, t++;
        if (t >= n_cur) t = 0;
    }
    return v;
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
    /* Items that cannot be added here leave one branch, holding the same
     * set: step over them. */
    for (; depth < s->n; depth++) {
        int i = s->order[depth];
        if (s->in[i]) continue;
        size_t cw, cb;
        chain_cost(s, i, &cw, &cb);
        if ((s->max_words && words + cw > s->max_words) || (s->max_bytes && bytes + cb > s->max_bytes)) continue;
        double own;
        if (conflicts_with_chosen(s, i) || chain_gain(s, i, &own) <= 0) continue;
        break;
    }
    if (depth >= s->n) return;
    double ub;
    if (s->paths) {
        ub = bound(s, depth, value, words);
        if (ub <= s->best_value + 1e-9 || ub < s->floor) return;
    }
    if (s->quick) goto branch;
    ub = lagr_bound(s, depth, value, words, bytes) + SLACK;
    if (ub <= s->best_value + 1e-9 || ub < s->floor) return;
    /* a step towards a bound that would have pruned here, for the nodes to come */
    lagr_step(s, ub, s->best_value > s->floor ? s->best_value : s->floor, 1.0);
branch:;
    int i = s->order[depth];
    double v = value;
    size_t w = words, b = bytes;
    set_chain(s, i, 1, &v, &w, &b);
    dfs(s, depth + 1, v, w, b);
    set_chain(s, i, 0, &v, &w, &b);
    dfs(s, depth + 1, value, words, bytes);
}

/* mu for the root: steps towards the floor, keeping the best mu met. */
static void root_mu(search *s, double *best_mu)
{
    double best_ub = 0;
    for (int step = 0; step < ROOT_STEPS; step++) {
        double ub = lagr_bound(s, 0, 0, 0, 0);
        if (step == 0 || ub < best_ub) {
            best_ub = ub;
            memcpy(best_mu, s->mu, sizeof *s->mu * s->n_concepts);
        }
        if (ub <= s->floor) break;
        lagr_step(s, ub, s->floor, step < ROOT_STEPS / 2 ? 1.0 : 0.5);
    }
    memcpy(s->mu, best_mu, sizeof *s->mu * s->n_concepts);
}

int cx_cover_solve(const cx_cover_item *items, size_t n, const double *weights, size_t n_concepts,
                   size_t max_words, size_t max_bytes, size_t node_limit, int *chosen,
                   cx_cover_result *result)
{
    return cx_cover_solve_quick(items, n, weights, n_concepts, max_words, max_bytes, node_limit,
                                CX_COVER_QUICK_NODES, chosen, result);
}

int cx_cover_solve_quick(const cx_cover_item *items, size_t n, const double *weights, size_t n_concepts,
                         size_t max_words, size_t max_bytes, size_t node_limit, size_t quick_nodes,
                         int *chosen, cx_cover_result *result)
{
    if (!node_limit) node_limit = 1000000;
    search s = {.items = items, .n = n, .w = weights, .max_words = max_words, .max_bytes = max_bytes,
                .node_limit = node_limit};
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
    s.mu = malloc(sizeof *s.mu * (n_concepts ? n_concepts : 1));
    s.grad = malloc(sizeof *s.grad * (n_concepts ? n_concepts : 1));
    double *best_mu = malloc(sizeof *best_mu * (n_concepts ? n_concepts : 1));
    s.mark = calloc(n_concepts ? n_concepts : 1, sizeof *s.mark);
    s.x = calloc(nn, sizeof *s.x);
    s.elig = calloc(nn, sizeof *s.elig);
    s.elig_list = malloc(sizeof *s.elig_list * nn);
    s.counted = malloc(sizeof *s.counted * (n_concepts ? n_concepts : 1));
    s.units = malloc(sizeof *s.units * nn);
    s.unit_x = malloc(sizeof *s.unit_x * nn);
    s.h = malloc(sizeof *s.h * nn);
    int rc = 0;
    if (!s.mu || !s.grad || !best_mu || !s.mark || !s.x || !s.elig || !s.elig_list || !s.units || !s.counted || !s.unit_x || !s.h ||
        !s.order || !s.cover || !s.in || !s.best || !s.gain || !s.ratio || !s.idx || !s.cost || !s.kept ||
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
    s.paths = 1;
    for (size_t i = 0; i < n; i++) {
        int required_by = 0;
        for (size_t j = 0; j < n; j++) required_by += items[j].requires == (int)i;
        if (required_by > 1) s.paths = 0;
    }
    /* Most instances are settled by the knapsack bound alone in a few
     * hundred nodes, sooner than the floor and mu can be set up. */
    size_t quick_used = 0;
    if (s.paths && quick_nodes) {
        s.quick = 1;
        s.node_limit = quick_nodes < node_limit ? quick_nodes : node_limit;
        dfs(&s, 0, 0, 0, 0);
        s.quick = 0;
        if (s.nodes < s.node_limit || s.node_limit == node_limit) goto done;
        quick_used = s.nodes;
        s.nodes = 0;
        s.node_limit = node_limit;
    }
    double start = s.best_value; /* a solution's value, like greedy's */
    s.best_value = 0;
    memset(s.best, 0, sizeof *s.best * n);
    /* mu first, towards greedy's value: the items the root's knapsack then
     * takes are those the local search tries to swap in */
    int picks[64];
    size_t n_picks;
    s.floor = greedy(&s, NULL, 0, -1, picks, &n_picks);
    if (start > s.floor) s.floor = start;
    for (size_t c = 0; c < n_concepts; c++) s.mu[c] = weights[c];
    root_mu(&s, best_mu);
    lagr_bound(&s, 0, 0, 0, 0);
    int swaps = 0; /* into units, free until the search starts */
    for (size_t d = 0; d < n; d++) {
        int i = s.order[d];
        if ((int)d < SWAP_IN || (s.elig[i] == s.stamp && s.x[i] > 0)) s.units[swaps++] = i;
    }
    double found = local_search(&s, s.units, swaps);
    if (found > s.floor) s.floor = found;
    s.floor -= SLACK;
    dfs(&s, 0, 0, 0, 0);
done:
    for (size_t i = 0; i < n; i++) chosen[i] = s.best[i];
    if (result) {
        result->value = s.best_value;
        result->nodes = quick_used + s.nodes;
        result->optimal = s.nodes < s.node_limit;
    }
out:
    free(s.order), free(s.cover), free(s.in), free(s.best), free(s.gain), free(s.ratio), free(s.idx), free(s.cost);
    free(s.kept), free(s.kept_cover);
    free(s.open_weight), free(s.open_count), free(s.holders_at), free(s.holders);
    free(s.mu), free(best_mu), free(s.grad), free(s.mark), free(s.x), free(s.elig), free(s.elig_list), free(s.units), free(s.counted), free(s.unit_x), free(s.h);
    return rc;
}
