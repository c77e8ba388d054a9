#!/usr/bin/env bash
# Quick check of a change to the focused and update digests: the DUC 2006
# focused digests (25 dev topics, 250 words) and the DUC 2007 update digests
# (5 dev topics x sets A, B, C, 100 words), made exactly as bench/duc2006.sh
# and bench/duc2007_update.sh make them, scored with the same jackknifed
# ROUGE, and printed as means over all topics and over each topic-id half
# (even / odd). With 25 and 15 topic-sets a change moves a few topics by
# +-0.01 each, so a difference in the mean means little unless both halves
# agree; this prints both in a few seconds (no NIST peers, no timing, no
# generic digests: the full benches do that).
#
# usage: bench/focus_halves.sh [CHORUS_BINARY [DIGEST_OPTION...]]
#   KEEP=DIR  keep the summaries and per-topic scores there (default: a temporary directory)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:-$HERE/../build/chorus}
shift $(( $# > 0 ? 1 : 0 ))
EXTRA=("$@")
D6=${DUC2006:-$HERE/../../shared/data/duc2006-focus-dev}
D7=${DUC2007:-$HERE/../../shared/data/duc2007-update-dev}
[ -x "$BIN" ] || { echo "no chorus binary at $BIN (build first or pass its path)" >&2; exit 2; }
[ -d "$D6/docs" ] && [ -d "$D7/docs" ] || { echo "missing $D6 or $D7 (the shared data)" >&2; exit 2; }
if [ -n "${KEEP:-}" ]; then
    TMP=$KEEP
    mkdir -p "$TMP"
else
    TMP=$(mktemp -d)
    trap 'rm -rf "$TMP"' EXIT
fi
mkdir -p "$TMP/p6" "$TMP/p7"
questions() { # topics.jsonl -> topic<TAB>title. narrative (as the benches build it)
    python3 -c '
import json, sys
for line in open(sys.argv[1]):
    t = json.loads(line)
    print(t["topic"] + "\t" + t["title"].strip() + ". " + " ".join(t["narrative"].split()))
' "$1"
}
failed=0
while IFS=$'\t' read -r topic question; do
    "$BIN" digest --format summary --words 250 --focus "$question" "${EXTRA[@]}" "$D6/docs/$topic"/*.txt \
        >"$TMP/p6/$topic.chorus" 2>/dev/null || { failed=$((failed + 1)); rm -f "$TMP/p6/$topic.chorus"; }
done < <(questions "$D6/topics.jsonl")
while IFS=$'\t' read -r topic question; do
    d="$D7/docs/$topic"
    seen_a=(); for f in "$d"/A/*.txt; do seen_a+=(--seen "$f"); done
    seen_b=(); for f in "$d"/B/*.txt; do seen_b+=(--seen "$f"); done
    # each set as dated JSONL (the documents' days, from their ids): an update
    # digest prefers the later of two reports that say the same
    for set in A B C; do python3 "$HERE/duc_dated_jsonl.py" "$TMP/$topic-$set.jsonl" "$d/$set"/*.txt; done
    run() { # set, options...
        local set=$1; shift
        "$BIN" digest --format summary --words 100 --focus "$question" "${EXTRA[@]}" "$@" "$TMP/$topic-$set.jsonl" \
            >"$TMP/p7/$topic-$set.chorus" 2>/dev/null || { failed=$((failed + 1)); rm -f "$TMP/p7/$topic-$set.chorus"; }
    }
    run A
    run B "${seen_a[@]}"
    run C "${seen_a[@]}" "${seen_b[@]}"
done < <(questions "$D7/topics.jsonl")
"$BIN" eval rouge --jackknife --words 250 --per-cluster --format tsv --resamples 10 "$D6/models" "$TMP/p6" \
    >"$TMP/duc2006.tsv" 2>/dev/null
"$BIN" eval rouge --jackknife --words 100 --per-cluster --format tsv --resamples 10 "$D7/models" "$TMP/p7" \
    >"$TMP/duc2007.tsv" 2>/dev/null
echo "focused digests${EXTRA[*]:+ with ${EXTRA[*]}}: ROUGE recall means (jackknifed), all topics and by topic-id half"
python3 - "$TMP/duc2006.tsv" "$TMP/duc2007.tsv" <<'PY'
import sys
for name, path, target in (("DUC 2006 focus ", sys.argv[1], "target R-2 >= 0.105, SU4 >= 0.160"),
                           ("DUC 2007 update", sys.argv[2], "target R-2 > 0.1115, SU4 > 0.1423")):
    score = {}
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if len(f) > 4 and f[0] == "chorus" and f[1] not in ("all", "cluster") and f[2] in ("R-2", "R-SU4"):
            score.setdefault(f[1], {})[f[2]] = float(f[4])
    def mean(keys, m):
        return sum(score[k][m] for k in keys) / len(keys) if keys else float("nan")
    every = sorted(score)
    even = [k for k in every if int(k[3:5]) % 2 == 0]
    odd = [k for k in every if int(k[3:5]) % 2 == 1]
    print(f"{name} ({len(every)}): R-2 {mean(every, 'R-2'):.5f} SU4 {mean(every, 'R-SU4'):.5f} | "
          f"even ({len(even)}) {mean(even, 'R-2'):.4f} / {mean(even, 'R-SU4'):.4f} | "
          f"odd ({len(odd)}) {mean(odd, 'R-2'):.4f} / {mean(odd, 'R-SU4'):.4f}   ({target})")
PY
[ "$failed" -gt 0 ] && echo "digest failed on $failed topics (not scored)"
[ -n "${KEEP:-}" ] && echo "summaries and per-topic scores: $TMP"
exit 0
