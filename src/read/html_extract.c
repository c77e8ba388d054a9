/* Main-content extraction.
 *
 * The page is parsed with gumbo and flattened into an array of nodes in
 * document order (a subtree is a contiguous range), so every later pass is a
 * linear scan. Then:
 *   1. boilerplate elements are marked: navigation, asides, footers, form
 *      controls, captions, hidden elements, and elements whose class or id
 *      words say "comment", "share", "related", "cookie"... (unless they are
 *      most of the page or hold real paragraphs: wrappers get odd names);
 *   2. text statistics are summed bottom-up over what is left;
 *   3. every paragraph-like block gives a score (length, commas) to its
 *      ancestors, damped by distance; a container's score is weighted by its
 *      class/id words and by how little of its text is link text;
 *   4. the best container is widened to an ancestor when the score is spread
 *      over siblings, to an enclosing <article>/<main> of about its size, or
 *      to the smallest subtree holding most of the page's prose when it holds
 *      too little of it; prose siblings (a lead above the body) join it;
 *   5. it is rendered block by block, dropping link lists, link-dense
 *      blocks, the headline (kept as the title), headings left without their
 *      section, and short unpunctuated lines at either end.
 * Every signal is about markup and text shape, not about a language or site. */
#include "html_extract.h"

#include <gumbo.h>
#include <jansson.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html_bounds.h"
#include "html_memory.h"
#include "util.h"

/* Deeper nesting than this is ignored: no real article needs it, and the
 * recursion must stay bounded on hostile input. */
#define MAX_DEPTH 400
/* Pages nested deeper than this are refused before parsing: the parser
 * builds and frees its tree recursively, so depth costs stack. */
#define MAX_NESTING 10000
/* Blocks shorter than this (in characters) count as short lines. */
#define EDGE_SHORT 40

enum {
    F_TEXT = 1u << 0,       /* a text node */
    F_BLOCK = 1u << 1,      /* element that starts a new line */
    F_DROP = 1u << 2,       /* boilerplate by tag or attribute */
    F_NEG = 1u << 3,        /* class/id words say boilerplate */
    F_POS = 1u << 4,        /* class/id words say content */
    F_STRONG_NEG = 1u << 5, /* class/id says comments or the like, whatever else it says */
    F_LINK = 1u << 6,       /* inside <a href> */
    F_REMOVED = 1u << 7,    /* final decision: not part of the text */
    F_PRE = 1u << 8,        /* inside <pre>: keep line breaks */
    F_HEADING = 1u << 9,
    F_ARTICLE = 1u << 10,   /* <article>, <main>, itemprop=articleBody */
    F_BR = 1u << 11,
    F_SCORED = 1u << 12,
    F_IN_ARTICLE = 1u << 13, /* inside <article> or <main> */
    F_ITEMBODY = 1u << 14,   /* itemprop=articleBody and the like */
};

typedef struct xnode {
    GumboNode *g;
    int parent, end;  /* end: one past the last descendant */
    int block;        /* nearest block ancestor (for text nodes) */
    int text_len;     /* bytes of a text node's text */
    uint32_t flags;
    GumboTag tag;
    int chars;        /* visible non-space characters in the subtree */
    int link_chars;
    int own_chars;    /* text directly in this block, not in nested blocks */
    int commas;       /* commas and sentence ends directly in this block */
    int raw_chars;    /* chars before boilerplate was removed */
    int best_para;    /* longest prose paragraph (own text) in the subtree */
    int prose;        /* characters of prose paragraphs in the subtree */
    double score;
} xnode;

typedef struct {
    xnode *v;
    size_t n, cap;
    /* metadata gathered while flattening */
    char *meta_title, *og_title, *html_title, *h1;
    char *og_site, *app_name, *og_url, *canonical;
    char *meta_date, *time_date;
    char *meta_author, *byline;
    cx_buf ld_json; /* all JSON-LD scripts, NUL-separated */
    int oom;
} page;

/* ---- small string helpers ---------------------------------------------- */

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Visible characters (code points that are not ASCII space) in s. */
static void count_text(const char *s, size_t n, int *chars, int *commas)
{
    int c = 0, k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch & 0xC0) == 0x80 || is_space(ch)) continue;
        c++;
        if (ch == ',' || ch == '.' || ch == ';' || ch == '!' || ch == '?') k++;
        else if (ch == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBC &&
                 ((unsigned char)s[i + 2] == 0x8C || (unsigned char)s[i + 2] == 0x8E))
            k++; /* fullwidth comma and stop */
        else if (ch == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                 ((unsigned char)s[i + 2] == 0x81 || (unsigned char)s[i + 2] == 0x82))
            k++; /* ideographic comma and full stop */
    }
    *chars += c;
    *commas += k;
}

/* Trimmed copy with inner whitespace collapsed; NULL for blank input. */
static char *clean_copy(const char *s, size_t n)
{
    if (!s) return NULL;
    char *o = cx_malloc(n + 1);
    if (!o) return NULL;
    size_t w = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_space(c) || (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)) {
            if (c == 0xC2) i++;
            space = w > 0;
            continue;
        }
        if (space) o[w++] = ' ', space = 0;
        o[w++] = (char)c;
    }
    o[w] = '\0';
    if (!w) {
        free(o);
        return NULL;
    }
    return o;
}

static void set_once(char **slot, const char *s, size_t n)
{
    if (*slot || !s) return;
    *slot = clean_copy(s, n);
}

static const char *attr(GumboNode *g, const char *name)
{
    GumboAttribute *a = gumbo_get_attribute(&g->v.element.attributes, name);
    return a ? a->value : NULL;
}

/* Concatenated text of a subtree (for <title>, <h1>, bylines). */
static void subtree_text(GumboNode *g, cx_buf *b, int depth)
{
    if (depth > 64) return;
    if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE || g->type == GUMBO_NODE_CDATA) {
        cx_buf_puts(b, g->v.text.text);
        return;
    }
    if (g->type != GUMBO_NODE_ELEMENT) return;
    GumboTag t = g->v.element.tag;
    if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE) return;
    GumboVector *ch = &g->v.element.children;
    for (unsigned i = 0; i < ch->length; i++) {
        subtree_text(ch->data[i], b, depth + 1);
        cx_buf_putc(b, ' ');
    }
}

static char *node_text(GumboNode *g)
{
    cx_buf b;
    cx_buf_init(&b);
    subtree_text(g, &b, 0);
    char *s = b.data ? clean_copy(b.data, b.len) : NULL;
    cx_buf_free(&b);
    return s;
}

/* ---- class and id words ------------------------------------------------- */

