/* Stored story titles (story_titles.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "story_titles.h"
#include "util.h"

#define TITLE_MAX_WORDS 32

int cx_title_usable(const char *t)
{
    if (!t) return 0;
    int words = 0, letters = 0, entity = 0; /* in "&NAME;" (markup left in the text) */
    for (const unsigned char *p = (const unsigned char *)t;; p++) {
        int letter = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p >= 0x80;
        if (letter) letters++;
        else {
            if (letters >= 2 && !(entity && *p == ';')) words++;
            letters = 0;
        }
        if (!letter) entity = *p == '&';
        if (!*p) break;
    }
    return words >= 2;
}

typedef struct title_words {
    uint64_t w[TITLE_MAX_WORDS]; /* hashes of its lower-cased words of 3 bytes or more, sorted */
    size_t n;
} title_words;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void words_of(const char *t, title_words *out)
{
    out->n = 0;
    char word[64];
    size_t len = 0;
    for (const unsigned char *p = (const unsigned char *)t;; p++) {
        int in = *p && (*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'));
        if (in) {
            if (len < sizeof word) word[len++] = (char)(*p >= 'A' && *p <= 'Z' ? *p | 0x20 : *p);
            continue;
        }
        if (len >= 3 && out->n < TITLE_MAX_WORDS) out->w[out->n++] = XXH3_64bits(word, len);
        len = 0;
        if (!*p) break;
    }
    qsort(out->w, out->n, sizeof *out->w, cmp_u64);
    size_t k = 0;
    for (size_t i = 0; i < out->n; i++)
        if (!k || out->w[k - 1] != out->w[i]) out->w[k++] = out->w[i];
    out->n = k;
}

typedef struct word_weight {
    uint64_t w;
    double x;
} word_weight;

static int cmp_word(const void *a, const void *b)
{
    uint64_t x = ((const word_weight *)a)->w, y = ((const word_weight *)b)->w;
    return (x > y) - (x < y);
}

/* The index of the headline whose summed word cosine with the others is
 * highest (the first of equals). The sum of cosines of title i,
 *   sum over j != i of shared(i, j) / sqrt(n_i n_j),
 * is, word by word, 1/sqrt(n_i) times the sum over the words w of i of
 * W(w) - 1/sqrt(n_i), where W(w) sums 1/sqrt(n_j) over the titles holding w:
 * linear in the number of words instead of quadratic in titles. */
static size_t most_central(const title_words *t, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++) total += t[i].n;
    word_weight *ww = malloc((total ? total : 1) * sizeof *ww);
    if (!ww) return 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < t[i].n; j++) ww[k++] = (word_weight){t[i].w[j], 1 / sqrt((double)t[i].n)};
    qsort(ww, total, sizeof *ww, cmp_word);
    size_t u = 0; /* merged: one entry per word with W(w) */
    for (size_t i = 0; i < total; i++) {
        if (u && ww[u - 1].w == ww[i].w) ww[u - 1].x += ww[i].x;
        else ww[u++] = ww[i];
    }
    double best_score = -1;
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        double score = 0;
        if (t[i].n) {
            double self = 1 / sqrt((double)t[i].n);
            for (size_t j = 0; j < t[i].n; j++) {
                word_weight key = {t[i].w[j], 0};
                const word_weight *hit = bsearch(&key, ww, u, sizeof *ww, cmp_word);
                if (hit) score += hit->x - self;
            }
            score *= self;
        }
        if (score > best_score + 1e-9) best_score = score, at = i;
    }
    free(ww);
    return at;
}

/* The first reader of a story is often a report of a side detail, or of an
 * unrelated event before a regrouping moved it out: the headline the others
 * agree with stands for the story better. */
static const char headlines_sql[] =
    "SELECT a.title, m.published FROM story_members m JOIN articles a ON a.id = m.article_id"
    " WHERE m.story_id = ?1 AND NOT m.is_copy ORDER BY m.published, a.id";
/* The same rows from a version 4 store, whose members keep their headline
 * (ordered by the index: story, time, article id). */
static const char member_headlines_sql[] =
    "SELECT title, published FROM story_members WHERE story_id = ?1 AND NOT is_copy ORDER BY published, article_id";

/* cx_story_title_compute with its query prepared (headlines_sql); q is reset after. */
static char *title_compute(sqlite3_stmt *q, int64_t story, int64_t *horizon)
{
    if (horizon) *horizon = INT64_MIN;
    char *titles[CX_TITLE_CANDIDATES];
    title_words *words = malloc(CX_TITLE_CANDIDATES * sizeof *words);
    size_t n = 0;
    int64_t last = INT64_MIN;
    if (!words) return NULL;
    sqlite3_bind_int64(q, 1, story);
    while (n < CX_TITLE_CANDIDATES && sqlite3_step(q) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(q, 0);
        if (!cx_title_usable(t) || !(titles[n] = cx_strdup(t))) continue;
        last = sqlite3_column_type(q, 1) == SQLITE_NULL ? INT64_MIN : sqlite3_column_int64(q, 1);
        words_of(titles[n], &words[n]);
        n++;
    }
    sqlite3_reset(q);
    char *best = NULL;
    if (n >= 3) {
        size_t at = most_central(words, n);
        best = titles[at];
        titles[at] = NULL;
    }
    for (size_t i = 0; i < n; i++) free(titles[i]);
    free(words);
    if (horizon && n == CX_TITLE_CANDIDATES) *horizon = last;
    return best;
}

