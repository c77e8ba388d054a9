/* ROUGE-1.5.5 reproduction (see rouge.h for the exact rules followed).
 * Tokens are interned to integer ids; each summary keeps its n-grams as
 * sorted 64-bit keys so a model/peer match count is one merge. */
#include "rouge.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "porter.h"
#include "text.h"
#include "util.h"

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* ---- scorer ---- */

struct cx_rouge {
    cx_rouge_opts opts;
    cx_porter *porter;
    cx_vocab *stems;     /* stemmed text <-> token id (id 0 is the empty string, never a token) */
    cx_strmap raw;       /* raw token -> token id of its stem (cache) */
    cx_strmap exceptions; /* inflected form -> index in base_forms */
    char **base_forms;
    size_t n_base, cap_base;
    char *scratch;       /* stemmer output */
    size_t scratch_cap;
};

struct cx_rouge_summary {
    uint32_t *tok;       /* token ids in text order */
    size_t n_tok, cap_tok;
    size_t *sent_end;    /* end offset in tok of each sentence (ROUGE-L units) */
    size_t n_sent, cap_sent;
    uint64_t *gram[3];   /* sorted keys: unigrams, bigrams, skip-bigrams+unigrams */
    size_t n_gram[3];
};

void cx_rouge_opts_default(cx_rouge_opts *o)
{
    o->word_limit = 100;
    o->skip_distance = 4;
    o->stem = 1;
    o->alpha = 0.5;
    o->resamples = 1000;
    o->confidence = 95.0;
}

const char *cx_rouge_metric_name(int metric, int skip_distance, char *buf, size_t cap)
{
    switch (metric) {
    case CX_ROUGE_1: snprintf(buf, cap, "R-1"); break;
    case CX_ROUGE_2: snprintf(buf, cap, "R-2"); break;
    case CX_ROUGE_SU:
        if (skip_distance < 0) snprintf(buf, cap, "R-SU*");
        else snprintf(buf, cap, "R-SU%d", skip_distance);
        break;
    case CX_ROUGE_L: snprintf(buf, cap, "R-L"); break;
    default: snprintf(buf, cap, "?"); break;
    }
    return buf;
}

int cx_rouge_new(const cx_rouge_opts *o, cx_rouge **out, chorus_error *err)
{
    *out = NULL;
    if (!o || o->word_limit < 0 || o->alpha < 0 || o->alpha > 1 || o->resamples < 1 ||
        o->confidence < 0 || o->confidence > 100)
        return cx_fail(err, CHORUS_EINVAL, "rouge: bad options (word limit >= 0, 0 <= alpha <= 1, "
                                           "resamples >= 1, 0 <= confidence <= 100)");
    cx_rouge *r = cx_calloc(1, sizeof *r);
    if (!r) return cx_fail(err, CHORUS_ENOMEM, "rouge: out of memory");
    r->opts = *o;
    if (o->stem && !(r->porter = cx_porter_new())) {
        free(r);
        return cx_fail(err, CHORUS_ENOMEM, "rouge: cannot set up the stemmer");
    }
    /* id 0 is never a token's, so a unigram key (0 << 32 | id) never equals a bigram key */
    if (!(r->stems = cx_vocab_new()) || cx_vocab_id(r->stems, "", 0) != 0 || cx_strmap_init(&r->raw) ||
        cx_strmap_init(&r->exceptions)) {
        cx_rouge_free(r);
        return cx_fail(err, CHORUS_ENOMEM, "rouge: out of memory");
    }
    *out = r;
    return 0;
}

void cx_rouge_free(cx_rouge *r)
{
    if (!r) return;
    cx_porter_free(r->porter);
    cx_vocab_free(r->stems);
    cx_strmap_free(&r->raw);
    cx_strmap_free(&r->exceptions);
    for (size_t i = 0; i < r->n_base; i++) free(r->base_forms[i]);
    free(r->base_forms);
    free(r->scratch);
    free(r);
}

const cx_rouge_opts *cx_rouge_options(const cx_rouge *r) { return &r->opts; }

