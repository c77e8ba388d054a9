/* chorus stories --db FILE: the stories in the store, largest or latest first. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "store.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: chorus stories --db FILE [OPTIONS]\n"
            "List the stories in the store: title, reports, outlets, first and last seen.\n\n"
            "options:\n"
            "  --db FILE       the store (SQLite), as written by chorus ingest\n"
            "  --since T       only stories with an article published since T: 30m, 24h,\n"
            "                  7d, 2w before now, or an ISO 8601 date (2026-11-20)\n"
            "  --sort K        size (default: most reports first) or recent (latest first)\n"
            "  --limit N       at most N stories\n"
            "  --query Q       stories about Q, most relevant first (BM25 over the reports'\n"
            "                  titles and text; the search index is built on first use)\n"
            "  --format F      md (default) or json\n");
}

/* "2026-11-21" at midnight UTC, else "2026-11-21 08:30" (UTC). */
static const char *fmt_time(int64_t t, char *buf, size_t cap, int iso)
{
    if (t == INT64_MIN) return iso ? NULL : "?";
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm)) return iso ? NULL : "?";
    if (iso) strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
    else if (tm.tm_hour == 0 && tm.tm_min == 0 && tm.tm_sec == 0) strftime(buf, cap, "%Y-%m-%d", &tm);
    else strftime(buf, cap, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

/* A table cell: no line breaks, no column separators, no control characters. */
static void cell_put(const char *p, size_t n, void *ctx)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '|') fputs("\\|", (FILE *)ctx);
        else fputc(p[i], (FILE *)ctx);
    }
}

static void md_cell(FILE *out, const char *s)
{
    if (s) chorus_visible(s, strlen(s), 0, cell_put, out);
}

static void print_md(FILE *out, const char *db, const cx_story_info *v, size_t n)
{
    fprintf(out, "# Stories in %s (%zu)\n\n", db, n);
    if (!n) return;
    fputs("| story | title | reports | outlets | first seen | last seen |\n"
          "|---:|---|---:|---|---|---|\n",
          out);
    for (size_t i = 0; i < n; i++) {
        char a[32], b[32];
        fprintf(out, "| %lld | ", (long long)v[i].id);
        md_cell(out, v[i].title ? v[i].title : "(untitled)");
        fprintf(out, " | %zu", v[i].size);
        if (v[i].n_duplicates)
            fprintf(out, " (+%zu %s)", v[i].n_duplicates, v[i].n_duplicates == 1 ? "copy" : "copies");
        fprintf(out, " | %zu: ", v[i].n_outlets);
        /* The three outlets with most articles, then how many more. */
        const char *o = v[i].outlets ? v[i].outlets : "";
        size_t shown = 0;
        while (*o && shown < 3) {
            const char *sep = strchr(o, CX_STORE_OUTLET_SEP);
            size_t len = sep ? (size_t)(sep - o) : strlen(o);
            char name[256];
            snprintf(name, sizeof name, "%.*s", (int)(len < 255 ? len : 255), o);
            if (shown) fputs(", ", out);
            md_cell(out, name);
            shown++;
            o = sep ? sep + 1 : o + len;
        }
        if (v[i].n_outlets > shown) fprintf(out, " +%zu", v[i].n_outlets - shown);
        fprintf(out, " | %s | %s |\n", fmt_time(v[i].first_seen, a, sizeof a, 0),
                fmt_time(v[i].last_seen, b, sizeof b, 0));
    }
}

static json_t *time_json(int64_t t)
{
    char buf[32];
    const char *s = fmt_time(t, buf, sizeof buf, 1);
    return s ? json_string(s) : json_null();
}

static int print_json(FILE *out, const char *db, const cx_story_info *v, size_t n, const chorus_story_match *m)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *outlets = json_array();
        const char *o = v[i].outlets ? v[i].outlets : "";
        while (*o) {
            const char *sep = strchr(o, CX_STORE_OUTLET_SEP);
            size_t len = sep ? (size_t)(sep - o) : strlen(o);
            json_array_append_new(outlets, json_stringn(o, len));
            o = sep ? sep + 1 : o + len;
        }
        json_array_append_new(
            arr, json_pack("{s:I, s:o, s:I, s:I, s:I, s:o, s:o, s:o, s:o}", "id", (json_int_t)v[i].id,
                           "title", v[i].title ? json_string(v[i].title) : json_null(), "size",
                           (json_int_t)v[i].size, "duplicates", (json_int_t)v[i].n_duplicates,
                           "n_outlets", (json_int_t)v[i].n_outlets, "outlets", outlets, "first_seen",
                           time_json(v[i].first_seen), "last_seen", time_json(v[i].last_seen),
                           "updated_at", time_json(v[i].updated_at)));
        if (m) {
            json_t *last = json_array_get(arr, json_array_size(arr) - 1);
            json_object_set_new(last, "score", json_real(m[i].score));
            json_object_set_new(last, "matching", json_integer((json_int_t)m[i].matching));
        }
    }
    json_t *doc = json_pack("{s:s, s:I, s:o}", "db", db, "count", (json_int_t)n, "stories", arr);
    int rc = doc ? json_dumpf(doc, out, JSON_INDENT(2)) : -1;
    json_decref(doc);
    fputc('\n', out);
    return rc;
}

