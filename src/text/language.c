/* The per-language tables, built on first use from Debian package data and
 * ICU locale data (see language.h). */
#include <ctype.h>
#include <libstemmer.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/ulocdata.h>
#include <unicode/unum.h>
#include <unicode/ures.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <xxhash.h>

#include "answer_cache.h"
#include "language.h"
#include "language_internal.h"
#include "text.h"
#include "util.h"

/* Answers from ICU are kept between runs under its version (answer_cache.h). */
#define ICU_ANSWERS "icu" U_ICU_VERSION "/"


/* A word set with a value per word. */
typedef struct wordmap {
    cx_vocab *v;
    double *val;
    size_t cap;
} wordmap;

struct cx_lang {
    char code[12];
    char name[48];
    unsigned support;
    int unspaced;
    char stemmer[16];
    wordmap stop, abbrev, abbrev_exact, honor, number, month, weekday, cue;
    char quote[4][8];
    char decimal[8], group[8];
    /* Number words and separators cost more to build than the rest of the
     * table (ICU parses its spell-out rules) and few runs read them: they
     * are built on first use. */
    atomic_int numbers_ready;
    pthread_mutex_t numbers_lock; /* also guards the name, filled on first use */
    atomic_int name_ready;
};

static int wm_put(wordmap *m, const char *w, size_t n, double val, int overwrite)
{
    if (!n) return 0;
    if (!m->v && !(m->v = cx_vocab_new())) return CHORUS_ENOMEM;
    size_t before = cx_vocab_size(m->v);
    int32_t id = cx_vocab_id(m->v, w, n);
    if (id < 0) return CHORUS_ENOMEM;
    if (cx_grow((void **)&m->val, &m->cap, (size_t)id + 1, sizeof *m->val)) return CHORUS_ENOMEM;
    if ((size_t)id >= before || overwrite) m->val[id] = val;
    return 0;
}

static int wm_get(const wordmap *m, const char *w, size_t n, double *val)
{
    if (!m->v) return 0;
    int32_t id = cx_vocab_find(m->v, w, n);
    if (id < 0) return 0;
    if (val) *val = m->val[id];
    return 1;
}

static size_t wm_size(const wordmap *m) { return m->v ? cx_vocab_size(m->v) : 0; }

/* UTF-16 to lower-cased UTF-8 without soft hyphens (ICU's spell-out puts
 * them inside German compounds) and with a final period dropped. */
static size_t utf8_to_key(const char *raw, size_t len, char *out, size_t cap)
{
    if (!len) return 0;
    size_t o = cx_lower(raw, len, out, cap);
    size_t w = 0;
    for (size_t i = 0; i < o; i++) {
        if ((unsigned char)out[i] == 0xC2 && i + 1 < o && (unsigned char)out[i + 1] == 0xAD) {
            i++;
            continue;
        }
        out[w++] = out[i];
    }
    while (w && out[w - 1] == '.') w--;
    out[w] = '\0';
    return w;
}

/* An answer field from ICU's UTF-16: appended as UTF-8; nothing (an empty
 * field) when it does not convert or is longer than any name. */
static int append_u16(cx_buf *b, const UChar *u, int32_t n)
{
    char raw[256];
    int32_t len = 0;
    UErrorCode e = U_ZERO_ERROR;
    u_strToUTF8(raw, (int32_t)sizeof raw, &len, u, n, &e);
    if (U_FAILURE(e) || len <= 0 || (size_t)len >= sizeof raw) return 0;
    return cx_buf_append(b, raw, (size_t)len);
}

static void u16_to_utf8(const UChar *u, int32_t n, char *out, size_t cap)
{
    int32_t len = 0;
    UErrorCode e = U_ZERO_ERROR;
    u_strToUTF8(out, (int32_t)cap, &len, u, n, &e);
    if (U_FAILURE(e) || (size_t)len >= cap) out[0] = '\0';
    /* no-break and narrow no-break spaces are plain spaces after cx_normalize */
    if (!strcmp(out, "\xC2\xA0") || !strcmp(out, "\xE2\x80\xAF")) strcpy(out, " ");
}

/* ---- stopwords: the Snowball lists of liblingua-stopwords-perl ---- */

static int put_stopword(void *ctx, const char *w, size_t n) { return wm_put(ctx, w, n, 1, 0); }

static int load_stopwords(cx_lang *l)
{
    int rc = cx_stopword_list_each(l->code, put_stopword, &l->stop);
    if (rc > 0) rc = 0; /* no list: the language goes without */
    if (!rc && wm_size(&l->stop)) l->support |= CX_LANG_STOPWORDS;
    return rc;
}

