/* The store as the public API offers it (include/chorus.h): a thin handle
 * over the internal one, so the commands and other programs see documented
 * chorus_ names and types while the store's internals stay free to change. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "known_sentences.h"
#include "store_api.h"
#include "util.h"

struct chorus_store {
    cx_store *st;
};

cx_store *cx_store_of(chorus_store *s) { return s->st; }

static int wrap(cx_store *st, chorus_store **out, chorus_error *err)
{
    chorus_store *s = cx_calloc(1, sizeof *s);
    if (!s) {
        cx_store_close(st);
        return cx_fail(err, CHORUS_ENOMEM, "out of memory");
    }
    s->st = st;
    *out = s;
    return 0;
}

int chorus_store_open_writer(const char *path, const char *const *names, const double *values, size_t n,
                             chorus_store **out, chorus_error *err)
{
    *out = NULL;
    cx_store *st;
    int rc = cx_store_open_with(path, CX_STORE_WRITE, names, values, n, &st, err);
    return rc ? rc : wrap(st, out, err);
}

int chorus_store_open_reader(const char *path, chorus_store **out, chorus_error *err)
{
    *out = NULL;
    cx_store *st;
    int rc = cx_store_open(path, CX_STORE_READ, &st, err);
    return rc ? rc : wrap(st, out, err);
}

int chorus_store_open_readonly(const char *path, chorus_store **out, chorus_error *err)
{
    *out = NULL;
    /* Existence by stat only: opening and closing the file ourselves would
     * drop the POSIX locks this process's other SQLite connections hold on
     * it (close releases every lock of the process on that file), and a
     * writer would then reset the WAL under their feet. */
    struct stat sb;
    if (stat(path, &sb)) return cx_fail(err, CHORUS_EIO, "%s: no such store (chorus ingest --db %s creates one)", path, path);
    if (!S_ISREG(sb.st_mode)) return cx_fail(err, CHORUS_EDB, "%s: not a chorus store (not a file)", path);
    cx_store *st;
    int rc = cx_store_open(path, CX_STORE_READONLY, &st, err);
    if (rc) {
        if (err && strstr(err->message, "not a database"))
            cx_fail(err, CHORUS_EDB, "%s: not a chorus store (not an SQLite database)", path);
        return rc;
    }
    return wrap(st, out, err);
}

void chorus_store_close(chorus_store *s)
{
    if (!s) return;
    cx_store_close(s->st);
    free(s);
}

const char *chorus_store_notice(const chorus_store *s) { return cx_store_notice(s->st); }
size_t chorus_store_article_count(const chorus_store *s) { return cx_store_article_count(s->st); }

void chorus_store_set_ingest_callbacks(chorus_store *s, chorus_ingest_progress_fn progress,
                                       chorus_ingest_skip_fn skip, void *ctx)
{
    cx_store_set_callbacks(s->st, progress, skip, ctx);
}

int chorus_store_ingest(chorus_store *s, const chorus_article *a, size_t n, chorus_ingest_stats *st,
                        chorus_error *err)
{
    return cx_store_ingest(s->st, a, n, st, err);
}

int chorus_store_ingest_more(chorus_store *s, const chorus_article *a, size_t n, chorus_ingest_stats *st,
                             chorus_error *err)
{
    return cx_store_ingest_more(s->st, a, n, st, err);
}

int chorus_store_flush(chorus_store *s, chorus_ingest_stats *st, chorus_error *err)
{
    return cx_store_flush(s->st, st, err);
}

int chorus_store_stories(chorus_store *s, int64_t since, int by_recency, size_t limit, chorus_story_info **out,
                         size_t *n, chorus_error *err)
{
    return cx_store_stories(s->st, since, by_recency ? CX_STORIES_BY_RECENCY : CX_STORIES_BY_SIZE, limit, out,
                            n, err);
}

void chorus_story_infos_free(chorus_story_info *v, size_t n) { cx_story_infos_free(v, n); }

int chorus_store_story_members(chorus_store *s, int64_t story, char ***ids, size_t *n, chorus_error *err)
{
    return cx_store_story_members(s->st, story, ids, n, err);
}

void chorus_store_ids_free(char **ids, size_t n) { cx_store_ids_free(ids, n); }

int chorus_store_topics(chorus_store *s, int with_articles, chorus_story_topic **out, size_t *n,
                        chorus_error *err)
{
    return cx_store_topics(s->st, with_articles, out, n, err);
}

void chorus_story_topics_free(chorus_story_topic *v, size_t n) { cx_story_topics_free(v, n); }

int chorus_store_story_version(chorus_store *s, int64_t story, int64_t *version, chorus_error *err)
{
    return cx_store_story_stamp(s->st, story, version, err);
}

int chorus_store_story_reports(chorus_store *s, int64_t story, int64_t new_since, size_t max, chorus_corpus *c,
                               chorus_corpus *earlier, chorus_story_reports *r, chorus_error *err)
{
    memset(r, 0, sizeof *r);
    if (story <= 0) return cx_fail(err, CHORUS_ENOTFOUND, "no story %lld", (long long)story);
    int64_t root = cx_store_story_root(s->st, story, err);
    if (root == CHORUS_EINVAL) { /* the id names no story */
        if (err) err->code = CHORUS_ENOTFOUND;
        return CHORUS_ENOTFOUND;
    }
    if (root < 0) return (int)root;
    r->story = root;
    /* one story is held whole in memory: never more reports than the
     * story-articles limit, new or earlier (the latest of each) */
    size_t cap = chorus_get_limits()->story_articles;
    if (!max) max = CX_STORE_DIGEST_MAX;
    if (max > cap) max = cap;
    int rc = cx_store_story_corpus(s->st, root, new_since, INT64_MAX, max, c, &r->total, err);
    if (rc < 0 || new_since == INT64_MIN) return rc < 0 ? rc : 0;
    /* verbatim repeats (wire copies) go first; an update summary then
     * weighs the rest against the earlier reports */
    chorus_corpus own;
    chorus_corpus_init(&own);
    chorus_corpus *e = earlier ? earlier : &own;
    size_t before = e->n_articles;
    rc = cx_store_story_corpus(s->st, root, INT64_MIN, new_since, cap, e, NULL, err);
    r->earlier = e->n_articles - before;
    if (rc >= 0) rc = cx_drop_known_sentences(c, e, &r->repeated, &r->emptied, err);
    chorus_corpus_free(&own);
    return rc < 0 ? rc : 0;
}
