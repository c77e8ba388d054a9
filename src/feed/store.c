/* The SQLite article store (schema in docs/store.md). */
#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>
#include <zstd.h>

#include "cluster.h"
#include "engine_snapshot.h"
#include "store.h"
#include "story_titles.h"
#include "u64map.h"
#include "util.h"

/* Prepared statements, one per thing the store does often. */
enum {
    Q_MAX_ID,
    Q_INSERT_ARTICLE,
    Q_INSERT_STORY,
    Q_UPDATE_STORY,
    Q_ADD_OUTLET,
    Q_INSERT_MEMBER,
    Q_COUNT
};

static const char *const query_sql[Q_COUNT] = {
    [Q_MAX_ID] = "SELECT coalesce(max(id), 0) FROM articles",
    [Q_INSERT_ARTICLE] =
        "INSERT INTO articles(id, ext_id, content_hash, source, url, title, author, published,"
        " published_text, text, origin, assigned_story, duplicate_of, similarity,"
        " ingested_at, features) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
        " ?13, ?14, ?15, ?16)",
    [Q_INSERT_STORY] = "INSERT INTO stories(id, title, title_from_text, size, n_duplicates, n_outlets,"
                       " created_at, updated_at) VALUES (?1, ?2, ?4, 0, 0, 0, ?3, ?3)",
    /* ?1 story, ?2 +reports, ?3 +duplicates, ?4 +outlets, ?5 published, ?6 now, ?7 title,
     * ?8 1 when that title is the article's first line, not its headline */
    [Q_UPDATE_STORY] =
        "UPDATE stories SET size = size + ?2, n_duplicates = n_duplicates + ?3,"
        " n_outlets = n_outlets + ?4,"
        " first_seen = CASE WHEN ?5 IS NULL THEN first_seen"
        "   WHEN first_seen IS NULL OR ?5 < first_seen THEN ?5 ELSE first_seen END,"
        " last_seen = CASE WHEN ?5 IS NULL THEN last_seen"
        "   WHEN last_seen IS NULL OR ?5 > last_seen THEN ?5 ELSE last_seen END,"
        " updated_at = ?6,"
        /* a headline replaces a title made from an article's first line */
        " title = CASE WHEN title IS NULL OR (title_from_text AND NOT ?8 AND ?7 IS NOT NULL) THEN ?7"
        "   ELSE title END,"
        " title_from_text = CASE WHEN title IS NULL THEN ?8"
        "   WHEN title_from_text AND NOT ?8 AND ?7 IS NOT NULL THEN 0 ELSE title_from_text END"
        " WHERE id = ?1",
    [Q_ADD_OUTLET] = "INSERT INTO story_outlets(story_id, source, n) VALUES (?1, ?2, 1)"
                     " ON CONFLICT(story_id, source) DO UPDATE SET n = n + 1 RETURNING n",
    [Q_INSERT_MEMBER] = "INSERT INTO story_members(article_id, story_id, published, is_copy, source)"
                        " VALUES (?1, ?2, ?3, ?4, ?5)",
};

/* Version 2 added the consolidation log (a version 1 store never
 * consolidated); version 3 moved story membership out of the wide article
 * rows into story_members, so that a move or a merge rewrites a few bytes,
 * not an article's text and features. */
#define CONSOLIDATIONS_SQL                                                                         \
    "CREATE TABLE consolidations (\n"                                                               \
    "  id INTEGER PRIMARY KEY,\n"                                                                   \
    "  after_article INTEGER NOT NULL,\n"                                                           \
    "  moved INTEGER NOT NULL,\n"                                                                   \
    "  consolidated_at INTEGER NOT NULL\n"                                                          \
    ");\n"

#define STORY_MEMBERS_SQL_WITH(more_columns)                                                       \
    "CREATE TABLE story_members (\n"                                                                \
    "  article_id INTEGER PRIMARY KEY,\n"                                                           \
    "  story_id INTEGER NOT NULL,\n"                                                                \
    "  published INTEGER,\n"                                                                        \
    "  is_copy INTEGER NOT NULL,\n"                                                                 \
    "  source TEXT NOT NULL" more_columns "\n"                                                      \
    ");\n"                                                                                          \
    "CREATE INDEX story_members_by_story ON story_members(story_id, published);\n"
#define STORY_MEMBERS_SQL STORY_MEMBERS_SQL_WITH("")
/* Version 4 keeps each report's headline beside its story: titling a story
 * (story_titles.h) reads its members' rows, not every article's wide row
 * (text and features), which at a million articles were mostly outside
 * SQLite's cache and cost a file read each. */
#define STORY_MEMBERS_V4_SQL STORY_MEMBERS_SQL_WITH(",\n  title TEXT")
#define INSERT_MEMBER_V4_SQL                                                                       \
    "INSERT INTO story_members(article_id, story_id, published, is_copy, source, title)"            \
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"

/* The clustering engine's state when the last writing handle closed, so
 * that an open does not replay every article (engine_snapshot.h). Only valid
 * while after_article is the last article; replaying is always the fallback.
 * IF NOT EXISTS: a writer recreates it when it was dropped. */
#define ENGINE_SNAPSHOT_SQL                                                                        \
    "CREATE TABLE IF NOT EXISTS engine_snapshot (\n"                                               \
    "  part INTEGER PRIMARY KEY,\n"                                                                \
    "  after_article INTEGER NOT NULL,\n"                                                          \
    "  format INTEGER NOT NULL,\n"                                                                 \
    "  data BLOB NOT NULL\n"                                                                       \
    ");\n"

/* A record that repeats a stored one (same outlet and text) under another
 * id is stored once; its id is kept here so that every input id can be
 * found in the store (its story is the stored record's). Added beside any
 * schema version: a store without the table has no repeats recorded. */
#define ALIASES_SQL                                                                                \
    "CREATE TABLE IF NOT EXISTS article_aliases (\n"                                               \
    "  ext_id TEXT NOT NULL,\n"                                                                    \
    "  article_id INTEGER NOT NULL,\n"                                                             \
    "  PRIMARY KEY (article_id, ext_id)\n"                                                         \
    ") WITHOUT ROWID;\n"

/* From version 1 or 2: membership out of the article rows. */
static const char upgrade_to_3_sql[] =
    STORY_MEMBERS_SQL
    ENGINE_SNAPSHOT_SQL
    "INSERT INTO story_members(article_id, story_id, published, is_copy, source)"
    " SELECT id, story_id, published, duplicate_of IS NOT NULL, source FROM articles;\n"
    "ALTER TABLE stories ADD COLUMN title_from_text INTEGER NOT NULL DEFAULT 0;\n"
    "DROP INDEX articles_by_story;\n"
    "ALTER TABLE articles DROP COLUMN story_id;\n"
    "PRAGMA user_version = 3;\n";

/* Version 4: the content hashes of each stored batch in one row (the ids
 * first_article, first_article + 1, ... in order), read on open into the
 * identity set, instead of a UNIQUE index on articles.content_hash: random
 * 16-byte keys dirtied about one index page per stored article once the
 * store is large, written to the WAL and again at each checkpoint. A
 * version 3 file keeps its index and is read and written as it is. */
#define ARTICLE_HASHES_SQL                                                                         \
    "CREATE TABLE article_hashes (\n"                                                               \
    "  first_article INTEGER PRIMARY KEY,\n"                                                        \
    "  hashes BLOB NOT NULL\n"                                                                      \
    ");\n"

static const char schema_sql[] =
    "CREATE TABLE articles (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  ext_id TEXT,\n"
    "  content_hash BLOB NOT NULL,\n"
    "  source TEXT NOT NULL,\n"
    "  url TEXT,\n"
    "  title TEXT,\n"
    "  author TEXT,\n"
    "  published INTEGER,\n"
    "  published_text TEXT,\n"
    "  text TEXT NOT NULL,\n"
    "  origin TEXT,\n"
    "  assigned_story INTEGER NOT NULL,\n"
    "  duplicate_of INTEGER,\n"
    "  similarity REAL,\n"
    "  ingested_at INTEGER NOT NULL,\n"
    "  features BLOB NOT NULL\n"
    ");\n"
    STORY_MEMBERS_V4_SQL
    "CREATE TABLE stories (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  title TEXT,\n"
    "  title_from_text INTEGER NOT NULL DEFAULT 0,\n"
    "  first_seen INTEGER,\n"
    "  last_seen INTEGER,\n"
    "  size INTEGER NOT NULL,\n"
    "  n_duplicates INTEGER NOT NULL,\n"
    "  n_outlets INTEGER NOT NULL,\n"
    "  merged_into INTEGER,\n"
    "  created_at INTEGER NOT NULL,\n"
    "  updated_at INTEGER NOT NULL\n"
    ");\n"
    "CREATE INDEX stories_by_last_seen ON stories(last_seen);\n"
    "CREATE TABLE story_outlets (\n"
    "  story_id INTEGER NOT NULL,\n"
    "  source TEXT NOT NULL,\n"
    "  n INTEGER NOT NULL,\n"
    "  PRIMARY KEY (story_id, source)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE story_merges (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  from_story INTEGER NOT NULL,\n"
    "  into_story INTEGER NOT NULL,\n"
    "  at_article INTEGER NOT NULL,\n"
    "  merged_at INTEGER NOT NULL\n"
    ");\n"
    CONSOLIDATIONS_SQL
    ARTICLE_HASHES_SQL
    ENGINE_SNAPSHOT_SQL;

#define N_MERGE_SQL 7

struct cx_store {
    cx_cluster_params params; /* the store's remembered clustering options */
    sqlite3 *db;
    char *path;
    int mode;
    char notice[256]; /* something the user should know about the open (a snapshot rebuilt) */
    int broken; /* a batch failed, the engine is ahead of the database: refuse more writes */
    struct writer *w;      /* the writer thread, from the first ingest to the close (NULL: none) */
    pthread_t w_thread;
    double w_cpu_counted;  /* of the writer's CPU seconds, those already added to an ingest's stats */
    cx_clusterer *cl;
    int64_t next_id;
    size_t n_articles;
    sqlite3_stmt *q[Q_COUNT];
    sqlite3_stmt *merge_q[N_MERGE_SQL]; /* merge_story's, prepared on first use */
    ZSTD_CCtx *zc;       /* the writer's: features are stored compressed */
    unsigned char *zbuf;
    size_t zcap;
    cx_u64map seen; /* content hashes known (see seen_add) */
    int64_t *seen_ids; /* by seen index: the stored article of that hash (0: none); the decisions' */
    size_t seen_ids_cap;
    int hash_blocks;   /* version 4: hashes in article_hashes, no index on content_hash, */
    int member_titles; /* and story_members.title */
    sqlite3_stmt *alias_q, *hashes_q; /* the writer's, prepared on first use */
    cx_store_progress_fn progress;
    cx_store_skip_fn skip;
    void *cb_ctx;
    size_t consolidate_every; /* 0: never */
    int64_t last_regroup;     /* article id of the last consolidation */
    int64_t snapshot_after;   /* the engine snapshot in the file is after this article (-1: none) */
    int has_aliases;          /* the file has the article_aliases table */
    int has_titles;           /* the store keeps story titles (story_titles.h) */
};

static int64_t seen_add(cx_store *s, const unsigned char key[16], int *known);
static int writer_wait(cx_store *s, cx_ingest_stats *st, chorus_error *err);
static void writer_stop(cx_store *s);
static int seen_remember(cx_store *s, int64_t index, int64_t article);

/* The calling thread's CPU time in seconds (per-stage accounting). */
static double thread_cpu(void)
{
    struct timespec t;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)) return 0;
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Before a query on a writing handle: the batches the writer still holds
 * are written first (their errors are reported by the next ingest or
 * cx_store_flush), and the connection is the caller's until the next ingest. */
static void settle(cx_store *s)
{
    if (s->w) writer_wait(s, NULL, NULL);
}

struct sqlite3 *cx_store_db(cx_store *s)
{
    settle(s);
    return s->db;
}
const char *cx_store_path(const cx_store *s) { return s->path; }

