/* The text layer: normalization, paragraphs, sentences, tokens, stems. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "language.h"
#include "text.h"

/* Split one paragraph and compare with the expected sentences. */
static void expect_sentences(const char *para, const char *const *want, int n_want)
{
    cx_span *sp;
    int n = cx_split_sentences(para, strlen(para), &sp);
    if (n != n_want) {
        for (int i = 0; i < n; i++) print_message("got [%.*s]\n", (int)(sp[i].end - sp[i].start), para + sp[i].start);
    }
    assert_int_equal(n, n_want);
    for (int i = 0; i < n; i++) {
        size_t len = sp[i].end - sp[i].start;
        assert_int_equal(len, strlen(want[i]));
        assert_memory_equal(para + sp[i].start, want[i], len);
    }
    free(sp);
}

/* The same in a language of the seam, with quotations split (chorus sentences). */
static void expect_in(const char *lang, unsigned flags, const char *para, const char *const *want, int n_want)
{
    cx_span *sp;
    int n = cx_split_sentences_opt(cx_lang_get(lang), para, strlen(para), flags, &sp);
    if (n != n_want)
        for (int i = 0; i < n; i++) print_message("got [%.*s]\n", (int)(sp[i].end - sp[i].start), para + sp[i].start);
    assert_int_equal(n, n_want);
    for (int i = 0; i < n; i++) {
        size_t len = sp[i].end - sp[i].start;
        if (len != strlen(want[i]) || memcmp(para + sp[i].start, want[i], len))
            print_message("got [%.*s] want [%s]\n", (int)len, para + sp[i].start, want[i]);
        assert_int_equal(len, strlen(want[i]));
        assert_memory_equal(para + sp[i].start, want[i], len);
    }
    free(sp);
}

static void lists_without_punctuation(void **state)
{
    (void)state;
    const char *w1[] = {"1. The first item", "2. The second item", "3. The third item"};
    expect_in("en", 0, "1. The first item 2. The second item 3. The third item", w1, 3);
    const char *w2[] = {"a. The first item", "b. The second item", "c. The third list item"};
    expect_in("en", 0, "a. The first item b. The second item c. The third list item", w2, 3);
    const char *w3[] = {"1) The first item", "2) The second item"};
    expect_in("en", 0, "1) The first item 2) The second item", w3, 2);
    const char *w4[] = {"\xE2\x80\xA2 9. The first item", "\xE2\x80\xA2 10. The second item"};
    expect_in("en", 0, "\xE2\x80\xA2 9. The first item \xE2\x80\xA2 10. The second item", w4, 2);
    const char *w5[] = {"i. Nam eget", "ii. Nullam rutrum", "iii. Donec sit"};
    expect_in("en", 0, "i. Nam eget ii. Nullam rutrum iii. Donec sit", w5, 3);
    /* numbers in running text are no list */
    const char *w6[] = {"He was born in 1990.", "The family moved in 1995."};
    expect_in("en", 0, "He was born in 1990. The family moved in 1995.", w6, 2);
}

static void abbreviations_that_end_a_sentence(void **state)
{
    (void)state;
    const char *w1[] = {"We left at 5 p.m.", "Then it rained."};
    expect_in("en", 0, "We left at 5 p.m. Then it rained.", w1, 2);
    const char *w2[] = {"We left at 5 p.m. on Monday."};
    expect_in("en", 0, "We left at 5 p.m. on Monday.", w2, 1);
    const char *w3[] = {"He moved to the U.S.", "He was a boy."};
    expect_in("en", 0, "He moved to the U.S. He was a boy.", w3, 2);
    const char *w4[] = {"U.S. Has No Plans to Leave Iraq, Esper Says"};
    expect_in("en", 0, "U.S. Has No Plans to Leave Iraq, Esper Says", w4, 1);
    const char *w5[] = {"Please turn to p. 55.", "The figure is clear."};
    expect_in("en", 0, "Please turn to p. 55. The figure is clear.", w5, 2);
    /* "St." after a name ends a sentence; before a name, after a lower-case word, it opens the name */
    const char *w6[] = {"He lives on Main St.", "The house is old."};
    expect_in("en", 0, "He lives on Main St. The house is old.", w6, 2);
    const char *w7[] = {"Cases of the mosquito-borne St. Louis encephalitis rose.", "Officials met."};
    expect_in("en", 0, "Cases of the mosquito-borne St. Louis encephalitis rose. Officials met.", w7, 2);
    const char *w8[] = {"They sailed up the St. Lawrence to Quebec."};
    expect_in("en", 0, "They sailed up the St. Lawrence to Quebec.", w8, 1);
    /* "St." as a prefix (Saint) continues into the name after a comma, a
     * capitalised word, a bracket; a function word after it ends a street name */
    const char *w9[] = {"West Nile, St. Louis and similar viruses do not kill birds."};
    expect_in("en", 0, "West Nile, St. Louis and similar viruses do not kill birds.", w9, 1);
    const char *w10[] = {"In St. Petersburg he was nicknamed Stasi.", "She spoke in Port St. Lucie, Florida."};
    expect_in("en", 0, "In St. Petersburg he was nicknamed Stasi. She spoke in Port St. Lucie, Florida.", w10, 2);
    const char *w11[] = {"He was born in Leningrad (now St. Petersburg) in 1952."};
    expect_in("en", 0, "He was born in Leningrad (now St. Petersburg) in 1952.", w11, 1);
    const char *w12[] = {"They made an arrest at 14625 Rayen St.", "About 24 people were evacuated."};
    expect_in("en", 0, "They made an arrest at 14625 Rayen St. About 24 people were evacuated.", w12, 2);
}

