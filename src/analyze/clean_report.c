/* chorus_clean: the verdict on every paragraph, for users who want to see
 * what cleaning kept and why the rest went (chorus clean --explain). */
#include "clean.h"
#include "story_build.h"
#include "util.h"

int chorus_clean(const chorus_corpus *c, chorus_clean_fn fn, void *ctx, chorus_error *err)
{
    cx_story s;
    int rc = cx_story_build_cleaned(&s, c, err);
    if (rc) return rc;
    for (size_t d = 0; d < s.n_docs && !rc; d++) {
        const cx_doc *doc = &s.docs[d];
        for (size_t p = 0; p < doc->n_paras && !rc; p++) {
            chorus_clean_para cp = {d, p, doc->paras[p].text, doc->paras[p].len, doc->paras[p].drop_reason,
                                    doc->paras[p].drop_reason == CX_DROP_TITLE};
            rc = fn(&cp, ctx);
        }
    }
    cx_story_free(&s);
    return rc;
}
