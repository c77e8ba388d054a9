/* Article features for clustering: content stems, capitalized names, a
 * MinHash signature over word shingles; and their byte serialization. */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "features.h"
#include "util.h"

#define MAX_WORD_BYTES 64 /* longer "words" are junk (URLs, base64) and are skipped */
#define MAX_SHINGLE_WORDS 16

int cx_feature_ctx_init(cx_feature_ctx *ctx, size_t shingle_words)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->shingle_words = shingle_words < 1 ? 1 : shingle_words > MAX_SHINGLE_WORDS ? MAX_SHINGLE_WORDS : shingle_words;
    ctx->vocab = cx_vocab_new();
    ctx->stemmer = cx_stemmer_new();
    ctx->words = cx_vocab_new();
    if (!ctx->vocab || !ctx->stemmer || !ctx->words) {
        cx_feature_ctx_free(ctx);
        return CHORUS_ENOMEM;
    }
    return 0;
}

void cx_feature_ctx_free(cx_feature_ctx *ctx)
{
    cx_vocab_free(ctx->vocab);
    cx_stemmer_free(ctx->stemmer);
    cx_vocab_free(ctx->words);
    free(ctx->word_stem);
    memset(ctx, 0, sizeof *ctx);
}

/* Calendar words are capitalized but name no one. */
static int is_calendar_word(const char *w, size_t n)
{
    static const char *const words[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                        "sunday", "january", "february", "march", "april", "june", "july",
                                        "august", "september", "october", "november", "december"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && !memcmp(words[i], w, n)) return 1;
    return 0;
}

/* A capital letter says "name" only where a sentence does not begin: look
 * back over spaces, quotes and brackets for a sentence end or a line start. */
static int starts_sentence(const char *s, size_t at)
{
    while (at > 0) {
        unsigned char c = (unsigned char)s[at - 1];
        if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '`' || c == '(' || c == '[') {
            at--;
            continue;
        }
        if (c >= 0x80) { /* curly quotes and dashes (U+2018..U+201D, U+2013, U+2014) */
            if (at >= 3 && (unsigned char)s[at - 3] == 0xE2 && (unsigned char)s[at - 2] == 0x80) {
                at -= 3;
                continue;
            }
            return 0;
        }
        return c == '\n' || c == '.' || c == '!' || c == '?' || c == ':' || c == '-' || c == ';';
    }
    return 1;
}

typedef struct id_list {
    int32_t *v;
    size_t n, cap;
} id_list;

/* h: XXH3_64bits(lower, n), which the shingles take too. */
static int stem_id(cx_feature_ctx *ctx, const char *lower, size_t n, uint64_t h, int32_t *out)
{
    int32_t w = cx_vocab_id_hashed(ctx->words, lower, n, h);
    if (w < 0) return CHORUS_ENOMEM;
    if ((size_t)w >= ctx->cap_word_stem) {
        size_t old = ctx->cap_word_stem;
        if (cx_grow((void **)&ctx->word_stem, &ctx->cap_word_stem, (size_t)w + 1, sizeof *ctx->word_stem))
            return CHORUS_ENOMEM;
        for (size_t i = old; i < ctx->cap_word_stem; i++) ctx->word_stem[i] = -2; /* not computed */
    }
    if (ctx->word_stem[w] == -2) {
        int32_t id = -1;
        if (n >= 2 && !cx_is_stopword(lower, n)) {
            size_t sl = 0;
            const char *stem = cx_stem(ctx->stemmer, lower, n, &sl);
            id = cx_vocab_id(ctx->vocab, stem, sl);
            if (id < 0) return CHORUS_ENOMEM;
        }
        ctx->word_stem[w] = id;
    }
    *out = ctx->word_stem[w];
    return 0;
}

/* Sort term ids (non-negative) in place: a byte-wise radix sort, passes
 * over bytes all ids share skipped (an article's few hundred ids, sorted
 * for every article: qsort's calls through a comparison cost more). */
static int sort_ids(int32_t *v, size_t n)
{
    if (n < 2) return 0;
    int32_t *tmp = malloc(n * sizeof *tmp);
    if (!tmp) return CHORUS_ENOMEM;
    uint32_t all_or = 0, all_and = UINT32_MAX;
    for (size_t i = 0; i < n; i++) all_or |= (uint32_t)v[i], all_and &= (uint32_t)v[i];
    int32_t *from = v, *to = tmp;
    for (int shift = 0; shift < 32; shift += 8) {
        if (!(((all_or ^ all_and) >> shift) & 0xff)) continue; /* every id has the same byte here */
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++) count[(((uint32_t)from[i] >> shift) & 0xff) + 1]++;
        for (int b = 0; b < 256; b++) count[b + 1] += count[b];
        for (size_t i = 0; i < n; i++) to[count[((uint32_t)from[i] >> shift) & 0xff]++] = from[i];
        int32_t *t = from;
        from = to;
        to = t;
    }
    if (from != v) memcpy(v, from, n * sizeof *v);
    free(tmp);
    return 0;
}

