/* Facts of sentences: quantities and yes/no claims (see facts.h). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entities.h"
#include "facts.h"
#include "parallel.h"
#include "util.h"
#include "wordnet.h"

/* 1 + the index of w in list, or 0 */
#define IN(list, w, n) cx_lexicon_find(&list##_lex, w, n)

/* A written number longer than this is an identifier or junk, not a count. */
#define MAX_DIGITS 15
/* How far a written number may be off because it was rounded, at most, as a
 * share of its value ("30,000" may stand for 29,250-30,750). */
#define ROUNDING_SHARE 0.025
/* "about", "some", "roughly": the spread a reader allows a hedged figure. */
#define HEDGE_SHARE 0.10

/* ---- the English tables ---------------------------------------------------------
 * Everything language-specific of this file: number and scale words, units,
 * hedges, event verbs, negations, change cues. A few French words sit beside
 * the English ones (hedges, the words for people) so French reports compare;
 * the decimal and grouping marks and multipliers come from the language seam. */

static const char *const number_words[] = {"zero", "one", "two", "three", "four", "five", "six", "seven",
                                           "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
                                           "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const tens_words[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
static const char *const scale_words[] = {"hundred", "thousand", "million", "billion", "trillion"};
static const double scale_values[] = {1e2, 1e3, 1e6, 1e9, 1e12};
/* Plural scale words as vague amounts: "dozens", "hundreds of millions". */
static const char *const vague_words[] = {"dozens", "scores", "hundreds", "thousands", "millions", "billions"};
static const double vague_lo[] = {24, 40, 200, 2000, 2e6, 2e9};

typedef struct {
    const char *word;
    int dim;
    double lo, hi; /* factor to the base unit: a range when the unit itself is ambiguous */
} unit_def;

static const unit_def units[] = {
    {"foot", CX_DIM_LENGTH, 0.3048, 0.3048},      {"feet", CX_DIM_LENGTH, 0.3048, 0.3048},
    {"ft", CX_DIM_LENGTH, 0.3048, 0.3048},        {"inch", CX_DIM_LENGTH, 0.0254, 0.0254},
    {"inches", CX_DIM_LENGTH, 0.0254, 0.0254},    {"yard", CX_DIM_LENGTH, 0.9144, 0.9144},
    {"yards", CX_DIM_LENGTH, 0.9144, 0.9144},     {"mile", CX_DIM_LENGTH, 1609.344, 1609.344},
    {"miles", CX_DIM_LENGTH, 1609.344, 1609.344}, {"meter", CX_DIM_LENGTH, 1, 1},
    {"meters", CX_DIM_LENGTH, 1, 1},              {"metre", CX_DIM_LENGTH, 1, 1},
    {"metres", CX_DIM_LENGTH, 1, 1},              {"kilometer", CX_DIM_LENGTH, 1000, 1000},
    {"kilometers", CX_DIM_LENGTH, 1000, 1000},    {"kilometre", CX_DIM_LENGTH, 1000, 1000},
    {"kilometres", CX_DIM_LENGTH, 1000, 1000},    {"km", CX_DIM_LENGTH, 1000, 1000},
    {"centimeters", CX_DIM_LENGTH, 0.01, 0.01},   {"centimetres", CX_DIM_LENGTH, 0.01, 0.01},
    {"cm", CX_DIM_LENGTH, 0.01, 0.01},            {"pound", CX_DIM_MASS, 0.45359237, 0.45359237},
    {"pounds", CX_DIM_MASS, 0.45359237, 0.45359237}, {"lb", CX_DIM_MASS, 0.45359237, 0.45359237},
    {"lbs", CX_DIM_MASS, 0.45359237, 0.45359237}, {"kilogram", CX_DIM_MASS, 1, 1},
    {"kilograms", CX_DIM_MASS, 1, 1},             {"kg", CX_DIM_MASS, 1, 1},
    /* a "ton" is 907 kg (short), 1,000 kg (metric) or 1,016 kg (long): unstated, it is all of them */
    {"ton", CX_DIM_MASS, 907.18474, 1016.0469},   {"tons", CX_DIM_MASS, 907.18474, 1016.0469},
    {"tonne", CX_DIM_MASS, 1000, 1000},           {"tonnes", CX_DIM_MASS, 1000, 1000},
    {"second", CX_DIM_DURATION, 1 / 86400.0, 1 / 86400.0}, {"seconds", CX_DIM_DURATION, 1 / 86400.0, 1 / 86400.0},
    {"minute", CX_DIM_DURATION, 1 / 1440.0, 1 / 1440.0}, {"minutes", CX_DIM_DURATION, 1 / 1440.0, 1 / 1440.0},
    {"hour", CX_DIM_DURATION, 1 / 24.0, 1 / 24.0}, {"hours", CX_DIM_DURATION, 1 / 24.0, 1 / 24.0},
    {"day", CX_DIM_DURATION, 1, 1},               {"days", CX_DIM_DURATION, 1, 1},
    {"week", CX_DIM_DURATION, 7, 7},              {"weeks", CX_DIM_DURATION, 7, 7},
    {"month", CX_DIM_DURATION, 28, 31},           {"months", CX_DIM_DURATION, 28, 31},
    {"year", CX_DIM_DURATION, 365, 366},          {"years", CX_DIM_DURATION, 365, 366},
    {"decade", CX_DIM_DURATION, 3652, 3653},      {"decades", CX_DIM_DURATION, 3652, 3653},
    {"century", CX_DIM_DURATION, 36524, 36525},   {"centuries", CX_DIM_DURATION, 36524, 36525},
    {"percent", CX_DIM_PERCENT, 1, 1},            {"%", CX_DIM_PERCENT, 1, 1},
    {"celsius", CX_DIM_TEMPERATURE, 1, 1},        {"centigrade", CX_DIM_TEMPERATURE, 1, 1},
    {"fahrenheit", CX_DIM_TEMPERATURE, 1, 1},     {"acre", CX_DIM_AREA, 4046.856, 4046.856},
    {"acres", CX_DIM_AREA, 4046.856, 4046.856},   {"hectare", CX_DIM_AREA, 1e4, 1e4},
    {"hectares", CX_DIM_AREA, 1e4, 1e4},
};

/* Currencies named after the number ("4.2 million crowns") or before it ("$", "dlrs"). */
static const char *const currency_after[] = {"dollars", "dollar", "euros", "euro", "crowns", "kronor", "yen",
                                             "yuan", "rupees", "francs", "marks", "pesos", "rubles", "roubles"};
static const char *const currency_before[] = {"$", "dlrs", "us$", "€", "£", "usd", "eur"};
static const char *const currency_before_name[] = {"dollars", "dollars", "dollars", "euros", "sterling", "dollars",
                                                   "euros"};

typedef struct {
    const char *w1, *w2; /* two-word hedges have w2 */
    int hedge;
} hedge_def;

static const hedge_def hedges_before[] = {
    {"about", NULL, CX_HEDGE_ABOUT},    {"around", NULL, CX_HEDGE_ABOUT},      {"roughly", NULL, CX_HEDGE_ABOUT},
    {"some", NULL, CX_HEDGE_ABOUT},     {"approximately", NULL, CX_HEDGE_ABOUT}, {"estimated", NULL, CX_HEDGE_ABOUT},
    {"circa", NULL, CX_HEDGE_ABOUT},    {"many", "as", CX_HEDGE_ABOUT},        {"nearly", NULL, CX_HEDGE_ALMOST},
    {"almost", NULL, CX_HEDGE_ALMOST},  {"to", "close", CX_HEDGE_ALMOST},      {"under", "just", CX_HEDGE_ALMOST},
    {"than", "more", CX_HEDGE_MORE},    {"over", NULL, CX_HEDGE_MORE},         {"least", "at", CX_HEDGE_MORE},
    {"of", "upwards", CX_HEDGE_MORE},   {"than", "less", CX_HEDGE_LESS},       {"than", "fewer", CX_HEDGE_LESS},
    {"under", NULL, CX_HEDGE_LESS},     {"to", "up", CX_HEDGE_LESS},           {"most", "at", CX_HEDGE_LESS},
    /* French: "environ 3 000", "près de 3 000", "plus de", "moins de" */
    {"environ", NULL, CX_HEDGE_ABOUT},  {"quelque", NULL, CX_HEDGE_ABOUT},     {"de", "près", CX_HEDGE_ALMOST},
    {"de", "plus", CX_HEDGE_MORE},      {"de", "moins", CX_HEDGE_LESS},
};

/* Words after the number that bound it: "15 years or more", "five minutes or less". */
static int hedge_after(const char *w1, const char *w2)
{
    if (strcmp(w1, "or")) return 0;
    if (!strcmp(w2, "more") || !strcmp(w2, "longer") || !strcmp(w2, "over")) return CX_HEDGE_MORE;
    if (!strcmp(w2, "less") || !strcmp(w2, "fewer") || !strcmp(w2, "under")) return CX_HEDGE_LESS;
    if (!strcmp(w2, "so")) return CX_HEDGE_ABOUT;
    return 0;
}

/* Nouns that count the same class of thing; the first word of a row names it. */
static const char *const noun_classes[][10] = {
    {"troops", "troop", "soldiers", "soldier", "forces", "personnel", "servicemen", "marines", NULL},
    {"people", "persons", "person", "individuals", "others", "personnes", "habitants", NULL},
    {"wounded", "injured", "hurt", "wounding", "injuring", "injuries", NULL},
    {"killed", "dead", "deaths", "death", "fatalities", "killing", "died", "lives", NULL},
    {"countries", "country", "nations", "nation", "states", NULL},
    {"vehicles", "vehicle", "cars", NULL},
};
/* Heads that say who, not what: "21 others were wounded" counts the wounded. */
static const char *const generic_heads[] = {"people", "persons", "person", "individuals", "others", "men", "women",
                                            "children", "civilians", "residents", "israelis", "palestinians",
                                            "personnes", "habitants"};
/* Event words a count can be of; the row's class word is the qualifier. */
static const char *const event_words[] = {"killed", "dead", "died", "killing", "wounded", "injured", "hurt",
                                          "wounding", "injuring", "arrested", "detained", "missing", "vanished",
                                          "disappeared", "evacuated", "displaced", "rescued", "deported"};
static const char *const event_class[] = {"killed", "killed", "killed", "killed", "wounded", "wounded", "wounded",
                                          "wounded", "wounded", "arrested", "arrested", "missing", "killed",
                                          "killed", "evacuated", "evacuated", "rescued", "deported"};
/* Words between a number and its noun that do not change what is counted. */
static const char *const noun_skip[] = {"more", "other", "additional", "further", "new", "extra"};
static const char *const negations[] = {"not", "never", "no", "n't", "wasn't", "weren't", "isn't", "aren't",
                                        "hasn't", "hadn't", "haven't", "didn't", "won't", "wouldn't"};
static const char *const be_words[] = {"was", "were", "is", "are", "be", "been", "being", "wasn't", "weren't",
                                       "isn't", "aren't", "'s"};
/* Before a participle: no statement of what is (a modal, a condition, or
 * "ever", which only questions and negations use). */
static const char *const modal_words[] = {"would", "could", "might", "may", "will", "should", "can", "must",
                                          "to", "shall", "if", "whether", "unless", "ever", "won't",
                                          "wouldn't", "can't", "couldn't", "shouldn't", "mustn't"};
static const char *const claim_pronouns[] = {"it", "they", "this", "that", "which", "these", "those"};
/* A claim said of people only as "he", "we" or "they", or of nothing
 * ("there is no accepted evidence"), is said of no one the reports can
 * share ("it", "this", "which" are read through the sentence before). */
static const char *const claim_no_subject[] = {"he", "she", "we", "i", "you", "they", "there", "him", "her", "us",
                                                "them"};
/* Earlier in the clause, words that make it no statement of the reporter:
 * a condition or purpose ("if a settlement is not reached", "to make sure
 * children are buckled"), a belief or fear ("believed that autism was
 * caused"). */
static const char *const claim_unasserted[] = {"if", "unless", "whether", "sure", "ensure", "ensuring",
                                               "believed", "thought", "assumed", "feared", "suspected",
                                               "hoped", "doubted", "wondered", "know"};
/* Participles of a plan or expectation: with "to" after ("is expected to
 * produce plans", "is not scheduled to make"), the claim is of an action
 * to come, no yes/no state of a thing. */
static const char *const plan_participles[] = {"expected", "scheduled", "slated", "planned", "supposed", "set",
                                               "due", "required", "allowed", "permitted", "asked", "ordered",
                                               "forced", "invited", "tipped", "tapped"};
static const char *const change_cues[] = {"rose", "risen", "climbed", "increased", "jumped", "grew", "fell",
                                          "dropped", "declined", "now", "latest", "revised", "updated",
                                          "raised", "lowered", "mounted", "reached"};
static const char *const month_names[] = {"january", "february", "march", "april", "may", "june", "july",
                                          "august", "september", "october", "november", "december"};
static const char *const month_abbrevs[] = {"jan.", "feb.", "mar.", "apr.", "may", "jun.", "jul.", "aug.",
                                            "sep.", "oct.", "nov.", "dec.", "sept.", "jan", "feb", "aug",
                                            "sep", "sept", "oct", "nov", "dec"};
/* Nouns that name a measure, not what is measured: "the inflation rate", "the
 * 3.3 percent level". The word before says of what ("inflation"); alone,
 * only the words around do. */
static const char *const measure_heads[] = {"rate", "rates", "level", "levels", "figure", "mark"};
/* Verbs that link a clause's subject to a figure right after them: "inflation
 * stood at 1 percent", "the rate fell to 0.9 percent" (with change_cues). */
static const char *const linking_verbs[] = {"stood", "stands", "was", "is", "remained", "remains", "hit",
                                            "averaged", "slipped", "eased", "dipped", "edged", "slowed"};
/* Words after a number that make it a time of day or a reference, not an amount. */
static const char *const not_amount_after[] = {"a.m.", "p.m.", "am", "pm", "gmt", "utc", "edt", "est"};
/* Adjectives after a length or a mass that name the extent, not the thing. */
static const char *const extent_words[] = {"long", "wide", "high", "tall", "deep", "thick", "away", "old",
                                           "heavy", "across", "apart", "below", "above", "off", "ago"};
/* Words before a number that make it a year ("in 1988"). */
static const char *const year_before[] = {"in", "since", "until", "till", "from", "of", "by", "to", "early",
                                          "late", "mid", "before", "after", "during", "between", "and"};

/* ---- words ------------------------------------------------------------------------ */

static const char *word_class(const char *w)
{
    for (size_t r = 0; r < sizeof noun_classes / sizeof *noun_classes; r++)
        for (size_t k = 0; noun_classes[r][k]; k++)
            if (!strcmp(noun_classes[r][k], w)) return noun_classes[r][0];
    return NULL;
}

static double number_word(const char *w, size_t n)
{
    CX_LEXICON_OF(number_words);
    CX_LEXICON_OF(tens_words);
    int k;
    if ((k = IN(number_words, w, n))) return k - 1;
    if ((k = IN(tens_words, w, n))) return (k + 1) * 10;
    if (n == 5 && !memcmp(w, "dozen", 5)) return 12;
    const char *dash = memchr(w, '-', n); /* "twenty-five" */
    if (dash && dash > w) {
        double a = number_word(w, (size_t)(dash - w)), b = number_word(dash + 1, n - (size_t)(dash - w) - 1);
        if (a >= 20 && b >= 1 && b <= 9) return a + b;
    }
    return -1;
}

static double scale_word(const char *w, size_t n)
{
    CX_LEXICON_OF(scale_words);
    int k = IN(scale_words, w, n);
    return k ? scale_values[k - 1] : 0;
}

/* Digits with grouping marks (groups of exactly three) and a decimal mark,
 * as the language writes them: "5,000", "4,299", "5.2" in English; "6,2" or
 * "1.500" in French or German (dec ',', grp '.' or ' '; a space-grouped
 * "2 500" is two tokens, joined by the caller). Returns the bytes used, 0
 * when malformed; *step gets the place of the last digit written (1 for
 * "4,299", 0.1 for "5.2") and *zeros the count of its trailing zeros before
 * the decimal mark. */
static size_t parse_digits_in(const char *s, size_t n, char dec, char grp, double *v, double *step, int *zeros)
{
    size_t i = 0, digits = 0, group = 0;
    int seen_comma = 0, tz = 0;
    double x = 0;
    while (i < n) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            x = x * 10 + (c - '0'), digits++, group++, i++;
            tz = c == '0' ? tz + 1 : 0;
            if (seen_comma && group > 3) return 0; /* "1,2345" */
            continue;
        }
        if (c == grp && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
            if ((seen_comma && group != 3) || (!seen_comma && (group == 0 || group > 3))) return 0;
            seen_comma = 1, group = 0, i++;
            continue;
        }
        break;
    }
    if (!digits || digits > MAX_DIGITS || (seen_comma && group != 3)) return 0;
    double st = 1;
    if (i + 1 < n && s[i] == dec && s[i + 1] >= '0' && s[i + 1] <= '9') {
        if (seen_comma && 0) return 0;
        double f = 0.1;
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9' && f > 1e-9) x += (s[i++] - '0') * f, st = f, f /= 10;
        if (i < n && s[i] >= '0' && s[i] <= '9') return 0;
        tz = 0;
    }
    if (i < n && (s[i] == '.' || s[i] == ',') && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') return 0; /* "1.2.3" */
    *v = x, *step = st, *zeros = tz;
    return i;
}

static size_t parse_digits(const char *s, size_t n, double *v, double *step, int *zeros)
{
    return parse_digits_in(s, n, '.', ',', v, step, zeros);
}

