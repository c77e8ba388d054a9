/* Online story clustering (see cluster.h).
 *
 * A story is a centroid: the sum of its articles' unit vectors of
 * log-weighted term counts (names weighted up), kept in fixed point so that
 * sums do not depend on the order they are made in. IDF weights are applied
 * when comparing, from document frequencies counted with every article (and
 * frozen per epoch on long feeds, see EPOCH_PART), so old centroids never go
 * stale. Candidate stories come from an inverted index
 * of each story's top terms, queried with the article's top terms. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "cluster_internal.h"
#include "features.h"
#include "minhash.h"
#include "util.h"

#define MAX_POSTING 4096      /* longer posting lists name terms too common to find candidates */
#define MAX_MERGES 4
/* idf epochs (cluster_internal.h): a feed's idf is frozen for 1/EPOCH_PART
 * more documents at a time, that is within log(1 + 1/64) of the exact value
 * for log N and for every term as common as 64 documents. A small feed keeps
 * exact idf (renewed with every article): there each article still moves
 * the idf of its terms materially, and 1/64 epochs on the 1,125 DUC 2007
 * articles cost 0.012 B-cubed at topic level. */
#define EPOCH_PART 64
#define EPOCH_MIN_DOCS 16384

void cx_cluster_params_default(cx_cluster_params *p)
{
    memset(p, 0, sizeof *p);
    /* Cosines of TF-IDF vectors: reports of one story score about 0.2 and
     * more against its centroid, unrelated ones rarely above 0.1. */
    p->join_threshold = 0.15;
    p->revive_threshold = 0.15;
    p->merge_threshold = 0.30;
    p->dup_threshold = 0.80;
    p->entity_weight = 0.5; /* names also count as stems: this is on top of them */
    /* A story is one event: news of an event comes within days (the reports
     * of one shooting in gva-stream span a median of one day). Similarity
     * halves with every half-window of distance from the story's period,
     * a story closes after a window without news and never spans more
     * than two windows; a later follow-up opens a new story of the topic. */
    cx_cluster_params_set_window(p, 7 * 86400);
    /* Without a prior, the first reports of one story share their words with
     * every document seen so far, so those words get no weight at all. */
    p->idf_prior_docs = 10;
    p->max_centroid_terms = 400;
    p->closed_centroid_terms = 64;
    p->index_terms = 24;
    p->query_terms = 16;
    /* Stories scored per decision, the most query-term weight first. The
     * story an article joins is almost always among the first few: 8, 12
     * and 32 give the same dev stories and the synthetic 100k feed's B-cubed
     * within 0.004, while with 32 the work per decision grew with the
     * stories a long feed keeps in reach (9.6 scored at 10k articles, 19
     * at 100k; 6.2 and 7.7 with 8). */
    p->max_candidates = 8;
    p->max_open_stories = 50000;
    p->max_closed_stories = 100000;
    p->dup_capacity = 65536;
    p->shingle_words = 5;
    /* Consolidation: reports of one event are each other's nearest
     * neighbours; five links each are enough to hold an event of ten reports
     * together, and a resolution above 1 keeps related events apart. A link
     * weaker than what unrelated reports reach (0.1) is no evidence, and
     * without that floor every report is linked to five others, so
     * modularity gathers unrelated one-report events of one place into one. */
    p->window_articles = 5000;
    p->consolidate_every = 2500;
    p->neighbours = 5;
    p->neighbour_min_similarity = 0.10;
    p->resolution = 3.0;
    p->reference_articles = 0;
    /* Modularity's null model scales with the window, so in a window of
     * many events two events that cite each other more than chance look
     * like one (the resolution limit). Each community is searched again on
     * its own links and divided where its parts are groups by themselves;
     * see split_unions in consolidate.c. */
    p->split_unions = 1;
}

void cx_cluster_params_set_window(cx_cluster_params *p, int64_t seconds)
{
    p->window_seconds = seconds;
    p->half_life_seconds = seconds / 2;
    p->max_span_seconds = 2 * seconds;
    p->decay_floor = 0.0;
}

void cx_cluster_params_topic(cx_cluster_params *p)
{
    cx_cluster_params_default(p);
    /* A topic gathers stories over any span: time carries no weight (a
     * floor of 1; with a floor of 0.85 the DUC 2007 topics, some spanning
     * years, fall from 0.930 to 0.917 and the DUC 2006 ones are unchanged),
     * and links as weak as 0.05 count, since stories of one subject share
     * its vocabulary rather than names. */
    p->window_seconds = 30 * 86400;
    p->half_life_seconds = 14 * 86400;
    p->decay_floor = 1.0;
    p->max_span_seconds = 0;
    p->neighbour_min_similarity = 0.05;
    /* A topic is a union of stories by design: never re-divided. */
    p->split_unions = 0;
    /* Names count for less: the names of people and places are what make
     * an event distinct, while the stories of one subject share its
     * vocabulary and each brings names of its own (two awards stories
     * name different winners), and one place named in stories of two
     * subjects (school exams and a rights report in one country) should not
     * make them one topic. Half the story level's weight; measured in
     * bench/RESULTS.md (DUC 2007 topics 0.931 -> 0.948, DUC 2006 unchanged). */
    p->entity_weight = 0.25;
}

int cx_cluster_params_set(cx_cluster_params *p, const char *name, double v)
{
    const double day = 86400.0;
    if (!p || !name || v != v || v < 0) return CHORUS_EINVAL;
    if (!strcmp(name, "window-days")) {
        if (v <= 0 || v > 100000) return CHORUS_EINVAL;
        cx_cluster_params_set_window(p, (int64_t)(v * day));
    } else if (!strcmp(name, "half-life-days")) {
        if (v > 100000) return CHORUS_EINVAL;
        p->half_life_seconds = (int64_t)(v * day);
    } else if (!strcmp(name, "decay-floor") || !strcmp(name, "join") || !strcmp(name, "revive") ||
               !strcmp(name, "merge") || !strcmp(name, "dup") || !strcmp(name, "min-link")) {
        if (v > 1) return CHORUS_EINVAL;
        double *f = !strcmp(name, "decay-floor") ? &p->decay_floor
                    : !strcmp(name, "join")      ? &p->join_threshold
                    : !strcmp(name, "revive")    ? &p->revive_threshold
                    : !strcmp(name, "merge")     ? &p->merge_threshold
                    : !strcmp(name, "dup")       ? &p->dup_threshold
                                                 : &p->neighbour_min_similarity;
        *f = v;
    } else if (!strcmp(name, "names") || !strcmp(name, "resolution")) {
        if (v > 100) return CHORUS_EINVAL;
        *(!strcmp(name, "names") ? &p->entity_weight : &p->resolution) = v;
    } else if (!strcmp(name, "neighbours")) {
        if (v < 1 || v > 1000 || v != (double)(size_t)v) return CHORUS_EINVAL;
        p->neighbours = (size_t)v;
    } else if (!strcmp(name, "reference")) {
        if (v > 1e9 || v != (double)(size_t)v) return CHORUS_EINVAL;
        p->reference_articles = (size_t)v;
    } else if (!strcmp(name, "consolidate")) {
        cx_cluster_params d;
        cx_cluster_params_default(&d);
        p->window_articles = v != 0 ? d.window_articles : 0;
    } else {
        return CHORUS_EINVAL;
    }
    return 0;
}

