/* Facts: what each sentence of each article states that another report could
 * state differently.
 *
 * A quantity is a number with what it measures, read from the report's own
 * words: "roughly 30,000 vehicles a day", "21 others were wounded", "the
 * 36-foot, 25,000-pound Unity", "Matthew Shepard, 21,". Its value is
 * normalized to a base unit per dimension (metres, kilograms, days,
 * dollars...) and widened to the interval the wording allows: a hedge
 * ("about", "nearly", "more than", "up to", "or more") or the rounding of a
 * written number ("27,000" is 26,500-27,500 at most). "30 feet (9 meters)" is
 * one figure. Ordinals, parts of names ("Brigade 3") and malformed numbers
 * ("1,2,3", "10-12-14", a 400-digit string) are no facts.
 *
 * A claim is a yes/no statement about one thing: "it was unsigned", "the
 * letter was signed by...", "had not been signed": a participle with its
 * polarity and the noun it is said of.
 *
 * Every fact keeps where it was read (article, sentence), the words that
 * name what it measures (for the reader), and the keys the comparison uses
 * (stem ids; see src/digest/compare.h). Language-specific words (number
 * words, units, hedges, negations) sit in the tables of facts.c. */
#ifndef CHORUS_FACTS_H
#define CHORUS_FACTS_H

#include <stddef.h>
#include <stdint.h>

#include "story.h"
#include "story_dates.h"

/* What a quantity measures; the base unit of each is in brackets. */
enum {
    CX_DIM_COUNT = 1,   /* things counted [1] */
    CX_DIM_LENGTH,      /* [metre] */
    CX_DIM_MASS,        /* [kilogram] */
    CX_DIM_MONEY,       /* [unit of the currency named; only like currencies compare] */
    CX_DIM_PERCENT,     /* [percent] */
    CX_DIM_DURATION,    /* [day] */
    CX_DIM_TEMPERATURE, /* [degree Celsius] */
    CX_DIM_AREA,        /* [square metre] */
    CX_DIM_AGE,         /* a person's age [year] */
    CX_DIM_YEAR,        /* a calendar year an event happened in */
    CX_DIM_CLAIM,       /* yes/no: value +1 or -1 */
    CX_DIM_WEEKDAY,     /* the weekday an event is said to happen on: "would open Sunday" [1-7] */
    CX_DIM_ROLE,        /* the post a named person holds: "Finance Minister Dominique
                         * Strauss-Kahn"; text is the post as written, holder the name */
    CX_DIM_SLOT,        /* a value in words that one thing has at a time: a person's
                         * party, condition or marital status, the group that claimed
                         * an attack; key names the slot, norm the value (facts.c) */
};

/* The slot value after which no other holds (a person's death): what was
 * said otherwise was said before it. */
#define CX_SLOT_FINAL "died"

/* How the wording bounds the value. */
enum { CX_HEDGE_NONE = 0, CX_HEDGE_ABOUT, CX_HEDGE_ALMOST, CX_HEDGE_MORE, CX_HEDGE_LESS, CX_HEDGE_VAGUE };

