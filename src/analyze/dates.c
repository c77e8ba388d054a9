/* Dates in sentences (dates.h).
 *
 * The sentence is case-folded once (with a map back to its own bytes), then
 * read three times: the relative phrases of its language ("last week",
 * "la semaine dernière", "上周"), longest first; weekday names; and calendar
 * dates built from month names and numbers ("Jan. 6, 2020", "6. Januar",
 * "6 de enero de 2020", "2020-01-06", "2020年1月6日"). The names and phrases
 * are ICU's (format and stand-alone month names, their abbreviations, weekday
 * names, the relative date formatter's words for -1, 0 and +1 of each unit),
 * built once per language and kept for the life of the process. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/udat.h>
#include <unicode/ureldatefmt.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "answer_cache.h"
#include "dates.h"
#include "language.h"
#include "util.h"

/* ---- calendar ------------------------------------------------------------ */

/* Days from 1970-01-01 in the proleptic Gregorian calendar, by eras of 400
 * years (146,097 days each), so that no table is needed. */
int32_t cx_days_from_civil(int year, int month, int day)
{
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

void cx_civil_from_days(int32_t days, int *year, int *month, int *day)
{
    int z = days + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    *year = yoe + era * 400 + (m <= 2);
    *month = m;
    *day = d;
}

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_length(int year, int month)
{
    static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && (year == 0 || leap(year))) return 29;
    return len[month - 1];
}

int cx_date_valid(int year, int month, int day)
{
    if (year < 0 || year > 9999 || month < 1 || month > 12) return 0;
    return day >= 1 && day <= month_length(year, month);
}

int32_t cx_day_of_unix(int64_t seconds)
{
    if (seconds == INT64_MIN) return CX_NO_DAY;
    int64_t d = seconds / 86400 - (seconds % 86400 < 0);
    return (int32_t)d;
}

int cx_weekday(int32_t days)
{
    int w = (int)((days % 7 + 7 + 4) % 7); /* 1970-01-01 was a Thursday */
    return w;
}

size_t cx_day_format(int32_t days, char *buf, size_t cap)
{
    if (!cap) return 0;
    if (days == CX_NO_DAY) {
        buf[0] = '\0';
        return 0;
    }
    int y, m, d;
    cx_civil_from_days(days, &y, &m, &d);
    int k = snprintf(buf, cap, "%04d-%02d-%02d", y, m, d);
    return k < 0 ? 0 : (size_t)k < cap ? (size_t)k : cap - 1;
}

/* ---- names of one language, from ICU ------------------------------------- */

typedef struct phrase {
    char *text; /* folded */
    size_t len;
    cx_date_unit unit;
    int weekday; /* 0-6 for "last Monday" forms, else -1 */
    int offset;  /* -1, 0, +1 */
} phrase;

typedef struct date_names {
    char lang[16];
    char *month[12][3]; /* format, stand-alone, abbreviated; folded, no final '.' */
    char *weekday[7];   /* 0 = Sunday */
    phrase *phrases;    /* longest first */
    size_t n_phrases;
    int capitalized;    /* month names are written with a capital ("May", "Mai"): a
                           lower-case word is then no month ("they may 12 times") */
    /* Looked up once when the names are built: month_of runs on every word. */
    const cx_lang *table;    /* the language seam's table of lang */
    size_t month_len[12][3]; /* strlen of month[m][f], 0 when missing */
    uint8_t month_first[32]; /* bit set of the first bytes of the month names */
} date_names;

/* Simple case folding code point by code point (so a folded byte maps back to
 * the sentence), with the typographic apostrophe made straight. map[i] is the
 * sentence byte where folded byte i's character starts. */
static char *fold(const char *s, size_t n, uint32_t **map_out, size_t *out_len)
{
    /* at most three bytes out per byte in: a stray byte becomes U+FFFD (and
     * no simple folding more than triples a character), plus the NUL */
    const size_t cap = n * 3 + 8;
    char *o = malloc(cap + 1);
    uint32_t *map = map_out ? malloc(sizeof *map * (cap + 1)) : NULL;
    if (!o || (map_out && !map)) {
        free(o), free(map);
        return NULL;
    }
    size_t k = 0;
    for (int32_t i = 0; i < (int32_t)n;) {
        int32_t at = i;
        unsigned char a = (unsigned char)s[i];
        if (a < 0x80) { /* ASCII folds to itself, capitals to small */
            o[k] = (char)(a >= 'A' && a <= 'Z' ? a + ('a' - 'A') : a);
            if (map) map[k] = (uint32_t)at;
            k++, i++;
            continue;
        }
        UChar32 c;
        U8_NEXT(s, i, (int32_t)n, c);
        if (c < 0) c = 0xFFFD;
        if (c == 0x2019) c = '\'';
        c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
        size_t before = k;
        UBool bad = 0;
        U8_APPEND((uint8_t *)o, k, cap, c, bad);
        if (bad) break;
        if (map)
            for (size_t j = before; j < k; j++) map[j] = (uint32_t)at;
    }
    o[k] = '\0';
    if (map) map[k] = (uint32_t)n;
    if (map_out) *map_out = map;
    *out_len = k;
    return o;
}

