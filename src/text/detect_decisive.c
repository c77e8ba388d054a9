/* Telling a text's language without CLD2 when the evidence leaves no doubt.
 *
 * Loading CLD2 (and the C++ runtime it needs) costs a short command more
 * than everything else it does, while most news texts announce their
 * language plainly: by their script (kana are Japanese, hangul Korean) or,
 * in the Latin alphabet, by their function words. This answers only such
 * cases and leaves every other text to CLD2 (cx_detect_language):
 *
 * - Scripts one language owns among those CLD2 tells apart: hangul (ko),
 *   kana with Han (ja), Han without kana or hangul (zh), Greek (el).
 * - Russian: Cyrillic using only the Russian alphabet and its letter ы
 *   (Ukrainian, Belarusian, Serbian, Macedonian and the Turkic languages use
 *   letters Russian lacks; Bulgarian has no ы), and dense in Russian
 *   stopwords.
 * - Latin script: a profile over every stopword list installed (Debian's
 *   Snowball lists, the ones chorus reads for its language tables). The
 *   language is taken only when its list covers a large share of the words
 *   (running prose is about 40% function words), leads every other list by a
 *   wide margin of words, and its own words (those no other list has) are
 *   many while every other list's own words are few. Close languages that
 *   share most function words (Spanish and Portuguese, Danish and Norwegian)
 *   fail the margin; a related language without a list (Catalan, Galician)
 *   spreads its words over several lists and fails it too. Languages whose
 *   near twin has no list at all (Dutch: Afrikaans; Indonesian: Malay;
 *   Danish and Norwegian: each other and Nynorsk) are never answered here.
 * - At least MIN_DISTINCT different words of the list must occur.
 * - Short texts (under MIN_WORDS words, or MIN_CHARS characters of an
 *   unspaced script) always go to CLD2, which reads them better.
 *
 * The first 1 KB is read, as CLD2's first try does. */
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xxhash.h>

#include "blob_cache.h"
#include "build_id.h"
#include "language_internal.h"
#include "text.h"
#include "util.h"

enum {
    SAMPLE = 1024,   /* bytes read, as CLD2's first try */
    MIN_WORDS = 30,  /* fewer words: CLD2 */
    MIN_CHARS = 20,  /* fewer characters of an unspaced or unique script: CLD2 */
    MAX_LISTS = 32,  /* stopword lists taken (bits of a word's mask) */
    SLOTS = 4096,    /* hash slots for all lists' words (about 2,300 in Debian 12) */
};
/* Shares, in percent of the sample's words (Latin script). */
enum {
    MIN_SHARE = 25,    /* the language's list covers at least this */
    MIN_LEAD = 10,     /* ahead of every other list by at least this */
    MIN_OWN = 4,       /* different words only its list has, at least */
    OWN_RATIO = 4,     /* ... and 4 times as many as any other list has */
    MIN_SHARE_RU = 20, /* Russian: its list covers at least this */
};
/* Prose uses many different function words; a table or a list of names
 * repeats a few ("NYT" is Finnish for "now"). */
enum { MIN_DISTINCT = 8 };

/* Languages whose function words tell them from every language CLD2
 * knows; the others (see above) are left to CLD2 even when they win. */
static const char *const decidable[] = {"en", "de", "fr", "es", "it", "pt", "sv", "fi", "hu", "ro", "ru", NULL};

static struct {
    int n;                   /* lists read */
    char code[MAX_LISTS][4]; /* their language codes, lower case */
    int decidable[MAX_LISTS];
    uint64_t hash[SLOTS]; /* XXH3 of the word; 0 = empty */
    uint32_t mask[SLOTS]; /* bit i: in list i */
} prof;
static pthread_once_t prof_once = PTHREAD_ONCE_INIT;

static uint64_t word_hash(const char *w, size_t n)
{
    uint64_t h = XXH3_64bits(w, n);
    return h ? h : 1;
}

