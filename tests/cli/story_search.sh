#!/usr/bin/env bash
# chorus stories --query and chorus digest --db --query: BM25 story search
# over a store (the index built on first use and caught up after a later
# ingest), and its bad input.
set -u
BIN=$1
SRC=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cat >"$TMP/a.jsonl" <<'JSONL'
{"id":"b1","source":"Herald","published":"2020-03-02T08:00:00Z","title":"Old Harbor Bridge closed after cracks found","text":"The city closed the Old Harbor Bridge on Monday after inspectors found cracks in the steel beams of its main span.\n\nEngineers said repairs of the bridge would take six weeks and cost four million crowns."}
{"id":"b2","source":"Daily","published":"2020-03-02T10:00:00Z","title":"Cracked beams shut harbor bridge","text":"Inspectors found cracks in the steel beams of the Old Harbor Bridge, and the city closed it to traffic on Monday.\n\nThe bridge carries thirty thousand vehicles a day; repairs will take six weeks, engineers said."}
{"id":"f1","source":"Herald","published":"2020-03-02T09:00:00Z","title":"Fishing fleet stays in port as storm nears","text":"The coastal fishing fleet stayed in port on Monday as a winter storm with gales of a hundred kilometres an hour approached the islands.\n\nForecasters expect the storm to pass by Wednesday, the weather office said."}
{"id":"f2","source":"Daily","published":"2020-03-02T11:00:00Z","title":"Storm keeps fishing boats in harbour","text":"Fishing boats stayed in harbour on Monday while a winter storm brought gales to the islands, forecasters said.\n\nThe weather office expects the storm to pass by Wednesday."}
JSONL
"$BIN" ingest --db "$TMP/s.db" "$TMP/a.jsonl" >/dev/null 2>&1 || fail "ingest"
"$BIN" stories --db "$TMP/s.db" --query "storm gales fishing" --format json >"$TMP/q.json" 2>"$TMP/err" ||
    fail "stories --query exit $?: $(cat "$TMP/err")"
python3 - "$TMP/q.json" <<'PY' || fail "storm query: $(cat "$TMP/q.json")"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["stories"]
assert s and "storm" in s[0]["title"].lower() and s[0]["matching"] >= 1 and s[0]["score"] > 0, s
assert all(a["score"] >= b["score"] for a, b in zip(s, s[1:]))
PY
"$BIN" stories --db "$TMP/s.db" --query "bridge cracks" | grep -q "^Ranked by relevance to: bridge cracks" || fail "md note"
# a later ingest is searched too (the index catches up)
cat >"$TMP/b.jsonl" <<'JSONL'
{"id":"v1","source":"Herald","published":"2020-03-05T08:00:00Z","title":"Volcano erupts on the northern island","text":"A volcano erupted on the northern island on Thursday, sending ash two kilometres into the sky, geologists said.\n\nFlights to the island were cancelled as the ash cloud drifted east."}
JSONL
"$BIN" ingest --db "$TMP/s.db" "$TMP/b.jsonl" >/dev/null 2>&1 || fail "second ingest"
"$BIN" stories --db "$TMP/s.db" --query "volcano ash" --format json | grep -q '"title": "Volcano erupts' ||
    fail "the index did not catch up with the second ingest"
# digest the best match, focused on the query
"$BIN" digest --db "$TMP/s.db" --query "bridge repairs" --format json >"$TMP/d.json" 2>"$TMP/err" ||
    fail "digest --query exit $?: $(cat "$TMP/err")"
grep -q "matches best" "$TMP/err" || fail "digest --query should say which story it took"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["focus"]["question"]=="bridge repairs" and "ridge" in d["title"], d["title"]' "$TMP/d.json" ||
    fail "digest --query: wrong story or no focus"
# bad input
"$BIN" stories --db "$TMP/s.db" --query "the of and" >/dev/null 2>&1; [ $? = 2 ] || fail "stop-word query should be a usage error"
"$BIN" digest --db "$TMP/s.db" --query "zeppelin xylophone" >/dev/null 2>&1; [ $? = 3 ] || fail "no match should exit 3"
"$BIN" stories --db "$TMP/missing.db" --query "storm" >/dev/null 2>&1; [ $? = 4 ] || fail "missing store should exit 4"
"$BIN" digest --query "storm" "$TMP/a.jsonl" >/dev/null 2>&1; [ $? = 2 ] || fail "--query without --db is a usage error"
echo "story_search: ok"
