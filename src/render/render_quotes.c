/* The quotations of a digest as JSON lines (chorus quotes): one object a
 * quote, with its speaker, role, outlets and where each outlet said it. */
#include <jansson.h>
#include <stdio.h>

#include "render.h"
#include "util.h"

static json_t *str_or_null_(const char *s) { return s ? json_string(s) : json_null(); }

/* Quoted spans that are no quotes, each with why (scare quotes, titles,
 * marks never closed, hostile input): nothing is dropped silently. */
json_t *cx_skipped_quotes_json(const chorus_digest *d)
{
    const cx_story *s = &d->story;
    json_t *arr = json_array();
    for (size_t i = 0; i < d->n_skipped_quotes; i++) {
        const cx_quote_skipped *q = &d->skipped_quotes[i];
        const cx_doc *doc = &s->docs[q->src.doc];
        json_t *o = json_object();
        json_object_set_new(o, "text", json_string(q->text));
        json_object_set_new(o, "reason", json_string(cx_quote_skip_reason(q->skip)));
        json_object_set_new(o, "outlet", str_or_null_(doc->outlet));
        json_object_set_new(o, "article", str_or_null_(doc->art->id));
        json_object_set_new(o, "sentence", json_integer(doc->n_sents ? doc->sents[q->src.sent].pos : 0));
        json_object_set_new(o, "offset", json_integer((json_int_t)q->src.in_sent));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *quote_object(const chorus_digest *d, const cx_quote *q)
{
    const cx_story *s = &d->story;
    json_t *o = json_object();
    json_object_set_new(o, "quote", json_string(q->text));
    json_object_set_new(o, "speaker", q->speaker ? json_string(q->speaker) : json_null());
    json_object_set_new(o, "role", q->role ? json_string(q->role) : json_null());
    json_t *ol = json_array();
    for (size_t k = 0; k < q->n_outlets; k++) json_array_append_new(ol, json_string(s->outlets[q->outlets[k]]));
    json_object_set_new(o, "outlets", ol);
    json_t *src = json_array();
    for (size_t k = 0; k < q->n_src; k++) {
        const cx_quote_src *r = &q->src[k];
        const cx_doc *doc = &s->docs[r->doc];
        json_t *x = json_object();
        json_object_set_new(x, "outlet", doc->outlet ? json_string(doc->outlet) : json_null());
        json_object_set_new(x, "article", doc->art->id ? json_string(doc->art->id) : json_null());
        json_object_set_new(x, "sentence", json_integer(doc->n_sents ? doc->sents[r->sent].pos : 0));
        json_object_set_new(x, "sentence_last", json_integer(doc->n_sents ? doc->sents[r->sent_last].pos : 0));
        json_object_set_new(x, "offset", json_integer((json_int_t)r->in_sent));
        json_array_append_new(src, x);
    }
    json_object_set_new(o, "sources", src);
    return o;
}

static int print_quote(const chorus_digest *d, const cx_quote *q, FILE *out)
{
    json_t *o = quote_object(d, q);
    int rc = json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(o);
    return rc;
}

int chorus_digest_render_quotes(const chorus_digest *d, FILE *out, chorus_error *err)
{
    for (size_t i = 0; i < d->n_quotes; i++)
        if (print_quote(d, &d->quotes[i], out) || ferror(out))
            return cx_fail(err, CHORUS_EIO, "could not write the quotes");
    return 0;
}

int chorus_digest_render_quotes_json(const chorus_digest *d, FILE *out, chorus_error *err)
{
    json_t *root = json_object();
    json_t *arr = json_array();
    for (size_t i = 0; i < d->n_quotes; i++) json_array_append_new(arr, quote_object(d, &d->quotes[i]));
    json_object_set_new(root, "quotes", arr);
    json_object_set_new(root, "skipped_quotes", cx_skipped_quotes_json(d));
    int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (rc || fputc('\n', out) == EOF || ferror(out)) return cx_fail(err, CHORUS_EIO, "could not write the quotes");
    return 0;
}
