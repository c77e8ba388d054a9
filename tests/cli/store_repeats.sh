#!/usr/bin/env bash
# A record that repeats a stored one (same outlet and text) under another id
# is stored once, yet every input id is listed with its story
# (stories --format json --articles), in the same call and in a later one.
# usage: store_repeats.sh CHORUS_BINARY SOURCE_DIR
set -u
chorus=$1
fail() { echo "store_repeats: FAIL: $*" >&2; exit 1; }
command -v python3 >/dev/null || fail "python3 is needed to read the JSON output"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
body='The city council approved the new harbour budget on Tuesday after a long debate about dredging costs.'
other='Heavy snow closed the mountain pass and stranded hundreds of drivers overnight near the border.'
printf '{"id": "a1", "source": "Gazette", "title": "Harbour budget passes", "text": "%s"}\n' "$body" > one.jsonl
printf '{"id": "a2", "source": "Gazette", "title": "Harbour budget passes", "text": "%s"}\n' "$body" >> one.jsonl
printf '{"id": "b1", "source": "Courier", "title": "Snow closes pass", "text": "%s"}\n' "$other" >> one.jsonl
printf '{"id": "a3", "source": "Gazette", "title": "Harbour budget passes", "text": "%s"}\n' "$body" > two.jsonl
printf '{"id": "a1", "source": "Gazette", "title": "Harbour budget passes", "text": "%s"}\n' "$body" >> two.jsonl
"$chorus" ingest --db news.db one.jsonl > one.out 2>&1 || fail "ingest exit $?: $(cat one.out)"
grep -q '^already stored  *1$' one.out || fail "a2 should be counted as already stored: $(cat one.out)"
"$chorus" ingest --db news.db two.jsonl > two.out 2>&1 || fail "second ingest exit $?: $(cat two.out)"
"$chorus" stories --db news.db --format json --articles > stories.json || fail "stories exit $?"
python3 - stories.json <<'PY' || fail "ids of repeated records not listed with their story: $(cat stories.json)"
import json, sys
stories = json.load(open(sys.argv[1]))["stories"]
story_of = {}
for s in stories:
    for a in s["articles"]:
        assert a not in story_of, f"{a} listed twice"
        story_of[a] = s["id"]
assert sorted(story_of) == ["a1", "a2", "a3", "b1"], sorted(story_of)
assert story_of["a1"] == story_of["a2"] == story_of["a3"], story_of
assert story_of["b1"] != story_of["a1"], story_of
PY
exit 0
