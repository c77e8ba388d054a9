/* Extractive multi-document summary: choose sentences that together cover
 * the most important concepts under a length budget. */
#ifndef CHORUS_SUMMARIZE_H
#define CHORUS_SUMMARIZE_H

#include "story.h"

typedef struct cx_sent_ref {
    int doc, sent;
    char *text; /* the printed form when trimmed (owned), or NULL: print the sentence as is */
    size_t len;
} cx_sent_ref;

/* What the focus and the seen set did, for the digest's notes. */
typedef struct cx_summary_info {
    size_t focus_terms;       /* content words of the question */
    size_t focus_terms_found; /* of those, the ones some article uses */
    size_t seen_reports;      /* the seen reports */
    size_t seen_sentences;    /* sentences of the seen reports */
    size_t known_candidates;  /* sentences left out as already said in the seen reports */
    size_t new_candidates;    /* sentences that could still be chosen */
} cx_summary_info;

typedef struct cx_summary_options {
    size_t max_words; /* 0: no word limit */
    size_t max_bytes; /* 0: no byte limit */
    int fill;         /* let one last sentence cross the word budget (for scorers that truncate) */
    int compress;     /* trim deletable words from sentences (compress.h); 0 keeps them verbatim */
    chorus_search_stats *stats; /* optional: the exact search's size is added here */
    const char *focus;     /* a question the summary should answer, or NULL */
    const chorus_corpus *seen; /* reports the reader has read: summarize what is new; or NULL */
    const chorus_seen_files *seen_files; /* the same as files not read yet (when seen is NULL) */
    cx_summary_info *info; /* optional: filled with what focus and seen did */
} cx_summary_options;

/* Selected sentences in reading order. Docs with duplicate_of >= 0 are not
 * counted twice. Returns the number of sentences, or a negative code. */
int cx_summarize(cx_story *s, const cx_summary_options *o, cx_sent_ref **out, chorus_error *err);

/* Is the sentence usable in a summary on its own shape (length, balanced
 * quotes, not a question, not a fragment)? */
int cx_summary_candidate(const cx_sent *st);

/* Does the sentence lean on the one before it ("He added...", "But...")? */
int cx_depends_on_previous(const cx_sent *st);

#endif
