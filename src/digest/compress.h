/* Sentence trimming for summaries: deletions only, of words that carry no
 * content once the sentence leaves its article. A summary budget counted in
 * words is better spent on what happened than on when-relative-to-this-
 * article and asides (the trimming of Conroy et al.'s CLASSY and Zajic et
 * al.'s Trimmer, kept to the deletions that cannot change what is reported). */
#ifndef CHORUS_COMPRESS_H
#define CHORUS_COMPRESS_H

#include <stddef.h>

/* Writes the trimmed sentence into out (room for len + 1 bytes, NUL-
 * terminated) and returns its length; the same text when nothing is
 * deletable. What goes:
 *  - a leading wire dateline ("WASHINGTON (AP) --");
 *  - a weekday naming when, relative to the article's own date ("said
 *    Monday", "on Friday", "late Sunday night"), which a digest of reports
 *    from several days would misplace; never a weekday in a name ("Good
 *    Friday"), a range ("Monday and Tuesday") or after "since", "until"...;
 *  - a short parenthetical aside ("the People's Party (CPP) won");
 *  - an age in apposition ("Pinochet, 82, was"), a legislator's party and
 *    state ("Armey, R-Texas, said").
 * Nothing inside quotation marks is touched: quotes stay verbatim. */
size_t cx_compress_sentence(const char *text, size_t len, char *out);
/* The same, with deleted[i] (room for len) set to 1 for each byte i a rule
 * took out (the spaces the copy closes up besides are not marked), all 0
 * when the sentence is returned as it is. */
size_t cx_compress_sentence_del(const char *text, size_t len, char *out, unsigned char *deleted);

/* 0 when no rule above can delete anything from the sentence (and it has
 * no stray spaces to close up): cx_compress_sentence would return it as it
 * is. One pass over the bytes for what every rule needs (a capitalized
 * first word, "day", "week" or "month" in any case, " (", a comma before a
 * digit or R-/D-/I-), so most sentences of a summary's pool skip the
 * rules' word-by-word tests and the copy. */
int cx_compress_may_trim(const char *text, size_t len);

#endif
