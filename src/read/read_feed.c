/* RSS 2.0, RSS 1.0 (RDF) and Atom files: each item or entry becomes an
 * article with its link, date, author and the feed's title as outlet.
 * Full text comes from content:encoded (RSS) or content (Atom); an item
 * with only a description/summary is read from it and noted as such, so a
 * digest says its text is a summary.
 *
 * Feeds are hostile input: the XML parser never fetches anything, never
 * substitutes entities, and a document that declares its own entities (the
 * "billion laughs" bomb and its kin) is refused before any text is read.
 * Item bodies are HTML: they are parsed with libxml2's HTML parser (no
 * network, no entities) and flattened to paragraphs. */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "readers.h"
#include "util.h"

#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_DC "http://purl.org/dc/elements/1.1/"

/* ---- detection --------------------------------------------------------------- */

/* Skip spaces, an XML declaration, comments, processing instructions and a
 * DOCTYPE; return the offset of the root element's '<', or len. */
static size_t root_start(const char *d, size_t len)
{
    size_t i = 0;
    for (;;) {
        while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n')) i++;
        if (i + 1 >= len || d[i] != '<') return len;
        const char *end = NULL;
        size_t skip = 1;
        if (d[i + 1] == '?') end = memmem(d + i, len - i, "?>", 2), skip = 2;
        else if (len - i >= 4 && !memcmp(d + i, "<!--", 4)) end = memmem(d + i, len - i, "-->", 3), skip = 3;
        else if (len - i >= 9 && !memcmp(d + i, "<!DOCTYPE", 9)) {
            /* an internal subset [...] holds '>' of its own declarations */
            const char *open = memchr(d + i, '[', len - i), *gt = memchr(d + i, '>', len - i);
            end = open && gt && open < gt ? memmem(open, len - (size_t)(open - d), "]>", 2) : gt;
            skip = open && gt && open < gt ? 2 : 1;
        } else if (d[i + 1] == '!') end = memchr(d + i, '>', len - i);
        else return i;
        if (!end) return len;
        i = (size_t)(end - d) + skip;
    }
}

int cx_looks_like_feed(const char *data, size_t len)
{
    if (len > 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) data += 3, len -= 3;
    size_t i = root_start(data, len);
    if (i >= len) return 0;
    const char *p = data + i + 1;
    size_t rest = len - i - 1;
    if (rest >= 4 && !strncmp(p, "rss", 3) && (p[3] == ' ' || p[3] == '>' || p[3] == '\n' || p[3] == '\t'))
        return 1;
    if (rest >= 7 && !strncmp(p, "rdf:RDF", 7)) return 1;
    if (rest >= 5 && !strncmp(p, "feed", 4) && (p[4] == ' ' || p[4] == '>' || p[4] == '\n' || p[4] == '\t')) {
        /* Atom's root: its namespace within the start tag */
        const char *gt = memchr(p, '>', rest);
        size_t tag = gt ? (size_t)(gt - p) : rest;
        return memmem(p, tag, NS_ATOM, strlen(NS_ATOM)) != NULL;
    }
    return 0;
}

/* ---- tree helpers -------------------------------------------------------------- */

static int is(const xmlNode *n, const char *name, const char *ns)
{
    if (!n || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name)) return 0;
    if (!ns) return !n->ns || !strcmp((const char *)n->ns->href, NS_ATOM) || !n->ns->prefix;
    return n->ns && !strcmp((const char *)n->ns->href, ns);
}

static const xmlNode *child(const xmlNode *n, const char *name, const char *ns)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is(c, name, ns)) return c;
    return NULL;
}

/* Text and CDATA under n, entity references left out (never expanded). */
static void gather_text(const xmlNode *n, cx_buf *b)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            cx_buf_append(b, (const char *)c->content, strlen((const char *)c->content));
        else if (c->type == XML_ELEMENT_NODE) gather_text(c, b);
    }
}

/* The element's text, trimmed; NULL when absent or empty. */
static char *text_of(const xmlNode *n)
{
    if (!n) return NULL;
    cx_buf b = {0};
    gather_text(n, &b);
    if (!b.data) return NULL;
    char *s = b.data, *e = b.data + b.len;
    while (s < e && (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')) s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\r' || e[-1] == '\t')) e--;
    char *out = e > s ? cx_strndup(s, (size_t)(e - s)) : NULL;
    cx_buf_free(&b);
    return out;
}

