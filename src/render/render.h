/* Renderers: a digest written in one output format. Each writes to the
 * caller's stream and returns 0, or -1 when a write failed. */
#ifndef CHORUS_RENDER_H
#define CHORUS_RENDER_H

#include <stdio.h>

#include "digest.h"

int cx_render_markdown(const chorus_digest *d, FILE *out);
int cx_render_json(const chorus_digest *d, FILE *out);
int cx_render_text(const chorus_digest *d, FILE *out);
int cx_render_html(const chorus_digest *d, FILE *out);

#endif
