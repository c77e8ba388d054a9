/* Quotations and speakers: one hand-written passage per construction, then
 * the seed story (every outlet's version of a quote merged, the speakers the
 * articles name). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "shared_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "quotes.h"
#include "util.h"

/* The hit whose quotation contains needle, or NULL. */
static const cx_quote_hit *hit_with(const char *text, const cx_quote_hit *h, int n, const char *needle)
{
    for (int i = 0; i < n; i++) {
        size_t len = h[i].end - h[i].start;
        char *q = strndup(text + h[i].start, len);
        int found = strstr(q, needle) != NULL;
        free(q);
        if (found) return &h[i];
    }
    return NULL;
}

/* Find the quote containing needle in text and check its speaker and role. */
static void expect(const char *text, const char *needle, const char *speaker, const char *role)
{
    cx_quote_hit *h;
    int n = cx_quotes_find(text, strlen(text), &h);
    assert_true(n > 0);
    const cx_quote_hit *x = hit_with(text, h, n, needle);
    if (!x) fail_msg("no quote holding '%s' in: %s", needle, text);
    if (!speaker) assert_null(x->speaker);
    else if (!x->speaker || strcmp(x->speaker, speaker))
        fail_msg("speaker of '%s': got '%s', want '%s'", needle, x->speaker ? x->speaker : "(none)", speaker);
    if (role && (!x->role || strcmp(x->role, role)))
        fail_msg("role of '%s': got '%s', want '%s'", needle, x->role ? x->role : "(none)", role);
    cx_quote_hits_free(h, (size_t)n);
}

static void speaker_after_the_quote(void **state)
{
    (void)state;
    expect("\xE2\x80\x9CWe will rebuild the bridge before the spring thaw,\xE2\x80\x9D Harbor Mayor Ana Ruiz said "
           "on Friday.",
           "rebuild the bridge", "Ana Ruiz", "Harbor Mayor");
    expect("\"The water in the eastern wards is safe to drink again,\" said Health Minister Tomas Berg.",
           "safe to drink", "Tomas Berg", "Health Minister");
    expect("\"Nobody expected the river to rise that fast,\" the fire chief told reporters at the scene.",
           "river to rise", "the fire chief", NULL);
    /* any verb in a dialogue tag after the quote's comma, also inverted */
    expect("``They make everybody overweight,'' protested Mark Smith, 30, of Woodland Hills.", "overweight",
           "Mark Smith", NULL);
    expect("``Feel for the bony landmarks,'' Jean Cooper instructed her student.", "bony", "Jean Cooper", NULL);
    /* a long appositive; a dot that ends an abbreviation, not the sentence */
    expect("``He wanted to kill everybody,'' David Pasqualotto, a special agent with the Bureau of Alcohol, Tobacco "
           "and Firearms, said Friday.",
           "kill everybody", "David Pasqualotto", NULL);
    expect("Senate leader Mitch McConnell, R-Ky., delivered a blunt message: \"It is time to quit attacking people.\"",
           "quit attacking", "Mitch McConnell", NULL);
    /* the sentence runs on before its attribution */
    expect("``We were surprised'' the risk was so high, Marjolein Visser said.", "surprised", "Marjolein Visser", NULL);
    /* a surname that is also a common word; a name before its affiliation */
    expect("\"It is a dark day for the forest,\" spokesperson Virginia Young said.", "dark day", "Virginia Young", NULL);
    expect("``We want a villain to blame,'' says Maureen Storey of the Georgetown Center for Food Policy.", "villain",
           "Maureen Storey", NULL);
    /* an appositive between the name and the verb */
    expect("\"The pumps failed twice in one night,\" Lina Okafor, the engineer in charge of the station, said.",
           "pumps failed", "Lina Okafor", NULL);
}

static void speaker_before_the_quote(void **state)
{
    (void)state;
    expect("Asked about the cost, Mayor Ana Ruiz told the council: \"We will find the money somewhere.\"",
           "find the money", "Ana Ruiz", "Mayor");
    expect("According to the county engineer, \"the levee was never designed for this much water.\"",
           "levee was never", "the county engineer", NULL);
    /* a partial quote inside a sentence */
    expect("Ruiz said the repairs were \"well ahead of the schedule we set\" after the inspection.",
           "well ahead", "Ruiz", NULL);
    /* the old-style marks of wire copy */
    expect("The report concluded that ``the design of the spillway was adequate for a normal year.''",
           "the design of the spillway", "The report", NULL);
    expect("\xE2\x80\x9C" "All of the staff were evacuated in time,\xE2\x80\x9D the memo states.", "staff were evacuated",
           "the memo", NULL);
}

