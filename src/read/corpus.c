/* The corpus: articles read so far, and inputs that produced none (with why). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void chorus_corpus_init(chorus_corpus *c) { memset(c, 0, sizeof *c); }

/* Cut text over the limit: at the last paragraph or line break in the kept
 * part when there is one in its second half, else at a character boundary. */
static size_t cut_point(const char *t, size_t limit)
{
    for (size_t i = limit; i > limit / 2; i--)
        if (t[i - 1] == '\n') return i - 1;
    size_t i = limit;
    while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80) i--;
    return i;
}

void chorus_article_free(chorus_article *a)
{
    free(a->id);
    free(a->source);
    free(a->wire);
    free(a->url);
    free(a->published);
    free(a->title);
    free(a->author);
    free(a->language);
    free(a->text);
    free(a->origin);
    memset(a, 0, sizeof *a);
}

void chorus_corpus_free(chorus_corpus *c)
{
    for (size_t i = 0; i < c->n_articles; i++) chorus_article_free(&c->articles[i]);
    for (size_t i = 0; i < c->n_skipped; i++) {
        free(c->skipped[i].origin);
        free(c->skipped[i].reason);
    }
    free(c->articles);
    free(c->skipped);
    memset(c, 0, sizeof *c);
}

/* A full stop of the scripts whose sentences end without a space after:
 * 。 ！ ？ ． (CJK), । (Devanagari), ۔ (Urdu). Returns its length, or 0. */
static size_t wide_stop(const unsigned char *p, size_t rest)
{
    if (rest >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x82) return 3;
    if (rest >= 3 && p[0] == 0xEF && p[1] == 0xBC && (p[2] == 0x81 || p[2] == 0x9F || p[2] == 0x8E)) return 3;
    if (rest >= 3 && p[0] == 0xE0 && p[1] == 0xA5 && p[2] == 0xA4) return 3;
    if (rest >= 2 && p[0] == 0xDB && p[1] == 0x94) return 2;
    return 0;
}

/* Where the text passes max sentence ends, or n when it does not. What the
 * analysis costs by is its sentences, however short ("a b." ten million
 * times), so they are counted before any of it, cheaply and from above: a
 * run of . ! ? followed by no ASCII letter or digit ("U.S." and "3.5" are one
 * and none; a closing quote mark counts), a wide full stop, and a line break
 * that ends a line without either.
 * The cut falls just after the last end kept. */
static size_t sentence_cut(const char *t, size_t n, size_t max)
{
    const unsigned char *u = (const unsigned char *)t;
    size_t ends = 0, after = 0; /* after: just past the last end counted */
    int line_has_text = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = u[i];
        size_t w;
        if (ch == '\n') {
            if (line_has_text) {
                if (++ends > max) return after;
                after = i;
            }
            line_has_text = 0;
        } else if (ch == '.' || ch == '!' || ch == '?') {
            size_t j = i;
            while (j + 1 < n && (u[j + 1] == '.' || u[j + 1] == '!' || u[j + 1] == '?')) j++;
            unsigned char next = j + 1 < n ? u[j + 1] : ' ';
            int glued = (next >= '0' && next <= '9') || (next >= 'a' && next <= 'z') ||
                        (next >= 'A' && next <= 'Z');
            if (!glued) {
                if (++ends > max) return after;
                after = j + 1;
                line_has_text = 0;
            } else line_has_text = 1;
            i = j;
        } else if ((w = wide_stop(u + i, n - i))) {
            if (++ends > max) return after;
            after = i + w;
            line_has_text = 0;
            i += w - 1;
        } else if (ch != ' ' && ch != '\t' && ch != '\r')
            line_has_text = 1;
    }
    return n;
}

/* Past the story's article limit: the article is freed and counted; one
 * skip entry, at the first one left out, says how many so far. */
