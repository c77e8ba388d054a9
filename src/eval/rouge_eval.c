/* ROUGE over a set of summaries (chorus eval rouge): reference and system
 * summaries read from folders of CLUSTER.NAME files or from JSONL, scored
 * as ROUGE-1.5.5 does (rouge.c), with bootstrap intervals per system, and
 * printed as a table. */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rouge.h"
#include "util.h"

#define MAX_SUMMARY_BYTES ((size_t)16 << 20)

typedef struct {
    char *cluster;
    char *id; /* models: the name's last part (DUC: the assessor), for --jackknife */
    cx_rouge_summary *summary;
} entry;

typedef struct {
    char *name;
    entry *peers;
    size_t n, cap;
    cx_rouge_score (*scores)[CX_ROUGE_METRICS]; /* per peer, parallel to peers */
    cx_rouge_interval ci[CX_ROUGE_METRICS][3];
} system_run;

struct chorus_rouge_eval {
    cx_rouge *rouge;
    entry *models;       /* sorted by cluster after loading */
    size_t n_models, cap_models;
    system_run *systems;
    size_t n_systems, cap_systems;
    size_t skipped;
    int jackknife;
    int jsonl; /* the references came as JSONL: so do the systems' summaries */
    void (*note)(const char *message, void *ctx);
    void *ctx;
};
typedef chorus_rouge_eval eval_set;

/* One line for the user (a skipped input, a warning). */
static void note(const eval_set *s, const char *fmt, ...)
{
    if (!s->note) return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    s->note(msg, s->ctx);
}

static void eval_set_free(eval_set *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n_models; i++) {
        free(s->models[i].cluster);
        free(s->models[i].id);
        cx_rouge_summary_free(s->models[i].summary);
    }
    free(s->models);
    for (size_t i = 0; i < s->n_systems; i++) {
        system_run *sys = &s->systems[i];
        for (size_t j = 0; j < sys->n; j++) {
            free(sys->peers[j].cluster);
            cx_rouge_summary_free(sys->peers[j].summary);
        }
        free(sys->peers);
        free(sys->scores);
        free(sys->name);
    }
    free(s->systems);
    cx_rouge_free(s->rouge);
}

static int oom(chorus_error *err) { return cx_fail(err, CHORUS_ENOMEM, "out of memory"); }

static system_run *find_system(eval_set *s, const char *name, size_t n)
{
    for (size_t i = 0; i < s->n_systems; i++)
        if (strlen(s->systems[i].name) == n && !strncmp(s->systems[i].name, name, n))
            return &s->systems[i];
    system_run fresh = {0};
    if (!(fresh.name = cx_strndup(name, n))) return NULL;
    if (CX_PUSH(s->systems, s->n_systems, s->cap_systems, fresh) != 0) {
        free(fresh.name);
        return NULL;
    }
    return &s->systems[s->n_systems - 1];
}

/* Tokenize text and add it as a model (sys == NULL) or a peer of sys. */
static int add_summary(eval_set *s, system_run *sys, const char *cluster, size_t cluster_len,
                       const char *text, size_t len, const char *origin, chorus_error *err)
{
    entry e = {0};
    int rc = cx_rouge_summary_new(s->rouge, text, len, &e.summary, err);
    if (rc != 0) return cx_fail(err, rc, "%s: %s", origin, err ? err->message : "cannot read the summary");
    if (!(e.cluster = cx_strndup(cluster, cluster_len))) {
        cx_rouge_summary_free(e.summary);
        return oom(err);
    }
    if (!sys) {
        const char *dot = strrchr(origin, '.'), *slash = strrchr(origin, '/');
        if (dot && (!slash || dot > slash) && !(e.id = cx_strdup(dot + 1))) {
            free(e.cluster);
            cx_rouge_summary_free(e.summary);
            return oom(err);
        }
    }
    rc = sys ? CX_PUSH(sys->peers, sys->n, sys->cap, e) : CX_PUSH(s->models, s->n_models, s->cap_models, e);
    if (rc != 0) {
        free(e.cluster);
        free(e.id);
        cx_rouge_summary_free(e.summary);
        return oom(err);
    }
    return 0;
}

