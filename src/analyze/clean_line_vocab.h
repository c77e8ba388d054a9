/* Vocabulary evidence for the line model: a heading, a list item or a table
 * cell of the article speaks of what its running text speaks of, while a
 * menu, a teaser or a footer speaks of something else. */
#ifndef CHORUS_CLEAN_LINE_VOCAB_H
#define CHORUS_CLEAN_LINE_VOCAB_H

#include <stddef.h>
#include <stdint.h>

#include "story.h"

/* For each of the n lines: in_kept[p], the share of its words (of four
 * letters or more, not all digits, ASCII case folded) found in another line
 * that kept[] marks; in_title[p], the share found in the title (NULL: none).
 * 0 for a line without such words. Returns 0 or CHORUS_ENOMEM. */
int cx_line_vocab_shares(const cx_para *paras, size_t n, const uint8_t *kept, const char *title, float *in_kept,
                         float *in_title);

#endif
