/* Building a story from a corpus: normalize, paragraphs, clean, sentences,
 * tokens (see story_build.h). */
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "parallel.h"
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

/* Count an article's language in the story. */
static int add_lang(cx_story *s, const cx_lang *l)
{
    for (size_t i = 0; i < s->n_langs; i++)
        if (s->langs[i] == l) return (int)(s->lang_docs[i]++, i);
    size_t n = s->n_langs + 1;
    const cx_lang **v = realloc(s->langs, n * sizeof *v);
    if (v) s->langs = v;
    size_t *c = realloc(s->lang_docs, n * sizeof *c);
    if (c) s->lang_docs = c;
    if (!v || !c) return CHORUS_ENOMEM;
    s->langs[s->n_langs] = l;
    s->lang_docs[s->n_langs] = 1;
    return (int)s->n_langs++;
}

/* The story's languages, most articles first, each with its stemmer; an
 * article whose language could not be told (too little text) reads as the
 * story's main language when that one has data. */
static int settle_languages(cx_story *s)
{
    for (size_t i = 1; i < s->n_langs; i++) /* insertion sort, stable: first seen wins ties */
        for (size_t j = i; j > 0 && s->lang_docs[j] > s->lang_docs[j - 1]; j--) {
            const cx_lang *l = s->langs[j];
            s->langs[j] = s->langs[j - 1], s->langs[j - 1] = l;
            size_t c = s->lang_docs[j];
            s->lang_docs[j] = s->lang_docs[j - 1], s->lang_docs[j - 1] = c;
        }
    const cx_lang *main = NULL;
    for (size_t i = 0; i < s->n_langs && !main; i++)
        if (cx_lang_has_data(s->langs[i])) main = s->langs[i];
    if (main) {
        for (size_t d = 0; d < s->n_docs; d++)
            if (!s->docs[d].lang_given && !cx_lang_has_data(s->docs[d].lang)) s->docs[d].lang = main;
        /* recount without the languages no article keeps */
        s->n_langs = 0;
        for (size_t d = 0; d < s->n_docs; d++) {
            int li = -1;
            for (size_t i = 0; i < s->n_langs && li < 0; i++)
                if (s->langs[i] == s->docs[d].lang) li = (int)i;
            if (li >= 0) s->lang_docs[li]++;
            else s->langs[s->n_langs] = s->docs[d].lang, s->lang_docs[s->n_langs++] = 1;
        }
        for (size_t i = 1; i < s->n_langs; i++)
            for (size_t j = i; j > 0 && s->lang_docs[j] > s->lang_docs[j - 1]; j--) {
                const cx_lang *l = s->langs[j];
                s->langs[j] = s->langs[j - 1], s->langs[j - 1] = l;
                size_t c = s->lang_docs[j];
                s->lang_docs[j] = s->lang_docs[j - 1], s->lang_docs[j - 1] = c;
            }
    }
    if (!s->n_langs && add_lang(s, cx_lang_neutral()) < 0) return CHORUS_ENOMEM;
    s->lang_stemmers = calloc(s->n_langs, sizeof *s->lang_stemmers);
    if (!s->lang_stemmers) return CHORUS_ENOMEM;
    for (size_t i = 0; i < s->n_langs; i++)
        if (!(s->lang_stemmers[i] = cx_stemmer_new_named(cx_lang_stemmer_name(s->langs[i])))) return CHORUS_ENOMEM;
    cx_stemmer_free(s->stemmer);
    s->stemmer = s->lang_stemmers[0];
    return 0;
}

/* Split a doc's kept paragraphs into sentences and tokenize them: into the
 * story (x NULL, content sets too) or into worker x's lexer (adopted and
 * given content sets later, in doc order). */
static int split_doc_sentences(cx_story *s, int d, cx_story_lexer *x)
{
    cx_doc *doc = &s->docs[d];
    size_t cap = 0;
    int pos = 0;
    for (size_t p = 0; p < doc->n_paras; p++) {
        if (doc->paras[p].drop_reason) continue;
        cx_span *sp;
        int ns = cx_split_sentences_in(doc->lang, doc->paras[p].text, doc->paras[p].len, &sp);
        if (ns < 0) return ns;
        for (int k = 0; k < ns; k++) {
            cx_sent st = {0};
            st.len = sp[k].end - sp[k].start;
            st.text = cx_strndup(doc->paras[p].text + sp[k].start, st.len);
            st.doc = d;
            st.para = (int)p;
            st.pos = pos++;
            st.first_in_para = k == 0;
            int bad = !st.text;
            if (!bad && x) bad = cx_story_lexer_tokenize(x, doc->lang, &st, st.text, st.len) != 0;
            else if (!bad)
                bad = cx_story_tokenize_in(s, doc->lang, &st, st.text, st.len) ||
                      !((st.n_content = cx_sent_content_set(&st, &st.content)), st.content);
            if (bad || CX_PUSH(doc->sents, doc->n_sents, cap, st)) {
                free(st.text), free(st.stems), free(st.stop), free(st.content);
                free(sp);
                return CHORUS_ENOMEM;
            }
        }
        free(sp);
    }
    return 0;
}

/* ---- the per-article work, one article an item (parallel.h) ---- */

typedef struct {
    cx_story *s;
    const chorus_corpus *c;
    int *worker; /* the worker that tokenized each doc */
} build_run;

