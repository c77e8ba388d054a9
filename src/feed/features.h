/* What the clustering engine keeps of an article (see cluster.h): content
 * stems and name terms with their counts, a MinHash signature, the time.
 * Term ids live in a vocabulary owned by the clusterer. */
#ifndef CHORUS_FEATURES_H
#define CHORUS_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "chorus.h"
#include "minhash.h"
#include "text.h"

/* Name terms are interned with this prefix so they never collide with stems
 * (the tokenizer never yields it). */
#define CX_NAME_PREFIX '='

typedef struct cx_features cx_features; /* what the clustering engine keeps per article */

void cx_features_free(cx_features *f);
int64_t cx_features_time(const cx_features *f);
size_t cx_features_n_terms(const cx_features *f);
/* Serialize to bytes (for a store to keep). Terms are serialized as strings
 * so a new process can rebuild its vocabulary. *buf is malloc'd. */
int cx_features_serialize(const cx_features *f, unsigned char **buf, size_t *len);

typedef struct cx_term_count {
    int32_t term;
    uint32_t count;
} cx_term_count;

struct cx_features {
    const cx_vocab *vocab; /* the vocabulary the ids refer to (not owned) */
    int64_t time;          /* seconds since epoch, INT64_MIN when unknown */
    cx_term_count *terms;  /* content stems, sorted by id */
    size_t n_terms;
    cx_term_count *names;  /* capitalized name terms (prefixed), sorted by id */
    size_t n_names;
    size_t n_shingles;     /* 0: no signature (no words) */
    cx_minhash sig;
};

/* What building features needs: the vocabulary, a stemmer, and a cache from
 * lower-cased words to stem ids (stemming is the costly step, and news
 * repeats its words). */
typedef struct cx_feature_ctx {
    cx_vocab *vocab;
    cx_stemmer *stemmer;
    cx_vocab *words;       /* lower-cased surface words seen so far */
    int32_t *word_stem;    /* per word id: stem term id, or -1 for a stopword */
    size_t cap_word_stem;
    size_t shingle_words;
} cx_feature_ctx;

int cx_feature_ctx_init(cx_feature_ctx *ctx, size_t shingle_words);
void cx_feature_ctx_free(cx_feature_ctx *ctx);

/* Build features of an article's title and text. */
int cx_features_build(cx_feature_ctx *ctx, const chorus_article *a, cx_features **out);
/* Read serialized features, interning their terms in v. */
int cx_features_deserialize_into(cx_vocab *v, const unsigned char *buf, size_t len, cx_features **out);

#endif
