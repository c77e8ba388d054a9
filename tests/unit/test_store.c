/* The article store: an article ingested twice is stored once, copies are
 * linked to their original, a store reopened by a new process decides as an
 * uninterrupted run would, and the queries give back what was stored. */
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
#include "known_sentences.h"
#include "store.h"
#include "util.h"

#define DEV_FEED CHORUS_SHARED_DIR "/data/duc2007-stream/articles.jsonl"

static const char *const QUAKE =
    "A strong earthquake struck the coastal city of Valmora on Tuesday, collapsing buildings and "
    "killing at least 40 people, the regional governor said.\n\nRescue teams searched the rubble "
    "of the Valmora market through the night. The quake had a magnitude of 6.8, according to the "
    "national seismic institute, and was felt 200 kilometres away.";
static const char *const ELECTION =
    "Voters in Norland re-elected Prime Minister Anna Brekke on Sunday, giving her Labour party a "
    "narrow majority in parliament after a campaign dominated by taxes.\n\nBrekke promised to cut "
    "fuel duties and to build new rail lines. Turnout was 71 percent, the electoral commission "
    "said.";

/* A story opened by an article without a headline is titled by its first
 * line until a report with a headline joins; a later headline does not
 * replace that one. */
static void headline_replaces_first_line_title(void **state)
{
    (void)state;
    char *db = temp_db();
    chorus_corpus c;
    chorus_corpus_init(&c);
    add_article(&c, "q0", "Wire", "2026-03-03T07:00:00Z", NULL, QUAKE);
    add_article(&c, "q1", "Daily", "2026-03-03T08:00:00Z", "Quake kills 40 in Valmora",
                "Rescue teams searched the rubble of the Valmora market after a strong earthquake killed "
                "at least 40 people on Tuesday, the regional governor said. The quake had a magnitude of "
                "6.8, according to the national seismic institute.");
    add_article(&c, "q2", "Post", "2026-03-03T09:00:00Z", "Valmora digs out",
                "A strong earthquake of magnitude 6.8 struck the coastal city of Valmora on Tuesday, "
                "killing at least 40 people, and rescue teams searched the rubble of its market.");
    chorus_error err = {0};
    cx_store *s;
    cx_ingest_stats st = {0};
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
    assert_int_equal(cx_store_ingest(s, c.articles, 1, &st, &err), 0);
    cx_store_close(s);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM stories WHERE title_from_text AND title LIKE 'A strong%'"), 1);
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
    assert_int_equal(cx_store_ingest(s, c.articles + 1, 2, &st, &err), 0);
    cx_store_close(s);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM stories"), 1); /* one story */
    assert_int_equal(sql_int(db, "SELECT count(*) FROM stories WHERE NOT title_from_text AND"
                                 " title = 'Quake kills 40 in Valmora'"),
                     1);
    chorus_corpus_free(&c);
    remove_db(db);
}