static void broken_and_continued_quotes(void **state)
{
    (void)state;
    const char *broken = "Station engineer Lina Okafor arrived at dawn.\n\n"
                         "\xE2\x80\x9CThe dam held through the night,\xE2\x80\x9D she said. \xE2\x80\x9C"
                         "Nobody in the valley was hurt.\xE2\x80\x9D";
    expect(broken, "dam held", "Lina Okafor", "Station engineer");
    expect(broken, "Nobody in the valley", "Lina Okafor", NULL);
    /* a quote over two paragraphs: the first is left open */
    const char *running = "\"We started the pumps at midnight and kept them running until the water went down.\n\n"
                          "\"Then we checked every house on the street,\" said Tomas Berg.";
    expect(running, "started the pumps", "Tomas Berg", NULL);
    expect(running, "checked every house", "Tomas Berg", NULL);
    /* a paragraph that only quotes continues the speaker before it */
    const char *para = "\"The bridge will reopen on Monday,\" Ruiz said.\n\n"
                       "\"Trucks will have to wait another week.\"";
    expect(para, "Trucks will have", "Ruiz", NULL);
    /* a speaker introduced by a colon at the end of the paragraph before */
    const char *colon = "Berg then turned to the crowd and continued:\n\n\"Boil your water until Thursday.\"";
    expect(colon, "Boil your water", "Berg", NULL);
}

static void names_resolve_in_the_article(void **state)
{
    (void)state;
    const char *text = "Health Minister Tomas Berg visited the shelter on Sunday.\n\n"
                       "\"The shelters are full but safe,\" Berg said.\n\n"
                       "\"We need more blankets,\" he added.";
    expect(text, "shelters are full", "Tomas Berg", "Health Minister");
    expect(text, "more blankets", "Tomas Berg", NULL);
    /* "X took to Y to say": the object of a preposition is not the speaker */
    expect("Berg took to the radio to repeat the warning that \"no one should drive through flood water.\"",
           "no one should drive", "Berg", NULL);
}

static void no_speaker_invented(void **state)
{
    (void)state;
    /* a quote that ends its sentence gives the next sentence no speaker role */
    expect("The film \"Water Under the Bridge Again\" opened in the town hall. Residents brought chairs.",
           "Water Under", NULL, NULL);
    expect("\"Stay away from the river banks until the water goes down.\" Signs along the road were posted.",
           "Stay away", NULL, NULL);
    /* a clause joined by "and" after a quoted title is not a speaker */
    expect("I still oppose \"Visit Myanmar Year\" and I'd ask tourists to stay away.", "Visit Myanmar", NULL,
           NULL);
}

/* The quote holding needle is (or is not) one the digest keeps. */
static void expect_kept(const char *text, const char *needle, int kept)
{
    cx_quote_hit *h;
    int n = cx_quotes_find(text, strlen(text), &h);
    assert_true(n > 0);
    const cx_quote_hit *x = hit_with(text, h, n, needle);
    if (!x) fail_msg("no quote holding '%s' in: %s", needle, text);
    if (cx_quote_worth_keeping(x) != kept)
        fail_msg("'%s' should %sbe kept (title=%d, speaker=%s)", needle, kept ? "" : "not ", x->title,
                 x->speaker ? x->speaker : "(none)");
    cx_quote_hits_free(h, (size_t)n);
}

static void speech_words_used_as_nouns(void **state)
{
    (void)state;
    /* "report" is the subject's noun, "said" the verb: never the speaker "the" */
    expect("\"Boil the water before you drink it,\" the report said.", "Boil the water", "the report", NULL);
    expect("\"Pipes in the old town are cracked,\" the report also says.", "Pipes in the old", "the report", NULL);
    /* a noun phrase cut before its head is no speaker: "a new" */
    expect("Bolstering the claim is a new report by the Delta Council that accuses the city of \"ignoring the "
           "warnings for a decade.\"",
           "ignoring the warnings", NULL, NULL);
    /* a capitalized speech word inside a name is no verb: not "United" */
    expect("The office said the United States \"would be willing to send more engineers.\"", "send more engineers",
           "The office", NULL);
    expect("\"We take the court's order very seriously,\" State spokesman Mark Toner said Friday.", "court's order",
           "Mark Toner", "State spokesman");
}

