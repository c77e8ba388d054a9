/* HTML pages: decode to UTF-8, extract the article and its metadata. One
 * page is one article; a page with no article text is recorded as skipped. */
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "html_extract.h"
#include "readers.h"
#include "util.h"

/* A stray NUL deep in a page is damage the parser copes with; a NUL near the
 * start, or many control bytes, mean a compressed or binary file. */
static int looks_binary(const char *data, size_t len, size_t *where)
{
    size_t scan = len < 65536 ? len : 65536, odd = 0;
    for (size_t i = 0; i < scan; i++) {
        unsigned char ch = (unsigned char)data[i];
        if (ch >= 0x20 || ch == '\n' || ch == '\r' || ch == '\t' || ch == '\f') continue;
        if (!odd) *where = i;
        if (ch == 0 && i < 1024) {
            *where = i;
            return 1;
        }
        odd++;
    }
    return odd * 20 > scan;
}

int cx_read_html_charset(chorus_corpus *c, const char *name, const char *data, size_t len,
                         const char *http_charset, const char *url, chorus_error *err)
{
    if (len == 0) return chorus_corpus_skip(c, name, "empty file") ? CHORUS_ENOMEM : 0;
    size_t where = 0;
    int wide = len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0);
    if (!wide && (!http_charset || strncasecmp(http_charset, "utf-16", 6) != 0) &&
        looks_binary(data, len, &where))
        return chorus_corpus_skip(c, name, "binary data at byte %zu, not HTML", where) ? CHORUS_ENOMEM : 0;

    char *utf8 = NULL;
    size_t n = 0;
    char charset[64];
    int rc = cx_html_to_utf8(data, len, http_charset, &utf8, &n, charset, sizeof charset, err);
    if (rc == CHORUS_ENOMEM) return rc;
    if (rc < 0)
        return chorus_corpus_skip(c, name, "cannot decode the page: %s", err ? err->message : "")
                   ? CHORUS_ENOMEM : 0;

    cx_html_doc doc;
    rc = cx_html_extract(utf8, n, url, &doc, err);
    free(utf8);
    /* The parser's memory is all given back when it fails, so the page is
     * skipped and reading goes on with the next input. */
    if (rc == CHORUS_ETOOBIG || rc == CHORUS_ENOMEM)
        return chorus_corpus_skip(c, name, "%s", err && err->message[0] ? err->message : chorus_strerror(rc))
                   ? CHORUS_ENOMEM : 0;
    if (rc) return rc;
    /* a cut leaves text out (a skip of the rest: exit status 1); attributes
     * dropped past the limit leave all the text in (a warning) */
    if (doc.notice && (doc.cut ? chorus_corpus_skip : chorus_corpus_warn)(c, name, "%s", doc.notice)) {
        cx_html_doc_free(&doc);
        return CHORUS_ENOMEM;
    }
    free(doc.notice); /* reported; the other fields go to the article */
    doc.notice = NULL;
    if (!doc.text || !doc.text[0]) {
        cx_html_doc_free(&doc);
        return chorus_corpus_skip(c, name, "no article text found in the page") ? CHORUS_ENOMEM : 0;
    }

    free(doc.notice); /* already recorded above; the other fields go to the article */
    chorus_article a = {0};
    a.id = cx_outlet_from_name(name);
    a.source = doc.site ? doc.site : cx_outlet_from_name(name);
    a.source_is_file = !doc.site;
    a.url = doc.url;
    a.published = doc.published;
    a.title = doc.title;
    a.author = doc.author;
    a.text = doc.text;
    a.origin = cx_strdup(name);
    a.published_unix = cx_parse_time(a.published);
    if (!a.id || !a.source || !a.origin) {
        chorus_article_free(&a);
        return CHORUS_ENOMEM;
    }
    rc = chorus_corpus_add(c, &a);
    return rc ? rc : 1;
}

int cx_read_html(chorus_corpus *c, const char *name, const char *data, size_t len, chorus_error *err)
{
    return cx_read_html_charset(c, name, data, len, NULL, NULL, err);
}
