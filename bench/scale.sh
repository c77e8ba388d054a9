#!/usr/bin/env bash
# Feed ingestion at scale: generate synthetic feeds (bench/gen_articles.py),
# ingest each into a new store, and print articles/s, peak memory and store
# size, CPU per article and its growth per 10x of input, beside the target
# (1M articles in <= 180 s, <= 1 GB, CPU per article flat within 1.1x).
# Then CPU per article by stage (chorus ingest --timing: features, online
# decisions, consolidation, SQLite writer thread) and each stage's growth per
# 10x, so what grows can be seen apart from what is constant.
# usage: bench/scale.sh [CHORUS_BINARY] [SIZES...]   (default sizes: 10000 100000)
#   e.g. bench/scale.sh build/chorus 10000 100000 1000000   (the full run, one command)
# The whole-span figure the target names (CPU per article, smallest size to
# largest) is the median over ROUNDS (default 5) runs of the largest size,
# each against the smallest size's runs just before and after it.
# Work files go to $SCALE_DIR (default: a new directory under /tmp), removed
# at the end unless KEEP=1.
# Sizes up to 100,000 are ingested three times (REPEAT=N to change) and the
# run with the median CPU is shown: a run of a few seconds moves by 10% with
# the host's state, which alone turned the growth column from 0.97 to 1.11
# between two quiet runs of one build; a 1M run (minutes) averages over
# minutes, not over the host's slower and faster quarters of an hour (ROUNDS).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chorus=${1:-$here/../build/chorus}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
feed_src=$here/../../shared/data/duc2007-stream/articles.jsonl
[ -x "$chorus" ] || { echo "scale: no chorus binary at $chorus" >&2; exit 2; }
[ -f "$feed_src" ] || { echo "scale: source articles missing: $feed_src" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "scale: /usr/bin/time is needed (package time)" >&2; exit 2; }
dir=${SCALE_DIR:-$(mktemp -d /tmp/chorus-scale.XXXXXX)}
mkdir -p "$dir"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$dir"' EXIT

printf '| articles | feed MB | generate s | ingest s | articles/s | CPU s | runs: CPU s | CPU ms/article | growth per 10x | load | peak RSS MB | store MB | stored | copies | already | stories | merged | moved |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
prev_n=0 prev_cpa=0
stage_rows=()
declare -A cpa_of
for n in "${sizes[@]}"; do
    feed=$dir/feed-$n.jsonl
    db=$dir/store-$n.db
    rm -f "$db" "$db-wal" "$db-shm"
    t0=$(date +%s.%N)
    python3 "$here/gen_articles.py" "$n" --source "$feed_src" > "$feed"
    t1=$(date +%s.%N)
    reps=${REPEAT:-$([ "$n" -le 100000 ] && echo 3 || echo 1)}
    runs=()
    for r in $(seq 1 "$reps"); do
        rm -f "$db" "$db-wal" "$db-shm"
        load=$(cut -d' ' -f1 /proc/loadavg) # other jobs on the machine stretch wall time
        /usr/bin/time -v "$chorus" ingest --timing --db "$db" "$feed" > "$dir/ingest-$n-$r.out" 2> "$dir/ingest-$n-$r.time"
        echo "$load" > "$dir/ingest-$n-$r.load"
        runs+=("$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$dir/ingest-$n-$r.time") $r")
    done
    # the run with the median CPU (user + system) stands for this size
    mid=$(printf '%s\n' "${runs[@]}" | sort -n | awk -v k=$(( (reps + 1) / 2 )) 'NR == k {print $2}')
    all=$(printf '%s\n' "${runs[@]}" | sort -n | awk '{printf "%s%s", (NR > 1 ? " " : ""), $1}')
    cp "$dir/ingest-$n-$mid.out" "$dir/ingest-$n.out"
    cp "$dir/ingest-$n-$mid.time" "$dir/ingest-$n.time"
    load=$(cat "$dir/ingest-$n-$mid.load")
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$dir/ingest-$n.time")
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$dir/ingest-$n.time")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$dir/ingest-$n.time")
    field() { awk -v k="$1" '$1 == k && NF >= 2 {print $NF; exit}' "$dir/ingest-$n.out"; }
    stored=$(field new)
    copies=$(field duplicates)
    already=$(awk '$1 == "already" {print $3}' "$dir/ingest-$n.out")
    stories=$(awk '$1 == "new" && $2 == "stories" {print $3}' "$dir/ingest-$n.out")
    merged=$(field merged)
    moved=$(field moved)
    size=$(du -cm "$db"* | tail -1 | cut -f1)
    cpa=$(echo "$cpu * 1000 / $n" | bc -l)
    growth=-
    # CPU per article, per 10x of input (a geometric step between sizes).
    [ "$prev_n" != 0 ] && growth=$(echo "e(l($cpa / $prev_cpa) / (l($n / $prev_n) / l(10)))" | bc -l | xargs printf '%.2f')
    printf '| %s | %.0f | %.1f | %.1f | %.0f | %s | %s | %.3f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
        "$n" "$(($(stat -c %s "$feed") / 1048576))" "$(echo "$t1 - $t0" | bc)" "$secs" \
        "$(echo "$n / $secs" | bc -l)" "$cpu" "$all" "$cpa" "$growth" "$load" "$rss" "$size" "$stored" "$copies" "$already" "$stories" "$merged" "$moved"
    prev_n=$n prev_cpa=$cpa cpa_of[$n]=$cpa
    stage_rows+=("$n $(awk '$1 == "cpu" {printf "%s ", $3}' "$dir/ingest-$n.out")")
    # every feed is kept for the runs after the largest (below)
