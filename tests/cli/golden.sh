#!/usr/bin/env bash
# Golden digests: the demo's and the seeds' digests in every format must equal
# the files in tests/golden/ byte for byte, so any change of output shows up
# here and is accepted on purpose (scripts/update-golden.sh, then review the
# diff). The seeds' cases are skipped when ../shared is absent.
set -uo pipefail
chorus=$1
src=$2
. "$src/scripts/golden-cases.sh"
failed=0
for case in "${golden_cases[@]}"; do
  read -r name dir format <<<"$case"
  expected="$src/tests/golden/$name.$format"
  if [ ! -d "$src/$dir" ] || { [ "${CHORUS_TEST_TIER:-}" = fast ] && [[ $dir == ../* ]]; }; then
    echo "skipped: $dir not found or not in this tier ($name.$format)"; continue
  fi
  [ -f "$expected" ] || { echo "FAIL: $expected is missing (scripts/update-golden.sh)"; failed=1; continue; }
  if ! diff -u "$expected" <(golden_run "$chorus" "$src" "$dir" "$format") > /tmp/golden.$$.diff; then
    echo "FAIL: $name.$format differs from tests/golden (if intended: bash scripts/update-golden.sh)"
    head -40 /tmp/golden.$$.diff
    failed=1
  fi
  rm -f /tmp/golden.$$.diff
done
[ $failed -eq 0 ] && echo "golden digests: ok"
exit $failed