/* Class and id values are split into tokens (at spaces) and words (at
 * punctuation and lower-to-upper case changes). In a compound token the last
 * telling word is its head, as in "post-ratings" (ratings, not a post) or
 * "entry-content" (content). Lists are markup vocabulary, not prose, so they
 * work whatever the page's language. */

/* Any word containing these is boilerplate. */
static const char *const NEG_INFIX[] = {
    "widget", "sidebar", "footer", "share", "sharing", "social", "breadcrumb", "banner", "advert",
    "promo", "sponsor", "pagination", "navigation", "navbar", "subnav", "menu", "cookie",
    "newsletter", "related", "comment", "masthead", "toolbar", "offcanvas", "teaserlist", NULL};
/* Words starting with these are boilerplate. */
static const char *const NEG_PREFIX[] = {
    "nav", "foot", "consent", "gdpr", "subscri", "signup", "popup", "modal", "overlay",
    "sociable", "recommend", "pager", "tags", "taglist", "tagcloud", "keyword", "byline", "author",
    "meta", "caption", "credit", "copyright", "skip", "login", "rating", "tooltip",
    "outbrain", "taboola", "disqus", "sitemap", "topbar", "jump",
    "timestamp", "published", "posted", "infobox", "follow", "donate", "paywall",
    "trending", "popular", "ticker", "shop", "links", "linklist", "counter", "lightbox", "gallery",
    "slideshow", "carousel", "vcard", "profile", "contact", "categor", "archive", "calendar",
    "search", "icon", "button", "btn", "utility", "feedback", "rss", "dropdown", "legend",
    "breaking", "cta", "notice", "disclaimer", NULL};
/* Whole words that are boilerplate but too short to match as prefixes. */
static const char *const NEG_EXACT[] = {"ad", "ads", "adv", "top", "aside", "tag", "more", "most", "date",
                                        "bio", "share", "sr", "tools", "tool", "extra", NULL};
/* Words that mark content. */
static const char *const POS_PREFIX[] = {"article", "content", "entry", "post", "story", "text",
                                         "body", "main", "blog", "hentry", "single", "richtext",
                                         "prose", "lead", "news", "detail", "page", "intro", "summary",
                                         "abstract", NULL};
/* Boilerplate whatever else the element says: comments, related links, consent. */
static const char *const STRONG_INFIX[] = {"comment", "disqus", "outbrain", "taboola", "related",
                                           "respond", "cookie", "consent", "newsletter", NULL};
static const char *const STRONG_PREFIX[] = {"reply", "discussion", "author", "bio", NULL};

static int word_has(const char *w, size_t n, const char *const *infix, const char *const *prefix,
                    const char *const *exact)
{
    for (size_t k = 0; infix && infix[k]; k++)
        if (memmem(w, n, infix[k], strlen(infix[k]))) return 1;
    for (size_t k = 0; prefix && prefix[k]; k++) {
        size_t pl = strlen(prefix[k]);
        if (n >= pl && !memcmp(w, prefix[k], pl)) return 1;
    }
    for (size_t k = 0; exact && exact[k]; k++)
        if (n == strlen(exact[k]) && !memcmp(w, exact[k], n)) return 1;
    return 0;
}

static int is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static uint32_t token_flags(const char *s, size_t n)
{
    int head = 0; /* 1: boilerplate, 2: content, 3: comments and the like */
    int first_strong = 0, words = 0;
    char word[48];
    for (size_t i = 0; i < n;) {
        while (i < n && !is_alnum(s[i])) i++;
        size_t w = 0, start = i;
        while (i < n && is_alnum(s[i])) {
            if (i > start && s[i] >= 'A' && s[i] <= 'Z' && s[i - 1] >= 'a' && s[i - 1] <= 'z') break;
            if (w + 1 < sizeof word) word[w++] = (char)cx_ascii_lower((unsigned char)s[i]);
            i++;
        }
        if (!w) continue;
        /* "commentary" is an opinion piece, not reader comments */
        if (w >= 10 && !memcmp(word, "commentary", 10)) head = 2;
        else if (word_has(word, w, STRONG_INFIX, STRONG_PREFIX, NULL)) {
            head = 3;
            if (!words) first_strong = 1;
        }
        else if (word_has(word, w, NEG_INFIX, NEG_PREFIX, NEG_EXACT)) head = 1;
        else if (word_has(word, w, NULL, POS_PREFIX, NULL)) head = 2;
        words++;
    }
    /* "comments", "comment-list", "related-posts" name the element; in
     * "displayed_author-jane-doe" or "tag-comments" the word is a value */
    if (first_strong) head = 3;
    else if (head == 3) head = 1;
    return head == 3 ? F_STRONG_NEG | F_NEG : head == 1 ? F_NEG : head == 2 ? F_POS : 0;
}

static uint32_t class_flags(GumboNode *g)
{
    uint32_t f = 0;
    const char *names[2] = {attr(g, "class"), attr(g, "id")};
    for (int k = 0; k < 2; k++) {
        const char *s = names[k];
        if (!s) continue;
        for (size_t i = 0; s[i];) {
            while (s[i] && is_space((unsigned char)s[i])) i++;
            size_t start = i;
            while (s[i] && !is_space((unsigned char)s[i])) i++;
            if (i > start) f |= token_flags(s + start, i - start);
        }
    }
    const char *itemprop = attr(g, "itemprop");
    if (itemprop && (strstr(itemprop, "articleBody") || strstr(itemprop, "text"))) f |= F_POS | F_ITEMBODY;
    return f;
}

/* ---- tags --------------------------------------------------------------- */

/* Never text: skipped while flattening. */
static int is_invisible(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_MAP: case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_IMG: case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_TITLE:
    case GUMBO_TAG_BASE: case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK:
    case GUMBO_TAG_RT: case GUMBO_TAG_RP: /* ruby readings: the base text is the text */
    case GUMBO_TAG_FRAMESET: case GUMBO_TAG_FRAME: case GUMBO_TAG_APPLET:
        return 1;
    default: return 0;
    }
}

/* Boilerplate by its very tag. */
static int is_boilerplate_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_MENU: case GUMBO_TAG_LABEL: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_LEGEND: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_NOSCRIPT: /* a boilerplate tag, not invisible: broken pages nest everything in it */
        return 1;
    default: return 0;
    }
}

