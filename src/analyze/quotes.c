/* Quotations and speakers (see quotes.h). */
#include <stdlib.h>
#include <string.h>

#include "entities.h"
#include "language.h"
#include "quote_cues.h"
#include "quotes.h"
#include "text.h"
#include "u64map.h"
#include "util.h"

/* ---- lexicons ---------------------------------------------------------------- */

#define QSTR_(x) #x
#define CX_STR(x) QSTR_(x)

#define IN(list, w, n) (cx_lexicon_find(&list##_lex, w, n) != 0)

/* Verbs that introduce reported speech or writing, in their inflections. */
static int is_speech_verb(const char *w, size_t n)
{
    static const char *const v[] = {
        "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added", "adding",
        "state", "states", "stated", "write", "writes", "wrote", "written", "writing", "ask", "asks", "asked",
        "explain", "explains", "explained", "note", "notes", "noted", "argue", "argues", "argued", "claim",
        "claims", "claimed", "declare", "declares", "declared", "insist", "insists", "insisted", "continue",
        "continues", "continued", "recall", "recalls", "recalled", "warn", "warns", "warned", "reply",
        "replies", "replied", "respond", "responds", "responded", "tweet", "tweets", "tweeted", "tweeting", "post",
        "posted", "announce", "announced", "announces", "acknowledge", "acknowledged", "acknowledges",
        "admit", "admitted", "admits", "remark", "remarked", "comment", "commented", "quip", "quipped",
        "joke", "joked", "shout", "shouted", "yell", "yelled", "exclaim", "exclaimed", "testify", "testified",
        "conclude", "concluded", "predict", "predicted", "suggest", "suggested", "stress", "stressed",
        "emphasize", "emphasized", "emphasise", "emphasised", "observe", "observed", "complain", "complained",
        "concede", "conceded", "confirm", "confirmed", "deny", "denied", "boast", "boasted", "promise",
        "promised", "vow", "vowed", "urge", "urged", "read", "reads", "wonder", "wondered", "muse", "mused",
        "chants", "chanting", "singing", "shouting", "yelling", "whispering", "crying",
        "describe", "described", "call", "called", "calls", "calling", "chant", "chanted", "cry", "cried", "demand",
        "demanded", "reiterate", "reiterated", "assert", "asserted", "maintain", "maintained", "recount",
        "recounted", "reply", "allege", "alleged", "repeat", "repeated", "repeats", "counter", "countered", "scoff",
        "scoffed", "sigh", "sighed", "laugh", "laughed", "whisper", "whispered", "report", "reported",
        "reports", "proclaim", "proclaimed", "announce", "pledge", "pledged", "thunder", "thundered", "snap",
        "snapped", "retort", "retorted", "interject", "interjected", "begin", "began", "went", "says", "speak",
        "spoke", "opine", "opined", "agree", "agreed", "agrees", "sang", "sing", "sings", "riffed",
        "rail", "railed", "blast", "blasted", "wrote", "texted", "emailed", "e-mailed", "added", "lamented",
        "marvel", "marveled", "marvelled", "recalled", "pointed", "cautioned", "conceded", "contended",
        "contends", "insisted", "predicted", "acknowledged", "explained", "joked", "quipped", "fumed",
        "griped", "mocked", "scolded", "touted", "tout", "touts", "bragged", "brag", "brags", "posit", "posited", "indicate", "indicated", "conclude", "write",
        "tweet", "quote", "quoted", "cite", "cited", "mention", "mentioned", "accuse", "accused",
        "yells", "shouts", "cries", "whispers", "exclaims", "jokes", "recounts", "remarks", "laments", "concedes",
        "contend", "liken", "likened", "likens", "dubbed", "labeled", "labelled", "branded", "characterized",
        "characterised", "quips", "boasts", "cautions", "confess", "confessed", "speculate", "speculated"};
    CX_LEXICON_OF(v);
    if (IN(v, w, n)) return 1;
    /* the other inflections of a listed verb: "complains", "confesses", "thunders", "denies" */
    if (n > 3 && w[n - 1] == 's' && (IN(v, w, n - 1) || (n > 4 && w[n - 2] == 'e' && IN(v, w, n - 2)))) return 1;
    if (n > 5 && n < 40 && !memcmp(w + n - 3, "ies", 3)) {
        char b[40];
        memcpy(b, w, n - 3), b[n - 3] = 'y';
        return IN(v, b, n - 2);
    }
    return 0;
}

/* Verbs that frame a quoted phrase as someone's words without reporting
 * speech ("blamed the 'fog of war'", "thanked its members 'for their
 * support'"): a cue only for a lower-case fragment inside the sentence. */
static int is_framing_verb(const char *w, size_t n)
{
    static const char *const v[] = {"blame", "blamed", "criticize", "criticized", "criticise", "criticised",
                                    "praise", "praised", "thank", "thanked", "condemn", "condemned", "dismiss",
                                    "dismissed", "hail", "hailed", "denounce", "denounced", "attack", "attacked",
                                    "slam", "slammed", "decry", "decried", "invoke", "invoked", "refer",
                                    "referred", "label", "termed", "term", "pledge", "vowed", "promised",
                                    "insisted", "dubbed", "defend", "defended", "reject", "rejected", "ask",
                                    "asked", "asking", "citing", "calling", "urging", "hitting", "blaming",
                                    "praising", "thanking", "describing", "accusing"};
    CX_LEXICON_OF(v);
    if (IN(v, w, n)) return 1;
    return n > 4 && w[n - 1] == 's' && (IN(v, w, n - 1) || (w[n - 2] == 'e' && IN(v, w, n - 2)));
}

/* Words that may stand between a speaker and the verb ("X also said"). */
static int is_aux_or_adverb(const char *w, size_t n)
{
    static const char *const a[] = {"has", "have", "had", "also", "later", "then", "would", "will", "once",
                                    "previously", "again", "further", "did", "does", "do", "is", "was", "were",
                                    "are", "had", "just", "repeatedly", "recently", "since", "often",
                                    "still", "even", "earlier", "first", "both", "all", "simply", "went",
                                    "on", "to", "may", "might", "could", "can", "reportedly", "once", "not", "only", "should",
                                    "must", "quickly", "publicly", "privately", "sharply", "flatly",
                                    "however", "meanwhile", "nonetheless", "too", "himself", "herself",
                                    "themselves", "itself"};
    CX_LEXICON_OF(a);
    if (n > 4 && !memcmp(w + n - 2, "ly", 2)) return 1;
    return IN(a, w, n);
}

/* An -ly word taken for an adverb only by its ending ("the daily" is a noun). */
static int is_ly_guess(const char *w, size_t n)
{
    return n > 4 && !memcmp(w + n - 2, "ly", 2);
}

static int is_determiner(const char *w, size_t n)
{
    static const char *const d[] = {"the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "my", "your",
                                    "one", "another", "two", "three", "several", "many", "some", "other",
                                    "those", "these", "both", "each", "most", "few"};
    CX_LEXICON_OF(d);
    return IN(d, w, n);
}

static int is_modifier_word(const char *w, size_t n);
static int is_document_word(const char *w, size_t n);

/* ---- a text under analysis ------------------------------------------------------ */

typedef struct {
    const char *text;
    size_t n;
    const cx_wtok *t;
    int nt;
    int *para;          /* paragraph index per token */
    const cx_mention *m; /* capitalized chunks, for resolving names */
    int nm;
    /* per mention: a person named in two words or more (full_name_for's
     * candidates), with the name split once */
    const uint8_t *full_person;
    const cx_person_name *pk;
    /* the article's language for the cue tables of quote_cues.h: NULL when
     * it could not be told (every table is consulted), "en" for English */
    const char *lang;
    /* one-word names that speak somewhere in the text ("says Ward", "Ward
     * said"), built on first need: a pronoun may stand for them */
    cx_vocab **speaking_names;
} doc_ctx;

static size_t low(const doc_ctx *c, int i, char *buf, size_t cap)
{
    return cx_lower_word(c->text + c->t[i].start, c->t[i].end - c->t[i].start, buf, cap);
}

static int word_eq(const doc_ctx *c, int i, const char *w);
static int word_is(const doc_ctx *c, int i, int (*pred)(const char *, size_t))
{
    if (i < 0 || i >= c->nt || c->t[i].kind != CX_W_WORD) return 0;
    char b[40];
    size_t n = low(c, i, b, sizeof b);
    return n < sizeof b - 1 && pred(b, n);
}

static int word_eq(const doc_ctx *c, int i, const char *w)
{
    if (i < 0 || i >= c->nt || c->t[i].kind != CX_W_WORD) return 0;
    char b[40];
    size_t n = low(c, i, b, sizeof b);
    return n == strlen(w) && !memcmp(b, w, n);
}

static int punct_is(const doc_ctx *c, int i, const char *set)
{
    return i >= 0 && i < c->nt && c->t[i].kind == CX_W_PUNCT && c->t[i].end - c->t[i].start == 1 &&
           strchr(set, c->text[c->t[i].start]);
}

/* The word at i in the article's language: a verb of saying, an article. */
static int cue_of_lang(const doc_ctx *c, int i, int (*table)(const char *, const char *, size_t))
{
    if (c->lang && !strcmp(c->lang, "en")) return 0;
    if (i < 0 || i >= c->nt || c->t[i].kind != CX_W_WORD) return 0;
    char b[40];
    size_t n = low(c, i, b, sizeof b);
    return n < sizeof b - 1 && table(c->lang, b, n);
}

static int speech_tok(const doc_ctx *c, int i)
{
    return word_is(c, i, is_speech_verb) || cue_of_lang(c, i, cx_quote_cue_verb);
}

static int det_tok(const doc_ctx *c, int i)
{
    return word_is(c, i, is_determiner) || cue_of_lang(c, i, cx_quote_cue_article);
}

static int is_quote_tok(const doc_ctx *c, int i)
{
    return i >= 0 && i < c->nt && c->t[i].kind >= CX_W_OPEN;
}

static int is_dash(const doc_ctx *c, int i)
{
    if (i < 0 || i >= c->nt || c->t[i].kind != CX_W_PUNCT) return 0;
    const unsigned char *s = (const unsigned char *)c->text + c->t[i].start;
    /* en dash, em dash, horizontal bar (U+2015, before an epigraph's author) */
    return (c->t[i].end - c->t[i].start == 3 && s[0] == 0xE2 && s[1] == 0x80 &&
            (s[2] == 0x93 || s[2] == 0x94 || s[2] == 0x95)) ||
           (c->t[i].end - c->t[i].start == 1 && s[0] == '-');
}

/* An auxiliary or adverb; capitalized words ending in -ly are names ("Seely").
 * Another language's auxiliary counts only before its verb of saying ("a
 * déclaré", "hat gesagt"): "a" and "hat" are English words too. */
static int aux_tok(const doc_ctx *c, int i)
{
    if (i < 0 || i >= c->nt || c->t[i].cap) return 0;
    if (word_is(c, i, is_aux_or_adverb)) return 1;
    return cue_of_lang(c, i + 1, cx_quote_cue_verb) && cue_of_lang(c, i, cx_quote_cue_aux);
}

/* "according to X", "selon X", "по словам X": the words of the cue, or 0. */
static int according_at(const doc_ctx *c, int i)
{
    if (word_eq(c, i, "according") && word_eq(c, i + 1, "to")) return 2;
    if (i < 0 || i >= c->nt || c->t[i].kind != CX_W_WORD) return 0;
    char a[40], b[40];
    size_t na = low(c, i, a, sizeof a), nb = 0;
    if (i + 1 < c->nt && c->t[i + 1].kind == CX_W_WORD) nb = low(c, i + 1, b, sizeof b);
    else
        b[0] = '\0';
    return c->lang && !strcmp(c->lang, "en") ? 0 : cx_quote_cue_according(c->lang, a, na, b, nb);
}

static int is_name_word(const doc_ctx *c, int i)
{
    return i >= 0 && i < c->nt && c->t[i].kind == CX_W_WORD && (c->t[i].cap || word_is(c, i, cx_is_title_word));
}

static int is_function_cap_word(const doc_ctx *c, int i)
{
    char b[40];
    size_t n = low(c, i, b, sizeof b);
    static const char *const f[] = {"but", "and", "when", "while", "after", "before", "as", "if", "asked",
                                    "on", "in", "at", "for", "with", "from", "by", "to", "of", "then", "so",
                                    "earlier", "later", "still", "yet", "however", "meanwhile", "now",
                                    "there", "here", "this", "that", "speaking", "pressed", "according",
                                    "outside", "inside", "despite", "amid", "during", "following", "among",
                                    "without", "within", "across", "behind", "beyond", "under", "instead",
                                    "indeed", "also", "almost", "hours", "minutes", "moments", "days",
                                    "besides", "turning", "looking", "listen"};
    CX_LEXICON_OF(f);
    return IN(f, b, n) || cx_is_calendar_word(b, n) || (n < sizeof b - 1 && cx_is_stopword(b, n));
}

/* Words that open a clause or an adverbial, never part of a speaker phrase. */
static int is_clause_word(const char *w, size_t n)
{
    static const char *const c[] = {"after", "before", "when", "while", "because", "since", "although", "if",
                                    "that", "which", "as", "than", "until", "then", "in", "on", "at", "to",
                                    "during", "but", "so", "though", "into", "about", "over", "last", "this",
                                    "from", "by", "with", "without", "not", "it", "there", "what", "how"};
    CX_LEXICON_OF(c);
    return IN(c, w, n);
}

/* A word ending in 's or ’s. */
static int ends_possessive_tok(const doc_ctx *c, int i)
{
    size_t n = c->t[i].end - c->t[i].start;
    const char *w = c->text + c->t[i].start;
    return (n > 2 && !memcmp(w + n - 2, "'s", 2)) || (n > 4 && !memcmp(w + n - 4, "\xE2\x80\x99s", 4));
}

/* A speaker noun phrase ending just before token e (exclusive); returns its
 * start or e. */
/* A party and state after an American politician's name: "D-Vt", "R-Ky.", "I-Vt". */
static int party_state(const doc_ctx *c, int i)
{
    if (i < 0 || i >= c->nt || c->t[i].kind != CX_W_WORD) return 0;
    const char *w = c->text + c->t[i].start;
    size_t n = c->t[i].end - c->t[i].start;
    if (n < 3 || n > 8 || w[1] != '-' || !(w[0] == 'D' || w[0] == 'R' || w[0] == 'I') || w[2] < 'A' || w[2] > 'Z')
        return 0;
    for (size_t k = 3; k < n; k++)
        if (!((w[k] >= 'a' && w[k] <= 'z') || (w[k] >= 'A' && w[k] <= 'Z') || w[k] == '.')) return 0;
    return 1;
}

static int np_backward(const doc_ctx *c, int e, int floor)
{
    int k = e - 1;
    if (k < floor) return e;
    /* an appositive between speaker and verb: "Milley, chairman of ..., said" */
    if (punct_is(c, k, ",")) {
        int p = k - 1;
        while (p > floor && p > k - 26 && !punct_is(c, p, ",") && !is_quote_tok(c, p)) p--;
        if (p > floor && punct_is(c, p, ",")) k = p - 1;
        else
            return e;
        /* a party and state between commas before the appositive: "Leahy, D-Vt., the ranking member, said" */
        int d = punct_is(c, k, ".") ? k - 1 : k;
        if (d - 1 > floor && party_state(c, d) && punct_is(c, d - 1, ",")) k = d - 2;
    }
    /* "Sen. Richard J. Durbin (D-Ill.), noting ..., said": a parenthesis after the name */
    if (punct_is(c, k, ")")) {
        int p = k - 1;
        while (p > floor && p > k - 12 && !punct_is(c, p, "(")) p--;
        if (p > floor && punct_is(c, p, "(")) k = p - 1;
    }
    if (k < floor || c->t[k].kind != CX_W_WORD) return e;
    /* "Ahmad on Wednesday described": a time between subject and verb */
    if (word_is(c, k, cx_is_calendar_word) || word_eq(c, k, "today") || word_eq(c, k, "yesterday")) {
        k--;
        if (word_eq(c, k, "on")) k--;
        if (k < floor || c->t[k].kind != CX_W_WORD) return e;
    }
    /* "Lynch, who told Congress": the speaker is the relative pronoun's antecedent */
    if (word_eq(c, k, "who") && k - 2 >= floor && punct_is(c, k - 1, ",")) k -= 2;
    if (k < floor || c->t[k].kind != CX_W_WORD) return e;
    if (word_is(c, k, cx_is_pronoun_subject) && !word_eq(c, k, "you")) return k;
    if (c->t[k].cap && !is_function_cap_word(c, k)) {
        int b = k;
        while (b - 1 >= floor) {
            int p = b - 1;
            if (is_name_word(c, p) && !(c->t[p].cap && is_function_cap_word(c, p))) {
                b = p;
                continue;
            }
            /* a modifier of a role: "campaign manager", "press secretary" */
            if (c->t[p].kind == CX_W_WORD && !c->t[p].cap && !c->t[b].cap && word_is(c, b, cx_is_title_word) &&
                !word_is(c, p, cx_is_stopword) && !speech_tok(c, p) && !word_is(c, p, is_clause_word)) {
                b = p;
                continue;
            }
            if ((word_eq(c, p, "of") || word_eq(c, p, "al")) && p - 1 >= floor && is_name_word(c, p - 1)) {
                b = p - 1;
                continue;
            }
            break;
        }
        return b;
    }
    /* a common noun phrase back to its determiner: "a White House spokesman",
     * or to a name's possessive: "Trump's campaign" */
    for (int p = k; p >= floor && p > k - 6; p--) {
        if (c->t[p].kind != CX_W_WORD) break;
        if (det_tok(c, p)) return p < k ? p : e;
        if (p < k && c->t[p].cap && ends_possessive_tok(c, p)) {
            int b = p;
            while (b - 1 >= floor && c->t[b - 1].kind == CX_W_WORD && c->t[b - 1].cap && !is_function_cap_word(c, b - 1))
                b--;
            return b;
        }
        /* a verb of saying ends the phrase, but "State" in "a State Department official" is a name's */
        if (p < k && speech_tok(c, p) && !c->t[p].cap) break;
    }
    char b[40];
    size_t n = low(c, k, b, sizeof b);
    if (n > 3 && b[n - 1] == 's' && !aux_tok(c, k)) return k;
    return e;
}

