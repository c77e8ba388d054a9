/* chorus eval quotes: direct quotations and their speakers against PolNeAR
 * (the matching rules are the library's: src/eval/quote_eval.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: chorus eval quotes [--data DIR] [--split dev|train] [--min-words N] [--errors]\n\n"
               "Score quotation and speaker detection on DIR/SPLIT (default\n"
               "../shared/data/polnear-dev, split dev).\n"
               "  --min-words N  keep our quotes of N words or more (default: the digest's rule,\n"
               "                 %d words or a whole attributed utterance such as \"Quiet,\" he said)\n"
               "  --errors       print missed quotes and wrong speakers\n",
               CHORUS_QUOTE_MIN_WORDS);
}

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 0; }
static double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

int eval_quotes(int argc, char **argv)
{
    const char *dir = "../shared/data/polnear-dev", *split = "dev";
    size_t min_words = 0;
    int min_given = 0;
    int errors = 0;
    cli_args args = cli_args_of("eval quotes", usage, argc, argv);
    while (cli_next(&args)) {
        if (!strcmp(argv[args.i], "--errors")) errors = 1;
        else if (cli_opt_size(&args, "--min-words", 0, &min_words)) min_given = 1;
        else if (!(cli_opt_string(&args, "--data", &dir) || cli_opt_string(&args, "--split", &split)))
            cli_reject(&args, "unknown argument");
    }
    if (args.exit_code >= 0) return args.exit_code;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/text", dir, split);
    char **names = NULL, **anns = NULL;
    size_t nn = 0, na = 0;
    int listed = cli_list_dir(path, ".txt", &names, &nn);
    if (listed == CHORUS_EIO) {
        cli_error("%s: cannot open the PolNeAR texts (is ../shared/data present?)", path);
        return EXIT_NOINPUT;
    }
    snprintf(path, sizeof path, "%s/%s/attributions", dir, split);
    if (!listed && cli_list_dir(path, "", &anns, &na) == CHORUS_ENOMEM) listed = CHORUS_ENOMEM;
    if (listed) {
        cli_error("eval quotes: out of memory");
        return EXIT_FAILURE_;
    }
    for (size_t i = 0; i < nn; i++) names[i][strlen(names[i]) - 4] = '\0'; /* NAME.txt -> NAME */
    chorus_quote_tally t = {0};
    size_t articles = 0;
    int rc = EXIT_OK;
    for (size_t i = 0; i < nn; i++) {
        /* the first annotator's file: NAME_XXXX.ann, first in byte order */
        const char *ann = NULL;
        size_t ln = strlen(names[i]);
        for (size_t k = 0; k < na && !ann; k++)
            if (!strncmp(anns[k], names[i], ln) && anns[k][ln] == '_' && !strchr(anns[k] + ln + 1, '_') &&
                strstr(anns[k] + ln, ".ann"))
                ann = anns[k];
        if (!ann) {
            cli_error("eval quotes: %s: no annotation file", names[i]);
            rc = EXIT_PARTIAL;
            continue;
        }
        char *text = NULL, *adata = NULL;
        size_t tl = 0, al = 0;
        chorus_error err = {0};
        snprintf(path, sizeof path, "%s/%s/text/%s.txt", dir, split, names[i]);
        int r1 = chorus_read_file(path, CHORUS_MAX_INPUT_BYTES, &text, &tl, &err);
        snprintf(path, sizeof path, "%s/%s/attributions/%s", dir, split, ann);
        int r2 = r1 ? 0 : chorus_read_file(path, CHORUS_MAX_INPUT_BYTES, &adata, &al, &err);
        if (!r1 && !r2)
            r1 = chorus_eval_quotes_article(names[i], text, tl, adata, min_given ? (int)min_words : -1,
                                            errors ? stdout : NULL, &t, &err);
        if (r1 || r2) {
            cli_error("eval quotes: %s: %s", names[i], err.message[0] ? err.message : "unreadable");
            free(text), free(adata);
            rc = EXIT_PARTIAL;
            continue;
        }
        articles++;
        free(text), free(adata);
    }
    cli_free_names(names, nn);
    cli_free_names(anns, na);
    if (!articles) {
        cli_error("eval quotes: no article scored");
        return EXIT_NOINPUT;
    }
    double qp = ratio(t.ours_right, t.ours), qr = ratio(t.gold_found, t.gold);
    double sp = ratio(t.spk_right, t.spk_given), sr = ratio(t.spk_right, t.gold_src);
    printf("PolNeAR %s: %zu articles, %zu gold direct quotations (%zu with a source), %zu quotes found by chorus\n\n",
           split, articles, t.gold, t.gold_src, t.ours);
    printf("| task | precision | recall | F1 |\n|---|---|---|---|\n");
    printf("| quotation detection | %.3f | %.3f | %.3f |\n", qp, qr, f1(qp, qr));
    printf("| speaker attribution | %.3f | %.3f | %.3f |\n", sp, sr, f1(sp, sr));
    printf("\nspeaker accuracy on found quotations: %.3f (%zu of %zu)\n", ratio(t.spk_right, t.src_found),
           t.spk_right, t.src_found);
    printf("reference: BBC Citron on PARC 3.0, source F1 0.82\n");
    return rc;
}