size_t cx_parse_number(const char *s, size_t n, double *value)
{
    cx_wtok *t;
    int nt = cx_wtokenize(s, n, &t);
    if (nt <= 0) return 0;
    char w[40];
    size_t used = 0;
    double v = -1, step;
    int zeros;
    size_t l = cx_lower_word(s + t[0].start, t[0].end - t[0].start, w, sizeof w);
    if (t[0].kind == CX_W_WORD && t[0].end - t[0].start < sizeof w && parse_digits(w, l, &v, &step, &zeros) == l)
        used = t[0].end;
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

const char *cx_dim_name(int dim)
{
    static const char *const names[] = {"",         "count",       "length", "mass", "money", "percent",
                                        "duration", "temperature", "area",   "age",  "year",  "claim",
                                        "weekday", "role",  "slot"};
    return dim > 0 && dim < (int)(sizeof names / sizeof *names) ? names[dim] : "";
}

/* ---- one sentence ---------------------------------------------------------------- */

typedef struct {
    cx_story *s;
    const char *text;
    size_t len;
    cx_wtok *t;
    int nt;
    char (*w)[40]; /* lower-case words ("" for punctuation longer than a word) */
    size_t *wl;
    char dec, grp;  /* the language's decimal and grouping marks ("," and " " in French) */
    const cx_lang *lang; /* the article's language, or NULL */
    size_t li;           /* its index among the story's languages (stem_of) */
} sent_ctx;

/* A multiplier word: "million", or the language's own ("millions", "milliards"). */
static double multiplier_of(const sent_ctx *c, int i)
{
    double m = scale_word(c->w[i], c->wl[i]), v;
    int mult = 0;
    if (!m && c->lang && cx_lang_number_word(c->lang, c->w[i], c->wl[i], &v, &mult) && mult && v >= 100) m = v;
    return m;
}

static int is_word(const sent_ctx *c, int i) { return i >= 0 && i < c->nt && c->t[i].kind == CX_W_WORD; }
static int word_is(const sent_ctx *c, int i, const char *w) { return i >= 0 && i < c->nt && !strcmp(c->w[i], w); }

/* Sentences read on a worker thread (cx_facts_collect): the worker's own
 * stemmer, and the story's vocabulary only read. A stem the story has not
 * seen marks the sentence, which is read again on the calling thread in
 * sentence order, so every stem gets the id the one-thread run gives it. */
static _Thread_local cx_stemmer *worker_stemmer;
static _Thread_local int worker_missed;

/* The stem id of a word of language li (an index into s->langs). The
 * story keys its words by language (a first byte 1 + li, story.c), so a
 * word it has read is found with that byte; another is stemmed here. */
static int32_t stem_in(cx_story *s, size_t li, const char *low, size_t n)
{
    char b[41];
    while (n && low[n - 1] == '.') n--; /* "U.S." and "U.S" alike */
    if (!n || n >= sizeof b - 1) return -1;
    b[0] = (char)(1 + li % 255);
    memcpy(b + 1, low, n), b[n + 1] = '\0';
    int32_t sid = cx_vocab_find(s->surface, b, n + 1);
    if (sid >= 0 && (size_t)sid < s->surface_cap && (size_t)sid < cx_vocab_size(s->surface)) return s->surface_stem[sid];
    size_t sl;
    const char *st = cx_stem(worker_stemmer ? worker_stemmer : s->stemmer, b + 1, n, &sl);
    if (!worker_stemmer) return cx_vocab_id(s->vocab, st, sl);
    int32_t id = cx_vocab_find(s->vocab, st, sl);
    if (id < 0) worker_missed = 1;
    return id;
}

/* The index of an article's language among the story's (0: the main one). */
static size_t lang_index_of(const cx_story *s, int doc)
{
    const cx_lang *l = doc >= 0 ? s->docs[doc].lang : NULL;
    size_t li = 0;
    while (l && li < s->n_langs && s->langs[li] != l) li++;
    return li >= s->n_langs ? 0 : li;
}

static int32_t stem_of(const sent_ctx *c, const char *low, size_t n) { return stem_in(c->s, c->li, low, n); }

/* The stem id of a noun's class: "soldiers" and "troops" alike. */
static int32_t class_key(const sent_ctx *x, const char *low)
{
    const char *c = word_class(low);
    return stem_of(x, c ? c : low, strlen(c ? c : low));
}

static int month_of(const char *w, size_t n)
{
    CX_LEXICON_OF(month_names);
    CX_LEXICON_OF(month_abbrevs);
    int k = IN(month_names, w, n);
    if (k) return k;
    k = IN(month_abbrevs, w, n);
    if (!k) return 0;
    static const int m[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 9, 1, 2, 8, 9, 9, 10, 11, 12};
    return m[k - 1];
}

static int hedge_before(const sent_ctx *c, int i, int *first)
{
    *first = i;
    for (size_t h = 0; h < sizeof hedges_before / sizeof *hedges_before; h++) {
        const hedge_def *d = &hedges_before[h];
        if (!word_is(c, i - 1, d->w1)) continue;
        if (d->w2 && !word_is(c, i - 2, d->w2)) continue;
        if (!strcmp(d->w1, "under") && !d->w2 && word_is(c, i - 2, "just")) continue;
        if (!strcmp(d->w1, "some") && word_is(c, i - 2, "for")) continue;
        *first = i - (d->w2 ? 2 : 1);
        if (word_is(c, *first - 1, "an") || word_is(c, *first - 1, "only")) (*first)--;
        return d->hedge;
    }
    return 0;
}

static const unit_def *unit_of(const char *w)
{
    for (size_t u = 0; u < sizeof units / sizeof *units; u++)
        if (!strcmp(units[u].word, w)) return &units[u];
    return NULL;
}

static int is_generic(const char *w)
{
    CX_LEXICON_OF(generic_heads);
    return IN(generic_heads, w, strlen(w)) != 0;
}

static const char *event_of(const char *w)
{
    CX_LEXICON_OF(event_words);
    int k = IN(event_words, w, strlen(w));
    return k ? event_class[k - 1] : NULL;
}

static int is_negation(const char *w)
{
    CX_LEXICON_OF(negations);
    size_t n = strlen(w);
    return IN(negations, w, n) || (n > 3 && !strcmp(w + n - 3, "n't"));
}

/* An adverb that may stand inside a verb group ("was largely viewed", "had
 * already been signed"): a lower-case word in -ly, or one of the few short
 * ones. */
static int is_adverb(const sent_ctx *c, int i)
{
    static const char *const short_adverbs[] = {"also", "still", "already", "never", "just", "now", "then",
                                                "once", "again", "even", "yet", "since", "later", "soon"};
    CX_LEXICON_OF(short_adverbs);
    const char *w = c->w[i];
    size_t n = c->wl[i];
    if (c->t[i].cap) return 0;
    return IN(short_adverbs, w, n) || (n > 4 && !strcmp(w + n - 2, "ly"));
}

static int counts_several(const sent_ctx *c, int head);

/* Stems of the content words in tokens [a, b) (stopwords and numbers left out). */
static int add_stems(const sent_ctx *c, int a, int b, int skip_from, int skip_to, int32_t **v, size_t *n)
{
    size_t cap = *n;
    for (int i = a < 0 ? 0 : a; i < b && i < c->nt; i++) {
        if (i >= skip_from && i < skip_to) continue;
        if (!is_word(c, i) || !c->wl[i] || (c->w[i][0] >= '0' && c->w[i][0] <= '9')) continue;
        if (cx_is_stopword(c->w[i], c->wl[i])) continue;
        int32_t id = stem_of(c, c->w[i], c->wl[i]);
        if (id < 0) continue;
        int dup = 0;
        for (size_t k = 0; k < *n && !dup; k++) dup = (*v)[k] == id;
        if (dup) continue;
        if (CX_PUSH(*v, *n, cap, id)) return CHORUS_ENOMEM;
    }
    return 0;
}

static int push_holder(cx_fact *f, const char *w)
{
    char **h = realloc(f->holder, (f->n_holder + 1) * sizeof *h);
    if (!h) return CHORUS_ENOMEM;
    f->holder = h;
    if (!(h[f->n_holder] = cx_strdup(w))) return CHORUS_ENOMEM;
    f->n_holder++;
    return 0;
}

/* A run of capitalized words ending at token e-1 (inclusive), going left. */
static int cap_run_left(const sent_ctx *c, int e)
{
    int a = e;
    while (a - 1 >= 0 && is_word(c, a - 1) && c->t[a - 1].cap && e - a < 5) a--;
    return a;
}

static int cap_run_right(const sent_ctx *c, int a)
{
    int e = a;
    while (e < c->nt && is_word(c, e) && c->t[e].cap && e - a < 5) e++;
    return e;
}

static int set_holder_run(cx_fact *f, const sent_ctx *c, int a, int e)
{
    for (int k = a; k < e; k++) {
        if (cx_is_title_word(c->w[k], c->wl[k])) continue;
        char b[40];
        snprintf(b, sizeof b, "%s", c->w[k]);
        size_t n = strlen(b);
        while (n && (b[n - 1] == '.' || b[n - 1] == ',')) b[--n] = '\0';
        if (n > 2 && b[n - 2] == '\'' && b[n - 1] == 's') b[n -= 2] = '\0'; /* "Shepard's" */
        if (n && push_holder(f, b)) return CHORUS_ENOMEM;
    }
    return 0;
}

static char *span_text(const sent_ctx *c, int a, int e)
{
    if (e <= a) return cx_strdup("");
    return cx_strndup(c->text + c->t[a].start, c->t[e - 1].end - c->t[a].start);
}

static void fact_clear(cx_fact *f)
{
    free(f->text), free(f->unit), free(f->what), free(f->mods), free(f->near), free(f->alias), free(f->norm), free(f->names);
    for (size_t k = 0; k < f->n_holder; k++) free(f->holder[k]);
    free(f->holder);
}

void cx_facts_free(cx_fact *f, size_t n)
{
    if (!f) return;
    for (size_t i = 0; i < n; i++) fact_clear(&f[i]);
    free(f);
}

static int push_fact(cx_fact **out, size_t *n, size_t *cap, cx_fact *f)
{
    if (!f->text || !f->unit || !f->what || CX_PUSH(*out, *n, *cap, *f)) {
        fact_clear(f);
        return CHORUS_ENOMEM;
    }
    return 0;
}

/* The interval a written value allows. */
static void set_interval(cx_fact *f, double v, double step, int zeros, double flo, double fhi)
{
    /* the place of the last digit written and its trailing zeros, but no
     * more than ROUNDING_SHARE of the value: "30,000" is 29,250-30,750 */
    double tol = 0.5 * step * pow(10, zeros), cap = ROUNDING_SHARE * v;
    /* a small count or length written whole is rounded to the unit ("17-year"
     * may be 17.4); a rate is quoted at the precision it is known to: "3
     * percent" is not "3.3 percent", "1 percent" not "0.9 percent" */
    if (cap < 0.5 && f->dim != CX_DIM_PERCENT) cap = 0.5;
    if (tol > cap) tol = cap;
    double lo = v - tol, hi = v + tol;
    f->rlo = lo * flo, f->rhi = hi * fhi;
    switch (f->hedge) {
    case CX_HEDGE_ABOUT: lo = v * (1 - HEDGE_SHARE), hi = v * (1 + HEDGE_SHARE); break; /* the hedge holds the rounding */
    case CX_HEDGE_ALMOST: lo = v * (1 - HEDGE_SHARE), hi = v + tol; break;
    case CX_HEDGE_MORE: lo = v, hi = INFINITY; break;
    case CX_HEDGE_LESS: lo = 0, hi = v; break;
    case CX_HEDGE_VAGUE: lo = v, hi = v * 5; break; /* "dozens": 24 up to some 120 */
    default: break;
    }
    f->value = v * (flo + fhi) / 2;
    f->lo = lo * flo, f->hi = hi * fhi;
}

/* The sentence's own month and change cues, shared by its facts. */
static void sentence_time(const sent_ctx *c, int at, int *month, int *change)
{
    CX_LEXICON_OF(change_cues);
    *month = 0, *change = 0;
    int best = 1 << 30;
    for (int i = 0; i < c->nt; i++) {
        if (!is_word(c, i)) continue;
        if (IN(change_cues, c->w[i], c->wl[i])) *change = 1;
        int m = month_of(c->w[i], c->wl[i]);
        /* "in October", not "Oct. 16" (a day: the date of something else) */
        if (m && c->t[i].cap && !(i + 1 < c->nt && c->w[i + 1][0] >= '0' && c->w[i + 1][0] <= '9') &&
            abs(i - at) < best && abs(i - at) <= 6)
            best = abs(i - at), *month = m;
    }
}

/* Names (capitalized words inside a sentence) of the two sentences before,
 * as stem ids: what "the cylinder" of a measurement may refer to. */
static int add_referents(cx_story *s, int doc, int sent, cx_fact *f)
{
    const cx_doc *d = &s->docs[doc];
    size_t cap = 0;
    for (int p = sent - 1; p >= 0 && p >= sent - 2; p--) {
        const cx_sent *st = &d->sents[p];
        cx_wtok *t;
        int nt = cx_wtokenize(st->text, st->len, &t);
        if (nt < 0) return nt;
        for (int i = 1; i < nt; i++) {
            if (t[i].kind != CX_W_WORD || !t[i].cap) continue;
            char b[40];
            size_t l = t[i].end - t[i].start;
            if (l >= sizeof b) continue;
            l = cx_lower_word(st->text + t[i].start, l, b, sizeof b);
            if (cx_is_stopword(b, l) || cx_is_calendar_word(b, l) || cx_is_title_word(b, l)) continue;
            int32_t id = stem_in(s, lang_index_of(s, doc), b, l);
            if (id >= 0 && CX_PUSH(f->alias, f->n_alias, cap, id)) {
                free(t);
                return CHORUS_ENOMEM;
            }
        }
        if (nt > 0) free(t);
    }
    return 0;
}

/* Quantities: the number at token i and what it measures. Returns the next
 * token to look at. */
/* A verb of change just before a figure ("rose 5 percent", "fell to"). */
static int change_verb(const sent_ctx *c, int q)
{
    CX_LEXICON_OF(change_cues);
    return is_word(c, q) && IN(change_cues, c->w[q], c->wl[q]) && !word_is(c, q, "now") && !word_is(c, q, "latest");
}

static int only_spaces(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r') return 0;
    return 1;
}

/* The key of a measure named by the run [from, head]: a measure word
 * ("rate", "level") is keyed by the word before it ("inflation rate" as
 * "inflation", "interest rate" as "interest"), or by nothing when alone. */
static int32_t measure_key(const sent_ctx *c, int from, int head)
{
    CX_LEXICON_OF(measure_heads);
    if (!IN(measure_heads, c->w[head], c->wl[head])) return class_key(c, c->w[head]);
    for (int q = head - 1; q >= from; q--) {
        if (!is_word(c, q) || cx_is_stopword(c->w[q], c->wl[q])) break;
        /* "interest-rate": the first part of a hyphenated modifier */
        char b[40];
        size_t l = c->wl[q];
        const char *dash = memchr(c->w[q], '-', l);
        if (dash && dash > c->w[q]) l = (size_t)(dash - c->w[q]);
        memcpy(b, c->w[q], l), b[l] = '\0';
        if (l && !(b[0] >= '0' && b[0] <= '9')) return class_key(c, b);
    }
    return -1;
}

/* A figure right after its verb measures the subject of the clause: "The
 * annual inflation rate in the 11 nations that adopt the euro ... fell to
 * 0.9 percent", "Annual inflation stood at 1 percent". Without parts of
 * speech: the verb is a change cue or a linking verb just before the figure
 * (a preposition between), the clause starts after the last comma before it
 * (or the sentence's start), and the subject is the first run of content
 * words of the clause, its head the run's last word (the words after it,
 * "in the 11 nations that...", qualify it). Returns the head's token or -1;
 * *from gets the run's first word. */
static int clause_subject(const sent_ctx *c, int first, int *from)
{
    CX_LEXICON_OF(change_cues);
    CX_LEXICON_OF(linking_verbs);
    int v = first - 1;
    if (word_is(c, v, "to") || word_is(c, v, "at") || word_is(c, v, "by")) v--;
    if (!is_word(c, v) || c->t[v].cap || word_is(c, v, "now") || word_is(c, v, "latest") ||
        !(IN(change_cues, c->w[v], c->wl[v]) || IN(linking_verbs, c->w[v], c->wl[v])))
        return -1;
    int start = 0;
    for (int q = v - 1; q >= 0; q--)
        if (!is_word(c, q) && strchr(",;:", c->text[c->t[q].start])) {
            start = q + 1;
            break;
        }
    int a = start;
    while (a < v && is_word(c, a) && cx_is_stopword(c->w[a], c->wl[a])) a++;
    int e = a;
    while (e < v && e < a + 4 && is_word(c, e) && !cx_is_stopword(c->w[e], c->wl[e]) &&
           !(c->w[e][0] >= '0' && c->w[e][0] <= '9') && number_word(c->w[e], c->wl[e]) < 0 &&
           (e == a || only_spaces(c->text + c->t[e - 1].end, c->t[e].start - c->t[e - 1].end)))
        e++;
    if (e == a || (e < v && is_word(c, e) && !cx_is_stopword(c->w[e], c->wl[e]))) return -1;
    /* a subject in the third person: not "he", "they" (stopwords), not a verb form */
    const char *x = c->w[e - 1];
    size_t xl = c->wl[e - 1];
    if (xl > 4 && !strcmp(x + xl - 3, "ing")) return -1;
    *from = a;
    return e - 1;
}


/* f takes what p measures (its noun given once for both values). */
static int measure_as(cx_fact *f, const cx_fact *p)
{
    char *w = cx_strdup(p->what);
    if (!w) return CHORUS_ENOMEM;
    free(f->what), f->what = w;
    f->key = p->key, f->qual = p->qual, f->relative = p->relative, f->extent = p->extent;
    free(f->mods), f->mods = NULL, f->n_mods = 0;
    if (p->n_mods) {
        if (!(f->mods = malloc(p->n_mods * sizeof *f->mods))) return CHORUS_ENOMEM;
        memcpy(f->mods, p->mods, p->n_mods * sizeof *f->mods), f->n_mods = p->n_mods;
    }
    return 0;
}

/* The last figure read in this sentence (claims and weekdays read between
 * skipped), or NULL. */
static cx_fact *last_quantity(cx_fact *out, size_t n, int doc, int sent)
{
    for (size_t k = n; k-- > 0;) {
        if (out[k].doc != doc || out[k].sent != sent) return NULL;
        if (out[k].dim != CX_DIM_CLAIM && out[k].dim != CX_DIM_WEEKDAY) return &out[k];
    }
    return NULL;
}

/* A change stated with both its values: "cut the rate to 3 percent from 3.3
 * percent", "rose from 25 to 30 people". The figure just before ("to Y" then
 * "from X", or "from X" then "to Y") is the same quantity: the value after
 * "from" is marked as the earlier (era -1), and the one of the two without a
 * noun of its own measures what the other does. f is the figure starting at
 * token `first`; out[0..n) the facts read so far. */
static int change_pair(const sent_ctx *c, int doc, int sent, int first, int has_noun, cx_fact *f, cx_fact *out, size_t n)
{
    if (first < 2) return 0;
    cx_fact *p = last_quantity(out, n, doc, sent);
    if (!p || p->dim != f->dim || p->dim == CX_DIM_AGE || p->dim == CX_DIM_YEAR) return 0;
    int from_now = word_is(c, first - 1, "from"), to_now = word_is(c, first - 1, "to");
    /* "3.3 percent before the cut, now 3 percent": the figure after "now" is the later */
    int now_cue = word_is(c, first - 1, "now");
    if (!from_now && !to_now && !now_cue) return 0;
    /* p ends just before that word ("up from", "down from": before those): spaces or a comma between */
    size_t gap = c->t[first - 1].start;
    if (from_now && (word_is(c, first - 2, "up") || word_is(c, first - 2, "down"))) gap = c->t[first - 2].start;
    if (p->end > gap) return 0;
    int p_tok = 0, words = 0;
    while (p_tok < c->nt && c->t[p_tok].start < p->start) p_tok++;
    for (int q = p_tok; q < c->nt && c->t[q].start < gap; q++)
        if (c->t[q].start >= p->end) {
            if (!is_word(c, q) && c->text[c->t[q].start] != ',') return 0;
            words += is_word(c, q);
        }
    /* "30 people were killed in the attack, up from 25": a few words may
     * come between a figure and its "up from"; "to 3 percent from" none */
    if (words > (gap < c->t[first - 1].start || now_cue ? 6 : 0)) return 0;
    cx_fact *earlier;
    if (now_cue)
        earlier = p;
    else if (from_now && gap < c->t[first - 1].start)
        earlier = f; /* "30 killed, up from 25" */
    else if (from_now && p_tok > 0 && (word_is(c, p_tok - 1, "to") || change_verb(c, p_tok - 1)))
        earlier = f; /* "to 3 percent from 3.3 percent", "rose 5 percent from..." */
    else if (to_now && p_tok > 1 && word_is(c, p_tok - 1, "from") && change_verb(c, p_tok - 2))
        earlier = p; /* "rose from 25 to 30 people"; "ranging from 10 seats to 40" is a range */
    else
        return 0;
    earlier->era = -1;
    cx_fact *later = earlier == f ? p : f;
    (void)later;
    if (!has_noun) return measure_as(f, p);
    if (p->key < 0 && f->key >= 0) return measure_as(p, f);
    return 0;
}

/* "a decade", "a century": the article and a unit that is a round amount of
 * years; read as about one of it ("a year", "a week" are too often a rate:
 * "$5 a year") */
static int a_round_unit(const sent_ctx *c, int i)
{
    return (word_is(c, i, "a") || word_is(c, i, "an")) &&
           (word_is(c, i + 1, "decade") || word_is(c, i + 1, "century"));
}

/* The owner a possessive names ("the station's" lifetime), pushed as the
 * fact's holder: a thing given with its owner is fully named. Looks at
 * token q only. */
static int push_possessor(cx_fact *f, const sent_ctx *c, int q)
{
    if (!is_word(c, q) || f->n_holder) return 0;
    const char *x = c->w[q];
    size_t l = c->wl[q];
    if (l < 3 || x[l - 1] != 's' || x[l - 2] != '\'') return 0;
    char b[40];
    snprintf(b, sizeof b, "%.*s", (int)(l - 2), x);
    return push_holder(f, b);
}

/* An appositive after the figure names what it measures: "for a decade, the
 * station's estimated lifetime, at...". A short run of words after a comma,
 * opened by a determiner or a possessive and closed by a comma, whose last
 * word is a common noun (not a verb: ", the spokesman said,"). Returns the
 * head's token or -1; *from gets the run's first word. */
static int appositive_head(const sent_ctx *c, int k, int *from)
{
    if (k + 2 >= c->nt || c->text[c->t[k].start] != ',' || !is_word(c, k + 1)) return -1;
    int a = k + 1;
    const char *d = c->w[a];
    size_t dl = c->wl[a];
    int poss = dl > 2 && d[dl - 1] == 's' && d[dl - 2] == '\'';
    if (!(word_is(c, a, "the") || word_is(c, a, "its") || word_is(c, a, "their") || poss)) return -1;
    int e = a + 1;
    while (e < c->nt && e < a + 5 && is_word(c, e)) e++;
    if (e >= c->nt || e == a + 1 || c->text[c->t[e].start] != ',') return -1;
    int h = e - 1;
    const char *x = c->w[h];
    size_t l = c->wl[h];
    if (c->t[h].cap || cx_is_stopword(x, l) || (l > 3 && !strcmp(x + l - 2, "ed")) || word_is(c, h, "said") ||
        word_is(c, h, "says") || (x[0] >= '0' && x[0] <= '9'))
        return -1;
    *from = poss ? a : a + 1;
    return h;
}

/* The noun of the words from token q: determiners and the like skipped,
 * then a run of up to four content words ("all welfare cases", "the Kenya
 * population", "the lake's"), its last common word (else its last word);
 * the stem id, or -1. */
static int32_t noun_after(const sent_ctx *c, int q)
{
    for (int skip = 0; skip < 2 && is_word(c, q) && !c->t[q].cap && cx_is_stopword(c->w[q], c->wl[q]); skip++) q++;
    int last = -1, last_common = -1;
    for (int k = q; k < c->nt && k < q + 4 && is_word(c, k) && c->wl[k]; k++) {
        if ((!c->t[k].cap && cx_is_stopword(c->w[k], c->wl[k])) || (c->w[k][0] >= '0' && c->w[k][0] <= '9')) break;
        last = k;
        if (!c->t[k].cap) last_common = k;
        if (c->wl[k] > 2 && !strcmp(c->w[k] + c->wl[k] - 2, "'s")) break; /* "the lake's" */
    }
    int h = last_common >= 0 ? last_common : last;
    if (h < 0) return -1;
    size_t l = c->wl[h];
    if (l > 2 && !strcmp(c->w[h] + l - 2, "'s")) l -= 2;
    return stem_of(c, c->w[h], l);
}

static int quantity_at(const sent_ctx *c, int doc, int sent, int i, cx_fact **out, size_t *n, size_t *cap, int *rc)
{
    CX_LEXICON_OF(year_before);
    int k0, i0 = i, definite = 0;
    cx_story *s = c->s;
    const char *w = c->w[i];
    size_t wl = c->wl[i];
    double v = 0, step = 1;
    int zeros = 0, words = 0;
    /* a grouping space ("2 500") joins tokens below; inside a token only a mark groups */
    char grp = c->grp == ' ' || c->grp == c->dec ? '\0' : c->grp;
    size_t used = c->t[i].end - c->t[i].start >= sizeof c->w[i] ? 0 : parse_digits_in(w, wl, c->dec, grp, &v, &step, &zeros);
    const char *rest = w + used; /* "-year-old", "-foot", "" */
    CX_LEXICON_OF(vague_words);
    int vague = used ? 0 : IN(vague_words, w, wl);
    if (vague) {
        v = vague_lo[vague - 1], words = 1, rest = "";
        if (word_is(c, i + 1, "of") && i + 2 < c->nt && (k0 = IN(vague_words, c->w[i + 2], c->wl[i + 2])) && k0 >= 3)
            v *= vague_lo[k0 - 1] / 2, i += 2; /* "hundreds of millions" */
    } else if (!used && a_round_unit(c, i)) {
        v = 1, words = 1, rest = ""; /* "a decade": one of a unit that is itself a round amount */
    } else if (!used) {
        double nw = number_word(w, wl);
        if (nw < 0) {
            const char *dash = strchr(w, '-');
            if (!dash) return i + 1;
            char head[40];
            memcpy(head, w, (size_t)(dash - w)), head[dash - w] = '\0';
            nw = number_word(head, strlen(head));
            if (nw < 0 || (nw <= 1 && strncmp(dash, "-year-old", 9))) return i + 1;
            rest = dash;
        } else
            rest = ""; /* "five minutes": the whole word is the number */
        v = nw, words = 1;
        if (!*rest && v <= 1 && !(i + 1 < c->nt && (scale_word(c->w[i + 1], c->wl[i + 1]) || unit_of(c->w[i + 1]))))
            return i + 1; /* "one of them", "no one" */
    }
    /* not an amount: part of a name ("Apollo 11"), a date ("Dec. 3"), a time, a reference */
    if (i > 0 && is_word(c, i - 1)) {
        const char *p = c->w[i - 1];
        if (month_of(p, c->wl[i - 1]) && !words) return i + 1;
        int first;
        if (c->t[i - 1].cap && !hedge_before(c, i, &first) && !words && strcmp(p, "us$") && i - 1 > 0 &&
            !cx_is_stopword(p, c->wl[i - 1]))
            return i + 1;
        if (!strcmp(p, "no.") || !strcmp(p, "page") || !strcmp(p, "number") || !strcmp(p, "route")) return i + 1;
    }
    if (i + 1 < c->nt) {
        const char *nx = c->text + c->t[i + 1].start;
        if (*nx == ':' || *nx == '/' || (*nx == '-' && c->t[i + 1].kind == CX_W_PUNCT)) return i + 1;
        CX_LEXICON_OF(not_amount_after);
        if (IN(not_amount_after, c->w[i + 1], c->wl[i + 1])) return i + 1;
    }
    if (i > 0 && c->t[i - 1].end == c->t[i].start && c->text[c->t[i - 1].start] == '-') return i + 1; /* "-5" joined */
    int a = i, e = i + 1, grouped = strchr(w, c->grp ? c->grp : ',') != NULL;
    /* "2 500", "1 250 000": groups of three digits after a space, where the language groups so */
    if (c->grp == ' ' && used == wl && step == 1 && v < 1000)
        while (e < c->nt && is_word(c, e) && c->wl[e] == 3 && c->t[e].start == c->t[e - 1].end + 1 &&
               c->text[c->t[e - 1].end] == ' ' && c->w[e][0] >= '0' && c->w[e][0] <= '9' && c->w[e][1] >= '0' &&
               c->w[e][1] <= '9' && c->w[e][2] >= '0' && c->w[e][2] <= '9') {
            v = v * 1000 + atoi(c->w[e]);
            zeros = c->w[e][2] != '0' ? 0 : c->w[e][1] != '0' ? 1 : c->w[e][0] != '0' ? 2 : zeros + 3;
            e++, grouped = 1;
        }
    i = e - 1; /* the last token of the number */
    /* scale words: "1.5 million", "1,5 milliard" */
    while (!*rest && e < c->nt && is_word(c, e)) {
        double m = multiplier_of(c, e);
        if (!m) break;
        v *= m, step *= m, e++;
    }
    if (words && step == 1) step = v >= 100 ? v : 1; /* "four" is exact; "two million" rounded */
    int whole = 0; /* "64 of the 122 seats": 122 is the whole a part is counted in */
    for (int q = a - 1, det = 0; q >= 1 && det < 2; q--, det++) {
        if (word_is(c, q, "the") || word_is(c, q, "its") || word_is(c, q, "their")) continue;
        if (word_is(c, q, "of") && is_word(c, q - 1) &&
            ((c->w[q - 1][0] >= '0' && c->w[q - 1][0] <= '9') || number_word(c->w[q - 1], c->wl[q - 1]) >= 0))
            whole = 1; /* "eight of the 13 spending bills" */
        break;
    }
    cx_fact f = {0};
    f.doc = doc, f.sent = sent, f.key = -1, f.qual = -1, f.currency = -1, f.day = INT64_MIN;
    f.relative = whole ? 2 : 0;
    int first;
    f.hedge = hedge_before(c, a, &first);
    if (vague) f.hedge = CX_HEDGE_VAGUE, first = i0;
    /* "a dozen" is a round number: about twelve */
    if (!f.hedge && words && (word_is(c, i0, "dozen") || a_round_unit(c, i0))) f.hedge = CX_HEDGE_ABOUT;
    /* currency before the number */
    CX_LEXICON_OF(currency_before);
    int cb = 0;
    if (a > 0 && (cb = IN(currency_before, c->w[a - 1], c->wl[a - 1]))) {
        f.dim = CX_DIM_MONEY, f.currency = stem_of(c, currency_before_name[cb - 1], strlen(currency_before_name[cb - 1]));
        f.unit = cx_strndup(c->text + c->t[a - 1].start, c->t[a - 1].end - c->t[a - 1].start);
        f.hedge = hedge_before(c, a - 1, &first);
        if (!f.hedge) first = a - 1;
    } else if (a > 0 && c->t[a - 1].kind == CX_W_PUNCT && c->text[c->t[a - 1].start] == '$') {
        f.dim = CX_DIM_MONEY, f.currency = stem_of(c, "dollars", 7), f.unit = cx_strdup("$");
        f.hedge = hedge_before(c, a - 1, &first);
        if (!f.hedge) first = a - 1;
    }
    /* the age of a person: "22-year-old", "Aaron McKinney, 22," */
    int age = 0;
    if (!strcmp(rest, "-year-old") && v >= 1 && v <= 120) age = 1;
    else if (*rest == '-') { /* "36-foot", "3-percent", "15-year" */
        const unit_def *u = unit_of(rest + 1);
        if (!u || f.dim) {
            fact_clear(&f);
            return i + 1;
        }
        f.dim = u->dim;
        f.unit = cx_strdup(rest + 1);
        set_interval(&f, v, step, zeros, u->lo, u->hi);
    } else if (*rest) {
        fact_clear(&f);
        return i + 1; /* "3rd", "1990s", "10-12-14" */
    }
    if (!age && !f.dim && !words && !f.hedge && v >= 1 && v <= 120 && step == 1 && a >= 2 &&
        c->text[c->t[a - 1].start] == ',' && is_word(c, a - 2) && c->t[a - 2].cap && e < c->nt &&
        (strchr(",.;)", c->text[c->t[e].start]) || word_is(c, e, "and")) && !(e + 1 < c->nt && month_of(c->w[e + 1], c->wl[e + 1])))
        age = 2;
    if (age) {
        f.dim = CX_DIM_AGE, f.unit = cx_strdup("years");
        f.value = v, f.lo = f.rlo = v - 0.5, f.hi = f.rhi = v + 0.5;
        int ha = -1, he = -1;
        if (age == 2) ha = cap_run_left(c, a - 1), he = a - 1;
        else if (a >= 2 && (word_is(c, a - 1, "a") || word_is(c, a - 1, "an")) && c->text[c->t[a - 2].start] == ',' &&
                 is_word(c, a - 3) && c->t[a - 3].cap)
            ha = cap_run_left(c, a - 2), he = a - 2;
        else {
            int k = a + 1;
            while (k < c->nt && k < a + 3 && is_word(c, k) && !c->t[k].cap && !cx_is_stopword(c->w[k], c->wl[k]) &&
                   !(k + 1 < c->nt && !is_word(c, k + 1)) && !(k + 1 < c->nt && c->t[k + 1].cap && 0))
                k++;
            if (k < c->nt && is_word(c, k) && c->t[k].cap) ha = k, he = cap_run_right(c, k);
            else if (k < c->nt && is_word(c, k) && !cx_is_stopword(c->w[k], c->wl[k])) {
                ha = k, he = k + 1;
                /* "the 21-year-old student, Matthew Shepard" */
                if (he + 1 < c->nt && c->text[c->t[he].start] == ',' && is_word(c, he + 1) && c->t[he + 1].cap) {
                    int ne = cap_run_right(c, he + 1);
                    if (ne - (he + 1) >= 2) ha = he + 1, he = ne;
                }
            }
        }
        if (ha < 0 || he <= ha) {
            fact_clear(&f);
            return e;
        }
        if ((*rc = set_holder_run(&f, c, ha, he))) {
            fact_clear(&f);
            return c->nt;
        }
        if (!f.n_holder) {
            fact_clear(&f);
            return e;
        }
        char *who = span_text(c, ha, he);
        cx_buf b;
        cx_buf_init(&b);
        cx_buf_printf(&b, "age of %s", who ? who : "");
        free(who);
        f.what = cx_buf_take(&b);
        f.start = c->t[first < a ? first : a].start, f.end = c->t[e - 1].end;
        f.text = cx_strndup(c->text + f.start, f.end - f.start);
        if (!(*rc = add_stems(c, ha - 6, he + 6, a, e, &f.near, &f.n_near))) *rc = push_fact(out, n, cap, &f);
        else
            fact_clear(&f);
        return e;
    }
    /* the unit after: "feet", "percent", "%", "crowns", "per cent" */
    int k = e;
    if (vague && word_is(c, k, "of")) k++; /* "dozens of Kurds", "millions of dollars" */
    if (!f.dim && k < c->nt) {
        const unit_def *u = NULL;
        CX_LEXICON_OF(currency_after);
        if (word_is(c, k, "per") && word_is(c, k + 1, "cent")) u = unit_of("percent"), k++;
        else if (c->t[k].kind == CX_W_PUNCT && c->text[c->t[k].start] == '%')
            u = unit_of("%");
        else if (is_word(c, k))
            u = unit_of(c->w[k]);
        if (u) {
            f.dim = u->dim;
            f.unit = cx_strndup(c->text + c->t[e].start, c->t[k].end - c->t[e].start);
            set_interval(&f, v, step, zeros, u->lo, u->hi);
            k++;
            if (u->dim == CX_DIM_TEMPERATURE && !strcmp(c->w[k - 1], "fahrenheit"))
                f.value = (f.value - 32) / 1.8, f.lo = (f.lo - 32) / 1.8, f.hi = (f.hi - 32) / 1.8,
                f.rlo = (f.rlo - 32) / 1.8, f.rhi = (f.rhi - 32) / 1.8;
            if (u->dim == CX_DIM_DURATION && word_is(c, k, "ago")) {
                fact_clear(&f);
                return k + 1; /* a time, not a length */
            }
        } else if (is_word(c, k) && IN(currency_after, c->w[k], c->wl[k])) {
            f.dim = CX_DIM_MONEY, f.currency = class_key(c, c->w[k]);
            f.unit = cx_strndup(c->text + c->t[k].start, c->t[k].end - c->t[k].start);
            k++;
        }
    }
    /* "percent" is no word of context: a share may be of anything, and every
     * rate of a story has the word (a length's "feet" at least says a size) */
    int unit_end = e;
    /* "a decade" is a round amount: it holds as much as its hedge, no more */
    if (a_round_unit(c, i0) && f.dim == CX_DIM_DURATION) f.rlo = f.lo, f.rhi = f.hi;
    if (f.dim == CX_DIM_MONEY && !f.lo && !f.hi) set_interval(&f, v, step, zeros, 1, 1);
    /* a year: "in 1988", "1994 accord" */
    if (!f.dim && !words && step == 1 && v >= 1800 && v <= 2100 && !grouped &&
        ((a > 0 && is_word(c, a - 1) && IN(year_before, c->w[a - 1], c->wl[a - 1])) ||
         (a > 0 && c->text[c->t[a - 1].start] == ','))) {
        f.dim = CX_DIM_YEAR, f.unit = cx_strdup("");
        f.value = v, f.lo = f.rlo = v - 0.5, f.hi = f.rhi = v + 0.5;
    }
    if (f.dim == CX_DIM_YEAR) {
        f.what = cx_strdup("year");
        f.start = c->t[a].start, f.end = c->t[e - 1].end;
        f.text = cx_strndup(c->text + f.start, f.end - f.start);
        if (!(*rc = add_stems(c, a - 5, e + 3, a, e, &f.near, &f.n_near))) *rc = push_fact(out, n, cap, &f);
        else
            fact_clear(&f);
        return e;
    }
    /* "30 feet (9 meters)": the conversion in brackets is the same figure */
    if (f.dim && f.dim != CX_DIM_COUNT && k + 2 < c->nt && c->text[c->t[k].start] == '(') {
        int q = k + 1;
        double v2;
        while (q < c->nt && c->text[c->t[q].start] != ')' && q < k + 6) q++;
        if (q < c->nt && c->text[c->t[q].start] == ')' &&
            cx_parse_number(c->text + c->t[k + 1].start, c->t[q].start - c->t[k + 1].start, &v2))
            k = q + 1;
    }
    /* "the 36-foot, 25,000-pound Unity": each figure of the list is of the noun after it */
    if (*rest == '-')
        while (k + 1 < c->nt && c->text[c->t[k].start] == ',' && is_word(c, k + 1) && c->w[k + 1][0] >= '0' &&
               c->w[k + 1][0] <= '9' && strchr(c->w[k + 1], '-'))
            k += 2;
    /* what is counted: a short run of words after the number (and unit) */
    /* "six or more bombs": a count's hedge may come between it and its noun
     * (its interval is set below, with the hedge) */
    if (!f.dim && !f.hedge && k + 2 < c->nt && is_word(c, k + 1) && hedge_after(c->w[k], c->w[k + 1]) &&
        hedge_after(c->w[k], c->w[k + 1]) != CX_HEDGE_ABOUT && is_word(c, k + 2) && !c->t[k + 2].cap &&
        !cx_is_stopword(c->w[k + 2], c->wl[k + 2]))
        f.hedge = hedge_after(c->w[k], c->w[k + 1]), k += 2;
    /* "the station's 15-year or more lifetime": the hedge after a compound
     * adjective comes before the noun it qualifies */
    int late_hedge = 0;
    if (*rest == '-' && !f.hedge && k + 2 < c->nt && is_word(c, k + 1) && is_word(c, k + 2) &&
        (late_hedge = hedge_after(c->w[k], c->w[k + 1])) && !c->t[k + 2].cap &&
        !cx_is_stopword(c->w[k + 2], c->wl[k + 2]))
        k += 2;
    else
        late_hedge = 0;
    int h0 = k, h1 = k;
    CX_LEXICON_OF(noun_skip);
    while (h1 < c->nt && h1 < k + 3 && is_word(c, h1)) {
        const char *x = c->w[h1];
        if (h1 == h0 && IN(noun_skip, x, c->wl[h1])) {
            f.relative = 1; /* "15 other nations": a part, not the whole */
            h0++, h1++;
            continue;
        }
        if ((!c->t[h1].cap && cx_is_stopword(x, c->wl[h1])) || month_of(x, c->wl[h1]) || (x[0] >= '0' && x[0] <= '9'))
            break;
        if (!isalnum((unsigned char)x[0]) && !((unsigned char)x[0] & 0x80)) break; /* "_", "--" */
        if (h1 > h0 && !only_spaces(c->text + c->t[h1 - 1].end, c->t[h1].start - c->t[h1 - 1].end))
            break; /* "lifetime _ set the stage": a mark between two words ends the noun */
        h1++;
        /* a noun ends the run when a verb-like word follows */
        if (h1 < c->nt && is_word(c, h1) && !c->t[h1].cap && c->wl[h1] > 2 &&
            (!strcmp(c->w[h1] + c->wl[h1] - 2, "ed") || !strcmp(c->w[h1] + c->wl[h1] - 3, "ing")))
            break;
    }
    int head = h1 > h0 ? h1 - 1 : -1;
    /* without parts of speech: the head is the first plural-looking common
     * noun of the run ("vehicles" of "vehicles cross"), else its last
     * common word ("robot arm"), else its last name ("21 Israelis") */
    for (int q = h0, got = 0; q < h1 && !got; q++)
        if (!c->t[q].cap && c->wl[q] > 3 && c->w[q][c->wl[q] - 1] == 's') head = q, got = 1;
    if (!(head >= 0 && !c->t[head].cap && c->wl[head] && c->w[head][c->wl[head] - 1] == 's'))
        for (int q = h1 - 1, got = 0; q >= h0 && !got; q--) /* "robot arm": the last noun of a compound */
            if (!c->t[q].cap) head = q, got = 1;
    /* "18 feet long": the adjective says which extent, the noun before says of what */
    CX_LEXICON_OF(extent_words);
    int extent = -1; /* "63 feet long", "78 feet wide": which extent, kept as a modifier */
    if (head >= 0 && f.dim && IN(extent_words, c->w[head], c->wl[head])) extent = head, head = -1, h1 = h0;
    /* "15 years or more", "five minutes or less" */
    if (k + 1 < c->nt && head < 0 && !f.hedge) {
        int h = hedge_after(c->w[k], c->w[k + 1]);
        if (h) {
            f.hedge = h, k += 2;
            if (h == CX_HEDGE_MORE) f.hi = INFINITY;
            else if (h == CX_HEDGE_LESS)
                f.lo = 0;
            else
                f.lo *= 1 - HEDGE_SHARE, f.hi *= 1 + HEDGE_SHARE;
        }
    }
    if (late_hedge) {
        f.hedge = late_hedge;
        if (late_hedge == CX_HEDGE_MORE) f.hi = INFINITY;
        else if (late_hedge == CX_HEDGE_LESS)
            f.lo = 0;
        else
            f.lo *= 1 - HEDGE_SHARE, f.hi *= 1 + HEDGE_SHARE;
    }
    /* nothing after a measure but an appositive: it names what is measured */
    if (head < 0 && f.dim && f.dim != CX_DIM_COUNT) {
        int from, ah = appositive_head(c, k, &from);
        if (ah >= 0) {
            head = ah, h0 = from, h1 = ah + 1;
            for (int q = from; q < ah && !*rc; q++) *rc = push_possessor(&f, c, q);
        }
    }
    /* "10 percent of its membership", "$1.26 billion in worldwide investment":
     * the whole a share is of, what an amount is in */
    if (head < 0 && ((f.dim == CX_DIM_PERCENT && word_is(c, k, "of")) || (f.dim == CX_DIM_MONEY && word_is(c, k, "in")))) {
        int32_t id = noun_after(c, k + 1);
        if (id >= 0) f.whole = 1 + id;
    }
    /* "rose to 30 people from 25": a bare number after "from" is the count before it */
    const cx_fact *lq = !f.dim && head < 0 ? last_quantity(*out, *n, doc, sent) : NULL;
    int bare_change = lq && lq->dim == CX_DIM_COUNT && (word_is(c, first - 1, "from") || word_is(c, first - 1, "to"));
    if (!f.dim) {
        if (head < 0 && !bare_change) {
            fact_clear(&f);
            return e; /* a bare number: nothing to compare it on */
        }
        f.dim = CX_DIM_COUNT, f.unit = cx_strdup("");
        if (!words && v >= 1000 && !grouped && step == 1 && v <= 2100 && zeros < 2) {
            fact_clear(&f);
            return e; /* "1998 elections": a year used as a modifier */
        }
        set_interval(&f, v, step, zeros, 1, 1);
    }
    /* "the station's 15-year lifetime": its owner */
    if (head >= 0 && f.dim != CX_DIM_COUNT && !*rc) {
        *rc = push_possessor(&f, c, first - 1);
        for (int q = h0; q < head && !*rc; q++) *rc = push_possessor(&f, c, q);
    }
    if (head >= 0) {
        const char *cls = word_class(c->w[head]);
        /* what is counted, or what is measured ("Zarya"); "the 3.3 percent level" names no thing */
        f.key = f.dim != CX_DIM_COUNT ? measure_key(c, h0, head) : class_key(c, c->w[head]);
        definite = f.dim != CX_DIM_COUNT && !c->t[head].cap && word_is(c, first - 1, "the");
        size_t mcap = 0;
        /* the words before the counted noun say which of its kind: capitalized
         * ("US" troops), and for counts also common ones ("opposition" groups,
         * "weekly" flights: not "working" groups, not all flights) */
        for (int m = h0; m < head; m++)
            if (c->t[m].cap || (f.dim == CX_DIM_COUNT && !cx_is_stopword(c->w[m], c->wl[m]))) {
                int32_t id = stem_of(c, c->w[m], c->wl[m]);
                if (id >= 0 && CX_PUSH(f.mods, f.n_mods, mcap, id)) *rc = CHORUS_ENOMEM;
            }
        (void)cls;
        if (f.dim == CX_DIM_COUNT && !f.relative && counts_several(c, head)) f.relative = 3;
    }
    if (extent >= 0 && f.dim == CX_DIM_LENGTH) {
        int32_t id = stem_of(c, c->w[extent], c->wl[extent]);
        f.extent = id >= 0 ? id + 1 : 0;
    }
    /* the event a count is of: "21 others were wounded", "wounding 21", "killed or vanished" */
    const char *ev = NULL;
    int evat = -1;
    for (int q = (head >= 0 ? head + 1 : k); q < c->nt && q < (head >= 0 ? head : k) + 5 && !ev; q++)
        if (is_word(c, q) && (ev = event_of(c->w[q]))) evat = q;
    for (int q = first - 1; q >= 0 && q >= first - 2 && !ev; q--)
        if (is_word(c, q) && (ev = event_of(c->w[q]))) evat = q;
    if (ev) f.qual = stem_of(c, ev, strlen(ev));
    if (f.dim == CX_DIM_COUNT && head >= 0 && is_generic(c->w[head]) && !ev) {
        /* "27,000 people" says little alone; keep it with the generic key */
    }
    /* what, for the reader: the words after the number, and the event */
    cx_buf b;
    cx_buf_init(&b);
    if (head >= 0) cx_buf_append(&b, c->text + c->t[h0].start, c->t[head].end - c->t[h0].start);
    if (ev && (head < 0 || strcmp(c->w[head], c->w[evat]))) {
        if (b.len) cx_buf_putc(&b, ' ');
        cx_buf_append(&b, c->text + c->t[evat].start, c->t[evat].end - c->t[evat].start);
    }
    if (!b.len) {
        /* "inflation in the euro zone stood at 0.9 percent": the nearest
         * words before it that are not a verb say of what */
        CX_LEXICON_OF(change_cues);
        int q = first - 1, got = -1, subj_from = -1, subj = f.dim != CX_DIM_COUNT ? clause_subject(c, first, &subj_from) : -1;
        if (subj >= 0) q = -1; /* the subject of the clause says of what */
        for (; q >= 0 && q >= first - 6 && is_word(c, q); q--) {
            const char *x = c->w[q];
            size_t xl = c->wl[q];
            if (cx_is_stopword(x, xl) || IN(change_cues, x, xl) || (xl > 3 && !strcmp(x + xl - 2, "ed")) ||
                (xl > 4 && !strcmp(x + xl - 3, "ing")) || !strcmp(x, "stood") || event_of(x))
                continue;
            got = q;
            break;
        }
        if (subj >= 0) {
            cx_buf_append(&b, c->text + c->t[subj_from].start, c->t[subj].end - c->t[subj_from].start);
            cx_buf_printf(&b, " (%s)", cx_dim_name(f.dim));
            f.key = measure_key(c, subj_from, subj);
            definite = !c->t[subj].cap && word_is(c, subj_from - 1, "the"); /* "the unit is 18 feet long" */
        } else if (got >= 0) {
            int from = got;
            if (is_word(c, got - 1) && !cx_is_stopword(c->w[got - 1], c->wl[got - 1]) && !event_of(c->w[got - 1]))
                from = got - 1;
            cx_buf_append(&b, c->text + c->t[from].start, c->t[got].end - c->t[from].start);
            cx_buf_printf(&b, " (%s)", cx_dim_name(f.dim));
            if (f.dim != CX_DIM_COUNT) {
                f.key = measure_key(c, from, got);
                definite = !c->t[got].cap && (word_is(c, from - 1, "the") || word_is(c, got - 1, "the"));
            }
        } else
            cx_buf_puts(&b, cx_dim_name(f.dim));
    }
    f.what = cx_buf_take(&b);
    /* "to 3 percent from 3.3 percent", "from 25 to 30 people": two values of
     * one quantity, the one after "from" the earlier */
    if (!*rc) *rc = change_pair(c, doc, sent, first, head >= 0, &f, *out, *n);
    if (!*rc && bare_change && (f.era >= 0 || f.key < 0)) {
        fact_clear(&f);
        return e; /* a bare number that is no step of a change */
    }
    int last = head >= 0 && head >= k ? head + 1 : k;
    f.start = c->t[first].start, f.end = c->t[last - 1].end;
    f.text = cx_strndup(c->text + f.start, f.end - f.start);
    if (!*rc) *rc = add_stems(c, first - 6, last + 6, a, unit_end > e ? unit_end : e, &f.near, &f.n_near);
    /* "the cylinder", "the unit": a thing named in the two sentences before */
    if (!*rc && definite) *rc = add_referents(s, doc, sent, &f);
    if (!*rc) *rc = push_fact(out, n, cap, &f);
    else
        fact_clear(&f);
    return last > e ? last : e;
}

/* A noun of a list ("and", "or", "a, b and c"), not a verb or a clause:
 * a lower-case content word that is not a participle. */
static int list_noun(const sent_ctx *c, int i)
{
    if (!is_word(c, i) || cx_is_stopword(c->w[i], c->wl[i])) return 0;
    const char *w = c->w[i];
    size_t n = c->wl[i];
    if (w[0] >= '0' && w[0] <= '9') return 0;
    return !(n > 3 && (!strcmp(w + n - 2, "ed") || !strcmp(w + n - 3, "ing")));
}

/* "15,000 athletes, officials and media personnel", "200 police and
 * soldiers": the figure counts several kinds of things together, so it is no
 * count of the first noun alone. */
static int counts_several(const sent_ctx *c, int head)
{
    int k = head + 1;
    if (k < c->nt && (word_is(c, k, "and") || word_is(c, k, "or"))) return list_noun(c, k + 1);
    if (k >= c->nt || is_word(c, k) || c->text[c->t[k].start] != ',') return 0;
    for (int q = k + 1; q < c->nt && q <= k + 5; q++) {
        if (word_is(c, q, "and") || word_is(c, q, "or")) return q > k + 1 && list_noun(c, q + 1);
        if (!is_word(c, q)) {
            if (c->text[c->t[q].start] == ',') continue;
            return 0;
        }
        if (!list_noun(c, q)) return 0;
    }
    return 0;
}

static int is_preposition(const char *w);

/* Claims: "was (not) signed", "unsigned", "had not been signed". */
static int claim_at(const sent_ctx *c, int doc, int sent, int i, cx_fact **out, size_t *n, size_t *cap)
{
    const char *w = c->w[i];
    size_t wl = c->wl[i];
    if (wl < 6 || strcmp(w + wl - 2, "ed") || c->t[i].cap) return 0;
    CX_LEXICON_OF(be_words);
    int pol = 1, un = 0;
    char base[40];
    snprintf(base, sizeof base, "%s", w);
    if (!strncmp(w, "un", 2) && wl >= 8) {
        /* "unsigned" is "not signed" when "signed" is a word: the stem without "un" is a verb's */
        un = 1, pol = -1;
        memmove(base, base + 2, strlen(base + 2) + 1);
    }
    /* what would, could or is to be is no statement of what is */
    CX_LEXICON_OF(modal_words);
    for (int q = i - 1; q >= 0 && q >= i - 4; q--)
        if (is_word(c, q) && IN(modal_words, c->w[q], c->wl[q])) return 0;
    /* passive or predicate: a form of "be" before it (adverbs and "not" between) */
    int q = i - 1, be = -1, neg = 0;
    for (; q >= 0 && q >= i - 4 && is_word(c, q); q--) {
        if (is_negation(c->w[q])) neg = 1;
        /* between "be" and its participle stand only adverbs and "not":
         * "is facing an unexpected challenge" says nothing is unexpected */
        if (be < 0 && !is_negation(c->w[q]) && !IN(be_words, c->w[q], c->wl[q]) && !is_adverb(c, q)) break;
        if (IN(be_words, c->w[q], c->wl[q])) be = q;
        else if (be >= 0 && strcmp(c->w[q], "had") && strcmp(c->w[q], "has") && strcmp(c->w[q], "have") &&
                 !is_negation(c->w[q]))
            break;
        if (be >= 0 && q < be) {
        }
    }
    if (be >= 0 && is_negation(c->w[be])) neg = 1;
    if (neg) pol = -pol;
    int attributive = un && be < 0 && i + 1 < c->nt && is_word(c, i + 1) && !cx_is_stopword(c->w[i + 1], c->wl[i + 1]);
    if (be < 0 && !attributive) return 0;
    /* "is expected to produce", "is scheduled to make": a plan of an
     * action, no yes/no state of a thing */
    {
        CX_LEXICON_OF(plan_participles);
        if (word_is(c, i + 1, "to") && IN(plan_participles, w, wl)) return 0;
        CX_LEXICON_OF(claim_unasserted);
        for (int k = i - 1; k >= 0 && k >= i - 12 && is_word(c, k); k--)
            if (IN(claim_unasserted, c->w[k], c->wl[k])) return 0;
    }
    /* the agent ("signed by X") makes it a positive claim about the same thing */
    cx_fact f = {0};
    f.doc = doc, f.sent = sent, f.dim = CX_DIM_CLAIM, f.value = pol, f.lo = f.hi = f.rlo = f.rhi = pol;
    f.key = stem_of(c, base, strlen(base)), f.qual = -1, f.currency = -1, f.day = INT64_MIN;
    int a = be >= 0 ? be : i;
    while (a > 0 && is_word(c, a - 1) &&
           (is_negation(c->w[a - 1]) || !strcmp(c->w[a - 1], "had") || !strcmp(c->w[a - 1], "has") ||
            !strcmp(c->w[a - 1], "have") || is_adverb(c, a - 1))) /* "has largely been viewed" */
        a--;
    int subj = -1;
    if (attributive) subj = i + 1;
    else if (a > 0 && is_word(c, a - 1))
        subj = a - 1;
    {
        CX_LEXICON_OF(claim_no_subject);
        if (subj >= 0 && !attributive && IN(claim_no_subject, c->w[subj], c->wl[subj])) return 0;
    }
    /* "the cerebellum, which is involved": the claim is the cerebellum's */
    if (subj > 0 && !attributive && (word_is(c, subj, "which") || word_is(c, subj, "who"))) {
        int r = subj - 1;
        if (r > 0 && !is_word(c, r) && c->text[c->t[r].start] == ',') r--;
        if (!is_word(c, r) || cx_is_stopword(c->w[r], c->wl[r])) return 0; /* of what, unread */
        subj = r;
    }
    /* "the letter to the Iraqi government was signed": the noun before the preposition */
    if (subj > 0 && !attributive) {
        int q2 = subj - 1;
        while (q2 >= 0 && q2 > subj - 5 && is_word(c, q2) && !is_preposition(c->w[q2]) &&
               (c->t[q2].cap || !cx_is_stopword(c->w[q2], c->wl[q2]) || !strcmp(c->w[q2], "the") ||
                !strcmp(c->w[q2], "a") || !strcmp(c->w[q2], "an")))
            q2--;
        if (q2 > 0 && is_word(c, q2) && is_preposition(c->w[q2]) && is_word(c, q2 - 1) &&
            !cx_is_stopword(c->w[q2 - 1], c->wl[q2 - 1]))
            subj = q2 - 1;
    }
    int rc = 0;
    if (subj >= 0) {
        CX_LEXICON_OF(claim_pronouns);
        if (!IN(claim_pronouns, c->w[subj], c->wl[subj]) && !cx_is_stopword(c->w[subj], c->wl[subj]) &&
            !is_adverb(c, subj)) {
            char b[40];
            snprintf(b, sizeof b, "%s", c->w[subj]);
            rc = push_holder(&f, b);
            f.qual = stem_of(c, c->w[subj], c->wl[subj]); /* claims: the holder's stem */
        }
    }
    f.start = c->t[subj >= 0 && subj < a ? subj : a].start;
    f.end = c->t[attributive ? i + 1 : i].end;
    f.text = cx_strndup(c->text + f.start, f.end - f.start);
    f.unit = cx_strdup("");
    f.what = cx_strdup(base);
    if (!rc) rc = add_stems(c, 0, c->nt, i, i + 1, &f.near, &f.n_near);
    /* "It had not been signed": what "it" is, the sentence before says */
    const cx_doc *d = &c->s->docs[doc];
    if (!rc && sent > 0 && d->sents[sent - 1].para >= d->sents[sent].para - 1) {
        const cx_sent *pr = &d->sents[sent - 1];
        size_t ncap = f.n_near;
        for (size_t k = 0; k < pr->n_content && !rc; k++) {
            int dup = 0;
            for (size_t j = 0; j < f.n_near && !dup; j++) dup = f.near[j] == pr->content[k];
            if (!dup && CX_PUSH(f.near, f.n_near, ncap, pr->content[k])) rc = CHORUS_ENOMEM;
        }
    }
    if (rc) {
        fact_clear(&f);
        return rc;
    }
    return push_fact(out, n, cap, &f);
}

static int is_preposition(const char *w)
{
    static const char *const p[] = {"to", "of", "in", "for", "from", "with", "on", "at", "by", "about"};
    for (size_t k = 0; k < sizeof p / sizeof *p; k++)
        if (!strcmp(w, p[k])) return 1;
    return 0;
}

/* Words before a post that say the person no longer holds it ("outgoing",
 * "acting" or "caretaker" still hold it). */
static const char *const status_words[] = {"former", "ousted", "ex", "deposed", "then"};

/* Posts of named people: "French Finance Minister Dominique Strauss-Kahn",
 * "outgoing Premier Mesut Yilmaz". */
static int roles_of_sentence(const sent_ctx *c, int doc, int sent, cx_fact **out, size_t *n, size_t *cap)
{
    cx_mention *m;
    int nm = cx_mentions_scan(c->text, c->len, &m);
    if (nm <= 0) return nm;
    CX_LEXICON_OF(status_words);
    int rc = 0;
    for (int k = 0; k < nm && !rc; k++) {
        if (m[k].type != CX_ENT_PERSON || m[k].name_start <= m[k].start || m[k].end <= m[k].name_start) continue;
        /* the name: at least a given name and a surname */
        cx_wtok *nt_;
        int nn = cx_wtokenize(c->text + m[k].name_start, m[k].end - m[k].name_start, &nt_);
        int words = 0;
        for (int q = 0; q < nn; q++) words += nt_[q].kind == CX_W_WORD;
        if (nn > 0) free(nt_);
        if (words < 2) continue;
        /* a status word just before the post */
        size_t rs = m[k].start;
        int ti = 0;
        while (ti < c->nt && c->t[ti].start < m[k].start) ti++;
        int status = 0;
        if (ti > 0 && is_word(c, ti - 1) && IN(status_words, c->w[ti - 1], c->wl[ti - 1])) status = 1, rs = c->t[ti - 1].start;
        size_t re = m[k].name_start;
        while (re > rs && (c->text[re - 1] == ' ' || c->text[re - 1] == ',')) re--;
        /* the post's words: the last is its head ("Minister") */
        cx_fact f = {0};
        f.doc = doc, f.sent = sent, f.dim = CX_DIM_ROLE, f.key = -1, f.qual = -1, f.currency = -1, f.day = INT64_MIN;
        f.value = f.lo = f.hi = f.rlo = f.rhi = status ? -1 : 1;
        f.hedge = CX_HEDGE_NONE;
        f.start = (uint32_t)rs, f.end = (uint32_t)re;
        f.text = cx_strndup(c->text + rs, re - rs);
        f.unit = cx_strdup("");
        char *name = cx_strndup(c->text + m[k].name_start, m[k].end - m[k].name_start);
        cx_buf b;
        cx_buf_init(&b);
        cx_buf_printf(&b, "post of %s", name ? name : "");
        f.what = cx_buf_take(&b);
        if (name) rc = push_holder(&f, name);
        free(name);
        int last = -1;
        for (int q = ti; q < c->nt && c->t[q].start < m[k].name_start && !rc; q++) {
            if (!is_word(c, q)) continue;
            if (last >= 0) {
                int32_t id = stem_of(c, c->w[last], c->wl[last]);
                size_t mcap = f.n_mods;
                if (id >= 0 && CX_PUSH(f.mods, f.n_mods, mcap, id)) rc = CHORUS_ENOMEM;
            }
            last = q;
        }
        if (last >= 0) {
            /* "Premier" and "Prime Minister" are one post */
            const char *head = !strcmp(c->w[last], "premier") ? "minister" : c->w[last];
            f.key = stem_of(c, head, strlen(head));
            if (!strcmp(c->w[last], "premier")) {
                int32_t id = stem_of(c, "prime", 5);
                size_t mcap = f.n_mods;
                if (id >= 0 && CX_PUSH(f.mods, f.n_mods, mcap, id)) rc = CHORUS_ENOMEM;
            }
        }
        if (rc || f.key < 0) {
            fact_clear(&f);
            continue;
        }
        rc = push_fact(out, n, cap, &f);
    }
    free(m);
    return rc;
}

/* ---- slots: values in words -------------------------------------------------------
 * A slot is something one thing has one value of at a time, said in words:
 * the party a person belongs to, a person's condition or marital status, the
 * group that claimed an attack. Each is read by a small set of patterns in
 * the source's own words (the tables below):
 * - party: a name ending in "Party", "<name> party" or "party <name>", tied to
 *   a person by a possessive ("his", "her", "whose"), a post ("leader of",
 *   "chief of"), "from", a verb of founding or leading ("formed", "heads"), or
 *   a relative clause after it (", which Ecevit heads");
 * - condition: "in a coma", "in critical condition" (alive, hurt) against
 *   "died" (a person said to have died);
 * - marital status: "was divorced", "is married", "remarried", "was widowed";
 * - responsibility: "<group> (initially) claimed responsibility".
 * The person is the nearest name before the words in the sentence, else the
 * first name of the sentence before (a pronoun's antecedent, roughly). */

static const char *const party_links_before[] = {"his", "her", "whose", "from"};
static const char *const party_posts[] = {"leader", "leaders", "chief", "head", "founder", "co-founder", "member",
                                          "chairman", "chairwoman", "president"};
static const char *const party_verbs[] = {"founded", "formed", "heads", "leads", "led", "created", "headed",
                                          "established"};
static const char *const condition_grades[] = {"critical", "serious", "stable", "grave", "fair", "satisfactory"};
static const char *const marital_words[] = {"divorced", "married", "remarried", "widowed"};
static const char *const marital_norm[] = {"divorced", "married", "married", "widowed"};
static const char *const claim_verbs[] = {"claimed", "claims", "claiming", "claim"};
static const char *const era_before[] = {"initially", "first", "originally", "earlier"};

/* The full name an article gives earlier (sentences before `sent`) for a
 * surname said alone ("Ecevit" after "Bulent Ecevit"), or NULL. */
static char *full_name_of(const cx_story *s, int doc, int sent, const char *surname, size_t n)
{
    char want[64];
    if (n >= sizeof want || n < 3) return NULL;
    memcpy(want, surname, n), want[n] = '\0';
    char *got = NULL;
    for (int p = 0; p < sent && !got; p++) {
        const cx_sent *st = &s->docs[doc].sents[p];
        if (!memmem(st->text, st->len, surname, n)) continue; /* a cheap test first */
        cx_mention *m;
        int nm = cx_mentions_scan(st->text, st->len, &m);
        for (int k = 0; k < nm && !got; k++) {
            const char *a = st->text + m[k].name_start;
            size_t l = m[k].end - m[k].name_start;
            if (m[k].type != CX_ENT_PERSON || !memchr(a, ' ', l) || l >= 120) continue;
            char full[128];
            memcpy(full, a, l), full[l] = '\0';
            if (cx_same_person(full, want)) got = cx_strdup(full);
        }
        if (nm > 0) free(m);
    }
    return got;
}

/* A person's name ending before byte `before` of sentence `sent`: the
 * nearest mention that is a person's (a two-word name, or a surname the
 * article gave in full before). Returns a malloc'ed name or NULL. */
static char *person_before(const cx_story *s, int doc, int sent, size_t before, int *blocked, int first)
{
    const cx_sent *st = &s->docs[doc].sents[sent];
    const char *text = st->text;
    cx_mention *m;
    int nm = cx_mentions_scan(text, st->len, &m);
    if (nm <= 0) return NULL;
    char *got = NULL;
    for (int i = 0; i < nm && !got; i++) {
        int k = first ? i : nm - 1 - i;
        if (m[k].end > before) continue;
        const char *a = text + m[k].name_start;
        size_t n = m[k].end - m[k].name_start;
        int possessive = n > 2 && a[n - 1] == 's' && a[n - 2] == '\'';
        if (possessive) n -= 2; /* "Shepard's" */
        possessive |= m[k].end + 1 < st->len && text[m[k].end] == '\'' && text[m[k].end + 1] == 's';
        /* "the Republican People's Party": a name before an organisation's word is the organisation's */
        size_t after = m[k].end;
        if (after + 1 < st->len && text[after] == '\'' && text[after + 1] == 's') after += 2;
        while (after < st->len && text[after] == ' ') after++;
        char nx[24];
        size_t nl = 0;
        while (after + nl < st->len && nl + 1 < sizeof nx && text[after + nl] >= 'A' && text[after + nl] <= 'z' &&
               text[after + nl] != '[' && text[after + nl] != ']')
            nl++;
        nl = nl ? cx_lower_word(text + after, nl, nx, sizeof nx) : 0;
        if (nl && cx_is_org_word(nx, nl)) continue;
        if (memchr(a, ' ', n)) {
            if (m[k].type == CX_ENT_PERSON) got = cx_strndup(a, n);
        } else if (m[k].type != CX_ENT_ORG && !possessive) /* "Russia's parliament": more often a place */
            got = full_name_of(s, doc, sent, a, n);
        else if (possessive && blocked) {
            char lw[24];
            size_t ll = n < sizeof lw ? cx_lower_word(a, n, lw, sizeof lw) : 0;
            if (ll && !cx_is_calendar_word(lw, ll)) *blocked = 1; /* someone's, unsure whose: no guess */
        }
    }
    free(m);
    return got;
}

/* The person a slot at byte `at` of the sentence is said of: the nearest
 * name before it in the sentence, else the first of the sentence before
 * (or the one before that). */
static char *slot_person(const sent_ctx *c, int doc, int sent, size_t at)
{
    int blocked = 0;
    char *p = person_before(c->s, doc, sent, at, &blocked, 0);
    /* a pronoun's antecedent: the first person named in the sentences before (their subject, mostly) */
    for (int back = 1; !p && !blocked && back <= 2 && sent - back >= 0; back++)
        p = person_before(c->s, doc, sent - back, c->s->docs[doc].sents[sent - back].len, NULL, 1);
    return p;
}

/* Lower-case content words of a value, space-separated: "Russia's Democratic
 * Choice party" is "russia democratic choice"; the words "the" and "party"
 * and possessive endings are left out. */
static char *slot_norm(const sent_ctx *c, int a, int e)
{
    cx_buf b;
    cx_buf_init(&b);
    for (int k = a; k < e; k++) {
        if (!is_word(c, k) || !strcmp(c->w[k], "the") || !strcmp(c->w[k], "party")) continue;
        size_t n = c->wl[k];
        while (n && (c->w[k][n - 1] == '\'' || c->w[k][n - 1] == '.')) n--;
        if (n > 2 && c->w[k][n - 2] == '\'' && c->w[k][n - 1] == 's') n -= 2;
        if (!n) continue;
        if (b.len) cx_buf_putc(&b, ' ');
        cx_buf_append(&b, c->w[k], n);
    }
    return cx_buf_take(&b);
}

static int push_slot(const sent_ctx *c, int doc, int sent, const char *slot, const char *what_fmt,
                     const char *holder, int a, int e, char *norm, int era, cx_fact **out, size_t *n, size_t *cap)
{
    cx_fact f = {0};
    f.stable = !strcmp(slot, "party") || !strcmp(slot, "marital");
    f.doc = doc, f.sent = sent, f.dim = CX_DIM_SLOT, f.qual = -1, f.currency = -1, f.day = INT64_MIN;
    f.value = f.lo = f.hi = f.rlo = f.rhi = 0;
    f.key = stem_of(c, slot, strlen(slot));
    f.era = era;
    f.norm = norm;
    f.start = c->t[a].start, f.end = c->t[e - 1].end;
    f.text = cx_strndup(c->text + f.start, f.end - f.start);
    f.unit = cx_strdup("");
    cx_buf b;
    cx_buf_init(&b);
    cx_buf_printf(&b, what_fmt, holder ? holder : "");
    f.what = cx_buf_take(&b);
    int rc = 0;
    if (holder) {
        char *h = cx_strdup(holder);
        if (!h) rc = CHORUS_ENOMEM;
        for (char *p = h; p && *p; p++) *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
        if (!rc) rc = push_holder(&f, h);
        free(h);
    }
    if (rc || !f.norm || !*f.norm || f.key < 0) {
        fact_clear(&f);
        return rc;
    }
    return push_fact(out, n, cap, &f);
}

/* A run of capitalized words ending at token e-1 (an apostrophe mark
 * inside, "Workers' Party"); a sentence-initial "The" is left out. */
static int name_run_left(const sent_ctx *c, int e)
{
    int a = e;
    while (a - 1 >= 0 && e - a < 6 &&
           ((is_word(c, a - 1) && c->t[a - 1].cap) ||
            (a - 2 >= 0 && c->text[c->t[a - 1].start] == '\'' && c->t[a - 1].end == c->t[a - 1].start + 1 &&
             is_word(c, a - 2) && c->t[a - 2].cap)))
        a--;
    while (a < e && (!is_word(c, a) || cx_is_stopword(c->w[a], c->wl[a]))) a++; /* "The", "Although" */
    return a;
}

static int parties_of_sentence(const sent_ctx *c, int doc, int sent, cx_fact **out, size_t *n, size_t *cap)
{
    CX_LEXICON_OF(party_links_before);
    CX_LEXICON_OF(party_posts);
    CX_LEXICON_OF(party_verbs);
    int rc = 0;
    for (int p = 0; p < c->nt && !rc; p++) {
        if (!word_is(c, p, "party")) continue;
        int a, e, cue; /* the name [a, e); the words before the name or "party" at cue */
        if (c->t[p].cap && (a = name_run_left(c, p)) < p) e = p + 1, cue = a; /* "Democratic Left Party" */
        else if (!c->t[p].cap && (a = name_run_left(c, p)) < p && p - a >= 2)
            e = p + 1, cue = a; /* "Russia's Democratic Choice party" */
        else if (!c->t[p].cap) {
            /* "the reformist party Democratic Russia", "Her political party, Russia's Democratic Choice" */
            int q = p + 1 + (p + 1 < c->nt && c->text[c->t[p + 1].start] == ',');
            int r = cap_run_right(c, q);
            if (r - q < 2) continue;
            a = q, e = r, cue = p;
        } else
            continue;
        /* what ties it to a person: words just before (adjectives skipped) */
        int q = cue - 1;
        while (q >= 0 && q >= cue - 3 && is_word(c, q) && !c->t[q].cap &&
               (word_is(c, q, "the") || word_is(c, q, "a") || !cx_is_stopword(c->w[q], c->wl[q])) &&
               !IN(party_posts, c->w[q], c->wl[q]) && !IN(party_verbs, c->w[q], c->wl[q]))
            q--;
        int tied = q >= 0 && is_word(c, q) &&
                   (IN(party_links_before, c->w[q], c->wl[q]) || IN(party_verbs, c->w[q], c->wl[q]) ||
                    (word_is(c, q, "of") && is_word(c, q - 1) &&
                     (IN(party_posts, c->w[q - 1], c->wl[q - 1]) || (c->t[q - 1].cap && q - 1 > 0))));
        char *who = NULL;
        if (tied && word_is(c, q, "of") && c->t[q - 1].cap && !IN(party_posts, c->w[q - 1], c->wl[q - 1])) {
            /* "Bulent Ecevit of the Democratic Left Party": the name just before */
            int na = cap_run_left(c, q), org = 0;
            for (int k = na; k < q; k++) org |= cx_is_org_word(c->w[k], c->wl[k]) || cx_is_title_word(c->w[k], c->wl[k]);
            if (q - na >= 2 && !org) who = span_text(c, na, q);
        } else if (tied && word_is(c, q, "of") && word_is(c, q - 2, "the") &&
                   !(q - 3 >= 0 && c->text[c->t[q - 3].start] == ',')) {
            /* "The leader of the Democratic Turkey Party, Husamettin Cindoruk": the name after
             * (but "Abdullah Ocalan, the chief of the ... Party": the name before) */
            if (e + 1 < c->nt && c->text[c->t[e].start] == ',' && cap_run_right(c, e + 1) - (e + 1) >= 2)
                who = span_text(c, e + 1, cap_run_right(c, e + 1));
        } else if (tied)
            who = slot_person(c, doc, sent, c->t[q >= 0 ? q : 0].start);
        else if (e + 2 < c->nt && c->text[c->t[e].start] == ',' && word_is(c, e + 1, "which")) {
            /* "The Democratic Socialist Party, which Ecevit heads" */
            int v = e + 2;
            while (v < c->nt && v < e + 6 && is_word(c, v) && c->t[v].cap) v++;
            if (v > e + 2 && v < c->nt && IN(party_verbs, c->w[v], c->wl[v])) {
                char *name = cx_strndup(c->text + c->t[e + 2].start, c->t[v - 1].end - c->t[e + 2].start);
                /* a surname alone: the article's full name for it, when an earlier sentence gives one */
                who = name && !strchr(name, ' ') ? slot_person(c, doc, sent, c->t[e + 2].start) : NULL;
                if (who && !cx_same_person(who, name)) free(who), who = NULL;
                if (!who) who = name;
                else
                    free(name);
            }
        }
        if (!who) continue;
        rc = push_slot(c, doc, sent, "party", "party of %s", who, a, e, slot_norm(c, a, e), 0, out, n, cap);
        free(who);
    }
    return rc;
}

/* A person's condition and marital status, the group that claimed an attack. */
static int states_of_sentence(const sent_ctx *c, int doc, int sent, cx_fact **out, size_t *n, size_t *cap)
{
    CX_LEXICON_OF(condition_grades);
    CX_LEXICON_OF(marital_words);
    CX_LEXICON_OF(claim_verbs);
    CX_LEXICON_OF(be_words);
    CX_LEXICON_OF(era_before);
    CX_LEXICON_OF(modal_words);
    int rc = 0;
    for (int i = 0; i < c->nt && !rc; i++) {
        if (!is_word(c, i)) continue;
        int a = -1, e = -1, k;
        const char *norm = NULL, *slot = NULL, *fmt = NULL;
        if (word_is(c, i, "coma") && word_is(c, i - 1, "a") && word_is(c, i - 2, "in"))
            a = i - 2, e = i + 1, norm = "alive", slot = "condition", fmt = "condition of %s";
        else if (word_is(c, i, "condition") && is_word(c, i - 1) && IN(condition_grades, c->w[i - 1], c->wl[i - 1]))
            a = i - 1, e = i + 1, norm = "alive", slot = "condition", fmt = "condition of %s";
        else if (word_is(c, i, "died") && !word_is(c, i - 1, "who") && !word_is(c, i - 2, "whose") &&
                 !word_is(c, i - 3, "whose"))
            a = i, e = i + 1, norm = CX_SLOT_FINAL, slot = "condition", fmt = "condition of %s";
        else if ((k = IN(marital_words, c->w[i], c->wl[i])) &&
                 ((is_word(c, i - 1) && IN(be_words, c->w[i - 1], c->wl[i - 1])) || !strcmp(c->w[i], "remarried")))
            a = i, e = i + 1, norm = marital_norm[k - 1], slot = "marital", fmt = "marital status of %s";
        else if (word_is(c, i, "responsibility") && is_word(c, i - 1) && IN(claim_verbs, c->w[i - 1], c->wl[i - 1])) {
            /* the group just before the verb (adverbs between) */
            int v = i - 2, era = 0;
            while (v >= 0 && v >= i - 4 && is_word(c, v) && !c->t[v].cap &&
                   (IN(era_before, c->w[v], c->wl[v]) || (c->wl[v] > 3 && !strcmp(c->w[v] + c->wl[v] - 2, "ly")) ||
                    word_is(c, v, "has") || word_is(c, v, "had") || word_is(c, v, "also") || word_is(c, v, "now"))) {
                if (IN(era_before, c->w[v], c->wl[v])) era = -1;
                if (word_is(c, v, "now")) era = 1;
                v--;
            }
            /* "Hamas, which has tried to stop the peace agreement, claimed" */
            if (v > 0 && !is_word(c, v) && c->text[c->t[v].start] == ',')
                for (int q = v - 2; q > 0 && q >= v - 16; q--)
                    if ((word_is(c, q, "which") || word_is(c, q, "who")) && c->text[c->t[q - 1].start] == ',') {
                        v = q - 2;
                        break;
                    }
            int ga = name_run_left(c, v + 1);
            if (ga > v || (ga > 0 && is_word(c, ga - 1) && cx_is_title_word(c->w[ga - 1], c->wl[ga - 1]))) continue;
            rc = push_slot(c, doc, sent, "responsibility", "who claimed responsibility%s", NULL, ga, v + 1,
                           slot_norm(c, ga, v + 1), era, out, n, cap);
            continue;
        } else
            continue;
        /* a possibility or a negation is no statement of the state */
        int skip = 0;
        for (int q = a - 1; q >= 0 && q >= a - 3 && is_word(c, q) && !skip; q--)
            skip = is_negation(c->w[q]) || IN(modal_words, c->w[q], c->wl[q]);
        if (skip) continue;
        char *who = slot_person(c, doc, sent, c->t[a].start);
        if (!who) continue;
        rc = push_slot(c, doc, sent, slot, fmt, who, a, e, cx_strdup(norm), 0, out, n, cap);
        free(who);
    }
    return rc;
}

/* ---- slots that change while a story runs: an illness, charges ----------------
 * - illness: a noun WordNet files under ill health (a disease, an infection,
 *   an injury; Debian's wordnet-base, read at run time) after "suffering
 *   from", "has a", "bout of", "diagnosed with", "weakened by a"...: "He has
 *   a cold", "suffering from bronchitis and a cold" (two); "has a history",
 *   "worse than a cold" are none;
 * - charges: the offences after "charged with", "charges of", or between
 *   "on" / "face" and "charges": "charges of kidnapping, aggravated robbery
 *   and attempted first-degree murder" is a list of three. "Attempted" is
 *   part of the offence: an attempted murder is not a murder. A charge that
 *   is only expected ("expected to face first-degree murder charges") is
 *   none.
 * - burial place: a capitalized name after "in" or "at" following "buried",
 *   "interred", "burial" (a funeral: after "in" only), a few words of time
 *   between ("is scheduled for Tuesday in the settlement of Gorelovo").
 * All are values at a time: two of them are an update when the times say
 * which came first, else a conflict. */

static const char *const weekday_names[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                            "sunday"};
/* Present states only: "suffered from heart disease during the 1996
 * election" and "had a heart attack" tell a history, not the illness now. */
static const char *const illness_cues[][2] = {
    {"suffering", "from"}, {"suffers", "from"}, {"recovering", "from"}, {"bout", "of"}, {"diagnosed", "with"},
    {"ill", "with"},       {"treated", "for"},  {"hospitalized", "with"}, {"has", "a"}, {"has", "an"},
    {"weakened", "by"}};
/* The class in WordNet's noun hierarchy an illness noun falls under. */
#define ILLNESS_CLASS "ill_health"
static const char *const offence_stops[] = {"that", "which", "who", "during", "in", "for", "after", "before",
                                            "against", "under", "over", "since", "from", "at", "on", "by"};
static const char *const expectation_words[] = {"expected", "likely", "possible", "possibly", "probably"};

/* A noun phrase of an illness starting at token a (an article "a"/"an"
 * skipped): up to three lower-case words whose last is an illness.
 * Returns its end (exclusive) and sets *from, or -1. */
static int illness_at(const sent_ctx *c, int a, int *from)
{
    if (word_is(c, a, "a") || word_is(c, a, "an")) a++;
    int best = -1;
    for (int e = a; e < c->nt && e < a + 3; e++) {
        if (!is_word(c, e) || c->t[e].cap || !c->wl[e] || cx_is_stopword(c->w[e], c->wl[e])) break;
        /* "respiratory infection" as one compound, else the head noun alone */
        char both[80];
        if (e > a && c->wl[e - 1] + c->wl[e] + 1 < sizeof both) {
            snprintf(both, sizeof both, "%s %s", c->w[e - 1], c->w[e]);
            if (cx_noun_is_a(both, strlen(both), ILLNESS_CLASS)) best = e + 1;
        }
        if (best != e + 1 && cx_noun_is_a(c->w[e], c->wl[e], ILLNESS_CLASS)) best = e + 1;
    }
    *from = a;
    return best;
}

/* Offences from token a: items split at commas, "and", "or", ended by any
 * other function word or mark. "attempted X" becomes the one word
 * "attempted-X" so that it is never taken for X. */
static char *offences_at(const sent_ctx *c, int a, int stop, int *end)
{
    CX_LEXICON_OF(offence_stops);
    cx_buf b;
    cx_buf_init(&b);
    int items = 0, words = 0, k = a, attempted = 0;
    /* a comma continues the list only when "and"/"or" follows: "charges of
     * corruption, made public" ends at the comma */
    int comma_at = -1, comma_items = 0;
    size_t comma_len = 0;
    for (; k < stop && k < a + 14; k++) {
        if (!is_word(c, k)) {
            if (c->text[c->t[k].start] == ',' && words) {
                if (comma_at < 0) comma_at = k, comma_len = b.len, comma_items = items;
                cx_buf_puts(&b, "; "), words = 0;
                continue;
            }
            break;
        }
        if (word_is(c, k, "and") || word_is(c, k, "or")) {
            comma_at = -1;
            if (!words || !is_word(c, k + 1) || IN(offence_stops, c->w[k + 1], c->wl[k + 1]) ||
                (cx_is_stopword(c->w[k + 1], c->wl[k + 1]) && !word_is(c, k + 1, "attempted")))
                break; /* "attempted murder and are expected to": the list has ended */
            if (words) cx_buf_puts(&b, "; "), words = 0;
            continue;
        }
        if (c->t[k].cap || IN(offence_stops, c->w[k], c->wl[k]) || cx_is_stopword(c->w[k], c->wl[k]) ||
            word_is(c, k, "charges") || word_is(c, k, "charge"))
            break;
        if (word_is(c, k, "attempted") || word_is(c, k, "attempt")) {
            attempted = 1;
            continue;
        }
        if (!words) items++;
        if (words) cx_buf_putc(&b, ' ');
        /* the offence's head is its last word: mark it, not the modifiers */
        int last = !(k + 1 < stop && is_word(c, k + 1) && !c->t[k + 1].cap && !word_is(c, k + 1, "and") &&
                     !word_is(c, k + 1, "or") && !IN(offence_stops, c->w[k + 1], c->wl[k + 1]) &&
                     !cx_is_stopword(c->w[k + 1], c->wl[k + 1]) && !word_is(c, k + 1, "charges"));
        if (last && attempted) cx_buf_puts(&b, "attempted-"), attempted = 0;
        cx_buf_append(&b, c->w[k], c->wl[k]);
        words++;
    }
    if (comma_at >= 0) k = comma_at, b.len = comma_len, items = comma_items;
    *end = k;
    char *v = cx_buf_take(&b);
    if (v) { /* a list ended by a comma: drop the empty item */
        size_t l = strlen(v);
        while (l >= 2 && v[l - 2] == ';' && v[l - 1] == ' ') v[l -= 2] = '\0';
    }
    if (!items && v) free(v), v = NULL;
    return v;
}

/* Whether the words just before token a make the statement a possibility,
 * an expectation or a denial ("could have a cold", "expected to face"). */
static int not_a_statement(const sent_ctx *c, int a)
{
    CX_LEXICON_OF(modal_words);
    CX_LEXICON_OF(expectation_words);
    for (int q = a - 1; q >= 0 && q >= a - 4 && is_word(c, q); q--)
        if (is_negation(c->w[q]) || IN(modal_words, c->w[q], c->wl[q]) || IN(expectation_words, c->w[q], c->wl[q]))
            return 1;
    return 0;
}

static const char *const burial_cues[] = {"buried", "interred", "burial", "entombed", "funeral"};
/* Words between the cue and the place: "is scheduled for Tuesday in". */
static const char *const burial_skip[] = {"is", "was", "will", "be", "to", "scheduled", "planned", "set", "expected",
                                          "on", "for", "next", "this", "later", "held"};

/* The place of a burial: "buried on Tuesday at the Nikolskoye cemetery",
 * "interred in the Alexander Nevsky Monastery", "a funeral is scheduled for
 * Tuesday in the settlement of Gorelovo": a capitalized name after "in" or
 * "at" (a funeral's "in" only: "the funeral at the museum" is the
 * service's hall, not the grave's town), "the <noun> of" skipped. Returns
 * the name's end and sets *from, or -1. */
static int burial_place_at(const sent_ctx *c, int cue, int *from)
{
    CX_LEXICON_OF(burial_skip);
    CX_LEXICON_OF(weekday_names);
    int k = cue + 1;
    while (k < c->nt && k <= cue + 6 && is_word(c, k) &&
           (IN(burial_skip, c->w[k], c->wl[k]) || (c->t[k].cap && IN(weekday_names, c->w[k], c->wl[k]))))
        k++;
    if (!(word_is(c, k, "in") || (word_is(c, k, "at") && !word_is(c, cue, "funeral")))) return -1;
    k++;
    if (word_is(c, k, "the")) k++;
    if (is_word(c, k) && !c->t[k].cap && word_is(c, k + 1, "of")) k += 2; /* "the settlement of" */
    int e = cap_run_right(c, k);
    if (e - k < 1 || e - k > 5) return -1;
    *from = k;
    return e;
}

/* The person an article is about, by the sentences before `upto`: the full
 * name (two words or more) whose surname is named most often; NULL when
 * none is named. */
static char *main_person(const cx_story *s, int doc, int upto)
{
    char *names[32];
    int counts[32], person[32], nn = 0;
    const cx_doc *d = &s->docs[doc];
    for (int p = 0; p < upto && (size_t)p < d->n_sents; p++) {
        const cx_sent *st = &d->sents[p];
        cx_mention *m;
        int nm = cx_mentions_scan(st->text, st->len, &m);
        for (int k = 0; k < nm; k++) {
            if (m[k].type == CX_ENT_ORG) continue; /* a surname alone is often typed a place */
            const char *a = st->text + m[k].name_start;
            size_t l = m[k].end - m[k].name_start;
            if (l >= 120) continue;
            char name[128];
            memcpy(name, a, l), name[l] = '\0';
            int q = 0;
            while (q < nn && !cx_same_person(names[q], name)) q++;
            if (q < nn) {
                counts[q]++;
                person[q] |= m[k].type == CX_ENT_PERSON;
                /* keep the fuller form */
                if (strlen(name) > strlen(names[q]) && strchr(name, ' ')) {
                    char *t = cx_strdup(name);
                    if (t) free(names[q]), names[q] = t;
                }
            } else if (nn < 32 && (names[nn] = cx_strdup(name)))
                person[nn] = m[k].type == CX_ENT_PERSON, counts[nn++] = 1;
        }
        if (nm > 0) free(m);
    }
    int best = -1;
    for (int q = 0; q < nn; q++)
        if (person[q] && strchr(names[q], ' ') && (best < 0 || counts[q] > counts[best])) best = q;
    char *got = best >= 0 ? names[best] : NULL;
    for (int q = 0; q < nn; q++)
        if (q != best) free(names[q]);
    return got;
}

/* ---- who is to form a government ------------------------------------------------
 * A slot of the story, not of a person: its value is the person charged with
 * forming the government (a premier-designate), which changes when one gives
 * up and another takes over. Read from the title ("Premier-designate Bulent
 * Ecevit") or from the person named just before "to form a (new, coalition)
 * government" ("Ecevit, who was asked to form a new government", "Erez took
 * over efforts to form a government"): at most DESIGNATE_GAP words between
 * them, so that "Demirel appeared likely to turn to some trusted lawmaker to
 * form the next government" names no one. "took over", "replaced" or
 * "succeeded" say the person holds it now (era +1). */
#define DESIGNATE_GAP 4

static const char *const takeover_cues[] = {"took", "taken", "takes", "replaced", "replacing", "succeeded", "succeeding"};
/* Between the person and "to form": the person does not (or no longer) form it */
static const char *const refusal_cues[] = {"declined", "declines", "refused", "refuses", "failed", "fails", "unable",
                                           "abandoned", "gave", "not", "never", "n't", "reluctant", "rejected"};

/* The person named just before byte `at`, with at most `gap` words between;
 * a surname alone is completed from the article's sentences before. */
static char *person_just_before(const sent_ctx *c, int doc, int sent, size_t at, int gap, int *name_tok)
{
    cx_mention *m;
    int nm = cx_mentions_scan(c->text, c->len, &m);
    if (nm <= 0) return NULL;
    char *got = NULL;
    for (int k = nm - 1; k >= 0; k--) {
        if (m[k].end > at) continue;
        int words = 0, tok = -1;
        for (int q = 0; q < c->nt; q++) {
            if (c->t[q].start >= m[k].end && c->t[q].end <= at && is_word(c, q)) words++;
            if (c->t[q].start >= m[k].name_start && c->t[q].end <= m[k].end) tok = q;
        }
        if (words > gap || m[k].type == CX_ENT_ORG || m[k].type == CX_ENT_PLACE) break;
        const char *a = c->text + m[k].name_start;
        size_t l = m[k].end - m[k].name_start;
        if (l > 2 && a[l - 1] == 's' && a[l - 2] == '\'') break; /* "Turkey's next government" */
        got = memchr(a, ' ', l) ? cx_strndup(a, l) : full_name_of(c->s, doc, sent, a, l);
        if (!got && m[k].type == CX_ENT_PERSON) got = cx_strndup(a, l);
        /* "Premier-designate Bulent Ecevit": the title is not the name */
        while (got && strchr(got, ' ')) {
            char *sp = strchr(got, ' ');
            char lw[40];
            size_t ll = (size_t)(sp - got) < sizeof lw ? cx_lower_word(got, (size_t)(sp - got), lw, sizeof lw) : 0;
            if (!ll || !(cx_is_title_word(lw, ll) || strstr(lw, "-designate") || strstr(lw, "-elect"))) break;
            memmove(got, sp + 1, strlen(sp + 1) + 1);
        }
        if (got && name_tok) *name_tok = tok;
        break;
    }
    free(m);
    return got;
}

static int designates_of_sentence(const sent_ctx *c, int doc, int sent, cx_fact **out, size_t *n, size_t *cap)
{
    CX_LEXICON_OF(takeover_cues);
    int rc = 0;
    for (int i = 0; i < c->nt && !rc; i++) {
        if (!is_word(c, i)) continue;
        char *who = NULL;
        int a = -1, e = -1, cue = -1;
        size_t wl = c->wl[i];
        if (wl > 10 && !strcmp(c->w[i] + wl - 10, "-designate") && is_word(c, i + 1) && c->t[i + 1].cap) {
            e = cap_run_right(c, i + 1), a = i + 1, cue = i;
            if (e - a >= 1) who = span_text(c, a, e);
        } else if (word_is(c, i, "form") && word_is(c, i - 1, "to")) {
            int g = i + 1;
            while (g < c->nt && g < i + 5 && is_word(c, g) && !word_is(c, g, "government") && !word_is(c, g, "cabinet"))
                g++;
            if (!(word_is(c, g, "government") || word_is(c, g, "cabinet"))) continue;
            int tok = -1;
            who = person_just_before(c, doc, sent, c->t[i - 1].start, DESIGNATE_GAP, &tok);
            if (who && tok >= 0) e = tok + 1, a = cap_run_left(c, e - 1), cue = i - 1;
        }
        if (!who || a < 0 || e <= a) {
            free(who);
            continue;
        }
        int era = 0, refused = 0;
        CX_LEXICON_OF(refusal_cues);
        for (int q = e; q < cue && !era; q++) era = is_word(c, q) && IN(takeover_cues, c->w[q], c->wl[q]) ? 1 : 0;
        for (int q = e; q < cue && !refused; q++) refused = is_word(c, q) && IN(refusal_cues, c->w[q], c->wl[q]);
        if (refused) {
            free(who);
            continue; /* "Hariri was asked but declined to form the next government" */
        }
        /* the value is the person: lower-case name words */
        char *norm = cx_strdup(who);
        for (char *p = norm; p && *p; p++) *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
        rc = push_slot(c, doc, sent, "premier-designate", "who is to form the government%s", NULL, a, e, norm, era,
                       out, n, cap);
        free(who);
    }
    return rc;
}

static int changing_slots_of_sentence(const sent_ctx *c, int doc, int sent, cx_fact **out, size_t *n, size_t *cap)
{
    CX_LEXICON_OF(burial_cues);
    int rc = 0;
    for (int i = 0; i + 1 < c->nt && !rc; i++) {
        if (!is_word(c, i)) continue;
        if (IN(burial_cues, c->w[i], c->wl[i])) {
            int a = 0, e = burial_place_at(c, i, &a);
            /* a burial is told as a plan ("is to be buried", "will be interred"): only a denial is none */
            int denied = 0;
            for (int q = i - 1; q >= 0 && q >= i - 4 && is_word(c, q) && !denied; q--) denied = is_negation(c->w[q]);
            if (e < 0 || denied) continue;
            char *who = slot_person(c, doc, sent, c->t[i].start);
            /* "A funeral is scheduled for Tuesday": no one named near, the
             * funeral of the person the article is about (the first it names) */
            if (!who) who = main_person(c->s, doc, sent);
            /* a name taken for a person's may be the place itself ("Among those buried at the
             * Alexander Nevsky Monastery", after a sentence naming it first) */
            char *place = span_text(c, a, e);
            if (who && place && cx_strcaseeq(who, place)) free(who), who = NULL;
            free(place);
            if (who)
                rc = push_slot(c, doc, sent, "burial", "place where %s is buried", who, a, e, slot_norm(c, a, e), 0,
                               out, n, cap);
            free(who);
            continue;
        }
        int cue = 0;
        for (size_t k = 0; k < sizeof illness_cues / sizeof *illness_cues && !cue; k++)
            cue = word_is(c, i, illness_cues[k][0]) && word_is(c, i + 1, illness_cues[k][1]);
        if (cue) {
            /* "has a cold": the article belongs to the noun phrase */
            int at = word_is(c, i + 1, "a") || word_is(c, i + 1, "an") ? i + 1 : i + 2;
            for (int more = 1; more && !rc;) {
                int a, e = illness_at(c, at, &a);
                more = 0;
                if (e < 0) break;
                if (!not_a_statement(c, i)) {
                    char *who = slot_person(c, doc, sent, c->t[i].start);
                    if (who)
                        rc = push_slot(c, doc, sent, "illness", "illness of %s", who, a, e, slot_norm(c, a, e), 0,
                                       out, n, cap);
                    free(who);
                }
                /* "bronchitis and a cold" */
                if (word_is(c, e, "and") && is_word(c, e + 1)) at = e + 1, more = 1;
            }
            continue;
        }
        int from = -1, to = c->nt, cue_at = i;
        if ((word_is(c, i, "charged") && word_is(c, i + 1, "with")) ||
            (word_is(c, i, "charges") && word_is(c, i + 1, "of")))
            from = i + 2;
        else if (word_is(c, i, "charges") && i >= 2) {
            /* "on first-degree murder charges", "face murder charges" */
            int q = i - 1;
            while (q >= 0 && q > i - 5 && is_word(c, q) && !c->t[q].cap && !cx_is_stopword(c->w[q], c->wl[q]) &&
                   !word_is(c, q, "face") && !word_is(c, q, "faces") && !word_is(c, q, "facing"))
                q--;
            if (q < i - 1 && q >= 0 &&
                (word_is(c, q, "on") || word_is(c, q, "face") || word_is(c, q, "faces") || word_is(c, q, "facing")))
                from = q + 1, to = i, cue_at = q;
        }
        if (from < 0 || not_a_statement(c, cue_at)) continue;
        int end;
        char *norm = offences_at(c, from, to, &end);
        if (!norm) continue;
        char *who = slot_person(c, doc, sent, c->t[cue_at].start);
        if (who) {
            size_t before = *n;
            rc = push_slot(c, doc, sent, "charges", "charges against %s", who, from, end, norm, 0, out, n, cap);
            if (!rc && *n > before) (*out)[*n - 1].items = 1;
        } else
            free(norm);
        free(who);
    }
    return rc;
}

/* Words without which a sentence states no slot (a cheap test first). */
static const char *const slot_cues[] = {"form", "premier-designate", "minister-designate", "prime-minister-designate",
                                        "party", "coma", "condition", "died", "divorced", "married", "remarried",
                                        "widowed", "responsibility", "suffering", "suffers", "suffered",
                                        "recovering", "bout", "diagnosed", "ill", "treated", "hospitalized", "has",
                                        "weakened", "charged", "charges", "buried", "interred", "burial",
                                        "entombed", "funeral"};
/* Words that open the passes of states and events (launch day, speech,
 * presence at work, taking up a post, attackers): kept apart from the
 * cues above so those passes do not run on every sentence with "told". */
static const char *const state_cues[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                         "sunday", "speak", "talk", "talking", "talked", "spoke", "testifying",
                                         "testified", "able", "told", "communicate", "stayed", "stay", "stays",
                                         "staying", "office", "work", "working", "showing", "showed", "declined",
                                         "refused", "rejected", "declining", "refusing", "rejecting", "turned",
                                         "bowing", "bowed", "bow", "likely", "expected", "interested", "agreed",
                                         "accepted", "shot", "attacked", "stabbed", "killed", "ambushed",
                                         "assaulted", "fired", "opened", "gunned", "shooting", "attacking"};

/* Events that happen once in a story, at a time set in advance and often
 * moved: the words that name each (the first word of a row names the
 * event). A word ending in "+" is a verb that takes "off" ("took off").
 * Not votes or meetings: a story often tells of several. */
static const char *const scheduled_events[][12] = {
    {"launch", "launching", "liftoff", "lift-off", "blastoff", "takeoff", "countdown", "lift+", "lifted+",
     "took+", "blasted+", NULL},
};
/* Near an event's day: the day did not hold ("halt Thursday's launching",
 * "countdown Thursday, forcing a delay", "postponed from Tuesday"). */
static const char *const day_dropped_cues[] = {"halt", "halted", "halting", "scrub", "scrubbed", "scrubbing",
                                               "postpone", "postponed", "postponement", "delay", "delayed",
                                               "called", "aborted", "abort", "cancelled", "canceled"};
/* Between an event and its day: a clause of its own ("and", "when"), or a
 * start that is not the event ("the countdown begins Sunday"). */
static const char *const event_day_stops[] = {"and", "but", "when", "while", "after", "before", "until", "since",
                                              "begin", "begins", "began", "start", "starts", "started", "resume",
                                              "resumed", "said", "says"};

/* The event a word (with the word after it) names, as the row's first word, or NULL. */
static const char *scheduled_event_of(const sent_ctx *c, int i)
{
    for (size_t r = 0; r < sizeof scheduled_events / sizeof *scheduled_events; r++)
        for (size_t k = 0; scheduled_events[r][k]; k++) {
            const char *w = scheduled_events[r][k];
            size_t l = strlen(w);
            if (w[l - 1] == '+') {
                if (c->wl[i] == l - 1 && !memcmp(c->w[i], w, l - 1) && word_is(c, i + 1, "off")) return scheduled_events[r][0];
            } else if (!strcmp(c->w[i], w))
                return scheduled_events[r][0];
        }
    return NULL;
}

/* The day of a scheduled event: "the countdown Thursday", "halt Thursday's
 * launching", "took off from Cape Canaveral, Fla., last Friday": a weekday
 * at most ten words after the event's word (no new clause between) or three
 * before it. One slot per event: the day it is to happen or happened. A day
 * the sentence says did not hold (a cue of halting or delay beside it) or a
 * plan in the past ("was to lift off Thursday") is superseded (era -1). */
static int event_days_of_sentence(const sent_ctx *c, int doc, int sent, cx_fact **out, size_t *n, size_t *cap)
{
    CX_LEXICON_OF(weekday_names);
    CX_LEXICON_OF(day_dropped_cues);
    CX_LEXICON_OF(event_day_stops);
    int rc = 0;
    for (int i = 0; i < c->nt && !rc; i++) {
        if (!is_word(c, i) || !c->t[i].cap) continue;
        size_t wl = c->wl[i];
        if (wl > 2 && !strcmp(c->w[i] + wl - 2, "'s")) wl -= 2; /* "Thursday's launching" */
        if (!IN(weekday_names, c->w[i], wl)) continue;
        const char *ev = NULL;
        int at = -1;
        /* the event after the day: "Thursday's launching", "Thursday, the launch" */
        for (int q = i + 1; q < c->nt && q <= i + 3 && !ev; q++)
            if (is_word(c, q) && (ev = scheduled_event_of(c, q))) at = q;
        /* or before it, in the same clause */
        for (int q = i - 1; q >= 0 && q >= i - 10 && !ev; q--) {
            if (!is_word(c, q)) {
                if (strchr(",.:", c->text[c->t[q].start])) continue; /* "Fla.,", "3:36" */
                break;
            }
            if (IN(event_day_stops, c->w[q], c->wl[q])) break;
            if ((ev = scheduled_event_of(c, q))) at = q;
        }
        if (!ev) continue;
        int a = at < i ? at : i, e = (at < i ? i : at) + 1;
        int stop = 0;
        for (int q = a; q < e && !stop; q++) stop = is_word(c, q) && IN(event_day_stops, c->w[q], c->wl[q]);
        if (stop) continue; /* "the countdown begins Sunday" */
        int era = 0;
        for (int q = a - 3; q < e + 4 && !era; q++)
            if (q >= 0 && q < c->nt && is_word(c, q) && IN(day_dropped_cues, c->w[q], c->wl[q]) &&
                !(word_is(c, q, "called") && !word_is(c, q + 1, "off")))
                era = -1;
        if (word_is(c, i - 1, "from")) era = -1; /* "moved from Tuesday" */
        /* "was to lift off early Thursday": a plan stated in the past */
        int v = at < i ? at : a;
        if (word_is(c, v - 1, "to") && (word_is(c, v - 2, "was") || word_is(c, v - 2, "were"))) era = -1;
        /* "could launch Friday": a possibility is no day set */
        int maybe = 0;
        for (int q = v - 1; q < e && !maybe; q++)
            maybe = word_is(c, q, "could") || word_is(c, q, "might") || word_is(c, q, "may") || word_is(c, q, "can");
        if (maybe) continue;
        char slot[40];
        snprintf(slot, sizeof slot, "%s", ev);
        size_t before = *n;
        cx_buf b;
        cx_buf_init(&b);
        cx_buf_printf(&b, "day of the %s", ev);
        char *what = cx_buf_take(&b);
        if (!what) return CHORUS_ENOMEM;
        rc = push_slot(c, doc, sent, slot, what, NULL, a, e, cx_strndup(c->w[i], wl), era, out, n, cap);
        free(what);
        if (!rc && *n > before) (*out)[*n - 1].exclusive = 1;
    }
    return rc;
}

/* The time a state's words give it: "now" just before says it holds now
 * (era +1), "initially", "earlier", "first" that it held before (-1). */
static int state_era(const sent_ctx *c, int a)
{
    CX_LEXICON_OF(era_before);
    for (int q = a - 1; q >= 0 && q >= a - 4; q--) {
        if (word_is(c, q, "now")) return 1;
        if (is_word(c, q) && IN(era_before, c->w[q], c->wl[q])) return -1;
    }
    return 0;
}

/* Whether a person can speak, a state that changes while a story runs (a
 * wounded witness "could not speak Sunday", then "was talking to police"):
 * a small set of words for each polarity. Speaking: a verb of speech with
 * its listener ("talking to", "spoke to"), testifying, or being able to
 * tell, describe or give a description. Not speaking: a verb of speech
 * after "could not", "cannot", "unable to", "not able to". A refusal
 * ("declined to speak") is a choice, not a state, and is neither. */
static const char *const speech_verbs[] = {"speak", "talk", "communicate", "testify", "respond"};
static const char *const speech_listened[] = {"talking", "talked", "spoke", "speaking", "spoken"};
static const char *const speech_telling[] = {"provide", "give", "describe", "tell", "identify"};
static const char *const speech_listeners[] = {"police", "investigators", "detectives", "doctors", "reporters",
                                               "officers", "prosecutors", "relatives", "family"};
/* Before a statement of speech: a hope or a possibility, not a state. */
static const char *const speech_maybe[] = {"can", "could", "will", "would", "may", "might", "should", "hoping",
                                           "hope", "hoped", "expected", "if", "whether", "when"};

static int speech_at(const sent_ctx *c, int i, int *from, int *to)
{
    CX_LEXICON_OF(speech_verbs);
    CX_LEXICON_OF(speech_listened);
    CX_LEXICON_OF(speech_telling);
    CX_LEXICON_OF(speech_listeners);
    CX_LEXICON_OF(speech_maybe);
    /* not speaking: "could not speak", "cannot talk", "unable to speak", "not able to testify" */
    if (IN(speech_verbs, c->w[i], c->wl[i])) {
        int neg = -1;
        if (word_is(c, i - 1, "not") && (word_is(c, i - 2, "could") || word_is(c, i - 2, "can") ||
                                         word_is(c, i - 2, "still") || word_is(c, i - 2, "yet")))
            neg = i - 2;
        else if (word_is(c, i - 1, "cannot") || word_is(c, i - 1, "couldn't") || word_is(c, i - 1, "can't"))
            neg = i - 1;
        else if (word_is(c, i - 1, "to") && (word_is(c, i - 2, "unable") ||
                                             (word_is(c, i - 2, "able") && word_is(c, i - 3, "not"))))
            neg = word_is(c, i - 2, "unable") ? i - 2 : i - 3;
        if (neg >= 0) {
            *from = neg, *to = i + 1;
            return -1;
        }
        return 0;
    }
    int at = -1;
    /* speaking: "was talking to police", "testifying to investigators" */
    if ((IN(speech_listened, c->w[i], c->wl[i]) || word_is(c, i, "testifying") || word_is(c, i, "testified")) &&
        word_is(c, i + 1, "to") && is_word(c, i + 2)) {
        int l = i + 2;
        if (word_is(c, l, "the")) l++;
        if (is_word(c, l) && IN(speech_listeners, c->w[l], c->wl[l])) at = l;
    }
    /* "has been able to provide some description", "told police" */
    if (at < 0 && word_is(c, i - 1, "to") && word_is(c, i - 2, "able") && !word_is(c, i - 3, "not") &&
        IN(speech_telling, c->w[i], c->wl[i]))
        at = i;
    if (at < 0 && word_is(c, i, "told") && is_word(c, i + 1) && IN(speech_listeners, c->w[i + 1], c->wl[i + 1]))
        at = i + 1;
    if (at < 0) return 0;
    int start = word_is(c, i - 2, "able") ? i - 2 : i;
    for (int q = start - 1; q >= 0 && q >= start - 4; q--)
        if (is_word(c, q) && (IN(speech_maybe, c->w[q], c->wl[q]) || is_negation(c->w[q]))) return 0;
    *from = start, *to = at + 1;
    return 1;
}

/* Whether a person is at work, a state that changes while a story runs (an
 * ill leader "stayed home" and "will not go into the office all week",
 * then "returned to work", was "working in the Kremlin"). At work: "returned
 * to work", "back at work", "working in" or "showing up at" the office or a
 * named place, "in the office". Away: "stayed home", "stay in bed", "not go
 * into the office", "not be in the office", "away from work". */
static const char *const away_verbs[] = {"stayed", "stay", "stays", "staying", "remained", "remain", "remains"};
static const char *const away_places[] = {"home", "bed"};
static const char *const office_verbs[] = {"go", "be", "come", "return", "get"};

/* 1 at work, -1 away, 0 neither, for the words at i; [*from, *to) the cue. */
static int presence_at(const sent_ctx *c, int i, int *from, int *to)
{
    CX_LEXICON_OF(away_verbs);
    CX_LEXICON_OF(away_places);
    CX_LEXICON_OF(office_verbs);
    /* away: "stayed home", "stayed at home", "stay in bed" */
    if (IN(away_verbs, c->w[i], c->wl[i])) {
        int p = i + 1;
        if (word_is(c, p, "at") || word_is(c, p, "in")) p++;
        if (is_word(c, p) && IN(away_places, c->w[p], c->wl[p]) && !is_negation(c->w[i - 1 >= 0 ? i - 1 : i])) {
            *from = i, *to = p + 1;
            return -1;
        }
        return 0;
    }
    /* "will not go into the office", "would not be in the office" */
    if (IN(office_verbs, c->w[i], c->wl[i]) && (word_is(c, i + 1, "into") || word_is(c, i + 1, "in") ||
                                                word_is(c, i + 1, "to"))) {
        int p = i + 2;
        if (word_is(c, p, "the") || word_is(c, p, "his") || word_is(c, p, "her")) p++;
        if (!word_is(c, p, "office") && !word_is(c, p, "work")) return 0;
        int neg = word_is(c, i - 1, "not") || word_is(c, i - 1, "never") ||
                  (word_is(c, i - 2, "not") && is_word(c, i - 1) && c->wl[i - 1] > 2 &&
                   !strcmp(c->w[i - 1] + c->wl[i - 1] - 2, "ly"));
        if (!neg) return 0;
        *from = i - 1, *to = p + 1;
        return -1;
    }
    /* at work: "returned to work", "back at work" */
    if ((word_is(c, i, "returned") || word_is(c, i, "back")) && (word_is(c, i + 1, "to") || word_is(c, i + 1, "at")) &&
        word_is(c, i + 2, "work")) {
        *from = i, *to = i + 3;
        return 1;
    }
    /* "working in the Kremlin", "showing up unexpectedly at the Kremlin", "showed up at his office" */
    int p = -1;
    if (word_is(c, i, "working") && (word_is(c, i + 1, "in") || word_is(c, i + 1, "at"))) p = i + 2;
    else if ((word_is(c, i, "showing") || word_is(c, i, "showed")) && word_is(c, i + 1, "up")) {
        p = i + 2;
        if (is_word(c, p) && c->wl[p] > 2 && !strcmp(c->w[p] + c->wl[p] - 2, "ly")) p++;
        if (!word_is(c, p, "at") && !word_is(c, p, "in")) return 0;
        p++;
    }
    if (p < 0) return 0;
    if (word_is(c, p, "the") || word_is(c, p, "his") || word_is(c, p, "her")) p++;
    if (!is_word(c, p) || !(word_is(c, p, "office") || (c->t[p].cap && !cx_is_calendar_word(c->w[p], c->wl[p]))))
        return 0;
    for (int q = i - 1; q >= 0 && q >= i - 3; q--)
        if (is_word(c, q) && (is_negation(c->w[q]) || word_is(c, q, "start") || word_is(c, q, "to"))) return 0;
    *from = i, *to = p + 1;
    return 1;
}

/* Whether a person takes up a post or a role offered: "has declined an
 * invitation to form the next government", "declined requests to chair a
 * summit", "was bowing out as premier", "I'm not a candidate" against "is
 * most likely to be renamed", "strongly interested in presiding over a
 * summit", "agreed to form". A refusal counts only with a post or a role
 * after it ("declined to comment" is no refusal of a post). */
static const char *const refusal_verbs[] = {"declined", "refused", "rejected", "declining", "refusing", "rejecting"};
static const char *const post_words[] = {"government", "cabinet", "premier", "premiership", "post", "job",
                                         "presidency", "invitation", "nomination", "candidacy", "chair", "preside",
                                         "summit", "offer", "office", "lead", "head", "mandate"};
static const char *const named_participles[] = {"renamed", "reappointed", "named", "appointed", "nominated",
                                                "chosen", "elected", "reelected", "re-elected"};
static const char *const role_gerunds[] = {"presiding", "chairing", "heading", "leading", "forming", "hosting"};
static const char *const role_verbs[] = {"form", "chair", "preside", "head", "lead", "host", "serve"};

/* 1 takes it up, -1 refuses, 0 neither; [*from, *to) the cue */
static int acceptance_at(const sent_ctx *c, int i, int *from, int *to)
{
    CX_LEXICON_OF(refusal_verbs);
    CX_LEXICON_OF(post_words);
    CX_LEXICON_OF(named_participles);
    CX_LEXICON_OF(role_gerunds);
    CX_LEXICON_OF(role_verbs);
    int neg = 0, e = -1;
    if (IN(refusal_verbs, c->w[i], c->wl[i])) neg = 1;
    else if (word_is(c, i, "turned") && word_is(c, i + 1, "down"))
        neg = 1;
    else if ((word_is(c, i, "bowing") || word_is(c, i, "bowed") || word_is(c, i, "bow")) && word_is(c, i + 1, "out")) {
        *from = i, *to = i + 2;
        return -1; /* "bowing out as premier" */
    }
    if (neg) {
        for (int q = i + 1; q < c->nt && q <= i + 6 && e < 0; q++) {
            if (!is_word(c, q)) break;
            if (IN(post_words, c->w[q], c->wl[q])) e = q + 1;
        }
        if (e < 0) return 0;
        for (int q = i - 1; q >= 0 && q >= i - 3; q--) /* "asked whether Hariri refused the post" */
            if (is_word(c, q) && (is_negation(c->w[q]) || word_is(c, q, "if") || word_is(c, q, "whether"))) return 0;
        *from = i, *to = e;
        return -1;
    }
    /* "most likely to be renamed", "expected to be reappointed" */
    if ((word_is(c, i, "likely") || word_is(c, i, "expected")) && word_is(c, i + 1, "to") && word_is(c, i + 2, "be") &&
        is_word(c, i + 3) && IN(named_participles, c->w[i + 3], c->wl[i + 3]))
        e = i + 4;
    /* "strongly interested in presiding over a summit" (quotes between allowed) */
    else if (word_is(c, i, "interested")) {
        int q = i + 1;
        while (q < c->nt && !is_word(c, q) && q <= i + 2) q++;
        if (word_is(c, q, "in") && is_word(c, q + 1) && IN(role_gerunds, c->w[q + 1], c->wl[q + 1])) e = q + 2;
    }
    /* "agreed to form", "accepted the invitation" */
    else if (word_is(c, i, "agreed") && word_is(c, i + 1, "to") && is_word(c, i + 2) &&
             IN(role_verbs, c->w[i + 2], c->wl[i + 2]))
        e = i + 3;
    else if (word_is(c, i, "accepted")) {
        int q = i + 1;
        if (word_is(c, q, "the") || word_is(c, q, "an") || word_is(c, q, "a")) q++;
        if (is_word(c, q) && IN(post_words, c->w[q], c->wl[q])) e = q + 1;
    }
    if (e < 0) return 0;
    /* a question or a negation is no statement of it */
    for (int q = i - 1; q >= 0 && q >= i - 3; q--)
        if (is_word(c, q) && (is_negation(c->w[q]) || word_is(c, q, "if") || word_is(c, q, "whether"))) return 0;
    *from = i, *to = e;
    return 1;
}

/* A state of a person that changes while a story runs, read by its
 * reader (speech_at, presence_at, acceptance_at: 1 or -1 with the words
 * that say it, or 0), with the slot's kind, label and the two values. */
typedef struct person_state {
    int (*at)(const sent_ctx *c, int i, int *from, int *to);
    const char *kind, *label, *yes, *no;
    int orders; /* "ordered the president to stay in bed": an order or a plan, not a state */
} person_state;

static const person_state person_states[] = {
    {speech_at, "speech", "whether %s could speak", "speaking", "unable to speak", 0},
    {presence_at, "presence", "whether %s was at work", "at work", "away from work", 1},
    {acceptance_at, "acceptance", "whether %s takes up the post", "taking it up", "declining", 0},
};

/* The states of the people a sentence is about: one slot per person and state. */
static int person_states_of_sentence(const sent_ctx *c, int doc, int sent, cx_fact **out, size_t *n, size_t *cap)
{
    int rc = 0;
    for (size_t k = 0; k < sizeof person_states / sizeof *person_states && !rc; k++) {
        const person_state *st = &person_states[k];
        for (int i = 0; i < c->nt && !rc; i++) {
            if (!is_word(c, i)) continue;
            int a, e, pol = st->at(c, i, &a, &e);
            if (!pol) continue;
            if (st->orders && word_is(c, a - 1, "to") && pol < 0 && !word_is(c, a, "not")) continue;
            char *who = slot_person(c, doc, sent, c->t[a].start);
            if (!who) continue;
            rc = push_slot(c, doc, sent, st->kind, st->label, who, a, e, cx_strdup(pol > 0 ? st->yes : st->no),
                           state_era(c, a), out, n, cap);
            free(who);
            i = e;
        }
    }
    return rc;
}

/* Who carried out an attack, as far as the reports say their sex: "two
 * men followed her ... and shot them" against "a man and a woman appeared
 * behind them and opened fire" or "attacked by two assailants, one of them
 * a young woman". The attackers are the people named before an active verb
 * of attack (not "were shot") or after "by" with one; the value is "a woman
 * among them" when a woman is named, else "men only". One slot per story:
 * an article that names both tells of two attacks. */
static const char *const attack_verbs[] = {"shot", "attacked", "stabbed", "killed", "ambushed", "assaulted",
                                           "fired", "opened", "gunned", "shooting", "attacking"};
static const char *const male_words[] = {"man", "men", "male", "males", "boy", "boys"};
static const char *const female_words[] = {"woman", "women", "female", "females", "girl", "girls"};

/* The sex named in [a, e): 2 a woman, 1 only men, 0 none. A sex word needs
 * a count or an article before it ("two men", "a young woman"). */
static int sex_named(const sent_ctx *c, int a, int e)
{
    CX_LEXICON_OF(male_words);
    CX_LEXICON_OF(female_words);
    int got = 0;
    for (int q = a; q < e && q < c->nt; q++) {
        if (!is_word(c, q)) continue;
        int f = IN(female_words, c->w[q], c->wl[q]) != 0, m = !f && IN(male_words, c->w[q], c->wl[q]);
        if (!f && !m) continue;
        int p = q - 1;
        if (is_word(c, p) && c->wl[p] > 2 && !cx_is_stopword(c->w[p], c->wl[p]) && number_word(c->w[p], c->wl[p]) < 0)
            p--; /* "a young woman" */
        if (!(word_is(c, p, "a") || word_is(c, p, "an") || word_is(c, p, "one") ||
              (is_word(c, p) && number_word(c->w[p], c->wl[p]) >= 2)))
            continue;
        got = f ? 2 : got ? got : 1;
    }
    return got;
}

static int attackers_of_sentence(const sent_ctx *c, int doc, int sent, cx_fact **out, size_t *n, size_t *cap)
{
    CX_LEXICON_OF(attack_verbs);
    for (int i = 0; i < c->nt; i++) {
        if (!is_word(c, i) || !IN(attack_verbs, c->w[i], c->wl[i])) continue;
        if (word_is(c, i, "opened") && !word_is(c, i + 1, "fire")) continue;
        if (word_is(c, i, "fired") && !word_is(c, i + 1, "shots") && !word_is(c, i + 1, "on")) continue;
        int sex = 0, a = -1, e = -1;
        /* "attacked ... by two assailants, one of them a young woman" */
        for (int q = i + 1; q < c->nt && q <= i + 12 && !sex; q++)
            if (word_is(c, q, "by")) {
                int end = q + 1;
                while (end < c->nt && end <= q + 10 && !(!is_word(c, end) && c->text[c->t[end].start] == '.'))
                    end++;
                if ((sex = sex_named(c, q + 1, end))) a = q, e = end;
            }
        /* "two men followed her and shot them": before an active verb */
        int passive = is_word(c, i - 1) && (word_is(c, i - 1, "was") || word_is(c, i - 1, "were") ||
                                            word_is(c, i - 1, "been") || word_is(c, i - 1, "being"));
        if (!sex && !passive) {
            int from = i - 14 < 0 ? 0 : i - 14;
            if ((sex = sex_named(c, from, i))) a = from, e = i + 1;
        }
        if (!sex) continue;
        int rc = push_slot(c, doc, sent, "attackers", "who the attackers were%s", NULL, a, e,
                           cx_strdup(sex == 2 ? "a woman among them" : "men only"), 0, out, n, cap);
        if (rc) return rc;
        (*out)[*n - 1].exclusive = 1;
        return 0; /* one statement a sentence */
    }
    return 0;
}

/* Words between an event's verb and its weekday: "opened on Tuesday", "died late Monday". */
static const char *const weekday_skip[] = {"on", "last", "next", "this", "early", "late", "until", "by"};
/* Verbs of telling: "reported Thursday", "said Monday" date a report, not the
 * event; two reports on two days are no disagreement about anything. */
static const char *const telling_verbs[] = {"said",     "says",     "told",      "reported", "reports",
                                            "announced", "added",   "stated",    "noted",    "wrote",
                                            "disclosed", "revealed", "explained", "commented", "quoted"};

/* The weekday of an event: "is set to open Tuesday", "died here Monday". The
 * verb before it says which event; when none is there, the past-tense verb
 * after it, past its subject ("the Palestinians on Tuesday inaugurated").
 * "Last weekend" (also "this", "next") is Saturday or Sunday, a span. */
static int weekday_at(const sent_ctx *c, int doc, int sent, int i, cx_fact **out, size_t *n, size_t *cap)
{
    CX_LEXICON_OF(weekday_names);
    CX_LEXICON_OF(weekday_skip);
    int wd = IN(weekday_names, c->w[i], c->wl[i]);
    int weekend = !wd && word_is(c, i, "weekend") &&
                  (word_is(c, i - 1, "last") || word_is(c, i - 1, "this") || word_is(c, i - 1, "next"));
    if (!weekend && (!wd || !c->t[i].cap)) return 0;
    int from = weekend ? i - 1 : i; /* the time expression: [from, i] */
    int q = from - 1;
    while (q >= 0 && q >= from - 3 && is_word(c, q) && IN(weekday_skip, c->w[q], c->wl[q])) q--;
    if (q < 0 || !is_word(c, q) || c->t[q].cap || cx_is_stopword(c->w[q], c->wl[q]) || month_of(c->w[q], c->wl[q]) ||
        (c->w[q][0] >= '0' && c->w[q][0] <= '9')) {
        q = -1;
        for (int k = i + 1; k < c->nt && k <= i + 5; k++) {
            if (!is_word(c, k)) {
                if (c->text[c->t[k].start] == ',') continue;
                break;
            }
            if (c->t[k].cap || word_is(c, k, "the") || word_is(c, k, "a") || word_is(c, k, "an")) continue;
            if (c->wl[k] > 3 && !strcmp(c->w[k] + c->wl[k] - 2, "ed") && !cx_is_stopword(c->w[k], c->wl[k])) q = k;
            break;
        }
        if (q < 0) return 0;
    }
    CX_LEXICON_OF(telling_verbs);
    if (IN(telling_verbs, c->w[q], c->wl[q])) return 0;
    int lo = q < from ? q : from, hi = q > i ? q : i;
    cx_fact f = {0};
    f.doc = doc, f.sent = sent, f.dim = CX_DIM_WEEKDAY, f.qual = -1, f.currency = -1, f.day = INT64_MIN;
    f.value = f.lo = f.hi = f.rlo = f.rhi = wd;
    if (weekend) f.value = 6.5, f.lo = f.rlo = 5.5, f.hi = f.rhi = 7.5, f.hedge = CX_HEDGE_ABOUT;
    f.key = stem_of(c, c->w[q], c->wl[q]);
    f.start = c->t[lo].start, f.end = c->t[hi].end;
    f.text = cx_strndup(c->text + f.start, f.end - f.start);
    f.unit = cx_strdup("");
    cx_buf b;
    cx_buf_init(&b);
    cx_buf_printf(&b, "day of %.*s", (int)(c->t[q].end - c->t[q].start), c->text + c->t[q].start);
    f.what = cx_buf_take(&b);
    /* the words around, the subject between a weekday and its verb included */
    int rc = q < from ? add_stems(c, q - 6, i + 6, q, i + 1, &f.near, &f.n_near)
                      : add_stems(c, from - 6, q + 6, from, i + 1, &f.near, &f.n_near);
    if (rc || f.key < 0) {
        fact_clear(&f);
        return rc;
    }
    return push_fact(out, n, cap, &f);
}

/* Whether a sentence may hold a fact at all, read without tokenizing: a
 * digit, a letter run that is a number word, or "-ed". */
static int may_hold_fact(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= '0' && ch <= '9') return 1;
        if (ch == 'e' && i + 1 < n && s[i + 1] == 'd') return 1;
    }
    return 0;
}

