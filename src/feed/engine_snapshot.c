/* Saving and loading the clustering engine's state (engine_snapshot.h).
 *
 * Values are written in the machine's byte order (a marker at the start
 * makes another byte order a format mismatch): a snapshot is a cache of the
 * stored decisions, and a loader that refuses it falls back to replaying
 * them. Loading checks every count and id against what it has read so far,
 * so bad bytes give CHORUS_EFORMAT, never a broken engine. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cluster_internal.h"
#include "engine_snapshot.h"
#include "text.h"
#include "util.h"

#define MAGIC "CXENGSNP"
#define END_MAGIC "CXENGEND"
#define BYTE_ORDER_MARK 0x0102030405060708ull

/* ---- writing ------------------------------------------------------------------------ */

typedef struct wbuf {
    unsigned char *p;
    size_t len, cap;
    int failed;
} wbuf;

static void put(wbuf *b, const void *v, size_t n)
{
    if (b->failed || n == 0) return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 1 << 20;
        while (cap < b->len + n) cap *= 2;
        unsigned char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, v, n);
    b->len += n;
}

static void put_u64(wbuf *b, uint64_t v) { put(b, &v, sizeof v); }
static void put_i64(wbuf *b, int64_t v) { put(b, &v, sizeof v); }
static void put_u32(wbuf *b, uint32_t v) { put(b, &v, sizeof v); }

static void put_story(wbuf *b, const story *s)
{
    put_i64(b, s->id);
    put_i64(b, s->first_time);
    put_i64(b, s->last_time);
    put_u64(b, s->n_articles);
    put_u64(b, s->last_seq);
    put_u64(b, s->apart);
    put_u64(b, s->n);
    put(b, s->term, s->n * sizeof *s->term);
    put(b, s->weight, s->n * sizeof *s->weight);
    put_u64(b, s->n_indexed);
    put(b, s->indexed, s->n_indexed * sizeof *s->indexed);
}

static void put_list(wbuf *b, const story_list *l)
{
    put_u64(b, l->n);
    for (const story *s = l->head; s; s = s->next) put_story(b, s);
}

