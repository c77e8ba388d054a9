/* Reading a feed in pieces: an article JSONL file of any size is read a
 * bounded number of articles at a time, so ingesting a feed of millions of
 * articles needs memory for one window only. Other inputs (text, HTML, WARC,
 * directories, standard input) are read whole by chorus_read_path. */
#ifndef CHORUS_FEED_H
#define CHORUS_FEED_H

#include "chorus.h"

typedef struct cx_feed cx_feed;

/* 1 when path is read as a stream of JSONL records (a .jsonl/.ndjson file,
 * or a regular file whose first non-blank byte is '{'). */
int cx_feed_is_stream(const char *path);

int cx_feed_open(const char *path, cx_feed **out, chorus_error *err);
/* Append up to max articles to c (bad lines go to c->skipped, as with
 * chorus_read_path). Returns the number of articles added, or a negative
 * code on a read error. */
int cx_feed_next(cx_feed *f, chorus_corpus *c, size_t max, chorus_error *err);
/* 1 once the whole file has been read. */
int cx_feed_done(const cx_feed *f);
void cx_feed_close(cx_feed *f);

#endif
