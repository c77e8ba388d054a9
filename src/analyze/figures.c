/* Figures and disagreements (see figures.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entities.h"
#include "figures.h"
#include "util.h"

/* Reports of one count rarely differ by more than half; a group with
 * more values than this is several things mixed. */
#define CX_FIG_MAX_RATIO 1.5
#define CX_FIG_MAX_VALUES 3

/* 1 + the index of w in list, or 0 */
#define IN(list, w, n) cx_lexicon_find(&list##_lex, w, n)

/* ---- numbers ----------------------------------------------------------------- */

static double number_word(const char *w, size_t n)
{
    static const char *const units[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                                        "sixteen", "seventeen", "eighteen", "nineteen"};
    CX_LEXICON_OF(units);
    static const char *const tens[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    CX_LEXICON_OF(tens);
    int k;
    if ((k = IN(units, w, n))) return k - 1;
    if ((k = IN(tens, w, n))) return (k + 1) * 10;
    if (n == 5 && !memcmp(w, "dozen", 5)) return 12;
    /* "twenty-five" */
    const char *dash = memchr(w, '-', n);
    if (dash) {
        double a = number_word(w, (size_t)(dash - w)), b = number_word(dash + 1, n - (size_t)(dash - w) - 1);
        if (a >= 20 && b >= 1 && b <= 9) return a + b;
    }
    return -1;
}

static double scale_word(const char *w, size_t n)
{
    static const char *const sc[] = {"hundred", "thousand", "million", "billion", "trillion"};
    CX_LEXICON_OF(sc);
    static const double mult[] = {1e2, 1e3, 1e6, 1e9, 1e12};
    int k = IN(sc, w, n);
    return k ? mult[k - 1] : 0;
}

/* Digits with thousands commas and a decimal point: "5,000", "5.2". */
static size_t parse_digits(const char *s, size_t n, double *v)
{
    size_t i = 0;
    double x = 0;
    while (i < n && ((s[i] >= '0' && s[i] <= '9') ||
                     (s[i] == ',' && i + 3 < n + 1 && i > 0 && s[i + 1] >= '0' && s[i + 1] <= '9'))) {
        if (s[i] != ',') x = x * 10 + (s[i] - '0');
        i++;
    }
    if (!i) return 0;
    if (i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
        double f = 0.1;
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') x += (s[i++] - '0') * f, f /= 10;
    }
    *v = x;
    return i;
}

size_t cx_parse_number(const char *s, size_t n, double *value)
{
    cx_wtok *t;
    int nt = cx_wtokenize(s, n, &t);
    if (nt <= 0) return 0;
    char w[40];
    size_t used = 0;
    double v = -1;
    size_t l = cx_lower_word(s + t[0].start, t[0].end - t[0].start, w, sizeof w);
    if (t[0].kind == CX_W_WORD && parse_digits(w, l, &v) == l) used = t[0].end;
    else if (t[0].kind == CX_W_WORD && (v = number_word(w, l)) >= 0)
        used = t[0].end;
    for (int i = 1; used && i < nt && i < 4; i++) {
        l = cx_lower_word(s + t[i].start, t[i].end - t[i].start, w, sizeof w);
        double m = scale_word(w, l);
        if (!m) break;
        v *= m, used = t[i].end;
    }
    free(t);
    if (used) *value = v;
    return used;
}

/* ---- lexicons ------------------------------------------------------------------ */

/* Counted nouns that name the same class of thing; the first of each row
 * is the class name. */
static const char *noun_class_of(const char *w, size_t n)
{
    static const char *const rows[][10] = {
        {"troops", "troop", "soldiers", "soldier", "forces", "personnel", "servicemen", "marines", "service", NULL},
        {"people", "persons", "civilians", "residents", "individuals", NULL},
        {"deaths", "dead", "killed", "fatalities", "lives", "bodies", NULL},
        {"injured", "wounded", "injuries", "casualties", NULL},
        {"years", "year", NULL},
        {"months", "month", NULL},
        {"days", "day", NULL},
        {"countries", "country", "nations", "states", NULL},
        {"sites", "site", "targets", "locations", NULL},
        {"votes", "vote", "ballots", NULL},
        {"dollars", "dollar", "usd", NULL},
        {"percent", "per", "%", NULL},
    };
    for (size_t r = 0; r < sizeof rows / sizeof *rows; r++)
        for (size_t k = 0; rows[r][k]; k++)
            if (strlen(rows[r][k]) == n && !memcmp(rows[r][k], w, n)) return rows[r][0];
    return NULL;
}

static int is_time_class(const char *c)
{
    return c && (!strcmp(c, "years") || !strcmp(c, "months") || !strcmp(c, "days"));
}

/* One spelling for a country adjective and its abbreviation. */
static void canon_modifier(char *w)
{
    static const char *const us[] = {"us", "u.s", "u.s.", "american", "america", "united"};
    CX_LEXICON_OF(us);
    if (IN(us, w, strlen(w))) strcpy(w, "us");
}

static int month_of(const char *w, size_t n)
{
    static const char *const m[] = {"january", "february", "march", "april", "may", "june", "july", "august",
                                    "september", "october", "november", "december"};
    CX_LEXICON_OF(m);
    static const char *const a[] = {"jan.", "feb.", "mar.", "apr.", "may", "jun.", "jul.", "aug.", "sep.", "oct.",
                                    "nov.", "dec."};
    CX_LEXICON_OF(a);
    int k = IN(m, w, n);
    if (!k) k = IN(a, w, n);
    if (!k && n == 5 && !memcmp(w, "sept.", 5)) k = 9;
    if (!k && n >= 3 && n <= 4) { /* "Jan" without the dot */
        char b[8];
        memcpy(b, w, n), b[n] = '.', b[n + 1] = '\0';
        k = IN(a, b, n + 1);
    }
    return k;
}

static int weekday_of(const char *w, size_t n)
{
    static const char *const d[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    CX_LEXICON_OF(d);
    return IN(d, w, n);
}

/* Whether a lower-case word may start a date or a number: digits, a
 * hyphenated word ("twenty-five"), or a word of month_of, weekday_of or
 * number_word. Every other word is passed over at once. */
static int may_be_figure(const char *w, size_t n)
{
    static const char *const f[] = {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "oct.", "nov.",
        "dec.", "sept.", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "zero", "one", "two", "three",
        "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty",
        "seventy", "eighty", "ninety", "dozen"};
    CX_LEXICON_OF(f);
    return (n && w[0] >= '0' && w[0] <= '9') || memchr(w, '-', n) || IN(f, w, n);
}

static int ascii_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Whether some word of a text may pass may_be_figure, read without
 * tokenizing: a digit, a hyphen, or a run of letters (whole, as a word
 * of the lexicon is one) that the lexicon holds with its dot left off. */
static int text_may_have_figure(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= '0' && c <= '9') || c == '-') return 1;
        if (!ascii_letter(c)) {
            i++;
            continue;
        }
        char low[10];
        size_t k = 0;
        for (; i < n && ascii_letter((unsigned char)s[i]); i++, k++)
            if (k < sizeof low) low[k] = (char)(s[i] | 0x20);
        if (k <= sizeof low && (may_be_figure(low, k) || (k == 4 && !memcmp(low, "sept", 4)))) return 1;
    }
    return 0;
}

