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
            "(or, with --level topic, into topics: the subjects that link stories over any\n"
            "span of time; each story's articles all go to its topic)\n"
            "one article at a time in publication order, as a feed would bring them (articles\n"
            "without a date come after the dated ones, in input order). Near-duplicates\n"
            "(syndicated or lightly edited copies) join their original's story. Prints one\n"
            "line per article in that order: id<TAB>story, with the story ids left after\n"
            "merges. The number of stories is not given: it follows from the thresholds.\n"
            "Every %zu articles and at the end, the latest %zu are regrouped as communities of\n"
            "their nearest-neighbour graph (consolidation), which keeps related events apart.\n"
            "Time is evidence: the similarity of an article to a story halves with every half\n"
            "window of distance between the article's date and the story's first-to-last\n"
            "dates, a story closes after a window without news and never spans more than\n"
            "two windows (a later follow-up opens a new story of the same topic).\n\n"
            "  --level story|topic   what to print for each article (default story)\n"
            "  -o, --output FILE     write to FILE instead of standard output\n"
            "  --explain             add columns: duplicate_of (or -), similarity, new|join|dup\n"
            "  --stats               print counts and speed to standard error\n"
            "  --join X              score to join an open story (default %.2f)\n"
            "  --revive X            score to reopen a closed story (default %.2f)\n"
            "  --merge X             centroid cosine at which stories merge (default %.2f)\n"
            "  --dup X               estimated Jaccard of a near-duplicate (default %.2f)\n"
            "  --names X             weight of capitalized names (default %.1f)\n"
            "  --window-days N       the story window: a story closes after N days without an\n"
            "                        article and spans at most 2N days (default %lld)\n"
            "  --half-life-days N    time decay half-life (default: half the window, %.1f)\n"
            "  --decay-floor X       the time decay never goes below X (default %.2f)\n"
            "  --min-link X          consolidation: weakest link counted (default %.2f)\n"
            "  --resolution X        consolidation: higher splits stories more (default %.1f)\n"
            "  --neighbours N        consolidation: links per article (default %zu)\n"
            "  --reference N         consolidation: judge communities as in a window of N\n"
            "                        articles, whatever its size (default %zu; 0: as is)\n"
            "  --online              no consolidation: online decisions only\n\n"
            "exit: 0 ok, 1 some inputs skipped, 2 usage, 3 no article, 4 failure\n",
            d.consolidate_every, d.window_articles, d.join_threshold, d.revive_threshold, d.merge_threshold, d.dup_threshold, d.entity_weight,
            (long long)(d.window_seconds / 86400), (double)d.half_life_seconds / 86400, d.decay_floor,
            d.neighbour_min_similarity,
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

