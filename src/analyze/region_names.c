/* Region names from ICU (see region_names.h). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "answer_cache.h"
#include "blob_cache.h"
#include "build_id.h"
#include "region_names.h"
#include "text.h"
#include "util.h"

/* One table per display language; a handful of languages per run. A table
 * is the names' keys, sorted, each with its code: kept whole in the cache
 * (under the build's id, as normalize() made them), a run reads it back and
 * searches it instead of normalizing and hashing ~300 names. */
#define MAX_TABLES 16
typedef struct {
    char lang[12];
    char *bytes;       /* the answer: count, then key and value, fields apart */
    const char **key;  /* into bytes, NUL-terminated, in strcmp order */
    int64_t *val;      /* code (c0 << 8 | c1), | INITIALS when from initials */
    size_t n;
} region_table;

#define INITIALS 0x10000
static region_table tables[MAX_TABLES];
static int n_tables;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Lower-cased, dots dropped, spaces single, a leading "the " dropped. */
static size_t normalize(const char *s, size_t n, char *out, size_t cap)
{
    char low[256];
    if (n >= sizeof low / 2) return 0;
    size_t ln = cx_lower(s, n, low, sizeof low);
    if (!ln || ln >= sizeof low) return 0;
    size_t k = 0;
    const char *p = low, *e = low + ln;
    if (ln > 4 && !memcmp(p, "the ", 4)) p += 4;
    for (; p < e && k + 1 < cap; p++) {
        if (*p == '.') continue;
        if (*p == ' ' && (k == 0 || out[k - 1] == ' ')) continue;
        out[k++] = *p;
    }
    while (k && out[k - 1] == ' ') k--;
    out[k] = '\0';
    return k;
}

static int put(cx_strmap *m, const char *key, size_t n, int64_t val)
{
    int64_t old;
    if (cx_strmap_get(m, key, n, &old)) {
        if (old == val || old == -1) return 0;
        if (!(old & INITIALS) && (val & INITIALS)) return 0; /* a full name wins over initials */
        if ((old & INITIALS) && !(val & INITIALS)) return cx_strmap_put(m, key, n, val);
        return cx_strmap_put(m, key, n, -1); /* two regions: neither */
    }
    return cx_strmap_put(m, key, n, val);
}

/* Add the name (UTF-8), the name before a parenthesis ("Myanmar (Burma)"),
 * and the initials of its capitalized words when it has two or more. */
static int add_name(cx_strmap *m, const char *name, size_t n, int64_t code)
{
    char key[256];
    size_t k = normalize(name, n, key, sizeof key);
    int rc = k ? put(m, key, k, code) : 0;
    const char *paren = memchr(name, '(', n);
    if (!rc && paren && paren > name && (k = normalize(name, (size_t)(paren - name), key, sizeof key)))
        rc = put(m, key, k, code);
    char ini[16];
    size_t ni = 0;
    int words = 0;
    for (size_t i = 0; i < n && ni + 1 < sizeof ini; i++) {
        if (i > 0 && name[i - 1] != ' ' && name[i - 1] != '-') continue;
        words++;
        if (name[i] >= 'A' && name[i] <= 'Z') ini[ni++] = (char)(name[i] - 'A' + 'a');
        else if (name[i] == '(')
            break;
    }
    if (!rc && words >= 2 && ni >= 2) rc = put(m, ini, ni, code | INITIALS);
    return rc;
}

static size_t n_countries(void)
{
    size_t n = 0;
    for (const char *const *c = uloc_getISOCountries(); *c; c++) n++;
    return n;
}

/* ICU's name in lang of each country of uloc_getISOCountries, in UTF-8 and
 * in that order, empty when ICU has none in that language. */
