/* chorus eval clusters --gold GOLD.tsv --pred PRED.tsv: B-cubed and pairwise
 * scores of a clustering (src/clustereval.h). This file reads the two
 * `id<TAB>cluster` files and prints the table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clustereval.h"
#include "eval_cmds.h"
#include "text.h"
#include "util.h"

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

typedef struct labels {
    cx_vocab *ids;    /* item ids, dense */
    int64_t *label;   /* per item id: cluster label id */
    size_t cap;
    cx_vocab *names;  /* cluster names */
    long bad_lines, repeats;
} labels;

static int set_label(labels *l, int32_t item, int64_t label)
{
    if ((size_t)item >= l->cap) {
        size_t old = l->cap;
        if (cx_grow((void **)&l->label, &l->cap, (size_t)item + 1, sizeof *l->label)) return -1;
        for (size_t i = old; i < l->cap; i++) l->label[i] = -1;
    }
    if (l->label[item] >= 0) {
        l->repeats++;
        return 0;
    }
    l->label[item] = label;
    return 0;
}

/* Read one TSV. Returns 0, or -1 (message printed) when the file cannot be used. */
static int read_tsv(const char *path, labels *l)
{
    chorus_error err = {0};
    char *data = NULL;
    size_t len = 0;
    if (cx_read_file(path, MAX_TSV_BYTES, &data, &len, &err) < 0) {
        cli_error("eval clusters: %s", err.message);
        return -1;
    }
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
            l->bad_lines++;
            continue;
        }
        const char *cluster = tab + 1;
        const char *end = memchr(cluster, '\t', (size_t)(line + n - cluster));
        size_t cluster_len = end ? (size_t)(end - cluster) : (size_t)(line + n - cluster);
        int32_t item = cx_vocab_id(l->ids, line, (size_t)(tab - line));
        int32_t label = cx_vocab_id(l->names, cluster, cluster_len);
        if (item < 0 || label < 0 || set_label(l, item, label)) {
            free(data);
            cli_error("eval clusters: out of memory");
            return -1;
        }
    }
    free(data);
    if (l->repeats) cli_error("eval clusters: %s: %ld repeated ids (the first line of each counts)", path, l->repeats);
    return 0;
}

static int labels_init(labels *l)
{
    memset(l, 0, sizeof *l);
    l->ids = cx_vocab_new();
    l->names = cx_vocab_new();
    return l->ids && l->names ? 0 : -1;
}

static void labels_free(labels *l)
{
    cx_vocab_free(l->ids);
    cx_vocab_free(l->names);
    free(l->label);
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
    labels gold, pred;
    int ok = labels_init(&gold) == 0 && labels_init(&pred) == 0;
    if (!ok) {
        cli_error("eval clusters: out of memory");
        labels_free(&gold);
        labels_free(&pred);
        return EXIT_FAILURE_;
    }
    int status = EXIT_OK;
    int64_t *g = NULL, *p = NULL;
    if (read_tsv(gold_path, &gold) || read_tsv(pred_path, &pred)) {
        status = EXIT_FAILURE_;
        goto done;
    }
    size_t n = cx_vocab_size(gold.ids);
    if (n == 0) {
        cli_error("eval clusters: %s: no item to score", gold_path);
        status = EXIT_NOINPUT;
        goto done;
    }
    g = malloc(n * sizeof *g);
    p = malloc(n * sizeof *p);
    if (!g || !p) {
        cli_error("eval clusters: out of memory");
        status = EXIT_FAILURE_;
        goto done;
    }
    /* Missing items become singletons, labelled past every real cluster. */
    size_t missing = 0, found = 0;
    int64_t next_single = (int64_t)cx_vocab_size(pred.names);
    for (size_t i = 0; i < n; i++) {
        const char *id = cx_vocab_str(gold.ids, (int32_t)i);
        int32_t j = cx_vocab_find(pred.ids, id, strlen(id));
        g[i] = gold.label[i];
        if (j >= 0) {
            p[i] = pred.label[j];
            found++;
        } else {
            p[i] = next_single++;
            missing++;
        }
    }
    size_t extra = cx_vocab_size(pred.ids) - found;
    cx_cluster_scores s;
    if (cx_cluster_scores_compute(g, p, n, &s) < 0) {
        cli_error("eval clusters: out of memory");
        status = EXIT_FAILURE_;
        goto done;
    }
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
    else if (missing || gold.bad_lines || pred.bad_lines || gold.repeats || pred.repeats) status = EXIT_PARTIAL;
done:
    free(g);
    free(p);
    labels_free(&gold);
    labels_free(&pred);
    return status;
}
