/* The story's sentences as terms: tokens and stems in the story's vocabulary,
 * content sets; and freeing a story. Building one is story_build.c. */
#include <stdlib.h>
#include <string.h>

#include "story.h"
#include "util.h"

/* Longest token we stem; longer "words" are URLs or junk and kept whole. */
#define MAX_TOKEN_BYTES 64

const cx_lang *cx_story_lang(const cx_story *s, int d)
{
    if (d >= 0 && (size_t)d < s->n_docs && s->docs[d].lang) return s->docs[d].lang;
    return s->n_langs ? s->langs[0] : cx_lang_get("en");
}

int cx_story_tokenize(cx_story *s, cx_sent *out, const char *text, size_t len)
{
    return cx_story_tokenize_in(s, NULL, out, text, len);
}

/* Word tables: lower-cased words (keyed by language) to their stem's id in
 * a vocabulary and their stopword flag. The story has one; each lexer of a
 * parallel build has its own. */
typedef struct {
    cx_vocab *surface;
    int32_t **surface_stem;
    uint8_t **surface_stop;
    size_t *surface_cap;
    cx_vocab *vocab;
} word_tables;

/* The id of the last word just added to t (sid), with room for its stem and
 * stop flag; 0 or CHORUS_ENOMEM. */
static int room_for(word_tables *t, int32_t sid)
{
    if (sid < 0 || cx_grow((void **)t->surface_stem, t->surface_cap, (size_t)sid + 1, sizeof **t->surface_stem))
        return CHORUS_ENOMEM;
    uint8_t *stop = realloc(*t->surface_stop, *t->surface_cap);
    if (!stop) return CHORUS_ENOMEM;
    *t->surface_stop = stop;
    return 0;
}

/* The index of lang among the story's languages (0: the main one). */
static size_t lang_index(const cx_story *s, const cx_lang *lang)
{
    size_t li = 0;
    while (lang && li < s->n_langs && s->langs[li] != lang) li++;
    return li >= s->n_langs ? 0 : li;
}

/* Tokenize into t: out->stems gets each word's stem id, or with words set
 * the word's own id (a lexer's, to adopt later). */
static int tokenize_with(word_tables *t, cx_stemmer *stemmer, const cx_lang *l, size_t li, int words, cx_sent *out,
                         const char *text, size_t len)
{
    cx_token *tok;
    int nt = cx_tokenize(text, len, &tok);
    if (nt < 0) return nt;
    out->stems = malloc(sizeof *out->stems * (size_t)(nt ? nt : 1));
    out->stop = malloc((size_t)(nt ? nt : 1));
    if (!out->stems || !out->stop) {
        free(tok);
        return CHORUS_ENOMEM;
    }
    /* Words are keyed by language (a first byte, the language's index), so
     * "die" is a German stopword and an English verb in one story. */
    char key[MAX_TOKEN_BYTES * 2 + 9], *low = key + 1;
    key[0] = (char)(1 + li % 255);
    size_t n = 0;
    for (int i = 0; i < nt; i++) {
        size_t ll = cx_lower(text + tok[i].start, tok[i].len, low, sizeof key - 1);
        int32_t sid = cx_vocab_id(t->surface, key, ll + 1);
        if (sid < 0) {
            free(tok);
            return CHORUS_ENOMEM;
        }
        if ((size_t)sid + 1 == cx_vocab_size(t->surface)) { /* a word not seen before in this story */
            if (room_for(t, sid)) {
                free(tok);
                return CHORUS_ENOMEM;
            }
            size_t sl = ll;
            const char *stem = low;
            if (tok[i].is_word && ll <= MAX_TOKEN_BYTES) stem = cx_stem(stemmer, low, ll, &sl);
            int32_t id = cx_vocab_id(t->vocab, stem, sl);
            if (id < 0) {
                free(tok);
                return CHORUS_ENOMEM;
            }
            (*t->surface_stem)[sid] = id;
            (*t->surface_stop)[sid] = cx_lang_is_stopword(l, low, ll) || (!tok[i].is_word && !tok[i].is_number);
        }
        out->stems[n] = words ? sid : (*t->surface_stem)[sid];
        out->stop[n] = (*t->surface_stop)[sid];
        n++;
    }
    free(tok);
    out->n_tok = n;
    out->n_words = n;
    return 0;
}

int cx_story_tokenize_in(cx_story *s, const cx_lang *lang, cx_sent *out, const char *text, size_t len)
{
    size_t li = lang_index(s, lang);
    const cx_lang *l = s->n_langs ? s->langs[li] : cx_lang_get("en");
    cx_stemmer *stemmer = s->n_langs ? s->lang_stemmers[li] : s->stemmer;
    word_tables t = {s->surface, &s->surface_stem, &s->surface_stop, &s->surface_cap, s->vocab};
    return tokenize_with(&t, stemmer, l, li, 0, out, text, len);
}

/* A lexer's tables hold, for each of its words, the id of its own copy of
 * the word's stem; adopting maps its words to the story's once each. */
struct cx_story_lexer {
    const cx_story *s;
    cx_vocab *surface, *stems;
    int32_t *surface_stem;
    uint8_t *surface_stop;
    size_t surface_cap;
    cx_stemmer **stemmers; /* one per story language */
    int32_t *story_sid;    /* the story's id of each lexer word, -1 until adopted */
    size_t story_sid_cap;
};

