/* Sentence trimming: mark deletable spans on whitespace-separated tokens,
 * then copy what is left. Each rule is conservative: when the context is not
 * clearly one of its patterns, the sentence stays as it was. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compress.h"

#define MAX_TOKENS 256
#define MAX_ASIDE_WORDS 6
#define MAX_DATELINE_TOKENS 6

typedef struct {
    size_t start, end; /* bytes of the token */
    size_t core_end;   /* end without trailing , . ; : */
    int quoted;        /* touches a quotation */
} token;

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* The token's core is exactly word (case-insensitive). */
static int core_is(const char *t, const token *k, const char *word)
{
    /* the words are ASCII letters: most tokens differ at the first one */
    if (k->core_end == k->start || ((unsigned char)t[k->start] | 0x20) != ((unsigned char)word[0] | 0x20)) return 0;
    size_t n = strlen(word);
    return k->core_end - k->start == n && !strncasecmp(t + k->start, word, n);
}

static int core_in(const char *t, const token *k, const char *const *words)
{
    for (; *words; words++)
        if (core_is(t, k, *words)) return 1;
    return 0;
}

static int has_comma(const char *t, const token *k) { return k->core_end < k->end && t[k->core_end] == ','; }
static int bare(const token *k) { return k->core_end == k->end; } /* no trailing punctuation */

/* Byte i is inside (or is) a quotation mark pair: ``...'', "...", curly. */
static void mark_quotes(const char *t, size_t n, char *q)
{
    /* most sentences quote nobody: q stays as calloc left it */
    if (!memchr(t, '"', n) && !memchr(t, '`', n) && !memmem(t, n, "''", 2) && !memchr(t, 0xE2, n)) return;
    int depth = 0, straight = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        size_t w = 1;
        int open = 0, close = 0;
        if (c == '`' && i + 1 < n && t[i + 1] == '`') open = 1, w = 2;
        else if (c == '\'' && i + 1 < n && t[i + 1] == '\'') close = 1, w = 2;
        else if (c == '"') straight = !straight, open = straight, close = !straight;
        else if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80) {
            if ((unsigned char)t[i + 2] == 0x9C) open = 1, w = 3;
            else if ((unsigned char)t[i + 2] == 0x9D) close = 1, w = 3;
        }
        if (open) depth++;
        for (size_t k = 0; k < w && i + k < n; k++) q[i + k] = depth > 0 || close;
        if (close && depth > 0) depth--;
        i += w - 1;
    }
}

static int is_punct_end(char c) { return c == ',' || c == '.' || c == ';' || c == ':'; }

static size_t split_tokens(const char *t, size_t n, const char *q, token *tok)
{
    size_t nt = 0, i = 0;
    while (i < n && nt < MAX_TOKENS) {
        while (i < n && t[i] == ' ') i++;
        if (i >= n) break;
        token *k = &tok[nt++];
        k->start = i;
        k->quoted = 0;
        while (i < n && t[i] != ' ') k->quoted |= q[i], i++;
        k->end = i;
        k->core_end = i;
        while (k->core_end > k->start + 1 && is_punct_end(t[k->core_end - 1])) k->core_end--;
    }
    return i < n ? 0 : nt; /* too long to trust: leave it */
}

static void delete_range(char *del, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) del[i] = 1;
}

/* "WASHINGTON (AP) --", "PHNOM PENH, Cambodia _": capitals, then a dash token. */
static void rule_dateline(const char *t, const token *tok, size_t nt, char *del)
{
    if (nt < 3) return;
    size_t caps = 0;
    for (size_t i = tok[0].start; i < tok[0].core_end; i++) {
        if (is_lower(t[i])) return;
        caps += is_upper(t[i]);
    }
    if (caps < 2) return;
    for (size_t k = 1; k < nt - 1 && k <= MAX_DATELINE_TOKENS; k++) {
        const token *d = &tok[k];
        size_t len = d->end - d->start;
        int dash = (len == 2 && !strncmp(t + d->start, "--", 2)) || (len == 1 && t[d->start] == '_') ||
                   (len == 3 && !strncmp(t + d->start, "\xE2\x80\x94", 3));
        if (dash) {
            if (!is_upper(t[tok[k + 1].start]) && t[tok[k + 1].start] != '`' && t[tok[k + 1].start] != '"') return;
            delete_range(del, tok[0].start, tok[k + 1].start);
            return;
        }
        if (tok[k].quoted) return;
    }
}

static const char *const weekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                       "Saturday", "Sunday", NULL};
static const char *const parts_of_day[] = {"morning", "afternoon", "evening", "night", NULL};
/* a weekday after these is part of a larger time expression, not a bare "when" */
static const char *const blockers[] = {"since", "until", "till", "by", "from", "through", "to", "before",
                                       "after", "next", "this", "last", "of", "and", "or", "every", "each",
                                       "that", "the", "a", "between", "following", "past", "for", "until",
                                       "starting", "as", "than", "nor", "but", "even", "only", "just", "at", "late",
                                       "early", NULL};
