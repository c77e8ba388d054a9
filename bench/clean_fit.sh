#!/usr/bin/env bash
# Refit the line model of `chorus clean --pages` on scraped-dev and report it
# by cross-validation over pages (bench/clean_fit.py says how).
#
# usage: bench/clean_fit.sh [CHORUS_BINARY] [--write] [more clean_fit.py options]
#   --write    also write src/analyze/clean_line_weights.h (rebuild after it)
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
"$BIN" clean --pages --features -o "$TMP/features.tsv" "$DATA"/*.txt 2>/dev/null
args=()
for a in "$@"; do
    if [ "$a" = --write ]; then args+=(--write "$HERE/../src/analyze/clean_line_weights.h"); else args+=("$a"); fi
done
python3 "$HERE/clean_fit.py" "$DATA" "$TMP/features.tsv" "${args[@]}"
