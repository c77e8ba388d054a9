/* chorus quotes INPUT...: the quotations of one story with their speakers,
 * one JSON object a line, merged across outlets. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: chorus quotes [-o FILE] [--format jsonl|json] [--outlet NAME] [--outlets FILE] INPUT...\n"
               "Print every quotation of the story (files, directories or - as for\n"
               "'chorus digest') as JSON lines: quote, speaker, role, outlets, and per\n"
               "outlet the article id, the sentence index of the quote's first and last\n"
               "sentence and the quote's byte offset in its first sentence. A quote with\n"
               "no speaker found with confidence has \"speaker\": null (unattributed).\n"
               "--format json prints one document instead: {\"quotes\": [...],\n"
               "\"skipped_quotes\": [...]}, the second listing every quoted span not taken\n"
               "for a quote (a scare quote, a title, a mark never closed) with its reason.\n"
               "--outlet and --outlets name outlets as for 'chorus digest'.\n");
}

int cmd_quotes(int argc, char **argv)
{
    const char *output = NULL, *format = "jsonl";
    char **inputs = argv;
    int n_inputs = 0;
    cli_args args = cli_args_of("quotes", usage, argc, argv);
    while (cli_next(&args))
        if (!(cli_opt_string(&args, "-o", &output) || cli_opt_string(&args, "--format", &format) ||
              cli_opt_outlets(&args)))
            cli_take_input(&args, inputs, &n_inputs);
    if (args.exit_code >= 0) return args.exit_code;
    int as_json = !strcmp(format, "json");
    if (!as_json && strcmp(format, "jsonl")) {
        cli_error("quotes: --format takes jsonl or json, not '%s'", format);
        return cli_usage_error(&args);
    }
    if (!n_inputs) return cli_usage_error(&args);
    chorus_corpus corpus;
    chorus_corpus_init(&corpus);
    corpus.max_articles = chorus_get_limits()->story_articles; /* one story, held whole */
    int loaded = cli_load_articles("quotes", &corpus, inputs, n_inputs);
    if (loaded != EXIT_OK && loaded != EXIT_PARTIAL) return loaded;
    chorus_digest_options opt;
    chorus_digest_options_init(&opt);
    opt.with_quotes = 1;
    chorus_error err = {0};
    chorus_digest *d;
    if (chorus_digest_build(&corpus, &opt, &d, &err)) {
        cli_error("quotes: %s", err.message);
        chorus_corpus_free(&corpus);
        return EXIT_FAILURE_;
    }
    FILE *out = cli_open_output(output);
    int rc = out ? 0 : -1;
    if (!rc && (as_json ? chorus_digest_render_quotes_json(d, out, &err) : chorus_digest_render_quotes(d, out, &err))) {
        cli_error("quotes: %s", err.message);
        rc = -1;
    }
    if (out && cli_close_output(out)) rc = -1; /* says why */
    chorus_digest_free(d);
    chorus_corpus_free(&corpus);
    if (rc) return EXIT_FAILURE_;
    return loaded;
}