static void idempotent_ingest(void **state)
{
    (void)state;
    char *db = temp_db();
    chorus_corpus c;
    chorus_corpus_init(&c);
    add_article(&c, "q1", "Wire", "2026-03-03T08:00:00Z", "Quake in Valmora", QUAKE);
    add_article(&c, "e1", "Daily", "2026-03-04T09:00:00Z", "Brekke re-elected", ELECTION);
    add_article(&c, "q1-again", "Wire", "2026-03-03T08:00:00Z", "Quake in Valmora", QUAKE);

    chorus_error err = {0};
    cx_store *s;
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
    cx_ingest_stats st = {0};
    assert_int_equal(cx_store_ingest(s, c.articles, c.n_articles, &st, &err), 0);
    assert_int_equal(st.read, 3);
    assert_int_equal(st.added, 2);
    assert_int_equal(st.already, 1); /* same outlet, same text: the same article */
    assert_int_equal(st.new_stories, 2);
    cx_store_close(s);

    /* A second run over the same input stores nothing new. */
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
    assert_int_equal(cx_store_article_count(s), 2);
    cx_ingest_stats st2 = {0};
    assert_int_equal(cx_store_ingest(s, c.articles, c.n_articles, &st2, &err), 0);
    assert_int_equal(st2.added + st2.duplicates, 0);
    assert_int_equal(st2.already, 3);
    cx_store_close(s);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM articles"), 2);
    assert_int_equal(sql_int(db, "PRAGMA user_version"), CX_STORE_SCHEMA_VERSION);

    /* Whitespace and line endings do not make a new article. */
    chorus_corpus c2;
    chorus_corpus_init(&c2);
    char *rewrapped = strdup(ELECTION);
    for (char *p = rewrapped; *p; p++)
        if (*p == ' ' && p[1] == 'o' && p[2] == 'n') *p = '\n';
    add_article(&c2, "e1", "Daily", "2026-03-04T09:00:00Z", "Brekke re-elected", rewrapped);
    free(rewrapped);
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
    cx_ingest_stats st3 = {0};
    assert_int_equal(cx_store_ingest(s, c2.articles, c2.n_articles, &st3, &err), 0);
    assert_int_equal(st3.already, 1);
    cx_store_close(s);

    chorus_corpus_free(&c);
    chorus_corpus_free(&c2);
    remove_db(db);
}

static void duplicate_heavy_input(void **state)
{
    (void)state;
    char *db = temp_db();
    chorus_corpus c;
    chorus_corpus_init(&c);
    /* One quake report copied by eight outlets (syndication), one election
     * report, and each record sent twice. */
    static const char *const outlets[] = {"Wire", "Daily", "Post", "Herald", "Times",
                                          "Globe", "Star", "Sun", "Ledger"};
    char id[32];
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 9; i++) {
            snprintf(id, sizeof id, "q%d", i);
            add_article(&c, id, outlets[i], "2026-03-03T08:00:00Z", "Quake in Valmora", QUAKE);
        }
        add_article(&c, "e1", "Daily", "2026-03-04T09:00:00Z", "Brekke re-elected", ELECTION);
    }
    chorus_error err = {0};
    cx_store *s;
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
    cx_ingest_stats st = {0};
    assert_int_equal(cx_store_ingest(s, c.articles, c.n_articles, &st, &err), 0);
    assert_int_equal(st.read, 20);
    assert_int_equal(st.already, 10);
    assert_int_equal(st.added, 2);
    assert_int_equal(st.duplicates, 8);
    assert_int_equal(st.new_stories, 2);
    assert_int_equal(st.added + st.duplicates + st.already + st.skipped, st.read);

    cx_story_info *v;
    size_t n;
    assert_int_equal(cx_store_stories(s, INT64_MIN, CX_STORIES_BY_SIZE, 0, &v, &n, &err), 0);
    assert_int_equal(n, 2);
    /* Same size (1 report each): ties go to the latest. */
    assert_string_equal(v[1].title, "Quake in Valmora");
    assert_int_equal(v[1].size, 1);
    assert_int_equal(v[1].n_duplicates, 8);
    assert_int_equal(v[1].n_outlets, 9);
    assert_int_equal(v[0].size, 1);
    assert_int_equal(v[0].n_outlets, 1);
    int64_t quake = v[1].id;
    cx_story_infos_free(v, n);

    /* --since: only the election has an article on or after March 4. */
    assert_int_equal(cx_store_stories(s, chorus_parse_time_spec("2026-03-04", 0), CX_STORIES_BY_SIZE,
                                      0, &v, &n, &err),
                     0);
    assert_int_equal(n, 1);
    assert_string_equal(v[0].title, "Brekke re-elected");
    cx_story_infos_free(v, n);

    /* The digest input leaves the copies out. */
    chorus_corpus story;
    chorus_corpus_init(&story);
    assert_int_equal(cx_store_story_corpus(s, quake, INT64_MIN, INT64_MAX, 0, &story, NULL, &err), 1);
    assert_string_equal(story.articles[0].id, "q0");
    assert_string_equal(story.articles[0].text, QUAKE);
    chorus_corpus_free(&story);
    /* Nothing was ingested after a time in the future; all is "earlier". */
    chorus_corpus_init(&story);
    assert_int_equal(cx_store_story_corpus(s, quake, INT64_MAX / 2, INT64_MAX, 0, &story, NULL, &err), 0);
    assert_int_equal(cx_store_story_corpus(s, quake, INT64_MIN, INT64_MAX / 2, 0, &story, NULL, &err), 1);
    chorus_corpus_free(&story);
    assert_true(cx_store_story_root(s, 999, &err) < 0);
    cx_store_close(s);

    assert_int_equal(sql_int(db, "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"), 8);
    assert_int_equal(sql_int(db, "SELECT count(DISTINCT story_id) FROM story_members"), 2);
    chorus_corpus_free(&c);
    remove_db(db);
}

