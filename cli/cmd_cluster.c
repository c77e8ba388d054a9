/* chorus cluster INPUT...: group articles into stories in memory, as the
 * feed store would, and print `id<TAB>story` per article. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cluster.h"

static void usage(FILE *f)
{
    cx_cluster_params d;
    cx_cluster_params_default(&d);
    fprintf(f,
            "usage: chorus cluster [OPTIONS] INPUT...\n\n"
            "Group the articles of the inputs (article JSONL, text, HTML, WARC) into stories,\n"
            "one article at a time in publication order, as a feed would bring them (articles\n"
            "without a date come after the dated ones, in input order). Near-duplicates\n"
            "(syndicated or lightly edited copies) join their original's story. Prints one\n"
            "line per article in that order: id<TAB>story, with the story ids left after\n"
            "merges. The number of stories is not given: it follows from the thresholds.\n"
            "Every %zu articles and at the end, the latest %zu are regrouped as communities of\n"
            "their nearest-neighbour graph (consolidation), which keeps related events apart.\n\n"
            "  -o, --output FILE     write to FILE instead of standard output\n"
            "  --explain             add columns: duplicate_of (or -), similarity, new|join|dup\n"
            "  --stats               print counts and speed to standard error\n"
            "  --join X              score to join an open story (default %.2f)\n"
            "  --revive X            score to reopen a closed story (default %.2f)\n"
            "  --merge X             centroid cosine at which stories merge (default %.2f)\n"
            "  --dup X               estimated Jaccard of a near-duplicate (default %.2f)\n"
            "  --names X             weight of capitalized names (default %.1f)\n"
            "  --window-days N       a story closes after N days without an article (default %lld)\n"
            "  --half-life-days N    score decay half-life over the time gap (default %lld)\n"
            "  --decay-floor X       the time decay never goes below X (default %.2f)\n"
            "  --resolution X        consolidation: higher splits stories more (default %.1f)\n"
            "  --neighbours N        consolidation: links per article (default %zu)\n"
            "  --reference N         consolidation: judge communities as in a window of N\n"
            "                        articles, whatever its size (default %zu; 0: as is)\n"
            "  --online              no consolidation: online decisions only\n\n"
            "exit: 0 ok, 1 some inputs skipped, 2 usage, 3 no article, 4 failure\n",
            d.consolidate_every, d.window_articles, d.join_threshold, d.revive_threshold, d.merge_threshold, d.dup_threshold, d.entity_weight,
            (long long)(d.window_seconds / 86400), (long long)(d.half_life_seconds / 86400), d.decay_floor,
            d.resolution, d.neighbours, d.reference_articles);
}

/* --NAME DAYS, kept in seconds. */
static int opt_days(cli_args *a, const char *name, int64_t *seconds)
{
    double days;
    if (!cli_opt_real(a, name, 0, 100000, "a number of days", &days)) return 0;
    if (a->exit_code < 0) *seconds = (int64_t)(days * 86400);
    return 1;
}

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

