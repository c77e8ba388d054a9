/* Provenance and duplicate articles.
 *
 * An outlet carries a sentence's information when one of its sentences (or
 * two consecutive ones, for a statement split differently) contains most of
 * the sentence's content words, or, for a quotation, nearly all the content
 * words of the quoted words: the same quote reported with a different
 * attribution is the same information. A sentence that states other
 * figures than the sentence's ("near 3,000 evacuated" against "2,500
 * evacuated") does not carry it: those are two reports, not one. */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "parallel.h"
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

/* ---- figures ------------------------------------------------------------ */

#define MAX_FIGURES 16
#define FIGURE_YEAR ((uint64_t)1 << 63)

/* The length of a separator inside a number at t[i]: "," "." " ", a
 * no-break space or a narrow no-break space (French "2 500"); 0 if none. */
static size_t number_separator(const char *t, size_t i, size_t len)
{
    const unsigned char *u = (const unsigned char *)t;
    if (t[i] == ',' || t[i] == '.' || t[i] == ' ') return 1;
    if (u[i] == 0xC2 && i + 1 < len && u[i + 1] == 0xA0) return 2;
    if (u[i] == 0xE2 && i + 2 < len && u[i + 1] == 0x80 && u[i + 2] == 0xAF) return 3;
    return 0;
}

/* The figures a sentence states, each as the hash of its digits: "2,500",
 * "2 500" and "2500" are one figure, "6,2" and "6.2" another. A separator
 * joins two digit groups only between digits (a space only before a group
 * of three: "Jan. 6, 2020" is two figures). Sorted, at most MAX_FIGURES. */
static size_t sentence_figures(const cx_sent *st, uint64_t *out)
{
    size_t n = 0;
    const char *t = st->text;
    for (size_t i = 0; i < st->len && n < MAX_FIGURES;) {
        if (t[i] < '0' || t[i] > '9') {
            i++;
            continue;
        }
        char digits[64];
        size_t nd = 0, start = i;
        while (i < st->len) {
            if (t[i] >= '0' && t[i] <= '9') {
                if (nd < sizeof digits) digits[nd++] = t[i];
                i++;
                continue;
            }
            size_t sep = number_separator(t, i, st->len);
            if (!sep || i + sep >= st->len || t[i + sep] < '0' || t[i + sep] > '9') break;
            if (sep > 1 || t[i] == ' ') { /* a space only before a group of three */
                size_t g = 0;
                while (i + sep + g < st->len && t[i + sep + g] >= '0' && t[i + sep + g] <= '9') g++;
                if (g != 3) break;
            }
            i += sep;
        }
        /* a year (1800-2099, written plain) is a figure of its own kind: "in 1996"
         * and "Yeltsin, 67" are no conflict */
        int year = nd == 4 && i - nd == start &&
                   ((digits[0] == '1' && (digits[1] == '8' || digits[1] == '9')) || (digits[0] == '2' && digits[1] == '0'));
        out[n++] = (XXH3_64bits(digits, nd) & ~FIGURE_YEAR) | (year ? FIGURE_YEAR : 0);
    }
    qsort(out, n, sizeof *out, cmp_u64);
    return n;
}

/* Does a sentence with figures b state other figures than those of the
 * sentence asked about (fa)? When, of one kind (years, or other figures),
 * both state some and share none. Years sort after the others. */
static int other_figures(const uint64_t *fa, size_t nfa, const uint64_t *b, size_t nb)
{
    size_t ya = 0, yb = 0; /* where the years start */
    while (ya < nfa && !(fa[ya] & FIGURE_YEAR)) ya++;
    while (yb < nb && !(b[yb] & FIGURE_YEAR)) yb++;
    if (ya && yb && !shared_u64(fa, ya, b, yb)) return 1;
    return nfa > ya && nb > yb && !shared_u64(fa + ya, nfa - ya, b + yb, nb - yb);
}

/* What a query reads of the sentence asked about: its content stems, the
 * stems of its quoted words and its content bigrams. Tokenizing the quoted
 * words may add words to the story: made on the calling thread only, in the
 * order the questions are asked (so the ids are those of one thread). */
typedef struct {
    int32_t *a, *qa;
    uint64_t *ba;
    size_t na, nqa, nba;
    uint64_t fa[MAX_FIGURES]; /* its figures (sentence_figures) */
    size_t nfa;
} query_words;

static void query_words_make(cx_story *s, const cx_sent *st, int bigrams, query_words *w)
{
    w->na = cx_sent_content_set(st, &w->a);
    w->nqa = quoted_content(s, st, &w->qa);
    w->ba = NULL, w->nba = 0;
    if (bigrams) w->nba = content_bigrams(st, &w->ba);
    w->nfa = sentence_figures(st, w->fa);
}

static void query_words_free(query_words *w) { free(w->a), free(w->qa), free(w->ba); }

/* Does sentence k of doc (with sentence k-1 before it) carry the sentence
 * whose words are w? */