/* Who the sentence attributes what it states to: the words before its first
 * "said" ("A TV station owned by Hariri said"), or after "according to", up
 * to a mark, as a signature of their stems (0: none, or a pronoun: "he said"
 * names no one to tell apart). */
static uint64_t source_signature(const sent_ctx *c, int named_only);
static uint64_t sentence_source(const sent_ctx *c) { return source_signature(c, 0); }

/* named_only: 1 as soon as the signature would not be 0, without stemming
 * (no stem is added to the story's vocabulary). */
static uint64_t source_signature(const sent_ctx *c, int named_only)
{
    CX_LEXICON_OF(claim_pronouns);
    static const char *const pronouns[] = {"he", "she", "we", "i", "you", "officials", "sources"};
    for (int v = 0; v < c->nt; v++) {
        int a, e;
        if (word_is(c, v, "said") || word_is(c, v, "says") || word_is(c, v, "reported") || word_is(c, v, "announced"))
            e = v, a = v - 1;
        else if (word_is(c, v, "according") && word_is(c, v + 1, "to"))
            a = v + 2, e = v + 2;
        else
            continue;
        uint64_t sig = 0;
        int got = 0, left = a < v;
        for (int q = a, steps = 0; steps < 6 && q >= 0 && q < c->nt && is_word(c, q); q += left ? -1 : 1, steps++) {
            if (steps == 0 && left) {
                int pro = IN(claim_pronouns, c->w[q], c->wl[q]) != 0;
                for (size_t k = 0; k < sizeof pronouns / sizeof *pronouns; k++) pro |= !strcmp(c->w[q], pronouns[k]);
                if (pro) return 0;
            }
            if (cx_is_stopword(c->w[q], c->wl[q])) continue;
            if (named_only) { /* stem_of gives an id to any word but dots */
                if (c->wl[q] > strspn(c->w[q], ".")) return 1;
                continue;
            }
            int32_t id = stem_of(c, c->w[q], c->wl[q]);
            if (id >= 0) sig |= (uint64_t)1 << (((uint32_t)id * 2654435761u) >> 26), got++;
        }
        (void)e;
        return got ? sig : 0;
    }
    return 0;
}

