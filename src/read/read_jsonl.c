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

/* The article read from a line, completed and added: 1, or CHORUS_ENOMEM. */
static int article_done(chorus_corpus *c, chorus_article *a, const char *origin, size_t lineno,
                        const char *fallback_outlet)
{
    int text_read = a->text != NULL;
    a->origin = cx_strdup(origin);
    a->published_unix = cx_parse_time(a->published);
    if (!a->id) {
        char tmp[64];
        snprintf(tmp, sizeof tmp, "line%zu", lineno);
        a->id = cx_strdup(tmp);
    }
    if (!a->source) a->source = cx_strdup(fallback_outlet), a->source_is_file = 1;
    if (!text_read || !a->id || !a->source || !a->origin) {
        chorus_article_free(a);
        return CHORUS_ENOMEM;
    }
    return chorus_corpus_add(c, a) ? CHORUS_ENOMEM : 1;
}

/* ---- the common line, read without building a JSON tree ----
 * Most article files hold flat objects of string values with plain escapes.
 * Such a line is read here in one pass; anything else (a number, a nested
 * value, \u0000 or a lone surrogate, a control character, a repeated key,
 * a missing or empty "text", malformed JSON) returns 0 and goes to jansson,
 * which reads every line the same way and words the errors. */

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The code point of the 4 hex digits at s (n bytes left), or -1. */
static long hex4(const char *s, size_t n)
{
    if (n < 4) return -1;
    long v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

/* The \u escape at s[i] (the backslash): the code point and the bytes it
 * spans (6, or 12 for a surrogate pair), or 0 when jansson should judge it
 * (U+0000, a lone surrogate, bad digits). */
static size_t unicode_escape(const char *s, size_t n, size_t i, long *cp)
{
    long hi = hex4(s + i + 2, n - i - 2);
    if (hi <= 0 || (hi >= 0xDC00 && hi <= 0xDFFF)) return 0;
    if (hi < 0xD800 || hi > 0xDBFF) return *cp = hi, 6;
    if (i + 12 > n || s[i + 6] != '\\' || s[i + 7] != 'u') return 0;
    long lo = hex4(s + i + 8, n - i - 8);
    if (lo < 0xDC00 || lo > 0xDFFF) return 0;
    *cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
    return 12;
}

/* The string at s[*at] (after its opening quote): its end (the closing
 * quote) in *end and whether it holds escapes; 0 when it is not plain. */
static int plain_string(const char *s, size_t n, size_t *at, size_t *end, int *escaped)
{
    *escaped = 0;
    for (size_t i = *at; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"') {
            *end = i;
            *at = i + 1;
            return 1;
        }
        if (c < 0x20) return 0;
        if (c == '\\') {
            long cp;
            size_t k = i + 1 < n && s[i + 1] == 'u' ? unicode_escape(s, n, i, &cp) : 0;
            if (k) i += k - 1;
            else if (i + 1 >= n || !s[i + 1] || !strchr("\"\\/bfnrt", s[i + 1]))
                return 0; /* the rest: jansson */
            else
                i++;
            *escaped = 1;
        }
    }
    return 0;
}

static char *decoded(const char *s, size_t len, int escaped)
{
    if (!escaped) return cx_strndup(s, len);
    char *o = malloc(len + 1); /* no escape is shorter than its UTF-8 */
    if (!o) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        long cp;
        size_t u = c == '\\' && s[i + 1] == 'u' ? unicode_escape(s, len, i, &cp) : 0;
        if (u) { /* checked by plain_string */
            if (cp < 0x80) o[k++] = (char)cp;
            else if (cp < 0x800) o[k++] = (char)(0xC0 | cp >> 6), o[k++] = (char)(0x80 | (cp & 0x3F));
            else if (cp < 0x10000)
                o[k++] = (char)(0xE0 | cp >> 12), o[k++] = (char)(0x80 | ((cp >> 6) & 0x3F)),
                o[k++] = (char)(0x80 | (cp & 0x3F));
            else
                o[k++] = (char)(0xF0 | cp >> 18), o[k++] = (char)(0x80 | ((cp >> 12) & 0x3F)),
                o[k++] = (char)(0x80 | ((cp >> 6) & 0x3F)), o[k++] = (char)(0x80 | (cp & 0x3F));
            i += u - 1;
            continue;
        }
        if (c == '\\') {
            c = s[++i];
            c = c == 'b' ? '\b' : c == 'f' ? '\f' : c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c;
        }
        o[k++] = c;
    }
    o[k] = '\0';
    return o;
}

