/* chorus ingest --db FILE INPUT...: add articles to the store, deduplicated
 * and clustered into stories. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"

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
            "  --progress            show progress on standard error even when it is not a\n"
            "                        terminal (one line a second); by default a terminal\n"
            "                        shows articles, MB, rate and time left, redrawn in place,\n"
            "                        then a summary line (read, kept, duplicates, new stories,\n"
            "                        skipped with reasons)\n"
            "  -q, --quiet           no progress and no summary line on standard error\n"
            "  --online              no consolidation: online decisions only\n"
            "  --consolidate         consolidation again (the default)\n"
            "  --timing              also print CPU seconds by stage (features, decisions,\n"
            "                        consolidation, store writer)\n",
            CHORUS_INGEST_WINDOW, (long long)window, floor);
}

/* What the progress line and the summary need. Bytes: base is the size of
 * the inputs done; the window being stored spans [win_start, win_end) of the
 * current input, read at win_read articles, and the articles done within it
 * place the work between the two. */
typedef struct {
    cli_progress *progress;
    size_t skipped_inputs;
    cli_skip_tally skips;
    const chorus_ingest_stats *st;
    uint64_t base, reader_bytes, win_start, win_end;
    size_t win_read, win_n;
} ingest_ui;

static void show(ingest_ui *ui)
{
    if (!ui->progress) return;
    uint64_t done = ui->win_start;
    if (ui->win_n && ui->st->read > ui->win_read) {
        size_t in = ui->st->read - ui->win_read;
        if (in > ui->win_n) in = ui->win_n;
        done += (uint64_t)((double)(ui->win_end - ui->win_start) * in / ui->win_n);
    }
    uint64_t shown = ui->reader_bytes > done ? ui->reader_bytes : done;
    cli_progress_update(ui->progress, ui->st->read, ui->base + shown, ui->base + done);
}

static void on_progress(const chorus_ingest_stats *st, void *ctx)
{
    ingest_ui *ui = ctx;
    (void)st;
    show(ui);
}

static void on_skip(const chorus_article *a, const char *reason, void *ctx)
{
    ingest_ui *ui = ctx;
    cli_skip_tally_add(&ui->skips, reason);
    cli_error("%s: skipped: %s", a->origin ? a->origin : (a->id ? a->id : "?"), reason);
}

static void note_skips(ingest_ui *ui, const chorus_corpus *w)
{
    for (size_t i = 0; i < w->n_skipped; i++)
        if (!w->skipped[i].note) cli_skip_tally_add(&ui->skips, w->skipped[i].reason);
}

/* Store one window of articles, after reporting what the reader skipped. */
static int store_window(chorus_store *store, chorus_corpus *w, chorus_ingest_stats *st, ingest_ui *ui,
                        uint64_t end_bytes)
{
    cli_report_skips(w, 0);
    note_skips(ui, w);
    ui->skipped_inputs += w->n_skipped;
    ui->win_start = ui->win_end > ui->win_start ? ui->win_end : ui->win_start;
    ui->win_end = end_bytes > ui->win_start ? end_bytes : ui->win_start;
    ui->win_read = st->read;
    ui->win_n = w->n_articles;
    show(ui);
    chorus_error err = {0};
    for (size_t start = 0; start < w->n_articles; start += CHORUS_INGEST_WINDOW) {
        size_t n = w->n_articles - start < CHORUS_INGEST_WINDOW ? w->n_articles - start : CHORUS_INGEST_WINDOW;
        /* more may follow: the stories are regrouped once at the end (flush) */
        if (chorus_store_ingest_more(store, w->articles + start, n, st, &err)) {
            cli_error("ingest: %s", err.message);
            return -1;
        }
    }
    ui->win_start = ui->win_end; /* the window is done */
    ui->win_n = 0;
    show(ui);
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
    const chorus_corpus *reader; /* for the bytes read */
    int failed;
} ingest_stream;

static void stream_progress(const chorus_corpus *c, void *ctx)
{
    ingest_stream *is = ctx;
    is->ui->reader_bytes = c->bytes_read;
    show(is->ui);
}

static int stream_article(chorus_article *a, void *ctx)
{
    ingest_stream *is = ctx;
    if (is->failed) {
        chorus_article_free(a);
        return CHORUS_EDB;
    }
    if (chorus_corpus_add(&is->window, a)) return CHORUS_ENOMEM;
    if (is->window.n_articles >= CHORUS_INGEST_WINDOW) {
        is->failed = store_window(is->store, &is->window, is->st, is->ui, is->reader->bytes_read) < 0;
        chorus_corpus_free(&is->window);
    }
    return is->failed ? CHORUS_EDB : 0;
}

static int stream_skip(const chorus_skip *k, void *ctx)
{
    ingest_stream *is = ctx;
    cli_error("%s: %s: %s", k->origin, k->note == 2 ? "warning" : k->note ? "not articles" : "skipped", k->reason);
    if (!k->note) is->ui->skipped_inputs++, cli_skip_tally_add(&is->ui->skips, k->reason);
    return 0;
}

