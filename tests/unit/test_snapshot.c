/* Engine snapshots: an engine loaded from a snapshot decides exactly as the
 * one that was saved (and as one rebuilt by replaying the store), a store
 * reopened after an ingest loads its snapshot, and a snapshot that is
 * stale, damaged, cut short or missing is replaced by a replay. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "shared_data.h"

#include "temp_store.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chorus.h"
#include "cluster.h"
#include "engine_snapshot.h"
#include "store.h"
#include "util.h"

#define DEV_FEED CHORUS_SHARED_DIR "/data/duc2007-stream/articles.jsonl"

static int by_time(const void *x, const void *y)
{
    const chorus_article *a = x, *b = y;
    if (a->published_unix != b->published_unix) return a->published_unix < b->published_unix ? -1 : 1;
    return strcmp(a->id, b->id);
}

static void read_feed(chorus_corpus *c)
{
    chorus_corpus_init(c);
    chorus_error err = {0};
    REQUIRE_SHARED(DEV_FEED);
    int n = chorus_read_path(c, DEV_FEED, &err);
    if (n <= 0) fail_msg("test data missing: %s (%s)", DEV_FEED, err.message);
    qsort(c->articles, c->n_articles, sizeof *c->articles, by_time);
    assert_true(c->n_articles > 1000);
}

/* ---- the engine alone ------------------------------------------------------------- */

/* Small rings and windows, so that a few hundred articles wrap the
 * near-duplicate index and the consolidation window and close stories. */
static void small_params(cx_cluster_params *p)
{
    cx_cluster_params_default(p);
    p->dup_capacity = 64;
    p->window_articles = 120;
    p->consolidate_every = 50;
    p->max_open_stories = 40;
    p->max_closed_stories = 60;
    p->window_seconds = 5 * 86400;
}

/* Feed articles [from, to) and consolidate every consolidate_every keys;
 * appends one line per decision and per consolidation to log. */
static void run(cx_clusterer *cl, const chorus_corpus *c, size_t from, size_t to, cx_buf *log)
{
    cx_cluster_params p;
    small_params(&p);
    for (size_t i = from; i < to; i++) {
        cx_features *f = NULL;
        assert_int_equal(cx_features_from_article(cl, &c->articles[i], &f), 0);
        cx_assignment as;
        assert_int_equal(cx_clusterer_add(cl, (int64_t)i, f, &as), 0);
        cx_features_free(f);
        cx_buf_printf(log, "%zu %lld %lld %d %zu %.17g\n", i, (long long)as.story, (long long)as.duplicate_of,
                      as.new_story, as.n_merged, as.similarity);
        if ((i + 1) % p.consolidate_every == 0) {
            cx_consolidation g;
            assert_int_equal(cx_clusterer_consolidate(cl, &g), 0);
            for (size_t m = 0; m < g.n_moves; m++)
                cx_buf_printf(log, "move %lld %lld %lld\n", (long long)g.moves[m].key,
                              (long long)g.moves[m].from, (long long)g.moves[m].to);
            for (size_t m = 0; m < g.n_created; m++) cx_buf_printf(log, "new %lld\n", (long long)g.created[m]);
            cx_consolidation_free(&g);
        }
    }
}

static cx_clusterer *reload(const cx_clusterer *cl, int64_t value)
{
    cx_cluster_params p;
    small_params(&p);
    unsigned char *bytes;
    size_t len;
    assert_int_equal(cx_engine_snapshot_save(cl, value, &bytes, &len), 0);
    cx_clusterer *back = NULL;
    int64_t got = 0;
    assert_int_equal(cx_engine_snapshot_load(bytes, len, &p, &back, &got), 0);
    assert_int_equal(got, value);
    /* Saving the loaded engine gives the same bytes: nothing was lost. */
    unsigned char *again;
    size_t len2;
    assert_int_equal(cx_engine_snapshot_save(back, value, &again, &len2), 0);
    assert_int_equal(len, len2);
    assert_memory_equal(bytes, again, len);
    free(bytes);
    free(again);
    return back;
}

