/* Named entities by capitalized-sequence chunking (see entities.h). */
#include <stdlib.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unicode/uchar.h>

#include "entities.h"
#include "parallel.h"
#include "region_names.h"
#include "u64map.h"
#include "util.h"

#define IN(list, w, n) (cx_lexicon_find(&list##_lex, w, n) != 0)

int cx_is_title_word(const char *w, size_t n)
{
    static const char *const t[] = {
        "president", "vice", "secretary", "minister", "premier", "general", "gen.", "gen", "brig.", "brig",
        "lt.", "col.", "maj.", "sgt.", "capt.", "adm.", "admiral", "colonel", "major", "lieutenant", "sergeant",
        "captain", "commander", "chief", "chairman", "chairwoman", "chair", "spokesman", "spokeswoman",
        "spokesperson", "senator", "sen.", "rep.", "representative", "congressman", "congresswoman",
        "governor", "gov.", "mayor", "ambassador", "envoy", "director", "leader", "king", "queen", "prince",
        "princess", "ayatollah", "pope", "judge", "justice", "attorney", "prosecutor", "adviser", "advisor",
        "aide", "analyst", "professor", "prof.", "dr.", "mr.", "mrs.", "ms.", "sir", "lord", "dame", "speaker",
        "ceo", "founder", "president-elect", "candidate", "nominee", "pollster", "host", "anchor",
        "correspondent", "executive", "deputy", "undersecretary", "commissioner", "chancellor", "sheikh",
        "cleric", "strategist", "manager", "coach", "economist", "researcher", "expert", "lawyer", "officer",
        "official", "reverend", "rev.", "dean", "treasurer", "counsel", "emir", "sultan", "marshal", "mullah",
        "imam", "rabbi", "bishop", "cardinal", "president's", "secretary-general", "lawmaker", "chairperson",
        "superintendent", "inspector", "sheriff", "detective", "surgeon", "nurse", "doctor", "activist",
        "organizer", "commentator", "columnist", "editor", "publisher", "author", "coordinator", "head",
        "engineer", "scientist", "teacher", "farmer", "worker", "resident", "voter", "member", "delegate",
        "owner", "student", "physician", "pilot", "diplomat", "minister-president", "governor-general"};
    CX_LEXICON_OF(t);
    return IN(t, w, n);
}

int cx_is_org_word(const char *w, size_t n)
{
    static const char *const o[] = {
        "ministry", "department", "council", "party", "army", "navy", "corps", "command", "forces", "force",
        "agency", "committee", "commission", "organization", "organisation", "union", "university", "college",
        "institute", "group", "news", "times", "post", "journal", "press", "network", "company", "corp",
        "corp.", "inc", "inc.", "ltd", "bank", "fund", "association", "coalition", "parliament", "congress",
        "senate", "house", "court", "police", "guard", "guards", "office", "staff", "chiefs", "alliance",
        "movement", "front", "brigade", "brigades", "militia", "government", "administration", "center",
        "centre", "service", "services", "foundation", "board", "authority", "church", "federation", "league",
        "club", "team", "television", "radio", "tv", "channel", "campaign", "assembly", "cabinet", "bureau",
        "tribune", "herald", "daily", "magazine", "broadcasting", "corporation", "airlines", "airways",
        "hospital", "school", "academy", "society", "institution", "reserve", "treasury", "embassy",
        "consulate", "mission", "marines", "marine", "republicans", "democrats", "foundation", "trust",
        "partners", "holdings", "group's", "international", "media", "review", "gazette", "wire", "tribunal",
        "state", "operations", "directorate", "secretariat", "brigade", "battalion", "regiment", "division",
        "fleet", "airborne", "unit", "units", "mobilization", "mobilisation"};
    CX_LEXICON_OF(o);
    return IN(o, w, n);
}

static int is_place_word(const char *w, size_t n)
{
    static const char *const p[] = {"city", "province", "county", "island", "islands", "river", "gulf", "sea",
                                    "ocean", "valley", "street", "square", "airport", "base", "zone",
                                    "region", "district", "mountains", "strait", "peninsula", "bay", "lake",
                                    "desert", "coast", "states", "kingdom", "republic", "emirates",
                                    "territory", "territories", "capital", "village", "town", "avenue", "east", "west",
                                    "north", "south", "central", "mount", "harbor", "harbour", "port", "canal",
                                    "heights", "hills", "plains", "county", "oblast", "prefecture", "park",
                                    "forest", "mountain", "canyon", "beach", "bridge", "road", "highway",
                                    "boulevard", "plaza", "stadium", "arena", "creek", "falls", "reservoir",
                                    "cape", "parish", "borough", "township"};
    CX_LEXICON_OF(p);
    return IN(p, w, n);
}

/* Short forms of countries and of US states in news style: places, though
 * written like acronyms ("U.S.", "N.C.", "Calif."), which otherwise read as
 * organisations. */
static int is_place_abbreviation(const char *w, size_t n)
{
    static const char *const a[] = {
        "u.s.", "us", "usa", "u.s.a.", "u.k.", "uk", "uae", "ala.", "ariz.", "ark.", "calif.", "colo.", "conn.",
        "del.", "fla.", "ga.", "ill.", "ind.", "kan.", "kans.", "ky.", "la.", "md.", "mass.", "mich.", "minn.",
        "miss.", "mo.", "mont.", "neb.", "nev.", "n.h.", "n.j.", "n.m.", "n.y.", "n.c.", "n.d.", "okla.", "ore.",
        "pa.", "r.i.", "s.c.", "s.d.", "tenn.", "tex.", "vt.", "va.", "wash.", "w.va.", "wis.", "wyo.", "d.c."};
    CX_LEXICON_OF(a);
    return IN(a, w, n);
}

/* Events, laws and works: capitalized, but neither people nor places. */
static int is_event_word(const char *w, size_t n)
{
    static const char *const e[] = {"games", "olympics", "championship", "championships", "cup", "festival",
                                    "conference", "summit", "war", "act", "treaty", "accord", "agreement",
                                    "award", "awards", "prize", "series", "tour", "expo", "fair", "show",
                                    "election", "elections", "caucus", "caucuses", "primary", "debate",
                                    "convention", "forum", "olympiad", "marathon", "open", "bowl", "plan",
                                    "program", "programme", "initiative", "doctrine", "declaration", "law"};
    CX_LEXICON_OF(e);
    return IN(e, w, n);
}

int cx_is_calendar_word(const char *w, size_t n)
{
    static const char *const c[] = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan.", "feb.", "mar.", "apr.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "jan", "feb", "aug",
        "sept", "oct", "nov", "dec", "today", "tonight", "yesterday", "tomorrow"};
    CX_LEXICON_OF(c);
    return IN(c, w, n);
}

int cx_is_pronoun_subject(const char *w, size_t n)
{
    static const char *const p[] = {"he", "she", "they", "i", "we", "it", "you"};
    CX_LEXICON_OF(p);
    return IN(p, w, n);
}

