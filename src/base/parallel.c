/* A parallel for over independent items (parallel.h). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "parallel.h"

typedef struct {
    cx_item_fn fn;
    void *ctx;
    size_t n;
    atomic_size_t next;   /* the next item to hand out */
    atomic_size_t failed; /* the lowest failed item, or SIZE_MAX */
    int error;            /* that item's error, under lock */
    pthread_mutex_t lock;
} run;

typedef struct {
    run *r;
    int w;
} worker;

static void work(run *r, int w)
{
    for (;;) {
        size_t i = atomic_fetch_add_explicit(&r->next, 1, memory_order_relaxed);
        if (i >= r->n || atomic_load_explicit(&r->failed, memory_order_relaxed) < i) return;
        int rc = r->fn(r->ctx, i, w);
        if (rc) {
            pthread_mutex_lock(&r->lock);
            if (i < atomic_load_explicit(&r->failed, memory_order_relaxed)) {
                atomic_store_explicit(&r->failed, i, memory_order_relaxed);
                r->error = rc;
            }
            pthread_mutex_unlock(&r->lock);
        }
    }
}

static void *thread_main(void *arg)
{
    worker *k = arg;
    work(k->r, k->w);
    return NULL;
}

int cx_threads_for(int threads, size_t n)
{
    if (threads <= 0) threads = CX_DEFAULT_THREADS;
    if (threads > CX_MAX_THREADS) threads = CX_MAX_THREADS;
    if ((size_t)threads > n) threads = n ? (int)n : 1;
    return threads;
}

int cx_parallel_for(size_t n, int threads, cx_item_fn fn, void *ctx)
{
    int t = cx_threads_for(threads, n);
    run r = {.fn = fn, .ctx = ctx, .n = n, .error = 0};
    if (t <= 1 || pthread_mutex_init(&r.lock, NULL)) {
        for (size_t i = 0; i < n; i++) {
            int rc = fn(ctx, i, 0);
            if (rc) return rc;
        }
        return 0;
    }
    atomic_init(&r.next, 0);
    atomic_init(&r.failed, SIZE_MAX);
    pthread_t tid[CX_MAX_THREADS];
    worker wk[CX_MAX_THREADS];
    int started = 0;
    for (int w = 1; w < t; w++) {
        wk[started] = (worker){&r, w};
        if (pthread_create(&tid[started], NULL, thread_main, &wk[started])) break;
        started++;
    }
    work(&r, 0);
    for (int k = 0; k < started; k++) pthread_join(tid[k], NULL);
    pthread_mutex_destroy(&r.lock);
    return r.error;
}
