/* Markdown digest: for people reading in a terminal or a notes app. */
#include <stdlib.h>
#include <string.h>

#include "render.h"

#define CX_MD_MAX_ENTITIES 15

/* Article text may hold Markdown syntax; escape what would change the layout. */
static void md_escape(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_[]<>|#", *s)) fputc('\\', out);
        fputc(*s, out);
    }
}

/* The length of "W via " when label is wire copy W carried by an outlet. */
static size_t wire_prefix(const char *label)
{
    const char *v = strstr(label, " via ");
    return v ? (size_t)(v - label) + 5 : 0;
}

/* Outlets, wire copy of one agency grouped: "Reuters via Yahoo and MSN". */
static void outlet_list(FILE *out, const cx_story *s, const int *o, size_t n)
{
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        const char *li = s->outlets[o[i]];
        size_t w = wire_prefix(li);
        int done = 0; /* printed with an earlier outlet of the same agency */
        for (size_t j = 0; w && j < i && !done; j++)
            done = wire_prefix(s->outlets[o[j]]) == w && !strncmp(s->outlets[o[j]], li, w);
        if (done) continue;
        if (!first) fputs(", ", out);
        first = 0;
        md_escape(out, li);
        size_t more = 0;
        for (size_t j = i + 1; w && j < n; j++)
            more += wire_prefix(s->outlets[o[j]]) == w && !strncmp(s->outlets[o[j]], li, w);
        for (size_t j = i + 1; more && j < n; j++) {
            const char *lj = s->outlets[o[j]];
            if (wire_prefix(lj) != w || strncmp(lj, li, w)) continue;
            fputs(--more ? ", " : " and ", out);
            md_escape(out, lj + w);
        }
    }
}

typedef struct {
    FILE *out;
    const char *reasons[32];
    size_t counts[32];
    size_t n;
} reason_tally;

static void tally(const cx_doc *doc, const cx_para *p, void *ctx)
{
    (void)doc;
    reason_tally *t = ctx;
    for (size_t i = 0; i < t->n; i++)
        if (t->reasons[i] == p->drop_reason) {
            t->counts[i]++;
            return;
        }
    if (t->n < 32) t->reasons[t->n] = p->drop_reason, t->counts[t->n++] = 1;
}

/* Quotes merged across outlets, then the names most outlets mention. */
static void render_md_quotes_entities(const chorus_digest *d, FILE *out)
{
    const cx_story *s = &d->story;
    if (d->n_quotes) fputs("\n## Quotes\n\n", out);
    for (size_t i = 0; i < d->n_quotes; i++) {
        const cx_quote *q = &d->quotes[i];
        fputs("- \u201c", out);
        md_escape(out, q->text);
        fputs("\u201d \u2014 ", out);
        md_escape(out, q->speaker ? q->speaker : "unattributed");
        if (q->role) fputs(", ", out), md_escape(out, q->role);
        fputs(" [", out);
        outlet_list(out, s, q->outlets, q->n_outlets);
        fputs("]\n", out);
    }
    size_t shown = 0;
    for (size_t i = 0; i < d->n_entities && shown < CX_MD_MAX_ENTITIES; i++) {
        const cx_entity *e = &d->entities[i];
        if (e->n_outlets < 2 && s->n_outlets > 1) continue; /* one outlet's detail */
        if (!shown++) fputs("\n## People and organisations\n\n", out);
        fputs("- ", out);
        md_escape(out, e->name);
        if (e->role) fputs(" (", out), md_escape(out, e->role), fputc(')', out);
        fprintf(out, ", %s, %zu mention%s [", cx_entity_type_name(e->type), e->mentions, e->mentions == 1 ? "" : "s");
        outlet_list(out, s, e->outlets, e->n_outlets);
        fputs("]\n", out);
    }
    if (d->n_disagreements) fputs("\n## Where outlets differ\n\n", out);
    for (size_t i = 0; i < d->n_disagreements; i++) {
        const cx_disagreement *x = &d->disagreements[i];
        fputs("- ", out);
        md_escape(out, x->what);
        fputs(": ", out);
        for (size_t k = 0; k < x->n_values; k++) {
            if (k) fputs(" vs ", out);
            fputs("\u201c", out);
            md_escape(out, x->values[k].text);
            fputs("\u201d [", out);
            outlet_list(out, s, x->values[k].outlets, x->values[k].n_outlets);
            fputc(']', out);
        }
        if (x->approximate) fputs(" (approximate figures, close to each other)", out);
        fputc('\n', out);
    }
}

