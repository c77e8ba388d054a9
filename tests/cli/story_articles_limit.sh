#!/usr/bin/env bash
# The story-articles limit: a digest holds at most that many articles of one
# story in memory. Over files the first ones read are kept and one message
# names the first left out and how many; over a store the latest are kept
# and the message names the story. Never silent: exit status 1.
set -uo pipefail
chorus=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# six reports of one event, one outlet each, a day apart
python3 - "$dir/story.jsonl" <<'PY'
import json, sys
outlets = ["Harbour Gazette", "Valley Post", "Town News", "Coast Wire", "Morning Ledger", "River Times"]
with open(sys.argv[1], "w") as f:
    for i, o in enumerate(outlets):
        text = ("Floodwater from the Ardent river closed the Kell bridge on Monday, officials said. "
                "Crews moved 40 families from homes near the bridge in Marlow overnight. "
                "The mayor of Marlow said repairs to the Kell bridge would take %d weeks. " % (2 + i) +
                "Report %d from %s added that the river had risen two metres." % (i, o))
        f.write(json.dumps({"id": "s%d" % i, "source": o, "title": "Kell bridge closed by flood",
                            "published": "2026-03-0%dT08:00:00Z" % (i + 1), "text": text}) + "\n")
PY

# over files: all six fit under the default; with a limit of 4, two are left out
"$chorus" digest --format json "$dir/story.jsonl" > "$dir/all.json" 2> "$dir/all.err"
[ $? -eq 0 ] || { cat "$dir/all.err"; fail "digest of six reports failed"; }
"$chorus" digest --max story-articles=4 --format json "$dir/story.jsonl" > "$dir/cut.json" 2> "$dir/cut.err"
code=$?
[ $code -eq 1 ] || { cat "$dir/cut.err"; fail "over files: exit $code, expected 1 (articles left out)"; }
grep -q "story.jsonl:5: skipped: 2 articles from here on left out: a story is digested from 4 articles at most (limit story-articles)" \
    "$dir/cut.err" || { cat "$dir/cut.err"; fail "over files: no message naming the first left out and how many"; }
[ "$(grep -c 'left out' "$dir/cut.err")" -eq 1 ] || fail "over files: one message, not one per article"
python3 - "$dir/cut.json" <<'PY' || fail "over files: the JSON digest should hold 4 articles and say 2 were left out"
import json, sys
d = json.load(open(sys.argv[1]))
srcs = d.get("sources") or d.get("articles") or []
assert len(srcs) == 4, len(srcs)
assert "left out" in json.dumps(d.get("skipped", d)), "skipped entry missing"
PY
# the same limit for quotes and clean, which analyse their inputs as one story
"$chorus" --max story-articles=4 quotes "$dir/story.jsonl" > /dev/null 2> "$dir/q.err"
[ $? -eq 1 ] && grep -q "2 articles from here on left out" "$dir/q.err" || fail "quotes: limit not applied"
# extract streams: no story limit there
[ "$("$chorus" --max story-articles=4 extract "$dir/story.jsonl" | grep -c '^{')" -eq 6 ] ||
    fail "extract should not be limited by story-articles"

# over a store: the latest reports are kept, the message names the story
"$chorus" ingest --db "$dir/news.db" "$dir/story.jsonl" > /dev/null 2>&1 || fail "ingest failed"
story=$("$chorus" stories --db "$dir/news.db" --format json 2>/dev/null |
    python3 -c 'import json,sys; d=json.load(sys.stdin); s=d["stories"] if isinstance(d,dict) else d; print(max(s, key=lambda x: x.get("reports", x.get("articles", 0)))["id"])') ||
    fail "cannot list the store's stories"
"$chorus" digest --db "$dir/news.db" --story "$story" --max story-articles=3 > /dev/null 2> "$dir/db.err"
code=$?
[ $code -eq 1 ] || { cat "$dir/db.err"; fail "store: exit $code, expected 1 (reports left out at a limit)"; }
grep -q "story $story has [0-9]* reports; the 3 latest are digested, [0-9]* left out (limit story-articles)" "$dir/db.err" ||
    { cat "$dir/db.err"; fail "store: no message naming the story and how many were left out"; }
echo ok
