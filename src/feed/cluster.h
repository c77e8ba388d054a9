/* Online story clustering and near-duplicate detection.
 *
 * Articles arrive one at a time (a feed stream). For each, the engine first
 * looks for a near-duplicate (MinHash over word shingles, LSH banding); a
 * copy joins its original's story. Otherwise the article joins the open story
 * whose centroid (TF-IDF over content stems, capitalized names weighted up,
 * decayed by time) it matches best, or opens a new story. Stories close after
 * a quiet time window and leave the candidate indexes, so memory and time per
 * article stay bounded. Decisions depend only on the order of the input.
 *
 * Features are tied to the clusterer whose vocabulary they were built with.
 * Functions return 0 or a negative CHORUS_E* code. */
#ifndef CHORUS_CLUSTER_H
#define CHORUS_CLUSTER_H

#include <stddef.h>
#include <stdint.h>

#include "chorus.h"
#include "features.h"

typedef struct cx_clusterer cx_clusterer;

typedef struct cx_cluster_params {
    double join_threshold;   /* min score (cosine x time decay) to join an open story */
    double revive_threshold; /* min score to reopen a closed story (it keeps only its top terms) */
    double merge_threshold;  /* centroid-centroid cosine at which two stories near an article
                                merge (a one-article story merges at join_threshold) */
    double dup_threshold;    /* min estimated Jaccard of shingles for a near-duplicate */
    double entity_weight;    /* multiplier of capitalized-name terms */
    size_t idf_prior_docs;   /* IDF as if this many documents without the term came first */
    int64_t window_seconds;  /* a story closes after this long without an article */
    int64_t half_life_seconds; /* score halves per this distance from the story's period */
    double decay_floor;      /* the decay never goes below this factor */
    int64_t max_span_seconds; /* a story's dates never span more (0: unbounded) */
    size_t max_centroid_terms; /* cap on terms kept per story centroid */
    size_t closed_centroid_terms; /* terms a closed story keeps */
    size_t index_terms;      /* top terms of a story posted in the inverted index */
    size_t query_terms;      /* top terms of an article used to find candidate stories */
    size_t max_candidates;   /* stories scored per article at most */
    size_t max_open_stories; /* beyond this, the least recently updated open story closes */
    size_t max_closed_stories; /* beyond this, the oldest closed story leaves the index */
    size_t dup_capacity;     /* recent articles kept for near-duplicate search */
    size_t shingle_words;    /* words per shingle for MinHash */
    /* Consolidation (cx_clusterer_consolidate): the recent articles regrouped
     * as communities of their nearest-neighbour graph. */
    size_t window_articles;  /* recent articles kept and regrouped (0: never) */
    size_t consolidate_every; /* callers consolidate after this many new articles */
    size_t neighbours;       /* links per article in the graph */
    double neighbour_min_similarity; /* weaker links are left out */
    double resolution;       /* modularity resolution: higher splits more */
    size_t reference_articles; /* modularity as in a window of this many articles (0: as is) */
    int split_unions;        /* re-divide a community that is a union of groups (see consolidate.c) */
} cx_cluster_params;

/* Story level (events bounded in time): a 7-day window. */
void cx_cluster_params_default(cx_cluster_params *p);
/* The window and what follows from it: half-life window/2, span at most
 * two windows, no floor on the time decay. */
void cx_cluster_params_set_window(cx_cluster_params *p, int64_t seconds);
/* Topic level: subjects over any span (time weighs little). */
void cx_cluster_params_topic(cx_cluster_params *p);

/* The options a user sets, by name (as the CLI spells them without "--",
 * and as a store remembers them): window-days (sets what follows from the
 * window, see cx_cluster_params_set_window), half-life-days, decay-floor,
 * join, revive, merge, dup, names, min-link, resolution, neighbours,
 * reference, consolidate (0: online decisions only). */
#define CX_CLUSTER_OPTION_NAMES                                                                   \
    "window-days", "half-life-days", "decay-floor", "join", "revive", "merge", "dup", "names",     \
        "min-link", "resolution", "neighbours", "reference", "consolidate"
