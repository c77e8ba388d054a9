/* Communities of a weighted undirected graph by modularity (the Louvain
 * method: move single nodes to the neighbouring community that gains the
 * most, then fold each community into one node and repeat; then move
 * single nodes again within the result and fold again from there until
 * they stay put: multilevel refinement, Rotta and Noack 2011).
 *
 * Used to regroup recent articles into stories from their nearest-neighbour
 * graph: a group of reports that cite each other's specific words is a
 * community even when a broader topic links it to other groups. The number
 * of communities is not given; `resolution` (1 = classic modularity) sets
 * how large a group must be relative to its links to the rest to stand
 * alone. Deterministic: nodes are visited in index order and ties go to the
 * community of the lowest index. */
#ifndef CHORUS_COMMUNITY_H
#define CHORUS_COMMUNITY_H

#include <stddef.h>
#include <stdint.h>

/* Compressed adjacency: the neighbours of node i are adj[off[i] .. off[i+1])
 * with weights w[]. Every edge appears in both directions, with the same
 * weight; self-loops are not allowed. */
typedef struct cx_graph {
    size_t n;
    size_t *off; /* n + 1 */
    uint32_t *adj;
    double *w;
} cx_graph;

/* Build a graph from undirected edges (a[k], b[k], w[k]); repeated edges
 * keep their largest weight, self-loops and weights <= 0 are dropped. */
int cx_graph_from_edges(cx_graph *g, size_t n, const uint32_t *a, const uint32_t *b, const double *w,
                        size_t n_edges);
void cx_graph_free(cx_graph *g);

/* community[i] for each node, numbered 0.. in order of each community's
 * lowest node; *n_communities their count. A node without edges is a
 * community of its own. Returns 0 or CHORUS_ENOMEM.
 *
 * reference_nodes = 0 gives classic modularity, whose null model scales
 * with the whole graph: in a large graph two groups joined by a single link
 * already look related (the resolution limit), in a tiny one two linked
 * nodes do not. With reference_nodes = R, the null model is that of a graph
 * of R nodes of the same mean degree, whatever the graph's size, so what
 * makes a community does not change as a window fills. */
int cx_louvain(const cx_graph *g, double resolution, size_t reference_nodes, uint32_t *community,
               size_t *n_communities);

/* Modularity weighs a community's links against what the whole graph's
 * links would give it by chance, so in a larger graph two groups that link
 * to each other more than chance look like one (the resolution limit).
 * Each community of `community` (*n_communities of them, as cx_louvain
 * gives) is searched again on its own links, and divided into the parts
 * found there that are groups by a test independent of the graph's size:
 * each part has more link weight inside (each link once) than to the rest
 * of its community. node_time (NULL: none; INT64_MIN: unknown) is the
 * nodes' time: parts that follow one another in time (one part's node
 * first in at least 3 of 4 pairs) are phases of one group and stay
 * together. node_group (NULL: none) is each node's current group (its
 * story): when a community is to be divided, its current groups are tried
 * first as the parts, under the same tests, and stand if two or more pass,
 * so that a division made before is not redrawn (each redraw moves the
 * nodes near the cut). New parts are numbered from *n_communities up,
 * which grows. Deterministic. Returns 0 or CHORUS_ENOMEM. */
int cx_split_unions(const cx_graph *g, const int64_t *node_time, const int64_t *node_group, uint32_t *community,
                    size_t *n_communities);

#endif
