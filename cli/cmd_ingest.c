/* chorus ingest --db FILE INPUT...: add articles to the store, deduplicated
 * and clustered into stories. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static void usage(FILE *f)
{
    double window = 0, floor = 0;
    chorus_cluster_option_default("window-days", &window);
    chorus_cluster_option_default("decay-floor", &floor);
    fprintf(f,
            "usage: chorus ingest --db FILE INPUT...\n"
            "Add articles to the store FILE (created when missing): each is stored once,\n"
            "near-duplicates are linked to their original, and every article joins a story.\n"
            "Inputs: JSONL feeds (read in windows of %d articles, any size), text, HTML,\n"
            "WARC files, directories. Within a window articles are taken in publication\n"
            "order. Running ingest again on the same inputs (for instance after it was\n"
            "killed) stores only what is missing.\n\n"
            "Each article joins the story (one event, bounded in time) it matches best, with\n"
            "time as evidence (see chorus cluster --help). Clustering options given here are\n"
            "remembered by the store and used by every later ingest into it until given\n"
            "again; articles already stored keep their stories.\n\n"
            "options:\n"
            "  --db FILE             the store (SQLite)\n"
            "  --window-days N       story window: a story closes after N days without an\n"
            "                        article and spans at most 2N days (default %lld)\n"
            "  --half-life-days N    time decay half-life (default: half the window)\n"
            "  --decay-floor X       the time decay never goes below X (default %.2f)\n"
            "  --join X  --revive X  --merge X  --dup X  --names X  --min-link X\n"
            "  --resolution X  --neighbours N  --reference N\n"
            "                        as for chorus cluster\n"
            "  --online              no consolidation: online decisions only\n"
            "  --consolidate         consolidation again (the default)\n"
            "  --timing              also print CPU seconds by stage (features, decisions,\n"
            "                        consolidation, store writer)\n",
            CHORUS_INGEST_WINDOW, (long long)window, floor);
}

typedef struct {
    int tty;
    double started; /* monotonic seconds */
    size_t skipped_inputs;
} ingest_ui;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void on_progress(const chorus_ingest_stats *st, void *ctx)
{
    ingest_ui *ui = ctx;
    if (!ui->tty) return;
    double secs = now_seconds() - ui->started;
    fprintf(stderr, "\ringest: %zu read, %zu new, %zu duplicates, %zu already stored, %zu stories",
            st->read, st->added, st->duplicates, st->already, st->new_stories);
    if (secs > 0.5) fprintf(stderr, " (%.0f articles/s)", (double)st->read / secs);
    fputs("   ", stderr); /* covers the end of a longer previous line */
    fflush(stderr);
}

static void on_skip(const chorus_article *a, const char *reason, void *ctx)
{
    ingest_ui *ui = ctx;
    if (ui->tty) fputc('\n', stderr);
    cli_error("%s: skipped: %s", a->origin ? a->origin : (a->id ? a->id : "?"), reason);
}

/* Store one window of articles, after reporting what the reader skipped. */
static int store_window(chorus_store *store, chorus_corpus *w, chorus_ingest_stats *st, ingest_ui *ui)
{
    if (w->n_skipped && ui->tty) fputc('\n', stderr);
    cli_report_skips(w, 0);
    ui->skipped_inputs += w->n_skipped;
    chorus_error err = {0};
    for (size_t start = 0; start < w->n_articles; start += CHORUS_INGEST_WINDOW) {
        size_t n = w->n_articles - start < CHORUS_INGEST_WINDOW ? w->n_articles - start : CHORUS_INGEST_WINDOW;
        if (chorus_store_ingest(store, w->articles + start, n, st, &err)) {
            if (ui->tty) fputc('\n', stderr);
            cli_error("ingest: %s", err.message);
            return -1;
        }
    }
    return 0;
}

/* Archives and directories stream through a window: articles are stored a
 * window at a time as the reader hands them over, so memory does not grow
 * with the size of the input. */
typedef struct {
    chorus_store *store;
    chorus_ingest_stats *st;
    ingest_ui *ui;
    chorus_corpus window;
    int failed;
} ingest_stream;

static int stream_article(chorus_article *a, void *ctx)
{
    ingest_stream *is = ctx;
    if (is->failed) {
        chorus_article_free(a);
        return CHORUS_EDB;
    }
    if (chorus_corpus_add(&is->window, a)) return CHORUS_ENOMEM;
    if (is->window.n_articles >= CHORUS_INGEST_WINDOW) {
        is->failed = store_window(is->store, &is->window, is->st, is->ui) < 0;
        chorus_corpus_free(&is->window);
    }
    return is->failed ? CHORUS_EDB : 0;
}

static int stream_skip(const chorus_skip *k, void *ctx)
{
    ingest_stream *is = ctx;
    if (is->ui->tty) fputc('\n', stderr);
    cli_error("%s: %s: %s", k->origin, k->note == 2 ? "warning" : k->note ? "not articles" : "skipped", k->reason);
    if (!k->note) is->ui->skipped_inputs++;
    return 0;
}