static int db_fail(cx_store *s, chorus_error *err, const char *what)
{
    return cx_fail(err, CHORUS_EDB, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

static int exec(cx_store *s, const char *sql, chorus_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = cx_fail(err, CHORUS_EDB, "%s: %s", s->path, msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return rc;
    }
    return 0;
}

static int64_t query_int(cx_store *s, const char *sql, int64_t fallback)
{
    sqlite3_stmt *st;
    int64_t v = fallback;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return fallback;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The id of the last stored article (0: none, -1: the query failed). */
static int64_t last_stored_id(cx_store *s)
{
    sqlite3_stmt *mx = s->q[Q_MAX_ID];
    int64_t id = sqlite3_step(mx) == SQLITE_ROW ? sqlite3_column_int64(mx, 0) : -1;
    sqlite3_reset(mx);
    return id;
}

static int create_or_check_schema(cx_store *s, chorus_error *err)
{
    /* Readers must not take the write lock: an ingest may be running. */
    int rc = exec(s, s->mode == CX_STORE_WRITE ? "BEGIN IMMEDIATE" : "BEGIN", err);
    if (rc) return rc;
    int64_t version = query_int(s, "PRAGMA user_version", -1);
    int64_t tables = query_int(s, "SELECT count(*) FROM sqlite_schema", -1);
    if (version == 0 && tables == 0 && s->mode == CX_STORE_WRITE) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", CX_STORE_SCHEMA_VERSION);
        if ((rc = exec(s, schema_sql, err)) || (rc = exec(s, pragma, err))) {
            exec(s, "ROLLBACK", NULL);
            return rc;
        }
        s->hash_blocks = s->member_titles = 1;
        return exec(s, "COMMIT", err);
    }
    exec(s, "ROLLBACK", NULL);
    if ((version == 1 || version == 2) && s->mode == CX_STORE_READONLY)
        return cx_fail(err, CHORUS_EDB, "%s: store schema version %lld: open it once with chorus ingest or"
                                        " chorus stories to upgrade it to version 3",
                       s->path, (long long)version);
    if (version == 1 || version == 2) {
        /* An older store is upgraded by whoever opens it first, reader or
         * writer: it takes the write lock once and checks again. */
        if ((rc = exec(s, "BEGIN IMMEDIATE", err))) return rc;
        version = query_int(s, "PRAGMA user_version", -1);
        if (version == 1 || version == 2) {
            rc = exec(s, version == 1 ? CONSOLIDATIONS_SQL : "", err);
            if (!rc) rc = exec(s, upgrade_to_3_sql, err);
            if (rc) {
                char why[sizeof err->message];
                snprintf(why, sizeof why, "%s", err ? err->message : "");
                exec(s, "ROLLBACK", NULL);
                return cx_fail(err, rc, "upgrading the store from schema version %lld to 3 failed: %s",
                               (long long)version, why);
            }
            version = 3;
        }
        if ((rc = exec(s, "COMMIT", err))) return rc;
    }
    if (version == 0 && tables == 0)
        return cx_fail(err, CHORUS_EDB, "%s: empty store (nothing ingested yet)", s->path);
    if (version == 0)
        return cx_fail(err, CHORUS_EDB, "%s: not a chorus store (an SQLite file with other tables)",
                       s->path);
    /* Version 3 (an index on the content hashes) is read and written as it
     * is: rebuilding the article rows without the index costs more than the
     * index does. */
    if (version != 3 && version != CX_STORE_SCHEMA_VERSION)
        return cx_fail(err, CHORUS_EDB, "%s: store schema version %lld, this chorus reads versions 3 and %d",
                       s->path, (long long)version, CX_STORE_SCHEMA_VERSION);
    s->hash_blocks = s->member_titles = version == CX_STORE_SCHEMA_VERSION;
    return 0;
}

/* Replay the stored decisions, in the order they were made, into a fresh
 * engine: merges noted at an article are replayed before it, as they were
 * made while that article was being placed. */
/* An article's stored features (a zstd-compressed blob in column col of
 * row): decompressed into *zbuf (grown as needed) and read into *out.
 * CHORUS_EFORMAT when the blob is damaged, CHORUS_ENOMEM when out of memory. */
static int stored_features(cx_clusterer *cl, ZSTD_DCtx *dz, unsigned char **zbuf, size_t *zcap,
                           sqlite3_stmt *row, int col, cx_features **out)
{
    const unsigned char *blob = sqlite3_column_blob(row, col);
    size_t len = (size_t)sqlite3_column_bytes(row, col);
    unsigned long long raw = blob ? ZSTD_getFrameContentSize(blob, len) : ZSTD_CONTENTSIZE_ERROR;
    if (raw > CHORUS_MAX_INPUT_BYTES) return CHORUS_EFORMAT; /* also the error values */
    if (raw > *zcap) {
        free(*zbuf);
        *zcap = (size_t)raw * 2;
        if (!(*zbuf = cx_malloc(*zcap))) {
            *zcap = 0;
            return CHORUS_ENOMEM;
        }
    }
    size_t got = ZSTD_decompressDCtx(dz, *zbuf, *zcap, blob, len);
    return ZSTD_isError(got) || got != raw ? CHORUS_EFORMAT : cx_features_deserialize(cl, *zbuf, got, out);
}

static int replay_engine(cx_store *s, chorus_error *err)
{
    cx_cluster_params p = s->params;
    s->cl = cx_clusterer_new(&p);
    if (!s->cl) return cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", s->path);
    sqlite3_stmt *arts = NULL, *merges = NULL, *regroups = NULL;
    ZSTD_DCtx *dz = ZSTD_createDCtx();
    unsigned char *zbuf = NULL;
    size_t zcap = 0;
    int rc = 0;
    if (!dz) return cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", s->path);
    if (sqlite3_prepare_v2(s->db,
                           "SELECT id, features, assigned_story, duplicate_of, content_hash FROM articles"
                           " ORDER BY id",
                           -1, &arts, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
                           "SELECT from_story, into_story, at_article FROM story_merges ORDER BY id",
                           -1, &merges, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "SELECT after_article FROM consolidations ORDER BY id", -1, &regroups,
                           NULL) != SQLITE_OK) {
        rc = db_fail(s, err, "reading the stored decisions");
        goto done;
    }
    int mstep = sqlite3_step(merges);
    int cstep = sqlite3_step(regroups);
    int astep;
    while ((astep = sqlite3_step(arts)) == SQLITE_ROW) {
        int64_t key = sqlite3_column_int64(arts, 0);
        while (mstep == SQLITE_ROW && sqlite3_column_int64(merges, 2) <= key) {
            rc = cx_clusterer_note_merge(s->cl, sqlite3_column_int64(merges, 0),
                                         sqlite3_column_int64(merges, 1));
            if (rc) {
                cx_fail(err, rc, "%s: replaying a story merge failed", s->path);
                goto done;
            }
            mstep = sqlite3_step(merges);
        }
        cx_features *f = NULL;
        rc = stored_features(s->cl, dz, &zbuf, &zcap, arts, 1, &f);
        if (rc == CHORUS_ENOMEM) {
            rc = cx_fail(err, rc, "%s: out of memory", s->path);
            goto done;
        }
        if (rc) {
            cx_fail(err, rc, "%s: article %lld: stored features are unreadable", s->path,
                    (long long)key);
            goto done;
        }
        int64_t dup = sqlite3_column_type(arts, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64(arts, 3);
        rc = cx_clusterer_restore(s->cl, key, f, sqlite3_column_int64(arts, 2), dup);
        cx_features_free(f);
        if (rc) {
            cx_fail(err, rc, "%s: article %lld: restoring the clustering state failed", s->path,
                    (long long)key);
            goto done;
        }
        /* Regroupings made after this article are made again: they are
         * deterministic, and the moves they made are already in the file. */
        while (cstep == SQLITE_ROW && sqlite3_column_int64(regroups, 0) <= key) {
            cx_consolidation again;
            if ((rc = cx_clusterer_consolidate(s->cl, &again))) {
                cx_fail(err, rc, "%s: replaying a consolidation failed", s->path);
                goto done;
            }
            cx_consolidation_free(&again);
            s->last_regroup = key;
            cstep = sqlite3_step(regroups);
        }
        unsigned char hash[16] = {0};
        if (sqlite3_column_bytes(arts, 4) == 16) memcpy(hash, sqlite3_column_blob(arts, 4), 16);
        int known;
        int64_t at = seen_add(s, hash, &known);
        if (at < 0 || (!known && seen_remember(s, at, key))) {
            rc = cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", s->path);
            goto done;
        }
        s->n_articles++;
    }
    if (astep != SQLITE_DONE) {
        rc = db_fail(s, err, "reading the stored decisions");
        goto done;
    }
    while (mstep == SQLITE_ROW) { /* merges after the last article cannot happen, but be exact */
        if ((rc = cx_clusterer_note_merge(s->cl, sqlite3_column_int64(merges, 0),
                                          sqlite3_column_int64(merges, 1)))) {
            cx_fail(err, rc, "%s: replaying a story merge failed", s->path);
            goto done;
        }
        mstep = sqlite3_step(merges);
    }
done:
    sqlite3_finalize(arts);
    sqlite3_finalize(merges);
    sqlite3_finalize(regroups);
    ZSTD_freeDCtx(dz);
    free(zbuf);
    return rc;
}

/* Snapshot parts stay well below SQLite's 1 GB limit on a value. */
#define SNAPSHOT_PART_BYTES ((size_t)256 << 20)

/* The stored content hashes and their articles into the identity set:
 * version 4 from the per-batch rows of article_hashes, which must cover the
 * ids 1..last_article without a gap; version 3 from the index on
 * articles.content_hash (never the wide article rows). Returns the number of
 * articles, or -1 (damaged, out of memory). */
static int64_t load_hashes(cx_store *s, int64_t last_article)
{
    sqlite3_stmt *q = NULL;
    int64_t n = 0;
    int step = SQLITE_ERROR;
    if (s->hash_blocks) {
        if (sqlite3_prepare_v2(s->db, "SELECT first_article, hashes FROM article_hashes ORDER BY first_article", -1,
                               &q, NULL) != SQLITE_OK)
            return -1;
        while ((step = sqlite3_step(q)) == SQLITE_ROW) {
            int64_t first = sqlite3_column_int64(q, 0);
            const unsigned char *h = sqlite3_column_blob(q, 1);
            size_t len = (size_t)sqlite3_column_bytes(q, 1);
            if (first != n + 1 || !h || !len || len % 16) break; /* a gap or a cut row */
            for (size_t k = 0; k < len / 16; k++, n++) {
                int known;
                int64_t at = seen_add(s, h + 16 * k, &known);
                if (at < 0 || (!known && seen_remember(s, at, first + (int64_t)k))) goto fail;
            }
        }
        if (step != SQLITE_DONE || n != last_article) goto fail;
    } else {
        /* ORDER BY the indexed column: SQLite reads the index alone. */
        if (sqlite3_prepare_v2(s->db, "SELECT content_hash, id FROM articles ORDER BY content_hash", -1, &q, NULL) !=
            SQLITE_OK)
            return -1;
        while ((step = sqlite3_step(q)) == SQLITE_ROW) {
            unsigned char hash[16] = {0};
            if (sqlite3_column_bytes(q, 0) == 16) memcpy(hash, sqlite3_column_blob(q, 0), 16);
            int known;
            int64_t at = seen_add(s, hash, &known);
            if (at < 0 || (!known && seen_remember(s, at, sqlite3_column_int64(q, 1)))) goto fail;
            n++;
        }
        if (step != SQLITE_DONE) goto fail;
    }
    sqlite3_finalize(q);
    return n;
fail:
    sqlite3_finalize(q);
    return -1;
}

/* The engine from the stored snapshot, when it was taken after the last
 * stored article with this format, and the known content hashes
 * (load_hashes). Returns 0, or -1 when the caller must replay (no snapshot,
 * a stale or unreadable one: never an error). */
static int load_snapshot(cx_store *s, const cx_cluster_params *p)
{
    int64_t last_article = s->next_id - 1;
    sqlite3_stmt *q = NULL;
    unsigned char *packed = NULL, *raw = NULL;
    size_t packed_len = 0, packed_cap = 0;
    int rc = -1, invalid = 0;
    if (last_article <= 0 ||
        sqlite3_prepare_v2(s->db, "SELECT part, after_article, format, data FROM engine_snapshot ORDER BY part",
                           -1, &q, NULL) != SQLITE_OK)
        goto done; /* no table: a store from before snapshots */
    int64_t parts = 0;
    int step;
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        if (sqlite3_column_int64(q, 0) != parts++ || sqlite3_column_int64(q, 1) != last_article ||
            sqlite3_column_int64(q, 2) != CX_ENGINE_SNAPSHOT_FORMAT)
            goto done;
        size_t n = (size_t)sqlite3_column_bytes(q, 3);
        const void *data = sqlite3_column_blob(q, 3);
        if (!n || !data || cx_grow((void **)&packed, &packed_cap, packed_len + n, 1)) goto done;
        memcpy(packed + packed_len, data, n);
        packed_len += n;
    }
    if (step != SQLITE_DONE || !parts) goto done;
    /* From here on the snapshot is current: failing to load it means damage. */
    invalid = 1;
    unsigned long long raw_len = ZSTD_getFrameContentSize(packed, packed_len);
    if (raw_len == ZSTD_CONTENTSIZE_ERROR || raw_len == ZSTD_CONTENTSIZE_UNKNOWN || raw_len > SIZE_MAX / 2 ||
        !(raw = malloc((size_t)raw_len + 1)))
        goto done;
    size_t got = ZSTD_decompress(raw, (size_t)raw_len, packed, packed_len); /* checks the frame checksum */
    free(packed);
    packed = NULL;
    int64_t last_regroup = 0;
    if (ZSTD_isError(got) || got != raw_len || cx_engine_snapshot_load(raw, got, p, &s->cl, &last_regroup))
        goto done;
    free(raw);
    raw = NULL;
    sqlite3_finalize(q);
    q = NULL;
    int64_t n_articles = load_hashes(s, last_article);
    if (n_articles < 0) goto done;
    s->n_articles = (size_t)n_articles;
    s->last_regroup = last_regroup;
    s->snapshot_after = last_article;
    rc = 0;
done:
    if (rc && invalid)
        snprintf(s->notice, sizeof s->notice,
                 "%s: the saved clustering state is damaged or inconsistent (its size, counts, links or"
                 " checksum): rebuilt from the stored articles", s->path);
    sqlite3_finalize(q);
    free(packed);
    free(raw);
    return rc;
}

/* The engine as the stored decisions left it: from the snapshot when it is
 * current, else by replaying them. */
static int restore_engine(cx_store *s, chorus_error *err)
{
    cx_cluster_params p = s->params;
    s->consolidate_every = p.window_articles ? p.consolidate_every : 0;
    s->snapshot_after = -1;
    if (load_snapshot(s, &p) == 0) return 0;
    cx_clusterer_free(s->cl);
    s->cl = NULL;
    cx_u64map_free(&s->seen);
    free(s->seen_ids);
    s->seen_ids = NULL;
    s->seen_ids_cap = 0;
    s->n_articles = 0;
    s->last_regroup = 0;
    return replay_engine(s, err);
}

int cx_store_restored_from_snapshot(const cx_store *s) { return s->snapshot_after >= 0; }

const char *cx_store_notice(const cx_store *s) { return s->notice[0] ? s->notice : NULL; }

/* Save the engine's state after the last stored article (when a writing
 * handle closes), in its own transaction once the writer has committed every
 * batch: the engine then matches the file, and a kill in between only leaves
 * a stale snapshot, which the next open replaces by a replay. Failing here
 * loses nothing (the next open replays), so it is not an ingest error. */
static void write_snapshot(cx_store *s)
{
    int64_t last_article = s->next_id - 1;
    unsigned char *raw = NULL, *packed = NULL;
    size_t raw_len = 0;
    ZSTD_CCtx *zc = NULL;
    sqlite3_stmt *ins = NULL;
    if (cx_engine_snapshot_save(s->cl, s->last_regroup, &raw, &raw_len)) return;
    size_t bound = ZSTD_compressBound(raw_len);
    if (!(zc = ZSTD_createCCtx()) || !(packed = malloc(bound))) goto done;
    ZSTD_CCtx_setParameter(zc, ZSTD_c_compressionLevel, 1);
    ZSTD_CCtx_setParameter(zc, ZSTD_c_checksumFlag, 1); /* a damaged snapshot is refused, not loaded */
    size_t packed_len = ZSTD_compress2(zc, packed, bound, raw, raw_len);
    free(raw);
    raw = NULL;
    if (ZSTD_isError(packed_len) || exec(s, "BEGIN IMMEDIATE", NULL)) goto done;
    int ok = last_stored_id(s) == last_article && /* no other writer */
             !exec(s, ENGINE_SNAPSHOT_SQL "DELETE FROM engine_snapshot;", NULL) &&
             sqlite3_prepare_v2(s->db,
                                "INSERT INTO engine_snapshot(part, after_article, format, data)"
                                " VALUES (?1, ?2, ?3, ?4)",
                                -1, &ins, NULL) == SQLITE_OK;
    for (size_t at = 0, part = 0; ok && at < packed_len; at += SNAPSHOT_PART_BYTES, part++) {
        size_t n = packed_len - at < SNAPSHOT_PART_BYTES ? packed_len - at : SNAPSHOT_PART_BYTES;
        sqlite3_bind_int64(ins, 1, (int64_t)part);
        sqlite3_bind_int64(ins, 2, last_article);
        sqlite3_bind_int(ins, 3, CX_ENGINE_SNAPSHOT_FORMAT);
        sqlite3_bind_blob(ins, 4, packed + at, (int)n, SQLITE_STATIC);
        ok = sqlite3_step(ins) == SQLITE_DONE;
        sqlite3_reset(ins);
    }
    if (ok && !exec(s, "COMMIT", NULL)) s->snapshot_after = last_article;
    else exec(s, "ROLLBACK", NULL);
done:
    sqlite3_finalize(ins);
    ZSTD_freeCCtx(zc);
    free(packed);
    free(raw);
}

/* Clustering options a store remembers (name, value), so that every ingest
 * into it decides alike unless told otherwise. */
#define SETTINGS_SQL "CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value REAL NOT NULL);"

static const char *const option_names[] = {CX_CLUSTER_OPTION_NAMES};
#define N_OPTIONS (sizeof option_names / sizeof *option_names)

static int option_index(const char *name)
{
    for (size_t i = 0; i < N_OPTIONS; i++)
        if (!strcmp(option_names[i], name)) return (int)i;
    return -1;
}

/* The defaults, then the remembered options, then the given ones (in the
 * order of option_names, so the window comes before what it implies); a
 * writer remembers the given ones. */
static int settle_params(cx_store *s, const char *const *names, const double *values, size_t n,
                         chorus_error *err)
{
    cx_cluster_params_default(&s->params);
    double value[N_OPTIONS];
    unsigned char set[N_OPTIONS] = {0};
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT name, value FROM settings", -1, &q, NULL) == SQLITE_OK) {
        while (sqlite3_step(q) == SQLITE_ROW) {
            const char *name = (const char *)sqlite3_column_text(q, 0);
            int i = name ? option_index(name) : -1;
            if (i < 0) continue; /* an option of a later version */
            value[i] = sqlite3_column_double(q, 1);
            set[i] = 1;
        }
        sqlite3_finalize(q);
    }
    for (size_t k = 0; k < n; k++) {
        int i = option_index(names[k]);
        if (i < 0) return cx_fail(err, CHORUS_EINVAL, "unknown clustering option '%s'", names[k]);
        value[i] = values[k];
        set[i] = 2;
    }
    for (size_t i = 0; i < N_OPTIONS; i++)
        if (set[i] && cx_cluster_params_set(&s->params, option_names[i], value[i]))
            return cx_fail(err, CHORUS_EINVAL, "%s: clustering option %s: %g is out of range", s->path,
                           option_names[i], value[i]);
    if (!n || s->mode != CX_STORE_WRITE) return 0;
    int rc = exec(s, "BEGIN IMMEDIATE; " SETTINGS_SQL, err);
    if (rc) return rc;
    if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO settings(name, value) VALUES (?1, ?2)", -1, &q, NULL) !=
        SQLITE_OK) {
        exec(s, "ROLLBACK", NULL);
        return db_fail(s, err, "remembering the clustering options");
    }
    for (size_t i = 0; i < N_OPTIONS && rc == 0; i++) {
        if (set[i] != 2) continue;
        sqlite3_bind_text(q, 1, option_names[i], -1, SQLITE_STATIC);
        sqlite3_bind_double(q, 2, value[i]);
        if (sqlite3_step(q) != SQLITE_DONE) rc = db_fail(s, err, "remembering the clustering options");
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    if (rc) {
        exec(s, "ROLLBACK", NULL);
        return rc;
    }
    return exec(s, "COMMIT", err);
}

int cx_store_option(const cx_store *s, const char *name, double *value)
{
    return cx_cluster_params_get(&s->params, name, value);
}

static int is_access_error(int code)
{
    int primary = code & 0xff;
    return primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY || primary == SQLITE_PERM ||
           primary == SQLITE_IOERR || primary == SQLITE_AUTH;
}

/* "file:" URI of path with the characters a URI gives meaning escaped. */
static char *file_uri(const char *path, const char *query)
{
    cx_buf b;
    cx_buf_init(&b);
    int bad = cx_buf_puts(&b, "file:");
    for (const char *p = path; *p && !bad; p++)
        bad = (*p == '%' || *p == '?' || *p == '#') ? cx_buf_printf(&b, "%%%02X", (unsigned char)*p)
                                                    : cx_buf_putc(&b, *p);
    if (bad || cx_buf_puts(&b, query)) {
        cx_buf_free(&b);
        return NULL;
    }
    return cx_buf_take(&b);
}

/* Open the SQLite connection and check the schema. Writers create the file
 * and set WAL; readers change nothing but an old schema; immutable: the file
 * is read as it stands, without locks or WAL index, for read-only media. */
static int open_connection(cx_store *s, const char *path, int immutable, chorus_error *err)
{
    int writer = s->mode == CX_STORE_WRITE;
    /* A reader asks for write access too (granted only where the file
     * allows it) so that it can upgrade an older store's schema. */
    /* A read-only handle (CX_STORE_READONLY) opens the file like a reader
     * and is then made query-only: SQLite's own read-only open cannot
     * rebuild the WAL index a writer resets, and would fail (or fall back
     * to reading the file without locks) while an ingest writes. */
    int flags = immutable ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | (writer ? SQLITE_OPEN_CREATE : 0);
    char *uri = NULL;
    if (immutable) {
        if (!(uri = file_uri(path, "?immutable=1"))) return cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", path);
        flags |= SQLITE_OPEN_URI;
    }
    int ok = sqlite3_open_v2(uri ? uri : path, &s->db, flags, NULL) == SQLITE_OK;
    free(uri);
    if (!ok)
        return cx_fail(err, CHORUS_EDB, "%s: cannot open the store: %s", path,
                       s->db ? sqlite3_errmsg(s->db) : "out of memory");
    sqlite3_busy_timeout(s->db, 10000);
    /* WAL: readers never block the writer, and a killed writer leaves only
     * whole transactions. synchronous=NORMAL keeps that atomicity (a power
     * cut may lose the last commits, never corrupt). */
    /* 8 KB pages for a new file (an existing one keeps its own): an article's
     * row (text and features, about 2.4 KB) left a third of each 4 KB page
     * empty, so the store was a fifth larger and every batch wrote a fifth
     * more to the WAL and again at the checkpoint (100k articles: 351 ->
     * 291 MB, 9.5 -> 7.8 KB written per article). A checkpoint every 8,192
     * pages (64 MB of WAL), not SQLite's 1,000: a batch (CX_STORE_BATCH)
     * writes more pages than that, so the default checkpointed (and synced)
     * after every batch, copying the index and story pages that every batch
     * touches again each time. */
    int rc = exec(s, writer ? "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                              " PRAGMA wal_autocheckpoint = 8192;"
                              " PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;"
                            : "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY;",
                  err);
    if (!rc) rc = create_or_check_schema(s, err);
    if (!rc && writer) rc = exec(s, ALIASES_SQL, err);
    if (!rc) s->has_aliases = query_int(s, "SELECT count(*) FROM sqlite_schema WHERE name = 'article_aliases'", 0) > 0;
    if (!rc && s->mode == CX_STORE_READONLY) rc = exec(s, "PRAGMA query_only = 1", err);
    return rc;
}

int cx_store_open(const char *path, int mode, cx_store **out, chorus_error *err)
{
    return cx_store_open_with(path, mode, NULL, NULL, 0, out, err);
}

int cx_store_open_with(const char *path, int mode, const char *const *names, const double *values, size_t n,
                       cx_store **out, chorus_error *err)
{
    *out = NULL;
    cx_store *s = cx_calloc(1, sizeof *s);
    if (!s || !(s->path = cx_strdup(path))) {
        free(s);
        return cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", path);
    }
    s->mode = mode;
    s->snapshot_after = -1;
    int rc = open_connection(s, path, 0, err);
    /* Not for a query-only handle: it reads while an ingest may write, and
     * an immutable read of a file being written sees torn pages. */
    if (rc && mode == CX_STORE_READ && s->db && is_access_error(sqlite3_extended_errcode(s->db))) {
        /* A store on read-only media, or without write permission on it or
         * its directory: the WAL index cannot be made, so the file is read
         * as it stands (immutable), which needs no lock and writes nothing. */
        sqlite3_close(s->db);
        s->db = NULL;
        chorus_error first = err ? *err : (chorus_error){0};
        rc = open_connection(s, path, 1, err);
        if (rc && err && first.message[0]) *err = first;
    }
    if (rc) goto fail;
    if ((rc = settle_params(s, names, values, n, err))) goto fail;
    if (mode == CX_STORE_WRITE) {
        /* stored story titles: a store written by an older chorus gets them once */
        if (!(s->has_titles = cx_story_titles_present(s->db))) {
            if ((rc = exec(s, "BEGIN IMMEDIATE", err))) goto fail;
            if (cx_story_titles_create(s->db, s->member_titles) != SQLITE_OK) {
                rc = db_fail(s, err, "titling stories");
                exec(s, "ROLLBACK", NULL);
                goto fail;
            }
            if ((rc = exec(s, "COMMIT", err))) goto fail;
            s->has_titles = 1;
        }
    } else s->has_titles = cx_story_titles_present(s->db);
    for (int i = 0; i < Q_COUNT; i++)
        if (sqlite3_prepare_v3(s->db, i == Q_INSERT_MEMBER && s->member_titles ? INSERT_MEMBER_V4_SQL : query_sql[i],
                               -1, SQLITE_PREPARE_PERSISTENT, &s->q[i], NULL) != SQLITE_OK) {
            rc = db_fail(s, err, "preparing a query");
            goto fail;
        }
    /* One read transaction: the decisions replayed and the next id come
     * from the same snapshot even if another process writes meanwhile. */
    if ((rc = exec(s, "BEGIN", err))) goto fail;
    int64_t last_id = last_stored_id(s);
    s->next_id = (last_id > 0 ? last_id : 0) + 1;
    if (mode == CX_STORE_WRITE) rc = restore_engine(s, err);
    else if (mode == CX_STORE_READ) s->n_articles = (size_t)query_int(s, "SELECT count(*) FROM articles", 0);
    /* (a query-only handle is opened per server thread: it skips the count) */
    exec(s, "COMMIT", NULL);
    if (rc) goto fail;
    *out = s;
    return 0;
fail:
    cx_store_close(s);
    return rc;
}

void cx_store_close(cx_store *s)
{
    if (!s) return;
    writer_stop(s); /* every decided batch written (errors: see cx_store_flush) */
    /* Once per writing session, not per ingest call: the CLI ingests a long
     * feed in windows of 10,000 articles, and a snapshot of a large engine
     * takes most of a second. */
    if (s->mode == CX_STORE_WRITE && s->cl && !s->broken && s->snapshot_after != s->next_id - 1)
        write_snapshot(s);
    for (int i = 0; i < Q_COUNT; i++) sqlite3_finalize(s->q[i]);
    for (int i = 0; i < N_MERGE_SQL; i++) sqlite3_finalize(s->merge_q[i]);
    sqlite3_finalize(s->alias_q);
    sqlite3_finalize(s->hashes_q);
    if (s->db) sqlite3_close(s->db);
    if (s->cl) cx_clusterer_free(s->cl);
    ZSTD_freeCCtx(s->zc);
    free(s->zbuf);
    cx_u64map_free(&s->seen);
    free(s->seen_ids);
    free(s->path);
    free(s);
}

void cx_store_set_callbacks(cx_store *s, cx_store_progress_fn progress, cx_store_skip_fn skip,
                            void *ctx)
{
    s->progress = progress;
    s->skip = skip;
    s->cb_ctx = ctx;
}

size_t cx_store_article_count(const cx_store *s) { return s->n_articles; }

/* ---- ingest ------------------------------------------------------------- */

/* Identity of an article for idempotency: its outlet and its text with
 * whitespace runs collapsed (a re-export that only rewraps lines or changes
 * line endings is the same article). 128-bit XXH3, so collisions among
 * billions of articles stay negligible. */
static void content_hash(const chorus_article *a, unsigned char out[16])
{
    XXH3_state_t *st = XXH3_createState();
    char chunk[4096];
    size_t n = 0;
    XXH3_128bits_reset(st);
    const char *src = a->source ? a->source : "";
    XXH3_128bits_update(st, src, strlen(src) + 1);
    int space = 0;
    for (const char *p = a->text ? a->text : ""; *p; p++) {
        char c = *p;
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v') {
            space = n > 0 || space; /* leading whitespace is dropped */
            continue;
        }
        if (space) {
            if (n == sizeof chunk) XXH3_128bits_update(st, chunk, n), n = 0;
            chunk[n++] = ' ';
            space = 0;
        }
        if (n == sizeof chunk) XXH3_128bits_update(st, chunk, n), n = 0;
        chunk[n++] = c;
    }
    XXH3_128bits_update(st, chunk, n);
    XXH128_canonical_t canon;
    XXH128_canonicalFromHash(&canon, XXH3_128bits_digest(st));
    memcpy(out, canon.digest, 16);
    XXH3_freeState(st);
}

