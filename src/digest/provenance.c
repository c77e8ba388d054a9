/* Provenance and duplicate articles.
 *
 * An outlet carries a sentence's information when one of its sentences (or
 * two consecutive ones, for a statement split differently) contains most of
 * the sentence's content words, or, for a quotation, nearly all the content
 * words of the quoted words: the same quote reported with a different
 * attribution is the same information. */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "provenance.h"
#include "util.h"

#define WHOLE_CONTAINMENT 0.5
#define PAIR_CONTAINMENT 0.65
#define QUOTE_CONTAINMENT 0.8
#define MIN_QUOTE_CONTENT 3
#define BIGRAM_CONTAINMENT 0.25

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static size_t shared(const int32_t *a, size_t na, const int32_t *b, size_t nb)
{
    size_t i = 0, j = 0, k = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j]) i++;
        else if (a[i] > b[j]) j++;
        else k++, i++, j++;
    }
    return k;
}

/* Content stems of the quoted parts of a sentence (inside “ ” or " " or `` ''). */
static size_t quoted_content(cx_story *s, const cx_sent *st, int32_t **out)
{
    cx_buf q;
    cx_buf_init(&q);
    const char *t = st->text;
    int in = 0;
    for (size_t i = 0; i < st->len; i++) {
        unsigned char c = (unsigned char)t[i];
        int open = 0, close = 0;
        size_t k = 1;
        if (c == 0xE2 && i + 2 < st->len && (unsigned char)t[i + 1] == 0x80) {
            if ((unsigned char)t[i + 2] == 0x9C) open = 1, k = 3;
            else if ((unsigned char)t[i + 2] == 0x9D) close = 1, k = 3;
        } else if (c == '"') {
            if (in) close = 1;
            else open = 1;
        } else if (c == '`' && i + 1 < st->len && t[i + 1] == '`') open = 1, k = 2;
        else if (c == '\'' && i + 1 < st->len && t[i + 1] == '\'' && in) close = 1, k = 2;
        if (open) {
            in = 1;
            cx_buf_putc(&q, ' ');
        } else if (close) {
            in = 0;
            cx_buf_putc(&q, ' ');
        } else if (in)
            cx_buf_append(&q, t + i, k);
        i += k - 1;
    }
    *out = NULL;
    if (!q.len) {
        cx_buf_free(&q);
        return 0;
    }
    cx_sent tmp = {0};
    size_t n = 0;
    if (cx_story_tokenize(s, &tmp, q.data, q.len) == 0) n = cx_sent_content_set(&tmp, out);
    free(tmp.stems), free(tmp.stop);
    cx_buf_free(&q);
    return n;
}

/* Sorted pairs of consecutive content stems: word order, which a bag of
 * words misses ("forces would be using helicopters" vs "helicopter traffic"). */
static size_t content_bigrams(const cx_sent *st, uint64_t **out)
{
    uint64_t *v = malloc(sizeof *v * (st->n_tok + 1));
    size_t n = 0;
    int64_t prev = -1;
    if (!v) {
        *out = NULL;
        return 0;
    }
    for (size_t i = 0; i < st->n_tok; i++) {
        if (st->stop[i]) continue;
        if (prev >= 0) v[n++] = ((uint64_t)prev << 32) | (uint32_t)st->stems[i];
        prev = st->stems[i];
    }
    qsort(v, n, sizeof *v, cmp_u64);
    *out = v;
    return n;
}

static size_t shared_u64(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, k = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j]) i++;
        else if (a[i] > b[j]) j++;
        else k++, i++, j++;
    }
    return k;
}

static int carried_by(const cx_doc *doc, const int32_t *a, size_t na, const uint64_t *ba, size_t nba,
                      const int32_t *qa, size_t nqa)
{
    const int32_t *prev = NULL;
    size_t nprev = 0;
    int found = 0;
    for (size_t k = 0; k < doc->n_sents && !found; k++) {
        const int32_t *b = doc->sents[k].content;
        size_t nb = doc->sents[k].n_content;
        size_t sh = shared(a, na, b, nb);
        if (na && (double)sh / (double)na >= WHOLE_CONTAINMENT) {
            uint64_t *bb;
            size_t nbb = content_bigrams(&doc->sents[k], &bb);
            found = !nba || (double)shared_u64(ba, nba, bb, nbb) / (double)nba >= BIGRAM_CONTAINMENT;
            free(bb);
        }
        if (!found && nqa >= MIN_QUOTE_CONTENT && (double)shared(qa, nqa, b, nb) / (double)nqa >= QUOTE_CONTAINMENT)
            found = 1;
        if (!found && prev && na) {
            /* the statement split over two sentences: the stems of either one
             * (both sets are sorted, so a merge gives the union's overlap) */
            size_t sh2 = 0, i = 0, j = 0;
            for (size_t q = 0; q < na; q++) {
                while (i < nprev && prev[i] < a[q]) i++;
                while (j < nb && b[j] < a[q]) j++;
                sh2 += (i < nprev && prev[i] == a[q]) || (j < nb && b[j] == a[q]);
            }
            if ((double)sh2 / (double)na >= PAIR_CONTAINMENT) found = 1;
        }
        prev = b;
        nprev = nb;
    }
    return found;
}

