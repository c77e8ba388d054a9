/* The text layer: normalization, paragraphs, sentences, tokens and stems.
 * Everything downstream (cleaning, summary, quotes, clustering) sees text
 * only through these functions, so they agree on what a word is. */
#ifndef CHORUS_TEXT_H
#define CHORUS_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "chorus.h"

/* NFC, "\r\n" and "\r" to "\n", no-break and odd spaces to ' ', zero-width
 * characters and soft hyphens removed, tabs to spaces. Input must be valid
 * UTF-8. Returns a new string. */
int cx_normalize(const char *in, size_t n, char **out, size_t *out_len);

/* Paragraphs of a normalized text: blank lines separate paragraphs; inside a
 * block, hard-wrapped lines (a text whose lines are cut at a fixed width) are
 * joined with a space, otherwise every line is its own paragraph. Returns the
 * number of paragraphs; *out is an array of new strings, trimmed. */
int cx_paragraphs(const char *text, size_t n, char ***out);
void cx_strings_free(char **v, size_t n);

/* Sentences of one paragraph, as byte spans [start,end) trimmed of spaces. */
typedef struct cx_span {
    size_t start, end;
} cx_span;
typedef struct cx_lang cx_lang; /* language.h */
int cx_split_sentences_in(const cx_lang *l, const char *para, size_t n, cx_span **out);
/* With options: CX_SPLIT_QUOTES_WHOLE keeps a quotation of several
 * sentences in one piece with its attribution (what the digest selects
 * and attributes: cx_split_sentences_in sets it); without it every
 * sentence inside a quotation is its own, as a reader or a treebank
 * counts them (chorus sentences). */
enum { CX_SPLIT_QUOTES_WHOLE = 1 };
int cx_split_sentences_opt(const cx_lang *l, const char *para, size_t n, unsigned flags, cx_span **out);
/* The same with the English table: for callers that do not know the
 * article's language yet (prefer cx_split_sentences_in). */
int cx_split_sentences(const char *para, size_t n, cx_span **out);
/* 1 when the sentence ends as a statement does, in any script: a full stop
 * or exclamation mark (. ! 。 ！), then only closing quotes, brackets and
 * spaces; not a question, not a sentence cut off. */
int cx_sentence_is_statement(const char *s, size_t n);

/* Tokens: words and numbers of a sentence, with offsets. */
typedef struct cx_token {
    uint32_t start, len; /* bytes in the sentence */
    uint8_t is_word;     /* contains a letter */
    uint8_t is_number;   /* digits (with , . inside) */
    uint8_t is_capital;  /* first letter upper case */
} cx_token;
int cx_tokenize(const char *s, size_t n, cx_token **out);

/* Lower-case (full Unicode case folding for non-ASCII) into buf; returns the
 * length written (truncated to cap-1, NUL-terminated). */
size_t cx_lower(const char *s, size_t n, char *buf, size_t cap);

/* Stopwords of the English table (lower-case input). Prefer
 * cx_lang_is_stopword (language.h) with the article's language. */
int cx_is_stopword(const char *lower, size_t n);

/* Snowball stemmer over lower-case input. One per thread. cx_stemmer_new
 * is English's; cx_stemmer_new_named takes cx_lang_stemmer_name() of the
 * article's language, and NULL gives a stemmer that returns words as
 * they are (languages without a Snowball algorithm). */
typedef struct cx_stemmer cx_stemmer;
cx_stemmer *cx_stemmer_new(void);
cx_stemmer *cx_stemmer_new_named(const char *snowball);
void cx_stemmer_free(cx_stemmer *s);
/* Returns a pointer valid until the next call. */
const char *cx_stem(cx_stemmer *s, const char *lower, size_t n, size_t *out_len);

