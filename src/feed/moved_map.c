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

int cx_moved_map_set(cx_moved_map *m, int64_t key, int64_t story)
{
    if (2 * (m->n + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 1024;
        int64_t *k = cx_malloc(cap * sizeof *k), *s = cx_malloc(cap * sizeof *s);
        if (!k || !s) {
            free(k);
            free(s);
            return CHORUS_ENOMEM;
        }
        for (size_t i = 0; i < cap; i++) k[i] = -1;
        for (size_t j = 0; j < m->cap; j++) {
            if (m->key[j] < 0) continue;
            size_t i = slot_of(m->key[j], cap);
            while (k[i] >= 0) i = (i + 1) & (cap - 1);
            k[i] = m->key[j];
            s[i] = m->story[j];
        }
        free(m->key);
        free(m->story);
        m->key = k;
        m->story = s;
        m->cap = cap;
    }
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