typedef struct {
    int start, end; /* tokens [start, end) */
} np;

/* A speaker phrase on tokens [a, b): short, made of words (and the dots and
 * hyphens of names), and shaped like a name, a pronoun, a noun phrase with a
 * determiner, or a bare plural ("officials"). Returns the trimmed end or -1. */
static int phrase_ok(const doc_ctx *c, int a, int b)
{
    /* trailing commas and auxiliaries go, but "the daily" keeps its head */
    while (b > a && (punct_is(c, b - 1, ",") ||
                     (aux_tok(c, b - 1) && !(b - 2 >= a && det_tok(c, b - 2) &&
                                             word_is(c, b - 1, is_ly_guess)))))
        b--;
    if (b <= a || b - a > 10) return -1;
    /* "and I'd ask": a coordinated clause, not a speaker */
    if (word_eq(c, a, "and") || word_eq(c, a, "or") || word_eq(c, a, "nor")) return -1;
    /* "It's become ...": a pronoun's contraction opens a clause, not a speaker */
    if (b == a + 1) {
        char w[16];
        size_t n = low(c, a, w, sizeof w);
        const char *ap = n < sizeof w - 1 ? strpbrk(w, "'\xE2") : NULL;
        size_t bn = ap ? (size_t)(ap - w) : 0;
        if (bn && (cx_is_pronoun_subject(w, bn) || (bn == 2 && !memcmp(w, "it", 2)) ||
                   (bn == 4 && !memcmp(w, "that", 4)) || (bn == 5 && !memcmp(w, "there", 5))))
            return -1;
    }
    /* "it said" too: resolve() finds what "it" stands for */
    if (b == a + 1 && word_eq(c, a, "it")) return b;
    int cap = 0;
    for (int i = a; i < b; i++) {
        if (c->t[i].kind != CX_W_WORD) return -1;
        if (word_is(c, i, is_clause_word) || word_is(c, i, cx_is_calendar_word)) return -1;
        /* "the family would hire": a verb group inside is a clause, not a speaker */
        if (i > a && aux_tok(c, i) && !det_tok(c, i)) {
            char w[16];
            size_t n = low(c, i, w, sizeof w);
            if (n < 3 || memcmp(w + n - 2, "ly", 2)) return -1;
        }
        cap |= c->t[i].cap && !is_function_cap_word(c, i);
    }
    if (word_is(c, a, cx_is_pronoun_subject)) return b == a + 1 && !word_eq(c, a, "you") ? b : -1;
    if (cap || det_tok(c, a)) return b;
    char w[40];
    size_t n = low(c, b - 1, w, sizeof w);
    /* "officials", "federal prosecutors", "senior aides" */
    if (b - a <= 3 && n > 3 && w[n - 1] == 's' && !word_is(c, b - 1, cx_is_stopword)) return b;
    if (word_is(c, b - 1, cx_is_title_word)) return b; /* "former aide" */
    return -1;
}

/* The phrase right after a speech verb: "said Defense Secretary Mark Esper,". */
static np phrase_after_verb(const doc_ctx *c, int j, int limit)
{
    np r = {-1, -1};
    int e = j;
    while (e < limit && e < j + 12 && c->t[e].kind == CX_W_WORD) e++;
    int k = phrase_ok(c, j, e);
    /* "said the letter, dated Monday": the phrase ends at its first comma,
     * and a trailing "on Monday" was already cut by the clause words */
    if (k < 0) {
        for (int m = j + 1; m < e && k < 0; m++)
            if (word_is(c, m, is_clause_word) || word_is(c, m, cx_is_calendar_word) || word_eq(c, m, "who") ||
                word_eq(c, m, "whose") || word_eq(c, m, "whom"))
                k = phrase_ok(c, j, m);
    }
    /* a name ends at its first lower-case word after two capitalized ones
     * ("sagte Angela Merkel am Montag"); "Charles de Gaulle" keeps its particle */
    if (k > j) {
        int caps = 0; /* capitalized words in a row */
        for (int m = j; m < k; m++) {
            if (c->t[m].cap) caps++;
            else if (caps >= 2 && (!word_eq(c, m, "of") ||
                                   /* "Maureen Storey of the Georgetown Center": a
                                    * person's affiliation, but "Deputy Secretary
                                    * of State" and "Committee of" keep it */
                                   (c->t[j].cap && !word_is(c, m - 1, cx_is_title_word) &&
                                    !word_is(c, m - 1, cx_is_org_word) && !is_function_cap_word(c, j)))) {
                k = m;
                break;
            } else
                caps = 0;
        }
    }
    if (k > j) r.start = j, r.end = k;
    return r;
}

/* A speech word used as a noun: "the report said", "a new report by X",
 * "the statement also says". A determiner right before it, or a second
 * speech verb or "by"/"of" right after a present-tense form, makes it the
 * head of a noun phrase, not the verb. */
static int speech_word_is_noun(const doc_ctx *c, int v)
{
    /* "the United States", "Justice Report": part of a name */
    if (c->t[v].cap && v > 0 && c->t[v - 1].kind == CX_W_WORD && c->t[v - 1].cap) return 1;
    if (det_tok(c, v - 1) && !c->t[v].cap) return 1;
    char w[40];
    size_t n = low(c, v, w, sizeof w);
    if (n >= sizeof w - 1 || (n > 2 && !memcmp(w + n - 2, "ed", 2))) return 0;
    static const char *const past[] = {"said", "told", "wrote", "written", "spoke", "began", "went", "read", "sang"};
    CX_LEXICON_OF(past);
    if (IN(past, w, n)) return 0;
    /* "Trump's over-the-top comments": a present form after a possessive, a noun */
    if (v > 0 && c->t[v - 1].kind == CX_W_WORD && ends_possessive_tok(c, v - 1) && !c->t[v].cap) return 1;
    for (int k = v - 1; k > 0 && k >= v - 3 && c->t[k].kind == CX_W_WORD && !c->t[k].cap && !aux_tok(c, k) &&
                        (n > 3 && w[n - 1] == 's');
         k--)
        if (ends_possessive_tok(c, k - 1) && c->t[k - 1].kind == CX_W_WORD) return 1;
    int k = v + 1;
    while (k < c->nt && aux_tok(c, k)) k++;
    /* "says of the kits", "tells of": verbs, never nouns */
    int verb_only = word_eq(c, v, "says") || word_eq(c, v, "tells") || word_eq(c, v, "writes");
    return speech_tok(c, k) || (!verb_only && (word_eq(c, k, "by") || word_eq(c, k, "of")));
}

/* A speech verb in the passive: "Rushdie was accused of", "it is described
 * as": the subject is spoken about, not speaking ("was quoted" excepted). */
static int passive_speech(const doc_ctx *c, int v)
{
    char w[40];
    size_t n = low(c, v, w, sizeof w);
    if (n >= sizeof w - 1 || word_eq(c, v, "quoted")) return 0;
    int participle = (n > 3 && !memcmp(w + n - 2, "ed", 2)) || word_eq(c, v, "told") || word_eq(c, v, "written") ||
                     word_eq(c, v, "said");
    if (!participle) return 0;
    for (int k = v - 1; k >= 0 && k >= v - 3; k--) {
        if (word_eq(c, k, "was") || word_eq(c, k, "were") || word_eq(c, k, "is") || word_eq(c, k, "are") ||
            word_eq(c, k, "been") || word_eq(c, k, "being") || word_eq(c, k, "be"))
            return 1;
        if (!aux_tok(c, k)) break;
    }
    return 0;
}

/* After the quote: "..., X said", "..., said X", "..., X, the..., told". */
static np speaker_after(const doc_ctx *c, int open, int j, int limit)
{
    np r = {-1, -1};
    int dashed = 0;
    /* the quote closed its own sentence ("... so do voters!”After his rally") */
    int closed_sentence = j >= 2 && is_quote_tok(c, j - 1) && punct_is(c, j - 2, ".!?");
    /* the quote opens its sentence with a capital: an utterance a tag may follow */
    int opens = (open == 0 || c->para[open - 1] != c->para[open] || punct_is(c, open - 1, ".!?:;") ||
                 is_quote_tok(c, open - 1)) &&
                open + 1 < c->nt && c->t[open + 1].cap;
    /* "_" stands for a dash in newswire copy */
    while (j < limit && (punct_is(c, j, ",_") || is_dash(c, j))) dashed |= !punct_is(c, j, ","), j++;
    if (j >= limit) return r;
    /* “...” ― Sonya Herridge: a name alone after a dash signs the quote (an
     * epigraph, a reader's words); it must end the sentence or the line */
    if (dashed && c->t[j].cap) {
        int e = j;
        while (e < limit && e - j <= CX_SPEAKER_MAX_WORDS && c->t[e].kind == CX_W_WORD && c->t[e].cap &&
               !is_function_cap_word(c, e) && !speech_tok(c, e))
            e++;
        if (e - j >= 2 && e - j <= CX_SPEAKER_MAX_WORDS && (e == limit || punct_is(c, e, ".;,") ||
                                                           memchr(c->text + c->t[e - 1].end, '\n',
                                                                  c->t[e].start - c->t[e - 1].end)))
            return (np){j, e};
    }
    /* "State spokesman Mark Toner said": a capitalized speech word that
     * opens a name is no verb */
    if (speech_tok(c, j) && !(c->t[j].cap && is_name_word(c, j + 1)))
        return phrase_after_verb(c, j + 1, limit);
    int acc = according_at(c, j);
    if (acc) return phrase_after_verb(c, j + acc, limit);
    /* "..., a déclaré le ministre": another language's auxiliary and verb */
    if (aux_tok(c, j) && cue_of_lang(c, j + 1, cx_quote_cue_verb)) return phrase_after_verb(c, j + 2, limit);
    /* the first speech verb close after the quote; the subject runs from the
     * quote to it, cut at an appositive's comma or a parenthesis */
    /* (far enough for a long appositive: "X, a special agent with the Bureau
     * of Alcohol, Tobacco and Firearms, said") */
    for (int v = j + 1; v < limit && v < j + 32; v++) {
        if (is_quote_tok(c, v)) break;
        if (!speech_tok(c, v) || speech_word_is_noun(c, v) || passive_speech(c, v)) continue;
        int e = j;
        while (e < v && !punct_is(c, e, ",(") && !is_dash(c, e)) e++;
        /* the appositive must close before the verb; a verb inside it is not
         * the one (with no subject before the comma, the sentence runs on) */
        if (e < v && phrase_ok(c, j, e) > j) {
            int m = v - 1;
            while (m > e && aux_tok(c, m)) m--;
            if (!punct_is(c, m, ",)") && !is_dash(c, m)) continue;
        }
        int k = phrase_ok(c, j, e);
        if (k > j) r.start = j, r.end = k;
        /* the quote's sentence runs on before its attribution: "``I'm
         * encouraged'' by the promises, said Bob Anderson", "``...'' of such
         * a suspect, McCraw said": the subject after the last comma, or the
         * phrase after ", said" */
        if (r.start < 0 && e < v && punct_is(c, e, ",") && !closed_sentence) {
            int lc = v - 1;
            while (lc > e && !punct_is(c, lc, ",")) lc--;
            if (lc == v - 1) {
                np f = phrase_after_verb(c, v + 1, limit);
                if (f.start >= 0 && c->t[f.start].cap) r = f;
            } else if (lc > j && (k = phrase_ok(c, lc + 1, v)) > lc + 1 && c->t[lc + 1].cap)
                r.start = lc + 1, r.end = k;
        }
        break;
    }
    /* a dialogue tag with any verb: a quote closed by a comma leaves its
     * sentence open for the tag, so a name or pronoun and a past-tense verb
     * right after it say who spoke ("“God willing, ...,” he gloated", "...,''
     * Ms. Cooper instructed O'Sullivan", "...,'' drawled Gilstrap") */
    if (r.start < 0 && opens && j >= 1 && punct_is(c, j - 1, ",") == 0 && is_quote_tok(c, j - 1) &&
        punct_is(c, j - 2, ",")) {
        int e = j;
        while (e < limit && e < j + 4 && c->t[e].kind == CX_W_WORD && (c->t[e].cap || word_is(c, e, cx_is_pronoun_subject)))
            e++;
        char w[40];
        size_t n = e < limit ? low(c, e, w, sizeof w) : 0;
        int past = n > 3 && n < sizeof w - 1 && c->t[e].kind == CX_W_WORD && !c->t[e].cap &&
                   !memcmp(w + n - 2, "ed", 2);
        if (e > j && past && phrase_ok(c, j, e) == e) r.start = j, r.end = e;
        else if (e == j && past) { /* inverted: the verb first, then a name */
            np f = phrase_after_verb(c, e + 1, limit);
            if (f.start >= 0 && c->t[f.start].cap && !is_function_cap_word(c, f.start)) r = f;
        }
    }
    return r;
}

/* A word in capitals of two letters or more ("LONDON", "ENSEMBLE", "NATO"). */
static int all_caps_word(const doc_ctx *c, int i)
{
    if (i < 0 || i >= c->nt || c->t[i].kind != CX_W_WORD) return 0;
    int letters = 0;
    for (uint32_t b = c->t[i].start; b < c->t[i].end; b++) {
        char ch = c->text[b];
        if (ch >= 'a' && ch <= 'z') return 0;
        letters += ch >= 'A' && ch <= 'Z';
    }
    return letters >= 2;
}

/* Before the quote, in its sentence: "X said: ...", "X said that ... ''",
 * "According to X, ...", "said X: ...". */
/* The subject at the start of a sentence: a name (with its role) or a
 * pronoun, after an opening adverbial ("On Twitter, she ..."). */
static np sentence_subject(const doc_ctx *c, int floor, int limit)
{
    np r = {-1, -1};
    int a = floor;
    while (a < limit && (word_eq(c, a, "and") || word_eq(c, a, "but") || word_eq(c, a, "then") ||
                         word_eq(c, a, "so") || word_eq(c, a, "yet") || word_eq(c, a, "also")))
        a++;
    /* a dateline or a heading: "LONDON (AP) _ ...", "BRADLEY-PRESIDENT (Seattle) _ ..." */
    if (a < limit && all_caps_word(c, a)) {
        for (int m = a + 1; m < limit && m < a + 8; m++) {
            if (c->t[m].kind == CX_W_WORD && !c->t[m].cap) break;
            if (is_dash(c, m) || punct_is(c, m, "_")) {
                a = m + 1;
                while (a < limit && (is_dash(c, a) || punct_is(c, a, "_"))) a++;
                break;
            }
        }
    }
    /* "The Red Cross backed ..., saying": a name after its article */
    if (a + 1 < limit && (word_eq(c, a, "the") || word_eq(c, a, "a") || word_eq(c, a, "an")) && c->t[a + 1].cap &&
        !is_function_cap_word(c, a + 1))
        a++;
    else if (a < limit && c->t[a].kind == CX_W_WORD && is_function_cap_word(c, a) &&
             !word_is(c, a, cx_is_pronoun_subject)) {
        /* an opening adverbial runs to its comma ("During a national security
         * speech earlier in the day, Trump ..."); a clause has no comma soon */
        int m = a;
        while (m < limit && m < a + 24 && !punct_is(c, m, ",") && !is_quote_tok(c, m)) m++;
        if (m < limit && m < a + 24 && punct_is(c, m, ",")) a = m + 1;
    }
    {
        /* "At his cookout, the band leader called ...", "The spokesman refused
         * ..., adding:": a common noun subject */
        if (a + 1 < limit && (word_eq(c, a, "the") || word_eq(c, a, "a") || word_eq(c, a, "an")) &&
            !c->t[a + 1].cap) {
            int head = -1;
            for (int i = a + 1; i < limit && i < a + 5 && c->t[i].kind == CX_W_WORD && !c->t[i].cap; i++) {
                if (aux_tok(c, i) || speech_tok(c, i) || word_is(c, i, is_clause_word) ||
                    word_is(c, i, cx_is_stopword))
                    break;
                head = i;
                /* "The paper issued ...": the head ends the phrase before its verb */
                if (word_is(c, i, cx_is_title_word) || word_is(c, i, is_document_word)) break;
            }
            if (head > a && (word_is(c, head, cx_is_title_word) || word_is(c, head, is_document_word))) {
                int k = phrase_ok(c, a, head + 1);
                if (k > a) r.start = a, r.end = k;
                return r;
            }
        }
    }
    int e = a;
    while (e < limit && c->t[e].kind == CX_W_WORD &&
           ((c->t[e].cap && !is_function_cap_word(c, e)) || word_is(c, e, cx_is_title_word) ||
            (e > a && word_eq(c, e, "of") && e + 1 < limit && c->t[e + 1].cap)))
        e++;
    if (e == a && word_is(c, a, cx_is_pronoun_subject)) e = a + 1;
    /* a capital that only opens the sentence: "Small groups of protesters",
     * "Many marchers": the phrase runs on to its plural or title head */
    if (e == a + 1 && (det_tok(c, a) || word_is(c, a, is_modifier_word))) {
        int head = -1;
        for (int i = a + 1; i < limit && i < a + 7 && c->t[i].kind == CX_W_WORD; i++) {
            if (aux_tok(c, i) || speech_tok(c, i) ||
                (word_is(c, i, is_clause_word) && !word_eq(c, i, "of")))
                break;
            char w[40];
            size_t n = low(c, i, w, sizeof w);
            if (n < sizeof w - 1 && n > 4 && !memcmp(w + n - 2, "ed", 2)) break;
            if ((n > 3 && w[n - 1] == 's' && !word_eq(c, i, "of")) || word_is(c, i, cx_is_title_word)) head = i;
        }
        if (head > a) e = head + 1;
    }
    int k = e > a ? phrase_ok(c, a, e) : -1;
    if (k > a) r.start = a, r.end = k;
    return r;
}