static int add_word(void *ctx, const char *w, size_t n)
{
    int list = *(int *)ctx;
    uint64_t h = word_hash(w, n);
    for (size_t i = h & (SLOTS - 1), probes = 0; probes < SLOTS; i = (i + 1) & (SLOTS - 1), probes++) {
        if (prof.hash[i] == h) {
            prof.mask[i] |= 1u << list;
            return 0;
        }
        if (!prof.hash[i]) {
            prof.hash[i] = h;
            prof.mask[i] = 1u << list;
            return 0;
        }
    }
    return -1; /* full: the rest of the words are not profiled */
}

/* The lists holding the word (bits), and its slot in *slot. */
static uint32_t word_mask(const char *w, size_t n, size_t *slot)
{
    uint64_t h = word_hash(w, n);
    for (size_t i = h & (SLOTS - 1), probes = 0; probes < SLOTS; i = (i + 1) & (SLOTS - 1), probes++) {
        if (prof.hash[i] == h) {
            *slot = i;
            return prof.mask[i];
        }
        if (!prof.hash[i]) return 0;
    }
    return 0;
}

/* The profile is kept between runs (blob_cache.h) under a hash of the
 * program's build and each list file's name, size, time and inode: reading
 * and hashing two thousand words cost a short command a tenth of its time.
 * Payload: the number of lists, their codes (2 bytes each), then each used
 * slot's index (uint16), hash and mask. */
#define PROFILE_KIND "langprofile.v1"

static int prof_key(const char codes[][4], const struct stat *st, int n, char name[33])
{
    size_t id_len;
    const unsigned char *id = cx_build_id(&id_len);
    if (!id || !cx_blob_cache_on()) return -1;
    XXH3_state_t *h = XXH3_createState();
    if (!h) return -1;
    XXH3_128bits_reset(h);
    XXH3_128bits_update(h, id, id_len);
    for (int i = 0; i < n; i++) {
        int64_t f[5] = {(int64_t)st[i].st_size, (int64_t)st[i].st_mtim.tv_sec, (int64_t)st[i].st_mtim.tv_nsec,
                        (int64_t)st[i].st_ino, (int64_t)st[i].st_dev};
        XXH3_128bits_update(h, codes[i], 2);
        XXH3_128bits_update(h, f, sizeof f);
    }
    XXH128_hash_t d = XXH3_128bits_digest(h);
    XXH3_freeState(h);
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        name[i] = hex[(d.high64 >> (60 - 4 * i)) & 15];
        name[16 + i] = hex[(d.low64 >> (60 - 4 * i)) & 15];
    }
    name[32] = '\0';
    return 0;
}

enum { ENTRY_BYTES = 2 + 8 + 4 };

/* The kept profile of these lists, when it reads whole. */
static int prof_from_cache(const char *name, const char codes[][4], int n)
{
    size_t len;
    unsigned char *data = (unsigned char *)cx_blob_get(PROFILE_KIND, name, &len);
    if (!data) return 0;
    size_t head = 1 + 2 * (size_t)n;
    int ok = len >= head && data[0] == n && (len - head) % ENTRY_BYTES == 0;
    for (int i = 0; ok && i < n; i++) ok = !memcmp(data + 1 + 2 * i, codes[i], 2);
    for (size_t at = head; ok && at < len; at += ENTRY_BYTES) {
        uint16_t slot;
        uint64_t h;
        uint32_t m;
        memcpy(&slot, data + at, 2), memcpy(&h, data + at + 2, 8), memcpy(&m, data + at + 10, 4);
        ok = slot < SLOTS && h && !prof.hash[slot] && m && (n >= 32 || m < (1u << n));
        if (ok) prof.hash[slot] = h, prof.mask[slot] = m;
    }
    free(data);
    if (!ok) memset(prof.hash, 0, sizeof prof.hash), memset(prof.mask, 0, sizeof prof.mask);
    return ok;
}

static void prof_to_cache(const char *name, int n)
{
    cx_buf b;
    cx_buf_init(&b);
    int rc = cx_buf_putc(&b, (char)n);
    for (int i = 0; i < n && !rc; i++) rc = cx_buf_append(&b, prof.code[i], 2);
    for (uint16_t slot = 0; slot < SLOTS && !rc; slot++) {
        if (!prof.hash[slot]) continue;
        unsigned char e[ENTRY_BYTES];
        memcpy(e, &slot, 2), memcpy(e + 2, &prof.hash[slot], 8), memcpy(e + 10, &prof.mask[slot], 4);
        rc = cx_buf_append(&b, (const char *)e, sizeof e);
    }
    if (!rc) cx_blob_put(PROFILE_KIND, name, b.data, b.len);
    cx_buf_free(&b);
}

