/* The HTML pre-pass (see html_bounds.h). One pass, constant work per byte
 * apart from a bounded look down the stack of open elements per end tag. */
#include "html_bounds.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chorus.h"
#include "util.h"

/* How far down the open elements an end tag looks for its start tag. A
 * browser looks further, but an end tag matching an element this deep is
 * not seen in real pages; not finding it only overestimates the depth. */
#define END_TAG_REACH 256
#define BUCKETS 1024

typedef struct {
    const char *h;
    size_t len;
    cx_html_bounds *b;
    cx_buf out;
    int rewriting;    /* out holds the page up to copied */
    size_t copied;    /* input bytes settled (copied or dropped) */
    uint32_t *stack;  /* name hashes of open elements */
    size_t depth, cap;
    unsigned open_by_bucket[BUCKETS];
    int oom;
} pass;

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static uint32_t name_hash(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (uint32_t)cx_ascii_lower((unsigned char)p[i])) * 16777619u;
    return h;
}

static int name_is(const char *p, size_t n, const char *lit)
{
    return strlen(lit) == n && !strncasecmp(p, lit, n);
}

/* Elements that hold no others, or close themselves when a sibling opens:
 * they do not deepen the tree. */
static int is_flat(const char *p, size_t n)
{
    static const char *const flat[] = {"br", "img", "input", "meta", "link", "hr", "wbr", "area", "base",
                                       "col", "embed", "param", "source", "track", "p", "li", "dt", "dd",
                                       "option", "tr", "td", "th", "keygen", "frame", "image", NULL};
    for (size_t k = 0; flat[k]; k++)
        if (name_is(p, n, flat[k])) return 1;
    return 0;
}

/* Elements whose content is text up to their own end tag. */
static int is_raw_text(const char *p, size_t n)
{
    static const char *const raw[] = {"script", "style", "textarea", "title", "xmp", "iframe",
                                      "noembed", "noframes", NULL};
    for (size_t k = 0; raw[k]; k++)
        if (name_is(p, n, raw[k])) return 1;
    return 0;
}

/* Settle input up to `to`: copied when keep, dropped otherwise. */
static void settle(pass *s, size_t to, int keep)
{
    if (to <= s->copied) return;
    if (!keep && !s->rewriting) {
        s->rewriting = 1;
        if (cx_buf_append(&s->out, s->h, s->copied)) s->oom = 1;
    }
    if (keep && s->rewriting && cx_buf_append(&s->out, s->h + s->copied, to - s->copied)) s->oom = 1;
    s->copied = to;
}

static void cut(pass *s, size_t at, cx_html_cut why)
{
    settle(s, at, 1);
    if (!s->rewriting) {
        s->rewriting = 1;
        if (cx_buf_append(&s->out, s->h, at)) s->oom = 1;
    }
    s->copied = s->len;
    s->b->cut = why;
    s->b->cut_at = at;
}

/* A start tag's attributes from i (after the name); returns the offset
 * after its '>' (or the end). Attributes past the limit are dropped. */
static size_t attributes(pass *s, size_t i, size_t tag_at)
{
    const char *h = s->h;
    size_t n = s->len, count = 0, dropped = 0;
    for (;;) {
        while (i < n && (is_space(h[i]) || h[i] == '/')) i++;
        if (i >= n) return n;
        if (h[i] == '>') return i + 1;
        size_t start = i;
        while (i < n && !is_space(h[i]) && h[i] != '/' && h[i] != '>' && (h[i] != '=' || i == start)) i++;
        size_t j = i;
        while (j < n && is_space(h[j])) j++;
        if (j < n && h[j] == '=') {
            j++;
            while (j < n && is_space(h[j])) j++;
            if (j < n && (h[j] == '"' || h[j] == '\'')) {
                const char *close = memchr(h + j + 1, h[j], n - j - 1);
                j = close ? (size_t)(close - h) + 1 : n;
            } else {
                while (j < n && !is_space(h[j]) && h[j] != '>') j++;
            }
            i = j;
        }
        if (++count > s->b->max_attributes && s->b->max_attributes) {
            /* drop the attribute with the space before it */
            size_t from = start;
            while (from > s->copied && is_space(h[from - 1])) from--;
            settle(s, from, 1);
            settle(s, i, 0);
            dropped++;
            s->b->dropped_attributes++;
        }
        if (dropped == 1 && count == s->b->max_attributes + 1) {
            if (!s->b->elements_with_dropped) s->b->first_dropped_at = tag_at;
            s->b->elements_with_dropped++;
        }
    }
}

