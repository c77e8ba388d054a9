/* Memory for the HTML parser. gumbo has no way to report an allocation
 * failure (it writes through the null pointer), so the parser gets its own
 * allocator: every block is tracked, a budget (the html-memory limit) caps
 * one page, and a failed or over-budget allocation jumps back to the caller,
 * which frees everything the parse had taken and reports the page. */
#ifndef CHORUS_HTML_MEMORY_H
#define CHORUS_HTML_MEMORY_H

#include <setjmp.h>
#include <stddef.h>

typedef struct cx_html_memory {
    void *blocks;     /* live blocks, doubly linked */
    size_t used;      /* bytes in live blocks */
    size_t budget;    /* 0: none */
    int over_budget;  /* why the jump happened: 1 budget, 0 malloc failed */
    jmp_buf on_fail;  /* set by the caller with setjmp before parsing */
} cx_html_memory;

/* gumbo's GumboAllocatorFunction / GumboDeallocatorFunction, userdata being
 * the cx_html_memory. */
void *cx_html_memory_alloc(void *userdata, size_t size);
void cx_html_memory_free(void *userdata, void *ptr);
/* Free every block still live (after a jump out of the parser). */
void cx_html_memory_release(cx_html_memory *m);

#endif
