/* Consolidation of the recent window: events the online engine fused (a low
 * join threshold) come apart, the reported moves match the articles'
 * stories, retired stories resolve where their articles went, copies follow
 * their originals, a second pass changes nothing, and the result is
 * deterministic and survives a restore. The articles are generated: several
 * events, each with its own words and names, all sharing topic words. Also
 * the window itself (a ring) and its nearest-neighbour graph, checked
 * against brute force. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "cluster.h"
#include "cluster_internal.h" /* story.apart: the mark a divided community's parts share */
#include "community.h"
#include "window.h"

#define N_EVENTS 6
#define PER_EVENT 12
#define N_DUPS 3
#define N_STREAM (N_EVENTS * PER_EVENT + N_DUPS)
#define EVENT_WORDS 10
#define EVENT_NAMES 4

static const char *SYLLABLE[] = {"ka", "lo", "mi", "ru", "ze", "po", "ti", "va", "ne", "so", "gu", "fa"};

static const char *TOPIC[] = {"government", "minister", "parliament", "budget",   "reform",
                              "officials",  "announced", "committee", "spending", "economy",
                              "citizens",   "region",    "council",   "debate",   "agency"};

/* A made-up word proper to an event: its first syllable is the event's. */
static void event_word(char *out, size_t size, int event, int k, int name)
{
    snprintf(out, size, "%s%s%s%s", SYLLABLE[event], SYLLABLE[(k + 3) % 12], SYLLABLE[(k * 5 + event + 1) % 12],
             name ? "nov" : "rd");
    if (name) out[0] = (char)(out[0] - 'a' + 'A');
}

typedef struct stream {
    chorus_article a[N_STREAM];
    int event[N_STREAM];  /* the event of each article */
    int dup_of[N_STREAM]; /* stream index of the original of a copy, else -1 */
} stream;

static uint64_t rng_next(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 33;
}

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    assert_non_null(d);
    memcpy(d, s, n);
    return d;
}

/* An article of `event`: a title and four paragraphs of sentences mixing the
 * event's words and names with the shared topic words. */
static void make_article(chorus_article *a, int event, int serial, uint64_t *rng, int64_t time)
{
    char buf[4096], word[32], id[32];
    size_t len = 0;
    for (int p = 0; p < 4; p++) {
        for (int s = 0; s < 3; s++) {
            int words = 8 + (int)(rng_next(rng) % 5);
            for (int w = 0; w < words; w++) {
                uint64_t r = rng_next(rng) % 10;
                if (r < 4) event_word(word, sizeof word, event, (int)(rng_next(rng) % EVENT_WORDS), 0);
                else if (r < 6) event_word(word, sizeof word, event, (int)(rng_next(rng) % EVENT_NAMES), 1);
                else snprintf(word, sizeof word, "%s", TOPIC[rng_next(rng) % 15]);
                len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", w ? " " : "", word);
            }
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s", s < 2 ? ". " : ".");
        }
        if (p < 3) len += (size_t)snprintf(buf + len, sizeof buf - len, "\n\n");
    }
    assert_true(len < sizeof buf - 1);
    memset(a, 0, sizeof *a);
    a->text = dup_string(buf);
    char n1[32], n2[32];
    event_word(n1, sizeof n1, event, serial % EVENT_NAMES, 1);
    event_word(n2, sizeof n2, event, serial % EVENT_WORDS, 0);
    snprintf(buf, sizeof buf, "%s and the %s %s", n1, n2, TOPIC[serial % 15]);
    a->title = dup_string(buf);
    snprintf(id, sizeof id, "e%d-%d", event, serial);
    a->id = dup_string(id);
    a->published_unix = time;
}

/* The events interleaved one article at a time, ten minutes apart; a few
 * verbatim copies (another id) follow their originals a little later. */
static void make_stream(stream *st)
{
    uint64_t rng = 2024;
    const int copy_of[N_DUPS] = {3, 10, 20}; /* index among the originals */
    const int copy_after[N_DUPS] = {8, 15, 29};
    int64_t t0 = 1709625600; /* 2024-03-05 */
    int k = 0, next_dup = 0, orig_pos[N_EVENTS * PER_EVENT];
    for (int i = 0; i < N_EVENTS * PER_EVENT; i++) {
        int event = i % N_EVENTS;
        make_article(&st->a[k], event, i / N_EVENTS, &rng, t0 + 600 * k);
        st->event[k] = event;
        st->dup_of[k] = -1;
        orig_pos[i] = k++;
        if (next_dup < N_DUPS && i == copy_after[next_dup]) {
            int o = orig_pos[copy_of[next_dup]];
            chorus_article *c = &st->a[k];
            memset(c, 0, sizeof *c);
            c->text = dup_string(st->a[o].text);
            c->title = dup_string(st->a[o].title);
            char id[32];
            snprintf(id, sizeof id, "copy-%d", next_dup);
            c->id = dup_string(id);
            c->published_unix = t0 + 600 * k;
            st->event[k] = st->event[o];
            st->dup_of[k] = o;
            k++;
            next_dup++;
        }
    }
    assert_int_equal(k, N_STREAM);
}

