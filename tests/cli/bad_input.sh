#!/usr/bin/env bash
# Bad input: one clear message per bad input naming the file and place, the
# good inputs still digested, documented exit codes, never a crash.
set -uo pipefail
chorus=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cp "$src"/examples/story/*.txt "$dir/"
: > "$dir/empty.txt"
# Fixed bytes, so no run can start like JSON, HTML or a compressed archive.
python3 -c "import random, sys; sys.stdout.buffer.write(b'\x00\x07' + random.Random(7).randbytes(4094))" > "$dir/junk.bin"
printf 'Caf\xe9 au lait is a French drink.\n' > "$dir/latin1.txt"
printf '{"id":"x1","text":"A fine article about the bridge."}\n{"id": broken\n' > "$dir/feed.jsonl"
python3 -c "print('word ' * 2_100_000)" > "$dir/huge.txt"

"$chorus" digest "$dir"/* "$dir/missing.txt" > "$dir/out.md" 2> "$dir/err.txt"
code=$?
[ "$code" -eq 1 ] || { cat "$dir/err.txt"; fail "expected exit 1 (partial), got $code"; }
grep -q "^# " "$dir/out.md" || fail "no digest for the good inputs"
grep -q "empty.txt: skipped: empty file" "$dir/err.txt" || fail "empty file not reported"
grep -q "junk.bin: skipped: binary data" "$dir/err.txt" || fail "binary junk not reported"
grep -q "latin1.txt: warning: not UTF-8 (invalid byte at 3): read as windows-1252" "$dir/err.txt" || fail "invalid UTF-8 not reported"
grep -q "feed.jsonl:2: skipped: malformed JSON" "$dir/err.txt" || fail "malformed JSONL line not reported"
grep -q "missing.txt" "$dir/err.txt" || fail "missing file not reported"
# the 10 MB line is read, and cut at the text-bytes limit (4 MiB)
grep -q "huge.txt: skipped: text cut after [0-9]* of its 10500001 bytes (limit text-bytes=" "$dir/err.txt" ||
    fail "10 MB line: the cut at the text-bytes limit not reported"
[ "$(grep -c . "$dir/err.txt")" -eq 6 ] || { cat "$dir/err.txt"; fail "expected exactly one line per bad input"; }

"$chorus" digest "$dir/empty.txt" > /dev/null 2>&1; code=$?
[ "$code" -eq 3 ] || fail "no usable input should exit 3, got $code"
"$chorus" digest --words nope "$dir/feed.jsonl" > /dev/null 2>&1; code=$?
[ "$code" -eq 2 ] || fail "bad option should exit 2, got $code"
"$chorus" frobnicate > /dev/null 2>&1; code=$?
[ "$code" -eq 2 ] || fail "unknown command should exit 2, got $code"
"$chorus" --help | grep -q "exit codes" || fail "--help does not document exit codes"
echo "bad input: ok"
