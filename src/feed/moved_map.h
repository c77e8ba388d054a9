/* Where consolidation last moved an article: article key -> story id, an
 * open-addressing table. The online decisions read it (a near-copy of a
 * moved article follows the article to its new story); consolidation
 * writes it; a snapshot keeps it as laid out (slot, key, story).
 * Why a table of its own rather than src/base's cx_u64map: the engine
 * snapshot (engine_snapshot.c) stores these slots and restores them in
 * place, checked against this layout (capacity a power of two, at most
 * half full); stores carry such snapshots, and another layout would be a
 * new snapshot format for no gain in speed. */
#ifndef CHORUS_MOVED_MAP_H
#define CHORUS_MOVED_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct cx_moved_map {
    int64_t *key;   /* -1: empty slot */
    int64_t *story;
    size_t n, cap;  /* cap: 0 or a power of two, at most half full */
} cx_moved_map;

/* The story the article was last moved to, or -1. */
int64_t cx_moved_map_get(const cx_moved_map *m, int64_t key);
/* Record (or replace) where an article went; CHORUS_ENOMEM on failure. */
int cx_moved_map_set(cx_moved_map *m, int64_t key, int64_t story);
void cx_moved_map_free(cx_moved_map *m);

#endif
