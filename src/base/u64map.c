/* 64-bit keys to dense indices (u64map.h). */
#include <stdlib.h>
#include <string.h>

#include "u64map.h"

/* A finalizer of MurmurHash3: consecutive ids and packed pairs spread over
 * the table's low bits. */
static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static size_t slot_of(const cx_u64map *m, uint64_t key)
{
    size_t mask = m->cap - 1, i = (size_t)mix(key) & mask;
    while (m->slots[i] && m->keys[m->slots[i] - 1] != key) i = (i + 1) & mask;
    return i;
}

int64_t cx_u64map_find(const cx_u64map *m, uint64_t key)
{
    if (!m->cap) return -1;
    uint32_t s = m->slots[slot_of(m, key)];
    return s ? (int64_t)s - 1 : -1;
}

/* Double the slots (at most half full) and the keys' array. */
static int grow(cx_u64map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    if (cap / 2 > UINT32_MAX - 1) return -1;
    uint32_t *slots = calloc(cap, sizeof *slots);
    uint64_t *keys = realloc(m->keys, cap / 2 * sizeof *keys);
    if (!slots || !keys) {
        free(slots);
        if (keys) m->keys = keys;
        return -1;
    }
    m->keys = keys;
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    for (size_t k = 0; k < m->n; k++) m->slots[slot_of(m, m->keys[k])] = (uint32_t)k + 1;
    return 0;
}

int64_t cx_u64map_add(cx_u64map *m, uint64_t key, int *added)
{
    if (added) *added = 0;
    if (m->cap) {
        uint32_t s = m->slots[slot_of(m, key)];
        if (s) return (int64_t)s - 1;
    }
    if ((m->n + 1) * 2 > m->cap && grow(m)) return -1;
    size_t i = slot_of(m, key);
    m->keys[m->n] = key;
    m->slots[i] = (uint32_t)++m->n;
    if (added) *added = 1;
    return (int64_t)m->n - 1;
}

void cx_u64map_free(cx_u64map *m)
{
    free(m->keys);
    free(m->slots);
    memset(m, 0, sizeof *m);
}
