/* Cleaning scraped text: decide which paragraphs are boilerplate or noise
 * (each with a reason) and find each article's headline. */
#ifndef CHORUS_CLEAN_H
#define CHORUS_CLEAN_H

#include "story.h"

/* Reasons, stable strings used in the digest's "dropped" list; compare by
 * pointer. */
extern const char CX_DROP_REPEATED[];
extern const char CX_DROP_GLUED[];
extern const char CX_DROP_NO_WORDS[];
extern const char CX_DROP_CAPTION[];
extern const char CX_DROP_PROMPT[];
extern const char CX_DROP_WEB_POINTER[];
extern const char CX_DROP_FRAGMENT[];
extern const char CX_DROP_OFFTOPIC_EDGE[];
extern const char CX_DROP_CREDIT[];
extern const char CX_DROP_TITLE[];
extern const char CX_DROP_TOO_LONG[];
extern const char CX_DROP_EDITORS_NOTE[];
extern const char CX_DROP_BUDGET[];
extern const char CX_DROP_OUTSIDE[];
extern const char CX_DROP_SHORT_RUN[];
extern const char CX_DROP_COMMENTS[];
extern const char CX_DROP_TEMPLATE[];
extern const char CX_DROP_INTERFACE[];
extern const char CX_DROP_LONE_TAIL[];
extern const char CX_DROP_LINE_MODEL[];

/* Runs on docs whose paragraphs are filled and sentences not yet split. */
int cx_clean_story(cx_story *s);

/* 1 when s names a web address to visit: a scheme, "www.", or a host name
 * with a path ("site.com/page"); a bare "Amazon.com" does not count. */
int cx_web_address(const char *s, size_t n);

#endif
