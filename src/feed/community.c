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

/* ---- unions of groups ------------------------------------------------------------ */

/* Modularity weighs a community's links against what the whole window's
 * links would give it by chance, so the more events a window holds, the
 * less two events that cite each other must share to look like one (the
 * resolution limit: a fixed resolution that keeps the two apart in a
 * window of 12 events fuses them in one of 25). So each community is
 * searched again on its own links (classic modularity of its induced
 * graph), and a part found there stands as a story of its own only if it
 * is a group by a test that does not depend on the window's size: more
 * link weight inside the part than from it to the rest of the community
 * (conductance under 1/3). Louvain finds some division in almost any
 * group of ten reports, but the parts of one event still share about as
 * much link weight across the cut as inside them; each of two fused
 * events keeps more inside itself. A part that fails rejoins the part it
 * links to most, the weakest first, until all pass.
 *
 * Time: a developing event's reports link most to those of the same days,
 * so its parts follow one another (the first days, the aftermath). Parts
 * whose dates are ordered, one part's report coming first in at least 3 of
 * 4 pairs (ties count half), are phases of one story and rejoin; only
 * parts reported over the same days can be two events. Undated reports
 * give no evidence either way. */
#define SPLIT_MIN_NODES 4

typedef struct part_stat {
    double inside, out; /* link weight inside (each link once); to other parts */
    size_t members;
} part_stat;

