/* The line model: gradient-boosted shallow trees over evidence of each line
 * of a scraped page (the rules' verdicts among it) and of its neighbours,
 * that make the final keep or drop decision when pages of a crawl are
 * cleaned together, smoothed along the page. The trees are fitted by
 * bench/clean_fit_trees.py on scraped-dev and exported to clean_line_trees.h;
 * see there for how. */
#ifndef CHORUS_CLEAN_LINE_MODEL_H
#define CHORUS_CLEAN_LINE_MODEL_H

#include <stddef.h>

/* The evidence, one slot each; the order is that of the columns of --features. */
enum {
    CX_LF_KEPT,        /* the rules keep the line */
    CX_LF_WORDS,       /* log(1 + words) */
    CX_LF_TERMINAL,    /* ends a sentence */
    CX_LF_STOPS,       /* share of stopwords of the page's language (0 without a list) */
    CX_LF_NO_STOPLIST, /* the language has no stopword list */
    CX_LF_OUTSIDE,     /* outside the main stretch */
    CX_LF_SHORT_RUN,   /* in a run of short lines inside it */
    CX_LF_SHAPE,       /* judged on its own shape: caption, call to action, pointer, credit */
    CX_LF_TEMPLATE,    /* recurs on other pages, or made of their template wording */
    CX_LF_TEMPL_SHARE, /* share of template wording (0..1) */
    CX_LF_COMMENTS,    /* in a comment thread */
    CX_LF_DISTANCE,    /* log(1 + lines to the nearest line the rules keep) */
    CX_LF_PREV_KEPT,   /* the line before is kept by the rules */
    CX_LF_NEXT_KEPT,   /* the line after is */
    CX_LF_COLON,       /* ends in a colon */
    CX_LF_GLUED,       /* continues the line before or runs on into the next (a link split it) */
    CX_LF_POSITION,    /* where on the page, 0 at the top, 1 at the bottom */
    CX_LF_HEADING,     /* heading shape (short, no end) right before kept text */
    CX_LF_NB_WORDS,    /* log(1 + mean words of the two neighbours) */
    CX_LF_TAIL,        /* dropped as a lone paragraph after the article or off-topic edge */
    /* The line's block: lines between two runs of lines that are not running
     * text (a page holds the article and other blocks: a second part of the
     * article below a gallery, comments, teasers, a footer). */
    CX_LF_BLOCK_WORDS, /* log(1 + words of running text in it, each line capped) */
    CX_LF_BLOCK_SHARE, /* those words over those of the page's largest block */
    CX_LF_BLOCK_KEPT,  /* share of its lines the rules keep */
    CX_LF_PROSE,       /* the line is running text (main_text.h) */
    /* What the line speaks of (clean_line_vocab.h). */
    CX_LF_VOCAB,       /* share of its words found in other lines the rules keep */
    CX_LF_TITLE_VOCAB, /* share of its words found in the headline */
    /* Its characters (clean_line_shape.h, in that order). */
    CX_LF_CAPS,        /* share of words opening with a capital */
    CX_LF_DIGITS,      /* share of characters that are digits */
    CX_LF_PUNCT,       /* share of characters that are neither letters nor digits */
    CX_LF_COMMAS,      /* commas per word */
    CX_LF_MARKER,      /* opens like a list item (bullet, dash, "1.") */
    CX_LF_ELLIPSIS,    /* ends like a teaser ("…", "»") */
    CX_LF_WORD_LEN,    /* mean characters per word */
    CX_LINE_FEATURES
};

/* The model reads, for each line it judges, the line's evidence, that of
 * the judged lines just before and after it (this many pieces each, -1 when
 * there is none) and the log of the number of judged lines on the page. */
#define CX_LINE_NEIGHBOUR_EVIDENCE 10
#define CX_LINE_INPUTS (CX_LINE_FEATURES + 2 * CX_LINE_NEIGHBOUR_EVIDENCE + 1)

/* The inputs x[CX_LINE_INPUTS] of the k-th of the m judged lines of a page,
 * f[i] the evidence of the i-th. */
void cx_line_model_input(const float *const *f, size_t m, size_t k, double *x);

/* The model's scores (log odds of belonging to the article) of the m judged
 * lines of a page, in page order; starts[k] is 1 when a line the model does
 * not judge lies between the k-1-th and the k-th (a new block of judged
 * lines begins). Returns 0 or CHORUS_ENOMEM. */
int cx_line_model_scores(const float *const *f, const unsigned char *starts, size_t m, double *score);

/* A line's margin is its score minus this; the verdicts along a page
 * maximise the kept lines' margins minus the switch cost per change between
 * kept and dropped lines (a two-state Viterbi in clean.c). */
double cx_line_model_threshold(void);
double cx_line_model_switch_cost(void);

#endif