static int ask_names(void *ctx, cx_buf *b)
{
    const char *lang = ctx;
    int rc = 0;
    for (const char *const *c = uloc_getISOCountries(); *c && !rc; c++) {
        if (c != uloc_getISOCountries()) rc = cx_buf_putc(b, CX_ANSWER_SEP);
        char loc[8];
        snprintf(loc, sizeof loc, "_%s", *c);
        UChar buf[128];
        UErrorCode e = U_ZERO_ERROR;
        int32_t un = uloc_getDisplayCountry(loc, lang, buf, 128, &e);
        /* no data in that language: ICU answers with the code itself */
        if (U_FAILURE(e) || un <= 0 || (strcmp(lang, "en") && e == U_USING_DEFAULT_WARNING)) continue;
        char name[384];
        int32_t n8 = 0;
        e = U_ZERO_ERROR;
        u_strToUTF8(name, sizeof name, &n8, buf, un, &e);
        if (U_FAILURE(e) || n8 <= 0 || (n8 == 2 && !memcmp(name, *c, 2))) continue;
        if (!rc) rc = cx_buf_append(b, name, (size_t)n8);
    }
    return rc;
}

/* The map of every name of lang to its code (-1: two regions). */
static int build_map(cx_strmap *m, const char *lang)
{
    if (cx_strmap_init(m)) return CHORUS_ENOMEM;
    cx_buf fresh;
    size_t len, at = 0, fl;
    const char *f, *ans = cx_answers("icu" U_ICU_VERSION "/regions", lang, n_countries(), ask_names, (void *)lang,
                                     &fresh, &len);
    int rc = ans ? 0 : CHORUS_ENOMEM;
    for (const char *const *c = uloc_getISOCountries(); *c && !rc && cx_answer_field(ans, len, &at, &f, &fl); c++) {
        int64_t code = ((int64_t)(unsigned char)(*c)[0] << 8) | (unsigned char)(*c)[1];
        if (fl) rc = add_name(m, f, fl, code);
    }
    cx_buf_free(&fresh);
    return rc;
}

static const char *const *sort_keys; /* under lock */
static int by_key(const void *x, const void *y)
{
    return strcmp(sort_keys[*(const int32_t *)x], sort_keys[*(const int32_t *)y]);
}

/* The table as an answer: the number of names, then each key and value in
 * key order (ambiguous names left out: they name no region). */
static int ask_table(const char *lang, cx_buf *b)
{
    cx_strmap m;
    int rc = build_map(&m, lang);
    size_t n = rc ? 0 : cx_strmap_size(&m), k = 0;
    int32_t *order = malloc(sizeof *order * (n + 1));
    const char **keys = malloc(sizeof *keys * (n + 1));
    if (!order || !keys) rc = CHORUS_ENOMEM;
    for (size_t i = 0; i < n && !rc; i++)
        if (m.vals[i] >= 0) keys[i] = cx_vocab_str(m.keys, (int32_t)i), order[k++] = (int32_t)i;
    if (!rc) {
        sort_keys = keys;
        qsort(order, k, sizeof *order, by_key);
        rc = cx_buf_printf(b, "%zu", k);
    }
    for (size_t i = 0; i < k && !rc; i++)
        rc = cx_buf_printf(b, "%c%s%c%lld", CX_ANSWER_SEP, keys[order[i]], CX_ANSWER_SEP, (long long)m.vals[order[i]]);
    free(order), free(keys);
    cx_strmap_free(&m);
    return rc;
}

/* The table read from its answer in one pass (the keys' separators become
 * their NULs); 0 when the answer is not one (another shape, keys out of
 * order). */
static int parse_table(region_table *t, char *ans, size_t len)
{
    size_t n = 0, at = 0;
    while (at < len && ans[at] >= '0' && ans[at] <= '9' && n < 100000) n = 10 * n + (size_t)(ans[at++] - '0');
    if (!at || at == len || ans[at] != CX_ANSWER_SEP) return 0;
    t->key = malloc(sizeof *t->key * (n + 1));
    t->val = malloc(sizeof *t->val * (n + 1));
    if (!t->key || !t->val) return 0;
    for (size_t i = 0; i < n; i++) {
        if (at >= len || ans[at] != CX_ANSWER_SEP) return 0;
        char *k = ans + ++at;
        while (at < len && ans[at] != CX_ANSWER_SEP) at++;
        if (at >= len) return 0;
        ans[at++] = '\0';
        if (i && strcmp(t->key[i - 1], k) >= 0) return 0;
        int64_t v = 0;
        size_t digits = 0;
        while (at < len && ans[at] >= '0' && ans[at] <= '9' && digits++ < 7) v = 10 * v + (ans[at++] - '0');
        if (!digits || (at < len && ans[at] != CX_ANSWER_SEP)) return 0;
        t->key[i] = k, t->val[i] = v;
    }
    t->n = n;
    return at == len;
}