/* ---- the period a figure is for ------------------------------------------------
 * A broad story spans years: "13 deaths in 1990" and "seven deaths" in
 * 1999, "$34 billion over five years" and "$800 billion over 10 years",
 * the homeownership rate "last year" and today's. A figure is keyed by the
 * year and the window its sentence names nearest to it; figures of
 * different periods are a series, not a disagreement. A duration that is
 * itself such a window ("over the past 10 years") frames the other figures
 * and is no fact to compare. */

static const char *const window_words[] = {"past", "last", "next", "coming", "previous", "first", "during", "within"};
static const char *const season_words[] = {"year", "summer", "fall", "autumn", "winter", "spring"};
static const char *const relative_words[] = {"last", "this", "next"};

static int word_in(const char *w, const char *const *list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (!strcmp(w, list[k])) return (int)k + 1;
    return 0;
}
#define WORD_IN(w, list) word_in(w, list, sizeof list / sizeof *list)

/* The value of a number token ("five", "10"), or -1. */
static double small_number_at(const sent_ctx *c, int k)
{
    if (!is_word(c, k)) return -1;
    if (c->w[k][0] >= '0' && c->w[k][0] <= '9') {
        double v = 0;
        for (size_t j = 0; j < c->wl[k]; j++) {
            if (c->w[k][j] < '0' || c->w[k][j] > '9') return -1;
            v = v * 10 + (c->w[k][j] - '0');
        }
        return v;
    }
    return number_word(c->w[k], c->wl[k]);
}