static void free_stream(stream *st)
{
    for (int i = 0; i < N_STREAM; i++) {
        free(st->a[i].id);
        free(st->a[i].title);
        free(st->a[i].text);
    }
}

static stream STREAM;

static int setup(void **state)
{
    (void)state;
    make_stream(&STREAM);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free_stream(&STREAM);
    return 0;
}

/* Online thresholds so low that the events fuse through the topic words. */
static void fusing_params(cx_cluster_params *p)
{
    cx_cluster_params_default(p);
    p->join_threshold = 0.01;
    p->revive_threshold = 0.01;
}

static void add(cx_clusterer *cl, int key, cx_assignment *out)
{
    cx_features *f = NULL;
    assert_int_equal(cx_features_from_article(cl, &STREAM.a[key], &f), 0);
    assert_int_equal(cx_clusterer_add(cl, key, f, out), 0);
    cx_features_free(f);
}

/* Checks one consolidation against the stories tracked per article (cur[],
 * updated to after it): every move's `from` is the article's story before,
 * `to` the one after; created stories are new and used; retired stories are
 * left without articles and resolve to their `into`. Every article of the
 * engine is in cur[] (keys 0..n-1), so an emptied story is seen. */
static void check_consolidation(cx_clusterer *cl, const cx_consolidation *c, int64_t *cur, size_t n,
                                int64_t last_before)
{
    for (size_t m = 0; m < c->n_moves; m++) {
        const cx_move *mv = &c->moves[m];
        assert_true(mv->key >= 0 && (size_t)mv->key < n);
        assert_int_equal(mv->from, cur[mv->key]);
        assert_int_not_equal(mv->to, mv->from);
        assert_true(mv->to >= 1 && mv->to <= cx_clusterer_last_story(cl));
        cur[mv->key] = mv->to;
    }
    for (size_t i = 0; i < c->n_created; i++) {
        int64_t id = c->created[i];
        assert_true(id > last_before && id <= cx_clusterer_last_story(cl));
        for (size_t j = 0; j < i; j++) assert_int_not_equal(c->created[j], id);
        int used = 0;
        for (size_t k = 0; k < n; k++) used |= cur[k] == id;
        assert_true(used);
    }
    assert_int_equal(cx_clusterer_last_story(cl), last_before + (int64_t)c->n_created);
    for (size_t r = 0; r < c->n_retired; r++) {
        int64_t s = c->retired[r][0], into = c->retired[r][1];
        assert_true(into > 0);
        for (size_t k = 0; k < n; k++) assert_int_not_equal(cur[k], s);
        assert_int_equal(cx_clusterer_resolve(cl, s), into);
        assert_int_equal(cx_clusterer_resolve(cl, into), into);
    }
    /* A story that lost articles and kept none is reported retired. */
    for (size_t m = 0; m < c->n_moves; m++) {
        int64_t from = c->moves[m].from;
        int left = 0, retired = 0;
        for (size_t k = 0; k < n; k++) left |= cur[k] == from;
        for (size_t r = 0; r < c->n_retired; r++) retired |= c->retired[r][0] == from;
        assert_int_equal(retired, !left);
    }
    /* Every article is in a live story. */
    for (size_t k = 0; k < n; k++) assert_int_equal(cx_clusterer_resolve(cl, cur[k]), cur[k]);
}

/* Each event's articles in one story, different events in different ones. */
static void assert_events_separated(const int64_t *cur, size_t n)
{
    int64_t story_of[N_EVENTS] = {0};
    for (size_t k = 0; k < n; k++) {
        int e = STREAM.event[k];
        if (!story_of[e]) story_of[e] = cur[k];
        assert_int_equal(cur[k], story_of[e]);
    }
    for (int e = 0; e < N_EVENTS; e++)
        for (int f = 0; f < e; f++) assert_int_not_equal(story_of[e], story_of[f]);
}

static size_t distinct(const int64_t *v, size_t n)
{
    size_t d = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < i && v[j] != v[i]) j++;
        d += j == i;
    }
    return d;
}

