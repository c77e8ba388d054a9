#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void *cx_malloc(size_t n) { return malloc(n ? n : 1); }
void *cx_calloc(size_t n, size_t size) { return calloc(n ? n : 1, size ? size : 1); }
void *cx_realloc(void *p, size_t n) { return realloc(p, n ? n : 1); }

char *cx_strndup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *cx_strdup(const char *s) { return s ? cx_strndup(s, strlen(s)) : NULL; }

int cx_grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return 0;
    size_t nc = *cap ? *cap : 8;
    while (nc < need) {
        if (nc > SIZE_MAX / 2 / elem) return CHORUS_ENOMEM;
        nc *= 2;
    }
    void *p = realloc(*arr, nc * elem);
    if (!p) return CHORUS_ENOMEM;
    *arr = p;
    *cap = nc;
    return 0;
}

void cx_buf_init(cx_buf *b) { b->data = NULL, b->len = b->cap = 0; }
void cx_buf_free(cx_buf *b)
{
    free(b->data);
    cx_buf_init(b);
}

int cx_buf_append(cx_buf *b, const char *s, size_t n)
{
    if (cx_grow((void **)&b->data, &b->cap, b->len + n + 1, 1)) return CHORUS_ENOMEM;
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int cx_buf_puts(cx_buf *b, const char *s) { return cx_buf_append(b, s, strlen(s)); }
int cx_buf_putc(cx_buf *b, char c) { return cx_buf_append(b, &c, 1); }

int cx_buf_printf(cx_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return CHORUS_EINVAL;
    if (cx_grow((void **)&b->data, &b->cap, b->len + (size_t)n + 1, 1)) return CHORUS_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

char *cx_buf_take(cx_buf *b)
{
    char *d = b->data ? b->data : cx_strdup("");
    cx_buf_init(b);
    return d;
}

int cx_fail(chorus_error *err, int code, const char *fmt, ...)
{
    if (err) {
        err->code = code;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

/* A regular file in one read of its size (and one byte more, which a file
 * that has not grown leaves unread): open, fstat, read, close. A digest
 * reads each input and each kept result this way. Returns 1 when the file
 * is not regular (read it as a stream), 0 or an error otherwise. */
static int read_regular(const char *path, size_t max, char **out, size_t *len, chorus_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 1; /* the stream reader says why */
    struct stat st;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode) || (uint64_t)st.st_size >= SIZE_MAX / 2) {
        close(fd);
        return 1;
    }
    size_t want = (size_t)st.st_size + 1, got = 0;
    char *buf = malloc(want + 1);
    if (!buf) {
        close(fd);
        return cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", path);
    }
    for (;;) {
        if (got > max) {
            free(buf), close(fd);
            return cx_fail(err, CHORUS_ETOOBIG, "%s: larger than %zu bytes (limit input-bytes)", path, max);
        }
        if (got == want) { /* grew while being read: room for more */
            char *b = want < SIZE_MAX / 4 ? realloc(buf, 2 * want + 1) : NULL;
            if (!b) {
                free(buf), close(fd);
                return cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", path);
            }
            buf = b, want *= 2;
        }
        ssize_t n = read(fd, buf + got, want - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int e = errno;
            free(buf), close(fd);
            return cx_fail(err, CHORUS_EIO, "%s: read error: %s", path, strerror(e));
        }
        got += (size_t)n;
        /* a short read of a regular file is its end */
        if (n == 0 || got < want) break;
    }
    close(fd);
    if (got > max) {
        free(buf);
        return cx_fail(err, CHORUS_ETOOBIG, "%s: larger than %zu bytes (limit input-bytes)", path, max);
    }
    buf[got] = '\0';
    *out = buf;
    *len = got;
    return 0;
}

int cx_read_file(const char *path, size_t max, char **out, size_t *len, chorus_error *err)
{
    *out = NULL;
    *len = 0;
    if (strcmp(path, "-") != 0) {
        int rc = read_regular(path, max, out, len, err);
        if (rc != 1) return rc;
    }
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) return cx_fail(err, CHORUS_EIO, "%s: cannot open: %s", path, strerror(errno));
    cx_buf b;
    cx_buf_init(&b);
    char chunk[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > max) {
            rc = cx_fail(err, CHORUS_ETOOBIG, "%s: larger than %zu bytes (limit input-bytes)", path, max);
            break;
        }
        if (cx_buf_append(&b, chunk, n)) {
            rc = cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", path);
            break;
        }
    }
    if (!rc && ferror(f)) rc = cx_fail(err, CHORUS_EIO, "%s: read error: %s", path, strerror(errno));
    if (f != stdin) fclose(f);
    if (rc) {
        cx_buf_free(&b);
        return rc;
    }
    *len = b.len;
    *out = cx_buf_take(&b);
    return 0;
}

size_t cx_least_count(size_t n, double frac)
{
    size_t t = 0;
    while (t < n && (double)t / (double)n < frac) t++;
    return t;
}


int cx_strcaseeq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (cx_ascii_lower((unsigned char)*a) != cx_ascii_lower((unsigned char)*b)) return 0;
    return *a == *b;
}

int cx_has_suffix_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && cx_strcaseeq(s + n - m, suffix);
}

const char *cx_basename(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

size_t cx_utf8_seq_len(const unsigned char *s, size_t avail)
{
    if (!avail) return 0;
    unsigned c = s[0];
    if (c < 0x80) return 1;
    size_t n;
    unsigned min;
    if ((c & 0xE0) == 0xC0) n = 2, min = 0x80, c &= 0x1F;
    else if ((c & 0xF0) == 0xE0) n = 3, min = 0x800, c &= 0x0F;
    else if ((c & 0xF8) == 0xF0) n = 4, min = 0x10000, c &= 0x07;
    else return 0;
    if (avail < n) return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    return n;
}

int cx_utf8_valid(const char *s, size_t n, size_t *bad_offset)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint64_t w;
        /* most text is ASCII: eight bytes at a time while no high bit is set */
        if (n - i >= 8 && (memcpy(&w, u + i, 8), !(w & 0x8080808080808080ull))) {
            i += 8;
            continue;
        }
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = cx_utf8_seq_len(u + i, n - i);
        if (!k) {
            if (bad_offset) *bad_offset = i;
            return 0;
        }
        i += k;
    }
    return 1;
}

int chorus_read_file(const char *path, size_t max, char **data, size_t *len, chorus_error *err)
{
    return cx_read_file(path, max, data, len, err);
}