cx_story_lexer *cx_story_lexer_new(const cx_story *s)
{
    cx_story_lexer *x = calloc(1, sizeof *x);
    if (!x) return NULL;
    x->s = s;
    x->surface = cx_vocab_new();
    x->stems = cx_vocab_new();
    x->stemmers = calloc(s->n_langs ? s->n_langs : 1, sizeof *x->stemmers);
    int ok = x->surface && x->stems && x->stemmers;
    for (size_t i = 0; ok && i < s->n_langs; i++)
        ok = (x->stemmers[i] = cx_stemmer_new_named(cx_lang_stemmer_name(s->langs[i]))) != NULL;
    if (ok && !s->n_langs) ok = (x->stemmers[0] = cx_stemmer_new()) != NULL;
    if (!ok) {
        cx_story_lexer_free(x);
        return NULL;
    }
    return x;
}

void cx_story_lexer_free(cx_story_lexer *x)
{
    if (!x) return;
    cx_vocab_free(x->surface);
    cx_vocab_free(x->stems);
    free(x->surface_stem);
    free(x->surface_stop);
    size_t n = x->s->n_langs ? x->s->n_langs : 1;
    for (size_t i = 0; x->stemmers && i < n; i++) cx_stemmer_free(x->stemmers[i]);
    free(x->stemmers);
    free(x->story_sid);
    free(x);
}

int cx_story_lexer_tokenize(cx_story_lexer *x, const cx_lang *lang, cx_sent *out, const char *text, size_t len)
{
    const cx_story *s = x->s;
    size_t li = lang_index(s, lang);
    const cx_lang *l = s->n_langs ? s->langs[li] : cx_lang_get("en");
    word_tables t = {x->surface, &x->surface_stem, &x->surface_stop, &x->surface_cap, x->stems};
    return tokenize_with(&t, x->stemmers[li], l, li, 1, out, text, len);
}

int cx_story_lexer_stem(const cx_story_lexer *x, int32_t word, uint64_t *hash, int *stop)
{
    if (word < 0 || (size_t)word >= cx_vocab_size(x->surface)) return -1;
    *hash = cx_vocab_hash(x->stems, x->surface_stem[word]);
    *stop = x->surface_stop[word];
    return 0;
}

int cx_story_adopt(cx_story *s, cx_story_lexer *x, cx_sent *out)
{
    size_t n_words = cx_vocab_size(x->surface);
    if (x->story_sid_cap < n_words) {
        size_t old = x->story_sid_cap;
        if (cx_grow((void **)&x->story_sid, &x->story_sid_cap, n_words, sizeof *x->story_sid)) return CHORUS_ENOMEM;
        for (size_t i = old; i < x->story_sid_cap; i++) x->story_sid[i] = -1;
    }
    word_tables t = {s->surface, &s->surface_stem, &s->surface_stop, &s->surface_cap, s->vocab};
    for (size_t i = 0; i < out->n_tok; i++) {
        int32_t w = out->stems[i], g = x->story_sid[w];
        if (g < 0) {
            g = cx_vocab_id(s->surface, cx_vocab_str(x->surface, w), cx_vocab_len(x->surface, w));
            if (g < 0) return CHORUS_ENOMEM;
            if ((size_t)g + 1 == cx_vocab_size(s->surface)) { /* new to the story: its stem too */
                if (room_for(&t, g)) return CHORUS_ENOMEM;
                int32_t ls = x->surface_stem[w];
                int32_t id = cx_vocab_id(s->vocab, cx_vocab_str(x->stems, ls), cx_vocab_len(x->stems, ls));
                if (id < 0) return CHORUS_ENOMEM;
                s->surface_stem[g] = id;
                s->surface_stop[g] = x->surface_stop[w];
            }
            x->story_sid[w] = g;
        }
        out->stems[i] = s->surface_stem[g];
        out->stop[i] = s->surface_stop[g];
    }
    return 0;
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

size_t cx_sent_content_set(const cx_sent *s, int32_t **out)
{
    int32_t *v = malloc(sizeof *v * (s->n_tok ? s->n_tok : 1));
    size_t n = 0;
    if (!v) {
        *out = NULL;
        return 0;
    }
    for (size_t i = 0; i < s->n_tok; i++)
        if (!s->stop[i]) v[n++] = s->stems[i];
    if (n > 32) qsort(v, n, sizeof *v, cmp_i32);
    else /* sentences are short: insertion sort, no allocation */
        for (size_t i = 1; i < n; i++) {
            int32_t x = v[i];
            size_t j = i;
            for (; j > 0 && v[j - 1] > x; j--) v[j] = v[j - 1];
            v[j] = x;
        }
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!m || v[m - 1] != v[i]) v[m++] = v[i];
    *out = v;
    return m;
}

void cx_story_free(cx_story *s)
{
    for (size_t d = 0; d < s->n_docs; d++) {
        cx_doc *doc = &s->docs[d];
        for (size_t p = 0; p < doc->n_paras; p++) free(doc->paras[p].text), free(doc->paras[p].features);
        free(doc->paras);
        for (size_t k = 0; k < doc->n_sents; k++) {
            free(doc->sents[k].text);
            free(doc->sents[k].stems);
            free(doc->sents[k].stop);
            free(doc->sents[k].content);
        }
        free(doc->sents);
        free(doc->title);
    }
    free(s->docs);
    for (size_t i = 0; i < s->n_outlets; i++) free(s->outlets[i]);
    free(s->outlets);
    free(s->doc_outlet);
    cx_vocab_free(s->vocab);
    cx_vocab_free(s->surface);
    free(s->surface_stem);
    free(s->surface_stop);
    /* s->stemmer is among the per-language ones once they exist (a build
     * that ran out of memory may stop before) */
    if (s->lang_stemmers)
        for (size_t i = 0; i < s->n_langs; i++) cx_stemmer_free(s->lang_stemmers[i]);
    if (!s->n_langs || !s->lang_stemmers) cx_stemmer_free(s->stemmer);
    free(s->langs);
    free(s->lang_stemmers);
    free(s->lang_docs);
    memset(s, 0, sizeof *s);
}
