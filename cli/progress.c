/* The progress line of long commands (progress.h). */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

#define TICK_NS 250000000L /* a terminal line is redrawn at most 4 times a second */
#define FILE_EVERY 4       /* ticks between lines appended to a file */

struct cli_progress {
    const char *cmd;
    int tty;
    uint64_t total;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stopping;
    size_t articles;
    uint64_t bytes, done;
    double started;
    int drawn; /* a line is on the terminal, not ended */
};

/* One progress at a time (the CLI runs one command); cli_error reaches it here. */
static cli_progress *current;
static pthread_mutex_t output_mu = PTHREAD_MUTEX_INITIALIZER;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int cli_opt_progress(cli_args *a, int *mode)
{
    const char *arg = a->argv[a->i];
    if (!strcmp(arg, "--progress")) *mode = PROGRESS_ON;
    else if (!strcmp(arg, "--quiet") || !strcmp(arg, "-q")) *mode = PROGRESS_OFF;
    else return 0;
    return 1;
}

static void clock_text(double s, char *buf, size_t cap)
{
    long t = (long)(s + 0.5);
    if (t >= 3600) snprintf(buf, cap, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else snprintf(buf, cap, "%ld:%02ld", t / 60, t % 60);
}

/* Under output_mu. */
static void draw(cli_progress *p, size_t articles, uint64_t bytes, uint64_t done)
{
    double secs = now_s() - p->started;
    char line[200];
    int k = snprintf(line, sizeof line, "%s: %zu articles, %.1f", p->cmd, articles, bytes / 1048576.0);
    if (p->total) k += snprintf(line + k, sizeof line - k, " of %.1f", p->total / 1048576.0);
    k += snprintf(line + k, sizeof line - k, " MB");
    if (secs >= 1)
        k += snprintf(line + k, sizeof line - k, ", %.0f articles/s, %.1f MB/s", articles / secs,
                      bytes / 1048576.0 / secs);
    if (p->total && done && secs >= 1 && done < p->total) {
        char eta[32];
        clock_text(secs * (double)(p->total - done) / (double)done, eta, sizeof eta);
        k += snprintf(line + k, sizeof line - k, ", %s left", eta);
    }
    char el[32];
    clock_text(secs, el, sizeof el);
    snprintf(line + k, sizeof line - k, " (%s)", el);
    if (p->tty) {
        fprintf(stderr, "\r%s\033[K", line); /* erase what a longer line left */
        p->drawn = 1;
    } else fprintf(stderr, "%s\n", line);
    fflush(stderr);
}

/* The first line is drawn by cli_progress_start itself, so it always shows the
 * start whatever the scheduler does; this thread draws the later ones. */
static void *run(void *arg)
{
    cli_progress *p = arg;
    struct timespec next;
    clock_gettime(CLOCK_REALTIME, &next);
    unsigned tick = 0;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        tick++;
        next.tv_nsec += TICK_NS;
        if (next.tv_nsec >= 1000000000L) next.tv_sec++, next.tv_nsec -= 1000000000L;
        while (!p->stopping && pthread_cond_timedwait(&p->cv, &p->mu, &next) == 0) {
        }
        if (p->stopping) break;
        size_t a = p->articles;
        uint64_t b = p->bytes, d = p->done;
        pthread_mutex_unlock(&p->mu);
        if (p->tty || tick % FILE_EVERY == 0) {
            pthread_mutex_lock(&output_mu);
            draw(p, a, b, d);
            pthread_mutex_unlock(&output_mu);
        }
        pthread_mutex_lock(&p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

cli_progress *cli_progress_start(const char *cmd, int mode, uint64_t total_bytes)
{
    int tty = isatty(STDERR_FILENO);
    if (mode == PROGRESS_OFF || (mode == PROGRESS_AUTO && !tty)) return NULL;
    cli_progress *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->cmd = cmd;
    p->tty = tty;
    p->total = total_bytes;
    p->started = now_s();
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    pthread_mutex_lock(&output_mu);
    draw(p, 0, 0, 0);
    pthread_mutex_unlock(&output_mu);
    if (pthread_create(&p->thread, NULL, run, p)) {
        if (p->tty) fputc('\n', stderr); /* end the line drawn above */
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->cv);
        free(p);
        return NULL;
    }
    current = p;
    return p;
}

void cli_progress_update(cli_progress *p, size_t articles, uint64_t bytes, uint64_t done_bytes)
{
    if (!p) return;
    pthread_mutex_lock(&p->mu);
    p->articles = articles;
    if (bytes > p->bytes) p->bytes = bytes;
    if (done_bytes > p->done) p->done = done_bytes;
    pthread_mutex_unlock(&p->mu);
}

int cli_progress_shown(const cli_progress *p) { return p != NULL; }

void cli_progress_stop(cli_progress *p)
{
    if (!p) return;
    pthread_mutex_lock(&p->mu);
    p->stopping = 1;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);
    pthread_mutex_lock(&output_mu);
    draw(p, p->articles, p->bytes, p->done); /* the final figures */
    if (p->tty) fputc('\n', stderr);
    p->drawn = 0;
    current = NULL;
    pthread_mutex_unlock(&output_mu);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p);
}

