/* chorus eval disagreements: the digest's disagreements scored against
 * hand-labelled cases (../shared/data/disagreements-dev), with the matching
 * its README defines.
 *
 * Each cluster's articles are digested as a user would (all files of the
 * folder, default options) and the JSON digest is read back, so what is
 * scored is exactly what a user gets. A side of a reported disagreement
 * matches a labelled value when one of its source articles is among the
 * value's docs and either the side's sentence contains the value's phrase
 * (whitespace collapsed), or the value agrees: for numbers the same number
 * (separators removed, number words read) written in the side's figure, for
 * other values every content word of the value present in the side's figure
 * or sentence. The part of a value in parentheses is an alternative reading.
 *
 * A conflict, update or rounding case is found when one report has two sides
 * matching two values of the case with different value strings (for conflicts
 * and updates, not two values of the same number: "21" vs "at least 21" is a
 * hedge). A report whose two sides match two values of one agree case, or two
 * entries of one not-disagreement, is a false alarm. A report that matches no
 * case is listed to be read by hand. */
#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: chorus eval disagreements [--data DIR] [--docs DIR] [--errors]\n\n"
               "Score the digest's disagreements against DIR/labels.jsonl and\n"
               "DIR/not-disagreements.jsonl (default ../shared/data/disagreements-dev),\n"
               "digesting each cluster's articles in DOCS/CLUSTER/ (default DIR/../duc2004-dev/docs).\n"
               "  --errors  list missed cases, false alarms and the reports no case matches\n");
}

enum { K_CONFLICT, K_UPDATE, K_ROUNDING, K_AGREE, K_NOT, K_N };
static const char *const kind_names[K_N] = {"conflict", "update", "rounding", "agree", "not-disagreement"};

typedef struct {
    char *value;  /* as labelled */
    char *phrase; /* whitespace collapsed */
    char **docs;
    size_t n_docs;
} lvalue;

typedef struct {
    char cluster[32];
    char *subject;
    int kind;
    lvalue *v;
    size_t n_v;
    int found, found_kind_right, found_as_conflict, alarms;
} lcase;

static char *collapse(const char *s)
{
    size_t n = strlen(s);
    char *o = malloc(n + 1);
    if (!o) return NULL;
    size_t k = 0;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        if (isspace((unsigned char)s[i])) {
            sp = k > 0;
            continue;
        }
        if (sp) o[k++] = ' ', sp = 0;
        o[k++] = s[i];
    }
    o[k] = '\0';
    return o;
}

static void lower_ascii(char *s)
{
    for (; *s; s++) *s = (char)tolower((unsigned char)*s);
}

