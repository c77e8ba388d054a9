/* The pages of a store for a reader (chorus serve): the story list, search
 * results and one story's digest, as HTML or JSON. The HTTP side (routes,
 * cookies, caching) stays in the command; this file only reads the store
 * through a read-only handle and renders. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "html_escape.h"
#include "render.h"
#include "render_html.h"
#include "store_api.h"
#include "store_search.h"
#include "util.h"

#define LIST_DEFAULT_LIMIT 100
#define LIST_OUTLETS_SHOWN 4

static void info_free(cx_story_info *i)
{
    free(i->title);
    free(i->outlets);
}

/* ---- the list ---------------------------------------------------------- */

static json_t *iso_or_null(int64_t t)
{
    if (t == INT64_MIN) return json_null();
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[32];
    if (!gmtime_r(&tt, &tm)) return json_null();
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return json_string(buf);
}

static json_t *outlets_json(const char *o)
{
    json_t *a = json_array();
    while (o && *o) {
        const char *sep = strchr(o, CX_STORE_OUTLET_SEP);
        size_t len = sep ? (size_t)(sep - o) : strlen(o);
        json_array_append_new(a, json_stringn(o, len));
        o = sep ? sep + 1 : o + len;
    }
    return a;
}

static json_t *story_json(const cx_story_info *v)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(v->id));
    json_object_set_new(o, "title", v->title ? json_string(v->title) : json_null());
    json_object_set_new(o, "size", json_integer((json_int_t)v->size));
    json_object_set_new(o, "duplicates", json_integer((json_int_t)v->n_duplicates));
    json_object_set_new(o, "n_outlets", json_integer((json_int_t)v->n_outlets));
    json_object_set_new(o, "outlets", outlets_json(v->outlets));
    json_object_set_new(o, "first_seen", iso_or_null(v->first_seen));
    json_object_set_new(o, "last_seen", iso_or_null(v->last_seen));
    json_object_set_new(o, "updated_at", iso_or_null(v->updated_at));
    return o;
}

static void date_cell(FILE *out, int64_t t)
{
    if (t == INT64_MIN) {
        fputs("?", out);
        return;
    }
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[32];
    if (!gmtime_r(&tt, &tm)) return;
    strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    fputs(buf, out);
}

static void search_form(FILE *out, const char *query)
{
    fputs("<form action=\"/search\" method=\"get\" role=\"search\" style=\"display:inline\">"
          "<input type=\"search\" name=\"q\" maxlength=\"200\" placeholder=\"Search stories\" value=\"",
          out);
    cx_html_puts(out, query);
    fputs("\"> <button type=\"submit\">Search</button></form>", out);
}

typedef struct {
    int ranked;       /* by the full-text index, else by title substring */
    size_t unindexed; /* newest articles the index does not cover yet */
} search_note;