static void speaker_phrases_end_in_a_noun(void **state)
{
    (void)state;
    /* a participle or a relative clause after the head is cut off */
    expect("\"Stay off the bridges,\" said a statement distributed by the ministry.", "Stay off", "a statement", NULL);
    expect("\"Meh,\" wrote a resident who runs the neighborhood account.", "Meh", "a resident", NULL);
    /* "the daily": an -ly word after an article is the head, not an adverb */
    expect("\"Everyone should leave the lower town,\" the daily said.", "lower town", "the daily", NULL);
    /* a transcript's "Q:" is no speaker */
    expect("Q: \"Did you see the water rise that night?\"", "water rise", NULL, NULL);
    /* the subject of a passive speech verb is spoken about, not speaking */
    expect("\"He ignored every warning we gave,\" Ruiz was accused of saying.", "ignored every", NULL, NULL);
    /* a dateline is no subject; the name after its article is */
    expect("LONDON (AP) _ The Red Cross backed the mayor, saying she was \"doing everything a mayor can do.\"",
           "doing everything", "Red Cross", NULL);
    /* a time between subject and verb: "Ahmad on Wednesday described" */
    expect("Foreign Secretary Omar Ahmad on Wednesday described the plan as \"mature and highly responsible.\"",
           "mature and highly", "Omar Ahmad", NULL);
    /* a capital that only opens the sentence: the phrase runs to its head */
    expect("Small groups of protesters marched while chanting, \"Hands up, don't shoot.\"", "Hands up",
           "Small groups of protesters", NULL);
}

static void it_and_they_resolve_or_stay_unattributed(void **state)
{
    (void)state;
    /* "it" is the organisation named before, like "he" is the person */
    expect("The Harbor Council warned residents on Monday.\n\n\"Water levels will keep rising for a week,\" it said.",
           "Water levels", "Harbor Council", NULL);
    /* ... or the document just mentioned */
    expect("In its final form, her censure resolution condemned the mayor.\n\n"
           "It said the mayor \"deliberately misled the people of the valley.\"",
           "deliberately misled", "her censure resolution", NULL);
    /* nothing for it to stand for: unattributed, never "It" */
    expect("\"The river will crest tonight and the pumps are ready,\" it said.", "river will crest", NULL, NULL);
    /* "they": the plural subject before */
    expect("Critics of the plan sent a letter to the council. \"The dam is too old to hold another flood season,\" "
           "they wrote.",
           "dam is too old", "Critics", NULL);
}

static void titles_of_works_are_no_quotes(void **state)
{
    (void)state;
    /* a title-case name of a show, film or book with no verb of saying framing it */
    expect_kept("Ruiz said on CBS's \"Face the Nation.\"", "Face the Nation", 0);
    expect_kept("Winfrey launched \"The Oprah Winfrey Show\" in September 1986.", "Oprah Winfrey Show", 0);
    expect_kept("Talk show: \"Leeza,\" NBC; \"The Rosie O'Donnell Show,\" Syndicated.", "Leeza", 0);
    expect_kept("Winfrey starred in the film version of \"Life is Beautiful\" last year.", "Life is Beautiful", 0);
    /* a title inside a reported clause, or before a passive ("was accused") */
    expect_kept("Backstage he noted that \"The Truman Show\" came out in the summer.", "Truman Show", 0);
    expect_kept("After he wrote the novel \"The Satanic Verses,\" Rushdie was accused of blasphemy.", "Satanic", 0);
    /* an utterance a speaker is said to say stays, however short or capitalized */
    expect_kept("Anna Berg walked in. \"Quiet,\" she said.", "Quiet", 1);
    /* "she" with no one named before stands for no one: unattributed, not kept */
    expect_kept("\"Quiet,\" she said.", "Quiet", 0);
    expect_kept("\"Stay Home Tonight,\" the Mayor told reporters.", "Stay Home", 1);
    expect_kept("Monica Lewinsky took the stand.\n\nLewinsky: \"Yes.\"", "Yes", 1);
    /* a sentence is no title even when its words are short */
    expect_kept("\"It's about me,\" Obama said.", "about me", 1);
    expect_kept("Residents kept repeating \"We will not leave the valley\" at the meeting.", "not leave", 1);
}