/* Capitalized words that start sentences but never names. */
static int is_function_cap(const char *w, size_t n)
{
    if (cx_is_stopword(w, n)) return 1;
    static const char *const f[] = {"but", "and", "or", "yet", "so", "if", "when", "while", "after", "before",
                                    "as", "since", "although", "though", "because", "despite", "asked",
                                    "earlier", "later", "meanwhile", "however", "also", "still", "now",
                                    "then", "there", "here", "this", "that", "these", "those", "last",
                                    "next", "some", "many", "most", "several", "according", "in", "on", "at",
                                    "for", "with", "without", "from", "by", "to", "of", "instead", "even",
                                    "only", "just", "pressed", "responding", "speaking", "under", "over",
                                    "among", "until", "about", "around", "during", "through", "across",
                                    "his", "her", "their", "its", "our", "my", "your", "a", "an", "the",
                                    "it", "he", "she", "they", "we", "i", "you", "what", "who", "why", "how",
                                    "where", "which", "mr", "both", "each", "every", "no", "not", "more",
                                    "less", "such", "other", "another", "all", "any", "one", "two", "three",
                                    "first", "second", "new", "former", "top", "senior", "sir", "ok", "yes"};
    CX_LEXICON_OF(f);
    return IN(f, w, n);
}

static int is_connector(const char *w, size_t n)
{
    static const char *const c[] = {"of", "al", "bin", "ibn", "de", "du", "van", "von", "der", "la", "le",
                                    "da", "di", "del", "dos", "el", "y"};
    CX_LEXICON_OF(c);
    return IN(c, w, n);
}

/* ---- mentions ----------------------------------------------------------------- */

static size_t tok_lower(const char *text, const cx_wtok *t, char *buf, size_t cap)
{
    return cx_lower_word(text + t->start, t->end - t->start, buf, cap);
}

static int ends_possessive(const char *text, const cx_wtok *t)
{
    size_t n = t->end - t->start;
    const char *e = text + t->end;
    if (n > 2 && (e[-1] == 's' || e[-1] == 'S') && e[-2] == '\'') return 2;
    if (n > 4 && (e[-1] == 's' || e[-1] == 'S') && (unsigned char)e[-2] == 0x99 && (unsigned char)e[-3] == 0x80 &&
        (unsigned char)e[-4] == 0xE2)
        return 4;
    return 0;
}

/* cx_split_role on tokens [a, b) of text already tokenized; e is the chunk end. */
static size_t split_role_tokens(const char *text, const cx_wtok *t, int a, int b, size_t e)
{
    int last = -1;
    char low[32];
    for (int i = a; i < b; i++) {
        if (t[i].kind != CX_W_WORD) continue;
        size_t n = tok_lower(text, &t[i], low, sizeof low);
        if (cx_is_title_word(low, n)) last = i;
    }
    if (last < 0) return t[a].start;
    int i = last + 1;
    /* "Secretary of State Mike Pompeo": the role runs over "of State". */
    if (i + 2 < b && tok_lower(text, &t[i], low, sizeof low) == 2 && !memcmp(low, "of", 2)) {
        i++;
        if (i + 1 < b && tok_lower(text, &t[i], low, sizeof low) == 3 && !memcmp(low, "the", 3)) i++;
        while (i + 2 < b && t[i].cap) i++;
    }
    return i < b ? t[i].start : e;
}

int cx_is_honorific(const char *lower, size_t n)
{
    static const char *const h[] = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx.", "messrs",
                                    "messrs.", "dr", "dr.", "sir", "dame", "madam", "mme", "mme.", "mlle",
                                    "mlle.", "herr", "frau", "señor", "señora", "sr.", "sra."};
    CX_LEXICON_OF(h);
    return cx_lexicon_find(&h_lex, lower, n) != 0;
}

int cx_is_platform_word(const char *lower, size_t n)
{
    static const char *const p[] = {"twitter", "facebook", "instagram", "youtube", "tiktok", "snapchat",
                                    "reddit", "linkedin", "whatsapp", "telegram", "weibo", "wechat", "tumblr",
                                    "periscope", "vimeo", "threads", "bluesky", "mastodon"};
    CX_LEXICON_OF(p);
    return cx_lexicon_find(&p_lex, lower, n) != 0;
}

size_t cx_role_without_honorifics(char *r, size_t n)
{
    size_t w = 0, i = 0;
    while (i < n) {
        while (i < n && r[i] == ' ') i++;
        size_t b = i;
        while (i < n && r[i] != ' ') i++;
        if (i == b) break;
        char low[16];
        size_t ln = i - b < sizeof low ? cx_lower_word(r + b, i - b, low, sizeof low) : 0;
        if (ln && cx_is_honorific(low, ln)) continue;
        if (w) r[w++] = ' ';
        memmove(r + w, r + b, i - b);
        w += i - b;
    }
    if (w < n) r[w] = '\0';
    return w;
}

size_t cx_split_role(const char *text, size_t s, size_t e)
{
    cx_wtok *t;
    int nt = cx_wtokenize(text + s, e - s, &t);
    if (nt <= 0) return s;
    size_t r = s + split_role_tokens(text + s, t, 0, nt, e - s);
    free(t);
    return r;
}

static int classify(const char *text, const cx_wtok *t, int a, int b, int role_end, int prev_prep, int next_lower)
{
    char low[32];
    int words = 0, acronym = 1, digits = 0, place = 0, acronym_part = 0;
    for (int i = a; i < b; i++) {
        size_t n = tok_lower(text, &t[i], low, sizeof low);
        if (n > 2 && low[n - 2] == '\'' && low[n - 1] == 's') n -= 2, low[n] = '\0';
        if (n > 4 && !strcmp(low + n - 4, "\xE2\x80\x99s")) n -= 4, low[n] = '\0';
        /* each part of a hyphenated word: "Force-Iraq"; an organisation
         * cue wins over a place cue ("Harbor Workers Union") */
        for (char *part = low, *dash; part; part = dash ? dash + 1 : NULL) {
            dash = strchr(part, '-');
            size_t pl = dash ? (size_t)(dash - part) : strlen(part);
            if (cx_is_org_word(part, pl)) return CX_ENT_ORG;
            if (is_event_word(part, pl)) return CX_ENT_OTHER;
            if (is_place_word(part, pl)) place = 1;
        }
        if (cx_is_calendar_word(low, n)) return CX_ENT_OTHER;
        for (size_t k = 0; k < n; k++) digits |= low[k] >= '0' && low[k] <= '9';
        int upper = 0, lower = 0;
        for (uint32_t k = t[i].start; k < t[i].end; k++)
            upper += text[k] >= 'A' && text[k] <= 'Z', lower += text[k] >= 'a' && text[k] <= 'z';
        if (lower) acronym = 0;
        /* "Atlanta FBI", "NBC News": an acronym among names is an organisation's */
        if (!lower && upper >= 2 && t[i].end - t[i].start <= 6 && !is_place_abbreviation(low, n) &&
            strspn(low, "ivxlc") < n) /* "William Seely III" */
            acronym_part = 1;
        words++;
    }
    if (place) return CX_ENT_PLACE;
    if (words == 1) {
        size_t n = tok_lower(text, &t[a], low, sizeof low);
        /* the abbreviation's closing period may stand outside the token (the text is
         * NUL-terminated: no strlen here, which made long articles quadratic) */
        if (n + 1 < sizeof low && text[t[a].end] == '.' && n && low[n - 1] != '.')
            if (!is_place_abbreviation(low, n)) low[n++] = '.', low[n] = '\0';
        if (is_place_abbreviation(low, n)) return CX_ENT_PLACE;
    }
    if (digits) return CX_ENT_OTHER;
    if (role_end > a) return CX_ENT_PERSON;
    if (words == 1 && acronym && t[a].end - t[a].start >= 2) return CX_ENT_ORG;
    if (words == 1 && next_lower) {
        /* "Iraqi military", "Iranian sites": an adjective of a place */
        size_t n = tok_lower(text, &t[a], low, sizeof low);
        if ((n > 3 && low[n - 1] == 'i') || (n > 4 && (!strcmp(low + n - 3, "ian") || !strcmp(low + n - 3, "ese") ||
                                                       !strcmp(low + n - 3, "ish") || !strcmp(low + n - 2, "an"))))
            return CX_ENT_OTHER;
    }
    if (prev_prep && words <= 2) return CX_ENT_PLACE;
    if (words >= 2 && acronym_part) return CX_ENT_ORG;
    if (words >= 2 && words <= 4 && !acronym) return CX_ENT_PERSON;
    return CX_ENT_OTHER;
}

