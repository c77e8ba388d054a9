/* chorus: entry point and subcommand dispatch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct {
    const char *name;
    cli_command_fn fn;
    const char *summary;
} command;

static const command commands[] = {
    {"digest", cmd_digest, "digest one story from several reports (text, JSONL, HTML, WARC)"},
    {"clean", cmd_clean, "print the text cleaning keeps (--explain: every paragraph's verdict)"},
    {"sentences", cmd_sentences, "print the sentences of a text, one a line"},
    {"extract", cmd_extract, "article JSONL (title, date, outlet, author, body) from HTML pages"},
    {"quotes", cmd_quotes, "the quotations of one story with their speakers, as JSON lines"},
    {"cluster", cmd_cluster, "group articles into stories; near-duplicates join their original's"},
    {"ingest", cmd_ingest, "add articles to a store: deduplicate, cluster into stories (SQLite)"},
    {"stories", cmd_stories, "list the stories of a store, largest or latest first"},
    {"serve", cmd_serve, "a local web reader over a store: stories, search, digests, JSON API"},
    {"eval", cmd_eval, "score outputs against gold data (rouge, clusters, extract, quotes)"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: chorus COMMAND [OPTIONS] [INPUT...]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f,
            "\n'chorus COMMAND --help' (or 'chorus help COMMAND') describes one command.\n\n"
            "exit codes:\n"
            "  0  success: every input was read and processed (warnings allowed)\n"
            "  1  output written, but some input text is not in it: skipped, or cut at a\n"
            "     limit (one line each on stderr)\n"
            "  2  bad command line\n"
            "  3  no usable input\n"
            "  4  internal, output or store failure\n"
            "\nenvironment:\n"
            "  CHORUS_CACHE_DIR  where answers from the locale data and the sentences of\n"
            "                    seen reports (digest --seen) are kept between runs\n"
            "                    (default ~/.cache/chorus; empty: nowhere)\n"
            "\nlimits (every command; --max NAME=VALUE, before or after the command, K/M/G suffixes):\n"
            "%s",
            chorus_limits_help());
}

/* Where the library keeps answers from the locale data and seen reports'
 * sentences between runs:
 * $CHORUS_CACHE_DIR (empty: nowhere), else $XDG_CACHE_HOME/chorus, else
 * ~/.cache/chorus. */
static void set_cache_dir(void)
{
    const char *env = getenv("CHORUS_CACHE_DIR");
    if (env) {
        chorus_set_cache_dir(env);
        return;
    }
    const char *base = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    char path[4096];
    if (base && base[0] == '/') snprintf(path, sizeof path, "%s/chorus", base);
    else if (home && home[0] == '/') snprintf(path, sizeof path, "%s/.cache/chorus", home);
    else return;
    chorus_set_cache_dir(path);
}

int main(int argc, char **argv)
{
    set_cache_dir();
    /* Limits given before the command apply to it as well. */
    while (argc >= 2 && !strncmp(argv[1], "--max", 5) && (argv[1][5] == '=' || argv[1][5] == '\0')) {
        const char *v = argv[1][5] == '=' ? argv[1] + 6 : argc >= 3 ? argv[2] : NULL;
        if (cli_apply_limit("chorus", v)) return EXIT_USAGE;
        int used = argv[1][5] == '=' ? 1 : 2;
        argv[used] = argv[0];
        argv += used;
        argc -= used;
    }
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    /* 'chorus help COMMAND' is 'chorus COMMAND --help'. */
    if (!strcmp(argv[1], "help") && argc >= 3) {
        for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
            if (!strcmp(argv[2], commands[i].name)) {
                char *help_argv[] = {argv[2], "--help", NULL};
                return commands[i].fn(2, help_argv);
            }
        cli_error("help: unknown command '%s' (try 'chorus --help')", argv[2]);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("chorus %s\n", CHORUS_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].fn(argc - 1, argv + 1);
    cli_error("unknown command '%s' (try 'chorus --help')", argv[1]);
    return EXIT_USAGE;
}
