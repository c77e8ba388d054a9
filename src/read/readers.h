/* Input readers, one per format. Each turns bytes into articles in the corpus,
 * records every record it could not use in c->skipped, and returns the number
 * of articles added (or a negative code when nothing could be read at all). */
#ifndef CHORUS_READERS_H
#define CHORUS_READERS_H

#include "chorus.h"

int cx_read_text(chorus_corpus *c, const char *name, const char *data, size_t len, chorus_error *err);
int cx_read_jsonl(chorus_corpus *c, const char *name, const char *data, size_t len, chorus_error *err);
/* One JSONL line (without its newline) into the corpus: 1 when an article was
 * added, 0 when the line was blank or skipped (recorded with origin), or
 * CHORUS_ENOMEM. Shared by the file reader and the streaming feed reader. */
int cx_jsonl_line(chorus_corpus *c, const char *line, size_t n, const char *origin, size_t lineno,
                  const char *fallback_outlet);
int cx_read_html(chorus_corpus *c, const char *name, const char *data, size_t len, chorus_error *err);
/* HTML with a charset known from outside the page (HTTP Content-Type), which
 * wins over what the page declares; http_charset and url may be NULL. */
int cx_read_html_charset(chorus_corpus *c, const char *name, const char *data, size_t len,
                         const char *http_charset, const char *url, chorus_error *err);
/* WARC reads from the file itself so archives stream in constant memory. */
int cx_read_warc_file(chorus_corpus *c, const char *path, chorus_error *err);

/* RSS 2.0, RSS 1.0 and Atom (read_feed.c): one article per item or entry. */
int cx_read_feed(chorus_corpus *c, const char *name, const char *data, size_t len, chorus_error *err);
/* 1 when the root element is <rss>, <rdf:RDF> or Atom's <feed>, whatever the file's name. */
int cx_looks_like_feed(const char *data, size_t len);

/* Heuristic: does this buffer look like binary data rather than text? Sets
 * *where to the first offending byte. */
int cx_looks_binary(const char *data, size_t len, size_t *where);

/* Outlet from a file name: the name without directories and extension. */
char *cx_outlet_from_name(const char *name);

#endif