/* Feed the whole stream, then consolidate and check everything. */
static void run_separation(const cx_cluster_params *p, int expect_fused)
{
    cx_clusterer *cl = cx_clusterer_new(p);
    assert_non_null(cl);
    cx_assignment r[N_STREAM];
    int64_t cur[N_STREAM];
    for (int i = 0; i < N_STREAM; i++) {
        add(cl, i, &r[i]);
        if (STREAM.dup_of[i] >= 0) assert_int_equal(r[i].duplicate_of, STREAM.dup_of[i]);
        else assert_int_equal(r[i].duplicate_of, -1); /* generated reports are not copies of each other */
    }
    for (int i = 0; i < N_STREAM; i++) cur[i] = cx_clusterer_resolve(cl, r[i].story);
    if (expect_fused) assert_true(distinct(cur, N_STREAM) < N_EVENTS); /* the online engine fused events */
    else assert_true(distinct(cur, N_STREAM) > N_EVENTS);             /* ... or split them */

    int64_t last_before = cx_clusterer_last_story(cl);
    cx_consolidation c;
    assert_int_equal(cx_clusterer_consolidate(cl, &c), 0);
    assert_true(c.n_moves > 0);
    check_consolidation(cl, &c, cur, N_STREAM, last_before);
    assert_events_separated(cur, N_STREAM);
    /* Copies end where their originals are, moving with them when they move. */
    size_t copies_moved = 0;
    for (int i = 0; i < N_STREAM; i++) {
        int o = STREAM.dup_of[i];
        if (o < 0) continue;
        assert_int_equal(cur[i], cur[o]);
        int moved_copy = 0, moved_orig = 0;
        for (size_t m = 0; m < c.n_moves; m++) {
            moved_copy |= c.moves[m].key == i;
            moved_orig |= c.moves[m].key == o;
        }
        assert_int_equal(moved_copy, moved_orig);
        copies_moved += (size_t)moved_copy;
    }
    assert_true(copies_moved > 0);
    if (!expect_fused) assert_true(c.n_retired > 0); /* the split events' extra stories retire */
    cx_consolidation_free(&c);

    /* Right after, nothing is left to regroup. */
    assert_int_equal(cx_clusterer_consolidate(cl, &c), 0);
    assert_int_equal(c.n_moves, 0);
    assert_int_equal(c.n_created, 0);
    assert_int_equal(c.n_retired, 0);
    cx_consolidation_free(&c);

    /* New reports of each event now join that event's story (when the
     * thresholds let a report join at all). */
    uint64_t rng = 99;
    for (int e = 0; e < N_EVENTS && expect_fused; e++) {
        chorus_article a;
        make_article(&a, e, 1000 + e, &rng, STREAM.a[N_STREAM - 1].published_unix + 600 * (e + 1));
        cx_features *f = NULL;
        cx_assignment ra;
        assert_int_equal(cx_features_from_article(cl, &a, &f), 0);
        assert_int_equal(cx_clusterer_add(cl, N_STREAM + e, f, &ra), 0);
        assert_int_equal(ra.n_merged, 0);
        int64_t want = 0;
        for (int k = 0; k < N_STREAM; k++)
            if (STREAM.event[k] == e) want = cur[k];
        assert_int_equal(cx_clusterer_resolve(cl, ra.story), want);
        cx_features_free(f);
        free(a.id);
        free(a.title);
        free(a.text);
    }
    cx_clusterer_free(cl);
}

static void test_separates_fused_events(void **state)
{
    (void)state;
    cx_cluster_params p;
    fusing_params(&p);
    run_separation(&p, 1);
}

/* The other way: thresholds so high that every report opens its own story;
 * consolidation gathers each event and retires the emptied stories. */
static void test_gathers_split_events(void **state)
{
    (void)state;
    cx_cluster_params p;
    cx_cluster_params_default(&p);
    p.join_threshold = 0.95;
    p.revive_threshold = 0.95;
    p.merge_threshold = 0.95;
    run_separation(&p, 0);
}

/* Communities take the stories their articles are in, the largest overlap
 * first. Restored decisions: five of event 0's twelve reports are in story
 * 1 (the others each in a story of its own), ten of event 2's twelve are
 * in story 1 too (two in stories of their own); every other event has a
 * story of its own. Event 2 holds more of story 1 and keeps it: two of its
 * reports move. Taking communities by size (equal here: the older, event
 * 0's, first), story 1 would go to event 0 and ten of event 2's reports
 * would move to a new story. */
