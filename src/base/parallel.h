/* Running independent items on a few threads: the per-article stages of a
 * large story (reading, cleaning, sentences, tokens, dates, names). Each
 * item writes only its own results; callers merge them in item order
 * afterwards, so the outcome never depends on which thread ran what. */
#ifndef CHORUS_PARALLEL_H
#define CHORUS_PARALLEL_H

#include <stddef.h>

#include "chorus.h"

/* Work on item i by worker w (0 <= w < the threads used): 0, or an error
 * code that stops the run (items not yet started are skipped). */
typedef int (*cx_item_fn)(void *ctx, size_t i, int w);

/* The threads to use for n items when threads were asked for (<= 0: the
 * default, CX_DEFAULT_THREADS): never more than the items, at least 1. */
#define CX_DEFAULT_THREADS CHORUS_DEFAULT_THREADS
#define CX_MAX_THREADS 64
int cx_threads_for(int threads, size_t n);

/* Run fn on items 0..n-1 with cx_threads_for(threads, n) workers, the
 * calling thread being worker 0; items are handed out one at a time in
 * order. Returns 0, or the error of the lowest failed item. A thread that
 * cannot be started leaves its share to the others. */
int cx_parallel_for(size_t n, int threads, cx_item_fn fn, void *ctx);

#endif
