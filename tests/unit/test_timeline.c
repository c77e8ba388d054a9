/* The timeline: dated events in order, each credited to the outlets that
 * state it; weekdays read against the publication day, or, without one,
 * against a day estimated from the dates the story states. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "digest.h"
#include "texts_digest.h"

static const char *const undated[] = {
    "Officials said the bridge was closed on Jan. 6, 2020 after inspectors found cracks in the main span.\n\n"
    "The inspection that found the cracks took place during the night of Jan. 5, engineers said.\n\n"
    "The city council voted on Jan. 7 to spend four million crowns on urgent repairs of the bridge.",
    "The city closed the Old Harbor Bridge on Monday after inspectors found cracks in the main span.\n\n"
    "Engineers said the cracks were found during an inspection on Sunday night by the city's team.\n\n"
    "On Tuesday the city council voted to spend four million crowns on urgent repairs of the bridge.",
    "Commuters faced long delays across the harbor as the bridge stayed shut for a third straight day.\n\n"
    "The bridge was closed on Monday, the city said, after inspectors found cracks in the main span.",
};

static int32_t day(int y, int m, int d) { return cx_days_from_civil(y, m, d); }

static const cx_timeline_entry *on(const chorus_digest *d, int32_t when, const char *word)
{
    for (size_t i = 0; i < d->n_timeline; i++) {
        const cx_timeline_entry *e = &d->timeline[i];
        if (e->day == when && strstr(d->story.docs[e->doc].sents[e->sent].text, word)) return e;
    }
    return NULL;
}

static void undated_reports(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, undated, 3);
    /* in order */
    for (size_t i = 1; i < d->n_timeline; i++) assert_true(d->timeline[i - 1].day <= d->timeline[i].day);
    /* the closure on Monday 6 January 2020: all three outlets, one stating the date,
     * two the weekday read against the story's dates */
    const cx_timeline_entry *closed = on(d, day(2020, 1, 6), "closed");
    assert_non_null(closed);
    assert_int_equal(closed->n_outlets, 3);
    const cx_timeline_entry *found = on(d, day(2020, 1, 5), "inspection");
    assert_non_null(found);
    assert_true(found->n_outlets >= 2);
    const cx_timeline_entry *vote = on(d, day(2020, 1, 7), "voted");
    assert_non_null(vote);
    assert_int_equal(vote->n_outlets, 2);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void dated_reports(void **state)
{
    (void)state;
    const char *texts[] = {"The city closed the Old Harbor Bridge on Monday after inspectors found cracks in the "
                           "main span, officials said yesterday in a statement to reporters.",
                           "Inspectors said yesterday that the cracks in the main span were found on Sunday, "
                           "and the city closed the Old Harbor Bridge on Monday morning."};
    chorus_corpus c;
    chorus_corpus_init(&c);
    for (int i = 0; i < 2; i++) {
        chorus_article a = {0};
        char id[8], src[16];
        snprintf(id, sizeof id, "a%d", i), snprintf(src, sizeof src, "Outlet %d", i);
        a.id = strdup(id), a.source = strdup(src), a.text = strdup(texts[i]);
        a.published_unix = (int64_t)day(2020, 1, 8) * 86400 + 3600; /* a Wednesday */
        assert_int_equal(chorus_corpus_add(&c, &a), 0);
    }
    chorus_digest *d;
    chorus_error err = {0};
    assert_int_equal(chorus_digest_build(&c, NULL, &d, &err), 0);
    assert_true(d->n_timeline >= 1);
    const cx_timeline_entry *closed = on(d, day(2020, 1, 6), "closed");
    assert_non_null(closed);
    assert_false(closed->estimated);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void no_dates(void **state)
{
    (void)state;
    const char *texts[] = {"The bridge was closed after inspectors found cracks in the main span of it."};
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 1);
    assert_int_equal(d->n_timeline, 0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Many events over a few days, told by outlets in words drawn from a small
 * list, some sentences copied across outlets, dated or not (an undated copy
 * adds an outlet to an event without being one of its members, so members
 * alone do not order the events): the digest's timeline, which
 * asks provenance only of the events that can still be printed, is the one
 * of asking every event (no index: every sentence read). */
static uint32_t next(uint32_t *r)
{
    *r = *r * 1664525u + 1013904223u;
    return *r >> 8;
}

static void only_printable_events_are_asked(void **state)
{
    (void)state;
    static const char *const words[] = {"bridge", "council", "river", "harbor", "tunnel", "mayor", "budget",
                                        "storm", "ferry", "market", "school", "station", "tower", "garden",
                                        "museum", "stadium", "hospital", "airport", "library", "factory"};
    size_t nw = sizeof words / sizeof *words;
    for (uint32_t seed = 1; seed <= 3; seed++) {
        uint32_t r = seed;
        chorus_corpus c;
        chorus_corpus_init(&c);
        char *said[64] = {0};
        size_t n_said = 0;
        for (int i = 0; i < 60; i++) {
            char text[4096] = "";
            for (int k = 0; k < 6; k++) {
                char line[256];
                uint32_t how = next(&r) % 6;
                if (n_said && how < 1) {
                    snprintf(line, sizeof line, "%s", said[next(&r) % n_said]);
                } else if (n_said && how < 3) {
                    /* the same words, undated: carries it without joining its event */
                    const char *x = said[next(&r) % n_said], *on = strstr(x, " on March");
                    snprintf(line, sizeof line, "Earlier %.*s%s", (int)(on - x), x, strchr(on, ',') + 6);
                } else {
                    static const char *const ends[] = {"", "ton", "ville", "mark"};
                    char w[8][16];
                    for (int j = 0; j < 8; j++) {
                        uint32_t x = next(&r) % (uint32_t)(4 * nw);
                        snprintf(w[j], sizeof w[j], "%s%s", words[x % nw], ends[x / nw]);
                    }
                    snprintf(line, sizeof line, "The %s %s %s %s %s %s %s on March %d, 2019 in %s.", w[0], w[1], w[2],
                             w[3], w[4], w[5], w[6], 1 + (int)(next(&r) % 7), w[7]);
                    if (n_said < 64) said[n_said++] = strdup(line);
                }
                strcat(text, line), strcat(text, "\n\n");
            }
            char id[16], src[24];
            snprintf(id, sizeof id, "a%d", i), snprintf(src, sizeof src, "Outlet %d", i / 2);
            chorus_article a = {0};
            a.id = strdup(id), a.source = strdup(src), a.text = strdup(text);
            a.published_unix = (int64_t)(day(2019, 3, 8) + (int)(next(&r) % 3)) * 86400;
            assert_int_equal(chorus_corpus_add(&c, &a), 0);
        }
        for (size_t k = 0; k < n_said; k++) free(said[k]);
        chorus_digest *d;
        chorus_error err = {0};
        assert_int_equal(chorus_digest_build(&c, NULL, &d, &err), 0);
        assert_int_equal(d->n_timeline, CX_TIMELINE_MAX);
        cx_story_dates dates = {0};
        assert_int_equal(cx_story_dates_build(&d->story, &dates), 0);
        cx_timeline_entry *all;
        int n = cx_timeline_build(&d->story, NULL, &dates, &all);
        assert_int_equal(n, (int)d->n_timeline);
        for (int i = 0; i < n; i++) {
            const cx_timeline_entry *x = &d->timeline[i], *y = &all[i];
            assert_int_equal(x->day, y->day);
            assert_int_equal(x->doc, y->doc);
            assert_int_equal(x->sent, y->sent);
            assert_int_equal(x->n_outlets, y->n_outlets);
            assert_memory_equal(x->outlets, y->outlets, sizeof *x->outlets * x->n_outlets);
        }
        cx_timeline_free(all, (size_t)n);
        cx_story_dates_free(&dates);
        chorus_digest_free(d);
        chorus_corpus_free(&c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(undated_reports), cmocka_unit_test(dated_reports),
                                       cmocka_unit_test(no_dates),
                                       cmocka_unit_test(only_printable_events_are_asked)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