void cli_progress_lock_output(void)
{
    pthread_mutex_lock(&output_mu);
    if (current && current->drawn) {
        fputs("\r\033[K", stderr);
        current->drawn = 0;
    }
}

void cli_progress_unlock_output(void) { pthread_mutex_unlock(&output_mu); }

static uint64_t path_size(const char *path, int depth, int *unknown)
{
    struct stat st;
    if (stat(path, &st) != 0) return 0; /* said by the reader */
    if (S_ISREG(st.st_mode)) return (uint64_t)st.st_size;
    if (!S_ISDIR(st.st_mode) || depth > 64) {
        *unknown = 1;
        return 0;
    }
    DIR *d = opendir(path);
    if (!d) return 0;
    uint64_t sum = 0;
    struct dirent *e;
    while ((e = readdir(d)) && !*unknown) {
        if (e->d_name[0] == '.') continue; /* as the reader: ., .., hidden files */
        size_t n = strlen(path) + strlen(e->d_name) + 2;
        char *sub = malloc(n);
        if (!sub) break;
        snprintf(sub, n, "%s/%s", path, e->d_name);
        sum += path_size(sub, depth + 1, unknown);
        free(sub);
    }
    closedir(d);
    return sum;
}

uint64_t cli_inputs_size(char **paths, int n)
{
    uint64_t sum = 0;
    int unknown = 0;
    for (int i = 0; i < n && !unknown; i++) {
        if (!strcmp(paths[i], "-")) unknown = 1;
        else sum += path_size(paths[i], 0, &unknown);
    }
    return unknown ? 0 : sum;
}

void cli_skip_tally_add(cli_skip_tally *t, const char *reason)
{
    t->total++;
    size_t n = sizeof t->reason / sizeof *t->reason;
    for (size_t i = 0; i < n; i++) {
        if (!t->reason[i]) {
            if ((t->reason[i] = strdup(reason ? reason : "?"))) t->count[i] = 1;
            else t->other++;
            return;
        }
        if (!strcmp(t->reason[i], reason ? reason : "?")) {
            t->count[i]++;
            return;
        }
    }
    t->other++;
}

void cli_skip_tally_format(const cli_skip_tally *t, char *buf, size_t cap)
{
    buf[0] = 0;
    if (!t->total) return;
    size_t k = (size_t)snprintf(buf, cap, ", skipped %zu (", t->total);
    size_t n = sizeof t->reason / sizeof *t->reason;
    for (size_t i = 0; i < n && t->reason[i] && k < cap; i++)
        k += (size_t)snprintf(buf + k, cap - k, "%s%zu %.80s", i ? "; " : "", t->count[i], t->reason[i]);
    if (t->other && k < cap) k += (size_t)snprintf(buf + k, cap - k, "; %zu other", t->other);
    if (k < cap) snprintf(buf + k, cap - k, ")");
}

void cli_skip_tally_free(cli_skip_tally *t)
{
    for (size_t i = 0; i < sizeof t->reason / sizeof *t->reason; i++) free(t->reason[i]);
    memset(t, 0, sizeof *t);
}
