/* chorus_clean: the verdict on every paragraph, for users who want to see
 * what cleaning kept and why the rest went (chorus clean --explain). */
#include <string.h>

#include "clean.h"
#include "clean_line_model.h"
#include "page_stats.h"
#include "story_build.h"
#include "util.h"

/* Code points the normalizer drops because they only carry layout (a soft
 * hyphen marks where a word may break; zero-width spaces and joiners);
 * their UTF-8 length at s, 0 for any other. Kept in step with layout_char
 * in src/text/text_normalize.c. */
static size_t invisible_at(const unsigned char *s, size_t n)
{
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xAD) return 2; /* U+00AD */
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x8B && s[2] <= 0x8D) return 3; /* U+200B..D */
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0xA0) return 3; /* U+2060 */
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) return 3; /* U+FEFF */
    return 0;
}

static int has_invisible(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0xC2 && invisible_at((const unsigned char *)s + i, n - i)) return 1;
    return 0;
}

/* The line raw[a,b) trimmed equals the paragraph once its invisible code
 * points are left out. */
static int same_but_invisible(const char *raw, size_t a, size_t b, const char *t, size_t tn)
{
    while (a < b && (raw[a] == ' ' || raw[a] == '\t' || raw[a] == '\r')) a++;
    while (b > a && (raw[b - 1] == ' ' || raw[b - 1] == '\t' || raw[b - 1] == '\r')) b--;
    size_t k = 0;
    for (size_t i = a; i < b;) {
        size_t skip = invisible_at((const unsigned char *)raw + i, b - i);
        if (skip) {
            i += skip;
            continue;
        }
        if (k >= tn || raw[i] != t[k]) return 0;
        i++, k++;
    }
    return k == tn;
}

#define AS_WRITTEN_LOOKAHEAD 64 /* lines searched past the last match: bounds the work on a long page */

/* Every paragraph of s, its articles numbered from first. A paragraph whose
 * line in the input differs from it only by invisible code points is given
 * as written: a soft hyphen is part of the text a reader copies, and a
 * search for a passage holding one must find it. */
static int report(const cx_story *s_, size_t first, chorus_clean_fn fn, void *ctx)
{
    const cx_story s = *s_;
    int rc = 0;
    for (size_t d = 0; d < s.n_docs && !rc; d++) {
        const cx_doc *doc = &s.docs[d];
        const char *raw = doc->art ? doc->art->text : NULL;
        size_t raw_len = raw ? strlen(raw) : 0;
        int as_written = raw && has_invisible(raw, raw_len);
        size_t cursor = 0; /* start of the line after the last match */
        for (size_t p = 0; p < doc->n_paras && !rc; p++) {
            chorus_clean_para cp = {first + d, p, doc->paras[p].text, doc->paras[p].len, doc->paras[p].drop_reason,
                                    doc->paras[p].drop_reason == CX_DROP_TITLE, doc->paras[p].features,
                                    doc->paras[p].features ? CX_LINE_FEATURES : 0};
            for (size_t at = cursor, lines = 0; as_written && at < raw_len && lines < AS_WRITTEN_LOOKAHEAD; lines++) {
                const char *nl = memchr(raw + at, '\n', raw_len - at);
                size_t end = nl ? (size_t)(nl - raw) : raw_len;
                if (same_but_invisible(raw, at, end, cp.text, cp.len)) {
                    size_t a = at, b = end;
                    while (a < b && (raw[a] == ' ' || raw[a] == '\t' || raw[a] == '\r')) a++;
                    while (b > a && (raw[b - 1] == ' ' || raw[b - 1] == '\t' || raw[b - 1] == '\r')) b--;
                    cp.text = raw + a, cp.len = b - a;
                    cursor = end + 1;
                    break;
                }
                at = end + 1;
            }
            rc = fn(&cp, ctx);
        }
    }
    return rc;
}

int chorus_clean(const chorus_corpus *c, chorus_clean_fn fn, void *ctx, chorus_error *err)
{
    cx_story s;
    int rc = cx_story_build_cleaned(&s, c, err);
    if (rc) return rc;
    rc = report(&s, 0, fn, ctx);
    cx_story_free(&s);
    return rc;
}

int chorus_clean_pages(const chorus_corpus *c, chorus_clean_fn fn, void *ctx, chorus_error *err)
{
    cx_page_stats st;
    if (cx_page_stats_build(&st, c)) return cx_fail(err, CHORUS_ENOMEM, "out of memory while comparing pages");
    int rc = 0;
    for (size_t i = 0; i < c->n_articles && !rc; i++) {
        chorus_corpus one = *c; /* a view of one article: each page is its own story */
        one.articles = &c->articles[i];
        one.n_articles = 1;
        cx_story s;
        rc = cx_story_build_cleaned_pages(&s, &one, &st, err);
        if (rc) break;
        rc = report(&s, i, fn, ctx);
        cx_story_free(&s);
    }
    cx_page_stats_free(&st);
    return rc;
}
