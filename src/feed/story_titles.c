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

static double words_cosine(const title_words *a, const title_words *b)
{
    if (!a->n || !b->n) return 0;
    size_t i = 0, j = 0, shared = 0;
    while (i < a->n && j < b->n) {
        if (a->w[i] < b->w[j]) i++;
        else if (a->w[i] > b->w[j]) j++;
        else shared++, i++, j++;
    }
    return (double)shared / sqrt((double)a->n * (double)b->n);
}

/* The first reader of a story is often a report of a side detail, or of an
 * unrelated event before a regrouping moved it out: the headline the others
 * agree with stands for the story better. */
char *cx_story_title_compute(sqlite3 *db, int64_t story, size_t *seen)
{
    if (seen) *seen = 0;
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db,
                           "SELECT a.title FROM story_members m JOIN articles a ON a.id = m.article_id"
                           " WHERE m.story_id = ?1 AND NOT m.is_copy ORDER BY m.published, a.id",
                           -1, &q, NULL) != SQLITE_OK)
        return NULL;
    char *titles[CX_TITLE_CANDIDATES];
    title_words *words = malloc(CX_TITLE_CANDIDATES * sizeof *words);
    size_t n = 0;
    if (!words) {
        sqlite3_finalize(q);
        return NULL;
    }
    sqlite3_bind_int64(q, 1, story);
    while (n < CX_TITLE_CANDIDATES && sqlite3_step(q) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(q, 0);
        if (!cx_title_usable(t) || !(titles[n] = cx_strdup(t))) continue;
        words_of(titles[n], &words[n]);
        n++;
    }
    sqlite3_finalize(q);
    char *best = NULL;
    if (n >= 3) {
        double best_score = -1;
        size_t at = 0;
        for (size_t i = 0; i < n; i++) {
            double score = 0;
            for (size_t j = 0; j < n; j++)
                if (j != i) score += words_cosine(&words[i], &words[j]);
            if (score > best_score + 1e-9) best_score = score, at = i;
        }
        best = titles[at];
        titles[at] = NULL;
    }
    for (size_t i = 0; i < n; i++) free(titles[i]);
    free(words);
    if (seen) *seen = n;
    return best;
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

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int cx_story_titles_refresh(sqlite3 *db, int64_t *stories, size_t n)
{
    if (!n) return SQLITE_OK;
    qsort(stories, n, sizeof *stories, cmp_i64);
    sqlite3_stmt *info = NULL, *put = NULL, *del = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT s.size, s.merged_into IS NULL, t.size_at FROM stories s"
                                " LEFT JOIN story_titles t ON t.story_id = s.id WHERE s.id = ?1",
                                -1, &info, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO story_titles(story_id, title, size_at) VALUES (?1, ?2, ?3)",
                                -1, &put, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(db, "DELETE FROM story_titles WHERE story_id = ?1", -1, &del, NULL);
    for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
        if (i && stories[i] == stories[i - 1]) continue;
        sqlite3_bind_int64(info, 1, stories[i]);
        if (sqlite3_step(info) != SQLITE_ROW) {
            sqlite3_reset(info);
            continue;
        }
        int64_t size = sqlite3_column_int64(info, 0);
        int open = sqlite3_column_int(info, 1);
        int stored = sqlite3_column_type(info, 2) != SQLITE_NULL;
        int64_t size_at = sqlite3_column_int64(info, 2);
        sqlite3_reset(info);
        /* a large story's first reports rarely change: again once it grew by a tenth */
        if (open && stored && size > 2 * CX_TITLE_CANDIDATES && size * 10 < size_at * 11) continue;
        char *title = open && size >= 3 ? cx_story_title_compute(db, stories[i], NULL) : NULL;
        sqlite3_stmt *st = title ? put : del;
        sqlite3_bind_int64(st, 1, stories[i]);
        if (title) {
            sqlite3_bind_text(st, 2, title, -1, free);
            sqlite3_bind_int64(st, 3, size);
        } else if (!stored) continue;
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
    sqlite3_finalize(info);
    sqlite3_finalize(put);
    sqlite3_finalize(del);
    return rc;
}

int cx_story_titles_create(sqlite3 *db)
{
    if (cx_story_titles_present(db)) return SQLITE_OK;
    int rc = sqlite3_exec(db,
                          "CREATE TABLE story_titles (\n"
                          "  story_id INTEGER PRIMARY KEY,\n"
                          "  title TEXT NOT NULL,\n"
                          "  size_at INTEGER NOT NULL\n"
                          ")",
                          NULL, NULL, NULL);
    if (rc != SQLITE_OK) return rc;
    /* a store written before the table existed: every story of three reports or more */
    sqlite3_stmt *q;
    if ((rc = sqlite3_prepare_v2(db, "SELECT id FROM stories WHERE merged_into IS NULL AND size >= 3", -1, &q, NULL)) !=
        SQLITE_OK)
        return rc;
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    while (rc == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(q, 0);
        if (CX_PUSH(ids, n, cap, id)) rc = SQLITE_NOMEM;
    }
    sqlite3_finalize(q);
    if (rc == SQLITE_OK) rc = cx_story_titles_refresh(db, ids, n);
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