/* A year token: four digits from 1900 to 2099, or -1. */
static int year_at(const sent_ctx *c, int k)
{
    if (!is_word(c, k) || c->wl[k] != 4) return -1;
    double v = small_number_at(c, k);
    if (v < 1900 || v > 2099) return -1;
    if (k > 0 && !is_word(c, k - 1) && c->text[c->t[k - 1].start] == '$') return -1; /* "$2000" */
    return (int)v;
}

/* A window at number token k ("the past [five] years", "over the next 10
 * years", "its first 13 weeks"): its days, else 0. over_ok: "over five
 * years" or "in three months" after another figure ("$34 billion over five
 * years", "1.7 million prescriptions in three months") is one. */
static int32_t window_at(const sent_ctx *c, int k, int over_ok)
{
    double v = small_number_at(c, k);
    if (v <= 0 || k + 1 >= c->nt || !is_word(c, k + 1)) return 0;
    const unit_def *u = unit_of(c->w[k + 1]);
    if (!u || u->dim != CX_DIM_DURATION || u->lo < 1) return 0; /* days and longer */
    int first, b = k - 1;
    /* the window word just before the number, or before its hedge ("the
     * past nearly five years"); "over" is both */
    for (int pass = 0; pass < 2; pass++) {
        if (pass && !(hedge_before(c, k, &first) && first < k && (b = first - 1) != k - 1)) break;
        if (!is_word(c, b)) continue;
        if (WORD_IN(c->w[b], window_words) || (word_is(c, b, "over") && (over_ok || word_is(c, b + 1, "the"))) ||
            (word_is(c, b, "in") && over_ok)) {
            double d = v * u->lo;
            return d > 0 && d < 1e6 ? (int32_t)(d + 0.5) : 0;
        }
    }
    return 0;
}

