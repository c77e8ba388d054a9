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
/* A report is written within a week of the latest day it mentions. */
#define ESTIMATE_WINDOW 6

typedef struct {
    int32_t day;
    int doc, sent;
    uint32_t start, len;
    cx_date_kind kind;
    int estimated;
    int event; /* index of its event, or -1 */
} dated;

static int32_t pub_day(const cx_doc *doc) { return cx_day_of_unix(doc->art->published_unix); }

/* Dates are read in the article's own language (month and weekday names). */
static const char *lang_of(const cx_doc *doc) { return doc->lang ? cx_lang_code(doc->lang) : NULL; }

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

/* Each kept sentence's date mentions, found once, resolved per anchor. */
typedef struct {
    cx_date_mention *m;
    int n;
} sent_dates;

/* The story's year and latest stated day: from the publication days and the
 * dates written with a year, in kept and dropped text alike (a photo
 * caption's "January 4, 2020" is evidence of the year). */
static int story_reference(const cx_story *s, sent_dates *const *sd, int *year, int32_t *latest)
{
    *year = 0;
    int32_t latest_full = CX_NO_DAY, latest_pub = CX_NO_DAY;
    cx_date_anchor none = {CX_NO_DAY, 0, 0};
    for (size_t d = 0; d < s->n_docs; d++) {
        const cx_doc *doc = &s->docs[d];
        int32_t p = pub_day(doc);
        if (p != CX_NO_DAY && (latest_pub == CX_NO_DAY || p > latest_pub)) latest_pub = p;
        for (size_t k = 0; k < doc->n_paras; k++) {
            if (!doc->paras[k].drop_reason) continue; /* kept text: its sentences below */
            cx_date_mention *m;
            int n = cx_dates_find(doc->paras[k].text, doc->paras[k].len, lang_of(doc), &none, &m);
            if (n < 0) return n;
            for (int i = 0; i < n; i++)
                if (m[i].kind == CX_DATE_STATED && m[i].unit == CX_UNIT_DAY && m[i].first != CX_NO_DAY &&
                    (latest_full == CX_NO_DAY || m[i].first > latest_full))
                    latest_full = m[i].first;
            free(m);
        }
        for (size_t k = 0; k < doc->n_sents; k++)
            for (int i = 0; i < sd[d][k].n; i++) {
                const cx_date_mention *m = &sd[d][k].m[i];
                if (m->kind == CX_DATE_STATED && m->unit == CX_UNIT_DAY && m->first != CX_NO_DAY &&
                    (latest_full == CX_NO_DAY || m->first > latest_full))
                    latest_full = m->first;
            }
    }
    int32_t ref = latest_pub != CX_NO_DAY ? latest_pub : latest_full;
    *latest = ref;
    if (ref == CX_NO_DAY) return 0;
    int mo, dd;
    cx_civil_from_days(ref, year, &mo, &dd);
    /* the latest day a sentence of an undated article states, its year the
     * one nearest the reference (never past the latest publication day, nor
     * more than a week past the latest full date: a later date is a plan) */
    cx_date_anchor a = {ref, 1, *year};
    int32_t bound = latest_pub != CX_NO_DAY ? latest_pub : ref + ESTIMATE_WINDOW;
    for (size_t d = 0; d < s->n_docs; d++) {
        if (pub_day(&s->docs[d]) != CX_NO_DAY) continue;
        for (size_t k = 0; k < s->docs[d].n_sents; k++)
            for (int i = 0; i < sd[d][k].n; i++) {
                cx_date_mention m = sd[d][k].m[i];
                if (m.kind != CX_DATE_STATED || m.unit != CX_UNIT_DAY) continue;
                cx_dates_resolve(&m, &a);
                if (m.first != CX_NO_DAY && m.first > *latest && m.first <= bound) *latest = m.first;
            }
    }
    return 0;
}

/* The estimated day of an undated article: in [latest, latest + window], the
 * one that puts its weekdays closest together (the earliest of ties). */