static const char *const day_names[] = {"Good", "Black", "Super", "Easter", "Ash", "Palm", "Holy", "Bloody",
                                        "Maundy", "Cyber", "Whit", "Shrove", "Fat", "Low", "Big", NULL};
/* a weekday after these participles is what they are about ("a statement released Monday") */
static const char *const participles[] = {"published", "released", "issued", "made", "dated", "broadcast",
                                          "aired", "printed", "posted", "filed", "sent", "delivered",
                                          "signed", "scheduled", "set", "due", "expected", "planned", NULL};
static const char *const days_near[] = {"yesterday", NULL}; /* "today" also means "nowadays" */
static const char *const this_last[] = {"this", "last", NULL};
static const char *const spans[] = {"week", "month", "weekend", NULL};
static const char *const joiners[] = {"and", "or", "through", "to", "nor", NULL};

/* Delete the time phrase tok[first..last] with the punctuation around it
 * mended; head_only when nothing ("on", "early") was added before the time
 * word itself. Leaves the sentence alone where the phrase is not an aside. */
static void delete_phrase(const char *t, const token *tok, size_t nt, size_t first, size_t last, int head_only,
                          char *del)
{
    if (tok[first].quoted || tok[last].quoted) return;
    if (first > 0) {
        const token *pv = &tok[first - 1];
        if (pv->quoted || core_in(t, pv, blockers) || core_in(t, pv, participles)) return;
        /* "Good Friday", "Black Monday": a name, not a date */
        if (head_only && core_in(t, pv, day_names)) return;
        if (t[pv->end - 1] == '(' || t[pv->start] == '(') return;
    }
    if (first == 0) {
        /* leading "On Friday, The ...": needs its comma and a capital after */
        if (!has_comma(t, &tok[last]) || last + 1 >= nt) return;
        char c = t[tok[last + 1].start];
        if (!is_upper(c) && c != '`' && c != '"' && !(unsigned char)(c & 0x80)) return;
        delete_range(del, tok[0].start, tok[last + 1].start);
        return;
    }
    const token *pv = &tok[first - 1];
    /* "released Monday, Sam..." "made Friday, has": a bare weekday closing a phrase may
     * be what that phrase is about; only "on Monday," or ", Monday," are clearly asides */
    if (head_only && has_comma(t, &tok[last]) && !has_comma(t, pv)) return;
    if (has_comma(t, pv) && has_comma(t, &tok[last]))
        delete_range(del, pv->core_end, tok[last].end); /* ", on Monday," -> "" */
    else if (!bare(pv))
        return; /* "...; on Monday", ": Friday" are not asides */
    else
        delete_range(del, pv->end, tok[last].core_end); /* keep the trailing punctuation */
}

/* "said Monday", "on Friday", "early Sunday morning", "On Tuesday, the ...", and
 * the same with "today", "yesterday", "last week", "earlier this month" */
static void rule_weekday(const char *t, const token *tok, size_t nt, char *del)
{
    for (size_t k = 0; k < nt; k++) {
        const token *d = &tok[k];
        if (d->quoted) continue;
        /* every word this rule starts from ends in 'y' (the weekdays, "yesterday")
         * or is "this" or "last" */
        unsigned lc = (unsigned char)t[d->core_end - 1] | 0x20, fc = (unsigned char)t[d->start] | 0x20;
        if (lc != 'y' && fc != 't' && fc != 'l') continue;
        size_t last = k;
        if (!is_upper(t[d->start]) && (core_in(t, d, days_near) ||
                                        (bare(d) && k + 1 < nt && core_in(t, d, this_last) &&
                                         core_in(t, &tok[k + 1], spans) && !tok[k + 1].quoted))) {
            /* "today", "yesterday", "last week", "this month" */
            if (!core_in(t, d, days_near)) last = k + 1;
            if (bare(&tok[last]) && last + 1 < nt && (core_in(t, &tok[last + 1], joiners) || t[tok[last + 1].start] == '('))
                continue;
            size_t first = k;
            if (first > 0 && last > k && (core_is(t, &tok[first - 1], "earlier") || core_is(t, &tok[first - 1], "later")) &&
                bare(&tok[first - 1]))
                first--;
            delete_phrase(t, tok, nt, first, last, first == k, del);
            continue;
        }
        if (!core_in(t, d, weekdays) || !is_upper(t[d->start])) continue;
        if (bare(d) && k + 1 < nt) {
            const token *nx = &tok[k + 1];
            if (core_in(t, nx, parts_of_day) && !nx->quoted) last = k + 1;
            else if (is_upper(t[nx->start]) || is_digit(t[nx->start]) || t[nx->start] == '(' ||
                     (core_in(t, nx, joiners) && k + 2 < nt &&
                      (core_in(t, &tok[k + 2], weekdays) || core_in(t, &tok[k + 2], parts_of_day))))
                continue; /* "Sunday Times", "Monday 12", "Monday and Tuesday" */
        }
        /* a date follows: "Friday, Oct. 16" */
        if (has_comma(t, d) && last == k && k + 1 < nt && is_upper(t[tok[k + 1].start]) &&
            tok[k + 1].core_end - tok[k + 1].start <= 4 && tok[k + 1].core_end < tok[k + 1].end &&
            t[tok[k + 1].core_end] == '.')
            continue;
        size_t first = k;
        if (first > 0 && (core_is(t, &tok[first - 1], "early") || core_is(t, &tok[first - 1], "late")) &&
            bare(&tok[first - 1]))
            first--;
        if (first > 0 && core_is(t, &tok[first - 1], "on") && bare(&tok[first - 1])) first--;
        delete_phrase(t, tok, nt, first, last, first == k, del);
    }
}

