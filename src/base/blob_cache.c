/* Derived results kept between runs, one file per result.
 *
 * The answer cache (answer_cache.c) reads its whole file on the first
 * question, which suits a few kilobytes of locale answers that nearly every
 * run asks for. Results that a run needs only a few of, out of many kept
 * (the sentences and stems of one seen report among all a reader has read),
 * get a file each in a directory per kind under the cache directory: a run
 * reads only the files it asks for.
 *
 * A file is a magic, the payload's checksum (xxh64 over the name and the
 * payload) and the payload: a torn, truncated or foreign file does not check
 * and reads as absent, and the next put replaces it. Writers write a
 * temporary file and rename it over the name, so a reader sees a whole file
 * or none even with runs writing at once. A kind's directory is bounded:
 * past MAX_FILES files the oldest written go. */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "answer_cache.h"
#include "blob_cache.h"
#include "util.h"

#define MAGIC "chorusB1"
#define HEADER_BYTES 16 /* magic (8), checksum (8) */
#define MAX_BYTES (16u << 20)
#define MAX_FILES 4096 /* per kind; trimmed to 3/4 when passed */

static uint64_t checksum(const char *name, const void *data, size_t len)
{
    return XXH64(data, len, XXH64(name, strlen(name), 0x626c6f62ull));
}

static int name_ok(const char *s)
{
    if (!*s || strlen(s) > 128) return 0;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') || *s == '.' || *s == '-')) return 0;
    return 1;
}

/* dir/kind[/name]; NULL when no cache is in use. */
static char *path_of(const char *kind, const char *name)
{
    char *dir = cx_cache_dir();
    if (!dir) return NULL;
    cx_buf b;
    cx_buf_init(&b);
    int rc = cx_buf_printf(&b, "%s/%s%s%s", dir, kind, name ? "/" : "", name ? name : "");
    free(dir);
    if (rc) {
        cx_buf_free(&b);
        return NULL;
    }
    return cx_buf_take(&b);
}

int cx_blob_cache_on(void)
{
    char *dir = cx_cache_dir();
    free(dir);
    return dir != NULL;
}

char *cx_blob_get(const char *kind, const char *name, size_t *len)
{
    if (!name_ok(kind) || !name_ok(name)) return NULL;
    char *path = path_of(kind, name), *data = NULL;
    size_t n = 0;
    int rc = !path || cx_read_file(path, MAX_BYTES, &data, &n, NULL);
    free(path);
    if (rc) return NULL;
    uint64_t sum = 0;
    if (n >= HEADER_BYTES)
        for (int i = 7; i >= 0; i--) sum = sum << 8 | (unsigned char)data[8 + i];
    if (n < HEADER_BYTES || memcmp(data, MAGIC, 8) || checksum(name, data + HEADER_BYTES, n - HEADER_BYTES) != sum) {
        free(data);
        return NULL;
    }
    memmove(data, data + HEADER_BYTES, n - HEADER_BYTES);
    *len = n - HEADER_BYTES;
    return data;
}

/* mkdir -p: the cache directory's parents ("~/.cache") may not exist yet. */
typedef struct {
    struct timespec when;
    char *name;
} entry;

static int older(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->when.tv_sec != y->when.tv_sec) return x->when.tv_sec < y->when.tv_sec ? -1 : 1;
    if (x->when.tv_nsec != y->when.tv_nsec) return x->when.tv_nsec < y->when.tv_nsec ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Past MAX_FILES files, remove the oldest written down to 3/4 of it. */
static void trim(const char *dirpath)
{
    DIR *d = opendir(dirpath);
    if (!d) return;
    int fd = dirfd(d);
    entry *v = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        struct stat st;
        if (e->d_name[0] == '.' || fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISREG(st.st_mode)) continue;
        entry x = {st.st_mtim, cx_strdup(e->d_name)};
        if (!x.name || CX_PUSH(v, n, cap, x)) {
            free(x.name);
            break;
        }
    }
    if (n > MAX_FILES) {
        qsort(v, n, sizeof *v, older);
        for (size_t i = 0; i < n - MAX_FILES * 3 / 4; i++) unlinkat(fd, v[i].name, 0);
    }
    for (size_t i = 0; i < n; i++) free(v[i].name);
    free(v);
    closedir(d);
}

void cx_blob_put(const char *kind, const char *name, const void *data, size_t len)
{
    if (!name_ok(kind) || !name_ok(name) || len > MAX_BYTES - HEADER_BYTES) return;
    char *dirpath = path_of(kind, NULL), *path = path_of(kind, name);
    cx_buf tmp;
    cx_buf_init(&tmp);
    unsigned char head[HEADER_BYTES];
    memcpy(head, MAGIC, 8);
    uint64_t sum = checksum(name, data, len);
    for (int i = 0; i < 8; i++) head[8 + i] = (unsigned char)(sum >> (8 * i));
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (!dirpath || !path ||
        cx_buf_printf(&tmp, "%s/.%s.%ld.%ld", dirpath, name, (long)getpid(), (long)now.tv_nsec))
        goto done;
    cx_cache_make_dirs(dirpath);
    int fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) goto done;
    int ok = write(fd, head, sizeof head) == (ssize_t)sizeof head && write(fd, data, len) == (ssize_t)len;
    ok = !close(fd) && ok;
    if (!ok || rename(tmp.data, path)) {
        unlink(tmp.data);
        goto done;
    }
    /* a directory listing costs more than a put: look now and then only */
    if ((sum & 31) == 0) trim(dirpath);
done:
    cx_buf_free(&tmp);
    free(dirpath), free(path);
}
