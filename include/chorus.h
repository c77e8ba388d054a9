/* chorus: one digest per story from many outlets' reports.
 *
 * Public C API. Every name is prefixed chorus_. The library never touches
 * argv, stdout or exit codes: functions return 0 (or a count) on success and a
 * negative CHORUS_E* code on failure, with a human message in a chorus_error
 * supplied by the caller. */
#ifndef CHORUS_H
#define CHORUS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CHORUS_VERSION "0.1.0"

/* ---- errors ------------------------------------------------------------ */
enum chorus_status {
    CHORUS_OK = 0,
    CHORUS_ENOMEM = -1,   /* out of memory */
    CHORUS_EIO = -2,      /* file could not be opened or read */
    CHORUS_EFORMAT = -3,  /* input is malformed (bad JSON, truncated archive...) */
    CHORUS_EUTF8 = -4,    /* input is not valid UTF-8 and could not be decoded */
    CHORUS_EEMPTY = -5,   /* input holds no article text */
    CHORUS_EINVAL = -6,   /* bad argument from the caller */
    CHORUS_EDB = -7,      /* the SQLite store failed */
    CHORUS_ESOLVER = -8,  /* the ILP solver failed */
    CHORUS_ETOOBIG = -9,  /* input exceeds a documented limit */
};

/* Filled by a failing call: the code and a message naming the file and place. */
typedef struct chorus_error {
    int code;
    char message[512];
} chorus_error;

/* Static English description of a status code. */
const char *chorus_strerror(int code);

/* ---- articles ---------------------------------------------------------- */
/* One report by one outlet. All strings are UTF-8 and owned by the article;
 * any of them but text may be NULL. */
typedef struct chorus_article {
    char *id;        /* stable identifier (JSONL id, or derived from the path) */
    char *source;    /* outlet name ("AFP", "france24.com") */
    char *url;
    char *published; /* as given (ISO 8601 preferred) */
    char *title;
    char *author;
    char *text;      /* body, paragraphs separated by blank lines */
    char *origin;    /* where it was read from: "path" or "path:line" */
    int64_t published_unix; /* seconds since epoch, or INT64_MIN when unknown */
    char *wire;      /* news agency whose copy this is, from a dateline ("Reuters" for
                        "LONDON (Reuters) - ..."), or NULL */
    int source_is_file; /* 1: nothing in the input names the outlet; source is the
                           file's name, shown as a file, not as an outlet */
} chorus_article;

/* An input that produced no article, and why: nothing is dropped silently. */
typedef struct chorus_skip {
    char *origin; /* "file", "file:line", "file@offset" */
    char *reason;
    int note;     /* 1: not an input failure but records that are not articles by nature
                     (images, redirects in an archive), counted so none goes unmentioned */
} chorus_skip;

typedef struct chorus_corpus {
    chorus_article *articles;
    size_t n_articles, cap_articles;
    chorus_skip *skipped;
    size_t n_skipped, cap_skipped;
} chorus_corpus;

