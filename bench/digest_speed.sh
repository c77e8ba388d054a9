#!/usr/bin/env bash
# Whole-process digest time and CPU, beside the targets: stories of 1, 10,
# 100, 2,000 and 10,000 articles (made at run time from ../shared/data's
# gva-stream and duc2007-stream reports, repeated with new ids and outlets
# past their 6,763), the seeds, a 10-article DUC 2004 cluster and a focused
# 250-word digest of a 25-article DUC 2006 topic. Median over RUNS runs
# (fewer for the two largest stories); CPU = user + sys of the process.
#   usage: bench/digest_speed.sh [CHORUS] [RUNS]      (default build/chorus, 11)
#   FORMATS="md text" to choose the formats measured (default: md text);
#   MAX_ARTICLES=100 leaves out the larger stories (default: all)
#   THREADS=N runs chorus with CHORUS_THREADS=N (default: chorus's own, 2);
#   wall below CPU means the threads overlapped
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chorus=${1:-$here/../build/chorus}
runs=${2:-11}
shared=${SHARED:-$here/../../shared}
formats=${FORMATS:-md text}
max_articles=${MAX_ARTICLES:-10000}
if [ -n "${THREADS:-}" ]; then export CHORUS_THREADS=$THREADS; fi
[ -x "$chorus" ] || { echo "digest_speed: no chorus binary at $chorus" >&2; exit 2; }
[ -d "$shared/data/gva-stream" ] || { echo "digest_speed: $shared/data not found" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "digest_speed: /usr/bin/time is needed (package time)" >&2; exit 2; }
dir=$(mktemp -d /tmp/chorus-digest-speed.XXXXXX)
trap 'rm -rf "$dir"' EXIT

python3 - "$shared/data" "$dir" <<'EOF'
import json, sys
data, out = sys.argv[1], sys.argv[2]
src = [json.loads(l) for l in open(f"{data}/gva-stream/articles.jsonl", encoding="utf-8")]
src += [json.loads(l) for l in open(f"{data}/duc2007-stream/articles.jsonl", encoding="utf-8")]
for n in (1, 10, 100, 2000, 10000):
    with open(f"{out}/story-{n}.jsonl", "w", encoding="utf-8") as f:
        for i in range(n):
            a = dict(src[i % len(src)])
            r = i // len(src)
            if r:  # a repeat: another outlet's copy under a new id
                a["id"] = f"{a['id']}-r{r}"
                a["source"] = f"{a['source']}-r{r}"
            f.write(json.dumps(a) + "\n")
EOF
duc=$(ls -d "$shared"/data/duc2004-dev/docs/d3*t | head -1)
topic=$(ls -d "$shared"/data/duc2006-focus-dev/docs/D06* | head -1)
question=$(python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(l)
    if t["topic"] == sys.argv[2]:
        print(t["title"] + ". " + t["narrative"]); break  # as bench/duc2006.sh asks
' "$shared/data/duc2006-focus-dev/topics.jsonl" "$(basename "$topic")")

# median wall ms and median CPU ms over n runs of a command
measure() {
  local n=$1; shift
  local walls=() cpus=()
  for ((i = 0; i < n; i++)); do
    local s=$(date +%s%N)
    /usr/bin/time -f '%U %S' -o "$dir/t" "$@" > /dev/null 2>&1 || true
    walls+=($(( ($(date +%s%N) - s) / 1000 )))
    cpus+=($(awk '{printf "%d", ($1 + $2) * 1000000}' "$dir/t"))
  done
  local w=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}')
  local c=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}')
  echo "$w $c"
}

printf '| input | format | runs | wall ms (median) | CPU ms (median) | target ms |\n'
printf '|---|---|---:|---:|---:|---:|\n'
row() { # label format runs target command...
  local label=$1 fmt=$2 n=$3 target=$4; shift 4
  read -r w c < <(measure "$n" "$@")
  printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "$fmt" "$n" "$w" "$c" "$target"
}
for fmt in $formats; do
  row "1 article" "$fmt" "$runs" 3 "$chorus" digest --format "$fmt" "$dir/story-1.jsonl"
  row "10 articles" "$fmt" "$runs" - "$chorus" digest --format "$fmt" "$dir/story-10.jsonl"
  row "100 articles" "$fmt" "$runs" - "$chorus" digest --format "$fmt" "$dir/story-100.jsonl"
  [ "$max_articles" -lt 2000 ] || row "2,000 articles" "$fmt" 3 2000 "$chorus" digest --format "$fmt" "$dir/story-2000.jsonl"
  [ "$max_articles" -lt 10000 ] || row "10,000 articles" "$fmt" 1 10000 "$chorus" digest --format "$fmt" "$dir/story-10000.jsonl"
  row "seeds (5 articles)" "$fmt" "$runs" 20 "$chorus" digest --format "$fmt" "$shared"/seeds/*
  row "DUC 2004 $(basename "$duc") (10 articles)" "$fmt" "$runs" 40 "$chorus" digest --format "$fmt" "$duc"/*
  row "DUC 2006 $(basename "$topic") focused, 250 words (25 articles)" "$fmt" "$runs" 100 \
    "$chorus" digest --format "$fmt" --words 250 --focus "$question" "$topic"/*
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; threads: ${CHORUS_THREADS:-default (2)}"