static int is_block(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_A: case GUMBO_TAG_ABBR: case GUMBO_TAG_B: case GUMBO_TAG_BDI: case GUMBO_TAG_BDO:
    case GUMBO_TAG_CITE: case GUMBO_TAG_CODE: case GUMBO_TAG_DATA: case GUMBO_TAG_DFN:
    case GUMBO_TAG_EM: case GUMBO_TAG_FONT: case GUMBO_TAG_I: case GUMBO_TAG_KBD: case GUMBO_TAG_MARK:
    case GUMBO_TAG_Q: case GUMBO_TAG_RP: case GUMBO_TAG_RT: case GUMBO_TAG_RUBY: case GUMBO_TAG_S:
    case GUMBO_TAG_SAMP: case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN: case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_TIME: case GUMBO_TAG_TT: case GUMBO_TAG_U:
    case GUMBO_TAG_VAR: case GUMBO_TAG_WBR: case GUMBO_TAG_BIG: case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_NOBR: case GUMBO_TAG_INS: case GUMBO_TAG_DEL: case GUMBO_TAG_ACRONYM:
    case GUMBO_TAG_BLINK: case GUMBO_TAG_BASEFONT:
        return 0;
    default: return 1; /* block elements and unknown (custom) elements */
    }
}

static int is_heading(GumboTag t)
{
    return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 ||
           t == GUMBO_TAG_H5 || t == GUMBO_TAG_H6;
}

static int is_hidden(GumboNode *g)
{
    if (gumbo_get_attribute(&g->v.element.attributes, "hidden")) return 1;
    const char *aria = attr(g, "aria-hidden");
    if (aria && !strcmp(aria, "true")) return 1;
    const char *style = attr(g, "style");
    if (style) {
        char tmp[256];
        size_t w = 0;
        for (size_t i = 0; style[i] && w + 1 < sizeof tmp; i++)
            if (!is_space((unsigned char)style[i])) tmp[w++] = (char)cx_ascii_lower((unsigned char)style[i]);
        tmp[w] = '\0';
        if (strstr(tmp, "display:none") || strstr(tmp, "visibility:hidden")) return 1;
    }
    const char *role = attr(g, "role");
    if (role && (!strcmp(role, "navigation") || !strcmp(role, "complementary") ||
                 !strcmp(role, "banner") || !strcmp(role, "contentinfo") || !strcmp(role, "menu") ||
                 !strcmp(role, "menubar") || !strcmp(role, "dialog") || !strcmp(role, "alertdialog") ||
                 !strcmp(role, "search") || !strcmp(role, "toolbar")))
        return 1;
    return 0;
}

/* ---- metadata from head and markup -------------------------------------- */

static void take_meta(page *p, GumboNode *g)
{
    const char *key = attr(g, "property");
    if (!key) key = attr(g, "name");
    if (!key) key = attr(g, "itemprop");
    const char *content = attr(g, "content");
    if (!key || !content) return;
    size_t n = strlen(content);
    char k[64];
    size_t w = 0;
    for (size_t i = 0; key[i] && w + 1 < sizeof k; i++) k[w++] = (char)cx_ascii_lower((unsigned char)key[i]);
    k[w] = '\0';
    if (!strcmp(k, "og:title") || !strcmp(k, "twitter:title")) set_once(&p->og_title, content, n);
    else if (!strcmp(k, "title") || !strcmp(k, "dc.title") || !strcmp(k, "headline")) set_once(&p->meta_title, content, n);
    else if (!strcmp(k, "og:site_name")) set_once(&p->og_site, content, n);
    else if (!strcmp(k, "application-name")) set_once(&p->app_name, content, n);
    else if (!strcmp(k, "og:url")) set_once(&p->og_url, content, n);
    else if (!strcmp(k, "article:published_time") || !strcmp(k, "datepublished") ||
             !strcmp(k, "og:published_time") || !strcmp(k, "article:published") ||
             !strcmp(k, "date") || !strcmp(k, "dc.date") || !strcmp(k, "dc.date.issued") ||
             !strcmp(k, "dcterms.created") || !strcmp(k, "dcterms.date") || !strcmp(k, "pubdate") ||
             !strcmp(k, "publishdate") || !strcmp(k, "publish-date") || !strcmp(k, "sailthru.date") ||
             !strcmp(k, "parsely-pub-date") || !strcmp(k, "article.published") ||
             !strcmp(k, "citation_publication_date") || !strcmp(k, "datecreated"))
        set_once(&p->meta_date, content, n);
    else if (!strcmp(k, "author") || !strcmp(k, "dc.creator") || !strcmp(k, "article:author") ||
             !strcmp(k, "parsely-author") || !strcmp(k, "sailthru.author") || !strcmp(k, "byl")) {
        if (strncmp(content, "http", 4) != 0) set_once(&p->meta_author, content, n);
    }
}

static void take_head_element(page *p, GumboNode *g)
{
    GumboTag t = g->v.element.tag;
    if (t == GUMBO_TAG_META) take_meta(p, g);
    else if (t == GUMBO_TAG_TITLE && !p->html_title) p->html_title = node_text(g);
    else if (t == GUMBO_TAG_LINK) {
        const char *rel = attr(g, "rel"), *href = attr(g, "href");
        if (rel && href && cx_strcaseeq(rel, "canonical")) set_once(&p->canonical, href, strlen(href));
    } else if (t == GUMBO_TAG_SCRIPT) {
        const char *type = attr(g, "type");
        if (type && cx_strcaseeq(type, "application/ld+json")) {
            GumboVector *ch = &g->v.element.children;
            for (unsigned i = 0; i < ch->length; i++) {
                GumboNode *c = ch->data[i];
                if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA || c->type == GUMBO_NODE_WHITESPACE)
                    cx_buf_puts(&p->ld_json, c->v.text.text);
            }
            cx_buf_append(&p->ld_json, "", 1); /* NUL separator */
        }
    }
}

/* Walk everything for metadata elements, wherever pages put them. */
static void scan_meta(page *p, GumboNode *g, int depth)
{
    if (g->type != GUMBO_NODE_ELEMENT || depth > MAX_DEPTH) return;
    GumboTag t = g->v.element.tag;
    if (t == GUMBO_TAG_META || t == GUMBO_TAG_TITLE || t == GUMBO_TAG_LINK || t == GUMBO_TAG_SCRIPT) {
        take_head_element(p, g);
        return;
    }
    if (t == GUMBO_TAG_SVG || t == GUMBO_TAG_STYLE) return;
    if (t == GUMBO_TAG_H1 && !p->h1) p->h1 = node_text(g);
    if (t == GUMBO_TAG_TIME && !p->time_date) {
        const char *dt = attr(g, "datetime");
        if (dt) set_once(&p->time_date, dt, strlen(dt));
    }
    if (!p->byline && (t == GUMBO_TAG_A || t == GUMBO_TAG_SPAN || t == GUMBO_TAG_DIV || t == GUMBO_TAG_P)) {
        const char *rel = attr(g, "rel"), *ip = attr(g, "itemprop"), *cls = attr(g, "class");
        if ((rel && !strcmp(rel, "author")) || (ip && !strcmp(ip, "author")) ||
            (cls && (strstr(cls, "byline") || strstr(cls, "author-name")))) {
            char *s = node_text(g);
            if (s && strlen(s) < 80) p->byline = s;
            else free(s);
        }
    }
    GumboVector *ch = &g->v.element.children;
    for (unsigned i = 0; i < ch->length; i++) scan_meta(p, ch->data[i], depth + 1);
}