/* A name as the tables keep it: folded, without a final '.', NULL when empty. */
static char *folded_name(const char *utf8, size_t n)
{
    if (!n) return NULL;
    size_t fl;
    char *f = fold(utf8, n, NULL, &fl);
    if (f) /* "janv." and "janv" are one abbreviation */
        while (fl && f[fl - 1] == '.') f[--fl] = '\0';
    if (f && !fl) {
        free(f);
        return NULL;
    }
    return f;
}

/* ICU's string as the answer's next field (empty when it is too long to be a
 * name). */
static int put_answer(cx_buf *b, const UChar *u, int32_t len)
{
    int rc = cx_buf_putc(b, CX_ANSWER_SEP);
    char tmp[256];
    UErrorCode e = U_ZERO_ERROR;
    int32_t k = 0;
    if (!rc && len > 0) u_strToUTF8(tmp, sizeof tmp - 1, &k, u, len, &e);
    if (rc || U_FAILURE(e) || k <= 0) return rc;
    return cx_buf_append(b, tmp, (size_t)k);
}

static int put_symbol(cx_buf *b, UDateFormat *fmt, UDateFormatSymbolType type, int32_t i)
{
    UChar u[128];
    UErrorCode e = U_ZERO_ERROR;
    int32_t k = udat_getSymbols(fmt, type, i, u, 128, &e);
    if (U_FAILURE(e) || k <= 0 || k >= 128) k = 0;
    return put_answer(b, u, k);
}

static int cmp_phrase_len(const void *a, const void *b)
{
    const phrase *x = a, *y = b;
    return x->len < y->len ? 1 : x->len > y->len ? -1 : 0;
}

static void names_free(date_names *dn)
{
    for (int m = 0; m < 12; m++)
        for (int f = 0; f < 3; f++) free(dn->month[m][f]);
    for (int w = 0; w < 7; w++) free(dn->weekday[w]);
    for (size_t i = 0; i < dn->n_phrases; i++) free(dn->phrases[i].text);
    free(dn->phrases);
}

static const struct {
    URelativeDateTimeUnit icu;
    cx_date_unit unit;
    int weekday;
} rel_units[] = {{UDAT_REL_UNIT_DAY, CX_UNIT_DAY, -1},       {UDAT_REL_UNIT_WEEK, CX_UNIT_WEEK, -1},
                 {UDAT_REL_UNIT_MONTH, CX_UNIT_MONTH, -1},   {UDAT_REL_UNIT_YEAR, CX_UNIT_YEAR, -1},
                 {UDAT_REL_UNIT_SUNDAY, CX_UNIT_DAY, 0},     {UDAT_REL_UNIT_MONDAY, CX_UNIT_DAY, 1},
                 {UDAT_REL_UNIT_TUESDAY, CX_UNIT_DAY, 2},    {UDAT_REL_UNIT_WEDNESDAY, CX_UNIT_DAY, 3},
                 {UDAT_REL_UNIT_THURSDAY, CX_UNIT_DAY, 4},   {UDAT_REL_UNIT_FRIDAY, CX_UNIT_DAY, 5},
                 {UDAT_REL_UNIT_SATURDAY, CX_UNIT_DAY, 6}};
#define N_REL_UNITS (sizeof rel_units / sizeof *rel_units)
/* ICU's answers for a language (kept between runs, answer_cache.h): whether
 * it has date names, whether months are capitalized, the month names (12 x
 * format, stand-alone, abbreviated), the weekdays from Sunday, and the
 * relative phrases of each unit for -1, 0, +1 ("yesterday", "today"). */
#define N_DATE_ANSWERS (2 + 36 + 7 + N_REL_UNITS * 3)

