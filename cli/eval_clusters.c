/* chorus eval clusters --gold GOLD.tsv --pred PRED.tsv: B-cubed and pairwise
 * scores of a clustering (chorus_score_clusters). This file reads the two
 * `id<TAB>cluster` files and prints the table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "cli.h"
#include "eval_cmds.h"

#define MAX_TSV_BYTES ((size_t)1 << 30)

static void usage(FILE *f)
{
    fprintf(f,
            "usage: chorus eval clusters --gold GOLD.tsv --pred PRED.tsv [--format table|tsv]\n\n"
            "Score a clustering against gold clusters. Both files hold one item a line:\n"
            "ID<TAB>CLUSTER (more columns are ignored; a first line 'id<TAB>...' and lines\n"
            "starting with '#' are skipped). Prints B-cubed precision/recall/F1 (per item,\n"
            "averaged over items), pairwise precision/recall/F1 (over pairs of items put\n"
            "together), and the counts. Gold items missing from PRED count as singletons;\n"
            "PRED items not in GOLD are ignored; both are reported.\n"
            "exit: 0 ok, 1 some lines skipped or items missing, 2 usage, 3 nothing to score, 4 failure\n");
}

/* The lines of one TSV as labelled items, pointing into the file's bytes. */
typedef struct tsv {
    char *data;
    const char **ids, **labels;
    size_t *id_lens, *label_lens;
    size_t n, cap;
    long bad_lines;
} tsv;

static int tsv_push(tsv *t, const char *id, size_t id_len, const char *label, size_t label_len)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        const char **ids = realloc(t->ids, cap * sizeof *ids);
        if (ids) t->ids = ids;
        const char **labels = realloc(t->labels, cap * sizeof *labels);
        if (labels) t->labels = labels;
        size_t *il = realloc(t->id_lens, cap * sizeof *il);
        if (il) t->id_lens = il;
        size_t *ll = realloc(t->label_lens, cap * sizeof *ll);
        if (ll) t->label_lens = ll;
        if (!ids || !labels || !il || !ll) return -1;
        t->cap = cap;
    }
    t->ids[t->n] = id, t->id_lens[t->n] = id_len;
    t->labels[t->n] = label, t->label_lens[t->n] = label_len;
    t->n++;
    return 0;
}

/* Read one TSV. Returns 0, or -1 (message printed) when the file cannot be used. */
static int read_tsv(const char *path, tsv *t)
{
    chorus_error err = {0};
    size_t len = 0;
    if (chorus_read_file(path, MAX_TSV_BYTES, &t->data, &len, &err) < 0) {
        cli_error("eval clusters: %s", err.message);
        return -1;
    }
    const char *data = t->data;
    size_t line_no = 0;
    for (size_t pos = 0; pos < len;) {
        const char *line = data + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + 1;
        line_no++;
        if (n && line[n - 1] == '\r') n--;
        if (n == 0 || line[0] == '#') continue;
        const char *tab = memchr(line, '\t', n);
        if (line_no == 1 && tab && tab - line == 2 && !memcmp(line, "id", 2)) continue; /* header */
        if (!tab || tab == line || tab + 1 == line + n) {
            cli_error("eval clusters: %s:%zu: expected ID<TAB>CLUSTER", path, line_no);
            t->bad_lines++;
            continue;
        }
        const char *cluster = tab + 1;
        const char *end = memchr(cluster, '\t', (size_t)(line + n - cluster));
        size_t cluster_len = end ? (size_t)(end - cluster) : (size_t)(line + n - cluster);
        if (tsv_push(t, line, (size_t)(tab - line), cluster, cluster_len)) {
            cli_error("eval clusters: out of memory");
            return -1;
        }
    }
    return 0;
}

static chorus_labelled labelled_of(const tsv *t)
{
    chorus_labelled l = {t->ids, t->labels, t->id_lens, t->label_lens, t->n};
    return l;
}

static void tsv_free(tsv *t)
{
    free(t->data);
    free(t->ids), free(t->labels), free(t->id_lens), free(t->label_lens);
}

int eval_clusters(int argc, char **argv)
{
    const char *gold_path = NULL, *pred_path = NULL, *format = "table";
    cli_args args = cli_args_of("eval clusters", usage, argc, argv);
    while (cli_next(&args))
        if (!(cli_opt_string(&args, "--gold", &gold_path) || cli_opt_string(&args, "--pred", &pred_path) ||
              cli_opt_string(&args, "--format", &format)))
            cli_reject(&args, "unexpected argument");
    if (args.exit_code >= 0) return args.exit_code;
    if (!gold_path || !pred_path || (strcmp(format, "table") && strcmp(format, "tsv")))
        return cli_usage_error(&args);
    tsv gold = {0}, pred = {0};
    int status = EXIT_OK;
    chorus_cluster_scores s;
    chorus_error err = {0};
    if (read_tsv(gold_path, &gold) || read_tsv(pred_path, &pred)) {
        status = EXIT_FAILURE_;
        goto done;
    }
    if (gold.n == 0) {
        cli_error("eval clusters: %s: no item to score", gold_path);
        status = EXIT_NOINPUT;
        goto done;
    }
    chorus_labelled g = labelled_of(&gold), p = labelled_of(&pred);
    if (chorus_score_clusters(&g, &p, &s, &err)) {
        cli_error("eval clusters: %s", err.message);
        status = EXIT_FAILURE_;
        goto done;
    }
    size_t missing = s.missing, extra = s.ignored;
    if (s.gold_repeats)
        cli_error("eval clusters: %s: %zu repeated ids (the first line of each counts)", gold_path, s.gold_repeats);
    if (s.pred_repeats)
        cli_error("eval clusters: %s: %zu repeated ids (the first line of each counts)", pred_path, s.pred_repeats);
    if (missing) cli_error("eval clusters: %zu gold items missing from %s (scored as singletons)", missing, pred_path);
    if (extra) cli_error("eval clusters: %zu items of %s not in %s (ignored)", extra, pred_path, gold_path);
    if (!strcmp(format, "tsv")) {
        printf("items\tgold_clusters\tpred_clusters\tmissing\tignored\tbcubed_p\tbcubed_r\tbcubed_f1\tpair_p\tpair_r\tpair_f1\n");
        printf("%zu\t%zu\t%zu\t%zu\t%zu\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\n", s.items, s.gold_clusters,
               s.pred_clusters, missing, extra, s.bcubed_p, s.bcubed_r, s.bcubed_f, s.pair_p, s.pair_r, s.pair_f);
    } else {
        printf("articles                %zu\n", s.items);
        printf("gold clusters           %zu\n", s.gold_clusters);
        printf("predicted clusters      %zu\n", s.pred_clusters);
        printf("missing from pred       %zu (counted as singletons)\n", missing);
        printf("pred items not in gold  %zu (ignored)\n", extra);
        printf("\n            precision  recall      F1\n");
        printf("B-cubed        %.4f  %.4f  %.4f\n", s.bcubed_p, s.bcubed_r, s.bcubed_f);
        printf("pairwise       %.4f  %.4f  %.4f\n", s.pair_p, s.pair_r, s.pair_f);
    }
    if (fflush(stdout)) status = EXIT_FAILURE_;
    else if (missing || gold.bad_lines || pred.bad_lines || s.gold_repeats || s.pred_repeats) status = EXIT_PARTIAL;
done:
    tsv_free(&gold);
    tsv_free(&pred);
    return status;
}
