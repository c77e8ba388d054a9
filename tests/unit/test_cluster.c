/* Story clustering: near-duplicates, separation of unrelated stories,
 * determinism, feature serialization, and restoring a clusterer from stored
 * decisions (on real news from ../shared/data/duc2007-stream). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "shared_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chorus.h"
#include "cluster.h"
#include "util.h"

static chorus_article article(const char *id, const char *published, const char *title, const char *text)
{
    chorus_article a;
    memset(&a, 0, sizeof a);
    a.id = (char *)id;
    a.title = (char *)title;
    a.text = (char *)text;
    a.published = (char *)published;
    a.published_unix = published ? cx_parse_time(published) : INT64_MIN;
    return a;
}

static void add(cx_clusterer *cl, int64_t key, const chorus_article *a, cx_assignment *out)
{
    cx_features *f = NULL;
    assert_int_equal(cx_features_from_article(cl, a, &f), 0);
    assert_int_equal(cx_clusterer_add(cl, key, f, out), 0);
    cx_features_free(f);
}

static const char *BRIDGE =
    "The city council of Northport voted on Tuesday to rebuild the old harbour bridge, which has been "
    "closed to traffic since a winter storm damaged two of its stone pillars. Mayor Helen Castillo said "
    "the reconstruction would begin in the spring and take about eighteen months.\n\n"
    "Engineers from the regional transport agency told the council that the new bridge would rest on "
    "steel piles driven deep into the harbour bed and would carry two lanes of traffic and a cycle path. "
    "The work is expected to cost forty million euros, most of it paid by the regional government.\n\n"
    "Residents of the eastern district said the closure had doubled their daily commute, and shop owners "
    "near the harbour reported that their sales had fallen by a third since the storm.";

/* The same report lightly edited by another outlet: new title, one word
 * changed, the end of the last sentence cut. */
static const char *BRIDGE_COPY =
    "The city council of Northport voted on Tuesday to rebuild the old harbour bridge, which has been "
    "closed to traffic since a winter storm damaged two of its stone pillars. Mayor Helen Castillo said "
    "the reconstruction would start in the spring and take about eighteen months.\n\n"
    "Engineers from the regional transport agency told the council that the new bridge would rest on "
    "steel piles driven deep into the harbour bed and would carry two lanes of traffic and a cycle path. "
    "The work is expected to cost forty million euros, most of it paid by the regional government.\n\n"
    "Residents of the eastern district said the closure had doubled their daily commute, and shop owners "
    "near the harbour reported that their sales had fallen by a third.";

/* Another outlet's own report of the same story. */
static const char *BRIDGE_OTHER =
    "Northport will get a new harbour bridge. After a long debate the council approved the reconstruction "
    "plan presented by Mayor Helen Castillo, ending months of uncertainty for commuters who have had to "
    "drive around the harbour since the storm wrecked the pillars of the old bridge.\n\n"
    "The regional government will pay most of the forty million euros. Construction of the bridge, with "
    "steel piles in the harbour bed, two traffic lanes and a cycle path, should take eighteen months, "
    "transport agency engineers said.";

static const char *MATCH =
    "Rivertown United won the regional football cup on Saturday, beating Lakeside Rovers three goals to "
    "one in a final played before a crowd of twelve thousand supporters at the Meadow Park stadium.\n\n"
    "Striker Jonas Albrecht scored twice in the first half, and the veteran goalkeeper Pavel Novak saved "
    "a penalty minutes before the break. Rovers pulled one goal back after the interval, but a late header "
    "from the captain settled the final.\n\n"
    "It is the first trophy for the club in eleven seasons, and coach Maria Lindqvist dedicated it to the "
    "supporters who had followed the team through two relegation battles.";

static const char *MATCH_OTHER =
    "A brace from Jonas Albrecht gave Rivertown United the regional cup, their first trophy in eleven "
    "seasons. United beat Lakeside Rovers 3-1 in the final at Meadow Park, where goalkeeper Pavel Novak "
    "stopped a penalty and the captain headed the decisive third goal.\n\n"
    "Coach Maria Lindqvist praised the supporters, twelve thousand of whom filled the stadium to watch the "
    "final against the Rovers.";

