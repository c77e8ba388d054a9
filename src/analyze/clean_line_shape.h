/* Shape evidence for the line model from a line's characters: what a reader
 * sees before reading a word. Running text is mostly lower-case letters with
 * commas; a menu or a list of headlines is capitalised words; a table, a
 * price list or a date line is digits; a teaser ends in an ellipsis; a list
 * item opens with a bullet or a number. */
#ifndef CHORUS_CLEAN_LINE_SHAPE_H
#define CHORUS_CLEAN_LINE_SHAPE_H

#include <stddef.h>

/* The pieces, in the order cx_line_shape writes them. */
enum {
    CX_SHAPE_CAPS,     /* share of its words (those with a letter) whose first letter is a capital */
    CX_SHAPE_DIGITS,   /* share of its characters (not spaces) that are digits */
    CX_SHAPE_PUNCT,    /* share of its characters (not spaces) that are neither letters nor digits */
    CX_SHAPE_COMMAS,   /* commas (, ، 、 ，) per word */
    CX_SHAPE_MARKER,   /* opens with a bullet, a dash or a number and ". " or ") " (a list item) */
    CX_SHAPE_ELLIPSIS, /* ends in an ellipsis, "»" or ">>" (a teaser, a "more" link) */
    CX_SHAPE_WORD_LEN, /* mean characters per word */
    CX_SHAPE_PIECES
};

/* The shape of the UTF-8 line s[0..n) (words split at white space; invalid
 * bytes count as characters that are neither letters nor digits); all 0 for
 * a line without words. */
void cx_line_shape(const char *s, size_t n, float out[CX_SHAPE_PIECES]);

#endif