static int cmp_code(const void *a, const void *b) { return strcmp(a, b); }

static void prof_load(void)
{
    DIR *d = opendir(CX_STOPWORD_DIR);
    if (!d) return;
    char codes[MAX_LISTS][4];
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) && n < MAX_LISTS;) {
        /* XX.pm, XX a two-letter upper-case code */
        const char *f = e->d_name;
        if (f[0] >= 'A' && f[0] <= 'Z' && f[1] >= 'A' && f[1] <= 'Z' && !strcmp(f + 2, ".pm")) {
            codes[n][0] = (char)(f[0] - 'A' + 'a');
            codes[n][1] = (char)(f[1] - 'A' + 'a');
            codes[n][2] = '\0';
            n++;
        }
    }
    /* readdir's order is the file system's: sort, so bits do not depend on it */
    qsort(codes, (size_t)n, sizeof codes[0], cmp_code);
    struct stat st[MAX_LISTS];
    int stat_ok = 1;
    for (int i = 0; i < n && stat_ok; i++) {
        char f[8] = {(char)(codes[i][0] - 'a' + 'A'), (char)(codes[i][1] - 'a' + 'A'), '.', 'p', 'm', '\0'};
        stat_ok = !fstatat(dirfd(d), f, &st[i], 0);
    }
    closedir(d);
    char name[33];
    int keep = stat_ok && n > 0 && !prof_key(codes, st, n, name);
    if (keep && prof_from_cache(name, codes, n)) {
        for (int i = 0; i < n; i++) memcpy(prof.code[i], codes[i], sizeof codes[i]);
        prof.n = n;
    } else {
        for (int i = 0; i < n; i++) {
            memcpy(prof.code[prof.n], codes[i], sizeof codes[i]);
            int list = prof.n;
            if (cx_stopword_list_each(codes[i], add_word, &list) == 0) prof.n++;
        }
        /* a list that did not read leaves the bits shifted: nothing kept */
        if (keep && prof.n == n) prof_to_cache(name, n);
    }
    for (int i = 0; i < prof.n; i++)
        for (const char *const *c = decidable; *c; c++) prof.decidable[i] |= !strcmp(*c, prof.code[i]);
}

/* Script classes of a code point. */
enum { S_LATIN, S_CYRILLIC, S_RUSSIAN_ONLY, S_GREEK, S_HAN, S_KANA, S_HANGUL, S_OTHER, S_NONE, N_SCRIPTS };

static int script_of(UChar32 c)
{
    if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? S_LATIN : S_NONE;
    if (c >= 0xC0 && c <= 0x24F) return c == 0xD7 || c == 0xF7 ? S_NONE : S_LATIN;
    if (c >= 0x400 && c <= 0x52F) {
        if (c == 0x44B || c == 0x42B) return S_RUSSIAN_ONLY; /* ы Ы */
        return (c >= 0x410 && c <= 0x44F) || c == 0x401 || c == 0x451 ? S_CYRILLIC : S_OTHER;
    }
    if (c >= 0x370 && c <= 0x3FF) return S_GREEK;
    if (c >= 0x1F00 && c <= 0x1FFF) return S_GREEK;
    if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F)) return S_KANA;
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0x20000 && c <= 0x3134F))
        return S_HAN;
    if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F)) return S_HANGUL;
    if (c >= 0x1E00 && c <= 0x1EFF) return S_LATIN;
    return u_isalpha(c) ? S_OTHER : S_NONE;
}

/* The stopword profile of the sample's words: per list, words in it (each
 * time), and distinct words of it and distinct words only it has (a word
 * repeated, like a list's one odd entry "les" in Spanish, counts once).
 * Returns the number of words. */
