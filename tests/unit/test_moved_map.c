/* Where consolidation moved articles, kept for the near-copy index's
 * lifetime only: pruning forgets exactly the keys below the bound, answers
 * every kept key as before, keeps the layout the engine snapshot accepts,
 * and the near-copy index names the smallest key it can still answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "minhash.h"
#include "moved_map.h"

/* What snapshot loading checks of a table (engine_snapshot.c). */
static void assert_snapshot_layout(const cx_moved_map *m)
{
    if (!m->cap) return;
    assert_int_equal(m->cap & (m->cap - 1), 0);
    assert_true(m->n <= m->cap / 2 + 1);
    assert_true(m->cap <= 1024 || m->cap <= 4 * (m->n + 1));
    size_t n = 0;
    for (size_t i = 0; i < m->cap; i++) n += m->key[i] >= 0;
    assert_int_equal(n, m->n);
}

/* The story test_prune_keeps_recent gave key j before key k was set: j * 3,
 * and j * 3 + 1 once set again (keys 5, 10, ... ten keys later). */
static int64_t expected(int64_t j, int64_t k) { return j * 3 + (j % 5 == 0 && j > 0 && j + 10 < k); }

/* Keys arrive as a feed's do (increasing, some moved twice); whenever the
 * table is full the keys older than a sliding bound are pruned, as
 * consolidation does with the near-copy index's smallest key. */
static void test_prune_keeps_recent(void **state)
{
    (void)state;
    cx_moved_map m = {0};
    const int64_t n_keys = 200000, live = 20000;
    int prunes_that_shrank = 0;
    for (int64_t k = 0; k < n_keys; k++) {
        int64_t bound = k > live ? k - live : 0;
        if (cx_moved_map_full(&m)) {
            size_t before = m.cap;
            assert_int_equal(cx_moved_map_prune(&m, bound), 0);
            assert_snapshot_layout(&m);
            if (m.cap <= before && m.n < before / 2) prunes_that_shrank++;
            for (int64_t j = bound; j < k; j += 97) assert_int_equal(cx_moved_map_get(&m, j), expected(j, k));
        }
        assert_int_equal(cx_moved_map_set(&m, k, k * 3), 0);
        if (k % 5 == 0 && k > 10) assert_int_equal(cx_moved_map_set(&m, k - 10, (k - 10) * 3 + 1), 0);
    }
    assert_true(prunes_that_shrank > 0);
    /* bounded by the live keys, not by every key ever set */
    assert_true(m.cap <= 8 * (size_t)live);
    assert_snapshot_layout(&m);
    for (int64_t j = n_keys - live; j < n_keys; j++) assert_int_equal(cx_moved_map_get(&m, j), expected(j, n_keys));
    cx_moved_map_free(&m);
}

/* A prune that would leave the table nearly full again does nothing: the
 * next set doubles the table as it always did. */
static void test_prune_without_room_waits(void **state)
{
    (void)state;
    cx_moved_map m = {0};
    assert_true(cx_moved_map_full(&m)); /* the empty table grows on the first set */
    assert_int_equal(cx_moved_map_set(&m, 0, 0), 0);
    int64_t k = 1;
    while (!cx_moved_map_full(&m)) assert_int_equal(cx_moved_map_set(&m, k, k), 0), k++;
    size_t cap = m.cap, n = m.n;
    assert_int_equal(cx_moved_map_prune(&m, 1), 0); /* drops one key only */
    assert_int_equal(m.cap, cap);
    assert_int_equal(m.n, n);
    assert_int_equal(cx_moved_map_set(&m, k, k), 0);
    assert_int_equal(m.cap, 2 * cap);
    assert_snapshot_layout(&m);
    assert_int_equal(cx_moved_map_get(&m, 0), 0);
    /* dropping everything empties the table */
    assert_int_equal(cx_moved_map_prune(&m, INT64_MAX), 0);
    assert_int_equal(m.n, 0);
    assert_int_equal(cx_moved_map_get(&m, k), -1);
    assert_snapshot_layout(&m);
    cx_moved_map_free(&m);
}

/* The smallest live key: near-copies carry their original's key, which
 * stays live after the original's own entry has left the ring. */
static void test_lsh_min_key(void **state)
{
    (void)state;
    cx_lsh *l = cx_lsh_new(16);
    assert_non_null(l);
    assert_true(cx_lsh_min_key(l) == INT64_MAX);
    cx_minhash sig;
    cx_minhash_init(&sig);
    cx_minhash_add(&sig, 42);
    for (int64_t k = 100; k < 140; k++) {
        /* every fourth entry is a near-copy of key 7 */
        assert_int_equal(cx_lsh_insert(l, &sig, k % 4 == 0 ? 7 : k, 0, INT64_MIN), 0);
    }
    assert_int_equal(cx_lsh_min_key(l), 7);
    for (int64_t k = 200; k < 216; k++) assert_int_equal(cx_lsh_insert(l, &sig, k, 0, INT64_MIN), 0);
    assert_int_equal(cx_lsh_min_key(l), 200);
    cx_lsh_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prune_keeps_recent),
        cmocka_unit_test(test_prune_without_room_waits),
        cmocka_unit_test(test_lsh_min_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
