/* The story's timeline: dated events in order, each with the outlets that
 * state it and one sentence that tells it. */
#ifndef CHORUS_TIMELINE_H
#define CHORUS_TIMELINE_H

#include "dates.h"
#include "story_dates.h"
#include "story.h"
#include "provenance.h"

typedef struct cx_timeline_entry {
    int32_t day;          /* days since 1970-01-01 (dates.h) */
    int doc, sent;        /* the sentence that tells it */
    uint32_t date_start, date_len; /* the date expression in that sentence */
    cx_date_kind kind;    /* how the sentence gives the day */
    int estimated;        /* a weekday read against an estimated day (undated article) */
    int *outlets;         /* indices into story.outlets, sorted: every outlet stating it */
    size_t n_outlets;
} cx_timeline_entry;

/* Dates are read per article against its anchor (story_dates.h: the
 * publication day, or for an undated article an estimate its weekdays are
 * read against). Sentences of one day that say the same thing
 * (most of the shorter one's content words shared) are one event, credited
 * to all their outlets; at most CX_TIMELINE_PER_DAY events a day and
 * CX_TIMELINE_MAX in all, those stated by the most outlets first (prov:
 * the story's provenance index, or NULL to read every sentence). Returns
 * the count or CHORUS_ENOMEM; *out is malloc'ed. */
#define CX_TIMELINE_PER_DAY 3
#define CX_TIMELINE_MAX 15
int cx_timeline_build(cx_story *s, cx_prov_index *prov, const cx_story_dates *dates, cx_timeline_entry **out);
void cx_timeline_free(cx_timeline_entry *t, size_t n);

#endif
