/* Reading paths: the one way in. Each file goes to the reader its content
 * calls for (sniff.c), directories recursively in a stable order. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "charset.h"
#include "decompress.h"
#include "readers.h"
#include "sniff.h"
#include "util.h"

/* A byte-order mark of UTF-16 or UTF-32: the ICU converter name and the
 * mark's length, or NULL. (UTF-32LE is tested first: its mark starts like
 * UTF-16LE's.) */
static const char *wide_bom(const char *d, size_t len, size_t *bom)
{
    const unsigned char *u = (const unsigned char *)d;
    if (len >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) return *bom = 4, "UTF-32LE";
    if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF) return *bom = 4, "UTF-32BE";
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) return *bom = 2, "UTF-16LE";
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) return *bom = 2, "UTF-16BE";
    return NULL;
}

static int read_decoded(chorus_corpus *c, const char *name, const char *data, size_t len, int utf8_known,
                        chorus_error *err)
{
    switch (cx_sniff_format(name, data, len)) {
    case CX_INPUT_JSONL: return cx_read_jsonl(c, name, data, len, err);
    case CX_INPUT_HTML:
        /* after decoding a wide file the page's own <meta charset> is stale */
        return utf8_known ? cx_read_html_charset(c, name, data, len, "utf-8", NULL, err)
                          : cx_read_html(c, name, data, len, err);
    case CX_INPUT_WARC: {
        /* The archive reader streams from a FILE: read the buffer as one. */
        FILE *f = fmemopen((void *)data, len, "rb");
        if (!f) return cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", name);
        int rc = cx_read_warc_stream(c, f, name, err);
        fclose(f);
        return rc;
    }
    case CX_INPUT_FEED: return cx_read_feed(c, name, data, len, err);
    case CX_INPUT_TEXT: break;
    }
    return cx_read_text(c, name, data, len, err);
}

