/* Streaming decompression for archives: plain, multi-member gzip, multi-frame
 * zstd. Damage is skipped up to the next member or frame and reported as a
 * gap, so one bad record never costs the rest of an archive. */
#include "decompress.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <zlib.h>
#include <zstd.h>

#include "util.h"

typedef enum { CODEC_PLAIN, CODEC_GZIP, CODEC_ZSTD } codec;

/* Where one member (gzip) or frame (zstd) starts, decompressed and on disk. */
typedef struct {
    uint64_t dec, disk;
} member;

/* A .warc.zst may open with a skippable frame holding the dictionary. */
#define ZSTD_DICT_MAGIC 0x184D2A5Du
#define MAX_DICT_BYTES (64u * 1024u * 1024u)

struct cx_stream {
    FILE *f;
    char *name;
    codec kind;
    unsigned char in[1 << 16];
    size_t in_pos, in_len;
    uint64_t in_disk; /* on-disk offset of in[0] */
    int in_eof, io_error;

    z_stream z;
    int z_ready;
    ZSTD_DCtx *zd;
    void *dict;

    int at_member_start; /* the next compressed byte should open a member */
    int done;
    uint64_t member_disk; /* on-disk start of the member being decoded */
    uint64_t dec_total;   /* decompressed bytes handed out so far */

    member *members;
    size_t n_members, cap_members;

    int gap_pending;
    uint64_t gap_disk;
    char gap_reason[256];
};

static uint64_t disk_pos(const cx_stream *s) { return s->in_disk + s->in_pos; }

/* Make at least want bytes available in s->in (fewer only at end of file).
 * Returns the number available. */
static size_t peek(cx_stream *s, size_t want)
{
    if (want > sizeof s->in) want = sizeof s->in;
    if (s->in_len - s->in_pos >= want || s->in_eof) return s->in_len - s->in_pos;
    if (s->in_pos) {
        memmove(s->in, s->in + s->in_pos, s->in_len - s->in_pos);
        s->in_disk += s->in_pos;
        s->in_len -= s->in_pos;
        s->in_pos = 0;
    }
    while (s->in_len < want && !s->in_eof) {
        size_t got = fread(s->in + s->in_len, 1, sizeof s->in - s->in_len, s->f);
        s->in_len += got;
        if (got == 0) {
            if (ferror(s->f)) s->io_error = errno ? errno : EIO;
            s->in_eof = 1;
        }
    }
    return s->in_len - s->in_pos;
}

/* Go back (or forward) to an on-disk offset; unseekable input stays put. */
static void seek_to(cx_stream *s, uint64_t off)
{
    if (off >= s->in_disk && off <= s->in_disk + s->in_len) {
        s->in_pos = (size_t)(off - s->in_disk);
        return;
    }
    if (fseeko(s->f, (off_t)off, SEEK_SET) != 0) return;
    s->in_disk = off;
    s->in_pos = s->in_len = 0;
    s->in_eof = 0;
}

static void set_gap(cx_stream *s, uint64_t where, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void set_gap(cx_stream *s, uint64_t where, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->gap_reason, sizeof s->gap_reason, fmt, ap);
    va_end(ap);
    s->gap_disk = where;
    s->gap_pending = 1;
}

static int looks_like_member(const cx_stream *s, const unsigned char *p, size_t avail)
{
    if (s->kind == CODEC_GZIP)
        /* magic, deflate, no reserved flag bits */
        return avail >= 4 && p[0] == 0x1f && p[1] == 0x8b && p[2] == 8 && (p[3] & 0xe0) == 0;
    if (avail < 4) return 0;
    uint32_t m = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return m == 0xFD2FB528u || (m & 0xFFFFFFF0u) == 0x184D2A50u;
}

/* Skip forward to the next plausible member start (or the end of file). */
static void scan_for_member(cx_stream *s)
{
    for (;;) {
        size_t avail = peek(s, 4);
        if (avail < 4) { /* only at the end of file: too short for a member */
            s->in_pos = s->in_len;
            return;
        }
        const unsigned char *p = s->in + s->in_pos;
        for (size_t i = 0; i + 4 <= avail; i++)
            if (looks_like_member(s, p + i, avail - i)) {
                s->in_pos += i;
                return;
            }
        s->in_pos += avail - 3; /* a magic may straddle two reads */
    }
}