/* String interning: a vocabulary mapping strings to dense ids. */
typedef struct cx_vocab cx_vocab;
cx_vocab *cx_vocab_new(void);
void cx_vocab_free(cx_vocab *v);
/* Id of s (added when new), or -1 on allocation failure. */
int32_t cx_vocab_id(cx_vocab *v, const char *s, size_t n);
/* The same, given h = XXH3_64bits(s, n) (a caller that hashed s already). */
int32_t cx_vocab_id_hashed(cx_vocab *v, const char *s, size_t n, uint64_t h);
/* Id of s if present, else -1. */
int32_t cx_vocab_find(const cx_vocab *v, const char *s, size_t n);
const char *cx_vocab_str(const cx_vocab *v, int32_t id);
/* The length of cx_vocab_str(v, id) without reading the string (0: no such id). */
size_t cx_vocab_len(const cx_vocab *v, int32_t id);
/* The XXH3-64 of cx_vocab_str(v, id)'s bytes, kept with it (0: no such id):
 * the same for the same string in every vocabulary and run. */
uint64_t cx_vocab_hash(const cx_vocab *v, int32_t id);
size_t cx_vocab_size(const cx_vocab *v);

/* A string map: the vocabulary with a value per string. The library's one
 * hash table for strings (integer keys use the vocabulary's ids). */
typedef struct cx_strmap {
    cx_vocab *keys;
    int64_t *vals; /* by key id */
    size_t cap;
} cx_strmap;
int cx_strmap_init(cx_strmap *m);
void cx_strmap_free(cx_strmap *m);
/* 1 and *val when s is present, else 0. */
int cx_strmap_get(const cx_strmap *m, const char *s, size_t n, int64_t *val);
/* Set or replace the value of s; 0 or CHORUS_ENOMEM. */
int cx_strmap_put(cx_strmap *m, const char *s, size_t n, int64_t val);
/* Entries so far. */
size_t cx_strmap_size(const cx_strmap *m);

/* Count of words (tokens with a letter or digit) in s. */
size_t cx_word_count(const char *s, size_t n);

/* Running text, for quotes, facts and entities: every mark a token. */
enum { CX_W_WORD = 1, CX_W_PUNCT = 2, CX_W_OPEN = 3, CX_W_CLOSE = 4, CX_W_AMBIG = 5 };
/* One token of running text: a word (letters, digits, inner ' ’ - . and the
 * final dot of abbreviations and initials), a punctuation mark, or a
 * quotation mark (opening, closing, or a straight " whose side is unknown). */
typedef struct cx_wtok {
    uint32_t start, end; /* bytes */
    uint8_t kind;
    uint8_t cap;  /* word whose first letter is upper case */
    uint8_t qfam; /* quotation mark family: CX_QF_* */
} cx_wtok;
enum {
    CX_QF_STRAIGHT = 1,         /* " */
    CX_QF_CURLY = 2,            /* “ ” */
    CX_QF_BACKTICK = 3,         /* `` '' (newswire typewriter quotes) */
    CX_QF_GUILLEMET = 4,        /* « » (also » « in German) */
    CX_QF_SINGLE_GUILLEMET = 5, /* ‹ › */
    CX_QF_LOW = 6,              /* „ closed by “ or ” */
    CX_QF_LOW_SINGLE = 7,       /* ‚ closed by ‘ */
    CX_QF_CORNER = 8,           /* 「 」 */
    CX_QF_WHITE_CORNER = 9,     /* 『 』 */
};
int cx_wtokenize(const char *s, size_t n, cx_wtok **out);
/* ASCII lower case of s[0, n) into buf (NUL-terminated); returns its length. */
size_t cx_lower_word(const char *s, size_t n, char *buf, size_t cap);

/* A fixed word list, looked up through a hash table of its entries built on
 * its first use (thread-safe): lexicons are consulted for nearly every word. */
typedef struct cx_lexicon {
    const char *const *words;
    size_t n;
    _Atomic int ready; /* 1: table built; -1: out of memory, searched in order */
    uint32_t *slots;   /* 1 + index of an entry's first occurrence and a hash tag (lexicon.c), 0 empty */
    size_t mask;       /* slots - 1 (a power of two, at least twice n) */
} cx_lexicon;
/* Declares the lexicon list##_lex of the static array list (in its scope). */
#define CX_LEXICON_OF(list) static cx_lexicon list##_lex = {(list), sizeof(list) / sizeof *(list), 0, NULL, 0}
/* 1 + the index of the first entry equal to w[0, n), or 0 (also when n == 0). */
int cx_lexicon_find(cx_lexicon *lx, const char *w, size_t n);

#endif
