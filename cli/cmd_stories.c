/* chorus stories --db FILE: the stories in the store, largest or latest first. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"

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
            "  --limit N       at most N stories (or topics)\n"
            "  --query Q       stories about Q, most relevant first (BM25 over the reports'\n"
            "                  titles and text; the search index is built on first use)\n"
            "  --format F      md (default), json, or atom (an Atom feed of the stories, for\n"
            "                  feed readers)\n"
            "  --link URL      with --format atom: link each entry to URL/story/ID (the\n"
            "                  address of a running chorus serve)\n"
            "  --articles      json: each story's article ids (near-duplicates included);\n"
            "                  with --topics, each topic's, and each of its parts of stories'\n"
            "  --topics        list topics instead: the subjects that link stories over any\n"
            "                  span of time, each with its stories (computed from the stored\n"
            "                  features on each call: one pass over the store; the topics\n"
            "                  chorus cluster --level topic gives; a story whose reports\n"
            "                  belong to two topics is listed under both)\n");
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

static void print_md(FILE *out, const char *db, const chorus_story_info *v, size_t n)
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
            const char *sep = strchr(o, CHORUS_OUTLET_SEP);
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

/* The article ids of a story, as a JSON array (NULL on failure). */
static json_t *members_json(chorus_store *store, int64_t story)
{
    char **ids;
    size_t n;
    chorus_error err = {0};
    if (chorus_store_story_members(store, story, &ids, &n, &err)) {
        cli_error("stories: %s", err.message);
        return NULL;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(arr, json_string(ids[i]));
    chorus_store_ids_free(ids, n);
    return arr;
}

static int print_json(FILE *out, const char *db, const chorus_story_info *v, size_t n, const chorus_story_match *m,
                      chorus_store *articles_of)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *outlets = json_array();
        const char *o = v[i].outlets ? v[i].outlets : "";
        while (*o) {
            const char *sep = strchr(o, CHORUS_OUTLET_SEP);
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
        if (articles_of) {
            json_t *ids = members_json(articles_of, v[i].id);
            if (!ids) {
                json_decref(arr);
                return -1;
            }
            json_object_set_new(json_array_get(arr, json_array_size(arr) - 1), "articles", ids);
        }
    }
    json_t *doc = json_pack("{s:s, s:I, s:o}", "db", db, "count", (json_int_t)n, "stories", arr);
    int rc = doc ? json_dumpf(doc, out, JSON_INDENT(2)) : -1;
    json_decref(doc);
    fputc('\n', out);
    return rc;
}

/* XML text or attribute value. */
static void xml_escape(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '&') fputs("&amp;", out);
        else if (c == '<') fputs("&lt;", out);
        else if (c == '>') fputs("&gt;", out);
        else if (c == '"') fputs("&quot;", out);
        else if (c >= 0x20 || c == '\n' || c == '\t') fputc(c, out); /* other controls are not XML */
    }
}

/* The story list as an Atom feed, for feed readers: one entry per story,
 * updated when an article last joined it; with a base address (a running
 * chorus serve) each entry links to its story page. */
