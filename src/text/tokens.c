/* Content words: the tokens a digest counts and stems (ICU's dictionary
 * break for Chinese and Japanese), lower-casing and word counts. The
 * running-text view with marks is in running_tokens.c, stems in stemmer.c. */
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