static int32_t estimate_day(const cx_doc *doc, const sent_dates *sd, int32_t latest, int year)
{
    int32_t best = latest, best_span = INT32_MAX;
    for (int32_t p = latest; p <= latest + ESTIMATE_WINDOW; p++) {
        cx_date_anchor a = {p, 1, year};
        int32_t lo = INT32_MAX, hi = INT32_MIN;
        for (size_t k = 0; k < doc->n_sents; k++)
            for (int i = 0; i < sd[k].n; i++) {
                cx_date_mention m = sd[k].m[i];
                if (m.kind != CX_DATE_WEEKDAY) continue;
                cx_dates_resolve(&m, &a);
                if (m.first == CX_NO_DAY) continue;
                if (m.first < lo) lo = m.first;
                if (m.first > hi) hi = m.first;
            }
        if (lo == INT32_MAX) return latest; /* no weekday: nothing to place */
        if (hi - lo < best_span) best_span = hi - lo, best = p;
    }
    return best;
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

static int cmp_entry_day(const void *a, const void *b)
{
    const cx_timeline_entry *x = a, *y = b;
    if (x->day != y->day) return x->day < y->day ? -1 : 1;
    if (x->n_outlets != y->n_outlets) return x->n_outlets > y->n_outlets ? -1 : 1;
    if (x->doc != y->doc) return x->doc - y->doc;
    return x->sent - y->sent;
}

int cx_timeline_build(cx_story *s, cx_prov_index *pix, cx_timeline_entry **out)
{
    *out = NULL;
    int rc = 0;
    sent_dates **sd = calloc(s->n_docs ? s->n_docs : 1, sizeof *sd);
    if (!sd) return CHORUS_ENOMEM;
    cx_date_anchor none = {CX_NO_DAY, 0, 0};
    for (size_t d = 0; d < s->n_docs && !rc; d++) {
        const cx_doc *doc = &s->docs[d];
        if (!(sd[d] = calloc(doc->n_sents ? doc->n_sents : 1, sizeof **sd))) rc = CHORUS_ENOMEM;
        for (size_t k = 0; k < doc->n_sents && !rc; k++) {
            int n = cx_dates_find(doc->sents[k].text, doc->sents[k].len, lang_of(doc), &none, &sd[d][k].m);
            if (n < 0) rc = n;
            else sd[d][k].n = n;
        }
    }
    int year = 0;
    int32_t latest = CX_NO_DAY;
    if (!rc) rc = story_reference(s, sd, &year, &latest);
    dated *v = NULL;
    size_t nv = 0, cap = 0;
    for (size_t d = 0; d < s->n_docs && !rc; d++) {
        const cx_doc *doc = &s->docs[d];
        if (doc->duplicate_of >= 0) continue;
        cx_date_anchor a = {pub_day(doc), 0, year};
        if (a.day == CX_NO_DAY && latest != CX_NO_DAY) a.day = estimate_day(doc, sd[d], latest, year), a.estimated = 1;
        for (size_t k = 0; k < doc->n_sents && !rc; k++) {
            if (!cx_summary_candidate(&doc->sents[k])) continue;
            for (int i = 0; i < sd[d][k].n; i++) {
                cx_date_mention m = sd[d][k].m[i];
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
    for (size_t d = 0; d < s->n_docs; d++) {
        for (size_t k = 0; sd[d] && k < s->docs[d].n_sents; k++) free(sd[d][k].m);
        free(sd[d]);
    }
    free(sd);
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
     * a day. */
    for (size_t i = 0; i < ne && !rc; i++) {
        int *prov;
        int np = cx_provenance(s, pix, v[ev[i].rep].doc, v[ev[i].rep].sent, &prov);
        if (np < 0) {
            rc = np;
            break;
        }
        for (int k = 0; k < np && !rc; k++) rc = add_outlet(&ev[i], prov[k]);
        free(prov);
    }
    if (!rc && ne > 1) qsort(ev, ne, sizeof *ev, cmp_event_support);
    cx_timeline_entry *t = calloc(ne ? ne : 1, sizeof *t);
    size_t nt = 0;
    if (!t) rc = CHORUS_ENOMEM;
    for (size_t i = 0; i < ne && !rc && nt < CX_TIMELINE_MAX; i++) {
        size_t that_day = 0;
        for (size_t k = 0; k < nt; k++) that_day += t[k].day == ev[i].day;
        if (that_day >= CX_TIMELINE_PER_DAY) continue;
        const dated *r = &v[ev[i].rep];
        cx_timeline_entry x = {r->day, r->doc, r->sent, r->start, r->len, r->kind, r->estimated, NULL, 0};
        x.outlets = ev[i].outlets;
        x.n_outlets = ev[i].n_outlets;
        ev[i].outlets = NULL;
        qsort(x.outlets, x.n_outlets, sizeof *x.outlets, cmp_int);
        t[nt++] = x;
    }
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