/* Sorted ids to (id, count) runs. */
static int to_counts(id_list *l, cx_term_count **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    if (!l->n) return 0;
    if (sort_ids(l->v, l->n)) return CHORUS_ENOMEM;
    size_t runs = 1;
    for (size_t i = 1; i < l->n; i++) runs += l->v[i] != l->v[i - 1];
    cx_term_count *c = malloc(runs * sizeof *c);
    if (!c) return CHORUS_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (i && l->v[i] == l->v[i - 1]) c[k - 1].count++;
        else c[k++] = (cx_term_count){l->v[i], 1};
    }
    *out = c;
    *n_out = k;
    return 0;
}

typedef struct shingler {
    uint64_t window[MAX_SHINGLE_WORDS];
    size_t k, seen;
    cx_minhash *sig;
    size_t n_shingles;
} shingler;

static void shingle_word(shingler *sh, uint64_t h)
{
    if (sh->seen < sh->k) {
        sh->window[sh->seen++] = h;
        if (sh->seen < sh->k) return;
    } else {
        memmove(sh->window, sh->window + 1, (sh->k - 1) * sizeof *sh->window);
        sh->window[sh->k - 1] = h;
    }
    cx_minhash_add(sh->sig, XXH3_64bits(sh->window, sh->k * sizeof *sh->window));
    sh->n_shingles++;
}

#define MAX_NAME_WORDS 4

/* A run of capitalized words ("Amnesty International", "Kofi Annan") being
 * collected into one name term. */
typedef struct name_run {
    char text[1 + MAX_NAME_WORDS * (MAX_WORD_BYTES + 1)];
    size_t len, words;
    int first_starts_sentence;
    uint32_t end; /* byte after the last word */
} name_run;

/* A run names something when it has two words or more, or one word that
 * does not begin a sentence (where anything is capitalized). */
static int flush_name(cx_feature_ctx *ctx, name_run *r, id_list *names)
{
    int rc = 0;
    if (r->words >= 2 || (r->words == 1 && !r->first_starts_sentence)) {
        int32_t id = cx_vocab_id(ctx->vocab, r->text, r->len);
        rc = id < 0 ? CHORUS_ENOMEM : CX_PUSH(names->v, names->n, names->cap, id);
    }
    r->len = 1;
    r->words = 0;
    return rc;
}

/* Terms, names (and, when sh is set, shingles) of one text. */
static int scan(cx_feature_ctx *ctx, const char *s, size_t n, id_list *terms, id_list *names, shingler *sh)
{
    cx_token *tok = NULL;
    int nt = cx_tokenize(s, n, &tok);
    if (nt < 0) return nt;
    char lower[MAX_WORD_BYTES + 8];
    name_run run;
    run.text[0] = CX_NAME_PREFIX;
    run.len = 1;
    run.words = 0;
    int rc = 0;
    for (int i = 0; i < nt && rc == 0; i++) {
        const cx_token *t = &tok[i];
        if (t->len > MAX_WORD_BYTES) {
            rc = flush_name(ctx, &run, names);
            continue;
        }
        size_t ln = cx_lower(s + t->start, t->len, lower, sizeof lower);
        uint64_t h = XXH3_64bits(lower, ln);
        if (sh) shingle_word(sh, h);
        int32_t id = -1;
        if (t->is_word && (rc = stem_id(ctx, lower, ln, h, &id)) != 0) break;
        if (id >= 0) rc = CX_PUSH(terms->v, terms->n, terms->cap, id);
        int capital_name = id >= 0 && t->is_capital && ln >= 2 && !is_calendar_word(lower, ln);
        /* A name goes on only across plain spaces ("Paris, France" is two). */
        int adjacent = run.words > 0 && run.words < MAX_NAME_WORDS && t->start > run.end;
        for (uint32_t k = run.end; adjacent && k < t->start; k++) adjacent = s[k] == ' ';
        if (rc == 0 && (!capital_name || !adjacent)) rc = flush_name(ctx, &run, names);
        if (rc || !capital_name) continue;
        if (ln >= 3 && lower[ln - 2] == '\'' && lower[ln - 1] == 's') ln -= 2; /* possessive */
        if (run.words == 0) run.first_starts_sentence = starts_sentence(s, t->start);
        else run.text[run.len++] = ' ';
        memcpy(run.text + run.len, lower, ln);
        run.len += ln;
        run.words++;
        run.end = t->start + t->len;
    }
    if (rc == 0) rc = flush_name(ctx, &run, names);
    free(tok);
    return rc;
}

