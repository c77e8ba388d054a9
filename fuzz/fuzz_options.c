/* The command-line option parser and the --max limit assignments: the input
 * is split at newlines into arguments and parsed the way a command does
 * (strings, sizes, numbers, choices, inputs, --max NAME=VALUE). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f) { (void)f; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) return 0;
    char *buf = malloc(size + 1);
    if (!buf) return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    char *argv[64];
    int argc = 0;
    argv[argc++] = "fuzz";
    for (char *p = buf; argc < 63;) {
        argv[argc++] = p;
        char *nl = strchr(p, '\n');
        if (!nl) break;
        *nl = '\0';
        p = nl + 1;
    }
    argv[argc] = NULL;
    chorus_limits defaults;
    chorus_limits_default(&defaults);
    chorus_set_limits(&defaults);
    /* a bare assignment, as a user would type after --max */
    chorus_limits l = defaults;
    chorus_error err;
    chorus_limits_parse(&l, argv[1], &err);

    static const cli_choice formats[] = {{"md", 0}, {"markdown", 0}, {"json", 1}, {NULL, 0}};
    const char *s = NULL;
    size_t n = 0, w = 0;
    double r = 0;
    int fmt = 0, n_inputs = 0;
    char *inputs[64];
    FILE *devnull = fopen("/dev/null", "w");
    FILE *saved = stderr;
    if (devnull) stderr = devnull; /* keep the messages out of the fuzzer's log */
    cli_args a = cli_args_of("fuzz", usage, argc, argv);
    while (cli_next(&a))
        if (!(cli_opt_string(&a, "-o", &s) || cli_opt_size(&a, "--words", 1, &n) ||
              cli_opt_real(&a, "--threshold", 0, 1, NULL, &r) ||
              cli_opt_whole(&a, "--limit", 1, 1e6, "a whole number", &w) ||
              cli_opt_choice(&a, "--format", "format", formats, &fmt)))
            cli_take_input(&a, inputs, &n_inputs);
    stderr = saved;
    if (devnull) fclose(devnull);
    chorus_set_limits(&defaults);
    free(buf);
    return 0;
}
