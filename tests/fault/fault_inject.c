/* Fault injection for the tests, in the spirit of SQLite's: preloaded into
 * the chorus binary (LD_PRELOAD), it makes the Nth allocation or the Nth
 * write fail, so that the tests can walk N over every call of a run and see
 * each failure end in a message and an exit code, never a crash.
 *
 *   CHORUS_FAULT_MALLOC=N  the Nth malloc/calloc/realloc called from chorus's
 *                          own code, and every later one, return NULL (the
 *                          libraries' own allocations are left alone: ICU, for
 *                          one, aborts by design when C++ new fails)
 *   CHORUS_FAULT_WRITE=N   the Nth write(2) to a descriptor other than
 *                          standard error, and every later one, fail with ENOSPC
 * Test code only: the library and the tool never see it. */
#define _GNU_SOURCE
#include <errno.h>
#include <link.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static long malloc_at = -1, write_at = -1;
static long mallocs, writes;
static int armed;
static uintptr_t own_lo, own_hi; /* the executable's loaded segments */

static int find_executable(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size, (void)data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD) continue;
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;
        if (!own_lo || lo < own_lo) own_lo = lo;
        if (hi > own_hi) own_hi = hi;
    }
    return 1; /* the first object is the executable */
}

__attribute__((constructor(65535))) static void arm(void)
{
    /* after the loader and the libraries' own initialisation */
    const char *m = getenv("CHORUS_FAULT_MALLOC"), *w = getenv("CHORUS_FAULT_WRITE");
    if (m) malloc_at = atol(m);
    if (w) write_at = atol(w);
    dl_iterate_phdr(find_executable, NULL);
    armed = 1;
}

static int fail_alloc(void *caller)
{
    uintptr_t at = (uintptr_t)caller;
    return armed && malloc_at > 0 && at >= own_lo && at < own_hi && ++mallocs >= malloc_at;
}

void *malloc(size_t n) { return fail_alloc(__builtin_return_address(0)) ? NULL : __libc_malloc(n); }
void *calloc(size_t n, size_t m) { return fail_alloc(__builtin_return_address(0)) ? NULL : __libc_calloc(n, m); }
void *realloc(void *p, size_t n)
{
    if (n && fail_alloc(__builtin_return_address(0))) return NULL;
    return __libc_realloc(p, n);
}

ssize_t write(int fd, const void *buf, size_t n)
{
    if (armed && write_at > 0 && fd != 2 && ++writes >= write_at) {
        errno = ENOSPC;
        return -1;
    }
    return syscall(SYS_write, fd, buf, n);
}
