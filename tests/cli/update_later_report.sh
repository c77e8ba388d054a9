#!/usr/bin/env bash
# An update digest prefers the later of two reports that say the same: two
# new reports print one identical sentence, and the digest credits it to
# whichever was published later (swapping the dates swaps the credit). Not
# an update (no --seen): the dates change nothing.
set -u
BIN=$1
fail() { echo "FAIL: $*" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cat >"$TMP/seen.txt" <<'TXT'
The Elm Street bridge was closed to traffic on Friday after residents reported loud noises from the structure.

City officials said the bridge carries about twenty thousand cars a day across the Green River.

The mayor said inspectors would examine the bridge over the weekend before any decision on reopening it.
TXT
python3 - "$TMP" <<'PY' || fail "could not write the test articles"
import json, sys
same = ("Engineers found deep cracks in the main span of the Elm Street bridge and said repairs "
        "would take at least three months.")
arts = [
    ("x", "Inspectors spent the weekend on the Elm Street bridge over the Green River. " + same +
     " Drivers will use the Oak Avenue detour while the bridge stays closed to traffic."),
    ("y", "The Elm Street bridge will stay closed to traffic for months, the city said on Monday. " + same +
     " The mayor asked the state for emergency money to pay for the repairs."),
    ("z", "Commuters crowded the Oak Avenue detour on Monday as the Elm Street bridge stayed closed to "
     "traffic. The city said the repairs to the bridge would cost about four million dollars. "
     "The mayor asked the state for emergency money."),
]
for name, days in (("xlate", {"x": "2024-03-06", "y": "2024-03-04", "z": "2024-03-05"}),
                   ("ylate", {"x": "2024-03-04", "y": "2024-03-06", "z": "2024-03-05"})):
    with open(f"{sys.argv[1]}/{name}.jsonl", "w") as f:
        for a, text in arts:
            f.write(json.dumps({"id": a, "source": "Outlet " + a.upper(), "published": days[a], "text": text}) + "\n")
PY
credit() { # JSONL [OPTION...] -> article of the summary's "Engineers found" sentence, and the summary's sentences
    "$BIN" digest --format json --words 60 "${@:2}" "$1" | python3 -c '
import json, sys
s = json.load(sys.stdin)["summary"]
print(" ".join(x["article"] for x in s if x["text"].startswith("Engineers found")) or "none",
      [(x["article"], x["sentence"]) for x in s])'
}
x=$(credit "$TMP/xlate.jsonl" --seen "$TMP/seen.txt") || fail "update digest failed"
y=$(credit "$TMP/ylate.jsonl" --seen "$TMP/seen.txt") || fail "update digest failed"
[ "${x%% *}" = x ] || fail "x published last, but the shared sentence is credited to: $x"
[ "${y%% *}" = y ] || fail "y published last, but the shared sentence is credited to: $y"
# no seen set: not an update, the dates change nothing
[ "$(credit "$TMP/xlate.jsonl")" = "$(credit "$TMP/ylate.jsonl")" ] || fail "dates changed a digest that is not an update"
echo "ok"
