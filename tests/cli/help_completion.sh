#!/usr/bin/env bash
# `chorus help COMMAND` prints exactly `chorus COMMAND --help` for every
# command `chorus --help` lists; the bash completion offers commands,
# options and formats from the binary's own help.
set -euo pipefail
chorus=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$2
fail() { echo "FAIL: $*"; exit 1; }
cmds=$("$chorus" --help | awk '/^commands:/{on=1; next} on && /^  [a-z]/{print $1} on && /^$/{on=0}')
[ -n "$cmds" ] || fail "no commands in chorus --help"
for c in $cmds; do
  a=$("$chorus" help "$c") || fail "chorus help $c exited $?"
  b=$("$chorus" "$c" --help) || fail "chorus $c --help exited $?"
  [ "$a" = "$b" ] || fail "chorus help $c differs from chorus $c --help"
done
set +e; "$chorus" help no-such-command 2>/dev/null; rc=$?; set -e
[ $rc -eq 2 ] || fail "help for an unknown command: exit $rc"
complete_words() { # WORDS...: what the completion offers for the last word
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _chorus; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$src/completions/chorus.bash" "$@"
}
grep -qx digest <<<"$(complete_words "$chorus" dig)" || fail "completion of 'dig'"
grep -qx serve <<<"$(complete_words "$chorus" se)" || fail "completion of 'se'"
grep -qx -- --format <<<"$(complete_words "$chorus" digest --for)" || fail "completion of 'digest --for'"
grep -qx html <<<"$(complete_words "$chorus" digest --format h)" || fail "completion of 'digest --format h'"
grep -qx -- --listen <<<"$(complete_words "$chorus" serve --li)" || fail "completion of 'serve --li'"
echo "help and completion: ok ($(wc -w <<<"$cmds") commands)"
