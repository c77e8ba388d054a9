/* chorus eval rouge: ROUGE-1/2/SU4/L of system summaries against reference
 * summaries, as ROUGE-1.5.5 scores them (src/rouge.h). This file finds and
 * reads the summaries and prints the tables; the scoring is in the library. */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "eval_cmds.h"
#include "rouge.h"
#include "util.h"

#define DEFAULT_WORDNET "/usr/share/wordnet"
#define MAX_SUMMARY_BYTES ((size_t)16 << 20)

static void usage(FILE *f)
{
    fprintf(f,
            "usage: chorus eval rouge [OPTIONS] MODELS PEERS...\n"
            "       chorus eval rouge [OPTIONS] GOLD.jsonl SYSTEM.jsonl...\n"
            "\n"
            "Score system summaries with ROUGE-1, ROUGE-2, ROUGE-SU4 and ROUGE-L exactly as\n"
            "ROUGE-1.5.5 does with -n 2 -2 4 -u -m -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -a:\n"
            "first 100 words, Porter stemming with WordNet's exception lists, stopwords kept,\n"
            "hits summed over the references (model average), bootstrap 95%% intervals.\n"
            "\n"
            "  MODELS        directory of reference summaries, one sentence a line, named\n"
            "                CLUSTER.ANYTHING (DUC: d30001.m.100.t.A)\n"
            "  PEERS         directories or files of system summaries named CLUSTER.SYSTEM\n"
            "                (DUC: d30001.LexRank)\n"
            "  GOLD.jsonl    one cluster a line: {\"id\": ID, \"summaries\": [SUMMARY, ...]}\n"
            "  SYSTEM.jsonl  one cluster a line: {\"id\": ID, \"summary\": SUMMARY}; the system\n"
            "                is named after the file. A SUMMARY is a string (sentences on\n"
            "                separate lines) or an array of sentence strings.\n"
            "\n"
            "options:\n"
            "  --per-cluster   also print each cluster's recall/precision/F\n"
            "  --jackknife     NIST's DUC 2005-2007 rule: score each summary against every\n"
            "                  set of all references but one and average; a reference's own\n"
            "                  author (system named as the file's last part, DUC: A-J) is\n"
            "                  scored once, against the others\n"
            "  --format F      table (default) or tsv\n"
            "  --words N       keep the first N words of each summary (default 100; 0 = all)\n"
            "  --resamples N   bootstrap resamples (default 1000)\n"
            "  --wordnet DIR   WordNet dict directory holding {adj,adv,noun,verb}.exc\n"
            "                  (default " DEFAULT_WORDNET ", Debian package wordnet-base);\n"
            "                  'none' stems without them (scores then differ from ROUGE-1.5.5)\n"
            "  -o FILE         write the table to FILE\n"
            "\n"
            "Systems are listed in name order. A system missing a cluster is scored on the\n"
            "clusters it has (with a warning), as ROUGE-1.5.5 does.\n"
            "exit: 0 ok, 1 some inputs skipped, 2 usage, 3 nothing to score, 4 failure\n");
}

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

typedef struct {
    cx_rouge *rouge;
    entry *models;       /* sorted by cluster after loading */
    size_t n_models, cap_models;
    system_run *systems;
    size_t n_systems, cap_systems;
    long skipped;
    int jackknife;
} eval_set;

static void eval_set_free(eval_set *s)
{
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

static int oom(void)
{
    cli_error("eval rouge: out of memory");
    return -1;
}

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
                       const char *text, size_t len, const char *origin)
{
    chorus_error err = {0};
    entry e = {0};
    if (cx_rouge_summary_new(s->rouge, text, len, &e.summary, &err) != 0) {
        cli_error("%s: %s", origin, err.message);
        return -1;
    }
    if (!(e.cluster = cx_strndup(cluster, cluster_len))) {
        cx_rouge_summary_free(e.summary);
        return oom();
    }
    if (!sys) {
        const char *dot = strrchr(origin, '.'), *slash = strrchr(origin, '/');
        if (dot && (!slash || dot > slash) && !(e.id = cx_strdup(dot + 1))) {
            free(e.cluster);
            cx_rouge_summary_free(e.summary);
            return oom();
        }
    }
    int rc = sys ? CX_PUSH(sys->peers, sys->n, sys->cap, e)
                 : CX_PUSH(s->models, s->n_models, s->cap_models, e);
    if (rc != 0) {
        free(e.cluster);
        free(e.id);
        cx_rouge_summary_free(e.summary);
        return oom();
    }
    return 0;
}

