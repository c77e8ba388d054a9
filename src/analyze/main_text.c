/* Finding the article on a page saved one text block a line.
 *
 * A page is a few stretches of running text in a sea of short lines (menu
 * items, buttons, links to other pages, dates). As in body text extraction
 * by maximum subsequence (Finn et al. 2001, on tags and words), the article
 * is the stretch whose lines score the most: running text earns its words,
 * capped so one long block (a comment, a legal notice) cannot carry a whole
 * page; every other line costs a penalty that grows along a run of such
 * lines, and more for a line already judged page furniture. Short lines between
 * paragraphs (a subheading, a dateline, a one-line quote) cost less than
 * the paragraphs around them earn, so they stay inside. The head of an
 * article (headline, standfirst, byline, date) is short lines too: the
 * stretch is extended back to the last line that repeats the page's title. */
#include "main_text.h"

#define MIN_STOPS 0.10       /* share of stopwords below which a line is not prose */
#define PROSE_WORDS 12       /* a line this long, dense in function words, without an end: a sentence cut by a link */
#define PROSE_STOPS 0.3
#define SENTENCE_WORDS 6     /* a whole sentence this long is running text */
#define UNENDED_WORDS 25     /* and so is a line this long without an end (headlines, teasers are shorter) */
#define WORD_CAP 40.0        /* what one line can earn */
#define SHORT_PENALTY 3.0     /* what a line that is not running text costs... */
#define SHORT_PENALTY_STEP 3.0 /* ...and each further one in a row costs this much more: a box of a few links inside an article is cheap to cross, a long menu between two blocks is not (scraped-dev F1 0.873 -> 0.878, both md5 halves up; a flat 10 scored 0.881 but cut articles at a box of four links) */
#define NOISE_PENALTY 10.0     /* a line already judged page furniture (template, call to action) is surer evidence of a boundary (0.878 -> 0.881, both halves up) */
#define SENTENCE_PENALTY 3.0  /* a short whole sentence costs less: a one-line quote or reply stays between paragraphs */
#define RUN_LINES 3          /* short lines in a row that make a menu or list */
#define TAIL_PARAS 2         /* paragraphs that carry the text on past a menu */
#define TAIL_WORDS 40.0      /* or words */
#define OUTSIDE_KEEP_WORDS 30 /* a paragraph this long stays even outside */

int cx_line_is_prose(const cx_line_evidence *e)
{
    /* Prose in a language is dense in its function words; headlines, teasers,
     * names and menus are not. */
    if (e->stops >= 0 && e->stops < MIN_STOPS) return 0;
    return !e->noise && (e->words >= UNENDED_WORDS || (e->terminal && e->words >= SENTENCE_WORDS) ||
                         (e->words >= PROSE_WORDS && e->stops >= PROSE_STOPS));
}

/* What a line adds to a stretch: running text its words (capped), a short
 * whole sentence a little less than nothing, any other line a penalty. */
static double line_score(const cx_line_evidence *e, int prose, size_t in_row)
{
    if (prose) return e->words < WORD_CAP ? e->words : WORD_CAP;
    if (e->terminal && !e->noise) return -SENTENCE_PENALTY;
    return -((e->noise ? NOISE_PENALTY : SHORT_PENALTY) + SHORT_PENALTY_STEP * (double)(in_row ? in_row - 1 : 0));
}

void cx_main_text(const cx_line_evidence *ev, size_t n, uint8_t *verdict)
{
    if (!n) return;
    /* A line is part of the running text around it when it belongs to a
     * sentence a link split: it or the next line starts in lower case or
     * with punctuation, or it does not end and the next line is such a piece. */
    uint8_t *prose = verdict;
    for (size_t i = 0; i < n; i++) prose[i] = (uint8_t)cx_line_is_prose(&ev[i]);
    /* Chains of lines glued across link boundaries: a line that does not end
     * a sentence and either ends open (comma, bracket, a function word) or
     * is followed by a line starting in lower case or with punctuation. A
     * chain holding running text, or long enough to be a sentence, is
     * running text as a whole. */
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && !ev[j].noise && !ev[j + 1].noise && !ev[j].terminal &&
               (ev[j + 1].continues || ev[j].open_end))
            j++;
        if (j > i) {
            int has = 0;
            double words = 0;
            for (size_t k = i; k <= j; k++) has |= prose[k] == 1, words += ev[k].words;
            if (has || words >= UNENDED_WORDS || (ev[j].terminal && words >= SENTENCE_WORDS))
                for (size_t k = i; k <= j; k++)
                    if (!prose[k]) prose[k] = 2;
        }
        i = j + 1;
    }
    /* and the rest of a sentence after a chain or a paragraph */
    for (size_t i = 1; i < n; i++)
        if (!prose[i] && !ev[i].noise && prose[i - 1] && !ev[i - 1].terminal && ev[i].continues) prose[i] = 2;
    /* Maximum-sum stretch (Kadane). */
    double best = -1e300, cur = 0;
    size_t start = 0, a = 0, b = 0;
    size_t in_row = 0; /* lines since the last line of running text */
    for (size_t i = 0; i < n; i++) {
        in_row = prose[i] ? 0 : in_row + 1;
        double s = line_score(&ev[i], prose[i], in_row);
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
        after += line_score(&ev[i], prose[i], 1);
    }
    /* Past a menu or list (a run of short lines), the text goes on only
     * if more than one paragraph follows: a lone paragraph there is a
     * newsletter pitch, an author's bio, a copyright notice. */
    for (size_t i = a; i <= b;) {
        if (prose[i]) {
            i++;
            continue;
        }
        size_t j = i, undecided = 0;
        while (j <= b && !prose[j]) undecided += !ev[j++].noise;
        if (undecided >= RUN_LINES && j <= b) {
            size_t paras = 0, k = j;
            double words = 0;
            for (; k <= b; k++) {
                if (!prose[k]) {
                    size_t g = k, u = 0;
                    while (g <= b && !prose[g]) u += !ev[g++].noise;
                    if (u >= RUN_LINES) break;
                    k = g - 1;
                    continue;
                }
                paras++, words += ev[k].words;
            }
            if (paras < TAIL_PARAS && words < TAIL_WORDS) {
                b = i ? i - 1 : 0;
                break;
            }
        }
        i = j;
    }
    size_t body = a; /* first line of running text */
    /* the body may open with the headline itself (glued to the first
     * sentence): then the head starts there, not at an earlier copy */
    for (size_t i = a + 1; i-- > 0;)
        if (ev[i].headline) {
            a = i;
            break;
        }
    /* Runs of lines that are not running text, inside the stretch after
     * the body has started. Computed before prose[] is overwritten. */
    for (size_t i = 0; i < n;) {
        if (prose[i]) {
            prose[i] = prose[i] == 2 ? CX_MAIN_IN_SENTENCE : CX_MAIN_IN;
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
    /* The heading of a list goes with the list ("Related articles"). */
    for (size_t i = body; i + 1 < n && i <= b; i++)
        if (verdict[i] == CX_MAIN_IN && !cx_line_is_prose(&ev[i]) && !ev[i].terminal && !ev[i].headline &&
            (verdict[i + 1] == CX_MAIN_SHORT_RUN || i + 1 > b))
            verdict[i] = CX_MAIN_SHORT_RUN;
    for (size_t i = 0; i < n; i++)
        if ((verdict[i] == CX_MAIN_IN || verdict[i] == CX_MAIN_IN_SENTENCE) && (i < a || i > b) &&
            !(ev[i].words >= OUTSIDE_KEEP_WORDS && !ev[i].noise))
            verdict[i] = CX_MAIN_OUTSIDE;
}
