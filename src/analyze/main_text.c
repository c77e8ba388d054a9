/* Finding the article on a page saved one text block a line.
 *
 * A page is a few stretches of running text in a sea of short lines (menu
 * items, buttons, links to other pages, dates). As in body text extraction
 * by maximum subsequence (Finn et al. 2001, on tags and words), the article
 * is the stretch whose lines score the most: running text earns its words,
 * capped so one long block (a comment, a legal notice) cannot carry a whole
 * page; every other line costs a fixed penalty. Short lines between
 * paragraphs (a subheading, a dateline, a one-line quote) cost less than
 * the paragraphs around them earn, so they stay inside. The head of an
 * article (headline, standfirst, byline, date) is short lines too: the
 * stretch is extended back to the last line that repeats the page's title. */
#include "main_text.h"

#define PROSE_WORDS 12       /* a line this long is running text */
#define SENTENCE_WORDS 6     /* or a whole sentence this long */
#define WORD_CAP 40.0        /* what one line can earn */
#define SHORT_PENALTY 3.0    /* what a line that is not running text costs */
#define RUN_LINES 3          /* short lines in a row that make a menu or list */
#define OUTSIDE_KEEP_WORDS 30 /* a paragraph this long stays even outside */

int cx_line_is_prose(const cx_line_evidence *e)
{
    return !e->noise && (e->words >= PROSE_WORDS || (e->terminal && e->words >= SENTENCE_WORDS));
}

void cx_main_text(const cx_line_evidence *ev, size_t n, uint8_t *verdict)
{
    if (!n) return;
    /* Maximum-sum stretch (Kadane). */
    double best = -1e300, cur = 0;
    size_t start = 0, a = 0, b = 0;
    for (size_t i = 0; i < n; i++) {
        double s = cx_line_is_prose(&ev[i]) ? (ev[i].words < WORD_CAP ? ev[i].words : WORD_CAP) : -SHORT_PENALTY;
        if (cur <= 0) cur = 0, start = i;
        cur += s;
        if (cur > best) best = cur, a = start, b = i;
    }
    /* After a sign-off, the page goes on (an error notice, a teaser): cut
     * there unless the text after it is a good part of the article. */
    double after = 0;
    for (size_t i = b + 1; i-- > a;) {
        if (ev[i].signoff && after < best / 4) {
            b = i;
            break;
        }
        after += cx_line_is_prose(&ev[i]) ? (ev[i].words < WORD_CAP ? ev[i].words : WORD_CAP) : -SHORT_PENALTY;
    }
    size_t body = a; /* first line of running text */
    for (size_t i = a; i-- > 0;)
        if (ev[i].headline) {
            a = i;
            break;
        }
    /* A line is part of the running text around it when it continues a
     * sentence a link split: its line or the next starts in lower case or
     * with punctuation. */
    uint8_t *prose = verdict; /* reuse the output as scratch: 1 = running text */
    for (size_t i = 0; i < n; i++) prose[i] = (uint8_t)cx_line_is_prose(&ev[i]);
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t i = 0; i < n; i++) {
            if (prose[i] || ev[i].noise) continue;
            if ((i + 1 < n && prose[i + 1] && ev[i + 1].continues) ||
                (i > 0 && prose[i - 1] && !ev[i - 1].terminal && ev[i].continues))
                prose[i] = 1, changed = 1;
        }
    }
    /* Runs of lines that are not running text, inside the stretch after
     * the body has started. Computed before prose[] is overwritten. */
    for (size_t i = 0; i < n;) {
        if (prose[i]) {
            prose[i] = CX_MAIN_IN;
            i++;
            continue;
        }
        size_t j = i, undecided = 0;
        while (j < n && !prose[j]) undecided += !ev[j++].noise; /* lines judged noise already do not make a run */
        for (size_t k = i; k < j; k++) {
            if (k < a || k > b)
                prose[k] = ev[k].words >= OUTSIDE_KEEP_WORDS && !ev[k].noise ? CX_MAIN_IN : CX_MAIN_OUTSIDE;
            else if (k >= body && undecided >= RUN_LINES)
                prose[k] = CX_MAIN_SHORT_RUN;
            else
                prose[k] = CX_MAIN_IN;
        }
        i = j;
    }
    for (size_t i = 0; i < n; i++)
        if (verdict[i] == CX_MAIN_IN && (i < a || i > b) && !(ev[i].words >= OUTSIDE_KEEP_WORDS && !ev[i].noise))
            verdict[i] = CX_MAIN_OUTSIDE;
}