static void list_html(FILE *out, const chorus_list_options *o, const search_note *sn, const cx_story_info *v,
                      size_t n)
{
    char nav[64];
    snprintf(nav, sizeof nav, "<a href=\"/\">All stories</a><a href=\"/?sort=recent\">Latest</a>");
    cx_html_page_start(out, o->query ? "Search \u2014 chorus" : "Stories \u2014 chorus", nav);
    if (o->query) {
        fputs("<h1>Stories matching \u201c", out);
        cx_html_puts(out, o->query);
        fprintf(out, "\u201d</h1><p class=\"meta\">%zu stor%s, %s", n, n == 1 ? "y" : "ies",
                sn->ranked ? "most relevant first (full-text index)" : "largest first (titles only: the store has no"
                                                                       " full-text index yet)");
        if (sn->unindexed) fprintf(out, "; the %zu newest articles are not indexed yet", sn->unindexed);
        fputs("</p>", out);
    } else {
        fprintf(out, "<h1>Stories</h1><p class=\"meta\">%zu stor%s, %s first</p>", n, n == 1 ? "y" : "ies",
                o->by_recency ? "latest" : "largest");
    }
    search_form(out, o->query);
    if (!n) {
        fputs("<p>No story.</p>", out);
        cx_html_page_end(out);
        return;
    }
    fputs("<div class=\"wide\"><table><thead><tr><th>Story</th><th>Reports</th><th>Outlets</th><th>Last seen</th>"
          "</tr></thead><tbody>\n",
          out);
    for (size_t i = 0; i < n; i++) {
        int64_t seen = o->last_visit ? o->last_visit(v[i].id, o->ctx) : INT64_MIN;
        fprintf(out, "<tr><td><a href=\"/story/%lld\">", (long long)v[i].id);
        cx_html_puts(out, v[i].title ? v[i].title : "(untitled)");
        fputs("</a>", out);
        if (seen != INT64_MIN && v[i].updated_at > seen)
            fprintf(out, " <a class=\"new\" href=\"/story/%lld?since=%lld\"><b>new since your last visit</b></a>",
                    (long long)v[i].id, (long long)seen);
        fprintf(out, "</td><td>%zu", v[i].size);
        if (v[i].n_duplicates) fprintf(out, " <small>+%zu copies</small>", v[i].n_duplicates);
        fputs("</td><td>", out);
        const char *p = v[i].outlets ? v[i].outlets : "";
        size_t shown = 0;
        while (*p && shown < LIST_OUTLETS_SHOWN) {
            const char *sep = strchr(p, CX_STORE_OUTLET_SEP);
            size_t len = sep ? (size_t)(sep - p) : strlen(p);
            if (shown++) fputs(", ", out);
            cx_html_escape(out, p, len);
            p = sep ? sep + 1 : p + len;
        }
        if (v[i].n_outlets > shown) fprintf(out, " <small>+%zu</small>", v[i].n_outlets - shown);
        fputs("</td><td class=\"d\">", out);
        date_cell(out, v[i].last_seen);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table></div>", out);
    cx_html_page_end(out);
}

int chorus_store_render_list(chorus_store *s, const chorus_list_options *o, chorus_format f, FILE *out,
                             chorus_error *err)
{
    if (f != CHORUS_FORMAT_HTML && f != CHORUS_FORMAT_JSON)
        return cx_fail(err, CHORUS_EINVAL, "a story list is HTML or JSON");
    size_t limit = o->limit ? o->limit : LIST_DEFAULT_LIMIT;
    cx_story_info *v;
    size_t n;
    cx_story_hit *hits = NULL;
    size_t unindexed = 0;
    int rc, ranked = 0;
    if (o->query) {
        /* The store's full-text index (BM25) when it has one; the story
         * titles otherwise (a store no search has indexed yet). */
        rc = cx_store_search(cx_store_of(s), o->query, limit, &hits, &n, &unindexed, err);
        if (!rc) {
            ranked = 1;
            v = n ? cx_calloc(n, sizeof *v) : NULL;
            if (n && !v) rc = cx_fail(err, CHORUS_ENOMEM, "out of memory");
            for (size_t i = 0; v && i < n; i++) v[i] = hits[i].info;
        } else if (rc != CHORUS_ENOMEM) {
            unindexed = 0;
            rc = cx_store_search_titles(cx_store_of(s), o->query, limit, &v, &n, err);
        }
    } else
        rc = cx_store_stories(cx_store_of(s), INT64_MIN, o->by_recency ? CX_STORIES_BY_RECENCY : CX_STORIES_BY_SIZE, limit, &v,
                              &n, err);
    if (rc) {
        cx_story_hits_free(hits, n);
        return rc;
    }
    search_note note = {ranked, unindexed};
    if (f == CHORUS_FORMAT_HTML) list_html(out, o, &note, v, n);
    else {
        json_t *root = json_object(), *arr = json_array();
        json_object_set_new(root, "count", json_integer((json_int_t)n));
        json_object_set_new(root, "query", o->query ? json_string(o->query) : json_null());
        if (o->query) {
            json_object_set_new(root, "search", json_string(ranked ? "fts5-bm25" : "title-substring"));
            json_object_set_new(root, "unindexed", json_integer((json_int_t)unindexed));
        }
        for (size_t i = 0; i < n; i++) json_array_append_new(arr, story_json(&v[i]));
        json_object_set_new(root, "stories", arr);
        if (json_dumpf(root, out, JSON_COMPACT | JSON_PRESERVE_ORDER)) rc = -1;
        fputc('\n', out);
        json_decref(root);
    }
    if (hits) free(v), cx_story_hits_free(hits, n); /* v only borrowed the hits' stories */
    else cx_story_infos_free(v, n);
    if (rc || ferror(out)) return cx_fail(err, CHORUS_EIO, "could not write the story list");
    return 0;
}

/* ---- one story ----------------------------------------------------------- */

static void fmt_day(char *buf, size_t cap, int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm)) snprintf(buf, cap, "?");
    else strftime(buf, cap, "%Y-%m-%d %H:%M UTC", &tm);
}

