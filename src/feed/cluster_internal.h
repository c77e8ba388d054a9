/* The clustering engine's state, shared by the online decisions
 * (cluster.c) and the regrouping of recent articles (consolidate.c).
 * Nothing outside those two files includes this. */
#ifndef CHORUS_CLUSTER_INTERNAL_H
#define CHORUS_CLUSTER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "cluster.h"
#include "features.h"
#include "minhash.h"
#include "moved_map.h"
#include "window.h"

#define FIXED_ONE 16777216.0 /* fixed-point scale of centroid weights (2^24) */

typedef struct posting {
    int64_t *v;
    uint32_t n, cap;
} posting;

/* The fields the candidate search reads first (gathering: stamp and acc of
 * every story a query term posts; scoring: the centroid and its norm) share
 * the struct's first cache line; stories are allocated line-aligned
 * (cx_engine_story_alloc). */
typedef struct story {
    uint64_t stamp; /* candidate gathering scratch */
    double acc;
    int64_t id;
    int32_t *term; /* centroid, sorted by term */
    size_t n, cap;
    double norm;       /* idf-weighted centroid norm, valid while norm_stamp == the engine's + 1 */
    uint64_t norm_stamp; /* 0 when the centroid changed since */
    int64_t *weight; /* fixed point, FIXED_ONE = 1.0 */
    int64_t first_time, last_time; /* INT64_MIN when no article had a time */
    int closed;
    uint64_t n_articles;
    uint64_t last_seq; /* placement number of its latest article (moves and merges count) */
    int32_t *indexed; /* terms this story is posted under, sorted */
    size_t n_indexed;
    struct story *prev, *next; /* in the open or the closed list, most recent first */
    /* Stories the latest consolidation to regroup this one made as parts of
     * one divided community share this mark (0: none); the online stage
     * does not merge them (kept_apart in cluster.c). */
    uint64_t apart;
} story;

typedef struct story_list {
    story *head, *tail;
    size_t n;
} story_list;

typedef struct scored {
    struct story *s;
    double score;
} scored;

typedef struct merge_note {
    int64_t from, into;
} merge_note;

/* Per term id. A dot product reads both fields of a term at once: one
 * cache line, not two arrays (a vocabulary of millions misses the caches). */
typedef struct term_stat {
    double log_df; /* log(df + 1) */
    double dense;  /* a vector spread over term ids for dot products (zero between uses) */
} term_stat;

/* A term with a weight, for vectors and rankings. */
typedef struct tw {
    int32_t term;
    double w;
} tw;

struct cx_clusterer {
    cx_cluster_params p;
    cx_feature_ctx fx;
    uint32_t *df;
    term_stat *ts;  /* per term id: log(df + 1), and the dense scratch vector beside it */
    size_t cap_df;
    double log_n;   /* log(epoch_docs + idf_prior_docs + 1) */
    uint64_t n_docs;
    /* idf is frozen for an epoch: from epoch_docs documents until 1/64 more
     * have been counted (term_stat.log_df and log_n are the epoch's; a feed
     * under 16,384 documents renews it with every article, see cluster.c),
     * so a centroid's idf-weighted norm holds until the centroid itself
     * changes, and epochs as long as a part of the feed cost the same per
     * article as it grows. The terms counted since: their df at the
     * epoch's start. */
    uint64_t epoch_docs;
    struct term_df {
        int32_t term;
        uint32_t df;
    } *dirty;
    size_t n_dirty, cap_dirty;
    unsigned char *is_dirty; /* per term id (cap_df) */
    uint64_t *in_dense; /* bit per term id: set where term_stat.dense may be non-zero */
    size_t cap_in_dense; /* words */
    uint64_t n_placed; /* articles placed so far: the next placement number */
    posting *post;
    size_t cap_post;
    int64_t *parent; /* per story id: itself, the story it merged into, or 0 if unknown */
    story **live;    /* per story id: its state while indexed, NULL once evicted or merged */
    size_t cap_story;
    int64_t last_id;
    story_list open, closed;
    cx_lsh *lsh;
    int64_t now;
    uint64_t stamp;
    uint64_t norm_stamp; /* advances with each epoch (cached norms lapse) */
    /* scratch of one decision */
    tw *vec, *ranked;
    size_t cap_vec, cap_ranked;
    story **cand;
    size_t cap_cand;
    tw *x;
    size_t cap_x;
    struct scored *scored;
    size_t cap_scored;
    merge_note *pending; /* merges noted for the next restored article */
    size_t n_pending, cap_pending;
    uint32_t *hit;       /* dot products: positions of a centroid's terms in the dense vector */
    size_t cap_hit;
    int32_t *vt;         /* cl->vec split (split_vec) */
    double *vw;
    size_t cap_vt, cap_vw;
    cx_window win;       /* recent articles, for consolidation */
    cx_moved_map moved;  /* where consolidation moved articles */
    uint64_t apart_next; /* the next story.apart mark */
};

/* Freeze idf at the counts so far (a new epoch). */
void cx_engine_new_epoch(cx_clusterer *cl);
/* Helpers of cluster.c that consolidation uses. */
/* The time evidence factor in [0, 1] of a time t against a period [first, last]. */
double cx_engine_time_factor(const cx_cluster_params *p, int64_t t, int64_t first, int64_t last);
double cx_engine_idf(const cx_clusterer *cl, int32_t t);
int64_t cx_engine_resolve(cx_clusterer *cl, int64_t id);
struct story *cx_engine_story_get(cx_clusterer *cl, int64_t id);
struct story *cx_engine_story_new(cx_clusterer *cl);
/* A zeroed story, aligned to a cache line (free with free()); NULL when out of memory. */
struct story *cx_engine_story_alloc(void);
/* The placement number of the recent-article window's entry at position i. */
uint64_t cx_engine_window_seq(const cx_clusterer *cl, size_t i);
/* Add (sign 1) or take away (sign -1) an article's unit vector from a
 * centroid, given its raw term weights. */
int cx_engine_centroid_change(cx_clusterer *cl, struct story *s, const int32_t *term, const double *w,
                              size_t n, int sign);
/* After a change: reopen the story, cap its centroid, re-post its top terms. */
int cx_engine_refresh(cx_clusterer *cl, struct story *s, int64_t time);
/* The same without the re-posting, for a story that changes again before
 * anything reads the index: cx_engine_reindex once after its last change. */
void cx_engine_touch(cx_clusterer *cl, struct story *s, int64_t time);
int cx_engine_reindex(cx_clusterer *cl, struct story *s);
/* A story left without articles: its id now stands for `into`. */
void cx_engine_retire(cx_clusterer *cl, struct story *s, int64_t into);

#endif
