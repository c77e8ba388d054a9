/* Cleaning scraped text.
 *
 * Each paragraph is judged on general signals, not on any site's strings:
 *  - shape: no words, a line glued to itself, a paragraph repeated in the
 *    article, too short to be a sentence, no final punctuation;
 *  - captions and credits: a sentence glued to a credit (".Credit:"), an
 *    agency credit ("Name/AGENCY"), credit words ("Photo:", "Getty Images");
 *  - calls to action: an imperative interface verb leading a short line
 *    ("Skip to", "Listen:", "Click", "Get breaking news"), words glued
 *    without a space ("briefReceive");
 *  - support across outlets: at the edges of an article, after such noise,
 *    text that shares almost no content word with the other outlets is the
 *    page around the article, not the article;
 *  - what news agencies send to editors rather than readers: a note opening
 *    "EDITORS:" or "Editor's note", and budgets, where several paragraphs
 *    each open with a story's slug ("BOOK-CLUBS (New York) _ ...").
 * The first headline-shaped paragraph becomes the title when none is given.
 * When pages of a crawl are cleaned together, a line model (clean_line_model.h:
 * gradient-boosted trees over these verdicts and the evidence of each line
 * and its neighbours, fitted by bench/clean_fit_trees.py with cross-validation
 * by page) makes the final call, smoothed along the page. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clean.h"
#include "clean_line_model.h"
#include "clean_line_shape.h"
#include "clean_line_vocab.h"
#include "main_text.h"
#include "page_stats.h"
#include "parallel.h"
#include "u64map.h"
#include "util.h"

/* Thresholds, in one place. Each says what set it: a property of text (a
 * sentence needs two words), a limit against pathological input, or the
 * scraped-dev measurement (bench/clean.sh, checked on both md5 halves)
 * that chose it; main_text.c holds those of the main-text finder. */
#define MAX_PROSE_WORDS 5000   /* longer "paragraphs" are dumps (a table, minified text), not prose; and bounds the work */
#define TITLE_MIN_BYTES 8      /* shorter lines repeat a title by chance ("Home") */
#define TITLE_MAX_BYTES 400    /* the containment test is quadratic: bound it; no headline is longer */
#define CAMEL_RUN 4            /* lower-case letters before a glued capital: "briefReceive"; "McDonald", "iPhone" have fewer */
#define CAMEL_MAX_WORDS 15     /* glued interface labels are short; brand names ("MediaWatch") sit in longer prose */
#define CREDIT_TAIL_BYTES 80   /* a photo credit "Name/AGENCY" sits at the end of a caption */
#define PROMPT_MAX_WORDS 6     /* a call to action that ends like a sentence is this short ("Sign up now.") */
#define PAREN_CREDIT_WORDS 12  /* "(Gazette staff)", "(Reporting by ...)": a whole line in brackets, this short */
#define POINTER_MAX_WORDS 40   /* a paragraph around a web address this short points readers away */
#define BUDGET_SLUGS 2         /* one slug line is a dateline; two make a wire budget */
#define TITLE_LOOKAHEAD 3      /* the headline is among the first kept lines */
#define HEADLINE_MIN_WORDS 3   /* a headline has a few words... */
#define HEADLINE_MAX_WORDS 30  /* ...and is not a paragraph */
#define HEADLINE_MAX_BYTES 300
#define TITLE_SUPPORT 0.3      /* a headline shares this share of its content words with the other outlets */
#define EDGE_SUPPORT 0.25      /* below this share of supported content words a paragraph is off the story */
#define EDGE_LONG_WORDS 15     /* at the leading edge, a paragraph this long is the article's */
#define STAMP_MAX_WORDS 10     /* a comment's name-and-time line is short */
#define STAMP_MAX_BYTES 120
#define STAMP_GAP_LINES 8      /* comments a few lines long: stamps this close make a thread */
#define STAMP_MIN_COUNT 3      /* two dates near each other are a dateline and an update line */
#define BODY_MIN_WORDS 10      /* the first sentence this long starts the body (comment threads follow it) */
#define INTERFACE_SHARE 0.2    /* pages cleaned together: a line whose content words are on average this much template wording is interface (scraped-dev, all 961 pages: F1 0.864 at 0.2, 0.867 at 0.15 but recall 0.897, 0.860 at 0.25; in groups of 181 pages as the held-out set: 0.860 at 0.2; both md5 halves up) */
#define FRAGMENT_WORDS 2       /* a line of fewer words, not ending a sentence, is a label, not text */
/* After the main-text decision, three corrections measured on scraped-dev
 * (bench/clean.sh; each moved both md5 halves the same way): */
#define RUN_SENTENCE_WORDS 4   /* a whole sentence (or a line ending in a colon that introduces the next) this long inside a run of short lines is text, not a menu item: +12 TP, +3 FP */
#define NEXT_TO_TEXT_WORDS 10  /* a line this long right next to kept text carries it on (a paragraph the stretch missed): +25 TP, +8 FP */
#define BLOCK_GAP 3            /* line model evidence: lines that are not running text between two blocks (a menu's RUN_LINES) */
#define BLOCK_LINE_CAP 40.0    /* what one line adds to its block's words (main_text.c's WORD_CAP) */
#define HEADING_MAX_WORDS 12   /* line model evidence: a heading over kept text is this short */
#define LONE_TAIL_GAP 5        /* the last kept paragraph, this many lines past the one before it, is a lone block after the article (an author's bio, a notice, a teaser): -6 TP, -37 FP */

const char CX_DROP_REPEATED[] = "repeated in the article";
const char CX_DROP_GLUED[] = "text glued to itself";
const char CX_DROP_NO_WORDS[] = "no words (player or layout residue)";
const char CX_DROP_CAPTION[] = "photo caption or credit";
const char CX_DROP_PROMPT[] = "call to action (share, subscribe, listen, click)";
const char CX_DROP_FRAGMENT[] = "fragment or subheading, not a sentence";
const char CX_DROP_OFFTOPIC_EDGE[] = "off-topic text at the edge of the article";
const char CX_DROP_CREDIT[] = "credit line";
const char CX_DROP_WEB_POINTER[] = "pointer to a web address";
const char CX_DROP_TITLE[] = "headline (used as the title)";
const char CX_DROP_TOO_LONG[] = "paragraph too long to be prose";
const char CX_DROP_EDITORS_NOTE[] = "note to editors";
const char CX_DROP_BUDGET[] = "list of stories for editors (wire budget)";
const char CX_DROP_OUTSIDE[] = "outside the main text (menu, sidebar, footer)";
const char CX_DROP_SHORT_RUN[] = "run of short lines in the text (menu, list of links)";
const char CX_DROP_COMMENTS[] = "comment thread (names, times, replies)";
const char CX_DROP_TEMPLATE[] = "repeated on other pages (site template)";
const char CX_DROP_INTERFACE[] = "interface wording (the words of other pages' templates)";
const char CX_DROP_LONE_TAIL[] = "lone paragraph after the article (bio, notice, teaser)";
const char CX_DROP_LINE_MODEL[] = "page furniture by the weight of its evidence (line model)";


