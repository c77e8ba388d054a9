/* What a summary is for: a question it should answer (relevance) and the
 * reports its reader has already read (novelty). summarize.c folds both into
 * its concept weights; this module only measures. */
#ifndef CHORUS_FOCUS_H
#define CHORUS_FOCUS_H

#include "seen_cache.h"
#include "story.h"

/* The question's content words in the story's vocabulary (stems, so "steroid"
 * matches "steroids"; names are matched the same way), each weighted by the
 * share of the story's articles that use it: the words of the subject count
 * fully, the question's own wording ("discuss", "include", "information"),
 * which articles rarely use, little. (Inverse frequency, the usual retrieval
 * weight, does the opposite here: every sentence of a story retrieved for the
 * question holds its subject, and the rare words are the question's
 * phrasing; measured in bench/RESULTS.md.) */
typedef struct cx_focus {
    int32_t *terms; /* sorted, unique */
    double *weight; /* parallel to terms; 0 for a word no article uses */
    size_t n_terms, n_found;
} cx_focus;

/* Returns 0 or CHORUS_ENOMEM. An empty or stop-word-only question gives
 * n_terms 0 (the caller falls back to a generic summary and says so). */
int cx_focus_init(cx_focus *f, cx_story *s, const char *question);
void cx_focus_free(cx_focus *f);
/* The sentence's relevance: the weights of the question's words it holds. */
double cx_focus_relevance(const cx_focus *f, const cx_sent *st);

/* What the reader has seen, as the update reads it: the seen set's tables
 * (seen_cache.h: content stems with the sentences holding them, concepts
 * with the reports holding them), in stem hashes, so that nothing of the
 * seen reports enters the story's vocabulary. */
typedef struct cx_seen_set {
    cx_seen_tables t;
    size_t n, n_docs;         /* seen sentences and reports */
    uint32_t *hits, *touched; /* per seen sentence, for cx_seen_says */
} cx_seen_set;

/* The seen reports, from the corpus seen, or from the files behind files
 * (read through files->load only when the cache holds nothing for their
 * raw key); neither: no seen set. The reports are only read for what they
 * say: normalized, split into paragraphs and sentences in the story's main
 * language and stemmed, without the cleaning, language detection and
 * analysis a digest's own articles get; what that gives is kept between
 * runs (seen_cache.h). Returns 0, CHORUS_ENOMEM, or the loader's error. */
int cx_seen_init(cx_seen_set *k, cx_story *s, const chorus_corpus *seen, const chorus_seen_files *files,
                 chorus_error *err);
void cx_seen_free(cx_seen_set *k);
/* Has a seen sentence already said this one: most (70%) of its content words
 * in one seen sentence? */
int cx_seen_says(const cx_seen_set *k, const cx_story *s, const cx_sent *st);
/* The reports of the seen set that hold the concept of story stems a and b
 * (b < 0: the content stem a alone) within their sentences' first
 * max_tok tokens. */
size_t cx_seen_concept_df(const cx_seen_set *k, const cx_story *s, int32_t a, int32_t b, size_t max_tok);

#endif
