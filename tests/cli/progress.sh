#!/usr/bin/env bash
# Progress of ingest and extract: off when standard error is not a terminal,
# on in a terminal (a pty from script(1)) and with --progress (one line a
# second to a file, the first at the start), off with --quiet; a summary
# line at the end with skips and their reasons; the standard output table
# unchanged either way.
set -uo pipefail
chorus=$1
src=$2
fail() { echo "FAIL: $*"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir/feed.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(300):
        f.write(json.dumps({"id": "a%d" % i, "source": "Outlet %d" % (i % 7),
                            "published": "2026-03-%02dT08:00:00Z" % (1 + i % 28),
                            "title": "Bridge number %d closes after cracks are found" % (i % 40),
                            "text": "Engineers found cracks in bridge %d on Monday. The city closed it to traffic "
                                    "and said repairs would take %d weeks." % (i % 40, 2 + i % 5)}) + "\n")
    f.write('{"id": broken\n')
PY

# not a terminal, no option: the table only, no progress
"$chorus" ingest --db "$dir/a.db" "$dir/feed.jsonl" >"$dir/a.out" 2>"$dir/a.err"
[ $? -eq 1 ] || fail "ingest of a feed with a bad line should exit 1"
grep -q "articles, " "$dir/a.err" && fail "progress shown on a file without --progress"
grep -q "^read  *301" "$dir/a.out" || fail "table: $(cat "$dir/a.out")"

# forced onto a file: the first line at the start, the summary with the reason
"$chorus" ingest --progress --db "$dir/b.db" "$dir/feed.jsonl" >"$dir/b.out" 2>"$dir/b.err"
head -1 "$dir/b.err" | grep -q "^ingest: 0 articles, 0.0 of 0.1 MB (0:00)$" ||
    fail "first progress line: $(head -1 "$dir/b.err")"
grep -q "^ingest: 300 articles, 0.1 of 0.1 MB" "$dir/b.err" || fail "final progress line: $(cat "$dir/b.err")"
grep -q "^ingest: read 301, kept [0-9]*, duplicates [0-9]*, already stored [0-9]*, new stories [0-9]*, skipped 1 (1 " \
    "$dir/b.err" || fail "summary line: $(tail -2 "$dir/b.err")"
cmp -s <(grep -v '^store' "$dir/a.out") <(grep -v '^store' "$dir/b.out") || fail "the table changed with --progress"

# --quiet wins over a terminal; a terminal redraws in place
if command -v script >/dev/null; then
    script -qec "'$chorus' ingest --quiet --db '$dir/c.db' '$dir/feed.jsonl'" /dev/null >"$dir/c.tty" 2>&1
    grep -q "articles, " "$dir/c.tty" && fail "--quiet still shows progress"
    script -qec "'$chorus' ingest --db '$dir/d.db' '$dir/feed.jsonl'" /dev/null >"$dir/d.tty" 2>&1
    grep -q $'\r''ingest: [0-9]* articles' "$dir/d.tty" || fail "no progress in a terminal: $(head -c 300 "$dir/d.tty")"
    grep -q "^ingest: read 301" "$dir/d.tty" || fail "no summary in a terminal"
    grep -q "feed.jsonl:301: skipped" "$dir/d.tty" || fail "the skip message is lost in a terminal"
else
    echo "script(1) not found: terminal cases not run"
fi

# extract: the size of the inputs is known, the summary counts and names skips
printf 'not json at all\n' > "$dir/bad.jsonl"
"$chorus" extract --progress "$src/examples/story" "$dir/missing.html" >"$dir/e.out" 2>"$dir/e.err"
grep -q "^extract: [0-9]* articles, [0-9.]* of [0-9.]* MB" "$dir/e.err" || fail "extract progress: $(cat "$dir/e.err")"
grep -q "^extract: 4 articles from 2 inputs, skipped 1 (1 cannot open" "$dir/e.err" ||
    fail "extract summary: $(tail -1 "$dir/e.err")"
[ "$(wc -l <"$dir/e.out")" -eq 4 ] || fail "extract output changed with --progress"
"$chorus" extract -q "$src/examples/story" >/dev/null 2>"$dir/f.err"
[ ! -s "$dir/f.err" ] || fail "extract --quiet printed: $(cat "$dir/f.err")"
echo "progress: ok"
