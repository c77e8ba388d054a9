/* Streaming decompression of archive files: plain bytes, gzip (any number of
 * members, e.g. one per WARC record or one for the whole file) and zstd (any
 * number of frames, with the optional leading dictionary frame of .warc.zst).
 * The format is recognized from the first bytes, not the file name. Memory
 * stays constant whatever the size of the file.
 *
 * Damaged compressed data does not end the stream: the reader reports a gap
 * (CX_STREAM_GAP) and resumes at the next member or frame it can find, so the
 * bytes before and after a gap are not contiguous. */
#ifndef CHORUS_DECOMPRESS_H
#define CHORUS_DECOMPRESS_H

#include <stdint.h>
#include <stdio.h>

#include "chorus.h"

typedef struct cx_stream cx_stream;

/* Returned by cx_stream_read when damaged data was skipped. */
#define CX_STREAM_GAP (-100)

/* Wrap an open file (positioned at its start); name is used in messages. The
 * stream does not close f. */
int cx_stream_open(cx_stream **out, FILE *f, const char *name, chorus_error *err);
void cx_stream_close(cx_stream *s);

/* Read up to cap decompressed bytes: returns the count (> 0), 0 at the end,
 * CX_STREAM_GAP once per damaged region (see cx_stream_gap_reason), or
 * CHORUS_EIO / CHORUS_ENOMEM when reading cannot go on. */
long cx_stream_read(cx_stream *s, unsigned char *out, size_t cap);

/* "gzip", "zstd" or "plain". */
const char *cx_stream_codec(const cx_stream *s);

/* What the last gap skipped and where (on-disk offset of the damage). */
const char *cx_stream_gap_reason(const cx_stream *s);
uint64_t cx_stream_gap_offset(const cx_stream *s);

/* On-disk offset for decompressed offset dec: the offset itself for plain
 * files; for compressed ones the start of the member or frame holding it,
 * whose first byte is at decompressed offset *member_dec. Returns 1 when
 * *disk is exact (plain files, or dec opens its member as a record of a
 * per-record .warc.gz does), 0 when only the member is known. */
int cx_stream_locate(const cx_stream *s, uint64_t dec, uint64_t *disk, uint64_t *member_dec);

/* The caller will never locate offsets below dec again: drop older members. */
void cx_stream_forget(cx_stream *s, uint64_t dec);

/* WARC archives from an already open stream (memory via fmemopen, fuzzing);
 * name is used in messages and origins. Same contract as cx_read_warc_file. */
int cx_read_warc_stream(chorus_corpus *c, FILE *f, const char *name, chorus_error *err);

#endif
