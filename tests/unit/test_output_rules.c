/* Rules at their edges that no other test pins: which sentences may enter a
 * summary by length, and Markdown output that article text cannot reshape. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "texts_digest.h"

static void summary_candidates_have_eight_to_sixty_words(void **state)
{
    (void)state;
    cx_sent s = {0};
    s.text = "The council closed the old bridge on Monday night.";
    s.len = strlen(s.text);
    s.n_words = 7;
    assert_false(cx_summary_candidate(&s));
    s.n_words = 8;
    assert_true(cx_summary_candidate(&s));
    s.n_words = 60;
    assert_true(cx_summary_candidate(&s));
    s.n_words = 61;
    assert_false(cx_summary_candidate(&s));
}

static char *render(const chorus_digest *d, chorus_format f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    chorus_error err = {0};
    assert_int_equal(chorus_digest_render(d, f, out, &err), 0);
    fclose(out);
    return buf;
}

static void markdown_escapes_what_article_text_holds(void **state)
{
    (void)state;
    const char *texts[] = {
        "The mayor said the *emergency* repairs on the [old] bridge would cost_more than planned.",
        "The mayor said the *emergency* repairs on the [old] bridge would cost_more than planned, "
        "officials added on Tuesday.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    char *md = render(d, CHORUS_FORMAT_MD);
    assert_non_null(strstr(md, "\\*emergency\\*"));
    assert_non_null(strstr(md, "\\[old\\]"));
    assert_non_null(strstr(md, "cost\\_more"));
    assert_null(strstr(md, " *emergency*"));
    free(md);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(summary_candidates_have_eight_to_sixty_words),
        cmocka_unit_test(markdown_escapes_what_article_text_holds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
