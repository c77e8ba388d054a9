/* Answers from the machine's locale data kept between runs (see
 * answer_cache.c): a short command reads a file instead of asking ICU again. */
#ifndef CHORUS_ANSWER_CACHE_H
#define CHORUS_ANSWER_CACHE_H

#include <stddef.h>

#include "util.h"

/* The answer stored under key: len bytes (not NUL-terminated), valid until
 * chorus_set_cache_dir is called again; NULL when there is none or no cache
 * is in use. */
const char *cx_answer_get(const char *key, size_t *len);
/* Keep an answer for later runs (written at once; failures are ignored: the
 * cache only saves time). */
void cx_answer_put(const char *key, const char *val, size_t len);

/* Answers are lists of fields: FIELD_SEP between them (no locale string
 * holds a control character; a field that does is not cached). */
#define CX_ANSWER_SEP '\x1f'
/* The next field of an answer: its start and length; *at moves past it.
 * Returns 0 when the answer has no field left. */
int cx_answer_field(const char *ans, size_t len, size_t *at, const char **field, size_t *flen);

/* The answers for what/code, a list of n_fields fields: from the cache, else
 * from ask(ctx, b) (which appends them to b) and then kept. fresh holds new
 * answers: free it with cx_buf_free after use. NULL: out of memory, or ask
 * gave another number of fields. */
const char *cx_answers(const char *what, const char *code, size_t n_fields, int (*ask)(void *ctx, cx_buf *b),
                       void *ctx, cx_buf *fresh, size_t *len);

/* The same for answers whose number of fields only ask knows: ask appends
 * the fields, and the kept answer starts with their count (checked when read
 * back). *first is where the fields after the count start. */
const char *cx_answers_counted(const char *what, const char *code, int (*ask)(void *ctx, cx_buf *b), void *ctx,
                               cx_buf *fresh, size_t *len, size_t *first);

/* A copy of the cache directory chorus_set_cache_dir set (free it), or NULL
 * when nothing is kept (or out of memory). Other caches keep their files
 * there too (blob_cache.h). */
char *cx_cache_dir(void);
/* mkdir -p for a cache's directory: its parents ("~/.cache") may not exist
 * yet. Failures are left to the write that follows. */
void cx_cache_make_dirs(const char *path);

#endif
