#!/usr/bin/env bash
# chorus cluster and chorus eval clusters, end to end: a small hand-made feed
# (two stories, one edited copy, one broken line), the DUC 2007 stream scored
# against its gold topics, and the scorer on a hand-made example.
# usage: cluster_basic.sh CHORUS_BINARY SOURCE_DIR
set -uo pipefail
chorus=$1
src=$2
data=$src/../shared/data/duc2007-stream
. "$src/tests/lib/require_shared.sh"
require_shared "$data"
fail() { echo "cluster_basic: FAIL: $*" >&2; exit 1; }
[ -f "$data/articles.jsonl" ] || fail "$data/articles.jsonl is missing (evaluation data is required)"
dir=$(mktemp -d /tmp/chorus-cluster-test.XXXXXX)
trap 'rm -rf "$dir"' EXIT

bridge='The city council of Northport voted on Tuesday to rebuild the old harbour bridge, which has been closed to traffic since a winter storm damaged two of its stone pillars. Mayor Helen Castillo said the reconstruction would begin in the spring and take about eighteen months.\n\nEngineers from the regional transport agency told the council that the new bridge would rest on steel piles driven deep into the harbour bed and would carry two lanes of traffic and a cycle path. The work is expected to cost forty million euros, most of it paid by the regional government.'
copy=${bridge/would begin/would start}
match='Rivertown United won the regional football cup on Saturday, beating Lakeside Rovers three goals to one in a final played before twelve thousand supporters at the Meadow Park stadium.\n\nStriker Jonas Albrecht scored twice in the first half, and goalkeeper Pavel Novak saved a penalty before the break. Coach Maria Lindqvist dedicated the trophy, the first for the club in eleven seasons, to the supporters.'
match2='A brace from Jonas Albrecht gave Rivertown United the regional cup, their first trophy in eleven seasons. United beat Lakeside Rovers 3-1 in the final at Meadow Park, where goalkeeper Pavel Novak stopped a penalty.\n\nCoach Maria Lindqvist praised the twelve thousand supporters who filled the stadium for the final against the Rovers.'
{
    printf '{"id": "m2", "published": "2024-03-06T09:00:00Z", "title": "Albrecht brace wins the cup", "text": "%s"}\n' "$match2"
    printf '{"id": "b1", "published": "2024-03-05T08:00:00Z", "title": "Harbour bridge to be rebuilt", "text": "%s"}\n' "$bridge"
    printf '{"id": "broken", "text": \n'
    printf '{"id": "m1", "published": "2024-03-05T20:00:00Z", "title": "Rivertown wins the cup", "text": "%s"}\n' "$match"
    printf '{"id": "b2", "published": "2024-03-05T09:30:00Z", "title": "Northport approves bridge", "text": "%s"}\n' "$copy"
} > "$dir/feed.jsonl"

"$chorus" cluster --explain "$dir/feed.jsonl" > "$dir/out.tsv" 2> "$dir/err.txt"
rc=$?
[ $rc -eq 1 ] || fail "a broken line should give exit 1, got $rc"
grep -q 'feed.jsonl:3' "$dir/err.txt" || fail "the broken line is not named: $(cat "$dir/err.txt")"
[ "$(wc -l < "$dir/out.tsv")" -eq 4 ] || fail "expected 4 articles: $(cat "$dir/out.tsv")"
# Publication order, not file order.
[ "$(cut -f1 "$dir/out.tsv" | tr '\n' ' ')" = "b1 b2 m1 m2 " ] || fail "not in publication order: $(cut -f1 "$dir/out.tsv")"
story() { awk -F'\t' -v id="$1" '$1 == id { print $2 }' "$dir/out.tsv"; }
[ "$(story b1)" = "$(story b2)" ] || fail "the edited copy is not in its original's story"
awk -F'\t' '$1 == "b2" && $3 == "b1" && $5 == "dup" { ok = 1 } END { exit !ok }' "$dir/out.tsv" ||
    fail "b2 should be a near-duplicate of b1: $(cat "$dir/out.tsv")"
[ "$(story m1)" = "$(story m2)" ] || fail "the two match reports are apart"
[ "$(story m1)" != "$(story b1)" ] || fail "bridge and football in one story"

# The same input twice gives the same output.
"$chorus" cluster "$data/articles.jsonl" > "$dir/a.tsv" || fail "cluster on the DUC 2007 stream failed"
"$chorus" cluster "$data/articles.jsonl" > "$dir/b.tsv"
cmp -s "$dir/a.tsv" "$dir/b.tsv" || fail "two runs differ"
[ "$(wc -l < "$dir/a.tsv")" -eq "$(wc -l < "$data/articles.jsonl")" ] || fail "not one line per article"

# Topic-level grouping of real news, not told the number of topics.
"$chorus" cluster --level topic "$data/articles.jsonl" > "$dir/t.tsv" || fail "cluster --level topic failed"
"$chorus" eval clusters --format tsv --gold "$data/gold.tsv" --pred "$dir/t.tsv" > "$dir/score.tsv" ||
    fail "eval clusters failed"
f1=$(awk -F'\t' 'NR == 2 { print $8 }' "$dir/score.tsv")
awk -v f="$f1" 'BEGIN { exit !(f >= 0.93) }' || fail "topic-level B-cubed F1 $f1 on DUC 2007 is below 0.93"
# Stories nest in topics: no story holds articles of two topics.
paste "$dir/a.tsv" "$dir/t.tsv" | awk -F'\t' '$1 != $3 { bad = 1 } { if (($2 in t) && t[$2] != $4) bad = 1; t[$2] = $4 }
    END { exit bad }' || fail "a story is split over two topics"

# Events of a real dated feed (shootings, mostly one or two reports each):
# story level, default options; and no story spans more than two windows
# (the default window is 7 days).
gva=$src/../shared/data/gva-stream
if [ -f "$gva/articles.jsonl" ]; then
    "$chorus" cluster "$gva/articles.jsonl" > "$dir/g.tsv" || fail "cluster on gva-stream failed"
    g1=$("$chorus" eval clusters --format tsv --gold "$gva/gold.tsv" --pred "$dir/g.tsv" | awk -F'\t' 'NR == 2 { print $8 }')
    awk -v f="$g1" 'BEGIN { exit !(f >= 0.85) }' || fail "story-level B-cubed F1 $g1 on gva-stream is below 0.85"
    span=$(python3 - "$gva/articles.jsonl" "$dir/g.tsv" <<'PY'
import datetime, json, sys
day = {}
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    day[a["id"]] = datetime.date.fromisoformat(a["published"][:10]).toordinal()
lo, hi = {}, {}
for line in open(sys.argv[2], encoding="utf-8"):
    i, s = line.rstrip("\n").split("\t")[:2]
    lo[s] = min(lo.get(s, day[i]), day[i])
    hi[s] = max(hi.get(s, day[i]), day[i])
print(max(hi[s] - lo[s] for s in lo))
PY
)
    [ "$span" -le 14 ] || fail "a story spans $span days, more than two 7-day windows"
else
    echo "cluster_basic: gva-stream skipped: ../shared/data not found"
fi

# The scorer on the example of tests/unit/test_clustereval.c, with item f
# missing from the prediction (a singleton) and an extra item z.
printf 'id\tstory\na\tX\nb\tX\nc\tX\nd\tY\ne\tY\nf\tZ\n' > "$dir/gold.tsv"
printf 'a\t1\nb\t1\nc\t2\nd\t2\ne\t2\nz\t2\n' > "$dir/pred.tsv"
"$chorus" eval clusters --format tsv --gold "$dir/gold.tsv" --pred "$dir/pred.tsv" > "$dir/s.tsv" 2> "$dir/s.err"
rc=$?
[ $rc -eq 1 ] || fail "a missing item should give exit 1, got $rc"
grep -q '1 gold items missing' "$dir/s.err" || fail "missing item not reported: $(cat "$dir/s.err")"
grep -q '1 items of .* not in' "$dir/s.err" || fail "extra item not reported: $(cat "$dir/s.err")"
# pred {a,b} {c,d,e} {f}: B3 P = (1+1+1/3+2/3+2/3+1)/6 = 0.7778, R = (2/3+2/3+1/3+1+1+1)/6 = 0.7778,
# pairs: gold 4, pred 1+3 = 4, both 2 -> pairwise P = R = F1 = 0.5.
expect=$(printf '6\t3\t3\t1\t1\t0.7778\t0.7778\t0.7778\t0.5000\t0.5000\t0.5000')
[ "$(tail -n 1 "$dir/s.tsv")" = "$expect" ] || fail "scores: got '$(tail -n 1 "$dir/s.tsv")', want '$expect'"

"$chorus" cluster > /dev/null 2>&1
[ $? -eq 2 ] || fail "no input should be a usage error"
"$chorus" eval clusters --gold "$dir/gold.tsv" > /dev/null 2>&1
[ $? -eq 2 ] || fail "a missing --pred should be a usage error"
"$chorus" cluster --level event "$dir/feed.jsonl" > /dev/null 2>&1
[ $? -eq 2 ] || fail "an unknown level should be a usage error"
"$chorus" cluster --join 7 "$dir/feed.jsonl" > /dev/null 2>&1
[ $? -eq 2 ] || fail "an out-of-range threshold should be a usage error"
echo "cluster_basic: ok (DUC 2007 topics B-cubed F1 $f1, gva-stream stories ${g1:-skipped})"
