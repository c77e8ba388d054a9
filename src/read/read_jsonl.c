/* Article JSONL: one object a line, {"id","source","url","published","title",
 * "text"}; only "text" is required. A bad line is recorded and skipped. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "readers.h"
#include "util.h"

static char *field(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (json_is_string(v)) return cx_strndup(json_string_value(v), json_string_length(v));
    if (json_is_integer(v)) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(v));
        return cx_strdup(tmp);
    }
    return NULL;
}

int cx_jsonl_line(chorus_corpus *c, const char *line, size_t n, const char *origin, size_t lineno,
                  const char *fallback_outlet)
{
    /* A byte-order mark opens the first line of files saved by some editors. */
    if (n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) line += 3, n -= 3;
    while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t')) n--;
    size_t lead = 0;
    while (lead < n && (line[lead] == ' ' || line[lead] == '\t')) lead++;
    if (lead == n) return 0; /* blank line */
    /* JSON is UTF-8; a field with invalid bytes keeps its text with U+FFFD
     * in their place (counted and reported) rather than losing the record. */
    size_t bad_at = 0;
    char *repaired = NULL;
    if (!cx_utf8_valid(line, n, &bad_at)) {
        size_t rn = 0;
        if (cx_utf8_repair(line, n, &repaired, &rn)) return CHORUS_ENOMEM;
        size_t bad = (rn - n) / 2; /* each bad byte (1) became U+FFFD (3) */
        if (chorus_corpus_warn(c, origin, "%zu invalid UTF-8 byte%s replaced by U+FFFD (first at column %zu)", bad,
                               bad == 1 ? "" : "s", bad_at + 1)) {
            free(repaired);
            return CHORUS_ENOMEM;
        }
        line = repaired;
        n = rn;
    }
    json_error_t jerr;
    json_t *obj = json_loadb(line, n, JSON_REJECT_DUPLICATES, &jerr);
    free(repaired);
    if (!obj)
        return chorus_corpus_skip(c, origin, "malformed JSON at column %d: %s", jerr.column, jerr.text)
                   ? CHORUS_ENOMEM
                   : 0;
    json_t *text = json_object_get(obj, "text");
    if (!json_is_object(obj) || !json_is_string(text) || json_string_length(text) == 0) {
        int rc = chorus_corpus_skip(c, origin, json_is_object(obj) ? "no \"text\" string in the object"
                                                                   : "line is not a JSON object");
        json_decref(obj);
        return rc ? CHORUS_ENOMEM : 0;
    }
    chorus_article a = {0};
    a.text = field(obj, "text");
    a.id = field(obj, "id");
    a.source = field(obj, "source");
    a.url = field(obj, "url");
    a.published = field(obj, "published");
    a.title = field(obj, "title");
    a.author = field(obj, "author");
    a.language = field(obj, "language");
    if (!a.language) a.language = field(obj, "lang");
    a.origin = cx_strdup(origin);
    json_decref(obj);
    a.published_unix = cx_parse_time(a.published);
    if (!a.id) {
        char tmp[64];
        snprintf(tmp, sizeof tmp, "line%zu", lineno);
        a.id = cx_strdup(tmp);
    }
    if (!a.source) a.source = cx_strdup(fallback_outlet), a.source_is_file = 1;
    if (!a.text || !a.id || !a.source || !a.origin) {
        chorus_article_free(&a);
        return CHORUS_ENOMEM;
    }
    return chorus_corpus_add(c, &a) ? CHORUS_ENOMEM : 1;
}

int cx_read_jsonl(chorus_corpus *c, const char *name, const char *data, size_t len, chorus_error *err)
{
    int added = 0;
    size_t lineno = 0;
    char origin[1024];
    char *outlet = cx_outlet_from_name(name);
    if (!outlet) return cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", name);
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        lineno++;
        snprintf(origin, sizeof origin, "%s:%zu", name, lineno);
        int r = cx_jsonl_line(c, data + pos, end - pos, origin, lineno, outlet);
        pos = end + 1;
        if (r < 0) {
            free(outlet);
            return cx_fail(err, r, "%s: out of memory", name);
        }
        added += r;
    }
    free(outlet);
    return added;
}
