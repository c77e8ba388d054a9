/* Words: one tokenizer module with two views of a text (content words for
 * counting and stemming; running-text tokens with marks for quotes, facts
 * and entities), lower-casing, stopwords and stems. */
#include <libstemmer.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
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

/* Scripts written without spaces between words: their words come from
 * ICU's dictionary-based word break (Chinese and Japanese share one
 * dictionary; Thai, Lao, Khmer and Burmese have theirs). */
static int dictionary_script(UChar32 c)
{
    if (c < 0x0E00) return 0;
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &e);
    return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA || sc == USCRIPT_THAI ||
           sc == USCRIPT_LAO || sc == USCRIPT_KHMER || sc == USCRIPT_MYANMAR ||
           (c >= 0x30FC && c <= 0x30FC); /* the prolonged sound mark, script Common */
}

static UBreakIterator *word_break_template;
static pthread_once_t word_break_once = PTHREAD_ONCE_INIT;
static void word_break_open(void)
{
    UErrorCode e = U_ZERO_ERROR;
    word_break_template = ubrk_open(UBRK_WORD, "ja", NULL, 0, &e);
    if (U_FAILURE(e)) word_break_template = NULL;
}

/* Split the token [at, end) of s into dictionary words, appended to *v.
 * Returns 0, or CHORUS_ENOMEM; leaves the token whole when ICU fails. */
static int push_dictionary_words(const char *s, size_t at, size_t end, cx_token **v, size_t *nv, size_t *cap)
{
    pthread_once(&word_break_once, word_break_open);
    UErrorCode e = U_ZERO_ERROR;
    UBreakIterator *bi = word_break_template ? ubrk_clone(word_break_template, &e) : NULL;
    UText *ut = bi ? utext_openUTF8(NULL, s + at, (int64_t)(end - at), &e) : NULL;
    if (ut) ubrk_setUText(bi, ut, &e);
    int rc = 0, done = 0;
    if (bi && ut && U_SUCCESS(e)) {
        int32_t b = ubrk_first(bi);
        for (int32_t f = ubrk_next(bi); f != UBRK_DONE; b = f, f = ubrk_next(bi)) {
            if (ubrk_getRuleStatus(bi) == UBRK_WORD_NONE) continue;
            cx_token t = {(uint32_t)(at + (size_t)b), (uint32_t)(f - b), 1, 0, 0};
            int digits = 0, letters = 0;
            for (int32_t i = b; i < f;) {
                UChar32 c;
                U8_NEXT(s + at, i, f, c);
                if (c >= '0' && c <= '9') digits++;
                else if (c >= 0) letters++;
            }
            t.is_word = letters > 0;
            t.is_number = digits > 0 && !letters;
            if ((rc = CX_PUSH(*v, *nv, *cap, t))) break;
            done = 1;
        }
    }
    utext_close(ut);
    ubrk_close(bi);
    if (!done && !rc) {
        cx_token t = {(uint32_t)at, (uint32_t)(end - at), 1, 0, 0};
        rc = CX_PUSH(*v, *nv, *cap, t);
    }
    return rc;
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
        int letters = 0, digits = 0, dictionary = dictionary_script(c);
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
                dictionary |= dictionary_script(d);
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
        if (dictionary) {
            if (push_dictionary_words(s, at, end, &v, &nv, &cap)) {
                free(v);
                return CHORUS_ENOMEM;
            }
            continue;
        }
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
    /* Chinese, Japanese (lead bytes of U+3000-U+9FFF) and Thai-like scripts:
     * words are counted from the dictionary break */
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b == 0xE0 || (b >= 0xE3 && b <= 0xE9)) {
            size_t k = i;
            UChar32 c = next_cp(s, n, &k);
            if (dictionary_script(c)) {
                cx_token *tok;
                int nt = cx_tokenize(s, n, &tok);
                if (nt < 0) break;
                free(tok);
                return (size_t)nt;
            }
        }
    }
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

/* ---- running text: words, punctuation and quotation marks ------------------ */
/* What quotes, facts and entities read: unlike cx_tokenize (the content
 * words a digest counts and stems), every mark is a token, a word keeps its
 * inner hyphens, dots and apostrophes ("U.S.", "well-known", "Esper's"),
 * and an abbreviation keeps its final dot. */