/* A story title when the first article has none: its first line, cut at a
 * word boundary. */
static char *title_from_text(const char *text)
{
    if (!text) return NULL;
    while (*text == ' ' || *text == '\n' || *text == '\t') text++;
    size_t n = strcspn(text, "\n");
    if (n > 100) {
        n = 100;
        while (n > 40 && text[n] != ' ') n--;
        while (n && (text[n] & 0xC0) == 0x80) n--; /* never cut inside a UTF-8 sequence */
    }
    return n ? cx_strndup(text, n) : NULL;
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *v)
{
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

static int step_done(cx_store *s, sqlite3_stmt *st, chorus_error *err, const char *what)
{
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return r == SQLITE_DONE ? 0 : db_fail(s, err, what);
}

/* Move everything of story `from` into `into` (one merge decided by the
 * engine while placing article `at`). */
static int merge_story(cx_store *s, int64_t from, int64_t into, int64_t at, int64_t now,
                       chorus_error *err)
{
    static const char *const sql[N_MERGE_SQL] = {
        /* 0: is the story still open (not merged already)? */
        "SELECT merged_into IS NULL FROM stories WHERE id = ?1",
        "UPDATE story_members SET story_id = ?2 WHERE story_id = ?1",
        "INSERT INTO story_outlets(story_id, source, n) SELECT ?2, source, n FROM story_outlets"
        " WHERE story_id = ?1 ON CONFLICT(story_id, source) DO UPDATE SET n = n + excluded.n",
        "DELETE FROM story_outlets WHERE story_id = ?1",
        "UPDATE stories SET size = size + (SELECT size FROM stories WHERE id = ?1),"
        " n_duplicates = n_duplicates + (SELECT n_duplicates FROM stories WHERE id = ?1),"
        " n_outlets = (SELECT count(*) FROM story_outlets WHERE story_id = ?2),"
        " first_seen = (SELECT min(first_seen) FROM stories WHERE id IN (?1, ?2)),"
        " last_seen = (SELECT max(last_seen) FROM stories WHERE id IN (?1, ?2)),"
        " updated_at = ?4 WHERE id = ?2",
        "UPDATE stories SET merged_into = ?2, updated_at = ?4 WHERE id = ?1",
        "INSERT INTO story_merges(from_story, into_story, at_article, merged_at)"
        " VALUES (?1, ?2, ?3, ?4)",
    };
    /* Prepared once per handle: a feed makes a merge every few articles. */
    for (size_t i = 0; i < N_MERGE_SQL; i++)
        if (!s->merge_q[i] &&
            sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->merge_q[i], NULL) != SQLITE_OK)
            return db_fail(s, err, "merging stories");
    /* A merge of a story into itself, or of one already merged, moves
     * nothing; it is still logged so that a restore replays exactly what the
     * engine reported. */
    size_t first = 1;
    if (from == into) first = N_MERGE_SQL - 1;
    else {
        sqlite3_stmt *q = s->merge_q[0];
        sqlite3_bind_int64(q, 1, from);
        int open_story = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0);
        sqlite3_reset(q);
        sqlite3_clear_bindings(q);
        if (!open_story) first = N_MERGE_SQL - 1;
    }
    for (size_t i = first; i < N_MERGE_SQL; i++) {
        sqlite3_stmt *st = s->merge_q[i];
        sqlite3_bind_int64(st, 1, from);
        sqlite3_bind_int64(st, 2, into);
        if (sqlite3_bind_parameter_count(st) >= 3) {
            sqlite3_bind_int64(st, 3, at);
            sqlite3_bind_int64(st, 4, now);
        }
        int r = sqlite3_step(st);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        if (r != SQLITE_DONE) return db_fail(s, err, "merging stories");
    }
    return 0;
}

