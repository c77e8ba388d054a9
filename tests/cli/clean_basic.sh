#!/usr/bin/env bash
# `chorus clean` on a scraped page written here: the article's paragraphs
# come out (a one-sentence quote and a dateline included), menus, share
# bars, cookie notices and comments do not; --explain gives every line a
# verdict and a reason; JSON digests list the kept sentences.
set -euo pipefail
chorus=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cat >"$tmp/page.txt" <<'TXT'
Flood forces evacuation | Valley Courier
Home
World
Sport
Share on Facebook
Flood forces evacuation
VALLEY TOWN, March 5
The river rose by two metres overnight, flooding the lower town, and the mayor ordered an evacuation of every street below the old bridge.
"We had no choice," the mayor said.
Emergency crews, working through heavy rain, moved more than four hundred residents to the school, where the Red Cross set up beds.
Skip to main content
TXT

"$chorus" clean "$tmp/page.txt" >"$tmp/out" 2>"$tmp/err" || fail "clean exited $?: $(cat "$tmp/err")"
grep -q 'The river rose by two metres' "$tmp/out" || fail "article paragraph lost: $(cat "$tmp/out")"
grep -q 'We had no choice' "$tmp/out" || fail "one-sentence quote lost: $(cat "$tmp/out")"
grep -q 'Emergency crews' "$tmp/out" || fail "last paragraph lost: $(cat "$tmp/out")"
grep -q 'Share on Facebook' "$tmp/out" && fail "share button kept: $(cat "$tmp/out")"
grep -q 'Skip to main' "$tmp/out" && fail "skip link kept: $(cat "$tmp/out")"

"$chorus" clean --explain "$tmp/page.txt" >"$tmp/explain" || fail "clean --explain exited $?"
[ "$(wc -l <"$tmp/explain")" -eq "$(wc -l <"$tmp/page.txt")" ] || fail "explain does not give every line: $(cat "$tmp/explain")"
awk -F'\t' 'NF < 3 || ($1 != "keep" && $1 != "drop" && $1 != "title") || ($1 == "drop" && $2 == "-") {bad=1} END {exit bad}' \
    "$tmp/explain" || fail "explain lines are not VERDICT<TAB>REASON<TAB>TEXT: $(cat "$tmp/explain")"

# several articles: a header each
"$chorus" clean "$src/examples/story/coastal-daily.txt" "$src/examples/story/harbor-herald.txt" >"$tmp/two"
[ "$(grep -c '^==> .* <==$' "$tmp/two")" -eq 2 ] || fail "expected two article headers: $(head -5 "$tmp/two")"

# the digest's JSON lists each article's kept sentences
"$chorus" digest --format json "$src/examples/story/coastal-daily.txt" >"$tmp/d.json"
python3 - "$tmp/d.json" <<'PY' || fail "articles[].sentences is not a list of strings"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["articles"][0]["sentences"]
assert isinstance(s, list) and s and all(isinstance(x, str) for x in s)
PY

# a Japanese page: its paragraphs (no spaces between words) are running text
cat >"$tmp/ja.txt" <<'TXT'
大雨で休校 | 市民新聞
ホーム
ニュース
天気
大雨で休校
市の教育委員会は火曜日、大雨のため市内のすべての小学校と中学校を休校にすると発表した。
気象庁によると、雨は水曜日の朝まで続く見込みで、川の近くに住む人は早めに避難するよう呼びかけている。
関連記事
お問い合わせ
TXT
"$chorus" clean "$tmp/ja.txt" >"$tmp/ja.out" 2>"$tmp/err" || fail "Japanese page: exit $?: $(cat "$tmp/err")"
grep -q '市の教育委員会は火曜日' "$tmp/ja.out" || fail "Japanese paragraph dropped: $(cat "$tmp/ja.out")"
grep -q '気象庁によると' "$tmp/ja.out" || fail "Japanese paragraph dropped: $(cat "$tmp/ja.out")"
grep -q 'お問い合わせ' "$tmp/ja.out" && fail "Japanese menu kept: $(cat "$tmp/ja.out")"

# a text that opens with a brace is text, not JSON lines
printf '{orga your life} - tidy homes | Blog\nA tidy home starts with one drawer: empty it, sort what was in it and put back only what you use every week.\n' >"$tmp/brace.txt"
"$chorus" clean "$tmp/brace.txt" >"$tmp/brace.out" 2>"$tmp/err" || fail "brace text: exit $?: $(cat "$tmp/err")"
grep -q 'A tidy home starts' "$tmp/brace.out" || fail "brace text read as JSON: $(cat "$tmp/err")"

# soft hyphens (U+00AD) are printed as written: a passage copied from the page is found in the output
printf 'Die Wahl | Zeitung\nDie Wahl\nDie Ge\xc2\xadmein\xc2\xadde hat am Sonntag einen neuen Rat gew\xc3\xa4hlt, und die Be\xc2\xadtei\xc2\xadli\xc2\xadgung war so hoch wie nie zuvor.\nDer neue Rat trifft sich zum ersten Mal im Januar, wie die Verwaltung am Montag mitteilte.\n' >"$tmp/shy.txt"
"$chorus" clean "$tmp/shy.txt" >"$tmp/shy.out" 2>"$tmp/err" || fail "soft hyphens: exit $?: $(cat "$tmp/err")"
grep -q $'Be\xc2\xadtei\xc2\xadli\xc2\xadgung war so hoch' "$tmp/shy.out" || fail "soft hyphens not kept as written: $(cat "$tmp/shy.out")"
grep -q 'Der neue Rat trifft sich' "$tmp/shy.out" || fail "line after the soft-hyphen line lost: $(cat "$tmp/shy.out")"

# a text file with a few NUL bytes is read (with a warning), not skipped as binary
printf 'Stadt baut Br\xc3\xbccke | Zeitung\n\0\0\0\nDie Stadt baut eine neue Br\xc3\xbccke \xc3\xbcber den Fluss, die im Herbst fertig sein soll, sagte der B\xc3\xbcrgermeister.\n' >"$tmp/nul.txt"
"$chorus" clean "$tmp/nul.txt" >"$tmp/nul.out" 2>"$tmp/err" || fail "NUL bytes: exit $?: $(cat "$tmp/err")"
grep -q 'Die Stadt baut eine neue' "$tmp/nul.out" || fail "text with NUL bytes lost: $(cat "$tmp/err")"
grep -q 'nul.txt: warning: 3 NUL bytes' "$tmp/err" || fail "NUL bytes not reported: $(cat "$tmp/err")"

# bad input: a missing file is reported, exit 3 when nothing is left
set +e
"$chorus" clean "$tmp/missing.txt" >/dev/null 2>"$tmp/err"; rc=$?
set -e
[ "$rc" -eq 3 ] || fail "missing input: exit $rc"
grep -q missing.txt "$tmp/err" || fail "missing input not named: $(cat "$tmp/err")"
echo ok