/* Read one summary file named CLUSTER.REST; peers are filed under REST. */
static int add_file(eval_set *s, const char *path, int is_model)
{
    const char *name = cx_basename(path);
    const char *dot = strchr(name, '.');
    if (!dot || dot == name || !dot[1]) {
        cli_error("%s: skipped: name is not CLUSTER.%s", path, is_model ? "ANYTHING" : "SYSTEM");
        s->skipped++;
        return 0;
    }
    char *text = NULL;
    size_t len = 0;
    chorus_error err = {0};
    if (cx_read_file(path, MAX_SUMMARY_BYTES, &text, &len, &err) != 0) {
        cli_error("%s: skipped: %s", path, err.message);
        s->skipped++;
        return 0;
    }
    system_run *sys = NULL;
    if (!is_model && !(sys = find_system(s, dot + 1, strlen(dot + 1)))) {
        free(text);
        return oom();
    }
    int rc = add_summary(s, sys, name, (size_t)(dot - name), text, len, path);
    free(text);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add every regular file of dir (in name order, hidden files left out). */
static int add_dir(eval_set *s, const char *dir, int is_model)
{
    DIR *d = opendir(dir);
    if (!d) {
        cli_error("%s: cannot open directory: %s", dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(d)) && rc == 0) {
        if (de->d_name[0] == '.') continue;
        size_t need = strlen(dir) + strlen(de->d_name) + 2;
        char *path = cx_malloc(need);
        if (!path) {
            rc = oom();
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
            rc = oom();
        }
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0) rc = add_file(s, names[i], is_model);
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
static int add_jsonl(eval_set *s, const char *path, int is_gold)
{
    char *data = NULL;
    size_t len = 0;
    chorus_error err = {0};
    if (cx_read_file(path, (size_t)1 << 30, &data, &len, &err) != 0) {
        cli_error("%s: %s", path, err.message);
        return -1;
    }
    system_run *sys = NULL;
    if (!is_gold) {
        const char *name = cx_basename(path);
        size_t n = strlen(name);
        if (cx_has_suffix_ci(name, ".jsonl")) n -= 6;
        if (!(sys = find_system(s, name, n))) {
            free(data);
            return oom();
        }
    }
    int rc = 0;
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
                    rc = add_summary(s, NULL, cid, strlen(cid), text, strlen(text), origin);
                    free(text);
                    if (rc != 0) break;
                }
            } else {
                for (size_t i = 0; i < sys->n && !why; i++)
                    if (!strcmp(sys->peers[i].cluster, cid)) why = "duplicate id";
                char *text = why ? NULL : json_summary_text(field, &why);
                if (text) rc = add_summary(s, sys, cid, strlen(cid), text, strlen(text), origin);
                free(text);
            }
        }
        if (why && rc == 0) {
            cli_error("%s: skipped: %s", origin, why);
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

static int score_all(eval_set *s)
{
    const cx_rouge_opts *o = cx_rouge_options(s->rouge);
    const cx_rouge_summary **models = NULL;
    size_t cap_models = 0;
    int rc = 0;
    for (size_t i = 0; i < s->n_systems && rc == 0; i++) {
        system_run *sys = &s->systems[i];
        qsort(sys->peers, sys->n, sizeof *sys->peers, cmp_entry);
        if (sys->n && !(sys->scores = cx_calloc(sys->n, sizeof *sys->scores))) {
            rc = oom();
            break;
        }
        size_t kept = 0;
        for (size_t j = 0; j < sys->n; j++) {
            size_t first = 0, n = models_of(s, sys->peers[j].cluster, &first);
            if (n == 0) {
                cli_error("system %s, cluster %s: skipped: no reference summary for the cluster",
                          sys->name, sys->peers[j].cluster);
                s->skipped++;
                free(sys->peers[j].cluster);
                cx_rouge_summary_free(sys->peers[j].summary);
                continue;
            }
            if (cx_grow((void **)&models, &cap_models, n, sizeof *models) != 0) {
                rc = oom();
                break;
            }
            int self = -1;
            for (size_t k = 0; k < n; k++) {
                models[k] = s->models[first + k].summary;
                if (s->models[first + k].id && !strcmp(s->models[first + k].id, sys->name)) self = (int)k;
            }
            chorus_error err = {0};
            if ((s->jackknife ? cx_rouge_score_jackknife(s->rouge, sys->peers[j].summary, models, n, self,
                                                         sys->scores[kept], &err)
                              : cx_rouge_score_peer(s->rouge, sys->peers[j].summary, models, n,
                                                    sys->scores[kept], &err)) != 0) {
                cli_error("eval rouge: %s", err.message);
                rc = -1;
                break;
            }
            sys->peers[kept++] = sys->peers[j];
        }
        if (rc != 0) break;
        sys->n = kept;
        for (int m = 0; m < CX_ROUGE_METRICS && rc == 0; m++) {
            cx_rouge_score *items = cx_malloc((sys->n ? sys->n : 1) * sizeof *items);
            if (!items) {
                rc = oom();
                break;
            }
            for (size_t j = 0; j < sys->n; j++) items[j] = sys->scores[j][m];
            chorus_error err = {0};
            if (cx_rouge_bootstrap(items, sys->n, o->resamples, o->confidence, sys->ci[m], &err)) {
                cli_error("eval rouge: %s", err.message);
                rc = -1;
            }
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
            cli_error("warning: system %s has no summary for %zu of %zu clusters (%s%s)", sys->name,
                      missing, clusters, names, missing > 4 ? ", ..." : "");
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

int eval_rouge(int argc, char **argv)
{
    cx_rouge_opts opts;
    cx_rouge_opts_default(&opts);
    const char *format = "table", *wordnet = DEFAULT_WORDNET, *output = NULL, *v = NULL;
    int per_cluster = 0, jackknife = 0, n_pos = 0;
    char **pos = cx_calloc((size_t)argc + 1, sizeof *pos);
    if (!pos) return oom(), EXIT_FAILURE_;
    cli_args args = cli_args_of("eval rouge", usage, argc, argv);
    while (cli_next(&args)) {
        const char *arg = argv[args.i];
        int r;
        size_t num = 0;
        if (!strcmp(arg, "--per-cluster")) {
            per_cluster = 1;
        } else if (!strcmp(arg, "--jackknife")) {
            jackknife = 1;
        } else if ((r = cli_opt_value(argc, argv, &args.i, "--words", &v)) != 0) {
            if (r < 0 || cli_parse_size(v, &num) != 0 || num > 1000000) {
                cli_error("eval rouge: --words needs a number of words (0 = all)");
                goto bad_usage;
            }
            opts.word_limit = (int)num;
        } else if ((r = cli_opt_value(argc, argv, &args.i, "--resamples", &v)) != 0) {
            if (r < 0 || cli_parse_size(v, &num) != 0 || num < 1 || num > 1000000) {
                cli_error("eval rouge: --resamples needs a number from 1 to 1000000");
                goto bad_usage;
            }
            opts.resamples = (int)num;
        } else if (!(cli_opt_string(&args, "--format", &format) || cli_opt_string(&args, "--wordnet", &wordnet) ||
                     cli_opt_string(&args, "-o", &output))) {
            if (arg[0] == '-' && arg[1]) {
                cli_error("eval rouge: unknown option '%s' (try --help)", arg);
                goto bad_usage;
            }
            pos[n_pos++] = argv[args.i];
        }
    }
    if (args.exit_code >= 0) {
        free(pos);
        return args.exit_code;
    }
    if (strcmp(format, "table") && strcmp(format, "tsv")) {
        cli_error("eval rouge: --format is table or tsv, not '%s'", format);
        goto bad_usage;
    }
    if (n_pos < 2) {
        cli_error("eval rouge: need references and at least one system (try --help)");
        goto bad_usage;
    }
    int jsonl = cx_has_suffix_ci(pos[0], ".jsonl") && !is_dir(pos[0]);
    if (!jsonl && !is_dir(pos[0])) {
        cli_error("eval rouge: %s: references must be a directory or a .jsonl file", pos[0]);
        goto bad_usage;
    }

    eval_set set = {0};
    set.jackknife = jackknife;
    chorus_error err = {0};
    int status = EXIT_OK;
    if (cx_rouge_new(&opts, &set.rouge, &err) != 0) {
        cli_error("eval rouge: %s", err.message);
        free(pos);
        return EXIT_FAILURE_;
    }
    if (strcmp(wordnet, "none") && cx_rouge_load_exceptions(set.rouge, wordnet, &err) != 0) {
        if (err.code == CHORUS_ENOMEM) {
            status = EXIT_FAILURE_;
            goto done;
        }
        cli_error("warning: no WordNet exception lists (%s); stemming without them, so "
                  "scores can differ from ROUGE-1.5.5 (install wordnet-base or pass --wordnet)",
                  err.message);
    }
    int rc = jsonl ? add_jsonl(&set, pos[0], 1) : add_dir(&set, pos[0], 1);
    for (int i = 1; i < n_pos && rc == 0; i++) {
        if (jsonl) rc = add_jsonl(&set, pos[i], 0);
        else if (is_dir(pos[i])) rc = add_dir(&set, pos[i], 0);
        else rc = add_file(&set, pos[i], 0);
    }
    if (rc != 0) {
        status = EXIT_FAILURE_;
        goto done;
    }
    if (set.n_models) qsort(set.models, set.n_models, sizeof *set.models, cmp_entry);
    if (set.n_systems) qsort(set.systems, set.n_systems, sizeof *set.systems, cmp_system);
    if (score_all(&set) != 0) {
        status = EXIT_FAILURE_;
        goto done;
    }
    size_t scored = 0;
    for (size_t i = 0; i < set.n_systems; i++) scored += set.systems[i].n;
    if (!set.n_models || !scored) {
        cli_error("eval rouge: nothing to score (%zu reference summaries, %zu system summaries "
                  "with references)", set.n_models, scored);
        status = EXIT_NOINPUT;
        goto done;
    }
    warn_missing(&set);
    FILE *out = cli_open_output(output);
    if (!out) {
        status = EXIT_FAILURE_;
        goto done;
    }
    print_results(out, &set, !strcmp(format, "tsv"), per_cluster);
    if (cli_close_output(out)) {
        status = EXIT_FAILURE_;
        goto done;
    }
    status = set.skipped ? EXIT_PARTIAL : EXIT_OK;
done:
    eval_set_free(&set);
    free(pos);
    return status;
bad_usage:
    free(pos);
    return EXIT_USAGE;
}