/* ---- flattening --------------------------------------------------------- */

static int push_node(page *p, xnode x)
{
    if (CX_PUSH(p->v, p->n, p->cap, x)) {
        p->oom = 1;
        return -1;
    }
    return (int)p->n - 1;
}

static void flatten(page *p, GumboNode *g, int parent, int block, uint32_t inherit, int depth)
{
    if (p->oom || depth > MAX_DEPTH) return;
    if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE || g->type == GUMBO_NODE_CDATA) {
        xnode x = {.g = g, .parent = parent, .block = block, .flags = F_TEXT | (inherit & (F_LINK | F_PRE)),
                   .text_len = (int)strlen(g->v.text.text)};
        int i = push_node(p, x);
        if (i >= 0) p->v[i].end = i + 1;
        return;
    }
    if (g->type != GUMBO_NODE_ELEMENT && g->type != GUMBO_NODE_TEMPLATE) return;
    GumboTag t = g->v.element.tag;
    if (is_invisible(t)) return;
    uint32_t f = inherit & (F_LINK | F_PRE | F_IN_ARTICLE);
    if (t == GUMBO_TAG_BR) {
        xnode x = {.g = g, .parent = parent, .block = block, .tag = t, .flags = F_BR | f};
        int i = push_node(p, x);
        if (i >= 0) p->v[i].end = i + 1;
        return;
    }
    if (is_block(t)) f |= F_BLOCK;
    /* a header inside an article holds its headline and lead, not the site's banner */
    if ((is_boilerplate_tag(t) && !(t == GUMBO_TAG_HEADER && (inherit & F_IN_ARTICLE))) || is_hidden(g))
        f |= F_DROP;
    if (t == GUMBO_TAG_A && attr(g, "href")) f |= F_LINK;
    if (t == GUMBO_TAG_PRE) f |= F_PRE;
    if (is_heading(t)) f |= F_HEADING;
    if (t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN) f |= F_ARTICLE | F_IN_ARTICLE;
    if (t != GUMBO_TAG_BODY && t != GUMBO_TAG_HTML) f |= class_flags(g);
    xnode x = {.g = g, .parent = parent, .block = block, .tag = t, .flags = f};
    int i = push_node(p, x);
    if (i < 0) return;
    int inner_block = (f & F_BLOCK) ? i : block;
    GumboVector *ch = &g->v.element.children;
    for (unsigned k = 0; k < ch->length; k++) flatten(p, ch->data[k], i, inner_block, f, depth + 1);
    p->v[i].end = (int)p->n;
}

/* Sum text statistics bottom-up over nodes not yet removed. */
static void compute_stats(page *p)
{
    for (size_t i = 0; i < p->n; i++) {
        xnode *x = &p->v[i];
        x->chars = x->link_chars = x->own_chars = x->commas = x->best_para = x->prose = 0;
    }
    for (size_t i = p->n; i-- > 0;) {
        xnode *x = &p->v[i];
        if (x->flags & F_REMOVED) continue;
        if (x->flags & F_TEXT) {
            int c = 0, k = 0;
            count_text(x->g->v.text.text, (size_t)x->text_len, &c, &k);
            x->chars = c;
            if (x->flags & F_LINK) x->link_chars = c;
            if (x->block >= 0) {
                p->v[x->block].own_chars += c;
                p->v[x->block].commas += k;
            }
        }
        if ((x->flags & F_BLOCK) && x->own_chars > x->best_para && x->commas >= 2 &&
            x->link_chars * 5 < x->chars)
            x->best_para = x->own_chars;
        /* prose: a block of sentences, not a label or a link */
        if ((x->flags & F_BLOCK) && !(x->flags & F_HEADING) && x->own_chars >= 50 && x->commas >= 1 &&
            x->link_chars * 3 < x->chars)
            x->prose += x->own_chars;
        if (x->parent >= 0) {
            xnode *up = &p->v[x->parent];
            up->chars += x->chars;
            up->link_chars += x->link_chars;
            if (x->best_para > up->best_para) up->best_para = x->best_para;
            up->prose += x->prose;
        }
    }
}

static double link_density(const xnode *x)
{
    return x->chars ? (double)x->link_chars / x->chars : 0.0;
}

static void remove_subtree(page *p, int i)
{
    for (int k = i; k < p->v[i].end; k++) p->v[k].flags |= F_REMOVED;
}

/* Step 1: boilerplate. An element is not removed for its class when it holds
 * most of the page's text: wrappers named "page-with-sidebar" exist. */
static void mark_boilerplate(page *p, int total)
{
    for (size_t i = 0; i < p->n; i++) {
        xnode *x = &p->v[i];
        if (x->flags & (F_TEXT | F_REMOVED)) continue;
        int wrapper = x->chars * 2 > total;     /* most of the page: a wrapper, whatever its name */
        int prose = x->best_para >= 250;         /* holds a real paragraph */
        int drop = 0;
        /* a page may leave a <nav> or <aside> unclosed around its story;
         * footers and captions are dropped unless they are the page */
        if (x->flags & F_DROP)
            drop = x->tag == GUMBO_TAG_FIGCAPTION ||
                   !(wrapper || (prose && x->tag != GUMBO_TAG_FOOTER));
        /* <article> and <main> say what they are; their class lists often
         * carry taxonomy ("author-jane", "tag-weather") rather than roles */
        else if (x->flags & (F_ITEMBODY | F_ARTICLE))
            drop = 0;
        else if (x->flags & F_STRONG_NEG)
            drop = !((x->flags & F_POS) && wrapper);
        else if ((x->flags & F_NEG) && !(x->flags & F_POS))
            drop = !(wrapper || prose);
        if (drop) remove_subtree(p, (int)i);
    }
}

static double tag_weight(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_SECTION: return 5;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: return 3;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL: case GUMBO_TAG_DD:
    case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM: return -3;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_TH: return -5;
    default: return 0;
    }
}

static double class_weight(uint32_t f)
{
    double w = 0;
    if (f & F_POS) w += 25;
    if (f & F_NEG) w -= 25;
    if (f & F_ARTICLE) w += 15;
    if (f & F_ITEMBODY) w += 25;
    return w;
}

