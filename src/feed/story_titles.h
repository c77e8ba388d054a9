/* A story's title as lists show it: its most representative headline (the
 * one sharing most words with the story's other headlines), kept in the
 * table story_titles beside the stories. The ingest refreshes it for the
 * stories a batch touched, in the batch's transaction, so that listing
 * stories is an index read instead of comparing up to 200 headlines per
 * story on every list. */
#ifndef CHORUS_STORY_TITLES_H
#define CHORUS_STORY_TITLES_H

#include <sqlite3.h>
#include <stdint.h>

/* Headlines compared for a story: its first ones by publication time. */
#define CX_TITLE_CANDIDATES 200

/* A headline worth showing: at least two words of two letters or more
 * (feeds carry titles such as "&HT;" or "12"). */
int cx_title_usable(const char *t);

/* The most representative headline of a story (first of equals) among its
 * first CX_TITLE_CANDIDATES original reports' usable headlines, computed
 * from the members; NULL when fewer than three (or out of memory).
 * *horizon (may be NULL) gets the publication time of the last headline
 * compared when CX_TITLE_CANDIDATES were (a report joining later cannot
 * change the choice), else INT64_MIN. */
char *cx_story_title_compute(sqlite3 *db, int64_t story, int64_t *horizon);

/* 1 when the store has the table (a store last written by an older chorus
 * has not), 0 when not. */
int cx_story_titles_present(sqlite3 *db);

/* Writers: create the table when missing and fill it for every open story
 * (inside the caller's transaction). member_titles: the store's
 * story_members has the headlines (version 4), else they are read from the
 * articles. Returns an SQLite code. */
int cx_story_titles_create(sqlite3 *db, int member_titles);

/* A story a batch touched, for cx_story_titles_refresh: earliest is the
 * earliest publication time of an original report that joined or left it
 * (INT64_MAX: only copies; INT64_MIN: a report of unknown time, or a
 * merge: compare again). */
typedef struct cx_title_touch {
    int64_t story, earliest;
} cx_title_touch;

/* Writers: bring the titles of the touched stories up to date (the array is
 * sorted and merged in place). A story whose first CX_TITLE_CANDIDATES
 * headlines cannot have changed (every report joined after the last of
 * them) is not read again; another is read again once its size changed by
 * a tenth (at every report up to ten); one that gained or lost reports of
 * unknown time (merges), always. Returns an SQLite code. */
int cx_story_titles_refresh(sqlite3 *db, cx_title_touch *t, size_t n, int member_titles);

/* The stored title of a story (malloc'ed), or NULL when none is stored. */
char *cx_story_title_stored(sqlite3_stmt *lookup, int64_t story);
/* The statement cx_story_title_stored steps (finalize it after use). */
int cx_story_title_lookup_prepare(sqlite3 *db, sqlite3_stmt **out);

#endif
