/* Building a story from a corpus: normalize, paragraphs, clean, sentences,
 * tokens (see story_build.h). */
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "story_build.h"
#include "util.h"

static int add_outlet(cx_story *s, const char *name)
{
    for (size_t i = 0; i < s->n_outlets; i++)
        if (cx_strcaseeq(s->outlets[i], name)) return (int)i;
    char *copy = cx_strdup(name);
    size_t cap = s->n_outlets; /* grow one by one: few outlets per story */
    char **v = realloc(s->outlets, sizeof *v * (cap + 1));
    if (!copy || !v) {
        free(copy);
        if (v) s->outlets = v;
        return CHORUS_ENOMEM;
    }
    s->outlets = v;
    s->outlets[s->n_outlets] = copy;
    return (int)s->n_outlets++;
}

static int split_doc_sentences(cx_story *s, int d)
{
    cx_doc *doc = &s->docs[d];
    size_t cap = 0;
    int pos = 0;
    for (size_t p = 0; p < doc->n_paras; p++) {
        if (doc->paras[p].drop_reason) continue;
        cx_span *sp;
        int ns = cx_split_sentences(doc->paras[p].text, doc->paras[p].len, &sp);
        if (ns < 0) return ns;
        for (int k = 0; k < ns; k++) {
            cx_sent st = {0};
            st.len = sp[k].end - sp[k].start;
            st.text = cx_strndup(doc->paras[p].text + sp[k].start, st.len);
            st.doc = d;
            st.para = (int)p;
            st.pos = pos++;
            st.first_in_para = k == 0;
            if (!st.text || cx_story_tokenize(s, &st, st.text, st.len) ||
                !((st.n_content = cx_sent_content_set(&st, &st.content)), st.content) ||
                CX_PUSH(doc->sents, doc->n_sents, cap, st)) {
                free(st.text), free(st.stems), free(st.stop), free(st.content);
                free(sp);
                return CHORUS_ENOMEM;
            }
        }
        free(sp);
    }
    return 0;
}

int cx_story_build_cleaned(cx_story *s, const chorus_corpus *c, chorus_error *err)
{
    memset(s, 0, sizeof *s);
    s->vocab = cx_vocab_new();
    s->surface = cx_vocab_new();
    s->stemmer = cx_stemmer_new();
    s->docs = calloc(c->n_articles ? c->n_articles : 1, sizeof *s->docs);
    s->doc_outlet = calloc(c->n_articles ? c->n_articles : 1, sizeof *s->doc_outlet);
    if (!s->vocab || !s->surface || !s->stemmer || !s->docs || !s->doc_outlet) goto oom;
    for (size_t i = 0; i < c->n_articles; i++) {
        const chorus_article *a = &c->articles[i];
        cx_doc *doc = &s->docs[s->n_docs++];
        doc->art = a;
        doc->duplicate_of = -1;
        const char *text = a->text ? a->text : "";
        char *norm;
        size_t nlen;
        if (cx_normalize(text, strlen(text), &norm, &nlen)) goto oom;
        char **paras;
        int np = cx_paragraphs(norm, nlen, &paras);
        free(norm);
        if (np < 0) goto oom;
        doc->paras = calloc((size_t)(np ? np : 1), sizeof *doc->paras);
        if (!doc->paras) {
            cx_strings_free(paras, (size_t)np);
            goto oom;
        }
        for (int p = 0; p < np; p++) {
            doc->paras[p].text = paras[p];
            doc->paras[p].len = strlen(paras[p]);
        }
        free(paras); /* the strings now belong to doc->paras */
        doc->n_paras = (size_t)np;
        if (a->title && *a->title) {
            char *t;
            size_t tl;
            if (cx_normalize(a->title, strlen(a->title), &t, &tl)) goto oom;
            doc->title = t;
        }
        char *label = chorus_outlet_label(a);
        int o = label ? add_outlet(s, label) : CHORUS_ENOMEM;
        free(label);
        if (o < 0) goto oom;
        s->doc_outlet[i] = o;
        doc->outlet = s->outlets[o];
    }
    if (cx_clean_story(s)) goto oom;
    return 0;
oom:
    cx_story_free(s);
    return cx_fail(err, CHORUS_ENOMEM, "out of memory while analyzing articles");
}

int cx_story_build(cx_story *s, const chorus_corpus *c, chorus_error *err)
{
    int rc = cx_story_build_cleaned(s, c, err);
    if (rc) return rc;
    for (size_t d = 0; d < s->n_docs; d++)
        if (split_doc_sentences(s, (int)d)) {
            cx_story_free(s);
            return cx_fail(err, CHORUS_ENOMEM, "out of memory while analyzing articles");
        }
    return 0;
}
