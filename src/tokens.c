/* Words: tokenization, lower-casing, stopwords and stems. */
#include <libstemmer.h>
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
        UChar32 c = next_cp(s, n, &i);
        if (!is_alnum_cp(c)) continue;
        cx_token t = {(uint32_t)at, 0, 0, 0, 0};
        int letters = 0, digits = 0;
        t.is_capital = u_isupper(c) || u_istitle(c);
        UChar32 prev = c;
        if (c >= '0' && c <= '9') digits++;
        else letters++;
        size_t end = i;
        for (;;) {
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

static int cmp_cstr(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

int cx_is_stopword(const char *lower, size_t n)
{
    static const char *sorted[sizeof STOPWORDS / sizeof *STOPWORDS];
    static size_t count;
    if (!count) { /* sorted once; the table is constant so a race writes the same values */
        size_t m = sizeof STOPWORDS / sizeof *STOPWORDS;
        memcpy(sorted, STOPWORDS, sizeof STOPWORDS);
        qsort(sorted, m, sizeof *sorted, cmp_cstr);
        count = m;
    }
    char w[24];
    if (n >= sizeof w) return 0;
    memcpy(w, lower, n);
    w[n] = '\0';
    const char *key = w;
    return bsearch(&key, sorted, count, sizeof *sorted, cmp_cstr) != NULL;
}

struct cx_stemmer {
    struct sb_stemmer *sb;
};

cx_stemmer *cx_stemmer_new(void)
{
    cx_stemmer *s = malloc(sizeof *s);
    if (!s) return NULL;
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
    free(s);
}

const char *cx_stem(cx_stemmer *s, const char *lower, size_t n, size_t *out_len)
{
    const sb_symbol *r = sb_stemmer_stem(s->sb, (const sb_symbol *)lower, (int)n);
    if (!r) {
        *out_len = n;
        return lower;
    }
    *out_len = (size_t)sb_stemmer_length(s->sb);
    return (const char *)r;
}

size_t cx_word_count(const char *s, size_t n)
{
    size_t count = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int w = (c >= 0x80) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                (in && (c == '\'' || c == '-'));
        if (w && !in) count++;
        in = w;
    }
    return count;
}
