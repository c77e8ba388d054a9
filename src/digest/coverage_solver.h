/* Exact solver for budgeted concept coverage: choose items (sentences) to
 * maximize the total weight of the concepts they cover, each concept counted
 * once, under a word budget and a byte budget, where an item may require
 * another (its antecedent). This is the integer program of Gillick and Favre
 * (2009); a branch and bound specialised to it solves these instances in well
 * under a millisecond, where a general MIP solver takes tens.
 *
 * An item may also bring a value of its own (`own`, counted when it is
 * chosen, e.g. for its words). Every chosen item must then cover a concept no
 * other chosen item covers, unless a chosen item requires it: own value never
 * buys a sentence that repeats the others. With no own values this changes
 * nothing (dropping an item that repeats the others never lowers coverage).
 *
 * Conflicting pairs (two sentences that say the same thing in other words,
 * which shared concepts alone do not see) are never chosen together; the
 * search is exact for the problem with these constraints. */
#ifndef CHORUS_COVERAGE_SOLVER_H
#define CHORUS_COVERAGE_SOLVER_H

#include <stddef.h>

typedef struct cx_cover_item {
    size_t words, bytes;
    const int *concepts; /* indices into the weight array, unique */
    size_t n_concepts;
    int requires;        /* index of an item that must also be chosen, or -1 */
    double own;          /* value of the item by itself, >= 0 */
    const int *conflicts; /* items that may not be chosen together with this one */
    size_t n_conflicts;
} cx_cover_item;

typedef struct cx_cover_result {
    double value;     /* total weight covered, plus the chosen items' own values */
    int optimal;      /* 1 when proven optimal, 0 when the node limit stopped the search */
    size_t nodes;     /* branch-and-bound nodes explored */
} cx_cover_result;

/* chosen[i] is set to 1 for the chosen items. Budgets of 0 mean no limit.
 * Returns 0, or CHORUS_ENOMEM. */
int cx_cover_solve(const cx_cover_item *items, size_t n, const double *weights, size_t n_concepts,
                   size_t max_words, size_t max_bytes, size_t node_limit, int *chosen,
                   cx_cover_result *result);

/* Nodes of the first, short search with the knapsack bound alone: it settles
 * most instances before the Lagrangian bound and the floor are set up. */
#define CX_COVER_QUICK_NODES 1500

/* cx_cover_solve with the first search given quick_nodes nodes (0: none). */
int cx_cover_solve_quick(const cx_cover_item *items, size_t n, const double *weights, size_t n_concepts,
                         size_t max_words, size_t max_bytes, size_t node_limit, size_t quick_nodes,
                         int *chosen, cx_cover_result *result);

#endif
