/* The sentences of a seen report kept between runs (seen_cache.c). */
#ifndef CHORUS_SEEN_CACHE_H
#define CHORUS_SEEN_CACHE_H

#include <stdint.h>

#include "story.h"

#define CX_SEEN_KEY_BYTES 33

/* The name a report's sentences are kept under: a hash of the program's
 * build, the language's code and word lists (fingerprint) and the report's
 * text. Returns 0, or -1 when nothing can be kept (no cache directory, or a
 * build without an id). */
int cx_seen_cache_key(const cx_lang *lang, uint64_t fingerprint, const char *text, size_t len,
                      char name[CX_SEEN_KEY_BYTES]);
/* The kept sentences under name, tokenized into s's vocabulary (stems, stop
 * flags, content sets; text NULL): 1 with *out (malloc'ed, *n of them), 0
 * when none are kept or they do not read, or CHORUS_ENOMEM. */
int cx_seen_cache_get(cx_story *s, const char *name, cx_sent **out, size_t *n);
/* Keep sentences (tokenized into s's vocabulary) under name. */
void cx_seen_cache_put(const cx_story *s, const char *name, const cx_sent *sents, size_t n);

/* The same for a whole seen set of n_docs reports (texts, in order): one
 * file under one name. get gives every report's sentences, in report order,
 * each with its report's index as doc; put takes them so. */
int cx_seen_set_cache_key(const cx_lang *lang, uint64_t fingerprint, const char *const *texts, size_t n_docs,
                          char name[CX_SEEN_KEY_BYTES]);
int cx_seen_set_cache_get(cx_story *s, const char *name, size_t n_docs, cx_sent **out, size_t *n);
void cx_seen_set_cache_put(const cx_story *s, const char *name, const cx_sent *sents, size_t n, size_t n_docs);

#endif
