/* HTML reader and extractor: pages built here as strings, each testing one
 * promise: metadata, boilerplate removal, paragraph breaks, encodings,
 * malformed markup, empty pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "html_extract.h"
#include "readers.h"
#include "util.h"

/* Three paragraphs of prose, long enough to read as an article. */
#define BODY_P1 "<p>The river rose by two metres overnight, flooding the lower town, and the mayor ordered the evacuation of three districts before dawn.</p>"
#define BODY_P2 "<p>Emergency crews, working through heavy rain, moved more than four hundred residents to the school gymnasium, where volunteers served hot meals.</p>"
#define BODY_P3 "<p>Forecasters said the water should fall again by Thursday, but warned that another storm, expected on Saturday, could bring more rain to the valley.</p>"

static const char *const NAV = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World news</a></li>"
                               "<li><a href='/sport'>Sport section</a></li></ul></nav>";

/* Read one page through the public reader; returns the corpus. */
static void read_page(chorus_corpus *c, const char *html, size_t len)
{
    chorus_corpus_init(c);
    chorus_error err = {0};
    int rc = cx_read_html(c, "page.html", html, len, &err);
    assert_true(rc >= 0);
}

static const chorus_article *only_article(const chorus_corpus *c)
{
    assert_int_equal(c->n_articles, 1);
    assert_non_null(c->articles[0].text);
    size_t bad = 0;
    assert_true(cx_utf8_valid(c->articles[0].text, strlen(c->articles[0].text), &bad));
    return &c->articles[0];
}

static void test_metadata_from_meta_tags(void **state)
{
    (void)state;
    const char *html =
        "<!doctype html><html><head><title>Flood forces evacuation | Valley Courier</title>"
        "<meta property='og:title' content='Flood forces evacuation of lower town'>"
        "<meta property='og:site_name' content='Valley Courier'>"
        "<meta property='article:published_time' content='2024-03-05T06:30:00+01:00'>"
        "<meta name='author' content='Ana Ruiz'>"
        "<link rel='canonical' href='https://www.valleycourier.example/news/flood-123'>"
        "</head><body><article><h1>Flood forces evacuation</h1>" BODY_P1 BODY_P2 BODY_P3
        "</article></body></html>";
    chorus_corpus c;
    read_page(&c, html, strlen(html));
    const chorus_article *a = only_article(&c);
    assert_string_equal(a->title, "Flood forces evacuation of lower town");
    assert_string_equal(a->source, "Valley Courier");
    assert_string_equal(a->author, "Ana Ruiz");
    assert_string_equal(a->url, "https://www.valleycourier.example/news/flood-123");
    assert_string_equal(a->published, "2024-03-05T06:30:00+01:00");
    assert_int_equal(a->published_unix, 1709616600); /* 05:30 UTC */
    assert_string_equal(a->id, "page");
    chorus_corpus_free(&c);
}

static void test_metadata_from_json_ld(void **state)
{
    (void)state;
    const char *html =
        "<html><head><title>Ignored title - Site</title>"
        "<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@graph\":["
        "{\"@type\":\"WebSite\",\"name\":\"x\"},"
        "{\"@type\":\"NewsArticle\",\"headline\":\"Storm brings more rain\","
        "\"datePublished\":\"2024-03-07\",\"author\":[{\"@type\":\"Person\",\"name\":\"Lea Park\"}],"
        "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Daily Gazette\"}}]}</script>"
        "</head><body><div class='story'>" BODY_P1 BODY_P2 "</div></body></html>";
    chorus_corpus c;
    read_page(&c, html, strlen(html));
    const chorus_article *a = only_article(&c);
    assert_string_equal(a->title, "Storm brings more rain");
    assert_string_equal(a->author, "Lea Park");
    assert_string_equal(a->source, "Daily Gazette");
    assert_string_equal(a->published, "2024-03-07");
    assert_true(a->published_unix != INT64_MIN);
    chorus_corpus_free(&c);
}