/* Read one summary file named CLUSTER.REST; peers are filed under REST. */
static int add_file(eval_set *s, const char *path, int is_model, chorus_error *err)
{
    const char *name = cx_basename(path);
    const char *dot = strchr(name, '.');
    if (!dot || dot == name || !dot[1]) {
        note(s, "%s: skipped: name is not CLUSTER.%s", path, is_model ? "ANYTHING" : "SYSTEM");
        s->skipped++;
        return 0;
    }
    char *text = NULL;
    size_t len = 0;
    chorus_error why = {0};
    if (cx_read_file(path, MAX_SUMMARY_BYTES, &text, &len, &why) != 0) {
        note(s, "%s: skipped: %s", path, why.message);
        s->skipped++;
        return 0;
    }
    system_run *sys = NULL;
    if (!is_model && !(sys = find_system(s, dot + 1, strlen(dot + 1)))) {
        free(text);
        return oom(err);
    }
    int rc = add_summary(s, sys, name, (size_t)(dot - name), text, len, path, err);
    free(text);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add every regular file of dir (in name order, hidden files left out). */
static int add_dir(eval_set *s, const char *dir, int is_model, chorus_error *err)
{
    DIR *d = opendir(dir);
    if (!d) return cx_fail(err, CHORUS_EIO, "%s: cannot open directory: %s", dir, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(d)) && rc == 0) {
        if (de->d_name[0] == '.') continue;
        size_t need = strlen(dir) + strlen(de->d_name) + 2;
        char *path = cx_malloc(need);
        if (!path) {
            rc = oom(err);
            break;
        }
        snprintf(path, need, "%s/%s", dir, de->d_name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (CX_PUSH(names, n, cap, path) != 0) {
            free(path);
            rc = oom(err);
        }
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0) rc = add_file(s, names[i], is_model, err);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* A JSON summary: a string, or an array of sentence strings (joined by
 * newlines). Returns a malloc'd string or NULL with *why set. */
static char *json_summary_text(const json_t *v, const char **why)
{
    if (json_is_string(v)) return cx_strdup(json_string_value(v));
    if (!json_is_array(v)) {
        *why = "a summary must be a string or an array of strings";
        return NULL;
    }
    cx_buf b;
    cx_buf_init(&b);
    size_t i;
    json_t *sent;
    json_array_foreach(v, i, sent) {
        if (!json_is_string(sent)) {
            cx_buf_free(&b);
            *why = "a summary's sentences must be strings";
            return NULL;
        }
        if (cx_buf_puts(&b, json_string_value(sent)) != 0 || cx_buf_putc(&b, '\n') != 0) {
            cx_buf_free(&b);
            *why = "out of memory";
            return NULL;
        }
    }
    char *text = cx_buf_take(&b);
    if (!text) *why = "out of memory";
    return text;
}

/* Gold (is_gold) or system JSONL: one cluster a line. */
static int add_jsonl(eval_set *s, const char *path, int is_gold, chorus_error *err)
{
    char *data = NULL;
    size_t len = 0;
    int rc = cx_read_file(path, (size_t)1 << 30, &data, &len, err);
    if (rc != 0) return rc;
    system_run *sys = NULL;
    if (!is_gold) {
        const char *name = cx_basename(path);
        size_t n = strlen(name);
        if (cx_has_suffix_ci(name, ".jsonl")) n -= 6;
        if (!(sys = find_system(s, name, n))) {
            free(data);
            return oom(err);
        }
    }
    size_t line_no = 0;
    for (size_t pos = 0; pos < len && rc == 0;) {
        const char *line = data + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl ? 1 : 0);
        line_no++;
        size_t k = 0;
        while (k < n && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r')) k++;
        if (k == n) continue;
        json_error_t jerr;
        json_t *obj = json_loadb(line, n, 0, &jerr);
        const char *why = NULL;
        json_t *id = obj ? json_object_get(obj, "id") : NULL;
        json_t *field = obj ? json_object_get(obj, is_gold ? "summaries" : "summary") : NULL;
        char origin[4200];
        snprintf(origin, sizeof origin, "%s:%zu", path, line_no);
        if (!obj) why = jerr.text;
        else if (!json_is_string(id)) why = "no string \"id\"";
        else if (!field) why = is_gold ? "no \"summaries\"" : "no \"summary\"";
        else if (is_gold && !json_is_array(field)) why = "\"summaries\" must be an array";
        if (!why) {
            const char *cid = json_string_value(id);
            if (is_gold) {
                size_t i;
                json_t *one;
                json_array_foreach(field, i, one) {
                    char *text = json_summary_text(one, &why);
                    if (!text) break;
                    rc = add_summary(s, NULL, cid, strlen(cid), text, strlen(text), origin, err);
                    free(text);
                    if (rc != 0) break;
                }
            } else {
                for (size_t i = 0; i < sys->n && !why; i++)
                    if (!strcmp(sys->peers[i].cluster, cid)) why = "duplicate id";
                char *text = why ? NULL : json_summary_text(field, &why);
                if (text) rc = add_summary(s, sys, cid, strlen(cid), text, strlen(text), origin, err);
                free(text);
            }
        }
        if (why && rc == 0) {
            note(s, "%s: skipped: %s", origin, why);
            s->skipped++;
        }
        json_decref(obj);
    }
    free(data);
    return rc;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->cluster, ((const entry *)b)->cluster);
}

static int cmp_system(const void *a, const void *b)
{
    return strcmp(((const system_run *)a)->name, ((const system_run *)b)->name);
}

/* Models of one cluster: a run in the sorted model list. */
static size_t models_of(const eval_set *s, const char *cluster, size_t *first)
{
    size_t lo = 0, hi = s->n_models;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(s->models[mid].cluster, cluster) < 0) lo = mid + 1;
        else hi = mid;
    }
    size_t end = lo;
    while (end < s->n_models && !strcmp(s->models[end].cluster, cluster)) end++;
    *first = lo;
    return end - lo;
}

