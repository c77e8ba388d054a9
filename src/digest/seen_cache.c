/* What an update digest keeps of the seen reports between runs.
 *
 * An update digest reads what its reader has already read only for two
 * things: which content stems each seen sentence holds (a new sentence most
 * of whose words one seen sentence holds is old news) and which concepts
 * (stem pairs, content stems) each seen report holds (the novelty weights).
 * Normalizing, splitting and stemming those reports cost more than the
 * digest of the new ones, so both are kept:
 *
 * - per report (seen.v3), its words: the distinct stems' hashes in the
 *   order met, then per sentence its tokens (stem index << 1 | stopword),
 *   numbers as LEB128 varints; keyed by the build, the language, its word
 *   lists and the report's text. A reader who comes back with one more
 *   report pays for reading that one.
 * - per seen set (seenset.v2), the tables the update reads (seen_cache.h),
 *   laid out as they are used: keyed either by the reports' texts or, when
 *   the caller read them from files, by the files' raw bytes (the command
 *   line then skips reading and parsing them altogether).
 *
 * Stems are the XXH3-64 of their bytes (the hash the story's vocabulary
 * keeps), so nothing kept depends on the story it was read beside, and a
 * set read back interns nothing into the story's vocabulary: a warm and a
 * cold run leave the story's ids the same. */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "blob_cache.h"
#include "build_id.h"
#include "seen_cache.h"
#include "util.h"

#define KIND "seen.v3"
#define SET_KIND "seenset.v2"
#define SET_MAGIC 0x3274657365657363ull /* "csseset2" read as little-endian */
#define SET_HEADER_WORDS 8

void cx_seen_text_free(cx_seen_text *t)
{
    free(t->stems), free(t->tok), free(t->sent_end);
    memset(t, 0, sizeof *t);
}

static void hex_name(XXH128_hash_t h, char name[CX_SEEN_KEY_BYTES])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        name[i] = hex[(h.high64 >> (60 - 4 * i)) & 15];
        name[16 + i] = hex[(h.low64 >> (60 - 4 * i)) & 15];
    }
    name[32] = '\0';
}

/* A hash state started with the build, a tag, the language and its lists. */
static XXH3_state_t *key_start(const cx_lang *lang, uint64_t fingerprint, const char *tag)
{
    size_t id_len;
    const unsigned char *id = cx_build_id(&id_len);
    if (!id || !cx_blob_cache_on()) return NULL;
    XXH3_state_t *st = XXH3_createState();
    if (!st) return NULL;
    const char *code = cx_lang_code(lang);
    XXH3_128bits_reset(st);
    XXH3_128bits_update(st, id, id_len);
    XXH3_128bits_update(st, tag, strlen(tag) + 1);
    XXH3_128bits_update(st, code, strlen(code) + 1);
    XXH3_128bits_update(st, &fingerprint, sizeof fingerprint);
    return st;
}

static int key_end(XXH3_state_t *st, char name[CX_SEEN_KEY_BYTES])
{
    hex_name(XXH3_128bits_digest(st), name);
    XXH3_freeState(st);
    return 0;
}

int cx_seen_cache_key(const cx_lang *lang, uint64_t fingerprint, const char *text, size_t len,
                      char name[CX_SEEN_KEY_BYTES])
{
    XXH3_state_t *st = key_start(lang, fingerprint, "report");
    if (!st) return -1;
    XXH3_128bits_update(st, &len, sizeof len);
    XXH3_128bits_update(st, text, len);
    return key_end(st, name);
}

int cx_seen_set_key_texts(const cx_lang *lang, uint64_t fingerprint, const char *const *texts, size_t n,
                          char name[CX_SEEN_KEY_BYTES])
{
    XXH3_state_t *st = n ? key_start(lang, fingerprint, "texts") : NULL;
    if (!st) return -1;
    XXH3_128bits_update(st, &n, sizeof n);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(texts[i]);
        XXH3_128bits_update(st, &len, sizeof len);
        XXH3_128bits_update(st, texts[i], len);
    }
    return key_end(st, name);
}

int cx_seen_set_key_files(const cx_lang *lang, uint64_t fingerprint, const unsigned char raw[16],
                          char name[CX_SEEN_KEY_BYTES])
{
    XXH3_state_t *st = key_start(lang, fingerprint, "files");
    if (!st) return -1;
    XXH3_128bits_update(st, raw, 16);
    return key_end(st, name);
}

/* ---- one report's words ---------------------------------------------------- */

static int put_varint(cx_buf *b, uint64_t v)
{
    do {
        unsigned char c = v & 0x7f;
        v >>= 7;
        if (cx_buf_putc(b, (char)(c | (v ? 0x80 : 0)))) return -1;
    } while (v);
    return 0;
}

