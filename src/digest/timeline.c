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

static double shared(const cx_sent *a, const cx_sent *b)
{
    size_t i = 0, j = 0, k = 0;
    size_t m = a->n_content < b->n_content ? a->n_content : b->n_content;
    if (!m) return 0;
    while (i < a->n_content && j < b->n_content) {
        if (a->content[i] < b->content[j]) i++;
        else if (a->content[i] > b->content[j]) j++;
        else k++, i++, j++;
    }
    return (double)k / (double)m;
}

static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

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

/* The event's outlets with those that carry its telling sentence. */
static int add_provenance(cx_story *s, cx_prov_index *pix, const dated *v, event *e)
{
    int *prov;
    int np = cx_provenance(s, pix, v[e->rep].doc, v[e->rep].sent, &prov);
    if (np < 0) return np;
    int rc = 0;
    for (int k = 0; k < np && !rc; k++) rc = add_outlet(e, prov[k]);
    free(prov);
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
    int rc = !order || !asked || !pick || !opt || !done ? CHORUS_ENOMEM : 0;
    for (size_t i = 0; i < ne && !rc; i++) {
        int most = pix ? cx_provenance_most(s, pix, v[ev[i].rep].doc, v[ev[i].rep].sent) : (int)s->n_outlets;
        if (most < 0) rc = most;
        opt[i] = ev[i];
        opt[i].n_outlets += (size_t)(most > 0 ? most : 0);
        if (opt[i].n_outlets > s->n_outlets) opt[i].n_outlets = s->n_outlets;
        if (ev[i].n_outlets > opt[i].n_outlets) opt[i].n_outlets = ev[i].n_outlets;
        order[i] = i;
    }
    sort_base = opt;
    if (!rc && ne > 1) qsort(order, ne, sizeof *order, cmp_idx_support);
    size_t n_asked = 0, next = 0, batch = 2 * CX_TIMELINE_MAX, np = 0;
    while (!rc) {
        /* ask the next batch in bound order and those found undecided */
        for (size_t k = 0; k < batch && next < ne && !rc; next++) {
            if (done[order[next]]) continue;
            rc = add_provenance(s, pix, v, &ev[order[next]]);
            done[order[next]] = 1, asked[n_asked++] = order[next], k++;
        }
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
            if (undecided++ < batch) {
                rc = add_provenance(s, pix, v, &ev[u]);
                done[u] = 1, asked[n_asked++] = u;
            }
        }
        if (!undecided || rc) break;
        batch *= 2;
    }
    free(order), free(asked), free(opt), free(done);
    if (rc) {
        free(pick);
        return rc;
    }
    *pick_out = pick, *np_out = np;
    return 0;
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
    size_t ne = 0, ecap = 0;
    for (size_t i = 0; i < nv && !rc; i++) {
        if (v[i].event >= 0) continue;
        /* the best teller among the unassigned sentences of this day */
        int best = -1;
        size_t best_support = 0;
        for (size_t j = i; j < nv; j++) {
            if (v[j].day != v[i].day || v[j].event >= 0) continue;
            size_t support = 0;
            for (size_t q = 0; q < nv; q++)
                if (q != j && v[q].day == v[j].day && v[q].event < 0 && v[q].doc != v[j].doc &&
                    shared(&s->docs[v[j].doc].sents[v[j].sent], &s->docs[v[q].doc].sents[v[q].sent]) >= SAME_EVENT)
                    support++;
            if (best < 0 || support > best_support) best = (int)j, best_support = support;
        }
        event e = {v[best].day, best, NULL, 0, 0};
        const cx_sent *rep = &s->docs[v[best].doc].sents[v[best].sent];
        for (size_t q = 0; q < nv && !rc; q++)
            if (v[q].day == e.day && v[q].event < 0 &&
                (q == (size_t)best || shared(rep, &s->docs[v[q].doc].sents[v[q].sent]) >= SAME_EVENT)) {
                v[q].event = (int)ne;
                e.members++;
                rc = add_outlet(&e, s->doc_outlet[v[q].doc]);
            }
        if (!rc) rc = CX_PUSH(ev, ne, ecap, e);
        if (rc) free(e.outlets);
        i--; /* this day may hold more events */
    }
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
