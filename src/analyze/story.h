/* The story: the articles of one event after extraction, cleaning and
 * segmentation. It is the shared vocabulary of the digest stages (clean,
 * summarize, provenance, quotes, figures, render): each reads it and adds
 * its own results, none reaches into another's internals. */
#ifndef CHORUS_STORY_H
#define CHORUS_STORY_H

#include <stddef.h>
#include <stdint.h>

#include "chorus.h"
#include "language.h"
#include "text.h"

/* One sentence of a kept paragraph. */
typedef struct cx_sent {
    char *text;        /* verbatim, trimmed */
    size_t len;
    int doc;           /* index in story->docs */
    int para;          /* paragraph index in the doc */
    int pos;           /* sentence index in the doc (0 = lead) */
    int first_in_para; /* 1 for the paragraph's first sentence */
    int32_t *stems;    /* vocab id of each word token's stem, in order */
    uint8_t *stop;     /* 1 where that token is a stopword */
    size_t n_tok;
    size_t n_words;
    int32_t *content;  /* content stems, sorted and unique (kept sentences only) */
    size_t n_content;
} cx_sent;

/* One paragraph of a doc, kept or dropped with a reason. */
typedef struct cx_para {
    char *text;
    size_t len;
    const char *drop_reason; /* NULL when kept */
    float *features;         /* the line model's evidence (clean_line_model.h) when pages are cleaned, else NULL */
} cx_para;

typedef struct cx_doc {
    const chorus_article *art;
    char *title;       /* headline (given, or found in the text), or NULL */
    const char *outlet;
    cx_para *paras;
    size_t n_paras;
    cx_sent *sents;
    size_t n_sents;
    int duplicate_of;  /* index of the doc this one copies, or -1 */
    double duplicate_similarity;
    const cx_lang *lang; /* the article's language: given, or detected from its text */
    int lang_given;      /* 1: from the input's "language" field or --lang */
} cx_doc;

typedef struct cx_story {
    cx_doc *docs;
    size_t n_docs;
    cx_vocab *vocab;
    cx_stemmer *stemmer;
    /* Stems by lower-cased word: the same word is stemmed once per story. */
    cx_vocab *surface;
    int32_t *surface_stem;
    uint8_t *surface_stop;
    size_t surface_cap;
    /* Distinct outlets, in first-seen order; doc_outlet[i] indexes them. */
    char **outlets;
    size_t n_outlets;
    int *doc_outlet;
    /* Languages of the articles, most articles first (langs[0] is the
     * story's main language, that of stemmer), with a stemmer each. */
    const cx_lang **langs;
    cx_stemmer **lang_stemmers;
    size_t *lang_docs; /* articles in each */
    size_t n_langs;
    /* What recurs across the pages of a crawl when pages are cleaned
     * together (page_stats.h), or NULL; not owned. */
    const struct cx_page_stats *pages;
    /* Threads for the per-article stages (<= 0: the default, 1: none), and
     * while the story is built, one lexer per worker (else NULL). */
    int threads;
    struct cx_story_lexer **lexers;
} cx_story;

/* Free a story made by cx_story_build (story_build.h). */
void cx_story_free(cx_story *s);

/* Tokenize and stem one sentence into the story's vocabulary (used by the
 * builder; exposed for stages that analyze other text, such as titles), in
 * the story's main language. */
int cx_story_tokenize(cx_story *s, cx_sent *out, const char *text, size_t len);
/* The same in a given language (an article's: doc->lang): its stemmer and
 * stopwords. The language must be one of s->langs (else the main one). */
int cx_story_tokenize_in(cx_story *s, const cx_lang *lang, cx_sent *out, const char *text, size_t len);
/* The language of a doc, or the story's main language for d < 0. */
const cx_lang *cx_story_lang(const cx_story *s, int d);

/* A worker's tokenizer for building a story on several threads: it reads
 * words and stems them like cx_story_tokenize_in, but into its own tables
 * (the story's are not touched), so workers run side by side. A sentence
 * it tokenized holds the lexer's word ids until cx_story_adopt gives it the
 * story's: adopting sentences in the order the one-thread build would have
 * tokenized them gives every word and stem the same id it would have had. */
typedef struct cx_story_lexer cx_story_lexer;
cx_story_lexer *cx_story_lexer_new(const cx_story *s);
void cx_story_lexer_free(cx_story_lexer *x);
int cx_story_lexer_tokenize(cx_story_lexer *x, const cx_lang *lang, cx_sent *out, const char *text, size_t len);
/* The stem of the lexer's word id (what cx_story_adopt would give the
 * story): its bytes' hash (cx_vocab_hash), and its stopword flag; 0, or -1
 * for an id the lexer does not have. */
int cx_story_lexer_stem(const cx_story_lexer *x, int32_t word, uint64_t *hash, int *stop);
/* Turn out's lexer ids into the story's vocabulary ids (stop flags too). */
int cx_story_adopt(cx_story *s, cx_story_lexer *x, cx_sent *out);

/* Content stems of a sentence (non-stopword word tokens), deduplicated and
 * sorted; returns the count. *out is malloc'ed. */
size_t cx_sent_content_set(const cx_sent *s, int32_t **out);

#endif