typedef struct {
    size_t words;
    int terminal;     /* ends with . ! ? (before closing quotes) */
    int32_t *content; /* content stems, sorted unique */
    size_t n_content;
    double support;   /* share of content stems found in other outlets' docs */
    double stops;     /* share of its words that are stopwords of its language, -1 when it has none */
    double templ_share; /* pages cleaned together: share of template wording (page_stats.h) */
} para_info;

static int ends_terminal(const char *s, size_t n)
{
    while (n) {
        unsigned char c = (unsigned char)s[n - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ' ') {
            n--;
            continue;
        }
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
            ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99)) {
            n -= 3;
            continue;
        }
        break;
    }
    if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
        (unsigned char)s[n - 1] == 0xA6)
        return 1; /* … */
    if (n >= 3 && (!memcmp(s + n - 3, "\xE3\x80\x82", 3) || !memcmp(s + n - 3, "\xEF\xBC\x81", 3) ||
                   !memcmp(s + n - 3, "\xEF\xBC\x9F", 3)))
        return 1; /* 。！？ */
    return n && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?');
}

/* A line ending in a colon introduces what follows ("Here is an example:"). */
static int ends_colon(const char *s, size_t n)
{
    while (n && s[n - 1] == ' ') n--;
    return n && s[n - 1] == ':';
}

/* Words of a line for judging its length: CJK scripts have no spaces, and a
 * character there is about half a word. */
static double line_words(const char *s, size_t n, size_t words)
{
    size_t cjk = 0;
    for (size_t i = 0; i + 2 < n; i++) {
        unsigned char c = (unsigned char)s[i];
        /* U+3040..U+9FFF (kana, CJK ideographs) lead with E3..E9 */
        if (c >= 0xE3 && c <= 0xE9 && ((unsigned char)s[i + 1] & 0xC0) == 0x80) cjk++, i += 2;
    }
    return (double)words + (double)cjk / 2.0;
}

/* The rest of a line split at a link: it starts in lower case or with
 * punctuation that cannot start a block. */
static int continues_line(const char *s, size_t n)
{
    if (!n) return 0;
    unsigned char c = (unsigned char)s[0];
    return islower(c) || c == '.' || c == ',' || c == ';' || c == ':' || c == ')' || c == '!' || c == '?';
}

/* A line that stops where a sentence cannot: a comma, an opening bracket or
 * quotation mark, a dash, or a function word of the language ("der", "the"),
 * as text does when a link splits it. */
static int open_end(const cx_lang *lang, const char *s, size_t n)
{
    while (n && s[n - 1] == ' ') n--;
    if (!n) return 0;
    unsigned char c = (unsigned char)s[n - 1];
    if (c == ',' || c == '(' || c == '[' || c == '-' || c == '/' || c == '"') return 1;
    if (n >= 3 && (!memcmp(s + n - 3, "\xE2\x80\x9E", 3) || !memcmp(s + n - 3, "\xE2\x80\x9C", 3) ||
                   !memcmp(s + n - 3, "\xE2\x80\x93", 3)))
        return 1; /* „ “ – */
    if (!lang || !cx_lang_has_stopwords(lang)) return 0;
    size_t w = n;
    while (w && isalpha((unsigned char)s[w - 1])) w--;
    if (w == n || n - w > 12 || (w && (unsigned char)s[w - 1] >= 0x80)) return 0;
    char low[16];
    for (size_t i = 0; i < n - w; i++) low[i] = (char)cx_ascii_lower((unsigned char)s[w + i]);
    return cx_lang_is_stopword(lang, low, n - w);
}

/* Case-insensitive (ASCII) containment of the shorter string in the longer. */
static int repeats_title(const char *s, size_t n, const char *t, size_t tn)
{
    if (!t || n < TITLE_MIN_BYTES || tn < TITLE_MIN_BYTES || n > TITLE_MAX_BYTES || tn > TITLE_MAX_BYTES) return 0;
    const char *big = n >= tn ? s : t, *small = n >= tn ? t : s;
    size_t bn = n >= tn ? n : tn, sn = n >= tn ? tn : n;
    for (size_t i = 0; i + sn <= bn; i++) {
        size_t k = 0;
        while (k < sn && cx_ascii_lower((unsigned char)big[i + k]) == cx_ascii_lower((unsigned char)small[k])) k++;
        if (k == sn) return 1;
    }
    return 0;
}

static int glued_to_itself(const char *s, size_t n)
{
    if (n < 8) return 0;
    if (n % 2 == 0 && memcmp(s, s + n / 2, n / 2) == 0) return 1;
    if (n % 2 == 1 && s[n / 2] == ' ' && memcmp(s, s + n / 2 + 1, n / 2) == 0) return 1;
    return 0;
}

/* A sentence end glued to the next word, as when a caption runs into its
 * credit ("2020.Credit: AP"): a period, then a capital and a lower-case
 * letter, with a lower-case letter or digit before the period. */
static int glued_sentence_end(const char *s, size_t n)
{
    for (size_t i = 1; i + 2 < n; i++)
        if (s[i] == '.' && (islower((unsigned char)s[i - 1]) || isdigit((unsigned char)s[i - 1])) &&
            isupper((unsigned char)s[i + 1]) && islower((unsigned char)s[i + 2]))
            return 1;
    return 0;
}

/* Words run together without a space, as interface labels are when their
 * markup is stripped ("briefReceive"): four or more lower-case letters then a
 * capital then a lower-case letter, inside one token. */
static int camel_glued(const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (islower(c)) run++;
        else if (isupper(c) && run >= CAMEL_RUN && islower((unsigned char)s[i + 1])) return 1;
        else run = 0;
    }
    return 0;
}

