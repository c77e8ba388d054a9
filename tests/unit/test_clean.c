/* Cleaning: page noise is dropped with a reason, prose is kept, the headline
 * becomes the title. The strings are made up for the test; each exercises a
 * signal, not a site. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "clean_line_model.h"
#include "clean_line_shape.h"
#include "clean_line_vocab.h"
#include "story_build.h"

static const char *reason_of(const cx_story *s, size_t d, const char *prefix)
{
    const cx_doc *doc = &s->docs[d];
    for (size_t p = 0; p < doc->n_paras; p++)
        if (!strncmp(doc->paras[p].text, prefix, strlen(prefix))) return doc->paras[p].drop_reason ? doc->paras[p].drop_reason : "kept";
    return "absent";
}

static void add(chorus_corpus *c, const char *source, const char *text)
{
    chorus_article a = {0};
    a.source = strdup(source);
    a.text = strdup(text);
    a.id = strdup(source);
    a.published_unix = INT64_MIN;
    assert_int_equal(chorus_corpus_add(c, &a), 0);
}

static void noise_is_dropped_and_prose_kept(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_corpus_init(&c);
    add(&c, "Gazette",
        "Jump to navigation\n"
        "Harbor cranes halted as dock workers strike over pay\n"
        "Print this pagePrint this page\n"
        "Dock workers at the northern harbor walked off the job on Thursday, halting all cranes, union leaders said.\n"
        "Workers wave flags outside the harbor gate.Photo: Lena Holm\n"
        "Watch: Our reporter at the picket line\n"
        "The union wants a nine percent raise for the harbor workers, while the port authority offers four percent.\n"
        "-- : --\n"
        "Dock workers at the northern harbor walked off the job on Thursday, halting all cranes, union leaders said.\n"
        "Negotiations\n"
        "Talks between the union and the port authority are set to resume on Monday, the mediator said.\n"
        "(Gazette staff)\n"
        "Sign up for our morning newsletter and never miss a story\n"
        "Our cookie policy has changed and explains how we store your preferences.\n");
    add(&c, "Tribune",
        "Dock workers at the northern harbor went on strike on Thursday, halting the cranes.\n"
        "The union is asking for a raise of nine percent; the port authority has offered four percent.\n"
        "Talks with the mediator resume on Monday.\n");
    cx_story s;
    chorus_error err = {0};
    assert_int_equal(cx_story_build(&s, &c, &err), 0);
    assert_string_equal(s.docs[0].title, "Harbor cranes halted as dock workers strike over pay");
    assert_string_not_equal(reason_of(&s, 0, "Jump to navigation"), "kept");
    assert_ptr_equal(reason_of(&s, 0, "Print this page"), CX_DROP_GLUED);
    assert_ptr_equal(reason_of(&s, 0, "Workers wave flags"), CX_DROP_CAPTION);
    assert_ptr_equal(reason_of(&s, 0, "Watch:"), CX_DROP_PROMPT);
    assert_ptr_equal(reason_of(&s, 0, "-- : --"), CX_DROP_NO_WORDS);
    assert_ptr_equal(reason_of(&s, 0, "Negotiations"), CX_DROP_FRAGMENT);
    assert_ptr_equal(reason_of(&s, 0, "(Gazette staff)"), CX_DROP_CREDIT);
    assert_ptr_equal(reason_of(&s, 0, "Sign up"), CX_DROP_PROMPT);
    /* after the sign-off: outside the article */
    assert_string_not_equal(reason_of(&s, 0, "Our cookie policy"), "kept");
    assert_string_equal(reason_of(&s, 0, "Dock workers"), "kept");
    assert_string_equal(reason_of(&s, 0, "The union wants"), "kept");
    assert_string_equal(reason_of(&s, 0, "Talks between"), "kept");
    /* the repeated paragraph: the second copy is dropped, the first kept */
    size_t copies = 0, dropped = 0;
    for (size_t p = 0; p < s.docs[0].n_paras; p++)
        if (!strncmp(s.docs[0].paras[p].text, "Dock workers", 12)) {
            copies++;
            dropped += s.docs[0].paras[p].drop_reason == CX_DROP_REPEATED;
        }
    assert_int_equal(copies, 2);
    assert_int_equal(dropped, 1);
    /* the second outlet has no headline: its first line is prose */
    assert_null(s.docs[1].title);
    assert_string_equal(reason_of(&s, 1, "Talks with the mediator"), "kept");
    cx_story_free(&s);
    chorus_corpus_free(&c);
}

