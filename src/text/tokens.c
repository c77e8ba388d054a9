/* Words: tokenization, lower-casing, stopwords and stems. */
#include <libstemmer.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "text.h"
#include "util.h"

static UChar32 next_cp(const char *s, size_t n, size_t *i)
{
    UChar32 c;
    int32_t idx = (int32_t)*i;
    U8_NEXT(s, idx, (int32_t)n, c);
    *i = (size_t)idx;
    return c;
}

static UChar32 peek_cp(const char *s, size_t n, size_t i)
{
    return i < n ? next_cp(s, n, &i) : -1;
}

static int is_alnum_cp(UChar32 c)
{
    if (c < 0) return 0;
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC);
}

int cx_tokenize(const char *s, size_t n, cx_token **out)
{
    cx_token *v = NULL;
    size_t nv = 0, cap = 0;
    for (size_t i = 0; i < n;) {
        size_t at = i;
        if ((unsigned char)s[i] < 0x80 && !is_alnum_cp((unsigned char)s[i])) { /* ASCII space and punctuation */
            i++;
            continue;
        }
        UChar32 c = next_cp(s, n, &i);
        if (!is_alnum_cp(c)) continue;
        cx_token t = {(uint32_t)at, 0, 0, 0, 0};
        int letters = 0, digits = 0;
        t.is_capital = c < 0x80 ? c >= 'A' && c <= 'Z' : u_isupper(c) || u_istitle(c);
        UChar32 prev = c;
        if (c >= '0' && c <= '9') digits++;
        else letters++;
        size_t end = i;
        for (;;) {
            /* ASCII letters and digits, the bulk of a token, without decoding */
            for (unsigned char b; end < n && (b = (unsigned char)s[end]) < 0x80 && is_alnum_cp(b); end++) {
                if (b >= '0' && b <= '9') digits++;
                else letters++;
                prev = b;
            }
            size_t save = end;
            UChar32 d = peek_cp(s, n, end);
            if (is_alnum_cp(d)) {
                next_cp(s, n, &end);
                if (d >= '0' && d <= '9') digits++;
                else letters++;
                prev = d;
                continue;
            }
            /* Connectors kept inside a token: an apostrophe between letters
             * ("don't", "Esper's"), a comma or period between digits ("5,000"). */
            size_t after = end;
            next_cp(s, n, &after);
            UChar32 e = peek_cp(s, n, after);
            int prev_digit = prev >= '0' && prev <= '9';
            int next_digit = e >= '0' && e <= '9';
            if ((d == '\'' || d == 0x2019) && is_alnum_cp(e) && !prev_digit) {
                end = after;
                prev = d;
                continue;
            }
            if ((d == ',' || d == '.') && prev_digit && next_digit) {
                end = after;
                prev = d;
                continue;
            }
            end = save;
            break;
        }
        i = end;
        t.len = (uint32_t)(end - at);
        t.is_word = letters > 0;
        t.is_number = digits > 0 && letters == 0;
        if (CX_PUSH(v, nv, cap, t)) {
            free(v);
            return CHORUS_ENOMEM;
        }
    }
    *out = v;
    return (int)nv;
}

size_t cx_lower(const char *s, size_t n, char *buf, size_t cap)
{
    size_t o = 0;
    if (!cap) return 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (o + 1 >= cap) break;
            buf[o++] = (char)cx_ascii_lower(c);
            i++;
            continue;
        }
        UChar32 cp = next_cp(s, n, &i);
        if (cp < 0) continue;
        if (cp == 0x2019 || cp == 0x2018) cp = '\''; /* curly apostrophes read as ' */
        else cp = u_tolower(cp);
        if (o + U8_LENGTH(cp) >= cap) break;
        UBool err = 0;
        int32_t oi = (int32_t)o;
        U8_APPEND((uint8_t *)buf, oi, (int32_t)cap, cp, err);
        if (err) break;
        o = (size_t)oi;
    }
    buf[o] = '\0';
    return o;
}

/* Function words: they carry no topic, so concepts and clustering skip them. */
static const char *const STOPWORDS[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "either",
    "even", "ever", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her",
    "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into",
    "is", "it", "its", "itself", "just", "may", "me", "might", "more", "most", "much", "must", "my",
    "myself", "neither", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or",
    "other", "our", "ours", "ourselves", "out", "over", "own", "same", "shall", "she", "should",
    "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
    "there", "these", "they", "this", "those", "through", "thus", "to", "too", "under", "until",
    "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where", "whether", "which",
    "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet",
    "you", "your", "yours", "yourself", "yourselves", "said", "says", "say", "mr", "mrs", "ms",
    "one", "also", "since", "among", "another", "many", "several", "still", "although", "though",
    "s", "t", "don't", "it's", "he's", "she's", "i'm", "we're", "they're", "there's", "that's",
};

/* The stopwords by hash (open addressing), built once. */
enum { STOP_SLOTS = 512 };
static uint16_t stop_slot[STOP_SLOTS]; /* 1 + index into STOPWORDS; 0 empty */
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static uint32_t stop_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h & (STOP_SLOTS - 1);
}

static void stop_build(void)
{
    for (size_t i = 0; i < sizeof STOPWORDS / sizeof *STOPWORDS; i++) {
        size_t n = strlen(STOPWORDS[i]);
        uint32_t k = stop_hash(STOPWORDS[i], n);
        while (stop_slot[k] && strcmp(STOPWORDS[stop_slot[k] - 1], STOPWORDS[i])) k = (k + 1) & (STOP_SLOTS - 1);
        if (!stop_slot[k]) stop_slot[k] = (uint16_t)(i + 1);
    }
}

int cx_is_stopword(const char *lower, size_t n)
{
    if (n >= 24) return 0;
    pthread_once(&stop_once, stop_build);
    for (uint32_t k = stop_hash(lower, n);; k = (k + 1) & (STOP_SLOTS - 1)) {
        if (!stop_slot[k]) return 0;
        const char *e = STOPWORDS[stop_slot[k] - 1];
        if (!strncmp(e, lower, n) && e[n] == '\0') return 1;
    }
}

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

cx_stemmer *cx_stemmer_new(void)
{
    cx_stemmer *s = malloc(sizeof *s);
    if (!s) return NULL;
    s->cache = NULL;
    s->sb = sb_stemmer_new("english", "UTF_8");
    if (!s->sb) {
        free(s);
        return NULL;
    }
    return s;
}

void cx_stemmer_free(cx_stemmer *s)
{
    if (!s) return;
    sb_stemmer_delete(s->sb);
    free(s->cache);
    free(s);
}

const char *cx_stem(cx_stemmer *s, const char *lower, size_t n, size_t *out_len)
{
    stem_slot *slot = NULL;
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

/* ASCII classes of cx_word_count: 1 a word byte (letters, digits; every
 * byte of a multi-byte character is one too), 2 inside a word only (' and -). */
static const uint8_t word_class[128] = {
    ['\''] = 2, ['-'] = 2,
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1,
    ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
    ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
    ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
    ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

size_t cx_word_count(const char *s, size_t n)
{
    size_t count = 0;
    unsigned in = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        unsigned c = b < 0x80 ? word_class[b] : 1;
        unsigned w = (c == 1) | (in & (c == 2));
        count += w & !in;
        in = w;
    }
    return count;
}
