/* chorus serve --db FILE: a local web reader over a store (libmicrohttpd).
 *
 * Loopback by default, the store opened read-only, so it keeps serving while
 * chorus ingest writes. Routes: / (stories), /search?q=, /story/ID[?since=T],
 * /api/stories, /api/stories/ID, /api/search?q=. The pages come from the
 * library (chorus_store_render_*); this file holds HTTP: routes, bounds,
 * cookies for "new since your last visit", and a page cache. */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "httpd_runtime.h"

#define SERVE_DEFAULT_LISTEN "127.0.0.1:8080"
#define SERVE_MAX_QUERY 200           /* bytes of a search query */
#define SERVE_MAX_REQUEST_MEMORY 32768 /* per connection: request line and headers */
#define SERVE_TIMEOUT_S 10            /* an idle or slow client is dropped */
#define SERVE_MAX_CONNECTIONS 256
#define SERVE_DEFAULT_REPORTS 100     /* reports a served story page digests (latest) */
#define SERVE_HANDLES 6               /* query-only store handles (2 cores: more only queue) */
#define SERVE_CACHE_SLOTS 1024
#define SERVE_REFRESH_S 30            /* a changed story is digested again at most this often */
#define SERVE_REFRESHERS 2            /* background checks and digests at a time (the CPU serves readers first) */
#define SERVE_LIST_TTL_S 1            /* a story list is rendered again after this */
#define SERVE_CHECK_S 1               /* a cached story page is compared with the store after this */

static void usage(FILE *f)
{
    fprintf(f,
            "usage: chorus serve --db FILE [OPTIONS]\n"
            "A local web reader over a store written by chorus ingest: stories, search,\n"
            "each story's digest, what is new since your last visit, and a JSON API.\n"
            "The store is opened read-only; an ingest may write to it meanwhile.\n\n"
            "options:\n"
            "  --db FILE          the store (SQLite)\n"
            "  --listen ADDR:PORT where to listen (default %s; port 0 picks a free\n"
            "                     one); the address is printed on standard output\n"
            "  --max-reports N    digest a story's N latest reports (default %d)\n\n"
            "pages:   /  /?sort=recent  /search?q=WORDS  /story/ID  /story/ID?since=UNIX\n"
            "JSON:    /api/stories[?sort=recent&limit=N]  /api/stories/ID[?since=UNIX]\n"
            "         /api/search?q=WORDS   (schemas: docs/store.md, docs/digest-schema.md)\n"
            "Errors are 400 (bad request), 404 (no such page or story), 405 (not GET).\n"
            "Ctrl-C (SIGINT) or SIGTERM stops the server.\n",
            SERVE_DEFAULT_LISTEN, SERVE_DEFAULT_REPORTS);
}

/* ---- read-only store handles, one per request at a time ----------------- */

/* At most SERVE_HANDLES handles exist: a request waits for a free one
 * rather than open more (bounded work on the store, however many clients). */
typedef struct {
    const char *path;
    pthread_mutex_t lock;
    pthread_cond_t freed;
    chorus_store *free_handles[SERVE_HANDLES];
    size_t n_free, n_open;
} handle_pool;

static chorus_store *pool_get(handle_pool *p, chorus_error *err)
{
    pthread_mutex_lock(&p->lock);
    while (!p->n_free && p->n_open >= SERVE_HANDLES) pthread_cond_wait(&p->freed, &p->lock);
    chorus_store *s = p->n_free ? p->free_handles[--p->n_free] : NULL;
    if (!s) p->n_open++; /* opened below, outside the lock */
    pthread_mutex_unlock(&p->lock);
    if (!s && chorus_store_open_readonly(p->path, &s, err)) {
        pthread_mutex_lock(&p->lock);
        p->n_open--;
        pthread_cond_signal(&p->freed);
        pthread_mutex_unlock(&p->lock);
        return NULL;
    }
    return s;
}

static void pool_put(handle_pool *p, chorus_store *s)
{
    pthread_mutex_lock(&p->lock);
    p->free_handles[p->n_free++] = s;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}