done
# The host's speed drifts by tens of percent within an hour here, and the
# largest size runs minutes after the others: every smaller size is run
# again right after it (the same number of times as before), so the
# largest size's growth can be read against runs on both sides of it in
# time: the table's column compares with the runs before only.
if [ "${#sizes[@]}" -gt 1 ]; then
    last=${sizes[-1]}
    last_cpa=${cpa_of[$last]}
    printf '\nthe smaller sizes run again just after the %s (median of the runs after; CPU ms/article):\n\n' "$last"
    printf '| articles | before | after | mean | the %s against the mean: growth per 10x | ratio %s / articles |\n|---:|---:|---:|---:|---:|---:|\n' "$last" "$last"
    for n in "${sizes[@]}"; do
        [ "$n" = "$last" ] && break
        feed=$dir/feed-$n.jsonl db=$dir/store-$n-after.db
        reps=${REPEAT:-$([ "$n" -le 100000 ] && echo 3 || echo 1)}
        afters=()
        for r in $(seq 1 "$reps"); do
            rm -f "$db" "$db-wal" "$db-shm"
            /usr/bin/time -v "$chorus" ingest --timing --db "$db" "$feed" > "$dir/after.out" 2> "$dir/after.time"
            afters+=("$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.4f", s * 1000 / '"$n"'}' "$dir/after.time")")
        done
        after=$(printf '%s\n' "${afters[@]}" | sort -n | awk -v k=$(( (reps + 1) / 2 )) 'NR == k')
        before=${cpa_of[$n]}
        mean=$(echo "($before + $after) / 2" | bc -l)
        printf '| %s | %.3f | %.3f | %.3f | %.2f | %.2f |\n' "$n" "$before" "$after" "$mean" \
            "$(echo "e(l($last_cpa / $mean) / (l($last / $n) / l(10)))" | bc -l)" "$(echo "$last_cpa / $mean" | bc -l)"
        [ "$n" = "${sizes[0]}" ] && first_after=$after
        rm -f "$db" "$db-wal" "$db-shm"
    done
fi
# One run of the largest size is one sample of a host whose speed moves
# within minutes. ROUNDS (default 5) pairs it with the smallest size
# again: largest, smallest, largest, smallest, ..., each largest run
# read against the smallest runs just before and after it, and the
# median of those ratios is the whole-span figure.
rounds=${ROUNDS:-5}
if [ "${#sizes[@]}" -gt 1 ] && [ "$rounds" -gt 1 ]; then
    small=${sizes[0]} last=${sizes[-1]}
    one_run() { # n reps -> CPU ms per article of ingesting feed-n into a new store (median of reps runs)
        local db=$dir/store-$1-round.db r cpas=()
        for r in $(seq 1 "$2"); do
            rm -f "$db" "$db-wal" "$db-shm"
            /usr/bin/time -v "$chorus" ingest --db "$db" "$dir/feed-$1.jsonl" > /dev/null 2> "$dir/round.time"
            cpas+=("$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.4f", s * 1000 / '"$1"'}' "$dir/round.time")")
        done
        rm -f "$db" "$db-wal" "$db-shm"
        printf '%s\n' "${cpas[@]}" | sort -n | awk -v k=$(( ($2 + 1) / 2 )) 'NR == k'
    }
    small_reps=${REPEAT:-$([ "$small" -le 100000 ] && echo 3 || echo 1)}
    printf '\nalternating rounds (CPU ms/article; each %s run against the mean of the %s runs on both sides, each side the median of its runs):\n\n' "$last" "$small"
    printf '| round | %s before | %s | %s after | ratio |\n|---:|---:|---:|---:|---:|\n' "$small" "$last" "$small"
    ratios=()
    prev=${cpa_of[$small]} big=$last_cpa
    for r in $(seq 1 "$rounds"); do
        if [ "$r" -gt 1 ]; then
            big=$(one_run "$last" 1)
            next=$(one_run "$small" "$small_reps")
        else
            next=$first_after
        fi
        ratio=$(echo "$big / (($prev + $next) / 2)" | bc -l)
        ratios+=("$ratio")
        printf '| %d | %.3f | %.3f | %.3f | %.3f |\n' "$r" "$prev" "$big" "$next" "$ratio"
        prev=$next
    done
    printf '\nmedian ratio %s / %s over %d rounds: **%.2f** (target: within 1.1)\n' "$last" "$small" "$rounds" \
        "$(printf '%s\n' "${ratios[@]}" | sort -n | awk -v k=$(( (rounds + 1) / 2 )) 'NR == k')"
fi
printf '\nCPU ms per article by stage (growth per 10x of input in brackets):\n\n'
printf '| articles | features | decisions | consolidation | writer (own thread) |\n|---:|---:|---:|---:|---:|\n'
printf '%s\n' "${stage_rows[@]}" | awk '
    { n = $1; printf "| %d |", n
      for (i = 2; i <= 5; i++) {
          v = $i * 1000 / n; g = ""
          if (NR > 1 && pv[i] > 0 && v > 0) g = sprintf(" (%.2f)", exp(log(v / pv[i]) / (log(n / pn) / log(10))))
          printf " %.3f%s |", v, g; pv[i] = v
      }
      pn = n; printf "\n" }'
printf '\ntarget: 1,000,000 articles in <= 180 s (>= 5,556 articles/s) with <= 1024 MB peak RSS;\n'
printf 'CPU per article flat within 1.1x per 10x of input (growth column).\n'
printf 'CPU s: user + system of the ingest process (three threads: features, decisions with consolidation, SQLite writer);\n'
printf 'runs: the CPU s of each run of that size, sorted (the median run is the row and its stages);\n'
printf 'load: 1-minute load average when the ingest started (2 cores).\n'
