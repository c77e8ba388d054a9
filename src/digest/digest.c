/* The digest pipeline: story -> duplicates -> summary -> provenance -> title. */
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "digest.h"
#include "language.h"
#include "parallel.h"
#include "provenance.h"
#include "story_build.h"
#include "u64map.h"
#include "util.h"

#include <xxhash.h>

/* Jaccard of 4-stem shingles above which one article copies another. */
#define DUPLICATE_RESEMBLANCE 0.6

void chorus_digest_options_init(chorus_digest_options *o)
{
    memset(o, 0, sizeof *o);
    o->with_quotes = 1;
    o->parts = CHORUS_PART_ALL;
}

/* The most central headline: the one whose content words appear in the most
 * articles on average (a headline of one outlet's angle scores lower). The
 * articles holding each stem are counted once for all headlines. */
static int choose_title(const cx_story *s, int *best_out)
{
    int best = -1;
    double best_score = -1;
    size_t n_stems = 0;
    size_t *df = NULL;
    for (size_t d = 0; d < s->n_docs; d++) {
        const char *t = s->docs[d].title;
        if (!t || cx_word_count(t, strlen(t)) < 3) continue;
        if (!df) {
            /* stems met in the titles later are in no article: df 0 */
            n_stems = cx_vocab_size(s->vocab);
            size_t *last = malloc(sizeof *last * (n_stems ? n_stems : 1));
            if (!last || !(df = calloc(n_stems ? n_stems : 1, sizeof *df))) {
                free(last);
                return CHORUS_ENOMEM;
            }
            for (size_t x = 0; x < n_stems; x++) last[x] = SIZE_MAX;
            for (size_t e = 0; e < s->n_docs; e++)
                for (size_t k = 0; k < s->docs[e].n_sents; k++) {
                    const cx_sent *st = &s->docs[e].sents[k];
                    for (size_t j = 0; j < st->n_tok; j++) {
                        size_t x = (size_t)st->stems[j];
                        if (last[x] != e) last[x] = e, df[x]++;
                    }
                }
            free(last);
        }
        cx_sent tmp = {0};
        if (cx_story_tokenize((cx_story *)s, &tmp, t, strlen(t))) {
            free(tmp.stems), free(tmp.stop);
            continue;
        }
        int32_t *set;
        size_t n = cx_sent_content_set(&tmp, &set);
        free(tmp.stems), free(tmp.stop);
        double score = 0;
        for (size_t i = 0; i < n; i++) score += set[i] >= 0 && (size_t)set[i] < n_stems ? (double)df[set[i]] : 0.0;
        free(set);
        if (n) score /= (double)n;
        if (score > best_score) best_score = score, best = (int)d;
    }
    free(df);
    *best_out = best;
    return 0;
}

/* The note a reader needs when the focus or the update could not do what
 * was asked. */
static void describe_focus(chorus_digest *d, int n_items)
{
    const cx_summary_info *in = &d->info;
    d->focus_used = d->focus && in->focus_terms_found > 0;
    if (d->focus && !in->focus_terms)
        snprintf(d->note, sizeof d->note,
                 "the question has no content words (only stop words or none): a generic summary");
    else if (d->focus && !in->focus_terms_found)
        snprintf(d->note, sizeof d->note,
                 "none of the question's words occurs in the articles (another language?): a generic summary");
    if (d->update && n_items == 0 && in->known_candidates > 0) {
        d->nothing_new = 1;
        snprintf(d->note, sizeof d->note,
                 "nothing new: the %zu sentence(s) that could summarize these reports were already said in the %zu"
                 " seen report(s)",
                 in->known_candidates, d->seen_articles);
    }
}

const char *chorus_digest_note(const chorus_digest *d) { return d->note[0] ? d->note : NULL; }

int chorus_digest_nothing_new(const chorus_digest *d) { return d->nothing_new; }

/* The first person whose variants hold speaker and whose name differs from
 * it, or -1: the plain scan, used when the index's answer does not hold. */
static long person_of_variant(const chorus_digest *d, const char *speaker)
{
    for (size_t e = 0; e < d->n_entities; e++) {
        const cx_entity *x = &d->entities[e];
        if (x->type != CX_ENT_PERSON || !strcmp(x->name, speaker)) continue;
        for (size_t v = 0; v < x->n_variants; v++)
            if (!strcmp(x->variants[v], speaker)) return (long)e;
    }
    return -1;
}

/* A speaker spelled as one of a person's variants ("William H Seely") is
 * shown under the person's name in the entity list ("William Seely III"):
 * the reader sees one man, not two, across quotes and names. The variants
 * are indexed by a hash of their text (first person kept), so a large story
 * does not compare every quote with every spelling; a hash that names a
 * person without that spelling (a collision) falls back to the scan. */