int cmd_cluster(int argc, char **argv)
{
    const char *output = NULL, *level = "story";
    int explain = 0, stats = 0, online = 0;
    cx_cluster_params p;
    cx_cluster_params_default(&p);
    int64_t window = -1, half_life = -1;
    double floor = -1;
    char **paths = argv + 1;
    int n_paths = 0;
    cli_args args = cli_args_of("cluster", usage, argc, argv);
    while (cli_next(&args)) {
        const char *arg = argv[args.i];
        if (!strcmp(arg, "--explain")) explain = 1;
        else if (!strcmp(arg, "--online")) online = 1;
        else if (!strcmp(arg, "--stats")) stats = 1;
        else if (!(cli_opt_string(&args, "--output", &output) || cli_opt_string(&args, "-o", &output) ||
                   cli_opt_string(&args, "--level", &level) ||
                   cli_opt_real(&args, "--join", 0, 1, NULL, &p.join_threshold) ||
                   cli_opt_real(&args, "--revive", 0, 1, NULL, &p.revive_threshold) ||
                   cli_opt_real(&args, "--merge", 0, 1, NULL, &p.merge_threshold) ||
                   cli_opt_real(&args, "--dup", 0, 1, NULL, &p.dup_threshold) ||
                   cli_opt_real(&args, "--names", 0, 100, NULL, &p.entity_weight) ||
                   cli_opt_real(&args, "--decay-floor", 0, 1, NULL, &floor) ||
                   cli_opt_real(&args, "--resolution", 0, 100, NULL, &p.resolution) ||
                   cli_opt_real(&args, "--min-link", 0, 1, NULL, &p.neighbour_min_similarity) ||
                   cli_opt_whole(&args, "--reference", 0, 1e9, "a whole number of articles",
                                 &p.reference_articles) ||
                   cli_opt_whole(&args, "--neighbours", 1, 1000, "a whole number in [1, 1000]",
                                 &p.neighbours) ||
                   opt_days(&args, "--window-days", &window) ||
                   opt_days(&args, "--half-life-days", &half_life)))
            cli_take_input(&args, paths, &n_paths);
    }
    if (args.exit_code >= 0) return args.exit_code;
    int topics = !strcmp(level, "topic");
    if (!topics && strcmp(level, "story")) {
        cli_error("cluster: --level takes story or topic, not '%s'", level);
        return cli_usage_error(&args);
    }
    if (!n_paths) return cli_usage_error(&args);
    if (window > 0) cx_cluster_params_set_window(&p, window);
    if (half_life >= 0) p.half_life_seconds = half_life;
    if (floor >= 0) p.decay_floor = floor;
    if (online) p.window_articles = 0;

    chorus_corpus c;
    chorus_corpus_init(&c);
    int status = cli_load_articles("cluster", &c, paths, n_paths);
    if (status != EXIT_OK && status != EXIT_PARTIAL) return status;
    order_item *order = malloc((c.n_articles + 1) * sizeof *order);
    cx_assignment *as = calloc(c.n_articles + 1, sizeof *as), *tas = NULL;
    int64_t *group = malloc((c.n_articles + 1) * sizeof *group), *topic = NULL;
    FILE *out = NULL;
    tas = calloc(c.n_articles + 1, sizeof *tas);
    topic = malloc((c.n_articles + 1) * sizeof *topic);
    if (!order || !as || !group || !tas || !topic) {
        cli_error("cluster: out of memory");
        status = EXIT_FAILURE_;
        goto done;
    }
    for (size_t i = 0; i < c.n_articles; i++) order[i] = (order_item){i, c.articles[i].published_unix};
    qsort(order, c.n_articles, sizeof *order, cmp_order);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    size_t n_groups = 0, n_topics = 0, failed;
    (void)n_groups, (void)n_topics;
    int rc = 0;
    failed = run_engine(&p, &c, order, as, group, &n_groups, &rc);
    if (!failed) {
        cx_cluster_params tp;
        cx_cluster_params_topic(&tp);
        if (online) tp.window_articles = 0;
        failed = run_engine(&tp, &c, order, tas, topic, &n_topics, &rc);
        if (!failed && (rc = nest_stories(c.n_articles, order, group, topic))) failed = 1;
    }
    if (failed) {
        const chorus_article *a = &c.articles[failed - 1];
        cli_error("cluster: %s: %s", a->origin ? a->origin : a->id ? a->id : "?", chorus_strerror(rc));
        status = EXIT_FAILURE_;
        goto done;
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
        const char *id = a->id ? a->id : a->origin;
        chorus_fput_visible(out, id, strlen(id), 0); /* a tab or newline in an id would break the columns */
        fprintf(out, "\t%lld", (long long)(topics ? topic[i] : group[i]));
        if (as[i].duplicate_of >= 0) dups++;
        if (explain) {
            const chorus_article *orig =
                as[i].duplicate_of >= 0 ? &c.articles[as[i].duplicate_of] : NULL;
            const char *oid = orig ? (orig->id ? orig->id : orig->origin) : "-";
            fputc('\t', out);
            chorus_fput_visible(out, oid, strlen(oid), 0);
            fprintf(out, "\t%.3f\t%s", as[i].similarity, orig ? "dup" : as[i].new_story ? "new" : "join");
        }
        fputc('\n', out);
    }
    if (cli_close_output(out)) status = EXIT_FAILURE_;
    if (stats) {
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        fprintf(stderr, "articles %zu, stories %zu, topics %zu, near-duplicates %zu, %.3f s (%.0f articles/s)\n",
                c.n_articles, count_distinct(group, c.n_articles), count_distinct(topic, c.n_articles), dups, secs,
                secs > 0 ? (double)c.n_articles / secs : 0.0);
    }
done:
    free(as);
    free(tas);
    free(group);
    free(topic);
    free(order);
    chorus_corpus_free(&c);
    return status;
}