static int sentence_carries(const cx_doc *doc, size_t k, const query_words *w)
{
    const int32_t *a = w->a, *qa = w->qa;
    const uint64_t *ba = w->ba;
    size_t na = w->na, nqa = w->nqa, nba = w->nba;
    const int32_t *b = doc->sents[k].content;
    size_t nb = doc->sents[k].n_content;
    int found = 0;
    size_t sh = shared(a, na, b, nb);
    if (na && (double)sh / (double)na >= WHOLE_CONTAINMENT) {
        uint64_t *bb;
        size_t nbb = content_bigrams(&doc->sents[k], &bb);
        found = !nba || (double)shared_u64(ba, nba, bb, nbb) / (double)nba >= BIGRAM_CONTAINMENT;
        free(bb);
    }
    uint64_t fb[2 * MAX_FIGURES];
    size_t nfb = found && w->nfa ? sentence_figures(&doc->sents[k], fb) : 0;
    if (found && other_figures(w->fa, w->nfa, fb, nfb)) found = 0;
    if (!found && nqa >= MIN_QUOTE_CONTENT && (double)shared(qa, nqa, b, nb) / (double)nqa >= QUOTE_CONTAINMENT)
        found = 1;
    const int32_t *prev = k ? doc->sents[k - 1].content : NULL;
    size_t nprev = k ? doc->sents[k - 1].n_content : 0;
    if (!found && prev && na) {
        /* the statement split over two sentences: the stems of either one
         * (both sets are sorted, so a merge gives the union's overlap) */
        size_t sh2 = 0, i = 0, j = 0;
        for (size_t q = 0; q < na; q++) {
            while (i < nprev && prev[i] < a[q]) i++;
            while (j < nb && b[j] < a[q]) j++;
            sh2 += (i < nprev && prev[i] == a[q]) || (j < nb && b[j] == a[q]);
        }
        if ((double)sh2 / (double)na >= PAIR_CONTAINMENT) {
            found = 1;
            if (w->nfa) { /* the figures of the two sentences together */
                nfb = sentence_figures(&doc->sents[k], fb);
                nfb += sentence_figures(&doc->sents[k - 1], fb + nfb);
                qsort(fb, nfb, sizeof *fb, cmp_u64);
                found = !other_figures(w->fa, w->nfa, fb, nfb);
            }
        }
    }
    return found;
}

static int carried_by(const cx_doc *doc, const query_words *w)
{
    for (size_t k = 0; k < doc->n_sents; k++)
        if (sentence_carries(doc, k, w)) return 1;
    return 0;
}

/* ---- the index --------------------------------------------------------- */

/* The scratch of one query, all zero between queries: one per thread that
 * asks (the index's own, and one more per worker of a batch). */
typedef struct {
    uint32_t *hits, *qhits; /* per sentence: stems of the sentence asked about, of its quoted words */
    uint32_t *touched;      /* the sentences with hits */
    size_t n_touched;
    char *carried;          /* per doc */
    uint32_t *dhits, *qdhits, *dtouched; /* for cx_provenance_most: per doc, as hits, qhits and touched */
    size_t n_dtouched;
    uint32_t *stamp, query; /* per outlet: the last query that counted it */
} prov_scratch;

struct cx_prov_index {
    size_t n_stems;    /* stems with ids below it are indexed (later ids occur in no sentence) */
    size_t *start;     /* postings of stem x: post[start[x] .. start[x + 1]) */
    uint32_t *post;    /* story-wide sentence numbers, ascending (not those of copies:
                        * a copy carries what its original does) */
    size_t n_sents;
    uint32_t *first;   /* n_docs + 1: the number of each doc's first sentence */
    uint32_t *doc_of;  /* the doc of each sentence */
    uint64_t *sig;     /* per sentence: one bit per content stem (stem_bit), to
                        * bound how many of a few stems it holds without reading it */
    uint32_t *dups;         /* the docs that copy another, ascending */
    size_t n_dups;
    /* for cx_provenance_most, made at its first call */
    size_t *dstart;         /* the docs holding stem x: dpost[dstart[x] .. dstart[x + 1]) */
    uint32_t *dpost;
    uint32_t *copies;       /* per doc: how many docs copy it */
    uint32_t *cstart, *clist; /* the copies of doc d: clist[cstart[d] .. cstart[d + 1]) */
    uint32_t *copies_in;    /* per outlet: how many docs copy one of its docs */
    prov_scratch q;         /* the scratch of the calling thread */
    prov_scratch *more;     /* the other workers' of a batch (cx_provenance_many) */
    int n_more;
};

static void scratch_free(prov_scratch *q)
{
    free(q->hits), free(q->qhits), free(q->touched), free(q->carried);
    free(q->dhits), free(q->qdhits), free(q->dtouched), free(q->stamp);
    memset(q, 0, sizeof *q);
}

/* The sentence scratch of a query (hits, qhits, touched, carried). */
static int scratch_init(prov_scratch *q, size_t n_sents, size_t n_docs)
{
    if (!(q->hits = calloc(n_sents ? n_sents : 1, sizeof *q->hits)) ||
        !(q->qhits = calloc(n_sents ? n_sents : 1, sizeof *q->qhits)) ||
        !(q->touched = malloc(sizeof *q->touched * (n_sents ? n_sents : 1))) ||
        !(q->carried = calloc(n_docs ? n_docs : 1, 1))) {
        scratch_free(q);
        return CHORUS_ENOMEM;
    }
    return 0;
}

/* The doc scratch of cx_provenance_most (dhits, qdhits, dtouched, stamp). */
static int scratch_docs(prov_scratch *q, size_t n_docs, size_t n_outlets)
{
    if (q->dhits) return 0;
    q->dhits = calloc(n_docs ? n_docs : 1, sizeof *q->dhits);
    q->qdhits = calloc(n_docs ? n_docs : 1, sizeof *q->qdhits);
    q->dtouched = malloc(sizeof *q->dtouched * (n_docs ? n_docs : 1));
    q->stamp = calloc(n_outlets ? n_outlets : 1, sizeof *q->stamp);
    if (q->dhits && q->qdhits && q->dtouched && q->stamp) return 0;
    free(q->dhits), free(q->qdhits), free(q->dtouched), free(q->stamp);
    q->dhits = q->qdhits = q->dtouched = q->stamp = NULL;
    return CHORUS_ENOMEM;
}

