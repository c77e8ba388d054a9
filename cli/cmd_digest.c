/* chorus digest INPUT...: one digest of one story. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: chorus digest [OPTIONS] INPUT...\n"
            "Digest one story from several reports: files (text, JSONL, HTML, WARC),\n"
            "directories (read recursively in name order), or - for standard input.\n\n"
            "options:\n"
            "  --words N       summary budget in words (default %d)\n"
            "  --bytes N       summary budget in bytes\n"
            "  --fill          let one last sentence run past --words (for scorers that cut\n"
            "                  summaries at the budget, as ROUGE -l does); the summary is\n"
            "                  then longer than N words\n"
            "  --format F      md (default), json, text (summary sentences, one a line)\n"
            "  --no-quotes     leave out quotes, names and figures (faster)\n"
            "  -o FILE         write to FILE instead of standard output\n",
            CHORUS_DEFAULT_SUMMARY_WORDS);
}

int cmd_digest(int argc, char **argv)
{
    chorus_digest_options opt;
    chorus_digest_options_init(&opt);
    chorus_format fmt = CHORUS_FORMAT_MD;
    const char *output = NULL;
    char **inputs = argv; /* reuse argv storage for the positional arguments */
    int n_inputs = 0;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        int m;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return EXIT_OK;
        } else if (!strcmp(argv[i], "--no-quotes")) {
            opt.with_quotes = 0;
        } else if ((m = cli_opt_value(argc, argv, &i, "--words", &v))) {
            if (m < 0 || cli_parse_size(v, &opt.max_words) || !opt.max_words) {
                cli_error("digest: --words needs a positive number");
                return EXIT_USAGE;
            }
        } else if ((m = cli_opt_value(argc, argv, &i, "--bytes", &v))) {
            if (m < 0 || cli_parse_size(v, &opt.max_bytes) || !opt.max_bytes) {
                cli_error("digest: --bytes needs a positive number");
                return EXIT_USAGE;
            }
        } else if (!strcmp(argv[i], "--fill")) {
            opt.fill = 1;
        } else if ((m = cli_opt_value(argc, argv, &i, "--format", &v))) {
            if (m < 0) return EXIT_USAGE;
            if (!strcmp(v, "md") || !strcmp(v, "markdown")) fmt = CHORUS_FORMAT_MD;
            else if (!strcmp(v, "json")) fmt = CHORUS_FORMAT_JSON;
            else if (!strcmp(v, "text")) fmt = CHORUS_FORMAT_TEXT;
            else {
                cli_error("digest: unknown format '%s' (md, json, text)", v);
                return EXIT_USAGE;
            }
        } else if ((m = cli_opt_value(argc, argv, &i, "-o", &v))) {
            if (m < 0) return EXIT_USAGE;
            output = v;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            cli_error("digest: unknown option '%s'", argv[i]);
            return EXIT_USAGE;
        } else
            inputs[n_inputs++] = argv[i];
    }
    if (!n_inputs) {
        usage(stderr);
        return EXIT_USAGE;
    }
    chorus_corpus corpus;
    chorus_corpus_init(&corpus);
    long skipped = cli_read_inputs(&corpus, inputs, n_inputs);
    if (skipped < 0) {
        chorus_corpus_free(&corpus);
        return EXIT_FAILURE_;
    }
    if (!corpus.n_articles) {
        cli_error("digest: no usable article in the input");
        chorus_corpus_free(&corpus);
        return EXIT_NOINPUT;
    }
    chorus_error err = {0};
    chorus_digest *d;
    int rc = chorus_digest_build(&corpus, &opt, &d, &err);
    if (rc) {
        cli_error("digest: %s", err.message);
        chorus_corpus_free(&corpus);
        return EXIT_FAILURE_;
    }
    FILE *out = cli_open_output(output);
    int status = skipped ? EXIT_PARTIAL : EXIT_OK;
    if (!out) status = EXIT_FAILURE_;
    else {
        if (chorus_digest_render(d, fmt, out, &err)) {
            cli_error("digest: %s", err.message);
            status = EXIT_FAILURE_;
        }
        if (out != stdout && fclose(out)) status = EXIT_FAILURE_;
    }
    chorus_digest_free(d);
    chorus_corpus_free(&corpus);
    return status;
}