/* A dateline: capitals opening a paragraph, then the agency, the state or
 * the dash ("WASHINGTON (AP) --", "ANDREWS, N.C. —"). Its words are a
 * place, though written like an acronym. */
static int dateline_place(const char *text, const cx_wtok *t, int nt, int a, int b)
{
    if (a > 0 && !memchr(text + t[a - 1].end, '\n', t[a].start - t[a - 1].end)) return 0;
    size_t letters = 0;
    for (uint32_t k = t[a].start; k < t[b - 1].end; k++) {
        if (text[k] >= 'a' && text[k] <= 'z') return 0;
        letters += text[k] >= 'A' && text[k] <= 'Z';
    }
    if (letters < 4 || b >= nt) return 0;
    const char *next = text + t[b - 1].end;
    while (*next == ' ') next++;
    return *next == '(' || *next == ',' || !strncmp(next, "--", 2) || !strncmp(next, "\xE2\x80\x94", 3) ||
           !strncmp(next, "_ ", 2);
}

/* "to Trump", "at Merkel": a single word after a preposition reads as a
 * place, but when the text names a person with that surname it is that
 * person (a country's name excepted: "Georgia"). */
static int retype_surnames(const char *text, cx_mention *v, size_t nv)
{
    cx_strmap surnames;
    if (cx_strmap_init(&surnames)) return CHORUS_ENOMEM;
    int rc = 0, any = 0;
    for (size_t i = 0; i < nv && !rc; i++) {
        if (v[i].type != CX_ENT_PERSON) continue;
        const char *s = text + v[i].name_start, *e = text + v[i].end, *sp = e;
        while (sp > s && sp[-1] != ' ') sp--;
        if (sp > s && e - sp >= 2) rc = cx_strmap_put(&surnames, sp, (size_t)(e - sp), 1), any = 1;
    }
    for (size_t i = 0; i < nv && !rc && any; i++) {
        if (v[i].type != CX_ENT_PLACE) continue;
        const char *s = text + v[i].name_start;
        size_t n = v[i].end - v[i].name_start;
        int64_t x;
        char code[3];
        if (!memchr(s, ' ', n) && cx_strmap_get(&surnames, s, n, &x) && cx_region_code(NULL, s, n, code) == 0)
            v[i].type = CX_ENT_PERSON;
    }
    cx_strmap_free(&surnames);
    return rc;
}

/* cx_mentions_scan on the text's tokens. */
static int mentions_of_tokens(const char *text, const cx_wtok *t, int nt, cx_mention **out)
{
    cx_mention *v = NULL;
    size_t nv = 0, cap = 0;
    char low[32];
    int i = 0;
    while (i < nt) {
        if (t[i].kind != CX_W_WORD || !t[i].cap) {
            i++;
            continue;
        }
        int sent_start = i == 0 || t[i - 1].kind == CX_W_OPEN || t[i - 1].kind == CX_W_AMBIG ||
                         (t[i - 1].kind == CX_W_PUNCT && strchr(".!?:;", text[t[i - 1].start])) ||
                         memchr(text + t[i - 1].end, '\n', t[i].start - t[i - 1].end);
        size_t ln = tok_lower(text, &t[i], low, sizeof low);
        int all_caps = ln >= 2;
        for (uint32_t k = t[i].start; k < t[i].end; k++)
            if (text[k] >= 'a' && text[k] <= 'z') all_caps = 0;
        /* "Added Woody Enderson, ...": a speech verb put first is no part of the name */
        static const char *const inverted[] = {"added", "said", "says", "asked", "wrote", "noted", "explained",
                                               "replied", "recalled", "insisted", "declared", "continued"};
        CX_LEXICON_OF(inverted);
        if ((is_function_cap(low, ln) && !all_caps) || (sent_start && ln > 3 && !strcmp(low + ln - 3, "ing")) ||
            (sent_start && !all_caps && IN(inverted, low, ln))) {
            i++;
            continue;
        }
        int a = i, b = i + 1, poss = 0;
        if ((poss = ends_possessive(text, &t[i]))) goto chunk_done;
        while (b < nt && t[b].kind == CX_W_WORD && t[b].start - t[b - 1].end <= 1) {
            size_t m = tok_lower(text, &t[b], low, sizeof low);
            int particle = m > 3 && (!memcmp(low, "al-", 3) || !memcmp(low, "el-", 3) || !memcmp(low, "ad-", 3)) &&
                           text[t[b].start + 3] >= 'A' && text[t[b].start + 3] <= 'Z';
            if ((t[b].cap && !is_function_cap(low, m)) || particle) {
                b++;
                if ((poss = ends_possessive(text, &t[b - 1]))) break;
                continue;
            }
            /* a role between names: "Station engineer Lina Okafor" */
            if (!t[b].cap && cx_is_title_word(low, m) && b + 1 < nt && t[b + 1].kind == CX_W_WORD && t[b + 1].cap) {
                b++;
                continue;
            }
            /* connectors only between capitalized words ("Joint Chiefs of Staff") */
            if (is_connector(low, m) && b + 1 < nt && t[b + 1].kind == CX_W_WORD) {
                int c = b + 1;
                if (tok_lower(text, &t[c], low, sizeof low) == 3 && !memcmp(low, "the", 3) && c + 1 < nt) c++;
                if (t[c].cap && t[c].kind == CX_W_WORD) {
                    b = c + 1;
                    if ((poss = ends_possessive(text, &t[b - 1]))) break;
                    continue;
                }
            }
            break;
        }
    chunk_done:;
        size_t cs = t[a].start, ce = t[b - 1].end - (size_t)poss;
        size_t ns = split_role_tokens(text, t, a, b, ce);
        int role_end = a;
        while (role_end < b && t[role_end].start < ns) role_end++;
        int prev_prep = 0;
        if (a > 0 && t[a - 1].kind == CX_W_WORD) {
            size_t m = tok_lower(text, &t[a - 1], low, sizeof low);
            static const char *const preps[] = {"in", "from", "into", "near", "across", "throughout", "outside",
                                                "toward", "towards", "to", "inside", "at"};
            CX_LEXICON_OF(preps);
            prev_prep = IN(preps, low, m);
        }
        int next_lower = b < nt && t[b].kind == CX_W_WORD && !t[b].cap;
        cx_mention m = {cs, ce, ns, classify(text, t, role_end < b ? role_end : a, b, role_end, prev_prep, next_lower)};
        if (ns >= ce) m.type = CX_ENT_OTHER; /* a bare title */
        if (dateline_place(text, t, nt, a, b)) m.type = CX_ENT_PLACE;
        if (CX_PUSH(v, nv, cap, m)) {
            free(v);
            return CHORUS_ENOMEM;
        }
        i = b;
    }
    if (retype_surnames(text, v, nv)) {
        free(v);
        return CHORUS_ENOMEM;
    }
    *out = v;
    return (int)nv;
}