static int is_preposition(const char *w, size_t n)
{
    static const char *const p[] = {"to", "on", "in", "at", "from", "with", "by", "for", "of", "into", "onto",
                                    "about", "against", "toward", "towards", "via", "through"};
    CX_LEXICON_OF(p);
    return IN(p, w, n);
}

static int is_participle(const doc_ctx *c, int i)
{
    char w[40];
    size_t n = low(c, i, w, sizeof w);
    return n > 4 && !memcmp(w + n - 3, "ing", 3);
}

static int sentence_floor(const doc_ctx *c, int i, int floor);

static np speaker_before(const doc_ctx *c, int floor, int open, int *verb_only)
{
    np r = {-1, -1};
    *verb_only = 0;
    int need_subject = 0;
    for (int v = open - 1; v >= floor; v--) {
        if (c->t[v].kind != CX_W_WORD) continue;
        int acc = according_at(c, v);
        if (acc) return phrase_after_verb(c, v + acc, open);
        /* "as X put it" */
        int put_it = (word_eq(c, v, "put") || word_eq(c, v, "puts")) && word_eq(c, v + 1, "it");
        if ((!speech_tok(c, v) || speech_word_is_noun(c, v) || passive_speech(c, v)) && !put_it) continue;
        /* "X said", skipping auxiliaries and adverbs */
        int k = v;
        while (k - 1 >= floor && aux_tok(c, k - 1) && !word_is(c, k - 1, cx_is_pronoun_subject))
            k--;
        /* "..., saying", "... and said": the subject is the sentence's */
        if ((is_participle(c, v) && punct_is(c, k - 1, ",")) || word_eq(c, k - 1, "and") ||
            word_eq(c, k - 1, "but") ||
            (is_participle(c, v) && (word_eq(c, k - 1, "by") || word_eq(c, k - 1, "while") ||
                                     word_eq(c, k - 1, "after") || word_eq(c, k - 1, "before") ||
                                     word_eq(c, k - 1, "when") || word_eq(c, k - 1, "upon")))) {
            need_subject = 1;
            continue;
        }
        int b = np_backward(c, k, floor);
        /* "one of her lawyers said": the quantity opens the phrase */
        if (b < k && b - 2 >= floor && word_eq(c, b - 1, "of") && det_tok(c, b - 2) && !c->t[b].cap) b -= 2;
        /* "took to Twitter to reiterate": an object of a preposition is no
         * subject, but "with Trump tweeting" is */
        if (b < k && b - 1 >= floor && c->t[b - 1].kind == CX_W_WORD && !c->t[b - 1].cap &&
            word_is(c, b - 1, is_preposition) && !(word_eq(c, b - 1, "with") && is_participle(c, v))) {
            need_subject = 1;
            continue;
        }
        /* "the loophole called an ...": "call" reports speech only from a
         * named or pronoun subject */
        if (b < k && (word_eq(c, v, "call") || word_eq(c, v, "called") || word_eq(c, v, "calls") ||
                      word_eq(c, v, "calling")) &&
            !(c->t[b].cap && !is_function_cap_word(c, b)) && !word_is(c, b, cx_is_pronoun_subject))
            continue;
        if (b < k) {
            r.start = b, r.end = k;
            while (r.end > r.start && punct_is(c, r.end - 1, ",")) r.end--;
            /* the appositive form ends at its first comma or parenthesis */
            for (int q = r.start; q < r.end; q++)
                if (punct_is(c, q, ",(")) {
                    r.end = q;
                    break;
                }
            return r;
        }
        /* "said X:" ("called hemangiomas," names, it does not speak) */
        np f = word_eq(c, v, "call") || word_eq(c, v, "called") || word_eq(c, v, "calls") || word_eq(c, v, "calling")
                   ? (np){-1, -1}
                   : phrase_after_verb(c, v + 1, open);
        if (f.start >= 0 && (punct_is(c, f.end, ":,") || f.end == open)) return f;
        *verb_only = 1; /* look further back for the subject */
    }
    /* "Clinton: ...", "McConnell delivered a blunt message: ...": the
     * subject at the sentence start speaks the quote after a colon */
    if (need_subject || (open - 1 > floor && punct_is(c, open - 1, ":"))) {
        /* the subject opens the sentence, which may begin before an
         * earlier quote of it ("Kerpen needled the 'reporter,' saying") */
        int sf = floor;
        if (need_subject) {
            int pa = floor;
            while (pa > 0 && c->para[pa - 1] == c->para[floor]) pa--;
            sf = sentence_floor(c, floor, pa);
        }
        r = sentence_subject(c, sf, open);
        if (r.start >= 0) *verb_only = 0;
    }
    return r;
}

/* ---- the shape of a speaker phrase ------------------------------------------------ */

/* Words that end a clause or an adverbial, never a speaker phrase: "the
 * spokesman then", "a Microsoft employee as", "her mother of". */
static int is_trailing_word(const char *w, size_t n)
{
    static const char *const t[] = {"as", "then", "now", "today", "yesterday", "tonight", "here", "there", "ago",
                                    "who", "whom", "whose", "which", "that", "what", "when", "where", "you",
                                    "he", "she", "it", "they", "we", "i", "me", "him", "them", "us", "i've",
                                    "we've", "they've", "you've", "i'd", "i'm", "he's", "she's"};
    CX_LEXICON_OF(t);
    return IN(t, w, n) || is_preposition(w, n) || is_clause_word(w, n);
}

/* A verb of saying in the past ("spokesman Mark Toner said"), never a noun
 * like "report" or "statement". */
static int is_past_speech_verb(const char *w, size_t n)
{
    static const char *const p[] = {"said", "says", "told", "tells", "wrote", "writes", "asked", "added"};
    CX_LEXICON_OF(p);
    return IN(p, w, n) || (n > 4 && !memcmp(w + n - 2, "ed", 2) && is_speech_verb(w, n));
}

/* Nouns of time: "two years (ago)", "this month" are no speakers. */
static int is_time_noun(const char *w, size_t n)
{
    static const char *const t[] = {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour",
                                    "hours", "minute", "minutes", "decade", "decades", "time", "times",
                                    "morning", "evening", "night", "afternoon", "weekend", "century"};
    CX_LEXICON_OF(t);
    return IN(t, w, n);
}

/* Verbs in -s that the bare-plural shape would take for a noun ("The report
 * goes on to note"). */
static int is_common_verb_s(const char *w, size_t n)
{
    static const char *const v[] = {"goes", "does", "has", "is", "was", "seems", "appears", "makes", "takes",
                                    "comes", "gets", "keeps", "means", "becomes", "remains", "wants", "needs",
                                    "tries", "gives", "puts", "sees", "knows", "thinks", "believes", "says"};
    CX_LEXICON_OF(v);
    return IN(v, w, n);
}

/* Modifiers that cannot head a noun phrase: "a new (report)", "the same". */
static int is_modifier_word(const char *w, size_t n)
{
    static const char *const m[] = {"new", "old", "recent", "latest", "same", "other", "next", "final", "full",
                                    "brief", "joint", "separate", "similar", "local", "federal", "national",
                                    "international", "public", "private", "annual", "internal", "top", "young",
                                    "little", "big", "great", "large", "small", "earlier", "later", "various",
                                    "whole", "entire", "certain", "such", "own", "main", "major", "special",
                                    "familiar", "close", "responsible", "following"};
    CX_LEXICON_OF(m);
    return IN(m, w, n);
}

/* A past participle after the head noun: "a statement distributed (by)",
 * "the opinion written (by)", "an official familiar (with)". */
static int is_postmodifier(const doc_ctx *c, int i)
{
    if (c->t[i].cap) return 0;
    char w[40];
    size_t n = low(c, i, w, sizeof w);
    if (n >= sizeof w - 1) return 0;
    static const char *const p[] = {"left", "written", "made", "given", "taken", "seen", "known", "familiar",
                                    "close", "born", "sent", "read", "issued", "quoted", "cited"};
    CX_LEXICON_OF(p);
    return (n > 4 && !memcmp(w + n - 2, "ed", 2)) || IN(p, w, n);
}

static int full_name_for(const doc_ctx *c, const char *name, size_t pos);
static int names_someone(const doc_ctx *c, size_t pos);
static int speech_verb_at(const char *text, size_t n, size_t e);
/* The single word at token i is the surname of a person the text names in
 * full ("Fanning" after "Shawn Fanning"), so no gerund. */
static int names_person(const doc_ctx *c, int i)
{
    char b[64];
    size_t n = c->t[i].end - c->t[i].start;
    if (n >= sizeof b) return 0;
    memcpy(b, c->text + c->t[i].start, n), b[n] = '\0';
    return full_name_for(c, b, c->t[i].start) >= 0;
}

/* The speaker phrase r trimmed to end in a noun-like head, or {-1, -1}
 * when it has none: never a bare determiner, function word, modifier,
 * number or single letter ("the", "a new", "another", "Q", "Following"). */
static np tidy_speaker(const doc_ctx *c, np r)
{
    np none = {-1, -1};
    if (r.start < 0 || r.end <= r.start) return none;
    char w[40];
    size_t n;
    /* a lone pronoun is resolved later */
    if (r.end - r.start == 1 && word_is(c, r.start, cx_is_pronoun_subject)) return r;
    for (;;) {
        while (r.end > r.start && c->t[r.end - 1].kind != CX_W_WORD) r.end--;
        if (r.end - r.start < 2) break;
        int last = r.end - 1;
        /* "the daily", "the elderly": an -ly word after a determiner is the head */
        int ly_head = r.end - r.start == 2 && det_tok(c, r.start);
        if (word_is(c, last, cx_is_calendar_word) ||
            (!c->t[last].cap && (word_is(c, last, is_trailing_word) || (aux_tok(c, last) && !ly_head) ||
                                 word_is(c, last, is_past_speech_verb)))) {
            r.end--;
            continue;
        }
        /* a participle after a noun: cut it with what follows */
        if (r.end - r.start >= 3 && is_postmodifier(c, last) && !det_tok(c, last - 1)) {
            r.end--;
            continue;
        }
        break;
    }
    if (r.end <= r.start) return none;
    /* a preposition opening the phrase: a fragment ("of Halifax") */
    if (!c->t[r.start].cap && word_is(c, r.start, is_preposition)) return none;
    /* a relative clause ends the phrase: "a supporter who runs ..." */
    for (int i = r.start; i < r.end; i++)
        if (c->t[i].kind == CX_W_WORD && !c->t[i].cap &&
            (word_eq(c, i, "who") || word_eq(c, i, "that") || word_eq(c, i, "which") || word_eq(c, i, "what"))) {
            if (i == r.start) return none;
            r.end = i;
            return tidy_speaker(c, r);
        }
    int head = r.end - 1;
    if (c->t[head].kind != CX_W_WORD) return none;
    n = low(c, head, w, sizeof w);
    if (n == 0 || n >= sizeof w - 1) return n ? r : none;
    unsigned char c0 = (unsigned char)w[0];
    if (c0 >= '0' && c0 <= '9') return none;                 /* "a 1998", "the 5-foot-9" */
    if (n == 1 && !(w[0] == 'i' && r.end - r.start == 1)) return none; /* "Q:" of a transcript */
    /* "Virginia Young": a capitalized word after a name's first word is its surname */
    int surname = c->t[head].cap && head > r.start && c->t[head - 1].kind == CX_W_WORD && c->t[head - 1].cap &&
                  !is_function_cap_word(c, head - 1);
    if (det_tok(c, head) || (word_is(c, head, is_modifier_word) && !surname) ||
        word_is(c, head, is_trailing_word) || word_is(c, head, cx_is_pronoun_subject) ||
        (!c->t[head].cap && (word_is(c, head, is_time_noun) || word_is(c, head, is_common_verb_s))) ||
        word_is(c, head, cx_is_calendar_word))
        return none;
    if (cx_is_stopword(w, n) && !(c->t[head].cap && r.end - r.start > 1)) return none;
    if (!c->t[head].cap && n > 4 && !memcmp(w + n - 2, "ed", 2)) return none; /* "a detailed" */
    /* a heading or dateline in capitals: "ENSEMBLE:", "LONDON (AP) _" */
    if (r.end - r.start == 1 && all_caps_word(c, head) && c->t[head].end - c->t[head].start >= 4 &&
        (punct_is(c, head + 1, ":(_") || is_dash(c, head + 1)))
        return none;
    /* one capitalized word that is no name: "Following ...", "Despite ..." */
    /* (a closing mark after the quote's comma does not end a sentence: "...,'' Fanning said") */
    int opens_sentence = head == 0 || punct_is(c, head - 1, ".!?;:") ||
                         (is_quote_tok(c, head - 1) && !punct_is(c, head - 2, ",")) ||
                         c->para[head - 1] != c->para[head];
    if (r.end - r.start == 1 && c->t[head].cap && !word_is(c, head, cx_is_title_word) &&
        (is_function_cap_word(c, head) || (opens_sentence && n > 4 && !memcmp(w + n - 3, "ing", 3) &&
                                           !names_person(c, head))))
        return none;

    return r;
}

/* ---- names ---------------------------------------------------------------------- */

static int span_word_count(const char *s, size_t n)
{
    int w = 0, in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ' || s[i] == '-';
        if (!sp && !in) w++;
        in = !sp;
    }
    return w;
}

static char *copy_trim(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == ',')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == ',')) n--;
    return cx_strndup(s, n);
}

/* A person's full name mentioned in the text whose surname matches name,
 * preferring the latest before pos. Returns the mention index or -1. */
static int full_name_for(const doc_ctx *c, const char *name, size_t pos)
{
    int best = -1;
    cx_person_name q;
    cx_person_name_init(&q, name);
    for (int i = 0; i < c->nm; i++) {
        const cx_mention *m = &c->m[i];
        if (!c->full_person[i] || !cx_same_person_names(&c->pk[i], &q)) continue;
        if (m->start < pos) best = i;
        else if (best < 0)
            return i;
    }
    return best;
}

/* The word right after byte e is a speech verb ("Siraya said"). */
static int speech_verb_at(const char *text, size_t n, size_t e)
{
    while (e < n && (text[e] == ' ' || text[e] == '\n')) e++;
    size_t b = e;
    while (e < n && text[e] >= 'a' && text[e] <= 'z') e++;
    return e > b && e - b < 16 && is_speech_verb(text + b, e - b);
}

/* The word right before byte b is a speech verb ("says Ward"). */
static int speech_verb_before(const char *text, size_t b)
{
    while (b > 0 && text[b - 1] == ' ') b--;
    size_t e = b;
    while (b > 0 && text[b - 1] >= 'a' && text[b - 1] <= 'z') b--;
    return e > b && e - b < 16 && is_speech_verb(text + b, e - b);
}

/* The one-word names of the text that a speech verb follows or precedes:
 * people by the way the text uses them, though never named in full. NULL
 * when memory ran out (no name then speaks). */
static const cx_vocab *speaking_names(const doc_ctx *c)
{
    if (*c->speaking_names) return *c->speaking_names;
    cx_vocab *v = cx_vocab_new();
    if (!v) return NULL;
    for (int i = 0; i < c->nm; i++) {
        const cx_mention *m = &c->m[i];
        size_t nl = m->end - m->name_start;
        if (m->type != CX_ENT_PERSON || !nl || nl >= 64 ||
            span_word_count(c->text + m->name_start, nl) != 1)
            continue;
        if ((speech_verb_at(c->text, c->n, m->end) || speech_verb_before(c->text, m->name_start)) &&
            cx_vocab_id(v, c->text + m->name_start, nl) < 0) {
            cx_vocab_free(v);
            return NULL;
        }
    }
    *c->speaking_names = v;
    return v;
}

/* The latest person mentioned before pos, as a full name when one is known;
 * a lone name that speaks ("Siraya said", or elsewhere "says Siraya")
 * counts as a person too. */
static int last_person_before(const doc_ctx *c, size_t pos)
{
    for (int i = c->nm - 1; i >= 0; i--) {
        const cx_mention *m = &c->m[i];
        if (m->start >= pos) continue;
        size_t nl = m->end - m->name_start;
        if (!nl || nl >= 200) continue;
        char buf[200];
        memcpy(buf, c->text + m->name_start, nl), buf[nl] = '\0';
        if (m->type == CX_ENT_PERSON && span_word_count(buf, nl) >= 2) return i;
        if (m->type == CX_ENT_PERSON || m->type == CX_ENT_OTHER) {
            if (span_word_count(buf, nl) != 1) continue;
            /* "on Friday described": a day, a platform or "Mr." is no one */
            char lw[40];
            size_t ln = cx_lower_word(buf, nl, lw, sizeof lw);
            if (cx_is_calendar_word(lw, ln) || cx_is_platform_word(lw, ln) || cx_is_honorific(lw, ln)) continue;
            int f = full_name_for(c, buf, m->start + 1);
            if (f >= 0) return f;
            if (speech_verb_at(c->text, c->n, m->end)) return i;
            const cx_vocab *sp = speaking_names(c);
            if (sp && cx_vocab_find(sp, buf, nl) >= 0) return i;
        }
    }
    return -1;
}

/* Nouns for what speaks when "it" does: a document or a body. */
static int is_document_word(const char *w, size_t n)
{
    static const char *const d[] = {
        "statement", "report", "letter", "memo", "study", "resolution", "document", "communique", "editorial",
        "newspaper", "paper", "daily", "magazine", "journal", "agency", "company", "firm", "group", "government",
        "survey", "poll", "lawsuit", "suit", "complaint", "ruling", "opinion", "decision", "bill", "law",
        "declaration", "announcement", "release", "notice", "note", "message", "website", "site", "book",
        "article", "analysis", "review", "proposal", "plan", "order", "indictment", "petition", "filing",
        "motion", "verdict", "judgment", "treaty", "agreement", "accord", "charter", "manifesto", "leaflet",
        "advertisement", "ad", "broadcast", "station", "network", "organization", "organisation", "association",
        "union", "committee", "commission", "court", "panel", "board", "regime", "administration", "department",
        "campaign", "institute", "foundation", "bank", "fund", "office", "service", "embassy", "junta",
        "military", "police", "team", "club", "church", "center", "centre", "council", "ministry", "party",
        "army", "parliament", "assembly", "congress", "senate", "cabinet", "tribunal", "coalition", "alliance"};
    CX_LEXICON_OF(d);
    return IN(d, w, n) || cx_is_org_word(w, n);
}

