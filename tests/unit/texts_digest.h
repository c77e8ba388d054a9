/* A digest of hand-written texts for the tests: one article and one outlet
 * ("Outlet N") per text, no dates. */
#ifndef CHORUS_TEST_TEXTS_DIGEST_H
#define CHORUS_TEST_TEXTS_DIGEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"

static inline chorus_digest *digest_of(chorus_corpus *c, const char *const *texts, int n)
{
    chorus_corpus_init(c);
    for (int i = 0; i < n; i++) {
        char id[16], src[24];
        snprintf(id, sizeof id, "a%d", i);
        snprintf(src, sizeof src, "Outlet %d", i);
        chorus_article a = {0};
        a.id = strdup(id), a.source = strdup(src), a.text = strdup(texts[i]);
        a.published_unix = INT64_MIN;
        assert_int_equal(chorus_corpus_add(c, &a), 0);
    }
    chorus_digest *d;
    chorus_error err = {0};
    assert_int_equal(chorus_digest_build(c, NULL, &d, &err), 0);
    if (n == 1) {
        /* a digest of one article reads the facts of the sentences that can
         * disagree only: the tests read what every sentence states */
        cx_story_dates dates = {0};
        assert_int_equal(cx_story_dates_build(&d->story, &dates), 0);
        cx_disagreements_free(d->disagreements, d->n_disagreements);
        cx_facts_free(d->facts, d->n_facts);
        assert_int_equal(cx_facts_collect(&d->story, &dates, &d->facts, &d->n_facts), 0);
        assert_int_equal(cx_compare_facts(&d->story, d->facts, d->n_facts, &d->disagreements, &d->n_disagreements), 0);
        cx_story_dates_free(&dates);
    }
    return d;
}

#endif