int cx_engine_snapshot_save(const cx_clusterer *cl, int64_t caller_value, unsigned char **out, size_t *len)
{
    if (!cl || !out || !len) return CHORUS_EINVAL;
    wbuf b = {0};
    put(&b, MAGIC, 8);
    put_u64(&b, BYTE_ORDER_MARK);
    put_u32(&b, CX_ENGINE_SNAPSHOT_FORMAT);
    put_u32(&b, (uint32_t)sizeof cl->p);
    put(&b, &cl->p, sizeof cl->p);
    put_i64(&b, caller_value);

    /* Vocabulary in id order: interning the strings in this order gives
     * them their ids back. Terms never hold a NUL (they come from C strings). */
    const cx_vocab *v = cl->fx.vocab;
    size_t n_vocab = cx_vocab_size(v);
    put_u64(&b, n_vocab);
    for (size_t i = 0; i < n_vocab; i++) {
        const char *str = cx_vocab_str(v, (int32_t)i);
        uint32_t n = (uint32_t)strlen(str);
        put_u32(&b, n);
        put(&b, str, n);
    }

    put_u64(&b, cl->n_docs);
    put_u64(&b, cl->n_placed);
    put_i64(&b, cl->last_id);
    put_i64(&b, cl->now);
    put_u64(&b, cl->stamp);
    put_u64(&b, cl->apart_next);

    size_t n_df = cl->cap_df;
    while (n_df && !cl->df[n_df - 1]) n_df--;
    put_u64(&b, n_df);
    put(&b, cl->df, n_df * sizeof *cl->df);
    /* The idf epoch: its start and the counts it froze. */
    put_u64(&b, cl->epoch_docs);
    put_u64(&b, cl->n_dirty);
    for (size_t i = 0; i < cl->n_dirty; i++) {
        put_u32(&b, (uint32_t)cl->dirty[i].term);
        put_u32(&b, cl->dirty[i].df);
    }

    size_t n_parent = cl->cap_story;
    while (n_parent && !cl->parent[n_parent - 1]) n_parent--;
    put_u64(&b, n_parent);
    put(&b, cl->parent, n_parent * sizeof *cl->parent);

    put_list(&b, &cl->open);
    put_list(&b, &cl->closed);

    /* Postings in their order (candidate gathering follows it). */
    size_t n_posted = 0;
    for (size_t t = 0; t < cl->cap_post; t++) n_posted += cl->post[t].n > 0;
    put_u64(&b, n_posted);
    for (size_t t = 0; t < cl->cap_post; t++) {
        const posting *p = &cl->post[t];
        if (!p->n) continue;
        put_u32(&b, (uint32_t)t);
        put_u32(&b, p->n);
        put(&b, p->v, p->n * sizeof *p->v);
    }

    /* Near-duplicate index: its live entries, oldest first. */
    uint64_t last = cx_lsh_last(cl->lsh);
    size_t n_lsh = cx_lsh_count(cl->lsh);
    put_u64(&b, cx_lsh_capacity(cl->lsh));
    put_u64(&b, last);
    put_u64(&b, n_lsh);
    for (uint64_t seq = last - n_lsh + 1; seq <= last && n_lsh; seq++) {
        cx_minhash m;
        int64_t key = 0, payload = 0, time = 0;
        if (!cx_lsh_entry(cl->lsh, seq, &m, &key, &payload, &time)) b.failed = 1;
        put(&b, m.v, sizeof m.v);
        put_i64(&b, key);
        put_i64(&b, payload);
        put_i64(&b, time);
    }

    /* The window, oldest first. */
    cx_window *win = (cx_window *)&cl->win; /* cx_window_at does not change it */
    put_u64(&b, win->cap);
    put_u64(&b, win->n);
    for (size_t i = 0; i < win->n; i++) {
        const cx_window_entry *e = cx_window_at(win, i);
        put_i64(&b, e->key);
        put_i64(&b, e->story);
        put_i64(&b, e->dup_root);
        put_i64(&b, e->time);
        put_u32(&b, e->n);
        put(&b, e->term, e->n * sizeof *e->term);
        put(&b, e->w, e->n * sizeof *e->w);
    }

    /* Consolidation's moves: the table as laid out (slot, key, story). */
    put_u64(&b, cl->moved.cap);
    put_u64(&b, cl->moved.n);
    for (size_t i = 0; i < cl->moved.cap; i++) {
        if (cl->moved.key[i] < 0) continue;
        put_u64(&b, i);
        put_i64(&b, cl->moved.key[i]);
        put_i64(&b, cl->moved.story[i]);
    }

    put_u64(&b, cl->n_pending);
    for (size_t i = 0; i < cl->n_pending; i++) {
        put_i64(&b, cl->pending[i].from);
        put_i64(&b, cl->pending[i].into);
    }
    put(&b, END_MAGIC, 8);
    if (b.failed) {
        free(b.p);
        return CHORUS_ENOMEM;
    }
    *out = b.p;
    *len = b.len;
    return 0;
}

/* ---- reading ------------------------------------------------------------------------ */

typedef struct rbuf {
    const unsigned char *p;
    size_t left;
    int bad;
} rbuf;

static int get(rbuf *r, void *v, size_t n)
{
    if (r->bad || r->left < n) {
        r->bad = 1;
        if (n) memset(v, 0, n);
        return -1;
    }
    if (n) memcpy(v, r->p, n);
    r->p += n;
    r->left -= n;
    return 0;
}

static uint64_t get_u64(rbuf *r)
{
    uint64_t v;
    get(r, &v, sizeof v);
    return v;
}

static int64_t get_i64(rbuf *r)
{
    int64_t v;
    get(r, &v, sizeof v);
    return v;
}

static uint32_t get_u32(rbuf *r)
{
    uint32_t v;
    get(r, &v, sizeof v);
    return v;
}

/* A count of items of at least `each` bytes that the rest can hold. */
static size_t get_count(rbuf *r, size_t each)
{
    uint64_t n = get_u64(r);
    if (r->bad || (each && n > r->left / each)) {
        r->bad = 1;
        return 0;
    }
    return (size_t)n;
}

/* Sorted ascending, each below limit. */
static int terms_ok(const int32_t *t, size_t n, size_t limit)
{
    for (size_t i = 0; i < n; i++)
        if (t[i] < 0 || (size_t)t[i] >= limit || (i && t[i] <= t[i - 1])) return 0;
    return 1;
}

