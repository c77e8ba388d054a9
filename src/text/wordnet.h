/* What a noun names, from WordNet's noun hierarchy (the Debian package
 * wordnet-base, read at run time from /usr/share/wordnet): whether a noun's
 * most frequent sense is a kind of some other noun ("bronchitis" and "a
 * cold" are kinds of ill health; "a history" and "a plan" are not). Used to
 * tell a word of a class from the words a pattern would otherwise take.
 * Without the files every answer is no. Thread-safe; the files are mapped
 * once, on the first question. */
#ifndef CHORUS_WORDNET_H
#define CHORUS_WORDNET_H

#include <stddef.h>

/* Whether the most frequent noun sense of `word` (n bytes, lower case; a
 * compound with spaces or underscores, "respiratory infection") has
 * `ancestor` (a WordNet lemma, "ill_health") among its hypernyms or is it. */
int cx_noun_is_a(const char *word, size_t n, const char *ancestor);

#endif