static void engine_continues_exactly(void **state)
{
    (void)state;
    chorus_corpus c;
    read_feed(&c);
    size_t n = c.n_articles;
    cx_cluster_params p;
    small_params(&p);

    cx_clusterer *whole = cx_clusterer_new(&p);
    cx_buf ref;
    cx_buf_init(&ref);
    run(whole, &c, 0, n, &ref);

    /* The same stream, saved and loaded at points that are not consolidation
     * points, and at one that is. */
    size_t cuts[] = {0, 333, 700, 850, n};
    cx_clusterer *cl = cx_clusterer_new(&p);
    cx_buf got;
    cx_buf_init(&got);
    for (int k = 0; k < 4; k++) {
        run(cl, &c, cuts[k], cuts[k + 1], &got);
        cx_clusterer *back = reload(cl, (int64_t)cuts[k + 1]);
        cx_clusterer_free(cl);
        cl = back;
    }
    assert_true(ref.len > 10000);
    assert_non_null(strstr(ref.data, "move ")); /* consolidation moved articles */
    assert_string_equal(ref.data, got.data);
    assert_true(cx_clusterer_last_story(cl) == cx_clusterer_last_story(whole));

    /* Both end in the same state, byte for byte. */
    unsigned char *a, *b;
    size_t la, lb;
    assert_int_equal(cx_engine_snapshot_save(whole, 0, &a, &la), 0);
    assert_int_equal(cx_engine_snapshot_save(cl, 0, &b, &lb), 0);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    free(a);
    free(b);
    cx_buf_free(&ref);
    cx_buf_free(&got);
    cx_clusterer_free(whole);
    cx_clusterer_free(cl);
    chorus_corpus_free(&c);
}

/* Every cut and many damaged bytes: refused (cuts always) or loaded, never
 * a crash or a hang (the sanitizer build runs this too). */
static void damaged_bytes_are_refused(void **state)
{
    (void)state;
    chorus_corpus c;
    read_feed(&c);
    cx_cluster_params p;
    small_params(&p);
    cx_clusterer *cl = cx_clusterer_new(&p);
    cx_buf log;
    cx_buf_init(&log);
    run(cl, &c, 0, 420, &log);
    unsigned char *bytes;
    size_t len;
    assert_int_equal(cx_engine_snapshot_save(cl, 7, &bytes, &len), 0);
    cx_clusterer *back = NULL;
    int64_t value = 0;
    for (size_t cut = 0; cut < len; cut += 1 + cut / 16) {
        assert_int_equal(cx_engine_snapshot_load(bytes, cut, &p, &back, &value), CHORUS_EFORMAT);
        assert_null(back);
    }
    /* Other parameters: refused. */
    cx_cluster_params other = p;
    other.join_threshold += 0.01;
    assert_int_equal(cx_engine_snapshot_load(bytes, len, &other, &back, &value), CHORUS_EFORMAT);
    /* Damaged bytes: counts, ids and lengths are all checked. */
    size_t loaded = 0, refused = 0;
    unsigned char *bad = malloc(len);
    for (size_t at = 0; at < len; at += 1 + at / 64) {
        for (int pattern = 0; pattern < 3; pattern++) {
            memcpy(bad, bytes, len);
            bad[at] ^= pattern == 0 ? 0x01 : pattern == 1 ? 0x80 : 0xff;
            if (cx_engine_snapshot_load(bad, len, &p, &back, &value) == 0) {
                /* Whatever loaded must still decide without crashing. */
                for (size_t i = 420; i < 425; i++) {
                    cx_features *f = NULL;
                    assert_int_equal(cx_features_from_article(back, &c.articles[i], &f), 0);
                    cx_assignment as;
                    cx_clusterer_add(back, (int64_t)i, f, &as);
                    cx_features_free(f);
                }
                cx_consolidation g;
                if (cx_clusterer_consolidate(back, &g) == 0) cx_consolidation_free(&g);
                cx_clusterer_free(back);
                back = NULL;
                loaded++;
            } else {
                assert_null(back);
                refused++;
            }
        }
    }
    assert_true(refused > 0);
    assert_true(loaded > 0); /* e.g. a centroid weight changed: still a consistent engine */
    free(bad);
    free(bytes);
    cx_buf_free(&log);
    cx_clusterer_free(cl);
    chorus_corpus_free(&c);
}

/* ---- the store ---------------------------------------------------------------------- */

static void sql_exec(const char *db, const char *sql)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) fail_msg("%s: %s", sql, msg);
    sqlite3_close(h);
}

/* Rows of a query as text, one line each. */
static char *rows(const char *db, const char *sql)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) fail_msg("%s: %s", sql, sqlite3_errmsg(h));
    cx_buf out;
    cx_buf_init(&out);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            const unsigned char *v = sqlite3_column_text(st, i);
            cx_buf_printf(&out, "%s%s", i ? "|" : "", v ? (const char *)v : "NULL");
        }
        cx_buf_putc(&out, '\n');
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    if (!out.data) cx_buf_puts(&out, "");
    return cx_buf_take(&out);
}