int cx_render_markdown(const chorus_digest *d, FILE *out)
{
    const cx_story *s = &d->story;
    fputs("# ", out);
    md_escape(out, d->title ? d->title : "Untitled story");
    fputs("\n\n", out);
    fprintf(out, "%zu article%s from %zu outlet%s: ", s->n_docs, s->n_docs == 1 ? "" : "s", s->n_outlets,
            s->n_outlets == 1 ? "" : "s");
    int *all = malloc((s->n_outlets + 1) * sizeof *all);
    for (size_t o = 0; all && o < s->n_outlets; o++) all[o] = (int)o;
    if (all) outlet_list(out, s, all, s->n_outlets);
    free(all);
    fputs("\n\n## Summary\n\n", out);
    if (!d->n_items) fputs("No sentence could be selected.\n", out);
    for (size_t i = 0; i < d->n_items; i++) {
        const cx_digest_item *it = &d->items[i];
        fputs("- ", out);
        size_t len;
        md_escape(out, cx_digest_item_text(d, i, &len));
        fputs(" [", out);
        outlet_list(out, s, it->outlets, it->n_outlets);
        fputs("]\n", out);
    }
    render_md_quotes_entities(d, out);
    size_t dups = 0;
    for (size_t k = 0; k < s->n_docs; k++) dups += s->docs[k].duplicate_of >= 0;
    reason_tally t = {.out = out};
    cx_digest_each_dropped(d, tally, &t);
    size_t dropped = 0;
    for (size_t i = 0; i < t.n; i++) dropped += t.counts[i];
    fputs("\n## Dropped\n\n", out);
    fprintf(out, "%zu line%s dropped as boilerplate or noise", dropped, dropped == 1 ? "" : "s");
    for (size_t i = 0; i < t.n; i++) fprintf(out, "%s%zu %s", i ? "; " : ": ", t.counts[i], t.reasons[i]);
    fputs(".\n", out);
    if (dups) {
        fprintf(out, "%zu duplicate article%s:\n", dups, dups == 1 ? "" : "s");
        for (size_t k = 0; k < s->n_docs; k++)
            if (s->docs[k].duplicate_of >= 0) {
                fputs("- ", out);
                md_escape(out, s->docs[k].art->origin ? s->docs[k].art->origin : s->docs[k].outlet);
                fputs(" copies ", out);
                const cx_doc *o = &s->docs[s->docs[k].duplicate_of];
                md_escape(out, o->art->origin ? o->art->origin : o->outlet);
                fprintf(out, " (resemblance %.2f)\n", s->docs[k].duplicate_similarity);
            }
    }
    if (d->corpus && d->corpus->n_skipped) {
        size_t notes = 0;
        for (size_t k = 0; k < d->corpus->n_skipped; k++) notes += d->corpus->skipped[k].note != 0;
        size_t failed = d->corpus->n_skipped - notes;
        if (failed) fprintf(out, "%zu input%s skipped:\n", failed, failed == 1 ? "" : "s");
        for (int pass = 0; pass < 2; pass++) {
            if (pass == 1 && notes) fputs("Records that are not articles:\n", out);
            for (size_t k = 0; k < d->corpus->n_skipped; k++) {
                if ((d->corpus->skipped[k].note != 0) != pass) continue;
                fputs("- ", out);
                md_escape(out, d->corpus->skipped[k].origin);
                fputs(": ", out);
                md_escape(out, d->corpus->skipped[k].reason);
                fputc('\n', out);
            }
        }
    }
    return 0;
}