static void add_score(page *p, int i, double s)
{
    xnode *x = &p->v[i];
    if (!(x->flags & F_SCORED)) {
        x->flags |= F_SCORED;
        x->score = tag_weight(x->tag) + class_weight(x->flags);
    }
    x->score += s;
}

/* Step 3: scores. Returns the best container, or -1. */
static int score_containers(page *p, int body)
{
    for (size_t i = 0; i < p->n; i++) {
        xnode *x = &p->v[i];
        if ((x->flags & (F_TEXT | F_REMOVED | F_BR)) || !(x->flags & F_BLOCK)) continue;
        if (x->own_chars < 25 || (x->flags & F_HEADING)) continue;
        double s = 1 + x->commas + fmin(x->own_chars / 100.0, 3.0);
        int level = 0; /* block ancestors only: inline wrappers do not count */
        for (int a = x->parent; a >= 0 && level < 5; a = p->v[a].parent, level++) {
            if (!(p->v[a].flags & F_BLOCK)) {
                level--;
                continue;
            }
            double d = level == 0 ? 1 : level == 1 ? 2 : level * 3;
            add_score(p, a, s / d);
            if (a == body) break;
        }
    }
    int best = -1, best_raw = -1;
    double best_score = 0, best_raw_score = 0;
    for (size_t i = 0; i < p->n; i++) {
        xnode *x = &p->v[i];
        if (!(x->flags & F_SCORED) || (x->flags & F_REMOVED)) continue;
        if (x->score > best_raw_score) best_raw_score = x->score, best_raw = (int)i;
        x->score *= 1 - link_density(x);
        if (x->score > best_score) best_score = x->score, best = (int)i;
    }
    /* all text is link text (a list of links): the best list, links and all */
    return best >= 0 ? best : best_raw;
}

/* The one child element of node i (with no text beside it), or -1. */
static int only_child(page *p, int i)
{
    int count = 0, child = -1;
    for (int k = i + 1; k < p->v[i].end; k = p->v[k].end) {
        if (p->v[k].flags & F_REMOVED) continue;
        if (p->v[k].flags & F_TEXT) {
            if (p->v[k].chars) return -1;
            continue;
        }
        count++;
        child = k;
    }
    return count == 1 ? child : -1;
}

/* Step 4a: widen the best container to an ancestor when the content is
 * spread: an ancestor that scores nearly as well holds more of it. */
static int widen(page *p, int best, int body)
{
    double top = p->v[best].score;
    int cur = best;
    double last = top;
    for (int a = p->v[cur].parent; a >= 0 && a != body; a = p->v[a].parent) {
        xnode *x = &p->v[a];
        if (!(x->flags & F_SCORED)) continue;
        if (x->score < top / 3) break;
        if (x->score > last) {
            cur = a;
            break;
        }
        last = x->score;
    }
    /* A container that is its parent's only content is the same thing. */
    while (p->v[cur].parent >= 0 && p->v[cur].parent != body && only_child(p, p->v[cur].parent) == cur)
        cur = p->v[cur].parent;
    return cur;
}

/* Step 4b: an <article>, <main> or articleBody around the container is the
 * author's own statement of where the content is: take it when it is not
 * much bigger than what the scores found. */
static int promote_to_article(page *p, int cur, int body)
{
    for (int a = p->v[cur].parent; a >= 0 && a != body; a = p->v[a].parent) {
        xnode *x = &p->v[a];
        if (!(x->flags & (F_ARTICLE | F_ITEMBODY))) continue;
        if (x->chars <= 2 * p->v[cur].chars + 400 && link_density(x) < 0.4) return a;
        break;
    }
    return cur;
}

/* Step 4c: the smallest subtree that holds most of the page's prose. When the
 * container found by scores holds much less, the story is split over several
 * boxes (lead, body parts, lists) and this subtree is the better answer. */
static int prose_root(page *p, int body, double share)
{
    int cur = body;
    double need = p->v[body].prose * share;
    if (need <= 0) return body;
    for (;;) {
        int next = -1;
        for (int k = cur + 1; k < p->v[cur].end; k = p->v[k].end) {
            if (p->v[k].flags & (F_REMOVED | F_TEXT)) continue;
            if (p->v[k].prose >= need) next = k;
        }
        if (next < 0) return cur;
        cur = next;
    }
}

/* Step 4d: siblings of the container that score well or read like prose
 * belong to the article (pages split a story into several boxes). */
static int sibling_belongs(page *p, int s, int cur)
{
    xnode *x = &p->v[s];
    if (s == cur) return 1;
    if (x->flags & (F_REMOVED | F_TEXT | F_BR)) return 0;
    if (!x->chars) return 0;
    double threshold = fmax(10, p->v[cur].score * 0.2);
    if ((x->flags & F_SCORED) && x->score >= threshold) return 1;
    double ld = link_density(x);
    if (x->tag == GUMBO_TAG_P)
        return (x->chars > 80 && ld < 0.25) || (ld == 0 && x->commas > 0);
    /* a box of prose just above the body: the lead */
    return s < cur && x->chars > 80 && ld < 0.25 && x->prose * 2 >= x->chars;
}

/* ---- rendering ---------------------------------------------------------- */

typedef struct {
    cx_buf out;     /* the article text */
    cx_buf blk;     /* current block */
    int blk_chars, blk_link;
    int pending_space;
    int n_blocks;
    int in_heading;
    int keep_links; /* last resort: keep link-dense blocks too */
    size_t *starts; /* where each emitted block starts (before its separator) */
    size_t n_starts, cap_starts;
    size_t heading_at; /* where the last block starts when it is a heading, else SIZE_MAX */
    int oom;           /* a block could not be added: the text is given up */
} render_state;

/* A heading whose section turned out to be boilerplate ("Related stories"
 * above a removed link list) or that ends the text is not content. */
static void drop_orphan_heading(render_state *r)
{
    if (r->oom) return;
    if (r->heading_at != SIZE_MAX && r->blk.len == 0) {
        r->out.len = r->heading_at;
        r->n_blocks--;
        if (r->n_starts) r->n_starts--;
    }
    r->heading_at = SIZE_MAX;
}

static void flush_block(render_state *r)
{
    /* trim trailing spaces/newlines */
    while (r->blk.len && (r->blk.data[r->blk.len - 1] == ' ' || r->blk.data[r->blk.len - 1] == '\n')) r->blk.len--;
    if (r->blk.len && r->blk_chars > 0) {
        /* link-dense blocks are navigation, not prose */
        int linky = !r->keep_links && r->blk_link * 2 > r->blk_chars;
        if (!linky && !r->oom) {
            /* all or nothing: block starts and text must agree */
            size_t at = r->out.len;
            if (CX_PUSH(r->starts, r->n_starts, r->cap_starts, at) ||
                (r->out.len && cx_buf_append(&r->out, "\n\n", 2)) ||
                cx_buf_append(&r->out, r->blk.data, r->blk.len)) {
                r->oom = 1;
            } else {
                r->heading_at = r->in_heading ? at : SIZE_MAX;
                r->n_blocks++;
            }
        }
    }
    r->blk.len = 0;
    r->blk_chars = r->blk_link = 0;
    r->pending_space = 0;
}

