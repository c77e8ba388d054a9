/* Scoring direct quotations and their speakers against PolNeAR (chorus eval
 * quotes).
 *
 * Gold: brat standoff files attributions/NAME_ANNOTATOR.ann beside
 * text/NAME.txt. An article annotated by several people is scored against
 * the first annotator's file in byte order of names (one deterministic rule;
 * annotators rarely agree span for span, so a union would double-count).
 * Offsets in the .ann files count Unicode code points; our byte offsets are
 * converted before comparing. A gold attribution is a direct quotation when
 * each fragment of its Content span, trimmed of spaces and closing
 * punctuation, starts with an opening quotation mark (or follows one) and
 * ends with a closing mark (or precedes one).
 *
 * Quotes: one of ours is right when it overlaps any gold Content span (an
 * attributed quotation, direct or partial); a gold direct quotation is found
 * when one of ours overlaps it. Speakers, over gold direct quotations with a
 * Source: right when the quote is found and the speaker mention of the
 * best-overlapping quote overlaps the gold Source span, or our resolved name
 * and the gold Source text name the same person. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entities.h"
#include "quotes.h"
#include "util.h"

#define MAX_FRAG 8
typedef struct {
    char id[16];
    char type[24];
    size_t s[MAX_FRAG], e[MAX_FRAG]; /* code points */
    int nf;
    char *text;
} ann_span;

typedef struct {
    int content, source; /* indices into spans, -1 when absent */
} ann_attr;

typedef struct {
    ann_span *sp;
    size_t nsp, capsp;
    ann_attr *at;
    size_t nat, capat;
} ann_file;

static void ann_free(ann_file *a)
{
    for (size_t i = 0; i < a->nsp; i++) free(a->sp[i].text);
    free(a->sp), free(a->at);
}

static int find_span(const ann_file *a, const char *id)
{
    for (size_t i = 0; i < a->nsp; i++)
        if (!strcmp(a->sp[i].id, id)) return (int)i;
    return -1;
}

static int parse_ann(const char *data, ann_file *a)
{
    memset(a, 0, sizeof *a);
    const char *p = data;
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char *line = cx_strndup(p, len);
        if (!line) return -1;
        p += len + (eol ? 1 : 0);
        char *tab1 = strchr(line, '\t');
        if (!tab1) {
            free(line);
            continue;
        }
        *tab1 = '\0';
        char *rest = tab1 + 1;
        if (line[0] == 'T') {
            char *tab2 = strchr(rest, '\t');
            if (tab2) *tab2 = '\0';
            ann_span sp;
            memset(&sp, 0, sizeof sp);
            snprintf(sp.id, sizeof sp.id, "%s", line);
            char *sv;
            char *tok = strtok_r(rest, " ", &sv);
            if (tok) snprintf(sp.type, sizeof sp.type, "%s", tok);
            /* "S E;S E" fragments */
            char *pos = strtok_r(NULL, "", &sv);
            while (pos && sp.nf < MAX_FRAG) {
                char *end;
                size_t s = strtoull(pos, &end, 10);
                size_t e = strtoull(end, &end, 10);
                sp.s[sp.nf] = s, sp.e[sp.nf] = e, sp.nf++;
                pos = *end == ';' ? end + 1 : NULL;
            }
            sp.text = cx_strdup(tab2 ? tab2 + 1 : "");
            if (CX_PUSH(a->sp, a->nsp, a->capsp, sp)) return -1;
        } else if (line[0] == 'E') {
            ann_attr at = {-1, -1};
            char *sv;
            for (char *tok = strtok_r(rest, " ", &sv); tok; tok = strtok_r(NULL, " ", &sv)) {
                char *colon = strchr(tok, ':');
                if (!colon) continue;
                *colon = '\0';
                int idx = find_span(a, colon + 1);
                if (!strcmp(tok, "Content")) at.content = idx;
                else if (!strcmp(tok, "Source"))
                    at.source = idx;
            }
            if (at.content >= 0 && CX_PUSH(a->at, a->nat, a->capat, at)) return -1;
        }
        free(line);
    }
    return 0;
}

/* Code points before every byte offset (cp[b] for b in 0..n). */
static size_t *cp_index(const char *s, size_t n)
{
    size_t *cp = malloc((n + 1) * sizeof *cp);
    if (!cp) return NULL;
    size_t c = 0;
    for (size_t b = 0; b <= n; b++) {
        cp[b] = c;
        if (b < n && ((unsigned char)s[b] & 0xC0) != 0x80) c++;
    }
    return cp;
}

/* Byte offset of code point index k. */
static size_t byte_of(const size_t *cp, size_t n, size_t k)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp[mid] < k) lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int is_open_mark(const char *s, size_t n)
{
    return (n >= 1 && s[0] == '"') || (n >= 3 && !memcmp(s, "\xE2\x80\x9C", 3)) || (n >= 2 && !memcmp(s, "``", 2));
}

static int ends_close_mark(const char *s, size_t n)
{
    return (n >= 1 && s[n - 1] == '"') || (n >= 3 && !memcmp(s + n - 3, "\xE2\x80\x9D", 3)) ||
           (n >= 2 && !memcmp(s + n - 2, "''", 2));
}

/* The fragment [b0, b1) of text is inside quotation marks. */
static int fragment_quoted(const char *text, size_t n, size_t b0, size_t b1)
{
    while (b0 < b1 && (text[b0] == ' ' || text[b0] == '\n')) b0++;
    while (b1 > b0 && strchr(" \n.,;:", text[b1 - 1])) b1--;
    if (b1 <= b0) return 0;
    int open = is_open_mark(text + b0, b1 - b0) || (b0 >= 1 && text[b0 - 1] == '"') ||
               (b0 >= 3 && !memcmp(text + b0 - 3, "\xE2\x80\x9C", 3));
    size_t e = b1;
    while (e < n && strchr(".,;:?!", text[e])) e++;
    int close = ends_close_mark(text + b0, b1 - b0) || (e < n && text[e] == '"') ||
                (e + 3 <= n && !memcmp(text + e, "\xE2\x80\x9D", 3));
    return open && close;
}

/* The digest's rule, or a plain word minimum when one is given. */
static int keep(const cx_quote_hit *h, int min_words)
{
    return min_words < 0 ? cx_quote_worth_keeping(h) : h->words >= min_words;
}

static int overlap(size_t a0, size_t a1, size_t b0, size_t b1) { return a0 < b1 && b0 < a1; }

static size_t overlap_len(size_t a0, size_t a1, size_t b0, size_t b1)
{
    size_t s = a0 > b0 ? a0 : b0, e = a1 < b1 ? a1 : b1;
    return e > s ? e - s : 0;
}

static int score_article(const char *name, const char *text, size_t n, const ann_file *a, int min_words,
                         FILE *errors, chorus_quote_tally *t, chorus_error *err)
{
    size_t *cp = cp_index(text, n);
    cx_quote_hit *h = NULL;
    int nh = cp ? cx_quotes_find(text, n, &h) : -1;
    if (nh < 0) {
        free(cp);
        return cx_fail(err, CHORUS_ENOMEM, "%s: analysis failed (out of memory)", name);
    }
    /* byte spans of gold Content and Source spans */
    for (int i = 0; i < nh; i++) {
        if (!keep(&h[i], min_words)) continue;
        t->ours++;
        int right = 0;
        for (size_t k = 0; k < a->nsp && !right; k++) {
            const ann_span *sp = &a->sp[k];
            if (strcmp(sp->type, "Content")) continue;
            for (int f = 0; f < sp->nf && !right; f++)
                right = overlap(h[i].start, h[i].end, byte_of(cp, n, sp->s[f]), byte_of(cp, n, sp->e[f]));
        }
        t->ours_right += right;
        if (!right && errors)
            fprintf(errors, "extra\t%s\t%.*s\n", name, (int)(h[i].end - h[i].start), text + h[i].start);
    }
    for (size_t k = 0; k < a->nat; k++) {
        const ann_span *c = &a->sp[a->at[k].content];
        int direct = c->nf > 0;
        for (int f = 0; f < c->nf && direct; f++) {
            size_t b0 = byte_of(cp, n, c->s[f]), b1 = byte_of(cp, n, c->e[f]);
            direct = b1 <= n && fragment_quoted(text, n, b0, b1);
        }
        if (!direct) continue;
        t->gold++;
        int best = -1;
        size_t best_ov = 0;
        for (int i = 0; i < nh; i++) {
            if (!keep(&h[i], min_words)) continue;
            for (int f = 0; f < c->nf; f++) {
                size_t ov = overlap_len(h[i].start, h[i].end, byte_of(cp, n, c->s[f]), byte_of(cp, n, c->e[f]));
                if (ov > best_ov) best_ov = ov, best = i;
            }
        }
        if (best >= 0) t->gold_found++;
        else if (errors)
            fprintf(errors, "missed\t%s\t%s\n", name, c->text);
        if (a->at[k].source < 0) continue;
        const ann_span *src = &a->sp[a->at[k].source];
        t->gold_src++;
        t->src_found += best >= 0;
        if (best < 0 || !h[best].speaker) {
            if (errors && best >= 0) fprintf(errors, "nospeaker\t%s\t%s\tgold=%s\n", name, c->text, src->text);
            continue;
        }
        t->spk_given++;
        int right = 0;
        for (int f = 0; f < src->nf && !right; f++)
            right = h[best].spk_end > h[best].spk_start &&
                    overlap(h[best].spk_start, h[best].spk_end, byte_of(cp, n, src->s[f]), byte_of(cp, n, src->e[f]));
        if (!right && h[best].person) {
            /* the gold source names the person in its last capitalized words */
            right = cx_same_person(h[best].speaker, src->text);
        }
        t->spk_right += right;
        if (!right && errors)
            fprintf(errors, "speaker\t%s\t%.60s\tours=%s\tgold=%s\n", name, c->text, h[best].speaker, src->text);
    }
    cx_quote_hits_free(h, (size_t)nh);
    free(cp);
    return 0;
}

int chorus_eval_quotes_article(const char *name, const char *text, size_t n, const char *ann, int min_words,
                               FILE *errors, chorus_quote_tally *t, chorus_error *err)
{
    if (!cx_utf8_valid(text, n, NULL)) return cx_fail(err, CHORUS_EUTF8, "%s: not UTF-8", name);
    ann_file a;
    if (parse_ann(ann, &a)) return cx_fail(err, CHORUS_EFORMAT, "%s: unreadable annotations", name);
    int rc = score_article(name, text, n, &a, min_words, errors, t, err);
    ann_free(&a);
    return rc;
}