/* A web address the reader is sent to: a scheme, "www.", or a host name
 * followed by a path ("site.com/page"). A bare "Amazon.com" is a company's
 * name in reporting and does not count. */
int cx_web_address(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t rest = n - i;
        /* the first letter before the library call: this runs on every
         * character of every candidate sentence */
        unsigned char c0 = (unsigned char)(s[i] | 0x20);
        if (c0 == 'h' && rest >= 7 &&
            (!strncasecmp(s + i, "http://", 7) || (rest >= 8 && !strncasecmp(s + i, "https://", 8))))
            return 1;
        if (c0 == 'w' && rest >= 4 && !strncasecmp(s + i, "www.", 4) && (i == 0 || !isalnum((unsigned char)s[i - 1])))
            return 1;
        if (s[i] == '.' && i > 0 && isalnum((unsigned char)s[i - 1])) {
            size_t j = i + 1;
            while (j < n && isalpha((unsigned char)s[j])) j++;
            if (j - i - 1 >= 2 && j - i - 1 <= 4 && j + 1 < n && s[j] == '/' && isalnum((unsigned char)s[j + 1]))
                return 1;
        }
    }
    return 0;
}

/* "Name/AGENCY" or "AGENCY/Name" in the last words: a photo credit. */
static int agency_credit(const char *s, size_t n)
{
    size_t from = n > CREDIT_TAIL_BYTES ? n - CREDIT_TAIL_BYTES : 0;
    for (size_t i = from + 1; i + 1 < n; i++)
        if (s[i] == '/' && isalpha((unsigned char)s[i - 1]) && isupper((unsigned char)s[i + 1])) {
            /* not a URL or a ratio: letters on both sides, no "://" nearby */
            if (i >= 1 && s[i - 1] == ':') continue;
            size_t caps = 0, k = i + 1;
            while (k < n && (isupper((unsigned char)s[k]) || s[k] == ' ')) caps += s[k++] != ' ';
            if (caps >= 2 || (i >= 2 && isupper((unsigned char)s[i - 1]) && isupper((unsigned char)s[i - 2])))
                return 1;
        }
    return 0;
}

static int lower_word_eq(const char *s, size_t n, const char *w)
{
    size_t m = strlen(w);
    if (n < m) return 0;
    for (size_t i = 0; i < m; i++)
        if (cx_ascii_lower((unsigned char)s[i]) != w[i]) return 0;
    return n == m || !isalpha((unsigned char)s[m]);
}

/* Words that mark photo captions and credits wherever they appear. */
static int credit_marker(const char *s, size_t n)
{
    static const char *const markers[] = {"credit:", "photo:", "photo by", "photograph:", "image:",
                                          "file photo", "getty images", "photo credit", "(photo",
                                          "illustration:", "caption:", "photo courtesy"};
    char low[512];
    size_t m = n < sizeof low - 1 ? n : sizeof low - 1;
    for (size_t i = 0; i < m; i++) low[i] = (char)cx_ascii_lower((unsigned char)s[i]);
    low[m] = '\0';
    for (size_t i = 0; i < sizeof markers / sizeof *markers; i++)
        if (strstr(low, markers[i])) return 1;
    return 0;
}

/* Interface verbs that open calls to action on news pages. */
static int call_to_action(const char *s, size_t n, size_t words, int terminal)
{
    static const char *const verbs[] = {"skip", "click", "tap", "listen", "watch", "subscribe",
                                        "sign", "follow", "share", "send", "download", "get",
                                        "read", "receive", "join", "register", "log", "advertisement",
                                        "sponsored", "related", "recommended", "email", "e-mail",
                                        "print", "comment", "comments", "close", "menu", "search",
                                        "loading", "play", "replay", "continue", "accept"};
    for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++) {
        if (!lower_word_eq(s, n, verbs[i])) continue;
        size_t m = strlen(verbs[i]);
        int colon = m < n && s[m] == ':';
        if (colon || !terminal || words <= PROMPT_MAX_WORDS) return 1;
    }
    return 0;
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

/* A note from the agency to its editors, not part of the story. */
static int note_to_editors(const char *s, size_t n)
{
    static const char *const openers[] = {"editors:", "editor's note", "editor\xE2\x80\x99s note", "editors' note",
                                          "note to editors", "editors note"};
    for (size_t i = 0; i < sizeof openers / sizeof *openers; i++) {
        size_t m = strlen(openers[i]);
        if (n >= m && !strncasecmp(s, openers[i], m)) return 1;
    }
    /* the word alone, as a heading over the note */
    return n == 7 && !strncasecmp(s, "editors", 7);
}

/* A budget line: a capitalised slug ("NY-WOJNAROWICZ", "CAMPAIGN FINANCE"),
 * maybe a place in parentheses, then the wire's " _ " before the story's
 * summary (or a dash). A dateline ("LONDON (AP) _") has the same shape, which is why one
 * such paragraph proves nothing and a budget is several. */