#define REGIONS_KIND "regions.v1"

static int build(region_table *t, const char *lang)
{
    snprintf(t->lang, sizeof t->lang, "%s", lang);
    /* the keys are normalize()'s: kept under the id of the code that made
     * them, one small file per language (blob_cache.h) */
    size_t idl = 0;
    const unsigned char *id = cx_blob_cache_on() ? cx_build_id(&idl) : NULL;
    char name[64];
    size_t n = 0;
    for (size_t i = 0; id && i < idl && i < 16; i++) {
        name[n++] = "0123456789abcdef"[id[i] >> 4];
        name[n++] = "0123456789abcdef"[id[i] & 15];
    }
    for (const char *c = lang; *c && n + 1 < sizeof name; c++) /* [0-9a-z] only */
        if ((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')) name[n++] = *c;
    name[n] = '\0';
    size_t len = 0;
    if (id && (t->bytes = cx_blob_get(REGIONS_KIND, name, &len))) {
        if (parse_table(t, t->bytes, len)) return 0;
        free(t->bytes), free(t->key), free(t->val);
        t->bytes = NULL, t->key = NULL, t->val = NULL, t->n = 0;
    }
    cx_buf b;
    cx_buf_init(&b);
    if (ask_table(lang, &b) || cx_buf_putc(&b, '\0')) {
        cx_buf_free(&b);
        return CHORUS_ENOMEM;
    }
    len = b.len - 1;
    t->bytes = cx_buf_take(&b);
    if (!t->bytes) return CHORUS_ENOMEM;
    if (id) cx_blob_put(REGIONS_KIND, name, t->bytes, len); /* before parsing cuts the fields */
    return parse_table(t, t->bytes, len) ? 0 : CHORUS_ENOMEM;
}

/* The table of lang, built on first use. */
static const region_table *table_of(const char *lang)
{
    const region_table *r = NULL;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < n_tables && !r; i++)
        if (!strcmp(tables[i].lang, lang)) r = &tables[i];
    if (!r && n_tables < MAX_TABLES && strlen(lang) < sizeof tables[0].lang) {
        region_table *t = &tables[n_tables];
        if (!build(t, lang)) r = t, n_tables++;
        else {
            free(t->bytes), free(t->key), free(t->val);
            memset(t, 0, sizeof *t);
        }
    }
    pthread_mutex_unlock(&lock);
    return r;
}

static int lookup(const region_table *t, const char *key, size_t k, int acronym_form, char code[3])
{
    (void)k; /* key is NUL-terminated */
    if (!t) return 0;
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(t->key[mid], key);
        if (!c) {
            int64_t v = t->val[mid];
            if ((v & INITIALS) && !acronym_form) return 0;
            code[0] = (char)((v >> 8) & 0xFF), code[1] = (char)(v & 0xFF), code[2] = '\0';
            return 1;
        }
        if (c < 0) lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int cx_region_code(const char *lang, const char *s, size_t n, char code[3])
{
    char key[256];
    size_t k = normalize(s, n, key, sizeof key);
    if (!k) return 0;
    /* initials fold only onto a name written in capitals ("U.S.", "UAE") */
    int acronym_form = 1;
    for (size_t i = 0; i < n; i++) acronym_form &= !(s[i] >= 'a' && s[i] <= 'z');
    if (lookup(table_of("en"), key, k, acronym_form, code)) return 1;
    if (lang && strcmp(lang, "en") && lookup(table_of(lang), key, k, acronym_form, code)) return 1;
    return 0;
}