void cx_prov_index_free(cx_prov_index *ix)
{
    if (!ix) return;
    free(ix->start), free(ix->post), free(ix->first), free(ix->doc_of), free(ix->sig);
    free(ix->dups);
    free(ix->dstart), free(ix->dpost), free(ix->copies), free(ix->cstart), free(ix->clist), free(ix->copies_in);
    scratch_free(&ix->q);
    for (int w = 0; w < ix->n_more; w++) scratch_free(&ix->more[w]);
    free(ix->more);
    free(ix);
}

static uint64_t stem_bit(int32_t x) { return (uint64_t)1 << (((uint32_t)x * 2654435761u) >> 26); }

int cx_prov_index_build(const cx_story *s, cx_prov_index **out)
{
    *out = NULL;
    cx_prov_index *ix = calloc(1, sizeof *ix);
    if (!ix) return CHORUS_ENOMEM;
    ix->n_stems = cx_vocab_size(s->vocab);
    size_t total = 0, postings = 0;
    for (size_t d = 0; d < s->n_docs; d++) {
        total += s->docs[d].n_sents;
        if (s->docs[d].duplicate_of < 0)
            for (size_t k = 0; k < s->docs[d].n_sents; k++) postings += s->docs[d].sents[k].n_content;
    }
    ix->n_sents = total;
    if (total >= UINT32_MAX || !(ix->start = calloc(ix->n_stems + 2, sizeof *ix->start)) ||
        !(ix->post = malloc(sizeof *ix->post * (postings ? postings : 1))) ||
        !(ix->first = malloc(sizeof *ix->first * (s->n_docs + 1))) ||
        !(ix->doc_of = malloc(sizeof *ix->doc_of * (total ? total : 1))) ||
        !(ix->sig = calloc(total ? total : 1, sizeof *ix->sig)) || scratch_init(&ix->q, total, s->n_docs) ||
        !(ix->dups = malloc(sizeof *ix->dups * (s->n_docs ? s->n_docs : 1)))) {
        cx_prov_index_free(ix);
        return CHORUS_ENOMEM;
    }
    uint32_t g = 0;
    for (size_t d = 0; d < s->n_docs; d++) {
        ix->first[d] = g;
        for (size_t k = 0; k < s->docs[d].n_sents; k++, g++) {
            ix->doc_of[g] = (uint32_t)d;
            const cx_sent *st = &s->docs[d].sents[k];
            if (s->docs[d].duplicate_of >= 0) continue; /* a copy answers through its original */
            for (size_t i = 0; i < st->n_content; i++) {
                ix->start[(size_t)st->content[i] + 2]++;
                ix->sig[g] |= stem_bit(st->content[i]);
            }
        }
    }
    ix->first[s->n_docs] = g;
    for (size_t d = 0; d < s->n_docs; d++)
        if (s->docs[d].duplicate_of >= 0) ix->dups[ix->n_dups++] = (uint32_t)d;
    /* counts at x + 2, so that after the sums start[x + 1] is where stem x's
     * postings go while filling, and start[x] where they begin after */
    for (size_t x = 2; x < ix->n_stems + 2; x++) ix->start[x] += ix->start[x - 1];
    g = 0;
    for (size_t d = 0; d < s->n_docs; d++)
        for (size_t k = 0; k < s->docs[d].n_sents; k++, g++) {
            const cx_sent *st = &s->docs[d].sents[k];
            if (s->docs[d].duplicate_of >= 0) continue;
            for (size_t i = 0; i < st->n_content; i++) ix->post[ix->start[(size_t)st->content[i] + 1]++] = g;
        }
    *out = ix;
    return 0;
}

static size_t postings_of(const cx_prov_index *ix, int32_t x, const uint32_t **p)
{
    if (x < 0 || (size_t)x >= ix->n_stems) {
        *p = NULL;
        return 0;
    }
    *p = ix->post + ix->start[x];
    return ix->start[x + 1] - ix->start[x];
}

typedef struct {
    size_t len;
    int32_t stem;
} stem_len;

static int cmp_stem_len(const void *x, const void *y)
{
    const stem_len *a = x, *b = y;
    if (a->len != b->len) return a->len < b->len ? -1 : 1;
    return a->stem < b->stem ? -1 : a->stem > b->stem;
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* A stem in more than 1/COMMON_SHARE of the story's sentences is not counted
 * through its postings (up to need - 1 of them): its postings cost more than
 * they tell. For the sentence's own stems such stems are looked up in the
 * few sentences the others reach instead (COMMON_SHARE_LOOKUP); for quoted
 * words, left out. */
#define COMMON_SHARE 8
#define COMMON_SHARE_LOOKUP 512

/* Counts in hits[], per sentence, how many of the n stems of set it holds,
 * leaving out the commonest stems, fewer than need of them (share: see
 * COMMON_SHARE), which go to skipped (sorted; may be NULL when share is
 * COMMON_SHARE): a sentence holding need of set then has at least need -
 * left out counted. Returns that least count (0: set is empty), or a
 * negative code; *n_skipped the stems left out. */
static int count_hits(const cx_prov_index *ix, prov_scratch *q, const int32_t *set, size_t n, size_t need, uint32_t *hits, size_t share,
                      int32_t *skipped, size_t *n_skipped)
{
    if (n_skipped) *n_skipped = 0;
    if (!n || !need || need > n) return 0;
    stem_len *v = malloc(sizeof *v * n);
    if (!v) return CHORUS_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const uint32_t *p;
        v[i].len = postings_of(ix, set[i], &p);
        v[i].stem = set[i];
    }
    qsort(v, n, sizeof *v, cmp_stem_len);
    size_t skip = 0;
    while (skip + 1 < need && v[n - 1 - skip].len * share > ix->n_sents) skip++;
    for (size_t i = 0; i < n - skip; i++) {
        const uint32_t *p;
        size_t np = postings_of(ix, v[i].stem, &p);
        for (size_t j = 0; j < np; j++) {
            if (!q->hits[p[j]] && !q->qhits[p[j]]) q->touched[q->n_touched++] = p[j];
            hits[p[j]]++;
        }
    }
    if (skipped) {
        for (size_t i = 0; i < skip; i++) skipped[i] = v[n - 1 - i].stem;
        qsort(skipped, skip, sizeof *skipped, cmp_i32);
        *n_skipped = skip;
    }
    free(v);
    return (int)(need - skip);
}

