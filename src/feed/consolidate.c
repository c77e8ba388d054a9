/* Regrouping the recent articles as communities of their nearest-neighbour
 * graph (cx_clusterer_consolidate in cluster.h). */
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "cluster_internal.h"
#include "community.h"
#include "u64map.h"
#include "util.h"
#include "window.h"

#define CONSOLIDATE_MIN_ARTICLES 50

/* ---- consolidation ----------------------------------------------------------------- */

static double idf_of(const void *ctx, int32_t t) { return cx_engine_idf(ctx, t); }

/* Two reports as far apart in time as a report from a story's period. */
static double time_of(const void *ctx, int64_t a, int64_t b)
{
    return cx_engine_time_factor(&((const cx_clusterer *)ctx)->p, a, b, b);
}

typedef struct member {
    uint32_t community;
    uint32_t node;
    int64_t story; /* current */
} member;

static int cmp_member(const void *a, const void *b)
{
    const member *x = a, *y = b;
    if (x->community != y->community) return x->community < y->community ? -1 : 1;
    if (x->story != y->story) return x->story < y->story ? -1 : 1;
    return (x->node > y->node) - (x->node < y->node);
}

typedef struct timed_node {
    uint32_t community, node;
    int64_t time;
} timed_node;

static int cmp_timed(const void *a, const void *b)
{
    const timed_node *x = a, *y = b;
    if (x->community != y->community) return x->community < y->community ? -1 : 1;
    if (x->time != y->time) return x->time < y->time ? -1 : 1;
    return (x->node > y->node) - (x->node < y->node);
}

/* A community whose reports span more than max_span (a chain of
 * links, each within the window) is cut, in time order, into pieces that
 * do not: a story is bounded in time (max_span). New pieces get new numbers. */
static int cut_long_communities(cx_clusterer *cl, cx_window *win, const size_t *node_entry, size_t n,
                                uint32_t *comm, size_t *n_comm)
{
    if (cl->p.max_span_seconds <= 0 || n == 0) return 0;
    timed_node *t = cx_malloc(n * sizeof *t);
    if (!t) return CHORUS_ENOMEM;
    for (size_t v = 0; v < n; v++)
        t[v] = (timed_node){comm[v], (uint32_t)v, cx_window_at(win, node_entry[v])->time};
    qsort(t, n, sizeof *t, cmp_timed);
    double span = (double)cl->p.max_span_seconds;
    int64_t start = INT64_MIN;
    uint32_t piece = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || t[i].community != t[i - 1].community) {
            start = INT64_MIN;
            piece = t[i].community;
        }
        if (t[i].time == INT64_MIN) { /* undated (sorted first): no time evidence */
            comm[t[i].node] = piece;
            continue;
        }
        if (start == INT64_MIN) start = t[i].time;
        else if ((double)t[i].time - (double)start > span) {
            piece = (uint32_t)(*n_comm)++;
            start = t[i].time;
        }
        comm[t[i].node] = piece;
    }
    free(t);
    return 0;
}

typedef struct community_span {
    uint32_t id;
    size_t first, n; /* its members in the sorted member array */
} community_span;

/* Larger communities first (ties between equal overlaps, and the order new
 * stories are opened in); ties by community number (the order of their
 * oldest article). */
static int cmp_span(const void *a, const void *b)
{
    const community_span *x = a, *y = b;
    if (x->n != y->n) return x->n < y->n ? 1 : -1;
    return (x->id > y->id) - (x->id < y->id);
}

typedef struct overlap {
    size_t count; /* the community's articles in the story */
    size_t rank;  /* the community's place in the span order */
    int64_t story;
} overlap;

static int cmp_overlap(const void *a, const void *b)
{
    const overlap *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
    return (x->story > y->story) - (x->story < y->story);
}

typedef struct key_pos {
    int64_t key;
    size_t pos; /* window position */
} key_pos;

