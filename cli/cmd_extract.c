/* chorus extract FILE...: the articles found in the inputs (HTML pages,
 * WARC archives, text, JSONL) as article JSONL, one object a line. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: chorus extract [-o FILE] INPUT...\n\n"
               "Extract the article (title, date, outlet, author, body) from each input and\n"
               "print article JSONL: {\"id\",\"source\",\"url\",\"published\",\"title\",\"author\",\"text\"},\n"
               "with \"wire\" (the agency of a dateline such as \"LONDON (Reuters) -\") and\n"
               "\"source_is_file\": true (no outlet named in the input: source is the file name).\n"
               "  -o, --output FILE  write to FILE instead of standard output\n"
               "  --outlet NAME      the outlet of inputs that name none\n"
               "  --outlets FILE     outlet names by host or name, 'HOST<TAB>NAME' lines\n");
}

static int set_str(json_t *o, const char *key, const char *val)
{
    if (!val) return 0;
    return json_object_set_new(o, key, json_string(val));
}

int cmd_extract(int argc, char **argv)
{
    const char *output = NULL;
    char **paths = argv + 1;
    int n_paths = 0;
    cli_args args = cli_args_of("extract", usage, argc, argv);
    while (cli_next(&args))
        if (!(cli_opt_string(&args, "--output", &output) || cli_opt_string(&args, "-o", &output) ||
              cli_opt_outlets(&args)))
            cli_take_input(&args, paths, &n_paths);
    if (args.exit_code >= 0) return args.exit_code;
    if (!n_paths) return cli_usage_error(&args);
    chorus_corpus c;
    chorus_corpus_init(&c);
    long skipped = cli_read_inputs(&c, paths, n_paths);
    if (skipped < 0) {
        chorus_corpus_free(&c);
        return EXIT_FAILURE_;
    }
    FILE *out = cli_open_output(output);
    if (!out) {
        chorus_corpus_free(&c);
        return EXIT_FAILURE_;
    }
    int failed = 0;
    for (size_t i = 0; i < c.n_articles && !failed; i++) {
        const chorus_article *a = &c.articles[i];
        json_t *o = json_object();
        if (!o) failed = 1;
        else {
            set_str(o, "id", a->id);
            set_str(o, "source", a->source);
            set_str(o, "wire", a->wire);
            if (a->source_is_file) json_object_set_new(o, "source_is_file", json_true());
            set_str(o, "url", a->url);
            set_str(o, "published", a->published);
            set_str(o, "title", a->title);
            set_str(o, "author", a->author);
            set_str(o, "text", a->text);
            if (json_dumpf(o, out, JSON_COMPACT) || fputc('\n', out) == EOF) failed = 1;
            json_decref(o);
        }
    }
    if (cli_close_output(out)) failed = 1;
    if (failed) cli_error("extract: cannot write the output");
    int rc = failed ? EXIT_FAILURE_ : c.n_articles == 0 ? EXIT_NOINPUT : skipped ? EXIT_PARTIAL : EXIT_OK;
    chorus_corpus_free(&c);
    return rc;
}
