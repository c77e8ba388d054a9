/* Provenance: which outlets carry a sentence's information, at each rule's
 * edge. Words are invented (radio-alphabet names) so every one is a content
 * word with a stem of its own; each case sits just on either side of one
 * threshold, so moving a threshold or dropping a rule fails a test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provenance.h"
#include "story_build.h"

typedef struct {
    chorus_corpus corpus;
    cx_story story;
} fixture;

/* One article per text, each from its own outlet ("Outlet N"). */
static void build(fixture *f, const char *const *texts, int n)
{
    chorus_corpus_init(&f->corpus);
    for (int i = 0; i < n; i++) {
        char id[16], src[24];
        snprintf(id, sizeof id, "a%d", i);
        snprintf(src, sizeof src, "Outlet %d", i);
        chorus_article a = {0};
        a.id = strdup(id), a.source = strdup(src), a.text = strdup(texts[i]);
        a.published_unix = INT64_MIN;
        assert_int_equal(chorus_corpus_add(&f->corpus, &a), 0);
    }
    chorus_error err = {0};
    assert_int_equal(cx_story_build(&f->story, &f->corpus, &err), 0);
    for (int i = 0; i < n; i++) assert_true(f->story.docs[i].n_sents > 0);
}

static void done(fixture *f)
{
    cx_story_free(&f->story);
    chorus_corpus_free(&f->corpus);
}

/* Does outlet `o` carry sentence 0 of article 0? */
static int carries(fixture *f, int o)
{
    int *v;
    int n = cx_provenance(&f->story, NULL, 0, 0, &v);
    assert_true(n >= 1);
    int found = 0;
    for (int i = 0; i < n; i++) found |= v[i] == f->story.doc_outlet[o];
    free(v);
    return found;
}

#define TEN "Alpha bravo charlie delta echo foxtrot golf hotel india juliet."

static void half_of_the_content_words_in_order_carries(void **state)
{
    (void)state;
    const char *t[] = {TEN,
                       "Then alpha bravo charlie delta echo.",  /* 5 of 10 */
                       "Then alpha bravo charlie delta."};      /* 4 of 10 */
    fixture f;
    build(&f, t, 3);
    assert_true(carries(&f, 0));
    assert_true(carries(&f, 1));
    assert_false(carries(&f, 2));
    done(&f);
}

static void the_same_words_in_another_order_do_not(void **state)
{
    (void)state;
    /* all ten words; shared ordered pairs of the nine: 3 (a quarter or more) and 2 */
    const char *t[] = {TEN,
                       "Alpha bravo charlie delta juliet india hotel golf foxtrot echo.",
                       "Alpha bravo charlie juliet india hotel golf foxtrot echo delta."};
    fixture f;
    build(&f, t, 3);
    assert_true(carries(&f, 1));
    assert_false(carries(&f, 2));
    done(&f);
}

static void a_statement_split_over_two_sentences_carries(void **state)
{
    (void)state;
    /* 7 of 10 over two sentences (each under half) carries; 6 of 10 does not */
    const char *t[] = {TEN,
                       "It was alpha and bravo and charlie and delta. Then came echo and foxtrot and golf.",
                       "It was alpha and bravo and charlie. Then came delta and echo and foxtrot."};
    fixture f;
    build(&f, t, 3);
    assert_true(carries(&f, 1));
    assert_false(carries(&f, 2));
    done(&f);
}

static void the_same_quote_with_another_attribution_carries(void **state)
{
    (void)state;
    /* five quoted words among thirteen: four of them quoted elsewhere carry, three do not */
    const char *t[] = {"\"Kilo lima mike november oscar,\" papa quebec romeo sierra tango uniform victor whiskey said.",
                       "Xray yankee zulu repeated \"kilo lima mike november\" to them.",
                       "Xray yankee zulu repeated \"kilo lima mike\" to them."};
    fixture f;
    build(&f, t, 3);
    assert_true(carries(&f, 1));
    assert_false(carries(&f, 2));
    done(&f);
}

static void a_copy_is_a_duplicate_and_carries_what_its_original_carries(void **state)
{
    (void)state;
    const char *body = "Alpha bravo charlie delta echo foxtrot golf hotel india juliet. "
                       "Kilo lima mike november oscar papa quebec romeo sierra tango. "
                       "Uniform victor whiskey xray yankee zulu alpha bravo charlie delta.";
    const char *other = "Echo foxtrot golf hotel india juliet kilo lima mike november. "
                        "Oscar papa quebec romeo sierra tango uniform victor whiskey xray.";
    const char *t[] = {body, body, other};
    fixture f;
    build(&f, t, 3);
    assert_int_equal(cx_mark_duplicate_docs(&f.story, 0.6), 0);
    assert_int_equal(f.story.docs[1].duplicate_of, 0);
    assert_true(f.story.docs[1].duplicate_similarity > 0.99);
    assert_int_equal(f.story.docs[2].duplicate_of, -1);
    assert_true(carries(&f, 1));
    done(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(half_of_the_content_words_in_order_carries),
        cmocka_unit_test(the_same_words_in_another_order_do_not),
        cmocka_unit_test(a_statement_split_over_two_sentences_carries),
        cmocka_unit_test(the_same_quote_with_another_attribution_carries),
        cmocka_unit_test(a_copy_is_a_duplicate_and_carries_what_its_original_carries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