static int by_time(const void *x, const void *y)
{
    const chorus_article *a = x, *b = y;
    if (a->published_unix != b->published_unix) return a->published_unix < b->published_unix ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* Every article's (story, duplicate_of), by external id order of insertion. */
static char *decisions(const char *db)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(h,
                                        "SELECT ext_id, story_id, coalesce(duplicate_of, -1)"
                                        " FROM articles JOIN story_members ON article_id = id ORDER BY id",
                                        -1, &st, NULL),
                     SQLITE_OK);
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    while (sqlite3_step(st) == SQLITE_ROW) {
        char line[256];
        int n = snprintf(line, sizeof line, "%s %lld %lld\n", sqlite3_column_text(st, 0),
                         (long long)sqlite3_column_int64(st, 1), (long long)sqlite3_column_int64(st, 2));
        if (len + n + 1 > cap) out = realloc(out, cap *= 2);
        memcpy(out + len, line, n + 1);
        len += n;
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    return out;
}

/* A feed handed over in windows (cx_store_ingest_more, then cx_store_flush)
 * is regrouped where one call would regroup it, not once more per window,
 * on one handle or on a new handle per window. */
/* The dev feed in publication order, so that calls cut from it see the
 * articles in the same order whatever the cut. */
static void load_dev_feed_in_time_order(chorus_corpus *c)
{
    chorus_corpus_init(c);
    chorus_error err = {0};
    int n = chorus_read_path(c, DEV_FEED, &err);
    if (n <= 0) fail_msg("test data missing: %s (%s)", DEV_FEED, err.message);
    qsort(c->articles, c->n_articles, sizeof *c->articles, by_time);
}