static int ask_names(void *ctx, cx_buf *b)
{
    const char *lang = ctx;
    UErrorCode e = U_ZERO_ERROR;
    UDateFormat *fmt = udat_open(UDAT_NONE, UDAT_NONE, lang, NULL, 0, NULL, 0, &e);
    if (U_FAILURE(e)) { /* no names: only the first field says so */
        int rc = cx_buf_puts(b, "0");
        for (size_t i = 1; i < N_DATE_ANSWERS && !rc; i++) rc = cx_buf_putc(b, CX_ANSWER_SEP);
        return rc;
    }
    UChar first[64];
    int capitalized = 0;
    e = U_ZERO_ERROR;
    if (udat_getSymbols(fmt, UDAT_MONTHS, 0, first, 64, &e) > 0 && U_SUCCESS(e)) capitalized = u_isupper(first[0]);
    int rc = cx_buf_puts(b, capitalized ? "1\x1f" "1" : "1\x1f" "0");
    for (int m = 0; m < 12 && !rc; m++) {
        rc = put_symbol(b, fmt, UDAT_MONTHS, m);
        if (!rc) rc = put_symbol(b, fmt, UDAT_STANDALONE_MONTHS, m);
        if (!rc) rc = put_symbol(b, fmt, UDAT_SHORT_MONTHS, m);
    }
    /* ICU's weekday symbols start at index 1 (UCAL_SUNDAY) */
    for (int w = 0; w < 7 && !rc; w++) rc = put_symbol(b, fmt, UDAT_WEEKDAYS, w + 1);
    udat_close(fmt);
    e = U_ZERO_ERROR;
    URelativeDateTimeFormatter *rel =
        ureldatefmt_open(lang, NULL, UDAT_STYLE_LONG, UDISPCTX_CAPITALIZATION_NONE, &e);
    if (U_FAILURE(e)) rel = NULL; /* names without relative phrases */
    for (size_t u = 0; u < N_REL_UNITS && !rc; u++)
        for (int off = -1; off <= 1 && !rc; off++) {
            UChar ub[128];
            e = U_ZERO_ERROR;
            int32_t k = rel ? ureldatefmt_format(rel, (double)off, rel_units[u].icu, ub, 128, &e) : 0;
            if (U_FAILURE(e) || k <= 0 || k >= 128) k = 0;
            rc = put_answer(b, ub, k);
        }
    if (rel) ureldatefmt_close(rel);
    return rc;
}

static int names_build(date_names *dn, const char *lang)
{
    memset(dn, 0, sizeof *dn);
    snprintf(dn->lang, sizeof dn->lang, "%s", lang);
    cx_buf fresh;
    size_t len, at = 0, fl;
    const char *f, *ans =
        cx_answers("icu" U_ICU_VERSION "/dates", lang, N_DATE_ANSWERS, ask_names, (void *)lang, &fresh, &len);
    if (!ans) {
        cx_buf_free(&fresh);
        return -1;
    }
    cx_answer_field(ans, len, &at, &f, &fl);
    if (fl != 1 || f[0] != '1') {
        cx_buf_free(&fresh);
        return -1;
    }
    cx_answer_field(ans, len, &at, &f, &fl);
    dn->capitalized = fl == 1 && f[0] == '1';
    for (int m = 0; m < 12; m++)
        for (int k = 0; k < 3; k++) {
            cx_answer_field(ans, len, &at, &f, &fl);
            dn->month[m][k] = folded_name(f, fl);
        }
    for (int m = 0; m < 12; m++)
        for (int k = 0; k < 3; k++) {
            dn->month_len[m][k] = dn->month[m][k] ? strlen(dn->month[m][k]) : 0;
            if (dn->month_len[m][k]) {
                unsigned char c = (unsigned char)dn->month[m][k][0];
                dn->month_first[c >> 3] |= (uint8_t)(1u << (c & 7));
            }
        }
    dn->table = cx_lang_get(dn->lang);
    for (int w = 0; w < 7; w++) {
        cx_answer_field(ans, len, &at, &f, &fl);
        dn->weekday[w] = folded_name(f, fl);
    }
    dn->phrases = calloc(N_REL_UNITS * 3, sizeof *dn->phrases);
    if (!dn->phrases) {
        cx_buf_free(&fresh);
        return -1;
    }
    for (size_t u = 0; u < N_REL_UNITS; u++)
        for (int off = -1; off <= 1; off++) {
            cx_answer_field(ans, len, &at, &f, &fl);
            char *t = folded_name(f, fl);
            if (!t) continue;
            /* a weekday's "this Monday" that is the bare name adds nothing */
            if (rel_units[u].weekday >= 0 && dn->weekday[rel_units[u].weekday] &&
                !strcmp(t, dn->weekday[rel_units[u].weekday])) {
                free(t);
                continue;
            }
            phrase *p = &dn->phrases[dn->n_phrases++];
            p->text = t;
            p->len = strlen(t);
            p->unit = rel_units[u].unit;
            p->weekday = rel_units[u].weekday;
            p->offset = off;
        }
    cx_buf_free(&fresh);
    qsort(dn->phrases, dn->n_phrases, sizeof *dn->phrases, cmp_phrase_len);
    return 0;
}

