/* Sentence splitting fit for news.
 *
 * A boundary is a run of . ! ? (or an ellipsis) with any closing quotes and
 * brackets, then a space, then something that can start a sentence. The
 * boundary is withdrawn when the word before the period is a title or
 * abbreviation (Gen., Brig., Sgt., Dr., Jan. 6), an initial (William H. Seely),
 * or a dotted acronym used as a modifier (U.S. Army), and when the boundary
 * falls inside a quotation that closes later in the same paragraph, so a quote
 * of two sentences stays with its attribution. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "text.h"
#include "util.h"

/* Abbreviations that are followed by a name or number, so a period after them
 * is not a sentence end (lower-case, without the period). */
static const char *const TITLE_ABBREVS[] = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "brig", "lt", "col", "maj", "capt", "cpt", "sgt",
    "cpl", "pvt", "adm", "cmdr", "cdr", "gov", "sen", "rep", "reps", "sens", "pres", "rev",
    "fr", "st", "mt", "ft", "hon", "supt", "insp", "det", "gens", "messrs", "mme", "mlle",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "nos", "vs", "v", "p", "pp", "vol", "ch", "art", "fig", "approx", "ca", "cf", "e.g", "i.e",
    "jr", "sr", "inc", "corp", "co", "ltd", "bros", "ave", "blvd", "rd", "dept", "univ", "assn",
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky",
    "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa",
    "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "est", "etc",
};

/* Abbreviations that also end sentences often: only withdrawn before a
 * lower-case word or a number. */
static const char *const WEAK_ABBREVS[] = {"inc", "corp", "co", "ltd", "jr", "sr", "etc", "no",
                                           "st", "wash", "la", "ind", "ill", "miss", "mass", "est"};

static int in_list(const char *const *list, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i], w)) return 1;
    return 0;
}

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

static int is_close_quote(unsigned c) { return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == 0xBB || c == 0x203A; }
static int is_open_quote(unsigned c) { return c == '"' || c == 0x201C || c == 0x2018 || c == 0xAB || c == '`' || c == 0x2039; }
static int is_closer(unsigned c) { return is_close_quote(c) || c == ')' || c == ']'; }

/* The word (letters and inner periods) ending at position end (exclusive,
 * end is the index of the final period), lower-cased into w. */
static void word_before(const char *s, size_t end, char *w, size_t cap, int *n_letters, int *has_inner_dot,
                        int *first_upper)
{
    size_t b = end;
    while (b > 0 && (((unsigned char)s[b - 1] >= 0x80) || isalpha((unsigned char)s[b - 1]) || s[b - 1] == '.'))
        b--;
    while (b < end && s[b] == '.') b++;
    size_t n = end - b, o = 0;
    *n_letters = 0;
    *has_inner_dot = 0;
    *first_upper = n && isupper((unsigned char)s[b]);
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        char c = s[b + i];
        if (c == '.') *has_inner_dot = 1;
        else (*n_letters)++;
        w[o++] = (char)cx_ascii_lower((unsigned char)c);
    }
    w[o] = '\0';
}

/* Words that start a new sentence after "U.S." rather than continue a name. */
static int sentence_starter(const char *s, size_t n)
{
    char low[32];
    size_t i = 0;
    while (i < n && i < sizeof low - 1 && isalpha((unsigned char)s[i])) {
        low[i] = (char)cx_ascii_lower((unsigned char)s[i]);
        i++;
    }
    low[i] = '\0';
    static const char *const starters[] = {
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those",
        "but", "and", "or", "in", "on", "at", "for", "however", "there", "his", "her", "their", "its",
        "our", "as", "if", "when", "while", "after", "before", "some", "many", "most", "all", "both",
        "officials", "meanwhile", "still", "yet", "so", "then", "asked", "according"};
    for (size_t k = 0; k < sizeof starters / sizeof *starters; k++)
        if (!strcmp(low, starters[k])) return 1;
    return 0;
}

/* After a quoted question or exclamation, a name and a verb of saying
 * continue the sentence: "What now?" Smith asked. Looks at most five words
 * ahead from s for the verb, every word before it capitalized. */
