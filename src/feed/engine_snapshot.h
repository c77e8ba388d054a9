/* The clustering engine's whole state as bytes, and back: a store keeps one
 * so that opening it does not replay every stored article.
 *
 * Everything a later decision reads is saved: the vocabulary in id order,
 * document frequencies, every indexed story (centroid, times, counts, place
 * in the open or closed list), the story merge map, the inverted index with
 * its posting order, the near-duplicate index, the recent-article window,
 * where consolidation moved articles, merges noted for the next article, and
 * the counters. A loaded engine decides exactly as the saved one would have.
 * The bytes are for the same build of the engine: they start with a format
 * version and the engine's parameters, and a loader refuses any other. */
#ifndef CHORUS_ENGINE_SNAPSHOT_H
#define CHORUS_ENGINE_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "cluster.h"

/* Bumped whenever the layout or the meaning of a saved field changes. */
#define CX_ENGINE_SNAPSHOT_FORMAT 4

/* Save cl with one caller value (a store keeps its own bookkeeping there).
 * *out is malloc'd. Returns 0 or a negative code. */
int cx_engine_snapshot_save(const cx_clusterer *cl, int64_t caller_value, unsigned char **out, size_t *len);

/* A new engine with parameters p (NULL: defaults) in the saved state.
 * CHORUS_EFORMAT when the bytes are not a whole, consistent snapshot made
 * with the same format and parameters (nothing is half loaded: *out is set
 * only on success). */
int cx_engine_snapshot_load(const unsigned char *buf, size_t len, const cx_cluster_params *p,
                            cx_clusterer **out, int64_t *caller_value);

#endif
