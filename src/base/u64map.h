/* The library's integer-keyed hash table: 64-bit keys to dense indices
 * 0..n-1 in insertion order, so callers keep their records in a plain array
 * indexed by what the map returns (strings go through the vocabulary,
 * text.h). Open addressing with linear probing; any key value is allowed. */
#ifndef CHORUS_U64MAP_H
#define CHORUS_U64MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct cx_u64map {
    uint64_t *keys;  /* by index */
    uint32_t *slots; /* 0 empty, else index + 1 */
    size_t cap, n;
} cx_u64map;

/* Index of key, or -1. */
int64_t cx_u64map_find(const cx_u64map *m, uint64_t key);
/* Index of key, added when new (*added set to 1 then, else 0); -1 when
 * out of memory. */
int64_t cx_u64map_add(cx_u64map *m, uint64_t key, int *added);
void cx_u64map_free(cx_u64map *m);

#endif