/* --query: the stories about a query, most relevant first. */
static int search(const char *db, const char *query, size_t limit, int json)
{
    chorus_error err = {0};
    chorus_story_match *m;
    size_t n, unindexed = 0;
    int rc = chorus_store_search(db, query, limit, &m, &n, &unindexed, &err);
    if (rc) {
        cli_error("stories: %s", err.message);
        return rc == CHORUS_EINVAL ? EXIT_USAGE : EXIT_FAILURE_;
    }
    if (unindexed)
        cli_error("stories: an ingest is running: %zu report(s) stored since the last search are not searched", unindexed);
    cx_story_info *v = calloc(n ? n : 1, sizeof *v);
    if (!v) {
        chorus_story_matches_free(m, n);
        cli_error("stories: out of memory");
        return EXIT_FAILURE_;
    }
    for (size_t i = 0; i < n; i++)
        v[i] = (cx_story_info){m[i].story, m[i].title, m[i].first_seen, m[i].last_seen, m[i].updated_at,
                               m[i].reports, m[i].duplicates, m[i].n_outlets, m[i].outlets};
    int status = EXIT_OK;
    if (json) {
        if (print_json(stdout, db, v, n, m)) status = EXIT_FAILURE_;
    } else {
        print_md(stdout, db, v, n);
        printf("\nRanked by relevance to: ");
        md_cell(stdout, query);
        putchar('\n');
    }
    if (cli_close_output(stdout)) status = EXIT_FAILURE_;
    free(v);
    chorus_story_matches_free(m, n);
    return status;
}

int cmd_stories(int argc, char **argv)
{
    const char *db = NULL, *since_arg = NULL, *query = NULL;
    size_t limit = 0;
    int json = 0, order = CX_STORIES_BY_SIZE;
    static const cli_choice orders[] = {
        {"size", CX_STORIES_BY_SIZE}, {"recent", CX_STORIES_BY_RECENCY}, {NULL, 0}};
    static const cli_choice formats[] = {{"md", 0}, {"markdown", 0}, {"json", 1}, {NULL, 0}};
    cli_args args = cli_args_of("stories", usage, argc, argv);
    while (cli_next(&args))
        if (!(cli_opt_string(&args, "--db", &db) ||
              cli_opt_string(&args, "--since", &since_arg) ||
              cli_opt_size(&args, "--limit", 1, &limit) ||
              cli_opt_string(&args, "--query", &query) ||
              cli_opt_choice(&args, "--sort", "sort", orders, &order) ||
              cli_opt_choice(&args, "--format", "format", formats, &json)))
            cli_reject(&args, "unexpected argument");
    if (args.exit_code >= 0) return args.exit_code;
    if (!db) {
        cli_error("stories: --db FILE is required");
        return cli_usage_error(&args);
    }
    int64_t since = INT64_MIN;
    if (since_arg && (since = cx_parse_time_spec(since_arg, (int64_t)time(NULL))) == INT64_MIN) {
        cli_error("stories: cannot read --since '%s' (30m, 24h, 7d, 2w, or a date like 2026-11-20)",
                  since_arg);
        return EXIT_USAGE;
    }
    chorus_error err = {0};
    if (query) {
        if (since_arg) {
            cli_error("stories: --query and --since do not combine (a search ranks by relevance)");
            return EXIT_USAGE;
        }
        return search(db, query, limit, json);
    }
    cx_store *store;
    if (cx_store_open(db, CX_STORE_READ, &store, &err)) {
        cli_error("stories: %s", err.message);
        return EXIT_FAILURE_;
    }
    cx_story_info *v;
    size_t n;
    int rc = cx_store_stories(store, since, (cx_story_order)order, limit, &v, &n, &err);
    cx_store_close(store);
    if (rc) {
        cli_error("stories: %s", err.message);
        return EXIT_FAILURE_;
    }
    int status = EXIT_OK;
    if (json) {
        if (print_json(stdout, db, v, n, NULL)) status = EXIT_FAILURE_;
    } else
        print_md(stdout, db, v, n);
    if (cli_close_output(stdout)) status = EXIT_FAILURE_;
    cx_story_infos_free(v, n);
    return status;
}
