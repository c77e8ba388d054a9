/* Dates in sentences: calendar dates, weekdays and relative days resolved
 * against the article's day, in each language chorus reads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"

static int32_t day(int y, int m, int d) { return cx_days_from_civil(y, m, d); }

/* The mentions of s read against the anchor, as "text=YYYY-MM-DD" pairs
 * joined by "; " ("text=?" when unresolved). */
static char *read_dates(const char *s, const char *lang, int32_t anchor_day, int estimated)
{
    cx_date_anchor a = {anchor_day, estimated, 0};
    cx_date_mention *m;
    int n = cx_dates_find(s, strlen(s), lang, &a, &m);
    assert_true(n >= 0);
    static char out[1024];
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        char d[16];
        if (!cx_day_format(m[i].first, d, sizeof d)) strcpy(d, "?");
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%.*s=%s", i ? "; " : "", (int)m[i].len,
                 s + m[i].start, d);
    }
    free(m);
    return out;
}

static void calendar(void **state)
{
    (void)state;
    int y, m, d;
    for (int32_t k = -800000; k < 800000; k += 997) {
        cx_civil_from_days(k, &y, &m, &d);
        assert_int_equal(cx_days_from_civil(y, m, d), k);
    }
    assert_int_equal(day(1970, 1, 1), 0);
    assert_int_equal(cx_weekday(day(2020, 1, 6)), 1); /* a Monday */
    assert_true(cx_date_valid(2020, 2, 29) && !cx_date_valid(2019, 2, 29) && !cx_date_valid(2020, 2, 30));
    assert_true(!cx_date_valid(2020, 13, 1) && !cx_date_valid(2020, 4, 31) && cx_date_valid(0, 2, 29));
    assert_int_equal(cx_day_of_unix(1578268800), day(2020, 1, 6));
    assert_int_equal(cx_day_of_unix(-1), -1);
}

static void english(void **state)
{
    (void)state;
    int32_t jan7 = day(2020, 1, 7);
    assert_string_equal(read_dates("There are no plans to remove forces from Iraq, top Pentagon officials said Jan. 6.",
                                   "en", jan7, 0),
                        "Jan. 6=2020-01-06");
    assert_string_equal(read_dates("The comments come one day after the Iraqi Parliament passed a resolution in the "
                                   "aftermath of the Jan. 3 US drone strike.",
                                   "en", jan7, 0),
                        "Jan. 3=2020-01-03");
    assert_string_equal(read_dates("On Sunday, Iraq's parliament voted to expel U.S. troops from the country.", "en",
                                   jan7, 0),
                        "Sunday=2020-01-05");
    assert_string_equal(read_dates("Iraqi caretaker Prime Minister Abdel Abdul Mahdi told the US ambassador to "
                                   "Baghdad yesterday that both nations needed to implement the resolution.",
                                   "en", jan7, 0),
                        "yesterday=2020-01-06");
    assert_string_equal(read_dates("Paratroopers prepare for departure from Fort Bragg, North Carolina, United States "
                                   "on January 5, 2020.",
                                   "en", CX_NO_DAY, 0),
                        "January 5, 2020=2020-01-05");
    /* a date near the new year takes the year that puts it nearest the article */
    assert_string_equal(read_dates("The talks began Dec. 30 and ended on 2 January.", "en", day(2020, 1, 7), 0),
                        "Dec. 30=2019-12-30; 2 January=2020-01-02");
    assert_string_equal(read_dates("Trump on Saturday vowed to strike 52 Iranian targets last week.", "en",
                                   day(2020, 1, 7), 0),
                        "Saturday=2020-01-04; last week=2019-12-30");
    assert_string_equal(read_dates("Officials will meet next Monday, not last Monday.", "en", day(2020, 1, 8), 0),
                        "next Monday=2020-01-13; last Monday=2020-01-06");
    assert_string_equal(read_dates("Files dated 2019-11-05 and 6th of March 2018 and May 2019.", "en", CX_NO_DAY, 0),
                        "2019-11-05=2019-11-05; 6th of March 2018=2018-03-06; May 2019=2019-05-01");
}