/* ---- figures of a sentence -------------------------------------------------------- */

void cx_figures_free(cx_figure *f, size_t n)
{
    if (!f) return;
    for (size_t i = 0; i < n; i++) free(f[i].text), free(f[i].noun_class), free(f[i].modifier);
    free(f);
}

static size_t tlow(const char *s, const cx_wtok *t, char *b, size_t cap)
{
    return cx_lower_word(s + t->start, t->end - t->start, b, cap);
}

static int tok_is(const char *s, const cx_wtok *t, int nt, int i, const char *w)
{
    if (i < 0 || i >= nt || t[i].kind != CX_W_WORD) return 0;
    char b[40];
    size_t n = tlow(s, &t[i], b, sizeof b);
    return n == strlen(w) && !memcmp(b, w, n);
}

/* The class of the last counted noun of the lexicon in [a, b) of text, or NULL. */
static const char *class_in(const char *text, size_t len, const char **noun_start)
{
    cx_wtok *t;
    int nt = cx_wtokenize(text, len, &t);
    const char *cls = NULL;
    for (int i = 0; i < nt; i++) {
        if (t[i].kind != CX_W_WORD) continue;
        char b[40];
        size_t n = tlow(text, &t[i], b, sizeof b);
        const char *c = noun_class_of(b, n);
        if (c && !is_time_class(c) && strcmp(c, "percent") && strcmp(c, "dollars")) {
            cls = c;
            if (noun_start) *noun_start = text + t[i].start;
        }
    }
    if (nt > 0) free(t);
    return cls;
}