static void short_real_sentences_survive(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_corpus_init(&c);
    add(&c, "Solo", "The council voted to close the old library on Friday after a long debate.\n"
                    "Nobody objected.\n"
                    "The building will be sold next year, the mayor said.\n");
    cx_story s;
    chorus_error err = {0};
    assert_int_equal(cx_story_build(&s, &c, &err), 0);
    assert_string_equal(reason_of(&s, 0, "Nobody objected."), "kept");
    cx_story_free(&s);
    chorus_corpus_free(&c);
    /* A report of one short paragraph that shares few words with the other
     * outlets is the whole article, not an off-topic edge before its body. */
    chorus_corpus_init(&c);
    add(&c, "Gazette", "Karsvik closed the Old Harbor Bridge on Tuesday after cracks were found in its main span.\n"
                       "The bridge carries 40,000 cars a day, the mayor said.\n");
    add(&c, "Tribune", "Inspectors will return next week, engineers noted.");
    assert_int_equal(cx_story_build(&s, &c, &err), 0);
    assert_string_equal(reason_of(&s, 1, "Inspectors will return"), "kept");
    cx_story_free(&s);
    chorus_corpus_free(&c);
}

/* The line model's vocabulary evidence: a heading over the article shares
 * its words, a menu does not; a kept line's own words do not count. */
static void line_vocabulary(void **state)
{
    (void)state;
    char *t[] = {"Banks finance fracking", "Contact Imprint Jobs",
                 "Banks around the world finance fracking projects, the report says.",
                 "The report names forty banks and their fracking loans since 2016.", "2016 2017"};
    cx_para p[5];
    for (int i = 0; i < 5; i++) p[i] = (cx_para){t[i], strlen(t[i]), NULL, NULL};
    uint8_t kept[5] = {0, 0, 1, 1, 0};
    float in_kept[5], in_title[5];
    assert_int_equal(cx_line_vocab_shares(p, 5, kept, "Fracking: what banks finance", in_kept, in_title), 0);
    assert_true(in_kept[0] > 0.99f && in_title[0] > 0.99f); /* banks, finance, fracking */
    assert_true(in_kept[1] == 0.0f && in_title[1] == 0.0f);
    /* "report" and "fracking" are in the other kept line; "banks" in both; "world" only here */
    assert_true(in_kept[2] > 0.3f && in_kept[2] < 0.9f);
    assert_true(in_kept[4] == 0.0f); /* numbers are no words */
    assert_int_equal(cx_line_vocab_shares(p, 0, kept, NULL, in_kept, in_title), 0);
}

/* What a line looks like before its words are read. */
static void line_shape(void **state)
{
    (void)state;
    float f[CX_SHAPE_PIECES];
    const char *prose = "The report, published on Monday, names forty banks.";
    cx_line_shape(prose, strlen(prose), f);
    assert_true(f[CX_SHAPE_CAPS] > 0.1f && f[CX_SHAPE_CAPS] < 0.3f); /* The, Monday of 8 words */
    assert_true(f[CX_SHAPE_COMMAS] > 0.2f && f[CX_SHAPE_COMMAS] < 0.3f);
    assert_true(f[CX_SHAPE_DIGITS] == 0.0f && f[CX_SHAPE_MARKER] == 0.0f && f[CX_SHAPE_ELLIPSIS] == 0.0f);
    assert_true(f[CX_SHAPE_WORD_LEN] > 5.0f && f[CX_SHAPE_WORD_LEN] < 6.0f);
    const char *item = "\xE2\x80\xA2 \xC3\x9C" "ber Uns Kontakt Impressum";
    cx_line_shape(item, strlen(item), f);
    assert_true(f[CX_SHAPE_MARKER] == 1.0f && f[CX_SHAPE_CAPS] == 1.0f); /* a bullet; U+00DC is a capital */
    const char *teaser = "12. Sechzig Jahre lang hat uns die Meinung diktiert \xE2\x80\xA6";
    cx_line_shape(teaser, strlen(teaser), f);
    assert_true(f[CX_SHAPE_MARKER] == 1.0f && f[CX_SHAPE_ELLIPSIS] == 1.0f && f[CX_SHAPE_DIGITS] > 0.0f);
    const char *stamp = "20.11.2022 10:36";
    cx_line_shape(stamp, strlen(stamp), f);
    assert_true(f[CX_SHAPE_DIGITS] > 0.7f && f[CX_SHAPE_CAPS] == 0.0f && f[CX_SHAPE_MARKER] == 0.0f);
    cx_line_shape("  ", 2, f); /* no words: nothing */
    for (int i = 0; i < CX_SHAPE_PIECES; i++) assert_true(f[i] == 0.0f);
    cx_line_shape("\xFF\xFE abc", 6, f); /* stray bytes count as punctuation, no crash */
    assert_true(f[CX_SHAPE_PUNCT] > 0.0f);
}

