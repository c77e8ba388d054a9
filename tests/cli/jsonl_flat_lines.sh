#!/usr/bin/env bash
# Article JSONL lines that are flat objects of strings are read without
# jansson (src/read/read_jsonl.c); every such line must read exactly as the
# full parser reads it. A member with a number sends a line to jansson, so
# each line's digest is compared with the digest of the same line plus
# '"zz": 1'. Lines the quick reader leaves to jansson (numbers, \u0000, lone
# surrogates, repeated keys, nested values, trailing bytes) still read or
# fail as before.
set -euo pipefail
chorus=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export CHORUS_CACHE_DIR=

body='The council voted on Monday to close the old bridge after engineers found cracks in its main span. The mayor said repairs would cost four million dollars and take two years. Commuters will use a ferry until the work is done, officials said.'
lines=(
  "{\"id\": \"a1\", \"source\": \"Herald\", \"url\": \"http://x.test/a\", \"published\": \"2020-01-06T10:00:00Z\", \"title\": \"Bridge closed\", \"author\": \"Ann Lee\", \"language\": \"en\", \"text\": \"$body\"}"
  "{\"text\":\"$body\",\"title\":\"Escapes: \\\"quoted\\\" \\\\ back\\/slash\",\"id\":\"a2\"}"
  "{ \"text\" :	\"Line one.\\n\\nLine two has a tab\\there, a return\\r and \\b\\f controls. $body\" , \"lang\" : \"en\" }"
  "{\"id\": \"a4\", \"language\": \"\", \"lang\": \"fr\", \"text\": \"$body\", \"extra\": \"ignored\"}"
  $'\xEF\xBB\xBF'"{\"id\": \"a5\", \"text\": \"$body\"}"$'\r'
  "{\"source\": \"Wire\", \"text\": \"$body\", \"published\": \"2020-01-07\"}   "
  "{\"id\": \"a7\", \"title\": \"Caf\\u00e9 \\u2019s \\ud83d\\ude00 \\u0041\\u00C9\", \"text\": \"The mayor\\u2019s caf\\u00e9 \\uD83D\\uDE00 closed. $body\"}"
)
i=0
for l in "${lines[@]}"; do
  i=$((i + 1))
  printf '%s\n' "$l" > "$dir/flat$i.jsonl"
  # the same line with a number first: read by jansson
  printf '%s\n' "$l" | sed 's/{/{"zz": 1, /' > "$dir/full$i.jsonl"
  "$chorus" digest --format json "$dir/flat$i.jsonl" > "$dir/flat$i.out" 2>&1 || fail "line $i: digest failed"
  "$chorus" digest --format json "$dir/full$i.jsonl" > "$dir/full$i.out" 2>&1 || fail "line $i: digest of the full parser failed"
  sed -i "s/full$i/flat$i/g" "$dir/full$i.out"
  cmp -s "$dir/flat$i.out" "$dir/full$i.out" || { diff "$dir/flat$i.out" "$dir/full$i.out" | head -5; fail "line $i reads differently"; }
done

# left to jansson: the same digests as the plain lines they spell
mkdir "$dir/u" "$dir/raw"
printf '%s\n' "{\"id\": \"u1\", \"text\": \"The mayor\\u2019s office said the bridge is closed. $body\"}" > "$dir/u/a.jsonl"
printf '%s\n' "{\"id\": \"u1\", \"text\": \"The mayor’s office said the bridge is closed. $body\"}" > "$dir/raw/a.jsonl"
"$chorus" digest --format md "$dir/u/a.jsonl" > "$dir/u.out"
"$chorus" digest --format md "$dir/raw/a.jsonl" > "$dir/raw.out"
cmp -s "$dir/u.out" "$dir/raw.out" || fail "a \\u escape reads differently"

# not articles: each skipped with the parser's reason, the good line kept
{
  printf '%s\n' "{\"id\": \"d\", \"id\": \"e\", \"text\": \"$body\"}"
  printf '%s\n' "{\"id\": \"n\", \"text\": \"$body\"} trailing"
  printf '%s\n' "{\"id\": \"t\", \"text\": \"\"}"
  printf '%s\n' "{\"id\": \"c\", \"text\": \"a control $(printf '\001') byte\"}"
  printf '%s\n' "{\"id\": \"s\", \"text\": \"a lone \\ud83d surrogate\"}"
  printf '%s\n' "{\"id\": \"z\", \"text\": \"a \\u0000 byte\"}"
  printf '%s\n' "{\"id\": \"ok\", \"text\": \"$body\"}"
} > "$dir/bad.jsonl"
set +e
"$chorus" digest --format json "$dir/bad.jsonl" > "$dir/bad.out" 2> "$dir/bad.err"
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "bad lines: exit $rc, expected 1"
grep -q 'duplicate' "$dir/bad.err" || fail "a repeated key is not reported"
grep -q 'bad.jsonl:2' "$dir/bad.err" || fail "trailing bytes are not reported"
grep -q 'no "text" string' "$dir/bad.err" || fail "an empty text is not reported"
grep -q 'bad.jsonl:4' "$dir/bad.err" || fail "a control character is not reported"
grep -q 'bad.jsonl:5' "$dir/bad.err" || fail "a lone surrogate is not reported"
grep -q 'bad.jsonl:6' "$dir/bad.err" || fail "an escaped NUL is not reported"
grep -q '"ok"' "$dir/bad.out" || fail "the good line is lost"
echo "jsonl flat lines: ok"
