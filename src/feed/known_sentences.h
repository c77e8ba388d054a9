#ifndef CHORUS_KNOWN_SENTENCES_H
#define CHORUS_KNOWN_SENTENCES_H

#include "chorus.h"

/* What is new since a reader last looked: remove from fresh's articles the
 * sentences the earlier reports already said (at least 70% of the sentence's
 * word 4-grams occur in earlier text; all its words for a sentence shorter
 * than four words), and the articles left with nothing. *n_dropped gets the
 * sentences removed, *n_emptied the articles removed. */
int cx_drop_known_sentences(chorus_corpus *fresh, const chorus_corpus *earlier, size_t *n_dropped,
                            size_t *n_emptied, chorus_error *err);

#endif
