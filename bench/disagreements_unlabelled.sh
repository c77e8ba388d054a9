#!/usr/bin/env bash
# Disagreements reported where nobody labelled any: every duc2004-dev cluster
# that disagreements-dev does not label (10 articles of one event, dated) and
# every duc2006-focus-dev topic (25 broad topics: many articles over several
# years, no dates in the files). Counts reports per kind per group, so a change
# that invents disagreements shows; the reports themselves are in OUTDIR (one
# JSON digest per cluster) to be read by hand.
#   bash bench/disagreements_unlabelled.sh [path/to/chorus] [OUTDIR]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
chorus=${1:-$src/build/chorus}
out=${2:-$(mktemp -d)}
data="$src/../shared/data"
[ -d "$data/disagreements-dev" ] && [ -d "$data/duc2006-focus-dev" ] || { echo "skipped: ../shared/data not found"; exit 0; }
mkdir -p "$out"
for d in "$data"/duc2004-dev/docs/d3*t "$data"/duc2006-focus-dev/docs/D06*; do
  n=$(basename "$d")
  "$chorus" digest --format json "$d"/* > "$out/$n.json" 2>/dev/null || echo "digest of $n failed" >&2
done
python3 - "$out" "$data/disagreements-dev/labels.jsonl" <<'PY'
import collections, glob, json, sys
out, labels = sys.argv[1], sys.argv[2]
labelled = {json.loads(l)["cluster"] for l in open(labels)}
count, groups = collections.Counter(), collections.Counter()
for f in sorted(glob.glob(out + "/*.json")):
    n = f.rsplit("/", 1)[1][:-5]
    if n in labelled:
        continue
    g = "duc2004-dev unlabelled" if n.startswith("d3") else "duc2006-focus-dev"
    groups[g] += 1
    for x in json.load(open(f)).get("disagreements", []):
        count[g, x["kind"]] += 1
print("| clusters | n | conflict | update | approximate | reports per cluster |")
print("|---|---|---|---|---|---|")
for g in sorted(groups):
    c = [count[g, k] for k in ("conflict", "update", "approximate")]
    print(f"| {g} | {groups[g]} | {c[0]} | {c[1]} | {c[2]} | {sum(c) / groups[g]:.1f} |")
print(f"(digests in {out})")
PY