static int ingest_path(chorus_store *store, const char *path, chorus_ingest_stats *st, ingest_ui *ui)
{
    chorus_error err = {0};
    chorus_corpus w;
    if (!chorus_feed_is_stream(path)) {
        ingest_stream is = {.store = store, .st = st, .ui = ui, .reader = &w};
        chorus_corpus_init(&is.window);
        chorus_corpus_init(&w);
        w.on_article = stream_article;
        w.on_skip = stream_skip;
        w.on_progress = stream_progress;
        w.sink_ctx = &is;
        int rc = chorus_read_path(&w, path, &err);
        uint64_t read = w.bytes_read;
        chorus_corpus_free(&w);
        if (!is.failed && is.window.n_articles) is.failed = store_window(store, &is.window, st, ui, read) < 0;
        chorus_corpus_free(&is.window);
        if (is.failed) return -1;
        if (rc == CHORUS_ENOMEM) {
            cli_error("%s: out of memory", path);
            return -1;
        }
        if (rc < 0) {
            const char *why = err.message[0] ? err.message : chorus_strerror(rc);
            size_t n = strlen(path);
            if (!strncmp(why, path, n) && !strncmp(why + n, ": ", 2)) why += n + 2;
            cli_error("%s: skipped: %s", path, why);
            cli_skip_tally_add(&ui->skips, why);
            ui->skipped_inputs++;
        }
        return 0;
    }
    chorus_feed *feed;
    if (chorus_feed_open(path, &feed, &err)) {
        cli_error("%s", err.message);
        cli_skip_tally_add(&ui->skips, "cannot open");
        ui->skipped_inputs++;
        return 0;
    }
    int rc = 0;
    while (!rc && !chorus_feed_done(feed)) {
        chorus_corpus_init(&w);
        int n = chorus_feed_next(feed, &w, CHORUS_INGEST_WINDOW, &err);
        if (n < 0) {
            cli_error("%s", err.message[0] ? err.message : chorus_strerror(n));
            cli_skip_tally_add(&ui->skips, "read error");
            ui->skipped_inputs++;
            if (n == CHORUS_ENOMEM) rc = -1;
            chorus_corpus_free(&w);
            break; /* a read error ends this input; what was read is stored */
        }
        ui->reader_bytes = chorus_feed_bytes(feed);
        rc = store_window(store, &w, st, ui, chorus_feed_bytes(feed));
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
    int progress = PROGRESS_AUTO;
    int timing = 0;
    cli_args args = cli_args_of("ingest", usage, argc, argv);
    while (cli_next(&args)) {
        if (!strcmp(args.argv[args.i], "--timing")) timing = 1;
        else if (!(cli_opt_string(&args, "--db", &db) || cli_opt_cluster(&args, &copt) ||
                   cli_opt_progress(&args, &progress)))
            cli_take_input(&args, inputs, &n_inputs);
    }
    if (args.exit_code >= 0) return args.exit_code;
    if (!db || !n_inputs) {
        if (!db) cli_error("ingest: --db FILE is required");
        return cli_usage_error(&args);
    }
    chorus_ingest_stats st = {0};
    ingest_ui ui = {.st = &st};
    /* shown from the start: opening a large store takes a while too */
    ui.progress = cli_progress_start("ingest", progress, cli_inputs_size(inputs, n_inputs));
    chorus_error err = {0};
    chorus_store *store;
    int rc = chorus_store_open_writer(db, copt.names, copt.values, copt.n, &store, &err);
    if (rc) {
        cli_progress_stop(ui.progress);
        cli_error("ingest: %s", err.message);
        return rc == CHORUS_EINVAL ? EXIT_USAGE : EXIT_FAILURE_;
    }
    if (chorus_store_notice(store)) cli_error("ingest: warning: %s", chorus_store_notice(store));
    size_t before = chorus_store_article_count(store);
    chorus_store_set_ingest_callbacks(store, on_progress, on_skip, &ui);
    int failed = 0;
    for (int i = 0; i < n_inputs && !failed; i++) {
        failed = ingest_path(store, inputs[i], &st, &ui) < 0;
        /* the next input starts after this one's bytes */
        ui.base += cli_inputs_size(inputs + i, 1);
        ui.reader_bytes = ui.win_start = ui.win_end = 0;
        ui.win_n = 0;
        show(&ui);
    }
    /* the last batches are written after the last ingest call returned */
    if (chorus_store_flush(store, &st, &err)) {
        if (!failed) cli_error("ingest: %s", err.message);
        failed = 1;
    }
    size_t after = chorus_store_article_count(store);
    chorus_store_close(store);

    size_t skipped = ui.skipped_inputs + st.skipped;
    if (ui.progress) {
        cli_progress_stop(ui.progress);
        /* one line for a person; the table below is for scripts */
        char why[900];
        cli_skip_tally_format(&ui.skips, why, sizeof why);
        cli_progress_lock_output();
        fprintf(stderr, "ingest: read %zu, kept %zu, duplicates %zu, already stored %zu, new stories %zu%s\n",
                st.read + ui.skipped_inputs, st.added, st.duplicates, st.already, st.new_stories, why);
        cli_progress_unlock_output();
    }
    cli_skip_tally_free(&ui.skips);
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
