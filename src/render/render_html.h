/* The HTML page of a digest, and the page frame chorus serve shares with it. */
#ifndef CHORUS_RENDER_HTML_H
#define CHORUS_RENDER_HTML_H

#include <stdio.h>

#include "render.h"

typedef struct cx_html_page {
    const char *nav_html; /* trusted markup for a navigation bar, or NULL */
    const char *note;     /* text shown under the title (escaped), or NULL */
} cx_html_page;

int cx_render_html_page(const chorus_digest *d, const cx_html_page *pg, FILE *out);

/* The document head (inline style, no external fetch) and body start; the
 * title is escaped, nav_html is written as it is. */
void cx_html_page_start(FILE *out, const char *title, const char *nav_html);
void cx_html_page_end(FILE *out);

#endif