/* An article's text normalized and in paragraphs, its language and title. */
static int read_article(void *ctx, size_t i, int w)
{
    (void)w;
    build_run *r = ctx;
    const chorus_article *a = &r->c->articles[i];
    cx_doc *doc = &r->s->docs[i];
    const char *text = a->text ? a->text : "";
    char *norm;
    size_t nlen;
    if (cx_normalize(text, strlen(text), &norm, &nlen)) return CHORUS_ENOMEM;
    /* the article's language: given by the input, or told from its text */
    doc->lang_given = a->language && *a->language;
    doc->lang = cx_lang_get(doc->lang_given ? a->language : cx_detect_language(norm, nlen, NULL));
    char **paras;
    int np = cx_paragraphs(norm, nlen, &paras);
    free(norm);
    if (np < 0) return CHORUS_ENOMEM;
    doc->paras = calloc((size_t)(np ? np : 1), sizeof *doc->paras);
    if (!doc->paras) {
        cx_strings_free(paras, (size_t)np);
        return CHORUS_ENOMEM;
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
        if (cx_normalize(a->title, strlen(a->title), &t, &tl)) return CHORUS_ENOMEM;
        doc->title = t;
    }
    return 0;
}

static int tokenize_sentences(void *ctx, size_t i, int w)
{
    build_run *r = ctx;
    r->worker[i] = w;
    return split_doc_sentences(r->s, (int)i, r->s->lexers[w]);
}

static int content_sets(void *ctx, size_t i, int w)
{
    (void)w;
    build_run *r = ctx;
    cx_doc *doc = &r->s->docs[i];
    for (size_t k = 0; k < doc->n_sents; k++) {
        cx_sent *st = &doc->sents[k];
        if (!((st->n_content = cx_sent_content_set(st, &st->content)), st->content)) return CHORUS_ENOMEM;
    }
    return 0;
}

/* One lexer per worker when the story is built on several threads. */
static int lexers_new(cx_story *s)
{
    int t = cx_threads_for(s->threads, s->n_docs);
    if (t <= 1) return 0;
    if (!(s->lexers = calloc((size_t)t + 1, sizeof *s->lexers))) return CHORUS_ENOMEM;
    for (int w = 0; w < t; w++)
        if (!(s->lexers[w] = cx_story_lexer_new(s))) return CHORUS_ENOMEM;
    return 0;
}

static void lexers_free(cx_story *s)
{
    for (size_t w = 0; s->lexers && s->lexers[w]; w++) cx_story_lexer_free(s->lexers[w]);
    free(s->lexers);
    s->lexers = NULL;
}

int cx_story_build_cleaned(cx_story *s, const chorus_corpus *c, chorus_error *err)
{
    return cx_story_build_cleaned_pages(s, c, NULL, err);
}

int cx_story_build_cleaned_pages(cx_story *s, const chorus_corpus *c, const struct cx_page_stats *pages,
                                 chorus_error *err)
{
    return cx_story_build_threads(s, c, pages, 1, 0, err);
}

int cx_story_build_threads(cx_story *s, const chorus_corpus *c, const struct cx_page_stats *pages, int threads,
                           int sentences, chorus_error *err)
{
    memset(s, 0, sizeof *s);
    s->pages = pages;
    s->threads = threads;
    s->vocab = cx_vocab_new();
    s->surface = cx_vocab_new();
    s->stemmer = cx_stemmer_new();
    s->docs = calloc(c->n_articles ? c->n_articles : 1, sizeof *s->docs);
    s->doc_outlet = calloc(c->n_articles ? c->n_articles : 1, sizeof *s->doc_outlet);
    if (!s->vocab || !s->surface || !s->stemmer || !s->docs || !s->doc_outlet) goto oom;
    s->n_docs = c->n_articles;
    for (size_t i = 0; i < c->n_articles; i++) {
        s->docs[i].art = &c->articles[i];
        s->docs[i].duplicate_of = -1;
    }
    build_run r = {s, c, NULL};
    if (cx_parallel_for(s->n_docs, threads, read_article, &r)) goto oom;
    /* the story's languages and outlets in article order */
    for (size_t i = 0; i < s->n_docs; i++) {
        cx_doc *doc = &s->docs[i];
        if (add_lang(s, doc->lang) < 0) goto oom;
        char *label = chorus_outlet_label(doc->art);
        int o = label ? add_outlet(s, label) : CHORUS_ENOMEM;
        free(label);
        if (o < 0) goto oom;
        s->doc_outlet[i] = o;
        doc->outlet = s->outlets[o];
    }
    if (settle_languages(s) || lexers_new(s)) goto oom;
    if (cx_clean_story(s)) goto oom;
    if (sentences) {
        if (!s->lexers) {
            for (size_t d = 0; d < s->n_docs; d++)
                if (split_doc_sentences(s, (int)d, NULL)) goto oom;
        } else {
            /* tokenized side by side, given the story's ids in doc order */
            if (!(r.worker = malloc(sizeof *r.worker * s->n_docs))) goto oom;
            int rc = cx_parallel_for(s->n_docs, threads, tokenize_sentences, &r);
            for (size_t d = 0; d < s->n_docs && !rc; d++)
                for (size_t k = 0; k < s->docs[d].n_sents && !rc; k++)
                    rc = cx_story_adopt(s, s->lexers[r.worker[d]], &s->docs[d].sents[k]);
            free(r.worker);
            if (rc || cx_parallel_for(s->n_docs, threads, content_sets, &r)) goto oom;
        }
    }
    lexers_free(s);
    return 0;
oom:
    lexers_free(s);
    cx_story_free(s);
    return cx_fail(err, CHORUS_ENOMEM, "out of memory while analyzing articles");
}

int cx_story_build(cx_story *s, const chorus_corpus *c, chorus_error *err)
{
    return cx_story_build_threads(s, c, NULL, 1, 1, err);
}