static void push(pass *s, uint32_t hash)
{
    if (s->depth == s->cap && cx_grow((void **)&s->stack, &s->cap, s->depth + 1, sizeof *s->stack)) {
        s->oom = 1;
        return;
    }
    s->stack[s->depth++] = hash;
    s->open_by_bucket[hash % BUCKETS]++;
}

static void end_tag(pass *s, uint32_t hash)
{
    if (!s->open_by_bucket[hash % BUCKETS]) return; /* nothing of that name is open */
    size_t floor = s->depth > END_TAG_REACH ? s->depth - END_TAG_REACH : 0;
    for (size_t k = s->depth; k > floor; k--) {
        if (s->stack[k - 1] != hash) continue;
        while (s->depth >= k) s->open_by_bucket[s->stack[--s->depth] % BUCKETS]--;
        return;
    }
}

int cx_html_bound(const char *html, size_t len, cx_html_bounds *b, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    b->cut = CX_HTML_WHOLE;
    b->cut_at = b->dropped_attributes = b->elements_with_dropped = b->first_dropped_at = 0;
    pass s;
    memset(&s, 0, sizeof s);
    s.h = html;
    s.len = len;
    s.b = b;
    cx_buf_init(&s.out);
    size_t tokens = 0, i = 0;
    while (i < len && !s.oom && s.copied < len) {
        const char *lt = memchr(html + i, '<', len - i);
        size_t at = lt ? (size_t)(lt - html) : len;
        if (at > i) tokens++; /* a text run */
        if (at + 1 >= len) break;
        if (b->max_tokens && ++tokens > b->max_tokens) {
            cut(&s, at, CX_HTML_CUT_TOKENS);
            break;
        }
        char c = html[at + 1];
        if (c == '!' && at + 3 < len && html[at + 2] == '-' && html[at + 3] == '-') {
            const char *end = memmem(html + at + 4, len - at - 4, "-->", 3);
            i = end ? (size_t)(end - html) + 3 : len;
            continue;
        }
        if (c == '!' || c == '?') { /* doctype, processing instruction, bogus comment */
            const char *gt = memchr(html + at + 1, '>', len - at - 1);
            i = gt ? (size_t)(gt - html) + 1 : len;
            continue;
        }
        int closing = c == '/';
        size_t ns = at + 1 + (size_t)closing;
        if (ns >= len || !is_alpha(html[ns])) { /* "<" as text */
            i = at + 1;
            continue;
        }
        size_t ne = ns;
        while (ne < len && !is_space(html[ne]) && html[ne] != '/' && html[ne] != '>') ne++;
        uint32_t hash = name_hash(html + ns, ne - ns);
        if (closing) {
            end_tag(&s, hash);
            const char *gt = memchr(html + ne, '>', len - ne);
            i = gt ? (size_t)(gt - html) + 1 : len;
            continue;
        }
        i = attributes(&s, ne, at);
        int self_closing = i >= 2 && html[i - 1] == '>' && html[i - 2] == '/';
        if (is_raw_text(html + ns, ne - ns)) {
            /* skip to "</name" */
            size_t k = i, nl = ne - ns;
            for (;;) {
                const char *p = k < len ? memchr(html + k, '<', len - k) : NULL;
                if (!p) {
                    k = len;
                    break;
                }
                k = (size_t)(p - html);
                if (k + 2 + nl <= len && html[k + 1] == '/' && !strncasecmp(html + k + 2, html + ns, nl)) break;
                k++;
            }
            i = k;
            continue;
        }
        if (name_is(html + ns, ne - ns, "plaintext")) break; /* the rest is text */
        if (self_closing || is_flat(html + ns, ne - ns)) continue;
        if (b->max_nesting && s.depth >= b->max_nesting) {
            cut(&s, at, CX_HTML_CUT_NESTING);
            break;
        }
        push(&s, hash);
    }
    if (!s.oom && s.rewriting) settle(&s, len, 1);
    free(s.stack);
    if (s.oom) {
        cx_buf_free(&s.out);
        return CHORUS_ENOMEM;
    }
    if (!s.rewriting) {
        cx_buf_free(&s.out);
        return 0;
    }
    if (!s.out.data && cx_buf_append(&s.out, "", 0)) return CHORUS_ENOMEM;
    *out_len = s.out.len;
    *out = cx_buf_take(&s.out);
    return 0;
}
