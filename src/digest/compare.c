/* Disagreements among facts (see compare.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "parallel.h"
#include "entities.h"
#include "util.h"

/* Reports of one quantity rarely differ by more than this factor; values
 * further apart measure different things ("27,000" people of a town against
 * "51,000" of another). */
#define MAX_RATIO 2.0
/* Years or ages further apart than this are of different things. */
#define MAX_YEARS_APART 5
/* More clusters of values than this in one group: several things mixed. */
#define MAX_CLUSTERS 3

const char *cx_dis_kind_name(int kind)
{
    switch (kind) {
    case CX_DIS_CONFLICT: return "conflict";
    case CX_DIS_UPDATE: return "update";
    case CX_DIS_APPROXIMATE: return "approximate";
    default: return "";
    }
}

void cx_disagreements_free(cx_disagreement *d, size_t n)
{
    if (!d) return;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < d[i].n_sides; k++)
            free(d[i].sides[k].text), free(d[i].sides[k].unit), free(d[i].sides[k].facts),
                free(d[i].sides[k].outlets);
        free(d[i].sides), free(d[i].subject);
    }
    free(d);
}

static size_t shared_ids(const int32_t *a, size_t na, const int32_t *b, size_t nb, int32_t skip1, int32_t skip2)
{
    size_t n = 0;
    for (size_t i = 0; i < na; i++) {
        if (a[i] == skip1 || a[i] == skip2) continue;
        for (size_t j = 0; j < nb; j++)
            if (a[i] == b[j]) {
                n++;
                break;
            }
    }
    return n;
}

/* The holder of an age split once (the stories of thousands of ages compare
 * each with every age within five years): a single name in one; a name of
 * several tokens has its last token in one and all tokens joined in joined. */
typedef struct {
    cx_person_name one, joined;
} holder_names;

static void holder_names_init(holder_names *h, const cx_fact *a)
{
    memset(h, 0, sizeof *h);
    if (!a->n_holder) return;
    if (a->n_holder == 1) {
        cx_person_name_init(&h->one, a->holder[0]);
        return;
    }
    cx_person_name_init(&h->one, a->holder[a->n_holder - 1]);
    char x[200] = "";
    for (size_t k = 0; k < a->n_holder; k++) snprintf(x + strlen(x), sizeof x - strlen(x), "%s%s", k ? " " : "", a->holder[k]);
    cx_person_name_init(&h->joined, x);
}

/* The person (or thing) an age or claim is said of. */
static int same_holder(const cx_fact *a, const cx_fact *b, const holder_names *ha, const holder_names *hb)
{
    if (!a->n_holder || !b->n_holder) return 0;
    if (a->n_holder == 1 || b->n_holder == 1) {
        const cx_fact *one = a->n_holder == 1 ? a : b, *other = one == a ? b : a;
        for (size_t k = 0; k < other->n_holder; k++)
            if (!strcmp(one->holder[0], other->holder[k])) return 1;
        if (other->n_holder == 1) return 0;
        /* a surname alone against a full name */
        return one == a ? cx_same_person_names(&ha->one, &hb->one) : cx_same_person_names(&hb->one, &ha->one);
    }
    return cx_same_person_names(&ha->joined, &hb->joined);
}

static int outlet_of(const cx_story *s, const cx_fact *f) { return s->doc_outlet[f->doc]; }

/* Two statements of one article that it attributes to sources with no word
 * in common, a sentence or two apart ("the news agency said only 62
 * deputies...", "a TV station owned by Hariri said at least 100"): the
 * article reports two reports, which may disagree. */
#define SOURCES_APART 2
static int two_sources(int doc_a, int sent_a, uint64_t src_a, int doc_b, int sent_b, uint64_t src_b)
{
    return doc_a == doc_b && sent_a != sent_b && abs(sent_a - sent_b) <= SOURCES_APART && src_a && src_b &&
           !(src_a & src_b);
}
#define TWO_SOURCES(a, b) two_sources((a)->doc, (a)->sent, (a)->source, (b)->doc, (b)->sent, (b)->source)

int cx_compare_wanted(const cx_story *s, uint8_t ***want, size_t *n_wanted)
{
    *want = NULL, *n_wanted = 0;
    if (s->n_docs != 1) return 0;
    size_t ns = s->docs[0].n_sents;
    uint8_t **w = calloc(2, sizeof *w), *named = calloc(ns + 1, 1);
    if (!w || !named || !(w[0] = calloc(ns + 1, 1))) {
        free(named), cx_compare_wanted_free(w);
        return CHORUS_ENOMEM;
    }
    for (size_t k = 0; k < ns; k++) {
        int r = cx_sentence_names_source(s, 0, (int)k);
        if (r < 0) {
            free(named), cx_compare_wanted_free(w);
            return r;
        }
        named[k] = (uint8_t)r;
    }
    for (size_t k = 0; k < ns; k++)
        for (size_t j = k > SOURCES_APART ? k - SOURCES_APART : 0; j <= k + SOURCES_APART && j < ns && named[k]; j++)
            if (j != k && named[j]) {
                w[0][k] = 1, (*n_wanted)++;
                break;
            }
    free(named);
    *want = w;
    return 0;
}

void cx_compare_wanted_free(uint8_t **want)
{
    if (want) free(want[0]);
    free(want);
}

/* Whether two facts measure the same thing. may_pair screens pairs on the
 * same conditions first: a new rule here must keep what it assumes (a pair
 * accepted shares a near or sentence word, or an age's holder). */
static int by_referent(const cx_fact *a, const cx_fact *b);
static int same_quantity(const cx_story *s, const cx_fact *a, const cx_fact *b, const holder_names *ha,
                         const holder_names *hb)
{
    int sources = TWO_SOURCES(a, b);
    if ((a->doc == b->doc && !sources) || a->dim != b->dim) return 0;
    /* one outlet restating itself says nothing new, unless days apart */
    if (outlet_of(s, a) == outlet_of(s, b) && (a->day == INT64_MIN || a->day == b->day) && !sources) return 0;
    if (a->dim == CX_DIM_CLAIM) {
        if (a->key != b->key) return 0;
        /* said of the same thing: the same noun, or "it" where the sentence
         * (or the one before) names the other's noun */
        if (a->qual >= 0 && b->qual >= 0 && a->qual != b->qual) return 0;
        if (a->qual >= 0 && b->qual < 0) return shared_ids(&a->qual, 1, b->near, b->n_near, -1, -1) == 1;
        if (b->qual >= 0 && a->qual < 0) return shared_ids(&b->qual, 1, a->near, a->n_near, -1, -1) == 1;
        return shared_ids(a->near, a->n_near, b->near, b->n_near, a->key, -1) >= 2;
    }
    double va = fabs(a->value), vb = fabs(b->value);
    if (a->dim == CX_DIM_WEEKDAY) {
        /* any two weekdays may be of one event */
    } else if (a->dim == CX_DIM_YEAR || a->dim == CX_DIM_AGE) {
        if (fabs(va - vb) > MAX_YEARS_APART) return 0;
    } else {
        double lo = va < vb ? va : vb, hi = va < vb ? vb : va;
        if (lo <= 0 || hi / lo > MAX_RATIO) return 0;
    }
    if (a->dim == CX_DIM_AGE) return same_holder(a, b, ha, hb);
    if (a->dim == CX_DIM_MONEY && a->currency != b->currency) return 0;
    if (a->relative != b->relative) return 0; /* "15 other nations" is not all "16 nations" */
    /* "13 deaths in 1990" and "seven deaths", "over five years" and "over
     * 10 years": figures of two periods are a series */
    if (a->period != b->period || a->window != b->window) return 0;
    /* figures whose clauses name things, none in common, are of two things */
    if (a->n_names && b->n_names && !shared_ids(a->names, a->n_names, b->names, b->n_names, -1, -1) &&
        !by_referent(a, b)) /* unless "the cylinder" refers to the other's "Zarya" */
        return 0;
    if (a->qual != b->qual) return 0;
    if (a->extent && b->extent && a->extent != b->extent) return 0; /* "long" is not "wide" */
    /* a share of income is not one of renters; a share of a named whole is
     * not a percentage of something unnamed (a rate, a change) */
    if (a->whole != b->whole && ((a->whole && b->whole) || a->dim == CX_DIM_PERCENT)) return 0;
    if (a->n_mods && b->n_mods && !shared_ids(a->mods, a->n_mods, b->mods, b->n_mods, -1, -1)) return 0;
    size_t near = shared_ids(a->near, a->n_near, b->near, b->n_near, a->key, a->qual);
    const cx_sent *sa = &s->docs[a->doc].sents[a->sent], *sb = &s->docs[b->doc].sents[b->sent];
    size_t sent = shared_ids(sa->content, sa->n_content, sb->content, sb->n_content, a->key, a->qual);
    if (a->dim == CX_DIM_YEAR) return near >= 3; /* years name many events: the words around must say which */
    if (a->dim == CX_DIM_WEEKDAY) return near >= 2;
    /* two shares of nothing named ("about 22 percent of Americans who ...")
     * are shares of whole clauses: two such clauses are rarely one */
    if (a->key < 0 && b->key < 0 && a->dim == CX_DIM_PERCENT && !a->whole) return 0; /* (a whole names it) */
    if (a->key < 0 || b->key < 0) return near >= 2 && sent >= 3; /* only the words around say of what */
    if (a->key != b->key) return sent >= 2; /* one refers to the other's name (by_referent) */
    if (sources) return near >= 1 || sent >= 1; /* the article sets them side by side */
    /* "the station's lifetime": a measure named with its owner is named in
     * full; two owners are two things */
    if (a->n_holder == 1 && b->n_holder == 1) return !strcmp(a->holder[0], b->holder[0]);
    if (a->qual >= 0 && a->dim == CX_DIM_COUNT) return near >= 1 || sent >= 2; /* "people killed": what and which event */
    return near >= 1 && sent >= 2;
}

