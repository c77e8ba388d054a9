/* Small shared helpers: checked allocation, growable byte buffers, arrays. */
#ifndef CHORUS_UTIL_H
#define CHORUS_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "chorus.h"

/* Allocation failures are rare enough that the library treats them as fatal
 * inside helpers only where no caller could recover; these return NULL. */
void *cx_malloc(size_t n);
void *cx_calloc(size_t n, size_t size);
void *cx_realloc(void *p, size_t n);
char *cx_strdup(const char *s);
char *cx_strndup(const char *s, size_t n);

/* Grow *arr (of element size elem) so it can hold at least need elements. */
int cx_grow(void **arr, size_t *cap, size_t need, size_t elem);
#define CX_PUSH(arr, n, cap, val)                                                   \
    (cx_grow((void **)&(arr), &(cap), (n) + 1, sizeof(*(arr))) == 0                  \
         ? ((arr)[(n)++] = (val), 0)                                                \
         : CHORUS_ENOMEM)

typedef struct cx_buf {
    char *data;
    size_t len, cap;
} cx_buf;

void cx_buf_init(cx_buf *b);
void cx_buf_free(cx_buf *b);
int cx_buf_append(cx_buf *b, const char *s, size_t n);
int cx_buf_puts(cx_buf *b, const char *s);
int cx_buf_putc(cx_buf *b, char c);
int cx_buf_printf(cx_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Detach the NUL-terminated contents; the buffer is left empty. */
char *cx_buf_take(cx_buf *b);

/* Set err (may be NULL) and return code. */
int cx_fail(chorus_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Read a whole file; *len gets its size. Fails with CHORUS_ETOOBIG past max. */
int cx_read_file(const char *path, size_t max, char **out, size_t *len, chorus_error *err);

/* ASCII helpers that ignore the locale (the first inline: it runs on
 * nearly every byte of the text). */
static inline int cx_ascii_lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
int cx_strcaseeq(const char *a, const char *b);
int cx_has_suffix_ci(const char *s, const char *suffix);
const char *cx_basename(const char *path);

/* Parse "2020-01-06", "2020-01-06T10:00:00Z", "+02:00" offsets, RFC 2822
 * dates and plain "YYYYMMDD". Returns INT64_MIN when unknown. */
int64_t cx_parse_time(const char *s);

/* The least count t of n items whose share t/n reaches frac, computed the
 * way the share tests compare it (a division, not a rounded product), so an
 * index bound and the test it stands for never disagree at the edge. */
size_t cx_least_count(size_t n, double frac);

/* Bytes of the UTF-8 sequence starting at s (1..4), or 0 if invalid. */
size_t cx_utf8_seq_len(const unsigned char *s, size_t avail);
/* 1 when all of s[0..n) is valid UTF-8. */
int cx_utf8_valid(const char *s, size_t n, size_t *bad_offset);

#endif