int cmd_cluster(int argc, char **argv)
{
    const char *output = NULL;
    int explain = 0, stats = 0;
    cx_cluster_params p;
    cx_cluster_params_default(&p);
    char **paths = argv + 1;
    int n_paths = 0;
    cli_args args = cli_args_of("cluster", usage, argc, argv);
    while (cli_next(&args)) {
        const char *arg = argv[args.i];
        if (!strcmp(arg, "--explain")) explain = 1;
        else if (!strcmp(arg, "--online")) p.window_articles = 0;
        else if (!strcmp(arg, "--stats")) stats = 1;
        else if (!(cli_opt_string(&args, "--output", &output) || cli_opt_string(&args, "-o", &output) ||
                   cli_opt_real(&args, "--join", 0, 1, NULL, &p.join_threshold) ||
                   cli_opt_real(&args, "--revive", 0, 1, NULL, &p.revive_threshold) ||
                   cli_opt_real(&args, "--merge", 0, 1, NULL, &p.merge_threshold) ||
                   cli_opt_real(&args, "--dup", 0, 1, NULL, &p.dup_threshold) ||
                   cli_opt_real(&args, "--names", 0, 100, NULL, &p.entity_weight) ||
                   cli_opt_real(&args, "--decay-floor", 0, 1, NULL, &p.decay_floor) ||
                   cli_opt_real(&args, "--resolution", 0, 100, NULL, &p.resolution) ||
                   cli_opt_whole(&args, "--reference", 0, 1e9, "a whole number of articles",
                                 &p.reference_articles) ||
                   cli_opt_whole(&args, "--neighbours", 1, 1000, "a whole number in [1, 1000]",
                                 &p.neighbours) ||
                   opt_days(&args, "--window-days", &p.window_seconds) ||
                   opt_days(&args, "--half-life-days", &p.half_life_seconds)))
            cli_take_input(&args, paths, &n_paths);
    }
    if (args.exit_code >= 0) return args.exit_code;
    if (!n_paths) return cli_usage_error(&args);

    chorus_corpus c;
    chorus_corpus_init(&c);
    int status = cli_load_articles("cluster", &c, paths, n_paths);
    if (status != EXIT_OK && status != EXIT_PARTIAL) return status;
    order_item *order = malloc(c.n_articles * sizeof *order);
    cx_assignment *as = calloc(c.n_articles, sizeof *as);
    cx_clusterer *cl = cx_clusterer_new(&p);
    FILE *out = NULL;
    if (!order || !as || !cl) {
        cli_error("cluster: out of memory");
        status = EXIT_FAILURE_;
        goto done;
    }
    for (size_t i = 0; i < c.n_articles; i++) order[i] = (order_item){i, c.articles[i].published_unix};
    qsort(order, c.n_articles, sizeof *order, cmp_order);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (size_t k = 0; k < c.n_articles; k++) {
        size_t i = order[k].index;
        cx_features *f = NULL;
        int rc = cx_features_from_article(cl, &c.articles[i], &f);
        if (rc == 0) rc = cx_clusterer_add(cl, (int64_t)i, f, &as[i]);
        cx_features_free(f);
        if (rc == 0 && p.window_articles &&
            ((k + 1) % p.consolidate_every == 0 || k + 1 == c.n_articles))
            rc = consolidate(cl, as);
        if (rc < 0) {
            cli_error("cluster: %s: %s", c.articles[i].origin ? c.articles[i].origin : c.articles[i].id,
                      chorus_strerror(rc));
            status = EXIT_FAILURE_;
            goto done;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);

    out = cli_open_output(output);
    if (!out) {
        status = EXIT_FAILURE_;
        goto done;
    }
    size_t dups = 0;
    for (size_t k = 0; k < c.n_articles; k++) {
        size_t i = order[k].index;
        const chorus_article *a = &c.articles[i];
        int64_t story = cx_clusterer_resolve(cl, as[i].story);
        fprintf(out, "%s\t%lld", a->id ? a->id : a->origin, (long long)story);
        if (as[i].duplicate_of >= 0) dups++;
        if (explain) {
            const chorus_article *orig =
                as[i].duplicate_of >= 0 ? &c.articles[as[i].duplicate_of] : NULL;
            fprintf(out, "\t%s\t%.3f\t%s", orig ? (orig->id ? orig->id : orig->origin) : "-", as[i].similarity,
                    orig ? "dup" : as[i].new_story ? "new" : "join");
        }
        fputc('\n', out);
    }
    if (cli_close_output(out)) status = EXIT_FAILURE_;
    if (stats) {
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        size_t stories = 0;
        for (int64_t s = 1; s <= cx_clusterer_last_story(cl); s++) stories += cx_clusterer_resolve(cl, s) == s;
        fprintf(stderr, "articles %zu, stories %zu, near-duplicates %zu, %.3f s (%.0f articles/s)\n",
                c.n_articles, stories, dups, secs, secs > 0 ? (double)c.n_articles / secs : 0.0);
    }
done:
    cx_clusterer_free(cl);
    free(as);
    free(order);
    chorus_corpus_free(&c);
    return status;
}
