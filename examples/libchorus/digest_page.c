/* A program using libchorus: digest the reports given on the command line
 * and write the digest as one HTML page (or Markdown with --md).
 *
 * Build against an installed chorus (make install) with pkg-config:
 *     cc -std=c17 digest_page.c $(pkg-config --static --cflags --libs chorus) -o digest_page
 *     ./digest_page ../story/a.txt ../story/b.html > story.html
 */
#include <chorus.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    chorus_format format = CHORUS_FORMAT_HTML;
    int first = 1;
    if (argc > 1 && !strcmp(argv[1], "--md")) format = CHORUS_FORMAT_MD, first = 2;
    if (first >= argc) {
        fprintf(stderr, "usage: %s [--md] FILE...\n", argv[0]);
        return 2;
    }
    chorus_corpus corpus;
    chorus_corpus_init(&corpus);
    chorus_error err = {0};
    for (int i = first; i < argc; i++)
        if (chorus_read_path(&corpus, argv[i], &err) < 0) fprintf(stderr, "%s\n", err.message);
    for (size_t k = 0; k < corpus.n_skipped; k++)
        fprintf(stderr, "skipped %s: %s\n", corpus.skipped[k].origin, corpus.skipped[k].reason);
    if (!corpus.n_articles) {
        fprintf(stderr, "no article read\n");
        chorus_corpus_free(&corpus);
        return 3;
    }
    chorus_digest_options options;
    chorus_digest_options_init(&options);
    chorus_digest *digest = NULL;
    int rc = chorus_digest_build(&corpus, &options, &digest, &err);
    if (!rc) rc = chorus_digest_render(digest, format, stdout, &err);
    if (rc) fprintf(stderr, "%s: %s\n", chorus_strerror(rc), err.message);
    chorus_digest_free(digest);
    chorus_corpus_free(&corpus);
    return rc ? 4 : 0;
}
