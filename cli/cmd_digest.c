/* chorus digest INPUT...: one digest of one story. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

/* Threads asked for with --threads, else by CHORUS_THREADS (0: the
 * library's default); -1 after a message when the variable is not a
 * positive number. */
static int threads_wanted(size_t given)
{
    if (given) return given > 1024 ? 1024 : (int)given;
    const char *env = getenv("CHORUS_THREADS");
    if (!env || !*env) return 0;
    char *end;
    long v = strtol(env, &end, 10);
    if (*end || v < 1) {
        cli_error("digest: CHORUS_THREADS wants a positive number of threads, not '%s'", env);
        return -1;
    }
    return v > 1024 ? 1024 : (int)v;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: chorus digest [OPTIONS] INPUT...\n"
            "Digest one story from several reports: files (text, JSONL, HTML, WARC),\n"
            "directories (read recursively in name order), or - for standard input.\n\n"
            "options:\n"
            "  --words N       summary budget in words (default %d)\n"
            "  --bytes N       summary budget in bytes\n"
            "  --compress      trim words that carry no content outside the article\n"
            "                  (datelines, weekdays, short asides; never inside quotes);\n"
            "                  the default with --focus, --seen, --new-since and --query\n"
            "  --verbatim      print summary sentences as the articles wrote them (the\n"
            "                  default of a generic digest)\n"
            "  --fill          let one last sentence run past --words (for scorers that cut\n"
            "                  summaries at the budget, as ROUGE -l does); the summary is\n"
            "                  then longer than N words\n"
            "  --format F      md (default), json, text (a compact plain digest: summary,\n"
            "                  where outlets differ, sources), html (one self-contained\n"
            "                  page for a browser), summary (the summary sentences alone,\n"
            "                  one a line: what scorers such as ROUGE read)\n"
            "  --no-quotes     leave out quotes, names and figures (faster)\n"
            "  --outlet NAME   the outlet of inputs that name none (a folder of text\n"
            "                  files); otherwise such a file is shown as 'NAME (file)'\n"
            "  --outlets FILE  outlet names by host or name, one 'HOST<TAB>NAME' a line\n"
            "                  (bbc.co.uk<TAB>BBC News); hosts seen beside a page's\n"
            "                  declared name are named by it for the whole run\n"
            "  --lang CODE     the reports' language (ISO 639: en, fr, de, es, it, pt, ru,\n"
            "                  zh, ja...), over a JSONL \"language\" field; by default each\n"
            "                  report's language is detected from its text\n"
            "  -o FILE         write to FILE instead of standard output\n"
            "  --db FILE --story ID\n"
            "                  digest story ID of a store written by chorus ingest\n"
            "                  (its reports, near-duplicate copies left out)\n"
            "  --focus Q       answer the question Q: sentences that hold its words (their\n"
            "                  stems, the names it gives) and what those sentences say weigh\n"
            "                  more; a question without content words, or none of whose\n"
            "                  words the articles use, gives a generic summary with a note\n"
            "  --seen FILE     (repeatable) reports the reader has already read: an update\n"
            "                  summary of what INPUT adds to them (sentences they already\n"
            "                  say are left out, what they cover weighs less); when\n"
            "                  nothing is new the summary is empty, a note says so and the\n"
            "                  exit code is 3\n"
            "  --new-since T   with --story: what is new since T (30m, 24h, 7d, or an ISO\n"
            "                  date): an update summary of the reports ingested since then\n"
            "                  for a reader of the earlier ones (as --seen)\n"
            "  --db FILE --query Q\n"
            "                  digest the story of the store that matches Q best (as\n"
            "                  chorus stories --query), focused on Q (unless --focus)\n"
            "  --max-reports N with --story: digest the N latest reports at most\n"
            "                  (default %d)\n"
            "  --threads N     threads for the per-article work of a large story (reading,\n"
            "                  cleaning, sentences, words, dates, names); default: the\n"
            "                  CHORUS_THREADS environment variable, else %d. The digest\n"
            "                  is the same whatever the number\n",
            CHORUS_DEFAULT_SUMMARY_WORDS, CHORUS_STORE_DIGEST_MAX, CHORUS_DEFAULT_THREADS);
}

/* What --new-since leaves out, for the note printed with the digest. */
typedef struct {
    size_t earlier, repeated, emptied;
} story_news;

/* The story's reports from the store; with new_since, only those ingested
 * since then, without the sentences earlier reports already said. Returns
 * an exit code, EXIT_OK when c holds articles (EXIT_PARTIAL when the
 * story-articles limit left some out). */