static int cmp_time(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The share of pairs (x in a, y in b) with x before y, ties half; both sorted. */
static double share_before(const int64_t *a, size_t na, const int64_t *b, size_t nb)
{
    double s = 0;
    size_t lo = 0, hi = 0; /* b[0..lo) < x, b[0..hi) <= x */
    for (size_t i = 0; i < na; i++) {
        while (lo < nb && b[lo] < a[i]) lo++;
        while (hi < nb && b[hi] <= a[i]) hi++;
        s += (double)(nb - hi) + 0.5 * (double)(hi - lo);
    }
    return s / ((double)na * (double)nb);
}

/* Scratch for refine_parts, sized for as many parts as members. */
typedef struct part_scratch {
    part_stat *st;
    double *link;
    int64_t *ts;
    size_t *tfirst, *tn;
} part_scratch;

/* Parts part[0..n) (numbered below k) of a community whose induced graph
 * is `sub` are made to pass the tests: parts whose dates are ordered
 * rejoin, then the weakest part that is not a group by itself rejoins the
 * part it links to most, until all pass. Parts are renumbered 0.. in order
 * of their first member; returns their number. */
static size_t refine_parts(const cx_graph *sub, size_t n, const int64_t *time, uint32_t *part, size_t k,
                           part_scratch *w)
{
    part_stat *st = w->st;
    double *link = w->link;
    int64_t *ts = w->ts;
    size_t *tfirst = w->tfirst, *tn = w->tn;
    size_t alive = 0;
    for (size_t p = 0; p < k; p++) tn[p] = 0;
    for (size_t i = 0; i < n; i++) alive += tn[part[i]]++ == 0;
    while (alive > 1) {
        /* Phases: parts whose dates are ordered rejoin (the later into the earlier number). */
        size_t m = 0;
        for (size_t p = 0; p < k; p++) {
            tfirst[p] = m;
            for (size_t i = 0; i < n; i++)
                if (part[i] == p && time[i] != INT64_MIN) ts[m++] = time[i];
            tn[p] = m - tfirst[p];
            qsort(ts + tfirst[p], tn[p], sizeof *ts, cmp_time);
        }
        int merged = 0;
        for (size_t a = 0; a < k && !merged; a++)
            for (size_t b = a + 1; b < k && !merged; b++) {
                if (!tn[a] || !tn[b]) continue;
                double s = share_before(ts + tfirst[a], tn[a], ts + tfirst[b], tn[b]);
                if (s >= 0.75 || s <= 0.25) {
                    for (size_t i = 0; i < n; i++)
                        if (part[i] == b) part[i] = (uint32_t)a;
                    merged = 1;
                }
            }
        if (merged) {
            alive--;
            continue;
        }
        /* Groups by themselves: the weakest part that is not rejoins its closest. */
        memset(st, 0, k * sizeof *st);
        for (size_t i = 0; i < n; i++) {
            st[part[i]].members++;
            for (size_t e = sub->off[i]; e < sub->off[i + 1]; e++) {
                uint32_t j = sub->adj[e];
                if (part[j] == part[i]) st[part[i]].inside += 0.5 * sub->w[e];
                else st[part[i]].out += sub->w[e];
            }
        }
        size_t worst = k;
        double worst_ratio = 0;
        for (size_t p = 0; p < k; p++) {
            if (!st[p].members) continue; /* rejoined another */
            double r = st[p].inside > 0 ? st[p].out / st[p].inside : 1e300;
            if (r >= 1.0 && r > worst_ratio) {
                worst = p;
                worst_ratio = r;
            }
        }
        if (worst == k) break;
        memset(link, 0, k * sizeof *link);
        for (size_t i = 0; i < n; i++)
            if (part[i] == worst)
                for (size_t e = sub->off[i]; e < sub->off[i + 1]; e++)
                    if (part[sub->adj[e]] != worst) link[part[sub->adj[e]]] += sub->w[e];
        size_t into = k;
        for (size_t p = 0; p < k; p++)
            if (p != worst && link[p] > 0 && (into == k || link[p] > link[into])) into = p;
        if (into == k) /* no link to the rest: the lowest other part in use */
            for (size_t i = 0; i < n && into == k; i++)
                if (part[i] != worst) into = part[i];
        for (size_t i = 0; i < n; i++)
            if (part[i] == worst) part[i] = (uint32_t)into;
        alive--;
    }
    /* Renumber the parts in use 0.. in order of their first member. */
    for (size_t p = 0; p < k; p++) tn[p] = SIZE_MAX;
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        if (tn[part[i]] == SIZE_MAX) tn[part[i]] = used++;
        part[i] = (uint32_t)tn[part[i]];
    }
    return used;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Divide community members v[0..n) (graph nodes) into parts; part[i] for
 * each, numbered 0..; returns the number of parts (1: keep whole) or a
 * negative code. group[i] (NULL: none) is each member's current group. */
static long divide_community(const cx_graph *g, const uint32_t *v, size_t n, const int64_t *time,
                             const int64_t *group, uint32_t *local, uint32_t *part)
{
    long rc = 0;
    size_t n_edges = 0, cap = 0, k = 0;
    for (size_t i = 0; i < n; i++) local[v[i]] = (uint32_t)i;
    for (size_t i = 0; i < n; i++)
        for (size_t e = g->off[v[i]]; e < g->off[v[i] + 1]; e++) cap++;
    uint32_t *ea = cx_malloc((cap + 1) * sizeof *ea), *eb = cx_malloc((cap + 1) * sizeof *eb);
    double *ew = cx_malloc((cap + 1) * sizeof *ew);
    uint64_t *ids = NULL;
    uint32_t *held = NULL;
    part_scratch w = {0};
    size_t kw = n; /* parts never outnumber members */
    cx_graph sub = {0};
    if (!ea || !eb || !ew) goto oom;
    /* Members are marked by local[] pointing back at them. */
    for (size_t i = 0; i < n; i++)
        for (size_t e = g->off[v[i]]; e < g->off[v[i] + 1]; e++) {
            uint32_t j = g->adj[e];
            uint32_t lj = local[j];
            if (lj < n && v[lj] == j && lj > i) {
                ea[n_edges] = (uint32_t)i;
                eb[n_edges] = lj;
                ew[n_edges++] = g->w[e];
            }
        }
    if (cx_graph_from_edges(&sub, n, ea, eb, ew, n_edges)) goto oom;
    w.st = cx_malloc((kw + 1) * sizeof *w.st);
    w.link = cx_malloc((kw + 1) * sizeof *w.link);
    w.ts = cx_malloc((n + 1) * sizeof *w.ts);
    w.tfirst = cx_malloc((kw + 1) * sizeof *w.tfirst);
    w.tn = cx_malloc((kw + 1) * sizeof *w.tn);
    ids = group ? cx_malloc((n + 1) * sizeof *ids) : NULL;
    held = group ? cx_malloc((n + 1) * sizeof *held) : NULL;
    if (!w.st || !w.link || !w.ts || !w.tfirst || !w.tn || (group && (!ids || !held))) goto oom;
    /* Whether to divide is the community's own links' to say; where to
     * cut follows the stories the members are in now when those pass the
     * same tests (see cx_split_unions). */
    if ((rc = cx_louvain(&sub, 1.0, 0, part, &k)) != 0) goto done;
    size_t used = refine_parts(&sub, n, time, part, k, &w);
    if (group && used > 1) {
        size_t nid = 0;
        for (size_t i = 0; i < n; i++) ids[i] = (uint64_t)group[i];
        qsort(ids, n, sizeof *ids, cmp_u64);
        for (size_t i = 0; i < n; i++)
            if (i == 0 || ids[i] != ids[i - 1]) ids[nid++] = ids[i];
        for (size_t i = 0; i < n; i++) {
            uint64_t want = (uint64_t)group[i];
            const uint64_t *at = bsearch(&want, ids, nid, sizeof *ids, cmp_u64);
            held[i] = (uint32_t)(at - ids);
        }
        size_t held_used = refine_parts(&sub, n, time, held, nid, &w);
        if (held_used > 1) {
            memcpy(part, held, n * sizeof *part);
            used = held_used;
        }
    }
    rc = (long)used;
    goto done;
oom:
    rc = CHORUS_ENOMEM;
done:
    cx_graph_free(&sub);
    free(ea);
    free(eb);
    free(ew);
    free(ids);
    free(held);
    free(w.st);
    free(w.link);
    free(w.ts);
    free(w.tfirst);
    free(w.tn);
    return rc;
}

/* Each community of SPLIT_MIN_NODES or more is divided as divide_community
 * says; the part holding its first node keeps its number, others get new
 * ones (see community.h). */
int cx_split_unions(const cx_graph *g, const int64_t *node_time, const int64_t *node_group, uint32_t *comm,
                    size_t *n_comm)
{
    size_t n = g->n, nc = *n_comm;
    if (n == 0) return 0;
    size_t *first = cx_calloc(nc + 1, sizeof *first), *count = cx_calloc(nc + 1, sizeof *count);
    uint32_t *order = cx_malloc((n + 1) * sizeof *order), *local = cx_malloc((n + 1) * sizeof *local);
    uint32_t *part = cx_malloc((n + 1) * sizeof *part);
    int64_t *time = cx_malloc((n + 1) * sizeof *time), *group = cx_malloc((n + 1) * sizeof *group);
    int rc = CHORUS_ENOMEM;
    if (!first || !count || !order || !local || !part || !time || !group) goto done;
    for (size_t v = 0; v < n; v++) {
        count[comm[v]]++;
        local[v] = UINT32_MAX;
    }
    for (size_t c = 1; c < nc; c++) first[c] = first[c - 1] + count[c - 1];
    memset(count, 0, nc * sizeof *count);
    for (size_t v = 0; v < n; v++) order[first[comm[v]] + count[comm[v]]++] = (uint32_t)v;
    rc = 0;
    for (size_t c = 0; c < nc && rc == 0; c++) {
        size_t m = count[c];
        if (m < SPLIT_MIN_NODES) continue;
        const uint32_t *v = order + first[c];
        for (size_t i = 0; i < m; i++) {
            time[i] = node_time ? node_time[v[i]] : INT64_MIN;
            if (node_group) group[i] = node_group[v[i]];
        }
        long k = divide_community(g, v, m, time, node_group ? group : NULL, local, part);
        if (k < 0) {
            rc = (int)k;
            break;
        }
        for (size_t i = 0; i < m; i++) {
            local[v[i]] = UINT32_MAX;
            if (part[i] > 0) comm[v[i]] = (uint32_t)(*n_comm + part[i] - 1);
        }
        if (k > 1) *n_comm += (size_t)k - 1;
    }
done:
    free(first);
    free(count);
    free(order);
    free(local);
    free(part);
    free(time);
    free(group);
    return rc;
}
