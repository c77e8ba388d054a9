#!/usr/bin/env bash
# DUC 2006 query-focused summaries (25 dev topics): for each topic, chorus's
# 250-word digest of its 25 articles with --focus "<title>. <narrative>", and
# the generic digest (no focus) for comparison, scored with `chorus eval rouge
# --jackknife` beside every NIST peer, with the README's settings
# (ROUGE-1.5.5 -n 2 -x -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -l 250 -a,
# jackknifed over the 4 models). Checks first that the scorer reproduces the
# README's per-topic reference scores of the peers, then prints the table,
# a paired per-topic test focus vs generic, and the focused digest's
# whole-process time per topic.
#
# usage: bench/duc2006.sh [CHORUS_BINARY [DIGEST_OPTION...]]   (default: build/chorus)
#   RUNS=5   timed runs per topic (median taken)
#   OUT=DIR  where the per-topic scores are saved (default bench/results)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:-$HERE/../build/chorus}
shift $(( $# > 0 ? 1 : 0 ))
EXTRA=("$@")
# The focused digest trims sentences by default (--compress) unless --verbatim
# is given; the generic digest is trimmed the same way, so that the paired
# test measures the focus alone.
GENERIC=("$@")
case " ${EXTRA[*]} " in *" --verbatim "* | *" --compress "*) ;; *) GENERIC+=(--compress) ;; esac
DUC=${DUC:-$HERE/../../shared/data/duc2006-focus-dev}
RUNS=${RUNS:-5}
OUT=${OUT:-$HERE/results}
WORDS=250

