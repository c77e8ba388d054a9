/* Cluster scores on a hand-made example whose B-cubed and pairwise values
 * are worked out below. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "clustereval.h"

/* Items 0..5. Gold: {0,1,2} {3,4} {5}. Predicted: {0,1} {2,3,4,5}.
 *
 * B-cubed precision per item = |pred ∩ gold| / |pred|:
 *   0: 2/2, 1: 2/2, 2: 1/4, 3: 2/4, 4: 2/4, 5: 1/4  -> sum 7/2, P = 7/12 = 0.583333
 * B-cubed recall per item = |pred ∩ gold| / |gold|:
 *   0: 2/3, 1: 2/3, 2: 1/3, 3: 2/2, 4: 2/2, 5: 1/1 -> sum 14/3, R = 14/18 = 0.777778
 * F1 = 2PR/(P+R) = 2 * (7/12) * (7/9) / (7/12 + 7/9) = (49/54) / (49/36) = 2/3
 *
 * Pairs together in gold: C(3,2) + C(2,2) = 4; in pred: C(2,2) + C(4,2) = 7;
 * in both: {0,1} and {3,4} = 2. Pairwise P = 2/7, R = 2/4, F1 = 2*(2/7)(1/2)/(2/7+1/2) = 4/11. */
static void test_hand_made(void **state)
{
    (void)state;
    const int64_t gold[] = {7, 7, 7, 3, 3, 9};
    const int64_t pred[] = {1, 1, 2, 2, 2, 2};
    cx_cluster_scores s;
    assert_int_equal(cx_cluster_scores_compute(gold, pred, 6, &s), 0);
    assert_int_equal(s.items, 6);
    assert_int_equal(s.gold_clusters, 3);
    assert_int_equal(s.pred_clusters, 2);
    assert_float_equal(s.bcubed_p, 7.0 / 12.0, 1e-12);
    assert_float_equal(s.bcubed_r, 14.0 / 18.0, 1e-12);
    assert_float_equal(s.bcubed_f, 2.0 / 3.0, 1e-12);
    assert_int_equal(s.pairs_gold, 4);
    assert_int_equal(s.pairs_pred, 7);
    assert_int_equal(s.pairs_both, 2);
    assert_float_equal(s.pair_p, 2.0 / 7.0, 1e-12);
    assert_float_equal(s.pair_r, 0.5, 1e-12);
    assert_float_equal(s.pair_f, 4.0 / 11.0, 1e-12);
}

/* Perfect and all-singleton predictions: the edge values. */
static void test_edges(void **state)
{
    (void)state;
    const int64_t gold[] = {1, 1, 2, 2};
    const int64_t same[] = {5, 5, 6, 6};
    const int64_t alone[] = {1, 2, 3, 4};
    cx_cluster_scores s;
    assert_int_equal(cx_cluster_scores_compute(gold, same, 4, &s), 0);
    assert_float_equal(s.bcubed_f, 1.0, 1e-12);
    assert_float_equal(s.pair_f, 1.0, 1e-12);
    assert_int_equal(cx_cluster_scores_compute(gold, alone, 4, &s), 0);
    assert_float_equal(s.bcubed_p, 1.0, 1e-12);
    assert_float_equal(s.bcubed_r, 0.5, 1e-12);
    assert_float_equal(s.pair_r, 0.0, 1e-12);
    assert_float_equal(s.pair_f, 0.0, 1e-12);
    assert_int_equal(cx_cluster_scores_compute(gold, same, 0, &s), 0);
    assert_int_equal(s.items, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_hand_made), cmocka_unit_test(test_edges)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
