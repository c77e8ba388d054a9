#!/usr/bin/env bash
# The seeds' timeline: the drone strike (3 Jan 2020), the parliament's vote
# (5 Jan) and the letter and the denials (6 Jan), in that order, each credited
# to the outlets that state it, though four of the five reports have no date
# and say "Friday", "Sunday", "Monday".
set -u
BIN=$1
SRC=$2
SEEDS="$SRC/../shared/seeds"
. "$SRC/tests/lib/require_shared.sh"
require_shared "$SEEDS"
fail() { echo "FAIL: $*" >&2; exit 1; }
"$BIN" digest --format json "$SEEDS"/* | python3 -c '
import json, sys
d = json.load(sys.stdin)
t = d["timeline"]
def find(date, *words):
    for i, e in enumerate(t):
        if e["date"] == date and all(w in e["text"] for w in words):
            # four seeds name no outlet and are shown as their files, "NAME (file)"
            return i, set(o[:-7] if o.endswith(" (file)") else o for o in e["outlets"])
    sys.exit("no event on %s with %s: %s" % (date, words, [(e["date"], e["text"][:60]) for e in t]))
strike, so = find("2020-01-03", "drone")
vote, vo = find("2020-01-05", "parliament", "voted")
letter, lo = find("2020-01-06", "letter")
denial, do = find("2020-01-06", "no decision")
assert strike < vote < letter and vote < denial, "events out of order"
assert {"003_d0ea6ff3f9a36d44", "004_25900b72bc8f5463"} <= so, so
assert {"001_7c0f10b8cde9f2d7", "FRANCE 24", "003_d0ea6ff3f9a36d44", "004_25900b72bc8f5463"} <= vo, vo
assert "004_25900b72bc8f5463" in lo and len(do) >= 4, (lo, do)
assert [e["date"] for e in t] == sorted(e["date"] for e in t)
' || fail "seeds timeline"
echo "timeline_seeds: ok"