static int put_list(wordmap *m, const char *const *list, double val)
{
    for (size_t i = 0; list[i]; i++)
        if (wm_put(m, list[i], strlen(list[i]), val, 1)) return CHORUS_ENOMEM;
    return 0;
}

/* ---- ICU locale data ---- */

/* Sentence-break exceptions (the "ss=standard" suppression lists) of one
 * word, in UTF-8, one a field (kept between runs). */
static int ask_abbrevs(void *ctx, cx_buf *b)
{
    cx_lang *l = ctx;
    UErrorCode e = U_ZERO_ERROR;
    UResourceBundle *r = ures_open(U_ICUDATA_NAME "-brkitr", l->code, &e);
    UResourceBundle *x = ures_getByKey(r, "exceptions", NULL, &e);
    UResourceBundle *sb = ures_getByKey(x, "SentenceBreak", NULL, &e);
    int rc = 0, first = 1;
    for (int32_t i = 0; U_SUCCESS(e) && i < ures_getSize(sb) && !rc; i++) {
        int32_t n;
        const UChar *s = ures_getStringByIndex(sb, i, &n, &e);
        if (U_FAILURE(e)) break;
        if (u_strchr(s, ' ')) continue; /* "av. J.-C.": several words */
        char raw[256];
        int32_t len = 0;
        UErrorCode ce = U_ZERO_ERROR;
        u_strToUTF8(raw, (int32_t)sizeof raw, &len, s, n, &ce);
        if (U_FAILURE(ce) || len <= 0 || (size_t)len >= sizeof raw || memchr(raw, CX_ANSWER_SEP, (size_t)len)) continue;
        if (!first) rc = cx_buf_putc(b, CX_ANSWER_SEP);
        if (!rc) rc = cx_buf_append(b, raw, (size_t)len);
        first = 0;
    }
    ures_close(sb);
    ures_close(x);
    ures_close(r);
    return rc;
}

static int load_abbrevs(cx_lang *l)
{
    cx_buf fresh;
    size_t len, at;
    const char *ans = cx_answers_counted(ICU_ANSWERS "abbrevs", l->code, ask_abbrevs, l, &fresh, &len, &at);
    int rc = ans ? 0 : CHORUS_ENOMEM;
    const char *f;
    size_t fl;
    while (!rc && cx_answer_field(ans, len, &at, &f, &fl)) {
        if (!fl) continue;
        /* An abbreviation written with a capital and then lower case ("Dr.",
         * "Hr.", "Sra.", "Mme") is a title before a name; others are plain. */
        char raw[64];
        if (fl < sizeof raw) memcpy(raw, f, fl), raw[fl] = '\0';
        else
            raw[0] = '\0';
        /* no-break and narrow no-break spaces are plain spaces after cx_normalize */
        if (!strcmp(raw, "\xC2\xA0") || !strcmp(raw, "\xE2\x80\xAF")) strcpy(raw, " ");
        char key[64];
        size_t kl = utf8_to_key(f, fl, key, sizeof key);
        if (!kl) continue;
        /* matched as written: ICU's list has "Up." and "Is." for headings,
         * which in lower case end sentences */
        size_t rl = strlen(raw);
        while (rl && raw[rl - 1] == '.') rl--;
        rc = wm_put(&l->abbrev_exact, raw, rl, CX_ABBREV, 0);
        size_t letters = 0, dots = 0;
        for (const char *c = raw; *c; c++) {
            if (*c == '.') dots++;
            else letters++;
        }
        /* ICU's lists also hold capitalized words for headings and labels
         * ("Act.", "By.", "In.", "Job."): a function word is never a title, and
         * English names its titles itself (cx_english_honorifics), so only
         * the other languages take this guess. A title never ends a sentence,
         * so a wrong one glues two sentences ("...the Endangered Species Act.
         * But most..."). */
        int title = isupper((unsigned char)raw[0]) && islower((unsigned char)raw[1]) && dots == 1 && letters <= 4 &&
                    strcmp(l->code, "en") != 0 && !wm_get(&l->stop, key, kl, NULL);
        if (!rc && title && !wm_get(&l->month, key, kl, NULL) && !wm_get(&l->weekday, key, kl, NULL))
            rc = wm_put(&l->honor, key, kl, 1, 0);
    }
    cx_buf_free(&fresh);
    if (!rc && wm_size(&l->abbrev_exact)) l->support |= CX_LANG_ABBREVS;
    return rc;
}

