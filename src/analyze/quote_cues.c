/* Attribution cues of languages other than English (see quote_cues.h).
 * The English cues stay in quotes.c, where the sentence shapes that use
 * them are. Only forms frequent in news reports; words that are also
 * common English words ("dice", "so", "die", "lance") are left out so the
 * union of tables can serve while the article's language is unknown. */
#include <string.h>

#include "entities.h"
#include "quote_cues.h"

typedef struct {
    const char *lang;
    cx_lexicon *verbs, *aux, *articles, *according;
} cue_table;

static const char *const fr_verbs[] = {
    "dit", "déclare", "déclaré", "affirme", "affirmé", "explique", "expliqué", "ajoute", "ajouté", "estime",
    "estimé", "souligne", "souligné", "indique", "indiqué", "précise", "précisé", "assure", "assuré", "confie",
    "confié", "annonce", "annoncé", "insiste", "insisté", "martèle", "martelé", "rappelle", "rappelé",
    "poursuit", "poursuivi", "raconte", "raconté", "écrit", "tweeté", "déplore", "déploré", "reconnaît",
    "reconnu", "dénonce", "dénoncé", "prévient", "prévenu", "lâche", "lâché", "commente", "commenté",
    "avertit", "averti", "répond", "répondu", "insistait", "disait", "déclarait", "expliquait"};
static const char *const fr_aux[] = {"a", "ont", "avait", "avaient", "aurait", "auraient"};
static const char *const fr_articles[] = {"le", "la", "les", "l'", "l’", "une", "du"};
static const char *const fr_according[] = {"selon", "d'après", "d’après"};

static const char *const de_verbs[] = {
    "sagte", "sagt", "sagten", "gesagt", "erklärte", "erklärt", "erklärten", "betonte", "betont", "meinte",
    "meint", "schrieb", "schreibt", "warnte", "warnt", "forderte", "fordert", "kritisierte", "kritisiert",
    "bekräftigte", "versicherte", "erläuterte", "unterstrich", "twitterte", "teilte", "fügte", "räumte",
    "verkündete", "kündigte", "berichtete", "berichtet", "antwortete", "ergänzte", "mahnte", "bestätigte",
    "hieß", "heißt", "rief", "sagen", "sprach"};
static const char *const de_aux[] = {"hat", "habe", "hatte", "hätten", "haben"};
static const char *const de_articles[] = {"der", "das", "den", "dem", "des", "ein", "eine", "einer"};
static const char *const de_according[] = {"laut", "zufolge"};

static const char *const es_verbs[] = {
    "dijo", "afirmó", "afirma", "declaró", "declara", "explicó", "explica", "señaló", "señala", "aseguró",
    "asegura", "añadió", "añade", "agregó", "agrega", "indicó", "subrayó", "destacó", "advirtió", "sostuvo",
    "manifestó", "comentó", "insistió", "expresó", "apuntó", "reconoció", "escribió", "tuiteó", "dicho",
    "afirmado", "declarado", "explicado", "señalado", "asegurado", "respondió", "precisó", "denunció"};
static const char *const es_aux[] = {"ha", "había", "han", "habían"};
static const char *const es_articles[] = {"el", "la", "los", "las", "un", "una"};
static const char *const es_according[] = {"según"};

static const char *const it_verbs[] = {
    "detto", "disse", "dichiarato", "dichiara", "spiegato", "spiega", "affermato", "afferma", "aggiunto",
    "aggiunge", "sottolineato", "sottolinea", "ribadito", "ribadisce", "osservato", "commentato", "scritto",
    "twittato", "dichiarò", "spiegò", "affermò", "aggiunse", "precisato", "annunciato", "risposto",
    "avvertito", "assicurato", "sostenuto", "scrive", "racconta", "raccontato"};
static const char *const it_aux[] = {"ha", "hanno", "aveva", "avevano"};
static const char *const it_articles[] = {"il", "lo", "la", "gli", "le", "l'", "l’", "un", "uno", "una"};
static const char *const it_according[] = {"secondo"};

static const char *const pt_verbs[] = {
    "disse", "diz", "afirmou", "afirma", "declarou", "explicou", "acrescentou", "acrescenta", "ressaltou",
    "destacou", "salientou", "garantiu", "escreveu", "sublinhou", "frisou", "comentou", "respondeu",
    "avisou", "assegurou", "reconheceu", "anunciou", "dito", "afirmado", "declarado"};
static const char *const pt_aux[] = {"tem", "tinha", "havia"};
static const char *const pt_articles[] = {"os", "um", "uma"};
static const char *const pt_according[] = {"segundo", "conforme"};

static const char *const ru_verbs[] = {
    "сказал", "сказала", "сказали", "заявил", "заявила", "заявили", "отметил", "отметила", "отметили",
    "подчеркнул", "подчеркнула", "добавил", "добавила", "сообщил", "сообщила", "сообщили", "пояснил",
    "пояснила", "признал", "признала", "написал", "написала", "говорит", "заявляет", "отмечает", "считает",
    "говорил", "говорила", "ответил", "ответила", "предупредил", "предупредила", "рассказал", "рассказала",
    "уточнил", "уточнила", "заверил", "заверила", "констатировал"};