/* ---- HTML bodies to paragraphs --------------------------------------------------- */

static int html_block(const char *name)
{
    static const char *const blocks[] = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                                         "blockquote", "tr", "table", "section", "article", "figure", "pre",
                                         "hr", "header", "footer", "dd", "dt"};
    for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
        if (!strcmp(name, blocks[i])) return 1;
    return 0;
}

static void break_para(cx_buf *b)
{
    while (b->len && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\n')) b->len--;
    if (b->len) cx_buf_append(b, "\n\n", 2);
}

static void flatten_html(const xmlNode *n, cx_buf *b)
{
    for (const xmlNode *c = n; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) {
            /* runs of white space are one space, as a browser shows them */
            for (const char *p = (const char *)c->content; *p; p++) {
                int space = *p == ' ' || *p == '\n' || *p == '\r' || *p == '\t';
                if (space) {
                    if (b->len && b->data[b->len - 1] != ' ' && b->data[b->len - 1] != '\n') cx_buf_append(b, " ", 1);
                } else cx_buf_append(b, p, 1);
            }
        } else if (c->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)c->name;
            if (!strcmp(name, "script") || !strcmp(name, "style") || !strcmp(name, "noscript")) continue;
            int block = html_block(name);
            if (block) break_para(b);
            flatten_html(c->children, b);
            if (block) break_para(b);
        }
    }
}

/* Article text from an HTML (or plain) body. */
static char *html_to_text(const char *html)
{
    if (!html) return NULL;
    if (!strchr(html, '<')) return cx_strdup(html); /* plain text */
    htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOBLANKS);
    if (!doc) return NULL;
    cx_buf b = {0};
    flatten_html(xmlDocGetRootElement(doc), &b);
    xmlFreeDoc(doc);
    while (b.len && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '\n')) b.len--;
    if (!b.len) {
        cx_buf_free(&b);
        return NULL;
    }
    b.data[b.len] = 0;
    return b.data;
}

/* An Atom text construct: type="html" is escaped HTML, "xhtml" is markup
 * inside a div, "text" (default) is plain. */
static char *atom_text(const xmlNode *n)
{
    if (!n) return NULL;
    xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
    char *raw = text_of(n), *out;
    if (type && (!strcmp((const char *)type, "html") || !strcmp((const char *)type, "xhtml"))) {
        if (!strcmp((const char *)type, "xhtml")) {
            /* the markup is the element's children: flatten the tree itself */
            cx_buf b = {0};
            flatten_html(n->children, &b);
            while (b.len && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '\n')) b.len--;
            free(raw);
            raw = b.len ? (b.data[b.len] = 0, b.data) : (cx_buf_free(&b), NULL);
            out = raw;
        } else {
            out = html_to_text(raw);
            free(raw);
        }
    } else out = raw;
    xmlFree(type);
    return out;
}

/* ---- items ------------------------------------------------------------------------ */

typedef struct {
    chorus_corpus *c;
    const char *name;
    char *outlet;
    size_t index, added;
    int atom;
} feed_ctx;