static int speakers_as_entities(chorus_digest *d)
{
    cx_u64map map = {0};
    long *person = NULL;
    size_t cap = 0;
    for (size_t e = 0; e < d->n_entities; e++) {
        const cx_entity *x = &d->entities[e];
        if (x->type != CX_ENT_PERSON) continue;
        for (size_t v = 0; v < x->n_variants; v++) {
            if (!strcmp(x->name, x->variants[v])) continue;
            int added;
            int64_t k = cx_u64map_add(&map, XXH3_64bits(x->variants[v], strlen(x->variants[v])), &added);
            if (k < 0) goto oom;
            if (!added) continue;
            if ((size_t)k >= cap) {
                size_t nc = cap ? 2 * cap : 64;
                long *np = realloc(person, nc * sizeof *np);
                if (!np) goto oom;
                person = np, cap = nc;
            }
            person[k] = (long)e;
        }
    }
    for (size_t i = 0; i < d->n_quotes; i++) {
        cx_quote *q = &d->quotes[i];
        if (!q->speaker) continue;
        int64_t k = cx_u64map_find(&map, XXH3_64bits(q->speaker, strlen(q->speaker)));
        if (k < 0) continue;
        long e = person[k];
        const cx_entity *x = &d->entities[e];
        size_t v = 0;
        while (v < x->n_variants && strcmp(x->variants[v], q->speaker)) v++;
        if ((v == x->n_variants || !strcmp(x->name, q->speaker)) && (e = person_of_variant(d, q->speaker)) < 0)
            continue;
        char *name = cx_strdup(d->entities[e].name);
        if (!name) goto oom;
        free(q->speaker);
        q->speaker = name;
    }
    cx_u64map_free(&map);
    free(person);
    return 0;
oom:
    cx_u64map_free(&map);
    free(person);
    return CHORUS_ENOMEM;
}

typedef struct {
    chorus_digest *d;
    const cx_doc_names *names;
    unsigned parts;
    const cx_story_dates *dates;
    const uint8_t *const *want;
    int timeline_rc; /* the timeline's error, apart: it has its own message */
} parts_work;

/* The facts and their disagreements. */
static int disagreements(chorus_digest *d, const cx_story_dates *dates, const uint8_t *const *want)
{
    int rc = cx_facts_collect_some(&d->story, dates, want, &d->facts, &d->n_facts);
    if (!rc) rc = cx_compare_facts(&d->story, d->facts, d->n_facts, &d->disagreements, &d->n_disagreements);
    return rc;
}

/* The timeline: 0 or its error. */
static int timeline(chorus_digest *d, const cx_story_dates *dates)
{
    int nt = cx_timeline_build(&d->story, d->prov, dates, &d->timeline);
    if (nt < 0) return nt;
    d->n_timeline = (size_t)nt;
    return 0;
}

/* Item 0: the disagreements, then the timeline; 1: the quotes; 2: the
 * entities. Each writes only its own lists. Of the story, the facts and
 * the timeline add words to the vocabulary (one after the other, as on one
 * thread), the quotes have a stemmer of their own and the entities change
 * nothing, so the three run side by side on a story's threads (the facts
 * and the timeline with their own threads within). */
static int parts_item(void *ctx, size_t i, int w)
{
    (void)w;
    parts_work *x = ctx;
    chorus_digest *d = x->d;
    if (i == 0) {
        int rc = x->parts & CHORUS_PART_DISAGREEMENTS ? disagreements(d, x->dates, x->want) : 0;
        if (!rc && (x->parts & CHORUS_PART_TIMELINE)) x->timeline_rc = timeline(d, x->dates);
        return rc;
    }
    if (i == 1)
        return x->parts & CHORUS_PART_QUOTES ? cx_quotes_collect(&d->story, x->names, &d->quotes, &d->n_quotes,
                                                                 &d->skipped_quotes, &d->n_skipped_quotes)
                                             : 0;
    return x->parts & CHORUS_PART_ENTITIES ? cx_entities_collect(&d->story, x->names, &d->entities, &d->n_entities)
                                           : 0;
}

/* Quotes, entities, disagreements and the timeline, those of parts only
 * (quotes and entities share the names found in each article). The
 * timeline's error goes to *timeline_rc. */