static const char *const ru_according[] = {"по"}; /* "по словам X", "по мнению X" */

/* Chinese and Japanese run words together: a verb of saying ends the run
 * holding the speaker (王强表示：“…”), or follows the quotative と after the
 * closing mark (「…」と述べた). A few core verbs, and the adverbs and
 * particles found between speaker and verb. */
static const char *const zh_verbs[] = {"表示", "说", "說", "称", "稱", "指出", "强调", "介绍", "透露"};
static const char *const zh_aux[] = {"还", "也", "则", "又", "再次", "同时", "随后", "对此"};
static const char *const ja_verbs[] = {"述べた", "語った", "話した", "言った", "強調した", "説明した", "指摘した",
                                       "述べています", "話しています"};
static const char *const ja_aux[] = {"は", "が", "も"}; /* the particle ending the speaker */

#define LEX(list) \
    CX_LEXICON_OF(list)

LEX(fr_verbs);
LEX(fr_aux);
LEX(fr_articles);
LEX(fr_according);
LEX(de_verbs);
LEX(de_aux);
LEX(de_articles);
LEX(de_according);
LEX(es_verbs);
LEX(es_aux);
LEX(es_articles);
LEX(es_according);
LEX(it_verbs);
LEX(it_aux);
LEX(it_articles);
LEX(it_according);
LEX(pt_verbs);
LEX(pt_aux);
LEX(pt_articles);
LEX(pt_according);
LEX(ru_verbs);
LEX(ru_according);
LEX(zh_verbs);
LEX(zh_aux);
LEX(ja_verbs);
LEX(ja_aux);

static const cue_table tables[] = {
    {"fr", &fr_verbs_lex, &fr_aux_lex, &fr_articles_lex, &fr_according_lex},
    {"de", &de_verbs_lex, &de_aux_lex, &de_articles_lex, &de_according_lex},
    {"es", &es_verbs_lex, &es_aux_lex, &es_articles_lex, &es_according_lex},
    {"it", &it_verbs_lex, &it_aux_lex, &it_articles_lex, &it_according_lex},
    {"pt", &pt_verbs_lex, &pt_aux_lex, &pt_articles_lex, &pt_according_lex},
    {"ru", &ru_verbs_lex, NULL, NULL, &ru_according_lex},
    {"zh", &zh_verbs_lex, &zh_aux_lex, NULL, NULL},
    {"ja", &ja_verbs_lex, &ja_aux_lex, NULL, NULL},
};

enum { VERBS, AUX, ARTICLES, ACCORDING };

static int lookup(const char *lang, int which, const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        const cue_table *t = &tables[i];
        if (lang && strcmp(lang, t->lang)) continue;
        cx_lexicon *lx = which == VERBS ? t->verbs : which == AUX ? t->aux : which == ARTICLES ? t->articles
                                                                                               : t->according;
        if (lx && cx_lexicon_find(lx, w, n)) return 1;
    }
    return 0;
}

int cx_quote_cue_verb(const char *lang, const char *w, size_t n) { return lookup(lang, VERBS, w, n); }
int cx_quote_cue_aux(const char *lang, const char *w, size_t n) { return lookup(lang, AUX, w, n); }
int cx_quote_cue_article(const char *lang, const char *w, size_t n) { return lookup(lang, ARTICLES, w, n); }
int cx_quote_cue_according(const char *lang, const char *w, size_t n, const char *next, size_t nn)
{
    if (!lookup(lang, ACCORDING, w, n)) return 0;
    if (n == 4 && !memcmp(w, "по", 4)) { /* "по словам", "по мнению", "по данным" */
        static const char *const objects[] = {"словам", "мнению", "данным"};
        for (size_t i = 0; i < sizeof objects / sizeof *objects; i++)
            if (nn == strlen(objects[i]) && !memcmp(next, objects[i], nn)) return 2;
        return 0;
    }
    return 1;
}

int cx_quote_cue_has(const char *lang)
{
    for (size_t i = 0; lang && i < sizeof tables / sizeof *tables; i++)
        if (!strcmp(lang, tables[i].lang)) return 1;
    return 0;
}

/* The longest entry of list `which` ending w[0, n): its length in bytes
 * (whole characters, at most 5), or 0. */
static size_t suffix_in(const char *lang, int which, const char *w, size_t n)
{
    size_t best = 0, chars = 0;
    for (size_t b = n; b > 0 && chars < 5;) {
        b--;
        if (((unsigned char)w[b] & 0xC0) == 0x80) continue;
        chars++;
        if (lookup(lang, which, w + b, n - b)) best = n - b;
    }
    return best;
}

static int no_space_lang(const char *lang) { return !lang || !strcmp(lang, "zh") || !strcmp(lang, "ja"); }

size_t cx_quote_cue_verb_suffix(const char *lang, const char *w, size_t n)
{
    return no_space_lang(lang) ? suffix_in(lang, VERBS, w, n) : 0;
}

size_t cx_quote_cue_aux_suffix(const char *lang, const char *w, size_t n)
{
    return no_space_lang(lang) ? suffix_in(lang, AUX, w, n) : 0;
}