/* One table per language, built on first use, kept for the process. */
#define MAX_LANGS 32
static date_names langs[MAX_LANGS];
static size_t n_langs;
static pthread_mutex_t langs_lock = PTHREAD_MUTEX_INITIALIZER;

static const date_names *names_for(const char *lang)
{
    char key[16];
    size_t k = 0;
    if (!lang || !*lang) lang = "en";
    /* the language subtag is enough: "en-GB" and "en" name months alike */
    for (; lang[k] && lang[k] != '-' && lang[k] != '_' && k + 1 < sizeof key; k++)
        key[k] = (char)cx_ascii_lower((unsigned char)lang[k]);
    key[k] = '\0';
    const date_names *found = NULL;
    pthread_mutex_lock(&langs_lock);
    for (size_t i = 0; i < n_langs && !found; i++)
        if (!strcmp(langs[i].lang, key)) found = &langs[i];
    if (!found && n_langs < MAX_LANGS) {
        if (names_build(&langs[n_langs], key) == 0) found = &langs[n_langs++];
        else names_free(&langs[n_langs]);
    }
    pthread_mutex_unlock(&langs_lock);
    if (!found && strcmp(key, "en")) return names_for("en");
    return found;
}

/* ---- reading a sentence --------------------------------------------------- */

typedef enum { TOK_WORD, TOK_NUM, TOK_PUNCT } tok_kind;

typedef struct {
    size_t start, end; /* folded bytes */
    tok_kind kind;
    UChar32 cp;        /* TOK_PUNCT and one-character words: the character */
    int value;         /* TOK_NUM: its value (capped), digits in ndigits */
    int ndigits;
    int space_before;  /* separated from the previous token by a space */
} tok;

static int is_ideograph(UChar32 c) { return u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC); }

static size_t tokenize(const char *f, size_t n, tok **out)
{
    tok *v = malloc(sizeof *v * (n + 1));
    if (!v) return (size_t)-1;
    size_t nv = 0;
    int space = 1;
    for (int32_t i = 0; i < (int32_t)n;) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(f, i, (int32_t)n, c);
        if (c < 0 || u_isUWhiteSpace(c)) {
            space = 1;
            continue;
        }
        tok t = {(size_t)at, (size_t)i, TOK_PUNCT, c, 0, 0, space};
        space = 0;
        if (c >= '0' && c <= '9') {
            t.kind = TOK_NUM;
            t.value = c - '0';
            t.ndigits = 1;
            while (i < (int32_t)n && f[i] >= '0' && f[i] <= '9') {
                if (t.value < 100000) t.value = t.value * 10 + (f[i] - '0');
                t.ndigits++;
                i++;
            }
            t.end = (size_t)i;
        } else if (is_ideograph(c)) {
            t.kind = TOK_WORD; /* one character a word: CJK has no spaces */
        } else if (u_isalpha(c)) {
            t.kind = TOK_WORD;
            for (;;) {
                int32_t j = i;
                UChar32 d;
                if (j >= (int32_t)n) break;
                U8_NEXT(f, j, (int32_t)n, d);
                if (d < 0 || !u_isalpha(d) || is_ideograph(d)) break;
                i = j;
            }
            t.end = (size_t)i;
        }
        v[nv++] = t;
    }
    *out = v;
    return nv;
}

/* Month 1-12 named by the word, or 0: a month name in any of ICU's forms, or
 * a prefix of one of at least three letters naming no other month ("Sept"). */
