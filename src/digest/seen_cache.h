/* What an update digest keeps of the reports its reader has seen, between
 * runs (seen_cache.c). */
#ifndef CHORUS_SEEN_CACHE_H
#define CHORUS_SEEN_CACHE_H

#include <stdint.h>

#include "story.h"

#define CX_SEEN_KEY_BYTES 33

/* One seen report read into words: its sentences' tokens, each a stem
 * (by the XXH3-64 of the stem's bytes, the hash the story's vocabulary
 * keeps: cx_vocab_hash) and a stopword flag. Stems are hashes rather than
 * the story's ids so that what is kept does not depend on the story it is
 * read beside, and reading it back interns nothing. */
typedef struct cx_seen_text {
    uint64_t *stems;  /* distinct stems, in the order first met */
    uint32_t *tok;    /* per token: index in stems << 1 | stopword */
    size_t *sent_end; /* per sentence: the end of its tokens in tok */
    size_t n_stems, n_tok, n_sents;
} cx_seen_text;

void cx_seen_text_free(cx_seen_text *t);

/* The name a report's words are kept under: a hash of the program's build,
 * the language's code and word lists (fingerprint) and the report's text.
 * Returns 0, or -1 when nothing can be kept (no cache directory, or a
 * build without an id). */
int cx_seen_cache_key(const cx_lang *lang, uint64_t fingerprint, const char *text, size_t len,
                      char name[CX_SEEN_KEY_BYTES]);
/* 1 with *t filled from the cache, 0 when nothing (whole) is kept, or
 * CHORUS_ENOMEM. */
int cx_seen_cache_get(const char *name, cx_seen_text *t);
void cx_seen_cache_put(const char *name, const cx_seen_text *t);

/* What the update reads of a whole seen set, ready to use: the content
 * stems of its sentences with the sentences holding each (the "already
 * said" test of focus.h) and its concepts with the reports holding each
 * (the novelty weights of summarize.c). One block of memory, laid out as
 * it is kept, so a set read back is checked and used in place. */
typedef struct cx_seen_tables {
    size_t n_docs, n_sents, n_stems, n_post, n_concepts, n_need;
    const uint64_t *stems;     /* content stems, sorted, unique */
    const uint64_t *concepts;  /* concept keys (cx_seen_concept_key), sorted, unique */
    const uint32_t *at;        /* n_stems + 1: stem i is held by sentences in[at[i] .. at[i + 1]) */
    const uint32_t *in;        /* n_post sentence indices, ascending per stem */
    const uint32_t *n_content; /* per sentence: its distinct content stems */
    const uint32_t *cat;       /* n_concepts + 1: concept i is in need[cat[i] .. cat[i + 1]) */
    const uint32_t *need;      /* per report holding the concept: the fewest leading tokens of
                                  one of its sentences that hold it */
    const uint32_t *stem_index, *concept_index; /* where the keys of each top-bits value start */
    unsigned stem_bits, concept_bits;
    void *mem;
    size_t bytes;
} cx_seen_tables;

/* The key of a concept made of stems a and b (bigram), or of a alone. */
uint64_t cx_seen_concept_key(uint64_t a, uint64_t b, int unigram);
/* The tables of n_docs reports (texts[d] is report d's words). Returns 0 or
 * CHORUS_ENOMEM. */
int cx_seen_tables_build(const cx_seen_text *texts, size_t n_docs, cx_seen_tables *out);
void cx_seen_tables_free(cx_seen_tables *t);
/* The index of a content stem's hash in t->stems, or of a concept key in
 * t->concepts; -1 when the set has none. */
long cx_seen_find_stem(const cx_seen_tables *t, uint64_t h);
long cx_seen_find_concept(const cx_seen_tables *t, uint64_t key);

/* A whole seen set's name: of its reports' texts (a corpus), or of the raw
 * key of the files it was read from (chorus_seen_files_key), with the build,
 * the language and its word lists. Returns 0, or -1 when nothing can be kept. */
int cx_seen_set_key_texts(const cx_lang *lang, uint64_t fingerprint, const char *const *texts, size_t n_docs,
                          char name[CX_SEEN_KEY_BYTES]);
int cx_seen_set_key_files(const cx_lang *lang, uint64_t fingerprint, const unsigned char raw[16],
                          char name[CX_SEEN_KEY_BYTES]);
/* 1 with *t read back and checked, 0 when none is kept whole, or
 * CHORUS_ENOMEM. */
int cx_seen_tables_get(const char *name, cx_seen_tables *t);
void cx_seen_tables_put(const char *name, const cx_seen_tables *t);

#endif
