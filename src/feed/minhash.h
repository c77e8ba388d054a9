/* MinHash signatures over word shingles, and an LSH index of recent
 * signatures to find near-duplicates without comparing against every article.
 *
 * The index is a ring of the most recent `capacity` signatures; each band of
 * a signature is chained to the previous signature with the same band value
 * (a direct-mapped head table per band, as a compressor's hash chains), so
 * finding candidates costs a few chain steps per band and old entries fall
 * out of the ring without any deletion work. */
#ifndef CHORUS_MINHASH_H
#define CHORUS_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#define CX_MINHASH_K 64    /* hash functions per signature */
#define CX_MINHASH_BANDS 16 /* LSH bands of CX_MINHASH_K / CX_MINHASH_BANDS rows */

typedef struct cx_minhash {
    uint32_t v[CX_MINHASH_K];
} cx_minhash;

/* Start a signature (all slots at the maximum). */
void cx_minhash_init(cx_minhash *m);
/* Fold one shingle's 64-bit hash into the signature. */
void cx_minhash_add(cx_minhash *m, uint64_t shingle_hash);
/* Fraction of equal slots: an unbiased estimate of the Jaccard similarity. */
double cx_minhash_jaccard(const cx_minhash *a, const cx_minhash *b);

typedef struct cx_lsh cx_lsh;

cx_lsh *cx_lsh_new(size_t capacity);
void cx_lsh_free(cx_lsh *l);
/* Remember a signature under (key, payload); the oldest entry leaves the ring
 * when it is full. `time` lets callers drop entries older than a window. */
int cx_lsh_insert(cx_lsh *l, const cx_minhash *m, int64_t key, int64_t payload, int64_t time);
/* The remembered signature most similar to m (estimated Jaccard >= min_jaccard,
 * ties to the earliest inserted), among entries not older than min_time
 * (INT64_MIN: any). Returns 1 and fills key/payload/jaccard, or 0. */
int cx_lsh_best(const cx_lsh *l, const cx_minhash *m, double min_jaccard, int64_t min_time,
                int64_t *key, int64_t *payload, double *jaccard);
/* The smallest key among the live entries (INT64_MAX when there is none):
 * cx_lsh_best never answers a key below it again, since an entry inserted
 * later carries a new key or the key of a live entry it matched. A scan of
 * the ring: for occasional pruning of what callers keep per key. */
int64_t cx_lsh_min_key(const cx_lsh *l);

/* For saving and loading an index (engine snapshots). The live entries are
 * the sequence numbers (last - count, last], oldest first. */
size_t cx_lsh_capacity(const cx_lsh *l);
uint64_t cx_lsh_last(const cx_lsh *l);
size_t cx_lsh_count(const cx_lsh *l);
/* The entry with sequence number seq; 0 when it is not live. */
int cx_lsh_entry(const cx_lsh *l, uint64_t seq, cx_minhash *m, int64_t *key, int64_t *payload, int64_t *time);
/* On an empty index: number the next inserted entry seq (> 0). Inserting the
 * live entries of a saved index in order then rebuilds one that answers
 * every query as the saved one did. Returns 0, or CHORUS_EINVAL. */
int cx_lsh_start_at(cx_lsh *l, uint64_t seq);

#endif
