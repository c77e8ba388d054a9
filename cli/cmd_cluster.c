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

static int parse_double(const char *s, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v >= lo && v <= hi)) return -1;
    *out = v;
    return 0;
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
    for (int i = 1; i < argc; i++) {
        const char *v;
        int m;
        double x;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return EXIT_OK;
        }
        if (!strcmp(argv[i], "--explain")) {
            explain = 1;
            continue;
        }
        if (!strcmp(argv[i], "--online")) {
            p.window_articles = 0;
            continue;
        }
        if (!strcmp(argv[i], "--stats")) {
            stats = 1;
            continue;
        }
        if ((m = cli_opt_value(argc, argv, &i, "--output", &v)) || (m = cli_opt_value(argc, argv, &i, "-o", &v))) {
            if (m < 0) return EXIT_USAGE;
            output = v;
            continue;
        }
        struct {
            const char *name;
            double lo, hi;
            double *dst;
        } dbl[] = {{"--join", 0, 1, &p.join_threshold},      {"--revive", 0, 1, &p.revive_threshold},
                   {"--merge", 0, 1, &p.merge_threshold},    {"--dup", 0, 1, &p.dup_threshold},
                   {"--names", 0, 100, &p.entity_weight},   {"--decay-floor", 0, 1, &p.decay_floor},
                   {"--resolution", 0, 100, &p.resolution}};
        int matched = 0;
        for (size_t k = 0; k < sizeof dbl / sizeof *dbl && !matched; k++) {
            if (!(m = cli_opt_value(argc, argv, &i, dbl[k].name, &v))) continue;
            if (m < 0) return EXIT_USAGE;
            if (parse_double(v, dbl[k].lo, dbl[k].hi, dbl[k].dst)) {
                cli_error("cluster: %s wants a number in [%g, %g], not '%s'", dbl[k].name, dbl[k].lo, dbl[k].hi, v);
                return EXIT_USAGE;
            }
            matched = 1;
        }
        if (matched) continue;
        if ((m = cli_opt_value(argc, argv, &i, "--reference", &v))) {
            if (m < 0) return EXIT_USAGE;
            if (parse_double(v, 0, 1e9, &x) || x != (double)(size_t)x) {
                cli_error("cluster: --reference wants a whole number of articles, not '%s'", v);
                return EXIT_USAGE;
            }
            p.reference_articles = (size_t)x;
            continue;
        }
        if ((m = cli_opt_value(argc, argv, &i, "--neighbours", &v))) {
            if (m < 0) return EXIT_USAGE;
            if (parse_double(v, 1, 1000, &x) || x != (double)(size_t)x) {
                cli_error("cluster: --neighbours wants a whole number in [1, 1000], not '%s'", v);
                return EXIT_USAGE;
            }
            p.neighbours = (size_t)x;
            continue;
        }
        int64_t *days_dst = NULL;
        const char *days_name = NULL;
        if ((m = cli_opt_value(argc, argv, &i, "--window-days", &v))) days_dst = &p.window_seconds, days_name = "--window-days";
        else if ((m = cli_opt_value(argc, argv, &i, "--half-life-days", &v)))
            days_dst = &p.half_life_seconds, days_name = "--half-life-days";
        if (m < 0) return EXIT_USAGE;
        if (days_dst) {
            if (parse_double(v, 0, 100000, &x)) {
                cli_error("cluster: %s wants a number of days, not '%s'", days_name, v);
                return EXIT_USAGE;
            }
            *days_dst = (int64_t)(x * 86400);
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1]) {
            cli_error("cluster: unknown option '%s'", argv[i]);
            return EXIT_USAGE;
        }
        paths[n_paths++] = argv[i];
    }
    if (!n_paths) {
        usage(stderr);
        return EXIT_USAGE;
    }

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
    if (fflush(out) || ferror(out)) {
        cli_error("cluster: cannot write the output");
        status = EXIT_FAILURE_;
    }
    if (stats) {
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        size_t stories = 0;
        for (int64_t s = 1; s <= cx_clusterer_last_story(cl); s++) stories += cx_clusterer_resolve(cl, s) == s;
        fprintf(stderr, "articles %zu, stories %zu, near-duplicates %zu, %.3f s (%.0f articles/s)\n",
                c.n_articles, stories, dups, secs, secs > 0 ? (double)c.n_articles / secs : 0.0);
    }
done:
    if (out && out != stdout) fclose(out);
    cx_clusterer_free(cl);
    free(as);
    free(order);
    chorus_corpus_free(&c);
    return status;
}
