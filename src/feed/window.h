/* The recent-article window of the clustering engine: the last N articles
 * placed, each with its term vector and current story, so their grouping
 * can be reconsidered together (cx_clusterer_consolidate). Also builds
 * their nearest-neighbour graph for the community search. */
#ifndef CHORUS_WINDOW_H
#define CHORUS_WINDOW_H

#include <stddef.h>
#include <stdint.h>

#include "community.h"

typedef struct cx_window_entry {
    int64_t key;      /* the caller's article id */
    int64_t story;    /* story id when placed or last moved (resolve merges on use) */
    int64_t dup_root; /* a near-duplicate: its original's key; else -1 */
    int64_t time;     /* INT64_MIN when unknown */
    int32_t *term;    /* raw term vector (log counts, names weighted), sorted by term; */
    double *w;        /* empty for a near-duplicate */
    uint32_t n;
} cx_window_entry;

typedef struct cx_window {
    cx_window_entry *e; /* ring of `cap` entries; the oldest at `head` once full */
    size_t cap, n, head;
} cx_window;

int cx_window_init(cx_window *win, size_t capacity);
void cx_window_free(cx_window *win);
/* Remember an article (the oldest leaves when full). term/w are copied. */
int cx_window_push(cx_window *win, int64_t key, int64_t story, int64_t dup_root, int64_t time,
                   const int32_t *term, const double *w, size_t n);
/* The i-th entry, oldest first. */
cx_window_entry *cx_window_at(cx_window *win, size_t i);

/* Nearest-neighbour graph of the window's entries that have terms (not
 * near-duplicates): nodes are those entries, oldest first (node_entry[k] is
 * the window position of node k, malloc'd). Each article is linked to its
 * `k` most similar ones (idf-weighted cosine, `idf(ctx, term)`), if at
 * least min_similarity after the time factor; the graph keeps every such
 * link in both directions. */
typedef double (*cx_idf_fn)(const void *ctx, int32_t term);
/* The time evidence between two articles' times (either may be INT64_MIN):
 * a factor in [0, 1] their similarity is multiplied by; 0 keeps them apart. */
typedef double (*cx_time_fn)(const void *ctx, int64_t a, int64_t b);
int cx_window_knn_graph(cx_window *win, cx_idf_fn idf, cx_time_fn time_factor, const void *ctx, size_t k,
                        double min_similarity, cx_graph *graph, size_t **node_entry);

#endif
