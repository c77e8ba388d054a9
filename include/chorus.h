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
    CHORUS_ENOTFOUND = -10, /* no such story (or other named thing) */
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
    char *language;  /* ISO 639 code as given ("fr"; JSONL "language"), or NULL: detected */
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
                     (images, redirects in an archive), counted so none goes unmentioned;
                     2: the article was kept but its input was repaired (bytes that are not
                     UTF-8 replaced, a legacy charset guessed) */
} chorus_skip;

typedef struct chorus_corpus {
    chorus_article *articles;
    size_t n_articles, cap_articles;
    chorus_skip *skipped;
    size_t n_skipped, cap_skipped;
    /* Streaming (optional, set after chorus_corpus_init): each article added
     * is handed to on_article, which owns its strings from then on, instead
     * of being kept; likewise each skip to on_skip. Memory then stays bounded
     * however large the input. A non-zero return stops reading (it is
     * returned as the error code). */
    int (*on_article)(chorus_article *a, void *ctx);
    int (*on_skip)(const chorus_skip *s, void *ctx);
    void *sink_ctx;
    size_t n_streamed, n_streamed_skips; /* handed to the callbacks so far */
    /* Progress (optional): the bytes of input chorus_read_path has read into
     * this corpus so far (files as stored: compressed bytes of an archive),
     * and a hook called with the corpus after each file, archive record or
     * window of JSONL lines (sink_ctx as its context), for a progress line. */
    uint64_t bytes_read;
    void (*on_progress)(const struct chorus_corpus *c, void *ctx);
    /* A corpus that is one story (a digest's input): articles past
     * max_articles (0: no limit; it applies when articles are kept, not
     * streamed) are freed as they come and counted in n_left_out; one skip
     * entry, at the first of them, says how many (kept up to date). */
    size_t max_articles;
    size_t n_left_out;
    size_t left_out_skip; /* index of that entry in skipped */
} chorus_corpus;