/* Id of the token s[0..n) after stemming (ROUGE stems only tokens longer than 3). */
static int token_id(cx_rouge *r, const char *s, size_t n, uint32_t *id)
{
    int64_t v;
    if (cx_strmap_get(&r->raw, s, n, &v)) return *id = (uint32_t)v, 0;
    const char *stem = s;
    size_t stem_len = n;
    int64_t base = 0;
    if (r->porter && n > 3 && cx_strmap_get(&r->exceptions, s, n, &base)) {
        stem = r->base_forms[base];
        stem_len = strlen(stem);
    } else if (r->porter && n > 3) {
        if (cx_grow((void **)&r->scratch, &r->scratch_cap, n + 2, 1) != 0) return CHORUS_ENOMEM;
        stem_len = cx_porter_stem(r->porter, s, n, r->scratch);
        stem = r->scratch;
    }
    int32_t stem_id = cx_vocab_id(r->stems, stem, stem_len);
    if (stem_id < 0) return CHORUS_ENOMEM;
    *id = (uint32_t)stem_id;
    return cx_strmap_put(&r->raw, s, n, *id);
}

int cx_rouge_load_exceptions(cx_rouge *r, const char *dir, chorus_error *err)
{
    static const char *const files[] = {"adj.exc", "adv.exc", "noun.exc", "verb.exc"};
    if (cx_strmap_size(&r->raw))
        return cx_fail(err, CHORUS_EINVAL, "rouge: exception lists must be loaded before any text");
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[f]);
        char *text = NULL;
        size_t len = 0;
        int rc = cx_read_file(path, (size_t)64 << 20, &text, &len, err);
        if (rc != 0) return rc;
        for (size_t pos = 0; pos < len;) {
            const char *line = text + pos;
            const char *nl = memchr(line, '\n', len - pos);
            size_t n = nl ? (size_t)(nl - line) : len - pos;
            pos += n + (nl ? 1 : 0);
            /* "inflected base [base...]": the first base wins, a later file overrides */
            size_t a = 0;
            while (a < n && is_space((unsigned char)line[a])) a++;
            size_t a_end = a;
            while (a_end < n && !is_space((unsigned char)line[a_end])) a_end++;
            size_t b = a_end;
            while (b < n && is_space((unsigned char)line[b])) b++;
            size_t b_end = b;
            while (b_end < n && !is_space((unsigned char)line[b_end])) b_end++;
            if (a == a_end || b == b_end) continue;
            char *base = cx_strndup(line + b, b_end - b);
            if (!base || CX_PUSH(r->base_forms, r->n_base, r->cap_base, base) != 0 ||
                cx_strmap_put(&r->exceptions, line + a, a_end - a, (uint32_t)(r->n_base - 1)) != 0) {
                if (base && (!r->n_base || r->base_forms[r->n_base - 1] != base)) free(base);
                free(text);
                return cx_fail(err, CHORUS_ENOMEM, "rouge: out of memory");
            }
        }
        free(text);
    }
    return 0;
}

/* ---- tokenizing ---- */

static int is_word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Append the tokens (runs of [A-Za-z0-9], lower-cased) of s[0..n). */
static int add_tokens(cx_rouge *r, cx_rouge_summary *sum, const char *s, size_t n)
{
    char word[256];
    size_t i = 0;
    while (i < n) {
        if (!is_word_char((unsigned char)s[i])) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < n && is_word_char((unsigned char)s[i])) i++;
        size_t len = i - start;
        char *w = len < sizeof word ? word : cx_malloc(len + 1);
        if (!w) return CHORUS_ENOMEM;
        for (size_t k = 0; k < len; k++) w[k] = (char)cx_ascii_lower((unsigned char)s[start + k]);
        w[len] = '\0';
        uint32_t id = 0;
        int rc = token_id(r, w, len, &id);
        if (w != word) free(w);
        if (rc != 0) return rc;
        if (CX_PUSH(sum->tok, sum->n_tok, sum->cap_tok, id) != 0) return CHORUS_ENOMEM;
    }
    return 0;
}

/* Words as Perl's split(/\s+/) counts them: the whitespace runs' pieces,
 * with an empty first word when the line starts with whitespace (and none
 * at all for a line of only whitespace). */