/* ---- the seed story ---------------------------------------------------------- */

static chorus_digest *seeds_digest(chorus_corpus *c)
{
    chorus_corpus_init(c);
    chorus_error err = {0};
    char path[1024];
    snprintf(path, sizeof path, "%s/seeds", CHORUS_SHARED_DIR);
    REQUIRE_SHARED(path);
    if (chorus_read_path(c, path, &err) < 5)
        fail_msg("the seed articles are missing from %s (%s): the shared data must be present", path, err.message);
    chorus_digest *d = NULL;
    assert_int_equal(chorus_digest_build(c, NULL, &d, &err), 0);
    return d;
}

static const cx_quote *quote_with(const chorus_digest *d, const char *needle)
{
    for (size_t i = 0; i < d->n_quotes; i++)
        if (strstr(d->quotes[i].text, needle)) return &d->quotes[i];
    return NULL;
}

static void seeds_quotes(void **state)
{
    (void)state;
    chorus_corpus c;
    chorus_digest *d = seeds_digest(&c);
    const cx_quote *q = quote_with(d, "whatsoever to leave Iraq");
    assert_non_null(q);
    assert_non_null(q->speaker);
    assert_string_equal(q->speaker, "Mark Esper");
    assert_true(q->n_outlets >= 4);
    /* only one entry carries it */
    size_t entries = 0;
    for (size_t i = 0; i < d->n_quotes; i++) entries += strstr(d->quotes[i].text, "whatsoever to leave") != NULL;
    assert_int_equal(entries, 1);
    const char *milley[] = {"Poorly worded", "kerfuffle", "I send drafts", "honest mistake", "mistake from McKenzie",
                            "it was unsigned"};
    for (size_t i = 0; i < sizeof milley / sizeof *milley; i++) {
        q = quote_with(d, milley[i]);
        if (!q) fail_msg("no quote with '%s'", milley[i]);
        if (!q->speaker || strcmp(q->speaker, "Mark Milley")) fail_msg("'%s' is Milley's, got %s", milley[i], q->speaker);
    }
    const char *letter[] = {"sovereign decision to order our departure", "In order to conduct this task",
                            "Coalition forces will take appropriate measures", "increase in helicopter travel"};
    for (size_t i = 0; i < sizeof letter / sizeof *letter; i++) {
        q = quote_with(d, letter[i]);
        if (!q) fail_msg("no quote with '%s'", letter[i]);
        if (!q->speaker || (!strstr(q->speaker, "letter") && !strstr(q->speaker, "Seely")))
            fail_msg("'%s' is the letter's, got %s", letter[i], q->speaker ? q->speaker : "(none)");
    }
    /* every source points at a sentence that holds the start of the quote */
    for (size_t i = 0; i < d->n_quotes; i++)
        for (size_t k = 0; k < d->quotes[i].n_src; k++) {
            const cx_quote_src *r = &d->quotes[i].src[k];
            const cx_sent *st = &d->story.docs[r->doc].sents[r->sent];
            assert_true(r->in_sent < st->len);
            assert_true(r->sent_last >= r->sent);
        }
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Quotation marks of other languages, with their own verbs of saying. */
static void quote_marks_of_other_languages(void **state)
{
    (void)state;
    expect("\xC2\xAB C'est une d\xC3\xA9" "cision grave \xC2\xBB, a d\xC3\xA9" "clar\xC3\xA9 le pr\xC3\xA9sident Emmanuel Macron.",
           "cision grave", "Emmanuel Macron", "pr\xC3\xA9sident");
    expect("\xE2\x80\x9EWir schaffen das\xE2\x80\x9C, sagte Angela Merkel am Montag.", "schaffen", "Angela Merkel",
           NULL);
    expect("\xC2\xBB" "Das ist gut\xC2\xAB, sagte die Kanzlerin.", "Das ist gut", "die Kanzlerin", NULL);
    expect("\"Es un d\xC3\xAD" "a hist\xC3\xB3rico\", dijo el presidente Pedro S\xC3\xA1nchez.", "hist", "Pedro S\xC3\xA1nchez",
           "presidente");
    expect("\xC2\xAB\xD0\x9C\xD1\x8B \xD0\xBD\xD0\xB5 \xD0\xB4\xD0\xBE\xD0\xBF\xD1\x83\xD1\x81\xD1\x82\xD0\xB8\xD0\xBC\xC2\xBB, "
           "\xE2\x80\x94 \xD0\xB7\xD0\xB0\xD1\x8F\xD0\xB2\xD0\xB8\xD0\xBB \xD0\x92\xD0\xBB\xD0\xB0\xD0\xB4\xD0\xB8\xD0\xBC\xD0\xB8\xD1\x80 "
           "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD.",
           "\xD0\x9C\xD1\x8B", "\xD0\x92\xD0\xBB\xD0\xB0\xD0\xB4\xD0\xB8\xD0\xBC\xD0\xB8\xD1\x80 \xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD", NULL);
    expect("Selon le ministre Bruno Le Maire, \xC2\xAB la croissance sera forte \xC2\xBB.", "croissance", "Bruno Le Maire",
           "ministre");
    /* corner brackets pair, and a quote inside a quote stays inside */
    cx_quote_hit *h;
    const char *jp = "\xE3\x80\x8C\xE3\x81\x93\xE3\x82\x8C\xE3\x81\xAF\xE3\x80\x8E\xE5\x95\x8F\xE9\xA1\x8C\xE3\x80\x8F"
                     "\xE3\x81\xA0\xE3\x80\x8D\xE3\x81\xA8";
    int n = cx_quotes_find(jp, strlen(jp), &h);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].start, 0);
    assert_int_equal(h[0].end, strlen(jp) - 3);
    cx_quote_hits_free(h, (size_t)n);
    expect("\"He told me 'never again' and left,\" said Mayor Ana Ruiz.", "never again", "Ana Ruiz", NULL);
}