/* At least the stems of set sentence g holds: those counted in hits, and
 * the left-out ones whose bit its signature has (bits: theirs). */
static uint32_t most_hits(const cx_prov_index *ix, const prov_scratch *q, uint32_t g, const uint64_t *bits, size_t n_skipped)
{
    uint32_t h = q->hits[g];
    for (size_t k = 0; k < n_skipped; k++) h += (ix->sig[g] & bits[k]) != 0;
    return h;
}

/* carried[d] for every doc: through the index, only the sentences whose
 * counts could reach a rule's share are read in full. */
static int carried_indexed(const cx_story *s, const cx_prov_index *ix, prov_scratch *q, const query_words *w)
{
    const int32_t *a = w->a, *qa = w->qa;
    size_t na = w->na, nqa = w->nqa;
    size_t need_a = 0, need_pair = 0, n_skipped = 0;
    int32_t *skipped = malloc(sizeof *skipped * (na + 1));
    if (!skipped) return CHORUS_ENOMEM;
    int least_a = 0, least_q = 0;
    if (na) {
        need_a = cx_least_count(na, WHOLE_CONTAINMENT), need_pair = cx_least_count(na, PAIR_CONTAINMENT);
        least_a = count_hits(ix, q, a, na, need_a, q->hits, COMMON_SHARE_LOOKUP, skipped, &n_skipped);
    }
    if (least_a >= 0 && nqa >= MIN_QUOTE_CONTENT)
        least_q = count_hits(ix, q, qa, nqa, cx_least_count(nqa, QUOTE_CONTAINMENT), q->qhits, COMMON_SHARE, NULL, NULL);
    int rc = least_a < 0 ? least_a : least_q < 0 ? least_q : 0;
    /* the whole count of a sentence, and of the one before it, for the
     * sentence as itself and as the second of a pair */
    uint64_t *bits = malloc(sizeof *bits * (n_skipped + 1));
    if (!bits) rc = rc ? rc : CHORUS_ENOMEM;
    for (size_t k = 0; bits && k < n_skipped; k++) bits[k] = stem_bit(skipped[k]);
#define FULL(g) most_hits(ix, q, g, bits, n_skipped)
    for (size_t i = 0; i < q->n_touched && !rc; i++) {
        /* each touched sentence as itself, and as the first of a pair */
        for (uint32_t g = q->touched[i], k = 0; k < 2; k++, g++) {
            if (g >= ix->n_sents) break;
            uint32_t d = ix->doc_of[g];
            if (k && (ix->doc_of[g] != ix->doc_of[g - 1] || q->hits[g] || q->qhits[g])) break; /* read in its own turn */
            if (q->carried[d]) continue;
            int maybe = least_q > 0 && q->qhits[g] >= (uint32_t)least_q;
            /* first on the counts alone (all left-out stems taken as held),
             * then with the left-out stems the signatures may hold */
            if (!maybe && least_a > 0 && q->hits[g] + n_skipped >= need_a) maybe = FULL(g) >= need_a;
            if (!maybe && least_a > 0 && g > ix->first[d] && q->hits[g] + q->hits[g - 1] + n_skipped >= need_pair)
                maybe = FULL(g) + FULL(g - 1) >= need_pair;
            if (maybe)
                q->carried[d] = (char)sentence_carries(&s->docs[d], g - ix->first[d], w);
        }
    }
#undef FULL
    free(skipped), free(bits);
    return rc;
}

/* Back to all zero for the next query. */
static void clear_query(const cx_prov_index *ix, prov_scratch *q)
{
    for (size_t i = 0; i < q->n_touched; i++) {
        uint32_t g = q->touched[i];
        q->hits[g] = q->qhits[g] = 0;
        q->carried[ix->doc_of[g]] = 0;
        if (g + 1 < ix->n_sents) q->carried[ix->doc_of[g + 1]] = 0;
    }
    q->n_touched = 0;
}


