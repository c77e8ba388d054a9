/* The format of an input from its content (see sniff.h). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "readers.h"
#include "sniff.h"
#include "util.h"

static int is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

/* An object opens with a key or closes at once; a text may open with a
 * brace too ("{orga your life} - ..."). */
static int opens_json_object(const char *p, size_t n)
{
    if (!n || p[0] != '{') return 0;
    size_t k = 1;
    while (k < n && is_space(p[k])) k++;
    return k >= n || p[k] == '"' || p[k] == '}';
}

/* A document that opens with markup naming an HTML element: a doctype, or
 * one of the elements a page's head starts with, after comments. */
static int opens_html(const char *p, size_t n)
{
    static const char *const starts[] = {"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<link",
                                         "<script", "<style", NULL};
    for (size_t i = 0; i < n;) {
        while (i < n && is_space(p[i])) i++;
        if (i >= n || p[i] != '<') return 0;
        /* a comment or an XML declaration before the page */
        int comment = n - i >= 4 && !memcmp(p + i, "<!--", 4), decl = n - i >= 2 && !memcmp(p + i, "<?", 2);
        if (comment || decl) {
            const char *end = memmem(p + i + 2, n - i - 2, comment ? "-->" : "?>", comment ? 3 : 2);
            if (!end) return 0;
            i = (size_t)(end - p) + (comment ? 3 : 2);
            continue;
        }
        for (size_t k = 0; starts[k]; k++) {
            size_t l = strlen(starts[k]);
            if (n - i > l && !strncasecmp(p + i, starts[k], l) && (is_space(p[i + l]) || p[i + l] == '>'))
                return 1;
        }
        return 0;
    }
    return 0;
}

cx_input_format cx_sniff_format(const char *name, const char *data, size_t len)
{
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) data += 3, len -= 3;
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 5 && !memcmp(data, "WARC/", 5)) return CX_INPUT_WARC;
    if (len >= 2 && u[0] == 0x1F && u[1] == 0x8B) return CX_INPUT_WARC;
    if (len >= 4 && !memcmp(data, "\x28\xB5\x2F\xFD", 4)) return CX_INPUT_WARC;
    if (cx_looks_like_feed(data, len)) return CX_INPUT_FEED;
    size_t i = 0;
    while (i < len && is_space(data[i])) i++;
    if (opens_json_object(data + i, len - i)) return CX_INPUT_JSONL;
    if (opens_html(data + i, len - i)) return CX_INPUT_HTML;
    if (name) {
        if (cx_has_suffix_ci(name, ".jsonl") || cx_has_suffix_ci(name, ".ndjson")) return CX_INPUT_JSONL;
        if (cx_has_suffix_ci(name, ".html") || cx_has_suffix_ci(name, ".htm") || cx_has_suffix_ci(name, ".xhtml"))
            return CX_INPUT_HTML;
        if (cx_has_suffix_ci(name, ".warc")) return CX_INPUT_WARC;
    }
    return CX_INPUT_TEXT;
}

cx_input_format cx_sniff_file(const char *path)
{
    char head[CX_SNIFF_BYTES];
    size_t n = 0;
    FILE *f = fopen(path, "rb");
    if (f) {
        n = fread(head, 1, sizeof head, f);
        fclose(f);
    }
    return cx_sniff_format(path, head, n);
}