/* A person, organisation or place named at byte pos ("Jones" is no plural). */
static int names_someone(const doc_ctx *c, size_t pos)
{
    for (int i = 0; i < c->nm && c->m[i].start <= pos; i++)
        if (c->m[i].name_start <= pos && pos < c->m[i].end && c->m[i].type != CX_ENT_OTHER) return 1;
    return 0;
}

/* What "it" or "they" at token tok stands for: the nearest organisation
 * named, or noun phrase of a document or body ("the statement", "the
 * company"; for "they" a plural one, "the researchers"), in its paragraph
 * or the two before. Fills [*s, *e) and returns 1, or returns 0. */
static int referent_before(const doc_ctx *c, int tok, int plural, size_t *s, size_t *e)
{
    int found = 0;
    int para_floor = c->para[tok] - 2;
    for (int i = tok - 1; i >= 0 && c->para[i] >= para_floor && !found; i--) {
        if (c->t[i].kind != CX_W_WORD) continue;
        int opens = i == 0 || punct_is(c, i - 1, ".!?;") || c->para[i - 1] != c->para[i];
        /* capitals are names, but a plural may open its sentence */
        if (c->t[i].cap && !(plural && opens && !names_someone(c, c->t[i].start))) continue;
        char w[40];
        size_t n = low(c, i, w, sizeof w);
        if (n < 2 || n >= sizeof w - 1) continue;
        int head = plural ? (n > 3 && w[n - 1] == 's' && !strchr(w, '\'') && !cx_is_stopword(w, n) &&
                             !aux_tok(c, i) && !speech_tok(c, i))
                          : is_document_word(w, n);
        /* a bare plural opening its sentence: "Critics of the plan ..." */
        if (plural && head && opens && !(c->t[i].cap && is_function_cap_word(c, i))) {
            *s = c->t[i].start, *e = c->t[i].end, found = 1;
            break;
        }
        if (!head || word_is(c, i + 1, is_document_word)) continue; /* "the company's report": the report */
        for (int d = i - 1; d >= 0 && d >= i - 4 && c->t[d].kind == CX_W_WORD; d--) {
            if (det_tok(c, d)) {
                if (!word_eq(c, d, "the") && !word_eq(c, d, "this") && !word_eq(c, d, "its") &&
                    !word_eq(c, d, "their") && !word_eq(c, d, "these") && !word_eq(c, d, "his") &&
                    !word_eq(c, d, "her") && !word_eq(c, d, "our"))
                    break; /* "a report", "some officials": no one in particular */
                *s = c->t[d].start, *e = c->t[i].end, found = 1;
                break;
            }
            if (speech_tok(c, d) || word_is(c, d, is_clause_word)) break;
        }
    }
    if (plural) return found;
    size_t pos = c->t[tok].start;
    for (int i = c->nm - 1; i >= 0; i--) {
        const cx_mention *m = &c->m[i];
        if (m->end > pos || m->type != CX_ENT_ORG) continue;
        if (found && m->start < *s) break;
        int mp = 0;
        while (mp < tok && c->t[mp].start < m->start) mp++;
        if (c->para[mp] < para_floor) break;
        *s = m->start, *e = m->end; /* an organisation has no role to split off */
        return 1;
    }
    return found;
}

static char *role_of_mention(const doc_ctx *c, const cx_mention *m)
{
    if (m->name_start <= m->start) return NULL;
    return copy_trim(c->text + m->start, m->name_start - m->start);
}

/* A speaker made only of time words, a platform, an honorific or a
 * pronoun left unresolved cannot have said anything ("Friday",
 * "Twitter", "Mr.", "he"). */
static int can_speak(const char *spk)
{
    int words = 0, empty = 1;
    for (const char *p = spk; *p;) {
        while (*p == ' ') p++;
        const char *b = p;
        while (*p && *p != ' ') p++;
        if (p == b) break;
        words++;
        char w[40];
        size_t n = cx_lower_word(b, (size_t)(p - b), w, sizeof w);
        if (n >= sizeof w - 1) return 1;
        if (n > 1 && w[n - 1] == ',') n--, w[n] = '\0';
        if (!(cx_is_calendar_word(w, n) || is_time_noun(w, n) || !strcmp(w, "today") ||
              !strcmp(w, "yesterday") || !strcmp(w, "tonight") || !strcmp(w, "tomorrow") ||
              cx_is_platform_word(w, n) || cx_is_honorific(w, n) || is_determiner(w, n)))
            empty = 0;
    }
    if (!words || empty) return 0;
    if (words == 1) {
        char w[16];
        size_t n = cx_lower_word(spk, strlen(spk), w, sizeof w);
        if (n < sizeof w - 1 && (!strcmp(w, "he") || !strcmp(w, "she") || !strcmp(w, "it") ||
                                 !strcmp(w, "they") || !strcmp(w, "him") || !strcmp(w, "her") || !strcmp(w, "them")))
            return 0;
    }
    return 1;
}

static int resolve_phrase(const doc_ctx *c, cx_quote_hit *h, np r);

/* Fill speaker, role and person of h from the noun phrase r; a speaker
 * that cannot speak leaves the quote unattributed, and honorifics are no
 * role. */
static int resolve(const doc_ctx *c, cx_quote_hit *h, np r)
{
    int rc = resolve_phrase(c, h, r);
    if (rc) return rc;
    if (h->speaker && !can_speak(h->speaker)) {
        free(h->speaker), free(h->role);
        h->speaker = h->role = NULL;
        h->spk_start = h->spk_end = 0;
        h->person = 0;
        h->speaker_from = CX_SPK_NONE;
    }
    if (h->role && !cx_role_without_honorifics(h->role, strlen(h->role))) {
        free(h->role);
        h->role = NULL;
    }
    return 0;
}

static int resolve_phrase(const doc_ctx *c, cx_quote_hit *h, np r)
{
    r = tidy_speaker(c, r);
    if (r.start < 0) { /* no speaker rather than a fragment */
        h->speaker_from = CX_SPK_NONE;
        return 0;
    }
    size_t s = c->t[r.start].start, e = c->t[r.end - 1].end;
    h->spk_start = s, h->spk_end = e;
    char lw[40];
    if (r.end - r.start == 1 && word_is(c, r.start, cx_is_pronoun_subject)) {
        size_t n = low(c, r.start, lw, sizeof lw);
        if ((n == 2 && (!memcmp(lw, "he", 2))) || (n == 3 && !memcmp(lw, "she", 3))) {
            int m = last_person_before(c, s);
            if (m >= 0) {
                const cx_mention *x = &c->m[m];
                h->speaker = copy_trim(c->text + x->name_start, x->end - x->name_start);
                h->role = role_of_mention(c, x);
                h->person = 1;
                return h->speaker ? 0 : CHORUS_ENOMEM;
            }
            /* no one to stand for: unattributed rather than "he" */
            h->speaker_from = CX_SPK_NONE;
            return 0;
        }
        int plural = n == 4 && !memcmp(lw, "they", 4);
        if ((n == 2 && !memcmp(lw, "it", 2)) || plural) {
            /* "it said", "they wrote": the body or document named before, else no one */
            size_t rs, re;
            if (!referent_before(c, r.start, plural, &rs, &re)) {
                h->spk_start = h->spk_end = 0;
                h->speaker_from = CX_SPK_NONE;
                return 0;
            }
            h->speaker = copy_trim(c->text + rs, re - rs);
            return h->speaker ? 0 : CHORUS_ENOMEM;
        }
        h->speaker = cx_strndup(c->text + s, e - s);
        return h->speaker ? 0 : CHORUS_ENOMEM;
    }
    if (det_tok(c, r.start) || !c->t[r.start].cap) {
        /* a common noun phrase may still end in a name: "spokeswoman Alyssa Farah" */
        size_t ns = cx_split_role(c->text, s, e);
        if (ns > s && ns < e && c->t[r.end - 1].cap && !det_tok(c, r.start) &&
            !(c->text[ns] >= 'a' && c->text[ns] <= 'z')) {
            h->role = copy_trim(c->text + s, ns - s);
            h->speaker = copy_trim(c->text + ns, e - ns);
            h->person = 1;
        } else {
            /* "the spokeswoman Alyssa Farah", "le président Emmanuel Macron":
             * an article, a role in lower case, then a full name */
            int f = r.end;
            while (f - 1 > r.start && c->t[f - 1].kind == CX_W_WORD && c->t[f - 1].cap) f--;
            int role_ok = det_tok(c, r.start) && f > r.start + 1 && r.end - f >= 2;
            for (int i = r.start + 1; role_ok && i < f; i++)
                role_ok = c->t[i].kind == CX_W_WORD && !c->t[i].cap;
            if (role_ok) {
                size_t rs = c->t[r.start + 1].start, fs = c->t[f].start;
                size_t nsn = cx_split_role(c->text, fs, e);
                if (nsn >= e) nsn = fs;
                h->role = copy_trim(c->text + rs, nsn - rs);
                h->speaker = copy_trim(c->text + nsn, e - nsn);
                h->person = 1;
                if (!h->role) return CHORUS_ENOMEM;
            } else
                h->speaker = copy_trim(c->text + s, e - s);
        }
        return h->speaker ? 0 : CHORUS_ENOMEM;
    }
    size_t ns = cx_split_role(c->text, s, e);
    /* an organisation ("Justice Department") or a role of one ("A spokesman
     * of Halifax") is named whole: no role to split off */
    int org_head = word_is(c, r.end - 1, cx_is_org_word);
    if (ns < e && (org_head || (c->text[ns] >= 'a' && c->text[ns] <= 'z'))) {
        h->speaker = copy_trim(c->text + s, e - s);
        return h->speaker ? 0 : CHORUS_ENOMEM;
    }
    if (ns >= e) { /* a bare title: "the President" */
        h->speaker = copy_trim(c->text + s, e - s);
        return h->speaker ? 0 : CHORUS_ENOMEM;
    }
    /* strip a possessive ending from the name */
    size_t ne = e;
    if (ne - ns > 2 && c->text[ne - 1] == 's' && c->text[ne - 2] == '\'') ne -= 2;
    char name[200];
    size_t nl = ne - ns < sizeof name ? ne - ns : sizeof name - 1;
    memcpy(name, c->text + ns, nl), name[nl] = '\0';
    h->role = ns > s ? copy_trim(c->text + s, ns - s) : NULL;
    int words = span_word_count(name, nl);
    int org = 0;
    for (int i = r.start; i < r.end; i++) org |= word_is(c, i, cx_is_org_word);
    if (words == 1 && !org) {
        int m = full_name_for(c, name, s);
        if (m >= 0) {
            const cx_mention *x = &c->m[m];
            h->speaker = copy_trim(c->text + x->name_start, x->end - x->name_start);
            if (!h->role) h->role = role_of_mention(c, x);
            h->person = 1;
            return h->speaker ? 0 : CHORUS_ENOMEM;
        }
    }
    h->speaker = copy_trim(name, nl);
    h->person = !org;
    return h->speaker ? 0 : CHORUS_ENOMEM;
}

/* ---- finding quotes --------------------------------------------------------------- */

typedef struct {
    int open, close; /* tokens of the marks; close == -1 when left open at paragraph end */
    int end_tok;     /* last token inside or the close mark */
    int marks;       /* > CX_QUOTE_MAX_MARKS: a run of that many marks in a row, skipped whole */
} qspan;

static np fragment_subject(const doc_ctx *c, const qspan *s, int prev_close);

/* The paragraph of quote q has a verb of saying outside its quotes: its
 * attribution is there ("'Boots on the ground' would be appropriate,
 * Carson said"), even if it was not understood. */
static int attribution_outside_quotes(const doc_ctx *c, const qspan *qs, int nq, int q)
{
    int p = c->para[qs[q].open], k = qs[q].open;
    while (k > 0 && c->para[k - 1] == p) k--;
    int j = 0;
    for (; k < c->nt && c->para[k] == p; k++) {
        while (j < nq && (qs[j].close >= 0 ? qs[j].close : qs[j].end_tok) < k) j++;
        if (j < nq && qs[j].open <= k) continue; /* inside a quote */
        if (speech_tok(c, k) || according_at(c, k)) return 1;
    }
    return 0;
}

/* Quotation marks in a row from token i (no word between them). */
static int mark_run(const doc_ctx *c, int i)
{
    int k = i;
    while (k < c->nt && c->t[k].kind >= CX_W_OPEN && c->para[k] == c->para[i]) k++;
    return k - i;
}

/* A mark that ends a sentence: a dot followed by a comma or a lower-case
 * word ends an abbreviation the tokenizer did not know ("R-Ky., said",
 * "Sept. 26, 2014"), since a sentence opens with a capital. */
static int ends_sentence_at(const doc_ctx *c, int k)
{
    if (!punct_is(c, k, ".!?;")) return 0;
    if (!punct_is(c, k, ".") || k + 1 >= c->nt || c->para[k + 1] != c->para[k]) return 1;
    if (punct_is(c, k + 1, ",")) return 0;
    return !(c->t[k + 1].kind == CX_W_WORD && !c->t[k + 1].cap &&
             (unsigned char)c->text[c->t[k + 1].start] < 0x80);
}

/* The start of the sentence holding token i, not before floor. */
static int sentence_floor(const doc_ctx *c, int i, int floor)
{
    /* a dot inside parentheses ends an abbreviation ("Sen. Rand Paul (R-Ky.)") */
    int paren = 0;
    for (int k = i - 1; k >= floor && k > i - 400; k--) {
        if (punct_is(c, k, ")")) paren++;
        else if (punct_is(c, k, "(") && paren > 0)
            paren--;
        else if (ends_sentence_at(c, k) && !paren)
            return k + 1;
    }
    for (int k = i - 1; k >= floor; k--)
        if (ends_sentence_at(c, k)) return k + 1;
    return floor;
}

/* The end of the sentence from token i; a dot inside parentheses ends an
 * abbreviation, not the sentence ("Rep. John Mica (R-Fla.) said"). */
static int sentence_limit(const doc_ctx *c, int i, int limit)
{
    int paren = 0;
    for (int k = i; k < limit; k++) {
        if (punct_is(c, k, "(")) paren++;
        else if (punct_is(c, k, ")") && paren > 0)
            paren--;
        else if ((ends_sentence_at(c, k) && !paren) || (c->t[k].kind == CX_W_OPEN) || c->t[k].kind == CX_W_AMBIG)
            return k;
    }
    return limit;
}

/* ‘ (U+2018), which closes a German ‚ quote. */
static int is_left_single_curly(const doc_ctx *c, int i)
{
    const unsigned char *s = (const unsigned char *)c->text + c->t[i].start;
    return c->t[i].kind == CX_W_PUNCT && c->t[i].end - c->t[i].start == 3 && s[0] == 0xE2 && s[1] == 0x80 &&
           s[2] == 0x98;
}

/* Guillemets point either way: « x » in French, » x « in German. */
static int two_sided(int fam)
{
    return fam == CX_QF_GUILLEMET || fam == CX_QF_SINGLE_GUILLEMET;
}

static int pair_quotes(const doc_ctx *c, qspan **out)
{
    qspan *v = NULL;
    size_t nv = 0, cap = 0;
    int open = -1, fam = 0, inner = 0, flipped = 0;
    for (int i = 0; i <= c->nt; i++) {
        int para_end = i == c->nt || (i > 0 && c->para[i] != c->para[i - 1]);
        if (para_end && open >= 0) {
            qspan q = {open, -1, i - 1, 0};
            if (i - 1 > open && CX_PUSH(v, nv, cap, q)) goto oom;
            open = -1;
        }
        if (i == c->nt) break;
        const cx_wtok *t = &c->t[i];
        if (open >= 0 && fam == CX_QF_LOW_SINGLE && inner == 0 && is_left_single_curly(c, i)) {
            qspan q = {open, i, i, 0};
            if (CX_PUSH(v, nv, cap, q)) goto oom;
            open = -1;
            continue;
        }
        if (t->kind < CX_W_OPEN) continue;
        /* hostile input ("10,000 nested quotes"): a run of marks deeper than any
         * writer nests makes the rest of its paragraph one skipped span */
        if (i == 0 || c->t[i - 1].kind < CX_W_OPEN || c->para[i - 1] != c->para[i]) {
            int run = mark_run(c, i);
            if (run > CX_QUOTE_MAX_MARKS) {
                int e = i;
                for (int k = i; k < c->nt && c->para[k] == c->para[i]; k++)
                    if (c->t[k].kind >= CX_W_OPEN) e = k;
                qspan q = {open >= 0 ? open : i, e, e, run};
                if (CX_PUSH(v, nv, cap, q)) goto oom;
                open = -1;
                i = e;
                continue;
            }
        }
        int kind = t->kind;
        if (open < 0) {
            /* German »x«: a closing-looking guillemet glued to the word after it opens */
            flipped = two_sided(t->qfam) && kind == CX_W_CLOSE && t->end < c->n && c->text[t->end] != ' ' &&
                      c->text[t->end] != '\n' && i + 1 < c->nt && c->t[i + 1].start == t->end &&
                      c->t[i + 1].kind == CX_W_WORD;
            if (kind == CX_W_OPEN || kind == CX_W_AMBIG || flipped) open = i, fam = t->qfam, inner = 0;
            continue;
        }
        if (two_sided(fam) && t->qfam == fam && flipped) kind = kind == CX_W_OPEN ? CX_W_CLOSE : CX_W_OPEN;
        /* „ is closed by a curly mark of either shape */
        if (fam == CX_QF_LOW && t->qfam == CX_QF_CURLY && inner == 0) {
            qspan q = {open, i, i, 0};
            if (CX_PUSH(v, nv, cap, q)) goto oom;
            open = -1;
            continue;
        }
        if (t->qfam != fam) {
            /* a quote inside the quote, or a closing mark of another style
             * (writers mix “..." freely; only among the English styles) */
            if (kind == CX_W_OPEN) inner++;
            else if (inner > 0)
                inner--;
            else if (kind == CX_W_CLOSE && fam <= CX_QF_BACKTICK && t->qfam <= CX_QF_BACKTICK) {
                qspan q = {open, i, i, 0};
                if (CX_PUSH(v, nv, cap, q)) goto oom;
                open = -1;
            }
            continue;
        }
        if (kind == CX_W_CLOSE || kind == CX_W_AMBIG || fam == CX_QF_STRAIGHT) {
            qspan q = {open, i, i, 0};
            if (CX_PUSH(v, nv, cap, q)) goto oom;
            open = -1;
        } else if (fam == CX_QF_LOW || fam == CX_QF_LOW_SINGLE) {
            inner++; /* „ inside „: nested */
        } else { /* an opening mark of the same style: the previous quote was left open */
            qspan q = {open, -1, i - 1, 0};
            if (i - 1 > open && CX_PUSH(v, nv, cap, q)) goto oom;
            open = i, inner = 0;
        }
    }
    *out = v;
    return (int)nv;
oom:
    free(v);
    return CHORUS_ENOMEM;
}

