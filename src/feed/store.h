/* The article store: one SQLite file (WAL mode) that keeps every ingested
 * article once, the clustering decisions made for it (story, near-duplicate
 * original) and the stories with their running statistics. The schema is
 * described in docs/store.md; its version is PRAGMA user_version.
 *
 * Crash safety comes from two properties: articles are identified by a hash
 * of their normalized text and outlet (so ingesting one twice stores it once)
 * and every batch is one transaction (so a killed run leaves whole batches).
 * On open for writing, the clustering engine's state is loaded from the
 * snapshot the last writing handle saved when it closed, or, when that is
 * not current, rebuilt
 * from the stored features and decisions, so a new run goes on deciding as
 * the interrupted one would have. Only one process should ingest at a time; a
 * second writer is detected and refused rather than merged. */
#ifndef CHORUS_STORE_H
#define CHORUS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "chorus.h"

#define CX_STORE_SCHEMA_VERSION 4
/* Articles per transaction. Every transaction writes again the story,
 * membership and index pages that the batch touched, so fewer, larger ones
 * write less: 100k articles wrote 8.4 KB per article to the WAL in batches
 * of 1,000, 7.4 KB in batches of 2,500 (the writer's CPU -11%). A killed run
 * loses at most one batch, stored again when it is run again. */
#define CX_STORE_BATCH 2500
/* Articles the ingest command reads before it orders them by publication
 * time; windows are fixed by input position, so a re-run after a crash sees
 * the same order. */
#define CX_STORE_WINDOW CHORUS_INGEST_WINDOW
/* Reports a digest of a stored story uses by default (the latest): a story
 * of a long-running topic can gather tens of thousands. */
#define CX_STORE_DIGEST_MAX CHORUS_STORE_DIGEST_MAX

typedef struct cx_store cx_store;

enum {
    CX_STORE_READ = 0,  /* queries only: the clustering state is not rebuilt */
    CX_STORE_WRITE = 1, /* create when missing, rebuild the clustering state */
    CX_STORE_READONLY = 2, /* queries only, on a query-only handle (chorus serve): never
                              writes, not even a schema upgrade */
};

typedef chorus_ingest_stats cx_ingest_stats;

typedef chorus_ingest_progress_fn cx_store_progress_fn;
typedef chorus_ingest_skip_fn cx_store_skip_fn;

int cx_store_open(const char *path, int mode, cx_store **out, chorus_error *err);
/* The same, with clustering options by name (cluster.h,
 * CX_CLUSTER_OPTION_NAMES): a writer remembers them in the store and every
 * later open uses them unless given others. */
int cx_store_open_with(const char *path, int mode, const char *const *names, const double *values, size_t n,
                       cx_store **out, chorus_error *err);
/* The store's value of a clustering option (remembered or default). */
int cx_store_option(const cx_store *s, const char *name, double *value);
void cx_store_close(cx_store *s);

void cx_store_set_callbacks(cx_store *s, cx_store_progress_fn progress, cx_store_skip_fn skip,
                            void *ctx);

/* Articles already stored when the store was opened (restored into the
 * clustering engine when opened for writing). */
size_t cx_store_article_count(const cx_store *s);
/* 1 when the clustering engine was loaded from the snapshot saved when the
 * last writing handle closed, 0 when it was rebuilt by replaying the stored decisions (or
 * the store was opened read-only). */
int cx_store_restored_from_snapshot(const cx_store *s);
/* A message about the open the user should see (the saved clustering state
 * was invalid and rebuilt from the articles), or NULL. */
const char *cx_store_notice(const cx_store *s);

/* Ingest a[0..n): ordered by publication time (stable; unknown times keep
 * their place in front), deduplicated, clustered and stored in transactions
 * of CX_STORE_BATCH. Adds to *st. Returns 0 or a negative code (the batch in
 * progress is rolled back; earlier batches stay). The call's last batches
 * may be written after it returns (see cx_store_flush): a may be freed. */
int cx_store_ingest(cx_store *s, const chorus_article *a, size_t n, cx_ingest_stats *st,
                    chorus_error *err);
