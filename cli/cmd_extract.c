/* chorus extract FILE...: the articles found in the inputs (HTML pages,
 * WARC archives, text, JSONL) as article JSONL, one object a line. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "progress.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: chorus extract [-o FILE] INPUT...\n\n"
               "Extract the article (title, date, outlet, author, body) from each input and\n"
               "print article JSONL: {\"id\",\"source\",\"url\",\"published\",\"title\",\"author\",\"text\"},\n"
               "with \"wire\" (the agency of a dateline such as \"LONDON (Reuters) -\") and\n"
               "\"source_is_file\": true (no outlet named in the input: source is the file name).\n"
               "  -o, --output FILE  write to FILE instead of standard output\n"
               "  --outlet NAME      the outlet of inputs that name none\n"
               "  --outlets FILE     outlet names by host or name, 'HOST<TAB>NAME' lines\n"
               "  --progress         show progress on standard error even when it is not a\n"
               "                     terminal (one line a second); by default a terminal shows\n"
               "                     articles, MB, rate and time left, then a summary line\n"
               "  -q, --quiet        no progress and no summary line\n");
}

static int set_str(json_t *o, const char *key, const char *val)
{
    if (!val) return 0;
    return json_object_set_new(o, key, json_string(val));
}

/* Articles are written as they are read, so memory stays that of one
 * record however large the inputs (a WARC of any size). */
typedef struct {
    FILE *out;
    size_t articles, failures, notes;
    int write_failed;
    cli_progress *progress;
    uint64_t base; /* bytes of the inputs done */
    cli_skip_tally skips;
} extract_run;

static void on_progress(const chorus_corpus *c, void *ctx)
{
    extract_run *run = ctx;
    cli_progress_update(run->progress, run->articles, run->base + c->bytes_read, run->base + c->bytes_read);
}

static int write_article(chorus_article *a, void *ctx)
{
    extract_run *run = ctx;
    int rc = 0;
    /* outlets named one article at a time: the stream keeps no corpus */
    chorus_corpus one = {.articles = a, .n_articles = 1, .cap_articles = 1};
    if (cli_name_outlets(&one)) rc = CHORUS_ENOMEM;
    if (!rc && !run->write_failed) {
        json_t *o = json_object();
        if (!o) rc = CHORUS_ENOMEM;
        else {
            set_str(o, "id", a->id);
            set_str(o, "source", a->source);
            set_str(o, "wire", a->wire);
            if (a->source_is_file) json_object_set_new(o, "source_is_file", json_true());
            set_str(o, "url", a->url);
            set_str(o, "published", a->published);
            set_str(o, "title", a->title);
            set_str(o, "author", a->author);
            set_str(o, "text", a->text);
            if (json_dumpf(o, run->out, JSON_COMPACT) || fputc('\n', run->out) == EOF) run->write_failed = 1;
            json_decref(o);
        }
    }
    run->articles++;
    chorus_article_free(a);
    /* a failed write stops the reading: nothing more can be delivered */
    return rc ? rc : run->write_failed ? CHORUS_EIO : 0;
}

static int report_skip(const chorus_skip *k, void *ctx)
{
    extract_run *run = ctx;
    cli_error("%s: %s: %s", k->origin, k->note == 2 ? "warning" : k->note ? "not articles" : "skipped", k->reason);
    run->failures += !k->note;
    run->notes += k->note == 1;
    if (!k->note) cli_skip_tally_add(&run->skips, k->reason);
    return 0;
}

int cmd_extract(int argc, char **argv)
{
    const char *output = NULL;
    char **paths = argv + 1;
    int n_paths = 0;
    cli_args args = cli_args_of("extract", usage, argc, argv);
    int progress = PROGRESS_AUTO;
    while (cli_next(&args))
        if (!(cli_opt_string(&args, "--output", &output) || cli_opt_string(&args, "-o", &output) ||
              cli_opt_outlets(&args) || cli_opt_progress(&args, &progress)))
            cli_take_input(&args, paths, &n_paths);
    if (args.exit_code >= 0) return args.exit_code;
    if (!n_paths) return cli_usage_error(&args);
    FILE *out = cli_open_output(output);
    if (!out) return EXIT_FAILURE_;
    extract_run run = {.out = out};
    run.progress = cli_progress_start("extract", progress, cli_inputs_size(paths, n_paths));
    chorus_corpus c;
    chorus_corpus_init(&c);
    c.on_article = write_article;
    c.on_skip = report_skip;
    c.on_progress = on_progress;
    c.sink_ctx = &run;
    int fatal = 0;
    for (int i = 0; i < n_paths && !fatal && !run.write_failed; i++) {
        chorus_error err = {0};
        c.bytes_read = 0;
        int rc = chorus_read_path(&c, paths[i], &err);
        run.base += cli_inputs_size(paths + i, 1);
        if (run.write_failed) break;
        if (rc == CHORUS_ENOMEM) {
            cli_error("%s: out of memory", paths[i]);
            fatal = 1;
        } else if (rc < 0) {
            const char *why = err.message[0] ? err.message : chorus_strerror(rc);
            size_t n = strlen(paths[i]);
            if (!strncmp(why, paths[i], n) && !strncmp(why + n, ": ", 2)) why += n + 2;
            cli_error("%s: skipped: %s", paths[i], why);
            cli_skip_tally_add(&run.skips, why);
            run.failures++;
        }
        cli_progress_update(run.progress, run.articles, run.base, run.base);
    }
    chorus_corpus_free(&c);
    if (run.progress) {
        cli_progress_stop(run.progress);
        char why[900];
        cli_skip_tally_format(&run.skips, why, sizeof why);
        cli_progress_lock_output();
        fprintf(stderr, "extract: %zu article%s from %d input%s%s", run.articles, run.articles == 1 ? "" : "s", n_paths,
                n_paths == 1 ? "" : "s", why);
        if (run.notes) fprintf(stderr, ", %zu note%s on records that are not articles", run.notes, run.notes == 1 ? "" : "s");
        fputc('\n', stderr);
        cli_progress_unlock_output();
    }
    cli_skip_tally_free(&run.skips);
    if (fatal || run.write_failed) {
        if (run.write_failed) cli_close_output(out); /* says why, removes the temporary */
        else cli_discard_output(out);
        return EXIT_FAILURE_;
    }
    if (cli_close_output(out)) return EXIT_FAILURE_;
    return run.articles == 0 ? EXIT_NOINPUT : run.failures ? EXIT_PARTIAL : EXIT_OK;
}