static int is_alnum_ascii(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Length of a letter-like byte sequence at s (ASCII alnum or a non-punctuation
 * multi-byte character), 0 otherwise. General punctuation (U+2000-U+206F),
 * Latin-1 punctuation (U+00A0-U+00BF) and CJK punctuation (U+3000-U+303F)
 * are not letters. */
static size_t letter_len(const unsigned char *s, size_t avail)
{
    if (!avail) return 0;
    if (s[0] < 0x80) return is_alnum_ascii(s[0]) ? 1 : 0;
    size_t k = cx_utf8_seq_len(s, avail);
    if (!k) return 0;
    if (s[0] == 0xC2) return 0;
    if (s[0] == 0xE2 && avail >= 2 && (s[1] == 0x80 || s[1] == 0x81)) return 0;
    if (s[0] == 0xC3 && avail >= 2 && (s[1] == 0x97 || s[1] == 0xB7)) return 0; /* x and / signs */
    if (s[0] == 0xE3 && avail >= 2 && s[1] == 0x80) return 0; /* CJK punctuation: 「」『』、。 */
    return k;
}

static int32_t decode(const unsigned char *s, size_t k)
{
    if (k == 1) return s[0];
    if (k == 2) return ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    if (k == 3) return ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    return ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

static int is_apostrophe(const unsigned char *s, size_t avail, size_t *len)
{
    if (avail >= 1 && s[0] == '\'') return *len = 1, 1;
    if (avail >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x99) return *len = 3, 1;
    return 0;
}

/* Words whose final dot belongs to them. */
static int is_abbrev(const char *lower, size_t n)
{
    static const char *const ab[] = {"mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "brig",
                                     "maj", "sgt", "capt", "adm", "st", "jr", "sr", "prof", "jan", "feb", "mar",
                                     "apr", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "corp", "inc",
                                     "co", "ltd", "pres", "gov", "cmdr", "cpl", "pvt", "ft", "mt", "u.s", "u.n",
                                     "u.k", "d.c", "e.g", "i.e", "etc", "approx"};
    CX_LEXICON_OF(ab);
    return cx_lexicon_find(&ab_lex, lower, n) != 0;
}

size_t cx_lower_word(const char *s, size_t n, char *buf, size_t cap)
{
    size_t w = 0;
    for (size_t i = 0; i < n && w + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        buf[w++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    buf[w] = '\0';
    return w;
}

/* Quotation marks of other typographic traditions: « » and ‹ › (French
 * « x », German » x «: the side is settled when pairing), „ (German and
 * Polish opening, closed by a curly “ or ”), ‚ (its single form, closed by
 * ‘), 「 」 and 『 』 (Chinese and Japanese). Returns the family
 * (CX_QF_*) and sets *kind, or 0 for no such mark. */
static int other_quote_mark(const unsigned char *s, size_t n, uint8_t *kind)
{
    if (n >= 2 && s[0] == 0xC2 && (s[1] == 0xAB || s[1] == 0xBB)) {
        *kind = s[1] == 0xAB ? CX_W_OPEN : CX_W_CLOSE;
        return CX_QF_GUILLEMET;
    }
    if (n < 3) return 0;
    if (s[0] == 0xE2 && s[1] == 0x80) {
        if (s[2] == 0xB9 || s[2] == 0xBA) {
            *kind = s[2] == 0xB9 ? CX_W_OPEN : CX_W_CLOSE;
            return CX_QF_SINGLE_GUILLEMET;
        }
        if (s[2] == 0x9E) return *kind = CX_W_OPEN, CX_QF_LOW;
        if (s[2] == 0x9A && n > 3 && letter_len(s + 3, n - 3)) return *kind = CX_W_OPEN, CX_QF_LOW_SINGLE;
        return 0;
    }
    if (s[0] == 0xE3 && s[1] == 0x80 && s[2] >= 0x8C && s[2] <= 0x8F) {
        *kind = s[2] == 0x8C || s[2] == 0x8E ? CX_W_OPEN : CX_W_CLOSE;
        return s[2] <= 0x8D ? CX_QF_CORNER : CX_QF_WHITE_CORNER;
    }
    return 0;
}

int cx_wtokenize(const char *text, size_t n, cx_wtok **out)
{
    const unsigned char *s = (const unsigned char *)text;
    cx_wtok *v = NULL;
    size_t nv = 0, cap = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            i++;
            continue;
        }
        cx_wtok t = {(uint32_t)i, (uint32_t)i + 1, CX_W_PUNCT, 0, 0};
        size_t k = letter_len(s + i, n - i);
        if (k) {
            size_t j = i + k;
            int has_dot = 0;
            for (;;) {
                size_t a;
                while (j < n && s[j] < 0x80 && is_alnum_ascii(s[j])) j++; /* the common case, byte by byte */
                size_t m = letter_len(s + j, n - j);
                if (m) {
                    j += m;
                    continue;
                }
                if (j + 1 < n && (s[j] == '-' || s[j] == '.' || s[j] == '/' || s[j] == '&') &&
                    letter_len(s + j + 1, n - j - 1)) {
                    has_dot |= s[j] == '.';
                    j++;
                    continue;
                }
                if (j + 1 < n && s[j] == ',' && j > i && s[j - 1] >= '0' && s[j - 1] <= '9' && s[j + 1] >= '0' &&
                    s[j + 1] <= '9') {
                    j++;
                    continue;
                }
                /* a Latin-1 symbol between letters is mis-decoded text
                 * ("FranÃÂ§ois"): part of the word, not punctuation */
                if (j + 2 < n && s[j] == 0xC2 && s[j + 1] >= 0xA1 && s[j + 1] <= 0xBF && s[j + 1] != 0xAB &&
                    s[j + 1] != 0xBB && letter_len(s + j + 2, n - j - 2)) {
                    j += 2;
                    continue;
                }
                if (is_apostrophe(s + j, n - j, &a) && letter_len(s + j + a, n - j - a)) {
                    j += a;
                    continue;
                }
                break;
            }
            if (j < n && s[j] == '.') {
                char low[16];
                size_t wl = cx_lower_word(text + i, j - i, low, sizeof low);
                int initial = j - i == 1 && s[i] >= 'A' && s[i] <= 'Z';
                if (has_dot || initial || (j - i < sizeof low - 1 && is_abbrev(low, wl))) j++;
            }
            t.end = (uint32_t)j;
            t.kind = CX_W_WORD;
            if (s[i] < 0x80) t.cap = s[i] >= 'A' && s[i] <= 'Z';
            else {
                size_t k0 = cx_utf8_seq_len(s + i, n - i);
                t.cap = k0 ? (uint8_t)(u_isupper(decode(s + i, k0)) != 0) : 0;
            }
            i = j;
        } else if (c == '"') {
            int before_space = i == 0 || strchr(" \n\t([{", s[i - 1]) || (i >= 3 && s[i - 3] == 0xE2 &&
                                                                       s[i - 2] == 0x80 && (s[i - 1] == 0x94 ||
                                                                                            s[i - 1] == 0x93));
            int after_space = i + 1 >= n || strchr(" \n\t.,;:!?)]}", s[i + 1]);
            t.kind = before_space && !after_space ? CX_W_OPEN : after_space && !before_space ? CX_W_CLOSE : CX_W_AMBIG;
            t.qfam = 1;
            i++;
        } else if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0x9C || s[i + 2] == 0x9D)) {
            t.kind = s[i + 2] == 0x9C ? CX_W_OPEN : CX_W_CLOSE;
            t.qfam = 2;
            t.end = (uint32_t)(i + 3);
            i += 3;
        } else if ((t.qfam = other_quote_mark(s + i, n - i, &t.kind)) != 0) {
            t.end = (uint32_t)(i + (c == 0xC2 ? 2 : 3));
            i = t.end;
        } else if ((c == '`' || c == '\'') && i + 1 < n && s[i + 1] == c) {
            t.kind = c == '`' ? CX_W_OPEN : CX_W_CLOSE;
            t.qfam = 3;
            t.end = (uint32_t)(i + 2);
            i += 2;
        } else {
            size_t m = cx_utf8_seq_len(s + i, n - i);
            t.end = (uint32_t)(i + (m ? m : 1));
            i = t.end;
        }
        if (nv == cap && cx_grow((void **)&v, &cap, nv + 1 + n / 8, sizeof *v)) {
            free(v);
            return CHORUS_ENOMEM;
        }
        v[nv++] = t;
    }
    *out = v;
    return (int)nv;
}