static void test_largest_overlap_keeps_its_story(void **state)
{
    (void)state;
    cx_cluster_params p;
    fusing_params(&p);
    cx_clusterer *cl = cx_clusterer_new(&p);
    assert_non_null(cl);
    int64_t placed[N_STREAM];
    int seen[N_EVENTS] = {0};
    for (int i = 0; i < N_STREAM; i++) {
        int e = STREAM.event[i], o = STREAM.dup_of[i];
        int k = o >= 0 ? -1 : seen[e]++;
        if (o >= 0) placed[i] = placed[o];
        else if (e == 0) placed[i] = k < 5 ? 1 : 100 + k;
        else if (e == 2) placed[i] = k < 10 ? 1 : 200 + k;
        else placed[i] = 10 + e;
        cx_features *f = NULL;
        assert_int_equal(cx_features_from_article(cl, &STREAM.a[i], &f), 0);
        assert_int_equal(cx_clusterer_restore(cl, i, f, placed[i], o), 0);
        cx_features_free(f);
    }
    cx_consolidation c;
    assert_int_equal(cx_clusterer_consolidate(cl, &c), 0);
    int64_t cur[N_STREAM];
    memcpy(cur, placed, sizeof cur);
    size_t moved2 = 0;
    for (size_t m = 0; m < c.n_moves; m++) {
        int64_t key = c.moves[m].key;
        cur[key] = c.moves[m].to;
        moved2 += STREAM.event[key] == 2 && STREAM.dup_of[key] < 0;
    }
    cx_consolidation_free(&c);
    assert_events_separated(cur, N_STREAM);
    for (int i = 0; i < N_STREAM; i++)
        if (STREAM.event[i] == 2) assert_int_equal(cur[i], 1);
    assert_int_equal(moved2, 2);
    cx_clusterer_free(cl);
}

/* Churn: a division a consolidation made is not undone by the online
 * stage. The events, separated by a consolidation, have their stories
 * marked as parts of one divided community (what cx_split_unions makes);
 * with a merge threshold so low that any two stories near a report would
 * merge, new reports that each tell of two events merge none of the
 * events' stories (the consolidation kept them apart on their links;
 * merging them would only have the next consolidation divide them again
 * and move one part's articles back). Unmarked, the same reports merge
 * them. */
static size_t merges_after_division(int marked)
{
    cx_cluster_params p;
    fusing_params(&p);
    cx_clusterer *cl = cx_clusterer_new(&p);
    assert_non_null(cl);
    cx_assignment r[N_STREAM];
    int64_t cur[N_STREAM];
    for (int i = 0; i < N_STREAM; i++) add(cl, i, &r[i]);
    for (int i = 0; i < N_STREAM; i++) cur[i] = cx_clusterer_resolve(cl, r[i].story);
    cx_consolidation c;
    assert_int_equal(cx_clusterer_consolidate(cl, &c), 0);
    for (size_t m = 0; m < c.n_moves; m++) cur[c.moves[m].key] = c.moves[m].to;
    cx_consolidation_free(&c);
    for (int i = 0; i < N_STREAM; i++) cur[i] = cx_clusterer_resolve(cl, cur[i]);
    assert_events_separated(cur, N_STREAM);
    for (int i = 0; i < N_STREAM; i++) {
        story *s = cx_engine_story_get(cl, cur[i]);
        assert_non_null(s);
        s->apart = marked ? 42 : 0;
    }
    cl->p.merge_threshold = 0.01;
    cl->p.query_terms = 256; /* every term of a report finds the stories posted under it */
    size_t merges = 0;
    uint64_t rng = 7;
    for (int e = 0; e < N_EVENTS; e++) {
        /* A report of two events at once: both stories are near it. */
        chorus_article a, b;
        int64_t t = STREAM.a[N_STREAM - 1].published_unix + 600 * (e + 1);
        make_article(&a, e, 2000 + e, &rng, t);
        make_article(&b, (e + 1) % N_EVENTS, 3000 + e, &rng, t);
        size_t na = strlen(a.text), nb = strlen(b.text);
        char *both = malloc(na + nb + 3);
        assert_non_null(both);
        memcpy(both, a.text, na);
        memcpy(both + na, "\n\n", 2);
        memcpy(both + na + 2, b.text, nb + 1);
        free(a.text);
        a.text = both;
        cx_features *f = NULL;
        cx_assignment ra;
        assert_int_equal(cx_features_from_article(cl, &a, &f), 0);
        assert_int_equal(cx_clusterer_add(cl, N_STREAM + e, f, &ra), 0);
        merges += ra.n_merged;
        cx_features_free(f);
        free(a.id);
        free(a.title);
        free(a.text);
        free(b.id);
        free(b.title);
        free(b.text);
    }
    if (marked) {
        for (int i = 0; i < N_STREAM; i++) cur[i] = cx_clusterer_resolve(cl, cur[i]);
        assert_events_separated(cur, N_STREAM);
    }
    cx_clusterer_free(cl);
    return merges;
}

static void test_online_keeps_division(void **state)
{
    (void)state;
    assert_int_equal(merges_after_division(1), 0);
    assert_true(merges_after_division(0) > 0);
}

/* A window smaller than the stream: only the last window_articles placed
 * are regrouped, and the bookkeeping still holds for the older ones. */
