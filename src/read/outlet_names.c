/* One name per outlet over a whole run (see chorus.h, "outlets").
 *
 * Readers give each article the best evidence of its own: a JSONL source, a
 * page's og:site_name / JSON-LD publisher / application-name, a WARC
 * record's host, a closing credit line, else the file's name (marked as a
 * file). This pass puts the articles together: a user's map (host or name
 * -> outlet) wins; then a host seen beside a declared name in the same run
 * ("bbc.co.uk" with "BBC News") is named by that name wherever it appears
 * alone; then --outlet names what only had a file name. A dateline's
 * agency ("LONDON (Reuters) -") is recorded as the copy's source. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chorus.h"
#include "util.h"

typedef struct {
    char *key;  /* lower-case host without "www." or lower-case name */
    char *name;
} entry;

struct chorus_outlet_map {
    entry *e;
    size_t n, cap;
};

/* The lower-cased host of a URL or bare host, without scheme, port, path and
 * the "www."/"m." prefixes that name the same site. NULL when none. */
static char *host_key(const char *s)
{
    if (!s) return NULL;
    const char *p = strstr(s, "://");
    p = p ? p + 3 : s;
    size_t n = strcspn(p, "/:?#");
    if (!n || memchr(p, ' ', n) || !memchr(p, '.', n)) return NULL;
    char *h = cx_strndup(p, n);
    if (!h) return NULL;
    for (char *q = h; *q; q++)
        if (*q >= 'A' && *q <= 'Z') *q = (char)(*q + 32);
    static const char *const prefixes[] = {"www.", "m.", "mobile.", "amp."};
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t k = strlen(prefixes[i]);
        if (!strncmp(h, prefixes[i], k) && strchr(h + k, '.')) {
            memmove(h, h + k, strlen(h + k) + 1);
            break;
        }
    }
    return h;
}

/* A name as a lookup key: lower case, spaces collapsed. */
static char *name_key(const char *s)
{
    size_t n = strlen(s);
    char *k = malloc(n + 1);
    if (!k) return NULL;
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t') {
            if (w && k[w - 1] != ' ') k[w++] = ' ';
            continue;
        }
        k[w++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    while (w && k[w - 1] == ' ') w--;
    k[w] = '\0';
    return k;
}

static const char *map_get(const chorus_outlet_map *m, const char *key)
{
    for (size_t i = 0; m && key && i < m->n; i++)
        if (!strcmp(m->e[i].key, key)) return m->e[i].name;
    return NULL;
}

/* Adds key -> name unless key is known (the first pairing stays). Takes key. */
static int map_put(chorus_outlet_map *m, char *key, const char *name)
{
    if (!key) return CHORUS_ENOMEM;
    if (map_get(m, key)) {
        free(key);
        return 0;
    }
    entry e = {key, cx_strdup(name)};
    if (!e.name || CX_PUSH(m->e, m->n, m->cap, e)) {
        free(e.key), free(e.name);
        return CHORUS_ENOMEM;
    }
    return 0;
}

chorus_outlet_map *chorus_outlet_map_new(void)
{
    return calloc(1, sizeof(chorus_outlet_map));
}

void chorus_outlet_map_free(chorus_outlet_map *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->n; i++) free(m->e[i].key), free(m->e[i].name);
    free(m->e);
    free(m);
}

int chorus_outlet_map_add(chorus_outlet_map *m, const char *host_or_name, const char *name)
{
    if (!m || !host_or_name || !name || !*name) return CHORUS_EINVAL;
    char *k = host_key(host_or_name);
    if (!k) k = name_key(host_or_name);
    return map_put(m, k, name);
}

int chorus_outlet_map_load(chorus_outlet_map *m, const char *path, chorus_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f) return cx_fail(err, CHORUS_EIO, "%s: cannot open the outlets file", path);
    char line[1024];
    size_t lineno = 0;
    int rc = 0;
    while (!rc && fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        if (n == sizeof line - 1 && line[n - 1] != '\n') {
            rc = cx_fail(err, CHORUS_EFORMAT, "%s:%zu: line longer than %zu bytes", path, lineno, sizeof line - 2);
            break;
        }
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ')) line[--n] = '\0';
        if (!n || line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab || !tab[1] || tab == line) {
            rc = cx_fail(err, CHORUS_EFORMAT, "%s:%zu: expected HOST<TAB>NAME", path, lineno);
            break;
        }
        *tab = '\0';
        if (!cx_utf8_valid(line, strlen(line), NULL) || !cx_utf8_valid(tab + 1, strlen(tab + 1), NULL)) {
            rc = cx_fail(err, CHORUS_EUTF8, "%s:%zu: not valid UTF-8", path, lineno);
            break;
        }
        rc = chorus_outlet_map_add(m, line, tab + 1);
        if (rc == CHORUS_ENOMEM) cx_fail(err, rc, "out of memory");
    }
    fclose(f);
    return rc;
}

/* ---- a dateline's agency ------------------------------------------------------ */

