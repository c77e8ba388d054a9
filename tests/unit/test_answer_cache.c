/* The answers kept from ICU between runs (answer_cache.c) build the same
 * tables as asking ICU: for every language chorus reads, number words and
 * separators, month and weekday names, dates and relative days in sentences
 * and country names read alike with no cache, with a new one and with a
 * filled one. Each reading runs in its own process (the tables are built
 * once per process). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/ureldatefmt.h>
#include <unicode/ustring.h>

#include "answer_cache.h"
#include "chorus.h"
#include "dates.h"
#include "language.h"
#include "region_names.h"
#include "text.h"

static size_t lower8(const UChar *u, int32_t n, char *out, size_t cap)
{
    char raw[512];
    int32_t len = 0;
    UErrorCode e = U_ZERO_ERROR;
    u_strToUTF8(raw, sizeof raw, &len, u, n, &e);
    if (U_FAILURE(e) || len <= 0 || (size_t)len >= sizeof raw) return 0;
    return cx_lower(raw, (size_t)len, out, cap);
}

/* Every word of a spelled number, and what the table says of it. */
static void probe_words(FILE *out, const cx_lang *l, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ') i++;
        size_t b = i;
        while (i < n && s[i] != ' ') i++;
        if (i == b) continue;
        double v = 0;
        int mult = 0;
        int found = cx_lang_number_word(l, s + b, i - b, &v, &mult);
        fprintf(out, " %.*s=%d/%g/%d", (int)(i - b), s + b, found, v, mult);
    }
}

static void dates_of(FILE *out, const char *s, const char *lang)
{
    cx_date_anchor a = {cx_days_from_civil(2020, 1, 8), 0, 0};
    cx_date_mention *m;
    int n = cx_dates_find(s, strlen(s), lang, &a, &m);
    fprintf(out, " [%d", n);
    for (int i = 0; i < n; i++) fprintf(out, " %u+%u:%d", (unsigned)m[i].start, (unsigned)m[i].len, (int)m[i].first);
    fprintf(out, "]");
    free(m);
}

static void probe_language(FILE *out, const char *code)
{
    const cx_lang *l = cx_lang_get(code);
    fprintf(out, "%s support=%u dec=%s grp=%s\n", code, cx_lang_support(l), cx_lang_decimal_sep(l),
            cx_lang_group_sep(l));
    UErrorCode e = U_ZERO_ERROR;
    UNumberFormat *sp = unum_open(UNUM_SPELLOUT, NULL, 0, code, NULL, &e);
    static const double values[] = {0, 1, 2, 3, 7, 12, 21, 40, 99, 100, 200, 500, 1e3, 2e3, 5e3, 1e4,
                                    2e4, 1e6, 2e6, 5e6, 1e8, 1e9, 2e9, 1e12, 5e12};
    for (size_t k = 0; U_SUCCESS(e) && k < sizeof values / sizeof *values; k++) {
        UChar u[128];
        UErrorCode e2 = U_ZERO_ERROR;
        int32_t n = unum_formatDouble(sp, values[k], u, 128, NULL, &e2);
        char w[512];
        size_t wn = U_SUCCESS(e2) ? lower8(u, n, w, sizeof w) : 0;
        fprintf(out, "num %g:", values[k]);
        probe_words(out, l, w, wn);
        fprintf(out, "\n");
    }
    if (sp) unum_close(sp);
    e = U_ZERO_ERROR;
    UDateFormat *f = udat_open(UDAT_DEFAULT, UDAT_DEFAULT, code, NULL, 0, NULL, 0, &e);
    static const UDateFormatSymbolType kinds[] = {UDAT_MONTHS, UDAT_SHORT_MONTHS, UDAT_STANDALONE_MONTHS,
                                                  UDAT_STANDALONE_SHORT_MONTHS, UDAT_WEEKDAYS, UDAT_SHORT_WEEKDAYS};
    for (size_t k = 0; U_SUCCESS(e) && k < sizeof kinds / sizeof *kinds; k++)
        for (int32_t i = 0; i < udat_countSymbols(f, kinds[k]); i++) {
            UChar u[128];
            UErrorCode e2 = U_ZERO_ERROR;
            int32_t n = udat_getSymbols(f, kinds[k], i, u, 128, &e2);
            char w[512], raw[512];
            size_t wn = U_SUCCESS(e2) ? lower8(u, n, w, sizeof w) : 0;
            int32_t rn = 0;
            u_strToUTF8(raw, sizeof raw, &rn, u, n, &e2);
            if (U_FAILURE(e2)) rn = 0;
            fprintf(out, "cal %zu %d: %d %d", k, (int)i, cx_lang_month(l, w, wn), cx_lang_weekday(l, w, wn));
            char s[700];
            snprintf(s, sizeof s, "On %.*s 6 2019 and 6 %.*s 2019.", (int)rn, raw, (int)rn, raw);
            dates_of(out, s, code);
            fprintf(out, "\n");
        }
    if (U_SUCCESS(e)) udat_close(f);
    e = U_ZERO_ERROR;
    URelativeDateTimeFormatter *rel = ureldatefmt_open(code, NULL, UDAT_STYLE_LONG, UDISPCTX_CAPITALIZATION_NONE, &e);
    for (int unit = UDAT_REL_UNIT_YEAR; U_SUCCESS(e) && unit <= UDAT_REL_UNIT_SATURDAY; unit++)
        for (int off = -1; off <= 1; off++) {
            UChar u[128];
            UErrorCode e2 = U_ZERO_ERROR;
            int32_t n = ureldatefmt_format(rel, off, (URelativeDateTimeUnit)unit, u, 128, &e2);
            char raw[512], s[700];
            int32_t rn = 0;
            if (U_SUCCESS(e2)) u_strToUTF8(raw, sizeof raw, &rn, u, n, &e2);
            if (U_FAILURE(e2)) rn = 0;
            snprintf(s, sizeof s, "It happened %.*s in the city.", (int)rn, raw);
            fprintf(out, "rel %d %d:", unit, off);
            dates_of(out, s, code);
            fprintf(out, "\n");
        }
    if (U_SUCCESS(e)) ureldatefmt_close(rel);
    for (const char *const *c = uloc_getISOCountries(); *c; c++) {
        char loc[8];
        snprintf(loc, sizeof loc, "_%s", *c);
        UChar u[128];
        UErrorCode e2 = U_ZERO_ERROR;
        int32_t n = uloc_getDisplayCountry(loc, code, u, 128, &e2);
        char raw[512];
        int32_t rn = 0;
        if (U_SUCCESS(e2) && n > 0) u_strToUTF8(raw, sizeof raw, &rn, u, n, &e2);
        if (U_FAILURE(e2) || rn <= 0) continue;
        char cc[3] = "";
        int found = cx_region_code(code, raw, (size_t)rn, cc);
        fprintf(out, "region %s: %d %s\n", *c, found, found ? cc : "-");
    }
}

