/* The story's timeline (timeline.h). */
#include <stdlib.h>
#include <string.h>

#include "provenance.h"
#include "summarize.h"
#include "timeline.h"
#include "util.h"

/* Share of the shorter sentence's content words two sentences of one day
 * must share to tell the same event. Lower than summarize.c's paraphrase
 * test: the day already agrees, and outlets word one event differently. */
#define SAME_EVENT 0.35

typedef struct {
    int32_t day;
    int doc, sent;
    uint32_t start, len;
    cx_date_kind kind;
    int estimated;
    int event; /* index of its event, or -1 */
} dated;

static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct {
    int32_t day;
    int rep;       /* index into the dated list */
    int *outlets;
    size_t n_outlets;
    size_t members;
} event;

static int cmp_event_support(const void *a, const void *b)
{
    const event *x = a, *y = b;
    if (x->n_outlets != y->n_outlets) return x->n_outlets > y->n_outlets ? -1 : 1;
    if (x->members != y->members) return x->members > y->members ? -1 : 1;
    if (x->day != y->day) return x->day < y->day ? -1 : 1;
    return x->rep - y->rep;
}

static int add_outlet(event *e, int o)
{
    for (size_t i = 0; i < e->n_outlets; i++)
        if (e->outlets[i] == o) return 0;
    int *v = realloc(e->outlets, sizeof *v * (e->n_outlets + 1));
    if (!v) return CHORUS_ENOMEM;
    e->outlets = v;
    e->outlets[e->n_outlets++] = o;
    return 0;
}

/* The outlets of events ask[0..n) with those that carry their telling
 * sentences: the questions on the story's threads, the answers added in
 * order. doc and sent: room for n. */
static int add_provenance(cx_story *s, cx_prov_index *pix, const dated *v, event *ev, const size_t *ask, size_t n,
                          int *doc, int *sent)
{
    int **prov = calloc(n ? n : 1, sizeof *prov), *np = malloc(sizeof *np * (n ? n : 1));
    int rc = prov && np ? 0 : CHORUS_ENOMEM;
    for (size_t i = 0; i < n && !rc; i++) doc[i] = v[ev[ask[i]].rep].doc, sent[i] = v[ev[ask[i]].rep].sent;
    if (!rc) rc = cx_provenance_many(s, pix, doc, sent, n, prov, np);
    for (size_t i = 0; i < n && !rc; i++)
        for (int k = 0; k < np[i] && !rc; k++) rc = add_outlet(&ev[ask[i]], prov[i][k]);
    for (size_t i = 0; prov && i < n; i++) free(prov[i]);
    free(prov), free(np);
    return rc;
}

/* The printed events, in support order: the first by support, skipping an
 * event whose day already has CX_TIMELINE_PER_DAY, up to CX_TIMELINE_MAX.
 * Writes their indices to pick[] (size CX_TIMELINE_MAX); ev's order is
 * that of cmp_event_support on the events in it. */
static size_t choose(event *ev, const size_t *idx, size_t n, size_t *pick)
{
    size_t np = 0;
    for (size_t i = 0; i < n && np < CX_TIMELINE_MAX; i++) {
        size_t that_day = 0;
        for (size_t k = 0; k < np; k++) that_day += ev[pick[k]].day == ev[idx[i]].day;
        if (that_day < CX_TIMELINE_PER_DAY) pick[np++] = idx[i];
    }
    return np;
}

static const event *sort_base;
static int cmp_idx_support(const void *a, const void *b)
{
    return cmp_event_support(&sort_base[*(const size_t *)a], &sort_base[*(const size_t *)b]);
}

/* The events the timeline prints, with their full outlets, as if every
 * event had been asked its provenance and the events chosen in support
 * order (choose). Only the events that could still be chosen are asked:
 * an event's outlets are bounded by its members' plus cx_provenance_most;
 * the events are asked in the order of that bound, a growing batch at a
 * time, until every event not asked would come after the last chosen, or
 * after its day's last chosen when its day is full. Since support only
 * grows with outlets, such an event could not be chosen, and the choice
 * among the asked ones is the whole story's. */