/* A number in text: digits with separators, or number words, with a scale word. */
static int first_number(const char *s, double *out)
{
    static const char *const words[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                                        "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
    static const char *const tens[] = {"thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    const char *p = s;
    while (*p) {
        double v = -1;
        const char *e = p;
        if (isdigit((unsigned char)*p) && (p == s || !isalnum((unsigned char)p[-1]))) {
            v = 0;
            while (isdigit((unsigned char)*e) || (*e == ',' && isdigit((unsigned char)e[1]))) {
                if (*e != ',') v = v * 10 + (*e - '0');
                e++;
            }
            if (*e == '.' && isdigit((unsigned char)e[1])) {
                double f = 0.1;
                for (e++; isdigit((unsigned char)*e); e++) v += (*e - '0') * f, f /= 10;
            }
        } else if (isalpha((unsigned char)*p) && (p == s || !isalpha((unsigned char)p[-1]))) {
            while (isalpha((unsigned char)*e)) e++;
            size_t l = (size_t)(e - p);
            char w[24];
            if (l < sizeof w) {
                for (size_t i = 0; i < l; i++) w[i] = (char)tolower((unsigned char)p[i]);
                w[l] = '\0';
                for (size_t i = 0; i < sizeof words / sizeof *words; i++)
                    if (!strcmp(w, words[i])) v = (double)i;
                for (size_t i = 0; i < sizeof tens / sizeof *tens; i++)
                    if (!strcmp(w, tens[i])) v = 30.0 + 10.0 * (double)i;
                if (!strcmp(w, "decade")) v = 10;
            }
        }
        if (v >= 0) {
            while (*e == ' ' || *e == '-') e++;
            if (!strncasecmp(e, "million", 7)) v *= 1e6;
            else if (!strncasecmp(e, "billion", 7))
                v *= 1e9;
            else if (!strncasecmp(e, "thousand", 8))
                v *= 1e3;
            *out = v;
            return 1;
        }
        p = *e && e > p ? e : p + 1;
    }
    return 0;
}

static const char *const stop[] = {"the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "by", "for",
                                   "from", "with", "is", "was", "his", "her", "its", "their", "than", "more",
                                   "less", "about", "some", "almost", "nearly", "over", "under", "only", "just",
                                   "then", "also", "as", "per", "least", "that", "this", "be", "it", "not"};

static int is_stop(const char *w)
{
    for (size_t i = 0; i < sizeof stop / sizeof *stop; i++)
        if (!strcmp(w, stop[i])) return 1;
    return 0;
}

/* Every content word of value (lower-case) occurs in hay (lower-case) as a
 * word prefix (so "killed" finds "killing" only by its stem "kill"). */
static int words_in(const char *value, const char *hay)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", value);
    int any = 0;
    for (char *w = strtok(buf, " ,;:/'\"()-."); w; w = strtok(NULL, " ,;:/'\"()-.")) {
        if (is_stop(w) || strlen(w) < 2) continue;
        any = 1;
        size_t l = strlen(w);
        if (l > 5) l = l - 2; /* a crude stem: "killings" / "killed" */
        const char *p = hay;
        int ok = 0;
        while ((p = strstr(p, w)) && !ok) {
            if ((p == hay || !isalnum((unsigned char)p[-1])) && !strncmp(p, w, l)) ok = 1;
            p++;
        }
        if (!ok) return 0;
    }
    return any;
}

/* Value without its parenthesis, and the parenthesis alone. */
static void split_value(const char *v, char *main_, size_t mcap, char *alt, size_t acap)
{
    const char *o = strchr(v, '(');
    const char *c = o ? strchr(o, ')') : NULL;
    if (!o || !c) {
        snprintf(main_, mcap, "%s", v), alt[0] = '\0';
        return;
    }
    snprintf(main_, mcap, "%.*s%s", (int)(o - v), v, c + 1);
    snprintf(alt, acap, "%.*s", (int)(c - o - 1), o + 1);
}

static int value_agrees(const char *value, const char *side_text, const char *sentence)
{
    char m[256], alt[256];
    split_value(value, m, sizeof m, alt, sizeof alt);
    char *st = collapse(side_text), *se = collapse(sentence);
    if (!st || !se) return free(st), free(se), 0;
    lower_ascii(st), lower_ascii(se);
    int ok = 0;
    for (int pass = 0; pass < 2 && !ok; pass++) {
        char *v = pass ? alt : m;
        if (!*v) continue;
        lower_ascii(v);
        double a, b;
        if (first_number(v, &a)) {
            ok = first_number(st, &b) && fabs(a - b) <= 1e-9 * fabs(a) + 1e-9;
        } else
            ok = words_in(v, st) || words_in(v, se);
    }
    free(st), free(se);
    return ok;
}

static int side_matches(const lvalue *lv, json_t *side)
{
    const char *text = json_string_value(json_object_get(side, "text"));
    json_t *src = json_object_get(side, "sources");
    size_t i;
    json_t *so;
    json_array_foreach(src, i, so)
    {
        const char *art = json_string_value(json_object_get(so, "article"));
        const char *sent = json_string_value(json_object_get(so, "sentence_text"));
        if (!art || !sent) continue;
        int in_docs = 0;
        for (size_t d = 0; d < lv->n_docs && !in_docs; d++) in_docs = !strcmp(lv->docs[d], art);
        if (!in_docs) continue;
        const char *ftext = json_string_value(json_object_get(so, "text"));
        if (!ftext) ftext = text ? text : "";
        /* the phrase must show this side's figure: the two overlap in the
         * sentence (a sentence holding two figures matches by one only) */
        char *cs = collapse(sent), *cf = collapse(ftext);
        int hit = 0;
        if (cs && cf) {
            const char *p = strstr(cs, lv->phrase), *q = strstr(cs, cf);
            size_t lp = strlen(lv->phrase), lq = strlen(cf);
            hit = p && q && p < q + lq && q < p + lp;
        }
        free(cs), free(cf);
        if (hit || value_agrees(lv->value, ftext, sent)) return 1;
    }
    return 0;
}

static int same_number(const char *a, const char *b)
{
    char ma[256], mb[256], x[256];
    split_value(a, ma, sizeof ma, x, sizeof x);
    split_value(b, mb, sizeof mb, x, sizeof x);
    double va, vb;
    return first_number(ma, &va) && first_number(mb, &vb) && va == vb;
}

/* Whether one report (its sides) matches two values of the case as the kind
 * asks: 1 when it does. */
static int report_matches(const lcase *c, json_t *sides)
{
    size_t ns = json_array_size(sides);
    for (size_t a = 0; a < ns; a++)
        for (size_t b = 0; b < ns; b++) {
            if (a == b) continue;
            for (size_t i = 0; i < c->n_v; i++) {
                if (!side_matches(&c->v[i], json_array_get(sides, a))) continue;
                for (size_t j = 0; j < c->n_v; j++) {
                    if (i == j && c->kind != K_AGREE) continue;
                    if (!side_matches(&c->v[j], json_array_get(sides, b))) continue;
                    if (c->kind <= K_ROUNDING && !strcmp(c->v[i].value, c->v[j].value)) continue;
                    if (c->kind <= K_UPDATE && same_number(c->v[i].value, c->v[j].value)) continue;
                    if (c->kind == K_NOT && !strcmp(c->v[i].value, c->v[j].value)) continue;
                    return 1;
                }
            }
        }
    return 0;
}

static int load_cases(const char *path, int not_file, lcase **cases, size_t *n, size_t *cap)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    int lineno = 0;
    while ((len = getline(&line, &lcap, f)) > 0) {
        lineno++;
        json_error_t je;
        json_t *o = json_loads(line, 0, &je);
        if (!o) {
            fprintf(stderr, "eval disagreements: %s:%d: %s\n", path, lineno, je.text);
            continue;
        }
        lcase c;
        memset(&c, 0, sizeof c);
        snprintf(c.cluster, sizeof c.cluster, "%s", json_string_value(json_object_get(o, "cluster")) ?: "");
        c.subject = strdup(json_string_value(json_object_get(o, "subject")) ?: "");
        const char *k = json_string_value(json_object_get(o, "kind"));
        c.kind = not_file ? K_NOT : -1;
        for (int q = 0; q < K_AGREE + 1 && !not_file && k; q++)
            if (!strcmp(k, kind_names[q])) c.kind = q;
        json_t *vals = json_object_get(o, "values");
        c.n_v = json_array_size(vals);
        c.v = calloc(c.n_v + 1, sizeof *c.v);
        for (size_t i = 0; c.v && i < c.n_v; i++) {
            json_t *v = json_array_get(vals, i);
            c.v[i].value = strdup(json_string_value(json_object_get(v, "value")) ?: "");
            c.v[i].phrase = collapse(json_string_value(json_object_get(v, "phrase")) ?: "");
            json_t *docs = json_object_get(v, "docs");
            c.v[i].n_docs = json_array_size(docs);
            c.v[i].docs = calloc(c.v[i].n_docs + 1, sizeof *c.v[i].docs);
            for (size_t d = 0; c.v[i].docs && d < c.v[i].n_docs; d++)
                c.v[i].docs[d] = strdup(json_string_value(json_array_get(docs, d)) ?: "");
        }
        json_decref(o);
        if (c.kind < 0) {
            fprintf(stderr, "eval disagreements: %s:%d: unknown kind\n", path, lineno);
            continue;
        }
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 64;
            lcase *nc = realloc(*cases, *cap * sizeof *nc);
            if (!nc) break;
            *cases = nc;
        }
        (*cases)[(*n)++] = c;
    }
    free(line);
    fclose(f);
    return 0;
}