static void test_title_suffix_and_host_fallback(void **state)
{
    (void)state;
    const char *html = "<html><head><title>Valley News | Water levels fall along the river</title>"
                       "<meta property='og:url' content='https://www.valleynews.example/a/1'></head>"
                       "<body>" BODY_P1 BODY_P3 "</body></html>";
    chorus_corpus c;
    read_page(&c, html, strlen(html));
    const chorus_article *a = only_article(&c);
    /* the longest part is the headline; the outlet comes from the URL's host */
    assert_string_equal(a->title, "Water levels fall along the river");
    assert_string_equal(a->source, "valleynews.example");
    assert_null(a->author);
    assert_int_equal(a->published_unix, INT64_MIN);
    chorus_corpus_free(&c);
}

static void test_boilerplate_removed_paragraphs_kept(void **state)
{
    (void)state;
    cx_buf b;
    cx_buf_init(&b);
    cx_buf_printf(&b,
                  "<html><body><div id='cookie-banner'>We use cookies to improve your experience. Accept all "
                  "cookies?</div><header><a href='/'>Valley Courier</a></header>%s"
                  "<div class='layout'><div class='article-body'>"
                  "<div class='share-bar'><a href='#'>Share on Facebook</a> <a href='#'>Tweet this</a></div>"
                  BODY_P1 "<figure><img src='x.jpg'><figcaption>Photo: rescue boats on Main Street</figcaption>"
                  "</figure>" BODY_P2 BODY_P3
                  "<div class='related-articles'><h3>Related stories</h3><ul>"
                  "<li><a href='/1'>Bridge closed after landslide in the north</a></li>"
                  "<li><a href='/2'>Council approves new flood barrier budget</a></li></ul></div>"
                  "</div><aside class='sidebar'><p>Most read: Local team wins the cup final, again, "
                  "after a long, hard season.</p></aside></div>"
                  "<div id='comments'><p>Reader 1: This is a disgrace, the council knew about the river, "
                  "and did nothing for years, nothing at all.</p></div>"
                  "<footer><p>Copyright 2024 Valley Courier. All rights reserved. Imprint, privacy.</p>"
                  "</footer></body></html>",
                  NAV);
    chorus_corpus c;
    read_page(&c, b.data, b.len);
    const chorus_article *a = only_article(&c);
    const char *t = a->text;
    assert_non_null(strstr(t, "The river rose by two metres overnight"));
    assert_non_null(strstr(t, "Emergency crews, working through heavy rain"));
    assert_non_null(strstr(t, "another storm, expected on Saturday"));
    const char *unwanted[] = {"cookies",      "World news", "Share on Facebook", "Photo: rescue boats",
                              "Related stories", "Bridge closed", "Most read", "disgrace",
                              "Copyright",    "Valley Courier"};
    for (size_t i = 0; i < sizeof unwanted / sizeof *unwanted; i++) {
        if (strstr(t, unwanted[i])) fail_msg("boilerplate '%s' kept in: %s", unwanted[i], t);
    }
    /* paragraphs are separated by exactly one blank line, in order */
    const char *p1 = strstr(t, "before dawn.");
    assert_non_null(p1);
    assert_memory_equal(p1 + strlen("before dawn."), "\n\nEmergency", 11);
    assert_true(strstr(t, "Emergency") < strstr(t, "Forecasters"));
    assert_null(strstr(t, "\n\n\n"));
    chorus_corpus_free(&c);
    cx_buf_free(&b);
}