/* The ingest runs on two threads: the caller's thread decides (identity,
 * features, clustering: the engine is single-threaded and order matters) and
 * a writer thread stores the decisions of each batch in one transaction, so
 * SQLite's work overlaps the next batch's decisions. The engine may be ahead
 * of the file by the batches in flight; if the process dies, the next open
 * rebuilds the engine from the file, which holds whole batches only. */

typedef struct pending_row {
    chorus_article a; /* a copy (its strings in a_mem): the writer may write it after the call returned */
    char *a_mem;
    unsigned char hash[16];
    cx_assignment as;
    unsigned char *blob;
    size_t blob_len;
    int64_t key;
    char *fallback_title; /* story title when the article's own is not usable */
} pending_row;

/* A consolidation made after the batch's row `after` was decided. */
typedef struct pending_regroup {
    size_t after;
    int64_t after_key;
    cx_consolidation moves;
    int64_t *when; /* per move, once written: the report's time as the title refresh takes it */
} pending_regroup;

/* A repeat of a stored record under another id (see ALIASES_SQL). */
typedef struct pending_alias {
    char *ext_id;
    int64_t article; /* the stored record */
} pending_alias;

typedef struct pending_batch {
    pending_row *rows;
    size_t n, cap;
    pending_alias *aliases;
    size_t n_aliases, cap_aliases;
    pending_regroup *regroups;
    size_t n_regroups, cap_regroups;
    int64_t first_key; /* the file must end just before it */
    int64_t now;
} pending_batch;

static void batch_clear(pending_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        free(b->rows[i].a_mem);
        free(b->rows[i].blob);
        free(b->rows[i].fallback_title);
    }
    b->n = 0;
    for (size_t i = 0; i < b->n_regroups; i++) {
        cx_consolidation_free(&b->regroups[i].moves);
        free(b->regroups[i].when);
    }
    b->n_regroups = 0;
    for (size_t i = 0; i < b->n_aliases; i++) free(b->aliases[i].ext_id);
    b->n_aliases = 0;
}

/* Empty a batch and free its arrays. */
static void batch_free(pending_batch *b)
{
    batch_clear(b);
    free(b->rows);
    free(b->regroups);
    free(b->aliases);
}

/* Known content hashes (stored, or decided in this run): the identity check
 * needs no database round trip. The set holds the first 64 bits of each
 * 128-bit hash: two different articles sharing them (about 3e-8 at a
 * million articles) would be taken for one. Returns the hash's index in the
 * set (*known: 1 when it was there already), -1 when out of memory. */
static int64_t seen_add(cx_store *s, const unsigned char key[16], int *known)
{
    uint64_t h;
    memcpy(&h, key, 8);
    int added;
    int64_t at = cx_u64map_add(&s->seen, h, &added);
    *known = !added;
    return at;
}

/* The stored article of the hash at index (seen_add's), so that a repeat
 * can be recorded against it without a lookup by hash. Only the decisions
 * (and the open before them) touch seen_ids; the feature thread grows the
 * set, so an index may be beyond seen_ids until its article is stored.
 * 0 or CHORUS_ENOMEM. */
static int seen_remember(cx_store *s, int64_t index, int64_t article)
{
    if ((size_t)index >= s->seen_ids_cap) {
        size_t cap = s->seen_ids_cap ? s->seen_ids_cap : 4096;
        while (cap <= (size_t)index) cap *= 2;
        int64_t *v = realloc(s->seen_ids, cap * sizeof *v);
        if (!v) return CHORUS_ENOMEM;
        memset(v + s->seen_ids_cap, 0, (cap - s->seen_ids_cap) * sizeof *v);
        s->seen_ids = v;
        s->seen_ids_cap = cap;
    }
    s->seen_ids[index] = article;
    return 0;
}

/* Consolidate the engine now and queue what it did after the batch's last row. */
static int regroup(cx_store *s, pending_batch *b, cx_ingest_stats *st, chorus_error *err)
{
    /* After the batch's last row; in a batch of no rows (cx_store_flush),
     * before its rows, after the last article stored. */
    pending_regroup g = {b->n ? b->n - 1 : SIZE_MAX, b->n ? b->rows[b->n - 1].key : s->next_id - 1, {0}, NULL};
    double t0 = thread_cpu();
    int rc = cx_clusterer_consolidate(s->cl, &g.moves);
    st->cpu_consolidation += thread_cpu() - t0;
    if (rc) return cx_fail(err, rc, "%s: consolidating stories failed", s->path);
    s->last_regroup = g.after_key;
    st->moved += g.moves.n_moves;
    st->merged += g.moves.n_retired;
    if (CX_PUSH(b->regroups, b->n_regroups, b->cap_regroups, g)) {
        cx_consolidation_free(&g.moves);
        return cx_fail(err, CHORUS_ENOMEM, "out of memory");
    }
    return 0;
}

/* Decide for one article and queue its row. */
/* What an article's identity and features come to, made ahead of the
 * decisions on a thread of their own (see prepare_main). */
typedef struct prepared {
    int rc;              /* 0, or why the article was refused (skipped), or CHORUS_ENOMEM */
    int known;           /* identical to a stored or earlier article */
    int64_t seen;        /* its index in the identity set */
    unsigned char hash[16];
    cx_features *f;
    unsigned char *blob; /* f serialized */
    size_t blob_len;
    char *fallback_title;
} prepared;

static void prepared_clear(prepared *p)
{
    cx_features_free(p->f);
    free(p->blob);
    free(p->fallback_title);
    memset(p, 0, sizeof *p);
}

/* Identity, features and their bytes. Reads and grows the store's known
 * hashes and the engine's vocabulary, which nothing else touches while an
 * ingest runs: the decisions use term ids only. */
static void prepare_one(cx_store *s, const chorus_article *a, prepared *p)
{
    memset(p, 0, sizeof *p);
    content_hash(a, p->hash);
    if ((p->seen = seen_add(s, p->hash, &p->known)) < 0) {
        p->rc = CHORUS_ENOMEM;
        return;
    }
    if (p->known) return;
    int rc = cx_features_from_article(s->cl, a, &p->f);
    if (rc < 0) {
        p->rc = rc;
        return;
    }
    if ((rc = cx_features_serialize(p->f, &p->blob, &p->blob_len))) {
        p->rc = CHORUS_ENOMEM;
        return;
    }
    if (!cx_title_usable(a->title)) p->fallback_title = title_from_text(a->text);
}

/* The fields of a the writer stores, with their strings in one block
 * (*mem, to free). 0 or CHORUS_ENOMEM. */
static int copy_article(const chorus_article *a, chorus_article *out, char **mem)
{
    memset(out, 0, sizeof *out);
    const char *const from[] = {a->id, a->source, a->url, a->title, a->author, a->published, a->text, a->origin};
    char **to[] = {&out->id, &out->source, &out->url, &out->title, &out->author, &out->published, &out->text,
                   &out->origin};
    size_t len[sizeof from / sizeof *from], total = 0;
    for (size_t i = 0; i < sizeof from / sizeof *from; i++) total += len[i] = from[i] ? strlen(from[i]) + 1 : 0;
    char *m = cx_malloc(total ? total : 1);
    if (!m) return CHORUS_ENOMEM;
    for (size_t i = 0, at = 0; i < sizeof from / sizeof *from; at += len[i], i++)
        if (from[i]) *to[i] = memcpy(m + at, from[i], len[i]);
    out->published_unix = a->published_unix;
    *mem = m;
    return 0;
}

/* Decide for one prepared article and queue its row (p is consumed). */
static int decide_one(cx_store *s, const chorus_article *a, prepared *p, pending_batch *b, cx_ingest_stats *st,
                      chorus_error *err)
{
    st->read++;
    if (p->rc == CHORUS_ENOMEM) return cx_fail(err, CHORUS_ENOMEM, "out of memory");
    if (p->known) {
        st->already++;
        /* written after the batch's rows: the original is stored by then
         * (none when the first of its text was refused) */
        int64_t original = (size_t)p->seen < s->seen_ids_cap ? s->seen_ids[p->seen] : 0;
        if (a->id && a->id[0] && original > 0) {
            pending_alias al = {cx_strdup(a->id), original};
            if (!al.ext_id || CX_PUSH(b->aliases, b->n_aliases, b->cap_aliases, al)) {
                free(al.ext_id);
                return cx_fail(err, CHORUS_ENOMEM, "out of memory");
            }
        }
        return 0;
    }
    if (p->rc < 0) {
        st->skipped++;
        if (s->skip) s->skip(a, chorus_strerror(p->rc), s->cb_ctx);
        return 0;
    }
    pending_row row;
    memset(&row, 0, sizeof row);
    memcpy(row.hash, p->hash, 16);
    row.key = s->next_id;
    double t1 = thread_cpu();
    int rc = cx_clusterer_add(s->cl, row.key, p->f, &row.as);
    st->cpu_decisions += thread_cpu() - t1;
    if (rc) return cx_fail(err, rc, "clustering article %s failed", a->id ? a->id : "?");
    if (copy_article(a, &row.a, &row.a_mem)) {
        free(p->blob);
        free(p->fallback_title);
        p->blob = NULL;
        p->fallback_title = NULL;
        return cx_fail(err, CHORUS_ENOMEM, "out of memory");
    }
    row.blob = p->blob;
    row.blob_len = p->blob_len;
    row.fallback_title = p->fallback_title;
    p->blob = NULL;
    p->fallback_title = NULL;
    if (seen_remember(s, p->seen, row.key) || CX_PUSH(b->rows, b->n, b->cap, row)) {
        free(row.a_mem);
        free(row.blob);
        free(row.fallback_title);
        return cx_fail(err, CHORUS_ENOMEM, "out of memory");
    }
    s->next_id++;
    if (row.as.new_story) st->new_stories++;
    st->merged += row.as.n_merged;
    if (row.as.duplicate_of >= 0) st->duplicates++;
    else st->added++;
    return 0;
}