static int push_fig(cx_figure **out, size_t *n, size_t *cap, cx_figure *f)
{
    if (!f->text || !f->noun_class || !f->modifier || CX_PUSH(*out, *n, *cap, *f)) {
        free(f->text), free(f->noun_class), free(f->modifier);
        return CHORUS_ENOMEM;
    }
    return 0;
}

int cx_figures_of_sentence(const cx_story *s, int doc, int sent, cx_figure **out, size_t *n_out, size_t *cap)
{
    const cx_sent *st = &s->docs[doc].sents[sent];
    const char *text = st->text;
    if (!text_may_have_figure(text, st->len)) return 0; /* most sentences: no token to look at */
    cx_wtok *t;
    int nt = cx_wtokenize(text, st->len, &t);
    if (nt < 0) return nt;
    int rc = 0;
    char w[64];
    for (int i = 0; i < nt && !rc; i++) {
        if (t[i].kind != CX_W_WORD) continue;
        size_t l = tlow(text, &t[i], w, sizeof w);
        if (!may_be_figure(w, l)) continue;
        /* dates: "Jan. 6", "January 6", "Monday" */
        int mo = month_of(w, l), wd = weekday_of(w, l);
        double day;
        if (mo && i + 1 < nt && t[i + 1].kind == CX_W_WORD) {
            char b[16];
            size_t bl = tlow(text, &t[i + 1], b, sizeof b);
            if (parse_digits(b, bl, &day) == bl && day >= 1 && day <= 31) {
                cx_figure f = {doc, sent, CX_FIG_DATE, mo * 100 + day, 0, 0, NULL, NULL, NULL, 0};
                f.text = cx_strndup(text + t[i].start, t[i + 1].end - t[i].start);
                f.noun_class = cx_strdup("date"), f.modifier = cx_strdup("");
                rc = push_fig(out, n_out, cap, &f);
                i++;
                continue;
            }
        }
        if (wd && t[i].cap) {
            cx_figure f = {doc, sent, CX_FIG_DATE, wd, 0, 0, NULL, NULL, NULL, 0};
            f.text = cx_strndup(text + t[i].start, t[i].end - t[i].start);
            f.noun_class = cx_strdup("weekday"), f.modifier = cx_strdup("");
            rc = push_fig(out, n_out, cap, &f);
            continue;
        }
        double v;
        int digits = parse_digits(w, l, &v) == l;
        if (!digits && (v = number_word(w, l)) < 0) continue;
        if (!digits && (v == 1 || v == 0)) continue; /* "one of", "no one": not a figure */
        int a = i, e = i + 1;
        while (e < nt && t[e].kind == CX_W_WORD) {
            char b[16];
            double m = scale_word(b, tlow(text, &t[e], b, sizeof b));
            if (!m) break;
            v *= m, e++;
        }
        /* a number that is part of a name, a year or a time is no count */
        if (i > 0 && t[i - 1].kind == CX_W_WORD && t[i - 1].cap) {
            char b[24];
            size_t bl = tlow(text, &t[i - 1], b, sizeof b);
            static const char *const ok[] = {"some", "around", "about", "nearly", "roughly", "over", "almost",
                                             "only", "just", "approximately", "all", "the", "at", "by", "with",
                                             "more", "fewer", "less", "up", "than"};
            CX_LEXICON_OF(ok);
            if (!IN(ok, b, bl) && !month_of(b, bl)) continue;
        }
        if (digits && v >= 1900 && v <= 2100 && e - i == 1 && l == 4) continue;
        if (i + 1 < nt && t[i + 1].kind == CX_W_PUNCT && text[t[i + 1].start] == ':') continue; /* 10:30 */
        int hedged = 0, bound = 0;
        if (a > 0) {
            char b[24];
            size_t bl = tlow(text, &t[a - 1], b, sizeof b);
            static const char *const hedge[] = {"around", "about", "some", "roughly", "approximately", "nearly",
                                                "almost", "estimated", "approx.", "circa"};
            CX_LEXICON_OF(hedge);
            if (IN(hedge, b, bl)) hedged = 1, a--;
            if (tok_is(text, t, nt, a - 1, "than") || tok_is(text, t, nt, a - 1, "least")) {
                bound = tok_is(text, t, nt, a - 2, "more") || tok_is(text, t, nt, a - 2, "at") ? 1 : -1;
                a -= 2;
            } else if (!hedged && (tok_is(text, t, nt, a - 1, "over") || tok_is(text, t, nt, a - 1, "under"))) {
                bound = tok_is(text, t, nt, a - 1, "over") ? 1 : -1;
                a--;
            }
            if (a > 0 && t[a - 1].kind == CX_W_PUNCT && text[t[a - 1].start] == '$') a--;
            /* "more than an additional 9 percent" */
            for (int m = a - 1; !bound && m >= 1 && m >= a - 3; m--)
                if (tok_is(text, t, nt, m, "than"))
                    bound = tok_is(text, t, nt, m - 1, "more") ? 1 : tok_is(text, t, nt, m - 1, "less") ||
                                                                          tok_is(text, t, nt, m - 1, "fewer")
                                                                      ? -1
                                                                      : 0;
        }
        int kind = CX_FIG_COUNT;
        if (a < i && text[t[a].start] == '$') kind = CX_FIG_MONEY;
        /* what it counts: up to three modifiers, then the noun */
        cx_buf mod;
        cx_buf_init(&mod);
        const char *cls = NULL;
        char cls_stem[64] = "";
        int k = e;
        if (k < nt && t[k].kind == CX_W_PUNCT && text[t[k].start] == '%') cls = "percent", kind = CX_FIG_PERCENT, k++;
        for (int m = 0; !cls && k < nt && m < 4 && t[k].kind == CX_W_WORD; m++, k++) {
            char b[64];
            size_t bl = tlow(text, &t[k], b, sizeof b);
            const char *c = noun_class_of(b, bl);
            if (c) {
                cls = c;
                k++;
                break;
            }
            if (cx_is_stopword(b, bl) && !(t[k].cap && bl <= 3)) break;
            /* the next word decides: a noun follows a modifier */
            int next_word = k + 1 < nt && t[k + 1].kind == CX_W_WORD;
            char nb[64] = "";
            size_t nbl = next_word ? tlow(text, &t[k + 1], nb, sizeof nb) : 0;
            if (!next_word || cx_is_stopword(nb, nbl) || m == 3) {
                size_t sl;
                const char *stem = cx_stem(s->stemmer, b, bl, &sl);
                if (stem && sl < sizeof cls_stem) memcpy(cls_stem, stem, sl), cls_stem[sl] = '\0';
                cls = cls_stem;
                k++;
                break;
            }
            canon_modifier(b);
            if (mod.len) cx_buf_putc(&mod, ' ');
            cx_buf_puts(&mod, b);
        }
        if (cls && is_time_class(cls)) kind = CX_FIG_DURATION;
        if (cls && !strcmp(cls, "percent")) kind = CX_FIG_PERCENT;
        if (cls && !strcmp(cls, "dollars")) kind = CX_FIG_MONEY;
        int borrowed = 0;
        if (!cls && kind == CX_FIG_COUNT) {
            borrowed = 1;
            /* "the number is around 5,000": what the sentence or the one
             * before counts ("how many forces were in Iraq") */
            int asks = 0;
            for (int m = 0; m < a; m++)
                asks |= tok_is(text, t, nt, m, "number") || tok_is(text, t, nt, m, "total") ||
                        tok_is(text, t, nt, m, "figure") || tok_is(text, t, nt, m, "count");
            if (asks) cls = class_in(text, t[a].start, NULL);
            if (asks && !cls && sent > 0 && s->docs[doc].sents[sent - 1].para >= st->para - 1)
                cls = class_in(s->docs[doc].sents[sent - 1].text, s->docs[doc].sents[sent - 1].len, NULL);
        }
        if (!cls) {
            cx_buf_free(&mod);
            i = e - 1;
            continue;
        }
        cx_figure f = {doc, sent, kind, v, hedged, bound, NULL, NULL, NULL, borrowed};
        int last = k > e ? k - 1 : e - 1;
        f.text = cx_strndup(text + t[a].start, t[last].end - t[a].start);
        f.noun_class = cx_strdup(cls);
        f.modifier = mod.len ? cx_buf_take(&mod) : cx_strdup("");
        cx_buf_free(&mod);
        rc = push_fig(out, n_out, cap, &f);
        i = last;
    }
    free(t);
    return rc;
}