static int load_story(const char *db, const char *story_arg, const char *new_since_arg,
                      size_t max_reports, chorus_corpus *c, chorus_corpus *earlier, story_news *news,
                      int64_t *story_out)
{
    char *end;
    long long story = strtoll(story_arg, &end, 10);
    if (*end || end == story_arg || story <= 0) {
        cli_error("digest: --story needs a story id (see chorus stories)");
        return EXIT_USAGE;
    }
    int64_t since = INT64_MIN;
    if (new_since_arg &&
        (since = chorus_parse_time_spec(new_since_arg, (int64_t)time(NULL))) == INT64_MIN) {
        cli_error("digest: cannot read --new-since '%s' (30m, 24h, 7d, or a date)", new_since_arg);
        return EXIT_USAGE;
    }
    chorus_error err = {0};
    chorus_store *store;
    if (chorus_store_open_reader(db, &store, &err)) {
        cli_error("digest: %s", err.message);
        return EXIT_FAILURE_;
    }
    chorus_story_reports got;
    int rc = chorus_store_story_reports(store, story, since, max_reports, c, new_since_arg ? earlier : NULL, &got,
                                        &err);
    chorus_store_close(store);
    if (rc < 0) {
        cli_error("digest: %s", err.message);
        return rc == CHORUS_EINVAL || rc == CHORUS_ENOTFOUND ? EXIT_NOINPUT : EXIT_FAILURE_;
    }
    news->earlier = got.earlier;
    news->repeated = got.repeated;
    news->emptied = got.emptied;
    int64_t root = got.story;
    size_t total = got.total;
    if (root != story) cli_error("digest: story %lld was merged into story %lld", story, (long long)root);
    int left_out = 0;
    if (total > c->n_articles + news->emptied) {
        /* the store gives the latest reports, as many as one story may hold */
        size_t cap = chorus_get_limits()->story_articles;
        int by_limit = max_reports > cap;
        size_t kept = by_limit ? cap : max_reports;
        cli_error("digest: story %lld has %zu reports; the %zu latest are digested, %zu left out (%s)",
                  (long long)root, total, kept, total - kept, by_limit ? "limit story-articles" : "--max-reports");
        /* a limit hit leaves reports out: exit status 1, as for files */
        if (by_limit) left_out = 1;
    }
    *story_out = root;
    if (!c->n_articles) {
        if (new_since_arg)
            cli_error("digest: story %lld: nothing new since %s (%zu earlier report(s), %zu new"
                      " report(s) that only repeat them)",
                      (long long)root, new_since_arg, news->earlier, news->emptied);
        else
            cli_error("digest: story %lld has no reports", (long long)root);
        return EXIT_NOINPUT;
    }
    return left_out ? EXIT_PARTIAL : EXIT_OK;
}

/* Seen reports read only when the library has nothing kept for their
 * files (chorus_seen_files): a reader back with the same files pays for
 * hashing their bytes, not for reading them. */
typedef struct {
    char **paths;
    int n;
    chorus_corpus *seen;
    int status; /* of cli_load_articles once called, else -1 */
} seen_loader;

static int load_seen(void *ctx, const chorus_corpus **out, int *keep)
{
    seen_loader *l = ctx;
    l->status = cli_load_articles("digest: --seen", l->seen, l->paths, l->n);
    if (l->status != EXIT_OK && l->status != EXIT_PARTIAL) return CHORUS_EIO;
    *out = l->seen;
    /* a run that skipped or warned about something must say so again next time */
    *keep = l->status == EXIT_OK && !l->seen->n_skipped;
    return 0;
}

/* Whether the seen paths can be named by their bytes: regular files only
 * (standard input and directories are read as before). */
static int seen_by_files(char **paths, int n, unsigned char key[16])
{
    for (int i = 0; i < n; i++)
        if (!strcmp(paths[i], "-")) return 0;
    return chorus_seen_files_key((const char *const *)paths, (size_t)n, key) == 0;
}