static int month_of(const date_names *dn, const char *w, size_t len)
{
    if (len == 0 || len > 40) return 0;
    /* the language seam's calendar words first (language.h), then ICU's
     * forms and their unambiguous prefixes */
    int seam = cx_lang_month(dn->table ? dn->table : cx_lang_get(dn->lang), w, len);
    if (seam >= 1 && seam <= 12) return seam;
    /* no month name starts with this byte: neither a name nor a prefix */
    unsigned char c0 = (unsigned char)w[0];
    if (!(dn->month_first[c0 >> 3] & (1u << (c0 & 7)))) return 0;
    for (int m = 0; m < 12; m++)
        for (int f = 0; f < 3; f++) {
            const char *name = dn->month[m][f];
            if (name && dn->month_len[m][f] == len && !memcmp(name, w, len) && !(name[0] >= '0' && name[0] <= '9'))
                return m + 1;
        }
    if (len < 3) return 0;
    int found = 0;
    for (int m = 0; m < 12; m++)
        for (int f = 0; f < 2; f++) {
            const char *name = dn->month[m][f];
            if (name && dn->month_len[m][f] > len && name[0] == w[0] && !memcmp(name, w, len)) {
                if (found && found != m + 1) return 0;
                found = m + 1;
            }
        }
    return found;
}

typedef struct {
    cx_date_mention *v;
    size_t n, cap;
    const uint32_t *map;
    size_t src_len; /* bytes of the sentence the map points into */
    uint8_t *used; /* folded bytes already part of a mention */
    const cx_date_anchor *anchor;
} found_list;

static int overlaps(const found_list *fl, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (fl->used[i]) return 1;
    return 0;
}

static int add(found_list *fl, size_t a, size_t b, const cx_date_mention *m)
{
    if (overlaps(fl, a, b)) return 0;
    cx_date_mention x = *m;
    x.start = fl->map[a];
    x.len = fl->map[b] - fl->map[a];
    memset(fl->used + a, 1, b - a);
    return CX_PUSH(fl->v, fl->n, fl->cap, x);
}

/* A written date: its year from the anchor when missing (the year that puts
 * it nearest the article's day), then its span. */
static void resolve_stated(cx_date_mention *m, const cx_date_anchor *a)
{
    m->first = m->last = CX_NO_DAY;
    m->year = m->stated_year, m->month = m->stated_month, m->day = m->stated_day, m->year_inferred = 0;
    if (!m->year) {
        if (a && a->day != CX_NO_DAY) {
            int ay, am, ad;
            cx_civil_from_days(a->day, &ay, &am, &ad);
            int best = 0;
            int32_t best_gap = INT32_MAX;
            for (int y = ay - 1; y <= ay + 1; y++) {
                int d = m->unit == CX_UNIT_DAY ? m->day : 1;
                if (!cx_date_valid(y, m->month, d)) continue;
                int32_t gap = cx_days_from_civil(y, m->month, d) - a->day;
                if (gap < 0) gap = -gap;
                if (gap < best_gap) best_gap = gap, best = y;
            }
            m->year = best;
        } else if (a && a->year > 0)
            m->year = a->year;
        if (m->year) m->year_inferred = 1;
    }
    if (!m->year) return;
    if (m->unit == CX_UNIT_DAY) {
        if (!cx_date_valid(m->year, m->month, m->day)) {
            m->year = 0, m->year_inferred = 0;
            return;
        }
        m->first = m->last = cx_days_from_civil(m->year, m->month, m->day);
    } else if (m->unit == CX_UNIT_MONTH) {
        m->first = cx_days_from_civil(m->year, m->month, 1);
        m->last = m->first + month_length(m->year, m->month) - 1;
    }
}

static void set_civil(cx_date_mention *m)
{
    if (m->first == CX_NO_DAY) return;
    cx_civil_from_days(m->first, &m->year, &m->month, &m->day);
}

/* The weekday w as the sentence means it: the latest such day up to the
 * article's (offset 0), the one before it (-1: "last Monday") or after it
 * (+1: "next Monday"). */
static void resolve_weekday(cx_date_mention *m, int w, int offset, const cx_date_anchor *a)
{
    m->first = m->last = CX_NO_DAY;
    m->year = m->month = m->day = 0;
    if (!a || a->day == CX_NO_DAY) return;
    int32_t d;
    int back = (cx_weekday(a->day) - w + 7) % 7;
    if (offset == 0) d = a->day - back;
    else if (offset < 0) d = a->day - (back ? back : 7);
    else d = a->day + ((w - cx_weekday(a->day) + 7) % 7 ? (w - cx_weekday(a->day) + 7) % 7 : 7);
    m->first = m->last = d;
    set_civil(m);
}