/* Everything decided, without ingest times: every article's story and
 * original, every story's statistics, outlets, merges, consolidations. */
static char *everything(const char *db)
{
    static const char *const q[] = {
        "SELECT id, ext_id, assigned_story, duplicate_of, similarity FROM articles ORDER BY id",
        "SELECT article_id, story_id, published, is_copy, source FROM story_members ORDER BY article_id",
        "SELECT id, title, first_seen, last_seen, size, n_duplicates, n_outlets, merged_into FROM stories"
        " ORDER BY id",
        "SELECT story_id, source, n FROM story_outlets ORDER BY 1, 2",
        "SELECT id, from_story, into_story, at_article FROM story_merges ORDER BY id",
        "SELECT id, after_article, moved FROM consolidations ORDER BY id",
    };
    cx_buf all;
    cx_buf_init(&all);
    for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
        char *r = rows(db, q[i]);
        cx_buf_printf(&all, "-- %s\n%s", q[i], r);
        free(r);
    }
    return cx_buf_take(&all);
}

static long long sql_count(const char *db, const char *sql)
{
    char *r = rows(db, sql);
    long long v = atoll(r);
    free(r);
    return v;
}

/* Change one byte in the middle of the snapshot. */
static void damage_one_byte(const char *db)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(h, "SELECT data FROM engine_snapshot WHERE part = 0", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    size_t len = (size_t)sqlite3_column_bytes(st, 0);
    unsigned char *data = malloc(len);
    memcpy(data, sqlite3_column_blob(st, 0), len);
    sqlite3_finalize(st);
    data[len / 2] ^= 0x10;
    assert_int_equal(sqlite3_prepare_v2(h, "UPDATE engine_snapshot SET data = ?1 WHERE part = 0", -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_blob(st, 1, data, (int)len, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(h);
    free(data);
}

#define DAMAGE_ONE_BYTE "damage one byte"

/* Ingest c's articles in calls cut at cuts[0..n_cuts), each on a new store
 * handle; before each open after the first, `before_open` (SQL, may be
 * NULL) runs on the file. Checks whether the open used the snapshot. */
static void ingest_in_calls(const char *db, const chorus_corpus *c, const size_t *cuts, size_t n_cuts,
                            const char *before_open, int expect_snapshot)
{
    for (size_t i = 0; i + 1 < n_cuts; i++) {
        if (i && before_open && !strcmp(before_open, DAMAGE_ONE_BYTE)) damage_one_byte(db);
        else if (i && before_open) sql_exec(db, before_open);
        cx_store *s;
        chorus_error err = {0};
        cx_ingest_stats st = {0};
        assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
        assert_int_equal(cx_store_restored_from_snapshot(s), i ? expect_snapshot : 0);
        assert_int_equal(cx_store_ingest(s, c->articles + cuts[i], cuts[i + 1] - cuts[i], &st, &err), 0);
        cx_store_close(s);
        /* Each call leaves a snapshot after its last article. */
        assert_int_equal(sql_count(db, "SELECT count(*) FROM engine_snapshot"
                                        " WHERE after_article = (SELECT max(id) FROM articles)"),
                         1);
    }
}

static void store_continues_from_snapshot(void **state)
{
    (void)state;
    chorus_corpus c;
    read_feed(&c);
    size_t n = c.n_articles;
    size_t cuts[] = {0, 137, 590, 800, 801, n};
    size_t n_cuts = sizeof cuts / sizeof *cuts;

    /* Reference: one handle, the same calls. */
    char *one = temp_db();
    cx_store *s;
    chorus_error err = {0};
    cx_ingest_stats st = {0};
    assert_int_equal(cx_store_open(one, CX_STORE_WRITE, &s, &err), 0);
    for (size_t i = 0; i + 1 < n_cuts; i++)
        assert_int_equal(cx_store_ingest(s, c.articles + cuts[i], cuts[i + 1] - cuts[i], &st, &err), 0);
    cx_store_close(s);
    assert_true(st.duplicates > 0 && st.merged > 0 && st.moved > 0);

    char *two = temp_db(), *three = temp_db();
    ingest_in_calls(two, &c, cuts, n_cuts, NULL, 1);
    ingest_in_calls(three, &c, cuts, n_cuts, "DELETE FROM engine_snapshot", 0); /* replayed */

    char *e1 = everything(one), *e2 = everything(two), *e3 = everything(three);
    assert_true(strlen(e1) > 50000);
    assert_string_equal(e1, e2);
    assert_string_equal(e1, e3);
    /* The snapshots themselves: the continued engine is the uninterrupted one. */
    char *s1 = rows(one, "SELECT part, after_article, format, hex(data) FROM engine_snapshot");
    char *s2 = rows(two, "SELECT part, after_article, format, hex(data) FROM engine_snapshot");
    assert_true(strlen(s1) > 1000);
    if (strcmp(s1, s2)) fail_msg("the continued store saved another engine state than the uninterrupted one");

    /* A reader opens without touching the engine. */
    assert_int_equal(cx_store_open(two, CX_STORE_READ, &s, &err), 0);
    assert_int_equal(cx_store_restored_from_snapshot(s), 0);
    assert_int_equal(cx_store_article_count(s), (size_t)sql_count(two, "SELECT count(*) FROM articles"));
    cx_store_close(s);
    /* A writer that loads the snapshot knows every stored article: nothing
     * is stored twice. */
    assert_int_equal(cx_store_open(two, CX_STORE_WRITE, &s, &err), 0);
    assert_int_equal(cx_store_restored_from_snapshot(s), 1);
    cx_ingest_stats again = {0};
    assert_int_equal(cx_store_ingest(s, c.articles, n, &again, &err), 0);
    assert_int_equal(again.added + again.duplicates, 0);
    assert_int_equal(again.already, n);
    cx_store_close(s);

    free(s1);
    free(s2);
    free(e1);
    free(e2);
    free(e3);
    remove_db(one);
    remove_db(two);
    remove_db(three);
    chorus_corpus_free(&c);
}

/* What may be in the file instead of a good snapshot: each is replayed, and
 * the ingest goes on exactly as an uninterrupted one. */
static void bad_snapshots_are_replayed(void **state)
{
    (void)state;
    chorus_corpus c;
    read_feed(&c);
    size_t n = c.n_articles;
    size_t cuts[] = {0, 500, 700, n};
    char *ref = temp_db();
    ingest_in_calls(ref, &c, cuts, 4, NULL, 1);
    char *want = everything(ref);
    static const char *const damage[] = {
        /* a kill after the last batch, before the snapshot: an older one */
        "UPDATE engine_snapshot SET after_article = after_article - 1",
        /* another format */
        "UPDATE engine_snapshot SET format = format + 1",
        /* a damaged byte in the middle (the frame checksum catches it) */
        DAMAGE_ONE_BYTE,
        /* cut short */
        "UPDATE engine_snapshot SET data = substr(data, 1, length(data) - 100)",
        /* parts not numbered 0, 1, ... (one missing) */
        "INSERT INTO engine_snapshot(part, after_article, format, data) SELECT 2, after_article, format, data"
        " FROM engine_snapshot",
        /* not a compressed snapshot at all */
        "UPDATE engine_snapshot SET data = zeroblob(1000)",
        /* a store from before snapshots */
        "DROP TABLE engine_snapshot",
    };
    /* A snapshot in two parts (as a large one is stored) loads. */
    char *parts = temp_db();
    ingest_in_calls(parts, &c, cuts, 4,
                    "INSERT INTO engine_snapshot(part, after_article, format, data)"
                    " SELECT 1, after_article, format, substr(data, length(data) / 2 + 1) FROM engine_snapshot;"
                    " UPDATE engine_snapshot SET data = substr(data, 1, length(data) / 2) WHERE part = 0",
                    1);
    char *got_parts = everything(parts);
    assert_string_equal(want, got_parts);
    free(got_parts);
    remove_db(parts);
    for (size_t d = 0; d < sizeof damage / sizeof *damage; d++) {
        char *db = temp_db();
        ingest_in_calls(db, &c, cuts, 4, damage[d], 0);
        char *got = everything(db);
        if (strcmp(want, got)) fail_msg("after \"%s\": other decisions than an uninterrupted run", damage[d]);
        free(got);
        remove_db(db);
    }
    free(want);
    remove_db(ref);
    chorus_corpus_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(engine_continues_exactly),
        cmocka_unit_test(damaged_bytes_are_refused),
        cmocka_unit_test(store_continues_from_snapshot),
        cmocka_unit_test(bad_snapshots_are_replayed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
