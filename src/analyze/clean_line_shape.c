/* The shape of a line's characters (clean_line_shape.h): one pass over the
 * code points with ICU's character classes. */
#include "clean_line_shape.h"

#include <stdint.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* Characters that open a list item or a menu entry. */
static int bullet(UChar32 c)
{
    switch (c) {
    case '-': case '*': case 0x2022: /* • */ case 0x2013: /* – */ case 0x2014: /* — */ case 0x00B7: /* · */
    case 0x25BA: /* ► */ case 0x00BB: /* » */ case 0x25AA: /* ▪ */ case 0x25A0: /* ■ */ case 0x25E6: /* ◦ */
    case 0x2192: /* → */ case 0x2713: /* ✓ */ case 0x2714: /* ✔ */
        return 1;
    default:
        return 0;
    }
}

static int comma(UChar32 c)
{
    return c == ',' || c == 0x060C /* ، */ || c == 0x3001 /* 、 */ || c == 0xFF0C /* ， */;
}

/* "1. ", "12) ": a numbered item. */
static int numbered(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 4 && s[i] >= '0' && s[i] <= '9') i++;
    return i >= 1 && i <= 3 && i + 1 < n && (s[i] == '.' || s[i] == ')') && (s[i + 1] == ' ' || s[i + 1] == '\t');
}

static int ends_with(const char *s, size_t n, const char *tail, size_t k)
{
    if (n < k) return 0;
    for (size_t i = 0; i < k; i++)
        if (s[n - k + i] != tail[i]) return 0;
    return 1;
}

void cx_line_shape(const char *s, size_t n, float out[CX_SHAPE_PIECES])
{
    for (int i = 0; i < CX_SHAPE_PIECES; i++) out[i] = 0.0f;
    size_t chars = 0, digits = 0, punct = 0, commas = 0, words = 0, lettered = 0, capital = 0;
    int in_word = 0, seen_letter = 0;
    UChar32 first = -1;
    for (int32_t i = 0; i < (int32_t)n;) {
        UChar32 c;
        U8_NEXT(s, i, (int32_t)n, c);
        if (c >= 0 && u_isUWhiteSpace(c)) {
            in_word = 0;
            continue;
        }
        if (first < 0) first = c < 0 ? 0xFFFD : c;
        if (!in_word) words++, in_word = 1, seen_letter = 0;
        chars++;
        if (c < 0) {
            punct++;
            continue;
        }
        if (u_isdigit(c)) digits++;
        else if (!u_isalnum(c)) punct++;
        commas += comma(c);
        if (!seen_letter && u_isalpha(c)) {
            seen_letter = 1, lettered++;
            capital += u_isupper(c) || u_istitle(c);
        }
    }
    if (!words) return;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    out[CX_SHAPE_CAPS] = lettered ? (float)capital / (float)lettered : 0.0f;
    out[CX_SHAPE_DIGITS] = (float)digits / (float)chars;
    out[CX_SHAPE_PUNCT] = (float)punct / (float)chars;
    out[CX_SHAPE_COMMAS] = (float)commas / (float)words;
    out[CX_SHAPE_MARKER] = (float)(bullet(first) || numbered(s, n));
    out[CX_SHAPE_ELLIPSIS] = (float)(ends_with(s, n, "\xE2\x80\xA6", 3) || ends_with(s, n, "...", 3) ||
                                     ends_with(s, n, "\xC2\xBB", 2) || ends_with(s, n, ">>", 2));
    out[CX_SHAPE_WORD_LEN] = (float)chars / (float)words;
}