static void ellipses(void **state)
{
    (void)state;
    const char *w1[] = {"I never meant that....", "She left the store."};
    expect_in("en", 0, "I never meant that.... She left the store.", w1, 2);
    const char *w2[] = {"Thoroughly ... mixed and stirred."};
    expect_in("en", 0, "Thoroughly ... mixed and stirred.", w2, 1);
    const char *w3[] = {"He said . . . he would go.", "The end."};
    expect_in("en", 0, "He said . . . he would go. The end.", w3, 2);
    const char *w4[] = {"The first item\xE2\x80\xA6", "The second item."};
    expect_in("en", 0, "The first item\xE2\x80\xA6 The second item.", w4, 2);
}

static void missing_space_after_a_period(void **state)
{
    (void)state;
    const char *w[] = {"Hello world.", "Today is Tuesday.", "Mr. Smith went to Washington.", "Mr.Smith left."};
    expect_in("en", 0, "Hello world.Today is Tuesday.Mr. Smith went to Washington.Mr.Smith left.", w, 4);
    const char *w2[] = {"The U.S.-led force arrived, worth 3.5 billion at Yahoo.com today."};
    expect_in("en", 0, "The U.S.-led force arrived, worth 3.5 billion at Yahoo.com today.", w2, 1);
}

static void line_break_is_a_boundary(void **state)
{
    (void)state;
    const char *t = "This is a line\nAnd this is another line\n";
    char **paras;
    int n = cx_paragraphs(t, strlen(t), &paras);
    assert_int_equal(n, 2);
    assert_string_equal(paras[0], "This is a line");
    cx_strings_free(paras, (size_t)n);
}

static void question_and_exclamation_in_quotes(void **state)
{
    (void)state;
    const char *w1[] = {"\"Why?\" she asked.", "\"Leave!\" he shouted.", "It was late."};
    expect_in("en", 0, "\"Why?\" she asked. \"Leave!\" he shouted. It was late.", w1, 3);
    const char *w2[] = {"\"What now?\" Smith asked."};
    expect_in("en", 0, "\"What now?\" Smith asked.", w2, 1);
    /* without a closing quote a lower-case word after ? starts a sentence */
    const char *w3[] = {"Where are you going?", "i don't know"};
    expect_in("en", 0, "Where are you going? i don't know", w3, 2);
}

static void lower_case_starts_and_semicolons(void **state)
{
    (void)state;
    const char *w1[] = {"They left early.", "call them at home."};
    expect_in("en", 0, "They left early. call them at home.", w1, 2);
    const char *w2[] = {"Prices rose in Sept. last year."};
    expect_in("en", 0, "Prices rose in Sept. last year.", w2, 1);
    const char *w3[] = {"Las cifras subieron;", "El gobierno lo negó."};
    expect_in("es", 0, "Las cifras subieron; El gobierno lo negó.", w3, 2);
    const char *w4[] = {"He came; Smith did not."};
    expect_in("en", 0, "He came; Smith did not.", w4, 1);
}

