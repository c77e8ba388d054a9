/* The recent-article window and its nearest-neighbour graph (window.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "u64map.h"
#include "util.h"
#include "window.h"

int cx_window_init(cx_window *win, size_t capacity)
{
    memset(win, 0, sizeof *win);
    if (capacity == 0) return 0;
    win->e = cx_calloc(capacity, sizeof *win->e);
    if (!win->e) return CHORUS_ENOMEM;
    win->cap = capacity;
    return 0;
}

static void entry_clear(cx_window_entry *e)
{
    free(e->term);
    free(e->w);
    memset(e, 0, sizeof *e);
}

void cx_window_free(cx_window *win)
{
    if (!win->e) return;
    for (size_t i = 0; i < win->cap; i++) entry_clear(&win->e[i]);
    free(win->e);
    memset(win, 0, sizeof *win);
}

cx_window_entry *cx_window_at(cx_window *win, size_t i)
{
    return &win->e[(win->head + i) % win->cap];
}

int cx_window_push(cx_window *win, int64_t key, int64_t story, int64_t dup_root, int64_t time,
                   const int32_t *term, const double *w, size_t n)
{
    if (win->cap == 0) return 0;
    cx_window_entry *e;
    if (win->n < win->cap) {
        e = &win->e[(win->head + win->n) % win->cap];
        win->n++;
    } else {
        e = &win->e[win->head];
        win->head = (win->head + 1) % win->cap;
    }
    entry_clear(e);
    *e = (cx_window_entry){key, story, dup_root, time, NULL, NULL, 0};
    if (n == 0) return 0;
    e->term = cx_malloc(n * sizeof *e->term);
    e->w = cx_malloc(n * sizeof *e->w);
    if (!e->term || !e->w) {
        entry_clear(e);
        return CHORUS_ENOMEM;
    }
    memcpy(e->term, term, n * sizeof *term);
    memcpy(e->w, w, n * sizeof *w);
    e->n = (uint32_t)n;
    return 0;
}

/* ---- the nearest-neighbour graph ---------------------------------------------------- */

typedef struct neighbour {
    uint32_t node;
    double sim;
} neighbour;

/* Keep the k best (highest similarity, then lowest node) in a small sorted array. */
static void keep_best(neighbour *best, size_t *n, size_t k, neighbour c)
{
    if (k == 0) return; /* no links asked for (best[k - 1] would be before the array) */
    size_t i = *n;
    if (i == k) {
        const neighbour *last = &best[k - 1];
        if (c.sim < last->sim || (c.sim == last->sim && c.node > last->node)) return;
        i = k - 1;
    } else {
        (*n)++;
    }
    while (i > 0 && (best[i - 1].sim < c.sim || (best[i - 1].sim == c.sim && best[i - 1].node > c.node))) {
        best[i] = best[i - 1];
        i--;
    }
    best[i] = c;
}

typedef struct cand {
    uint32_t node;
    float partial;
} cand;

/* 1 when a ranks below b (smaller partial, then larger node). */
static int cand_worse(const cand *a, const cand *b)
{
    return a->partial < b->partial || (a->partial == b->partial && a->node > b->node);
}

/* Sift down in a heap whose root is the worst candidate kept. */
static void cand_sift(cand *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && cand_worse(&h[l], &h[m])) m = l;
        if (r < n && cand_worse(&h[r], &h[m])) m = r;
        if (m == i) return;
        cand t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

/* Offer a candidate to a node's heap of at most `exact` (the root is the
 * worst kept once full). */
static void heap_offer(cand *h, uint32_t *n, size_t exact, cand x)
{
    if (*n < exact) {
        h[(*n)++] = x;
        if (*n == exact)
            for (size_t j = exact / 2 + 1; j-- > 0;) cand_sift(h, exact, j);
    } else if (cand_worse(&h[0], &x)) {
        h[0] = x;
        cand_sift(h, exact, 0);
    }
}

