/* Sentence splitting fit for news, in the article's language.
 *
 * A boundary is a run of terminators (. ! ? an ellipsis, and the full-width
 * 。！？ of Chinese and Japanese, which need no space after them) with any
 * closing quotes and brackets, then a space, then something that can start
 * a sentence. The boundary is withdrawn when the word before the period is
 * an abbreviation of the language (its table: ICU's sentence-break
 * exceptions, and for English the titles of news datelines), an initial
 * (William H. Seely), or a dotted acronym used as a modifier (U.S. Army), and
 * when it falls inside a quotation that closes later in the same paragraph,
 * so a quote of two sentences stays with its attribution. What comes after
 * the period decides the ambiguous cases: a capitalised function word of the
 * language ("The", "Il", "Der") starts a sentence, a name or a number
 * continues one. A period glued to the next sentence ("left.She") is a
 * boundary when a lower-case word ends before it and a capitalised word
 * starts after it. A paragraph that opens with a list marker (1. a) i. •)
 * is cut before each following marker of the same list. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "language.h"
#include "text.h"
#include "util.h"

/* Decode one code point at s[i] (valid UTF-8 assumed; bad bytes count as 1). */
static unsigned cp_at(const char *s, size_t n, size_t i, size_t *k)
{
    const unsigned char *u = (const unsigned char *)s + i;
    size_t l = cx_utf8_seq_len(u, n - i);
    if (!l) l = 1;
    *k = l;
    if (l == 1) return u[0];
    if (l == 2) return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
    if (l == 3) return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
    return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
}

/* The code point that ends at s[i] (exclusive); 0 at the start. */
static unsigned cp_before(const char *s, size_t i, size_t *start)
{
    size_t b = i;
    while (b > 0 && ((unsigned char)s[b - 1] & 0xC0) == 0x80 && i - b < 3) b--;
    if (b > 0) b--;
    *start = b;
    size_t k;
    return i ? cp_at(s, i, b, &k) : 0;
}

/* Full-width terminators: a boundary without a following space. */
static int is_wide_terminator(unsigned c) { return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF61; }
static int is_terminator(unsigned c)
{
    return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x061F || c == 0x0964 || is_wide_terminator(c);
}
static int is_close_quote(unsigned c)
{
    return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == 0xBB || c == 0x203A || c == 0x300D ||
           c == 0x300F;
}
static int is_open_quote(unsigned c)
{
    return c == '"' || c == 0x201C || c == 0x2018 || c == 0xAB || c == '`' || c == 0x2039 || c == 0x201E ||
           c == 0x300C || c == 0x300E;
}
static int is_closer(unsigned c) { return is_close_quote(c) || c == ')' || c == ']' || c == 0xFF09 || c == 0x300B; }

/* Quotation marks that open and close, for the article's language: German
 * closes with “ the mark English opens with. */
typedef struct {
    unsigned open[4], close[4];
} quote_marks;

static unsigned first_cp(const char *s)
{
    size_t k;
    return *s ? cp_at(s, strlen(s), 0, &k) : 0;
}

static void marks_of(const cx_lang *l, quote_marks *q)
{
    q->open[0] = first_cp(cx_lang_quote(l, 0)), q->close[0] = first_cp(cx_lang_quote(l, 1));
    q->open[1] = 0x201C, q->close[1] = 0x201D; /* typographic English marks, in every language's news */
    q->open[2] = 0xAB, q->close[2] = 0xBB;
    q->open[3] = 0x300C, q->close[3] = 0x300D;
    if (q->open[0] == '"') q->open[0] = q->close[0] = 0x201C, q->close[0] = 0x201D;
}

static int marks_close(const quote_marks *q, unsigned c)
{
    for (int i = 0; i < 4; i++)
        if (q->close[i] == c) return 1;
    return 0;
}
static int marks_open(const quote_marks *q, unsigned c)
{
    if (marks_close(q, c)) return 0;
    for (int i = 0; i < 4; i++)
        if (q->open[i] == c) return 1;
    return c == 0x201E || c == 0x300E;
}

/* The word (letters and inner periods) ending at position end (exclusive,
 * end is the index of the final period), as written, into w. */
