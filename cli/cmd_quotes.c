/* chorus quotes INPUT...: the quotations of one story with their speakers,
 * one JSON object a line, merged across outlets. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "digest.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: chorus quotes [-o FILE] [--outlet NAME] [--outlets FILE] INPUT...\n"
               "Print every quotation of the story (files, directories or - as for\n"
               "'chorus digest') as JSON lines: quote, speaker, role, outlets, and per\n"
               "outlet the article id, the sentence index of the quote's first and last\n"
               "sentence and the quote's byte offset in its first sentence. A quote with\n"
               "no speaker found with confidence has \"speaker\": null (unattributed).\n"
               "--outlet and --outlets name outlets as for 'chorus digest'.\n");
}

static int print_quote(const chorus_digest *d, const cx_quote *q, FILE *out)
{
    const cx_story *s = &d->story;
    json_t *o = json_object();
    json_object_set_new(o, "quote", json_string(q->text));
    json_object_set_new(o, "speaker", q->speaker ? json_string(q->speaker) : json_null());
    json_object_set_new(o, "role", q->role ? json_string(q->role) : json_null());
    json_t *ol = json_array();
    for (size_t k = 0; k < q->n_outlets; k++) json_array_append_new(ol, json_string(s->outlets[q->outlets[k]]));
    json_object_set_new(o, "outlets", ol);
    json_t *src = json_array();
    for (size_t k = 0; k < q->n_src; k++) {
        const cx_quote_src *r = &q->src[k];
        const cx_doc *doc = &s->docs[r->doc];
        json_t *x = json_object();
        json_object_set_new(x, "outlet", doc->outlet ? json_string(doc->outlet) : json_null());
        json_object_set_new(x, "article", doc->art->id ? json_string(doc->art->id) : json_null());
        json_object_set_new(x, "sentence", json_integer(doc->n_sents ? doc->sents[r->sent].pos : 0));
        json_object_set_new(x, "sentence_last", json_integer(doc->n_sents ? doc->sents[r->sent_last].pos : 0));
        json_object_set_new(x, "offset", json_integer((json_int_t)r->in_sent));
        json_array_append_new(src, x);
    }
    json_object_set_new(o, "sources", src);
    int rc = json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(o);
    return rc;
}

int cmd_quotes(int argc, char **argv)
{
    const char *output = NULL;
    char **inputs = argv;
    int n_inputs = 0;
    cli_args args = cli_args_of("quotes", usage, argc, argv);
    while (cli_next(&args))
        if (!(cli_opt_string(&args, "-o", &output) || cli_opt_outlets(&args))) cli_take_input(&args, inputs, &n_inputs);
    if (args.exit_code >= 0) return args.exit_code;
    if (!n_inputs) return cli_usage_error(&args);
    chorus_corpus corpus;
    chorus_corpus_init(&corpus);
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
    for (size_t i = 0; i < d->n_quotes && !rc; i++) rc = print_quote(d, &d->quotes[i], out);
    if (out && cli_close_output(out)) rc = -1; /* says why */
    chorus_digest_free(d);
    chorus_corpus_free(&corpus);
    if (rc) return EXIT_FAILURE_;
    return loaded;
}
