/* Words that attribute a quotation, per language: verbs of saying and the
 * auxiliaries and articles around them, for the languages chorus knows
 * beside English ("a déclaré le ministre", "sagte die Kanzlerin", "dijo el
 * presidente", "ha detto", "disse", "заявил"). Keyed by ISO 639-1 code, so
 * the article's detected language picks its table; with no language given,
 * every table is consulted (their words do not collide with English ones). */
#ifndef CHORUS_QUOTE_CUES_H
#define CHORUS_QUOTE_CUES_H

#include <stddef.h>

/* A verb of saying in lang (NULL: any language but English). w is lower-case. */
int cx_quote_cue_verb(const char *lang, const char *w, size_t n);
/* An auxiliary that may stand before such a verb ("a", "hat", "ha"). */
int cx_quote_cue_aux(const char *lang, const char *w, size_t n);
/* An article opening a speaker phrase ("le", "der", "el", "il"). */
int cx_quote_cue_article(const char *lang, const char *w, size_t n);
/* A phrase meaning "according to" ("selon", "según", "secondo", "laut",
 * "по словам") opening at word w, next being the word after it: returns
 * its length in words (1 or 2), or 0. */
int cx_quote_cue_according(const char *lang, const char *w, size_t n, const char *next, size_t nn);

/* For languages written without spaces (zh, ja; NULL: either): the length
 * in bytes of a verb of saying that ends the run w[0, n) ("王强表示",
 * "と述べた"), or 0; and of an adverb or particle that ends it ("还", "は"),
 * found between a speaker and the verb. */
size_t cx_quote_cue_verb_suffix(const char *lang, const char *w, size_t n);
size_t cx_quote_cue_aux_suffix(const char *lang, const char *w, size_t n);

/* 1 when lang has a table here. */
int cx_quote_cue_has(const char *lang);

#endif