/* ---- cached pages ------------------------------------------------------------
 * A digest takes tens to hundreds of milliseconds. A story page is kept
 * until its story changes; then the old page is still served while one
 * background thread digests the story again, at most once per
 * SERVE_REFRESH_S for a story an ingest keeps growing and SERVE_REFRESHERS
 * at a time, so no reader waits
 * for a digest but the first reader of a story. One request builds a new
 * page while the others asking for it wait. The story list is kept for
 * SERVE_LIST_TTL_S (a list a second old is news enough). */

typedef struct {
    int64_t id, version;
    int fmt;
    char *page;
    size_t len;
    time_t made;
    struct timespec checked; /* when the story's version was last compared */
    int building;
} cache_slot;

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t built;
    cache_slot slots[SERVE_CACHE_SLOTS];
    int refreshing; /* background digests running */
} page_cache;

/* Story lists and search results without visit marks, by (api, order,
 * limit, query). */
typedef struct {
    int api, by_recency;
    size_t limit;
    char *query;
    char *page;
    size_t len;
    struct timespec made;
    int used;      /* the key above is set */
    int rendering; /* one request renders the list; the others get the last one, or wait for the first */
} list_slot;

#define SERVE_LIST_SLOTS 64

typedef struct {
    handle_pool pool;
    page_cache cache;
    list_slot lists[SERVE_LIST_SLOTS]; /* under cache.lock */
    size_t max_reports;
} server;

/* ---- responses ---------------------------------------------------------------- */

static enum MHD_Result send_page(struct MHD_Connection *c, unsigned status, const char *type, const char *body,
                                 size_t len, const char *cookie)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                            "form-action 'self'");
    if (cookie) MHD_add_response_header(r, "Set-Cookie", cookie);
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

/* A short message: JSON ({"error": ...}) for the API, plain text otherwise. */
static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, int api, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, int api, const char *fmt, ...)
{
    char msg[600], body[1400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!api) {
        snprintf(body, sizeof body, "%u %s\n", status, msg);
        return send_page(c, status, "text/plain; charset=utf-8", body, strlen(body), NULL);
    }
    /* JSON string escaping of a message that may quote the request */
    size_t k = (size_t)snprintf(body, sizeof body, "{\"status\":%u,\"error\":\"", status);
    for (const char *p = msg; *p && k + 8 < sizeof body; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '"' || ch == '\\') body[k++] = '\\', body[k++] = (char)ch;
        else if (ch < 0x20) k += (size_t)snprintf(body + k, sizeof body - k, "\\u%04x", ch);
        else body[k++] = (char)ch;
    }
    k += (size_t)snprintf(body + k, sizeof body - k, "\"}\n");
    return send_page(c, status, "application/json", body, k, NULL);
}

/* ---- request helpers ------------------------------------------------------ */

/* A whole number of at most 18 digits (ids, unix times); -1 when not. */
static int64_t parse_id(const char *s)
{
    if (!s || !*s || strlen(s) > 18) return -1;
    int64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return -1;
        v = v * 10 + (*s - '0');
    }
    return v;
}

static int64_t cookie_visit(struct MHD_Connection *c, int64_t story)
{
    char name[32];
    snprintf(name, sizeof name, "v%lld", (long long)story);
    int64_t t = parse_id(MHD_lookup_connection_value(c, MHD_COOKIE_KIND, name));
    return t < 0 ? INT64_MIN : t;
}

static int64_t last_visit_of(int64_t story, void *ctx) { return cookie_visit(ctx, story); }

typedef struct {
    char *buf;
    size_t len;
    FILE *f;
} membuf;

static FILE *mem_open(membuf *m)
{
    m->buf = NULL, m->len = 0;
    return m->f = open_memstream(&m->buf, &m->len);
}

/* Close the stream; 0 when the page is complete. */
static int mem_close(membuf *m, int rc)
{
    if (fclose(m->f)) rc = -1;
    return rc;
}

/* ---- routes --------------------------------------------------------------- */

static enum MHD_Result store_failure(struct MHD_Connection *c, int api, const chorus_error *err)
{
    /* the reader sees a short answer; whoever runs the server, the reason */
    cli_error("serve: 503: %s", err->message);
    return send_error(c, 503, api, "the store cannot be read now: %s", err->message);
}

static int list_slot_is(const list_slot *x, int api, const chorus_list_options *o)
{
    return x->api == api && x->by_recency == o->by_recency && x->limit == o->limit && !o->query == !x->query &&
           (!o->query || !strcmp(o->query, x->query));
}

