/* B-cubed and pairwise scores from the contingency table of (gold, pred)
 * label pairs: with n_gp items in gold cluster g and predicted cluster p,
 * B-cubed precision = (1/N) sum n_gp^2 / |p|, recall = (1/N) sum n_gp^2 / |g|,
 * and pairs together in both = sum C(n_gp, 2). */
#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "clustereval.h"

typedef struct pair {
    int64_t a, b;
} pair;

static int cmp_pair(const void *x, const void *y)
{
    const pair *p = x, *q = y;
    if (p->a != q->a) return p->a < q->a ? -1 : 1;
    return (p->b > q->b) - (p->b < q->b);
}

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* Sizes of each label's cluster, looked up by binary search in sorted labels. */
static size_t cluster_size(const int64_t *sorted, size_t n, int64_t label)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] < label) lo = mid + 1;
        else hi = mid;
    }
    size_t start = lo;
    hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] <= label) lo = mid + 1;
        else hi = mid;
    }
    return lo - start;
}

static size_t count_distinct(const int64_t *sorted, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += i == 0 || sorted[i] != sorted[i - 1];
    return k;
}

static double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

int cx_cluster_scores_compute(const int64_t *gold, const int64_t *pred, size_t n, cx_cluster_scores *out)
{
    memset(out, 0, sizeof *out);
    if (n == 0) return 0;
    if (!gold || !pred) return CHORUS_EINVAL;
    pair *cells = malloc(n * sizeof *cells);
    int64_t *g = malloc(n * sizeof *g), *p = malloc(n * sizeof *p);
    if (!cells || !g || !p) {
        free(cells);
        free(g);
        free(p);
        return CHORUS_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        cells[i] = (pair){gold[i], pred[i]};
        g[i] = gold[i];
        p[i] = pred[i];
    }
    qsort(cells, n, sizeof *cells, cmp_pair);
    qsort(g, n, sizeof *g, cmp_i64);
    qsort(p, n, sizeof *p, cmp_i64);
    double bp = 0, br = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && cells[j].a == cells[i].a && cells[j].b == cells[i].b) j++;
        double m = (double)(j - i);
        bp += m * m / (double)cluster_size(p, n, cells[i].b);
        br += m * m / (double)cluster_size(g, n, cells[i].a);
        out->pairs_both += (uint64_t)(j - i) * (j - i - 1) / 2;
        i = j;
    }
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && g[j] == g[i]) j++;
        out->pairs_gold += (uint64_t)(j - i) * (j - i - 1) / 2;
        i = j;
    }
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && p[j] == p[i]) j++;
        out->pairs_pred += (uint64_t)(j - i) * (j - i - 1) / 2;
        i = j;
    }
    out->items = n;
    out->gold_clusters = count_distinct(g, n);
    out->pred_clusters = count_distinct(p, n);
    out->bcubed_p = bp / (double)n;
    out->bcubed_r = br / (double)n;
    out->bcubed_f = f1(out->bcubed_p, out->bcubed_r);
    /* No pair predicted together: nothing was claimed wrongly, precision 1. */
    out->pair_p = out->pairs_pred ? (double)out->pairs_both / (double)out->pairs_pred : 1.0;
    out->pair_r = out->pairs_gold ? (double)out->pairs_both / (double)out->pairs_gold : 1.0;
    out->pair_f = f1(out->pair_p, out->pair_r);
    free(cells);
    free(g);
    free(p);
    return 0;
}
