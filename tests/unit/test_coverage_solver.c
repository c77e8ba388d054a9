/* The coverage solver against plain enumeration on small random instances:
 * its value is the best over every allowed set (budgets, required items,
 * conflicts, no item that repeats the others), and the set it picks is the
 * one an exhaustive search in the solver's order picks, so its bounds and its
 * starting solution change neither the value nor how ties are broken. Each
 * instance is solved twice: as the summarizer calls the solver (small
 * instances end in the first, short search) and with the Lagrangian bound
 * and the floor from the start.
 * Instances are built like news clusters (many items sharing a core of
 * concepts, copies of the same item) so that the bounds have work to do;
 * weights and own values are multiples of 1/4, so sums are exact and ties
 * are real ties. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "coverage_solver.h"

#define MAX_ITEMS 24
#define MAX_CONCEPTS 64

typedef struct {
    size_t n, k, max_words, max_bytes;
    cx_cover_item it[MAX_ITEMS];
    int concepts[MAX_ITEMS][MAX_CONCEPTS];
    int conflicts[MAX_ITEMS][MAX_ITEMS];
    double w[MAX_CONCEPTS];
} instance;

/* Value of a set: each concept it covers once, plus its items' own values. */
static double set_value(const instance *p, const int *in)
{
    int cov[MAX_CONCEPTS] = {0};
    double v = 0;
    for (size_t j = 0; j < p->n; j++)
        if (in[j]) {
            v += p->it[j].own;
            for (size_t c = 0; c < p->it[j].n_concepts; c++)
                if (!cov[p->it[j].concepts[c]]++) v += p->w[p->it[j].concepts[c]];
        }
    return v;
}

/* Is the set allowed: within budgets, required items in, no conflicting
 * pair, and every item needed (it alone covers a concept, or an item of the
 * set requires it)? */
static int allowed(const instance *p, const int *in)
{
    size_t words = 0, bytes = 0;
    int cov[MAX_CONCEPTS] = {0};
    for (size_t j = 0; j < p->n; j++) {
        if (!in[j]) continue;
        words += p->it[j].words, bytes += p->it[j].bytes;
        if (p->it[j].requires >= 0 && !in[p->it[j].requires]) return 0;
        for (size_t q = 0; q < p->it[j].n_conflicts; q++)
            if (in[p->it[j].conflicts[q]]) return 0;
        for (size_t c = 0; c < p->it[j].n_concepts; c++) cov[p->it[j].concepts[c]]++;
    }
    if ((p->max_words && words > p->max_words) || (p->max_bytes && bytes > p->max_bytes)) return 0;
    for (size_t j = 0; j < p->n; j++) {
        if (!in[j]) continue;
        int needed = 0;
        for (size_t c = 0; c < p->it[j].n_concepts; c++) needed |= cov[p->it[j].concepts[c]] == 1;
        for (size_t q = 0; q < p->n; q++) needed |= in[q] && p->it[q].requires == (int)j;
        if (!needed) return 0;
    }
    return 1;
}

static double brute_force_best(const instance *p)
{
    double best = 0;
    int in[MAX_ITEMS];
    for (unsigned long m = 0; m < 1ul << p->n; m++) {
        for (size_t j = 0; j < p->n; j++) in[j] = (int)(m >> j & 1);
        if (allowed(p, in)) {
            double v = set_value(p, in);
            if (v > best) best = v;
        }
    }
    return best;
}

/* Exhaustive search in the solver's order, with the solver's rules and no
 * bounds: items by decreasing (own + weight) per word, index breaking ties;
 * at each item, in before out; an item comes in with its chain when that
 * fits, conflicts with nothing chosen and covers something new; a set is
 * recorded, less the items that repeat the others, when it beats the best so
 * far by more than 1e-9. */
typedef struct {
    const instance *p;
    int order[MAX_ITEMS], in[MAX_ITEMS], best[MAX_ITEMS];
    double best_value;
} reference;

static void drop_repeats(const instance *p, const int *in, int *kept)
{
    int cov[MAX_CONCEPTS] = {0};
    for (size_t j = 0; j < p->n; j++) {
        kept[j] = in[j] != 0;
        if (kept[j])
            for (size_t c = 0; c < p->it[j].n_concepts; c++) cov[p->it[j].concepts[c]]++;
    }
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t j = 0; j < p->n; j++) {
            if (!kept[j]) continue;
            int needed = 0;
            for (size_t c = 0; c < p->it[j].n_concepts; c++) needed |= cov[p->it[j].concepts[c]] == 1;
            for (size_t q = 0; q < p->n; q++) needed |= kept[q] && p->it[q].requires == (int)j;
            if (needed) continue;
            kept[j] = 0;
            for (size_t c = 0; c < p->it[j].n_concepts; c++) cov[p->it[j].concepts[c]]--;
            changed = 1;
        }
    }
}

