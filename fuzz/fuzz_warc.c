/* WARC archives: the input as stored (plain, or gzip/zstd if it starts like
 * one), then compressed in two gzip members and in two zstd frames, so the
 * WARC parser also sees arbitrary bytes behind a valid compression layer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "decompress.h"
#include "readers.h"

static void read_archive(const uint8_t *data, size_t size, const char *name)
{
    FILE *f = fmemopen((void *)data, size, "rb");
    if (!f) return; /* fmemopen refuses empty buffers on some libcs */
    chorus_corpus c;
    chorus_error err;
    chorus_corpus_init(&c);
    cx_read_warc_stream(&c, f, name, &err);
    chorus_corpus_free(&c);
    fclose(f);
}

static size_t gzip_member(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return 0;
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    int ret = deflate(&z, Z_FINISH);
    size_t len = cap - z.avail_out;
    deflateEnd(&z);
    return ret == Z_STREAM_END ? len : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    read_archive(data, size, "fuzz.warc");

    size_t half = size / 2, cap = compressBound(size) + 64;
    uint8_t *gz = malloc(cap);
    if (!gz) return 0;
    size_t a = gzip_member(data, half, gz, cap);
    size_t b = a ? gzip_member(data + half, size - half, gz + a, cap - a) : 0;
    if (a && b) read_archive(gz, a + b, "fuzz.warc.gz");
    free(gz);

    cap = ZSTD_compressBound(half) + ZSTD_compressBound(size - half);
    uint8_t *zs = malloc(cap);
    if (!zs) return 0;
    a = ZSTD_compress(zs, cap, data, half, 1);
    b = ZSTD_isError(a) ? a : ZSTD_compress(zs + a, cap - a, data + half, size - half, 1);
    if (!ZSTD_isError(a) && !ZSTD_isError(b)) read_archive(zs, a + b, "fuzz.warc.zst");
    free(zs);
    return 0;
}
