/* Provenance through the stem index gives the same outlets as reading every
 * sentence, and the duplicate marking by shingle prefixes finds the same
 * originals as comparing every pair. Stories are made of invented words
 * drawn from a small alphabet, so sentences share many words, some share
 * just enough to cross a threshold, and some articles copy others. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provenance.h"
#include "story_build.h"
#include "util.h"

#include <xxhash.h>

static const char *const WORDS[] = {
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
    "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
    "uniform", "victor", "whiskey", "xray", "yankee", "zulu", "amber", "basalt", "cobalt", "dune"};
static const char *const ENDINGS[] = {"", "ton", "ville", "mark"};
#define N_WORDS (sizeof WORDS / sizeof *WORDS * 4) /* each with each ending */

/* A small deterministic generator (the test must give the same stories
 * everywhere). */
static uint32_t next(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

static void sentence(cx_buf *b, uint32_t *r, size_t vocab)
{
    size_t n = 4 + next(r) % 9;
    int quoted = next(r) % 5 == 0;
    for (size_t i = 0; i < n; i++) {
        size_t x = next(r) % vocab;
        char w[32];
        snprintf(w, sizeof w, "%s%s", WORDS[x % (N_WORDS / 4)], ENDINGS[x / (N_WORDS / 4)]);
        if (quoted && i == 1) cx_buf_append(b, "\"", 1);
        if (!i) cx_buf_append(b, "Then ", 5);
        cx_buf_append(b, w, strlen(w));
        if (quoted && i == n - 1) cx_buf_append(b, "\"", 1);
        cx_buf_putc(b, i + 1 < n ? ' ' : '.');
    }
    cx_buf_putc(b, ' ');
}

/* n articles from n / 2 outlets; about one in six copies an earlier one
 * with a word or two changed. */
static void build(chorus_corpus *c, cx_story *s, int n, uint32_t seed, size_t vocab)
{
    uint32_t r = seed;
    chorus_corpus_init(c);
    char **texts = calloc((size_t)n, sizeof *texts);
    assert_non_null(texts);
    for (int i = 0; i < n; i++) {
        cx_buf b;
        cx_buf_init(&b);
        if (i > 2 && next(&r) % 6 == 0) {
            const char *orig = texts[next(&r) % (uint32_t)i];
            cx_buf_append(&b, orig, strlen(orig));
            if (next(&r) % 2) sentence(&b, &r, vocab);
        } else {
            size_t k = 2 + next(&r) % 6;
            for (size_t j = 0; j < k; j++) sentence(&b, &r, vocab);
        }
        cx_buf_putc(&b, '\0');
        texts[i] = b.data;
        char id[16], src[24];
        snprintf(id, sizeof id, "a%d", i);
        snprintf(src, sizeof src, "Outlet %d", i / 2);
        chorus_article a = {0};
        a.id = strdup(id), a.source = strdup(src), a.text = strdup(texts[i]);
        a.published_unix = INT64_MIN;
        assert_int_equal(chorus_corpus_add(c, &a), 0);
    }
    for (int i = 0; i < n; i++) free(texts[i]);
    free(texts);
    chorus_error err = {0};
    assert_int_equal(cx_story_build(s, c, &err), 0);
}

static void same_outlets_with_and_without_the_index(void **state)
{
    (void)state;
    size_t compared = 0, shared_with_others = 0, bounded = 0;
    for (uint32_t seed = 1; seed <= 6; seed++) {
        chorus_corpus c;
        cx_story s;
        build(&c, &s, 40, seed, seed % 2 ? 20 : N_WORDS);
        assert_int_equal(cx_mark_duplicate_docs(&s, 0.6), 0);
        cx_prov_index *ix;
        assert_int_equal(cx_prov_index_build(&s, &ix), 0);
        for (size_t d = 0; d < s.n_docs; d++)
            for (size_t k = 0; k < s.docs[d].n_sents; k++) {
                int *slow, *fast;
                int ns = cx_provenance(&s, NULL, (int)d, (int)k, &slow);
                int nf = cx_provenance(&s, ix, (int)d, (int)k, &fast);
                assert_true(ns >= 1);
                assert_int_equal(ns, nf);
                assert_memory_equal(slow, fast, sizeof *slow * (size_t)ns);
                /* the bound a caller may skip the question by */
                int most = cx_provenance_most(&s, ix, (int)d, (int)k);
                assert_true(most >= ns && (size_t)most <= s.n_outlets);
                bounded += most < (int)s.n_outlets;
                compared++;
                shared_with_others += ns > 1;
                free(slow), free(fast);
            }
        /* the same questions all at once, on 1 to 3 threads */
        size_t ns_all = 0;
        for (size_t d = 0; d < s.n_docs; d++) ns_all += s.docs[d].n_sents;
        int *doc = malloc(sizeof *doc * ns_all), *sent = malloc(sizeof *sent * ns_all);
        int *n_out = malloc(sizeof *n_out * ns_all), *most = malloc(sizeof *most * ns_all);
        int **out = malloc(sizeof *out * ns_all);
        assert_non_null(doc), assert_non_null(sent), assert_non_null(n_out), assert_non_null(most), assert_non_null(out);
        for (size_t d = 0, i = 0; d < s.n_docs; d++)
            for (size_t k = 0; k < s.docs[d].n_sents; k++, i++) doc[i] = (int)d, sent[i] = (int)k;
        for (int t = 1; t <= 3; t++) {
            s.threads = t;
            assert_int_equal(cx_provenance_many(&s, ix, doc, sent, ns_all, out, n_out), 0);
            assert_int_equal(cx_provenance_most_many(&s, ix, doc, sent, ns_all, most), 0);
            for (size_t i = 0; i < ns_all; i++) {
                int *one;
                int n1 = cx_provenance(&s, ix, doc[i], sent[i], &one);
                assert_int_equal(n1, n_out[i]);
                assert_memory_equal(one, out[i], sizeof *one * (size_t)n1);
                assert_int_equal(most[i], cx_provenance_most(&s, ix, doc[i], sent[i]));
                free(one), free(out[i]);
            }
        }
        free(doc), free(sent), free(n_out), free(most), free(out);
        cx_prov_index_free(ix);
        cx_story_free(&s);
        chorus_corpus_free(&c);
    }
    print_message("%zu sentences, %zu carried by another outlet\n", compared, shared_with_others);
    /* the stories exercise both answers */
    assert_true(compared > 500);
    assert_true(shared_with_others > compared / 10 && shared_with_others < compared);
    /* and the bound is below the trivial one for many */
    assert_true(bounded > compared / 4);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The rule, written out: sorted unique hashes of 4-stem shingles, and for
 * each doc the first earlier doc, not itself a copy, whose Jaccard reaches
 * the threshold. */
static size_t shingles(const cx_doc *doc, uint64_t **out)
{
    size_t total = 1, n = 0;
    for (size_t k = 0; k < doc->n_sents; k++) total += doc->sents[k].n_tok;
    uint64_t *v = malloc(sizeof *v * total);
    assert_non_null(v);
    for (size_t k = 0; k < doc->n_sents; k++)
        for (size_t i = 0; i + 4 <= doc->sents[k].n_tok; i++)
            v[n++] = XXH3_64bits(doc->sents[k].stems + i, 4 * sizeof(int32_t));
    qsort(v, n, sizeof *v, cmp_u64);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!m || v[m - 1] != v[i]) v[m++] = v[i];
    *out = v;
    return m;
}

static void reference_marks(const cx_story *s, double threshold, int *orig)
{
    uint64_t **sh = calloc(s->n_docs, sizeof *sh);
    size_t *n = calloc(s->n_docs, sizeof *n);
    assert_non_null(sh), assert_non_null(n);
    for (size_t d = 0; d < s->n_docs; d++) n[d] = shingles(&s->docs[d], &sh[d]), orig[d] = -1;
    for (size_t d = 1; d < s->n_docs; d++)
        for (size_t e = 0; e < d; e++) {
            if (orig[e] >= 0 || !n[d] || !n[e]) continue;
            size_t i = 0, j = 0, k = 0;
            while (i < n[d] && j < n[e]) {
                if (sh[d][i] < sh[e][j]) i++;
                else if (sh[d][i] > sh[e][j]) j++;
                else k++, i++, j++;
            }
            if ((double)k / (double)(n[d] + n[e] - k) >= threshold) {
                orig[d] = (int)e;
                break;
            }
        }
    for (size_t d = 0; d < s->n_docs; d++) free(sh[d]);
    free(sh), free(n);
}

static void same_originals_as_every_pair(void **state)
{
    (void)state;
    size_t copies = 0;
    const double thresholds[] = {0.6, 0.3, 0.9};
    for (uint32_t seed = 11; seed <= 16; seed++) {
        chorus_corpus c;
        cx_story s;
        build(&c, &s, 60, seed, seed % 2 ? 8 : N_WORDS);
        double t = thresholds[seed % 3];
        int orig[60];
        reference_marks(&s, t, orig);
        assert_int_equal(cx_mark_duplicate_docs(&s, t), 0);
        for (size_t d = 0; d < s.n_docs; d++) {
            assert_int_equal(s.docs[d].duplicate_of, orig[d]);
            copies += orig[d] >= 0;
        }
        cx_story_free(&s);
        chorus_corpus_free(&c);
    }
    assert_true(copies >= 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_outlets_with_and_without_the_index),
        cmocka_unit_test(same_originals_as_every_pair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
