/* The time of each article and the dates of each sentence (story_dates.h). */
#include <stdlib.h>

#include "language.h"
#include "parallel.h"
#include "story_dates.h"
#include "util.h"

static int32_t pub_day(const cx_doc *doc) { return cx_day_of_unix(doc->art->published_unix); }

/* Dates are read in the article's own language (month and weekday names). */
static const char *lang_of(const cx_doc *doc) { return doc->lang ? cx_lang_code(doc->lang) : NULL; }

/* The story's year and latest stated day: from the publication days and the
 * dates written with a year, in kept and dropped text alike (a photo
 * caption's "January 4, 2020" is evidence of the year). */
static int story_reference(const cx_story *s, cx_sent_dates *const *sd, int *year, int32_t *latest)
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
    int32_t bound = latest_pub != CX_NO_DAY ? latest_pub : ref + CX_ESTIMATE_WINDOW;
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
static int32_t estimate_day(const cx_doc *doc, const cx_sent_dates *sd, int32_t latest, int year)
{
    int32_t best = latest, best_span = INT32_MAX;
    for (int32_t p = latest; p <= latest + CX_ESTIMATE_WINDOW; p++) {
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

void cx_story_dates_free(cx_story_dates *d)
{
    if (!d) return;
    for (size_t i = 0; d->sd && i < d->n_docs; i++) {
        for (size_t k = 0; d->sd[i] && k < d->n_sents[i]; k++) free(d->sd[i][k].m);
        free(d->sd[i]);
    }
    free(d->sd), free(d->n_sents), free(d->anchor);
    d->sd = NULL, d->n_sents = NULL, d->anchor = NULL, d->n_docs = 0;
}

typedef struct {
    const cx_story *s;
    cx_story_dates *d;
} dates_run;

/* The dates each sentence of doc i states, read apart from the anchor. */
static int doc_dates(void *ctx, size_t i, int w)
{
    (void)w;
    dates_run *r = ctx;
    const cx_doc *doc = &r->s->docs[i];
    cx_story_dates *d = r->d;
    cx_date_anchor none = {CX_NO_DAY, 0, 0};
    if (!(d->sd[i] = calloc(doc->n_sents ? doc->n_sents : 1, sizeof **d->sd))) return CHORUS_ENOMEM;
    d->n_sents[i] = doc->n_sents;
    for (size_t k = 0; k < doc->n_sents; k++) {
        int n = cx_dates_find(doc->sents[k].text, doc->sents[k].len, lang_of(doc), &none, &d->sd[i][k].m);
        if (n < 0) return n;
        d->sd[i][k].n = n;
    }
    return 0;
}

int cx_story_dates_build(const cx_story *s, cx_story_dates *out)
{
    cx_story_dates d = {0};
    d.n_docs = s->n_docs;
    d.latest = CX_NO_DAY;
    d.sd = calloc(s->n_docs ? s->n_docs : 1, sizeof *d.sd);
    d.n_sents = calloc(s->n_docs ? s->n_docs : 1, sizeof *d.n_sents);
    d.anchor = calloc(s->n_docs ? s->n_docs : 1, sizeof *d.anchor);
    int rc = d.sd && d.n_sents && d.anchor ? 0 : CHORUS_ENOMEM;
    dates_run r = {s, &d};
    if (!rc) rc = cx_parallel_for(s->n_docs, s->threads, doc_dates, &r);
    if (!rc) rc = story_reference(s, d.sd, &d.year, &d.latest);
    for (size_t i = 0; i < s->n_docs && !rc; i++) {
        cx_date_anchor a = {pub_day(&s->docs[i]), 0, d.year};
        if (a.day == CX_NO_DAY && d.latest != CX_NO_DAY)
            a.day = estimate_day(&s->docs[i], d.sd[i], d.latest, d.year), a.estimated = 1;
        d.anchor[i] = a;
    }
    if (rc) {
        cx_story_dates_free(&d);
        return rc;
    }
    *out = d;
    return 0;
}

int32_t cx_story_sentence_day(const cx_story_dates *d, int doc, int sent, cx_date_kind *kind)
{
    if (!d || doc < 0 || (size_t)doc >= d->n_docs || sent < 0 || (size_t)sent >= d->n_sents[doc]) return CX_NO_DAY;
    const cx_sent_dates *x = &d->sd[doc][sent];
    for (int i = 0; i < x->n; i++) {
        cx_date_mention m = x->m[i];
        cx_dates_resolve(&m, &d->anchor[doc]);
        if (m.unit == CX_UNIT_DAY && m.first != CX_NO_DAY) {
            if (kind) *kind = m.kind;
            return m.first;
        }
    }
    return CX_NO_DAY;
}