static void other_languages(void **state)
{
    (void)state;
    /* French: guillemets with spaces inside, "M." before a name */
    const char *fr[] = {"Le ministre a dit : \xC2\xAB Nous partons. \xC2\xBB", "M. Dupont est venu."};
    expect_in("fr", 0, "Le ministre a dit : \xC2\xAB Nous partons. \xC2\xBB M. Dupont est venu.", fr, 2);
    /* German: „...“ closes with the mark English opens with; z.B. and Nr. */
    const char *de[] = {"Er sagte: \xE2\x80\x9EWir gehen.\xE2\x80\x9C", "Das ist z.B. Nr. 5 der Liste."};
    expect_in("de", 0, "Er sagte: \xE2\x80\x9EWir gehen.\xE2\x80\x9C Das ist z.B. Nr. 5 der Liste.", de, 2);
    /* Chinese and Japanese: terminators need no space */
    const char *zh[] = {"\xE6\x94\xBF\xE5\xBA\x9C\xE5\xAE\xA3\xE5\xB8\x83\xE3\x80\x82",
                        "\xE4\xBB\xB7\xE6\xA0\xBC\xE4\xB8\x8B\xE9\x99\x8D\xEF\xBC\x81",
                        "\xE5\xA5\xBD"};
    expect_in("zh", 0, "\xE6\x94\xBF\xE5\xBA\x9C\xE5\xAE\xA3\xE5\xB8\x83\xE3\x80\x82"
                       "\xE4\xBB\xB7\xE6\xA0\xBC\xE4\xB8\x8B\xE9\x99\x8D\xEF\xBC\x81\xE5\xA5\xBD", zh, 3);
    const char *ja[] = {"\xE7\xBE\x8E\xE5\x91\xB3!", "\xE5\xA4\xA7\xE3\x81\x8D\xE3\x81\x84\xE3\x80\x82"};
    expect_in("ja", 0, "\xE7\xBE\x8E\xE5\x91\xB3!\xE5\xA4\xA7\xE3\x81\x8D\xE3\x81\x84\xE3\x80\x82", ja, 2);
    /* a quotation of two sentences: whole for the digest, split for a reader */
    const char *p = "\xC2\xAB C'est fini. Nous partons. \xC2\xBB a dit le maire.";
    const char *whole[] = {"\xC2\xAB C'est fini. Nous partons. \xC2\xBB a dit le maire."};
    expect_in("fr", CX_SPLIT_QUOTES_WHOLE, p, whole, 1);
    const char *split[] = {"\xC2\xAB C'est fini.", "Nous partons. \xC2\xBB a dit le maire."};
    expect_in("fr", 0, p, split, 2);
}

static void titles_and_abbreviations(void **state)
{
    (void)state;
    const char *p = "The order came from Brig. Gen. Ann Ruiz on Jan. 6 in the U.S. capital. "
                    "Sgt. Paul Ode and Dr. Mia Lee agreed. Gov. Tim Ash did not.";
    const char *want[] = {"The order came from Brig. Gen. Ann Ruiz on Jan. 6 in the U.S. capital.",
                          "Sgt. Paul Ode and Dr. Mia Lee agreed.", "Gov. Tim Ash did not."};
    expect_sentences(p, want, 3);
}

static void initials_stay_with_names(void **state)
{
    (void)state;
    const char *p = "A letter from William H. Seely III was read aloud. Photo by Kyle C. Talbot shows the base.";
    const char *want[] = {"A letter from William H. Seely III was read aloud.", "Photo by Kyle C. Talbot shows the base."};
    expect_sentences(p, want, 2);
}

static void us_as_modifier_and_as_sentence_end(void **state)
{
    (void)state;
    const char *p = "The U.S. Army said it would stay. Troops left the U.S. The move was planned.";
    const char *want[] = {"The U.S. Army said it would stay.", "Troops left the U.S.", "The move was planned."};
    expect_sentences(p, want, 3);
}

static void sentence_final_quotes(void **state)
{
    (void)state;
    const char *p = "He said they would \"never leave.\" Officials disagreed. ``We stay,'' she said. Next came \xE2\x80\x9Cthe vote.\xE2\x80\x9D It passed.";
    const char *want[] = {"He said they would \"never leave.\"", "Officials disagreed.", "``We stay,'' she said.",
                          "Next came \xE2\x80\x9Cthe vote.\xE2\x80\x9D", "It passed."};
    expect_sentences(p, want, 5);
}

static void quote_of_two_sentences_stays_with_speaker(void **state)
{
    (void)state;
    const char *p = "\"It was a draft. It should not have been sent,\" the general said. The letter was recalled.";
    const char *want[] = {"\"It was a draft. It should not have been sent,\" the general said.", "The letter was recalled."};
    expect_sentences(p, want, 2);
}

