/* chorus_clean: the verdict on every paragraph, for users who want to see
 * what cleaning kept and why the rest went (chorus clean --explain). */
#include "clean.h"
#include "page_stats.h"
#include "story_build.h"
#include "util.h"

/* Every paragraph of s, its articles numbered from first. */
static int report(const cx_story *s_, size_t first, chorus_clean_fn fn, void *ctx)
{
    const cx_story s = *s_;
    int rc = 0;
    for (size_t d = 0; d < s.n_docs && !rc; d++) {
        const cx_doc *doc = &s.docs[d];
        for (size_t p = 0; p < doc->n_paras && !rc; p++) {
            chorus_clean_para cp = {first + d, p, doc->paras[p].text, doc->paras[p].len, doc->paras[p].drop_reason,
                                    doc->paras[p].drop_reason == CX_DROP_TITLE};
            rc = fn(&cp, ctx);
        }
    }
    return rc;
}

int chorus_clean(const chorus_corpus *c, chorus_clean_fn fn, void *ctx, chorus_error *err)
{
    cx_story s;
    int rc = cx_story_build_cleaned(&s, c, err);
    if (rc) return rc;
    rc = report(&s, 0, fn, ctx);
    cx_story_free(&s);
    return rc;
}

int chorus_clean_pages(const chorus_corpus *c, chorus_clean_fn fn, void *ctx, chorus_error *err)
{
    cx_page_stats st;
    if (cx_page_stats_build(&st, c)) return cx_fail(err, CHORUS_ENOMEM, "out of memory while comparing pages");
    int rc = 0;
    for (size_t i = 0; i < c->n_articles && !rc; i++) {
        chorus_corpus one = *c; /* a view of one article: each page is its own story */
        one.articles = &c->articles[i];
        one.n_articles = 1;
        cx_story s;
        rc = cx_story_build_cleaned_pages(&s, &one, &st, err);
        if (rc) break;
        rc = report(&s, i, fn, ctx);
        cx_story_free(&s);
    }
    cx_page_stats_free(&st);
    return rc;
}