static size_t word_before(const char *s, size_t end, char *w, size_t cap, int *n_letters, int *has_inner_dot,
                          int *first_upper, int *all_lower)
{
    size_t b = end;
    while (b > 0) {
        size_t cs;
        unsigned c = cp_before(s, b, &cs);
        if (c == '.' || u_isalpha((UChar32)c) || u_getCombiningClass((UChar32)c)) b = cs;
        else break;
    }
    while (b < end && s[b] == '.') b++;
    *n_letters = 0;
    *has_inner_dot = 0;
    *first_upper = 0;
    *all_lower = 1;
    for (size_t i = b; i < end;) {
        size_t k;
        unsigned c = cp_at(s, end, i, &k);
        if (c == '.') *has_inner_dot = 1;
        else {
            if (!*n_letters) *first_upper = u_isupper((UChar32)c) || u_istitle((UChar32)c);
            else if (!u_islower((UChar32)c)) *all_lower = 0; /* "Tuesday" passes, "USA" not */
            (*n_letters)++;
        }
        i += k;
    }
    size_t n = end - b < cap - 1 ? end - b : cap - 1;
    memcpy(w, s + b, n);
    w[n] = '\0';
    return n;
}

/* Whether the word that ends just before `end` (past spaces) starts in
 * lower case: a word like "the" or "mosquito-borne", not a name or the
 * start of the sentence. */
static int lower_word_before(const char *s, size_t start, size_t end)
{
    size_t b = end;
    while (b > start && s[b - 1] == ' ') b--;
    if (b == end || b == start) return 0;
    size_t w = b;
    while (w > start && s[w - 1] != ' ') w--;
    size_t k;
    unsigned c = cp_at(s, b, w, &k);
    return u_islower((UChar32)c) != 0;
}

/* A capitalised function word of the language ("The", "Il", "Der", "Он")
 * followed by a lower-case word opens a sentence rather than continuing a
 * name after an abbreviation; in a headline's title case ("U.S. Has No
 * Plans") the next word is capitalised too. */
static int sentence_starter(const cx_lang *l, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t k;
        unsigned c = cp_at(s, n, i, &k);
        if (!u_isalpha((UChar32)c) && c != '\'' && c != 0x2019) break;
        i += k;
    }
    if (!i || i > 40) return 0;
    char low[96];
    size_t ll = cx_lower(s, i, low, sizeof low);
    if (!cx_lang_is_stopword(l, low, ll)) return 0;
    size_t j = i;
    while (j < n && (s[j] == ' ' || s[j] == ',')) j++;
    size_t k;
    unsigned nx = j < n ? cp_at(s, n, j, &k) : 0;
    return !u_isupper((UChar32)nx) && !u_istitle((UChar32)nx);
}

/* After a quoted question or exclamation, a name and a verb of saying
 * continue the sentence: "What now?" Smith asked. Looks at most five words
 * ahead from s for a verb of saying of the language, every word before it
 * capitalized. */
static int attribution_follows(const cx_lang *l, const char *s, size_t n)
{
    size_t i = 0;
    for (int w = 0; w < 6 && i < n; w++) {
        size_t b = i;
        while (i < n && s[i] != ' ' && s[i] != ',' && s[i] != '.' && s[i] != '\n') i++;
        size_t len = i - b;
        if (!len) return 0;
        char low[64];
        size_t ll = cx_lower(s + b, len, low, sizeof low);
        if (cx_lang_is_cue_verb(l, low, ll)) return w > 0;
        size_t k;
        unsigned c = cp_at(s, n, b, &k);
        if (!u_isupper((UChar32)c)) return 0;
        if (i < n && s[i] == '.') i++; /* "Mr." */
        if (i >= n || s[i] != ' ') return 0;
        i++;
    }
    return 0;
}

/* ---- list markers: "1." "2)" "a." "iv." "•" opening a paragraph ---- */

/* The value of the enumerator at s (1-based): digits, one lower-case
 * letter, or a lower-case Roman numeral, then '.' or ')' (or ".)"); *len is
 * the marker's length in bytes and *kind 1 digits, 2 letter, 3 Roman. */