int cmd_digest(int argc, char **argv)
{
    const char *db = NULL, *story_arg = NULL, *new_since_arg = NULL, *focus = NULL, *query = NULL;
    char found_story[32];
    char **seen_paths = calloc((size_t)argc + 1, sizeof *seen_paths);
    int n_seen = 0;
    if (!seen_paths) {
        cli_error("digest: out of memory");
        return EXIT_FAILURE_;
    }
    size_t max_reports = CHORUS_STORE_DIGEST_MAX, threads = 0;
    chorus_digest_options opt;
    chorus_digest_options_init(&opt);
    int fmt = CHORUS_FORMAT_MD;
    static const cli_choice formats[] = {{"md", CHORUS_FORMAT_MD},
                                         {"markdown", CHORUS_FORMAT_MD},
                                         {"json", CHORUS_FORMAT_JSON},
                                         {"text", CHORUS_FORMAT_TEXT},
                                         {"html", CHORUS_FORMAT_HTML},
                                         {"summary", CHORUS_FORMAT_SUMMARY},
                                         {NULL, 0}};
    const char *output = NULL, *lang = NULL;
    char **inputs = argv; /* reuse argv storage for the positional arguments */
    int n_inputs = 0;
    int compress = -1; /* not given */
    cli_args args = cli_args_of("digest", usage, argc, argv);
    while (cli_next(&args)) {
        const char *arg = argv[args.i];
        if (!strcmp(arg, "--no-quotes")) opt.with_quotes = 0;
        else if (!strcmp(arg, "--compress")) compress = 1;
        else if (!strcmp(arg, "--verbatim")) compress = 0;
        else if (!strcmp(arg, "--fill")) opt.fill = 1;
        else if (cli_opt_string(&args, "--seen", (const char **)&seen_paths[n_seen])) n_seen++;
        else if (!(cli_opt_size(&args, "--words", 1, &opt.max_words) ||
                   cli_opt_string(&args, "--focus", &focus) ||
                   cli_opt_string(&args, "--query", &query) ||
                   cli_opt_size(&args, "--bytes", 1, &opt.max_bytes) ||
                   cli_opt_choice(&args, "--format", "format", formats, &fmt) ||
                   cli_opt_string(&args, "-o", &output) || cli_opt_outlets(&args) ||
                   cli_opt_string(&args, "--db", &db) ||
                   cli_opt_string(&args, "--story", &story_arg) ||
                   cli_opt_string(&args, "--new-since", &new_since_arg) ||
                   cli_opt_string(&args, "--lang", &lang) ||
                   cli_opt_size(&args, "--max-reports", 1, &max_reports) ||
                   cli_opt_size(&args, "--threads", 1, &threads)))
            cli_take_input(&args, inputs, &n_inputs);
    }
    if (args.exit_code >= 0) {
        free(seen_paths);
        return args.exit_code;
    }
    if ((opt.threads = threads_wanted(threads)) < 0) {
        free(seen_paths);
        return EXIT_USAGE;
    }
    if (query && (!db || story_arg)) {
        cli_error("digest: --query searches a store: --db FILE --query Q (without --story)");
        free(seen_paths);
        return EXIT_USAGE;
    }
    if (query) {
        /* the story that matches best, digested with the query as its focus */
        chorus_error qerr = {0};
        chorus_story_match *m;
        size_t nm = 0, unindexed = 0;
        int qrc = chorus_store_search(db, query, 1, &m, &nm, &unindexed, &qerr);
        if (qrc) {
            cli_error("digest: %s", qerr.message);
            free(seen_paths);
            return qrc == CHORUS_EINVAL ? EXIT_USAGE : EXIT_FAILURE_;
        }
        if (!nm) {
            chorus_story_matches_free(m, nm);
            cli_error("digest: no story of %s matches '%s'", db, query);
            free(seen_paths);
            return EXIT_NOINPUT;
        }
        snprintf(found_story, sizeof found_story, "%lld", (long long)m[0].story);
        cli_error("digest: story %s matches best: %s (%zu of its reports match)", found_story,
                  m[0].title ? m[0].title : "(untitled)", m[0].matching);
        chorus_story_matches_free(m, nm);
        story_arg = found_story;
        if (!focus) focus = query;
    }
    if (!db != !story_arg || (db && n_inputs) || (new_since_arg && !db) || (n_seen && db)) {
        cli_error("digest: give INPUT files [--seen FILE...], or --db FILE --story ID [--new-since T]");
        free(seen_paths);
        return EXIT_USAGE;
    }
    if (!n_inputs && !db) {
        free(seen_paths);
        return cli_usage_error(&args);
    }
    opt.focus = focus;
    /* A focused or update digest is read apart from its articles, and trimmed
     * sentences leave room for more of the answer (bench/RESULTS.md: better
     * ROUGE on DUC 2006 and 2007 update); a generic digest stays verbatim
     * unless asked. */
    opt.compress = compress >= 0 ? compress : (focus || n_seen || new_since_arg) ? 1 : 0;
    opt.parts = chorus_format_parts((chorus_format)fmt); /* compute what the format prints, no more */
    chorus_corpus corpus, seen;
    chorus_corpus_init(&corpus);
    chorus_corpus_init(&seen);
    /* each is one story, held whole in memory (--max story-articles) */
    corpus.max_articles = seen.max_articles = chorus_get_limits()->story_articles;
    story_news news = {0};
    chorus_seen_files seen_files = {{0}, NULL, NULL};
    seen_loader loader = {NULL, 0, NULL, -1};
    int64_t story = 0;
    int loaded = EXIT_OK, status = EXIT_OK;
    chorus_digest *d = NULL;
    if (db) {
        int st = load_story(db, story_arg, new_since_arg, max_reports, &corpus, &seen, &news, &story);
        if (st != EXIT_OK && st != EXIT_PARTIAL) {
            status = st;
            goto done;
        }
        loaded = st;
        if (new_since_arg) opt.seen = &seen;
    } else {
        if ((loaded = cli_load_articles("digest", &corpus, inputs, n_inputs)) != EXIT_OK && loaded != EXIT_PARTIAL) {
            status = loaded;
            goto done;
        }
        if (n_seen && seen_by_files(seen_paths, n_seen, seen_files.key)) {
            loader = (seen_loader){seen_paths, n_seen, &seen, -1};
            seen_files.load = load_seen;
            seen_files.ctx = &loader;
            opt.seen_files = &seen_files;
        } else if (n_seen) {
            int ls = cli_load_articles("digest: --seen", &seen, seen_paths, n_seen);
            if (ls != EXIT_OK && ls != EXIT_PARTIAL) {
                status = ls;
                goto done;
            }
            if (ls == EXIT_PARTIAL) loaded = EXIT_PARTIAL;
            opt.seen = &seen;
        }
    }
    for (size_t i = 0; lang && i < corpus.n_articles; i++) {
        free(corpus.articles[i].language);
        corpus.articles[i].language = strdup(lang);
    }
    chorus_error err = {0};
    int rc = chorus_digest_build(&corpus, &opt, &d, &err);
    if (loader.status >= 0 && loader.status != EXIT_OK && loader.status != EXIT_PARTIAL) {
        status = loader.status; /* the seen files' message is out already */
        goto done;
    }
    if (loader.status == EXIT_PARTIAL) loaded = EXIT_PARTIAL;
    if (rc) {
        cli_error("digest: %s", err.message);
        status = EXIT_FAILURE_;
        goto done;
    }
    if (getenv("CHORUS_SOLVER_TRACE")) {
        /* for benchmarks: the size of the exact summary search */
        chorus_search_stats st = chorus_digest_search_stats(d);
        fprintf(stderr, "solver: %zu items, %zu nodes, value %.2f%s\n", st.items, st.nodes, st.value,
                st.node_limit_hit ? " (node limit)" : " (optimal)");
    }
    /* How the summary was made when focus or update fell back; the Markdown
     * and text digests carry it too, the summary format only here. */
    if (chorus_digest_note(d)) cli_error("digest: %s", chorus_digest_note(d));
    FILE *out = cli_open_output(output);
    status = loaded;
    if (!out) status = EXIT_FAILURE_;
    else {
        int render_failed = 0;
        if (chorus_digest_render(d, (chorus_format)fmt, out, &err)) {
            /* a failed write is reported once, naming the output, on close */
            if (!ferror(out)) cli_error("digest: %s", err.message);
            render_failed = 1;
        }
        if (new_since_arg) {
            /* What the digest leaves out; JSON stays one document, so there it goes to stderr. */
            char note[400];
            snprintf(note, sizeof note,
                     "story %lld: only what is new since %s: %zu new report(s); %zu earlier"
                     " report(s) already known; %zu sentence(s) of the new reports that repeat"
                     " them left out",
                     (long long)story, new_since_arg, corpus.n_articles + news.emptied,
                     news.earlier, news.repeated);
            if (fmt == CHORUS_FORMAT_MD) fprintf(out, "\n---\n_%s._\n", note);
            else cli_error("digest: %s", note);
        }
        if (render_failed && !ferror(out)) cli_discard_output(out);
        else if (cli_close_output(out)) status = EXIT_FAILURE_;
        if (render_failed) status = EXIT_FAILURE_;
    }
    /* an update with nothing new: the (empty) digest is written, exit 3 */
    if (status == EXIT_OK || status == EXIT_PARTIAL)
        if (chorus_digest_nothing_new(d)) status = EXIT_NOINPUT;
done:
    chorus_digest_free(d);
    chorus_corpus_free(&corpus);
    chorus_corpus_free(&seen);
    free(seen_paths);
    return status;
}