static void reference_search(reference *r, size_t depth)
{
    const instance *p = r->p;
    double value = set_value(p, r->in);
    if (value > r->best_value + 1e-9) {
        int kept[MAX_ITEMS];
        drop_repeats(p, r->in, kept);
        double kv = set_value(p, kept);
        if (kv > r->best_value + 1e-9) {
            r->best_value = kv;
            memcpy(r->best, kept, sizeof kept);
        }
    }
    if (depth == p->n) return;
    int i = r->order[depth];
    if (!r->in[i]) {
        int chain[MAX_ITEMS], nc = 0;
        for (int k = i; k >= 0 && !r->in[k]; k = p->it[k].requires) chain[nc++] = k;
        int with[MAX_ITEMS];
        memcpy(with, r->in, sizeof with);
        int ok = 1;
        for (int c = 0; c < nc; c++)
            for (size_t q = 0; q < p->it[chain[c]].n_conflicts; q++) ok &= !r->in[p->it[chain[c]].conflicts[q]];
        for (int c = 0; c < nc; c++) with[chain[c]] = 1;
        size_t words = 0, bytes = 0;
        for (size_t j = 0; j < p->n; j++)
            if (with[j]) words += p->it[j].words, bytes += p->it[j].bytes;
        ok &= (!p->max_words || words <= p->max_words) && (!p->max_bytes || bytes <= p->max_bytes);
        if (ok) { /* covers a concept nothing chosen covers (own values alone do not count) */
            int cov[MAX_CONCEPTS] = {0}, fresh = 0;
            for (size_t j = 0; j < p->n; j++)
                if (r->in[j])
                    for (size_t c = 0; c < p->it[j].n_concepts; c++) cov[p->it[j].concepts[c]] = 1;
            for (int c = 0; c < nc; c++)
                for (size_t q = 0; q < p->it[chain[c]].n_concepts; q++) fresh |= !cov[p->it[chain[c]].concepts[q]];
            ok = fresh;
        }
        if (ok) {
            for (int c = 0; c < nc; c++) r->in[chain[c]] = 1;
            reference_search(r, depth + 1);
            for (int c = 0; c < nc; c++) r->in[chain[c]] = 0;
        }
    }
    reference_search(r, depth + 1);
}

static void reference_solve(const instance *p, int *chosen, double *value)
{
    reference r = {.p = p};
    double ratio[MAX_ITEMS];
    for (size_t j = 0; j < p->n; j++) {
        double g = p->it[j].own;
        for (size_t c = 0; c < p->it[j].n_concepts; c++) g += p->w[p->it[j].concepts[c]];
        ratio[j] = g / (double)(p->it[j].words ? p->it[j].words : 1);
        r.order[j] = (int)j;
    }
    for (size_t a = 1; a < p->n; a++) /* insertion sort: stable, so index breaks ties */
        for (size_t b = a; b > 0 && ratio[r.order[b]] > ratio[r.order[b - 1]]; b--) {
            int t = r.order[b];
            r.order[b] = r.order[b - 1], r.order[b - 1] = t;
        }
    reference_search(&r, 0);
    memcpy(chosen, r.best, sizeof *chosen * p->n);
    *value = r.best_value;
}

static int rnd(int n) { return rand() % n; }

/* A news-like instance: a core of heavy concepts most items share, a tail of
 * light ones; some items copies of others (the same sentence in two
 * articles); some items leaning on the one before; a few conflicting pairs.
 * With branching set, some items are required by two others. */
static void make_instance(instance *p, size_t n, int branching)
{
    memset(p, 0, sizeof *p);
    p->n = n;
    p->k = 12 + (size_t)rnd(MAX_CONCEPTS - 12);
    size_t core = 3 + (size_t)rnd(6);
    for (size_t c = 0; c < p->k; c++) p->w[c] = c < core ? 4 + 0.25 * rnd(32) : 0.25 * (1 + rnd(12));
    for (size_t j = 0; j < n; j++) {
        cx_cover_item *it = &p->it[j];
        it->concepts = p->concepts[j];
        it->conflicts = p->conflicts[j];
        it->requires = -1;
        if (j > 0 && rnd(4) == 0) { /* a copy of an earlier item */
            size_t src = (size_t)rnd((int)j);
            memcpy(p->concepts[j], p->concepts[src], sizeof p->concepts[j]);
            it->n_concepts = p->it[src].n_concepts;
            it->words = p->it[src].words;
        } else {
            size_t m = 0;
            for (size_t c = 0; c < p->k; c++)
                if (rnd(100) < (c < core ? 55 : 12)) p->concepts[j][m++] = (int)c;
            if (!m) p->concepts[j][m++] = rnd((int)p->k);
            it->n_concepts = m;
            it->words = 4 + (size_t)rnd(20);
        }
        it->bytes = it->words * 5 + (size_t)rnd(9);
        it->own = rnd(2) ? 0.25 * (double)rnd(3) * (double)it->words / 4 : 0;
        if (j > 0 && rnd(6) == 0) it->requires = (int)j - 1;
        if (branching && j > 1 && rnd(5) == 0) it->requires = (int)j - 2;
    }
    /* symmetric conflicts, never between an item and the one it requires */
    for (int t = rnd(4); t > 0; t--) {
        int a = rnd((int)n), b = rnd((int)n);
        if (a == b || p->it[a].requires == b || p->it[b].requires == a) continue;
        int dup = 0;
        for (size_t q = 0; q < p->it[a].n_conflicts; q++) dup |= p->it[a].conflicts[q] == b;
        if (dup) continue;
        p->conflicts[a][p->it[a].n_conflicts++] = b;
        p->conflicts[b][p->it[b].n_conflicts++] = a;
    }
    p->max_words = 15 + (size_t)rnd(50);
    p->max_bytes = rnd(3) ? 0 : p->max_words * 5;
}

