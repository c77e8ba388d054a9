/* One quote carried by several articles becomes one entry listing every
 * outlet; different quotes that share a few words stay apart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "quotes.h"
#include "texts_digest.h"

/* How many entries hold needle, and the first of them. */
static size_t entries_with(const chorus_digest *d, const char *needle, const cx_quote **first)
{
    size_t n = 0;
    *first = NULL;
    for (size_t i = 0; i < d->n_quotes; i++)
        if (strstr(d->quotes[i].text, needle)) {
            if (!n) *first = &d->quotes[i];
            n++;
        }
    return n;
}

static void identical_short_quotes_are_one(void **state)
{
    (void)state;
    /* one content word, said twice (it counts once): equal text still merges */
    const char *texts[] = {
        "Republicans lost five seats on Tuesday. \"Shellacked, just shellacked,\" said Rep. Chris Cannon.\n\n"
        "The party will meet next week.",
        "The losses stunned the party. \"Shellacked, just shellacked,\" said Rep. Chris Cannon.\n\n"
        "Leaders met on Wednesday."};
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    const cx_quote *q;
    assert_int_equal(entries_with(d, "shellacked", &q), 1);
    assert_int_equal(q->n_outlets, 2);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void a_piece_joins_the_whole(void **state)
{
    (void)state;
    const char *texts[] = {
        "The mayor spoke at noon. \"We will rebuild the harbour wall before the winter storms arrive, and every "
        "family that lost a boat will be paid,\" Mayor Ann Hale said.\n\nWork starts in May.",
        "Mayor Ann Hale promised to \"rebuild the harbour wall before the winter storms\" and to pay families.\n\n"
        "Residents were doubtful."};
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    const cx_quote *q;
    assert_int_equal(entries_with(d, "harbour wall", &q), 1);
    assert_int_equal(q->n_outlets, 2);
    assert_non_null(strstr(q->text, "every family")); /* the entry shows the longest version */
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void scattered_common_words_are_not_a_version(void **state)
{
    (void)state;
    /* "want", "get" and "well" all occur in the long quote, far apart and out of order */
    const char *texts[] = {
        "The coach was blunt. \"Well, we want the players to rest, and if they get hurt again the season is over "
        "for all of us,\" coach Tom Reyes said.\n\nThe team plays Sunday.",
        "His sister waited at the hospital. A sign on the door read \"I want him to get well\" in red letters.\n\n"
        "Doctors were hopeful."};
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    const cx_quote *q;
    assert_int_equal(entries_with(d, "players to rest", &q), 1);
    assert_int_equal(q->n_outlets, 1);
    assert_int_equal(entries_with(d, "get well", &q), 1);
    assert_int_equal(q->n_outlets, 1);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void two_quotes_printed_as_one_are_one_entry(void **state)
{
    (void)state;
    /* the first outlet prints two quotes, the second prints them as one: the
     * one-quote version met the first half's group first, and the second half
     * must not stay a separate entry whose words are inside the first */
    const char *texts[] = {
        "The minister was asked about the closure. \"There has been no decision whatsoever to close the northern "
        "rail line,\" Minister Lena Park said. \"Nor did we draw up any plans to close it or to cut its trains,\" "
        "she added.\n\nThe line carries nine thousand people a day.",
        "\"There has been no decision whatsoever to close the northern rail line. Nor did we draw up any plans to "
        "close it or to cut its trains,\" Minister Lena Park said on Monday.\n\nUnions had called a strike."};
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    const cx_quote *q;
    assert_int_equal(entries_with(d, "cut its trains", &q), 1);
    assert_int_equal(q->n_outlets, 2);
    assert_int_equal(q->n_src, 3); /* both halves of the first outlet and the whole of the second */
    assert_non_null(strstr(q->text, "northern rail line. Nor did we"));
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void a_short_fragment_joins_the_quote_its_outlet_carries(void **state)
{
    (void)state;
    /* two content words: too short to be a version by itself. The first
     * outlet quotes the fragment and the whole; a third outlet carries only
     * the fragment, which then stands for itself (and the first outlet's
     * copy of it with it) */
    const char *texts[] = {
        "Minister Lena Park vowed to \"shut the depot\" before summer. \"We will shut the depot in May and pay every "
        "worker who loses a shift,\" Park said.\n\nThe depot employs two hundred people.",
        "\"We will shut the depot in May and pay every worker who loses a shift,\" Minister Lena Park said.\n\n"
        "Unions called a strike.",
        "Minister Lena Park said she would \"shut the depot\" soon.\n\nThe council meets on Friday."};
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    const cx_quote *q;
    assert_int_equal(entries_with(d, "shut the depot", &q), 1);
    assert_int_equal(q->n_outlets, 2);
    assert_int_equal(q->n_src, 3); /* the fragment is listed under the whole quote */
    chorus_digest_free(d);
    chorus_corpus_free(&c);

    d = digest_of(&c, texts, 3);
    assert_int_equal(entries_with(d, "shut the depot", &q), 2);
    assert_int_equal(entries_with(d, "every worker", &q), 1);
    assert_int_equal(q->n_src, 2);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void a_sentence_capital_is_not_another_speaker(void **state)
{
    (void)state;
    /* "The ministry said" opens a sentence; "the ministry said" does not */
    const char *texts[] = {
        "Officials spoke on Monday. \"We will rebuild the bridge by spring and reopen the road to traffic,\" the "
        "ministry said.\n\nWork on the bridge starts in March.",
        "The ministry said: \"Every family on the island will get help with the repairs this winter.\"\n\n"
        "The storm hit the island on Sunday."};
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    const cx_quote *q;
    assert_int_equal(entries_with(d, "rebuild the bridge", &q), 1);
    assert_string_equal(q->speaker, "the ministry");
    assert_int_equal(entries_with(d, "Every family", &q), 1);
    assert_string_equal(q->speaker, "the ministry");
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void a_shared_fragment_does_not_chain_two_quotes(void **state)
{
    (void)state;
    /* the fragment is a piece of both long quotes; the two long quotes are
     * different statements and must stay two entries */
    const char *texts[] = {
        "Police gave few details. \"We will not discuss the search for the missing suspect, the witnesses or "
        "what they have told investigators,\" Chief Lena Ortiz said.\n\nThe search went on.",
        "Officers widened \"the search for the missing suspect\" on Friday, police said.\n\nRoads were closed.",
        "A ranger described the terrain. \"The search for the missing suspect moved into the high valleys, where "
        "snow came early and the trails are closed,\" ranger Paul Dunn said.\n\nHelicopters helped."};
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 3);
    const cx_quote *ortiz, *dunn;
    assert_int_equal(entries_with(d, "what they have told investigators", &ortiz), 1);
    assert_int_equal(entries_with(d, "high valleys", &dunn), 1);
    assert_true(ortiz != dunn);
    assert_int_equal(ortiz->n_outlets + dunn->n_outlets, 3); /* the fragment joined one of them */
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(identical_short_quotes_are_one),
        cmocka_unit_test(a_piece_joins_the_whole),
        cmocka_unit_test(scattered_common_words_are_not_a_version),
        cmocka_unit_test(a_shared_fragment_does_not_chain_two_quotes),
        cmocka_unit_test(two_quotes_printed_as_one_are_one_entry),
        cmocka_unit_test(a_short_fragment_joins_the_quote_its_outlet_carries),
        cmocka_unit_test(a_sentence_capital_is_not_another_speaker),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