/* Days, platforms, honorifics and lone pronouns never speak. */
static void nothing_that_cannot_speak(void **state)
{
    (void)state;
    expect("Shamshad Ahmad on Wednesday described the stance as firm.\n\n"
           "He said it was \"in sharp contrast to the stance of others.\"",
           "sharp contrast", "Shamshad Ahmad", NULL);
    expect("\"We will not resign,\" Twitter said.", "not resign", NULL, NULL);
    expect("\"We will not resign,\" he said.", "not resign", NULL, NULL);
    expect("Laurence H. Tribe teaches law.\n\n\"It is wrong,\" Mr. Tribe said.", "is wrong", "Laurence H. Tribe", NULL);
    cx_quote_hit *h;
    const char *t = "\"We are ready for the vote,\" Mr. Tribe said.";
    int n = cx_quotes_find(t, strlen(t), &h);
    assert_int_equal(n, 1);
    assert_null(h[0].role); /* an honorific is no role */
    cx_quote_hits_free(h, (size_t)n);
}

/* The skip reason of the span holding needle (-1 when no span holds it). */
static int skip_of(const char *text, size_t n, const char *needle)
{
    cx_quote_hit *h;
    int nh = cx_quotes_find(text, n, &h);
    assert_true(nh >= 0);
    const cx_quote_hit *x = hit_with(text, h, nh, needle);
    int r = x ? x->skip : -1;
    cx_quote_hits_free(h, (size_t)nh);
    return r;
}
#define SKIP_OF(t, needle) skip_of((t), strlen(t), (needle))

/* Spans that are no utterance are skipped with a reason, never counted as
 * unattributed quotes; utterances are kept. */