static int collect_parts(chorus_digest *d, unsigned parts, const cx_story_dates *dates, const uint8_t *const *want,
                         int *timeline_rc)
{
    cx_story *s = &d->story;
    cx_doc_names *names = NULL;
    int rc = 0;
    *timeline_rc = 0;
    if (parts & (CHORUS_PART_QUOTES | CHORUS_PART_ENTITIES)) {
        parts_work w = {d, NULL, parts, dates, want, 0};
        if (!(rc = cx_story_names(s, &names))) {
            w.names = names;
            /* a language's number words are read on first use, which sets a
             * flag the quotes read: read here, before the threads */
            for (size_t k = 0; k < s->n_docs; k++)
                if (s->docs[k].lang) (void)cx_lang_support(s->docs[k].lang);
            rc = cx_parallel_for(3, s->n_docs > 1 ? s->threads : 1, parts_item, &w); /* one article: no thread */
            *timeline_rc = w.timeline_rc;
        }
    } else {
        if (parts & CHORUS_PART_DISAGREEMENTS) rc = disagreements(d, dates, want);
        if (!rc && (parts & CHORUS_PART_TIMELINE)) *timeline_rc = timeline(d, dates);
    }
    cx_story_names_free(names, s->n_docs);
    if (!rc && (parts & CHORUS_PART_QUOTES) && (parts & CHORUS_PART_ENTITIES)) rc = speakers_as_entities(d);
    return rc;
}

/* The outlets of a sentence in a story of one outlet: that one. */
static int one_outlet(int **out)
{
    if (!(*out = malloc(sizeof **out))) return CHORUS_ENOMEM;
    (*out)[0] = 0;
    return 1;
}

int chorus_digest_build(const chorus_corpus *c, const chorus_digest_options *o, chorus_digest **out,
                        chorus_error *err)
{
    *out = NULL;
    chorus_digest_options defaults;
    if (!o) {
        chorus_digest_options_init(&defaults);
        o = &defaults;
    }
    if (!c->n_articles) return cx_fail(err, CHORUS_EEMPTY, "no article to digest");
    chorus_digest *d = calloc(1, sizeof *d);
    if (!d) return cx_fail(err, CHORUS_ENOMEM, "out of memory");
    cx_story_dates dates = {0};
    uint8_t **want = NULL; /* the sentences whose facts can disagree (cx_compare_wanted) */
    size_t n_wanted = 0;
    d->corpus = c;
    int rc = cx_story_build_threads(&d->story, c, NULL, o->threads, 1, err);
    if (rc) {
        free(d);
        return rc;
    }
    cx_story *s = &d->story;
    unsigned parts = o->parts;
    if (!o->with_quotes)
        parts &= ~(CHORUS_PART_QUOTES | CHORUS_PART_ENTITIES | CHORUS_PART_DISAGREEMENTS | CHORUS_PART_TIMELINE);
    if (s->n_docs > 1 && (rc = cx_mark_duplicate_docs(s, DUPLICATE_RESEMBLANCE))) goto fail; /* one copies none */
    cx_summary_options so = {o->max_words, o->max_bytes, o->fill, o->compress, &d->search, NULL, NULL, NULL, &d->info};
    if (o->seen || o->seen_files) {
        d->update = 1;
        so.seen = o->seen;
        so.seen_files = o->seen ? NULL : o->seen_files;
    }
    if (o->focus) {
        if (!(d->focus = cx_strdup(o->focus))) {
            rc = cx_fail(err, CHORUS_ENOMEM, "out of memory");
            goto fail;
        }
        so.focus = d->focus;
    }
    if ((parts & (CHORUS_PART_OUTLETS | CHORUS_PART_TIMELINE)) && (rc = cx_prov_index_build(s, &d->prov))) {
        rc = cx_fail(err, rc, "out of memory");
        goto fail;
    }
    cx_sent_ref *refs;
    int n = cx_summarize(s, &so, &refs, err);
    d->seen_articles = d->info.seen_reports;
    if (n >= 0) describe_focus(d, n);
    if (n < 0) {
        rc = n;
        goto fail;
    }
    d->items = calloc((size_t)(n ? n : 1), sizeof *d->items);
    if (!d->items) {
        free(refs);
        rc = cx_fail(err, CHORUS_ENOMEM, "out of memory");
        goto fail;
    }
    /* the items' outlets, asked all at once (on the story's threads) */
    int **prov = NULL, *n_prov = NULL;
    if ((parts & CHORUS_PART_OUTLETS) && s->n_outlets != 1 && n > 0) {
        int *doc = malloc(sizeof *doc * (size_t)n), *sent = malloc(sizeof *sent * (size_t)n);
        prov = malloc(sizeof *prov * (size_t)n), n_prov = malloc(sizeof *n_prov * (size_t)n);
        rc = doc && sent && prov && n_prov ? 0 : CHORUS_ENOMEM;
        for (int i = 0; i < n && !rc; i++) doc[i] = refs[i].doc, sent[i] = refs[i].sent;
        if (!rc) rc = cx_provenance_many(s, d->prov, doc, sent, (size_t)n, prov, n_prov);
        free(doc), free(sent);
        if (rc) {
            free(prov), free(n_prov), free(refs);
            rc = cx_fail(err, rc, "out of memory");
            goto fail;
        }
    }
    for (int i = 0; i < n; i++) {
        cx_digest_item *it = &d->items[d->n_items++];
        it->ref = refs[i];
        if (parts & CHORUS_PART_OUTLETS) {
            /* one outlet carries everything */
            int k = prov ? n_prov[i] : one_outlet(&it->outlets);
            if (prov) it->outlets = prov[i], prov[i] = NULL;
            if (k < 0) {
                for (int j = i + 1; prov && j < n; j++) free(prov[j]);
                free(prov), free(n_prov), free(refs);
                rc = cx_fail(err, k, "out of memory");
                goto fail;
            }
            it->n_outlets = (size_t)k;
        }
        size_t tl;
        const char *t = cx_digest_item_text(d, d->n_items - 1, &tl);
        d->summary_words += cx_word_count(t, tl);
    }
    free(prov), free(n_prov);
    free(refs);
    d->title_doc = -1;
    if ((parts & CHORUS_PART_TITLE) && (rc = choose_title(s, &d->title_doc))) {
        rc = cx_fail(err, rc, "out of memory");
        goto fail;
    }
    d->title = d->title_doc >= 0 ? s->docs[d->title_doc].title : NULL;
    /* facts only where they can disagree: in one article, few sentences or none */
    if ((parts & CHORUS_PART_DISAGREEMENTS) && (rc = cx_compare_wanted(s, &want, &n_wanted))) {
        rc = cx_fail(err, rc, "out of memory");
        goto fail;
    }
    if (want && !n_wanted) parts &= ~CHORUS_PART_DISAGREEMENTS;
    /* the articles' times and the sentences' dates, read once for the kinds
     * of disagreement and the timeline */
    if ((parts & (CHORUS_PART_DISAGREEMENTS | CHORUS_PART_TIMELINE)) && (rc = cx_story_dates_build(s, &dates))) {
        rc = cx_fail(err, rc, "out of memory while dating events");
        goto fail;
    }
    int trc;
    if ((rc = collect_parts(d, parts, &dates, (const uint8_t *const *)want, &trc))) {
        rc = cx_fail(err, rc, "out of memory while finding quotes, names and figures");
        goto fail;
    }
    if (trc) {
        rc = cx_fail(err, trc, "out of memory while dating events");
        goto fail;
    }
    cx_story_dates_free(&dates);
    cx_compare_wanted_free(want);
    *out = d;
    return 0;
fail:
    cx_story_dates_free(&dates);
    cx_compare_wanted_free(want);
    chorus_digest_free(d);
    return rc;
}

