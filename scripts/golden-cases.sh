# The golden cases: NAME INPUT-DIR FORMAT. Sourced by tests/cli/golden.sh and
# scripts/update-golden.sh so both read one list. INPUT-DIR is relative to the
# source tree; the seeds live beside it in ../shared.
golden_cases=(
  "demo examples/story md"
  "demo examples/story json"
  "demo examples/story text"
  "demo examples/story html"
  "demo examples/story summary"
  "seeds ../shared/seeds md"
  "seeds ../shared/seeds json"
  "seeds ../shared/seeds text"
  "seeds ../shared/seeds html"
  "seeds ../shared/seeds summary"
)
# golden_run CHORUS SRC DIR FORMAT: the digest exactly as the golden file holds
# it, run inside DIR so article origins are bare file names.
golden_run() {
  local chorus=$1 src=$2 dir=$3 format=$4
  chorus=$(cd "$(dirname "$chorus")" && pwd)/$(basename "$chorus")
  (cd "$src/$dir" && "$chorus" digest --format "$format" *)
}