void chorus_corpus_init(chorus_corpus *c);
void chorus_corpus_free(chorus_corpus *c);
/* Takes ownership of every string in *a (the struct itself is copied). Text
 * longer than the text-bytes limit, or with more sentence ends than the
 * sentences limit, is cut at a line or character boundary and the cut
 * reported as a skip of the rest. */
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
/* Like chorus_corpus_skip, for an article kept after a repair of its input. */
int chorus_corpus_warn(chorus_corpus *c, const char *origin, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void chorus_article_free(chorus_article *a);

/* Hard ceiling of one input file or line the readers accept; the limits
 * below are what is enforced (and may only be lowered to this). */
#define CHORUS_MAX_INPUT_BYTES (256u * 1024u * 1024u)

/* ---- limits -------------------------------------------------------------- */
/* Every input is bounded so that no file can make chorus hang or exhaust
 * memory. A limit hit is one message naming the file and place; the record is
 * skipped (or truncated and marked) and the other inputs are still read.
 * Process-wide: set once before reading (the CLI's --max NAME=VALUE). */
typedef struct chorus_limits {
    size_t input_bytes;    /* "input-bytes": a file read whole (text, HTML, stdin) */
    size_t record_bytes;   /* "record-bytes": one article's raw bytes (WARC record, JSONL line) */
    size_t decoded_bytes;  /* "decoded-bytes": one record after its content coding (gzip...) */
    size_t decoded_ratio;  /* "decoded-ratio": decoded / encoded bytes of one record */
    size_t nesting;        /* "nesting": HTML elements open at once */
    size_t attributes;     /* "attributes": attributes kept per HTML element */
    size_t tokens;         /* "tokens": HTML tags and text runs per page */
    size_t text_bytes;     /* "text-bytes": one article's text (longer text is truncated, marked) */
    size_t sentences;      /* "sentences": sentence ends and line breaks of one article's text
                              (the text is cut after that many, marked) */
    size_t story_articles; /* "story-articles": articles of one story held in memory for a
                              digest (chorus_corpus.max_articles; the store's readers too) */
    size_t dir_depth;      /* "dir-depth": directory levels below an input directory */
    size_t html_memory;    /* "html-memory": bytes the HTML parser may allocate for one page */
} chorus_limits;

/* The defaults (documented in chorus(1)). */
void chorus_limits_default(chorus_limits *l);
/* The limits in force (the defaults until chorus_set_limits). */
const chorus_limits *chorus_get_limits(void);
void chorus_set_limits(const chorus_limits *l);
/* Apply "NAME=VALUE" (VALUE a whole number, with an optional K, M or G
 * suffix of powers of 1024) to *l. Returns 0, or CHORUS_EINVAL with a message. */
int chorus_limits_parse(chorus_limits *l, const char *assignment, chorus_error *err);
/* The names and defaults, one "NAME=DEFAULT  meaning" a line, for --help. */
const char *chorus_limits_help(void);

/* Where answers from the machine's locale data (number words, month,
 * weekday and country names: costly to build from ICU, the same on every
 * run) are kept between runs: a file in dir, created when missing; and the
 * words of the reports an update digest is given as seen, one file per
 * report in dir/seen.v3 (keyed by a hash of the text, the language's word
 * lists and the library's build; at most 4,096 files) and one per seen set
 * in dir/seenset.v2 (keyed by the reports' texts or the files' bytes:
 * chorus_seen_files); and the stopword profile of language detection in
 * dir/langprofile.v1. NULL or "" (the
 * default) keeps nothing. Returns 0 or CHORUS_ENOMEM. */
int chorus_set_cache_dir(const char *dir);

/* Read one path (file or directory, read recursively in byte order of names)
 * into the corpus. The format comes from the content: article JSONL, an
 * HTML page, a WARC archive (plain, gzip or zstd), an RSS/Atom feed, else
 * plain text; the name's extension (.jsonl, .html, .warc) speaks only for
 * content that reads as plain text (a JSONL file with a broken first line).
 * Bad records are recorded in c->skipped and reading goes on; the return is
 * the number of articles added, or a negative code when the path itself could
 * not be read (err says why). */
int chorus_read_path(chorus_corpus *c, const char *path, chorus_error *err);
/* A feed read in windows: an article JSONL file of any size, read a bounded
 * number of articles at a time (chorus ingest), so a feed of millions of
 * articles needs memory for one window only. Other inputs are read whole by
 * chorus_read_path. */
typedef struct chorus_feed chorus_feed;
/* 1 when path is read as a stream of JSONL records (a .jsonl/.ndjson file,
 * or a regular file that opens with a JSON object). */
int chorus_feed_is_stream(const char *path);
int chorus_feed_open(const char *path, chorus_feed **out, chorus_error *err);
/* Append up to max articles to c (bad lines go to c->skipped). Returns the
 * number added, or a negative code on a read error. */
int chorus_feed_next(chorus_feed *f, chorus_corpus *c, size_t max, chorus_error *err);
/* 1 once the whole file has been read. */
int chorus_feed_done(const chorus_feed *f);
/* Bytes of the file in the windows chorus_feed_next returned so far. */
uint64_t chorus_feed_bytes(const chorus_feed *f);
void chorus_feed_close(chorus_feed *f);
/* Read from memory. name is used for messages, outlet fallback and format
 * sniffing ("-" for standard input). */
int chorus_read_buffer(chorus_corpus *c, const char *name, const char *data, size_t len,
                       chorus_error *err);
/* Read a whole file into *data (NUL-terminated, malloc'ed); *len gets its
 * size. Fails with CHORUS_ETOOBIG past max bytes. */
int chorus_read_file(const char *path, size_t max, char **data, size_t *len, chorus_error *err);

/* ---- safe output -------------------------------------------------------- */
/* Article text is hostile: before it reaches a terminal or a line-based
 * format, control characters are made visible and harmless. C0 controls and
 * DEL become their Unicode control pictures (ESC shows as U+241B), C1
 * controls and bidirectional overrides become U+FFFD. Line breaks and tabs
 * are kept when keep_lines, else each becomes a space (one-line fields:
 * titles, outlet names). Returns the number of characters replaced. */
size_t chorus_visible(const char *s, size_t len, int keep_lines, void (*put)(const char *p, size_t n, void *ctx),
                      void *ctx);
/* chorus_visible to a stream. Returns 0, or EOF after a write error. */
int chorus_fput_visible(FILE *out, const char *s, size_t len, int keep_lines);

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
/* The same in a given language (ISO 639 code such as "fr"; NULL or "" to
 * detect it from the text): its abbreviations, quotation marks and
 * terminators (。 needs no space after it). chorus_sentences detects. */
int chorus_sentences_in(const char *text, size_t len, const char *lang, chorus_sentence_fn fn, void *ctx,
                        chorus_error *err);
/* The most likely language of a text (its script or a decisive stopword
 * profile when they leave no doubt, else CLD2): an ISO 639 code ("en", "zh"),
 * or "und" when there is too little text to tell. The string is static. */
const char *chorus_detect_language(const char *text, size_t len);

/* ---- cleaning ----------------------------------------------------------- */
/* One paragraph of an article as cleaning judged it: kept, the article's
 * headline, or dropped with a reason (the strings of the digest's
 * "dropped[]" list, docs/digest-schema.md). */
typedef struct chorus_clean_para {
    size_t article;          /* index in the corpus */
    size_t index;            /* paragraph index in the article */
    const char *text;        /* the paragraph after normalization, not NUL-terminated; as written in
                              * the input when only invisible code points (soft hyphens, zero-width
                              * spaces) differ, so a passage copied from the source still matches */
    size_t len;
    const char *drop_reason; /* NULL when kept */
    int is_title;            /* 1: the headline found in the text (drop_reason says so) */
    const float *features;   /* chorus_clean_pages: the evidence the line model weighed (for refitting
                              * its weights, bench/clean_fit.py), n_features values; else NULL */
    size_t n_features;
} chorus_clean_para;

/* Called for every paragraph of every article in order; a nonzero return
 * stops the walk and is returned by chorus_clean. */
typedef int (*chorus_clean_fn)(const chorus_clean_para *p, void *ctx);

/* Clean the articles of one story as the digest does (the other articles are
 * evidence: what other outlets report, what repeats across one outlet's
 * pages) and report each paragraph's verdict. Returns 0, fn's nonzero
 * return, or a negative code. */
int chorus_clean(const chorus_corpus *c, chorus_clean_fn fn, void *ctx, chorus_error *err);

/* Clean the articles as pages of a crawl, each its own story (unrelated
 * pages, not reports of one event), with what recurs across them as
 * evidence: a paragraph found on several pages is a site's template, and a
 * line made of the words of such paragraphs is interface wording. Copies of
 * one report would be dropped as template: give those to chorus_clean.
 * Returns as chorus_clean. */
int chorus_clean_pages(const chorus_corpus *c, chorus_clean_fn fn, void *ctx, chorus_error *err);

/* ---- digest ------------------------------------------------------------- */
/* MD: Markdown for people; JSON: docs/digest-schema.md; TEXT: a compact plain
 * digest (summary with outlets, disagreements one a line, sources); HTML: one
 * self-contained page; SUMMARY: the summary sentences alone, one a line (what
 * scorers such as ROUGE read). */
typedef enum {
    CHORUS_FORMAT_MD,
    CHORUS_FORMAT_JSON,
    CHORUS_FORMAT_TEXT,
    CHORUS_FORMAT_HTML,
    CHORUS_FORMAT_SUMMARY
} chorus_format;

/* The parts of a digest beside its summary sentences, each computed only
 * when asked for: a format that does not print a part need not pay for it
 * (chorus_format_parts). A part left out is empty in the digest. */
#define CHORUS_PART_OUTLETS 0x01u       /* the outlets carrying each summary sentence */
#define CHORUS_PART_TITLE 0x02u         /* the story's most central headline */
#define CHORUS_PART_QUOTES 0x04u        /* quotations merged across outlets */
#define CHORUS_PART_ENTITIES 0x08u      /* people, organisations and places */
#define CHORUS_PART_DISAGREEMENTS 0x10u /* facts, and where outlets state them differently */
#define CHORUS_PART_TIMELINE 0x20u      /* dated events in order */
#define CHORUS_PART_ALL 0x3fu

/* The reports an update digest's reader has seen, given as files the
 * caller has not read yet (chorus_digest_options.seen_files). An update
 * reads of its seen reports only which words their sentences hold; that is
 * kept in the cache directory (chorus_set_cache_dir) under a hash of the
 * files' names and bytes, so a reader who comes back with the same files
 * has them neither read nor parsed: load is called only when nothing is
 * kept for key. */
typedef struct chorus_seen_files {
    unsigned char key[16]; /* chorus_seen_files_key of the files */
    /* Read the files into *out (it must outlive the build call): return 0,
     * or a negative chorus_ code to stop the digest (chorus_digest_build
     * returns it). Set *keep to 1 only when *out holds everything the
     * files hold (no file or record skipped): only then is what the digest
     * reads of them kept under key. */
    int (*load)(void *ctx, const chorus_corpus **out, int *keep);
    void *ctx;
} chorus_seen_files;

/* key: a hash of the n files' names (the last path component: it tells
 * the format), sizes and bytes, and of the limits in force. Returns 0, or
 * CHORUS_EIO when one is not a regular file that reads whole (standard
 * input, a directory: read them into a corpus and pass options.seen). */
int chorus_seen_files_key(const char *const *paths, size_t n, unsigned char key[16]);

typedef struct chorus_digest_options {
    size_t max_words;  /* summary budget in words (0: use max_bytes or the default) */
    size_t max_bytes;  /* summary budget in bytes (0: none) */
    int with_quotes;   /* include quotes, entities, disagreements and the timeline (0: leave
                          them out whatever parts says) */
    int fill;          /* let one last sentence cross max_words, for scorers that cut at the budget */
    int compress;      /* trim words that carry no content once a sentence leaves its article
                          (datelines, weekdays, asides); 0 (default) prints sentences verbatim */
    const char *focus; /* a question the summary should answer ("What caused the fire?");
                          NULL: a generic summary. Its content words, their stems and the
                          names it holds weigh the summary's choice toward the sentences
                          that answer it (and what those sentences say) */
    const chorus_corpus *seen; /* reports the reader has already read: an update digest that
                          summarizes only what they do not say; NULL: none. Must outlive
                          the build call only */
    const chorus_seen_files *seen_files; /* the same as files not read yet (when seen is NULL);
                          must outlive the build call */
    unsigned parts;    /* CHORUS_PART_* to compute (default CHORUS_PART_ALL); the summary
                          itself always is */
    int threads;       /* threads for the per-article work (reading, cleaning, sentences,
                          words, dates, names): 0 (default) uses CHORUS_DEFAULT_THREADS,
                          1 none besides the caller's. The digest is the same whatever
                          the number */
} chorus_digest_options;

#define CHORUS_DEFAULT_THREADS 2

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
/* The parts (CHORUS_PART_*) format f prints: pass them as the options'
 * parts to compute no more than the rendering shows. */
unsigned chorus_format_parts(chorus_format f);
/* Render to a stream. */
int chorus_digest_render(const chorus_digest *d, chorus_format f, FILE *out, chorus_error *err);
/* The digest's quotations (built with with_quotes) as JSON lines, one a
 * quote: quote, speaker (null: unattributed), role, outlets, and per outlet
 * the article id, the sentence index of the quote's first and last sentence
 * and its byte offset in the first (chorus quotes; docs/digest-schema.md). */
int chorus_digest_render_quotes(const chorus_digest *d, FILE *out, chorus_error *err);
/* The same quotes as one JSON document {"quotes": [...], "skipped_quotes":
 * [...]}: skipped_quotes lists every quoted span not taken for a quote
 * (scare quotes, titles, marks never closed, hostile input) with why, as in
 * the digest JSON. */
int chorus_digest_render_quotes_json(const chorus_digest *d, FILE *out, chorus_error *err);
void chorus_digest_free(chorus_digest *d);

/* What the reader should know about how the summary was made, or NULL: a
 * focus that could not be used ("the question has no content words: a
 * generic summary"), an update with nothing new. Owned by the digest. */
const char *chorus_digest_note(const chorus_digest *d);
/* 1 when an update digest (options.seen) found nothing the seen reports did
 * not already say: its summary is empty. */
int chorus_digest_nothing_new(const chorus_digest *d);
/* The summary search's statistics for a built digest. */
chorus_search_stats chorus_digest_search_stats(const chorus_digest *d);

/* ---- story search ------------------------------------------------------- */
/* One story that matches a query (chorus_store_search). */
typedef struct chorus_story_match {
    int64_t story;          /* the story id (a merged story: the one it joined) */
    char *title;            /* or NULL */
    size_t reports;         /* reports, near-duplicate copies not counted */
    size_t duplicates;      /* near-duplicate copies */
    size_t n_outlets;
    char *outlets;          /* outlet names, most reports first, separated by '\x1f' */
    int64_t first_seen, last_seen; /* publication times, INT64_MIN when unknown */
    int64_t updated_at;     /* when a report last joined (ingest time) */
    double score;           /* BM25 of its best-matching report (higher: more relevant) */
    size_t matching;        /* its reports that match */
} chorus_story_match;

/* Stories of the store at db_path (written by chorus ingest) ranked by
 * relevance to query: SQLite FTS5 BM25 over the reports' titles and text,
 * a title match counting three times, the query's words (stop words dropped)
 * matched by stem, any of them. Stories rank by their best report, then by
 * how many match. The search index is a table beside the store's, created
 * and brought up to date by the search itself (an ingest never waits for
 * it); when an ingest holds the store, the index is searched as it is and
 * *unindexed (may be NULL) counts the reports it does not cover yet. At most
 * limit matches (0: 20). Returns 0, CHORUS_EINVAL (no word to search for) or
 * CHORUS_EDB. */
int chorus_store_search(const char *db_path, const char *query, size_t limit, chorus_story_match **out,
                        size_t *n, size_t *unindexed, chorus_error *err);
void chorus_story_matches_free(chorus_story_match *v, size_t n);

/* ---- the store ------------------------------------------------------------ */
/* The article store written by chorus ingest: one SQLite file (WAL) holding
 * every article once, its story and near-duplicate decisions and the stories
 * (docs/store.md). A handle is used by one thread at a time. */
typedef struct chorus_store chorus_store;

/* Articles an ingest reads before ordering them by publication time (a
 * window): windows are fixed by input position, so a re-run after a crash
 * sees the same order. */
#define CHORUS_INGEST_WINDOW 10000
/* Reports a digest of a stored story uses by default (the latest). */
#define CHORUS_STORE_DIGEST_MAX 1000
/* Separates outlet names in chorus_story_info.outlets. */
#define CHORUS_OUTLET_SEP '\x1f'

/* Open for ingesting: created when missing; the clustering state is loaded
 * or rebuilt. Clustering options by name (chorus_cluster_option_names) are
 * remembered by the store; n may be 0. A second writer is refused. */
int chorus_store_open_writer(const char *path, const char *const *names, const double *values, size_t n,
                             chorus_store **out, chorus_error *err);
/* Open for queries (chorus stories, digest --db): needs no write access, and
 * reads a store on read-only media as it stands. */
int chorus_store_open_reader(const char *path, chorus_store **out, chorus_error *err);
/* Open for serving: a query-only handle that never writes (not even a schema
 * upgrade) and reads while an ingest writes. CHORUS_EIO when the file does
 * not exist, CHORUS_EDB when it is not a chorus store (err says which). */
int chorus_store_open_readonly(const char *path, chorus_store **out, chorus_error *err);
void chorus_store_close(chorus_store *s);
/* A message about the open the user should see (the saved clustering state
 * was invalid and rebuilt from the articles), or NULL. */
const char *chorus_store_notice(const chorus_store *s);
/* Articles stored when the store was opened. */
size_t chorus_store_article_count(const chorus_store *s);

typedef struct chorus_ingest_stats {
    size_t read;        /* articles offered to the store */
    size_t added;       /* stored now, as new reports */
    size_t duplicates;  /* stored now, as near-duplicates of an earlier report */
    size_t already;     /* identical to an article stored before: not stored again */
    size_t skipped;     /* refused (no usable text), each with a reason */
    size_t new_stories; /* stories opened */
    size_t merged;      /* stories merged into another (or emptied by consolidation) */
    size_t moved;       /* articles moved to another story by consolidation */
    /* CPU seconds by stage (each thread's own CPU time, summed over calls):
     * identity and features (hashing, tokens, stems, shingles), online
     * decisions, consolidation, and the SQLite writer thread. */
    double cpu_features, cpu_decisions, cpu_consolidation, cpu_writer;
} chorus_ingest_stats;

/* Called after each committed batch (for a progress line). */
typedef void (*chorus_ingest_progress_fn)(const chorus_ingest_stats *st, void *ctx);
/* Called for every article the store refuses, with the reason. */
typedef void (*chorus_ingest_skip_fn)(const chorus_article *a, const char *reason, void *ctx);
void chorus_store_set_ingest_callbacks(chorus_store *s, chorus_ingest_progress_fn progress,
                                       chorus_ingest_skip_fn skip, void *ctx);

/* Ingest a[0..n) (at most one window's worth at a time is sensible): ordered
 * by publication time, deduplicated, clustered and stored in transactions.
 * Adds to *st. On failure the batch in progress is rolled back; earlier
 * batches stay. The call may return while its last batches are still being
 * written by the store's writer thread (a may be freed then): the next call
 * decides meanwhile. A write error is reported by the next call or by
 * chorus_store_flush. */
int chorus_store_ingest(chorus_store *s, const chorus_article *a, size_t n, chorus_ingest_stats *st,
                        chorus_error *err);
/* As chorus_store_ingest, when more articles follow in another call (a feed
 * handed over a window at a time): the regrouping of stories due after the
 * call's last article is left to the next call or chorus_store_flush, so the
 * stories regroup at the same points however the feed is cut. */
int chorus_store_ingest_more(chorus_store *s, const chorus_article *a, size_t n, chorus_ingest_stats *st,
                             chorus_error *err);
/* Regroup what chorus_store_ingest_more left, then wait until everything
 * decided is written; adds the writer's remaining CPU time to *st (may be
 * NULL). Returns 0 or the write error. Call it after the last ingest call:
 * chorus_store_close (and any query on the handle) waits too, but cannot
 * report an error, and leaves a regrouping left by chorus_store_ingest_more
 * to the next ingest. */
int chorus_store_flush(chorus_store *s, chorus_ingest_stats *st, chorus_error *err);

/* One story as listed. */
typedef struct chorus_story_info {
    int64_t id;
    char *title;                   /* its most representative headline, or NULL */
    int64_t first_seen, last_seen; /* publication times, INT64_MIN when unknown */
    int64_t updated_at;            /* when an article last joined (ingest time) */
    size_t size;                   /* reports (near-duplicates not counted) */
    size_t n_duplicates;
    size_t n_outlets;
    char *outlets;                 /* outlet names, most articles first, separated by
                                      CHORUS_OUTLET_SEP */
} chorus_story_info;

/* Stories not merged into another, with an article published at or after
 * since (INT64_MIN: all), largest first (by_recency 0) or latest first
 * (by_recency 1), at most limit (0: all). */
int chorus_store_stories(chorus_store *s, int64_t since, int by_recency, size_t limit, chorus_story_info **out,
                         size_t *n, chorus_error *err);
void chorus_story_infos_free(chorus_story_info *v, size_t n);

/* The ids of a story's articles (their feed ids; "#N" for an article that had
 * none), near-duplicates included, in publication order. */
int chorus_store_story_members(chorus_store *s, int64_t story, char ***ids, size_t *n, chorus_error *err);
void chorus_store_ids_free(char **ids, size_t n);

/* Topics: the subjects that link stories over any span. Computed from the
 * stored features on each call (one pass over the store) with the topic
 * engine of chorus_cluster_corpus, the articles in the order they were stored:
 * a store fed in one call has the topics `chorus cluster --level topic` gives
 * for the same feed. Stories nest in topics as they do there: a story whose
 * articles went to two topics has a part in each. One row per part (stories
 * merged into others left out), sorted by topic then story; a topic is
 * numbered by its first (lowest) story. With with_articles, each part's
 * article ids (as chorus_store_story_members gives them). Free with
 * chorus_story_topics_free. */
typedef struct chorus_story_topic {
    int64_t story, topic;
    size_t reports, copies; /* the part's reports and near-duplicates */
    char **articles;        /* with_articles: the part's article ids; else NULL */
    size_t n_articles;
} chorus_story_topic;
int chorus_store_topics(chorus_store *s, int with_articles, chorus_story_topic **out, size_t *n,
                        chorus_error *err);
void chorus_story_topics_free(chorus_story_topic *v, size_t n);

/* A story's reports for a digest, in publication order: the latest max (0:
 * CHORUS_STORE_DIGEST_MAX). With new_since (else INT64_MIN), only what is new
 * since then: reports ingested since, without the sentences that earlier
 * reports already said (reports left with nothing are dropped); the earlier
 * reports are appended to *earlier when it is not NULL (an update digest
 * weighs against them: chorus_digest_options.seen). A merged
 * story id reads the story it joined. CHORUS_ENOTFOUND when there is no such
 * story; an empty corpus is not an error (see the counts). */
typedef struct chorus_story_reports {
    int64_t story;   /* the story read (the one a merged id joined) */
    size_t total;    /* reports in the range, before max */
    size_t earlier;  /* with new_since: reports ingested before it */
    size_t repeated; /* with new_since: sentences left out as already said */
    size_t emptied;  /* with new_since: new reports that only repeat earlier ones */
} chorus_story_reports;
int chorus_store_story_reports(chorus_store *s, int64_t story, int64_t new_since, size_t max, chorus_corpus *c,
                               chorus_corpus *earlier, chorus_story_reports *r, chorus_error *err);

/* A time as the command line gives it: "30m", "24h", "7d", "2w" before now,
 * or an ISO 8601 / RFC 2822 date. INT64_MIN when it cannot be read. */
int64_t chorus_parse_time_spec(const char *s, int64_t now);

/* Clustering options of `chorus cluster` and `chorus ingest`, by name as the
 * command line spells them without "--" (window-days, half-life-days,
 * decay-floor, join, revive, merge, dup, names, min-link, resolution,
 * neighbours, reference, consolidate): a NULL-terminated list. A store
 * remembers the ones an ingest was given. */
const char *const *chorus_cluster_option_names(void);
/* The story-level default of an option in *value; CHORUS_EINVAL when unknown.
 * Also answers two fixed values for help texts: "consolidate-every" (articles
 * between regroupings) and "window-articles" (the latest articles regrouped). */
int chorus_cluster_option_default(const char *name, double *value);
/* CHORUS_EINVAL with a message naming the first option whose value it does
 * not take (window-days > 0; join, merge... within [0, 1]; ...). */
int chorus_cluster_options_check(const char *const *names, const double *values, size_t n, chorus_error *err);

/* Stories and topics of a corpus in memory (chorus cluster): the articles
 * in publication order (undated ones after, in input order) through the
 * story engine and the topic engine, stories nested in topics. Options by
 * name apply to the story level; "consolidate" 0 (online decisions only)
 * to both. */
typedef struct chorus_cluster_item {
    size_t article;       /* index in the corpus */
    int64_t story, topic; /* ids left after merges; a story's articles share its topic */
    int64_t duplicate_of; /* corpus index of the original it nearly copies, or -1 */
    double similarity;    /* copy: estimated Jaccard; join: score; new story: best score seen */
    int new_story;        /* 1 when it opened its story */
} chorus_cluster_item;
typedef struct chorus_clustering {
    chorus_cluster_item *items; /* one per article, in the order they were decided */
    size_t n, n_stories, n_topics, n_duplicates;
} chorus_clustering;
int chorus_cluster_corpus(const chorus_corpus *c, const char *const *names, const double *values, size_t n,
                          chorus_clustering *out, chorus_error *err);
void chorus_clustering_free(chorus_clustering *r);

/* A number that changes whenever the story changes (an article joins, it is
 * merged); CHORUS_ENOTFOUND when there is no such story. For caching pages. */
int chorus_store_story_version(chorus_store *s, int64_t story, int64_t *version, chorus_error *err);

/* When the reader last saw a story (unix seconds), or INT64_MIN. */
typedef int64_t (*chorus_last_visit_fn)(int64_t story, void *ctx);

typedef struct chorus_list_options {
    const char *query;      /* NULL: every story; else stories matching these words */
    size_t limit;           /* at most this many (0: 100) */
    int by_recency;         /* 0: most reports first; 1: latest first */
    chorus_last_visit_fn last_visit; /* HTML: marks stories with news since the last visit */
    void *ctx;
} chorus_list_options;

/* The stories as an HTML page (links to /story/ID, a search form) or as
 * JSON ({"count", "query", "stories": [...]}, each story as chorus stories
 * --format json prints it; docs/store.md). */
int chorus_store_render_list(chorus_store *s, const chorus_list_options *o, chorus_format f, FILE *out,
                             chorus_error *err);

typedef struct chorus_story_options {
    int64_t new_since;      /* INT64_MIN: the whole story; else only what is new since then */
    int64_t last_visit;     /* HTML: offers "new since your last visit" (INT64_MIN: none) */
    size_t max_reports;     /* digest the latest N reports (0: 1000) */
} chorus_story_options;

/* One story's digest as an HTML page (with navigation back to the list) or
 * JSON (docs/digest-schema.md). CHORUS_ENOTFOUND when there is no such
 * story; CHORUS_EEMPTY when there is nothing new since new_since. */
int chorus_store_render_story(chorus_store *s, int64_t story, const chorus_story_options *o, chorus_format f,
                              FILE *out, chorus_error *err);

#ifdef __cplusplus
}
#endif
/* ---- evaluation ----------------------------------------------------------- */
/* A clustering scored against gold clusters: B-cubed (per item, averaged over
 * items) and pairwise (over pairs of items put together) precision, recall
 * and F1. Items are named by id; a gold item missing from the prediction is
 * scored as a singleton, a predicted item not in gold is ignored, and an id
 * given twice keeps its first label (all counted here). */
