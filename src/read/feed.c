/* Streaming article JSONL: the same records and rules as the whole-file
 * reader (read_jsonl.c), read a window at a time with a fixed-size buffer.
 * While the caller works on one window, a thread reads and parses the next
 * (parsing JSON is a tenth of an ingest's work). */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "readers.h"
#include "sniff.h"
#include "util.h"

#define FEED_CHUNK (1u << 20)

struct chorus_feed {
    FILE *fp;
    char *path;
    char *outlet; /* fallback outlet: the file name */
    char *chunk;  /* bytes read but not yet consumed */
    size_t pos, len;
    int eof, done;
    size_t lineno;
    cx_buf line;
    int too_long; /* the current line passed CHORUS_MAX_INPUT_BYTES: drop it */
    uint64_t consumed;    /* bytes of the lines read (by whichever thread reads) */
    uint64_t next_end;    /* consumed when the window read ahead was complete */
    uint64_t handed;      /* bytes of the windows handed to the caller */
    /* The window being read ahead: owned by the thread until joined. */
    pthread_t ahead;
    int ahead_running;
    chorus_corpus next;
    size_t next_max;
    int next_rc;
    chorus_error next_err;
};

int chorus_feed_is_stream(const char *path)
{
    if (!strcmp(path, "-")) return 0;
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    return cx_sniff_file(path) == CX_INPUT_JSONL;
}

int chorus_feed_open(const char *path, chorus_feed **out, chorus_error *err)
{
    *out = NULL;
    chorus_feed *f = cx_calloc(1, sizeof *f);
    if (!f) return cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", path);
    cx_buf_init(&f->line);
    f->path = cx_strdup(path);
    f->outlet = cx_outlet_from_name(path);
    f->chunk = cx_malloc(FEED_CHUNK);
    if (!f->path || !f->outlet || !f->chunk) {
        chorus_feed_close(f);
        return cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", path);
    }
    f->fp = fopen(path, "rb");
    if (!f->fp) {
        int rc = cx_fail(err, CHORUS_EIO, "%s: cannot open: %s", path, strerror(errno));
        chorus_feed_close(f);
        return rc;
    }
    *out = f;
    return 0;
}

static int read_window(chorus_feed *f, chorus_corpus *c, size_t max, chorus_error *err);

static void *read_ahead(void *arg)
{
    chorus_feed *f = arg;
    f->next_rc = read_window(f, &f->next, f->next_max, &f->next_err);
    f->next_end = f->consumed;
    return NULL;
}

void chorus_feed_close(chorus_feed *f)
{
    if (!f) return;
    if (f->ahead_running) pthread_join(f->ahead, NULL);
    chorus_corpus_free(&f->next);
    if (f->fp) fclose(f->fp);
    free(f->path);
    free(f->outlet);
    free(f->chunk);
    cx_buf_free(&f->line);
    free(f);
}

/* While a window is being read ahead, the end is not known yet. */
int chorus_feed_done(const chorus_feed *f) { return !f->ahead_running && f->done; }

uint64_t chorus_feed_bytes(const chorus_feed *f) { return f->handed; }

/* Next line into f->line (without the newline). Returns 1 with a line, 0 at
 * the end, negative on a read error. */
static int next_line(chorus_feed *f, chorus_error *err)
{
    f->line.len = 0;
    f->too_long = 0;
    int got = 0;
    for (;;) {
        if (f->pos == f->len) {
            if (f->eof) break;
            f->len = fread(f->chunk, 1, FEED_CHUNK, f->fp);
            f->pos = 0;
            if (f->len < FEED_CHUNK) {
                if (ferror(f->fp))
                    return cx_fail(err, CHORUS_EIO, "%s: read error after line %zu", f->path, f->lineno);
                f->eof = 1;
            }
            if (!f->len) break;
        }
        got = 1;
        const char *start = f->chunk + f->pos;
        const char *nl = memchr(start, '\n', f->len - f->pos);
        size_t n = nl ? (size_t)(nl - start) : f->len - f->pos;
        if (!f->too_long) {
            if (f->line.len + n > chorus_get_limits()->record_bytes) {
                f->too_long = 1;
                f->line.len = 0;
            } else if (cx_buf_append(&f->line, start, n))
                return cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", f->path);
        }
        f->pos += n + (nl ? 1 : 0);
        f->consumed += n + (nl ? 1 : 0);
        if (nl) break;
    }
    if (!got) return 0;
    f->lineno++;
    return 1;
}

/* Move everything of from into c. */
static int corpus_move(chorus_corpus *c, chorus_corpus *from)
{
    if (!c->n_articles && !c->n_skipped && !c->on_article && !c->on_skip) {
        /* the caller's progress fields stay */
        uint64_t bytes = c->bytes_read;
        void (*progress)(const chorus_corpus *, void *) = c->on_progress;
        void *ctx = c->sink_ctx;
        chorus_corpus_free(c);
        *c = *from;
        c->bytes_read = bytes, c->on_progress = progress, c->sink_ctx = ctx;
        chorus_corpus_init(from);
        return 0;
    }
    int rc = 0;
    for (size_t i = 0; i < from->n_articles && !rc; i++) rc = chorus_corpus_add(c, &from->articles[i]);
    for (size_t i = 0; i < from->n_skipped && !rc; i++) {
        const chorus_skip *k = &from->skipped[i];
        rc = k->note == 2 ? chorus_corpus_warn(c, k->origin, "%s", k->reason)
             : k->note    ? chorus_corpus_note(c, k->origin, "%s", k->reason)
                          : chorus_corpus_skip(c, k->origin, "%s", k->reason);
    }
    chorus_corpus_free(from);
    return rc;
}

int chorus_feed_next(chorus_feed *f, chorus_corpus *c, size_t max, chorus_error *err)
{
    int rc;
    if (f->ahead_running) {
        pthread_join(f->ahead, NULL);
        f->ahead_running = 0;
        rc = f->next_rc;
        f->handed = f->next_end;
        if (rc < 0 && err) *err = f->next_err;
        if (corpus_move(c, &f->next)) return cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", f->path);
    } else {
        rc = read_window(f, c, max, err);
        f->handed = f->consumed;
    }
    if (rc >= 0 && !f->done) {
        chorus_corpus_init(&f->next);
        f->next_max = max;
        memset(&f->next_err, 0, sizeof f->next_err);
        f->ahead_running = pthread_create(&f->ahead, NULL, read_ahead, f) == 0;
    }
    return rc;
}

static int read_window(chorus_feed *f, chorus_corpus *c, size_t max, chorus_error *err)
{
    int added = 0;
    char origin[1024];
    while ((size_t)added < max && !f->done) {
        int r = next_line(f, err);
        if (r < 0) return r;
        if (r == 0) {
            f->done = 1;
            break;
        }
        snprintf(origin, sizeof origin, "%s:%zu", f->path, f->lineno);
        if (f->too_long) {
            if (chorus_corpus_skip(c, origin, "line longer than %zu bytes (limit record-bytes)",
                                   chorus_get_limits()->record_bytes))
                return CHORUS_ENOMEM;
            continue;
        }
        int got = cx_jsonl_line(c, f->line.data, f->line.len, origin, f->lineno, f->outlet);
        if (got < 0) return cx_fail(err, got, "%s: out of memory", f->path);
        added += got;
    }
    return added;
}
