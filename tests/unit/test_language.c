/* The language seam: tables built from package and ICU data, detection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "language.h"
#include "text.h"

static int num(const cx_lang *l, const char *w, double *v, int *mult)
{
    return cx_lang_number_word(l, w, strlen(w), v, mult);
}

static void codes_are_canonical(void **state)
{
    (void)state;
    assert_string_equal(cx_lang_code(cx_lang_get("FR")), "fr");
    assert_string_equal(cx_lang_code(cx_lang_get("pt_BR")), "pt");
    assert_string_equal(cx_lang_code(cx_lang_get("zh-Hant")), "zh");
    assert_string_equal(cx_lang_code(cx_lang_get("")), "und");
    assert_string_equal(cx_lang_code(cx_lang_get(NULL)), "und");
    assert_string_equal(cx_lang_code(cx_lang_get("f!")), "und");
    assert_ptr_equal(cx_lang_get("fr"), cx_lang_get("fr-CA"));
    assert_false(cx_lang_has_data(cx_lang_neutral()));
    assert_string_equal(cx_lang_name(cx_lang_get("de")), "German");
    /* a language chorus has no word lists for still gets a table */
    const cx_lang *x = cx_lang_get("tlh");
    assert_false(cx_lang_has_data(x));
    assert_false(cx_lang_is_stopword(x, "the", 3));
}

static void every_supported_language_has_its_data(void **state)
{
    (void)state;
    const char *const core[] = {"en", "fr", "de", "es", "it", "pt", "ru", "zh", "ja"};
    for (size_t i = 0; i < sizeof core / sizeof *core; i++) {
        const cx_lang *l = cx_lang_get(core[i]);
        unsigned s = cx_lang_support(l);
        print_message("%s support %#x\n", core[i], s);
        assert_true(cx_lang_has_data(l));
        assert_true(s & CX_LANG_CALENDAR);
        assert_true(s & CX_LANG_NUMBERS);
        assert_true(s & CX_LANG_QUOTES);
        if (cx_lang_unspaced(l)) continue;
        assert_true(s & CX_LANG_STOPWORDS);
        assert_true(s & CX_LANG_STEMMER);
        assert_true(s & CX_LANG_ABBREVS);
    }
}

static void stopwords_per_language(void **state)
{
    (void)state;
    assert_true(cx_lang_is_stopword(cx_lang_get("fr"), "les", 3) || cx_lang_is_stopword(cx_lang_get("fr"), "le", 2));
    assert_true(cx_lang_is_stopword(cx_lang_get("de"), "und", 3));
    assert_true(cx_lang_is_stopword(cx_lang_get("ru"), "и", strlen("и")));
    assert_false(cx_lang_is_stopword(cx_lang_get("fr"), "gouvernement", 12));
    assert_true(cx_lang_is_stopword(cx_lang_get("en"), "said", 4));
    assert_false(cx_lang_is_stopword(cx_lang_get("de"), "the", 3));
    assert_true(cx_lang_is_stopword(cx_lang_get("zh"), "的", strlen("的")));
    assert_true(cx_lang_is_stopword(cx_lang_get("ja"), "から", strlen("から")));
    assert_false(cx_lang_is_stopword(cx_lang_get("zh"), "政府", strlen("政府")));
    const char *fr = "Le gouvernement a annoncé que les prix de l'énergie vont baisser dans les mois qui viennent.";
    const char *menu = "Accueil Politique Économie Culture Sport Météo Vidéos";
    assert_true(cx_lang_stopword_density(cx_lang_get("fr"), fr, strlen(fr)) > 0.3);
    assert_true(cx_lang_stopword_density(cx_lang_get("fr"), menu, strlen(menu)) < 0.1);
}

static void numbers_and_separators(void **state)
{
    (void)state;
    const cx_lang *fr = cx_lang_get("fr"), *de = cx_lang_get("de"), *en = cx_lang_get("en");
    assert_string_equal(cx_lang_decimal_sep(fr), ",");
    assert_string_equal(cx_lang_group_sep(fr), " ");
    assert_string_equal(cx_lang_decimal_sep(de), ",");
    assert_string_equal(cx_lang_group_sep(de), ".");
    assert_string_equal(cx_lang_decimal_sep(en), ".");
    double v;
    int m;
    assert_true(num(fr, "million", &v, &m));
    assert_true(v == 1e6 && m);
    assert_true(num(fr, "millions", &v, &m) && v == 1e6);
    assert_true(num(fr, "milliards", &v, &m) && v == 1e9);
    assert_true(num(fr, "trois", &v, &m) && v == 3 && !m);
    assert_true(num(de, "million", &v, &m) && v == 1e6);
    assert_true(num(de, "tausend", &v, &m) && v == 1e3);
    assert_true(num(en, "twelve", &v, &m) && v == 12);
    assert_true(num(en, "billion", &v, &m) && v == 1e9);
    assert_true(num(cx_lang_get("es"), "millones", &v, &m) && v == 1e6);
    assert_true(num(cx_lang_get("ru"), "миллиона", &v, &m) && v == 1e6);
    assert_true(num(cx_lang_get("zh"), "万", &v, &m) && v == 1e4 && m);
    assert_true(num(cx_lang_get("zh"), "亿", &v, &m) && v == 1e8);
    assert_false(num(fr, "maison", &v, &m));
}