/* The bridge and the match, two reports each, interleaved in time. */
#define TWO_STORIES_IN_FOUR_REPORTS                                                                \
    article("b1", "2024-03-05T08:00:00Z", "Harbour bridge to be rebuilt", BRIDGE),                 \
        article("m1", "2024-03-05T09:00:00Z", "Rivertown wins the cup", MATCH),                    \
        article("b2", "2024-03-05T10:00:00Z", "A new bridge for Northport", BRIDGE_OTHER),         \
        article("m2", "2024-03-05T11:00:00Z", "Albrecht brace brings cup to Rivertown", MATCH_OTHER)

static void test_near_duplicate(void **state)
{
    (void)state;
    cx_clusterer *cl = cx_clusterer_new(NULL);
    assert_non_null(cl);
    chorus_article a = article("a", "2024-03-05", "Harbour bridge to be rebuilt", BRIDGE);
    chorus_article b = article("b", "2024-03-05", "Northport approves bridge plan", BRIDGE_COPY);
    chorus_article c = article("c", "2024-03-06", "Rivertown wins the cup", MATCH);
    cx_assignment ra, rb, rc;
    add(cl, 10, &a, &ra);
    add(cl, 11, &b, &rb);
    add(cl, 12, &c, &rc);
    assert_int_equal(ra.new_story, 1);
    assert_int_equal(ra.duplicate_of, -1);
    assert_int_equal(rb.duplicate_of, 10);
    assert_int_equal(rb.story, ra.story);
    assert_true(rb.similarity >= 0.8 && rb.similarity < 1.0); /* edited, so not identical */
    assert_int_equal(rc.duplicate_of, -1);
    assert_int_not_equal(rc.story, ra.story);
    cx_clusterer_free(cl);
}

static void test_stories_separated(void **state)
{
    (void)state;
    cx_clusterer *cl = cx_clusterer_new(NULL);
    assert_non_null(cl);
    chorus_article v[] = {
        TWO_STORIES_IN_FOUR_REPORTS,
    };
    cx_assignment r[4];
    for (int i = 0; i < 4; i++) add(cl, i, &v[i], &r[i]);
    for (int i = 0; i < 4; i++) assert_int_equal(r[i].duplicate_of, -1); /* own reports, not copies */
    assert_int_equal(cx_clusterer_resolve(cl, r[0].story), cx_clusterer_resolve(cl, r[2].story));
    assert_int_equal(cx_clusterer_resolve(cl, r[1].story), cx_clusterer_resolve(cl, r[3].story));
    assert_int_not_equal(cx_clusterer_resolve(cl, r[0].story), cx_clusterer_resolve(cl, r[1].story));
    assert_int_equal(r[2].new_story, 0);
    assert_int_equal(r[3].new_story, 0);
    cx_clusterer_free(cl);
}

/* A story the article joins merges only with stories the article could
 * have joined as well: here any two centroids are "alike" (merge bar 0),
 * yet the match story, which shares a name or two with the bridge report,
 * stays apart. */
static void test_merges_need_the_article(void **state)
{
    (void)state;
    cx_cluster_params p;
    cx_cluster_params_default(&p);
    p.merge_threshold = 0.0;
    cx_clusterer *cl = cx_clusterer_new(&p);
    assert_non_null(cl);
    chorus_article v[] = {
        TWO_STORIES_IN_FOUR_REPORTS,
        article("b3", "2024-03-05T12:00:00Z", "Bridge plan approved",
                "Northport approved the plan to rebuild the harbour bridge and its pillars, Mayor Helen "
                "Castillo said. Rivertown supporters and coach Lindqvist, who cross it to reach Meadow Park, "
                "welcomed the news."),
    };
    cx_assignment r[5];
    for (int i = 0; i < 5; i++) add(cl, i, &v[i], &r[i]);
    assert_int_equal(cx_clusterer_resolve(cl, r[4].story), cx_clusterer_resolve(cl, r[0].story));
    assert_int_equal(r[4].n_merged, 0);
    assert_int_not_equal(cx_clusterer_resolve(cl, r[1].story), cx_clusterer_resolve(cl, r[0].story));
    cx_clusterer_free(cl);
}

/* A story so far in time that its time factor alone is below the bar is
 * not a candidate at all: the same report twelve days later (within the
 * two-window limit, factor about 0.09) opens a story and meets none. */
static void test_stale_story_not_a_candidate(void **state)
{
    (void)state;
    cx_clusterer *cl = cx_clusterer_new(NULL);
    assert_non_null(cl);
    chorus_article a = article("a", "2024-03-05T08:00:00Z", "A new bridge for Northport", BRIDGE_OTHER);
    chorus_article b = article("b", "2024-03-17T08:00:00Z", "Northport bridge", BRIDGE);
    cx_assignment ra, rb;
    add(cl, 1, &a, &ra);
    add(cl, 2, &b, &rb);
    assert_int_equal(rb.new_story, 1);
    assert_true(rb.similarity == 0.0);
    cx_clusterer_free(cl);
}

