#!/usr/bin/env bash
# The disagreements of the canonical input (../shared/seeds) and of the bundled
# example, against expectations written by hand after reading the articles:
# - seeds: whether the letter was signed is a conflict, "signed" in the
#   FRANCE 24 report and 003, "unsigned"/"not signed" in 000, 001 and 004;
#   the troops in Iraq ("around/roughly/some 5,000" vs "Some 5,200") are
#   approximate, never a conflict; nothing else is reported;
# - examples/story: roughly 30,000 vehicles a day (coastal-daily) against about
#   24,000 (harbor-herald, Nordic Wire and its copy in Valley Courier) is a
#   conflict, every outlet on its side.
set -euo pipefail
chorus=$1
src=$2
seeds="$src/../shared/seeds"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$chorus" digest --format json "$src"/examples/story/* > "$out" || fail "demo digest exited $?"
python3 - "$out" <<'PY' || fail "demo: 30,000 vs 24,000 vehicles not reported as a conflict"
import json, sys
d = json.load(open(sys.argv[1]))
v = [x for x in d["disagreements"] if x["kind"] == "conflict" and "vehicles" in x["subject"]]
assert len(v) == 1, d["disagreements"]
sides = {s["value"]: set(s["outlets"]) for s in v[0]["sides"]}
# the two text files name no outlet: they are shown as files
assert sides.get(30000.0) == {"coastal-daily (file)"}, sides
assert sides.get(24000.0) == {"harbor-herald (file)", "Nordic Wire", "Valley Courier"}, sides
PY
md=$("$chorus" digest "$src"/examples/story/*)
sed -n '/^## Where outlets differ/,/^## Dropped/p' <<<"$md" | grep -qF '### Conflicting reports' || fail "demo: no conflict heading"
sed -n '/^## Where outlets differ/,/^## Dropped/p' <<<"$md" | grep -qF 'roughly 30,000 vehicles' || fail "demo: 30,000 side missing"
# the seeds live beside the repository: read in the data tier (CHORUS_TEST_TIER=data)
if [ "${CHORUS_TEST_TIER:-}" = fast ]; then echo "seeds_disagreements: demo ok (seeds in the data tier)"; exit 0; fi
. "$src/tests/lib/require_shared.sh"
require_shared "$seeds"
"$chorus" digest --format json "$seeds"/*.txt > "$out" || fail "digest exited $?"
python3 - "$out" <<'PY' || fail "seeds: unexpected disagreements"
import json, sys
d = json.load(open(sys.argv[1]))
dis = d["disagreements"]
def side_ids(s):
    return sorted(src["article"] for src in s["sources"])
def fail(msg):
    print("FAIL:", msg, json.dumps([(x["kind"], x["subject"], [(s["text"], side_ids(s)) for s in x["sides"]]) for x in dis], indent=1))
    sys.exit(1)
signed = [x for x in dis if x["kind"] == "conflict" and "sign" in x["subject"]]
if len(signed) != 1: fail("want one conflict on whether the letter was signed")
sides = {}
for s in signed[0]["sides"]:
    sides[s["value"]] = set(a[:3] for a in side_ids(s))
if sides.get(1.0) != {"002", "003"}: fail("signed side should be 002 (FRANCE 24) and 003: %s" % sides)
if sides.get(-1.0) != {"000", "001", "004"}: fail("unsigned side should be 000, 001, 004: %s" % sides)
troops = [x for x in dis if "5,200" in json.dumps(x)]
if len(troops) != 1 or troops[0]["kind"] != "approximate": fail("5,000 vs 5,200 troops must be approximate")
if len(dis) != 2: fail("want exactly two disagreements")
for x in dis:
    for s in x["sides"]:
        for k in ("value", "interval", "unit", "text", "outlets", "sources"):
            if k not in s: fail("side key %s missing" % k)
        for src in s["sources"]:
            for k in ("outlet", "article", "published", "sentence", "text", "sentence_text"):
                if k not in src: fail("source key %s missing" % k)
PY

echo "seeds_disagreements: ok"
