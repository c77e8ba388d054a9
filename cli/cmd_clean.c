/* chorus clean INPUT...: the text cleaning keeps, or with --explain every
 * paragraph with its verdict and reason, so a user can see what the digest
 * reads. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: chorus clean [--explain] [--pages [--features]] [-o FILE] INPUT...\n"
               "Clean the articles of one story (files, directories or - as for 'chorus digest':\n"
               "the other articles are evidence) and print each article's kept text: its\n"
               "headline, then its kept paragraphs, one a line. With several articles each\n"
               "starts with '==> ID <==' and a blank line separates them.\n"
               "  --explain   print every paragraph as VERDICT<TAB>REASON<TAB>TEXT, where VERDICT\n"
               "              is keep, title or drop and REASON is '-' or why it was dropped\n"
               "  --pages     the inputs are pages of a crawl, not one story: clean each on its own,\n"
               "              and drop what recurs across them (a site's template, the wording\n"
               "              of menus and notices); copies of one report would go too\n"
               "  --features  with --pages: as --explain, with the line model's evidence for each\n"
               "              paragraph as a comma-separated column before the text (for refitting\n"
               "              its weights: bench/clean_fit.py)\n"
               "  -o FILE     write to FILE instead of standard output\n");
}

typedef struct {
    const chorus_corpus *corpus;
    FILE *out;
    int explain;
    int features;
    size_t current; /* article whose header was printed, or SIZE_MAX */
} clean_ctx;

static void put_line(FILE *out, const char *s, size_t n)
{
    /* one paragraph a line: a stray newline or tab inside would break that */
    for (size_t i = 0; i < n; i++) fputc(s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ? ' ' : s[i], out);
    fputc('\n', out);
}

static int print_para(const chorus_clean_para *p, void *vctx)
{
    clean_ctx *ctx = vctx;
    if (ctx->current != p->article) {
        if (ctx->corpus->n_articles > 1) {
            const chorus_article *a = &ctx->corpus->articles[p->article];
            if (ctx->current != (size_t)-1) fputc('\n', ctx->out);
            fprintf(ctx->out, "==> %s <==\n", a->id ? a->id : a->origin ? a->origin : "?");
        }
        ctx->current = p->article;
    }
    if (ctx->explain) {
        fprintf(ctx->out, "%s\t%s\t", p->is_title ? "title" : p->drop_reason ? "drop" : "keep",
                p->drop_reason && !p->is_title ? p->drop_reason : "-");
        if (ctx->features) {
            for (size_t i = 0; i < p->n_features; i++) fprintf(ctx->out, "%s%.9g", i ? "," : "", p->features[i]);
            fputc('\t', ctx->out);
        }
        put_line(ctx->out, p->text, p->len);
    } else if (!p->drop_reason || p->is_title) {
        put_line(ctx->out, p->text, p->len);
    }
    return ferror(ctx->out) ? 1 : 0;
}

int cmd_clean(int argc, char **argv)
{
    const char *output = NULL;
    int explain = 0, pages = 0, features = 0;
    char **inputs = argv;
    int n_inputs = 0;
    cli_args args = cli_args_of("clean", usage, argc, argv);
    while (cli_next(&args)) {
        if (!strcmp(argv[args.i], "--explain")) {
            explain = 1;
            continue;
        }
        if (!strcmp(argv[args.i], "--features")) {
            features = explain = 1;
            continue;
        }
        if (!strcmp(argv[args.i], "--pages")) {
            pages = 1;
            continue;
        }
        if (!cli_opt_string(&args, "-o", &output)) cli_take_input(&args, inputs, &n_inputs);
    }
    if (args.exit_code >= 0) return args.exit_code;
    if (!n_inputs) return cli_usage_error(&args);
    if (features && !pages) {
        cli_error("clean: --features needs --pages (the line model weighs pages of a crawl)");
        return EXIT_USAGE;
    }
    chorus_corpus corpus;
    chorus_corpus_init(&corpus);
    corpus.max_articles = chorus_get_limits()->story_articles; /* one story, held whole */
    int loaded = cli_load_articles("clean", &corpus, inputs, n_inputs);
    if (loaded != EXIT_OK && loaded != EXIT_PARTIAL) return loaded;
    FILE *out = cli_open_output(output);
    if (!out) {
        chorus_corpus_free(&corpus);
        return EXIT_FAILURE_;
    }
    clean_ctx ctx = {&corpus, out, explain, features, (size_t)-1};
    chorus_error err = {0};
    int rc = (pages ? chorus_clean_pages : chorus_clean)(&corpus, print_para, &ctx, &err);
    int lost = cli_close_output(out);
    chorus_corpus_free(&corpus);
    if (rc < 0) {
        cli_error("clean: %s", err.message);
        return EXIT_FAILURE_;
    }
    if (rc || lost) {
        cli_error("clean: could not write the output");
        return EXIT_FAILURE_;
    }
    return loaded;
}
