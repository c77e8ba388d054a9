/* HTML digest: one self-contained page for people (inline CSS, no external
 * fetch, readable without JavaScript, on a phone and in print). Every string
 * that came from an article is escaped for where it lands (html_escape.h).
 *
 * Each outlet credit is a link: to the article's address when it has a safe
 * one, else to an anchor in "Sources" where the article's cleaned text is. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render.h"
#include "html_escape.h"
#include "render_html.h"

#define CX_HTML_MAX_ENTITIES 40
#define CX_HTML_MAX_DROPPED_SHOWN 500 /* dropped paragraphs listed one by one */

static const char page_css[] =
    ":root{--fg:#1b1b1b;--mute:#5a5a5a;--line:#d8d8d8;--bg:#fff;--tint:#f4f6f8;--acc:#0b57a4}"
    "*{box-sizing:border-box}"
    "body{margin:0;background:var(--bg);color:var(--fg);font:1rem/1.55 system-ui,-apple-system,"
    "'Segoe UI',Roboto,'DejaVu Sans',sans-serif}"
    "main{max-width:48rem;margin:0 auto;padding:1rem}"
    "nav{max-width:48rem;margin:0 auto;padding:.5rem 1rem;border-bottom:1px solid var(--line)}"
    "nav a{margin-right:1rem}"
    "h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}"
    "h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line)}"
    "h3{font-size:1rem;margin:1rem 0 .25rem}"
    "a{color:var(--acc)}"
    ".meta{color:var(--mute);margin:.25rem 0}"
    ".note{background:var(--tint);padding:.5rem .75rem;border-left:3px solid var(--acc)}"
    ".summary li{margin:.5rem 0}"
    ".cr{font-size:.85rem;color:var(--mute);white-space:normal}"
    ".cr a{white-space:nowrap}"
    "blockquote{margin:.25rem 0 .5rem;padding:.1rem .75rem;border-left:3px solid var(--line)}"
    ".diff{display:flex;flex-wrap:wrap;gap:.5rem;margin:.25rem 0 1rem}"
    ".side{flex:1 1 12rem;background:var(--tint);padding:.5rem .75rem;border-radius:4px}"
    ".side b{display:block;font-size:1.1rem}"
    "td.d{white-space:nowrap}"
    "table{border-collapse:collapse;width:100%;font-size:.9rem}"
    ".wide{overflow-x:auto}"
    "td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}"
    "details{margin:.5rem 0}"
    "summary{cursor:pointer;color:var(--acc)}"
    ".src{margin:1rem 0;padding-top:.5rem;border-top:1px solid var(--line)}"
    ".src p{margin:.4rem 0}"
    ".drop{color:var(--mute);font-size:.85rem}"
    ":target{background:#fff7d6}"
    "@media print{nav{display:none}main{max-width:none}"
    "a[href^=\"http\"]::after{content:\" <\" attr(href) \">\";font-size:.75rem;word-break:break-all}"
    "h2{break-after:avoid}li,blockquote,.side{break-inside:avoid}}";

/* Open every collapsed section before printing: the page reads without it. */
static const char page_script[] =
    "addEventListener('beforeprint',function(){"
    "document.querySelectorAll('details').forEach(function(d){d.open=true})});";

/* ---- small pieces ---------------------------------------------------- */

static void iso_date(FILE *out, int64_t t, int with_time)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm)) return;
    char buf[40];
    strftime(buf, sizeof buf, with_time ? "%Y-%m-%d %H:%M UTC" : "%Y-%m-%d", &tm);
    fputs(buf, out);
}

/* The report of outlet o that best stands for a credit: `prefer` when it
 * is that outlet's, else its first original report, else any. */
static int doc_of_outlet(const cx_story *s, int o, int prefer)
{
    if (prefer >= 0 && (size_t)prefer < s->n_docs && s->doc_outlet[prefer] == o) return prefer;
    int any = -1;
    for (size_t k = 0; k < s->n_docs; k++)
        if (s->doc_outlet[k] == o) {
            if (s->docs[k].duplicate_of < 0) return (int)k;
            if (any < 0) any = (int)k;
        }
    return any;
}

static void article_href(FILE *out, const cx_story *s, int doc)
{
    const char *url = s->docs[doc].art->url;
    if (cx_html_safe_url(url)) cx_html_puts(out, url);
    else fprintf(out, "#a%d", doc);
}

