/* The corpus: articles read so far, and inputs that produced none (with why). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void chorus_corpus_init(chorus_corpus *c) { memset(c, 0, sizeof *c); }

void chorus_article_free(chorus_article *a)
{
    free(a->id);
    free(a->source);
    free(a->wire);
    free(a->url);
    free(a->published);
    free(a->title);
    free(a->author);
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
    if (cx_grow((void **)&c->skipped, &c->cap_skipped, c->n_skipped + 1, sizeof *c->skipped))
        return CHORUS_ENOMEM;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
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
