// CLD2 (Compact Language Detector 2, Debian's libcld2) behind one C call:
// its API is C++ only. Chosen over libexttextcat after measuring both on
// the sentences-dev texts (bench/RESULTS.md): right more often, on whole
// documents and on single sentences, and several times faster.
//
// The library is loaded on the first detection, not with the program:
// libcld2 brings the shared C++ runtime, whose loading and symbol binding
// cost a short command more than its own work, and commands that are given
// the language (or detect nothing) never need it.
#include <dlfcn.h>
#include <pthread.h>

#include <cstdio>
#include <cstring>

#include <cld2/public/compact_lang_det.h>

#include "language_internal.h"

// Debian 12's libcld2-0 soname (the unversioned name is only in -dev).
#define CLD2_SONAME "libcld2.so.0"

namespace {
using detect_fn = CLD2::Language (*)(const char *, int, bool, CLD2::Language *, int *, int *, bool *);
using code_fn = const char *(*)(CLD2::Language);
pthread_once_t once = PTHREAD_ONCE_INIT;
detect_fn detect;
code_fn code_of;
// the pointer types match the header's declarations (unevaluated: no link)
static_assert(sizeof(static_cast<detect_fn>(&CLD2::DetectLanguageSummary)) == sizeof(detect_fn), "CLD2 API");
static_assert(sizeof(static_cast<code_fn>(&CLD2::LanguageCode)) == sizeof(code_fn), "CLD2 API");

void load()
{
    void *h = dlopen(CLD2_SONAME, RTLD_LAZY | RTLD_LOCAL);
    if (!h) h = dlopen("libcld2.so", RTLD_LAZY | RTLD_LOCAL);
    if (!h) return;
    // the mangled names of CLD2::DetectLanguageSummary (the 7-argument form)
    // and CLD2::LanguageCode
    void *d = dlsym(h, "_ZN4CLD221DetectLanguageSummaryEPKcibPNS_8LanguageEPiS4_Pb");
    void *c = dlsym(h, "_ZN4CLD212LanguageCodeENS_8LanguageE");
    if (!d || !c) {
        dlclose(h);
        return;
    }
    std::memcpy(&detect, &d, sizeof detect);
    std::memcpy(&code_of, &c, sizeof code_of);
}
} // namespace

extern "C" int cx_cld2_available(void)
{
    pthread_once(&once, load);
    return detect != nullptr;
}

extern "C" int cx_cld2_detect(const char *text, int n, char *code, size_t cap)
{
    if (!cx_cld2_available()) {
        std::snprintf(code, cap, "un");
        return 0;
    }
    bool reliable = false;
    CLD2::Language top3[3];
    int percent3[3], text_bytes = 0;
    CLD2::Language lang = detect(text, n, true, top3, percent3, &text_bytes, &reliable);
    // CLD2 answers English when it scored nothing (no letters): unknown
    const char *c = text_bytes > 0 && top3[0] != CLD2::UNKNOWN_LANGUAGE ? code_of(lang) : "un";
    if (!c) c = "un";
    std::snprintf(code, cap, "%s", c);
    return reliable ? 1 : 0;
}