static void test_window_wraps(void **state)
{
    (void)state;
    const size_t keep = 55;
    cx_cluster_params p;
    fusing_params(&p);
    p.window_articles = keep;
    cx_clusterer *cl = cx_clusterer_new(&p);
    assert_non_null(cl);
    cx_assignment r[N_STREAM];
    int64_t cur[N_STREAM];
    size_t moves = 0;
    for (int i = 0; i < N_STREAM; i++) {
        add(cl, i, &r[i]);
        cur[i] = cx_clusterer_resolve(cl, r[i].story);
        for (int k = 0; k < i; k++) cur[k] = cx_clusterer_resolve(cl, cur[k]); /* merges */
        if (i == 59 || i == N_STREAM - 1) {
            int64_t last_before = cx_clusterer_last_story(cl);
            cx_consolidation c;
            assert_int_equal(cx_clusterer_consolidate(cl, &c), 0);
            for (size_t m = 0; m < c.n_moves; m++) assert_true(c.moves[m].key > i - (int)keep);
            check_consolidation(cl, &c, cur, (size_t)i + 1, last_before);
            moves += c.n_moves;
            cx_consolidation_free(&c);
            assert_int_equal(cx_clusterer_consolidate(cl, &c), 0);
            assert_int_equal(c.n_moves, 0);
            cx_consolidation_free(&c);
        }
    }
    assert_true(moves > 0);
    cx_clusterer_free(cl);
}

/* Below the minimum window size nothing happens; with the window off,
 * never. */
static void test_small_or_no_window(void **state)
{
    (void)state;
    cx_cluster_params p;
    fusing_params(&p);
    cx_consolidation c;
    cx_assignment r;
    cx_clusterer *cl = cx_clusterer_new(&p);
    assert_non_null(cl);
    for (int i = 0; i < 40; i++) add(cl, i, &r);
    int64_t last = cx_clusterer_last_story(cl);
    assert_int_equal(cx_clusterer_consolidate(cl, &c), 0);
    assert_int_equal(c.n_moves + c.n_created + c.n_retired, 0);
    assert_int_equal(cx_clusterer_last_story(cl), last);
    cx_consolidation_free(&c);
    cx_clusterer_free(cl);

    p.window_articles = 0;
    cl = cx_clusterer_new(&p);
    assert_non_null(cl);
    for (int i = 0; i < N_STREAM; i++) {
        add(cl, i, &r);
        if (i % 10 == 9 || i == N_STREAM - 1) {
            last = cx_clusterer_last_story(cl);
            assert_int_equal(cx_clusterer_consolidate(cl, &c), 0);
            assert_int_equal(c.n_moves + c.n_created + c.n_retired, 0);
            assert_int_equal(cx_clusterer_last_story(cl), last);
            cx_consolidation_free(&c);
        }
    }
    cx_clusterer_free(cl);
    assert_int_equal(cx_clusterer_consolidate(NULL, &c), CHORUS_EINVAL);
}

static void assert_same_consolidation(const cx_consolidation *a, const cx_consolidation *b)
{
    assert_int_equal(a->n_moves, b->n_moves);
    assert_int_equal(a->n_created, b->n_created);
    assert_int_equal(a->n_retired, b->n_retired);
    for (size_t m = 0; m < a->n_moves; m++) {
        assert_int_equal(a->moves[m].key, b->moves[m].key);
        assert_int_equal(a->moves[m].from, b->moves[m].from);
        assert_int_equal(a->moves[m].to, b->moves[m].to);
    }
    if (a->n_created) assert_memory_equal(a->created, b->created, a->n_created * sizeof *a->created);
    if (a->n_retired) assert_memory_equal(a->retired, b->retired, a->n_retired * sizeof *a->retired);
}

static void assert_same_assignment(const cx_assignment *a, const cx_assignment *b)
{
    assert_int_equal(a->story, b->story);
    assert_int_equal(a->duplicate_of, b->duplicate_of);
    assert_int_equal(a->new_story, b->new_story);
    assert_int_equal(a->n_merged, b->n_merged);
    for (size_t k = 0; k < a->n_merged; k++) assert_int_equal(a->merged_from[k], b->merged_from[k]);
    assert_true(a->similarity == b->similarity);
}

/* Two engines fed the same articles and consolidated at the same points
 * decide and regroup identically. */
static void test_deterministic(void **state)
{
    (void)state;
    cx_cluster_params p;
    fusing_params(&p);
    cx_clusterer *one = cx_clusterer_new(&p), *two = cx_clusterer_new(&p);
    assert_non_null(one);
    assert_non_null(two);
    size_t total_moves = 0;
    for (int i = 0; i < N_STREAM; i++) {
        cx_assignment ra, rb;
        add(one, i, &ra);
        add(two, i, &rb);
        assert_same_assignment(&ra, &rb);
        if (i == 54 || i == 64 || i == N_STREAM - 1) {
            cx_consolidation ca, cb;
            assert_int_equal(cx_clusterer_consolidate(one, &ca), 0);
            assert_int_equal(cx_clusterer_consolidate(two, &cb), 0);
            assert_same_consolidation(&ca, &cb);
            total_moves += ca.n_moves;
            cx_consolidation_free(&ca);
            cx_consolidation_free(&cb);
        }
    }
    assert_true(total_moves > 0);
    cx_clusterer_free(one);
    cx_clusterer_free(two);
}

