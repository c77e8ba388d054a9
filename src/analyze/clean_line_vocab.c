/* Words are hashed as read (FNV-1a over the bytes, ASCII letters lower
 * case), so the shares cost one pass over the page and no tokenizer: the
 * lines of a scraped page are mostly too short for stems to matter. */
#include "clean_line_vocab.h"

#include <stdlib.h>

#include "chorus.h"
#include "u64map.h"

#define VOCAB_MIN_LETTERS 4 /* shorter words are function words in most languages */

/* The next word of s[*i..n): its hash, 0 at the end. Bytes of UTF-8
 * sequences count as letters; a word of digits alone is skipped. */
static uint64_t next_word(const char *s, size_t n, size_t *i)
{
    while (*i < n) {
        size_t a = *i;
        size_t letters = 0;
        int alpha = 0;
        uint64_t h = 1469598103934665603ull;
        while (*i < n) {
            unsigned char c = (unsigned char)s[*i];
            int digit = c >= '0' && c <= '9';
            int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '_';
            if (!digit && !letter) break;
            if (c >= 'A' && c <= 'Z') c = (unsigned char)(c - 'A' + 'a');
            alpha |= !digit;
            /* a code point's continuation bytes are not letters of their own */
            if ((c & 0xC0) != 0x80) letters++;
            h = (h ^ c) * 1099511628211ull;
            (*i)++;
        }
        if (*i == a) {
            (*i)++;
            continue;
        }
        if (letters >= VOCAB_MIN_LETTERS && alpha) return h ? h : 1;
    }
    return 0;
}

int cx_line_vocab_shares(const cx_para *paras, size_t n, const uint8_t *kept, const char *title, float *in_kept,
                         float *in_title)
{
    cx_u64map words = {0}, heading = {0}, mine = {0};
    size_t cap = 256;
    uint32_t *lines = calloc(cap, sizeof *lines); /* kept lines holding each word */
    int rc = lines ? 0 : CHORUS_ENOMEM;
    for (size_t p = 0; p < n && !rc; p++) {
        if (!kept[p]) continue;
        mine.n = 0;
        for (size_t k = 0; k < mine.cap; k++) mine.slots[k] = 0;
        size_t i = 0;
        for (uint64_t h; !rc && (h = next_word(paras[p].text, paras[p].len, &i));) {
            int added;
            if (cx_u64map_add(&mine, h, &added) < 0) {
                rc = CHORUS_ENOMEM;
                break;
            }
            if (!added) continue; /* each line counts a word once */
            int64_t w = cx_u64map_add(&words, h, &added);
            if (w < 0) {
                rc = CHORUS_ENOMEM;
                break;
            }
            if ((size_t)w >= cap) {
                uint32_t *g = realloc(lines, sizeof *g * cap * 2);
                if (!g) {
                    rc = CHORUS_ENOMEM;
                    break;
                }
                for (size_t k = cap; k < cap * 2; k++) g[k] = 0;
                lines = g, cap *= 2;
            }
            lines[w]++;
        }
    }
    if (title && !rc) {
        size_t i = 0, tn = 0;
        while (title[tn]) tn++;
        for (uint64_t h; (h = next_word(title, tn, &i));) {
            int added;
            if (cx_u64map_add(&heading, h, &added) < 0) {
                rc = CHORUS_ENOMEM;
                break;
            }
        }
    }
    for (size_t p = 0; p < n && !rc; p++) {
        size_t i = 0, total = 0, hit = 0, in_head = 0;
        for (uint64_t h; (h = next_word(paras[p].text, paras[p].len, &i));) {
            total++;
            int64_t w = cx_u64map_find(&words, h);
            /* found in a kept line other than this one */
            if (w >= 0 && lines[w] > (uint32_t)(kept[p] != 0)) hit++;
            in_head += cx_u64map_find(&heading, h) >= 0;
        }
        in_kept[p] = total ? (float)hit / (float)total : 0.0f;
        in_title[p] = total ? (float)in_head / (float)total : 0.0f;
    }
    free(lines);
    cx_u64map_free(&words), cx_u64map_free(&heading), cx_u64map_free(&mine);
    return rc;
}