static int pick_events(cx_story *s, cx_prov_index *pix, const dated *v, event *ev, size_t ne, size_t **pick_out,
                       size_t *np_out)
{
    *pick_out = NULL, *np_out = 0;
    size_t *order = malloc(sizeof *order * (ne ? ne : 1)), *asked = malloc(sizeof *asked * (ne ? ne : 1));
    size_t *pick = malloc(sizeof *pick * CX_TIMELINE_MAX);
    event *opt = malloc(sizeof *opt * (ne ? ne : 1)); /* the events with their bound as outlets */
    char *done = calloc(ne ? ne : 1, 1);
    /* the sentences of a batch of questions, and the bounds */
    int *doc = malloc(sizeof *doc * (ne ? ne : 1)), *sent = malloc(sizeof *sent * (ne ? ne : 1));
    int *bound = malloc(sizeof *bound * (ne ? ne : 1));
    int rc = !order || !asked || !pick || !opt || !done || !doc || !sent || !bound ? CHORUS_ENOMEM : 0;
    for (size_t i = 0; i < ne && !rc; i++) doc[i] = v[ev[i].rep].doc, sent[i] = v[ev[i].rep].sent;
    if (!rc && pix) rc = cx_provenance_most_many(s, pix, doc, sent, ne, bound);
    for (size_t i = 0; i < ne && !rc; i++) {
        int most = pix ? bound[i] : (int)s->n_outlets;
        opt[i] = ev[i];
        opt[i].n_outlets += (size_t)(most > 0 ? most : 0);
        if (opt[i].n_outlets > s->n_outlets) opt[i].n_outlets = s->n_outlets;
        if (ev[i].n_outlets > opt[i].n_outlets) opt[i].n_outlets = ev[i].n_outlets;
        order[i] = i;
    }
    sort_base = opt;
    if (!rc && ne > 1) qsort(order, ne, sizeof *order, cmp_idx_support);
    size_t n_asked = 0, next = 0, batch = 2 * CX_TIMELINE_MAX, np = 0, unasked = 0;
    while (!rc) {
        /* ask those found undecided (asked[unasked..]) and the next batch in
         * bound order, all at once */
        for (size_t k = 0; k < batch && next < ne; next++) {
            if (done[order[next]]) continue;
            done[order[next]] = 1, asked[n_asked++] = order[next], k++;
        }
        rc = add_provenance(s, pix, v, ev, asked + unasked, n_asked - unasked, doc, sent);
        unasked = n_asked;
        if (rc) break;
        sort_base = ev;
        qsort(asked, n_asked, sizeof *asked, cmp_idx_support);
        np = choose(ev, asked, n_asked, pick);
        /* any event not asked that might still be chosen? */
        size_t undecided = 0;
        for (size_t i = next; i < ne && !rc; i++) {
            size_t u = order[i];
            if (done[u]) continue;
            if (np == CX_TIMELINE_MAX && cmp_event_support(&opt[u], &ev[pick[np - 1]]) > 0) break;
            size_t full = 0, last = 0;
            for (size_t k = 0; k < np; k++)
                if (ev[pick[k]].day == ev[u].day) full++, last = pick[k];
            if (full >= CX_TIMELINE_PER_DAY && cmp_event_support(&opt[u], &ev[last]) > 0) continue;
            if (undecided++ < batch) done[u] = 1, asked[n_asked++] = u;
        }
        if (!undecided) break;
        batch *= 2;
    }
    free(order), free(asked), free(opt), free(done), free(doc), free(sent), free(bound);
    if (rc) {
        free(pick);
        return rc;
    }
    *pick_out = pick, *np_out = np;
    return 0;
}

typedef struct {
    int32_t stem;
    uint32_t at; /* position in the day */
} day_stem;

static int cmp_day_stem(const void *x, const void *y)
{
    const day_stem *a = x, *b = y;
    if (a->stem != b->stem) return a->stem < b->stem ? -1 : 1;
    return a->at < b->at ? -1 : a->at > b->at;
}

static const dated *day_base;
static int cmp_dated_day(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    if (day_base[a].day != day_base[b].day) return day_base[a].day < day_base[b].day ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* The events of one day's sentences (day[0..m), ascending in v): repeatedly
 * the unassigned sentence that says the same (shared >= SAME_EVENT) as the
 * most unassigned ones of other docs (the first on a tie) tells an event,
 * which the unassigned ones saying the same join. Which pairs say the same
 * is found once, through the day's postings of content stems (only pairs
 * sharing a stem are counted), and each sentence's count of unassigned
 * others is kept up to date as sentences are assigned. */