const char *cx_cluster_option_wants(const char *name)
{
    if (!strcmp(name, "window-days")) return "a number of days above 0";
    if (!strcmp(name, "half-life-days")) return "a number of days";
    if (!strcmp(name, "names") || !strcmp(name, "resolution")) return "a number in [0, 100]";
    if (!strcmp(name, "neighbours")) return "a whole number in [1, 1000]";
    if (!strcmp(name, "reference")) return "a whole number of articles";
    return "a number in [0, 1]";
}

const char *const *chorus_cluster_option_names(void)
{
    static const char *const names[] = {CX_CLUSTER_OPTION_NAMES, NULL};
    return names;
}

int chorus_cluster_option_default(const char *name, double *value)
{
    cx_cluster_params p;
    cx_cluster_params_default(&p);
    return name && value ? cx_cluster_params_get(&p, name, value) : CHORUS_EINVAL;
}

int cx_cluster_params_get(const cx_cluster_params *p, const char *name, double *v)
{
    const double day = 86400.0;
    *v = 0;
    if (!strcmp(name, "window-days")) *v = (double)p->window_seconds / day;
    else if (!strcmp(name, "half-life-days")) *v = (double)p->half_life_seconds / day;
    else if (!strcmp(name, "decay-floor")) *v = p->decay_floor;
    else if (!strcmp(name, "join")) *v = p->join_threshold;
    else if (!strcmp(name, "revive")) *v = p->revive_threshold;
    else if (!strcmp(name, "merge")) *v = p->merge_threshold;
    else if (!strcmp(name, "dup")) *v = p->dup_threshold;
    else if (!strcmp(name, "min-link")) *v = p->neighbour_min_similarity;
    else if (!strcmp(name, "names")) *v = p->entity_weight;
    else if (!strcmp(name, "resolution")) *v = p->resolution;
    else if (!strcmp(name, "neighbours")) *v = (double)p->neighbours;
    else if (!strcmp(name, "reference")) *v = (double)p->reference_articles;
    else if (!strcmp(name, "consolidate")) *v = p->window_articles > 0;
    else if (!strcmp(name, "consolidate-every")) *v = (double)p->consolidate_every; /* fixed, for --help */
    else if (!strcmp(name, "window-articles")) *v = (double)p->window_articles;     /* fixed, for --help */
    else return CHORUS_EINVAL;
    return 0;
}

/* ---- small helpers ------------------------------------------------------------ */

/* log(N + prior + 1) - log(df + 1), with both logs kept up to date as
 * counts change (the hot loops then never call log). */
static double idf(const cx_clusterer *cl, int32_t t)
{
    double v = cl->log_n - ((size_t)t < cl->cap_df ? cl->ts[t].log_df : 0.0);
    return v > 0 ? v : 0;
}

static int ensure_term(cx_clusterer *cl, int32_t t)
{
    if ((size_t)t < cl->cap_df && (size_t)t < cl->cap_post) return 0;
    size_t old = cl->cap_df, cap = cl->cap_df;
    if (cx_grow((void **)&cl->df, &cap, (size_t)t + 1, sizeof *cl->df)) return CHORUS_ENOMEM;
    memset(cl->df + old, 0, (cap - old) * sizeof *cl->df);
    size_t cap2 = old;
    if (cx_grow((void **)&cl->ts, &cap2, cap, sizeof *cl->ts)) return CHORUS_ENOMEM;
    for (size_t i = old; i < cap2; i++) cl->ts[i] = (term_stat){0.0, 0.0};
    size_t cap3 = old;
    if (cx_grow((void **)&cl->is_dirty, &cap3, cap, sizeof *cl->is_dirty)) return CHORUS_ENOMEM;
    memset(cl->is_dirty + old, 0, cap3 - old);
    if (cap2 < cap) cap = cap2;
    cl->cap_df = cap < cap3 ? cap : cap3;
    size_t words = cl->cap_df / 64 + 1;
    old = cl->cap_in_dense;
    if (cx_grow((void **)&cl->in_dense, &cl->cap_in_dense, words, sizeof *cl->in_dense)) return CHORUS_ENOMEM;
    memset(cl->in_dense + old, 0, (cl->cap_in_dense - old) * sizeof *cl->in_dense);
    old = cl->cap_post;
    if (cx_grow((void **)&cl->post, &cl->cap_post, (size_t)t + 1, sizeof *cl->post)) return CHORUS_ENOMEM;
    memset(cl->post + old, 0, (cl->cap_post - old) * sizeof *cl->post);
    return 0;
}

static int ensure_story_id(cx_clusterer *cl, int64_t id)
{
    if ((uint64_t)id < cl->cap_story) return 0;
    size_t old = cl->cap_story, cap = cl->cap_story;
    if (cx_grow((void **)&cl->parent, &cap, (size_t)id + 1, sizeof *cl->parent)) return CHORUS_ENOMEM;
    memset(cl->parent + old, 0, (cap - old) * sizeof *cl->parent);
    size_t cap2 = old;
    if (cx_grow((void **)&cl->live, &cap2, cap, sizeof *cl->live)) return CHORUS_ENOMEM;
    memset(cl->live + old, 0, (cap2 - old) * sizeof *cl->live);
    cl->cap_story = cap < cap2 ? cap : cap2;
    return 0;
}

int64_t cx_clusterer_resolve(const cx_clusterer *cl, int64_t id)
{
    if (id <= 0 || (uint64_t)id >= cl->cap_story || !cl->parent[id]) return -1;
    while (cl->parent[id] != id) id = cl->parent[id];
    return id;
}

/* Path compression keeps resolving cheap after long merge chains. */
static int64_t resolve_compress(cx_clusterer *cl, int64_t id)
{
    int64_t root = cx_clusterer_resolve(cl, id);
    while (root > 0 && cl->parent[id] != root) {
        int64_t next = cl->parent[id];
        cl->parent[id] = root;
        id = next;
    }
    return root;
}

static void list_unlink(story_list *l, story *s)
{
    if (s->prev) s->prev->next = s->next;
    else l->head = s->next;
    if (s->next) s->next->prev = s->prev;
    else l->tail = s->prev;
    s->prev = s->next = NULL;
    l->n--;
}

static void list_push_front(story_list *l, story *s)
{
    s->prev = NULL;
    s->next = l->head;
    if (l->head) l->head->prev = s;
    else l->tail = s;
    l->head = s;
    l->n++;
}

/* ---- the inverted index ---------------------------------------------------------- */