static void test_edges_and_orphan_headings(void **state)
{
    (void)state;
    /* inside the content box: a date line first, then the story, a heading
     * over a plain list of links, and short labels at the end */
    const char *html = "<html><body><div class='content'><p>12.03.2024</p>" BODY_P1 BODY_P2
                       "<h3>Read more</h3><ul><li><a href='/a'>Another story about the weather today</a></li>"
                       "<li><a href='/b'>Yet another story about the weather tomorrow</a></li></ul>"
                       BODY_P3 "<h4>Further reading</h4><ul><li><a href='/c'>A link list</a></li>"
                       "<li><a href='/d'>Another link in the list</a></li></ul>"
                       "<p>Tags</p><p>Print this page</p></div></body></html>";
    chorus_corpus c;
    read_page(&c, html, strlen(html));
    const chorus_article *a = only_article(&c);
    const char *t = a->text;
    assert_memory_equal(t, "The river rose", 14);
    const char *end = "could bring more rain to the valley.";
    size_t n = strlen(t), m = strlen(end);
    assert_true(n > m);
    assert_string_equal(t + n - m, end);
    assert_null(strstr(t, "Read more"));
    assert_null(strstr(t, "Another story"));
    assert_null(strstr(t, "Further reading"));
    chorus_corpus_free(&c);
}

static void test_inline_markup_keeps_words_whole(void **state)
{
    (void)state;
    const char *html = "<html><body><div class='content'>"
                       "<p>The <b>mayor</b> said the <a href='/x'>evacuation</a> went well, thanks to "
                       "vol<span>unteers</span> and the fire brigade, and that the school would stay open.</p>"
                       "<p>Line one of a poem,<br>line two of the poem, and more words, so it reads as prose.</p>"
                       BODY_P1 "</div></body></html>";
    chorus_corpus c;
    read_page(&c, html, strlen(html));
    const chorus_article *a = only_article(&c);
    assert_non_null(strstr(a->text, "The mayor said the evacuation went well, thanks to volunteers and"));
    assert_non_null(strstr(a->text, "Line one of a poem,\nline two"));
    chorus_corpus_free(&c);
}

static void test_latin1_with_meta_charset(void **state)
{
    (void)state;
    /* "Müller" and "Straße" in ISO-8859-1 bytes */
    const char *html = "<html><head><meta charset=\"iso-8859-1\"><title>Test</title></head><body>"
                       "<p>Herr M\xFCller wohnt in der Hauptstra\xDF" "e, und er sagte, das Wasser sei "
                       "gestern Nacht sehr schnell gestiegen, schneller als je zuvor.</p>" BODY_P1
                       "</body></html>";
    chorus_corpus c;
    read_page(&c, html, strlen(html));
    const chorus_article *a = only_article(&c);
    assert_non_null(strstr(a->text, "Herr M\xC3\xBCller wohnt in der Hauptstra\xC3\x9F" "e"));
    chorus_corpus_free(&c);
}

static void test_latin1_without_charset(void **state)
{
    (void)state;
    /* No declaration anywhere: detection must find a Latin charset. */
    const char *html =
        "<html><body><p>Die Gemeinde hat am Montag beschlossen, dass die Br\xFC" "cke \xFC" "ber den Fluss "
        "f\xFCr den Verkehr gesperrt bleibt. Die B\xFCrger m\xFCssen l\xE4ngere Wege in Kauf nehmen, "
        "w\xE4hrend die Arbeiten an der Stra\xDF" "e weitergehen. Der B\xFCrgermeister erkl\xE4rte, "
        "die Sicherheit der Einwohner gehe vor, und man werde die Sch\xE4" "den rasch beheben.</p>"
        "<p>Gr\xF6\xDF" "ere Umleitungen seien nicht n\xF6tig, sagte er, denn die \xFC" "brigen Br\xFC"
        "cken seien ge\xF6" "ffnet und stark genug f\xFCr schwere Fahrzeuge.</p></body></html>";
    chorus_corpus c;
    read_page(&c, html, strlen(html));
    const chorus_article *a = only_article(&c);
    assert_non_null(strstr(a->text, "Br\xC3\xBC" "cke \xC3\xBC" "ber den Fluss"));
    assert_non_null(strstr(a->text, "B\xC3\xBCrgermeister erkl\xC3\xA4rte"));
    chorus_corpus_free(&c);
}