int cx_provenance(cx_story *s, int doc, int sent, int **out)
{
    const cx_sent *st = &s->docs[doc].sents[sent];
    int32_t *a, *qa;
    size_t na = cx_sent_content_set(st, &a);
    size_t nqa = quoted_content(s, st, &qa);
    uint64_t *ba;
    size_t nba = content_bigrams(st, &ba);
    char *has = calloc(s->n_outlets ? s->n_outlets : 1, 1);
    int *v = malloc(sizeof *v * (s->n_outlets ? s->n_outlets : 1));
    if (!has || !v) {
        free(a), free(qa), free(ba), free(has), free(v);
        return CHORUS_ENOMEM;
    }
    has[s->doc_outlet[doc]] = 1;
    for (size_t d = 0; d < s->n_docs; d++) {
        int o = s->doc_outlet[d];
        if (has[o]) continue;
        if (s->docs[d].duplicate_of >= 0 || carried_by(&s->docs[d], a, na, ba, nba, qa, nqa)) {
            /* a duplicate copy carries everything its original carries */
            int orig = s->docs[d].duplicate_of;
            if (orig < 0 || orig == doc || carried_by(&s->docs[orig], a, na, ba, nba, qa, nqa) ||
                s->doc_outlet[orig] == s->doc_outlet[doc])
                has[o] = 1;
        }
    }
    int n = 0;
    for (size_t o = 0; o < s->n_outlets; o++)
        if (has[o]) v[n++] = (int)o;
    free(a), free(qa), free(ba), free(has);
    *out = v;
    return n;
}

/* ---- duplicate articles --------------------------------------------------- */


/* Sorted unique hashes of 4-stem shingles over the whole doc. */
static size_t doc_shingles(const cx_doc *doc, uint64_t **out)
{
    size_t total = 0;
    for (size_t k = 0; k < doc->n_sents; k++) total += doc->sents[k].n_tok;
    uint64_t *v = malloc(sizeof *v * (total + 1));
    size_t n = 0;
    if (!v) {
        *out = NULL;
        return 0;
    }
    for (size_t k = 0; k < doc->n_sents; k++) {
        const cx_sent *st = &doc->sents[k];
        for (size_t i = 0; i + 4 <= st->n_tok; i++) v[n++] = XXH3_64bits(st->stems + i, 4 * sizeof(int32_t));
    }
    qsort(v, n, sizeof *v, cmp_u64);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!m || v[m - 1] != v[i]) v[m++] = v[i];
    *out = v;
    return m;
}

int cx_mark_duplicate_docs(cx_story *s, double threshold)
{
    uint64_t **sh = calloc(s->n_docs ? s->n_docs : 1, sizeof *sh);
    size_t *n = calloc(s->n_docs ? s->n_docs : 1, sizeof *n);
    if (!sh || !n) {
        free(sh), free(n);
        return CHORUS_ENOMEM;
    }
    for (size_t d = 0; d < s->n_docs; d++) n[d] = doc_shingles(&s->docs[d], &sh[d]);
    for (size_t d = 1; d < s->n_docs; d++) {
        for (size_t e = 0; e < d; e++) {
            if (s->docs[e].duplicate_of >= 0 || !n[d] || !n[e]) continue;
            size_t i = 0, j = 0, k = 0;
            while (i < n[d] && j < n[e]) {
                if (sh[d][i] < sh[e][j]) i++;
                else if (sh[d][i] > sh[e][j]) j++;
                else k++, i++, j++;
            }
            double jac = (double)k / (double)(n[d] + n[e] - k);
            if (jac >= threshold) {
                s->docs[d].duplicate_of = (int)e;
                s->docs[d].duplicate_similarity = jac;
                break;
            }
        }
    }
    for (size_t d = 0; d < s->n_docs; d++) free(sh[d]);
    free(sh), free(n);
    return 0;
}