/* A web address to visit, not a company called by its domain. */
static void web_addresses(void **state)
{
    (void)state;
    const char *yes[] = {"See http://example.org for more.", "Visit www.example.com today.",
                         "consult the site at studio.go.com/movies.", "HTTPS://X.ORG"};
    const char *no[] = {"Amazon.com shares rose.", "Shares of MSN.com and Agency.Com fell.",
                        "He said so. Then he left.", "a 3.5/10 rating", "e.g./i.e. usage"};
    for (size_t k = 0; k < sizeof yes / sizeof *yes; k++) assert_true(cx_web_address(yes[k], strlen(yes[k])));
    for (size_t k = 0; k < sizeof no / sizeof *no; k++) assert_false(cx_web_address(no[k], strlen(no[k])));
}

/* What an agency sends its editors is not the story: a note opening
 * "EDITORS:", and a budget (several paragraphs opening with a slug). One
 * dateline shaped like a slug ("LONDON (AP) _") is an ordinary article. */
static void notes_and_budgets_for_editors(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_corpus_init(&c);
    add(&c, "Wire",
        "EDITORS: The story below replaces an earlier version with the final vote count.\n\n"
        "LONDON (AP) _ Parliament approved the harbor bill on Tuesday by 312 votes to 280, ending months of debate.\n\n"
        "The bill gives the port authority new powers over pilots and cranes.");
    add(&c, "Budget",
        "Here are the stories the news service plans to move for Friday.\n\n"
        "HARBOR-BILL (London) _ Parliament approves the harbor bill after months of debate. By Ann Hale.\n\n"
        "With photo.\n\n"
        "CRANE-STRIKE (Undated) _ Dock workers weigh a new strike over pay. By Tom Reyes.\n\n"
        "For repeats call the news desk.");
    cx_story s;
    chorus_error err = {0};
    assert_int_equal(cx_story_build(&s, &c, &err), 0);
    assert_ptr_equal(reason_of(&s, 0, "EDITORS:"), CX_DROP_EDITORS_NOTE);
    assert_string_equal(reason_of(&s, 0, "LONDON (AP)"), "kept");
    assert_string_equal(reason_of(&s, 0, "The bill gives"), "kept");
    assert_ptr_equal(reason_of(&s, 1, "HARBOR-BILL"), CX_DROP_BUDGET);
    assert_ptr_equal(reason_of(&s, 1, "CRANE-STRIKE"), CX_DROP_BUDGET);
    assert_ptr_equal(reason_of(&s, 1, "Here are the stories"), CX_DROP_BUDGET);
    assert_ptr_equal(reason_of(&s, 1, "For repeats"), CX_DROP_BUDGET);
    cx_story_free(&s);
    chorus_corpus_free(&c);
}

/* A page saved one text block a line: the menu before the article and the
 * links after it go; inside the article a dateline, a subheading and a
 * one-sentence quote stay, a run of link labels between paragraphs goes (a
 * subheading right after such a run would go with it: nothing tells them
 * apart in a dump). */