static int is_quantity_dim(int dim)
{
    return dim == CX_DIM_COUNT || dim == CX_DIM_LENGTH || dim == CX_DIM_MASS || dim == CX_DIM_MONEY ||
           dim == CX_DIM_PERCENT || dim == CX_DIM_DURATION || dim == CX_DIM_TEMPERATURE || dim == CX_DIM_AREA;
}

/* Whether a fact is one of the windows (their number tokens at wat[]). */
static int is_window(const sent_ctx *c, const cx_fact *f, const int *wat, int nw)
{
    for (int w = 0; w < nw; w++)
        if (f->dim == CX_DIM_DURATION && c->t[wat[w]].start >= f->start && c->t[wat[w]].end <= f->end) return 1;
    return 0;
}

/* The mark (of marks at tokens at[]) that holds for a figure at token t:
 * the first after it with no other figure (tokens fig[]) between, else the
 * nearest before it; 0 when none. */
static int32_t mark_of(const int *at, const int32_t *code, int n, int t, const int *fig, int nf)
{
    int before = -1;
    for (int m = 0; m < n; m++) {
        if (at[m] < t) {
            before = m;
            continue;
        }
        int between = 0;
        for (int q = 0; q < nf && !between; q++) between = fig[q] > t && fig[q] < at[m];
        return between ? (before >= 0 ? code[before] : 0) : code[m];
    }
    return before >= 0 ? code[before] : 0;
}