/* Store one decided article (inside the writer's transaction). */
static int write_row(cx_store *s, const pending_row *r, int64_t now, chorus_error *err)
{
    const chorus_article *a = &r->a;
    const cx_assignment *as = &r->as;
    const char *title = r->fallback_title ? r->fallback_title : a->title;
    int has_time = a->published_unix != INT64_MIN;
    int rc;
    if (as->new_story) {
        sqlite3_stmt *ns = s->q[Q_INSERT_STORY];
        sqlite3_bind_int64(ns, 1, as->story);
        bind_text_or_null(ns, 2, title);
        sqlite3_bind_int64(ns, 3, now);
        sqlite3_bind_int(ns, 4, r->fallback_title != NULL);
        if ((rc = step_done(s, ns, err, "opening a story"))) return rc;
    }
    for (size_t i = 0; i < as->n_merged && i < sizeof as->merged_from / sizeof *as->merged_from; i++)
        if ((rc = merge_story(s, as->merged_from[i], as->story, r->key, now, err))) return rc;

    sqlite3_stmt *ins = s->q[Q_INSERT_ARTICLE];
    sqlite3_bind_int64(ins, 1, r->key);
    bind_text_or_null(ins, 2, a->id);
    sqlite3_bind_blob(ins, 3, r->hash, 16, SQLITE_STATIC);
    sqlite3_bind_text(ins, 4, a->source ? a->source : "", -1, SQLITE_STATIC);
    bind_text_or_null(ins, 5, a->url);
    bind_text_or_null(ins, 6, a->title);
    bind_text_or_null(ins, 7, a->author);
    if (has_time) sqlite3_bind_int64(ins, 8, a->published_unix);
    bind_text_or_null(ins, 9, a->published);
    sqlite3_bind_text(ins, 10, a->text ? a->text : "", -1, SQLITE_STATIC);
    bind_text_or_null(ins, 11, a->origin);
    sqlite3_bind_int64(ins, 12, as->story);
    if (as->duplicate_of >= 0) {
        sqlite3_bind_int64(ins, 13, as->duplicate_of);
        sqlite3_bind_double(ins, 14, as->similarity);
    }
    sqlite3_bind_int64(ins, 15, now);
    /* Features are mostly term strings: zstd's fastest level halves them. */
    size_t bound = ZSTD_compressBound(r->blob_len);
    if (bound > s->zcap) {
        free(s->zbuf);
        s->zcap = bound * 2;
        if (!(s->zbuf = cx_malloc(s->zcap))) {
            s->zcap = 0;
            return cx_fail(err, CHORUS_ENOMEM, "out of memory");
        }
    }
    if (!s->zc && !(s->zc = ZSTD_createCCtx())) return cx_fail(err, CHORUS_ENOMEM, "out of memory");
    size_t zlen = ZSTD_compressCCtx(s->zc, s->zbuf, s->zcap, r->blob, r->blob_len, 1);
    if (ZSTD_isError(zlen))
        return cx_fail(err, CHORUS_EINVAL, "compressing features: %s", ZSTD_getErrorName(zlen));
    sqlite3_bind_blob(ins, 16, s->zbuf, (int)zlen, SQLITE_STATIC);
    if ((rc = step_done(s, ins, err, "storing an article"))) return rc;

    sqlite3_stmt *mem = s->q[Q_INSERT_MEMBER];
    sqlite3_bind_int64(mem, 1, r->key);
    sqlite3_bind_int64(mem, 2, as->story);
    if (has_time) sqlite3_bind_int64(mem, 3, a->published_unix);
    sqlite3_bind_int(mem, 4, as->duplicate_of >= 0);
    sqlite3_bind_text(mem, 5, a->source ? a->source : "", -1, SQLITE_STATIC);
    if (s->member_titles) bind_text_or_null(mem, 6, a->title);
    if ((rc = step_done(s, mem, err, "storing an article's story"))) return rc;

    int new_outlet = 0;
    sqlite3_stmt *ou = s->q[Q_ADD_OUTLET];
    sqlite3_bind_int64(ou, 1, as->story);
    sqlite3_bind_text(ou, 2, a->source ? a->source : "", -1, SQLITE_STATIC);
    if (sqlite3_step(ou) == SQLITE_ROW) new_outlet = sqlite3_column_int64(ou, 0) == 1;
    if ((rc = step_done(s, ou, err, "counting a story's outlets"))) return rc;

    int dup = as->duplicate_of >= 0;
    sqlite3_stmt *up = s->q[Q_UPDATE_STORY];
    sqlite3_bind_int64(up, 1, as->story);
    sqlite3_bind_int(up, 2, !dup);
    sqlite3_bind_int(up, 3, dup);
    sqlite3_bind_int(up, 4, new_outlet);
    if (has_time) sqlite3_bind_int64(up, 5, a->published_unix);
    sqlite3_bind_int64(up, 6, now);
    bind_text_or_null(up, 7, title);
    sqlite3_bind_int(up, 8, r->fallback_title != NULL);
    if ((rc = step_done(s, up, err, "updating a story"))) return rc;
    if (sqlite3_changes(s->db) != 1)
        return cx_fail(err, CHORUS_EDB, "%s: the engine placed an article in story %lld, which the"
                                        " store does not know",
                       s->path, (long long)as->story);
    return 0;
}

/* A consolidation's moves are stored in three steps: each moved article's
 * membership row (one statement per move), then the net change of each
 * story's outlet counts, then each touched story's statistics once. A
 * consolidation moves hundreds of articles between a few hundred stories;
 * storing each move on its own cost eight statements, most of them B-tree
 * descents into tables that grow with the store. The result is the same:
 * sizes and outlet counts are sums, and a story's first and last times are
 * the earliest and latest of its members' times after the moves (what the
 * move-by-move updates kept them at). */
static const char *const move_sql[] = {
    /* 0 */ "UPDATE story_members SET story_id = ?2 WHERE article_id = ?1"
            " RETURNING source, published, is_copy",
    /* 1: ?3 < 0 */ "UPDATE story_outlets SET n = n + ?3 WHERE story_id = ?1 AND source = ?2",
    /* 2 */ "DELETE FROM story_outlets WHERE story_id = ?1 AND source = ?2 AND n <= 0",
    /* 3: ?3 > 0 */ "INSERT INTO story_outlets(story_id, source, n) VALUES (?1, ?2, ?3)"
            " ON CONFLICT(story_id, source) DO UPDATE SET n = n + excluded.n",
        /* 4: ?1 story, ?2 reports, ?3 copies (net), ?4 / ?5 earliest / latest time arriving, ?6 now */
        "UPDATE stories SET size = size + ?2, n_duplicates = n_duplicates + ?3,"
        " n_outlets = (SELECT count(*) FROM story_outlets WHERE story_id = ?1),"
        " first_seen = CASE WHEN ?4 IS NULL THEN first_seen"
        "   WHEN first_seen IS NULL OR ?4 < first_seen THEN ?4 ELSE first_seen END,"
        " last_seen = CASE WHEN ?5 IS NULL THEN last_seen"
        "   WHEN last_seen IS NULL OR ?5 > last_seen THEN ?5 ELSE last_seen END,"
        " updated_at = ?6 WHERE id = ?1",
        /* 5: a story that a report with a time left, when that time was one of its ends */
        "UPDATE stories SET first_seen = (SELECT min(published) FROM story_members WHERE story_id = ?1),"
        " last_seen = (SELECT max(published) FROM story_members WHERE story_id = ?1)"
        " WHERE id = ?1 AND (first_seen >= ?2 OR last_seen <= ?3)",
};
#define N_MOVE_SQL (sizeof move_sql / sizeof *move_sql)

/* One side of one move: a story losing (sign -1) or gaining a report. */
typedef struct move_side {
    int64_t story;
    const char *source; /* the moved report's outlet (owned by the move_row) */
    int sign;
    int dup;
    int has_time;
    int64_t published;
} move_side;

static int cmp_side_outlet(const void *x, const void *y)
{
    const move_side *a = x, *b = y;
    if (a->story != b->story) return a->story < b->story ? -1 : 1;
    return strcmp(a->source, b->source);
}

/* st: move_sql prepared; sides: 2 * c->n_moves slots; when: c->n_moves
 * slots, each moved report's time as the title refresh takes it. */
static int move_articles(cx_store *s, sqlite3_stmt **st, const cx_consolidation *c, move_side *sides,
                         char **sources, int64_t *when, int64_t now, chorus_error *err)
{
    int rc = 0;
    size_t n = c->n_moves;
    for (size_t i = 0; i < n && !rc; i++) {
        const cx_move *m = &c->moves[i];
        sqlite3_bind_int64(st[0], 1, m->key);
        sqlite3_bind_int64(st[0], 2, m->to);
        if (sqlite3_step(st[0]) == SQLITE_ROW) {
            const unsigned char *src = sqlite3_column_text(st[0], 0);
            int has_time = sqlite3_column_type(st[0], 1) != SQLITE_NULL;
            int64_t published = sqlite3_column_int64(st[0], 1);
            int dup = sqlite3_column_int(st[0], 2);
            sources[i] = cx_strdup(src ? (const char *)src : "");
            when[i] = dup ? INT64_MAX : has_time ? published : INT64_MIN;
            sides[2 * i] = (move_side){m->from, sources[i], -1, dup, has_time, published};
            sides[2 * i + 1] = (move_side){m->to, sources[i], 1, dup, has_time, published};
            if (!sources[i]) rc = cx_fail(err, CHORUS_ENOMEM, "out of memory");
            else if (sqlite3_step(st[0]) != SQLITE_DONE) rc = db_fail(s, err, "moving an article");
        } else {
            rc = cx_fail(err, CHORUS_EDB, "%s: consolidation moved article %lld, which the store does not"
                                          " hold", s->path, (long long)m->key);
        }
        sqlite3_reset(st[0]);
        sqlite3_clear_bindings(st[0]);
    }
    if (rc) return rc;
    /* outlets: the net change of each (story, outlet) */
    qsort(sides, 2 * n, sizeof *sides, cmp_side_outlet);
    for (size_t i = 0; i < 2 * n && !rc;) {
        size_t j = i;
        int net = 0;
        for (; j < 2 * n && sides[j].story == sides[i].story && !strcmp(sides[j].source, sides[i].source); j++)
            net += sides[j].sign;
        for (int k = net < 0 ? 1 : net > 0 ? 3 : 4; k <= (net < 0 ? 2 : 3) && !rc; k++) {
            sqlite3_bind_int64(st[k], 1, sides[i].story);
            sqlite3_bind_text(st[k], 2, sides[i].source, -1, SQLITE_STATIC);
            if (k != 2) sqlite3_bind_int(st[k], 3, net);
            if (sqlite3_step(st[k]) != SQLITE_DONE) rc = db_fail(s, err, "moving an article");
            sqlite3_reset(st[k]);
            sqlite3_clear_bindings(st[k]);
        }
        i = j;
    }
    /* stories: net sizes, arriving times, and the ends of those a timed report left
     * (the sides are in story order after the sort above) */
    for (size_t i = 0; i < 2 * n && !rc;) {
        int64_t story = sides[i].story, size = 0, dups = 0;
        int64_t in_min = INT64_MAX, in_max = INT64_MIN, out_min = INT64_MAX, out_max = INT64_MIN;
        size_t j = i;
        for (; j < 2 * n && sides[j].story == story; j++) {
            const move_side *x = &sides[j];
            if (x->dup) dups += x->sign;
            else size += x->sign;
            if (!x->has_time) continue;
            if (x->sign > 0) {
                if (x->published < in_min) in_min = x->published;
                if (x->published > in_max) in_max = x->published;
            } else {
                if (x->published < out_min) out_min = x->published;
                if (x->published > out_max) out_max = x->published;
            }
        }
        sqlite3_bind_int64(st[4], 1, story);
        sqlite3_bind_int64(st[4], 2, size);
        sqlite3_bind_int64(st[4], 3, dups);
        if (in_min != INT64_MAX) {
            sqlite3_bind_int64(st[4], 4, in_min);
            sqlite3_bind_int64(st[4], 5, in_max);
        }
        sqlite3_bind_int64(st[4], 6, now);
        if (sqlite3_step(st[4]) != SQLITE_DONE) rc = db_fail(s, err, "moving an article");
        sqlite3_reset(st[4]);
        sqlite3_clear_bindings(st[4]);
        if (!rc && out_min != INT64_MAX) {
            /* a time that left is one of the ends when it is at or beyond
             * them (the ends bound every member's time) */
            sqlite3_bind_int64(st[5], 1, story);
            sqlite3_bind_int64(st[5], 2, out_min);
            sqlite3_bind_int64(st[5], 3, out_max);
            if (sqlite3_step(st[5]) != SQLITE_DONE) rc = db_fail(s, err, "moving an article");
            sqlite3_reset(st[5]);
            sqlite3_clear_bindings(st[5]);
        }
        i = j;
    }
    return rc;
}

/* The title a story opened by a stored article gets (see write_row). */
static char *stored_title(cx_store *s, int64_t article, int *from_text)
{
    *from_text = 0;
    sqlite3_stmt *q;
    char *title = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT title, text FROM articles WHERE id = ?1", -1, &q, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_int64(q, 1, article);
    if (sqlite3_step(q) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(q, 0);
        *from_text = !cx_title_usable(t);
        title = *from_text ? title_from_text((const char *)sqlite3_column_text(q, 1)) : cx_strdup(t);
    }
    sqlite3_finalize(q);
    return title;
}

/* Store what a consolidation did: new stories, moved articles, recounted
 * stories, emptied stories marked as merged, and the point it was made at
 * (a restore makes it again there). */
