/* Provenance: which outlets carry the information of a sentence. */
#ifndef CHORUS_PROVENANCE_H
#define CHORUS_PROVENANCE_H

#include "story.h"

/* Which sentences hold each content stem: lets provenance look only at the
 * sentences that share enough rare words with the one asked about, instead
 * of every sentence of the story (a story of thousands of articles asks for
 * the provenance of hundreds of sentences). Build it once the story's
 * sentences are final; it reads them, so it must not outlive the story. */
typedef struct cx_prov_index cx_prov_index;
int cx_prov_index_build(const cx_story *s, cx_prov_index **out);
void cx_prov_index_free(cx_prov_index *ix);

/* Outlets (indices into s->outlets, sorted, unique) whose articles hold the
 * sentence or a close paraphrase of it, including the sentence's own outlet.
 * With an index (from s) the answer is the same as without, only faster
 * (the index holds the scratch of a query: one query at a time).
 * Returns the count or a negative code; *out is malloc'ed. */
int cx_provenance(cx_story *s, cx_prov_index *ix, int doc, int sent, int **out);

/* At least as many outlets as cx_provenance would give for the sentence,
 * found without reading other sentences (from how many outlets hold its
 * rarest stems): lets a caller that keeps only the best supported of many
 * sentences ask the full question of a few. Needs the index. Returns the
 * bound or CHORUS_ENOMEM. */
int cx_provenance_most(cx_story *s, cx_prov_index *ix, int doc, int sent);

/* cx_provenance (out[i], n_out[i]) and cx_provenance_most (most[i]) of the
 * n sentences (doc[i], sent[i]), as if asked one after the other, on the
 * story's threads (each worker with its own scratch). 0 or CHORUS_ENOMEM
 * (then no answer is kept). Without an index cx_provenance_many reads
 * every sentence on one thread; cx_provenance_most_many needs one. */
int cx_provenance_many(cx_story *s, cx_prov_index *ix, const int *doc, const int *sent, size_t n, int **out,
                       int *n_out);
int cx_provenance_most_many(cx_story *s, cx_prov_index *ix, const int *doc, const int *sent, size_t n, int *most);
/* Mark docs that copy an earlier doc (syndicated wire copy) in
 * duplicate_of, by word-shingle resemblance: each doc copies the first
 * earlier doc, not itself a copy, whose shingle Jaccard reaches threshold.
 * Only docs sharing one of their rarest shingles are compared (prefix
 * filtering: a pair that reaches the threshold always does). */
int cx_mark_duplicate_docs(cx_story *s, double threshold);

#endif