/* ---- the names in a figure's clause ----------------------------------------------
 * "The Lauda Air crash killed all 223 people" and "the crash off
 * Massachusetts killed 217 people", "approved Friday by Italy's cabinet" and
 * "the Iranian cabinet Wednesday approved": figures whose clauses name
 * things, none in common, are of two things. The clause runs to the
 * nearest comma, colon, semicolon, bracket, quote or dash (an attribution
 * after a comma, "according to the Census Bureau", is not the figure's),
 * at most CLAUSE_REACH words either way. */
#define CLAUSE_REACH 8

static int clause_edge(const sent_ctx *c, int k)
{
    if (c->t[k].kind == CX_W_WORD) return 0;
    char ch = c->text[c->t[k].start];
    return ch == ',' || ch == ';' || ch == ':' || ch == '(' || ch == ')' || ch == '[' || ch == ']' || ch == '"' ||
           ch == '-' || c->t[k].kind == CX_W_OPEN || c->t[k].kind == CX_W_CLOSE || c->t[k].kind == CX_W_AMBIG ||
           (unsigned char)ch >= 0x80; /* typographic quotes and dashes */
}

static int push_clause_names(const sent_ctx *c, int from, int to, cx_fact *f)
{
    int a = from, e = to;
    for (int k = from - 1; k >= 0 && k >= from - CLAUSE_REACH && !clause_edge(c, k); k--) a = k;
    for (int k = to + 1; k < c->nt && k <= to + CLAUSE_REACH && !clause_edge(c, k); k++) e = k;
    size_t cap = 0;
    for (int k = a; k <= e; k++) {
        if (k == 0 || !is_word(c, k) || !c->t[k].cap || !c->wl[k]) continue;
        if (cx_is_stopword(c->w[k], c->wl[k]) || cx_is_calendar_word(c->w[k], c->wl[k]) ||
            cx_is_title_word(c->w[k], c->wl[k]))
            continue;
        size_t l = c->wl[k];
        if (l > 2 && !strcmp(c->w[k] + l - 2, "'s")) l -= 2; /* "Italy's" */
        int32_t id = stem_of(c, c->w[k], l);
        int dup = id < 0;
        for (size_t j = 0; j < f->n_names && !dup; j++) dup = f->names[j] == id;
        if (!dup && CX_PUSH(f->names, f->n_names, cap, id)) return CHORUS_ENOMEM;
    }
    return 0;
}

/* Keys the sentence's quantities (out[before..*n]) by their period and
 * window, and drops the durations that are windows. */
static void set_periods(const sent_ctx *c, int64_t published_unix, cx_fact *out, size_t before, size_t *n)
{
    enum { MAX_MARKS = 16 };
    int at[MAX_MARKS], nm = 0;
    int32_t code[MAX_MARKS];
    int wat[MAX_MARKS];
    int32_t wdays[MAX_MARKS];
    int nw = 0, pub_year = 0;
    if (published_unix != INT64_MIN) {
        int64_t days = published_unix >= 0 ? published_unix / 86400 : -((-published_unix + 86399) / 86400);
        pub_year = 1970 + (int)((double)days / 365.2425); /* a year boundary off by a day at most */
    }
    int first_figure = -1; /* token of the sentence's first figure not a duration */
    for (size_t k = before; k < *n; k++)
        if (is_quantity_dim(out[k].dim) && out[k].dim != CX_DIM_DURATION) {
            int t = 0;
            while (t < c->nt && c->t[t].start < out[k].start) t++;
            if (first_figure < 0 || t < first_figure) first_figure = t;
        }
    for (int i = 0; i < c->nt; i++) {
        int y = year_at(c, i);
        if (y > 0 && nm < MAX_MARKS) at[nm] = i, code[nm++] = y;
        int r = is_word(c, i) ? WORD_IN(c->w[i], relative_words) : 0;
        if (r && i + 1 < c->nt && is_word(c, i + 1) && nm < MAX_MARKS) {
            char w[40];
            snprintf(w, sizeof w, "%s", c->w[i + 1]);
            size_t l = strlen(w);
            if (l > 2 && !strcmp(w + l - 2, "'s")) w[l - 2] = '\0'; /* "last year's strikes" */
            /* "last summer" is read as "last year" (a season's year is the
             * article's or the one before: a coarse reading, kept coarse) */
            if (WORD_IN(w, season_words)) at[nm] = i, code[nm++] = pub_year ? pub_year + r - 2 : CX_PERIOD_RELATIVE + r;
        }
        int32_t d = window_at(c, i, first_figure >= 0 && first_figure < i);
        if (d && nw < MAX_MARKS) wat[nw] = i, wdays[nw++] = d;
    }
    if (!nm && !nw) return;
    /* the figures' tokens: a mark after a figure is that figure's alone
     * ("1 percent in October and 1.6 percent in November 1997"); a mark
     * before figures is theirs ("In 1990, 223 cases and 13 deaths") */
    int fig[MAX_MARKS * 2], nf = 0;
    for (size_t k = before; k < *n && nf < MAX_MARKS * 2; k++)
        if (is_quantity_dim(out[k].dim) && !is_window(c, &out[k], wat, nw)) {
            int t = 0;
            while (t < c->nt && c->t[t].start < out[k].start) t++;
            fig[nf++] = t;
        }
    size_t keep = before;
    for (size_t k = before; k < *n; k++) {
        cx_fact *f = &out[k];
        int t = 0;
        while (t < c->nt && c->t[t].start < f->start) t++;
        if (is_window(c, f, wat, nw)) {
            fact_clear(f);
            continue;
        }
        if (is_quantity_dim(f->dim)) {
            f->period = mark_of(at, code, nm, t, fig, nf);
            f->window = mark_of(wat, wdays, nw, t, fig, nf);
        }
        if (keep != k) out[keep] = *f;
        keep++;
    }
    *n = keep;
}