static const UDateFormatSymbolType month_kinds[] = {UDAT_MONTHS, UDAT_SHORT_MONTHS, UDAT_STANDALONE_MONTHS,
                                                    UDAT_STANDALONE_SHORT_MONTHS};
static const UDateFormatSymbolType day_kinds[] = {UDAT_WEEKDAYS, UDAT_SHORT_WEEKDAYS, UDAT_STANDALONE_WEEKDAYS,
                                                  UDAT_STANDALONE_SHORT_WEEKDAYS};
/* ICU's calendar words (kept between runs): 4 kinds x 12 months, then 4
 * kinds x 7 weekdays from Sunday, in UTF-8, empty where ICU has none. */
enum { N_CALENDAR_ANSWERS = 4 * 12 + 4 * 7 };

static int put_symbol(UDateFormat *f, UDateFormatSymbolType type, int32_t i, int32_t count, int first, cx_buf *b)
{
    int rc = first ? 0 : cx_buf_putc(b, CX_ANSWER_SEP);
    if (!f || i >= count || rc) return rc;
    UChar u[64];
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = udat_getSymbols(f, type, i, u, 64, &e);
    return U_SUCCESS(e) ? append_u16(b, u, n) : 0;
}

static int ask_calendar(void *ctx, cx_buf *b)
{
    cx_lang *l = ctx;
    UErrorCode e = U_ZERO_ERROR;
    UDateFormat *f = udat_open(UDAT_DEFAULT, UDAT_DEFAULT, l->code, NULL, 0, NULL, 0, &e);
    if (U_FAILURE(e)) f = NULL;
    int rc = 0;
    for (size_t t = 0; t < 4 && !rc; t++) {
        int32_t c = f ? udat_countSymbols(f, month_kinds[t]) : 0;
        for (int32_t i = 0; i < 12 && !rc; i++) rc = put_symbol(f, month_kinds[t], i, c, t == 0 && i == 0, b);
    }
    for (size_t t = 0; t < 4 && !rc; t++) {
        int32_t c = f ? udat_countSymbols(f, day_kinds[t]) : 0;
        /* ICU: 1 Sunday ... 7 Saturday */
        for (int32_t i = 1; i <= 7 && !rc; i++) rc = put_symbol(f, day_kinds[t], i, c, 0, b);
    }
    if (f) udat_close(f);
    return rc;
}

static int load_calendar(cx_lang *l)
{
    cx_buf fresh;
    size_t len, at = 0, fl;
    const char *f, *ans = cx_answers(ICU_ANSWERS "calendar", l->code, N_CALENDAR_ANSWERS, ask_calendar, l, &fresh, &len);
    int rc = ans ? 0 : CHORUS_ENOMEM;
    for (size_t t = 0; t < 4 && !rc; t++)
        for (int32_t i = 0; i < 12 && !rc; i++) {
            cx_answer_field(ans, len, &at, &f, &fl);
            char key[96];
            size_t kl = utf8_to_key(f, fl, key, sizeof key);
            /* "1月" (Japanese): a digit and a counter, not a name */
            if (kl && !(key[0] >= '0' && key[0] <= '9')) rc = wm_put(&l->month, key, kl, i + 1, 0);
        }
    for (size_t t = 0; t < 4 && !rc; t++)
        for (int32_t i = 1; i <= 7 && !rc; i++) {
            cx_answer_field(ans, len, &at, &f, &fl);
            char key[96];
            size_t kl = utf8_to_key(f, fl, key, sizeof key);
            if (kl) rc = wm_put(&l->weekday, key, kl, i == 1 ? 7 : i - 1, 0);
        }
    cx_buf_free(&fresh);
    if (!rc && (wm_size(&l->month) || wm_size(&l->weekday))) l->support |= CX_LANG_CALENDAR;
    return rc;
}

/* Split a spelled-out number into its last word (after a space), or into
 * what follows the spelling of a small number it starts with ("eintausend"
 * -> "tausend", "一万" -> "万"). */
static size_t multiplier_word(const char *spelled, size_t n, const char *one, const char *two, const char **w)
{
    const char *sp = memchr(spelled, ' ', n);
    if (sp) {
        const char *last = spelled + n;
        while (last > spelled && last[-1] != ' ') last--;
        *w = last;
        return (size_t)(spelled + n - last);
    }
    size_t lo = strlen(one), lt = strlen(two);
    if (lo && lo < n && !strncmp(spelled, one, lo)) {
        *w = spelled + lo;
        return n - lo;
    }
    if (lt && lt < n && !strncmp(spelled, two, lt)) {
        *w = spelled + lt;
        return n - lt;
    }
    *w = spelled;
    return n;
}