typedef struct chorus_cluster_scores {
    size_t items, gold_clusters, pred_clusters;
    size_t missing, ignored;            /* gold ids not predicted; predicted ids not in gold */
    size_t gold_repeats, pred_repeats;  /* ids given more than once */
    double bcubed_p, bcubed_r, bcubed_f;
    double pair_p, pair_r, pair_f;
} chorus_cluster_scores;

/* Labelled items: ids[i] is in cluster labels[i]; lengths are explicit so the
 * strings may point into a file's lines. */
typedef struct chorus_labelled {
    const char *const *ids, *const *labels;
    const size_t *id_lens, *label_lens;
    size_t n;
} chorus_labelled;

int chorus_score_clusters(const chorus_labelled *gold, const chorus_labelled *pred,
                          chorus_cluster_scores *out, chorus_error *err);

/* ROUGE-1, -2, -SU4 and -L of system summaries against reference summaries,
 * exactly as ROUGE-1.5.5 scores them with -n 2 -2 4 -u -m -c 95 -f A -p 0.5
 * -t 0 -a (chorus eval rouge). Summaries come from folders of files named
 * CLUSTER.NAME (DUC's layout: a peer's system is NAME, a reference's author
 * the name's last part) or from JSONL ({"id", "summaries": [...]} for the
 * references, {"id", "summary"} for a system named after its file). */
