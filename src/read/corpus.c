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

int chorus_corpus_add(chorus_corpus *c, chorus_article *a)
{
    size_t limit = chorus_get_limits()->text_bytes;
    size_t n = a->text ? strlen(a->text) : 0;
    if (n > limit) {
        size_t keep = cut_point(a->text, limit);
        a->text[keep] = '\0';
        if (chorus_corpus_skip(c, a->origin ? a->origin : "?",
                               "text cut after %zu of its %zu bytes (limit text-bytes=%zu)", keep, n, limit)) {
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
