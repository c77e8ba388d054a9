/* Running text: words, punctuation and quotation marks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "text.h"
#include "util.h"

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
