/* Dates in sentences: what day (or week, month) a sentence speaks of.
 *
 * A sentence states its time in three ways: a calendar date ("Jan. 6",
 * "6 janvier 2020", "2020-01-06", "2020年1月6日"), a weekday ("on Sunday") or
 * a day relative to when it was written ("yesterday", "last week"). The
 * first is resolved on its own (its year, when missing, from the article's
 * day or the story's year); the other two need the day the article was
 * written. Month and weekday names and the relative phrases of each language
 * come from ICU's locale data (date format symbols and the relative date
 * formatter), never from word lists of our own.
 *
 * Days are counted from 1970-01-01 (proleptic Gregorian), so they compare and
 * subtract as integers. */
#ifndef CHORUS_DATES_H
#define CHORUS_DATES_H

#include <stddef.h>
#include <stdint.h>

#define CX_NO_DAY INT32_MIN

typedef enum cx_date_kind {
    CX_DATE_STATED = 0, /* a calendar date written out */
    CX_DATE_WEEKDAY,    /* "on Monday", "last Monday" */
    CX_DATE_RELATIVE,   /* "yesterday", "today", "last week", "next month" */
} cx_date_kind;

typedef enum cx_date_unit { CX_UNIT_DAY = 0, CX_UNIT_WEEK, CX_UNIT_MONTH, CX_UNIT_YEAR } cx_date_unit;

typedef struct cx_date_mention {
    uint32_t start, len;   /* bytes of the expression in the sentence */
    cx_date_kind kind;
    cx_date_unit unit;     /* a day, or a whole week, month or year */
    int32_t first, last;   /* the span, in days (inclusive); CX_NO_DAY when unresolved */
    int year, month, day;  /* the resolved date (month 1-12); year 0 when unknown */
    uint8_t year_inferred; /* the year was not written: it came from the anchor */
    /* as written, so that cx_dates_resolve can read it again */
    int8_t weekday;        /* CX_DATE_WEEKDAY: 0 = Sunday ... 6 */
    int8_t offset;         /* weekday and relative: -1 "last", 0, +1 "next" */
    int stated_year, stated_month, stated_day; /* CX_DATE_STATED: 0 when not written */
} cx_date_mention;

/* What the sentences of one article are read against. */
typedef struct cx_date_anchor {
    int32_t day;   /* the day the article was written, or CX_NO_DAY */
    int estimated; /* day is an estimate (no publication date): weekdays, which a
                      few days' error does not change, are resolved against it;
                      "yesterday" and "last week", which it would shift, are not */
    int year;      /* year for dates written without one when day is CX_NO_DAY
                      (0: none; such dates then stay unresolved) */
} cx_date_anchor;

/* Every date expression of the sentence s[0..n), in order. lang is a BCP 47
 * language ("en", "fr", "zh"; NULL or unknown: English names, language-neutral
 * numeric forms still read). Impossible dates ("February 30", year 0) are not
 * mentions. *out is malloc'ed (NULL when none). Returns the count, or
 * CHORUS_ENOMEM. */
int cx_dates_find(const char *s, size_t n, const char *lang, const cx_date_anchor *anchor,
                  cx_date_mention **out);

/* Resolve a mention again against another anchor (first, last, year, month,
 * day, year_inferred): find once, then try several days cheaply. */
void cx_dates_resolve(cx_date_mention *m, const cx_date_anchor *anchor);

/* The sentence's own time: the first mention resolved to a single day, else
 * CX_NO_DAY. */
int32_t cx_dates_sentence_day(const cx_date_mention *m, size_t n);

/* Calendar arithmetic. cx_date_valid: month 1-12, day within the month, year
 * 1-9999 (year 0 stands for "unknown": February 29 is then allowed). */
int cx_date_valid(int year, int month, int day);
int32_t cx_days_from_civil(int year, int month, int day);
void cx_civil_from_days(int32_t days, int *year, int *month, int *day);
int32_t cx_day_of_unix(int64_t seconds); /* UTC day; CX_NO_DAY for INT64_MIN */
int cx_weekday(int32_t days);            /* 0 = Sunday ... 6 = Saturday */
/* "2020-01-06" into buf (at least 11 bytes); returns the length. */
size_t cx_day_format(int32_t days, char *buf, size_t cap);

#endif
