/* Larger derived results kept between runs, one file each (blob_cache.c). */
#ifndef CHORUS_BLOB_CACHE_H
#define CHORUS_BLOB_CACHE_H

#include <stddef.h>

/* The bytes kept under kind/name (malloc'ed: free them), or NULL when there
 * are none, they do not check, or no cache directory is set. kind names a
 * format ("seen.v1"), name is a key of [0-9a-z] the caller derives from
 * everything the result depends on. */
/* 1 when a cache directory is set (results put are kept). */
int cx_blob_cache_on(void);
char *cx_blob_get(const char *kind, const char *name, size_t *len);
/* Keep bytes under kind/name for later runs. Failures are ignored: the
 * cache only saves time. */
void cx_blob_put(const char *kind, const char *name, const void *data, size_t len);

#endif
