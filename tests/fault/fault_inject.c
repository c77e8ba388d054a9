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
 *   CHORUS_FAULT_OWN=FILE  lines "ADDRESS SIZE" (hex, link-time) of chorus's own
 *                          functions: only their allocations fail. The program
 *                          links ICU and the other libraries statically, so the
 *                          executable's range alone would also fail ICU's
 *                          allocations (which it does not check everywhere);
 *                          without the file, the whole executable counts
 * Test code only: the library and the tool never see it. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
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
static uintptr_t own_base;        /* its load address (0 unless position-independent) */
struct range { uintptr_t lo, hi; };
static struct range *own;          /* chorus's functions, sorted; NULL: all of it */
static size_t owns;

static int find_executable(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size, (void)data;
    own_base = info->dlpi_addr;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD) continue;
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;
        if (!own_lo || lo < own_lo) own_lo = lo;
        if (hi > own_hi) own_hi = hi;
    }
    return 1; /* the first object is the executable */
}

static int by_lo(const void *a, const void *b)
{
    uintptr_t x = ((const struct range *)a)->lo, y = ((const struct range *)b)->lo;
    return x < y ? -1 : x > y;
}

/* Reads the own-functions file before the shim is armed. */
static void read_own(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return;
    size_t cap = 1 << 20, len = 0;
    char *text = __libc_malloc(cap + 1);
    ssize_t got;
    while (text && len < cap && (got = read(fd, text + len, cap - len)) > 0) len += (size_t)got;
    close(fd);
    if (!text) return;
    text[len] = 0;
    size_t lines = 1;
    for (size_t i = 0; i < len; i++) lines += text[i] == '\n';
    own = __libc_malloc(lines * sizeof *own);
    for (char *p = text; own && *p;) {
        char *end;
        uintptr_t at = (uintptr_t)strtoull(p, &end, 16), size = (uintptr_t)strtoull(end, &end, 16);
        if (size) own[owns++] = (struct range){own_base + at, own_base + at + size};
        while (*end && *end != '\n') end++;
        p = *end ? end + 1 : end;
    }
    qsort(own, owns, sizeof *own, by_lo);
}

static int in_own(uintptr_t at)
{
    if (!own) return at >= own_lo && at < own_hi;
    size_t lo = 0, hi = owns;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (own[mid].lo <= at) lo = mid + 1;
        else hi = mid;
    }
    return lo > 0 && at < own[lo - 1].hi;
}

__attribute__((constructor(65535))) static void arm(void)
{
    /* after the loader and the libraries' own initialisation */
    const char *m = getenv("CHORUS_FAULT_MALLOC"), *w = getenv("CHORUS_FAULT_WRITE");
    if (m) malloc_at = atol(m);
    if (w) write_at = atol(w);
    dl_iterate_phdr(find_executable, NULL);
    const char *own_file = getenv("CHORUS_FAULT_OWN");
    if (own_file && *own_file) read_own(own_file);
    armed = 1;
}

static int fail_alloc(void *caller)
{
    uintptr_t at = (uintptr_t)caller;
    return armed && malloc_at > 0 && in_own(at) && ++mallocs >= malloc_at;
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
