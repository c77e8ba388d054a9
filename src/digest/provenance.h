/* Provenance: which outlets carry the information of a sentence. */
#ifndef CHORUS_PROVENANCE_H
#define CHORUS_PROVENANCE_H

#include "story.h"

/* Outlets (indices into s->outlets, sorted, unique) whose articles hold the
 * sentence or a close paraphrase of it, including the sentence's own outlet.
 * Returns the count or a negative code; *out is malloc'ed. */
int cx_provenance(cx_story *s, int doc, int sent, int **out);

/* Mark docs that copy an earlier doc (syndicated wire copy) in
 * duplicate_of, by word-shingle resemblance. */
int cx_mark_duplicate_docs(cx_story *s, double threshold);

#endif