/* cx_provenance of the sentence with words w, with scratch q. */
static int provenance_of(const cx_story *s, const cx_prov_index *ix, prov_scratch *q, int doc, const query_words *w,
                         int **out)
{
    char *has = calloc(s->n_outlets ? s->n_outlets : 1, 1);
    int *v = malloc(sizeof *v * (s->n_outlets ? s->n_outlets : 1));
    int rc = 0;
    if (!has || !v || (ix && (rc = carried_indexed(s, ix, q, w)))) {
        if (ix) clear_query(ix, q);
        free(has), free(v);
        return CHORUS_ENOMEM;
    }
#define CARRIED(e) (ix ? q->carried[e] : carried_by(&s->docs[e], w))
    /* an outlet carries it through a doc that does, or through a copy of
     * one that does (a copy carries everything its original carries) */
    has[s->doc_outlet[doc]] = 1;
    if (ix) {
        for (size_t i = 0; i < q->n_touched; i++)
            for (uint32_t g = q->touched[i], k = 0; k < 2 && g < ix->n_sents; k++, g++) {
                uint32_t d = ix->doc_of[g];
                if (q->carried[d] && s->docs[d].duplicate_of < 0) has[s->doc_outlet[d]] = 1;
            }
    }
    for (size_t i = 0, n_scan = ix ? ix->n_dups : s->n_docs; i < n_scan; i++) {
        size_t d = ix ? ix->dups[i] : i;
        int o = s->doc_outlet[d];
        if (has[o]) continue;
        if (s->docs[d].duplicate_of >= 0 || CARRIED(d)) {
            int orig = s->docs[d].duplicate_of;
            if (orig < 0 || orig == doc || CARRIED(orig) || s->doc_outlet[orig] == s->doc_outlet[doc]) has[o] = 1;
        }
    }
#undef CARRIED
    if (ix) clear_query(ix, q);
    int n = 0;
    for (size_t o = 0; o < s->n_outlets; o++)
        if (has[o]) v[n++] = (int)o;
    free(has);
    *out = v;
    return n;
}

int cx_provenance(cx_story *s, cx_prov_index *ix, int doc, int sent, int **out)
{
    query_words w;
    query_words_make(s, &s->docs[doc].sents[sent], 1, &w);
    int n = provenance_of(s, ix, ix ? &ix->q : NULL, doc, &w, out);
    query_words_free(&w);
    return n;
}

/* ---- a bound from the docs ------------------------------------------------ */

/* dstart/dpost, copies, cstart/clist, copies_in and the doc scratch (see
 * the struct): the docs of each stem are its postings' docs, once each. */
static int bound_tables(const cx_story *s, cx_prov_index *ix)
{
    size_t nd = s->n_docs, no = s->n_outlets, total = 0;
    for (size_t x = 0; x < ix->n_stems; x++)
        for (size_t j = ix->start[x]; j < ix->start[x + 1]; j++)
            total += j == ix->start[x] || ix->doc_of[ix->post[j]] != ix->doc_of[ix->post[j - 1]];
    ix->dstart = malloc(sizeof *ix->dstart * (ix->n_stems + 1));
    ix->dpost = malloc(sizeof *ix->dpost * (total ? total : 1));
    ix->copies = calloc(nd ? nd : 1, sizeof *ix->copies);
    ix->cstart = calloc(nd + 2, sizeof *ix->cstart);
    ix->clist = malloc(sizeof *ix->clist * (ix->n_dups + 1));
    ix->copies_in = calloc(no ? no : 1, sizeof *ix->copies_in);
    if (!ix->dstart || !ix->dpost || !ix->copies || !ix->cstart || !ix->clist || !ix->copies_in ||
        scratch_docs(&ix->q, nd, no)) {
        free(ix->dstart), free(ix->dpost), free(ix->copies), free(ix->cstart), free(ix->clist), free(ix->copies_in);
        ix->dstart = NULL, ix->dpost = ix->copies = ix->cstart = ix->clist = ix->copies_in = NULL;
        return CHORUS_ENOMEM;
    }
    size_t m = 0;
    for (size_t x = 0; x < ix->n_stems; x++) {
        ix->dstart[x] = m;
        for (size_t j = ix->start[x]; j < ix->start[x + 1]; j++)
            if (j == ix->start[x] || ix->doc_of[ix->post[j]] != ix->doc_of[ix->post[j - 1]])
                ix->dpost[m++] = ix->doc_of[ix->post[j]];
    }
    ix->dstart[ix->n_stems] = m;
    /* the copies of each doc: clist[cstart[d] .. cstart[d + 1]) */
    for (size_t i = 0; i < ix->n_dups; i++) {
        int orig = s->docs[ix->dups[i]].duplicate_of;
        ix->copies[orig]++;
        ix->copies_in[s->doc_outlet[orig]]++;
        ix->cstart[(size_t)orig + 2]++;
    }
    for (size_t d = 2; d < nd + 2; d++) ix->cstart[d] += ix->cstart[d - 1];
    for (size_t i = 0; i < ix->n_dups; i++)
        ix->clist[ix->cstart[(size_t)s->docs[ix->dups[i]].duplicate_of + 1]++] = ix->dups[i];
    return 0;
}

/* Per doc, how many of the n stems of set it holds (into h; the docs
 * reached join dtouched). */
static void count_docs(const cx_prov_index *ix, prov_scratch *q, const int32_t *set, size_t n, uint32_t *h)
{
    for (size_t i = 0; i < n; i++) {
        if (set[i] < 0 || (size_t)set[i] >= ix->n_stems) continue;
        for (size_t j = ix->dstart[set[i]]; j < ix->dstart[set[i] + 1]; j++) {
            uint32_t d = ix->dpost[j];
            if (!q->dhits[d] && !q->qdhits[d]) q->dtouched[q->n_dtouched++] = d;
            h[d]++;
        }
    }
}

/* cx_provenance_most of the sentence with words w, with scratch q (the
 * bound tables made). */