/* An engine rebuilt from the first engine's decisions (the stories
 * assigned at add time, merges noted), consolidated at the same point,
 * regroups the same way and decides the next articles exactly as the
 * original. */
static void test_restore_after_consolidation(void **state)
{
    (void)state;
    const int split = 60; /* at least the window minimum before it */
    cx_cluster_params p;
    fusing_params(&p);
    cx_assignment straight[N_STREAM], resumed;
    cx_consolidation ca, cb;

    cx_clusterer *first = cx_clusterer_new(&p);
    assert_non_null(first);
    for (int i = 0; i < split; i++) add(first, i, &straight[i]);
    assert_int_equal(cx_clusterer_consolidate(first, &ca), 0);
    assert_true(ca.n_moves > 0);
    for (int i = split; i < N_STREAM; i++) add(first, i, &straight[i]);

    cx_clusterer *second = cx_clusterer_new(&p);
    assert_non_null(second);
    for (int i = 0; i < split; i++) {
        cx_features *f = NULL;
        assert_int_equal(cx_features_from_article(second, &STREAM.a[i], &f), 0);
        for (size_t k = 0; k < straight[i].n_merged; k++)
            assert_int_equal(cx_clusterer_note_merge(second, straight[i].merged_from[k], straight[i].story), 0);
        assert_int_equal(cx_clusterer_restore(second, i, f, straight[i].story, straight[i].duplicate_of), 0);
        cx_features_free(f);
    }
    assert_int_equal(cx_clusterer_consolidate(second, &cb), 0);
    assert_same_consolidation(&ca, &cb);
    int moved_event_seen = 0;
    for (int i = split; i < N_STREAM; i++) {
        add(second, i, &resumed);
        assert_same_assignment(&resumed, &straight[i]);
        for (size_t m = 0; m < ca.n_moves; m++)
            moved_event_seen |= STREAM.event[ca.moves[m].key] == STREAM.event[i];
    }
    assert_true(moved_event_seen); /* later articles of moved events were decided */
    assert_int_equal(cx_clusterer_last_story(second), cx_clusterer_last_story(first));
    cx_consolidation_free(&ca);
    cx_consolidation_free(&cb);
    cx_clusterer_free(first);
    cx_clusterer_free(second);
}

/* ---- the window and its nearest-neighbour graph ----------------------------------------- */

static void test_window_ring(void **state)
{
    (void)state;
    cx_window win;
    assert_int_equal(cx_window_init(&win, 4), 0);
    int32_t term[3] = {1, 5, 9};
    double w[3] = {1.0, 2.0, 3.0};
    for (int64_t key = 0; key < 6; key++) {
        int64_t dup_root = key == 4 ? 2 : -1;
        size_t n_terms = key == 5 ? 0 : 3;
        assert_int_equal(cx_window_push(&win, key, 100 + key, dup_root, key * 10, term, w, n_terms), 0);
        term[0] = (int32_t)(key + 2); /* the window keeps copies */
    }
    assert_int_equal(win.n, 4);
    for (size_t i = 0; i < 4; i++) {
        cx_window_entry *e = cx_window_at(&win, i);
        int64_t key = (int64_t)i + 2; /* the two oldest left */
        assert_int_equal(e->key, key);
        assert_int_equal(e->story, 100 + key);
        assert_int_equal(e->dup_root, key == 4 ? 2 : -1);
        assert_int_equal(e->time, key * 10);
        if (key == 5) {
            assert_int_equal(e->n, 0);
            continue;
        }
        assert_int_equal(e->n, 3);
        assert_int_equal(e->term[0], key + 1);
        assert_int_equal(e->term[2], 9);
        assert_true(e->w[1] == 2.0);
    }
    cx_window_free(&win);
    /* A window of no capacity keeps nothing. */
    assert_int_equal(cx_window_init(&win, 0), 0);
    assert_int_equal(cx_window_push(&win, 1, 1, -1, 0, term, w, 3), 0);
    assert_int_equal(win.n, 0);
    cx_window_free(&win);
}

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

static double idf_table(const void *ctx, int32_t t) { return ((const double *)ctx)[t]; }

#define KNN_TERMS 120

/* Random sparse vectors; every `skip`-th entry is a near-duplicate or empty
 * (not a node). */