static int profile(const char *s, size_t n, int *in, int *own, int *distinct)
{
    uint8_t met[SLOTS / 8] = {0};
    int words = 0;
    char low[64];
    size_t b = 0, i = 0;
    /* runs of letters are words (apostrophes and hyphens split them, as the
     * lists hold "l", "d", "qu" for French elisions) */
    while (i <= n) {
        size_t at = i;
        UChar32 c = -1;
        if (i < n) U8_NEXT(s, i, n, c);
        else i++;
        if (at < n && c >= 0 && script_of(c) != S_NONE) continue;
        if (at > b) {
            words++;
            if (at - b < sizeof low) {
                size_t ll = cx_lower(s + b, at - b, low, sizeof low);
                size_t slot = 0;
                uint32_t m = word_mask(low, ll, &slot);
                int lists = __builtin_popcount(m);
                int first = m && !(met[slot / 8] & (1u << (slot % 8)));
                if (m) met[slot / 8] |= (uint8_t)(1u << (slot % 8));
                for (int l = 0; m && l < prof.n; l++)
                    if (m & (1u << l)) {
                        in[l]++;
                        own[l] += lists == 1 && first;
                        distinct[l] += first;
                    }
            }
        }
        b = i;
    }
    return words;
}

static const char *by_stopwords(const char *s, size_t n, int russian)
{
    pthread_once(&prof_once, prof_load);
    int in[MAX_LISTS] = {0}, own[MAX_LISTS] = {0}, distinct[MAX_LISTS] = {0};
    int words = profile(s, n, in, own, distinct);
    if (words < MIN_WORDS || prof.n < 2) return NULL;
    if (russian) {
        for (int l = 0; l < prof.n; l++)
            if (!strcmp(prof.code[l], "ru"))
                return in[l] * 100 >= MIN_SHARE_RU * words && distinct[l] >= MIN_DISTINCT ? "ru" : NULL;
        return NULL;
    }
    int top = 0, second = -1;
    for (int l = 1; l < prof.n; l++) {
        if (in[l] > in[top]) second = top, top = l;
        else if (second < 0 || in[l] > in[second]) second = l;
    }
    if (!prof.decidable[top] || !strcmp(prof.code[top], "ru")) return NULL;
    if (in[top] * 100 < MIN_SHARE * words) return NULL;
    if ((in[top] - in[second]) * 100 < MIN_LEAD * words) return NULL;
    if (own[top] < MIN_OWN || distinct[top] < MIN_DISTINCT) return NULL;
    for (int l = 0; l < prof.n; l++)
        if (l != top && own[l] * OWN_RATIO > own[top]) return NULL;
    return prof.code[top];
}

const char *cx_detect_decisive(const char *text, size_t n)
{
    if (n > SAMPLE) {
        n = SAMPLE;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--;
    }
    int count[N_SCRIPTS] = {0};
    for (size_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(text, i, n, c);
        if (c >= 0) count[script_of(c)]++;
    }
    int cyr = count[S_CYRILLIC] + count[S_RUSSIAN_ONLY];
    int letters = count[S_LATIN] + cyr + count[S_GREEK] + count[S_HAN] + count[S_KANA] + count[S_HANGUL] +
                  count[S_OTHER];
    if (!letters) return NULL;
    int cjk = count[S_HAN] + count[S_KANA];
    /* a script holds 90% of the letters (Latin acronyms and names aside: 70%
     * for the unspaced scripts, where one such word is many letters) */
    if (count[S_HANGUL] >= MIN_CHARS && count[S_HANGUL] * 10 >= letters * 7) return "ko";
    if (cjk >= MIN_CHARS && cjk * 10 >= letters * 7 && !count[S_HANGUL]) {
        if (count[S_KANA] * 10 >= cjk) return "ja";
        if (!count[S_KANA]) return "zh";
        return NULL;
    }
    if (count[S_GREEK] >= MIN_CHARS && count[S_GREEK] * 10 >= letters * 9) return "el";
    if (cyr * 10 >= letters * 9 && count[S_RUSSIAN_ONLY] && !count[S_OTHER]) return by_stopwords(text, n, 1);
    if (count[S_LATIN] * 10 >= letters * 9) return by_stopwords(text, n, 0);
    return NULL;
}
