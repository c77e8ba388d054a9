/* Stored story titles: the ingest keeps each story's most representative
 * headline, equal to what comparing the headlines gives; a store without
 * the table (written by an older chorus) is listed with computed titles and
 * gets the table from its next writer. */
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

#include "chorus.h"
#include "store.h"
#include "story_titles.h"
#include "util.h"

#define DEV_FEED CHORUS_SHARED_DIR "/data/duc2007-stream/articles.jsonl"

static void exec_sql(const char *db, const char *sql)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
}

/* Every open story whose size did not change since its title was chosen
 * (all, after a writer's open filled the table): the stored title equals
 * the computed one; returns the number of stories with a stored title. */
static size_t stored_equals_computed(const char *db)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *q, *lookup;
    assert_int_equal(sqlite3_prepare_v2(h,
                                        "SELECT id FROM stories s WHERE merged_into IS NULL AND NOT EXISTS"
                                        " (SELECT 1 FROM story_titles t WHERE t.story_id = s.id AND t.size_at != s.size)",
                                        -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(cx_story_title_lookup_prepare(h, &lookup), SQLITE_OK);
    size_t stored = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(q, 0);
        char *a = cx_story_title_stored(lookup, id), *b = cx_story_title_compute(h, id, NULL);
        if (!a != !b || (a && strcmp(a, b)))
            fail_msg("story %lld: stored title '%s', computed '%s'", (long long)id, a ? a : "(none)",
                     b ? b : "(none)");
        stored += a != NULL;
        free(a);
        free(b);
    }
    sqlite3_finalize(q);
    sqlite3_finalize(lookup);
    sqlite3_close(h);
    return stored;
}

static char *listed_title(const char *db, int mode)
{
    cx_store *s;
    chorus_error err = {0};
    assert_int_equal(cx_store_open(db, mode, &s, &err), 0);
    cx_story_info *v;
    size_t n;
    assert_int_equal(cx_store_stories(s, INT64_MIN, CX_STORIES_BY_SIZE, 10, &v, &n, &err), 0);
    assert_true(n >= 1);
    char *t = v[0].title ? strdup(v[0].title) : NULL;
    cx_story_infos_free(v, n);
    cx_store_close(s);
    return t;
}

static const char *const QUAKE =
    "A strong earthquake struck the coastal city of Valmora on Tuesday, collapsing buildings and "
    "killing at least 40 people, the regional governor said. Rescue teams searched the rubble "
    "of the Valmora market through the night. The quake had a magnitude of 6.8, according to the "
    "national seismic institute.";

/* The first report's headline is a side detail; the list shows the headline
 * the others share words with, stored at ingest and computed alike. */
static void representative_headline_is_stored(void **state)
{
    (void)state;
    char *db = temp_db();
    chorus_corpus c;
    chorus_corpus_init(&c);
    add_article(&c, "q0", "Wire", "2026-03-03T07:00:00Z", "Market traders count their losses", QUAKE);
    add_article(&c, "q1", "Daily", "2026-03-03T08:00:00Z", "Earthquake kills 40 in Valmora",
                "Rescue teams searched the rubble of the Valmora market after a strong earthquake killed at "
                "least 40 people on Tuesday, the regional governor said. The quake had a magnitude of 6.8, "
                "according to the national seismic institute.");
    add_article(&c, "q2", "Post", "2026-03-03T09:00:00Z", "Valmora earthquake kills 40 people",
                "A strong earthquake of magnitude 6.8 struck the coastal city of Valmora on Tuesday, killing "
                "at least 40 people, the regional governor said, and rescue teams searched the rubble of its "
                "market.");
    add_article(&c, "q3", "Herald", "2026-03-03T10:00:00Z", "Strong earthquake in Valmora kills 40",
                "At least 40 people were killed when a strong earthquake struck the coastal city of Valmora on "
                "Tuesday, the regional governor said. The quake had a magnitude of 6.8 and rescue teams "
                "searched the rubble of the market.");
    chorus_error err = {0};
    cx_store *s;
    cx_ingest_stats st = {0};
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
    assert_int_equal(cx_store_ingest(s, c.articles, c.n_articles, &st, &err), 0);
    cx_store_close(s);
    assert_int_equal(st.new_stories, 1);
    assert_int_equal(stored_equals_computed(db), 1);
    char *t = listed_title(db, CX_STORE_READONLY);
    assert_non_null(t);
    assert_non_null(strstr(t, "Valmora"));
    assert_null(strstr(t, "Market traders"));

    /* as written by an older chorus: titles computed when listed, then stored by the next writer */
    exec_sql(db, "DROP TABLE story_titles");
    char *old = listed_title(db, CX_STORE_READ);
    assert_string_equal(old, t);
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
    cx_store_close(s);
    assert_int_equal(stored_equals_computed(db), 1);
    char *again = listed_title(db, CX_STORE_READONLY);
    assert_string_equal(again, t);
    free(t);
    free(old);
    free(again);
    chorus_corpus_free(&c);
    remove_db(db);
}

static int by_time(const void *x, const void *y)
{
    const chorus_article *a = x, *b = y;
    return (a->published_unix > b->published_unix) - (a->published_unix < b->published_unix);
}

/* A real feed in several calls, with merges and regroupings: every story's
 * stored title is the one its headlines give. */
static void stored_titles_follow_the_stream(void **state)
{
    (void)state;
    REQUIRE_SHARED(DEV_FEED);
    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0};
    int n = chorus_read_path(&c, DEV_FEED, &err);
    if (n <= 0) fail_msg("test data missing: %s (%s)", DEV_FEED, err.message);
    qsort(c.articles, c.n_articles, sizeof *c.articles, by_time);
    char *db = temp_db();
    cx_store *s;
    cx_ingest_stats st = {0};
    size_t total = c.n_articles < 3000 ? c.n_articles : 3000;
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
    for (size_t start = 0; start < total; start += 700) {
        size_t k = total - start < 700 ? total - start : 700;
        assert_int_equal(cx_store_ingest(s, c.articles + start, k, &st, &err), 0);
    }
    cx_store_close(s);
    size_t exact = stored_equals_computed(db);
    assert_true(exact > 10);
    /* the others are at most a tenth behind: rebuilt, every one matches */
    assert_true(sql_int(db, "SELECT count(*) FROM story_titles t JOIN stories s ON s.id = t.story_id"
                                 " WHERE (s.size - t.size_at) * 10 > t.size_at + 9") == 0);
    exec_sql(db, "DROP TABLE story_titles");
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
    cx_store_close(s);
    assert_true(stored_equals_computed(db) >= exact);
    assert_true(sql_int(db, "SELECT count(*) FROM story_titles t JOIN stories s ON s.id = t.story_id"
                                 " WHERE t.size_at != s.size") == 0);
    chorus_corpus_free(&c);
    remove_db(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(representative_headline_is_stored),
        cmocka_unit_test(stored_titles_follow_the_stream),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