static int score_all(eval_set *s, chorus_error *err)
{
    const cx_rouge_opts *o = cx_rouge_options(s->rouge);
    const cx_rouge_summary **models = NULL;
    size_t cap_models = 0;
    int rc = 0;
    for (size_t i = 0; i < s->n_systems && rc == 0; i++) {
        system_run *sys = &s->systems[i];
        qsort(sys->peers, sys->n, sizeof *sys->peers, cmp_entry);
        if (sys->n && !(sys->scores = cx_calloc(sys->n, sizeof *sys->scores))) {
            rc = oom(err);
            break;
        }
        size_t kept = 0;
        for (size_t j = 0; j < sys->n; j++) {
            size_t first = 0, n = models_of(s, sys->peers[j].cluster, &first);
            if (n == 0) {
                note(s, "system %s, cluster %s: skipped: no reference summary for the cluster", sys->name,
                     sys->peers[j].cluster);
                s->skipped++;
                free(sys->peers[j].cluster);
                cx_rouge_summary_free(sys->peers[j].summary);
                continue;
            }
            if (cx_grow((void **)&models, &cap_models, n, sizeof *models) != 0) {
                rc = oom(err);
                break;
            }
            int self = -1;
            for (size_t k = 0; k < n; k++) {
                models[k] = s->models[first + k].summary;
                if (s->models[first + k].id && !strcmp(s->models[first + k].id, sys->name)) self = (int)k;
            }
            if ((rc = s->jackknife ? cx_rouge_score_jackknife(s->rouge, sys->peers[j].summary, models, n, self,
                                                              sys->scores[kept], err)
                                   : cx_rouge_score_peer(s->rouge, sys->peers[j].summary, models, n,
                                                         sys->scores[kept], err)) != 0)
                break;
            sys->peers[kept++] = sys->peers[j];
        }
        if (rc != 0) break;
        sys->n = kept;
        for (int m = 0; m < CX_ROUGE_METRICS && rc == 0; m++) {
            cx_rouge_score *items = cx_malloc((sys->n ? sys->n : 1) * sizeof *items);
            if (!items) {
                rc = oom(err);
                break;
            }
            for (size_t j = 0; j < sys->n; j++) items[j] = sys->scores[j][m];
            rc = cx_rouge_bootstrap(items, sys->n, o->resamples, o->confidence, sys->ci[m], err);
            free(items);
        }
    }
    free(models);
    return rc;
}