static size_t perl_word_count(const char *s, size_t n)
{
    size_t words = 0;
    int any = 0;
    for (size_t i = 0; i < n;) {
        if (is_space((unsigned char)s[i])) {
            i++;
            continue;
        }
        any = 1;
        words++;
        while (i < n && !is_space((unsigned char)s[i])) i++;
    }
    if (any && n > 0 && is_space((unsigned char)s[0])) words++;
    return words;
}

/* Byte length of the first k words (in the same sense) of s[0..n). */
static size_t perl_words_prefix(const char *s, size_t n, size_t k)
{
    size_t i = 0;
    if (k > 0 && n > 0 && is_space((unsigned char)s[0])) k--; /* the empty first word */
    while (k > 0 && i < n) {
        while (i < n && is_space((unsigned char)s[i])) i++;
        while (i < n && !is_space((unsigned char)s[i])) i++;
        k--;
    }
    return i;
}

static int end_sentence(cx_rouge_summary *sum)
{
    return CX_PUSH(sum->sent_end, sum->n_sent, sum->cap_sent, sum->n_tok);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int build_grams(const cx_rouge *r, cx_rouge_summary *s)
{
    size_t n = s->n_tok;
    int skip = r->opts.skip_distance;
    /* unigrams */
    if (n && !(s->gram[0] = cx_malloc(n * sizeof(uint64_t)))) return CHORUS_ENOMEM;
    for (size_t i = 0; i < n; i++) s->gram[0][i] = s->tok[i];
    s->n_gram[0] = n;
    /* bigrams */
    if (n >= 2) {
        if (!(s->gram[1] = cx_malloc((n - 1) * sizeof(uint64_t)))) return CHORUS_ENOMEM;
        for (size_t i = 0; i + 1 < n; i++) s->gram[1][i] = (uint64_t)s->tok[i] << 32 | s->tok[i + 1];
        s->n_gram[1] = n - 1;
    }
    /* skip-bigrams plus unigrams: ROUGE's loop runs i over 0..n-2, so the
     * last token adds no unigram */
    size_t cap = 0, count = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        size_t last = skip < 0 ? n - 1 : (i + (size_t)skip + 1 < n - 1 ? i + (size_t)skip + 1 : n - 1);
        cap += 1 + (last - i);
    }
    if (cap && !(s->gram[2] = cx_malloc(cap * sizeof(uint64_t)))) return CHORUS_ENOMEM;
    for (size_t i = 0; i + 1 < n; i++) {
        s->gram[2][count++] = s->tok[i];
        size_t last = skip < 0 ? n - 1 : (i + (size_t)skip + 1 < n - 1 ? i + (size_t)skip + 1 : n - 1);
        for (size_t j = i + 1; j <= last; j++)
            s->gram[2][count++] = (uint64_t)s->tok[i] << 32 | s->tok[j];
    }
    s->n_gram[2] = count;
    for (int g = 0; g < 3; g++)
        if (s->n_gram[g] > 1) qsort(s->gram[g], s->n_gram[g], sizeof(uint64_t), cmp_u64);
    return 0;
}

int cx_rouge_summary_new(cx_rouge *r, const char *text, size_t len, cx_rouge_summary **out,
                         chorus_error *err)
{
    *out = NULL;
    cx_rouge_summary *s = cx_calloc(1, sizeof *s);
    if (!s) return cx_fail(err, CHORUS_ENOMEM, "rouge: out of memory");
    size_t limit = (size_t)r->opts.word_limit, used = 0;
    int rc = 0;
    for (size_t pos = 0; pos < len && rc == 0;) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl ? 1 : 0);
        if (n == 0) continue; /* ROUGE drops empty lines (and only those) */
        if (limit) {
            size_t words = perl_word_count(line, n);
            if (used + words >= limit) {
                size_t keep = perl_words_prefix(line, n, limit - used);
                if ((rc = add_tokens(r, s, line, keep)) == 0) rc = end_sentence(s);
                break;
            }
            used += words;
        }
        if ((rc = add_tokens(r, s, line, n)) == 0) rc = end_sentence(s);
    }
    if (rc == 0) rc = build_grams(r, s);
    if (rc != 0) {
        cx_rouge_summary_free(s);
        return cx_fail(err, rc, "rouge: out of memory");
    }
    *out = s;
    return 0;
}

