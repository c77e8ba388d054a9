/* Main-content extraction from HTML: the article body of a web page without
 * its navigation, related links, comments, banners, share bars and captions,
 * plus the page's metadata (title, date, outlet, author, canonical URL). */
#ifndef CHORUS_HTML_EXTRACT_H
#define CHORUS_HTML_EXTRACT_H

#include <stddef.h>

#include "chorus.h"

typedef struct cx_html_doc {
    char *title;
    char *author;
    char *published; /* as the page gives it (ISO 8601 in most pages) */
    char *site;      /* outlet: og:site_name, JSON-LD publisher, else the URL's host */
    char *url;       /* canonical URL, og:url, else the caller's */
    char *text;      /* body: paragraphs separated by blank lines; "" when none */
} cx_html_doc;

/* Extract from UTF-8 HTML. url (may be NULL) is where the page came from,
 * used when the page names no URL of its own. Fails on allocation, and with
 * CHORUS_ETOOBIG on pages nested absurdly deep (hostile input). */
int cx_html_extract(const char *html, size_t len, const char *url, cx_html_doc *out,
                    chorus_error *err);
void cx_html_doc_free(cx_html_doc *d);

#endif
