/* The sentences of a seen report kept between runs.
 *
 * An update digest reads what its reader has already read only for the
 * content stems of its sentences, and normalizing, splitting and stemming
 * those reports cost more than the digest of the new ones (a reader who has
 * read twenty reports pays for twenty). The result depends only on the
 * report's text, its language's table and the program's code, so it is kept
 * per report under a hash of the three (blob_cache.h) and read back as stem
 * strings, which are interned into the story's vocabulary in the order the
 * tokenizer would have met them: the ids, and so every later choice, are
 * the same as when the report is read afresh.
 *
 * Payload: the report's distinct stems in the order the tokenizer met them
 * (their number, then each one's length and bytes), then the number of
 * sentences and per sentence its number of tokens and per token (index of
 * its stem << 1 | stopword); numbers as LEB128 varints.
 *
 * The whole seen set is kept too, in one file (seenset.v1) under a hash of
 * all its reports: a reader who comes back with the same reports opens one
 * file instead of one per report, and interns each stem once. Its payload
 * is the set's distinct stems in first-met order, then the number of
 * reports and each report's sentences as above. */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "blob_cache.h"
#include "build_id.h"
#include "seen_cache.h"
#include "u64map.h"
#include "util.h"

#define KIND "seen.v2"
#define SET_KIND "seenset.v1"
#define MAX_STEM_BYTES 4096

static void hex_name(XXH128_hash_t h, char name[CX_SEEN_KEY_BYTES])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        name[i] = hex[(h.high64 >> (60 - 4 * i)) & 15];
        name[16 + i] = hex[(h.low64 >> (60 - 4 * i)) & 15];
    }
    name[32] = '\0';
}

int cx_seen_cache_key(const cx_lang *lang, uint64_t fingerprint, const char *text, size_t len,
                      char name[CX_SEEN_KEY_BYTES])
{
    size_t id_len;
    const unsigned char *id = cx_build_id(&id_len);
    if (!id || !cx_blob_cache_on()) return -1;
    XXH3_state_t *st = XXH3_createState();
    if (!st) return -1;
    const char *code = cx_lang_code(lang);
    XXH3_128bits_reset(st);
    XXH3_128bits_update(st, id, id_len);
    XXH3_128bits_update(st, code, strlen(code) + 1);
    XXH3_128bits_update(st, &fingerprint, sizeof fingerprint);
    XXH3_128bits_update(st, &len, sizeof len);
    XXH3_128bits_update(st, text, len);
    XXH128_hash_t h = XXH3_128bits_digest(st);
    XXH3_freeState(st);
    hex_name(h, name);
    return 0;
}

int cx_seen_set_cache_key(const cx_lang *lang, uint64_t fingerprint, const char *const *texts, size_t n,
                          char name[CX_SEEN_KEY_BYTES])
{
    size_t id_len;
    const unsigned char *id = cx_build_id(&id_len);
    if (!id || !cx_blob_cache_on() || !n) return -1;
    XXH3_state_t *st = XXH3_createState();
    if (!st) return -1;
    const char *code = cx_lang_code(lang);
    XXH3_128bits_reset(st);
    XXH3_128bits_update(st, id, id_len);
    XXH3_128bits_update(st, "set", 4);
    XXH3_128bits_update(st, code, strlen(code) + 1);
    XXH3_128bits_update(st, &fingerprint, sizeof fingerprint);
    XXH3_128bits_update(st, &n, sizeof n);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(texts[i]);
        XXH3_128bits_update(st, &len, sizeof len);
        XXH3_128bits_update(st, texts[i], len);
    }
    XXH128_hash_t h = XXH3_128bits_digest(st);
    XXH3_freeState(st);
    hex_name(h, name);
    return 0;
}

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

/* The payload of sentences: the report's (or the set's) distinct stems in
 * the order the tokenizer met them, then the sentences; for a set (n_docs >
 * 0, sentences in report order), the number of reports and each report's
 * sentences. */
static int encode(const cx_story *s, const cx_sent *sents, size_t n, size_t n_docs, cx_buf *out)
{
    cx_u64map local = {0};
    cx_buf stems, body;
    cx_buf_init(&stems), cx_buf_init(&body);
    int rc = n_docs ? put_varint(&body, n_docs) : 0;
    for (size_t d = 0, i = 0; d < (n_docs ? n_docs : 1) && !rc; d++) {
        size_t end = i;
        while (end < n && (!n_docs || sents[end].doc == (int)d)) end++;
        rc = put_varint(&body, end - i);
        for (; i < end && !rc; i++) {
            rc = put_varint(&body, sents[i].n_tok);
            for (size_t t = 0; t < sents[i].n_tok && !rc; t++) {
                int added;
                int64_t li = cx_u64map_add(&local, (uint64_t)(uint32_t)sents[i].stems[t], &added);
                if (li < 0) {
                    rc = -1;
                    break;
                }
                if (added) {
                    const char *stem = cx_vocab_str(s->vocab, sents[i].stems[t]);
                    size_t sl = stem ? strlen(stem) : 0;
                    rc = !stem || sl > MAX_STEM_BYTES || put_varint(&stems, sl) || cx_buf_append(&stems, stem, sl);
                }
                if (!rc) rc = put_varint(&body, (uint64_t)li << 1 | (sents[i].stop[t] ? 1 : 0));
            }
        }
        if (!rc && n_docs && d + 1 == n_docs && i != n) rc = -1; /* not in report order */
    }
    cx_buf_init(out);
    if (!rc)
        rc = put_varint(out, local.n) || cx_buf_append(out, stems.data, stems.len) ||
             cx_buf_append(out, body.data, body.len);
    cx_buf_free(&stems), cx_buf_free(&body);
    cx_u64map_free(&local);
    return rc;
}