static void resolve_relative(cx_date_mention *m, int offset, const cx_date_anchor *a)
{
    m->first = m->last = CX_NO_DAY;
    m->year = m->month = m->day = 0;
    if (!a || a->day == CX_NO_DAY || a->estimated) return;
    int y, mo, d;
    cx_civil_from_days(a->day, &y, &mo, &d);
    switch (m->unit) {
    case CX_UNIT_DAY: m->first = m->last = a->day + offset; break;
    case CX_UNIT_WEEK: { /* weeks start on Monday */
        int32_t monday = a->day - (cx_weekday(a->day) + 6) % 7 + 7 * offset;
        m->first = monday, m->last = monday + 6;
        break;
    }
    case CX_UNIT_MONTH:
        mo += offset;
        if (mo < 1) mo = 12, y--;
        if (mo > 12) mo = 1, y++;
        m->first = cx_days_from_civil(y, mo, 1);
        m->last = m->first + month_length(y, mo) - 1;
        break;
    case CX_UNIT_YEAR:
        m->first = cx_days_from_civil(y + offset, 1, 1);
        m->last = cx_days_from_civil(y + offset, 12, 31);
        break;
    }
    set_civil(m);
}

/* A name found in the folded text at [at, at+len) stands as a word: no letter
 * or digit right before or after (not needed in scripts without spaces). */
static int word_at(const char *f, size_t n, size_t at, size_t len)
{
    UChar32 c;
    int32_t i = (int32_t)at;
    U8_NEXT(f, i, (int32_t)n, c);
    if (is_ideograph(c)) return 1;
    if (at > 0) {
        int32_t j = (int32_t)at;
        U8_BACK_1((const uint8_t *)f, 0, j);
        int32_t k = j;
        U8_NEXT(f, k, (int32_t)n, c);
        if (c >= 0 && u_isalnum(c)) return 0;
    }
    if (at + len < n) {
        int32_t k = (int32_t)(at + len);
        U8_NEXT(f, k, (int32_t)n, c);
        if (c >= 0 && u_isalnum(c)) return 0;
    }
    return 1;
}

/* A 1,024-bit set of the pairs of adjacent bytes of a text: a name whose
 * first two bytes are not a pair of it does not occur in it. */
#define PAIR_BIT(a, b) ((((unsigned)(unsigned char)(a) * 31u) + (unsigned char)(b)) & 1023u)
static int may_occur(const uint64_t *pairs, const char *t)
{
    if (!t[0] || !t[1]) return 1;
    unsigned h = PAIR_BIT(t[0], t[1]);
    return (int)(pairs[h >> 6] >> (h & 63) & 1);
}

static int find_phrases(found_list *fl, const date_names *dn, const char *f, size_t n)
{
    uint64_t pairs[16] = {0}; /* over what strstr reads: up to the first NUL */
    for (size_t i = 0; f[i] && f[i + 1]; i++) {
        unsigned h = PAIR_BIT(f[i], f[i + 1]);
        pairs[h >> 6] |= (uint64_t)1 << (h & 63);
    }
    for (size_t p = 0; p < dn->n_phrases; p++) {
        const phrase *ph = &dn->phrases[p];
        if (!may_occur(pairs, ph->text)) continue;
        for (const char *hit = strstr(f, ph->text); hit; hit = strstr(hit + 1, ph->text)) {
            size_t at = (size_t)(hit - f);
            if (!word_at(f, n, at, ph->len) || overlaps(fl, at, at + ph->len)) continue;
            cx_date_mention m = {0};
            m.unit = ph->unit;
            m.offset = (int8_t)ph->offset;
            m.weekday = (int8_t)ph->weekday;
            m.kind = ph->weekday >= 0 ? CX_DATE_WEEKDAY : CX_DATE_RELATIVE;
            cx_dates_resolve(&m, fl->anchor);
            if (add(fl, at, at + ph->len, &m)) return CHORUS_ENOMEM;
        }
    }
    for (int w = 0; w < 7; w++) {
        const char *name = dn->weekday[w];
        if (!name || !may_occur(pairs, name)) continue;
        size_t len = strlen(name);
        for (const char *hit = strstr(f, name); hit; hit = strstr(hit + 1, name)) {
            size_t at = (size_t)(hit - f);
            if (!word_at(f, n, at, len) || overlaps(fl, at, at + len)) continue;
            cx_date_mention m = {0};
            m.kind = CX_DATE_WEEKDAY;
            m.unit = CX_UNIT_DAY;
            m.weekday = (int8_t)w;
            cx_dates_resolve(&m, fl->anchor);
            if (add(fl, at, at + len, &m)) return CHORUS_ENOMEM;
        }
    }
    return 0;
}

static int is_punct(const tok *t, UChar32 c) { return t->kind == TOK_PUNCT && t->cp == c; }

/* A day number: one or two digits, not glued into a larger number
 * ("1,200", "3.5"). */
