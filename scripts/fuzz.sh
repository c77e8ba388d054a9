#!/usr/bin/env bash
# Build the libFuzzer harnesses with clang and run each one for SECONDS
# (default 300), one after another. Fails if any harness finds a crash, a
# leak, a timeout or a sanitizer report; the inputs that triggered them are
# left in $BUILD/fuzz-artifacts/<harness>/ (turn each into a regression test).
#
#   scripts/fuzz.sh [SECONDS] [HARNESS...]     e.g. scripts/fuzz.sh 60 warc html
#   scripts/fuzz.sh long [HARNESS...]          the long tier: 600 s per harness
# Environment: CHORUS_FUZZ_BUILD (build directory, default build-fuzz),
# CHORUS_FUZZ_LOGS (directory for the per-harness logs, default the build directory).
set -euo pipefail

seconds=${1:-300}
shift || true
# the long tier of the issue: ten minutes per harness
[ "$seconds" = long ] && seconds=600
root=$(cd "$(dirname "$0")/.." && pwd)
build=${CHORUS_FUZZ_BUILD:-$root/build-fuzz}
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
    harnesses=()
    for f in "$root"/fuzz/fuzz_*.c; do
        n=$(basename "$f" .c)
        harnesses+=("${n#fuzz_}")
    done
fi

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCHORUS_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets=()
for h in "${harnesses[@]}"; do targets+=("fuzz_$h"); done
cmake --build "$build" -j2 --target "${targets[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for h in "${harnesses[@]}"; do
    # New inputs go to a work corpus in the build tree, never into the repo.
    work="$build/fuzz-corpus/$h"
    artifacts="$build/fuzz-artifacts/$h"
    mkdir -p "$work" "$artifacts"
    logs=${CHORUS_FUZZ_LOGS:-$build}
    mkdir -p "$logs"
    log="$logs/fuzz-$h.log"
    echo "== fuzz_$h for ${seconds}s (log: $log)"
    t0=$(date +%s)
    set +e
    # FUZZ_SEED makes the mutation sequence repeatable (CI sets it); unset, libFuzzer picks one
    "$build/fuzz/fuzz_$h" ${FUZZ_SEED:+-seed=$FUZZ_SEED} -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$work" "$root/fuzz/corpus/$h" >"$log" 2>&1
    rc=$?
    set -e
    t1=$(date +%s)
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
    if [ $rc -ne 0 ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log"; then
        echo "   FAILED after $((t1 - t0)) s (exit $rc): $(grep -m1 -E 'ERROR:|runtime error:' "$log" || true)"
        ls "$artifacts" | sed 's/^/   artifact: /'
        failed+=("$h")
    else
        echo "   ok: $((t1 - t0)) s, ${runs:-?} runs, ${cov:-cov ?}"
    fi
done
if [ ${#failed[@]} -ne 0 ]; then
    echo "fuzzing failed: ${failed[*]}" >&2
    exit 1
fi
echo "fuzzing passed: ${harnesses[*]}"
