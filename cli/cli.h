/* The command-line tool: one cmd_*.c file per subcommand, shared helpers here. */
#ifndef CHORUS_CLI_H
#define CHORUS_CLI_H

#include "chorus.h"

/* Exit codes (documented in `chorus --help` and docs/chorus.1). */
enum {
    EXIT_OK = 0,        /* everything read and processed */
    EXIT_PARTIAL = 1,   /* output written, but some inputs were skipped (see stderr) */
    EXIT_USAGE = 2,     /* bad command line */
    EXIT_NOINPUT = 3,   /* no usable input article */
    EXIT_FAILURE_ = 4,  /* internal, output or store failure */
};

typedef int (*cli_command_fn)(int argc, char **argv);

int cmd_digest(int argc, char **argv);
int cmd_sentences(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_stories(int argc, char **argv);
int cmd_cluster(int argc, char **argv);

/* Read every path into the corpus, printing one line per skipped input to
 * stderr. Returns the number of skipped inputs (notes on records that are
 * not articles, such as an archive's images, do not count), or -1 on a
 * fatal error. */
long cli_read_inputs(chorus_corpus *c, char **paths, int n_paths);
/* Read the inputs of command `cmd` and require at least one article. Returns
 * EXIT_OK or EXIT_PARTIAL (some inputs skipped) with articles in c, or the
 * exit code to stop with (c is then freed). */
int cli_load_articles(const char *cmd, chorus_corpus *c, char **paths, int n_paths);
/* Print every skipped input from index `from` on to stderr. */
void cli_report_skips(const chorus_corpus *c, size_t from);

/* Option parsing helpers: match "--name VALUE" or "--name=VALUE". On a match
 * *value is set and *i advanced past consumed arguments. */
int cli_opt_value(int argc, char **argv, int *i, const char *name, const char **value);
int cli_parse_size(const char *s, size_t *out);

/* Open the output stream named by -o (NULL or "-" for stdout). */
FILE *cli_open_output(const char *path);

void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif
