/* Porter stemmer, ROUGE-1.5.5 variant (see porter.h). The measure tests are
 * regular expressions over character classes, so they are kept as POSIX
 * regular expressions: a yes/no match means the same in POSIX and Perl. */
#include "porter.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Consonant run, vowel run (y may open either), as the measure tests use. */
#define CONS "[^aeiou][^aeiouy]*"
#define VOWS "[aeiouy][aeiou]*"

enum { RX_MGR0, RX_MEQ1, RX_MGR1, RX_HAS_VOWEL, RX_CVC, RX_COUNT };

static const char *const rx_source[RX_COUNT] = {
    "^(" CONS ")?" VOWS CONS,                        /* measure > 0 */
    "^(" CONS ")?" VOWS CONS "(" VOWS ")?$",         /* measure == 1 */
    "^(" CONS ")?" VOWS CONS VOWS CONS,              /* measure > 1 */
    "^(" CONS ")?[aeiouy]",                          /* stem has a vowel */
    "^" CONS "[aeiouy][^aeiouwxy]$",                 /* short consonant-vowel-consonant word */
};

struct cx_porter {
    regex_t rx[RX_COUNT];
};

typedef struct {
    const char *suffix;
    const char *replacement;
} rule;

static const rule step2_rules[] = {
    {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"},
    {"izer", "ize"},    {"bli", "ble"},     {"alli", "al"},   {"entli", "ent"},
    {"eli", "e"},       {"ousli", "ous"},   {"ization", "ize"}, {"ation", "ate"},
    {"ator", "ate"},    {"alism", "al"},    {"iveness", "ive"}, {"fulness", "ful"},
    {"ousness", "ous"}, {"aliti", "al"},    {"iviti", "ive"}, {"biliti", "ble"},
    {"logi", "log"},
};

static const rule step3_rules[] = {
    {"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
    {"ical", "ic"},  {"ful", ""},   {"ness", ""},
};

static const char *const step4_suffixes[] = {
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement",
    "ou", "ism", "ate", "iti", "ous", "ive", "ize",
};

cx_porter *cx_porter_new(void)
{
    cx_porter *p = cx_calloc(1, sizeof *p);
    if (!p) return NULL;
    for (int i = 0; i < RX_COUNT; i++) {
        if (regcomp(&p->rx[i], rx_source[i], REG_EXTENDED | REG_NOSUB) != 0) {
            for (int j = 0; j < i; j++) regfree(&p->rx[j]);
            free(p);
            return NULL;
        }
    }
    return p;
}

void cx_porter_free(cx_porter *p)
{
    if (!p) return;
    for (int i = 0; i < RX_COUNT; i++) regfree(&p->rx[i]);
    free(p);
}

/* The word being stemmed: a NUL-terminated buffer with room to grow by 1. */
typedef struct {
    char *s;
    size_t n;
} word;

static int ends_with(const word *w, const char *suffix)
{
    size_t k = strlen(suffix);
    return k <= w->n && memcmp(w->s + w->n - k, suffix, k) == 0;
}

static void truncate_to(word *w, size_t n)
{
    w->n = n;
    w->s[n] = '\0';
}

static void append(word *w, const char *tail)
{
    size_t k = strlen(tail);
    memcpy(w->s + w->n, tail, k + 1);
    w->n += k;
}

/* Does the first n bytes of w match the test? (temporarily cut there) */
static int prefix_matches(const cx_porter *p, int test, word *w, size_t n)
{
    char saved = w->s[n];
    w->s[n] = '\0';
    int hit = regexec(&p->rx[test], w->s, 0, NULL, 0) == 0;
    w->s[n] = saved;
    return hit;
}

/* A suffix alternation anchored at the end matches its earliest-starting,
 * i.e. longest, member; only that one is tried. */
static const char *longest_suffix(const word *w, const void *first, size_t count, size_t stride,
                                  size_t *index)
{
    const char *best = NULL;
    for (size_t i = 0; i < count; i++) {
        const char *s = *(const char *const *)((const char *)first + i * stride);
        if (ends_with(w, s) && (!best || strlen(s) > strlen(best))) {
            best = s;
            *index = i;
        }
    }
    return best;
}

static void apply_rules(const cx_porter *p, word *w, const rule *rules, size_t count)
{
    size_t idx = 0;
    const char *suffix = longest_suffix(w, &rules[0].suffix, count, sizeof *rules, &idx);
    if (!suffix) return;
    size_t stem = w->n - strlen(suffix);
    if (prefix_matches(p, RX_MGR0, w, stem)) {
        truncate_to(w, stem);
        append(w, rules[idx].replacement);
    }
}

static void drop_suffix_if_mgr1(const cx_porter *p, word *w, size_t suffix_len)
{
    size_t stem = w->n - suffix_len;
    if (prefix_matches(p, RX_MGR1, w, stem)) truncate_to(w, stem);
}

size_t cx_porter_stem(const cx_porter *p, const char *in, size_t n, char *out)
{
    memcpy(out, in, n);
    out[n] = '\0';
    if (n < 3) return n;
    word w = {out, n};
    int initial_y = out[0] == 'y';
    if (initial_y) out[0] = 'Y'; /* an initial y is never a vowel */

    /* Step 1a: plurals. */
    if (ends_with(&w, "sses") || ends_with(&w, "ies")) truncate_to(&w, w.n - 2);
    else if (w.n >= 2 && w.s[w.n - 1] == 's' && w.s[w.n - 2] != 's') truncate_to(&w, w.n - 1);

    /* Step 1b: -eed, -ed, -ing. */
    if (ends_with(&w, "eed")) {
        if (prefix_matches(p, RX_MGR0, &w, w.n - 3)) truncate_to(&w, w.n - 1);
    } else if (ends_with(&w, "ed") || ends_with(&w, "ing")) {
        size_t stem = w.n - (ends_with(&w, "ed") ? 2 : 3);
        if (prefix_matches(p, RX_HAS_VOWEL, &w, stem)) {
            truncate_to(&w, stem);
            if (ends_with(&w, "at") || ends_with(&w, "bl") || ends_with(&w, "iz")) {
                append(&w, "e");
            } else if (w.n >= 2 && w.s[w.n - 1] == w.s[w.n - 2] &&
                       !strchr("aeiouylsz", w.s[w.n - 1])) {
                truncate_to(&w, w.n - 1);
            } else if (prefix_matches(p, RX_CVC, &w, w.n)) {
                append(&w, "e");
            }
        }
    }

    /* Step 1c: y -> i after a vowel-bearing stem. */
    if (w.n >= 1 && w.s[w.n - 1] == 'y' && prefix_matches(p, RX_HAS_VOWEL, &w, w.n - 1))
        w.s[w.n - 1] = 'i';

    /* Steps 2 and 3: double and single suffixes. */
    apply_rules(p, &w, step2_rules, sizeof step2_rules / sizeof *step2_rules);
    apply_rules(p, &w, step3_rules, sizeof step3_rules / sizeof *step3_rules);

    /* Step 4, as ROUGE changed it: the list, then -ment, then -ent or -ion. */
    size_t idx = 0;
    const char *suffix = longest_suffix(&w, &step4_suffixes[0],
                                        sizeof step4_suffixes / sizeof *step4_suffixes,
                                        sizeof *step4_suffixes, &idx);
    if (suffix) drop_suffix_if_mgr1(p, &w, strlen(suffix));
    if (ends_with(&w, "ment")) drop_suffix_if_mgr1(p, &w, 4);
    if (ends_with(&w, "ent")) {
        drop_suffix_if_mgr1(p, &w, 3);
    } else if (ends_with(&w, "sion") || ends_with(&w, "tion")) {
        drop_suffix_if_mgr1(p, &w, 3); /* the s or t stays */
    }

    /* Step 5: final e, and ll -> l. */
    if (w.n >= 1 && w.s[w.n - 1] == 'e') {
        size_t stem = w.n - 1;
        if (prefix_matches(p, RX_MGR1, &w, stem) ||
            (prefix_matches(p, RX_MEQ1, &w, stem) && !prefix_matches(p, RX_CVC, &w, stem)))
            truncate_to(&w, stem);
    }
    if (ends_with(&w, "ll") && prefix_matches(p, RX_MGR1, &w, w.n)) truncate_to(&w, w.n - 1);

    if (initial_y) w.s[0] = 'y';
    return w.n;
}
