#!/usr/bin/env bash
# Rewrite the golden digests in tests/golden/ from the current build, on
# purpose: run it after a change that is meant to alter the output, then read
# `git diff tests/golden` and commit the files with the change that caused them.
#   bash scripts/update-golden.sh [path/to/chorus]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
chorus=${1:-$src/build/chorus}
. "$src/scripts/golden-cases.sh"
for case in "${golden_cases[@]}"; do
  read -r name dir format <<<"$case"
  if [ ! -d "$src/$dir" ]; then echo "update-golden: $dir not found, $name.$format left as it is"; continue; fi
  golden_run "$chorus" "$src" "$dir" "$format" > "$src/tests/golden/$name.$format"
  echo "update-golden: tests/golden/$name.$format"
done
git -C "$src" diff --stat -- tests/golden || true