static int post_add(cx_clusterer *cl, int32_t t, int64_t id)
{
    if (ensure_term(cl, t)) return CHORUS_ENOMEM;
    posting *p = &cl->post[t];
    if (p->n == p->cap) {
        uint32_t cap = p->cap ? p->cap * 2 : 4;
        int64_t *v = realloc(p->v, cap * sizeof *v);
        if (!v) return CHORUS_ENOMEM;
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n++] = id;
    return 0;
}

static void post_remove(cx_clusterer *cl, int32_t t, int64_t id)
{
    posting *p = &cl->post[t];
    for (uint32_t i = 0; i < p->n; i++)
        if (p->v[i] == id) {
            /* Keep the order: gathering order must not depend on removals. */
            memmove(p->v + i, p->v + i + 1, (p->n - i - 1) * sizeof *p->v);
            p->n--;
            return;
        }
}

static int cmp_tw_desc(const void *a, const void *b)
{
    const tw *x = a, *y = b;
    if (x->w != y->w) return x->w < y->w ? 1 : -1;
    return (x->term > y->term) - (x->term < y->term);
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* 1 when a ranks before b: larger weight first, then smaller term id. */
static int ranks_before(const tw *a, const tw *b)
{
    return a->w > b->w || (a->w == b->w && a->term < b->term);
}

/* Sift down in a heap whose root is the entry ranked last. */
static void sift_down(tw *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && ranks_before(&h[m], &h[l])) m = l;
        if (r < n && ranks_before(&h[m], &h[r])) m = r;
        if (m == i) return;
        tw t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

/* Centroid terms are scattered over a vocabulary-sized table: ask for the
 * line of a term a few places ahead while this one is read (the reads do
 * not depend on each other, so the misses overlap). */
#define PREFETCH_AHEAD 8
#define PREFETCH_STORIES 4 /* stories of a posting fetched ahead of the one read */
static void prefetch_term(const cx_clusterer *cl, const int32_t *term, size_t j, size_t n)
{
    if (j + PREFETCH_AHEAD < n && (size_t)term[j + PREFETCH_AHEAD] < cl->cap_df)
        __builtin_prefetch(&cl->ts[term[j + PREFETCH_AHEAD]]);
}

/* The story's `k` best centroid terms by idf-weighted weight, best first, in
 * cl->ranked (a bounded heap: stories re-rank on every article). Returns the
 * count, or < 0. */
static int rank_centroid(cx_clusterer *cl, const story *s, size_t k)
{
    if (k > s->n) k = s->n;
    if (cx_grow((void **)&cl->ranked, &cl->cap_ranked, k + 1, sizeof *cl->ranked)) return CHORUS_ENOMEM;
    tw *h = cl->ranked;
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++) {
        prefetch_term(cl, s->term, i, s->n);
        tw e = {s->term[i], (double)s->weight[i] * idf(cl, s->term[i])};
        if (n < k) {
            h[n++] = e;
            if (n == k)
                for (size_t j = k / 2 + 1; j-- > 0;) sift_down(h, n, j);
        } else if (k && ranks_before(&e, &h[0])) {
            h[0] = e;
            sift_down(h, n, 0);
        }
    }
    qsort(h, n, sizeof *h, cmp_tw_desc);
    return (int)n;
}

/* Post the story under its current top terms (and only those). */
static int reindex(cx_clusterer *cl, story *s)
{
    int got = rank_centroid(cl, s, cl->p.index_terms);
    if (got < 0) return got;
    size_t k = (size_t)got;
    int32_t *want = malloc((k + 1) * sizeof *want);
    if (!want) return CHORUS_ENOMEM;
    for (size_t i = 0; i < k; i++) want[i] = cl->ranked[i].term;
    qsort(want, k, sizeof *want, cmp_i32);
    size_t i = 0, j = 0;
    int rc = 0;
    while ((i < s->n_indexed || j < k) && rc == 0) {
        if (j >= k || (i < s->n_indexed && s->indexed[i] < want[j])) post_remove(cl, s->indexed[i++], s->id);
        else if (i >= s->n_indexed || want[j] < s->indexed[i]) rc = post_add(cl, want[j++], s->id);
        else i++, j++;
    }
    free(s->indexed);
    s->indexed = want;
    s->n_indexed = k;
    return rc;
}

static void unindex(cx_clusterer *cl, story *s)
{
    for (size_t i = 0; i < s->n_indexed; i++) post_remove(cl, s->indexed[i], s->id);
    free(s->indexed);
    s->indexed = NULL;
    s->n_indexed = 0;
}

/* Keep the `keep` best terms of the centroid (by idf-weighted weight). */
static int prune(cx_clusterer *cl, story *s, size_t keep)
{
    if (s->n <= keep) return 0;
    s->norm_stamp = 0;
    if (rank_centroid(cl, s, keep) < 0) return CHORUS_ENOMEM;
    int32_t *keep_terms = malloc(keep * sizeof *keep_terms);
    if (!keep_terms) return CHORUS_ENOMEM;
    for (size_t i = 0; i < keep; i++) keep_terms[i] = cl->ranked[i].term;
    qsort(keep_terms, keep, sizeof *keep_terms, cmp_i32);
    size_t o = 0, j = 0;
    for (size_t i = 0; i < s->n && j < keep; i++) {
        if (s->term[i] != keep_terms[j]) continue;
        s->term[o] = s->term[i];
        s->weight[o++] = s->weight[i];
        j++;
    }
    s->n = o;
    free(keep_terms);
    return 0;
}

static void story_free(story *s)
{
    if (!s) return;
    free(s->term);
    free(s->weight);
    free(s->indexed);
    free(s);
}

/* ---- stories -------------------------------------------------------------------- */

story *cx_engine_story_alloc(void)
{
    size_t size = (sizeof(story) + 63) / 64 * 64;
    story *s = aligned_alloc(64, size);
    if (s) memset(s, 0, size);
    return s;
}

static story *story_new(cx_clusterer *cl, int64_t id)
{
    if (ensure_story_id(cl, id)) return NULL;
    story *s = cx_engine_story_alloc();
    if (!s) return NULL;
    s->id = id;
    s->first_time = s->last_time = INT64_MIN;
    cl->live[id] = s;
    cl->parent[id] = id;
    if (id > cl->last_id) cl->last_id = id;
    list_push_front(&cl->open, s);
    return s;
}