typedef struct chorus_rouge_eval chorus_rouge_eval;
typedef struct chorus_rouge_eval_options {
    int words;           /* keep the first N words of each summary (0: all; default 100) */
    int resamples;       /* bootstrap resamples for the intervals (default 1000) */
    int jackknife;       /* NIST's DUC 2005-2007 rule: against every set of all references but one */
    const char *wordnet; /* folder of WordNet's {adj,adv,noun,verb}.exc, or NULL: stem without */
    void (*note)(const char *message, void *ctx); /* skipped inputs and warnings, a line each */
    void *ctx;
} chorus_rouge_eval_options;
void chorus_rouge_eval_options_init(chorus_rouge_eval_options *o);
int chorus_rouge_eval_new(const chorus_rouge_eval_options *o, chorus_rouge_eval **out, chorus_error *err);
/* Add the references (references 1: a folder or a .jsonl file; first) or a
 * system's summaries (a folder, a file, or JSONL when the references were). */
int chorus_rouge_eval_add(chorus_rouge_eval *e, const char *path, int references, chorus_error *err);
/* Score every system summary that has references; CHORUS_EEMPTY when none. */
int chorus_rouge_eval_score(chorus_rouge_eval *e, chorus_error *err);
/* Inputs skipped (each reported through note). */
size_t chorus_rouge_eval_skipped(const chorus_rouge_eval *e);
/* The table (or tsv), systems in name order; per_cluster adds each cluster's scores. */
int chorus_rouge_eval_print(const chorus_rouge_eval *e, FILE *out, int tsv, int per_cluster);
void chorus_rouge_eval_free(chorus_rouge_eval *e);

/* Quotes shorter than this many words are kept only as a whole attributed
 * utterance ("Quiet," he said). */
#define CHORUS_QUOTE_MIN_WORDS 3

/* Direct quotations and speakers scored against PolNeAR's brat standoff
 * attributions (chorus eval quotes; the rules are in src/eval/quote_eval.c):
 * counts added up over articles. */
typedef struct chorus_quote_tally {
    size_t ours, ours_right;      /* quotes found; those overlapping a gold attribution */
    size_t gold, gold_found;      /* gold direct quotations; those found */
    size_t gold_src, src_found;   /* of them with a gold source; found ones among them */
    size_t spk_given, spk_right;  /* found with a source: a speaker given; the right one */
} chorus_quote_tally;
/* Score one article (text, n bytes) against its .ann file's text. Quotes of
 * fewer than min_words words are left out (min_words < 0: the digest's rule).
 * With errors, one line per miss (extra, missed, nospeaker, speaker). */
int chorus_eval_quotes_article(const char *name, const char *text, size_t n, const char *ann, int min_words,
                               FILE *errors, chorus_quote_tally *t, chorus_error *err);

#endif
