/* Named entities without a model: capitalized-sequence chunking with
 * titles and roles split off, organisation and place cues, and names
 * consolidated across spellings and outlets by string similarity.
 * The word tokenizer and lexicons here are shared with quotes.c and
 * figures.c so all three agree on what a word and a name are. */
#ifndef CHORUS_ENTITIES_H
#define CHORUS_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

#include "story.h"


/* Lexicons over lower-case ASCII words (general English, no names). */
int cx_is_title_word(const char *lower, size_t n);   /* secretary, gen., minister, spokesman */
int cx_is_org_word(const char *lower, size_t n);     /* ministry, council, party, army */
int cx_is_calendar_word(const char *lower, size_t n); /* monday, jan., january */
int cx_is_pronoun_subject(const char *lower, size_t n); /* he, she, they, i, we */

/* ---- mentions in one text -------------------------------------------------- */
enum { CX_ENT_PERSON = 1, CX_ENT_ORG = 2, CX_ENT_PLACE = 3, CX_ENT_OTHER = 4 };
typedef struct cx_mention {
    size_t start, end;      /* the whole chunk, role included */
    size_t name_start;      /* where the name begins after the role (== start when none) */
    int type;
} cx_mention;
/* Capitalized chunks of a text in order (sentence-initial function words
 * dropped). Returns the count or a negative code; *out malloc'ed. */
int cx_mentions_scan(const char *text, size_t n, cx_mention **out);

/* Given a chunk [s, e) of text, split a leading role/title from the name.
 * Returns the offset where the name starts (== s when no role; == e when it
 * is all role). */
size_t cx_split_role(const char *text, size_t s, size_t e);
/* An honorific: Mr., Mrs., Ms., Dr., Sir... (lower case, with or without
 * its dot). Honorifics are forms of address, not roles. */
int cx_is_honorific(const char *lower, size_t n);
/* Role text r[0, n) without its honorific words; returns the length left
 * (the kept words are moved to the front of r). */
size_t cx_role_without_honorifics(char *r, size_t n);
/* A social network or messaging platform ("Twitter"): a medium, never a speaker. */
int cx_is_platform_word(const char *lower, size_t n);

/* Jaro-Winkler similarity of two strings (bytes, case-sensitive). */
double cx_jaro_winkler(const char *a, size_t na, const char *b, size_t nb);
/* 1 when two person names are spellings of the same name: the surnames
 * agree closely and the other tokens do not contradict. Names are compared
 * lower-cased with hyphens as spaces. */
int cx_same_person(const char *a, const char *b);
/* A person name split once, for comparing it with many others:
 * cx_same_person_names(x, y) == cx_same_person(a, b) for x, y made from a, b. */
typedef struct cx_person_name {
    int initial;    /* first letter of the surname, lower-cased */
    int n;          /* name tokens kept, at most 8 */
    uint8_t len[8];
    char tok[8][32];
} cx_person_name;
void cx_person_name_init(cx_person_name *p, const char *name);
int cx_same_person_names(const cx_person_name *a, const cx_person_name *b);

/* The kept paragraphs of a doc joined by blank lines; para_start[p] is
 * where doc->paras[p] begins (SIZE_MAX when dropped). Both malloc'ed. */
char *cx_doc_kept_text(const cx_doc *d, size_t **para_start);

/* The kept text of every doc of a story with its tokens and capitalized
 * chunks, computed once for the stages that read names (quotes, entities). */
typedef struct cx_doc_names {
    char *text;
    size_t len;
    size_t *para_start;
    cx_wtok *t;
    int nt;
    cx_mention *m;
    int nm;
} cx_doc_names;
int cx_story_names(const cx_story *s, cx_doc_names **out);
void cx_story_names_free(cx_doc_names *v, size_t n);

/* ---- entities of a story ----------------------------------------------------- */
typedef struct cx_entity {
    char *name;       /* most complete common spelling */
    char *role;       /* most common role, or NULL */
    int type;
    size_t mentions;
    int *outlets;     /* story outlet indices, sorted */
    size_t n_outlets;
    char **variants;  /* other spellings seen */
    size_t n_variants;
} cx_entity;
/* People, organisations and places of a story, most widely reported first. */
int cx_entities_collect(const cx_story *s, const cx_doc_names *names, cx_entity **out, size_t *n);
void cx_entities_free(cx_entity *e, size_t n);
const char *cx_entity_type_name(int type);

#endif
