/* Entities: name similarity, role splitting, chunk types, and names
 * consolidated across outlets that spell them differently. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "entities.h"
#include "region_names.h"
#include "texts_digest.h"

static void jaro_winkler_values(void **state)
{
    (void)state;
    assert_true(cx_jaro_winkler("martha", 6, "marhta", 6) > 0.96);
    assert_true(cx_jaro_winkler("martha", 6, "marhta", 6) < 0.97);
    assert_true(cx_jaro_winkler("abc", 3, "abc", 3) == 1.0);
    assert_true(cx_jaro_winkler("abc", 3, "xyz", 3) == 0.0);
}

static void same_person_spellings(void **state)
{
    (void)state;
    assert_true(cx_same_person("Ingrid Haldorsen", "Haldorsen"));
    assert_true(cx_same_person("Ingrid Haldorsen", "Ingrid Haldorssen"));
    assert_true(cx_same_person("Omar Abdel-Rahim", "Omar Abdul Rahim"));
    assert_true(cx_same_person("Petra Novak Jr.", "Petra Novak"));
    assert_false(cx_same_person("Ingrid Haldorsen", "Ingrid Larsen"));
    assert_false(cx_same_person("Ingrid Haldorsen", "Sven Haldorsen"));
    assert_false(cx_same_person("", "Haldorsen"));
}

static void roles_split_from_names(void **state)
{
    (void)state;
    const char *t = "Deputy Finance Minister Ingrid Haldorsen";
    size_t ns = cx_split_role(t, 0, strlen(t));
    assert_string_equal(t + ns, "Ingrid Haldorsen");
    const char *u = "Secretary of State Paul Meyer";
    ns = cx_split_role(u, 0, strlen(u));
    assert_string_equal(u + ns, "Paul Meyer");
    const char *v = "Ingrid Haldorsen";
    assert_int_equal(cx_split_role(v, 0, strlen(v)), 0);
}

static int type_of(const char *text, const char *name)
{
    cx_mention *m;
    int n = cx_mentions_scan(text, strlen(text), &m);
    assert_true(n >= 0);
    int type = -1;
    for (int i = 0; i < n; i++)
        if (m[i].end - m[i].name_start == strlen(name) && !memcmp(text + m[i].name_start, name, strlen(name)))
            type = m[i].type;
    free(m);
    return type;
}

static void chunk_types(void **state)
{
    (void)state;
    const char *t = "Deputy Finance Minister Ingrid Haldorsen flew from Tallinn to meet the Harbor Workers Union "
                    "and the Ministry of Fisheries on Monday. Later she met Paul Meyer.";
    assert_int_equal(type_of(t, "Ingrid Haldorsen"), CX_ENT_PERSON);
    assert_int_equal(type_of(t, "Tallinn"), CX_ENT_PLACE);
    assert_int_equal(type_of(t, "Harbor Workers Union"), CX_ENT_ORG);
    assert_int_equal(type_of(t, "Ministry of Fisheries"), CX_ENT_ORG);
    assert_int_equal(type_of(t, "Paul Meyer"), CX_ENT_PERSON);
    /* sentence-initial function words are no names */
    assert_int_equal(type_of(t, "Later"), -1);
    /* places written like acronyms; an acronym among names is an organisation's */
    const char *u = "SPRINGFIELD, Ore. -- The US team of John Dole III met the Eugene FBI office and agents from N.C. near "
                    "Lakeview Memorial Park and the Umpqua National Forest.";
    assert_int_equal(type_of(u, "SPRINGFIELD"), CX_ENT_PLACE);
    assert_int_equal(type_of(u, "US"), CX_ENT_PLACE);
    assert_int_equal(type_of(u, "Eugene FBI"), CX_ENT_ORG);
    assert_int_equal(type_of(u, "John Dole III"), CX_ENT_PERSON);
    assert_int_equal(type_of(u, "N.C."), CX_ENT_PLACE);
    assert_int_equal(type_of(u, "Ore"), CX_ENT_PLACE);
    assert_int_equal(type_of(u, "Lakeview Memorial Park"), CX_ENT_PLACE);
    assert_int_equal(type_of(u, "Umpqua National Forest"), CX_ENT_PLACE);
    /* a speech verb put first is no part of the name */
    const char *v = "The truck was found. Added Woody Enderson, head of the task force, \"This is a witness.\"";
    assert_int_equal(type_of(v, "Woody Enderson"), CX_ENT_PERSON);
    assert_int_equal(type_of(v, "Added Woody Enderson"), -1);
    /* capitals inside a paragraph are no dateline */
    assert_int_equal(type_of("Officials said NASA, the space agency, agreed.", "NASA"), CX_ENT_ORG);
}

