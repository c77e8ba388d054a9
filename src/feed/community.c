/* Louvain modularity communities (see community.h). */
#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "community.h"
#include "util.h"

typedef struct edge {
    uint32_t a, b;
    double w;
} edge;

static int cmp_edge(const void *x, const void *y)
{
    const edge *p = x, *q = y;
    if (p->a != q->a) return p->a < q->a ? -1 : 1;
    if (p->b != q->b) return p->b < q->b ? -1 : 1;
    return (p->w < q->w) - (p->w > q->w); /* largest weight first */
}

/* The graph of edges e[0..m) given in both directions: sorted, parallel
 * edges folded (their weights summed, or the largest kept), then laid out
 * as adjacency. Frees e. */
static int graph_from_directed(cx_graph *g, size_t n, edge *e, size_t m, int sum)
{
    qsort(e, m, sizeof *e, cmp_edge);
    size_t u = 0;
    for (size_t k = 0; k < m; k++) {
        if (u && e[u - 1].a == e[k].a && e[u - 1].b == e[k].b) {
            if (sum) e[u - 1].w += e[k].w; /* the largest came first otherwise */
        } else {
            e[u++] = e[k];
        }
    }
    g->n = n;
    g->off = cx_calloc(n + 1, sizeof *g->off);
    g->adj = cx_malloc((u + 1) * sizeof *g->adj);
    g->w = cx_malloc((u + 1) * sizeof *g->w);
    if (!g->off || !g->adj || !g->w) {
        free(e);
        cx_graph_free(g);
        return CHORUS_ENOMEM;
    }
    for (size_t k = 0; k < u; k++) {
        g->off[e[k].a + 1]++;
        g->adj[k] = e[k].b;
        g->w[k] = e[k].w;
    }
    for (size_t i = 0; i < n; i++) g->off[i + 1] += g->off[i];
    free(e);
    return 0;
}

int cx_graph_from_edges(cx_graph *g, size_t n, const uint32_t *a, const uint32_t *b, const double *w,
                        size_t n_edges)
{
    memset(g, 0, sizeof *g);
    edge *e = cx_malloc((2 * n_edges + 1) * sizeof *e);
    if (!e) return CHORUS_ENOMEM;
    size_t m = 0;
    for (size_t k = 0; k < n_edges; k++) {
        if (a[k] == b[k] || !(w[k] > 0) || a[k] >= n || b[k] >= n) continue;
        e[m++] = (edge){a[k], b[k], w[k]};
        e[m++] = (edge){b[k], a[k], w[k]};
    }
    return graph_from_directed(g, n, e, m, 0);
}

void cx_graph_free(cx_graph *g)
{
    if (!g) return;
    free(g->off);
    free(g->adj);
    free(g->w);
    memset(g, 0, sizeof *g);
}

/* One level of the method: a graph whose nodes may carry a self-loop (the
 * weight inside the community they stand for). */
typedef struct level {
    cx_graph g;
    double *self; /* weight of the self-loop, counted once */
} level;

static void level_free(level *l)
{
    cx_graph_free(&l->g);
    free(l->self);
}

/* Move nodes one at a time to the best neighbouring community until a whole
 * pass moves nothing. comm[] starts as the identity. Returns the number of
 * moves made, or a negative code. */
static long local_moves(const level *l, double resolution, double null_scale, const uint32_t *init, uint32_t *comm)
{
    size_t n = l->g.n;
    double *strength = cx_calloc(n + 1, sizeof *strength); /* k_i */
    double *total = cx_calloc(n + 1, sizeof *total);       /* sum of k_i over a community */
    double *link = cx_calloc(n + 1, sizeof *link);         /* weight from the node to a community */
    uint32_t *touched = cx_malloc((n + 1) * sizeof *touched);
    long moves = 0;
    if (!strength || !total || !link || !touched) {
        moves = CHORUS_ENOMEM;
        goto done;
    }
    double two_m = 0;
    for (size_t i = 0; i < n; i++) {
        double k = 2 * l->self[i];
        for (size_t e = l->g.off[i]; e < l->g.off[i + 1]; e++) k += l->g.w[e];
        strength[i] = k;
        two_m += k;
        comm[i] = init ? init[i] : (uint32_t)i;
    }
    for (size_t i = 0; i < n; i++) total[comm[i]] += strength[i];
    if (two_m <= 0) goto done;
    two_m *= null_scale;
    /* A pass is bounded: gains shrink, and a cap keeps a pathological
     * oscillation from running on. */
    for (int pass = 0; pass < 64; pass++) {
        long moved = 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t own = comm[i];
            size_t n_touched = 0;
            for (size_t e = l->g.off[i]; e < l->g.off[i + 1]; e++) {
                uint32_t c = comm[l->g.adj[e]];
                if (link[c] == 0) touched[n_touched++] = c;
                link[c] += l->g.w[e];
            }
            double k = strength[i];
            total[own] -= k;
            /* Gain of joining c: link(c) - resolution * total(c) * k / 2m. */
            uint32_t best = own;
            double best_gain = link[own] - resolution * total[own] * k / two_m;
            for (size_t t = 0; t < n_touched; t++) {
                uint32_t c = touched[t];
                double gain = link[c] - resolution * total[c] * k / two_m;
                if (gain > best_gain + 1e-12 || (gain > best_gain - 1e-12 && c < best && best != own)) {
                    best = c;
                    best_gain = gain;
                }
            }
            total[best] += k;
            if (best != own) {
                comm[i] = best;
                moved++;
            }
            for (size_t t = 0; t < n_touched; t++) link[touched[t]] = 0;
        }
        moves += moved;
        if (!moved) break;
    }
