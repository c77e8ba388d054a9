/* Facts and their comparison: numbers in words and digits, units and
 * hedges as intervals, ages and claims, and the kinds of disagreement,
 * including every trap of a different quantity that looks like the same. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "texts_digest.h"

static void numbers(void **state)
{
    (void)state;
    double v;
    assert_int_equal(cx_parse_number("5,000 troops", 12, &v), 5), assert_true(v == 5000);
    assert_true(cx_parse_number("four years", 10, &v) == 4 && v == 4);
    assert_true(cx_parse_number("twenty-five", 11, &v) == 11 && v == 25);
    assert_true(cx_parse_number("1.5 million people", 18, &v) == 11 && v == 1.5e6);
    assert_true(cx_parse_number("three hundred", 13, &v) == 13 && v == 300);
    assert_int_equal(cx_parse_number("people", 6, &v), 0);
    /* malformed: never a number */
    assert_int_equal(cx_parse_number("1,2,3", 5, &v), 0);
    assert_int_equal(cx_parse_number("12,34", 5, &v), 0);
    assert_int_equal(cx_parse_number("NaN", 3, &v), 0);
    char big[420];
    memset(big, '9', 400), big[400] = '\0';
    assert_int_equal(cx_parse_number(big, 400, &v), 0);
}

static const cx_fact *fact_with(const chorus_digest *d, const char *text)
{
    for (size_t i = 0; i < d->n_facts; i++)
        if (!strcmp(d->facts[i].text, text)) return &d->facts[i];
    return NULL;
}

static size_t facts_containing(const chorus_digest *d, const char *part)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n_facts; i++) n += strstr(d->facts[i].text, part) != NULL;
    return n;
}