static void print_atom(FILE *out, const char *db_path, const chorus_story_info *v, size_t n, const char *link)
{
    const char *db = strrchr(db_path, '/') ? strrchr(db_path, '/') + 1 : db_path;
    char t[32];
    int64_t newest = INT64_MIN;
    for (size_t i = 0; i < n; i++)
        if (v[i].updated_at > newest) newest = v[i].updated_at;
    if (newest == INT64_MIN) newest = (int64_t)time(NULL);
    fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>Stories in ",
          out);
    xml_escape(out, db);
    fputs("</title>\n<id>urn:chorus:store:", out);
    xml_escape(out, db);
    fprintf(out, "</id>\n<updated>%s</updated>\n<generator>chorus %s</generator>\n",
            fmt_time(newest, t, sizeof t, 1), CHORUS_VERSION);
    if (link) fputs("<link rel=\"alternate\" href=\"", out), xml_escape(out, link), fputs("/\"/>\n", out);
    for (size_t i = 0; i < n; i++) {
        fputs("<entry>\n<title>", out);
        xml_escape(out, v[i].title ? v[i].title : "(untitled)");
        fprintf(out, "</title>\n<id>urn:chorus:store:");
        xml_escape(out, db);
        fprintf(out, ":story:%lld</id>\n<updated>%s</updated>\n", (long long)v[i].id,
                fmt_time(v[i].updated_at, t, sizeof t, 1));
        if (v[i].first_seen != INT64_MIN) fprintf(out, "<published>%s</published>\n", fmt_time(v[i].first_seen, t, sizeof t, 1));
        if (link) {
            fputs("<link rel=\"alternate\" type=\"text/html\" href=\"", out);
            xml_escape(out, link);
            fprintf(out, "/story/%lld\"/>\n", (long long)v[i].id);
        }
        fprintf(out, "<content type=\"text\">%zu report%s", v[i].size, v[i].size == 1 ? "" : "s");
        if (v[i].n_duplicates) fprintf(out, " (+%zu copies)", v[i].n_duplicates);
        fprintf(out, " from %zu outlet%s: ", v[i].n_outlets, v[i].n_outlets == 1 ? "" : "s");
        for (const char *o = v[i].outlets ? v[i].outlets : ""; *o;) {
            const char *sep = strchr(o, CHORUS_OUTLET_SEP);
            size_t len = sep ? (size_t)(sep - o) : strlen(o);
            char name[256];
            snprintf(name, sizeof name, "%.*s", (int)(len < 255 ? len : 255), o);
            if (o != v[i].outlets) fputs(", ", out);
            xml_escape(out, name);
            o = sep ? sep + 1 : o + len;
        }
        fputs("</content>\n</entry>\n", out);
    }
    fputs("</feed>\n", out);
}

typedef struct topic_row {
    int64_t id;
    size_t first, n;     /* its parts of stories: links[first .. first + n) */
    size_t size;         /* reports */
    int64_t first_seen, last_seen;
    const chorus_story_info *lead; /* the story with most reports in it, whose title it takes */
    size_t lead_reports;
} topic_row;

static int cmp_topic_size(const void *a, const void *b)
{
    const topic_row *x = a, *y = b;
    if (x->size != y->size) return x->size < y->size ? 1 : -1;
    return (x->id > y->id) - (x->id < y->id);
}

static int cmp_topic_recent(const void *a, const void *b)
{
    const topic_row *x = a, *y = b;
    if (x->last_seen != y->last_seen) return x->last_seen < y->last_seen ? 1 : -1;
    return (x->id > y->id) - (x->id < y->id);
}

static int cmp_info_id(const void *a, const void *b)
{
    int64_t x = ((const chorus_story_info *)a)->id, y = ((const chorus_story_info *)b)->id;
    return (x > y) - (x < y);
}

/* Topics with their stories (those `v` lists, sorted by id), in `order`. A
 * story the topic pass divided is listed under each topic holding a part of
 * it; with `articles` (json), each topic's article ids and its parts of
 * stories with theirs (the stories nested in topics, as chorus cluster
 * gives them). */
