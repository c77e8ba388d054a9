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
    char *notice;    /* how the page was brought within the limits (cut, attributes
                        dropped), for the caller to report; NULL when whole */
    int cut;         /* 1: the notice is a cut (the page's text past it is left out);
                        0: only markup was dropped, all the text is kept */
} cx_html_doc;

/* Extract from UTF-8 HTML. url (may be NULL) is where the page came from,
 * used when the page names no URL of its own. The page is first brought within
 * the limits (chorus_limits: attributes, nesting, tokens; see out->notice).
 * Fails with CHORUS_ENOMEM on allocation failure (also inside the parser) and
 * CHORUS_ETOOBIG when parsing would pass the html-memory limit. */
int cx_html_extract(const char *html, size_t len, const char *url, cx_html_doc *out,
                    chorus_error *err);
void cx_html_doc_free(cx_html_doc *d);

#endif