/* Add a sorted sparse vector (fixed point) into the centroid. */
static int centroid_add(story *s, const int32_t *term, const int64_t *weight, size_t n)
{
    size_t need = s->n + n;
    if (need > s->cap) {
        size_t cap = need * 2;
        int32_t *t = realloc(s->term, cap * sizeof *t);
        if (!t) return CHORUS_ENOMEM;
        s->term = t;
        int64_t *w = realloc(s->weight, cap * sizeof *w);
        if (!w) return CHORUS_ENOMEM;
        s->weight = w;
        s->cap = cap;
    }
    /* Merge from the back so it works in place. */
    size_t i = s->n, j = n, o = s->n + n;
    while (j > 0) {
        if (i > 0 && s->term[i - 1] > term[j - 1]) {
            o--, i--;
            s->term[o] = s->term[i];
            s->weight[o] = s->weight[i];
        } else if (i > 0 && s->term[i - 1] == term[j - 1]) {
            o--, i--, j--;
            s->term[o] = s->term[i];
            s->weight[o] = s->weight[i] + weight[j];
        } else {
            o--, j--;
            s->term[o] = term[j];
            s->weight[o] = weight[j];
        }
    }
    /* Close the gap left by shared terms. */
    size_t gap = o - i;
    if (gap) {
        memmove(s->term + i, s->term + o, (s->n + n - o) * sizeof *s->term);
        memmove(s->weight + i, s->weight + o, (s->n + n - o) * sizeof *s->weight);
    }
    s->n = s->n + n - gap;
    return 0;
}

static void note_time(story *s, int64_t t)
{
    if (t == INT64_MIN) return;
    if (s->first_time == INT64_MIN || t < s->first_time) s->first_time = t;
    if (s->last_time == INT64_MIN || t > s->last_time) s->last_time = t;
}

static void reopen(cx_clusterer *cl, story *s)
{
    if (s->closed) {
        list_unlink(&cl->closed, s);
        s->closed = 0;
    } else {
        list_unlink(&cl->open, s);
    }
    list_push_front(&cl->open, s);
}

/* The story for an id, brought back (empty) if it left the index. */
static story *story_get(cx_clusterer *cl, int64_t id)
{
    if (ensure_story_id(cl, id)) return NULL;
    if (cl->live[id]) return cl->live[id];
    return story_new(cl, id);
}

static void evict(cx_clusterer *cl, story *s)
{
    unindex(cl, s);
    list_unlink(s->closed ? &cl->closed : &cl->open, s);
    cl->live[s->id] = NULL;
    story_free(s);
}

static int close_story(cx_clusterer *cl, story *s)
{
    list_unlink(&cl->open, s);
    s->closed = 1;
    list_push_front(&cl->closed, s);
    int rc = prune(cl, s, cl->p.closed_centroid_terms);
    if (rc == 0) rc = reindex(cl, s);
    while (rc == 0 && cl->closed.n > cl->p.max_closed_stories) evict(cl, cl->closed.tail);
    return rc;
}

/* 1 when nothing can join the closed story any more: its latest report is
 * further back than a story may span (no dated article from now on can
 * join it, see cx_engine_time_factor), and none of its articles is in the
 * recent-article window (consolidation could move one). The index then
 * holds the stories of the last two windows only, so the cost of a
 * decision does not grow with the length of the feed. */
static int spent(const cx_clusterer *cl, const story *s)
{
    if (cl->p.max_span_seconds <= 0 || cl->now == INT64_MIN || s->last_time == INT64_MIN) return 0;
    if ((double)cl->now - (double)s->last_time <= (double)cl->p.max_span_seconds) return 0;
    return s->last_seq + cl->win.n < cl->n_placed;
}

/* Close the stories that have been quiet longer than the window, and the
 * least recent ones beyond the open-story cap; let the spent ones go. */
static int expire(cx_clusterer *cl)
{
    int rc = 0;
    while (rc == 0 && cl->open.tail) {
        story *s = cl->open.tail;
        int quiet = cl->now != INT64_MIN && s->last_time != INT64_MIN &&
                    cl->now - s->last_time > cl->p.window_seconds;
        if (!quiet && cl->open.n <= cl->p.max_open_stories) break;
        rc = close_story(cl, s);
    }
    while (rc == 0 && cl->closed.tail && spent(cl, cl->closed.tail)) evict(cl, cl->closed.tail);
    return rc;
}

/* ---- articles as vectors ------------------------------------------------------------ */

/* The article's terms and names as one sorted list of log-weighted counts. */
static int article_vector(cx_clusterer *cl, const cx_features *f, size_t *n_out)
{
    size_t n = f->n_terms + f->n_names;
    if (cx_grow((void **)&cl->vec, &cl->cap_vec, n + 1, sizeof *cl->vec)) return CHORUS_ENOMEM;
    size_t i = 0, j = 0, o = 0;
    while (i < f->n_terms || j < f->n_names) {
        int take_term = j >= f->n_names || (i < f->n_terms && f->terms[i].term < f->names[j].term);
        const cx_term_count *t = take_term ? &f->terms[i++] : &f->names[j++];
        double w = 1.0 + log((double)t->count);
        if (!take_term) w *= cl->p.entity_weight;
        cl->vec[o++] = (tw){t->term, w};
    }
    *n_out = o;
    return 0;
}

/* Remove a unit vector from a centroid: the same fixed-point weights that
 * were added come off (terms pruned since are skipped; a term left at zero
 * or below leaves). */
static void centroid_sub(story *s, const int32_t *term, const int64_t *weight, size_t n)
{
    size_t i = 0, j = 0, o = 0;
    while (i < s->n) {
        while (j < n && term[j] < s->term[i]) j++;
        int64_t w = s->weight[i];
        if (j < n && term[j] == s->term[i]) w -= weight[j++];
        if (w > 0) {
            s->term[o] = s->term[i];
            s->weight[o++] = w;
        }
        i++;
    }
    s->n = o;
}

/* Add (sign > 0) or take away an article's unit vector, in fixed point, from
 * a centroid, given its raw weights. */
static int centroid_change(cx_clusterer *cl, story *s, const int32_t *term, const double *w, size_t n, int sign)
{
    s->norm_stamp = 0;
    double norm = 0;
    for (size_t i = 0; i < n; i++) norm += w[i] * w[i];
    if (norm <= 0) return 0;
    norm = sqrt(norm);
    int64_t *weight = malloc((n + 1) * sizeof *weight);
    if (!weight) return CHORUS_ENOMEM;
    for (size_t i = 0; i < n; i++) weight[i] = llround(w[i] / norm * FIXED_ONE);
    int rc = 0;
    if (sign > 0) rc = centroid_add(s, term, weight, n);
    else centroid_sub(s, term, weight, n);
    free(weight);
    if (rc == 0 && s->n > 2 * cl->p.max_centroid_terms) rc = prune(cl, s, cl->p.max_centroid_terms);
    return rc;
}

/* cl->vec as two arrays (cl->vt, cl->vw), as centroids and the window take it. */
static int split_vec(cx_clusterer *cl, size_t n)
{
    if (cx_grow((void **)&cl->vt, &cl->cap_vt, n + 1, sizeof *cl->vt) ||
        cx_grow((void **)&cl->vw, &cl->cap_vw, n + 1, sizeof *cl->vw))
        return CHORUS_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        cl->vt[i] = cl->vec[i].term;
        cl->vw[i] = cl->vec[i].w;
    }
    return 0;
}

/* idf-weighted norm of a centroid. Within one decision neither idf nor the
 * centroids change, so a story scored against the article and then against
 * other stories computes it once. */
