#!/usr/bin/env bash
# Refit the line model of `chorus clean --pages` on scraped-dev and report it
# by cross-validation over pages (bench/clean_fit.py says how).
#
# usage: bench/clean_fit.sh [CHORUS_BINARY] [--write] [more clean_fit.py options]
#   --write    also write src/analyze/clean_line_weights.h (rebuild after it)
#   GROUPS_OF=N  pages cleaned together (default 181, the held-out set's size)
# The evidence does not depend on the weights (it is the rules' verdicts and
# the lines' shape), so one run of the binary serves any refit.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=$HERE/../build/chorus
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then BIN=$1; shift; fi
DATA=${DATA:-$HERE/../../shared/data/scraped-dev}
[ -x "$BIN" ] || { echo "no chorus binary at $BIN (build first or pass its path)" >&2; exit 2; }
[ -f "$DATA/evaldata.json" ] || { echo "missing $DATA (the shared data)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# The evidence as the held-out set is cleaned: pages in random groups of
# GROUPS_OF (default 181, its size; fixed seed), one process per group, so
# what recurs across pages is counted over that many (over all 961 pages the
# template evidence is stronger than a smaller crawl gives).
BIN=$(realpath "$BIN")
python3 -c "import random,sys,os; n=sorted(f for f in os.listdir(sys.argv[1]) if f.endswith('.txt')); random.Random(181).shuffle(n); k=int(sys.argv[2]); [open(os.path.join(sys.argv[3],'group%03d'%(i//k)),'a').write(f+'\n') for i,f in enumerate(n)]" "$DATA" "${GROUPS_OF:-181}" "$TMP"
for g in "$TMP"/group*; do
    (cd "$DATA" && xargs -d "\n" "$BIN" clean --pages --features <"$g" 2>/dev/null)
done >"$TMP/features.tsv"
args=()
for a in "$@"; do
    if [ "$a" = --write ]; then args+=(--write "$HERE/../src/analyze/clean_line_weights.h"); else args+=("$a"); fi
done
python3 "$HERE/clean_fit.py" "$DATA" "$TMP/features.tsv" "${args[@]}"
