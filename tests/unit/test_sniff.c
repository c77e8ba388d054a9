/* One way in: an input's format comes from its content; the file name only
 * speaks for content that is plain text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "chorus.h"
#include "sniff.h"

static cx_input_format of(const char *name, const char *data) { return cx_sniff_format(name, data, strlen(data)); }

static void content_decides_whatever_the_name(void **state)
{
    (void)state;
    assert_int_equal(of("notes.txt", "{\"id\": \"a1\", \"text\": \"x\"}\n"), CX_INPUT_JSONL);
    assert_int_equal(of("page.txt", "<!DOCTYPE html><html><body>x</body></html>"), CX_INPUT_HTML);
    assert_int_equal(of("saved", "<!-- saved from url -->\n<html lang=\"en\">"), CX_INPUT_HTML);
    assert_int_equal(of("x", "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">"),
                     CX_INPUT_HTML);
    assert_int_equal(of("feed.html", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"), CX_INPUT_FEED);
    assert_int_equal(of("a.jsonl", "WARC/1.0\r\nWARC-Type: warcinfo\r\n"), CX_INPUT_WARC);
    assert_int_equal(cx_sniff_format("a.txt", "\x1f\x8b\x08\x00", 4), CX_INPUT_WARC);
    assert_int_equal(of("a.html", "\xEF\xBB\xBF{\"text\": \"after a byte-order mark\"}"), CX_INPUT_JSONL);
}

static void text_that_only_looks_alike_stays_text(void **state)
{
    (void)state;
    assert_int_equal(of("a.txt", "{orga your life} - a column"), CX_INPUT_TEXT);
    assert_int_equal(of("a.txt", "<b>Breaking</b>: the bridge is closed."), CX_INPUT_TEXT);
    assert_int_equal(of("a.txt", "Plain words on a line.\n"), CX_INPUT_TEXT);
    assert_int_equal(of(NULL, ""), CX_INPUT_TEXT);
}

static void the_name_speaks_only_for_plain_text(void **state)
{
    (void)state;
    /* a feed whose first line is broken is still read line by line */
    assert_int_equal(of("feed.jsonl", "not json at all\n{\"text\": \"x\"}\n"), CX_INPUT_JSONL);
    assert_int_equal(of("page.html", "<p>A fragment saved as a page</p>"), CX_INPUT_HTML);
    assert_int_equal(of("feed.jsonl", "<html><body>a page</body></html>"), CX_INPUT_HTML);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(content_decides_whatever_the_name),
        cmocka_unit_test(text_that_only_looks_alike_stays_text),
        cmocka_unit_test(the_name_speaks_only_for_plain_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
