/* Markdown digest: for people reading in a terminal or a notes app. */
#include <stdlib.h>
#include <string.h>

#include "html_escape.h"
#include "render.h"
#include "util.h"

#define CX_MD_MAX_ENTITIES 15

/* Article text may hold Markdown syntax; escape what would change the
 * layout. Control characters (terminal escapes, line breaks) are made
 * visible: every field here is printed on one line. */
/* Markdown's own characters get a backslash (and a NUL byte, as strchr
 * finds the list's end); the text between them is written in one piece. */
static void md_put(const char *p, size_t n, void *ctx)
{
    static const unsigned char special[256] = {[0] = 1,   ['\\'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1, ['['] = 1,
                                               [']'] = 1, ['<'] = 1,  ['>'] = 1, ['|'] = 1, ['#'] = 1};
    FILE *out = ctx;
    size_t from = 0;
    for (size_t i = 0; i < n; i++)
        if (special[(unsigned char)p[i]]) {
            if (i > from) fwrite(p + from, 1, i - from, out);
            fputc('\\', out);
            from = i;
        }
    if (n > from) fwrite(p + from, 1, n - from, out);
}

static void md_escape(FILE *out, const char *s)
{
    chorus_visible(s, strlen(s), 0, md_put, out);
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

/* "2026-03-03": the day of the normalised publication time (render.h),
 * else the date as given. */
static void md_date(FILE *out, const chorus_article *a)
{
    char iso[32];
    const char *published = cx_published_iso(a, iso, sizeof iso);
    if (!published || !*published) return;
    size_t n = strlen(published);
    if (n >= 10 && published[4] == '-' && published[7] == '-') n = 10;
    fputs(" (", out);
    for (size_t i = 0; i < n; i++) {
        if (strchr("\\`*_[]<>|#", published[i])) fputc('\\', out);
        fputc(published[i], out);
    }
    fputc(')', out);
}

/* One side: the value as written, every outlet stating it with its date,
 * and the sentence of its first article. */
static void md_side(FILE *out, const chorus_digest *d, const cx_dis_side *v)
{
    const cx_story *s = &d->story;
    fputs("  - \u201c", out);
    md_escape(out, v->text);
    fputs("\u201d: ", out);
    for (size_t k = 0; k < v->n_facts; k++) {
        const cx_doc *doc = &s->docs[d->facts[v->facts[k]].doc];
        int dup = 0;
        for (size_t j = 0; j < k && !dup; j++) dup = d->facts[v->facts[j]].doc == d->facts[v->facts[k]].doc;
        if (dup) continue;
        if (k) fputs(", ", out);
        md_escape(out, doc->outlet ? doc->outlet : "?");
        md_date(out, doc->art);
    }
    const cx_fact *f = &d->facts[v->facts[0]];
    const cx_sent *st = &s->docs[f->doc].sents[f->sent];
    char *sent = cx_strndup(st->text, st->len);
    if (sent) {
        fputs(" \u2014 \u201c", out);
        md_escape(out, sent);
        fputs("\u201d", out);
        free(sent);
    }
    fputc('\n', out);
}

/* Disagreements grouped by kind: what a reader must not miss first. */
static void render_disagreements(const chorus_digest *d, FILE *out)
{
    if (!d->n_disagreements) return;
    fputs("\n## Where outlets differ\n", out);
    static const char *const heads[] = {"", "Conflicting reports (cannot both be true)",
                                        "Updated over time (earliest first)",
                                        "Approximate figures (hedged or rounded, not a conflict)"};
    for (int kind = CX_DIS_CONFLICT; kind <= CX_DIS_APPROXIMATE; kind++) {
        int any = 0;
        for (size_t i = 0; i < d->n_disagreements; i++) {
            const cx_disagreement *x = &d->disagreements[i];
            if (x->kind != kind) continue;
            if (!any) fprintf(out, "\n### %s\n\n", heads[kind]);
            any = 1;
            fputs("- ", out);
            md_escape(out, x->subject);
            fputs(":\n", out);
            for (size_t k = 0; k < x->n_sides; k++) md_side(out, d, &x->sides[k]);
        }
    }
}

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
    render_disagreements(d, out);
}

/* Dated events in order: the day, the sentence that tells it, its outlets. */
static void render_md_timeline(const chorus_digest *d, FILE *out)
{
    const cx_story *s = &d->story;
    if (d->n_timeline) fputs("\n## Timeline\n\n", out);
    for (size_t i = 0; i < d->n_timeline; i++) {
        const cx_timeline_entry *e = &d->timeline[i];
        char day[16];
        cx_day_format(e->day, day, sizeof day);
        fprintf(out, "- **%s**%s: ", day, e->estimated ? " (about)" : "");
        md_escape(out, s->docs[e->doc].sents[e->sent].text);
        fputs(" [", out);
        outlet_list(out, s, e->outlets, e->n_outlets);
        fputs("]\n", out);
    }
}

/* Every report, so a reader can check a sentence against its article:
 * outlet, title, date (ISO 8601) and address. */
static void render_md_sources(const chorus_digest *d, FILE *out)
{
    const cx_story *s = &d->story;
    fputs("\n## Sources\n\n", out);
    for (size_t k = 0; k < s->n_docs; k++) {
        const cx_doc *doc = &s->docs[k];
        fputs("- ", out);
        md_escape(out, doc->outlet ? doc->outlet : "?");
        fputs(": ", out);
        md_escape(out, doc->title ? doc->title : "(untitled)");
        char iso[32];
        const char *when = cx_published_iso(doc->art, iso, sizeof iso);
        if (when) fputs(", ", out), md_escape(out, when);
        const char *url = doc->art->url;
        /* an address a reader can follow; anything else is shown as text */
        if (cx_html_safe_url(url) && !strpbrk(url, "<>")) fprintf(out, " <%s>", url);
        else if (url) fputs(" ", out), md_escape(out, url);
        if (doc->duplicate_of >= 0) fputs(" (copy)", out);
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
    /* the languages read; one without word lists is said to be read neutrally */
    fputs(s->n_langs > 1 ? "\n\nLanguages: " : "\n\nLanguage: ", out);
    for (size_t i = 0; i < s->n_langs; i++) {
        if (i) fputs(", ", out);
        md_escape(out, cx_lang_name(s->langs[i]));
        if (s->n_langs > 1) fprintf(out, " (%zu)", s->lang_docs[i]);
        if (!cx_lang_has_data(s->langs[i])) fputs(" (no language data: read language-neutrally)", out);
    }
    fputs("\n\n", out);
    if (d->focus) {
        fputs("**Question:** ", out);
        md_escape(out, d->focus);
        fputs("\n\n", out);
    }
    if (d->update)
        fprintf(out, "_Update for a reader of %zu earlier report%s: only what they do not already say._\n\n", d->seen_articles,
                d->seen_articles == 1 ? "" : "s");
    if (d->note[0]) {
        fputs("_Note: ", out);
        md_escape(out, d->note);
        fputs("._\n\n", out);
    }
    fputs("## Summary\n\n", out);
    if (!d->n_items) fputs(d->nothing_new ? "Nothing new.\n" : "No sentence could be selected.\n", out);
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
    render_md_timeline(d, out);
    size_t dups = 0;
    for (size_t k = 0; k < s->n_docs; k++) dups += s->docs[k].duplicate_of >= 0;
    reason_tally t = {.out = out};
    cx_digest_each_dropped(d, tally, &t);
    size_t dropped = 0;
    for (size_t i = 0; i < t.n; i++) dropped += t.counts[i];
    render_md_sources(d, out);
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