static double centroid_norm(cx_clusterer *cl, story *s)
{
    if (s->norm_stamp == cl->norm_stamp + 1) return s->norm;
    double norm = 0;
    for (size_t i = 0; i < s->n; i++) {
        prefetch_term(cl, s->term, i, s->n);
        double w = (double)s->weight[i] * idf(cl, s->term[i]);
        norm += w * w;
    }
    s->norm = sqrt(norm);
    s->norm_stamp = cl->norm_stamp + 1; /* + 1: a new story's 0 is never current */
    return s->norm;
}

/* cl->ts[t].dense ("dense"): a vector spread over term ids (zero
 * elsewhere), so that a dot product walks one sorted list instead of merging
 * two (a branch per term of either). */
static double dense_at(const cx_clusterer *cl, int32_t t) { return (size_t)t < cl->cap_df ? cl->ts[t].dense : 0.0; }

/* Spread one term's value (or clear it with 0). The bit set beside it lets
 * a dot product skip the terms not spread with a read of a table 128 times
 * smaller than the term table (a story's centroid shares few of its
 * hundreds of terms with one article). */
static void dense_put(cx_clusterer *cl, int32_t t, double v)
{
    if ((size_t)t >= cl->cap_df) return;
    cl->ts[t].dense = v;
    if (v != 0) cl->in_dense[(size_t)t / 64] |= 1ull << ((size_t)t % 64);
    else cl->in_dense[(size_t)t / 64] &= ~(1ull << ((size_t)t % 64));
}

static int dense_has(const cx_clusterer *cl, int32_t t)
{
    return (size_t)t < cl->cap_df && (cl->in_dense[(size_t)t / 64] >> ((size_t)t % 64) & 1);
}

/* The dot product of the dense vector (term_stat.dense) with the story's idf-weighted centroid, each
 * term's weight times idf(t) (the dense side holds its own factors). Takes
 * the story's norm on the way when it is not current (the same sum, in the
 * same order, as centroid_norm). */
static double dense_dot(cx_clusterer *cl, story *s, double *norm_out)
{
    double dot = 0;
    if (s->norm_stamp == cl->norm_stamp + 1 &&
        cx_grow((void **)&cl->hit, &cl->cap_hit, s->n + 1, sizeof *cl->hit) == 0) {
        /* First the positions of the centroid's terms that are spread (a
         * few dozen of its hundreds: a branch on each would be mispredicted
         * often), without a branch; then their products, in the same order
         * as the loop below. */
        uint32_t *hit = cl->hit;
        size_t k = 0;
        for (size_t j = 0; j < s->n; j++) {
            hit[k] = (uint32_t)j;
            k += (size_t)dense_has(cl, s->term[j]);
        }
        for (size_t i = 0; i < k; i++) {
            size_t j = hit[i];
            double d = dense_at(cl, s->term[j]);
            if (d != 0) dot += d * (double)s->weight[j] * idf(cl, s->term[j]);
        }
    } else if (s->norm_stamp == cl->norm_stamp + 1) {
        for (size_t j = 0; j < s->n; j++) {
            if (!dense_has(cl, s->term[j])) continue;
            double d = dense_at(cl, s->term[j]);
            if (d != 0) dot += d * (double)s->weight[j] * idf(cl, s->term[j]);
        }
    } else {
        double norm = 0;
        for (size_t j = 0; j < s->n; j++) {
            prefetch_term(cl, s->term, j, s->n);
            double wi = idf(cl, s->term[j]), v = (double)s->weight[j] * wi;
            norm += v * v;
            double d = dense_at(cl, s->term[j]);
            if (d != 0) dot += d * (double)s->weight[j] * wi;
        }
        s->norm = sqrt(norm);
        s->norm_stamp = cl->norm_stamp + 1;
    }
    *norm_out = s->norm;
    return dot;
}

/* Cosine of the idf-weighted article vector (unit, spread in the dense vector)
 * and a centroid. */
static double cosine_article(cx_clusterer *cl, story *s)
{
    double norm;
    double dot = dense_dot(cl, s, &norm);
    return norm > 0 ? dot / norm : 0;
}

/* Spread a centroid's idf-weighted weights over the dense vector (set 1) or clear
 * them (set 0). */
static void dense_centroid(cx_clusterer *cl, const story *a, int set)
{
    for (size_t i = 0; i < a->n; i++)
        if ((size_t)a->term[i] < cl->cap_df)
            dense_put(cl, a->term[i], set ? (double)a->weight[i] * idf(cl, a->term[i]) : 0.0);
}

/* Cosine of two centroids, the first spread in the dense vector. */
static double cosine_centroids(cx_clusterer *cl, story *a, story *b)
{
    double na = centroid_norm(cl, a), nb;
    if (na <= 0) return 0;
    double dot = dense_dot(cl, b, &nb);
    if (nb <= 0) return 0;
    return dot / (na * nb);
}

/* Time as evidence: an article far in time from a story's active period
 * (its articles' own dates, first to last) is less likely to report the
 * same event. The factor halves with every half-life of distance outside
 * that period, never below decay_floor; and a story never grows to span
 * more than max_span (the event would then be a topic). Undated
 * articles and stories carry no time evidence. */
double cx_engine_time_factor(const cx_cluster_params *p, int64_t t, int64_t first, int64_t last)
{
    if (t == INT64_MIN || first == INT64_MIN) return 1.0;
    if (p->max_span_seconds > 0) {
        int64_t lo = t < first ? t : first, hi = t > last ? t : last;
        if ((double)hi - (double)lo > (double)p->max_span_seconds) return 0.0;
    }
    if (p->half_life_seconds <= 0) return 1.0;
    double gap = t < first ? (double)first - (double)t : t > last ? (double)t - (double)last : 0.0;
    double f = pow(0.5, gap / (double)p->half_life_seconds);
    return p->decay_floor + (1.0 - p->decay_floor) * f;
}

static double decay(const cx_clusterer *cl, int64_t t, const story *s)
{
    return cx_engine_time_factor(&cl->p, t, s->first_time, s->last_time);
}

/* Two stories a consolidation made as parts of one divided community
 * (cx_split_unions: each holds more link weight inside than across) are
 * not merged by their centroids alone: the consolidation saw their links,
 * and merging them here would only have the next consolidation divide
 * them again and move one part's articles back (churn). The next
 * consolidation may join them, on the links it sees then. */
static int kept_apart(const story *a, const story *b) { return a->apart && a->apart == b->apart; }

/* 1 when two stories together would span more than twice the window. */
static int too_long_together(const cx_clusterer *cl, const story *a, const story *b)
{
    if (cl->p.max_span_seconds <= 0 || a->first_time == INT64_MIN || b->first_time == INT64_MIN) return 0;
    int64_t lo = a->first_time < b->first_time ? a->first_time : b->first_time;
    int64_t hi = a->last_time > b->last_time ? a->last_time : b->last_time;
    return (double)hi - (double)lo > (double)cl->p.max_span_seconds;
}

/* ---- state updates shared by deciding and restoring ------------------------------------ */