static int day_events(cx_story *s, dated *v, const size_t *day, size_t m, event **ev, size_t *ne, size_t *ecap)
{
    const cx_sent **st = malloc(sizeof *st * (m + 1));
    size_t n_post = 0;
    for (size_t a = 0; st && a < m; a++) {
        st[a] = &s->docs[v[day[a]].doc].sents[v[day[a]].sent];
        n_post += st[a]->n_content;
    }
    day_stem *post = malloc(sizeof *post * (n_post + 1));
    uint32_t *cnt = calloc(m + 1, sizeof *cnt), *touched = malloc(sizeof *touched * (m + 1));
    size_t *nstart = calloc(m + 2, sizeof *nstart), *support = calloc(m + 1, sizeof *support);
    uint32_t *nbr = NULL, *members = malloc(sizeof *members * (m + 1));
    size_t n_nbr = 0, cap_nbr = 0;
    char *assigned = calloc(m + 1, 1);
    int rc = !st || !post || !cnt || !touched || !nstart || !support || !members || !assigned ? CHORUS_ENOMEM : 0;
    size_t np = 0;
    for (size_t a = 0; a < m && !rc; a++)
        for (size_t i = 0; i < st[a]->n_content; i++) post[np++] = (day_stem){st[a]->content[i], (uint32_t)a};
    if (!rc && np > 1) qsort(post, np, sizeof *post, cmp_day_stem);
    /* where each stem's run of the day's postings begins, per posting */
    size_t *run = malloc(sizeof *run * (np + 1));
    if (!run) rc = rc ? rc : CHORUS_ENOMEM;
    for (size_t i = 0; i < np && !rc; i++) run[i] = i && post[i].stem == post[i - 1].stem ? run[i - 1] : i;
    /* each sentence's postings, in its content order: positions into post */
    size_t *mine = malloc(sizeof *mine * (np + 1)), *mstart = calloc(m + 2, sizeof *mstart);
    if (!mine || !mstart) rc = rc ? rc : CHORUS_ENOMEM;
    for (size_t i = 0; i < np && !rc; i++) mstart[post[i].at + 2]++;
    for (size_t a = 2; a < m + 2 && !rc; a++) mstart[a] += mstart[a - 1];
    for (size_t i = 0; i < np && !rc; i++) mine[mstart[post[i].at + 1]++] = i;
    /* the pairs that say the same, as neighbour lists */
    for (size_t a = 0; a < m && !rc; a++) {
        size_t nt = 0;
        for (size_t k = mstart[a]; k < mstart[a + 1]; k++)
            for (size_t i = run[mine[k]]; i < np && post[i].stem == post[mine[k]].stem; i++) {
                uint32_t b = post[i].at;
                if (b == a) continue;
                if (!cnt[b]++) touched[nt++] = b;
            }
        nstart[a] = n_nbr;
        for (size_t t = 0; t < nt && !rc; t++) {
            uint32_t b = touched[t];
            size_t least = st[a]->n_content < st[b]->n_content ? st[a]->n_content : st[b]->n_content;
            if (least && (double)cnt[b] / (double)least >= SAME_EVENT) {
                rc = CX_PUSH(nbr, n_nbr, cap_nbr, b);
                if (v[day[b]].doc != v[day[a]].doc) support[a]++;
            }
            cnt[b] = 0;
        }
    }
    if (!rc) nstart[m] = n_nbr;
    size_t left = m;
    while (left && !rc) {
        size_t best = m;
        for (size_t a = 0; a < m; a++)
            if (!assigned[a] && (best == m || support[a] > support[best])) best = a;
        event e = {v[day[best]].day, (int)day[best], NULL, 0, 0};
        size_t nm = 0;
        members[nm++] = (uint32_t)best;
        for (size_t k = nstart[best]; k < nstart[best + 1]; k++)
            if (!assigned[nbr[k]]) members[nm++] = nbr[k];
        if (nm > 1) qsort(members, nm, sizeof *members, cmp_u32);
        for (size_t k = 0; k < nm; k++) assigned[members[k]] = 1;
        for (size_t k = 0; k < nm && !rc; k++) {
            size_t q = day[members[k]];
            v[q].event = (int)*ne;
            e.members++;
            rc = add_outlet(&e, s->doc_outlet[v[q].doc]);
            /* the others lose an unassigned neighbour */
            for (size_t t = nstart[members[k]]; t < nstart[members[k] + 1]; t++)
                if (!assigned[nbr[t]] && v[day[nbr[t]]].doc != v[q].doc) support[nbr[t]]--;
        }
        left -= nm;
        if (!rc) rc = CX_PUSH(*ev, *ne, *ecap, e);
        if (rc) free(e.outlets);
    }
    free(st), free(post), free(cnt), free(touched), free(nstart), free(support), free(nbr), free(members);
    free(assigned), free(run), free(mine), free(mstart);
    return rc;
}

