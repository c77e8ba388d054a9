/* WordNet's noun hierarchy (wordnet.h). index.noun is sorted by lemma, one
 * line each, its synsets most frequent first; data.noun holds each synset
 * at its byte offset, with its words and its pointers ("@" a hypernym). */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wordnet.h"

#define WORDNET_DIR "/usr/share/wordnet"
/* Hypernym chains are at most some 20 deep; a few senses branch. */
#define MAX_VISITED 64

typedef struct {
    const char *p;
    size_t n;
} mapped;

static mapped index_noun, data_noun;
static pthread_once_t wordnet_once = PTHREAD_ONCE_INIT;

static void map_file(const char *path, mapped *m)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st;
    if (!fstat(fd, &st) && st.st_size > 0) {
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) m->p = p, m->n = (size_t)st.st_size;
    }
    close(fd);
}

static void wordnet_open(void)
{
    map_file(WORDNET_DIR "/index.noun", &index_noun);
    map_file(WORDNET_DIR "/data.noun", &data_noun);
    if (!index_noun.p || !data_noun.p) index_noun.p = data_noun.p = NULL;
}

/* The start of the line holding byte at. */
static size_t line_start(const mapped *m, size_t at)
{
    while (at > 0 && m->p[at - 1] != '\n') at--;
    return at;
}

/* Compare the lemma at the line starting at `at` with key[0..n). */
static int cmp_lemma(const mapped *m, size_t at, const char *key, size_t n)
{
    size_t i = 0;
    for (; i < n && at + i < m->n && m->p[at + i] != ' '; i++)
        if (m->p[at + i] != key[i]) return (unsigned char)m->p[at + i] < (unsigned char)key[i] ? -1 : 1;
    if (i < n) return -1; /* the line's lemma is a prefix of the key */
    return at + i < m->n && m->p[at + i] != ' ' ? 1 : 0;
}

/* The offset of the most frequent synset of lemma key, or -1. */
static long first_synset(const char *key, size_t n)
{
    const mapped *m = &index_noun;
    size_t lo = 0, hi = m->n;
    /* the licence lines at the top start with a space: skip them */
    while (lo < hi && m->p[lo] == ' ') {
        const char *nl = memchr(m->p + lo, '\n', hi - lo);
        if (!nl) return -1;
        lo = (size_t)(nl - m->p) + 1;
    }
    size_t base = lo;
    while (lo < hi) {
        size_t mid = line_start(m, lo + (hi - lo) / 2);
        if (mid < base) mid = base;
        int c = cmp_lemma(m, mid, key, n);
        if (!c) {
            /* lemma pos synset_cnt p_cnt [ptr]... sense_cnt tagsense_cnt offsets... */
            const char *e = memchr(m->p + mid, '\n', m->n - mid);
            size_t len = e ? (size_t)(e - (m->p + mid)) : m->n - mid;
            char line[4096];
            if (len >= sizeof line) return -1;
            memcpy(line, m->p + mid, len), line[len] = '\0';
            char *tok[512];
            int nt = 0;
            char *save = NULL;
            for (char *s = strtok_r(line, " ", &save); s && nt < 512; s = strtok_r(NULL, " ", &save)) tok[nt++] = s;
            if (nt < 4) return -1;
            int synsets = atoi(tok[2]);
            if (synsets < 1 || synsets > nt) return -1;
            return atol(tok[nt - synsets]);
        }
        if (c < 0) {
            const char *nl = memchr(m->p + mid, '\n', m->n - mid);
            if (!nl) return -1;
            lo = (size_t)(nl - m->p) + 1;
        } else
            hi = mid;
    }
    return -1;
}

/* Whether the synset at off has `ancestor` among its words or its
 * hypernyms'. */
static int synset_is_a(long off, const char *ancestor, long *visited, int *nv)
{
    if (off < 0 || (size_t)off >= data_noun.n || *nv >= MAX_VISITED) return 0;
    for (int k = 0; k < *nv; k++)
        if (visited[k] == off) return 0;
    visited[(*nv)++] = off;
    const char *p = data_noun.p + off, *end = data_noun.p + data_noun.n;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) return 0;
    char line[8192];
    size_t len = (size_t)(nl - p);
    if (len >= sizeof line) len = sizeof line - 1;
    memcpy(line, p, len), line[len] = '\0';
    char *save = NULL;
    char *t = strtok_r(line, " ", &save); /* offset */
    t = t ? strtok_r(NULL, " ", &save) : NULL; /* lex_filenum */
    t = t ? strtok_r(NULL, " ", &save) : NULL; /* ss_type */
    t = t ? strtok_r(NULL, " ", &save) : NULL; /* w_cnt, hexadecimal */
    if (!t) return 0;
    long words = strtol(t, NULL, 16);
    for (long w = 0; w < words; w++) {
        char *word = strtok_r(NULL, " ", &save), *lex_id = word ? strtok_r(NULL, " ", &save) : NULL;
        if (!lex_id) return 0;
        if (!strcmp(word, ancestor)) return 1;
    }
    t = strtok_r(NULL, " ", &save);
    if (!t) return 0;
    long ptrs = atol(t);
    long hyper[16];
    int nh = 0;
    for (long k = 0; k < ptrs; k++) {
        char *sym = strtok_r(NULL, " ", &save), *to = sym ? strtok_r(NULL, " ", &save) : NULL;
        char *pos = to ? strtok_r(NULL, " ", &save) : NULL, *st = pos ? strtok_r(NULL, " ", &save) : NULL;
        if (!st) break;
        if ((!strcmp(sym, "@") || !strcmp(sym, "@i")) && nh < 16) hyper[nh++] = atol(to);
    }
    for (int k = 0; k < nh; k++)
        if (synset_is_a(hyper[k], ancestor, visited, nv)) return 1;
    return 0;
}

int cx_noun_is_a(const char *word, size_t n, const char *ancestor)
{
    pthread_once(&wordnet_once, wordnet_open);
    if (!index_noun.p || !n || n >= 128) return 0;
    char key[128];
    for (size_t i = 0; i < n; i++) {
        char c = word[i];
        if (c == ' ') c = '_';
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        key[i] = c;
    }
    key[n] = '\0';
    long off = first_synset(key, n);
    long visited[MAX_VISITED];
    int nv = 0;
    return off >= 0 && synset_is_a(off, ancestor, visited, &nv);
}
