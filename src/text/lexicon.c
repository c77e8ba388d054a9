/* Fixed word lists (cue verbs, titles, abbreviations...) looked up through
 * the library's string map, built on first use (see text.h). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static int entry_is(const char *entry, const char *w, size_t n)
{
    return !strncmp(entry, w, n) && entry[n] == '\0';
}

static pthread_mutex_t lexicon_lock = PTHREAD_MUTEX_INITIALIZER;

/* FNV-1a: the entries are short words. */
static uint32_t word_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

/* A slot holds 1 + an entry's index in its low INDEX_BITS and the top bits
 * of the entry's hash above them: a probe passes other entries without
 * reading their text (most lookups are of words no list holds). */
#define INDEX_BITS 20
#define TAG_OF(h) ((h) >> INDEX_BITS << INDEX_BITS)

/* The slot holding w (hash h), or the empty slot where it would go. */
static uint32_t *slot_of(const cx_lexicon *lx, const char *w, size_t n, uint32_t h)
{
    uint32_t tag = TAG_OF(h);
    for (size_t at = h & lx->mask;; at = (at + 1) & lx->mask) {
        uint32_t *s = &lx->slots[at];
        if (!*s) return s;
        if (TAG_OF(*s) != tag) continue;
        const char *e = lx->words[(*s & ((1u << INDEX_BITS) - 1)) - 1];
        size_t i = 0; /* e is read no further than its end */
        while (i < n && e[i] && e[i] == w[i]) i++;
        if (i == n && !e[n]) return s;
    }
}

/* The table points into the static list: nothing is copied, so a process
 * that reads a few words pays little for the lists it touches. */
static void lexicon_build(cx_lexicon *lx)
{
    pthread_mutex_lock(&lexicon_lock);
    if (!atomic_load_explicit(&lx->ready, memory_order_relaxed)) {
        size_t cap = 16;
        while (cap < 2 * lx->n) cap *= 2;
        int ok = lx->n + 1 < (1u << INDEX_BITS) && (lx->slots = calloc(cap, sizeof *lx->slots)) != NULL;
        lx->mask = cap - 1;
        for (size_t i = 0; i < lx->n && ok; i++) {
            const char *e = lx->words[i];
            uint32_t h = 2166136261u; /* word_hash and the length in one pass */
            size_t len = 0;
            for (; e[len]; len++) h = (h ^ (unsigned char)e[len]) * 16777619u;
            uint32_t *s = slot_of(lx, e, len, h);
            if (!*s) *s = TAG_OF(h) | ((uint32_t)i + 1); /* a repeated entry keeps its first index */
        }
        atomic_store_explicit(&lx->ready, ok ? 1 : -1, memory_order_release);
    }
    pthread_mutex_unlock(&lexicon_lock);
}

int cx_lexicon_find(cx_lexicon *lx, const char *w, size_t n)
{
    if (!n) return 0;
    int ready = atomic_load_explicit(&lx->ready, memory_order_acquire);
    if (!ready) {
        lexicon_build(lx);
        ready = atomic_load_explicit(&lx->ready, memory_order_acquire);
    }
    if (ready < 0) {
        for (size_t i = 0; i < lx->n; i++)
            if (entry_is(lx->words[i], w, n)) return (int)i + 1;
        return 0;
    }
    uint32_t slot = *slot_of(lx, w, n, word_hash(w, n));
    return (int)(slot & ((1u << INDEX_BITS) - 1));
}
