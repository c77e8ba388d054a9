/* A progress line on standard error for long commands (ingest, extract):
 * articles, megabytes, rate and, when the total size is known, the time
 * left. A thread redraws it a few times a second from the counters the
 * command updates (an update is a few stores under a mutex), so the first
 * line appears within a second and the work never waits for the terminal.
 * On a terminal the line is redrawn in place; forced onto a file or pipe
 * (--progress), one line a second is appended. Messages printed meanwhile
 * with cli_error clear the line first. */
#ifndef CHORUS_CLI_PROGRESS_H
#define CHORUS_CLI_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"

enum { PROGRESS_AUTO = 0, PROGRESS_ON = 1, PROGRESS_OFF = 2 };

typedef struct cli_progress cli_progress;

/* Takes --progress (on), --quiet / -q (off). Returns 1 when taken. */
int cli_opt_progress(cli_args *a, int *mode);

/* Start showing progress for command cmd over inputs whose total size is
 * total_bytes (0: unknown, no time left is shown); NULL when progress is
 * off (mode, or standard error is not a terminal in PROGRESS_AUTO). */
cli_progress *cli_progress_start(const char *cmd, int mode, uint64_t total_bytes);
/* The counters: articles done, input bytes read, and input bytes whose
 * articles are done (the time left is reckoned from these; a reader may run
 * ahead of the work). NULL p: nothing. */
void cli_progress_update(cli_progress *p, size_t articles, uint64_t bytes, uint64_t done_bytes);
/* Stop the thread and clear the line; p is freed. */
void cli_progress_stop(cli_progress *p);
/* 1 while a progress line is shown (the summary line goes with it). */
int cli_progress_shown(const cli_progress *p);

/* The total size of the inputs (files, directories walked), 0 when any is
 * not a regular file or directory (standard input, a pipe). */
uint64_t cli_inputs_size(char **paths, int n);

/* Called by cli_error around a message: the line is cleared before and
 * redrawn at the next tick. */
void cli_progress_lock_output(void);
void cli_progress_unlock_output(void);

/* Reasons of skipped inputs, tallied for the summary line. */
typedef struct {
    char *reason[8];
    size_t count[8];
    size_t other, total;
} cli_skip_tally;
void cli_skip_tally_add(cli_skip_tally *t, const char *reason);
/* "; skipped 3 (2 line longer than ..., 1 ...)" into buf, or "" when none. */
void cli_skip_tally_format(const cli_skip_tally *t, char *buf, size_t cap);
void cli_skip_tally_free(cli_skip_tally *t);

#endif
