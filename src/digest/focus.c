/* Relevance to a question and novelty against what was read (focus.h). */
#include <stdlib.h>
#include <string.h>

#include "focus.h"
#include "text.h"

/* Share of a sentence's content words that, found in one seen sentence,
 * make it old news (the paraphrase test of summarize.c, one-sided: the new
 * sentence is judged by its own words). */
#define KNOWN_CONTAINMENT 0.7

static int has(const int32_t *set, size_t n, int32_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (set[mid] < x) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && set[lo] == x;
}

int cx_focus_init(cx_focus *f, cx_story *s, const char *question)
{
    memset(f, 0, sizeof *f);
    if (!question || !*question) return 0;
    cx_sent q = {0};
    if (cx_story_tokenize(s, &q, question, strlen(question))) {
        free(q.stems), free(q.stop);
        return CHORUS_ENOMEM;
    }
    f->n_terms = cx_sent_content_set(&q, &f->terms);
    free(q.stems), free(q.stop);
    if (!f->terms) return CHORUS_ENOMEM;
    f->weight = calloc(f->n_terms ? f->n_terms : 1, sizeof *f->weight);
    size_t *df = calloc(f->n_terms ? f->n_terms : 1, sizeof *df);
    if (!f->weight || !df) {
        free(df);
        cx_focus_free(f);
        return CHORUS_ENOMEM;
    }
    size_t n_sents = 0, n_docs = 0;
    size_t *docdf = calloc(f->n_terms ? f->n_terms : 1, sizeof *docdf);
    int *lastd = malloc(sizeof *lastd * (f->n_terms ? f->n_terms : 1));
    if (!docdf || !lastd) {
        free(df), free(docdf), free(lastd);
        cx_focus_free(f);
        return CHORUS_ENOMEM;
    }
    for (size_t t = 0; t < f->n_terms; t++) lastd[t] = -1;
    for (size_t d = 0; d < s->n_docs; d++) {
        if (s->docs[d].duplicate_of >= 0) continue;
        n_docs++;
        for (size_t k = 0; k < s->docs[d].n_sents; k++) {
            const cx_sent *st = &s->docs[d].sents[k];
            n_sents++;
            for (size_t t = 0; t < f->n_terms; t++)
                if (has(st->content, st->n_content, f->terms[t])) {
                    df[t]++;
                    if (lastd[t] != (int)d) docdf[t]++, lastd[t] = (int)d;
                }
        }
    }
    free(lastd);
    for (size_t t = 0; t < f->n_terms; t++)
        if (df[t]) {
            f->weight[t] = (double)docdf[t] / (double)(n_docs ? n_docs : 1);
            f->n_found++;
        }
    free(docdf);
    free(df);
    return 0;
}

void cx_focus_free(cx_focus *f)
{
    free(f->terms), free(f->weight);
    memset(f, 0, sizeof *f);
}

double cx_focus_relevance(const cx_focus *f, const cx_sent *st)
{
    double r = 0;
    for (size_t t = 0; t < f->n_terms; t++)
        if (f->weight[t] > 0 && has(st->content, st->n_content, f->terms[t])) r += f->weight[t];
    return r;
}

static int seen_sentence(cx_seen_set *k, cx_story *s, const cx_lang *lang, int doc, const char *t, size_t n)
{
    if (k->n == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 256;
        cx_sent *v = realloc(k->sents, sizeof *v * cap);
        if (!v) return CHORUS_ENOMEM;
        k->sents = v, k->cap = cap;
    }
    cx_sent *to = &k->sents[k->n];
    memset(to, 0, sizeof *to);
    if (!(to->text = malloc(n + 1))) return CHORUS_ENOMEM;
    memcpy(to->text, t, n);
    to->text[n] = '\0';
    to->len = n;
    to->doc = doc;
    k->n++; /* counted now: freed with the set even if tokenizing fails */
    if (cx_story_tokenize_in(s, lang, to, to->text, n) ||
        !((to->n_content = cx_sent_content_set(to, &to->content)), to->content))
        return CHORUS_ENOMEM;
    return 0;
}

int cx_seen_init(cx_seen_set *k, cx_story *s, const chorus_corpus *seen)
{
    memset(k, 0, sizeof *k);
    if (!seen) return 0;
    const cx_lang *lang = s->n_langs ? s->langs[0] : cx_lang_get("en");
    k->n_docs = seen->n_articles;
    int rc = 0;
    for (size_t d = 0; d < seen->n_articles && !rc; d++) {
        const char *text = seen->articles[d].text ? seen->articles[d].text : "";
        char *norm;
        size_t nlen;
        if (cx_normalize(text, strlen(text), &norm, &nlen)) {
            rc = CHORUS_ENOMEM;
            break;
        }
        char **paras;
        int np = cx_paragraphs(norm, nlen, &paras);
        free(norm);
        if (np < 0) {
            rc = CHORUS_ENOMEM;
            break;
        }
        for (int p = 0; p < np && !rc; p++) {
            cx_span *sp;
            size_t pl = strlen(paras[p]);
            int ns = cx_split_sentences_in(lang, paras[p], pl, &sp);
            if (ns < 0) {
                rc = CHORUS_ENOMEM;
                break;
            }
            for (int j = 0; j < ns && !rc; j++)
                rc = seen_sentence(k, s, lang, (int)d, paras[p] + sp[j].start, sp[j].end - sp[j].start);
            free(sp);
        }
        cx_strings_free(paras, (size_t)np);
    }
    if (rc) cx_seen_free(k);
    return rc;
}

void cx_seen_free(cx_seen_set *k)
{
    for (size_t i = 0; i < k->n; i++)
        free(k->sents[i].text), free(k->sents[i].stems), free(k->sents[i].stop), free(k->sents[i].content);
    free(k->sents);
    memset(k, 0, sizeof *k);
}

int cx_seen_says(const cx_seen_set *k, const cx_sent *st)
{
    if (!st->n_content) return 0;
    double need = KNOWN_CONTAINMENT * (double)st->n_content;
    for (size_t i = 0; i < k->n; i++) {
        const cx_sent *o = &k->sents[i];
        if ((double)o->n_content < need) continue;
        size_t a = 0, b = 0, hit = 0;
        while (a < st->n_content && b < o->n_content) {
            if (st->content[a] < o->content[b]) a++;
            else if (st->content[a] > o->content[b]) b++;
            else hit++, a++, b++;
        }
        if ((double)hit >= need) return 1;
    }
    return 0;
}
