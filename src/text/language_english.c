/* English supplements to the package data. chorus was English-only before
 * the language seam; these lists were tuned on English news (DUC 2004 and
 * the seeds) and are kept so English keeps its quality: ICU's English
 * sentence-break exceptions miss "Gen.", "Dr.", "Sen." and the state
 * abbreviations of US datelines, and the Snowball stopword list misses
 * reporting words ("said", "Mr") that carry no topic in news. They add to
 * the package data for English only; other languages use the package data
 * alone. */
#include <stddef.h>

#include "language_internal.h"

const char *const cx_english_stopwords[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "either",
    "even", "ever", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her",
    "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into",
    "is", "it", "its", "itself", "just", "may", "me", "might", "more", "most", "much", "must", "my",
    "myself", "neither", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or",
    "other", "our", "ours", "ourselves", "out", "over", "own", "same", "shall", "she", "should",
    "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
    "there", "these", "they", "this", "those", "through", "thus", "to", "too", "under", "until",
    "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where", "whether", "which",
    "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet",
    "you", "your", "yours", "yourself", "yourselves", "said", "says", "say", "mr", "mrs", "ms",
    "one", "also", "since", "among", "another", "many", "several", "still", "although", "though",
    "s", "t", "don't", "it's", "he's", "she's", "i'm", "we're", "they're", "there's", "that's",
    NULL,
};

/* Abbreviations followed by a name or a number (lower-case, no period). */
const char *const cx_english_abbrevs[] = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "brig", "lt", "col", "maj", "capt", "cpt", "sgt",
    "cpl", "pvt", "adm", "cmdr", "cdr", "gov", "sen", "rep", "reps", "sens", "pres", "rev",
    "fr", "st", "mt", "ft", "hon", "supt", "insp", "det", "gens", "messrs", "mme", "mlle",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "nos", "vs", "v", "p", "pp", "vol", "ch", "art", "fig", "approx", "ca", "cf", "e.g", "i.e",
    "jr", "sr", "inc", "corp", "co", "ltd", "bros", "ave", "blvd", "rd", "dept", "univ", "assn",
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky",
    "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa",
    "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "est", "etc",
    NULL,
};

/* Of those, the ones that also end sentences often (company suffixes,
 * words that are abbreviations only sometimes). Not "st": like "mt" and
 * "ft" it is mostly a prefix that opens a name (Saint, Mount, Fort: "West
 * Nile, St. Louis", "Port St. Lucie", "In St. Petersburg"), so a capitalised
 * word after it continues the name; its suffix reading ("Main St.") ends a
 * sentence when a function word opens the next one ("Main St. The house"),
 * which the rule for the other abbreviations already says. */
const char *const cx_english_weak_abbrevs[] = {
    "inc", "corp", "co", "ltd", "jr", "sr", "etc", "no", "wash", "la", "ind", "ill", "miss",
    "mass", "est", NULL,
};

/* Titles before a name. */
const char *const cx_english_honorifics[] = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "brig", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl",
    "pvt", "adm", "cmdr", "cdr", "gov", "sen", "rep", "pres", "rev", "fr", "hon", "supt", "insp",
    "det", "messrs", "sir", "dame", "lord", "lady", NULL,
};

/* Verbs of saying that attribute a quoted question or exclamation. */
const char *const cx_english_cue_verbs[] = {
    "said", "says", "asked", "asks", "told", "added", "replied", "wondered", "shouted", "yelled", "cried",
    "exclaimed", "wrote", "tweeted", "demanded", NULL,
};