/* Clusters that have references but no summary from this system: one
 * line per system, naming the first few. */
static void warn_missing(const eval_set *s)
{
    for (size_t i = 0; i < s->n_systems; i++) {
        const system_run *sys = &s->systems[i];
        char names[256] = "";
        size_t missing = 0, clusters = 0;
        for (size_t k = 0; k < s->n_models; k++) {
            if (k > 0 && !strcmp(s->models[k].cluster, s->models[k - 1].cluster)) continue;
            const char *c = s->models[k].cluster;
            clusters++;
            size_t lo = 0, hi = sys->n;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (strcmp(sys->peers[mid].cluster, c) < 0) lo = mid + 1;
                else hi = mid;
            }
            if (lo < sys->n && !strcmp(sys->peers[lo].cluster, c)) continue;
            if (missing < 4) {
                size_t used = strlen(names);
                snprintf(names + used, sizeof names - used, "%s%s", missing ? ", " : "", c);
            }
            missing++;
        }
        if (missing)
            note(s, "warning: system %s has no summary for %zu of %zu clusters (%s%s)", sys->name, missing,
                 clusters, names, missing > 4 ? ", ..." : "");
    }
}

static void print_results(FILE *out, const eval_set *s, int tsv, int per_cluster)
{
    const cx_rouge_opts *o = cx_rouge_options(s->rouge);
    char name[16];
    if (tsv) {
        fprintf(out, "system\tcluster\tmetric\tn\trecall\trecall_low\trecall_high\tprecision\t"
                     "precision_low\tprecision_high\tf\tf_low\tf_high\n");
    } else {
        fprintf(out, "ROUGE-1.5.5 -n 2 -2 %d -u -m -l %d -c %g -r %d -f A -p %g -t 0 (and ROUGE-L)\n",
                o->skip_distance, o->word_limit, o->confidence, o->resamples, o->alpha);
        fprintf(out, "%-14s %-6s %4s  %-25s  %-25s  %-25s\n", "system", "metric", "n",
                "recall (CI)", "precision (CI)", "F (CI)");
    }
    for (size_t i = 0; i < s->n_systems; i++) {
        const system_run *sys = &s->systems[i];
        for (int m = 0; m < CX_ROUGE_METRICS; m++) {
            const cx_rouge_interval *ci = sys->ci[m];
            cx_rouge_metric_name(m, o->skip_distance, name, sizeof name);
            if (tsv)
                fprintf(out, "%s\tall\t%s\t%zu\t%.5f\t%.5f\t%.5f\t%.5f\t%.5f\t%.5f\t%.5f\t%.5f\t%.5f\n",
                        sys->name, name, sys->n, ci[0].mean, ci[0].low, ci[0].high, ci[1].mean,
                        ci[1].low, ci[1].high, ci[2].mean, ci[2].low, ci[2].high);
            else
                fprintf(out, "%-14s %-6s %4zu  %.5f (%.5f-%.5f)  %.5f (%.5f-%.5f)  %.5f (%.5f-%.5f)\n",
                        sys->name, name, sys->n, ci[0].mean, ci[0].low, ci[0].high, ci[1].mean,
                        ci[1].low, ci[1].high, ci[2].mean, ci[2].low, ci[2].high);
        }
    }
    if (!per_cluster) return;
    if (!tsv) {
        fprintf(out, "\nper cluster (recall/precision/F):\n%-14s %-10s", "system", "cluster");
        for (int m = 0; m < CX_ROUGE_METRICS; m++)
            fprintf(out, " %-23s", cx_rouge_metric_name(m, o->skip_distance, name, sizeof name));
        fputc('\n', out);
    }
    for (size_t i = 0; i < s->n_systems; i++) {
        const system_run *sys = &s->systems[i];
        for (size_t j = 0; j < sys->n; j++) {
            if (!tsv) fprintf(out, "%-14s %-10s", sys->name, sys->peers[j].cluster);
            for (int m = 0; m < CX_ROUGE_METRICS; m++) {
                const cx_rouge_score *sc = &sys->scores[j][m];
                if (tsv)
                    fprintf(out, "%s\t%s\t%s\t1\t%.5f\t\t\t%.5f\t\t\t%.5f\t\t\n", sys->name,
                            sys->peers[j].cluster,
                            cx_rouge_metric_name(m, o->skip_distance, name, sizeof name),
                            sc->recall, sc->precision, sc->f);
                else
                    fprintf(out, " %.5f/%.5f/%.5f", sc->recall, sc->precision, sc->f);
            }
            if (!tsv) fputc('\n', out);
        }
    }
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void chorus_rouge_eval_options_init(chorus_rouge_eval_options *o)
{
    cx_rouge_opts d;
    cx_rouge_opts_default(&d);
    memset(o, 0, sizeof *o);
    o->words = d.word_limit;
    o->resamples = d.resamples;
}

int chorus_rouge_eval_new(const chorus_rouge_eval_options *o, chorus_rouge_eval **out, chorus_error *err)
{
    *out = NULL;
    cx_rouge_opts opts;
    cx_rouge_opts_default(&opts);
    opts.word_limit = o->words;
    opts.resamples = o->resamples;
    eval_set *s = cx_calloc(1, sizeof *s);
    if (!s) return oom(err);
    s->jackknife = o->jackknife;
    s->note = o->note;
    s->ctx = o->ctx;
    int rc = cx_rouge_new(&opts, &s->rouge, err);
    if (!rc && o->wordnet) {
        chorus_error why = {0};
        rc = cx_rouge_load_exceptions(s->rouge, o->wordnet, &why);
        if (rc == CHORUS_ENOMEM) oom(err);
        else if (rc) {
            note(s, "warning: no WordNet exception lists (%s); stemming without them, so scores can differ"
                    " from ROUGE-1.5.5 (install wordnet-base or pass --wordnet)", why.message);
            rc = 0;
        }
    }
    if (rc) {
        eval_set_free(s);
        free(s);
        return rc;
    }
    *out = s;
    return 0;
}

int chorus_rouge_eval_add(chorus_rouge_eval *s, const char *path, int references, chorus_error *err)
{
    if (is_dir(path)) return add_dir(s, path, references, err);
    if (references) {
        if (!cx_has_suffix_ci(path, ".jsonl"))
            return cx_fail(err, CHORUS_EINVAL, "%s: references must be a directory or a .jsonl file", path);
        s->jsonl = 1;
        return add_jsonl(s, path, 1, err);
    }
    return s->jsonl ? add_jsonl(s, path, 0, err) : add_file(s, path, 0, err);
}

int chorus_rouge_eval_score(chorus_rouge_eval *s, chorus_error *err)
{
    if (s->n_models) qsort(s->models, s->n_models, sizeof *s->models, cmp_entry);
    if (s->n_systems) qsort(s->systems, s->n_systems, sizeof *s->systems, cmp_system);
    int rc = score_all(s, err);
    if (rc) return rc;
    size_t scored = 0;
    for (size_t i = 0; i < s->n_systems; i++) scored += s->systems[i].n;
    if (!s->n_models || !scored)
        return cx_fail(err, CHORUS_EEMPTY,
                       "nothing to score (%zu reference summaries, %zu system summaries with references)",
                       s->n_models, scored);
    warn_missing(s);
    return 0;
}

size_t chorus_rouge_eval_skipped(const chorus_rouge_eval *s) { return s->skipped; }

int chorus_rouge_eval_print(const chorus_rouge_eval *s, FILE *out, int tsv, int per_cluster)
{
    print_results(out, s, tsv, per_cluster);
    return ferror(out) ? CHORUS_EIO : 0;
}

void chorus_rouge_eval_free(chorus_rouge_eval *s)
{
    eval_set_free(s);
    free(s);
}