void cx_rouge_summary_free(cx_rouge_summary *s)
{
    if (!s) return;
    free(s->tok);
    free(s->sent_end);
    for (int g = 0; g < 3; g++) free(s->gram[g]);
    free(s);
}

size_t cx_rouge_summary_tokens(const cx_rouge_summary *s) { return s->n_tok; }

const char *cx_rouge_summary_token(const cx_rouge *r, const cx_rouge_summary *s, size_t i)
{
    return i < s->n_tok ? cx_vocab_str(r->stems, (int32_t)s->tok[i]) : NULL;
}

/* ---- scoring ---- */

/* Clipped matches between two sorted multisets. */
static long clipped_hits(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    long hits = 0;
    size_t i = 0, j = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j]) i++;
        else if (b[j] < a[i]) j++;
        else {
            uint64_t key = a[i];
            size_t ca = 0, cb = 0;
            while (i < na && a[i] == key) i++, ca++;
            while (j < nb && b[j] == key) j++, cb++;
            hits += (long)(ca < cb ? ca : cb);
        }
    }
    return hits;
}

/* Perl's sprintf("%7.5f") read back as a number. */
static double round5(double x)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.5f", x);
    return strtod(buf, NULL);
}

static void finish_score(cx_rouge_score *s, double alpha)
{
    s->recall = s->model_count ? round5((double)s->hit / (double)s->model_count) : 0;
    s->precision = s->peer_count ? round5((double)s->hit / (double)s->peer_count) : 0;
    double den = (1 - alpha) * s->precision + alpha * s->recall;
    s->f = den > 0 ? round5(s->precision * s->recall / den) : 0;
}

/* Unigram counts of a summary as (id, count) pairs sorted by id. */
typedef struct {
    uint32_t *id;
    long *count;
    size_t n;
} unigram_counts;

static int unigram_counts_of(const cx_rouge_summary *s, unigram_counts *u)
{
    memset(u, 0, sizeof *u);
    size_t n = s->n_gram[0];
    if (!n) return 0;
    u->id = cx_malloc(n * sizeof *u->id);
    u->count = cx_malloc(n * sizeof *u->count);
    if (!u->id || !u->count) return CHORUS_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        uint32_t id = (uint32_t)s->gram[0][i];
        if (u->n && u->id[u->n - 1] == id) u->count[u->n - 1]++;
        else u->id[u->n] = id, u->count[u->n++] = 1;
    }
    return 0;
}

static void unigram_counts_free(unigram_counts *u)
{
    free(u->id);
    free(u->count);
}

static long *count_slot(const unigram_counts *u, long *counts, uint32_t id)
{
    size_t lo = 0, hi = u->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (u->id[mid] < id) lo = mid + 1;
        else hi = mid;
    }
    return lo < u->n && u->id[lo] == id ? &counts[lo] : NULL;
}

typedef struct {
    int *len;        /* (m+1) x (n+1) LCS lengths */
    char *move;      /* (m+1) x (n+1) back-pointers: 'd', 'u', 'l' */
    size_t cap;
} lcs_work;

/* Mark in hit[] the model positions on ROUGE's LCS path between model
 * sentence x[0..m) and peer sentence y[0..n) (its tie-breaking: diagonal on a
 * match, else up when the upper length is not smaller, else left). */
static int mark_lcs(lcs_work *w, const uint32_t *x, size_t m, const uint32_t *y, size_t n,
                    unsigned char *hit)
{
    if (m == 0) return 0;
    size_t cells = (m + 1) * (n + 1);
    if (cells > w->cap) {
        int *len = cx_realloc(w->len, cells * sizeof *len);
        if (!len) return CHORUS_ENOMEM;
        w->len = len;
        char *move = cx_realloc(w->move, cells);
        if (!move) return CHORUS_ENOMEM;
        w->move = move;
        w->cap = cells;
    }
    size_t cols = n + 1;
    for (size_t j = 0; j <= n; j++) w->len[j] = 0;
    for (size_t i = 1; i <= m; i++) {
        w->len[i * cols] = 0;
        for (size_t j = 1; j <= n; j++) {
            size_t at = i * cols + j;
            if (x[i - 1] == y[j - 1]) {
                w->len[at] = w->len[at - cols - 1] + 1;
                w->move[at] = 'd';
            } else if (w->len[at - cols] >= w->len[at - 1]) {
                w->len[at] = w->len[at - cols];
                w->move[at] = 'u';
            } else {
                w->len[at] = w->len[at - 1];
                w->move[at] = 'l';
            }
        }
    }
    for (size_t i = m, j = n; i && j;) {
        char mv = w->move[i * cols + j];
        if (mv == 'd') hit[--i] = 1, j--;
        else if (mv == 'u') i--;
        else j--;
    }
    return 0;
}