/* The agency credited in a dateline at the opening of the text: "LONDON
 * (Reuters) - ", "WASHINGTON, Jan 6 (AP) — ", "(AFP) -". The parenthesis
 * comes early in one of the first lines, holds one to four capitalized
 * words, and a dash or colon follows it. Returns a copy or NULL. */
static char *dateline_agency(const char *text)
{
    if (!text) return NULL;
    const char *line = text;
    for (int lines = 0; lines < 4 && *line; lines++) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        const char *open = memchr(line, '(', n < 80 ? n : 80);
        if (open) {
            const char *close = memchr(open, ')', n - (size_t)(open - line));
            size_t k = close ? (size_t)(close - open - 1) : 0;
            const char *after = close ? close + 1 : NULL;
            while (after && *after == ' ') after++;
            int dash = after && (after[0] == '-' || after[0] == '_' || after[0] == ':' ||
                                 !strncmp(after, "\xE2\x80\x94", 3) || !strncmp(after, "\xE2\x80\x93", 3));
            int ok = close && dash && k >= 2 && k <= 30 && open[1] >= 'A' && open[1] <= 'Z';
            int words = 1;
            for (size_t i = 1; ok && i <= k; i++) {
                char c = open[i];
                if ((c >= '0' && c <= '9') || c == '/' || c == ',' || c == ':') ok = 0;
                if (c == ' ') {
                    words++;
                    char nx = open[i + 1];
                    if (!(nx >= 'A' && nx <= 'Z')) ok = 0;
                }
            }
            if (ok && words <= 4) return cx_strndup(open + 1, k);
        }
        if (!end) break;
        /* only the opening lines: a title, a blank line, the dateline */
        if (n > 0 && lines >= 1 && n > 200) break;
        line = end + 1;
    }
    return NULL;
}

/* The source is the agency itself, spelt otherwise ("APW" for AP, "XIE"
 * for Xinhua, "Reuters.com" for Reuters): no wire to show apart. */
static int same_outlet(const char *source, const char *wire)
{
    if (!source || !wire) return 0;
    return strlen(source) >= 2 && strlen(wire) >= 2 && !strncasecmp(source, wire, 2);
}

/* ---- the pass ------------------------------------------------------------------- */

static int set_source(chorus_article *a, const char *name)
{
    char *s = cx_strdup(name);
    if (!s) return CHORUS_ENOMEM;
    free(a->source);
    a->source = s;
    a->source_is_file = 0;
    return 0;
}

int chorus_corpus_name_outlets(chorus_corpus *c, const chorus_outlet_map *user, const char *fallback,
                               chorus_error *err)
{
    chorus_outlet_map seen = {0};
    int rc = 0;
    /* hosts seen beside a declared name */
    for (size_t i = 0; !rc && i < c->n_articles; i++) {
        chorus_article *a = &c->articles[i];
        if (!a->url || !a->source || a->source_is_file) continue;
        char *hk = host_key(a->url);
        if (!hk) continue;
        char *sk = host_key(a->source);
        if (sk) { /* the source is itself a host: no name learnt */
            free(sk), free(hk);
            continue;
        }
        rc = map_put(&seen, hk, a->source);
    }
    for (size_t i = 0; !rc && i < c->n_articles; i++) {
        chorus_article *a = &c->articles[i];
        if (!a->wire && (a->wire = dateline_agency(a->text)) && same_outlet(a->source, a->wire)) {
            free(a->wire);
            a->wire = NULL;
        }
        char *uk = host_key(a->url), *sh = a->source ? host_key(a->source) : NULL;
        char *nk = a->source ? name_key(a->source) : NULL;
        const char *name = NULL;
        if (user) {
            name = map_get(user, uk);
            if (!name) name = map_get(user, sh);
            if (!name && !a->source_is_file) name = map_get(user, nk);
        }
        /* an outlet known only by its host, named where the run shows it */
        if (!name && sh) name = map_get(&seen, sh);
        if (!name && (!a->source || a->source_is_file) && uk) name = map_get(&seen, uk);
        if (!name && a->source_is_file && fallback && *fallback) name = fallback;
        if (name) rc = set_source(a, name);
        free(uk), free(sh), free(nk);
    }
    for (size_t i = 0; i < seen.n; i++) free(seen.e[i].key), free(seen.e[i].name);
    free(seen.e);
    if (rc) return cx_fail(err, rc, "out of memory");
    return 0;
}

char *chorus_outlet_label(const chorus_article *a)
{
    const char *src = a->source && *a->source ? a->source : "unknown";
    size_t n = strlen(src) + (a->wire ? strlen(a->wire) + 6 : 0) + 8;
    char *s = malloc(n);
    if (!s) return NULL;
    if (a->wire) snprintf(s, n, "%s via %s%s", a->wire, src, a->source_is_file ? " (file)" : "");
    else
        snprintf(s, n, "%s%s", src, a->source_is_file ? " (file)" : "");
    return s;
}