/* Set one option; CHORUS_EINVAL for an unknown name or a value out of range. */
int cx_cluster_params_set(cx_cluster_params *p, const char *name, double value);
/* What the option takes, for messages ("a number in [0, 1]"). */
const char *cx_cluster_option_wants(const char *name);
/* The option's current value (0 and CHORUS_EINVAL for an unknown name). */
int cx_cluster_params_get(const cx_cluster_params *p, const char *name, double *value);

/* From an article: content stems with tf (sparse, sorted by term id in the
 * clusterer's vocabulary), capitalized name terms, a MinHash signature over
 * word shingles, the timestamp (INT64_MIN when unknown). An article without
 * any word still gets features (empty); it then never matches anything. */
int cx_features_from_article(cx_clusterer *cl, const chorus_article *a, cx_features **out);

/* Features back from bytes (cx_features_serialize in features.h), their
 * terms interned in the clusterer's vocabulary. Deserializing the articles in
 * their original order gives the terms their original ids, which exact
 * replays need (rankings break ties by id). */
int cx_features_deserialize(cx_clusterer *cl, const unsigned char *buf, size_t len,
                            cx_features **out);

cx_clusterer *cx_clusterer_new(const cx_cluster_params *p); /* p NULL: defaults */
void cx_clusterer_free(cx_clusterer *cl);

typedef struct cx_assignment {
    int64_t story;        /* story id (engine-assigned, dense from 1) */
    int64_t duplicate_of; /* article key of the original if a near-duplicate, else -1 */
    double similarity;    /* duplicate: estimated Jaccard; join: score; new story: best score seen */
    int new_story;        /* 1 if this article opened a new story */
    int64_t merged_from[4];
    size_t n_merged;      /* stories merged INTO `story` by this step */
} cx_assignment;

/* Decide for a new article (key = caller's article id, unique, >= 0).
 * Deterministic for an input order. The clusterer does not keep f. */
int cx_clusterer_add(cx_clusterer *cl, int64_t key, const cx_features *f, cx_assignment *out);

/* Rebuild state from stored decisions without deciding again (for a new
 * process): the article is put in `story` (ids above the highest seen so far
 * advance the id counter). duplicate_of is the stored original or -1.
 * Replay in the original order; for an article whose assignment reported
 * merges, first call cx_clusterer_note_merge(m, story) for each of its
 * merged_from, then restore the article (the noted merges are applied inside
 * restore at the point cx_clusterer_add made them), so a restored clusterer
 * decides later articles exactly as the original would have. */
int cx_clusterer_restore(cx_clusterer *cl, int64_t key, const cx_features *f, int64_t story,
                         int64_t duplicate_of);
/* Replay a stored merge (from_story's articles now belong to into_story);
 * it takes effect with the next restored article, see above. */
int cx_clusterer_note_merge(cx_clusterer *cl, int64_t from_story, int64_t into_story);

/* Regroup the recent articles (the last window_articles placed): link each
 * to its nearest neighbours, find the graph's communities, give each
 * community one of the stories its articles are in, matching the largest
 * overlaps first (a new story when none is left to it), and move the
 * articles that disagree.
 * A near-duplicate moves with its original. Online decisions follow one
 * article at a time and fuse related events through shared topic words;
 * the graph sees all of the window's reports at once. Deterministic: a
 * restore that calls it at the same points rebuilds the same state. */
typedef struct cx_move {
    int64_t key, from, to;
} cx_move;
typedef struct cx_consolidation {
    cx_move *moves;          /* in window order */
    size_t n_moves;
    int64_t *created;        /* stories opened for communities */
    size_t n_created;
    int64_t (*retired)[2];   /* {story, into}: stories all of whose articles moved */
    size_t n_retired;
} cx_consolidation;
int cx_clusterer_consolidate(cx_clusterer *cl, cx_consolidation *out);
void cx_consolidation_free(cx_consolidation *c);

/* The story a story id now stands for (after merges), or -1 if unknown. */
int64_t cx_clusterer_resolve(const cx_clusterer *cl, int64_t story);
/* Highest story id assigned so far (0 when none). */
int64_t cx_clusterer_last_story(const cx_clusterer *cl);
/* Stories currently open (in the candidate index). */
size_t cx_clusterer_open_stories(const cx_clusterer *cl);

#endif