static void calendar_words(void **state)
{
    (void)state;
    assert_int_equal(cx_lang_month(cx_lang_get("fr"), "janvier", 7), 1);
    assert_int_equal(cx_lang_month(cx_lang_get("fr"), "janv.", 5), 1);
    assert_int_equal(cx_lang_month(cx_lang_get("de"), "märz", strlen("märz")), 3);
    assert_int_equal(cx_lang_month(cx_lang_get("ru"), "января", strlen("января")), 1);
    assert_int_equal(cx_lang_month(cx_lang_get("ru"), "январь", strlen("январь")), 1);
    assert_int_equal(cx_lang_month(cx_lang_get("en"), "dec", 3), 12);
    assert_int_equal(cx_lang_month(cx_lang_get("en"), "house", 5), 0);
    assert_int_equal(cx_lang_weekday(cx_lang_get("es"), "lunes", 5), 1);
    assert_int_equal(cx_lang_weekday(cx_lang_get("en"), "sunday", 6), 7);
    assert_int_equal(cx_lang_weekday(cx_lang_get("zh"), "星期一", strlen("星期一")), 1);
}

static void quotes_abbreviations_honorifics(void **state)
{
    (void)state;
    assert_string_equal(cx_lang_quote(cx_lang_get("fr"), 0), "«");
    assert_string_equal(cx_lang_quote(cx_lang_get("fr"), 1), "»");
    assert_string_equal(cx_lang_quote(cx_lang_get("de"), 0), "„");
    assert_string_equal(cx_lang_quote(cx_lang_get("ja"), 0), "「");
    assert_string_equal(cx_lang_quote(cx_lang_neutral(), 0), "\"");
    assert_int_equal(cx_lang_abbrev(cx_lang_get("en"), "gen", 3), CX_ABBREV);
    assert_int_equal(cx_lang_abbrev(cx_lang_get("en"), "inc", 3), CX_ABBREV_WEAK);
    assert_int_equal(cx_lang_abbrev(cx_lang_get("en"), "U.S", 3), CX_ABBREV);
    assert_int_equal(cx_lang_abbrev(cx_lang_get("en"), "Gen", 3), CX_ABBREV);
    assert_int_equal(cx_lang_abbrev(cx_lang_get("de"), "z.B", 3), CX_ABBREV);
    /* ICU's "Up." (a heading) is no abbreviation in running text */
    assert_int_equal(cx_lang_abbrev(cx_lang_get("en"), "up", 2), 0);
    assert_int_equal(cx_lang_abbrev(cx_lang_get("fr"), "janv", 4), CX_ABBREV);
    assert_int_equal(cx_lang_abbrev(cx_lang_get("fr"), "maison", 6), 0);
    assert_true(cx_lang_is_honorific(cx_lang_get("en"), "mr", 2));
    assert_true(cx_lang_is_honorific(cx_lang_get("es"), "sra", 3));
    assert_true(cx_lang_is_honorific(cx_lang_get("de"), "dr", 2));
    assert_false(cx_lang_is_honorific(cx_lang_get("fr"), "janv", 4));
}