static void free_cases(lcase *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < c[i].n_v; k++) {
            for (size_t d = 0; d < c[i].v[k].n_docs; d++) free(c[i].v[k].docs[d]);
            free(c[i].v[k].docs), free(c[i].v[k].value), free(c[i].v[k].phrase);
        }
        free(c[i].v), free(c[i].subject);
    }
    free(c);
}

static void print_report(FILE *f, json_t *r)
{
    fprintf(f, "    %s: %s:", json_string_value(json_object_get(r, "kind")),
            json_string_value(json_object_get(r, "subject")));
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(r, "sides"), i, s)
    {
        fprintf(f, "%s \"%s\" [", i ? " vs" : "", json_string_value(json_object_get(s, "text")));
        size_t k;
        json_t *so;
        json_array_foreach(json_object_get(s, "sources"), k, so)
            fprintf(f, "%s%s", k ? " " : "", json_string_value(json_object_get(so, "article")));
        fputc(']', f);
    }
    fputc('\n', f);
}

static int kind_code(const char *k)
{
    if (!k) return -1;
    if (!strcmp(k, "conflict")) return K_CONFLICT;
    if (!strcmp(k, "update")) return K_UPDATE;
    if (!strcmp(k, "approximate")) return K_ROUNDING;
    return -1;
}

