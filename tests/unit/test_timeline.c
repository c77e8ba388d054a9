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

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(undated_reports), cmocka_unit_test(dated_reports),
                                       cmocka_unit_test(no_dates)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
