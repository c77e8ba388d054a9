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
    return d;
}

#endif