static void test_charset_precedence(void **state)
{
    (void)state;
    char *out = NULL;
    size_t n = 0;
    char used[32];
    chorus_error err = {0};
    /* The caller's (HTTP) charset wins over the page's claim. */
    const char *page = "<meta charset='koi8-r'><p>caf\xE9</p>";
    assert_int_equal(cx_html_to_utf8(page, strlen(page), "windows-1252", &out, &n, used, sizeof used, &err), 0);
    assert_non_null(strstr(out, "caf\xC3\xA9"));
    assert_string_equal(used, "windows-1252");
    free(out);
    /* A BOM wins over everything. */
    const char *bom = "\xEF\xBB\xBF<meta charset='iso-8859-1'><p>caf\xC3\xA9</p>";
    assert_int_equal(cx_html_to_utf8(bom, strlen(bom), NULL, &out, &n, used, sizeof used, &err), 0);
    assert_string_equal(out, "<meta charset='iso-8859-1'><p>caf\xC3\xA9</p>");
    free(out);
    /* Valid UTF-8 that claims Latin-1 is UTF-8 (no mojibake "cafÃ©"). */
    const char *liar = "<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'><p>caf\xC3\xA9 "
                       "na\xC3\xAFve</p>";
    assert_int_equal(cx_html_to_utf8(liar, strlen(liar), NULL, &out, &n, used, sizeof used, &err), 0);
    assert_non_null(strstr(out, "caf\xC3\xA9 na\xC3\xAFve"));
    assert_null(strstr(out, "\xC3\x83"));
    free(out);
    /* UTF-16 with a BOM. */
    const char u16[] = "\xFF\xFE<\0p\0>\0\xE9\0<\0/\0p\0>\0";
    assert_int_equal(cx_html_to_utf8(u16, sizeof u16 - 1, NULL, &out, &n, used, sizeof used, &err), 0);
    assert_string_equal(out, "<p>\xC3\xA9</p>");
    free(out);
    /* Broken bytes in a UTF-8 page become U+FFFD, everything else survives. */
    const char *broken = "<meta charset=utf-8><p>ok \xC3\xA9 bad \xFF\xFE end \xC3\xA9 \xC3\xBC \xC3\xB6</p>";
    assert_int_equal(cx_html_to_utf8(broken, strlen(broken), NULL, &out, &n, used, sizeof used, &err), 0);
    assert_non_null(strstr(out, "ok \xC3\xA9 bad \xEF\xBF\xBD\xEF\xBF\xBD end"));
    size_t bad = 0;
    assert_true(cx_utf8_valid(out, n, &bad));
    free(out);
    /* The meta prescan finds both forms. */
    char label[32];
    assert_int_equal(cx_html_meta_charset("<META CHARSET=\"Shift_JIS\">", 26, label, sizeof label), 1);
    assert_string_equal(label, "shift_jis");
    assert_int_equal(cx_html_meta_charset("<p>charset=x</p>", 16, label, sizeof label), 0);
}

static void test_http_charset_through_reader(void **state)
{
    (void)state;
    const char *html = "<html><body><p>El alcalde dijo que la situaci\xF3n est\xE1 bajo control, y que los "
                       "vecinos volver\xE1n a casa ma\xF1" "ana, cuando baje el agua del r\xED" "o.</p>"
                       BODY_P2 "</body></html>";
    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_error err = {0};
    int rc = cx_read_html_charset(&c, "rec", html, strlen(html), "ISO-8859-1", "https://example.org/x", &err);
    assert_int_equal(rc, 1);
    const chorus_article *a = only_article(&c);
    assert_non_null(strstr(a->text, "situaci\xC3\xB3n est\xC3\xA1 bajo control"));
    assert_string_equal(a->url, "https://example.org/x");
    assert_string_equal(a->source, "example.org");
    chorus_corpus_free(&c);
}

