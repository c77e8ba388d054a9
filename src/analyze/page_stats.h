/* What recurs across the pages of a crawl: the lines a site prints on every
 * page (menus, cookie notices, comment forms) and the words those lines are
 * made of. Cleaning many unrelated pages together (chorus clean --pages)
 * uses it as evidence of boilerplate that no single page shows. */
#ifndef CHORUS_PAGE_STATS_H
#define CHORUS_PAGE_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "chorus.h"
#include "language.h"
#include "u64map.h"

/* A paragraph on this many pages is template (scraped-dev: no kept `with`
 * line recurs on 3 of the 961 pages; 43 kept `without` lines do; on 2,
 * 9 `with` lines and 16 `without`). */
#define CX_TEMPLATE_LINE_PAGES 3

typedef struct cx_page_stats {
    size_t n_pages;
    cx_u64map lines;       /* hash of a case-folded paragraph -> index */
    uint32_t *line_pages;  /* pages holding each */
    cx_u64map words;       /* hash of a case-folded word -> index */
    uint32_t *word_pages;  /* pages using each word */
    uint32_t *word_templ;  /* pages using it in a line that recurs on other pages */
} cx_page_stats;

/* Count over every article of c (each a page). Returns 0 or CHORUS_ENOMEM. */
int cx_page_stats_build(cx_page_stats *st, const chorus_corpus *c);
void cx_page_stats_free(cx_page_stats *st);

/* Pages (this one included) holding the paragraph s. */
size_t cx_page_stats_line_pages(const cx_page_stats *st, const char *s, size_t n);

/* How much of s is template wording: the mean over its words of the share
 * of pages using the word that use it inside recurring lines (smoothed, so a
 * word seen on few pages counts little). Function words of lang (when it
 * has a list) are left out: every line shares them with the templates.
 * 0 for a line without other words. */
double cx_page_stats_template_share(const cx_page_stats *st, const cx_lang *lang, const char *s, size_t n);

#endif