static void lower_case_continuation_is_not_a_boundary(void **state)
{
    (void)state;
    const char *p = "Prices rose 3.5 percent, about 2.1 points more than in Sept. last year. Markets fell.";
    const char *want[] = {"Prices rose 3.5 percent, about 2.1 points more than in Sept. last year.", "Markets fell."};
    expect_sentences(p, want, 2);
}

static void hard_wrapped_lines_are_joined(void **state)
{
    (void)state;
    const char *t = "The committee met on Friday to discuss the budget for the coming\n"
                    "year, and members said they expected a long debate over the cuts\n"
                    "proposed by the finance office. The chairman said he hoped to\n"
                    "reach an agreement before the end of the month, when the current\n"
                    "plan expires and the city must decide how to pay for its schools.\n";
    char **paras;
    int n = cx_paragraphs(t, strlen(t), &paras);
    assert_int_equal(n, 1);
    assert_non_null(strstr(paras[0], "coming year, and members"));
    cx_strings_free(paras, (size_t)n);
}

static void one_line_per_paragraph_is_kept(void **state)
{
    (void)state;
    const char *t = "Headline without a period\nFirst paragraph of the story, which is long enough to be a real paragraph of text.\n"
                    "Second paragraph.\n\nThird one after a blank line.\n";
    char **paras;
    int n = cx_paragraphs(t, strlen(t), &paras);
    assert_int_equal(n, 4);
    assert_string_equal(paras[0], "Headline without a period");
    assert_string_equal(paras[3], "Third one after a blank line.");
    cx_strings_free(paras, (size_t)n);
}

static void normalization_folds_layout_characters(void **state)
{
    (void)state;
    /* no-break space, zero-width space, CRLF, decomposed e + combining acute */
    const char *in = "caf\x65\xCC\x81\xC2\xA0open\xE2\x80\x8B\r\nnext";
    char *out;
    size_t n;
    assert_int_equal(cx_normalize(in, strlen(in), &out, &n), 0);
    assert_string_equal(out, "caf\xC3\xA9 open\nnext");
    free(out);
}

static void expect_normalized(const char *in, const char *want)
{
    char *out = NULL;
    size_t n = 0;
    assert_int_equal(cx_normalize(in, strlen(in), &out, &n), 0);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
    free(out);
}

/* Character references in text not read as HTML: known ones decoded,
 * newswire typesetting codes dropped without leaving runs of spaces,
 * everything else (and anything malformed) kept as written. */
static void normalization_resolves_character_references(void **state)
{
    (void)state;
    expect_normalized("AT&amp;T &lt;b&gt; &quot;x&quot;", "AT&T <b> \"x\"");
    expect_normalized("a &#8212; b &#x2019; c", "a \xE2\x80\x94 b \xE2\x80\x99 c");
    expect_normalized("&QL; He said. &LR;&LR;\n&UR; EDITOR: x", "He said. \nEDITOR: x");
    expect_normalized("one&HT;two", "one two");
    expect_normalized("&HT;", ""); /* nothing left: still a terminated string */
    expect_normalized("_ ", "");
    expect_normalized("&foo; &#1; &#xD800; &#; &amp & ;", "&foo; &#1; &#xD800; &#; &amp & ;");
    expect_normalized("R&D; P&G", "R&D; P&G"); /* one capital is a name, not a code */
}

static void normalization_sets_newswire_typography(void **state)
{
    (void)state;
    expect_normalized("He said ``no,'' _ twice.", "He said \xE2\x80\x9Cno,\xE2\x80\x9D \xE2\x80\x94 twice.");
    expect_normalized("_ One.\n_ Two.", "One.\nTwo.");
    /* '' without an opening `` (or after the paragraph ended) stays. */
    expect_normalized("rock 'n'' roll ``a\n\nb'' snake_case _x", "rock 'n'' roll \xE2\x80\x9C" "a\n\nb'' snake_case _x");
}

static void tokens_numbers_and_apostrophes(void **state)
{
    (void)state;
    const char *s = "Some 5,200 U.S. soldiers weren't in al-Asad's base.";
    cx_token *t;
    int n = cx_tokenize(s, strlen(s), &t);
    /* Some | 5,200 | U | S | soldiers | weren't | in | al | Asad's | base */
    assert_int_equal(n, 10);
    assert_int_equal(t[1].len, 5);
    assert_true(t[1].is_number);
    assert_memory_equal(s + t[5].start, "weren't", 7);
    assert_true(t[0].is_capital);
    free(t);
}