static int print_topics(FILE *out, const char *db, chorus_store *store, chorus_story_info *v, size_t n, int order,
                        size_t limit, int json, int articles)
{
    chorus_story_topic *links;
    size_t n_links;
    chorus_error err = {0};
    if (chorus_store_topics(store, json && articles, &links, &n_links, &err)) {
        cli_error("stories: %s", err.message);
        return -1;
    }
    qsort(v, n, sizeof *v, cmp_info_id);
    topic_row *t = calloc(n_links + 1, sizeof *t);
    const chorus_story_info **story_of = calloc(n_links + 1, sizeof *story_of);
    if (!t || !story_of) {
        free(t);
        free(story_of);
        chorus_story_topics_free(links, n_links);
        cli_error("stories: out of memory");
        return -1;
    }
    size_t n_topics = 0;
    for (size_t i = 0; i < n_links; i++) {
        chorus_story_info key = {.id = links[i].story};
        const chorus_story_info *si = bsearch(&key, v, n, sizeof *v, cmp_info_id);
        story_of[i] = si;
        if (!si) continue; /* not listed (--since) */
        if (!n_topics || t[n_topics - 1].id != links[i].topic)
            t[n_topics++] = (topic_row){links[i].topic, i, 0, 0, INT64_MIN, INT64_MIN, NULL, 0};
        topic_row *r = &t[n_topics - 1];
        r->n = i + 1 - r->first;
        r->size += links[i].reports;
        if (si->first_seen != INT64_MIN && (r->first_seen == INT64_MIN || si->first_seen < r->first_seen))
            r->first_seen = si->first_seen;
        if (si->last_seen != INT64_MIN && (r->last_seen == INT64_MIN || si->last_seen > r->last_seen))
            r->last_seen = si->last_seen;
        if (!r->lead || links[i].reports > r->lead_reports) r->lead = si, r->lead_reports = links[i].reports;
    }
    qsort(t, n_topics, sizeof *t, order == 1 ? cmp_topic_recent : cmp_topic_size);
    if (limit && n_topics > limit) n_topics = limit;
    int rc = 0;
    char a[32], b[32];
    if (json) {
        json_t *arr = json_array();
        for (size_t k = 0; k < n_topics; k++) {
            json_t *stories = json_array(), *ids = articles ? json_array() : NULL;
            json_t *parts = articles ? json_array() : NULL;
            for (size_t i = t[k].first; i < t[k].first + t[k].n; i++) {
                if (!story_of[i]) continue;
                json_array_append_new(stories, json_integer((json_int_t)links[i].story));
                if (!articles) continue;
                json_t *part_ids = json_array();
                for (size_t m = 0; m < links[i].n_articles; m++) {
                    json_array_append_new(ids, json_string(links[i].articles[m]));
                    json_array_append_new(part_ids, json_string(links[i].articles[m]));
                }
                json_array_append_new(parts, json_pack("{s:I, s:I, s:o}", "story", (json_int_t)links[i].story,
                                                       "size", (json_int_t)links[i].reports, "articles",
                                                       part_ids));
            }
            const char *title = t[k].lead ? t[k].lead->title : NULL;
            json_t *topic = json_pack("{s:I, s:o, s:I, s:o, s:o, s:o}", "id", (json_int_t)t[k].id, "title",
                                      title ? json_string(title) : json_null(), "size", (json_int_t)t[k].size,
                                      "stories", stories, "first_seen", time_json(t[k].first_seen), "last_seen",
                                      time_json(t[k].last_seen));
            if (ids) json_object_set_new(topic, "articles", ids);
            if (parts) json_object_set_new(topic, "parts", parts);
            json_array_append_new(arr, topic);
        }
        json_t *doc = json_pack("{s:s, s:I, s:o}", "db", db, "count", (json_int_t)n_topics, "topics", arr);
        rc = doc ? json_dumpf(doc, out, JSON_INDENT(2)) : -1;
        json_decref(doc);
        fputc('\n', out);
    } else {
        fprintf(out, "# Topics in %s (%zu)\n\n", db, n_topics);
        if (n_topics)
            fputs("| topic | title | stories | reports | first seen | last seen |\n"
                  "|---:|---|---|---:|---|---|\n",
                  out);
        for (size_t k = 0; k < n_topics; k++) {
            fprintf(out, "| %lld | ", (long long)t[k].id);
            md_cell(out, t[k].lead && t[k].lead->title ? t[k].lead->title : "(untitled)");
            fputs(" | ", out);
            size_t shown = 0;
            for (size_t i = t[k].first; i < t[k].first + t[k].n; i++) {
                if (!story_of[i]) continue;
                if (shown < 8) fprintf(out, "%s%lld", shown ? ", " : "", (long long)links[i].story);
                shown++;
            }
            if (shown > 8) fprintf(out, " +%zu", shown - 8);
            fprintf(out, " | %zu | %s | %s |\n", t[k].size, fmt_time(t[k].first_seen, a, sizeof a, 0),
                    fmt_time(t[k].last_seen, b, sizeof b, 0));
        }
    }
    free(t);
    free(story_of);
    chorus_story_topics_free(links, n_links);
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
    chorus_story_info *v = calloc(n ? n : 1, sizeof *v);
    if (!v) {
        chorus_story_matches_free(m, n);
        cli_error("stories: out of memory");
        return EXIT_FAILURE_;
    }
    for (size_t i = 0; i < n; i++)
        v[i] = (chorus_story_info){m[i].story, m[i].title, m[i].first_seen, m[i].last_seen, m[i].updated_at,
                               m[i].reports, m[i].duplicates, m[i].n_outlets, m[i].outlets};
    int status = EXIT_OK;
    if (json) {
        if (print_json(stdout, db, v, n, m, NULL)) status = EXIT_FAILURE_;
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
    int json = 0, order = 0, articles = 0, topics = 0;
    static const cli_choice orders[] = {
        {"size", 0}, {"recent", 1}, {NULL, 0}};
    static const cli_choice formats[] = {{"md", 0}, {"markdown", 0}, {"json", 1}, {"atom", 2}, {NULL, 0}};
    const char *link = NULL;
    cli_args args = cli_args_of("stories", usage, argc, argv);
    while (cli_next(&args))
        if (!strcmp(argv[args.i], "--articles")) articles = 1;
        else if (!strcmp(argv[args.i], "--topics")) topics = 1;
        else if (!(cli_opt_string(&args, "--db", &db) ||
              cli_opt_string(&args, "--since", &since_arg) ||
              cli_opt_size(&args, "--limit", 1, &limit) ||
              cli_opt_string(&args, "--query", &query) ||
              cli_opt_string(&args, "--link", &link) ||
              cli_opt_choice(&args, "--sort", "sort", orders, &order) ||
              cli_opt_choice(&args, "--format", "format", formats, &json)))
            cli_reject(&args, "unexpected argument");
    if (args.exit_code >= 0) return args.exit_code;
    if (!db) {
        cli_error("stories: --db FILE is required");
        return cli_usage_error(&args);
    }
    int64_t since = INT64_MIN;
    if (since_arg && (since = chorus_parse_time_spec(since_arg, (int64_t)time(NULL))) == INT64_MIN) {
        cli_error("stories: cannot read --since '%s' (30m, 24h, 7d, 2w, or a date like 2026-11-20)",
                  since_arg);
        return EXIT_USAGE;
    }
    chorus_error err = {0};
    if (json == 2 && (query || topics || articles)) {
        cli_error("stories: --format atom is for the story list (not with --query, --topics or --articles)");
        return EXIT_USAGE;
    }
    if (query) {
        if (since_arg) {
            cli_error("stories: --query and --since do not combine (a search ranks by relevance)");
            return EXIT_USAGE;
        }
        return search(db, query, limit, json);
    }
    chorus_store *store;
    if (chorus_store_open_reader(db, &store, &err)) {
        cli_error("stories: %s", err.message);
        return EXIT_FAILURE_;
    }
    chorus_story_info *v;
    size_t n;
    int rc = chorus_store_stories(store, since, order, topics ? 0 : limit, &v, &n, &err);
    if (rc) {
        chorus_store_close(store);
        cli_error("stories: %s", err.message);
        return EXIT_FAILURE_;
    }
    int status = EXIT_OK;
    if (topics) {
        if (print_topics(stdout, db, store, v, n, order, limit, json, articles)) status = EXIT_FAILURE_;
    } else if (json == 2) {
        print_atom(stdout, db, v, n, link);
    } else if (json) {
        if (print_json(stdout, db, v, n, NULL, articles ? store : NULL)) status = EXIT_FAILURE_;
    } else
        print_md(stdout, db, v, n);
    chorus_store_close(store);
    if (cli_close_output(stdout)) status = EXIT_FAILURE_;
    chorus_story_infos_free(v, n);
    return status;
}