/* "the 40,000-pound cylinder" after a sentence naming Zarya, against "the
 * 44,000-pound Zarya": the common noun of one refers to the other's name. */
static int by_referent(const cx_fact *a, const cx_fact *b)
{
    if (a->key < 0 || b->key < 0) return 0;
    for (size_t k = 0; k < a->n_alias; k++) {
        if (a->alias[k] == b->key) return 1;
        for (size_t m = 0; m < b->n_mods; m++)
            if (a->alias[k] == b->mods[m]) return 1;
    }
    for (size_t k = 0; k < b->n_alias; k++) {
        if (b->alias[k] == a->key) return 1;
        for (size_t m = 0; m < a->n_mods; m++)
            if (b->alias[k] == a->mods[m]) return 1;
    }
    return 0;
}

/* a's common noun refers to b's name, and no other article measures a
 * thing of a's noun (then it would be a thing of its own) */
static int refers(const cx_fact *a, const cx_fact *b, int a_shared)
{
    if (a_shared || b->key < 0) return 0;
    for (size_t k = 0; k < a->n_alias; k++) {
        if (a->alias[k] == b->key) return 1;
        for (size_t m = 0; m < b->n_mods; m++) /* "the Unity module" */
            if (a->alias[k] == b->mods[m]) return 1;
    }
    return 0;
}

/* What is counted must be the same; what a length or a mass is of may be
 * unsaid in one of the two ("it is 18 feet long"). */
static int keys_agree(const cx_fact *a, const cx_fact *b)
{
    if (a->key == b->key) return 1;
    if (a->dim == CX_DIM_COUNT || a->dim == CX_DIM_CLAIM || a->dim == CX_DIM_AGE || a->dim == CX_DIM_WEEKDAY) return 0;
    return a->key < 0 || b->key < 0 || by_referent(a, b);
}

static int find_root(int *p, int i)
{
    while (p[i] != i) i = p[i] = p[p[i]];
    return i;
}

static int overlap(const cx_dis_side *a, const cx_dis_side *b) { return a->lo < b->hi && b->lo < a->hi; }

/* One value stated twice: the numbers as written overlap, hedges left out
 * ("25 miles", "about 25 miles", "40 kilometers"); a vague amount
 * ("dozens") is a value of its own. */
static int same_value(const cx_fact *a, const cx_fact *b)
{
    if (a->value == b->value) return 1;
    if (a->hedge == CX_HEDGE_VAGUE || b->hedge == CX_HEDGE_VAGUE) return 0;
    return a->rlo < b->rhi && b->rlo < a->rhi;
}

static int side_has(const cx_dis_side *sd, int fact)
{
    for (size_t k = 0; k < sd->n_facts; k++)
        if (sd->facts[k] == fact) return 1;
    return 0;
}

static int by_outlet(const void *x, const void *y) { return *(const int *)x - *(const int *)y; }

/* Append a fact to a side (its article order is the fact order). */
static int side_add(cx_dis_side *sd, const cx_story *s, const cx_fact *f, int idx, size_t cap)
{
    if (!sd->facts && !(sd->facts = calloc(cap, sizeof *sd->facts))) return CHORUS_ENOMEM;
    if (!sd->outlets && !(sd->outlets = calloc(s->n_outlets + 1, sizeof *sd->outlets))) return CHORUS_ENOMEM;
    if (!sd->text) {
        sd->value = f->value, sd->lo = f->lo, sd->hi = f->hi, sd->day = f->day, sd->month = f->month;
        sd->when = f->when;
        if (!(sd->text = cx_strdup(f->text)) || !(sd->unit = cx_strdup(f->unit))) return CHORUS_ENOMEM;
    } else {
        /* the side's interval is its most precise statement: "21" and "at least 21" are 21 */
        if (f->hi - f->lo < sd->hi - sd->lo) sd->lo = f->lo, sd->hi = f->hi;
        if (f->day != INT64_MIN && (sd->day == INT64_MIN || f->day < sd->day)) sd->day = f->day;
        if (f->when != CX_NO_DAY && (sd->when == CX_NO_DAY || f->when < sd->when)) sd->when = f->when;
        if (!sd->month) sd->month = f->month;
    }
    sd->facts[sd->n_facts++] = idx;
    int o = s->doc_outlet[f->doc], seen = 0;
    for (size_t k = 0; k < sd->n_outlets; k++) seen |= sd->outlets[k] == o;
    if (!seen) {
        sd->outlets[sd->n_outlets++] = o;
        qsort(sd->outlets, sd->n_outlets, sizeof *sd->outlets, by_outlet);
    }
    return 0;
}

static void side_free(cx_dis_side *sd)
{
    free(sd->text), free(sd->unit), free(sd->facts), free(sd->outlets);
    memset(sd, 0, sizeof *sd);
}

static int side_copy(cx_dis_side *to, const cx_dis_side *from, size_t n_facts, size_t n_outlets)
{
    *to = *from;
    to->text = cx_strdup(from->text), to->unit = cx_strdup(from->unit);
    to->facts = malloc((n_facts + 1) * sizeof *to->facts);
    to->outlets = malloc((n_outlets + 1) * sizeof *to->outlets);
    if (!to->text || !to->unit || !to->facts || !to->outlets) return CHORUS_ENOMEM;
    memcpy(to->facts, from->facts, from->n_facts * sizeof *to->facts);
    memcpy(to->outlets, from->outlets, from->n_outlets * sizeof *to->outlets);
    return 0;
}

/* What the values are about, in the articles' words: the most common
 * wording of what the facts measure (the longest among equals). */
static char *subject_of(const cx_fact *f, const int *members, size_t n)
{
    const char *best = "";
    size_t best_count = 0;
    for (size_t i = 0; i < n; i++) {
        const char *w = f[members[i]].what;
        size_t count = 0;
        for (size_t j = 0; j < n; j++) count += cx_strcaseeq(w, f[members[j]].what);
        if (count > best_count || (count == best_count && strlen(w) > strlen(best))) best = w, best_count = count;
    }
    const cx_fact *g = &f[members[0]];
    cx_buf b;
    cx_buf_init(&b);
    if (g->dim == CX_DIM_CLAIM) {
        const char *holder = NULL;
        for (size_t i = 0; i < n && !holder; i++)
            if (f[members[i]].n_holder) holder = f[members[i]].holder[0];
        cx_buf_printf(&b, "whether the %s was %s", holder ? holder : "thing", best);
    } else if (g->dim == CX_DIM_YEAR) {
        cx_buf_printf(&b, "year (%s)", g->text);
    } else
        cx_buf_puts(&b, best);
    return cx_buf_take(&b);
}

/* Whether every fact of side x is stated for a day before every fact of
 * side y (cx_fact.when): the world may have changed between them. */
static int stated_before(const cx_fact *f, const cx_dis_side *x, const cx_dis_side *y)
{
    for (size_t i = 0; i < x->n_facts; i++)
        for (size_t j = 0; j < y->n_facts; j++) {
            int32_t a = f[x->facts[i]].when, b = f[y->facts[j]].when;
            if (a == CX_NO_DAY || b == CX_NO_DAY || a >= b) return 0;
        }
    return x->n_facts && y->n_facts;
}

/* Quantities that change while a story runs (a toll, a rate, an amount, a
 * temperature); an age, a length, a year or a weekday does not. */
static int changes_over_time(int dim)
{
    return dim == CX_DIM_COUNT || dim == CX_DIM_PERCENT || dim == CX_DIM_MONEY || dim == CX_DIM_TEMPERATURE;
}