static void put_text(render_state *r, const char *s, size_t n, int pre, int link)
{
    int c = 0, k = 0;
    count_text(s, n, &c, &k);
    r->blk_chars += c;
    if (link) r->blk_link += c;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (pre && ch == '\n') {
            cx_buf_putc(&r->blk, '\n');
            r->pending_space = 0;
            continue;
        }
        if (is_space(ch) || (ch == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)) {
            if (ch == 0xC2) i++;
            if (r->blk.len && r->blk.data[r->blk.len - 1] != '\n') r->pending_space = 1;
            continue;
        }
        /* soft hyphens and zero-width marks are invisible: drop them so words
         * stay whole for search and matching */
        if (ch == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xAD) {
            i++;
            continue;
        }
        if (ch == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] >= 0x8B && (unsigned char)s[i + 2] <= 0x8D)) {
            i += 2;
            continue;
        }
        if (ch == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBB && (unsigned char)s[i + 2] == 0xBF) {
            i += 2;
            continue;
        }
        if (r->pending_space) cx_buf_putc(&r->blk, ' '), r->pending_space = 0;
        cx_buf_putc(&r->blk, (char)ch);
    }
}

/* Short lines at the edges of the text without a sentence end are the
 * furniture around an article: dates, bylines, "Share", "Read more". */
static int is_furniture(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n')) n--;
    while (n && (*s == ' ' || *s == '\n')) s++, n--;
    int chars = 0, k = 0;
    count_text(s, n, &chars, &k);
    if (chars >= EDGE_SHORT) return 0;
    unsigned char last = n ? (unsigned char)s[n - 1] : 0;
    return !(last == '.' || last == '!' || last == '?' || last == ':' || last == '"' || last >= 0x80);
}

static void trim_edges(render_state *r)
{
    if (r->oom) return;
    /* leading lines */
    size_t drop = 0;
    while (drop + 1 < r->n_starts) {
        size_t from = r->starts[drop] + (r->starts[drop] ? 2 : 0);
        size_t to = r->starts[drop + 1];
        if (!is_furniture(r->out.data + from, to - from)) break;
        drop++;
    }
    if (drop) {
        size_t cut = r->starts[drop] + 2; /* keep nothing before the first kept block */
        memmove(r->out.data, r->out.data + cut, r->out.len - cut);
        r->out.len -= cut;
        for (size_t k = drop + 1; k < r->n_starts; k++) r->starts[k - drop] = r->starts[k] - cut;
        r->n_starts -= drop;
        r->starts[0] = 0;
    }
    /* trailing lines */
    while (r->n_starts > 1) {
        size_t at = r->starts[r->n_starts - 1];
        size_t from = at + (at ? 2 : 0);
        if (!is_furniture(r->out.data + from, r->out.len - from)) break;
        r->out.len = at;
        r->n_starts--;
    }
}

/* Lists and boxes inside the content that are mostly links: related
 * articles, tag lists, share bars that escaped the class test. */
static int is_link_box(const xnode *x)
{
    if (!x->chars) return 0;
    double ld = link_density(x);
    switch (x->tag) {
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
        return ld > 0.4 || (ld > 0.25 && x->chars < 300);
    default: return 0;
    }
}

static void render(page *p, int from, int to, render_state *r)
{
    for (int i = from; i < to;) {
        xnode *x = &p->v[i];
        if (x->flags & F_REMOVED) {
            if (x->raw_chars > 0 && ((x->flags & F_STRONG_NEG) || x->tag == GUMBO_TAG_NAV || x->tag == GUMBO_TAG_ASIDE))
                drop_orphan_heading(r);
            i = x->end;
            continue;
        }
        if (x->flags & F_TEXT) {
            put_text(r, x->g->v.text.text, (size_t)x->text_len, (x->flags & F_PRE) != 0,
                     (x->flags & F_LINK) != 0);
            i++;
            continue;
        }
        if (x->flags & F_BR) {
            if (r->blk.len && r->blk.data[r->blk.len - 1] != '\n') cx_buf_putc(&r->blk, '\n');
            r->pending_space = 0;
            i++;
            continue;
        }
        if (x->flags & F_BLOCK) {
            /* the headline is the title (a field of its own), not body text */
            if (x->tag == GUMBO_TAG_H1) {
                i = x->end;
                continue;
            }
            if (!r->keep_links && is_link_box(x)) {
                flush_block(r);
                drop_orphan_heading(r);
                i = x->end;
                continue;
            }
            flush_block(r);
            int heading = (x->flags & F_HEADING) != 0;
            if (heading) r->in_heading = 1;
            render(p, i + 1, x->end, r);
            flush_block(r);
            if (heading) r->in_heading = 0;
        } else {
            render(p, i + 1, x->end, r);
        }
        i = x->end;
    }
}

/* ---- JSON-LD ------------------------------------------------------------ */

typedef struct {
    char *headline, *date, *author, *publisher, *url, *body;
} ld_info;

static int is_article_type(json_t *type)
{
    static const char *const types[] = {"Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle",
                                        "AnalysisNewsArticle", "OpinionNewsArticle", "ScholarlyArticle",
                                        "TechArticle", "Report", "LiveBlogPosting", "BackgroundNewsArticle",
                                        "SocialMediaPosting", "Posting", "DiscussionForumPosting", NULL};
    if (json_is_array(type)) {
        size_t i;
        json_t *v;
        json_array_foreach(type, i, v) if (is_article_type(v)) return 1;
        return 0;
    }
    if (!json_is_string(type)) return 0;
    const char *s = json_string_value(type);
    const char *slash = strrchr(s, '/');
    if (slash) s = slash + 1;
    for (size_t i = 0; types[i]; i++)
        if (!strcmp(s, types[i])) return 1;
    return 0;
}

static char *json_str(json_t *v)
{
    if (json_is_string(v)) return clean_copy(json_string_value(v), json_string_length(v));
    if (json_is_array(v) && json_array_size(v) > 0) return json_str(json_array_get(v, 0));
    return NULL;
}

