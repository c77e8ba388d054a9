/* Figures and the places where outlets disagree on them.
 *
 * A figure is a number with what it counts: "around 5,000 US troops",
 * "Some 5,200 US soldiers", "76 countries", "more than four years ago", and
 * dates ("Jan. 6", "Monday"). Values are normalized (number words and scale
 * words to numbers), the counted noun is stemmed and mapped to a class by a
 * small general lexicon (troops/soldiers/forces are one class). A bare number
 * ("the number is around 5,000") counts what the sentence before asked about
 * ("how many forces were in Iraq").
 *
 * Two outlets disagree when they give different values for the same class of
 * thing in overlapping context: at least CX_FIG_MIN_SHARED shared content
 * words besides the counted noun, and no contradicting modifiers ("US" vs
 * "Iraqi" troops). Values within a few percent where one is hedged
 * ("around", "some") are still shown, marked approximate. */
#ifndef CHORUS_FIGURES_H
#define CHORUS_FIGURES_H

#include <stddef.h>

#include "story.h"

enum { CX_FIG_COUNT = 1, CX_FIG_DURATION = 2, CX_FIG_DATE = 3, CX_FIG_PERCENT = 4, CX_FIG_MONEY = 5 };

typedef struct cx_figure {
    int doc, sent;        /* where (sent indexes doc->sents) */
    int kind;             /* CX_FIG_* */
    double value;         /* count, or month*100+day / weekday for dates */
    int hedged;           /* "around", "some", "roughly", "about" */
    int bound;            /* -1 "less than", 0 exact, 1 "more than" */
    char *text;           /* as written: "around 5,000 US troops" */
    char *noun_class;     /* "troops", "countries", a stem, or "" */
    char *modifier;       /* lower-cased words between number and noun ("us"), or "" */
    int noun_from_context; /* the counted noun came from the sentence or the one before */
} cx_figure;

/* Number text at s (digits "5,000", "5.2", words "four", "twenty-five",
 * with "million"/"thousand"...): returns the bytes used and sets *value, or 0. */
size_t cx_parse_number(const char *s, size_t n, double *value);

/* Every figure of one sentence of the story. */
int cx_figures_of_sentence(const cx_story *s, int doc, int sent, cx_figure **out, size_t *n, size_t *cap);
void cx_figures_free(cx_figure *f, size_t n);

#define CX_FIG_MIN_SHARED 2

typedef struct cx_fig_value {
    double value;
    char *text;          /* one way it was written */
    int *outlets;        /* story outlet indices, sorted */
    size_t n_outlets;
    int *figs;           /* indices into the figure list */
    size_t n_figs;
} cx_fig_value;

typedef struct cx_disagreement {
    char *what;          /* "US troops (Iraq)" */
    cx_fig_value *values;
    size_t n_values;
    int approximate;     /* values within a few percent, one of them hedged */
} cx_disagreement;

/* Figures of a story and the disagreements among outlets. */
int cx_figures_collect(const cx_story *s, cx_figure **figs, size_t *n_figs, cx_disagreement **dis, size_t *n_dis);
void cx_disagreements_free(cx_disagreement *d, size_t n);

#endif