int eval_disagreements(int argc, char **argv)
{
    const char *data = "../shared/data/disagreements-dev", *docs = NULL;
    int errors = 0;
    cli_args a = cli_args_of("eval disagreements", usage, argc, argv);
    while (cli_next(&a)) {
        if (cli_opt_string(&a, "--data", &data) || cli_opt_string(&a, "--docs", &docs)) continue;
        if (!strcmp(argv[a.i], "--errors")) {
            errors = 1;
            continue;
        }
        return cli_usage_error(&a);
    }
    if (a.exit_code >= 0) return a.exit_code;
    char path[8192], docs_dir[4096];
    if (docs) snprintf(docs_dir, sizeof docs_dir, "%s", docs);
    else
        snprintf(docs_dir, sizeof docs_dir, "%s/../duc2004-dev/docs", data);
    lcase *cases = NULL;
    size_t nc = 0, cap = 0;
    snprintf(path, sizeof path, "%s/labels.jsonl", data);
    if (load_cases(path, 0, &cases, &nc, &cap)) {
        fprintf(stderr, "eval disagreements: cannot read %s\n", path);
        return EXIT_NOINPUT;
    }
    snprintf(path, sizeof path, "%s/not-disagreements.jsonl", data);
    if (load_cases(path, 1, &cases, &nc, &cap)) {
        fprintf(stderr, "eval disagreements: cannot read %s\n", path);
        free_cases(cases, nc);
        return EXIT_NOINPUT;
    }
    /* the clusters, in order of first appearance */
    char clusters[64][32];
    size_t n_clusters = 0;
    for (size_t i = 0; i < nc; i++) {
        size_t k = 0;
        while (k < n_clusters && strcmp(clusters[k], cases[i].cluster)) k++;
        if (k == n_clusters && n_clusters < 64) snprintf(clusters[n_clusters++], 32, "%s", cases[i].cluster);
    }
    size_t reports = 0, by_kind[3] = {0}, unmatched = 0, matched_reports = 0, excused = 0;
    double ms_total = 0;
    int rc = EXIT_OK;
    for (size_t ci = 0; ci < n_clusters; ci++) {
        snprintf(path, sizeof path, "%s/%s", docs_dir, clusters[ci]);
        chorus_corpus corpus;
        chorus_corpus_init(&corpus);
        chorus_error err = {0};
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (chorus_read_path(&corpus, path, &err) <= 0) {
            fprintf(stderr, "eval disagreements: %s: %s\n", path, err.message[0] ? err.message : "no article");
            chorus_corpus_free(&corpus);
            rc = EXIT_PARTIAL;
            continue;
        }
        chorus_digest *d = NULL;
        char *buf = NULL;
        size_t blen = 0;
        FILE *mem = open_memstream(&buf, &blen);
        if (!mem || chorus_digest_build(&corpus, NULL, &d, &err) ||
            chorus_digest_render(d, CHORUS_FORMAT_JSON, mem, &err)) {
            fprintf(stderr, "eval disagreements: %s: %s\n", path, err.message);
            if (mem) fclose(mem);
            free(buf);
            chorus_digest_free(d);
            chorus_corpus_free(&corpus);
            rc = EXIT_PARTIAL;
            continue;
        }
        fclose(mem);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        ms_total += (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
        chorus_digest_free(d);
        chorus_corpus_free(&corpus);
        json_error_t je;
        json_t *root = json_loads(buf, 0, &je);
        free(buf);
        json_t *dis = json_object_get(root, "disagreements");
        size_t i;
        json_t *r;
        json_array_foreach(dis, i, r)
        {
            reports++;
            int kc = kind_code(json_string_value(json_object_get(r, "kind")));
            if (kc >= 0) by_kind[kc]++;
            json_t *sides = json_object_get(r, "sides");
            int any = 0, true_case = 0;
            for (size_t k = 0; k < nc; k++)
                if (cases[k].kind < K_AGREE && !strcmp(cases[k].cluster, clusters[ci]) && report_matches(&cases[k], sides))
                    true_case = 1;
            for (size_t k = 0; k < nc; k++) {
                lcase *c = &cases[k];
                if (strcmp(c->cluster, clusters[ci]) || !report_matches(c, sides)) continue;
                any = 1;
                /* a report that finds a labelled disagreement is no false alarm,
                 * even where a non-case row lists its values too */
                if (c->kind >= K_AGREE && true_case) {
                    excused++;
                    continue;
                }
                if (c->kind >= K_AGREE) {
                    if (!c->alarms && errors) {
                        printf("false alarm (%s, %s: %s):\n", kind_names[c->kind], c->cluster, c->subject);
                        print_report(stdout, r);
                    }
                    c->alarms++;
                    continue;
                }
                c->found = 1;
                if (kc == c->kind) c->found_kind_right = 1;
                if (c->kind == K_ROUNDING && kc == K_CONFLICT) c->found_as_conflict = 1;
            }
            if (any) matched_reports++;
            else {
                unmatched++;
                if (errors) {
                    printf("unmatched (%s), read by hand:\n", clusters[ci]);
                    print_report(stdout, r);
                }
            }
        }
        json_decref(root);
    }
    size_t labelled[K_N] = {0}, found[K_N] = {0}, right[K_N] = {0}, as_conflict = 0, alarms[K_N] = {0};
    for (size_t k = 0; k < nc; k++) {
        lcase *c = &cases[k];
        labelled[c->kind]++;
        found[c->kind] += c->found;
        right[c->kind] += c->found_kind_right;
        as_conflict += c->found_as_conflict;
        alarms[c->kind] += c->alarms > 0;
        if (errors && c->kind <= K_ROUNDING && !c->found) printf("missed %s (%s): %s\n", kind_names[c->kind], c->cluster, c->subject);
    }
    printf("disagreements on %zu clusters (%s)\n\n", n_clusters, data);
    printf("| kind | labelled | found | recall | kind named right |\n|---|---|---|---|---|\n");
    for (int k = K_CONFLICT; k <= K_ROUNDING; k++)
        printf("| %s | %zu | %zu | %.1f%% | %zu |\n", kind_names[k], labelled[k], found[k],
               labelled[k] ? 100.0 * (double)found[k] / (double)labelled[k] : 0.0, right[k]);
    printf("\nrounding cases reported as a conflict: %zu\n", as_conflict);
    size_t neg = labelled[K_AGREE] + labelled[K_NOT];
    printf("false alarms: %zu of %zu agree cases, %zu of %zu not-disagreements (%.1f%% of %zu)\n", alarms[K_AGREE],
           labelled[K_AGREE], alarms[K_NOT], labelled[K_NOT],
           neg ? 100.0 * (double)(alarms[K_AGREE] + alarms[K_NOT]) / (double)neg : 0.0, neg);
    printf("(not counted as false alarms: %zu matches of agree/not-disagreement rows by reports that find a labelled case)\n",
           excused);
    printf("reports: %zu (%zu conflict, %zu update, %zu approximate); matching a case: %zu; unmatched, to read by "
           "hand: %zu (%.1f per 5 clusters)\n",
           reports, by_kind[0], by_kind[1], by_kind[2], matched_reports, unmatched,
           n_clusters ? 5.0 * (double)unmatched / (double)n_clusters : 0.0);
    printf("read + digest time: %.1f ms per cluster (in process)\n", n_clusters ? ms_total / (double)n_clusters : 0.0);
    free_cases(cases, nc);
    return rc;
}