/* The powers whose words are multipliers, each spelled times 1, 2 and 5 (the
 * forms a plural or a case ending takes: "millions", "миллиона"). */
static const double number_powers[] = {100, 1e3, 1e4, 1e6, 1e8, 1e9, 1e12};
enum { N_POWERS = sizeof number_powers / sizeof *number_powers, N_NUMBER_ANSWERS = 2 + 101 + 3 * N_POWERS };

/* One spelling as the answer's next field, empty when ICU has none. */
static int put_spelled(UNumberFormat *sp, double v, cx_buf *b)
{
    int rc = cx_buf_putc(b, CX_ANSWER_SEP);
    if (!sp || rc) return rc;
    UChar u[128];
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = unum_formatDouble(sp, v, u, 128, NULL, &e);
    return U_SUCCESS(e) ? append_u16(b, u, n) : 0;
}

/* ICU's answers for l's numbers (N_NUMBER_ANSWERS fields): the decimal and
 * grouping separators as the table keeps them, then the spellings of 0-100
 * and of the powers. */
static int ask_numbers(void *ctx, cx_buf *b)
{
    cx_lang *l = ctx;
    UErrorCode e = U_ZERO_ERROR;
    UNumberFormat *df = unum_open(UNUM_DECIMAL, NULL, 0, l->code, NULL, &e);
    if (U_SUCCESS(e)) {
        UChar u[16];
        int32_t n = unum_getSymbol(df, UNUM_DECIMAL_SEPARATOR_SYMBOL, u, 16, &e);
        if (U_SUCCESS(e)) u16_to_utf8(u, n, l->decimal, sizeof l->decimal);
        n = unum_getSymbol(df, UNUM_GROUPING_SEPARATOR_SYMBOL, u, 16, &e);
        if (U_SUCCESS(e)) u16_to_utf8(u, n, l->group, sizeof l->group);
        unum_close(df);
    }
    int rc = cx_buf_puts(b, l->decimal);
    if (!rc) rc = cx_buf_putc(b, CX_ANSWER_SEP);
    if (!rc) rc = cx_buf_puts(b, l->group);
    e = U_ZERO_ERROR;
    UNumberFormat *sp = unum_open(UNUM_SPELLOUT, NULL, 0, l->code, NULL, &e);
    if (U_FAILURE(e)) sp = NULL;
    for (int v = 0; v <= 100 && !rc; v++) rc = put_spelled(sp, v, b);
    for (size_t k = 0; k < N_POWERS && !rc; k++)
        for (int f = 1; f <= 5 && !rc; f += (f == 1 ? 1 : 3)) rc = put_spelled(sp, number_powers[k] * f, b);
    if (sp) unum_close(sp);
    return rc;
}

static int load_numbers(cx_lang *l)
{
    cx_buf fresh = {0};
    size_t len, at = 0, fl;
    const char *f, *ans = cx_answers(ICU_ANSWERS "numbers", l->code, N_NUMBER_ANSWERS, ask_numbers, l, &fresh, &len);
    if (!ans) {
        cx_buf_free(&fresh);
        return CHORUS_ENOMEM;
    }
    cx_answer_field(ans, len, &at, &f, &fl);
    if (fl < sizeof l->decimal) memcpy(l->decimal, f, fl), l->decimal[fl] = '\0';
    cx_answer_field(ans, len, &at, &f, &fl);
    if (fl < sizeof l->group) memcpy(l->group, f, fl), l->group[fl] = '\0';
    int rc = 0;
    char one[64] = "", two[64] = "";
    for (int v = 0; v <= 100 && !rc; v++) {
        cx_answer_field(ans, len, &at, &f, &fl);
        char key[256];
        size_t kl = utf8_to_key(f, fl, key, sizeof key);
        key[kl] = '\0';
        if (v == 1 && kl < sizeof one) memcpy(one, key, kl + 1);
        if (v == 2 && kl < sizeof two) memcpy(two, key, kl + 1);
        if (kl && !memchr(key, ' ', kl)) rc = wm_put(&l->number, key, kl, v, 0);
    }
    /* multipliers: the word for P, from the spellings of P, 2P and 5P */
    for (size_t k = 0; k < N_POWERS && !rc; k++) {
        for (int m = 1; m <= 5 && !rc; m += (m == 1 ? 1 : 3)) {
            cx_answer_field(ans, len, &at, &f, &fl);
            char key[256];
            size_t kl = utf8_to_key(f, fl, key, sizeof key);
            if (!kl) continue;
            const char *w;
            size_t wl = multiplier_word(key, kl, one, two, &w);
            /* "mil millones" (10^9 in Spanish) ends in the word for 10^6:
             * the smaller power, seen first, keeps it */
            double have;
            if (wl && !wm_get(&l->number, w, wl, &have)) rc = wm_put(&l->number, w, wl, -number_powers[k], 0);
        }
    }
    cx_buf_free(&fresh);
    if (!rc && wm_size(&l->number)) l->support |= CX_LANG_NUMBERS;
    return rc;
}