static int cmp_key_pos(const void *a, const void *b)
{
    const key_pos *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Move the article at window position `pos` to story `to`. */
static int move_entry(cx_clusterer *cl, size_t pos, int64_t from, int64_t to, cx_consolidation *out,
                      size_t *cap_moves, int64_t **touched, size_t *n_touched, size_t *cap_touched,
                      int64_t **gained, size_t *n_gained, size_t *cap_gained)
{
    cx_window_entry *e = cx_window_at(&cl->win, pos);
    story *a = cl->live[from];
    story *b = cx_engine_story_get(cl, to);
    if (!b) return CHORUS_ENOMEM;
    uint64_t seq = cx_engine_window_seq(cl, pos);
    if (seq > b->last_seq) b->last_seq = seq;
    int rc = 0;
    if (a) {
        if (e->n) rc = cx_engine_centroid_change(cl, a, e->term, e->w, e->n, -1);
        if (a->n_articles) a->n_articles--;
    }
    if (rc == 0 && e->n) rc = cx_engine_centroid_change(cl, b, e->term, e->w, e->n, 1);
    b->n_articles++;
    /* Nothing reads the index during a regrouping: a story that gains
     * many articles is re-posted once, after the last (cx_clusterer_consolidate). */
    cx_engine_touch(cl, b, e->time);
    if (rc == 0 && CX_PUSH(*gained, *n_gained, *cap_gained, to)) rc = CHORUS_ENOMEM;
    cx_move m = {e->key, from, to};
    if (rc == 0 && CX_PUSH(out->moves, out->n_moves, *cap_moves, m)) rc = CHORUS_ENOMEM;
    if (rc == 0 && CX_PUSH(*touched, *n_touched, *cap_touched, from)) rc = CHORUS_ENOMEM;
    /* Only a near-copy's original is looked up, and only while the near-copy
     * index holds it: what fell out of the index is forgotten before the
     * table grows, so it keeps the recent moves, not all of the feed's. */
    if (rc == 0 && cx_moved_map_full(&cl->moved)) rc = cx_moved_map_prune(&cl->moved, cx_lsh_min_key(cl->lsh));
    if (rc == 0) rc = cx_moved_map_set(&cl->moved, e->key, to);
    e->story = to;
    return rc;
}

int cx_clusterer_consolidate(cx_clusterer *cl, cx_consolidation *out)
{
    if (!cl || !out) return CHORUS_EINVAL;
    memset(out, 0, sizeof *out);
    cx_window *win = &cl->win;
    /* With few articles the graph's null model is too coarse (two linked
     * reports alone are "expected" to link): the online decisions stand. */
    if (win->n < CONSOLIDATE_MIN_ARTICLES) return 0;
    cx_graph g;
    size_t *node_entry = NULL;
    int rc = cx_window_knn_graph(win, idf_of, time_of, cl, cl->p.neighbours, cl->p.neighbour_min_similarity, &g,
                                 &node_entry);
    if (rc) return rc;
    size_t n = g.n, n_comm = 0, cap_moves = 0, n_touched = 0, cap_touched = 0, cap_created = 0,
           cap_retired = 0;
    uint32_t *comm = cx_malloc((n + 1) * sizeof *comm);
    member *mem = cx_malloc((n + 1) * sizeof *mem);
    community_span *span = NULL;
    int64_t *target = NULL, *touched = NULL, *gained = NULL;
    size_t n_gained = 0, cap_gained = 0;
    key_pos *keys = cx_malloc((win->n + 1) * sizeof *keys);
    /* Stories taken by a community: a set as large as the window, not as
     * the number of stories ever made. */
    cx_u64map claimed = {0};
    uint32_t *pre = NULL;          /* communities before division */
    unsigned char *divided = NULL; /* per community before division: was it divided */
    int64_t last_before = cl->last_id;
    rc = CHORUS_ENOMEM;
    if (!comm || !mem || !keys) goto done;
    if ((rc = cx_louvain(&g, cl->p.resolution, cl->p.reference_articles, comm, &n_comm))) goto done;
    if (cl->p.split_unions) {
        /* Modularity's resolution limit, and time as evidence: see cx_split_unions. */
        rc = CHORUS_ENOMEM;
        int64_t *when = cx_malloc((n + 1) * sizeof *when), *now = cx_malloc((n + 1) * sizeof *now);
        pre = cx_malloc((n + 1) * sizeof *pre);
        divided = cx_calloc(n + 1, 1);
        uint32_t *first = cx_malloc((n + 1) * sizeof *first);
        if (!when || !now || !pre || !divided || !first) {
            free(first);
            free(when);
            free(now);
            goto done;
        }
        for (size_t v = 0; v < n; v++) {
            const cx_window_entry *e = cx_window_at(win, node_entry[v]);
            when[v] = e->time;
            now[v] = cx_engine_resolve(cl, e->story);
        }
        memcpy(pre, comm, n * sizeof *pre);
        rc = cx_split_unions(&g, when, now, comm, &n_comm);
        for (size_t v = 0; v < n; v++) first[v] = UINT32_MAX;
        for (size_t v = 0; v < n; v++) {
            if (first[pre[v]] == UINT32_MAX) first[pre[v]] = comm[v];
            else if (first[pre[v]] != comm[v]) divided[pre[v]] = 1;
        }
        free(first);
        free(when);
        free(now);
        if (rc) goto done;
    }
    if ((rc = cut_long_communities(cl, win, node_entry, n, comm, &n_comm))) goto done;
    rc = CHORUS_ENOMEM;
    span = cx_calloc(n_comm + 1, sizeof *span);
    target = cx_calloc(n_comm + 1, sizeof *target);
    if (!span || !target) goto done;

    for (size_t v = 0; v < n; v++) {
        cx_window_entry *e = cx_window_at(win, node_entry[v]);
        mem[v] = (member){comm[v], (uint32_t)v, cx_engine_resolve(cl, e->story)};
    }
    qsort(mem, n, sizeof *mem, cmp_member);
    for (size_t i = 0; i < n; i++) {
        community_span *s = &span[mem[i].community];
        if (s->n == 0) s->first = i;
        s->id = mem[i].community;
        s->n++;
    }
    qsort(span, n_comm, sizeof *span, cmp_span);

    /* Communities take the stories their articles are in, the largest
     * overlap first (ties: the larger community, then the lower ids): each
     * takes one story and each story goes to one community, and the
     * pairs matched this way hold the most articles a greedy match can
     * leave where they are, so a regrouping that keeps the partition moves
     * nothing and one that changes it moves few. A community left without
     * a story of its own opens a new one. */
    rc = CHORUS_ENOMEM;
    size_t n_pairs = 0;
    overlap *pairs = cx_malloc((n + 1) * sizeof *pairs);
    if (!pairs) goto done;
    for (size_t c = 0; c < n_comm; c++) {
        const community_span *s = &span[c];
        for (size_t i = s->first; i < s->first + s->n;) {
            size_t j = i;
            while (j < s->first + s->n && mem[j].story == mem[i].story) j++;
            int64_t id = mem[i].story;
            if (id > 0 && id <= last_before) pairs[n_pairs++] = (overlap){j - i, c, id};
            i = j;
        }
    }
    qsort(pairs, n_pairs, sizeof *pairs, cmp_overlap);
    for (size_t k = 0; k < n_pairs; k++) {
        uint32_t c = span[pairs[k].rank].id;
        if (target[c] || cx_u64map_find(&claimed, (uint64_t)pairs[k].story) >= 0) continue;
        if (cx_u64map_add(&claimed, (uint64_t)pairs[k].story, NULL) < 0) {
            free(pairs);
            goto done;
        }
        target[c] = pairs[k].story;
    }
    free(pairs);
    for (size_t c = 0; c < n_comm; c++) {
        if (target[span[c].id]) continue;
        story *fresh = cx_engine_story_new(cl);
        if (!fresh) goto done;
        fresh->n_articles = 0;
        if (CX_PUSH(out->created, out->n_created, cap_created, fresh->id)) goto done;
        target[span[c].id] = fresh->id;
    }

    /* The stories of the parts of one divided community share a mark the
     * online stage respects (story.apart); the others lose theirs. */
    rc = 0;
    if (pre) {
        for (size_t v = 0; v < n && rc == 0; v++) {
            story *s = cx_engine_story_get(cl, target[comm[v]]);
            if (!s) rc = CHORUS_ENOMEM;
            else s->apart = divided[pre[v]] ? cl->apart_next + pre[v] + 1 : 0;
        }
        cl->apart_next += n + 1;
        if (rc) goto done;
    }
    /* Move the articles whose community went elsewhere, in window order. */
    rc = 0;
    for (size_t v = 0; v < n && rc == 0; v++) {
        cx_window_entry *e = cx_window_at(win, node_entry[v]);
        int64_t from = cx_engine_resolve(cl, e->story), to = target[comm[v]];
        if (from != to)
            rc = move_entry(cl, node_entry[v], from, to, out, &cap_moves, &touched, &n_touched, &cap_touched,
                            &gained, &n_gained, &cap_gained);
    }
    /* A near-duplicate follows its original when the original is in the window. */
    for (size_t i = 0; i < win->n; i++) keys[i] = (key_pos){cx_window_at(win, i)->key, i};
    qsort(keys, win->n, sizeof *keys, cmp_key_pos);
    for (size_t i = 0; i < win->n && rc == 0; i++) {
        cx_window_entry *e = cx_window_at(win, i);
        if (e->dup_root < 0) continue;
        key_pos want = {e->dup_root, 0};
        const key_pos *root = bsearch(&want, keys, win->n, sizeof *keys, cmp_key_pos);
        if (!root) continue;
        int64_t from = cx_engine_resolve(cl, e->story);
        int64_t to = cx_engine_resolve(cl, cx_window_at(win, root->pos)->story);
        if (to > 0 && from != to)
            rc = move_entry(cl, i, from, to, out, &cap_moves, &touched, &n_touched, &cap_touched, &gained,
                            &n_gained, &cap_gained);
    }

    /* Stories left empty retire into the story that took their first article;
     * the others re-post their changed centroids. */
    if (rc == 0 && n_touched) {
        qsort(touched, n_touched, sizeof *touched, cmp_i64);
        for (size_t i = 0; i < n_touched && rc == 0; i++) {
            if (i && touched[i] == touched[i - 1]) continue;
            story *s = cl->live[touched[i]];
            if (!s) continue;
            if (s->n_articles == 0) {
                int64_t into = 0;
                for (size_t m = 0; m < out->n_moves && !into; m++)
                    if (out->moves[m].from == s->id) into = out->moves[m].to;
                int64_t pair[2] = {s->id, into};
                if (cx_grow((void **)&out->retired, &cap_retired, out->n_retired + 1, sizeof *out->retired)) {
                    rc = CHORUS_ENOMEM;
                    break;
                }
                memcpy(out->retired[out->n_retired++], pair, sizeof pair);
                cx_engine_retire(cl, s, into);
            } else {
                rc = cx_engine_refresh(cl, s, INT64_MIN);
            }
        }
    }
    /* The stories that gained articles and are not re-posted above. */
    if (rc == 0 && n_gained) {
        qsort(gained, n_gained, sizeof *gained, cmp_i64);
        for (size_t i = 0; i < n_gained && rc == 0; i++) {
            if (i && gained[i] == gained[i - 1]) continue;
            story *s = cl->live[gained[i]];
            if (!s || (n_touched && bsearch(&gained[i], touched, n_touched, sizeof *touched, cmp_i64))) continue;
            rc = cx_engine_reindex(cl, s);
        }
    }
done:
    if (rc) cx_consolidation_free(out);
    cx_graph_free(&g);
    free(node_entry);
    free(comm);
    free(mem);
    free(span);
    free(target);
    free(touched);
    free(gained);
    free(keys);
    free(pre);
    free(divided);
    cx_u64map_free(&claimed);
    return rc;
}

void cx_consolidation_free(cx_consolidation *c)
{
    if (!c) return;
    free(c->moves);
    free(c->created);
    free(c->retired);
    memset(c, 0, sizeof *c);
}