static void without_a_day(void **state)
{
    (void)state;
    /* no publication date: only written dates, their years unknown */
    assert_string_equal(read_dates("On Sunday, the parliament voted; yesterday the letter came, on Jan. 6.", "en",
                                   CX_NO_DAY, 0),
                        "Sunday=?; yesterday=?; Jan. 6=?");
    /* a day estimated from the story: weekdays resolve, "yesterday" does not */
    assert_string_equal(read_dates("On Sunday, the parliament voted; yesterday the letter came.", "en",
                                   day(2020, 1, 6), 1),
                        "Sunday=2020-01-05; yesterday=?");
    cx_date_anchor a = {CX_NO_DAY, 0, 2020};
    cx_date_mention *m;
    int n = cx_dates_find("on Jan. 6", 9, "en", &a, &m);
    assert_int_equal(n, 1);
    assert_int_equal(m[0].first, day(2020, 1, 6));
    assert_true(m[0].year_inferred);
    free(m);
}

static void impossible_dates(void **state)
{
    (void)state;
    int32_t jan7 = day(2020, 1, 7);
    assert_string_equal(read_dates("The deal was signed on February 30 in Paris.", "en", jan7, 0), "");
    assert_string_equal(read_dates("The deal was signed on February 29, 2019 in Paris.", "en", jan7, 0), "");
    assert_string_equal(read_dates("The deal was signed on February 29, 2020 in Paris.", "en", jan7, 0),
                        "February 29, 2020=2020-02-29");
    assert_string_equal(read_dates("It is dated January 6, 0000 and April 31.", "en", jan7, 0), "");
    assert_string_equal(read_dates("1,200 troops in 2014 and 5,000 March marchers, 45 May Street.", "en", jan7, 0),
                        "");
    assert_string_equal(read_dates("Workers may 12 times a year march.", "en", jan7, 0), "");
}

static void other_languages(void **state)
{
    (void)state;
    int32_t jan7 = day(2020, 1, 7);
    assert_string_equal(read_dates("Le Parlement irakien a voté dimanche, et la lettre est datée du 6 janvier 2020.",
                                   "fr", jan7, 0),
                        "dimanche=2020-01-05; 6 janvier 2020=2020-01-06");
    assert_string_equal(read_dates("Hier, le ministre a parlé ; la semaine dernière, le 3 janv., la frappe.", "fr",
                                   jan7, 0),
                        "Hier=2020-01-06; la semaine dernière=2019-12-30; 3 janv=2020-01-03");
    assert_string_equal(read_dates("Am 6. Januar 2020 widersprach Esper; das Parlament stimmte am Sonntag ab.", "de",
                                   jan7, 0),
                        "6. Januar 2020=2020-01-06; Sonntag=2020-01-05");
    assert_string_equal(read_dates("El Parlamento votó el domingo y ayer, 6 de enero de 2020, llegó la carta.", "es",
                                   jan7, 0),
                        "domingo=2020-01-05; ayer=2020-01-06; 6 de enero de 2020=2020-01-06");
    assert_string_equal(read_dates("Il Parlamento ha votato domenica; ieri, 6 gennaio, la lettera.", "it", jan7, 0),
                        "domenica=2020-01-05; ieri=2020-01-06; 6 gennaio=2020-01-06");
    assert_string_equal(read_dates("O Parlamento votou no domingo e ontem, 6 de janeiro de 2020.", "pt", jan7, 0),
                        "domingo=2020-01-05; ontem=2020-01-06; 6 de janeiro de 2020=2020-01-06");
    assert_string_equal(read_dates("Парламент проголосовал в воскресенье, а 6 января 2020 года пришло письмо.", "ru",
                                   jan7, 0),
                        "воскресенье=2020-01-05; 6 января 2020=2020-01-06");
    assert_string_equal(read_dates("伊拉克议会星期日投票，美军2020年1月6日致信，昨天否认。", "zh", jan7, 0),
                        "星期日=2020-01-05; 2020年1月6日=2020-01-06; 昨天=2020-01-06");
    assert_string_equal(read_dates("イラク議会は日曜日に採決し、1月6日に書簡が届いた。", "ja", jan7, 0),
                        "日曜日=2020-01-05; 1月6日=2020-01-06");
    /* an unknown language still reads numeric dates, with English names */
    assert_string_equal(read_dates("Published 2020-01-06.", "xx", jan7, 0), "2020-01-06=2020-01-06");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(calendar),         cmocka_unit_test(english),         cmocka_unit_test(without_a_day),
        cmocka_unit_test(impossible_dates), cmocka_unit_test(other_languages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
