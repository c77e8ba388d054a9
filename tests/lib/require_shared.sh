# Sourced by the command-level tests that read the evaluation data beside the
# source tree: `require_shared PATH` ends the test as skipped (exit 0, with a
# message) when PATH is absent, so the suite passes without ../shared.
require_shared() {
  if [ ! -e "$1" ]; then
    echo "skipped: ../shared/data not found ($1)"
    exit 0
  fi
}