[ -x "$BIN" ] || { echo "no chorus binary at $BIN (build first or pass its path)" >&2; exit 2; }
[ -d "$DUC/docs" ] || { echo "missing $DUC (the shared data)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/peers" "$OUT"
now_ns() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# 1. The scorer against the README's reference scores of the peers.
"$BIN" eval rouge --jackknife --words $WORDS --per-cluster --format tsv --resamples 10 \
    "$DUC/models" "$DUC/peers" >"$TMP/ref.tsv" 2>/dev/null
python3 - "$DUC/reference-rouge-per-topic.tsv" "$TMP/ref.tsv" <<'PY'
import csv, sys
ref = {(r["system"], r["topic"]): (float(r["R2"]), float(r["RSU4"]))
       for r in csv.DictReader(open(sys.argv[1]), delimiter="\t")}
got = {}
for line in open(sys.argv[2]):
    f = line.rstrip("\n").split("\t")
    if f[1] not in ("all", "cluster"):
        got.setdefault((f[0], f[1]), {})[f[2]] = float(f[4])
diff = [max(abs(got[k]["R-2"] - r2), abs(got[k]["R-SU4"] - su)) for k, (r2, su) in ref.items() if k in got]
missing = sum(k not in got for k in ref)
print(f"scorer check: {len(diff)} peer-topic scores against reference-rouge-per-topic.tsv, "
      f"largest difference {max(diff):.5f}, {sum(d > 0.0005 for d in diff)} beyond 0.0005, {missing} missing")
PY

# 2. chorus's digests: focused and generic.
failed=0
: >"$TMP/ms"
python3 -c '
import json, sys
for line in open(sys.argv[1]):
    t = json.loads(line)
    print(t["topic"] + "\t" + t["title"].strip() + ". " + " ".join(t["narrative"].split()))
' "$DUC/topics.jsonl" >"$TMP/topics"
while IFS=$'\t' read -r topic question; do
    dir="$DUC/docs/$topic"
    if ! "$BIN" digest --format summary --words $WORDS --focus "$question" "${EXTRA[@]}" "$dir"/*.txt \
        >"$TMP/peers/$topic.chorus" 2>"$TMP/err"; then
        echo "focused digest failed on $topic: $(head -1 "$TMP/err")" >&2
        rm -f "$TMP/peers/$topic.chorus"
        failed=$((failed + 1))
    fi
    "$BIN" digest --format summary --words $WORDS "${GENERIC[@]}" "$dir"/*.txt >"$TMP/peers/$topic.generic" 2>/dev/null ||
        rm -f "$TMP/peers/$topic.generic"
    for _ in $(seq "$RUNS"); do
        t0=$(now_ns)
        "$BIN" digest --format summary --words $WORDS --focus "$question" "${EXTRA[@]}" "$dir"/*.txt >/dev/null 2>&1
        t1=$(now_ns)
        echo $(((t1 - t0) / 1000))
    done | median | awk -v c="$topic" '{ printf "%s %.1f\n", c, $1 / 1000 }' >>"$TMP/ms"
done <"$TMP/topics"

# Budget use: the scorer cuts each summary at the budget, so a summary shorter
# than it leaves score on the table (words as the scorer counts them: runs of non-space).
for f in "$TMP"/peers/*.chorus; do [ -e "$f" ] && wc -w <"$f"; done | sort -n >"$TMP/words"
# 3. Score chorus with the peers in one run.
cp "$DUC"/peers/* "$TMP/peers/"
"$BIN" eval rouge --jackknife --words $WORDS --per-cluster --format tsv --resamples 10 "$DUC/models" "$TMP/peers" \
    >"$TMP/scores.tsv" 2>/dev/null
awk -F'\t' 'NR == 1 || $1 == "chorus" || $1 == "generic"' "$TMP/scores.tsv" >"$OUT/duc2006-per-topic.tsv"

echo
echo "DUC 2006, $(wc -l <"$TMP/topics") dev topics, $WORDS words, ROUGE recall (jackknifed, -l $WORDS), sorted by R-2"
echo "chorus = --focus \"<title>. <narrative>\"${EXTRA[*]:+ ${EXTRA[*]}}; generic = the same without --focus (${GENERIC[*]:-verbatim})"
printf '%-10s %-8s %7s %7s %4s\n' system kind R-2 R-SU4 n
# Plain means over topics (the README's columns), from the per-topic rows.
awk -F'\t' '
    $2 != "all" && $2 != "cluster" && ($3 == "R-2" || $3 == "R-SU4") { v[$1, $3] += $5; n[$1, $3]++; sys[$1] = 1 }
    END {
        for (s in sys) {
            kind = s ~ /^[A-J]$/ ? "human" : s == "1" ? "baseline" : s == "chorus" || s == "generic" ? "chorus" : "system"
            printf "%-10s %-8s %7.5f %7.5f %4d%s\n", s, kind, v[s, "R-2"] / n[s, "R-2"], v[s, "R-SU4"] / n[s, "R-SU4"],
                n[s, "R-2"], kind == "chorus" ? "   <-" : ""
        }
    }' "$TMP/scores.tsv" | sort -k3,3nr
echo
python3 "$HERE/paired_test.py" "$TMP/scores.tsv" chorus generic R-2 R-SU4
[ "$failed" -gt 0 ] && echo "focused digest failed on $failed topics (not scored)"
if [ -s "$TMP/ms" ]; then
    med=$(awk '{ print $2 }' "$TMP/ms" | median)
    max=$(sort -k2,2n "$TMP/ms" | tail -1)
    printf 'focused digest time per topic (whole process, median of %d runs): median %.1f ms, slowest %s ms\n' \
        "$RUNS" "$med" "$max"
fi
[ -s "$TMP/words" ] && awk -v w=$WORDS '{ v[NR] = $1; s += $1; short += $1 < w }
    END { gap = (w * NR - s) / NR; if (gap < 0) gap = 0; printf "focused digest length: min %d, median %d, max %d words (budget %d); %d of %d under it, %.1f words short on average\n",
          v[1], v[int((NR + 1) / 2)], v[NR], w, short, NR, gap }' "$TMP/words"
echo "per-topic scores: $OUT/duc2006-per-topic.tsv"
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
