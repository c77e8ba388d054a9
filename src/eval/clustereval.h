/* Scores of a clustering against gold clusters: B-cubed (Bagga and Baldwin
 * 1998: per-item precision and recall averaged over items) and pairwise
 * (over all pairs of items put together) precision, recall and F1. */
#ifndef CHORUS_CLUSTEREVAL_H
#define CHORUS_CLUSTEREVAL_H

#include <stddef.h>
#include <stdint.h>

typedef struct cx_cluster_scores {
    size_t items;
    size_t gold_clusters, pred_clusters;
    double bcubed_p, bcubed_r, bcubed_f;
    double pair_p, pair_r, pair_f;
    uint64_t pairs_both, pairs_gold, pairs_pred; /* pairs together in both / gold / pred */
} cx_cluster_scores;

/* gold[i] and pred[i] are the cluster labels (any integers) of item i. */
int cx_cluster_scores_compute(const int64_t *gold, const int64_t *pred, size_t n, cx_cluster_scores *out);

#endif