int cx_quote_worth_keeping(const cx_quote_hit *h) { return h->skip == CX_QSKIP_NONE; }

const char *cx_quote_skip_reason(int skip)
{
    switch (skip) {
    case CX_QSKIP_SHORT: return "fewer than " CX_STR(CX_QUOTE_MIN_WORDS) " words and no whole utterance";
    case CX_QSKIP_TITLE: return "a title of a work or a slogan, not an utterance";
    case CX_QSKIP_FRAGMENT:
        return "a lower-case phrase inside the writer's sentence with no verb of saying (a mention or scare "
               "quote, not an utterance)";
    case CX_QSKIP_UNCLOSED: return "quotation mark never closed";
    case CX_QSKIP_TOO_LONG: return "quoted span longer than " CX_STR(CX_QUOTE_MAX_BYTES) " bytes";
    case CX_QSKIP_NESTED: return "more than " CX_STR(CX_QUOTE_MAX_MARKS) " quotation marks in a row";
    case CX_QSKIP_LONG_NAME: return "speaker's name longer than " CX_STR(CX_SPEAKER_MAX_WORDS) " words";
    case CX_QSKIP_NAMED: return "a name given after 'called', 'dubbed', 'entitled' or 'known as', not an utterance";
    case CX_QSKIP_UNNAMED_TURN: return "a transcript turn labelled only Q: or A:, its speaker not named";
    default: return "";
    }
}

/* "WALLACE: ..." or "MR. PENCE: ..." opening the quoted text: a transcript
 * labels each turn with the speaker's surname in capitals. Taken only when
 * the label names a person the article gives in full (a heading such as
 * "UPDATE:" names no one). */
static int transcript_label(const doc_ctx *c, cx_quote_hit *x, int open, int close)
{
    int k = open + 1;
    while (k < close && k < open + 4 && all_caps_word(c, k)) k++;
    if (k == open + 1 || k >= close || !punct_is(c, k, ":")) return 0;
    int a = open + 1;
    if (k - a > 1 && word_is(c, a, cx_is_honorific)) a++;
    char name[120];
    size_t s = c->t[a].start, e = c->t[k - 1].end;
    if (e - s >= sizeof name) return 0;
    memcpy(name, c->text + s, e - s), name[e - s] = '\0';
    int m = full_name_for(c, name, x->start);
    if (m < 0) return 0;
    const cx_mention *mm = &c->m[m];
    x->speaker = copy_trim(c->text + mm->name_start, mm->end - mm->name_start);
    if (!x->speaker) return CHORUS_ENOMEM;
    x->spk_start = s, x->spk_end = e;
    x->person = 1;
    x->speaker_from = CX_SPK_SENTENCE;
    return 0;
}

/* Token i is a run of Chinese or Japanese characters. */
static int cjk_tok(const doc_ctx *c, int i)
{
    return i >= 0 && i < c->nt && c->t[i].kind == CX_W_WORD && (unsigned char)c->text[c->t[i].start] >= 0xE3 &&
           (unsigned char)c->text[c->t[i].start] <= 0xE9;
}

/* Bytes [s, e) ending in one of the marks of list (UTF-8, each 3 bytes):
 * the offset just after the last one, or s when none. */
static size_t after_last_mark(const char *text, size_t s, size_t e, const char *const *marks, int nmarks)
{
    for (size_t b = e; b >= s + 3; b--)
        for (int m = 0; m < nmarks; m++)
            if (!memcmp(text + b - 3, marks[m], 3)) return b;
    return s;
}

/* The speaker of a Chinese or Japanese quote, in the article's language
 * (quote_cues.c): "省应急管理厅厅长王强表示：“…”" (the run before the colon
 * ends in a verb of saying: the speaker is the rest of its clause, adverbs
 * such as 还 cut off), or "岸田首相は「…」と述べた" (the quotative と and a verb
 * after the closing mark, the speaker marked by は or が before the quote).
 * Fills x and returns 1, or returns 0 (negative: out of memory). */
static int cjk_speaker(const doc_ctx *c, cx_quote_hit *x, const qspan *q)
{
    if (c->lang && strcmp(c->lang, "zh") && strcmp(c->lang, "ja")) return 0;
    static const char *const clause_marks[] = {"\xEF\xBC\x8C", "\xE3\x80\x81", "\xE3\x80\x82", "\xEF\xBC\x9A"};
    size_t ss = 0, se = 0;
    int k = q->open - 1;
    if (punct_is(c, k, ":,")) k--;
    if (cjk_tok(c, k)) { /* speaker and verb before the quote */
        size_t s = c->t[k].start, e = c->t[k].end;
        if (e - s >= 3 && (!memcmp(c->text + e - 3, "\xEF\xBC\x9A", 3) || !memcmp(c->text + e - 3, "\xEF\xBC\x8C", 3)))
            e -= 3; /* the full-width colon or comma */
        size_t v = cx_quote_cue_verb_suffix(c->lang, c->text + s, e - s);
        if (v && v < e - s) {
            e -= v;
            for (size_t a; (a = cx_quote_cue_aux_suffix(c->lang, c->text + s, e - s)) && a < e - s;) e -= a;
            ss = after_last_mark(c->text, s, e, clause_marks, 4), se = e;
        }
    }
    /* 「…」と述べた / 「…」と岸田首相は述べた */
    int j = q->close + 1;
    if (!se && q->close >= 0 && cjk_tok(c, j) && !memcmp(c->text + c->t[j].start, "\xE3\x81\xA8", 3)) {
        size_t s = c->t[j].start + 3, e = c->t[j].end;
        size_t v = cx_quote_cue_verb_suffix(c->lang, c->text + s, e - s);
        if (v == e - s && cjk_tok(c, q->open - 1)) { /* the speaker before the quote, with its particle */
            size_t ps = c->t[q->open - 1].start, pe = c->t[q->open - 1].end;
            size_t a = cx_quote_cue_aux_suffix(c->lang, c->text + ps, pe - ps);
            if (a && a < pe - ps) ss = after_last_mark(c->text, ps, pe - a, clause_marks, 4), se = pe - a;
        } else if (v && v < e - s) { /* the speaker between と and the verb */
            e -= v;
            size_t a = cx_quote_cue_aux_suffix(c->lang, c->text + s, e - s);
            if (a && a < e - s) ss = s, se = e - a;
        }
    }
    /* a clause of at most 24 characters: a name with its title or a noun phrase */
    if (!se || se <= ss || se - ss > 72) return 0;
    x->speaker = cx_strndup(c->text + ss, se - ss);
    if (!x->speaker) return CHORUS_ENOMEM;
    x->spk_start = ss, x->spk_end = se;
    x->person = 0;
    x->speaker_from = CX_SPK_SENTENCE;
    return 1;
}

/* Capitalized words in a row from token i going by step (+1 or -1). */
static int cap_run(const doc_ctx *c, int i, int step)
{
    int k = i;
    while (k >= 0 && k < c->nt && c->t[k].kind == CX_W_WORD && c->t[k].cap && c->para[k] == c->para[i] &&
           abs(k - i) <= CX_SPEAKER_MAX_WORDS)
        k += step;
    return abs(k - i);
}

/* The quote's attribution holds a name longer than any name: "..., said
 * <500 capitalized words>" or "<500 capitalized words> said ...". */
static int name_overrun(const doc_ctx *c, const qspan *s)
{
    if (s->close >= 0) {
        int j = s->close + 1;
        while (j < c->nt && (punct_is(c, j, ",") || is_dash(c, j))) j++;
        if (speech_tok(c, j)) j++;
        if (j < c->nt && cap_run(c, j, 1) > CX_SPEAKER_MAX_WORDS) return 1;
    }
    int k = s->open - 1;
    while (k >= 0 && (punct_is(c, k, ":,") || is_dash(c, k))) k--;
    if (speech_tok(c, k)) k--;
    return k >= 0 && cap_run(c, k, -1) > CX_SPEAKER_MAX_WORDS;
}

/* A lower-case phrase inside the writer's own sentence with no verb of
 * saying anywhere in that sentence: the writer mentions words ("a
 * 'targeted employment area'", "his 'national enterprise reporter'"), no
 * one is quoted as speaking them. A quote opening its sentence, in capitals,
 * long as a clause, or in a sentence with a cue is left alone. */
static int is_fragment(const doc_ctx *c, const qspan *s, const cx_quote_hit *x, int prev_close)
{
    if (s->close < 0 || x->words > CX_FRAGMENT_MAX_WORDS) return 0;
    int first = s->open + 1;
    if (first >= s->close || c->t[first].kind != CX_W_WORD || c->t[first].cap) return 0;
    unsigned char b0 = (unsigned char)c->text[c->t[first].start];
    if (b0 >= 0xE3) return 0; /* a script without case */
    /* inside a sentence: a word or a comma of the same paragraph before the mark */
    int before = s->open - 1;
    if (before < 0 || c->para[before] != c->para[s->open] || punct_is(c, before, ".!?;:") ||
        is_quote_tok(c, before))
        return 0;
    int pa = s->open;
    while (pa > 0 && c->para[pa - 1] == c->para[s->open]) pa--;
    if (prev_close >= pa) pa = prev_close + 1;
    int floor = sentence_floor(c, s->open, pa);
    int limit = s->close + 1;
    while (limit < c->nt && c->para[limit] == c->para[s->open] && !punct_is(c, limit, ".!?;") &&
           !is_quote_tok(c, limit))
        limit++;
    for (int k = floor; k < limit; k++) {
        if (k > s->open && k <= s->close) continue;
        if (according_at(c, k)) return 0;
        if (speech_tok(c, k) && !speech_word_is_noun(c, k) && !passive_speech(c, k)) return 0;
        if ((word_eq(c, k, "put") || word_eq(c, k, "puts")) && word_eq(c, k + 1, "it")) return 0;
    }
    return 1;
}

void cx_quote_hits_free(cx_quote_hit *h, size_t n)
{
    if (!h) return;
    for (size_t i = 0; i < n; i++) free(h[i].speaker), free(h[i].role);
    free(h);
}

static int copy_speaker(cx_quote_hit *dst, const cx_quote_hit *src, int from)
{
    dst->speaker = src->speaker ? cx_strdup(src->speaker) : NULL;
    dst->role = src->role ? cx_strdup(src->role) : NULL;
    dst->spk_start = src->spk_start, dst->spk_end = src->spk_end;
    dst->person = src->person;
    dst->speaker_from = from;
    return (src->speaker && !dst->speaker) || (src->role && !dst->role) ? CHORUS_ENOMEM : 0;
}

int cx_quotes_find(const char *text, size_t n, cx_quote_hit **out)
{
    cx_mention *m;
    int nm = cx_mentions_scan(text, n, &m);
    if (nm < 0) return *out = NULL, nm;
    int rc = cx_quotes_find_named(text, n, m, nm, out);
    free(m);
    return rc;
}

/* Short words a title leaves in lower case ("Shakespeare in Love"). */
static int is_title_minor_word(const char *w, size_t n)
{
    static const char *const m[] = {"a", "an", "the", "and", "or", "nor", "but", "for", "of", "in", "on", "at",
                                    "to", "by", "with", "from", "as", "vs", "vs.", "via", "into", "up", "off",
                                    "per", "over", "upon", "out", "&"};
    CX_LEXICON_OF(m);
    return IN(m, w, n);
}

/* Tokens (a, b) inside the marks are a title's: short, every content word
 * capitalized ("Face the Nation", "Life is Beautiful"). */
#define CX_TITLE_MAX_WORDS 12
static int title_shaped(const doc_ctx *c, int a, int b)
{
    int words = 0, caps = 0;
    for (int i = a + 1; i < b; i++) {
        if (c->t[i].kind != CX_W_WORD) continue;
        words++;
        unsigned char c0 = (unsigned char)c->text[c->t[i].start];
        if (c->t[i].cap) caps += !word_is(c, i, cx_is_stopword) && !word_is(c, i, cx_is_pronoun_subject);
        else if (!(c0 >= '0' && c0 <= '9') && !word_is(c, i, is_title_minor_word) && !word_is(c, i, cx_is_stopword))
            return 0;
    }
    return caps > 0 && words <= CX_TITLE_MAX_WORDS;
}

/* A verb of saying frames the quote: right before its opening mark ("said:
 * ``...''"; not "noted that ``The Truman Show'' came out"), or the quote opens after
 * "Name:" of a person known by full name (an interview transcript). */
static int verb_frames_quote(const doc_ctx *c, int open, const cx_quote_hit *x)
{
    int k = open - 1;
    if (punct_is(c, k, ":") && x->person && x->speaker && strchr(x->speaker, ' ') && x->spk_end > x->spk_start &&
        x->spk_end <= c->t[k].start && k > 0 && x->spk_end == c->t[k - 1].end)
        return 1;
    while (k >= 0 && (punct_is(c, k, ":,") || is_dash(c, k) || aux_tok(c, k))) k--;
    return speech_tok(c, k) && !speech_word_is_noun(c, k);
}

/* A name the writer gives a thing: the span follows "called", "dubbed",
 * "entitled", "titled", "named", "nicknamed" or "known as" / "billed as"
 * (a comma may stand between), and is short enough to be a name. */
static int is_naming_word(const char *w, size_t n)
{
    static const char *const naming[] = {"called", "dubbed", "entitled", "titled", "named", "nicknamed", "renamed"};
    CX_LEXICON_OF(naming);
    return IN(naming, w, n);
}

static int named_by_writer(const doc_ctx *c, const qspan *s, const cx_quote_hit *x)
{
    if (s->close < 0 || x->words > CX_FRAGMENT_MAX_WORDS) return 0;
    int k = s->open - 1;
    if (k >= 0 && punct_is(c, k, ",")) k--;
    if (k < 0 || c->t[k].kind != CX_W_WORD || c->para[k] != c->para[s->open]) return 0;
    /* "a campaign called": the participle names; "what aide Kevin Phillips
     * called", "Trump called it" report someone's words */
    if (word_is(c, k, is_naming_word)) {
        if (k >= 1 && punct_is(c, k - 1, ",")) return 1; /* "The exhibition, dubbed" */
        if (k < 1 || c->t[k - 1].kind != CX_W_WORD || c->t[k - 1].cap || word_is(c, k - 1, cx_is_pronoun_subject) ||
            word_eq(c, k - 1, "it") || word_eq(c, k - 1, "him") || word_eq(c, k - 1, "her") ||
            word_eq(c, k - 1, "them"))
            return 0;
        for (int w = k - 1; w >= 0 && w >= k - 4; w--)
            if (word_eq(c, w, "what")) return 0;
        return 1;
    }
    return word_eq(c, k, "as") && k > 0 && (word_eq(c, k - 1, "known") || word_eq(c, k - 1, "billed"));
}

/* A transcript turn labelled "Q:" or "A:" at its paragraph's start, right
 * before the opening mark: the questioner or witness has no name here. */
static int unnamed_turn(const doc_ctx *c, const qspan *s)
{
    int k = s->open - 1;
    if (k < 1 || !punct_is(c, k, ":") || c->t[k - 1].kind != CX_W_WORD) return 0;
    if (k - 1 > 0 && c->para[k - 2] == c->para[s->open]) return 0;
    return c->t[k - 1].end - c->t[k - 1].start == 1 && (word_eq(c, k - 1, "q") || word_eq(c, k - 1, "a"));
}