/* Work off the request path runs at a lower priority (this thread only):
 * the CPU goes to readers of cached pages first. */
static void background_priority(void) { setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10); }

typedef struct {
    server *sv;
    list_slot *slot;
    chorus_list_options o;
    int api;
    char *query;
} list_job;

static void *refresh_list(void *arg)
{
    list_job *j = arg;
    background_priority();
    chorus_error err = {0};
    membuf m = {0};
    chorus_store *s = pool_get(&j->sv->pool, &err);
    int rc = -1;
    if (s && mem_open(&m)) {
        rc = chorus_store_render_list(s, &j->o, j->api ? CHORUS_FORMAT_JSON : CHORUS_FORMAT_HTML, m.f, &err);
        rc = mem_close(&m, rc);
    }
    if (s) pool_put(&j->sv->pool, s);
    pthread_mutex_lock(&j->sv->cache.lock);
    list_slot *ls = j->slot;
    if (!rc) {
        free(ls->page);
        ls->page = m.buf, ls->len = m.len, m.buf = NULL;
    }
    clock_gettime(CLOCK_MONOTONIC, &ls->made); /* a failure is tried again a TTL later */
    ls->rendering = 0;
    j->sv->cache.refreshing--;
    pthread_cond_broadcast(&j->sv->cache.built);
    pthread_mutex_unlock(&j->sv->cache.lock);
    free(m.buf);
    free(j->query);
    free(j);
    return NULL;
}

/* Under the cache lock: render the list of slot ls again in the background. */
static void start_list_refresh(server *sv, list_slot *ls)
{
    if (sv->cache.refreshing >= SERVE_REFRESHERS) return; /* a later request will ask again */
    list_job *j = calloc(1, sizeof *j);
    if (!j) return;
    j->sv = sv, j->slot = ls, j->api = ls->api;
    j->query = ls->query ? strdup(ls->query) : NULL;
    if (ls->query && !j->query) {
        free(j);
        return;
    }
    j->o = (chorus_list_options){.query = j->query, .limit = ls->limit, .by_recency = ls->by_recency};
    pthread_t t;
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &at, refresh_list, j)) free(j->query), free(j);
    else ls->rendering = 1, sv->cache.refreshing++;
    pthread_attr_destroy(&at);
}