/* " (CPP)", " (in London)": a short aside in brackets, outside quotes. */
static void rule_aside(const char *t, size_t n, const char *q, const token *tok, size_t nt, char *del)
{
    (void)tok, (void)nt;
    for (size_t i = 1; i < n; i++) {
        if (t[i] != '(' || t[i - 1] != ' ' || q[i]) continue;
        size_t j = i + 1, words = 1;
        while (j < n && t[j] != ')' && t[j] != '(' && !q[j]) words += t[j] == ' ', j++;
        if (j >= n || t[j] != ')' || words > MAX_ASIDE_WORDS || j == i + 1) continue;
        /* figures in brackets ("0.1 (2.7)") are data, not asides */
        int letters = 0;
        for (size_t m = i + 1; m < j; m++) letters |= is_upper(t[m]) || is_lower(t[m]);
        if (!letters || (i >= 2 && t[i - 2] == '.')) continue;
        /* keep it when it ends the sentence's words: "... in 1998 (estimated)." reads fine either way,
         * but an aside that is the object of the sentence may not */
        if (j + 1 < n && t[j + 1] != ' ' && t[j + 1] != ',' && t[j + 1] != '.' && t[j + 1] != ';') continue;
        delete_range(del, i - 1, j + 1);
        i = j;
    }
}

/* "Augusto Pinochet, 82, was ...", "Rep. Dick Armey, R-Texas, said ..." */
static void rule_age(const char *t, const token *tok, size_t nt, char *del)
{
    for (size_t k = 1; k + 1 < nt; k++) {
        const token *pv = &tok[k - 1], *a = &tok[k];
        if (pv->quoted || a->quoted || !has_comma(t, pv) || !has_comma(t, a) || !is_upper(t[pv->start]))
            continue;
        /* "The congressman, Tony Hall, 56, who": the comma after the tag also closes the
         * name's own apposition (or an inverted "said Rep. X, R-Texas, was"); deleting
         * the tag with both commas would break the sentence */
        int nested = 0;
        for (size_t b = k - 1; b-- > 0 && b + 4 >= k;)
            nested |= has_comma(t, &tok[b]) || core_is(t, &tok[b], "said") || core_is(t, &tok[b], "says");
        if (nested) continue;
        size_t len = a->core_end - a->start;
        /* a US legislator's party and state: "Dick Armey, R-Texas, said" */
        const char *at = t + a->start;
        if (len >= 3 && (at[0] == 'R' || at[0] == 'D' || at[0] == 'I') && at[1] == '-' && is_upper(at[2])) {
            int plain = 1;
            for (size_t i = 2; i < len; i++) plain &= is_upper(at[i]) || is_lower(at[i]) || at[i] == '.';
            if (plain && (is_lower(t[tok[k + 1].start]) || is_upper(t[tok[k + 1].start]))) {
                delete_range(del, pv->core_end, a->end);
                continue;
            }
        }
        if (len < 2 || len > 3) continue;
        int age = 0, ok = 1;
        for (size_t i = a->start; i < a->core_end; i++) ok &= is_digit(t[i]), age = age * 10 + (t[i] - '0');
        if (!ok || age < 10 || age > 110) continue;
        /* "Smith, 45, Jones, 50" lists and "Newman, 42, a physicist" stay */
        static const char *const not_after[] = {"a", "an", "the", "and", "or", NULL};
        if (!is_lower(t[tok[k + 1].start]) || core_in(t, &tok[k + 1], not_after)) continue;
        delete_range(del, pv->core_end, a->end); /* ", 82," -> "" */
    }
}