static int get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*p >= end) return -1;
        unsigned char c = *(*p)++;
        *v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) return 0;
    }
    return -1;
}

/* Payload: number of stems, each stem's hash (8 bytes), number of
 * sentences, per sentence its number of tokens and its tokens. */
void cx_seen_cache_put(const char *name, const cx_seen_text *t)
{
    cx_buf b;
    cx_buf_init(&b);
    int rc = put_varint(&b, t->n_stems) || cx_buf_append(&b, (const char *)t->stems, 8 * t->n_stems) ||
             put_varint(&b, t->n_sents);
    for (size_t i = 0, at = 0; i < t->n_sents && !rc; i++) {
        rc = put_varint(&b, t->sent_end[i] - at);
        for (; at < t->sent_end[i] && !rc; at++) rc = put_varint(&b, t->tok[at]);
    }
    if (!rc) cx_blob_put(KIND, name, b.data, b.len);
    cx_buf_free(&b);
}

int cx_seen_cache_get(const char *name, cx_seen_text *t)
{
    memset(t, 0, sizeof *t);
    size_t len;
    char *data = cx_blob_get(KIND, name, &len);
    if (!data) return 0;
    const unsigned char *p = (const unsigned char *)data, *end = p + len;
    uint64_t ns, nt, v;
    int ok = !get_varint(&p, end, &ns) && ns <= (uint64_t)(end - p) / 8;
    const unsigned char *stems = p;
    if (ok) p += 8 * ns;
    /* counted first, so that a payload cut anywhere reads as absent */
    uint64_t n_sents = 0, n_tok = 0;
    ok = ok && !get_varint(&p, end, &n_sents) && n_sents <= (uint64_t)(end - p);
    const unsigned char *body = p;
    for (uint64_t i = 0; ok && i < n_sents; i++) {
        ok = !get_varint(&p, end, &nt) && nt <= (uint64_t)(end - p);
        for (uint64_t k = 0; ok && k < nt; k++) ok = !get_varint(&p, end, &v) && (v >> 1) < ns && v <= UINT32_MAX;
        n_tok += nt;
    }
    if (!ok || p != end) {
        free(data);
        return 0;
    }
    t->stems = malloc(8 * (ns ? ns : 1));
    t->tok = malloc(sizeof *t->tok * (n_tok ? n_tok : 1));
    t->sent_end = malloc(sizeof *t->sent_end * (n_sents ? n_sents : 1));
    if (!t->stems || !t->tok || !t->sent_end) {
        free(data);
        cx_seen_text_free(t);
        return CHORUS_ENOMEM;
    }
    memcpy(t->stems, stems, 8 * ns);
    t->n_stems = ns;
    p = body;
    for (uint64_t i = 0; i < n_sents; i++) {
        get_varint(&p, end, &nt);
        for (uint64_t k = 0; k < nt; k++) get_varint(&p, end, &v), t->tok[t->n_tok++] = (uint32_t)v;
        t->sent_end[t->n_sents++] = t->n_tok;
    }
    free(data);
    return 1;
}

/* ---- a set's tables --------------------------------------------------------- */

uint64_t cx_seen_concept_key(uint64_t a, uint64_t b, int unigram)
{
    uint64_t pair[2] = {a, unigram ? 0 : b};
    return XXH3_64bits_withSeed(pair, sizeof pair, unigram ? 1 : 2);
}

/* Keys are hashes, so evenly spread: an index of where each run of keys
 * with the same top bits starts (two to four keys a run) finds a key with a
 * look or two instead of a binary search over all of them. */
static unsigned bucket_bits(uint64_t n)
{
    unsigned b = 0;
    while (b < 20 && ((uint64_t)1 << b) * 4 < n) b++;
    return b;
}

/* The block's size for the counts, or 0 when they do not fit. */
static size_t tables_bytes(const uint64_t c[6])
{
    /* n_docs, n_sents, n_stems, n_post, n_concepts, n_need */
    for (int i = 0; i < 6; i++)
        if (c[i] >= UINT32_MAX) return 0;
    uint64_t words64 = SET_HEADER_WORDS + c[2] + c[4];
    uint64_t words32 = (c[2] + 1) + c[3] + c[1] + (c[4] + 1) + c[5] + ((uint64_t)1 << bucket_bits(c[2])) + 1 +
                       ((uint64_t)1 << bucket_bits(c[4])) + 1;
    return (size_t)(8 * words64 + 4 * words32 + 4 * (words32 & 1));
}

