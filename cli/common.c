/* Helpers shared by the subcommands. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("chorus: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_report_skips(const chorus_corpus *c, size_t from)
{
    for (size_t i = from; i < c->n_skipped; i++)
        cli_error("%s: %s: %s", c->skipped[i].origin, c->skipped[i].note ? "not articles" : "skipped",
                  c->skipped[i].reason);
}

/* --outlet NAME and --outlets FILE, for whichever command reads inputs. */
static const char *outlet_name, *outlets_file;

int cli_opt_outlets(cli_args *a)
{
    return cli_opt_string(a, "--outlets", &outlets_file) || cli_opt_string(a, "--outlet", &outlet_name);
}

/* One outlet name per outlet over the run (chorus_corpus_name_outlets). */
static int name_outlets(chorus_corpus *c)
{
    chorus_error err = {0};
    chorus_outlet_map *m = NULL;
    if (outlets_file) {
        if (!(m = chorus_outlet_map_new())) {
            cli_error("out of memory");
            return -1;
        }
        if (chorus_outlet_map_load(m, outlets_file, &err)) {
            cli_error("--outlets: %s", err.message);
            chorus_outlet_map_free(m);
            return -1;
        }
    }
    int rc = chorus_corpus_name_outlets(c, m, outlet_name, &err);
    chorus_outlet_map_free(m);
    if (rc) cli_error("%s", err.message);
    return rc ? -1 : 0;
}

long cli_read_inputs(chorus_corpus *c, char **paths, int n_paths)
{
    for (int i = 0; i < n_paths; i++) {
        chorus_error err = {0};
        int rc = chorus_read_path(c, paths[i], &err);
        if (rc == CHORUS_ENOMEM) {
            cli_error("%s: out of memory", paths[i]);
            return -1;
        }
        if (rc < 0) {
            /* the library's message names the path already; keep it once */
            const char *why = err.message[0] ? err.message : chorus_strerror(rc);
            size_t n = strlen(paths[i]);
            if (!strncmp(why, paths[i], n) && !strncmp(why + n, ": ", 2)) why += n + 2;
            if (chorus_corpus_skip(c, paths[i], "%s", why)) return -1;
        }
    }
    /* The reader's own message may already start with the path; keep one line per input. */
    cli_report_skips(c, 0);
    if (name_outlets(c)) return -1;
    long failures = 0;
    for (size_t i = 0; i < c->n_skipped; i++) failures += !c->skipped[i].note;
    return failures;
}

int cli_load_articles(const char *cmd, chorus_corpus *c, char **paths, int n_paths)
{
    long skipped = cli_read_inputs(c, paths, n_paths);
    if (skipped < 0) {
        chorus_corpus_free(c);
        return EXIT_FAILURE_;
    }
    if (!c->n_articles) {
        cli_error("%s: no usable article in the input", cmd);
        chorus_corpus_free(c);
        return EXIT_NOINPUT;
    }
    return skipped ? EXIT_PARTIAL : EXIT_OK;
}

int cli_opt_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0) return 0;
    if (a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (a[n] != '\0') return 0;
    if (*i + 1 >= argc) {
        cli_error("option %s needs a value", name);
        *value = NULL;
        return -1;
    }
    *value = argv[++*i];
    return 1;
}

int cli_parse_size(const char *s, size_t *out)
{
    if (!s || !*s) return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || s[0] == '-') return -1;
    *out = (size_t)v;
    return 0;
}

FILE *cli_open_output(const char *path)
{
    if (!path || strcmp(path, "-") == 0) return stdout;
    FILE *f = fopen(path, "w");
    if (!f) cli_error("%s: cannot write: %s", path, strerror(errno));
    return f;
}
