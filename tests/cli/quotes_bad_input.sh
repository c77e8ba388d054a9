#!/usr/bin/env bash
# Hostile quotes (a mark never closed, 10,000 nested marks, a 1 MB quoted
# span, a 500-word name): bounded time, no crash, each span listed in the
# digest JSON's skipped_quotes (or its paragraph in dropped) with why.
set -uo pipefail
chorus=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
body = ("The river rose two metres overnight and the old bridge in the town centre was closed to traffic "
        "while engineers inspected its piers. Residents were told to use the ferry until further notice.\n\n")
open(d + "/unclosed.txt", "w").write(body + "The mayor spoke to residents at the town hall on Monday evening and said that "
     "\"the council will rebuild the bridge before the spring thaw and open it to traffic by May at the latest, "
     "whatever the cost turns out to be for the town.\n\n" + body.replace("river", "water"))
open(d + "/nested.txt", "w").write("The mayor said: " + "\u201c" * 10000 + "hello there friends" + "\u201d" * 10000 + "\n")
open(d + "/huge.txt", "w").write("The mayor said: \"" + "word " * 200000 + "\" and left.\n")
open(d + "/name.txt", "w").write("\"We will rebuild the bridge,\" said " + " ".join("Smith" + chr(97 + i % 26) for i in range(500)) + ".\n")
PY
for f in unclosed nested huge name; do
    timeout 20 "$chorus" digest --format json "$dir/$f.txt" > "$dir/$f.json" 2> "$dir/$f.err"
    code=$?
    [ "$code" -eq 0 ] || { cat "$dir/$f.err"; fail "$f: exit $code"; }
done
reason() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('\n'.join(q['reason'] for q in d['skipped_quotes'])); print('\n'.join(p['reason'] for p in d['dropped'])); print('quotes', len(d['quotes']))" "$1" > "$1.reasons"; cat "$1.reasons"; }
reason "$dir/unclosed.json" > /dev/null; grep -qx "quotation mark never closed" "$dir/unclosed.json.reasons" || fail "unclosed quote not skipped with its reason"
reason "$dir/nested.json" > /dev/null; grep -qx "more than 8 quotation marks in a row" "$dir/nested.json.reasons" || fail "nested marks not skipped with their reason"
reason "$dir/huge.json" > /dev/null; grep -qx "paragraph too long to be prose" "$dir/huge.json.reasons" || fail "1 MB quoted span not accounted for"
reason "$dir/name.json" > /dev/null; grep -qx "speaker's name longer than 10 words" "$dir/name.json.reasons" || fail "500-word name not skipped with its reason"
for f in unclosed nested name; do
    reason "$dir/$f.json" > /dev/null; grep -qx "quotes 0" "$dir/$f.json.reasons" || fail "$f: a hostile span was kept as a quote"
done
echo "quotes bad input: ok"