static int count_document(cx_clusterer *cl, const cx_features *f)
{
    for (size_t i = 0; i < f->n_terms; i++)
        if (ensure_term(cl, f->terms[i].term)) return CHORUS_ENOMEM;
    for (size_t i = 0; i < f->n_names; i++)
        if (ensure_term(cl, f->names[i].term)) return CHORUS_ENOMEM;
    for (size_t i = 0; i < f->n_terms + f->n_names; i++) {
        int32_t t = i < f->n_terms ? f->terms[i].term : f->names[i - f->n_terms].term;
        if (!cl->is_dirty[t]) {
            struct term_df d = {t, cl->df[t]};
            if (CX_PUSH(cl->dirty, cl->n_dirty, cl->cap_dirty, d)) return CHORUS_ENOMEM;
            cl->is_dirty[t] = 1;
        }
        cl->df[t]++;
    }
    cl->n_docs++;
    uint64_t epoch = cl->epoch_docs < EPOCH_MIN_DOCS ? 1 : cl->epoch_docs / EPOCH_PART;
    if (cl->n_docs - cl->epoch_docs >= epoch) cx_engine_new_epoch(cl);
    if (f->time != INT64_MIN && (cl->now == INT64_MIN || f->time > cl->now)) cl->now = f->time;
    return expire(cl);
}

void cx_engine_new_epoch(cx_clusterer *cl)
{
    for (size_t i = 0; i < cl->n_dirty; i++) {
        int32_t t = cl->dirty[i].term;
        cl->ts[t].log_df = log((double)cl->df[t] + 1.0);
        cl->is_dirty[t] = 0;
    }
    cl->n_dirty = 0;
    cl->epoch_docs = cl->n_docs;
    cl->log_n = log((double)(cl->n_docs + cl->p.idf_prior_docs + 1));
    cl->norm_stamp++;
}

static int merge_into(cx_clusterer *cl, story *from, story *into)
{
    into->norm_stamp = 0;
    int rc = centroid_add(into, from->term, from->weight, from->n);
    if (rc) return rc;
    into->n_articles += from->n_articles;
    if (from->last_seq > into->last_seq) into->last_seq = from->last_seq;
    note_time(into, from->first_time);
    note_time(into, from->last_time);
    int was_open = !from->closed;
    cl->parent[from->id] = into->id;
    evict(cl, from);
    if (was_open) reopen(cl, into);
    if (into->n > 2 * cl->p.max_centroid_terms) rc = prune(cl, into, cl->p.max_centroid_terms);
    if (rc == 0) rc = reindex(cl, into);
    return rc;
}

/* Put the article (cl->vec holds its raw vector) in the story. A duplicate
 * adds nothing to the centroid (copies would outweigh the story's other
 * reports) unless the story has nothing else. */
static int place(cx_clusterer *cl, story *s, const cx_features *f, size_t n, int duplicate, int64_t key,
                 int64_t dup_root)
{
    int rc = split_vec(cl, n);
    if (rc == 0 && (!duplicate || s->n == 0)) rc = centroid_change(cl, s, cl->vt, cl->vw, n, 1);
    if (rc == 0)
        rc = cx_window_push(&cl->win, key, s->id, duplicate ? dup_root : -1, f->time, cl->vt, cl->vw,
                            duplicate ? 0 : n);
    s->n_articles++;
    s->last_seq = cl->n_placed++;
    note_time(s, f->time);
    reopen(cl, s);
    if (rc == 0) rc = reindex(cl, s);
    if (rc == 0 && f->n_shingles) rc = cx_lsh_insert(cl->lsh, &f->sig, duplicate ? dup_root : key, s->id, f->time);
    if (rc == 0) rc = expire(cl); /* a new story may have taken the open-story cap */
    return rc;
}

/* ---- the public interface ---------------------------------------------------------- */

cx_clusterer *cx_clusterer_new(const cx_cluster_params *p)
{
    cx_clusterer *cl = calloc(1, sizeof *cl);
    if (!cl) return NULL;
    if (p) cl->p = *p;
    else cx_cluster_params_default(&cl->p);
    if (cl->p.index_terms < 1) cl->p.index_terms = 1;
    if (cl->p.query_terms < 1) cl->p.query_terms = 1;
    if (cl->p.max_candidates < 1) cl->p.max_candidates = 1;
    if (cl->p.max_centroid_terms < cl->p.index_terms) cl->p.max_centroid_terms = cl->p.index_terms;
    if (cl->p.closed_centroid_terms < cl->p.index_terms) cl->p.closed_centroid_terms = cl->p.index_terms;
    cl->now = INT64_MIN;
    cl->log_n = log((double)(cl->p.idf_prior_docs + 1));
    if (cx_feature_ctx_init(&cl->fx, cl->p.shingle_words) || !(cl->lsh = cx_lsh_new(cl->p.dup_capacity)) ||
        cx_window_init(&cl->win, cl->p.window_articles)) {
        cx_clusterer_free(cl);
        return NULL;
    }
    return cl;
}

void cx_clusterer_free(cx_clusterer *cl)
{
    if (!cl) return;
    for (size_t i = 0; i < cl->cap_story; i++) story_free(cl->live[i]);
    for (size_t i = 0; i < cl->cap_post; i++) free(cl->post[i].v);
    free(cl->post);
    free(cl->df);
    free(cl->ts);
    free(cl->is_dirty);
    free(cl->in_dense);
    free(cl->dirty);
    free(cl->parent);
    free(cl->live);
    free(cl->vec);
    free(cl->ranked);
    free(cl->cand);
    free(cl->x);
    free(cl->scored);
    free(cl->pending);
    free(cl->vt);
    free(cl->vw);
    free(cl->hit);
    cx_moved_map_free(&cl->moved);
    cx_window_free(&cl->win);
    cx_lsh_free(cl->lsh);
    cx_feature_ctx_free(&cl->fx);
    free(cl);
}

int cx_features_from_article(cx_clusterer *cl, const chorus_article *a, cx_features **out)
{
    if (!cl || !a || !out) return CHORUS_EINVAL;
    return cx_features_build(&cl->fx, a, out);
}

int cx_features_deserialize(cx_clusterer *cl, const unsigned char *buf, size_t len, cx_features **out)
{
    if (!cl || !out) return CHORUS_EINVAL;
    return cx_features_deserialize_into(cl->fx.vocab, buf, len, out);
}

int64_t cx_clusterer_last_story(const cx_clusterer *cl) { return cl->last_id; }
size_t cx_clusterer_open_stories(const cx_clusterer *cl) { return cl->open.n; }

static int cmp_cand(const void *a, const void *b)
{
    const story *x = *(story *const *)a, *y = *(story *const *)b;
    if (x->acc != y->acc) return x->acc < y->acc ? 1 : -1;
    return (x->id > y->id) - (x->id < y->id);
}


static int cmp_scored(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    if (x->score != y->score) return x->score < y->score ? 1 : -1;
    return (x->s->id > y->s->id) - (x->s->id < y->s->id);
}