static char *json_name(json_t *v)
{
    if (json_is_string(v)) return json_str(v);
    if (json_is_object(v)) return json_str(json_object_get(v, "name"));
    if (json_is_array(v)) {
        cx_buf b;
        cx_buf_init(&b);
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
        {
            char *s = json_name(e);
            if (s) {
                if (b.len) cx_buf_puts(&b, ", ");
                cx_buf_puts(&b, s);
                free(s);
            }
        }
        return cx_buf_take(&b);
    }
    return NULL;
}

static void ld_take(ld_info *ld, json_t *o, int depth)
{
    if (depth > 8) return;
    if (json_is_array(o)) {
        size_t i;
        json_t *v;
        json_array_foreach(o, i, v) ld_take(ld, v, depth + 1);
        return;
    }
    if (!json_is_object(o)) return;
    json_t *graph = json_object_get(o, "@graph");
    if (graph) ld_take(ld, graph, depth + 1);
    int art = is_article_type(json_object_get(o, "@type"));
    /* publisher of any object (often a separate Organization node) */
    if (!ld->publisher) {
        json_t *pub = json_object_get(o, "publisher");
        if (pub) ld->publisher = json_name(pub);
    }
    if (!art) return;
    if (!ld->headline) ld->headline = json_str(json_object_get(o, "headline"));
    if (!ld->date) ld->date = json_str(json_object_get(o, "datePublished"));
    if (!ld->date) ld->date = json_str(json_object_get(o, "dateCreated"));
    if (!ld->author) ld->author = json_name(json_object_get(o, "author"));
    if (!ld->url) ld->url = json_str(json_object_get(o, "url"));
    if (!ld->body) {
        json_t *b = json_object_get(o, "articleBody");
        if (json_is_string(b)) ld->body = cx_strndup(json_string_value(b), json_string_length(b));
    }
}

static void parse_ld(page *p, ld_info *ld)
{
    for (size_t pos = 0; pos < p->ld_json.len;) {
        const char *s = p->ld_json.data + pos;
        size_t n = strlen(s);
        pos += n + 1;
        json_error_t jerr;
        json_t *root = json_loadb(s, n, JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &jerr);
        if (!root) continue;
        ld_take(ld, root, 0);
        json_decref(root);
    }
}

/* ---- titles and hosts --------------------------------------------------- */

static char *host_of(const char *url)
{
    if (!url) return NULL;
    const char *s = strstr(url, "://");
    s = s ? s + 3 : (url[0] == '/' && url[1] == '/' ? url + 2 : NULL);
    if (!s) return NULL;
    size_t n = strcspn(s, "/?#:");
    if (!n) return NULL;
    if (n > 4 && !strncasecmp(s, "www.", 4)) s += 4, n -= 4;
    char *h = cx_strndup(s, n);
    if (h)
        for (char *c = h; *c; c++) *c = (char)cx_ascii_lower((unsigned char)*c);
    return h;
}

/* "Story headline | Site" -> "Story headline": drop the parts that name the
 * site, keep the longest remaining part. */
static char *strip_site_suffix(const char *title, const char *site)
{
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ",
                                       " \xC2\xB7 ", " \xC2\xBB ", " / ", NULL};
    size_t n = strlen(title);
    size_t best_start = 0, best_len = n;
    /* find the first separator occurrence of the kind that appears */
    for (size_t k = 0; seps[k]; k++) {
        const char *sep = seps[k];
        size_t sl = strlen(sep);
        if (!strstr(title, sep)) continue;
        best_len = 0;
        size_t start = 0;
        while (start <= n) {
            const char *hit = strstr(title + start, sep);
            size_t end = hit ? (size_t)(hit - title) : n;
            size_t len = end - start;
            int is_site = site && len == strlen(site) && !strncasecmp(title + start, site, len);
            if (!is_site && len > best_len) best_start = start, best_len = len;
            if (!hit) break;
            start = end + sl;
        }
        break;
    }
    return clean_copy(title + best_start, best_len);
}

/* ---- the extractor ------------------------------------------------------ */

static void page_free(page *p)
{
    free(p->v);
    free(p->meta_title), free(p->og_title), free(p->html_title), free(p->h1);
    free(p->og_site), free(p->app_name), free(p->og_url), free(p->canonical);
    free(p->meta_date), free(p->time_date), free(p->meta_author), free(p->byline);
    cx_buf_free(&p->ld_json);
}

static char *first_of(char **a, char **b, char **c, char **d)
{
    char **slots[4] = {a, b, c, d};
    for (int i = 0; i < 4; i++)
        if (slots[i] && *slots[i] && **slots[i]) {
            char *s = *slots[i];
            *slots[i] = NULL;
            return s;
        }
    return NULL;
}

/* Text of all blocks of the body that read like prose: the fallback when no
 * container stands out. */
static void render_prose_blocks(page *p, int body, render_state *r)
{
    for (int i = body + 1; i < p->v[body].end; i++) {
        xnode *x = &p->v[i];
        if (x->flags & F_REMOVED) {
            i = x->end - 1;
            continue;
        }
        if (!(x->flags & F_BLOCK) || (x->flags & F_TEXT)) continue;
        if (x->own_chars >= 60 && link_density(x) < 0.3 && x->commas >= 1) {
            flush_block(r);
            /* only this block's own inline text */
            for (int k = i + 1; k < x->end;) {
                xnode *y = &p->v[k];
                if ((y->flags & F_REMOVED) || (y->flags & F_BLOCK)) {
                    k = y->end;
                    continue;
                }
                if (y->flags & F_TEXT)
                    put_text(r, y->g->v.text.text, (size_t)y->text_len, (y->flags & F_PRE) != 0,
                             (y->flags & F_LINK) != 0);
                k++;
            }
            flush_block(r);
        }
    }
}


/* Parse with opts (whose allocator is mem's); NULL when memory or the
 * budget ran out, everything the parser had taken freed. */
static GumboOutput *parse_tracked(const GumboOptions *opts, cx_html_memory *mem, const char *html, size_t len)
{
    if (setjmp(mem->on_fail)) {
        cx_html_memory_release(mem);
        return NULL;
    }
    return gumbo_parse_with_options(opts, html, len);
}

