#!/usr/bin/env bash
# chorus serve over a large store: story list, search and story page latency
# under 50 concurrent keep-alive clients for 10 s on loopback, while an
# ingest writes to the same store. Target (issue): list and story page p99
# <= 50 ms, zero failed requests.
# usage: bench/serve.sh [CHORUS_BINARY] [ARTICLES] [RUNS]   (default 100000 articles, 3 runs)
# The store is built from bench/gen_articles.py (DUC 2007 stream in ../shared);
# work files go to $SERVE_DIR (default a new /tmp directory), removed unless KEEP=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chorus=$(cd "$(dirname "${1:-$here/../build/chorus}")" && pwd)/$(basename "${1:-$here/../build/chorus}")
n=${2:-100000}
runs=${3:-3}
feed_src=$here/../../shared/data/duc2007-stream/articles.jsonl
[ -f "$feed_src" ] || { echo "serve bench: $feed_src missing" >&2; exit 2; }
dir=${SERVE_DIR:-$(mktemp -d /tmp/chorus-serve.XXXXXX)}
mkdir -p "$dir"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
            [ "${KEEP:-0}" = 1 ] || rm -rf "$dir"; }
trap cleanup EXIT
extra=$(( runs * 4000 ))
if [ ! -f "$dir/store.db" ]; then
  python3 "$here/gen_articles.py" $(( n + extra )) --source "$feed_src" > "$dir/all.jsonl"
  head -n "$n" "$dir/all.jsonl" > "$dir/base.jsonl"
  tail -n +"$(( n + 1 ))" "$dir/all.jsonl" > "$dir/more.jsonl"
  t0=$(date +%s)
  "$chorus" ingest --db "$dir/store.db" "$dir/base.jsonl" > "$dir/ingest-base.txt" 2>&1
  echo "store: $(grep '^store' "$dir/ingest-base.txt") built in $(( $(date +%s) - t0 )) s"
fi
"$chorus" serve --db "$dir/store.db" --listen 127.0.0.1:0 > "$dir/serve.out" 2> "$dir/serve.err" &
server=$!
pids+=($server)
# the server's CPU seconds (user + system) so far
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$server/stat"; }
for _ in $(seq 100); do grep -q http "$dir/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127\.0\.0\.1:[0-9]*' "$dir/serve.out" | cut -d: -f2)
base="http://127.0.0.1:$port"
ids=$(python3 -c "
import json, urllib.request
d = json.load(urllib.request.urlopen('$base/api/stories?limit=30', timeout=30))
print(' '.join(str(s['id']) for s in d['stories']))")
stories=()
for s in $ids; do stories+=("/story/$s"); done
words=$(python3 -c "
import json, urllib.request
d = json.load(urllib.request.urlopen('$base/api/stories?sort=recent&limit=10', timeout=30))
print(' '.join(max((s['title'] or 'news').split(), key=len) for s in d['stories']))")
searches=()
for w in $words; do searches+=("/search?q=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$w")"); done
# First visits: a story's first reader waits for its digest (measured apart).
t0=$(date +%s%N)
for p in "${stories[@]}"; do curl -s -m 60 -o /dev/null "$base$p"; done
cold_ms=$(( ($(date +%s%N) - t0) / 1000000 / ${#stories[@]} ))
echo "first visit of a story page (mean over ${#stories[@]} largest stories, digest of <= 100 reports): $cold_ms ms"
echo "machine: 2 cores shared with other workers; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$runs"); do
  sed -n "$(( (r - 1) * 4000 + 1 )),$(( r * 4000 ))p" "$dir/more.jsonl" > "$dir/run.jsonl"
  "$chorus" ingest --db "$dir/store.db" "$dir/run.jsonl" > "$dir/ingest-run.txt" 2>&1 &
  ing=$!
  echo "run $r (ingest of 4,000 more articles running):"
  cpu0=$(server_cpu)
  python3 "$here/serve_load.py" "127.0.0.1:$port" --clients 50 --seconds 10 --seed "$r" \
    --group list / "/?sort=recent" "/api/stories" --group search "${searches[@]}" \
    --group story "${stories[@]}" > "$dir/load.txt" || echo "run $r: some requests FAILED"
  cpu1=$(server_cpu)
  cat "$dir/load.txt"
  awk -v c0="$cpu0" -v c1="$cpu1" 'NR > 1 && $2 ~ /^[0-9]+$/ { n += $2 }
      END { if (n) printf "  server CPU: %.2f s for %d requests = %.0f us per request (all groups, background digests included)\n",
            c1 - c0, n, (c1 - c0) / n * 1e6 }' "$dir/load.txt"
  wait "$ing" || echo "ingest failed: $(tail -2 "$dir/ingest-run.txt")"
  echo "  ingest: $(grep '^new  ' "$dir/ingest-run.txt" | tr -s ' ') stored; load average $(cut -d' ' -f1 /proc/loadavg)"
done
