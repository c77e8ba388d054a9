#!/usr/bin/env bash
# Hostile inputs (tests/hostile/make_inputs.py): each ends within a few
# seconds with one clear message naming the file, the documented exit code,
# and the other inputs of the same run still processed. Limits are set small
# (--max) so that the cases stay fast.
set -uo pipefail
chorus=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
python3 "$src/tests/hostile/make_inputs.py" "$dir/in" || fail "could not generate the inputs"
in=$dir/in
good=$src/examples/story/$(ls "$src/examples/story" | head -1)

# run NAME EXPECTED_EXIT CMD...: bounded time, stdout/stderr kept in $dir
run() {
    local name=$1 want=$2
    shift 2
    timeout 10 "$@" > "$dir/$name.out" 2> "$dir/$name.err"
    local code=$?
    [ "$code" -ne 124 ] || fail "$name: still running after 10 s"
    [ "$code" -lt 128 ] || fail "$name: killed by signal $((code - 128))"
    [ "$code" -eq "$want" ] || { cat "$dir/$name.err"; fail "$name: exit $code, expected $want"; }
}
has() { grep -q -- "$2" "$dir/$1.err" || { cat "$dir/$1.err"; fail "$1: no message matching '$2'"; }; }
articles() { grep -c '^{' "$dir/$1.out"; }

# attributes dropped leave all the text in: a warning, exit status 0
run attributes 0 "$chorus" extract "$in/attributes.html" "$good"
has attributes "attributes.html: warning: .*attributes dropped .*(limit attributes)"
[ "$(articles attributes)" -eq 2 ] || fail "attributes: the page's text and the good input should both be kept"

run stray 1 "$chorus" extract --max nesting=200 "$in/stray_end_tags.html" "$good"
has stray "stray_end_tags.html: skipped: page cut at byte [0-9]*: elements nested more than 200 deep"
[ "$(articles stray)" -ge 1 ] || fail "stray: the good input was not processed"

run deep 1 "$chorus" extract "$in/deep.html" "$good"
has deep "deep.html: skipped: page cut at byte"

run parser_memory 1 "$chorus" --max html-memory=1M extract "$in/large.html" "$good"
has parser_memory "large.html: skipped: parsing the page needs more than 1048576 bytes (limit html-memory)"
[ "$(articles parser_memory)" -eq 1 ] || fail "parser_memory: the good input was not processed"

run bomb 1 "$chorus" extract --max decoded-bytes=4M "$in/bomb.warc"
has bomb "bomb.warc@[0-9]*: skipped: its gzip content of [0-9]* bytes decodes to more than"
[ "$(articles bomb)" -eq 2 ] || fail "bomb: the records around the bomb were lost"

run long_length 1 "$chorus" extract "$in/long_length.warc"
has long_length "long_length.warc@[0-9]*: skipped: "
for host in one three four; do
    grep -q "\"source\":\"$host.example\"" "$dir/long_length.out" || fail "long_length: record of $host.example lost"
done

run bom 0 "$chorus" extract "$in/bom.jsonl"
[ "$(articles bom)" -eq 2 ] || fail "bom: a JSONL file with a byte-order mark lost a record"
run bom_stdin 0 "$chorus" extract - < "$in/bom.jsonl"
[ "$(articles bom_stdin)" -eq 2 ] || fail "bom_stdin: standard input with a byte-order mark not read as JSONL"

run bad_utf8 0 "$chorus" extract "$in/bad_utf8.jsonl"
has bad_utf8 "bad_utf8.jsonl:1: warning: 1 invalid UTF-8 byte replaced by U+FFFD"
grep -q '"source":"Caf\xef\xbf\xbd Times"' "$dir/bad_utf8.out" || grep -q '"source":"Caf' "$dir/bad_utf8.out" ||
    fail "bad_utf8: the name field was dropped"

run controls 0 "$chorus" digest "$in/controls.jsonl"
run controls_text 0 "$chorus" digest --format text "$in/controls.jsonl"
run controls_summary 0 "$chorus" digest --format summary "$in/controls.jsonl"
for f in controls.out controls.err controls_text.out controls_summary.out; do
    if LC_ALL=C grep -q $'\x1b\|\x07' "$dir/$f"; then fail "controls: a control character reached $f"; fi
