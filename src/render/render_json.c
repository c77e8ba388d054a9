/* JSON digest, schema in docs/digest-schema.md (version 1). */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

typedef struct {
    json_t *arr;
} dropped_ctx;

static void add_dropped(const cx_doc *doc, const cx_para *p, void *ctx)
{
    json_t *o = json_object();
    json_object_set_new(o, "article", str_or_null(doc->art->id));
    json_object_set_new(o, "outlet", str_or_null(doc->outlet));
    json_object_set_new(o, "text", json_stringn(p->text, p->len));
    json_object_set_new(o, "reason", json_string(p->drop_reason));
    json_array_append_new(((dropped_ctx *)ctx)->arr, o);
}

static json_t *outlet_names(const cx_story *s, const int *o, size_t n)
{
    json_t *a = json_array();
    for (size_t k = 0; k < n; k++) json_array_append_new(a, json_string(s->outlets[o[k]]));
    return a;
}

static json_t *json_quotes(const chorus_digest *d)
{
    const cx_story *s = &d->story;
    json_t *arr = json_array();
    for (size_t i = 0; i < d->n_quotes; i++) {
        const cx_quote *q = &d->quotes[i];
        json_t *o = json_object();
        json_object_set_new(o, "text", json_string(q->text));
        json_object_set_new(o, "speaker", str_or_null(q->speaker));
        json_object_set_new(o, "role", str_or_null(q->role));
        json_object_set_new(o, "outlets", outlet_names(s, q->outlets, q->n_outlets));
        json_t *src = json_array();
        for (size_t k = 0; k < q->n_src; k++) {
            const cx_quote_src *r = &q->src[k];
            const cx_doc *doc = &s->docs[r->doc];
            json_t *x = json_object();
            json_object_set_new(x, "outlet", str_or_null(doc->outlet));
            json_object_set_new(x, "article", str_or_null(doc->art->id));
            json_object_set_new(x, "sentence", json_integer(doc->n_sents ? doc->sents[r->sent].pos : 0));
            json_object_set_new(x, "sentence_last", json_integer(doc->n_sents ? doc->sents[r->sent_last].pos : 0));
            json_object_set_new(x, "offset", json_integer((json_int_t)r->in_sent));
            json_array_append_new(src, x);
        }
        json_object_set_new(o, "sources", src);
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *json_entities(const chorus_digest *d)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < d->n_entities; i++) {
        const cx_entity *e = &d->entities[i];
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(e->name));
        json_object_set_new(o, "type", json_string(cx_entity_type_name(e->type)));
        json_object_set_new(o, "role", str_or_null(e->role));
        json_object_set_new(o, "mentions", json_integer((json_int_t)e->mentions));
        json_object_set_new(o, "outlets", outlet_names(&d->story, e->outlets, e->n_outlets));
        json_t *v = json_array();
        for (size_t k = 0; k < e->n_variants; k++)
            if (strcmp(e->variants[k], e->name)) json_array_append_new(v, json_string(e->variants[k]));
        json_object_set_new(o, "variants", v);
        json_array_append_new(arr, o);
    }
    return arr;
}

/* Ten significant digits: the arithmetic of units and hedges leaves noise
 * ("26400.000000000004") a reader should not see. */
static json_t *json_number(double v)
{
    if (!isfinite(v)) return json_null();
    char b[32];
    snprintf(b, sizeof b, "%.10g", v);
    return json_real(strtod(b, NULL));
}

/* One side: its value and interval, and every article stating it. */
static json_t *json_side(const chorus_digest *d, const cx_dis_side *v, int dim)
{
    const cx_story *s = &d->story;
    json_t *o = json_object();
    json_object_set_new(o, "value", json_number(v->value));
    json_t *iv = json_array();
    json_array_append_new(iv, json_number(v->lo));
    json_array_append_new(iv, json_number(v->hi));
    json_object_set_new(o, "interval", iv);
    json_object_set_new(o, "unit", json_string(v->unit));
    json_object_set_new(o, "dimension", json_string(cx_dim_name(dim)));
    json_object_set_new(o, "text", json_string(v->text));
    json_object_set_new(o, "outlets", outlet_names(s, v->outlets, v->n_outlets));
    json_t *src = json_array();
    for (size_t k = 0; k < v->n_facts; k++) {
        const cx_fact *f = &d->facts[v->facts[k]];
        const cx_doc *doc = &s->docs[f->doc];
        const cx_sent *st = &doc->sents[f->sent];
        json_t *so = json_object();
        json_object_set_new(so, "outlet", str_or_null(doc->outlet));
        json_object_set_new(so, "article", str_or_null(doc->art->id));
        char iso[32];
        json_object_set_new(so, "published", str_or_null(cx_published_iso(doc->art, iso, sizeof iso)));
        json_object_set_new(so, "sentence", json_integer(st->pos));
        json_object_set_new(so, "text", json_string(f->text));
        json_object_set_new(so, "sentence_text", json_stringn(st->text, st->len));
        json_array_append_new(src, so);
    }
    json_object_set_new(o, "sources", src);
    return o;
}