/* Point t's arrays into mem (counts set). */
static void tables_layout(cx_seen_tables *t)
{
    const uint64_t *w = (const uint64_t *)t->mem + SET_HEADER_WORDS;
    t->stems = w, w += t->n_stems;
    t->concepts = w, w += t->n_concepts;
    const uint32_t *u = (const uint32_t *)w;
    t->at = u, u += t->n_stems + 1;
    t->in = u, u += t->n_post;
    t->n_content = u, u += t->n_sents;
    t->cat = u, u += t->n_concepts + 1;
    t->need = u, u += t->n_need;
    t->stem_bits = bucket_bits(t->n_stems), t->concept_bits = bucket_bits(t->n_concepts);
    t->stem_index = u, u += ((size_t)1 << t->stem_bits) + 1;
    t->concept_index = u;
}

static int tables_alloc(cx_seen_tables *t, const uint64_t c[6])
{
    size_t bytes = tables_bytes(c);
    if (!bytes || !(t->mem = calloc(1, bytes))) return CHORUS_ENOMEM;
    t->bytes = bytes;
    t->n_docs = c[0], t->n_sents = c[1], t->n_stems = c[2], t->n_post = c[3], t->n_concepts = c[4], t->n_need = c[5];
    uint64_t *h = t->mem;
    h[0] = SET_MAGIC;
    for (int i = 0; i < 6; i++) h[1 + i] = c[i];
    h[7] = 0;
    tables_layout(t);
    return 0;
}

static unsigned top_bits(uint64_t h, unsigned bits) { return bits ? (unsigned)(h >> (64 - bits)) : 0; }

static void index_fill(uint32_t *index, unsigned bits, const uint64_t *keys, size_t n)
{
    size_t k = 0;
    for (size_t b = 0; b <= ((size_t)1 << bits); b++) {
        while (k < n && top_bits(keys[k], bits) < b) k++;
        index[b] = (uint32_t)k;
    }
}

static long index_find(const uint32_t *index, unsigned bits, const uint64_t *keys, size_t n, uint64_t h)
{
    unsigned b = top_bits(h, bits);
    size_t lo = index[b], hi = index[b + 1];
    if (hi > n) hi = n; /* a kept set is used as read: stay inside */
    for (; lo < hi; lo++)
        if (keys[lo] >= h) return keys[lo] == h ? (long)lo : -1;
    return -1;
}

long cx_seen_find_stem(const cx_seen_tables *t, uint64_t h)
{
    return t->n_stems ? index_find(t->stem_index, t->stem_bits, t->stems, t->n_stems, h) : -1;
}

long cx_seen_find_concept(const cx_seen_tables *t, uint64_t key)
{
    return t->n_concepts ? index_find(t->concept_index, t->concept_bits, t->concepts, t->n_concepts, key) : -1;
}

void cx_seen_tables_free(cx_seen_tables *t)
{
    free(t->mem);
    memset(t, 0, sizeof *t);
}

typedef struct {
    uint64_t h;
    uint32_t a, b; /* sentence, or report and need */
} triple;

/* Stable sort by h: eight passes of a byte each (the keys are hashes, the
 * counts a few thousand: a comparison sort cost a cold update more than
 * reading its reports). Entries of one key keep the order they were added
 * in: sentences, reports, positions ascending. */
static int sort_by_hash(triple *v, size_t n)
{
    triple *tmp = malloc(sizeof *tmp * (n ? n : 1));
    if (!tmp) return CHORUS_ENOMEM;
    triple *from = v, *to = tmp;
    for (unsigned shift = 0; shift < 64; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++) count[((from[i].h >> shift) & 255) + 1]++;
        for (size_t b = 1; b < 257; b++) count[b] += count[b - 1];
        for (size_t i = 0; i < n; i++) to[count[(from[i].h >> shift) & 255]++] = from[i];
        triple *x = from;
        from = to, to = x;
    }
    /* an even number of passes: the sorted entries are back in v */
    free(tmp);
    return 0;
}

