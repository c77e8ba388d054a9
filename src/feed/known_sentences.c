/* What is new since a reader last looked: the sentences of fresh reports
 * that earlier reports already said, found by word 4-gram containment. Used
 * by update digests over the store (--new-since, serve's "new since your
 * last visit"). */
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>
#include "known_sentences.h"
#include "u64map.h"
#include "util.h"

/* Words of a sentence, lower-cased ASCII (other bytes kept), as hashes. */
static size_t word_hashes(const char *s, size_t n, uint64_t **out, size_t *cap)
{
    size_t count = 0;
    char w[128];
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)s[i];
        int in_word = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
        if (!in_word) {
            i++;
            continue;
        }
        size_t len = 0;
        while (i < n) {
            ch = (unsigned char)s[i];
            if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80))
                break;
            if (len < sizeof w) w[len++] = (char)cx_ascii_lower(ch);
            i++;
        }
        if (cx_grow((void **)out, cap, count + 1, sizeof **out)) return count;
        (*out)[count++] = XXH3_64bits(w, len);
    }
    return count;
}

#define NOVELTY_GRAM 4

static uint64_t gram_hash(const uint64_t *w, size_t k)
{
    return XXH3_64bits(w, k * sizeof *w);
}

typedef struct novelty_ctx {
    cx_u64map *known;
    int learn;        /* add the sentence's grams to known */
    cx_buf *kept;     /* filter: sentences kept, space separated */
    size_t dropped;
    uint64_t *words;
    size_t cap_words;
    int rc;
} novelty_ctx;

/* A sentence says something already said when most of its word 4-grams
 * (all its words, for a shorter one) occur in the earlier reports:
 * containment rather than identity, so a lightly edited repetition counts. */
static void novelty_sentence(const char *sentence, size_t len, void *arg)
{
    novelty_ctx *x = arg;
    if (x->rc) return;
    size_t n = word_hashes(sentence, len, &x->words, &x->cap_words);
    size_t grams = n >= NOVELTY_GRAM ? n - NOVELTY_GRAM + 1 : (n ? 1 : 0);
    size_t k = n >= NOVELTY_GRAM ? NOVELTY_GRAM : n;
    if (x->learn) {
        for (size_t i = 0; i < grams; i++)
            if (cx_u64map_add(x->known, gram_hash(x->words + i, k), NULL) < 0) x->rc = CHORUS_ENOMEM;
        return;
    }
    size_t seen = 0;
    for (size_t i = 0; i < grams; i++) seen += cx_u64map_find(x->known, gram_hash(x->words + i, k)) >= 0;
    if (grams && seen * 10 >= grams * 7) {
        x->dropped++;
        return;
    }
    if ((x->kept->len && cx_buf_putc(x->kept, ' ')) || cx_buf_append(x->kept, sentence, len))
        x->rc = CHORUS_ENOMEM;
}

/* Run fn over the sentences of text, paragraph by paragraph; between
 * paragraphs, para_end(ctx) is called. */
static int each_sentence(const char *text, chorus_sentence_fn fn, void (*para_end)(void *), void *ctx,
                         chorus_error *err)
{
    const char *p = text;
    while (*p) {
        const char *end = strstr(p, "\n\n");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len) {
            int rc = chorus_sentences(p, len, fn, ctx, err);
            if (rc < 0) return rc;
        }
        if (para_end) para_end(ctx);
        if (!end) break;
        p = end + 2;
    }
    return 0;
}

typedef struct filter_ctx {
    novelty_ctx nov;
    cx_buf para; /* sentences kept in the current paragraph */
    cx_buf text; /* paragraphs kept */
} filter_ctx;

static void filter_para_end(void *arg)
{
    filter_ctx *f = arg;
    if (!f->para.len || f->nov.rc) return;
    if ((f->text.len && cx_buf_puts(&f->text, "\n\n")) || cx_buf_append(&f->text, f->para.data, f->para.len))
        f->nov.rc = CHORUS_ENOMEM;
    f->para.len = 0;
}

int cx_drop_known_sentences(chorus_corpus *fresh, const chorus_corpus *earlier, size_t *n_dropped,
                            size_t *n_emptied, chorus_error *err)
{
    *n_dropped = 0;
    *n_emptied = 0;
    cx_u64map known = {0};
    filter_ctx f;
    memset(&f, 0, sizeof f);
    cx_buf_init(&f.para);
    cx_buf_init(&f.text);
    f.nov.known = &known;
    f.nov.kept = &f.para;
    int rc = 0;
    f.nov.learn = 1;
    for (size_t i = 0; i < earlier->n_articles && !rc; i++) {
        rc = each_sentence(earlier->articles[i].text, novelty_sentence, NULL, &f.nov, err);
        if (!rc) rc = f.nov.rc;
    }
    f.nov.learn = 0;
    size_t kept_articles = 0;
    for (size_t i = 0; i < fresh->n_articles; i++) {
        chorus_article *a = &fresh->articles[i];
        if (!rc) {
            f.para.len = f.text.len = 0;
            size_t before = f.nov.dropped;
            rc = each_sentence(a->text, novelty_sentence, filter_para_end, &f, err);
            if (!rc) rc = f.nov.rc;
            if (!rc && f.nov.dropped != before) {
                char *t = cx_strndup(f.text.data ? f.text.data : "", f.text.len);
                if (t) {
                    free(a->text);
                    a->text = t;
                } else
                    rc = CHORUS_ENOMEM;
            }
            if (!rc && !a->text[0]) { /* nothing new in it */
                chorus_article_free(a);
                (*n_emptied)++;
                continue;
            }
        }
        fresh->articles[kept_articles++] = *a;
    }
    fresh->n_articles = kept_articles;
    *n_dropped = f.nov.dropped;
    cx_u64map_free(&known);
    free(f.nov.words);
    cx_buf_free(&f.para);
    cx_buf_free(&f.text);
    if (rc == CHORUS_ENOMEM) return cx_fail(err, rc, "out of memory");
    return rc;
}