static void fill_window(cx_window *win, size_t n, uint64_t seed, int common_term)
{
    uint64_t rng = seed;
    assert_int_equal(cx_window_init(win, n), 0);
    for (size_t i = 0; i < n; i++) {
        int32_t term[20];
        double w[20];
        size_t m = 0;
        unsigned char used[KNN_TERMS] = {0};
        if (common_term) used[0] = 1; /* a term in every article */
        size_t want = 6 + rng_next(&rng) % 10;
        while (m < want) {
            int32_t t = (int32_t)(1 + rng_next(&rng) % (KNN_TERMS - 1));
            if (!used[t]) {
                used[t] = 1;
                m++;
            }
        }
        m = 0;
        for (int32_t t = 0; t < KNN_TERMS; t++)
            if (used[t]) {
                term[m] = t;
                w[m++] = 0.1 + (double)(rng_next(&rng) % 1000) / 500.0;
            }
        int64_t dup_root = i % 9 == 4 ? (int64_t)i - 1 : -1;
        size_t n_terms = i % 11 == 7 ? 0 : m;
        assert_int_equal(cx_window_push(win, (int64_t)i, 1, dup_root, INT64_MIN, term, w, n_terms), 0);
    }
}

/* Idf-weighted cosine of two window entries, in double. */
static double brute_cosine(const cx_window_entry *a, const cx_window_entry *b, const double *idf)
{
    double dot = 0, na = 0, nb = 0;
    for (uint32_t i = 0; i < a->n; i++) na += pow(a->w[i] * idf[a->term[i]], 2);
    for (uint32_t j = 0; j < b->n; j++) nb += pow(b->w[j] * idf[b->term[j]], 2);
    for (uint32_t i = 0, j = 0; i < a->n && j < b->n;) {
        if (a->term[i] < b->term[j]) i++;
        else if (a->term[i] > b->term[j]) j++;
        else {
            dot += a->w[i] * b->w[j] * idf[a->term[i]] * idf[a->term[i]];
            i++, j++;
        }
    }
    return na > 0 && nb > 0 ? dot / sqrt(na * nb) : 0;
}

/* The graph against brute force: nodes are the entries with terms that are
 * not near-duplicates, oldest first; every edge weighs the cosine, at least
 * min_sim, and is among the k best of one of its ends; every pair clearly
 * among the k best of one end is an edge (`exact`: the candidate search
 * misses nothing in a window this small). */
static void check_knn(cx_window *win, const double *idf, size_t k, double min_sim, int exact)
{
    cx_graph g;
    size_t *node_entry = NULL;
    assert_int_equal(cx_window_knn_graph(win, idf_table, NULL, idf, k, min_sim, &g, &node_entry), 0);
    size_t n = 0;
    for (size_t i = 0; i < win->n; i++) {
        const cx_window_entry *e = cx_window_at(win, i);
        if (e->n == 0 || e->dup_root >= 0) continue;
        assert_true(n < g.n);
        assert_int_equal(node_entry[n], i);
        n++;
    }
    assert_int_equal(g.n, n);
    double *sim = malloc((n * n + 1) * sizeof *sim), *kth = malloc((n + 1) * sizeof *kth);
    assert_non_null(sim);
    assert_non_null(kth);
    for (size_t v = 0; v < n; v++)
        for (size_t u = 0; u < n; u++)
            sim[v * n + u] = u == v ? -1
                                    : brute_cosine(cx_window_at(win, node_entry[v]),
                                                   cx_window_at(win, node_entry[u]), idf);
    /* kth[v]: the k-th best similarity of v at or above min_sim, else min_sim. */
    double *row = malloc((n + 1) * sizeof *row);
    assert_non_null(row);
    for (size_t v = 0; v < n; v++) {
        size_t m = 0;
        for (size_t u = 0; u < n; u++)
            if (sim[v * n + u] >= min_sim) row[m++] = sim[v * n + u];
        qsort(row, m, sizeof *row, cmp_desc);
        kth[v] = k == 0 ? 2.0 : m >= k ? row[k - 1] : min_sim;
    }
    free(row);
    /* Without the exact search, a better neighbour may be missed by at most
     * what the unsearched common term adds to a cosine (small: low idf). */
    double slack = exact ? 1e-5 : 0.02;
    size_t n_edges = 0;
    for (size_t v = 0; v < n; v++)
        for (size_t e = g.off[v]; e < g.off[v + 1]; e++) {
            uint32_t u = g.adj[e];
            double s = sim[v * n + u];
            n_edges++;
            assert_true(fabs(g.w[e] - s) < 1e-5);
            assert_true(s >= min_sim - 1e-6);
            assert_true(s >= kth[v] - slack || s >= kth[u] - slack);
        }
    if (exact)
        for (size_t v = 0; v < n; v++)
            for (size_t u = 0; u < n; u++) {
                double s = sim[v * n + u];
                if (u == v || k == 0 || s < min_sim + 1e-5 || s < kth[v] + 1e-5) continue;
                int found = 0;
                for (size_t e = g.off[v]; e < g.off[v + 1]; e++) found |= g.adj[e] == u;
                assert_true(found);
            }
    if (k == 0) assert_int_equal(n_edges, 0);
    else assert_true(n_edges > 0);
    free(sim);
    free(kth);
    free(node_entry);
    cx_graph_free(&g);
}