static int provenance_most_of(const cx_story *s, const cx_prov_index *ix, prov_scratch *q, int doc,
                              const query_words *w)
{
    const int32_t *a = w->a, *qa = w->qa;
    size_t na = w->na, nqa = w->nqa;
    if ((na && !a) || (nqa && !qa)) return CHORUS_ENOMEM;
    size_t need_a = na ? cx_least_count(na, WHOLE_CONTAINMENT) : SIZE_MAX;
    size_t need_q = nqa >= MIN_QUOTE_CONTENT ? cx_least_count(nqa, QUOTE_CONTAINMENT) : SIZE_MAX;
    count_docs(ix, q, a, na, q->dhits);
    if (need_q != SIZE_MAX) count_docs(ix, q, qa, nqa, q->qdhits);
    if (++q->query == UINT32_MAX) {
        memset(q->stamp, 0, sizeof *q->stamp * (s->n_outlets ? s->n_outlets : 1));
        q->query = 1;
    }
    size_t most = 1 + (size_t)ix->copies[doc] + (size_t)ix->copies_in[s->doc_outlet[doc]];
    for (size_t i = 0; i < q->n_dtouched; i++) {
        uint32_t d = q->dtouched[i];
        if (q->dhits[d] >= need_a || q->qdhits[d] >= need_q) {
            int o = s->doc_outlet[d];
            if (q->stamp[o] != q->query) q->stamp[o] = q->query, most++;
            for (uint32_t c = ix->cstart[d]; c < ix->cstart[d + 1]; c++)
                if (q->stamp[o = s->doc_outlet[ix->clist[c]]] != q->query) q->stamp[o] = q->query, most++;
        }
        q->dhits[d] = q->qdhits[d] = 0;
    }
    q->n_dtouched = 0;
    return (int)(most < s->n_outlets ? most : s->n_outlets);
}

/* A doc carries the sentence only through a sentence (or two consecutive
 * ones) holding a rule's share of the sentence's stems (or of its quoted
 * words), so the doc holds that many of them. The outlets of such docs and
 * of their copies bound the answer, with the sentence's own outlet, its
 * doc's copies' and those of the copies of its outlet's docs. */
int cx_provenance_most(cx_story *s, cx_prov_index *ix, int doc, int sent)
{
    if (!ix->dstart && bound_tables(s, ix)) return CHORUS_ENOMEM;
    query_words w;
    query_words_make(s, &s->docs[doc].sents[sent], 0, &w);
    int most = provenance_most_of(s, ix, &ix->q, doc, &w);
    query_words_free(&w);
    return most;
}

/* ---- many questions at once, on the story's threads ---------------------- */

typedef struct {
    const cx_story *s;
    cx_prov_index *ix;
    const int *doc;
    query_words *w;
    int most;    /* cx_provenance_most, else cx_provenance */
    int *n_out;  /* the answers: counts (or bounds), and outlets */
    int **out;
} prov_batch;

static int batch_item(void *ctx, size_t i, int wk)
{
    prov_batch *b = ctx;
    prov_scratch *q = wk ? &b->ix->more[wk - 1] : &b->ix->q;
    int n = b->most ? provenance_most_of(b->s, b->ix, q, b->doc[i], &b->w[i])
                    : provenance_of(b->s, b->ix, q, b->doc[i], &b->w[i], &b->out[i]);
    if (n < 0) return n;
    b->n_out[i] = n;
    return 0;
}

/* Scratch for the workers beyond the first (threads in all). */
static int more_scratch(const cx_story *s, cx_prov_index *ix, int threads, int docs)
{
    if (threads - 1 > ix->n_more) {
        prov_scratch *m = realloc(ix->more, sizeof *m * (size_t)(threads - 1));
        if (!m) return CHORUS_ENOMEM;
        ix->more = m;
        for (; ix->n_more < threads - 1; ix->n_more++) {
            memset(&m[ix->n_more], 0, sizeof *m);
            if (scratch_init(&m[ix->n_more], ix->n_sents, s->n_docs)) return CHORUS_ENOMEM;
        }
    }
    for (int w = 0; docs && w < ix->n_more; w++)
        if (scratch_docs(&ix->more[w], s->n_docs, s->n_outlets)) return CHORUS_ENOMEM;
    return 0;
}

/* Fewer questions than this are asked on the calling thread: a thread
 * costs more to start than they take. */
#define BATCH_THREADS_FROM 32

static int provenance_batch(cx_story *s, cx_prov_index *ix, const int *doc, const int *sent, size_t n, int most,
                            int *n_out, int **out)
{
    if (!n) return 0;
    if (most && !ix->dstart && bound_tables(s, ix)) return CHORUS_ENOMEM;
    query_words *w = calloc(n ? n : 1, sizeof *w);
    if (!w) return CHORUS_ENOMEM;
    /* the words in question order, on this thread (see query_words) */
    for (size_t i = 0; i < n; i++) query_words_make(s, &s->docs[doc[i]].sents[sent[i]], !most, &w[i]);
    int rc = 0;
    if (!ix) /* every sentence of the story read: no scratch to share, one thread */
        for (size_t i = 0; i < n && !rc; i++) {
            int k = provenance_of(s, NULL, NULL, doc[i], &w[i], &out[i]);
            if (k < 0) rc = k;
            else n_out[i] = k;
        }
    else {
        int threads = n >= BATCH_THREADS_FROM ? cx_threads_for(s->threads, n) : 1;
        prov_batch b = {s, ix, doc, w, most, n_out, out};
        if (!(rc = more_scratch(s, ix, threads, most))) rc = cx_parallel_for(n, threads, batch_item, &b);
    }
    for (size_t i = 0; i < n; i++) query_words_free(&w[i]);
    free(w);
    if (rc && out)
        for (size_t i = 0; i < n; i++) free(out[i]), out[i] = NULL;
    return rc;
}