static int day_number(const tok *t, size_t nt, size_t i)
{
    if (t[i].kind != TOK_NUM || t[i].ndigits > 2 || t[i].value < 1) return 0;
    if (i > 0 && !t[i].space_before && (is_punct(&t[i - 1], ',') || is_punct(&t[i - 1], '.') ||
                                        t[i - 1].kind == TOK_NUM))
        return 0;
    if (i + 2 < nt && !t[i + 1].space_before && !t[i + 2].space_before && t[i + 2].kind == TOK_NUM &&
        (is_punct(&t[i + 1], ',') || is_punct(&t[i + 1], '.') || is_punct(&t[i + 1], ':')))
        return 0;
    return 1;
}

static int year_number(const tok *t, size_t nt, size_t i)
{
    if (i >= nt || t[i].kind != TOK_NUM || t[i].ndigits != 4) return 0;
    /* not the start of a longer figure ("2020,000") */
    if (i + 2 < nt && !t[i + 1].space_before && !t[i + 2].space_before && t[i + 2].kind == TOK_NUM &&
        (is_punct(&t[i + 1], ',') || is_punct(&t[i + 1], '.')))
        return 0;
    return 1;
}

/* A short glue word between a day and its month or a month and its year
 * ("6th of", "6 de enero de 2020", "le 6"): at most three letters. */
static int glue_word(const tok *t) { return t->kind == TOK_WORD && t->end - t->start <= 3 && !is_ideograph(t->cp); }

/* Month named by token t, heeding the language's capitals (the original
 * sentence s holds the case). */
static int month_tok(const found_list *fl, const date_names *dn, const char *s, const char *f, const tok *t)
{
    if (t->kind != TOK_WORD) return 0;
    int m = month_of(dn, f + t->start, t->end - t->start);
    if (m && dn->capitalized) {
        UChar32 c;
        int32_t i = (int32_t)fl->map[t->start];
        U8_NEXT(s, i, (int32_t)fl->src_len, c);
        if (!u_isupper(c)) return 0;
    }
    return m;
}

