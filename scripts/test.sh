#!/usr/bin/env bash
# Builds Dunderscope and runs every test suite (offscreen: no display needed). Then the
# robustness stage, which DS_QUICK=1 skips (CI always runs it): the whole project and its
# suites again with AddressSanitizer and UndefinedBehaviorSanitizer, and each libFuzzer target
# over its seed corpus plus a short bounded run. One clang build (build-asan/, -DDS_FUZZ=ON)
# serves both; see the README's "Robustness".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
mkdir -p /tmp/ds-runtime && chmod 700 /tmp/ds-runtime
export XDG_RUNTIME_DIR=/tmp/ds-runtime
ctest --test-dir build --output-on-failure -j2

if [ "${DS_QUICK:-0}" = 1 ]; then
    echo "DS_QUICK=1: sanitizer suite and fuzzers skipped"
    exit 0
fi

# Any sanitizer report fails the run (the build also has -fno-sanitize-recover=all).
export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
# -O1 -g1: quicker to build than -O2 -g, fast enough to run, and reports still name file and line.
[ -f build-asan/build.ninja ] ||
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCMAKE_CXX_COMPILER=clang++ -DDS_FUZZ=ON >/dev/null
cmake --build build-asan
ctest --test-dir build-asan --output-on-failure -j2

# Each fuzzer runs every corpus input, then fuzzes for a while; new inputs go to a scratch
# corpus (the committed one stays as it is), a crashing input to build-asan/fuzz-artifacts/.
mkdir -p build-asan/fuzz-artifacts
for target in loader parser evaluator; do
    scratch=build-asan/fuzz-corpus/$target
    log=build-asan/fuzz-$target.log
    mkdir -p "$scratch"
    if ! build-asan/tests/fuzz/fuzz_$target -max_total_time="${DS_FUZZ_SECONDS:-20}" -timeout=20 \
        -artifact_prefix=build-asan/fuzz-artifacts/ -print_final_stats=1 \
        "$scratch" "tests/fuzz/corpus/$target" >"$log" 2>&1; then
        cat "$log"
        echo "fuzz_$target: FAILED (the input is in build-asan/fuzz-artifacts/)"
        exit 1
    fi
    echo "fuzz_$target: $(grep -E '^stat::number_of_executed_units' "$log" | grep -oE '[0-9]+') executions, no findings"
done