static void test_malformed_html(void **state)
{
    (void)state;
    /* no html/head/body, unclosed paragraphs and divs, stray end tags,
     * an unterminated comment at the very end */
    const char *html = "<title>Broken page</title><div class=content><p>The river rose by two metres "
                       "overnight, flooding the lower town, and the mayor ordered an evacuation."
                       "<p>Emergency crews, working through heavy rain, moved four hundred residents, "
                       "</span></div></div></b>and volunteers served hot meals all night long.<table><tr>"
                       "<td>Cell text, a short one.<!-- never closed";
    chorus_corpus c;
    read_page(&c, html, strlen(html));
    const chorus_article *a = only_article(&c);
    assert_non_null(strstr(a->text, "The river rose by two metres overnight"));
    assert_non_null(strstr(a->text, "moved four hundred residents"));
    assert_string_equal(a->title, "Broken page");
    chorus_corpus_free(&c);

    /* deep nesting must not crash or recurse without bound */
    cx_buf b;
    cx_buf_init(&b);
    for (int i = 0; i < 5000; i++) cx_buf_puts(&b, "<div>");
    cx_buf_puts(&b, BODY_P1);
    read_page(&c, b.data, b.len);
    /* past the nesting limit the page is cut, and the cut reported */
    assert_true(c.n_skipped >= 1);
    assert_non_null(strstr(c.skipped[0].reason, "nested more than"));
    chorus_corpus_free(&c);
    /* absurd nesting is cut before the parser sees it, with a reason */
    for (int i = 0; i < 20000; i++) cx_buf_puts(&b, "<span><div>");
    read_page(&c, b.data, b.len);
    assert_int_equal(c.n_articles, 0);
    assert_non_null(strstr(c.skipped[0].reason, "nested"));
    chorus_corpus_free(&c);
    /* stray end tags do not hide the depth ("<div></x>" closes nothing) */
    b.len = 0;
    for (int i = 0; i < 100000; i++) cx_buf_puts(&b, "<div></x>");
    read_page(&c, b.data, b.len);
    assert_true(c.n_skipped >= 1);
    assert_non_null(strstr(c.skipped[0].reason, "nested more than"));
    chorus_corpus_free(&c);
    /* balanced nesting below the limit is whole */
    b.len = 0;
    for (int i = 0; i < 100000; i++) cx_buf_puts(&b, "<div><b>x</b></div>");
    cx_buf_puts(&b, BODY_P1);
    read_page(&c, b.data, b.len);
    for (size_t k = 0; k < c.n_skipped; k++) assert_null(strstr(c.skipped[k].reason, "nested"));
    chorus_corpus_free(&c);
    /* thousands of attributes on one element: bounded, reported, the text kept */
    b.len = 0;
    cx_buf_puts(&b, "<html><body><p");
    for (int i = 0; i < 20000; i++) cx_buf_printf(&b, " a%d=\"%d\"", i, i);
    cx_buf_puts(&b, ">");
    cx_buf_puts(&b, BODY_P1);
    read_page(&c, b.data, b.len);
    assert_int_equal(c.n_articles, 1);
    assert_int_equal(c.n_skipped, 1);
    assert_non_null(strstr(c.skipped[0].reason, "attributes dropped"));
    chorus_corpus_free(&c);
    cx_buf_free(&b);
}