static void open_member(cx_stream *s)
{
    member m = {s->dec_total, disk_pos(s)};
    s->member_disk = m.disk;
    if (s->n_members && s->members[s->n_members - 1].dec == m.dec)
        s->members[s->n_members - 1] = m; /* an empty member: keep the later one */
    else if (CX_PUSH(s->members, s->n_members, s->cap_members, m))
        s->n_members = 0; /* out of memory: offsets become approximate */
    s->at_member_start = 0;
}

/* Start a member at the current position, or report non-member bytes. */
static int begin_member(cx_stream *s)
{
    size_t avail = peek(s, 4);
    if (avail == 0) return 0;
    if (!looks_like_member(s, s->in + s->in_pos, avail)) {
        uint64_t at = disk_pos(s);
        scan_for_member(s);
        set_gap(s, at, "%llu bytes that are not %s data skipped", (unsigned long long)(disk_pos(s) - at),
                cx_stream_codec(s));
        return -1;
    }
    open_member(s);
    if (s->kind == CODEC_GZIP) inflateReset(&s->z);
    else ZSTD_DCtx_reset(s->zd, ZSTD_reset_session_only);
    return 1;
}

static void damaged_member(cx_stream *s, const char *what)
{
    uint64_t start = s->member_disk;
    set_gap(s, start, "%s member at byte %llu is damaged (%s)", cx_stream_codec(s),
            (unsigned long long)start, what);
    seek_to(s, start + 1);
    scan_for_member(s);
    s->at_member_start = 1;
}

/* The file ended inside a member. A member cut short in the middle of an
 * archive reads on through the members after it (its header or its deflate
 * data swallow them) until the end of the file: look again for a member start
 * after this one's, so only the cut member is lost. */
static void truncated_member(cx_stream *s)
{
    uint64_t start = s->member_disk;
    set_gap(s, start, "%s %s at byte %llu is truncated", cx_stream_codec(s),
            s->kind == CODEC_GZIP ? "member" : "frame", (unsigned long long)start);
    seek_to(s, start + 1);
    if (disk_pos(s) != start + 1) { /* cannot go back (a pipe): the rest is gone */
        s->done = 1;
        return;
    }
    scan_for_member(s);
    if (peek(s, 4) < 4) s->done = 1;
    else s->at_member_start = 1;
}

static long read_plain(cx_stream *s, unsigned char *out, size_t cap)
{
    size_t have = s->in_len - s->in_pos;
    if (have) {
        size_t n = have < cap ? have : cap;
        memcpy(out, s->in + s->in_pos, n);
        s->in_pos += n;
        return (long)n;
    }
    size_t got = fread(out, 1, cap, s->f);
    if (got == 0 && ferror(s->f)) s->io_error = errno ? errno : EIO;
    s->in_disk += got;
    return (long)got;
}

static long read_gzip(cx_stream *s, unsigned char *out, size_t cap)
{
    size_t produced = 0;
    while (produced < cap && !s->gap_pending && !s->done) {
        if (s->at_member_start) {
            int r = begin_member(s);
            if (r == 0) {
                s->done = 1;
                break;
            }
            if (r < 0) break;
        }
        if (s->in_pos == s->in_len) peek(s, 1);
        s->z.next_in = s->in + s->in_pos;
        s->z.avail_in = (uInt)(s->in_len - s->in_pos);
        s->z.next_out = out + produced;
        s->z.avail_out = (uInt)(cap - produced);
        int ret = inflate(&s->z, Z_NO_FLUSH);
        s->in_pos = s->in_len - s->z.avail_in;
        size_t n = (cap - produced) - s->z.avail_out;
        produced += n;
        s->dec_total += n;
        if (ret == Z_STREAM_END) {
            s->at_member_start = 1;
        } else if (ret == Z_MEM_ERROR) {
            return CHORUS_ENOMEM;
        } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
            damaged_member(s, s->z.msg ? s->z.msg : "invalid data");
        } else if (n == 0 && s->in_pos == s->in_len && s->in_eof) {
            truncated_member(s);
        }
    }
    return (long)produced;
}

