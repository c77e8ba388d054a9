/* Figures: numbers in words and digits, what they count, and disagreements
 * only where outlets count the same thing differently. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "shared_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "figures.h"
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
}

static const cx_figure *figure_with(const chorus_digest *d, const char *text)
{
    for (size_t i = 0; i < d->n_figures; i++)
        if (!strcmp(d->figures[i].text, text)) return &d->figures[i];
    return NULL;
}

static void what_is_counted(void **state)
{
    (void)state;
    const char *texts[] = {"Around 1,200 Dutch soldiers remain in Mali, the ministry said on Jan. 6.\n\n"
                           "The mission began more than four years ago in 76 countries.\n\n"
                           "Officials would not say how many troops were in Gao. The ministry said the number was "
                           "about 300."};
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 1);
    const cx_figure *f = figure_with(d, "Around 1,200 Dutch soldiers");
    assert_non_null(f);
    assert_true(f->value == 1200 && f->hedged && f->kind == CX_FIG_COUNT);
    assert_string_equal(f->noun_class, "troops");
    assert_string_equal(f->modifier, "dutch");
    f = figure_with(d, "Jan. 6");
    assert_non_null(f);
    assert_true(f->kind == CX_FIG_DATE && f->value == 106);
    f = figure_with(d, "more than four years");
    assert_non_null(f);
    assert_true(f->kind == CX_FIG_DURATION && f->bound == 1 && f->value == 4);
    f = figure_with(d, "76 countries");
    assert_non_null(f);
    assert_string_equal(f->noun_class, "countries");
    /* a bare number counts what the sentence before asked about */
    f = figure_with(d, "about 300");
    assert_non_null(f);
    assert_string_equal(f->noun_class, "troops");
    assert_true(f->noun_from_context);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void disagreement_found(void **state)
{
    (void)state;
    const char *texts[] = {
        "Some 1,200 Dutch soldiers are deployed in Mali as part of the United Nations mission.",
        "About 1,200 Dutch troops remain in Mali under the United Nations flag, officials said.",
        "Roughly 1,350 Dutch forces are stationed in Mali for the United Nations, the minister said.",
        "The harbor of Rotterdam handled 14 ships on Monday.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 4);
    assert_int_equal(d->n_disagreements, 1);
    const cx_disagreement *x = &d->disagreements[0];
    assert_int_equal(x->n_values, 2);
    for (size_t k = 0; k < 2; k++) {
        const cx_fig_value *v = &x->values[k];
        if (v->value == 1200) {
            assert_int_equal(v->n_outlets, 2);
            assert_int_equal(v->outlets[0], 0), assert_int_equal(v->outlets[1], 1);
        } else {
            assert_true(v->value == 1350);
            assert_int_equal(v->n_outlets, 1);
            assert_int_equal(v->outlets[0], 2);
        }
    }
    assert_false(x->approximate); /* 12% apart */
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void no_disagreement_invented(void **state)
{
    (void)state;
    const char *texts[] = {
        /* different modifiers: Dutch vs Malian soldiers */
        "Some 1,200 Dutch soldiers are deployed in Mali as part of the United Nations mission.",
        "Some 1,500 Malian soldiers are deployed in Mali beside the United Nations mission.",
        /* the same noun in unrelated context */
        "The storm killed 40 people in Manila on Tuesday.",
        "Organizers said 55 people attended the concert in Vienna.",
        /* a bound does not contradict a value */
        "More than 1,000 Dutch soldiers are in Mali for the United Nations.",
        /* small counts in loose context */
        "Two ships of the United Nations mission left Mali.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 6);
    for (size_t i = 0; i < d->n_disagreements; i++) fprintf(stderr, "unexpected: %s\n", d->disagreements[i].what);
    assert_int_equal(d->n_disagreements, 0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

static void seeds_troops(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0};
    char path[1024];
    snprintf(path, sizeof path, "%s/seeds", CHORUS_SHARED_DIR);
    REQUIRE_SHARED(path);
    if (chorus_read_path(&c, path, &err) < 5)
        fail_msg("the seed articles are missing from %s: the shared data must be present", path);
    chorus_digest *d;
    assert_int_equal(chorus_digest_build(&c, NULL, &d, &err), 0);
    /* exactly one disagreement: US troops in Iraq, 5,000 vs 5,200 */
    assert_int_equal(d->n_disagreements, 1);
    const cx_disagreement *x = &d->disagreements[0];
    assert_int_equal(x->n_values, 2);
    for (size_t k = 0; k < 2; k++) {
        const cx_fig_value *v = &x->values[k];
        char names[256] = "";
        for (size_t o = 0; o < v->n_outlets; o++) {
            const char *id = NULL;
            for (size_t a = 0; a < d->story.n_docs && !id; a++)
                if (d->story.doc_outlet[a] == v->outlets[o]) id = d->story.docs[a].art->id;
            strncat(names, id, sizeof names - strlen(names) - 2);
            strcat(names, " ");
        }
        if (v->value == 5000) {
            assert_int_equal(v->n_outlets, 3);
            assert_non_null(strstr(names, "001_")), assert_non_null(strstr(names, "003_")),
                assert_non_null(strstr(names, "004_"));
        } else {
            assert_true(v->value == 5200);
            assert_int_equal(v->n_outlets, 1);
            assert_non_null(strstr(names, "002_"));
        }
    }
    assert_string_equal(d->story.outlets[x->values[x->values[0].value == 5200 ? 0 : 1].outlets[0]], "FRANCE 24");
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers),
        cmocka_unit_test(what_is_counted),
        cmocka_unit_test(disagreement_found),
        cmocka_unit_test(no_disagreement_invented),
        cmocka_unit_test(seeds_troops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
