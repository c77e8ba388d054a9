#!/usr/bin/env bash
# The source layout rules (scripts/check-layout.py): stage order, no cycle
# between modules by includes or by calls, the CLI on the public API, no
# printing or getenv in the library. Known debts are listed in
# scripts/layout-known.txt; anything new fails here.
set -euo pipefail
chorus=$1
src=$2
build=$(cd "$(dirname "$chorus")" && pwd)
python3 "$src/scripts/check-layout.py" "$build"
