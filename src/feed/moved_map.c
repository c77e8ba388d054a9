/* Where consolidation moved articles (moved_map.h). */
#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "moved_map.h"
#include "util.h"

static size_t slot_of(int64_t key, size_t cap)
{
    uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 17) & (cap - 1);
}

int64_t cx_moved_map_get(const cx_moved_map *m, int64_t key)
{
    if (!m->cap) return -1;
    for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (m->key[i] == key) return m->story[i];
        if (m->key[i] < 0) return -1;
    }
}

/* Rebuild the table at capacity cap (a power of two, at least twice the
 * entries kept) with the entries whose key is min_key or more. */
static int rebuild(cx_moved_map *m, size_t cap, int64_t min_key)
{
    int64_t *k = cx_malloc(cap * sizeof *k), *s = cx_malloc(cap * sizeof *s);
    if (!k || !s) {
        free(k);
        free(s);
        return CHORUS_ENOMEM;
    }
    for (size_t i = 0; i < cap; i++) k[i] = -1;
    size_t n = 0;
    for (size_t j = 0; j < m->cap; j++) {
        if (m->key[j] < min_key) continue; /* empty slots too (-1) */
        size_t i = slot_of(m->key[j], cap);
        while (k[i] >= 0) i = (i + 1) & (cap - 1);
        k[i] = m->key[j];
        s[i] = m->story[j];
        n++;
    }
    free(m->key);
    free(m->story);
    m->key = k;
    m->story = s;
    m->cap = cap;
    m->n = n;
    return 0;
}

int cx_moved_map_full(const cx_moved_map *m) { return 2 * (m->n + 1) > m->cap; }

int cx_moved_map_prune(cx_moved_map *m, int64_t min_key)
{
    if (!m->cap) return 0;
    size_t keep = 0;
    for (size_t j = 0; j < m->cap; j++) keep += m->key[j] >= min_key && m->key[j] >= 0;
    if (keep == m->n) return 0;
    size_t cap = 1024;
    while (2 * (keep + 1) > cap) cap *= 2;
    if (cap / 2 - (keep + 1) < cap / 8) return 0; /* too little room: the next set doubles */
    return rebuild(m, cap, min_key < 0 ? 0 : min_key);
}

int cx_moved_map_set(cx_moved_map *m, int64_t key, int64_t story)
{
    if (cx_moved_map_full(m) && rebuild(m, m->cap ? 2 * m->cap : 1024, 0)) return CHORUS_ENOMEM;
    size_t i = slot_of(key, m->cap);
    while (m->key[i] >= 0 && m->key[i] != key) i = (i + 1) & (m->cap - 1);
    if (m->key[i] < 0) m->n++;
    m->key[i] = key;
    m->story[i] = story;
    return 0;
}

void cx_moved_map_free(cx_moved_map *m)
{
    free(m->key);
    free(m->story);
    memset(m, 0, sizeof *m);
}
