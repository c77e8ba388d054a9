/* chorus cluster INPUT...: group articles into stories in memory, as the
 * feed store would, and print `id<TAB>story` per article. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static double def(const char *name)
{
    double v = 0;
    chorus_cluster_option_default(name, &v);
    return v;
}

static void usage(FILE *f)
{
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
            "their nearest-neighbour graph (consolidation), which keeps related events apart;\n"
            "a story's community whose parts each link more inside than across is divided,\n"
            "unless the parts follow one another in time (the phases of one event).\n"
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
            "The clustering options set the story level (--online both). Topics use fixed\n"
            "settings: no time decay or span limit, links down to 0.05, names weight 0.25.\n\n"
            "exit: 0 ok, 1 some inputs skipped, 2 usage, 3 no article, 4 failure\n",
            (size_t)def("consolidate-every"), (size_t)def("window-articles"), def("join"), def("revive"),
            def("merge"), def("dup"), def("names"), (long long)def("window-days"), def("half-life-days"),
            def("decay-floor"), def("min-link"), def("resolution"), (size_t)def("neighbours"),
            (size_t)def("reference"));
}

static void print_item(FILE *out, const chorus_corpus *c, const chorus_cluster_item *it, int topics, int explain)
{
    const chorus_article *a = &c->articles[it->article];
    const char *id = a->id ? a->id : a->origin;
    chorus_fput_visible(out, id, strlen(id), 0); /* a tab or newline in an id would break the columns */
    fprintf(out, "\t%lld", (long long)(topics ? it->topic : it->story));
    if (explain) {
        const chorus_article *orig = it->duplicate_of >= 0 ? &c->articles[it->duplicate_of] : NULL;
        const char *oid = orig ? (orig->id ? orig->id : orig->origin) : "-";
        fputc('\t', out);
        chorus_fput_visible(out, oid, strlen(oid), 0);
        fprintf(out, "\t%.3f\t%s", it->similarity, orig ? "dup" : it->new_story ? "new" : "join");
    }
    fputc('\n', out);
}

int cmd_cluster(int argc, char **argv)
{
    const char *output = NULL, *level = "story";
    int explain = 0, stats = 0;
    cli_cluster_options copt = {0};
    char **paths = argv + 1;
    int n_paths = 0;
    cli_args args = cli_args_of("cluster", usage, argc, argv);
    while (cli_next(&args)) {
        const char *arg = argv[args.i];
        if (!strcmp(arg, "--explain")) explain = 1;
        else if (!strcmp(arg, "--stats")) stats = 1;
        else if (!(cli_opt_string(&args, "--output", &output) || cli_opt_string(&args, "-o", &output) ||
                   cli_opt_string(&args, "--level", &level) || cli_opt_cluster(&args, &copt)))
            cli_take_input(&args, paths, &n_paths);
    }
    if (args.exit_code < 0) cli_check_cluster(&args, &copt);
    if (args.exit_code >= 0) return args.exit_code;
    int topics = !strcmp(level, "topic");
    if (!topics && strcmp(level, "story")) {
        cli_error("cluster: --level takes story or topic, not '%s'", level);
        return cli_usage_error(&args);
    }
    if (!n_paths) return cli_usage_error(&args);

    chorus_corpus c;
    chorus_corpus_init(&c);
    int status = cli_load_articles("cluster", &c, paths, n_paths);
    if (status != EXIT_OK && status != EXIT_PARTIAL) return status;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    chorus_clustering r;
    chorus_error err = {0};
    if (chorus_cluster_corpus(&c, copt.names, copt.values, copt.n, &r, &err)) {
        cli_error("cluster: %s", err.message);
        chorus_corpus_free(&c);
        return EXIT_FAILURE_;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    FILE *out = cli_open_output(output);
    if (!out) status = EXIT_FAILURE_;
    else {
        for (size_t k = 0; k < r.n; k++) print_item(out, &c, &r.items[k], topics, explain);
        if (cli_close_output(out)) status = EXIT_FAILURE_;
    }
    if (stats) {
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        fprintf(stderr, "articles %zu, stories %zu, topics %zu, near-duplicates %zu, %.3f s (%.0f articles/s)\n",
                c.n_articles, r.n_stories, r.n_topics, r.n_duplicates, secs,
                secs > 0 ? (double)c.n_articles / secs : 0.0);
    }
    chorus_clustering_free(&r);
    chorus_corpus_free(&c);
    return status;
}
