#!/usr/bin/env bash
# chorus ingest killed with SIGKILL at random moments, then run again to the
# end: every article is stored exactly once, and the store holds the same
# decisions (story, original of a copy) as a run that was never interrupted.
# usage: store_kill.sh CHORUS_BINARY SOURCE_DIR
set -u
chorus=$1
src=$2
feed=$src/../shared/data/duc2007-stream/articles.jsonl
. "$src/tests/lib/require_shared.sh"
require_shared "$feed"
fail() { echo "store_kill: FAIL: $*" >&2; exit 1; }
[ -f "$feed" ] || fail "test data missing: $feed"
command -v sqlite3 >/dev/null || fail "the sqlite3 command is needed (scripts/install-deps.sh)"
command -v python3 >/dev/null || fail "python3 is needed for the article generator"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$src/bench/gen_articles.py" 12000 --seed 7 --source "$feed" > "$tmp/feed.jsonl" ||
    fail "generator failed"
lines=$(wc -l < "$tmp/feed.jsonl")
[ "$lines" -ge 11000 ] || fail "generator wrote only $lines articles"
# Distinct articles in the input: outlet plus text with whitespace collapsed.
expected=$(python3 -c '
import json, sys
seen = set()
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    seen.add((a["source"], " ".join(a["text"].split())))
print(len(seen))' "$tmp/feed.jsonl")
[ "$expected" -lt "$lines" ] || fail "the generated feed should repeat some records"

# Reference: one uninterrupted run.
"$chorus" ingest --db "$tmp/ref.db" "$tmp/feed.jsonl" > "$tmp/ref.out" 2>&1 ||
    fail "uninterrupted ingest failed: $(cat "$tmp/ref.out")"

# Killed runs: each starts where the last one was stopped. Odd rounds wait
# until the run has committed something, then kill it a random moment later
# (mid-batch, mid-commit); even rounds kill at a random early moment (while
# the engine is being rebuilt, or in the first batch).
RANDOM=42
killed=0
count_rows() { sqlite3 "$tmp/k.db" "SELECT count(*) FROM articles" 2>/dev/null || echo 0; }
for round in 1 2 3 4 5 6; do
    before=$(count_rows)
    "$chorus" ingest --db "$tmp/k.db" "$tmp/feed.jsonl" > "$tmp/run$round.out" 2>&1 &
    pid=$!
    if [ $((round % 2)) = 1 ]; then
        for _ in $(seq 600); do
            [ "$(count_rows)" -gt "$before" ] && break
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.05
        done
        sleep "0.$((RANDOM % 4))$((RANDOM % 10))"
    else
        sleep "0.$((RANDOM % 6))$((RANDOM % 10))"
    fi
    if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
    wait "$pid" 2>/dev/null
done
[ "$killed" -ge 3 ] || fail "only $killed runs were still going when killed"
stored_before=$(count_rows)
[ "$stored_before" -gt 0 ] || fail "the killed runs stored nothing"
"$chorus" ingest --db "$tmp/k.db" "$tmp/feed.jsonl" > "$tmp/final.out" 2>&1 ||
    fail "final ingest failed: $(cat "$tmp/final.out")"
grep -q "articles ($stored_before before)" "$tmp/final.out" ||
    fail "final run should start from the $stored_before stored articles: $(cat "$tmp/final.out")"
new=$(awk '$1 == "new" && NF == 2 {n += $2} $1 == "duplicates" {n += $2} END {print n}' "$tmp/final.out")
[ "$new" = "$((expected - stored_before))" ] ||
    fail "final run stored $new, expected $((expected - stored_before)): $(cat "$tmp/final.out")"

count=$(sqlite3 "$tmp/k.db" "SELECT count(*) FROM articles")
distinct=$(sqlite3 "$tmp/k.db" "SELECT count(DISTINCT content_hash) FROM articles")
[ "$count" = "$expected" ] || fail "stored $count articles, expected $expected"
[ "$distinct" = "$count" ] || fail "$count rows but $distinct distinct articles"
integrity=$(sqlite3 "$tmp/k.db" "PRAGMA integrity_check")
[ "$integrity" = "ok" ] || fail "integrity check: $integrity"

q="SELECT ext_id, a.source, story_id, coalesce(duplicate_of, -1) FROM articles a
   JOIN story_members ON article_id = id ORDER BY id"
sqlite3 "$tmp/ref.db" "$q" > "$tmp/ref.tsv"
sqlite3 "$tmp/k.db" "$q" > "$tmp/k.tsv"
cmp -s "$tmp/ref.tsv" "$tmp/k.tsv" ||
    fail "decisions differ from the uninterrupted run: $(diff "$tmp/ref.tsv" "$tmp/k.tsv" | head -5)"
q="SELECT id, size, n_duplicates, n_outlets, coalesce(merged_into, 0) FROM stories ORDER BY id"
sqlite3 "$tmp/ref.db" "$q" > "$tmp/ref-stories"
sqlite3 "$tmp/k.db" "$q" > "$tmp/k-stories"
cmp -s "$tmp/ref-stories" "$tmp/k-stories" ||
    fail "story statistics (id|size|copies|outlets|merged into) differ from the uninterrupted run: $(diff "$tmp/ref-stories" "$tmp/k-stories" | head -6)"
echo "store_kill: ok ($killed runs killed, $stored_before stored before the last run, $count articles stored once)"