static void mentions_and_scare_quotes_are_skipped(void **state)
{
    (void)state;
    assert_int_equal(SKIP_OF("The program requires an investment in a \"targeted employment area,\" which is "
                             "defined by the agency.", "targeted"),
                     CX_QSKIP_FRAGMENT);
    assert_int_equal(SKIP_OF("The Post sent its \"national enterprise reporter\" to the rally.", "enterprise"),
                     CX_QSKIP_FRAGMENT);
    /* a verb of saying in the sentence: a partial quote, kept */
    assert_int_equal(SKIP_OF("The mayor said the plan was \"a clear violation of the rules\" and left.", "violation"),
                     CX_QSKIP_NONE);
    /* an utterance opening its sentence is kept, even unattributed */
    assert_int_equal(SKIP_OF("The bridge closed.\n\n\"Nobody can cross the river until spring.\"", "Nobody"),
                     CX_QSKIP_NONE);
    assert_int_equal(SKIP_OF("He called it \"crazy\" on the radio.", "crazy"), CX_QSKIP_SHORT);
    assert_int_equal(SKIP_OF("They watched \"Face the Nation\" on Sunday.", "Face"), CX_QSKIP_TITLE);
    /* a name the writer gives after "called", "dubbed", "known as" */
    assert_int_equal(SKIP_OF("The junta launched a tourism campaign called \"Visit the Delta Year\" in May.", "Delta"),
                     CX_QSKIP_NAMED);
    assert_int_equal(SKIP_OF("The fair, dubbed \"Harbor Expo 99\", opens on Monday.", "Harbor"), CX_QSKIP_NAMED);
    assert_int_equal(SKIP_OF("Arregui, also known as \"Inaki de Renteria\", was arrested.", "Inaki"), CX_QSKIP_NAMED);
    /* but what someone calls a thing is their words */
    assert_int_equal(SKIP_OF("It began what aide Kevin Phillips called \"the beginning of a new era\" in politics.",
                             "beginning"),
                     CX_QSKIP_NONE);
    /* a transcript turn labelled only "Q:" */
    assert_int_equal(SKIP_OF("Excerpts of the deposition:\n\nQ: \"And that was at a breakfast at the hotel?\"\n\n"
                             "Lewinsky: \"Yes, it was.\"",
                             "breakfast"),
                     CX_QSKIP_UNNAMED_TURN);
    assert_string_equal(cx_quote_skip_reason(CX_QSKIP_UNNAMED_TURN),
                        "a transcript turn labelled only Q: or A:, its speaker not named");
}

/* An epigraph signed after a dash, a transcript's label. */
static void dash_signatures_and_transcript_labels(void **state)
{
    (void)state;
    expect("\xE2\x80\x9CHe represents our greatest shame and we know it.\xE2\x80\x9D \xE2\x80\x95 Sonya Herridge\n"
           "\xE2\x80\x9CMaybe we can build a wall around him.\xE2\x80\x9D \xE2\x80\x95 Steve Quinlan.",
           "wall around", "Steve Quinlan", NULL);
    expect("``God bless them, they treated me well.'' _ Warren Beatty, on his early years.", "God bless",
           "Warren Beatty", NULL);
    expect("Chris Wallace spoke with Mike Pence on Sunday.\n\n"
           "\"WALLACE: Will she be at the debate tomorrow night?\n\n"
           "\"PENCE: She will not be attending the debate tomorrow night.\"",
           "not be attending", "Mike Pence", NULL);
    /* a heading in capitals names no one */
    expect("\"UPDATE: The bridge will stay closed until the spring thaw,\" the notice said.", "bridge will stay",
           "the notice", NULL);
}

/* Hostile input: bounded time, the span skipped with its reason. */
static void hostile_quotes_are_skipped_with_a_reason(void **state)
{
    (void)state;
    assert_int_equal(SKIP_OF("The mayor spoke.\n\n\"We will rebuild the bridge by spring, said the mayor\n\n"
                             "Other news follows here.",
                             "rebuild"),
                     CX_QSKIP_UNCLOSED);
    /* 10,000 nested marks */
    size_t n = 20 + 3 * 20000 + 40;
    char *t = malloc(n);
    assert_non_null(t);
    size_t k = (size_t)sprintf(t, "The mayor said: ");
    for (int i = 0; i < 10000; i++) memcpy(t + k, "\xE2\x80\x9C", 3), k += 3;
    k += (size_t)sprintf(t + k, "hello there");
    for (int i = 0; i < 10000; i++) memcpy(t + k, "\xE2\x80\x9D", 3), k += 3;
    assert_int_equal(skip_of(t, k, "hello there"), CX_QSKIP_NESTED);
    free(t);
    /* a 1 MB quoted span */
    n = 1 << 20;
    t = malloc(n + 64);
    assert_non_null(t);
    k = (size_t)sprintf(t, "The mayor said: \"");
    while (k < n) k += (size_t)sprintf(t + k, "word ");
    k += (size_t)sprintf(t + k, "\" and left.");
    assert_int_equal(skip_of(t, k, "word word"), CX_QSKIP_TOO_LONG);
    free(t);
    /* a name of 500 words */
    cx_buf b;
    cx_buf_init(&b);
    assert_int_equal(cx_buf_puts(&b, "\"We will rebuild the bridge,\" said"), 0);
    for (int i = 0; i < 500; i++) assert_int_equal(cx_buf_printf(&b, " Smith%c", 'a' + i % 26), 0);
    assert_int_equal(cx_buf_puts(&b, "."), 0);
    assert_int_equal(skip_of(b.data, b.len, "rebuild"), CX_QSKIP_LONG_NAME);
    cx_buf_free(&b);
    assert_string_equal(cx_quote_skip_reason(CX_QSKIP_NESTED), "more than 8 quotation marks in a row");
}