/* Whether a sentence states a change from x's value to y's ("to 3 percent
 * from 3.3 percent"): a fact of x marked as the earlier value (era -1) and
 * a fact of y in the same sentence that is not. */
static int changed_from(const cx_fact *f, const cx_dis_side *x, const cx_dis_side *y)
{
    for (size_t i = 0; i < x->n_facts; i++)
        for (size_t j = 0; j < y->n_facts; j++)
            if (f[x->facts[i]].doc == f[y->facts[j]].doc && f[x->facts[i]].sent == f[y->facts[j]].sent &&
                f[x->facts[i]].era < 0 && f[y->facts[j]].era >= 0)
                return 1;
    return 0;
}

/* The kind between two clusters' representatives a (earlier) and b. */
static int kind_between(const cx_fact *f, const cx_dis_side *a, const cx_dis_side *b)
{
    if (a->month && b->month && a->month != b->month) return CX_DIS_UPDATE;
    if (changes_over_time(f[a->facts[0]].dim) && changed_from(f, a, b) != changed_from(f, b, a))
        return CX_DIS_UPDATE;
    if (changes_over_time(f[a->facts[0]].dim) && (stated_before(f, a, b) || stated_before(f, b, a)))
        return CX_DIS_UPDATE;
    if (a->day != INT64_MIN && b->day != INT64_MIN && a->day != b->day) {
        const cx_dis_side *later = a->day > b->day ? a : b;
        for (size_t k = 0; k < later->n_facts; k++)
            if (f[later->facts[k]].change) return CX_DIS_UPDATE;
    }
    return CX_DIS_CONFLICT;
}

static int by_time(const void *x, const void *y)
{
    const cx_dis_side *a = x, *b = y;
    if (a->when != CX_NO_DAY && b->when != CX_NO_DAY && a->when != b->when) return a->when < b->when ? -1 : 1;
    int64_t ta = a->day == INT64_MIN ? INT64_MAX : a->day, tb = b->day == INT64_MIN ? INT64_MAX : b->day;
    if (ta != tb) return ta < tb ? -1 : 1;
    return a->month - b->month;
}

static size_t outlets_of(const cx_disagreement *d)
{
    size_t n = 0;
    for (size_t k = 0; k < d->n_sides; k++) n += d->sides[k].n_outlets;
    return n;
}

static int by_kind(const void *x, const void *y)
{
    const cx_disagreement *a = x, *b = y;
    if (a->kind != b->kind) return a->kind - b->kind;
    size_t na = outlets_of(a), nb = outlets_of(b);
    if (na != nb) return na > nb ? -1 : 1;
    return a->sides[0].facts[0] - b->sides[0].facts[0];
}

static int emit(cx_disagreement **out, size_t *n, size_t *cap, int kind, int dim, char *subject, cx_dis_side *sides,
                size_t n_sides)
{
    cx_disagreement d = {kind, dim, subject, sides, n_sides};
    if (!subject || CX_PUSH(*out, *n, *cap, d)) {
        free(subject);
        for (size_t k = 0; k < n_sides; k++) side_free(&sides[k]);
        free(sides);
        return CHORUS_ENOMEM;
    }
    return 0;
}

/* The members whose tag (tag_of; NO_TAG: none stated) is the one most
 * members state (on a tie, the first stated), beside the untagged ones; the
 * others are left out. A few tags exist per group; past MAX_TAGS, the rarer
 * ones are simply not candidates. Returns the new member count. */
enum { NO_TAG = -1, MAX_TAGS = 16 };
static size_t keep_most_stated(const cx_fact *f, int *m, size_t nm, int32_t (*tag_of)(const cx_fact *))
{
    int32_t tag[MAX_TAGS];
    size_t cnt[MAX_TAGS], nt = 0;
    for (size_t i = 0; i < nm; i++) {
        int32_t t = tag_of(&f[m[i]]);
        if (t == NO_TAG) continue;
        size_t q = 0;
        while (q < nt && tag[q] != t) q++;
        if (q == nt && nt < MAX_TAGS) tag[nt] = t, cnt[nt++] = 0;
        if (q < nt) cnt[q]++;
    }
    if (nt < 2) return nm;
    int32_t best = tag[0];
    size_t best_n = cnt[0];
    for (size_t q = 1; q < nt; q++)
        if (cnt[q] > best_n) best = tag[q], best_n = cnt[q];
    size_t k = 0;
    for (size_t i = 0; i < nm; i++)
        if (tag_of(&f[m[i]]) == NO_TAG || tag_of(&f[m[i]]) == best) m[k++] = m[i];
    return k;
}

/* A group joined through lengths of no stated extent may hold two extents
 * ("77 feet" joins "63 feet long" and "78 feet wide"): the length and the
 * width of one thing are no two values of one quantity. The group keeps the
 * extent most facts state beside the unstated ones. */
static int32_t extent_of(const cx_fact *x) { return x->extent ? x->extent : NO_TAG; }

/* A group of rates joined through rates that name no thing ("the 3.3
 * percent level" beside "the interest rate" and "growth next year") may
 * hold two named things: it keeps the thing most of its rates name beside
 * the unnamed ones. */
static int32_t rate_key_of(const cx_fact *x) { return x->key < 0 ? NO_TAG : x->key; }

/* Each side has an outlet the other lacks. */
static int outlets_apart(const cx_dis_side *a, const cx_dis_side *b)
{
    int a_only = 0, b_only = 0;
    for (size_t i = 0, j = 0; i < a->n_outlets || j < b->n_outlets;) {
        if (j == b->n_outlets || (i < a->n_outlets && a->outlets[i] < b->outlets[j])) a_only = 1, i++;
        else if (i == a->n_outlets || b->outlets[j] < a->outlets[i]) b_only = 1, j++;
        else i++, j++;
    }
    return a_only && b_only;
}