static void windows_regroup_as_one_call(void **state)
{
    (void)state;
    chorus_error err = {0};
    REQUIRE_SHARED(DEV_FEED);
    chorus_corpus c;
    load_dev_feed_in_time_order(&c);
    size_t total = c.n_articles, cuts[] = {0, 137, 590, total};
    char *one = temp_db(), *two = temp_db(), *three = temp_db(), *four = temp_db();
    cx_store *s;
    cx_ingest_stats st = {0};
    assert_int_equal(cx_store_open(one, CX_STORE_WRITE, &s, &err), 0);
    assert_int_equal(cx_store_ingest(s, c.articles, total, &st, &err), 0);
    cx_store_close(s);
    assert_true(st.moved > 0); /* the regrouping changes something */

    assert_int_equal(cx_store_open(two, CX_STORE_WRITE, &s, &err), 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(cx_store_ingest_more(s, c.articles + cuts[i], cuts[i + 1] - cuts[i], &st, &err), 0);
    assert_int_equal(cx_store_flush(s, &st, &err), 0);
    assert_int_equal(cx_store_flush(s, &st, &err), 0); /* nothing left: no second regrouping */
    cx_store_close(s);

    for (int i = 0; i < 3; i++) {
        assert_int_equal(cx_store_open(three, CX_STORE_WRITE, &s, &err), 0);
        assert_int_equal(cx_store_ingest_more(s, c.articles + cuts[i], cuts[i + 1] - cuts[i], &st, &err), 0);
        cx_store_close(s); /* the last regrouping is left undone ... */
    }
    assert_int_equal(sql_int(three, "SELECT count(*) FROM consolidations"), 0);
    assert_int_equal(cx_store_open(three, CX_STORE_WRITE, &s, &err), 0);
    assert_int_equal(cx_store_flush(s, &st, &err), 0); /* ... until a flush on a new handle */
    cx_store_close(s);

    /* Each call of cx_store_ingest regroups at its end: three here. */
    assert_int_equal(cx_store_open(four, CX_STORE_WRITE, &s, &err), 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(cx_store_ingest(s, c.articles + cuts[i], cuts[i + 1] - cuts[i], &st, &err), 0);
    cx_store_close(s);
    assert_int_equal(sql_int(four, "SELECT count(*) FROM consolidations"), 3);

    char *a = decisions(one), *b = decisions(two), *d = decisions(three);
    assert_true(strlen(a) > 1000);
    assert_string_equal(a, b);
    assert_string_equal(a, d);
    const char *all[] = {one, two, three};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(sql_int(all[i], "SELECT count(*) FROM consolidations"), 1);
        assert_int_equal(sql_int(all[i], "SELECT max(after_article) FROM consolidations"),
                         sql_int(all[i], "SELECT max(id) FROM articles"));
    }
    free(a);
    free(b);
    free(d);
    remove_db(one);
    remove_db(two);
    remove_db(three);
    remove_db(four);
    chorus_corpus_free(&c);
}

static void restore_continues_decisions(void **state)
{
    (void)state;
    chorus_error err = {0};
    REQUIRE_SHARED(DEV_FEED);
    chorus_corpus c;
    load_dev_feed_in_time_order(&c);
    size_t total = c.n_articles;
    assert_true(total > 600);

    char *one = temp_db(), *two = temp_db();
    cx_store *s;
    cx_ingest_stats st = {0};
    /* The same articles in three calls, cut at places that are not batch
     * boundaries: first on one store handle, then each call on a new handle
     * (a new engine rebuilt from the file). Each call ends with a
     * consolidation, so both stores make the same ones at the same points. */
    size_t cuts[] = {0, 137, 590, total};
    assert_int_equal(cx_store_open(one, CX_STORE_WRITE, &s, &err), 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(cx_store_ingest(s, c.articles + cuts[i], cuts[i + 1] - cuts[i], &st, &err), 0);
    cx_store_close(s);
    /* The data has copies, stories that merge and articles that
     * consolidation moves: restoring must replay all three. */
    assert_true(st.duplicates > 0);
    assert_true(st.merged > 0);
    assert_true(st.moved > 0);
    assert_int_equal(sql_int(one, "SELECT count(*) FROM consolidations"), 3);
    /* Membership rows carry their article's time, outlet and copy flag. */
    assert_int_equal(sql_int(one, "SELECT count(*) FROM articles a LEFT JOIN story_members m"
                                  " ON m.article_id = a.id WHERE m.story_id IS NULL OR"
                                  " m.published IS NOT a.published OR m.source != a.source OR"
                                  " m.is_copy != (a.duplicate_of IS NOT NULL)"),
                     0);
    assert_int_equal(sql_int(one, "SELECT count(*) FROM story_members"),
                     sql_int(one, "SELECT count(*) FROM articles"));
    /* Moves keep every story's statistics equal to a recount of its articles. */
    assert_int_equal(sql_int(one, "WITH am AS (SELECT a.*, m.story_id FROM articles a"
                                  " JOIN story_members m ON m.article_id = a.id)"
                                  " SELECT count(*) FROM stories s WHERE merged_into IS NULL AND"
                                  " (size != (SELECT count(*) FROM am a WHERE a.story_id = s.id AND"
                                  "   duplicate_of IS NULL) OR"
                                  "  n_duplicates != (SELECT count(*) FROM am a WHERE a.story_id = s.id AND"
                                  "   duplicate_of IS NOT NULL) OR"
                                  "  n_outlets != (SELECT count(DISTINCT source) FROM am a"
                                  "   WHERE a.story_id = s.id) OR"
                                  "  first_seen IS NOT (SELECT min(published) FROM am a WHERE a.story_id = s.id) OR"
                                  "  last_seen IS NOT (SELECT max(published) FROM am a WHERE a.story_id = s.id))"),
                     0);
    /* Moves keep every story's statistics equal to a recount of its articles. */
    assert_int_equal(sql_int(one, "WITH am AS (SELECT a.*, m.story_id FROM articles a"
                                  " JOIN story_members m ON m.article_id = a.id)"
                                  " SELECT count(*) FROM stories s WHERE merged_into IS NOT NULL AND"
                                  " EXISTS (SELECT 1 FROM am a WHERE a.story_id = s.id)"),
                     0);

    for (int i = 0; i < 3; i++) {
        cx_ingest_stats part = {0};
        assert_int_equal(cx_store_open(two, CX_STORE_WRITE, &s, &err), 0);
        assert_int_equal(cx_store_ingest(s, c.articles + cuts[i], cuts[i + 1] - cuts[i], &part, &err), 0);
        cx_store_close(s);
    }
    /* A capped load keeps the latest reports, in publication order. */
    assert_int_equal(cx_store_open(one, CX_STORE_READ, &s, &err), 0);
    cx_story_info *v;
    size_t nv, n_story = 0;
    assert_int_equal(cx_store_stories(s, INT64_MIN, CX_STORIES_BY_SIZE, 1, &v, &nv, &err), 0);
    assert_true(nv == 1 && v[0].size > 10);
    chorus_corpus all, latest;
    chorus_corpus_init(&all);
    chorus_corpus_init(&latest);
    assert_int_equal(cx_store_story_corpus(s, v[0].id, INT64_MIN, INT64_MAX, 0, &all, &n_story, &err),
                     (int)v[0].size);
    assert_int_equal(n_story, v[0].size);
    assert_int_equal(cx_store_story_corpus(s, v[0].id, INT64_MIN, INT64_MAX, 5, &latest, &n_story, &err), 5);
    assert_int_equal(n_story, v[0].size);
    for (size_t i = 1; i < all.n_articles; i++)
        assert_true(all.articles[i - 1].published_unix <= all.articles[i].published_unix);
    for (size_t i = 0; i < 5; i++) /* the last five of the full, ordered load */
        assert_string_equal(latest.articles[i].id, all.articles[all.n_articles - 5 + i].id);
    chorus_corpus_free(&all);
    chorus_corpus_free(&latest);
    cx_story_infos_free(v, nv);
    cx_store_close(s);

    char *a = decisions(one), *b = decisions(two);
    assert_true(strlen(a) > 1000);
    assert_string_equal(a, b);
    assert_int_equal(sql_int(one, "SELECT count(*) FROM stories WHERE merged_into IS NULL"),
                     sql_int(two, "SELECT count(*) FROM stories WHERE merged_into IS NULL"));
    assert_int_equal(sql_int(one, "SELECT sum(size) FROM stories WHERE merged_into IS NULL"),
                     sql_int(two, "SELECT sum(size) FROM stories WHERE merged_into IS NULL"));
    free(a);
    free(b);
    remove_db(one);
    remove_db(two);
    chorus_corpus_free(&c);
}

static void sql_exec(const char *db, const char *sql)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
}

/* A version 3 store (content hashes in a UNIQUE index, no article_hashes)
 * is read and written as it is: its stored articles are recognised, a
 * repeat under another id is recorded against the stored record, and the
 * snapshot is used. */
static void writes_version_3_stores(void **state)
{
    (void)state;
    char *db = temp_db();
    chorus_corpus c;
    chorus_corpus_init(&c);
    add_article(&c, "q1", "Wire", "2026-03-03T08:00:00Z", "Quake in Valmora", QUAKE);
    add_article(&c, "e1", "Daily", "2026-03-04T09:00:00Z", "Brekke re-elected", ELECTION);
    add_article(&c, "q1-again", "Wire", "2026-03-03T08:00:00Z", "Quake in Valmora", QUAKE);
    add_article(&c, "q2", "Post", "2026-03-03T09:00:00Z", "Quake in Valmora", QUAKE);
    chorus_error err = {0};
    cx_store *s;
    cx_ingest_stats st = {0};
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
    assert_int_equal(cx_store_ingest(s, c.articles, 2, &st, &err), 0);
    cx_store_close(s);
    assert_int_equal(sql_int(db, "PRAGMA user_version"), CX_STORE_SCHEMA_VERSION);
    assert_int_equal(sql_int(db, "PRAGMA page_size"), 8192); /* rows of ~2.4 KB fill it */
    assert_int_equal(sql_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'articles'"),
                     0);
    assert_int_equal(sql_int(db, "SELECT sum(length(hashes)) FROM article_hashes"), 32);
    /* each report's headline beside its story (titles are read from there) */
    assert_int_equal(sql_int(db, "SELECT count(*) FROM story_members m JOIN articles a ON a.id = m.article_id"
                                 " WHERE m.title = a.title"),
                     2);

    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h,
                                  "DROP TABLE article_hashes;"
                                  "CREATE UNIQUE INDEX articles_content_hash ON articles(content_hash);"
                                  "ALTER TABLE story_members DROP COLUMN title; PRAGMA user_version = 3;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);

    for (int round = 0; round < 2; round++) { /* from the snapshot, then by replaying */
        if (round) sql_exec(db, "DELETE FROM engine_snapshot");
        assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
        assert_int_equal(cx_store_restored_from_snapshot(s), !round);
        assert_int_equal(cx_store_article_count(s), 2 + round);
        cx_ingest_stats again = {0};
        assert_int_equal(cx_store_ingest(s, c.articles, round ? 4 : 3, &again, &err), 0);
        assert_int_equal(again.already, round ? 4 : 3);
        assert_int_equal(again.added + again.duplicates, 0);
        cx_store_close(s);
        if (!round) { /* q2 stored by a later call, so that the replay has three */
            assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
            assert_int_equal(cx_store_ingest(s, c.articles + 3, 1, &again, &err), 0);
            cx_store_close(s);
        }
    }
    assert_int_equal(sql_int(db, "PRAGMA user_version"), 3);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'article_hashes'"), 0);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM articles"), 3);
    assert_int_equal(sql_int(db, "SELECT article_id FROM article_aliases WHERE ext_id = 'q1-again'"),
                     sql_int(db, "SELECT id FROM articles WHERE ext_id = 'q1'"));
    chorus_corpus_free(&c);
    remove_db(db);
}

