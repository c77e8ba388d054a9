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
/* 1 when the next new key makes the table grow. */
int cx_moved_map_full(const cx_moved_map *m);
/* Forget the articles with keys below min_key (nobody can ask for them any
 * more), so that the table holds the recent moves, not every move of the
 * feed, when pruning leaves room for at least an eighth of the table's
 * capacity before it fills again (else the next set doubles it as usual;
 * prunes stay rare). The layout stays one the snapshot accepts (a power of
 * two, at least a quarter full past 1,024 slots). 0 or CHORUS_ENOMEM. */
int cx_moved_map_prune(cx_moved_map *m, int64_t min_key);
void cx_moved_map_free(cx_moved_map *m);

#endif