/* Everything the tables say, in a child process with the cache in dir
 * (NULL: none), written to path. */
static void probe_all(const char *dir, const char *path)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        FILE *out = fopen(path, "w");
        if (!out || chorus_set_cache_dir(dir)) _exit(2);
        for (const char *const *c = cx_lang_supported(); *c; c++) probe_language(out, *c);
        probe_language(out, "en");
        _exit(fclose(out) ? 3 : 0);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

static void test_cached_tables_read_alike(void **state)
{
    (void)state;
    char dir[] = "/tmp/chorus-answers-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char none[128], cold[128], warm[128], file[128];
    snprintf(none, sizeof none, "%s/none", dir);
    snprintf(cold, sizeof cold, "%s/cold", dir);
    snprintf(warm, sizeof warm, "%s/warm", dir);
    snprintf(file, sizeof file, "%s/cache/answers.v1", dir);
    char cache[128];
    snprintf(cache, sizeof cache, "%s/cache", dir);
    probe_all(NULL, none);
    probe_all(cache, cold);
    assert_int_equal(access(file, R_OK), 0);
    probe_all(cache, warm);
    char *a = slurp(none), *b = slurp(cold), *c = slurp(warm);
    assert_true(strlen(a) > 10000); /* the probes reached the tables */
    assert_string_equal(a, b);
    assert_string_equal(a, c);
    free(a), free(b), free(c);
    unlink(none), unlink(cold), unlink(warm), unlink(file);
    rmdir(cache);
    rmdir(dir);
}

static int ask_two(void *ctx, cx_buf *b)
{
    (*(int *)ctx)++;
    return cx_buf_puts(b, "a\x1f" "b");
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) ? -1 : (long)st.st_size;
}

/* An answer of another shape under the same key (kept by another version of
 * the program) is asked again once, and the new answer is read from then on:
 * the file does not grow on every run. */
static void test_newer_shape_wins(void **state)
{
    (void)state;
    char dir[] = "/tmp/chorus-answers-XXXXXX", file[64];
    assert_non_null(mkdtemp(dir));
    snprintf(file, sizeof file, "%s/answers.v1", dir);
    assert_int_equal(chorus_set_cache_dir(dir), 0);
    cx_answer_put("t/x", "old", 3); /* one field where two are wanted */
    int asked = 0;
    cx_buf fresh;
    size_t len;
    const char *a = cx_answers("t", "x", 2, ask_two, &asked, &fresh, &len);
    assert_non_null(a);
    assert_int_equal(asked, 1);
    assert_int_equal(len, 3);
    assert_memory_equal(a, "a\x1f" "b", 3);
    cx_buf_free(&fresh);
    long size = file_size(file);
    for (int run = 0; run < 2; run++) {
        assert_int_equal(chorus_set_cache_dir(dir), 0); /* read the file again, as a new run */
        a = cx_answers("t", "x", 2, ask_two, &asked, &fresh, &len);
        assert_non_null(a);
        assert_int_equal(asked, 1);
        assert_memory_equal(a, "a\x1f" "b", 3);
        cx_buf_free(&fresh);
        assert_int_equal(file_size(file), size);
    }
    chorus_set_cache_dir(NULL);
    unlink(file);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cached_tables_read_alike),
        cmocka_unit_test(test_newer_shape_wins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