const char *cx_digest_item_text(const chorus_digest *d, size_t i, size_t *len)
{
    const cx_sent_ref *r = &d->items[i].ref;
    if (r->text) {
        *len = r->len;
        return r->text;
    }
    const cx_sent *st = &d->story.docs[r->doc].sents[r->sent];
    *len = st->len;
    return st->text;
}

void chorus_digest_free(chorus_digest *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->n_items; i++) free(d->items[i].outlets), free(d->items[i].ref.text);
    free(d->focus);
    free(d->items);
    cx_quotes_free(d->quotes, d->n_quotes);
    cx_quotes_skipped_free(d->skipped_quotes, d->n_skipped_quotes);
    cx_entities_free(d->entities, d->n_entities);
    cx_facts_free(d->facts, d->n_facts);
    cx_disagreements_free(d->disagreements, d->n_disagreements);
    cx_timeline_free(d->timeline, d->n_timeline);
    cx_prov_index_free(d->prov);
    cx_story_free(&d->story);
    free(d);
}

void cx_digest_each_dropped(const chorus_digest *d, cx_dropped_fn fn, void *ctx)
{
    for (size_t k = 0; k < d->story.n_docs; k++) {
        const cx_doc *doc = &d->story.docs[k];
        for (size_t p = 0; p < doc->n_paras; p++)
            if (doc->paras[p].drop_reason && doc->paras[p].drop_reason != CX_DROP_TITLE) fn(doc, &doc->paras[p], ctx);
    }
}

static void count_one(const cx_doc *doc, const cx_para *p, void *ctx)
{
    (void)doc, (void)p;
    (*(size_t *)ctx)++;
}

size_t cx_digest_count_dropped(const chorus_digest *d)
{
    size_t n = 0;
    cx_digest_each_dropped(d, count_one, &n);
    return n;
}

chorus_search_stats chorus_digest_search_stats(const chorus_digest *d)
{
    return d->search;
}