/* ---- real news from the shared data --------------------------------------------- */

static chorus_corpus duc2007;
static int duc2007_loaded;

static chorus_corpus *load_duc2007(void)
{
    chorus_corpus *c = &duc2007;
    if (duc2007_loaded) return c;
    const char *path = CHORUS_SHARED_DIR "/data/duc2007-stream/articles.jsonl";
    REQUIRE_SHARED(path);
    chorus_corpus_init(c);
    chorus_error err = {0};
    int n = chorus_read_path(c, path, &err);
    duc2007_loaded = 1;
    if (n < 1000) fail_msg("%s: read %d articles: %s", path, n, err.message);
    return c;
}

#define STREAM 400 /* articles of the stream used below */

static void run_stream(const chorus_corpus *c, cx_assignment *out, size_t n)
{
    /* Topic level: DUC 2007 topics span years (stories of events would be
     * one or two articles each here). */
    cx_cluster_params p;
    cx_cluster_params_topic(&p);
    cx_clusterer *cl = cx_clusterer_new(&p);
    assert_non_null(cl);
    for (size_t i = 0; i < n; i++) add(cl, (int64_t)i, &c->articles[i], &out[i]);
    cx_clusterer_free(cl);
}

static void test_deterministic(void **state)
{
    (void)state;
    const chorus_corpus *c = load_duc2007();
    cx_assignment *a = calloc(STREAM, sizeof *a), *b = calloc(STREAM, sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    run_stream(c, a, STREAM);
    run_stream(c, b, STREAM);
    int64_t max_story = 0;
    for (size_t i = 0; i < STREAM; i++) {
        assert_int_equal(a[i].story, b[i].story);
        assert_int_equal(a[i].duplicate_of, b[i].duplicate_of);
        assert_int_equal(a[i].n_merged, b[i].n_merged);
        assert_true(a[i].similarity == b[i].similarity);
        if (a[i].story > max_story) max_story = a[i].story;
    }
    /* Neither everything in one story nor every article alone. */
    assert_true(max_story > 5);
    assert_true(max_story < STREAM / 2);
    free(a);
    free(b);
}

static void test_features_round_trip(void **state)
{
    (void)state;
    cx_clusterer *cl = cx_clusterer_new(NULL), *other = cx_clusterer_new(NULL);
    assert_non_null(cl);
    assert_non_null(other);
    chorus_article a = article("a", "2024-03-05T10:20:30Z", "Harbour bridge to be rebuilt", BRIDGE);
    chorus_article m = article("m", NULL, "Rivertown wins the cup", MATCH);
    cx_features *fm = NULL, *f = NULL, *g = NULL, *h = NULL;
    assert_int_equal(cx_features_from_article(cl, &m, &fm), 0); /* ids in cl now differ from other's */
    assert_int_equal(cx_features_from_article(cl, &a, &f), 0);
    assert_int_equal(cx_features_time(f), cx_parse_time("2024-03-05T10:20:30Z"));
    assert_true(cx_features_n_terms(f) > 30);
    unsigned char *buf = NULL, *buf2 = NULL, *buf3 = NULL;
    size_t len = 0, len2 = 0, len3 = 0;
    assert_int_equal(cx_features_serialize(f, &buf, &len), 0);
    /* Into the same clusterer and into a fresh one (another process). */
    assert_int_equal(cx_features_deserialize(cl, buf, len, &g), 0);
    assert_int_equal(cx_features_deserialize(other, buf, len, &h), 0);
    assert_int_equal(cx_features_serialize(g, &buf2, &len2), 0);
    assert_int_equal(cx_features_serialize(h, &buf3, &len3), 0);
    assert_int_equal(len2, len);
    assert_memory_equal(buf2, buf, len);
    assert_int_equal(cx_features_n_terms(h), cx_features_n_terms(f));
    assert_int_equal(cx_features_time(h), cx_features_time(f));
    /* Terms are written in id order, so the bytes differ only if the ids'
     * order differs; the content (same length, same terms) is the same. */
    assert_int_equal(len3, len);
    /* The restored features decide like the originals. */
    cx_assignment r1, r2;
    assert_int_equal(cx_clusterer_add(cl, 1, fm, &r1), 0);
    assert_int_equal(cx_clusterer_add(cl, 2, g, &r2), 0);
    assert_int_not_equal(r1.story, r2.story);
    /* Damaged bytes are refused, never read past the end. */
    cx_features *bad = NULL;
    for (size_t cut = 0; cut < len; cut += 7) {
        assert_int_equal(cx_features_deserialize(other, buf, cut, &bad), CHORUS_EFORMAT);
        assert_null(bad);
    }
    buf[0] = 'X';
    assert_int_equal(cx_features_deserialize(other, buf, len, &bad), CHORUS_EFORMAT);
    free(buf);
    free(buf2);
    free(buf3);
    cx_features_free(f);
    cx_features_free(fm);
    cx_features_free(g);
    cx_features_free(h);
    cx_clusterer_free(cl);
    cx_clusterer_free(other);
}

/* A clusterer rebuilt in a "new process" from stored features and decisions
 * decides the rest of the stream exactly as one that never stopped. */
static void test_restore(void **state)
{
    (void)state;
    const chorus_corpus *c = load_duc2007();
    const size_t n = STREAM, split = STREAM / 2;
    cx_assignment *straight = calloc(n, sizeof *straight), *resumed = calloc(n, sizeof *resumed);
    unsigned char **blobs = calloc(split, sizeof *blobs);
    size_t *lens = calloc(split, sizeof *lens);
    assert_non_null(straight);
    assert_non_null(resumed);
    assert_non_null(blobs);
    assert_non_null(lens);

    cx_clusterer *first = cx_clusterer_new(NULL);
    assert_non_null(first);
    size_t merges = 0;
    for (size_t i = 0; i < n; i++) {
        cx_features *f = NULL;
        assert_int_equal(cx_features_from_article(first, &c->articles[i], &f), 0);
        if (i < split) assert_int_equal(cx_features_serialize(f, &blobs[i], &lens[i]), 0);
        assert_int_equal(cx_clusterer_add(first, (int64_t)i, f, &straight[i]), 0);
        merges += straight[i].n_merged;
        cx_features_free(f);
    }
    cx_clusterer_free(first);

    cx_clusterer *second = cx_clusterer_new(NULL);
    assert_non_null(second);
    for (size_t i = 0; i < split; i++) {
        cx_features *f = NULL;
        assert_int_equal(cx_features_deserialize(second, blobs[i], lens[i], &f), 0);
        for (size_t k = 0; k < straight[i].n_merged; k++)
            assert_int_equal(cx_clusterer_note_merge(second, straight[i].merged_from[k], straight[i].story), 0);
        assert_int_equal(cx_clusterer_restore(second, (int64_t)i, f, straight[i].story, straight[i].duplicate_of), 0);
        cx_features_free(f);
    }
    for (size_t i = split; i < n; i++) {
        cx_features *f = NULL;
        assert_int_equal(cx_features_from_article(second, &c->articles[i], &f), 0);
        assert_int_equal(cx_clusterer_add(second, (int64_t)i, f, &resumed[i]), 0);
        cx_features_free(f);
        assert_int_equal(resumed[i].story, straight[i].story);
        assert_int_equal(resumed[i].duplicate_of, straight[i].duplicate_of);
        assert_int_equal(resumed[i].new_story, straight[i].new_story);
        assert_int_equal(resumed[i].n_merged, straight[i].n_merged);
        for (size_t k = 0; k < resumed[i].n_merged; k++)
            assert_int_equal(resumed[i].merged_from[k], straight[i].merged_from[k]);
        assert_true(resumed[i].similarity == straight[i].similarity);
    }
    cx_clusterer_free(second);
    for (size_t i = 0; i < split; i++) free(blobs[i]);
    free(blobs);
    free(lens);
    free(straight);
    free(resumed);
    assert_true(merges > 0); /* the replay had merges to apply */
}

/* Tiny caps: stories close, leave the index and come back (as duplicates'
 * targets or by merges) all the time; state stays bounded and decisions
 * stay deterministic. */
static void test_bounded(void **state)
{
    (void)state;
    const chorus_corpus *c = load_duc2007();
    cx_cluster_params p;
    cx_cluster_params_default(&p);
    p.max_open_stories = 4;
    p.max_closed_stories = 3;
    p.dup_capacity = 16;
    p.max_centroid_terms = 30;
    p.closed_centroid_terms = 10;
    p.window_seconds = 3 * 86400;
    int64_t first[STREAM];
    for (int run = 0; run < 2; run++) {
        cx_clusterer *cl = cx_clusterer_new(&p);
        assert_non_null(cl);
        for (size_t i = 0; i < STREAM; i++) {
            cx_assignment r;
            add(cl, (int64_t)i, &c->articles[i], &r);
            assert_true(r.story >= 1 && r.story <= cx_clusterer_last_story(cl));
            assert_true(cx_clusterer_open_stories(cl) <= 4);
            if (run == 0) first[i] = r.story;
            else assert_int_equal(r.story, first[i]);
        }
        cx_clusterer_free(cl);
    }
}

static void test_bad_arguments(void **state)
{
    (void)state;
    cx_clusterer *cl = cx_clusterer_new(NULL), *other = cx_clusterer_new(NULL);
    chorus_article a = article("a", NULL, NULL, "");
    cx_features *f = NULL;
    cx_assignment r;
    /* An article without words gets empty features and a story of its own. */
    assert_int_equal(cx_features_from_article(cl, &a, &f), 0);
    assert_int_equal(cx_features_n_terms(f), 0);
    assert_int_equal(cx_clusterer_add(cl, 1, f, &r), 0);
    assert_int_equal(r.new_story, 1);
    assert_int_equal(cx_clusterer_add(cl, -1, f, &r), CHORUS_EINVAL);
    assert_int_equal(cx_clusterer_add(other, 1, f, &r), CHORUS_EINVAL); /* another vocabulary */
    assert_int_equal(cx_clusterer_restore(cl, 2, f, 0, -1), CHORUS_EINVAL);
    assert_int_equal(cx_clusterer_resolve(cl, 999), -1);
    cx_features_free(f);
    cx_clusterer_free(cl);
    cx_clusterer_free(other);
}

/* 1 when two features hold the same terms and names with the same counts. */
static int same_features(const cx_features *a, const cx_features *b)
{
    /* (an empty list may be a null pointer, which memcmp may not be given) */
    return a->n_terms == b->n_terms && a->n_names == b->n_names &&
           (!a->n_terms || !memcmp(a->terms, b->terms, a->n_terms * sizeof *a->terms)) &&
           (!a->n_names || !memcmp(a->names, b->names, a->n_names * sizeof *a->names));
}

/* A wire dateline says where and when a bureau filed, not what happened:
 * it adds no terms. Capitals that are not a dateline stay. */
static void test_dateline_left_out(void **state)
{
    (void)state;
    cx_clusterer *cl = cx_clusterer_new(NULL);
    assert_non_null(cl);
    const char *body = "Teachers in the capital went on strike over pay on Monday, the union said.";
    char with[512];
    cx_features *plain = NULL, *f = NULL;
    chorus_article a = article("a", NULL, NULL, body);
    assert_int_equal(cx_features_from_article(cl, &a, &plain), 0);
    const char *datelines[] = {"NAIROBI, June 12 (Xinhua) -- ", "MOBILE, Ala. (AP) -- ", "\nPINE RIDGE, S.D. (AP) --"};
    for (size_t i = 0; i < sizeof datelines / sizeof *datelines; i++) {
        snprintf(with, sizeof with, "%s%s", datelines[i], body);
        chorus_article d = article("d", NULL, NULL, with);
        assert_int_equal(cx_features_from_article(cl, &d, &f), 0);
        assert_true(same_features(plain, f));
        cx_features_free(f);
    }
    /* Not datelines: no comma after the capitals, or no dash on the line. */
    const char *kept[] = {"NAIROBI teachers -- ", "NAIROBI, Kenya's capital, saw teachers strike.\n-- "};
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        snprintf(with, sizeof with, "%s%s", kept[i], body);
        chorus_article d = article("d", NULL, NULL, with);
        assert_int_equal(cx_features_from_article(cl, &d, &f), 0);
        assert_false(same_features(plain, f));
        cx_features_free(f);
    }
    cx_features_free(plain);
    cx_clusterer_free(cl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_near_duplicate),     cmocka_unit_test(test_stories_separated),
        cmocka_unit_test(test_merges_need_the_article), cmocka_unit_test(test_stale_story_not_a_candidate),
        cmocka_unit_test(test_deterministic),      cmocka_unit_test(test_features_round_trip),
        cmocka_unit_test(test_restore),            cmocka_unit_test(test_bounded),
        cmocka_unit_test(test_bad_arguments),      cmocka_unit_test(test_dateline_left_out),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    if (duc2007_loaded) chorus_corpus_free(&duc2007);
    return rc;
}