/* " — AFP, Reuters" as links; `prefer` is the report the text came from. */
static void credits(FILE *out, const cx_story *s, const int *o, size_t n, int prefer)
{
    fputs("<span class=\"cr\">\u2014 ", out);
    for (size_t i = 0; i < n; i++) {
        if (i) fputs(", ", out);
        int doc = doc_of_outlet(s, o[i], prefer);
        if (doc < 0) {
            fputc(' ', out);
            cx_html_puts(out, s->outlets[o[i]]);
            continue;
        }
        fputs("<a class=\"credit\" href=\"", out);
        article_href(out, s, doc);
        fputs("\">", out);
        cx_html_puts(out, s->outlets[o[i]]);
        fputs("</a>", out);
    }
    fputs("</span>", out);
}

/* ---- sections ------------------------------------------------------- */

static void header(const chorus_digest *d, const cx_html_page *pg, FILE *out)
{
    const cx_story *s = &d->story;
    fputs("<header><h1>", out);
    cx_html_puts(out, d->title ? d->title : "Untitled story");
    fputs("</h1>", out);
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (size_t k = 0; k < s->n_docs; k++) {
        int64_t t = s->docs[k].art->published_unix;
        if (t == INT64_MIN) continue;
        if (t < lo) lo = t;
        if (t > hi) hi = t;
    }
    if (hi != INT64_MIN) {
        fputs("<p class=\"meta\">", out);
        iso_date(out, lo, 0);
        if (hi - lo >= 86400 || (lo / 86400 != hi / 86400)) fputs(" \u2013 ", out), iso_date(out, hi, 0);
        fputs("</p>", out);
    }
    fprintf(out, "<p class=\"meta\">%zu article%s from %zu outlet%s: ", s->n_docs, s->n_docs == 1 ? "" : "s",
            s->n_outlets, s->n_outlets == 1 ? "" : "s");
    for (size_t o = 0; o < s->n_outlets; o++) {
        if (o) fputs(", ", out);
        cx_html_puts(out, s->outlets[o]);
    }
    fputs("</p>", out);
    if (pg && pg->note) {
        fputs("<p class=\"note\">", out);
        cx_html_puts(out, pg->note);
        fputs("</p>", out);
    }
    fputs("</header>\n", out);
}

static void summary(const chorus_digest *d, FILE *out)
{
    fputs("<section id=\"summary\"><h2>Summary</h2>", out);
    if (!d->n_items) fputs("<p>No sentence could be selected.</p>", out);
    else fputs("<ol class=\"summary\">", out);
    for (size_t i = 0; i < d->n_items; i++) {
        const cx_digest_item *it = &d->items[i];
        size_t len;
        const char *t = cx_digest_item_text(d, i, &len);
        fputs("<li><span class=\"sent\">", out);
        cx_html_escape(out, t, len);
        fputs("</span> ", out);
        credits(out, &d->story, it->outlets, it->n_outlets, it->ref.doc);
        fputs("</li>\n", out);
    }
    if (d->n_items) fputs("</ol>", out);
    fputs("</section>\n", out);
}

static int same(const char *a, const char *b) { return (!a && !b) || (a && b && !strcmp(a, b)); }

/* Quotes under their speaker, speakers in the order of their first quote
 * (the digest orders quotes by how many outlets carry them). */
static void quotes(const chorus_digest *d, FILE *out)
{
    if (!d->n_quotes) return;
    fputs("<section id=\"quotes\"><h2>Quotes</h2>", out);
    char *done = calloc(d->n_quotes, 1);
    for (size_t i = 0; i < d->n_quotes; i++) {
        if (done && done[i]) continue;
        const cx_quote *q = &d->quotes[i];
        fputs("<div class=\"speaker\"><h3>", out);
        cx_html_puts(out, q->speaker ? q->speaker : "Unattributed");
        if (q->role) fputs(" <small>", out), cx_html_puts(out, q->role), fputs("</small>", out);
        fputs("</h3>", out);
        for (size_t j = i; j < d->n_quotes; j++) {
            const cx_quote *r = &d->quotes[j];
            if ((done && done[j]) || !same(r->speaker, q->speaker)) continue;
            if (done) done[j] = 1;
            fputs("<blockquote><span class=\"quote\">\u201c", out);
            cx_html_puts(out, r->text);
            fputs("\u201d</span> ", out);
            credits(out, &d->story, r->outlets, r->n_outlets, r->n_src ? r->src[0].doc : -1);
            fputs("</blockquote>\n", out);
            if (!done) break;
        }
        fputs("</div>", out);
    }
    free(done);
    fputs("</section>\n", out);
}