/* What a sentence holds that some rule needs (a superset: a rule whose
 * trigger is absent cannot delete anything, and each rule reads only the
 * text, never another's deletions, so skipping it changes nothing). */
enum { NEED_COPY = 1, NEED_DATELINE = 2, NEED_WEEKDAY = 4, NEED_ASIDE = 8, NEED_AGE = 16 };

/* Whether the word t[a..e) ends in suffix (ASCII, any case). */
static int ends_in(const char *t, size_t a, size_t e, const char *suffix)
{
    size_t m = strlen(suffix);
    if (e - a < m) return 0;
    for (size_t i = 0; i < m; i++)
        if (((unsigned char)t[e - m + i] | 0x20) != (unsigned char)suffix[i]) return 0;
    return 1;
}

static unsigned triggers(const char *t, size_t n)
{
    if (!n) return 0;
    unsigned need = 0;
    /* the copy closes up leading, trailing and double spaces */
    if (t[0] == ' ' || t[n - 1] == ' ') need |= NEED_COPY;
    size_t i = 0;
    while (i < n && t[i] == ' ') i++;
    /* word by word, as the rules split them: only a word's ends are read */
    for (size_t w = 0; i < n; w++) {
        const char *sp = memchr(t + i, ' ', n - i);
        size_t e = sp ? (size_t)(sp - t) : n, core = e;
        if (i > 0 && t[i] == '(') need |= NEED_ASIDE; /* " (CPP)" */
        while (core > i + 1 && is_punct_end(t[core - 1])) core--;
        if (!w) { /* dateline: a first word of capitals ("WASHINGTON", "U.S.") */
            size_t caps = 0;
            int lower = 0;
            for (size_t k = i; k < e; k++) caps += is_upper(t[k]), lower |= is_lower(t[k]);
            if (caps >= 2 && !lower) need |= NEED_DATELINE;
        }
        /* Monday ... Sunday, yesterday; this week, last month, weekend */
        switch ((unsigned char)t[core - 1] | 0x20) {
        case 'y': need |= ends_in(t, i, core, "day") ? NEED_WEEKDAY : 0; break;
        case 'k': need |= ends_in(t, i, core, "week") ? NEED_WEEKDAY : 0; break;
        case 'h': need |= ends_in(t, i, core, "month") ? NEED_WEEKDAY : 0; break;
        case 'd': need |= ends_in(t, i, core, "weekend") ? NEED_WEEKDAY : 0; break;
        }
        size_t next = e;
        while (next < n && t[next] == ' ') next++;
        if (next > e + 1) need |= NEED_COPY;
        if (next < n) {
            char c = t[next];
            /* an age or a party tag in apposition: ", 82,", ", R-Texas," */
            if (core < e && t[core] == ',' && (is_digit(c) || c == 'R' || c == 'D' || c == 'I')) need |= NEED_AGE;
        }
        i = next;
    }
    return need;
}

int cx_compress_may_trim(const char *t, size_t n) { return triggers(t, n) != 0; }

size_t cx_compress_sentence(const char *text, size_t len, char *out) { return cx_compress_sentence_del(text, len, out, NULL); }

size_t cx_compress_sentence_del(const char *text, size_t len, char *out, unsigned char *deleted)
{
    unsigned need = triggers(text, len);
    if (deleted) memset(deleted, 0, len);
    if (!need) {
        memcpy(out, text, len);
        out[len] = '\0';
        return len;
    }
    char *q = calloc(2 * (len + 1), 1), *del = q ? q + len + 1 : NULL;
    if (!q) { /* no room to look: the sentence as it is */
        memcpy(out, text, len);
        out[len] = '\0';
        return len;
    }
    token tok[MAX_TOKENS];
    mark_quotes(text, len, q);
    size_t nt = split_tokens(text, len, q, tok);
    if (nt) {
        if (need & NEED_DATELINE) rule_dateline(text, tok, nt, del);
        if (need & NEED_WEEKDAY) rule_weekday(text, tok, nt, del);
        if (need & NEED_ASIDE) rule_aside(text, len, q, tok, nt, del);
        if (need & NEED_AGE) rule_age(text, tok, nt, del);
    }
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (del[i]) continue;
        if (text[i] == ' ' && (o == 0 || out[o - 1] == ' ')) continue; /* no double or leading space */
        out[o++] = text[i];
    }
    while (o && out[o - 1] == ' ') o--;
    /* a deletion must leave a sentence: if it did not, keep the original */
    if (!o || !nt) {
        memcpy(out, text, len);
        o = len;
    } else if (deleted)
        memcpy(deleted, del, len);
    out[o] = '\0';
    free(q);
    return o;
}