static void extraction(void **state)
{
    (void)state;
    const char *texts[] = {
        "Around 1,200 Dutch soldiers remain in Mali, the ministry said on Jan. 6. "
        "The mission began more than four years ago. "
        "The bridge is 30 feet (9 meters) high and carries 1.5 million cars a year. "
        "Inflation fell to 0.9 percent in November. "
        "The 3rd Brigade moved at 10:30. Codes 1,2,3 and 10-12-14 were read out. "
        "Aaron McKinney, 22, was arraigned with the 21-year-old student, Matthew Shepard said. "
        "It had not been signed. The city set aside 4.2 million crowns and $300 million. "
        "Dozens of people were hurt and 21 others were wounded."};
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 1);
    const cx_fact *f = fact_with(d, "Around 1,200 Dutch soldiers");
    assert_non_null(f);
    assert_int_equal(f->dim, CX_DIM_COUNT);
    assert_true(f->value == 1200 && f->hedge == CX_HEDGE_ABOUT && f->lo < 1200 && f->hi > 1200);
    assert_string_equal(f->what, "Dutch soldiers");
    assert_int_equal(f->n_mods, 1);
    /* "four years ago" is a time, not a duration; "Jan. 6" a date, not a count */
    assert_int_equal(facts_containing(d, "four years"), 0);
    assert_int_equal(facts_containing(d, "6"), 0);
    /* a figure with its conversion in brackets is one figure */
    f = fact_with(d, "30 feet (9 meters)");
    assert_non_null(f);
    assert_int_equal(f->dim, CX_DIM_LENGTH);
    assert_true(fabs(f->value - 9.144) < 1e-6);
    assert_int_equal(facts_containing(d, "9 meters"), 1);
    f = fact_with(d, "1.5 million cars");
    assert_non_null(f);
    assert_true(f->value == 1.5e6 && f->lo >= 1.45e6 && f->hi <= 1.55e6);
    f = fact_with(d, "0.9 percent");
    assert_non_null(f);
    assert_true(f->dim == CX_DIM_PERCENT && f->month == 11 && f->change);
    /* ordinals, times, malformed numbers: no facts */
    assert_int_equal(facts_containing(d, "3rd"), 0);
    assert_int_equal(facts_containing(d, "10:30"), 0);
    assert_int_equal(facts_containing(d, "1,2,3"), 0);
    assert_int_equal(facts_containing(d, "10-12-14"), 0);
    /* ages, with who they are of */
    f = fact_with(d, "22");
    assert_non_null(f);
    assert_int_equal(f->dim, CX_DIM_AGE);
    assert_string_equal(f->holder[f->n_holder - 1], "mckinney");
    f = fact_with(d, "21-year-old");
    assert_non_null(f);
    assert_int_equal(f->dim, CX_DIM_AGE);
    assert_string_equal(f->holder[f->n_holder - 1], "shepard");
    /* a negated claim */
    f = fact_with(d, "It had not been signed");
    assert_non_null(f);
    assert_true(f->dim == CX_DIM_CLAIM && f->value == -1);
    /* money in a currency named after or before */
    f = fact_with(d, "4.2 million crowns");
    assert_non_null(f);
    assert_true(f->dim == CX_DIM_MONEY && f->value == 4.2e6);
    f = fact_with(d, "$300 million");
    assert_non_null(f);
    assert_true(f->dim == CX_DIM_MONEY && f->value == 3e8);
    /* vague amounts and counts of an event */
    f = fact_with(d, "Dozens of people");
    assert_non_null(f);
    assert_true(f->hedge == CX_HEDGE_VAGUE && f->lo >= 24);
    f = fact_with(d, "21 others");
    assert_non_null(f);
    assert_true(f->qual >= 0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static const cx_disagreement *only(const chorus_digest *d)
{
    for (size_t i = 0; i < d->n_disagreements; i++) {
        const cx_disagreement *x = &d->disagreements[i];
        fprintf(stderr, "reported: %s %s\n", cx_dis_kind_name(x->kind), x->subject);
    }
    assert_int_equal(d->n_disagreements, 1);
    return &d->disagreements[0];
}

/* Numbers written as words are figures ("five minutes", "Twenty-five
 * people"); "one of them" is none. Counted nouns with other words before
 * them ("opposition" vs "working" groups) are other things. */
static void number_words_and_modifiers(void **state)
{
    (void)state;
    const char *texts[] = {
        "The crew waited five minutes. Twenty-five people died in the storm. One of them was a child. "
        "Two opposition groups joined the talks on the coalition. A dozen bills are in their final stages. "
        "Congress passed eight of the 13 bills. It had plutonium for six or more bombs.",
        "Three working groups joined the talks on the coalition. The storm killed 40 people.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    const cx_fact *f = fact_with(d, "five minutes");
    assert_non_null(f);
    assert_int_equal(f->dim, CX_DIM_DURATION);
    f = fact_with(d, "Twenty-five people");
    assert_non_null(f);
    assert_true(f->value == 25);
    assert_int_equal(facts_containing(d, "One"), 0);
    f = fact_with(d, "dozen bills");
    assert_non_null(f);
    assert_int_equal(f->hedge, CX_HEDGE_ABOUT); /* a round number */
    f = fact_with(d, "13 bills");
    assert_non_null(f);
    assert_int_equal(f->relative, 2); /* "eight of the 13": the whole */
    f = fact_with(d, "six or more bombs"); /* a hedge between the number and its noun */
    assert_non_null(f);
    assert_true(f->hedge == CX_HEDGE_MORE && f->lo == 6 && isinf(f->hi));
    /* the storm's toll differs; the groups are not one thing */
    for (size_t i = 0; i < d->n_disagreements; i++) assert_null(strstr(d->disagreements[i].subject, "groups"));
    assert_int_equal(d->n_disagreements, 1);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void conflict_with_every_source(void **state)
{
    (void)state;
    const char *texts[] = {
        "About 1,200 Dutch soldiers are deployed in Mali as part of the United Nations mission.",
        "Some 1,200 Dutch troops remain in Mali under the United Nations flag, officials said.",
        "Roughly 1,500 Dutch forces are stationed in Mali for the United Nations mission, the minister said.",
        "The harbor of Rotterdam handled 14 ships on Monday.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 4);
    const cx_disagreement *x = only(d);
    assert_int_equal(x->kind, CX_DIS_CONFLICT);
    assert_int_equal(x->n_sides, 2);
    for (size_t k = 0; k < 2; k++) {
        const cx_dis_side *v = &x->sides[k];
        if (v->value == 1200) {
            assert_int_equal(v->n_outlets, 2);
            assert_int_equal(v->n_facts, 2);
        } else {
            assert_true(v->value == 1500);
            assert_int_equal(v->n_outlets, 1);
        }
    }
    /* the subject is in the source's words, never a stem */
    assert_non_null(strstr(x->subject, "Dutch"));
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void rounding_is_approximate(void **state)
{
    (void)state;
    const char *texts[] = {
        "Laramie is an isolated city of 27,000 people in the Wyoming plains, police said.",
        "Laramie, which has a population of more than 26,000 people, is a Wyoming college town, police said.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    const cx_disagreement *x = only(d);
    assert_int_equal(x->kind, CX_DIS_APPROXIMATE);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void ages_conflict(void **state)
{
    (void)state;
    const char *texts[] = {
        "Russell Henderson, 21, and Aaron McKinney, 22, were arraigned on charges of kidnapping.",
        "Russell Henderson, 21, and Aaron McKinney, 21, were charged on Monday.",
        /* another person's age is no conflict */
        "The 54-year-old father of the student, Yusef Zughayar, spoke to reporters.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 3);
    const cx_disagreement *x = only(d);
    assert_int_equal(x->kind, CX_DIS_CONFLICT);
    assert_int_equal(x->dim, CX_DIM_AGE);
    assert_non_null(strstr(x->subject, "McKinney"));
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void claim_polarity(void **state)
{
    (void)state;
    const char *texts[] = {
        "The Pentagon released a draft letter on Monday. It had not been signed, officials said.",
        "The draft letter to the Iraqi government was signed by a general, the Pentagon said.",
        "The Pentagon said the draft letter was unsigned and a mistake.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 3);
    const cx_disagreement *x = only(d);
    assert_int_equal(x->kind, CX_DIS_CONFLICT);
    assert_int_equal(x->dim, CX_DIM_CLAIM);
    for (size_t k = 0; k < x->n_sides; k++)
        assert_int_equal(x->sides[k].n_outlets, x->sides[k].value > 0 ? 1 : 2);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void update_needs_time_evidence(void **state)
{
    (void)state;
    const char *texts[] = {
        "Annual inflation in the euro zone stood at 1.3 percent in October, Eurostat said.",
        "Annual inflation in the euro zone fell to 0.9 percent in November, Eurostat said.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    const cx_disagreement *x = only(d);
    assert_int_equal(x->kind, CX_DIS_UPDATE);
    assert_true(x->sides[0].month == 10 && x->sides[1].month == 11); /* in time order */
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    /* undated and no time of their own: a conflict, never an update */
    const char *undated[] = {
        "The storm killed 40 people in the coastal province of Leyte, officials said on the radio.",
        "The storm killed 65 people in the coastal province of Leyte, officials said.",
    };
    d = digest_of(&c, undated, 2);
    x = only(d);
    assert_int_equal(x->kind, CX_DIS_CONFLICT);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* A digest of texts published on the given days (seconds). */
static chorus_digest *dated_digest(chorus_corpus *c, const char *const *texts, const int64_t *published, int n)
{
    chorus_corpus_init(c);
    for (int i = 0; i < n; i++) {
        char id[8], src[16];
        snprintf(id, sizeof id, "d%d", i), snprintf(src, sizeof src, "Wire %d", i);
        chorus_article a = {0};
        a.id = strdup(id), a.source = strdup(src), a.text = strdup(texts[i]);
        a.published_unix = published[i];
        assert_int_equal(chorus_corpus_add(c, &a), 0);
    }
    chorus_digest *d;
    chorus_error err = {0};
    assert_int_equal(chorus_digest_build(c, NULL, &d, &err), 0);
    return d;
}

/* The time a value is stated for: the day its sentence names, read against
 * the article's date, else the publication day. A toll that differs between
 * two days is an update in time order; the trap: the earlier value still
 * stated on the later day is a conflict; a length does not change. */
static void update_from_stated_days(void **state)
{
    (void)state;
    const int64_t day = 910000000; /* Monday 2 Nov. 1998, 09:46 UTC */
    const char *texts[] = {
        "The storm killed 40 people in the coastal province of Leyte, officials said.",
        "The storm killed 65 people in the coastal province of Leyte, officials said.",
    };
    const int64_t pub[] = {day, day + 86400};
    chorus_corpus c;
    chorus_digest *d = dated_digest(&c, texts, pub, 2);
    const cx_disagreement *x = only(d);
    assert_int_equal(x->kind, CX_DIS_UPDATE);
    assert_true(x->sides[0].value == 40 && x->sides[1].value == 65);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    /* both published the same day, but each sentence names its own day */
    const char *said[] = {
        "On Sunday officials said the storm had killed 40 people in the coastal province of Leyte.",
        "The storm killed 65 people in the coastal province of Leyte, officials said on Tuesday.",
    };
    const int64_t same[] = {day + 2 * 86400, day + 2 * 86400};
    d = dated_digest(&c, said, same, 2);
    x = only(d);
    assert_int_equal(x->kind, CX_DIS_UPDATE);
    assert_true(x->sides[0].value == 40);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    /* trap: the first value still stated on the later day */
    const char *still[] = {
        "The storm killed 40 people in the coastal province of Leyte, officials said.",
        "The storm killed 65 people in the coastal province of Leyte, officials said.",
        "The storm killed 40 people in the coastal province of Leyte, the radio said.",
    };
    const int64_t three[] = {day, day + 86400, day + 2 * 86400};
    d = dated_digest(&c, still, three, 3);
    x = only(d);
    assert_int_equal(x->kind, CX_DIS_CONFLICT);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    /* trap: a length on two days is a correction, not a change */
    const char *length[] = {
        "The 36-foot Unity module was attached to the Zarya module by the crew.",
        "The 18-foot Unity module was attached to the Zarya module by the crew.",
    };
    d = dated_digest(&c, length, pub, 2);
    x = only(d);
    assert_int_equal(x->kind, CX_DIS_CONFLICT);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void traps_never_compared(void **state)
{
    (void)state;
    const char *texts[] = {
        /* dead vs wounded */
        "Two people were killed in the Jerusalem market bombing and 21 others were wounded, police said.",
        "The Jerusalem market bombing killed two people, and 24 people were injured, police said.",
        /* one value in two units */
        "The site lies 40 kilometers (25 miles) northeast of Yongbyon, officials in Seoul said.",
        "The site lies 25 miles northeast of Yongbyon, officials in Seoul said.",
        "His fever was 37.4 Celsius, the Kremlin doctors in Moscow said.",
        "His fever was 99.3 Fahrenheit, the Kremlin doctors in Moscow said.",
        /* a bound does not contradict a value it allows */
        "More than 1,000 Dutch soldiers are in Mali for the United Nations.",
        "Some 1,200 Dutch soldiers are in Mali for the United Nations.",
        /* different modifiers: Dutch vs Malian soldiers */
        "Some 1,500 Malian soldiers are deployed in Mali beside the United Nations mission.",
        /* the same noun in unrelated context */
        "Organizers said 55 people attended the concert in Vienna.",
        /* an article giving two values counts two things: 113 on Tuesday, 118 on Thursday */
        "In parliament 113 deputies voted for the amendment on Tuesday and 118 deputies voted for Lahoud.",
        "In parliament all 118 deputies voted for Lahoud on Thursday.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 12);
    size_t wrong = 0;
    for (size_t i = 0; i < d->n_disagreements; i++) {
        const cx_disagreement *x = &d->disagreements[i];
        /* the wounded (21 vs 24) are a true conflict; nothing else may be */
        if (x->kind == CX_DIS_CONFLICT && x->sides[0].value + x->sides[1].value == 45) continue;
        if (x->kind == CX_DIS_APPROXIMATE && strstr(x->subject, "soldiers")) continue;
        fprintf(stderr, "unexpected: %s %s\n", cx_dis_kind_name(x->kind), x->subject);
        wrong++;
    }
    assert_int_equal(wrong, 0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void referent_of_a_common_noun(void **state)
{
    (void)state;
    const char *texts[] = {
        "The 36-foot Unity module will serve as a connecting passageway for future modules of the station.",
        "The main cargo was the Unity module. Small compared with the giants to come, the unit is 18 feet long "
        "and is to serve as a connecting hub for other modules of the station.",
        /* a thing other articles measure under its own noun is not a referent */
        "The 50-foot robot arm of the shuttle grabbed the module of the station.",
        "The crew used the Unity module first. Then the 60-foot robot arm of the shuttle grabbed the module.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 4);
    size_t unity = 0, arm = 0;
    for (size_t i = 0; i < d->n_disagreements; i++) {
        const cx_disagreement *x = &d->disagreements[i];
        fprintf(stderr, "reported: %s %s\n", cx_dis_kind_name(x->kind), x->subject);
        int has36 = 0, has18 = 0, has50 = 0;
        for (size_t k = 0; k < x->n_sides; k++) {
            has36 |= strstr(x->sides[k].text, "36") != NULL, has18 |= strstr(x->sides[k].text, "18") != NULL;
            has50 |= strstr(x->sides[k].text, "50") != NULL;
        }
        unity += has36 && has18 && x->kind == CX_DIS_CONFLICT;
        arm += has36 && has50;
    }
    assert_int_equal(unity, 1);
    assert_int_equal(arm, 0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void roles(void **state)
{
    (void)state;
    const char *texts[] = {
        "French Finance Minister Dominique Strauss-Kahn said the euro was ready.",
        "Foreign Minister Dominique Strauss-Kahn said on Thursday the euro was ready.",
        /* spellings and a nationality are no disagreement */
        "US Defence Secretary Mark Esper spoke in Washington.",
        "Defense Secretary Mark Esper spoke on Monday.",
        /* still in office: "caretaker" and "acting" do not end a post */
        "Caretaker Prime Minister Adel Abdul-Mahdi met the envoy.",
        "Prime Minister Adel Abdul-Mahdi met the envoy.",
        /* a post that ended */
        "Prime Minister Mesut Yilmaz faced a vote.",
        "The former Premier Mesut Yilmaz stayed on as acting premier.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 8);
    int conflict = 0, update = 0;
    for (size_t i = 0; i < d->n_disagreements; i++) {
        const cx_disagreement *x = &d->disagreements[i];
        fprintf(stderr, "reported: %s %s\n", cx_dis_kind_name(x->kind), x->subject);
        assert_int_equal(x->dim, CX_DIM_ROLE);
        if (x->kind == CX_DIS_CONFLICT) conflict++, assert_non_null(strstr(x->subject, "Strauss-Kahn"));
        if (x->kind == CX_DIS_UPDATE) {
            update++;
            assert_non_null(strstr(x->subject, "Yilmaz"));
            assert_non_null(strstr(x->sides[1].text, "former")); /* the post held, then its end */
        }
    }
    assert_int_equal(conflict, 1);
    assert_int_equal(update, 1);
    assert_int_equal(d->n_disagreements, 2);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Values in words: a person's party, condition and marital status, who
 * claimed an attack; with the traps of a different person and of one name
 * said two ways. */
static void slots(void **state)
{
    (void)state;
    const char *texts[] = {
        "Galina Starovoitova, a member of parliament from the reformist party Democratic Russia, was shot. "
        "She was divorced and had one son.",
        "Galina Starovoitova, a leader of the liberal Russia's Democratic Choice party, was shot dead. "
        "Starovoitova remarried earlier this year.",
        /* one party said two ways is one value; another person's party is another slot */
        "Abdullah Ocalan, whose Kurdistan Workers Party, or PKK, fights Turkey, was arrested. "
        "The leader of the Democratic Turkey Party, Husamettin Cindoruk, spoke.",
        "Abdullah Ocalan, the chief of the outlawed Kurdistan Workers Party, was held in Rome.",
        /* a condition, then a death: an update in that order */
        "The gay college student Matthew Shepard was in a coma in critical condition on Friday.",
        "Matthew Shepard, the student who was beaten, died here Monday.",
        /* who claimed an attack: superseded in the article's own words */
        "The Islamic militant group Hamas, which opposes the accord, claimed responsibility for the attack.",
        "Although Hamas initially claimed responsibility, all sides agree that Islamic Jihad claimed "
        "responsibility for the bombing.",
        /* no statement: a possibility, another person */
        "Doctors said Shepard's friend Walter Boulden could die without help.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 9);
    int party = 0, marital = 0, condition = 0, claim = 0;
    for (size_t i = 0; i < d->n_disagreements; i++) {
        const cx_disagreement *x = &d->disagreements[i];
        fprintf(stderr, "reported: %s %s\n", cx_dis_kind_name(x->kind), x->subject);
        assert_int_equal(x->dim, CX_DIM_SLOT);
        assert_int_equal(x->n_sides, 2);
        if (strstr(x->subject, "party of")) {
            party++;
            assert_non_null(strstr(x->subject, "Starovoitova"));
            assert_int_equal(x->kind, CX_DIS_CONFLICT);
        } else if (strstr(x->subject, "marital")) {
            marital++;
            assert_int_equal(x->kind, CX_DIS_CONFLICT);
        } else if (strstr(x->subject, "condition")) {
            condition++;
            assert_non_null(strstr(x->subject, "Shepard"));
            assert_int_equal(x->kind, CX_DIS_UPDATE);
            assert_string_equal(x->sides[1].text, "died"); /* in time order */
        } else if (strstr(x->subject, "responsibility")) {
            claim++;
            assert_int_equal(x->kind, CX_DIS_UPDATE);
            assert_string_equal(x->sides[0].text, "Hamas");
            assert_string_equal(x->sides[1].text, "Islamic Jihad");
        }
    }
    assert_int_equal(party, 1);
    assert_int_equal(marital, 1);
    assert_int_equal(condition, 1);
    assert_int_equal(claim, 1);
    assert_int_equal(d->n_disagreements, 4);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Where a person is to be buried: a name after "in"/"at" following
 * "buried", "interred" (plans included), a funeral's "in" (its town); the
 * person named near, else the one the article names most. Traps: a
 * funeral's hall ("at the museum"), a grave without a name ("buried
 * alongside heroes"), a place taken for a person. */
static void burial_place(void **state)
{
    (void)state;
    const char *texts[] = {
        "Galina Starovoitova was shot dead on Friday. Police questioned witnesses of the killing of "
        "Galina Starovoitova. A funeral is scheduled for Tuesday in the settlement of Gorelovo.",
        "Galina Starovoitova was shot dead on Friday. She is scheduled to be buried on Tuesday at the "
        "Nikolskoye cemetery.",
        "Galina Starovoitova was honored at a funeral at the Ethnography Museum. Galina Starovoitova was "
        "to be buried alongside national heroes. The government said Galina Starovoitova would be interred "
        "in the Alexander Nevsky Monastery.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 3);
    for (size_t i = 0; i < d->n_facts; i++)
        if (d->facts[i].dim == CX_DIM_SLOT) assert_null(strstr(d->facts[i].text, "Ethnography"));
    const cx_disagreement *x = only(d);
    assert_non_null(strstr(x->subject, "Galina Starovoitova is buried"));
    assert_int_equal(x->n_sides, 3);
    assert_string_equal(x->sides[0].text, "Gorelovo");
    assert_string_equal(x->sides[2].text, "Alexander Nevsky Monastery");
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* The day of an event said before its verb ("the Palestinians on Tuesday
 * inaugurated") and "last weekend" (Saturday or Sunday): Tuesday is not in
 * it, Saturday is. */
/* Reports an editor would strike out, each a pair that shares words and
 * differs in a figure without being one fact: the days two reports were
 * written, a verb group that is not one ("is facing an unexpected"), a count
 * of several kinds against a count of one, shares of whole clauses, and
 * figures that all come from the same articles. */
static void what_is_no_disagreement(void **state)
{
    (void)state;
    const char *texts[] = {
        "A letter from Riyadh, reported Thursday by Bangkok newspapers, cited the holy month of Ramadan.",
        "Thai newspapers reported Saturday that attempts to bring Saudi Arabia to the Bangkok games failed.",
        "In the trial, Microsoft is expected to argue its gains in the browser market came from its own work.",
        "Cartoonists mocked Gates, who is facing an unexpected challenge as the Microsoft trial unfolds.",
        "The Bangkok games are expected to attract more than 10,000 athletes to the city in December.",
        "There is a black market that may attract some of the more than 15,000 athletes, officials and "
        "media personnel in Bangkok.",
        "About 22 percent of Americans who use the Internet reach it through America Online.",
        "An estimated 25 percent of American households had access to the Internet last year.",
        "Salmon said there are six others who feel the same way, seven people who just will not vote for "
        "Gingrich, and at least five others could refuse.",
        "Salmon said there are six others who feel the same way, seven people who just will not vote for "
        "Gingrich, and at least five others could refuse to back him.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 10);
    for (size_t i = 0; i < d->n_disagreements; i++)
        fprintf(stderr, "unexpected: %s %s\n", cx_dis_kind_name(d->disagreements[i].kind),
                d->disagreements[i].subject);
    assert_int_equal(d->n_disagreements, 0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void weekday_before_its_verb(void **state)
{
    (void)state;
    const char *texts[] = {
        "Taking a major step, the Palestinians on Tuesday inaugurated Gaza International Airport.",
        "Last weekend, the Palestinians inaugurated an airport in Gaza, their first gateway.",
        "The Palestinians on Saturday inaugurated the airport in Gaza, their first gateway.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    const cx_disagreement *x = only(d);
    assert_int_equal(x->kind, CX_DIS_CONFLICT);
    assert_int_equal(x->dim, CX_DIM_WEEKDAY);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    d = digest_of(&c, texts + 1, 2); /* trap: Saturday is in the weekend */
    for (size_t i = 0; i < d->n_disagreements; i++) assert_int_not_equal(d->disagreements[i].kind, CX_DIS_CONFLICT);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* An article stating two lengths its own words tell apart ("63 feet long
 * and 78 feet wide") is not stating two values of one thing: the group is
 * still reported. Traps: a long and a wide measure are never one side, and
 * the width is no side of the length's disagreement at all. */
static void extents_of_one_article(void **state)
{
    (void)state;
    const char *texts[] = {
        "The two station pieces are so big, 77 feet from the tip of one to the tip of the other, "
        "that the station crew used cameras.",
        "The station pieces will form the station's first element, 63 feet long and 78 feet wide "
        "out to the tips of the solar arrays, the station crew said.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    assert_true(d->n_disagreements >= 1);
    const cx_disagreement *x = &d->disagreements[0];
    assert_int_equal(x->dim, CX_DIM_LENGTH);
    int long63 = 0, wide78 = 0;
    for (size_t k = 0; k < x->n_sides; k++) {
        long63 += !strcmp(x->sides[k].text, "63 feet");
        wide78 += !strcmp(x->sides[k].text, "78 feet");
        assert_false(strstr(x->sides[k].text, "63") && strstr(x->sides[k].text, "78"));
    }
    assert_int_equal(long63, 1);
    assert_int_equal(wide78, 0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* A rate is quoted at the precision it is known to: "3 percent" and "3.3
 * percent" differ; a hedge still makes them overlap. */
static void percent_precision(void **state)
{
    (void)state;
    const char *texts[] = {
        "Central banks cut the key interest rate to 3 percent in a surprise move.",
        "Central banks cut the key interest rate to 3.3 percent in a surprise move.",
        "Central banks cut the key interest rate to about 3 percent in a surprise move.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    assert_int_equal(d->n_disagreements, 1);
    assert_int_equal(d->disagreements[0].kind, CX_DIS_CONFLICT);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    d = digest_of(&c, texts + 1, 2); /* trap: "about 3 percent" holds 3.3 */
    for (size_t i = 0; i < d->n_disagreements; i++) assert_int_not_equal(d->disagreements[i].kind, CX_DIS_CONFLICT);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Slots that change while a story runs: an illness (a noun WordNet files
 * under ill health) and the charges against a person (a list of offences). */
static void illness_and_charges(void **state)
{
    (void)state;
    const char *texts[] = {
        "President Boris Yeltsin cut short his trip. ``He has a cold,'' his spokesman said. "
        "Russell Henderson and Aaron McKinney were arraigned on charges of kidnapping, aggravated robbery "
        "and attempted first-degree murder.",
        "President Boris Yeltsin was suffering from tracheal bronchitis, his doctors said. "
        "Aaron McKinney was charged with attempted murder and is expected to face first-degree murder charges.",
        "Aaron McKinney was arraigned late Monday night on first-degree murder charges.",
        /* traps: a history and an old illness are no illness now; a possibility is none;
         * a list that shares an offence with another is the same charges */
        "President Boris Yeltsin has a history of health problems. Yeltsin suffered from heart disease in 1996. "
        "Doctors said Boris Yeltsin could have pneumonia. Anwar Ibrahim faces charges of corruption and "
        "sexual misconduct.",
        "Anwar Ibrahim was charged with corruption and sodomy.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 5);
    int illness = 0, charges = 0;
    for (size_t i = 0; i < d->n_facts; i++) {
        const cx_fact *f = &d->facts[i];
        if (f->dim != CX_DIM_SLOT) continue;
        /* none from the traps' words */
        assert_null(strstr(f->text, "history"));
        assert_null(strstr(f->text, "heart"));
        assert_null(strstr(f->text, "pneumonia"));
        assert_null(strstr(f->norm, "first-degree murder; ")); /* the expected charge */
    }
    for (size_t i = 0; i < d->n_disagreements; i++) {
        const cx_disagreement *x = &d->disagreements[i];
        fprintf(stderr, "reported: %s %s\n", cx_dis_kind_name(x->kind), x->subject);
        assert_int_equal(x->dim, CX_DIM_SLOT);
        assert_null(strstr(x->subject, "Anwar"));
        if (strstr(x->subject, "illness of Boris Yeltsin")) {
            illness++;
            assert_int_equal(x->n_sides, 2);
            assert_string_equal(x->sides[0].text, "cold");
            assert_string_equal(x->sides[1].text, "tracheal bronchitis");
            assert_int_equal(x->kind, CX_DIS_CONFLICT); /* no time evidence: no update */
        } else if (strstr(x->subject, "charges against Aaron McKinney")) {
            charges++;
            assert_int_equal(x->n_sides, 2);
            /* "attempted murder" is part of the first list, "first-degree murder" is not */
            assert_int_equal(x->sides[0].n_facts, 2);
            assert_string_equal(x->sides[1].text, "first-degree murder");
        }
    }
    assert_int_equal(illness, 1);
    assert_int_equal(charges, 1);
    assert_int_equal(d->n_disagreements, 2);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Figures as the article's language writes them: in French "2 500" is 2,500,
 * "6,2" is 6.2 and "1,5 million" 1.5 million; English marks stay as they are. */
static void figures_in_french(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_corpus_init(&c);
    const char *texts[] = {
        "La crue a forcé les autorités à évacuer 2 500 habitants au sud de Lyon dans la nuit de mardi. "
        "Le fleuve a atteint 6,2 mètres à l'écluse. Les dégâts sont estimés à 1,5 million d'euros par la région.",
        "Près de 3 000 personnes ont été évacuées dans la nuit de mardi au sud de Lyon, selon la préfecture. "
        "Les dégâts sont estimés à 1,5 million d'euros.",
    };
    for (int i = 0; i < 2; i++) {
        char id[8], src[16];
        snprintf(id, sizeof id, "f%d", i), snprintf(src, sizeof src, "Source %d", i);
        chorus_article a = {0};
        a.id = strdup(id), a.source = strdup(src), a.text = strdup(texts[i]), a.language = strdup("fr");
        a.published_unix = INT64_MIN;
        assert_int_equal(chorus_corpus_add(&c, &a), 0);
    }
    chorus_digest *d;
    chorus_error err = {0};
    assert_int_equal(chorus_digest_build(&c, NULL, &d, &err), 0);
    const cx_fact *f = fact_with(d, "2 500 habitants");
    assert_non_null(f);
    assert_true(f->value == 2500);
    f = fact_with(d, "6,2 mètres");
    assert_non_null(f);
    assert_true(fabs(f->value - 6.2) < 1e-9);
    f = fact_with(d, "1,5 million d'euros");
    assert_non_null(f);
    assert_true(f->value == 1.5e6);
    f = fact_with(d, "Près de 3 000 personnes");
    assert_non_null(f);
    assert_true(f->value == 3000 && f->hedge == CX_HEDGE_ALMOST);
    /* the evacuees differ; the damage agrees */
    const cx_disagreement *x = only(d);
    assert_int_equal(x->kind, CX_DIS_CONFLICT);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Words are keyed by their article's language: the key of what a French
 * article counts is the stem the story gave the word in that article (the
 * French one), not the main (English) language's stem of the same letters. */
static void keys_in_the_article_language(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_corpus_init(&c);
    const char *texts[] = {
        "Nearly 3,000 pupils were evacuated south of Lyon overnight on Tuesday, the prefecture said.",
        "About 3,000 pupils were evacuated from schools south of Lyon on Tuesday night as the river rose.",
        "Près de 3 000 élèves ont été évacués dans la nuit de mardi au sud de Lyon, selon la préfecture.",
    };
    const char *langs[] = {"en", "en", "fr"};
    for (int i = 0; i < 3; i++) {
        char id[8], src[16];
        snprintf(id, sizeof id, "k%d", i), snprintf(src, sizeof src, "Source %d", i);
        chorus_article a = {0};
        a.id = strdup(id), a.source = strdup(src), a.text = strdup(texts[i]), a.language = strdup(langs[i]);
        a.published_unix = INT64_MIN;
        assert_int_equal(chorus_corpus_add(&c, &a), 0);
    }
    chorus_digest *d;
    chorus_error err = {0};
    assert_int_equal(chorus_digest_build(&c, NULL, &d, &err), 0);
    const cx_fact *f = fact_with(d, "Près de 3 000 élèves");
    assert_non_null(f);
    /* "élèves": French stem "élev", English "élèves" */
    assert_string_equal(cx_vocab_str(d->story.vocab, f->key), "élev");
    const cx_sent *st = &d->story.docs[f->doc].sents[f->sent];
    int found = 0;
    for (size_t k = 0; k < st->n_tok; k++) found |= st->stems[k] == f->key;
    assert_true(found);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* A figure is keyed by the year and the window its sentence names: "13
 * deaths in 1990" is not "seven deaths", "$250 billion over five years" not
 * "$300 billion over 10 years" (a series, not a disagreement). A year after
 * a figure is that figure's alone; one before figures is all of theirs. The
 * window itself ("over 10 years") is no fact. Trap: two reports of the
 * same year that differ are still a conflict. */
static void periods_and_windows(void **state)
{
    (void)state;
    const char *texts[] = {
        "In 1990, 223 cases and 13 deaths were reported in the state, officials said on Monday.",
        "Officials said seven deaths were reported in the state this summer, and the outbreak is over.",
        "The Republican plan cuts taxes by $300 billion over 10 years, the committee said.",
        "The Democratic plan cuts taxes by $250 billion over five years, the committee said.",
        "In 1999, 62 cases of severe disease were reported in the New York area, the agency said.",
        "Annual inflation stood at 1 percent in October and 1.6 percent in November 1997 in the area.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 6);
    const cx_fact *f = fact_with(d, "13 deaths");
    assert_non_null(f);
    assert_int_equal(f->period, 1990);
    f = fact_with(d, "223 cases");
    assert_non_null(f);
    assert_int_equal(f->period, 1990);
    f = fact_with(d, "seven deaths");
    assert_non_null(f);
    assert_int_equal(f->period, CX_PERIOD_RELATIVE + 2); /* "this summer" of an undated article */
    f = fact_with(d, "$300 billion");
    assert_non_null(f);
    assert_true(f->window >= 3650 && f->window <= 3660);
    assert_int_equal(facts_containing(d, "10 years"), 0);
    assert_int_equal(facts_containing(d, "five years"), 0);
    f = fact_with(d, "1 percent");
    assert_non_null(f);
    assert_int_equal(f->period, 0); /* the year is the 1.6 percent's */
    f = fact_with(d, "1.6 percent");
    assert_non_null(f);
    assert_int_equal(f->period, 1997);
    for (size_t i = 0; i < d->n_disagreements; i++)
        fprintf(stderr, "reported: %s %s\n", cx_dis_kind_name(d->disagreements[i].kind), d->disagreements[i].subject);
    assert_int_equal(d->n_disagreements, 0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);

    /* the trap: one year, two counts */
    const char *same[] = {
        "In 1999, 62 cases of severe disease were reported in the New York area, the agency said.",
        "In 1999, 59 cases of severe disease were reported in the New York area, the health agency said.",
    };
    d = digest_of(&c, same, 2);
    assert_int_equal(only(d)->kind, CX_DIS_CONFLICT);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* A claim is a statement the reporter makes of a thing the reports share:
 * not a condition or purpose ("if a settlement is not reached", "to make
 * sure children are buckled"), a belief ("believed that autism was
 * caused"), a plan ("is expected to produce"), nor of a person named only
 * "he" or of nothing ("there is no accepted evidence"); "X, which is
 * involved" is X's. Trap: each pair below, read so, is no disagreement. */
static void claims_the_reporter_makes(void **state)
{
    (void)state;
    const char *traps[] = {
        "If a settlement is not reached with the union by Friday, the plants will close, analysts said.",
        "A settlement was reached with the union at the plants on Tuesday, analysts said.",
        "Fifty years ago, researchers believed that autism was caused by cold mothers and absent fathers.",
        "Autism is not caused by bad parenting, researchers and mothers said on Tuesday.",
        "He is charged with theft of computer service, prosecutors said on Tuesday of the virus.",
        "His college punished him, but he has not been charged with any crime, prosecutors said of the virus.",
        "The cerebellum, which is involved in motor coordination, differs in autistic children, the study said.",
        "Repligen was not involved in the study of autistic children, the company said.",
        "This week, the committee is expected to produce plans for an agency to fight doping.",
        "The swimmer has left the country and the committee is not expected to rule on doping.",
        "The company makes sure children are buckled properly in seats, the company said.",
        "There must be zero tolerance for unbuckled children in seats, the company said.",
        "More parents want to teach at home, but feel they are not equipped to teach, the director said.",
        "Most parents would not venture to teach at home because they did not feel they were equipped.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, traps, 14);
    for (size_t i = 0; i < d->n_disagreements; i++)
        fprintf(stderr, "reported: %s %s\n", cx_dis_kind_name(d->disagreements[i].kind), d->disagreements[i].subject);
    assert_int_equal(d->n_disagreements, 0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);

    /* the category: a relative clause's claim is its noun's */
    const char *said[] = {
        "The drafts, which were not signed, were sent around to the ministry in Baghdad for comment.",
        "The drafts were signed by the commanding general and sent to the ministry in Baghdad.",
    };
    d = digest_of(&c, said, 2);
    const cx_disagreement *x = only(d);
    assert_int_equal(x->kind, CX_DIS_CONFLICT);
    assert_int_equal(x->dim, CX_DIM_CLAIM);
    assert_non_null(strstr(x->subject, "draft"));
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Figures whose clauses name things, none in common, are of two things
 * ("the Lauda Air crash killed 223", "the crash off Massachusetts killed
 * 217"); a clause naming nothing may be of either. Names most of the
 * story's articles use (the probe "Galileo") tell nothing apart. */
static void names_in_the_clause(void **state)
{
    (void)state;
    const char *two_crashes[] = {
        "The Lauda Air crash killed all 223 people on board, investigators said on Monday.",
        "The crash off the coast of Massachusetts killed all 217 people on board, investigators said.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, two_crashes, 2);
    const cx_fact *f = fact_with(d, "223 people");
    assert_non_null(f);
    assert_true(f->n_names >= 2); /* Lauda, Air */
    for (size_t i = 0; i < d->n_disagreements; i++)
        fprintf(stderr, "reported: %s %s\n", cx_dis_kind_name(d->disagreements[i].kind), d->disagreements[i].subject);
    assert_int_equal(d->n_disagreements, 0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);

    const char *one_crash[] = {
        "The crash off the coast of Massachusetts killed all 217 people on board, investigators said.",
        "The crash killed all 214 people on board, the airline said on Monday.",
    };
    d = digest_of(&c, one_crash, 2);
    assert_int_equal(only(d)->kind, CX_DIS_CONFLICT);
    chorus_digest_free(d);
    chorus_corpus_free(&c);

    const char *probe[] = {
        "Galileo flew within 380 miles of Io on Sunday, scientists said.",
        "Galileo flew within 310 miles of Io on Sunday, the agency said.",
        "Galileo flew within 218 miles of Europa on Jan. 3, scientists said.",
        "Galileo sent pictures of the clouds of the planet back to Earth on Monday.",
        "Galileo is running low on fuel after years in orbit, engineers said.",
        "Galileo will be steered into the planet at the end of the mission.",
    };
    d = digest_of(&c, probe, 6);
    const cx_disagreement *x = only(d); /* Io's two distances, Europa's apart */
    assert_int_equal(x->n_sides, 2);
    for (size_t k = 0; k < x->n_sides; k++) assert_true(x->sides[k].value > 300 * 1609.0 && x->sides[k].value < 400 * 1609.0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* A share names its whole: "10 percent of its membership" is not "18.9
 * percent of all welfare cases", nor a share of nothing named; an amount
 * names what it is in ("$1.26 billion in investment" vs "$2 billion in lost
 * revenue"). Trap: two shares of one whole that differ are a conflict. */
static void shares_of_a_whole(void **state)
{
    (void)state;
    const char *two_wholes[] = {
        "The tribe has 350 welfare families, or about 10 percent of its membership, on the reservation.",
        "The tribe on the reservation accounts for 18.9 percent of all welfare cases in the state.",
        "The strike on the reservation cost the tribe $2 billion in lost revenue, the council said.",
        "The tribe on the reservation spent $1.5 billion in new investment, the council said.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, two_wholes, 4);
    const cx_fact *f = fact_with(d, "18.9 percent");
    assert_non_null(f);
    assert_true(f->whole > 0);
    for (size_t i = 0; i < d->n_disagreements; i++)
        fprintf(stderr, "reported: %s %s\n", cx_dis_kind_name(d->disagreements[i].kind), d->disagreements[i].subject);
    assert_int_equal(d->n_disagreements, 0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);

    const char *one_whole[] = {
        "Welfare families are about 10 percent of its membership on the reservation, the tribe says.",
        "Welfare families are 15 percent of its membership on the reservation, the state says.",
    };
    d = digest_of(&c, one_whole, 2);
    assert_int_equal(only(d)->kind, CX_DIS_CONFLICT);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Who holds a post: a succession the articles state is an update; two
 * holders of a post worded alike without it are two countries' posts. */
static void post_holders(void **state)
{
    (void)state;
    const char *texts[] = {
        "Outgoing President Elias Hrawi received the envoy in Beirut.",
        "President Elias Hrawi leaves office on Tuesday in Beirut.",
        "The envoy met President Emile Lahoud and former President Elias Hrawi in Beirut.",
        /* the trap: two prime ministers of two countries, no succession said */
        "Prime Minister Tony Blair spoke in London about the extradition.",
        "Prime Minister Jose Maria Aznar spoke in Madrid about the extradition.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 5);
    int holders = 0;
    for (size_t i = 0; i < d->n_disagreements; i++) {
        const cx_disagreement *x = &d->disagreements[i];
        fprintf(stderr, "reported: %s %s\n", cx_dis_kind_name(x->kind), x->subject);
        assert_null(strstr(x->subject, "Prime Minister"));
        if (!strcmp(x->subject, "who is President")) {
            holders++;
            assert_int_equal(x->kind, CX_DIS_UPDATE);
            assert_non_null(strstr(x->sides[0].text, "Hrawi"));
            assert_non_null(strstr(x->sides[1].text, "Lahoud"));
        }
    }
    assert_int_equal(holders, 1);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Versions of one sentence that differ in one name before a name they share
 * ("Laramie's" or "Casper" City Council) state two values; a rewording of a
 * name as an adjective, or sentences that differ elsewhere too, do not. */
static void versions_differing_in_a_name(void **state)
{
    (void)state;
    const char *texts[] = {
        "On hearing of the protest, Laramie's City Council held an emergency meeting Thursday night and "
        "unanimously passed an ordinance banning protests during funerals.",
        "On hearing of the protest, the Casper City Council held an emergency meeting Thursday night and "
        "unanimously passed an ordinance banning protests during funerals.",
        "The four largest moons of Jupiter were discovered by the Italian astronomer Galileo in the year of his trial.",
        "The four largest Jovian moons were discovered by the Italian astronomer Galileo in the year of his trial.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 4);
    const cx_disagreement *x = only(d);
    assert_int_equal(x->kind, CX_DIS_CONFLICT);
    assert_int_equal(x->dim, CX_DIM_SLOT);
    assert_non_null(strstr(x->subject, "City Council held an emergency meeting"));
    assert_true((!strcmp(x->sides[0].text, "Laramie's") && !strcmp(x->sides[1].text, "Casper")) ||
                (!strcmp(x->sides[1].text, "Laramie's") && !strcmp(x->sides[0].text, "Casper")));
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Publication days order a value that can change (who claimed an attack)
 * but not one that cannot in the days a story runs (a person's party): two
 * parties on two days are a correction, a conflict. */
static void slots_over_days(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_corpus_init(&c);
    const char *texts[] = {
        "The militant group Hamas claimed responsibility for the market bombing in Jerusalem. "
        "Bulent Ecevit of the Democratic Left Party was asked to form a government.",
        "The militant group Islamic Jihad claimed responsibility for the market bombing in Jerusalem. "
        "Bulent Ecevit of the Democratic Socialist Party was asked to form a government.",
    };
    for (int i = 0; i < 2; i++) {
        char id[8], src[16];
        snprintf(id, sizeof id, "d%d", i), snprintf(src, sizeof src, "Wire %d", i);
        chorus_article a = {0};
        a.id = strdup(id), a.source = strdup(src), a.text = strdup(texts[i]);
        a.published_unix = 910000000 + 86400 * (int64_t)i; /* two days in Nov. 1998 */
        assert_int_equal(chorus_corpus_add(&c, &a), 0);
    }
    chorus_digest *d;
    chorus_error err = {0};
    assert_int_equal(chorus_digest_build(&c, NULL, &d, &err), 0);
    int seen = 0;
    for (size_t i = 0; i < d->n_disagreements; i++) {
        const cx_disagreement *x = &d->disagreements[i];
        fprintf(stderr, "reported: %s %s\n", cx_dis_kind_name(x->kind), x->subject);
        if (strstr(x->subject, "responsibility")) {
            seen++;
            assert_int_equal(x->kind, CX_DIS_UPDATE);
            assert_string_equal(x->sides[0].text, "Hamas");
        } else if (strstr(x->subject, "party of")) {
            seen++;
            assert_int_equal(x->kind, CX_DIS_CONFLICT);
        }
    }
    assert_int_equal(seen, 2);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void no_facts_from_junk(void **state)
{
    (void)state;
    char junk[2100];
    for (int i = 0; i < 2000; i++) junk[i] = "0123456789,.-/% NaNe"[(i * 7 + i / 13) % 20];
    junk[2000] = '\0';
    const char *texts[] = {junk, "The bridge carries 1,2,3 cars and 10-12-14 trucks, 1e999 bikes and NaN boats."};
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    for (size_t i = 0; i < d->n_facts; i++) assert_true(isfinite(d->facts[i].value));
    assert_int_equal(facts_containing(d, "1,2,3"), 0);
    assert_int_equal(facts_containing(d, "NaN"), 0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* "a decade" is about ten years; a hedge after a compound adjective ("the
 * station's 15-year or more lifetime") bounds it and the noun after it says
 * what is measured; an appositive names it too ("for a decade, the
 * station's estimated lifetime,"). A measure named with its owner needs no
 * other context, and two owners are two things. */
static void durations_in_words_and_owners(void **state)
{
    (void)state;
    const char *texts[] = {
        "The astronauts joined the two modules on Sunday after a long chase in orbit. "
        "The union was meant to last the station's 15-year or more lifetime and set the stage for a spacewalk.",
        "Costs cover operation for a decade, the station's estimated lifetime, at $110 billion.",
        "Costs cover operation for a decade, the shuttle's estimated lifetime, at $110 billion.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 3);
    const cx_fact *f = fact_with(d, "15-year or more lifetime");
    assert_non_null(f);
    assert_int_equal(f->dim, CX_DIM_DURATION);
    assert_true(isinf(f->hi) && f->hedge == CX_HEDGE_MORE);
    assert_int_equal(f->n_holder, 1);
    assert_string_equal(f->holder[0], "station");
    f = fact_with(d, "a decade, the station's estimated lifetime");
    assert_non_null(f);
    assert_true(f->lo > 3000 && f->hi < 4100 && f->rhi < 4100); /* about ten years, never 15 */
    assert_int_equal(d->n_disagreements, 1); /* the shuttle's lifetime is another thing */
    const cx_disagreement *x = &d->disagreements[0];
    assert_int_equal(x->kind, CX_DIS_CONFLICT);
    assert_int_equal(x->n_sides, 2);
    for (size_t k = 0; k < x->n_sides; k++) assert_null(strstr(x->sides[k].text, "shuttle"));
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    /* traps: "a year" is a rate, not a duration; ", the spokesman said," names no measure */
    const char *traps[] = {"Tickets cost $40 a year, and the fee lasted 10 minutes, the spokesman said, at noon.",
                           "The fee lasted 20 minutes, the spokesman said, at noon."};
    d = digest_of(&c, traps, 2);
    assert_int_equal(facts_containing(d, "a year"), 0);
    for (size_t i = 0; i < d->n_facts; i++) assert_null(strstr(d->facts[i].what, "spokesman"));
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* One article that sets two sources' figures side by side reports a
 * disagreement between them ("the news agency said only 62...", "a TV
 * station owned by Hariri said at least 100"). Traps: one source giving two
 * figures, an unattributed figure, "he said", or figures far apart are not
 * compared within the article. */
static void two_sources_in_one_article(void **state)
{
    (void)state;
    const char *texts[] = {
        "The state-run News Agency said only 62 deputies told Lahoud they supported Hariri. "
        "A TV station owned by Hariri said he won the backing of at least 100 deputies."};
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 1);
    assert_int_equal(d->n_disagreements, 1);
    assert_int_equal(d->disagreements[0].kind, CX_DIS_CONFLICT);
    assert_int_equal(d->disagreements[0].n_sides, 2);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    const char *traps[] = {
        /* the same source twice */
        "The News Agency said 62 deputies backed Hariri on Monday. "
        "The News Agency said 100 deputies backed Hariri in the second round.",
        /* one figure unattributed, one told by a pronoun */
        "Some 62 deputies backed Hariri on Monday. He said 100 deputies backed Hariri later.",
        /* far apart in the article */
        "The News Agency said 62 deputies backed Hariri. The vote was held at noon. Crowds gathered outside. "
        "Police closed the roads. A TV station said 100 deputies backed Hariri.",
    };
    for (int t = 0; t < 3; t++) {
        d = digest_of(&c, &traps[t], 1);
        assert_int_equal(d->n_disagreements, 0);
        chorus_digest_free(d);
        chorus_corpus_free(&c);
    }
}

/* Who is to form a government is a slot of the story: the title
 * ("Premier-designate Bulent Ecevit") or the person named just before "to
 * form a government"; "took over" says who holds it now, so the change is
 * an update in that order. Traps: a person far before "to form" (the one
 * who asks), a country's possessive, and one holder named in two ways. */
static void designate_to_form_government(void **state)
{
    (void)state;
    const char *texts[] = {
        "Premier-designate Bulent Ecevit said Thursday he would persist in the difficult task. "
        "Ecevit, who was asked to form a new government Wednesday, needs the support of 99 deputies.",
        "Turkey's latest premier-designate got the backing of two parties. "
        "Yalim Erez is an independent lawmaker from the east of the country. "
        "Erez took over efforts to form a government last week after Bulent Ecevit gave up.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    const cx_disagreement *x = NULL;
    for (size_t i = 0; i < d->n_disagreements; i++)
        if (d->disagreements[i].dim == CX_DIM_SLOT) x = &d->disagreements[i];
    assert_non_null(x);
    assert_int_equal(x->kind, CX_DIS_UPDATE);
    assert_int_equal(x->n_sides, 2);
    assert_non_null(strstr(x->sides[0].text, "Ecevit"));
    assert_non_null(strstr(x->sides[1].text, "Erez"));
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    const char *traps[] = {
        "President Suleyman Demirel appeared likely to turn to some widely trusted lawmaker to form "
        "Turkey's next government. Premier-designate Bulent Ecevit gave up on Monday.",
        "Bulent Ecevit was asked to form a new government on Wednesday by the president. "
        "Premier-designate Ecevit met party leaders on Thursday.",
        /* a refusal names no one to form it */
        "Prime Minister Rafik Hariri was asked but declined to form the next government on Monday.",
    };
    d = digest_of(&c, traps, 3);
    for (size_t i = 0; i < d->n_disagreements; i++) assert_int_not_equal(d->disagreements[i].dim, CX_DIM_SLOT);
    for (size_t i = 0; i < d->n_facts; i++)
        if (d->facts[i].dim == CX_DIM_SLOT) assert_null(strstr(d->facts[i].text, "Hariri"));
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* A sentence that states a change with both its values ("30 people were
 * killed in the attack, up from 25", "cut the rate to 3 percent from 3.3
 * percent") gives the earlier value: against another report of 25 it is an
 * update 25 -> 30 in that order, without dates. Traps: a range ("ranging
 * from 10 seats to more than 40") is no change, and the article's other
 * sentences still count as two things. */
static void change_with_both_values(void **state)
{
    (void)state;
    const char *texts[] = {
        "The bombing shook the market at noon. Police said 25 people were killed in the attack on the market.",
        "The bombing shook the market at noon. Police said 30 people were killed in the attack, up from 25.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    assert_int_equal(d->n_disagreements, 1);
    const cx_disagreement *x = &d->disagreements[0];
    assert_int_equal(x->kind, CX_DIS_UPDATE);
    assert_int_equal(x->n_sides, 2);
    assert_true(x->sides[0].value == 25 && x->sides[1].value == 30);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    const char *rates[] = {
        "Central bankers in Germany met on Thursday. They cut the key interest rate to 3 percent from 3.3 percent.",
    };
    d = digest_of(&c, rates, 1);
    const cx_fact *f = fact_with(d, "3.3 percent");
    assert_non_null(f);
    assert_int_equal(f->era, -1);
    assert_string_equal(f->what, fact_with(d, "3 percent")->what);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    const char *traps[] = {
        "Republicans suffered a net loss of five seats in the House on Tuesday. "
        "Two weeks ago, Gingrich had foreseen election gains ranging from 10 seats to more than 40.",
        "Republicans suffered a net loss of five seats in the House on Tuesday, analysts said. "
        "Two weeks ago, Gingrich had foreseen gains of 10 seats, aides recalled.",
    };
    d = digest_of(&c, traps, 2);
    for (size_t i = 0; i < d->n_facts; i++) assert_int_equal(d->facts[i].era, 0);
    assert_int_equal(d->n_disagreements, 0); /* a range, and one article's two numbers: two things */
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* A rate named before its verb ("The annual inflation rate in the 11
 * nations ... fell to 0.9 percent"), a measure word keyed by its modifier
 * ("inflation rate" is inflation, "interest rate" interest, "the 3.3 percent
 * level" nothing), months as the time of a rate, and "now" as the later of
 * two values. Traps: two rates of different things are not compared. */
static void rate_named_by_its_clause(void **state)
{
    (void)state;
    const char *texts[] = {
        "Prices in the euro zone were steady, the agency said. "
        "Annual inflation in the euro zone stood at 1 percent in October, the agency said.",
        "Prices in the euro zone were steady, the agency said. "
        "The annual inflation rate in the 11 nations of the euro zone fell to 0.9 percent in November, the "
        "agency said.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    const cx_fact *a = fact_with(d, "1 percent"), *b = fact_with(d, "0.9 percent");
    assert_non_null(a), assert_non_null(b);
    assert_non_null(strstr(b->what, "annual inflation rate"));
    assert_int_equal(a->key, b->key); /* "inflation rate" is inflation */
    assert_int_equal(d->n_disagreements, 1);
    assert_int_equal(d->disagreements[0].kind, CX_DIS_UPDATE); /* two months */
    assert_true(d->disagreements[0].sides[0].value == 1 && d->disagreements[0].sides[1].value == 0.9);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    /* "the 3.3 percent level" names no thing of its own; "now" marks the later value */
    const char *level[] = {"Rates were cut toward the 3.3 percent level of the lowest countries. "
                           "Germany's rate was 3.3 percent before the cut, now 3 percent."};
    d = digest_of(&c, level, 1);
    a = fact_with(d, "3.3 percent level");
    assert_non_null(a);
    assert_int_equal(a->key, -1);
    for (size_t i = 0; i < d->n_facts; i++)
        if (!strcmp(d->facts[i].text, "3.3 percent") || !strcmp(d->facts[i].text, "3 percent"))
            assert_int_equal(d->facts[i].era, !strcmp(d->facts[i].text, "3.3 percent") ? -1 : 0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    /* traps: an interest rate is not an inflation rate; an unemployment rate neither */
    const char *traps[] = {
        "Prices in the euro zone were steady, the agency said. "
        "The annual inflation rate in the euro zone fell to 2.8 percent in November, the agency said.",
        "Prices in the euro zone were steady, the agency said. "
        "The key interest rate in the euro zone stood at 3 percent in November, the agency said.",
        "Prices in the euro zone were steady, the agency said. "
        "The unemployment rate in the euro zone stood at 2 percent in November, the agency said.",
    };
    d = digest_of(&c, traps, 3);
    a = fact_with(d, "2.8 percent"), b = fact_with(d, "3 percent");
    assert_non_null(a), assert_non_null(b);
    assert_int_not_equal(a->key, b->key);
    assert_int_not_equal(a->key, fact_with(d, "2 percent")->key);
    assert_int_equal(d->n_disagreements, 0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* The day of a scheduled event, one slot whatever word names it
 * ("countdown", "launching", "took off"): a day beside a halt or a delay, or
 * a plan in the past ("was to lift off"), is superseded. Traps: the start
 * of a countdown is not the launch; one article telling of two launches on
 * two days tells of two things. */
static void launch_day_moved(void **state)
{
    (void)state;
    const char *texts[] = {
        "The shuttle Endeavour waited on the pad. A last-minute alarm forced NASA to halt Thursday's launching.",
        "The shuttle Endeavour waited on the pad. Endeavour took off from Cape Canaveral, Fla., last Friday.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    const cx_disagreement *x = NULL;
    for (size_t i = 0; i < d->n_disagreements; i++)
        if (d->disagreements[i].dim == CX_DIM_SLOT) x = &d->disagreements[i];
    assert_non_null(x);
    assert_int_equal(x->kind, CX_DIS_UPDATE);
    assert_string_equal(x->subject, "day of the launch");
    assert_non_null(strstr(x->sides[0].text, "Thursday"));
    assert_non_null(strstr(x->sides[1].text, "Friday"));
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    const char *plan[] = {"The shuttle was to lift off early Thursday. Its crew boarded again on Friday for liftoff."};
    d = digest_of(&c, plan, 1);
    size_t days = 0;
    for (size_t i = 0; i < d->n_facts; i++)
        if (d->facts[i].dim == CX_DIM_SLOT && d->facts[i].exclusive) {
            days++;
            assert_int_equal(d->facts[i].era, !strcmp(d->facts[i].norm, "thursday") ? -1 : 0);
        }
    assert_int_equal(days, 2);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    const char *traps[] = {
        "The shuttle stood on the pad. The countdown begins Sunday for the shuttle.",
        "The shuttle stood on the pad. The shuttle launch is set for Tuesday.",
        "The shuttle stood on the pad. The Atlantis launch is set for Tuesday and the Discovery launch for Friday.",
        "The shuttle stood on the pad. The next launch could be Friday, officials said.",
    };
    d = digest_of(&c, traps, 4);
    for (size_t i = 0; i < d->n_facts; i++)
        if (d->facts[i].dim == CX_DIM_SLOT) assert_string_not_equal(d->facts[i].norm, "sunday");
    for (size_t i = 0; i < d->n_disagreements; i++) assert_int_not_equal(d->disagreements[i].dim, CX_DIM_SLOT);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    const char *maybe[] = {"The next launch could be Friday, officials said."};
    d = digest_of(&c, maybe, 1);
    for (size_t i = 0; i < d->n_facts; i++) assert_false(d->facts[i].exclusive);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Whether a person can speak: "could not speak" against "was talking to
 * police" or "able to provide a description", keyed by the person (a
 * pronoun read as the person named just before). Traps: a hope ("police
 * hope he can provide a description"), a refusal ("declined to speak"),
 * speech of another person, and a person only ever said to speak. */
static void speech_state_of_a_person(void **state)
{
    (void)state;
    const char *texts[] = {
        "The aide, Ruslan Linkov, was wounded in the attack. He was awake but still could not speak Sunday.",
        "The aide, Ruslan Linkov, was wounded in the attack. Linkov was talking to police on Monday.",
        "The aide, Ruslan Linkov, was wounded in the attack. Ruslan Linkov has been able to provide some "
        "description of the shooting to police.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 3);
    const cx_disagreement *x = NULL;
    for (size_t i = 0; i < d->n_disagreements; i++)
        if (d->disagreements[i].dim == CX_DIM_SLOT) x = &d->disagreements[i];
    assert_non_null(x);
    assert_string_equal(x->subject, "whether Ruslan Linkov could speak");
    assert_int_equal(x->n_sides, 2);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    const char *traps[] = {
        "The aide, Ruslan Linkov, was wounded in the attack. Police hope Linkov can provide a description.",
        "The aide, Ruslan Linkov, was wounded in the attack. Linkov declined to speak to reporters.",
        "The aide, Ruslan Linkov, was wounded in the attack. Linkov was talking to police on Monday.",
        "The aide, Ruslan Linkov, was wounded. The minister, Sergei Stepashin, could not speak for the cabinet.",
    };
    d = digest_of(&c, traps, 4);
    size_t speaking = 0;
    for (size_t i = 0; i < d->n_facts; i++)
        if (d->facts[i].dim == CX_DIM_SLOT && d->facts[i].norm && strstr(d->facts[i].what, "could speak")) {
            speaking++;
            if (!strcmp(d->facts[i].norm, "unable to speak")) assert_string_equal(d->facts[i].holder[0], "sergei stepashin");
            else
                assert_int_equal(d->facts[i].doc, 2); /* only "was talking to police" */
        }
    assert_int_equal(speaking, 2);
    for (size_t i = 0; i < d->n_disagreements; i++) assert_int_not_equal(d->disagreements[i].dim, CX_DIM_SLOT);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Whether a person is at work: "stayed home", "will not go into the
 * office" against "returned to work", "working in the Kremlin". Traps: an
 * order ("ordered the president to stay in bed"), someone else staying
 * home, a person only ever at work. */
static void presence_of_a_person(void **state)
{
    (void)state;
    const char *texts[] = {
        "President Boris Yeltsin was ill. Yeltsin stayed home Tuesday and will probably not go into the office.",
        "President Boris Yeltsin was ill. Yeltsin was working in the Kremlin on Wednesday.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    const cx_disagreement *x = NULL;
    for (size_t i = 0; i < d->n_disagreements; i++)
        if (d->disagreements[i].dim == CX_DIM_SLOT) x = &d->disagreements[i];
    assert_non_null(x);
    assert_string_equal(x->subject, "whether Boris Yeltsin was at work");
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    const char *traps[] = {
        "President Boris Yeltsin was ill. Doctors ordered Yeltsin to stay in bed.",
        "President Boris Yeltsin was ill. His aide, Dmitry Yakushkin, stayed home.",
        "President Boris Yeltsin was ill. Yeltsin returned to work on Wednesday.",
    };
    d = digest_of(&c, traps, 3);
    for (size_t i = 0; i < d->n_facts; i++)
        if (d->facts[i].dim == CX_DIM_SLOT && strstr(d->facts[i].what, "at work"))
            assert_true(d->facts[i].doc != 0 && (d->facts[i].doc == 2 || strcmp(d->facts[i].holder[0], "boris yeltsin")));
    for (size_t i = 0; i < d->n_disagreements; i++) assert_int_not_equal(d->disagreements[i].dim, CX_DIM_SLOT);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Whether a person takes up a post or a role: a refusal with a post after
 * it ("declined an informal invitation to form the next government",
 * "bowing out as premier") against "most likely to be renamed", "now
 * interested in presiding". "now" orders the two. Traps: "declined to
 * comment", a refusal questioned, another person's acceptance. */
static void acceptance_of_a_post(void **state)
{
    (void)state;
    const char *texts[] = {
        "Prime Minister Rafik Hariri met the president. Hariri has declined an invitation to form the next "
        "government.",
        "Prime Minister Rafik Hariri met the president. Hariri is now most likely to be renamed, aides said.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    const cx_disagreement *x = NULL;
    for (size_t i = 0; i < d->n_disagreements; i++)
        if (d->disagreements[i].dim == CX_DIM_SLOT) x = &d->disagreements[i];
    assert_non_null(x);
    assert_string_equal(x->subject, "whether Rafik Hariri takes up the post");
    assert_int_equal(x->kind, CX_DIS_UPDATE); /* "now" says which holds now */
    assert_non_null(strstr(x->sides[0].text, "declined"));
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    const char *traps[] = {
        "Prime Minister Rafik Hariri met the president. Hariri declined to comment on the talks.",
        "Prime Minister Rafik Hariri met the president. Reporters asked whether Hariri refused the post.",
        "Prime Minister Rafik Hariri met the president. Salim Hoss is most likely to be named premier.",
        "Prime Minister Rafik Hariri met the president. Hariri agreed to form a cabinet.",
    };
    d = digest_of(&c, traps, 4);
    for (size_t i = 0; i < d->n_facts; i++)
        if (d->facts[i].dim == CX_DIM_SLOT && strstr(d->facts[i].what, "takes up"))
            assert_string_equal(d->facts[i].norm, "taking it up");
    for (size_t i = 0; i < d->n_disagreements; i++) assert_int_not_equal(d->disagreements[i].dim, CX_DIM_SLOT);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* A group of rates joined through a rate that names no thing ("the 3.3
 * percent level") keeps the thing most of its rates name: the interest
 * rate, not growth next year (a trap the unnamed level reaches through
 * the words around it). */
static void one_rate_per_group(void **state)
{
    (void)state;
    const char *texts[] = {
        "Duisenberg pointed to growth in the euro countries and to cuts toward the 3.3 percent level of the "
        "lowest rate countries.",
        "In Germany, central bankers cut the key interest rate to 3 percent from 3.3 percent. Ten countries "
        "dropped their interest rate to 3 percent. Duisenberg said growth in the euro countries will be about "
        "2.5 percent next year, lower than predicted.",
        "Ten of the 11 countries dropped their key interest rate to 3 percent in a cut. Duisenberg warned growth "
        "in the euro countries will slow to 2.5 percent next year.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 3);
    const cx_disagreement *x = NULL;
    for (size_t i = 0; i < d->n_disagreements; i++)
        if (d->disagreements[i].dim == CX_DIM_PERCENT) x = &d->disagreements[i];
    assert_non_null(x);
    for (size_t k = 0; k < x->n_sides; k++) assert_true(x->sides[k].value == 3 || x->sides[k].value == 3.3);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Who the attackers were, as far as their sex is told: "two men ... shot
 * them" against "a man and a woman opened fire" or "by two assailants, one
 * of them a young woman". Traps: victims ("two men were shot", "gunmen
 * shot two men"), the agent after "by" named as men, and one article
 * naming both (two attacks). */
static void attackers_named_by_sex(void **state)
{
    (void)state;
    const char *texts[] = {
        "The deputy was killed on Friday. Police said two men followed her and shot her on the stairs.",
        "The deputy was killed on Friday. Police believe a man and a woman appeared behind her and opened fire.",
        "The deputy was killed on Friday. She was attacked in the stairwell by two assailants, one of them a "
        "young woman.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 3);
    const cx_disagreement *x = NULL;
    for (size_t i = 0; i < d->n_disagreements; i++)
        if (d->disagreements[i].dim == CX_DIM_SLOT) x = &d->disagreements[i];
    assert_non_null(x);
    assert_string_equal(x->subject, "who the attackers were");
    assert_int_equal(x->n_sides, 2); /* the woman named two ways is one side */
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    const char *traps[] = {
        "The deputy was killed on Friday. In another town two men were shot.",
        "The deputy was killed on Friday. Gunmen shot two men in a bar.",
        "The deputy was killed on Friday. A woman was killed by two men in a bar.",
        "The deputy was killed on Friday. A man and a woman opened fire on a guard. Later two men stabbed a "
        "driver in a bar.",
    };
    d = digest_of(&c, traps, 4);
    for (size_t i = 0; i < d->n_facts; i++)
        if (d->facts[i].dim == CX_DIM_SLOT && strstr(d->facts[i].what, "attackers"))
            assert_true(d->facts[i].doc >= 2);
    for (size_t i = 0; i < d->n_disagreements; i++) assert_int_not_equal(d->disagreements[i].dim, CX_DIM_SLOT);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers),
        cmocka_unit_test(extraction),
        cmocka_unit_test(number_words_and_modifiers),
        cmocka_unit_test(conflict_with_every_source),
        cmocka_unit_test(rounding_is_approximate),
        cmocka_unit_test(ages_conflict),
        cmocka_unit_test(claim_polarity),
        cmocka_unit_test(update_needs_time_evidence),
        cmocka_unit_test(update_from_stated_days),
        cmocka_unit_test(traps_never_compared),
        cmocka_unit_test(referent_of_a_common_noun),
        cmocka_unit_test(roles),
        cmocka_unit_test(slots),
        cmocka_unit_test(illness_and_charges),
        cmocka_unit_test(percent_precision),
        cmocka_unit_test(extents_of_one_article),
        cmocka_unit_test(durations_in_words_and_owners),
        cmocka_unit_test(two_sources_in_one_article),
        cmocka_unit_test(designate_to_form_government),
        cmocka_unit_test(change_with_both_values),
        cmocka_unit_test(rate_named_by_its_clause),
        cmocka_unit_test(launch_day_moved),
        cmocka_unit_test(speech_state_of_a_person),
        cmocka_unit_test(presence_of_a_person),
        cmocka_unit_test(acceptance_of_a_post),
        cmocka_unit_test(one_rate_per_group),
        cmocka_unit_test(attackers_named_by_sex),
        cmocka_unit_test(weekday_before_its_verb),
        cmocka_unit_test(what_is_no_disagreement),
        cmocka_unit_test(burial_place),
        cmocka_unit_test(figures_in_french),
        cmocka_unit_test(keys_in_the_article_language),
        cmocka_unit_test(periods_and_windows),
        cmocka_unit_test(claims_the_reporter_makes),
        cmocka_unit_test(names_in_the_clause),
        cmocka_unit_test(shares_of_a_whole),
        cmocka_unit_test(post_holders),
        cmocka_unit_test(versions_differing_in_a_name),
        cmocka_unit_test(slots_over_days),
        cmocka_unit_test(no_facts_from_junk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