static json_t *json_disagreements(const chorus_digest *d)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < d->n_disagreements; i++) {
        const cx_disagreement *x = &d->disagreements[i];
        json_t *o = json_object();
        json_object_set_new(o, "kind", json_string(cx_dis_kind_name(x->kind)));
        json_object_set_new(o, "subject", json_string(x->subject));
        json_object_set_new(o, "dimension", json_string(cx_dim_name(x->dim)));
        json_t *sides = json_array();
        for (size_t k = 0; k < x->n_sides; k++) json_array_append_new(sides, json_side(d, &x->sides[k], x->dim));
        json_object_set_new(o, "sides", sides);
        /* the names of schema 1's first release, kept */
        json_object_set_new(o, "what", json_string(x->subject));
        json_object_set_new(o, "approximate", json_boolean(x->kind == CX_DIS_APPROXIMATE));
        json_object_set_new(o, "values", json_incref(sides));
        json_array_append_new(arr, o);
    }
    return arr;
}

int cx_render_json(const chorus_digest *d, FILE *out)
{
    const cx_story *s = &d->story;
    json_t *root = json_object();
    json_object_set_new(root, "schema", json_string("chorus.digest/1"));
    json_object_set_new(root, "title", str_or_null(d->title));
    json_t *outlets = json_array();
    for (size_t o = 0; o < s->n_outlets; o++) json_array_append_new(outlets, json_string(s->outlets[o]));
    json_object_set_new(root, "outlets", outlets);
    /* the languages the digest read, most articles first */
    json_t *langs = json_array();
    for (size_t i = 0; i < s->n_langs; i++) {
        json_t *lo = json_object();
        size_t given = 0;
        for (size_t k = 0; k < s->n_docs; k++) given += s->docs[k].lang == s->langs[i] && s->docs[k].lang_given;
        json_object_set_new(lo, "code", json_string(cx_lang_code(s->langs[i])));
        json_object_set_new(lo, "name", json_string(cx_lang_name(s->langs[i])));
        json_object_set_new(lo, "articles", json_integer((json_int_t)s->lang_docs[i]));
        json_object_set_new(lo, "given", json_integer((json_int_t)given));
        json_object_set_new(lo, "language_data", json_boolean(cx_lang_has_data(s->langs[i])));
        json_array_append_new(langs, lo);
    }
    json_object_set_new(root, "languages", langs);
    json_t *arts = json_array();
    for (size_t k = 0; k < s->n_docs; k++) {
        const cx_doc *doc = &s->docs[k];
        json_t *a = json_object();
        json_object_set_new(a, "id", str_or_null(doc->art->id));
        json_object_set_new(a, "outlet", str_or_null(doc->outlet));
        json_object_set_new(a, "title", str_or_null(doc->title));
        json_object_set_new(a, "url", str_or_null(doc->art->url));
        char iso[32];
        json_object_set_new(a, "published", str_or_null(cx_published_iso(doc->art, iso, sizeof iso)));
        json_object_set_new(a, "published_text", str_or_null(doc->art->published));
        json_object_set_new(a, "origin", str_or_null(doc->art->origin));
        json_object_set_new(a, "language", json_string(cx_lang_code(cx_story_lang(s, (int)k))));
        json_t *sents = json_array();
        for (size_t k2 = 0; k2 < doc->n_sents; k2++)
            json_array_append_new(sents, json_stringn(doc->sents[k2].text, doc->sents[k2].len));
        json_object_set_new(a, "sentences", sents);
        json_object_set_new(a, "duplicate_of",
                            doc->duplicate_of >= 0 ? str_or_null(s->docs[doc->duplicate_of].art->id) : json_null());
        json_array_append_new(arts, a);
    }
    json_object_set_new(root, "articles", arts);
    json_t *summary = json_array();
    for (size_t i = 0; i < d->n_items; i++) {
        const cx_digest_item *it = &d->items[i];
        const cx_doc *doc = &s->docs[it->ref.doc];
        const cx_sent *st = &doc->sents[it->ref.sent];
        json_t *o = json_object();
        size_t tl;
        const char *t = cx_digest_item_text(d, i, &tl);
        json_object_set_new(o, "text", json_stringn(t, tl));
        /* with --compress, the sentence as the article has it */
        json_object_set_new(o, "verbatim", json_stringn(st->text, st->len));
        json_object_set_new(o, "article", str_or_null(doc->art->id));
        json_object_set_new(o, "sentence", json_integer(st->pos));
        json_t *ol = json_array();
        for (size_t k = 0; k < it->n_outlets; k++) json_array_append_new(ol, json_string(s->outlets[it->outlets[k]]));
        json_object_set_new(o, "outlets", ol);
        json_array_append_new(summary, o);
    }
    json_object_set_new(root, "summary", summary);
    json_object_set_new(root, "summary_words", json_integer((json_int_t)d->summary_words));
    json_t *focus = json_null();
    if (d->focus) {
        focus = json_object();
        json_object_set_new(focus, "question", json_string(d->focus));
        json_object_set_new(focus, "used", json_boolean(d->focus_used));
        json_object_set_new(focus, "terms", json_integer((json_int_t)d->info.focus_terms));
        json_object_set_new(focus, "terms_found", json_integer((json_int_t)d->info.focus_terms_found));
    }
    json_object_set_new(root, "focus", focus);
    json_t *update = json_null();
    if (d->update) {
        update = json_object();
        json_object_set_new(update, "seen_articles", json_integer((json_int_t)d->seen_articles));
        json_object_set_new(update, "seen_sentences", json_integer((json_int_t)d->info.seen_sentences));
        json_object_set_new(update, "known_sentences", json_integer((json_int_t)d->info.known_candidates));
        json_object_set_new(update, "nothing_new", json_boolean(d->nothing_new));
    }
    json_object_set_new(root, "update", update);
    json_object_set_new(root, "note", d->note[0] ? json_string(d->note) : json_null());
    json_object_set_new(root, "quotes", json_quotes(d));
    json_object_set_new(root, "skipped_quotes", cx_skipped_quotes_json(d));
    json_object_set_new(root, "entities", json_entities(d));
    json_object_set_new(root, "disagreements", json_disagreements(d));
    json_t *timeline = json_array();
    static const char *const kinds[] = {"stated", "weekday", "relative"};
    for (size_t i = 0; i < d->n_timeline; i++) {
        const cx_timeline_entry *e = &d->timeline[i];
        const cx_doc *doc = &s->docs[e->doc];
        const cx_sent *st = &doc->sents[e->sent];
        char day[16];
        cx_day_format(e->day, day, sizeof day);
        json_t *o = json_object();
        json_object_set_new(o, "date", json_string(day));
        json_object_set_new(o, "date_text", json_stringn(st->text + e->date_start, e->date_len));
        json_object_set_new(o, "date_kind", json_string(kinds[e->kind]));
        json_object_set_new(o, "estimated", json_boolean(e->estimated));
        json_object_set_new(o, "text", json_stringn(st->text, st->len));
        json_object_set_new(o, "article", str_or_null(doc->art->id));
        json_object_set_new(o, "sentence", json_integer(st->pos));
        json_t *ol = json_array();
        for (size_t k = 0; k < e->n_outlets; k++) json_array_append_new(ol, json_string(s->outlets[e->outlets[k]]));
        json_object_set_new(o, "outlets", ol);
        json_array_append_new(timeline, o);
    }
    json_object_set_new(root, "timeline", timeline);
    dropped_ctx dc = {json_array()};
    cx_digest_each_dropped(d, add_dropped, &dc);
    json_object_set_new(root, "dropped", dc.arr);
    json_t *skipped = json_array();
    for (size_t k = 0; d->corpus && k < d->corpus->n_skipped; k++) {
        json_t *o = json_object();
        json_object_set_new(o, "input", json_string(d->corpus->skipped[k].origin));
        json_object_set_new(o, "reason", json_string(d->corpus->skipped[k].reason));
        json_object_set_new(o, "not_articles", json_boolean(d->corpus->skipped[k].note));
        json_array_append_new(skipped, o);
    }
    json_object_set_new(root, "skipped", skipped);
    int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII * 0);
    fputc('\n', out);
    json_decref(root);
    return rc ? -1 : 0;
}