/* cx_quotes_find_named on the text's tokens t (cx_wtokenize). */
static int quotes_of_tokens(const char *text, size_t n, const cx_mention *m, int nm, const cx_wtok *t, int nt,
                            const char *known_lang, cx_quote_hit **out)
{
    *out = NULL;
    cx_vocab *spk_names = NULL;
    doc_ctx c = {text, n, t, nt, NULL, m, nm, NULL, NULL, NULL, &spk_names};
    /* the article's language when the story knows it, else detected here */
    int reliable = known_lang != NULL;
    const char *lang = known_lang ? known_lang : n ? cx_detect_language(text, n, &reliable) : "und";
    /* English, or a language with a cue table; any other (or none told): every table */
    c.lang = reliable && lang && (!strcmp(lang, "en") || cx_quote_cue_has(lang)) ? lang : NULL;
    int rc;
    c.para = malloc(((size_t)c.nt + 1) * sizeof *c.para);
    uint8_t *full_person = calloc((size_t)nm + 1, 1);
    cx_person_name *pk = malloc(((size_t)nm + 1) * sizeof *pk);
    c.full_person = full_person, c.pk = pk;
    qspan *qs = NULL;
    cx_quote_hit *h = NULL;
    int nq = 0;
    if (!c.para || !full_person || !pk) goto oom;
    for (int i = 0; i < nm; i++) {
        size_t nl = m[i].end - m[i].name_start;
        if (m[i].type != CX_ENT_PERSON || nl >= 200 || span_word_count(text + m[i].name_start, nl) < 2) continue;
        char buf[200];
        memcpy(buf, text + m[i].name_start, nl), buf[nl] = '\0';
        cx_person_name_init(&pk[i], buf);
        full_person[i] = 1;
    }
    for (int i = 0, p = 0; i < c.nt; i++) {
        if (i > 0) { /* a blank line between tokens starts a paragraph */
            const char *g = text + c.t[i - 1].end, *ge = text + c.t[i].start;
            const char *nl = memchr(g, '\n', (size_t)(ge - g));
            if (nl && memchr(nl + 1, '\n', (size_t)(ge - nl - 1))) p++;
        }
        c.para[i] = p;
    }
    nq = pair_quotes(&c, &qs);
    if (nq < 0) goto oom;
    h = calloc((size_t)nq + 1, sizeof *h);
    if (!h) goto oom;
    int *verb_only = calloc((size_t)nq + 1, sizeof *verb_only);
    if (!verb_only) goto oom;
    for (int q = 0; q < nq; q++) {
        cx_quote_hit *x = &h[q];
        const qspan *s = &qs[q];
        x->start = c.t[s->open].start;
        x->end = c.t[s->end_tok].end;
        x->para = c.para[s->open];
        if (s->marks) {
            x->skip = CX_QSKIP_NESTED;
            continue;
        }
        if (x->end - x->start > CX_QUOTE_MAX_BYTES) {
            x->skip = CX_QSKIP_TOO_LONG;
            continue;
        }
        for (int k = s->open + 1; k <= s->end_tok; k++) {
            if (c.t[k].kind != CX_W_WORD) continue;
            /* Chinese and Japanese run words together: ICU's dictionary break counts them */
            unsigned char b0 = (unsigned char)text[c.t[k].start];
            size_t w = b0 >= 0xE3 && b0 <= 0xE9 ? cx_word_count(text + c.t[k].start, c.t[k].end - c.t[k].start) : 1;
            x->words += w ? (int)w : 1;
        }
        x->utterance = s->close > s->open + 1 && c.t[s->open + 1].kind == CX_W_WORD && c.t[s->open + 1].cap &&
                       punct_is(&c, s->close - 1, ",.!?");
        /* a paragraph that opens by continuing a quote left open */
        x->joins_previous = q > 0 && qs[q - 1].close < 0 && c.para[qs[q - 1].open] == x->para - 1 &&
                            (s->open == 0 || c.para[s->open - 1] != x->para);
        /* the paragraph's token range */
        int pa = s->open, pb = s->end_tok + 1;
        while (pa > 0 && c.para[pa - 1] == x->para) pa--;
        while (pb < c.nt && c.para[pb] == x->para) pb++;
        int prev_close = q > 0 && qs[q - 1].close >= 0 && c.para[qs[q - 1].close] == x->para ? qs[q - 1].close + 1
                                                                                                  : pa;
        int next_open = q + 1 < nq && c.para[qs[q + 1].open] == x->para ? qs[q + 1].open : pb;
        np r = {-1, -1};
        if (cjk_speaker(&c, x, s) < 0) goto oom2;
        if (x->speaker) continue;
        /* "WALLACE: ..." inside the marks: a transcript's speaker label */
        if (transcript_label(&c, x, s->open, s->close >= 0 ? s->close : s->end_tok + 1)) goto oom2;
        if (x->speaker) continue;
        /* a quote ending its sentence (“... nation.” And ...) has no
         * attribution after it, unless the sentence runs on in lower case */
        int ends_sentence = s->close > 0 && punct_is(&c, s->close - 1, ".") && s->close + 1 < c.nt &&
                            c.t[s->close + 1].cap;
        if (s->close >= 0 && !ends_sentence)
            r = tidy_speaker(&c, speaker_after(&c, s->open, s->close + 1, sentence_limit(&c, s->close + 1, next_open)));
        int attributed_after = r.start >= 0;
        if (r.start < 0) {
            int floor = sentence_floor(&c, s->open, prev_close);
            if (floor < prev_close) floor = prev_close;
            r = tidy_speaker(&c, speaker_before(&c, floor, s->open, &verb_only[q]));
        }
        if (r.start >= 0) {
            x->speaker_from = CX_SPK_SENTENCE;
            if (resolve(&c, x, r)) goto oom2;
        }
        /* a name of a work in quotation marks, with no one saying it */
        x->title = s->close > s->open && title_shaped(&c, s->open, s->close) && !attributed_after &&
                   !verb_frames_quote(&c, s->open, x);
    }
    /* speakers from the other parts of the same speech */
    for (int pass = 0; pass < 2; pass++)
        for (int q = 0; q < nq; q++) {
            cx_quote_hit *x = &h[q];
            if (x->speaker || x->skip) continue;
            const cx_quote_hit *from = NULL;
            int how = CX_SPK_PARAGRAPH;
            if (x->joins_previous && h[q - 1].speaker) from = &h[q - 1], how = CX_SPK_NEIGHBOUR;
            else if (q + 1 < nq && h[q + 1].joins_previous && h[q + 1].speaker && h[q + 1].speaker_from == CX_SPK_SENTENCE)
                from = &h[q + 1], how = CX_SPK_NEIGHBOUR;
            /* the broken quote: “A,” he said. “B.” */
            for (int k = q - 1; !from && k >= 0 && h[k].para == x->para; k--)
                if (h[k].speaker && h[k].speaker_from == CX_SPK_SENTENCE) from = &h[k];
            for (int k = q + 1; !from && k < nq && h[k].para == x->para; k++)
                if (h[k].speaker && h[k].speaker_from == CX_SPK_SENTENCE && !verb_only[q]) from = &h[k];
            if (!from && pass == 1) {
                /* a quote opening its sentence after "X agreed." in the same paragraph */
                int pa = qs[q].open;
                while (pa > 0 && c.para[pa - 1] == x->para) pa--;
                int prev_close = q > 0 && qs[q - 1].close >= 0 && c.para[qs[q - 1].close] == x->para
                                     ? qs[q - 1].close + 1
                                     : pa;
                int floor = sentence_floor(&c, qs[q].open, prev_close);
                if (floor == qs[q].open && floor > prev_close) {
                    int vo;
                    np r = speaker_before(&c, sentence_floor(&c, floor - 1, prev_close), floor - 1, &vo);
                    if (r.start >= 0) {
                        x->speaker_from = CX_SPK_PARAGRAPH;
                        if (resolve(&c, x, r)) goto oom2;
                        continue;
                    }
                }
            }
            if (!from && pass == 1) {
                /* a paragraph that only quotes: the speaker of the quote just before */
                int pa = qs[q].open;
                while (pa > 0 && c.para[pa - 1] == x->para) pa--;
                int starts_para = pa == qs[q].open;
                if (starts_para && q > 0 && h[q - 1].speaker && h[q - 1].para == x->para - 1) {
                    /* the previous paragraph ended at the quote or its attribution */
                    from = &h[q - 1], how = CX_SPK_NEIGHBOUR;
                }
                /* a quote box: the next paragraph names the speaker after a dash ("- Sanders.") */
                int pb = qs[q].end_tok + 1;
                if (!from && pb < c.nt && c.para[pb] == x->para + 1 && is_dash(&c, pb) &&
                    (q + 1 >= nq || qs[q + 1].open > pb + 1)) {
                    int e = pb + 1;
                    while (e < c.nt && c.para[e] == x->para + 1 && c.t[e].kind == CX_W_WORD) e++;
                    int k = e > pb + 1 ? phrase_ok(&c, pb + 1, e) : -1;
                    if (k > pb + 1) {
                        x->speaker_from = CX_SPK_NEIGHBOUR;
                        if (resolve(&c, x, (np){pb + 1, k})) goto oom2;
                        continue;
                    }
                }
                if (!from && starts_para && pa > 0 && punct_is(&c, pa - 1, ":")) {
                    int floor = pa - 1;
                    while (floor > 0 && c.para[floor - 1] == c.para[pa - 1]) floor--;
                    int vo;
                    /* up to the colon, which hands the sentence's subject the quote ("Jared Potts echoed:") */
                    np r = speaker_before(&c, sentence_floor(&c, pa - 1, floor), pa, &vo);
                    if (r.start >= 0) {
                        x->speaker_from = CX_SPK_NEIGHBOUR;
                        if (resolve(&c, x, r)) goto oom2;
                        /* "Transcript as follows:": one word that names no one introduces, not speaks */
                        if (x->speaker && !x->person && !strchr(x->speaker, ' ') &&
                            !names_someone(&c, x->spk_start)) {
                            free(x->speaker), free(x->role);
                            x->speaker = x->role = NULL;
                            x->spk_start = x->spk_end = 0;
                            x->speaker_from = CX_SPK_NONE;
                        }
                        continue;
                    }
                }
                /* a paragraph that only quotes after one whose last sentence
                 * reports speech without quoting ("Carter said that ... ."):
                 * the news convention of indirect, then direct speech */
                if (!from && starts_para && pa > 0 && punct_is(&c, pa - 1, ".") &&
                    (q == 0 || h[q - 1].para < x->para - 1) && !attribution_outside_quotes(&c, qs, nq, q)) {
                    int floor = pa - 1;
                    while (floor > 0 && c.para[floor - 1] == c.para[pa - 1]) floor--;
                    int vo;
                    np r = speaker_before(&c, sentence_floor(&c, pa - 1, floor), pa - 1, &vo);
                    if (r.start >= 0) {
                        x->speaker_from = CX_SPK_PARAGRAPH;
                        if (resolve(&c, x, r)) goto oom2;
                        /* a person only: "the new spot set to post" is no one */
                        if (x->speaker && !x->person) {
                            free(x->speaker), free(x->role);
                            x->speaker = x->role = NULL;
                            x->spk_start = x->spk_end = 0;
                            x->speaker_from = CX_SPK_NONE;
                        }
                        continue;
                    }
                }
            }
            if (from && copy_speaker(x, from, how)) goto oom2;
        }
    /* every span is a quote or says why it is not */
    for (int q = 0; q < nq; q++) {
        cx_quote_hit *x = &h[q];
        if (x->skip) continue;
        if (qs[q].close < 0 && !(q + 1 < nq && h[q + 1].joins_previous)) x->skip = CX_QSKIP_UNCLOSED;
        else if (x->title)
            x->skip = CX_QSKIP_TITLE;
        else if (!(x->words >= CX_QUOTE_MIN_WORDS ||
                   (x->words >= 1 && x->utterance && x->speaker_from == CX_SPK_SENTENCE)))
            x->skip = CX_QSKIP_SHORT;
        else if (!x->speaker && name_overrun(&c, &qs[q]))
            x->skip = CX_QSKIP_LONG_NAME;
        else if (!x->speaker) {
            np r = fragment_subject(&c, &qs[q], q > 0 ? qs[q - 1].close : -1);
            if (r.start >= 0) {
                x->speaker_from = CX_SPK_SENTENCE;
                if (resolve(&c, x, r)) goto oom2;
            }
            if (!x->speaker && is_fragment(&c, &qs[q], x, q > 0 ? qs[q - 1].close : -1))
                x->skip = CX_QSKIP_FRAGMENT;
            else if (!x->speaker && named_by_writer(&c, &qs[q], x))
                x->skip = CX_QSKIP_NAMED;
            else if (!x->speaker && unnamed_turn(&c, &qs[q]))
                x->skip = CX_QSKIP_UNNAMED_TURN;
        }
    }
    free(verb_only);
    free(qs), free(c.para), free(full_person), free(pk);
    cx_vocab_free(spk_names);
    *out = h;
    return nq;
oom2:
    free(verb_only);
oom:
    rc = CHORUS_ENOMEM;
    cx_quote_hits_free(h, (size_t)(nq > 0 ? nq : 0));
    free(qs), free(c.para), free(full_person), free(pk);
    cx_vocab_free(spk_names);
    return rc;
}

int cx_quotes_find_named(const char *text, size_t n, const cx_mention *m, int nm, cx_quote_hit **out)
{
    cx_wtok *t;
    *out = NULL;
    int nt = cx_wtokenize(text, n, &t);
    if (nt < 0) return nt;
    int rc = quotes_of_tokens(text, n, m, nm, t, nt, NULL, out);
    free(t);
    return rc;
}

/* A lower-case fragment inside a sentence whose subject frames it: "Sen.
 * Rand Paul ... called him 'the leading proponent'", "Clinton blamed the
 * 'fog of war'". The subject is the sentence's, a name or a pronoun, and
 * only auxiliaries, adverbs, an appositive between commas, a parenthesis or
 * a participle's comma stand between it and the verb. */
static np fragment_subject(const doc_ctx *c, const qspan *s, int prev_close)
{
    np none = {-1, -1};
    int first = s->open + 1;
    if (s->close < 0 || first >= s->close || c->t[first].kind != CX_W_WORD || c->t[first].cap) return none;
    if ((unsigned char)c->text[c->t[first].start] >= 0xE3) return none;
    int before = s->open - 1;
    if (before < 0 || c->para[before] != c->para[s->open] || punct_is(c, before, ".!?;:") || is_quote_tok(c, before))
        return none;
    int pa = s->open;
    while (pa > 0 && c->para[pa - 1] == c->para[s->open]) pa--;
    int floor = sentence_floor(c, s->open, pa);
    (void)prev_close; /* the subject may stand before an earlier quote of the sentence */
    np r = sentence_subject(c, floor, s->open);
    if (r.start < 0) return none;
    int pron = r.end - r.start == 1 && word_is(c, r.start, cx_is_pronoun_subject);
    if (!pron && !c->t[r.end - 1].cap) return none;
    for (int k = r.end, comma = 0, paren = 0; k < s->open; k++) {
        if (punct_is(c, k, "(")) paren++;
        else if (punct_is(c, k, ")") && paren)
            paren--;
        else if (punct_is(c, k, ",") && !comma) {
            /* ", D-Vt.," stands aside like a parenthesis */
            int d = k + 1, dd = party_state(c, d) ? (punct_is(c, d + 1, ".") ? d + 2 : d + 1) : -1;
            if (dd > 0 && punct_is(c, dd, ",")) {
                k = dd;
                continue;
            }
            comma = 1;
        } else if (punct_is(c, k, ","))
            comma = 0;
        if (c->t[k].kind != CX_W_WORD || paren || comma) continue;
        if (is_quote_tok(c, k)) return none;
        if ((speech_tok(c, k) && !speech_word_is_noun(c, k) && !passive_speech(c, k)) ||
            word_is(c, k, is_framing_verb))
            return r;
        if (!aux_tok(c, k) && !word_is(c, k, cx_is_calendar_word) && !word_eq(c, k, "on")) return none;
    }
    return none;
}

/* ---- quotes of a story ------------------------------------------------------------ */

typedef struct {
    int doc;
    cx_quote_hit hit;
    char *inner;       /* text inside the marks, spaces collapsed */
    char **stems;      /* content-word stems, for matching versions across outlets */
    size_t n_stems;
    uint64_t sig[4];   /* a bit per two-letter stem prefix: a cheap necessary test */
    uint64_t text_hash; /* of inner: equal texts have equal hashes, so most pairs skip strcmp */
    cx_quote_src src;
    int cluster;
} cand;

/* Stems that match (equal, or close spellings) share their first two
 * letters, so a version can only contain most of another's stems when most
 * of that one's prefix bits are set in its signature. */
static unsigned prefix_bit(const char *stem)
{
    unsigned a = (unsigned char)stem[0], b = stem[0] ? (unsigned char)stem[1] : 0;
    return (a * 31u + b * 7u) & 255u;
}

static void make_signature(cand *c)
{
    memset(c->sig, 0, sizeof c->sig);
    for (size_t i = 0; i < c->n_stems; i++) {
        unsigned bit = prefix_bit(c->stems[i]);
        c->sig[bit >> 6] |= 1ull << (bit & 63);
    }
}

static int may_contain(const cand *sm, const cand *lg, double share)
{
    /* each prefix bit of sm missing from lg stands for at least one stem
     * that cannot match: a bound from four popcounts before the stems */
    size_t missing = 0;
    for (int w = 0; w < 4; w++) missing += (size_t)__builtin_popcountll(sm->sig[w] & ~lg->sig[w]);
    if ((double)(sm->n_stems - (missing < sm->n_stems ? missing : sm->n_stems)) < share * (double)sm->n_stems)
        return 0;
    size_t hit = 0;
    for (size_t i = 0; i < sm->n_stems; i++) {
        unsigned bit = prefix_bit(sm->stems[i]);
        hit += (lg->sig[bit >> 6] >> (bit & 63)) & 1;
    }
    return (double)hit >= share * (double)sm->n_stems;
}

static uint64_t text_hash(const char *t)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (; *t; t++) h = (h ^ (unsigned char)*t) * 1099511628211u;
    return h;
}

static char *inner_text(const char *text, size_t s, size_t e)
{
    cx_wtok *t;
    int nt = cx_wtokenize(text + s, e - s, &t);
    if (nt < 0) return NULL;
    size_t a = s, b = e;
    if (nt && t[0].kind >= CX_W_OPEN) a = s + t[0].end;
    if (nt > 1 && t[nt - 1].kind >= CX_W_OPEN) b = s + t[nt - 1].start;
    free(t);
    cx_buf out;
    cx_buf_init(&out);
    /* runs of non-space bytes, one space between them */
    for (size_t i = a; i < b;) {
        size_t j = i;
        while (j < b && text[j] != ' ' && text[j] != '\n' && text[j] != '\t') j++;
        if (j > i) {
            if (i > a && out.len && cx_buf_putc(&out, ' ')) goto oom;
            if (cx_buf_append(&out, text + i, j - i)) goto oom;
        }
        i = j < b ? j + 1 : j;
    }
    /* the comma that hands over to the attribution ("...,” he said) is not the speaker's */
    while (out.len && (out.data[out.len - 1] == ',' || out.data[out.len - 1] == ' ')) out.data[--out.len] = '\0';
    return cx_buf_take(&out);
oom:
    cx_buf_free(&out);
    return NULL;
}

static int stems_of(cx_stemmer *stemmer, const char *text, char ***out, size_t *n)
{
    *out = NULL, *n = 0;
    cx_wtok *t;
    int nt = cx_wtokenize(text, strlen(text), &t);
    if (nt < 0) return nt;
    char **v = calloc((size_t)nt + 1, sizeof *v);
    if (!v) return free(t), CHORUS_ENOMEM;
    size_t nv = 0;
    for (int i = 0; i < nt; i++) {
        if (t[i].kind != CX_W_WORD) continue;
        char lw[128];
        size_t ln = cx_lower(text + t[i].start, t[i].end - t[i].start, lw, sizeof lw);
        /* contractions ("there's") count by their first part */
        char *ap = strchr(lw, '\'');
        if (!ap) ap = strstr(lw, "\xE2\x80\x99");
        if (ap) ln = (size_t)(ap - lw), *ap = '\0';
        if (!ln || cx_is_stopword(lw, ln)) continue;
        size_t sl;
        const char *st = cx_stem(stemmer, lw, ln, &sl);
        if (!st) continue;
        /* a stem said twice is one piece of evidence, not two */
        int repeat = 0;
        for (size_t k = 0; k < nv && !repeat; k++) repeat = strlen(v[k]) == sl && !memcmp(v[k], st, sl);
        if (repeat) continue;
        if (!(v[nv] = cx_strndup(st, sl))) {
            for (size_t k = 0; k < nv; k++) free(v[k]);
            free(v), free(t);
            return CHORUS_ENOMEM;
        }
        nv++;
    }
    free(t);
    *out = v, *n = nv;
    return 0;
}

/* Equal stems, or close spellings of one word ("defence"/"defense"). */
static int stems_match(const char *x, const char *y)
{
    size_t nx = strlen(x), ny = strlen(y);
    return (nx == ny && !memcmp(x, y, nx)) ||
           (nx >= 5 && ny >= 5 && x[0] == y[0] && x[1] == y[1] && (nx > ny ? nx - ny : ny - nx) <= 2 &&
            cx_jaro_winkler(x, nx, y, ny) >= 0.93);
}

/* Share of the smaller set's stems found (spelling variants allowed:
 * "defence"/"defense") in the larger one. */
static double containment(const cand *a, const cand *b)
{
    const cand *sm = a->n_stems <= b->n_stems ? a : b, *lg = sm == a ? b : a;
    if (!sm->n_stems) return 0;
    size_t hit = 0;
    for (size_t i = 0; i < sm->n_stems; i++)
        for (size_t j = 0; j < lg->n_stems; j++)
            if (stems_match(sm->stems[i], lg->stems[j])) {
                hit++;
                break;
            }
    return (double)hit / (double)sm->n_stems;
}

/* A short version quoted from a longer one is a piece of it: its words come
 * in the same order, close together. Three common words scattered over a
 * long quote ("want", "get", "well") are a coincidence, not a version. */
static int piece_of(const cand *sm, const cand *lg)
{
    size_t need = (size_t)(0.8 * (double)sm->n_stems + 0.999), window = 2 * sm->n_stems + 2;
    for (size_t start = 0; start < lg->n_stems; start++) {
        size_t hit = 0, j = start, last = start;
        for (size_t i = 0; i < sm->n_stems && j < lg->n_stems && j - start < window; i++) {
            size_t k = j;
            while (k < lg->n_stems && k - start < window && !stems_match(sm->stems[i], lg->stems[k])) k++;
            if (k < lg->n_stems && k - start < window) hit++, last = k, j = k + 1;
        }
        if (hit >= need && hit && last - start < window) return 1;
    }
    return 0;
}

static int speakers_compatible(const cx_quote_hit *a, const cx_quote_hit *b)
{
    if (!a->speaker || !b->speaker || !a->person || !b->person) return 1;
    return cx_same_person(a->speaker, b->speaker);
}

/* Share of a version's content words that the longest version of a group must hold. */
#define GROUP_OVERLAP 0.6
/* Versions with fewer content words than this must be an ordered piece of the other. */
#define SHORT_VERSION_STEMS 8

static int same_quote(const cand *a, const cand *b)
{
    const cand *sm = a->n_stems <= b->n_stems ? a : b, *lg = sm == a ? b : a;
    /* equal texts are one quote; without a content word ("What would you do?") only from one speaker */
    if (a->text_hash == b->text_hash && !strcmp(a->inner, b->inner))
        return speakers_compatible(&a->hit, &b->hit) && (sm->n_stems || (a->hit.speaker && b->hit.speaker));
    return sm->n_stems >= 3 && may_contain(sm, lg, 0.8) && containment(a, b) >= 0.8 &&
           (sm->n_stems >= SHORT_VERSION_STEMS || piece_of(sm, lg)) && speakers_compatible(&a->hit, &b->hit);
}

/* ---- finding the versions of a quote through an index ---------------------------- */

/* Two stems can match (stems_match) only when equal, or when both have five
 * letters or more, the same first two and lengths at most two apart: a
 * short stem is filed under itself, a long one under its first two letters
 * and length, and a stem is looked up under every key a match could have. */
static uint64_t stem_key(const char *x, size_t n)
{
    if (n < 5) return text_hash(x) | 1; /* odd: a short stem */
    return ((uint64_t)(unsigned char)x[0] << 24 | (uint64_t)(unsigned char)x[1] << 16 | n) << 1;
}

static size_t match_keys(const char *x, uint64_t keys[5])
{
    size_t n = strlen(x);
    if (n < 5) return keys[0] = stem_key(x, n), 1;
    size_t k = 0;
    for (size_t len = n < 7 ? 5 : n - 2; len <= n + 2; len++) keys[k++] = stem_key(x, len);
    return k;
}

/* A candidate filed under a key, with its stem count: a lookup filters on
 * the count without reading the candidate (spread in memory). */
typedef struct {
    int who;
    uint32_t n_stems;
} filed;

/* key -> the candidates filed under it, ascending */
typedef struct {
    cx_u64map map;
    filed **list;
    size_t *len, *cap;
    size_t n_lists;
} stem_index;

static void stem_index_free(stem_index *ix)
{
    for (size_t k = 0; k < ix->n_lists; k++) free(ix->list[k]);
    free(ix->list), free(ix->len), free(ix->cap);
    cx_u64map_free(&ix->map);
}

static int stem_index_add(stem_index *ix, uint64_t key, int who, size_t n_stems)
{
    int added;
    int64_t k = cx_u64map_add(&ix->map, key, &added);
    if (k < 0) return CHORUS_ENOMEM;
    if (added) {
        size_t c = ix->n_lists + 1;
        filed **l = realloc(ix->list, c * sizeof *l);
        if (l) ix->list = l;
        size_t *a = realloc(ix->len, c * sizeof *a);
        if (a) ix->len = a;
        size_t *b = realloc(ix->cap, c * sizeof *b);
        if (b) ix->cap = b;
        if (!l || !a || !b) return CHORUS_ENOMEM;
        ix->list[k] = NULL, ix->len[k] = ix->cap[k] = 0;
        ix->n_lists = c;
    }
    if (ix->len[k] && ix->list[k][ix->len[k] - 1].who == who) return 0;
    filed f = {who, n_stems > UINT32_MAX ? UINT32_MAX : (uint32_t)n_stems};
    return CX_PUSH(ix->list[k], ix->len[k], ix->cap[k], f);
}

static size_t stem_index_get(const stem_index *ix, uint64_t key, const filed **out)
{
    int64_t k = cx_u64map_find(&ix->map, key);
    *out = k < 0 ? NULL : ix->list[k];
    return k < 0 ? 0 : ix->len[k];
}

typedef struct {
    size_t postings;
    size_t stem;
} rare_stem;

static int cmp_rare_stem(const void *x, const void *y)
{
    const rare_stem *a = x, *b = y;
    if (a->postings != b->postings) return a->postings < b->postings ? -1 : 1;
    return a->stem < b->stem ? -1 : a->stem > b->stem;
}

/* The stems of c a match must reach when c is the smaller of a pair: any
 * n - need + 1 of them (of need hits, one falls among them), the ones with
 * the fewest candidates in all_stems. Writes their indices to pick. */
static size_t match_prefix(const cand *c, const stem_index *all_stems, rare_stem *scratch, size_t *pick)
{
    size_t n = c->n_stems, need = cx_least_count(n, 0.8);
    for (size_t i = 0; i < n; i++) {
        uint64_t keys[5];
        size_t nk = match_keys(c->stems[i], keys), total = 0;
        for (size_t k = 0; k < nk; k++) {
            const filed *l;
            total += stem_index_get(all_stems, keys[k], &l);
        }
        scratch[i] = (rare_stem){total, i};
    }
    qsort(scratch, n, sizeof *scratch, cmp_rare_stem);
    size_t p = n - need + 1;
    for (size_t i = 0; i < p; i++) pick[i] = scratch[i].stem;
    return p;
}

static int cmp_int_asc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

static int find_root(int *parent, int g)
{
    while (parent[g] != g) g = parent[g] = parent[parent[g]];
    return g;
}

/* A quote's text for whole-word containment: ASCII letters lower-cased,
 * other ASCII bytes, curly quotation marks and dashes one space, and a space
 * at both ends. */
static char *containment_form(const char *s)
{
    size_t n = strlen(s);
    char *o = malloc(n + 3), *w = o;
    if (!o) return NULL;
    *w++ = ' ';
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] >= 0x93 && (unsigned char)s[i + 2] <= 0x9F)
            i += 2, ch = ' '; /* U+2013..U+201F: dashes and curly marks */
        else if (ch < 0x80) ch = (unsigned char)((ch >= 'A' && ch <= 'Z') ? ch - 'A' + 'a' : ch);
        if (ch < 0x80 && !((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) ch = ' ';
        if (ch == ' ' && w[-1] == ' ') continue;
        *w++ = (char)ch;
    }
    if (w[-1] != ' ') *w++ = ' ';
    *w = '\0';
    return o;
}

/* A fragment's speaker against the longer quote's: a few words prove less
 * than a version's, so a noun phrase ("the boy") is not taken for whoever
 * said the longer quote; only no speaker, the same person or the same
 * words agree. */
static int fragment_speaker_agrees(const cx_quote_hit *fragment, const cx_quote_hit *whole)
{
    if (!fragment->speaker) return 1;
    if (!whole->speaker) return 0;
    if (fragment->person && whole->person) return cx_same_person(fragment->speaker, whole->speaker);
    return !strcmp(fragment->speaker, whole->speaker);
}

/* A (group, article) pair: which groups have a version in an article. */
typedef struct {
    int doc, group;
} group_in_doc;

static int cmp_group_in_doc(const void *x, const void *y)
{
    const group_in_doc *a = x, *b = y;
    if (a->doc != b->doc) return a->doc < b->doc ? -1 : 1;
    return a->group < b->group ? -1 : a->group > b->group;
}

static int has_version_in(const group_in_doc *gd, size_t n, int doc, int group)
{
    group_in_doc key = {doc, group};
    return bsearch(&key, gd, n, sizeof *gd, cmp_group_in_doc) != NULL;
}

/* Quoted fragments of fewer than three content words are too short for
 * same_quote (a shared phrase is no version), but one of three words or
 * more whose words stand, whole, inside a longer quote that every article
 * carrying the fragment also carries, from a speaker that agrees with one
 * of its versions' (fragment_speaker_agrees), is that outlet quoting part
 * of what it quotes in full: the fragment's group joins the longer one's
 * (the first such, in order). */
static int join_fragments(const cand *v, size_t nv, const int *longest_of, int n, int *parent, int *joined)
{
    group_in_doc *gd = malloc((nv + 1) * sizeof *gd);
    char **form = calloc((size_t)n + 1, sizeof *form);
    size_t *first = calloc((size_t)n + 2, sizeof *first); /* group g's versions: mem[first[g] .. first[g + 1]) */
    int *mem = malloc((nv + 1) * sizeof *mem);
    int rc = !gd || !form || !first || !mem ? CHORUS_ENOMEM : 0;
    size_t ngd = 0;
    for (size_t i = 0; i < nv && !rc; i++) gd[ngd++] = (group_in_doc){v[i].doc, v[i].cluster}, first[v[i].cluster + 2]++;
    if (!rc) {
        qsort(gd, ngd, sizeof *gd, cmp_group_in_doc);
        for (int g = 0; g < n; g++) first[g + 2] += first[g + 1];
        for (size_t i = 0; i < nv; i++) mem[first[v[i].cluster + 1]++] = (int)i;
    }
    for (int g = 0; g < n && !rc; g++) {
        const cand *c = &v[longest_of[g]];
        if (c->n_stems >= 3) continue;
        if (!form[g] && !(form[g] = containment_form(c->inner))) rc = CHORUS_ENOMEM;
        size_t words = 0; /* a word or two ("No", "That") is too little to place */
        for (const char *t = form[g]; !rc && *t; t++) words += *t == ' ' && t[1];
        if (rc || words < 3) continue;
        /* the groups with a version in the article of g's longest version */
        group_in_doc key = {c->doc, -1};
        size_t lo = 0, hi = ngd;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (cmp_group_in_doc(&gd[mid], &key) < 0) lo = mid + 1;
            else hi = mid;
        }
        for (size_t k = lo; k < ngd && gd[k].doc == c->doc && !rc; k++) {
            int j = gd[k].group;
            if (j == g || (k > lo && gd[k - 1].group == j)) continue;
            const cand *b = &v[longest_of[j]];
            if (b->n_stems <= c->n_stems) continue;
            int agrees = 0; /* with some version of the longer quote (outlets name speakers differently) */
            for (size_t i = first[j]; i < first[j + 1] && !agrees; i++)
                agrees = fragment_speaker_agrees(&c->hit, &v[mem[i]].hit);
            if (!agrees) continue;
            if (!form[j] && !(form[j] = containment_form(b->inner))) rc = CHORUS_ENOMEM;
            if (rc || strlen(form[j]) <= strlen(form[g]) || !strstr(form[j], form[g])) continue;
            int all_carried = 1; /* every article of g carries j too */
            for (size_t i = first[g]; i < first[g + 1] && all_carried; i++)
                if (!has_version_in(gd, ngd, v[mem[i]].doc, j)) all_carried = 0;
            if (!all_carried) continue;
            int a = find_root(parent, g), r = find_root(parent, j);
            if (a != r) parent[a] = r, *joined = 1;
            break;
        }
    }
    for (int g = 0; form && g < n; g++) free(form[g]);
    free(form), free(gd), free(first), free(mem);
    return rc;
}

/* The grouping is first come, first joined: when one outlet prints as two
 * quotes what another prints as one, the first half takes the one-quote
 * version into its group and the second half, met earlier, is left alone
 * in a group of its own, although the reader finds its words inside the
 * other entry. So a group whose longest version is a version (same_quote)
 * of a longer group's longest joins that group, whatever the order. Groups
 * are renumbered in their first order. */
static int join_contained_groups(cand *v, size_t nv, int *longest_of, int *nc, const stem_index *all_stems,
                                 int *mark, rare_stem *scratch, size_t *pick)
{
    int n = *nc, joined = 0;
    int *parent = malloc(((size_t)n + 1) * sizeof *parent), *renum = malloc(((size_t)n + 1) * sizeof *renum);
    if (!parent || !renum) return free(parent), free(renum), CHORUS_ENOMEM;
    for (int g = 0; g < n; g++) parent[g] = g;
    for (size_t i = 0; i < nv; i++) mark[i] = -1;
    for (int g = 0; g < n; g++) {
        const cand *c = &v[longest_of[g]];
        if (c->n_stems < 3) continue;
        int best = -1;
        size_t p = match_prefix(c, all_stems, scratch, pick);
        uint64_t keys[5];
        for (size_t k = 0; k < p; k++)
            for (size_t nk = match_keys(c->stems[pick[k]], keys), q = 0; q < nk; q++) {
                const filed *l;
                size_t nl = stem_index_get(all_stems, keys[q], &l);
                for (size_t t = 0; t < nl; t++) {
                    int j = l[t].who;
                    if (l[t].n_stems <= c->n_stems || mark[j] == g) continue;
                    mark[j] = g;
                    /* the longest of another group, longer than c: the first such, in order */
                    if (v[j].cluster != g && longest_of[v[j].cluster] == j && (best < 0 || j < best) &&
                        same_quote(c, &v[j]))
                        best = j;
                }
            }
        if (best < 0) continue;
        int a = find_root(parent, g), b = find_root(parent, v[best].cluster);
        if (a != b) parent[a] = b, joined = 1;
    }
    int rc = join_fragments(v, nv, longest_of, n, parent, &joined);
    if (rc) return free(parent), free(renum), rc;
    if (joined) {
        int m = 0;
        for (int g = 0; g < n; g++) renum[g] = -1;
        for (int g = 0; g < n; g++) {
            int r = find_root(parent, g);
            if (renum[r] < 0) renum[r] = m++;
        }
        int *longest = malloc(((size_t)m + 1) * sizeof *longest);
        if (!longest) return free(parent), free(renum), CHORUS_ENOMEM;
        for (int k = 0; k < m; k++) longest[k] = -1;
        for (size_t i = 0; i < nv; i++) {
            int k = renum[find_root(parent, v[i].cluster)];
            v[i].cluster = k;
            if (longest[k] < 0 || v[i].n_stems > v[longest[k]].n_stems) longest[k] = (int)i;
        }
        memcpy(longest_of, longest, (size_t)m * sizeof *longest);
        free(longest);
        *nc = m;
    }
    free(parent), free(renum);
    return 0;
}