static long read_zstd(cx_stream *s, unsigned char *out, size_t cap)
{
    size_t produced = 0;
    while (produced < cap && !s->gap_pending && !s->done) {
        if (s->at_member_start) {
            int r = begin_member(s);
            if (r == 0) {
                s->done = 1;
                break;
            }
            if (r < 0) break;
        }
        if (s->in_pos == s->in_len) peek(s, 1);
        ZSTD_inBuffer zi = {s->in + s->in_pos, s->in_len - s->in_pos, 0};
        ZSTD_outBuffer zo = {out + produced, cap - produced, 0};
        size_t r = ZSTD_decompressStream(s->zd, &zo, &zi);
        s->in_pos += zi.pos;
        produced += zo.pos;
        s->dec_total += zo.pos;
        if (ZSTD_isError(r)) {
            damaged_member(s, ZSTD_getErrorName(r));
        } else if (r == 0) {
            s->at_member_start = 1;
        } else if (zo.pos == 0 && zi.pos == 0 && s->in_pos == s->in_len && s->in_eof) {
            truncated_member(s);
        }
    }
    return (long)produced;
}

long cx_stream_read(cx_stream *s, unsigned char *out, size_t cap)
{
    if (s->gap_pending) {
        s->gap_pending = 0;
        return CX_STREAM_GAP;
    }
    if (cap == 0) return 0;
    if (cap > (1u << 30)) cap = 1u << 30;
    long n;
    switch (s->kind) {
    case CODEC_GZIP: n = read_gzip(s, out, cap); break;
    case CODEC_ZSTD: n = read_zstd(s, out, cap); break;
    default:
        n = read_plain(s, out, cap);
        if (n > 0) s->dec_total += (uint64_t)n;
        break;
    }
    if (n < 0) return n;
    if (n == 0 && s->gap_pending) {
        s->gap_pending = 0;
        return CX_STREAM_GAP;
    }
    if (n == 0 && s->io_error) return CHORUS_EIO;
    return n;
}

