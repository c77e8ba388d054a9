/* Relevance to a question and novelty against what was read (focus.h). */
#include <stdlib.h>
#include <string.h>

#include "focus.h"
#include "seen_cache.h"
#include "text.h"
#include "u64map.h"
#include "util.h"

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

/* One sentence's tokens, stemmed by the lexer, appended to t. */
static int text_sentence(cx_seen_text *t, cx_u64map *local, size_t *cap_stems, size_t *cap_tok, size_t *cap_sents,
                         cx_story_lexer *x, const cx_lang *lang, const char *text, size_t n)
{
    cx_sent tmp = {0};
    int rc = cx_story_lexer_tokenize(x, lang, &tmp, text, n) ? CHORUS_ENOMEM : 0;
    if (!rc && (cx_grow((void **)&t->tok, cap_tok, t->n_tok + tmp.n_tok, sizeof *t->tok) ||
                cx_grow((void **)&t->sent_end, cap_sents, t->n_sents + 1, sizeof *t->sent_end)))
        rc = CHORUS_ENOMEM;
    for (size_t i = 0; i < tmp.n_tok && !rc; i++) {
        uint64_t h;
        int stop, added;
        if (cx_story_lexer_stem(x, tmp.stems[i], &h, &stop)) {
            rc = CHORUS_ENOMEM;
            break;
        }
        int64_t li = cx_u64map_add(local, h, &added);
        if (li < 0 || (added && cx_grow((void **)&t->stems, cap_stems, (size_t)li + 1, sizeof *t->stems))) {
            rc = CHORUS_ENOMEM;
            break;
        }
        if (added) t->stems[li] = h, t->n_stems = (size_t)li + 1;
        t->tok[t->n_tok++] = (uint32_t)li << 1 | (stop ? 1 : 0);
    }
    if (!rc) t->sent_end[t->n_sents++] = t->n_tok;
    free(tmp.stems), free(tmp.stop);
    return rc;
}

/* The words of one seen report, read afresh. */
static int read_report(cx_seen_text *t, cx_story_lexer *x, const cx_lang *lang, const char *text)
{
    char *norm;
    size_t nlen;
    if (cx_normalize(text, strlen(text), &norm, &nlen)) return CHORUS_ENOMEM;
    char **paras;
    int np = cx_paragraphs(norm, nlen, &paras);
    free(norm);
    if (np < 0) return CHORUS_ENOMEM;
    cx_u64map local = {0};
    size_t cap_stems = 0, cap_tok = 0, cap_sents = 0;
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
            rc = text_sentence(t, &local, &cap_stems, &cap_tok, &cap_sents, x, lang, paras[p] + sp[j].start,
                               sp[j].end - sp[j].start);
        free(sp);
    }
    cx_strings_free(paras, (size_t)np);
    cx_u64map_free(&local);
    return rc;
}

/* The tables of the seen reports read (or taken from the per-report cache)
 * one by one. */
static int build_tables(cx_seen_tables *out, cx_story *s, const cx_lang *lang, uint64_t fingerprint,
                        const chorus_corpus *seen)
{
    size_t n = seen->n_articles;
    cx_seen_text *texts = calloc(n ? n : 1, sizeof *texts);
    if (!texts) return CHORUS_ENOMEM;
    cx_story_lexer *x = NULL;
    int rc = 0;
    for (size_t d = 0; d < n && !rc; d++) {
        const char *text = seen->articles[d].text ? seen->articles[d].text : "";
        char name[CX_SEEN_KEY_BYTES];
        int keep = !cx_seen_cache_key(lang, fingerprint, text, strlen(text), name);
        int got = keep ? cx_seen_cache_get(name, &texts[d]) : 0;
        if (got < 0) rc = got;
        if (got) continue;
        /* the lexer stems into tables of its own: the story's are not touched */
        if (!x && !(x = cx_story_lexer_new(s))) rc = CHORUS_ENOMEM;
        if (!rc) rc = read_report(&texts[d], x, lang, text);
        if (!rc && keep) cx_seen_cache_put(name, &texts[d]);
    }
    cx_story_lexer_free(x);
    if (!rc) rc = cx_seen_tables_build(texts, n, out);
    for (size_t d = 0; d < n; d++) cx_seen_text_free(&texts[d]);
    free(texts);
    return rc;
}