done:
    free(strength);
    free(total);
    free(link);
    free(touched);
    return moves;
}

/* Number communities 0.. in order of their lowest node; returns the count. */
static size_t renumber(uint32_t *comm, size_t n)
{
    uint32_t *map = cx_malloc((n + 1) * sizeof *map);
    if (!map) return 0;
    for (size_t i = 0; i < n; i++) map[i] = UINT32_MAX;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (map[comm[i]] == UINT32_MAX) map[comm[i]] = (uint32_t)k++;
        comm[i] = map[comm[i]];
    }
    free(map);
    return k;
}

/* The graph of communities: one node per community, edges summed. */
static int fold(const level *l, const uint32_t *comm, size_t k, level *out)
{
    memset(out, 0, sizeof *out);
    size_t n = l->g.n, m = l->g.off[n];
    edge *e = cx_malloc((m + 1) * sizeof *e);
    out->self = cx_calloc(k + 1, sizeof *out->self);
    if (!e || !out->self) {
        free(e);
        level_free(out);
        return CHORUS_ENOMEM;
    }
    size_t n_edges = 0;
    for (size_t i = 0; i < n; i++) {
        out->self[comm[i]] += l->self[i];
        for (size_t x = l->g.off[i]; x < l->g.off[i + 1]; x++) {
            uint32_t j = l->g.adj[x];
            if (comm[i] != comm[j]) e[n_edges++] = (edge){comm[i], comm[j], l->g.w[x]};
            else if (j > i) out->self[comm[i]] += l->g.w[x]; /* each inner edge once */
        }
    }
    int rc = graph_from_directed(&out->g, k, e, n_edges, 1);
    if (rc) level_free(out);
    return rc;
}

/* The multilevel method from a partition: fold the graph by `community`
 * (k communities), move folded nodes, fold again, until nothing moves;
 * community[] follows. */
static int multilevel(const level *base, double resolution, double null_scale, uint32_t *community, size_t k)
{
    size_t n = base->g.n;
    level cur;
    int owned = k < n, rc = 0;
    if (owned) {
        if ((rc = fold(base, community, k, &cur))) return rc;
    } else {
        cur = *base;
    }
    uint32_t *comm = cx_malloc((n + 1) * sizeof *comm);
    if (!comm) rc = CHORUS_ENOMEM;
    while (rc == 0) {
        long moves = local_moves(&cur, resolution, null_scale, NULL, comm);
        if (moves < 0) {
            rc = (int)moves;
            break;
        }
        k = renumber(comm, cur.g.n);
        if (k == 0 && cur.g.n) {
            rc = CHORUS_ENOMEM;
            break;
        }
        /* Each original node follows its folded node's community. */
        for (size_t i = 0; i < n; i++) community[i] = comm[community[i]];
        if (moves == 0 || k == cur.g.n) break;
        level next;
        rc = fold(&cur, comm, k, &next);
        if (owned) level_free(&cur);
        cur = next;
        owned = 1;
    }
    if (owned) level_free(&cur);
    free(comm);
    return rc;
}

int cx_louvain(const cx_graph *g, double resolution, size_t reference_nodes, uint32_t *community,
               size_t *n_communities)
{
    size_t n = g->n;
    double null_scale = reference_nodes && n ? (double)reference_nodes / (double)n : 1.0;
    *n_communities = 0;
    for (size_t i = 0; i < n; i++) community[i] = (uint32_t)i;
    if (n == 0) return 0;
    /* The first level borrows the caller's graph. */
    level base = {*g, cx_calloc(n + 1, sizeof(double))};
    uint32_t *start = cx_malloc((n + 1) * sizeof *start);
    int rc = base.self && start ? 0 : CHORUS_ENOMEM;
    size_t k = n;
    /* Folding fixes a node's community for the levels above, so a node that
     * would now fit better elsewhere stays where the first level put it:
     * move single nodes again within the folded result, and fold again from
     * there, until the single nodes stay put (Rotta and Noack's multilevel
     * refinement). A few rounds suffice; the cap bounds the cost. */
    for (int round = 0; rc == 0 && round < 8; round++) {
        if ((rc = multilevel(&base, resolution, null_scale, community, k))) break;
        k = renumber(community, n);
        memcpy(start, community, n * sizeof *start);
        long moved = local_moves(&base, resolution, null_scale, start, community);
        if (moved < 0) rc = (int)moved;
        k = renumber(community, n);
        if (moved <= 0) break;
    }
    free(base.self);
    free(start);
    if (rc == 0) *n_communities = renumber(community, n);
    return rc;
}