/* One group of facts about the same thing: its sides, clusters and reports. */
static int compare_group(const cx_story *s, const cx_fact *f, const int *m, size_t nm, cx_disagreement **out,
                         size_t *n_out, size_t *cap_out)
{
    cx_dis_side *sd = calloc(nm, sizeof *sd);
    int *cl = malloc(nm * sizeof *cl);
    size_t ns = 0;
    int rc = 0;
    if (!sd || !cl) rc = CHORUS_ENOMEM;
    for (size_t i = 0; i < nm && !rc; i++) {
        const cx_fact *x = &f[m[i]];
        size_t k = 0;
        while (k < ns && !same_value(&f[sd[k].facts[0]], x)) k++;
        if (k == ns) ns++;
        rc = side_add(&sd[k], s, x, m[i], nm);
    }
    /* clusters: sides whose intervals overlap (transitively) */
    size_t nc = 0;
    for (size_t k = 0; k < ns && !rc; k++) cl[k] = -1;
    for (size_t k = 0; k < ns && !rc; k++) {
        if (cl[k] >= 0) continue;
        cl[k] = (int)nc;
        for (int grew = 1; grew;) {
            grew = 0;
            for (size_t a = 0; a < ns; a++)
                if (cl[a] == (int)nc)
                    for (size_t b = 0; b < ns; b++)
                        if (cl[b] < 0 && overlap(&sd[a], &sd[b])) cl[b] = (int)nc, grew = 1;
        }
        nc++;
    }
    /* an article stating values of two clusters counts two different things */
    int clash = nc > MAX_CLUSTERS;
    for (size_t i = 0; i < nm && !clash && !rc; i++)
        for (size_t j = i + 1; j < nm && !clash; j++) {
            if (f[m[i]].doc != f[m[j]].doc || TWO_SOURCES(&f[m[i]], &f[m[j]])) continue;
            /* "to 3 percent from 3.3 percent": the sentence states a change, not two things */
            if (f[m[i]].sent == f[m[j]].sent && (f[m[i]].era < 0) != (f[m[j]].era < 0)) continue;
            /* a value the article itself gives as where a change started is
             * the earlier value of this quantity, not a second thing */
            if ((f[m[i]].era < 0) != (f[m[j]].era < 0)) continue;
            /* its own words say they measure different things ("63 feet long and 78 feet wide") */
            if (f[m[i]].extent && f[m[j]].extent && f[m[i]].extent != f[m[j]].extent) continue;
            size_t a = 0, b = 0;
            while (a < ns && !side_has(&sd[a], m[i])) a++;
            while (b < ns && !side_has(&sd[b], m[j])) b++;
            if (a < ns && b < ns && cl[a] != cl[b] && !(f[m[i]].month && f[m[j]].month && f[m[i]].month != f[m[j]].month))
                clash = 1;
        }
    /* approximate: a cluster with values that differ, one of them hedged */
    for (size_t c = 0; c < nc && !rc && !clash; c++) {
        size_t count = 0;
        int hedged = 0;
        for (size_t k = 0; k < ns; k++)
            if (cl[k] == (int)c) {
                count++;
                for (size_t q = 0; q < sd[k].n_facts; q++) hedged |= f[sd[k].facts[q]].hedge != CX_HEDGE_NONE;
            }
        if (count < 2 || !hedged) continue;
        /* outlets differ only when one states a value another does not and
         * the other a value the first does not: figures that all come from
         * the same articles are that article's own ("six others ... seven
         * people ... at least five others") */
        int apart = 0;
        for (size_t a = 0; a < ns && !apart; a++)
            for (size_t b = a + 1; b < ns && !apart; b++)
                if (cl[a] == (int)c && cl[b] == (int)c) apart = outlets_apart(&sd[a], &sd[b]);
        if (!apart) continue;
        cx_dis_side *v = calloc(count, sizeof *v);
        size_t nv = 0;
        if (!v) {
            rc = CHORUS_ENOMEM;
            break;
        }
        for (size_t k = 0; k < ns && !rc; k++)
            if (cl[k] == (int)c) rc = side_copy(&v[nv++], &sd[k], sd[k].n_facts, sd[k].n_outlets);
        if (!rc) {
            int *mm = malloc(nm * sizeof *mm);
            size_t nmm = 0;
            for (size_t k = 0; mm && k < nv; k++)
                for (size_t q = 0; q < v[k].n_facts; q++) mm[nmm++] = v[k].facts[q];
            rc = mm ? emit(out, n_out, cap_out, CX_DIS_APPROXIMATE, f[m[0]].dim, subject_of(f, mm, nmm), v, nv)
                    : CHORUS_ENOMEM;
            free(mm);
        } else {
            for (size_t k = 0; k < nv; k++) side_free(&v[k]);
            free(v);
        }
    }
    /* conflict or update between clusters: one side per cluster, its most
     * precise value (then the most widely stated) */
    if (!rc && !clash && nc >= 2) {
        cx_dis_side *v = calloc(nc, sizeof *v);
        if (!v) rc = CHORUS_ENOMEM;
        size_t nv = 0;
        for (size_t c = 0; c < nc && !rc; c++) {
            /* a vague amount alone ("thousands") contradicts no figure */
            int precise = 0;
            for (size_t k = 0; k < ns; k++)
                if (cl[k] == (int)c && f[sd[k].facts[0]].hedge != CX_HEDGE_VAGUE) precise = 1;
            if (!precise) continue;
            size_t best = ns;
            for (size_t k = 0; k < ns; k++) {
                if (cl[k] != (int)c || f[sd[k].facts[0]].hedge == CX_HEDGE_VAGUE) continue;
                if (best == ns) {
                    best = k;
                    continue;
                }
                double wk = sd[k].hi - sd[k].lo, wb = sd[best].hi - sd[best].lo;
                if (wk < wb || (wk == wb && sd[k].n_facts > sd[best].n_facts)) best = k;
            }
            rc = side_copy(&v[nv++], &sd[best], sd[best].n_facts, sd[best].n_outlets);
        }
        if (!rc && nv >= 2) {
            qsort(v, nv, sizeof *v, by_time);
            /* an article's own "from x to y" orders the two values */
            if (nv == 2 && changed_from(f, &v[1], &v[0]) && !changed_from(f, &v[0], &v[1])) {
                cx_dis_side t = v[0];
                v[0] = v[1], v[1] = t;
            }
            int kind = CX_DIS_UPDATE;
            for (size_t c = 0; c + 1 < nv; c++)
                if (kind_between(f, &v[c], &v[c + 1]) == CX_DIS_CONFLICT) kind = CX_DIS_CONFLICT;
            int *mm = malloc(nm * sizeof *mm);
            size_t nmm = 0;
            for (size_t k = 0; mm && k < nv; k++)
                for (size_t q = 0; q < v[k].n_facts; q++) mm[nmm++] = v[k].facts[q];
            rc = mm ? emit(out, n_out, cap_out, kind, f[m[0]].dim, subject_of(f, mm, nmm), v, nv) : CHORUS_ENOMEM;
            free(mm);
        } else if (v) {
            for (size_t c = 0; c < nv; c++) side_free(&v[c]);
            free(v);
        }
    }
    for (size_t k = 0; sd && k < ns; k++) side_free(&sd[k]);
    free(sd), free(cl);
    return rc;
}


/* ---- posts of people ---------------------------------------------------------- */

/* Two posts' other words agree when one has none, or some pair is the same
 * word in two spellings ("Defense"/"Defence" Secretary). */
/* A word of two or more capitals ("NTSB", "UAW"): an abbreviation, which may
 * stand for any words of the other post. */
static int has_acronym(const char *t)
{
    for (const char *p = t; *p;) {
        while (*p == ' ') p++;
        int caps = 0, other = 0;
        for (; *p && *p != ' '; p++) caps += *p >= 'A' && *p <= 'Z', other += !(*p >= 'A' && *p <= 'Z');
        if (caps >= 2 && !other) return 1;
    }
    return 0;
}

static int mods_agree(const cx_story *s, const cx_fact *a, const cx_fact *b)
{
    if (!a->n_mods || !b->n_mods) return 1;
    if (has_acronym(a->text) || has_acronym(b->text)) return 1; /* "NTSB Chairman", "National Transportation Safety Board Chairman" */
    for (size_t i = 0; i < a->n_mods; i++)
        for (size_t j = 0; j < b->n_mods; j++) {
            if (a->mods[i] == b->mods[j]) return 1;
            const char *x = cx_vocab_str(s->vocab, a->mods[i]), *y = cx_vocab_str(s->vocab, b->mods[j]);
            if (x && y && strlen(x) >= 4 && cx_jaro_winkler(x, strlen(x), y, strlen(y)) >= 0.9) return 1;
        }
    return 0;
}

/* The posts of people with their holders, grouped so that pairs are sought
 * within a group only: ordered by key (and, when by_person, by the holder's
 * surname initial, which cx_same_person requires to match), each group in
 * fact order. A story of thousands of posts ("Police Chief X" in every
 * report of a city) would otherwise compare every post with every other. */
typedef struct {
    size_t n;            /* facts grouped: role facts with a holder */
    size_t *fact;        /* [n] fact indices, group by group */
    size_t *start, *end; /* [n] the group of each place */
    size_t *at;          /* [n_facts] place of each fact, SIZE_MAX when not grouped */
    cx_person_name *pn;  /* [n] each place's holder, split once */
} role_groups;

typedef struct {
    int32_t key;
    int initial;
    size_t n_mods, i, k; /* k: place in fact order */
} role_rank;

static int by_role_rank(const void *x, const void *y)
{
    const role_rank *a = x, *b = y;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    if (a->initial != b->initial) return a->initial < b->initial ? -1 : 1;
    if (a->n_mods != b->n_mods) return a->n_mods < b->n_mods ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

static void role_groups_free(role_groups *g)
{
    free(g->fact), free(g->start), free(g->end), free(g->at), free(g->pn);
    memset(g, 0, sizeof *g);
}

/* by_person groups by key and surname initial (compare_roles); otherwise by
 * key and number of other words, which same_post requires to match. */
static int role_groups_make(role_groups *g, const cx_fact *f, size_t n, int by_person)
{
    memset(g, 0, sizeof *g);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) m += f[i].dim == CX_DIM_ROLE && f[i].n_holder;
    role_rank *r = malloc((m + 1) * sizeof *r);
    cx_person_name *pn = malloc((m + 1) * sizeof *pn); /* in fact order */
    g->fact = malloc((m + 1) * sizeof *g->fact), g->start = malloc((m + 1) * sizeof *g->start);
    g->end = malloc((m + 1) * sizeof *g->end), g->at = malloc((n + 1) * sizeof *g->at);
    g->pn = malloc((m + 1) * sizeof *g->pn);
    if (!r || !pn || !g->fact || !g->start || !g->end || !g->at || !g->pn) {
        free(r), free(pn), role_groups_free(g);
        return CHORUS_ENOMEM;
    }
    g->n = m, m = 0;
    for (size_t i = 0; i < n; i++) {
        g->at[i] = SIZE_MAX;
        if (f[i].dim != CX_DIM_ROLE || !f[i].n_holder) continue;
        cx_person_name_init(&pn[m], f[i].holder[0]);
        r[m] = (role_rank){f[i].key, by_person ? pn[m].initial : 0, by_person ? 0 : f[i].n_mods, i, m};
        m++;
    }
    qsort(r, m, sizeof *r, by_role_rank);
    for (size_t q = 0; q < m; q++) g->fact[q] = r[q].i, g->at[r[q].i] = q, g->pn[q] = pn[r[q].k];
    for (size_t q = 0; q < m;) {
        size_t e = q + 1;
        while (e < m && r[e].key == r[q].key && r[e].initial == r[q].initial && r[e].n_mods == r[q].n_mods) e++;
        for (size_t o = q; o < e; o++) g->start[o] = q, g->end[o] = e;
        q = e;
    }
    free(r), free(pn);
    return 0;
}