int cx_facts_of_sentence(cx_story *s, int doc, int sent, cx_fact **out, size_t *n, size_t *cap)
{
    const cx_sent *st = &s->docs[doc].sents[sent];
    const cx_lang *lang = s->docs[doc].lang;
    sent_ctx c = {s, st->text, st->len, NULL, 0, NULL, NULL, '.', ',', lang, lang_index_of(s, doc)};
    /* numbers as the article's language writes them */
    if (lang && (cx_lang_support(lang) & CX_LANG_NUMBERS)) {
        const char *d = cx_lang_decimal_sep(lang), *g = cx_lang_group_sep(lang);
        if (d && d[0] && !d[1]) c.dec = d[0];
        if (g && g[0] && !g[1]) c.grp = g[0];
        else if (g && !g[0]) c.grp = '\0';
    }
    int nt = cx_wtokenize(st->text, st->len, &c.t);
    if (nt <= 0) return nt;
    c.nt = nt;
    c.w = malloc((size_t)nt * sizeof *c.w);
    c.wl = malloc((size_t)nt * sizeof *c.wl);
    if (!c.w || !c.wl) {
        free(c.t), free(c.w), free(c.wl);
        return CHORUS_ENOMEM;
    }
    int interesting = may_hold_fact(st->text, st->len), slot_words = 0, state_words = 0;
    CX_LEXICON_OF(slot_cues);
    CX_LEXICON_OF(state_cues);
    for (int i = 0; i < nt; i++) {
        size_t l = c.t[i].end - c.t[i].start;
        if (l >= sizeof c.w[i]) c.w[i][0] = '\0', c.wl[i] = 0;
        else
            c.wl[i] = cx_lower_word(st->text + c.t[i].start, l, c.w[i], sizeof c.w[i]);
        if (!interesting && c.t[i].kind == CX_W_WORD && number_word(c.w[i], c.wl[i]) >= 0) interesting = 1;
        if (!slot_words && c.t[i].kind == CX_W_WORD && IN(slot_cues, c.w[i], c.wl[i])) slot_words = 1;
        if (!state_words && c.t[i].kind == CX_W_WORD &&
            (IN(state_cues, c.w[i], c.wl[i]) ||
             (c.wl[i] > 2 && !strcmp(c.w[i] + c.wl[i] - 2, "'s") && IN(state_cues, c.w[i], c.wl[i] - 2))))
            state_words = 1; /* "Thursday's launching" */
        if (!interesting && c.t[i].kind == CX_W_WORD && c.wl[i] > 5 && c.w[i][c.wl[i] - 1] == 's') interesting = 1;
    }
    int rc = 0;
    size_t before = *n;
    CX_LEXICON_OF(vague_words);
    for (int i = 0; interesting && i < nt && !rc;) {
        if (!is_word(&c, i) || !c.wl[i]) {
            i++;
            continue;
        }
        /* "Dec. 3, 1998": a date, none of its numbers an amount */
        if (month_of(c.w[i], c.wl[i]) && c.t[i].cap && i + 1 < nt && c.w[i + 1][0] >= '0' && c.w[i + 1][0] <= '9') {
            i += 2;
            if (i + 1 < nt && c.text[c.t[i].start] == ',' && c.w[i + 1][0] >= '0' && c.w[i + 1][0] <= '9') i += 2;
            continue;
        }
        if ((c.w[i][0] >= '0' && c.w[i][0] <= '9') || number_word(c.w[i], c.wl[i]) >= 0 || strchr(c.w[i], '-') ||
            IN(vague_words, c.w[i], c.wl[i]) || a_round_unit(&c, i)) {
            i = quantity_at(&c, doc, sent, i, out, n, cap, &rc);
            continue;
        }
        rc = claim_at(&c, doc, sent, i, out, n, cap);
        if (!rc) rc = weekday_at(&c, doc, sent, i, out, n, cap);
        i++;
    }
    if (!rc) rc = roles_of_sentence(&c, doc, sent, out, n, cap);
    if (!rc && slot_words) rc = parties_of_sentence(&c, doc, sent, out, n, cap);
    if (!rc && slot_words) rc = states_of_sentence(&c, doc, sent, out, n, cap);
    if (!rc && slot_words) rc = changing_slots_of_sentence(&c, doc, sent, out, n, cap);
    if (!rc && slot_words) rc = designates_of_sentence(&c, doc, sent, out, n, cap);
    if (!rc && state_words) rc = event_days_of_sentence(&c, doc, sent, out, n, cap);
    if (!rc && state_words) rc = person_states_of_sentence(&c, doc, sent, out, n, cap);
    if (!rc && state_words) rc = attackers_of_sentence(&c, doc, sent, out, n, cap);
    if (!rc && *n > before) set_periods(&c, s->docs[doc].art->published_unix, *out, before, n);
    for (size_t k = before; k < *n && !rc; k++) {
        cx_fact *f = &(*out)[k];
        if (!is_quantity_dim(f->dim) && f->dim != CX_DIM_WEEKDAY) continue;
        int a = 0, e;
        while (a < nt && c.t[a].start < f->start) a++;
        for (e = a; e + 1 < nt && c.t[e + 1].end <= f->end;) e++;
        rc = push_clause_names(&c, a, e, f);
    }
    if (!rc && *n > before) {
        uint64_t source = sentence_source(&c);
        int64_t day = s->docs[doc].art->published_unix;
        for (size_t k = before; k < *n; k++) {
            cx_fact *f = &(*out)[k];
            f->day = day == INT64_MIN ? INT64_MIN : (day >= 0 ? day / 86400 : -((-day + 86399) / 86400));
            int at = 0;
            while (at < nt && c.t[at].start < f->start) at++;
            sentence_time(&c, at, &f->month, &f->change);
            f->source = source;
        }
    }
    free(c.t), free(c.w), free(c.wl);
    return rc;
}

/* Whether text holds one of the words source_signature starts from, in any
 * case (a quick test before the words are read). */
static int has_source_cue(const char *t, size_t n)
{
    static const char *const cues[] = {"said", "says", "reported", "announced", "according"};
    for (size_t i = 0; i + 4 <= n; i++) {
        char c = (char)(t[i] | 0x20);
        if (c != 's' && c != 'r' && c != 'a') continue;
        for (size_t k = 0; k < sizeof cues / sizeof *cues; k++) {
            size_t l = strlen(cues[k]), j = 0;
            while (j < l && i + j < n && (char)(t[i + j] | 0x20) == cues[k][j]) j++;
            if (j == l) return 1;
        }
    }
    return 0;
}

int cx_sentence_names_source(const cx_story *s, int doc, int sent)
{
    const cx_sent *st = &s->docs[doc].sents[sent];
    if (!has_source_cue(st->text, st->len)) return 0;
    sent_ctx c = {(cx_story *)s, st->text, st->len, NULL, 0, NULL, NULL, '.', ',', s->docs[doc].lang, lang_index_of(s, doc)};
    int nt = cx_wtokenize(st->text, st->len, &c.t);
    if (nt <= 0) return nt;
    c.nt = nt;
    c.w = malloc((size_t)nt * sizeof *c.w);
    c.wl = malloc((size_t)nt * sizeof *c.wl);
    int rc = CHORUS_ENOMEM;
    if (c.w && c.wl) {
        for (int i = 0; i < nt; i++) { /* as cx_facts_of_sentence reads the words */
            size_t l = c.t[i].end - c.t[i].start;
            if (l >= sizeof c.w[i]) c.w[i][0] = '\0', c.wl[i] = 0;
            else
                c.wl[i] = cx_lower_word(st->text + c.t[i].start, l, c.w[i], sizeof c.w[i]);
        }
        rc = source_signature(&c, 1) != 0;
    }
    free(c.t), free(c.w), free(c.wl);
    return rc;
}

/* ---- versions of one statement that differ in a name ------------------------------
 * Two articles that carry the same sentence, word for word but for one name
 * ("Laramie's City Council held an emergency meeting..." and "the Casper
 * City Council held an emergency meeting..."), state two values of one
 * thing: which name belongs there. A sentence is read as its content words
 * in order, its names (capitalized words inside it, weekdays and months
 * left out) as blanks; sentences of different outlets with the same reading
 * whose names differ in one run, just before a name they share (which one
 * of a kind: "Laramie's" or "Casper" City Council), are versions of one
 * statement. */

/* Fewer content words than this: too short to be one statement. */
#define VARIANT_MIN_WORDS 8
#define VARIANT_MAX_NAMES 16

typedef struct {
    uint64_t hash;  /* the reading with names blanked */
    int doc, sent, words;
    int n_names;
    uint32_t start[VARIANT_MAX_NAMES], end[VARIANT_MAX_NAMES]; /* bytes of each name */
    char name[VARIANT_MAX_NAMES][24]; /* lower-case, possessive left out */
} variant_sig;

static int variant_sig_of(const cx_story *s, int doc, int sent, variant_sig *v)
{
    const cx_sent *st = &s->docs[doc].sents[sent];
    cx_wtok *t;
    int nt = cx_wtokenize(st->text, st->len, &t);
    if (nt <= 0) return nt;
    memset(v, 0, sizeof *v);
    v->doc = doc, v->sent = sent;
    uint64_t h = 1469598103934665603ULL;
    int ok = 1;
    for (int i = 0; i < nt && ok; i++) {
        if (t[i].kind != CX_W_WORD) continue;
        char w[40];
        size_t l = t[i].end - t[i].start;
        if (l >= sizeof w) continue;
        l = cx_lower_word(st->text + t[i].start, l, w, sizeof w);
        if (l > 2 && w[l - 2] == '\'' && w[l - 1] == 's') w[l -= 2] = '\0';
        if (!l || cx_is_stopword(w, l)) continue;
        if (t[i].cap && i > 0 && !cx_is_calendar_word(w, l)) {
            if (v->n_names == VARIANT_MAX_NAMES || l >= sizeof v->name[0]) ok = 0;
            else {
                int k = v->n_names++;
                v->start[k] = t[i].start, v->end[k] = t[i].end;
                memcpy(v->name[k], w, l + 1);
                h = (h ^ 1u) * 1099511628211ULL;
            }
        } else
            for (size_t c = 0; c < l; c++) h = (h ^ (unsigned char)w[c]) * 1099511628211ULL;
        h = (h ^ ' ') * 1099511628211ULL;
        v->words++;
    }
    free(t);
    v->hash = h;
    return ok && v->words >= VARIANT_MIN_WORDS && v->n_names > 0;
}

static int by_variant_hash(const void *x, const void *y)
{
    const variant_sig *a = x, *b = y;
    if (a->hash != b->hash) return a->hash < b->hash ? -1 : 1;
    return a->doc != b->doc ? a->doc - b->doc : a->sent - b->sent;
}

/* The one run of names where b differs from a: [*from, *to), or 0 when they
 * agree or differ in more than one run. */
static int differing_run(const variant_sig *a, const variant_sig *b, int *from, int *to)
{
    if (a->n_names != b->n_names) return 0;
    int f = -1, t = -1;
    for (int k = 0; k < a->n_names; k++)
        if (strcmp(a->name[k], b->name[k])) {
            if (f < 0) f = k;
            else if (t >= 0 && t != k) return 0; /* a second run */
            t = k + 1;
        }
    if (f < 0) return 0;
    /* the run must name which one of a kind the shared name after it is
     * ("Laramie's City Council", "the Casper City Council"): an adjective
     * ("Jovian moons" for "Jupiter's moons") or a name standing alone may
     * be a rewording, not another value */
    if (t >= a->n_names || a->start[t] > a->end[t - 1] + 3 || b->start[t] > b->end[t - 1] + 3) return 0;
    *from = f, *to = t;
    return 1;
}

static int variant_facts(cx_story *s, cx_fact **out, size_t *n, size_t *cap)
{
    size_t total = 0;
    for (size_t d = 0; d < s->n_docs; d++) total += s->docs[d].n_sents;
    if (s->n_docs < 2 || !total) return 0;
    variant_sig *v = malloc(total * sizeof *v);
    if (!v) return CHORUS_ENOMEM;
    size_t nv = 0;
    int rc = 0;
    for (size_t d = 0; d < s->n_docs && !rc; d++)
        for (size_t k = 0; k < s->docs[d].n_sents && !rc; k++) {
            int r = variant_sig_of(s, (int)d, (int)k, &v[nv]);
            if (r < 0) rc = r;
            else if (r > 0) nv++;
        }
    if (nv > 1) qsort(v, nv, sizeof *v, by_variant_hash);
    int32_t key = stem_in(s, 0, "name", 4);
    for (size_t a = 0; a < nv && !rc;) {
        size_t b = a + 1;
        while (b < nv && v[b].hash == v[a].hash) b++;
        /* the run where the versions differ, the same in every pair that differs */
        int from = -1, to = -1, agree = 1, differ = 0;
        for (size_t i = a; i < b && agree; i++)
            for (size_t j = i + 1; j < b && agree; j++) {
                int f, t;
                if (v[i].doc == v[j].doc || s->doc_outlet[v[i].doc] == s->doc_outlet[v[j].doc]) continue;
                if (!differing_run(&v[i], &v[j], &f, &t)) {
                    agree = v[i].n_names == v[j].n_names;
                    for (int k = 0; k < v[i].n_names && agree; k++) agree = !strcmp(v[i].name[k], v[j].name[k]);
                    continue;
                }
                if (differ && (f != from || t != to)) agree = 0;
                from = f, to = t, differ = 1;
            }
        for (size_t i = a; i < b && !rc && agree && differ; i++) {
            const cx_sent *st = &s->docs[v[i].doc].sents[v[i].sent];
            cx_fact f = {0};
            f.doc = v[i].doc, f.sent = v[i].sent, f.dim = CX_DIM_SLOT, f.key = key, f.currency = -1, f.stable = 1;
            f.qual = (int32_t)(v[a].hash & 0x7fffffff), f.day = INT64_MIN;
            f.start = v[i].start[from], f.end = v[i].end[to - 1];
            f.text = cx_strndup(st->text + f.start, f.end - f.start);
            f.unit = cx_strdup("");
            cx_buf nb;
            cx_buf_init(&nb);
            for (int k = from; k < to; k++) cx_buf_printf(&nb, "%s%s", k > from ? " " : "", v[i].name[k]);
            f.norm = cx_buf_take(&nb);
            /* what: the words after the names, as written ("City Council held an emergency meeting") */
            size_t e = f.end, words = 0;
            while (e < st->len && words < 6) {
                while (e < st->len && st->text[e] == ' ') e++;
                while (e < st->len && st->text[e] != ' ') e++;
                words++;
            }
            while (e > f.end && strchr(",.;:", st->text[e - 1])) e--;
            cx_buf wb;
            cx_buf_init(&wb);
            cx_buf_printf(&wb, "the name in \"… %.*s\"", (int)(e - f.end - (f.end < st->len && st->text[f.end] == ' ')),
                          st->text + f.end + (f.end < st->len && st->text[f.end] == ' '));
            f.what = cx_buf_take(&wb);
            int64_t day = s->docs[f.doc].art->published_unix;
            f.day = day == INT64_MIN ? INT64_MIN : (day >= 0 ? day / 86400 : -((-day + 86399) / 86400));
            rc = push_fact(out, n, cap, &f);
        }
        a = b;
    }
    free(v);
    return rc;
}

/* Each fact's time: its sentence's own day, else its article's publication day. */
static void set_times(const cx_story *s, const cx_story_dates *dates, cx_fact *f, size_t n)
{
    int doc = -1, sent = -1;
    int32_t day = CX_NO_DAY;
    for (size_t i = 0; i < n; i++) {
        if (f[i].doc != doc || f[i].sent != sent) {
            doc = f[i].doc, sent = f[i].sent;
            day = cx_story_sentence_day(dates, doc, sent, NULL);
            if (day == CX_NO_DAY) day = cx_day_of_unix(s->docs[doc].art->published_unix);
        }
        f[i].when = day;
    }
}

/* The facts of each doc's sentences, read on the story's threads. */
typedef struct {
    cx_story *s;
    cx_stemmer **stemmers; /* one per worker */
    cx_fact **facts;       /* per doc */
    size_t *n_facts;
    size_t **sent_end;     /* per doc and sentence: where its facts end; SIZE_MAX: read it again */
    const uint8_t *const *want; /* per doc and sentence: read it (NULL: all) */
} facts_run;

#define WANTED(want, d, k) (!(want) || !(want)[d] || (want)[d][k])

static int doc_facts(void *ctx, size_t d, int w)
{
    facts_run *r = ctx;
    const cx_doc *doc = &r->s->docs[d];
    size_t n = 0, cap = 0;
    int rc = 0;
    if (!(r->sent_end[d] = malloc(sizeof **r->sent_end * (doc->n_sents ? doc->n_sents : 1)))) return CHORUS_ENOMEM;
    worker_stemmer = r->stemmers[w];
    for (size_t k = 0; k < doc->n_sents && !rc; k++) {
        size_t before = n;
        worker_missed = 0;
        if (!WANTED(r->want, d, k)) {
            r->sent_end[d][k] = n;
            continue;
        }
        rc = cx_facts_of_sentence(r->s, (int)d, (int)k, &r->facts[d], &n, &cap);
        if (!rc && worker_missed) {
            for (size_t i = before; i < n; i++) fact_clear(&r->facts[d][i]);
            n = before;
        }
        r->sent_end[d][k] = !rc && worker_missed ? SIZE_MAX : n;
    }
    worker_stemmer = NULL;
    r->n_facts[d] = n;
    return rc;
}

/* The facts of all sentences in order, read on threads: each doc's facts
 * are moved into *out in sentence order, and a sentence a worker could not
 * read without a new stem is read here, in its place. */
static int facts_on_threads(cx_story *s, const uint8_t *const *want, cx_fact **out, size_t *n, size_t *cap)
{
    int t = cx_threads_for(s->threads, s->n_docs);
    facts_run r = {s, calloc((size_t)t, sizeof *r.stemmers), calloc(s->n_docs, sizeof *r.facts),
                   calloc(s->n_docs, sizeof *r.n_facts), calloc(s->n_docs, sizeof *r.sent_end), want};
    int rc = r.stemmers && r.facts && r.n_facts && r.sent_end ? 0 : CHORUS_ENOMEM;
    const char *name = s->n_langs ? cx_lang_stemmer_name(s->langs[0]) : NULL;
    for (int w = 0; w < t && !rc; w++)
        if (!(r.stemmers[w] = s->n_langs ? cx_stemmer_new_named(name) : cx_stemmer_new())) rc = CHORUS_ENOMEM;
    if (!rc) rc = cx_parallel_for(s->n_docs, t, doc_facts, &r);
    for (size_t d = 0; d < s->n_docs && r.facts && r.n_facts && r.sent_end; d++) {
        size_t at = 0; /* the doc's facts not yet moved start here */
        for (size_t k = 0; k < s->docs[d].n_sents && !rc; k++) {
            size_t end = r.sent_end[d][k];
            if (end == SIZE_MAX) {
                rc = cx_facts_of_sentence(s, (int)d, (int)k, out, n, cap);
                continue;
            }
            for (; at < end && !rc; at++) rc = CX_PUSH(*out, *n, *cap, r.facts[d][at]);
            if (rc) at--; /* not moved */
        }
        for (; rc && at < r.n_facts[d]; at++) fact_clear(&r.facts[d][at]); /* the ones not moved */
        free(r.facts[d]);
        free(r.sent_end[d]);
    }
    for (int w = 0; r.stemmers && w < t; w++) cx_stemmer_free(r.stemmers[w]);
    free(r.stemmers), free(r.facts), free(r.n_facts), free(r.sent_end);
    return rc;
}

/* Names more than two thirds of a story's articles use (its own subject: "Galileo" in a
 * story of the probe, "GM" in one of its strikes) tell no two things
 * apart: they are left out of the facts' clause names. */
#define STORY_NAME_MIN_DOCS 4
static int drop_story_names(const cx_story *s, cx_fact *f, size_t n)
{
    if (s->n_docs < STORY_NAME_MIN_DOCS) return 0;
    size_t nv = cx_vocab_size(s->vocab);
    uint32_t *df = calloc(nv ? nv : 1, sizeof *df), *last = calloc(nv ? nv : 1, sizeof *last);
    if (!df || !last) return free(df), free(last), CHORUS_ENOMEM;
    for (size_t d = 0; d < s->n_docs; d++)
        for (size_t k = 0; k < s->docs[d].n_sents; k++) {
            const cx_sent *st = &s->docs[d].sents[k];
            for (size_t t = 0; t < st->n_tok; t++) {
                int32_t id = st->stems[t];
                if (id < 0 || (size_t)id >= nv || last[id] == d + 1) continue;
                last[id] = (uint32_t)(d + 1), df[id]++;
            }
        }
    for (size_t i = 0; i < n; i++) {
        size_t keep = 0;
        for (size_t j = 0; j < f[i].n_names; j++) {
            int32_t id = f[i].names[j];
            if ((size_t)id < nv && 3 * (size_t)df[id] > 2 * s->n_docs) continue;
            f[i].names[keep++] = id;
        }
        f[i].n_names = keep;
    }
    free(df), free(last);
    return 0;
}

int cx_facts_collect(cx_story *s, const cx_story_dates *dates, cx_fact **out, size_t *n)
{
    return cx_facts_collect_some(s, dates, NULL, out, n);
}

int cx_facts_collect_some(cx_story *s, const cx_story_dates *dates, const uint8_t *const *want, cx_fact **out,
                          size_t *n)
{
    *out = NULL, *n = 0;
    size_t cap = 0;
    if (cx_threads_for(s->threads, s->n_docs) > 1) {
        int rc = facts_on_threads(s, want, out, n, &cap);
        if (rc) {
            cx_facts_free(*out, *n);
            *out = NULL, *n = 0;
            return rc;
        }
    } else
        for (size_t d = 0; d < s->n_docs; d++)
            for (size_t k = 0; k < s->docs[d].n_sents; k++) {
                if (!WANTED(want, d, k)) continue;
                int rc = cx_facts_of_sentence(s, (int)d, (int)k, out, n, &cap);
                if (rc) {
                    cx_facts_free(*out, *n);
                    *out = NULL, *n = 0;
                    return rc;
                }
            }
    int rc = variant_facts(s, out, n, &cap);
    if (!rc) set_times(s, dates, *out, *n);
    if (!rc) rc = drop_story_names(s, *out, *n);
    if (rc) {
        cx_facts_free(*out, *n);
        *out = NULL, *n = 0;
    }
    return rc;
}
