/* Answers from the locale data kept between runs.
 *
 * A digest of one article spends more time building its language tables
 * from ICU (parsing the spell-out rules for number words, country names for
 * places, calendar and relative-day names) than reading the article. Those
 * answers depend only on the ICU data the program carries, so callers keep
 * them here under keys that name the ICU version: the first run asks ICU and
 * appends its answers to one file in the cache directory, later runs read
 * them back. Every record carries its own checksum, checked when the record
 * is first used (a run uses a few of the file's answers): one that does not
 * check (a torn write, another program's file) is not used and the file is
 * dropped, so its answers are asked anew. Lengths that do not fit end the
 * reading. With no directory set (the library's default: the command-line
 * tool sets one) nothing is kept. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "answer_cache.h"
#include "chorus.h"
#include "util.h"

#define CACHE_FILE "answers.v1"
#define CACHE_MAX_BYTES (8u << 20) /* larger: started again */
#define HEADER_BYTES 16            /* key length, answer length (4 bytes each), checksum (8) */

typedef struct {
    const char *key, *val; /* in the file's bytes, or owned (owned) */
    size_t key_len, len;
    int owned;
    int checked;  /* 1: the checksum holds (or the answer is this run's); -1: it does not */
    uint64_t sum; /* the file's checksum of the record */
} answer;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *dir;
static int loaded;
static char *file_bytes; /* the file as read: answers point into it */
static size_t file_map; /* bytes mapped for it (0: none read) */

/* The file read whole into memory mapped and populated in one call: the
 * file holds the answers of every language met (often 100 KB and more),
 * and touching a fresh heap page by page cost a short command more than
 * reading it. NULL when it cannot be read. */
static char *read_whole(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat st;
    char *data = NULL;
    if (!fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size > 0 && (uint64_t)st.st_size <= CACHE_MAX_BYTES) {
        size_t n = (size_t)st.st_size, got = 0;
        void *m = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (m != MAP_FAILED) {
            data = m;
            while (got < n) {
                ssize_t r = read(fd, data + got, n - got);
                if (r < 0 && errno == EINTR) continue;
                if (r <= 0) break;
                got += (size_t)r;
            }
            file_map = n;
            *len = got; /* a file cut since fstat reads as far as it goes */
        }
    }
    close(fd);
    return data;
}
static answer *answers;
static size_t n_answers, cap_answers;

static uint32_t get32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t checksum(const char *key, size_t kl, const char *val, size_t vl)
{
    return XXH64(val, vl, XXH64(key, kl, 0x63686f727573ull));
}

static void forget_all(void)
{
    for (size_t i = 0; i < n_answers; i++)
        if (answers[i].owned) free((char *)answers[i].key), free((char *)answers[i].val);
    free(answers);
    if (file_bytes) munmap(file_bytes, file_map);
    file_map = 0;
    answers = NULL;
    file_bytes = NULL;
    n_answers = cap_answers = 0;
}

/* Keep an answer: pointing into the file's bytes (owned 0), or a copy. */
static int keep(const char *key, size_t kl, const char *val, size_t vl, int owned, uint64_t sum)
{
    answer a = {key, val, kl, vl, owned, owned, sum};
    if (owned) {
        a.key = cx_strndup(key, kl), a.val = cx_strndup(val, vl);
        if (!a.key || !a.val) {
            free((char *)a.key), free((char *)a.val);
            return -1;
        }
    }
    if (CX_PUSH(answers, n_answers, cap_answers, a)) {
        if (owned) free((char *)a.key), free((char *)a.val);
        return -1;
    }
    return 0;
}

static char *file_path(void)
{
    size_t n = strlen(dir) + sizeof CACHE_FILE + 2;
    char *p = malloc(n);
    if (p) {
        strcpy(p, dir);
        strcat(p, "/" CACHE_FILE);
    }
    return p;
}

static void load(void)
{
    loaded = 1;
    char *path = file_path();
    size_t len = 0;
    char *data = path ? read_whole(path, &len) : NULL;
    free(path);
    if (!data) return;
    const unsigned char *p = (const unsigned char *)data;
    size_t at = 0;
    while (len - at >= HEADER_BYTES) {
        size_t kl = get32(p + at), vl = get32(p + at + 4);
        uint64_t sum = 0;
        for (int i = 7; i >= 0; i--) sum = sum << 8 | p[at + 8 + i];
        if (kl == 0 || kl > len - at - HEADER_BYTES || vl > len - at - HEADER_BYTES - kl) break;
        const char *key = data + at + HEADER_BYTES, *val = key + kl;
        if (keep(key, kl, val, vl, 0, sum)) break;
        at += HEADER_BYTES + kl + vl;
    }
    file_bytes = data;
    /* a record that does not check would hide every one after it: start again */
    if (at < len && (path = file_path())) {
        unlink(path);
        free(path);
    }
}

int chorus_set_cache_dir(const char *path)
{
    pthread_mutex_lock(&lock);
    free(dir);
    dir = NULL;
    forget_all();
    loaded = 0;
    int rc = 0;
    if (path && *path && !(dir = cx_strdup(path))) rc = CHORUS_ENOMEM;
    pthread_mutex_unlock(&lock);
    return rc;
}

char *cx_cache_dir(void)
{
    pthread_mutex_lock(&lock);
    char *d = dir ? cx_strdup(dir) : NULL;
    pthread_mutex_unlock(&lock);
    return d;
}

