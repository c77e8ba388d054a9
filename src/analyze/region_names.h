/* Countries and regions by name, from ICU's display names of every ISO
 * 3166 region (uloc_getISOCountries, uloc_getDisplayCountry) in English and
 * in an article's language, so "United States", "Vereinigte Staaten" and
 * "États-Unis" are one place with no list kept here. A name's initials and
 * its dotted or undotted acronym fold onto it ("U.S.", "US", "UK", "UAE")
 * unless two regions share them. */
#ifndef CHORUS_REGION_NAMES_H
#define CHORUS_REGION_NAMES_H

#include <stddef.h>

/* The ISO code ("US") of the region named s[0, n) (case and dots ignored;
 * a leading "the" allowed) in English or in lang (ISO 639-1, NULL for
 * English only), written to code (3 bytes). 1 when found, 0 when not,
 * negative on an allocation failure. Thread-safe. */
int cx_region_code(const char *lang, const char *s, size_t n, char code[3]);

#endif
