/* Direct quotations and who said them.
 *
 * Quotation marks are paired per paragraph ("..", curly, ``..''); a quote left
 * open at a paragraph end runs on when the next paragraph opens a quote (the
 * news convention for long quotes). The speaker is found by syntax shapes
 * around a speech verb in the quote's sentence ("X said", "said X", "X, the
 * chairman, told reporters", "according to X", "the letter states", "X said:
 * ..."), then from the other half of a broken quote, then from the previous
 * paragraph (a paragraph that only continues a quote, or one ending in ':').
 * Pronouns and bare surnames resolve to the full name introduced earlier in
 * the same text; a leading role or title is kept apart from the name. */
#ifndef CHORUS_QUOTES_H
#define CHORUS_QUOTES_H

#include <stddef.h>

#include "story.h"

/* How a speaker was found. */
enum { CX_SPK_NONE = 0, CX_SPK_SENTENCE = 1, CX_SPK_PARAGRAPH = 2, CX_SPK_NEIGHBOUR = 3 };

typedef struct cx_quote_hit {
    size_t start, end;          /* the quotation, marks included (bytes) */
    size_t spk_start, spk_end;  /* the speaker's mention; equal when none */
    char *speaker;              /* resolved name or noun phrase, or NULL */
    char *role;                 /* role or title, or NULL */
    int para;                   /* paragraph index in the text */
    int words;                  /* words inside the marks */
    int joins_previous;         /* continues the previous hit (quote over paragraphs) */
    int speaker_from;           /* CX_SPK_* */
    int person;                 /* speaker is a person's name */
    int utterance;              /* opens with a capital and ends in , . ! ? inside the marks */
    int title;                  /* title-case, short, no verb of saying around it: a name of a
                                   work or a slogan ("Face the Nation"), not a quote */
} cx_quote_hit;

/* Every quotation of one article text (paragraphs separated by blank lines).
 * Returns the count or a negative code; *out is malloc'ed. */
int cx_quotes_find(const char *text, size_t n, cx_quote_hit **out);
/* The same with the text's capitalized chunks already found (cx_mentions_scan). */
struct cx_mention;
int cx_quotes_find_named(const char *text, size_t n, const struct cx_mention *m, int nm, cx_quote_hit **out);
void cx_quote_hits_free(cx_quote_hit *h, size_t n);

/* Where one outlet carries a quote. */
typedef struct cx_quote_src {
    int doc;
    int sent;           /* index in doc->sents of the sentence holding the quote's start */
    int sent_last;      /* ... and its end */
    size_t start, end;  /* byte offsets of the quote in the doc's kept text */
    size_t in_sent;     /* byte offset of the quote's start in its first sentence */
} cx_quote_src;

/* One quotation of a story, merged across outlets. */
typedef struct cx_quote {
    char *text;         /* the longest version, marks stripped */
    char *speaker;      /* or NULL */
    char *role;         /* or NULL */
    cx_quote_src *src;
    size_t n_src;
    int *outlets;       /* story outlet indices, sorted */
    size_t n_outlets;
} cx_quote;

/* Minimum words inside the marks for a quote of the digest: shorter quoted
 * strings are mostly scare quotes or titles, unless they are a whole
 * utterance ("Quiet," he said). Titles of works are never kept. */
#define CX_QUOTE_MIN_WORDS CHORUS_QUOTE_MIN_WORDS
int cx_quote_worth_keeping(const cx_quote_hit *h);

/* The quotes of a story, widely carried ones first. */
struct cx_doc_names;
int cx_quotes_collect(const cx_story *s, const struct cx_doc_names *names, cx_quote **out, size_t *n);
void cx_quotes_free(cx_quote *q, size_t n);

#endif