static int budget_slug(const char *s, size_t n)
{
    size_t i = 0, letters = 0;
    while (i < n && i < 60 && (isupper((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '-' ||
                               s[i] == '\'' || s[i] == '&' || s[i] == '.' || s[i] == ' '))
        letters += isupper((unsigned char)s[i]) != 0, i++;
    if (letters < 3) return 0;
    while (i > 0 && s[i - 1] == ' ') i--;
    if (i + 1 < n && s[i] == ' ' && s[i + 1] == '(') {
        const char *close = memchr(s + i, ')', n - i < 60 ? n - i : 60);
        if (!close) return 0;
        i = (size_t)(close - s) + 1;
    }
    while (i < n && s[i] == ' ') i++;
    /* the wire's underscore, or the dash normalization made of it */
    return (i + 1 < n && s[i] == '_' && s[i + 1] == ' ') || (i + 3 < n && !memcmp(s + i, "\xE2\x80\x94 ", 4)) ||
           (i + 2 < n && !memcmp(s + i, "-- ", 3));
}

/* Judge one paragraph on its own shape. */
static const char *judge(const cx_doc *doc, size_t p, const para_info *info)
{
    const char *s = doc->paras[p].text;
    size_t n = doc->paras[p].len;
    /* a lone "." or "," is the end of a sentence a link split: judged with it */
    if (info->words == 0 && !continues_line(s, n)) return CX_DROP_NO_WORDS;
    if (info->words > MAX_PROSE_WORDS) return CX_DROP_TOO_LONG;
    if (glued_to_itself(s, n)) return CX_DROP_GLUED;
    /* A caption printed twice, the second time glued to its credit. */
    if (p + 1 < doc->n_paras && doc->paras[p + 1].len > n && n >= 20 &&
        memcmp(doc->paras[p + 1].text, s, n) == 0)
        return CX_DROP_REPEATED;
    if (n >= 2 && s[0] == '(' && s[n - 1] == ')' && info->words <= PAREN_CREDIT_WORDS) return CX_DROP_CREDIT;
    if (glued_sentence_end(s, n) || agency_credit(s, n) || credit_marker(s, n)) return CX_DROP_CAPTION;
    /* interface labels run together are short; brand names ("MediaWatch") sit in prose */
    if (call_to_action(s, n, info->words, info->terminal) || (camel_glued(s, n) && info->words <= CAMEL_MAX_WORDS))
        return CX_DROP_PROMPT;
    /* Reporting names its sources; a short paragraph around an address is a
     * pointer for readers or editors ("see our site at ..."). */
    if (info->words <= POINTER_MAX_WORDS && cx_web_address(s, n)) return CX_DROP_WEB_POINTER;
    if (note_to_editors(s, n)) return CX_DROP_EDITORS_NOTE;
    return NULL;
}

static int headline_shaped(const cx_para *p, const para_info *info)
{
    return !info->terminal && info->words >= HEADLINE_MIN_WORDS && info->words <= HEADLINE_MAX_WORDS &&
           p->len < HEADLINE_MAX_BYTES;
}

static uint64_t para_hash(const cx_para *p)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < p->len; i++) h = (h ^ (unsigned char)p->text[i]) * 1099511628211ull;
    return h;
}

/* Later copies of a kept paragraph (the kept ones by hash in the library's
 * u64map, so a long page costs linear time; texts compared on a hit). */
static int drop_repeats(cx_doc *doc)
{
    cx_u64map kept = {0};
    size_t *first = malloc((doc->n_paras + 1) * sizeof *first); /* by map index: the kept paragraph */
    if (!first) return CHORUS_ENOMEM;
    int rc = 0;
    for (size_t p = 0; p < doc->n_paras; p++) {
        cx_para *pa = &doc->paras[p];
        if (pa->drop_reason) continue;
        int added;
        int64_t k = cx_u64map_add(&kept, para_hash(pa), &added);
        if (k < 0) {
            rc = CHORUS_ENOMEM;
            break;
        }
        if (added) first[k] = p;
        else if (doc->paras[first[k]].len == pa->len && !memcmp(doc->paras[first[k]].text, pa->text, pa->len))
            pa->drop_reason = CX_DROP_REPEATED;
    }
    free(first);
    cx_u64map_free(&kept);
    return rc;
}

/* A short line holding a time ("10:36") or a numeric date ("20.11.2022",
 * "2022-11-20", "11/20/22"): in a run of them, the stamps of a comment
 * thread, whatever the language of the words around them. */
static int time_stamp(const char *s, size_t n, size_t words)
{
    if (words > STAMP_MAX_WORDS || n > STAMP_MAX_BYTES) return 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) continue;
        size_t j = i;
        while (j < n && isdigit((unsigned char)s[j])) j++;
        size_t d1 = j - i;
        if (j + 2 < n && (s[j] == ':' ) && d1 <= 2 && isdigit((unsigned char)s[j + 1]) &&
            isdigit((unsigned char)s[j + 2]))
            return 1; /* 10:36 */
        if (j + 1 < n && (s[j] == '.' || s[j] == '/' || s[j] == '-') && isdigit((unsigned char)s[j + 1])) {
            size_t k = j + 1;
            while (k < n && isdigit((unsigned char)s[k])) k++;
            if (k < n && s[k] == s[j] && k + 1 < n && isdigit((unsigned char)s[k + 1]) && k - j - 1 <= 2 &&
                (d1 <= 2 || d1 == 4))
                return 1; /* 20.11.2022, 2022-11-20 */
        }
        i = j;
    }
    return 0;
}

/* Comment threads after the article: three or more time stamps, each within
 * a few lines of the last, once the body has begun. The thread runs from
 * the line before its first stamp (the commenter's name) to a comment's
 * length past its last. */
static void drop_comment_threads(cx_doc *doc, const para_info *pi)
{
    size_t first = doc->n_paras;
    for (size_t p = 0; p < doc->n_paras && first == doc->n_paras; p++)
        if (!doc->paras[p].drop_reason && pi[p].terminal && pi[p].words >= BODY_MIN_WORDS) first = p;
    for (size_t p = first + 1; p < doc->n_paras;) {
        if (!time_stamp(doc->paras[p].text, doc->paras[p].len, pi[p].words)) {
            p++;
            continue;
        }
        size_t count = 1, last = p, q = p + 1;
        for (; q < doc->n_paras && q <= last + STAMP_GAP_LINES; q++)
            if (time_stamp(doc->paras[q].text, doc->paras[q].len, pi[q].words)) count++, last = q;
        if (count >= STAMP_MIN_COUNT) {
            size_t spacing = (last - p) / (count - 1);
            size_t from = p > first + 1 ? p - 1 : p, to = last + spacing;
            for (size_t k = from; k < doc->n_paras && k <= to; k++)
                if (!doc->paras[k].drop_reason) doc->paras[k].drop_reason = CX_DROP_COMMENTS;
            p = to + 1;
        } else {
            p++;
        }
    }
}

static int kept_line(const cx_para *p)
{
    return !p->drop_reason || p->drop_reason == CX_DROP_TITLE;
}