/* A version 4 store whose hash rows are cut is rebuilt from the articles
 * (the snapshot is not used), and still knows every stored article. */
static void cut_hash_rows_are_replayed(void **state)
{
    (void)state;
    char *db = temp_db();
    chorus_corpus c;
    chorus_corpus_init(&c);
    add_article(&c, "q1", "Wire", "2026-03-03T08:00:00Z", "Quake in Valmora", QUAKE);
    add_article(&c, "e1", "Daily", "2026-03-04T09:00:00Z", "Brekke re-elected", ELECTION);
    chorus_error err = {0};
    cx_store *s;
    cx_ingest_stats st = {0};
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
    assert_int_equal(cx_store_ingest(s, c.articles, 1, &st, &err), 0);
    cx_store_close(s);
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
    assert_int_equal(cx_store_ingest(s, c.articles + 1, 1, &st, &err), 0);
    cx_store_close(s);
    sql_exec(db, "DELETE FROM article_hashes WHERE first_article = 1");
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
    assert_int_equal(cx_store_restored_from_snapshot(s), 0);
    assert_int_equal(cx_store_article_count(s), 2);
    cx_ingest_stats again = {0};
    assert_int_equal(cx_store_ingest(s, c.articles, 2, &again, &err), 0);
    assert_int_equal(again.already, 2);
    cx_store_close(s);
    chorus_corpus_free(&c);
    remove_db(db);
}