int cx_window_knn_graph(cx_window *win, cx_idf_fn idf, cx_time_fn time_factor, const void *ctx, size_t k,
                        double min_similarity, cx_graph *graph, size_t **node_entry)
{
    memset(graph, 0, sizeof *graph);
    *node_entry = NULL;
    int rc = CHORUS_ENOMEM;
    size_t n_nodes = 0, n_vals = 0;
    for (size_t i = 0; i < win->n; i++) {
        const cx_window_entry *e = cx_window_at(win, i);
        if (e->n == 0 || e->dup_root >= 0) continue;
        n_nodes++;
        n_vals += e->n;
    }
    /* The window's terms get local ids (a hash table, first seen first):
     * the arrays indexed by term are as large as the window's own
     * vocabulary, not the whole engine's, which grows with the feed. */
    cx_u64map local = {0};
    double *term_idf = cx_malloc((n_vals + 1) * sizeof *term_idf);
    size_t *entry = cx_malloc((n_nodes + 1) * sizeof *entry);
    size_t *off = cx_malloc((n_nodes + 1) * sizeof *off);
    int32_t *term = cx_malloc((n_vals + 1) * sizeof *term);
    float *val = cx_malloc((n_vals + 1) * sizeof *val);
    uint32_t *df = NULL;
    size_t *post_off = NULL;
    uint32_t *post_node = NULL, *ea = NULL, *eb = NULL;
    float *post_val = NULL, *acc = NULL;
    uint32_t *seen = NULL; /* per node: the last node that counted it as a candidate, + 1 */
    double *ew = NULL;
    cand *cands = NULL, *heaps = NULL; /* per node: its best `exact` candidates */
    uint32_t *heap_n = NULL;
    int64_t *times = NULL; /* per node */
    size_t exact = 4 * k + 8; /* candidates whose exact cosine is taken */
    neighbour *best = cx_malloc((k + 1) * sizeof *best);
    float *dense = NULL; /* the article being linked, by term: exact cosines without merging */
    neighbour *cosines = NULL; /* per node: the exact cosines (before time) of its `exact` candidates */
    uint32_t *n_cosines = NULL;
    times = cx_malloc((n_nodes + 1) * sizeof *times);
    if (!term_idf || !entry || !off || !term || !val || !best || !times) goto done;
    for (size_t i = 0, pos = 0; i < win->n; i++) {
        const cx_window_entry *e = cx_window_at(win, i);
        if (e->n == 0 || e->dup_root >= 0) continue;
        for (uint32_t t = 0; t < e->n; t++) {
            int32_t g = e->term[t];
            int added;
            int64_t id = cx_u64map_add(&local, (uint64_t)(uint32_t)g, &added);
            if (id < 0) goto done;
            if (added) term_idf[id] = idf(ctx, g);
            term[pos++] = (int32_t)id;
        }
    }
    int32_t max_term = (int32_t)local.n - 1;
    df = cx_calloc((size_t)max_term + 2, sizeof *df);
    post_off = cx_calloc((size_t)max_term + 3, sizeof *post_off);
    if (!df || !post_off) goto done;

    /* Unit idf-weighted vectors, the nodes in window order. */
    size_t node = 0, pos = 0;
    for (size_t i = 0; i < win->n; i++) {
        const cx_window_entry *e = cx_window_at(win, i);
        if (e->n == 0 || e->dup_root >= 0) continue;
        entry[node] = i;
        times[node] = e->time;
        off[node] = pos;
        double norm = 0;
        for (uint32_t t = 0; t < e->n; t++) {
            double x = e->w[t] * term_idf[term[pos + t]];
            val[pos + t] = (float)x;
            norm += x * x;
            df[term[pos + t]]++;
        }
        norm = norm > 0 ? sqrt(norm) : 1;
        for (uint32_t t = 0; t < e->n; t++) val[pos + t] = (float)(val[pos + t] / norm);
        pos += e->n;
        node++;
    }
    off[n_nodes] = pos;
    if (!(dense = cx_calloc((size_t)max_term + 2, sizeof *dense))) goto done;

    /* Postings of the terms that can find neighbours: shared by two articles
     * at least, and not so common that walking them costs more than their
     * small idf tells (those still count in the exact cosine below). */
    size_t max_df = n_nodes / 100 > 100 ? n_nodes / 100 : 100;
    for (int32_t t = 0; t <= max_term; t++)
        post_off[t + 1] = post_off[t] + (df[t] >= 2 && df[t] <= max_df ? df[t] : 0);
    size_t n_post = post_off[max_term + 1];
    post_node = cx_malloc((n_post + 1) * sizeof *post_node);
    post_val = cx_malloc((n_post + 1) * sizeof *post_val);
    acc = cx_calloc(n_nodes + 1, sizeof *acc);
    seen = cx_calloc(n_nodes + 1, sizeof *seen);
    cands = cx_malloc((n_nodes + 1) * sizeof *cands);
    size_t cap_edges = n_nodes * k + 1;
    ea = cx_malloc(cap_edges * sizeof *ea);
    eb = cx_malloc(cap_edges * sizeof *eb);
    ew = cx_malloc(cap_edges * sizeof *ew);
    cosines = cx_malloc((n_nodes * exact + 1) * sizeof *cosines);
    n_cosines = cx_calloc(n_nodes + 1, sizeof *n_cosines);
    heaps = cx_malloc((n_nodes * exact + 1) * sizeof *heaps);
    heap_n = cx_calloc(n_nodes + 1, sizeof *heap_n);
    if (!heaps || !heap_n || !post_node || !post_val || !acc || !seen || !cands || !ea || !eb || !ew || !cosines || !n_cosines) goto done;
    memset(df, 0, ((size_t)max_term + 2) * sizeof *df); /* now: fill cursor per term */
    for (size_t v = 0; v < n_nodes; v++)
        for (size_t p = off[v]; p < off[v + 1]; p++) {
            int32_t t = term[p];
            if (post_off[t + 1] == post_off[t]) continue;
            size_t at = post_off[t] + df[t]++;
            post_node[at] = (uint32_t)v;
            post_val[at] = val[p];
        }

    /* Rank candidates by the dot product over the posted terms, then take
     * the exact cosine of the best few. The partial of a pair is the same
     * sum from either side (the same products of the shared terms, added in
     * the same term order: terms are unique within a vector), so each pair
     * is summed once, by its later node (posting lists are in node order),
     * and offered to both nodes' candidate heaps. */
    for (size_t v = 0; v < n_nodes; v++) {
        size_t n_cand = 0;
        for (size_t p = off[v]; p < off[v + 1]; p++) {
            int32_t t = term[p];
            for (size_t q = post_off[t]; q < post_off[t + 1]; q++) {
                uint32_t u = post_node[q];
                if (u >= v) break;
                if (seen[u] != v + 1) {
                    seen[u] = (uint32_t)(v + 1);
                    cands[n_cand++] = (cand){u, 0};
                }
                acc[u] += val[p] * post_val[q];
            }
        }
        int64_t tv = times[v];
        /* Each node keeps the best `exact` by partial x time factor in a
         * heap (the same set whatever the order they come in). A time
         * factor is at most 1, so a pair whose partial alone ranks below
         * the worst kept by both nodes enters neither: its factor is not
         * computed. */
        for (size_t c = 0; c < n_cand; c++) {
            uint32_t u = cands[c].node;
            cand xv = {u, acc[u]}, xu = {(uint32_t)v, acc[u]};
            acc[u] = 0;
            if (heap_n[v] == exact && !cand_worse(&heaps[v * exact], &xv) && heap_n[u] == exact &&
                !cand_worse(&heaps[u * exact], &xu))
                continue;
            if (time_factor) {
                double tf = time_factor(ctx, tv, times[u]);
                if (!(tf > 0)) continue;
                xv.partial = xu.partial = (float)((double)xv.partial * tf);
            }
            heap_offer(heaps + v * exact, &heap_n[v], exact, xv);
            heap_offer(heaps + (size_t)u * exact, &heap_n[u], exact, xu);
        }
    }
    size_t n_edges = 0;
    for (size_t v = 0; v < n_nodes; v++) {
        int64_t tv = times[v];
        size_t take = heap_n[v];
        const cand *chosen = heaps + v * exact;
        size_t n_best = 0;
        int spread = 0; /* v is in the dense vector */
        neighbour *mine = cosines + v * exact;
        for (size_t c = 0; c < take; c++) {
            uint32_t u = chosen[c].node;
            /* The cosine is symmetric to the last bit (the same products of
             * the shared terms, added in the same term order): when u chose
             * v before, its sum is reused. */
            double sim = -1;
            if (u < v)
                for (uint32_t j = 0; j < n_cosines[u]; j++)
                    if (cosines[u * exact + j].node == v) {
                        sim = cosines[u * exact + j].sim;
                        break;
                    }
            if (sim < 0) {
                if (!spread) {
                    for (size_t p = off[v]; p < off[v + 1]; p++) dense[term[p]] = val[p];
                    spread = 1;
                }
                sim = 0;
                for (size_t p = off[u]; p < off[u + 1]; p++) sim += (double)dense[term[p]] * val[p];
            }
            mine[c] = (neighbour){u, sim};
            if (time_factor) sim *= time_factor(ctx, tv, times[u]);
            if (sim >= min_similarity) keep_best(best, &n_best, k, (neighbour){u, sim});
        }
        n_cosines[v] = (uint32_t)take;
        if (spread)
            for (size_t p = off[v]; p < off[v + 1]; p++) dense[term[p]] = 0;
        for (size_t b = 0; b < n_best; b++) {
            ea[n_edges] = (uint32_t)v;
            eb[n_edges] = best[b].node;
            ew[n_edges++] = best[b].sim;
        }
    }
    rc = cx_graph_from_edges(graph, n_nodes, ea, eb, ew, n_edges);
done:
    if (rc == 0) *node_entry = entry;
    else free(entry);
    cx_u64map_free(&local);
    free(term_idf);
    free(off);
    free(term);
    free(val);
    free(df);
    free(post_off);
    free(post_node);
    free(post_val);
    free(acc);
    free(seen);
    free(cands);
    free(heaps);
    free(heap_n);
    free(times);
    free(best);
    free(dense);
    free(cosines);
    free(n_cosines);
    free(ea);
    free(eb);
    free(ew);
    return rc;
}
