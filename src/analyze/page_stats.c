/* Lines and words that recur across the pages of a crawl.
 *
 * A site prints its menus, notices and forms on every page; a content
 * management system prints the same comment form on every site that runs
 * it. A paragraph found on several pages is therefore template, and the
 * words such paragraphs are made of ("Kommentar", "Newsletter", "cookies")
 * are interface vocabulary: a line mostly made of them is boilerplate even
 * when its wording is unique (as in template detection across pages of a
 * site, Bar-Yossef and Rajagopalan 2002; here across sites as well).
 * Everything is learnt from the input itself, in its languages; no list. */
#include <stdlib.h>
#include <string.h>

#include "page_stats.h"
#include "text.h"
#include "util.h"

#define SHARE_SMOOTHING 2.0   /* added to a word's page count: a word seen on one or two pages says little */

static uint64_t fold_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a over ASCII-folded bytes */
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)cx_ascii_lower((unsigned char)s[i])) * 1099511628211ull;
    return h;
}

/* Next word of s from *pos: a run of ASCII letters and digits and of UTF-8
 * letters (bytes >= 0x80 outside the punctuation blocks U+2000-U+206F and
 * U+00A0-U+00BF, which hold dashes, quotes, « » and ©). */
static int next_word(const char *s, size_t n, size_t *pos, size_t *start, size_t *len)
{
    size_t i = *pos;
    for (;;) {
        while (i < n) {
            unsigned char c = (unsigned char)s[i];
            if (c < 0x80 ? ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) : 1) break;
            i++;
        }
        if (i >= n) {
            *pos = n;
            return 0;
        }
        size_t b = i;
        while (i < n) {
            unsigned char c = (unsigned char)s[i];
            if (c < 0x80) {
                if (!((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))) break;
                i++;
                continue;
            }
            size_t l = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (i + l > n) l = n - i;
            if ((c == 0xE2 && l >= 2 && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x81) ||
                (c == 0xC2 && l >= 2 && (unsigned char)s[i + 1] >= 0xA0 && (unsigned char)s[i + 1] <= 0xBF) ||
                (c == 0xE3 && l >= 3 && (unsigned char)s[i + 1] == 0x80)) /* CJK punctuation U+3000-303F */
                break;
            i += l;
        }
        if (i == b) { /* punctuation: skip it */
            unsigned char c = (unsigned char)s[i];
            i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (i > n) i = n;
            continue;
        }
        *start = b, *len = i - b, *pos = i;
        return 1;
    }
}

/* The paragraphs of an article as cleaning sees them. */
static int page_paragraphs(const chorus_article *a, char ***paras)
{
    const char *text = a->text ? a->text : "";
    char *norm;
    size_t nlen;
    if (cx_normalize(text, strlen(text), &norm, &nlen)) return CHORUS_ENOMEM;
    int np = cx_paragraphs(norm, nlen, paras);
    free(norm);
    return np;
}

static int grow(uint32_t **v, size_t *cap, size_t need)
{
    if (need <= *cap) return 0;
    size_t c = *cap ? *cap : 256;
    while (c < need) c *= 2;
    uint32_t *nv = realloc(*v, c * sizeof *nv);
    if (!nv) return CHORUS_ENOMEM;
    memset(nv + *cap, 0, (c - *cap) * sizeof *nv);
    *v = nv, *cap = c;
    return 0;
}

int cx_page_stats_build(cx_page_stats *st, const chorus_corpus *c)
{
    memset(st, 0, sizeof *st);
    st->n_pages = c->n_articles;
    size_t line_cap = 0, word_cap = 0, wt_cap = 0, seen_cap = 0;
    uint32_t *seen = NULL; /* last page (+1) that counted a line or word, by index */
    int rc = 0;
    /* Pass 1: on how many pages each paragraph appears. */
    for (size_t a = 0; a < c->n_articles && !rc; a++) {
        char **paras;
        int np = page_paragraphs(&c->articles[a], &paras);
        if (np < 0) {
            rc = CHORUS_ENOMEM;
            break;
        }
        for (int p = 0; p < np && !rc; p++) {
            int added;
            int64_t k = cx_u64map_add(&st->lines, fold_hash(paras[p], strlen(paras[p])), &added);
            if (k < 0 || grow(&st->line_pages, &line_cap, (size_t)k + 1) || grow(&seen, &seen_cap, (size_t)k + 1)) {
                rc = CHORUS_ENOMEM;
                break;
            }
            if (seen[k] != a + 1) seen[k] = (uint32_t)(a + 1), st->line_pages[k]++;
        }
        cx_strings_free(paras, (size_t)np);
    }
    /* Pass 2: on how many pages each word appears, and in recurring lines. */
    uint32_t *seen_t = NULL;
    size_t seen_t_cap = 0;
    if (!rc) memset(seen, 0, seen_cap * sizeof *seen);
    for (size_t a = 0; a < c->n_articles && !rc; a++) {
        char **paras;
        int np = page_paragraphs(&c->articles[a], &paras);
        if (np < 0) {
            rc = CHORUS_ENOMEM;
            break;
        }
        for (int p = 0; p < np && !rc; p++) {
            size_t n = strlen(paras[p]);
            int templ = cx_page_stats_line_pages(st, paras[p], n) >= CX_TEMPLATE_LINE_PAGES;
            size_t pos = 0, b, l;
            while (next_word(paras[p], n, &pos, &b, &l)) {
                int added;
                int64_t k = cx_u64map_add(&st->words, fold_hash(paras[p] + b, l), &added);
                if (k < 0 || grow(&st->word_pages, &word_cap, (size_t)k + 1) ||
                    grow(&st->word_templ, &wt_cap, (size_t)k + 1) || grow(&seen, &seen_cap, (size_t)k + 1) ||
                    grow(&seen_t, &seen_t_cap, (size_t)k + 1)) {
                    rc = CHORUS_ENOMEM;
                    break;
                }
                if (seen[k] != a + 1) seen[k] = (uint32_t)(a + 1), st->word_pages[k]++;
                if (templ && seen_t[k] != a + 1) seen_t[k] = (uint32_t)(a + 1), st->word_templ[k]++;
            }
        }
        cx_strings_free(paras, (size_t)np);
    }
    free(seen);
    free(seen_t);
    if (rc) cx_page_stats_free(st);
    return rc;
}

void cx_page_stats_free(cx_page_stats *st)
{
    cx_u64map_free(&st->lines);
    cx_u64map_free(&st->words);
    free(st->line_pages);
    free(st->word_pages);
    free(st->word_templ);
    memset(st, 0, sizeof *st);
}

size_t cx_page_stats_line_pages(const cx_page_stats *st, const char *s, size_t n)
{
    int64_t k = cx_u64map_find(&st->lines, fold_hash(s, n));
    return k < 0 ? 0 : st->line_pages[k];
}

double cx_page_stats_template_share(const cx_page_stats *st, const cx_lang *lang, const char *s, size_t n)
{
    size_t pos = 0, b, l, words = 0;
    double sum = 0;
    int stops = lang && cx_lang_has_stopwords(lang);
    while (next_word(s, n, &pos, &b, &l)) {
        if (stops && l < 24) {
            char low[24];
            for (size_t i = 0; i < l; i++) low[i] = (char)cx_ascii_lower((unsigned char)s[b + i]);
            if (cx_lang_is_stopword(lang, low, l)) continue;
        }
        words++;
        int64_t k = cx_u64map_find(&st->words, fold_hash(s + b, l));
        if (k >= 0) sum += st->word_templ[k] / (st->word_pages[k] + SHARE_SMOOTHING);
    }
    return words ? sum / (double)words : 0.0;
}