/* The events of every day (day_events), the days taken apart by sorting. */
static int find_events(cx_story *s, dated *v, size_t nv, event **ev_out, size_t *ne_out)
{
    *ev_out = NULL, *ne_out = 0;
    size_t *idx = malloc(sizeof *idx * (nv + 1)), ne = 0, ecap = 0;
    event *ev = NULL;
    if (!idx) return CHORUS_ENOMEM;
    for (size_t i = 0; i < nv; i++) idx[i] = i;
    day_base = v;
    if (nv > 1) qsort(idx, nv, sizeof *idx, cmp_dated_day);
    int rc = 0;
    for (size_t g = 0, h; g < nv && !rc; g = h) {
        for (h = g + 1; h < nv && v[idx[h]].day == v[idx[g]].day;) h++;
        rc = day_events(s, v, idx + g, h - g, &ev, &ne, &ecap);
    }
    free(idx);
    *ev_out = ev, *ne_out = ne;
    return rc;
}

static int cmp_entry_day(const void *a, const void *b)
{
    const cx_timeline_entry *x = a, *y = b;
    if (x->day != y->day) return x->day < y->day ? -1 : 1;
    if (x->n_outlets != y->n_outlets) return x->n_outlets > y->n_outlets ? -1 : 1;
    if (x->doc != y->doc) return x->doc - y->doc;
    return x->sent - y->sent;
}

int cx_timeline_build(cx_story *s, cx_prov_index *pix, const cx_story_dates *dates, cx_timeline_entry **out)
{
    *out = NULL;
    int rc = 0;
    dated *v = NULL;
    size_t nv = 0, cap = 0;
    for (size_t d = 0; d < s->n_docs && !rc; d++) {
        const cx_doc *doc = &s->docs[d];
        if (doc->duplicate_of >= 0) continue;
        const cx_date_anchor a = dates->anchor[d];
        for (size_t k = 0; k < doc->n_sents && !rc; k++) {
            if (!cx_summary_candidate(&doc->sents[k])) continue;
            for (int i = 0; i < dates->sd[d][k].n; i++) {
                cx_date_mention m = dates->sd[d][k].m[i];
                cx_dates_resolve(&m, &a);
                if (m.unit == CX_UNIT_DAY && m.first != CX_NO_DAY) {
                    dated x = {m.first, (int)d, (int)k, m.start, m.len, m.kind,
                               a.estimated && m.kind != CX_DATE_STATED, -1};
                    rc = CX_PUSH(v, nv, cap, x);
                    break; /* the sentence's own time: its first day */
                }
            }
        }
    }
    /* Events: within a day, the sentence sharing most with the others of
     * that day tells it; the others that say the same join it. */
    event *ev = NULL;
    size_t ne = 0;
    if (!rc) rc = find_events(s, v, nv, &ev, &ne);
    /* Every outlet that carries the telling sentence states the event too,
     * dated or not (provenance.h); then the events most outlets state, a few
     * a day. Provenance is asked only of the events that can still be
     * printed (see pick_events). */
    size_t *pick = NULL;
    size_t np = 0;
    if (!rc) rc = pick_events(s, pix, v, ev, ne, &pick, &np);
    cx_timeline_entry *t = calloc(np ? np : 1, sizeof *t);
    size_t nt = 0;
    if (!rc && !t) rc = CHORUS_ENOMEM;
    for (size_t i = 0; i < np && !rc; i++) {
        event *e = &ev[pick[i]];
        const dated *r = &v[e->rep];
        cx_timeline_entry x = {r->day, r->doc, r->sent, r->start, r->len, r->kind, r->estimated, NULL, 0};
        x.outlets = e->outlets;
        x.n_outlets = e->n_outlets;
        e->outlets = NULL;
        qsort(x.outlets, x.n_outlets, sizeof *x.outlets, cmp_int);
        t[nt++] = x;
    }
    free(pick);
    for (size_t i = 0; i < ne; i++) free(ev[i].outlets);
    free(ev), free(v);
    if (rc) {
        cx_timeline_free(t, nt);
        return rc;
    }
    qsort(t, nt, sizeof *t, cmp_entry_day);
    *out = t;
    return (int)nt;
}

void cx_timeline_free(cx_timeline_entry *t, size_t n)
{
    for (size_t i = 0; t && i < n; i++) free(t[i].outlets);
    free(t);
}