static void test_damaged_pages(void **state)
{
    (void)state;
    chorus_corpus c;
    /* a stray NUL byte deep in the page is not a binary file */
    cx_buf b;
    cx_buf_init(&b);
    cx_buf_puts(&b, "<html><body><div class='content'>");
    for (int i = 0; i < 20; i++) cx_buf_puts(&b, "<p>Filler paragraph, with a comma, to push the damage further in.</p>");
    cx_buf_append(&b, "<p>Damaged\0 byte here.</p>", 27);
    cx_buf_puts(&b, BODY_P1 "</div></body></html>");
    read_page(&c, b.data, b.len);
    assert_non_null(strstr(only_article(&c)->text, "The river rose by two metres"));
    chorus_corpus_free(&c);
    cx_buf_free(&b);

    /* an unclosed element inside <noscript> swallows the page: still read */
    const char *ns = "<html><body><noscript><div id='nojs'></noscript><div class='content'>" BODY_P1 BODY_P2
                     "</div></body></html>";
    read_page(&c, ns, strlen(ns));
    assert_non_null(strstr(only_article(&c)->text, "Emergency crews"));
    chorus_corpus_free(&c);

    /* a post that is only a list of links keeps its links */
    const char *links = "<html><body><div class='entry-content'><ul>"
                        "<li><a href='/1'>First link about rivers and flood defences in the valley</a></li>"
                        "<li><a href='/2'>Second link about rain gauges and weather stations</a></li>"
                        "</ul></div></body></html>";
    read_page(&c, links, strlen(links));
    assert_non_null(strstr(only_article(&c)->text, "Second link about rain gauges"));
    chorus_corpus_free(&c);
}

static void test_empty_and_textless_pages(void **state)
{
    (void)state;
    chorus_corpus c;
    read_page(&c, "", 0);
    assert_int_equal(c.n_articles, 0);
    assert_int_equal(c.n_skipped, 1);
    assert_non_null(strstr(c.skipped[0].reason, "empty"));
    chorus_corpus_free(&c);

    const char *shell = "<html><head><title>Nothing here</title><script>var x = '<p>not text</p>';</script>"
                        "</head><body><nav><a href='/'>Home</a></nav></body></html>";
    read_page(&c, shell, strlen(shell));
    assert_int_equal(c.n_articles, 0);
    assert_int_equal(c.n_skipped, 1);
    assert_non_null(strstr(c.skipped[0].reason, "no article text"));
    chorus_corpus_free(&c);

    const char bin[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x01\x02\x03\x00\x00";
    read_page(&c, bin, sizeof bin - 1);
    assert_int_equal(c.n_articles, 0);
    assert_int_equal(c.n_skipped, 1);
    chorus_corpus_free(&c);
}

static void test_invisible_text_ignored(void **state)
{
    (void)state;
    const char *html = "<html><body><div class='content'>" BODY_P1
                       "<p style='display: none'>Hidden promo text that nobody sees on the page.</p>"
                       "<p hidden>Another hidden paragraph, with commas, and more words in it.</p>"
                       "<script>document.write('script text');</script><style>p{color:red}</style>"
                       "<noscript>Please enable JavaScript to view the comments.</noscript>"
                       "<p>Soft\xC2\xAD" "hyphen\xE2\x80\x8B" "ated words stay whole, the text says, and it "
                       "goes on for a while.</p>" BODY_P2 "</div></body></html>";
    chorus_corpus c;
    read_page(&c, html, strlen(html));
    const chorus_article *a = only_article(&c);
    assert_null(strstr(a->text, "Hidden promo"));
    assert_null(strstr(a->text, "Another hidden"));
    assert_null(strstr(a->text, "script text"));
    assert_null(strstr(a->text, "color:red"));
    assert_null(strstr(a->text, "enable JavaScript"));
    assert_non_null(strstr(a->text, "Softhyphenated words stay whole"));
    chorus_corpus_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_metadata_from_meta_tags),
        cmocka_unit_test(test_metadata_from_json_ld),
        cmocka_unit_test(test_title_suffix_and_host_fallback),
        cmocka_unit_test(test_boilerplate_removed_paragraphs_kept),
        cmocka_unit_test(test_edges_and_orphan_headings),
        cmocka_unit_test(test_inline_markup_keeps_words_whole),
        cmocka_unit_test(test_latin1_with_meta_charset),
        cmocka_unit_test(test_latin1_without_charset),
        cmocka_unit_test(test_charset_precedence),
        cmocka_unit_test(test_http_charset_through_reader),
        cmocka_unit_test(test_malformed_html),
        cmocka_unit_test(test_damaged_pages),
        cmocka_unit_test(test_empty_and_textless_pages),
        cmocka_unit_test(test_invisible_text_ignored),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
