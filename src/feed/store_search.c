/* Story search over the store (store_search.h). */
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store_search.h"
#include "text.h"
#include "util.h"

/* Articles whose matches are gathered before they are grouped by story:
 * enough for every story with a well-ranked article to be seen. */
#define SEARCH_DEPTH 2000
#define TITLE_WEIGHT 3.0

static const char index_sql[] =
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_search USING fts5("
    " title, text, content='articles', content_rowid='id',"
    " tokenize='porter unicode61 remove_diacritics 2');"
    "CREATE TABLE IF NOT EXISTS article_search_state (indexed_through INTEGER NOT NULL);";

static int db_fail(cx_store *s, chorus_error *err, const char *what)
{
    return cx_fail(err, CHORUS_EDB, "%s: %s: %s", cx_store_path(s), what, sqlite3_errmsg(cx_store_db(s)));
}

static int64_t one_int(sqlite3 *db, const char *sql, int64_t fallback)
{
    sqlite3_stmt *st;
    int64_t v = fallback;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return fallback;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Index the articles stored since the last search. Busy (an ingest holds
 * the lock): search what is indexed and count the rest. */
static int catch_up(cx_store *s, size_t *unindexed, chorus_error *err)
{
    sqlite3 *db = cx_store_db(s);
    if (unindexed) *unindexed = 0;
    /* up to date: no write lock needed */
    if (one_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'article_search_state'", 0) &&
        one_int(db, "SELECT max(indexed_through) FROM article_search_state", -1) >=
            one_int(db, "SELECT max(id) FROM articles", 0))
        return 0;
    /* A query-only handle (chorus serve) never writes: it searches the index as it is. */
    int query_only = (int)one_int(db, "PRAGMA query_only", 0);
    int busy_ms = 200;
    if (!query_only) sqlite3_busy_timeout(db, busy_ms);
    int rc = query_only ? SQLITE_READONLY : sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_READONLY) {
        int64_t done = one_int(db, "SELECT max(indexed_through) FROM article_search_state", 0);
        int64_t last = one_int(db, "SELECT max(id) FROM articles", 0);
        if (unindexed) *unindexed = last > done ? (size_t)(last - done) : 0;
        return one_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'article_search'", 0)
                   ? 0
                   : cx_fail(err, CHORUS_EDB, "%s: the store is busy (an ingest is running) and has no search"
                                              " index yet; try again when it is done",
                             cx_store_path(s));
    }
    if (rc != SQLITE_OK) return db_fail(s, err, "opening a transaction for the search index");
    int64_t done = 0;
    if (sqlite3_exec(db, index_sql, NULL, NULL, NULL) != SQLITE_OK) goto fail;
    done = one_int(db, "SELECT max(indexed_through) FROM article_search_state", 0);
    int64_t last = one_int(db, "SELECT max(id) FROM articles", 0);
    if (last > done) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db,
                               "INSERT INTO article_search(rowid, title, text) SELECT id, title, text"
                               " FROM articles WHERE id > ?1 AND id <= ?2 AND duplicate_of IS NULL",
                               -1, &st, NULL) != SQLITE_OK)
            goto fail;
        sqlite3_bind_int64(st, 1, done);
        sqlite3_bind_int64(st, 2, last);
        int r = sqlite3_step(st);
        sqlite3_finalize(st);
        if (r != SQLITE_DONE) goto fail;
        if (sqlite3_exec(db, "DELETE FROM article_search_state", NULL, NULL, NULL) != SQLITE_OK) goto fail;
        char sql[96];
        snprintf(sql, sizeof sql, "INSERT INTO article_search_state VALUES (%lld)", (long long)last);
        if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) goto fail;
    }
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) goto fail;
    return 0;
fail:
    rc = db_fail(s, err, "updating the search index");
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* The query as FTS5 syntax: its words, stop words dropped, each quoted (so
 * no word is read as an operator), any of them. */
static char *fts_query(const char *q)
{
    cx_token *tok;
    int nt = cx_tokenize(q, strlen(q), &tok);
    if (nt < 0) return NULL;
    cx_buf b;
    cx_buf_init(&b);
    int words = 0, bad = 0;
    for (int i = 0; i < nt && !bad; i++) {
        char low[256];
        size_t ll = cx_lower(q + tok[i].start, tok[i].len, low, sizeof low);
        if (!ll || (tok[i].is_word && cx_is_stopword(low, ll))) continue;
        if (words++) bad |= cx_buf_puts(&b, " OR ");
        bad |= cx_buf_putc(&b, '"');
        for (size_t k = 0; k < ll && !bad; k++) bad |= low[k] == '"' ? cx_buf_puts(&b, "\"\"") : cx_buf_putc(&b, low[k]);
        bad |= cx_buf_putc(&b, '"');
    }
    free(tok);
    if (bad) {
        cx_buf_free(&b);
        return NULL;
    }
    if (!words) {
        cx_buf_free(&b);
        return cx_strdup("");
    }
    return cx_buf_take(&b);
}

