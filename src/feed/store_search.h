/* Story search over the store: which stories are about a query, ranked by
 * BM25 over their articles' titles and text (SQLite FTS5). */
#ifndef CHORUS_STORE_SEARCH_H
#define CHORUS_STORE_SEARCH_H

#include "store.h"

typedef struct cx_story_hit {
    cx_story_info info; /* the story (merged stories resolved to the one they joined) */
    double score;       /* the best BM25 of its articles, higher is better */
    size_t matching;    /* its articles that match the query */
} cx_story_hit;

/* The index is an FTS5 table beside the articles (additive to the schema,
 * built on first use: a store written before it gets one), brought up to
 * date before each search with the articles stored since: ingestion does
 * not pay for it. Near-duplicate copies are not indexed. When an ingest holds
 * the write lock, the search runs on the index as it is and *unindexed
 * (may be NULL) gets the number of articles it does not cover yet.
 *
 * The query's words (stop words dropped) are matched by their Porter stems,
 * any of them (OR), each weighted by BM25's inverse document frequency, a
 * title match three times a body match. Stories rank by their best article,
 * then by how many of their articles match. At most limit hits (0: 20).
 * CHORUS_EINVAL when the query has no word to search for. */
int cx_store_search(cx_store *s, const char *query, size_t limit, cx_story_hit **out, size_t *n,
                    size_t *unindexed, chorus_error *err);
void cx_story_hits_free(cx_story_hit *v, size_t n);

#endif