/* A store written before story membership had its own table (schema
 * version 2: a story_id column in articles) is upgraded by the first open,
 * here a reader's, and keeps every article in its story. */
static void upgrades_older_stores(void **state)
{
    (void)state;
    char *db = temp_db();
    chorus_corpus c;
    chorus_corpus_init(&c);
    add_article(&c, "q1", "Wire", "2026-03-03T08:00:00Z", "Quake in Valmora", QUAKE);
    add_article(&c, "e1", "Daily", "2026-03-04T09:00:00Z", "Brekke re-elected", ELECTION);
    add_article(&c, "q2", "Post", "2026-03-03T09:00:00Z", "Quake in Valmora", QUAKE);
    chorus_error err = {0};
    cx_store *s;
    cx_ingest_stats st = {0};
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
    assert_int_equal(cx_store_ingest(s, c.articles, 2, &st, &err), 0);
    cx_store_close(s);
    char *before = decisions(db);

    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h,
                                  "ALTER TABLE articles ADD COLUMN story_id INTEGER NOT NULL DEFAULT 0;"
                                  "UPDATE articles SET story_id = (SELECT story_id FROM story_members"
                                  " WHERE article_id = articles.id);"
                                  "CREATE INDEX articles_by_story ON articles(story_id, ingested_at);"
                                  "DROP TABLE story_members; ALTER TABLE stories DROP COLUMN title_from_text;"
                                  "DROP TABLE engine_snapshot; PRAGMA user_version = 2;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(sql_int(db, "PRAGMA user_version"), 2);

    assert_int_equal(cx_store_open(db, CX_STORE_READ, &s, &err), 0);
    cx_store_close(s);
    assert_int_equal(sql_int(db, "PRAGMA user_version"), 3); /* then read and written as version 3 */
    assert_int_equal(sql_int(db, "SELECT count(*) FROM pragma_table_info('articles') WHERE name = 'story_id'"),
                     0);
    char *after = decisions(db);
    assert_string_equal(before, after);

    /* And it takes new articles as before. */
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), 0);
    assert_int_equal(cx_store_ingest(s, c.articles + 2, 1, &st, &err), 0);
    cx_store_close(s);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM story_members"), 3);
    free(before);
    free(after);
    chorus_corpus_free(&c);
    remove_db(db);
}