int cx_seen_init(cx_seen_set *k, cx_story *s, const chorus_corpus *seen, const chorus_seen_files *files,
                 chorus_error *err)
{
    memset(k, 0, sizeof *k);
    if (!seen && !files) return 0;
    const cx_lang *lang = s->n_langs ? s->langs[0] : cx_lang_get("en");
    uint64_t fingerprint = cx_lang_fingerprint(lang);
    /* the same set as a run before: one file, used in place */
    char set_name[CX_SEEN_KEY_BYTES];
    int keep_set = 0;
    if (seen && seen->n_articles > 1) {
        const char **texts = malloc(sizeof *texts * seen->n_articles);
        if (!texts) return cx_fail(err, CHORUS_ENOMEM, "out of memory");
        for (size_t d = 0; d < seen->n_articles; d++)
            texts[d] = seen->articles[d].text ? seen->articles[d].text : "";
        keep_set = !cx_seen_set_key_texts(lang, fingerprint, texts, seen->n_articles, set_name);
        free(texts);
    } else if (!seen)
        keep_set = !cx_seen_set_key_files(lang, fingerprint, files->key, set_name);
    int rc = keep_set ? cx_seen_tables_get(set_name, &k->t) : 0;
    if (rc < 0) return cx_fail(err, rc, "out of memory");
    if (!rc) {
        if (!seen) {
            /* nothing kept for these files: read them now */
            int whole = 0;
            if ((rc = files->load(files->ctx, &seen, &whole)) || !seen)
                return cx_fail(err, rc ? rc : CHORUS_EINVAL, "the seen reports could not be read");
            if (!whole) keep_set = 0; /* what was skipped would go unsaid on the next run */
        }
        if ((rc = build_tables(&k->t, s, lang, fingerprint, seen))) return cx_fail(err, rc, "out of memory");
        if (keep_set) cx_seen_tables_put(set_name, &k->t);
    }
    k->n = k->t.n_sents, k->n_docs = k->t.n_docs;
    k->hits = calloc(k->n ? k->n : 1, sizeof *k->hits);
    k->touched = malloc(sizeof *k->touched * (k->n ? k->n : 1));
    if (!k->hits || !k->touched) {
        cx_seen_free(k);
        return cx_fail(err, CHORUS_ENOMEM, "out of memory");
    }
    return 0;
}

void cx_seen_free(cx_seen_set *k)
{
    cx_seen_tables_free(&k->t);
    free(k->hits), free(k->touched);
    memset(k, 0, sizeof *k);
}

#define SAYS_STEMS 64

/* The postings of seen stem i, bounded by the arrays too: a kept set is used as read. */
static void postings_of(const cx_seen_tables *t, long i, uint32_t *lo, uint32_t *hi)
{
    uint32_t end = t->at[i + 1] < t->n_post ? t->at[i + 1] : (uint32_t)t->n_post;
    *lo = t->at[i] < end ? t->at[i] : end;
    *hi = end;
}

/* Counts one for each seen sentence in postings lo..hi that could hold need
 * stems (one with fewer content words never does); 1 once one reaches need. */
static int count_postings(const cx_seen_set *k, uint32_t lo, uint32_t hi, uint32_t need, size_t *n_touched)
{
    const cx_seen_tables *t = &k->t;
    for (uint32_t p = lo; p < hi; p++) {
        uint32_t j = t->in[p];
        if (j >= t->n_sents || t->n_content[j] < need) continue;
        if (!k->hits[j]++) k->touched[(*n_touched)++] = j;
        if (k->hits[j] >= need) return 1;
    }
    return 0;
}