/* A wire dateline opening the text ("NAIROBI, June 12 (Xinhua) -- ",
 * "MOBILE, Ala. (AP) -- "): a place in capitals, a comma, and within a
 * short line a double dash. It says where the bureau filed from and when,
 * the same for every report of that bureau that day whatever it is about,
 * so it is no evidence of the story: measured on all four sets of
 * bench/clusters.sh, leaving it out raises or keeps each. Returns the bytes
 * to skip (0: no dateline). */
static size_t dateline_length(const char *t)
{
    size_t i = 0, caps = 0;
    while (t[i] == ' ' || t[i] == '\n') i++;
    for (; (t[i] >= 'A' && t[i] <= 'Z') || t[i] == ' ' || t[i] == '.' || t[i] == '\''; i++)
        caps += t[i] >= 'A' && t[i] <= 'Z';
    if (caps < 3 || t[i] != ',') return 0;
    for (size_t j = i; j < i + 80 && t[j] && t[j] != '\n'; j++)
        if (t[j] == '-' && t[j + 1] == '-') return j + 2;
    return 0;
}

int cx_features_build(cx_feature_ctx *ctx, const chorus_article *a, cx_features **out)
{
    *out = NULL;
    cx_features *f = calloc(1, sizeof *f);
    if (!f) return CHORUS_ENOMEM;
    f->vocab = ctx->vocab;
    f->time = a->published_unix;
    cx_minhash_init(&f->sig);
    id_list terms = {0}, names = {0};
    shingler sh = {.k = ctx->shingle_words, .sig = &f->sig};
    const char *text = a->text ? a->text : "";
    text += dateline_length(text);
    int rc = 0;
    if (a->title && *a->title) rc = scan(ctx, a->title, strlen(a->title), &terms, &names, *text ? NULL : &sh);
    if (rc == 0) rc = scan(ctx, text, strlen(text), &terms, &names, &sh);
    /* A text shorter than one shingle is still one shingle. */
    if (rc == 0 && sh.n_shingles == 0 && sh.seen > 0) {
        cx_minhash_add(&f->sig, XXH3_64bits(sh.window, sh.seen * sizeof *sh.window));
        sh.n_shingles = 1;
    }
    f->n_shingles = sh.n_shingles;
    if (rc == 0) rc = to_counts(&terms, &f->terms, &f->n_terms);
    if (rc == 0) rc = to_counts(&names, &f->names, &f->n_names);
    free(terms.v);
    free(names.v);
    if (rc) {
        cx_features_free(f);
        return rc;
    }
    *out = f;
    return 0;
}

void cx_features_free(cx_features *f)
{
    if (!f) return;
    free(f->terms);
    free(f->names);
    free(f);
}

int64_t cx_features_time(const cx_features *f) { return f->time; }
size_t cx_features_n_terms(const cx_features *f) { return f->n_terms + f->n_names; }

/* ---- serialization -----------------------------------------------------------
 * Little-endian: "CXF1", time i64, n_shingles u32, K u32, K x u32 signature,
 * n u32, n x (len u16, bytes, count u32): stems and names (names start with
 * CX_NAME_PREFIX) in one list in the order of their ids, so a new process
 * that deserializes articles in their original order interns the terms in the
 * original order and gets the same ids (rankings break ties by id). */

static unsigned char *put(unsigned char *p, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++) p[i] = (unsigned char)(v >> (8 * i));
    return p + bytes;
}

/* The bytes are counted first and written into one buffer: a store
 * serializes every article it keeps. */
