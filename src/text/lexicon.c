/* Fixed word lists (cue verbs, titles, abbreviations...) looked up through
 * the library's string map, built on first use (see text.h). */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "text.h"

static int entry_is(const char *entry, const char *w, size_t n)
{
    return !strncmp(entry, w, n) && entry[n] == '\0';
}

static pthread_mutex_t lexicon_lock = PTHREAD_MUTEX_INITIALIZER;

static void lexicon_build(cx_lexicon *lx)
{
    pthread_mutex_lock(&lexicon_lock);
    if (!atomic_load_explicit(&lx->ready, memory_order_relaxed)) {
        int ok = !cx_strmap_init(&lx->map);
        for (size_t i = 0; i < lx->n && ok; i++) {
            int64_t first;
            size_t len = strlen(lx->words[i]);
            /* a repeated entry keeps its first index */
            if (!cx_strmap_get(&lx->map, lx->words[i], len, &first))
                ok = !cx_strmap_put(&lx->map, lx->words[i], len, (int64_t)i + 1);
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
    int64_t v;
    return cx_strmap_get(&lx->map, w, n, &v) ? (int)v : 0;
}