static void check_chosen(const instance *p, const int *chosen, const cx_cover_result *res)
{
    assert_true(res->optimal);
    assert_true(allowed(p, chosen));
    assert_float_equal(set_value(p, chosen), res->value, 1e-9);
}

static void solver_matches_enumeration(void **state)
{
    (void)state;
    srand(2026);
    for (int trial = 0; trial < 300; trial++) {
        instance p;
        make_instance(&p, 6 + (size_t)rnd(9), trial % 5 == 4);
        double best = brute_force_best(&p);
        for (size_t quick = 0; quick <= CX_COVER_QUICK_NODES; quick += CX_COVER_QUICK_NODES) {
            int chosen[MAX_ITEMS];
            cx_cover_result res;
            assert_int_equal(cx_cover_solve_quick(p.it, p.n, p.w, p.k, p.max_words, p.max_bytes, 0, quick, chosen, &res), 0);
            check_chosen(&p, chosen, &res);
            assert_float_equal(res.value, best, 1e-9);
        }
    }
}

/* The same set as the exhaustive search in the solver's order, ties included
 * (copies of an item make many), on instances too big to enumerate subsets. */
static void solver_breaks_ties_like_exhaustive_search(void **state)
{
    (void)state;
    srand(77);
    size_t ties = 0;
    for (int trial = 0; trial < 120; trial++) {
        instance p;
        make_instance(&p, 14 + (size_t)rnd(MAX_ITEMS - 14 + 1), 0);
        int chosen[MAX_ITEMS], expected[MAX_ITEMS];
        double expected_value;
        reference_solve(&p, expected, &expected_value);
        for (size_t quick = 0; quick <= CX_COVER_QUICK_NODES; quick += CX_COVER_QUICK_NODES) {
            cx_cover_result res;
            assert_int_equal(cx_cover_solve_quick(p.it, p.n, p.w, p.k, p.max_words, p.max_bytes, 0, quick, chosen, &res), 0);
            check_chosen(&p, chosen, &res);
            assert_float_equal(res.value, expected_value, 1e-9);
            for (size_t j = 0; j < p.n; j++) assert_int_equal(chosen[j], expected[j]);
        }
        /* count instances where another set reaches the same value: the
         * test only means something if ties happen */
        for (size_t j = 0; j < p.n; j++)
            for (size_t q = j + 1; q < p.n; q++)
                if (chosen[j] && !chosen[q] && p.it[j].words == p.it[q].words &&
                    p.it[j].n_concepts == p.it[q].n_concepts && p.it[j].own == p.it[q].own &&
                    !memcmp(p.concepts[j], p.concepts[q], sizeof(int) * p.it[j].n_concepts))
                    ties++;
    }
    assert_true(ties > 10);
}

/* A budget nothing fits in, no items, no concepts: an empty answer. */
static void solver_handles_empty_cases(void **state)
{
    (void)state;
    double w[1] = {1};
    int concepts[1] = {0}, chosen[2] = {1, 1};
    cx_cover_item it[1] = {{.words = 10, .bytes = 50, .concepts = concepts, .n_concepts = 1, .requires = -1}};
    cx_cover_result res;
    assert_int_equal(cx_cover_solve(it, 1, w, 1, 5, 0, 0, chosen, &res), 0);
    assert_int_equal(chosen[0], 0);
    assert_float_equal(res.value, 0, 0);
    assert_int_equal(cx_cover_solve(NULL, 0, NULL, 0, 100, 0, 0, chosen, &res), 0);
    assert_float_equal(res.value, 0, 0);
    assert_int_equal(cx_cover_solve(it, 1, w, 1, 0, 0, 0, chosen, &res), 0); /* no budget */
    assert_int_equal(chosen[0], 1);
    assert_float_equal(res.value, 1, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(solver_matches_enumeration),
        cmocka_unit_test(solver_breaks_ties_like_exhaustive_search),
        cmocka_unit_test(solver_handles_empty_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