/* A dictionary frame opening a .warc.zst: load it (it may be compressed). */
static int load_zstd_dictionary(cx_stream *s, chorus_error *err)
{
    if (peek(s, 8) < 8) return 0;
    const unsigned char *p = s->in + s->in_pos;
    uint32_t magic = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    if (magic != ZSTD_DICT_MAGIC) return 0;
    uint32_t size = (uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
    if (size > MAX_DICT_BYTES)
        return cx_fail(err, CHORUS_EFORMAT, "%s: zstd dictionary of %u bytes is too large", s->name, size);
    s->in_pos += 8;
    unsigned char *raw = cx_malloc(size);
    if (!raw) return cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", s->name);
    size_t got = 0;
    while (got < size) {
        size_t avail = peek(s, 1);
        if (!avail) break;
        size_t n = avail < size - got ? avail : size - got;
        memcpy(raw + got, s->in + s->in_pos, n);
        s->in_pos += n;
        got += n;
    }
    if (got < size) {
        free(raw);
        return cx_fail(err, CHORUS_EFORMAT, "%s@0: zstd dictionary frame is truncated", s->name);
    }
    void *dict = raw;
    size_t dict_len = size;
    if (size >= 4 && raw[0] == 0x28 && raw[1] == 0xb5 && raw[2] == 0x2f && raw[3] == 0xfd) {
        unsigned long long full = ZSTD_getFrameContentSize(raw, size);
        if (full == ZSTD_CONTENTSIZE_UNKNOWN || full == ZSTD_CONTENTSIZE_ERROR || full > MAX_DICT_BYTES) {
            free(raw);
            return cx_fail(err, CHORUS_EFORMAT, "%s@0: unreadable zstd dictionary", s->name);
        }
        dict = cx_malloc((size_t)full);
        size_t r = dict ? ZSTD_decompress(dict, (size_t)full, raw, size) : 0;
        free(raw);
        if (!dict) return cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", s->name);
        if (ZSTD_isError(r)) {
            free(dict);
            return cx_fail(err, CHORUS_EFORMAT, "%s@0: unreadable zstd dictionary (%s)", s->name,
                           ZSTD_getErrorName(r));
        }
        dict_len = r;
    }
    s->dict = dict;
    if (ZSTD_isError(ZSTD_DCtx_loadDictionary(s->zd, dict, dict_len)))
        return cx_fail(err, CHORUS_EFORMAT, "%s@0: invalid zstd dictionary", s->name);
    return 0;
}

int cx_stream_open(cx_stream **out, FILE *f, const char *name, chorus_error *err)
{
    *out = NULL;
    cx_stream *s = cx_calloc(1, sizeof *s);
    if (!s || !(s->name = cx_strdup(name))) {
        free(s);
        return cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", name);
    }
    s->f = f;
    size_t avail = peek(s, 4);
    if (s->io_error) {
        int e = s->io_error;
        cx_stream_close(s);
        return cx_fail(err, CHORUS_EIO, "%s: cannot read: %s", name, strerror(e));
    }
    const unsigned char *p = s->in;
    s->kind = CODEC_PLAIN;
    if (avail >= 2 && p[0] == 0x1f && p[1] == 0x8b) s->kind = CODEC_GZIP;
    else if (avail >= 4 && ((p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) ||
                            ((p[0] & 0xf0) == 0x50 && p[1] == 0x2a && p[2] == 0x4d && p[3] == 0x18)))
        s->kind = CODEC_ZSTD;
    s->at_member_start = 1;
    int rc = 0;
    if (s->kind == CODEC_GZIP) {
        if (inflateInit2(&s->z, 15 + 16) != Z_OK) rc = cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", name);
        else s->z_ready = 1;
    } else if (s->kind == CODEC_ZSTD) {
        s->zd = ZSTD_createDCtx();
        if (!s->zd) rc = cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", name);
        else rc = load_zstd_dictionary(s, err);
    } else {
        member m = {0, 0};
        if (CX_PUSH(s->members, s->n_members, s->cap_members, m))
            rc = cx_fail(err, CHORUS_ENOMEM, "%s: out of memory", name);
    }
    if (rc) {
        cx_stream_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

void cx_stream_close(cx_stream *s)
{
    if (!s) return;
    if (s->z_ready) inflateEnd(&s->z);
    ZSTD_freeDCtx(s->zd);
    free(s->dict);
    free(s->members);
    free(s->name);
    free(s);
}

const char *cx_stream_codec(const cx_stream *s)
{
    return s->kind == CODEC_GZIP ? "gzip" : s->kind == CODEC_ZSTD ? "zstd" : "plain";
}

const char *cx_stream_gap_reason(const cx_stream *s) { return s->gap_reason; }
uint64_t cx_stream_gap_offset(const cx_stream *s) { return s->gap_disk; }

int cx_stream_locate(const cx_stream *s, uint64_t dec, uint64_t *disk, uint64_t *member_dec)
{
    *disk = *member_dec = dec;
    if (s->kind == CODEC_PLAIN) return 1;
    /* The last member starting at or before dec holds it. */
    size_t lo = 0, hi = s->n_members;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->members[mid].dec <= dec) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0) {
        *disk = *member_dec = 0;
        return 0;
    }
    const member *m = &s->members[lo - 1];
    *disk = m->disk;
    *member_dec = m->dec;
    return m->dec == dec;
}

void cx_stream_forget(cx_stream *s, uint64_t dec)
{
    if (s->kind == CODEC_PLAIN) return;
    size_t keep = 0; /* index of the member holding dec */
    while (keep + 1 < s->n_members && s->members[keep + 1].dec <= dec) keep++;
    if (!keep) return;
    memmove(s->members, s->members + keep, (s->n_members - keep) * sizeof *s->members);
    s->n_members -= keep;
}
