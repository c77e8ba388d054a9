/* Plain-text digest: a compact one for a terminal or an e-mail. The title,
 * the summary with the outlets carrying each sentence, where outlets differ
 * (one line per disagreement: value - outlets vs value - outlets) and the
 * sources (outlet, date, title, address), so a reader can check a sentence
 * against its article. No markup: every string from an article goes through
 * chorus_fput_visible, one field a line. */
#include <stdlib.h>
#include <string.h>

#include "render.h"

static void put(FILE *out, const char *s)
{
    if (s) chorus_fput_visible(out, s, strlen(s), 0);
}

/* "Reuters, AP": outlet indices of the story. */
static void outlets(FILE *out, const cx_story *s, const int *o, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i) fputs(", ", out);
        put(out, s->outlets[o[i]]);
    }
}

/* The span of publication times of the reports, when any is known. */
static void date_range(FILE *out, const cx_story *s)
{
    int lo = -1, hi = -1;
    for (size_t k = 0; k < s->n_docs; k++) {
        int64_t t = s->docs[k].art->published_unix;
        if (t == INT64_MIN) continue;
        if (lo < 0 || t < s->docs[lo].art->published_unix) lo = (int)k;
        if (hi < 0 || t > s->docs[hi].art->published_unix) hi = (int)k;
    }
    if (lo < 0) return;
    char a[32], b[32];
    const char *first = cx_published_iso(s->docs[lo].art, a, sizeof a);
    const char *last = cx_published_iso(s->docs[hi].art, b, sizeof b);
    fputs("Published ", out);
    put(out, first);
    if (strcmp(first, last)) fputs(" to ", out), put(out, last);
    fputc('\n', out);
}

/* One line per disagreement: kind, subject, then each value with the
 * outlets that state it. */
static void disagreements(FILE *out, const chorus_digest *d)
{
    if (!d->n_disagreements) return;
    fputs("\nWHERE OUTLETS DIFFER\n", out);
    for (size_t i = 0; i < d->n_disagreements; i++) {
        const cx_disagreement *x = &d->disagreements[i];
        fprintf(out, "%-11s ", cx_dis_kind_name(x->kind));
        put(out, x->subject);
        fputs(": ", out);
        for (size_t k = 0; k < x->n_sides; k++) {
            const cx_dis_side *v = &x->sides[k];
            if (k) fputs(x->kind == CX_DIS_UPDATE ? " then " : " vs ", out);
            put(out, v->text);
            fputs(" - ", out);
            outlets(out, &d->story, v->outlets, v->n_outlets);
        }
        fputc('\n', out);
    }
}

static void sources(FILE *out, const cx_story *s)
{
    fputs("\nSOURCES\n", out);
    for (size_t k = 0; k < s->n_docs; k++) {
        const cx_doc *doc = &s->docs[k];
        fprintf(out, "%zu. ", k + 1);
        put(out, doc->outlet ? doc->outlet : "?");
        char iso[32];
        const char *when = cx_published_iso(doc->art, iso, sizeof iso);
        if (when) fputs(", ", out), put(out, when);
        fputs(": ", out);
        put(out, doc->title ? doc->title : "(untitled)");
        if (doc->duplicate_of >= 0) fprintf(out, " (copy of %d)", doc->duplicate_of + 1);
        fputc('\n', out);
        if (doc->art->url && *doc->art->url) fputs("   ", out), put(out, doc->art->url), fputc('\n', out);
    }
}

int cx_render_text(const chorus_digest *d, FILE *out)
{
    const cx_story *s = &d->story;
    put(out, d->title ? d->title : "Untitled story");
    fputc('\n', out);
    fprintf(out, "%zu article%s from %zu outlet%s\n", s->n_docs, s->n_docs == 1 ? "" : "s", s->n_outlets,
            s->n_outlets == 1 ? "" : "s");
    date_range(out, s);
    if (d->focus) fputs("Question: ", out), put(out, d->focus), fputc('\n', out);
    if (d->update)
        fprintf(out, "Update for a reader of %zu earlier report%s: only what they do not already say\n",
                d->seen_articles, d->seen_articles == 1 ? "" : "s");
    if (d->note[0]) fputs("Note: ", out), put(out, d->note), fputc('\n', out);
    fputs("\nSUMMARY\n", out);
    if (!d->n_items) fputs(d->nothing_new ? "Nothing new.\n" : "No sentence could be selected.\n", out);
    for (size_t i = 0; i < d->n_items; i++) {
        size_t len;
        const char *t = cx_digest_item_text(d, i, &len);
        fputs("- ", out);
        chorus_fput_visible(out, t, len, 0);
        fputs(" [", out);
        outlets(out, s, d->items[i].outlets, d->items[i].n_outlets);
        fputs("]\n", out);
    }
    disagreements(out, d);
    sources(out, s);
    return 0;
}
