/* Clustering a whole corpus in memory (chorus cluster): every article in
 * publication order through the story engine and the topic engine, as a
 * feed would bring them, then stories nested in topics. The store does the
 * same one window at a time (store.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "util.h"

/* Publication order, stable; articles without a date keep their place after the dated ones. */
typedef struct {
    size_t index;
    int64_t time;
} order_item;

static int cmp_order(const void *a, const void *b)
{
    const order_item *x = a, *y = b;
    int xu = x->time == INT64_MIN, yu = y->time == INT64_MIN;
    if (xu != yu) return xu - yu;
    if (x->time != y->time) return x->time < y->time ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* Regroup the recent articles; the moved ones take their new story. */
static int consolidate(cx_clusterer *cl, cx_assignment *as)
{
    cx_consolidation moves;
    int rc = cx_clusterer_consolidate(cl, &moves);
    if (rc) return rc;
    for (size_t m = 0; m < moves.n_moves; m++) as[moves.moves[m].key].story = moves.moves[m].to;
    cx_consolidation_free(&moves);
    return 0;
}

/* Place every article, in `order`, with the engine of parameters p; as[i]
 * gets article i's assignment and group[i] its final group. Returns 0 or
 * the index of the article that failed + 1 (with *err the code). */
static size_t run_engine(const cx_cluster_params *p, const chorus_corpus *c, const order_item *order,
                         cx_assignment *as, int64_t *group, size_t *n_groups, int *err)
{
    cx_clusterer *cl = cx_clusterer_new(p);
    if (!cl) {
        *err = CHORUS_ENOMEM;
        return 1;
    }
    for (size_t k = 0; k < c->n_articles; k++) {
        size_t i = order[k].index;
        cx_features *f = NULL;
        int rc = cx_features_from_article(cl, &c->articles[i], &f);
        if (rc == 0) rc = cx_clusterer_add(cl, (int64_t)i, f, &as[i]);
        cx_features_free(f);
        if (rc == 0 && p->window_articles && ((k + 1) % p->consolidate_every == 0 || k + 1 == c->n_articles))
            rc = consolidate(cl, as);
        if (rc < 0) {
            *err = rc;
            cx_clusterer_free(cl);
            return i + 1;
        }
    }
    for (size_t i = 0; i < c->n_articles; i++) group[i] = cx_clusterer_resolve(cl, as[i].story);
    *n_groups = 0;
    for (int64_t s = 1; s <= cx_clusterer_last_story(cl); s++) *n_groups += cx_clusterer_resolve(cl, s) == s;
    cx_clusterer_free(cl);
    return 0;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Distinct values of v[0..n) (v is left sorted). */
static size_t count_distinct(int64_t *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_i64);
    size_t d = 0;
    for (size_t i = 0; i < n; i++) d += i == 0 || v[i] != v[i - 1];
    return d;
}

typedef struct {
    int64_t story, topic;
    size_t index;
} story_topic;

static int cmp_story_topic(const void *a, const void *b)
{
    const story_topic *x = a, *y = b;
    if (x->story != y->story) return x->story < y->story ? -1 : 1;
    if (x->topic != y->topic) return x->topic < y->topic ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* Stories nest in topics: the articles of one story that the topic engine
 * put in different topics are different stories (the part holding the
 * story's first article in `order` keeps its id, the others take new ids
 * above every id used). */
static int nest_stories(size_t n, const order_item *order, int64_t *story, const int64_t *topic)
{
    story_topic *v = malloc((n + 1) * sizeof *v);
    size_t *rank = malloc((n + 1) * sizeof *rank);
    if (!v || !rank) {
        free(v);
        free(rank);
        return CHORUS_ENOMEM;
    }
    for (size_t k = 0; k < n; k++) rank[order[k].index] = k;
    int64_t next = 0;
    for (size_t i = 0; i < n; i++) {
        v[i] = (story_topic){story[i], topic[i], rank[i]};
        if (story[i] > next) next = story[i];
    }
    qsort(v, n, sizeof *v, cmp_story_topic);
    for (size_t i = 0; i < n;) {
        size_t j = i, first = i;
        while (j < n && v[j].story == v[i].story) {
            if (v[j].index < v[first].index) first = j;
            j++;
        }
        for (size_t k = i; k < j;) {
            size_t e = k;
            while (e < j && v[e].topic == v[k].topic) e++;
            int64_t id = v[first].topic == v[k].topic ? v[i].story : ++next;
            for (size_t m = k; m < e; m++) story[order[v[m].index].index] = id;
            k = e;
        }
        i = j;
    }
    free(v);
    free(rank);
    return 0;
}

/* Story-level parameters from options by name: the window first, since it
 * sets what follows from it (half-life, span), then the others as given. */
static int params_from(cx_cluster_params *p, const char *const *names, const double *values, size_t n,
                       chorus_error *err)
{
    cx_cluster_params_default(p);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            if ((strcmp(names[i], "window-days") == 0) != (pass == 0)) continue;
            if (cx_cluster_params_set(p, names[i], values[i]))
                return cx_fail(err, CHORUS_EINVAL, "--%s wants %s, not '%g'", names[i],
                               cx_cluster_option_wants(names[i]), values[i]);
        }
    return 0;
}

int chorus_cluster_options_check(const char *const *names, const double *values, size_t n, chorus_error *err)
{
    cx_cluster_params p;
    return params_from(&p, names, values, n, err);
}

int chorus_cluster_corpus(const chorus_corpus *c, const char *const *names, const double *values, size_t n,
                          chorus_clustering *out, chorus_error *err)
{
    memset(out, 0, sizeof *out);
    cx_cluster_params p, tp;
    int rc = params_from(&p, names, values, n, err);
    if (rc) return rc;
    cx_cluster_params_topic(&tp);
    if (!p.window_articles) tp.window_articles = 0; /* online decisions only, at both levels */
    size_t na = c->n_articles;
    order_item *order = malloc((na + 1) * sizeof *order);
    cx_assignment *as = calloc(na + 1, sizeof *as), *tas = calloc(na + 1, sizeof *tas);
    int64_t *group = malloc((na + 1) * sizeof *group), *topic = malloc((na + 1) * sizeof *topic);
    chorus_cluster_item *items = calloc(na + 1, sizeof *items);
    if (!order || !as || !tas || !group || !topic || !items) {
        rc = cx_fail(err, CHORUS_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < na; i++) order[i] = (order_item){i, c->articles[i].published_unix};
    qsort(order, na, sizeof *order, cmp_order);
    size_t n_groups = 0, n_topics = 0;
    int code = 0;
    size_t failed = run_engine(&p, c, order, as, group, &n_groups, &code);
    if (!failed) failed = run_engine(&tp, c, order, tas, topic, &n_topics, &code);
    if (!failed && (code = nest_stories(na, order, group, topic))) failed = 1;
    if (failed) {
        const chorus_article *a = &c->articles[failed - 1];
        rc = cx_fail(err, code, "%s: %s", a->origin ? a->origin : a->id ? a->id : "?", chorus_strerror(code));
        goto done;
    }
    for (size_t k = 0; k < na; k++) {
        size_t i = order[k].index;
        items[k] = (chorus_cluster_item){.article = i,
                                         .story = group[i],
                                         .topic = topic[i],
                                         .duplicate_of = as[i].duplicate_of,
                                         .similarity = as[i].similarity,
                                         .new_story = as[i].new_story};
        out->n_duplicates += as[i].duplicate_of >= 0;
    }
    out->items = items;
    items = NULL;
    out->n = na;
    out->n_stories = count_distinct(group, na);
    out->n_topics = count_distinct(topic, na);
done:
    free(order);
    free(as);
    free(tas);
    free(group);
    free(topic);
    free(items);
    return rc;
}

void chorus_clustering_free(chorus_clustering *r)
{
    if (!r) return;
    free(r->items);
    memset(r, 0, sizeof *r);
}