static int enumerator(const char *s, size_t n, size_t *len, int *kind)
{
    size_t i = 0;
    int v = 0;
    if (i < n && isdigit((unsigned char)s[i])) {
        while (i < n && i < 2 && isdigit((unsigned char)s[i])) v = v * 10 + (s[i++] - '0');
        *kind = 1;
    } else {
        static const char *const roman[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"};
        size_t r = 0;
        while (r < n && r < 4 && strchr("ivx", s[r])) r++;
        int rv = 0;
        for (int k = 0; k < 10 && r; k++)
            if (strlen(roman[k]) == r && !strncmp(s, roman[k], r)) rv = k + 1;
        if (rv && r > 1) {
            v = rv, i = r, *kind = 3;
        } else if (i < n && s[i] >= 'a' && s[i] <= 'z') {
            v = s[i] - 'a' + 1, i = 1, *kind = 2;
            if (rv == 1) *kind = 4; /* "i": letter or Roman, decided by what follows */
        } else
            return 0;
    }
    if (i >= n || (s[i] != '.' && s[i] != ')')) return 0;
    if (s[i] == '.' && i + 1 < n && s[i + 1] == ')') i++;
    i++;
    if (i < n && s[i] != ' ') return 0;
    *len = i;
    return v;
}

static int is_bullet(unsigned c)
{
    return c == 0x2022 || c == 0x2043 || c == 0x25E6 || c == 0x25AA || c == 0x2023 || c == 0x25CF || c == 0x25A0;
}

/* Offsets where a new list item starts inside the paragraph (the first
 * item at its start is not listed). */
static size_t list_items(const char *p, size_t n, size_t **out)
{
    *out = NULL;
    size_t s = 0, k;
    while (s < n && p[s] == ' ') s++;
    if (s >= n) return 0;
    unsigned bullet = cp_at(p, n, s, &k);
    size_t len = 0;
    int kind = 0, v = 0;
    if (!is_bullet(bullet)) {
        bullet = 0;
        v = enumerator(p + s, n - s, &len, &kind);
        if (kind == 4) v = 1, kind = 3; /* a list opening with "i." counts in Roman numerals */
        if (!v || v > 3) return 0;
    }
    size_t *at = NULL, nat = 0, cap = 0;
    for (size_t i = s + 1; i + 1 < n; i++) {
        if (p[i - 1] != ' ') continue;
        if (bullet) {
            if (first_cp(p + i) == bullet && CX_PUSH(at, nat, cap, i)) break;
            continue;
        }
        int k2 = 0;
        int w = enumerator(p + i, n - i, &len, &k2);
        if (k2 == 4) w = kind == 3 ? 1 : 9, k2 = kind; /* "i": Roman one, or the ninth letter */
        if (w == v + 1 && k2 == kind) {
            if (CX_PUSH(at, nat, cap, i)) break;
            v = w;
        }
    }
    *out = at;
    return nat;
}

/* Bytes of the list marker at s: a bullet and its spaces, then an
 * enumerator ("• 9. "), or 0. */
static size_t marker_len(const char *s, size_t n)
{
    size_t i = 0, k, len = 0;
    int kind;
    if (n && is_bullet(cp_at(s, n, 0, &k))) {
        i = k;
        while (i < n && s[i] == ' ') i++;
    }
    if (enumerator(s + i, n - i, &len, &kind)) i += len;
    return i;
}

static int has_space(const char *s, size_t n) { return memchr(s, ' ', n) != NULL; }

static int push_span(cx_span **v, size_t *nv, size_t *cap, const char *p, size_t a, size_t b)
{
    while (b > a && p[b - 1] == ' ') b--;
    while (a < b && p[a] == ' ') a++;
    if (b <= a) return 0;
    cx_span sp = {a, b};
    return CX_PUSH(*v, *nv, *cap, sp);
}

/* Words shorter than this before a period may be abbreviations no list
 * knows ("bzw.", "ca."): a lower-case word after them does not start a
 * sentence. */
#define LOWER_START_MIN_LETTERS 3

int cx_split_sentences_in(const cx_lang *l, const char *p, size_t n, cx_span **out)
{
    return cx_split_sentences_opt(l, p, n, CX_SPLIT_QUOTES_WHOLE, out);
}

int cx_split_sentences_opt(const cx_lang *l, const char *p, size_t n, unsigned flags, cx_span **out)
{
    *out = NULL;
    cx_span *v = NULL;
    size_t nv = 0, cap = 0;
    size_t start = 0;
    quote_marks qm;
    marks_of(l, &qm);
    size_t *items;
    size_t n_items = list_items(p, n, &items), next_item = 0;
    while (start < n && p[start] == ' ') start++;
    int quote_depth = 0; /* open double quotes since the sentence start */
    for (size_t i = start; i < n;) {
        if (next_item < n_items && i >= items[next_item]) { /* the next list item */
            if (push_span(&v, &nv, &cap, p, start, items[next_item])) goto oom;
            start = items[next_item++];
            quote_depth = 0;
            /* the marker's own period is no terminator */
            i = start + marker_len(p + start, n - start);
            continue;
        }
        if (i == start && n_items && !next_item) { /* the first marker */
            i += marker_len(p + i, n - i);
            if (i > start) continue;
        }
        size_t k;
        unsigned c = cp_at(p, n, i, &k);
        if (c == '"') {
            /* straight quote: opening when preceded by space or start, else closing */
            int opening = i == 0 || p[i - 1] == ' ' || p[i - 1] == '(' || p[i - 1] == '[';
            if (opening) quote_depth++;
            else if (quote_depth > 0) quote_depth--;
        } else if (c == '`' && i + 1 < n && p[i + 1] == '`') quote_depth++;
        else if (c == '\'' && i + 1 < n && p[i + 1] == '\'' && quote_depth > 0) quote_depth--;
        else if (marks_close(&qm, c)) quote_depth = quote_depth > 0 ? quote_depth - 1 : 0;
        else if (marks_open(&qm, c)) quote_depth++;
        /* a semicolon before a capitalised function word ends a sentence:
         * "...the vote; The minister said" */
        if (c == ';' && i + 2 < n && p[i + 1] == ' ') {
            size_t j = i + 1, kk;
            while (j < n && p[j] == ' ') j++;
            unsigned nx = j < n ? cp_at(p, n, j, &kk) : 0;
            if ((u_isupper((UChar32)nx) || u_istitle((UChar32)nx)) && sentence_starter(l, p + j, n - j)) {
                if (push_span(&v, &nv, &cap, p, start, i + 1)) goto oom;
                start = i = j;
                quote_depth = 0;
                continue;
            }
        }
        if (!is_terminator(c)) {
            i += k;
            continue;
        }
        size_t term = i; /* first terminator */
        size_t j = i;
        int wide = 0;
        while (j < n) { /* run of terminators (and dots of an ellipsis) */
            size_t k2;
            unsigned d = cp_at(p, n, j, &k2);
            if (!is_terminator(d)) break;
            wide |= is_wide_terminator(d);
            j += k2;
        }
        size_t after_terms = j;
        while (j < n) {
            size_t k2;
            unsigned d = cp_at(p, n, j, &k2);
            /* French sets a space inside guillemets: "partons. »" */
            if (d == ' ' && j + 1 < n) {
                size_t k4;
                unsigned d2 = cp_at(p, n, j + 1, &k4);
                if ((d2 == 0xBB || d2 == 0x203A) && marks_close(&qm, d2)) {
                    j++;
                    continue;
                }
            }
            if (!is_closer(d) && !marks_close(&qm, d)) break;
            if (d == '\'' && j + 1 < n && p[j + 1] == '\'') k2 = 2;
            if (d != ')' && d != ']' && d != 0xFF09 && d != 0x300B && !(d == '\'' && k2 == 1))
                quote_depth = quote_depth > 0 ? quote_depth - 1 : 0;
            j += k2;
        }
        size_t end = j;
        int glued = 0;
        if (j < n && p[j] != ' ') {
            /* no space after: "U.S.-led", "3.5", "Yahoo!com" stay; a full-width
             * terminator and a period between a lower-case word and a
             * capitalised one ("left.She") are boundaries */
            int cut = wide;
            size_t kn;
            unsigned after = cp_at(p, n, j, &kn);
            /* "美味!大きな": a half-width terminator glued to a script
             * written without spaces */
            if (!cut && after >= 0x3040 && u_isalpha((UChar32)after) && !(term > 0 && isdigit((unsigned char)p[term - 1])))
                cut = 1;
            if (!cut && after_terms == term + 1 && term > 0) {
                size_t k3, k4;
                unsigned nx = cp_at(p, n, j, &k3);
                unsigned nx2 = j + k3 < n ? cp_at(p, n, j + k3, &k4) : 0;
                char w[48];
                int letters, inner, upper, lower;
                size_t wl = word_before(p, term, w, sizeof w, &letters, &inner, &upper, &lower);
                cut = u_isupper((UChar32)nx) && u_islower((UChar32)nx2) && letters >= 2 && lower && !inner &&
                      !cx_lang_abbrev(l, w, wl);
            }
            if (!cut) {
                i = j > i ? j : i + k;
                continue;
            }
            glued = 1;
        }
        while (j < n && p[j] == ' ') j++;
        if (j >= n) break;
        size_t k3;
        unsigned nx = cp_at(p, n, j, &k3);
        /* What may start a sentence: a capital, a digit, an opening quote or
         * bracket, a letter of a script without case. */
        int can_start = glued || wide || u_isupper((UChar32)nx) || u_istitle((UChar32)nx) ||
                        (nx >= '0' && nx <= '9') || is_open_quote(nx) || nx == '(' || nx == '[' || nx == 0x2014 ||
                        is_bullet(nx) || (!u_islower((UChar32)nx) && u_isalpha((UChar32)nx));
        int split = can_start;
        /* A lower-case word after a terminator: a sentence that starts in lower
         * case (informal text, lists) when the terminator ends a word that is
         * no abbreviation, or is a question or exclamation mark with no
         * closing quote (after a quote, "she asked" continues). */
        if (!split && u_islower((UChar32)nx) && end == after_terms && term > 0 && p[term - 1] != ' ') {
            if (p[term] == '?' || p[term] == '!') split = 1;
            else if (p[term] == '.' && after_terms == term + 1) {
                char w[48];
                int letters, inner, upper, lower;
                size_t wl = word_before(p, term, w, sizeof w, &letters, &inner, &upper, &lower);
                split = letters >= LOWER_START_MIN_LETTERS && !inner && !cx_lang_abbrev(l, w, wl);
            }
        }
        /* A period right after a word: check for abbreviations and initials. */
        if (split && !glued && p[term] == '.' && after_terms == term + 1 && term > 0 && p[term - 1] != ' ') {
            char w[48];
            int letters, inner, upper, lower;
            size_t wl = word_before(p, term, w, sizeof w, &letters, &inner, &upper, &lower);
            int next_is_digit = nx >= '0' && nx <= '9';
            int starter = is_open_quote(nx) || sentence_starter(l, p + j, n - j);
            int ab = wl ? cx_lang_abbrev(l, w, wl) : 0;
            /* a lone abbreviation is not a sentence: "U.S. Has No Plans..." */
            if ((inner || ab) && !has_space(p + start, term - start)) split = 0;
            else if (letters == 1 && upper && !inner) split = 0; /* initial: "H. Seely" */
            else if (letters <= 3 && !inner && next_is_digit) split = 0; /* "No. 5", "ок. 934", "p. 12" */
            else if (inner && letters <= 4) {                                      /* "U.S.", "U.N.", "a.m." */
                if (!starter) split = 0;
            } else if (ab == CX_ABBREV_WEAK) {
                /* A capitalised weak abbreviation after a lower-case word opens
                 * a name ("the mosquito-borne St. Louis virus"); after a name
                 * it may close the sentence ("on Main St. The house"). */
                if (next_is_digit) split = 0;
                else if (upper && !starter && lower_word_before(p, start, term - wl)) split = 0;
            } else if (ab) {
                /* a month or another abbreviation ends a sentence only when a
                 * function word opens the next one: "Jan. 6", "Gen. Ruiz" */
                char low[64];
                size_t ll = cx_lower(w, wl, low, sizeof low);
                if (!starter || cx_lang_is_honorific(l, low, ll)) split = 0;
            }
        }
        /* a quoted question or exclamation and its attribution are one sentence */
        if (split && end > after_terms && (p[after_terms - 1] == '?' || p[after_terms - 1] == '!') &&
            attribution_follows(l, p + j, n - j))
            split = 0;
        /* Inside a quotation that closes later in this paragraph: keep going, so
         * the quote stays whole with its attribution. */
        if (split && quote_depth > 0 && !wide && (flags & CX_SPLIT_QUOTES_WHOLE)) {
            int closes = 0;
            for (size_t q = j; q < n && q < j + 600;) {
                size_t kq;
                unsigned d = cp_at(p, n, q, &kq);
                if (marks_close(&qm, d) || (d == '\'' && q + 1 < n && p[q + 1] == '\'') ||
                    (d == '"' && q > 0 && p[q - 1] != ' ')) {
                    closes = 1;
                    break;
                }
                if (marks_open(&qm, d)) break; /* another quote opens first: this one was never closed */
                q += kq;
            }
            if (closes) split = 0;
            else quote_depth = 0;
        }
        if (split) {
            if (push_span(&v, &nv, &cap, p, start, end)) goto oom;
            start = j;
            quote_depth = 0;
        }
        i = j;
    }
    if (push_span(&v, &nv, &cap, p, start, n)) goto oom;
    free(items);
    *out = v;
    return (int)nv;
oom:
    free(items);
    free(v);
    return CHORUS_ENOMEM;
}

int cx_sentence_is_statement(const char *s, size_t n)
{
    size_t e = n;
    while (e > 0) {
        size_t b;
        unsigned c = cp_before(s, e, &b);
        if (c == ' ' || is_closer(c) || c == 0x201C || c == 0x201E) e = b; /* closers, German “ too */
        else return c == '.' || c == '!' || c == 0x3002 || c == 0xFF01 || c == 0xFF0E || c == 0xFF61;
    }
    return 0;
}

int cx_split_sentences(const char *p, size_t n, cx_span **out)
{
    return cx_split_sentences_in(cx_lang_get("en"), p, n, out);
}

typedef struct {
    chorus_sentence_fn fn;
    void *ctx;
} emit_ctx;

const char *chorus_detect_language(const char *text, size_t len)
{
    return cx_detect_language(text, len, NULL);
}

int chorus_sentences(const char *text, size_t len, chorus_sentence_fn fn, void *ctx, chorus_error *err)
{
    return chorus_sentences_in(text, len, NULL, fn, ctx, err);
}

int chorus_sentences_in(const char *text, size_t len, const char *lang, chorus_sentence_fn fn, void *ctx,
                        chorus_error *err)
{
    char *norm;
    size_t nlen;
    if (!cx_utf8_valid(text, len, NULL)) return cx_fail(err, CHORUS_EUTF8, "input is not valid UTF-8");
    int rc = cx_normalize(text, len, &norm, &nlen);
    if (rc) return cx_fail(err, rc, "out of memory");
    char **paras;
    const cx_lang *l = cx_lang_get(lang && *lang ? lang : cx_detect_language(norm, nlen, NULL));
    int np = cx_paragraphs(norm, nlen, &paras);
    free(norm);
    if (np < 0) return cx_fail(err, np, "out of memory");
    int count = 0;
    for (int i = 0; i < np && rc == 0; i++) {
        cx_span *sp;
        size_t plen = strlen(paras[i]);
        int ns = cx_split_sentences_opt(l, paras[i], plen, 0, &sp);
        if (ns < 0) {
            rc = cx_fail(err, ns, "out of memory");
            break;
        }
        for (int s = 0; s < ns; s++) {
            char *copy = cx_strndup(paras[i] + sp[s].start, sp[s].end - sp[s].start);
            if (!copy) {
                rc = cx_fail(err, CHORUS_ENOMEM, "out of memory");
                break;
            }
            fn(copy, sp[s].end - sp[s].start, ctx);
            free(copy);
            count++;
        }
        free(sp);
    }
    cx_strings_free(paras, (size_t)np);
    return rc ? rc : count;
}