void cx_seen_cache_put(const cx_story *s, const char *name, const cx_sent *sents, size_t n)
{
    cx_buf out;
    if (!encode(s, sents, n, 0, &out)) cx_blob_put(KIND, name, out.data, out.len);
    cx_buf_free(&out);
}

void cx_seen_set_cache_put(const cx_story *s, const char *name, const cx_sent *sents, size_t n, size_t n_docs)
{
    cx_buf out;
    if (n_docs && !encode(s, sents, n, n_docs, &out)) cx_blob_put(SET_KIND, name, out.data, out.len);
    cx_buf_free(&out);
}

static void free_sents(cx_sent *v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i].stems), free(v[i].stop), free(v[i].content);
    free(v);
}

/* The sentences of one report: their number, then each one's tokens. */
static int well_formed_sents(const unsigned char **pp, const unsigned char *end, uint64_t nw, uint64_t *total)
{
    const unsigned char *p = *pp;
    uint64_t ns, nt, h;
    if (get_varint(&p, end, &ns) || ns > (uint64_t)(end - p)) return 0;
    for (uint64_t i = 0; i < ns; i++) {
        if (get_varint(&p, end, &nt) || nt > (uint64_t)(end - p)) return 0;
        for (uint64_t t = 0; t < nt; t++)
            if (get_varint(&p, end, &h) || (h >> 1) >= nw) return 0;
    }
    *total += ns;
    *pp = p;
    return 1;
}

/* Whether the payload reads whole (before anything is interned: a payload
 * that fails half way must leave the vocabulary as it was); *total counts
 * its sentences. */
static int well_formed(const unsigned char *p, const unsigned char *end, size_t n_docs, uint64_t *total)
{
    uint64_t nw, h, nr = 1;
    *total = 0;
    if (get_varint(&p, end, &nw) || nw > (uint64_t)(end - p)) return 0;
    for (uint64_t w = 0; w < nw; w++)
        if (get_varint(&p, end, &h) || h > MAX_STEM_BYTES || h > (uint64_t)(end - p)) return 0;
        else p += h;
    if (n_docs && (get_varint(&p, end, &nr) || nr != n_docs)) return 0;
    for (uint64_t d = 0; d < nr; d++)
        if (!well_formed_sents(&p, end, nw, total)) return 0;
    return p == end;
}

static int decode(cx_story *s, const char *kind, const char *name, size_t n_docs, cx_sent **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t len;
    char *data = cx_blob_get(kind, name, &len);
    if (!data) return 0;
    const unsigned char *p = (const unsigned char *)data, *end = p + len;
    uint64_t total;
    if (!well_formed(p, end, n_docs, &total)) {
        free(data);
        return 0;
    }
    uint64_t nw, ns, nt, h, nr = 1;
    get_varint(&p, end, &nw);
    int32_t *ids = malloc(sizeof *ids * (nw ? nw : 1));
    int rc = ids ? 0 : CHORUS_ENOMEM;
    /* interned in the order a fresh reading meets them: the same ids */
    for (uint64_t w = 0; w < nw && !rc; w++) {
        get_varint(&p, end, &h);
        if ((ids[w] = cx_vocab_id(s->vocab, (const char *)p, h)) < 0) rc = CHORUS_ENOMEM;
        p += h;
    }
    cx_sent *v = NULL;
    size_t at = 0;
    if (!rc && !(v = calloc(total ? total : 1, sizeof *v))) rc = CHORUS_ENOMEM;
    if (!rc && n_docs) get_varint(&p, end, &nr);
    for (uint64_t d = 0; d < nr && !rc; d++) {
        get_varint(&p, end, &ns);
        for (uint64_t i = 0; i < ns && !rc; i++) {
            cx_sent *st = &v[at++];
            st->doc = (int)d;
            get_varint(&p, end, &nt);
            st->stems = malloc(sizeof *st->stems * (nt ? nt : 1));
            st->stop = malloc(nt ? nt : 1);
            if (!st->stems || !st->stop) {
                rc = CHORUS_ENOMEM;
                break;
            }
            st->n_tok = st->n_words = nt;
            for (size_t t = 0; t < nt; t++) {
                get_varint(&p, end, &h);
                st->stems[t] = ids[h >> 1];
                st->stop[t] = h & 1;
            }
            if (!((st->n_content = cx_sent_content_set(st, &st->content)), st->content)) rc = CHORUS_ENOMEM;
        }
    }
    free(data), free(ids);
    if (rc) {
        free_sents(v, v ? total : 0);
        return rc;
    }
    *out = v;
    *n = total;
    return 1;
}

int cx_seen_cache_get(cx_story *s, const char *name, cx_sent **out, size_t *n)
{
    return decode(s, KIND, name, 0, out, n);
}

int cx_seen_set_cache_get(cx_story *s, const char *name, size_t n_docs, cx_sent **out, size_t *n)
{
    if (!n_docs) {
        *out = NULL, *n = 0;
        return 0;
    }
    return decode(s, SET_KIND, name, n_docs, out, n);
}