/* same_person_role of the facts at places p and q of one group */
static int same_person_role(const cx_fact *f, const role_groups *g, size_t p, size_t q)
{
    return f[g->fact[p]].key == f[g->fact[q]].key && cx_same_person_names(&g->pn[p], &g->pn[q]);
}

/* How two statements of one person's post (at places p, q) relate: 0 agree, or a kind. */
static int role_relation(const cx_story *s, const cx_fact *f, const role_groups *g, size_t p, size_t q)
{
    const cx_fact *a = &f[g->fact[p]], *b = &f[g->fact[q]];
    if (a->doc == b->doc || !same_person_role(f, g, p, q)) return 0;
    if (s->doc_outlet[a->doc] == s->doc_outlet[b->doc] && (a->day == INT64_MIN || a->day == b->day)) return 0;
    int agree = mods_agree(s, a, b);
    if (a->value != b->value) return agree ? CX_DIS_UPDATE : 0; /* "Prime Minister", then "former Premier" */
    return agree ? 0 : CX_DIS_CONFLICT;                         /* "Finance" vs "Foreign" Minister */
}

/* Disagreements on posts: for each related pair not yet reported, the facts
 * of one side are those that agree with its first statement and not with the
 * other's. */
/* The indices of the facts of one dimension, in fact order: the passes
 * over posts and slots read those alone. Returns the count, or -1 when out
 * of memory; *out is malloc'ed. */
static long facts_of_dim(const cx_fact *f, size_t n, int dim, size_t **out)
{
    size_t *v = malloc(sizeof *v * (n + 1)), m = 0;
    if (!v) return -1;
    for (size_t i = 0; i < n; i++)
        if (f[i].dim == dim) v[m++] = i;
    *out = v;
    return (long)m;
}

static int compare_roles(const cx_story *s, const cx_fact *f, size_t n, cx_disagreement **out, size_t *n_out,
                         size_t *cap)
{
    uint8_t *done = calloc(n + 1, 1);
    size_t *roles = NULL;
    role_groups g;
    long nr = done ? facts_of_dim(f, n, CX_DIM_ROLE, &roles) : -1;
    if (nr < 0 || role_groups_make(&g, f, n, 1)) {
        free(done), free(roles);
        return CHORUS_ENOMEM;
    }
    int rc = 0;
    /* pairs in fact order, as over all role facts: the others of i's group
     * are the only facts role_relation can relate it to */
    for (size_t ii = 0; ii < (size_t)nr && !rc; ii++) {
        size_t i = roles[ii], pi = g.at[i];
        if (done[i] || pi == SIZE_MAX) continue;
        for (size_t pj = pi + 1; pj < g.end[pi] && !rc && !done[i]; pj++) {
            size_t j = g.fact[pj];
            if (done[j]) continue;
            int kind = role_relation(s, f, &g, pi, pj);
            if (!kind) continue;
            cx_dis_side *v = calloc(2, sizeof *v);
            if (!v) {
                rc = CHORUS_ENOMEM;
                break;
            }
            /* in time order for an update: the post held, then the status */
            size_t pf = pi, ps = pj;
            if (kind == CX_DIS_UPDATE && f[i].value < 0) pf = pj, ps = pi;
            const cx_fact *first = &f[g.fact[pf]], *second = &f[g.fact[ps]];
            for (size_t pk = g.start[pi]; pk < g.end[pi] && !rc; pk++) {
                size_t k = g.fact[pk];
                if (!same_person_role(f, &g, pk, pf)) continue;
                int with_first = pk == pf || (f[k].value == first->value && mods_agree(s, &f[k], first));
                int with_second = pk == ps || (f[k].value == second->value && mods_agree(s, &f[k], second));
                if (with_first == with_second) continue;
                rc = side_add(&v[with_first ? 0 : 1], s, &f[k], (int)k, n);
                done[k] = 1;
            }
            if (rc || !v[0].n_facts || !v[1].n_facts) {
                side_free(&v[0]), side_free(&v[1]);
                free(v);
                continue;
            }
            cx_buf b;
            cx_buf_init(&b);
            cx_buf_puts(&b, first->what);
            rc = emit(out, n_out, cap, kind, CX_DIM_ROLE, cx_buf_take(&b), v, 2);
        }
    }
    free(done), free(roles);
    role_groups_free(&g);
    return rc;
}

/* Who holds a post: "President Elias Hrawi" in some reports, "President
 * Emile Lahoud" in others. The post must be worded alike (the same head and
 * the same other words), and no article may name two current holders of it
 * (then the word names several posts: two countries' presidents), and the
 * articles of the later holder must call the first one "former": a
 * succession they state, reported as an update. */
static int same_post(const cx_fact *a, const cx_fact *b)
{
    if (a->key != b->key || a->n_mods != b->n_mods) return 0;
    for (size_t i = 0; i < a->n_mods; i++) {
        size_t j = 0;
        while (j < b->n_mods && b->mods[j] != a->mods[i]) j++;
        if (j == b->n_mods) return 0;
    }
    return 1;
}

/* The side whose holder is the person at place p, or -1. */
static int holder_side(const role_groups *g, const cx_dis_side *sd, size_t ns, size_t p)
{
    for (size_t k = 0; k < ns; k++)
        if (cx_same_person_names(&g->pn[g->at[sd[k].facts[0]]], &g->pn[p])) return (int)k;
    return -1;
}

/* Whether an article of side y calls the holder of side x "former" (or "ousted"). */
static int holder_before(const cx_fact *f, size_t n, const cx_dis_side *x, const cx_dis_side *y)
{
    const cx_fact *hx = &f[x->facts[0]];
    for (size_t k = 0; k < n; k++) {
        if (f[k].dim != CX_DIM_ROLE || f[k].value > 0 || f[k].key != hx->key || !f[k].n_holder) continue;
        if (!cx_same_person(f[k].holder[0], hx->holder[0])) continue;
        for (size_t j = 0; j < y->n_facts; j++)
            if (f[y->facts[j]].doc == f[k].doc) return 1;
    }
    return 0;
}

static int compare_holders(const cx_story *s, const cx_fact *f, size_t n, cx_disagreement **out, size_t *n_out,
                           size_t *cap)
{
    uint8_t *done = calloc(n + 1, 1);
    /* sides of one post: only a post of exactly two holders is reported, so
     * a third ends the bookkeeping (its facts are still marked done) */
    cx_dis_side sd[3] = {0};
    int *mm = malloc((n + 1) * sizeof *mm);
    /* doc_sides[d]: bit k when side k has a fact of doc d (clash test) */
    uint8_t *doc_sides = calloc(s->n_docs + 1, 1);
    size_t *roles = NULL;
    role_groups g = {0};
    long nr = done && mm && doc_sides ? facts_of_dim(f, n, CX_DIM_ROLE, &roles) : -1;
    int rc = nr >= 0 ? role_groups_make(&g, f, n, 0) : CHORUS_ENOMEM;
    for (size_t ii = 0; ii < (size_t)(nr > 0 ? nr : 0) && !rc; ii++) {
        size_t i = roles[ii], pi = g.at[i];
        if (f[i].value < 0 || done[i] || pi == SIZE_MAX) continue;
        size_t ns = 0, nm = 0;
        int clash = 0;
        /* the facts of i's post are all in i's group, after it (fact order) */
        for (size_t pj = pi; pj < g.end[pi] && !rc; pj++) {
            size_t j = g.fact[pj];
            if (f[j].value < 0 || done[j] || !same_post(&f[i], &f[j])) continue;
            done[j] = 1, mm[nm++] = (int)j;
            if (ns > 2) continue;
            int k = holder_side(&g, sd, ns, pj);
            if (k < 0) k = (int)ns++;
            if (ns > 2) continue;
            /* two holders in one article: several posts of that name */
            clash |= (doc_sides[f[j].doc] & ~(1u << k)) != 0;
            doc_sides[f[j].doc] |= (uint8_t)(1u << k);
            rc = side_add(&sd[k], s, &f[j], (int)j, n);
        }
        for (size_t q = 0; q < nm; q++) doc_sides[f[mm[q]].doc] = 0;
        if (!rc && !clash && ns == 2) {
            cx_dis_side *v = calloc(2, sizeof *v);
            if (!v) rc = CHORUS_ENOMEM;
            for (size_t k = 0; k < 2 && !rc; k++) rc = side_copy(&v[k], &sd[k], sd[k].n_facts, sd[k].n_outlets);
            int kind = CX_DIS_CONFLICT;
            if (!rc) {
                if (holder_before(f, n, &v[1], &v[0])) {
                    cx_dis_side t = v[0];
                    v[0] = v[1], v[1] = t;
                }
                if (holder_before(f, n, &v[0], &v[1])) kind = CX_DIS_UPDATE;
                /* each side shows its holder: the post with the name */
                for (size_t k = 0; k < 2 && !rc; k++) {
                    const cx_fact *x = &f[v[k].facts[0]];
                    cx_buf b;
                    cx_buf_init(&b);
                    cx_buf_printf(&b, "%s %s", x->text, x->holder[0]);
                    free(v[k].text);
                    if (!(v[k].text = cx_buf_take(&b))) rc = CHORUS_ENOMEM;
                }
            }
            /* two holders of one post name are most often two countries' or bodies'
             * (Prime Minister Blair, Prime Minister Aznar): only a succession the
             * articles state ("former President Hrawi" beside "President Lahoud") counts */
            if (!rc && kind != CX_DIS_UPDATE) {
                for (size_t k = 0; k < 2; k++) side_free(&v[k]);
                free(v);
            } else if (!rc) {
                cx_buf b;
                cx_buf_init(&b);
                cx_buf_printf(&b, "who is %s", f[i].text);
                rc = emit(out, n_out, cap, kind, CX_DIM_ROLE, cx_buf_take(&b), v, 2);
            } else if (v) {
                for (size_t k = 0; k < 2; k++) side_free(&v[k]);
                free(v);
            }
        }
        for (size_t k = 0; k < ns; k++) side_free(&sd[k]);
    }
    free(done), free(mm), free(doc_sides), free(roles);
    role_groups_free(&g);
    return rc;
}

