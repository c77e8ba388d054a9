/* A digest of one article computes only what can show: facts are read
 * only from sentences that name a source beside another such sentence (no
 * other sentence of one article can disagree with anything), and the
 * disagreements are those every sentence's facts give. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "digest.h"

static chorus_digest *one(chorus_corpus *c, const char *text)
{
    chorus_corpus_init(c);
    chorus_article a = {0};
    a.id = strdup("a"), a.source = strdup("Wire"), a.text = strdup(text);
    a.published_unix = INT64_MIN;
    assert_int_equal(chorus_corpus_add(c, &a), 0);
    chorus_digest *d;
    chorus_error err = {0};
    assert_int_equal(chorus_digest_build(c, NULL, &d, &err), 0);
    return d;
}

/* The disagreements of every sentence's facts, as a digest computed them
 * before it left sentences out. */
static size_t all_disagreements(chorus_digest *d, size_t *n_facts)
{
    cx_story_dates dates = {0};
    assert_int_equal(cx_story_dates_build(&d->story, &dates), 0);
    cx_fact *f;
    cx_disagreement *x;
    size_t nx;
    assert_int_equal(cx_facts_collect(&d->story, &dates, &f, n_facts), 0);
    assert_int_equal(cx_compare_facts(&d->story, f, *n_facts, &x, &nx), 0);
    cx_disagreements_free(x, nx);
    cx_facts_free(f, *n_facts);
    cx_story_dates_free(&dates);
    return nx;
}

static void two_sources_still_disagree(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_digest *d = one(&c,
                           "Parliament voted on the new president on Monday in Beirut. "
                           "The state news agency said only 62 deputies attended the session. "
                           "A TV station owned by Hariri said at least 100 deputies attended the session. "
                           "The session lasted three hours and ended with 3 votes. "
                           "Lawmakers from the south said 12 of them stayed away in protest.");
    size_t n_all;
    assert_int_equal(all_disagreements(d, &n_all), 1);
    assert_int_equal(d->n_disagreements, 1);
    assert_int_equal(d->disagreements[0].n_sides, 2);
    assert_true(d->disagreements[0].sides[0].value == 62 || d->disagreements[0].sides[1].value == 62);
    assert_true(d->n_facts < n_all); /* "3 votes" was not read */
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void no_named_sources_no_facts(void **state)
{
    (void)state;
    chorus_corpus c;
    /* figures that would disagree across two articles; in one, sources told
     * by pronouns only ("he said") or one source alone */
    chorus_digest *d = one(&c,
                           "Three people died in the fire on Main Street, he said. "
                           "Four people died in the fire, she said later. "
                           "The fire started at 2 a.m. in a bakery. "
                           "Police said 40 firefighters fought the blaze for five hours.");
    size_t n_all;
    assert_int_equal(all_disagreements(d, &n_all), 0);
    assert_true(n_all > 0);
    assert_int_equal(d->n_disagreements, 0);
    assert_int_equal(d->n_facts, 0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(two_sources_still_disagree),
                                       cmocka_unit_test(no_named_sources_no_facts)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