/* Languages whose script is written without spaces between words. */
static int script_unspaced(const char *code)
{
    UScriptCode sc[4];
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = uscript_getCode(code, sc, 4, &e);
    for (int32_t i = 0; U_SUCCESS(e) && i < n; i++)
        if (sc[i] == USCRIPT_HAN || sc[i] == USCRIPT_HIRAGANA || sc[i] == USCRIPT_KATAKANA ||
            sc[i] == USCRIPT_JAPANESE || sc[i] == USCRIPT_THAI || sc[i] == USCRIPT_LAO ||
            sc[i] == USCRIPT_KHMER || sc[i] == USCRIPT_MYANMAR || sc[i] == USCRIPT_SIMPLIFIED_HAN ||
            sc[i] == USCRIPT_TRADITIONAL_HAN)
            return 1;
    return 0;
}

/* ICU's quotation marks of l (kept between runs): four fields, each empty
 * when ICU has none, else "1" and the mark as the table keeps it; then "1"
 * when the script is written without spaces, else "0". */
enum { N_LOCALE_ANSWERS = 5 };
static int ask_locale(void *ctx, cx_buf *b)
{
    cx_lang *l = ctx;
    static const ULocaleDataDelimiterType kinds[4] = {ULOCDATA_QUOTATION_START, ULOCDATA_QUOTATION_END,
                                                      ULOCDATA_ALT_QUOTATION_START, ULOCDATA_ALT_QUOTATION_END};
    UErrorCode e = U_ZERO_ERROR;
    ULocaleData *ld = ulocdata_open(l->code, &e);
    int rc = 0;
    for (int i = 0; i < 4 && !rc; i++) {
        UChar q[8];
        e = U_ZERO_ERROR;
        int32_t n = ld ? ulocdata_getDelimiter(ld, kinds[i], q, 8, &e) : 0;
        if (ld && U_SUCCESS(e) && n > 0) {
            char mark[8];
            u16_to_utf8(q, n, mark, sizeof mark);
            rc = cx_buf_putc(b, '1');
            if (!rc) rc = cx_buf_puts(b, mark);
        }
        if (!rc) rc = cx_buf_putc(b, CX_ANSWER_SEP);
    }
    if (ld) ulocdata_close(ld);
    if (!rc) rc = cx_buf_putc(b, script_unspaced(l->code) ? '1' : '0');
    return rc;
}

/* The quotation marks and the spacing of l's script. */
static int load_locale(cx_lang *l)
{
    for (int i = 0; i < 4; i++) strcpy(l->quote[i], "\"");
    cx_buf fresh;
    size_t len, at = 0, fl;
    const char *f, *ans = cx_answers(ICU_ANSWERS "locale", l->code, N_LOCALE_ANSWERS, ask_locale, l, &fresh, &len);
    if (!ans) {
        cx_buf_free(&fresh);
        return CHORUS_ENOMEM;
    }
    int got = 0;
    for (int i = 0; i < 4; i++) {
        cx_answer_field(ans, len, &at, &f, &fl);
        if (fl && f[0] == '1' && fl - 1 < sizeof l->quote[i]) {
            memcpy(l->quote[i], f + 1, fl - 1), l->quote[i][fl - 1] = '\0';
            got++;
        }
    }
    if (got == 4) l->support |= CX_LANG_QUOTES;
    cx_answer_field(ans, len, &at, &f, &fl);
    l->unspaced = fl == 1 && f[0] == '1';
    if (l->unspaced) l->support |= CX_LANG_WORDBREAK;
    cx_buf_free(&fresh);
    return 0;
}

static void lang_free(cx_lang *l)
{
    pthread_mutex_destroy(&l->numbers_lock);
    wordmap *maps[] = {&l->stop, &l->abbrev, &l->abbrev_exact, &l->honor, &l->number, &l->month, &l->weekday, &l->cue};
    for (size_t i = 0; i < sizeof maps / sizeof *maps; i++) {
        cx_vocab_free(maps[i]->v);
        free(maps[i]->val);
    }
    free(l);
}