static int leave_out(chorus_corpus *c, chorus_article *a)
{
    char msg[256];
    c->n_left_out++;
    snprintf(msg, sizeof msg,
             "%zu article%s from here on left out: a story is digested from %zu articles at most"
             " (limit story-articles)",
             c->n_left_out, c->n_left_out == 1 ? "" : "s", c->max_articles);
    int rc = 0;
    if (c->n_left_out == 1) {
        /* streamed skips are told once, as they come */
        if (c->on_skip)
            rc = chorus_corpus_skip(c, a->origin ? a->origin : "?",
                                    "this and any later articles left out: a story is digested from %zu"
                                    " articles at most (limit story-articles)",
                                    c->max_articles);
        else {
            rc = chorus_corpus_skip(c, a->origin ? a->origin : "?", "%s", msg);
            c->left_out_skip = c->n_skipped - 1;
        }
    } else if (!c->on_skip && c->left_out_skip < c->n_skipped) {
        char *r = cx_strdup(msg);
        if (!r) rc = CHORUS_ENOMEM;
        else {
            free(c->skipped[c->left_out_skip].reason);
            c->skipped[c->left_out_skip].reason = r;
        }
    }
    chorus_article_free(a);
    return rc ? CHORUS_ENOMEM : 0;
}

int chorus_corpus_add(chorus_corpus *c, chorus_article *a)
{
    if (c->max_articles && !c->on_article && c->n_articles >= c->max_articles) return leave_out(c, a);
    const chorus_limits *lim = chorus_get_limits();
    size_t n = a->text ? strlen(a->text) : 0, keep = n;
    const char *which = NULL;
    size_t limit = 0;
    if (n > lim->text_bytes) keep = cut_point(a->text, lim->text_bytes), which = "text-bytes", limit = lim->text_bytes;
    /* every sentence end takes two bytes at least: short texts need no count */
    if (keep / 2 > lim->sentences) {
        size_t at = sentence_cut(a->text, keep, lim->sentences);
        if (at < keep) keep = at, which = "sentences", limit = lim->sentences;
    }
    if (which) {
        /* one message for the article, naming the limit that cut it */
        a->text[keep] = '\0';
        if (chorus_corpus_skip(c, a->origin ? a->origin : "?", "text cut after %zu of its %zu bytes (limit %s=%zu)",
                               keep, n, which, limit)) {
            chorus_article_free(a);
            return CHORUS_ENOMEM;
        }
    }
    if (c->on_article) {
        chorus_article copy = *a;
        memset(a, 0, sizeof *a);
        c->n_streamed++;
        return c->on_article(&copy, c->sink_ctx);
    }
    if (cx_grow((void **)&c->articles, &c->cap_articles, c->n_articles + 1, sizeof *a)) {
        chorus_article_free(a);
        return CHORUS_ENOMEM;
    }
    c->articles[c->n_articles++] = *a;
    memset(a, 0, sizeof *a);
    return 0;
}

static int add_skip(chorus_corpus *c, const char *origin, int note, const char *fmt, va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (c->on_skip) {
        chorus_skip one = {(char *)origin, msg, note};
        c->n_streamed_skips++;
        return c->on_skip(&one, c->sink_ctx);
    }
    if (cx_grow((void **)&c->skipped, &c->cap_skipped, c->n_skipped + 1, sizeof *c->skipped))
        return CHORUS_ENOMEM;
    chorus_skip *s = &c->skipped[c->n_skipped++];
    s->origin = cx_strdup(origin);
    s->reason = cx_strdup(msg);
    s->note = note;
    return 0;
}

int chorus_corpus_skip(chorus_corpus *c, const char *origin, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = add_skip(c, origin, 0, fmt, ap);
    va_end(ap);
    return rc;
}

int chorus_corpus_note(chorus_corpus *c, const char *origin, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = add_skip(c, origin, 1, fmt, ap);
    va_end(ap);
    return rc;
}

int chorus_corpus_warn(chorus_corpus *c, const char *origin, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = add_skip(c, origin, 2, fmt, ap);
    va_end(ap);
    return rc;
}