/* ---- disagreements -------------------------------------------------------------- */

typedef struct {
    char **w;
    uint8_t *name; /* written capitalized inside the sentence: a name */
    size_t n;
} wordset;

static void wordset_free(wordset *ws)
{
    for (size_t i = 0; i < ws->n; i++) free(ws->w[i]);
    free(ws->w), free(ws->name);
}

/* Content words of a sentence, stemmed; "US"/"U.S." kept as "us" (a stopword
 * when lower-case, a place when written in capitals). */
static int context_words(cx_story *s, const char *text, size_t len, wordset *ws)
{
    cx_wtok *t;
    int nt = cx_wtokenize(text, len, &t);
    if (nt < 0) return nt;
    ws->w = calloc((size_t)nt + 1, sizeof *ws->w);
    ws->name = calloc((size_t)nt + 1, 1);
    ws->n = 0;
    if (!ws->w || !ws->name) return free(t), CHORUS_ENOMEM;
    for (int i = 0; i < nt; i++) {
        if (t[i].kind != CX_W_WORD) continue;
        char b[64], c[64];
        size_t bl = cx_lower(text + t[i].start, t[i].end - t[i].start, b, sizeof b);
        size_t cl = 0;
        for (size_t k = 0; k < bl; k++)
            if (b[k] != '.') c[cl++] = b[k];
        c[cl] = '\0';
        const char *word = NULL;
        size_t wl = 0;
        if (t[i].cap && (!strcmp(c, "us") || !strcmp(c, "uk") || !strcmp(c, "un"))) word = c, wl = cl;
        else if (!cx_is_stopword(b, bl) && !(b[0] >= '0' && b[0] <= '9'))
            word = cx_stem(s->stemmer, b, bl, &wl);
        if (!word || !wl) continue;
        char nw[64];
        if (wl >= sizeof nw) continue;
        memcpy(nw, word, wl), nw[wl] = '\0';
        canon_modifier(nw);
        int dup = 0, is_name = t[i].cap && i > 0;
        for (size_t k = 0; k < ws->n && !dup; k++)
            if (!strcmp(ws->w[k], nw)) dup = 1, ws->name[k] |= is_name;
        if (dup) continue;
        ws->name[ws->n] = is_name;
        if (!(ws->w[ws->n] = cx_strdup(nw))) return free(t), CHORUS_ENOMEM;
        ws->n++;
    }
    free(t);
    return 0;
}