int cx_mentions_scan(const char *text, size_t n, cx_mention **out)
{
    cx_wtok *t;
    int nt = cx_wtokenize(text, n, &t);
    if (nt < 0) return nt;
    int nm = mentions_of_tokens(text, t, nt, out);
    free(t);
    return nm;
}

/* ---- similarity --------------------------------------------------------------- */

double cx_jaro_winkler(const char *a, size_t na, const char *b, size_t nb)
{
    if (!na && !nb) return 1;
    if (!na || !nb) return 0;
    if (na > 64 || nb > 64) return na == nb && !memcmp(a, b, na);
    size_t win = (na > nb ? na : nb) / 2;
    win = win ? win - 1 : 0;
    char ma[64] = {0}, mb[64] = {0};
    size_t m = 0;
    for (size_t i = 0; i < na; i++) {
        size_t lo = i > win ? i - win : 0, hi = i + win + 1 < nb ? i + win + 1 : nb;
        for (size_t j = lo; j < hi; j++)
            if (!mb[j] && a[i] == b[j]) {
                ma[i] = mb[j] = 1, m++;
                break;
            }
    }
    if (!m) return 0;
    size_t tr = 0, k = 0;
    for (size_t i = 0; i < na; i++) {
        if (!ma[i]) continue;
        while (!mb[k]) k++;
        tr += a[i] != b[k];
        k++;
    }
    double md = (double)m;
    double jaro = (md / (double)na + md / (double)nb + (md - (double)tr / 2) / md) / 3;
    size_t pre = 0;
    while (pre < 4 && pre < na && pre < nb && a[pre] == b[pre]) pre++;
    return jaro + (double)pre * 0.1 * (1 - jaro);
}

/* Lower-cased name tokens, hyphens and dots as separators, suffixes dropped. */
static int name_tokens(const char *s, char tok[][32], uint8_t *tok_len, int max)
{
    int n = 0;
    size_t len = 0;
    char cur[32];
    for (const char *p = s;; p++) {
        unsigned char c = (unsigned char)*p;
        int sep = !c || c == ' ' || c == '-' || c == '.' || c == '\'';
        if (!sep && len < sizeof cur - 1) cur[len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        if (sep && len) {
            cur[len] = '\0';
            if (strcmp(cur, "jr") && strcmp(cur, "sr") && strcmp(cur, "ii") && strcmp(cur, "iii") && len > 1 &&
                n < max) {
                memcpy(tok[n], cur, len + 1);
                if (tok_len) tok_len[n] = (uint8_t)len;
                n++;
            }
            len = 0;
        }
        if (!c) break;
    }
    return n;
}

/* First letter (lower-cased) of the last name token, found from the end:
 * a cheap test that rejects most pairs before they are compared. */
static int surname_initial(const char *s)
{
    size_t n = strlen(s);
    for (;;) {
        while (n && (s[n - 1] == ' ' || s[n - 1] == '-' || s[n - 1] == '.' || s[n - 1] == '\'')) n--;
        size_t e = n;
        while (n && !(s[n - 1] == ' ' || s[n - 1] == '-' || s[n - 1] == '.' || s[n - 1] == '\'')) n--;
        size_t len = e - n;
        if (!len) return 0;
        char w[4] = {0};
        for (size_t i = 0; i < len && i < 3; i++) w[i] = (char)((s[n + i] >= 'A' && s[n + i] <= 'Z') ? s[n + i] + 32 : s[n + i]);
        /* the same tokens name_tokens leaves out */
        int skip = len == 1 || (len == 2 && (!strcmp(w, "jr") || !strcmp(w, "sr") || !strcmp(w, "ii"))) ||
                   (len == 3 && !strcmp(w, "iii"));
        if (!skip) return (unsigned char)w[0];
    }
}

void cx_person_name_init(cx_person_name *p, const char *s)
{
    p->initial = surname_initial(s);
    p->n = name_tokens(s, p->tok, p->len, 8);
}

int cx_same_person_names(const cx_person_name *a, const cx_person_name *b)
{
    if (a->initial != b->initial) return 0;
    int na = a->n, nb = b->n;
    if (!na || !nb) return 0;
    const char *sa = a->tok[na - 1], *sb = b->tok[nb - 1];
    size_t la = a->len[na - 1], lb = b->len[nb - 1];
    /* spellings of one surname share their first letter (and JW weighs the
     * prefix); JW is at most 0.8 + 0.2 * shorter / longer, so lengths
     * further apart than 3 to 5 cannot reach 0.92 */
    if (sa[0] != sb[0] || 5 * (la < lb ? la : lb) < 3 * (la < lb ? lb : la)) return 0;
    if (!(la == lb && !memcmp(sa, sb, la)) && cx_jaro_winkler(sa, la, sb, lb) < 0.92) return 0;
    if (na == 1 || nb == 1) return 1;
    /* the given names must not contradict: at least half of the shorter
     * name's other tokens find a close token in the longer one */
    const cx_person_name *sh = na <= nb ? a : b, *lo = na <= nb ? b : a;
    int ns = sh->n, nl = lo->n;
    int hit = 0;
    for (int i = 0; i < ns - 1; i++)
        for (int j = 0; j < nl - 1; j++)
            if (cx_jaro_winkler(sh->tok[i], sh->len[i], lo->tok[j], lo->len[j]) >= 0.85) {
                hit++;
                break;
            }
    return 2 * hit >= ns - 1;
}

int cx_same_person(const char *a, const char *b)
{
    cx_person_name pa, pb;
    pa.initial = surname_initial(a), pb.initial = surname_initial(b);
    if (pa.initial != pb.initial) return 0; /* before tokenizing: most pairs end here */
    pa.n = name_tokens(a, pa.tok, pa.len, 8), pb.n = name_tokens(b, pb.tok, pb.len, 8);
    return cx_same_person_names(&pa, &pb);
}

/* ---- entities of a story ------------------------------------------------------ */

const char *cx_entity_type_name(int type)
{
    switch (type) {
    case CX_ENT_PERSON: return "person";
    case CX_ENT_ORG: return "organization";
    case CX_ENT_PLACE: return "place";
    default: return "other";
    }
}

typedef struct {
    char *name;
    size_t count;
} tally;

/* One spelling of an entity, split into name tokens once: every later
 * mention is compared with it, so nothing is re-tokenized per pair. */
typedef struct {
    char *name;
    size_t len; /* strlen(name) */
    size_t count;
    cx_person_name pn;
} spelling;

typedef struct {
    int type;
    char letter; /* first letter of the surname (people) or name: a cheap bucket */
    spelling *names;
    size_t n_names, cap_names;
    tally *roles;
    size_t n_roles, cap_roles;
    size_t mentions;
    int *outlets; /* the outlets that mention it, each once, in the order met */
    size_t n_outlets, cap_outlets;
} cluster;

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

static int tally_add(tally **v, size_t *n, size_t *cap, const char *s, size_t len)
{
    for (size_t i = 0; i < *n; i++)
        if (strlen((*v)[i].name) == len && !memcmp((*v)[i].name, s, len)) return (*v)[i].count++, 0;
    tally t = {cx_strndup(s, len), 1};
    if (!t.name || CX_PUSH(*v, *n, *cap, t)) return free(t.name), CHORUS_ENOMEM;
    return 0;
}

/* "U.S." and "US" */
static int same_without_dots(const char *a, size_t na, const char *b, size_t nb)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < na && a[i] == '.') i++;
        while (j < nb && b[j] == '.') j++;
        if (i == na || j == nb) return i == na && j == nb;
        if (cx_ascii_lower((unsigned char)a[i]) != cx_ascii_lower((unsigned char)b[j])) return 0;
        i++, j++;
    }
}