static int write_regroup(cx_store *s, pending_regroup *g, int64_t now, chorus_error *err)
{
    const cx_consolidation *c = &g->moves;
    size_t n = c->n_moves;
    move_side *sides = malloc((2 * n + 1) * sizeof *sides);
    char **sources = calloc(n + 1, sizeof *sources);
    g->when = malloc((n + 1) * sizeof *g->when);
    int rc = sides && sources && g->when ? 0 : cx_fail(err, CHORUS_ENOMEM, "out of memory");
    for (size_t i = 0; i < c->n_created && !rc; i++) {
        /* Titled as a story opened by an article: by its first article. */
        int64_t first = -1;
        for (size_t m = 0; m < c->n_moves && first < 0; m++)
            if (c->moves[m].to == c->created[i]) first = c->moves[m].key;
        int from_text = 0;
        char *title = first >= 0 ? stored_title(s, first, &from_text) : NULL;
        sqlite3_stmt *ns = s->q[Q_INSERT_STORY];
        sqlite3_bind_int64(ns, 1, c->created[i]);
        bind_text_or_null(ns, 2, title);
        sqlite3_bind_int64(ns, 3, now);
        sqlite3_bind_int(ns, 4, title && from_text);
        rc = step_done(s, ns, err, "opening a story");
        free(title);
    }
    sqlite3_stmt *mv[N_MOVE_SQL] = {0}, *log = NULL, *ret = NULL;
    for (size_t i = 0; i < N_MOVE_SQL && !rc; i++)
        if (sqlite3_prepare_v2(s->db, move_sql[i], -1, &mv[i], NULL) != SQLITE_OK)
            rc = db_fail(s, err, "moving an article");
    if (!rc && (sqlite3_prepare_v2(s->db,
                                   "INSERT INTO consolidations(after_article, moved, consolidated_at)"
                                   " VALUES (?1, ?2, ?3)",
                                   -1, &log, NULL) ||
                sqlite3_prepare_v2(s->db, "UPDATE stories SET merged_into = ?2, updated_at = ?3 WHERE id = ?1",
                                   -1, &ret, NULL)))
        rc = db_fail(s, err, "storing a consolidation");
    if (!rc) rc = move_articles(s, mv, c, sides, sources, g->when, now, err);
    for (size_t i = 0; i < c->n_retired && !rc; i++) {
        sqlite3_bind_int64(ret, 1, c->retired[i][0]);
        sqlite3_bind_int64(ret, 2, c->retired[i][1]);
        sqlite3_bind_int64(ret, 3, now);
        rc = step_done(s, ret, err, "retiring an emptied story");
    }
    if (!rc) {
        sqlite3_bind_int64(log, 1, g->after_key);
        sqlite3_bind_int64(log, 2, (int64_t)c->n_moves);
        sqlite3_bind_int64(log, 3, now);
        rc = step_done(s, log, err, "logging a consolidation");
    }
    for (size_t i = 0; i < N_MOVE_SQL; i++) sqlite3_finalize(mv[i]);
    sqlite3_finalize(log);
    sqlite3_finalize(ret);
    for (size_t i = 0; sources && i < n; i++) free(sources[i]);
    free(sources);
    free(sides);
    return rc;
}

/* The titles of the stories the batch touched (story_titles.h): joined or
 * left by reports (with the earliest time of an original report that joined
 * or left), merged from or into (compared again). */
static int refresh_titles(cx_store *s, const pending_batch *b, chorus_error *err)
{
    cx_title_touch *t = NULL;
    size_t n = 0, cap = 0;
    int oom = 0;
#define TOUCH(id, when) (oom = oom || CX_PUSH(t, n, cap, ((cx_title_touch){(id), (when)})))
    for (size_t i = 0; i < b->n && !oom; i++) {
        const cx_assignment *as = &b->rows[i].as;
        int64_t when = as->duplicate_of >= 0 ? INT64_MAX : b->rows[i].a.published_unix;
        TOUCH(as->story, as->n_merged ? INT64_MIN : when);
        for (size_t k = 0; k < as->n_merged && k < sizeof as->merged_from / sizeof *as->merged_from; k++)
            TOUCH(as->merged_from[k], INT64_MIN);
    }
    /* a moved report changes both stories as a report of its time joining or
     * leaving (write_regroup kept each one's time: regroups are written first) */
    for (size_t g = 0; g < b->n_regroups && !oom; g++) {
        const cx_consolidation *c = &b->regroups[g].moves;
        for (size_t m = 0; m < c->n_moves; m++) {
            int64_t when = b->regroups[g].when ? b->regroups[g].when[m] : INT64_MIN;
            TOUCH(c->moves[m].from, when), TOUCH(c->moves[m].to, when);
        }
        /* an emptied story is closed (its title goes); where its reports went, the moves say */
        for (size_t r = 0; r < c->n_retired; r++) TOUCH(c->retired[r][0], INT64_MIN);
    }
#undef TOUCH
    int rc = oom ? cx_fail(err, CHORUS_ENOMEM, "out of memory")
                 : cx_story_titles_refresh(s->db, t, n, s->member_titles) == SQLITE_OK ? 0 : db_fail(s, err, "titling stories");
    free(t);
    return rc;
}

/* The batch's content hashes in one row (ARTICLE_HASHES_SQL): its rows
 * have consecutive ids from first_key. */
static int write_hashes(cx_store *s, const pending_batch *b, chorus_error *err)
{
    unsigned char *h = cx_malloc(16 * b->n);
    if (!h) return cx_fail(err, CHORUS_ENOMEM, "out of memory");
    for (size_t i = 0; i < b->n; i++) {
        if (b->rows[i].key != b->first_key + (int64_t)i) {
            free(h);
            return cx_fail(err, CHORUS_EINVAL, "%s: a batch's article ids are not consecutive", s->path);
        }
        memcpy(h + 16 * i, b->rows[i].hash, 16);
    }
    int rc = 0;
    if (!s->hashes_q && sqlite3_prepare_v3(s->db, "INSERT INTO article_hashes(first_article, hashes) VALUES (?1, ?2)",
                                           -1, SQLITE_PREPARE_PERSISTENT, &s->hashes_q, NULL) != SQLITE_OK)
        rc = db_fail(s, err, "storing the content hashes");
    if (!rc) {
        sqlite3_bind_int64(s->hashes_q, 1, b->first_key);
        sqlite3_bind_blob(s->hashes_q, 2, h, (int)(16 * b->n), SQLITE_STATIC);
        rc = step_done(s, s->hashes_q, err, "storing the content hashes");
    }
    free(h);
    return rc;
}

/* One batch, one transaction. */
static int write_batch(cx_store *s, pending_batch *b, chorus_error *err)
{
    int rc = exec(s, "BEGIN IMMEDIATE", err);
    if (rc) return rc;
    /* The engine's state matches the file only if no one else wrote. */
    if (last_stored_id(s) + 1 != b->first_key)
        rc = cx_fail(err, CHORUS_EDB, "%s: another process wrote to the store during this run;"
                                      " run ingest again",
                     s->path);
    size_t next_regroup = 0;
    while (!rc && next_regroup < b->n_regroups && b->regroups[next_regroup].after == SIZE_MAX)
        rc = write_regroup(s, &b->regroups[next_regroup++], b->now, err);
    for (size_t i = 0; i < b->n && !rc; i++) {
        rc = write_row(s, &b->rows[i], b->now, err);
        while (!rc && next_regroup < b->n_regroups && b->regroups[next_regroup].after == i)
            rc = write_regroup(s, &b->regroups[next_regroup++], b->now, err);
    }
    if (!rc && b->n && s->hash_blocks) rc = write_hashes(s, b, err);
    if (!rc && b->n_aliases && !s->alias_q &&
        sqlite3_prepare_v3(s->db,
                           "INSERT OR IGNORE INTO article_aliases(ext_id, article_id)"
                           " SELECT ?1, id FROM articles WHERE id = ?2 AND (ext_id IS NULL OR ext_id <> ?1)",
                           -1, SQLITE_PREPARE_PERSISTENT, &s->alias_q, NULL) != SQLITE_OK)
        rc = db_fail(s, err, "recording a repeated record");
    for (size_t i = 0; i < b->n_aliases && !rc; i++) {
        sqlite3_bind_text(s->alias_q, 1, b->aliases[i].ext_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s->alias_q, 2, b->aliases[i].article);
        rc = step_done(s, s->alias_q, err, "recording a repeated record");
    }
    if (!rc) rc = refresh_titles(s, b, err);
    if (!rc) rc = exec(s, "COMMIT", err);
    if (rc) exec(s, "ROLLBACK", NULL);
    return rc;
}

/* The writer: takes full batches from the queue in order. It lives from
 * the first ingest call to the close, so that a call returns while its last
 * batches are written (the rows own copies of their articles): the
 * decisions of the next call overlap them instead of waiting at each call's
 * end. Its errors are reported by the next ingest call or cx_store_flush. */
typedef struct writer {
    cx_store *s;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pending_batch slots[2]; /* [0] being written or waiting, [1] waiting */
    size_t queued;          /* batches in slots */
    int closing;
    int rc;
    chorus_error err;
    double cpu; /* the writer thread's CPU seconds after its last batch */
} writer;

static void *writer_main(void *arg)
{
    writer *w = arg;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->queued && !w->closing) pthread_cond_wait(&w->cv, &w->mu);
        if (!w->queued) break;
        pending_batch *b = &w->slots[0];
        int failed = w->rc;
        pthread_mutex_unlock(&w->mu);
        chorus_error err = {0};
        int rc = failed ? failed : write_batch(w->s, b, &err); /* after a failure: dropped */
        batch_clear(b);
        double cpu = thread_cpu();
        pthread_mutex_lock(&w->mu);
        if (rc && !w->rc) {
            w->rc = rc;
            w->err = err;
        }
        w->cpu = cpu;
        /* Slide the waiting batch forward (swap, so buffers are reused). */
        pending_batch done = w->slots[0];
        w->slots[0] = w->slots[1];
        w->slots[1] = done;
        w->queued--;
        pthread_cond_broadcast(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

static int writer_start(cx_store *s, chorus_error *err)
{
    writer *w = cx_calloc(1, sizeof *w);
    if (!w) return cx_fail(err, CHORUS_ENOMEM, "out of memory");
    w->s = s;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    if (pthread_create(&s->w_thread, NULL, writer_main, w)) {
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv);
        free(w);
        return cx_fail(err, CHORUS_ENOMEM, "cannot start the store writer");
    }
    s->w = w;
    s->w_cpu_counted = 0;
    return 0;
}

/* The writer's CPU seconds not yet added to an ingest's stats (w->mu held). */
static void count_writer_cpu(cx_store *s, cx_ingest_stats *st)
{
    if (st) st->cpu_writer += s->w->cpu - s->w_cpu_counted;
    s->w_cpu_counted = s->w->cpu;
}

/* Hand the batch to the writer; *b gets an empty batch back. Waits while two
 * batches are queued. Returns the writer's error, if any (then in *err). */
static int writer_submit(writer *w, pending_batch *b, chorus_error *err)
{
    pthread_mutex_lock(&w->mu);
    while (w->queued == 2 && !w->rc) pthread_cond_wait(&w->cv, &w->mu);
    int rc = w->rc;
    if (!rc) {
        pending_batch empty = w->slots[w->queued];
        w->slots[w->queued++] = *b;
        *b = empty;
        pthread_cond_broadcast(&w->cv);
    } else if (err) *err = w->err;
    pthread_mutex_unlock(&w->mu);
    return rc;
}

/* Wait until every queued batch is written (or dropped after a failure).
 * Adds the writer's CPU to *st (may be NULL); returns its error, if any
 * (then in *err, may be NULL), and marks the store broken. */
static int writer_wait(cx_store *s, cx_ingest_stats *st, chorus_error *err)
{
    writer *w = s->w;
    if (!w) return 0;
    pthread_mutex_lock(&w->mu);
    while (w->queued) pthread_cond_wait(&w->cv, &w->mu);
    count_writer_cpu(s, st);
    int rc = w->rc;
    if (rc && err) *err = w->err;
    pthread_mutex_unlock(&w->mu);
    if (rc) s->broken = 1;
    return rc;
}

/* Write what is queued, end the thread and free it. */
static void writer_stop(cx_store *s)
{
    writer *w = s->w;
    if (!w) return;
    writer_wait(s, NULL, NULL);
    pthread_mutex_lock(&w->mu);
    w->closing = 1;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(s->w_thread, NULL);
    for (int i = 0; i < 2; i++) {
        batch_clear(&w->slots[i]);
        free(w->slots[i].rows);
        free(w->slots[i].regroups);
        free(w->slots[i].aliases);
    }
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    free(w);
    s->w = NULL;
}

/* The regrouping an ingest call left to what follows (cx_store_ingest_more),
 * when no call follows: one batch of no rows that regroups after the last
 * article stored. */
static int settle_regroup(cx_store *s, cx_ingest_stats *st, chorus_error *err)
{
    if (s->mode != CX_STORE_WRITE || !s->cl || s->broken || !s->consolidate_every) return 0;
    if (s->next_id - 1 <= s->last_regroup) return 0;
    int rc = s->w ? 0 : writer_start(s, err); /* left by a handle closed since */
    if (rc) return rc;
    pending_batch b;
    memset(&b, 0, sizeof b);
    b.first_key = s->next_id;
    b.now = (int64_t)time(NULL);
    rc = regroup(s, &b, st, err);
    if (!rc) rc = writer_submit(s->w, &b, err);
    batch_free(&b);
    if (rc) s->broken = 1; /* the engine is past what the file will hold */
    return rc;
}

int cx_store_flush(cx_store *s, cx_ingest_stats *st, chorus_error *err)
{
    cx_ingest_stats none;
    memset(&none, 0, sizeof none);
    int rc = settle_regroup(s, st ? st : &none, err);
    int wrc = writer_wait(s, st, err);
    return rc ? rc : wrc;
}

/* The preparer: identity and features of the articles in order, a ring of
 * PREPARE_AHEAD slots ahead of the decisions (the other core's work while
 * the decisions run; the writer thread mostly waits on the disk). Deep
 * enough to keep working through a consolidation (about 2,500 articles'
 * features' time), when the decisions take nothing: with 256 slots the
 * preparer stopped early in each and left its core idle; 4,096 prepared
 * articles hold about 20 MB. */
#define PREPARE_AHEAD 4096
typedef struct preparer {
    cx_store *s;
    const chorus_article **order;
    size_t n;
    prepared ring[PREPARE_AHEAD];
    size_t made, taken; /* articles prepared, and handed to the decisions */
    int stop;
    double cpu;
    pthread_mutex_t mu;
    pthread_cond_t cv;
} preparer;

