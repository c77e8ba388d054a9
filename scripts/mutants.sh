#!/usr/bin/env bash
# Mutation check: apply each small mutation of scripts/mutants.txt to a copy
# of the tree, rebuild, run the fast suite, and list the mutants it does not
# notice (survivors). Run by hand; the figures go to bench/RESULTS.md.
#   bash scripts/mutants.sh [--data]    (--data: the data tier too)
set -uo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
labels="-L fast"
[ "${1:-}" = "--data" ] && labels=""
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree"
(cd "$src" && git ls-files -z | xargs -0 cp --parents -t "$work/tree")
[ -d "$src/../shared" ] && ln -s "$(cd "$src/../shared" && pwd)" "$work/shared"
cmake -S "$work/tree" -B "$work/tree/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/tree/build" -j2 >/dev/null || { echo "mutants: the unmutated tree does not build"; exit 1; }
ctest --test-dir "$work/tree/build" $labels -j2 >/dev/null || { echo "mutants: the unmutated suite fails"; exit 1; }

total=0 killed=0 survived=0 stillborn=0
while IFS='|' read -r file text repl why; do
  file=$(echo "$file" | xargs); [ -z "$file" ] || [[ $file == \#* ]] && continue
  text=${text# }; text=${text% }; repl=${repl# }; repl=${repl% }; why=${why# }
  total=$((total + 1))
  f="$work/tree/$file"
  cp "$f" "$work/orig"
  if ! python3 - "$f" "$text" "$repl" <<'PY'
import sys
p, a, b = sys.argv[1:]
s = open(p, encoding="utf-8").read()
if a not in s:
    sys.exit(1)
open(p, "w", encoding="utf-8").write(s.replace(a, b, 1))
PY
  then
    echo "NOT FOUND  $file: $text"
    stillborn=$((stillborn + 1))
    continue
  fi
  if ! cmake --build "$work/tree/build" -j2 >/dev/null 2>&1; then
    echo "STILLBORN  $file: $text -> $repl (does not build)"
    stillborn=$((stillborn + 1))
  elif ctest --test-dir "$work/tree/build" $labels -j2 >/dev/null 2>&1; then
    echo "SURVIVED   $file: $text -> $repl ($why)"
    survived=$((survived + 1))
  else
    echo "killed     $file: $text -> $repl"
    killed=$((killed + 1))
  fi
  cp "$work/orig" "$f"
  touch "$f"
done < "$src/scripts/mutants.txt"
echo "mutants: $total tried, $killed killed, $survived survived, $stillborn not applicable"