/* As cx_store_ingest, when more articles follow in another call: the
 * regrouping due after the call's last article is left to the next call
 * (or cx_store_flush), so a feed handed over in windows is regrouped every
 * consolidate_every articles however it is cut, not once more per window. */
int cx_store_ingest_more(cx_store *s, const chorus_article *a, size_t n, cx_ingest_stats *st,
                         chorus_error *err);
/* Regroup after the last article stored if an ingest call left that to
 * what follows, then wait until every batch decided is written (a call returns
 * while its last batches are written by the store's writer thread). Adds
 * the writer's remaining CPU to *st (may be NULL). Returns 0, or the
 * writer's error (an ingest call reports it too, and then refuses). Queries
 * on the handle and cx_store_close wait as well, but only this reports. */
int cx_store_flush(cx_store *s, cx_ingest_stats *st, chorus_error *err);

typedef chorus_story_info cx_story_info; /* one story as listed */

#define CX_STORE_OUTLET_SEP CHORUS_OUTLET_SEP

typedef enum { CX_STORIES_BY_SIZE, CX_STORIES_BY_RECENCY } cx_story_order;

/* Stories not merged into another, with an article published at or after
 * since (INT64_MIN: all), at most limit (0: all). */
int cx_store_stories(cx_store *s, int64_t since, cx_story_order order, size_t limit,
                     cx_story_info **out, size_t *n, chorus_error *err);
void cx_story_infos_free(cx_story_info *v, size_t n);
/* One story by id (merged or not); CHORUS_ENOTFOUND when there is none.
 * Free with cx_story_infos_free(out, 1) on a copy, or free its strings. */
int cx_store_story_info(cx_store *s, int64_t story, cx_story_info *out, chorus_error *err);
/* A number that changes whenever the story changes (an article joins, it
 * is merged); one row read, for caching pages. CHORUS_ENOTFOUND when none. */
int cx_store_story_stamp(cx_store *s, int64_t story, int64_t *stamp, chorus_error *err);
/* Stories whose title contains query (case-insensitive for ASCII), largest
 * first: the fallback search while the store has no full-text index (a scan
 * of the story titles, not of every article's). */
int cx_store_search_titles(cx_store *s, const char *query, size_t limit, cx_story_info **out, size_t *n,
                           chorus_error *err);

/* The ids of a story's articles (their feed ids; "#N" for an article that
 * had none: its store number), near-duplicates included, in publication
 * order. Free with cx_store_ids_free. */
int cx_store_story_members(cx_store *s, int64_t story, char ***ids, size_t *n, chorus_error *err);
void cx_store_ids_free(char **ids, size_t n);

/* Topics: the stories linked by subject over any span, one row per part of
 * a story in a topic (see chorus_store_topics in chorus.h: the decisions of
 * chorus cluster's topic engine, stories nested in topics). Computed from
 * the stored features on each call (one pass over the store, about as long
 * as ingesting without writing). Free with cx_story_topics_free. */
typedef chorus_story_topic cx_story_topic;
int cx_store_topics(cx_store *s, int with_articles, cx_story_topic **out, size_t *n, chorus_error *err);
void cx_story_topics_free(cx_story_topic *v, size_t n);

/* The story a story id now belongs to (itself unless it was merged), or a
 * negative code when no such story exists. */
int64_t cx_store_story_root(cx_store *s, int64_t story, chorus_error *err);

/* Load the story's reports (near-duplicates left out) ingested in
 * [ingested_from, ingested_to) into c, in publication order; with max > 0
 * only the max latest (by publication time). *n_total (may be NULL) gets the
 * number of such reports. Returns the number of articles loaded. */
int cx_store_story_corpus(cx_store *s, int64_t story, int64_t ingested_from, int64_t ingested_to,
                          size_t max, chorus_corpus *c, size_t *n_total, chorus_error *err);

/* The open SQLite handle and the file's path, for modules that keep their
 * own tables beside the store's (store_search.c). */
struct sqlite3;
struct sqlite3 *cx_store_db(cx_store *s);
const char *cx_store_path(const cx_store *s);

#endif
