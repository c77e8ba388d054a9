/* The raw key of seen reports given as files (chorus.h: chorus_seen_files).
 *
 * What a digest reads of a file depends on its bytes, its name (the
 * extension speaks for the format) and the limits in force; a hash of the
 * three names what an update keeps of the files, so a warm update reads
 * each file once, as bytes, and never parses it. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "chorus.h"

#define CHUNK (16 * 1024) /* on the stack: most reports read in one */

static int hash_file(XXH3_state_t *st, const char *path, char *buf)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return CHORUS_EIO;
    struct stat sb;
    if (fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
        close(fd);
        return CHORUS_EIO;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t bl = strlen(base);
    XXH3_128bits_update(st, &bl, sizeof bl);
    XXH3_128bits_update(st, base, bl);
    uint64_t total = 0;
    for (;;) {
        ssize_t got = read(fd, buf, CHUNK);
        if (got < 0) {
            close(fd);
            return CHORUS_EIO;
        }
        XXH3_128bits_update(st, buf, (size_t)got);
        total += (uint64_t)got;
        /* a short read past the size stat gave is the end: no read for 0 bytes */
        if (!got || (got < CHUNK && total >= (uint64_t)sb.st_size)) break;
    }
    close(fd);
    /* the length closes the file's part: no two lists of files run together */
    XXH3_128bits_update(st, &total, sizeof total);
    return 0;
}

int chorus_seen_files_key(const char *const *paths, size_t n, unsigned char key[16])
{
    memset(key, 0, 16);
    XXH3_state_t *st = XXH3_createState();
    char buf[CHUNK];
    int rc = st ? 0 : CHORUS_ENOMEM;
    if (!rc) {
        XXH3_128bits_reset(st);
        XXH3_128bits_update(st, &n, sizeof n);
        XXH3_128bits_update(st, chorus_get_limits(), sizeof(chorus_limits));
    }
    for (size_t i = 0; i < n && !rc; i++) rc = hash_file(st, paths[i], buf);
    if (!rc) {
        XXH128_canonical_t c;
        XXH128_canonicalFromHash(&c, XXH3_128bits_digest(st));
        memcpy(key, c.digest, 16);
    }
    if (st) XXH3_freeState(st);
    return rc;
}