static void test_knn_graph(void **state)
{
    (void)state;
    double idf[KNN_TERMS];
    uint64_t rng = 5;
    for (int t = 0; t < KNN_TERMS; t++) idf[t] = 0.5 + (double)(rng_next(&rng) % 100) / 40.0;
    cx_window win;
    /* Small: every shared term is searched, so the graph is exact. */
    fill_window(&win, 80, 11, 0);
    check_knn(&win, idf, 3, 0.05, 1);
    check_knn(&win, idf, 1, 0.0, 1);
    check_knn(&win, idf, 0, 0.05, 1);
    check_knn(&win, idf, 200, 0.2, 1); /* more links asked than nodes */
    cx_window_free(&win);
    /* Larger, with a term in every article (too common to be searched, and
     * of low idf as such a term has): the weights and the rule still hold. */
    idf[0] = 0.1;
    fill_window(&win, 400, 12, 1);
    check_knn(&win, idf, 5, 0.05, 0);
    cx_window_free(&win);
    /* An empty window gives an empty graph. */
    assert_int_equal(cx_window_init(&win, 10), 0);
    cx_graph g;
    size_t *node_entry = NULL;
    assert_int_equal(cx_window_knn_graph(&win, idf_table, NULL, idf, 5, 0.05, &g, &node_entry), 0);
    assert_int_equal(g.n, 0);
    free(node_entry);
    cx_graph_free(&g);
    cx_window_free(&win);
}

/* With no links asked for, consolidation still runs (each article alone). */
static void test_no_neighbours(void **state)
{
    (void)state;
    cx_cluster_params p;
    fusing_params(&p);
    p.neighbours = 0;
    cx_clusterer *cl = cx_clusterer_new(&p);
    assert_non_null(cl);
    cx_assignment r;
    for (int i = 0; i < N_STREAM; i++) add(cl, i, &r);
    cx_consolidation c;
    assert_int_equal(cx_clusterer_consolidate(cl, &c), 0);
    cx_consolidation_free(&c);
    cx_clusterer_free(cl);
}

/* A copy that arrives after its original moved goes where the original is now. */
static void test_copy_after_move(void **state)
{
    (void)state;
    cx_cluster_params p;
    fusing_params(&p);
    cx_clusterer *cl = cx_clusterer_new(&p);
    cx_assignment r[N_STREAM];
    int64_t cur[N_STREAM];
    for (int i = 0; i < N_STREAM; i++) add(cl, i, &r[i]);
    for (int i = 0; i < N_STREAM; i++) cur[i] = cx_clusterer_resolve(cl, r[i].story);
    int64_t last_before = cx_clusterer_last_story(cl);
    cx_consolidation c;
    assert_int_equal(cx_clusterer_consolidate(cl, &c), 0);
    check_consolidation(cl, &c, cur, N_STREAM, last_before);
    assert_true(c.n_moves > 0);
    int o = (int)c.moves[0].key;
    assert_int_not_equal(c.moves[0].from, c.moves[0].to);
    chorus_article a = STREAM.a[o];
    char id[] = "late-copy";
    a.id = id;
    a.published_unix += 100000;
    cx_features *f = NULL;
    cx_assignment ra;
    assert_int_equal(cx_features_from_article(cl, &a, &f), 0);
    assert_int_equal(cx_clusterer_add(cl, 500, f, &ra), 0);
    assert_int_equal(ra.duplicate_of, o);
    assert_int_equal(cx_clusterer_resolve(cl, ra.story), cx_clusterer_resolve(cl, c.moves[0].to));
    cx_features_free(f);
    cx_consolidation_free(&c);
    cx_clusterer_free(cl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_separates_fused_events),
        cmocka_unit_test(test_copy_after_move),
        cmocka_unit_test(test_gathers_split_events),
        cmocka_unit_test(test_online_keeps_division),
        cmocka_unit_test(test_largest_overlap_keeps_its_story),
        cmocka_unit_test(test_small_or_no_window),
        cmocka_unit_test(test_window_wraps),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_restore_after_consolidation),
        cmocka_unit_test(test_window_ring),
        cmocka_unit_test(test_knn_graph),
        cmocka_unit_test(test_no_neighbours),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
