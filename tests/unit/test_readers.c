/* Input readers: good inputs become articles, bad ones are skipped with a
 * message naming the place, and nothing crashes or disappears. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chorus.h"
#include "util.h"

static void jsonl_good_and_bad_lines(void **state)
{
    (void)state;
    const char *data = "{\"id\":\"a1\",\"source\":\"Wire\",\"published\":\"2020-01-06T10:00:00Z\",\"title\":\"T\",\"text\":\"Body one.\"}\n"
                       "{\"id\":\"a2\",\"text\": 12}\n"
                       "not json at all\n"
                       "\n"
                       "{\"text\":\"Only text.\"}\n"
                       "[1,2]\n";
    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0};
    int n = chorus_read_buffer(&c, "feed.jsonl", data, strlen(data), &err);
    assert_int_equal(n, 2);
    assert_int_equal(c.n_articles, 2);
    assert_string_equal(c.articles[0].source, "Wire");
    assert_int_equal(c.articles[0].published_unix, 1578304800);
    assert_string_equal(c.articles[1].source, "feed"); /* outlet falls back to the file name */
    assert_int_equal(c.n_skipped, 3);
    assert_string_equal(c.skipped[0].origin, "feed.jsonl:2");
    assert_string_equal(c.skipped[1].origin, "feed.jsonl:3");
    assert_non_null(strstr(c.skipped[1].reason, "malformed JSON"));
    assert_string_equal(c.skipped[2].origin, "feed.jsonl:6");
    chorus_corpus_free(&c);
}

/* Dates from feeds are hostile input: digit runs must not overflow (found by
 * the JSONL fuzzer: "5nov0777777777777777777777"). */
static void dates_parse_or_are_unknown(void **state)
{
    (void)state;
    assert_int_equal(cx_parse_time("2020-01-06"), 1578268800);
    assert_int_equal(cx_parse_time("Mon, 06 Jan 2020 10:00:00 GMT"), 1578304800);
    assert_int_equal(cx_parse_time("5nov0777777777777777777777777777777777-77777777777"), INT64_MIN);
    assert_int_equal(cx_parse_time("06 Jan 2020 -5:-3:00"), INT64_MIN);
    assert_int_equal(cx_parse_time("2020-01-06T-1:00"), INT64_MIN);
    assert_int_equal(cx_parse_time("yesterday"), INT64_MIN);
    const char *line = "{\"published\":\"5nov0777777777777777777777777777777777-7777777777724\",\"text\":\"Th\"}\n";
    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0};
    assert_int_equal(chorus_read_buffer(&c, "f.jsonl", line, strlen(line), &err), 1);
    assert_int_equal(c.articles[0].published_unix, INT64_MIN);
    chorus_corpus_free(&c);
}

/* A text file with a few NUL bytes is text: read with them as spaces and a
 * warning, the text after them kept. */
static void text_with_rare_nuls(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0};
    char buf[400];
    memset(buf, 'a', sizeof buf);
    for (size_t i = 39; i < sizeof buf; i += 40) buf[i] = '\n';
    buf[41] = buf[42] = buf[43] = '\0';
    memcpy(buf + 200, "The end of the text.", 20);
    assert_int_equal(chorus_read_buffer(&c, "nuls.txt", buf, sizeof buf, &err), 1);
    assert_int_equal(c.n_articles, 1);
    assert_non_null(strstr(c.articles[0].text, "The end of the text."));
    assert_int_equal(c.n_skipped, 1);
    assert_int_equal(c.skipped[0].note, 2);
    assert_non_null(strstr(c.skipped[0].reason, "3 NUL bytes (the first at byte 41) read as spaces"));
    chorus_corpus_free(&c);
}

static void text_empty_binary_and_invalid_utf8(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0};
    assert_int_equal(chorus_read_buffer(&c, "empty.txt", "", 0, &err), 0);
    const char bin[] = "ab\0\x01\x02\x03zz";
    assert_int_equal(chorus_read_buffer(&c, "junk.txt", bin, sizeof bin, &err), 0);
    const char bad[] = "Good start \xC3\x28 then bad.";
    /* not UTF-8: read in a guessed legacy charset, with a warning */
    assert_int_equal(chorus_read_buffer(&c, "latin.txt", bad, strlen(bad), &err), 1);
    assert_int_equal(c.n_skipped, 3);
    assert_non_null(strstr(c.skipped[0].reason, "empty"));
    assert_non_null(strstr(c.skipped[1].reason, "binary data at byte 2"));
    assert_non_null(strstr(c.skipped[2].reason, "not UTF-8 (invalid byte at 11)"));
    assert_int_equal(c.skipped[2].note, 2);
    chorus_article_free(&c.articles[0]);
    c.n_articles = 0;
    const char ok[] = "Title line\n\nA body sentence.\n\n(Example Times)\n";
    assert_int_equal(chorus_read_buffer(&c, "dir/story.txt", ok, strlen(ok), &err), 1);
    assert_string_equal(c.articles[0].source, "Example Times"); /* the closing credit names the outlet */
    chorus_corpus_free(&c);
}

static void huge_line_is_read(void **state)
{
    (void)state;
    size_t n = 10u * 1024u * 1024u;
    char *big = malloc(n + 1);
    for (size_t i = 0; i < n; i++) big[i] = (i % 7 == 6) ? ' ' : 'a';
    big[n] = '\0';
    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0};
    assert_int_equal(chorus_read_buffer(&c, "big.txt", big, n, &err), 1);
    chorus_digest *d = NULL;
    /* the digest of junk prose must not crash; it may select nothing */
    assert_int_equal(chorus_digest_build(&c, NULL, &d, &err), 0);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    free(big);
}

static void missing_path_and_directory_order(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0};
    assert_true(chorus_read_path(&c, "/nonexistent/chorus-input", &err) < 0);
    assert_non_null(strstr(err.message, "/nonexistent/chorus-input"));
    char dir[] = "/tmp/chorus-readers-XXXXXX";
    assert_non_null(mkdtemp(dir));
    const char *names[] = {"b.txt", "a.txt", "c.txt"};
    for (int i = 0; i < 3; i++) {
        char p[256];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        FILE *f = fopen(p, "w");
        fprintf(f, "Article %s has a body sentence.\n", names[i]);
        fclose(f);
    }
    assert_int_equal(chorus_read_path(&c, dir, &err), 3);
    assert_string_equal(c.articles[0].source, "a");
    assert_string_equal(c.articles[1].source, "b");
    assert_string_equal(c.articles[2].source, "c");
    for (int i = 0; i < 3; i++) {
        char p[256];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
    chorus_corpus_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jsonl_good_and_bad_lines),
        cmocka_unit_test(dates_parse_or_are_unknown),
        cmocka_unit_test(text_empty_binary_and_invalid_utf8),
        cmocka_unit_test(text_with_rare_nuls),
        cmocka_unit_test(huge_line_is_read),
        cmocka_unit_test(missing_path_and_directory_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