int cx_html_extract(const char *html, size_t len, const char *url, cx_html_doc *out,
                    chorus_error *err)
{
    memset(out, 0, sizeof *out);
    /* Within the limits first: the parser is then linear and its tree shallow. */
    const chorus_limits *lim = chorus_get_limits();
    cx_html_bounds bounds = {.max_attributes = lim->attributes,
                             .max_nesting = lim->nesting < MAX_NESTING ? lim->nesting : MAX_NESTING,
                             .max_tokens = lim->tokens};
    char *bounded = NULL;
    size_t bounded_len = 0;
    if (cx_html_bound(html, len, &bounds, &bounded, &bounded_len))
        return cx_fail(err, CHORUS_ENOMEM, "out of memory reading HTML");
    const char *const page_html = bounded ? bounded : html;
    const size_t page_len = bounded ? bounded_len : len;
    char notice[256] = "";
    if (bounds.cut == CX_HTML_CUT_NESTING)
        snprintf(notice, sizeof notice, "page cut at byte %zu: elements nested more than %zu deep (limit nesting)",
                 bounds.cut_at, bounds.max_nesting);
    else if (bounds.cut == CX_HTML_CUT_TOKENS)
        snprintf(notice, sizeof notice, "page cut at byte %zu: more than %zu tags and text runs (limit tokens)",
                 bounds.cut_at, bounds.max_tokens);
    else if (bounds.dropped_attributes)
        snprintf(notice, sizeof notice,
                 "%zu attributes dropped from %zu element%s over %zu attributes each, first at byte %zu (limit attributes)",
                 bounds.dropped_attributes, bounds.elements_with_dropped, bounds.elements_with_dropped == 1 ? "" : "s",
                 bounds.max_attributes, bounds.first_dropped_at);
    out->cut = bounds.cut == CX_HTML_CUT_NESTING || bounds.cut == CX_HTML_CUT_TOKENS;
    if (notice[0] && !(out->notice = cx_strdup(notice))) {
        free(bounded);
        return cx_fail(err, CHORUS_ENOMEM, "out of memory reading HTML");
    }

    /* The parser allocates through a tracked budget: running out of either
     * memory or budget comes back here instead of crashing inside it. */
    cx_html_memory mem = {.budget = lim->html_memory};
    GumboOptions opts = kGumboDefaultOptions;
    opts.max_errors = 0;
    opts.allocator = cx_html_memory_alloc;
    opts.deallocator = cx_html_memory_free;
    opts.userdata = &mem;
    GumboOutput *g = parse_tracked(&opts, &mem, page_html, page_len);
    if (!g) {
        free(bounded);
        cx_html_doc_free(out);
        if (mem.over_budget)
            return cx_fail(err, CHORUS_ETOOBIG, "parsing the page needs more than %zu bytes (limit html-memory)",
                           mem.budget);
        return cx_fail(err, CHORUS_ENOMEM, "out of memory parsing HTML");
    }

    page p = {0};
    cx_buf_init(&p.ld_json);
    scan_meta(&p, g->root, 0);

    /* the body element */
    GumboNode *body_node = NULL;
    GumboVector *rc = &g->root->v.element.children;
    for (unsigned i = 0; i < rc->length; i++) {
        GumboNode *c = rc->data[i];
        if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_BODY) body_node = c;
    }
    render_state r = {0};
    r.heading_at = SIZE_MAX;
    cx_buf_init(&r.out);
    cx_buf_init(&r.blk);
    ld_info ld = {0};
    parse_ld(&p, &ld);

    if (body_node) {
        flatten(&p, body_node, -1, -1, 0, 0);
        if (!p.oom && p.n) {
            int body = 0;
            compute_stats(&p);
            int total = p.v[body].chars;
            for (size_t k = 0; k < p.n; k++) p.v[k].raw_chars = p.v[k].chars;
            mark_boilerplate(&p, total);
            compute_stats(&p);
            int best = score_containers(&p, body);
            if (best >= 0) {
                best = widen(&p, best, body);
                best = promote_to_article(&p, best, body);
                int broad = prose_root(&p, body, 0.9);
                if (broad != best && p.v[best].prose < 0.5 * p.v[body].prose && broad < best &&
                    best < p.v[broad].end)
                    best = broad;
                int parent = p.v[best].parent;
                if (parent < 0) {
                    render(&p, best, p.v[best].end, &r);
                } else {
                    for (int k = parent + 1; k < p.v[parent].end; k = p.v[k].end)
                        if (sibling_belongs(&p, k, best)) render(&p, k, p.v[k].end, &r);
                }
                flush_block(&r);
                drop_orphan_heading(&r);
                trim_edges(&r);
            }
            /* a post that is a list of links: everything was link-dense */
            if (r.out.len == 0 && best >= 0) {
                r.keep_links = 1;
                render(&p, best, p.v[best].end, &r);
                flush_block(&r);
                r.keep_links = 0;
            }
            /* too little from the container: take prose blocks page-wide */
            if (r.out.len < 200 && p.v[body].chars > 500) {
                r.out.len = 0;
                r.n_blocks = 0;
                render_prose_blocks(&p, body, &r);
            }
        }
    }
    /* The publisher's own copy of the body beats a poor extraction. */
    if (ld.body && strlen(ld.body) > r.out.len * 2 && strlen(ld.body) > 200) {
        r.out.len = 0;
        cx_buf_puts(&r.out, ld.body);
    }

    /* the text was cut in place (trimmed lines, dropped headings): end it there */
    if (r.out.data) r.out.data[r.out.len] = '\0';
    out->text = r.out.data ? cx_buf_take(&r.out) : cx_strdup("");
    cx_buf_free(&r.blk);
    free(r.starts);

    out->url = first_of(&p.canonical, &p.og_url, &ld.url, NULL);
    if (!out->url && url) out->url = cx_strdup(url);
    /* the outlet as the page declares it, most specific first: og:site_name
     * names the site for sharing, JSON-LD the publisher, application-name
     * is often a short or technical name ("bostonherald") */
    out->site = first_of(&p.og_site, &ld.publisher, &p.app_name, NULL);
    if (!out->site) out->site = host_of(out->url);
    if (p.html_title && !p.og_title && !ld.headline) {
        char *t = strip_site_suffix(p.html_title, out->site);
        free(p.html_title);
        p.html_title = t;
    }
    out->title = first_of(&p.og_title, &ld.headline, &p.html_title, &p.h1);
    if (!out->title) out->title = first_of(&p.meta_title, NULL, NULL, NULL);
    out->published = first_of(&p.meta_date, &ld.date, &p.time_date, NULL);
    out->author = first_of(&p.meta_author, &ld.author, &p.byline, NULL);

    free(ld.headline), free(ld.date), free(ld.author), free(ld.publisher), free(ld.url), free(ld.body);
    int oom = p.oom || r.oom || !out->text;
    page_free(&p);
    gumbo_destroy_output(&opts, g);
    free(bounded);
    if (oom) {
        cx_html_doc_free(out);
        return cx_fail(err, CHORUS_ENOMEM, "out of memory extracting HTML");
    }
    return 0;
}

void cx_html_doc_free(cx_html_doc *d)
{
    if (!d) return;
    free(d->title), free(d->author), free(d->published), free(d->site), free(d->url), free(d->text);
    free(d->notice);
    memset(d, 0, sizeof *d);
}
