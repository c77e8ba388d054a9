/* The time of each article and the dates of each sentence of a story, read
 * once and shared by what orders things in time (the timeline, the kinds of
 * disagreement).
 *
 * An article is read against its publication day. One without it gets
 * written dates only, with the year the story's dated sentences give; its
 * weekdays are read against an estimated day: no earlier than the latest
 * day the story states (a report is written after what it reports), and
 * within the week after it, the day that puts the article's weekdays
 * closest together. "Yesterday" and "last week" are never read against an
 * estimate (dates.h). */
#ifndef CHORUS_STORY_DATES_H
#define CHORUS_STORY_DATES_H

#include <stddef.h>
#include <stdint.h>

#include "dates.h"
#include "story.h"

/* A report is written within a week of the latest day it mentions. */
#define CX_ESTIMATE_WINDOW 6

/* One sentence's date mentions as written (resolve them against an anchor). */
typedef struct cx_sent_dates {
    cx_date_mention *m;
    int n;
} cx_sent_dates;

typedef struct cx_story_dates {
    cx_sent_dates **sd;      /* [doc][sentence] */
    size_t *n_sents;         /* [doc] */
    cx_date_anchor *anchor;  /* [doc]: publication day; or an estimate (estimated 1); or CX_NO_DAY */
    size_t n_docs;
    int year;                /* the story's year (0: unknown) */
    int32_t latest;          /* the latest day the story states or was published, or CX_NO_DAY */
} cx_story_dates;

/* Read every sentence's dates and each article's anchor. 0 or CHORUS_ENOMEM. */
int cx_story_dates_build(const cx_story *s, cx_story_dates *out);
void cx_story_dates_free(cx_story_dates *d);

/* The day sentence `sent` of article `doc` speaks of, its first mention
 * resolved to a single day against the article's anchor, or CX_NO_DAY;
 * *kind is set to how it is given when not NULL. */
int32_t cx_story_sentence_day(const cx_story_dates *d, int doc, int sent, cx_date_kind *kind);

#endif
