// CLD2 (Compact Language Detector 2, Debian's libcld2) behind one C call:
// its API is C++ only. Chosen over libexttextcat after measuring both on
// the sentences-dev texts (bench/RESULTS.md): right more often, on whole
// documents and on single sentences, and several times faster.
#include <cstdio>
#include <cstring>

#include <cld2/public/compact_lang_det.h>

#include "language_internal.h"

extern "C" int cx_cld2_detect(const char *text, int n, char *code, size_t cap)
{
    bool reliable = false;
    CLD2::Language top3[3];
    int percent3[3], text_bytes = 0;
    CLD2::Language lang = CLD2::DetectLanguageSummary(text, n, true, top3, percent3, &text_bytes, &reliable);
    // CLD2 answers English when it scored nothing (no letters): unknown
    const char *c = text_bytes > 0 && top3[0] != CLD2::UNKNOWN_LANGUAGE ? CLD2::LanguageCode(lang) : "un";
    if (!c) c = "un";
    std::snprintf(code, cap, "%s", c);
    return reliable ? 1 : 0;
}