/* Every merge chain ends at a story that stands for itself (resolving
 * would loop forever on a cycle). 0 is "unknown". */
static int parents_ok(const int64_t *parent, size_t n)
{
    if (n && parent[0]) return 0;
    for (size_t i = 0; i < n; i++)
        if (parent[i] < 0 || (uint64_t)parent[i] >= n || (parent[i] && !parent[parent[i]])) return 0;
    unsigned char *state = calloc(n + 1, 1); /* 1: on the walk now, 2: ends well */
    if (!state) return 0;
    int ok = 1;
    for (size_t i = 1; i < n && ok; i++) {
        size_t at = i;
        while (parent[at] && state[at] == 0 && (size_t)parent[at] != at) {
            state[at] = 1;
            at = (size_t)parent[at];
        }
        if (state[at] == 1) ok = 0; /* came back to this walk: a cycle */
        for (size_t j = i; parent[j] && state[j] == 1; j = (size_t)parent[j]) state[j] = 2;
    }
    free(state);
    return ok;
}

static int get_list(rbuf *r, cx_clusterer *cl, story_list *l, int closed, size_t n_vocab)
{
    size_t n = get_count(r, 8 * 8);
    for (size_t k = 0; k < n; k++) {
        int64_t id = get_i64(r);
        if (r->bad || id <= 0 || (uint64_t)id >= cl->cap_story || cl->live[id] || cl->parent[id] != id) return -1;
        story *s = cx_engine_story_alloc();
        if (!s) return -1;
        cl->live[id] = s; /* owned by the engine from here (freed with it) */
        s->id = id;
        s->closed = closed;
        s->prev = l->tail;
        if (l->tail) l->tail->next = s;
        else l->head = s;
        l->tail = s;
        l->n++;
        s->first_time = get_i64(r);
        s->last_time = get_i64(r);
        s->n_articles = get_u64(r);
        s->last_seq = get_u64(r);
        s->apart = get_u64(r);
        s->n = get_count(r, sizeof *s->term + sizeof *s->weight);
        s->cap = s->n;
        s->term = malloc((s->n + 1) * sizeof *s->term);
        s->weight = malloc((s->n + 1) * sizeof *s->weight);
        if (!s->term || !s->weight) return -1;
        get(r, s->term, s->n * sizeof *s->term);
        get(r, s->weight, s->n * sizeof *s->weight);
        s->n_indexed = get_count(r, sizeof *s->indexed);
        s->indexed = malloc((s->n_indexed + 1) * sizeof *s->indexed);
        if (!s->indexed) return -1;
        get(r, s->indexed, s->n_indexed * sizeof *s->indexed);
        if (r->bad || !terms_ok(s->term, s->n, n_vocab) || !terms_ok(s->indexed, s->n_indexed, n_vocab))
            return -1;
    }
    return r->bad ? -1 : 0;
}

