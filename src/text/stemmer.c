/* Snowball stems with a small cache of recent words. */
#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Recent stems, direct-mapped by a hash of the word: the quotes and
 * figures stages stem the same words over and over. A slot is simply
 * replaced on a collision, so memory stays fixed however long the
 * stemmer lives; it is kept small (96 KB at most) because every page of it
 * touched costs a page fault, as much as a few dozen stemmings. It starts
 * at STEM_FIRST slots and doubles each time it has taken as many new words
 * as it has slots: a one-article digest stems a few hundred words and
 * zeroed the whole table (24 pages) for them. */
enum { STEM_SLOTS = 2048, STEM_FIRST = 128, STEM_MAX = 23 };
typedef struct {
    uint8_t word_len, stem_len; /* word_len 0: empty slot */
    char word[STEM_MAX];
    char stem[STEM_MAX + 1];
} stem_slot;

struct cx_stemmer {
    struct sb_stemmer *sb;
    stem_slot *cache; /* allocated on first use */
    size_t n_slots;   /* a power of two, STEM_FIRST .. STEM_SLOTS */
    size_t fills;     /* words put since the table last grew */
};

static uint32_t word_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

/* Twice the slots, the stems kept moved over (a failed allocation keeps
 * the table as it is). */
static void grow(cx_stemmer *s)
{
    size_t n = s->n_slots * 2;
    stem_slot *c = calloc(n, sizeof *c);
    s->fills = 0;
    if (!c) return;
    for (size_t i = 0; i < s->n_slots; i++)
        if (s->cache[i].word_len) c[word_hash(s->cache[i].word, s->cache[i].word_len) & (n - 1)] = s->cache[i];
    free(s->cache);
    s->cache = c;
    s->n_slots = n;
}

cx_stemmer *cx_stemmer_new_named(const char *snowball)
{
    cx_stemmer *s = malloc(sizeof *s);
    if (!s) return NULL;
    s->cache = NULL;
    s->n_slots = s->fills = 0;
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
        if (!s->cache && (s->cache = calloc(STEM_FIRST, sizeof *s->cache))) s->n_slots = STEM_FIRST;
        if (s->cache) {
            uint32_t h = word_hash(lower, n);
            slot = &s->cache[h & (s->n_slots - 1)];
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
        if (s->n_slots < STEM_SLOTS && ++s->fills >= s->n_slots) {
            grow(s);
            slot = &s->cache[word_hash(lower, n) & (s->n_slots - 1)];
        }
        slot->word_len = (uint8_t)n, slot->stem_len = (uint8_t)*out_len;
        memcpy(slot->word, lower, n);
        memcpy(slot->stem, r, *out_len);
        slot->stem[*out_len] = '\0';
    }
    return (const char *)r;
}