static enum MHD_Result route_list(server *sv, struct MHD_Connection *c, int api, int search)
{
    chorus_list_options o = {.last_visit = last_visit_of, .ctx = c};
    const char *sort = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "sort");
    if (sort && strcmp(sort, "recent") && strcmp(sort, "size"))
        return send_error(c, 400, api, "sort is 'size' or 'recent'");
    o.by_recency = sort && !strcmp(sort, "recent");
    const char *limit = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "limit");
    if (limit) {
        int64_t l = parse_id(limit);
        if (l < 1 || l > 1000) return send_error(c, 400, api, "limit is a number from 1 to 1000");
        o.limit = (size_t)l;
    }
    if (search) {
        const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "q");
        if (!q || !*q) return send_error(c, 400, api, "search needs q=WORDS");
        if (strlen(q) > SERVE_MAX_QUERY)
            return send_error(c, 400, api, "the query is %zu bytes; at most %d are read", strlen(q), SERVE_MAX_QUERY);
        o.query = q;
    }
    /* Visit marks differ per reader: lists with them are not shared. */
    int has_visits = MHD_get_connection_values(c, MHD_COOKIE_KIND, NULL, NULL) > 0;
    list_slot *ls = NULL;
    if (!(has_visits && !api)) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        pthread_mutex_lock(&sv->cache.lock);
        for (;;) {
            ls = NULL;
            list_slot *spare = NULL;
            for (size_t i = 0; i < SERVE_LIST_SLOTS && !ls; i++) {
                list_slot *x = &sv->lists[i];
                if (x->used && list_slot_is(x, api, &o)) ls = x;
                else if (!x->rendering && (!spare || !x->used || (spare->used && x->made.tv_sec < spare->made.tv_sec)))
                    spare = x;
            }
            if (!ls) { /* a list not kept yet: this request renders it into a slot */
                char *q = o.query ? strdup(o.query) : NULL;
                if (spare && (q || !o.query)) {
                    free(spare->page);
                    free(spare->query);
                    *spare = (list_slot){.api = api, .by_recency = o.by_recency, .limit = o.limit, .query = q,
                                         .used = 1, .rendering = 1};
                    ls = spare;
                } else free(q);
                break;
            }
            /* an old list is served while a background thread renders the new one */
            if (ls->page && !ls->rendering && now.tv_sec - ls->made.tv_sec >= SERVE_LIST_TTL_S)
                start_list_refresh(sv, ls);
            if (ls->page) {
                char *copy = malloc(ls->len ? ls->len : 1);
                size_t len = ls->len;
                if (copy) memcpy(copy, ls->page, len);
                pthread_mutex_unlock(&sv->cache.lock);
                if (!copy) return send_error(c, 500, api, "out of memory");
                enum MHD_Result r =
                    send_page(c, 200, api ? "application/json" : "text/html; charset=utf-8", copy, len, NULL);
                free(copy);
                return r;
            }
            if (!ls->rendering) {
                ls->rendering = 1;
                break;
            }
            pthread_cond_wait(&sv->cache.built, &sv->cache.lock); /* its first rendering is under way */
        }
        pthread_mutex_unlock(&sv->cache.lock);
    }
    chorus_error err = {0};
    chorus_store *s = pool_get(&sv->pool, &err);
    if (!s) return store_failure(c, api, &err);
    membuf m;
    if (!mem_open(&m)) {
        pool_put(&sv->pool, s);
        return send_error(c, 500, api, "out of memory");
    }
    int rc = chorus_store_render_list(s, &o, api ? CHORUS_FORMAT_JSON : CHORUS_FORMAT_HTML, m.f, &err);
    pool_put(&sv->pool, s);
    rc = mem_close(&m, rc);
    if (ls) {
        char *copy = !rc ? malloc(m.len ? m.len : 1) : NULL;
        pthread_mutex_lock(&sv->cache.lock);
        if (copy) {
            memcpy(copy, m.buf, m.len);
            free(ls->page);
            ls->page = copy, ls->len = m.len;
            clock_gettime(CLOCK_MONOTONIC, &ls->made);
        }
        ls->rendering = 0;
        pthread_cond_broadcast(&sv->cache.built);
        pthread_mutex_unlock(&sv->cache.lock);
    }
    enum MHD_Result ret =
        rc ? store_failure(c, api, &err)
           : send_page(c, 200, api ? "application/json" : "text/html; charset=utf-8", m.buf, m.len, NULL);
    free(m.buf);
    return ret;
}

/* Render one story page into m; 0 or a chorus error code. */
static int render_story(chorus_store *s, int64_t id, const chorus_story_options *o, int fmt, membuf *m,
                        chorus_error *err)
{
    if (!mem_open(m)) return CHORUS_ENOMEM;
    int rc = chorus_store_render_story(s, id, o, (chorus_format)fmt, m->f, err);
    if (mem_close(m, rc) && !rc) rc = CHORUS_ENOMEM;
    if (rc) free(m->buf), m->buf = NULL;
    return rc;
}

/* Put a built page in its slot (caller holds no lock) and wake the waiters. */
static void cache_store(server *sv, cache_slot *e, int64_t id, int fmt, int64_t version, const membuf *m, int ok)
{
    pthread_mutex_lock(&sv->cache.lock);
    char *copy = ok ? malloc(m->len ? m->len : 1) : NULL;
    if (copy) {
        memcpy(copy, m->buf, m->len);
        free(e->page);
        *e = (cache_slot){.id = id, .version = version, .fmt = fmt, .page = copy, .len = m->len, .made = time(NULL)};
        clock_gettime(CLOCK_MONOTONIC, &e->checked);
    }
    e->building = 0;
    pthread_cond_broadcast(&sv->cache.built);
    pthread_mutex_unlock(&sv->cache.lock);
}

typedef struct {
    server *sv;
    cache_slot *slot;
    int64_t id, version;
    int fmt;
} refresh_job;

/* Compare a cached story page with the store and, when the story changed
 * and the page is SERVE_REFRESH_S old, digest it again; the old page is
 * served meanwhile. */
