/* ROUGE scoring that reproduces ROUGE-1.5.5 run as
 *   -n 2 -2 4 -u -x -m -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -a
 * (plus ROUGE-L, which that run leaves out with -x):
 * - text: one sentence a line; A-Z lower-cased; the first `word_limit`
 *   whitespace-separated words are kept (counted before tokenizing);
 *   tokens are the runs of [a-z0-9]; tokens longer than 3 bytes are
 *   Porter-stemmed (porter.h); stopwords are kept.
 * - ROUGE-N: clipped n-gram matches. ROUGE-SU: skip-bigrams with at most
 *   `skip_distance` words between, plus unigrams (ROUGE leaves out the last
 *   token's unigram; so does this). ROUGE-L: union LCS per model sentence,
 *   clipped by unigram counts.
 * - model average (-f A): hits and counts are summed over the models before
 *   dividing; recall, precision and F are rounded to 5 decimals per item as
 *   ROUGE does, F from the rounded recall and precision.
 * - confidence intervals: ROUGE's bootstrap (resample i seeded with i, Perl's
 *   48-bit generator), its mean of resample means and its percentile rule. */
#ifndef CHORUS_ROUGE_H
#define CHORUS_ROUGE_H

#include <stddef.h>
#include <stdint.h>

#include "chorus.h"

enum { CX_ROUGE_1, CX_ROUGE_2, CX_ROUGE_SU, CX_ROUGE_L, CX_ROUGE_METRICS };

/* Short names: "R-1", "R-2", "R-SU4" (with the skip distance), "R-L". */
const char *cx_rouge_metric_name(int metric, int skip_distance, char *buf, size_t cap);

typedef struct cx_rouge_opts {
    int word_limit;     /* keep the first N words of each summary; 0 = all (-l) */
    int skip_distance;  /* largest gap inside a skip-bigram; < 0 = unlimited (-2) */
    int stem;           /* Porter stemming (-m) */
    double alpha;       /* F = 1 / (alpha / P + (1 - alpha) / R) (-p) */
    int resamples;      /* bootstrap resamples (-r) */
    double confidence;  /* confidence level in percent (-c) */
} cx_rouge_opts;

/* The settings above: 100 words, gap 4, stemming, alpha 0.5, 1000, 95. */
void cx_rouge_opts_default(cx_rouge_opts *o);

/* Scorer: options, stemmer and the token vocabulary shared by all the
 * summaries it tokenizes (summaries from different scorers do not mix). */
typedef struct cx_rouge cx_rouge;
int cx_rouge_new(const cx_rouge_opts *o, cx_rouge **out, chorus_error *err);
void cx_rouge_free(cx_rouge *r);
const cx_rouge_opts *cx_rouge_options(const cx_rouge *r);

/* ROUGE-1.5.5 with -m looks every token longer than 3 bytes up in WordNet's
 * morphological exception lists first ("found" -> "find", "were" -> "be")
 * and stems only the others. Load DIR/{adj,adv,noun,verb}.exc (WordNet's
 * dict directory) before tokenizing anything. */
int cx_rouge_load_exceptions(cx_rouge *r, const char *dir, chorus_error *err);

/* A tokenized, truncated summary. */
typedef struct cx_rouge_summary cx_rouge_summary;
/* text[0..len): one sentence a line (blank lines are ignored). */
int cx_rouge_summary_new(cx_rouge *r, const char *text, size_t len, cx_rouge_summary **out,
                         chorus_error *err);
void cx_rouge_summary_free(cx_rouge_summary *s);
/* Tokens after truncation (what ROUGE-1 counts over). */
size_t cx_rouge_summary_tokens(const cx_rouge_summary *s);
/* The i-th token's (stemmed) text, for diagnostics and tests. */
const char *cx_rouge_summary_token(const cx_rouge *r, const cx_rouge_summary *s, size_t i);

typedef struct cx_rouge_score {
    long model_count;   /* n-grams (or LCS base) over all the models */
    long peer_count;    /* the peer's n-grams, once per model */
    long hit;           /* clipped matches summed over the models */
    double recall, precision, f; /* rounded to 5 decimals, as ROUGE-1.5.5 */
} cx_rouge_score;

/* Score one peer summary against its models (model-average rule). */
int cx_rouge_score_peer(const cx_rouge *r, const cx_rouge_summary *peer,
                        const cx_rouge_summary *const *models, size_t n_models,
                        cx_rouge_score out[CX_ROUGE_METRICS], chorus_error *err);

/* NIST's jackknife (DUC 2005-2007): with k models, the peer is scored k
 * times, each time against the k-1 models left when one is set aside, and
 * recall, precision and F are the means of those scores; a peer that is
 * itself model `self` (a human's own summary) is scored once, against the
 * others (self < 0: not a model). With fewer than 2 models, the plain
 * score. Counts (hit, model_count, peer_count) are summed over the
 * evaluations. */
int cx_rouge_score_jackknife(const cx_rouge *r, const cx_rouge_summary *peer,
                             const cx_rouge_summary *const *models, size_t n_models, int self,
                             cx_rouge_score out[CX_ROUGE_METRICS], chorus_error *err);

typedef struct cx_rouge_interval {
    double mean, low, high; /* mean of the resample means; percentile interval */
} cx_rouge_interval;

/* Bootstrap over per-item scores of one system and one metric. Items must be
 * in ROUGE's order (evaluation ids sorted as strings). out[0..2] get recall,
 * precision and F. */
int cx_rouge_bootstrap(const cx_rouge_score *items, size_t n, int resamples, double confidence,
                       cx_rouge_interval out[3], chorus_error *err);

#endif
