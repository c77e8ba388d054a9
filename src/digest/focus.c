/* Relevance to a question and novelty against what was read (focus.h). */
#include <stdlib.h>
#include <string.h>

#include "focus.h"
#include "seen_cache.h"
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

/* The sentences of one seen report, read afresh. */
static int seen_report(cx_seen_set *k, cx_story *s, const cx_lang *lang, int d, const char *text)
{
    char *norm;
    size_t nlen;
    if (cx_normalize(text, strlen(text), &norm, &nlen)) return CHORUS_ENOMEM;
    char **paras;
    int np = cx_paragraphs(norm, nlen, &paras);
    free(norm);
    if (np < 0) return CHORUS_ENOMEM;
    int rc = 0;
    for (int p = 0; p < np && !rc; p++) {
        cx_span *sp;
        size_t pl = strlen(paras[p]);
        int ns = cx_split_sentences_in(lang, paras[p], pl, &sp);
        if (ns < 0) {
            rc = CHORUS_ENOMEM;
            break;
        }
        for (int j = 0; j < ns && !rc; j++)
            rc = seen_sentence(k, s, lang, d, paras[p] + sp[j].start, sp[j].end - sp[j].start);
        free(sp);
    }
    cx_strings_free(paras, (size_t)np);
    return rc;
}

/* Append sentences read from the cache (seen_cache.h) as report d's. */
static int seen_append(cx_seen_set *k, int d, cx_sent *v, size_t n)
{
    if (k->n + n > k->cap) {
        size_t cap = k->cap ? k->cap : 256;
        while (cap < k->n + n) cap *= 2;
        cx_sent *w = realloc(k->sents, sizeof *w * cap);
        if (!w) return CHORUS_ENOMEM;
        k->sents = w, k->cap = cap;
    }
    for (size_t i = 0; i < n; i++) {
        v[i].doc = d;
        k->sents[k->n++] = v[i];
    }
    return 0;
}

/* The postings of the seen sentences' content stems: a candidate is then
 * compared only with the seen sentences that share a word with it. */
static int seen_index(cx_seen_set *k)
{
    int32_t top = -1;
    size_t total = 0;
    for (size_t i = 0; i < k->n; i++) {
        const cx_sent *o = &k->sents[i];
        if (o->n_content && o->content[o->n_content - 1] > top) top = o->content[o->n_content - 1];
        total += o->n_content;
    }
    if (k->n > UINT32_MAX || total > UINT32_MAX) return CHORUS_ENOMEM;
    k->n_ids = (size_t)(top + 1);
    k->at = calloc(k->n_ids + 2, sizeof *k->at);
    k->in = malloc(sizeof *k->in * (total ? total : 1));
    k->hits = calloc(k->n ? k->n : 1, sizeof *k->hits);
    k->touched = malloc(sizeof *k->touched * (k->n ? k->n : 1));
    if (!k->at || !k->in || !k->hits || !k->touched) return CHORUS_ENOMEM;
    for (size_t i = 0; i < k->n; i++)
        for (size_t c = 0; c < k->sents[i].n_content; c++) k->at[k->sents[i].content[c] + 2]++;
    for (size_t s = 2; s < k->n_ids + 2; s++) k->at[s] += k->at[s - 1];
    for (size_t i = 0; i < k->n; i++) /* at[s + 1] is the fill point of s */
        for (size_t c = 0; c < k->sents[i].n_content; c++) k->in[k->at[k->sents[i].content[c] + 1]++] = (uint32_t)i;
    return 0;
}

int cx_seen_init(cx_seen_set *k, cx_story *s, const chorus_corpus *seen)
{
    memset(k, 0, sizeof *k);
    if (!seen) return 0;
    const cx_lang *lang = s->n_langs ? s->langs[0] : cx_lang_get("en");
    k->n_docs = seen->n_articles;
    /* each report's sentences are kept between runs: a reader who has read
     * a report pays for reading it once */
    uint64_t fingerprint = seen->n_articles ? cx_lang_fingerprint(lang) : 0;
    int rc = 0;
    /* the same set as a run before: one file */
    char set_name[CX_SEEN_KEY_BYTES];
    int keep_set = 0;
    if (seen->n_articles > 1) {
        const char **texts = malloc(sizeof *texts * seen->n_articles);
        if (!texts) return CHORUS_ENOMEM;
        for (size_t d = 0; d < seen->n_articles; d++)
            texts[d] = seen->articles[d].text ? seen->articles[d].text : "";
        keep_set = !cx_seen_set_cache_key(lang, fingerprint, texts, seen->n_articles, set_name);
        free(texts);
    }
    if (keep_set) {
        cx_sent *v;
        size_t n;
        int got = cx_seen_set_cache_get(s, set_name, seen->n_articles, &v, &n);
        if (got < 0) return got;
        if (got) {
            k->sents = v, k->n = k->cap = n;
            if (!(rc = seen_index(k))) return 0;
            cx_seen_free(k);
            return rc;
        }
    }
    for (size_t d = 0; d < seen->n_articles && !rc; d++) {
        const char *text = seen->articles[d].text ? seen->articles[d].text : "";
        char name[CX_SEEN_KEY_BYTES];
        int keep = !cx_seen_cache_key(lang, fingerprint, text, strlen(text), name);
        if (keep) {
            cx_sent *v;
            size_t n;
            int got = cx_seen_cache_get(s, name, &v, &n);
            if (got < 0) rc = got;
            else if (got && (rc = seen_append(k, (int)d, v, n)))
                for (size_t i = 0; i < n; i++) free(v[i].stems), free(v[i].stop), free(v[i].content);
            if (got) {
                free(v);
                continue;
            }
        }
        size_t first = k->n;
        rc = seen_report(k, s, lang, (int)d, text);
        if (!rc && keep) cx_seen_cache_put(s, name, k->sents + first, k->n - first);
    }
    if (!rc && keep_set) cx_seen_set_cache_put(s, set_name, k->sents, k->n, seen->n_articles);
    if (!rc) rc = seen_index(k);
    if (rc) cx_seen_free(k);
    return rc;
}

void cx_seen_free(cx_seen_set *k)
{
    for (size_t i = 0; i < k->n; i++)
        free(k->sents[i].text), free(k->sents[i].stems), free(k->sents[i].stop), free(k->sents[i].content);
    free(k->sents);
    free(k->at), free(k->in), free(k->hits), free(k->touched);
    memset(k, 0, sizeof *k);
}

int cx_seen_says(const cx_seen_set *k, const cx_sent *st)
{
    if (!st->n_content || !k->at) return 0;
    double need = KNOWN_CONTAINMENT * (double)st->n_content;
    size_t n_touched = 0;
    int says = 0;
    for (size_t a = 0; a < st->n_content && !says; a++) {
        if (st->content[a] < 0 || (size_t)st->content[a] >= k->n_ids) continue;
        for (uint32_t p = k->at[st->content[a]]; p < k->at[st->content[a] + 1]; p++) {
            uint32_t i = k->in[p];
            if (!k->hits[i]++) k->touched[n_touched++] = i;
            if ((double)k->hits[i] >= need && (double)k->sents[i].n_content >= need) {
                says = 1;
                break;
            }
        }
    }
    for (size_t t = 0; t < n_touched; t++) k->hits[k->touched[t]] = 0;
    return says;
}
