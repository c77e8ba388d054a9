/* Comparing facts across reports: where outlets disagree, and how.
 *
 * Two facts are about the same thing when they measure the same dimension
 * (and currency), count the same class of thing with the same event ("people
 * wounded" is not "people killed"), are said of the same person (ages,
 * claims), carry no contradicting modifiers ("US" troops vs "Iraqi" troops),
 * share the words around them, and are of one magnitude (a report rarely
 * misstates a count by more than half). Facts linked so form a group; within
 * a group, equal values are one side, and sides whose intervals overlap are
 * one cluster.
 *
 * Kinds, from the evidence:
 * - approximate: sides of one cluster with different values, one of them
 *   hedged or vague ("around 5,000" vs "some 5,200"): both can be true;
 * - update: clusters that do not overlap, stated at different times: of a
 *   value that changes while a story runs (a count, a rate, an amount, a
 *   temperature, an illness, charges...), every statement of one side for
 *   a day before every statement of the other (the day the sentence names,
 *   read against its article's date, else the publication day); or two
 *   publication days with a change cue such as "rose to" or "now" in the
 *   later sentence; or two months the sentences themselves name;
 * - conflict: clusters that do not overlap, with no such evidence of time.
 * Undated reports never make an update. A group where one article states
 * two of the non-overlapping values counts two different things and is not
 * reported. */
#ifndef CHORUS_COMPARE_H
#define CHORUS_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "facts.h"
#include "story.h"

enum { CX_DIS_CONFLICT = 1, CX_DIS_UPDATE = 2, CX_DIS_APPROXIMATE = 3 };

/* One value and every article whose own text states it. */
typedef struct cx_dis_side {
    double value, lo, hi; /* base unit of the dimension; hi may be INFINITY */
    char *text;           /* the figure as one article wrote it */
    char *unit;           /* as written, or "" */
    int *facts;           /* indices into the fact list, in article order */
    size_t n_facts;
    int *outlets;         /* story outlet indices, sorted, unique */
    size_t n_outlets;
    int64_t day;          /* earliest publication day of its facts, or INT64_MIN */
    int32_t when;         /* earliest time its facts are stated for (cx_fact.when), or CX_NO_DAY */
    int month;            /* a month its sentences name, or 0 */
} cx_dis_side;

typedef struct cx_disagreement {
    int kind;             /* CX_DIS_* */
    int dim;              /* CX_DIM_* of the facts */
    char *subject;        /* what the values are about, in the articles' words */
    cx_dis_side *sides;   /* two or more; in time order for updates */
    size_t n_sides;
} cx_disagreement;

/* Disagreements among the facts of a story: conflicts first, then updates,
 * then approximate values; within a kind, the most widely reported first. */
int cx_compare_facts(const cx_story *s, const cx_fact *f, size_t n, cx_disagreement **out, size_t *n_out);
/* The sentences whose facts can take part in a disagreement, as
 * cx_facts_collect_some reads them: *want NULL when any sentence can (a
 * story of several articles), else one row for the one article (free both
 * with cx_compare_wanted_free) and *n_wanted the sentences marked. In one
 * article a fact pairs only with another sentence's that the article
 * attributes to another named source a sentence or two away; posts,
 * holders and slots need two articles. */
int cx_compare_wanted(const cx_story *s, uint8_t ***want, size_t *n_wanted);
void cx_compare_wanted_free(uint8_t **want);
void cx_disagreements_free(cx_disagreement *d, size_t n);
/* "conflict", "update", "approximate". */
const char *cx_dis_kind_name(int kind);

#endif