static void *prepare_main(void *arg)
{
    preparer *pr = arg;
    for (size_t i = 0; i < pr->n; i++) {
        pthread_mutex_lock(&pr->mu);
        while (!pr->stop && pr->made - pr->taken == PREPARE_AHEAD) pthread_cond_wait(&pr->cv, &pr->mu);
        int stop = pr->stop;
        pthread_mutex_unlock(&pr->mu);
        if (stop) break;
        prepare_one(pr->s, pr->order[i], &pr->ring[i % PREPARE_AHEAD]);
        pthread_mutex_lock(&pr->mu);
        pr->made++;
        pthread_cond_broadcast(&pr->cv);
        pthread_mutex_unlock(&pr->mu);
    }
    pr->cpu = thread_cpu();
    return NULL;
}

/* The next prepared article (in order); the caller clears it after use and
 * then calls prepared_done. */
static prepared *prepared_next(preparer *pr)
{
    pthread_mutex_lock(&pr->mu);
    while (pr->made == pr->taken) pthread_cond_wait(&pr->cv, &pr->mu);
    prepared *p = &pr->ring[pr->taken % PREPARE_AHEAD];
    pthread_mutex_unlock(&pr->mu);
    return p;
}

static void prepared_done(preparer *pr, prepared *p)
{
    prepared_clear(p);
    pthread_mutex_lock(&pr->mu);
    pr->taken++;
    pthread_cond_broadcast(&pr->cv);
    pthread_mutex_unlock(&pr->mu);
}

static int cmp_by_time(const void *x, const void *y)
{
    const chorus_article *a = *(const chorus_article *const *)x, *b = *(const chorus_article *const *)y;
    if (a->published_unix != b->published_unix) return a->published_unix < b->published_unix ? -1 : 1;
    return a < b ? -1 : a > b; /* stable: input order */
}

static int ingest(cx_store *s, const chorus_article *a, size_t n, int last_call, cx_ingest_stats *st,
                  chorus_error *err)
{
    if (s->mode != CX_STORE_WRITE || !s->cl)
        return cx_fail(err, CHORUS_EINVAL, "%s: store opened read-only", s->path);
    if (s->broken)
        return cx_fail(err, CHORUS_EDB, "%s: an earlier batch failed; open the store again", s->path);
    if (!n) return 0;
    const chorus_article **order = cx_malloc(n * sizeof *order);
    if (!order) return cx_fail(err, CHORUS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) order[i] = &a[i];
    qsort(order, n, sizeof *order, cmp_by_time);

    int rc = s->w ? 0 : writer_start(s, err);
    if (rc) {
        free(order);
        return rc;
    }
    preparer *pr = cx_calloc(1, sizeof *pr);
    pthread_t prep_thread;
    if (!pr) rc = cx_fail(err, CHORUS_ENOMEM, "out of memory");
    else {
        pr->s = s;
        pr->order = order;
        pr->n = n;
        pthread_mutex_init(&pr->mu, NULL);
        pthread_cond_init(&pr->cv, NULL);
        if (pthread_create(&prep_thread, NULL, prepare_main, pr)) {
            pthread_mutex_destroy(&pr->mu);
            pthread_cond_destroy(&pr->cv);
            free(pr);
            pr = NULL;
            rc = cx_fail(err, CHORUS_ENOMEM, "cannot start the feature thread");
        }
    }
    pending_batch b;
    memset(&b, 0, sizeof b);
    size_t stored_before = s->n_articles;
    size_t decided = 0;
    for (size_t start = 0; start < n && !rc; start += CX_STORE_BATCH) {
        size_t end = start + CX_STORE_BATCH < n ? start + CX_STORE_BATCH : n;
        b.first_key = s->next_id;
        b.now = (int64_t)time(NULL);
        size_t before = st->added + st->duplicates;
        for (size_t i = start; i < end && !rc; i++) {
            size_t stored = b.n;
            prepared *p = prepared_next(pr);
            rc = decide_one(s, order[i], p, &b, st, err);
            prepared_done(pr, p);
            /* Regroup every consolidate_every stored articles (by article id,
             * so the points do not depend on how the input was split into
             * calls) and after the last article of the call. */
            if (rc || !s->consolidate_every || !b.n) continue;
            int64_t last = b.rows[b.n - 1].key;
            int due = (b.n > stored && last % (int64_t)s->consolidate_every == 0) ||
                      (last_call && i + 1 == n && last != s->last_regroup);
            if (due) rc = regroup(s, &b, st, err);
        }
        decided += st->added + st->duplicates - before;
        if (rc) break;
        if (b.n || b.n_aliases) rc = writer_submit(s->w, &b, err);
        if (!rc && s->progress) s->progress(st, s->cb_ctx);
    }
    if (pr) { /* stop the preparer (after a failure it may be ahead) and free what it made */
        pthread_mutex_lock(&pr->mu);
        pr->stop = 1;
        pthread_cond_broadcast(&pr->cv);
        pthread_mutex_unlock(&pr->mu);
        pthread_join(prep_thread, NULL);
        for (; pr->taken < pr->made; pr->taken++) prepared_clear(&pr->ring[pr->taken % PREPARE_AHEAD]);
        st->cpu_features += pr->cpu;
        pthread_mutex_destroy(&pr->mu);
        pthread_cond_destroy(&pr->cv);
        free(pr);
    }
    batch_free(&b);
    free(order);
    /* The call's last batches may still be written: the writer's CPU so
     * far, and its error if it already failed. After a failure here the
     * file ends with the last whole batch, the engine is past it: writes
     * stop until the store is opened again. */
    pthread_mutex_lock(&s->w->mu);
    count_writer_cpu(s, st);
    if (!rc && s->w->rc) {
        rc = s->w->rc;
        if (err) *err = s->w->err;
    }
    pthread_mutex_unlock(&s->w->mu);
    if (rc) {
        writer_wait(s, st, NULL);
        s->broken = 1;
    } else s->n_articles = stored_before + decided;
    return rc;
}

int cx_store_ingest(cx_store *s, const chorus_article *a, size_t n, cx_ingest_stats *st, chorus_error *err)
{
    return ingest(s, a, n, 1, st, err);
}

int cx_store_ingest_more(cx_store *s, const chorus_article *a, size_t n, cx_ingest_stats *st,
                         chorus_error *err)
{
    return ingest(s, a, n, 0, st, err);
}

/* ---- queries ------------------------------------------------------------ */

static char *column_strdup(sqlite3_stmt *st, int i)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    return v ? cx_strdup((const char *)v) : NULL;
}

static int64_t column_time(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? INT64_MIN : sqlite3_column_int64(st, i);
}

void cx_story_infos_free(cx_story_info *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].title);
        free(v[i].outlets);
    }
    free(v);
}

/* The columns of a story as listed, in the order collect_stories reads them. */
#define STORY_INFO_COLUMNS                                                                         \
    "id, title, first_seen, last_seen, updated_at, size, n_duplicates, n_outlets,"                \
    " (SELECT group_concat(source, char(31)) FROM (SELECT source FROM story_outlets o"            \
    "   WHERE o.story_id = stories.id ORDER BY n DESC, source))"

static int collect_stories(cx_store *s, sqlite3_stmt *st, const char *what, cx_story_info **out, size_t *n,
                           chorus_error *err)
{
    cx_story_info *v = NULL;
    size_t cap = 0, count = 0;
    int r, rc = 0;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        cx_story_info info = {
            .id = sqlite3_column_int64(st, 0),
            .title = column_strdup(st, 1),
            .first_seen = column_time(st, 2),
            .last_seen = column_time(st, 3),
            .updated_at = sqlite3_column_int64(st, 4),
            .size = (size_t)sqlite3_column_int64(st, 5),
            .n_duplicates = (size_t)sqlite3_column_int64(st, 6),
            .n_outlets = (size_t)sqlite3_column_int64(st, 7),
            .outlets = column_strdup(st, 8),
        };
        if (CX_PUSH(v, count, cap, info)) {
            free(info.title);
            free(info.outlets);
            rc = cx_fail(err, CHORUS_ENOMEM, "out of memory");
            break;
        }
    }
    if (!rc && r != SQLITE_DONE) rc = db_fail(s, err, what);
    sqlite3_finalize(st);
    /* Titles of stories of three reports or more: the most representative
     * headline, as the ingest stored it; computed here only for a store
     * last written by a chorus that did not store it. */
    if (!s->has_titles) s->has_titles = cx_story_titles_present(s->db);
    sqlite3_stmt *lookup = NULL;
    if (!rc && s->has_titles && cx_story_title_lookup_prepare(s->db, &lookup) != SQLITE_OK)
        rc = db_fail(s, err, "listing stories");
    for (size_t i = 0; i < count && !rc; i++) {
        if (v[i].size < 3) continue;
        char *t = lookup ? cx_story_title_stored(lookup, v[i].id) : cx_story_title_compute(s->db, v[i].id, NULL);
        if (t) {
            free(v[i].title);
            v[i].title = t;
        }
    }
    sqlite3_finalize(lookup);
    if (rc) {
        cx_story_infos_free(v, count);
        return rc;
    }
    *out = v;
    *n = count;
    return 0;
}

int cx_store_stories(cx_store *s, int64_t since, cx_story_order order, size_t limit,
                     cx_story_info **out, size_t *n, chorus_error *err)
{
    settle(s);
    *out = NULL;
    *n = 0;
    char sql[1024];
    /* Ordered and cut first, outlets looked up for the kept rows only (a
     * sorter would compute them for every story of the store). */
    const char *by = order == CX_STORIES_BY_SIZE ? "size DESC, last_seen DESC, id" : "last_seen DESC, size DESC, id";
    snprintf(sql, sizeof sql,
             "SELECT " STORY_INFO_COLUMNS " FROM (SELECT * FROM stories"
             " WHERE merged_into IS NULL AND (?1 IS NULL OR last_seen >= ?1) ORDER BY %s LIMIT ?2) AS stories"
             " ORDER BY %s",
             by, by);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_fail(s, err, "listing stories");
    if (since != INT64_MIN) sqlite3_bind_int64(st, 1, since);
    sqlite3_bind_int64(st, 2, limit ? (int64_t)limit : -1);
    return collect_stories(s, st, "listing stories", out, n, err);
}

int cx_store_story_info(cx_store *s, int64_t story, cx_story_info *out, chorus_error *err)
{
    settle(s);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT " STORY_INFO_COLUMNS " FROM stories WHERE id = ?1", -1, &st, NULL) !=
        SQLITE_OK)
        return db_fail(s, err, "looking up a story");
    sqlite3_bind_int64(st, 1, story);
    cx_story_info *v;
    size_t n;
    int rc = collect_stories(s, st, "looking up a story", &v, &n, err);
    if (rc) return rc;
    if (!n) {
        free(v);
        return cx_fail(err, CHORUS_ENOTFOUND, "no story %lld in %s", (long long)story, s->path);
    }
    *out = v[0];
    free(v);
    return 0;
}

int cx_store_story_stamp(cx_store *s, int64_t story, int64_t *stamp, chorus_error *err)
{
    settle(s);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT updated_at, size, n_duplicates, coalesce(merged_into, 0) FROM stories WHERE id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(s, err, "looking up a story");
    sqlite3_bind_int64(st, 1, story);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        /* ingest time in seconds; several batches in one second differ by size or merge */
        uint64_t h = (uint64_t)sqlite3_column_int64(st, 0) * 1000003u;
        h = (h ^ (uint64_t)sqlite3_column_int64(st, 1)) * 1000003u;
        h = (h ^ (uint64_t)sqlite3_column_int64(st, 2)) * 1000003u;
        h ^= (uint64_t)sqlite3_column_int64(st, 3);
        *stamp = (int64_t)(h >> 1);
    }
    sqlite3_finalize(st);
    if (r == SQLITE_ROW) return 0;
    if (r == SQLITE_DONE) return cx_fail(err, CHORUS_ENOTFOUND, "no story %lld in %s", (long long)story, s->path);
    return db_fail(s, err, "looking up a story");
}

int cx_store_search_titles(cx_store *s, const char *query, size_t limit, cx_story_info **out, size_t *n,
                           chorus_error *err)
{
    settle(s);
    *out = NULL;
    *n = 0;
    /* The words as one substring, LIKE's wildcards taken literally. */
    size_t len = strlen(query);
    char *pat = cx_malloc(2 * len + 3);
    if (!pat) return cx_fail(err, CHORUS_ENOMEM, "out of memory");
    size_t k = 0;
    pat[k++] = '%';
    for (size_t i = 0; i < len; i++) {
        if (query[i] == '%' || query[i] == '_' || query[i] == '\\') pat[k++] = '\\';
        pat[k++] = query[i];
    }
    pat[k++] = '%';
    pat[k] = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT " STORY_INFO_COLUMNS " FROM (SELECT * FROM stories WHERE merged_into IS NULL"
                           " AND title LIKE ?1 ESCAPE '\\' ORDER BY size DESC, last_seen DESC, id LIMIT ?2)"
                           " AS stories ORDER BY size DESC, last_seen DESC, id",
                           -1, &st, NULL) != SQLITE_OK) {
        free(pat);
        return db_fail(s, err, "searching stories");
    }
    sqlite3_bind_text(st, 1, pat, -1, free);
    sqlite3_bind_int64(st, 2, limit ? (int64_t)limit : -1);
    return collect_stories(s, st, "searching stories", out, n, err);
}

int64_t cx_store_story_root(cx_store *s, int64_t story, chorus_error *err)
{
    settle(s);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT merged_into FROM stories WHERE id = ?1", -1, &st, NULL) !=
        SQLITE_OK)
        return db_fail(s, err, "looking up a story");
    int64_t id = story;
    /* Merges always go into a story that exists; a bounded walk guards
     * against a hand-edited cycle. */
    for (int hops = 0; hops < 1000; hops++) {
        sqlite3_bind_int64(st, 1, id);
        int r = sqlite3_step(st);
        if (r != SQLITE_ROW) {
            sqlite3_finalize(st);
            if (r == SQLITE_DONE)
                return cx_fail(err, CHORUS_EINVAL, "%s: no story %lld", s->path, (long long)story);
            return db_fail(s, err, "looking up a story");
        }
        if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
            sqlite3_finalize(st);
            return id;
        }
        id = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return cx_fail(err, CHORUS_EDB, "%s: story %lld: merge chain does not end", s->path,
                   (long long)story);
}