/* ROUGE-L hits of one model: union LCS per model sentence, each hit spending
 * one of the model's and one of the peer's unigram counts. */
static int lcs_hits(const cx_rouge_summary *model, const cx_rouge_summary *peer,
                    const unigram_counts *peer_uni, lcs_work *w, long *hits)
{
    unigram_counts model_uni;
    int rc = unigram_counts_of(model, &model_uni);
    long *peer_left = peer_uni->n ? cx_malloc(peer_uni->n * sizeof *peer_left) : NULL;
    unsigned char *hit = model->n_tok ? cx_malloc(model->n_tok) : NULL;
    if (rc != 0 || (peer_uni->n && !peer_left) || (model->n_tok && !hit)) {
        rc = CHORUS_ENOMEM;
        goto done;
    }
    if (peer_uni->n) memcpy(peer_left, peer_uni->count, peer_uni->n * sizeof *peer_left);
    *hits = 0;
    for (size_t si = 0, ms = 0; si < model->n_sent; ms = model->sent_end[si++]) {
        size_t me = model->sent_end[si], m = me - ms;
        memset(hit + ms, 0, m);
        for (size_t sj = 0, ps = 0; sj < peer->n_sent; ps = peer->sent_end[sj++]) {
            size_t pe = peer->sent_end[sj];
            if ((rc = mark_lcs(w, model->tok + ms, m, peer->tok + ps, pe - ps, hit + ms)) != 0)
                goto done;
        }
        for (size_t k = ms; k < me; k++) {
            if (!hit[k]) continue;
            long *mc = count_slot(&model_uni, model_uni.count, model->tok[k]);
            long *pc = count_slot(peer_uni, peer_left, model->tok[k]);
            if (mc && pc && *mc > 0 && *pc > 0) {
                (*hits)++;
                (*mc)--;
                (*pc)--;
            }
        }
    }
done:
    unigram_counts_free(&model_uni);
    free(peer_left);
    free(hit);
    return rc;
}

int cx_rouge_score_peer(const cx_rouge *r, const cx_rouge_summary *peer,
                        const cx_rouge_summary *const *models, size_t n_models,
                        cx_rouge_score out[CX_ROUGE_METRICS], chorus_error *err)
{
    memset(out, 0, CX_ROUGE_METRICS * sizeof *out);
    unigram_counts peer_uni;
    lcs_work work = {0};
    int rc = unigram_counts_of(peer, &peer_uni);
    for (size_t k = 0; k < n_models && rc == 0; k++) {
        const cx_rouge_summary *m = models[k];
        for (int g = 0; g < 3; g++) {
            int metric = g == 0 ? CX_ROUGE_1 : g == 1 ? CX_ROUGE_2 : CX_ROUGE_SU;
            out[metric].model_count += (long)m->n_gram[g];
            out[metric].peer_count += (long)peer->n_gram[g];
            out[metric].hit += clipped_hits(m->gram[g], m->n_gram[g], peer->gram[g], peer->n_gram[g]);
        }
        long hits = 0;
        rc = lcs_hits(m, peer, &peer_uni, &work, &hits);
        out[CX_ROUGE_L].model_count += (long)m->n_tok;
        out[CX_ROUGE_L].peer_count += (long)peer->n_tok;
        out[CX_ROUGE_L].hit += hits;
    }
    unigram_counts_free(&peer_uni);
    free(work.len);
    free(work.move);
    if (rc != 0) return cx_fail(err, rc, "rouge: out of memory");
    for (int i = 0; i < CX_ROUGE_METRICS; i++) finish_score(&out[i], r->opts.alpha);
    return 0;
}