static int add_item(feed_ctx *f, const xmlNode *it)
{
    f->index++;
    char origin[64 + 512];
    snprintf(origin, sizeof origin, "%s#%zu", f->name, f->index);
    chorus_article a = {0};
    char *body = NULL;
    int summary_only = 0;
    if (f->atom) {
        a.title = atom_text(child(it, "title", NULL));
        for (const xmlNode *l = it->children; l; l = l->next) {
            if (!is(l, "link", NULL)) continue;
            xmlChar *rel = xmlGetProp(l, (const xmlChar *)"rel");
            if (!rel || !strcmp((const char *)rel, "alternate")) {
                xmlChar *href = xmlGetProp(l, (const xmlChar *)"href");
                if (href && !a.url) a.url = cx_strdup((const char *)href);
                xmlFree(href);
            }
            xmlFree(rel);
        }
        a.published = text_of(child(it, "published", NULL));
        if (!a.published) a.published = text_of(child(it, "updated", NULL));
        a.author = text_of(child(child(it, "author", NULL), "name", NULL));
        a.id = text_of(child(it, "id", NULL));
        body = atom_text(child(it, "content", NULL));
        if (!body) body = atom_text(child(it, "summary", NULL)), summary_only = body != NULL;
    } else {
        char *t = text_of(child(it, "title", NULL));
        a.title = t && strchr(t, '<') ? html_to_text(t) : t;
        if (a.title != t) free(t);
        a.url = text_of(child(it, "link", NULL));
        a.published = text_of(child(it, "pubDate", NULL));
        if (!a.published) a.published = text_of(child(it, "date", NS_DC));
        a.author = text_of(child(it, "creator", NS_DC));
        if (!a.author) a.author = text_of(child(it, "author", NULL));
        a.id = text_of(child(it, "guid", NULL));
        char *raw = text_of(child(it, "encoded", NS_CONTENT));
        body = html_to_text(raw);
        free(raw);
        if (!body) {
            raw = text_of(child(it, "description", NULL));
            body = html_to_text(raw);
            free(raw);
            summary_only = body != NULL;
        }
    }
    if (!body) {
        chorus_article_free(&a);
        return chorus_corpus_skip(f->c, origin, "feed item without text (no content, description or summary)");
    }
    a.text = body;
    a.source = cx_strdup(f->outlet);
    a.origin = cx_strdup(origin);
    if (!a.id) a.id = cx_strdup(origin);
    a.published_unix = cx_parse_time(a.published);
    if (!a.source || !a.origin || !a.id) {
        chorus_article_free(&a);
        return CHORUS_ENOMEM;
    }
    int undated = !a.published; /* the corpus may pass the article on (streaming): ask before adding */
    int rc = chorus_corpus_add(f->c, &a);
    if (rc) {
        chorus_article_free(&a);
        return rc;
    }
    f->added++;
    if (summary_only)
        chorus_corpus_note(f->c, origin, "read from the feed's summary only (the feed carries no full text)");
    if (f->atom && undated)
        chorus_corpus_note(f->c, origin, "Atom entry without a date (no published or updated)");
    return 0;
}

/* Entities declared in the document's DTD: refused, never expanded. */
static int declares_entities(const xmlDoc *doc)
{
    return (doc->intSubset && doc->intSubset->entities) || (doc->extSubset && doc->extSubset->entities);
}

int cx_read_feed(chorus_corpus *c, const char *name, const char *data, size_t len, chorus_error *err)
{
    if (len > INT32_MAX) return cx_fail(err, CHORUS_ETOOBIG, "%s: feed too large", name);
    /* No network, no entity substitution, no DTD loading; huge documents are refused by the parser. */
    xmlDocPtr doc = xmlReadMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                              XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        return cx_fail(err, CHORUS_EFORMAT, "%s:%d: not a well-formed feed: %s", name, e ? e->line : 0,
                       e && e->message ? e->message : "XML error");
    }
    if (declares_entities(doc)) {
        xmlFreeDoc(doc);
        return cx_fail(err, CHORUS_EFORMAT,
                       "%s: the feed declares its own XML entities; they are not expanded (an XML bomb is built"
                       " that way) and the feed is not read",
                       name);
    }
    const xmlNode *root = xmlDocGetRootElement(doc);
    feed_ctx f = {.c = c, .name = name};
    const xmlNode *channel = NULL;
    if (root && is(root, "feed", NS_ATOM)) f.atom = 1, channel = root;
    else if (root && !strcmp((const char *)root->name, "rss")) channel = child(root, "channel", NULL);
    else if (root && !strcmp((const char *)root->name, "RDF")) channel = root; /* RSS 1.0: items beside channel */
    if (!channel) {
        xmlFreeDoc(doc);
        return cx_fail(err, CHORUS_EFORMAT, "%s: XML without an RSS channel or Atom feed", name);
    }
    const xmlNode *title_owner = channel == root && !f.atom ? child(root, "channel", NULL) : channel;
    char *ft = text_of(child(title_owner, "title", NULL));
    f.outlet = ft ? ft : cx_outlet_from_name(name);
    int rc = 0;
    for (const xmlNode *n = channel->children; n && rc >= 0; n = n->next)
        if (is(n, f.atom ? "entry" : "item", NULL)) rc = add_item(&f, n);
    free(f.outlet);
    xmlFreeDoc(doc);
    if (rc < 0) return cx_fail(err, rc, "%s: out of memory", name);
    if (!f.index) return cx_fail(err, CHORUS_EEMPTY, "%s: the feed has no items", name);
    return (int)f.added;
}
