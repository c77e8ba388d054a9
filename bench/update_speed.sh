#!/usr/bin/env bash
# An update digest beside the generic digest of the same reports, in
# instructions (callgrind, one thread, warm caches: the same count on a busy
# machine as on a quiet one): DUC 2007 D0703A set C, 100 words, md and
# summary; generic, generic --compress (trimmed, as updates are), the update
# (--seen each report of sets A and B), and the update with its seen reports
# not cached. Whole-process wall and CPU times of the same cases are rows of
# bench/startup.sh (run that on a quiet machine).
#   usage: bench/update_speed.sh [CHORUS]        (default build/chorus)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
chorus=${1:-$here/../build/chorus}
shared=${SHARED:-$here/../../shared}
upd=$shared/data/duc2007-update-dev/docs/D0703A
[ -x "$chorus" ] || { echo "update_speed: no chorus binary at $chorus" >&2; exit 2; }
[ -d "$upd" ] || { echo "update_speed: $upd not found" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "update_speed: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
seen=()
for s in A B; do for p in "$upd"/$s/*.txt; do seen+=(--seen "$p"); done; done
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
export CHORUS_THREADS=1 CHORUS_CACHE_DIR=$cache
instr() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/refs:/ {gsub(",", "", $NF); print $NF}'; }
echo "| format | generic | generic --compress | update (--seen A, B) | update / generic | update, seen not cached |"
echo "|---|---:|---:|---:|---:|---:|"
for f in md summary; do
  for _ in 1 2; do # warm every cache the runs use
    "$chorus" digest --format $f --words 100 "$upd"/C/*.txt >/dev/null
    "$chorus" digest --format $f --words 100 --compress "$upd"/C/*.txt >/dev/null
    "$chorus" digest --format $f --words 100 "${seen[@]}" "$upd"/C/*.txt >/dev/null
  done
  g=$(instr "$chorus" digest --format $f --words 100 "$upd"/C/*.txt)
  c=$(instr "$chorus" digest --format $f --words 100 --compress "$upd"/C/*.txt)
  u=$(instr "$chorus" digest --format $f --words 100 "${seen[@]}" "$upd"/C/*.txt)
  rm -rf "$cache/seen.v3" "$cache/seenset.v2"
  k=$(instr "$chorus" digest --format $f --words 100 "${seen[@]}" "$upd"/C/*.txt)
  awk -v f=$f -v g=$g -v c=$c -v u=$u -v k=$k 'BEGIN {
    printf "| %s | %.2fM | %.2fM | %.2fM | %+.1f%% | %.2fM |\n", f, g / 1e6, c / 1e6, u / 1e6, 100 * (u - g) / g, k / 1e6 }'
done
echo
echo "instructions of the whole process (callgrind), CHORUS_THREADS=1, warm caches; $(date -u +%F)"
