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
static size_t word_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

/* The slot holding w, or the empty slot where it would go. */
static uint32_t *slot_of(const cx_lexicon *lx, const char *w, size_t n)
{
    for (size_t at = word_hash(w, n) & lx->mask;; at = (at + 1) & lx->mask) {
        uint32_t *s = &lx->slots[at];
        if (!*s) return s;
        const char *e = lx->words[*s - 1];
        if (e[0] == (n ? w[0] : '\0') && strlen(e) == n && !memcmp(e, w, n)) return s;
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
        lx->slots = calloc(cap, sizeof *lx->slots);
        lx->mask = cap - 1;
        int ok = lx->slots != NULL && lx->n < UINT32_MAX;
        for (size_t i = 0; i < lx->n && ok; i++) {
            uint32_t *s = slot_of(lx, lx->words[i], strlen(lx->words[i]));
            if (!*s) *s = (uint32_t)i + 1; /* a repeated entry keeps its first index */
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
    return (int)*slot_of(lx, w, n);
}