const char *cx_answer_get(const char *key, size_t *len)
{
    const char *found = NULL;
    pthread_mutex_lock(&lock);
    if (dir) {
        if (!loaded) load();
        /* the latest answer under a key wins: a program whose answer has
         * another shape (a newer chorus) appends its own, read from then on */
        size_t kl = strlen(key);
        for (size_t i = n_answers; i-- > 0 && !found;) {
            answer *a = &answers[i];
            if (a->key_len != kl || memcmp(a->key, key, kl)) continue;
            if (!a->checked) {
                a->checked = checksum(a->key, a->key_len, a->val, a->len) == a->sum ? 1 : -1;
                char *path;
                if (a->checked < 0 && (path = file_path())) { /* damaged: the file is written again */
                    unlink(path);
                    free(path);
                }
            }
            if (a->checked > 0) found = a->val, *len = a->len;
        }
    }
    pthread_mutex_unlock(&lock);
    return found;
}

void cx_cache_make_dirs(const char *path)
{
    char *p = cx_strdup(path);
    if (!p) return;
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0755);
            *s = '/';
        }
    mkdir(p, 0755);
    free(p);
}

void cx_answer_put(const char *key, const char *val, size_t len)
{
    size_t kl = strlen(key);
    if (!kl || kl > UINT32_MAX || len > CACHE_MAX_BYTES) return;
    pthread_mutex_lock(&lock);
    if (!dir || keep(key, kl, val, len, 1, 0)) {
        pthread_mutex_unlock(&lock);
        return;
    }
    size_t n = HEADER_BYTES + kl + len;
    unsigned char *rec = malloc(n);
    char *path = file_path();
    if (rec && path) {
        put32(rec, (uint32_t)kl);
        put32(rec + 4, (uint32_t)len);
        uint64_t sum = checksum(key, kl, val, len);
        for (int i = 0; i < 8; i++) rec[8 + i] = (unsigned char)(sum >> (8 * i));
        memcpy(rec + HEADER_BYTES, key, kl);
        memcpy(rec + HEADER_BYTES + kl, val, len);
        cx_cache_make_dirs(dir);
        /* one append per answer: runs writing at once interleave whole
         * records (a repeated key is harmless: the latest one is read) */
        int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (fd >= 0) {
            struct stat st;
            /* too large to read back: start again */
            if (!fstat(fd, &st) && (uint64_t)st.st_size + n > CACHE_MAX_BYTES && ftruncate(fd, 0)) {
                close(fd);
                fd = -1;
            }
            /* a short write leaves a record that does not check: the next
             * run's reading drops the file */
            if (fd >= 0 && write(fd, rec, n) < 0) { /* nothing to do: the answer is kept in memory */
            }
            if (fd >= 0) close(fd);
        }
    }
    free(rec);
    free(path);
    pthread_mutex_unlock(&lock);
}

int cx_answer_field(const char *ans, size_t len, size_t *at, const char **field, size_t *flen)
{
    if (*at > len) return 0;
    const char *s = ans + *at;
    const char *e = memchr(s, CX_ANSWER_SEP, len - *at);
    size_t n = e ? (size_t)(e - s) : len - *at;
    *field = s;
    *flen = n;
    *at += n + 1;
    return 1;
}

static size_t count_fields(const char *ans, size_t len)
{
    size_t n = 0, at = 0, fl;
    const char *f;
    while (cx_answer_field(ans, len, &at, &f, &fl)) n++;
    return n;
}

const char *cx_answers(const char *what, const char *code, size_t n_fields, int (*ask)(void *ctx, cx_buf *b),
                       void *ctx, cx_buf *fresh, size_t *len)
{
    char key[96];
    snprintf(key, sizeof key, "%s/%s", what, code);
    cx_buf_init(fresh);
    const char *ans = cx_answer_get(key, len);
    if (ans && count_fields(ans, *len) == n_fields) return ans;
    if (ask(ctx, fresh) || cx_buf_putc(fresh, '\0')) return NULL;
    *len = fresh->len - 1;
    /* a field holding the separator would shift the others: not kept */
    if (count_fields(fresh->data, *len) != n_fields) return NULL;
    cx_answer_put(key, fresh->data, *len);
    return fresh->data;
}

/* The count an answer starts with, its fields after it checked: where they
 * start, or 0 when the answer is not one. */
static size_t counted_start(const char *ans, size_t len)
{
    size_t n = 0, at = 0;
    while (at < len && at < 9 && ans[at] >= '0' && ans[at] <= '9') n = 10 * n + (size_t)(ans[at++] - '0');
    if (!at || (at < len && ans[at] != CX_ANSWER_SEP)) return 0;
    if (at == len) return n == 0 ? len + 1 : 0;
    return count_fields(ans + at + 1, len - at - 1) == n ? at + 1 : 0;
}

const char *cx_answers_counted(const char *what, const char *code, int (*ask)(void *ctx, cx_buf *b), void *ctx,
                               cx_buf *fresh, size_t *len, size_t *first)
{
    char key[96];
    snprintf(key, sizeof key, "%s/%s", what, code);
    cx_buf_init(fresh);
    const char *ans = cx_answer_get(key, len);
    if (ans && (*first = counted_start(ans, *len))) return ans;
    cx_buf fields;
    cx_buf_init(&fields);
    if (ask(ctx, &fields) || cx_buf_putc(&fields, '\0')) {
        cx_buf_free(&fields);
        return NULL;
    }
    size_t n = fields.len > 1 ? count_fields(fields.data, fields.len - 1) : 0;
    int rc = cx_buf_printf(fresh, "%zu", n);
    if (!rc && n) rc = cx_buf_putc(fresh, CX_ANSWER_SEP) || cx_buf_append(fresh, fields.data, fields.len - 1);
    cx_buf_free(&fields);
    if (rc || cx_buf_putc(fresh, '\0')) return NULL;
    *len = fresh->len - 1;
    if (!(*first = counted_start(fresh->data, *len))) return NULL;
    cx_answer_put(key, fresh->data, *len);
    return fresh->data;
}
