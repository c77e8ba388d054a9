/* Writing untrusted text into HTML. Article text is hostile input: every
 * string that came from an article goes through one of these, chosen by
 * where it lands (element text, attribute value, link target). */
#ifndef CHORUS_HTML_ESCAPE_H
#define CHORUS_HTML_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* Text or attribute value: & < > " ' become references; control characters
 * other than tab and newline (invalid in HTML) are left out. */
void cx_html_escape(FILE *out, const char *s, size_t len);
void cx_html_puts(FILE *out, const char *s); /* NUL-terminated; NULL prints nothing */

/* 1 when url may be a link target: an absolute http or https address
 * without spaces or control characters (never javascript:, data: ...). */
int cx_html_safe_url(const char *url);

/* A query-string component: unreserved bytes as they are, the rest %XX. */
void cx_url_encode(FILE *out, const char *s, size_t len);

#endif