int cx_features_serialize(const cx_features *f, unsigned char **buf, size_t *len)
{
    if (!f || !buf || !len) return CHORUS_EINVAL;
    size_t size = 4 + 8 + 4 + 4 + 4 * (size_t)CX_MINHASH_K + 4;
    for (size_t i = 0; i < f->n_terms + f->n_names; i++) {
        int32_t t = i < f->n_terms ? f->terms[i].term : f->names[i - f->n_terms].term;
        size_t n = cx_vocab_len(f->vocab, t);
        if (n == 0 || n > 0xffff) return CHORUS_EINVAL;
        size += 2 + n + 4;
    }
    unsigned char *b = malloc(size), *p = b;
    if (!b) return CHORUS_ENOMEM;
    memcpy(p, "CXF1", 4);
    p = put(p + 4, (uint64_t)f->time, 8);
    p = put(p, f->n_shingles, 4);
    p = put(p, CX_MINHASH_K, 4);
    for (int i = 0; i < CX_MINHASH_K; i++) p = put(p, f->sig.v[i], 4);
    p = put(p, f->n_terms + f->n_names, 4);
    size_t i = 0, j = 0;
    while (i < f->n_terms || j < f->n_names) {
        int stem = j >= f->n_names || (i < f->n_terms && f->terms[i].term < f->names[j].term);
        const cx_term_count *t = stem ? &f->terms[i++] : &f->names[j++];
        size_t n = cx_vocab_len(f->vocab, t->term);
        p = put(p, n, 2);
        memcpy(p, cx_vocab_str(f->vocab, t->term), n);
        p = put(p + n, t->count, 4);
    }
    *len = size;
    *buf = b;
    return 0;
}

typedef struct reader {
    const unsigned char *p;
    size_t left;
} reader;

static int get(reader *r, int bytes, uint64_t *v)
{
    if (r->left < (size_t)bytes) return CHORUS_EFORMAT;
    *v = 0;
    for (int i = 0; i < bytes; i++) *v |= (uint64_t)r->p[i] << (8 * i);
    r->p += bytes;
    r->left -= (size_t)bytes;
    return 0;
}

static int cmp_term(const void *a, const void *b)
{
    int32_t x = ((const cx_term_count *)a)->term, y = ((const cx_term_count *)b)->term;
    return (x > y) - (x < y);
}

static int sort_merge(cx_term_count *t, size_t n, size_t *n_out)
{
    /* Ids in this vocabulary may come in another order: sort, and merge repeats. */
    if (n) qsort(t, n, sizeof *t, cmp_term);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && t[k - 1].term == t[i].term) t[k - 1].count += t[i].count;
        else t[k++] = t[i];
    }
    *n_out = k;
    return 0;
}

static int get_terms(reader *r, cx_vocab *v, cx_features *f)
{
    uint64_t n;
    if (get(r, 4, &n) || n > r->left / 7) return CHORUS_EFORMAT; /* each term takes >= 7 bytes */
    f->terms = malloc((n + 1) * sizeof *f->terms);
    f->names = malloc((n + 1) * sizeof *f->names);
    if (!f->terms || !f->names) return CHORUS_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        uint64_t len, count;
        if (get(r, 2, &len) || len == 0 || r->left < len) return CHORUS_EFORMAT;
        const char *s = (const char *)r->p;
        if (!cx_utf8_valid(s, len, NULL) || memchr(s, 0, len)) return CHORUS_EFORMAT;
        r->p += len;
        r->left -= len;
        if (get(r, 4, &count) || count == 0) return CHORUS_EFORMAT;
        int32_t id = cx_vocab_id(v, s, len);
        if (id < 0) return CHORUS_ENOMEM;
        cx_term_count tc = {id, (uint32_t)count};
        if (s[0] == CX_NAME_PREFIX) f->names[f->n_names++] = tc;
        else f->terms[f->n_terms++] = tc;
    }
    sort_merge(f->terms, f->n_terms, &f->n_terms);
    sort_merge(f->names, f->n_names, &f->n_names);
    return 0;
}

int cx_features_deserialize_into(cx_vocab *v, const unsigned char *buf, size_t len, cx_features **out)
{
    *out = NULL;
    reader r = {buf, len};
    if (!buf || len < 4 || memcmp(buf, "CXF1", 4)) return CHORUS_EFORMAT;
    r.p += 4;
    r.left -= 4;
    cx_features *f = calloc(1, sizeof *f);
    if (!f) return CHORUS_ENOMEM;
    f->vocab = v;
    uint64_t time, shingles, k, x;
    int rc = get(&r, 8, &time);
    if (rc == 0) rc = get(&r, 4, &shingles);
    if (rc == 0) rc = get(&r, 4, &k);
    if (rc == 0 && k != CX_MINHASH_K) rc = CHORUS_EFORMAT;
    for (int i = 0; i < CX_MINHASH_K && rc == 0; i++) {
        rc = get(&r, 4, &x);
        f->sig.v[i] = (uint32_t)x;
    }
    if (rc == 0) {
        f->time = (int64_t)time;
        f->n_shingles = (size_t)shingles;
        rc = get_terms(&r, v, f);
    }
    if (rc == 0 && r.left) rc = CHORUS_EFORMAT;
    if (rc) {
        cx_features_free(f);
        return rc;
    }
    *out = f;
    return 0;
}