char *cx_story_title_compute(sqlite3 *db, int64_t story, int64_t *horizon)
{
    if (horizon) *horizon = INT64_MIN;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, headlines_sql, -1, &q, NULL) != SQLITE_OK) return NULL;
    char *title = title_compute(q, story, horizon);
    sqlite3_finalize(q);
    return title;
}

int cx_story_titles_present(sqlite3 *db)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'story_titles'", -1, &q,
                           NULL) != SQLITE_OK)
        return 0;
    int present = sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    return present;
}

static int cmp_touch(const void *a, const void *b)
{
    int64_t x = ((const cx_title_touch *)a)->story, y = ((const cx_title_touch *)b)->story;
    return (x > y) - (x < y);
}

int cx_story_titles_refresh(sqlite3 *db, cx_title_touch *t, size_t n, int member_titles)
{
    if (!n) return SQLITE_OK;
    qsort(t, n, sizeof *t, cmp_touch);
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        if (u && t[u - 1].story == t[i].story) {
            if (t[i].earliest < t[u - 1].earliest) t[u - 1].earliest = t[i].earliest;
        } else t[u++] = t[i];
    }
    sqlite3_stmt *info = NULL, *put = NULL, *del = NULL, *headlines = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT s.size, s.merged_into IS NULL, t.story_id IS NOT NULL, t.horizon, t.size_at"
                                " FROM stories s"
                                " LEFT JOIN story_titles t ON t.story_id = s.id WHERE s.id = ?1",
                                -1, &info, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db,
                                "INSERT OR REPLACE INTO story_titles(story_id, title, horizon, size_at)"
                                " VALUES (?1, ?2, ?3, ?4)",
                                -1, &put, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(db, "DELETE FROM story_titles WHERE story_id = ?1", -1, &del, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, member_titles ? member_headlines_sql : headlines_sql, -1, &headlines, NULL);
    for (size_t i = 0; i < u && rc == SQLITE_OK; i++) {
        if (t[i].earliest == INT64_MAX) continue; /* copies only: the headlines read are the same */
        sqlite3_bind_int64(info, 1, t[i].story);
        if (sqlite3_step(info) != SQLITE_ROW) {
            sqlite3_reset(info);
            continue;
        }
        int64_t size = sqlite3_column_int64(info, 0);
        int open = sqlite3_column_int(info, 1), stored = sqlite3_column_int(info, 2);
        int saturated = sqlite3_column_type(info, 3) != SQLITE_NULL;
        int64_t horizon = sqlite3_column_int64(info, 3), size_at = sqlite3_column_int64(info, 4);
        sqlite3_reset(info);
        int timed = open && stored && t[i].earliest != INT64_MIN;
        /* every report joined or left after the last headline compared: the same choice */
        if (timed && saturated && t[i].earliest >= horizon) continue;
        /* reports fewer by a tenth joined or left: the headline most others share
         * rarely changes, and reading a story's headlines at every batch would
         * cost the ingest more than the choice is worth */
        int64_t change = size > size_at ? size - size_at : size_at - size;
        if (timed && !saturated && change < (size_at + 9) / 10) continue;
        int64_t h = INT64_MIN;
        char *title = open && size >= 3 ? title_compute(headlines, t[i].story, &h) : NULL;
        if (!title && !stored) continue;
        sqlite3_stmt *st = title ? put : del;
        sqlite3_bind_int64(st, 1, t[i].story);
        if (title) {
            sqlite3_bind_text(st, 2, title, -1, free);
            if (h != INT64_MIN) sqlite3_bind_int64(st, 3, h);
            sqlite3_bind_int64(st, 4, size);
        }
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
    sqlite3_finalize(info);
    sqlite3_finalize(put);
    sqlite3_finalize(del);
    sqlite3_finalize(headlines);
    return rc;
}

int cx_story_titles_create(sqlite3 *db, int member_titles)
{
    if (cx_story_titles_present(db)) return SQLITE_OK;
    int rc = sqlite3_exec(db,
                          "CREATE TABLE story_titles (\n"
                          "  story_id INTEGER PRIMARY KEY,\n"
                          "  title TEXT NOT NULL,\n"
                          "  horizon INTEGER,\n"
                          "  size_at INTEGER NOT NULL\n"
                          ")",
                          NULL, NULL, NULL);
    if (rc != SQLITE_OK) return rc;
    /* a store written before the table existed: every story of three reports or more */
    sqlite3_stmt *q;
    if ((rc = sqlite3_prepare_v2(db, "SELECT id FROM stories WHERE merged_into IS NULL AND size >= 3", -1, &q, NULL)) !=
        SQLITE_OK)
        return rc;
    cx_title_touch *ids = NULL;
    size_t n = 0, cap = 0;
    while (rc == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW) {
        cx_title_touch x = {sqlite3_column_int64(q, 0), INT64_MIN};
        if (CX_PUSH(ids, n, cap, x)) rc = SQLITE_NOMEM;
    }
    sqlite3_finalize(q);
    if (rc == SQLITE_OK) rc = cx_story_titles_refresh(db, ids, n, member_titles);
    free(ids);
    return rc;
}

char *cx_story_title_stored(sqlite3_stmt *lookup, int64_t story)
{
    sqlite3_bind_int64(lookup, 1, story);
    char *t = NULL;
    if (sqlite3_step(lookup) == SQLITE_ROW) {
        const char *s = (const char *)sqlite3_column_text(lookup, 0);
        if (s) t = cx_strdup(s);
    }
    sqlite3_reset(lookup);
    return t;
}

int cx_story_title_lookup_prepare(sqlite3 *db, sqlite3_stmt **out)
{
    return sqlite3_prepare_v2(db, "SELECT title FROM story_titles WHERE story_id = ?1", -1, out, NULL);
}