int cx_seen_tables_build(const cx_seen_text *texts, size_t n_docs, cx_seen_tables *out)
{
    memset(out, 0, sizeof *out);
    size_t n_sents = 0, n_tok = 0;
    for (size_t d = 0; d < n_docs; d++) n_sents += texts[d].n_sents, n_tok += texts[d].n_tok;
    triple *post = malloc(sizeof *post * (n_tok ? n_tok : 1));
    triple *conc = malloc(sizeof *conc * (2 * n_tok + 1));
    uint32_t *n_content = malloc(sizeof *n_content * (n_sents ? n_sents : 1));
    size_t np = 0, nc = 0, s = 0;
    int rc = CHORUS_ENOMEM;
    if (!post || !conc || !n_content) goto out;
    for (size_t d = 0; d < n_docs; d++) {
        const cx_seen_text *t = &texts[d];
        for (size_t i = 0, at = 0; i < t->n_sents; at = t->sent_end[i++], s++) {
            size_t end = t->sent_end[i], first = np;
            for (size_t k = at; k < end; k++) {
                uint64_t h = t->stems[t->tok[k] >> 1];
                int stop = t->tok[k] & 1;
                /* the concepts of summarize.c: stem pairs not both stopwords, and content stems */
                if (k + 1 < end && !(stop && (t->tok[k + 1] & 1)))
                    conc[nc++] = (triple){cx_seen_concept_key(h, t->stems[t->tok[k + 1] >> 1], 0), (uint32_t)d,
                                          (uint32_t)(k - at + 2)};
                if (!stop) {
                    conc[nc++] = (triple){cx_seen_concept_key(h, 0, 1), (uint32_t)d, (uint32_t)(k - at + 1)};
                    post[np++] = (triple){h, (uint32_t)s, 0};
                }
            }
            /* the sentence's content set: its distinct content stems (a few dozen) */
            size_t u = first;
            for (size_t k = first; k < np; k++) {
                size_t x = first;
                while (x < u && post[x].h != post[k].h) x++;
                if (x == u) post[u++] = post[k];
            }
            np = u;
            n_content[s] = (uint32_t)(np - first);
        }
    }
    if (sort_by_hash(post, np) || sort_by_hash(conc, nc)) goto out;
    size_t n_stems = 0, n_concepts = 0, n_need = 0;
    for (size_t k = 0; k < np; k++) n_stems += !k || post[k].h != post[k - 1].h;
    for (size_t k = 0; k < nc; k++) {
        n_concepts += !k || conc[k].h != conc[k - 1].h;
        n_need += !k || conc[k].h != conc[k - 1].h || conc[k].a != conc[k - 1].a;
    }
    uint64_t counts[6] = {n_docs, n_sents, n_stems, np, n_concepts, n_need};
    if (n_docs >= UINT32_MAX || tables_alloc(out, counts)) goto out;
    uint64_t *stems = (uint64_t *)out->stems, *concepts = (uint64_t *)out->concepts;
    uint32_t *at = (uint32_t *)out->at, *in = (uint32_t *)out->in, *cat = (uint32_t *)out->cat,
             *need = (uint32_t *)out->need;
    memcpy((uint32_t *)out->n_content, n_content, sizeof *n_content * n_sents);
    size_t j = 0;
    for (size_t k = 0; k < np; k++) {
        if (!k || post[k].h != post[k - 1].h) at[j] = (uint32_t)k, stems[j++] = post[k].h;
        in[k] = post[k].a;
    }
    at[j] = (uint32_t)np;
    j = 0;
    size_t m = 0;
    for (size_t k = 0; k < nc; k++) {
        if (!k || conc[k].h != conc[k - 1].h) cat[j] = (uint32_t)m, concepts[j++] = conc[k].h;
        /* a key's entries run by report: each report's fewest */
        if (!k || conc[k].h != conc[k - 1].h || conc[k].a != conc[k - 1].a) need[m++] = conc[k].b;
        else if (conc[k].b < need[m - 1]) need[m - 1] = conc[k].b;
    }
    cat[j] = (uint32_t)m;
    index_fill((uint32_t *)out->stem_index, out->stem_bits, stems, n_stems);
    index_fill((uint32_t *)out->concept_index, out->concept_bits, concepts, n_concepts);
    rc = 0;
out:
    free(post), free(conc), free(n_content);
    return rc;
}

void cx_seen_tables_put(const char *name, const cx_seen_tables *t)
{
    if (t->mem) cx_blob_put(SET_KIND, name, t->mem, t->bytes);
}

int cx_seen_tables_get(const char *name, cx_seen_tables *t)
{
    memset(t, 0, sizeof *t);
    size_t len;
    char *data = cx_blob_get(SET_KIND, name, &len);
    if (!data) return 0;
    uint64_t h[SET_HEADER_WORDS];
    if (len < sizeof h) {
        free(data);
        return 0;
    }
    memcpy(h, data, sizeof h);
    if (h[0] != SET_MAGIC || h[7] || tables_bytes(h + 1) != len) {
        free(data);
        return 0;
    }
    /* the blob is malloc'ed: aligned for the 8-byte words it starts with */
    t->mem = data, t->bytes = len;
    t->n_docs = h[1], t->n_sents = h[2], t->n_stems = h[3], t->n_post = h[4], t->n_concepts = h[5], t->n_need = h[6];
    /* used as read (the checksum stands for the rest): the lookups keep
     * every offset within its array, so a forged file misleads at worst */
    tables_layout(t);
    return 1;
}
