/* String interning with open addressing over xxHash: dense ids for stems,
 * names and concepts, so later stages compare integers, not strings. */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "text.h"
#include "util.h"

/* A slot holds id+1 in its low 32 bits (0 = empty) and the hash's high 32
 * bits above: a probe that meets another string is told apart in the slot
 * itself, without reading that string's hash, length and bytes (three
 * cache misses each in a vocabulary of millions). */
struct cx_vocab {
    uint64_t *slots;
    size_t n_slots;
    char **strs;
    size_t *lens;
    uint64_t *hashes;
    size_t n, cap;
};

cx_vocab *cx_vocab_new(void)
{
    cx_vocab *v = calloc(1, sizeof *v);
    if (!v) return NULL;
    v->n_slots = 1024;
    v->slots = calloc(v->n_slots, sizeof *v->slots);
    if (!v->slots) {
        free(v);
        return NULL;
    }
    return v;
}

void cx_vocab_free(cx_vocab *v)
{
    if (!v) return;
    for (size_t i = 0; i < v->n; i++) free(v->strs[i]);
    free(v->strs);
    free(v->lens);
    free(v->hashes);
    free(v->slots);
    free(v);
}

static int32_t lookup(const cx_vocab *v, const char *s, size_t n, uint64_t h, size_t *slot)
{
    size_t mask = v->n_slots - 1, i = (size_t)h & mask;
    uint32_t tag = (uint32_t)(h >> 32);
    for (;;) {
        uint64_t e = v->slots[i];
        if (!e) {
            *slot = i;
            return -1;
        }
        if ((uint32_t)(e >> 32) == tag) {
            int32_t id = (int32_t)(uint32_t)e - 1;
            if (v->lens[id] == n && memcmp(v->strs[id], s, n) == 0) return id;
        }
        i = (i + 1) & mask;
    }
}

static uint64_t slot_value(size_t id, uint64_t h) { return (h >> 32 << 32) | (uint64_t)(id + 1); }

static int rehash(cx_vocab *v)
{
    size_t ns = v->n_slots * 2;
    uint64_t *slots = calloc(ns, sizeof *slots);
    if (!slots) return CHORUS_ENOMEM;
    for (size_t id = 0; id < v->n; id++) {
        size_t i = (size_t)v->hashes[id] & (ns - 1);
        while (slots[i]) i = (i + 1) & (ns - 1);
        slots[i] = slot_value(id, v->hashes[id]);
    }
    free(v->slots);
    v->slots = slots;
    v->n_slots = ns;
    return 0;
}

int32_t cx_vocab_find(const cx_vocab *v, const char *s, size_t n)
{
    size_t slot = 0;
    return lookup(v, s, n, XXH3_64bits(s, n), &slot);
}

int32_t cx_vocab_id(cx_vocab *v, const char *s, size_t n)
{
    uint64_t h = XXH3_64bits(s, n);
    size_t slot = 0;
    int32_t id = lookup(v, s, n, h, &slot);
    if (id >= 0) return id;
    if ((v->n + 1) * 2 > v->n_slots) {
        if (rehash(v)) return -1;
        lookup(v, s, n, h, &slot);
    }
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 256;
        char **a = realloc(v->strs, nc * sizeof *a);
        if (!a) return -1;
        v->strs = a;
        size_t *l = realloc(v->lens, nc * sizeof *l);
        if (!l) return -1;
        v->lens = l;
        uint64_t *hh = realloc(v->hashes, nc * sizeof *hh);
        if (!hh) return -1;
        v->hashes = hh;
        v->cap = nc;
    }
    char *copy = cx_strndup(s, n);
    if (!copy) return -1;
    id = (int32_t)v->n++;
    v->strs[id] = copy;
    v->lens[id] = n;
    v->hashes[id] = h;
    v->slots[slot] = slot_value((size_t)id, h);
    return id;
}

const char *cx_vocab_str(const cx_vocab *v, int32_t id)
{
    return id >= 0 && (size_t)id < v->n ? v->strs[id] : NULL;
}

size_t cx_vocab_size(const cx_vocab *v) { return v->n; }

/* ---- a value per string ------------------------------------------------ */

int cx_strmap_init(cx_strmap *m)
{
    memset(m, 0, sizeof *m);
    return (m->keys = cx_vocab_new()) ? 0 : CHORUS_ENOMEM;
}

void cx_strmap_free(cx_strmap *m)
{
    cx_vocab_free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

int cx_strmap_get(const cx_strmap *m, const char *s, size_t n, int64_t *val)
{
    int32_t k = m->keys ? cx_vocab_find(m->keys, s, n) : -1;
    if (k < 0) return 0;
    *val = m->vals[k];
    return 1;
}

int cx_strmap_put(cx_strmap *m, const char *s, size_t n, int64_t val)
{
    int32_t k = m->keys ? cx_vocab_id(m->keys, s, n) : -1;
    if (k < 0 || cx_grow((void **)&m->vals, &m->cap, (size_t)k + 1, sizeof *m->vals)) return CHORUS_ENOMEM;
    m->vals[k] = val;
    return 0;
}

size_t cx_strmap_size(const cx_strmap *m)
{
    return m->keys ? cx_vocab_size(m->keys) : 0;
}