static void *refresh_story(void *arg)
{
    refresh_job *j = arg;
    background_priority();
    chorus_error err = {0};
    membuf m = {0};
    chorus_store *s = pool_get(&j->sv->pool, &err);
    int64_t version = j->version;
    int rc = s ? chorus_store_story_version(s, j->id, &version, &err) : -1;
    int render = 0;
    if (!rc) {
        pthread_mutex_lock(&j->sv->cache.lock);
        render = version != j->slot->version && time(NULL) - j->slot->made >= SERVE_REFRESH_S;
        pthread_mutex_unlock(&j->sv->cache.lock);
    }
    chorus_story_options o = {.new_since = INT64_MIN, .last_visit = INT64_MIN, .max_reports = j->sv->max_reports};
    if (render) rc = render_story(s, j->id, &o, j->fmt, &m, &err);
    if (s) pool_put(&j->sv->pool, s);
    pthread_mutex_lock(&j->sv->cache.lock);
    j->sv->cache.refreshing--;
    pthread_cond_broadcast(&j->sv->cache.built);
    pthread_mutex_unlock(&j->sv->cache.lock);
    if (render) cache_store(j->sv, j->slot, j->id, j->fmt, version, &m, rc == 0);
    else {
        pthread_mutex_lock(&j->sv->cache.lock);
        j->slot->building = 0;
        pthread_cond_broadcast(&j->sv->cache.built);
        pthread_mutex_unlock(&j->sv->cache.lock);
    }
    free(m.buf);
    free(j);
    return NULL;
}

/* Under the cache lock: start digesting a changed story in the background. */
static void start_refresh(server *sv, cache_slot *e, int64_t id, int fmt, int64_t version)
{
    if (sv->cache.refreshing >= SERVE_REFRESHERS) return; /* a later request will ask again */
    refresh_job *j = malloc(sizeof *j);
    pthread_t t;
    pthread_attr_t at;
    if (!j) return;
    *j = (refresh_job){sv, e, id, version, fmt};
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &at, refresh_story, j)) free(j);
    else e->building = 1, sv->cache.refreshing++;
    pthread_attr_destroy(&at);
}

