/* Helpers of the store tests: throw-away store files (a fresh path, the
 * store creates the file; removal with its WAL companions), articles made
 * in place, and one number read from a store with SQL. */
#ifndef CHORUS_TEST_TEMP_STORE_H
#define CHORUS_TEST_TEMP_STORE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <unistd.h>

#include "chorus.h"
#include "util.h"

static inline char *temp_db(void)
{
    char *path = strdup("/tmp/chorus-test-store-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path); /* the store creates it */
    return path;
}

static inline void remove_db(char *path)
{
    char tmp[512];
    unlink(path);
    snprintf(tmp, sizeof tmp, "%s-wal", path);
    unlink(tmp);
    snprintf(tmp, sizeof tmp, "%s-shm", path);
    unlink(tmp);
    free(path);
}

static inline void add_article(chorus_corpus *c, const char *id, const char *source, const char *published,
                               const char *title, const char *text)
{
    chorus_article a = {0};
    a.id = strdup(id);
    a.source = strdup(source);
    a.published = strdup(published);
    a.published_unix = cx_parse_time(published);
    a.title = title ? strdup(title) : NULL;
    a.text = strdup(text);
    a.origin = strdup(id);
    assert_int_equal(chorus_corpus_add(c, &a), 0);
}

/* The first column of the first row of sql over the store at db. */
static inline int64_t sql_int(const char *db, const char *sql)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

#endif
