/* Inside the language seam only (language*.c, detect_cld2.cc). */
#ifndef CHORUS_LANGUAGE_INTERNAL_H
#define CHORUS_LANGUAGE_INTERNAL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

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