enum { N_FLAT_KEYS = 64 };
static const char *const flat_names[] = {"text", "id", "source", "url", "published", "title", "author", "language",
                                         "lang"};

/* 1: the line was read into a (fields malloc'ed), 0: it needs jansson,
 * CHORUS_ENOMEM. */
static int flat_line(const char *s, size_t n, chorus_article *a)
{
    char **slot[] = {&a->text, &a->id, &a->source, &a->url, &a->published, &a->title, &a->author, &a->language, NULL};
    char *lang = NULL;
    slot[8] = &lang;
    size_t key_at[N_FLAT_KEYS], key_len[N_FLAT_KEYS], nk = 0;
    size_t i = 0;
    while (i < n && is_ws(s[i])) i++;
    int ok = i < n && s[i++] == '{', rc = 0, done = 0;
    while (ok && !rc && !done) {
        while (i < n && is_ws(s[i])) i++;
        if (nk == 0 && i < n && s[i] == '}') { /* {} */
            i++, done = 1;
            break;
        }
        size_t ke, ve;
        int kesc, vesc;
        if (i >= n || s[i++] != '"' || !plain_string(s, n, &(size_t){i}, &ke, &kesc) || kesc || nk == N_FLAT_KEYS) {
            ok = 0;
            break;
        }
        size_t ks = i;
        i = ke + 1;
        for (size_t k = 0; k < nk && ok; k++) /* a repeated key: jansson rejects the line */
            ok = !(key_len[k] == ke - ks && !memcmp(s + key_at[k], s + ks, ke - ks));
        key_at[nk] = ks, key_len[nk++] = ke - ks;
        while (ok && i < n && is_ws(s[i])) i++;
        if (!ok || i >= n || s[i++] != ':') break;
        while (i < n && is_ws(s[i])) i++;
        if (i >= n || s[i++] != '"') {
            ok = 0;
            break;
        }
        size_t vs = i;
        if (!plain_string(s, n, &i, &ve, &vesc)) {
            ok = 0;
            break;
        }
        for (size_t f = 0; f < sizeof flat_names / sizeof *flat_names; f++)
            if (strlen(flat_names[f]) == ke - ks && !memcmp(flat_names[f], s + ks, ke - ks) &&
                !(*slot[f] = decoded(s + vs, ve - vs, vesc)))
                rc = CHORUS_ENOMEM;
        while (i < n && is_ws(s[i])) i++;
        if (i < n && s[i] == ',') i++;
        else if (i < n && s[i] == '}') i++, done = 1;
        else
            ok = 0;
    }
    while (ok && i < n && is_ws(s[i])) i++;
    ok = ok && done && i == n && a->text && a->text[0] && !rc;
    if (ok && !a->language) a->language = lang, lang = NULL;
    free(lang);
    if (!ok) {
        for (size_t f = 0; f < 8; f++) free(*slot[f]), *slot[f] = NULL;
        return rc;
    }
    return 1;
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
    chorus_article a = {0};
    int flat = flat_line(line, n, &a);
    if (flat < 0) {
        free(repaired);
        return CHORUS_ENOMEM;
    }
    if (flat) {
        free(repaired);
        return article_done(c, &a, origin, lineno, fallback_outlet);
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
    a.text = field(obj, "text");
    a.id = field(obj, "id");
    a.source = field(obj, "source");
    a.url = field(obj, "url");
    a.published = field(obj, "published");
    a.title = field(obj, "title");
    a.author = field(obj, "author");
    a.language = field(obj, "language");
    if (!a.language) a.language = field(obj, "lang");
    json_decref(obj);
    return article_done(c, &a, origin, lineno, fallback_outlet);
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
