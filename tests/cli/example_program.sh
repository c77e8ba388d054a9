#!/usr/bin/env bash
# examples/libchorus/digest_page.c built as a user would: chorus installed
# (cmake --install into a scratch prefix), compiled with pkg-config's flags,
# run on the bundled example story.
set -euo pipefail
chorus=$1
src=$2
fail() { echo "FAIL: $*"; exit 1; }
build=$(cd "$(dirname "$chorus")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v cc >/dev/null || { echo "skipped: no C compiler"; exit 0; }
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null || fail "cmake --install"
pc=$(dirname "$(find "$tmp/prefix" -name chorus.pc | head -1)")
[ -n "$pc" ] || fail "chorus.pc not installed"
[ -f "$tmp/prefix/share/bash-completion/completions/chorus" ] || fail "bash completion not installed"
flags=$(PKG_CONFIG_PATH="$pc" pkg-config --define-prefix --static --cflags --libs chorus) || fail "pkg-config chorus"
extra=()
grep -q "CHORUS_SANITIZE:BOOL=ON" "$build/CMakeCache.txt" && extra=(-fsanitize=address,undefined)
# shellcheck disable=SC2086
cc -std=c17 -Wall -Wextra -Werror "${extra[@]}" "$src/examples/libchorus/digest_page.c" $flags -o "$tmp/digest_page" \
  || fail "the example does not build with pkg-config's flags: $flags"
"$tmp/digest_page" "$src"/examples/story/* > "$tmp/page.html" || fail "the example exited $?"
grep -q '<!DOCTYPE html>' "$tmp/page.html" && grep -q 'class="sent"' "$tmp/page.html" || fail "no HTML digest"
# to a file, not a pipe: grep -q stops reading at its match, and the writer's
# SIGPIPE would fail the run under pipefail once the digest outgrows a buffer
"$tmp/digest_page" --md "$src"/examples/story/* > "$tmp/page.md" || fail "the example exited $? (--md)"
grep -q '^## Summary' "$tmp/page.md" || fail "no Markdown digest"
echo "example program: ok"
