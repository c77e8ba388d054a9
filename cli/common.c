/* Helpers shared by the subcommands. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"

/* Messages quote file names, outlets and reasons that come from the input:
 * their control characters are made visible before they reach a terminal. */
void cli_error(const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cli_progress_lock_output(); /* a progress line is cleared first */
    fputs("chorus: ", stderr);
    chorus_fput_visible(stderr, msg, strlen(msg), 0);
    fputc('\n', stderr);
    cli_progress_unlock_output();
}

void cli_report_skips(const chorus_corpus *c, size_t from)
{
    for (size_t i = from; i < c->n_skipped; i++)
        cli_error("%s: %s: %s", c->skipped[i].origin, c->skipped[i].note == 2 ? "warning" : c->skipped[i].note ? "not articles" : "skipped",
                  c->skipped[i].reason);
}

/* --outlet NAME and --outlets FILE, for whichever command reads inputs. */
static const char *outlet_name, *outlets_file;

int cli_opt_outlets(cli_args *a)
{
    return cli_opt_string(a, "--outlets", &outlets_file) || cli_opt_string(a, "--outlet", &outlet_name);
}

/* One outlet name per outlet over the run (chorus_corpus_name_outlets); the
 * --outlets file is read once. */
static chorus_outlet_map *outlet_map;
static int outlet_map_failed;

static void free_outlet_map(void)
{
    chorus_outlet_map_free(outlet_map);
    outlet_map = NULL;
}

int cli_name_outlets(chorus_corpus *c)
{
    chorus_error err = {0};
    if (outlet_map_failed) return -1;
    if (outlets_file && !outlet_map) {
        if (!(outlet_map = chorus_outlet_map_new())) {
            cli_error("out of memory");
            return outlet_map_failed = 1, -1;
        }
        atexit(free_outlet_map);
        if (chorus_outlet_map_load(outlet_map, outlets_file, &err)) {
            cli_error("--outlets: %s", err.message);
            return outlet_map_failed = 1, -1;
        }
    }
    int rc = chorus_corpus_name_outlets(c, outlet_map, outlet_name, &err);
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
    if (cli_name_outlets(c)) return -1;
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

/* Output files are written under a temporary name in the same directory
 * and renamed over the final name only once every byte is written, flushed
 * and closed: a failed or interrupted run never leaves a partial file under
 * the name asked for (an existing file there stays as it was). */
typedef struct {
    FILE *f;
    char *tmp, *final;
} pending_output;

static pending_output pending[4];

static void discard(pending_output *p)
{
    if (p->f) fclose(p->f);
    if (p->tmp) unlink(p->tmp);
    free(p->tmp);
    free(p->final);
    memset(p, 0, sizeof *p);
}

/* At exit (also after an early return from a command): no temporary left. */
static void discard_all(void)
{
    for (size_t i = 0; i < sizeof pending / sizeof *pending; i++)
        if (pending[i].f) discard(&pending[i]);
}

static pending_output *find_pending(FILE *f)
{
    for (size_t i = 0; i < sizeof pending / sizeof *pending; i++)
        if (pending[i].f == f) return &pending[i];
    return NULL;
}

FILE *cli_open_output(const char *path)
{
    if (!path || strcmp(path, "-") == 0) return stdout;
    /* A device or a pipe (-o /dev/stderr, a fifo) is written in place:
     * renaming over it would replace the device with a file. */
    static int registered;
    if (!registered) registered = atexit(discard_all) == 0;
    pending_output *p = find_pending(NULL);
    struct stat st;
    if (p && stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        FILE *f = fopen(path, "w");
        if (!f) cli_error("%s: cannot write: %s", path, strerror(errno));
        else if (!(p->final = strdup(path))) fclose(f), f = NULL;
        else p->f = f;
        return f;
    }
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n), *final = strdup(path);
    if (!p || !tmp || !final) {
        free(tmp);
        free(final);
        cli_error("%s: cannot write: out of memory", path);
        return NULL;
    }
    snprintf(tmp, n, "%.*s.%s.tmp-XXXXXX", (int)dir_len, path, path + dir_len);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        cli_error("%s: cannot write: %s", path, strerror(errno));
        free(tmp);
        free(final);
        return NULL;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask); /* as a file created by fopen would be */
    FILE *f = fdopen(fd, "w");
    if (!f) {
        cli_error("%s: cannot write: %s", path, strerror(errno));
        close(fd);
        unlink(tmp);
        free(tmp);
        free(final);
        return NULL;
    }
    *p = (pending_output){f, tmp, final};
    return f;
}

int cli_close_output(FILE *out)
{
    if (!out) return -1;
    int failed = fflush(out) != 0 || ferror(out);
    int e = errno;
    pending_output *p = out == stdout ? NULL : find_pending(out);
    if (!p) {
        if (out != stdout && fclose(out)) failed = 1, e = errno;
        if (failed) cli_error("%s: cannot write: %s", out == stdout ? "standard output" : "output",
                              e ? strerror(e) : "write error");
        return failed ? -1 : 0;
    }
    if (!failed && p->tmp && fsync(fileno(out)) != 0 && errno != EINVAL && errno != EROFS) failed = 1, e = errno;
    p->f = NULL;
    if (fclose(out) != 0 && !failed) failed = 1, e = errno;
    if (!failed && p->tmp && rename(p->tmp, p->final) != 0) failed = 1, e = errno;
    if (failed) cli_error("%s: cannot write: %s", p->final, e ? strerror(e) : "write error");
    if (failed && p->tmp) unlink(p->tmp);
    free(p->tmp);
    free(p->final);
    memset(p, 0, sizeof *p);
    return failed ? -1 : 0;
}

void cli_discard_output(FILE *out)
{
    pending_output *p = out && out != stdout ? find_pending(out) : NULL;
    if (p) discard(p);
    else if (out == stdout) fflush(stdout);
}

static int cmp_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int cli_list_dir(const char *path, const char *suffix, char ***names, size_t *n)
{
    *names = NULL;
    *n = 0;
    DIR *d = opendir(path);
    if (!d) return CHORUS_EIO;
    size_t cap = 0, ls = strlen(suffix);
    int rc = 0;
    for (struct dirent *e; !rc && (e = readdir(d));) {
        size_t l = strlen(e->d_name);
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || l < ls || strcmp(e->d_name + l - ls, suffix))
            continue;
        if (*n == cap) {
            char **t = realloc(*names, (cap = cap ? 2 * cap : 64) * sizeof *t);
            if (!t) {
                rc = CHORUS_ENOMEM;
                break;
            }
            *names = t;
        }
        if (!((*names)[*n] = strdup(e->d_name))) rc = CHORUS_ENOMEM;
        else (*n)++;
    }
    closedir(d);
    if (rc) {
        cli_free_names(*names, *n);
        *names = NULL;
        *n = 0;
        return rc;
    }
    if (*n) qsort(*names, *n, sizeof **names, cmp_name);
    return 0;
}

void cli_free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
}