/* ---- slots: values in words ------------------------------------------------------ */

/* Two values of a slot name the same thing: equal, or one is a run of the
 * other's words ("kurdistan workers" in "outlawed kurdistan workers"). */
static int same_slot_value(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    const char *sh = la <= lb ? a : b, *lg = la <= lb ? b : a;
    size_t ls = la <= lb ? la : lb;
    if (!ls) return 0;
    for (const char *p = lg; (p = strstr(p, sh)); p++)
        if ((p == lg || p[-1] == ' ') && (p[ls] == '\0' || p[ls] == ' ')) return 1;
    return 0;
}

/* Every word of item a[0..na) is a word of item b[0..nb). */
static int words_within(const char *a, size_t na, const char *b, size_t nb)
{
    for (size_t i = 0; i < na;) {
        size_t j = i;
        while (j < na && a[j] != ' ') j++;
        int found = 0;
        for (size_t p = 0; p < nb && !found;) {
            size_t q = p;
            while (q < nb && b[q] != ' ') q++;
            found = q - p == j - i && !memcmp(a + i, b + p, j - i);
            p = q + 1;
        }
        if (!found) return 0;
        i = j + 1;
    }
    return 1;
}

/* Lists ("kidnapping; first-degree attempted-murder"): one value when they
 * share an item (each may name part of the list), an item being the same
 * as another when its words are within the other's ("attempted-murder"
 * within "first-degree attempted-murder"); lists with no item in common
 * ("first-degree murder" against the list above) are two values. */
static int same_items(const char *a, const char *b)
{
    for (const char *x = a; *x;) {
        const char *xe = strstr(x, "; ");
        size_t nx = xe ? (size_t)(xe - x) : strlen(x);
        for (const char *y = b; *y;) {
            const char *ye = strstr(y, "; ");
            size_t ny = ye ? (size_t)(ye - y) : strlen(y);
            if (words_within(x, nx, y, ny) || words_within(y, ny, x, nx)) return 1;
            y = ye ? ye + 2 : y + ny;
        }
        x = xe ? xe + 2 : x + nx;
    }
    return 0;
}

static int same_slot_values(const cx_fact *a, const cx_fact *b)
{
    return a->items || b->items ? same_items(a->norm, b->norm) : same_slot_value(a->norm, b->norm);
}

/* The same slot of the same person (or, for slots of an event, the same slot). */
static int same_slot(const cx_fact *a, const cx_fact *b)
{
    if (a->key != b->key || a->qual != b->qual) return 0; /* qual: which statement, for names in one */
    if (!a->n_holder || !b->n_holder) return !a->n_holder && !b->n_holder;
    return cx_same_person(a->holder[0], b->holder[0]);
}

/* Whether every fact of side x was stated before every fact of side y:
 * superseded by the words ("initially"), or on an earlier publication day. */
static int side_before(const cx_fact *f, const cx_dis_side *x, const cx_dis_side *y)
{
    /* a death ends every other condition: what was said of the living was said before */
    if (!strcmp(f[y->facts[0]].norm, CX_SLOT_FINAL) && strcmp(f[x->facts[0]].norm, CX_SLOT_FINAL)) return 1;
    if (!strcmp(f[x->facts[0]].norm, CX_SLOT_FINAL)) return 0;
    /* an article that states both, calling x the earlier ("Hamas initially claimed") */
    for (size_t i = 0; i < x->n_facts; i++)
        for (size_t j = 0; j < y->n_facts; j++)
            if (f[x->facts[i]].doc == f[y->facts[j]].doc && f[x->facts[i]].era < 0 && f[y->facts[j]].era >= 0)
                return 1;
    int all_era = 1;
    for (size_t k = 0; k < x->n_facts; k++) all_era &= f[x->facts[k]].era < 0;
    if (all_era) return 1;
    /* the words say y holds now or took over ("now", "took over"), and none say so of x */
    int x_now = 0, y_now = 0;
    for (size_t k = 0; k < x->n_facts; k++) x_now |= f[x->facts[k]].era > 0;
    for (size_t k = 0; k < y->n_facts; k++) y_now |= f[y->facts[k]].era > 0;
    if (y_now && !x_now) return 1;
    if (f[x->facts[0]].stable) return 0; /* a party does not change between two days' reports: a correction */
    return stated_before(f, x, y);
}

/* Disagreements on slots: a person's party, condition or marital status, who
 * claimed an attack. Sides are the values that do not name the same thing;
 * an update when one side was stated before the other (by the words or the
 * publication days), else a conflict. */
static int compare_slots(const cx_story *s, const cx_fact *f, size_t n, cx_disagreement **out, size_t *n_out,
                         size_t *cap)
{
    uint8_t *done = calloc(n + 1, 1);
    int *mm = malloc((n + 1) * sizeof *mm);
    cx_dis_side *sd = calloc(n + 1, sizeof *sd);
    size_t *slots = NULL;
    long nsl = done && mm && sd ? facts_of_dim(f, n, CX_DIM_SLOT, &slots) : -1;
    int rc = nsl >= 0 ? 0 : CHORUS_ENOMEM;
    for (size_t ii = 0; ii < (size_t)(nsl > 0 ? nsl : 0) && !rc; ii++) {
        size_t i = slots[ii];
        if (done[i]) continue;
        size_t nm = 0, ns = 0;
        for (size_t jj = ii; jj < (size_t)nsl; jj++) {
            size_t j = slots[jj];
            if (!done[j] && same_slot(&f[i], &f[j])) mm[nm++] = (int)j, done[j] = 1;
        }
        for (size_t k = 0; k < nm && !rc; k++) {
            const cx_fact *x = &f[mm[k]];
            size_t q = 0;
            while (q < ns && !same_slot_values(&f[sd[q].facts[0]], x)) q++;
            if (q == ns) ns++;
            rc = side_add(&sd[q], s, x, mm[k], nm);
        }
        /* a disagreement between articles: some two sides stated by different articles */
        int across = 0;
        for (size_t a = 0; a < ns && !across; a++)
            for (size_t b = a + 1; b < ns && !across; b++)
                for (size_t x = 0; x < sd[a].n_facts && !across; x++)
                    for (size_t y = 0; y < sd[b].n_facts && !across; y++) {
                        const cx_fact *fa = &f[sd[a].facts[x]], *fb = &f[sd[b].facts[y]];
                        across = fa->doc != fb->doc && (s->doc_outlet[fa->doc] != s->doc_outlet[fb->doc] ||
                                                        (fa->day != INT64_MIN && fa->day != fb->day));
                    }
        /* one thing with one value ("the launch day"): an article stating two
         * values, neither superseded, tells of two things */
        int two_things = 0;
        for (size_t a = 0; !rc && a < ns && f[sd[a].facts[0]].exclusive && !two_things; a++) /* a failed side has no facts */
            for (size_t b = a + 1; b < ns && !two_things; b++)
                for (size_t x = 0; x < sd[a].n_facts && !two_things; x++)
                    for (size_t y = 0; y < sd[b].n_facts && !two_things; y++) {
                        const cx_fact *fa = &f[sd[a].facts[x]], *fb = &f[sd[b].facts[y]];
                        two_things = fa->doc == fb->doc && fa->era >= 0 && fb->era >= 0;
                    }
        if (!rc && across && ns >= 2 && !two_things) {
            cx_dis_side *v = calloc(ns, sizeof *v);
            if (!v) rc = CHORUS_ENOMEM;
            for (size_t k = 0; k < ns && !rc; k++) rc = side_copy(&v[k], &sd[k], sd[k].n_facts, sd[k].n_outlets);
            int kind = CX_DIS_CONFLICT;
            if (!rc && ns == 2) {
                if (side_before(f, &v[1], &v[0])) {
                    cx_dis_side t = v[0];
                    v[0] = v[1], v[1] = t;
                }
                if (side_before(f, &v[0], &v[1])) kind = CX_DIS_UPDATE;
            }
            if (!rc) rc = emit(out, n_out, cap, kind, CX_DIM_SLOT, subject_of(f, mm, nm), v, ns);
            else if (v) {
                for (size_t k = 0; k < ns; k++) side_free(&v[k]);
                free(v);
            }
        }
        for (size_t k = 0; k < ns; k++) side_free(&sd[k]);
    }
    free(slots), free(done), free(mm), free(sd);
    return rc;
}