static void page_dump_main_text(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_corpus_init(&c);
    add(&c, "page",
        "Storm closes mountain pass | Alpine Herald\n"
        "Home\nNews\nSport\nWeather\nContact\nImprint\n"
        "Storm closes mountain pass\n"
        "BRIG, 4 March\n"
        "Heavy snow and winds of up to 150 kilometres an hour closed the mountain pass on Tuesday, and the police turned back dozens of trucks at the foot of the road.\n"
        "Road crews said they would not start clearing the road before the wind dropped, which forecasters expect on Thursday at the earliest.\n"
        "More from the region\nLocal elections\nSki season\nNew bakery opens\n"
        "\"We have never seen so much snow in March,\" said one driver.\n"
        "Trucks wait in the valley\n"
        "About two hundred trucks were waiting in the valley on Tuesday evening, and the town opened its sports hall to drivers who had nowhere to sleep.\n"
        "Related articles\nAvalanche warning raised\nPass reopens after rockfall\nTrain services cut\n"
        "Newsletter\nPrivacy policy\nTerms of use\n");
    cx_story s;
    chorus_error err = {0};
    assert_int_equal(cx_story_build(&s, &c, &err), 0);
    assert_ptr_equal(reason_of(&s, 0, "Sport"), CX_DROP_OUTSIDE);
    assert_ptr_equal(reason_of(&s, 0, "Imprint"), CX_DROP_OUTSIDE);
    assert_string_equal(reason_of(&s, 0, "BRIG, 4 March"), "kept");
    assert_string_equal(reason_of(&s, 0, "Heavy snow"), "kept");
    assert_ptr_equal(reason_of(&s, 0, "More from the region"), CX_DROP_SHORT_RUN);
    assert_ptr_equal(reason_of(&s, 0, "New bakery opens"), CX_DROP_SHORT_RUN);
    assert_string_equal(reason_of(&s, 0, "Trucks wait in the valley"), "kept");
    assert_string_equal(reason_of(&s, 0, "\"We have never seen"), "kept");
    assert_string_equal(reason_of(&s, 0, "About two hundred"), "kept");
    assert_ptr_equal(reason_of(&s, 0, "Avalanche warning"), CX_DROP_OUTSIDE);
    assert_ptr_equal(reason_of(&s, 0, "Terms of use"), CX_DROP_OUTSIDE);
    cx_story_free(&s);
    chorus_corpus_free(&c);
}

/* A comment thread under the article: names, time stamps and replies go, with the comments; the article stays. */
static void comment_thread(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_corpus_init(&c);
    add(&c, "blog",
        "Ferry service resumes after storm | Island Post\n"
        "Ferry service resumes after storm\n"
        "The ferry between the island and the mainland sailed again on Friday morning, three days after the storm forced the operator to stop all crossings.\n"
        "The operator said the first boats were full and asked travellers to book ahead for the weekend, when more sailings will be added.\n"
        "Anna says:\n12.03.2021 at 10:36\n"
        "Finally, we were stuck on the island for three days and are glad that the boats are running again.\n"
        "Reply\n"
        "Ben says:\n12.03.2021 at 11:02\n"
        "Our ferry was on time this morning but very full, so you should really book before you go.\n"
        "Reply\n"
        "Carla says:\n12.03.2021 at 12:15\n"
        "Thanks for the quick news, it helped us a lot when we planned our trip back home.\n"
        "Reply\n");
    cx_story s;
    chorus_error err = {0};
    assert_int_equal(cx_story_build(&s, &c, &err), 0);
    assert_string_equal(reason_of(&s, 0, "The ferry between"), "kept");
    assert_string_equal(reason_of(&s, 0, "The operator said"), "kept");
    assert_string_not_equal(reason_of(&s, 0, "Finally, we"), "kept");
    assert_string_not_equal(reason_of(&s, 0, "Our ferry was"), "kept");
    assert_string_not_equal(reason_of(&s, 0, "Thanks for the quick"), "kept");
    assert_ptr_equal(reason_of(&s, 0, "Ben says"), CX_DROP_COMMENTS);
    cx_story_free(&s);
    chorus_corpus_free(&c);
}

/* After the one-stretch decision: a whole sentence among link labels stays,
 * and a long paragraph alone after the footer (an author's bio) goes. */