int cx_provenance_many(cx_story *s, cx_prov_index *ix, const int *doc, const int *sent, size_t n, int **out,
                       int *n_out)
{
    for (size_t i = 0; i < n; i++) out[i] = NULL;
    return provenance_batch(s, ix, doc, sent, n, 0, n_out, out);
}

int cx_provenance_most_many(cx_story *s, cx_prov_index *ix, const int *doc, const int *sent, size_t n, int *most)
{
    if (!ix) return CHORUS_EINVAL;
    return provenance_batch(s, ix, doc, sent, n, 1, most, NULL);
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

/* Jaccard of two sorted sets of shingles. */
static double resemblance(const uint64_t *x, size_t nx, const uint64_t *y, size_t ny)
{
    size_t k = shared_u64(x, nx, y, ny);
    return (double)k / (double)(nx + ny - k);
}

/* Every earlier doc against each doc: for thresholds where a pair sharing
 * nothing could count (0 or less), which prefixes cannot find. */
static void mark_all_pairs(cx_story *s, uint64_t **sh, const size_t *n, double threshold)
{
    for (size_t d = 1; d < s->n_docs; d++)
        for (size_t e = 0; e < d; e++) {
            if (s->docs[e].duplicate_of >= 0 || !n[d] || !n[e]) continue;
            double jac = resemblance(sh[d], n[d], sh[e], n[e]);
            if (jac >= threshold) {
                s->docs[d].duplicate_of = (int)e;
                s->docs[d].duplicate_similarity = jac;
                break;
            }
        }
}

typedef struct {
    uint64_t h;
    uint32_t doc;
} shingle_at;

static int cmp_shingle_at(const void *x, const void *y)
{
    const shingle_at *a = x, *b = y;
    if (a->h != b->h) return a->h < b->h ? -1 : 1;
    return a->doc < b->doc ? -1 : a->doc > b->doc;
}

/* A doc's prefix: its first n - o + 1 shingles in one order shared by all
 * docs, where o is the least overlap a resemblance of threshold needs (at
 * least threshold x n of its own shingles); two docs that resemble that
 * much share a shingle of their prefixes. */
static size_t prefix_len(size_t n, double threshold)
{
    if (!n) return 0;
    size_t o = (size_t)(threshold * (double)n * (1 - 1e-9)); /* rounded down: never too short */
    if (o < 1) o = 1;
    if (o > n) o = n;
    return n - o + 1;
}

typedef struct {
    uint32_t seen; /* about how many docs hold the shingle (a count per hash bucket) */
    uint64_t h;
} ranked;

static int cmp_ranked(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    if (a->seen != b->seen) return a->seen < b->seen ? -1 : 1;
    return a->h < b->h ? -1 : a->h > b->h;
}

/* The docs' shingles, prefixes and first matches, computed per doc on the
 * story's threads (each worker with its own buffers). */
typedef struct {
    cx_story *s;
    uint64_t **sh;
    size_t *n;
    double threshold;
    const uint32_t *seen; /* shingles per hash bucket */
    size_t buckets;
    uint64_t **prefix;
    const shingle_at *all; /* every doc's prefix, by shingle then doc */
    size_t m;
    struct dup_worker {
        ranked *order;
        uint32_t *cand;
        size_t cap;
    } *w;
    int *first;    /* per doc: the first earlier doc it resembles enough, copy or not, or -1 */
    double *jac;   /* and how much */
    size_t *after; /* and where that doc is among its candidates */
} dup_run;

static int shingles_item(void *ctx, size_t d, int w)
{
    (void)w;
    dup_run *r = ctx;
    r->n[d] = doc_shingles(&r->s->docs[d], &r->sh[d]);
    return 0;
}

static int prefix_item(void *ctx, size_t d, int w)
{
    dup_run *r = ctx;
    size_t p = prefix_len(r->n[d], r->threshold);
    if (!p) return 0;
    ranked *order = r->w[w].order;
    for (size_t i = 0; i < r->n[d]; i++) order[i] = (ranked){r->seen[r->sh[d][i] & (r->buckets - 1)], r->sh[d][i]};
    qsort(order, r->n[d], sizeof *order, cmp_ranked);
    if (!(r->prefix[d] = malloc(sizeof **r->prefix * p))) return CHORUS_ENOMEM;
    for (size_t i = 0; i < p; i++) r->prefix[d][i] = order[i].h;
    return 0;
}

/* The earlier docs whose prefix shares a shingle with d's, ascending, in
 * the worker's buffer; their number, or -1. */
static long candidates(dup_run *r, size_t d, struct dup_worker *w)
{
    size_t nc = 0;
    for (size_t i = 0, p = prefix_len(r->n[d], r->threshold); i < p; i++) {
        uint64_t h = r->prefix[d][i];
        size_t lo = 0, hi = r->m;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (r->all[mid].h < h) lo = mid + 1;
            else hi = mid;
        }
        for (size_t j = lo; j < r->m && r->all[j].h == h && r->all[j].doc < d; j++)
            if (CX_PUSH(w->cand, nc, w->cap, r->all[j].doc)) return -1;
    }
    if (nc > 1) qsort(w->cand, nc, sizeof *w->cand, cmp_u32);
    size_t u = 0;
    for (size_t i = 0; i < nc; i++)
        if (!u || w->cand[u - 1] != w->cand[i]) w->cand[u++] = w->cand[i];
    return (long)u;
}

/* The first candidate d resembles enough, whether or not it is a copy
 * itself (that is known only in doc order, afterwards). */