static void stems_and_stopwords(void **state)
{
    (void)state;
    cx_stemmer *st = cx_stemmer_new();
    assert_non_null(st);
    size_t n;
    const char *r = cx_stem(st, "decisions", 9, &n);
    assert_int_equal(n, 5);
    assert_memory_equal(r, "decis", 5);
    cx_stemmer_free(st);
    assert_true(cx_is_stopword("the", 3));
    assert_false(cx_is_stopword("troops", 6));
    char low[32];
    assert_int_equal(cx_lower("\xC3\x89SPER\xE2\x80\x99S", 10, low, sizeof low), 8);
    assert_string_equal(low, "\xC3\xA9sper's");
}

/* The stem cache answers as Snowball does, for words that collide in it,
 * words at and past its length limit, and words asked again after others
 * took their slot. */
static void stem_cache_agrees_with_snowball(void **state)
{
    (void)state;
    cx_stemmer *cached = cx_stemmer_new();
    assert_non_null(cached);
    static const char *const roots[] = {"connect", "nation", "govern", "argu", "report", "run", "happi",
                                        "relat", "general", "organ", "condition", "international"};
    static const char *const endings[] = {"", "s", "ed", "ing", "ion", "ions", "al", "ally", "ness",
                                          "ization", "izations", "ement", "ements", "ly", "ful", "ive"};
    char word[64];
    for (int round = 0; round < 3; round++)
        for (size_t r = 0; r < sizeof roots / sizeof *roots; r++)
            for (size_t e = 0; e < sizeof endings / sizeof *endings; e++)
                for (int pad = 0; pad < 14; pad++) { /* lengths up to past the cached maximum */
                    int n = snprintf(word, sizeof word, "%.*s%s%s", pad, "xxxxxxxxxxxxxx", roots[r], endings[e]);
                    cx_stemmer *fresh = cx_stemmer_new();
                    size_t want_len, got_len;
                    const char *want = cx_stem(fresh, word, (size_t)n, &want_len);
                    char want_copy[64];
                    memcpy(want_copy, want, want_len);
                    cx_stemmer_free(fresh);
                    const char *got = cx_stem(cached, word, (size_t)n, &got_len);
                    if (got_len != want_len || memcmp(got, want_copy, want_len))
                        fail_msg("stem of '%s': cached '%.*s', Snowball '%.*s'", word, (int)got_len, got,
                                 (int)want_len, want_copy);
                }
    cx_stemmer_free(cached);
}

static void vocab_interns(void **state)
{
    (void)state;
    cx_vocab *v = cx_vocab_new();
    int32_t a = cx_vocab_id(v, "iraq", 4), b = cx_vocab_id(v, "iran", 4);
    assert_int_not_equal(a, b);
    assert_int_equal(cx_vocab_id(v, "iraq", 4), a);
    for (int i = 0; i < 5000; i++) {
        char w[16];
        snprintf(w, sizeof w, "w%d", i);
        assert_true(cx_vocab_id(v, w, strlen(w)) >= 0);
    }
    assert_int_equal(cx_vocab_find(v, "iran", 4), b);
    assert_string_equal(cx_vocab_str(v, a), "iraq");
    assert_int_equal(cx_vocab_size(v), 5002);
    cx_vocab_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(titles_and_abbreviations),
        cmocka_unit_test(lists_without_punctuation),
        cmocka_unit_test(abbreviations_that_end_a_sentence),
        cmocka_unit_test(ellipses),
        cmocka_unit_test(missing_space_after_a_period),
        cmocka_unit_test(line_break_is_a_boundary),
        cmocka_unit_test(question_and_exclamation_in_quotes),
        cmocka_unit_test(lower_case_starts_and_semicolons),
        cmocka_unit_test(other_languages),
        cmocka_unit_test(initials_stay_with_names),
        cmocka_unit_test(us_as_modifier_and_as_sentence_end),
        cmocka_unit_test(sentence_final_quotes),
        cmocka_unit_test(quote_of_two_sentences_stays_with_speaker),
        cmocka_unit_test(lower_case_continuation_is_not_a_boundary),
        cmocka_unit_test(hard_wrapped_lines_are_joined),
        cmocka_unit_test(one_line_per_paragraph_is_kept),
        cmocka_unit_test(normalization_folds_layout_characters),
        cmocka_unit_test(normalization_resolves_character_references),
        cmocka_unit_test(normalization_sets_newswire_typography),
        cmocka_unit_test(tokens_numbers_and_apostrophes),
        cmocka_unit_test(stems_and_stopwords),
        cmocka_unit_test(stem_cache_agrees_with_snowball),
        cmocka_unit_test(vocab_interns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
