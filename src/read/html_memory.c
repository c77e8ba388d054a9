/* Tracked, budgeted allocation for the HTML parser (see html_memory.h). */
#include "html_memory.h"

#include <stdint.h>
#include <stdlib.h>

typedef union block {
    struct {
        union block *prev, *next;
        size_t size;
    } h;
    max_align_t align; /* the payload after the header stays aligned */
} block;

void *cx_html_memory_alloc(void *userdata, size_t size)
{
    cx_html_memory *m = userdata;
    if (size == 0) size = 1;
    if (size > SIZE_MAX - sizeof(block) || (m->budget && (size > m->budget || m->used > m->budget - size))) {
        m->over_budget = 1;
        longjmp(m->on_fail, 1);
    }
    block *b = malloc(sizeof(block) + size);
    if (!b) {
        m->over_budget = 0;
        longjmp(m->on_fail, 1);
    }
    b->h.size = size;
    b->h.prev = NULL;
    b->h.next = m->blocks;
    if (b->h.next) b->h.next->h.prev = b;
    m->blocks = b;
    m->used += size;
    return b + 1;
}

void cx_html_memory_free(void *userdata, void *ptr)
{
    if (!ptr) return;
    cx_html_memory *m = userdata;
    block *b = (block *)ptr - 1;
    if (b->h.prev) b->h.prev->h.next = b->h.next;
    else m->blocks = b->h.next;
    if (b->h.next) b->h.next->h.prev = b->h.prev;
    m->used -= b->h.size;
    free(b);
}

void cx_html_memory_release(cx_html_memory *m)
{
    block *b = m->blocks;
    while (b) {
        block *next = b->h.next;
        free(b);
        b = next;
    }
    m->blocks = NULL;
    m->used = 0;
}