int chorus_store_render_story(chorus_store *s, int64_t story, const chorus_story_options *o, chorus_format f,
                              FILE *out, chorus_error *err)
{
    if (f != CHORUS_FORMAT_HTML && f != CHORUS_FORMAT_JSON)
        return cx_fail(err, CHORUS_EINVAL, "a story page is HTML or JSON");
    chorus_corpus c;
    chorus_corpus_init(&c);
    chorus_story_reports got;
    int rc = chorus_store_story_reports(s, story, o->new_since, o->max_reports, &c, NULL, &got, err);
    cx_story_info info = {0};
    if (rc >= 0) rc = cx_store_story_info(cx_store_of(s), got.story, &info, err);
    if (rc < 0) {
        chorus_corpus_free(&c);
        return rc;
    }
    int64_t root = got.story;
    chorus_digest *d = NULL;
    if (rc >= 0 && !c.n_articles)
        rc = cx_fail(err, CHORUS_EEMPTY, o->new_since != INT64_MIN ? "story %lld: nothing new since then"
                                                                    : "story %lld has no reports",
                     (long long)root);
    chorus_digest_options dopt;
    chorus_digest_options_init(&dopt);
    if (rc >= 0) rc = chorus_digest_build(&c, &dopt, &d, err);
    if (rc >= 0 && f == CHORUS_FORMAT_JSON) rc = chorus_digest_render(d, f, out, err);
    else if (rc >= 0) {
        char note[512] = "", nav[512], when[40];
        int k = snprintf(nav, sizeof nav, "<a href=\"/\">All stories</a><a href=\"/api/stories/%lld\">JSON</a>",
                         (long long)root);
        if (o->last_visit != INT64_MIN && info.updated_at > o->last_visit && o->new_since == INT64_MIN) {
            fmt_day(when, sizeof when, o->last_visit);
            snprintf(nav + k, sizeof nav - (size_t)k,
                     "<a href=\"/story/%lld?since=%lld\"><b>New since your last visit</b> (%s)</a>", (long long)root,
                     (long long)o->last_visit, when);
        }
        if (o->new_since != INT64_MIN) {
            fmt_day(when, sizeof when, o->new_since);
            snprintf(note, sizeof note,
                     "Only what is new since %s: %zu new report(s); %zu earlier report(s) already known; %zu"
                     " sentence(s) of the new reports that repeat them left out.",
                     when, c.n_articles + got.emptied, got.earlier, got.repeated);
        } else if (root != story)
            snprintf(note, sizeof note, "Story %lld was merged into this one.", (long long)story);
        else if (got.total > c.n_articles)
            snprintf(note, sizeof note, "The %zu latest of %zu reports are digested.", c.n_articles, got.total);
        cx_html_page page = {.nav_html = nav, .note = note[0] ? note : NULL};
        if (cx_render_html_page(d, &page, out) || ferror(out))
            rc = cx_fail(err, CHORUS_EIO, "could not write the story page");
    }
    chorus_digest_free(d);
    chorus_corpus_free(&c);
    info_free(&info);
    return rc < 0 ? rc : 0;
}