/* The letter every spelling of one entity shares: the surname's first for
 * people (cx_same_person requires it), the name's first otherwise. */
static char bucket_letter(int type, const char *s, size_t len, const cx_person_name *pn)
{
    const char *p = s, *e = s + len;
    if (type == CX_ENT_PERSON) return pn->n ? pn->tok[pn->n - 1][0] : 0;
    while (p < e && *p == '.') p++;
    return p < e ? (char)cx_ascii_lower((unsigned char)*p) : 0;
}

/* A spelling as the scan over a bucket reads it: a few bytes that reject
 * most pairs before the spelling itself is read (which cx_same_person_names
 * and the other names' tests would reject too). People: the name's token
 * count, surname initial and first letter and the surname's length. Other
 * names: a hash of the name lower-cased without dots (equal for "U.S." and
 * "us"), its length and its bytes' counts (folded to 32 bins) for
 * Jaro-Winkler. */
typedef struct {
    int cluster, name; /* cl[cluster].names[name] */
    uint32_t key;
    uint16_t len;
    uint8_t n_tok, surname_len;
    int initial;
    char surname0;
    uint8_t hist[32];
} spelling_ref;

/* Clusters by type and bucket letter, in the order they were made, so a
 * mention is compared only with the clusters it could join; refs: the
 * spellings of those clusters. */
typedef struct {
    int *k;
    size_t n, cap;
    spelling_ref *refs;
    size_t n_refs, cap_refs;
} bucket;
enum { N_TYPES = CX_ENT_OTHER + 1 };

static uint32_t dotless_key(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        if (s[i] != '.') h = (h ^ (uint32_t)cx_ascii_lower((unsigned char)s[i])) * 16777619u;
    return h;
}

static void ref_fill(spelling_ref *r, int type, const char *s, size_t len, const cx_person_name *pn)
{
    r->key = dotless_key(s, len), r->len = (uint16_t)(len < UINT16_MAX ? len : UINT16_MAX);
    r->n_tok = (uint8_t)pn->n, r->initial = pn->initial;
    r->surname_len = pn->n ? pn->len[pn->n - 1] : 0, r->surname0 = pn->n ? pn->tok[pn->n - 1][0] : 0;
    memset(r->hist, 0, sizeof r->hist);
    if (type == CX_ENT_PERSON) /* people: the surname's bytes */
        for (size_t i = 0; i < r->surname_len; i++) r->hist[(unsigned char)pn->tok[pn->n - 1][i] & 31]++;
    else if (len <= 64)
        for (size_t i = 0; i < len; i++) r->hist[(unsigned char)s[i] & 31]++;
}

/* Whether Jaro-Winkler of two strings of la and lb bytes, with at most
 * common bytes in common, can reach 0.4 + 0.6 * jaro_least: Jaro is at most
 * (m/la + m/lb + 1) / 3 with m <= common (the slack covers rounding). */
static int jaro_may_reach(size_t common, size_t la, size_t lb, double jaro_least)
{
    return (double)common * (double)(la + lb) >= (3 * jaro_least - 1 - 0.01) * (double)la * (double)lb;
}

static unsigned common_bytes(const spelling_ref *r, const spelling_ref *q)
{
    unsigned common = 0;
    for (size_t i = 0; i < 32; i++) common += r->hist[i] < q->hist[i] ? r->hist[i] : q->hist[i];
    return common;
}

/* The checks cx_same_person_names begins with: the surnames' initials,
 * lengths, and Jaro-Winkler of 0.92 (jaro 0.52 / 0.6) unless equal (then
 * all bytes are in common and the bound holds too). */
static int person_may_match(const spelling_ref *r, const spelling_ref *q)
{
    if (r->initial != q->initial || !r->n_tok || !q->n_tok || r->surname0 != q->surname0) return 0;
    size_t la = r->surname_len, lb = q->surname_len;
    if (5 * (la < lb ? la : lb) < 3 * (la < lb ? lb : la)) return 0;
    return jaro_may_reach(common_bytes(r, q), la, lb, 0.52 / 0.6);
}

/* Whether Jaro-Winkler of r and q can reach 0.96: it is at most 0.4 + 0.6 *
 * Jaro, and Jaro at most (m/|r| + m/|q| + 1) / 3 with m matched bytes, at
 * most the bytes the two have in common (so |r|, |q| within a ratio of
 * 3/4); past 64 bytes it is equality, which the dotless key finds. */
static int jw_may_reach(const spelling_ref *r, const spelling_ref *q)
{
    size_t la = r->len, lb = q->len;
    if (la > 64 || lb > 64 || !la || !lb) return 0;
    if (4 * (la < lb ? la : lb) < 3 * (la < lb ? lb : la)) return 0;
    return jaro_may_reach(common_bytes(r, q), la, lb, 0.56 / 0.6);
}

/* The first cluster of bucket b (in the order made) with a spelling that
 * [s, s+len) (split into q) matches: the smallest cluster among the
 * spellings that match, as trying each cluster's spellings in turn finds.
 * A person matches by cx_same_person_names (names of two tokens or more);
 * other names equal without case and dots, or close by Jaro-Winkler. */
static int bucket_first_match(const bucket *b, const cluster *cl, int type, const char *s, size_t len,
                              const cx_person_name *q)
{
    if (type == CX_ENT_PERSON && q->n < 2) return -1;
    spelling_ref qr;
    ref_fill(&qr, type, s, len, q);
    int best = -1;
    for (size_t u = 0; u < b->n_refs; u++) {
        const spelling_ref *r = &b->refs[u];
        if (best >= 0 && r->cluster >= best) continue;
        const spelling *sp = &cl[r->cluster].names[r->name];
        if (type == CX_ENT_PERSON) {
            if (r->n_tok >= 2 && person_may_match(r, &qr) && cx_same_person_names(q, &sp->pn)) best = r->cluster;
        } else if ((r->key == qr.key && same_without_dots(sp->name, sp->len, s, len)) ||
                   (len > 8 && jw_may_reach(r, &qr) && cx_jaro_winkler(sp->name, sp->len, s, len) >= 0.96))
            best = r->cluster;
    }
    return best;
}