/* Same word, or one a prefix of the other of four letters or more
 * ("iraq"/"iraqi"). */
static int words_match(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), m = na < nb ? na : nb;
    if (na == nb) return !strcmp(a, b);
    return m >= 4 && !strncmp(a, b, m);
}

static int modifiers_compatible(const char *a, const char *b)
{
    if (!*a || !*b) return 1;
    /* any word in common */
    char x[128];
    snprintf(x, sizeof x, "%s", a);
    char *sv;
    for (char *w = strtok_r(x, " ", &sv); w; w = strtok_r(NULL, " ", &sv)) {
        const char *p = b;
        size_t wl = strlen(w);
        while ((p = strstr(p, w))) {
            if ((p == b || p[-1] == ' ') && (p[wl] == '\0' || p[wl] == ' ')) return 1;
            p += wl;
        }
    }
    return 0;
}

void cx_disagreements_free(cx_disagreement *d, size_t n)
{
    if (!d) return;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < d[i].n_values; k++)
            free(d[i].values[k].text), free(d[i].values[k].outlets), free(d[i].values[k].figs);
        free(d[i].values), free(d[i].what);
    }
    free(d);
}

/* Matching context words share their first four letters (or are equal). */
static unsigned context_bit(const char *w)
{
    uint32_t h = 2166136261u;
    for (int i = 0; i < 4 && w[i]; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h & 255u;
}

/* Figures in (kind, class, position) order, for comparing within a class. */
typedef struct {
    int kind;
    const char *cls;
    size_t idx;
} fig_key;

static int by_class(const void *a, const void *b)
{
    const fig_key *x = a, *y = b;
    if (x->kind != y->kind) return x->kind - y->kind;
    int c = strcmp(x->cls, y->cls);
    if (c) return c;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int find_root(int *p, int i)
{
    while (p[i] != i) i = p[i] = p[p[i]];
    return i;
}

/* Durations ("four years") and dates name too many different things to
 * compare; bounds ("more than") do not contradict a value. */
static int comparable(const cx_figure *f)
{
    return f->kind != CX_FIG_DATE && f->kind != CX_FIG_DURATION && f->bound == 0 && f->noun_class[0];
}

int cx_figures_collect(const cx_story *cs, cx_figure **figs, size_t *n_figs, cx_disagreement **dis, size_t *n_dis)
{
    cx_story *s = (cx_story *)cs;
    *figs = NULL, *n_figs = 0, *dis = NULL, *n_dis = 0;
    cx_figure *f = NULL;
    size_t nf = 0, capf = 0;
    int rc = 0;
    for (size_t d = 0; d < s->n_docs && !rc; d++) {
        if (s->docs[d].duplicate_of >= 0) continue; /* a copy says nothing new */
        for (size_t k = 0; k < s->docs[d].n_sents && !rc; k++)
            rc = cx_figures_of_sentence(s, (int)d, (int)k, &f, &nf, &capf);
    }
    wordset *ctx = rc ? NULL : calloc(nf + 1, sizeof *ctx);
    int *parent = rc ? NULL : malloc((nf + 1) * sizeof *parent);
    char (*label)[96] = rc ? NULL : calloc(nf + 1, sizeof *label);
    if (!rc && (!ctx || !parent || !label)) rc = CHORUS_ENOMEM;
    for (size_t i = 0; i < nf && !rc; i++) {
        parent[i] = (int)i;
        if (!comparable(&f[i])) continue;
        const cx_sent *st = &s->docs[f[i].doc].sents[f[i].sent];
        cx_buf b;
        cx_buf_init(&b);
        /* a figure that took its noun from the sentence before shares its context */
        if (f[i].sent > 0 && f[i].noun_from_context) {
            const cx_sent *pr = &s->docs[f[i].doc].sents[f[i].sent - 1];
            cx_buf_append(&b, pr->text, pr->len);
            cx_buf_putc(&b, ' ');
        }
        cx_buf_append(&b, st->text, st->len);
        rc = context_words(s, b.data ? b.data : "", b.len, &ctx[i]);
        cx_buf_free(&b);
    }
    /* the same thing counted by different outlets: only figures of one
     * kind and class are compared (sorted together), and only when their
     * context signatures share two bits (two shared words set at least two) */
    fig_key *order = rc ? NULL : malloc((nf + 1) * sizeof *order);
    uint64_t(*sig)[4] = rc ? NULL : calloc(nf + 1, sizeof *sig);
    size_t no = 0;
    if (!rc && (!order || !sig)) rc = CHORUS_ENOMEM;
    for (size_t i = 0; i < nf && !rc; i++) {
        if (!comparable(&f[i])) continue;
        order[no++] = (fig_key){f[i].kind, f[i].noun_class, i};
        for (size_t k = 0; k < ctx[i].n; k++) {
            unsigned bit = context_bit(ctx[i].w[k]);
            sig[i][bit >> 6] |= 1ull << (bit & 63);
        }
    }
    if (!rc) qsort(order, no, sizeof *order, by_class);
    for (size_t oi = 0; oi < no && !rc; oi++) {
        size_t i = order[oi].idx;
        for (size_t oj = oi; oj-- > 0;) {
            size_t j = order[oj].idx;
            if (f[i].kind != f[j].kind || strcmp(f[i].noun_class, f[j].noun_class)) break;
            if (s->doc_outlet[f[i].doc] == s->doc_outlet[f[j].doc]) continue;
            int common = 0;
            for (int w = 0; w < 4; w++) common += __builtin_popcountll(sig[i][w] & sig[j][w]);
            if (common < CX_FIG_MIN_SHARED) continue;
            if (!modifiers_compatible(f[i].modifier, f[j].modifier)) continue;
            char tmp[96] = "";
            size_t shared = 0, names = 0;
            for (size_t a = 0; a < ctx[i].n; a++) {
                /* shared context words, not counting the noun's class */
                const char *w = ctx[i].w[a];
                size_t wl = strlen(w);
                const char *c = noun_class_of(w, wl);
                if ((c && !strcmp(c, f[i].noun_class)) || !strncmp(w, f[i].noun_class, wl > 4 ? 4 : wl)) continue;
                for (size_t b2 = 0; b2 < ctx[j].n; b2++)
                    if (words_match(w, ctx[j].w[b2])) {
                        shared++;
                        names += ctx[i].name[a] && ctx[j].name[b2];
                        if (shared <= 3 && strlen(tmp) + wl + 3 < sizeof tmp) {
                            if (tmp[0]) strcat(tmp, ", ");
                            strcat(tmp, w);
                        }
                        break;
                    }
            }
            /* same thing: enough shared context, a shared name among it
             * (a place, a party), and values of one magnitude */
            double lo = f[i].value < f[j].value ? f[i].value : f[j].value;
            double hi = f[i].value < f[j].value ? f[j].value : f[i].value;
            /* percentages and small counts ("two parties") name many things:
             * they need more shared context */
            size_t need = f[i].kind == CX_FIG_COUNT && lo >= 20 ? CX_FIG_MIN_SHARED : CX_FIG_MIN_SHARED + 2;
            if (shared < need || !names || lo <= 0 || hi / lo > CX_FIG_MAX_RATIO) continue;
            int ri = find_root(parent, (int)i), rj = find_root(parent, (int)j);
            if (ri != rj) {
                parent[ri] = rj;
                if (!label[rj][0]) snprintf(label[rj], sizeof label[rj], "%s", tmp);
            }
        }
    }
    /* groups with two or more values from different outlets */
    cx_disagreement *dv = NULL;
    size_t nd = 0, capd = 0;
    for (size_t r = 0; r < nf && !rc; r++) {
        if (find_root(parent, (int)r) != (int)r || !comparable(&f[r])) continue;
        cx_disagreement x = {0};
        int hedged = 0;
        for (size_t i = 0; i < nf && !rc; i++) {
            if (!comparable(&f[i]) || find_root(parent, (int)i) != (int)r) continue;
            hedged |= f[i].hedged;
            size_t v = 0;
            while (v < x.n_values && x.values[v].value != f[i].value) v++;
            if (v == x.n_values) {
                cx_fig_value *nv = realloc(x.values, (x.n_values + 1) * sizeof *nv);
                if (!nv) {
                    rc = CHORUS_ENOMEM;
                    break;
                }
                x.values = nv;
                memset(&x.values[v], 0, sizeof *nv);
                x.values[v].value = f[i].value;
                x.values[v].text = cx_strdup(f[i].text);
                x.values[v].outlets = calloc(s->n_outlets + 1, sizeof(int));
                x.values[v].figs = calloc(nf + 1, sizeof(int));
                x.n_values++;
                if (!x.values[v].text || !x.values[v].outlets || !x.values[v].figs) {
                    rc = CHORUS_ENOMEM;
                    break;
                }
            }
            cx_fig_value *val = &x.values[v];
            if (strlen(f[i].text) > strlen(val->text)) { /* the most complete wording */
                char *t = cx_strdup(f[i].text);
                if (t) free(val->text), val->text = t;
            }
            val->figs[val->n_figs++] = (int)i;
            int o = s->doc_outlet[f[i].doc], seen = 0;
            for (size_t k = 0; k < val->n_outlets; k++) seen |= val->outlets[k] == o;
            if (!seen) {
                size_t k = val->n_outlets++;
                while (k > 0 && val->outlets[k - 1] > o) val->outlets[k] = val->outlets[k - 1], k--;
                val->outlets[k] = o;
            }
        }
        if (rc || x.n_values < 2) {
            for (size_t k = 0; k < x.n_values; k++)
                free(x.values[k].text), free(x.values[k].outlets), free(x.values[k].figs);
            free(x.values);
            continue;
        }
        /* an outlet giving two of the values counts two different things */
        int clash = x.n_values > CX_FIG_MAX_VALUES;
        for (size_t a = 0; a < x.n_values && !clash; a++)
            for (size_t b = a + 1; b < x.n_values && !clash; b++)
                for (size_t p = 0; p < x.values[a].n_outlets && !clash; p++)
                    for (size_t q = 0; q < x.values[b].n_outlets; q++)
                        if (x.values[a].outlets[p] == x.values[b].outlets[q]) clash = 1;
        if (clash) {
            for (size_t k = 0; k < x.n_values; k++)
                free(x.values[k].text), free(x.values[k].outlets), free(x.values[k].figs);
            free(x.values);
            continue;
        }
        double lo = INFINITY, hi = -INFINITY;
        for (size_t k = 0; k < x.n_values; k++) {
            if (x.values[k].value < lo) lo = x.values[k].value;
            if (x.values[k].value > hi) hi = x.values[k].value;
        }
        x.approximate = hedged && lo > 0 && hi / lo <= 1.05;
        /* label: the modifier and noun of the first figure, and the shared context */
        const cx_figure *g = &f[r];
        for (size_t i = 0; i < nf && !g->modifier[0]; i++)
            if (comparable(&f[i]) && find_root(parent, (int)i) == (int)r && f[i].modifier[0]) g = &f[i];
        char what[192];
        snprintf(what, sizeof what, "%s%s%s (%s)", g->modifier, g->modifier[0] ? " " : "", g->noun_class,
                 label[r][0] ? label[r] : "same context");
        for (char *p = what; *p; p++)
            if (p == what || p[-1] == ' ')
                if (!strncmp(p, "us ", 3)) p[0] = 'U', p[1] = 'S';
        x.what = cx_strdup(what);
        if (!x.what || CX_PUSH(dv, nd, capd, x)) {
            rc = CHORUS_ENOMEM;
            free(x.what);
            for (size_t k = 0; k < x.n_values; k++)
                free(x.values[k].text), free(x.values[k].outlets), free(x.values[k].figs);
            free(x.values);
        }
    }
    for (size_t i = 0; ctx && i < nf; i++) wordset_free(&ctx[i]);
    free(ctx), free(parent), free(label), free(order), free(sig);
    if (rc) {
        cx_figures_free(f, nf);
        cx_disagreements_free(dv, nd);
        return rc;
    }
    *figs = f, *n_figs = nf, *dis = dv, *n_dis = nd;
    return 0;
}