/* Corrections to the one-stretch decision, on what is kept after it. */
static void refine_main_text(cx_doc *doc, const para_info *pi)
{
    size_t n = doc->n_paras;
    /* A lone paragraph after the article: the last kept one, far below the
     * kept text before it, is what a page puts after its article. */
    size_t last = n, prev = n;
    for (size_t p = n; p-- > 0;) {
        if (doc->paras[p].drop_reason) continue;
        if (last == n) last = p;
        else {
            prev = p;
            break;
        }
    }
    if (prev < n && last - prev >= LONE_TAIL_GAP) doc->paras[last].drop_reason = CX_DROP_LONE_TAIL;
    /* A whole sentence in a run of short lines is text, not a menu item. */
    for (size_t p = 0; p < n; p++)
        if (doc->paras[p].drop_reason == CX_DROP_SHORT_RUN && pi[p].words >= RUN_SENTENCE_WORDS &&
            (pi[p].terminal || ends_colon(doc->paras[p].text, doc->paras[p].len)))
            doc->paras[p].drop_reason = NULL;
    /* A paragraph next to kept text, judged outside the stretch, carries the
     * text on. One pass on the kept lines as they were before it. */
    uint8_t prev_kept = 0;
    for (size_t p = 0; p < n; p++) {
        uint8_t here = (uint8_t)kept_line(&doc->paras[p]);
        if (doc->paras[p].drop_reason == CX_DROP_OUTSIDE && pi[p].words >= NEXT_TO_TEXT_WORDS &&
            pi[p].words <= MAX_PROSE_WORDS && (prev_kept || (p + 1 < n && kept_line(&doc->paras[p + 1]))))
            doc->paras[p].drop_reason = NULL;
        prev_kept = here;
    }
}

/* Reasons the line model leaves alone: the line has no text of its own to
 * give (no words, a copy, a dump, the headline, a paragraph printed word for
 * word on other pages of the crawl) or is a note to editors. */
static int model_may_judge(const char *r)
{
    return r != CX_DROP_NO_WORDS && r != CX_DROP_TOO_LONG && r != CX_DROP_GLUED && r != CX_DROP_REPEATED &&
           r != CX_DROP_TITLE && r != CX_DROP_BUDGET && r != CX_DROP_EDITORS_NOTE && r != CX_DROP_TEMPLATE;
}

_Static_assert(CX_LF_WORD_LEN - CX_LF_CAPS + 1 == CX_SHAPE_PIECES && CX_LF_WORD_LEN + 1 == CX_LINE_FEATURES,
               "the line's shape fills the last slots of its evidence");

static double log1p_(double x)
{
    return log(1.0 + x);
}

/* The evidence of every line (clean_line_model.h) from the rules' verdicts
 * (pre: on the line's own shape and across pages; verdict: the main-text
 * finder's; drop_reason: the final one), then the model's decision on the
 * lines it may judge. The evidence is kept on the paragraphs for
 * `chorus clean --features` (how bench/clean_fit.py learns the weights). */
static int apply_line_model(cx_doc *doc, const para_info *pi, const cx_line_evidence *ev, const char **pre,
                            const uint8_t *verdict)
{
    size_t n = doc->n_paras;
    if (!n) return 0;
    size_t *dist = malloc(sizeof *dist * n);
    uint8_t *kept = malloc(n);
    if (!dist || !kept) {
        free(dist), free(kept);
        return CHORUS_ENOMEM;
    }
    for (size_t p = 0; p < n; p++) kept[p] = (uint8_t)kept_line(&doc->paras[p]);
    /* lines to the nearest kept line, both ways */
    size_t far = n + 1, last = far;
    for (size_t p = 0; p < n; p++) {
        if (kept[p]) last = p;
        dist[p] = last == far ? far : p - last;
    }
    last = far;
    for (size_t p = n; p-- > 0;) {
        if (kept[p]) last = p;
        if (last != far && last - p < dist[p]) dist[p] = last - p;
    }
    /* Blocks: a new one starts at running text after BLOCK_GAP lines or
     * more that are not. */
    size_t *blk = malloc(sizeof *blk * n);
    double *bwords = calloc(n, sizeof *bwords);
    size_t *bkept = calloc(n, sizeof *bkept), *bcount = calloc(n, sizeof *bcount);
    uint8_t *prose = malloc(n);
    if (!blk || !bwords || !bkept || !bcount || !prose) {
        free(dist), free(kept), free(blk), free(bwords), free(bkept), free(bcount), free(prose);
        return CHORUS_ENOMEM;
    }
    size_t b = 0, run = 0;
    int started = 0;
    for (size_t p = 0; p < n; p++) {
        prose[p] = (uint8_t)cx_line_is_prose(&ev[p]);
        if (prose[p]) {
            if (run >= BLOCK_GAP && started) b++;
            run = 0, started = 1;
        } else {
            run++;
        }
        blk[p] = b;
        if (prose[p]) bwords[b] += ev[p].words < BLOCK_LINE_CAP ? ev[p].words : BLOCK_LINE_CAP;
        bkept[b] += kept[p], bcount[b]++;
    }
    double most = 0;
    for (size_t k = 0; k <= b; k++)
        if (bwords[k] > most) most = bwords[k];
    float *vocab = malloc(sizeof *vocab * 2 * n);
    int rc = vocab ? cx_line_vocab_shares(doc->paras, n, kept, doc->title, vocab, vocab + n) : CHORUS_ENOMEM;
    for (size_t p = 0; p < n && !rc; p++) {
        float *f = calloc(CX_LINE_FEATURES, sizeof *f);
        if (!f) {
            rc = CHORUS_ENOMEM;
            break;
        }
        const char *r = pre[p], *fin = doc->paras[p].drop_reason;
        f[CX_LF_KEPT] = kept[p];
        f[CX_LF_WORDS] = (float)log1p_(ev[p].words);
        f[CX_LF_TERMINAL] = (float)pi[p].terminal;
        f[CX_LF_STOPS] = pi[p].stops >= 0 ? (float)pi[p].stops : 0.0f;
        f[CX_LF_NO_STOPLIST] = pi[p].stops < 0;
        f[CX_LF_OUTSIDE] = verdict[p] == CX_MAIN_OUTSIDE;
        f[CX_LF_SHORT_RUN] = verdict[p] == CX_MAIN_SHORT_RUN;
        f[CX_LF_SHAPE] = r == CX_DROP_CAPTION || r == CX_DROP_PROMPT || r == CX_DROP_WEB_POINTER || r == CX_DROP_CREDIT;
        f[CX_LF_TEMPLATE] = r == CX_DROP_TEMPLATE || r == CX_DROP_INTERFACE;
        f[CX_LF_TEMPL_SHARE] = (float)pi[p].templ_share;
        f[CX_LF_COMMENTS] = r == CX_DROP_COMMENTS;
        f[CX_LF_DISTANCE] = (float)log1p_((double)(dist[p] > n ? n : dist[p]));
        f[CX_LF_PREV_KEPT] = p > 0 && kept[p - 1];
        f[CX_LF_NEXT_KEPT] = p + 1 < n && kept[p + 1];
        f[CX_LF_COLON] = (float)ends_colon(doc->paras[p].text, doc->paras[p].len);
        f[CX_LF_GLUED] = ev[p].continues || ev[p].open_end;
        f[CX_LF_POSITION] = n > 1 ? (float)p / (float)(n - 1) : 0.0f;
        f[CX_LF_HEADING] = !pi[p].terminal && pi[p].words >= 1 && pi[p].words <= HEADING_MAX_WORDS && p + 1 < n &&
                           kept[p + 1];
        double nb = ((p > 0 ? ev[p - 1].words : 0) + (p + 1 < n ? ev[p + 1].words : 0)) / 2.0;
        f[CX_LF_NB_WORDS] = (float)log1p_(nb);
        f[CX_LF_TAIL] = fin == CX_DROP_LONE_TAIL || fin == CX_DROP_OFFTOPIC_EDGE;
        f[CX_LF_BLOCK_WORDS] = (float)log1p_(bwords[blk[p]]);
        f[CX_LF_BLOCK_SHARE] = most > 0 ? (float)(bwords[blk[p]] / most) : 0.0f;
        f[CX_LF_BLOCK_KEPT] = (float)bkept[blk[p]] / (float)bcount[blk[p]];
        f[CX_LF_PROSE] = prose[p];
        f[CX_LF_VOCAB] = vocab[p];
        f[CX_LF_TITLE_VOCAB] = vocab[n + p];
        cx_line_shape(doc->paras[p].text, doc->paras[p].len, f + CX_LF_CAPS);
        doc->paras[p].features = f;
    }
    free(vocab);
    /* The verdicts along the page: the labels of the lines the model may
     * judge that maximise the kept lines' margins over the threshold minus a
     * cost per change between kept and dropped (Viterbi over two states), so
     * a lone doubtful line between kept ones stays and one between dropped
     * ones goes. dist[] now holds each line's back pointers: bit 0 the best
     * state before a dropped line, bit 1 before a kept one. */
    /* the scores of the judged lines, which read each other's evidence */
    const float **judged = rc ? NULL : malloc(sizeof *judged * n);
    double *score = rc ? NULL : malloc(sizeof *score * n);
    uint8_t *starts = rc ? NULL : malloc(n); /* a line the model leaves alone comes before it */
    size_t m_judged = 0;
    if (!rc && (!judged || !score || !starts)) rc = CHORUS_ENOMEM;
    for (size_t p = 0, prev = n; p < n && !rc; p++) {
        if (!model_may_judge(doc->paras[p].drop_reason)) continue;
        starts[m_judged] = m_judged > 0 && prev + 1 != p;
        judged[m_judged++] = doc->paras[p].features;
        prev = p;
    }
    if (!rc) rc = cx_line_model_scores(judged, starts, m_judged, score);
    double cost = cx_line_model_switch_cost(), v0 = 0, v1 = 0;
    size_t first = n, last_judged = n, k_judged = 0;
    for (size_t p = 0; p < n && !rc; p++) {
        if (!model_may_judge(doc->paras[p].drop_reason)) continue;
        double m = score[k_judged++] - cx_line_model_threshold();
        if (first == n) {
            first = p, v0 = 0, v1 = m, dist[p] = 0;
        } else {
            int b0 = v0 >= v1 - cost ? 0 : 1, b1 = v1 >= v0 - cost ? 1 : 0;
            double n0 = b0 ? v1 - cost : v0, n1 = (b1 ? v1 : v0 - cost) + m;
            dist[p] = (size_t)b0 | (size_t)b1 << 1;
            v0 = n0, v1 = n1;
        }
        last_judged = p;
    }
    int y = v1 > v0;
    for (size_t p = last_judged + 1; p-- > first && first < n && !rc;) {
        const char *fin = doc->paras[p].drop_reason;
        if (!model_may_judge(fin)) continue;
        if (y && fin) doc->paras[p].drop_reason = NULL;
        else if (!y && !fin) doc->paras[p].drop_reason = CX_DROP_LINE_MODEL;
        y = (int)(dist[p] >> y) & 1;
    }
    free(judged), free(score), free(starts);
    free(dist), free(kept), free(blk), free(bwords), free(bkept), free(bcount), free(prose);
    return rc;
}