static void detection(void **state)
{
    (void)state;
    struct {
        const char *code, *text;
    } cases[] = {
        {"fr", "Le gouvernement a annoncé mardi une baisse des prix de l'énergie pour les ménages les plus modestes."},
        {"de", "Die Regierung hat am Dienstag angekündigt, die Energiepreise für Haushalte zu senken."},
        {"es", "El gobierno anunció el martes una bajada de los precios de la energía para los hogares."},
        {"it", "Il governo ha annunciato martedì un taglio dei prezzi dell'energia per le famiglie."},
        {"pt", "O governo anunciou na terça-feira uma redução dos preços da energia para as famílias."},
        {"ru", "Правительство во вторник объявило о снижении цен на энергию для домохозяйств."},
        {"zh", "政府周二宣布降低家庭能源价格，以减轻通货膨胀带来的压力。"},
        {"ja", "政府は火曜日、家庭向けのエネルギー価格を引き下げると発表した。"},
        {"en", "The government announced on Tuesday that energy prices for households would be cut."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int rel = 0;
        const char *got = cx_detect_language(cases[i].text, strlen(cases[i].text), &rel);
        print_message("%s -> %s (%d)\n", cases[i].code, got, rel);
        assert_string_equal(got, cases[i].code);
    }
    /* nothing to go on: undetermined, no crash */
    assert_string_equal(cx_detect_language("", 0, NULL), "und");
    assert_string_equal(cx_detect_language("!!! ... ???", 11, NULL), "und");
    assert_string_equal(cx_detect_language("1234 5678", 9, NULL), "und");
}

/* Chinese and Japanese words come from ICU's dictionary break, not spaces. */
static void dictionary_words(void **state)
{
    (void)state;
    const char *zh = "政府周二宣布降低家庭能源价格。";
    cx_token *t;
    int n = cx_tokenize(zh, strlen(zh), &t);
    assert_true(n >= 5);
    int found = 0;
    for (int i = 0; i < n; i++) {
        print_message("[%.*s]", (int)t[i].len, zh + t[i].start);
        found |= t[i].len == strlen("政府") && !memcmp(zh + t[i].start, "政府", t[i].len);
        assert_true(t[i].is_word);
    }
    print_message("\n");
    assert_true(found);
    free(t);
    const char *ja = "東京都は新しい計画を発表した。";
    n = cx_tokenize(ja, strlen(ja), &t);
    assert_true(n >= 5);
    free(t);
    assert_true(cx_word_count(zh, strlen(zh)) >= 5);
    /* a Latin word and digits inside a Chinese run stay tokens of their own */
    const char *mixed = "苹果公司发布iPhone 15手机";
    n = cx_tokenize(mixed, strlen(mixed), &t);
    int iphone = 0;
    for (int i = 0; i < n; i++) iphone |= t[i].len == 6 && !memcmp(mixed + t[i].start, "iPhone", 6);
    assert_true(iphone);
    free(t);
}

static void count_sentence(const char *s, size_t len, void *ctx)
{
    (void)s, (void)len;
    (*(int *)ctx)++;
}

/* Hostile text: every stage of the text layer returns, in bounded time. */
static void bad_input(void **state)
{
    (void)state;
    const char *cases[] = {
        "Paris 巴黎 Москва القاهرة Tōkyō 東京. Next 다음 문장. 終わり。",          /* mixed scripts in a line */
        "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D. \xD8\xA7\xD9\x84\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85\xD8\x9F \xE2\x80\x8F\xE2\x80\xAE.", /* RTL, marks */
        "e\xCC\x81\xCC\x81\xCC\x81\xCC\x81. A\xCC\x8A\xCC\x8A. \xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7",         /* combining marks */
        "zero\xE2\x80\x8Bwidth\xE2\x80\x8C\xE2\x80\x8D joiners\xEF\xBB\xBF. Next.",                      /* zero-width */
        "!!! ... ??? ... ;;; ::: --- ... ... 。。。 ！！ 」」」 «« »»",                           /* punctuation only */
        "",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int n = 0;
        assert_true(chorus_sentences(cases[i], strlen(cases[i]), count_sentence, &n, NULL) >= 0);
        cx_token *t;
        int nt = cx_tokenize(cases[i], strlen(cases[i]), &t);
        assert_true(nt >= 0);
        free(t);
        (void)cx_detect_language(cases[i], strlen(cases[i]), NULL);
    }
    /* a 100 KB line of words, one of dots, one of Han characters: bounded time */
    size_t big = 100 * 1024;
    char *line = malloc(big + 1);
    assert_non_null(line);
    const char *fills[] = {"word U.S. Dr. 1.5 ", ". ", "\xE4\xB8\xAD\xE6\x96\x87"};
    for (size_t f = 0; f < 3; f++) {
        size_t fl = strlen(fills[f]), o = 0;
        while (o + fl <= big) memcpy(line + o, fills[f], fl), o += fl;
        line[o] = '\0';
        clock_t t0 = clock();
        int n = 0;
        assert_true(chorus_sentences(line, o, count_sentence, &n, NULL) >= 0);
        cx_token *t;
        assert_true(cx_tokenize(line, o, &t) >= 0);
        free(t);
        (void)cx_detect_language(line, o, NULL);
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        print_message("fill %zu: %d sentences, %.3f s\n", f, n, secs);
        assert_true(secs < 2.0);
    }
    free(line);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codes_are_canonical),    cmocka_unit_test(every_supported_language_has_its_data),
        cmocka_unit_test(stopwords_per_language), cmocka_unit_test(numbers_and_separators),
        cmocka_unit_test(calendar_words),         cmocka_unit_test(quotes_abbreviations_honorifics),
        cmocka_unit_test(detection),              cmocka_unit_test(dictionary_words),
        cmocka_unit_test(bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