int cx_rouge_score_jackknife(const cx_rouge *r, const cx_rouge_summary *peer,
                             const cx_rouge_summary *const *models, size_t n_models, int self,
                             cx_rouge_score out[CX_ROUGE_METRICS], chorus_error *err)
{
    if (n_models < 2) return cx_rouge_score_peer(r, peer, models, n_models, out, err);
    const cx_rouge_summary **rest = cx_malloc(n_models * sizeof *rest);
    if (!rest) return cx_fail(err, CHORUS_ENOMEM, "rouge: out of memory");
    memset(out, 0, CX_ROUGE_METRICS * sizeof *out);
    int evals = 0, rc = 0;
    for (size_t out_k = 0; out_k < n_models && rc == 0; out_k++) {
        if (self >= 0 && (size_t)self != out_k) continue; /* a human: only without its own summary */
        size_t n = 0;
        for (size_t k = 0; k < n_models; k++)
            if (k != out_k) rest[n++] = models[k];
        cx_rouge_score one[CX_ROUGE_METRICS];
        if ((rc = cx_rouge_score_peer(r, peer, rest, n, one, err)) != 0) break;
        for (int m = 0; m < CX_ROUGE_METRICS; m++) {
            out[m].hit += one[m].hit, out[m].model_count += one[m].model_count;
            out[m].peer_count += one[m].peer_count;
            out[m].recall += one[m].recall, out[m].precision += one[m].precision, out[m].f += one[m].f;
        }
        evals++;
    }
    free(rest);
    if (rc) return rc;
    for (int m = 0; m < CX_ROUGE_METRICS && evals; m++)
        out[m].recall /= evals, out[m].precision /= evals, out[m].f /= evals;
    return 0;
}

/* ---- bootstrap ---- */

/* Perl's rand(): the 48-bit linear congruential generator (drand48). */
typedef struct {
    uint64_t x;
} perl_rand;

static void perl_srand(perl_rand *g, uint32_t seed) { g->x = ((uint64_t)seed << 16) | 0x330E; }

static double perl_rand_next(perl_rand *g)
{
    g->x = (0x5DEECE66Dull * g->x + 0xB) & ((1ull << 48) - 1);
    return ldexp((double)g->x, -48);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int cx_rouge_bootstrap(const cx_rouge_score *items, size_t n, int resamples, double confidence,
                       cx_rouge_interval out[3], chorus_error *err)
{
    memset(out, 0, 3 * sizeof *out);
    if (resamples < 1 || confidence < 0 || confidence > 100)
        return cx_fail(err, CHORUS_EINVAL, "rouge: bootstrap needs resamples >= 1 and 0..100%%");
    if (n == 0) return 0;
    double *samples = cx_malloc(3 * (size_t)resamples * sizeof *samples);
    if (!samples) return cx_fail(err, CHORUS_ENOMEM, "rouge: out of memory");
    for (int s = 0; s < resamples; s++) {
        perl_rand g;
        perl_srand(&g, (uint32_t)s);
        double sum[3] = {0, 0, 0};
        for (size_t i = 0; i < n; i++) {
            size_t pick = (size_t)(perl_rand_next(&g) * (double)n);
            if (pick >= n) pick = n - 1;
            sum[0] += items[pick].recall;
            sum[1] += items[pick].precision;
            sum[2] += items[pick].f;
        }
        for (int k = 0; k < 3; k++) samples[k * resamples + s] = sum[k] / (double)n;
    }
    double delta = resamples * ((100 - confidence) / 2.0) / 100.0;
    long up_a = (long)(resamples - delta - 1), low_a = (long)delta;
    double ratio = resamples - delta - 1 - (double)up_a;
#define AT(arr, i) ((arr)[(i) < 0 ? 0 : (i) >= resamples ? resamples - 1 : (i)])
    for (int k = 0; k < 3; k++) {
        double *v = samples + (size_t)k * resamples;
        qsort(v, (size_t)resamples, sizeof *v, cmp_double);
        double total = 0;
        for (int s = 0; s < resamples; s++) total += v[s];
        out[k].mean = round5(total / resamples);
        out[k].low = round5(AT(v, low_a) + (AT(v, low_a + 1) - AT(v, low_a)) * ratio);
        out[k].high = round5(AT(v, up_a) + (AT(v, up_a + 1) - AT(v, up_a)) * ratio);
    }
#undef AT
    free(samples);
    return 0;
}
