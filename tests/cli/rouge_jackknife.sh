#!/usr/bin/env bash
# chorus eval rouge --jackknife reproduces NIST's jackknifed ROUGE-2 and
# ROUGE-SU4 of every peer on the DUC 2006 and DUC 2007 update dev topics
# (reference-rouge-per-topic.tsv of each folder) within 0.0005.
set -u
BIN=$1
SRC=$2
. "$SRC/tests/lib/require_shared.sh"
require_shared "$SRC/../shared/data/duc2006-focus-dev"
fail() { echo "FAIL: $*" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for spec in duc2006-focus-dev:250 duc2007-update-dev:100; do
    D="$SRC/../shared/data/${spec%%:*}"
    [ -d "$D" ] || continue
    "$BIN" eval rouge --jackknife --words "${spec##*:}" --per-cluster --format tsv --resamples 10 \
        "$D/models" "$D/peers" >"$TMP/out.tsv" 2>/dev/null || fail "eval rouge on $D exited $?"
    python3 - "$D/reference-rouge-per-topic.tsv" "$TMP/out.tsv" <<'PY' || fail "jackknife scores differ on $D"
import csv, sys
ref = {(r["system"], r["topic"]): (float(r["R2"]), float(r["RSU4"]))
       for r in csv.DictReader(open(sys.argv[1]), delimiter="\t")}
got = {}
for line in open(sys.argv[2]):
    f = line.rstrip("\n").split("\t")
    if f[1] not in ("all", "cluster"):
        got.setdefault((f[0], f[1]), {})[f[2]] = float(f[4])
bad = [k for k, (r2, su) in ref.items()
       if k not in got or abs(got[k]["R-2"] - r2) > 0.0005 or abs(got[k]["R-SU4"] - su) > 0.0005]
print(f"{len(ref) - len(bad)} of {len(ref)} peer-topic scores within 0.0005", file=sys.stderr)
sys.exit(1 if bad or not ref else 0)
PY
done
echo "rouge_jackknife: ok"