int cx_store_story_corpus(cx_store *s, int64_t story, int64_t ingested_from, int64_t ingested_to,
                          size_t max, chorus_corpus *c, size_t *n_total, chorus_error *err)
{
    settle(s);
    sqlite3_stmt *st;
    if (n_total) {
        if (sqlite3_prepare_v2(s->db,
                               "SELECT count(*) FROM story_members m JOIN articles a ON a.id = m.article_id"
                               " WHERE m.story_id = ?1 AND NOT m.is_copy AND a.ingested_at >= ?2"
                               " AND a.ingested_at < ?3",
                               -1, &st, NULL) != SQLITE_OK)
            return db_fail(s, err, "loading a story");
        sqlite3_bind_int64(st, 1, story);
        sqlite3_bind_int64(st, 2, ingested_from);
        sqlite3_bind_int64(st, 3, ingested_to);
        *n_total = sqlite3_step(st) == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
    }
    /* Latest first (so LIMIT keeps the latest), put back in order below. */
    if (sqlite3_prepare_v2(s->db,
                           "SELECT a.id, a.ext_id, a.source, a.url, a.published_text, a.title, a.author,"
                           " a.text, a.published FROM story_members m JOIN articles a ON a.id = m.article_id"
                           " WHERE m.story_id = ?1 AND NOT m.is_copy"
                           " AND a.ingested_at >= ?2 AND a.ingested_at < ?3"
                           " ORDER BY m.published IS NULL, m.published DESC, m.article_id DESC LIMIT ?4",
                           -1, &st, NULL) != SQLITE_OK)
        return db_fail(s, err, "loading a story");
    sqlite3_bind_int64(st, 1, story);
    sqlite3_bind_int64(st, 2, ingested_from);
    sqlite3_bind_int64(st, 3, ingested_to);
    sqlite3_bind_int64(st, 4, max ? (int64_t)max : -1);
    size_t first = c->n_articles;
    int r, rc = 0, added = 0;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        chorus_article a = {0};
        char origin[64];
        snprintf(origin, sizeof origin, "%s#%lld", cx_basename(s->path),
                 (long long)sqlite3_column_int64(st, 0));
        a.id = column_strdup(st, 1);
        if (!a.id) a.id = cx_strdup(origin);
        a.source = column_strdup(st, 2);
        a.url = column_strdup(st, 3);
        a.published = column_strdup(st, 4);
        a.title = column_strdup(st, 5);
        a.author = column_strdup(st, 6);
        a.text = column_strdup(st, 7);
        a.origin = cx_strdup(origin);
        a.published_unix = column_time(st, 8);
        if (!a.text || !a.id || !a.origin || chorus_corpus_add(c, &a)) {
            chorus_article_free(&a);
            rc = cx_fail(err, CHORUS_ENOMEM, "out of memory");
            break;
        }
        added++;
    }
    if (!rc && r != SQLITE_DONE) rc = db_fail(s, err, "loading a story");
    sqlite3_finalize(st);
    for (size_t i = first, j = c->n_articles; i + 1 < j; i++, j--) {
        chorus_article t = c->articles[i];
        c->articles[i] = c->articles[j - 1];
        c->articles[j - 1] = t;
    }
    return rc ? rc : added;
}

/* ---- members and topics ------------------------------------------------------- */

int cx_store_story_members(cx_store *s, int64_t story, char ***ids, size_t *n, chorus_error *err)
{
    settle(s);
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *q;
    /* Records stored once for several ids (article_aliases) list each id. */
    if (sqlite3_prepare_v2(s->db,
                           s->has_aliases
                               ? "SELECT ext_id, id FROM (SELECT a.ext_id, a.id, m.published, 0 AS k"
                                 " FROM story_members m JOIN articles a ON a.id = m.article_id"
                                 " WHERE m.story_id = ?1 UNION ALL SELECT al.ext_id, m.article_id, m.published, 1"
                                 " FROM story_members m JOIN article_aliases al ON al.article_id = m.article_id"
                                 " WHERE m.story_id = ?1) ORDER BY published, id, k, ext_id"
                               : "SELECT a.ext_id, a.id FROM story_members m JOIN articles a ON a.id = m.article_id"
                                 " WHERE m.story_id = ?1 ORDER BY m.published, a.id",
                           -1, &q, NULL) != SQLITE_OK)
        return db_fail(s, err, "listing a story's articles");
    sqlite3_bind_int64(q, 1, story);
    size_t cap = 0;
    int step, rc = 0;
    while ((step = sqlite3_step(q)) == SQLITE_ROW && rc == 0) {
        const char *ext = (const char *)sqlite3_column_text(q, 0);
        char own[32];
        if (!ext) { /* an article without an id of its own: the store's number */
            snprintf(own, sizeof own, "#%lld", (long long)sqlite3_column_int64(q, 1));
            ext = own;
        }
        char *copy = cx_strdup(ext);
        if (!copy || CX_PUSH(*ids, *n, cap, copy)) {
            free(copy);
            rc = cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", s->path);
        }
    }
    if (rc == 0 && step != SQLITE_DONE) rc = db_fail(s, err, "listing a story's articles");
    sqlite3_finalize(q);
    if (rc) {
        cx_store_ids_free(*ids, *n);
        *ids = NULL;
        *n = 0;
    }
    return rc;
}

void cx_store_ids_free(char **ids, size_t n)
{
    for (size_t i = 0; i < n; i++) free(ids[i]);
    free(ids);
}

/* One stored article in the topic pass. */
typedef struct topic_row {
    int64_t key, story, topic;
    int is_copy;
    char *ext;        /* its id (with_articles only) */
    char **aliases;   /* other ids of the same record (with_articles only) */
    size_t n_aliases, cap_aliases;
} topic_row;

static int cmp_row_part(const void *a, const void *b)
{
    const topic_row *x = a, *y = b;
    if (x->story != y->story) return x->story < y->story ? -1 : 1;
    if (x->topic != y->topic) return x->topic < y->topic ? -1 : 1;
    return (x->key > y->key) - (x->key < y->key);
}

static int cmp_part_topic(const void *a, const void *b)
{
    const cx_story_topic *x = a, *y = b;
    if (x->topic != y->topic) return x->topic < y->topic ? -1 : 1;
    return (x->story > y->story) - (x->story < y->story);
}

static int cmp_row_key(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = ((const topic_row *)b)->key;
    return (x > y) - (x < y);
}

void cx_story_topics_free(cx_story_topic *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) cx_store_ids_free(v[i].articles, v[i].n_articles);
    free(v);
}

/* The other ids of records stored once for several (rows sorted by key). */
static int topic_aliases(cx_store *s, topic_row *v, size_t n, chorus_error *err)
{
    if (!s->has_aliases) return 0;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "SELECT article_id, ext_id FROM article_aliases ORDER BY article_id, ext_id", -1,
                           &q, NULL) != SQLITE_OK)
        return db_fail(s, err, "reading article aliases");
    int step, rc = 0;
    while (rc == 0 && (step = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t key = sqlite3_column_int64(q, 0);
        const char *ext = (const char *)sqlite3_column_text(q, 1);
        topic_row *r = bsearch(&key, v, n, sizeof *v, cmp_row_key);
        if (!r || !ext) continue;
        char *copy = cx_strdup(ext);
        if (!copy || CX_PUSH(r->aliases, r->n_aliases, r->cap_aliases, copy)) {
            free(copy);
            rc = cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", s->path);
        }
    }
    if (rc == 0 && step != SQLITE_DONE) rc = db_fail(s, err, "reading article aliases");
    sqlite3_finalize(q);
    return rc;
}

/* Topics from the stored features: the articles go, in the order they were
 * stored, through an engine with the topic parameters (cluster.h), the
 * decisions `chorus cluster` makes on the same articles in the same order.
 * Stories nest in topics as they do there: a story whose articles went to
 * two topics has a part in each. A topic is numbered by its first story.
 * Costs one pass over the stored features. */
int cx_store_topics(cx_store *s, int with_articles, cx_story_topic **out, size_t *n_out, chorus_error *err)
{
    settle(s);
    *out = NULL;
    *n_out = 0;
    cx_cluster_params p;
    cx_cluster_params_topic(&p);
    cx_clusterer *cl = cx_clusterer_new(&p);
    ZSTD_DCtx *dz = ZSTD_createDCtx();
    sqlite3_stmt *q = NULL;
    topic_row *v = NULL;
    cx_story_topic *res = NULL;
    unsigned char *zbuf = NULL;
    size_t n = 0, cap = 0, zcap = 0, since = 0, k = 0;
    int rc = 0, step;
    if (!cl || !dz) {
        rc = cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", s->path);
        goto done;
    }
    if (sqlite3_prepare_v2(s->db,
                           "SELECT a.id, a.features, m.story_id, m.is_copy, a.ext_id FROM articles a"
                           " JOIN story_members m ON m.article_id = a.id ORDER BY a.id",
                           -1, &q, NULL) != SQLITE_OK) {
        rc = db_fail(s, err, "reading the stored features");
        goto done;
    }
    while (rc == 0 && (step = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t key = sqlite3_column_int64(q, 0);
        cx_features *f = NULL;
        rc = stored_features(cl, dz, &zbuf, &zcap, q, 1, &f);
        if (rc == CHORUS_ENOMEM) {
            rc = cx_fail(err, rc, "%s: out of memory", s->path);
            goto done;
        }
        if (rc) {
            cx_fail(err, rc, "%s: article %lld: stored features are unreadable", s->path, (long long)key);
            goto done;
        }
        cx_assignment as;
        rc = cx_clusterer_add(cl, (int64_t)n, f, &as);
        cx_features_free(f);
        topic_row row = {key, sqlite3_column_int64(q, 2), as.story, sqlite3_column_int(q, 3) != 0, NULL, NULL, 0, 0};
        if (rc == 0 && with_articles) {
            const char *ext = (const char *)sqlite3_column_text(q, 4);
            char own[32];
            if (!ext) { /* an article without an id of its own: the store's number */
                snprintf(own, sizeof own, "#%lld", (long long)key);
                ext = own;
            }
            if (!(row.ext = cx_strdup(ext))) rc = CHORUS_ENOMEM;
        }
        if (rc == 0 && CX_PUSH(v, n, cap, row)) {
            free(row.ext);
            rc = CHORUS_ENOMEM;
        }
        if (rc == 0 && p.window_articles && ++since == p.consolidate_every) {
            cx_consolidation moves;
            since = 0;
            if ((rc = cx_clusterer_consolidate(cl, &moves)) == 0) {
                for (size_t m = 0; m < moves.n_moves; m++) v[moves.moves[m].key].topic = moves.moves[m].to;
                cx_consolidation_free(&moves);
            }
        }
        if (rc) {
            cx_fail(err, rc, "%s: article %lld: grouping into topics failed", s->path, (long long)key);
            goto done;
        }
    }
    if (step != SQLITE_DONE) {
        rc = db_fail(s, err, "reading the stored features");
        goto done;
    }
    if (n && p.window_articles) {
        cx_consolidation moves;
        if ((rc = cx_clusterer_consolidate(cl, &moves))) {
            cx_fail(err, rc, "%s: grouping into topics failed", s->path);
            goto done;
        }
        for (size_t m = 0; m < moves.n_moves; m++) v[moves.moves[m].key].topic = moves.moves[m].to;
        cx_consolidation_free(&moves);
    }
    for (size_t i = 0; i < n; i++) v[i].topic = cx_clusterer_resolve(cl, v[i].topic);
    if (with_articles && (rc = topic_aliases(s, v, n, err))) goto done;
    /* One row per part: a story's articles in one topic. */
    qsort(v, n, sizeof *v, cmp_row_part);
    if (!(res = calloc(n + 1, sizeof *res))) {
        rc = cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", s->path);
        goto done;
    }
    for (size_t i = 0; i < n;) {
        size_t j = i, ids = 0;
        for (; j < n && v[j].story == v[i].story && v[j].topic == v[i].topic; j++) ids += 1 + v[j].n_aliases;
        cx_story_topic *r = &res[k++];
        *r = (cx_story_topic){.story = v[i].story, .topic = v[i].topic};
        for (size_t m = i; m < j; m++) {
            r->reports += !v[m].is_copy;
            r->copies += v[m].is_copy != 0;
        }
        if (with_articles) {
            if (!(r->articles = calloc(ids + 1, sizeof *r->articles))) {
                rc = cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", s->path);
                goto done;
            }
            for (size_t m = i; m < j; m++) {
                r->articles[r->n_articles++] = v[m].ext;
                v[m].ext = NULL;
                for (size_t a = 0; a < v[m].n_aliases; a++) r->articles[r->n_articles++] = v[m].aliases[a];
                v[m].n_aliases = 0;
            }
        }
        i = j;
    }
    /* Topics numbered by their first (lowest) story. */
    qsort(res, k, sizeof *res, cmp_part_topic);
    for (size_t i = 0, first = 0; i < k; i++) {
        if (i && res[i].topic != res[i - 1].topic) {
            for (size_t m = first; m < i; m++) res[m].topic = res[first].story;
            first = i;
        }
        if (i + 1 == k)
            for (size_t m = first; m <= i; m++) res[m].topic = res[first].story;
    }
    qsort(res, k, sizeof *res, cmp_part_topic);
    *out = res;
    *n_out = k;
    res = NULL;
done:
    cx_story_topics_free(res, k);
    sqlite3_finalize(q);
    cx_clusterer_free(cl);
    ZSTD_freeDCtx(dz);
    free(zbuf);
    for (size_t i = 0; i < n; i++) {
        free(v[i].ext);
        cx_store_ids_free(v[i].aliases, v[i].n_aliases);
    }
    free(v);
    return rc;
}
