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
    int skip;                   /* CX_QSKIP_*: why this quoted span is no quote, 0 when it is one */
} cx_quote_hit;

/* Why a span between quotation marks is not taken for a quote. Every span
 * is either a quote or skipped with one of these, so nothing is dropped
 * silently (cx_quote_skip_reason says it in words). */
enum {
    CX_QSKIP_NONE = 0,
    CX_QSKIP_SHORT,       /* fewer than CX_QUOTE_MIN_WORDS words and no whole utterance */
    CX_QSKIP_TITLE,       /* a name of a work or a slogan in title case */
    CX_QSKIP_FRAGMENT,    /* a lower-case phrase inside the writer's sentence, no verb of saying:
                             a mention or scare quote ("called it a 'witch hunt'"), not an utterance */
    CX_QSKIP_UNCLOSED,    /* its mark is never closed (nor continued by the next paragraph) */
    CX_QSKIP_TOO_LONG,    /* longer than CX_QUOTE_MAX_BYTES */
    CX_QSKIP_NESTED,      /* a run of more than CX_QUOTE_MAX_MARKS quotation marks in a row */
    CX_QSKIP_LONG_NAME,   /* its speaker's name runs over CX_SPEAKER_MAX_WORDS words */
    CX_QSKIP_NAMED,       /* a name the writer gives after "called", "dubbed", "entitled",
                             "known as" ("a campaign called 'Visit Myanmar Year'"), no speaker */
    CX_QSKIP_UNNAMED_TURN /* a transcript turn labelled only "Q:" or "A:": an interviewer or
                             witness the text does not name */
};
/* Limits on hostile input: a real quote's paragraph is a few kilobytes, a
 * quote in a quote is two or three marks deep, a name a few words. */
#define CX_QUOTE_MAX_BYTES 16384
#define CX_QUOTE_MAX_MARKS 8
#define CX_SPEAKER_MAX_WORDS 10
/* A fragment is a phrase, not a clause: at most this many words. */
#define CX_FRAGMENT_MAX_WORDS 12
const char *cx_quote_skip_reason(int skip);

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

/* A quoted span of one article that is no quote, and why. */
typedef struct cx_quote_skipped {
    char *text;         /* the span inside the marks, at most CX_SKIPPED_TEXT_MAX bytes (cut on a
                           character boundary, "..." added) */
    int skip;           /* CX_QSKIP_* */
    cx_quote_src src;
} cx_quote_skipped;
#define CX_SKIPPED_TEXT_MAX 200

/* The quotes of a story, widely carried ones first; skipped (may be NULL)
 * receives the quoted spans that are no quotes, in article order. */
struct cx_doc_names;
int cx_quotes_collect(const cx_story *s, const struct cx_doc_names *names, cx_quote **out, size_t *n,
                      cx_quote_skipped **skipped, size_t *n_skipped);
void cx_quotes_free(cx_quote *q, size_t n);
void cx_quotes_skipped_free(cx_quote_skipped *v, size_t n);

#endif
