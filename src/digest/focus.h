/* What a summary is for: a question it should answer (relevance) and the
 * reports its reader has already read (novelty). summarize.c folds both into
 * its concept weights; this module only measures. */
#ifndef CHORUS_FOCUS_H
#define CHORUS_FOCUS_H

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

/* The seen reports' sentences, tokenized in the story's vocabulary. */
typedef struct cx_seen_set {
    cx_sent *sents; /* doc = index of the seen report; text owned (NULL when
                     * read from the cache: only the stems are kept) */
    size_t n, cap;
    size_t n_docs;
    /* which seen sentences hold each content stem (postings of stem id s at
     * at[s] .. at[s + 1] of in), and a count per seen sentence for
     * cx_seen_says */
    uint32_t *at, *in, *hits, *touched;
    size_t n_ids;
} cx_seen_set;

/* The seen reports are only read for what they say: normalized, split into
 * paragraphs and sentences in the story's main language and tokenized into
 * its vocabulary, without the cleaning, language detection and analysis a
 * digest's own articles get (so an update costs little more than a digest
 * of the new reports alone). */
int cx_seen_init(cx_seen_set *k, cx_story *s, const chorus_corpus *seen);
void cx_seen_free(cx_seen_set *k);
/* Has a seen sentence already said this one: most (70%) of its content words
 * in one seen sentence? */
int cx_seen_says(const cx_seen_set *k, const cx_sent *st);

#endif