static int first_item(void *ctx, size_t d, int w)
{
    dup_run *r = ctx;
    r->first[d] = -1;
    if (!d || !r->n[d]) return 0;
    long nc = candidates(r, d, &r->w[w]);
    if (nc < 0) return CHORUS_ENOMEM;
    for (long i = 0; i < nc; i++) {
        size_t e = r->w[w].cand[i];
        if (!r->n[e]) continue;
        double jac = resemblance(r->sh[d], r->n[d], r->sh[e], r->n[e]);
        if (jac >= r->threshold) {
            r->first[d] = (int)e, r->jac[d] = jac, r->after[d] = (size_t)i + 1;
            break;
        }
    }
    return 0;
}

/* The order puts rare shingles first, so prefixes hold what few docs share
 * and an earlier doc is compared only when it shares something rare. The
 * rarity is a count per hash bucket: buckets that two shingles share only
 * make the order less good, never wrong, since every doc uses the same.
 * Each doc copies the first earlier doc it resembles enough that is not a
 * copy itself: the first match of each doc is found on the threads, and
 * only a doc whose first match turns out to be a copy looks further. */
static int mark_by_prefix(dup_run *r)
{
    cx_story *s = r->s;
    size_t total = 0, longest = 0, buckets = 1 << 10, all_shingles = 0;
    for (size_t d = 0; d < s->n_docs; d++) {
        total += prefix_len(r->n[d], r->threshold);
        if (r->n[d] > longest) longest = r->n[d];
        all_shingles += r->n[d];
    }
    while (buckets < 4 * all_shingles && buckets < (1 << 22)) buckets <<= 1;
    int t = cx_threads_for(s->threads, s->n_docs);
    uint32_t *seen = calloc(buckets, sizeof *seen);
    shingle_at *all = malloc(sizeof *all * (total ? total : 1));
    r->prefix = calloc(s->n_docs ? s->n_docs : 1, sizeof *r->prefix);
    r->w = calloc((size_t)t, sizeof *r->w);
    r->first = malloc(sizeof *r->first * (s->n_docs ? s->n_docs : 1));
    r->jac = malloc(sizeof *r->jac * (s->n_docs ? s->n_docs : 1));
    r->after = malloc(sizeof *r->after * (s->n_docs ? s->n_docs : 1));
    int rc = seen && all && r->prefix && r->w && r->first && r->jac && r->after ? 0 : CHORUS_ENOMEM;
    for (int w = 0; w < t && !rc; w++)
        if (!(r->w[w].order = malloc(sizeof *r->w[w].order * (longest ? longest : 1)))) rc = CHORUS_ENOMEM;
    for (size_t d = 0; d < s->n_docs && !rc; d++)
        for (size_t i = 0; i < r->n[d]; i++) seen[r->sh[d][i] & (buckets - 1)]++;
    r->seen = seen, r->buckets = buckets;
    if (!rc) rc = cx_parallel_for(s->n_docs, t, prefix_item, r);
    size_t m = 0;
    for (size_t d = 0; d < s->n_docs && !rc; d++)
        for (size_t i = 0, p = prefix_len(r->n[d], r->threshold); i < p; i++)
            all[m++] = (shingle_at){r->prefix[d][i], (uint32_t)d};
    if (!rc) qsort(all, m, sizeof *all, cmp_shingle_at);
    r->all = all, r->m = m;
    if (!rc) rc = cx_parallel_for(s->n_docs, t, first_item, r);
    for (size_t d = 1; d < s->n_docs && !rc; d++) {
        int e = r->first[d];
        if (e < 0) continue;
        if (s->docs[e].duplicate_of < 0) {
            s->docs[d].duplicate_of = e;
            s->docs[d].duplicate_similarity = r->jac[d];
            continue;
        }
        /* that one is a copy: the next candidates, in order */
        long nc = candidates(r, d, &r->w[0]);
        if (nc < 0) rc = CHORUS_ENOMEM;
        for (long i = (long)r->after[d]; i < nc; i++) {
            size_t x = r->w[0].cand[i];
            if (s->docs[x].duplicate_of >= 0 || !r->n[x]) continue;
            double jac = resemblance(r->sh[d], r->n[d], r->sh[x], r->n[x]);
            if (jac >= r->threshold) {
                s->docs[d].duplicate_of = (int)x;
                s->docs[d].duplicate_similarity = jac;
                break;
            }
        }
    }
    for (size_t d = 0; r->prefix && d < s->n_docs; d++) free(r->prefix[d]);
    for (int w = 0; r->w && w < t; w++) free(r->w[w].order), free(r->w[w].cand);
    free(r->prefix), free(r->w), free(r->first), free(r->jac), free(r->after), free(seen), free(all);
    return rc;
}

int cx_mark_duplicate_docs(cx_story *s, double threshold)
{
    uint64_t **sh = calloc(s->n_docs ? s->n_docs : 1, sizeof *sh);
    size_t *n = calloc(s->n_docs ? s->n_docs : 1, sizeof *n);
    if (!sh || !n) {
        free(sh), free(n);
        return CHORUS_ENOMEM;
    }
    dup_run r = {.s = s, .sh = sh, .n = n, .threshold = threshold};
    int rc = cx_parallel_for(s->n_docs, s->threads, shingles_item, &r);
    if (rc) {
    } else if (threshold > 0 && s->n_docs < UINT32_MAX)
        rc = mark_by_prefix(&r);
    else
        mark_all_pairs(s, sh, n, threshold);
    for (size_t d = 0; d < s->n_docs; d++) free(sh[d]);
    free(sh), free(n);
    return rc;
}