static void feed_reads_in_windows(void **state)
{
    (void)state;
    char path[] = "/tmp/chorus-test-feed-XXXXXX.jsonl";
    int fd = mkstemps(path, 6);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    for (int i = 0; i < 25; i++) {
        if (i == 7) fputs("{not json\n\n", f);
        fprintf(f, "{\"id\":\"a%d\",\"source\":\"S\",\"text\":\"Body %d.\"}\n", i, i);
    }
    fputs("{\"id\":\"last\",\"text\":\"no newline at the end\"}", f);
    fclose(f);
    assert_true(chorus_feed_is_stream(path));
    chorus_feed *feed;
    chorus_error err = {0};
    assert_int_equal(chorus_feed_open(path, &feed, &err), 0);
    size_t total = 0, skipped = 0, calls = 0;
    while (!chorus_feed_done(feed)) {
        chorus_corpus c;
        chorus_corpus_init(&c);
        int n = chorus_feed_next(feed, &c, 10, &err);
        assert_true(n >= 0 && n <= 10);
        assert_int_equal(c.n_articles, n);
        if (total == 0) assert_string_equal(c.articles[0].id, "a0");
        for (size_t i = 0; i < c.n_skipped; i++) {
            char want[64];
            snprintf(want, sizeof want, ":%d", 8); /* the bad line, counted from 1 */
            assert_non_null(strstr(c.skipped[i].origin, want));
        }
        total += n;
        skipped += c.n_skipped;
        calls++;
        chorus_corpus_free(&c);
    }
    chorus_feed_close(feed);
    assert_int_equal(total, 26);
    assert_int_equal(skipped, 1);
    assert_true(calls >= 3);
    unlink(path);
}

