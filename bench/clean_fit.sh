#!/usr/bin/env bash
# Refit the line model of `chorus clean --pages` on scraped-dev and report it
# by cross-validation over pages (bench/clean_fit_trees.py says how).
#
# usage: bench/clean_fit.sh [CHORUS_BINARY] [--write] [more clean_fit_trees.py options]
#   --write    also write src/analyze/clean_line_trees.h (rebuild after it)
#   --stages N 1: one ensemble; 2: stacked on its out-of-fold scores; 3 (default): again on the second's
#   --nested   the choice of setting (CANDIDATES in clean_fit_trees.py) and operating
#              point made inside each outer fold by inner CV: the honest figure
#              (--outer 0,2 runs only those outer folds, to share the work)
#   --depth D, --article-weight W   fit another setting than the chosen one
#   GROUPS_OF=N  pages cleaned together (default 181, the held-out set's size)
#   LINEAR=1   report the linear baseline (bench/clean_fit.py) instead
#   ERRORS=1   list the held-out errors instead (bench/clean_errors.py: every lost
#              `with` and kept `without` snippet, its lines, scores and kind;
#              options --list fn|fp|all, --cost C, --threshold T, --scores CACHE.json)
# Needs Debian's python3-sklearn and python3-numpy (development only: the
# build reads the exported table). The evidence does not depend on the
# model (it is the rules' verdicts and the lines' shape), so one run of the
# binary serves any refit.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=$HERE/../build/chorus
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then BIN=$1; shift; fi
DATA=${DATA:-$HERE/../../shared/data/scraped-dev}
PY=${PYTHON:-/usr/bin/python3}
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
if [ -n "${ERRORS:-}" ]; then
    OMP_NUM_THREADS=1 "$PY" "$HERE/clean_errors.py" "$DATA" "$TMP/features.tsv" "$@"
    exit
fi
if [ -n "${LINEAR:-}" ]; then
    python3 "$HERE/clean_fit.py" "$DATA" "$TMP/features.tsv" "$@"
    exit
fi
args=(--stages 3)
for a in "$@"; do
    if [ "$a" = --write ]; then args+=(--write "$HERE/../src/analyze/clean_line_trees.h"); else args+=("$a"); fi
done
# one thread: the fits are small, and the machine is shared
OMP_NUM_THREADS=1 "$PY" "$HERE/clean_fit_trees.py" "$DATA" "$TMP/features.tsv" "${args[@]}"
