/* String interning with open addressing over xxHash: dense ids for stems,
 * names and concepts, so later stages compare integers, not strings. */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "text.h"
#include "util.h"

/* A slot holds the string's place, its id + 1 (0 = empty) and the hash's
 * high 32 bits: a probe that passes other strings is told apart in the slot
 * itself, and a hit reads one more place, where the length sits just before
 * the bytes (a vocabulary of millions misses the caches on each read). */
typedef struct vocab_slot {
    const char *s; /* the bytes; their length as a uint32_t just before */
    uint32_t tag;
    uint32_t id1;
} vocab_slot;

/* String storage grows from a small chunk to chunks of VOCAB_CHUNK, and the
 * slots from VOCAB_SLOTS: a run makes dozens of vocabularies (word lists,
 * maps of names), most holding a few dozen strings, and zeroing or mapping
 * room for thousands in each cost a one-article digest more than its words. */
#define VOCAB_CHUNK ((size_t)1 << 20)
#define VOCAB_FIRST_CHUNK ((size_t)1 << 10)
#define VOCAB_SLOTS 64

struct cx_vocab {
    vocab_slot *slots;
    size_t n_slots;
    const char **strs; /* by id: into the chunks, which never move */
    uint64_t *hashes;  /* by id, for rehashing */
    size_t n, cap;
    char **chunks;     /* string storage, filled in order */
    size_t n_chunks, cap_chunks;
    size_t chunk_used, chunk_size; /* of the last chunk */
};

cx_vocab *cx_vocab_new(void)
{
    cx_vocab *v = calloc(1, sizeof *v);
    if (!v) return NULL;
    v->n_slots = VOCAB_SLOTS;
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
    for (size_t i = 0; i < v->n_chunks; i++) free(v->chunks[i]);
    free(v->chunks);
    free(v->strs);
    free(v->hashes);
    free(v->slots);
    free(v);
}

static int32_t lookup(const cx_vocab *v, const char *s, size_t n, uint64_t h, size_t *slot)
{
    size_t mask = v->n_slots - 1, i = (size_t)h & mask;
    uint32_t tag = (uint32_t)(h >> 32);
    for (;;) {
        const vocab_slot *e = &v->slots[i];
        if (!e->id1) {
            *slot = i;
            return -1;
        }
        if (e->tag == tag) {
            uint32_t len;
            memcpy(&len, e->s - sizeof len, sizeof len);
            if (len == n && memcmp(e->s, s, n) == 0) return (int32_t)(e->id1 - 1);
        }
        i = (i + 1) & mask;
    }
}

static int rehash(cx_vocab *v)
{
    size_t ns = v->n_slots * 2;
    vocab_slot *slots = calloc(ns, sizeof *slots);
    if (!slots) return CHORUS_ENOMEM;
    for (size_t id = 0; id < v->n; id++) {
        size_t i = (size_t)v->hashes[id] & (ns - 1);
        while (slots[i].id1) i = (i + 1) & (ns - 1);
        slots[i] = (vocab_slot){v->strs[id], (uint32_t)(v->hashes[id] >> 32), (uint32_t)id + 1};
    }
    free(v->slots);
    v->slots = slots;
    v->n_slots = ns;
    return 0;
}

/* A copy of s (length before it, NUL after) in the chunks. */
static const char *store_string(cx_vocab *v, const char *s, size_t n)
{
    uint32_t len = (uint32_t)n;
    size_t need = sizeof len + n + 1;
    if (!v->n_chunks || v->chunk_used + need > v->chunk_size) {
        size_t size = v->n_chunks ? VOCAB_CHUNK : VOCAB_FIRST_CHUNK;
        if (v->n_chunks && v->chunk_size < VOCAB_CHUNK) size = 2 * v->chunk_size;
        if (size < need) size = need;
        if (v->n_chunks == v->cap_chunks) {
            size_t nc = v->cap_chunks ? v->cap_chunks * 2 : 16;
            char **c = realloc(v->chunks, nc * sizeof *c);
            if (!c) return NULL;
            v->chunks = c;
            v->cap_chunks = nc;
        }
        char *chunk = malloc(size);
        if (!chunk) return NULL;
        v->chunks[v->n_chunks++] = chunk;
        v->chunk_used = 0;
        v->chunk_size = size;
    }
    char *at = v->chunks[v->n_chunks - 1] + v->chunk_used;
    memcpy(at, &len, sizeof len);
    memcpy(at + sizeof len, s, n);
    at[sizeof len + n] = '\0';
    v->chunk_used += need;
    return at + sizeof len;
}

int32_t cx_vocab_find(const cx_vocab *v, const char *s, size_t n)
{
    size_t slot = 0;
    return lookup(v, s, n, XXH3_64bits(s, n), &slot);
}

int32_t cx_vocab_id(cx_vocab *v, const char *s, size_t n)
{
    return cx_vocab_id_hashed(v, s, n, XXH3_64bits(s, n));
}

int32_t cx_vocab_id_hashed(cx_vocab *v, const char *s, size_t n, uint64_t h)
{
    if (n > UINT32_MAX) return -1;
    size_t slot = 0;
    int32_t id = lookup(v, s, n, h, &slot);
    if (id >= 0) return id;
    if (v->n >= (size_t)INT32_MAX) return -1;
    if ((v->n + 1) * 2 > v->n_slots) {
        if (rehash(v)) return -1;
        lookup(v, s, n, h, &slot);
    }
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 16; /* most vocabularies are word lists of a few dozen */
        const char **a = realloc(v->strs, nc * sizeof *a);
        if (!a) return -1;
        v->strs = a;
        uint64_t *hh = realloc(v->hashes, nc * sizeof *hh);
        if (!hh) return -1;
        v->hashes = hh;
        v->cap = nc;
    }
    const char *copy = store_string(v, s, n);
    if (!copy) return -1;
    id = (int32_t)v->n++;
    v->strs[id] = copy;
    v->hashes[id] = h;
    v->slots[slot] = (vocab_slot){copy, (uint32_t)(h >> 32), (uint32_t)id + 1};
    return id;
}

const char *cx_vocab_str(const cx_vocab *v, int32_t id)
{
    return id >= 0 && (size_t)id < v->n ? v->strs[id] : NULL;
}

size_t cx_vocab_len(const cx_vocab *v, int32_t id)
{
    if (id < 0 || (size_t)id >= v->n) return 0;
    uint32_t len;
    memcpy(&len, v->strs[id] - sizeof len, sizeof len);
    return len;
}

uint64_t cx_vocab_hash(const cx_vocab *v, int32_t id)
{
    return id >= 0 && (size_t)id < v->n ? v->hashes[id] : 0;
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