static int load_into(rbuf *r, cx_clusterer *cl, int64_t *caller_value)
{
    char magic[8];
    get(r, magic, 8);
    if (r->bad || memcmp(magic, MAGIC, 8) || get_u64(r) != BYTE_ORDER_MARK ||
        get_u32(r) != CX_ENGINE_SNAPSHOT_FORMAT || get_u32(r) != sizeof cl->p)
        return -1;
    cx_cluster_params p;
    get(r, &p, sizeof p);
    if (r->bad || memcmp(&p, &cl->p, sizeof p)) return -1; /* decided with other parameters */
    *caller_value = get_i64(r);

    cx_vocab *v = cl->fx.vocab;
    size_t n_vocab = get_count(r, 4);
    for (size_t i = 0; i < n_vocab && !r->bad; i++) {
        uint32_t n = get_u32(r);
        if (r->bad || n > r->left) return -1;
        const char *str = (const char *)r->p;
        if (memchr(str, 0, n) || cx_vocab_id(v, str, n) != (int32_t)i) return -1; /* a repeat, or no memory */
        r->p += n;
        r->left -= n;
    }

    cl->n_docs = get_u64(r);
    cl->n_placed = get_u64(r);
    cl->log_n = log((double)(cl->n_docs + cl->p.idf_prior_docs + 1));
    cl->last_id = get_i64(r);
    cl->now = get_i64(r);
    cl->stamp = get_u64(r);
    cl->apart_next = get_u64(r);

    /* Term tables sized to the vocabulary: every term id the engine holds
     * comes from it. */
    size_t n_df = get_count(r, sizeof *cl->df);
    if (r->bad || n_df > n_vocab) return -1;
    size_t n_terms = n_vocab ? n_vocab : 1;
    cl->df = calloc(n_terms, sizeof *cl->df);
    cl->ts = calloc(n_terms, sizeof *cl->ts);
    cl->post = calloc(n_terms, sizeof *cl->post);
    cl->is_dirty = calloc(n_terms, sizeof *cl->is_dirty);
    cl->cap_in_dense = n_terms / 64 + 1;
    cl->in_dense = calloc(cl->cap_in_dense, sizeof *cl->in_dense);
    if (!cl->df || !cl->ts || !cl->post || !cl->is_dirty || !cl->in_dense) return -1;
    cl->cap_df = cl->cap_post = n_terms;
    get(r, cl->df, n_df * sizeof *cl->df);
    for (size_t t = 0; t < n_terms; t++) cl->ts[t].log_df = log((double)cl->df[t] + 1.0);
    cl->epoch_docs = get_u64(r);
    if (r->bad || cl->epoch_docs > cl->n_docs) return -1;
    cl->log_n = log((double)(cl->epoch_docs + cl->p.idf_prior_docs + 1));
    size_t n_dirty = get_count(r, 8);
    if (r->bad || n_dirty > n_terms) return -1;
    cl->dirty = malloc((n_dirty + 1) * sizeof *cl->dirty);
    if (!cl->dirty) return -1;
    cl->cap_dirty = n_dirty + 1;
    for (size_t i = 0; i < n_dirty; i++) {
        uint32_t t = get_u32(r), df = get_u32(r);
        if (r->bad || t >= n_terms || cl->is_dirty[t] || df > cl->df[t]) return -1;
        cl->dirty[cl->n_dirty++] = (struct term_df){(int32_t)t, df};
        cl->is_dirty[t] = 1;
        cl->ts[t].log_df = log((double)df + 1.0);
    }

    size_t n_parent = get_count(r, sizeof *cl->parent);
    /* The highest story id always has an entry (sized by the bytes read,
     * never by a count that could be damaged). */
    if (r->bad || cl->last_id < 0 || (cl->last_id && (uint64_t)cl->last_id >= n_parent)) return -1;
    size_t cap_story = n_parent ? n_parent : 1;
    cl->parent = calloc(cap_story, sizeof *cl->parent);
    cl->live = calloc(cap_story, sizeof *cl->live);
    if (!cl->parent || !cl->live) return -1;
    cl->cap_story = cap_story;
    get(r, cl->parent, n_parent * sizeof *cl->parent);
    if (!parents_ok(cl->parent, n_parent)) return -1;

    if (get_list(r, cl, &cl->open, 0, n_vocab) || get_list(r, cl, &cl->closed, 1, n_vocab)) return -1;

    size_t n_posted = get_count(r, 8);
    int64_t last_t = -1;
    for (size_t k = 0; k < n_posted; k++) {
        uint32_t t = get_u32(r);
        if (r->bad || t >= n_vocab || (int64_t)t <= last_t) return -1;
        last_t = t;
        posting *pl = &cl->post[t];
        uint32_t n = get_u32(r);
        if (r->bad || n == 0 || n > r->left / sizeof *pl->v) return -1;
        if (!(pl->v = malloc(n * sizeof *pl->v))) return -1;
        pl->n = pl->cap = n;
        get(r, pl->v, n * sizeof *pl->v);
        for (uint32_t i = 0; i < n; i++) /* gathering reads the story of every posted id */
            if (pl->v[i] <= 0 || (uint64_t)pl->v[i] >= cl->cap_story || !cl->live[pl->v[i]]) return -1;
    }

    size_t lsh_cap = get_count(r, 0);
    uint64_t last = get_u64(r);
    size_t n_lsh = get_count(r, sizeof(cx_minhash) + 24);
    if (r->bad || lsh_cap != cx_lsh_capacity(cl->lsh) || n_lsh > lsh_cap || n_lsh > last) return -1;
    if (n_lsh && cx_lsh_start_at(cl->lsh, last - n_lsh + 1)) return -1;
    for (size_t i = 0; i < n_lsh; i++) {
        cx_minhash m;
        get(r, m.v, sizeof m.v);
        int64_t key = get_i64(r), payload = get_i64(r), time = get_i64(r);
        if (r->bad || cx_lsh_insert(cl->lsh, &m, key, payload, time)) return -1;
    }
    if (!n_lsh && last && cx_lsh_start_at(cl->lsh, last + 1)) return -1;

    size_t win_cap = get_count(r, 0), win_n = get_count(r, 36);
    if (r->bad || win_cap != cl->win.cap || win_n > win_cap) return -1;
    int32_t *term = NULL;
    double *w = NULL;
    size_t cap_term = 0, cap_w = 0;
    int rc = 0;
    for (size_t i = 0; i < win_n && rc == 0; i++) {
        int64_t key = get_i64(r), story_id = get_i64(r), dup_root = get_i64(r), time = get_i64(r);
        uint32_t n = get_u32(r);
        if (r->bad || n > r->left / (sizeof *term + sizeof *w) || story_id <= 0 ||
            (uint64_t)story_id >= cl->cap_story ||
            cx_grow((void **)&term, &cap_term, (size_t)n + 1, sizeof *term) ||
            cx_grow((void **)&w, &cap_w, (size_t)n + 1, sizeof *w)) {
            rc = -1;
            break;
        }
        get(r, term, n * sizeof *term);
        get(r, w, n * sizeof *w);
        if (r->bad || !terms_ok(term, n, n_vocab) ||
            cx_window_push(&cl->win, key, story_id, dup_root, time, term, w, n))
            rc = -1;
    }
    free(term);
    free(w);
    if (rc) return -1;

    size_t moved_cap = get_count(r, 0), moved_n = get_count(r, 24);
    /* The table is at most half full, and grows by doubling from 1024: a
     * larger capacity than that is damage (not memory to allocate). */
    if (r->bad || (moved_cap & (moved_cap - 1)) || moved_n > moved_cap / 2 + 1 ||
        (moved_cap > 1024 && moved_cap > 4 * (moved_n + 1)))
        return -1;
    if (moved_cap) {
        cl->moved.key = malloc(moved_cap * sizeof *cl->moved.key);
        cl->moved.story = malloc(moved_cap * sizeof *cl->moved.story);
        if (!cl->moved.key || !cl->moved.story) return -1;
        for (size_t i = 0; i < moved_cap; i++) cl->moved.key[i] = -1;
        cl->moved.cap = moved_cap;
        cl->moved.n = moved_n;
        for (size_t k = 0; k < moved_n; k++) {
            uint64_t slot = get_u64(r);
            int64_t key = get_i64(r), story_id = get_i64(r);
            if (r->bad || slot >= moved_cap || key < 0 || cl->moved.key[slot] >= 0) return -1;
            cl->moved.key[slot] = key;
            cl->moved.story[slot] = story_id;
        }
    } else if (moved_n) {
        return -1;
    }

    size_t n_pending = get_count(r, 16);
    for (size_t i = 0; i < n_pending && !r->bad; i++) {
        merge_note m;
        m.from = get_i64(r);
        m.into = get_i64(r);
        if (m.from <= 0 || m.into <= 0 || CX_PUSH(cl->pending, cl->n_pending, cl->cap_pending, m)) return -1;
    }
    get(r, magic, 8);
    if (r->bad || memcmp(magic, END_MAGIC, 8) || r->left) return -1;
    return 0;
}

int cx_engine_snapshot_load(const unsigned char *buf, size_t len, const cx_cluster_params *p,
                            cx_clusterer **out, int64_t *caller_value)
{
    if (!buf || !out || !caller_value) return CHORUS_EINVAL;
    *out = NULL;
    cx_clusterer *cl = cx_clusterer_new(p);
    if (!cl) return CHORUS_ENOMEM;
    rbuf r = {buf, len, 0};
    int64_t value = 0;
    if (load_into(&r, cl, &value)) {
        cx_clusterer_free(cl);
        return CHORUS_EFORMAT;
    }
    *out = cl;
    *caller_value = value;
    return 0;
}