static const char *kind_heading(int kind)
{
    switch (kind) {
    case CX_DIS_CONFLICT: return "Conflicting reports";
    case CX_DIS_UPDATE: return "Updated over time (earliest first)";
    case CX_DIS_APPROXIMATE: return "Approximate figures (hedged or rounded, not a conflict)";
    default: return "Other differences";
    }
}

/* Each disagreement's sides side by side, grouped by kind: conflicts first. */
static void disagreements(const chorus_digest *d, FILE *out)
{
    if (!d->n_disagreements) return;
    fputs("<section id=\"differ\"><h2>Where outlets differ</h2>", out);
    for (int kind = CX_DIS_CONFLICT; kind <= CX_DIS_APPROXIMATE; kind++) {
        int heading = 0;
        for (size_t i = 0; i < d->n_disagreements; i++) {
            const cx_disagreement *x = &d->disagreements[i];
            if (x->kind != kind) continue;
            if (!heading++) fprintf(out, "<h3>%s</h3>", kind_heading(kind));
            fputs("<div class=\"disagreement\"><p>", out);
            cx_html_puts(out, x->subject);
            fputs("</p><div class=\"diff\">", out);
            for (size_t v = 0; v < x->n_sides; v++) {
                const cx_dis_side *val = &x->sides[v];
                fputs("<div class=\"side\"><b>", out);
                cx_html_puts(out, val->text);
                fputs("</b>", out);
                int prefer = val->n_facts ? d->facts[val->facts[0]].doc : -1;
                credits(out, &d->story, val->outlets, val->n_outlets, prefer);
                fputs("</div>", out);
            }
            fputs("</div></div>\n", out);
        }
    }
    fputs("</section>\n", out);
}

static int by_time(const void *a, const void *b, void *ctx)
{
    const cx_story *s = ctx;
    int64_t x = s->docs[*(const int *)a].art->published_unix, y = s->docs[*(const int *)b].art->published_unix;
    if (x != y) return x < y ? -1 : 1;
    return *(const int *)a - *(const int *)b;
}

/* Dated events in order (the day, the sentence telling it, its outlets);
 * without any, the reports in publication order: when each outlet said what. */
static void timeline(const chorus_digest *d, FILE *out)
{
    const cx_story *s = &d->story;
    if (d->n_timeline) {
        fputs("<section id=\"timeline\"><h2>Timeline</h2><div class=\"wide\"><table><tbody>", out);
        for (size_t i = 0; i < d->n_timeline; i++) {
            const cx_timeline_entry *e = &d->timeline[i];
            char day[16];
            cx_day_format(e->day, day, sizeof day);
            fprintf(out, "<tr><td class=\"d\">%s%s</td><td><span class=\"event\">", day,
                    e->estimated ? " <small>(about)</small>" : "");
            const cx_sent *st = &s->docs[e->doc].sents[e->sent];
            cx_html_escape(out, st->text, st->len);
            fputs("</span> ", out);
            credits(out, s, e->outlets, e->n_outlets, e->doc);
            fputs("</td></tr>\n", out);
        }
        fputs("</tbody></table></div></section>\n", out);
        return;
    }
    int *ord = malloc(s->n_docs * sizeof *ord);
    size_t n = 0;
    for (size_t k = 0; ord && k < s->n_docs; k++)
        if (s->docs[k].art->published_unix != INT64_MIN) ord[n++] = (int)k;
    if (n < 2) {
        free(ord);
        return;
    }
    qsort_r(ord, n, sizeof *ord, by_time, (void *)s);
    fputs("<section id=\"timeline\"><h2>Reports in time</h2><div class=\"wide\"><table><tbody>", out);
    for (size_t i = 0; i < n; i++) {
        const cx_doc *doc = &s->docs[ord[i]];
        fputs("<tr><td class=\"d\">", out);
        iso_date(out, doc->art->published_unix, 1);
        fputs("</td><td>", out);
        cx_html_puts(out, doc->outlet);
        fputs("</td><td><a href=\"", out);
        article_href(out, s, ord[i]);
        fputs("\">", out);
        cx_html_puts(out, doc->title ? doc->title : "(untitled)");
        fputs("</a></td></tr>\n", out);
    }
    fputs("</tbody></table></div></section>\n", out);
    free(ord);
}

