/* Character encodings of web pages: find the page's charset and convert it
 * to UTF-8. Output is always valid UTF-8; bytes that do not decode become
 * U+FFFD, so a wrong guess shows as replacement marks, never as mojibake
 * that later stages would take for words. */
#ifndef CHORUS_CHARSET_H
#define CHORUS_CHARSET_H

#include <stddef.h>

#include "chorus.h"

/* Decode an HTML page. The charset is chosen in this order: a byte-order
 * mark, the caller's charset (from HTTP, may be NULL), the page's own
 * <meta charset> or http-equiv Content-Type, then statistical detection.
 * A page that is valid UTF-8 with non-ASCII text is read as UTF-8 even when
 * it claims a single-byte charset (a common server mistake). *used (may be
 * NULL) gets the name of the charset read. */
int cx_html_to_utf8(const char *data, size_t len, const char *http_charset, char **out,
                    size_t *out_len, char *used, size_t used_cap, chorus_error *err);

/* Convert bytes in the named charset to UTF-8, invalid input to U+FFFD.
 * Fails with CHORUS_EINVAL when ICU does not know the charset. */
int cx_convert_to_utf8(const char *charset, const char *data, size_t len, char **out,
                       size_t *out_len, chorus_error *err);

/* Copy UTF-8 text, replacing each invalid byte with U+FFFD. */
int cx_utf8_repair(const char *data, size_t len, char **out, size_t *out_len);

/* Find the charset declared by <meta> in the page's first bytes; writes a
 * lower-case label into buf and returns 1, or returns 0. */
int cx_html_meta_charset(const char *data, size_t len, char *buf, size_t cap);

#endif