static int cmp_story_id(const void *a, const void *b)
{
    int64_t x = (*(story *const *)a)->id, y = (*(story *const *)b)->id;
    return (x > y) - (x < y);
}

/* The q best of x[0..n) (ranks_before), best first, in out[0..q). A
 * bounded heap: an article has hundreds of terms, the query takes a few. */
static void top_terms(tw *out, const tw *x, size_t n, size_t q)
{
    size_t k = 0;
    for (size_t i = 0; i < n && q; i++) {
        if (k < q) {
            out[k++] = x[i];
            if (k == q)
                for (size_t j = q / 2 + 1; j-- > 0;) sift_down(out, k, j);
        } else if (ranks_before(&x[i], &out[0])) {
            out[0] = x[i];
            sift_down(out, k, 0);
        }
    }
    qsort(out, k, sizeof *out, cmp_tw_desc);
}

/* cmp_cand's order as "a before b". */
static int cand_before(const story *a, const story *b)
{
    return a->acc > b->acc || (a->acc == b->acc && a->id < b->id);
}

static void cand_sift_down(story **h, size_t n, size_t i)
{
    for (;;) { /* the root is the candidate ranked last */
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && cand_before(h[m], h[l])) m = l;
        if (r < n && cand_before(h[m], h[r])) m = r;
        if (m == i) return;
        story *t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

/* The `keep` best candidates in c[0..), best first (the same as sorting all
 * by cmp_cand and cutting, without sorting all). Returns how many. */
static size_t top_candidates(story **c, size_t n, size_t keep)
{
    if (n > keep && keep) {
        for (size_t j = keep / 2 + 1; j-- > 0;) cand_sift_down(c, keep, j);
        for (size_t i = keep; i < n; i++)
            if (cand_before(c[i], c[0])) {
                c[0] = c[i];
                cand_sift_down(c, keep, 0);
            }
        n = keep;
    }
    if (n) qsort(c, n, sizeof *c, cmp_cand);
    return n;
}

/* Score the stories sharing top terms with the article (at most
 * max_candidates of them, found through the inverted index). Fills cl->scored
 * sorted by score; returns the count, or < 0. */
static int candidates(cx_clusterer *cl, const cx_features *f, size_t n)
{
    /* The idf-weighted unit vector of the article, in term order (for dot
     * products) and ranked (for the query). */
    if (cx_grow((void **)&cl->x, &cl->cap_x, n + 1, sizeof *cl->x)) return CHORUS_ENOMEM;
    tw *x = cl->x;
    double norm = 0;
    for (size_t i = 0; i < n; i++) {
        x[i] = (tw){cl->vec[i].term, cl->vec[i].w * idf(cl, cl->vec[i].term)};
        norm += x[i].w * x[i].w;
    }
    if (norm <= 0) return 0;
    norm = sqrt(norm);
    for (size_t i = 0; i < n; i++) x[i].w /= norm;
    size_t q = n < cl->p.query_terms ? n : cl->p.query_terms;
    if (cx_grow((void **)&cl->ranked, &cl->cap_ranked, q + 1, sizeof *cl->ranked)) return CHORUS_ENOMEM;
    top_terms(cl->ranked, x, n, q); /* only the query's terms need an order */

    uint64_t stamp = ++cl->stamp;
    size_t n_cand = 0;
    for (size_t i = 0; i < q; i++) {
        int32_t t = cl->ranked[i].term;
        if ((size_t)t >= cl->cap_post || cl->post[t].n > MAX_POSTING) continue;
        const posting *p = &cl->post[t];
        for (uint32_t k = 0; k < p->n; k++) {
            /* The stories of a posting are scattered over the heap (one
             * allocation each, made over the whole feed): fetch a few
             * ahead so that their misses overlap. */
            if (k + PREFETCH_STORIES < p->n) __builtin_prefetch(&cl->live[p->v[k + PREFETCH_STORIES]]->stamp);
            story *s = cl->live[p->v[k]];
            if (s->stamp != stamp) {
                s->stamp = stamp;
                /* A story too far in time for the article to join it even
                 * with every word alike (its time factor alone is below the
                 * bar) takes no candidate's place: in a feed that has run
                 * for two windows a fifth of the stories sharing a query
                 * term are such, and each cost a centroid's walk. -1 marks
                 * it for the rest of the walk. */
                s->acc = decay(cl, f->time, s) < (s->closed ? cl->p.revive_threshold : cl->p.join_threshold) ? -1 : 0;
                if (s->acc == 0) {
                    if (cx_grow((void **)&cl->cand, &cl->cap_cand, n_cand + 1, sizeof *cl->cand))
                        return CHORUS_ENOMEM;
                    cl->cand[n_cand++] = s;
                }
            }
            if (s->acc >= 0) s->acc += cl->ranked[i].w;
        }
    }
    n_cand = top_candidates(cl->cand, n_cand, cl->p.max_candidates);
    if (cx_grow((void **)&cl->scored, &cl->cap_scored, n_cand + 1, sizeof *cl->scored)) return CHORUS_ENOMEM;
    for (size_t i = n; i-- > 0;) /* backwards: the first of a repeated term counts, as in a merge */
        dense_put(cl, x[i].term, x[i].w);
    for (size_t i = 0; i < n_cand; i++) {
        story *s = cl->cand[i];
        if (i + 1 < n_cand) { /* the next centroid's first terms, read while this one is scored */
            const story *next = cl->cand[i + 1];
            __builtin_prefetch(next->term);
            __builtin_prefetch((const char *)next->term + 64);
        }
        cl->scored[i] = (scored){s, cosine_article(cl, s) * decay(cl, f->time, s)};
    }
    for (size_t i = 0; i < n; i++)
        dense_put(cl, x[i].term, 0.0);
    qsort(cl->scored, n_cand, sizeof *cl->scored, cmp_scored);
    return (int)n_cand;
}

static int eligible(const cx_clusterer *cl, const scored *c)
{
    return c->score >= (c->s->closed ? cl->p.revive_threshold : cl->p.join_threshold);
}

static int apply_pending_merges(cx_clusterer *cl);

int cx_clusterer_add(cx_clusterer *cl, int64_t key, const cx_features *f, cx_assignment *out)
{
    if (!cl || !f || !out || key < 0) return CHORUS_EINVAL;
    if (f->vocab != cl->fx.vocab) return CHORUS_EINVAL;
    memset(out, 0, sizeof *out);
    out->duplicate_of = -1;
    int rc = cl->n_pending ? apply_pending_merges(cl) : 0; /* merges noted after the last restore */
    if (rc == 0) rc = count_document(cl, f);
    size_t n = 0;
    if (rc == 0) rc = article_vector(cl, f, &n);
    if (rc) return rc;

    /* A near-copy of a recent article goes where the original went, unless
     * that story is too far in time (the same text months later, such as a
     * station's page furniture around another event, is another story). */
    int64_t orig_key, orig_story;
    double jaccard;
    int64_t since = f->time != INT64_MIN && cl->p.max_span_seconds > 0 ? f->time - cl->p.max_span_seconds
                                                                        : INT64_MIN;
    if (f->n_shingles &&
        cx_lsh_best(cl->lsh, &f->sig, cl->p.dup_threshold, since, &orig_key, &orig_story, &jaccard)) {
        int64_t moved = cx_moved_map_get(&cl->moved, orig_key); /* by a consolidation */
        int64_t id = resolve_compress(cl, moved > 0 ? moved : orig_story);
        story *s = id > 0 ? story_get(cl, id) : NULL;
        if (!s) return CHORUS_ENOMEM;
        if (decay(cl, f->time, s) > 0) {
            out->story = id;
            out->duplicate_of = orig_key;
            out->similarity = jaccard;
            return place(cl, s, f, n, 1, key, orig_key);
        }
    }

    int n_cand = candidates(cl, f, n);
    if (n_cand < 0) return n_cand;
    const scored *best = NULL;
    for (int i = 0; i < n_cand && !best; i++)
        if (eligible(cl, &cl->scored[i])) best = &cl->scored[i];
    if (!best) {
        story *s = story_new(cl, cl->last_id + 1);
        if (!s) return CHORUS_ENOMEM;
        out->story = s->id;
        out->new_story = 1;
        out->similarity = n_cand ? cl->scored[0].score : 0;
        return place(cl, s, f, n, 0, key, -1);
    }

    /* The stories near the article that are really the same story as the
     * one it joins (centroids alike) merge into the oldest of them. Near:
     * the article could have joined them too (eligible); a story that
     * shares a few of its words is no evidence that the two are one event,
     * and comparing the centroid of every candidate was most of a
     * decision's work. On the synthetic 100k feed (stories of one kind
     * overlapping in time) B-cubed F1 0.44 -> 0.51, merges 11.6k -> 9.5k. */
    story *group[1 + MAX_MERGES];
    size_t n_group = 1;
    group[0] = best->s;
    double best_score = best->score;
    dense_centroid(cl, best->s, 1);
    for (int i = 0; i < n_cand && n_group < 1 + MAX_MERGES; i++) {
        story *o = cl->scored[i].s;
        /* A story of one article is that article: it merges at the bar an
         * article joins at. */
        double bar = o->n_articles <= 1 || best->s->n_articles <= 1 ? cl->p.join_threshold : cl->p.merge_threshold;
        if (o != best->s && eligible(cl, &cl->scored[i]) && !too_long_together(cl, best->s, o) &&
            !kept_apart(best->s, o) &&
            cosine_centroids(cl, best->s, o) >= bar)
            group[n_group++] = o;
    }
    dense_centroid(cl, best->s, 0);
    qsort(group, n_group, sizeof *group, cmp_story_id);
    story *target = group[0];
    for (size_t i = 1; i < n_group && rc == 0; i++) {
        out->merged_from[out->n_merged++] = group[i]->id;
        rc = merge_into(cl, group[i], target);
    }
    if (rc) return rc;
    out->story = target->id;
    out->similarity = best_score;
    return place(cl, target, f, n, 0, key, -1);
}

/* Apply the merges noted for the article being restored, at the point
 * cx_clusterer_add made them: after counting the article, before placing it. */
static int apply_pending_merges(cx_clusterer *cl)
{
    int rc = 0;
    for (size_t i = 0; i < cl->n_pending && rc == 0; i++) {
        int64_t from_story = cl->pending[i].from, into_story = cl->pending[i].into;
        if (ensure_story_id(cl, from_story) || ensure_story_id(cl, into_story)) return CHORUS_ENOMEM;
        if (!cl->parent[into_story] && !story_get(cl, into_story)) return CHORUS_ENOMEM;
        int64_t into = resolve_compress(cl, into_story);
        if (!cl->parent[from_story]) { /* never seen: only the id is taken */
            cl->parent[from_story] = into;
            if (from_story > cl->last_id) cl->last_id = from_story;
            continue;
        }
        int64_t from = resolve_compress(cl, from_story);
        if (from == into) continue;
        story *a = cl->live[from];
        story *b = story_get(cl, into);
        if (!b) return CHORUS_ENOMEM;
        if (!a) cl->parent[from] = into;
        else rc = merge_into(cl, a, b);
    }
    cl->n_pending = 0;
    return rc;
}

int cx_clusterer_restore(cx_clusterer *cl, int64_t key, const cx_features *f, int64_t story_id,
                         int64_t duplicate_of)
{
    if (!cl || !f || key < 0 || story_id <= 0 || f->vocab != cl->fx.vocab) return CHORUS_EINVAL;
    int rc = count_document(cl, f);
    if (rc == 0) rc = apply_pending_merges(cl);
    size_t n = 0;
    if (rc == 0) rc = article_vector(cl, f, &n);
    if (rc) return rc;
    if (ensure_story_id(cl, story_id)) return CHORUS_ENOMEM;
    int64_t id = cl->parent[story_id] ? resolve_compress(cl, story_id) : story_id;
    story *s = story_get(cl, id);
    if (!s) return CHORUS_ENOMEM;
    return place(cl, s, f, n, duplicate_of >= 0, key, duplicate_of);
}

int cx_clusterer_note_merge(cx_clusterer *cl, int64_t from_story, int64_t into_story)
{
    if (!cl || from_story <= 0 || into_story <= 0) return CHORUS_EINVAL;
    merge_note m = {from_story, into_story};
    return CX_PUSH(cl->pending, cl->n_pending, cl->cap_pending, m);
}

/* ---- helpers for consolidation (cluster_internal.h) ---------------------------------- */

double cx_engine_idf(const cx_clusterer *cl, int32_t t) { return idf(cl, t); }

int64_t cx_engine_resolve(cx_clusterer *cl, int64_t id) { return resolve_compress(cl, id); }

story *cx_engine_story_get(cx_clusterer *cl, int64_t id) { return story_get(cl, id); }

story *cx_engine_story_new(cx_clusterer *cl) { return story_new(cl, cl->last_id + 1); }

int cx_engine_centroid_change(cx_clusterer *cl, story *s, const int32_t *term, const double *w, size_t n,
                              int sign)
{
    return centroid_change(cl, s, term, w, n, sign);
}

uint64_t cx_engine_window_seq(const cx_clusterer *cl, size_t i) { return cl->n_placed - cl->win.n + i; }

int cx_engine_refresh(cx_clusterer *cl, story *s, int64_t time)
{
    cx_engine_touch(cl, s, time);
    return reindex(cl, s);
}

void cx_engine_touch(cx_clusterer *cl, story *s, int64_t time)
{
    note_time(s, time);
    reopen(cl, s);
}

int cx_engine_reindex(cx_clusterer *cl, story *s) { return reindex(cl, s); }

void cx_engine_retire(cx_clusterer *cl, story *s, int64_t into)
{
    cl->parent[s->id] = into;
    evict(cl, s);
}
