/* Inside the language seam only (language*.c, detect_cld2.cc). */
#ifndef CHORUS_LANGUAGE_INTERNAL_H
#define CHORUS_LANGUAGE_INTERNAL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Where Debian's liblingua-stopwords-perl keeps the Snowball stopword
 * lists, one Perl module per language (XX.pm, a qw( ... ) list). */
#define CX_STOPWORD_DIR "/usr/share/perl5/Lingua/StopWords/"
/* Calls fn(ctx, word, len) for each word of the stopword list of code (a
 * lower-case ISO 639 code), lower-cased. Returns 0, 1 when there is no list,
 * or the first negative value fn returned (which stops the walk). */
int cx_stopword_list_each(const char *code, int (*fn)(void *ctx, const char *w, size_t n), void *ctx);
/* The language of text when its script or its function words leave no doubt
 * (detect_decisive.c), else NULL (CLD2 must tell). text is valid UTF-8 in
 * its first 1 KB. */
const char *cx_detect_decisive(const char *text, size_t n);

/* NULL-terminated English supplements (language_english.c). */
extern const char *const cx_english_stopwords[];
extern const char *const cx_english_abbrevs[];
extern const char *const cx_english_weak_abbrevs[];
extern const char *const cx_english_honorifics[];
extern const char *const cx_english_cue_verbs[];

/* CLD2 behind a C call (detect_cld2.cc): writes the language code ("en",
 * "zh-Hant", "un" for unknown) into code (cap bytes); returns 1 when CLD2
 * calls its answer reliable. */
int cx_cld2_detect(const char *text, int n, char *code, size_t cap);
/* 1 when libcld2 could be loaded (on first use). */
int cx_cld2_available(void);

#ifdef __cplusplus
}
#endif

#endif
