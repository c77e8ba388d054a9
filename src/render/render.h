/* Renderers: a digest written in one output format. Each writes to the
 * caller's stream and returns 0, or -1 when a write failed. */
#ifndef CHORUS_RENDER_H
#define CHORUS_RENDER_H

#include <stdio.h>

#include "digest.h"

int cx_render_markdown(const chorus_digest *d, FILE *out);
int cx_render_json(const chorus_digest *d, FILE *out);
int cx_render_text(const chorus_digest *d, FILE *out);
int cx_render_summary(const chorus_digest *d, FILE *out);
int cx_render_html(const chorus_digest *d, FILE *out);
/* The digest's skipped_quotes array (docs/digest-schema.md), a new reference. */
struct json_t *cx_skipped_quotes_json(const chorus_digest *d);

/* An article's publication time as every format prints it: ISO 8601 in UTC
 * ("2020-01-07T08:30:00Z") when it was understood, else the text as given
 * (NULL when there is none). buf holds at least 32 bytes. */
const char *cx_published_iso(const chorus_article *a, char *buf, size_t cap);

#endif