static cx_lang *lang_build(const char *code)
{
    cx_lang *l = calloc(1, sizeof *l);
    if (!l) return NULL;
    if (pthread_mutex_init(&l->numbers_lock, NULL)) {
        free(l);
        return NULL;
    }
    snprintf(l->code, sizeof l->code, "%s", code);
    strcpy(l->decimal, ".");
    strcpy(l->group, ",");
    for (int i = 0; i < 4; i++) strcpy(l->quote[i], "\"");
    if (!strcmp(code, "und")) {
        strcpy(l->name, "undetermined");
        atomic_store(&l->numbers_ready, 1);
        atomic_store(&l->name_ready, 1);
        return l;
    }
    struct sb_stemmer *sb = sb_stemmer_new(code, "UTF_8");
    if (sb) {
        snprintf(l->stemmer, sizeof l->stemmer, "%s", code);
        l->support |= CX_LANG_STEMMER;
        sb_stemmer_delete(sb);
    }
    int rc = load_stopwords(l);
    if (!rc) rc = load_calendar(l);
    if (!rc) rc = load_abbrevs(l);
    if (!rc) rc = load_locale(l);
    if (!rc && !strcmp(code, "en")) {
        rc = put_list(&l->stop, cx_english_stopwords, 1);
        if (!rc) rc = put_list(&l->abbrev, cx_english_abbrevs, CX_ABBREV);
        if (!rc) rc = put_list(&l->abbrev, cx_english_weak_abbrevs, CX_ABBREV_WEAK);
        if (!rc) rc = put_list(&l->honor, cx_english_honorifics, 1);
        if (!rc) rc = put_list(&l->cue, cx_english_cue_verbs, 1);
        l->support |= CX_LANG_STOPWORDS | CX_LANG_ABBREVS;
    }
    if (rc) {
        lang_free(l);
        return NULL;
    }
    return l;
}

/* ---- the registry: one table per code, built once ---- */

enum { MAX_LANGS = 128 };
static cx_lang *registry[MAX_LANGS];
static size_t n_registry;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

static void canonical_code(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    if (in)
        for (; in[o] && o + 1 < cap && o < 3 && isalpha((unsigned char)in[o]); o++)
            out[o] = (char)cx_ascii_lower((unsigned char)in[o]);
    out[o] = '\0';
    /* a code is 2 or 3 letters followed by nothing, '-' or '_' */
    if (o < 2 || (in[o] && in[o] != '-' && in[o] != '_')) strcpy(out, "und");
    if (!strcmp(out, "un") || !strcmp(out, "xx")) strcpy(out, "und"); /* CLD2's unknown */
}

const cx_lang *cx_lang_get(const char *code)
{
    char c[8];
    canonical_code(code, c, sizeof c);
    pthread_mutex_lock(&registry_lock);
    cx_lang *found = NULL;
    for (size_t i = 0; i < n_registry && !found; i++)
        if (!strcmp(registry[i]->code, c)) found = registry[i];
    if (!found && n_registry < MAX_LANGS && (found = lang_build(c))) registry[n_registry++] = found;
    if (!found) { /* out of memory or of slots: the neutral table */
        for (size_t i = 0; i < n_registry && !found; i++)
            if (!strcmp(registry[i]->code, "und")) found = registry[i];
    }
    pthread_mutex_unlock(&registry_lock);
    if (!found) {
        static cx_lang neutral = {.code = "und", .name = "undetermined", .quote = {"\"", "\"", "\"", "\""},
                                  .decimal = ".", .group = ",", .numbers_ready = 1, .name_ready = 1};
        found = &neutral;
    }
    return found;
}

/* The number words and separators of l, built by the first caller that
 * needs them (tables are shared between threads: one builds, the others
 * wait). Out of memory leaves them as far as they got, without the
 * CX_LANG_NUMBERS bit. */
static const cx_lang *with_numbers(const cx_lang *cl)
{
    cx_lang *l = (cx_lang *)cl; /* tables are built on the heap; only this part changes after */
    if (atomic_load_explicit(&l->numbers_ready, memory_order_acquire)) return l;
    pthread_mutex_lock(&l->numbers_lock);
    if (!atomic_load_explicit(&l->numbers_ready, memory_order_relaxed)) {
        load_numbers(l);
        atomic_store_explicit(&l->numbers_ready, 1, memory_order_release);
    }
    pthread_mutex_unlock(&l->numbers_lock);
    return l;
}

