/* Building a story: the analyze stage run over a corpus. It sits above the
 * stages it calls (clean, sentences, tokens), which see only story.h. */
#ifndef CHORUS_STORY_BUILD_H
#define CHORUS_STORY_BUILD_H

#include "story.h"

/* Normalize, split into paragraphs, clean, find titles, split sentences and
 * tokenize every article of the corpus. On failure the story is freed. */
int cx_story_build(cx_story *s, const chorus_corpus *c, chorus_error *err);
/* The same up to cleaning: paragraphs judged, titles found, no sentences. */
int cx_story_build_cleaned(cx_story *s, const chorus_corpus *c, chorus_error *err);
/* The same, with what recurs across the pages of a crawl as evidence. */
int cx_story_build_cleaned_pages(cx_story *s, const chorus_corpus *c, const struct cx_page_stats *pages,
                                 chorus_error *err);

/* Any of the above on threads workers (<= 0: the default, 1: this thread
 * only), sentences split and tokenized when sentences is set: the story is
 * the same whatever the number of threads, to the vocabulary's ids. */
int cx_story_build_threads(cx_story *s, const chorus_corpus *c, const struct cx_page_stats *pages, int threads,
                           int sentences, chorus_error *err);

#endif