/* Chinese and Japanese: the verb of saying ends the run holding the
 * speaker, or follows the quotative と after the closing mark. */
static void chinese_and_japanese_speakers(void **state)
{
    (void)state;
    /* 省应急管理厅厅长王强还表示：“救援工作正在全力进行。” */
    expect("\xE7\x9C\x81\xE5\xBA\x94\xE6\x80\xA5\xE7\xAE\xA1\xE7\x90\x86\xE5\x8E\x85\xE5\x8E\x85\xE9\x95\xBF\xE7\x8E\x8B"
           "\xE5\xBC\xBA\xE8\xBF\x98\xE8\xA1\xA8\xE7\xA4\xBA\xEF\xBC\x9A\xE2\x80\x9C\xE6\x95\x91\xE6\x8F\xB4\xE5\xB7\xA5"
           "\xE4\xBD\x9C\xE6\xAD\xA3\xE5\x9C\xA8\xE5\x85\xA8\xE5\x8A\x9B\xE8\xBF\x9B\xE8\xA1\x8C\xE3\x80\x82\xE2\x80\x9D",
           "\xE6\x95\x91\xE6\x8F\xB4",
           "\xE7\x9C\x81\xE5\xBA\x94\xE6\x80\xA5\xE7\xAE\xA1\xE7\x90\x86\xE5\x8E\x85\xE5\x8E\x85\xE9\x95\xBF\xE7\x8E\x8B"
           "\xE5\xBC\xBA",
           NULL);
    /* 岸田首相は「経済を立て直す必要がある」と述べた。 */
    expect("\xE5\xB2\xB8\xE7\x94\xB0\xE9\xA6\x96\xE7\x9B\xB8\xE3\x81\xAF\xE3\x80\x8C\xE7\xB5\x8C\xE6\xB8\x88\xE3\x82\x92"
           "\xE7\xAB\x8B\xE3\x81\xA6\xE7\x9B\xB4\xE3\x81\x99\xE5\xBF\x85\xE8\xA6\x81\xE3\x81\x8C\xE3\x81\x82\xE3\x82\x8B"
           "\xE3\x80\x8D\xE3\x81\xA8\xE8\xBF\xB0\xE3\x81\xB9\xE3\x81\x9F\xE3\x80\x82",
           "\xE7\xB5\x8C\xE6\xB8\x88", "\xE5\xB2\xB8\xE7\x94\xB0\xE9\xA6\x96\xE7\x9B\xB8", NULL);
    /* no verb of saying: no speaker (他的书名叫“大地”。 "his book is called 'Earth'") */
    expect("\xE4\xBB\x96\xE7\x9A\x84\xE4\xB9\xA6\xE5\x90\x8D\xE5\x8F\xAB\xE2\x80\x9C\xE5\xA4\xA7\xE5\x9C\xB0\xE7\x9A\x84"
           "\xE6\x95\x85\xE4\xBA\x8B\xE2\x80\x9D\xE3\x80\x82",
           "\xE5\xA4\xA7\xE5\x9C\xB0", NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(speaker_after_the_quote),
        cmocka_unit_test(speaker_before_the_quote),
        cmocka_unit_test(broken_and_continued_quotes),
        cmocka_unit_test(names_resolve_in_the_article),
        cmocka_unit_test(no_speaker_invented),
        cmocka_unit_test(speech_words_used_as_nouns),
        cmocka_unit_test(speaker_phrases_end_in_a_noun),
        cmocka_unit_test(it_and_they_resolve_or_stay_unattributed),
        cmocka_unit_test(titles_of_works_are_no_quotes),
        cmocka_unit_test(seeds_quotes),
        cmocka_unit_test(quote_marks_of_other_languages),
        cmocka_unit_test(nothing_that_cannot_speak),
        cmocka_unit_test(mentions_and_scare_quotes_are_skipped),
        cmocka_unit_test(dash_signatures_and_transcript_labels),
        cmocka_unit_test(hostile_quotes_are_skipped_with_a_reason),
        cmocka_unit_test(chinese_and_japanese_speakers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