int chorus_read_buffer(chorus_corpus *c, const char *name, const char *data, size_t len,
                       chorus_error *err)
{
    /* Text files may come as UTF-16 or UTF-32 with a byte-order mark (saved
     * by Windows tools): decode them to UTF-8 first, then read as usual. A
     * UTF-8 mark is dropped so that format sniffing sees the first byte. */
    size_t bom = 0;
    const char *wide = wide_bom(data, len, &bom);
    if (wide) {
        char *utf8 = NULL;
        size_t n = 0;
        int rc = cx_convert_to_utf8(wide, data + bom, len - bom, &utf8, &n, err);
        if (rc == CHORUS_ENOMEM) return rc;
        if (rc < 0)
            return chorus_corpus_skip(c, name, "cannot decode %s: %s", wide, err ? err->message : "")
                       ? CHORUS_ENOMEM : 0;
        rc = read_decoded(c, name, utf8, n, 1, err);
        free(utf8);
        return rc;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) return read_decoded(c, name, data + 3, len - 3, 1, err);
    return read_decoded(c, name, data, len, 0, err);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Directories already walked in this call, by device and inode: a symbolic
 * link back up the tree (or two links to one place) is read once, so a
 * cycle cannot make the walk loop or grow exponentially. */
typedef struct {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct {
    dir_id *ids;
    size_t n, cap;
} dir_seen;

/* 1 when (dev, ino) was seen (else remembered), CHORUS_ENOMEM on failure. */
static int seen_before(dir_seen *seen, const struct stat *st)
{
    for (size_t i = 0; i < seen->n; i++)
        if (seen->ids[i].dev == st->st_dev && seen->ids[i].ino == st->st_ino) return 1;
    dir_id id = {st->st_dev, st->st_ino};
    return CX_PUSH(seen->ids, seen->n, seen->cap, id) ? CHORUS_ENOMEM : 0;
}

static int read_dir(chorus_corpus *c, const char *path, size_t depth, dir_seen *seen, chorus_error *err)
{
    size_t max_depth = chorus_get_limits()->dir_depth;
    if (depth > max_depth)
        return chorus_corpus_skip(c, path, "directory skipped: more than %zu levels deep (limit dir-depth)", max_depth)
                   ? CHORUS_ENOMEM : 0;
    DIR *d = opendir(path);
    if (!d) return cx_fail(err, CHORUS_EIO, "%s: cannot open directory: %s", path, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue; /* ., .., hidden files */
        char *s = cx_strdup(e->d_name);
        if (!s || CX_PUSH(names, n, cap, s)) {
            free(s);
            rc = CHORUS_ENOMEM;
            break;
        }
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    int added = 0;
    for (size_t i = 0; i < n; i++) {
        if (!rc) {
            cx_buf p;
            cx_buf_init(&p);
            if (cx_buf_printf(&p, "%s/%s", path, names[i])) {
                rc = CHORUS_ENOMEM;
            } else {
                struct stat st;
                int r = 0, was = 0;
                if (stat(p.data, &st) == 0 && S_ISDIR(st.st_mode)) {
                    was = seen_before(seen, &st);
                    if (was == 1) r = chorus_corpus_note(c, p.data, "directory already read (a link to it)") ? CHORUS_ENOMEM : 0;
                    else if (was < 0) r = was;
                    else r = read_dir(c, p.data, depth + 1, seen, err);
                } else
                    r = chorus_read_path(c, p.data, err);
                if (r == CHORUS_ENOMEM) rc = r;
                else if (r < 0) {
                    if (chorus_corpus_skip(c, p.data, "%s", err ? err->message : chorus_strerror(r)))
                        rc = CHORUS_ENOMEM;
                } else
                    added += r;
            }
            cx_buf_free(&p);
        }
        free(names[i]);
    }
    free(names);
    return rc ? rc : added;
}

/* JSONL files are read a window at a time: with a streaming corpus the
 * memory needed is one window's, whatever the size of the file. */
static int read_feed(chorus_corpus *c, const char *path, chorus_error *err)
{
    chorus_feed *feed;
    int rc = chorus_feed_open(path, &feed, err);
    if (rc) return rc;
    int added = 0;
    uint64_t base = c->bytes_read;
    while (!chorus_feed_done(feed)) {
        int n = chorus_feed_next(feed, c, 256, err);
        if (n < 0) {
            rc = n;
            break;
        }
        added += n;
        c->bytes_read = base + chorus_feed_bytes(feed);
        if (c->on_progress) c->on_progress(c, c->sink_ctx);
    }
    chorus_feed_close(feed);
    return rc ? rc : added;
}

int chorus_read_path(chorus_corpus *c, const char *path, chorus_error *err)
{
    struct stat st;
    if (strcmp(path, "-") != 0) {
        if (stat(path, &st) != 0)
            return cx_fail(err, CHORUS_EIO, "%s: cannot open: %s", path, strerror(errno));
        if (S_ISDIR(st.st_mode)) {
            dir_seen seen = {0};
            int rc = seen_before(&seen, &st) < 0 ? CHORUS_ENOMEM : read_dir(c, path, 0, &seen, err);
            free(seen.ids);
            return rc;
        }
        /* archives and JSONL feeds are streamed from the file, not read whole */
        cx_input_format f = S_ISREG(st.st_mode) ? cx_sniff_file(path) : CX_INPUT_TEXT;
        if (f == CX_INPUT_WARC) return cx_read_warc_file(c, path, err);
        if (f == CX_INPUT_JSONL) return read_feed(c, path, err);
    }
    char *data;
    size_t len;
    int rc = cx_read_file(path, chorus_get_limits()->input_bytes, &data, &len, err);
    if (rc) return rc;
    rc = chorus_read_buffer(c, strcmp(path, "-") == 0 ? "stdin" : path, data, len, err);
    free(data);
    c->bytes_read += len;
    if (c->on_progress) c->on_progress(c, c->sink_ctx);
    return rc;
}
