/* chorus sentences FILE|-: one sentence a line, to check the splitter. */
#include <errno.h>
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
            cli_error("%s: cannot open: %s", argv[i], strerror(errno));
            status = EXIT_PARTIAL;
            continue;
        }
        /* Read through a memory stream to keep the library free of paths. */
        size_t cap = 0;
        char chunk[65536];
        size_t n;
        size_t limit = chorus_get_limits()->input_bytes;
        int too_big = 0;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
            if (len + n > limit) { /* /dev/zero, a pipe that never ends */
                too_big = 1;
                break;
            }
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
        int read_failed = ferror(f);
        if (f != stdin) fclose(f);
        if (too_big || read_failed) {
            if (too_big) cli_error("%s: skipped: larger than %zu bytes (limit input-bytes)", argv[i], limit);
            else cli_error("%s: skipped: read error", argv[i]);
            free(data);
            status = EXIT_PARTIAL;
            continue;
        }
        int rc = chorus_sentences(data ? data : "", len, print_sentence, stdout, &err);
        free(data);
        if (rc < 0) {
            cli_error("%s: %s", argv[i], err.message);
            status = EXIT_PARTIAL;
        }
    }
    if (cli_close_output(stdout)) return EXIT_FAILURE_; /* says why */
    return status;
}