static int attribution_follows(const char *s, size_t n)
{
    static const char *const cues[] = {"said", "says", "asked", "asks", "told", "added", "replied", "wondered",
                                       "shouted", "yelled", "cried", "exclaimed", "wrote", "tweeted", "demanded"};
    size_t i = 0;
    for (int w = 0; w < 6 && i < n; w++) {
        size_t b = i;
        while (i < n && s[i] != ' ' && s[i] != ',' && s[i] != '.' && s[i] != '\n') i++;
        size_t len = i - b;
        if (!len) return 0;
        char low[16];
        if (len < sizeof low) {
            for (size_t k = 0; k < len; k++) low[k] = (char)cx_ascii_lower((unsigned char)s[b + k]);
            low[len] = '\0';
            for (size_t k = 0; k < sizeof cues / sizeof *cues; k++)
                if (!strcmp(low, cues[k])) return w > 0;
        }
        if (!isupper((unsigned char)s[b])) return 0;
        if (i < n && s[i] == '.') i++; /* "Mr." */
        if (i >= n || s[i] != ' ') return 0;
        i++;
    }
    return 0;
}

typedef struct {
    size_t end;  /* end of the sentence including closers */
    size_t next; /* start of the next sentence */
} boundary;

int cx_split_sentences(const char *p, size_t n, cx_span **out)
{
    *out = NULL;
    cx_span *v = NULL;
    size_t nv = 0, cap = 0;
    size_t start = 0;
    while (start < n && p[start] == ' ') start++;
    int quote_depth = 0; /* open double quotes since the sentence start */
    for (size_t i = start; i < n;) {
        size_t k;
        unsigned c = cp_at(p, n, i, &k);
        if (c == 0x201C || c == 0xAB || (c == '`' && i + 1 < n && p[i + 1] == '`')) quote_depth++;
        else if (c == 0x201D || c == 0xBB || (c == '\'' && i + 1 < n && p[i + 1] == '\'' && quote_depth > 0))
            quote_depth = quote_depth > 0 ? quote_depth - 1 : 0;
        else if (c == '"') {
            /* straight quote: opening when preceded by space or start, else closing */
            int opening = i == 0 || p[i - 1] == ' ' || p[i - 1] == '(' || p[i - 1] == '[';
            if (opening) quote_depth++;
            else if (quote_depth > 0) quote_depth--;
        }
        if (c != '.' && c != '!' && c != '?' && c != 0x2026) {
            i += k;
            continue;
        }
        size_t term = i; /* first terminator */
        size_t j = i;
        while (j < n) { /* run of terminators (and dots of an ellipsis) */
            size_t k2;
            unsigned d = cp_at(p, n, j, &k2);
            if (d == '.' || d == '!' || d == '?' || d == 0x2026) j += k2;
            else break;
        }
        size_t after_terms = j;
        while (j < n) {
            size_t k2;
            unsigned d = cp_at(p, n, j, &k2);
            if (!is_closer(d)) break;
            if (d == 0x201D || d == 0xBB || d == '"' || (d == '\'' && j + 1 < n && p[j + 1] == '\''))
                quote_depth = quote_depth > 0 ? quote_depth - 1 : 0;
            if (d == '\'' && j + 1 < n && p[j + 1] == '\'') k2 = 2;
            j += k2;
        }
        size_t end = j;
        if (j >= n || p[j] != ' ') { /* no space after: "U.S.-led", "3.5", "Yahoo!com" */
            i = j > i ? j : i + k;
            continue;
        }
        while (j < n && p[j] == ' ') j++;
        if (j >= n) break;
        size_t k3;
        unsigned nx = cp_at(p, n, j, &k3);
        /* What may start a sentence: a capital, a digit, an opening quote or bracket. */
        int can_start = u_isupper((UChar32)nx) || u_istitle((UChar32)nx) || (nx >= '0' && nx <= '9') ||
                        is_open_quote(nx) || nx == '(' || nx == '[' || nx == 0x2014 || nx == '-' ||
                        (!u_islower((UChar32)nx) && u_isalpha((UChar32)nx));
        int split = can_start;
        /* A period right after a word: check for abbreviations and initials. */
        if (split && p[term] == '.' && after_terms == term + 1 && term > 0 && p[term - 1] != ' ') {
            char w[48];
            int letters, inner, upper;
            word_before(p, term, w, sizeof w, &letters, &inner, &upper);
            int next_is_digit = nx >= '0' && nx <= '9';
            /* a lone abbreviation is not a sentence: "U.S. Has No Plans..." */
            size_t words_so_far = cx_word_count(p + start, term - start);
            if (words_so_far <= 1 && (inner || letters <= 3)) split = 0;
            else if (letters == 1 && upper && !inner) split = 0; /* initial: "H. Seely" */
            else if (upper && letters <= 3 && !inner && next_is_digit) split = 0; /* "No. 5", "Ep. 55" */
            else if (inner && letters <= 4) {               /* "U.S.", "U.N.", "a.m." */
                if (!is_open_quote(nx) && !sentence_starter(p + j, n - j)) split = 0;
            } else if (w[0] && in_list(TITLE_ABBREVS, sizeof TITLE_ABBREVS / sizeof *TITLE_ABBREVS, w)) {
                int weak = in_list(WEAK_ABBREVS, sizeof WEAK_ABBREVS / sizeof *WEAK_ABBREVS, w);
                if (!weak || next_is_digit) split = 0;
                /* a month or "No." ends a sentence only if no number follows */
                if (!weak && !next_is_digit && strlen(w) <= 4 &&
                    (strstr("jan feb mar apr jun jul aug sep sept oct nov dec", w) != NULL) &&
                    sentence_starter(p + j, n - j))
                    split = 1;
            }
        }
        /* a quoted question or exclamation and its attribution are one sentence */
        if (split && end > after_terms && (p[after_terms - 1] == '?' || p[after_terms - 1] == '!') &&
            attribution_follows(p + j, n - j))
            split = 0;
        /* Inside a quotation that closes later in this paragraph: keep going, so
         * the quote stays whole with its attribution. */
        if (split && quote_depth > 0) {
            int closes = 0;
            for (size_t q = j; q < n && q < j + 600;) {
                size_t kq;
                unsigned d = cp_at(p, n, q, &kq);
                if (d == 0x201D || d == 0xBB || (d == '\'' && q + 1 < n && p[q + 1] == '\'' ) ||
                    (d == '"' && q > 0 && p[q - 1] != ' ')) {
                    closes = 1;
                    break;
                }
                if (d == 0x201C) break; /* another quote opens first: this one was never closed */
                q += kq;
            }
            if (closes) split = 0;
            else quote_depth = 0;
        }
        if (split) {
            cx_span sp = {start, end};
            if (CX_PUSH(v, nv, cap, sp)) {
                free(v);
                return CHORUS_ENOMEM;
            }
            start = j;
            quote_depth = 0;
        }
        i = j;
    }
    size_t e = n;
    while (e > start && p[e - 1] == ' ') e--;
    if (e > start) {
        cx_span sp = {start, e};
        if (CX_PUSH(v, nv, cap, sp)) {
            free(v);
            return CHORUS_ENOMEM;
        }
    }
    *out = v;
    return (int)nv;
}

typedef struct {
    chorus_sentence_fn fn;
    void *ctx;
} emit_ctx;

int chorus_sentences(const char *text, size_t len, chorus_sentence_fn fn, void *ctx, chorus_error *err)
{
    char *norm;
    size_t nlen;
    if (!cx_utf8_valid(text, len, NULL)) return cx_fail(err, CHORUS_EUTF8, "input is not valid UTF-8");
    int rc = cx_normalize(text, len, &norm, &nlen);
    if (rc) return cx_fail(err, rc, "out of memory");
    char **paras;
    int np = cx_paragraphs(norm, nlen, &paras);
    free(norm);
    if (np < 0) return cx_fail(err, np, "out of memory");
    int count = 0;
    for (int i = 0; i < np && rc == 0; i++) {
        cx_span *sp;
        size_t plen = strlen(paras[i]);
        int ns = cx_split_sentences(paras[i], plen, &sp);
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
