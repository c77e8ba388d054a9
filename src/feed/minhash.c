/* MinHash with the multiply-shift family over xxHash'ed shingles, and the
 * ring-buffer LSH index described in minhash.h. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "minhash.h"
#include "util.h"

#define ROWS (CX_MINHASH_K / CX_MINHASH_BANDS)
#define MAX_CHAIN_STEPS 64 /* per band and query: bounds the work on crowded buckets */

/* Multipliers (odd) and offsets of the K hash functions, fixed so signatures
 * are comparable across processes: derived from splitmix64 of the slot. */
static uint64_t mul[CX_MINHASH_K], add[CX_MINHASH_K];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* The hash family's constants, made once (pthread_once: threads digesting
 * or clustering at the same time must not see half-written tables). */
static void make_tables(void)
{
    uint64_t state = 0x63686f7275730001ull;
    for (int i = 0; i < CX_MINHASH_K; i++) {
        mul[i] = splitmix64(&state) | 1u;
        add[i] = splitmix64(&state);
    }
}

static void init_tables(void)
{
    pthread_once(&tables_once, make_tables);
}

void cx_minhash_init(cx_minhash *m)
{
    init_tables();
    memset(m->v, 0xff, sizeof m->v);
}

void cx_minhash_add(cx_minhash *m, uint64_t h)
{
    for (int i = 0; i < CX_MINHASH_K; i++) {
        uint32_t v = (uint32_t)((h * mul[i] + add[i]) >> 32);
        if (v < m->v[i]) m->v[i] = v;
    }
}

double cx_minhash_jaccard(const cx_minhash *a, const cx_minhash *b)
{
    int same = 0;
    for (int i = 0; i < CX_MINHASH_K; i++) same += a->v[i] == b->v[i];
    return (double)same / CX_MINHASH_K;
}

typedef struct entry {
    cx_minhash sig;
    int64_t key, payload, time;
    uint32_t band[CX_MINHASH_BANDS];
    uint64_t prev[CX_MINHASH_BANDS]; /* sequence number of the previous entry in this band's chain */
} entry;

struct cx_lsh {
    entry *ring;
    size_t capacity;
    uint64_t last; /* sequence number of the newest entry (1-based; 0: empty) */
    uint64_t *heads; /* [band][head_mask+1] newest sequence number per bucket */
    size_t head_mask;
};

cx_lsh *cx_lsh_new(size_t capacity)
{
    if (capacity < 16) capacity = 16;
    cx_lsh *l = calloc(1, sizeof *l);
    if (!l) return NULL;
    size_t heads = 1;
    while (heads < capacity * 2) heads <<= 1;
    l->capacity = capacity;
    l->head_mask = heads - 1;
    l->ring = calloc(capacity, sizeof *l->ring);
    l->heads = calloc(heads * CX_MINHASH_BANDS, sizeof *l->heads);
    if (!l->ring || !l->heads) {
        cx_lsh_free(l);
        return NULL;
    }
    init_tables();
    return l;
}

void cx_lsh_free(cx_lsh *l)
{
    if (!l) return;
    free(l->ring);
    free(l->heads);
    free(l);
}

static uint32_t band_value(const cx_minhash *m, int b)
{
    return (uint32_t)XXH3_64bits_withSeed(&m->v[b * ROWS], ROWS * sizeof(uint32_t), (uint64_t)b + 1);
}

static int live(const cx_lsh *l, uint64_t seq)
{
    uint64_t oldest = l->last > l->capacity ? l->last - l->capacity + 1 : 1;
    return seq >= oldest && seq <= l->last;
}

static entry *at(const cx_lsh *l, uint64_t seq) { return &l->ring[(seq - 1) % l->capacity]; }

int cx_lsh_insert(cx_lsh *l, const cx_minhash *m, int64_t key, int64_t payload, int64_t time)
{
    uint64_t seq = ++l->last;
    entry *e = at(l, seq);
    e->sig = *m;
    e->key = key;
    e->payload = payload;
    e->time = time;
    for (int b = 0; b < CX_MINHASH_BANDS; b++) {
        e->band[b] = band_value(m, b);
        uint64_t *head = &l->heads[(size_t)b * (l->head_mask + 1) + (e->band[b] & l->head_mask)];
        e->prev[b] = *head;
        *head = seq;
    }
    return 0;
}

int cx_lsh_best(const cx_lsh *l, const cx_minhash *m, double min_jaccard, int64_t min_time,
                int64_t *key, int64_t *payload, double *jaccard)
{
    uint64_t best_seq = 0;
    double best = -1;
    for (int b = 0; b < CX_MINHASH_BANDS; b++) {
        uint32_t bv = band_value(m, b);
        uint64_t seq = l->heads[(size_t)b * (l->head_mask + 1) + (bv & l->head_mask)];
        /* Chains run newest to oldest, so the first dead entry ends the walk. */
        for (int steps = 0; seq && live(l, seq) && steps < MAX_CHAIN_STEPS; steps++) {
            const entry *e = at(l, seq);
            if (e->band[b] == bv && (min_time == INT64_MIN || e->time == INT64_MIN || e->time >= min_time)) {
                double j = cx_minhash_jaccard(m, &e->sig);
                if (j >= min_jaccard && (j > best || (j == best && seq < best_seq))) {
                    best = j;
                    best_seq = seq;
                }
            }
            seq = e->prev[b];
        }
    }
    if (!best_seq) return 0;
    const entry *e = at(l, best_seq);
    *key = e->key;
    *payload = e->payload;
    *jaccard = best;
    return 1;
}

int64_t cx_lsh_min_key(const cx_lsh *l)
{
    int64_t min = INT64_MAX;
    size_t n = cx_lsh_count(l);
    for (uint64_t seq = l->last - n + 1; n && seq <= l->last; seq++) {
        int64_t k = at(l, seq)->key;
        if (k < min) min = k;
    }
    return min;
}

/* ---- saving and loading (engine snapshots) ---------------------------------------- */

size_t cx_lsh_capacity(const cx_lsh *l) { return l->capacity; }

uint64_t cx_lsh_last(const cx_lsh *l) { return l->last; }

size_t cx_lsh_count(const cx_lsh *l) { return l->last < l->capacity ? (size_t)l->last : l->capacity; }

int cx_lsh_entry(const cx_lsh *l, uint64_t seq, cx_minhash *m, int64_t *key, int64_t *payload, int64_t *time)
{
    if (!seq || !live(l, seq)) return 0;
    const entry *e = at(l, seq);
    *m = e->sig;
    *key = e->key;
    *payload = e->payload;
    *time = e->time;
    return 1;
}

/* Chains of a rebuilt index end where the saved ones reached an entry that
 * had left the ring: a walk stops at either, so queries see the same entries. */
int cx_lsh_start_at(cx_lsh *l, uint64_t seq)
{
    if (l->last || seq == 0) return CHORUS_EINVAL;
    l->last = seq - 1;
    return 0;
}