static int find_calendar(found_list *fl, const date_names *dn, const char *s, const char *f, size_t n)
{
    tok *t;
    size_t nt = tokenize(f, n, &t);
    if (nt == (size_t)-1) return CHORUS_ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < nt && !rc; i++) {
        cx_date_mention m = {0};
        m.kind = CX_DATE_STATED;
        size_t a = t[i].start, b = 0;
        int year_stated = 0;
        /* 2020-01-06, 2020/01/06 */
        if (year_number(t, nt, i) && i + 4 < nt && (is_punct(&t[i + 1], '-') || is_punct(&t[i + 1], '/')) &&
            t[i + 3].kind == TOK_PUNCT && t[i + 3].cp == t[i + 1].cp && t[i + 2].kind == TOK_NUM &&
            t[i + 4].kind == TOK_NUM && t[i + 2].ndigits <= 2 && t[i + 4].ndigits <= 2 && !t[i + 1].space_before &&
            !t[i + 2].space_before && !t[i + 3].space_before && !t[i + 4].space_before) {
            m.year = t[i].value, m.month = t[i + 2].value, m.day = t[i + 4].value, year_stated = 1;
            m.unit = CX_UNIT_DAY;
            b = t[i + 4].end;
            i += 4;
        }
        /* 2020年1月6日, 1月6日, 2020年1月 */
        else if (t[i].kind == TOK_NUM && i + 1 < nt && t[i + 1].kind == TOK_WORD &&
                 (t[i + 1].cp == 0x5E74 || t[i + 1].cp == 0x6708)) {
            size_t j = i;
            if (t[j + 1].cp == 0x5E74) {
                if (t[j].ndigits != 4) continue;
                m.year = t[j].value, year_stated = 1;
                j += 2;
            }
            if (j + 1 >= nt || t[j].kind != TOK_NUM || t[j + 1].kind != TOK_WORD || t[j + 1].cp != 0x6708) continue;
            m.month = t[j].value;
            j += 2;
            if (j + 1 < nt && t[j].kind == TOK_NUM && t[j + 1].kind == TOK_WORD && t[j + 1].cp == 0x65E5) {
                m.day = t[j].value;
                m.unit = CX_UNIT_DAY;
                b = t[j + 1].end;
                j += 2;
            } else if (m.year) {
                m.unit = CX_UNIT_MONTH;
                b = t[j - 1].end;
            } else
                continue;
            i = j - 1;
        }
        /* month first: "Jan. 6", "January 6th, 2020", "January 2020" */
        else if ((m.month = month_tok(fl, dn, s, f, &t[i]))) {
            size_t j = i + 1;
            if (j < nt && is_punct(&t[j], '.') && !t[j].space_before) j++;
            if (j < nt && day_number(t, nt, j)) {
                m.day = t[j].value;
                m.unit = CX_UNIT_DAY;
                b = t[j].end;
                j++;
                if (j < nt && !t[j].space_before && glue_word(&t[j]) && t[j].end - t[j].start == 2) b = t[j++].end;
                size_t y = j < nt && is_punct(&t[j], ',') ? j + 1 : j;
                if (year_number(t, nt, y)) m.year = t[y].value, year_stated = 1, b = t[y].end, j = y + 1;
            } else {
                size_t y = j < nt && is_punct(&t[j], ',') ? j + 1 : j;
                if (!year_number(t, nt, y)) continue;
                m.year = t[y].value, year_stated = 1;
                m.unit = CX_UNIT_MONTH;
                b = t[y].end;
                j = y + 1;
            }
            i = j - 1;
        }
        /* day first: "6 January 2020", "6. Januar", "6th of January", "6 de enero de 2020" */
        else if (day_number(t, nt, i)) {
            size_t j = i + 1, glue = 0;
            if (j < nt && is_punct(&t[j], '.') && !t[j].space_before) j++;
            while (j < nt && glue < 2 && glue_word(&t[j]) && !month_tok(fl, dn, s, f, &t[j]))
                j++, glue++;
            if (j >= nt || !(m.month = month_tok(fl, dn, s, f, &t[j])))
                continue;
            m.day = t[i].value;
            m.unit = CX_UNIT_DAY;
            b = t[j].end;
            j++;
            if (j < nt && is_punct(&t[j], '.') && !t[j].space_before) j++;
            size_t y = j;
            if (y < nt && (is_punct(&t[y], ',') || glue_word(&t[y]))) y++;
            if (year_number(t, nt, y)) m.year = t[y].value, year_stated = 1, b = t[y].end, j = y + 1;
            i = j - 1;
        } else
            continue;
        /* impossible dates are no dates: "February 30", year 0 */
        if (year_stated && m.year < 1) continue;
        if (m.unit == CX_UNIT_DAY && !cx_date_valid(m.year, m.month, m.day)) continue;
        if (m.unit == CX_UNIT_MONTH && (m.month < 1 || m.month > 12)) continue;
        m.stated_year = m.year, m.stated_month = m.month, m.stated_day = m.unit == CX_UNIT_DAY ? m.day : 0;
        m.weekday = -1;
        cx_dates_resolve(&m, fl->anchor);
        rc = add(fl, a, b, &m);
    }
    free(t);
    return rc;
}

static int cmp_mention(const void *a, const void *b)
{
    const cx_date_mention *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

int cx_dates_find(const char *s, size_t n, const char *lang, const cx_date_anchor *anchor, cx_date_mention **out)
{
    *out = NULL;
    if (!n) return 0;
    const date_names *dn = names_for(lang);
    uint32_t *map;
    size_t fn;
    char *f = fold(s, n, &map, &fn);
    if (!f) return CHORUS_ENOMEM;
    found_list fl = {0};
    fl.map = map;
    fl.src_len = n;
    fl.anchor = anchor;
    fl.used = calloc(fn + 1, 1);
    int rc = fl.used ? 0 : CHORUS_ENOMEM;
    /* calendar dates first: "Monday, Jan. 6" is read as Jan. 6 and Monday */
    if (!rc) rc = find_calendar(&fl, dn ? dn : &(date_names){0}, s, f, fn);
    if (!rc && dn) rc = find_phrases(&fl, dn, f, fn);
    free(f), free(map), free(fl.used);
    if (rc) {
        free(fl.v);
        return rc;
    }
    if (fl.n > 1) qsort(fl.v, fl.n, sizeof *fl.v, cmp_mention);
    *out = fl.v;
    return (int)fl.n;
}

void cx_dates_resolve(cx_date_mention *m, const cx_date_anchor *a)
{
    switch (m->kind) {
    case CX_DATE_STATED: resolve_stated(m, a); break;
    case CX_DATE_WEEKDAY: resolve_weekday(m, m->weekday, m->offset, a); break;
    case CX_DATE_RELATIVE: resolve_relative(m, m->offset, a); break;
    }
}

int32_t cx_dates_sentence_day(const cx_date_mention *m, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (m[i].unit == CX_UNIT_DAY && m[i].first != CX_NO_DAY) return m[i].first;
    return CX_NO_DAY;
}
