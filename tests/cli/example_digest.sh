#!/usr/bin/env bash
# The bundled example digests cleanly in every format, within its budget.
set -euo pipefail
chorus=$1
src=$2
fail() { echo "FAIL: $*"; exit 1; }
ex="$src/examples/story"
md=$("$chorus" digest "$ex"/*) || fail "digest failed"
grep -q "^# Karsvik" <<<"$md" || fail "title not taken from a headline"
grep -q "Nordic Wire" <<<"$md" || fail "outlet from JSONL missing"
grep -q "1 duplicate article" <<<"$md" || fail "the syndicated copy was not recognised"
grep -q "Subscribe" <<<"$(sed -n '/## Summary/,/## Dropped/p' <<<"$md")" && fail "boilerplate in the summary"
text=$("$chorus" digest --format summary --words 40 "$ex"/*) || fail "summary digest failed"
words=$(wc -w <<<"$text")
[ "$words" -le 40 ] && [ "$words" -gt 0 ] || fail "--words 40 gave $words words"
bytes=$("$chorus" digest --format summary --bytes 200 "$ex"/* | wc -c)
[ "$bytes" -le 200 ] || fail "--bytes 200 gave $bytes bytes"
"$chorus" digest --format json "$ex"/* | python3 -c "
import json, sys
d = json.load(sys.stdin)
assert d['schema'] == 'chorus.digest/1' and d['summary'], 'empty summary'
assert all(s['outlets'] for s in d['summary'])
assert any(a['duplicate_of'] for a in d['articles'])
" || fail "JSON digest"
# The plain-text digest: the summary sentences with their outlets, then the sources.
plain=$("$chorus" digest --format text "$ex"/*) || fail "text digest failed"
full=$("$chorus" digest --format summary "$ex"/*)
while IFS= read -r sentence; do
    grep -qF -- "- $sentence [" <<<"$plain" || fail "text digest lacks the summary sentence: $sentence"
done <<<"$full"
grep -q "^SOURCES$" <<<"$plain" || fail "text digest has no sources"
grep -q "^1\. Nordic Wire" <<<"$plain" || grep -q "Nordic Wire, 20[0-9-]*T" <<<"$plain" ||
    fail "text digest sources lack the outlet and ISO date"
echo "example digest: ok"
