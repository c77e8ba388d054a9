/* The digest of one story: what the renderers print. */
#ifndef CHORUS_DIGEST_H
#define CHORUS_DIGEST_H

#include "story.h"
#include "summarize.h"
#include "quotes.h"
#include "entities.h"
#include "facts.h"
#include "compare.h"
#include "timeline.h"
#include "provenance.h"

typedef struct cx_digest_item {
    cx_sent_ref ref;
    int *outlets; /* indices into story.outlets, sorted */
    size_t n_outlets;
} cx_digest_item;

struct chorus_digest {
    const chorus_corpus *corpus; /* for the skipped inputs; must outlive the digest */
    cx_story story;
    cx_prov_index *prov;         /* which sentences hold each stem, for provenance */
    const char *title;           /* one of the articles' headlines, or NULL */
    int title_doc;
    cx_digest_item *items;
    size_t n_items;
    size_t summary_words;
    chorus_search_stats search;  /* the summary search's size, for benchmarks */
    char *focus;                 /* the question the summary answers (owned), or NULL */
    int focus_used;              /* 1: the question's words weighed the choice */
    int update;                  /* 1: summarizes what seen reports did not say */
    size_t seen_articles;
    cx_summary_info info;        /* what focus and seen did */
    int nothing_new;             /* update: every candidate sentence was already said */
    char note[320];              /* for the reader: why focus or update fell back, or "" */
    cx_quote *quotes;            /* with_quotes: quotations merged across outlets */
    size_t n_quotes;
    cx_quote_skipped *skipped_quotes; /* with_quotes: quoted spans that are no quotes, with why */
    size_t n_skipped_quotes;
    cx_entity *entities;         /* with_quotes: people, organisations, places */
    size_t n_entities;
    cx_fact *facts;              /* with_quotes: quantities and claims of every sentence */
    size_t n_facts;
    cx_disagreement *disagreements; /* with_quotes: facts the articles state differently */
    size_t n_disagreements;
    cx_timeline_entry *timeline; /* with_quotes: dated events in order (timeline.h) */
    size_t n_timeline;
};

/* Each dropped paragraph, in article order, for renderers (the title is not
 * dropped: it is shown as the title). */
typedef void (*cx_dropped_fn)(const cx_doc *doc, const cx_para *p, void *ctx);
void cx_digest_each_dropped(const chorus_digest *d, cx_dropped_fn fn, void *ctx);
size_t cx_digest_count_dropped(const chorus_digest *d);

/* The text a summary item prints: the trimmed form, or the sentence itself. */
const char *cx_digest_item_text(const chorus_digest *d, size_t i, size_t *len);


#endif