static enum MHD_Result route_story(server *sv, struct MHD_Connection *c, int api, const char *id_text)
{
    int64_t id = parse_id(id_text);
    if (id <= 0) return send_error(c, 404, api, "no story '%.40s' (stories have whole-number ids)", id_text);
    const char *since_text = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "since");
    int64_t since = since_text ? parse_id(since_text) : INT64_MIN;
    if (since_text && since < 0) return send_error(c, 400, api, "since is a time in seconds since 1970 (UTC)");
    chorus_story_options o = {.new_since = since, .last_visit = cookie_visit(c, id), .max_reports = sv->max_reports};
    int fmt = api ? CHORUS_FORMAT_JSON : CHORUS_FORMAT_HTML;
    if (since == INT64_MIN && (api || o.last_visit == INT64_MIN)) {
        /* A cached page is served without touching the store; at most once
         * a second a background job compares it with the story. */
        cache_slot *e = &sv->cache.slots[((uint64_t)id * 2 + (uint64_t)api) % SERVE_CACHE_SLOTS];
        char *copy = NULL;
        size_t len = 0;
        pthread_mutex_lock(&sv->cache.lock);
        if (e->page && e->id == id && e->fmt == fmt) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            if (!e->building && now.tv_sec - e->checked.tv_sec >= SERVE_CHECK_S) {
                e->checked = now;
                start_refresh(sv, e, id, fmt, e->version);
            }
            if ((copy = malloc(e->len ? e->len : 1))) memcpy(copy, e->page, e->len), len = e->len;
        }
        pthread_mutex_unlock(&sv->cache.lock);
        if (copy) {
            char cookie[96];
            snprintf(cookie, sizeof cookie, "v%lld=%lld; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
                     (long long)id, (long long)time(NULL));
            enum MHD_Result r = send_page(c, 200, api ? "application/json" : "text/html; charset=utf-8", copy, len,
                                          api ? NULL : cookie);
            free(copy);
            return r;
        }
    }
    chorus_error err = {0};
    chorus_store *s = pool_get(&sv->pool, &err);
    if (!s) return store_failure(c, api, &err);
    int64_t version = 0;
    int rc = chorus_store_story_version(s, id, &version, &err);
    membuf m = {0};
    int cached = 0;
    /* The last-visit link differs per reader: pages with one are not cached. */
    int cacheable = !rc && since == INT64_MIN && (api || o.last_visit == INT64_MIN);
    cache_slot *e = &sv->cache.slots[((uint64_t)id * 2 + (uint64_t)api) % SERVE_CACHE_SLOTS];
    if (cacheable) {
        pthread_mutex_lock(&sv->cache.lock);
        for (;;) {
            if (e->page && e->id == id && e->fmt == fmt) {
                m.buf = malloc(e->len ? e->len : 1);
                if (m.buf) memcpy(m.buf, e->page, e->len), m.len = e->len, cached = 1;
                break;
            }
            if (!e->building) break;
            pthread_cond_wait(&sv->cache.built, &sv->cache.lock);
        }
        if (!cached) e->building = 1;
        pthread_mutex_unlock(&sv->cache.lock);
    }
    if (!rc && !cached) {
        rc = render_story(s, id, &o, fmt, &m, &err);
        if (cacheable) cache_store(sv, e, id, fmt, version, &m, rc == 0);
    }
    pool_put(&sv->pool, s);
    enum MHD_Result ret;
    if (rc == CHORUS_ENOTFOUND) ret = send_error(c, 404, api, "no story %lld", (long long)id);
    else if (rc == CHORUS_EEMPTY) ret = send_error(c, 404, api, "%s", err.message);
    else if (rc) ret = store_failure(c, api, &err);
    else {
        char cookie[96];
        snprintf(cookie, sizeof cookie, "v%lld=%lld; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
                 (long long)id, (long long)time(NULL));
        ret = send_page(c, 200, api ? "application/json" : "text/html; charset=utf-8", m.buf, m.len,
                        api ? NULL : cookie);
    }
    free(m.buf);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version, (void)upload_data;
    server *sv = cls;
    /* The first call only announces the request: answering before the
     * request is read whole would make the server close the connection
     * instead of keeping it alive for the next request. */
    static int request_seen;
    if (!*con_cls) {
        *con_cls = &request_seen;
        return MHD_YES;
    }
    if (*upload_data_size) {
        *upload_data_size = 0; /* a body is not read (only GET is served) */
        return MHD_YES;
    }
    int api = !strncmp(url, "/api/", 5) || !strcmp(url, "/api");
    if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
        return send_error(c, 405, api, "only GET is served (the store is read-only)");
    }
    if (!strcmp(url, "/")) return route_list(sv, c, 0, 0);
    if (!strcmp(url, "/search")) return route_list(sv, c, 0, 1);
    if (!strncmp(url, "/story/", 7)) return route_story(sv, c, 0, url + 7);
    if (!strcmp(url, "/api/stories")) return route_list(sv, c, 1, 0);
    if (!strcmp(url, "/api/search")) return route_list(sv, c, 1, 1);
    if (!strncmp(url, "/api/stories/", 13)) return route_story(sv, c, 1, url + 13);
    return send_error(c, 404, api, "no such page (try / or /api/stories)");
}

/* ---- listening ------------------------------------------------------------ */