static void page_dump_sentence_in_links_and_lone_tail(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_corpus_init(&c);
    add(&c, "page",
        "Storm closes mountain pass | Alpine Herald\n"
        "Home\nNews\nSport\nWeather\n"
        "Storm closes mountain pass\n"
        "Heavy snow and winds of up to 150 kilometres an hour closed the mountain pass on Tuesday, and the police turned back dozens of trucks at the foot of the road.\n"
        "Road crews said they would not start clearing the road before the wind dropped, which forecasters expect on Thursday at the earliest.\n"
        "More from the region\nLocal elections\nThe pass stays closed tonight.\nSki season\nNew bakery opens\n"
        "About two hundred trucks were waiting in the valley on Tuesday evening, and the town opened its sports hall to drivers who had nowhere to sleep.\n"
        "Police said the drivers had been patient with each other and that there had been no accidents on the road.\n"
        "Newsletter\nPrivacy policy\nTerms of use\nImprint\n"
        "Anna Berg has reported on the Alps and their weather for the Herald since 2009, and before that she wrote for papers in Zurich and Geneva; she lives in Brig with her family and two dogs.\n"
        "Copyright 2021\n");
    cx_story s;
    chorus_error err = {0};
    assert_int_equal(cx_story_build(&s, &c, &err), 0);
    assert_string_equal(reason_of(&s, 0, "The pass stays closed"), "kept");
    assert_ptr_equal(reason_of(&s, 0, "Ski season"), CX_DROP_SHORT_RUN);
    assert_string_equal(reason_of(&s, 0, "About two hundred"), "kept");
    assert_ptr_equal(reason_of(&s, 0, "Anna Berg"), CX_DROP_LONE_TAIL);
    cx_story_free(&s);
    chorus_corpus_free(&c);
}

/* The line model over a made-up page: running text the rules keep scores
 * above menu words outside the main text whatever the blocks are (the
 * second stage reads each block's first-stage scores), every score is a
 * number, and an empty page is no error. */
static void line_model_reads_blocks(void **state)
{
    (void)state;
    float ev[6][CX_LINE_FEATURES] = {{0}};
    const float *f[6];
    for (size_t k = 0; k < 6; k++) {
        int prose = k >= 1 && k <= 4;
        float *e = ev[k];
        e[CX_LF_KEPT] = (float)prose;
        e[CX_LF_WORDS] = (float)log1p(prose ? 28.0 : 1.0);
        e[CX_LF_TERMINAL] = (float)prose;
        e[CX_LF_STOPS] = prose ? 0.45f : 0.0f;
        e[CX_LF_OUTSIDE] = (float)!prose;
        e[CX_LF_TEMPLATE] = (float)!prose;
        e[CX_LF_TEMPL_SHARE] = prose ? 0.0f : 1.0f;
        e[CX_LF_PREV_KEPT] = k >= 2 && k <= 5;
        e[CX_LF_NEXT_KEPT] = k <= 3;
        e[CX_LF_POSITION] = (float)k / 5.0f;
        e[CX_LF_BLOCK_WORDS] = (float)log1p(112.0);
        e[CX_LF_BLOCK_SHARE] = 1.0f;
        e[CX_LF_BLOCK_KEPT] = 0.66f;
        e[CX_LF_PROSE] = (float)prose;
        e[CX_LF_VOCAB] = prose ? 0.6f : 0.0f;
        e[CX_LF_DISTANCE] = prose ? 0.0f : (float)log1p(1.0);
        e[CX_LF_CAPS] = prose ? 0.2f : 1.0f;
        e[CX_LF_PUNCT] = prose ? 0.03f : 0.0f;
        e[CX_LF_COMMAS] = prose ? 0.06f : 0.0f;
        e[CX_LF_WORD_LEN] = prose ? 5.5f : 7.0f;
        f[k] = e;
    }
    const unsigned char one_block[6] = {0}, split[6] = {0, 1, 0, 1, 0, 1};
    const unsigned char *starts[2] = {one_block, split};
    for (size_t v = 0; v < 2; v++) {
        double score[6];
        assert_int_equal(cx_line_model_scores(f, starts[v], 6, score), 0);
        for (size_t k = 0; k < 6; k++) assert_true(isfinite(score[k]));
        for (size_t k = 1; k <= 4; k++) {
            assert_true(score[k] > score[0]);
            assert_true(score[k] > score[5]);
        }
    }
    double none;
    assert_int_equal(cx_line_model_scores(f, one_block, 0, &none), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(noise_is_dropped_and_prose_kept),
        cmocka_unit_test(short_real_sentences_survive),
        cmocka_unit_test(web_addresses),
        cmocka_unit_test(line_vocabulary),
        cmocka_unit_test(line_shape),
        cmocka_unit_test(page_dump_main_text),
        cmocka_unit_test(page_dump_sentence_in_links_and_lone_tail),
        cmocka_unit_test(comment_thread),
        cmocka_unit_test(notes_and_budgets_for_editors),
        cmocka_unit_test(line_model_reads_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