/* The buckets are made when first written (a story uses a few of the
 * N_TYPES * 256): read, a bucket never made is empty; NULL: out of memory. */
static bucket **bucket_slot(bucket **b, int type, char letter)
{
    return &b[(size_t)(type >= 0 && type < N_TYPES ? type : 0) * 256 + (unsigned char)letter];
}

static const bucket *bucket_peek(bucket **b, int type, char letter)
{
    static const bucket empty;
    const bucket *x = *bucket_slot(b, type, letter);
    return x ? x : &empty;
}

static bucket *bucket_of(bucket **b, int type, char letter)
{
    bucket **x = bucket_slot(b, type, letter);
    if (!*x) *x = calloc(1, sizeof **x);
    return *x;
}

/* Add a spelling to cluster ci (or count it again), indexed in the
 * cluster's bucket b. */
static int spelling_add(cluster *cl, int ci, bucket *b, const char *s, size_t len)
{
    cluster *c = &cl[ci];
    if (!b) return CHORUS_ENOMEM;
    for (size_t i = 0; i < c->n_names; i++)
        if (c->names[i].len == len && !memcmp(c->names[i].name, s, len)) return c->names[i].count++, 0;
    spelling t = {cx_strndup(s, len), 0, 1, {0}};
    if (!t.name) return CHORUS_ENOMEM;
    t.len = strlen(t.name);
    cx_person_name_init(&t.pn, t.name);
    if (CX_PUSH(c->names, c->n_names, c->cap_names, t)) return free(t.name), CHORUS_ENOMEM;
    spelling_ref r = {.cluster = ci, .name = (int)c->n_names - 1};
    ref_fill(&r, c->type, t.name, t.len, &t.pn);
    return CX_PUSH(b->refs, b->n_refs, b->cap_refs, r) ? CHORUS_ENOMEM : 0;
}

char *cx_doc_kept_text(const cx_doc *d, size_t **para_start)
{
    cx_buf b;
    cx_buf_init(&b);
    size_t *ps = malloc((d->n_paras + 1) * sizeof *ps);
    int rc = ps ? 0 : CHORUS_ENOMEM;
    for (size_t p = 0; p < d->n_paras && !rc; p++) {
        ps[p] = SIZE_MAX;
        if (d->paras[p].drop_reason) continue;
        if (b.len) rc = cx_buf_append(&b, "\n\n", 2);
        ps[p] = b.len;
        if (!rc) rc = cx_buf_append(&b, d->paras[p].text, d->paras[p].len);
    }
    if (!rc) rc = cx_buf_append(&b, "", 0);
    char *t = rc ? NULL : cx_buf_take(&b);
    if (!t) {
        cx_buf_free(&b);
        free(ps);
        ps = NULL;
    }
    *para_start = ps;
    return t;
}

static int find_placed(const cx_strmap *seen, const char *key, int *placed)
{
    int64_t v;
    if (!cx_strmap_get(seen, key, strlen(key), &v)) return 0;
    *placed = (int)v;
    return 1;
}

/* The names of doc d's kept text. */
static int doc_names(void *ctx, size_t d, int w)
{
    (void)w;
    const cx_story *s = ((const void **)ctx)[0];
    cx_doc_names *v = ((void **)ctx)[1];
    v[d].text = cx_doc_kept_text(&s->docs[d], &v[d].para_start);
    int nt = v[d].text ? cx_wtokenize(v[d].text, v[d].len = strlen(v[d].text), &v[d].t) : CHORUS_ENOMEM;
    int nm = nt < 0 ? nt : mentions_of_tokens(v[d].text, v[d].t, v[d].nt = nt, &v[d].m);
    if (nm < 0) return nm;
    v[d].nm = nm;
    return 0;
}

int cx_story_names(const cx_story *s, cx_doc_names **out)
{
    cx_doc_names *v = calloc(s->n_docs + 1, sizeof *v);
    if (!v) return CHORUS_ENOMEM;
    const void *ctx[2] = {s, v};
    int rc = cx_parallel_for(s->n_docs, s->threads, doc_names, (void *)ctx);
    if (rc) {
        cx_story_names_free(v, s->n_docs);
        return rc;
    }
    *out = v;
    return 0;
}

void cx_story_names_free(cx_doc_names *v, size_t n)
{
    if (!v) return;
    for (size_t d = 0; d < n; d++) free(v[d].text), free(v[d].para_start), free(v[d].t), free(v[d].m);
    free(v);
}

/* A word in capitals of two letters or more, dots allowed ("ISIS", "U.N."). */
static int acronym_shaped(const char *s, size_t n)
{
    size_t letters = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'A' && s[i] <= 'Z') letters++;
        else if (s[i] != '.')
            return 0;
    }
    return letters >= 2 && letters <= 8;
}

/* The acronym's letters appear in order in the long form, the first
 * letters agreeing: "ISIS" for "Islamic State in Iraq and Syria", "NATO"
 * for "North Atlantic Treaty Organization", not "CIA" for "Pentagon". */
static int abbreviates(const char *acr, size_t na, const char *lf, size_t nl)
{
    size_t j = 0;
    int first = 1;
    for (size_t i = 0; i < na; i++) {
        if (acr[i] == '.') continue;
        char a = (char)cx_ascii_lower((unsigned char)acr[i]);
        if (first) {
            if (!nl || cx_ascii_lower((unsigned char)lf[0]) != a) return 0;
            first = 0, j = 1;
            continue;
        }
        while (j < nl && cx_ascii_lower((unsigned char)lf[j]) != a) j++;
        if (j == nl) return 0;
        j++;
    }
    return !first;
}

/* Acronyms the texts define: "the Islamic State (ISIS)", "the Islamic
 * State group, or ISIS". Fills map: acronym without dots -> index of its
 * long form's mention, as doc << 20 | mention. */
static int acronyms_defined(const cx_story *s, const cx_doc_names *names, cx_strmap *map)
{
    for (size_t d = 0; d < s->n_docs; d++) {
        const char *text = names[d].text;
        const cx_mention *m = names[d].m;
        for (int i = 0; i + 1 < names[d].nm && i < (1 << 20) && d < (1u << 11); i++) {
            const cx_mention *lf = &m[i], *ac = &m[i + 1];
            const char *gap = text + lf->end;
            size_t gl = ac->start - lf->end;
            int paren = gl == 2 && !memcmp(gap, " (", 2) && text[ac->end] == ')';
            int group = 0; /* "the Islamic State group, or ISIS" */
            static const char *const or_forms[] = {", or ", " group, or ", " or "};
            for (size_t k = 0; k < 3 && !paren && !group; k++)
                group = gl == strlen(or_forms[k]) && !memcmp(gap, or_forms[k], gl);
            if (!paren && !group) continue;
            const char *a = text + ac->name_start;
            size_t an = ac->end - ac->name_start, ln = lf->end - lf->name_start;
            if (!acronym_shaped(a, an) || acronym_shaped(text + lf->name_start, ln) || !memchr(text + lf->name_start, ' ', ln) ||
                !abbreviates(a, an, text + lf->name_start, ln))
                continue;
            char key[16];
            size_t k = 0;
            for (size_t b = 0; b < an && k < sizeof key; b++)
                if (a[b] != '.') key[k++] = a[b];
            int64_t old;
            if (cx_strmap_get(map, key, k, &old)) continue; /* the first definition stands */
            if (cx_strmap_put(map, key, k, (int64_t)(d << 20 | (size_t)i))) return CHORUS_ENOMEM;
        }
    }
    return 0;
}