/* Stories of several outlets: at the edges of an article, text no other
 * outlet supports, separated from the body by page noise, is the page's. */
static void drop_off_topic_edges(cx_doc *doc, const para_info *pi)
{
    /* Trailing edge: a paragraph no other outlet supports, separated from
     * the body by page noise, belongs to the page, not the article. */
    size_t body_end = doc->n_paras; /* index after the last supported kept paragraph */
    for (size_t p = doc->n_paras; p-- > 0;) {
        if (!doc->paras[p].drop_reason && pi[p].support >= EDGE_SUPPORT) {
            body_end = p + 1;
            break;
        }
    }
    int noise = 0;
    for (size_t p = body_end; p < doc->n_paras; p++) {
        const char *r = doc->paras[p].drop_reason;
        if (r && r != CX_DROP_TITLE) noise = 1;
        else if (!r && noise) doc->paras[p].drop_reason = CX_DROP_OFFTOPIC_EDGE;
    }
    /* Leading edge: short unsupported lines before the body starts. With no
     * body after them (a report of one short paragraph: "Inspectors will
     * return next week, engineers noted.") they are the article, not its edge. */
    size_t body = doc->n_paras;
    for (size_t p = 0; p < doc->n_paras && body == doc->n_paras; p++)
        if (!doc->paras[p].drop_reason && (pi[p].support >= EDGE_SUPPORT || pi[p].words >= EDGE_LONG_WORDS)) body = p;
    for (size_t p = 0; p < body && body < doc->n_paras; p++)
        if (!doc->paras[p].drop_reason) doc->paras[p].drop_reason = CX_DROP_OFFTOPIC_EDGE;
}

/* A doc's paragraphs' shapes and content stems: tokenized into the story
 * (x NULL), or into worker x's lexer with the words held in held[p] until
 * they are adopted in doc order. */