/* ADDR:PORT (IPv4, or "localhost"). Returns 0, or -1 with a message printed. */
static int parse_listen(const char *spec, struct sockaddr_in *sa)
{
    const char *colon = strrchr(spec, ':');
    char host[64];
    if (!colon || (size_t)(colon - spec) >= sizeof host) {
        cli_error("serve: --listen wants ADDR:PORT, as 127.0.0.1:8080");
        return -1;
    }
    snprintf(host, sizeof host, "%.*s", (int)(colon - spec), spec);
    int64_t port = parse_id(colon + 1);
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    if (!strcmp(host, "localhost")) snprintf(host, sizeof host, "127.0.0.1");
    if (port < 0 || port > 65535 || inet_pton(AF_INET, host, &sa->sin_addr) != 1) {
        cli_error("serve: --listen '%s': wants an IPv4 address and a port (0-65535), as 127.0.0.1:8080", spec);
        return -1;
    }
    sa->sin_port = htons((uint16_t)port);
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    const char *db = NULL, *listen_spec = SERVE_DEFAULT_LISTEN;
    size_t max_reports = SERVE_DEFAULT_REPORTS;
    cli_args args = cli_args_of("serve", usage, argc, argv);
    while (cli_next(&args)) {
        if (!(cli_opt_string(&args, "--db", &db) || cli_opt_string(&args, "--listen", &listen_spec) ||
              cli_opt_size(&args, "--max-reports", 1, &max_reports)))
            cli_reject(&args, "unknown option or argument");
    }
    if (args.exit_code >= 0) return args.exit_code;
    if (!db) {
        cli_error("serve: --db FILE is required (a store written by chorus ingest)");
        return EXIT_USAGE;
    }
    struct sockaddr_in sa;
    if (parse_listen(listen_spec, &sa)) return EXIT_USAGE;
    char why[256];
    if (cli_httpd_load(why, sizeof why)) {
        cli_error("serve: %s", why);
        return EXIT_FAILURE_;
    }

    /* The store must open now: a wrong path is said at start, not per request. */
    static server sv; /* large (the cache); lives as long as the server */
    memset(&sv, 0, sizeof sv);
    sv.pool.path = db;
    sv.max_reports = max_reports;
    pthread_mutex_init(&sv.pool.lock, NULL);
    pthread_cond_init(&sv.pool.freed, NULL);
    pthread_mutex_init(&sv.cache.lock, NULL);
    pthread_cond_init(&sv.cache.built, NULL);
    chorus_error err = {0};
    chorus_store *first;
    if (chorus_store_open_readonly(db, &first, &err)) {
        cli_error("serve: %s", err.message);
        return err.code == CHORUS_EIO ? EXIT_NOINPUT : EXIT_FAILURE_;
    }
    sv.pool.n_open = 1; /* this first handle is the pool's first */
    pool_put(&sv.pool, first);

    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
        bind(fd, (struct sockaddr *)&sa, sizeof sa) || listen(fd, 128)) {
        int e = errno;
        cli_error("serve: cannot listen on %s: %s%s", listen_spec, strerror(e),
                  e == EADDRINUSE ? " (another program uses that port; try --listen 127.0.0.1:0)" : "");
        if (fd >= 0) close(fd);
        return EXIT_FAILURE_;
    }
    socklen_t sl = sizeof sa;
    getsockname(fd, (struct sockaddr *)&sa, &sl);
    char addr[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &sa.sin_addr, addr, sizeof addr);
    if ((ntohl(sa.sin_addr.s_addr) >> 24) != 127)
        cli_error("serve: warning: %s is not a loopback address: others on the network can read the store", addr);

    /* Signals are taken by this thread only (sigwait below). */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL,
        on_request, &sv, MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)SERVE_MAX_REQUEST_MEMORY, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVE_TIMEOUT_S,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_MAX_CONNECTIONS, MHD_OPTION_END);
    if (!d) {
        cli_error("serve: the HTTP server could not start on %s", listen_spec);
        close(fd);
        return EXIT_FAILURE_;
    }
    printf("chorus serve: http://%s:%u/ (store %s, read-only; Ctrl-C stops)\n", addr, ntohs(sa.sin_port), db);
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    MHD_stop_daemon(d);
    close(fd);
    /* Let background digests finish before their store handles and pages go. */
    pthread_mutex_lock(&sv.cache.lock);
    for (size_t i = 0; i < SERVE_CACHE_SLOTS; i++)
        while (sv.cache.slots[i].building) pthread_cond_wait(&sv.cache.built, &sv.cache.lock);
    while (sv.cache.refreshing) pthread_cond_wait(&sv.cache.built, &sv.cache.lock);
    pthread_mutex_unlock(&sv.cache.lock);
    while (sv.pool.n_free) chorus_store_close(sv.pool.free_handles[--sv.pool.n_free]);
    for (size_t i = 0; i < SERVE_CACHE_SLOTS; i++) free(sv.cache.slots[i].page);
    for (size_t i = 0; i < SERVE_LIST_SLOTS; i++) free(sv.lists[i].page), free(sv.lists[i].query);
    fprintf(stderr, "chorus serve: stopped\n");
    return EXIT_OK;
}
