#!/usr/bin/env bash
# Which language detector chorus uses: CLD2 (libcld2) against libexttextcat
# (LibreOffice's n-gram TextCat), both from Debian, on the sentences-dev texts:
# accuracy per language on whole documents and on their first sentence, and
# the time each takes over all of them. Builds two tiny programs against the
# installed libraries (libcld2-dev, libexttextcat-dev: install-deps.sh --all).
#
# usage: bench/langid_compare.sh
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$HERE/../../shared}
DATA=$SHARED/data/sentences-dev
[ -d "$DATA" ] || { echo "missing $DATA (the shared data)" >&2; exit 2; }
[ -f /usr/include/libexttextcat/textcat.h ] || { echo "libexttextcat-dev is not installed" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Records "LANG<TAB>doc|first<TAB>TEXT" separated by NUL bytes.
python3 - "$DATA" "$TMP/recs.bin" <<'PY'
import glob, json, os, sys
with open(sys.argv[2], "wb") as out:
    for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.jsonl"))):
        lang = os.path.basename(f).split("-")[0]
        for line in open(f, encoding="utf-8"):
            d = json.loads(line)
            out.write(f"{lang}\tdoc\t{d['text']}\0".encode())
            out.write(f"{lang}\tfirst\t{d['sentences'][0]}\0".encode())
PY
cat >"$TMP/cld.cc" <<'CC'
#include <cstdio>
#include <iostream>
#include <string>
#include <cld2/public/compact_lang_det.h>
int main() {
    std::string rec;
    while (std::getline(std::cin, rec, '\0')) {
        size_t a = rec.find('\t'), b = rec.find('\t', a + 1);
        std::string t = rec.substr(b + 1);
        bool reliable;
        CLD2::Language l = CLD2::DetectLanguage(t.data(), (int)t.size(), true, &reliable);
        printf("%s\t%s\n", rec.substr(0, b).c_str(), CLD2::LanguageCode(l));
    }
}
CC
cat >"$TMP/tc.c" <<'C'
#define _GNU_SOURCE
#include <libexttextcat/textcat.h>
#include <stdio.h>
#include <string.h>
int main(void) {
    void *h = special_textcat_Init("/usr/share/libexttextcat/fpdb.conf", "/usr/share/libexttextcat/");
    if (!h) return 1;
    char *line = NULL, first[64];
    size_t cap = 0;
    while (getdelim(&line, &cap, '\0', stdin) > 0) {
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t2) continue;
        *t2 = 0;
        const char *r = textcat_Classify(h, t2 + 1, strlen(t2 + 1));
        if (sscanf(r, "[%63[^]-]", first) != 1) strcpy(first, "un");
        printf("%s\t%s\n", line, first);
    }
    return 0;
}
C
g++ -O2 -o "$TMP/cld" "$TMP/cld.cc" -lcld2 || exit 1
gcc -O2 -o "$TMP/tc" "$TMP/tc.c" -lexttextcat-2.0 || exit 1
t0=$(date +%s%N); "$TMP/cld" <"$TMP/recs.bin" >"$TMP/cld.out"; t1=$(date +%s%N)
"$TMP/tc" <"$TMP/recs.bin" >"$TMP/tc.out"; t2=$(date +%s%N)
python3 - "$TMP/cld.out" "$TMP/tc.out" $(((t1 - t0) / 1000000)) $(((t2 - t1) / 1000000)) <<'PY'
import collections, sys
def acc(path):
    a = collections.defaultdict(lambda: [0, 0])
    for l in open(path, encoding="utf-8"):
        gold, kind, got = l.rstrip("\n").split("\t")
        a[(gold, kind)][0] += got.split("-")[0] == gold
        a[(gold, kind)][1] += 1
    return a
c, t = acc(sys.argv[1]), acc(sys.argv[2])
print("## Language detection: CLD2 against libexttextcat (sentences-dev)")
print()
print("| language | CLD2 documents | TextCat documents | CLD2 first sentence | TextCat first sentence |")
print("|---|---:|---:|---:|---:|")
for lang in sorted({g for g, _ in c}):
    r = lambda a, k: a[(lang, k)][0] / a[(lang, k)][1]
    print(f"| {lang} | {r(c,'doc'):.3f} | {r(t,'doc'):.3f} | {r(c,'first'):.3f} | {r(t,'first'):.3f} |")
tot = lambda a, k: sum(v[0] for (g, kk), v in a.items() if kk == k) / sum(v[1] for (g, kk), v in a.items() if kk == k)
print(f"| all | {tot(c,'doc'):.3f} | {tot(t,'doc'):.3f} | {tot(c,'first'):.3f} | {tot(t,'first'):.3f} |")
print()
print(f"Time over all {sum(v[1] for v in c.values())} texts (wall, one run): CLD2 {sys.argv[3]} ms, TextCat {sys.argv[4]} ms.")
PY
