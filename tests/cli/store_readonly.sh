#!/usr/bin/env bash
# Readers of the store work without write access: on a read-only copy, and
# without permission to write the file or its directory (they never need the
# WAL index or a lock file they cannot create).
set -uo pipefail
chorus=$1
src=$2
dir=$(mktemp -d)
trap 'chmod -R u+w "$dir"; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$chorus" ingest --db "$dir/news.db" "$src"/examples/story/* > /dev/null 2>&1 || fail "ingest"
chmod 755 "$dir"
chmod 444 "$dir/news.db"
chmod 555 "$dir"
# As root the permission bits do not bind: read as an unprivileged user then.
as_reader=()
if [ "$(id -u)" -eq 0 ]; then
    command -v setpriv > /dev/null || { echo "skipped: root without setpriv"; exit 0; }
    as_reader=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
out=$("${as_reader[@]}" "$chorus" stories --db "$dir/news.db" 2>&1) || fail "stories on a read-only store: $out"
echo "$out" | grep -q "^| 1 |" || fail "no story listed: $out"
out=$("${as_reader[@]}" "$chorus" digest --db "$dir/news.db" --story 1 2>&1) || fail "digest on a read-only store: $out"
echo "$out" | grep -q "^# " || fail "no digest: $out"
# a writer is refused with a message, not a crash
out=$("${as_reader[@]}" "$chorus" ingest --db "$dir/news.db" "$src"/examples/story/* 2>&1); code=$?
[ "$code" -eq 4 ] || fail "ingest into a read-only store should exit 4, got $code: $out"
echo "$out" | grep -q "news.db" || fail "the message does not name the store: $out"
echo "store read-only: ok"