static void new_since_drops_what_was_said(void **state)
{
    (void)state;
    chorus_corpus earlier, fresh;
    chorus_corpus_init(&earlier);
    chorus_corpus_init(&fresh);
    add_article(&earlier, "old", "Wire", "2026-03-03T08:00:00Z", "Quake", QUAKE);
    /* A verbatim repeat plus a new fact; a lightly edited repeat only; a new report. */
    add_article(&fresh, "n1", "Daily", "2026-03-04T08:00:00Z", "Toll rises",
                "Rescue teams searched the rubble of the Valmora market through the night. "
                "The death toll rose to 112 on Wednesday as aftershocks shook the city.");
    add_article(&fresh, "n2", "Post", "2026-03-04T09:00:00Z", "Quake",
                "The quake had a magnitude of 6.8, according to the national seismic "
                "institute, and it was felt 200 kilometres away.");
    add_article(&fresh, "n3", "Star", "2026-03-04T10:00:00Z", "Aid",
                "Three aid flights landed in Valmora carrying tents, water and medicine.");
    size_t dropped = 0, emptied = 0;
    chorus_error err = {0};
    assert_int_equal(cx_drop_known_sentences(&fresh, &earlier, &dropped, &emptied, &err), 0);
    assert_int_equal(dropped, 2);
    assert_int_equal(emptied, 1);
    assert_int_equal(fresh.n_articles, 2);
    assert_string_equal(fresh.articles[0].id, "n1");
    assert_string_equal(fresh.articles[0].text,
                        "The death toll rose to 112 on Wednesday as aftershocks shook the city.");
    assert_string_equal(fresh.articles[1].id, "n3");
    assert_non_null(strstr(fresh.articles[1].text, "Three aid flights"));
    chorus_corpus_free(&earlier);
    chorus_corpus_free(&fresh);
}

static void time_specs(void **state)
{
    (void)state;
    int64_t now = 1795200000;
    assert_int_equal(chorus_parse_time_spec("24h", now), now - 86400);
    assert_int_equal(chorus_parse_time_spec("7d", now), now - 7 * 86400);
    assert_int_equal(chorus_parse_time_spec("30m", now), now - 1800);
    assert_int_equal(chorus_parse_time_spec("2026-11-20", now), 1795132800);
    assert_int_equal(chorus_parse_time_spec("2026-11-20T12:00:00Z", now), 1795132800 + 43200);
    assert_true(chorus_parse_time_spec("yesterday", now) == INT64_MIN);
    assert_true(chorus_parse_time_spec("-3h", now) == INT64_MIN);
    assert_true(chorus_parse_time_spec("", now) == INT64_MIN);
}

static void refuses_foreign_files(void **state)
{
    (void)state;
    char *db = temp_db();
    chorus_error err = {0};
    cx_store *s = NULL;
    /* Opening for reading never creates a store. */
    assert_int_equal(cx_store_open(db, CX_STORE_READ, &s, &err), CHORUS_EDB);
    assert_null(s);
    assert_int_equal(access(db, F_OK), -1);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(cx_store_open(db, CX_STORE_WRITE, &s, &err), CHORUS_EDB);
    assert_non_null(strstr(err.message, "not a chorus store"));
    remove_db(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(headline_replaces_first_line_title),
        cmocka_unit_test(idempotent_ingest),
        cmocka_unit_test(duplicate_heavy_input),
        cmocka_unit_test(restore_continues_decisions),
        cmocka_unit_test(upgrades_older_stores),
        cmocka_unit_test(writes_version_3_stores),
        cmocka_unit_test(cut_hash_rows_are_replayed),
        cmocka_unit_test(feed_reads_in_windows),
        cmocka_unit_test(windows_regroup_as_one_call),
        cmocka_unit_test(new_since_drops_what_was_said),
        cmocka_unit_test(time_specs),
        cmocka_unit_test(refuses_foreign_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