/* Every seen sentence that shares a stem with st, counted. */
static int says_plain(const cx_seen_set *k, const cx_story *s, const cx_sent *st, uint32_t need)
{
    size_t n_touched = 0;
    int says = 0;
    for (size_t a = 0; a < st->n_content && !says; a++) {
        long i = cx_seen_find_stem(&k->t, cx_vocab_hash(s->vocab, st->content[a]));
        if (i < 0) continue;
        uint32_t lo, hi;
        postings_of(&k->t, i, &lo, &hi);
        says = count_postings(k, lo, hi, need, &n_touched);
    }
    for (size_t x = 0; x < n_touched; x++) k->hits[k->touched[x]] = 0;
    return says;
}

/* A seen sentence j can say st only if it holds need of st's m stems the
 * seen set has, so one of any m - need + 1 of them: the sentences of the
 * rarest that many are the only ones to count for (their postings are
 * short), and for the other stems each such sentence is looked up in the
 * stem's postings (sorted), dropped once it cannot reach need. */
int cx_seen_says(const cx_seen_set *k, const cx_story *s, const cx_sent *st)
{
    if (!st->n_content || !k->t.n_stems) return 0;
    /* counts are whole: "at least 0.7 n" is "at least its ceiling" */
    double share = KNOWN_CONTAINMENT * (double)st->n_content;
    uint32_t need = (uint32_t)share;
    if ((double)need < share) need++;
    const cx_seen_tables *t = &k->t;
    uint32_t lo[SAYS_STEMS], hi[SAYS_STEMS];
    size_t m = 0;
    for (size_t a = 0; a < st->n_content; a++) {
        long i = cx_seen_find_stem(t, cx_vocab_hash(s->vocab, st->content[a]));
        if (i < 0) continue;
        if (m == SAYS_STEMS) return says_plain(k, s, st, need); /* a long sentence: each posting walked */
        postings_of(t, i, &lo[m], &hi[m]);
        m++;
    }
    if (m < need) return 0; /* no sentence can hold need of them */
    for (size_t a = 1; a < m; a++) { /* rarest first */
        uint32_t l = lo[a], h = hi[a];
        size_t b = a;
        for (; b > 0 && hi[b - 1] - lo[b - 1] > h - l; b--) lo[b] = lo[b - 1], hi[b] = hi[b - 1];
        lo[b] = l, hi[b] = h;
    }
    size_t first = m - need + 1, n_touched = 0;
    int says = 0;
    for (size_t a = 0; a < first && !says; a++) says = count_postings(k, lo[a], hi[a], need, &n_touched);
    /* the other stems: each sentence counted for, looked up in their postings */
    size_t alive = n_touched;
    for (size_t a = first; a < m && !says && alive; a++) {
        size_t left = m - a - 1;
        for (size_t x = 0; x < alive && !says;) {
            uint32_t j = k->touched[x];
            size_t l = lo[a], h = hi[a];
            while (l < h) {
                size_t mid = (l + h) / 2;
                if (t->in[mid] < j) l = mid + 1;
                else h = mid;
            }
            if (l < hi[a] && t->in[l] == j && ++k->hits[j] >= need) says = 1;
            else if (k->hits[j] + left < need) { /* cannot get there: out of the count */
                k->touched[x] = k->touched[--alive];
                k->touched[alive] = j;
                continue;
            }
            x++;
        }
    }
    for (size_t x = 0; x < n_touched; x++) k->hits[k->touched[x]] = 0;
    return says;
}

size_t cx_seen_concept_df(const cx_seen_set *k, const cx_story *s, int32_t a, int32_t b, size_t max_tok)
{
    uint64_t ha = cx_vocab_hash(s->vocab, a);
    uint64_t key = b < 0 ? cx_seen_concept_key(ha, 0, 1) : cx_seen_concept_key(ha, cx_vocab_hash(s->vocab, b), 0);
    long i = cx_seen_find_concept(&k->t, key);
    if (i < 0) return 0;
    size_t df = 0;
    uint32_t end = k->t.cat[i + 1] < k->t.n_need ? k->t.cat[i + 1] : (uint32_t)k->t.n_need;
    for (uint32_t p = k->t.cat[i]; p < end; p++) df += k->t.need[p] <= max_tok;
    return df;
}