const cx_lang *cx_lang_neutral(void) { return cx_lang_get("und"); }

const char *cx_lang_code(const cx_lang *l) { return l->code; }
/* The English name, asked of ICU when first read (few outputs print it). */
const char *cx_lang_name(const cx_lang *cl)
{
    cx_lang *l = (cx_lang *)cl; /* tables are built on the heap; the name is filled once */
    if (atomic_load_explicit(&l->name_ready, memory_order_acquire)) return l->name;
    pthread_mutex_lock(&l->numbers_lock);
    if (!atomic_load_explicit(&l->name_ready, memory_order_relaxed)) {
        UChar nm[48];
        UErrorCode e = U_ZERO_ERROR;
        int32_t n = uloc_getDisplayLanguage(l->code, "en", nm, 48, &e);
        if (U_SUCCESS(e) && n > 0) u16_to_utf8(nm, n, l->name, sizeof l->name);
        else snprintf(l->name, sizeof l->name, "%s", l->code);
        atomic_store_explicit(&l->name_ready, 1, memory_order_release);
    }
    pthread_mutex_unlock(&l->numbers_lock);
    return l->name;
}
unsigned cx_lang_support(const cx_lang *l) { return with_numbers(l)->support; }
int cx_lang_has_stopwords(const cx_lang *l) { return (l->support & CX_LANG_STOPWORDS) != 0; }
int cx_lang_has_data(const cx_lang *l)
{
    return (l->support & (CX_LANG_STOPWORDS | CX_LANG_STEMMER)) != 0 || l->unspaced;
}
int cx_lang_unspaced(const cx_lang *l) { return l->unspaced; }
const char *cx_lang_stemmer_name(const cx_lang *l) { return l->stemmer[0] ? l->stemmer : NULL; }

/* In languages written without spaces there is no stopword list in Debian;
 * their function words are mostly one character (的, 了, は, を) or written
 * in hiragana alone, which content words rarely are. */
static int unspaced_function_word(const char *w, size_t n)
{
    size_t chars = 0, kana = 0;
    for (size_t i = 0; i < n;) {
        size_t k = cx_utf8_seq_len((const unsigned char *)w + i, n - i);
        if (!k) return 0;
        const unsigned char *u = (const unsigned char *)w + i;
        unsigned cp = k == 3 ? ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu) : 0;
        if (cp >= 0x3041 && cp <= 0x309F) kana++;
        chars++;
        i += k;
    }
    return chars == 1 ? (unsigned char)w[0] >= 0x80 : kana == chars;
}

int cx_lang_is_stopword(const cx_lang *l, const char *lower, size_t n)
{
    if (wm_get(&l->stop, lower, n, NULL)) return 1;
    return l->unspaced && unspaced_function_word(lower, n);
}

/* The word lists read when the table is built (stopwords come from a
 * Debian package's files at run time, so an update of that package changes
 * them without changing the program): whatever was derived with a table of
 * another fingerprint is stale. */
uint64_t cx_lang_fingerprint(const cx_lang *l)
{
    /* one hash over each word's hash (the vocabulary keeps it) and value,
     * laid out in one buffer: hashing the words themselves one update at a
     * time cost an update digest more than the rest of its seen set */
    const wordmap *maps[] = {&l->stop, &l->abbrev, &l->abbrev_exact, &l->honor, &l->cue};
    size_t total = 0;
    for (size_t m = 0; m < sizeof maps / sizeof *maps; m++) total += 1 + (maps[m]->v ? cx_vocab_size(maps[m]->v) : 0);
    uint64_t *w = malloc(sizeof *w * 2 * total);
    if (!w) return XXH64(l->code, strlen(l->code), 0x6c616e67ull);
    size_t k = 0;
    for (size_t m = 0; m < sizeof maps / sizeof *maps; m++) {
        size_t n = maps[m]->v ? cx_vocab_size(maps[m]->v) : 0;
        w[k++] = n, w[k++] = m;
        for (size_t i = 0; i < n; i++) {
            w[k++] = cx_vocab_hash(maps[m]->v, (int32_t)i);
            memcpy(&w[k++], &maps[m]->val[i], sizeof w[0]);
        }
    }
    uint64_t h = XXH3_64bits_withSeed(w, sizeof *w * k, XXH3_64bits(l->code, strlen(l->code) + 1));
    free(w);
    return h;
}

/* The legacy call of text.h: English's table. */
static const cx_lang *english;
static pthread_once_t english_once = PTHREAD_ONCE_INIT;
static void english_get(void) { english = cx_lang_get("en"); }