static void entities(const chorus_digest *d, FILE *out)
{
    const cx_story *s = &d->story;
    size_t shown = 0;
    for (size_t i = 0; i < d->n_entities && shown < CX_HTML_MAX_ENTITIES; i++) {
        const cx_entity *e = &d->entities[i];
        if (e->n_outlets < 2 && s->n_outlets > 1) continue; /* one outlet's detail */
        if (!shown++)
            fputs("<section id=\"entities\"><h2>People, organisations and places</h2><div class=\"wide\">"
                  "<table><thead><tr><th>Name</th><th>Kind</th><th>Mentions</th><th>Outlets</th></tr></thead>"
                  "<tbody>",
                  out);
        fputs("<tr><td>", out);
        cx_html_puts(out, e->name);
        if (e->role) fputs(" <small>(", out), cx_html_puts(out, e->role), fputs(")</small>", out);
        fprintf(out, "</td><td>%s</td><td>%zu</td><td>", cx_entity_type_name(e->type), e->mentions);
        for (size_t k = 0; k < e->n_outlets; k++) {
            if (k) fputs(", ", out);
            cx_html_puts(out, s->outlets[e->outlets[k]]);
        }
        fputs("</td></tr>\n", out);
    }
    if (shown) fputs("</tbody></table></div></section>\n", out);
}

/* The sources: outlet, title, date, address; the cleaned text of each
 * report that has no address, as the target of its credits. */
static void sources(const chorus_digest *d, FILE *out)
{
    const cx_story *s = &d->story;
    fputs("<section id=\"sources\"><h2>Sources</h2>", out);
    for (size_t k = 0; k < s->n_docs; k++) {
        const cx_doc *doc = &s->docs[k];
        fprintf(out, "<div class=\"src\" id=\"a%zu\"><b>", k);
        cx_html_puts(out, doc->outlet);
        fputs("</b>: ", out);
        int link = cx_html_safe_url(doc->art->url);
        if (link) fputs("<a href=\"", out), cx_html_puts(out, doc->art->url), fputs("\">", out);
        cx_html_puts(out, doc->title ? doc->title : "(untitled)");
        if (link) fputs("</a>", out);
        if (doc->art->published_unix != INT64_MIN)
            fputs(" <span class=\"meta\">", out), iso_date(out, doc->art->published_unix, 1), fputs("</span>", out);
        else if (doc->art->published)
            fputs(" <span class=\"meta\">", out), cx_html_puts(out, doc->art->published), fputs("</span>", out);
        if (doc->duplicate_of >= 0) {
            fprintf(out, " <small>(copies <a href=\"#a%d\">", doc->duplicate_of);
            cx_html_puts(out, s->docs[doc->duplicate_of].outlet);
            fputs("</a>)</small>", out);
        }
        if (!link) {
            /* The credit target: open, so that following a credit shows the text. */
            fputs("<div class=\"text\">", out);
            for (size_t p = 0; p < doc->n_paras; p++) {
                if (doc->paras[p].drop_reason) continue;
                fputs("<p>", out);
                cx_html_escape(out, doc->paras[p].text, doc->paras[p].len);
                fputs("</p>", out);
            }
            fputs("</div>", out);
        }
        fputs("</div>\n", out);
    }
    fputs("</section>\n", out);
}

typedef struct {
    FILE *out;
    const char *reasons[32];
    size_t counts[32];
    size_t n, listed, total;
    int pass; /* 0: count reasons, 1: list paragraphs */
} dropped_ctx;

static void on_dropped(const cx_doc *doc, const cx_para *p, void *vctx)
{
    dropped_ctx *c = vctx;
    if (c->pass == 0) {
        c->total++;
        for (size_t i = 0; i < c->n; i++)
            if (c->reasons[i] == p->drop_reason || !strcmp(c->reasons[i], p->drop_reason)) {
                c->counts[i]++;
                return;
            }
        if (c->n < 32) c->reasons[c->n] = p->drop_reason, c->counts[c->n++] = 1;
        return;
    }
    if (c->listed++ >= CX_HTML_MAX_DROPPED_SHOWN) return;
    fputs("<li><b>", c->out);
    cx_html_puts(c->out, doc->outlet);
    fputs("</b> <i>", c->out);
    cx_html_puts(c->out, p->drop_reason);
    fputs("</i>: ", c->out);
    cx_html_escape(c->out, p->text, p->len);
    fputs("</li>\n", c->out);
}