static int shape_doc(cx_story *s, size_t d, para_info *info, cx_story_lexer *x, cx_sent *held)
{
    cx_doc *doc = &s->docs[d];
    int has_stops = doc->lang && cx_lang_has_stopwords(doc->lang);
    for (size_t p = 0; p < doc->n_paras; p++) {
        para_info *pi = &info[p];
        pi->stops = -1;
        pi->words = cx_word_count(doc->paras[p].text, doc->paras[p].len);
        pi->terminal = ends_terminal(doc->paras[p].text, doc->paras[p].len);
        if (pi->words > MAX_PROSE_WORDS) continue;
        if (s->n_outlets <= 1) { /* no support to measure: stopwords alone, without stems */
            if (has_stops && pi->words)
                pi->stops = cx_lang_stopword_density(doc->lang, doc->paras[p].text, doc->paras[p].len);
            continue;
        }
        cx_sent tmp = {0};
        if (x ? cx_story_lexer_tokenize(x, doc->lang, &tmp, doc->paras[p].text, doc->paras[p].len)
              : cx_story_tokenize_in(s, doc->lang, &tmp, doc->paras[p].text, doc->paras[p].len)) {
            free(tmp.stems), free(tmp.stop);
            return CHORUS_ENOMEM;
        }
        pi->stops = -1;
        if (has_stops && tmp.n_tok) {
            size_t k = 0;
            for (size_t t = 0; t < tmp.n_tok; t++) k += tmp.stop[t] != 0;
            pi->stops = (double)k / (double)tmp.n_tok;
        }
        if (x) {
            held[p] = tmp;
            continue;
        }
        pi->n_content = cx_sent_content_set(&tmp, &pi->content);
        free(tmp.stems), free(tmp.stop);
    }
    return 0;
}

typedef struct {
    cx_story *s;
    para_info **info;
    cx_sent **held;
    int *worker;
} shape_run;

static int shape_item(void *ctx, size_t d, int w)
{
    shape_run *r = ctx;
    size_t np = r->s->docs[d].n_paras;
    r->worker[d] = w;
    if (!(r->held[d] = calloc(np ? np : 1, sizeof **r->held))) return CHORUS_ENOMEM;
    return shape_doc(r->s, d, r->info[d], r->s->lexers[w], r->held[d]);
}

/* Shapes on the story's workers: the words adopted in doc order give each
 * stem the id the one-thread run gives it. */
static int shape_docs_parallel(cx_story *s, para_info **info)
{
    shape_run r = {s, info, calloc(s->n_docs, sizeof *r.held), malloc(sizeof *r.worker * s->n_docs)};
    int rc = r.held && r.worker ? cx_parallel_for(s->n_docs, s->threads, shape_item, &r) : CHORUS_ENOMEM;
    for (size_t d = 0; d < s->n_docs && r.held; d++) {
        for (size_t p = 0; r.held[d] && p < s->docs[d].n_paras; p++) {
            cx_sent *tmp = &r.held[d][p];
            if (!tmp->stems) continue;
            if (!rc) rc = cx_story_adopt(s, s->lexers[r.worker[d]], tmp);
            if (!rc && !((info[d][p].n_content = cx_sent_content_set(tmp, &info[d][p].content)), info[d][p].content))
                rc = CHORUS_ENOMEM;
            free(tmp->stems), free(tmp->stop);
        }
        free(r.held[d]);
    }
    free(r.held), free(r.worker);
    return rc;
}