static void consolidated_across_outlets(void **state)
{
    (void)state;
    const char *texts[] = {
        "Deputy Finance Minister Ingrid Haldorsen said the port would reopen. Haldorsen spoke in Tallinn.",
        "Finance official Ingrid Haldorssen confirmed the reopening of the port on Tuesday in Tallinn.",
        "The port reopens, Haldorsen told the Harbor Workers Union, after Omar Abdel-Rahim objected.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 3);
    const cx_entity *p = NULL;
    for (size_t i = 0; i < d->n_entities; i++)
        if (strstr(d->entities[i].name, "Haldors")) {
            assert_null(p); /* one entity for every spelling */
            p = &d->entities[i];
        }
    assert_non_null(p);
    assert_int_equal(p->type, CX_ENT_PERSON);
    assert_int_equal(p->n_outlets, 3);
    assert_string_equal(p->name, "Ingrid Haldorsen");
    assert_true(p->mentions >= 4);
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* The entity whose name or a variant is name, or NULL. */
static const cx_entity *entity_named(const chorus_digest *d, const char *name)
{
    for (size_t i = 0; i < d->n_entities; i++) {
        const cx_entity *e = &d->entities[i];
        if (!strcmp(e->name, name)) return e;
        for (size_t k = 0; k < e->n_variants; k++)
            if (!strcmp(e->variants[k], name)) return e;
    }
    return NULL;
}

/* Aliases within a story: acronyms the texts define, a country's names and
 * its dotted and undotted acronyms (from ICU's region names), a surname
 * alone; a person named after a preposition is no place; each keeps its
 * outlets. */
static void aliases_merged(void **state)
{
    (void)state;
    const char *texts[] = {
        "President Donald Trump said on Monday that the United States would strike the Islamic State (ISIS) in "
        "Syria. Officials in the U.S. capital confirmed the plan, and aides gave Trump a briefing.",
        "President Trump ordered new strikes against the Islamic State group, or ISIS, on Monday. The US military "
        "said the strikes began at dawn, and officials in the United Kingdom said the UK would help.",
    };
    chorus_corpus c;
    chorus_digest *d = digest_of(&c, texts, 2);
    const cx_entity *us = entity_named(d, "United States");
    assert_non_null(us);
    assert_ptr_equal(entity_named(d, "U.S."), us);
    assert_ptr_equal(entity_named(d, "US"), us);
    assert_int_equal(us->type, CX_ENT_PLACE);
    assert_int_equal(us->n_outlets, 2);
    const cx_entity *uk = entity_named(d, "United Kingdom");
    assert_non_null(uk);
    assert_ptr_equal(entity_named(d, "UK"), uk);
    const cx_entity *is = entity_named(d, "Islamic State");
    assert_non_null(is);
    assert_ptr_equal(entity_named(d, "ISIS"), is);
    assert_int_equal(is->type, CX_ENT_ORG);
    assert_int_equal(is->n_outlets, 2);
    const cx_entity *t = entity_named(d, "Donald Trump");
    assert_non_null(t);
    assert_int_equal(t->type, CX_ENT_PERSON);
    assert_true(t->mentions >= 3); /* "gave Trump", "President Trump" */
    for (size_t i = 0; i < d->n_entities; i++)
        if (d->entities[i].type == CX_ENT_PLACE) assert_null(strstr(d->entities[i].name, "Trump"));
    chorus_digest_free(d);
    chorus_corpus_free(&c);
}

/* Region names come from ICU in the article's language too; initials fold
 * only onto a name in capitals, and an acronym two regions share is none. */
static void region_names_from_icu(void **state)
{
    (void)state;
    char code[3];
    assert_int_equal(cx_region_code(NULL, "United States", 13, code), 1);
    assert_string_equal(code, "US");
    assert_int_equal(cx_region_code(NULL, "U.S.", 4, code), 1);
    assert_string_equal(code, "US");
    assert_int_equal(cx_region_code(NULL, "the United Kingdom", 18, code), 1);
    assert_string_equal(code, "GB");
    assert_int_equal(cx_region_code(NULL, "UAE", 3, code), 1);
    assert_string_equal(code, "AE");
    assert_int_equal(cx_region_code(NULL, "Us", 2, code), 0);
    assert_int_equal(cx_region_code(NULL, "Trump", 5, code), 0);
    assert_int_equal(cx_region_code("fr", "\xC3\x89tats-Unis", 11, code), 1);
    assert_string_equal(code, "US");
    assert_int_equal(cx_region_code("de", "Vereinigte Staaten", 18, code), 1);
    assert_string_equal(code, "US");
}

/* A lexicon finds each of its words at the index of its first entry, and
 * nothing else: not prefixes, extensions, other cases or the empty word;
 * many words force probing past collisions. */
static void lexicon_lookups(void **state)
{
    (void)state;
    static const char *const words[] = {"gen.", "general", "secretary", "general", "spokesman", "aide",
                                        "minister", "prime", "deputy", "chief", "press", "senator",
                                        "rep.", "sen.", "gov.", "mayor", "judge", "president", "vice",
                                        "director", "commander", "officer", "adviser", "advisor", "envoy",
                                        "ambassador", "chairman", "chairwoman", "leader", "head", "a", "ab"};
    CX_LEXICON_OF(words);
    size_t n = sizeof words / sizeof *words;
    for (size_t k = 0; k < n; k++) {
        size_t first = 0;
        while (strcmp(words[first], words[k])) first++;
        assert_int_equal(cx_lexicon_find(&words_lex, words[k], strlen(words[k])), (int)first + 1);
    }
    assert_int_equal(cx_lexicon_find(&words_lex, "general", 7), 2); /* a repeat keeps the first */
    const char *absent[] = {"gen", "generals", "General", "secretar", "b", "abc", "mayors", "pres"};
    for (size_t k = 0; k < sizeof absent / sizeof *absent; k++)
        assert_int_equal(cx_lexicon_find(&words_lex, absent[k], strlen(absent[k])), 0);
    assert_int_equal(cx_lexicon_find(&words_lex, "general", 0), 0);
    /* a word compared by its length, not up to a NUL */
    assert_int_equal(cx_lexicon_find(&words_lex, "aidefoo", 4), 6);
}

/* Names split once compare as the strings do, over every pair of a list
 * with spellings, initials, suffixes and near-misses. */
static void split_names_compare_as_strings(void **state)
{
    (void)state;
    static const char *const names[] = {
        "Mark Esper", "Esper", "Mark T. Esper", "Mark Milley", "Milley", "Gen. Mark Milley",
        "William H Seely", "William Seely III", "Seely", "Bill Seely", "Jens Stoltenberg", "Stoltenberg",
        "Stoltenburg", "Adel Abdel Mahdi", "Abdel-Mahdi", "Mahdi", "Omar Abdel-Rahim", "Omar Abdul Rahim",
        "Petra Novak Jr.", "Petra Novak", "P. Novak", "Novack", "Nowak", "Alyssa Farah", "Farah", "", "Jr."};
    size_t n = sizeof names / sizeof *names;
    int same = 0;
    for (size_t a = 0; a < n; a++) {
        cx_person_name pa;
        cx_person_name_init(&pa, names[a]);
        for (size_t b = 0; b < n; b++) {
            cx_person_name pb;
            cx_person_name_init(&pb, names[b]);
            int split = cx_same_person_names(&pa, &pb), whole = cx_same_person(names[a], names[b]);
            if (split != whole)
                fail_msg("'%s' vs '%s': %d split, %d as strings", names[a], names[b], split, whole);
            same += whole;
        }
    }
    assert_true(same > (int)n); /* not only each name with itself */
    assert_true(cx_same_person("William H Seely", "William Seely III"));
    assert_false(cx_same_person("Mark Esper", "Mark Milley"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jaro_winkler_values),     cmocka_unit_test(same_person_spellings),
        cmocka_unit_test(roles_split_from_names),  cmocka_unit_test(chunk_types),
        cmocka_unit_test(consolidated_across_outlets),
        cmocka_unit_test(aliases_merged),          cmocka_unit_test(region_names_from_icu),
        cmocka_unit_test(lexicon_lookups),        cmocka_unit_test(split_names_compare_as_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
