/* chorus sentences FILE|-: one sentence a line, to check the splitter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void print_sentence(const char *s, size_t len, void *ctx)
{
    fwrite(s, 1, len, (FILE *)ctx);
    fputc('\n', (FILE *)ctx);
}

int cmd_sentences(int argc, char **argv)
{
    if (argc < 2 || cli_is_help(argv[1])) {
        fprintf(argc < 2 ? stderr : stdout,
                "usage: chorus sentences FILE|-\n"
                "Print the text's sentences, one a line (hard-wrapped lines joined first).\n");
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    int status = EXIT_OK;
    for (int i = 1; i < argc; i++) {
        chorus_error err = {0};
        char *data = NULL;
        size_t len = 0;
        FILE *f = strcmp(argv[i], "-") ? fopen(argv[i], "rb") : stdin;
        if (!f) {
            cli_error("%s: cannot open", argv[i]);
            status = EXIT_PARTIAL;
            continue;
        }
        /* Read through a memory stream to keep the library free of paths. */
        size_t cap = 0;
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
            if (len + n + 1 > cap) {
                cap = (len + n + 1) * 2;
                char *p = realloc(data, cap);
                if (!p) {
                    free(data);
                    cli_error("%s: out of memory", argv[i]);
                    return EXIT_FAILURE_;
                }
                data = p;
            }
            memcpy(data + len, chunk, n);
            len += n;
        }
        if (f != stdin) fclose(f);
        int rc = chorus_sentences(data ? data : "", len, print_sentence, stdout, &err);
        free(data);
        if (rc < 0) {
            cli_error("%s: %s", argv[i], err.message);
            status = EXIT_PARTIAL;
        }
    }
    return status;
}
