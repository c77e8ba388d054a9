/* Reading paths: files by format, directories recursively in a stable order. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decompress.h"
#include "readers.h"
#include "util.h"

typedef enum { FMT_TEXT, FMT_JSONL, FMT_HTML, FMT_WARC } input_format;

static input_format format_of(const char *name, const char *data, size_t len)
{
    if (cx_has_suffix_ci(name, ".jsonl") || cx_has_suffix_ci(name, ".ndjson")) return FMT_JSONL;
    if (cx_has_suffix_ci(name, ".html") || cx_has_suffix_ci(name, ".htm") ||
        cx_has_suffix_ci(name, ".xhtml"))
        return FMT_HTML;
    if (cx_has_suffix_ci(name, ".warc") || cx_has_suffix_ci(name, ".warc.gz") ||
        cx_has_suffix_ci(name, ".warc.zst"))
        return FMT_WARC;
    /* Sniff content for files without a telling extension. */
    size_t i = 0;
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) i++;
    if (i < len && data[i] == '{') return FMT_JSONL;
    if (i + 5 < len && (data[i] == '<')) {
        if (len - i >= 9 && (strncasecmp(data + i, "<!doctype", 9) == 0)) return FMT_HTML;
        if (strncasecmp(data + i, "<html", 5) == 0) return FMT_HTML;
    }
    if (len >= 5 && memcmp(data, "WARC/", 5) == 0) return FMT_WARC;
    /* Compressed input is only ever a WARC archive here (.warc.gz, .warc.zst
     * piped in); the WARC reader says so if it is not one. */
    if (len >= 2 && (unsigned char)data[0] == 0x1F && (unsigned char)data[1] == 0x8B) return FMT_WARC;
    if (len >= 4 && !memcmp(data, "\x28\xB5\x2F\xFD", 4)) return FMT_WARC;
    return FMT_TEXT;
}

int chorus_read_buffer(chorus_corpus *c, const char *name, const char *data, size_t len,
                       chorus_error *err)
{
    switch (format_of(name, data, len)) {
    case FMT_JSONL: return cx_read_jsonl(c, name, data, len, err);
    case FMT_HTML: return cx_read_html(c, name, data, len, err);
    case FMT_WARC: {
        /* The archive reader streams from a FILE: read the buffer as one. */
        FILE *f = fmemopen((void *)data, len, "rb");
        if (!f) return cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", name);
        int rc = cx_read_warc_stream(c, f, name, err);
        fclose(f);
        return rc;
    }
    case FMT_TEXT: break;
    }
    return cx_read_text(c, name, data, len, err);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_dir(chorus_corpus *c, const char *path, int depth, chorus_error *err)
{
    if (depth > 32) return chorus_corpus_skip(c, path, "directory nesting too deep") ? CHORUS_ENOMEM : 0;
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
                int r = 0;
                if (stat(p.data, &st) == 0 && S_ISDIR(st.st_mode))
                    r = read_dir(c, p.data, depth + 1, err);
                else
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

int chorus_read_path(chorus_corpus *c, const char *path, chorus_error *err)
{
    struct stat st;
    if (strcmp(path, "-") != 0) {
        if (stat(path, &st) != 0)
            return cx_fail(err, CHORUS_EIO, "%s: cannot open: %s", path, strerror(errno));
        if (S_ISDIR(st.st_mode)) return read_dir(c, path, 0, err);
        if (cx_has_suffix_ci(path, ".warc") || cx_has_suffix_ci(path, ".warc.gz") ||
            cx_has_suffix_ci(path, ".warc.zst"))
            return cx_read_warc_file(c, path, err);
    }
    char *data;
    size_t len;
    int rc = cx_read_file(path, CHORUS_MAX_INPUT_BYTES, &data, &len, err);
    if (rc) return rc;
    rc = chorus_read_buffer(c, strcmp(path, "-") == 0 ? "stdin" : path, data, len, err);
    free(data);
    return rc;
}
