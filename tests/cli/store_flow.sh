#!/usr/bin/env bash
# The monitoring path as a new user runs it: ingest a feed into a store, list
# its stories, digest one; ingesting the same feed again changes nothing.
# usage: store_flow.sh CHORUS_BINARY SOURCE_DIR
set -u
chorus=$1
src=$2
feed=$src/../shared/data/duc2007-stream/articles.jsonl
gold=$src/../shared/data/duc2007-stream/gold.tsv
. "$src/tests/lib/require_shared.sh"
require_shared "$feed"
fail() { echo "store_flow: FAIL: $*" >&2; exit 1; }
[ -f "$feed" ] && [ -f "$gold" ] || fail "test data missing: $feed"
command -v python3 >/dev/null || fail "python3 is needed to read the JSON output"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

"$chorus" ingest --db news.db "$feed" > ingest.out 2> ingest.err || fail "ingest exit $?: $(cat ingest.err)"
[ ! -s ingest.err ] || fail "ingest wrote to stderr (not a terminal, so no progress line): $(cat ingest.err)"
articles=$(grep -c . "$feed")
grep -q "^read  *$articles\$" ingest.out || fail "ingest should read $articles articles: $(cat ingest.out)"
new=$(awk '$1 == "new" && NF == 2 {print $2}' ingest.out)
dups=$(awk '$1 == "duplicates" {print $2}' ingest.out)
already=$(awk '$1 == "already" {print $3}' ingest.out)
[ $((new + dups + already)) = "$articles" ] || fail "new + duplicates + already stored != read: $(cat ingest.out)"
[ "$new" -gt $((articles * 9 / 10)) ] || fail "only $new new reports out of $articles"

"$chorus" stories --db news.db > stories.md || fail "stories exit $?"
head -1 stories.md | grep -q "^# Stories in news.db" || fail "stories: no heading: $(head -3 stories.md)"
"$chorus" stories --db news.db --format json > stories.json || fail "stories --format json exit $?"
topics=$(tail -n +2 "$gold" | cut -f2 | sort -u | wc -l)
read -r count first_id first_size sum_size big big_size < <(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d["stories"]
assert d["count"] == len(s)
assert all(a["size"] >= b["size"] for a, b in zip(s, s[1:])), "not sorted by size"
assert all(x["title"] and x["n_outlets"] == len(x["outlets"]) >= 1 for x in s)
assert all(x["first_seen"] <= x["last_seen"] for x in s)
big = [x["size"] for x in s if x["size"] >= 5]
print(len(s), s[0]["id"], s[0]["size"], sum(x["size"] for x in s), len(big), sum(big))' stories.json) ||
    fail "stories JSON is not as documented"
[ "$sum_size" = "$new" ] || fail "story sizes add up to $sum_size, not the $new reports stored"
# Stories are events inside the DUC topics (which span months or years):
# more stories than topics, and not one story for all.
[ "$count" -ge "$topics" ] || fail "$count stories for $topics topics: stories should be events within topics"
[ $((first_size * 4)) -le "$new" ] || fail "the largest story holds $first_size of $new reports"
[ "$count" -lt "$new" ] || fail "$count stories for $new reports: one per article"
[ "$first_size" -ge 5 ] || fail "largest story has only $first_size reports"
lines=$(grep -c '^| [0-9]' stories.md)
[ "$lines" = "$count" ] || fail "markdown lists $lines stories, JSON $count"

"$chorus" stories --db news.db --limit 3 --format json | python3 -c '
import json, sys; assert json.load(sys.stdin)["count"] == 3' || fail "--limit 3"
"$chorus" stories --db news.db --since 2099-01-01 --format json | python3 -c '
import json, sys; assert json.load(sys.stdin)["count"] == 0' || fail "--since in the future lists stories"
"$chorus" stories --db news.db --since 1h > /dev/null || fail "--since 1h exit $?"
"$chorus" stories --db news.db --since tomorrow > /dev/null 2>&1; [ $? = 2 ] || fail "bad --since is a usage error"

"$chorus" digest --db news.db --story "$first_id" > digest.md 2> digest.err || fail "digest exit $?: $(cat digest.err)"
head -1 digest.md | grep -q '^# .' || fail "digest has no title: $(head -3 digest.md)"
grep -q '^## Summary' digest.md || fail "digest has no summary"
bullets=$(grep -c '^- .*\[[A-Z]' digest.md)
[ "$bullets" -ge 3 ] || fail "digest summary has $bullets attributed sentences"
grep -q "^$first_size articles from" digest.md || fail "digest should use the story's $first_size reports"

"$chorus" digest --db news.db --story "$first_id" --max-reports 5 > capped.md 2> capped.err ||
    fail "--max-reports 5 exit $?"
grep -q "^5 articles from" capped.md || fail "--max-reports 5 should digest 5 reports: $(head -3 capped.md)"
grep -q "has $first_size reports; the 5 latest are digested" capped.err || fail "--max-reports: $(cat capped.err)"

# --new-since: everything was ingested in the last hour, nothing after now.
"$chorus" digest --db news.db --story "$first_id" --new-since 1h > new.md 2>&1 || fail "--new-since 1h exit $?"
grep -q "$first_size new report(s); 0 earlier report(s) already known" new.md || fail "--new-since 1h: $(tail -2 new.md)"
"$chorus" digest --db news.db --story "$first_id" --new-since 2099-01-01 > /dev/null 2> none.err
[ $? = 3 ] || fail "--new-since in the future should find no input"
grep -q "$first_size earlier" none.err || fail "--new-since should count the earlier reports: $(cat none.err)"
"$chorus" digest --db news.db --story 999999 > /dev/null 2>&1; [ $? = 3 ] || fail "unknown story should exit 3"
"$chorus" digest --db news.db > /dev/null 2>&1; [ $? = 2 ] || fail "--db without --story is a usage error"
"$chorus" stories --db missing.db > /dev/null 2>&1; [ $? = 4 ] || fail "a missing store should exit 4"
[ ! -e missing.db ] || fail "stories created a store"

# --new-since after a second ingest: the digest covers the reports of the
# second run only, and says how many the first run had stored.
awk 'NR % 3 != 0' "$feed" > part1.jsonl # every topic gets reports in both runs
awk 'NR % 3 == 0' "$feed" > part2.jsonl
"$chorus" ingest --db split.db part1.jsonl > /dev/null || fail "ingest part 1"
sleep 1.1
since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
"$chorus" ingest --db split.db part2.jsonl > /dev/null || fail "ingest part 2"
if command -v sqlite3 > /dev/null; then
    at=$(date -u -d "$since" +%s)
    read -r sid n_old n_new < <(sqlite3 -separator ' ' split.db "SELECT story_id,
        sum(ingested_at < $at), sum(ingested_at >= $at) FROM articles JOIN story_members
        ON article_id = id WHERE duplicate_of IS NULL
        GROUP BY story_id HAVING sum(ingested_at < $at) > 0 AND sum(ingested_at >= $at) >= 3
        ORDER BY count(*) DESC LIMIT 1")
    [ -n "$sid" ] || fail "no story got reports in both runs"
    "$chorus" digest --db split.db --story "$sid" --new-since "$since" > split.md 2> split.err ||
        fail "--new-since $since exit $?: $(cat split.err)"
    grep -q "^# ." split.md || fail "--new-since digest has no title"
    grep -q "only what is new since $since: $n_new new report(s); $n_old earlier report(s) already known" split.md ||
        fail "--new-since note should count $n_new new and $n_old earlier reports: $(tail -1 split.md)"
fi

# Every stored article in exactly one story, read back through the CLI; and
# topics: every article in one topic, every story in a topic (a story the
# topic pass divides is in each topic holding its reports), DUC topics found
# (B-cubed >= 0.85), and the same topics as `chorus cluster --level topic`
# gives for the same feed (the store makes the same decisions).
"$chorus" stories --db news.db --format json --articles > members.json || fail "stories --articles exit $?"
"$chorus" stories --db news.db --topics --format json --articles > topics.json || fail "stories --topics exit $?"
"$chorus" stories --db news.db --topics > topics.md || fail "stories --topics (markdown) exit $?"
grep -q "^# Topics in news.db" topics.md || fail "topics: no heading: $(head -3 topics.md)"
# Every input id is listed (a record stored once for two ids lists both).
python3 - members.json topics.json "$((new + dups + already))" > topic.tsv <<'PY' || fail "--articles / --topics JSON is not as documented"
import json, sys
s = json.load(open(sys.argv[1]))["stories"]
t = json.load(open(sys.argv[2]))["topics"]
ids = [a for x in s for a in x["articles"]]
assert len(ids) == len(set(ids)) == int(sys.argv[3]), (len(ids), len(set(ids)), sys.argv[3])
topic_of = {}
for topic in t:
    for a in topic["articles"]:
        assert a not in topic_of, "an article in two topics"
        topic_of[a] = topic["id"]
assert set(topic_of) == set(ids), "articles without a topic"
listed = {sid: {x["id"] for x in t if sid in x["stories"]} for x in t for sid in x["stories"]}
assert set(listed) == {x["id"] for x in s}, "stories without a topic"
for x in s:
    assert {topic_of[a] for a in x["articles"]} == listed[x["id"]], "a story listed under a topic without its reports"
assert sum(x["size"] for x in t) == sum(x["size"] for x in s), "topic sizes do not add up to the stories'"
for x in t:  # its parts of stories: the stories nested in the topic
    assert [p["story"] for p in x["parts"]] == x["stories"], "parts and stories differ"
    assert [a for p in x["parts"] for a in p["articles"]] == x["articles"], "parts and articles differ"
    assert sum(p["size"] for p in x["parts"]) == x["size"], "part sizes do not add up"
for a in ids:
    print(f"{a}\t{topic_of[a]}")
PY
tf1=$("$chorus" eval clusters --format tsv --gold "$gold" --pred topic.tsv 2>/dev/null | awk -F'\t' 'NR == 2 { print $8 }')
awk -v f="$tf1" 'BEGIN { exit !(f >= 0.85) }' || fail "topics from the store: B-cubed F1 $tf1 on DUC 2007 topics"
"$chorus" cluster --level topic "$feed" > cluster-topics.tsv || fail "cluster --level topic exit $?"
{ printf 'id\ttopic\n'; cat cluster-topics.tsv; } > cluster-gold.tsv
same=$("$chorus" eval clusters --format tsv --gold cluster-gold.tsv --pred topic.tsv 2>/dev/null | awk -F'\t' 'NR == 2 { print $8 }')
[ "$same" = "1.0000" ] || fail "the store's topics differ from chorus cluster's on the same feed (B-cubed $same)"

# Again: idempotent, and nothing moves.
"$chorus" ingest --db news.db "$feed" > again.out 2>&1 || fail "second ingest exit $?"
grep -q "^already stored  *$((new + dups + already))\$" again.out || fail "second ingest: $(cat again.out)"
grep -q "^new  *0\$" again.out || fail "second ingest stored new articles: $(cat again.out)"
grep -q "^moved  *0\$" again.out || fail "second ingest moved articles: $(cat again.out)"

# Clustering options are remembered by the store; bad ones are usage errors.
"$chorus" ingest --db opts.db --window-days 3 --online part1.jsonl > /dev/null || fail "ingest with options"
if command -v sqlite3 > /dev/null; then
    [ "$(sqlite3 opts.db "SELECT value FROM settings WHERE name = 'window-days'")" = "3.0" ] ||
        fail "the window is not remembered: $(sqlite3 opts.db 'SELECT * FROM settings')"
fi
"$chorus" ingest --db opts.db --join 2 part2.jsonl > /dev/null 2>&1; [ $? = 2 ] || fail "--join 2 is not a usage error"
echo "store_flow: ok ($count stories for $topics topics, topics from the store B-cubed F1 $tf1; digest of story $first_id)"
