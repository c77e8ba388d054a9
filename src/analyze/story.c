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

int cx_story_tokenize_in(cx_story *s, const cx_lang *lang, cx_sent *out, const char *text, size_t len)
{
    /* Words are keyed by language (a first byte, the language's index), so
     * "die" is a German stopword and an English verb in one story. */
    size_t li = 0;
    while (lang && li < s->n_langs && s->langs[li] != lang) li++;
    if (li >= s->n_langs) li = 0;
    const cx_lang *l = s->n_langs ? s->langs[li] : cx_lang_get("en");
    cx_stemmer *stemmer = s->n_langs ? s->lang_stemmers[li] : s->stemmer;
    cx_token *tok;
    int nt = cx_tokenize(text, len, &tok);
    if (nt < 0) return nt;
    out->stems = malloc(sizeof *out->stems * (size_t)(nt ? nt : 1));
    out->stop = malloc((size_t)(nt ? nt : 1));
    if (!out->stems || !out->stop) {
        free(tok);
        return CHORUS_ENOMEM;
    }
    char key[MAX_TOKEN_BYTES * 2 + 9], *low = key + 1;
    key[0] = (char)(1 + li % 255);
    size_t n = 0;
    for (int i = 0; i < nt; i++) {
        size_t ll = cx_lower(text + tok[i].start, tok[i].len, low, sizeof key - 1);
        int32_t sid = cx_vocab_id(s->surface, key, ll + 1);
        if (sid < 0 || cx_grow((void **)&s->surface_stem, &s->surface_cap, (size_t)sid + 1, sizeof *s->surface_stem)) {
            free(tok);
            return CHORUS_ENOMEM;
        }
        if ((size_t)sid + 1 == cx_vocab_size(s->surface)) { /* a word not seen before in this story */
            size_t cap = s->surface_cap;
            uint8_t *stop = realloc(s->surface_stop, cap);
            if (!stop) {
                free(tok);
                return CHORUS_ENOMEM;
            }
            s->surface_stop = stop;
            size_t sl = ll;
            const char *stem = low;
            if (tok[i].is_word && ll <= MAX_TOKEN_BYTES) stem = cx_stem(stemmer, low, ll, &sl);
            int32_t id = cx_vocab_id(s->vocab, stem, sl);
            if (id < 0) {
                free(tok);
                return CHORUS_ENOMEM;
            }
            s->surface_stem[sid] = id;
            s->surface_stop[sid] = cx_lang_is_stopword(l, low, ll) || (!tok[i].is_word && !tok[i].is_number);
        }
        out->stems[n] = s->surface_stem[sid];
        out->stop[n] = s->surface_stop[sid];
        n++;
    }
    free(tok);
    out->n_tok = n;
    out->n_words = n;
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