typedef struct {
    size_t outlets, mentions, i;
} entity_rank;

static int by_entity_rank(const void *x, const void *y)
{
    const entity_rank *a = x, *b = y;
    if (a->outlets != b->outlets) return a->outlets > b->outlets ? -1 : 1;
    if (a->mentions != b->mentions) return a->mentions > b->mentions ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

int cx_entities_collect(const cx_story *s, const cx_doc_names *names, cx_entity **out, size_t *n_out)
{
    /* acronyms defined in any article of the story name the same entity in all */
    cx_strmap acr;
    if (cx_strmap_init(&acr)) return CHORUS_ENOMEM;
    if (acronyms_defined(s, names, &acr)) return cx_strmap_free(&acr), CHORUS_ENOMEM;
    /* spellings already placed, so repeats skip the fuzzy scan over every
     * cluster (a story of a thousand articles would otherwise be quadratic) */
    cx_strmap seen;
    if (cx_strmap_init(&seen)) return CHORUS_ENOMEM;
    *out = NULL, *n_out = 0;
    cluster *cl = NULL;
    size_t ncl = 0, capcl = 0;
    bucket **bk = calloc((size_t)N_TYPES * 256, sizeof *bk);
    cx_u64map pairs = {0}; /* (entity, outlet) met */
    int rc = bk ? 0 : CHORUS_ENOMEM;
    for (size_t d = 0; d < s->n_docs && !rc; d++) {
        const char *text = names[d].text;
        const cx_mention *m = names[d].m;
        int nm = names[d].nm;
        /* Two passes: full names first, then single tokens resolved to a
         * full name of this article by surname. */
        int *assigned = calloc((size_t)nm + 1, sizeof *assigned);
        /* each mention's name split once; full_people: the mentions of a
         * person by a name of two words or more, in order (pass 1 looks a
         * bare surname up among them) */
        cx_person_name *pk = malloc(((size_t)nm + 1) * sizeof *pk);
        int *full_people = malloc(((size_t)nm + 1) * sizeof *full_people);
        int n_full = 0;
        /* per mention: the text it is matched by (a defined acronym's long
         * form, a region's code) and its type, which may differ from the
         * scan's: a country is a place, a name given an acronym no person */
        const char **match_s = malloc(((size_t)nm + 1) * sizeof *match_s);
        size_t *match_n = malloc(((size_t)nm + 1) * sizeof *match_n);
        int *mtype = malloc(((size_t)nm + 1) * sizeof *mtype);
        char (*region)[3] = malloc(((size_t)nm + 1) * sizeof *region);
        const cx_lang *dl = s->docs[d].lang;
        const char *lang = dl && cx_lang_has_data(dl) ? cx_lang_code(dl) : NULL;
        if (!assigned || !pk || !full_people || !match_s || !match_n || !mtype || !region) rc = CHORUS_ENOMEM;
        for (int i = 0; i < nm && !rc; i++) {
            match_s[i] = text + m[i].name_start;
            match_n[i] = m[i].end > m[i].name_start ? m[i].end - m[i].name_start : 0;
            mtype[i] = m[i].type;
            region[i][0] = '\0';
            if (!match_n[i] || match_n[i] > 200) continue;
            int rg = cx_region_code(lang, match_s[i], match_n[i], region[i]);
            if (rg < 0) rc = rg;
            if (rg > 0) {
                mtype[i] = CX_ENT_PLACE;
                continue;
            }
            region[i][0] = '\0';
            char key[16];
            size_t k = 0;
            int64_t at;
            for (size_t b = 0; b < match_n[i] && k < sizeof key; b++)
                if (match_s[i][b] != '.') key[k++] = match_s[i][b];
            if (acronym_shaped(match_s[i], match_n[i]) && k < sizeof key && cx_strmap_get(&acr, key, k, &at)) {
                const cx_doc_names *ld = &names[at >> 20];
                const cx_mention *lf = &ld->m[at & ((1 << 20) - 1)];
                match_s[i] = ld->text + lf->name_start, match_n[i] = lf->end - lf->name_start;
                mtype[i] = lf->type == CX_ENT_PLACE ? CX_ENT_PLACE : CX_ENT_ORG;
            } else if (mtype[i] != CX_ENT_PLACE && i + 1 < nm && m[i + 1].start == m[i].end + 2 &&
                       !memcmp(text + m[i].end, " (", 2)) {
                /* the long form itself, right before its acronym */
                const char *a = text + m[i + 1].name_start;
                size_t an = m[i + 1].end - m[i + 1].name_start;
                k = 0;
                for (size_t b = 0; b < an && k < sizeof key; b++)
                    if (a[b] != '.') key[k++] = a[b];
                if (acronym_shaped(a, an) && k < sizeof key && cx_strmap_get(&acr, key, k, &at)) mtype[i] = CX_ENT_ORG;
            }
        }
        for (int i = 0; i < nm && !rc; i++) {
            size_t nl = m[i].end > m[i].name_start ? m[i].end - m[i].name_start : 0;
            char buf[256];
            pk[i].n = 0, pk[i].initial = 0;
            if (!nl || nl > 200) continue;
            memcpy(buf, text + m[i].name_start, nl), buf[nl] = '\0';
            cx_person_name_init(&pk[i], buf);
        }
        for (int pass = 0; pass < 2 && !rc; pass++) {
            if (pass == 1)
                for (int j = 0; j < nm; j++)
                    if (assigned[j] > 0 && cl[assigned[j] - 1].type == CX_ENT_PERSON && pk[j].n >= 2)
                        full_people[n_full++] = j;
            for (int i = 0; i < nm; i++) {
                const cx_mention *x = &m[i];
                const char *nm_s = match_s[i];
                size_t nl = match_n[i];
                if (!nl || nl > 200) continue;
                const cx_person_name *q = &pk[i];
                int multi = q->n >= 2;
                int type = mtype[i];
                int ci = -1;
                char key[272];
                key[0] = (char)('0' + type), key[1] = pass ? 's' : 'f';
                if (region[i][0]) /* every name of a region is one key: "US", "United States" */
                    nm_s = region[i], nl = 2, key[1] = 'r';
                memcpy(key + 2, nm_s, nl), key[nl + 2] = '\0';
                int known = 0;
                if (pass == 0) {
                    if (type == CX_ENT_OTHER || (type == CX_ENT_PERSON && !multi)) continue;
                    if (!(known = find_placed(&seen, key, &ci))) {
                        const bucket *b = bucket_peek(bk, type, bucket_letter(type, nm_s, nl, q));
                        ci = bucket_first_match(b, cl, type, nm_s, nl, q);
                    }
                } else {
                    if (!(type == CX_ENT_OTHER || (type == CX_ENT_PERSON && !multi)) || multi) continue;
                    /* a bare surname: the person of this article with that surname */
                    for (int u = 0; u < n_full && ci < 0; u++)
                        if (cx_same_person_names(&pk[full_people[u]], q)) ci = assigned[full_people[u]] - 1;
                    if (ci < 0 && find_placed(&seen, key, &ci)) {
                        if (ci < 0) continue; /* looked up before, in vain */
                    } else if (ci < 0) {
                        /* a surname alone: a person another outlet names in full,
                         * spelled exactly so when nothing marks it as a person */
                        const bucket *b = bucket_peek(bk, CX_ENT_PERSON, bucket_letter(CX_ENT_PERSON, nm_s, nl, q));
                        spelling_ref qr;
                        ref_fill(&qr, CX_ENT_PERSON, nm_s, nl, q);
                        /* the first cluster (in the order made) with such a spelling */
                        for (size_t u = 0; u < b->n_refs; u++) {
                            const spelling_ref *r = &b->refs[u];
                            if ((ci >= 0 && r->cluster >= ci) || !person_may_match(r, &qr)) continue;
                            const spelling *sg = &cl[r->cluster].names[r->name];
                            const char *sp = strrchr(sg->name, ' ');
                            if (!cx_same_person_names(&sg->pn, q)) continue;
                            if (type == CX_ENT_PERSON || (sp && !strcmp(sp + 1, key + 2))) ci = r->cluster;
                        }
                        if ((rc = cx_strmap_put(&seen, key, strlen(key), ci))) break;
                        if (ci < 0) continue;
                    }
                }
                if (ci < 0) {
                    cluster c = {0};
                    c.type = type;
                    c.letter = bucket_letter(type, nm_s, nl, q);
                    bucket *b = bucket_of(bk, type, c.letter);
                    if (!b || CX_PUSH(cl, ncl, capcl, c)) {
                        rc = CHORUS_ENOMEM;
                        break;
                    }
                    ci = (int)ncl - 1;
                    if ((rc = CX_PUSH(b->k, b->n, b->cap, ci))) break;
                }
                if (pass == 0 && !known && (rc = cx_strmap_put(&seen, key, strlen(key), ci))) break;
                cluster *c = &cl[ci];
                assigned[i] = ci + 1;
                c->mentions++;
                /* the outlet, once per entity: a set of (entity, outlet)
                 * pairs, not a flag per outlet for every entity (which
                 * grows with entities times outlets) */
                int added, o = s->doc_outlet[d];
                if (cx_u64map_add(&pairs, (uint64_t)ci << 32 | (uint32_t)o, &added) < 0) rc = CHORUS_ENOMEM;
                else if (added && CX_PUSH(c->outlets, c->n_outlets, c->cap_outlets, o)) rc = CHORUS_ENOMEM;
                if (rc) break;
                if (pass == 0 || !c->n_names)
                    rc = spelling_add(cl, ci, bucket_of(bk, c->type, c->letter), text + x->name_start,
                                      x->end - x->name_start);
                if (!rc && x->name_start > x->start) {
                    size_t re = x->name_start;
                    while (re > x->start && text[re - 1] == ' ') re--;
                    char role[160];
                    size_t rl = re - x->start < sizeof role ? re - x->start : sizeof role - 1;
                    memcpy(role, text + x->start, rl);
                    rl = cx_role_without_honorifics(role, rl);
                    if (rl) rc = tally_add(&c->roles, &c->n_roles, &c->cap_roles, role, rl);
                }
                if (rc) break;
            }
        }
        free(assigned), free(pk), free(full_people), free(match_s), free(match_n), free(mtype), free(region);
    }
    cx_strmap_free(&acr);
    cx_u64map_free(&pairs);
    for (size_t i = 0; bk && i < (size_t)N_TYPES * 256; i++)
        if (bk[i]) free(bk[i]->k), free(bk[i]->refs), free(bk[i]);
    free(bk);
    cx_entity *e = rc ? NULL : calloc(ncl + 1, sizeof *e);
    if (!rc && !e) rc = CHORUS_ENOMEM;
    for (size_t k = 0; k < ncl; k++) {
        cluster *c = &cl[k];
        if (!rc) {
            cx_entity *x = &e[k];
            size_t best = 0;
            for (size_t i = 1; i < c->n_names; i++) {
                /* the most common spelling; on a tie the more complete one */
                size_t a = c->names[i].count, b = c->names[best].count;
                if (a > b || (a == b && c->names[i].pn.n > c->names[best].pn.n))
                    best = i;
            }
            x->name = c->names[best].name, c->names[best].name = NULL;
            x->variants = calloc(c->n_names + 1, sizeof *x->variants);
            for (size_t i = 0; i < c->n_names && x->variants; i++)
                if (c->names[i].name) x->variants[x->n_variants++] = c->names[i].name, c->names[i].name = NULL;
            size_t br = 0;
            for (size_t i = 1; i < c->n_roles; i++) /* the most common; on a tie the shorter */
                if (c->roles[i].count > c->roles[br].count ||
                    (c->roles[i].count == c->roles[br].count && strlen(c->roles[i].name) < strlen(c->roles[br].name)))
                    br = i;
            if (c->n_roles) x->role = c->roles[br].name, c->roles[br].name = NULL;
            x->type = c->type;
            x->mentions = c->mentions;
            /* in outlet order */
            if (c->n_outlets > 1) qsort(c->outlets, c->n_outlets, sizeof *c->outlets, cmp_int);
            x->outlets = malloc((c->n_outlets + 1) * sizeof *x->outlets);
            for (size_t o = 0; o < c->n_outlets && x->outlets; o++) x->outlets[x->n_outlets++] = c->outlets[o];
            if (!x->variants || !x->outlets) rc = CHORUS_ENOMEM;
        }
        for (size_t i = 0; i < c->n_names; i++) free(c->names[i].name);
        for (size_t i = 0; i < c->n_roles; i++) free(c->roles[i].name);
        free(c->names), free(c->roles), free(c->outlets);
    }
    free(cl);
    cx_strmap_free(&seen);
    if (rc) {
        if (e) cx_entities_free(e, ncl);
        return rc;
    }
    /* most widely reported first, then most mentioned, then in the order found */
    entity_rank *r = malloc((ncl + 1) * sizeof *r);
    cx_entity *sorted = malloc((ncl + 1) * sizeof *sorted);
    if (!r || !sorted) {
        free(r), free(sorted);
        cx_entities_free(e, ncl);
        return CHORUS_ENOMEM;
    }
    for (size_t i = 0; i < ncl; i++) r[i] = (entity_rank){e[i].n_outlets, e[i].mentions, i};
    qsort(r, ncl, sizeof *r, by_entity_rank);
    for (size_t i = 0; i < ncl; i++) sorted[i] = e[r[i].i];
    free(r), free(e);
    *out = sorted, *n_out = ncl;
    return 0;
}

void cx_entities_free(cx_entity *e, size_t n)
{
    if (!e) return;
    for (size_t i = 0; i < n; i++) {
        free(e[i].name), free(e[i].role), free(e[i].outlets);
        for (size_t k = 0; k < e[i].n_variants; k++) free(e[i].variants[k]);
        free(e[i].variants);
    }
    free(e);
}