static int ingest_path(chorus_store *store, const char *path, chorus_ingest_stats *st, ingest_ui *ui)
{
    chorus_error err = {0};
    chorus_corpus w;
    if (!chorus_feed_is_stream(path)) {
        ingest_stream is = {.store = store, .st = st, .ui = ui};
        chorus_corpus_init(&is.window);
        chorus_corpus_init(&w);
        w.on_article = stream_article;
        w.on_skip = stream_skip;
        w.sink_ctx = &is;
        int rc = chorus_read_path(&w, path, &err);
        chorus_corpus_free(&w);
        if (!is.failed && is.window.n_articles) is.failed = store_window(store, &is.window, st, ui) < 0;
        chorus_corpus_free(&is.window);
        if (is.failed) return -1;
        if (rc == CHORUS_ENOMEM) {
            cli_error("%s: out of memory", path);
            return -1;
        }
        if (rc < 0) {
            if (ui->tty) fputc('\n', stderr);
            const char *why = err.message[0] ? err.message : chorus_strerror(rc);
            size_t n = strlen(path);
            if (!strncmp(why, path, n) && !strncmp(why + n, ": ", 2)) why += n + 2;
            cli_error("%s: skipped: %s", path, why);
            ui->skipped_inputs++;
        }
        return 0;
    }
    chorus_feed *feed;
    if (chorus_feed_open(path, &feed, &err)) {
        cli_error("%s", err.message);
        ui->skipped_inputs++;
        return 0;
    }
    int rc = 0;
    while (!rc && !chorus_feed_done(feed)) {
        chorus_corpus_init(&w);
        int n = chorus_feed_next(feed, &w, CHORUS_INGEST_WINDOW, &err);
        if (n < 0) {
            cli_error("%s", err.message[0] ? err.message : chorus_strerror(n));
            ui->skipped_inputs++;
            if (n == CHORUS_ENOMEM) rc = -1;
            chorus_corpus_free(&w);
            break; /* a read error ends this input; what was read is stored */
        }
        rc = store_window(store, &w, st, ui);
        chorus_corpus_free(&w);
    }
    chorus_feed_close(feed);
    return rc;
}

int cmd_ingest(int argc, char **argv)
{
    const char *db = NULL;
    char **inputs = argv;
    int n_inputs = 0;
    cli_cluster_options copt = {0};
    int timing = 0;
    cli_args args = cli_args_of("ingest", usage, argc, argv);
    while (cli_next(&args)) {
        if (!strcmp(args.argv[args.i], "--timing")) timing = 1;
        else if (!(cli_opt_string(&args, "--db", &db) || cli_opt_cluster(&args, &copt)))
            cli_take_input(&args, inputs, &n_inputs);
    }
    if (args.exit_code >= 0) return args.exit_code;
    if (!db || !n_inputs) {
        if (!db) cli_error("ingest: --db FILE is required");
        return cli_usage_error(&args);
    }
    ingest_ui ui = {.tty = isatty(STDERR_FILENO), .started = now_seconds()};
    chorus_error err = {0};
    chorus_store *store;
    int rc = chorus_store_open_writer(db, copt.names, copt.values, copt.n, &store, &err);
    if (rc) {
        cli_error("ingest: %s", err.message);
        return rc == CHORUS_EINVAL ? EXIT_USAGE : EXIT_FAILURE_;
    }
    if (chorus_store_notice(store)) cli_error("ingest: warning: %s", chorus_store_notice(store));
    size_t before = chorus_store_article_count(store);
    chorus_store_set_ingest_callbacks(store, on_progress, on_skip, &ui);
    chorus_ingest_stats st = {0};
    int failed = 0;
    for (int i = 0; i < n_inputs && !failed; i++)
        failed = ingest_path(store, inputs[i], &st, &ui) < 0;
    if (ui.tty && st.read) fputc('\n', stderr);
    size_t after = chorus_store_article_count(store);
    chorus_store_close(store);

    size_t skipped = ui.skipped_inputs + st.skipped;
    printf("read            %zu\n", st.read + ui.skipped_inputs);
    printf("new             %zu\n", st.added);
    printf("duplicates      %zu\n", st.duplicates);
    printf("already stored  %zu\n", st.already);
    printf("skipped         %zu\n", skipped);
    printf("new stories     %zu\n", st.new_stories);
    printf("merged          %zu\n", st.merged);
    printf("moved           %zu\n", st.moved);
    printf("store           %s: %zu articles (%zu before)\n", db, after, before);
    if (timing) {
        printf("cpu features       %.2f s\n", st.cpu_features);
        printf("cpu decisions      %.2f s\n", st.cpu_decisions);
        printf("cpu consolidation  %.2f s\n", st.cpu_consolidation);
        printf("cpu writer         %.2f s\n", st.cpu_writer);
    }
    if (failed) return EXIT_FAILURE_;
    if (!st.read && !st.already) return EXIT_NOINPUT;
    return skipped ? EXIT_PARTIAL : EXIT_OK;
}
