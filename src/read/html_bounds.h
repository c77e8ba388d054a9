/* A linear pre-pass over an HTML page that brings it within the limits the
 * parser is then safe with: attributes per element (the HTML5 parser checks
 * each new attribute against the element's others, so thousands of them cost
 * quadratic time), element nesting (the tree is built and freed recursively)
 * and tokens per page. Attributes over the limit are dropped; a page nested
 * too deep or with too many tokens is cut at that point, and the caller
 * reports the cut. Tags are read the way a browser's tokenizer does, with a
 * stack of open elements so that stray end tags (`</x>`) do not hide depth. */
#ifndef CHORUS_HTML_BOUNDS_H
#define CHORUS_HTML_BOUNDS_H

#include <stddef.h>

typedef enum { CX_HTML_WHOLE = 0, CX_HTML_CUT_NESTING, CX_HTML_CUT_TOKENS } cx_html_cut;

typedef struct {
    size_t max_attributes, max_nesting, max_tokens;
    cx_html_cut cut;       /* why the page was cut, if it was */
    size_t cut_at;         /* byte offset of the cut in the input */
    size_t dropped_attributes;
    size_t elements_with_dropped; /* elements that lost attributes */
    size_t first_dropped_at;      /* byte offset of the first such element */
} cx_html_bounds;

/* Check the page against the limits in *b (0 means no limit). When the page
 * needs no change *out is NULL; otherwise *out (NUL-terminated, *out_len
 * bytes) is the bounded copy. Returns 0, or CHORUS_ENOMEM. */
int cx_html_bound(const char *html, size_t len, cx_html_bounds *b, char **out, size_t *out_len);

#endif