static char *col_str(sqlite3_stmt *st, int i)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    return v ? cx_strdup((const char *)v) : NULL;
}

static int64_t col_time(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? INT64_MIN : sqlite3_column_int64(st, i);
}

int cx_store_search(cx_store *s, const char *query, size_t limit, cx_story_hit **out, size_t *n,
                    size_t *unindexed, chorus_error *err)
{
    *out = NULL;
    *n = 0;
    if (!limit) limit = 20;
    char *q = fts_query(query ? query : "");
    if (!q) return cx_fail(err, CHORUS_ENOMEM, "out of memory");
    if (!*q) {
        free(q);
        return cx_fail(err, CHORUS_EINVAL, "the query has no word to search for (only stop words or none)");
    }
    int rc = catch_up(s, unindexed, err);
    if (rc) {
        free(q);
        return rc;
    }
    sqlite3 *db = cx_store_db(s);
    /* the best articles, grouped by the story they are in now (a merge
     * moves its members: story_members names the surviving story) */
    char sql[1400];
    snprintf(sql, sizeof sql,
             "WITH hits AS (SELECT rowid AS aid, -bm25(article_search, %g, 1.0) AS score FROM article_search"
             "   WHERE article_search MATCH ?1 ORDER BY rank LIMIT %d),"
             " ranked AS (SELECT m.story_id AS story, max(h.score) AS best, count(*) AS matching"
             "   FROM hits h JOIN story_members m ON m.article_id = h.aid"
             "   GROUP BY m.story_id ORDER BY best DESC, matching DESC, story LIMIT ?2)"
             " SELECT st.id, st.title, st.first_seen, st.last_seen, st.updated_at, st.size, st.n_duplicates,"
             "  st.n_outlets, (SELECT group_concat(source, char(31)) FROM (SELECT source FROM story_outlets o"
             "   WHERE o.story_id = st.id ORDER BY n DESC, source)), ranked.best, ranked.matching"
             " FROM ranked JOIN stories st ON st.id = ranked.story ORDER BY ranked.best DESC, ranked.matching DESC,"
             " st.id",
             TITLE_WEIGHT, SEARCH_DEPTH);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        free(q);
        return db_fail(s, err, "searching stories");
    }
    sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, (int64_t)limit);
    free(q);
    cx_story_hit *v = NULL;
    size_t cap = 0, count = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        cx_story_hit h = {0};
        h.info.id = sqlite3_column_int64(st, 0);
        h.info.title = col_str(st, 1);
        h.info.first_seen = col_time(st, 2);
        h.info.last_seen = col_time(st, 3);
        h.info.updated_at = sqlite3_column_int64(st, 4);
        h.info.size = (size_t)sqlite3_column_int64(st, 5);
        h.info.n_duplicates = (size_t)sqlite3_column_int64(st, 6);
        h.info.n_outlets = (size_t)sqlite3_column_int64(st, 7);
        h.info.outlets = col_str(st, 8);
        h.score = sqlite3_column_double(st, 9);
        h.matching = (size_t)sqlite3_column_int64(st, 10);
        if (CX_PUSH(v, count, cap, h)) {
            free(h.info.title), free(h.info.outlets);
            rc = cx_fail(err, CHORUS_ENOMEM, "out of memory");
            break;
        }
    }
    if (!rc && r != SQLITE_DONE) rc = db_fail(s, err, "searching stories");
    sqlite3_finalize(st);
    if (rc) {
        cx_story_hits_free(v, count);
        return rc;
    }
    *out = v;
    *n = count;
    return 0;
}

void cx_story_hits_free(cx_story_hit *v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i].info.title), free(v[i].info.outlets);
    free(v);
}

int chorus_store_search(const char *db_path, const char *query, size_t limit, chorus_story_match **out,
                        size_t *n, size_t *unindexed, chorus_error *err)
{
    *out = NULL;
    *n = 0;
    cx_store *s;
    int rc = cx_store_open(db_path, CX_STORE_READ, &s, err);
    if (rc) return rc;
    cx_story_hit *h;
    size_t nh;
    rc = cx_store_search(s, query, limit, &h, &nh, unindexed, err);
    cx_store_close(s);
    if (rc) return rc;
    chorus_story_match *v = calloc(nh ? nh : 1, sizeof *v);
    if (!v) {
        cx_story_hits_free(h, nh);
        return cx_fail(err, CHORUS_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < nh; i++) {
        const cx_story_info *in = &h[i].info;
        v[i] = (chorus_story_match){in->id, in->title, in->size, in->n_duplicates, in->n_outlets, in->outlets,
                                    in->first_seen, in->last_seen, in->updated_at, h[i].score, h[i].matching};
        h[i].info.title = h[i].info.outlets = NULL; /* moved */
    }
    cx_story_hits_free(h, nh);
    *out = v;
    *n = nh;
    return 0;
}

void chorus_story_matches_free(chorus_story_match *v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i].title), free(v[i].outlets);
    free(v);
}
