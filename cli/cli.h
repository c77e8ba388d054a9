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
int cmd_clean(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_stories(int argc, char **argv);
int cmd_cluster(int argc, char **argv);
int cmd_serve(int argc, char **argv);

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

/* One pass over a command's arguments (cli/options.c):
 *     while (cli_next(&a)) try the options on argv[a.i];
 *     if (a.exit_code >= 0) return a.exit_code;
 * Each cli_opt_* helper returns 1 when argv[i] is its option (value stored,
 * or a message printed and exit_code set to EXIT_USAGE) and 0 when it is
 * not, so a command chains them with ||. Messages start with `cmd`, as in
 * "digest: --words needs a positive number". */
typedef struct {
    int argc;
    char **argv;
    int i;                    /* the argument being looked at */
    const char *cmd;          /* "digest", "eval quotes" */
    void (*usage)(FILE *);    /* the command's help text */
    int exit_code;            /* -1 while parsing goes on, else what to return */
} cli_args;

/* A value of a choice option; names sharing a value are aliases. */
typedef struct {
    const char *name;
    int value;
} cli_choice;

/* Apply one --max NAME=VALUE (message on failure). Returns 0 or -1. */
int cli_apply_limit(const char *cmd, const char *assignment);
cli_args cli_args_of(const char *cmd, void (*usage)(FILE *), int argc, char **argv);
/* Move to the next argument. Returns 0 at the end, after an error, or after
 * --help/-h (usage printed on stdout, exit_code EXIT_OK). */
int cli_next(cli_args *a);
/* Usage on stderr; returns EXIT_USAGE. */
int cli_usage_error(const cli_args *a);
int cli_is_help(const char *arg); /* --help or -h */
/* s is a number in [lo, hi]. Returns 0, or -1 (nothing printed). */
int cli_parse_real(const char *s, double lo, double hi, double *out);
int cli_opt_string(cli_args *a, const char *name, const char **dst);
/* --outlet NAME (the outlet of inputs that name none, such as a folder of
 * text files) and --outlets FILE (HOST<TAB>NAME lines), applied by
 * cli_read_inputs. Returns 1 when argv[a->i] is one of them. */
int cli_opt_outlets(cli_args *a);
/* Apply them (and the run's host/name pairs) to c; -1 after a message. */
int cli_name_outlets(chorus_corpus *c);
/* A whole number >= min ("needs a number", or "a positive number" when min > 0). */
int cli_opt_size(cli_args *a, const char *name, size_t min, size_t *dst);
/* A number in [lo, hi]; whole for cli_opt_whole. The message says
 * "NAME wants WANTS", or "wants a number in [lo, hi]" when wants is NULL. */
int cli_opt_real(cli_args *a, const char *name, double lo, double hi, const char *wants, double *dst);
int cli_opt_whole(cli_args *a, const char *name, double lo, double hi, const char *wants, size_t *dst);
/* One of choices (ended by {NULL, 0}); `what` names it in the message. */
int cli_opt_choice(cli_args *a, const char *name, const char *what, const cli_choice *choices, int *dst);
/* The clustering options (chorus_cluster_option_names: --window-days N,
 * --join X, ..., and --online / --consolidate), collected by name for
 * chorus_cluster_corpus and chorus_store_open_writer. */
enum { CLI_CLUSTER_OPTIONS_MAX = 32 };
typedef struct cli_cluster_options {
    const char *names[CLI_CLUSTER_OPTIONS_MAX];
    double values[CLI_CLUSTER_OPTIONS_MAX];
    size_t n;
} cli_cluster_options;
/* Returns 1 when argv[a->i] is one of them. */
int cli_opt_cluster(cli_args *a, cli_cluster_options *o);
/* After parsing: a usage error (exit 2) naming a value an option does not take. */
int cli_check_cluster(cli_args *a, const cli_cluster_options *o);
/* Refuse argv[i]: "CMD: WHAT 'ARG'". Returns 1. */
int cli_reject(cli_args *a, const char *what);
/* A positional argument goes to inputs; an unknown option is refused. Returns 1. */
int cli_take_input(cli_args *a, char **inputs, int *n_inputs);

/* The names in directory path ending in suffix ("" for all but "." and
 * ".."), sorted bytewise, malloc'd. 0, CHORUS_EIO when it cannot be opened,
 * CHORUS_ENOMEM. Free with cli_free_names. */
int cli_list_dir(const char *path, const char *suffix, char ***names, size_t *n);
void cli_free_names(char **names, size_t n);

/* Open the output stream named by -o (NULL or "-" for stdout). A file is
 * written under a temporary name beside it (message printed on failure). */
FILE *cli_open_output(const char *path);
/* Flush and, unless stdout, close and rename to the final name. Returns 0,
 * or -1 after printing "NAME: cannot write: REASON" (no file is left). */
int cli_close_output(FILE *out);
/* Give up an output after a failure: the temporary is removed. */
void cli_discard_output(FILE *out);

void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif
