#!/usr/bin/env bash
# chorus serve as a reader and a program use it: bad stores and a busy port
# refused with a clear message; pages, search, the JSON API, 400/404/405,
# an oversized query; the served story page in headless Chromium (every
# summary sentence with its credit links, no console message, a screenshot
# in build/test-output/serve/); "new since your last visit" after an ingest;
# then 50 concurrent clients for 10 s while an ingest writes to the store:
# zero failed requests, latency printed. Loopback only, everything bounded.
set -euo pipefail
chorus=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$2
. "$src/tests/lib/require_shared.sh"
feed_src="$src/../shared/data/duc2007-stream/articles.jsonl"
require_shared "$feed_src"
fail() { echo "FAIL: $*"; exit 1; }
out="$(dirname "$chorus")/test-output/serve"
mkdir -p "$out"
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

# Start a server on a free loopback port; sets port and pid. Args: store.
start() {
  "$chorus" serve --db "$1" --listen 127.0.0.1:0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 50); do grep -q http "$tmp/serve.out" 2>/dev/null && break; sleep 0.1; done
  port=$(grep -o '127\.0\.0\.1:[0-9]*' "$tmp/serve.out" | cut -d: -f2)
  [ -n "$port" ] || { cat "$tmp/serve.err"; fail "serve did not print its address"; }
}
get() { curl -s -m 10 -o "$tmp/body" -w '%{http_code}' "$@"; }

# 1. Bad stores and a busy port.
set +e
"$chorus" serve --db "$tmp/missing.db" --listen 127.0.0.1:0 2>"$tmp/err"; rc=$?
set -e
[ $rc -eq 3 ] && grep -q "no such store" "$tmp/err" || fail "missing store: exit $rc, $(cat "$tmp/err")"
echo "not a database" > "$tmp/text.db"
set +e; "$chorus" serve --db "$tmp/text.db" --listen 127.0.0.1:0 2>"$tmp/err"; rc=$?; set -e
[ $rc -eq 4 ] && grep -q "not a chorus store" "$tmp/err" || fail "text file as store: exit $rc, $(cat "$tmp/err")"
sqlite3 "$tmp/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
set +e; "$chorus" serve --db "$tmp/other.db" --listen 127.0.0.1:0 2>"$tmp/err"; rc=$?; set -e
[ $rc -eq 4 ] && grep -q "not a chorus store" "$tmp/err" || fail "foreign SQLite file: exit $rc, $(cat "$tmp/err")"
set +e; "$chorus" serve --db x.db --listen nowhere 2>"$tmp/err"; rc=$?; set -e
[ $rc -eq 2 ] || fail "--listen nowhere: exit $rc"

# A store: 1,500 synthetic reports (the remaining 3,000 are ingested under load).
python3 "$src/bench/gen_articles.py" 4500 --source "$feed_src" > "$tmp/feed.jsonl"
head -n 1500 "$tmp/feed.jsonl" > "$tmp/first.jsonl"
tail -n +1501 "$tmp/feed.jsonl" > "$tmp/rest.jsonl"
"$chorus" ingest --db "$tmp/news.db" "$tmp/first.jsonl" >/dev/null 2>&1 || fail "ingest"
start "$tmp/news.db"
first_pid=$pid first_port=$port
set +e; "$chorus" serve --db "$tmp/news.db" --listen "127.0.0.1:$port" 2>"$tmp/err"; rc=$?; set -e
[ $rc -eq 4 ] && grep -q "in use" "$tmp/err" || fail "busy port: exit $rc, $(cat "$tmp/err")"

# 2. Pages and API.
base="http://127.0.0.1:$port"
[ "$(get "$base/")" = 200 ] && grep -q '<h1>Stories</h1>' "$tmp/body" || fail "story list"
[ "$(get "$base/api/stories?limit=5")" = 200 ] || fail "/api/stories"
id=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['count']==5; print(d['stories'][0]['id'])" "$tmp/body") \
  || fail "/api/stories JSON"
word=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(max(d['stories'][0]['title'].split(), key=len))" "$tmp/body")
[ "$(get "$base/api/stories/$id")" = 200 ] || fail "/api/stories/$id"
cp "$tmp/body" "$tmp/story.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['schema']=='chorus.digest/1' and d['summary']" "$tmp/story.json" \
  || fail "story JSON is not a digest"
[ "$(get "$base/api/search?q=$word")" = 200 ] || fail "/api/search"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert any(s['id']==$id for s in d['stories'])" "$tmp/body" \
  || fail "searching '$word' does not find story $id"
[ "$(get "$base/search?q=%3Cscript%3E")" = 200 ] && grep -q '&lt;script&gt;' "$tmp/body" || fail "query not escaped"
[ "$(get "$base/story/999999999")" = 404 ] || fail "unknown story"
[ "$(get "$base/api/stories/abc")" = 404 ] || fail "story id 'abc'"
[ "$(get "$base/nowhere")" = 404 ] || fail "unknown page"
[ "$(get "$base/api/search?q=")" = 400 ] || fail "empty query"
[ "$(get "$base/story/$id?since=yesterday")" = 400 ] || fail "bad since"
[ "$(get -X POST -d x=1 "$base/api/stories")" = 405 ] || fail "POST"
python3 -c "print('q=' + 'a' * 1000000)" > "$tmp/bigq"
code=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -G --data @"$tmp/bigq" "$base/api/search" || true)
case "$code" in 400|413|414|431) ;; *) fail "1 MB query answered $code";; esac
code=$(get "$base/api/search?q=$(head -c 300 /dev/zero | tr '\0' a)")
[ "$code" = 400 ] && grep -q "at most 200" "$tmp/body" || fail "300-byte query answered $code"
kill -0 "$pid" || fail "the server died on bad requests"

# 3. The served story page in Chromium, against the same story's JSON.
browser=$(command -v chromium || true)
if [ -n "$browser" ]; then
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$tmp/profile" \
    --enable-logging=stderr --v=0 --virtual-time-budget=2000 --dump-dom "$base/story/$id" >"$tmp/page.dom" 2>"$tmp/page.log" \
    || fail "chromium"
  python3 "$src/tests/browser/check_page.py" "$tmp/page.dom" "$tmp/story.json" "$tmp/page.log" || fail "served page"
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$tmp/profile" \
    --hide-scrollbars --window-size=1000,2000 --screenshot="$out/story.png" "$base/story/$id" >/dev/null 2>&1 || true
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$tmp/profile" \
    --hide-scrollbars --window-size=1000,1400 --screenshot="$out/list.png" "$base/" >/dev/null 2>&1 || true
else
  echo "chromium not installed: served page not rendered (scripts/install-deps.sh --all)"
fi

# 4. New since the last visit: a reader's cookie, then an ingest into that story.
curl -s -m 10 -c "$tmp/jar" -o /dev/null "$base/story/$id"
grep -q "v$id" "$tmp/jar" || fail "no visit cookie"
visit=$(awk -v n="v$id" '$6==n {print $7}' "$tmp/jar")
sleep 1.1
# 5. Load while an ingest writes: 50 clients for 10 s over the list, search and story pages.
"$chorus" ingest --db "$tmp/news.db" "$tmp/rest.jsonl" >"$tmp/ingest.out" 2>&1 &
ingest=$!
pids+=("$ingest")
ids=$(python3 -c "
import json, urllib.request
d = json.load(urllib.request.urlopen('$base/api/stories?limit=10', timeout=10))
print(' '.join(str(s['id']) for s in d['stories']))")
stories=(); api=()
for s in $ids; do stories+=("/story/$s"); api+=("/api/stories/$s"); done
# Each page once before the clock starts (a story's first reader waits for its digest;
# the figures below are the steady state while the ingest changes stories).
t0=$(date +%s%N)
for p in "${stories[@]}" "${api[@]}"; do curl -s -m 60 -o /dev/null "$base$p"; done
echo "first visits of ${#stories[@]} story pages and their JSON: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
python3 "$src/bench/serve_load.py" "127.0.0.1:$port" --clients 50 --seconds 10 --max-requests 100000 \
  --group list / "/?sort=recent" "/api/stories" --group search "/search?q=$word" "/api/search?q=the" \
  --group story "${stories[@]}" "${api[@]}" | tee "$tmp/load.txt" || fail "requests failed under load"
wait "$ingest" || fail "ingest under load: $(tail -3 "$tmp/ingest.out")"
grep -q "^store" "$tmp/ingest.out" || fail "ingest did not finish"
kill -0 "$pid" || fail "the server died under load"
# After the ingest: the list marks stories with news since the reader's visit.
curl -s -m 10 -b "$tmp/jar" -o "$tmp/list.html" "$base/?limit=1000"
now_size=$(curl -s -m 10 "$base/api/stories?limit=1000" | python3 -c "
import json, sys
d = json.load(sys.stdin)
print(next((s['updated_at'] for s in d['stories'] if s['id'] == $id), 'merged'))")
echo "story $id after the ingest: updated $now_size (visit at $visit)"
if grep -q "/story/$id?since=$visit" "$tmp/list.html"; then
  curl -s -m 30 -b "$tmp/jar" -o "$tmp/new.html" -w '' "$base/story/$id?since=$visit"
  grep -q "Only what is new since" "$tmp/new.html" || grep -q "nothing new" "$tmp/new.html" || fail "new-since page"
  echo "new since the last visit: offered and served"
fi
kill "$pid"
wait "$pid" 2>/dev/null || true
grep -q stopped "$tmp/serve.err" || fail "serve did not stop cleanly on SIGTERM"
echo "serve: ok"
