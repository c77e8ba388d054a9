/* Languages: everything chorus knows about one language sits behind this
 * seam, chosen by the article's detected (or given) language. Code outside
 * it never tests for a particular language: it asks the article's table.
 *
 * Tables are built on first use from data read at run time: stopwords from
 * Debian's liblingua-stopwords-perl (the Snowball lists), Snowball stemmers
 * (libstemmer), and from ICU's locale data the sentence-break abbreviation
 * exceptions, quotation marks, decimal and grouping separators, month and
 * weekday names and number words (ICU's rule-based spell-out). A language
 * with none of this data gets a language-neutral table, which says so.
 * Tables are immutable once built and live as long as the process: share
 * them between threads freely. */
#ifndef CHORUS_LANGUAGE_H
#define CHORUS_LANGUAGE_H

#include <stddef.h>
#include <stdint.h>

typedef struct cx_lang cx_lang;

/* The table of a language by ISO 639 code ("fr", "FR", "fr-CA", "zh-Hans",
 * "pt_BR": the region or script is ignored). Never NULL: an empty, unknown
 * or unsupported code gives a table whose cx_lang_has_data() is 0 (and
 * "und" for an empty or malformed code). Thread-safe. */
const cx_lang *cx_lang_get(const char *code);
/* The language-neutral table ("und"). */
const cx_lang *cx_lang_neutral(void);

const char *cx_lang_code(const cx_lang *l); /* "fr", "und" */
const char *cx_lang_name(const cx_lang *l); /* "French", "undetermined" */

/* What chorus has for the language (bits). */
enum {
    CX_LANG_STOPWORDS = 1,  /* a stopword list */
    CX_LANG_STEMMER = 2,    /* a Snowball stemmer */
    CX_LANG_ABBREVS = 4,    /* sentence-break abbreviations */
    CX_LANG_CALENDAR = 8,   /* month and weekday names */
    CX_LANG_NUMBERS = 16,   /* number words and separators */
    CX_LANG_QUOTES = 32,    /* the locale's quotation marks */
    CX_LANG_WORDBREAK = 64, /* words are found by ICU's dictionary break (no spaces) */
};
unsigned cx_lang_support(const cx_lang *l);
/* The CX_LANG_STOPWORDS bit alone, without building the parts of the
 * table that are built on first use (number words). */
int cx_lang_has_stopwords(const cx_lang *l);
/* 1 when chorus has language-specific data for it (stopwords or a
 * stemmer); 0 means language-neutral handling. */
int cx_lang_has_data(const cx_lang *l);

/* Words, lower-cased (cx_lower) UTF-8 input. */
int cx_lang_is_stopword(const cx_lang *l, const char *lower, size_t n);
/* A hash of the word lists the table was built from (stopwords,
 * abbreviations, titles, cue verbs): it changes when they do. */
uint64_t cx_lang_fingerprint(const cx_lang *l);
/* Share of the word tokens of text that are stopwords of l (0 for no
 * words): prose in its language is dense in function words, menus and
 * lists of names are not. */
double cx_lang_stopword_density(const cx_lang *l, const char *text, size_t n);
/* The Snowball algorithm name for sb_stemmer_new ("french"), or NULL when
 * the language has none (stems are then the lower-cased words). */
const char *cx_lang_stemmer_name(const cx_lang *l);

/* Sentence-break abbreviations: the word before a period as written,
 * without its final period ("Gen", "U.S", "janv", "z.B"); ICU's lists
 * match as written, English's own list in any case. Returns 0 (not
 * one), CX_ABBREV (followed by a name or number: "Gen. Smith", "Nr. 5") or
 * CX_ABBREV_WEAK (often the last word of a sentence too: "Inc.", "etc."). */
enum { CX_ABBREV = 1, CX_ABBREV_WEAK = 2 };
int cx_lang_abbrev(const cx_lang *l, const char *word, size_t n);
/* Titles put before a name ("mr", "dr", "mme", "hr", "sr"): the
 * abbreviations of the language's sentence-break list written with a
 * capital and a lower-case letter and at most four letters, or, for
 * languages written without them, none. */
int cx_lang_is_honorific(const cx_lang *l, const char *lower, size_t n);

/* Verbs of saying that attribute a quotation ("said", "asked"), lower-case.
 * English only so far (the analyze stage keeps its own tables of other
 * languages' attribution cues). */
int cx_lang_is_cue_verb(const cx_lang *l, const char *lower, size_t n);

/* Quotation marks of the locale (UTF-8): which 0 open, 1 close, 2 inner
 * open, 3 inner close. Never NULL ("\"" when unknown). */
const char *cx_lang_quote(const cx_lang *l, int which);

/* Number formatting of the locale: decimal and grouping separators, UTF-8
 * ("," and " " in French: "1,5 million", "1 500"); a no-break grouping
 * space is given as a plain space, as the normalizer leaves it. */
const char *cx_lang_decimal_sep(const cx_lang *l);
const char *cx_lang_group_sep(const cx_lang *l);
/* A number word (lower-case): its value, and 1 if it is one. Covers the
 * locale's spelled-out numbers 0-100 and the multipliers (hundred,
 * thousand, million, billion, and 万/亿 where the locale has them), so
 * "1,5 million" or "trois millions" can be read. A multiplier also sets
 * *is_multiplier (may be NULL). */
int cx_lang_number_word(const cx_lang *l, const char *lower, size_t n, double *value, int *is_multiplier);

/* Calendar words (lower-case, with or without an abbreviation's period):
 * month 1-12 or 0; weekday 1 (Monday) - 7 (Sunday) or 0. Full, short and
 * stand-alone (nominative) forms. */
int cx_lang_month(const cx_lang *l, const char *lower, size_t n);
int cx_lang_weekday(const cx_lang *l, const char *lower, size_t n);

/* 1 when the language writes words without spaces between them (Chinese,
 * Japanese, Thai...): tokens come from ICU's dictionary word break. */
int cx_lang_unspaced(const cx_lang *l);

/* Language detection (CLD2). Returns the ISO 639 code of the most likely
 * language of text ("en", "zh", "pt"), or "und" when the text is too short
 * or mixed to tell; *reliable (may be NULL) is set to CLD2's verdict. Input
 * must be valid UTF-8; the first 1 KB is read, and up to 4 KB when
 * those did not give a reliable answer (bounded time: a few paragraphs tell
 * the language as well as the whole text). */
const char *cx_detect_language(const char *text, size_t n, int *reliable);

/* Codes of the languages that have full tables (stopwords and stemmer),
 * NULL-terminated, for help texts and tests. */
const char *const *cx_lang_supported(void);

#endif