/* Groups the versions: each candidate joins the group of the first earlier
 * one that is the same quote (same_quote) and is its group's longest member
 * or shares GROUP_OVERLAP with it, else starts a group. Only the earlier
 * candidates that could be the same quote are tried, in order: those of
 * equal text, and those with a stem a match of the smaller's stems must
 * reach (match_prefix): every stem of a candidate is filed in all_stems,
 * its prefix stems in prefixes, so a candidate as the smaller looks up its
 * prefix in all_stems, as the larger all its stems in prefixes. */
static int group_versions(cand *v, size_t nv, int *n_groups)
{
    int nc = 0, rc = 0;
    int *longest_of = malloc((nv + 1) * sizeof *longest_of); /* per group: its member with most stems */
    int *mark = malloc((nv + 1) * sizeof *mark), *cands = NULL;
    size_t n_cands = 0, cap_cands = 0, most_stems = 0;
    stem_index all_stems = {0}, prefixes = {0}, texts = {0};
    for (size_t i = 0; i < nv; i++)
        if (v[i].n_stems > most_stems) most_stems = v[i].n_stems;
    rare_stem *scratch = malloc((most_stems + 1) * sizeof *scratch);
    size_t *pick = malloc((most_stems + 1) * sizeof *pick);
    if (!longest_of || !mark || !scratch || !pick) rc = CHORUS_ENOMEM;
    for (size_t i = 0; i < nv && !rc; i++) mark[i] = -1;
    for (size_t i = 0; i < nv && !rc; i++) {
        cand *c = &v[i];
        n_cands = 0;
#define CANDIDATES(ix, key, keep)                                                  \
    do {                                                                           \
        const filed *l_;                                                           \
        size_t n_ = stem_index_get(ix, key, &l_);                                  \
        for (size_t t_ = 0; t_ < n_ && !rc; t_++) {                                \
            int j_ = l_[t_].who;                                                   \
            if (!(keep) || mark[j_] == (int)i) continue;                           \
            mark[j_] = (int)i;                                                     \
            rc = CX_PUSH(cands, n_cands, cap_cands, j_);                           \
        }                                                                          \
    } while (0)
        CANDIDATES(&texts, c->text_hash, 1);
        uint64_t keys[5];
        if (c->n_stems >= 3) {
            /* c the smaller (or equal): its prefix in the larger's stems */
            size_t p = match_prefix(c, &all_stems, scratch, pick);
            for (size_t k = 0; k < p && !rc; k++)
                for (size_t nk = match_keys(c->stems[pick[k]], keys), q = 0; q < nk && !rc; q++)
                    CANDIDATES(&all_stems, keys[q], l_[t_].n_stems >= c->n_stems);
            /* c the larger: the smaller's prefix among c's stems */
            for (size_t k = 0; k < c->n_stems && !rc; k++)
                for (size_t nk = match_keys(c->stems[k], keys), q = 0; q < nk && !rc; q++)
                    CANDIDATES(&prefixes, keys[q], l_[t_].n_stems < c->n_stems);
        }
#undef CANDIDATES
        if (rc) break;
        if (n_cands > 1) qsort(cands, n_cands, sizeof *cands, cmp_int_asc);
        for (size_t k = 0; k < n_cands && c->cluster < 0; k++) {
            int j = cands[k];
            if (same_quote(c, &v[j]) &&
                (longest_of[v[j].cluster] == j || containment(c, &v[longest_of[v[j].cluster]]) >= GROUP_OVERLAP))
                c->cluster = v[j].cluster;
        }
        if (c->cluster < 0) longest_of[nc] = (int)i, c->cluster = nc++;
        else if (c->n_stems > v[longest_of[c->cluster]].n_stems) longest_of[c->cluster] = (int)i;
        /* file c for the later candidates */
        rc = stem_index_add(&texts, c->text_hash, (int)i, c->n_stems);
        if (c->n_stems >= 3) {
            for (size_t k = 0; k < c->n_stems && !rc; k++)
                rc = stem_index_add(&all_stems, stem_key(c->stems[k], strlen(c->stems[k])), (int)i, c->n_stems);
            size_t p = rc ? 0 : match_prefix(c, &all_stems, scratch, pick);
            for (size_t k = 0; k < p && !rc; k++)
                rc = stem_index_add(&prefixes, stem_key(c->stems[pick[k]], strlen(c->stems[pick[k]])), (int)i, c->n_stems);
        }
    }
    if (!rc) rc = join_contained_groups(v, nv, longest_of, &nc, &all_stems, mark, scratch, pick);
    free(longest_of), free(mark), free(cands), free(scratch), free(pick);
    stem_index_free(&all_stems), stem_index_free(&prefixes), stem_index_free(&texts);
    *n_groups = nc;
    return rc;
}

/* Sentence of doc d holding kept-text offset off, using sentence offsets. */
static int sentence_at(const size_t *sent_off, const cx_doc *d, size_t off)
{
    int best = 0;
    for (size_t k = 0; k < d->n_sents; k++)
        if (sent_off[k] != SIZE_MAX && sent_off[k] <= off) best = (int)k;
    return best;
}

static int locate_sentences(const cx_doc *d, const size_t *ps, size_t **out)
{
    size_t *so = malloc((d->n_sents + 1) * sizeof *so);
    if (!so) return CHORUS_ENOMEM;
    int cur_para = -1;
    size_t cursor = 0;
    for (size_t k = 0; k < d->n_sents; k++) {
        const cx_sent *st = &d->sents[k];
        so[k] = SIZE_MAX;
        if (st->para < 0 || (size_t)st->para >= d->n_paras || ps[st->para] == SIZE_MAX) continue;
        const cx_para *p = &d->paras[st->para];
        if (st->para != cur_para) cur_para = st->para, cursor = 0;
        const char *hit = cursor <= p->len ? memmem(p->text + cursor, p->len - cursor, st->text, st->len) : NULL;
        if (!hit) continue;
        so[k] = ps[st->para] + (size_t)(hit - p->text);
        cursor = (size_t)(hit - p->text) + st->len;
    }
    *out = so;
    return 0;
}

static void free_cands(cand *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].hit.speaker), free(v[i].hit.role), free(v[i].inner);
        for (size_t k = 0; k < v[i].n_stems; k++) free(v[i].stems[k]);
        free(v[i].stems);
    }
    free(v);
}

void cx_quotes_free(cx_quote *q, size_t n)
{
    if (!q) return;
    for (size_t i = 0; i < n; i++) free(q[i].text), free(q[i].speaker), free(q[i].role), free(q[i].src), free(q[i].outlets);
    free(q);
}

/* "The letter said" gives the speaker "The letter", capital only because
 * it opened a sentence, and "the letter" elsewhere: one speaker shown two
 * ways (and listed twice where quotes stand under their speaker). An
 * article ("The", "A", "An") before a lower-case word is lowered; before a
 * capital it may be part of a name ("The Times") and is kept. */
static void lower_sentence_article(char *spk)
{
    static const char *const articles[] = {"The ", "A ", "An "};
    for (size_t k = 0; k < sizeof articles / sizeof *articles; k++) {
        size_t n = strlen(articles[k]);
        if (!strncmp(spk, articles[k], n) && spk[n] >= 'a' && spk[n] <= 'z') {
            spk[0] = (char)(spk[0] - 'A' + 'a');
            return;
        }
    }
}

/* The speaker of a merged quote: the person most versions name (in the
 * longest spelling seen), else the most common noun phrase. */
static int choose_speaker(const cand *v, const int *mem, size_t nm, cx_quote *q)
{
    size_t best_votes = 0;
    int best = -1;
    for (size_t i = 0; i < nm; i++) {
        const cx_quote_hit *h = &v[mem[i]].hit;
        if (!h->speaker) continue;
        size_t votes = 0;
        for (size_t j = 0; j < nm; j++) {
            const cx_quote_hit *g = &v[mem[j]].hit;
            if (!g->speaker) continue;
            if (h->person && g->person ? cx_same_person(h->speaker, g->speaker) : !strcmp(h->speaker, g->speaker))
                votes += 2;
        }
        votes += h->person; /* a name beats a noun phrase on a tie */
        if (best < 0 || votes > best_votes ||
            (votes == best_votes && h->person && strlen(h->speaker) > strlen(v[mem[best]].hit.speaker)))
            best = (int)i, best_votes = votes;
    }
    if (best < 0) return 0;
    const cx_quote_hit *b = &v[mem[best]].hit;
    /* the role most versions give, preferring those that agree on the person */
    const char *role = b->role;
    for (size_t i = 0; i < nm && !role; i++) {
        const cx_quote_hit *g = &v[mem[i]].hit;
        if (g->role && g->speaker && b->person && g->person && cx_same_person(b->speaker, g->speaker)) role = g->role;
    }
    q->speaker = cx_strdup(b->speaker);
    q->role = role ? cx_strdup(role) : NULL;
    if (q->speaker && !b->person) lower_sentence_article(q->speaker);
    return !q->speaker || (role && !q->role) ? CHORUS_ENOMEM : 0;
}

void cx_quotes_skipped_free(cx_quote_skipped *v, size_t n)
{
    if (!v) return;
    for (size_t i = 0; i < n; i++) free(v[i].text);
    free(v);
}

/* The first CX_SKIPPED_TEXT_MAX bytes of text[s, e), white space collapsed,
 * cut on a character boundary with "..." when longer: enough to find it. */
static char *skipped_text(const char *text, size_t s, size_t e)
{
    cx_buf out;
    cx_buf_init(&out);
    int space = 0;
    for (size_t i = s; i < e; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (out.len >= CX_SKIPPED_TEXT_MAX && (ch & 0xC0) != 0x80) {
            if (cx_buf_append(&out, "...", 3)) goto oom;
            break;
        }
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            space = out.len > 0;
            continue;
        }
        if ((space && cx_buf_putc(&out, ' ')) || cx_buf_putc(&out, (char)ch)) goto oom;
        space = 0;
    }
    return cx_buf_take(&out);
oom:
    cx_buf_free(&out);
    return NULL;
}

typedef struct {
    size_t n_outlets, at;
} by_outlets;

static int cmp_by_outlets(const void *x, const void *y)
{
    const by_outlets *a = x, *b = y;
    if (a->n_outlets != b->n_outlets) return a->n_outlets > b->n_outlets ? -1 : 1;
    return a->at < b->at ? -1 : a->at > b->at;
}

/* Most outlets first, a stable order (ties keep their order). */
static int sort_by_outlets(cx_quote *q, size_t n)
{
    by_outlets *k = malloc((n + 1) * sizeof *k);
    cx_quote *tmp = malloc((n + 1) * sizeof *tmp);
    if (!k || !tmp) return free(k), free(tmp), CHORUS_ENOMEM;
    for (size_t i = 0; i < n; i++) k[i] = (by_outlets){q[i].n_outlets, i};
    qsort(k, n, sizeof *k, cmp_by_outlets);
    for (size_t i = 0; i < n; i++) tmp[i] = q[k[i].at];
    memcpy(q, tmp, n * sizeof *q);
    free(k), free(tmp);
    return 0;
}

int cx_quotes_collect(const cx_story *cs, const cx_doc_names *names, cx_quote **out, size_t *n_out,
                      cx_quote_skipped **skipped, size_t *n_skipped)
{
    const cx_story *s = cs;
    /* a stemmer of the story's language of its own (a stemmer keeps a
     * buffer): nothing of the story changes, so other stages may read it
     * meanwhile */
    *out = NULL, *n_out = 0;
    cx_quote_skipped *sk = NULL;
    size_t nsk = 0, capsk = 0;
    if (skipped) *skipped = NULL, *n_skipped = 0;
    cx_stemmer *stemmer = s->n_langs ? cx_stemmer_new_named(cx_lang_stemmer_name(s->langs[0])) : cx_stemmer_new();
    if (!stemmer) return CHORUS_ENOMEM;
    cand *v = NULL;
    size_t nv = 0, cap = 0;
    int rc = 0;
    for (size_t d = 0; d < s->n_docs && !rc; d++) {
        const cx_doc *doc = &s->docs[d];
        size_t *so = NULL;
        const size_t *ps = names[d].para_start;
        const char *text = names[d].text;
        cx_quote_hit *h = NULL;
        const cx_lang *dl = s->docs[d].lang;
        const char *code = dl && cx_lang_has_data(dl) ? cx_lang_code(dl) : NULL;
        int nh = quotes_of_tokens(text, names[d].len, names[d].m, names[d].nm, names[d].t, names[d].nt, code, &h);
        if (nh < 0 || locate_sentences(doc, ps, &so)) rc = nh < 0 ? nh : CHORUS_ENOMEM;
        for (int i = 0; i < nh && !rc; i++) {
            if (!cx_quote_worth_keeping(&h[i])) {
                if (!skipped) continue;
                cx_quote_skipped x = {0};
                x.skip = h[i].skip;
                x.src.doc = (int)d;
                x.src.start = h[i].start, x.src.end = h[i].end;
                x.src.sent = sentence_at(so, doc, h[i].start);
                x.src.sent_last = sentence_at(so, doc, h[i].end ? h[i].end - 1 : 0);
                if (doc->n_sents && so[x.src.sent] != SIZE_MAX && so[x.src.sent] <= h[i].start)
                    x.src.in_sent = h[i].start - so[x.src.sent];
                x.text = skipped_text(text, h[i].start, h[i].end);
                if (!x.text || CX_PUSH(sk, nsk, capsk, x)) free(x.text), rc = CHORUS_ENOMEM;
                continue;
            }
            cand c = {0};
            c.doc = (int)d;
            c.hit = h[i];
            h[i].speaker = h[i].role = NULL;
            c.cluster = -1;
            c.src.doc = (int)d;
            c.src.start = h[i].start, c.src.end = h[i].end;
            c.src.sent = sentence_at(so, doc, h[i].start);
            c.src.sent_last = sentence_at(so, doc, h[i].end ? h[i].end - 1 : 0);
            if (doc->n_sents && so[c.src.sent] != SIZE_MAX && so[c.src.sent] <= h[i].start)
                c.src.in_sent = h[i].start - so[c.src.sent];
            c.inner = inner_text(text, h[i].start, h[i].end);
            if (c.inner && !(rc = stems_of(stemmer, c.inner, &c.stems, &c.n_stems))) make_signature(&c);
            if (c.inner) c.text_hash = text_hash(c.inner);
            if (!c.inner || rc || CX_PUSH(v, nv, cap, c)) {
                free(c.inner), free(c.hit.speaker), free(c.hit.role);
                for (size_t k = 0; k < c.n_stems; k++) free(c.stems[k]);
                free(c.stems);
                rc = rc ? rc : CHORUS_ENOMEM;
            }
        }
        cx_quote_hits_free(h, nh > 0 ? (size_t)nh : 0);
        free(so);
    }
    cx_stemmer_free(stemmer);
    if (rc) return free_cands(v, nv), cx_quotes_skipped_free(sk, nsk), rc;
    /* versions of one quote: most of the shorter's content words appear in
     * the longer one, and the speakers do not contradict. A version joins a
     * group only when it also shares most of its words with the group's
     * longest member: else fragments each contained in the next would chain
     * different quotes of one speech (or of one story) into one entry. Two
     * outlets' different cuts of one statement, tied by the sentence both
     * carry, still share that much. */
    int nc = 0;
    if ((rc = group_versions(v, nv, &nc))) return free_cands(v, nv), cx_quotes_skipped_free(sk, nsk), rc;
    cx_quote *q = calloc((size_t)nc + 1, sizeof *q);
    int *all = malloc((nv + 1) * sizeof *all);          /* candidates by group, in order */
    size_t *first = calloc((size_t)nc + 2, sizeof *first); /* group k: all[first[k] .. first[k+1]) */
    uint8_t *seen = calloc(s->n_outlets + 1, 1);
    if (!q || !all || !first || !seen) rc = CHORUS_ENOMEM;
    if (!rc) {
        for (size_t i = 0; i < nv; i++) first[v[i].cluster + 1]++;
        for (int k = 0; k < nc; k++) first[k + 1] += first[k];
        for (size_t i = 0; i < nv; i++) all[first[v[i].cluster]++] = (int)i;
        for (int k = nc; k > 0; k--) first[k] = first[k - 1];
        first[0] = 0;
    }
    for (int k = 0; k < nc && !rc; k++) {
        const int *mem = all + first[k];
        size_t nm = first[k + 1] - first[k];
        cx_quote *x = &q[k];
        size_t longest = 0;
        for (size_t i = 1; i < nm; i++)
            if (strlen(v[mem[i]].inner) > strlen(v[mem[longest]].inner)) longest = i;
        x->text = cx_strdup(v[mem[longest]].inner);
        x->src = malloc(nm * sizeof *x->src);
        x->outlets = malloc((s->n_outlets + 1) * sizeof *x->outlets);
        if (!x->text || !x->src || !x->outlets || (rc = choose_speaker(v, mem, nm, x))) {
            rc = rc ? rc : CHORUS_ENOMEM;
            break;
        }
        /* the members' outlets, ascending and once each (not a scan of all
         * the story's outlets per group) */
        for (size_t i = 0; i < nm; i++) {
            x->src[x->n_src++] = v[mem[i]].src;
            int o = s->doc_outlet[v[mem[i]].doc];
            if (!seen[o]) seen[o] = 1, x->outlets[x->n_outlets++] = o;
        }
        for (size_t i = 0; i < x->n_outlets; i++) seen[x->outlets[i]] = 0;
        if (x->n_outlets > 1) qsort(x->outlets, x->n_outlets, sizeof *x->outlets, cmp_int_asc);
    }
    free(all), free(first), free(seen);
    free_cands(v, nv);
    if (rc) return cx_quotes_free(q, (size_t)nc), cx_quotes_skipped_free(sk, nsk), rc;
    if (skipped) *skipped = sk, *n_skipped = nsk;
    /* widely carried first; article order on ties */
    if ((rc = sort_by_outlets(q, (size_t)nc))) return cx_quotes_free(q, (size_t)nc), rc;
    *out = q, *n_out = (size_t)nc;
    return 0;
}
