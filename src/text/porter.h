/* The Porter (1980) stemmer in the exact variant ROUGE-1.5.5 applies: its
 * regular-expression reading of vowels and consonants (y is a vowel at the
 * head of a vowel run, initial y a consonant) and its changed step 4, where
 * -ement, -ment and -ent are tried one after another. Snowball's "porter"
 * stems "agreement", "argument" or "apology" differently, so ROUGE scores
 * need this one. */
#ifndef CHORUS_PORTER_H
#define CHORUS_PORTER_H

#include <stddef.h>

typedef struct cx_porter cx_porter;

cx_porter *cx_porter_new(void);
void cx_porter_free(cx_porter *p);

/* Stem the lower-case ASCII word w[0..n) into out, which must hold n + 2
 * bytes. Returns the stem's length; out is NUL-terminated. Words shorter
 * than 3 bytes come back unchanged. */
size_t cx_porter_stem(const cx_porter *p, const char *w, size_t n, char *out);

#endif
