/* Where the article sits on a page saved one text block a line: menus,
 * sidebars and footers around it are runs of short lines, the article is
 * the stretch dense with sentences. */
#ifndef CHORUS_MAIN_TEXT_H
#define CHORUS_MAIN_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* What the finder needs to know of each line (paragraph). */
typedef struct {
    double words;  /* words; a CJK character counts as half a word */
    int terminal;  /* ends a sentence (. ! ? 。 ！ ？ ..., before closing quotes) */
    int noise;     /* already judged boilerplate on its own shape */
    int headline;  /* repeats the page's title: where an article's head starts */
    int continues; /* starts in lower case or with punctuation: the rest of a line split at a link */
    int open_end;  /* ends in a comma, an opening bracket or quote, or a function word: goes on */
    int signoff;   /* a closing credit ("(Gazette staff)"): where an article ends */
    double stops;  /* share of words that are stopwords of the article's language; -1: no list */
} cx_line_evidence;

/* Per line verdicts of cx_main_text. */
enum {
    CX_MAIN_IN = 0,
    CX_MAIN_OUTSIDE = 1,
    CX_MAIN_SHORT_RUN = 2,
    CX_MAIN_IN_SENTENCE = 3 /* in the text, a piece of a sentence split at a link ("Ratboys") */
};

/* A line long enough, or a whole sentence, to count as running text. */
int cx_line_is_prose(const cx_line_evidence *e);

/* The main block is the stretch of lines with the highest sum of scores,
 * running text scoring its words (capped) and every other line a penalty,
 * extended back to the last headline before it (title, standfirst, byline
 * and date precede the body). Inside it, runs of three or more lines none
 * of which is running text (a menu, a list of links) after the body has
 * started are marked CX_MAIN_SHORT_RUN; lines before or after it
 * CX_MAIN_OUTSIDE, unless they are long paragraphs of their own. A
 * sign-off ends the stretch when what follows it is a small part of it. */
void cx_main_text(const cx_line_evidence *ev, size_t n, uint8_t *verdict);

#endif
