#!/usr/bin/env bash
# The option parsing the commands share: the same wording for bad values in
# every command, both "--name value" and "--name=value", --help anywhere on
# the line, and exit 2 (usage) for every mistake, before any input is read.
# usage: cli_options.sh CHORUS_BINARY SOURCE_DIR
set -uo pipefail
chorus=$1
src=$2
dir=$(mktemp -d /tmp/chorus-options-test.XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() { echo "cli_options: FAIL: $*" >&2; exit 1; }

# expect CODE EXPECTED_STDERR ARGS...: exact stderr and exit code
expect() {
    local code=$1 want=$2
    shift 2
    "$chorus" "$@" > "$dir/out" 2> "$dir/err"
    local got=$?
    [ "$got" -eq "$code" ] || fail "chorus $*: exit $got, expected $code"
    [ "$(cat "$dir/err")" = "$want" ] || fail "chorus $*: stderr '$(cat "$dir/err")', expected '$want'"
}

missing=$dir/missing.txt
expect 2 "chorus: digest: unknown format 'xml' (md, json, text, html, summary)" digest --format xml "$missing"
expect 2 "chorus: digest: unknown format 'xml' (md, json, text, html, summary)" digest --format=xml "$missing"
expect 2 "chorus: stories: unknown sort 'big' (size, recent)" stories --db "$dir/x.db" --sort big
expect 2 "chorus: stories: unknown format 'yaml' (md, json, atom)" stories --db "$dir/x.db" --format yaml
expect 2 "chorus: digest: --words needs a positive number" digest --words 0 "$missing"
expect 2 "chorus: digest: --words needs a positive number" digest --words=-3 "$missing"
expect 2 "chorus: stories: --limit needs a positive number" stories --db "$dir/x.db" --limit x
expect 2 "chorus: eval quotes: --min-words needs a number" eval quotes --min-words many
expect 2 $'chorus: option --words needs a value\nchorus: digest: --words needs a positive number' digest --words
expect 2 "chorus: option -o needs a value" quotes -o
expect 2 "chorus: cluster: --join wants a number in [0, 1], not '1.5'" cluster --join 1.5 "$missing"
expect 2 "chorus: cluster: --neighbours wants a whole number in [1, 1000], not '2.5'" cluster --neighbours 2.5 "$missing"
expect 2 "chorus: cluster: --window-days wants a number of days, not 'soon'" cluster --window-days soon "$missing"
expect 2 "chorus: extract: unknown option '--frob'" extract --frob "$missing"
expect 2 "chorus: ingest: unknown option '--frob'" ingest --db "$dir/x.db" --frob
expect 2 "chorus: stories: unexpected argument 'extra'" stories --db "$dir/x.db" extra
expect 2 "chorus: eval extract: unknown argument 'extra'" eval extract extra
[ ! -e "$dir/x.db" ] || fail "a bad command line created the store"

# --help or -h prints the help on stdout and exits 0, also after other options.
for cmd in digest quotes extract cluster ingest stories "eval clusters" "eval extract" "eval quotes" "eval rouge"; do
    for help in --help -h; do
        # shellcheck disable=SC2086
        "$chorus" $cmd $help > "$dir/out" 2> "$dir/err" || fail "$cmd $help: non-zero exit"
        grep -q "^usage: chorus $cmd" "$dir/out" || fail "$cmd $help: no usage on stdout"
        [ ! -s "$dir/err" ] || fail "$cmd $help: unexpected stderr: $(cat "$dir/err")"
    done
done
"$chorus" digest --words 50 --format=json --help > "$dir/out" || fail "digest ... --help: non-zero exit"
grep -q "^usage: chorus digest" "$dir/out" || fail "digest ... --help: no usage"
"$chorus" cluster --join 0.5 --help > "$dir/out" || fail "cluster ... --help: non-zero exit"
grep -q "^usage: chorus cluster" "$dir/out" || fail "cluster ... --help: no usage"

# No input: the usage goes to stderr with exit 2.
"$chorus" quotes > "$dir/out" 2> "$dir/err"
[ $? -eq 2 ] || fail "quotes without input: expected exit 2"
grep -q "^usage: chorus quotes" "$dir/err" || fail "quotes without input: no usage on stderr"
echo "cli options: ok"
