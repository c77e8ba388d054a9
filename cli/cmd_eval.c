/* chorus eval KIND ...: scorers for each capability against gold data. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "eval_cmds.h"

typedef struct {
    const char *name;
    cli_command_fn fn;
    const char *summary;
} eval_kind;

static const eval_kind kinds[] = {
    EVAL_COMMANDS
};

static void usage(FILE *f)
{
    fprintf(f, "usage: chorus eval KIND [OPTIONS]\n\nkinds:\n");
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (kinds[i].name) fprintf(f, "  %-9s %s\n", kinds[i].name, kinds[i].summary);
}

int cmd_eval(int argc, char **argv)
{
    if (argc < 2 || cli_is_help(argv[1])) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (kinds[i].name && !strcmp(argv[1], kinds[i].name)) return kinds[i].fn(argc - 1, argv + 1);
    cli_error("eval: unknown kind '%s' (try 'chorus eval --help')", argv[1]);
    return EXIT_USAGE;
}