typedef struct cx_fact {
    int doc, sent;         /* where: sent indexes s->docs[doc].sents */
    int dim;               /* CX_DIM_* */
    double value;          /* in the dimension's base unit (claims: +1/-1) */
    double lo, hi;         /* the interval the wording allows (lo may equal hi) */
    double rlo, rhi;       /* the interval of the number as written, its hedge left out:
                            * statements whose numbers overlap so state one value
                            * ("25 miles" and "about 25 miles", "40 km") */
    int hedge;             /* CX_HEDGE_* */
    uint32_t start, end;   /* bytes of the figure in the sentence */
    char *text;            /* as written: "roughly 30,000 vehicles" */
    char *unit;            /* the unit as written ("feet", "percent", "$"), or "" */
    char *what;            /* what it measures, in the source's words: "vehicles",
                            * "people wounded", "age of Aaron McKinney", "signed" */
    int32_t key;           /* stem id of the counted noun's class, the participle
                            * of a claim, or -1 (then only the dimension keys it) */
    int32_t qual;          /* stem id of the event counted ("killed", "wounded"), or -1 */
    int32_t currency;      /* money: stem id of the currency, or -1 */
    int32_t extent;        /* lengths: 1 + stem id of the extent word after ("63 feet long",
                            * "78 feet wide"), or 0: two extents that differ are two things */
    char **holder;         /* age, claim: lower-case name tokens (or the noun) it is said of */
    size_t n_holder;
    int32_t *mods;         /* lower-case capitalized modifiers' stem ids ("us" troops) */
    size_t n_mods;
    int32_t *near;         /* stem ids of the content words around it (claims: the sentence) */
    size_t n_near;
    int32_t *alias;        /* "the cylinder": stem ids of the names of the two sentences
                            * before, what the common noun may refer to */
    size_t n_alias;
    int64_t day;           /* the sentence's day: publication day (days since 1970), or INT64_MIN */
    int32_t when;          /* the time it is stated for: the day the sentence itself names
                            * (its first date, read against the article's publication day
                            * or estimated day: story_dates.h), else the publication day,
                            * else CX_NO_DAY (an estimate alone is no evidence of time) */
    int month;             /* a month the sentence itself names for the value (1-12), or 0 */
    int change;            /* the sentence says the value changed ("rose to", "now") */
    int stable;            /* slots: a value that does not change in the days a story
                            * runs (a person's party or marital status, a name): two
                            * values are a conflict, whatever the days */
    int items;             /* slots: the value is a list ("kidnapping; attempted-murder"), its
                            * items separated by "; "; two lists agree when each item of one
                            * is among the other's (an item's words within the other's) */
    int era;               /* slots: -1 the sentence says the value was superseded
                            * ("initially", "first"), +1 that it holds now ("now", "took
                            * over"), else 0; quantities: -1 the value a change started
                            * from ("to 3 percent from 3.3 percent") */
    char *norm;            /* slots: the value normalized for comparing ("democratic left"), else NULL */
    uint64_t source;       /* who the sentence says states it ("The National News Agency
                            * said", "according to the police"): a signature of the
                            * source's words (a bit per word), 0 when unattributed or
                            * a pronoun; two statements of one article with disjoint
                            * sources are two reports (compare.c) */
    int exclusive;         /* slots: one thing has one value ("the launch day"): an article
                            * stating two values, neither superseded (era 0), states two
                            * things, and the slot is not compared (compare.c) */
    int relative;          /* 1: counts a part ("15 other nations", "43 more launches");
                            * 2: the whole a part is counted in ("64 of the 122 seats");
                            * 3: several kinds together ("athletes, officials and media") */
    int32_t whole;         /* percentages: 1 + stem id of the whole a share is of ("10 percent of
                            * its membership", "of all welfare cases"); amounts: of what they are
                            * in ("$1.26 billion in worldwide investment"); or 0. Two that differ
                            * are two things */
    int32_t *names;        /* quantities, weekdays: stem ids of the names (capitalized words
                            * inside the sentence, not dates or titles) in the figure's clause:
                            * "the Lauda Air crash killed all 223 people", "in Kenya" */
    size_t n_names;
    int32_t period;        /* quantities: the year the sentence states its figure is for, nearest
                            * the figure: "in 1999", "since 1990", "fiscal 2001" (the year), "last
                            * year" (the year before the article's, or a code of the words when
                            * the article is undated: CX_PERIOD_RELATIVE + 1 last, 2 this, 3 next;
                            * "last summer" is "last year"), or 0 */
    int32_t window;        /* quantities: the span the sentence counts over, in days: "in the past
                            * five years", "over the next 10 years", "in its first three months";
                            * or 0. Two figures of different periods or windows are two values of
                            * a series, never compared (compare.c) */
} cx_fact;

/* Periods named relative to an undated article ("last year", "this
 * summer"): codes from here up, one per wording. */
#define CX_PERIOD_RELATIVE 100000

/* Number at s: digits ("5,000", "5.2"), words ("four", "twenty-five") and
 * scale words ("1.5 million"). Returns the bytes used and sets *value, or 0
 * for anything malformed. */
size_t cx_parse_number(const char *s, size_t n, double *value);

/* Facts of one sentence, appended to *out. */
int cx_facts_of_sentence(cx_story *s, int doc, int sent, cx_fact **out, size_t *n, size_t *cap);
/* Facts of every sentence of every article (near-duplicates included: each
 * article's own statement counts for provenance); dates (or NULL: publication
 * days only) give each its time. */
int cx_facts_collect(cx_story *s, const cx_story_dates *dates, cx_fact **out, size_t *n);
/* The same for the sentences want[doc][sent] marks only (want NULL, or a
 * doc's row NULL: all of them): a caller that knows which sentences' facts
 * cannot show leaves them unread. */
int cx_facts_collect_some(cx_story *s, const cx_story_dates *dates, const uint8_t *const *want, cx_fact **out,
                          size_t *n);
/* Whether the sentence attributes what it states to a named source ("police
 * said", "according to the ministry"; not "he said"): the only sentences of
 * one article whose facts can disagree with each other. 1, 0, or
 * CHORUS_ENOMEM. Adds no stem to the story. */
int cx_sentence_names_source(const cx_story *s, int doc, int sent);
void cx_facts_free(cx_fact *f, size_t n);

/* The name of a dimension for readers and JSON ("count", "length"...). */
const char *cx_dim_name(int dim);

#endif