/* What was left out and why: collapsed, it is for checking, not reading. */
static void dropped(const chorus_digest *d, FILE *out)
{
    const cx_story *s = &d->story;
    dropped_ctx c = {.out = out};
    cx_digest_each_dropped(d, on_dropped, &c);
    size_t dups = 0;
    for (size_t k = 0; k < s->n_docs; k++) dups += s->docs[k].duplicate_of >= 0;
    size_t skipped = d->corpus ? d->corpus->n_skipped : 0;
    fputs("<section id=\"dropped\"><h2>Dropped</h2><details><summary>", out);
    fprintf(out, "%zu line%s dropped as boilerplate or noise", c.total, c.total == 1 ? "" : "s");
    for (size_t i = 0; i < c.n; i++) {
        fprintf(out, "%s%zu ", i ? "; " : ": ", c.counts[i]);
        cx_html_puts(out, c.reasons[i]);
    }
    if (dups) fprintf(out, "; %zu duplicate article%s", dups, dups == 1 ? "" : "s");
    if (skipped) fprintf(out, "; %zu input%s skipped", skipped, skipped == 1 ? "" : "s");
    fputs("</summary><ul class=\"drop\">", out);
    c.pass = 1;
    cx_digest_each_dropped(d, on_dropped, &c);
    if (c.listed > CX_HTML_MAX_DROPPED_SHOWN)
        fprintf(out, "<li>\u2026 and %zu more</li>", c.listed - CX_HTML_MAX_DROPPED_SHOWN);
    for (size_t k = 0; k < s->n_docs; k++)
        if (s->docs[k].duplicate_of >= 0) {
            const cx_doc *o = &s->docs[s->docs[k].duplicate_of];
            fprintf(out, "<li><a href=\"#a%zu\">", k);
            cx_html_puts(out, s->docs[k].art->origin ? s->docs[k].art->origin : s->docs[k].outlet);
            fputs("</a> copies ", out);
            cx_html_puts(out, o->art->origin ? o->art->origin : o->outlet);
            fprintf(out, " (resemblance %.2f)</li>\n", s->docs[k].duplicate_similarity);
        }
    for (size_t k = 0; k < skipped; k++) {
        fputs("<li>", out);
        cx_html_puts(out, d->corpus->skipped[k].origin);
        fputs(d->corpus->skipped[k].note ? " (not an article): " : " (skipped): ", out);
        cx_html_puts(out, d->corpus->skipped[k].reason);
        fputs("</li>\n", out);
    }
    fputs("</ul></details></section>\n", out);
}

/* ---- the page ---------------------------------------------------------- */

void cx_html_page_start(FILE *out, const char *title, const char *nav_html)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
          "<meta name=\"referrer\" content=\"no-referrer\">"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
          "script-src 'unsafe-inline'; img-src 'none'\">"
          "<meta name=\"generator\" content=\"chorus " CHORUS_VERSION "\"><title>",
          out);
    cx_html_puts(out, title);
    fprintf(out, "</title><style>%s</style></head>\n<body>", page_css);
    if (nav_html) fprintf(out, "<nav>%s</nav>", nav_html);
    fputs("<main>\n", out);
}

void cx_html_page_end(FILE *out)
{
    fprintf(out, "</main><script>%s</script></body></html>\n", page_script);
}

int cx_render_html_page(const chorus_digest *d, const cx_html_page *pg, FILE *out)
{
    cx_html_page_start(out, d->title ? d->title : "Untitled story", pg ? pg->nav_html : NULL);
    header(d, pg, out);
    summary(d, out);
    quotes(d, out);
    disagreements(d, out);
    timeline(d, out);
    entities(d, out);
    sources(d, out);
    dropped(d, out);
    cx_html_page_end(out);
    return 0;
}

int cx_render_html(const chorus_digest *d, FILE *out) { return cx_render_html_page(d, NULL, out); }
