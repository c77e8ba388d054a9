/* Snowball stems with a small cache of recent words. */
#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Recent stems, direct-mapped by a hash of the word: the quotes and
 * figures stages stem the same words over and over. A slot is simply
 * replaced on a collision, so memory stays fixed however long the
 * stemmer lives; it is kept small (96 KB) because every page of it
 * touched costs a page fault, as much as a few dozen stemmings. */
enum { STEM_SLOTS = 2048, STEM_MAX = 23 };
typedef struct {
    uint8_t word_len, stem_len; /* word_len 0: empty slot */
    char word[STEM_MAX];
    char stem[STEM_MAX + 1];
} stem_slot;

struct cx_stemmer {
    struct sb_stemmer *sb;
    stem_slot *cache; /* allocated on first use */
};

cx_stemmer *cx_stemmer_new_named(const char *snowball)
{
    cx_stemmer *s = malloc(sizeof *s);
    if (!s) return NULL;
    s->cache = NULL;
    s->sb = NULL;
    if (snowball && !(s->sb = sb_stemmer_new(snowball, "UTF_8"))) {
        free(s);
        return NULL;
    }
    return s;
}

cx_stemmer *cx_stemmer_new(void) { return cx_stemmer_new_named("english"); }

void cx_stemmer_free(cx_stemmer *s)
{
    if (!s) return;
    if (s->sb) sb_stemmer_delete(s->sb);
    free(s->cache);
    free(s);
}

const char *cx_stem(cx_stemmer *s, const char *lower, size_t n, size_t *out_len)
{
    stem_slot *slot = NULL;
    if (!s->sb) {
        *out_len = n;
        return lower;
    }
    if (n && n <= STEM_MAX) {
        if (!s->cache) s->cache = calloc(STEM_SLOTS, sizeof *s->cache);
        if (s->cache) {
            uint32_t h = 2166136261u;
            for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)lower[i]) * 16777619u;
            slot = &s->cache[h & (STEM_SLOTS - 1)];
            if (slot->word_len == n && !memcmp(slot->word, lower, n)) {
                *out_len = slot->stem_len;
                return slot->stem;
            }
        }
    }
    const sb_symbol *r = sb_stemmer_stem(s->sb, (const sb_symbol *)lower, (int)n);
    if (!r) {
        *out_len = n;
        return lower;
    }
    *out_len = (size_t)sb_stemmer_length(s->sb);
    if (slot && *out_len <= STEM_MAX) {
        slot->word_len = (uint8_t)n, slot->stem_len = (uint8_t)*out_len;
        memcpy(slot->word, lower, n);
        memcpy(slot->stem, r, *out_len);
        slot->stem[*out_len] = '\0';
    }
    return (const char *)r;
}