int cx_is_stopword(const char *lower, size_t n)
{
    pthread_once(&english_once, english_get);
    return cx_lang_is_stopword(english, lower, n);
}

double cx_lang_stopword_density(const cx_lang *l, const char *text, size_t n)
{
    cx_token *tok;
    int nt = cx_tokenize(text, n, &tok);
    if (nt <= 0) return 0;
    size_t words = 0, stops = 0;
    char low[256];
    for (int i = 0; i < nt; i++) {
        if (!tok[i].is_word) continue;
        words++;
        size_t ll = cx_lower(text + tok[i].start, tok[i].len, low, sizeof low);
        stops += (size_t)cx_lang_is_stopword(l, low, ll);
    }
    free(tok);
    return words ? (double)stops / (double)words : 0;
}

int cx_lang_abbrev(const cx_lang *l, const char *word, size_t n)
{
    double v;
    if (wm_get(&l->abbrev_exact, word, n, &v)) return (int)v;
    char low[96];
    size_t ll = cx_lower(word, n, low, sizeof low);
    return wm_get(&l->abbrev, low, ll, &v) ? (int)v : 0;
}

int cx_lang_is_honorific(const cx_lang *l, const char *lower, size_t n)
{
    while (n && lower[n - 1] == '.') n--;
    return wm_get(&l->honor, lower, n, NULL);
}

int cx_lang_is_cue_verb(const cx_lang *l, const char *lower, size_t n) { return wm_get(&l->cue, lower, n, NULL); }

const char *cx_lang_quote(const cx_lang *l, int which) { return which >= 0 && which < 4 ? l->quote[which] : "\""; }
const char *cx_lang_decimal_sep(const cx_lang *l) { return with_numbers(l)->decimal; }
const char *cx_lang_group_sep(const cx_lang *l) { return with_numbers(l)->group; }

int cx_lang_number_word(const cx_lang *l, const char *lower, size_t n, double *value, int *is_multiplier)
{
    double v;
    if (!wm_get(&with_numbers(l)->number, lower, n, &v)) return 0;
    if (value) *value = fabs(v);
    if (is_multiplier) *is_multiplier = v < 0;
    return 1;
}

int cx_lang_month(const cx_lang *l, const char *lower, size_t n)
{
    while (n && lower[n - 1] == '.') n--;
    double v;
    return wm_get(&l->month, lower, n, &v) ? (int)v : 0;
}

int cx_lang_weekday(const cx_lang *l, const char *lower, size_t n)
{
    while (n && lower[n - 1] == '.') n--;
    double v;
    return wm_get(&l->weekday, lower, n, &v) ? (int)v : 0;
}

/* ---- detection ---- */

/* n cut down to at most max bytes, on a character boundary. */
static size_t prefix_len(const char *text, size_t n, size_t max)
{
    if (n <= max) return n;
    n = max;
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--;
    return n;
}

/* CLD2 takes about 70 us per KB: it reads a short prefix first (a paragraph
 * tells most languages) and a longer one only when that was not enough for
 * an answer it calls reliable. */
const char *cx_detect_language(const char *text, size_t n, int *reliable)
{
    enum { FIRST_TRY = 1024, MAX_DETECT = 4096 };
    /* plain cases (a script one language owns, a decisive stopword
     * profile) without loading CLD2 */
    const char *plain = cx_utf8_valid(text, prefix_len(text, n, FIRST_TRY), NULL) ? cx_detect_decisive(text, n) : NULL;
    if (plain) {
        if (reliable) *reliable = 1;
        return cx_lang_code(cx_lang_get(plain));
    }
    char code[16] = "un";
    int rel = 0;
    size_t m = prefix_len(text, n, FIRST_TRY);
    if (cx_utf8_valid(text, m, NULL)) rel = cx_cld2_detect(text, (int)m, code, sizeof code);
    if (!rel && m < n) {
        m = prefix_len(text, n, MAX_DETECT);
        if (cx_utf8_valid(text, m, NULL)) rel = cx_cld2_detect(text, (int)m, code, sizeof code);
    }
    if (reliable) *reliable = rel;
    /* the registry's copy of the code: a stable pointer */
    return cx_lang_code(cx_lang_get(code));
}

const char *const *cx_lang_supported(void)
{
    static const char *const codes[] = {"en", "fr", "de", "es", "it", "pt", "ru", "zh", "ja",
                                        "nl", "da", "sv", "no", "fi", "hu", "ro", NULL};
    return codes;
}
