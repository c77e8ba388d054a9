/* Building a story from a corpus: normalize, paragraphs, clean, sentences,
 * tokens. */
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "story.h"
#include "util.h"

/* Longest token we stem; longer "words" are URLs or junk and kept whole. */
#define MAX_TOKEN_BYTES 64

int cx_story_tokenize(cx_story *s, cx_sent *out, const char *text, size_t len)
{
    cx_token *tok;
    int nt = cx_tokenize(text, len, &tok);
    if (nt < 0) return nt;
    out->stems = malloc(sizeof *out->stems * (size_t)(nt ? nt : 1));
    out->stop = malloc((size_t)(nt ? nt : 1));
    if (!out->stems || !out->stop) {
        free(tok);
        return CHORUS_ENOMEM;
    }
    char low[MAX_TOKEN_BYTES * 2 + 8];
    size_t n = 0;
    for (int i = 0; i < nt; i++) {
        size_t ll = cx_lower(text + tok[i].start, tok[i].len, low, sizeof low);
        int32_t sid = cx_vocab_id(s->surface, low, ll);
        if (sid < 0 || cx_grow((void **)&s->surface_stem, &s->surface_cap, (size_t)sid + 1, sizeof *s->surface_stem)) {
            free(tok);
            return CHORUS_ENOMEM;
        }
        if ((size_t)sid + 1 == cx_vocab_size(s->surface)) { /* a word not seen before in this story */
            size_t cap = s->surface_cap;
            uint8_t *stop = realloc(s->surface_stop, cap);
            if (!stop) {
                free(tok);
                return CHORUS_ENOMEM;
            }
            s->surface_stop = stop;
            size_t sl = ll;
            const char *stem = low;
            if (tok[i].is_word && ll <= MAX_TOKEN_BYTES) stem = cx_stem(s->stemmer, low, ll, &sl);
            int32_t id = cx_vocab_id(s->vocab, stem, sl);
            if (id < 0) {
                free(tok);
                return CHORUS_ENOMEM;
            }
            s->surface_stem[sid] = id;
            s->surface_stop[sid] = cx_is_stopword(low, ll) || (!tok[i].is_word && !tok[i].is_number);
        }
        out->stems[n] = s->surface_stem[sid];
        out->stop[n] = s->surface_stop[sid];
        n++;
    }
    free(tok);
    out->n_tok = n;
    out->n_words = n;
    return 0;
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

size_t cx_sent_content_set(const cx_sent *s, int32_t **out)
{
    int32_t *v = malloc(sizeof *v * (s->n_tok ? s->n_tok : 1));
    size_t n = 0;
    if (!v) {
        *out = NULL;
        return 0;
    }
    for (size_t i = 0; i < s->n_tok; i++)
        if (!s->stop[i]) v[n++] = s->stems[i];
    if (n > 32) qsort(v, n, sizeof *v, cmp_i32);
    else /* sentences are short: insertion sort, no allocation */
        for (size_t i = 1; i < n; i++) {
            int32_t x = v[i];
            size_t j = i;
            for (; j > 0 && v[j - 1] > x; j--) v[j] = v[j - 1];
            v[j] = x;
        }
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!m || v[m - 1] != v[i]) v[m++] = v[i];
    *out = v;
    return m;
}

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
        int o = add_outlet(s, a->source && *a->source ? a->source : "unknown");
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

void cx_story_free(cx_story *s)
{
    for (size_t d = 0; d < s->n_docs; d++) {
        cx_doc *doc = &s->docs[d];
        for (size_t p = 0; p < doc->n_paras; p++) free(doc->paras[p].text);
        free(doc->paras);
        for (size_t k = 0; k < doc->n_sents; k++) {
            free(doc->sents[k].text);
            free(doc->sents[k].stems);
            free(doc->sents[k].stop);
            free(doc->sents[k].content);
        }
        free(doc->sents);
        free(doc->title);
    }
    free(s->docs);
    for (size_t i = 0; i < s->n_outlets; i++) free(s->outlets[i]);
    free(s->outlets);
    free(s->doc_outlet);
    cx_vocab_free(s->vocab);
    cx_vocab_free(s->surface);
    free(s->surface_stem);
    free(s->surface_stop);
    cx_stemmer_free(s->stemmer);
    memset(s, 0, sizeof *s);
}