void chorus_corpus_init(chorus_corpus *c);
void chorus_corpus_free(chorus_corpus *c);
/* Takes ownership of every string in *a (the struct itself is copied). */
int chorus_corpus_add(chorus_corpus *c, chorus_article *a);
int chorus_corpus_skip(chorus_corpus *c, const char *origin, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Like chorus_corpus_skip, for records that are not articles by nature. */
int chorus_corpus_note(chorus_corpus *c, const char *origin, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void chorus_article_free(chorus_article *a);

/* Maximum size of one input file or line the readers accept. */
#define CHORUS_MAX_INPUT_BYTES (256u * 1024u * 1024u)

/* Read one path (file or directory, read recursively in byte order of names)
 * into the corpus. The format is chosen from the name and content: .jsonl /
 * .ndjson (article JSONL), .html/.htm, .warc[.gz|.zst], otherwise plain text.
 * Bad records are recorded in c->skipped and reading goes on; the return is
 * the number of articles added, or a negative code when the path itself could
 * not be read (err says why). */
int chorus_read_path(chorus_corpus *c, const char *path, chorus_error *err);
/* Read from memory. name is used for messages, outlet fallback and format
 * sniffing ("-" for standard input). */
int chorus_read_buffer(chorus_corpus *c, const char *name, const char *data, size_t len,
                       chorus_error *err);

/* ---- outlets ------------------------------------------------------------ */
/* A user's names for outlets: host or name -> outlet name ("bbc.co.uk" ->
 * "BBC News"). Hosts match without scheme, path, "www." or "m.". */
typedef struct chorus_outlet_map chorus_outlet_map;
chorus_outlet_map *chorus_outlet_map_new(void);
void chorus_outlet_map_free(chorus_outlet_map *m);
int chorus_outlet_map_add(chorus_outlet_map *m, const char *host_or_name, const char *name);
/* Lines "HOST<TAB>NAME" ('#' comments and blank lines skipped); err names
 * the file and line of a malformed one. */
int chorus_outlet_map_load(chorus_outlet_map *m, const char *path, chorus_error *err);

/* Settle the outlet of every article of the corpus, for the whole run:
 * the user's map first (may be NULL); then a host seen in the run beside a
 * declared name (a page of bbc.co.uk whose og:site_name is "BBC News")
 * gets that name wherever it appears alone; then `fallback` (may be NULL)
 * names the articles that only had their file's name. Also records the
 * agency of a dateline ("LONDON (Reuters) -") in article->wire. */
int chorus_corpus_name_outlets(chorus_corpus *c, const chorus_outlet_map *user, const char *fallback,
                               chorus_error *err);
/* How an article's outlet is shown: "BBC News", "Reuters via Yahoo News"
 * (wire copy carried by an outlet), "story-3 (file)" (no outlet named
 * anywhere in the input: the file's name). malloc'ed. */
char *chorus_outlet_label(const chorus_article *a);

/* ---- text layer --------------------------------------------------------- */
/* Split text into sentences fit for news (abbreviations, initials, quotes,
 * headlines). Calls fn once per sentence with a NUL-terminated copy. */
typedef void (*chorus_sentence_fn)(const char *sentence, size_t len, void *ctx);
int chorus_sentences(const char *text, size_t len, chorus_sentence_fn fn, void *ctx,
                     chorus_error *err);

/* ---- cleaning ----------------------------------------------------------- */
/* One paragraph of an article as cleaning judged it: kept, the article's
 * headline, or dropped with a reason (the strings of the digest's
 * "dropped[]" list, docs/digest-schema.md). */
typedef struct chorus_clean_para {
    size_t article;          /* index in the corpus */
    size_t index;            /* paragraph index in the article */
    const char *text;        /* the paragraph after normalization, not NUL-terminated */
    size_t len;
    const char *drop_reason; /* NULL when kept */
    int is_title;            /* 1: the headline found in the text (drop_reason says so) */
} chorus_clean_para;

/* Called for every paragraph of every article in order; a nonzero return
 * stops the walk and is returned by chorus_clean. */
typedef int (*chorus_clean_fn)(const chorus_clean_para *p, void *ctx);

/* Clean the articles of one story as the digest does (the other articles are
 * evidence: what other outlets report, what repeats across one outlet's
 * pages) and report each paragraph's verdict. Returns 0, fn's nonzero
 * return, or a negative code. */
int chorus_clean(const chorus_corpus *c, chorus_clean_fn fn, void *ctx, chorus_error *err);

/* ---- digest ------------------------------------------------------------- */
typedef enum { CHORUS_FORMAT_MD, CHORUS_FORMAT_JSON, CHORUS_FORMAT_TEXT, CHORUS_FORMAT_HTML } chorus_format;

typedef struct chorus_digest_options {
    size_t max_words;  /* summary budget in words (0: use max_bytes or the default) */
    size_t max_bytes;  /* summary budget in bytes (0: none) */
    int with_quotes;   /* include quotes, entities and disagreements */
    int fill;          /* let one last sentence cross max_words, for scorers that cut at the budget */
    int compress;      /* trim words that carry no content once a sentence leaves its article
                          (datelines, weekdays, asides); 0 (default) prints sentences verbatim */
} chorus_digest_options;

#define CHORUS_DEFAULT_SUMMARY_WORDS 200

void chorus_digest_options_init(chorus_digest_options *o);

typedef struct chorus_digest chorus_digest; /* opaque */

/* The size of the exact summary search behind a digest, for benchmarks. */
typedef struct chorus_search_stats {
    size_t items;        /* candidate sentences searched */
    size_t nodes;        /* branch-and-bound nodes */
    double value;        /* covered concept weight of the chosen summary */
    int node_limit_hit;  /* 1 when the search stopped at its node limit (not proven optimal) */
} chorus_search_stats;

/* Build the digest of one story from the corpus's articles. */
int chorus_digest_build(const chorus_corpus *c, const chorus_digest_options *o,
                        chorus_digest **out, chorus_error *err);
/* Render to a stream. */
int chorus_digest_render(const chorus_digest *d, chorus_format f, FILE *out, chorus_error *err);
void chorus_digest_free(chorus_digest *d);
/* The summary search's statistics for a built digest. */
chorus_search_stats chorus_digest_search_stats(const chorus_digest *d);

#ifdef __cplusplus
}
#endif
#endif