done
grep -q "Evil.*Outlet" "$dir/controls.out" || fail "controls: the outlet name is gone"
[ "$(grep -c 'Outlet' "$dir/controls.out")" -ge 1 ] && ! grep -q '^Outlet' "$dir/controls.out" ||
    fail "controls: a newline in an outlet name broke the Markdown"

for f in utf16le utf16be utf32; do
    run "$f" 0 "$chorus" extract "$in/$f.txt"
    grep -q '"text":"The mayor said the bridge will reopen' "$dir/$f.out" || fail "$f: not decoded"
done


run many_lines 1 "$chorus" digest --max text-bytes=64K "$in/many_lines.txt" "$good"
has many_lines "many_lines.txt: skipped: text cut after [0-9]* of its 500000 bytes (limit text-bytes=65536)"

# Tiny sentences cost by their number, not their bytes: cut by the sentences limit.
run many_sentences 1 "$chorus" digest --max sentences=1000 "$in/many_lines.txt" "$good"
has many_sentences "many_lines.txt: skipped: text cut after 4999 of its 500000 bytes (limit sentences=1000)"
# What counts as a sentence end: "U.S." and "3.5" do not end early, a line without a stop does.
printf 'One. Two! Three? U.S. pay 3.5 percent.\nno stop here\n\nLast.' > "$dir/ends.txt"
for want in "4:One. Two! Three? U.S.\"" "5:U.S. pay 3.5 percent.\"" "6:percent.\\nno stop here\""; do
    run ends 1 "$chorus" extract --max "sentences=${want%%:*}" "$dir/ends.txt"
    grep -qF -- "${want#*:}" "$dir/ends.out" || { cat "$dir/ends.out"; fail "sentences=${want%%:*}: cut at the wrong place"; }
done
run ends_all 0 "$chorus" extract --max sentences=7 "$dir/ends.txt"

run zero 1 "$chorus" --max input-bytes=1M sentences /dev/zero
has zero "/dev/zero: skipped: larger than .*input-bytes"

run tree 0 "$chorus" extract "$in/tree"
[ "$(articles tree)" -eq 1 ] || fail "tree: a directory cycle was read more than once"
has tree "directory already read"
run tree_depth 1 "$chorus" extract --max dir-depth=1 "$in/tree"
has tree_depth "more than 1 levels deep (limit dir-depth)"

# Outputs: a full device, a missing directory, a write that fails half-way.
for fmt in md json text summary; do
    run "full_$fmt" 4 "$chorus" digest --format "$fmt" "$good" -o /dev/full
    has "full_$fmt" "/dev/full: cannot write: No space left on device"
    timeout 10 "$chorus" digest --format "$fmt" "$good" > /dev/full 2> "$dir/full_stdout.err"
    [ $? -eq 4 ] || fail "digest --format $fmt to a full standard output should exit 4"
    grep -q "cannot write" "$dir/full_stdout.err" || fail "full standard output: no message"
done
run missing_dir 4 "$chorus" digest "$good" -o "$dir/no/such/dir/out.md"
has missing_dir "out.md: cannot write: No such file or directory"
echo "an earlier output" > "$dir/kept.jsonl"
big=$(ls "$src"/examples/story/* | head -3)
( trap '' XFSZ; ulimit -f 2; exec timeout 10 "$chorus" extract $big -o "$dir/kept.jsonl" ) > /dev/null 2> "$dir/efbig.err"
code=$?
[ "$code" -eq 4 ] || { cat "$dir/efbig.err"; fail "a write failing half-way should exit 4, got $code"; }
grep -q "kept.jsonl: cannot write" "$dir/efbig.err" || fail "failed write: no message naming the file"
[ "$(cat "$dir/kept.jsonl")" = "an earlier output" ] || fail "failed write: the earlier file was replaced"
ls -a "$dir" | grep -q "tmp-" && fail "failed write: a temporary file was left behind"

# Bad limit values are usage errors.
run bad_limit 2 "$chorus" extract --max nesting=zero "$good"
has bad_limit "limit nesting wants a whole number"
run unknown_limit 2 "$chorus" --max colours=3 extract "$good"
has unknown_limit "unknown limit 'colours'"
echo "hostile inputs: ok"