/* Facts in an order that puts those of one dimension (and, with keys, of
 * one key) next to each other, each run in fact order: pairs that can
 * match are found in their runs instead of among all pairs. */
typedef struct {
    int dim, key, i;
} fact_rank;

static int by_dim_then_index(const void *x, const void *y)
{
    const fact_rank *a = x, *b = y;
    if (a->dim != b->dim) return a->dim < b->dim ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

static int by_dim_key_then_index(const void *x, const void *y)
{
    const fact_rank *a = x, *b = y;
    if (a->dim != b->dim) return a->dim < b->dim ? -1 : 1;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* The fact indices in the order of cmp. */
static int facts_ordered(const cx_fact *f, size_t n, int (*cmp)(const void *, const void *), int *order)
{
    fact_rank *v = malloc(sizeof *v * n);
    if (!v) return CHORUS_ENOMEM;
    for (size_t i = 0; i < n; i++) v[i] = (fact_rank){f[i].dim, f[i].key, (int)i};
    qsort(v, n, sizeof *v, cmp);
    for (size_t i = 0; i < n; i++) order[i] = v[i].i;
    free(v);
    return 0;
}

/* Dimensions whose facts compare only under the same key (keys_agree). */
static int key_must_match(int dim)
{
    return dim == CX_DIM_COUNT || dim == CX_DIM_CLAIM || dim == CX_DIM_AGE || dim == CX_DIM_WEEKDAY;
}

/* Whether facts i < j (fact order) of one run measure the same thing: then
 * they join one group. hi, hj: their holders when ages. */
static void pair_facts(const cx_story *s, const cx_fact *f, size_t i, size_t j, const uint8_t *shared, int *parent,
                       const holder_names *hi, const holder_names *hj)
{
    int ri = find_root(parent, (int)i), rj = find_root(parent, (int)j);
    if (ri == rj) return; /* already one group (through others): nothing to learn */
    if (keys_agree(&f[i], &f[j]) &&
        (f[i].key == f[j].key || f[i].key < 0 || f[j].key < 0 || refers(&f[i], &f[j], shared[i]) ||
         refers(&f[j], &f[i], shared[j])) &&
        same_quantity(s, &f[i], &f[j], hi, hj))
        parent[ri] = rj;
}

/* What a pair must share before it is compared in full, in a few words per
 * fact read in a run's order (a fact itself is large and spread in memory):
 * the article, outlet and day, and the near words and sentence words as
 * 64-bit signatures (one bit per stem id: no common bit, no common word). */
typedef struct {
    int doc, outlet;
    int64_t day;
    int32_t key, qual, currency;
    int relative;
    int32_t period, window;
    uint64_t near, sent;
    /* ages: holder tokens (0, 1 or several), the tokens' signature, and the
     * surname initials cx_same_person_names requires to match */
    int holders, initial_one, initial_joined;
    uint64_t holder_bits;
    int sent_at;     /* the sentence */
    uint64_t source; /* cx_fact.source */
} pair_digest;

static uint64_t id_bit(int32_t id) { return (uint64_t)1 << (((uint32_t)id * 2654435761u) >> 26); }

static uint64_t ids_bits(const int32_t *v, size_t n)
{
    uint64_t b = 0;
    for (size_t k = 0; k < n; k++) b |= id_bit(v[k]);
    return b;
}

static uint64_t string_bit(const char *t)
{
    uint32_t h = 2166136261u;
    for (; *t; t++) h = (h ^ (unsigned char)*t) * 16777619u;
    return (uint64_t)1 << (h >> 26);
}

static void pair_digest_init(pair_digest *d, const cx_story *s, const cx_fact *a, const holder_names *h)
{
    const cx_sent *st = &s->docs[a->doc].sents[a->sent];
    *d = (pair_digest){a->doc, outlet_of(s, a), a->day, a->key, a->qual, a->currency, a->relative,
                       a->period, a->window, ids_bits(a->near, a->n_near), ids_bits(st->content, st->n_content), 0, 0, 0, 0,
                       a->sent, a->source};
    if (!h) return;
    d->holders = a->n_holder < 2 ? (int)a->n_holder : 2;
    d->initial_one = h->one.initial, d->initial_joined = h->joined.initial;
    for (size_t k = 0; k < a->n_holder; k++) d->holder_bits |= string_bit(a->holder[k]);
}

/* False when same_holder(a, b) cannot hold: a single name must be one of
 * the other's tokens or share the initial of its surname; two full names
 * must share the initial of their surnames. */
static int may_share_holder(const pair_digest *a, const pair_digest *b)
{
    if (!a->holders || !b->holders) return 0;
    if (a->holders == 1 || b->holders == 1) {
        const pair_digest *one = a->holders == 1 ? a : b, *other = one == a ? b : a;
        if (one->holder_bits & other->holder_bits) return 1;
        return other->holders == 2 && one->initial_one == other->initial_one;
    }
    return a->initial_joined == b->initial_joined;
}

/* False when facts a, b (a first in fact order) cannot pass same_quantity:
 * the checks it begins with, and the words it counts (an age needs none). */
static int may_pair(int dim, const pair_digest *a, const pair_digest *b)
{
    int sources = two_sources(a->doc, a->sent_at, a->source, b->doc, b->sent_at, b->source);
    if (a->doc == b->doc && !sources) return 0;
    if (a->outlet == b->outlet && (a->day == INT64_MIN || a->day == b->day) && !sources) return 0;
    if (dim == CX_DIM_AGE) return may_share_holder(a, b);
    if (dim == CX_DIM_CLAIM) {
        if (a->qual >= 0 && b->qual >= 0) return a->qual == b->qual && (a->near & b->near);
        if (a->qual >= 0) return (id_bit(a->qual) & b->near) != 0;
        if (b->qual >= 0) return (id_bit(b->qual) & a->near) != 0;
        return (a->near & b->near) != 0;
    }
    /* the other rules, in same_quantity's order, on the signatures: a rule
     * that needs a count of shared words needs one common bit */
    if (dim == CX_DIM_MONEY && a->currency != b->currency) return 0;
    if (a->relative != b->relative || a->qual != b->qual) return 0;
    if (a->period != b->period || a->window != b->window) return 0;
    int near = (a->near & b->near) != 0, sent = (a->sent & b->sent) != 0;
    if (dim == CX_DIM_YEAR || dim == CX_DIM_WEEKDAY) return near;
    if (a->key < 0 || b->key < 0) return near && sent;
    if (a->key != b->key) return sent;
    if (a->qual >= 0 && dim == CX_DIM_COUNT) return near || sent;
    if (sources) return near || sent;
    return near && sent;
}

typedef struct {
    double v;
    size_t p;
} valued;

static int by_value(const void *x, const void *y)
{
    const valued *a = x, *b = y;
    if (a->v != b->v) return a->v < b->v ? -1 : 1;
    return a->p < b->p ? -1 : a->p > b->p;
}

/* The pairs of one run (m facts of one dimension, or one dimension and key,
 * in fact order). Values of most dimensions must be close to measure one
 * thing (same_quantity: a factor of MAX_RATIO, or MAX_YEARS_APART), so the
 * facts are taken in value order and each is paired with the next ones
 * while their values are that close: the same pairs as all pairs, in
 * another order (the groups are the same). */
static int pair_run(const cx_story *s, const cx_fact *f, const int *run, size_t m, const uint8_t *shared, int *parent)
{
    int dim = f[run[0]].dim;
    holder_names *hn = NULL;
    pair_digest *pd = malloc(m * sizeof *pd);
    if (!pd) return CHORUS_ENOMEM;
    if (dim == CX_DIM_AGE) {
        if (!(hn = malloc(m * sizeof *hn))) return free(pd), CHORUS_ENOMEM;
        for (size_t p = 0; p < m; p++) holder_names_init(&hn[p], &f[run[p]]);
    }
#define HN(p) (hn ? &hn[p] : NULL)
    for (size_t p = 0; p < m; p++) pair_digest_init(&pd[p], s, &f[run[p]], HN(p));
    int years = dim == CX_DIM_YEAR || dim == CX_DIM_AGE;
    int window = dim != CX_DIM_CLAIM && dim != CX_DIM_WEEKDAY;
    for (size_t p = 0; p < m && window; p++) window = isfinite(f[run[p]].value); /* else compare all */
    valued *v = window ? malloc(m * sizeof *v) : NULL;
    if (window && !v) {
        free(hn), free(pd);
        return CHORUS_ENOMEM;
    }
    if (!window) {
        for (size_t p = 0; p < m; p++)
            for (size_t q = p + 1; q < m; q++)
                if (may_pair(dim, &pd[p], &pd[q]))
                    pair_facts(s, f, (size_t)run[p], (size_t)run[q], shared, parent, HN(p), HN(q));
    } else {
        for (size_t p = 0; p < m; p++) v[p] = (valued){fabs(f[run[p]].value), p};
        qsort(v, m, sizeof *v, by_value);
        for (size_t a = 0; a < m; a++) {
            double va = v[a].v;
            if (!years && va <= 0) continue; /* a ratio needs two positive values */
            for (size_t b = a + 1; b < m; b++) {
                double vb = v[b].v; /* >= va */
                if (years ? vb - va > MAX_YEARS_APART : vb > va * MAX_RATIO * (1 + 1e-9)) break;
                size_t p = v[a].p < v[b].p ? v[a].p : v[b].p, q = v[a].p < v[b].p ? v[b].p : v[a].p;
                if (may_pair(dim, &pd[p], &pd[q])) pair_facts(s, f, (size_t)run[p], (size_t)run[q], shared, parent, HN(p), HN(q));
            }
        }
    }
#undef HN
    free(v), free(hn), free(pd);
    return 0;
}

typedef struct {
    const int *facts;
    size_t m, at; /* at: the run's place in the list */
} fact_run;

typedef struct {
    const cx_story *s;
    const cx_fact *f;
    const uint8_t *shared;
    int *parent;
    fact_run *runs;
    size_t n;
} run_list;

static int by_size(const void *x, const void *y)
{
    const fact_run *a = x, *b = y;
    if (a->m != b->m) return a->m > b->m ? -1 : 1;
    return a->at < b->at ? -1 : a->at > b->at;
}

static int pair_item(void *ctx, size_t i, int w)
{
    (void)w;
    run_list *r = ctx;
    return pair_run(r->s, r->f, r->runs[i].facts, r->runs[i].m, r->shared, r->parent);
}

int cx_compare_facts(const cx_story *s, const cx_fact *f, size_t n, cx_disagreement **out, size_t *n_out)
{
    *out = NULL, *n_out = 0;
    if (!n) return 0;
    int *parent = malloc(n * sizeof *parent);
    int *members = malloc(n * sizeof *members);
    int *dim_order = malloc(n * sizeof *dim_order), *key_order = malloc(n * sizeof *key_order);
    size_t *at_dim = malloc(n * sizeof *at_dim), *at_key = malloc(n * sizeof *at_key);
    size_t *dim_end = malloc(n * sizeof *dim_end), *key_end = malloc(n * sizeof *key_end);
    int *root = malloc(n * sizeof *root);
    size_t *group_start = calloc(n + 1, sizeof *group_start);
    /* a noun another article also measures ("the 50-foot arm") names a thing
     * of its own, not a name said before it */
    uint8_t *shared = calloc(n, 1);
    if (!parent || !members || !dim_order || !key_order || !at_dim || !at_key || !dim_end || !key_end || !root ||
        !group_start || !shared) {
        free(parent), free(members), free(dim_order), free(key_order), free(at_dim), free(at_key);
        free(dim_end), free(key_end), free(root), free(group_start), free(shared);
        return CHORUS_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) parent[i] = (int)i;
    if (facts_ordered(f, n, by_dim_then_index, dim_order) || facts_ordered(f, n, by_dim_key_then_index, key_order)) {
        free(parent), free(members), free(dim_order), free(key_order), free(at_dim), free(at_key);
        free(dim_end), free(key_end), free(root), free(group_start), free(shared);
        return CHORUS_ENOMEM;
    }
    for (size_t k = n; k-- > 0;) {
        int i = dim_order[k], j = key_order[k];
        at_dim[i] = k, at_key[j] = k;
        dim_end[k] = k + 1 < n && f[dim_order[k + 1]].dim == f[i].dim ? dim_end[k + 1] : k + 1;
        key_end[k] = k + 1 < n && f[key_order[k + 1]].dim == f[j].dim && f[key_order[k + 1]].key == f[j].key
                         ? key_end[k + 1]
                         : k + 1;
    }
    /* shared: another article has a fact of the same dimension and key */
    for (size_t k = 0; k < n;) {
        size_t e = key_end[k];
        int other = 0;
        for (size_t q = k + 1; q < e && !other; q++) other = f[key_order[q]].doc != f[key_order[k]].doc;
        if (f[key_order[k]].key >= 0)
            for (size_t q = k; q < e; q++) shared[key_order[q]] = (uint8_t)other;
        k = e;
    }
    /* the runs: each fact is in one at most, and pairs join facts of one
     * run only, so the runs are paired apart, on the story's threads */
    run_list rl = {s, f, shared, parent, malloc(n * sizeof *rl.runs), 0};
    int rc = rl.runs ? 0 : CHORUS_ENOMEM;
    for (size_t k = 0; k < n && !rc; k = dim_end[k]) {
        int d = f[dim_order[k]].dim;
        if (d != CX_DIM_ROLE && d != CX_DIM_SLOT && !key_must_match(d) && dim_end[k] - k > 1)
            rl.runs[rl.n] = (fact_run){dim_order + k, dim_end[k] - k, rl.n}, rl.n++;
    }
    for (size_t k = 0; k < n && !rc; k = key_end[k])
        if (key_must_match(f[key_order[k]].dim) && key_end[k] - k > 1)
            rl.runs[rl.n] = (fact_run){key_order + k, key_end[k] - k, rl.n}, rl.n++;
    if (!rc && rl.n > 1) qsort(rl.runs, rl.n, sizeof *rl.runs, by_size); /* the long ones first: even shares */
    if (!rc) rc = cx_parallel_for(rl.n, s->threads, pair_item, &rl);
    free(rl.runs);
    /* the groups, each in fact order, by their roots in order */
    for (size_t i = 0; i < n; i++) group_start[(root[i] = find_root(parent, (int)i)) + 1]++;
    for (size_t r = 0; r < n; r++) group_start[r + 1] += group_start[r];
    for (size_t i = 0; i < n; i++) members[group_start[root[i]]++] = (int)i;
    size_t cap = 0;
    for (size_t r = 0, first = 0; r < n && !rc; first = group_start[r], r++) {
        if (root[r] != (int)r) continue;
        size_t nm = group_start[r] - first;
        if (f[r].dim == CX_DIM_LENGTH) nm = keep_most_stated(f, members + first, nm, extent_of);
        if (f[r].dim == CX_DIM_PERCENT) nm = keep_most_stated(f, members + first, nm, rate_key_of);
        if (nm >= 2 && f[r].dim != CX_DIM_ROLE && f[r].dim != CX_DIM_SLOT)
            rc = compare_group(s, f, members + first, nm, out, n_out, &cap);
    }
    free(dim_order), free(key_order), free(at_dim), free(at_key), free(dim_end), free(key_end), free(root);
    free(group_start);
    if (!rc) rc = compare_roles(s, f, n, out, n_out, &cap);
    if (!rc) rc = compare_holders(s, f, n, out, n_out, &cap);
    if (!rc) rc = compare_slots(s, f, n, out, n_out, &cap);
    free(parent), free(members), free(shared);
    if (rc) {
        cx_disagreements_free(*out, *n_out);
        *out = NULL, *n_out = 0;
        return rc;
    }
    if (*n_out > 1) qsort(*out, *n_out, sizeof **out, by_kind);
    return 0;
}