int cx_clean_story(cx_story *s)
{
    /* Per paragraph: shape and content stems. */
    para_info **info = calloc(s->n_docs ? s->n_docs : 1, sizeof *info);
    if (!info) return CHORUS_ENOMEM;
    int rc = 0;
    for (size_t d = 0; d < s->n_docs && !rc; d++)
        if (!(info[d] = calloc(s->docs[d].n_paras ? s->docs[d].n_paras : 1, sizeof **info))) rc = CHORUS_ENOMEM;
    if (!rc && s->lexers && s->n_docs > 1) rc = shape_docs_parallel(s, info);
    else
        for (size_t d = 0; d < s->n_docs && !rc; d++) rc = shape_doc(s, d, info[d], NULL, NULL);
    /* Support: content stems seen in another outlet's article. Docs sorted
     * sets per doc make this a merge per paragraph. */
    int32_t **doc_terms = calloc(s->n_docs ? s->n_docs : 1, sizeof *doc_terms);
    size_t *n_doc_terms = calloc(s->n_docs ? s->n_docs : 1, sizeof *n_doc_terms);
    if (!doc_terms || !n_doc_terms) rc = CHORUS_ENOMEM;
    for (size_t d = 0; d < s->n_docs && !rc && s->n_outlets > 1; d++) { /* support needs other outlets */
        size_t total = 0;
        for (size_t p = 0; p < s->docs[d].n_paras; p++) total += info[d][p].n_content;
        doc_terms[d] = malloc(sizeof **doc_terms * (total ? total : 1));
        if (!doc_terms[d]) {
            rc = CHORUS_ENOMEM;
            break;
        }
        size_t m = 0;
        for (size_t p = 0; p < s->docs[d].n_paras; p++) {
            if (!info[d][p].n_content) continue; /* content is NULL for paragraphs never tokenized */
            memcpy(doc_terms[d] + m, info[d][p].content, sizeof(int32_t) * info[d][p].n_content);
            m += info[d][p].n_content;
        }
        qsort(doc_terms[d], m, sizeof(int32_t), cmp_i32);
        size_t u = 0;
        for (size_t i = 0; i < m; i++)
            if (!u || doc_terms[d][u - 1] != doc_terms[d][i]) doc_terms[d][u++] = doc_terms[d][i];
        n_doc_terms[d] = u;
    }
    int multi = s->n_outlets > 1;
    /* Per stem: the outlet of the first doc holding it, and whether a doc
     * of another outlet holds it too (one pass, not one per paragraph). */
    size_t n_stems = cx_vocab_size(s->vocab);
    int *stem_outlet = multi && !rc ? malloc(sizeof *stem_outlet * (n_stems ? n_stems : 1)) : NULL;
    uint8_t *stem_shared = multi && !rc ? calloc(n_stems ? n_stems : 1, 1) : NULL;
    if (multi && !rc && (!stem_outlet || !stem_shared)) rc = CHORUS_ENOMEM;
    for (size_t x = 0; stem_outlet && x < n_stems; x++) stem_outlet[x] = -1;
    for (size_t d = 0; d < s->n_docs && multi && !rc; d++)
        for (size_t i = 0; i < n_doc_terms[d]; i++) {
            int32_t t = doc_terms[d][i];
            if (stem_outlet[t] < 0) stem_outlet[t] = s->doc_outlet[d];
            else if (stem_outlet[t] != s->doc_outlet[d]) stem_shared[t] = 1;
        }
    for (size_t d = 0; d < s->n_docs && !rc; d++) {
        cx_doc *doc = &s->docs[d];
        for (size_t p = 0; p < doc->n_paras; p++) {
            para_info *pi = &info[d][p];
            if (!multi || !pi->n_content) {
                pi->support = multi ? 0.0 : 1.0;
                continue;
            }
            /* a stem counts as supported when any other outlet's doc has it */
            size_t supported = 0;
            for (size_t t = 0; t < pi->n_content; t++) {
                int32_t x = pi->content[t];
                supported += stem_shared[x] || (stem_outlet[x] >= 0 && stem_outlet[x] != s->doc_outlet[d]);
            }
            pi->support = (double)supported / (double)pi->n_content;
        }
    }
    free(stem_outlet), free(stem_shared);

    for (size_t d = 0; d < s->n_docs && !rc; d++) {
        cx_doc *doc = &s->docs[d];
        para_info *pi = info[d];
        size_t slugs = 0;
        for (size_t p = 0; p < doc->n_paras; p++) {
            doc->paras[p].drop_reason = judge(doc, p, &pi[p]);
            if (!doc->paras[p].drop_reason && s->pages) {
                const char *t = doc->paras[p].text;
                size_t n = doc->paras[p].len;
                if (cx_page_stats_line_pages(s->pages, t, n) >= CX_TEMPLATE_LINE_PAGES)
                    doc->paras[p].drop_reason = CX_DROP_TEMPLATE;
                else if ((pi[p].templ_share = cx_page_stats_template_share(s->pages, doc->lang, t, n)) >= INTERFACE_SHARE)
                    doc->paras[p].drop_reason = CX_DROP_INTERFACE;
            }
            slugs += budget_slug(doc->paras[p].text, doc->paras[p].len);
        }
        /* A budget lists other stories: none of it is this article's report. */
        if (slugs >= BUDGET_SLUGS)
            for (size_t p = 0; p < doc->n_paras; p++)
                if (!doc->paras[p].drop_reason) doc->paras[p].drop_reason = CX_DROP_BUDGET;
        /* Title: a given one, or the first headline-shaped paragraph near the top. */
        size_t seen = 0;
        for (size_t p = 0; p < doc->n_paras && seen < TITLE_LOOKAHEAD; p++) {
            if (doc->paras[p].drop_reason) continue;
            seen++;
            if (doc->title) {
                if (cx_strcaseeq(doc->paras[p].text, doc->title)) doc->paras[p].drop_reason = CX_DROP_TITLE;
                break;
            }
            if (headline_shaped(&doc->paras[p], &pi[p]) && (pi[p].support >= TITLE_SUPPORT || !multi)) {
                doc->title = cx_strdup(doc->paras[p].text);
                if (!doc->title) rc = CHORUS_ENOMEM;
                doc->paras[p].drop_reason = CX_DROP_TITLE;
                break;
            }
            if (pi[p].terminal) break; /* the body has started */
        }
        drop_comment_threads(doc, pi);
        /* Where the article is: lines outside it and menus inside it go. */
        cx_line_evidence *ev = calloc(doc->n_paras ? doc->n_paras : 1, sizeof *ev);
        uint8_t *verdict = malloc(doc->n_paras ? doc->n_paras : 1);
        if (!ev || !verdict) {
            free(ev), free(verdict);
            rc = CHORUS_ENOMEM;
            break;
        }
        /* the reasons of the rules that judge a line on its own, before the main text */
        const char **pre = malloc(sizeof *pre * (doc->n_paras ? doc->n_paras : 1));
        if (!pre) {
            free(ev), free(verdict);
            rc = CHORUS_ENOMEM;
            break;
        }
        for (size_t p = 0; p < doc->n_paras; p++) pre[p] = doc->paras[p].drop_reason;
        const char *ref = doc->title;
        size_t ref_len = ref ? strlen(ref) : 0;
        for (size_t p = 0; p < doc->n_paras; p++) {
            const char *t = doc->paras[p].text;
            size_t n = doc->paras[p].len;
            const char *r = doc->paras[p].drop_reason;
            ev[p].words = pi[p].words > MAX_PROSE_WORDS ? 0 : line_words(t, n, pi[p].words);
            /* a line that ends in a colon introduces what follows: a sentence too */
            ev[p].terminal = pi[p].terminal;
            ev[p].noise = r && r != CX_DROP_TITLE;
            ev[p].headline = r == CX_DROP_TITLE || (pi[p].words >= 3 && repeats_title(t, n, ref, ref_len));
            ev[p].continues = continues_line(t, n);
            ev[p].open_end = open_end(doc->lang, t, n);
            ev[p].signoff = r == CX_DROP_CREDIT;
            ev[p].stops = pi[p].stops;
        }
        cx_main_text(ev, doc->n_paras, verdict);
        for (size_t p = 0; p < doc->n_paras; p++) {
            if (doc->paras[p].drop_reason) continue;
            if (verdict[p] == CX_MAIN_OUTSIDE) doc->paras[p].drop_reason = CX_DROP_OUTSIDE;
            else if (verdict[p] == CX_MAIN_SHORT_RUN) doc->paras[p].drop_reason = CX_DROP_SHORT_RUN;
            else if (verdict[p] != CX_MAIN_IN_SENTENCE && (pi[p].words == 0 || (pi[p].words < FRAGMENT_WORDS && !pi[p].terminal)))
                doc->paras[p].drop_reason = CX_DROP_FRAGMENT;
        }
        refine_main_text(doc, pi);
        /* A paragraph printed twice: the second copy goes, unless the first
         * went with the page around the article (a headline in a teaser list). */
        if (drop_repeats(doc)) {
            free(ev), free(verdict), free(pre);
            rc = CHORUS_ENOMEM;
            break;
        }
        if (multi) drop_off_topic_edges(doc, pi);
        /* Pages of a crawl: the line model weighs all of it, line by line. */
        if (s->pages && apply_line_model(doc, pi, ev, pre, verdict)) rc = CHORUS_ENOMEM;
        free(ev), free(verdict), free(pre);
        if (rc) break;
    }
    for (size_t d = 0; d < s->n_docs; d++) {
        if (info && info[d])
            for (size_t p = 0; p < s->docs[d].n_paras; p++) free(info[d][p].content);
        if (info) free(info[d]);
        if (doc_terms) free(doc_terms[d]);
    }
    free(info);
    free(doc_terms);
    free(n_doc_terms);
    return rc;
}
