/* chorus eval rouge: ROUGE-1/2/SU4/L of system summaries against reference
 * summaries, as ROUGE-1.5.5 scores them. This file reads the options; the
 * library (src/eval/rouge_eval.c) reads, scores and prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "eval_cmds.h"

#define DEFAULT_WORDNET "/usr/share/wordnet"

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

static void on_note(const char *message, void *ctx)
{
    (void)ctx;
    cli_error("%s", message);
}

int eval_rouge(int argc, char **argv)
{
    chorus_rouge_eval_options opts;
    chorus_rouge_eval_options_init(&opts);
    opts.note = on_note;
    const char *format = "table", *wordnet = DEFAULT_WORDNET, *output = NULL, *v = NULL;
    int per_cluster = 0, n_pos = 0;
    char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos) {
        cli_error("eval rouge: out of memory");
        return EXIT_FAILURE_;
    }
    cli_args args = cli_args_of("eval rouge", usage, argc, argv);
    while (cli_next(&args)) {
        const char *arg = argv[args.i];
        int r;
        size_t num = 0;
        if (!strcmp(arg, "--per-cluster")) {
            per_cluster = 1;
        } else if (!strcmp(arg, "--jackknife")) {
            opts.jackknife = 1;
        } else if ((r = cli_opt_value(argc, argv, &args.i, "--words", &v)) != 0) {
            if (r < 0 || cli_parse_size(v, &num) != 0 || num > 1000000) {
                cli_error("eval rouge: --words needs a number of words (0 = all)");
                goto bad_usage;
            }
            opts.words = (int)num;
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
    opts.wordnet = strcmp(wordnet, "none") ? wordnet : NULL;
    chorus_error err = {0};
    chorus_rouge_eval *set = NULL;
    int status = EXIT_FAILURE_;
    int rc = chorus_rouge_eval_new(&opts, &set, &err);
    for (int i = 0; i < n_pos && rc == 0; i++) rc = chorus_rouge_eval_add(set, pos[i], i == 0, &err);
    if (rc == 0) rc = chorus_rouge_eval_score(set, &err);
    if (rc) {
        cli_error("eval rouge: %s", err.message);
        if (rc == CHORUS_EEMPTY) status = EXIT_NOINPUT;
        if (rc == CHORUS_EINVAL) status = EXIT_USAGE; /* references neither a folder nor JSONL */
        goto done;
    }
    FILE *out = cli_open_output(output);
    if (!out) goto done;
    chorus_rouge_eval_print(set, out, !strcmp(format, "tsv"), per_cluster);
    if (cli_close_output(out)) goto done;
    status = chorus_rouge_eval_skipped(set) ? EXIT_PARTIAL : EXIT_OK;
done:
    chorus_rouge_eval_free(set);
    free(pos);
    return status;
bad_usage:
    free(pos);
    return EXIT_USAGE;
}
